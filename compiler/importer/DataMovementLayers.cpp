//===- DataMovementLayers.cpp - shape and data-movement layers ------------===//

#include "compiler/importer/LayerBuilder.h"

using namespace ovc::importer;
using namespace mlir;
namespace ov = mlir::ov;

static FailureOr<Values> buildConcat(LayerContext &ctx) {
  if (ctx.inputs.empty())
    return ctx.error("Concat needs at least one input");
  FailureOr<int64_t> axis = ctx.attrs.getInt("axis");
  if (failed(axis))
    return failure();
  return ctx.create<ov::ConcatOp>(
      ctx.inputs, {ctx.named("axis", ctx.builder.getI64IntegerAttr(*axis))});
}

static FailureOr<Values> buildSplit(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<int64_t> parts = ctx.attrs.getInt("num_splits");
  if (failed(parts))
    return failure();
  if (*parts < 1 || *parts > 65536)
    return ctx.error("num_splits must be in [1, 65536]");
  return ctx.create<ov::SplitOp>(
      ctx.inputs,
      {ctx.named("num_splits", ctx.builder.getI64IntegerAttr(*parts))});
}

static FailureOr<Values> buildVariadicSplit(LayerContext &ctx) {
  if (failed(ctx.expectInputs(3)))
    return failure();
  return ctx.create<ov::VariadicSplitOp>(ctx.inputs, {});
}

static FailureOr<Values> buildReshape(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<bool> specialZero = ctx.attrs.getBool("special_zero");
  if (failed(specialZero))
    return failure();
  return ctx.create<ov::ReshapeOp>(
      ctx.inputs,
      {ctx.named("special_zero", ctx.builder.getBoolAttr(*specialZero))});
}

template <typename OpTy, unsigned Min, unsigned Max>
static FailureOr<Values> buildPlain(LayerContext &ctx) {
  if (failed(ctx.expectInputs(Min, Max)))
    return failure();
  return ctx.create<OpTy>(ctx.inputs, {});
}

static FailureOr<Values> buildGather(LayerContext &ctx) {
  if (failed(ctx.expectInputs(3)))
    return failure();
  FailureOr<int64_t> batchDims = ctx.version >= 7
                                     ? ctx.attrs.getInt("batch_dims", 0)
                                     : FailureOr<int64_t>(0);
  if (failed(batchDims))
    return failure();
  return ctx.create<ov::GatherOp>(
      ctx.inputs,
      {ctx.named("batch_dims", ctx.builder.getI64IntegerAttr(*batchDims))});
}

static FailureOr<Values> buildStridedSlice(LayerContext &ctx) {
  if (failed(ctx.expectInputs(3, 4)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  for (StringRef name : {"begin_mask", "end_mask", "new_axis_mask",
                         "shrink_axis_mask", "ellipsis_mask"}) {
    bool required = name == "begin_mask" || name == "end_mask";
    auto mask = ctx.attrs.getIntList(
        name, required ? std::nullopt : std::optional(SmallVector<int64_t>()));
    if (failed(mask))
      return failure();
    attrs.push_back(ctx.named(name, ctx.i64Array(*mask)));
  }
  return ctx.create<ov::StridedSliceOp>(ctx.inputs, attrs);
}

static FailureOr<Values> buildBroadcast(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2, 3)))
    return failure();
  auto mode = ctx.attrs.getEnum<ov::BroadcastMode>(
      "mode", [](StringRef s) { return ov::symbolizeBroadcastMode(s); },
      ov::BroadcastMode::numpy, "numpy, explicit, bidirectional, pdpd");
  if (failed(mode))
    return failure();
  if (ctx.version < 3 && *mode == ov::BroadcastMode::bidirectional)
    return ctx.error("mode bidirectional needs Broadcast-3");
  return ctx.create<ov::BroadcastOp>(
      ctx.inputs,
      {ctx.named("mode", ov::BroadcastModeAttr::get(ctx.context, *mode))});
}

