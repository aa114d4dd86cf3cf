//===- DataMovementOps.cpp - shape and data-movement ops ------------------===//

#include "dialects/ov/IR/ConstantFolding.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/IR/DialectResourceBlobManager.h"

#include <cmath>

using namespace mlir;
using namespace mlir::ov;

static bool isDyn(int64_t d) { return ShapedType::isDynamic(d); }

/// Product of dims, kDynamic if any is dynamic.
static int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims) {
    if (isDyn(d))
      return kDynamic;
    p *= d;
  }
  return p;
}

/// Requires a 1-D (or scalar) shape-like operand with a static length.
static FailureOr<int64_t> staticLength(OptLoc loc, Value value,
                                       StringRef name) {
  ArrayRef<int64_t> shape = shapeOf(value);
  if (shape.size() > 1) {
    (void)emitOptionalError(loc, "'", name, "' must be 0-D or 1-D, got shape ",
                            formatShape(shape));
    return failure();
  }
  int64_t length = shape.empty() ? 1 : shape[0];
  if (isDyn(length)) {
    (void)emitOptionalError(loc, "'", name,
                            "' must have a static length (dynamic ranks are "
                            "not supported)");
    return failure();
  }
  return length;
}

/// Reshapes a constant without copying: dense attrs are reshaped, resource
/// blobs get a new type over the same blob.
static Attribute reshapeConstant(Attribute attr, Type resultType) {
  auto type = dyn_cast<RankedTensorType>(resultType);
  if (!attr || !type || !type.hasStaticShape())
    return nullptr;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return dense.reshape(type);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr))
    return DenseResourceElementsAttr::get(type, resource.getRawHandle());
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Concat / Split / VariadicSplit
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitOptionalError(loc, "Concat needs at least one input");
  Dims out(shapeOf(inputs[0]));
  Type element = elementTypeOf(inputs[0]);
  FailureOr<int64_t> axis =
      normalizeAxis(loc, adaptor.getAxis(), out.size(), "concat axis");
  if (failed(axis))
    return failure();
  for (auto [index, input] : llvm::enumerate(inputs.drop_front())) {
    ArrayRef<int64_t> shape = shapeOf(input);
    if (elementTypeOf(input) != element)
      return emitOptionalError(loc, "input ", index + 1, " has element type ",
                               elementTypeOf(input), ", expected ", element);
    if (shape.size() != out.size())
      return emitOptionalError(loc, "input ", index + 1, " has rank ",
                               shape.size(), ", expected ", out.size());
    for (size_t d = 0; d < shape.size(); ++d) {
      if (int64_t(d) == *axis) {
        out[d] =
            isDyn(out[d]) || isDyn(shape[d]) ? kDynamic : out[d] + shape[d];
      } else if (!isDyn(out[d]) && !isDyn(shape[d]) && out[d] != shape[d]) {
        return emitOptionalError(loc, "input ", index + 1, " has shape ",
                                 formatShape(shape), " which differs from ",
                                 formatShape(shapeOf(inputs[0])),
                                 " outside the concat axis ", *axis);
      } else if (isDyn(out[d])) {
        out[d] = shape[d];
      }
    }
  }
  return pushTensorType(loc, out, element, inferred);
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  if (!isFoldableResultType(getType()))
    return nullptr;
  SmallVector<DenseElementsAttr> inputs;
  for (Attribute attr : adaptor.getInputs()) {
    DenseElementsAttr dense = getFoldableConstant(attr);
    if (!dense)
      return nullptr;
    inputs.push_back(dense);
  }
  ArrayRef<int64_t> outShape = getType().getShape();
  int64_t axis = getAxis() < 0 ? getAxis() + outShape.size() : getAxis();
  int64_t outer = product(outShape.take_front(axis));
  int64_t inner = product(outShape.drop_front(axis + 1));
  bool isInt = getType().getElementType().isIntOrIndex();
  SmallVector<APInt> ints;
  SmallVector<APFloat> floats;
  SmallVector<SmallVector<APInt>> srcInts;
  SmallVector<SmallVector<APFloat>> srcFloats;
  for (DenseElementsAttr in : inputs) {
    if (isInt)
      srcInts.emplace_back(in.getValues<APInt>());
    else
      srcFloats.emplace_back(in.getValues<APFloat>());
  }
  for (int64_t o = 0; o < outer; ++o) {
    for (auto [i, in] : llvm::enumerate(inputs)) {
      int64_t chunk =
          cast<RankedTensorType>(in.getType()).getDimSize(axis) * inner;
      for (int64_t j = 0; j < chunk; ++j) {
        if (isInt)
          ints.push_back(srcInts[i][o * chunk + j]);
        else
          floats.push_back(srcFloats[i][o * chunk + j]);
      }
    }
  }
  return isInt ? DenseElementsAttr::get(getType(), ints)
               : DenseElementsAttr::get(getType(), floats);
}

