//===- ConstantFolding.cpp - folding helpers for ov ops -------------------===//

#include "dialects/ov/IR/ConstantFolding.h"

using namespace mlir;
using namespace mlir::ov;

DenseElementsAttr mlir::ov::getFoldableConstant(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || dense.getNumElements() > kMaxFoldedElements)
    return nullptr;
  return dense;
}

bool mlir::ov::isFoldableResultType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() &&
         tensor.getNumElements() <= kMaxFoldedElements;
}

SmallVector<int64_t> mlir::ov::computeStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

DenseElementsAttr
mlir::ov::gatherElements(DenseElementsAttr source, RankedTensorType resultType,
                         llvm::function_ref<int64_t(int64_t)> indexOf) {
  int64_t count = resultType.getNumElements();
  if (source.getElementType().isIntOrIndex()) {
    SmallVector<APInt> values(source.getValues<APInt>());
    SmallVector<APInt> out;
    out.reserve(count);
    for (int64_t i = 0; i < count; ++i)
      out.push_back(values[indexOf(i)]);
    return DenseElementsAttr::get(resultType, out);
  }
  SmallVector<APFloat> values(source.getValues<APFloat>());
  SmallVector<APFloat> out;
  out.reserve(count);
  for (int64_t i = 0; i < count; ++i)
    out.push_back(values[indexOf(i)]);
  return DenseElementsAttr::get(resultType, out);
}

Attribute mlir::ov::foldBinary(
    Attribute lhsAttr, Attribute rhsAttr, Type resultType,
    function_ref<std::optional<APInt>(const APInt &, const APInt &)> intFn,
    function_ref<APFloat(const APFloat &, const APFloat &)> floatFn) {
  DenseElementsAttr lhs = getFoldableConstant(lhsAttr);
  DenseElementsAttr rhs = getFoldableConstant(rhsAttr);
  if (!lhs || !rhs || !isFoldableResultType(resultType))
    return nullptr;
  auto outType = cast<RankedTensorType>(resultType);
  // Arithmetic on f16/bf16 constants is left to the passes that compute it
  // in f32 (-ov-f16-to-f32, -ov-decompress-weights), as the references do:
  // rounding `w - zp` to f16 here would lose a subnormal zero point.
  if (auto floatType = dyn_cast<FloatType>(outType.getElementType()))
    if (floatType.getWidth() < 32)
      return nullptr;
  ArrayRef<int64_t> outShape = outType.getShape();
  // Numpy broadcasting: map each output index to both inputs.
  auto mapper = [&](DenseElementsAttr in) {
    auto inType = cast<RankedTensorType>(in.getType());
    SmallVector<int64_t> inStrides = computeStrides(inType.getShape());
    SmallVector<int64_t> outStrides = computeStrides(outShape);
    int64_t offset = int64_t(outShape.size()) - inType.getRank();
    return [=](int64_t flat) {
      int64_t index = 0;
      for (int64_t d = 0; d < inType.getRank(); ++d) {
        int64_t coord = (flat / outStrides[d + offset]) % outShape[d + offset];
        if (inType.getDimSize(d) != 1)
          index += coord * inStrides[d];
      }
      return index;
    };
  };
  auto lhsIndex = mapper(lhs), rhsIndex = mapper(rhs);
  int64_t count = outType.getNumElements();
  if (lhs.getElementType().isIntOrIndex()) {
    if (!outType.getElementType().isIntOrIndex())
      return nullptr;
    SmallVector<APInt> a(lhs.getValues<APInt>()), b(rhs.getValues<APInt>());
    SmallVector<APInt> out;
    for (int64_t i = 0; i < count; ++i) {
      std::optional<APInt> value = intFn(a[lhsIndex(i)], b[rhsIndex(i)]);
      if (!value)
        return nullptr;
      out.push_back(*value);
    }
    return DenseElementsAttr::get(outType, out);
  }
  if (!isa<FloatType>(outType.getElementType()))
    return nullptr;
  SmallVector<APFloat> a(lhs.getValues<APFloat>()), b(rhs.getValues<APFloat>());
  SmallVector<APFloat> out;
  for (int64_t i = 0; i < count; ++i)
    out.push_back(floatFn(a[lhsIndex(i)], b[rhsIndex(i)]));
  return DenseElementsAttr::get(outType, out);
}
