//===- DetectionLayers.cpp - PriorBox and DetectionOutput -----------------===//

#include "compiler/importer/LayerBuilder.h"

#include "llvm/ADT/StringSwitch.h"

using namespace ovc::importer;
using namespace mlir;
namespace ov = mlir::ov;

static FailureOr<Values> buildPriorBox(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  SmallVector<double> none;
  for (StringRef name : {"min_size", "max_size", "aspect_ratio", "variance",
                         "fixed_ratio", "fixed_size", "density"}) {
    auto values = ctx.attrs.getDoubleList(name, none);
    if (failed(values))
      return failure();
    attrs.push_back(ctx.named(name, ctx.f64Array(*values)));
  }
  for (auto [name, fallback] : {std::pair<StringRef, bool>{"flip", false},
                                {"clip", false},
                                {"scale_all_sizes", true},
                                {"min_max_aspect_ratios_order", true}}) {
    FailureOr<bool> value = ctx.attrs.getBool(name, fallback);
    if (failed(value))
      return failure();
    attrs.push_back(ctx.named(name, ctx.builder.getBoolAttr(*value)));
  }
  FailureOr<double> step = ctx.attrs.getDouble("step", 0.0);
  FailureOr<double> offset = ctx.attrs.getDouble("offset");
  if (failed(step) || failed(offset))
    return failure();
  attrs.push_back(ctx.named("step", ctx.builder.getF64FloatAttr(*step)));
  attrs.push_back(ctx.named("offset", ctx.builder.getF64FloatAttr(*offset)));
  return ctx.create<ov::PriorBoxOp>(ctx.inputs, attrs);
}

static FailureOr<Values> buildPriorBoxClustered(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  SmallVector<double> none;
  auto width = ctx.attrs.getDoubleList("width", none);
  auto height = ctx.attrs.getDoubleList("height", none);
  auto variance = ctx.attrs.getDoubleList("variance", none);
  FailureOr<bool> clip = ctx.attrs.getBool("clip", true);
  FailureOr<double> step = ctx.attrs.getDouble("step", 0.0);
  FailureOr<double> stepW = ctx.attrs.getDouble("step_w", 0.0);
  FailureOr<double> stepH = ctx.attrs.getDouble("step_h", 0.0);
  FailureOr<double> offset = ctx.attrs.getDouble("offset");
  if (failed(width) || failed(height) || failed(variance) || failed(clip) ||
      failed(step) || failed(stepW) || failed(stepH) || failed(offset))
    return failure();
  // A zero step_w/step_h falls back to `step` (0 = derived from the image).
  double w = *stepW == 0.0 ? *step : *stepW;
  double h = *stepH == 0.0 ? *step : *stepH;
  return ctx.create<ov::PriorBoxClusteredOp>(
      ctx.inputs, {ctx.named("width", ctx.f64Array(*width)),
                   ctx.named("height", ctx.f64Array(*height)),
                   ctx.named("clip", ctx.builder.getBoolAttr(*clip)),
                   ctx.named("step_w", ctx.builder.getF64FloatAttr(w)),
                   ctx.named("step_h", ctx.builder.getF64FloatAttr(h)),
                   ctx.named("offset", ctx.builder.getF64FloatAttr(*offset)),
                   ctx.named("variance", ctx.f64Array(*variance))});
}

