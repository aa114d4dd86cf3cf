/*===- runtime.c - tensor metadata and synchronous inference --------------===*/

#include "ovc_runtime.h"

#include <stdlib.h>

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
  static const char *names[] = {"f32", "f16", "bf16", "f64", "i8",
                                "u8",  "i16", "u16",  "i32", "u32",
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

ovc_status ovc_infer(const ovc_model_info *model, const void *const *inputs,
                     void *const *outputs) {
  if (!model || (!inputs && model->num_inputs) ||
      (!outputs && model->num_outputs))
    return OVC_ERROR_INVALID_ARGUMENT;
  int32_t count = model->num_inputs + model->num_outputs;
  void *stack[16];
  void **buffers =
      count <= 16 ? stack : (void **)malloc(sizeof(void *) * (size_t)count);
  if (!buffers)
    return OVC_ERROR_OUT_OF_MEMORY;
  ovc_status status = OVC_OK;
  for (int32_t i = 0; i < model->num_inputs && status == OVC_OK; ++i) {
    if (!inputs[i])
      status = OVC_ERROR_INVALID_ARGUMENT;
    buffers[i] = (void *)inputs[i];
  }
  for (int32_t i = 0; i < model->num_outputs && status == OVC_OK; ++i) {
    if (!outputs[i])
      status = OVC_ERROR_INVALID_ARGUMENT;
    buffers[model->num_inputs + i] = outputs[i];
  }
  if (status == OVC_OK)
    model->invoke(buffers);
  if (buffers != stack)
    free(buffers);
  return status;
}

void ovc_reset_counters(const ovc_model_info *model) {
  for (int32_t i = 0; i < model->num_layers; ++i) {
    model->layer_ns[i] = 0;
    model->layer_calls[i] = 0;
  }
}
