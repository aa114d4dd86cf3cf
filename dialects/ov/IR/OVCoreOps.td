//===- OVCoreOps.td - constants, conversions, shapes -------*- tablegen -*-===//

#ifndef OV_CORE_OPS_TD
#define OV_CORE_OPS_TD

def OV_ConstantOp : OV_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "output"]>]> {
  let summary = "Constant-1 (IR type `Const`)";
  let description = [{
    A tensor literal. Weights imported from the .bin are held as
    `dense_resource` blobs (memory-mapped where the file's alignment allows),
    small constants as `dense` attributes so that shape sub-graphs fold.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs OV_Tensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def OV_ConvertOp : OV_InferOp<"convert"> {
  let summary = "Convert-1: element-wise cast";
  let description = [{
    `decompression` marks a Convert that OpenVINO's converter put after a
    compressed (f16 or integer) weight; later passes decide whether to fold it.
  }];
  let arguments = (ins OV_Tensor:$input, TypeAttr:$destination_type,
                   UnitAttr:$decompression);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def OV_ConvertLikeOp : OV_InferOp<"convert_like"> {
  let summary = "ConvertLike-1: cast to the element type of a second tensor";
  let arguments = (ins OV_Tensor:$input, OV_Tensor:$like);
  let results = (outs OV_Tensor:$output);
}

def OV_ShapeOfOp : OV_InferOp<"shape_of"> {
  let summary = "ShapeOf-1/3: the shape of a tensor as a 1-D integer tensor";
  let arguments = (ins OV_Tensor:$input, TypeAttr:$output_type);
  let results = (outs OV_IndexTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def OV_RangeOp : OV_InferOp<"range"> {
  let summary = "Range-1/4: arithmetic sequence [start, stop) with step";
  let arguments = (ins OV_Tensor:$start, OV_Tensor:$stop, OV_Tensor:$step,
                   TypeAttr:$output_type);
  let results = (outs OV_Tensor:$output);
  let hasFolder = 1;
}

#endif // OV_CORE_OPS_TD
