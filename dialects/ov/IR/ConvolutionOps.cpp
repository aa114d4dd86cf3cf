//===- ConvolutionOps.cpp - convolutions and MatMul -----------------------===//

#include "dialects/ov/IR/OVOps.h"

using namespace mlir;
using namespace mlir::ov;

static bool knownDiffer(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

static int64_t mulDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) ? kDynamic
                                                              : a * b;
}

/// Shared by Convolution and GroupConvolution. `groups` is 0 for a plain
/// convolution (filter OIHW), else the filter is GOIHW.
static LogicalResult inferForwardConv(OptLoc loc, Value input, Value filter,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> padsBegin,
                                      ArrayRef<int64_t> padsEnd,
                                      ArrayRef<int64_t> dilations,
                                      AutoPad autoPad, bool grouped,
                                      SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(filter);
  if (in.size() < 3 || in.size() > 5)
    return emitOptionalError(loc,
                             "input must be 3-D to 5-D [N, C, spatial...], "
                             "got shape ",
                             formatShape(in));
  size_t expectedFilterRank = in.size() + (grouped ? 1 : 0);
  if (w.size() != expectedFilterRank)
    return emitOptionalError(loc, "filter must have rank ", expectedFilterRank,
                             " for input ", formatShape(in), ", got shape ",
                             formatShape(w));
  if (elementTypeOf(input) != elementTypeOf(filter))
    return emitOptionalError(loc, "input and filter element types differ (",
                             elementTypeOf(input), " vs ",
                             elementTypeOf(filter), ")");
  size_t spatial = in.size() - 2;
  if (failed(verifyWindowAttributes(loc, spatial, strides, dilations, padsBegin,
                                    padsEnd, std::nullopt)))
    return failure();
  int64_t outChannels, inChannels;
  ArrayRef<int64_t> kernel;
  if (grouped) {
    outChannels = mulDims(w[0], w[1]);
    inChannels = mulDims(w[0], w[2]);
    kernel = w.drop_front(3);
  } else {
    outChannels = w[0];
    inChannels = w[1];
    kernel = w.drop_front(2);
  }
  if (knownDiffer(in[1], inChannels))
    return emitOptionalError(
        loc, "input has ", in[1], " channels but the filter ", formatShape(w),
        " expects ", inChannels,
        grouped ? " (groups x input channels per group)" : "");
  for (int64_t k : kernel)
    if (!ShapedType::isDynamic(k) && k < 1)
      return emitOptionalError(
          loc, "filter has an empty kernel dim: ", formatShape(w));
  FailureOr<Dims> outSpatial =
      inferWindowedDims(loc, in.drop_front(2), kernel, strides, dilations,
                        padsBegin, padsEnd, autoPad, RoundingType::floor);
  if (failed(outSpatial))
    return failure();
  Dims out = {in[0], outChannels};
  out.append(outSpatial->begin(), outSpatial->end());
  return pushTensorType(loc, out, elementTypeOf(input), inferred);
}

LogicalResult ConvolutionOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  return inferForwardConv(loc, adaptor.getInput(), adaptor.getFilter(),
                          adaptor.getStrides(), adaptor.getPadsBegin(),
                          adaptor.getPadsEnd(), adaptor.getDilations(),
                          adaptor.getAutoPad(), /*grouped=*/false, inferred);
}

LogicalResult
GroupConvolutionOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                     SmallVectorImpl<Type> &inferred) {
  return inferForwardConv(loc, adaptor.getInput(), adaptor.getFilter(),
                          adaptor.getStrides(), adaptor.getPadsBegin(),
                          adaptor.getPadsEnd(), adaptor.getDilations(),
                          adaptor.getAutoPad(), /*grouped=*/true, inferred);
}

