/*===- conv2d_private_pad.h - per-thread padded inputs ---------*- C -*-===*
 *
 * The convolution kernels' padded inputs, made by each thread for itself
 * (ovc_conv2d_pads_privately in ukernels.h): a thread copies the input
 * into a buffer only it writes, once per kernel call, before its first
 * task, or for a large input the rows that each run of its tasks reads.
 * Defined in pad2d.c, once for every ISA family.
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_TARGETS_CPU_UKERNELS_CONV2D_PRIVATE_PAD_H
#define OVC_TARGETS_CPU_UKERNELS_CONV2D_PRIVATE_PAD_H

#include <stdint.h>

/* A padded input: `planes` planes of H x W at `source`, with the zeros
 * around them (ovc_pad2d_f32 describes its copies the same way). */
typedef struct {
  const float *source;
  int64_t planes, h, w, top, left, bottom, right;
  /* Identifies the kernel call (ovc_conv2d_private_pad_token). */
  uint64_t token;
} ovc_private_pad;

/* A token no kernel call had before. */
uint64_t ovc_conv2d_private_pad_token(void);

/* This thread's padded copy of `pad`, made on its first request for
 * pad->token; the same buffer until the thread asks for another token.
 * NULL, reported by ovc_kernel_failed, when there is no memory for it. */
const float *ovc_conv2d_private_padded(const ovc_private_pad *pad);

/* This thread's padded copy of rows [firstRow, firstRow + rows) (counted
 * in the padded plane, zeros included) of planes [firstPlane, firstPlane +
 * planes) of `pad`, as `planes` planes of `rows` rows: made anew on every
 * call, in the buffer that ovc_conv2d_private_padded uses (NULL as
 * there). */
const float *ovc_conv2d_private_band(const ovc_private_pad *pad,
                                     int64_t firstPlane, int64_t planes,
                                     int64_t firstRow, int64_t rows);

#endif /* OVC_TARGETS_CPU_UKERNELS_CONV2D_PRIVATE_PAD_H */
