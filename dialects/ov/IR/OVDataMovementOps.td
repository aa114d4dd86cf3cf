//===- OVDataMovementOps.td - shape and data-movement ops --*- tablegen -*-===//
//
// Ops whose output shape depends on the values of their shape-like inputs
// (Reshape's target shape, Transpose's order, ...) infer a static shape when
// those inputs are constants and dynamic dims otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef OV_DATA_MOVEMENT_OPS_TD
#define OV_DATA_MOVEMENT_OPS_TD

def OV_ConcatOp : OV_InferOp<"concat"> {
  let summary = "Concat-1";
  let arguments = (ins Variadic<OV_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

def OV_SplitOp : OV_InferOp<"split"> {
  let summary = "Split-1: `num_splits` equal parts along a constant axis";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$axis,
                   I64Attr:$num_splits);
  let results = (outs Variadic<OV_Tensor>:$outputs);
}

def OV_VariadicSplitOp : OV_InferOp<"variadic_split"> {
  let summary = "VariadicSplit-1: parts of the given lengths (one may be -1)";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$axis,
                   OV_IntTensor:$split_lengths);
  let results = (outs Variadic<OV_Tensor>:$outputs);
}

def OV_ReshapeOp : OV_InferOp<"reshape"> {
  let summary = "Reshape-1";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$shape,
                   BoolAttr:$special_zero);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

def OV_SqueezeOp : OV_InferOp<"squeeze"> {
  let summary = "Squeeze-1: remove size-1 dims (all of them without axes)";
  let arguments = (ins OV_Tensor:$input, Optional<OV_IntTensor>:$axes);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

def OV_UnsqueezeOp : OV_InferOp<"unsqueeze"> {
  let summary = "Unsqueeze-1: insert size-1 dims at output positions `axes`";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$axes);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

def OV_TransposeOp : OV_InferOp<"transpose"> {
  let summary = "Transpose-1: out.shape[i] = in.shape[order[i]]";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$order);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

def OV_GatherOp : OV_InferOp<"gather"> {
  let summary = "Gather-1/7/8 (negative indices count from the end)";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$indices,
                   OV_IntTensor:$axis, DefaultValuedAttr<I64Attr, "0">:$batch_dims);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

def OV_StridedSliceOp : OV_InferOp<"strided_slice"> {
  let summary = "StridedSlice-1: Python-like slicing with masks";
  let description = [{
    Mask bit 1 in `begin_mask`/`end_mask` ignores the given bound;
    `new_axis_mask` inserts a dim, `shrink_axis_mask` removes one,
    `ellipsis_mask` expands to the unmentioned dims.
  }];
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$begin,
      OV_IntTensor:$end, Optional<OV_IntTensor>:$stride,
      DenseI64ArrayAttr:$begin_mask, DenseI64ArrayAttr:$end_mask,
      DenseI64ArrayAttr:$new_axis_mask, DenseI64ArrayAttr:$shrink_axis_mask,
      DenseI64ArrayAttr:$ellipsis_mask);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The slice resolved against the input shape; fails when the bounds
    /// are invalid.
    ::mlir::FailureOr<::mlir::ov::SlicePlan> getSlicePlan();
  }];
}

def OV_SliceOp : OV_InferOp<"slice"> {
  let summary = "Slice-8: data[start:stop:step] on `axes`";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$start,
                   OV_IntTensor:$stop, OV_IntTensor:$step,
                   Optional<OV_IntTensor>:$axes);
  let results = (outs OV_Tensor:$output);
}

def OV_BroadcastOp : OV_InferOp<"broadcast"> {
  let summary = "Broadcast-1/3";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$target_shape,
      Optional<OV_IntTensor>:$axes_mapping,
      DefaultValuedAttr<OV_BroadcastModeAttr,
                        "::mlir::ov::BroadcastMode::numpy">:$mode);
  let results = (outs OV_Tensor:$output);
}

def OV_TileOp : OV_InferOp<"tile"> {
  let summary = "Tile-1: repeat the input `repeats` times per axis";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$repeats);
  let results = (outs OV_Tensor:$output);
}

def OV_PadOp : OV_InferOp<"pad"> {
  let summary = "Pad-1/12 (negative pads crop)";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$pads_begin,
                   OV_IntTensor:$pads_end, Optional<OV_Tensor>:$pad_value,
                   OV_PadModeAttr:$pad_mode);
  let results = (outs OV_Tensor:$output);
}

def OV_TopKOp : OV_InferOp<"topk"> {
  let summary = "TopK-1/3/11: the k largest or smallest values along an axis";
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$k, I64Attr:$axis,
      OV_TopKModeAttr:$mode, OV_TopKSortAttr:$sort,
      TypeAttr:$index_element_type,
      DefaultValuedAttr<BoolAttr, "false">:$stable);
  let results = (outs OV_Tensor:$values, OV_IndexTensor:$indices);
}

def OV_InterpolateOp : OV_InferOp<"interpolate"> {
  let summary = "Interpolate-4/11";
  let description = [{
    `target` holds the output sizes (integers) when `shape_calculation_mode`
    is `sizes`, the scales (floats) when it is `scales`; Interpolate-4's other
    input is not needed for either and is dropped on import.
  }];
  let arguments = (ins OV_Tensor:$input, OV_Tensor:$target,
      Optional<OV_IntTensor>:$axes, OV_InterpolateModeAttr:$mode,
      OV_ShapeCalcModeAttr:$shape_calculation_mode,
      DefaultValuedAttr<OV_CoordinateTransformModeAttr,
          "::mlir::ov::CoordinateTransformMode::half_pixel">:$coordinate_transformation_mode,
      DefaultValuedAttr<OV_NearestModeAttr,
          "::mlir::ov::NearestMode::round_prefer_floor">:$nearest_mode,
      DefaultValuedAttr<BoolAttr, "false">:$antialias,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      DefaultValuedAttr<F64Attr, "-0.75">:$cube_coeff);
  let results = (outs OV_Tensor:$output);
}

def OV_DepthToSpaceOp : OV_InferOp<"depth_to_space"> {
  let summary = "DepthToSpace-1";
  let arguments = (ins OV_Tensor:$input, I64Attr:$block_size,
                   BoolAttr:$depth_first);
  let results = (outs OV_Tensor:$output);
}

def OV_SpaceToDepthOp : OV_InferOp<"space_to_depth"> {
  let summary = "SpaceToDepth-1";
  let arguments = (ins OV_Tensor:$input, I64Attr:$block_size,
                   BoolAttr:$depth_first);
  let results = (outs OV_Tensor:$output);
}

#endif // OV_DATA_MOVEMENT_OPS_TD
