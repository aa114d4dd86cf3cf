//===- LinalgBuilders.h - helpers shared by the ov lowerings ----*- C++ -*-===//

#ifndef OVC_COMPILER_CONVERSION_OVTOLINALG_LINALGBUILDERS_H
#define OVC_COMPILER_CONVERSION_OVTOLINALG_LINALGBUILDERS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace ovc::conversion {

using BodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// A linalg.generic computing `body(inputs...)` per element of
/// `resultType`, each input numpy-broadcast to the result shape (right
/// aligned; size-1 dims read element 0).
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::RankedTensorType resultType,
                             mlir::ValueRange inputs, BodyBuilder body);

/// A tensor of `type` filled with `value`.
mlir::Value buildFilled(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type, mlir::TypedAttr value);

/// A scalar float constant of `type`.
mlir::Value floatConstant(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Type type, double value);

/// Pads the spatial dims (2..) of an NC... tensor by `low`/`high` with
/// `padValue`; returns `input` when all pads are zero.
mlir::Value padSpatial(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<int64_t> low,
                       llvm::ArrayRef<int64_t> high, mlir::TypedAttr padValue);

/// Reshapes a static tensor to `shape` (same element count) with
/// tensor.collapse_shape/expand_shape through rank 1.
mlir::Value reshapeStatic(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value input, llvm::ArrayRef<int64_t> shape);

/// Reports an op that cannot be lowered, naming its IR layer.
mlir::LogicalResult notLowerable(mlir::Operation *op, const llvm::Twine &why);

} // namespace ovc::conversion

namespace ovc::conversion {
void populateElementwiseToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateConvolutionToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateReductionToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateShapeToTensorPatterns(mlir::RewritePatternSet &patterns);
void populateInterpolateToLinalgPatterns(mlir::RewritePatternSet &patterns);
} // namespace ovc::conversion

#endif // OVC_COMPILER_CONVERSION_OVTOLINALG_LINALGBUILDERS_H
