//===- OVPoolingOps.td - pooling and reductions ------------*- tablegen -*-===//

#ifndef OV_POOLING_OPS_TD
#define OV_POOLING_OPS_TD

def OV_MaxPoolOp : OV_InferOp<"max_pool"> {
  let summary = "MaxPool-1/8/14 (values only); padding never wins";
  let arguments = (ins OV_Tensor:$input, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$dilations,
      DefaultValuedAttr<OV_RoundingTypeAttr,
                        "::mlir::ov::RoundingType::floor">:$rounding_type,
      DefaultValuedAttr<OV_AutoPadAttr,
                        "::mlir::ov::AutoPad::explicit_">:$auto_pad);
  let results = (outs OV_Tensor:$output);
}

def OV_MaxPoolWithIndicesOp : OV_InferOp<"max_pool_with_indices"> {
  let summary = "MaxPool-8/14 with the flat indices of the maxima";
  let arguments = (ins OV_Tensor:$input, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$dilations,
      DefaultValuedAttr<OV_RoundingTypeAttr,
                        "::mlir::ov::RoundingType::floor">:$rounding_type,
      DefaultValuedAttr<OV_AutoPadAttr,
                        "::mlir::ov::AutoPad::explicit_">:$auto_pad,
      TypeAttr:$index_element_type, DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs OV_Tensor:$output, OV_IndexTensor:$indices);
  let hasCanonicalizer = 1;
}

def OV_AvgPoolOp : OV_InferOp<"avg_pool"> {
  let summary = "AvgPool-1/14/16";
  let arguments = (ins OV_Tensor:$input, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$dilations,
      BoolAttr:$exclude_pad,
      DefaultValuedAttr<OV_RoundingTypeAttr,
                        "::mlir::ov::RoundingType::floor">:$rounding_type,
      DefaultValuedAttr<OV_AutoPadAttr,
                        "::mlir::ov::AutoPad::explicit_">:$auto_pad);
  let results = (outs OV_Tensor:$output);
}

class OV_ReduceOp<string mnemonic, string opSummary, bit fold = 0>
    : OV_InferOp<mnemonic> {
  let summary = opSummary;
  let arguments = (ins OV_Tensor:$input, OV_IntTensor:$axes,
                   DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs OV_Tensor:$output);
  let hasFolder = fold;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::ov::inferReduction(location, adaptor.getInput(),
                                        adaptor.getAxes(),
                                        adaptor.getKeepDims(), inferred);
    }
  }];
}

def OV_ReduceSumOp : OV_ReduceOp<"reduce_sum", "ReduceSum-1">;
def OV_ReduceMeanOp : OV_ReduceOp<"reduce_mean", "ReduceMean-1">;
def OV_ReduceMaxOp : OV_ReduceOp<"reduce_max", "ReduceMax-1">;
def OV_ReduceMinOp : OV_ReduceOp<"reduce_min", "ReduceMin-1">;
def OV_ReduceProdOp : OV_ReduceOp<"reduce_prod", "ReduceProd-1", 1>;
def OV_ReduceL1Op : OV_ReduceOp<"reduce_l1", "ReduceL1-4">;
def OV_ReduceL2Op : OV_ReduceOp<"reduce_l2", "ReduceL2-4">;

#endif // OV_POOLING_OPS_TD
