//===- ShapeToTensor.cpp - constants and data movement to tensor ops ------===//
//
// Reshape, Squeeze and Unsqueeze become collapse/expand_shape (views after
// bufferization); Transpose is linalg.transpose; Concat inserts slices into
// one destination; StridedSlice with positive strides and Gather with
// constant indices become extract_slice (+ concat).
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

struct ConstantToArith : public OpRewritePattern<ov::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value)
      return notLowerable(op, "unsupported constant storage");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

template <typename OpTy>
struct ReshapeToTensor : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    if (!type.hasStaticShape() ||
        !cast<RankedTensorType>(op.getInput().getType()).hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    rewriter.replaceOp(op, reshapeStatic(rewriter, op.getLoc(), op.getInput(),
                                         type.getShape()));
    return success();
  }
};

struct TransposeToLinalg : public OpRewritePattern<ov::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    if (!type.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    auto order = ov::getConstantInts(op.getOrder());
    if (!order)
      return notLowerable(op, "the permutation must be constant");
    if (order->empty())
      for (int64_t i = type.getRank() - 1; i >= 0; --i)
        order->push_back(i);
    Value init = rewriter.create<tensor::EmptyOp>(op.getLoc(), type.getShape(),
                                                  type.getElementType());
    auto transpose = rewriter.create<linalg::TransposeOp>(
        op.getLoc(), op.getInput(), init, *order);
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

/// Writes `inputs` one after another along `axis` into a new tensor.
Value concatenate(OpBuilder &b, Location loc, RankedTensorType type,
                  ValueRange inputs, int64_t axis) {
  Value result =
      b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  int64_t offset = 0;
  for (Value input : inputs) {
    auto inType = cast<RankedTensorType>(input.getType());
    SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes, strides(type.getRank(), b.getIndexAttr(1));
    for (int64_t d : inType.getShape())
      sizes.push_back(b.getIndexAttr(d));
    offsets[axis] = b.getIndexAttr(offset);
    result = b.create<tensor::InsertSliceOp>(loc, input, result, offsets, sizes,
                                             strides);
    offset += inType.getDimSize(axis);
  }
  return result;
}

struct ConcatToTensor : public OpRewritePattern<ov::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    if (!type.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    int64_t axis = int64_t(op.getAxis());
    if (axis < 0)
      axis += type.getRank();
    rewriter.replaceOp(
        op, concatenate(rewriter, op.getLoc(), type, op.getInputs(), axis));
    return success();
  }
};

