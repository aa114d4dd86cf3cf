// RUN: ovc-opt %s -convert-ov-to-linalg -verify-diagnostics
// An op without a lowering yet is an error at its location (the IR layer).

func.func @unsupported(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %s = ov.constant dense<[8, 8]> : tensor<2xi64>
  %a = ov.constant dense<[2, 3]> : tensor<2xi64>
  // expected-error @+1 {{failed to legalize operation 'ov.interpolate'}}
  %0 = ov.interpolate %x, %s, %a {mode = #ov.interpolate_mode<nearest>, shape_calculation_mode = #ov.shape_calculation_mode<sizes>, pads_begin = array<i64>, pads_end = array<i64>} : (tensor<1x3x4x4xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}
