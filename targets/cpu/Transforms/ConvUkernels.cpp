//===- ConvUkernels.cpp - convolutions onto the CPU microkernel -----------===//
//
// Picks ovc_cpu.conv2d for each convolution the microkernel computes, packs
// its filter for the ISA family, and fuses the per-channel bias and the
// clamp that follow it. Runs on the ov dialect, where the bias and the
// activation are still single ops with constant operands.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/IR/ShapeInferenceUtils.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"
#include "targets/cpu/ukernels/ukernels.h"

#include "mlir/IR/Matchers.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_CONVUKERNELS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;
namespace ov = mlir::ov;

namespace {

/// The constant values of `value` as f32, if it is an f32 constant.
std::optional<std::vector<float>> constantValues(Value value) {
  ElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return ov::readAsF32(attr);
}

/// The op that is the only user of `value`, if it is an `Op`.
template <typename Op> Op soleUser(Value value) {
  if (!value.hasOneUse())
    return nullptr;
  return dyn_cast<Op>(*value.getUsers().begin());
}

/// The per-channel values of `add`'s constant operand when `add` adds one
/// value per channel (axis 1) to `conv` without growing its shape.
std::optional<std::vector<float>> channelBias(ov::AddOp add, Value conv,
                                              int64_t channels) {
  if (add.getAutoBroadcast() != ov::AutoBroadcast::numpy ||
      add.getType() != conv.getType())
    return std::nullopt;
  Value other = add.getLhs() == conv ? add.getRhs() : add.getLhs();
  auto type = cast<RankedTensorType>(other.getType());
  int64_t rank = type.getRank();
  if (rank > 4 || !type.hasStaticShape())
    return std::nullopt;
  // Right-aligned to [N, C, H, W]: every dim but the channel one is 1.
  for (int64_t d = 0; d < rank; ++d)
    if (d != rank - 3 && type.getDimSize(d) != 1)
      return std::nullopt;
  std::optional<std::vector<float>> values = constantValues(other);
  if (!values)
    return std::nullopt;
  if (values->size() == 1)
    values->assign(channels, values->front());
  if (int64_t(values->size()) != channels)
    return std::nullopt;
  return values;
}

struct ConvUkernelsPass
    : public ovc::cpu::impl::ConvUkernelsBase<ConvUkernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    int64_t block = llvm::StringSwitch<int64_t>(family)
                        .Case("sse41", OVC_CONV2D_BLOCK_SSE41)
                        .Case("avx2", OVC_CONV2D_BLOCK_AVX2)
                        .Case("avx512", OVC_CONV2D_BLOCK_AVX512)
                        .Default(0);
    if (!block) {
      getOperation().emitError("unknown microkernel family '")
          << family << "' (sse41, avx2, avx512)";
      return signalPassFailure();
    }
    SmallVector<ov::ConvolutionOp> convs;
    getOperation().walk([&](ov::ConvolutionOp op) { convs.push_back(op); });
    for (ov::ConvolutionOp conv : convs)
      rewrite(conv, block);
  }

  void rewrite(ov::ConvolutionOp conv, int64_t block) {
    auto inType = cast<RankedTensorType>(conv.getInput().getType());
    auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
    auto outType = cast<RankedTensorType>(conv.getType());
    if (!inType.hasStaticShape() || !outType.hasStaticShape() ||
        outType.getRank() != 4 || !outType.getElementType().isF32() ||
        !inType.getElementType().isF32())
      return;
    std::optional<std::vector<float>> weights =
        constantValues(conv.getFilter());
    if (!weights)
      return;
    ArrayRef<int64_t> f = filterType.getShape(); // [OC, C, KH, KW]
    int64_t oc = f[0], c = f[1], kh = f[2], kw = f[3];
    int64_t blocks = (oc + block - 1) / block;

    // [OC, C, KH, KW] -> [OC / B, C, KH, KW, B], zeros past OC.
    std::vector<float> packed(blocks * c * kh * kw * block, 0.0f);
    for (int64_t o = 0; o < oc; ++o)
      for (int64_t i = 0; i < c * kh * kw; ++i)
        packed[((o / block) * c * kh * kw + i) * block + o % block] =
            (*weights)[o * c * kh * kw + i];

    // The epilogue: a per-channel bias, then ReLU or Clamp.
    SmallVector<Operation *> chain = {conv};
    Value result = conv.getResult();
    std::optional<std::vector<float>> bias;
    if (auto add = soleUser<ov::AddOp>(result)) {
      if ((bias = channelBias(add, result, oc))) {
        bias->resize(blocks * block, 0.0f);
        chain.push_back(add);
        result = add.getResult();
      }
    }
    FloatAttr min, max;
    OpBuilder builder(&getContext());
    if (auto relu = soleUser<ov::ReluOp>(result)) {
      min = builder.getF32FloatAttr(0.0f);
      chain.push_back(relu);
    } else if (auto clamp = soleUser<ov::ClampOp>(result)) {
      min = builder.getF32FloatAttr(float(clamp.getMin().convertToDouble()));
      max = builder.getF32FloatAttr(float(clamp.getMax().convertToDouble()));
      chain.push_back(clamp);
    }

    Operation *last = chain.back();
    builder.setInsertionPoint(last);
    // The conv's layer comes first: the counters name the kernel after it.
    SmallVector<Location> locs;
    for (Operation *op : chain)
      locs.push_back(op->getLoc());
    Location loc = builder.getFusedLoc(locs);
    auto packedType =
        RankedTensorType::get({blocks, c, kh, kw, block}, builder.getF32Type());
    Value filter = builder.create<ov::ConstantOp>(
        conv.getLoc(),
        ov::makeF32Constant(packedType, std::move(packed), "packed_filter"));
    Value biasValue;
    if (bias) {
      auto biasType =
          RankedTensorType::get({blocks * block}, builder.getF32Type());
      biasValue = builder.create<ov::ConstantOp>(
          conv.getLoc(), ov::makeF32Constant(biasType, *bias, "packed_bias"));
    }
    ov::ResolvedPads pads = ov::resolvePads(
        inType.getShape().drop_front(2), f.drop_front(2), conv.getStrides(),
        conv.getDilations(), conv.getPadsBegin(), conv.getPadsEnd(),
        conv.getAutoPad());
    auto kernel = builder.create<ovc::cpu::Conv2DOp>(
        loc, outType, conv.getInput(), filter, biasValue, conv.getStrides(),
        conv.getDilations(), pads.begin, pads.end, min, max,
        "ovc_conv2d_f32_" + family);
    last->getResult(0).replaceAllUsesWith(kernel.getResult());
    Operation *oldFilter = conv.getFilter().getDefiningOp();
    for (Operation *op : llvm::reverse(chain))
      op->erase();
    if (oldFilter->use_empty())
      oldFilter->erase();
  }
};

} // namespace