/// Shared by the transposed convolutions.
template <typename AdaptorT>
static LogicalResult inferBackpropConv(OptLoc loc, AdaptorT adaptor,
                                       bool grouped,
                                       SmallVectorImpl<Type> &inferred) {
  Value input = adaptor.getInput(), filter = adaptor.getFilter();
  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(filter);
  if (in.size() < 3 || in.size() > 5)
    return emitOptionalError(loc, "input must be 3-D to 5-D, got shape ",
                             formatShape(in));
  size_t expectedFilterRank = in.size() + (grouped ? 1 : 0);
  if (w.size() != expectedFilterRank)
    return emitOptionalError(loc, "filter must have rank ", expectedFilterRank,
                             ", got shape ", formatShape(w));
  if (elementTypeOf(input) != elementTypeOf(filter))
    return emitOptionalError(loc, "input and filter element types differ");
  size_t spatial = in.size() - 2;
  ArrayRef<int64_t> strides = adaptor.getStrides(),
                    dilations = adaptor.getDilations(),
                    padsBegin = adaptor.getPadsBegin(),
                    padsEnd = adaptor.getPadsEnd(),
                    outputPadding = adaptor.getOutputPadding();
  if (failed(verifyWindowAttributes(loc, spatial, strides, dilations, padsBegin,
                                    padsEnd, std::nullopt)))
    return failure();
  if (!outputPadding.empty() && outputPadding.size() != spatial)
    return emitOptionalError(loc, "'output_padding' has ", outputPadding.size(),
                             " values for ", spatial, " spatial dims");
  int64_t inChannels = grouped ? mulDims(w[0], w[1]) : w[0];
  int64_t outChannels = grouped ? mulDims(w[0], w[2]) : w[1];
  ArrayRef<int64_t> kernel = w.drop_front(grouped ? 3 : 2);
  if (knownDiffer(in[1], inChannels))
    return emitOptionalError(loc, "input has ", in[1],
                             " channels but the filter expects ", inChannels);
  Dims out = {in[0], outChannels};
  if (Value outputShape = adaptor.getOutputShape()) {
    auto values = getConstantInts(outputShape);
    if (values && values->size() != spatial)
      return emitOptionalError(loc, "output_shape has ", values->size(),
                               " values for ", spatial, " spatial dims");
    for (size_t i = 0; i < spatial; ++i)
      out.push_back(values ? (*values)[i] : kDynamic);
    return pushTensorType(loc, out, elementTypeOf(input), inferred);
  }
  bool explicitPads = adaptor.getAutoPad() == AutoPad::explicit_;
  for (size_t i = 0; i < spatial; ++i) {
    if (ShapedType::isDynamic(in[i + 2]) || ShapedType::isDynamic(kernel[i])) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t dk = (kernel[i] - 1) * dilations[i] + 1;
    int64_t pads = explicitPads ? padsBegin[i] + padsEnd[i] : 0;
    int64_t extra = outputPadding.empty() ? 0 : outputPadding[i];
    int64_t o = strides[i] * (in[i + 2] - 1) + dk - pads + extra;
    if (o < 1)
      return emitOptionalError(loc, "output size ", o, " on spatial axis ", i,
                               " is not positive");
    out.push_back(o);
  }
  return pushTensorType(loc, out, elementTypeOf(input), inferred);
}

LogicalResult
ConvolutionBackpropDataOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferBackpropConv(loc, adaptor, /*grouped=*/false, inferred);
}

LogicalResult GroupConvolutionBackpropDataOp::inferReturnTypes(
    MLIRContext *, OptLoc loc, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return inferBackpropConv(loc, adaptor, /*grouped=*/true, inferred);
}

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, OptLoc loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Value a = adaptor.getA(), b = adaptor.getB();
  if (elementTypeOf(a) != elementTypeOf(b))
    return emitOptionalError(loc, "operands have different element types (",
                             elementTypeOf(a), " and ", elementTypeOf(b), ")");
  Dims sa(shapeOf(a)), sb(shapeOf(b));
  if (sa.empty() || sb.empty())
    return emitOptionalError(loc, "MatMul operands must have rank >= 1");
  bool vecA = sa.size() == 1, vecB = sb.size() == 1;
  if (vecA)
    sa.insert(sa.begin(), 1);
  else if (adaptor.getTransposeA())
    std::swap(sa[sa.size() - 1], sa[sa.size() - 2]);
  if (vecB)
    sb.push_back(1);
  else if (adaptor.getTransposeB())
    std::swap(sb[sb.size() - 1], sb[sb.size() - 2]);
  int64_t m = sa[sa.size() - 2], ka = sa.back();
  int64_t kb = sb[sb.size() - 2], n = sb.back();
  if (knownDiffer(ka, kb))
    return emitOptionalError(
        loc, "inner dimensions differ: ", formatShape(shapeOf(a)),
        adaptor.getTransposeA() ? "^T" : "", " x ", formatShape(shapeOf(b)),
        adaptor.getTransposeB() ? "^T" : "", " (", ka, " vs ", kb, ")");
  FailureOr<Dims> batch =
      broadcastShapes(loc, ArrayRef<int64_t>(sa).drop_back(2),
                      ArrayRef<int64_t>(sb).drop_back(2), AutoBroadcast::numpy);
  if (failed(batch))
    return failure();
  Dims out = *batch;
  if (!vecA)
    out.push_back(m);
  if (!vecB)
    out.push_back(n);
  return pushTensorType(loc, out, elementTypeOf(a), inferred);
}
