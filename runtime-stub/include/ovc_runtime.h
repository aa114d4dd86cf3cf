/*===- ovc_runtime.h - the C ABI of ovc-compiled models -------------------===*
 *
 * Every model ovc compiles is described by one `ovc_model_info`: its inputs
 * and outputs (names, element types, shapes) and an entry that runs one
 * inference on caller-provided buffers. No C++ runtime is needed.
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
  const char *name;      /* IR layer name */
  const char *type;      /* IR layer type, e.g. "Convolution" */
  const char *exec_type; /* how ovc computes it, e.g. "loops_conv_2d_nchw_fchw" */
} ovc_layer_info;

typedef struct ovc_model_info {
  const char *name;
  /* The oneDNN ISA name the code was compiled for, e.g. "avx2". */
  const char *isa;
  int32_t num_inputs;
  int32_t num_outputs;
  const ovc_tensor_info *inputs;
  const ovc_tensor_info *outputs;
  /* buffers: inputs then outputs, each dense row-major. */
  void (*invoke)(void *const *buffers);
  /* Per-layer counters, accumulated over every inference (one inference
   * at a time): total nanoseconds and executions per layer. */
  int32_t num_layers;
  const ovc_layer_info *layers;
  uint64_t *layer_ns;
  uint64_t *layer_calls;
} ovc_model_info;

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

/* Runs one inference: `inputs[i]` and `outputs[i]` hold dense buffers of the
 * sizes the info gives. */
ovc_status ovc_infer(const ovc_model_info *model, const void *const *inputs,
                     void *const *outputs);

#ifdef __cplusplus
}
#endif

#endif /* OVC_RUNTIME_H */
