/*===- ukernels.h - ovc's per-ISA CPU microkernels -----------------------===*
 *
 * The microkernels generated code calls for its heaviest layers. Each is
 * compiled once per ISA family from one source (vector width, FMA and
 * register tile are the family's) and linked into every output with the
 * runtime stub; the compiler picks the family for its -target and packs
 * the weights at compile time into the layout that family reads.
 *
 * This header is shared with the compiler: the parameter indices below are
 * the layout of the f32 parameter array it builds (integers are exact).
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_TARGETS_CPU_UKERNELS_H
#define OVC_TARGETS_CPU_UKERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Output channels per packed filter block, for each ISA family: two vector
 * registers of output channels per output pixel. */
#define OVC_CONV2D_BLOCK_SSE41 8
#define OVC_CONV2D_BLOCK_AVX2 16
#define OVC_CONV2D_BLOCK_AVX512 32

/* ovc_conv2d_f32_<family>(input, filter, bias, residual, output, params)
 *
 *   input   [N, C, H, W], zero-padded unless the PAD_* parameters give
 *           the zeros the kernel supplies itself
 *   filter  [ceil(OC / B), C, KH, KW, B] (B = the family's block; output
 *           channels past OC are zero)
 *   bias    [ceil(OC / B) * B] when params[OVC_CONV2D_HAS_BIAS], else unused
 *   residual [N, OC, OH, OW] when params[OVC_CONV2D_HAS_RESIDUAL], else
 *           unused
 *   output  [N, OC, OH, OW]
 *
 * Each output is sum over (c, kh, kw), in that order, of input * filter,
 * accumulated with one rounding per step (FMA where the family has it),
 * then + bias, then + residual, then max(min), then min(max). This is the order
 * of the loops ovc generates, so a layer gives the same bits either way. */
enum ovc_conv2d_param {
  OVC_CONV2D_N,
  OVC_CONV2D_C,
  OVC_CONV2D_H,
  OVC_CONV2D_W,
  OVC_CONV2D_OC,
  OVC_CONV2D_OH,
  OVC_CONV2D_OW,
  OVC_CONV2D_KH,
  OVC_CONV2D_KW,
  OVC_CONV2D_SH,
  OVC_CONV2D_SW,
  OVC_CONV2D_DH,
  OVC_CONV2D_DW,
  OVC_CONV2D_HAS_BIAS,
  OVC_CONV2D_HAS_MIN,
  OVC_CONV2D_MIN,
  OVC_CONV2D_HAS_MAX,
  OVC_CONV2D_MAX,
  /* Zeros around the input that the kernel supplies itself (H and W then
   * exclude them): depthwise, stems from phase rows (top and left only),
   * and convolutions that pad privately (ovc_conv2d_pads_privately). */
  OVC_CONV2D_PAD_TOP,
  OVC_CONV2D_PAD_LEFT,
  /* Whether the convolution adds `residual` (not depthwise). */
  OVC_CONV2D_HAS_RESIDUAL,
  /* Depthwise: whether each tap's product and sum round once (a fused
   * multiply-add, on the families that have one), else twice. */
  OVC_CONV2D_FUSED_MADD,
  /* Convolution: whether the output is channel-blocked, [N, OC / V, OH,
   * OW, V] (see ovc_conv2d_writes_blocks). */
  OVC_CONV2D_BLOCKED_OUTPUT,
  /* Zeros below and right of the input (with PAD_TOP and PAD_LEFT) for a
   * convolution that pads privately. */
  OVC_CONV2D_PAD_BOTTOM,
  OVC_CONV2D_PAD_RIGHT,
  OVC_CONV2D_NUM_PARAMS
};

void ovc_conv2d_f32_sse41(const float *input, const float *filter,
                          const float *bias, const float *residual,
                          float *output, const float *params);
void ovc_conv2d_f32_avx2(const float *input, const float *filter,
                          const float *bias, const float *residual,
                          float *output, const float *params);
void ovc_conv2d_f32_avx512(const float *input, const float *filter,
                          const float *bias, const float *residual,
                          float *output, const float *params);

