//===- NormalizationOps.cpp - normalizations ------------------------------===//

#include "dialects/ov/IR/OVOps.h"

using namespace mlir;
using namespace mlir::ov;

/// Axes must be constant, in range and unique.
static LogicalResult checkConstantAxes(OptLoc loc, Value input, Value axes,
                                       StringRef what) {
  if (shapeOf(axes).size() > 1)
    return emitOptionalError(loc, what, " axes must be a scalar or 1-D tensor");
  if (auto values = getConstantInts(axes))
    return normalizeAxes(loc, *values, shapeOf(input).size(), what);
  return success();
}

LogicalResult MVNOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  if (failed(
          checkConstantAxes(loc, adaptor.getInput(), adaptor.getAxes(), "MVN")))
    return failure();
  if (adaptor.getEps().convertToDouble() < 0)
    return emitOptionalError(loc, "MVN eps must be >= 0");
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult NormalizeL2Op::inferReturnTypes(MLIRContext *, OptLoc loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  if (failed(checkConstantAxes(loc, adaptor.getInput(), adaptor.getAxes(),
                               "NormalizeL2")))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult
BatchNormInferenceOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Value input = adaptor.getInput();
  ArrayRef<int64_t> in = shapeOf(input);
  if (in.size() < 2)
    return emitOptionalError(loc, "input must have rank >= 2 [N, C, ...]");
  std::pair<Value, StringRef> params[] = {{adaptor.getGamma(), "gamma"},
                                          {adaptor.getBeta(), "beta"},
                                          {adaptor.getMean(), "mean"},
                                          {adaptor.getVariance(), "variance"}};
  for (auto [param, name] : params) {
    ArrayRef<int64_t> p = shapeOf(param);
    if (p.size() != 1)
      return emitOptionalError(loc, "'", name, "' must be 1-D, got ",
                               formatShape(p));
    if (!ShapedType::isDynamic(p[0]) && !ShapedType::isDynamic(in[1]) &&
        p[0] != in[1])
      return emitOptionalError(loc, "'", name, "' has ", p[0],
                               " values but the input has ", in[1],
                               " channels");
    if (elementTypeOf(param) != elementTypeOf(input))
      return emitOptionalError(loc, "'", name,
                               "' must have the input element type");
  }
  if (adaptor.getEpsilon().convertToDouble() < 0)
    return emitOptionalError(loc, "epsilon must be >= 0");
  inferred.push_back(input.getType());
  return success();
}
