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

#endif // OV_TRANSFORMS_PASSES_TD