static FailureOr<Values> buildDetectionOutput(LayerContext &ctx) {
  if (ctx.inputs.size() != 3 && ctx.inputs.size() != 5)
    return ctx.error("expects 3 or 5 inputs, got " +
                     std::to_string(ctx.inputs.size()));
  SmallVector<NamedAttribute> attrs;
  if (ctx.version == 1) {
    FailureOr<int64_t> numClasses = ctx.attrs.getInt("num_classes");
    if (failed(numClasses))
      return failure();
    attrs.push_back(
        ctx.named("num_classes", ctx.builder.getI64IntegerAttr(*numClasses)));
  }
  for (auto [name, fallback] :
       {std::pair<StringRef, std::optional<int64_t>>{"background_label_id", 0},
        {"top_k", -1},
        {"input_height", 1},
        {"input_width", 1}}) {
    FailureOr<int64_t> value = ctx.attrs.getInt(name, fallback);
    if (failed(value))
      return failure();
    attrs.push_back(ctx.named(name, ctx.builder.getI64IntegerAttr(*value)));
  }
  for (auto [name, fallback] :
       {std::pair<StringRef, bool>{"variance_encoded_in_target", false},
        {"share_location", true},
        {"clip_after_nms", false},
        {"clip_before_nms", false},
        {"decrease_label_id", false},
        {"normalized", false}}) {
    FailureOr<bool> value = ctx.attrs.getBool(name, fallback);
    if (failed(value))
      return failure();
    attrs.push_back(ctx.named(name, ctx.builder.getBoolAttr(*value)));
  }
  for (auto [name, fallback] : {std::pair<StringRef, std::optional<double>>{
                                    "nms_threshold", std::nullopt},
                                {"confidence_threshold", 0.0},
                                {"objectness_score", 0.0}}) {
    FailureOr<double> value = ctx.attrs.getDouble(name, fallback);
    if (failed(value))
      return failure();
    attrs.push_back(ctx.named(name, ctx.builder.getF64FloatAttr(*value)));
  }
  auto keepTopK = ctx.attrs.getIntList("keep_top_k");
  FailureOr<std::string> codeType = ctx.attrs.getString(
      "code_type", std::string("caffe.PriorBoxParameter.CORNER"));
  if (failed(keepTopK) || failed(codeType))
    return failure();
  std::optional<ov::BoxCodeType> code =
      llvm::StringSwitch<std::optional<ov::BoxCodeType>>(*codeType)
          .Case("caffe.PriorBoxParameter.CORNER", ov::BoxCodeType::corner)
          .Case("caffe.PriorBoxParameter.CENTER_SIZE",
                ov::BoxCodeType::center_size)
          .Case("caffe.PriorBoxParameter.CORNER_SIZE",
                ov::BoxCodeType::corner_size)
          .Default(std::nullopt);
  if (!code) {
    ctx.attrs.invalid("code_type", *codeType,
                      "caffe.PriorBoxParameter.CORNER, CENTER_SIZE or "
                      "CORNER_SIZE");
    return failure();
  }
  attrs.push_back(ctx.named("keep_top_k", ctx.i64Array(*keepTopK)));
  attrs.push_back(
      ctx.named("code_type", ov::BoxCodeTypeAttr::get(ctx.context, *code)));
  // DetectionOutput-8 derives num_classes from the shapes; record it when
  // they are static so that both versions import to the same op.
  if (ctx.version >= 8) {
    ArrayRef<int64_t> scores = ov::shapeOf(ctx.inputs[1]);
    ArrayRef<int64_t> priors = ov::shapeOf(ctx.inputs[2]);
    FailureOr<bool> normalized = ctx.attrs.getBool("normalized", false);
    int64_t priorSize = succeeded(normalized) && *normalized ? 4 : 5;
    if (scores.size() == 2 && priors.size() == 3 &&
        !ShapedType::isDynamic(scores[1]) &&
        !ShapedType::isDynamic(priors[2]) && priors[2] % priorSize == 0) {
      int64_t numPriors = priors[2] / priorSize;
      if (numPriors > 0 && scores[1] % numPriors == 0)
        attrs.push_back(ctx.named("num_classes", ctx.builder.getI64IntegerAttr(
                                                     scores[1] / numPriors)));
    }
  }
  int32_t aux = ctx.inputs.size() == 5 ? 1 : 0;
  attrs.push_back(
      ctx.named("operandSegmentSizes",
                ctx.builder.getDenseI32ArrayAttr({1, 1, 1, aux, aux})));
  return ctx.create<ov::DetectionOutputOp>(ctx.inputs, attrs);
}

void ovc::importer::registerDetectionLayers(llvm::StringMap<LayerKind> &table) {
  table["priorbox"] = {{1, 8}, buildPriorBox};
  table["priorboxclustered"] = {{1}, buildPriorBoxClustered};
  table["detectionoutput"] = {{1, 8}, buildDetectionOutput};
}
