//===- KernelEpilogue.cpp - fusing a layer's epilogue into a kernel -------===//

#include "targets/cpu/Transforms/KernelEpilogue.h"

#include "dialects/ov/Transforms/ConstantEvaluation.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
namespace ov = mlir::ov;

std::optional<std::vector<float>> ovc::cpu::constantValues(Value value) {
  ElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return ov::readAsF32(attr);
}

Value ovc::cpu::createF32Constant(OpBuilder &builder, Location loc,
                                  ArrayRef<int64_t> shape,
                                  std::vector<float> values, StringRef name) {
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  return builder.create<ov::ConstantOp>(
      loc, ov::makeF32Constant(type, std::move(values), name));
}

namespace {

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
  std::optional<std::vector<float>> values = ovc::cpu::constantValues(other);
  if (!values)
    return std::nullopt;
  if (values->size() == 1)
    values->assign(channels, values->front());
  if (int64_t(values->size()) != channels)
    return std::nullopt;
  return values;
}

} // namespace

ovc::cpu::KernelEpilogue ovc::cpu::matchEpilogue(Operation *conv,
                                                 int64_t channels,
                                                 int64_t paddedChannels,
                                                 bool withResidual) {
  KernelEpilogue e;
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
