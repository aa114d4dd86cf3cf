//===- BlockedUkernelTest.cpp - the nChwVc CPU microkernels ---------------===//
//
// Each family's kernels on channel-blocked activations [N, C / V, H, W, V]
// against its NCHW kernels (which CpuUkernelTest checks against the ordered
// reference): a layer reordered to blocks, computed there and reordered
// back must give the NCHW kernel's bits, across strides, dilations,
// padding, row widths and tails, odd output vectors, both roundings of the
// depthwise sums, batches and threads; a stem writing blocks
// (OVC_CONV2D_BLOCKED_OUTPUT) must give the NCHW stem's bits in blocks. The
// reorders are checked against the layout's definition. The fused
// depthwise and 1x1 kernel must give the two blocked kernels' bits.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/ukernels/ukernels.h"
#include "test/unit/UkernelTestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {

using LayerKernel = void (*)(const float *, const float *, const float *,
                             float *, const float *);
// ovc_conv2d_f32_* and ovc_blocked_pointwise_conv2d_f32_*: input, filter,
// bias, residual, output, params.
using ConvKernel = void (*)(const float *, const float *, const float *,
                            const float *, float *, const float *);
using ReorderKernel = void (*)(const float *, float *, const float *);
// ovc_blocked_depthwise_pointwise_conv2d_f32_*: input, depthwise filter and
// bias, 1x1 filter and bias, residual, output, depthwise and 1x1 params.
using DepthwisePointwiseKernel = void (*)(const float *, const float *,
                                          const float *, const float *,
                                          const float *, const float *, float *,
                                          const float *, const float *);

struct Family {
  const char *name;
  int64_t vector; // V: floats per vector, channels per block
  ConvKernel conv;
  LayerKernel depthwise;
  LayerKernel blockedDepthwise;
  ConvKernel blockedPointwise;
  ReorderKernel toBlocked, fromBlocked;
  DepthwisePointwiseKernel blockedDepthwisePointwise;
  bool supported;
};

std::vector<Family> families() {
  return {
      {"sse41", OVC_CONV2D_BLOCK_SSE41 / 2, ovc_conv2d_f32_sse41,
       ovc_depthwise_conv2d_f32_sse41, ovc_blocked_depthwise_conv2d_f32_sse41,
       ovc_blocked_pointwise_conv2d_f32_sse41, ovc_to_blocked_f32_sse41,
       ovc_from_blocked_f32_sse41,
       ovc_blocked_depthwise_pointwise_conv2d_f32_sse41,
       ovc::test::runsSse41()},
      {"avx2", OVC_CONV2D_BLOCK_AVX2 / 2, ovc_conv2d_f32_avx2,
       ovc_depthwise_conv2d_f32_avx2, ovc_blocked_depthwise_conv2d_f32_avx2,
       ovc_blocked_pointwise_conv2d_f32_avx2, ovc_to_blocked_f32_avx2,
       ovc_from_blocked_f32_avx2,
       ovc_blocked_depthwise_pointwise_conv2d_f32_avx2, ovc::test::runsAvx2()},
      {"avx512", OVC_CONV2D_BLOCK_AVX512 / 2, ovc_conv2d_f32_avx512,
       ovc_depthwise_conv2d_f32_avx512, ovc_blocked_depthwise_conv2d_f32_avx512,
       ovc_blocked_pointwise_conv2d_f32_avx512, ovc_to_blocked_f32_avx512,
       ovc_from_blocked_f32_avx512,
       ovc_blocked_depthwise_pointwise_conv2d_f32_avx512,
       ovc::test::runsAvx512()},
  };
}

std::vector<float> randomValues(size_t count, std::mt19937 &rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> values(count);
  for (float &v : values)
    v = dist(rng);
  return values;
}

// The reorder kernels' parameters: N, C, H, W.
std::vector<float> reorderParams(int64_t n, int64_t c, int64_t h, int64_t w) {
  std::vector<float> params(OVC_CONV2D_NUM_PARAMS, 0.0f);
  params[OVC_CONV2D_N] = n;
  params[OVC_CONV2D_C] = c;
  params[OVC_CONV2D_H] = h;
  params[OVC_CONV2D_W] = w;
  return params;
}

