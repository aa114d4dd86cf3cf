//===- OVNormalizationOps.td - normalizations --------------*- tablegen -*-===//

#ifndef OV_NORMALIZATION_OPS_TD
#define OV_NORMALIZATION_OPS_TD

def OV_MVNOp : OV_InferOp<"mvn"> {
  let summary = "MVN-6 (MVN-1 is imported as MVN-6 with constant axes)";
  let arguments = (ins OV_FloatTensor:$input, OV_IntTensor:$axes,
                   BoolAttr:$normalize_variance, F64Attr:$eps,
                   OV_MVNEpsModeAttr:$eps_mode);
  let results = (outs OV_FloatTensor:$output);
}

def OV_NormalizeL2Op : OV_InferOp<"normalize_l2"> {
  let summary = "NormalizeL2-1: x / sqrt(f(sum over axes of x^2, eps))";
  let arguments = (ins OV_FloatTensor:$input, OV_IntTensor:$axes,
                   F64Attr:$eps, OV_EpsModeAttr:$eps_mode);
  let results = (outs OV_FloatTensor:$output);
}

def OV_BatchNormInferenceOp : OV_InferOp<"batch_norm_inference"> {
  let summary = "BatchNormInference-5 (v1 inputs are reordered on import)";
  let arguments = (ins OV_FloatTensor:$input, OV_FloatTensor:$gamma,
                   OV_FloatTensor:$beta, OV_FloatTensor:$mean,
                   OV_FloatTensor:$variance, F64Attr:$epsilon);
  let results = (outs OV_FloatTensor:$output);
}

#endif // OV_NORMALIZATION_OPS_TD
