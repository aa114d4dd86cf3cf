//===- ShapeInferenceUtils.cpp - OpenVINO shape rules ---------------------===//

#include "dialects/ov/IR/ShapeInferenceUtils.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::ov;

bool mlir::ov::areCompatibleResultTypes(TypeRange inferred,
                                        TypeRange declared) {
  if (inferred.size() != declared.size())
    return false;
  for (auto [inf, dec] : llvm::zip(inferred, declared)) {
    auto infT = dyn_cast<RankedTensorType>(inf);
    auto decT = dyn_cast<RankedTensorType>(dec);
    if (!infT || !decT) {
      if (inf != dec)
        return false;
      continue;
    }
    if (infT.getElementType() != decT.getElementType() ||
        infT.getRank() != decT.getRank())
      return false;
    // Either side may be less static: folding can make inference more
    // precise than the types written when the op was built.
    for (auto [i, d] : llvm::zip(infT.getShape(), decT.getShape()))
      if (!ShapedType::isDynamic(i) && !ShapedType::isDynamic(d) && i != d)
        return false;
  }
  return true;
}

std::optional<SmallVector<int64_t>> mlir::ov::getConstantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> result;
  bool isUnsigned = attr.getElementType().isUnsignedInteger();
  result.reserve(attr.getNumElements());
  for (const APInt &v : attr.getValues<APInt>())
    result.push_back(isUnsigned ? int64_t(v.getZExtValue()) : v.getSExtValue());
  return result;
}

static std::optional<SmallVector<int64_t>> partialValues(Value value,
                                                         unsigned depth) {
  if (auto values = getConstantInts(value))
    return values;
  auto type = dyn_cast<RankedTensorType>(value.getType());
  Operation *def = value.getDefiningOp();
  if (!def || !type || type.getRank() > 1 || depth > 16 ||
      !isa<IntegerType>(type.getElementType()))
    return std::nullopt;
  if (auto shapeOf = dyn_cast<ShapeOfOp>(def))
    return SmallVector<int64_t>(shapeOf.getInput().getType().getShape());
  if (auto concat = dyn_cast<ConcatOp>(def)) {
    SmallVector<int64_t> result;
    for (Value input : concat.getInputs()) {
      auto part = partialValues(input, depth + 1);
      if (!part) {
        // Keep the length when the input's length is static.
        ArrayRef<int64_t> shape = shapeOf(input);
        int64_t length = shape.empty() ? 1 : shape[0];
        if (ShapedType::isDynamic(length))
          return std::nullopt;
        part = SmallVector<int64_t>(length, kDynamic);
      }
      result.append(part->begin(), part->end());
    }
    return result;
  }
  if (auto gather = dyn_cast<GatherOp>(def)) {
    auto data = partialValues(gather.getInput(), depth + 1);
    auto indices = getConstantInts(gather.getIndices());
    auto axis = getConstantInts(gather.getAxis());
    if (!data || !indices || !axis || (*axis)[0] != 0 ||
        gather.getBatchDims() != 0 ||
        cast<RankedTensorType>(gather.getInput().getType()).getRank() != 1)
      return std::nullopt;
    SmallVector<int64_t> result;
    int64_t size = data->size();
    for (int64_t index : *indices) {
      if (index < 0)
        index += size;
      if (index < 0 || index >= size)
        return std::nullopt;
      result.push_back((*data)[index]);
    }
    return result;
  }
  if (isa<ConvertOp, SqueezeOp, UnsqueezeOp, ReshapeOp>(def) &&
      isa<IntegerType>(elementTypeOf(def->getOperand(0))))
    return partialValues(def->getOperand(0), depth + 1);
  return std::nullopt;
}

std::optional<SmallVector<int64_t>>
mlir::ov::getPartialShapeValues(Value value) {
  return partialValues(value, 0);
}

