//===- FoldInputShift.cpp - a per-channel shift of a conv input into bias -===//
//
// A convolution that reads no padding multiplies only input values, so a
// constant added to each input channel before it comes out as a constant
// per output channel:
//
//   conv(x + m)[o] = conv(x)[o] + sum over c of m[c] * (sum of w[o][c][...])
//
// Models whose preprocessing subtracts a mean per colour channel
// (squeezenet's `data/mean`) then skip a pass over their input, and the
// shift joins the bias that the convolution kernel adds anyway. OpenVINO's
// Model Optimizer folded mean values into the first convolution the same
// way. The sums round differently (conv(x) sums unshifted values), within
// a few ulps of the largest partial sums; with padding the zeros would be
// shifted too, so padded convolutions are left alone.
//
//===----------------------------------------------------------------------===//

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/IR/WeightNames.h"
#include "dialects/ov/Transforms/ChannelConstants.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"
#include "dialects/ov/Transforms/Passes.h"

namespace mlir::ov {
#define GEN_PASS_DEF_OVFOLDINPUTSHIFT
#include "dialects/ov/Transforms/Passes.h.inc"
} // namespace mlir::ov

using namespace mlir;
using namespace mlir::ov;

namespace {

/// Whether `conv` reads no padding.
bool readsNoPadding(ConvolutionOp conv) {
  if (conv.getAutoPad() == AutoPad::valid)
    return true;
  auto zero = [](int64_t pad) { return pad == 0; };
  return conv.getAutoPad() == AutoPad::explicit_ &&
         llvm::all_of(conv.getPadsBegin(), zero) &&
         llvm::all_of(conv.getPadsEnd(), zero);
}

/// Folds the shift added to `conv`'s input; returns whether it did.
bool foldShift(ConvolutionOp conv) {
  auto add = conv.getInput().getDefiningOp<AddOp>();
  if (!add || !add->hasOneUse() || !readsNoPadding(conv))
    return false;
  Value x = add.getLhs();
  std::optional<std::vector<float>> m = channelAddend(add, x);
  if (!m) {
    x = add.getRhs();
    m = channelAddend(add, x);
  }
  auto outType = cast<RankedTensorType>(conv.getType());
  auto filterType = cast<RankedTensorType>(conv.getFilter().getType());
  if (!m || !outType.hasStaticShape() || !outType.getElementType().isF32() ||
      !filterType.getElementType().isF32())
    return false;
  std::optional<std::vector<float>> w = constantAsF32(conv.getFilter());
  const int64_t channels = int64_t(m->size());
  if (!w || filterType.getRank() < 2 ||
      filterType.getDimSize(0) != outType.getDimSize(1) ||
      filterType.getDimSize(1) != channels)
    return false;

  // b[o] = sum over c of m[c] * (sum of w[o][c][...]), in double.
  const int64_t outChannels = outType.getDimSize(1);
  const int64_t window = int64_t(w->size()) / (outChannels * channels);
  std::vector<double> b(outChannels, 0.0);
  for (int64_t o = 0; o < outChannels; ++o)
    for (int64_t c = 0; c < channels; ++c)
      for (int64_t k = 0; k < window; ++k)
        b[o] += double((*m)[c]) * (*w)[(o * channels + c) * window + k];

  OpBuilder builder(conv);
  const Location shiftLoc = add.getLoc();
  conv.getInputMutable().assign(x);
  add.erase();
  Value result = conv.getResult();
  // A bias of one value per channel added next: the shift joins it (b +
  // bias, rounded once), and the layer still adds one constant. -pc lists
  // the shift's layer as fused into the convolution.
  if (result.hasOneUse())
    if (auto bias = dyn_cast<AddOp>(*result.getUsers().begin())) {
      const unsigned at = bias.getLhs() == result ? 1 : 0;
      Value constant = bias->getOperand(at);
      auto type = cast<RankedTensorType>(constant.getType());
      std::optional<std::vector<float>> values = channelAddend(bias, result);
      if (values && type.getNumElements() == outChannels) {
        std::vector<float> joined(outChannels);
        for (int64_t o = 0; o < outChannels; ++o)
          joined[o] = float(b[o] + (*values)[o]);
        builder.setInsertionPoint(bias);
        Value folded = builder.create<ConstantOp>(
            constant.getLoc(),
            makeF32Constant(type, std::move(joined),
                            weightResourceKey(layerName(bias, "bias"))));
        bias->setOperand(at, folded);
        conv->setLoc(builder.getFusedLoc({conv.getLoc(), shiftLoc}));
        return true;
      }
    }
  // Else the shift's layer adds b, which the kernel fuses as a bias.
  builder.setInsertionPointAfter(conv);
  SmallVector<int64_t> shape(outType.getRank(), 1);
  shape[1] = outChannels;
  Value constant = builder.create<ConstantOp>(
      shiftLoc,
      makeF32Constant(RankedTensorType::get(shape, builder.getF32Type()),
                      std::vector<float>(b.begin(), b.end()),
                      weightResourceKey(layerName(conv, "input_shift"))));
  auto shifted = builder.create<AddOp>(shiftLoc, result, constant);
  result.replaceAllUsesExcept(shifted.getResult(), shifted);
  return true;
}

struct FoldInputShiftPass
    : public ov::impl::OVFoldInputShiftBase<FoldInputShiftPass> {
  void runOnOperation() override {
    SmallVector<ConvolutionOp> convs;
    getOperation().walk([&](ConvolutionOp conv) { convs.push_back(conv); });
    for (ConvolutionOp conv : convs)
      foldShift(conv);
  }
};

} // namespace
