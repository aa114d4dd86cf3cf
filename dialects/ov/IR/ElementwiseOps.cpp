//===- ElementwiseOps.cpp - element-wise operations -----------------------===//

#include "dialects/ov/IR/ConstantFolding.h"
#include "dialects/ov/IR/OVOps.h"

using namespace mlir;
using namespace mlir::ov;

//===----------------------------------------------------------------------===//
// Folders of the arithmetic ops (shape arithmetic such as dim * 2)
//===----------------------------------------------------------------------===//

static bool isUnsignedResult(Type type) {
  return cast<RankedTensorType>(type).getElementType().isUnsignedInteger();
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APInt &a, const APInt &b) { return std::optional(a + b); },
      [](const APFloat &a, const APFloat &b) { return a + b; });
}

OpFoldResult SubtractOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APInt &a, const APInt &b) { return std::optional(a - b); },
      [](const APFloat &a, const APFloat &b) { return a - b; });
}

OpFoldResult MultiplyOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APInt &a, const APInt &b) { return std::optional(a * b); },
      [](const APFloat &a, const APFloat &b) { return a * b; });
}

OpFoldResult MaximumOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedResult(getType());
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [=](const APInt &a, const APInt &b) {
        bool less = isUnsigned ? a.ult(b) : a.slt(b);
        return std::optional(less ? b : a);
      },
      [](const APFloat &a, const APFloat &b) { return llvm::maximum(a, b); });
}

OpFoldResult MinimumOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedResult(getType());
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [=](const APInt &a, const APInt &b) {
        bool less = isUnsigned ? a.ult(b) : a.slt(b);
        return std::optional(less ? a : b);
      },
      [](const APFloat &a, const APFloat &b) { return llvm::minimum(a, b); });
}

OpFoldResult DivideOp::fold(FoldAdaptor adaptor) {
  bool isUnsigned = isUnsignedResult(getType());
  bool pythonDiv = getPythonDiv();
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [=](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (b.isZero())
          return std::nullopt; // undefined: leave it to run time
        if (isUnsigned)
          return a.udiv(b);
        if (a.isMinSignedValue() && b.isAllOnes())
          return std::nullopt;
        APInt quotient = a.sdiv(b);
        // Python division rounds toward negative infinity.
        if (pythonDiv && !a.srem(b).isZero() &&
            (a.isNegative() != b.isNegative()))
          quotient -= 1;
        return quotient;
      },
      [](const APFloat &a, const APFloat &b) { return a / b; });
}

//===----------------------------------------------------------------------===//
// Activations with tensor parameters
//===----------------------------------------------------------------------===//

/// Checks that `param` numpy-broadcasts into `input` without changing its
/// shape and has its element type.
static LogicalResult checkParameter(OptLoc loc, Value input, Value param,
                                    StringRef name) {
  if (elementTypeOf(param) != elementTypeOf(input))
    return emitOptionalError(loc, "'", name, "' has element type ",
                             elementTypeOf(param), " but the input has ",
                             elementTypeOf(input));
  FailureOr<Dims> shape = broadcastShapes(loc, shapeOf(input), shapeOf(param),
                                          AutoBroadcast::numpy);
  if (failed(shape))
    return failure();
  if (!areCompatibleResultTypes(
          {RankedTensorType::get(*shape, elementTypeOf(input))},
          {input.getType()}))
    return emitOptionalError(
        loc, "'", name, "' of shape ", formatShape(shapeOf(param)),
        " would change the input shape ", formatShape(shapeOf(input)));
  return success();
}

LogicalResult SwishOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  if (Value beta = adaptor.getBeta()) {
    if (failed(checkScalar(loc, beta)))
      return failure();
    if (elementTypeOf(beta) != elementTypeOf(adaptor.getInput()))
      return emitOptionalError(loc, "beta must have the input element type");
  }
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult mlir::ov::checkScalar(OptLoc loc, Value value) {
  int64_t elements = 1;
  for (int64_t d : shapeOf(value))
    elements = ShapedType::isDynamic(d) ? kDynamic : elements * d;
  if (elements != 1)
    return emitOptionalError(loc, "expected a scalar (one element), got shape ",
                             formatShape(shapeOf(value)));
  return success();
}

