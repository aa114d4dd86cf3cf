//===- AttributeParser.cpp - IR attribute value syntax --------------------===//

#include "compiler/importer/AttributeParser.h"
#include "compiler/importer/IRDocument.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSwitch.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

using namespace ovc::importer;
using namespace mlir;

std::optional<int64_t> ovc::importer::parseInteger(llvm::StringRef text) {
  text = text.trim();
  if (text.empty())
    return std::nullopt;
  int64_t value;
  // getAsInteger rejects trailing garbage and overflow.
  if (text.getAsInteger(10, value))
    return std::nullopt;
  return value;
}

std::optional<double> ovc::importer::parseDouble(llvm::StringRef text) {
  std::string copy = text.trim().str();
  if (copy.empty())
    return std::nullopt;
  char *end = nullptr;
  errno = 0;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || std::isnan(value))
    return std::nullopt;
  // Overflowing literals saturate to +-inf, as stream extraction would fail
  // on them; tiny ones (ERANGE toward zero) are kept.
  if (errno == ERANGE && std::isinf(value))
    return std::nullopt;
  return value;
}

template <typename T, typename ParseOne>
static std::optional<llvm::SmallVector<T>> parseList(llvm::StringRef text,
                                                     ParseOne parseOne) {
  llvm::SmallVector<T> values;
  text = text.trim();
  if (text.empty())
    return values;
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, ',');
  // A list this long is no attribute of a real model: refuse it rather than
  // allocate on the file's word.
  if (parts.size() > (1u << 20))
    return std::nullopt;
  for (llvm::StringRef part : parts) {
    std::optional<T> value = parseOne(part);
    if (!value)
      return std::nullopt;
    values.push_back(*value);
  }
  return values;
}

/// An integer attribute value. Some producers write integral values as
/// floats ("1.0,1.0" for MaxPool dilations), which OpenVINO accepts too.
static std::optional<int64_t> parseIntegralValue(llvm::StringRef text) {
  if (std::optional<int64_t> value = parseInteger(text))
    return value;
  std::optional<double> real = parseDouble(text);
  if (!real || std::trunc(*real) != *real || std::fabs(*real) > 9.0e15)
    return std::nullopt;
  return int64_t(*real);
}

std::optional<llvm::SmallVector<int64_t>>
ovc::importer::parseIntegerList(llvm::StringRef text) {
  return parseList<int64_t>(text, parseIntegralValue);
}

std::optional<llvm::SmallVector<double>>
ovc::importer::parseDoubleList(llvm::StringRef text) {
  return parseList<double>(text, parseDouble);
}

std::optional<bool> ovc::importer::parseBool(llvm::StringRef text) {
  std::string lower = text.trim().lower();
  if (lower == "true" || lower == "1")
    return true;
  if (lower == "false" || lower == "0")
    return false;
  return std::nullopt;
}

Type ovc::importer::parseElementType(llvm::StringRef name, MLIRContext *context,
                                     std::string &error) {
  std::string lower = name.trim().lower();
  auto signless = [&](unsigned w) { return IntegerType::get(context, w); };
  auto unsignedT = [&](unsigned w) {
    return IntegerType::get(context, w, IntegerType::Unsigned);
  };
  Type type = llvm::StringSwitch<Type>(lower)
                  .Cases("f32", "fp32", Float32Type::get(context))
                  .Cases("f16", "fp16", Float16Type::get(context))
                  .Case("bf16", BFloat16Type::get(context))
                  .Cases("f64", "fp64", Float64Type::get(context))
                  .Case("i4", signless(4))
                  .Case("i8", signless(8))
                  .Case("i16", signless(16))
                  .Case("i32", signless(32))
                  .Case("i64", signless(64))
                  .Cases("u1", "bin", unsignedT(1))
                  .Case("u4", unsignedT(4))
                  .Case("u8", unsignedT(8))
                  .Case("u16", unsignedT(16))
                  .Case("u32", unsignedT(32))
                  .Case("u64", unsignedT(64))
                  .Cases("boolean", "bool", signless(1))
                  .Default(Type());
  if (!type) {
    bool known = llvm::StringSwitch<bool>(lower)
                     .Cases("nf4", "f8e4m3", "f8e5m2", "f8e8m0", "f4e2m1", true)
                     .Cases("u2", "u3", "u6", "string", true)
                     .Default(false);
    error = known
                ? ("element type '" + name + "' is not supported by ovc").str()
                : ("unknown element type '" + name + "'").str();
  }
  return type;
}

std::optional<uint64_t> ovc::importer::storageBytes(Type type,
                                                    uint64_t elements) {
  unsigned bits = type.getIntOrFloatBitWidth();
  // boolean is stored as one byte per element.
  if (type.isSignlessInteger(1))
    bits = 8;
  uint64_t totalBits;
  if (__builtin_mul_overflow(elements, uint64_t(bits), &totalBits))
    return std::nullopt;
  return (totalBits + 7) / 8;
}