/* ovc_conv2d_winograd_f32_<family>(input, filter, bias, residual, output,
 *                                 params)
 *
 * A 3x3 convolution with stride and dilation 1 by Winograd F(2x2, 3x3),
 * of a size it plans for (ovc_conv2d_winograd_plan):
 *   input   [N, C, H, W], zero-padded (H = OH + 2, W = OW + 2) unless
 *           the PAD_* parameters give the zeros the kernel supplies itself,
 *           as the direct kernel does (ovc_conv2d_pads_privately)
 *   filter  [ceil(OC / R), 16, C, R], R = OVC_CONV2D_WINOGRAD_BLOCK: the
 *           4 x 4 points of G g G^T, G = [1 0 0; .5 .5 .5; .5 -.5 .5;
 *           0 0 1], for each output and input channel (rows of points
 *           first; output channels past OC are zero)
 *   bias    [OC] when params[OVC_CONV2D_HAS_BIAS], else unused
 *   residual, output, params as for ovc_conv2d_f32_<family>
 *
 * The sums are not the direct kernel's bits: each output is A^T (sum over
 * c of U . B^T d B) A, which rounds differently (a few ulps of the
 * largest partial sums), and an infinite input or weight, added and
 * subtracted across a tile's points, can give NaN where the direct sum is
 * infinite. */
#define OVC_CONV2D_WINOGRAD_BLOCK 6
/* Floats of the stack buffers for the transformed input of a task's tiles
 * (16 points x a chunk of input channels x its vectors of tiles) and for
 * their sums over input channels (192 KB in all). */
#define OVC_CONV2D_WINOGRAD_FLOATS 32768
#define OVC_CONV2D_WINOGRAD_SUM_FLOATS 16384

void ovc_conv2d_winograd_f32_sse41(const float *input, const float *filter,
                                   const float *bias, const float *residual,
                                   float *output, const float *params);
void ovc_conv2d_winograd_f32_avx2(const float *input, const float *filter,
                                  const float *bias, const float *residual,
                                  float *output, const float *params);
void ovc_conv2d_winograd_f32_avx512(const float *input, const float *filter,
                                    const float *bias, const float *residual,
                                    float *output, const float *params);

/* The 16 points of G g G^T for one 3x3 filter `g` (row-major), computed
 * in double and rounded once: the filter transform the compiler applies
 * and the tests check against. */
static inline void ovc_conv2d_winograd_filter(const float g[9], float u[16]) {
  double gg[4][3];
  for (int k = 0; k < 3; ++k) {
    double a = g[0 * 3 + k], b = g[1 * 3 + k], c = g[2 * 3 + k];
    gg[0][k] = a;
    gg[1][k] = 0.5 * (a + b + c);
    gg[2][k] = 0.5 * (a - b + c);
    gg[3][k] = c;
  }
  for (int i = 0; i < 4; ++i) {
    double a = gg[i][0], b = gg[i][1], c = gg[i][2];
    u[i * 4 + 0] = (float)a;
    u[i * 4 + 1] = (float)(0.5 * (a + b + c));
    u[i * 4 + 2] = (float)(0.5 * (a - b + c));
    u[i * 4 + 3] = (float)c;
  }
}

/* Vectors of tiles per multiply-add tile of each family: with the block
 * of R = 6 output channels, 12 accumulators on SSE4.1 and AVX2 (16
 * registers), 24 on AVX-512 (32). */
#define OVC_CONV2D_WINOGRAD_VECTORS_SSE41 2
#define OVC_CONV2D_WINOGRAD_VECTORS_AVX2 2
#define OVC_CONV2D_WINOGRAD_VECTORS_AVX512 4

/* Floats of the Winograd kernel's filter for `oc` output and `c` input
 * channels: [ceil(OC / R), 16, C, R]. */
static inline long long ovc_conv2d_winograd_filter_floats(long long oc,
                                                          long long c) {
  const long long r = OVC_CONV2D_WINOGRAD_BLOCK;
  return (oc + r - 1) / r * 16 * c * r;
}