std::optional<SmallVector<double>> mlir::ov::getConstantFloats(Value value) {
  if (auto ints = getConstantInts(value))
    return SmallVector<double>(ints->begin(), ints->end());
  DenseFPElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<double> result;
  for (const APFloat &v : attr.getValues<APFloat>())
    result.push_back(v.convertToDouble());
  return result;
}

std::string mlir::ov::formatShape(ArrayRef<int64_t> dims) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleave(
      dims, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << '?';
        else
          os << d;
      },
      ",");
  os << ']';
  return text;
}

LogicalResult mlir::ov::pushTensorType(OptLoc loc, ArrayRef<int64_t> dims,
                                       Type elementType,
                                       SmallVectorImpl<Type> &results) {
  int64_t elements = 1;
  for (int64_t d : dims) {
    if (ShapedType::isDynamic(d))
      continue;
    if (d < 0)
      return emitOptionalError(loc, "inferred a negative dimension in shape ",
                               formatShape(dims));
    if (d > kMaxElements || (d != 0 && elements > kMaxElements / d))
      return emitOptionalError(loc, "tensor of shape ", formatShape(dims),
                               " exceeds the supported size of 2^40 elements");
    elements *= d;
  }
  results.push_back(RankedTensorType::get(dims, elementType));
  return success();
}

FailureOr<int64_t> mlir::ov::normalizeAxis(OptLoc loc, int64_t axis,
                                           int64_t rank, StringRef what) {
  if (axis < -rank || axis >= rank) {
    (void)emitOptionalError(loc, what, " ", axis, " is out of range [", -rank,
                            ", ", rank - 1, "] for rank ", rank);
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

FailureOr<SmallVector<int64_t>> mlir::ov::normalizeAxes(OptLoc loc,
                                                        ArrayRef<int64_t> axes,
                                                        int64_t rank,
                                                        StringRef what) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = normalizeAxis(loc, axis, rank, what);
    if (failed(normalized))
      return failure();
    if (llvm::is_contained(result, *normalized)) {
      (void)emitOptionalError(loc, what, " ", axis, " is repeated");
      return failure();
    }
    result.push_back(*normalized);
  }
  llvm::sort(result);
  return result;
}

FailureOr<Dims> mlir::ov::broadcastShapes(OptLoc loc, ArrayRef<int64_t> lhs,
                                          ArrayRef<int64_t> rhs,
                                          AutoBroadcast mode,
                                          int64_t pdpdAxis) {
  auto mismatch = [&]() -> FailureOr<Dims> {
    (void)emitOptionalError(loc, "shapes ", formatShape(lhs), " and ",
                            formatShape(rhs), " are not broadcastable (",
                            stringifyAutoBroadcast(mode), ")");
    return failure();
  };
  switch (mode) {
  case AutoBroadcast::none:
    if (lhs.size() != rhs.size())
      return mismatch();
    {
      Dims out;
      for (auto [a, b] : llvm::zip(lhs, rhs)) {
        if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
          return mismatch();
        out.push_back(ShapedType::isDynamic(a) ? b : a);
      }
      return out;
    }
  case AutoBroadcast::numpy: {
    size_t rank = std::max(lhs.size(), rhs.size());
    Dims out(rank, 1);
    for (size_t i = 0; i < rank; ++i) {
      int64_t a = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
      int64_t b = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
      if (a == 1)
        out[i] = b;
      else if (b == 1)
        out[i] = a;
      else if (ShapedType::isDynamic(a))
        out[i] = b;
      else if (ShapedType::isDynamic(b) || a == b)
        out[i] = a;
      else
        return mismatch();
    }
    return out;
  }
  case AutoBroadcast::pdpd: {
    // PDPD broadcasts rhs into lhs starting at `axis`; trailing 1s of rhs
    // are ignored.
    ArrayRef<int64_t> b = rhs;
    while (!b.empty() && b.back() == 1)
      b = b.drop_back();
    if (b.size() > lhs.size())
      return mismatch();
    int64_t axis = pdpdAxis == -1 ? int64_t(lhs.size() - b.size()) : pdpdAxis;
    if (axis < 0 || axis + int64_t(b.size()) > int64_t(lhs.size()))
      return mismatch();
    for (size_t i = 0; i < b.size(); ++i) {
      int64_t a = lhs[axis + i];
      if (b[i] != 1 && !ShapedType::isDynamic(a) &&
          !ShapedType::isDynamic(b[i]) && a != b[i])
        return mismatch();
    }
    return Dims(lhs.begin(), lhs.end());
  }
  }
  return mismatch();
}

