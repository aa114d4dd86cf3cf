//===- ConvolutionToLinalg.cpp - convolutions and MatMul to linalg --------===//
//
// 2-D convolutions pad explicitly (tensor.pad, zeros) and use linalg's named
// NCHW convolutions: conv_2d_nchw_fchw, depthwise_conv_2d_nchw_chw for
// one-channel groups, conv_2d_ngchw_gfchw for other groups. MatMul is a
// linalg.generic contraction that folds transposes and batch broadcasting
// into its indexing maps.
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace ovc::conversion;
namespace ov = mlir::ov;

namespace {

Value zeroFilled(OpBuilder &b, Location loc, RankedTensorType type) {
  return buildFilled(b, loc, type, b.getZeroAttr(type.getElementType()));
}

/// The zero-padded input of a convolution, pads resolved from auto_pad.
template <typename ConvOp>
Value paddedInput(OpBuilder &b, ConvOp op, ArrayRef<int64_t> kernel) {
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  ov::ResolvedPads pads = ov::resolvePads(
      inType.getShape().drop_front(2), kernel, op.getStrides(),
      op.getDilations(), op.getPadsBegin(), op.getPadsEnd(), op.getAutoPad());
  return padSpatial(b, op.getLoc(), op.getInput(), pads.begin, pads.end,
                    b.getZeroAttr(inType.getElementType()));
}

/// The forward convolutions are lowered for static 2-D shapes.
template <typename ConvOp> LogicalResult checkConv2D(ConvOp op) {
  auto resultType = cast<RankedTensorType>(op.getType());
  if (!resultType.hasStaticShape() ||
      !cast<RankedTensorType>(op.getInput().getType()).hasStaticShape())
    return notLowerable(op, "dynamic shapes are not supported");
  if (resultType.getRank() != 4)
    return notLowerable(op, "only 2-D convolutions are lowered");
  return success();
}

struct ConvolutionToLinalg : public OpRewritePattern<ov::ConvolutionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::ConvolutionOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = op.getType();
    auto filterType = cast<RankedTensorType>(op.getFilter().getType());
    if (failed(checkConv2D(op)))
      return failure();
    Location loc = op.getLoc();
    Value input =
        paddedInput(rewriter, op, filterType.getShape().drop_front(2));
    Value init = zeroFilled(rewriter, loc, resultType);
    auto conv = rewriter.create<linalg::Conv2DNchwFchwOp>(
        loc, TypeRange{resultType}, ValueRange{input, op.getFilter()},
        ValueRange{init}, rewriter.getI64TensorAttr(op.getStrides()),
        rewriter.getI64TensorAttr(op.getDilations()));
    rewriter.replaceOp(op, conv.getResult(0));
    return success();
  }
};

struct GroupConvolutionToLinalg
    : public OpRewritePattern<ov::GroupConvolutionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::GroupConvolutionOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = op.getType();
    auto filterType = cast<RankedTensorType>(op.getFilter().getType());
    if (failed(checkConv2D(op)))
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> w = filterType.getShape(); // [G, F, C, kh, kw]
    Value input = paddedInput(rewriter, op, w.drop_front(3));
    auto strides = rewriter.getI64TensorAttr(op.getStrides());
    auto dilations = rewriter.getI64TensorAttr(op.getDilations());
    Type element = resultType.getElementType();
    if (w[1] == 1 && w[2] == 1) {
      // Depthwise: filter [C, kh, kw].
      Value filter =
          reshapeStatic(rewriter, loc, op.getFilter(), {w[0], w[3], w[4]});
      Value init = zeroFilled(rewriter, loc, resultType);
      auto conv = rewriter.create<linalg::DepthwiseConv2DNchwChwOp>(
          loc, TypeRange{resultType}, ValueRange{input, filter},
          ValueRange{init}, strides, dilations);
      rewriter.replaceOp(op, conv.getResult(0));
      return success();
    }
    // Grouped: [N, G, C/G, H, W] x [G, F, C/G, kh, kw] -> [N, G, F, OH, OW].
    auto inType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> in = inType.getShape();
    Value grouped =
        reshapeStatic(rewriter, loc, input, {in[0], w[0], w[2], in[2], in[3]});
    auto outGrouped = RankedTensorType::get({resultType.getDimSize(0), w[0],
                                             w[1], resultType.getDimSize(2),
                                             resultType.getDimSize(3)},
                                            element);
    Value init = zeroFilled(rewriter, loc, outGrouped);
    auto conv = rewriter.create<linalg::Conv2DNgchwGfchwOp>(
        loc, TypeRange{outGrouped}, ValueRange{grouped, op.getFilter()},
        ValueRange{init}, strides, dilations);
    rewriter.replaceOp(op, reshapeStatic(rewriter, loc, conv.getResult(0),
                                         resultType.getShape()));
    return success();
  }
};