/* The filter of the Winograd kernel: `filter` [OC, C, 3, 3] transformed
 * into `out` [ceil(OC / R), 16, C, R] (see above), zeros past OC; `out`
 * holds ovc_conv2d_winograd_filter_floats(oc, c) floats. */
static inline void ovc_conv2d_winograd_pack(const float *filter, long long oc,
                                            long long c, float *out) {
  const long long r = OVC_CONV2D_WINOGRAD_BLOCK;
  const long long floats = ovc_conv2d_winograd_filter_floats(oc, c);
  for (long long i = 0; i < floats; ++i)
    out[i] = 0.0f;
  for (long long o = 0; o < oc; ++o)
    for (long long i = 0; i < c; ++i) {
      float points[16];
      ovc_conv2d_winograd_filter(filter + (o * c + i) * 9, points);
      for (long long q = 0; q < 16; ++q)
        out[((o / r * 16 + q) * c + i) * r + o % r] = points[q];
    }
}

/* How the Winograd kernel of a family with `vlen` floats per vector and
 * multiply-add tiles of `nv` vectors splits a layer of `c` input and `oc`
 * output channels and `vectors` vectors of tiles per image: `*run` vectors
 * per task (a whole number of multiply-add tiles, at least 8 tasks per
 * image where there are that many tiles: a thread's share then ends within
 * an eighth of the others'), `*chunk` input channels at a time. All
 * channels go at once where the run's transformed input fits the buffer;
 * else in chunks, with the partial sums of every output channel of the run
 * kept in the sums buffer. Returns 0 where even one multiply-add tile's
 * partial sums for all output channels do not fit. (The kernel may take
 * shorter runs, which share the tasks more evenly among its threads.) */
/* Input channels per chunk for runs of `run` vectors of `vlen` tiles: as
 * many as the transformed-input buffer holds, at most `c`. */
static inline long long ovc_conv2d_winograd_chunk(long long c, long long run,
                                                  long long vlen) {
  long long fit = OVC_CONV2D_WINOGRAD_FLOATS / (16 * run * vlen);
  return fit < c ? fit : c;
}

static inline int ovc_conv2d_winograd_plan(long long c, long long oc,
                                           long long vectors, long long vlen,
                                           long long nv, long long *chunk,
                                           long long *run) {
  if (c < 1 || oc < 1 || vectors < 1 || vlen < 1 || nv < 1)
    return 0;
  long long r = (vectors + 7) / 8;
  r = (r + nv - 1) / nv * nv;
  long long fit = OVC_CONV2D_WINOGRAD_FLOATS / (16 * c * vlen);
  if (fit >= nv) {
    *run = r < fit ? r : fit / nv * nv;
    *chunk = c;
    return 1;
  }
  long long blocks =
      (oc + OVC_CONV2D_WINOGRAD_BLOCK - 1) / OVC_CONV2D_WINOGRAD_BLOCK;
  long long groups = OVC_CONV2D_WINOGRAD_SUM_FLOATS /
                     (blocks * 16 * OVC_CONV2D_WINOGRAD_BLOCK * nv * vlen);
  if (groups < 1)
    return 0;
  *run = r < groups * nv ? r : groups * nv;
  *chunk = ovc_conv2d_winograd_chunk(c, *run, vlen);
  return 1;
}

/* Vector lanes per row of 2 x 2 output tiles in the Winograd kernel of a
 * family with `vlen` floats per vector, for rows of `ow` outputs: whole
 * vectors per row where at least 3/4 of their lanes hold tiles (14 x 14: 7
 * tiles in 8 lanes), as their patches load and their outputs store a
 * vector at a time; else just the row's tiles, so that vectors run on
 * into the next row, each of their tiles gathered and scattered alone. */
static inline long long ovc_conv2d_winograd_pitch(long long ow,
                                                  long long vlen) {
  long long tiles = (ow + 1) / 2;
  long long aligned = (tiles + vlen - 1) / vlen * vlen;
  return 4 * tiles >= 3 * aligned ? aligned : tiles;
}