// A layer's sizes in the kernels' parameter array (ukernels.h).
void setLayer(std::vector<float> &params, int64_t n, int64_t c, int64_t h,
              int64_t w, int64_t oc, int64_t oh, int64_t ow, int64_t kh,
              int64_t kw, int64_t sh, int64_t sw, int64_t dh, int64_t dw) {
  const int64_t sizes[][2] = {
      {OVC_CONV2D_N, n},   {OVC_CONV2D_C, c},   {OVC_CONV2D_H, h},
      {OVC_CONV2D_W, w},   {OVC_CONV2D_OC, oc}, {OVC_CONV2D_OH, oh},
      {OVC_CONV2D_OW, ow}, {OVC_CONV2D_KH, kh}, {OVC_CONV2D_KW, kw},
      {OVC_CONV2D_SH, sh}, {OVC_CONV2D_SW, sw}, {OVC_CONV2D_DH, dh},
      {OVC_CONV2D_DW, dw}};
  for (auto [index, size] : sizes)
    params[index] = size;
}

// The epilogue every test uses: the bias, and the clamp to [-0.25, 0.5]
// where asked.
void setEpilogue(std::vector<float> &params, bool bias, bool hasMin,
                 bool hasMax) {
  params[OVC_CONV2D_HAS_BIAS] = bias;
  params[OVC_CONV2D_HAS_MIN] = hasMin;
  params[OVC_CONV2D_MIN] = -0.25f;
  params[OVC_CONV2D_HAS_MAX] = hasMax;
  params[OVC_CONV2D_MAX] = 0.5f;
}

// Weights [OC, taps] and a bias [OC] packed as ovc-cpu-conv-ukernels packs
// them: the filter [OC / B, taps, B] with zeros past OC, the bias in whole
// blocks.
std::pair<std::vector<float>, std::vector<float>>
packFilter(const std::vector<float> &weights,
           const std::vector<float> &biasValues, int64_t oc, int64_t taps,
           int64_t block) {
  const int64_t blocks = (oc + block - 1) / block;
  std::vector<float> filter(blocks * taps * block, 0.0f),
      bias(blocks * block, 0.0f);
  for (int64_t o = 0; o < oc; ++o) {
    bias[o] = biasValues[o];
    for (int64_t t = 0; t < taps; ++t)
      filter[((o / block) * taps + t) * block + o % block] =
          weights[o * taps + t];
  }
  return {filter, bias};
}

// `nchw` in blocks of the family's V channels, checked against the
// layout's definition, with an untouched guard after it.
std::vector<float> toBlocked(const Family &family,
                             const std::vector<float> &nchw, int64_t n,
                             int64_t c, int64_t h, int64_t w) {
  const int64_t v = family.vector, plane = h * w;
  std::vector<float> blocked(nchw.size() + 2 * v, 777.0f);
  family.toBlocked(nchw.data(), blocked.data(),
                   reorderParams(n, c, h, w).data());
  for (int64_t i = 0; i < n; ++i)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t p = 0; p < plane; ++p) {
        float want = nchw[(i * c + ch) * plane + p];
        float got = blocked[((i * (c / v) + ch / v) * plane + p) * v + ch % v];
        EXPECT_EQ(std::memcmp(&got, &want, sizeof(float)), 0)
            << "to_blocked: image " << i << " channel " << ch << " pixel " << p;
      }
  for (size_t i = nchw.size(); i < blocked.size(); ++i)
    EXPECT_EQ(blocked[i], 777.0f) << "to_blocked wrote past its output";
  return blocked;
}

std::vector<float> fromBlocked(const Family &family,
                               const std::vector<float> &blocked, int64_t n,
                               int64_t c, int64_t h, int64_t w) {
  std::vector<float> nchw(n * c * h * w + 2 * family.vector, 777.0f);
  family.fromBlocked(blocked.data(), nchw.data(),
                     reorderParams(n, c, h, w).data());
  for (size_t i = n * c * h * w; i < nchw.size(); ++i)
    EXPECT_EQ(nchw[i], 777.0f) << "from_blocked wrote past its output";
  nchw.resize(n * c * h * w);
  return nchw;
}

