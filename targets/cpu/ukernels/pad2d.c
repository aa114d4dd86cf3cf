/*===- pad2d.c - convolutions' zero-padded inputs ------------------------===*
 *
 * The direct and Winograd convolution kernels read their windows from a
 * zero-bordered copy of the input, without bounds checks. Two ways to make
 * it, for every ISA family:
 *
 * - ovc_pad2d_f32 (ukernels.h), called by the generated code before the
 *   kernel: one shared copy, its rows split across the threads. Generated
 *   loops made it on one thread while the others waited.
 * - ovc_conv2d_private_padded (conv2d_private_pad.h), called by the direct
 *   kernel's tasks for inputs of up to OVC_CONV2D_PRIVATE_PAD_FLOATS: each
 *   thread pads a copy of its own, once per kernel call, so that no padded
 *   line moves between cores.
 *
 *===----------------------------------------------------------------------===*/

#include "ovc_runtime.h"
#include "targets/cpu/ukernels/conv2d_private_pad.h"
#include "targets/cpu/ukernels/ukernels.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  const float *input;
  float *output;
  int64_t h, w, padTop, padLeft, padBottom, padRight;
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

/* Padded rows [begin, end), numbered across all planes. */
static __attribute__((no_builtin)) void padRows(void *context, int64_t begin,
                                                int64_t end) {
  const Pad2D *p = (const Pad2D *)context;
  const int64_t rows = p->padTop + p->h + p->padBottom;
  const int64_t width = p->padLeft + p->w + p->padRight;
  /* One division per range, not two per row (they took most of the time
   * on rows of 20 floats). */
  int64_t plane = begin / rows, y = begin % rows - p->padTop;
  /* The next data row's first float: the plane's row y, its first above
   * it, the next plane's first below it. */
  const int64_t next = y < 0 ? 0 : y < p->h ? y : p->h;
  const float *from = p->input + (plane * p->h + next) * p->w;
  float *to = p->output + begin * width;
  for (int64_t row = begin; row < end; ++row, to += width) {
    if (y < 0 || y >= p->h) {
      const v8 zero = 0.0f;
      int64_t i = 0;
      for (; i + 8 <= width; i += 8)
        *(v8 *)(to + i) = zero;
      zeroFloats(to + i, width - i);
    } else {
      zeroFloats(to, p->padLeft);
      copyFloats(to + p->padLeft, from, p->w);
      zeroFloats(to + p->padLeft + p->w, p->padRight);
      from += p->w;
    }
    if (++y == p->h + p->padBottom)
      y = -p->padTop;
  }
}

/* Padded rows per chunk: about 4K floats, enough to be worth a thread's
 * time (a thread joins a loop in well under a microsecond). */
#define PAD_CHUNK_FLOATS 4096

static atomic_uint_fast64_t lastToken;

uint64_t ovc_conv2d_private_pad_token(void) {
  return atomic_fetch_add_explicit(&lastToken, 1, memory_order_relaxed) + 1;
}

/* Each thread's buffer, freed when the thread ends. */
typedef struct {
  float *floats;
  int64_t capacity;
  uint64_t token;
} PrivateBuffer;

static pthread_key_t bufferKey;
static pthread_once_t bufferKeyOnce = PTHREAD_ONCE_INIT;
static _Thread_local PrivateBuffer *threadBuffer;

static void freeBuffer(void *buffer) {
  free(((PrivateBuffer *)buffer)->floats);
  free(buffer);
}

static void createBufferKey(void) {
  pthread_key_create(&bufferKey, freeBuffer);
}

/* At least `floats` floats of this thread's own; aborts when memory is out
 * (a kernel has no error path; the most it asks is
 * OVC_CONV2D_PRIVATE_PAD_FLOATS). */
static PrivateBuffer *privateBuffer(int64_t floats) {
  PrivateBuffer *b = threadBuffer;
  if (!b) {
    pthread_once(&bufferKeyOnce, createBufferKey);
    b = calloc(1, sizeof(*b));
    if (!b || pthread_setspecific(bufferKey, b)) {
      fputs("ovc: out of memory for a convolution's padded input\n", stderr);
      abort();
    }
    threadBuffer = b;
  }
  if (b->capacity < floats) {
    free(b->floats);
    /* Whole cache lines (aligned_alloc wants a multiple of the alignment). */
    size_t bytes = ((size_t)floats * sizeof(float) + 63) / 64 * 64;
    b->floats = aligned_alloc(64, bytes);
    b->capacity = b->floats ? floats : 0;
    b->token = 0;
    if (!b->floats) {
      fputs("ovc: out of memory for a convolution's padded input\n", stderr);
      abort();
    }
  }
  return b;
}

const float *ovc_conv2d_private_padded(const ovc_private_pad *pad) {
  const int64_t rows = pad->planes * (pad->top + pad->h + pad->bottom);
  const int64_t width = pad->left + pad->w + pad->right;
  PrivateBuffer *b = privateBuffer(rows * width);
  if (b->token != pad->token) {
    Pad2D p = {pad->source, b->floats, pad->h,      pad->w,
               pad->top,    pad->left, pad->bottom, pad->right};
    padRows(&p, 0, rows);
    b->token = pad->token;
  }
  return b->floats;
}

void ovc_pad2d_f32(const float *input, float *output, const float *params) {
  Pad2D p = {
      .input = input,
      .output = output,
      .h = (int64_t)params[OVC_PAD2D_H],
      .w = (int64_t)params[OVC_PAD2D_W],
      .padTop = (int64_t)params[OVC_PAD2D_PAD_TOP],
      .padLeft = (int64_t)params[OVC_PAD2D_PAD_LEFT],
      .padBottom = (int64_t)params[OVC_PAD2D_PAD_BOTTOM],
      .padRight = (int64_t)params[OVC_PAD2D_PAD_RIGHT],
  };
  const int64_t planes =
      (int64_t)params[OVC_PAD2D_N] * (int64_t)params[OVC_PAD2D_C];
  const int64_t width = p.padLeft + p.w + p.padRight;
  const int64_t rows = planes * (p.padTop + p.h + p.padBottom);
  const int64_t grain =
      width >= PAD_CHUNK_FLOATS ? 1 : PAD_CHUNK_FLOATS / width;
  ovc_parallel_for(rows, grain, padRows, &p);
}
