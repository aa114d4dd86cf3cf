//===- CpuUkernelTest.cpp - the per-ISA CPU microkernels ------------------===//
//
// Each family's ovc_conv2d_f32 and ovc_depthwise_conv2d_f32 against a plain
// loop nest that sums in the documented order ((c,) kh, kw) with the
// family's rounding, and ovc_max_pool2d_f32 against IEEE maximum: the
// results must be bit-identical, across strides, dilations, padding,
// channel and row tails, the pointwise long-row form, batches and threads.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/ukernels/ukernels.h"
#include "test/unit/UkernelTestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {

// ovc_conv2d_f32_*: input, filter, bias, residual, output, params.
using ConvKernel = void (*)(const float *, const float *, const float *,
                            const float *, float *, const float *);
// ovc_depthwise_conv2d_f32_*: input, filter, bias, output, params.
using Kernel = void (*)(const float *, const float *, const float *, float *,
                        const float *);

// ovc_max_pool2d_f32_*: input, output, params.
using PoolKernel = void (*)(const float *, float *, const float *);

struct Family {
  const char *name;
  ConvKernel kernel;
  Kernel depthwise;
  PoolKernel maxPool;
  int block;
  bool fma;
  bool supported;
};

std::vector<Family> families() {
  return {
      {"sse41", ovc_conv2d_f32_sse41, ovc_depthwise_conv2d_f32_sse41,
       ovc_max_pool2d_f32_sse41, OVC_CONV2D_BLOCK_SSE41, false,
       ovc::test::runsSse41()},
      {"avx2", ovc_conv2d_f32_avx2, ovc_depthwise_conv2d_f32_avx2,
       ovc_max_pool2d_f32_avx2, OVC_CONV2D_BLOCK_AVX2, true,
       ovc::test::runsAvx2()},
      {"avx512", ovc_conv2d_f32_avx512, ovc_depthwise_conv2d_f32_avx512,
       ovc_max_pool2d_f32_avx512, OVC_CONV2D_BLOCK_AVX512, true,
       ovc::test::runsAvx512()},
  };
}

struct Shape {
  int64_t n, c, h, w, oc, kh, kw, sh, sw, dh, dw;
  bool bias, hasMin, hasMax;
  bool residual = false; // a skip connection added before the clamp
  // Zeros around the input that the kernel supplies: the phase-row stems
  // (ovc_conv2d_from_phase_rows) read the input as it is, the other layers
  // a copy each thread pads for itself (ovc_conv2d_pads_privately).
  int64_t pt = 0, pl = 0, pb = 0, pr = 0;
};

// The clamp bounds every test uses.
constexpr float kLo = -0.25f, kHi = 0.5f;

// The documented epilogue: + bias, then max(min), then min(max).
float epilogue(float acc, float bias, bool hasBias, bool hasMin, bool hasMax,
               const float *residual = nullptr) {
  if (hasBias)
    acc += bias;
  if (residual)
    acc += *residual;
  if (hasMin && acc < kLo)
    acc = kLo;
  if (hasMax && acc > kHi)
    acc = kHi;
  return acc;
}

// The kernels' parameter array for `s` (ukernels.h).
void setParams(float *params, const Shape &s, int64_t oh, int64_t ow) {
  std::fill(params, params + OVC_CONV2D_NUM_PARAMS, 0.0f);
  params[OVC_CONV2D_N] = s.n;
  params[OVC_CONV2D_C] = s.c;
  params[OVC_CONV2D_H] = s.h;
  params[OVC_CONV2D_W] = s.w;
  params[OVC_CONV2D_OC] = s.oc;
  params[OVC_CONV2D_OH] = oh;
  params[OVC_CONV2D_OW] = ow;
  params[OVC_CONV2D_KH] = s.kh;
  params[OVC_CONV2D_KW] = s.kw;
  params[OVC_CONV2D_SH] = s.sh;
  params[OVC_CONV2D_SW] = s.sw;
  params[OVC_CONV2D_DH] = s.dh;
  params[OVC_CONV2D_DW] = s.dw;
  params[OVC_CONV2D_HAS_BIAS] = s.bias;
  params[OVC_CONV2D_HAS_MIN] = s.hasMin;
  params[OVC_CONV2D_MIN] = kLo;
  params[OVC_CONV2D_HAS_MAX] = s.hasMax;
  params[OVC_CONV2D_MAX] = kHi;
  params[OVC_CONV2D_HAS_RESIDUAL] = s.residual;
  params[OVC_CONV2D_PAD_TOP] = s.pt;
  params[OVC_CONV2D_PAD_LEFT] = s.pl;
  params[OVC_CONV2D_PAD_BOTTOM] = s.pb;
  params[OVC_CONV2D_PAD_RIGHT] = s.pr;
}

