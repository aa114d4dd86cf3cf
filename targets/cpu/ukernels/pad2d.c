/*===- pad2d.c - convolutions' zero-padded inputs ------------------------===*
 *
 * The direct and Winograd convolution kernels read their windows from a
 * zero-bordered copy of the input, without bounds checks. Two ways to make
 * it, for every ISA family:
 *
 * - ovc_pad2d_f32 (ukernels.h), called by the generated code before the
 *   kernel (large padded 1x1 layers only): one shared copy, its rows split
 *   across the threads. Generated loops made it on one thread while the
 *   others waited.
 * - ovc_conv2d_private_padded and ovc_conv2d_private_band
 *   (conv2d_private_pad.h), called by the direct and Winograd kernels'
 *   tasks: each thread pads a copy of its own, so that no padded line moves
 *   between cores, of the whole input (up to OVC_CONV2D_PRIVATE_PAD_FLOATS,
 *   once per kernel call) or of the rows a run of its tasks reads.
 *
 *===----------------------------------------------------------------------===*/

#include "ovc_runtime.h"
#include "runtime-stub/src/kernel_failure.h"
#include "runtime-stub/src/page_memory.h"
#include "targets/cpu/ukernels/conv2d_private_pad.h"
#include "targets/cpu/ukernels/ukernels.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* A padding job: the input's planes and their pads, and where the padded
 * copy goes. */
typedef struct {
  ovc_private_pad pad; /* its token unused */
  float *output;
} Pad2D;

/* Eight floats, read from or written to 4-byte aligned memory. */
typedef float v8 __attribute__((ext_vector_type(8), aligned(4)));

/* Rows are short (18 floats and pads of 1 for a 3x3 layer on 18 x 18) and
 * their lengths vary: generic loops spent most of their time deciding how
 * to run (the vectorizer's prologues, and memset and memcpy calls), so
 * pads are stored one float at a time and rows copied in vectors of 8,
 * the last one overlapping its predecessor. */
static inline __attribute__((always_inline)) void zeroFloats(float *to,
                                                             int64_t count) {
#pragma clang loop vectorize(disable) unroll(disable)
  for (int64_t i = 0; i < count; ++i)
    to[i] = 0.0f;
}

static inline __attribute__((always_inline)) void
copyFloats(float *to, const float *from, int64_t count) {
  if (count < 8) {
#pragma clang loop vectorize(disable) unroll(disable)
    for (int64_t i = 0; i < count; ++i)
      to[i] = from[i];
    return;
  }
  int64_t i = 0;
  for (; i + 8 < count; i += 8)
    *(v8 *)(to + i) = *(const v8 *)(from + i);
  *(v8 *)(to + count - 8) = *(const v8 *)(from + count - 8);
}

/* Padded row `y` (-top <= y < h + bottom) of a plane whose data rows
 * start at `data`, written to `to`. */
static inline __attribute__((always_inline)) void
padRow(const ovc_private_pad *p, float *to, const float *data, int64_t y) {
  const int64_t width = p->left + p->w + p->right;
  if (y < 0 || y >= p->h) {
    const v8 zero = 0.0f;
    int64_t i = 0;
    for (; i + 8 <= width; i += 8)
      *(v8 *)(to + i) = zero;
    zeroFloats(to + i, width - i);
    return;
  }
  zeroFloats(to, p->left);
  copyFloats(to + p->left, data + y * p->w, p->w);
  zeroFloats(to + p->left + p->w, p->right);
}

/* Padded rows [begin, end), numbered across all planes. */
static __attribute__((no_builtin)) void padRows(void *context, int64_t begin,
                                                int64_t end) {
  const Pad2D *job = (const Pad2D *)context;
  const ovc_private_pad *p = &job->pad;
  const int64_t rows = p->top + p->h + p->bottom;
  const int64_t width = p->left + p->w + p->right;
  /* One division per range, not two per row (they took most of the time
   * on rows of 20 floats). */
  int64_t plane = begin / rows, y = begin % rows - p->top;
  const float *data = p->source + plane * p->h * p->w;
  float *to = job->output + begin * width;
  for (int64_t row = begin; row < end; ++row, to += width) {
    padRow(p, to, data, y);
    if (++y == p->h + p->bottom) {
      y = -p->top;
      data += p->h * p->w;
    }
  }
}

/* Padded rows per chunk: about 4K floats, enough to be worth a thread's
 * time (a thread joins a loop in well under a microsecond). */
#define PAD_CHUNK_FLOATS 4096

static atomic_uint_fast64_t lastToken;

