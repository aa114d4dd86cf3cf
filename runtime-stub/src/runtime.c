/*===- runtime.c - model instances, metadata and synchronous inference ----===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "ovc_runtime.h"
#include "page_memory.h"
#include "thread_pool.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct ovc_model {
  const ovc_model_info *info;
  ovc_thread_pool *pool;
  /* The pool inferences use: `pool`, or NULL for a small model. */
  ovc_thread_pool *inference_pool;
  void *mapping; /* the whole weights file, or NULL */
  size_t mapping_bytes;
  const void *weights;
  void *arena; /* info->arena_bytes of scratch memory, or NULL */
};

size_t ovc_element_size(ovc_element_type type) {
  switch (type) {
  case OVC_F64:
  case OVC_I64:
  case OVC_U64:
    return 8;
  case OVC_F32:
  case OVC_I32:
  case OVC_U32:
    return 4;
  case OVC_F16:
  case OVC_BF16:
  case OVC_I16:
  case OVC_U16:
    return 2;
  case OVC_I8:
  case OVC_U8:
  case OVC_BOOL:
    return 1;
  }
  return 0;
}

const char *ovc_element_type_name(ovc_element_type type) {
  static const char *names[] = {"f32", "f16", "bf16",   "f64", "i8",
                                "u8",  "i16", "u16",    "i32", "u32",
                                "i64", "u64", "boolean"};
  if ((unsigned)type < sizeof(names) / sizeof(names[0]))
    return names[type];
  return "unknown";
}

int64_t ovc_tensor_elements(const ovc_tensor_info *info) {
  int64_t count = 1;
  for (int32_t i = 0; i < info->rank; ++i)
    count *= info->dims[i];
  return count;
}

void ovc_reset_counters(const ovc_model_info *model) {
  for (int32_t i = 0; i < model->num_layers; ++i) {
    model->layer_ns[i] = 0;
    model->layer_calls[i] = 0;
  }
}

uint64_t ovc_weights_checksum(const void *data, uint64_t bytes) {
  const unsigned char *p = (const unsigned char *)data;
  uint64_t hash = 0xcbf29ce484222325ull;
  uint64_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    uint64_t word;
    memcpy(&word, p + i, 8);
    hash = (hash ^ word) * 0x100000001b3ull;
  }
  for (; i < bytes; ++i)
    hash = (hash ^ p[i]) * 0x100000001b3ull;
  return hash;
}

static ovc_status fail(char *message, size_t size, ovc_status status,
                       const char *format, ...) {
  if (message && size) {
    va_list args;
    va_start(args, format);
    vsnprintf(message, size, format, args);
    va_end(args);
  }
  return status;
}

/* The default weights file: `weights_file` in the folder of the program or
 * library that defines `info`. */
static void default_weights_path(const ovc_model_info *info, char *path,
                                 size_t size) {
  Dl_info where;
  const char *module = NULL;
  if (dladdr((const void *)info, &where) && where.dli_fname)
    module = where.dli_fname;
  const char *slash = module ? strrchr(module, '/') : NULL;
  if (slash)
    snprintf(path, size, "%.*s/%s", (int)(slash - module), module,
             info->weights_file);
  else
    snprintf(path, size, "%s", info->weights_file);
}

static ovc_status map_weights(ovc_model *model, const char *path, char *message,
                              size_t size) {
  const ovc_model_info *info = model->info;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(message, size, OVC_ERROR_IO,
                "%s: cannot open the weights file: %s", path, strerror(errno));
  struct stat st;
  uint64_t expected = OVC_WEIGHTS_HEADER_BYTES + info->weights_bytes;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return fail(message, size, OVC_ERROR_IO, "%s: not a regular file", path);
  }
  if ((uint64_t)st.st_size != expected) {
    close(fd);
    return fail(message, size, OVC_ERROR_IO,
                "%s: the weights file has %lld bytes, model '%s' needs %llu",
                path, (long long)st.st_size, info->name,
                (unsigned long long)expected);
  }
  void *mapping = mmap(NULL, expected, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapping == MAP_FAILED)
    return fail(message, size, OVC_ERROR_IO, "%s: cannot map: %s", path,
                strerror(errno));
  const unsigned char *header = (const unsigned char *)mapping;
  uint64_t bytes, checksum;
  memcpy(&bytes, header + 8, 8);
  memcpy(&checksum, header + 16, 8);
  const void *blob = header + OVC_WEIGHTS_HEADER_BYTES;
  const char *why = NULL;
  if (memcmp(header, OVC_WEIGHTS_MAGIC, 8) != 0)
    why = "is not an ovc weights file";
  else if (bytes != info->weights_bytes || checksum != info->weights_checksum)
    why = "belongs to another model";
  else if (ovc_weights_checksum(blob, bytes) != checksum)
    why = "is corrupt (checksum mismatch)";
  if (why) {
    munmap(mapping, expected);
    return fail(message, size, OVC_ERROR_IO, "%s: the weights file %s", path,
                why);
  }
  model->mapping = mapping;
  model->mapping_bytes = expected;
  model->weights = blob;
  return OVC_OK;
}

