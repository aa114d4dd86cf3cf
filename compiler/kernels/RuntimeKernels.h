//===- RuntimeKernels.h - ov ops computed by runtime-stub kernels -*- C++
//-*-===//
//
// A few ops are control-heavy post-processing (DetectionOutput's sort and
// NMS, TopK's selection) that ovc computes with C kernels of the runtime stub
// rather than generated loops. Such an op stays in the ov dialect through the
// linalg stage and bufferizes into a call of its kernel with plain pointers.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_KERNELS_RUNTIMEKERNELS_H
#define OVC_COMPILER_KERNELS_RUNTIMEKERNELS_H

#include "mlir/IR/DialectRegistry.h"

namespace ovc::kernels {

/// Registers the BufferizableOpInterface models of the kernel-backed ops
/// (DetectionOutput, TopK).
void registerRuntimeKernelBufferization(mlir::DialectRegistry &registry);

/// Attaches TopK's model (called from the registry extension).
void registerTopKBufferization(mlir::MLIRContext *context);

} // namespace ovc::kernels

#endif // OVC_COMPILER_KERNELS_RUNTIMEKERNELS_H
