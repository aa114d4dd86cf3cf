//===- BufferUses.h - how a buffer is reached after bufferization -*- C++
//-*-===//

#ifndef OVC_COMPILER_MEMORY_BUFFERUSES_H
#define OVC_COMPILER_MEMORY_BUFFERUSES_H

#include "mlir/IR/Block.h"
#include "llvm/ADT/DenseMap.h"

namespace ovc::memory {

/// How a buffer is used: the last op of `block` that reads or writes it
/// (through any view), and whether a raw pointer is taken from it for a
/// runtime kernel call. Such buffers stay separate allocations: the aligned
/// pointer of an arena view folds back to the arena's base during lowering.
struct BufferUses {
  mlir::Operation *last = nullptr;
  bool pointerEscapes = false;
};

BufferUses
analyzeUses(mlir::Value buffer, mlir::Block &block,
            const llvm::DenseMap<mlir::Operation *, unsigned> &position);

} // namespace ovc::memory

#endif // OVC_COMPILER_MEMORY_BUFFERUSES_H