static FailureOr<int64_t> constantAxis(OptLoc loc, Value axis, int64_t rank,
                                       StringRef what) {
  auto values = getConstantInts(axis);
  if (!values || values->size() != 1) {
    (void)emitOptionalError(loc, what, " axis must be a constant scalar");
    return failure();
  }
  return normalizeAxis(loc, (*values)[0], rank, what);
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  Dims shape(shapeOf(adaptor.getInput()));
  FailureOr<int64_t> axis =
      constantAxis(loc, adaptor.getAxis(), shape.size(), "Split");
  if (failed(axis))
    return failure();
  int64_t parts = adaptor.getNumSplits();
  if (parts < 1)
    return emitOptionalError(loc, "num_splits must be >= 1, got ", parts);
  if (!isDyn(shape[*axis])) {
    if (shape[*axis] % parts != 0)
      return emitOptionalError(loc, "dim ", *axis, " of size ", shape[*axis],
                               " does not split evenly into ", parts, " parts");
    shape[*axis] /= parts;
  }
  for (int64_t i = 0; i < parts; ++i)
    if (failed(pushTensorType(loc, shape, elementTypeOf(adaptor.getInput()),
                              inferred)))
      return failure();
  return success();
}

LogicalResult
VariadicSplitOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                  SmallVectorImpl<Type> &inferred) {
  Dims shape(shapeOf(adaptor.getInput()));
  FailureOr<int64_t> axis =
      constantAxis(loc, adaptor.getAxis(), shape.size(), "VariadicSplit");
  if (failed(axis))
    return failure();
  auto lengths = getConstantInts(adaptor.getSplitLengths());
  if (!lengths)
    return emitOptionalError(loc, "split_lengths must be constant");
  int64_t dim = shape[*axis], known = 0, inferredIndex = -1;
  for (auto [i, length] : llvm::enumerate(*lengths)) {
    if (length == -1) {
      if (inferredIndex != -1)
        return emitOptionalError(loc, "split_lengths has more than one -1");
      inferredIndex = i;
    } else if (length < 0) {
      return emitOptionalError(loc, "split length ", length, " is negative");
    } else {
      known += length;
    }
  }
  if (!isDyn(dim) && (inferredIndex == -1 ? known != dim : known > dim))
    return emitOptionalError(loc, "split_lengths sum to ", known, " but dim ",
                             *axis, " has size ", dim);
  for (auto [i, length] : llvm::enumerate(*lengths)) {
    shape[*axis] = int64_t(i) == inferredIndex
                       ? (isDyn(dim) ? kDynamic : dim - known)
                       : length;
    if (failed(pushTensorType(loc, shape, elementTypeOf(adaptor.getInput()),
                              inferred)))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Reshape / Squeeze / Unsqueeze
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  FailureOr<int64_t> rank = staticLength(loc, adaptor.getShape(), "shape");
  if (failed(rank))
    return failure();
  Type element = elementTypeOf(adaptor.getInput());
  auto target = getPartialShapeValues(adaptor.getShape());
  if (!target || int64_t(target->size()) != *rank)
    return pushTensorType(loc, Dims(*rank, kDynamic), element, inferred);
  Dims out;
  int64_t minusOne = -1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (isDyn(d)) {
      out.push_back(kDynamic); // an entry only known at run time
    } else if (d == 0 && adaptor.getSpecialZero()) {
      if (i >= in.size())
        return emitOptionalError(loc, "special_zero copies dim ", i,
                                 " but the input ", formatShape(in),
                                 " has only ", in.size(), " dims");
      out.push_back(in[i]);
    } else if (d == -1) {
      if (minusOne != -1)
        return emitOptionalError(loc, "target shape ", formatShape(*target),
                                 " has more than one -1");
      minusOne = i;
      out.push_back(kDynamic);
    } else if (d < 0) {
      return emitOptionalError(loc, "target shape has invalid dim ", d);
    } else {
      out.push_back(d);
    }
  }
  int64_t inElements = product(in);
  int64_t known = 1;
  bool knownDynamic = false;
  for (auto [i, d] : llvm::enumerate(out)) {
    if (int64_t(i) == minusOne)
      continue;
    if (isDyn(d)) {
      knownDynamic = true;
    } else if (d > kMaxElements || __builtin_mul_overflow(known, d, &known) ||
               known > kMaxElements) {
      return emitOptionalError(loc, "target shape ", formatShape(*target),
                               " has more than 2^40 elements");
    }
  }
  if (minusOne != -1) {
    if (!isDyn(inElements) && !knownDynamic) {
      if (known == 0 || inElements % known != 0)
        return emitOptionalError(loc, "cannot reshape ", formatShape(in), " (",
                                 inElements, " elements) to ",
                                 formatShape(*target));
      out[minusOne] = inElements / known;
    }
  } else if (!isDyn(inElements) && !knownDynamic && inElements != known) {
    return emitOptionalError(loc, "cannot reshape ", formatShape(in), " (",
                             inElements, " elements) to ", formatShape(out),
                             " (", known, " elements)");
  }
  return pushTensorType(loc, out, element, inferred);
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return reshapeConstant(adaptor.getInput(), getType());
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  Type element = elementTypeOf(adaptor.getInput());
  Dims out;
  if (!adaptor.getAxes()) {
    for (int64_t d : in)
      if (d != 1)
        out.push_back(d);
    return pushTensorType(loc, out, element, inferred);
  }
  auto axes = getConstantInts(adaptor.getAxes());
  if (!axes)
    return emitOptionalError(loc, "Squeeze axes must be constant");
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(loc, *axes, in.size(), "squeeze axis");
  if (failed(normalized))
    return failure();
  for (auto [i, d] : llvm::enumerate(in)) {
    // A listed dim that is not 1 is kept (OpenVINO 2024.3+); a listed
    // dynamic dim is assumed to be 1, as Squeeze-1 does.
    bool listed = llvm::is_contained(*normalized, int64_t(i));
    if (listed && (d == 1 || isDyn(d)))
      continue;
    out.push_back(d);
  }
  return pushTensorType(loc, out, element, inferred);
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return reshapeConstant(adaptor.getInput(), getType());
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  auto axes = getConstantInts(adaptor.getAxes());
  if (!axes)
    return emitOptionalError(loc, "Unsqueeze axes must be constant");
  int64_t outRank = in.size() + axes->size();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(loc, *axes, outRank, "unsqueeze axis");
  if (failed(normalized))
    return failure();
  Dims out;
  size_t next = 0;
  for (int64_t i = 0; i < outRank; ++i)
    out.push_back(llvm::is_contained(*normalized, i) ? 1 : in[next++]);
  return pushTensorType(loc, out, elementTypeOf(adaptor.getInput()), inferred);
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  return reshapeConstant(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

/// The permutation of a Transpose: constant `order`, or reversed axes when
/// `order` is empty.
static std::optional<SmallVector<int64_t>> transposeOrder(Value order,
                                                          int64_t rank) {
  auto values = getConstantInts(order);
  if (values && values->empty())
    return llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank)));
  return values;
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  Type element = elementTypeOf(adaptor.getInput());
  auto order = transposeOrder(adaptor.getOrder(), in.size());
  if (!order)
    return pushTensorType(loc, Dims(in.size(), kDynamic), element, inferred);
  if (order->size() != in.size())
    return emitOptionalError(loc, "order ", formatShape(*order), " has ",
                             order->size(), " entries for rank ", in.size());
  SmallVector<bool> seen(in.size(), false);
  Dims out;
  for (int64_t axis : *order) {
    if (axis < 0 || axis >= int64_t(in.size()) || seen[axis])
      return emitOptionalError(loc, "order ", formatShape(*order),
                               " is not a permutation of 0..", in.size() - 1);
    seen[axis] = true;
    out.push_back(in[axis]);
  }
  return pushTensorType(loc, out, element, inferred);
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input || !isFoldableResultType(getType()))
    return nullptr;
  ArrayRef<int64_t> inShape = getInput().getType().getShape();
  auto order = transposeOrder(getOrder(), inShape.size());
  if (!order)
    return nullptr;
  if (input.isSplat())
    return input.reshape(getType());
  SmallVector<int64_t> inStrides = computeStrides(inShape);
  SmallVector<int64_t> outStrides = computeStrides(getType().getShape());
  ArrayRef<int64_t> outShape = getType().getShape();
  return gatherElements(input, getType(), [&](int64_t flat) {
    int64_t index = 0;
    for (size_t d = 0; d < outShape.size(); ++d)
      index += ((flat / outStrides[d]) % outShape[d]) * inStrides[(*order)[d]];
    return index;
  });
}