LogicalResult mlir::ov::verifyWindowAttributes(
    OptLoc loc, size_t spatialRank, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> dilations, ArrayRef<int64_t> padsBegin,
    ArrayRef<int64_t> padsEnd, std::optional<ArrayRef<int64_t>> kernel) {
  auto checkSize = [&](ArrayRef<int64_t> values, StringRef name) {
    if (values.size() != spatialRank)
      return emitOptionalError(loc, "'", name, "' has ", values.size(),
                               " values but the input has ", spatialRank,
                               " spatial dims");
    return success();
  };
  auto checkPositive = [&](ArrayRef<int64_t> values, StringRef name) {
    for (int64_t v : values)
      if (v < 1)
        return emitOptionalError(loc, "'", name, "' must be >= 1, got ", v);
    return success();
  };
  auto checkNonNegative = [&](ArrayRef<int64_t> values, StringRef name) {
    for (int64_t v : values)
      if (v < 0)
        return emitOptionalError(loc, "'", name, "' must be >= 0, got ", v);
    return success();
  };
  if (failed(checkSize(strides, "strides")) ||
      failed(checkSize(dilations, "dilations")) ||
      failed(checkSize(padsBegin, "pads_begin")) ||
      failed(checkSize(padsEnd, "pads_end")) ||
      failed(checkPositive(strides, "strides")) ||
      failed(checkPositive(dilations, "dilations")) ||
      failed(checkNonNegative(padsBegin, "pads_begin")) ||
      failed(checkNonNegative(padsEnd, "pads_end")))
    return failure();
  if (kernel && (failed(checkSize(*kernel, "kernel")) ||
                 failed(checkPositive(*kernel, "kernel"))))
    return failure();
  return success();
}

Dims mlir::ov::extraEndPadding(ArrayRef<int64_t> inputSpatial,
                               ArrayRef<int64_t> outputSpatial,
                               ArrayRef<int64_t> kernelSpatial,
                               ArrayRef<int64_t> strides,
                               ArrayRef<int64_t> dilations,
                               const ResolvedPads &pads) {
  Dims extra;
  for (size_t i = 0; i < inputSpatial.size(); ++i) {
    int64_t extent = (kernelSpatial[i] - 1) * dilations[i] + 1;
    int64_t needed = (outputSpatial[i] - 1) * strides[i] + extent;
    int64_t have = inputSpatial[i] + pads.begin[i] + pads.end[i];
    extra.push_back(std::max<int64_t>(0, needed - have));
  }
  return extra;
}

ResolvedPads mlir::ov::resolvePads(ArrayRef<int64_t> inputSpatial,
                                   ArrayRef<int64_t> kernelSpatial,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> dilations,
                                   ArrayRef<int64_t> padsBegin,
                                   ArrayRef<int64_t> padsEnd, AutoPad autoPad) {
  ResolvedPads pads;
  for (size_t i = 0; i < inputSpatial.size(); ++i) {
    int64_t in = inputSpatial[i];
    int64_t begin = 0, end = 0;
    switch (autoPad) {
    case AutoPad::explicit_:
      begin = padsBegin[i];
      end = padsEnd[i];
      break;
    case AutoPad::valid:
      break;
    case AutoPad::same_upper:
    case AutoPad::same_lower: {
      int64_t k = kernelSpatial[i];
      if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k))
        break;
      int64_t dk = (k - 1) * dilations[i] + 1;
      int64_t out = (in + strides[i] - 1) / strides[i];
      int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + dk - in);
      int64_t half = total / 2;
      begin = autoPad == AutoPad::same_upper ? half : total - half;
      end = total - begin;
      break;
    }
    }
    pads.begin.push_back(begin);
    pads.end.push_back(end);
  }
  return pads;
}

