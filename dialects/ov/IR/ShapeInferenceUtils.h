//===- ShapeInferenceUtils.h - OpenVINO shape rules -------------*- C++ -*-===//
//
// Shared pieces of OpenVINO's shape inference: broadcasting, axis
// normalization, windowed (conv/pool) output sizes, and access to constant
// operand values. Every function reports a violated rule through an optional
// location, so the same code serves the verifier (which emits) and the
// importer's pre-creation checks.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_DIALECTS_OV_IR_SHAPEINFERENCEUTILS_H
#define OVC_DIALECTS_OV_IR_SHAPEINFERENCEUTILS_H

#include "dialects/ov/IR/OVDialect.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::ov {

using Dims = llvm::SmallVector<int64_t, 6>;
using OptLoc = std::optional<Location>;
constexpr int64_t kDynamic = ShapedType::kDynamic;

/// The largest tensor the compiler accepts: 2^40 elements. Keeps every size
/// computation (element count times element bytes) far from int64 overflow.
constexpr int64_t kMaxElements = int64_t(1) << 40;

/// True when `declared` and `inferred` can describe the same tensor: same
/// element types and ranks, and equal dims wherever both are static.
bool areCompatibleResultTypes(TypeRange inferred, TypeRange declared);

/// The integer values of a constant operand (an op with the ConstantLike trait
/// holding a dense integer attribute), or nullopt when not a constant.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(Value value);
/// The values of a shape-like 1-D (or 0-D) integer tensor as far as they are
/// known: constants, ShapeOf of a partially dynamic tensor, and Concat,
/// Gather, Convert, Squeeze/Unsqueeze/Reshape of those. Unknown entries are
/// kDynamic. This is OpenVINO's partial value propagation, which turns
/// Reshape(x, Concat(Gather(ShapeOf(x), 0), 32)) into [?, 32] for a dynamic
/// batch. nullopt when nothing is known (not even the length).
std::optional<llvm::SmallVector<int64_t>> getPartialShapeValues(Value value);
/// Same for a floating-point or integer constant, as doubles.
std::optional<llvm::SmallVector<double>> getConstantFloats(Value value);

/// Builds a ranked tensor type, rejecting negative or oversized dims.
LogicalResult pushTensorType(OptLoc loc, ArrayRef<int64_t> dims,
                             Type elementType,
                             llvm::SmallVectorImpl<Type> &results);

/// Maps `axis` in [-rank, rank) to [0, rank).
FailureOr<int64_t> normalizeAxis(OptLoc loc, int64_t axis, int64_t rank,
                                 StringRef what);

/// Numpy (right-aligned) or PDPD broadcasting of two shapes.
FailureOr<Dims> broadcastShapes(OptLoc loc, ArrayRef<int64_t> lhs,
                                ArrayRef<int64_t> rhs, AutoBroadcast mode,
                                int64_t pdpdAxis = -1);

/// Pads actually applied on one spatial axis after resolving auto_pad.
struct ResolvedPads {
  Dims begin;
  Dims end;
};

/// Resolves auto_pad for a windowed op. Explicit pads are taken as given,
/// `valid` gives zeros, same_upper/same_lower follow OpenVINO's formula
/// (extra pad at the end / beginning). Dynamic input dims give zero pads.
ResolvedPads resolvePads(ArrayRef<int64_t> inputSpatial,
                         ArrayRef<int64_t> kernelSpatial,
                         ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                         ArrayRef<int64_t> padsBegin, ArrayRef<int64_t> padsEnd,
                         AutoPad autoPad);

/// Padding beyond `pads.end` that the last output window reaches, per
/// spatial axis: what ceil rounding of a pooling op's output size adds at
/// the end (zero with floor rounding).
Dims extraEndPadding(ArrayRef<int64_t> inputSpatial,
                     ArrayRef<int64_t> outputSpatial,
                     ArrayRef<int64_t> kernelSpatial, ArrayRef<int64_t> strides,
                     ArrayRef<int64_t> dilations, const ResolvedPads &pads);

/// Checks the attribute arrays of a windowed op: one entry per spatial
/// axis, strides/dilations/kernel >= 1, pads >= 0.
LogicalResult verifyWindowAttributes(OptLoc loc, size_t spatialRank,
                                     ArrayRef<int64_t> strides,
                                     ArrayRef<int64_t> dilations,
                                     ArrayRef<int64_t> padsBegin,
                                     ArrayRef<int64_t> padsEnd,
                                     std::optional<ArrayRef<int64_t>> kernel);

/// Output sizes of a conv/pool window over each spatial axis.
FailureOr<Dims> inferWindowedDims(OptLoc loc, ArrayRef<int64_t> inputSpatial,
                                  ArrayRef<int64_t> kernelSpatial,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> dilations,
                                  ArrayRef<int64_t> padsBegin,
                                  ArrayRef<int64_t> padsEnd, AutoPad autoPad,
                                  RoundingType rounding);

/// How one output dim of a StridedSlice reads its input: `inputAxis` -1 is
/// a new axis; a dynamic `length` means unknown.
struct SliceDim {
  int64_t inputAxis;
  int64_t start;
  int64_t stride;
  int64_t length;
};
/// A shrunk (removed) input axis reading one fixed index.
struct ShrunkAxis {
  int64_t inputAxis;
  int64_t index;
};
/// A StridedSlice resolved against its input shape (masks, ellipsis and
/// Python clamping applied): what shape inference, folding and lowering use.
struct SlicePlan {
  llvm::SmallVector<SliceDim> dims;
  llvm::SmallVector<ShrunkAxis> shrunk;
};

/// Shared result inference of the element-wise binary ops.
LogicalResult inferBinaryElementwise(OptLoc loc, Value lhs, Value rhs,
                                     AutoBroadcast mode, bool comparison,
                                     llvm::SmallVectorImpl<Type> &results);

/// Shared result inference of the Reduce* ops.
LogicalResult inferReduction(OptLoc loc, Value input, Value axes, bool keepDims,
                             llvm::SmallVectorImpl<Type> &results);

/// Normalized, sorted, unique reduction axes; error on duplicates/out of
/// range.
FailureOr<llvm::SmallVector<int64_t>>
normalizeAxes(OptLoc loc, ArrayRef<int64_t> axes, int64_t rank, StringRef what);

inline ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}
inline Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

/// Renders a shape as OpenVINO does in messages: [1,3,?,224].
std::string formatShape(ArrayRef<int64_t> dims);

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_IR_SHAPEINFERENCEUTILS_H

namespace mlir::ov {
/// Requires `value` to hold exactly one element (rank 0 or all dims 1).
LogicalResult checkScalar(OptLoc loc, Value value);
} // namespace mlir::ov
