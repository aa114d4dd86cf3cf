/*===- ovc_runtime.h - the C ABI of ovc-compiled models -------------------===*
 *
 * Every model ovc compiles is described by one `ovc_model_info`: its inputs
 * and outputs (names, element types, shapes) and an entry that runs one
 * inference on caller-provided buffers. An `ovc_model` instance made by
 * ovc_create holds what one model needs at run time (its thread pool, its
 * memory-mapped weights when they are external); ovc_run infers with it.
 * No C++ runtime is needed.
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_RUNTIME_H
#define OVC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ovc_element_type {
  OVC_F32 = 0,
  OVC_F16,
  OVC_BF16,
  OVC_F64,
  OVC_I8,
  OVC_U8,
  OVC_I16,
  OVC_U16,
  OVC_I32,
  OVC_U32,
  OVC_I64,
  OVC_U64,
  OVC_BOOL,
} ovc_element_type;

typedef enum ovc_status {
  OVC_OK = 0,
  OVC_ERROR_INVALID_ARGUMENT = 1,
  OVC_ERROR_UNSUPPORTED_CPU = 2,
  OVC_ERROR_OUT_OF_MEMORY = 3,
  OVC_ERROR_IO = 4,
} ovc_status;

typedef struct ovc_tensor_info {
  /* The name users know the tensor by: the Parameter name for inputs, the
   * first tensor name of the producing port (else the producer) for outputs. */
  const char *name;
  /* The IR layer: Parameter or Result name. */
  const char *layer_name;
  /* The type the compiled code reads/writes, and the IR's declared type
   * (they differ for the f16 inputs of IR v10 FP16 models, computed in f32). */
  ovc_element_type type;
  ovc_element_type ir_type;
  int32_t rank;
  const int64_t *dims;
} ovc_tensor_info;

/* One IR layer as the per-layer counters report it. */
typedef struct ovc_layer_info {
  const char *name; /* IR layer name */
  const char *type; /* IR layer type, e.g. "Convolution" */
  const char
      *exec_type; /* how ovc computes it, e.g. "loops_conv_2d_nchw_fchw" */
} ovc_layer_info;

typedef struct ovc_model_info {
  const char *name;
  /* The oneDNN ISA name the code was compiled for, e.g. "avx2". */
  const char *isa;
  int32_t num_inputs;
  int32_t num_outputs;
  const ovc_tensor_info *inputs;
  const ovc_tensor_info *outputs;
  /* buffers: inputs then outputs, each dense row-major; weights: the
   * external weights blob (NULL when they are embedded); arena: the
   * instance's arena_bytes of scratch memory, 64-byte aligned, where the
   * compiler placed every intermediate tensor (NULL when arena_bytes is 0). */
  void (*invoke)(void *const *buffers, const void *weights, void *arena);
  /* Per-layer counters, accumulated over every inference (one inference
   * at a time): total nanoseconds and executions per layer. */
  int32_t num_layers;
  const ovc_layer_info *layers;
  uint64_t *layer_ns;
  uint64_t *layer_calls;
  /* External weights (ovc --weights=external): the file's name, looked up
   * next to the program or library holding this model unless
   * ovc_config.weights_path names it; the blob's size and checksum. NULL
   * name when the weights are embedded. */
  const char *weights_file;
  uint64_t weights_bytes;
  uint64_t weights_checksum;
  /* Scratch memory one inference needs: allocated once per instance by
   * ovc_create, so that inferences neither allocate nor fault pages in. */
  uint64_t arena_bytes;
  /* Multiply-adds of one inference in its convolutions and matrix products
   * (0: not counted). A model of fewer than OVC_SMALL_MODEL_MULTIPLY_ADDS
   * runs each inference on the calling thread alone, whatever the thread
   * count: its layers, of a few microseconds each, gained nothing split and
   * lost more to their data crossing between the cores' caches. */
  uint64_t multiply_adds;
} ovc_model_info;

#define OVC_SMALL_MODEL_MULTIPLY_ADDS 25000000ull

/* Whether `info` is such a small model (see multiply_adds). */
int ovc_model_is_small(const ovc_model_info *info);

typedef struct ovc_config {
  /* Threads one inference uses; 0 = every CPU this process may run on. */
  int32_t nthreads;
  /* External weights file; NULL = the default place (see weights_file). */
  const char *weights_path;
} ovc_config;

/* A model ready to run. One inference at a time per instance. */
typedef struct ovc_model ovc_model;

/* Bytes of one element of `type`. */
size_t ovc_element_size(ovc_element_type type);
/* "f32", "f16", ... */
const char *ovc_element_type_name(ovc_element_type type);
/* Element count of a tensor. */
int64_t ovc_tensor_elements(const ovc_tensor_info *info);

/* Checks that this CPU runs code compiled for `isa`; on failure writes a
 * message naming what is missing. */
ovc_status ovc_check_cpu(const char *isa, char *message, size_t size);

/* Zeroes the per-layer counters. */
void ovc_reset_counters(const ovc_model_info *model);

/* Makes an instance of `info` (`config` may be NULL for the defaults):
 * checks the CPU, maps external weights and starts the thread pool. On
 * failure *model is NULL and `message` says why. */
ovc_status ovc_create(const ovc_model_info *info, const ovc_config *config,
                      ovc_model **model, char *message, size_t size);
void ovc_destroy(ovc_model *model);

const ovc_model_info *ovc_model_get_info(const ovc_model *model);
int32_t ovc_model_get_nthreads(const ovc_model *model);

/* Runs one inference: `inputs[i]` and `outputs[i]` hold dense buffers of the
 * sizes the info gives. OVC_ERROR_OUT_OF_MEMORY when a kernel could not get
 * a buffer it needs; the outputs then hold no result. */
ovc_status ovc_run(ovc_model *model, const void *const *inputs,
                   void *const *outputs);

/* Parallel loops for kernels: calls fn(context, begin, end) on disjoint
 * ranges covering [0, total), each at least `grain` long, on the threads of
 * the inference running on the calling thread (serially outside one). */
typedef void (*ovc_parallel_fn)(void *context, int64_t begin, int64_t end);
void ovc_parallel_for(int64_t total, int64_t grain, ovc_parallel_fn fn,
                      void *context);
/* Threads ovc_parallel_for would use on this thread now. */
int32_t ovc_parallel_threads(void);

/* An external weights file: a header of OVC_WEIGHTS_HEADER_BYTES bytes
 * (OVC_WEIGHTS_MAGIC, the blob's size and checksum as little-endian u64,
 * zeros) followed by the blob, which is memory-mapped as it is. */
#define OVC_WEIGHTS_MAGIC "OVCWGHT1"
#define OVC_WEIGHTS_HEADER_BYTES 64

/* The checksum of external weights files (64-bit FNV-1a over 8-byte
 * little-endian words, then the remaining bytes). */
uint64_t ovc_weights_checksum(const void *data, uint64_t bytes);

#ifdef __cplusplus
}
#endif

#endif /* OVC_RUNTIME_H */
