//===- KernelEpilogue.h - a layer's epilogue in its kernel ------*- C++ -*-===//
//
// What the passes that hand convolutions to targets/cpu/ukernels share: the
// constant operands they read (ov::constantAsF32), the bias, residual Add and
// ReLU/Clamp after a convolution that a kernel's epilogue computes, and the
// replacement of that chain by the kernel op.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_TARGETS_CPU_TRANSFORMS_KERNELEPILOGUE_H
#define OVC_TARGETS_CPU_TRANSFORMS_KERNELEPILOGUE_H

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/IR/ShapeInferenceUtils.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"

#include <optional>
#include <vector>

namespace ovc::cpu {

/// The ops fused into a kernel's epilogue after a convolution: a
/// per-channel bias, then a residual Add (a skip connection), then ReLU or
/// Clamp, each the only user of the value before it.
struct KernelEpilogue {
  llvm::SmallVector<mlir::Operation *> chain; // the convolution first
  std::optional<std::vector<float>> bias;
  mlir::Value residual;
  mlir::FloatAttr min, max;
};

/// The epilogue after `conv` (of `channels` output channels): its bias is
/// padded to `paddedChannels` with zeros; a residual Add is taken only
/// `withResidual`.
KernelEpilogue matchEpilogue(mlir::Operation *conv, int64_t channels,
                             int64_t paddedChannels, bool withResidual);

/// Whether `conv` is a static f32 2-D convolution with a constant filter;
/// returns the filter values.
template <typename ConvOp>
std::optional<std::vector<float>> kernelFilter(ConvOp conv) {
  auto inType = llvm::cast<mlir::RankedTensorType>(conv.getInput().getType());
  auto outType = llvm::cast<mlir::RankedTensorType>(conv.getType());
  if (!inType.hasStaticShape() || !outType.hasStaticShape() ||
      outType.getRank() != 4 || !outType.getElementType().isF32() ||
      !inType.getElementType().isF32())
    return std::nullopt;
  return mlir::ov::constantAsF32(conv.getFilter());
}

/// `conv`'s explicit padding for a window of `window` (KH, KW).
template <typename ConvOp>
mlir::ov::ResolvedPads resolvedPads(ConvOp conv,
                                    llvm::ArrayRef<int64_t> window) {
  auto inType = llvm::cast<mlir::RankedTensorType>(conv.getInput().getType());
  return mlir::ov::resolvePads(inType.getShape().drop_front(2), window,
                               conv.getStrides(), conv.getDilations(),
                               conv.getPadsBegin(), conv.getPadsEnd(),
                               conv.getAutoPad());
}

/// An f32 `ov.constant` of `shape` holding `values` (a resource named
/// `name`): a kernel's packed filter or bias.
mlir::Value createF32Constant(mlir::OpBuilder &builder, mlir::Location loc,
                              llvm::ArrayRef<int64_t> shape,
                              std::vector<float> values, llvm::StringRef name);

/// Creates the kernel op with `build(builder, fusedLoc)` at the end of
/// `epilogue`, then erases the fused ops and `conv`'s filter if unused.
/// The convolution's location comes first in the fused one: the layer
/// counters name the kernel after it.
template <typename ConvOp, typename Build>
void replaceWithKernel(ConvOp conv, const KernelEpilogue &epilogue,
                       Build build) {
  mlir::Operation *last = epilogue.chain.back();
  mlir::OpBuilder builder(last);
  llvm::SmallVector<mlir::Location> locs;
  for (mlir::Operation *op : epilogue.chain)
    locs.push_back(op->getLoc());
  mlir::Value kernel = build(builder, builder.getFusedLoc(locs));
  last->getResult(0).replaceAllUsesWith(kernel);
  mlir::Operation *oldFilter = conv.getFilter().getDefiningOp();
  for (mlir::Operation *op : llvm::reverse(epilogue.chain))
    op->erase();
  if (oldFilter->use_empty())
    oldFilter->erase();
}

} // namespace ovc::cpu

#endif // OVC_TARGETS_CPU_TRANSFORMS_KERNELEPILOGUE_H
