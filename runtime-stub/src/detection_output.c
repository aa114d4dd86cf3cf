/*===- detection_output.c - SSD DetectionOutput (decode + per-class NMS) --===*
 *
 * Called by compiled models for DetectionOutput-1/8 layers. The algorithm is
 * OpenVINO's reference: decode every prior's box, per class keep the
 * `top_k` highest scores above the confidence threshold, greedy NMS, then
 * keep the `keep_top_k` best over all classes; rows are written per image,
 * classes ascending, [image, label, score, xmin, ymin, xmax, ymax], and a
 * row with image -1 ends the list.
 *
 *===----------------------------------------------------------------------===*/

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Layout of the parameter vector the compiler passes (all as floats). */
enum {
  P_NUM_CLASSES,
  P_BACKGROUND,
  P_TOP_K,
  P_KEEP_TOP_K,
  P_CODE_TYPE, /* 0 corner, 1 center_size, 2 corner_size */
  P_SHARE_LOCATION,
  P_VARIANCE_ENCODED,
  P_NMS_THRESHOLD,
  P_CONFIDENCE_THRESHOLD,
  P_CLIP_AFTER_NMS,
  P_CLIP_BEFORE_NMS,
  P_DECREASE_LABEL_ID,
  P_NORMALIZED,
  P_INPUT_HEIGHT,
  P_INPUT_WIDTH,
  P_NUM_PRIORS,
  P_BATCH,
  P_PRIOR_BATCH,
  P_PRIOR_CHANNELS,
  P_OUT_ROWS,
  P_COUNT
};

typedef struct {
  float xmin, ymin, xmax, ymax;
} box;

typedef struct {
  float score;
  int label;
  int index;
} scored;

static float clamp01(float v) { return v < 0.f ? 0.f : (v > 1.f ? 1.f : v); }

static float box_size(const box *b) {
  if (b->xmax < b->xmin || b->ymax < b->ymin)
    return 0.f;
  return (b->xmax - b->xmin) * (b->ymax - b->ymin);
}

static float jaccard(const box *a, const box *b) {
  if (b->xmin > a->xmax || b->xmax < a->xmin || b->ymin > a->ymax ||
      b->ymax < a->ymin)
    return 0.f;
  float w = fminf(a->xmax, b->xmax) - fmaxf(a->xmin, b->xmin);
  float h = fminf(a->ymax, b->ymax) - fmaxf(a->ymin, b->ymin);
  if (w <= 0.f || h <= 0.f)
    return 0.f;
  float inter = w * h;
  return inter / (box_size(a) + box_size(b) - inter);
}

/* Descending by score; ties keep their order (merge sort is stable). */
static void sort_desc(scored *v, scored *tmp, int n) {
  if (n < 2)
    return;
  int mid = n / 2;
  sort_desc(v, tmp, mid);
  sort_desc(v + mid, tmp, n - mid);
  int i = 0, j = mid, k = 0;
  while (i < mid && j < n)
    tmp[k++] = (v[j].score > v[i].score) ? v[j++] : v[i++];
  while (i < mid)
    tmp[k++] = v[i++];
  while (j < n)
    tmp[k++] = v[j++];
  memcpy(v, tmp, sizeof(scored) * (size_t)n);
}

static int by_label_then_rank(const void *pa, const void *pb) {
  const scored *a = (const scored *)pa, *b = (const scored *)pb;
  return a->label != b->label ? a->label - b->label : 0;
}