void check(const Family &family, const Shape &s, uint32_t seed) {
  SCOPED_TRACE(family.name);
  SCOPED_TRACE(::testing::Message()
               << "shape n" << s.n << " " << s.c << "x" << s.h << "x" << s.w
               << " -> " << s.oc << " k" << s.kh << "x" << s.kw << " s" << s.sh
               << "x" << s.sw << " d" << s.dh << "x" << s.dw
               << (s.residual ? " residual" : ""));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  int64_t oh = (s.h + s.pt + s.pb - (s.dh * (s.kh - 1) + 1)) / s.sh + 1;
  int64_t ow = (s.w + s.pl + s.pr - (s.dw * (s.kw - 1) + 1)) / s.sw + 1;
  std::vector<float> input(s.n * s.c * s.h * s.w),
      filter(s.oc * s.c * s.kh * s.kw), bias(s.oc);
  for (float &v : input)
    v = dist(rng);
  for (float &v : filter)
    v = dist(rng);
  for (float &v : bias)
    v = dist(rng);
  std::vector<float> skip(s.n * s.oc * oh * ow);
  for (float &v : skip)
    v = dist(rng);

  // Packed as the compiler packs: [OC / B, C, KH, KW, B], zeros past OC.
  int64_t b = family.block, blocks = (s.oc + b - 1) / b;
  int64_t window = s.c * s.kh * s.kw;
  std::vector<float> packed(blocks * window * b, 0.0f),
      packedBias(blocks * b, 0.0f);
  for (int64_t o = 0; o < s.oc; ++o) {
    for (int64_t i = 0; i < window; ++i)
      packed[((o / b) * window + i) * b + o % b] = filter[o * window + i];
    packedBias[o] = bias[o];
  }

  std::vector<float> expected(s.n * s.oc * oh * ow);
  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t o = 0; o < s.oc; ++o)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t x = 0; x < ow; ++x) {
          float acc = 0.0f;
          for (int64_t c = 0; c < s.c; ++c)
            for (int64_t ky = 0; ky < s.kh; ++ky)
              for (int64_t kx = 0; kx < s.kw; ++kx) {
                // Taps in the padding multiply zeros, as the loops'
                // zero-padded copy does.
                int64_t iy = y * s.sh + ky * s.dh - s.pt;
                int64_t ix = x * s.sw + kx * s.dw - s.pl;
                float in = iy >= 0 && iy < s.h && ix >= 0 && ix < s.w
                               ? input[((n * s.c + c) * s.h + iy) * s.w + ix]
                               : 0.0f;
                float w = filter[((o * s.c + c) * s.kh + ky) * s.kw + kx];
                if (family.fma) {
                  acc = std::fma(in, w, acc);
                } else {
                  volatile float product = in * w;
                  acc = acc + product;
                }
              }
          expected[((n * s.oc + o) * oh + y) * ow + x] = epilogue(
              acc, bias[o], s.bias, s.hasMin, s.hasMax,
              s.residual ? &skip[((n * s.oc + o) * oh + y) * ow + x] : nullptr);
        }

  float params[OVC_CONV2D_NUM_PARAMS];
  setParams(params, s, oh, ow);
  // A pointwise, unit-stride convolution without padding also runs as one
  // long row, as the compiler calls it.
  bool longRow = s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1 && !s.pt &&
                 !s.pl && !s.pb && !s.pr;
  for (int form = 0; form < (longRow ? 2 : 1); ++form) {
    float p[OVC_CONV2D_NUM_PARAMS];
    std::memcpy(p, params, sizeof p);
    if (form == 1) {
      p[OVC_CONV2D_W] = p[OVC_CONV2D_OW] = s.h * s.w;
      p[OVC_CONV2D_H] = p[OVC_CONV2D_OH] = 1;
    }
    // The sentinel around the output catches writes past its end.
    std::vector<float> output(expected.size() + 64, 12345.0f);
    family.kernel(input.data(), packed.data(), packedBias.data(), skip.data(),
                  output.data(), p);
    for (size_t i = 0; i < expected.size(); ++i)
      ASSERT_EQ(std::memcmp(&output[i], &expected[i], sizeof(float)), 0)
          << "element " << i << ": " << output[i] << " vs " << expected[i]
          << " (form " << form << ")";
    for (size_t i = expected.size(); i < output.size(); ++i)
      ASSERT_EQ(output[i], 12345.0f) << "wrote past the output";
  }
}

