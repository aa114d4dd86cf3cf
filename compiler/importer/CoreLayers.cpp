//===- CoreLayers.cpp - Const, Convert, ShapeOf, Range --------------------===//

#include "compiler/importer/LayerBuilder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace ovc::importer;
using namespace mlir;
namespace ov = mlir::ov;

static FailureOr<Type> elementTypeAttr(LayerContext &ctx, StringRef name) {
  FailureOr<std::string> text = ctx.attrs.getString(name);
  if (failed(text))
    return failure();
  std::string error;
  Type type = parseElementType(*text, ctx.context, error);
  if (!type) {
    (void)ctx.error("attribute '" + name + "': " + error);
    return failure();
  }
  return type;
}

static FailureOr<Values> buildConst(LayerContext &ctx) {
  if (failed(ctx.expectInputs(0)))
    return failure();
  FailureOr<Type> element = elementTypeAttr(ctx, "element_type");
  FailureOr<std::string> shapeText = ctx.attrs.getString("shape");
  FailureOr<int64_t> offset = ctx.attrs.getInt("offset");
  FailureOr<int64_t> size = ctx.attrs.getInt("size");
  if (failed(element) || failed(shapeText) || failed(offset) || failed(size))
    return failure();
  std::optional<SmallVector<int64_t>> shape = parseIntegerList(*shapeText);
  if (!shape) {
    ctx.attrs.invalid("shape", *shapeText, "comma-separated dims");
    return failure();
  }
  int64_t elements = 1;
  for (int64_t d : *shape) {
    if (d < 0)
      return ctx.error(llvm::formatv("shape has a negative dim {0}", d));
    if (d != 0 && elements > ov::kMaxElements / d)
      return ctx.error("shape '" + *shapeText + "' has too many elements");
    elements *= d;
  }
  if (*offset < 0 || *size < 0)
    return ctx.error("offset and size must be >= 0");
  auto type = RankedTensorType::get(*shape, *element);
  ElementsAttr value = ctx.weights.makeConstant(
      type, uint64_t(*offset), uint64_t(*size), ctx.layer.ref(), ctx.diags);
  if (!value)
    return failure();
  return ctx.create<ov::ConstantOp>({}, {ctx.named("value", value)});
}

static FailureOr<Values> buildConvert(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  FailureOr<Type> destination = elementTypeAttr(ctx, "destination_type");
  if (failed(destination))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      ctx.named("destination_type", TypeAttr::get(*destination))};
  if (llvm::is_contained(ctx.layer.rtInfo, "decompression"))
    attrs.push_back(ctx.named("decompression", UnitAttr::get(ctx.context)));
  return ctx.create<ov::ConvertOp>(ctx.inputs, attrs);
}

static FailureOr<Values> buildConvertLike(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  return ctx.create<ov::ConvertLikeOp>(ctx.inputs, {});
}

static FailureOr<Values> buildShapeOf(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  Type outputType = IntegerType::get(ctx.context, 64);
  if (ctx.version >= 3 && ctx.attrs.has("output_type")) {
    FailureOr<Type> type = elementTypeAttr(ctx, "output_type");
    if (failed(type))
      return failure();
    outputType = *type;
  }
  return ctx.create<ov::ShapeOfOp>(
      ctx.inputs, {ctx.named("output_type", TypeAttr::get(outputType))});
}

static FailureOr<Values> buildRange(LayerContext &ctx) {
  if (failed(ctx.expectInputs(3)))
    return failure();
  Type outputType = ov::elementTypeOf(ctx.inputs[0]);
  if (ctx.version >= 4) {
    FailureOr<Type> type = elementTypeAttr(ctx, "output_type");
    if (failed(type))
      return failure();
    outputType = *type;
  } else {
    for (Value input : ctx.inputs)
      if (ov::elementTypeOf(input) != outputType)
        return ctx.error("Range-1 inputs must have the same element type");
  }
  return ctx.create<ov::RangeOp>(
      ctx.inputs, {ctx.named("output_type", TypeAttr::get(outputType))});
}

void ovc::importer::registerCoreLayers(llvm::StringMap<LayerKind> &table) {
  table["parameter"] = {{1}, nullptr};
  table["result"] = {{1}, nullptr};
  table["const"] = {{1}, buildConst};
  table["convert"] = {{1}, buildConvert};
  table["convertlike"] = {{1}, buildConvertLike};
  table["shapeof"] = {{1, 3}, buildShapeOf};
  table["range"] = {{1, 4}, buildRange};
}
