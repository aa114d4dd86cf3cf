// RUN: ovc-opt %s -convert-ov-to-linalg -verify-diagnostics
// An op without a lowering yet is an error at its location (the IR layer).

func.func @unsupported(%x: tensor<2x3x4x6xf32>) -> tensor<2x12x2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'ov.space_to_depth'}}
  %0 = ov.space_to_depth %x {block_size = 2 : i64, depth_first = false} : (tensor<2x3x4x6xf32>) -> tensor<2x12x2x3xf32>
  return %0 : tensor<2x12x2x3xf32>
}

// TopK stays legal (no diagnostic): a runtime kernel computes it after
// bufferization.
func.func @kernel_backed(%x: tensor<2x8xf32>) -> tensor<2x3xf32> {
  %k = ov.constant dense<3> : tensor<i64>
  %0:2 = ov.topk %x, %k {axis = 1 : i64, mode = #ov.topk_mode<max>, sort = #ov.topk_sort<value>, index_element_type = i32} : (tensor<2x8xf32>, tensor<i64>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  return %0#0 : tensor<2x3xf32>
}
