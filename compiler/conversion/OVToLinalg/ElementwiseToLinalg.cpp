//===- ElementwiseToLinalg.cpp - element-wise ov ops to linalg.generic ----===//
//
// Each element-wise op becomes one linalg.generic with numpy-broadcasting
// indexing maps; the scalar body follows the reference formula of the op in
// ov-ir-reference.md. Later fusion merges chains of them into one loop nest.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace ovc::conversion;
namespace ov = mlir::ov;

namespace {

Value cst(OpBuilder &b, Location loc, Type type, double value) {
  return floatConstant(b, loc, type, value);
}

Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value negX = b.create<arith::NegFOp>(loc, x);
  Value e = b.create<math::ExpOp>(loc, negX);
  Value den = b.create<arith::AddFOp>(loc, cst(b, loc, t, 1.0), e);
  return b.create<arith::DivFOp>(loc, cst(b, loc, t, 1.0), den);
}

/// min(max(v, lo), hi) for floats; NaN-propagating like OpenVINO's clamp.
Value clampF(OpBuilder &b, Location loc, Value v, double lo, double hi) {
  Type t = v.getType();
  Value low = b.create<arith::MaximumFOp>(loc, v, cst(b, loc, t, lo));
  return b.create<arith::MinimumFOp>(loc, low, cst(b, loc, t, hi));
}

// The scalar computation of each op: args are the broadcast operands.
// Element types were checked by checkElementTypes before any body is built.
template <typename OpTy>
Value scalarOf(OpTy op, OpBuilder &b, Location loc, ValueRange args);

/// The float or the (signless) integer form of a binary arith op.
template <typename FloatOp, typename IntOp>
Value floatOrInt(OpBuilder &b, Location loc, ValueRange args) {
  if (isa<FloatType>(args[0].getType()))
    return b.create<FloatOp>(loc, args[0], args[1]);
  return b.create<IntOp>(loc, args[0], args[1]);
}

template <>
Value scalarOf(ov::AddOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::AddFOp, arith::AddIOp>(b, loc, args);
}
template <>
Value scalarOf(ov::SubtractOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::SubFOp, arith::SubIOp>(b, loc, args);
}
template <>
Value scalarOf(ov::MultiplyOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::MulFOp, arith::MulIOp>(b, loc, args);
}
template <>
Value scalarOf(ov::MaximumOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::MaximumFOp, arith::MaxSIOp>(b, loc, args);
}
template <>
Value scalarOf(ov::MinimumOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::MinimumFOp, arith::MinSIOp>(b, loc, args);
}

template <>
Value scalarOf(ov::DivideOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isa<FloatType>(args[0].getType()))
    return Value(b.create<arith::DivFOp>(loc, args[0], args[1]));
  if (op.getPythonDiv())
    return Value(b.create<arith::FloorDivSIOp>(loc, args[0], args[1]));
  return Value(b.create<arith::DivSIOp>(loc, args[0], args[1]));
}
template <>
Value scalarOf(ov::PowerOp, OpBuilder &b, Location loc, ValueRange args) {
  return Value(b.create<math::PowFOp>(loc, args[0], args[1]));
}
template <>
Value scalarOf(ov::SquaredDifferenceOp, OpBuilder &b, Location loc,
               ValueRange args) {
  Value d = b.create<arith::SubFOp>(loc, args[0], args[1]);
  return Value(b.create<arith::MulFOp>(loc, d, d));
}

template <>
Value scalarOf(ov::ReluOp, OpBuilder &b, Location loc, ValueRange args) {
  Type t = args[0].getType();
  return Value(b.create<arith::MaximumFOp>(loc, args[0], cst(b, loc, t, 0.0)));
}

#define UNARY_MATH(OP, MATHOP)                                                 \
  template <>                                                                  \
  Value scalarOf(OP, OpBuilder &b, Location loc, ValueRange args) {            \
    return Value(b.create<MATHOP>(loc, args[0]));                              \
  }
