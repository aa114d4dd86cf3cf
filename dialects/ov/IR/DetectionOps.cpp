//===- DetectionOps.cpp - SSD detection ops -------------------------------===//

#include "dialects/ov/IR/OVOps.h"

#include <cmath>
#include <set>

using namespace mlir;
using namespace mlir::ov;

static bool isDyn(int64_t d) { return ShapedType::isDynamic(d); }

/// [2, 4 * H * W * priors] from a constant output_size [H, W].
static LogicalResult inferPriorBoxShape(OptLoc loc, Value outputSize,
                                        Value imageSize, int64_t numPriors,
                                        Type element,
                                        SmallVectorImpl<Type> &inferred) {
  if (shapeOf(outputSize).size() != 1 || shapeOf(imageSize).size() != 1)
    return emitOptionalError(loc, "output_size and image_size must be 1-D");
  if (numPriors < 1)
    return emitOptionalError(loc, "the attributes give no prior boxes");
  auto size = getConstantInts(outputSize);
  if (!size)
    return pushTensorType(loc, {2, kDynamic}, element, inferred);
  if (size->size() != 2)
    return emitOptionalError(loc, "output_size must hold [height, width]");
  int64_t h = (*size)[0], w = (*size)[1];
  if (h < 1 || w < 1)
    return emitOptionalError(loc, "output_size must be positive, got [", h, ",",
                             w, "]");
  if (h > kMaxElements / w / numPriors / 4)
    return emitOptionalError(loc, "PriorBox output is too large");
  return pushTensorType(loc, {2, 4 * h * w * numPriors}, element, inferred);
}

static SmallVector<double> normalizeAspectRatios(ArrayRef<double> ratios,
                                                 bool flip) {
  // OpenVINO rounds ratios to 6 decimals and keeps each once, 1 included.
  std::set<double> unique;
  auto round6 = [](double v) { return std::round(v * 1e6) / 1e6; };
  unique.insert(1.0);
  for (double ratio : ratios) {
    if (ratio <= 0)
      continue;
    unique.insert(round6(ratio));
    if (flip)
      unique.insert(round6(1.0 / ratio));
  }
  return SmallVector<double>(unique.begin(), unique.end());
}

SmallVector<double> PriorBoxOp::getNormalizedAspectRatios() {
  return normalizeAspectRatios(getAspectRatio(), getFlip());
}

static int64_t countPriors(ArrayRef<double> aspectRatios, bool flip,
                           bool scaleAllSizes, size_t minSizes, size_t maxSizes,
                           size_t fixedSizes, ArrayRef<double> fixedRatios,
                           ArrayRef<double> densities) {
  int64_t ratios = normalizeAspectRatios(aspectRatios, flip).size();
  int64_t priors = scaleAllSizes ? ratios * minSizes + maxSizes
                                 : ratios + int64_t(minSizes) - 1;
  if (fixedSizes > 0)
    priors = ratios * fixedSizes;
  for (double density : densities) {
    int64_t d = int64_t(density);
    int64_t extra = d * d - 1;
    priors +=
        (fixedRatios.empty() ? ratios : int64_t(fixedRatios.size())) * extra;
  }
  return priors;
}

int64_t PriorBoxOp::getNumPriors() {
  return countPriors(getAspectRatio(), getFlip(), getScaleAllSizes(),
                     getMinSize().size(), getMaxSize().size(),
                     getFixedSize().size(), getFixedRatio(), getDensity());
}

LogicalResult PriorBoxOp::inferReturnTypes(MLIRContext *context, OptLoc loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  for (double v : adaptor.getMinSize())
    if (!(v > 0))
      return emitOptionalError(loc, "min_size values must be positive");
  for (double v : adaptor.getVariance())
    if (!(v > 0))
      return emitOptionalError(loc, "variance values must be positive");
  size_t variances = adaptor.getVariance().size();
  if (variances != 0 && variances != 1 && variances != 4)
    return emitOptionalError(loc, "variance must have 0, 1 or 4 values, got ",
                             variances);
  int64_t priors =
      countPriors(adaptor.getAspectRatio(), adaptor.getFlip(),
                  adaptor.getScaleAllSizes(), adaptor.getMinSize().size(),
                  adaptor.getMaxSize().size(), adaptor.getFixedSize().size(),
                  adaptor.getFixedRatio(), adaptor.getDensity());
  return inferPriorBoxShape(loc, adaptor.getOutputSize(),
                            adaptor.getImageSize(), priors,
                            Float32Type::get(context), inferred);
}