LogicalResult PReluOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  Value input = adaptor.getInput(), slope = adaptor.getSlope();
  if (elementTypeOf(slope) != elementTypeOf(input))
    return emitOptionalError(loc, "slope has element type ",
                             elementTypeOf(slope), " but the input has ",
                             elementTypeOf(input));
  ArrayRef<int64_t> in = shapeOf(input), sl = shapeOf(slope);
  // A 1-D slope of the channel count broadcasts along axis 1.
  bool channelWise = sl.size() == 1 && in.size() >= 2 &&
                     (sl[0] == in[1] || ShapedType::isDynamic(in[1]));
  if (!channelWise && failed(checkParameter(loc, input, slope, "slope")))
    return failure();
  inferred.push_back(input.getType());
  return success();
}

LogicalResult HardSigmoidOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  if (failed(checkScalar(loc, adaptor.getAlpha())) ||
      failed(checkScalar(loc, adaptor.getBeta())))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult SeluOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  if (failed(checkScalar(loc, adaptor.getAlpha())) ||
      failed(checkScalar(loc, adaptor.getLambda())))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult ClampOp::verify() {
  if (getMin().convertToDouble() > getMax().convertToDouble())
    return emitOpError("min (")
           << getMin().convertToDouble() << ") is greater than max ("
           << getMax().convertToDouble() << ")";
  return success();
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Value a = adaptor.getThenValue(), b = adaptor.getElseValue();
  if (elementTypeOf(a) != elementTypeOf(b))
    return emitOptionalError(loc, "then/else element types differ");
  FailureOr<Dims> ab =
      broadcastShapes(loc, shapeOf(a), shapeOf(b), adaptor.getAutoBroadcast());
  if (failed(ab))
    return failure();
  FailureOr<Dims> out = broadcastShapes(loc, shapeOf(adaptor.getCond()), *ab,
                                        adaptor.getAutoBroadcast());
  if (failed(out))
    return failure();
  return pushTensorType(loc, *out, elementTypeOf(a), inferred);
}

LogicalResult
FakeQuantizeOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  // I64Attr getters are unsigned: compare as signed.
  int64_t levels = adaptor.getLevels();
  if (levels < 2)
    return emitOptionalError(loc, "levels must be >= 2, got ", levels);
  Value input = adaptor.getInput();
  Dims shape(shapeOf(input));
  std::pair<Value, StringRef> ranges[] = {
      {adaptor.getInputLow(), "input_low"},
      {adaptor.getInputHigh(), "input_high"},
      {adaptor.getOutputLow(), "output_low"},
      {adaptor.getOutputHigh(), "output_high"}};
  for (auto [range, name] : ranges) {
    if (elementTypeOf(range) != elementTypeOf(input))
      return emitOptionalError(loc, "'", name, "' has element type ",
                               elementTypeOf(range), " but the input has ",
                               elementTypeOf(input));
    FailureOr<Dims> next =
        broadcastShapes(loc, shape, shapeOf(range), adaptor.getAutoBroadcast());
    if (failed(next))
      return failure();
    shape = *next;
  }
  return pushTensorType(loc, shape, elementTypeOf(input), inferred);
}

//===----------------------------------------------------------------------===//
// SoftMax family
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  int64_t rank = shapeOf(adaptor.getInput()).size();
  if (failed(normalizeAxis(loc, adaptor.getAxis(), rank, "softmax axis")))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  int64_t rank = shapeOf(adaptor.getInput()).size();
  if (failed(normalizeAxis(loc, adaptor.getAxis(), rank, "log_softmax axis")))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}