/// StridedSlice with constant bounds: the planned per-dim (start, stride,
/// length) are recomputed from the static shapes by comparing input and
/// result, using the op's verifier-checked semantics.
struct StridedSliceToTensor : public OpRewritePattern<ov::StridedSliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::StridedSliceOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = op.getInput().getType();
    auto type = op.getType();
    auto begin = ov::getConstantInts(op.getBegin());
    auto end = ov::getConstantInts(op.getEnd());
    std::optional<SmallVector<int64_t>> stride =
        op.getStride()
            ? ov::getConstantInts(op.getStride())
            : std::optional(SmallVector<int64_t>(begin ? begin->size() : 0, 1));
    if (!inType.hasStaticShape() || !type.hasStaticShape() || !begin || !end ||
        !stride)
      return notLowerable(op, "slice bounds and shapes must be static");
    auto bit = [](ArrayRef<int64_t> mask, size_t i) {
      return i < mask.size() && mask[i] != 0;
    };
    if (llvm::any_of(op.getEllipsisMask(), [](int64_t v) { return v; }))
      return notLowerable(op, "ellipsis_mask is not lowered yet");
    // Per input axis: offset, size and stride of the slice.
    int64_t rank = inType.getRank();
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<int64_t> slicedShape;
    size_t axis = 0;
    for (size_t i = 0; i < begin->size(); ++i) {
      if (bit(op.getNewAxisMask(), i))
        continue;
      if (axis >= size_t(rank))
        break;
      int64_t dim = inType.getDimSize(axis);
      int64_t s = (*stride)[i];
      if (s <= 0)
        return notLowerable(op, "negative strides are not lowered yet");
      int64_t b = bit(op.getBeginMask(), i) ? 0 : (*begin)[i];
      if (b < 0)
        b += dim;
      b = std::clamp<int64_t>(b, 0, dim);
      int64_t length;
      if (bit(op.getShrinkAxisMask(), i)) {
        length = 1;
      } else {
        int64_t e = bit(op.getEndMask(), i) ? dim : (*end)[i];
        if (e < 0)
          e += dim;
        e = std::clamp<int64_t>(e, 0, dim);
        length = e > b ? (e - b + s - 1) / s : 0;
      }
      offsets.push_back(rewriter.getIndexAttr(b));
      sizes.push_back(rewriter.getIndexAttr(length));
      strides.push_back(rewriter.getIndexAttr(s));
      slicedShape.push_back(length);
      ++axis;
    }
    for (; axis < size_t(rank); ++axis) {
      offsets.push_back(rewriter.getIndexAttr(0));
      sizes.push_back(rewriter.getIndexAttr(inType.getDimSize(axis)));
      strides.push_back(rewriter.getIndexAttr(1));
      slicedShape.push_back(inType.getDimSize(axis));
    }
    auto slicedType = RankedTensorType::get(slicedShape, type.getElementType());
    Value slice = rewriter.create<tensor::ExtractSliceOp>(
        op.getLoc(), slicedType, op.getInput(), offsets, sizes, strides);
    // New and shrunk axes only change the shape.
    rewriter.replaceOp(
        op, reshapeStatic(rewriter, op.getLoc(), slice, type.getShape()));
    return success();
  }
};

struct GatherToTensor : public OpRewritePattern<ov::GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::GatherOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = op.getInput().getType();
    auto type = op.getType();
    auto indices = ov::getConstantInts(op.getIndices());
    auto axisValue = ov::getConstantInts(op.getAxis());
    if (!inType.hasStaticShape() || !type.hasStaticShape() || !indices ||
        !axisValue || op.getBatchDims() != 0 || indices->size() > 1024)
      return notLowerable(op, "only Gather with constant indices is lowered");
    int64_t axis = (*axisValue)[0];
    if (axis < 0)
      axis += inType.getRank();
    int64_t dim = inType.getDimSize(axis);
    Location loc = op.getLoc();
    SmallVector<Value> pieces;
    for (int64_t index : *indices) {
      if (index < 0)
        index += dim;
      if (index < 0 || index >= dim)
        return notLowerable(op, "out-of-range constant index");
      SmallVector<OpFoldResult> offsets(inType.getRank(),
                                        rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes,
          strides(inType.getRank(), rewriter.getIndexAttr(1));
      SmallVector<int64_t> shape(inType.getShape());
      shape[axis] = 1;
      for (int64_t d : shape)
        sizes.push_back(rewriter.getIndexAttr(d));
      offsets[axis] = rewriter.getIndexAttr(index);
      pieces.push_back(rewriter.create<tensor::ExtractSliceOp>(
          loc, RankedTensorType::get(shape, inType.getElementType()),
          op.getInput(), offsets, sizes, strides));
    }
    SmallVector<int64_t> joined(inType.getShape());
    joined[axis] = indices->size();
    auto joinedType = RankedTensorType::get(joined, inType.getElementType());
    Value result = pieces.size() == 1
                       ? pieces[0]
                       : concatenate(rewriter, loc, joinedType, pieces, axis);
    rewriter.replaceOp(op,
                       reshapeStatic(rewriter, loc, result, type.getShape()));
    return success();
  }
};
} // namespace

void ovc::conversion::populateShapeToTensorPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, ReshapeToTensor<ov::ReshapeOp>,
               ReshapeToTensor<ov::SqueezeOp>, ReshapeToTensor<ov::UnsqueezeOp>,
               TransposeToLinalg, ConcatToTensor, StridedSliceToTensor,
               GatherToTensor>(patterns.getContext());
}
