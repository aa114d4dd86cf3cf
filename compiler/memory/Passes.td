//===- Passes.td - ovc buffer-level passes -----------------*- tablegen -*-===//

#ifndef OVC_MEMORY_PASSES_TD
#define OVC_MEMORY_PASSES_TD

include "mlir/Pass/PassBase.td"

def StaticMemoryPlan : Pass<"ovc-static-memory-plan", "::mlir::func::FuncOp"> {
  let summary = "Place every intermediate buffer in one arena by liveness";
  let description = [{
    After bufferization every intermediate tensor is a `memref.alloc` of a
    static size in the model function's body. This pass computes each
    buffer's live range (its allocation to its last use, following views),
    assigns arena offsets greedily (largest first, 64-byte aligned, never
    overlapping a buffer live at the same time), and replaces the
    allocations with `memref.view`s of one arena allocated once per
    inference. The arena size is recorded as `ovc.arena_bytes` on the
    function. Allocations it cannot place are freed after their last use.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // OVC_MEMORY_PASSES_TD