LogicalResult
PriorBoxClusteredOp::inferReturnTypes(MLIRContext *context, OptLoc loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  if (adaptor.getWidth().size() != adaptor.getHeight().size())
    return emitOptionalError(loc, "width has ", adaptor.getWidth().size(),
                             " values but height has ",
                             adaptor.getHeight().size());
  return inferPriorBoxShape(loc, adaptor.getOutputSize(),
                            adaptor.getImageSize(), adaptor.getWidth().size(),
                            Float32Type::get(context), inferred);
}

LogicalResult PriorBoxClusteredOp::verify() {
  size_t variances = getVariance().size();
  if (variances != 0 && variances != 1 && variances != 4)
    return emitOpError("variance must have 0, 1 or 4 values, got ")
           << variances;
  return success();
}

LogicalResult
DetectionOutputOp::inferReturnTypes(MLIRContext *, OptLoc loc, Adaptor adaptor,
                                    SmallVectorImpl<Type> &inferred) {
  ArrayRef<int64_t> boxes = shapeOf(adaptor.getBoxLogits());
  ArrayRef<int64_t> scores = shapeOf(adaptor.getClassPreds());
  ArrayRef<int64_t> priors = shapeOf(adaptor.getProposals());
  if (boxes.size() != 2 || scores.size() != 2 || priors.size() != 3)
    return emitOptionalError(
        loc,
        "expects box_logits [N, P*4*L], class_preds [N, P*C] and "
        "proposals [1|N, 1|2, P*S], got ",
        formatShape(boxes), ", ", formatShape(scores), ", ",
        formatShape(priors));
  if (bool(adaptor.getAuxClassPreds()) != bool(adaptor.getAuxBoxPreds()))
    return emitOptionalError(loc, "the two ARM inputs come together");
  ArrayRef<int64_t> keepTopK = adaptor.getKeepTopK();
  if (keepTopK.empty())
    return emitOptionalError(loc, "keep_top_k must have a value");
  double nms = adaptor.getNmsThreshold().convertToDouble();
  if (!(nms >= 0 && nms <= 1))
    return emitOptionalError(loc, "nms_threshold must be in [0, 1], got ", nms);
  int64_t priorSize = adaptor.getNormalized() ? 4 : 5;
  int64_t numPriors = kDynamic;
  if (!isDyn(priors[2])) {
    if (priors[2] % priorSize != 0)
      return emitOptionalError(loc, "proposals last dim ", priors[2],
                               " is not a multiple of the prior size ",
                               priorSize);
    numPriors = priors[2] / priorSize;
  }
  if (!isDyn(priors[1]) && priors[1] != 1 && priors[1] != 2)
    return emitOptionalError(loc, "proposals dim 1 must be 1 or 2, got ",
                             priors[1]);
  int64_t numClasses = kDynamic;
  if (auto attr = adaptor.getNumClasses()) {
    numClasses = int64_t(*attr);
    if (numClasses < 1)
      return emitOptionalError(loc, "num_classes must be >= 1");
  } else if (!isDyn(scores[1]) && !isDyn(numPriors) && numPriors > 0) {
    if (scores[1] % numPriors != 0)
      return emitOptionalError(loc, "class_preds dim ", scores[1],
                               " is not a multiple of the ", numPriors,
                               " priors");
    numClasses = scores[1] / numPriors;
  }
  if (!isDyn(numClasses) && !isDyn(numPriors) && !isDyn(scores[1]) &&
      scores[1] != numPriors * numClasses)
    return emitOptionalError(loc, "class_preds has ", scores[1],
                             " values per image, expected ", numPriors,
                             " priors x ", numClasses, " classes");
  int64_t locClasses = adaptor.getShareLocation() ? 1 : numClasses;
  if (!isDyn(locClasses) && !isDyn(numPriors) && !isDyn(boxes[1]) &&
      boxes[1] != numPriors * locClasses * 4)
    return emitOptionalError(loc, "box_logits has ", boxes[1],
                             " values per image, expected ",
                             numPriors * locClasses * 4);
  int64_t batch = boxes[0];
  int64_t rows = kDynamic;
  if (keepTopK[0] > 0)
    rows = isDyn(batch) ? kDynamic : batch * keepTopK[0];
  else if (int64_t topK = adaptor.getTopK(); topK > 0)
    rows = isDyn(batch) || isDyn(numClasses) ? kDynamic
                                             : batch * topK * numClasses;
  else
    rows = isDyn(batch) || isDyn(numClasses) || isDyn(numPriors)
               ? kDynamic
               : batch * numClasses * numPriors;
  return pushTensorType(loc, {1, 1, rows, 7},
                        elementTypeOf(adaptor.getBoxLogits()), inferred);
}
