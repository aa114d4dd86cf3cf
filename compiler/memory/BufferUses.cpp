//===- BufferUses.cpp - how a buffer is reached after bufferization -------===//

#include "compiler/memory/BufferUses.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/CastInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

ovc::memory::BufferUses
ovc::memory::analyzeUses(Value buffer, Block &block,
                         const DenseMap<Operation *, unsigned> &position) {
  BufferUses uses;
  unsigned last = 0;
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (Operation *user : v.getUsers()) {
      if (Operation *top = block.findAncestorOpInBlock(*user);
          top && position.lookup(top) >= last) {
        last = position.lookup(top);
        uses.last = top;
      }
      bool followResults = false;
      if (auto view = dyn_cast<ViewLikeOpInterface>(user))
        followResults = view.getViewSource() == v;
      // A raw pointer keeps the buffer alive until the pointer's last use.
      if (isa<memref::ExtractStridedMetadataOp,
              memref::ExtractAlignedPointerAsIndexOp>(user))
        uses.pointerEscapes = followResults = true;
      if (isa<arith::IndexCastOp, arith::AddIOp, LLVM::IntToPtrOp>(user))
        followResults = true;
      if (followResults)
        for (Value result : user->getResults())
          worklist.push_back(result);
    }
  }
  return uses;
}

/// Whether a raw pointer is taken from `value` or from any view or cast of
/// it.
static bool takesPointer(Value value) {
  for (Operation *user : value.getUsers()) {
    if (isa<memref::ExtractStridedMetadataOp,
            memref::ExtractAlignedPointerAsIndexOp>(user))
      return true;
    if (isa<ViewLikeOpInterface, CastOpInterface>(user) &&
        llvm::any_of(user->getResults(), takesPointer))
      return true;
  }
  return false;
}

std::optional<SmallVector<Operation *>>
ovc::memory::alignedPointerReads(Value buffer) {
  SmallVector<Operation *> reads;
  for (Operation *user : buffer.getUsers()) {
    if (isa<memref::ExtractAlignedPointerAsIndexOp>(user)) {
      reads.push_back(user);
    } else if (auto metadata =
                   dyn_cast<memref::ExtractStridedMetadataOp>(user)) {
      for (Operation *baseUser : metadata.getBaseBuffer().getUsers()) {
        if (!isa<memref::ExtractAlignedPointerAsIndexOp>(baseUser))
          return std::nullopt;
        reads.push_back(baseUser);
      }
    } else if (isa<memref::SubViewOp, memref::CollapseShapeOp,
                   memref::ExpandShapeOp>(user)) {
      // A subview or a reshape keeps its source's aligned pointer (a
      // subview's offset is in its strided metadata), so the same
      // re-derivation serves it: a kernel may read a reshaped buffer (a
      // pixel shuffle's transposed output, padded by ovc_pad2d_f32).
      std::optional<SmallVector<Operation *>> throughSlice =
          alignedPointerReads(user->getResult(0));
      if (!throughSlice)
        return std::nullopt;
      reads.append(throughSlice->begin(), throughSlice->end());
    } else if (isa<ViewLikeOpInterface, CastOpInterface>(user) &&
               llvm::any_of(user->getResults(), takesPointer)) {
      return std::nullopt;
    }
  }
  return reads;
}
