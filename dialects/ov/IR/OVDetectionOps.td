//===- OVDetectionOps.td - SSD detection ops ---------------*- tablegen -*-===//

#ifndef OV_DETECTION_OPS_TD
#define OV_DETECTION_OPS_TD

def OV_PriorBoxOp : OV_InferOp<"prior_box"> {
  let summary = "PriorBox-1/8: SSD prior boxes, output [2, 4 * H * W * P]";
  let arguments = (ins OV_IntTensor:$output_size, OV_IntTensor:$image_size,
      DenseF64ArrayAttr:$min_size, DenseF64ArrayAttr:$max_size,
      DenseF64ArrayAttr:$aspect_ratio, BoolAttr:$flip, BoolAttr:$clip,
      F64Attr:$step, F64Attr:$offset, DenseF64ArrayAttr:$variance,
      BoolAttr:$scale_all_sizes, DenseF64ArrayAttr:$fixed_ratio,
      DenseF64ArrayAttr:$fixed_size, DenseF64ArrayAttr:$density,
      BoolAttr:$min_max_aspect_ratios_order);
  let results = (outs OV_FloatTensor:$output);
  let extraClassDeclaration = [{
    /// The aspect ratios actually used: 1, then each distinct given ratio
    /// (and its reciprocal when `flip`), as OpenVINO normalizes them.
    ::llvm::SmallVector<double> getNormalizedAspectRatios();
    /// The number of priors per feature-map cell.
    int64_t getNumPriors();
  }];
}

def OV_PriorBoxClusteredOp : OV_InferOp<"prior_box_clustered"> {
  let summary = "PriorBoxClustered-1: one prior per (width, height) pair";
  let arguments = (ins OV_IntTensor:$output_size, OV_IntTensor:$image_size,
      DenseF64ArrayAttr:$width, DenseF64ArrayAttr:$height, BoolAttr:$clip,
      F64Attr:$step_w, F64Attr:$step_h, F64Attr:$offset,
      DenseF64ArrayAttr:$variance);
  let results = (outs OV_FloatTensor:$output);
  let hasVerifier = 1;
}

def OV_DetectionOutputOp : OV_InferOp<"detection_output",
    [AttrSizedOperandSegments]> {
  let summary = "DetectionOutput-1/8: SSD box decoding and per-class NMS";
  let description = [{
    Output `[1, 1, R, 7]` rows `[image_id, label, conf, x1, y1, x2, y2]`,
    terminated by image_id -1. `num_classes` is required for version 1 and
    derived from the input shapes for version 8.
  }];
  let arguments = (ins OV_FloatTensor:$box_logits,
      OV_FloatTensor:$class_preds, OV_FloatTensor:$proposals,
      Optional<OV_FloatTensor>:$aux_class_preds,
      Optional<OV_FloatTensor>:$aux_box_preds,
      OptionalAttr<I64Attr>:$num_classes,
      DefaultValuedAttr<I64Attr, "0">:$background_label_id,
      DefaultValuedAttr<I64Attr, "-1">:$top_k,
      DefaultValuedAttr<BoolAttr, "false">:$variance_encoded_in_target,
      DenseI64ArrayAttr:$keep_top_k,
      DefaultValuedAttr<OV_BoxCodeTypeAttr,
                        "::mlir::ov::BoxCodeType::corner">:$code_type,
      DefaultValuedAttr<BoolAttr, "true">:$share_location,
      F64Attr:$nms_threshold,
      DefaultValuedAttr<F64Attr, "0.0">:$confidence_threshold,
      DefaultValuedAttr<BoolAttr, "false">:$clip_after_nms,
      DefaultValuedAttr<BoolAttr, "false">:$clip_before_nms,
      DefaultValuedAttr<BoolAttr, "false">:$decrease_label_id,
      DefaultValuedAttr<BoolAttr, "false">:$normalized,
      DefaultValuedAttr<I64Attr, "1">:$input_height,
      DefaultValuedAttr<I64Attr, "1">:$input_width,
      DefaultValuedAttr<F64Attr, "0.0">:$objectness_score);
  let results = (outs OV_FloatTensor:$output);
}

#endif // OV_DETECTION_OPS_TD