const Shape kShapes[] = {
    // n  c   h   w  oc kh kw sh sw dh dw bias  min    max
    {1, 3, 9, 11, 16, 3, 3, 1, 1, 1, 1, true, false, false},
    {1, 3, 17, 23, 17, 3, 3, 2, 2, 1, 1, true, true, false},
    {2, 5, 10, 13, 40, 3, 3, 1, 2, 2, 1, false, true, true},
    {1, 8, 7, 7, 33, 1, 1, 1, 1, 1, 1, true, true, false},
    {1, 4, 12, 9, 8, 2, 3, 3, 3, 1, 2, false, false, true},
    {1, 1, 5, 50, 3, 1, 5, 1, 1, 1, 1, true, false, false},
    {1, 16, 14, 14, 64, 1, 1, 1, 1, 1, 1, false, false, false},
    {1, 4, 6, 60, 22, 3, 3, 1, 1, 1, 2, true, true, true},
    {2, 3, 3, 200, 7, 1, 3, 1, 1, 1, 1, true, false, true},
    {1, 8, 5, 40, 3, 3, 3, 1, 1, 1, 1, true, true, false},
    // Pointwise GEMM path: long runs of tiles sharing a panel (few input
    // channels), several panels per tile with partial sums carried through
    // the output (more input channels than a panel holds), channel groups
    // across filter blocks, pixel tails, and an image smaller than a tile.
    {2, 3, 40, 50, 20, 1, 1, 1, 1, 1, 1, true, true, true},
    {1, 300, 5, 7, 13, 1, 1, 1, 1, 1, 1, true, true, false},
    {1, 600, 4, 9, 38, 1, 1, 1, 1, 1, 1, false, false, false},
    {1, 70, 3, 3, 7, 1, 1, 1, 1, 1, 1, true, false, false},
    // Last channel groups of 1 to 5 of 6 (7, 13, 20, 33 and 64 above, 11
    // here) and of 1 to 7 of AVX-512's 8 (33, 10, 11, 20, 13, 38, 7).
    {1, 20, 6, 7, 11, 1, 1, 1, 1, 1, 1, true, true, false},
    {1, 24, 5, 13, 10, 1, 1, 1, 1, 1, 1, true, false, true},
    // Images whose last pixels are no whole vector: those go to channel
    // tiles, per image and filter block (with a residual, after partial
    // sums over several panels for the rest).
    {2, 130, 3, 7, 40, 1, 1, 1, 1, 1, 1, true, true, false, true},
    {1, 40, 14, 14, 70, 1, 1, 1, 1, 1, 1, true, false, true},
    // A residual added before the clamp, in each tile: the channel tile's
    // transposed store, the row tile, the pointwise GEMM (with partial sums
    // over several panels).
    {1, 40, 9, 11, 20, 3, 3, 1, 1, 1, 1, true, true, false, true},
    {2, 3, 6, 60, 7, 3, 3, 1, 1, 1, 1, false, true, true, true},
    {1, 300, 5, 7, 13, 1, 1, 1, 1, 1, 1, true, true, false, true},
    {2, 3, 40, 50, 20, 1, 1, 1, 1, 1, 1, true, false, true, true},
    // One to three output channels over long rows: the narrow row tiles.
    {1, 8, 6, 220, 1, 3, 3, 1, 1, 1, 1, true, true, true, true},
    {1, 5, 4, 130, 2, 3, 3, 1, 1, 1, 1, true, false, false},
    {2, 4, 5, 100, 3, 3, 3, 1, 1, 2, 1, false, true, false, true},
    {1, 6, 4, 90, 5, 3, 3, 1, 1, 1, 1, true, true, false},
    {1, 4, 3, 70, 10, 1, 3, 1, 1, 1, 1, true, false, true, true},
    // A last block of at most one vector of channels: the one-vector
    // channel tile, twice as wide (full tiles and every partial width).
    {1, 40, 5, 19, 18, 3, 3, 1, 1, 1, 1, true, false, false},
    {1, 3, 9, 61, 24, 3, 3, 2, 2, 1, 1, true, true, true},
    {1, 20, 4, 30, 20, 3, 3, 1, 1, 1, 1, true, true, false, true},
    {1, 6, 3, 53, 37, 3, 3, 1, 1, 1, 1, false, false, true},
    // A last block of more than one vector but less than a whole block, in
    // flattened channel tiles: 28 = 16 + 12 channels on AVX2, 17 of 32 on
    // AVX-512; nothing may be written for the channels past OC.
    {2, 8, 6, 9, 28, 3, 3, 1, 1, 1, 1, true, false, false},
    {1, 12, 7, 8, 17, 3, 3, 1, 1, 1, 1, false, true, false, true},
    // A whole block and then 24 of 32 (AVX-512) at unit stride, with a
    // residual, on a plane too small for pitch tiles.
    {1, 8, 6, 9, 56, 3, 3, 1, 1, 1, 1, true, true, false, true},
    // A block's last few channels in pitch tiles, along the input's row
    // pitch: SSD heads' 36 (a last block of 4 channels) and 18 (16 + 2) on
    // 19 x 19, in several pixel chunks; 5 channels past a vector (tiles of 4
    // and 1), two images and a residual; a dilated layer; tiles of 3 and 2
    // channels (1 above, on 218-wide rows). The last tile of a plane may
    // read from before its first position.
    {1, 40, 21, 21, 36, 3, 3, 1, 1, 1, 1, true, true, false},
    {1, 40, 21, 21, 18, 3, 3, 1, 1, 1, 1, true, false, false},
    {2, 9, 16, 17, 21, 3, 3, 1, 1, 1, 1, true, true, true, true},
    {1, 8, 20, 20, 7, 3, 3, 1, 1, 2, 2, false, false, true},
    {1, 9, 7, 60, 3, 3, 3, 1, 1, 1, 1, true, true, true},
    {2, 8, 9, 40, 2, 3, 3, 1, 1, 1, 1, false, true, false, true},
    // Row tiles at stride 2 (short sums, fewer channels than a block; the
    // 3x3 ones over up to 4 channels go to phase rows where OC is no whole
    // number of blocks, which the families' blocks make vary): an
    // RGB stem's 3 -> 24 (a whole tile and channel tiles after it), the
    // same where a tile's deinterleaving loads would read one value past
    // the input row (W = 2 * OW + 1: channel tiles take the row), two
    // images with a residual, a dilated one, and tiles of 1 and 3 channels.
    {1, 3, 17, 67, 24, 3, 3, 2, 2, 1, 1, true, true, false},
    {1, 3, 5, 65, 24, 3, 3, 2, 2, 1, 1, true, false, false},
    {2, 3, 9, 70, 13, 3, 3, 2, 2, 1, 1, false, true, true, true},
    {1, 2, 13, 90, 10, 3, 3, 2, 2, 2, 2, true, false, true},
    {1, 3, 8, 420, 1, 3, 3, 2, 2, 1, 1, true, false, false},
    {1, 4, 5, 200, 3, 3, 3, 2, 2, 1, 1, false, true, false, true},
    // Stride-2 stems from phase rows (the shapes above at stride 2 with up
    // to 4 channels and 3x3 windows go there too): padded as the stems of
    // face-detection-adas (3 -> 24, pads 1) and of odd left padding (the
    // input's even columns in the odd phase), an output row of tiles and
    // every tail width, more channels than a tile holds with a last group
    // past OC, 4 channels, two images with a residual, a 1x3 window with
    // rows of padding only, a 2x2 window, and a row too wide for a vector
    // loop's reach (W = 2 * OW + 1).
    {1, 3, 20, 134, 24, 3, 3, 2, 2, 1, 1, true, true, false, false, 1, 1, 1, 1},
    {1, 3, 9, 77, 13, 3, 3, 2, 2, 1, 1, true, false, true, false, 0, 1, 0, 2},
    {1, 4, 7, 129, 70, 3, 3, 2, 2, 1, 1, false, true, false, false, 1, 0, 0, 0},
    {2, 2, 6, 41, 5, 3, 3, 2, 2, 1, 1, true, true, true, true, 1, 1, 1, 1},
    {1, 1, 4, 50, 3, 1, 3, 2, 2, 1, 1, true, false, false, false, 2, 1, 2, 1},
    {1, 3, 8, 33, 9, 2, 2, 3, 2, 1, 1, false, false, false, false, 0, 1, 1, 0},
    {1, 3, 5, 2 * 40 + 1, 20, 3, 3, 2, 2, 1, 1, true, false, false},
    // Row tiles of 8 channels (AVX-512): 16 -> 16 with a long sum, and
    // 8 + 4 + 1 channels with a residual.
    {1, 16, 7, 61, 16, 3, 3, 1, 1, 1, 1, true, true, false},
    {1, 40, 9, 42, 13, 3, 3, 1, 1, 1, 1, false, true, true, true},
    // Row tiles in channel passes, their rows' columns too many for L1 in
    // one: super-resolution's 80 -> 8 (8 + 0 channels on AVX-512, 4 + 4
    // elsewhere) with a residual and tiles that end before the row does,
    // 60 -> 3 in one tile of 3 channels, and a dilated 50 -> 1 on two
    // images.
    {1, 80, 5, 150, 8, 3, 3, 1, 1, 1, 1, true, true, true, true},
    {1, 60, 4, 101, 3, 3, 3, 1, 1, 1, 1, true, false, true},
    {2, 50, 7, 70, 1, 3, 3, 1, 1, 2, 2, false, true, false, true},
    // Stride 2, short sums and whole blocks: channel tiles, or on AVX-512
    // with several threads row tiles where rows are 4 vectors or wider
    // (vehicle-attributes' 1x1 64 -> 128 on 18 x 18, with fewer channels).
    {1, 64, 18, 18, 40, 1, 1, 2, 2, 1, 1, true, true, false},
    {1, 8, 6, 140, 40, 1, 1, 2, 2, 1, 1, true, false, true, true},
    // Padded privately: vehicle-attributes' 3x3 layers (64 -> 64 on 18 x
    // 18 with a residual, its stride-2 one) in flattened channel tiles,
    // its 7x7 stride-2 stem with pads of 3, two images, row tiles (a short
    // sum), pitch tiles (an SSD head's 36 on 19 x 19), a dilated layer,
    // uneven pads, and a padded 1x1 layer (the pointwise path, whose
    // border pixels are bias alone).
    {1, 64, 18, 18, 64, 3, 3, 1, 1, 1, 1, true, true, false, true, 1, 1, 1, 1},
    {1, 16, 18, 18, 40, 3, 3, 2, 2, 1, 1, true, true, false, false, 1, 1, 1, 1},
    {1, 3, 20, 22, 64, 7, 7, 2, 2, 1, 1, true, true, false, false, 3, 3, 3, 3},
    {2, 8, 9, 13, 20, 3, 3, 1, 1, 1, 1, false, false, true, true, 1, 1, 1, 1},
    {1, 4, 6, 60, 3, 3, 3, 1, 1, 1, 1, true, false, false, false, 1, 1, 1, 1},
    {1, 40, 19, 19, 36, 3, 3, 1, 1, 1, 1, true, true, false, false, 1, 1, 1, 1},
    {1, 8, 16, 16, 20, 3, 3, 1, 1, 2, 2, true, false, true, false, 2, 2, 2, 2},
    {1, 6, 9, 11, 17, 3, 2, 1, 2, 1, 1, false, true, false, true, 0, 2, 1, 0},
    {1, 8, 5, 7, 20, 1, 1, 1, 1, 1, 1, true, false, false, false, 1, 0, 2, 1},
    // Padded privately in bands of rows (inputs over
    // OVC_CONV2D_PRIVATE_PAD_FLOATS): row tiles in channel passes over two
    // bands, flattened channel tiles with pitch tiles for the last 4
    // channels over two bands (their tiles read rows past the chunk's),
    // and two images at stride 2, dilated, one band each.
    {1, 40, 120, 60, 8, 3, 3, 1, 1, 1, 1, true, true, false, true, 1, 1, 1, 1},
    {1, 24, 250, 48, 20, 3, 3, 1, 1, 1, 1, true, false, true, false, 1, 1, 1,
     1},
    {2, 16, 140, 64, 12, 3, 3, 2, 2, 2, 1, false, true, false, true, 2, 1, 1,
     2},
};