//===----------------------------------------------------------------------===//
// Gather
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> data = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> indices = shapeOf(adaptor.getIndices());
  FailureOr<int64_t> axis =
      constantAxis(loc, adaptor.getAxis(), data.size(), "Gather");
  if (failed(axis))
    return failure();
  int64_t batchDims = adaptor.getBatchDims();
  if (batchDims < 0)
    batchDims += indices.size();
  if (batchDims < 0 || batchDims > int64_t(indices.size()) || batchDims > *axis)
    return emitOptionalError(loc, "batch_dims ", adaptor.getBatchDims(),
                             " must be in [0, min(axis, indices rank)]");
  Dims out(data.take_front(*axis));
  out.append(indices.begin() + batchDims, indices.end());
  out.append(data.begin() + *axis + 1, data.end());
  return pushTensorType(loc, out, elementTypeOf(adaptor.getInput()), inferred);
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr data = getFoldableConstant(adaptor.getInput());
  auto indices = getConstantInts(getIndices());
  if (!data || !indices || getBatchDims() != 0 ||
      !isFoldableResultType(getType()))
    return nullptr;
  ArrayRef<int64_t> shape = getInput().getType().getShape();
  auto axisValue = getConstantInts(getAxis());
  int64_t axis =
      (*axisValue)[0] < 0 ? (*axisValue)[0] + shape.size() : (*axisValue)[0];
  int64_t dim = shape[axis];
  int64_t inner = product(shape.drop_front(axis + 1));
  int64_t count = indices->size();
  for (int64_t &index : *indices) {
    if (index < 0)
      index += dim;
    if (index < 0 || index >= dim)
      return nullptr; // Gather-8 yields zeros there; leave it to run time.
  }
  return gatherElements(data, getType(), [&](int64_t flat) {
    int64_t innerIndex = flat % inner;
    int64_t k = (flat / inner) % count;
    int64_t outerIndex = flat / (inner * count);
    return (outerIndex * dim + (*indices)[k]) * inner + innerIndex;
  });
}

