//===- BufferUses.h - how a buffer is reached after bufferization -*- C++
//-*-===//

#ifndef OVC_COMPILER_MEMORY_BUFFERUSES_H
#define OVC_COMPILER_MEMORY_BUFFERUSES_H

#include "mlir/IR/Block.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace ovc::memory {

/// How a buffer is used: the last op of `block` that reads or writes it
/// (through any view, or through a raw pointer taken for a kernel call),
/// and whether such a raw pointer is taken from it.
struct BufferUses {
  mlir::Operation *last = nullptr;
  bool pointerEscapes = false;
};

BufferUses
analyzeUses(mlir::Value buffer, mlir::Block &block,
            const llvm::DenseMap<mlir::Operation *, unsigned> &position);

/// The extract_aligned_pointer_as_index ops that read `buffer`'s pointer,
/// directly or through the base buffer of extract_strided_metadata (as
/// kernel calls do). A pass that moves `buffer` into a larger one (an arena,
/// a weights blob) replaces them with the larger buffer's pointer plus the
/// offset: memref.view puts the offset into its aligned pointer, but folding
/// extract_aligned_pointer_as_index through the view drops it. Reads
/// through subviews and reshapes count (they keep the aligned pointer; a
/// subview's offset is in its metadata). nullopt when a pointer may be taken in
/// another form or through another view or cast of `buffer`, where it could not
/// be re-derived.
std::optional<llvm::SmallVector<mlir::Operation *>>
alignedPointerReads(mlir::Value buffer);

} // namespace ovc::memory

#endif // OVC_COMPILER_MEMORY_BUFFERUSES_H
