//===- PoolUkernels.cpp - max pooling onto the CPU microkernel ------------===//
//
// Replaces static f32 2-D ov.max_pool ops that pad (explicitly, by auto_pad
// or by ceil rounding), or whose output rows hold at least two vectors,
// with ovc_cpu.max_pool2d, calling the ISA family's kernel: it clips
// windows at the borders instead of padding a copy with -inf, and works on
// whole vectors along the output row.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"
#include "targets/cpu/Transforms/UkernelFamily.h"

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/IR/ShapeInferenceUtils.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_POOLUKERNELS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;
namespace ov = mlir::ov;

namespace {

struct PoolUkernelsPass
    : public ovc::cpu::impl::PoolUkernelsBase<PoolUkernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    // Two vectors of the family: the conv kernels' channel block.
    int64_t twoVectors = ovc::cpu::familyBlock(getOperation(), family);
    if (!twoVectors)
      return signalPassFailure();
    SmallVector<ov::MaxPoolOp> pools;
    getOperation().walk([&](ov::MaxPoolOp op) { pools.push_back(op); });
    for (ov::MaxPoolOp pool : pools)
      rewrite(pool, twoVectors);
  }

  void rewrite(ov::MaxPoolOp pool, int64_t twoVectors) {
    auto inType = cast<RankedTensorType>(pool.getInput().getType());
    auto outType = cast<RankedTensorType>(pool.getType());
    if (!inType.hasStaticShape() || !outType.hasStaticShape() ||
        inType.getRank() != 4 || !inType.getElementType().isF32() ||
        pool.getKernel().size() != 2)
      return;
    ArrayRef<int64_t> in = inType.getShape().drop_front(2);
    ArrayRef<int64_t> out = outType.getShape().drop_front(2);
    ov::ResolvedPads pads = ov::resolvePads(
        in, pool.getKernel(), pool.getStrides(), pool.getDilations(),
        pool.getPadsBegin(), pool.getPadsEnd(), pool.getAutoPad());
    // Ceil rounding may need the last window to reach past pads_end: the
    // kernel clips it like any padding, so pads_end simply grows.
    for (size_t i = 0; i < 2; ++i) {
      int64_t extent = (pool.getKernel()[i] - 1) * pool.getDilations()[i] + 1;
      int64_t needed = (out[i] - 1) * pool.getStrides()[i] + extent;
      pads.end[i] +=
          std::max<int64_t>(0, needed - (in[i] + pads.begin[i] + pads.end[i]));
    }
    // With padding the generated loops first copy the input into a -inf
    // filled buffer, which the kernel does without. Without it they are
    // faster only on narrow rows, which leave the kernel mostly scalar
    // edges (mnist's 28 -> 14 pools: 0.005-0.009 ms in loops, 0.02 ms in
    // the kernel); on wide rows the kernel's cheaper maximum wins
    // (squeezenet's 113 -> 56 pool1: 0.45 -> 0.36 ms).
    bool padded = llvm::any_of(pads.begin, [](int64_t p) { return p != 0; }) ||
                  llvm::any_of(pads.end, [](int64_t p) { return p != 0; });
    if (!padded && out[1] < twoVectors)
      return;
    OpBuilder builder(pool);
    auto kernel = builder.create<ovc::cpu::MaxPool2DOp>(
        pool.getLoc(), outType, pool.getInput(), pool.getKernel(),
        pool.getStrides(), pool.getDilations(), pads.begin, pads.end,
        "ovc_max_pool2d_f32_" + family);
    pool.replaceAllUsesWith(kernel.getResult());
    pool.erase();
  }
};

} // namespace