//===----------------------------------------------------------------------===//
// StridedSlice / Slice
//===----------------------------------------------------------------------===//

/// Python slicing of one axis of size `dim`: start and length after clamping.
static std::pair<int64_t, int64_t> clampSlice(int64_t dim, int64_t begin,
                                              int64_t end, int64_t stride,
                                              bool ignoreBegin,
                                              bool ignoreEnd) {
  if (stride > 0) {
    int64_t b = ignoreBegin ? 0 : (begin < 0 ? begin + dim : begin);
    int64_t e = ignoreEnd ? dim : (end < 0 ? end + dim : end);
    b = std::clamp<int64_t>(b, 0, dim);
    e = std::clamp<int64_t>(e, 0, dim);
    return {b, e > b ? (e - b + stride - 1) / stride : 0};
  }
  int64_t b = ignoreBegin ? dim - 1 : (begin < 0 ? begin + dim : begin);
  int64_t e = ignoreEnd ? -1 : (end < 0 ? end + dim : end);
  b = std::clamp<int64_t>(b, -1, dim - 1);
  e = std::clamp<int64_t>(e, -1, dim - 1);
  return {b, b > e ? (b - e + (-stride) - 1) / (-stride) : 0};
}

static FailureOr<SlicePlan> planStridedSlice(
    OptLoc loc, ArrayRef<int64_t> in, int64_t entries,
    std::optional<SmallVector<int64_t>> begin,
    std::optional<SmallVector<int64_t>> end,
    std::optional<SmallVector<int64_t>> stride, ArrayRef<int64_t> beginMask,
    ArrayRef<int64_t> endMask, ArrayRef<int64_t> newAxisMask,
    ArrayRef<int64_t> shrinkAxisMask, ArrayRef<int64_t> ellipsisMask) {
  auto bit = [](ArrayRef<int64_t> mask, int64_t i) {
    return i < int64_t(mask.size()) && mask[i] != 0;
  };
  if ((begin && int64_t(begin->size()) != entries) ||
      (end && int64_t(end->size()) != entries) ||
      (stride && int64_t(stride->size()) != entries)) {
    (void)emitOptionalError(loc, "begin, end and stride must have the same "
                                 "length");
    return failure();
  }
  int64_t ellipses = 0;
  for (int64_t i = 0; i < entries; ++i)
    ellipses += bit(ellipsisMask, i);
  if (ellipses > 1) {
    (void)emitOptionalError(loc, "ellipsis_mask has more than one bit set");
    return failure();
  }
  SlicePlan plan;
  int64_t rank = in.size(), axis = 0;
  for (int64_t i = 0; i < entries; ++i) {
    if (bit(newAxisMask, i)) {
      plan.dims.push_back({-1, 0, 1, 1});
      continue;
    }
    if (bit(ellipsisMask, i)) {
      int64_t consumedAfter = 0;
      for (int64_t j = i + 1; j < entries; ++j)
        consumedAfter += !bit(newAxisMask, j);
      int64_t covered = rank - axis - consumedAfter;
      if (covered < 0) {
        (void)emitOptionalError(loc,
                                "slice has more entries than the input "
                                "rank ",
                                rank);
        return failure();
      }
      for (int64_t k = 0; k < covered; ++k, ++axis)
        plan.dims.push_back({axis, 0, 1, in[axis]});
      continue;
    }
    if (axis >= rank) {
      (void)emitOptionalError(loc,
                              "slice has more entries than the input "
                              "rank ",
                              rank);
      return failure();
    }
    int64_t dim = in[axis];
    int64_t s = stride ? (*stride)[i] : 1;
    if (s == 0) {
      (void)emitOptionalError(loc, "stride ", i, " is 0");
      return failure();
    }
    if (bit(shrinkAxisMask, i)) {
      int64_t index = begin ? (*begin)[i] : 0;
      if (begin && !isDyn(dim)) {
        if (index < 0)
          index += dim;
        if (index < 0 || index >= dim) {
          (void)emitOptionalError(loc, "shrink_axis index ", (*begin)[i],
                                  " is out of range for dim ", axis,
                                  " of size ", dim);
          return failure();
        }
      }
      plan.shrunk.push_back({axis, index});
      ++axis;
      continue;
    }
    bool ignoreBegin = bit(beginMask, i), ignoreEnd = bit(endMask, i);
    if (isDyn(dim) || (!ignoreBegin && !begin) || (!ignoreEnd && !end) ||
        !stride) {
      bool whole = ignoreBegin && ignoreEnd && stride && s == 1;
      plan.dims.push_back({axis, 0, s, whole ? dim : kDynamic});
      ++axis;
      continue;
    }
    auto [start, length] =
        clampSlice(dim, begin ? (*begin)[i] : 0, end ? (*end)[i] : 0, s,
                   ignoreBegin, ignoreEnd);
    plan.dims.push_back({axis, start, s, length});
    ++axis;
  }
  for (; axis < rank; ++axis)
    plan.dims.push_back({axis, 0, 1, in[axis]});
  return plan;
}

