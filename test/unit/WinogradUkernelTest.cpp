//===- WinogradUkernelTest.cpp - the Winograd F(2x2, 3x3) microkernels ----===//
//
// Each family's ovc_conv2d_winograd_f32 against a direct convolution in
// double precision. Winograd rounds differently from any direct sum, so
// each output must lie within a small multiple of float epsilon of the sum
// of its terms' magnitudes: an indexing slip (a wrong tap, channel, tile or
// lane) is off by about a term, far outside that bound. The cases cover
// odd output sizes (half-used tile rows and columns), rows ending in a
// partial vector, vectors running on across rows, output channels past a
// whole block, input channels in chunks, the epilogue, batches and
// threads.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/ukernels/ukernels.h"
#include "test/unit/UkernelTestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace {

using ConvKernel = void (*)(const float *, const float *, const float *,
                            const float *, float *, const float *);

struct Family {
  const char *name;
  ConvKernel kernel;
  int vlen;    // floats per vector
  int vectors; // vectors of tiles per multiply-add tile
  bool supported;
};

std::vector<Family> families() {
  return {
      {"sse41", ovc_conv2d_winograd_f32_sse41, 4,
       OVC_CONV2D_WINOGRAD_VECTORS_SSE41, ovc::test::runsSse41()},
      {"avx2", ovc_conv2d_winograd_f32_avx2, 8,
       OVC_CONV2D_WINOGRAD_VECTORS_AVX2, ovc::test::runsAvx2()},
      {"avx512", ovc_conv2d_winograd_f32_avx512, 16,
       OVC_CONV2D_WINOGRAD_VECTORS_AVX512, ovc::test::runsAvx512()},
  };
}

struct Shape {
  int64_t n, c, oh, ow, oc;
  bool bias, hasMin, hasMax, residual;
  // The kernel pads the input itself (PAD_* params; see
  // ovc_conv2d_pads_privately), else it reads a padded copy.
  bool kernelPads = false;
};

constexpr float kLo = -0.25f, kHi = 0.5f;

void check(const Family &family, const Shape &s, uint32_t seed) {
  // Layers the kernel has no plan for never reach it.
  long long lanes =
      (s.oh + 1) / 2 * ovc_conv2d_winograd_pitch(s.ow, family.vlen);
  long long chunk, run;
  if (!ovc_conv2d_winograd_plan(s.c, s.oc,
                                (lanes + family.vlen - 1) / family.vlen,
                                family.vlen, family.vectors, &chunk, &run))
    return;
  SCOPED_TRACE(family.name);
  SCOPED_TRACE(::testing::Message()
               << "shape n" << s.n << " " << s.c << "x" << s.oh << "x" << s.ow
               << " -> " << s.oc << (s.residual ? " residual" : "")
               << (s.kernelPads ? " kernel pads" : ""));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  // The kernel reads a padded input: one zero on each side.
  const int64_t h = s.oh + 2, w = s.ow + 2;
  std::vector<float> input(s.n * s.c * h * w, 0.0f), filter(s.oc * s.c * 9),
      bias(s.oc), skip(s.n * s.oc * s.oh * s.ow);
  for (int64_t i = 0; i < s.n * s.c; ++i)
    for (int64_t y = 1; y + 1 < h; ++y)
      for (int64_t x = 1; x + 1 < w; ++x)
        input[(i * h + y) * w + x] = dist(rng);
  for (auto *values : {&filter, &bias, &skip})
    for (float &v : *values)
      v = dist(rng);

  // Transformed as the compiler transforms: [ceil(OC / R), 16, C, R].
  std::vector<float> transformed(ovc_conv2d_winograd_filter_floats(s.oc, s.c));
  ovc_conv2d_winograd_pack(filter.data(), s.oc, s.c, transformed.data());

  float params[OVC_CONV2D_NUM_PARAMS] = {};
  params[OVC_CONV2D_N] = s.n;
  params[OVC_CONV2D_C] = s.c;
  params[OVC_CONV2D_H] = s.kernelPads ? s.oh : h;
  params[OVC_CONV2D_W] = s.kernelPads ? s.ow : w;
  if (s.kernelPads)
    params[OVC_CONV2D_PAD_TOP] = params[OVC_CONV2D_PAD_LEFT] =
        params[OVC_CONV2D_PAD_BOTTOM] = params[OVC_CONV2D_PAD_RIGHT] = 1;
  // The input without its zeros, for a kernel that pads it.
  std::vector<float> interior;
  for (int64_t i = 0; s.kernelPads && i < s.n * s.c; ++i)
    for (int64_t y = 1; y + 1 < h; ++y)
      interior.insert(interior.end(), &input[(i * h + y) * w + 1],
                      &input[(i * h + y) * w + w - 1]);
  params[OVC_CONV2D_OC] = s.oc;
  params[OVC_CONV2D_OH] = s.oh;
  params[OVC_CONV2D_OW] = s.ow;
  params[OVC_CONV2D_KH] = params[OVC_CONV2D_KW] = 3;
  params[OVC_CONV2D_SH] = params[OVC_CONV2D_SW] = 1;
  params[OVC_CONV2D_DH] = params[OVC_CONV2D_DW] = 1;
  params[OVC_CONV2D_HAS_BIAS] = s.bias;
  params[OVC_CONV2D_HAS_MIN] = s.hasMin;
  params[OVC_CONV2D_MIN] = kLo;
  params[OVC_CONV2D_HAS_MAX] = s.hasMax;
  params[OVC_CONV2D_MAX] = kHi;
  params[OVC_CONV2D_HAS_RESIDUAL] = s.residual;

  // The sentinel around the output catches writes past its end.
  const int64_t plane = s.oh * s.ow;
  std::vector<float> output(s.n * s.oc * plane + 64, 12345.0f);
  family.kernel(s.kernelPads ? interior.data() : input.data(),
                transformed.data(), bias.data(), skip.data(), output.data(),
                params);

  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t o = 0; o < s.oc; ++o)
      for (int64_t y = 0; y < s.oh; ++y)
        for (int64_t x = 0; x < s.ow; ++x) {
          double sum = 0.0, magnitude = 0.0;
          for (int64_t c = 0; c < s.c; ++c)
            for (int64_t ky = 0; ky < 3; ++ky)
              for (int64_t kx = 0; kx < 3; ++kx) {
                double term =
                    double(input[((n * s.c + c) * h + y + ky) * w + x + kx]) *
                    filter[((o * s.c + c) * 3 + ky) * 3 + kx];
                sum += term;
                magnitude += std::fabs(term);
              }
          const int64_t at = (n * s.oc + o) * plane + y * s.ow + x;
          if (s.bias)
            sum += bias[o];
          if (s.residual)
            sum += skip[at];
          if (s.hasMin)
            sum = std::max(sum, double(kLo));
          if (s.hasMax)
            sum = std::min(sum, double(kHi));
          // The transforms scale terms by up to 9/4 and add up to 16 of
          // them per point: 64 epsilons of the magnitude is a wide margin
          // for rounding and far below one term.
          double bound = 64 * 0x1p-23 * (magnitude + 2.0);
          ASSERT_NEAR(output[at], sum, bound)
              << "image " << n << " channel " << o << " at (" << y << ", " << x
              << ")";
        }
  for (size_t i = s.n * s.oc * plane; i < output.size(); ++i)
    ASSERT_EQ(output[i], 12345.0f) << "wrote past the output";
}