FailureOr<Dims> mlir::ov::inferWindowedDims(
    OptLoc loc, ArrayRef<int64_t> inputSpatial, ArrayRef<int64_t> kernelSpatial,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
    ArrayRef<int64_t> padsBegin, ArrayRef<int64_t> padsEnd, AutoPad autoPad,
    RoundingType rounding) {
  ResolvedPads pads = resolvePads(inputSpatial, kernelSpatial, strides,
                                  dilations, padsBegin, padsEnd, autoPad);
  Dims out;
  for (size_t i = 0; i < inputSpatial.size(); ++i) {
    int64_t in = inputSpatial[i], k = kernelSpatial[i];
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k)) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t dk = (k - 1) * dilations[i] + 1;
    int64_t padded = in + pads.begin[i] + pads.end[i];
    if (padded < dk) {
      (void)emitOptionalError(loc, "window of size ", dk, " (kernel ", k,
                              ", dilation ", dilations[i],
                              ") is larger than the padded input size ", padded,
                              " on spatial axis ", i);
      return failure();
    }
    int64_t s = strides[i];
    int64_t span = padded - dk;
    int64_t o =
        rounding == RoundingType::floor ? span / s + 1 : (span + s - 1) / s + 1;
    // ceil_torch drops a last window that would start in the end padding.
    if (rounding == RoundingType::ceil_torch &&
        (o - 1) * s >= in + pads.begin[i])
      --o;
    out.push_back(o);
  }
  return out;
}

LogicalResult mlir::ov::inferBinaryElementwise(OptLoc loc, Value lhs, Value rhs,
                                               AutoBroadcast mode,
                                               bool comparison,
                                               SmallVectorImpl<Type> &results) {
  Type lhsElement = elementTypeOf(lhs), rhsElement = elementTypeOf(rhs);
  if (lhsElement != rhsElement)
    return emitOptionalError(loc, "operands have different element types (",
                             lhsElement, " and ", rhsElement, ")");
  FailureOr<Dims> shape =
      broadcastShapes(loc, shapeOf(lhs), shapeOf(rhs), mode);
  if (failed(shape))
    return failure();
  Type element =
      comparison ? IntegerType::get(lhs.getContext(), 1) : lhsElement;
  return pushTensorType(loc, *shape, element, results);
}

LogicalResult mlir::ov::inferReduction(OptLoc loc, Value input, Value axes,
                                       bool keepDims,
                                       SmallVectorImpl<Type> &results) {
  ArrayRef<int64_t> shape = shapeOf(input);
  int64_t rank = shape.size();
  if (shapeOf(axes).size() > 1)
    return emitOptionalError(loc, "axes must be a scalar or 1-D tensor");
  std::optional<SmallVector<int64_t>> axisValues = getConstantInts(axes);
  if (!axisValues) {
    // Unknown axes: the rank is known only when dims are kept.
    if (!keepDims)
      return emitOptionalError(
          loc, "reduction axes must be constant when keep_dims is false");
    return pushTensorType(loc, Dims(rank, kDynamic), elementTypeOf(input),
                          results);
  }
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(loc, *axisValues, rank, "reduction axis");
  if (failed(normalized))
    return failure();
  Dims out;
  for (int64_t i = 0; i < rank; ++i) {
    if (llvm::is_contained(*normalized, i)) {
      if (keepDims)
        out.push_back(1);
    } else {
      out.push_back(shape[i]);
    }
  }
  return pushTensorType(loc, out, elementTypeOf(input), results);
}