TEST(ConvUkernel, MatchesOrderedReferenceBitForBit) {
  ovc::test::forEachRunnable(families(), kShapes,
                             [](const Family &family, const Shape &shape) {
                               check(family, shape, 7);
                             });
}

TEST(ConvUkernel, SameBitsOnThreads) {
  for (int32_t threads : {2, 3}) {
    ovc::test::ScopedThreadPool pool(threads);
    ovc::test::forEachRunnable(families(), kShapes,
                               [](const Family &family, const Shape &shape) {
                                 check(family, shape, 11);
                               });
  }
}

// Depthwise: every channel its own plane and filter [C, KH, KW], each tap
// one fused multiply-add where the layer asks for it (FUSED_MADD) and the
// family has FMA, else its product rounded before the sum; the input is
// unpadded and the
// kernel multiplies the taps in the padding as zeros, as the loops multiply
// their zero-filled copy (a padded tap of an infinite filter value gives a
// NaN, not nothing).
struct DepthwiseShape {
  int64_t n, c, h, w, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
  bool bias, hasMin, hasMax;
};

void checkDepthwise(const Family &family, const DepthwiseShape &s,
                    uint32_t seed, bool fused) {
  SCOPED_TRACE(family.name);
  SCOPED_TRACE(fused ? "fused multiply-adds" : "rounded products");
  SCOPED_TRACE(::testing::Message()
               << "shape " << s.c << "x" << s.h << "x" << s.w << " k" << s.kh
               << "x" << s.kw << " s" << s.sw << " d" << s.dw);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  int64_t oh = (s.h + s.pt + s.pb - (s.dh * (s.kh - 1) + 1)) / s.sh + 1;
  int64_t ow = (s.w + s.pl + s.pr - (s.dw * (s.kw - 1) + 1)) / s.sw + 1;
  std::vector<float> input(s.n * s.c * s.h * s.w), filter(s.c * s.kh * s.kw),
      bias(s.c);
  for (auto *values : {&input, &filter, &bias})
    for (float &v : *values)
      v = dist(rng);
  // A NaN must come out as NaN through the clamp.
  input[input.size() / 2] = std::nanf("");
  // Channel 0's first tap is infinite: inf where it falls inside the
  // input, NaN where it falls in the padding.
  filter[0] = INFINITY;
  std::vector<float> expected(s.n * s.c * oh * ow);
  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t c = 0; c < s.c; ++c)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t x = 0; x < ow; ++x) {
          float acc = 0.0f;
          for (int64_t ky = 0; ky < s.kh; ++ky)
            for (int64_t kx = 0; kx < s.kw; ++kx) {
              int64_t iy = y * s.sh - s.pt + ky * s.dh;
              int64_t ix = x * s.sw - s.pl + kx * s.dw;
              bool inside = iy >= 0 && iy < s.h && ix >= 0 && ix < s.w;
              float in =
                  inside ? input[((n * s.c + c) * s.h + iy) * s.w + ix] : 0.0f;
              float w = filter[(c * s.kh + ky) * s.kw + kx];
              if (fused && family.fma) {
                acc = std::fma(in, w, acc);
              } else {
                volatile float product = in * w;
                acc = acc + product;
              }
            }
          expected[((n * s.c + c) * oh + y) * ow + x] =
              epilogue(acc, bias[c], s.bias, s.hasMin, s.hasMax);
        }
  float params[OVC_CONV2D_NUM_PARAMS];
  setParams(params,
            {s.n, s.c, s.h, s.w, s.c, s.kh, s.kw, s.sh, s.sw, s.dh, s.dw,
             s.bias, s.hasMin, s.hasMax},
            oh, ow);
  params[OVC_CONV2D_PAD_TOP] = s.pt;
  params[OVC_CONV2D_PAD_LEFT] = s.pl;
  params[OVC_CONV2D_FUSED_MADD] = fused;
  std::vector<float> output(expected.size() + 64, 12345.0f);
  family.depthwise(input.data(), filter.data(), bias.data(), output.data(),
                   params);
  for (size_t i = 0; i < expected.size(); ++i) {
    // Where two NaNs meet in a sum (the input's and a padded tap's), which
    // one comes out depends on the operand order the compiler picked for
    // the add; any NaN is right there.
    if (std::isnan(output[i]) && std::isnan(expected[i]))
      continue;
    ASSERT_EQ(std::memcmp(&output[i], &expected[i], sizeof(float)), 0)
        << "element " << i << ": " << output[i] << " vs " << expected[i];
  }
  for (size_t i = expected.size(); i < output.size(); ++i)
    ASSERT_EQ(output[i], 12345.0f) << "wrote past the output";
}