void expectSameBits(const std::vector<float> &got,
                    const std::vector<float> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    // Two NaNs meeting in a sum may come out as either: any NaN is right.
    if (std::isnan(got[i]) && std::isnan(want[i]))
      continue;
    ASSERT_EQ(std::memcmp(&got[i], &want[i], sizeof(float)), 0)
        << "element " << i << ": " << got[i] << " vs " << want[i];
  }
}

// A depthwise layer of `blocks` channel blocks.
struct DepthwiseShape {
  int64_t n, blocks, h, w, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
  bool bias, hasMin, hasMax;
};

void checkDepthwise(const Family &family, const DepthwiseShape &s,
                    uint32_t seed, bool fused) {
  SCOPED_TRACE(family.name);
  SCOPED_TRACE(fused ? "fused multiply-adds" : "rounded products");
  const int64_t v = family.vector, c = s.blocks * v;
  SCOPED_TRACE(::testing::Message()
               << "shape n" << s.n << " " << c << "x" << s.h << "x" << s.w
               << " k" << s.kh << "x" << s.kw << " s" << s.sw << " d" << s.dw
               << " pads " << s.pt << "," << s.pl);
  std::mt19937 rng(seed);
  int64_t oh = (s.h + s.pt + s.pb - (s.dh * (s.kh - 1) + 1)) / s.sh + 1;
  int64_t ow = (s.w + s.pl + s.pr - (s.dw * (s.kw - 1) + 1)) / s.sw + 1;
  const int64_t taps = s.kh * s.kw;
  std::vector<float> input = randomValues(s.n * c * s.h * s.w, rng);
  std::vector<float> filter = randomValues(c * taps, rng);
  std::vector<float> bias = randomValues(c, rng);
  // A NaN in the input, and an infinite tap that gives NaN in the padding.
  input[input.size() / 2] = std::nanf("");
  filter[0] = INFINITY;
  // [C, KH, KW] -> [C / V, KH, KW, V].
  std::vector<float> blockedFilter(filter.size());
  for (int64_t ch = 0; ch < c; ++ch)
    for (int64_t t = 0; t < taps; ++t)
      blockedFilter[((ch / v) * taps + t) * v + ch % v] = filter[ch * taps + t];

  std::vector<float> params(OVC_CONV2D_NUM_PARAMS, 0.0f);
  setLayer(params, s.n, c, s.h, s.w, c, oh, ow, s.kh, s.kw, s.sh, s.sw, s.dh,
           s.dw);
  setEpilogue(params, s.bias, s.hasMin, s.hasMax);
  params[OVC_CONV2D_PAD_TOP] = s.pt;
  params[OVC_CONV2D_PAD_LEFT] = s.pl;
  params[OVC_CONV2D_FUSED_MADD] = fused;

  std::vector<float> expected(s.n * c * oh * ow);
  family.depthwise(input.data(), filter.data(), bias.data(), expected.data(),
                   params.data());
  std::vector<float> blockedIn = toBlocked(family, input, s.n, c, s.h, s.w);
  std::vector<float> blockedOut(expected.size() + 2 * v, 12345.0f);
  family.blockedDepthwise(blockedIn.data(), blockedFilter.data(), bias.data(),
                          blockedOut.data(), params.data());
  for (size_t i = expected.size(); i < blockedOut.size(); ++i)
    ASSERT_EQ(blockedOut[i], 12345.0f) << "wrote past the output";
  expectSameBits(fromBlocked(family, blockedOut, s.n, c, oh, ow), expected);
}