/* Whether the Winograd kernel of a family with `vlen` floats per vector
 * and multiply-add tiles of `vectors` vectors beats its direct kernel on a
 * 3x3 stride-1 layer (measured on AVX2, whose direct kernel runs such
 * layers at 87-96 % of the FMA peak):
 * - at least 16 input and 32 output channels: the input transform costs
 *   about as much per input channel as a few output channels' multiply-
 *   adds, the output transform per output channel as a few input
 *   channels' (8 -> 32 on 75 x 75: 1.02x; 184 -> 16 on 24 x 42: 0.94x,
 *   384 -> 18 on 19 x 19: 0.92x, 384 -> 36: 1.32x). On planes of 64K
 *   outputs or more, one filter block (2 * vlen output channels): there
 *   the direct kernel's channel tiles read 16 to 48 streams of input rows
 *   that miss the caches (super-resolution's 16 -> 16 on 270 x 480 on
 *   AVX2, in the model: 10.0 -> 8.5 ms). Fewer output channels go to its
 *   row tiles, whose channel passes keep their rows in L1 (80 -> 8 on
 *   270 x 480 alone: 34 ms in Winograd, 24 direct on AVX2; 33 and 21 on
 *   AVX-512, where 16 -> 16 also took 7.2-8.6 ms in Winograd, 6.3
 *   direct);
 * - a plan with chunks of at least 16 input channels;
 * - at least 3/4 of the outputs it computes are stored: an odd count of
 *   rows or columns half-uses a row or column of tiles, a row of tiles
 *   may end in a partial vector (5 x 5, 25 outputs in 64 lanes x 4:
 *   0.72x; 9 x 9: 1.06x; 18 x 18: 1.27x; 14 x 14, 56 x 56 and 19 x 19:
 *   1.59x, 1.18x and 1.49x);
 * - on AVX-512, rows of tiles a whole number of vectors long
 *   (ovc_conv2d_winograd_pitch): where they are not, most 16-lane vectors
 *   span two rows of tiles, whose patches are gathered and outputs
 *   scattered one by one. Those layers were no faster than the direct
 *   kernel on one thread and up to twice as slow on two, in the model
 *   (face-detection-retail's 16 -> 64 on 38 x 38 and 32 -> 128 on 19 x 19:
 *   0.17-0.20 ms against 0.09-0.11; the whole model at 2 threads 4.85 ->
 *   4.68 ms without them, 1 thread unchanged, medians of 11 interleaved
 *   runs on Zen 5). AVX2's 8-lane vectors mostly lie in one row of tiles:
 *   there the same change made that model slower (6.51 -> 6.70 ms at 2
 *   threads, 9.97 -> 10.48 at 1). */
static inline int ovc_conv2d_winograd_pays(long long c, long long oc,
                                           long long oh, long long ow,
                                           long long vlen, long long vectors) {
  if (c < 16 || oc < (oh * ow >= 65536 ? 2 * vlen : 32) || oh < 2 || ow < 2 ||
      vlen < 1)
    return 0;
  long long lanes = (oh + 1) / 2 * ovc_conv2d_winograd_pitch(ow, vlen);
  long long tileVectors = (lanes + vlen - 1) / vlen, chunk, run;
  if (!ovc_conv2d_winograd_plan(c, oc, tileVectors, vlen, vectors, &chunk,
                                &run) ||
      chunk < 16)
    return 0;
  if (vlen >= 16 && ovc_conv2d_winograd_pitch(ow, vlen) % vlen)
    return 0;
  return 4 * oh * ow >= 3 * 4 * tileVectors * vlen;
}

/* Whether the compiler gives a convolution to the Winograd kernel: a 3x3
 * window at stride 1, undilated, where ovc_conv2d_winograd_pays. */
static inline int ovc_conv2d_winograd_takes(long long kh, long long kw,
                                            long long sh, long long sw,
                                            long long dh, long long dw,
                                            long long c, long long oc,
                                            long long oh, long long ow,
                                            long long vlen, long long vectors) {
  return kh == 3 && kw == 3 && sh == 1 && sw == 1 && dh == 1 && dw == 1 &&
         ovc_conv2d_winograd_pays(c, oc, oh, ow, vlen, vectors);
}

