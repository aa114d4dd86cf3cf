/* ovc_conv2d_f32 for AVX-512: 32 zmm registers, 24 accumulators. */
#define OVC_UK_VLEN 16
#define OVC_UK_FMA 1
#define OVC_UK_TILE 12
/* The pointwise GEMM tile: 8 output channels x 3 vectors, 24 accumulators.
 * Output channel counts are mostly multiples of 8 (squeeze layers of 16,
 * 32, 64; a classifier's 1000), which 6-channel groups ended in a group of
 * 2 or 4 with as few sums per loaded pixel. */
#define OVC_UK_PW_VECTORS 3
#define OVC_UK_PW_CHANNELS 8
#define OVC_UK_NAME ovc_conv2d_f32_avx512
#define OVC_UK_DW_NAME ovc_depthwise_conv2d_f32_avx512
#define OVC_UK_WINOGRAD_NAME ovc_conv2d_winograd_f32_avx512
#define OVC_UK_WINOGRAD_VECTORS OVC_CONV2D_WINOGRAD_VECTORS_AVX512
#define OVC_UK_MAXPOOL_NAME ovc_max_pool2d_f32_avx512
#define OVC_UK_BLOCKED_DW_NAME ovc_blocked_depthwise_conv2d_f32_avx512
#define OVC_UK_BLOCKED_PW_NAME ovc_blocked_pointwise_conv2d_f32_avx512
#define OVC_UK_BLOCKED_DW_PW_NAME                                              \
  ovc_blocked_depthwise_pointwise_conv2d_f32_avx512
#define OVC_UK_TO_BLOCKED_NAME ovc_to_blocked_f32_avx512
#define OVC_UK_FROM_BLOCKED_NAME ovc_from_blocked_f32_avx512
#include "conv2d_direct.inc"
#include "conv2d_winograd.inc"
#include "depthwise_conv2d.inc"
#include "max_pool2d.inc"

/* After depthwise_conv2d.inc: it uses its multiply-adds. */
#include "blocked_conv2d.inc"