static FailureOr<Values> buildPad(LayerContext &ctx) {
  if (failed(ctx.expectInputs(3, 4)))
    return failure();
  auto mode = ctx.attrs.getEnum<ov::PadMode>(
      "pad_mode", [](StringRef s) { return ov::symbolizePadMode(s); },
      std::nullopt, "constant, edge, reflect, symmetric");
  if (failed(mode))
    return failure();
  if (ctx.version < 12)
    for (Value pads : ctx.inputs.slice(1, 2))
      if (auto values = ov::getConstantInts(pads))
        for (int64_t v : *values)
          if (v < 0)
            return ctx.error("Pad-1 pads must be >= 0 (negative pads need "
                             "Pad-12)");
  return ctx.create<ov::PadOp>(
      ctx.inputs,
      {ctx.named("pad_mode", ov::PadModeAttr::get(ctx.context, *mode))});
}

static FailureOr<Values> buildTopK(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<int64_t> axis = ctx.attrs.getInt("axis");
  auto mode = ctx.attrs.getEnum<ov::TopKMode>(
      "mode", [](StringRef s) { return ov::symbolizeTopKMode(s); },
      std::nullopt, "min, max");
  auto sort = ctx.attrs.getEnum<ov::TopKSort>(
      "sort", [](StringRef s) { return ov::symbolizeTopKSort(s); },
      std::nullopt, "value, index, none");
  FailureOr<std::string> indexType =
      ctx.attrs.getString("index_element_type", std::string("i32"));
  FailureOr<bool> stable = ctx.version >= 11
                               ? ctx.attrs.getBool("stable", false)
                               : FailureOr<bool>(false);
  if (failed(axis) || failed(mode) || failed(sort) || failed(indexType) ||
      failed(stable))
    return failure();
  std::string error;
  Type type = parseElementType(*indexType, ctx.context, error);
  if (!type)
    return ctx.error("attribute 'index_element_type': " + error);
  return ctx.create<ov::TopKOp>(
      ctx.inputs, {ctx.named("axis", ctx.builder.getI64IntegerAttr(*axis)),
                   ctx.named("mode", ov::TopKModeAttr::get(ctx.context, *mode)),
                   ctx.named("sort", ov::TopKSortAttr::get(ctx.context, *sort)),
                   ctx.named("index_element_type", TypeAttr::get(type)),
                   ctx.named("stable", ctx.builder.getBoolAttr(*stable))});
}

static FailureOr<Values> buildInterpolate(LayerContext &ctx) {
  if (ctx.version < 4)
    return ctx.error("Interpolate-1 is not supported; convert the model with "
                     "opset4 or later");
  bool v4 = ctx.version < 11;
  if (failed(v4 ? ctx.expectInputs(3, 4) : ctx.expectInputs(2, 3)))
    return failure();
  auto mode = ctx.attrs.getEnum<ov::InterpolateMode>(
      "mode", [](StringRef s) { return ov::symbolizeInterpolateMode(s); },
      std::nullopt,
      "nearest, linear, linear_onnx, cubic, bilinear_pillow, bicubic_pillow");
  auto calc = ctx.attrs.getEnum<ov::ShapeCalcMode>(
      "shape_calculation_mode",
      [](StringRef s) { return ov::symbolizeShapeCalcMode(s); }, std::nullopt,
      "sizes, scales");
  auto coord = ctx.attrs.getEnum<ov::CoordinateTransformMode>(
      "coordinate_transformation_mode",
      [](StringRef s) { return ov::symbolizeCoordinateTransformMode(s); },
      ov::CoordinateTransformMode::half_pixel,
      "half_pixel, pytorch_half_pixel, asymmetric, tf_half_pixel_for_nn, "
      "align_corners");
  auto nearest = ctx.attrs.getEnum<ov::NearestMode>(
      "nearest_mode", [](StringRef s) { return ov::symbolizeNearestMode(s); },
      ov::NearestMode::round_prefer_floor,
      "round_prefer_floor, round_prefer_ceil, floor, ceil, simple");
  FailureOr<bool> antialias = ctx.attrs.getBool("antialias", false);
  auto padsBegin = ctx.attrs.getIntList("pads_begin", SmallVector<int64_t>());
  auto padsEnd = ctx.attrs.getIntList("pads_end", SmallVector<int64_t>());
  FailureOr<double> cube = ctx.attrs.getDouble("cube_coeff", -0.75);
  if (failed(mode) || failed(calc) || failed(coord) || failed(nearest) ||
      failed(antialias) || failed(padsBegin) || failed(padsEnd) || failed(cube))
    return failure();
  if (v4 && (*mode == ov::InterpolateMode::bilinear_pillow ||
             *mode == ov::InterpolateMode::bicubic_pillow))
    return ctx.error("pillow modes need Interpolate-11");
  for (int64_t pad : llvm::concat<int64_t>(*padsBegin, *padsEnd))
    if (pad < 0)
      return ctx.error("Interpolate pads must be >= 0");
  // Interpolate-4 passes (data, sizes, scales[, axes]); keep the input that
  // the shape calculation mode uses.
  SmallVector<Value> operands = {ctx.inputs[0]};
  if (v4) {
    operands.push_back(ctx.inputs[*calc == ov::ShapeCalcMode::sizes ? 1 : 2]);
    if (ctx.inputs.size() == 4)
      operands.push_back(ctx.inputs[3]);
  } else {
    operands.append(ctx.inputs.begin() + 1, ctx.inputs.end());
  }
  return ctx.create<ov::InterpolateOp>(
      operands,
      {ctx.named("mode", ov::InterpolateModeAttr::get(ctx.context, *mode)),
       ctx.named("shape_calculation_mode",
                 ov::ShapeCalcModeAttr::get(ctx.context, *calc)),
       ctx.named("coordinate_transformation_mode",
                 ov::CoordinateTransformModeAttr::get(ctx.context, *coord)),
       ctx.named("nearest_mode",
                 ov::NearestModeAttr::get(ctx.context, *nearest)),
       ctx.named("antialias", ctx.builder.getBoolAttr(*antialias)),
       ctx.named("pads_begin", ctx.i64Array(*padsBegin)),
       ctx.named("pads_end", ctx.i64Array(*padsEnd)),
       ctx.named("cube_coeff", ctx.builder.getF64FloatAttr(*cube))});
}

