//===- WinogradUkernels.cpp - 3x3 convolutions by Winograd F(2x2, 3x3) ----===//
//
// Picks ovc_cpu.winograd_conv2d for each 3x3 stride-1 convolution that the
// family's Winograd kernel computes faster than its direct one
// (ovc_conv2d_winograd_takes), transforming the filter at compile time, and
// fuses the bias, residual Add and clamp after it as ConvUkernels does.
// Runs before ConvUkernels, which takes the other convolutions.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/KernelEpilogue.h"
#include "targets/cpu/Transforms/Passes.h"
#include "targets/cpu/Transforms/UkernelFamily.h"

#include "targets/cpu/ukernels/ukernels.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_WINOGRADUKERNELS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;
namespace ov = mlir::ov;

namespace {

/// Vectors of tiles per multiply-add tile of the Winograd kernel of the
/// family with channel block `block`.
int64_t winogradVectors(int64_t block) {
  switch (block) {
  case OVC_CONV2D_BLOCK_SSE41:
    return OVC_CONV2D_WINOGRAD_VECTORS_SSE41;
  case OVC_CONV2D_BLOCK_AVX2:
    return OVC_CONV2D_WINOGRAD_VECTORS_AVX2;
  default:
    return OVC_CONV2D_WINOGRAD_VECTORS_AVX512;
  }
}

struct WinogradUkernelsPass
    : public ovc::cpu::impl::WinogradUkernelsBase<WinogradUkernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    int64_t block = ovc::cpu::familyBlock(getOperation(), family);
    if (!block)
      return signalPassFailure();
    SmallVector<ov::ConvolutionOp> convs;
    getOperation().walk([&](ov::ConvolutionOp op) { convs.push_back(op); });
    for (ov::ConvolutionOp conv : convs)
      rewrite(conv, block / 2, winogradVectors(block));
  }

  void rewrite(ov::ConvolutionOp conv, int64_t vlen, int64_t vectors) {
    auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
    auto inType = cast<RankedTensorType>(conv.getInput().getType());
    auto outType = cast<RankedTensorType>(conv.getType());
    ArrayRef<int64_t> f = filterType.getShape(); // [OC, C, KH, KW]
    ArrayRef<int64_t> strides = conv.getStrides(),
                      dilations = conv.getDilations();
    if (f.size() != 4 || inType.getRank() != 4 || outType.getRank() != 4 ||
        !outType.hasStaticShape() || strides.size() != 2 ||
        dilations.size() != 2)
      return;
    int64_t oc = f[0], c = f[1];
    if (!ovc_conv2d_winograd_takes(
            f[2], f[3], strides[0], strides[1], dilations[0], dilations[1], c,
            oc, outType.getDimSize(2), outType.getDimSize(3), vlen, vectors))
      return;
    std::optional<std::vector<float>> weights = ovc::cpu::kernelFilter(conv);
    if (!weights)
      return;
    const int64_t r = OVC_CONV2D_WINOGRAD_BLOCK;
    std::vector<float> transformed(ovc_conv2d_winograd_filter_floats(oc, c));
    ovc_conv2d_winograd_pack(weights->data(), oc, c, transformed.data());
    ovc::cpu::KernelEpilogue epilogue =
        ovc::cpu::matchEpilogue(conv, oc, oc, /*withResidual=*/true);
    ov::ResolvedPads window = ovc::cpu::resolvedPads(conv, f.drop_front(2));
    ovc::cpu::replaceWithKernel(
        conv, epilogue, [&](OpBuilder &builder, Location loc) {
          Value filter = ovc::cpu::createF32Constant(
              builder, conv.getLoc(), {(oc + r - 1) / r, 16, c, r},
              std::move(transformed), "winograd_filter");
          Value bias;
          if (epilogue.bias)
            bias = ovc::cpu::createF32Constant(builder, conv.getLoc(), {oc},
                                               *epilogue.bias, "winograd_bias");
          return builder.create<ovc::cpu::WinogradConv2DOp>(
              loc, conv.getType(), conv.getInput(), filter, bias,
              epilogue.residual, window.begin, window.end, epilogue.min,
              epilogue.max, "ovc_conv2d_winograd_f32_" + family);
        });
  }
};

} // namespace