void ovc_detection_output(const float *loc, const float *conf,
                          const float *priors, float *out,
                          const float *params) {
  const int classes = (int)params[P_NUM_CLASSES];
  const int background = (int)params[P_BACKGROUND];
  const int topK = (int)params[P_TOP_K];
  const int keepTopK = (int)params[P_KEEP_TOP_K];
  const int code = (int)params[P_CODE_TYPE];
  const int share = params[P_SHARE_LOCATION] != 0;
  const int encoded = params[P_VARIANCE_ENCODED] != 0;
  const float nms = params[P_NMS_THRESHOLD];
  const float threshold = params[P_CONFIDENCE_THRESHOLD];
  const int clipAfter = params[P_CLIP_AFTER_NMS] != 0;
  const int clipBefore = params[P_CLIP_BEFORE_NMS] != 0;
  const int decrease = params[P_DECREASE_LABEL_ID] != 0;
  const int normalized = params[P_NORMALIZED] != 0;
  const float inH = params[P_INPUT_HEIGHT], inW = params[P_INPUT_WIDTH];
  const int P = (int)params[P_NUM_PRIORS];
  const int batch = (int)params[P_BATCH];
  const int priorBatch = (int)params[P_PRIOR_BATCH];
  const int priorChannels = (int)params[P_PRIOR_CHANNELS];
  const long outRows = (long)params[P_OUT_ROWS];
  const int priorSize = normalized ? 4 : 5;
  const int locClasses = share ? 1 : classes;

  memset(out, 0, sizeof(float) * (size_t)outRows * 7);
  box *decoded = (box *)malloc(sizeof(box) * (size_t)P * (size_t)locClasses);
  scored *candidates = (scored *)malloc(sizeof(scored) * (size_t)P);
  scored *kept = (scored *)malloc(sizeof(scored) * (size_t)P * (size_t)classes);
  scored *tmp = (scored *)malloc(sizeof(scored) * (size_t)P * (size_t)classes);
  if (!decoded || !candidates || !kept || !tmp) {
    free(decoded), free(candidates), free(kept), free(tmp);
    if (outRows > 0)
      out[0] = -1.f;
    return;
  }
  long row = 0;
  for (int n = 0; n < batch; ++n) {
    const float *pr = priors + (size_t)(priorBatch > 1 ? n : 0) *
                                   (size_t)priorChannels * (size_t)P *
                                   (size_t)priorSize;
    const float *var = priorChannels > 1 ? pr + (size_t)P * priorSize : NULL;
    /* Decode every prior for every location class. */
    for (int c = 0; c < locClasses; ++c) {
      for (int p = 0; p < P; ++p) {
        const float *l = loc + ((size_t)n * P * locClasses + (size_t)p * locClasses + c) * 4;
        const float *q = pr + (size_t)p * priorSize + (priorSize == 5 ? 1 : 0);
        box prior = {q[0], q[1], q[2], q[3]};
        if (!normalized) {
          prior.xmin /= inW, prior.xmax /= inW;
          prior.ymin /= inH, prior.ymax /= inH;
        }
        float v[4] = {1.f, 1.f, 1.f, 1.f};
        if (!encoded) {
          if (var) {
            const float *vv = var + (size_t)p * 4;
            v[0] = vv[0], v[1] = vv[1], v[2] = vv[2], v[3] = vv[3];
          } else {
            v[0] = v[1] = v[2] = v[3] = 0.1f;
          }
        }
        box d;
        if (code == 1) {
          float pw = prior.xmax - prior.xmin, ph = prior.ymax - prior.ymin;
          float pcx = (prior.xmin + prior.xmax) / 2.f;
          float pcy = (prior.ymin + prior.ymax) / 2.f;
          float cx = v[0] * l[0] * pw + pcx;
          float cy = v[1] * l[1] * ph + pcy;
          float w = expf(v[2] * l[2]) * pw;
          float h = expf(v[3] * l[3]) * ph;
          d.xmin = cx - w / 2.f, d.ymin = cy - h / 2.f;
          d.xmax = cx + w / 2.f, d.ymax = cy + h / 2.f;
        } else if (code == 2) {
          float pw = prior.xmax - prior.xmin, ph = prior.ymax - prior.ymin;
          d.xmin = prior.xmin + v[0] * l[0] * pw;
          d.ymin = prior.ymin + v[1] * l[1] * ph;
          d.xmax = prior.xmax + v[2] * l[2] * pw;
          d.ymax = prior.ymax + v[3] * l[3] * ph;
        } else {
          d.xmin = prior.xmin + v[0] * l[0];
          d.ymin = prior.ymin + v[1] * l[1];
          d.xmax = prior.xmax + v[2] * l[2];
          d.ymax = prior.ymax + v[3] * l[3];
        }
        if (clipBefore) {
          d.xmin = clamp01(d.xmin), d.ymin = clamp01(d.ymin);
          d.xmax = clamp01(d.xmax), d.ymax = clamp01(d.ymax);
        }
        decoded[(size_t)c * P + p] = d;
      }
    }
    /* Per class: threshold, top_k, greedy NMS. */
    int total = 0;
    for (int c = 0; c < classes; ++c) {
      if (c == background)
        continue;
      const box *boxes = decoded + (size_t)(share ? 0 : c) * P;
      int count = 0;
      for (int p = 0; p < P; ++p) {
        float s = conf[((size_t)n * P + p) * classes + c];
        if (s > threshold) {
          candidates[count].score = s;
          candidates[count].label = c;
          candidates[count].index = p;
          ++count;
        }
      }
      sort_desc(candidates, tmp, count);
      if (topK > -1 && topK < count)
        count = topK;
      int first = total;
      for (int i = 0; i < count; ++i) {
        int keep = 1;
        for (int k = first; k < total && keep; ++k)
          if (jaccard(&boxes[candidates[i].index], &boxes[kept[k].index]) > nms)
            keep = 0;
        if (keep)
          kept[total++] = candidates[i];
      }
    }
    /* keep_top_k over all classes, then back to class order. */
    if (keepTopK > -1 && total > keepTopK) {
      sort_desc(kept, tmp, total);
      total = keepTopK;
      /* Stable by label: within a label the score order remains. */
      for (int i = 1; i < total; ++i) {
        scored x = kept[i];
        int j = i - 1;
        while (j >= 0 && by_label_then_rank(&kept[j], &x) > 0) {
          kept[j + 1] = kept[j];
          --j;
        }
        kept[j + 1] = x;
      }
    }
    for (int i = 0; i < total && row < outRows; ++i, ++row) {
      const box *b = &decoded[(size_t)(share ? 0 : kept[i].label) * P + kept[i].index];
      float *o = out + row * 7;
      o[0] = (float)n;
      o[1] = (float)(decrease ? kept[i].label - 1 : kept[i].label);
      o[2] = kept[i].score;
      o[3] = clipAfter ? clamp01(b->xmin) : b->xmin;
      o[4] = clipAfter ? clamp01(b->ymin) : b->ymin;
      o[5] = clipAfter ? clamp01(b->xmax) : b->xmax;
      o[6] = clipAfter ? clamp01(b->ymax) : b->ymax;
    }
  }
  if (row < outRows)
    out[row * 7] = -1.f;
  free(decoded), free(candidates), free(kept), free(tmp);
}
