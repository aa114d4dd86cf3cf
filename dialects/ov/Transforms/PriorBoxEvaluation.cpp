//===- PriorBoxEvaluation.cpp - SSD prior boxes at compile time -----------===//

#include "dialects/ov/Transforms/PriorBoxEvaluation.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::ov;

namespace {
struct Sizes {
  int64_t layerH, layerW, imageH, imageW;
};

std::optional<Sizes> readSizes(Value outputSize, Value imageSize,
                               int64_t expectedElements, Type resultType) {
  auto layer = getConstantInts(outputSize);
  auto image = getConstantInts(imageSize);
  auto type = cast<RankedTensorType>(resultType);
  if (!layer || !image || layer->size() != 2 || image->size() != 2 ||
      !type.hasStaticShape() || type.getNumElements() != expectedElements)
    return std::nullopt;
  Sizes s{(*layer)[0], (*layer)[1], (*image)[0], (*image)[1]};
  if (s.layerH < 1 || s.layerW < 1 || s.imageH < 1 || s.imageW < 1)
    return std::nullopt;
  return s;
}

/// Writes the variance half of the output: one value for all four
/// coordinates, or four values repeated per box.
void fillVariances(std::vector<float> &out, size_t boxes,
                   ArrayRef<double> variance) {
  size_t half = boxes * 4;
  for (size_t i = 0; i < boxes; ++i)
    for (size_t j = 0; j < 4; ++j)
      out[half + i * 4 + j] = variance.empty()       ? 0.1f
                              : variance.size() == 1 ? float(variance[0])
                                                     : float(variance[j]);
}
} // namespace

std::optional<std::vector<float>>
mlir::ov::evaluatePriorBoxClustered(PriorBoxClusteredOp op) {
  ArrayRef<double> widths = op.getWidth(), heights = op.getHeight();
  int64_t priors = widths.size();
  auto type = cast<RankedTensorType>(op.getType());
  if (!type.hasStaticShape())
    return std::nullopt;
  std::optional<Sizes> s = readSizes(op.getOutputSize(), op.getImageSize(),
                                     type.getNumElements(), type);
  if (!s || type.getNumElements() != 2 * 4 * s->layerH * s->layerW * priors)
    return std::nullopt;
  float stepW = float(op.getStepW().convertToDouble());
  float stepH = float(op.getStepH().convertToDouble());
  if (stepW == 0 && stepH == 0) {
    stepW = float(s->imageW) / float(s->layerW);
    stepH = float(s->imageH) / float(s->layerH);
  }
  float offset = float(op.getOffset().convertToDouble());
  bool clip = op.getClip();
  std::vector<float> out(type.getNumElements());
  for (int64_t h = 0; h < s->layerH; ++h) {
    for (int64_t w = 0; w < s->layerW; ++w) {
      float centerX = (float(w) + offset) * stepW;
      float centerY = (float(h) + offset) * stepH;
      for (int64_t p = 0; p < priors; ++p) {
        float boxW = float(widths[p]), boxH = float(heights[p]);
        float box[4] = {(centerX - boxW / 2.f) / float(s->imageW),
                        (centerY - boxH / 2.f) / float(s->imageH),
                        (centerX + boxW / 2.f) / float(s->imageW),
                        (centerY + boxH / 2.f) / float(s->imageH)};
        size_t index = ((h * s->layerW + w) * priors + p) * 4;
        for (int k = 0; k < 4; ++k)
          out[index + k] = clip ? std::clamp(box[k], 0.f, 1.f) : box[k];
      }
    }
  }
  fillVariances(out, s->layerH * s->layerW * priors, op.getVariance());
  return out;
}