/* ovc_depthwise_conv2d_f32_<family>(input, filter, bias, output, params)
 *
 *   input   [N, C, H, W], unpadded: the window starts PAD_TOP rows above
 *           and PAD_LEFT columns left of it, and its taps outside the input
 *           are zeros (multiplied, as in the loops' zero-filled copy)
 *   filter  [C, KH, KW]
 *   bias    [C] when params[OVC_CONV2D_HAS_BIAS], else unused
 *   output  [N, C, OH, OW]
 *
 * params as above, with OC = C. Each output is the sum over (kh, kw), in
 * that order, of its taps' products, then the same epilogue. With
 * FUSED_MADD, on families with FMA, each step is one fused multiply-add,
 * as ovc's loops compute it where -ovc-contract-accumulations contracts
 * depthwise sums; else every product is rounded before it is added (SSE4.1
 * always). */
void ovc_depthwise_conv2d_f32_sse41(const float *input, const float *filter,
                                    const float *bias, float *output,
                                    const float *params);
void ovc_depthwise_conv2d_f32_avx2(const float *input, const float *filter,
                                   const float *bias, float *output,
                                   const float *params);
void ovc_depthwise_conv2d_f32_avx512(const float *input, const float *filter,
                                     const float *bias, float *output,
                                     const float *params);

/* Floats per vector of the widest family (AVX-512). */
#define OVC_UK_WIDEST_VECTOR 16

/* Stride-2 stems: at most OVC_CONV2D_PHASE_MAX_CHANNELS input channels,
 * windows of at most OVC_CONV2D_PHASE_MAX_TAPS taps, no dilation along
 * rows, and output channels that are no whole number of the family's
 * filter blocks. ovc_conv2d_f32_<family> computes them from copies of the
 * input rows under each output row's windows, split into the stride's two
 * phases and zero-padded (OVC_CONV2D_PHASE_ROW_FLOATS floats on the stack),
 * and supplies their padding itself (PAD_TOP, PAD_LEFT; the input is
 * unpadded). Whole blocks are as fast in the channel tiles, which run
 * across row ends (squeezenet's 3 -> 64). The buffer (48 KB) takes a 3x3
 * RGB stem's rows up to 448 output pixels wide (road-segmentation's
 * 512 x 896 input, whose stem writes blocks from phase rows: 4.1 ms with
 * a padded copy and a reorder, 2.1 ms without). */
#define OVC_CONV2D_PHASE_ROW_FLOATS 12288
#define OVC_CONV2D_PHASE_MAX_CHANNELS 4
/* Longer windows (a 7x7 stem's 147 taps) amortize the channel tiles'
 * transposed stores, and the phase tiles' last vector of a row, a few
 * accumulators each waiting on the last multiply-add, cost more there. */
#define OVC_CONV2D_PHASE_MAX_TAPS 9
/* Output pixels per tile of the widest family (AVX-512: 4 x 16). */
#define OVC_CONV2D_PHASE_WIDEST_TILE 64

/* Floats per phase of a stem's padded rows: the output row in whole tiles
 * of the widest family, and the window's reach past them, in whole vectors
 * of the widest family (the rows are copied a vector at a time). */
static inline long long ovc_conv2d_phase_row_floats(long long kw,
                                                    long long ow) {
  const long long tile = OVC_CONV2D_PHASE_WIDEST_TILE;
  const long long vector = OVC_UK_WIDEST_VECTOR;
  long long reach = (kw - 1) / 2 + 1;
  return (ow + tile - 1) / tile * tile + (reach + vector - 1) / vector * vector;
}

/* Whether a stride-2 stem's C * KH padded rows of two phases fit the
 * phase-row buffer. */
static inline int ovc_conv2d_phase_rows_fit(long long c, long long kh,
                                            long long kw, long long sw,
                                            long long dw, long long ow) {
  if (sw != 2 || dw != 1 || c < 1 || c > OVC_CONV2D_PHASE_MAX_CHANNELS ||
      kh < 1 || kw < 1 || kh * kw > OVC_CONV2D_PHASE_MAX_TAPS || ow < 1)
    return 0;
  return c * kh * 2 * ovc_conv2d_phase_row_floats(kw, ow) <=
         OVC_CONV2D_PHASE_ROW_FLOATS;
}

