//===- ElementwiseLayers.cpp - element-wise layers ------------------------===//

#include "compiler/importer/LayerBuilder.h"

using namespace ovc::importer;
using namespace mlir;
namespace ov = mlir::ov;

static FailureOr<ov::AutoBroadcast> autoBroadcast(LayerContext &ctx) {
  return ctx.attrs.getEnum<ov::AutoBroadcast>(
      "auto_broadcast",
      [](StringRef s) { return ov::symbolizeAutoBroadcast(s); },
      ov::AutoBroadcast::numpy, "none, numpy, pdpd");
}

template <typename OpTy>
static FailureOr<Values> buildBinary(LayerContext &ctx) {
  if (failed(ctx.expectInputs(2)))
    return failure();
  FailureOr<ov::AutoBroadcast> mode = autoBroadcast(ctx);
  if (failed(mode))
    return failure();
  SmallVector<NamedAttribute> attrs = {ctx.named(
      "auto_broadcast", ov::AutoBroadcastAttr::get(ctx.context, *mode))};
  if constexpr (std::is_same_v<OpTy, ov::DivideOp>) {
    FailureOr<bool> pythonDiv = ctx.attrs.getBool("m_pythondiv", true);
    if (failed(pythonDiv))
      return failure();
    attrs.push_back(
        ctx.named("python_div", BoolAttr::get(ctx.context, *pythonDiv)));
  }
  return ctx.create<OpTy>(ctx.inputs, attrs);
}

template <typename OpTy>
static FailureOr<Values> buildUnary(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  return ctx.create<OpTy>(ctx.inputs, {});
}

static FailureOr<Values> buildGelu(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  auto mode = ctx.attrs.getEnum<ov::GeluApproximation>(
      "approximation_mode",
      [](StringRef s) { return ov::symbolizeGeluApproximation(s); },
      ov::GeluApproximation::erf, "erf, tanh");
  if (failed(mode))
    return failure();
  if (ctx.version < 7)
    *mode = ov::GeluApproximation::erf;
  return ctx.create<ov::GeluOp>(
      ctx.inputs,
      {ctx.named("approximation_mode",
                 ov::GeluApproximationAttr::get(ctx.context, *mode))});
}

static FailureOr<Values> buildElu(LayerContext &ctx) {
  FailureOr<double> alpha = ctx.attrs.getDouble("alpha");
  if (failed(ctx.expectInputs(1)) || failed(alpha))
    return failure();
  return ctx.create<ov::EluOp>(
      ctx.inputs, {ctx.named("alpha", ctx.builder.getF64FloatAttr(*alpha))});
}

static FailureOr<Values> buildClamp(LayerContext &ctx) {
  FailureOr<double> min = ctx.attrs.getDouble("min");
  FailureOr<double> max = ctx.attrs.getDouble("max");
  if (failed(ctx.expectInputs(1)) || failed(min) || failed(max))
    return failure();
  return ctx.create<ov::ClampOp>(
      ctx.inputs, {ctx.named("min", ctx.builder.getF64FloatAttr(*min)),
                   ctx.named("max", ctx.builder.getF64FloatAttr(*max))});
}

static FailureOr<Values> buildSwish(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1, 2)))
    return failure();
  return ctx.create<ov::SwishOp>(ctx.inputs, {});
}

template <typename OpTy, unsigned N>
static FailureOr<Values> buildFixedInputs(LayerContext &ctx) {
  if (failed(ctx.expectInputs(N)))
    return failure();
  return ctx.create<OpTy>(ctx.inputs, {});
}

static FailureOr<Values> buildSelect(LayerContext &ctx) {
  if (failed(ctx.expectInputs(3)))
    return failure();
  FailureOr<ov::AutoBroadcast> mode = autoBroadcast(ctx);
  if (failed(mode))
    return failure();
  return ctx.create<ov::SelectOp>(
      ctx.inputs, {ctx.named("auto_broadcast",
                             ov::AutoBroadcastAttr::get(ctx.context, *mode))});
}

static FailureOr<Values> buildFakeQuantize(LayerContext &ctx) {
  if (failed(ctx.expectInputs(5)))
    return failure();
  FailureOr<int64_t> levels = ctx.attrs.getInt("levels");
  FailureOr<ov::AutoBroadcast> mode = autoBroadcast(ctx);
  if (failed(levels) || failed(mode))
    return failure();
  return ctx.create<ov::FakeQuantizeOp>(
      ctx.inputs, {ctx.named("levels", ctx.builder.getI64IntegerAttr(*levels)),
                   ctx.named("auto_broadcast",
                             ov::AutoBroadcastAttr::get(ctx.context, *mode))});
}

