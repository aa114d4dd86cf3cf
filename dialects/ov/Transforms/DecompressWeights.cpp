//===- DecompressWeights.cpp - fold weight decompression chains -----------===//

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/IR/WeightNames.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"
#include "dialects/ov/Transforms/Passes.h"
#include "dialects/ov/Transforms/PriorBoxEvaluation.h"

namespace mlir::ov {
#define GEN_PASS_DEF_OVDECOMPRESSWEIGHTS
#include "dialects/ov/Transforms/Passes.h.inc"
} // namespace mlir::ov

using namespace mlir;
using namespace mlir::ov;

namespace {

/// A blob name derived from the op's IR layer name.
std::string constantName(Operation *op) {
  if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
    return weightResourceKey(loc.getName().strref());
  return weightResourceKey(op->getName().stripDialect());
}

std::optional<ElementsAttr> constantOf(Value value) {
  if (auto constant = value.getDefiningOp<ConstantOp>())
    return constant.getValue();
  return std::nullopt;
}

bool isStaticF32(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() && tensor.getElementType().isF32();
}

/// Evaluates `op` when all its operands are constants; returns the f32
/// values of its single result.
std::optional<std::vector<float>> evaluate(Operation *op) {
  if (op->getNumResults() != 1 || !isStaticF32(op->getResult(0).getType()))
    return std::nullopt;
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  if (auto priorBox = dyn_cast<PriorBoxOp>(op))
    return evaluatePriorBox(priorBox);
  if (auto clustered = dyn_cast<PriorBoxClusteredOp>(op))
    return evaluatePriorBoxClustered(clustered);
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    // Concatenation of constants (e.g. the priors of all SSD heads).
    SmallVector<std::vector<float>> parts;
    for (Value input : concat.getInputs()) {
      std::optional<ElementsAttr> value = constantOf(input);
      if (!value || !isStaticF32(input.getType()))
        return std::nullopt;
      std::optional<std::vector<float>> part = readAsF32(*value);
      if (!part)
        return std::nullopt;
      parts.push_back(std::move(*part));
    }
    ArrayRef<int64_t> shape = resultType.getShape();
    int64_t axis = int64_t(concat.getAxis());
    if (axis < 0)
      axis += shape.size();
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= shape[d];
    for (int64_t d = axis + 1; d < int64_t(shape.size()); ++d)
      inner *= shape[d];
    std::vector<float> out;
    out.reserve(resultType.getNumElements());
    for (int64_t o = 0; o < outer; ++o)
      for (auto [input, part] : llvm::zip(concat.getInputs(), parts)) {
        int64_t chunk = shapeOf(input)[axis] * inner;
        out.insert(out.end(), part.begin() + o * chunk,
                   part.begin() + (o + 1) * chunk);
      }
    return out;
  }
  if (auto convert = dyn_cast<ConvertOp>(op)) {
    std::optional<ElementsAttr> input = constantOf(convert.getInput());
    if (!input)
      return std::nullopt;
    return readAsF32(*input);
  }
  if (!isa<AddOp, SubtractOp, MultiplyOp, DivideOp>(op))
    return std::nullopt;
  std::optional<ElementsAttr> lhs = constantOf(op->getOperand(0));
  std::optional<ElementsAttr> rhs = constantOf(op->getOperand(1));
  if (!lhs || !rhs || !isStaticF32(lhs->getType()) ||
      !isStaticF32(rhs->getType()))
    return std::nullopt;
  // Only numpy broadcasting is evaluated here.
  if (op->getAttrOfType<AutoBroadcastAttr>("auto_broadcast").getValue() ==
      AutoBroadcast::pdpd)
    return std::nullopt;
  auto a = readAsF32(*lhs), b = readAsF32(*rhs);
  if (!a || !b)
    return std::nullopt;
  function_ref<float(float, float)> fn;
  auto add = [](float x, float y) { return x + y; };
  auto sub = [](float x, float y) { return x - y; };
  auto mul = [](float x, float y) { return x * y; };
  auto div = [](float x, float y) { return x / y; };
  if (isa<AddOp>(op))
    fn = add;
  else if (isa<SubtractOp>(op))
    fn = sub;
  else if (isa<MultiplyOp>(op))
    fn = mul;
  else
    fn = div;
  return broadcastBinary(*a, cast<ShapedType>(lhs->getType()).getShape(), *b,
                         cast<ShapedType>(rhs->getType()).getShape(),
                         resultType.getShape(), fn);
}

struct DecompressWeightsPass
    : public ov::impl::OVDecompressWeightsBase<DecompressWeightsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &body = func.getBody().front();
    OpBuilder builder(&getContext());
    // Program order: a chain folds link by link.
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (std::optional<std::vector<float>> values = evaluate(&op)) {
        auto type = cast<RankedTensorType>(op.getResult(0).getType());
        builder.setInsertionPoint(&op);
        auto constant = builder.create<ConstantOp>(
            op.getLoc(),
            makeF32Constant(type, std::move(*values), constantName(&op)));
        op.getResult(0).replaceAllUsesWith(constant.getResult());
        op.erase();
        continue;
      }
      // Reshapes of constants keep their blob.
      if (isa<ReshapeOp, SqueezeOp, UnsqueezeOp>(op) &&
          op.getOperand(0).getDefiningOp<ConstantOp>()) {
        SmallVector<OpFoldResult> folded;
        if (succeeded(op.fold(folded)) && folded.size() == 1)
          if (auto attr = dyn_cast_if_present<ElementsAttr>(
                  dyn_cast<Attribute>(folded[0]))) {
            builder.setInsertionPoint(&op);
            auto constant = builder.create<ConstantOp>(op.getLoc(), attr);
            op.getResult(0).replaceAllUsesWith(constant.getResult());
            op.erase();
          }
      }
    }
    // Drop the compressed originals nobody reads any more.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isa<ConstantOp>(op) && op.use_empty())
        op.erase();
  }
};
} // namespace
