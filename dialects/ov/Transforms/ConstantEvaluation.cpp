//===- ConstantEvaluation.cpp - reading and writing weight tensors --------===//

#include "dialects/ov/Transforms/ConstantEvaluation.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APFloat.h"

#include <cstring>

using namespace mlir;
using namespace mlir::ov;

/// Dense results up to this many elements stay readable in the IR.
static constexpr int64_t kMaxDenseElements = 16;

/// IEEE binary16 bits to float, exactly.
static float halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000) << 16;
  uint32_t exponent = (h >> 10) & 0x1F;
  uint32_t mantissa = h & 0x3FF;
  uint32_t bits;
  if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else {
      // Subnormal: normalize.
      int shift = 0;
      while (!(mantissa & 0x400)) {
        mantissa <<= 1;
        ++shift;
      }
      mantissa &= 0x3FF;
      bits = sign | uint32_t(127 - 15 - shift + 1) << 23 | mantissa << 13;
    }
  } else if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | mantissa << 13;
  } else {
    bits = sign | (exponent + 127 - 15) << 23 | mantissa << 13;
  }
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

static float bf16ToFloat(uint16_t h) {
  uint32_t bits = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

/// Decodes `count` elements of a byte-aligned type from raw little-endian
/// storage.
static std::optional<std::vector<float>>
decodeRaw(Type element, const char *data, int64_t count) {
  std::vector<float> out(count);
  auto load = [&](auto tag, int64_t i) {
    using T = decltype(tag);
    T value;
    std::memcpy(&value, data + i * sizeof(T), sizeof(T));
    return value;
  };
  // Every element of storage type T, converted by `convert`.
  auto decode = [&](auto tag, auto convert) {
    for (int64_t i = 0; i < count; ++i)
      out[i] = convert(load(tag, i));
  };
  auto toFloat = [](auto v) { return float(v); };
  if (element.isF32()) {
    std::memcpy(out.data(), data, count * sizeof(float));
  } else if (element.isF16()) {
    decode(uint16_t(), halfToFloat);
  } else if (element.isBF16()) {
    decode(uint16_t(), bf16ToFloat);
  } else if (element.isF64()) {
    decode(double(), toFloat);
  } else if (auto integer = dyn_cast<IntegerType>(element)) {
    auto decodeInt = [&](auto signedTag, auto unsignedTag) {
      if (integer.isUnsigned())
        decode(unsignedTag, toFloat);
      else
        decode(signedTag, toFloat);
    };
    switch (integer.getWidth()) {
    case 8:
      decodeInt(int8_t(), uint8_t());
      break;
    case 16:
      decodeInt(int16_t(), uint16_t());
      break;
    case 32:
      decodeInt(int32_t(), uint32_t());
      break;
    case 64:
      decodeInt(int64_t(), uint64_t());
      break;
    default:
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<float>> mlir::ov::constantAsF32(Value value) {
  ElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return readAsF32(attr);
}

std::optional<std::vector<float>> mlir::ov::readAsF32(ElementsAttr attr) {
  auto type = cast<ShapedType>(attr.getType());
  int64_t count = type.getNumElements();
  Type element = type.getElementType();
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> bytes = blob->getData();
    unsigned width = element.getIntOrFloatBitWidth();
    if (width % 8 != 0 || int64_t(bytes.size()) < count * (width / 8))
      return std::nullopt;
    return decodeRaw(element, bytes.data(), count);
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  std::vector<float> out;
  out.reserve(count);
  if (isa<FloatType>(element)) {
    for (APFloat v : dense.getValues<APFloat>()) {
      bool losesInfo;
      v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                &losesInfo);
      out.push_back(v.convertToFloat());
    }
    return out;
  }
  bool isUnsigned = element.isUnsignedInteger() || element.isInteger(1);
  for (const APInt &v : dense.getValues<APInt>())
    out.push_back(isUnsigned ? float(v.getZExtValue())
                             : float(v.getSExtValue()));
  return out;
}

ElementsAttr mlir::ov::makeF32Constant(RankedTensorType type,
                                       std::vector<float> values,
                                       StringRef name) {
  if (type.getNumElements() <= kMaxDenseElements)
    return DenseElementsAttr::get(type, ArrayRef<float>(values));
  ArrayRef<char> bytes(reinterpret_cast<const char *>(values.data()),
                       values.size() * sizeof(float));
  return DenseResourceElementsAttr::get(
      type, name,
      HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, alignof(float)));
}

std::vector<float>
mlir::ov::broadcastBinary(ArrayRef<float> a, ArrayRef<int64_t> aShape,
                          ArrayRef<float> b, ArrayRef<int64_t> bShape,
                          ArrayRef<int64_t> outShape,
                          function_ref<float(float, float)> fn) {
  size_t rank = outShape.size();
  // Per output dim, the stride of each input (0 where it broadcasts).
  auto stridesFor = [&](ArrayRef<int64_t> shape) {
    SmallVector<int64_t> strides(rank, 0);
    int64_t stride = 1;
    for (int64_t d = int64_t(shape.size()) - 1; d >= 0; --d) {
      int64_t outDim = d + int64_t(rank - shape.size());
      strides[outDim] = shape[d] == 1 ? 0 : stride;
      stride *= shape[d];
    }
    return strides;
  };
  SmallVector<int64_t> aStrides = stridesFor(aShape),
                       bStrides = stridesFor(bShape);
  int64_t count = 1;
  for (int64_t d : outShape)
    count *= d;
  std::vector<float> out(count);
  SmallVector<int64_t> index(rank, 0);
  int64_t ai = 0, bi = 0;
  for (int64_t i = 0; i < count; ++i) {
    out[i] = fn(a[ai], b[bi]);
    // Odometer increment keeping both input offsets in step.
    for (int64_t d = int64_t(rank) - 1; d >= 0; --d) {
      ++index[d];
      ai += aStrides[d];
      bi += bStrides[d];
      if (index[d] < outShape[d])
        break;
      ai -= aStrides[d] * outShape[d];
      bi -= bStrides[d] * outShape[d];
      index[d] = 0;
    }
  }
  return out;
}
