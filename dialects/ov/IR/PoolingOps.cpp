//===- PoolingOps.cpp - pooling and reductions ----------------------------===//

#include "dialects/ov/IR/ConstantFolding.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ov;

static FailureOr<Dims>
inferPool(OptLoc loc, Value input, ArrayRef<int64_t> strides,
          ArrayRef<int64_t> padsBegin, ArrayRef<int64_t> padsEnd,
          ArrayRef<int64_t> kernel, ArrayRef<int64_t> dilations,
          AutoPad autoPad, RoundingType rounding) {
  ArrayRef<int64_t> in = shapeOf(input);
  if (in.size() < 3 || in.size() > 5) {
    (void)emitOptionalError(loc,
                            "input must be 3-D to 5-D [N, C, spatial...], "
                            "got shape ",
                            formatShape(in));
    return failure();
  }
  size_t spatial = in.size() - 2;
  if (failed(verifyWindowAttributes(loc, spatial, strides, dilations, padsBegin,
                                    padsEnd, kernel)))
    return failure();
  FailureOr<Dims> outSpatial =
      inferWindowedDims(loc, in.drop_front(2), kernel, strides, dilations,
                        padsBegin, padsEnd, autoPad, rounding);
  if (failed(outSpatial))
    return failure();
  Dims out = {in[0], in[1]};
  out.append(outSpatial->begin(), outSpatial->end());
  return out;
}

/// The pooled values' type, shared by the pooling ops.
template <typename AdaptorT>
static LogicalResult inferPoolValues(OptLoc loc, AdaptorT adaptor,
                                     SmallVectorImpl<Type> &inferred) {
  FailureOr<Dims> out = inferPool(
      loc, adaptor.getInput(), adaptor.getStrides(), adaptor.getPadsBegin(),
      adaptor.getPadsEnd(), adaptor.getKernel(), adaptor.getDilations(),
      adaptor.getAutoPad(), adaptor.getRoundingType());
  if (failed(out))
    return failure();
  return pushTensorType(loc, *out, elementTypeOf(adaptor.getInput()), inferred);
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPoolValues(loc, adaptor, inferred);
}

LogicalResult
MaxPoolWithIndicesOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Type indexType = adaptor.getIndexElementType();
  if (!indexType.isInteger(32) && !indexType.isInteger(64))
    return emitOptionalError(loc, "index_element_type must be i32 or i64, got ",
                             indexType);
  int64_t rank = shapeOf(adaptor.getInput()).size();
  if (failed(normalizeAxis(loc, adaptor.getAxis(), rank, "MaxPool axis")))
    return failure();
  if (failed(inferPoolValues(loc, adaptor, inferred)))
    return failure();
  // The indices have the values' shape.
  return pushTensorType(loc, cast<RankedTensorType>(inferred.back()).getShape(),
                        indexType, inferred);
}

namespace {
/// MaxPool-8 whose indices are unused is a plain max pool.
struct DropUnusedMaxPoolIndices
    : public OpRewritePattern<MaxPoolWithIndicesOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPoolWithIndicesOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getIndices().use_empty())
      return failure();
    auto pool = rewriter.create<MaxPoolOp>(
        op.getLoc(), op.getOutput().getType(), op.getInput(),
        op.getStridesAttr(), op.getPadsBeginAttr(), op.getPadsEndAttr(),
        op.getKernelAttr(), op.getDilationsAttr(), op.getRoundingTypeAttr(),
        op.getAutoPadAttr());
    rewriter.replaceAllUsesWith(op.getOutput(), pool.getOutput());
    rewriter.eraseOp(op);
    return success();
  }
};
} // namespace

void MaxPoolWithIndicesOp::getCanonicalizationPatterns(
    RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<DropUnusedMaxPoolIndices>(context);
}

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPoolValues(loc, adaptor, inferred);
}

/// ReduceProd folds for shape arithmetic (the element count of a shape).
OpFoldResult ReduceProdOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input || !input.getElementType().isInteger(64) ||
      !isFoldableResultType(getType()) || getType().getNumElements() != 1 ||
      cast<RankedTensorType>(input.getType()).getRank() > 1)
    return nullptr;
  APInt product(64, 1);
  for (const APInt &v : input.getValues<APInt>())
    product *= v;
  return DenseElementsAttr::get(getType(), product);
}
