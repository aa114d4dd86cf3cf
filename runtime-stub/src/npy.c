/*===- npy.c - reading and writing NumPy .npy files -----------------------===*
 *
 * The .npy format: magic "\x93NUMPY", a version, a little-endian header
 * length, a Python-dict header ({'descr': '<f4', 'fortran_order': False,
 * 'shape': (1, 3, 32, 32), }) padded with spaces, then the raw data. The
 * reader checks every field and the data length before trusting them.
 *
 *===----------------------------------------------------------------------===*/

#include "npy.h"
#include "page_memory.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *npy_descr(ovc_element_type type) {
  switch (type) {
  case OVC_F32:
    return "<f4";
  case OVC_F16:
    return "<f2";
  case OVC_F64:
    return "<f8";
  case OVC_I8:
    return "|i1";
  case OVC_U8:
    return "|u1";
  case OVC_I16:
    return "<i2";
  case OVC_U16:
    return "<u2";
  case OVC_I32:
    return "<i4";
  case OVC_U32:
    return "<u4";
  case OVC_I64:
    return "<i8";
  case OVC_U64:
    return "<u8";
  case OVC_BOOL:
    return "|b1";
  case OVC_BF16:
    return "<V2";
  }
  return "?";
}

static int fail(char *error, size_t size, const char *path, const char *what) {
  snprintf(error, size, "%s: %s", path, what);
  return 1;
}

/* Finds `'key':` in the header and returns a pointer after the colon. */
static const char *find_key(const char *header, const char *key) {
  char pattern[32];
  snprintf(pattern, sizeof(pattern), "'%s':", key);
  const char *at = strstr(header, pattern);
  if (!at)
    return NULL;
  at += strlen(pattern);
  while (*at == ' ')
    ++at;
  return at;
}

int npy_read(const char *path, npy_array *array, char *error, size_t size) {
  memset(array, 0, sizeof(*array));
  FILE *file = fopen(path, "rb");
  if (!file) {
    snprintf(error, size, "%s: cannot open: %s", path, strerror(errno));
    return 1;
  }
  unsigned char magic[8];
  if (fread(magic, 1, 8, file) != 8 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    fclose(file);
    return fail(error, size, path, "not a .npy file (bad magic)");
  }
  uint32_t headerLength;
  if (magic[6] == 1) {
    unsigned char len[2];
    if (fread(len, 1, 2, file) != 2) {
      fclose(file);
      return fail(error, size, path, "truncated header");
    }
    headerLength = (uint32_t)len[0] | (uint32_t)len[1] << 8;
  } else if (magic[6] == 2 || magic[6] == 3) {
    unsigned char len[4];
    if (fread(len, 1, 4, file) != 4) {
      fclose(file);
      return fail(error, size, path, "truncated header");
    }
    headerLength = (uint32_t)len[0] | (uint32_t)len[1] << 8 |
                   (uint32_t)len[2] << 16 | (uint32_t)len[3] << 24;
  } else {
    fclose(file);
    return fail(error, size, path, "unsupported .npy version");
  }
  if (headerLength == 0 || headerLength > 65536) {
    fclose(file);
    return fail(error, size, path, "implausible header length");
  }
  char *header = (char *)malloc(headerLength + 1);
  if (!header || fread(header, 1, headerLength, file) != headerLength) {
    free(header);
    fclose(file);
    return fail(error, size, path, "truncated header");
  }
  header[headerLength] = 0;

  const char *descr = find_key(header, "descr");
  const char *fortran = find_key(header, "fortran_order");
  const char *shape = find_key(header, "shape");
  if (!descr || *descr != '\'' || !fortran || !shape || *shape != '(') {
    free(header);
    fclose(file);
    return fail(error, size, path, "malformed header dict");
  }
  const char *end = strchr(descr + 1, '\'');
  if (!end || end - descr - 1 >= (ptrdiff_t)sizeof(array->descr)) {
    free(header);
    fclose(file);
    return fail(error, size, path, "malformed descr");
  }
  memcpy(array->descr, descr + 1, (size_t)(end - descr - 1));
  if (strncmp(fortran, "False", 5) != 0) {
    free(header);
    fclose(file);
    return fail(error, size, path,
                "Fortran-order arrays are not supported (save C order)");
  }
  const char *p = shape + 1;
  int64_t elements = 1;
  while (*p && *p != ')') {
    while (*p == ' ' || *p == ',')
      ++p;
    if (*p == ')')
      break;
    char *after;
    errno = 0;
    long long dim = strtoll(p, &after, 10);
    if (after == p || dim < 0 || errno || array->rank >= 16 ||
        (dim && elements > (INT64_MAX / 16) / dim)) {
      free(header);
      fclose(file);
      return fail(error, size, path, "malformed or oversized shape");
    }
    array->dims[array->rank++] = dim;
    elements *= dim;
    p = after;
  }
  free(header);

  size_t itemsize = (size_t)atoi(array->descr + 2);
  if (itemsize == 0 || itemsize > 8 ||
      (array->descr[0] != '<' && array->descr[0] != '|')) {
    fclose(file);
    return fail(error, size, path, "unsupported dtype (need little-endian)");
  }
  array->bytes = (size_t)elements * itemsize;
  /* The model reads it whole: on huge pages, its reading writes each
   * fresh page without a fault per 4 KiB (see page_memory.h). */
  array->data = ovc_alloc_pages(array->bytes, NULL);
  if (!array->data) {
    fclose(file);
    return fail(error, size, path, "out of memory");
  }
  if (fread(array->data, 1, array->bytes, file) != array->bytes) {
    fclose(file);
    npy_free(array);
    return fail(error, size, path, "data is shorter than the shape says");
  }
  fclose(file);
  return 0;
}

int npy_write(const char *path, const char *descr, int32_t rank,
              const int64_t *dims, const void *data, size_t bytes, char *error,
              size_t size) {
  char header[512];
  int n = snprintf(header, sizeof(header),
                   "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
  for (int32_t i = 0; i < rank; ++i)
    n += snprintf(header + n, sizeof(header) - (size_t)n, "%lld%s",
                  (long long)dims[i], rank == 1 ? "," : (i + 1 < rank ? ", " : ""));
  n += snprintf(header + n, sizeof(header) - (size_t)n, "), }");
  /* Pad so that the data starts on a 64-byte boundary. */
  int total = 10 + n + 1;
  int padded = (total + 63) / 64 * 64;
  while (n < padded - 10 - 1)
    header[n++] = ' ';
  header[n++] = '\n';
  FILE *file = fopen(path, "wb");
  if (!file) {
    snprintf(error, size, "%s: cannot create: %s", path, strerror(errno));
    return 1;
  }
  unsigned char prefix[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                              (unsigned char)(n & 0xFF),
                              (unsigned char)(n >> 8)};
  int ok = fwrite(prefix, 1, 10, file) == 10 &&
           fwrite(header, 1, (size_t)n, file) == (size_t)n &&
           fwrite(data, 1, bytes, file) == bytes;
  ok = (fclose(file) == 0) && ok;
  if (!ok) {
    snprintf(error, size, "%s: write failed: %s", path, strerror(errno));
    return 1;
  }
  return 0;
}

void npy_free(npy_array *array) {
  free(array->data);
  array->data = NULL;
}