std::optional<llvm::SmallVector<int64_t>>
ovc::importer::parsePartialShape(llvm::StringRef text, std::string &error) {
  text = text.trim();
  if (text.consume_front("["))
    if (!text.consume_back("]")) {
      error = "unbalanced '[' in shape";
      return std::nullopt;
    }
  llvm::SmallVector<int64_t> dims;
  text = text.trim();
  if (text.empty())
    return dims;
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, ',');
  if (parts.size() > 16) {
    error = "shape has more than 16 dims";
    return std::nullopt;
  }
  for (llvm::StringRef part : parts) {
    part = part.trim();
    if (part == "...") {
      error = "dynamic rank ('...') is not supported";
      return std::nullopt;
    }
    if (part == "?" || part == "-1") {
      dims.push_back(ShapedType::kDynamic);
      continue;
    }
    if (part.contains("..")) {
      // Intervals a..b, a.., ..b: the bounds are valid numbers, the dim is
      // dynamic.
      auto [lo, hi] = part.split("..");
      if ((!lo.trim().empty() && !parseInteger(lo)) ||
          (!hi.trim().empty() && !parseInteger(hi))) {
        error = ("invalid dimension interval '" + part + "'").str();
        return std::nullopt;
      }
      dims.push_back(ShapedType::kDynamic);
      continue;
    }
    std::optional<int64_t> value = parseInteger(part);
    if (!value || *value < 0) {
      error = ("invalid dimension '" + part + "'").str();
      return std::nullopt;
    }
    dims.push_back(*value);
  }
  return dims;
}

LayerAttributes::LayerAttributes(const Layer &layer, ImportDiagnostics &diags)
    : layer(layer), diags(diags) {}

std::optional<const char *>
LayerAttributes::lookup(llvm::StringRef name) const {
  if (!layer.data)
    return std::nullopt;
  pugi::xml_attribute attr = layer.data.attribute(name.str().c_str());
  if (!attr)
    return std::nullopt;
  return attr.value();
}

bool LayerAttributes::has(llvm::StringRef name) const {
  return lookup(name).has_value();
}

void LayerAttributes::missing(llvm::StringRef name) const {
  diags.error(layer.ref(), "missing required attribute '" + name + "'");
}

void LayerAttributes::invalid(llvm::StringRef name, llvm::StringRef value,
                              llvm::StringRef expected) const {
  diags.error(layer.ref(), "attribute '" + name + "' has invalid value '" +
                               value + "' (expected " + expected + ")");
}

template <typename T, typename Parse>
static FailureOr<T> readAttr(std::optional<const char *> raw,
                             std::optional<T> fallback, Parse parse,
                             llvm::function_ref<void()> onMissing,
                             llvm::function_ref<void(const char *)> onInvalid) {
  if (!raw) {
    if (fallback)
      return *fallback;
    onMissing();
    return failure();
  }
  if (auto value = parse(*raw))
    return *value;
  onInvalid(*raw);
  return failure();
}

FailureOr<int64_t>
LayerAttributes::getInt(llvm::StringRef name,
                        std::optional<int64_t> fallback) const {
  return readAttr<int64_t>(
      lookup(name), fallback, parseIntegralValue, [&] { missing(name); },
      [&](const char *v) { invalid(name, v, "an integer"); });
}

FailureOr<double>
LayerAttributes::getDouble(llvm::StringRef name,
                           std::optional<double> fallback) const {
  return readAttr<double>(
      lookup(name), fallback, parseDouble, [&] { missing(name); },
      [&](const char *v) { invalid(name, v, "a number"); });
}

FailureOr<bool> LayerAttributes::getBool(llvm::StringRef name,
                                         std::optional<bool> fallback) const {
  return readAttr<bool>(
      lookup(name), fallback, parseBool, [&] { missing(name); },
      [&](const char *v) { invalid(name, v, "true or false"); });
}

FailureOr<llvm::SmallVector<int64_t>> LayerAttributes::getIntList(
    llvm::StringRef name,
    std::optional<llvm::SmallVector<int64_t>> fallback) const {
  return readAttr<llvm::SmallVector<int64_t>>(
      lookup(name), fallback, parseIntegerList, [&] { missing(name); },
      [&](const char *v) { invalid(name, v, "comma-separated integers"); });
}

FailureOr<llvm::SmallVector<double>> LayerAttributes::getDoubleList(
    llvm::StringRef name,
    std::optional<llvm::SmallVector<double>> fallback) const {
  return readAttr<llvm::SmallVector<double>>(
      lookup(name), fallback, parseDoubleList, [&] { missing(name); },
      [&](const char *v) { invalid(name, v, "comma-separated numbers"); });
}

FailureOr<std::string>
LayerAttributes::getString(llvm::StringRef name,
                           std::optional<std::string> fallback) const {
  return readAttr<std::string>(
      lookup(name), fallback,
      [](const char *v) { return std::optional<std::string>(v); },
      [&] { missing(name); }, [&](const char *) {});
}
