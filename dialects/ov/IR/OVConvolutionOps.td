//===- OVConvolutionOps.td - convolutions and MatMul -------*- tablegen -*-===//

#ifndef OV_CONVOLUTION_OPS_TD
#define OV_CONVOLUTION_OPS_TD

// strides, dilations and explicit pads have one entry per spatial axis.
class OV_ConvOpBase<string mnemonic, string opSummary>
    : OV_InferOp<mnemonic> {
  let summary = opSummary;
  let arguments = (ins OV_Tensor:$input, OV_Tensor:$filter,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads_begin,
      DenseI64ArrayAttr:$pads_end, DenseI64ArrayAttr:$dilations,
      DefaultValuedAttr<OV_AutoPadAttr,
                        "::mlir::ov::AutoPad::explicit_">:$auto_pad);
  let results = (outs OV_Tensor:$output);
}

def OV_ConvolutionOp : OV_ConvOpBase<"convolution", "Convolution-1"> {
  let description = [{
    input `[N, C_in, S...]`, filter `[C_out, C_in, K...]` (OIHW); zero
    padding; cross-correlation.
  }];
}

def OV_GroupConvolutionOp
    : OV_ConvOpBase<"group_convolution", "GroupConvolution-1"> {
  let description = [{
    filter `[G, C_out/G, C_in/G, K...]`; the group count is filter dim 0.
  }];
}

class OV_ConvBackpropOpBase<string mnemonic, string opSummary>
    : OV_InferOp<mnemonic> {
  let summary = opSummary;
  let arguments = (ins OV_Tensor:$input, OV_Tensor:$filter,
      Optional<OV_IntTensor>:$output_shape,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads_begin,
      DenseI64ArrayAttr:$pads_end, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$output_padding,
      DefaultValuedAttr<OV_AutoPadAttr,
                        "::mlir::ov::AutoPad::explicit_">:$auto_pad);
  let results = (outs OV_Tensor:$output);
}

def OV_ConvolutionBackpropDataOp
    : OV_ConvBackpropOpBase<"convolution_backprop_data",
                            "ConvolutionBackpropData-1 (transposed conv)"> {
  let description = [{ filter `[C_in, C_out, K...]`. }];
}

def OV_GroupConvolutionBackpropDataOp
    : OV_ConvBackpropOpBase<"group_convolution_backprop_data",
                            "GroupConvolutionBackpropData-1"> {
  let description = [{ filter `[G, C_in/G, C_out/G, K...]`. }];
}

def OV_MatMulOp : OV_InferOp<"matmul"> {
  let summary = "MatMul-1 with numpy batch broadcasting";
  let arguments = (ins OV_Tensor:$a, OV_Tensor:$b,
      DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
      DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs OV_Tensor:$output);
}

#endif // OV_CONVOLUTION_OPS_TD
