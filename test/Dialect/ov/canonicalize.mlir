// RUN: ovc-opt %s -canonicalize | FileCheck %s
// The folders evaluate shape sub-graphs; weights-sized tensors are left alone.

// CHECK-LABEL: func @shape_subgraph
func.func @shape_subgraph(%x: tensor<1x3x8x8xf32>) -> tensor<1x192xf32> {
  // CHECK-NOT: ov.shape_of
  // CHECK-NOT: ov.gather
  // CHECK-NOT: ov.concat
  // CHECK: %[[SHAPE:.*]] = ov.constant dense<[1, 192]> : tensor<2xi64>
  // CHECK: ov.reshape %{{.*}}, %[[SHAPE]]
  %s = ov.shape_of %x {output_type = i64} : (tensor<1x3x8x8xf32>) -> tensor<4xi64>
  %i = ov.constant dense<0> : tensor<1xi64>
  %ax = ov.constant dense<0> : tensor<i64>
  %n = ov.gather %s, %i, %ax : (tensor<4xi64>, tensor<1xi64>, tensor<i64>) -> tensor<1xi64>
  %b = ov.constant dense<[1]> : tensor<1xi64>
  %e = ov.constant dense<[4]> : tensor<1xi64>
  %rest = ov.strided_slice %s, %b, %e {begin_mask = array<i64: 0>, end_mask = array<i64: 0>, new_axis_mask = array<i64>, shrink_axis_mask = array<i64>, ellipsis_mask = array<i64>} : (tensor<4xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<3xi64>
  %zero = ov.constant dense<0> : tensor<1xi64>
  %p = ov.reduce_prod %rest, %zero : (tensor<3xi64>, tensor<1xi64>) -> tensor<i64>
  %one = ov.constant dense<[0]> : tensor<1xi64>
  %p1 = ov.unsqueeze %p, %one : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
  %shape = ov.concat %n, %p1 {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = ov.reshape %x, %shape {special_zero = false} : (tensor<1x3x8x8xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %c = tensor.cast %r : tensor<?x?xf32> to tensor<1x192xf32>
  return %c : tensor<1x192xf32>
}

// CHECK-LABEL: func @arithmetic
func.func @arithmetic() -> (tensor<3xi64>, tensor<2xi32>, tensor<2xf32>, tensor<4xi64>, tensor<2x2xi64>) {
  %a = ov.constant dense<[7, -7, 6]> : tensor<3xi64>
  %b = ov.constant dense<2> : tensor<i64>
  // Python division rounds toward -inf: -7 // 2 = -4.
  // CHECK-DAG: ov.constant dense<[3, -4, 3]> : tensor<3xi64>
  %q = ov.divide %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  %f = ov.constant dense<[1.5, -2.7]> : tensor<2xf32>
  // float to int truncates toward zero
  // CHECK-DAG: ov.constant dense<[1, -2]> : tensor<2xi32>
  %i = ov.convert %f {destination_type = i32} : (tensor<2xf32>) -> tensor<2xi32>
  // CHECK-DAG: ov.constant dense<[3.000000e+00, -5.400000e+00]> : tensor<2xf32>
  %fb = ov.constant dense<2.0> : tensor<f32>
  %m = ov.multiply %f, %fb : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %s = ov.constant dense<0> : tensor<i64>
  %e = ov.constant dense<8> : tensor<i64>
  %st = ov.constant dense<2> : tensor<i64>
  // CHECK-DAG: ov.constant dense<[0, 2, 4, 6]> : tensor<4xi64>
  %r = ov.range %s, %e, %st {output_type = i64} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<4xi64>
  %t = ov.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %perm = ov.constant dense<[1, 0]> : tensor<2xi64>
  // CHECK-DAG: ov.constant dense<{{\[\[}}1, 3], [2, 4]]> : tensor<2x2xi64>
  %tt = ov.transpose %t, %perm : (tensor<2x2xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  return %q, %i, %m, %r, %tt : tensor<3xi64>, tensor<2xi32>, tensor<2xf32>, tensor<4xi64>, tensor<2x2xi64>
}

// CHECK-LABEL: func @keep_decompression
func.func @keep_decompression() -> tensor<2xf32> {
  // CHECK: ov.convert {{.*}}decompression
  %w = ov.constant dense<[1.0, 2.0]> : tensor<2xf16>
  %d = ov.convert %w {destination_type = f32, decompression} : (tensor<2xf16>) -> tensor<2xf32>
  return %d : tensor<2xf32>
}

// f16 arithmetic is not folded in f16: the subnormal zero point 7.6e-6
// would vanish (5 - 7.6e-6 rounds to 5 in f16). -ov-decompress-weights
// computes it in f32 later.
// CHECK-LABEL: func @keep_f16_arithmetic
func.func @keep_f16_arithmetic() -> tensor<2xf16> {
  // CHECK: ov.subtract
  %w = ov.constant dense<[5.0, -3.0]> : tensor<2xf16>
  %zp = ov.constant dense<7.6e-06> : tensor<f16>
  %d = ov.subtract %w, %zp : (tensor<2xf16>, tensor<f16>) -> tensor<2xf16>
  return %d : tensor<2xf16>
}

// CHECK-LABEL: func @unused_maxpool_indices
func.func @unused_maxpool_indices(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // CHECK: ov.max_pool %
  // CHECK-NOT: ov.max_pool_with_indices
  %0:2 = ov.max_pool_with_indices %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, index_element_type = i64} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
  return %0#0 : tensor<1x3x4x4xf32>
}