UNARY_MATH(ov::ExpOp, math::ExpOp)
UNARY_MATH(ov::LogOp, math::LogOp)
UNARY_MATH(ov::SqrtOp, math::SqrtOp)
UNARY_MATH(ov::TanhOp, math::TanhOp)
UNARY_MATH(ov::ErfOp, math::ErfOp)
UNARY_MATH(ov::AbsOp, math::AbsFOp)
UNARY_MATH(ov::FloorOp, math::FloorOp)
UNARY_MATH(ov::CeilingOp, math::CeilOp)
UNARY_MATH(ov::SinOp, math::SinOp)
UNARY_MATH(ov::CosOp, math::CosOp)
UNARY_MATH(ov::NegativeOp, arith::NegFOp)
#undef UNARY_MATH

Value hsigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value shifted = b.create<arith::AddFOp>(loc, x, cst(b, loc, t, 3.0));
  Value relu6 = clampF(b, loc, shifted, 0.0, 6.0);
  return b.create<arith::DivFOp>(loc, relu6, cst(b, loc, t, 6.0));
}

Value softplus(OpBuilder &b, Location loc, Value x) {
  return b.create<math::Log1pOp>(loc,
                                 b.create<math::ExpOp>(loc, x).getResult());
}

template <>
Value scalarOf(ov::SigmoidOp, OpBuilder &b, Location loc, ValueRange args) {
  return sigmoid(b, loc, args[0]);
}
template <>
Value scalarOf(ov::HSigmoidOp, OpBuilder &b, Location loc, ValueRange args) {
  return hsigmoid(b, loc, args[0]);
}
template <>
Value scalarOf(ov::HSwishOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<arith::MulFOp>(loc, args[0], hsigmoid(b, loc, args[0]));
}
template <>
Value scalarOf(ov::SoftPlusOp, OpBuilder &b, Location loc, ValueRange args) {
  return softplus(b, loc, args[0]);
}
template <>
Value scalarOf(ov::MishOp, OpBuilder &b, Location loc, ValueRange args) {
  Value tanh = b.create<math::TanhOp>(loc, softplus(b, loc, args[0]));
  return b.create<arith::MulFOp>(loc, args[0], tanh);
}
template <>
Value scalarOf(ov::GeluOp op, OpBuilder &b, Location loc, ValueRange args) {
  Type t = args[0].getType();
  Value x = args[0];
  Value inner;
  if (op.getApproximationMode() == ov::GeluApproximation::tanh) {
    // tanh(sqrt(2/pi) * (x + 0.044715 x^3))
    Value x3 = b.create<arith::MulFOp>(
        loc, x, b.create<arith::MulFOp>(loc, x, x).getResult());
    Value poly = b.create<arith::AddFOp>(
        loc, x,
        b.create<arith::MulFOp>(loc, x3, cst(b, loc, t, 0.044715)).getResult());
    inner = b.create<math::TanhOp>(
        loc,
        b.create<arith::MulFOp>(loc, poly, cst(b, loc, t, 0.7978845608028654))
            .getResult());
  } else {
    inner = b.create<math::ErfOp>(
        loc,
        b.create<arith::MulFOp>(loc, x, cst(b, loc, t, M_SQRT1_2)).getResult());
  }
  Value onePlus = b.create<arith::AddFOp>(loc, cst(b, loc, t, 1.0), inner);
  Value half = b.create<arith::MulFOp>(loc, x, cst(b, loc, t, 0.5));
  return Value(b.create<arith::MulFOp>(loc, half, onePlus));
}
template <>
Value scalarOf(ov::EluOp op, OpBuilder &b, Location loc, ValueRange args) {
  Type t = args[0].getType();
  Value x = args[0];
  Value em1 = b.create<math::ExpM1Op>(loc, x);
  Value neg = b.create<arith::MulFOp>(
      loc, em1, cst(b, loc, t, op.getAlpha().convertToDouble()));
  Value positive = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x,
                                           cst(b, loc, t, 0.0));
  return Value(b.create<arith::SelectOp>(loc, positive, x, neg));
}
template <>
Value scalarOf(ov::ClampOp op, OpBuilder &b, Location loc, ValueRange args) {
  return clampF(b, loc, args[0], op.getMin().convertToDouble(),
                op.getMax().convertToDouble());
}
template <>
Value scalarOf(ov::SwishOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value scaled =
      args.size() > 1
          ? b.create<arith::MulFOp>(loc, args[0], args[1]).getResult()
          : args[0];
  return Value(b.create<arith::MulFOp>(loc, args[0], sigmoid(b, loc, scaled)));
}
template <>
Value scalarOf(ov::PReluOp, OpBuilder &b, Location loc, ValueRange args) {
  Type t = args[0].getType();
  Value negative = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT,
                                           args[0], cst(b, loc, t, 0.0));
  Value scaled = b.create<arith::MulFOp>(loc, args[0], args[1]);
  return Value(b.create<arith::SelectOp>(loc, negative, scaled, args[0]));
}
template <>
Value scalarOf(ov::FakeQuantizeOp op, OpBuilder &b, Location loc,
               ValueRange args) {
  // Exact FakeQuantize-1 in the element type (f32 here):
  //   x <= min(il, ih) -> ol;  x > max(il, ih) -> oh;
  //   else round((x - il) / (ih - il) * (L - 1)) / (L - 1) * (oh - ol) + ol
  // with round = round-half-to-even.
  Type t = args[0].getType();
  Value x = args[0], il = args[1], ih = args[2], ol = args[3], oh = args[4];
  double steps = double(int64_t(op.getLevels()) - 1);
  Value lo = b.create<arith::MinimumFOp>(loc, il, ih);
  Value hi = b.create<arith::MaximumFOp>(loc, il, ih);
  Value scaled = b.create<arith::DivFOp>(
      loc, b.create<arith::SubFOp>(loc, x, il).getResult(),
      b.create<arith::SubFOp>(loc, ih, il).getResult());
  Value q = b.create<math::RoundEvenOp>(
      loc,
      b.create<arith::MulFOp>(loc, scaled, cst(b, loc, t, steps)).getResult());
  Value dequant = b.create<arith::AddFOp>(
      loc,
      b.create<arith::MulFOp>(
           loc,
           b.create<arith::DivFOp>(loc, q, cst(b, loc, t, steps)).getResult(),
           b.create<arith::SubFOp>(loc, oh, ol).getResult())
          .getResult(),
      ol);
  Value below = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLE, x, lo);
  Value above = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, hi);
  Value inner = b.create<arith::SelectOp>(loc, above, oh, dequant);
  return Value(b.create<arith::SelectOp>(loc, below, ol, inner));
}
template <>
Value scalarOf(ov::ConvertOp op, OpBuilder &b, Location loc, ValueRange args) {
  Type from = args[0].getType();
  Type to = op.getDestinationType();
  Value x = args[0];
  if (from == to)
    return x;
  auto fromF = dyn_cast<FloatType>(from), toF = dyn_cast<FloatType>(to);
  if (fromF && toF)
    return fromF.getWidth() < toF.getWidth()
               ? Value(b.create<arith::ExtFOp>(loc, to, x))
               : Value(b.create<arith::TruncFOp>(loc, to, x));
  // Integers here are signless: checkElementTypes refuses unsigned ones
  // (unsigned storage is folded away by the weight passes).
  if (fromF) {
    if (to.isInteger(1))
      return Value(b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, x,
                                           cst(b, loc, from, 0.0)));
    return Value(b.create<arith::FPToSIOp>(loc, to, x));
  }
  if (toF)
    return from.isInteger(1) ? Value(b.create<arith::UIToFPOp>(loc, to, x))
                             : Value(b.create<arith::SIToFPOp>(loc, to, x));
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (tw == 1)
    return Value(b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::ne, x,
        b.create<arith::ConstantOp>(loc, b.getIntegerAttr(from, 0))));
  if (fw < tw)
    return fw == 1 ? Value(b.create<arith::ExtUIOp>(loc, to, x))
                   : Value(b.create<arith::ExtSIOp>(loc, to, x));
  return Value(b.create<arith::TruncIOp>(loc, to, x));
}

