//===- Passes.td - ov dialect passes -----------------------*- tablegen -*-===//

#ifndef OV_TRANSFORMS_PASSES_TD
#define OV_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def OVSpecializeBatch : Pass<"ov-specialize-batch", "func::FuncOp"> {
  let summary = "Fix a dynamic batch dimension and re-infer every shape";
  let description = [{
    Sets dim 0 of each function argument whose dim 0 is dynamic to `batch`,
    then re-runs OpenVINO shape inference over the body in order, so that
    every result type becomes as static as the new inputs allow, and folds
    the shape sub-graphs that became constant. Types that the declared
    results already make more static are kept.
  }];
  let dependentDialects = ["::mlir::ov::OVDialect"];
  let options = [
    Option<"batch", "batch", "int64_t", /*default=*/"1",
           "The batch size to compile for">
  ];
}

def OVDecompressWeights : Pass<"ov-decompress-weights", "func::FuncOp"> {
  let summary = "Fold weight decompression chains into f32 constants";
  let description = [{
    Evaluates at compile time what OpenVINO's CPU plugin does at load time
    for compressed weights: `Const(f16|bf16|i8|u8|i4|u4|...) -> Convert(f32)
    [-> Subtract(zero point)] -> Multiply(scale)` becomes one f32 constant.
    More generally every Convert to f32 and every Add, Subtract, Multiply and
    Divide whose operands are all constants is evaluated, with numpy
    broadcasting, as are Reshape/Squeeze/Unsqueeze of the results, and
    PriorBox/PriorBoxClustered, whose boxes depend only on constant sizes.
    Ops that read activations are untouched. Large results are
    `dense_resource` blobs.
  }];
  let dependentDialects = ["::mlir::ov::OVDialect"];
}

def OVF16ToF32 : Pass<"ov-f16-to-f32", "func::FuncOp"> {
  let summary = "Compute an f16 graph in f32";
  let description = [{
    IR v10 FP16 files are f16 end to end (f16 Parameters, Consts and
    Converts to f16). This pass makes every f16 tensor f32: arguments and
    results, constants (values widened exactly), Convert destinations and
    type attributes. An argument or result that changed keeps its IR type in
    `ov.ir_element_type`, so the runtime can still accept and describe it as
    OpenVINO does (which exposes f16 inputs of v10 models as f32).
  }];
  let dependentDialects = ["::mlir::ov::OVDialect"];
}

def OVFoldInputShift : Pass<"ov-fold-input-shift", "func::FuncOp"> {
  let summary = "Fold a constant added per channel to a convolution's input "
                "into a bias";
  let description = [{
    `Convolution(Add(x, m))`, with `m` constant per input channel and a
    convolution that reads no padding (pads of zeros, or auto_pad valid),
    becomes `Add(Convolution(x), b)` with `b[o]` the sum over input
    channels of `m[c]` times the sum of the filter's `[o][c]` window; a
    bias the convolution's result adds next absorbs `b` instead. A
    preprocessing mean subtraction then costs no pass over the input. The
    sums round differently (a few ulps of the largest partial sums).
  }];
  let dependentDialects = ["::mlir::ov::OVDialect"];
}

#endif // OV_TRANSFORMS_PASSES_TD
