//===- DetectionOutputTest.cpp - the runtime's DetectionOutput ------------===//
//
// ovc_detection_output against the reference algorithm written out plainly:
// decode every box, per class a stable sort of the scores above the
// threshold cut to top_k, greedy NMS against every kept box in turn, then
// keep_top_k. The runtime decodes lazily, selects before sorting and tests
// overlaps 4 boxes at a time; the rows must be the same bits, with tied
// scores (the cut at top_k falls among them), several classes with and
// without shared locations, every code type, and NMS thresholds that keep
// or drop boxes that do not touch.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

extern "C" {
#include "detection_output.h"
}

namespace {

struct Box {
  float x0, y0, x1, y1;
};

float size(const Box &b) {
  return b.x1 < b.x0 || b.y1 < b.y0 ? 0.f : (b.x1 - b.x0) * (b.y1 - b.y0);
}

float iou(const Box &a, const Box &b) {
  if (b.x0 > a.x1 || b.x1 < a.x0 || b.y0 > a.y1 || b.y1 < a.y0)
    return 0.f;
  float w = std::fmin(a.x1, b.x1) - std::fmax(a.x0, b.x0);
  float h = std::fmin(a.y1, b.y1) - std::fmax(a.y0, b.y0);
  if (w <= 0.f || h <= 0.f)
    return 0.f;
  return w * h / (size(a) + size(b) - w * h);
}

float clip(float v) { return std::min(std::max(v, 0.f), 1.f); }

struct Kept {
  float score;
  int label, index;
};

// std::stable_sort, written as a sort on (key, position): stable_sort's
// temporary buffer is deprecated in this libstdc++.
template <typename Less> void sortStable(std::vector<Kept> &v, Less less) {
  std::vector<std::pair<Kept, size_t>> keyed;
  for (size_t i = 0; i < v.size(); ++i)
    keyed.push_back({v[i], i});
  std::sort(keyed.begin(), keyed.end(), [&](const auto &a, const auto &b) {
    return less(a.first, b.first) ||
           (!less(b.first, a.first) && a.second < b.second);
  });
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = keyed[i].first;
}

bool byScore(const Kept &a, const Kept &b) { return a.score > b.score; }
bool byLabel(const Kept &a, const Kept &b) { return a.label < b.label; }

struct Case {
  int batch, priors, classes;
  bool share;
  int code;
  bool encoded, normalized, variances, clipBefore, clipAfter;
  int background, topK, keepTopK;
  float nms, threshold;
};

// The reference: every step as the specification states it.
std::vector<float> reference(const Case &c, const std::vector<float> &loc,
                             const std::vector<float> &conf,
                             const std::vector<float> &priors, int rows) {
  const int locClasses = c.share ? 1 : c.classes;
  const int step = c.normalized ? 4 : 5;
  std::vector<float> out(rows * 7, 0.f);
  int row = 0;
  for (int n = 0; n < c.batch; ++n) {
    std::vector<Box> boxes(c.priors * locClasses);
    for (int lc = 0; lc < locClasses; ++lc)
      for (int p = 0; p < c.priors; ++p) {
        const float *q = &priors[p * step + (step - 4)];
        Box prior{q[0], q[1], q[2], q[3]};
        if (!c.normalized)
          prior = {prior.x0 / 300.f, prior.y0 / 200.f, prior.x1 / 300.f,
                   prior.y1 / 200.f};
        float v[4] = {1.f, 1.f, 1.f, 1.f};
        for (int k = 0; k < 4 && !c.encoded; ++k)
          v[k] = c.variances ? priors[c.priors * step + p * 4 + k] : 0.1f;
        const float *l = &loc[((n * c.priors + p) * locClasses + lc) * 4];
        float pw = prior.x1 - prior.x0, ph = prior.y1 - prior.y0;
        Box b;
        if (c.code == 1) {
          float cx = v[0] * l[0] * pw + (prior.x0 + prior.x1) / 2.f;
          float cy = v[1] * l[1] * ph + (prior.y0 + prior.y1) / 2.f;
          float w = std::exp(v[2] * l[2]) * pw, h = std::exp(v[3] * l[3]) * ph;
          b = {cx - w / 2.f, cy - h / 2.f, cx + w / 2.f, cy + h / 2.f};
        } else if (c.code == 2) {
          b = {prior.x0 + v[0] * l[0] * pw, prior.y0 + v[1] * l[1] * ph,
               prior.x1 + v[2] * l[2] * pw, prior.y1 + v[3] * l[3] * ph};
        } else {
          b = {prior.x0 + v[0] * l[0], prior.y0 + v[1] * l[1],
               prior.x1 + v[2] * l[2], prior.y1 + v[3] * l[3]};
        }
        if (c.clipBefore)
          b = {clip(b.x0), clip(b.y0), clip(b.x1), clip(b.y1)};
        boxes[lc * c.priors + p] = b;
      }
    std::vector<Kept> kept;
    for (int cls = 0; cls < c.classes; ++cls) {
      if (cls == c.background)
        continue;
      std::vector<Kept> candidates;
      for (int p = 0; p < c.priors; ++p) {
        float s = conf[(n * c.priors + p) * c.classes + cls];
        if (s > c.threshold)
          candidates.push_back({s, cls, p});
      }
      sortStable(candidates, byScore);
      if (c.topK > -1 && (int)candidates.size() > c.topK)
        candidates.resize(c.topK);
      const Box *own = &boxes[(c.share ? 0 : cls) * c.priors];
      size_t first = kept.size();
      for (const Kept &k : candidates) {
        bool keep = true;
        for (size_t j = first; j < kept.size() && keep; ++j)
          keep = !(iou(own[k.index], own[kept[j].index]) > c.nms);
        if (keep)
          kept.push_back(k);
      }
    }
    if (c.keepTopK > -1 && (int)kept.size() > c.keepTopK) {
      sortStable(kept, byScore);
      kept.resize(c.keepTopK);
      sortStable(kept, byLabel);
    }
    for (const Kept &k : kept) {
      if (row == rows)
        break;
      Box b = boxes[(c.share ? 0 : k.label) * c.priors + k.index];
      if (c.clipAfter)
        b = {clip(b.x0), clip(b.y0), clip(b.x1), clip(b.y1)};
      float values[7] = {(float)n, (float)k.label, k.score, b.x0,
                         b.y0,     b.x1,           b.y1};
      std::copy(values, values + 7, &out[row++ * 7]);
    }
  }
  if (row < rows)
    out[row * 7] = -1.f;
  return out;
}

// A top_k that cuts exactly below the scores of 0.5 and more (of class 1
// in image 0): the selection's last place is a whole group of its first
// pass (the scores' top bytes), and the cut falls between two groups.
constexpr int kTopKAtHalf = -2;

void check(Case c, uint32_t seed) {
  SCOPED_TRACE(::testing::Message()
               << "seed " << seed << ", " << c.classes << " classes, code "
               << c.code << ", top_k " << c.topK << ", nms " << c.nms);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> unit(0.f, 1.f), offset(-0.5f, 0.5f);
  const int locClasses = c.share ? 1 : c.classes;
  const int step = c.normalized ? 4 : 5;
  std::vector<float> loc(c.batch * c.priors * locClasses * 4);
  for (float &v : loc)
    v = offset(rng);
  // Scores on a grid of 1/32: many ties, also at the top_k cut.
  std::vector<float> conf(c.batch * c.priors * c.classes);
  for (float &v : conf)
    v = std::floor(unit(rng) * 32.f) / 32.f;
  if (c.topK == kTopKAtHalf) {
    c.topK = 0;
    for (int p = 0; p < c.priors; ++p)
      c.topK += conf[p * c.classes + 1] >= 0.5f;
  }
  std::vector<float> priors(c.priors * (step + 4));
  for (int p = 0; p < c.priors; ++p) {
    float cx = unit(rng), cy = unit(rng), r = 0.02f + 0.1f * unit(rng);
    float scaleX = c.normalized ? 1.f : 300.f,
          scaleY = c.normalized ? 1.f : 200.f;
    float *q = &priors[p * step + (step - 4)];
    q[0] = (cx - r) * scaleX, q[1] = (cy - r) * scaleY;
    q[2] = (cx + r) * scaleX, q[3] = (cy + r) * scaleY;
    for (int k = 0; k < 4; ++k)
      priors[c.priors * step + p * 4 + k] = k < 2 ? 0.1f : 0.2f;
  }
  const int rows = c.batch * (c.keepTopK > 0 ? c.keepTopK : 64);
  float params[OVC_DETECTION_COUNT] = {};
  params[OVC_DETECTION_NUM_CLASSES] = c.classes;
  params[OVC_DETECTION_BACKGROUND] = c.background;
  params[OVC_DETECTION_TOP_K] = c.topK;
  params[OVC_DETECTION_KEEP_TOP_K] = c.keepTopK;
  params[OVC_DETECTION_CODE_TYPE] = c.code;
  params[OVC_DETECTION_SHARE_LOCATION] = c.share;
  params[OVC_DETECTION_VARIANCE_ENCODED] = c.encoded;
  params[OVC_DETECTION_NMS_THRESHOLD] = c.nms;
  params[OVC_DETECTION_CONFIDENCE_THRESHOLD] = c.threshold;
  params[OVC_DETECTION_CLIP_AFTER_NMS] = c.clipAfter;
  params[OVC_DETECTION_CLIP_BEFORE_NMS] = c.clipBefore;
  params[OVC_DETECTION_NORMALIZED] = c.normalized;
  params[OVC_DETECTION_INPUT_HEIGHT] = 200.f;
  params[OVC_DETECTION_INPUT_WIDTH] = 300.f;
  params[OVC_DETECTION_NUM_PRIORS] = c.priors;
  params[OVC_DETECTION_BATCH] = c.batch;
  params[OVC_DETECTION_PRIOR_BATCH] = 1;
  params[OVC_DETECTION_PRIOR_CHANNELS] = c.variances ? 2 : 1;
  params[OVC_DETECTION_OUT_ROWS] = rows;
  std::vector<float> out(rows * 7, 12345.f);
  ovc_detection_output(loc.data(), conf.data(), priors.data(), out.data(),
                       params);
  std::vector<float> expected = reference(c, loc, conf, priors, rows);
  for (int i = 0; i < rows * 7; ++i)
    ASSERT_EQ(std::memcmp(&out[i], &expected[i], sizeof(float)), 0)
        << "row " << i / 7 << " column " << i % 7 << ": " << out[i] << " vs "
        << expected[i];
}

TEST(DetectionOutput, MatchesReferenceBitForBit) {
  const Case cases[] = {
      // b  P    cls share code enc   norm  var   clipB  clipA  bg top keep
      // SSD face detector's form: the top_k cut among 1/32 ties.
      {1, 3249, 2, true, 1, false, true, true, false, false, 0, 400, 200, 0.45f,
       0.01f},
      {2, 500, 4, false, 1, false, true, true, false, true, 0, 60, 50, 0.3f,
       0.2f},
      {1, 700, 3, true, 2, false, false, false, true, false, -1, -1, -1, 0.6f,
       0.5f},
      {1, 300, 2, true, 0, true, true, false, false, true, 1, 0, 10, 0.5f, 0.f},
      // A negative NMS threshold drops every box after the first; a
      // negative confidence threshold takes every score.
      {1, 257, 2, false, 1, false, true, true, false, false, 0, 100, 30, -0.1f,
       -1.f},
      // keep_top_k with more kept than it keeps, and a cut to 1.
      {1, 1000, 5, true, 1, false, true, true, true, true, 0, 7, 12, 0.7f,
       0.1f},
      {1, 64, 2, true, 1, false, true, true, false, false, 0, 1, 200, 0.45f,
       0.01f},
      {1, 900, 2, true, 1, false, true, true, false, false, 0, kTopKAtHalf, -1,
       0.45f, 0.01f},
      // A threshold of 0: boxes that do not touch (IoU 0) are kept.
      {1, 400, 2, true, 1, false, true, true, false, false, 0, 200, 100, 0.f,
       0.3f},
  };
  for (uint32_t seed : {1u, 2u, 3u})
    for (const Case &c : cases)
      check(c, seed);
}

} // namespace
