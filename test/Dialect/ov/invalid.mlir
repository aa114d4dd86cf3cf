// RUN: ovc-opt %s -split-input-file -verify-diagnostics
// Each case breaks one shape or attribute rule of OpenVINO; the verifier
// names the rule and the offending values.

// zero stride
func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'strides' must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution %x, %w {strides = array<i64: 0, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

// channel mismatch
func.func @conv_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x5x3x3xf32>) {
  // expected-error @+2 {{input has 3 channels but the filter [4,5,3,3] expects 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x5x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

// wrong stride count
func.func @conv_stride_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'strides' has 1 values but the input has 2 spatial dims}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution %x, %w {strides = array<i64: 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

// negative pad
func.func @conv_negative_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'pads_begin' must be >= 0, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: -1, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

// kernel larger than input
func.func @conv_window(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{window of size 3 (kernel 3, dilation 1) is larger than the padded input size 2 on spatial axis 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return
}

// -----

// wrong declared shape
func.func @conv_result_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

// group channels
func.func @group_conv_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<2x4x2x3x3xf32>) {
  // expected-error @+2 {{input has 6 channels but the filter [2,4,2,3,3] expects 4 (groups x input channels per group)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.group_convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x6x8x8xf32>, tensor<2x4x2x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

// matmul inner
func.func @matmul_inner(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{inner dimensions differ: [2,3] x [4,5] (3 vs 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

// broadcast
func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{shapes [2,3] and [4] are not broadcastable (numpy)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// element types
func.func @add_types(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) {
  // expected-error @+2 {{operands have different element types ('f32' and 'f16')}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<2x3xf32>
  return
}

// -----

// pool kernel zero
func.func @pool_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'kernel' must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.max_pool %x {kernel = array<i64: 0, 2>, strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x7xf32>
  return
}

// -----

// reshape count
func.func @reshape_count(%x: tensor<2x3xf32>) {
  %s = ov.constant dense<[4, 2]> : tensor<2xi64>
  // expected-error @+2 {{cannot reshape [2,3] (6 elements) to [4,2] (8 elements)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.reshape %x, %s {special_zero = false} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return
}

// -----

// reshape two -1
func.func @reshape_minus_one(%x: tensor<2x3xf32>) {
  %s = ov.constant dense<[-1, -1]> : tensor<2xi64>
  // expected-error @+2 {{target shape [-1,-1] has more than one -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.reshape %x, %s {special_zero = false} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<6x1xf32>
  return
}

// -----

// transpose perm
func.func @transpose_perm(%x: tensor<2x3xf32>) {
  %p = ov.constant dense<[0, 0]> : tensor<2xi64>
  // expected-error @+2 {{order [0,0] is not a permutation of 0..1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.transpose %x, %p : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return
}

// -----

// concat mismatch
func.func @concat_dims(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+2 {{input 1 has shape [4,3] which differs from [2,3] outside the concat axis 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

// concat axis
func.func @concat_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+2 {{concat axis 2 is out of range [-2, 1] for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.concat %a, %b {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

// split uneven
func.func @split_uneven(%x: tensor<2x5xf32>) {
  %a = ov.constant dense<1> : tensor<i64>
  // expected-error @+2 {{dim 1 of size 5 does not split evenly into 2 parts}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0:2 = ov.split %x, %a {num_splits = 2 : i64} : (tensor<2x5xf32>, tensor<i64>) -> (tensor<2x2xf32>, tensor<2x3xf32>)
  return
}

// -----

// fq levels
func.func @fq_levels(%x: tensor<4xf32>, %l: tensor<f32>) {
  // expected-error @+2 {{levels must be >= 2, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.fake_quantize %x, %l, %l, %l, %l {levels = 1 : i64} : (tensor<4xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

// softmax axis
func.func @softmax_axis(%x: tensor<4x5xf32>) {
  // expected-error @+2 {{softmax axis 2 is out of range [-2, 1] for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.softmax %x {axis = 2 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

// reduce repeated axis
func.func @reduce_axes(%x: tensor<4x5xf32>) {
  %a = ov.constant dense<[1, -1]> : tensor<2xi64>
  // expected-error @+2 {{reduction axis -1 is repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.reduce_sum %x, %a : (tensor<4x5xf32>, tensor<2xi64>) -> tensor<4xf32>
  return
}

// -----

// range step
func.func @range_step() {
  %a = ov.constant dense<0> : tensor<i64>
  %b = ov.constant dense<4> : tensor<i64>
  %c = ov.constant dense<0> : tensor<i64>
  // expected-error @+2 {{Range step must be finite and non-zero}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.range %a, %b, %c {output_type = i64} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return
}

// -----

// strided slice shrink
func.func @ss_shrink(%x: tensor<4x5xf32>) {
  %b = ov.constant dense<[7]> : tensor<1xi64>
  // expected-error @+2 {{shrink_axis index 7 is out of range for dim 0 of size 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.strided_slice %x, %b, %b {begin_mask = array<i64: 0>, end_mask = array<i64: 0>, new_axis_mask = array<i64>, shrink_axis_mask = array<i64: 1>, ellipsis_mask = array<i64>} : (tensor<4x5xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<5xf32>
  return
}

// -----

// detection shapes
func.func @detection_boxes(%l: tensor<1x100xf32>, %c: tensor<1x60xf32>, %p: tensor<1x2x100xf32>) {
  // expected-error @+2 {{class_preds has 60 values per image, expected 25 priors x 2 classes}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.detection_output %l, %c, %p {num_classes = 2 : i64, keep_top_k = array<i64: 10>, nms_threshold = 0.5 : f64, normalized = true, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>} : (tensor<1x100xf32>, tensor<1x60xf32>, tensor<1x2x100xf32>) -> tensor<1x1x10x7xf32>
  return
}

// -----

// huge tile
func.func @tile_huge(%x: tensor<1024x1024xf32>) {
  %r = ov.constant dense<[1099511627776, 1099511627776]> : tensor<2xi64>
  // expected-error @+2 {{Tile result is too large}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.tile %x, %r : (tensor<1024x1024xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}