const Shape kShapes[] = {
    // n  c  oh  ow  oc  bias  min    max    residual
    {1, 16, 14, 14, 64, true, true, false, false},
    // Odd output sizes: the last tile row and column are half stored.
    {1, 3, 7, 9, 5, true, false, false, false},
    {2, 5, 11, 13, 13, false, true, true, true},
    // Rows of exactly one, and of just over one, vector of tiles per family
    // (4, 8, 16 tiles: 8, 16, 32 columns; 17 and 33 end in a partial one).
    {1, 8, 6, 8, 7, true, false, true, false},
    {1, 8, 5, 16, 12, true, true, false, true},
    {1, 6, 4, 17, 6, false, false, false, false},
    {1, 4, 9, 32, 19, true, true, true, false},
    {1, 4, 3, 33, 8, true, false, false, true},
    // Many tasks per image and several output-channel blocks.
    {1, 16, 40, 56, 20, true, true, false, false},
    // More input channels than a multiply-add tile's transformed input
    // fits the buffer for: chunks of them, the partial sums carried (300
    // on every family, 3 chunks on AVX2, with two images; 100 on AVX-512).
    // And one output pixel.
    {2, 300, 6, 18, 7, true, false, false, false},
    // Runs shortened to share the tasks among 3 threads, with more
    // channels per chunk (AVX2: 30 vectors, runs of 4 -> 2).
    {1, 300, 20, 40, 8, true, true, false, true},
    {1, 100, 5, 40, 8, false, true, false, true},
    {1, 9, 1, 1, 3, true, true, false, true},
    // Padded by the kernel: whole copies per thread (odd sizes, several
    // blocks, two images), and bands of rows of inputs over
    // OVC_CONV2D_PRIVATE_PAD_FLOATS (two bands, and two images of one).
    {1, 16, 14, 14, 64, true, true, false, false, true},
    {2, 5, 11, 13, 13, false, true, true, true, true},
    {1, 16, 150, 120, 8, true, false, true, true, true},
    {2, 16, 70, 90, 16, true, true, false, false, true},
};

TEST(WinogradUkernel, MatchesDirectConvolution) {
  ovc::test::forEachRunnable(families(), kShapes,
                             [](const Family &family, const Shape &shape) {
                               check(family, shape, 3);
                             });
}

TEST(WinogradUkernel, MatchesDirectConvolutionOnThreads) {
  for (int32_t threads : {2, 3}) {
    ovc::test::ScopedThreadPool pool(threads);
    ovc::test::forEachRunnable(families(), kShapes,
                               [](const Family &family, const Shape &shape) {
                                 check(family, shape, 17);
                               });
  }
}

} // namespace
