//===- LayerBuilder.cpp - turning one IR layer into ov ops ----------------===//

#include "compiler/importer/LayerBuilder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace ovc::importer;
using namespace mlir;

LogicalResult LayerContext::expectInputs(unsigned min, unsigned max) const {
  unsigned count = inputs.size();
  if (count >= min && count <= max)
    return success();
  if (min == max)
    diags.error(layer.ref(),
                llvm::formatv("expects {0} inputs, got {1}", min, count));
  else
    diags.error(layer.ref(), llvm::formatv("expects {0} to {1} inputs, got {2}",
                                           min, max, count));
  return failure();
}

FailureOr<Values> LayerContext::finish(Operation *op) {
  if (failed(mlir::verify(op))) {
    op->erase();
    return failure();
  }
  SmallVector<OpFoldResult> folded;
  if (op->getNumResults() == 0 || failed(op->fold(folded)) || folded.empty())
    return Values(op->getResults());
  Values results;
  SmallVector<Operation *> created;
  for (auto [result, fold] : llvm::zip(op->getResults(), folded)) {
    if (auto value = dyn_cast<Value>(fold)) {
      results.push_back(value);
      continue;
    }
    Operation *constant = op->getDialect()->materializeConstant(
        builder, cast<Attribute>(fold), result.getType(), op->getLoc());
    if (!constant) {
      // Not representable as a constant: keep the op as it is.
      for (Operation *c : created)
        c->erase();
      return Values(op->getResults());
    }
    created.push_back(constant);
    results.push_back(constant->getResult(0));
  }
  op->erase();
  return results;
}

Value LayerContext::i64Constant(ArrayRef<int64_t> values) {
  auto type =
      RankedTensorType::get({int64_t(values.size())}, builder.getI64Type());
  return builder.create<ov::ConstantOp>(
      loc, DenseIntElementsAttr::get(type, values));
}

const LayerKind *ovc::importer::lookupLayerKind(llvm::StringRef type) {
  static const llvm::StringMap<LayerKind> table = [] {
    llvm::StringMap<LayerKind> t;
    registerCoreLayers(t);
    registerElementwiseLayers(t);
    registerConvolutionLayers(t);
    registerPoolingLayers(t);
    registerDataMovementLayers(t);
    registerDetectionLayers(t);
    return t;
  }();
  std::string key = type.lower();
  if (key == "constant")
    key = "const";
  auto it = table.find(key);
  return it == table.end() ? nullptr : &it->second;
}
