//===- PoolingLayers.cpp - pooling, reductions, normalizations ------------===//

#include "compiler/importer/LayerBuilder.h"

using namespace ovc::importer;
using namespace mlir;
namespace ov = mlir::ov;

static FailureOr<ov::RoundingType> readRounding(LayerContext &ctx) {
  return ctx.attrs.getEnum<ov::RoundingType>(
      "rounding_type", [](StringRef s) { return ov::symbolizeRoundingType(s); },
      ov::RoundingType::floor, "floor, ceil, ceil_torch");
}

static size_t spatialRankOf(LayerContext &ctx) {
  size_t rank = ov::shapeOf(ctx.inputs[0]).size();
  return rank > 2 ? rank - 2 : 0;
}

static FailureOr<Values> buildMaxPool(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  FailureOr<ov::RoundingType> rounding = readRounding(ctx);
  if (failed(rounding) ||
      failed(readWindowAttributes(ctx, spatialRankOf(ctx), /*hasKernel=*/true,
                                  /*dilationsOptional=*/true, attrs)))
    return failure();
  if (ctx.version < 14 && *rounding == ov::RoundingType::ceil_torch)
    return ctx.error("rounding_type ceil_torch needs MaxPool-14");
  attrs.push_back(ctx.named("rounding_type",
                            ov::RoundingTypeAttr::get(ctx.context, *rounding)));
  if (ctx.version == 1)
    return ctx.create<ov::MaxPoolOp>(ctx.inputs, attrs);
  FailureOr<std::string> indexType =
      ctx.attrs.getString("index_element_type", std::string("i64"));
  FailureOr<int64_t> axis = ctx.attrs.getInt("axis", 0);
  if (failed(indexType) || failed(axis))
    return failure();
  std::string error;
  Type type = parseElementType(*indexType, ctx.context, error);
  if (!type)
    return ctx.error("attribute 'index_element_type': " + error);
  attrs.push_back(ctx.named("index_element_type", TypeAttr::get(type)));
  attrs.push_back(ctx.named("axis", ctx.builder.getI64IntegerAttr(*axis)));
  return ctx.create<ov::MaxPoolWithIndicesOp>(ctx.inputs, attrs);
}

static FailureOr<Values> buildAvgPool(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  FailureOr<ov::RoundingType> rounding = readRounding(ctx);
  FailureOr<bool> excludePad = ctx.attrs.getBool("exclude-pad");
  if (failed(rounding) || failed(excludePad) ||
      failed(readWindowAttributes(ctx, spatialRankOf(ctx), /*hasKernel=*/true,
                                  /*dilationsOptional=*/true, attrs)))
    return failure();
  if (ctx.version < 14 && *rounding == ov::RoundingType::ceil_torch)
    return ctx.error("rounding_type ceil_torch needs AvgPool-14");
  attrs.push_back(ctx.named("rounding_type",
                            ov::RoundingTypeAttr::get(ctx.context, *rounding)));
  attrs.push_back(
      ctx.named("exclude_pad", ctx.builder.getBoolAttr(*excludePad)));
  return ctx.create<ov::AvgPoolOp>(ctx.inputs, attrs);
}

template <typename OpTy>
static FailureOr<Values> buildReduce(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<bool> keepDims = ctx.attrs.getBool("keep_dims", false);
  if (failed(keepDims))
    return failure();
  return ctx.create<OpTy>(
      ctx.inputs, {ctx.named("keep_dims", ctx.builder.getBoolAttr(*keepDims))});
}

