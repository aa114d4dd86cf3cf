//===- Passes.td - ovc conversion passes -------------------*- tablegen -*-===//

#ifndef OVC_CONVERSION_PASSES_TD
#define OVC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertOVToLinalg : Pass<"convert-ov-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower ov ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Named linalg ops where they exist (convolutions, depthwise convolutions,
    pooling, transpose), `linalg.generic` otherwise (element-wise ops with
    numpy broadcasting, contractions, reductions). Shapes must be static. An
    ov op that has no lowering yet is an error naming its IR layer.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::bufferization::BufferizationDialect"
  ];
}

#endif // OVC_CONVERSION_PASSES_TD