struct MatMulToLinalg : public OpRewritePattern<ov::MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::MatMulOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = op.getType();
    auto aType = cast<RankedTensorType>(op.getA().getType());
    auto bType = cast<RankedTensorType>(op.getB().getType());
    if (!resultType.hasStaticShape() || !aType.hasStaticShape() ||
        !bType.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    if (!isa<FloatType>(resultType.getElementType()))
      return notLowerable(op, "integer MatMul is not lowered");
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    // 1-D operands become a row (A) or a column (B); those axes are removed
    // from the result afterwards by a reshape to the op's result type.
    Value a = op.getA(), b = op.getB();
    bool transA = op.getTransposeA(), transB = op.getTransposeB();
    if (aType.getRank() == 1) {
      a = reshapeStatic(rewriter, loc, a, {1, aType.getDimSize(0)});
      transA = false;
    }
    if (bType.getRank() == 1) {
      b = reshapeStatic(rewriter, loc, b, {bType.getDimSize(0), 1});
      transB = false;
    }
    ArrayRef<int64_t> as = cast<RankedTensorType>(a.getType()).getShape();
    ArrayRef<int64_t> bs = cast<RankedTensorType>(b.getType()).getShape();
    int64_t m = transA ? as.back() : as[as.size() - 2];
    int64_t n = transB ? bs[bs.size() - 2] : bs.back();
    FailureOr<ov::Dims> batch =
        ov::broadcastShapes(std::nullopt, as.drop_back(2), bs.drop_back(2),
                            ov::AutoBroadcast::numpy);
    if (failed(batch))
      return notLowerable(op, "batch dims do not broadcast");
    int64_t batchRank = batch->size();
    int64_t dims = batchRank + 3; // batch..., m, n, k
    AffineExpr dm = getAffineDimExpr(batchRank, context),
               dn = getAffineDimExpr(batchRank + 1, context),
               dk = getAffineDimExpr(batchRank + 2, context);
    auto operandMap = [&](ArrayRef<int64_t> shape, AffineExpr row,
                          AffineExpr col) {
      SmallVector<AffineExpr> exprs;
      int64_t own = shape.size() - 2, offset = batchRank - own;
      for (int64_t d = 0; d < own; ++d)
        exprs.push_back(shape[d] == 1 && (*batch)[d + offset] != 1
                            ? getAffineConstantExpr(0, context)
                            : getAffineDimExpr(d + offset, context));
      exprs.push_back(row);
      exprs.push_back(col);
      return AffineMap::get(dims, 0, exprs, context);
    };
    AffineMap aMap = transA ? operandMap(as, dk, dm) : operandMap(as, dm, dk);
    AffineMap bMap = transB ? operandMap(bs, dn, dk) : operandMap(bs, dk, dn);
    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < batchRank; ++d)
      outExprs.push_back(getAffineDimExpr(d, context));
    outExprs.push_back(dm);
    outExprs.push_back(dn);
    AffineMap outMap = AffineMap::get(dims, 0, outExprs, context);
    SmallVector<int64_t> outShape(*batch);
    outShape.push_back(m);
    outShape.push_back(n);
    auto outType = RankedTensorType::get(outShape, resultType.getElementType());
    Value init = zeroFilled(rewriter, loc, outType);
    SmallVector<utils::IteratorType> iterators(dims,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, outType, ValueRange{a, b}, ValueRange{init},
        ArrayRef<AffineMap>{aMap, bMap, outMap}, iterators,
        [](OpBuilder &nb, Location nl, ValueRange args) {
          Value product = nb.create<arith::MulFOp>(nl, args[0], args[1]);
          Value sum = nb.create<arith::AddFOp>(nl, args[2], product);
          nb.create<linalg::YieldOp>(nl, sum);
        });
    rewriter.replaceOp(op, reshapeStatic(rewriter, loc, generic.getResult(0),
                                         resultType.getShape()));
    return success();
  }
};
} // namespace

void ovc::conversion::populateConvolutionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConvolutionToLinalg, GroupConvolutionToLinalg, MatMulToLinalg>(
      patterns.getContext());
}