/* Whether ovc_conv2d_f32_<family>, with filter blocks of `block` output
 * channels, computes a layer from phase rows. */
static inline int ovc_conv2d_from_phase_rows(long long c, long long kh,
                                             long long kw, long long sw,
                                             long long dw, long long ow,
                                             long long oc, long long block) {
  return block >= 1 && oc % block != 0 &&
         ovc_conv2d_phase_rows_fit(c, kh, kw, sw, dw, ow);
}

/* Whether ovc_conv2d_f32_<family> (filter blocks of `block` output
 * channels) writes a layer's output in channel blocks of V = block / 2
 * (BLOCKED_OUTPUT): a stem whose phase rows fit, whole filter blocks
 * included, with OC a multiple of V and no residual. Its tiles are then a
 * few pixels x V output channels from phase rows, stored as whole vectors,
 * with the sums of the NCHW tiles. */
static inline int ovc_conv2d_writes_blocks(long long c, long long kh,
                                           long long kw, long long sw,
                                           long long dw, long long ow,
                                           long long oc, long long block) {
  return block >= 2 && oc % (block / 2) == 0 &&
         ovc_conv2d_phase_rows_fit(c, kh, kw, sw, dw, ow);
}

/* The depthwise kernels' row path keeps the input rows under a window in a
 * ring of padded rows on the stack: OVC_DEPTHWISE_RING_FLOATS floats, for
 * at most OVC_DEPTHWISE_MAX_RING_ROWS rows, windows of at most
 * OVC_DEPTHWISE_MAX_TAPS taps and strides along rows of at most
 * OVC_DEPTHWISE_MAX_STRIDE. */
#define OVC_DEPTHWISE_RING_FLOATS 12288
#define OVC_DEPTHWISE_MAX_RING_ROWS 64
#define OVC_DEPTHWISE_MAX_TAPS 256
#define OVC_DEPTHWISE_MAX_STRIDE 16

/* The ring's rows: the input rows the windows of two consecutive output
 * rows span, rounded up to a power of two (a row's slot is its index's low
 * bits). */
static inline long long ovc_depthwise_ring_rows(long long kh, long long sh,
                                                long long dh) {
  long long span = (kh - 1) * dh + 1 + sh, rows = 1;
  while (rows < span)
    rows *= 2;
  return rows;
}

/* Whether the depthwise kernels take a window: its rows fit the ring with
 * room for a vector of output pixels of the widest family per row. */
static inline int ovc_depthwise_window_fits(long long kh, long long kw,
                                            long long sh, long long sw,
                                            long long dh, long long dw) {
  if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || dh < 1 || dw < 1 ||
      (kh - 1) * dh + 1 + sh > OVC_DEPTHWISE_MAX_RING_ROWS ||
      kh * kw > OVC_DEPTHWISE_MAX_TAPS || sw > OVC_DEPTHWISE_MAX_STRIDE)
    return 0;
  long long rows = ovc_depthwise_ring_rows(kh, sh, dh);
  const long long vector = OVC_UK_WIDEST_VECTOR;
  long long phase = OVC_DEPTHWISE_RING_FLOATS / (rows * sw) / vector * vector;
  return phase - (kw - 1) * dw / sw >= vector;
}

/* The widest input row the depthwise blocks below take. */
#define OVC_DEPTHWISE_BLOCK_MAX_WIDTH 4096

/* Whether the AVX2 and AVX-512 depthwise kernels run a layer well at any
 * row width: undilated 3x3 windows with stride 1 or 2 (nearly every
 * depthwise layer) and input rows of at most OVC_DEPTHWISE_BLOCK_MAX_WIDTH
 * values, which they compute in blocks of output rows. The SSE4.1 kernel
 * and other windows go a row at a time, which wants rows of a few vectors. */
