//===- ReductionToLinalg.cpp - Reduce* and SoftMax to linalg --------------===//
//
// Reductions are linalg.generic ops with reduction iterators into a tensor
// that keeps the reduced dims as 1 (so that later element-wise steps
// broadcast against it); SoftMax is max, exp(x - max), sum, divide.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace ovc::conversion;
namespace ov = mlir::ov;

namespace {

enum class Combine { Sum, Max, Min, Prod };

/// Reduces `input` over `axes` into a tensor of the same rank with the
/// reduced dims set to 1, combining `map(x)` values.
Value reduceKeepDims(
    OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes,
    Combine combine,
    function_ref<Value(OpBuilder &, Location, Value)> map = nullptr) {
  auto type = cast<RankedTensorType>(input.getType());
  auto element = cast<FloatType>(type.getElementType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> outShape(type.getShape());
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  MLIRContext *context = b.getContext();
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(axes, d);
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    outExprs.push_back(reduced ? getAffineConstantExpr(0, context)
                               : getAffineDimExpr(d, context));
    if (reduced)
      outShape[d] = 1;
  }
  double initValue = 0.0;
  switch (combine) {
  case Combine::Sum:
    initValue = 0.0;
    break;
  case Combine::Prod:
    initValue = 1.0;
    break;
  case Combine::Max:
    initValue = -std::numeric_limits<double>::infinity();
    break;
  case Combine::Min:
    initValue = std::numeric_limits<double>::infinity();
    break;
  }
  auto outType = RankedTensorType::get(outShape, element);
  Value init = buildFilled(b, loc, outType, b.getFloatAttr(element, initValue));
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank),
                                 AffineMap::get(rank, 0, outExprs, context)};
  auto generic = b.create<linalg::GenericOp>(
      loc, outType, ValueRange{input}, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value x = map ? map(nb, nl, args[0]) : args[0];
        Value acc = args[1], next;
        switch (combine) {
        case Combine::Sum:
          // Sums may be reassociated: OpenVINO's own kernels add in vector
          // lanes, in no order a model could depend on, and one chain of
          // dependent adds per output ran at the adder's latency (a
          // 1000-channel 14 x 14 global average pool took 4 times as long
          // as ONNX Runtime's).
          next = nb.create<arith::AddFOp>(nl, acc, x,
                                          arith::FastMathFlags::reassoc);
          break;
        case Combine::Prod:
          next = nb.create<arith::MulFOp>(nl, acc, x);
          break;
        case Combine::Max:
          next = nb.create<arith::MaximumFOp>(nl, acc, x);
          break;
        case Combine::Min:
          next = nb.create<arith::MinimumFOp>(nl, acc, x);
          break;
        }
        nb.create<linalg::YieldOp>(nl, next);
      });
  return generic.getResult(0);
}

template <typename OpTy> struct ReduceToLinalg : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!inType.hasStaticShape() || !resultType.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    if (!isa<FloatType>(inType.getElementType()))
      return notLowerable(op, "integer reductions are not lowered");
    auto axesValues = ov::getConstantInts(op.getAxes());
    if (!axesValues)
      return notLowerable(op, "reduction axes must be constant");
    FailureOr<SmallVector<int64_t>> axes =
        ov::normalizeAxes(std::nullopt, *axesValues, inType.getRank(), "axis");
    if (failed(axes))
      return failure();
    Location loc = op.getLoc();
    Value result;
    if constexpr (std::is_same_v<OpTy, ov::ReduceSumOp> ||
                  std::is_same_v<OpTy, ov::ReduceMeanOp>) {
      result =
          reduceKeepDims(rewriter, loc, op.getInput(), *axes, Combine::Sum);
      if constexpr (std::is_same_v<OpTy, ov::ReduceMeanOp>) {
        int64_t count = 1;
        for (int64_t a : *axes)
          count *= inType.getDimSize(a);
        auto type = cast<RankedTensorType>(result.getType());
        result = buildElementwise(
            rewriter, loc, type, ValueRange{result},
            [&](OpBuilder &b, Location l, ValueRange args) -> Value {
              return b.create<arith::DivFOp>(
                  l, args[0],
                  floatConstant(b, l, args[0].getType(), double(count)));
            });
      }
    } else if constexpr (std::is_same_v<OpTy, ov::ReduceMaxOp>) {
      result =
          reduceKeepDims(rewriter, loc, op.getInput(), *axes, Combine::Max);
    } else if constexpr (std::is_same_v<OpTy, ov::ReduceMinOp>) {
      result =
          reduceKeepDims(rewriter, loc, op.getInput(), *axes, Combine::Min);
    } else if constexpr (std::is_same_v<OpTy, ov::ReduceProdOp>) {
      result =
          reduceKeepDims(rewriter, loc, op.getInput(), *axes, Combine::Prod);
    } else if constexpr (std::is_same_v<OpTy, ov::ReduceL1Op>) {
      result = reduceKeepDims(rewriter, loc, op.getInput(), *axes, Combine::Sum,
                              [](OpBuilder &b, Location l, Value x) -> Value {
                                return b.create<math::AbsFOp>(l, x);
                              });
    } else {
      Value squares =
          reduceKeepDims(rewriter, loc, op.getInput(), *axes, Combine::Sum,
                         [](OpBuilder &b, Location l, Value x) -> Value {
                           return b.create<arith::MulFOp>(l, x, x);
                         });
      result = buildElementwise(
          rewriter, loc, cast<RankedTensorType>(squares.getType()),
          ValueRange{squares},
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return b.create<math::SqrtOp>(l, args[0]);
          });
    }
    rewriter.replaceOp(
        op, reshapeStatic(rewriter, loc, result, resultType.getShape()));
    return success();
  }
};

template <typename OpTy>
struct SoftmaxToLinalg : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    if (!type.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    int64_t axis = int64_t(op.getAxis());
    if (axis < 0)
      axis += type.getRank();
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value max = reduceKeepDims(rewriter, loc, x, {axis}, Combine::Max);
    Value shifted = buildElementwise(
        rewriter, loc, type, ValueRange{x, max},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return b.create<arith::SubFOp>(l, args[0], args[1]);
        });
    Value sum = reduceKeepDims(rewriter, loc, shifted, {axis}, Combine::Sum,
                               [](OpBuilder &b, Location l, Value v) -> Value {
                                 return b.create<math::ExpOp>(l, v);
                               });
    bool isLog = std::is_same_v<OpTy, ov::LogSoftmaxOp>;
    Value result = buildElementwise(
        rewriter, loc, type, ValueRange{shifted, sum},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          if (isLog)
            return b.create<arith::SubFOp>(
                l, args[0], b.create<math::LogOp>(l, args[1]).getResult());
          return b.create<arith::DivFOp>(
              l, b.create<math::ExpOp>(l, args[0]).getResult(), args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void ovc::conversion::populateReductionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns
      .add<ReduceToLinalg<ov::ReduceSumOp>, ReduceToLinalg<ov::ReduceMeanOp>,
           ReduceToLinalg<ov::ReduceMaxOp>, ReduceToLinalg<ov::ReduceMinOp>,
           ReduceToLinalg<ov::ReduceProdOp>, ReduceToLinalg<ov::ReduceL1Op>,
           ReduceToLinalg<ov::ReduceL2Op>, SoftmaxToLinalg<ov::SoftmaxOp>,
           SoftmaxToLinalg<ov::LogSoftmaxOp>>(patterns.getContext());
}