const DepthwiseShape kDepthwiseShapes[] = {
    // n  c   h    w kh kw sh sw dh dw pt pl pb pr bias  min    max
    {1, 3, 10, 70, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, true, false},
    {2, 5, 19, 131, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, true, true},
    {1, 4, 9, 66, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, false, false, false},
    {1, 2, 12, 80, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, true, false, true},
    {1, 3, 11, 100, 5, 5, 3, 3, 1, 1, 2, 2, 2, 2, true, true, false},
    {1, 6, 8, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, true, false},
    {1, 2, 5, 300, 1, 7, 1, 1, 1, 1, 0, 3, 0, 3, false, true, true},
    {1, 3, 6, 64, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0, true, false, false},
    {1, 2, 4, 40, 3, 3, 1, 1, 1, 1, 3, 5, 3, 5, true, true, true},
    // Stride 2 with its edge vectors (masked pairs of loads): dilated (the
    // run-time tap loop), a 5-wide window, a row shorter than a vector.
    {1, 3, 9, 45, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, true, false, true},
    {1, 2, 7, 77, 5, 5, 2, 2, 1, 1, 2, 2, 2, 2, false, true, false},
    {1, 2, 6, 11, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, true, true},
    // Blocks of output rows (3x3, stride 1 or 2): a height that is not a
    // multiple of the block, an AVX-512 row of edge, interior and edge
    // vectors, a single output pixel, and a row too wide for the blocks.
    {1, 5, 13, 42, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, true, false},
    {2, 3, 10, 84, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, false, true},
    {1, 2, 3, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, false, false},
    {1, 1, 3, 4100, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, false, true, false},
    // Wide rows in blocks: face-detection-adas's 336 pixels at stride 1,
    // 257 at stride 2 (an odd width: the last tap column masked), and the
    // widest input row the blocks take (4096 values, the zero row's
    // length) at stride 1 and 2.
    {1, 3, 7, 336, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, true, true},
    {1, 2, 9, 257, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, false, true},
    {1, 1, 5, 4096, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true, false, true},
    {1, 1, 5, 4096, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, false, true, false},
    // The row path's ring: rows wider than it holds at stride 2 (four
    // segments), and a window dilated down the rows (a ring of 16 rows).
    {1, 2, 5, 5000, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, true, false, false},
    {1, 2, 20, 50, 3, 3, 1, 1, 4, 1, 4, 1, 4, 1, true, true, false},
};