static inline int ovc_depthwise_rows_in_blocks(long long kh, long long kw,
                                               long long sh, long long sw,
                                               long long dh, long long dw,
                                               long long w) {
  return kh == 3 && kw == 3 && dh == 1 && dw == 1 && sh == sw &&
         (sw == 1 || sw == 2) && w <= OVC_DEPTHWISE_BLOCK_MAX_WIDTH;
}

/* Channel-blocked activations [N, C / V, H, W, V] (oneDNN's nChwVc), V the
 * family's vector length (half its OVC_CONV2D_BLOCK_<FAMILY>), C a multiple
 * of V.
 * params as for ovc_conv2d_f32_<family>, with N, C, H, W and OC, OH, OW
 * the logical NCHW sizes; inputs unpadded (PAD_TOP, PAD_LEFT).
 *
 * ovc_blocked_depthwise_conv2d_f32_<family>(input, filter, bias, output,
 *                                           params)
 *   filter [C / V, KH, KW, V], bias [C]; the sums of
 *   ovc_depthwise_conv2d_f32_<family>, FUSED_MADD included.
 * ovc_blocked_pointwise_conv2d_f32_<family>(input, filter, bias, residual,
 *                                           output, params)
 *   a 1x1 layer at unit strides without padding, OC a multiple of V;
 *   filter and bias packed as for ovc_conv2d_f32_<family>, the residual
 *   (HAS_RESIDUAL) blocked as the output; the sums of
 *   ovc_conv2d_f32_<family>.
 * ovc_blocked_depthwise_pointwise_conv2d_f32_<family>(input, dwFilter,
 *     dwBias, filter, bias, residual, output, dwParams, params)
 *   the blocked depthwise layer (dwParams) and the blocked 1x1 layer
 *   (params, C and OC its own, H and W the depthwise output's) that reads
 *   it, in one pass where ovc_blocked_dw_pw_band_rows(C, OW) is at least
 *   1 (else one after the other through the heap, which the compiler does
 *   not ask for); the 1x1 layer's output, with both kernels' bits.
 * ovc_to_blocked_f32_<family>(input, output, params),
 * ovc_from_blocked_f32_<family>(input, output, params)
 *   NCHW to blocked and back (params N, C, H, W). */
#define OVC_BLOCKED_FAMILY(family)                                             \
  void ovc_blocked_depthwise_conv2d_f32_##family(                              \
      const float *input, const float *filter, const float *bias,              \
      float *output, const float *params);                                     \
  void ovc_blocked_pointwise_conv2d_f32_##family(                              \
      const float *input, const float *filter, const float *bias,              \
      const float *residual, float *output, const float *params);              \
  void ovc_blocked_depthwise_pointwise_conv2d_f32_##family(                    \
      const float *input, const float *dwFilter, const float *dwBias,          \
      const float *filter, const float *bias, const float *residual,           \
      float *output, const float *dwParams, const float *params);              \
  void ovc_to_blocked_f32_##family(const float *input, float *output,          \
                                   const float *params);                       \
  void ovc_from_blocked_f32_##family(const float *input, float *output,        \
                                     const float *params);
/* Floats of the fused depthwise and 1x1 kernel's band buffer (128 KB on
 * the stack): whole depthwise output rows of all channels, which the 1x1
 * layer's filter blocks then sweep in L2 (the 1x1 kernel's runs are as
 * long). */
#define OVC_BLOCKED_DW_PW_BAND_FLOATS 32768

/* Depthwise output rows per band of the fused kernel for C channels and
 * rows of OW pixels; 0 where one row does not fit the buffer (then the
 * compiler does not fuse). */
static inline long long ovc_blocked_dw_pw_band_rows(long long c, long long ow) {
  if (c < 1 || ow < 1 || c * ow > OVC_BLOCKED_DW_PW_BAND_FLOATS)
    return 0;
  return OVC_BLOCKED_DW_PW_BAND_FLOATS / (c * ow);
}

OVC_BLOCKED_FAMILY(sse41)
OVC_BLOCKED_FAMILY(avx2)
OVC_BLOCKED_FAMILY(avx512)
#undef OVC_BLOCKED_FAMILY