std::optional<std::vector<float>> mlir::ov::evaluatePriorBox(PriorBoxOp op) {
  auto type = cast<RankedTensorType>(op.getType());
  if (!type.hasStaticShape())
    return std::nullopt;
  int64_t priors = op.getNumPriors();
  std::optional<Sizes> s = readSizes(op.getOutputSize(), op.getImageSize(),
                                     type.getNumElements(), type);
  if (!s || type.getNumElements() != 2 * 4 * s->layerH * s->layerW * priors)
    return std::nullopt;
  const float imageW = float(s->imageW), imageH = float(s->imageH);
  // Aspect ratios in OpenVINO's order: 1, then each new ratio followed by
  // its reciprocal when flipping.
  std::vector<float> ratios = {1.0f};
  for (double r : op.getAspectRatio()) {
    float ar = float(r);
    bool exists = llvm::any_of(
        ratios, [&](float e) { return std::fabs(ar - e) < 1e-6f; });
    if (exists)
      continue;
    ratios.push_back(ar);
    if (op.getFlip())
      ratios.push_back(1.0f / ar);
  }
  std::vector<float> minSizes;
  for (double v : op.getMinSize())
    minSizes.push_back(float(v));
  std::vector<float> maxSizes;
  for (double v : op.getMaxSize())
    maxSizes.push_back(float(v));
  float step = float(op.getStep().convertToDouble());
  bool scaleAll = op.getScaleAllSizes();
  if (!scaleAll) {
    // MXNet-style PriorBox: sizes and step are fractions of the image.
    step = step == -1 ? imageH / float(s->layerH) : step * imageH;
    for (float &size : minSizes)
      size *= imageH;
  }
  float stepX, stepY;
  if (step == 0) {
    stepX = imageW / float(s->layerW);
    stepY = imageH / float(s->layerH);
  } else {
    stepX = stepY = step;
  }
  float offset = float(op.getOffset().convertToDouble());
  ArrayRef<double> fixedSizes = op.getFixedSize(),
                   fixedRatios = op.getFixedRatio(),
                   densities = op.getDensity();
  std::vector<float> out(type.getNumElements());
  size_t index = 0, limit = size_t(4 * s->layerH * s->layerW * priors);
  bool overflow = false;
  auto push = [&](float cx, float cy, float bw, float bh, bool clip) {
    if (index + 4 > limit) {
      overflow = true;
      return;
    }
    float box[4] = {(cx - bw) / imageW, (cy - bh) / imageH, (cx + bw) / imageW,
                    (cy + bh) / imageH};
    for (float v : box)
      out[index++] = clip ? std::clamp(v, 0.f, 1.f) : v;
  };
  // The density grid of fixed-size priors around a cell center.
  auto densityGrid = [&](float cx, float cy, size_t s_, float bw, float bh) {
    int64_t density = int64_t(densities[s_]);
    int64_t fixed = int64_t(fixedSizes[s_]);
    int64_t shift = density ? int64_t(fixedSizes[s_] / density) : 0;
    for (int64_t r = 0; r < density; ++r)
      for (int64_t c = 0; c < density; ++c)
        push(cx - float(fixed / 2) + float(shift) / 2.f + float(c * shift),
             cy - float(fixed / 2) + float(shift) / 2.f + float(r * shift), bw,
             bh, true);
  };
  for (int64_t h = 0; h < s->layerH; ++h) {
    for (int64_t w = 0; w < s->layerW; ++w) {
      float cx =
          step == 0 ? (float(w) + 0.5f) * stepX : (offset + float(w)) * step;
      float cy =
          step == 0 ? (float(h) + 0.5f) * stepY : (offset + float(h)) * step;
      for (size_t f = 0; f < fixedSizes.size() && f < densities.size(); ++f) {
        float half = float(int64_t(fixedSizes[f])) * 0.5f;
        if (!fixedRatios.empty()) {
          for (double r : fixedRatios) {
            float ar = std::sqrt(float(r));
            densityGrid(cx, cy, f, float(fixedSizes[f]) * 0.5f * ar,
                        float(fixedSizes[f]) * 0.5f / ar);
          }
          continue;
        }
        densityGrid(cx, cy, f, half, half);
        for (float r : ratios) {
          if (std::fabs(r - 1.0f) < 1e-6f)
            continue;
          float ar = std::sqrt(r);
          densityGrid(cx, cy, f, float(fixedSizes[f]) * 0.5f * ar,
                      float(fixedSizes[f]) * 0.5f / ar);
        }
      }
      for (size_t m = 0; m < minSizes.size(); ++m) {
        float half = minSizes[m] * 0.5f;
        push(cx, cy, half, half, false);
        auto maxBox = [&] {
          if (maxSizes.size() > m) {
            float side = std::sqrt(minSizes[m] * maxSizes[m]) * 0.5f;
            push(cx, cy, side, side, false);
          }
        };
        auto ratioBoxes = [&] {
          if (!scaleAll && m != minSizes.size() - 1)
            return;
          size_t base = scaleAll ? m : 0;
          for (float r : ratios) {
            if (std::fabs(r - 1.0f) < 1e-6f)
              continue;
            float ar = std::sqrt(r);
            push(cx, cy, minSizes[base] * 0.5f * ar, minSizes[base] * 0.5f / ar,
                 false);
          }
        };
        if (op.getMinMaxAspectRatiosOrder()) {
          maxBox();
          ratioBoxes();
        } else {
          ratioBoxes();
          maxBox();
        }
      }
    }
  }
  // The generated boxes must fill exactly the shape inference's count.
  if (overflow || index != limit)
    return std::nullopt;
  if (op.getClip())
    for (size_t i = 0; i < limit; ++i)
      out[i] = std::clamp(out[i], 0.f, 1.f);
  fillVariances(out, limit / 4, op.getVariance());
  return out;
}
