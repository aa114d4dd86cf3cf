//===- ChannelConstants.cpp - constants added per channel -----------------===//

#include "dialects/ov/Transforms/ChannelConstants.h"

#include "dialects/ov/Transforms/ConstantEvaluation.h"

using namespace mlir;

std::optional<std::vector<float>> mlir::ov::channelAddend(AddOp add,
                                                          Value tensor) {
  if (add.getLhs() != tensor && add.getRhs() != tensor)
    return std::nullopt;
  Value constant = add.getLhs() == tensor ? add.getRhs() : add.getLhs();
  auto shape = cast<RankedTensorType>(tensor.getType());
  auto type = dyn_cast<RankedTensorType>(constant.getType());
  if (add.getAutoBroadcast() != AutoBroadcast::numpy ||
      add.getType() != shape || !type || !type.hasStaticShape() ||
      !shape.hasStaticShape() || shape.getRank() < 2 ||
      type.getRank() > shape.getRank())
    return std::nullopt;
  const int64_t channels = shape.getDimSize(1);
  const int64_t offset = shape.getRank() - type.getRank();
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d + offset != 1 && type.getDimSize(d) != 1)
      return std::nullopt;
  std::optional<std::vector<float>> values = constantAsF32(constant);
  if (!values)
    return std::nullopt;
  if (values->size() == 1)
    values->assign(channels, values->front());
  if (int64_t(values->size()) != channels)
    return std::nullopt;
  return values;
}
