//===- FuseDepthwisePointwise.cpp - depthwise layers inside 1x1 layers ----===//
//
// Replaces a blocked depthwise layer and the blocked 1x1 layer that alone
// reads it with ovc_cpu.depthwise_pointwise_conv2d (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"
#include "targets/cpu/Transforms/UkernelFamily.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_FUSEDEPTHWISEPOINTWISE
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;

namespace {

struct FuseDepthwisePointwisePass
    : public ovc::cpu::impl::FuseDepthwisePointwiseBase<
          FuseDepthwisePointwisePass> {
  using Base::Base;

  void runOnOperation() override {
    if (!ovc::cpu::familyBlock(getOperation(), family))
      return signalPassFailure();
    SmallVector<ovc::cpu::Conv2DOp> convs;
    getOperation().walk([&](ovc::cpu::Conv2DOp op) { convs.push_back(op); });
    for (ovc::cpu::Conv2DOp conv : convs)
      if (auto depthwise = fusable(conv))
        fuse(depthwise, conv);
  }

  /// The depthwise layer `conv` can take in, if any: a blocked one of the
  /// family that only `conv` reads, as its input, `conv` being a blocked 1x1
  /// layer of the family, with rows that fit the kernel's band buffer.
  ovc::cpu::DepthwiseConv2DOp fusable(ovc::cpu::Conv2DOp conv) {
    if (!conv.isBlocked() ||
        conv.getUkernel() != "ovc_blocked_pointwise_conv2d_f32_" + family)
      return {};
    auto depthwise =
        conv.getInput().getDefiningOp<ovc::cpu::DepthwiseConv2DOp>();
    if (!depthwise || !depthwise.isBlocked() ||
        depthwise.getUkernel() !=
            "ovc_blocked_depthwise_conv2d_f32_" + family ||
        !depthwise->hasOneUse())
      return {};
    SmallVector<int64_t, 4> middle =
        ovc::cpu::nchwShape(depthwise.getOutput().getType());
    if (ovc_blocked_dw_pw_band_rows(middle[1], middle[3]) < 1)
      return {};
    return depthwise;
  }

  void fuse(ovc::cpu::DepthwiseConv2DOp depthwise, ovc::cpu::Conv2DOp conv) {
    OpBuilder builder(conv);
    Location loc = builder.getFusedLoc({conv.getLoc(), depthwise.getLoc()});
    auto fused = builder.create<ovc::cpu::DepthwisePointwiseConv2DOp>(
        loc, conv.getType(), depthwise.getInput(), depthwise.getFilter(),
        depthwise.getBias(), conv.getFilter(), conv.getBias(),
        conv.getResidual(), depthwise.getStrides(), depthwise.getDilations(),
        depthwise.getPadsBegin(), depthwise.getPadsEnd(),
        depthwise.getMinAttr(), depthwise.getMaxAttr(),
        depthwise.getFusedMultiplyAdd(), conv.getMinAttr(), conv.getMaxAttr(),
        "ovc_blocked_depthwise_pointwise_conv2d_f32_" + family);
    conv.replaceAllUsesWith(fused.getOutput());
    conv.erase();
    depthwise.erase();
  }
};

} // namespace
