//===- KernelEpilogue.cpp - fusing a layer's epilogue into a kernel -------===//

#include "targets/cpu/Transforms/KernelEpilogue.h"

#include "dialects/ov/Transforms/ChannelConstants.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
namespace ov = mlir::ov;

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

} // namespace

ovc::cpu::KernelEpilogue ovc::cpu::matchEpilogue(Operation *conv,
                                                 int64_t channels,
                                                 int64_t paddedChannels,
                                                 bool withResidual) {
  KernelEpilogue e;
  e.chain.push_back(conv);
  Value result = conv->getResult(0);
  if (auto add = soleUser<ov::AddOp>(result)) {
    std::optional<std::vector<float>> bias = ov::channelAddend(add, result);
    if (bias && int64_t(bias->size()) == channels) {
      e.bias = std::move(bias);
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