template <typename OpTy>
static FailureOr<Values> buildBlockRearrange(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  FailureOr<std::string> mode = ctx.attrs.getString("mode");
  FailureOr<int64_t> blockSize = ctx.attrs.getInt("block_size", 1);
  if (failed(mode) || failed(blockSize))
    return failure();
  if (*mode != "blocks_first" && *mode != "depth_first") {
    ctx.attrs.invalid("mode", *mode, "blocks_first or depth_first");
    return failure();
  }
  if (*blockSize < 1 || *blockSize > 4096)
    return ctx.error("block_size must be in [1, 4096]");
  return ctx.create<OpTy>(
      ctx.inputs,
      {ctx.named("block_size", ctx.builder.getI64IntegerAttr(*blockSize)),
       ctx.named("depth_first",
                 ctx.builder.getBoolAttr(*mode == "depth_first"))});
}

void ovc::importer::registerDataMovementLayers(
    llvm::StringMap<LayerKind> &table) {
  table["concat"] = {{1}, buildConcat};
  table["split"] = {{1}, buildSplit};
  table["variadicsplit"] = {{1}, buildVariadicSplit};
  table["reshape"] = {{1}, buildReshape};
  table["squeeze"] = {{1, 15}, buildPlain<ov::SqueezeOp, 1, 2>};
  table["unsqueeze"] = {{1}, buildPlain<ov::UnsqueezeOp, 2, 2>};
  table["transpose"] = {{1}, buildPlain<ov::TransposeOp, 2, 2>};
  table["gather"] = {{1, 7, 8}, buildGather};
  table["stridedslice"] = {{1}, buildStridedSlice};
  table["slice"] = {{8}, buildPlain<ov::SliceOp, 4, 5>};
  table["broadcast"] = {{1, 3}, buildBroadcast};
  table["tile"] = {{1}, buildPlain<ov::TileOp, 2, 2>};
  table["pad"] = {{1, 12}, buildPad};
  table["topk"] = {{1, 3, 11}, buildTopK};
  table["interpolate"] = {{1, 4, 11}, buildInterpolate};
  table["depthtospace"] = {{1}, buildBlockRearrange<ov::DepthToSpaceOp>};
  table["spacetodepth"] = {{1}, buildBlockRearrange<ov::SpaceToDepthOp>};
}
