/*===- detection_output.h - the runtime's DetectionOutput ---------------===*
 *
 * ovc_detection_output(loc, conf, priors, out, params): see
 * detection_output.c.
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_RUNTIME_DETECTION_OUTPUT_H
#define OVC_RUNTIME_DETECTION_OUTPUT_H

/* The layout of the parameter array the compiler passes, all as floats
 * (compiler/kernels/DetectionOutputKernel.cpp builds it in this order). */
enum ovc_detection_output_param {
  OVC_DETECTION_NUM_CLASSES,
  OVC_DETECTION_BACKGROUND,
  OVC_DETECTION_TOP_K,
  OVC_DETECTION_KEEP_TOP_K,
  OVC_DETECTION_CODE_TYPE, /* 0 corner, 1 center_size, 2 corner_size */
  OVC_DETECTION_SHARE_LOCATION,
  OVC_DETECTION_VARIANCE_ENCODED,
  OVC_DETECTION_NMS_THRESHOLD,
  OVC_DETECTION_CONFIDENCE_THRESHOLD,
  OVC_DETECTION_CLIP_AFTER_NMS,
  OVC_DETECTION_CLIP_BEFORE_NMS,
  OVC_DETECTION_DECREASE_LABEL_ID,
  OVC_DETECTION_NORMALIZED,
  OVC_DETECTION_INPUT_HEIGHT,
  OVC_DETECTION_INPUT_WIDTH,
  OVC_DETECTION_NUM_PRIORS,
  OVC_DETECTION_BATCH,
  OVC_DETECTION_PRIOR_BATCH,
  OVC_DETECTION_PRIOR_CHANNELS,
  OVC_DETECTION_OUT_ROWS,
  OVC_DETECTION_COUNT
};

void ovc_detection_output(const float *loc, const float *conf,
                          const float *priors, float *out, const float *params);

#endif /* OVC_RUNTIME_DETECTION_OUTPUT_H */