const DepthwiseShape kDepthwiseShapes[] = {
    // n blk  h    w kh kw sh sw dh dw pt pl pb pr bias  min    max
    // face-detection-adas's rows (stride 1 and 2, in tiles with a last
    // overlapping tile), a 2-image batch.
    {1, 2, 7, 336, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, true, false},
    {2, 1, 9, 168, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, true, true},
    // Rows narrower than a tile (single pixels), 13, 25 and 3 wide, odd
    // heights, no padding at the end.
    {1, 3, 5, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, false, false, true},
    {1, 1, 11, 25, 3, 3, 2, 2, 1, 1, 1, 1, 0, 0, true, false, false},
    {1, 2, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, true, true},
    {1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, false, false},
    // Dilated 3x3 windows in tiles (road-segmentation's 2 to 8), at
    // stride 1 and 2, with rows above and below the input.
    {1, 2, 12, 40, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, true, false, true},
    {1, 1, 20, 60, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, true, true, false},
    {1, 1, 15, 50, 3, 3, 2, 2, 3, 3, 3, 3, 3, 3, false, false, true},
    // Windows the tiles do not take (5x5 at stride 3, 1x7), and padding
    // wider than the window's reach.
    {1, 1, 11, 50, 5, 5, 3, 3, 1, 1, 2, 2, 2, 2, true, true, false},
    {1, 1, 5, 60, 1, 7, 1, 1, 1, 1, 0, 3, 0, 3, false, true, true},
    {1, 1, 4, 20, 3, 3, 1, 1, 1, 1, 3, 5, 3, 5, true, true, true},
    // A row wider than the zero row (8192 floats): its top and bottom
    // rows go pixel by pixel.
    {1, 1, 3, 1100, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, false, false},
};

TEST(BlockedUkernel, DepthwiseMatchesNchwKernelBitForBit) {
  ovc::test::forEachRunnable(
      families(), kDepthwiseShapes,
      [](const Family &family, const DepthwiseShape &shape) {
        for (bool fused : {false, true})
          checkDepthwise(family, shape, 3, fused);
      });
}

TEST(BlockedUkernel, DepthwiseSameBitsOnThreads) {
  ovc::test::ScopedThreadPool pool(3);
  ovc::test::forEachRunnable(
      families(), kDepthwiseShapes,
      [](const Family &family, const DepthwiseShape &shape) {
        for (bool fused : {false, true})
          checkDepthwise(family, shape, 9, fused);
      });
}

// A 1x1 layer: `inBlocks` input and `outVectors` output vectors of
// channels on an h x w plane.
struct PointwiseShape {
  int64_t n, inBlocks, outVectors, h, w;
  bool bias, hasMin, hasMax;
  bool residual = false; // a skip connection added before the clamp
};

void checkPointwise(const Family &family, const PointwiseShape &s,
                    uint32_t seed) {
  SCOPED_TRACE(family.name);
  const int64_t v = family.vector, block = 2 * v;
  const int64_t c = s.inBlocks * v, oc = s.outVectors * v;
  SCOPED_TRACE(::testing::Message()
               << "shape n" << s.n << " " << c << "x" << s.h << "x" << s.w
               << " -> " << oc << (s.residual ? " residual" : ""));
  std::mt19937 rng(seed);
  std::vector<float> input = randomValues(s.n * c * s.h * s.w, rng);
  std::vector<float> weights = randomValues(oc * c, rng);
  input[input.size() / 3] = std::nanf("");
  std::vector<float> residual = randomValues(s.n * oc * s.h * s.w, rng);
  auto [filter, bias] =
      packFilter(weights, randomValues(oc, rng), oc, c, block);
  // The plane as one long row, as ovc passes a 1x1 layer over whole rows.
  const int64_t plane = s.h * s.w;
  std::vector<float> params(OVC_CONV2D_NUM_PARAMS, 0.0f);
  setLayer(params, s.n, c, 1, plane, oc, 1, plane, 1, 1, 1, 1, 1, 1);
  setEpilogue(params, s.bias, s.hasMin, s.hasMax);
  params[OVC_CONV2D_HAS_RESIDUAL] = s.residual;

  std::vector<float> expected(s.n * oc * plane);
  family.conv(input.data(), filter.data(), bias.data(), residual.data(),
              expected.data(), params.data());
  std::vector<float> blockedIn = toBlocked(family, input, s.n, c, s.h, s.w);
  std::vector<float> blockedResidual =
      toBlocked(family, residual, s.n, oc, s.h, s.w);
  std::vector<float> blockedOut(expected.size() + 2 * v, 12345.0f);
  family.blockedPointwise(blockedIn.data(), filter.data(), bias.data(),
                          blockedResidual.data(), blockedOut.data(),
                          params.data());
  for (size_t i = expected.size(); i < blockedOut.size(); ++i)
    ASSERT_EQ(blockedOut[i], 12345.0f) << "wrote past the output";
  expectSameBits(fromBlocked(family, blockedOut, s.n, oc, s.h, s.w), expected);
}

