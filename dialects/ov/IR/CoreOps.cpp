//===- CoreOps.cpp - constants, conversions, shapes -----------------------===//

#include "dialects/ov/IR/ConstantFolding.h"
#include "dialects/ov/IR/OVOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::ov;

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ConvertOp / ConvertLikeOp
//===----------------------------------------------------------------------===//

static bool isOVElementType(Type type) {
  return isa<FloatType>(type) || isa<IntegerType>(type);
}

LogicalResult ConvertOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  Type destination = adaptor.getDestinationType();
  if (!isOVElementType(destination))
    return emitOptionalError(loc, "destination_type ", destination,
                             " is not a tensor element type");
  return pushTensorType(loc, shapeOf(adaptor.getInput()), destination,
                        inferred);
}

LogicalResult ConvertOp::verify() {
  if (getDecompression() && !isa<FloatType>(getDestinationType()))
    return emitOpError("a decompression Convert must produce floats, not ")
           << getDestinationType();
  return success();
}

/// Converts one scalar as C++'s static_cast would (OpenVINO's reference):
/// float to int truncates toward zero, int widening follows the source sign.
static Attribute convertElements(DenseElementsAttr input,
                                 RankedTensorType resultType) {
  Type from = input.getElementType(), to = resultType.getElementType();
  bool fromUnsigned = from.isUnsignedInteger();
  if (auto toInt = dyn_cast<IntegerType>(to)) {
    unsigned width = toInt.getWidth();
    SmallVector<APInt> out;
    if (isa<IntegerType>(from)) {
      for (const APInt &v : input.getValues<APInt>()) {
        if (width == 1)
          out.push_back(APInt(1, !v.isZero()));
        else
          out.push_back(fromUnsigned ? v.zextOrTrunc(width)
                                     : v.sextOrTrunc(width));
      }
    } else {
      for (const APFloat &v : input.getValues<APFloat>()) {
        double d = v.convertToDouble();
        if (width == 1) {
          out.push_back(APInt(1, d != 0.0));
          continue;
        }
        // Out-of-range float to int is undefined in OpenVINO: refuse.
        if (!std::isfinite(d) || std::fabs(d) >= 9.2e18)
          return nullptr;
        out.push_back(APInt(64, int64_t(d), true).sextOrTrunc(width));
      }
    }
    return DenseElementsAttr::get(resultType, out);
  }
  auto toFloat = cast<FloatType>(to);
  SmallVector<APFloat> out;
  bool losesInfo = false;
  if (isa<IntegerType>(from)) {
    for (const APInt &v : input.getValues<APInt>()) {
      APFloat f(toFloat.getFloatSemantics());
      f.convertFromAPInt(v, !fromUnsigned && from.getIntOrFloatBitWidth() > 1,
                         APFloat::rmNearestTiesToEven);
      out.push_back(f);
    }
  } else {
    for (APFloat v : input.getValues<APFloat>()) {
      v.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &losesInfo);
      out.push_back(v);
    }
  }
  return DenseElementsAttr::get(resultType, out);
}

OpFoldResult ConvertOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // Decompression Converts are kept for the weight-decompression passes.
  if (getDecompression())
    return nullptr;
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input)
    return nullptr;
  return convertElements(input, getType());
}

LogicalResult ConvertLikeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  return pushTensorType(loc, shapeOf(adaptor.getInput()),
                        elementTypeOf(adaptor.getLike()), inferred);
}

//===----------------------------------------------------------------------===//
// ShapeOfOp
//===----------------------------------------------------------------------===//

LogicalResult ShapeOfOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  Type type = adaptor.getOutputType();
  if (!type.isInteger(32) && !type.isInteger(64))
    return emitOptionalError(loc, "output_type must be i32 or i64, got ", type);
  int64_t rank = shapeOf(adaptor.getInput()).size();
  return pushTensorType(loc, {rank}, type, inferred);
}

LogicalResult ShapeOfOp::verify() { return success(); }