static FailureOr<SlicePlan> planStridedSlice(OptLoc loc,
                                             StridedSliceOp::Adaptor adaptor) {
  FailureOr<int64_t> entries = staticLength(loc, adaptor.getBegin(), "begin");
  if (failed(entries))
    return failure();
  std::optional<SmallVector<int64_t>> stride =
      adaptor.getStride() ? getConstantInts(adaptor.getStride())
                          : std::optional(SmallVector<int64_t>(*entries, 1));
  return planStridedSlice(loc, shapeOf(adaptor.getInput()), *entries,
                          getConstantInts(adaptor.getBegin()),
                          getConstantInts(adaptor.getEnd()), stride,
                          adaptor.getBeginMask(), adaptor.getEndMask(),
                          adaptor.getNewAxisMask(), adaptor.getShrinkAxisMask(),
                          adaptor.getEllipsisMask());
}

LogicalResult
StridedSliceOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  FailureOr<SlicePlan> plan = planStridedSlice(loc, adaptor);
  if (failed(plan))
    return failure();
  Dims out;
  for (const SliceDim &dim : plan->dims)
    out.push_back(dim.length);
  return pushTensorType(loc, out, elementTypeOf(adaptor.getInput()), inferred);
}

/// Folds a planned slice of a small constant.
static Attribute foldSlice(DenseElementsAttr input, RankedTensorType inType,
                           RankedTensorType outType, const SlicePlan &plan) {
  if (!input || !isFoldableResultType(outType) || !inType.hasStaticShape())
    return nullptr;
  SmallVector<int64_t> inStrides = computeStrides(inType.getShape());
  SmallVector<int64_t> outStrides = computeStrides(outType.getShape());
  int64_t base = 0;
  for (const ShrunkAxis &s : plan.shrunk)
    base += s.index * inStrides[s.inputAxis];
  return gatherElements(input, outType, [&](int64_t flat) {
    int64_t index = base;
    for (auto [d, dim] : llvm::enumerate(plan.dims)) {
      int64_t coord = (flat / outStrides[d]) % outType.getDimSize(d);
      if (dim.inputAxis >= 0)
        index += (dim.start + coord * dim.stride) * inStrides[dim.inputAxis];
    }
    return index;
  });
}