static FailureOr<Values> buildMVN(LayerContext &ctx) {
  FailureOr<bool> normalize = ctx.attrs.getBool("normalize_variance");
  FailureOr<double> eps = ctx.attrs.getDouble("eps");
  if (failed(normalize) || failed(eps))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      ctx.named("normalize_variance", ctx.builder.getBoolAttr(*normalize)),
      ctx.named("eps", ctx.builder.getF64FloatAttr(*eps))};
  if (ctx.version >= 6) {
    if (failed(ctx.expectInputs(2)))
      return failure();
    auto mode = ctx.attrs.getEnum<ov::MVNEpsMode>(
        "eps_mode", [](StringRef s) { return ov::symbolizeMVNEpsMode(s); },
        std::nullopt, "inside_sqrt, outside_sqrt");
    if (failed(mode))
      return failure();
    attrs.push_back(
        ctx.named("eps_mode", ov::MVNEpsModeAttr::get(ctx.context, *mode)));
    return ctx.create<ov::MVNOp>(ctx.inputs, attrs);
  }
  // MVN-1: axes from across_channels or reduction_axes; eps is added to the
  // standard deviation (OpenVINO converts it to MVN-6 outside_sqrt).
  if (failed(ctx.expectInputs(1)))
    return failure();
  int64_t rank = ov::shapeOf(ctx.inputs[0]).size();
  SmallVector<int64_t> axes;
  if (ctx.attrs.has("reduction_axes")) {
    auto given = ctx.attrs.getIntList("reduction_axes");
    if (failed(given))
      return failure();
    axes = *given;
  } else {
    FailureOr<bool> across = ctx.attrs.getBool("across_channels", false);
    if (failed(across))
      return failure();
    for (int64_t axis = *across ? 1 : 2; axis < rank; ++axis)
      axes.push_back(axis);
  }
  attrs.push_back(ctx.named(
      "eps_mode",
      ov::MVNEpsModeAttr::get(ctx.context, ov::MVNEpsMode::outside_sqrt)));
  return ctx.create<ov::MVNOp>({ctx.inputs[0], ctx.i64Constant(axes)}, attrs);
}

static FailureOr<Values> buildNormalizeL2(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<double> eps = ctx.attrs.getDouble("eps");
  auto mode = ctx.attrs.getEnum<ov::EpsMode>(
      "eps_mode", [](StringRef s) { return ov::symbolizeEpsMode(s); },
      std::nullopt, "add, max");
  if (failed(eps) || failed(mode))
    return failure();
  return ctx.create<ov::NormalizeL2Op>(
      ctx.inputs,
      {ctx.named("eps", ctx.builder.getF64FloatAttr(*eps)),
       ctx.named("eps_mode", ov::EpsModeAttr::get(ctx.context, *mode))});
}

static FailureOr<Values> buildBatchNorm(LayerContext &ctx) {
  if (failed(ctx.expectInputs(5)))
    return failure();
  FailureOr<double> epsilon = ctx.attrs.getDouble("epsilon");
  if (failed(epsilon))
    return failure();
  SmallVector<Value> operands(ctx.inputs);
  // BatchNormInference-1 takes (gamma, beta, data, mean, variance).
  if (ctx.version == 1)
    operands = {ctx.inputs[2], ctx.inputs[0], ctx.inputs[1], ctx.inputs[3],
                ctx.inputs[4]};
  return ctx.create<ov::BatchNormInferenceOp>(
      operands, {ctx.named("epsilon", ctx.builder.getF64FloatAttr(*epsilon))});
}

void ovc::importer::registerPoolingLayers(llvm::StringMap<LayerKind> &table) {
  table["maxpool"] = {{1, 8, 14}, buildMaxPool};
  table["avgpool"] = {{1, 14, 16}, buildAvgPool};
  table["reducesum"] = {{1}, buildReduce<ov::ReduceSumOp>};
  table["reducemean"] = {{1}, buildReduce<ov::ReduceMeanOp>};
  table["reducemax"] = {{1}, buildReduce<ov::ReduceMaxOp>};
  table["reducemin"] = {{1}, buildReduce<ov::ReduceMinOp>};
  table["reduceprod"] = {{1}, buildReduce<ov::ReduceProdOp>};
  table["reducel1"] = {{4}, buildReduce<ov::ReduceL1Op>};
  table["reducel2"] = {{4}, buildReduce<ov::ReduceL2Op>};
  table["mvn"] = {{1, 6}, buildMVN};
  table["normalizel2"] = {{1}, buildNormalizeL2};
  table["batchnorminference"] = {{1, 5}, buildBatchNorm};
}
