//===- ConvUkernels.cpp - convolutions onto the CPU microkernel -----------===//
//
// Picks ovc_cpu.conv2d for each convolution the microkernel computes (packing
// its filter for the ISA family) and ovc_cpu.depthwise_conv2d for each
// depthwise GroupConvolution, and fuses the per-channel bias and the clamp
// that follow them. Runs on the ov dialect, where the bias and the
// activation are still single ops with constant operands.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/KernelEpilogue.h"
#include "targets/cpu/Transforms/Passes.h"
#include "targets/cpu/Transforms/UkernelFamily.h"

#include "targets/cpu/ukernels/ukernels.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_CONVUKERNELS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;
namespace ov = mlir::ov;

namespace {

using ovc::cpu::KernelEpilogue;

struct ConvUkernelsPass
    : public ovc::cpu::impl::ConvUkernelsBase<ConvUkernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    int64_t block = ovc::cpu::familyBlock(getOperation(), family);
    if (!block)
      return signalPassFailure();
    SmallVector<Operation *> convs;
    getOperation().walk([&](Operation *op) {
      if (isa<ov::ConvolutionOp, ov::GroupConvolutionOp>(op))
        convs.push_back(op);
    });
    for (Operation *op : convs) {
      if (auto conv = dyn_cast<ov::ConvolutionOp>(op))
        rewrite(conv, block);
      else
        rewrite(cast<ov::GroupConvolutionOp>(op), block);
    }
  }

  void rewrite(ov::ConvolutionOp conv, int64_t block) {
    std::optional<std::vector<float>> weights = ovc::cpu::kernelFilter(conv);
    if (!weights)
      return;
    auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
    ArrayRef<int64_t> f = filterType.getShape(); // [OC, C, KH, KW]
    int64_t oc = f[0], c = f[1], kh = f[2], kw = f[3];
    int64_t blocks = (oc + block - 1) / block;

    // [OC, C, KH, KW] -> [OC / B, C, KH, KW, B], zeros past OC.
    std::vector<float> packed(blocks * c * kh * kw * block, 0.0f);
    for (int64_t o = 0; o < oc; ++o)
      for (int64_t i = 0; i < c * kh * kw; ++i)
        packed[((o / block) * c * kh * kw + i) * block + o % block] =
            (*weights)[o * c * kh * kw + i];

    KernelEpilogue epilogue = ovc::cpu::matchEpilogue(conv, oc, blocks * block,
                                                      /*withResidual=*/true);
    ov::ResolvedPads window = ovc::cpu::resolvedPads(conv, f.drop_front(2));
    ovc::cpu::replaceWithKernel(
        conv, epilogue, [&](OpBuilder &builder, Location loc) {
          Value filter = ovc::cpu::createF32Constant(
              builder, conv.getLoc(), {blocks, c, kh, kw, block},
              std::move(packed), "packed_filter");
          Value bias;
          if (epilogue.bias)
            bias = ovc::cpu::createF32Constant(builder, conv.getLoc(),
                                               {blocks * block}, *epilogue.bias,
                                               "packed_bias");
          return builder.create<ovc::cpu::Conv2DOp>(
              loc, conv.getType(), conv.getInput(), filter, bias,
              epilogue.residual, conv.getStrides(), conv.getDilations(),
              window.begin, window.end, epilogue.min, epilogue.max,
              "ovc_conv2d_f32_" + family);
        });
  }

  /// Depthwise: one input and one output channel per group. The kernel
  /// vectorizes along output rows. Where it takes blocks of rows (see
  /// ovc_depthwise_rows_in_blocks) any row width runs well; otherwise rows
  /// narrower than four vectors (twice the family's channel block) give its
  /// row tiles few independent sums, each a chain of dependent adds, and
  /// the generated loops are left to them. Windows whose rows do not fit
  /// the kernel's ring (ovc_depthwise_window_fits) stay loops too.
  void rewrite(ov::GroupConvolutionOp conv, int64_t block) {
    auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
    ArrayRef<int64_t> f = filterType.getShape(); // [G, OC/G, C/G, KH, KW]
    auto inType = cast<RankedTensorType>(conv.getInput().getType());
    auto outType = cast<RankedTensorType>(conv.getType());
    if (f.size() != 5 || f[1] != 1 || f[2] != 1 || inType.getRank() != 4 ||
        f[0] != inType.getDimSize(1) || outType.getRank() != 4)
      return;
    ArrayRef<int64_t> strides = conv.getStrides(),
                      dilations = conv.getDilations();
    if (strides.size() != 2 || dilations.size() != 2 ||
        !ovc_depthwise_window_fits(f[3], f[4], strides[0], strides[1],
                                   dilations[0], dilations[1]))
      return;
    bool inBlocks = family != "sse41" &&
                    ovc_depthwise_rows_in_blocks(
                        f[3], f[4], strides[0], strides[1], dilations[0],
                        dilations[1], inType.getDimSize(3));
    if (!inBlocks && outType.getDimSize(3) < 2 * block)
      return;
    std::optional<std::vector<float>> weights = ovc::cpu::kernelFilter(conv);
    if (!weights)
      return;
    int64_t channels = f[0];
    KernelEpilogue epilogue = ovc::cpu::matchEpilogue(conv, channels, channels,
                                                      /*withResidual=*/false);
    ov::ResolvedPads window = ovc::cpu::resolvedPads(conv, f.drop_front(3));
    ovc::cpu::replaceWithKernel(
        conv, epilogue, [&](OpBuilder &builder, Location loc) {
          Value filter = ovc::cpu::createF32Constant(
              builder, conv.getLoc(), {channels, f[3], f[4]},
              std::move(*weights), "depthwise_filter");
          Value bias;
          if (epilogue.bias)
            bias =
                ovc::cpu::createF32Constant(builder, conv.getLoc(), {channels},
                                            *epilogue.bias, "depthwise_bias");
          // SSE4.1 has no FMA: its kernel rounds every product.
          bool fused = fuseDepthwise && family != "sse41";
          return builder.create<ovc::cpu::DepthwiseConv2DOp>(
              loc, conv.getType(), conv.getInput(), filter, bias,
              conv.getStrides(), conv.getDilations(), window.begin, window.end,
              epilogue.min, epilogue.max, fused,
              "ovc_depthwise_conv2d_f32_" + family);
        });
  }
};

} // namespace