OpFoldResult ShapeOfOp::fold(FoldAdaptor) {
  auto inputType = cast<RankedTensorType>(getInput().getType());
  if (!inputType.hasStaticShape())
    return nullptr;
  unsigned width = getType().getElementTypeBitWidth();
  SmallVector<APInt> dims;
  for (int64_t d : inputType.getShape())
    dims.push_back(APInt(width, d, /*isSigned=*/true));
  return DenseElementsAttr::get(getType(), dims);
}

//===----------------------------------------------------------------------===//
// RangeOp
//===----------------------------------------------------------------------===//

static LogicalResult checkScalarNamed(OptLoc loc, Value value, StringRef name) {
  ArrayRef<int64_t> shape = shapeOf(value);
  if (shape.size() > 1 || (shape.size() == 1 && shape[0] != 1))
    return emitOptionalError(loc, "'", name, "' must be a scalar, got shape ",
                             formatShape(shape));
  return success();
}

/// Element count of Range(start, stop, step), or nullopt when not constant.
static FailureOr<std::optional<int64_t>>
rangeLength(OptLoc loc, Value start, Value stop, Value step, Type outputType) {
  auto a = getConstantFloats(start), b = getConstantFloats(stop),
       s = getConstantFloats(step);
  if (!a || !b || !s)
    return std::optional<int64_t>();
  double first = (*a)[0], last = (*b)[0], delta = (*s)[0];
  if (delta == 0.0 || !std::isfinite(first) || !std::isfinite(last) ||
      !std::isfinite(delta)) {
    (void)emitOptionalError(loc, "Range step must be finite and non-zero");
    return failure();
  }
  if (isa<IntegerType>(outputType)) {
    // Integer ranges use the values cast to the output type.
    first = std::trunc(first);
    last = std::trunc(last);
    delta = std::trunc(delta);
    if (delta == 0.0) {
      (void)emitOptionalError(loc, "Range step truncates to 0 for ",
                              outputType);
      return failure();
    }
  }
  double count = std::ceil((last - first) / delta);
  if (!(count >= 0))
    count = 0;
  if (count > double(kMaxElements)) {
    (void)emitOptionalError(loc, "Range produces ", count,
                            " elements, more than supported");
    return failure();
  }
  return std::optional<int64_t>(int64_t(count));
}

LogicalResult RangeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  if (failed(checkScalarNamed(loc, adaptor.getStart(), "start")) ||
      failed(checkScalarNamed(loc, adaptor.getStop(), "stop")) ||
      failed(checkScalarNamed(loc, adaptor.getStep(), "step")))
    return failure();
  Type outputType = adaptor.getOutputType();
  if (!isOVElementType(outputType))
    return emitOptionalError(loc, "output_type ", outputType,
                             " is not a tensor element type");
  auto length = rangeLength(loc, adaptor.getStart(), adaptor.getStop(),
                            adaptor.getStep(), outputType);
  if (failed(length))
    return failure();
  return pushTensorType(loc, {length->value_or(kDynamic)}, outputType,
                        inferred);
}

OpFoldResult RangeOp::fold(FoldAdaptor) {
  if (!isFoldableResultType(getType()))
    return nullptr;
  auto start = getConstantFloats(getStart());
  auto step = getConstantFloats(getStep());
  if (!start || !step)
    return nullptr;
  int64_t count = getType().getNumElements();
  Type element = getType().getElementType();
  if (auto intType = dyn_cast<IntegerType>(element)) {
    int64_t first = int64_t((*start)[0]), delta = int64_t((*step)[0]);
    SmallVector<APInt> values;
    for (int64_t i = 0; i < count; ++i)
      values.push_back(APInt(intType.getWidth(), first + i * delta, true));
    return DenseElementsAttr::get(getType(), values);
  }
  auto floatType = cast<FloatType>(element);
  SmallVector<APFloat> values;
  bool losesInfo;
  for (int64_t i = 0; i < count; ++i) {
    APFloat v((*start)[0] + double(i) * (*step)[0]);
    v.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
              &losesInfo);
    values.push_back(v);
  }
  return DenseElementsAttr::get(getType(), values);
}
