// RUN: ovc-opt %s -convert-ov-to-linalg -split-input-file | FileCheck %s

// Numpy broadcasting becomes indexing maps: a [3,1,1] operand of a
// [1,3,4,4] result reads (d1, 0, 0).
// CHECK-DAG: #[[BCAST:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-LABEL: func @add_broadcast
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel"]
// CHECK: arith.addf
func.func @add_broadcast(%a: tensor<1x3x4x4xf32>, %b: tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %0 = ov.add %a, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// Explicit pads become a zero tensor.pad before the named convolution.
// CHECK-LABEL: func @conv_padded
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 2] high[0, 0, 1, 2]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
func.func @conv_padded(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x5xf32> {
  %0 = ov.convolution %x, %w {strides = array<i64: 2, 2>, pads_begin = array<i64: 1, 2>, pads_end = array<i64: 1, 2>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x5xf32>
  return %0 : tensor<1x4x4x5xf32>
}

// -----

// Depthwise groups use the depthwise named op with a [C, kh, kw] filter.
// CHECK-LABEL: func @depthwise
// CHECK: tensor.collapse_shape
// CHECK: linalg.depthwise_conv_2d_nchw_chw
func.func @depthwise(%x: tensor<1x8x6x6xf32>, %w: tensor<8x1x1x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %0 = ov.group_convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x6x6xf32>, tensor<8x1x1x3x3xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

// Ceil rounding: the input gets one extra row/column of -inf at the end so
// that the last window fits.
// CHECK-LABEL: func @max_pool_ceil
// CHECK: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// CHECK: tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NEG]]
// CHECK: linalg.pooling_nchw_max
func.func @max_pool_ceil(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %0 = ov.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, rounding_type = #ov.rounding_type<ceil>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// AvgPool with exclude-pad: corner windows of a 3x3 kernel with pad 1 see
// 4 taps, edges 6, the center 9.
// CHECK-LABEL: func @avg_pool_exclude_pad
// CHECK: linalg.pooling_nchw_sum
// CHECK: arith.constant dense<{{\[\[\[\[}}4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]]]>
// CHECK: arith.divf
func.func @avg_pool_exclude_pad(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %0 = ov.avg_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>, exclude_pad = true} : (tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// MatMul with transpose_b reads B as (n, k).
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func @matmul_transpose_b
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], {{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul_transpose_b(%a: tensor<2x8xf32>, %b: tensor<5x8xf32>) -> tensor<2x5xf32> {
  %0 = ov.matmul %a, %b {transpose_b = true} : (tensor<2x8xf32>, tensor<5x8xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// SoftMax: max, exp(x - max) summed (in any order), divide.
// CHECK-LABEL: func @softmax
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: arith.addf {{.*}} fastmath<reassoc>
// CHECK: arith.divf
func.func @softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %0 = ov.softmax %x {axis = 1 : i64} : (tensor<2x10xf32>) -> tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// ReduceMean keeping dims: a sum over H and W, which may be reassociated
// (vectorized), into 1x8x1x1, then a division by the 225 elements.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[KEPT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
// CHECK-LABEL: func @reduce_mean
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[KEPT]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.addf {{.*}} fastmath<reassoc>
// CHECK: arith.constant 2.250000e+02
// CHECK: arith.divf
func.func @reduce_mean(%x: tensor<1x8x15x15xf32>) -> tensor<1x8x1x1xf32> {
  %a = ov.constant dense<[2, 3]> : tensor<2xi64>
  %0 = ov.reduce_mean %x, %a {keep_dims = true} : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

// FakeQuantize is computed exactly: clamp, scale, round half to even.
// CHECK-LABEL: func @fake_quantize
// CHECK: math.roundeven
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
func.func @fake_quantize(%x: tensor<4xf32>) -> tensor<4xf32> {
  %lo = ov.constant dense<0.0> : tensor<f32>
  %hi = ov.constant dense<2.55> : tensor<f32>
  %0 = ov.fake_quantize %x, %lo, %hi, %lo, %hi {levels = 256 : i64} : (tensor<4xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}


// -----

// Interpolate reads its sources through compile-time coordinate tables:
// nearest, half_pixel, 2x upsampling maps output x to input x / 2.
// CHECK-LABEL: func @interpolate_nearest
// CHECK: arith.constant dense<[0, 0, 1, 1]> : tensor<4xindex>
// CHECK: linalg.generic
// CHECK: linalg.index
// CHECK: tensor.extract
func.func @interpolate_nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %s = ov.constant dense<[4, 4]> : tensor<2xi64>
  %a = ov.constant dense<[2, 3]> : tensor<2xi64>
  %0 = ov.interpolate %x, %s, %a {mode = #ov.interpolate_mode<nearest>, shape_calculation_mode = #ov.shape_calculation_mode<sizes>, nearest_mode = #ov.nearest_mode<round_prefer_ceil>, pads_begin = array<i64>, pads_end = array<i64>} : (tensor<1x1x2x2xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}
