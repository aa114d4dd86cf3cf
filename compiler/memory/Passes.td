//===- Passes.td - ovc buffer-level passes -----------------*- tablegen -*-===//

#ifndef OVC_MEMORY_PASSES_TD
#define OVC_MEMORY_PASSES_TD

include "mlir/Pass/PassBase.td"

def ProduceIntoSlices : Pass<"ovc-produce-into-slices", "::mlir::func::FuncOp"> {
  let summary = "Let producers write straight into the slice a copy would fill";
  let description = [{
    After bufferization a Concat copies each input, computed into a buffer
    of its own, into its slice of the Concat's buffer. When the slice is
    dense from its offset on (a channel slice of an NCHW batch of one) and
    the source buffer is an allocation used only before the copy, by linalg
    ops and by kernel calls through `memref.extract_strided_metadata`, the
    source's uses become uses of the slice and the copy is erased: the
    producer writes the Concat's buffer itself. Nothing else may touch the
    slice's elements in between: other uses of the whole buffer there must
    be disjoint static slices of it. The whole buffer's allocation moves up
    when it came later. The new slice is marked `ovc.in_place`, and the
    layer counters list its layer as done in place.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def StaticMemoryPlan : Pass<"ovc-static-memory-plan", "::mlir::ModuleOp"> {
  let summary = "Place every intermediate buffer in one arena by liveness";
  let description = [{
    After bufferization every intermediate tensor is a `memref.alloc` of a
    static size in the model function's body. This pass computes each
    buffer's live range (its allocation to its last use, following views
    and raw pointers handed to kernels), assigns arena offsets greedily
    (largest first, 64-byte aligned, never overlapping a buffer live at the
    same time), and replaces the allocations with `memref.view`s of one
    arena. The arena is a trailing `memref<Nxi8>` argument of the model
    function, marked `ovc.arena`: the runtime allocates it once per model
    instance. Its size is recorded as `ovc.arena_bytes` on the function. A
    kernel's raw pointer into a placed buffer is re-derived as the arena's
    pointer plus the offset. Allocations it cannot place (dynamic shapes,
    pointers taken through views) are freed after their last use.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def ExternalizeWeights
    : Pass<"ovc-externalize-weights", "::mlir::ModuleOp"> {
  let summary = "Move constant buffers into one weights blob read at run time";
  let description = [{
    For `--weights=external`: every constant `memref.global` of at least
    `min-bytes` bytes is laid out in one blob (64-byte aligned offsets),
    the model function gets a trailing `memref<Nxi8>` argument holding the
    blob, and each `memref.get_global` becomes a `memref.view` into it. The
    blob's bytes are attached to the module as `ovc.weights` (a
    `dense_resource` of i8) for the driver to write out. A raw pointer
    handed to a kernel (a packed convolution filter) is recomputed as the
    blob's aligned pointer plus the offset, since folding a view's aligned
    pointer would drop the offset; constants whose pointer is taken in
    another form stay embedded, as do sub-byte element types.
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", /*default=*/"64",
           "Smaller constants stay in the program">
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def InsertLayerCounters
    : Pass<"ovc-insert-layer-counters", "::mlir::ModuleOp"> {
  let summary = "Time each IR layer of the model with runtime counters";
  let description = [{
    Groups the model function's top-level ops by the IR layer they come
    from (their NameLoc) and brackets each group with calls to
    `<prefix>_layer_begin(i32)` / `<prefix>_layer_end(i32)`, which the
    generated model interface implements. The layer table (name, IR type
    from `ovc.layer_types`, exec type = the main computing op) is stored as
    `ovc.layers` on the module for the interface generator. Layers that
    element-wise fusion merged into a producer are timed with it.
  }];
  let options = [
    Option<"prefix", "prefix", "std::string", /*default=*/"\"ovc\"",
           "Symbol prefix of the counter functions">
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // OVC_MEMORY_PASSES_TD
