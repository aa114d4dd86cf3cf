/*===- npy.h - reading and writing NumPy .npy files -----------------------===*/

#ifndef OVC_RUNTIME_NPY_H
#define OVC_RUNTIME_NPY_H

#include "ovc_runtime.h"

#include <stddef.h>
#include <stdint.h>

typedef struct npy_array {
  char descr[16];     /* e.g. "<f4" */
  int32_t rank;
  int64_t dims[16];
  void *data; /* `bytes` long, released with free() */
  size_t bytes;
} npy_array;

/* Reads `path`; on failure returns non-zero and writes a message naming the
 * file and the problem into `error`. */
int npy_read(const char *path, npy_array *array, char *error, size_t size);
/* Writes a little-endian C-order array. */
int npy_write(const char *path, const char *descr, int32_t rank,
              const int64_t *dims, const void *data, size_t bytes,
              char *error, size_t size);
/* The .npy descr of an element type ("<f4", "|u1", ...). */
const char *npy_descr(ovc_element_type type);
void npy_free(npy_array *array);

#endif /* OVC_RUNTIME_NPY_H */
