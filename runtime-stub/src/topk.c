/*===- topk.c - TopK along one axis of a dense f32 tensor -----------------===*
 *
 * For each slice along the axis: the k largest (mode max) or smallest
 * (mode min) values, ordered by value (best first) or by index. Ties keep
 * the lower index first, which is TopK-11's `stable` order and one of the
 * orders TopK-1/3 allow. NaN ranks below every number in both modes.
 *
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdlib.h>

typedef struct entry {
  float value;
  int64_t index;
} entry;

static int is_nan(float v) { return v != v; }

static int by_index(const void *a, const void *b) {
  const entry *x = (const entry *)a, *y = (const entry *)b;
  return (x->index > y->index) - (x->index < y->index);
}

/* Best first: the better value (larger when `largest`), NaN last, then the
 * lower index. */
static int by_rank(const void *a, const void *b, int largest) {
  const entry *x = (const entry *)a, *y = (const entry *)b;
  int nx = is_nan(x->value), ny = is_nan(y->value);
  if (nx != ny)
    return nx - ny;
  if (!nx && x->value != y->value)
    return (x->value > y->value) == largest ? -1 : 1;
  return by_index(a, b);
}

static int better_max(const void *a, const void *b) { return by_rank(a, b, 1); }
static int better_min(const void *a, const void *b) { return by_rank(a, b, 0); }

/* params: outer, length, inner, k, mode (1 = max), sort (1 = index),
 * index bits (32 or 64). `scratch` holds `length` entries (16 bytes each),
 * allocated by the caller so that the kernel cannot fail. */
void ovc_topk_f32(const float *input, float *values, void *indices,
                  void *scratch, const float *params) {
  int64_t outer = (int64_t)params[0], length = (int64_t)params[1];
  int64_t inner = (int64_t)params[2], k = (int64_t)params[3];
  int max_mode = params[4] != 0, sort_by_index = params[5] != 0;
  int wide = params[6] == 64;
  if (k > length)
    k = length;
  entry *slice = (entry *)scratch;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const float *in = input + o * length * inner + i;
      for (int64_t j = 0; j < length; ++j) {
        slice[j].value = in[j * inner];
        slice[j].index = j;
      }
      qsort(slice, (size_t)length, sizeof(entry),
            max_mode ? better_max : better_min);
      if (sort_by_index)
        qsort(slice, (size_t)k, sizeof(entry), by_index);
      int64_t base = o * k * inner + i;
      for (int64_t j = 0; j < k; ++j) {
        values[base + j * inner] = slice[j].value;
        if (wide)
          ((int64_t *)indices)[base + j * inner] = slice[j].index;
        else
          ((int32_t *)indices)[base + j * inner] = (int32_t)slice[j].index;
      }
    }
  }
}