const PointwiseShape kPointwiseShapes[] = {
    // n in out   h    w  bias  min    max
    // Whole filter blocks, an odd last output vector (tiles of twice the
    // pixels), one output vector only, planes with a partial last tile
    // and runs of several tiles, a batch.
    {1, 3, 4, 12, 28, true, true, false},
    {1, 3, 7, 24, 42, true, true, true},
    {1, 1, 1, 5, 7, false, false, false},
    {2, 2, 3, 3, 11, true, false, true},
    {1, 16, 2, 48, 84, true, true, false},
    {1, 1, 5, 1, 1, true, false, false},
    {1, 3, 7, 192, 336, true, true, false},
    // Residuals (skip connections), in blocks as the output.
    {1, 2, 3, 6, 10, true, true, false, true},
    {2, 3, 4, 5, 5, false, false, true, true},
};

TEST(BlockedUkernel, PointwiseMatchesNchwKernelBitForBit) {
  ovc::test::forEachRunnable(
      families(), kPointwiseShapes,
      [](const Family &family, const PointwiseShape &shape) {
        checkPointwise(family, shape, 4);
      });
}

TEST(BlockedUkernel, PointwiseSameBitsOnThreads) {
  ovc::test::ScopedThreadPool pool(3);
  ovc::test::forEachRunnable(
      families(), kPointwiseShapes,
      [](const Family &family, const PointwiseShape &shape) {
        checkPointwise(family, shape, 8);
      });
}

// A depthwise layer of `blocks` channel blocks (3x3, stride `stride`,
// padding 1) and the 1x1 layer to `outVectors` vectors that reads it.
struct DepthwisePointwiseShape {
  int64_t n, blocks, h, w, stride, outVectors;
  bool residual;
};

// The fused kernel against the two blocked kernels one after the other
// (each checked against its NCHW kernel above), bit for bit.
void checkDepthwisePointwise(const Family &family,
                             const DepthwisePointwiseShape &s, uint32_t seed,
                             bool fused) {
  SCOPED_TRACE(family.name);
  SCOPED_TRACE(fused ? "fused multiply-adds" : "rounded products");
  const int64_t v = family.vector, c = s.blocks * v, oc = s.outVectors * v;
  const int64_t oh = (s.h - 1) / s.stride + 1, ow = (s.w - 1) / s.stride + 1;
  SCOPED_TRACE(::testing::Message()
               << "shape n" << s.n << " " << c << "x" << s.h << "x" << s.w
               << " s" << s.stride << " -> " << oc
               << (s.residual ? " residual" : ""));
  std::mt19937 rng(seed);
  std::vector<float> input = randomValues(s.n * c * s.h * s.w, rng);
  input[input.size() / 2] = std::nanf("");
  std::vector<float> dwFilter = randomValues(c * 9, rng);
  std::vector<float> dwBias = randomValues(c, rng);
  auto [filter, bias] = packFilter(randomValues(oc * c, rng),
                                   randomValues(oc, rng), oc, c, 2 * v);
  std::vector<float> residual = randomValues(s.n * oc * oh * ow, rng);

  std::vector<float> dwParams(OVC_CONV2D_NUM_PARAMS, 0.0f);
  setLayer(dwParams, s.n, c, s.h, s.w, c, oh, ow, 3, 3, s.stride, s.stride, 1,
           1);
  setEpilogue(dwParams, true, true, false);
  dwParams[OVC_CONV2D_PAD_TOP] = 1;
  dwParams[OVC_CONV2D_PAD_LEFT] = 1;
  dwParams[OVC_CONV2D_FUSED_MADD] = fused;
  std::vector<float> params(OVC_CONV2D_NUM_PARAMS, 0.0f);
  setLayer(params, s.n, c, oh, ow, oc, oh, ow, 1, 1, 1, 1, 1, 1);
  setEpilogue(params, true, true, true);
  params[OVC_CONV2D_HAS_RESIDUAL] = s.residual;

  std::vector<float> middle(s.n * c * oh * ow), expected(s.n * oc * oh * ow);
  family.blockedDepthwise(input.data(), dwFilter.data(), dwBias.data(),
                          middle.data(), dwParams.data());
  family.blockedPointwise(middle.data(), filter.data(), bias.data(),
                          residual.data(), expected.data(), params.data());
  std::vector<float> got(expected.size() + 2 * v, 12345.0f);
  family.blockedDepthwisePointwise(input.data(), dwFilter.data(), dwBias.data(),
                                   filter.data(), bias.data(), residual.data(),
                                   got.data(), dwParams.data(), params.data());
  for (size_t i = expected.size(); i < got.size(); ++i)
    ASSERT_EQ(got[i], 12345.0f) << "wrote past the output";
  got.resize(expected.size());
  expectSameBits(got, expected);
}

