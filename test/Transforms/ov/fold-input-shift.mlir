// RUN: ovc-opt --split-input-file -ov-fold-input-shift %s | FileCheck %s

// A shift per input channel, then a bias: b = [1*1 + 2*2, 3*1 + 4*2,
// 5*1 + 6*2] = [5, 11, 17] joins the bias [10, 20, 30].
// CHECK-LABEL: func @shift_joins_bias
// CHECK-NOT: ov.add %arg0
// CHECK: %[[C:.*]] = ov.convolution %arg0,
// CHECK: %[[B:.*]] = ov.constant dense<{{.*}}1.500000e+01{{.*}}3.100000e+01{{.*}}4.700000e+01{{.*}}> : tensor<1x3x1x1xf32>
// CHECK: %[[Y:.*]] = ov.add %[[C]], %[[B]]
// CHECK: return %[[Y]]
func.func @shift_joins_bias(%x: tensor<1x2x3x3xf32>) -> tensor<1x3x3x3xf32> {
  %m = ov.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %w = ov.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]]]> : tensor<3x2x1x1xf32>
  %bias = ov.constant dense<[[[[10.0]], [[20.0]], [[30.0]]]]> : tensor<1x3x1x1xf32>
  %s = ov.add %x, %m : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %c = ov.convolution %s, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x3x3xf32>
  %y = ov.add %c, %bias : (tensor<1x3x3x3xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// -----

// No bias after it: the shift becomes one. A scalar shift on the left adds
// 2 to both channels of a 2x2 window: b[o] = 2 * (sum of w[o]).
// CHECK-LABEL: func @shift_alone
// CHECK: %[[C:.*]] = ov.convolution %arg0,
// CHECK: %[[B:.*]] = ov.constant dense<{{.*}}8.000000e+00{{.*}}-4.000000e+00{{.*}}> : tensor<1x2x1x1xf32>
// CHECK: %[[Y:.*]] = ov.add %[[C]], %[[B]]
// CHECK: return %[[Y]]
func.func @shift_alone(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  %m = ov.constant dense<2.0> : tensor<1xf32>
  %w = ov.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]]], [[[-1.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, -1.0]]]]> : tensor<2x2x2x2xf32>
  %s = ov.add %m, %x : (tensor<1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %c = ov.convolution %s, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x3x3xf32>
  return %c : tensor<1x2x3x3xf32>
}

// -----

// Left alone: a padded convolution (its zeros would be shifted too), one
// with auto_pad same_upper, a shift that has another user, and a shift
// that is not one value per channel.
// CHECK-LABEL: func @not_folded
// CHECK-COUNT-4: ov.add %arg0
// CHECK-NOT: ov.add %arg0
func.func @not_folded(%x: tensor<1x2x3x3xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x1x3x3xf32>) {
  %m = ov.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %w = ov.constant dense<1.0> : tensor<1x2x3x3xf32>
  %w1 = ov.constant dense<1.0> : tensor<1x2x1x1xf32>
  %s0 = ov.add %x, %m : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %c0 = ov.convolution %s0, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x1x3x3xf32>
  %s1 = ov.add %x, %m : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %c1 = ov.convolution %s1, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, auto_pad = #ov.auto_pad<same_upper>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x1x3x3xf32>
  %s2 = ov.add %x, %m : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %c2 = ov.convolution %s2, %w1 {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x3x3xf32>
  %full = ov.constant dense<1.0> : tensor<1x2x3x3xf32>
  %s3 = ov.add %x, %full : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %c3 = ov.convolution %s3, %w1 {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x3x3xf32>
  return %c0, %c1, %c2, %s2, %c3 : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x1x3x3xf32>
}
