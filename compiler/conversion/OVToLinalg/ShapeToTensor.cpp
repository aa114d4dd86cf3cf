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
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

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

/// Offsets, sizes and strides of a unit-stride slice of static `shape`
/// that starts at `start` along `axis` and at 0 elsewhere.
struct SliceBounds {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};
SliceBounds sliceAlong(OpBuilder &b, ArrayRef<int64_t> shape, int64_t axis,
                       int64_t start) {
  SliceBounds bounds;
  for (auto [d, size] : llvm::enumerate(shape)) {
    bounds.offsets.push_back(b.getIndexAttr(int64_t(d) == axis ? start : 0));
    bounds.sizes.push_back(b.getIndexAttr(size));
    bounds.strides.push_back(b.getIndexAttr(1));
  }
  return bounds;
}

/// Writes `inputs` one after another along `axis` into a new tensor.
/// The destination is an alloc_tensor, not a tensor.empty: CSE merges equal
/// empties, and two Concats of one shape then share one buffer, whose
/// earlier contents keep the later Concat's inputs from being computed
/// straight into it (-ovc-produce-into-slices).
Value concatenate(OpBuilder &b, Location loc, RankedTensorType type,
                  ValueRange inputs, int64_t axis) {
  Value result =
      b.create<bufferization::AllocTensorOp>(loc, type, ValueRange{});
  int64_t offset = 0;
  for (Value input : inputs) {
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(input.getType()).getShape();
    SliceBounds at = sliceAlong(b, shape, axis, offset);
    result = b.create<tensor::InsertSliceOp>(loc, input, result, at.offsets,
                                             at.sizes, at.strides);
    offset += shape[axis];
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

/// StridedSlice with constant bounds and positive strides: one
/// extract_slice per the op's own slice plan (masks and clamping resolved),
/// then a reshape for the new and shrunk axes.
struct StridedSliceToTensor : public OpRewritePattern<ov::StridedSliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::StridedSliceOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = op.getInput().getType();
    auto type = op.getType();
    if (llvm::any_of(op.getEllipsisMask(), [](int64_t v) { return v; }))
      return notLowerable(op, "ellipsis_mask is not lowered yet");
    FailureOr<ov::SlicePlan> plan = op.getSlicePlan();
    if (!inType.hasStaticShape() || !type.hasStaticShape() || failed(plan))
      return notLowerable(op, "slice bounds and shapes must be static");
    // Whole axes unless the plan slices or shrinks them.
    int64_t rank = inType.getRank();
    SmallVector<int64_t> offsets(rank, 0), sizes(inType.getShape()),
        strides(rank, 1);
    for (const ov::SliceDim &dim : plan->dims) {
      if (dim.inputAxis < 0)
        continue;
      if (ShapedType::isDynamic(dim.length))
        return notLowerable(op, "slice bounds and shapes must be static");
      if (dim.stride <= 0)
        return notLowerable(op, "negative strides are not lowered yet");
      offsets[dim.inputAxis] = dim.start;
      sizes[dim.inputAxis] = dim.length;
      strides[dim.inputAxis] = dim.stride;
    }
    for (const ov::ShrunkAxis &shrunk : plan->shrunk) {
      offsets[shrunk.inputAxis] = shrunk.index;
      sizes[shrunk.inputAxis] = 1;
    }
    auto slicedType = RankedTensorType::get(sizes, type.getElementType());
    Value slice = rewriter.create<tensor::ExtractSliceOp>(
        op.getLoc(), slicedType, op.getInput(),
        getAsIndexOpFoldResult(rewriter.getContext(), offsets),
        getAsIndexOpFoldResult(rewriter.getContext(), sizes),
        getAsIndexOpFoldResult(rewriter.getContext(), strides));
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
      SmallVector<int64_t> shape(inType.getShape());
      shape[axis] = 1;
      SliceBounds at = sliceAlong(rewriter, shape, axis, index);
      pieces.push_back(rewriter.create<tensor::ExtractSliceOp>(
          loc, RankedTensorType::get(shape, inType.getElementType()),
          op.getInput(), at.offsets, at.sizes, at.strides));
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