int ovc_model_is_small(const ovc_model_info *info) {
  return info->multiply_adds &&
         info->multiply_adds < OVC_SMALL_MODEL_MULTIPLY_ADDS;
}

ovc_status ovc_create(const ovc_model_info *info, const ovc_config *config,
                      ovc_model **out, char *message, size_t size) {
  if (!out)
    return fail(message, size, OVC_ERROR_INVALID_ARGUMENT,
                "ovc_create needs somewhere to put the model");
  *out = NULL;
  if (!info)
    return fail(message, size, OVC_ERROR_INVALID_ARGUMENT,
                "ovc_create needs a model");
  ovc_config defaults = {0, NULL};
  if (!config)
    config = &defaults;
  if (config->nthreads < 0)
    return fail(message, size, OVC_ERROR_INVALID_ARGUMENT,
                "nthreads must be 0 (all CPUs) or positive, not %d",
                (int)config->nthreads);
  ovc_status status = ovc_check_cpu(info->isa, message, size);
  if (status != OVC_OK)
    return status;
  ovc_model *model = (ovc_model *)calloc(1, sizeof(ovc_model));
  if (!model)
    return fail(message, size, OVC_ERROR_OUT_OF_MEMORY, "out of memory");
  model->info = info;
  if (info->weights_file) {
    char path[4096];
    if (config->weights_path)
      snprintf(path, sizeof(path), "%s", config->weights_path);
    else
      default_weights_path(info, path, sizeof(path));
    status = map_weights(model, path, message, size);
    if (status != OVC_OK) {
      free(model);
      return status;
    }
  }
  if (info->arena_bytes) {
    model->arena = ovc_alloc_pages((size_t)info->arena_bytes, NULL);
    if (!model->arena) {
      ovc_destroy(model);
      return fail(message, size, OVC_ERROR_OUT_OF_MEMORY,
                  "cannot allocate the %llu-byte activations arena",
                  (unsigned long long)info->arena_bytes);
    }
  }
  int32_t threads =
      config->nthreads > 0 ? config->nthreads : ovc_available_cpus();
  model->pool = ovc_thread_pool_create(threads);
  if (!model->pool) {
    ovc_destroy(model);
    return fail(message, size, OVC_ERROR_OUT_OF_MEMORY,
                "cannot start %d threads", (int)threads);
  }
  model->inference_pool = ovc_model_is_small(info) ? NULL : model->pool;
  *out = model;
  return OVC_OK;
}

void ovc_destroy(ovc_model *model) {
  if (!model)
    return;
  ovc_thread_pool_destroy(model->pool);
  if (model->mapping)
    munmap(model->mapping, model->mapping_bytes);
  free(model->arena);
  free(model);
}

const ovc_model_info *ovc_model_get_info(const ovc_model *model) {
  return model ? model->info : NULL;
}

int32_t ovc_model_get_nthreads(const ovc_model *model) {
  return model ? ovc_thread_pool_size(model->pool) : 0;
}

ovc_status ovc_run(ovc_model *model, const void *const *inputs,
                   void *const *outputs) {
  if (!model)
    return OVC_ERROR_INVALID_ARGUMENT;
  const ovc_model_info *info = model->info;
  if ((!inputs && info->num_inputs) || (!outputs && info->num_outputs))
    return OVC_ERROR_INVALID_ARGUMENT;
  int32_t count = info->num_inputs + info->num_outputs;
  void *stack[16];
  void **buffers =
      count <= 16 ? stack : (void **)malloc(sizeof(void *) * (size_t)count);
  if (!buffers)
    return OVC_ERROR_OUT_OF_MEMORY;
  ovc_status status = OVC_OK;
  for (int32_t i = 0; i < info->num_inputs; ++i) {
    if (!inputs[i])
      status = OVC_ERROR_INVALID_ARGUMENT;
    buffers[i] = (void *)inputs[i];
  }
  for (int32_t i = 0; i < info->num_outputs; ++i) {
    if (!outputs[i])
      status = OVC_ERROR_INVALID_ARGUMENT;
    buffers[info->num_inputs + i] = outputs[i];
  }
  if (status == OVC_OK) {
    ovc_thread_pool_wake(model->inference_pool);
    ovc_thread_pool *previous = ovc_thread_pool_enter(model->inference_pool);
    /* A kernel that cannot finish its part says so here
     * (kernel_failure.h). */
    int outcome = OVC_OK;
    int *outer = ovc_thread_pool_outcome(&outcome);
    info->invoke(buffers, model->weights, model->arena);
    ovc_thread_pool_outcome(outer);
    ovc_thread_pool_enter(previous);
    status = (ovc_status)outcome;
  }
  if (buffers != stack)
    free(buffers);
  return status;
}