OpFoldResult StridedSliceOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input)
    return nullptr;
  FailureOr<SlicePlan> plan = getSlicePlan();
  if (failed(plan))
    return nullptr;
  return foldSlice(input, getInput().getType(), getType(), *plan);
}

FailureOr<SlicePlan> StridedSliceOp::getSlicePlan() {
  Adaptor self(getOperands(), (*this)->getAttrDictionary());
  return planStridedSlice(std::nullopt, self);
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  FailureOr<int64_t> entries = staticLength(loc, adaptor.getStart(), "start");
  if (failed(entries))
    return failure();
  auto start = getConstantInts(adaptor.getStart());
  auto stop = getConstantInts(adaptor.getStop());
  auto step = getConstantInts(adaptor.getStep());
  std::optional<SmallVector<int64_t>> axes =
      adaptor.getAxes()
          ? getConstantInts(adaptor.getAxes())
          : std::optional(llvm::to_vector(llvm::seq<int64_t>(0, *entries)));
  Dims out(in);
  if (!axes) {
    // Unknown axes: any dim may change.
    return pushTensorType(loc, Dims(in.size(), kDynamic),
                          elementTypeOf(adaptor.getInput()), inferred);
  }
  if (int64_t(axes->size()) != *entries ||
      (stop && int64_t(stop->size()) != *entries) ||
      (step && int64_t(step->size()) != *entries))
    return emitOptionalError(loc, "start, stop, step and axes must have the "
                                  "same length");
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(loc, *axes, in.size(), "slice axis");
  if (failed(normalized))
    return failure();
  for (int64_t i = 0; i < *entries; ++i) {
    int64_t axis = (*axes)[i] < 0 ? (*axes)[i] + in.size() : (*axes)[i];
    if (step && (*step)[i] == 0)
      return emitOptionalError(loc, "Slice step ", i, " is 0");
    if (!start || !stop || !step || isDyn(in[axis])) {
      out[axis] = kDynamic;
      continue;
    }
    out[axis] =
        clampSlice(in[axis], (*start)[i], (*stop)[i], (*step)[i], false, false)
            .second;
  }
  return pushTensorType(loc, out, elementTypeOf(adaptor.getInput()), inferred);
}

//===----------------------------------------------------------------------===//
// Broadcast / Tile / Pad
//===----------------------------------------------------------------------===//

LogicalResult BroadcastOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  Type element = elementTypeOf(adaptor.getInput());
  FailureOr<int64_t> length =
      staticLength(loc, adaptor.getTargetShape(), "target_shape");
  if (failed(length))
    return failure();
  auto target = getConstantInts(adaptor.getTargetShape());
  BroadcastMode mode = adaptor.getMode();
  if (!target) {
    int64_t rank = mode == BroadcastMode::bidirectional
                       ? std::max<int64_t>(*length, in.size())
                       : *length;
    return pushTensorType(loc, Dims(rank, kDynamic), element, inferred);
  }
  for (int64_t d : *target)
    if (d < 0)
      return emitOptionalError(loc, "target_shape has a negative dim ", d);
  switch (mode) {
  case BroadcastMode::bidirectional: {
    FailureOr<Dims> out =
        broadcastShapes(loc, in, *target, AutoBroadcast::numpy);
    if (failed(out))
      return failure();
    return pushTensorType(loc, *out, element, inferred);
  }
  case BroadcastMode::explicit_: {
    if (!adaptor.getAxesMapping())
      return emitOptionalError(loc, "explicit Broadcast needs axes_mapping");
    auto mapping = getConstantInts(adaptor.getAxesMapping());
    if (!mapping)
      return emitOptionalError(loc, "axes_mapping must be constant");
    if (mapping->size() != in.size())
      return emitOptionalError(loc, "axes_mapping has ", mapping->size(),
                               " entries for input rank ", in.size());
    for (auto [i, axis] : llvm::enumerate(*mapping)) {
      if (axis < 0 || axis >= int64_t(target->size()) ||
          (i > 0 && axis <= (*mapping)[i - 1]))
        return emitOptionalError(loc, "axes_mapping ", formatShape(*mapping),
                                 " must be increasing and within the target "
                                 "rank");
      if (!isDyn(in[i]) && in[i] != 1 && in[i] != (*target)[axis])
        return emitOptionalError(loc, "input dim ", i, " of size ", in[i],
                                 " cannot broadcast to ", (*target)[axis]);
    }
    return pushTensorType(loc, *target, element, inferred);
  }
  case BroadcastMode::numpy:
  case BroadcastMode::pdpd: {
    if (in.size() > target->size())
      return emitOptionalError(loc, "input ", formatShape(in),
                               " has a higher rank than target ",
                               formatShape(*target));
    size_t offset = target->size() - in.size();
    for (size_t i = 0; i < in.size(); ++i)
      if (!isDyn(in[i]) && in[i] != 1 && in[i] != (*target)[i + offset])
        return emitOptionalError(loc, "input ", formatShape(in),
                                 " does not broadcast to ",
                                 formatShape(*target));
    return pushTensorType(loc, *target, element, inferred);
  }
  }
  return failure();
}