const DepthwisePointwiseShape kDepthwisePointwiseShapes[] = {
    // n blk   h    w  s out residual
    // face-detection-adas's conv2_1 rows (bands of several rows, the
    // last one shorter) and its stride-2 conv2_2 (an odd last vector).
    {1, 3, 9, 336, 1, 7, false},
    {1, 7, 10, 168, 2, 13, false},
    // Residuals, a batch, rows narrower than a depthwise tile.
    {1, 2, 6, 20, 1, 3, true},
    {2, 2, 5, 9, 2, 4, true},
    // Rows of all channels as wide as the band buffer (bands of one row
    // on AVX2).
    {1, 16, 3, 256, 1, 2, false},
    // Wider rows, which the compiler does not fuse: the kernel runs the
    // two kernels through the heap.
    {1, 16, 3, 300, 1, 3, true},
};

TEST(BlockedUkernel, DepthwisePointwiseMatchesBothKernelsBitForBit) {
  ovc::test::forEachRunnable(
      families(), kDepthwisePointwiseShapes,
      [](const Family &family, const DepthwisePointwiseShape &shape) {
        for (bool fused : {false, true})
          checkDepthwisePointwise(family, shape, 5, fused);
      });
}

TEST(BlockedUkernel, DepthwisePointwiseSameBitsOnThreads) {
  ovc::test::ScopedThreadPool pool(3);
  ovc::test::forEachRunnable(
      families(), kDepthwisePointwiseShapes,
      [](const Family &family, const DepthwisePointwiseShape &shape) {
        for (bool fused : {false, true})
          checkDepthwisePointwise(family, shape, 11, fused);
      });
}

// A stride-2 stem (few input channels) writing `outVectors` vectors of
// output channels in blocks, against the NCHW kernel on a zero-padded copy
// of the input (the tiles that NCHW layer takes sum in the same order).
struct StemShape {
  int64_t n, c, h, w, outVectors, kh, kw, pt, pl, pb, pr;
  bool bias, hasMin, hasMax;
};

