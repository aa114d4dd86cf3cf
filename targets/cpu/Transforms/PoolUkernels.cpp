//===- PoolUkernels.cpp - max pooling onto the CPU microkernel ------------===//
//
// Replaces static f32 2-D ov.max_pool ops that pad (explicitly, by auto_pad
// or by ceil rounding) with ovc_cpu.max_pool2d, calling the ISA family's
// kernel: it clips windows at the borders instead of padding a copy with
// -inf, and works on whole vectors along the output row.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"

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
    if (!llvm::is_contained({"sse41", "avx2", "avx512"}, family)) {
      getOperation().emitError("unknown microkernel family '")
          << family << "' (sse41, avx2, avx512)";
      return signalPassFailure();
    }
    SmallVector<ov::MaxPoolOp> pools;
    getOperation().walk([&](ov::MaxPoolOp op) { pools.push_back(op); });
    for (ov::MaxPoolOp pool : pools)
      rewrite(pool);
  }

  void rewrite(ov::MaxPoolOp pool) {
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
    // Without padding the generated loops are as fast or faster (LLVM
    // vectorizes their strided windows well, and narrow rows leave the
    // kernel mostly scalar edges); with padding they first copy the input
    // into a -inf filled buffer, which the kernel does without.
    if (llvm::all_of(pads.begin, [](int64_t p) { return p == 0; }) &&
        llvm::all_of(pads.end, [](int64_t p) { return p == 0; }))
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