/// Integer arithmetic is lowered for signless integers (Add, Subtract,
/// Multiply, Divide, Maximum, Minimum, Convert); everything else needs
/// floats.
LogicalResult checkElementTypes(Operation *op) {
  auto isSignless = [](Type t) { return t.isSignlessInteger(); };
  SmallVector<Type> types;
  for (Type t : op->getOperandTypes())
    types.push_back(cast<RankedTensorType>(t).getElementType());
  types.push_back(
      cast<RankedTensorType>(op->getResult(0).getType()).getElementType());
  bool integerCapable =
      isa<ov::AddOp, ov::SubtractOp, ov::MultiplyOp, ov::DivideOp,
          ov::MaximumOp, ov::MinimumOp, ov::ConvertOp>(op);
  for (Type t : types) {
    if (isa<FloatType>(t))
      continue;
    if (!integerCapable || !isSignless(t))
      return failure();
  }
  return success();
}

/// Lowers any element-wise op whose operands numpy-broadcast to its result.
template <typename OpTy>
struct ElementwiseToLinalg : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    if (auto ab =
            op->template getAttrOfType<ov::AutoBroadcastAttr>("auto_broadcast");
        ab && ab.getValue() == ov::AutoBroadcast::pdpd)
      return notLowerable(op, "pdpd broadcasting");
    SmallVector<Value> inputs(op->getOperands());
    if constexpr (std::is_same_v<OpTy, ov::PReluOp>) {
      // A 1-D slope of the channel count applies along axis 1.
      auto slopeType = cast<RankedTensorType>(inputs[1].getType());
      if (slopeType.getRank() == 1 && resultType.getRank() >= 2 &&
          slopeType.getDimSize(0) == resultType.getDimSize(1) &&
          resultType.getRank() > 2) {
        SmallVector<int64_t> shape(resultType.getRank() - 1, 1);
        shape[0] = slopeType.getDimSize(0);
        inputs[1] = reshapeStatic(rewriter, op.getLoc(), inputs[1], shape);
      }
    }
    if (failed(checkElementTypes(op)))
      return notLowerable(op, "this element type is not supported here");
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, inputs,
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          return scalarOf(op, b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void ovc::conversion::populateElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<
      ElementwiseToLinalg<ov::AddOp>, ElementwiseToLinalg<ov::SubtractOp>,
      ElementwiseToLinalg<ov::MultiplyOp>, ElementwiseToLinalg<ov::DivideOp>,
      ElementwiseToLinalg<ov::MaximumOp>, ElementwiseToLinalg<ov::MinimumOp>,
      ElementwiseToLinalg<ov::PowerOp>,
      ElementwiseToLinalg<ov::SquaredDifferenceOp>,
      ElementwiseToLinalg<ov::ReluOp>, ElementwiseToLinalg<ov::SigmoidOp>,
      ElementwiseToLinalg<ov::TanhOp>, ElementwiseToLinalg<ov::ExpOp>,
      ElementwiseToLinalg<ov::LogOp>, ElementwiseToLinalg<ov::SqrtOp>,
      ElementwiseToLinalg<ov::ErfOp>, ElementwiseToLinalg<ov::AbsOp>,
      ElementwiseToLinalg<ov::NegativeOp>, ElementwiseToLinalg<ov::FloorOp>,
      ElementwiseToLinalg<ov::CeilingOp>, ElementwiseToLinalg<ov::SinOp>,
      ElementwiseToLinalg<ov::CosOp>, ElementwiseToLinalg<ov::HSwishOp>,
      ElementwiseToLinalg<ov::HSigmoidOp>, ElementwiseToLinalg<ov::MishOp>,
      ElementwiseToLinalg<ov::SoftPlusOp>, ElementwiseToLinalg<ov::GeluOp>,
      ElementwiseToLinalg<ov::EluOp>, ElementwiseToLinalg<ov::ClampOp>,
      ElementwiseToLinalg<ov::SwishOp>, ElementwiseToLinalg<ov::PReluOp>,
      ElementwiseToLinalg<ov::FakeQuantizeOp>,
      ElementwiseToLinalg<ov::ConvertOp>>(patterns.getContext());
}
