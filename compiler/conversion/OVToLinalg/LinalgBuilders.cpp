//===- LinalgBuilders.cpp - helpers shared by the ov lowerings ------------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;
using namespace ovc::conversion;

Value ovc::conversion::buildElementwise(OpBuilder &b, Location loc,
                                        RankedTensorType resultType,
                                        ValueRange inputs, BodyBuilder body) {
  int64_t rank = resultType.getRank();
  MLIRContext *context = b.getContext();
  SmallVector<AffineMap> maps;
  for (Value input : inputs) {
    auto type = cast<RankedTensorType>(input.getType());
    SmallVector<AffineExpr> exprs;
    int64_t offset = rank - type.getRank();
    for (int64_t d = 0; d < type.getRank(); ++d) {
      bool broadcast =
          type.getDimSize(d) == 1 && resultType.getDimSize(d + offset) != 1;
      exprs.push_back(broadcast ? getAffineConstantExpr(0, context)
                                : getAffineDimExpr(d + offset, context));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, context));
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value init = b.create<tensor::EmptyOp>(loc, resultType.getShape(),
                                         resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, resultType, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return generic.getResult(0);
}

Value ovc::conversion::buildFilled(OpBuilder &b, Location loc,
                                   RankedTensorType type, TypedAttr value) {
  Value init =
      b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  Value scalar = b.create<arith::ConstantOp>(loc, value);
  return b.create<linalg::FillOp>(loc, scalar, init).getResult(0);
}

Value ovc::conversion::floatConstant(OpBuilder &b, Location loc, Type type,
                                     double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

Value ovc::conversion::padSpatial(OpBuilder &b, Location loc, Value input,
                                  ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                                  TypedAttr padValue) {
  if (llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(high, [](int64_t v) { return v == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> lo(2, 0), hi(2, 0), shape(type.getShape());
  lo.append(low.begin(), low.end());
  hi.append(high.begin(), high.end());
  for (size_t i = 0; i < low.size(); ++i)
    shape[i + 2] += low[i] + high[i];
  auto padded = RankedTensorType::get(shape, type.getElementType());
  Value pad = b.create<arith::ConstantOp>(loc, padValue);
  SmallVector<OpFoldResult> loAttrs, hiAttrs;
  for (int64_t v : lo)
    loAttrs.push_back(b.getIndexAttr(v));
  for (int64_t v : hi)
    hiAttrs.push_back(b.getIndexAttr(v));
  return b.create<tensor::PadOp>(loc, padded, input, loAttrs, hiAttrs, pad);
}

Value ovc::conversion::reshapeStatic(OpBuilder &b, Location loc, Value input,
                                     ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type.getShape() == shape)
    return input;
  auto target = RankedTensorType::get(shape, type.getElementType());
  // A scalar becomes a tensor of ones directly.
  if (type.getRank() == 0)
    return b.create<tensor::ExpandShapeOp>(loc, target, input,
                                           ArrayRef<ReassociationIndices>{});
  // Through rank 1: collapse everything, then expand to the target.
  Value flat = input;
  if (type.getRank() != 1) {
    SmallVector<ReassociationIndices> all(1);
    for (int64_t i = 0; i < type.getRank(); ++i)
      all[0].push_back(i);
    flat = b.create<tensor::CollapseShapeOp>(loc, input, all);
  }
  if (target.getRank() == 1)
    return flat;
  if (target.getRank() == 0) {
    return b.create<tensor::CollapseShapeOp>(loc, target, flat,
                                             ArrayRef<ReassociationIndices>{});
  }
  SmallVector<ReassociationIndices> all(1);
  for (int64_t i = 0; i < target.getRank(); ++i)
    all[0].push_back(i);
  return b.create<tensor::ExpandShapeOp>(loc, target, flat, all);
}

LogicalResult ovc::conversion::notLowerable(Operation *op,
                                            const llvm::Twine &why) {
  return op->emitError() << "cannot compile this layer yet: " << why;
}