TEST(DepthwiseUkernel, MatchesOrderedReferenceBitForBit) {
  ovc::test::forEachRunnable(
      families(), kDepthwiseShapes,
      [](const Family &family, const DepthwiseShape &shape) {
        for (bool fused : {false, true})
          checkDepthwise(family, shape, 5, fused);
      });
}

TEST(DepthwiseUkernel, SameBitsOnThreads) {
  ovc::test::ScopedThreadPool pool(3);
  ovc::test::forEachRunnable(
      families(), kDepthwiseShapes,
      [](const Family &family, const DepthwiseShape &shape) {
        for (bool fused : {false, true})
          checkDepthwise(family, shape, 13, fused);
      });
}

// Max pooling: the IEEE maximum of the taps inside the input (-inf when a
// window has none); the input holds NaNs, both zeros and infinities.
struct PoolShape {
  int64_t n, c, h, w, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
};

float ieeeMaximum(float a, float b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) ? a : b;
  if (a == 0.0f && b == 0.0f)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

void checkMaxPool(const Family &family, const PoolShape &s, uint32_t seed) {
  SCOPED_TRACE(family.name);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, 31);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  int64_t oh = (s.h + s.pt + s.pb - (s.dh * (s.kh - 1) + 1)) / s.sh + 1;
  int64_t ow = (s.w + s.pl + s.pr - (s.dw * (s.kw - 1) + 1)) / s.sw + 1;
  std::vector<float> input(s.n * s.c * s.h * s.w);
  // Mostly random values, with both zeros, infinities and a few NaNs.
  for (float &v : input) {
    switch (pick(rng)) {
    case 0:
      v = 0.0f;
      break;
    case 1:
      v = -0.0f;
      break;
    case 2:
      v = -INFINITY;
      break;
    case 3:
      v = pick(rng) < 4 ? std::nanf("") : INFINITY;
      break;
    default:
      v = dist(rng);
    }
  }
  std::vector<float> expected(s.n * s.c * oh * ow);
  for (int64_t plane = 0; plane < s.n * s.c; ++plane)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x) {
        float acc = -INFINITY;
        for (int64_t ky = 0; ky < s.kh; ++ky)
          for (int64_t kx = 0; kx < s.kw; ++kx) {
            int64_t iy = y * s.sh - s.pt + ky * s.dh;
            int64_t ix = x * s.sw - s.pl + kx * s.dw;
            if (iy >= 0 && iy < s.h && ix >= 0 && ix < s.w)
              acc = ieeeMaximum(acc, input[(plane * s.h + iy) * s.w + ix]);
          }
        expected[(plane * oh + y) * ow + x] = acc;
      }
  float params[OVC_POOL2D_NUM_PARAMS] = {};
  params[OVC_POOL2D_N] = s.n;
  params[OVC_POOL2D_C] = s.c;
  params[OVC_POOL2D_H] = s.h;
  params[OVC_POOL2D_W] = s.w;
  params[OVC_POOL2D_OH] = oh;
  params[OVC_POOL2D_OW] = ow;
  params[OVC_POOL2D_KH] = s.kh;
  params[OVC_POOL2D_KW] = s.kw;
  params[OVC_POOL2D_SH] = s.sh;
  params[OVC_POOL2D_SW] = s.sw;
  params[OVC_POOL2D_DH] = s.dh;
  params[OVC_POOL2D_DW] = s.dw;
  params[OVC_POOL2D_PAD_TOP] = s.pt;
  params[OVC_POOL2D_PAD_LEFT] = s.pl;
  std::vector<float> output(expected.size() + 64, 12345.0f);
  family.maxPool(input.data(), output.data(), params);
  for (size_t i = 0; i < expected.size(); ++i) {
    bool same = std::isnan(expected[i])
                    ? std::isnan(output[i])
                    : std::memcmp(&output[i], &expected[i], sizeof(float)) == 0;
    ASSERT_TRUE(same) << "element " << i << ": " << output[i] << " vs "
                      << expected[i];
  }
  for (size_t i = expected.size(); i < output.size(); ++i)
    ASSERT_EQ(output[i], 12345.0f) << "wrote past the output";
}

