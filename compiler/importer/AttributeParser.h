//===- AttributeParser.h - IR attribute value syntax -----------*- C++ -*-===//
//
// Strict parsers for the text of IR attributes (`<data strides="1, 1"/>`,
// element types, partial shapes) and a per-layer reader that reports a bad
// or missing attribute with the layer's identity.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_IMPORTER_ATTRIBUTEPARSER_H
#define OVC_COMPILER_IMPORTER_ATTRIBUTEPARSER_H

#include "compiler/importer/ImportDiagnostics.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Types.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <pugixml.hpp>

#include <optional>

namespace ovc::importer {

struct Layer;

/// Whole-string decimal integer (surrounding spaces allowed), no overflow.
std::optional<int64_t> parseInteger(llvm::StringRef text);
/// Whole-string floating-point number (also inf, -inf).
std::optional<double> parseDouble(llvm::StringRef text);
/// Comma-separated integers; "" is an empty list, "1,,2" an error.
std::optional<llvm::SmallVector<int64_t>> parseIntegerList(llvm::StringRef);
std::optional<llvm::SmallVector<double>> parseDoubleList(llvm::StringRef);
/// true/false/1/0, any case.
std::optional<bool> parseBool(llvm::StringRef text);

/// An IR element type name (`f32` or legacy `FP32`) as an MLIR type: signed
/// integers are signless, unsigned ones `ui*`, boolean is i1. Returns a null
/// type and sets `error` for names ovc does not support.
mlir::Type parseElementType(llvm::StringRef name, mlir::MLIRContext *context,
                            std::string &error);

/// Bytes needed to store `elements` values of `type` in the .bin (sub-byte
/// types packed), or nullopt on overflow.
std::optional<uint64_t> storageBytes(mlir::Type type, uint64_t elements);

/// A Parameter `shape`: static dims, `?`/-1 dynamic, intervals dynamic. A
/// dynamic rank (`...`) is not supported.
std::optional<llvm::SmallVector<int64_t>>
parsePartialShape(llvm::StringRef text, std::string &error);

/// Reads a layer's <data> attributes, reporting problems against the layer.
class LayerAttributes {
public:
  LayerAttributes(const Layer &layer, ImportDiagnostics &diags);

  bool has(llvm::StringRef name) const;
  mlir::FailureOr<int64_t>
  getInt(llvm::StringRef name,
         std::optional<int64_t> fallback = std::nullopt) const;
  mlir::FailureOr<double>
  getDouble(llvm::StringRef name,
            std::optional<double> fallback = std::nullopt) const;
  mlir::FailureOr<bool>
  getBool(llvm::StringRef name,
          std::optional<bool> fallback = std::nullopt) const;
  mlir::FailureOr<llvm::SmallVector<int64_t>> getIntList(
      llvm::StringRef name,
      std::optional<llvm::SmallVector<int64_t>> fallback = std::nullopt) const;
  mlir::FailureOr<llvm::SmallVector<double>> getDoubleList(
      llvm::StringRef name,
      std::optional<llvm::SmallVector<double>> fallback = std::nullopt) const;
  mlir::FailureOr<std::string>
  getString(llvm::StringRef name,
            std::optional<std::string> fallback = std::nullopt) const;
  /// An enum attribute through its generated `symbolize` function; the
  /// value is lower-cased first (the IR writes enums in lowercase).
  template <typename EnumT, typename SymbolizeFn>
  mlir::FailureOr<EnumT> getEnum(llvm::StringRef name, SymbolizeFn symbolize,
                                 std::optional<EnumT> fallback,
                                 llvm::StringRef allowed) const {
    std::optional<const char *> raw = lookup(name);
    if (!raw) {
      if (fallback)
        return *fallback;
      missing(name);
      return mlir::failure();
    }
    std::string value = llvm::StringRef(*raw).trim().lower();
    if (std::optional<EnumT> parsed = symbolize(value))
      return *parsed;
    invalid(name, *raw, ("one of " + allowed).str());
    return mlir::failure();
  }

  /// Reports a problem with an attribute value.
  void invalid(llvm::StringRef name, llvm::StringRef value,
               llvm::StringRef expected) const;

private:
  std::optional<const char *> lookup(llvm::StringRef name) const;
  void missing(llvm::StringRef name) const;

  const Layer &layer;
  ImportDiagnostics &diags;
};

} // namespace ovc::importer

#endif // OVC_COMPILER_IMPORTER_ATTRIBUTEPARSER_H
