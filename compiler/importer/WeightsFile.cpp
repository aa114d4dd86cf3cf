//===- WeightsFile.cpp - the memory-mapped .bin of a model ----------------===//

#include "compiler/importer/WeightsFile.h"
#include "compiler/importer/AttributeParser.h"
#include "dialects/ov/IR/WeightNames.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/FormatVariadic.h"

using namespace ovc::importer;
using namespace mlir;
using llvm::formatv;

/// Constants up to this many elements (integers: 1024) become `dense`
/// attributes, readable in the printed IR and foldable; larger ones are
/// blobs.
static constexpr int64_t kMaxDenseFloatElements = 16;
static constexpr int64_t kMaxDenseIntElements = 1024;

bool WeightsFile::open(const LayerRef &layer, ImportDiagnostics &diags) {
  if (buffer)
    return true;
  if (openFailed)
    return false;
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file) {
    openFailed = true;
    diags.fileError(path, formatv("cannot open the weights file: {0} (needed "
                                  "by layer id={1} name='{2}' type='{3}')",
                                  file.getError().message(), layer.id,
                                  layer.name, layer.type));
    return false;
  }
  buffer = std::shared_ptr<llvm::MemoryBuffer>(std::move(*file));
  return true;
}

/// Unpacks sub-byte integers: 4-bit types low nibble first, u1 MSB first.
static SmallVector<APInt> unpackSubByte(IntegerType type, const uint8_t *data,
                                        int64_t count) {
  SmallVector<APInt> values;
  values.reserve(count);
  unsigned width = type.getWidth();
  for (int64_t i = 0; i < count; ++i) {
    uint64_t raw;
    if (width == 4)
      raw = (data[i / 2] >> ((i % 2) * 4)) & 0xF;
    else
      raw = (data[i / 8] >> (7 - i % 8)) & 0x1;
    values.push_back(APInt(width, raw));
  }
  return values;
}

ElementsAttr WeightsFile::makeConstant(RankedTensorType type, uint64_t offset,
                                       uint64_t byteSize, const LayerRef &layer,
                                       ImportDiagnostics &diags) {
  Type element = type.getElementType();
  int64_t count = type.getNumElements();
  std::optional<uint64_t> needed = storageBytes(element, uint64_t(count));
  if (!needed) {
    diags.error(layer, "the constant's byte size overflows");
    return nullptr;
  }
  if (byteSize < *needed) {
    diags.error(layer, formatv("size={0} is smaller than the {1} bytes that "
                               "{2} elements of {3} need",
                               byteSize, *needed, count, element));
    return nullptr;
  }
  if (count == 0) {
    if (isa<FloatType>(element))
      return DenseElementsAttr::get(type, ArrayRef<APFloat>());
    return DenseElementsAttr::get(type, ArrayRef<APInt>());
  }
  if (!open(layer, diags))
    return nullptr;
  uint64_t fileSize = buffer->getBufferSize();
  if (offset > fileSize || byteSize > fileSize - offset) {
    diags.error(layer, formatv("offset={0} size={1} reaches past the end of "
                               "{2} ({3} bytes)",
                               offset, byteSize, path, fileSize));
    return nullptr;
  }
  const char *data = buffer->getBufferStart() + offset;
  ArrayRef<char> bytes(data, *needed);

  if (element.isSignlessInteger(1)) {
    SmallVector<bool> values;
    values.reserve(count);
    for (int64_t i = 0; i < count; ++i)
      values.push_back(data[i] != 0);
    return DenseElementsAttr::get(type, values);
  }
  unsigned width = element.getIntOrFloatBitWidth();
  if (width < 8)
    return DenseElementsAttr::get(
        type, unpackSubByte(cast<IntegerType>(element),
                            reinterpret_cast<const uint8_t *>(data), count));

  bool isInt = isa<IntegerType>(element);
  if (count <= (isInt ? kMaxDenseIntElements : kMaxDenseFloatElements)) {
    bool detectedSplat = false;
    if (!DenseElementsAttr::isValidRawBuffer(type, bytes, detectedSplat)) {
      diags.error(layer, "the constant's bytes do not match its type");
      return nullptr;
    }
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  }

  // Large constants: a blob over the mapping when aligned, else a copy.
  size_t alignment = width / 8;
  std::string key = mlir::ov::weightResourceKey(layer.name);
  if (reinterpret_cast<uintptr_t>(data) % alignment == 0) {
    std::shared_ptr<llvm::MemoryBuffer> keepAlive = buffer;
    AsmResourceBlob blob(
        bytes, alignment,
        [keepAlive](void *, size_t, size_t) mutable { keepAlive.reset(); },
        /*dataIsMutable=*/false);
    return DenseResourceElementsAttr::get(type, key, std::move(blob));
  }
  return DenseResourceElementsAttr::get(
      type, key,
      HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, alignment));
}
