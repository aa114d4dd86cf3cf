//===- UkernelFamily.h - CPU microkernel families ---------------*- C++ -*-===//
//
// The passes that hand layers to targets/cpu/ukernels name the kernel family
// (sse41, avx2, avx512) from the target ISA; its channel block (two vector
// registers of f32) sets the filter packing and which layers pay.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_TARGETS_CPU_TRANSFORMS_UKERNELFAMILY_H
#define OVC_TARGETS_CPU_TRANSFORMS_UKERNELFAMILY_H

#include "targets/cpu/ukernels/ukernels.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringSwitch.h"

namespace ovc::cpu {

/// Two vectors of f32 in `family` (the conv kernels' channel block), or 0
/// after reporting an unknown family on `op`.
inline int64_t familyBlock(mlir::Operation *op, llvm::StringRef family) {
  int64_t block = llvm::StringSwitch<int64_t>(family)
                      .Case("sse41", OVC_CONV2D_BLOCK_SSE41)
                      .Case("avx2", OVC_CONV2D_BLOCK_AVX2)
                      .Case("avx512", OVC_CONV2D_BLOCK_AVX512)
                      .Default(0);
  if (!block)
    op->emitError("unknown microkernel family '")
        << family << "' (sse41, avx2, avx512)";
  return block;
}

} // namespace ovc::cpu

#endif // OVC_TARGETS_CPU_TRANSFORMS_UKERNELFAMILY_H
