//===- ConvolutionLayers.cpp - convolutions and MatMul --------------------===//

#include "compiler/importer/LayerBuilder.h"

using namespace ovc::importer;
using namespace mlir;
namespace ov = mlir::ov;

FailureOr<ov::AutoPad> ovc::importer::readAutoPad(LayerContext &ctx) {
  // Old producers write "notset" for explicit padding.
  if (auto text = ctx.attrs.getString("auto_pad", std::string("explicit"));
      succeeded(text) && StringRef(*text).trim().equals_insensitive("notset"))
    return ov::AutoPad::explicit_;
  return ctx.attrs.getEnum<ov::AutoPad>(
      "auto_pad", [](StringRef s) { return ov::symbolizeAutoPad(s); },
      ov::AutoPad::explicit_, "explicit, same_upper, same_lower, valid");
}

/// Reads strides/dilations/pads shared by the convolution layers into
/// `attrs`. Pads may be omitted when auto_pad computes them.
LogicalResult
ovc::importer::readWindowAttributes(LayerContext &ctx, size_t spatialRank,
                                    bool hasKernel, bool dilationsOptional,
                                    SmallVectorImpl<NamedAttribute> &attrs) {
  FailureOr<ov::AutoPad> autoPad = readAutoPad(ctx);
  if (failed(autoPad))
    return failure();
  SmallVector<int64_t> zeros(spatialRank, 0), ones(spatialRank, 1);
  std::optional<SmallVector<int64_t>> padDefault;
  if (*autoPad != ov::AutoPad::explicit_)
    padDefault = zeros;
  auto strides = ctx.attrs.getIntList("strides");
  auto padsBegin = ctx.attrs.getIntList("pads_begin", padDefault);
  auto padsEnd = ctx.attrs.getIntList("pads_end", padDefault);
  auto dilations = ctx.attrs.getIntList(
      "dilations", dilationsOptional ? std::optional(ones) : std::nullopt);
  if (failed(strides) || failed(padsBegin) || failed(padsEnd) ||
      failed(dilations))
    return failure();
  attrs.push_back(ctx.named("strides", ctx.i64Array(*strides)));
  attrs.push_back(ctx.named("pads_begin", ctx.i64Array(*padsBegin)));
  attrs.push_back(ctx.named("pads_end", ctx.i64Array(*padsEnd)));
  attrs.push_back(ctx.named("dilations", ctx.i64Array(*dilations)));
  attrs.push_back(
      ctx.named("auto_pad", ov::AutoPadAttr::get(ctx.context, *autoPad)));
  if (hasKernel) {
    auto kernel = ctx.attrs.getIntList("kernel");
    if (failed(kernel))
      return failure();
    attrs.push_back(ctx.named("kernel", ctx.i64Array(*kernel)));
  }
  return success();
}

static size_t spatialRankOf(LayerContext &ctx) {
  size_t rank = ov::shapeOf(ctx.inputs[0]).size();
  return rank > 2 ? rank - 2 : 0;
}

template <typename OpTy>
static FailureOr<Values> buildConvolution(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (failed(readWindowAttributes(ctx, spatialRankOf(ctx), /*hasKernel=*/false,
                                  /*dilationsOptional=*/false, attrs)))
    return failure();
  return ctx.create<OpTy>(ctx.inputs, attrs);
}

template <typename OpTy>
static FailureOr<Values> buildBackpropData(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2, 3)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  size_t spatial = spatialRankOf(ctx);
  if (failed(readWindowAttributes(ctx, spatial, /*hasKernel=*/false,
                                  /*dilationsOptional=*/true, attrs)))
    return failure();
  auto outputPadding =
      ctx.attrs.getIntList("output_padding", SmallVector<int64_t>(spatial, 0));
  if (failed(outputPadding))
    return failure();
  attrs.push_back(ctx.named("output_padding", ctx.i64Array(*outputPadding)));
  return ctx.create<OpTy>(ctx.inputs, attrs);
}

static FailureOr<Values> buildMatMul(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<bool> transposeA = ctx.attrs.getBool("transpose_a", false);
  FailureOr<bool> transposeB = ctx.attrs.getBool("transpose_b", false);
  if (failed(transposeA) || failed(transposeB))
    return failure();
  return ctx.create<ov::MatMulOp>(
      ctx.inputs,
      {ctx.named("transpose_a", ctx.builder.getBoolAttr(*transposeA)),
       ctx.named("transpose_b", ctx.builder.getBoolAttr(*transposeB))});
}

void ovc::importer::registerConvolutionLayers(
    llvm::StringMap<LayerKind> &table) {
  table["convolution"] = {{1}, buildConvolution<ov::ConvolutionOp>};
  table["groupconvolution"] = {{1}, buildConvolution<ov::GroupConvolutionOp>};
  table["convolutionbackpropdata"] = {
      {1}, buildBackpropData<ov::ConvolutionBackpropDataOp>};
  table["groupconvolutionbackpropdata"] = {
      {1}, buildBackpropData<ov::GroupConvolutionBackpropDataOp>};
  table["matmul"] = {{1}, buildMatMul};
}