/* ovc_max_pool2d_f32_<family>(input, output, params)
 *
 *   input   [N, C, H, W], unpadded: windows start PAD_TOP rows above and
 *           PAD_LEFT columns left of it
 *   output  [N, C, OH, OW]
 *
 * Each output is the IEEE maximum (NaN wins, -0 < +0) of its window's
 * taps inside the input, -inf when there are none. */
enum ovc_pool2d_param {
  OVC_POOL2D_N,
  OVC_POOL2D_C,
  OVC_POOL2D_H,
  OVC_POOL2D_W,
  OVC_POOL2D_OH,
  OVC_POOL2D_OW,
  OVC_POOL2D_KH,
  OVC_POOL2D_KW,
  OVC_POOL2D_SH,
  OVC_POOL2D_SW,
  OVC_POOL2D_DH,
  OVC_POOL2D_DW,
  OVC_POOL2D_PAD_TOP,
  OVC_POOL2D_PAD_LEFT,
  OVC_POOL2D_NUM_PARAMS
};

void ovc_max_pool2d_f32_sse41(const float *input, float *output,
                              const float *params);
void ovc_max_pool2d_f32_avx2(const float *input, float *output,
                             const float *params);
void ovc_max_pool2d_f32_avx512(const float *input, float *output,
                               const float *params);

/* The most floats (all images) of a padded input that ovc_conv2d_f32_*
 * pads whole, each thread into a buffer of its own (see
 * conv2d_private_pad.h): half of a Zen 4 core's L2. */
#define OVC_CONV2D_PRIVATE_PAD_FLOATS 131072

/* Whether ovc_conv2d_f32_* pads an input of N x C x PH x PW floats,
 * padded, whole: each thread copies it into a buffer of its own, which no
 * other thread writes, as part of its share of the layer. A shared padded
 * copy was made by one thread while the others waited, then read by all
 * of them from its cache: vehicle-attributes (seven padded layers on
 * 18 x 18 and smaller) ran in 0.827 ms at 2 threads with it, in 0.782 ms
 * with private copies (medians of 15 interleaved runs). */
static inline int ovc_conv2d_pads_whole(long long n, long long c, long long ph,
                                        long long pw) {
  return n * c * ph * pw <= OVC_CONV2D_PRIVATE_PAD_FLOATS;
}

/* Whether ovc_conv2d_f32_* pads its input itself (then H and W exclude the
 * pads, all four given), else the caller passes it padded (ovc_pad2d_f32):
 * small inputs whole (ovc_conv2d_pads_whole), larger ones in bands of rows
 * per run of tasks, each thread into its own buffer, but for 1x1 windows,
 * whose pointwise path takes whole inputs only. A shared padded copy of a
 * large input went to memory and back (super-resolution's 8 -> 1 on
 * 1080 x 1920: its 66 MB padded copy took 4.6 ms of 10.8). */
static inline int ovc_conv2d_pads_privately(long long n, long long c,
                                            long long ph, long long pw,
                                            long long kh, long long kw) {
  return ovc_conv2d_pads_whole(n, c, ph, pw) || kh * kw > 1;
}

/* ovc_pad2d_f32(input, output, params)
 *
 *   input   [N, C, H, W]
 *   output  [N, C, PAD_TOP + H + PAD_BOTTOM, PAD_LEFT + W + PAD_RIGHT]: the
 *           input, surrounded by zeros
 *
 * The zero-padded input of a convolution kernel that reads every window
 * without bounds checks. One kernel for every ISA family: it only copies. */
enum ovc_pad2d_param {
  OVC_PAD2D_N,
  OVC_PAD2D_C,
  OVC_PAD2D_H,
  OVC_PAD2D_W,
  OVC_PAD2D_PAD_TOP,
  OVC_PAD2D_PAD_LEFT,
  OVC_PAD2D_PAD_BOTTOM,
  OVC_PAD2D_PAD_RIGHT,
  OVC_PAD2D_NUM_PARAMS
};

void ovc_pad2d_f32(const float *input, float *output, const float *params);

#ifdef __cplusplus
}
#endif

#endif /* OVC_TARGETS_CPU_UKERNELS_H */