LogicalResult TileOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  FailureOr<int64_t> length =
      staticLength(loc, adaptor.getRepeats(), "repeats");
  if (failed(length))
    return failure();
  int64_t rank = std::max<int64_t>(in.size(), *length);
  auto repeats = getConstantInts(adaptor.getRepeats());
  Dims out;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = i < rank - int64_t(in.size()) ? 1 : in[i - (rank - in.size())];
    if (!repeats) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t r = i < rank - *length ? 1 : (*repeats)[i - (rank - *length)];
    if (r < 0)
      return emitOptionalError(loc, "repeats has a negative value ", r);
    if (!isDyn(d) && d > 0 && r > kMaxElements / d)
      return emitOptionalError(loc, "Tile result is too large");
    out.push_back(isDyn(d) ? kDynamic : d * r);
  }
  return pushTensorType(loc, out, elementTypeOf(adaptor.getInput()), inferred);
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  Type element = elementTypeOf(adaptor.getInput());
  if (Value padValue = adaptor.getPadValue()) {
    if (failed(checkScalar(loc, padValue)))
      return failure();
    if (elementTypeOf(padValue) != element)
      return emitOptionalError(loc, "pad_value must have the input element "
                                    "type");
  }
  auto begin = getConstantInts(adaptor.getPadsBegin());
  auto end = getConstantInts(adaptor.getPadsEnd());
  if (!begin || !end)
    return pushTensorType(loc, Dims(in.size(), kDynamic), element, inferred);
  if (begin->size() != in.size() || end->size() != in.size())
    return emitOptionalError(loc, "pads_begin and pads_end need ", in.size(),
                             " values, got ", begin->size(), " and ",
                             end->size());
  PadMode mode = adaptor.getPadMode();
  Dims out;
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t b = (*begin)[i], e = (*end)[i];
    if (isDyn(in[i])) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t limit = mode == PadMode::reflect     ? in[i] - 1
                    : mode == PadMode::symmetric ? in[i]
                                                 : kMaxElements;
    if (b > limit || e > limit)
      return emitOptionalError(loc, stringifyPadMode(mode), " padding of ",
                               std::max(b, e), " exceeds ", limit, " on axis ",
                               i);
    out.push_back(std::max<int64_t>(b + in[i] + e, 0));
  }
  return pushTensorType(loc, out, element, inferred);
}

//===----------------------------------------------------------------------===//
// TopK / Interpolate / DepthToSpace / SpaceToDepth
//===----------------------------------------------------------------------===//

LogicalResult TopKOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Dims shape(shapeOf(adaptor.getInput()));
  FailureOr<int64_t> axis =
      normalizeAxis(loc, adaptor.getAxis(), shape.size(), "TopK axis");
  if (failed(axis))
    return failure();
  if (failed(checkScalar(loc, adaptor.getK())))
    return failure();
  Type indexType = adaptor.getIndexElementType();
  if (!indexType.isInteger(32) && !indexType.isInteger(64))
    return emitOptionalError(loc, "index_element_type must be i32 or i64");
  if (auto k = getConstantInts(adaptor.getK())) {
    if ((*k)[0] < 0)
      return emitOptionalError(loc, "k must be >= 0, got ", (*k)[0]);
    shape[*axis] =
        isDyn(shape[*axis]) ? (*k)[0] : std::min(shape[*axis], (*k)[0]);
  } else {
    shape[*axis] = kDynamic;
  }
  if (failed(pushTensorType(loc, shape, elementTypeOf(adaptor.getInput()),
                            inferred)))
    return failure();
  return pushTensorType(loc, shape, indexType, inferred);
}