void checkStem(const Family &family, const StemShape &s, uint32_t seed) {
  SCOPED_TRACE(family.name);
  const int64_t v = family.vector, block = 2 * v, oc = s.outVectors * v;
  SCOPED_TRACE(::testing::Message()
               << "shape n" << s.n << " " << s.c << "x" << s.h << "x" << s.w
               << " -> " << oc << " k" << s.kh << "x" << s.kw << " pads "
               << s.pt << "," << s.pl << "," << s.pb << "," << s.pr);
  const int64_t ph = s.h + s.pt + s.pb, pw = s.w + s.pl + s.pr;
  const int64_t oh = (ph - s.kh) / 2 + 1, ow = (pw - s.kw) / 2 + 1;
  ASSERT_TRUE(ovc_conv2d_writes_blocks(s.c, s.kh, s.kw, 2, 1, ow, oc, block));
  std::mt19937 rng(seed);
  std::vector<float> input = randomValues(s.n * s.c * s.h * s.w, rng);
  input[input.size() / 2] = std::nanf("");
  const int64_t taps = s.c * s.kh * s.kw;
  std::vector<float> weights = randomValues(oc * taps, rng);
  auto [filter, bias] =
      packFilter(weights, randomValues(oc, rng), oc, taps, block);
  std::vector<float> padded(s.n * s.c * ph * pw, 0.0f);
  for (int64_t plane = 0; plane < s.n * s.c; ++plane)
    for (int64_t y = 0; y < s.h; ++y)
      for (int64_t x = 0; x < s.w; ++x)
        padded[(plane * ph + y + s.pt) * pw + x + s.pl] =
            input[(plane * s.h + y) * s.w + x];

  std::vector<float> params(OVC_CONV2D_NUM_PARAMS, 0.0f);
  setLayer(params, s.n, s.c, ph, pw, oc, oh, ow, s.kh, s.kw, 2, 2, 1, 1);
  setEpilogue(params, s.bias, s.hasMin, s.hasMax);
  std::vector<float> expected(s.n * oc * oh * ow);
  if (ovc_conv2d_from_phase_rows(s.c, s.kh, s.kw, 2, 1, ow, oc, block)) {
    // The NCHW stem pads itself.
    std::vector<float> unpadded = params;
    unpadded[OVC_CONV2D_H] = s.h;
    unpadded[OVC_CONV2D_W] = s.w;
    unpadded[OVC_CONV2D_PAD_TOP] = s.pt;
    unpadded[OVC_CONV2D_PAD_LEFT] = s.pl;
    family.conv(input.data(), filter.data(), bias.data(), filter.data(),
                expected.data(), unpadded.data());
  } else {
    family.conv(padded.data(), filter.data(), bias.data(), filter.data(),
                expected.data(), params.data());
  }

  params[OVC_CONV2D_H] = s.h;
  params[OVC_CONV2D_W] = s.w;
  params[OVC_CONV2D_PAD_TOP] = s.pt;
  params[OVC_CONV2D_PAD_LEFT] = s.pl;
  params[OVC_CONV2D_BLOCKED_OUTPUT] = 1;
  std::vector<float> blockedOut(expected.size() + 2 * v, 12345.0f);
  family.conv(input.data(), filter.data(), bias.data(), filter.data(),
              blockedOut.data(), params.data());
  for (size_t i = expected.size(); i < blockedOut.size(); ++i)
    ASSERT_EQ(blockedOut[i], 12345.0f) << "wrote past the output";
  expectSameBits(fromBlocked(family, blockedOut, s.n, oc, oh, ow), expected);
}

const StemShape kStemShapes[] = {
    // n c   h   w out kh kw pt pl pb pr bias  min    max
    // face-detection-adas's stem (3 -> 3 vectors, an odd one), narrower;
    // whole filter blocks; one vector; 4 channels on a row of 65 pixels
    // (partial last tiles); no padding; a 2x2 window; a batch; the widest
    // rows the phase-row buffer takes (448 output pixels).
    {1, 3, 38, 70, 3, 3, 3, 1, 1, 1, 1, true, true, false},
    {1, 3, 17, 33, 2, 3, 3, 1, 1, 1, 1, true, false, true},
    {1, 1, 9, 20, 1, 3, 3, 1, 1, 0, 0, false, false, false},
    {1, 4, 10, 130, 5, 3, 3, 1, 1, 1, 1, true, true, true},
    {1, 3, 11, 29, 4, 3, 3, 0, 0, 0, 0, true, true, false},
    {2, 2, 8, 14, 2, 2, 2, 0, 0, 0, 0, true, false, false},
    {1, 3, 5, 896, 2, 3, 3, 1, 1, 1, 1, true, true, false},
};

TEST(BlockedUkernel, StemWritesBlocksBitForBit) {
  ovc::test::forEachRunnable(families(), kStemShapes,
                             [](const Family &family, const StemShape &shape) {
                               checkStem(family, shape, 6);
                             });
}

TEST(BlockedUkernel, StemSameBitsOnThreads) {
  ovc::test::ScopedThreadPool pool(3);
  ovc::test::forEachRunnable(families(), kStemShapes,
                             [](const Family &family, const StemShape &shape) {
                               checkStem(family, shape, 10);
                             });
}

} // namespace