uint64_t ovc_conv2d_private_pad_token(void) {
  return atomic_fetch_add_explicit(&lastToken, 1, memory_order_relaxed) + 1;
}

/* This thread's buffer and the call it holds the padded input of. The key
 * frees the floats when the thread ends. */
static _Thread_local struct {
  float *floats;
  int64_t capacity;
  uint64_t token;
} privateBuffer;
static pthread_key_t bufferKey;
static pthread_once_t bufferKeyOnce = PTHREAD_ONCE_INIT;

static void createBufferKey(void) { pthread_key_create(&bufferKey, free); }

/* Out of memory for a whole input of at most OVC_CONV2D_PRIVATE_PAD_FLOATS
 * floats, or a band, per thread: the inference fails (kernel_failure.h). */
static void outOfMemory(void) {
  ovc_kernel_failed(OVC_ERROR_OUT_OF_MEMORY,
                    "out of memory for a convolution's padded input");
}

/* This thread's buffer, grown to at least `floats` floats where smaller
 * (a new buffer holds no call's copy: its token is cleared). */
static float *bufferOf(int64_t floats) {
  if (privateBuffer.capacity < floats) {
    pthread_once(&bufferKeyOnce, createBufferKey);
    free(privateBuffer.floats);
    /* On huge pages: a new buffer's first writes fault once per 2 MiB, and
     * its capacity is rounded up to whole ones, so that the larger
     * requests of later layers rarely grow it (each growth was a fresh
     * buffer of 4 KiB faults: face-detection-retail's first inference
     * took 1200 of them here). */
    size_t bytes;
    privateBuffer.floats =
        (float *)ovc_alloc_pages((size_t)floats * sizeof(float), &bytes);
    privateBuffer.capacity = 0;
    privateBuffer.token = 0;
    /* The key is set first, NULL too, so that it never holds the buffer
     * freed above. */
    if (pthread_setspecific(bufferKey, privateBuffer.floats) ||
        !privateBuffer.floats) {
      free(privateBuffer.floats);
      privateBuffer.floats = NULL;
      outOfMemory();
      return NULL;
    }
    privateBuffer.capacity = (int64_t)(bytes / sizeof(float));
  }
  return privateBuffer.floats;
}

const float *ovc_conv2d_private_padded(const ovc_private_pad *pad) {
  const int64_t rows = pad->planes * (pad->top + pad->h + pad->bottom);
  const int64_t floats = rows * (pad->left + pad->w + pad->right);
  if (privateBuffer.token != pad->token) {
    Pad2D job = {*pad, bufferOf(floats)};
    if (!job.output)
      return NULL;
    padRows(&job, 0, rows);
    privateBuffer.token = pad->token;
  }
  return privateBuffer.floats;
}

__attribute__((no_builtin)) const float *
ovc_conv2d_private_band(const ovc_private_pad *pad, int64_t firstPlane,
                        int64_t planes, int64_t firstRow, int64_t rows) {
  const int64_t width = pad->left + pad->w + pad->right;
  float *band = bufferOf(planes * rows * width);
  if (!band)
    return NULL;
  privateBuffer.token = 0;
  float *to = band;
  for (int64_t plane = firstPlane; plane < firstPlane + planes; ++plane) {
    const float *data = pad->source + plane * pad->h * pad->w;
    for (int64_t y = firstRow - pad->top; y < firstRow - pad->top + rows;
         ++y, to += width)
      padRow(pad, to, data, y);
  }
  return band;
}

void ovc_pad2d_f32(const float *input, float *output, const float *params) {
  Pad2D job = {
      .pad = {.source = input,
              .planes =
                  (int64_t)params[OVC_PAD2D_N] * (int64_t)params[OVC_PAD2D_C],
              .h = (int64_t)params[OVC_PAD2D_H],
              .w = (int64_t)params[OVC_PAD2D_W],
              .top = (int64_t)params[OVC_PAD2D_PAD_TOP],
              .left = (int64_t)params[OVC_PAD2D_PAD_LEFT],
              .bottom = (int64_t)params[OVC_PAD2D_PAD_BOTTOM],
              .right = (int64_t)params[OVC_PAD2D_PAD_RIGHT]},
      .output = output,
  };
  const ovc_private_pad *p = &job.pad;
  const int64_t width = p->left + p->w + p->right;
  const int64_t rows = p->planes * (p->top + p->h + p->bottom);
  const int64_t grain =
      width >= PAD_CHUNK_FLOATS ? 1 : PAD_CHUNK_FLOATS / width;
  ovc_parallel_for(rows, grain, padRows, &job);
}
