//===- ConvUkernels.cpp - convolutions onto the CPU microkernel -----------===//
//
// Picks ovc_cpu.conv2d for each convolution the microkernel computes (packing
// its filter for the ISA family) and ovc_cpu.depthwise_conv2d for each
// depthwise GroupConvolution, and fuses the per-channel bias and the clamp
// that follow them. Runs on the ov dialect, where the bias and the
// activation are still single ops with constant operands.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"
#include "targets/cpu/Transforms/UkernelFamily.h"

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

/// The ops fused into a kernel's epilogue after `conv`: a per-channel bias
/// (padded to `paddedChannels` with zeros), then, with `withResidual`, the
/// Add of another tensor of the same type (a skip connection), then ReLU
/// or Clamp, each the only user of the value before it.
struct Epilogue {
  SmallVector<Operation *> chain; // conv first
  std::optional<std::vector<float>> bias;
  Value residual;
  FloatAttr min, max;
};

Epilogue matchEpilogue(Operation *conv, int64_t channels,
                       int64_t paddedChannels, bool withResidual) {
  Epilogue e;
  e.chain.push_back(conv);
  Value result = conv->getResult(0);
  if (auto add = soleUser<ov::AddOp>(result)) {
    if ((e.bias = channelBias(add, result, channels))) {
      e.bias->resize(paddedChannels, 0.0f);
      e.chain.push_back(add);
      result = add.getResult();
    }
  }
  // x + residual == residual + x in IEEE arithmetic, so either operand order
  // gives the kernel's bits.
  if (auto add = soleUser<ov::AddOp>(result); add && withResidual) {
    Value other = add.getLhs() == result ? add.getRhs() : add.getLhs();
    if (add.getLhs() != add.getRhs() && other.getType() == result.getType() &&
        add.getType() == result.getType()) {
      e.residual = other;
      e.chain.push_back(add);
      result = add.getResult();
    }
  }
  Builder builder(conv->getContext());
  if (auto relu = soleUser<ov::ReluOp>(result)) {
    e.min = builder.getF32FloatAttr(0.0f);
    e.chain.push_back(relu);
  } else if (auto clamp = soleUser<ov::ClampOp>(result)) {
    e.min = builder.getF32FloatAttr(float(clamp.getMin().convertToDouble()));
    e.max = builder.getF32FloatAttr(float(clamp.getMax().convertToDouble()));
    e.chain.push_back(clamp);
  }
  return e;
}

/// Whether `conv` is a static f32 2-D convolution with a constant filter;
/// returns the filter values.
template <typename ConvOp>
std::optional<std::vector<float>> kernelFilter(ConvOp conv) {
  auto inType = cast<RankedTensorType>(conv.getInput().getType());
  auto outType = cast<RankedTensorType>(conv.getType());
  if (!inType.hasStaticShape() || !outType.hasStaticShape() ||
      outType.getRank() != 4 || !outType.getElementType().isF32() ||
      !inType.getElementType().isF32())
    return std::nullopt;
  return constantValues(conv.getFilter());
}

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

  /// Creates the kernel op with `build(builder, fusedLoc, min, max)` at the
  /// end of the epilogue, and erases the fused ops and the old filter.
  template <typename ConvOp, typename Build>
  void replace(ConvOp conv, const Epilogue &epilogue, Build build) {
    Operation *last = epilogue.chain.back();
    OpBuilder builder(last);
    // The conv's layer comes first: the counters name the kernel after it.
    SmallVector<Location> locs;
    for (Operation *op : epilogue.chain)
      locs.push_back(op->getLoc());
    Value kernel = build(builder, builder.getFusedLoc(locs));
    last->getResult(0).replaceAllUsesWith(kernel);
    Operation *oldFilter = conv.getFilter().getDefiningOp();
    for (Operation *op : llvm::reverse(epilogue.chain))
      op->erase();
    if (oldFilter->use_empty())
      oldFilter->erase();
  }

  template <typename ConvOp>
  ov::ResolvedPads pads(ConvOp conv, ArrayRef<int64_t> window) {
    auto inType = cast<RankedTensorType>(conv.getInput().getType());
    return ov::resolvePads(inType.getShape().drop_front(2), window,
                           conv.getStrides(), conv.getDilations(),
                           conv.getPadsBegin(), conv.getPadsEnd(),
                           conv.getAutoPad());
  }

  void rewrite(ov::ConvolutionOp conv, int64_t block) {
    std::optional<std::vector<float>> weights = kernelFilter(conv);
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

    Epilogue epilogue =
        matchEpilogue(conv, oc, blocks * block, /*withResidual=*/true);
    ov::ResolvedPads window = pads(conv, f.drop_front(2));
    replace(conv, epilogue, [&](OpBuilder &builder, Location loc) {
      auto packedType = RankedTensorType::get({blocks, c, kh, kw, block},
                                              builder.getF32Type());
      Value filter = builder.create<ov::ConstantOp>(
          conv.getLoc(),
          ov::makeF32Constant(packedType, std::move(packed), "packed_filter"));
      Value bias;
      if (epilogue.bias)
        bias = builder.create<ov::ConstantOp>(
            conv.getLoc(),
            ov::makeF32Constant(
                RankedTensorType::get({blocks * block}, builder.getF32Type()),
                *epilogue.bias, "packed_bias"));
      return builder.create<ovc::cpu::Conv2DOp>(
          loc, conv.getType(), conv.getInput(), filter, bias, epilogue.residual,
          conv.getStrides(), conv.getDilations(), window.begin, window.end,
          epilogue.min, epilogue.max, "ovc_conv2d_f32_" + family);
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
    std::optional<std::vector<float>> weights = kernelFilter(conv);
    if (!weights)
      return;
    int64_t channels = f[0];
    Epilogue epilogue =
        matchEpilogue(conv, channels, channels, /*withResidual=*/false);
    ov::ResolvedPads window = pads(conv, f.drop_front(3));
    replace(conv, epilogue, [&](OpBuilder &builder, Location loc) {
      auto type =
          RankedTensorType::get({channels, f[3], f[4]}, builder.getF32Type());
      Value filter = builder.create<ov::ConstantOp>(
          conv.getLoc(),
          ov::makeF32Constant(type, std::move(*weights), "depthwise_filter"));
      Value bias;
      if (epilogue.bias)
        bias = builder.create<ov::ConstantOp>(
            conv.getLoc(),
            ov::makeF32Constant(
                RankedTensorType::get({channels}, builder.getF32Type()),
                *epilogue.bias, "depthwise_bias"));
      return builder.create<ovc::cpu::DepthwiseConv2DOp>(
          loc, conv.getType(), conv.getInput(), filter, bias, conv.getStrides(),
          conv.getDilations(), window.begin, window.end, epilogue.min,
          epilogue.max, "ovc_depthwise_conv2d_f32_" + family);
    });
  }
};

} // namespace