template <typename OpTy>
static FailureOr<Values> buildSoftmax(LayerContext &ctx) {
  if (failed(ctx.expectInputs(1)))
    return failure();
  FailureOr<int64_t> axis = ctx.attrs.getInt("axis", 1);
  if (failed(axis))
    return failure();
  // SoftMax-1 takes only non-negative axes.
  if (std::is_same_v<OpTy, ov::SoftmaxOp> && ctx.version == 1 && *axis < 0)
    return ctx.error("SoftMax-1 axis must be >= 0 (negative axes need "
                     "SoftMax-8)");
  return ctx.create<OpTy>(
      ctx.inputs, {ctx.named("axis", ctx.builder.getI64IntegerAttr(*axis))});
}

void ovc::importer::registerElementwiseLayers(
    llvm::StringMap<LayerKind> &table) {
  table["add"] = {{1}, buildBinary<ov::AddOp>};
  table["subtract"] = {{1}, buildBinary<ov::SubtractOp>};
  table["multiply"] = {{1}, buildBinary<ov::MultiplyOp>};
  table["divide"] = {{1}, buildBinary<ov::DivideOp>};
  table["maximum"] = {{1}, buildBinary<ov::MaximumOp>};
  table["minimum"] = {{1}, buildBinary<ov::MinimumOp>};
  table["power"] = {{1}, buildBinary<ov::PowerOp>};
  table["squareddifference"] = {{1}, buildBinary<ov::SquaredDifferenceOp>};
  table["floormod"] = {{1}, buildBinary<ov::FloorModOp>};
  table["mod"] = {{1}, buildBinary<ov::ModOp>};
  table["equal"] = {{1}, buildBinary<ov::EqualOp>};
  table["notequal"] = {{1}, buildBinary<ov::NotEqualOp>};
  table["less"] = {{1}, buildBinary<ov::LessOp>};
  table["lessequal"] = {{1}, buildBinary<ov::LessEqualOp>};
  table["greater"] = {{1}, buildBinary<ov::GreaterOp>};
  table["greaterequal"] = {{1}, buildBinary<ov::GreaterEqualOp>};
  table["logicaland"] = {{1}, buildBinary<ov::LogicalAndOp>};
  table["logicalor"] = {{1}, buildBinary<ov::LogicalOrOp>};
  table["logicalxor"] = {{1}, buildBinary<ov::LogicalXorOp>};

  table["relu"] = {{1}, buildUnary<ov::ReluOp>};
  table["sigmoid"] = {{1}, buildUnary<ov::SigmoidOp>};
  table["tanh"] = {{1}, buildUnary<ov::TanhOp>};
  table["exp"] = {{1}, buildUnary<ov::ExpOp>};
  table["log"] = {{1}, buildUnary<ov::LogOp>};
  table["sqrt"] = {{1}, buildUnary<ov::SqrtOp>};
  table["erf"] = {{1}, buildUnary<ov::ErfOp>};
  table["abs"] = {{1}, buildUnary<ov::AbsOp>};
  table["negative"] = {{1}, buildUnary<ov::NegativeOp>};
  table["floor"] = {{1}, buildUnary<ov::FloorOp>};
  table["ceiling"] = {{1}, buildUnary<ov::CeilingOp>};
  table["sign"] = {{1}, buildUnary<ov::SignOp>};
  table["sin"] = {{1}, buildUnary<ov::SinOp>};
  table["cos"] = {{1}, buildUnary<ov::CosOp>};
  table["hswish"] = {{4}, buildUnary<ov::HSwishOp>};
  table["hsigmoid"] = {{5}, buildUnary<ov::HSigmoidOp>};
  table["mish"] = {{4}, buildUnary<ov::MishOp>};
  table["softplus"] = {{4}, buildUnary<ov::SoftPlusOp>};
  table["logicalnot"] = {{1}, buildUnary<ov::LogicalNotOp>};
  table["gelu"] = {{2, 7}, buildGelu};
  table["elu"] = {{1}, buildElu};
  table["clamp"] = {{1}, buildClamp};
  table["swish"] = {{4}, buildSwish};
  table["prelu"] = {{1}, buildFixedInputs<ov::PReluOp, 2>};
  table["hardsigmoid"] = {{1}, buildFixedInputs<ov::HardSigmoidOp, 3>};
  table["selu"] = {{1}, buildFixedInputs<ov::SeluOp, 3>};
  table["select"] = {{1}, buildSelect};
  table["fakequantize"] = {{1}, buildFakeQuantize};
  table["softmax"] = {{1, 8}, buildSoftmax<ov::SoftmaxOp>};
  table["logsoftmax"] = {{5}, buildSoftmax<ov::LogSoftmaxOp>};
}