LogicalResult InterpolateOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  int64_t rank = in.size();
  ArrayRef<int64_t> padsBegin = adaptor.getPadsBegin(),
                    padsEnd = adaptor.getPadsEnd();
  if (int64_t(padsBegin.size()) > rank || int64_t(padsEnd.size()) > rank)
    return emitOptionalError(loc,
                             "pads_begin/pads_end have more entries than "
                             "the input rank ",
                             rank);
  Dims padded;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t b = i < int64_t(padsBegin.size()) ? padsBegin[i] : 0;
    int64_t e = i < int64_t(padsEnd.size()) ? padsEnd[i] : 0;
    padded.push_back(isDyn(in[i]) ? kDynamic : in[i] + b + e);
  }
  SmallVector<int64_t> axes;
  if (adaptor.getAxes()) {
    auto values = getConstantInts(adaptor.getAxes());
    if (!values)
      return emitOptionalError(loc, "Interpolate axes must be constant");
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(loc, *values, rank, "interpolate axis");
    if (failed(normalized))
      return failure();
    // Keep the given order: sizes/scales are matched to axes positionally.
    for (int64_t axis : *values)
      axes.push_back(axis < 0 ? axis + rank : axis);
  } else {
    axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  }
  bool bySizes = adaptor.getShapeCalculationMode() == ShapeCalcMode::sizes;
  Value target = adaptor.getTarget();
  if (bySizes != isa<IntegerType>(elementTypeOf(target)))
    return emitOptionalError(
        loc, bySizes ? "sizes mode needs integer sizes"
                     : "scales mode needs floating-point scales");
  FailureOr<int64_t> length = staticLength(loc, target, "sizes/scales");
  if (failed(length))
    return failure();
  if (*length != int64_t(axes.size()))
    return emitOptionalError(loc, bySizes ? "sizes" : "scales", " has ",
                             *length, " values for ", axes.size(), " axes");
  Dims out = padded;
  auto values = getConstantFloats(target);
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (!values) {
      out[axis] = kDynamic;
      continue;
    }
    double v = (*values)[i];
    if (bySizes) {
      if (v < 0)
        return emitOptionalError(loc, "negative target size ", v);
      out[axis] = int64_t(v);
    } else {
      if (!(v > 0) || !std::isfinite(v))
        return emitOptionalError(loc, "scale must be positive, got ", v);
      // OpenVINO adds 1e-5 before flooring so that 1/3 * 3 gives 1.
      out[axis] =
          isDyn(padded[axis])
              ? kDynamic
              : int64_t(std::floor(float(padded[axis]) * float(v) + 1.0e-5f));
    }
  }
  return pushTensorType(loc, out, elementTypeOf(adaptor.getInput()), inferred);
}

static LogicalResult inferBlockRearrange(OptLoc loc, Value input,
                                         int64_t blockSize, bool toSpace,
                                         SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(input);
  if (in.size() < 3)
    return emitOptionalError(loc, "input must have rank >= 3 [N, C, spatial]");
  if (blockSize < 1)
    return emitOptionalError(loc, "block_size must be >= 1, got ", blockSize);
  int64_t spatial = in.size() - 2;
  int64_t factor = 1;
  for (int64_t i = 0; i < spatial; ++i)
    factor *= blockSize;
  Dims out(in);
  if (toSpace) {
    if (!isDyn(in[1]) && in[1] % factor != 0)
      return emitOptionalError(loc, "channels ", in[1],
                               " are not divisible by block_size^", spatial);
    out[1] = isDyn(in[1]) ? kDynamic : in[1] / factor;
    for (int64_t i = 2; i < int64_t(in.size()); ++i)
      out[i] = isDyn(in[i]) ? kDynamic : in[i] * blockSize;
  } else {
    for (int64_t i = 2; i < int64_t(in.size()); ++i) {
      if (!isDyn(in[i]) && in[i] % blockSize != 0)
        return emitOptionalError(loc, "spatial dim ", in[i],
                                 " is not divisible by block_size ", blockSize);
      out[i] = isDyn(in[i]) ? kDynamic : in[i] / blockSize;
    }
    out[1] = isDyn(in[1]) ? kDynamic : in[1] * factor;
  }
  return pushTensorType(loc, out, elementTypeOf(input), inferred);
}

LogicalResult
DepthToSpaceOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  return inferBlockRearrange(loc, adaptor.getInput(), adaptor.getBlockSize(),
                             /*toSpace=*/true, inferred);
}

LogicalResult
SpaceToDepthOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  return inferBlockRearrange(loc, adaptor.getInput(), adaptor.getBlockSize(),
                             /*toSpace=*/false, inferred);
}
