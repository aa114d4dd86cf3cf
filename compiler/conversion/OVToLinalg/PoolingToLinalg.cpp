//===- PoolingToLinalg.cpp - MaxPool and AvgPool to linalg ----------------===//
//
// Pooling pads explicitly, adding the extra end padding that ceil rounding
// needs so every window fits, and uses linalg's NCHW pooling ops. AvgPool
// divides the window sums by a compile-time table of divisors that follows
// OpenVINO's exclude-pad rules.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace ovc::conversion;
namespace ov = mlir::ov;

namespace {

/// Pads (with the end extended so that the last window fits) and window
/// geometry of a 2-D pooling op.
struct PoolGeometry {
  ov::ResolvedPads pads;
  ov::Dims extraEnd;
  SmallVector<int64_t> window; // dilated extents are implied by dilations
};

template <typename PoolOp> PoolGeometry geometry(PoolOp op) {
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  ArrayRef<int64_t> in = inType.getShape().drop_front(2);
  ArrayRef<int64_t> out = outType.getShape().drop_front(2);
  PoolGeometry g;
  g.pads =
      ov::resolvePads(in, op.getKernel(), op.getStrides(), op.getDilations(),
                      op.getPadsBegin(), op.getPadsEnd(), op.getAutoPad());
  g.extraEnd = ov::extraEndPadding(in, out, op.getKernel(), op.getStrides(),
                                   op.getDilations(), g.pads);
  g.window.assign(op.getKernel().begin(), op.getKernel().end());
  return g;
}

template <typename PoolOp> LogicalResult checkPool(PoolOp op) {
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  if (!inType.hasStaticShape() || !outType.hasStaticShape())
    return notLowerable(op, "dynamic shapes are not supported");
  if (inType.getRank() != 4)
    return notLowerable(op, "only 2-D pooling is lowered");
  if (!isa<FloatType>(inType.getElementType()))
    return notLowerable(op, "integer pooling is not lowered");
  return success();
}

/// A linalg NCHW pooling op over the input padded (with the end extended
/// so that every window fits) by `identity`, accumulating from `identity`:
/// -inf for max, 0 for sums.
template <typename LinalgPoolOp, typename PoolOp>
Value buildPool(OpBuilder &b, PoolOp op, const PoolGeometry &g,
                TypedAttr identity) {
  Location loc = op.getLoc();
  auto outType = cast<RankedTensorType>(op.getType());
  SmallVector<int64_t> end(g.pads.end);
  for (size_t i = 0; i < end.size(); ++i)
    end[i] += g.extraEnd[i];
  Value input = padSpatial(b, loc, op.getInput(), g.pads.begin, end, identity);
  Value window =
      b.create<tensor::EmptyOp>(loc, g.window, outType.getElementType());
  Value init = buildFilled(b, loc, outType, identity);
  return b
      .create<LinalgPoolOp>(loc, TypeRange{outType}, ValueRange{input, window},
                            ValueRange{init},
                            b.getI64TensorAttr(op.getStrides()),
                            b.getI64TensorAttr(op.getDilations()))
      .getResult(0);
}

struct MaxPoolToLinalg : public OpRewritePattern<ov::MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkPool(op)))
      return failure();
    auto element = cast<FloatType>(op.getType().getElementType());
    // Padding never wins: pad and initialize with -inf.
    TypedAttr lowest = rewriter.getFloatAttr(
        element, -std::numeric_limits<double>::infinity());
    Value pool =
        buildPool<linalg::PoolingNchwMaxOp>(rewriter, op, geometry(op), lowest);
    rewriter.replaceOp(op, pool);
    return success();
  }
};

struct AvgPoolToLinalg : public OpRewritePattern<ov::AvgPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::AvgPoolOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkPool(op)))
      return failure();
    Location loc = op.getLoc();
    auto outType = op.getType();
    Type element = outType.getElementType();
    PoolGeometry g = geometry(op);
    Value sums = buildPool<linalg::PoolingNchwSumOp>(
        rewriter, op, g, rewriter.getZeroAttr(element));
    // Divisors per output position (OpenVINO's reference rules): the
    // in-bounds tap count with exclude-pad, or when no pad is set at all;
    // the full kernel size otherwise.
    auto inShape = cast<RankedTensorType>(op.getInput().getType()).getShape();
    bool anyPad = llvm::any_of(g.pads.begin, [](int64_t p) { return p; }) ||
                  llvm::any_of(g.pads.end, [](int64_t p) { return p; });
    bool countInBounds = op.getExcludePad() || !anyPad;
    int64_t oh = outType.getDimSize(2), ow = outType.getDimSize(3);
    std::vector<float> divisors(oh * ow);
    auto taps = [&](int64_t o, int axis) {
      int64_t count = 0;
      for (int64_t k = 0; k < g.window[axis]; ++k) {
        int64_t pos = o * op.getStrides()[axis] - g.pads.begin[axis] +
                      k * op.getDilations()[axis];
        count += pos >= 0 && pos < inShape[axis + 2];
      }
      return count;
    };
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        divisors[y * ow + x] =
            countInBounds ? float(std::max<int64_t>(1, taps(y, 0) * taps(x, 1)))
                          : float(g.window[0] * g.window[1]);
    auto divType = RankedTensorType::get({1, 1, oh, ow}, element);
    Value divisor = rewriter.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(divType, ArrayRef<float>(divisors)));
    Value result = buildElementwise(
        rewriter, loc, outType, ValueRange{sums, divisor},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return b.create<arith::DivFOp>(l, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void ovc::conversion::populatePoolingToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<MaxPoolToLinalg, AvgPoolToLinalg>(patterns.getContext());
}