const PoolShape kPoolShapes[] = {
    // n  c   h    w kh kw sh sw dh dw pt pl pb pr
    {1, 3, 17, 113, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0},
    {2, 4, 12, 80, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0},
    {1, 3, 9, 70, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
    {1, 2, 13, 101, 3, 3, 2, 2, 1, 1, 1, 1, 2, 2},
    {1, 2, 10, 90, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2},
    {1, 5, 6, 7, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1},
    {1, 1, 3, 40, 3, 5, 1, 1, 1, 1, 2, 4, 2, 4},
    // Ceil-rounded 3x3 / 2 pools (squeezenet's): the row's last vector
    // overlaps the one before it, and a 14-wide row has no full second one.
    {1, 3, 7, 28, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1},
    {1, 2, 5, 56, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1},
    {1, 2, 5, 19, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1},
    {1, 2, 4, 21, 2, 2, 1, 1, 1, 1, 0, 0, 1, 1},
    // Rows narrower than a vector (head-pose's 8 -> 4), windows wholly in
    // the top and bottom padding, rows wider than the row buffer (pooled
    // a piece at a time) and windows wider than it (pixel by pixel).
    {1, 3, 6, 8, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1},
    {1, 2, 5, 13, 2, 2, 1, 1, 1, 1, 2, 1, 2, 1},
    {1, 1, 3, 4500, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0},
    {1, 1, 2, 2300, 1, 3, 1, 1, 1, 1100, 0, 0, 0, 0},
    // Two images of vehicle-attributes' ceil-rounded pool, and the piece
    // and pixel paths over several rows (on threads, each gets a share).
    {2, 6, 36, 36, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1},
    {1, 2, 15, 4500, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0},
    {2, 1, 7, 2300, 1, 3, 1, 1, 1, 1100, 0, 0, 0, 0},
};

TEST(MaxPoolUkernel, MatchesIeeeMaximum) {
  ovc::test::forEachRunnable(families(), kPoolShapes,
                             [](const Family &family, const PoolShape &shape) {
                               checkMaxPool(family, shape, 17);
                             });
}

TEST(MaxPoolUkernel, SameBitsOnThreads) {
  for (int32_t threads : {2, 3}) {
    ovc::test::ScopedThreadPool pool(threads);
    ovc::test::forEachRunnable(
        families(), kPoolShapes,
        [](const Family &family, const PoolShape &shape) {
          checkMaxPool(family, shape, 19);
        });
  }
}

// ovc_pad2d_f32: the input in the interior, zeros around it, on 1 to 3
// threads. Rows of 1500 floats make chunks of a few rows, so that chunks
// start in top pads, in data rows and in bottom pads (3 threads: 12 chunks
// of 2 of each plane's 8 rows).
TEST(Pad2D, InteriorAndZerosOnThreads) {
  struct PadShape {
    int64_t n, c, h, w, top, left, bottom, right;
  };
  const PadShape shapes[] = {
      {1, 3, 5, 1500, 1, 2, 2, 3}, {2, 2, 7, 1200, 0, 1, 3, 0},
      {1, 64, 18, 18, 1, 1, 1, 1}, {1, 3, 72, 72, 3, 3, 3, 3},
      {1, 5, 4, 3, 2, 0, 0, 2},
  };
  for (int32_t threads : {1, 2, 3}) {
    ovc::test::ScopedThreadPool pool(threads);
    for (const PadShape &s : shapes) {
      SCOPED_TRACE(::testing::Message()
                   << threads << " threads, " << s.n << "x" << s.c << "x" << s.h
                   << "x" << s.w << " pads " << s.top << " " << s.left << " "
                   << s.bottom << " " << s.right);
      std::vector<float> input(s.n * s.c * s.h * s.w);
      for (size_t i = 0; i < input.size(); ++i)
        input[i] = float(i % 1009) + 0.5f;
      const int64_t ph = s.top + s.h + s.bottom, pw = s.left + s.w + s.right;
      // The sentinel after the output catches writes past its end.
      std::vector<float> output(s.n * s.c * ph * pw + 16, -7.0f);
      float params[OVC_PAD2D_NUM_PARAMS] = {};
      params[OVC_PAD2D_N] = s.n;
      params[OVC_PAD2D_C] = s.c;
      params[OVC_PAD2D_H] = s.h;
      params[OVC_PAD2D_W] = s.w;
      params[OVC_PAD2D_PAD_TOP] = s.top;
      params[OVC_PAD2D_PAD_LEFT] = s.left;
      params[OVC_PAD2D_PAD_BOTTOM] = s.bottom;
      params[OVC_PAD2D_PAD_RIGHT] = s.right;
      ovc_pad2d_f32(input.data(), output.data(), params);
      for (int64_t plane = 0; plane < s.n * s.c; ++plane)
        for (int64_t y = 0; y < ph; ++y)
          for (int64_t x = 0; x < pw; ++x) {
            const int64_t iy = y - s.top, ix = x - s.left;
            const float expected = iy >= 0 && iy < s.h && ix >= 0 && ix < s.w
                                       ? input[(plane * s.h + iy) * s.w + ix]
                                       : 0.0f;
            ASSERT_EQ(output[(plane * ph + y) * pw + x], expected)
                << "plane " << plane << " row " << y << " column " << x;
          }
      for (size_t i = output.size() - 16; i < output.size(); ++i)
        ASSERT_EQ(output[i], -7.0f) << "wrote past the output";
    }
  }
}

} // namespace
