//===- KernelCalls.h - calling runtime-stub kernels from buffers -*- C++
//-*-===//
//
// What the kernel-backed ops share when they bufferize into a call: raw
// pointers to dense buffers, the kernel's declaration, and a parameter
// array of the op's attributes and shapes.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_KERNELS_KERNELCALLS_H
#define OVC_COMPILER_KERNELS_KERNELCALLS_H

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace ovc::kernels {

/// The bufferization model of an op computed by a kernel call: it reads its
/// operands and writes only fresh result buffers, aliasing none of them.
/// `Concrete` implements `bufferize`.
template <typename Concrete, typename Op>
struct KernelCallBufferization
    : public mlir::bufferization::BufferizableOpInterface::ExternalModel<
          Concrete, Op> {
  bool
  bufferizesToMemoryRead(mlir::Operation *, mlir::OpOperand &,
                         const mlir::bufferization::AnalysisState &) const {
    return true;
  }
  bool
  bufferizesToMemoryWrite(mlir::Operation *, mlir::OpOperand &,
                          const mlir::bufferization::AnalysisState &) const {
    return false;
  }
  mlir::bufferization::AliasingValueList
  getAliasingValues(mlir::Operation *, mlir::OpOperand &,
                    const mlir::bufferization::AnalysisState &) const {
    return {};
  }
};

/// An !llvm.ptr to the first element of a buffer.
mlir::Value pointerTo(mlir::RewriterBase &rewriter, mlir::Location loc,
                      mlir::Value buffer);

/// The buffer of `tensor` when dense row-major, else a dense copy of it
/// made at `loc`: what a kernel reads through a raw pointer.
mlir::FailureOr<mlir::Value>
denseBuffer(mlir::RewriterBase &rewriter, mlir::Location loc,
            mlir::Value tensor,
            const mlir::bufferization::BufferizationOptions &options);

/// The private declaration `void name(ptr x numPointers)` in op's module.
mlir::func::FuncOp declareKernel(mlir::RewriterBase &rewriter,
                                 mlir::Operation *op, llvm::StringRef name,
                                 unsigned numPointers);

/// A fresh buffer for a result of tensor type `type`.
mlir::Value resultBuffer(mlir::RewriterBase &rewriter, mlir::Location loc,
                         mlir::Type type);

/// Calls kernel `name` with `pointers` (declaring it on first use) and
/// replaces `op` by `results`, the buffers the kernel wrote.
void callKernel(mlir::RewriterBase &rewriter, mlir::Operation *op,
                llvm::StringRef name, mlir::ValueRange pointers,
                mlir::ValueRange results);

/// A stack buffer of f32 holding `params` (exact for integers < 2^24).
mlir::Value paramsBuffer(mlir::RewriterBase &rewriter, mlir::Location loc,
                         llvm::ArrayRef<double> params);

} // namespace ovc::kernels

#endif // OVC_COMPILER_KERNELS_KERNELCALLS_H
