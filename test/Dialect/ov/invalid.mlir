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

// -----

// gather batch_dims
func.func @gather_batch_dims(%x: tensor<4x5xf32>, %i: tensor<2xi32>) {
  %a = ov.constant dense<1> : tensor<i64>
  // expected-error @+2 {{batch_dims 2 must be in [0, min(axis, indices rank)]}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.gather %x, %i, %a {batch_dims = 2 : i64} : (tensor<4x5xf32>, tensor<2xi32>, tensor<i64>) -> tensor<4x2xf32>
  return
}

// -----

// gather non-constant axis
func.func @gather_axis(%x: tensor<4x5xf32>, %i: tensor<2xi32>, %a: tensor<i64>) {
  // expected-error @+2 {{Gather axis must be a constant scalar}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.gather %x, %i, %a : (tensor<4x5xf32>, tensor<2xi32>, tensor<i64>) -> tensor<2x5xf32>
  return
}

// -----

// unsqueeze repeated
func.func @unsqueeze_axes(%x: tensor<4x5xf32>) {
  %a = ov.constant dense<[0, 0]> : tensor<2xi64>
  // expected-error @+2 {{unsqueeze axis 0 is repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.unsqueeze %x, %a : (tensor<4x5xf32>, tensor<2xi64>) -> tensor<1x1x4x5xf32>
  return
}

// -----

// squeeze axes
func.func @squeeze_axes(%x: tensor<1x5xf32>, %a: tensor<1xi64>) {
  // expected-error @+2 {{Squeeze axes must be constant}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.squeeze %x, %a : (tensor<1x5xf32>, tensor<1xi64>) -> tensor<5xf32>
  return
}

// -----

// broadcast numpy
func.func @broadcast_numpy(%x: tensor<3x4xf32>) {
  %t = ov.constant dense<[3, 5]> : tensor<2xi64>
  // expected-error @+2 {{input [3,4] does not broadcast to [3,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.broadcast %x, %t : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x5xf32>
  return
}

// -----

// tile negative
func.func @tile_negative(%x: tensor<3x4xf32>) {
  %r = ov.constant dense<[1, -1]> : tensor<2xi64>
  // expected-error @+2 {{repeats has a negative value -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.tile %x, %r : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x4xf32>
  return
}

// -----

// pad reflect
func.func @pad_reflect(%x: tensor<3x4xf32>) {
  %b = ov.constant dense<[3, 3]> : tensor<2xi64>
  // expected-error @+2 {{reflect padding of 3 exceeds 2 on axis 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.pad %x, %b, %b {pad_mode = #ov.pad_mode<reflect>} : (tensor<3x4xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<9x10xf32>
  return
}

// -----

// pad rank
func.func @pad_rank(%x: tensor<3x4xf32>) {
  %b = ov.constant dense<[1]> : tensor<1xi64>
  // expected-error @+2 {{pads_begin and pads_end need 2 values, got 1 and 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.pad %x, %b, %b {pad_mode = #ov.pad_mode<constant>} : (tensor<3x4xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<3x4xf32>
  return
}

// -----

// topk negative k
func.func @topk_k(%x: tensor<3x4xf32>) {
  %k = ov.constant dense<-2> : tensor<i64>
  // expected-error @+2 {{k must be >= 0, got -2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0:2 = ov.topk %x, %k {axis = 1 : i64, mode = #ov.topk_mode<max>, sort = #ov.topk_sort<value>, index_element_type = i32} : (tensor<3x4xf32>, tensor<i64>) -> (tensor<3x4xf32>, tensor<3x4xi32>)
  return
}

// -----

// interpolate sizes
func.func @interpolate_sizes(%x: tensor<1x3x4x4xf32>) {
  %s = ov.constant dense<[8, 8]> : tensor<2xi64>
  // expected-error @+2 {{sizes has 2 values for 4 axes}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.interpolate %x, %s {mode = #ov.interpolate_mode<nearest>, shape_calculation_mode = #ov.shape_calculation_mode<sizes>, pads_begin = array<i64>, pads_end = array<i64>} : (tensor<1x3x4x4xf32>, tensor<2xi64>) -> tensor<1x3x8x8xf32>
  return
}

// -----

// interpolate scales type
func.func @interpolate_scales(%x: tensor<1x3x4x4xf32>) {
  %s = ov.constant dense<[1, 1, 2, 2]> : tensor<4xi64>
  // expected-error @+2 {{scales mode needs floating-point scales}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.interpolate %x, %s {mode = #ov.interpolate_mode<nearest>, shape_calculation_mode = #ov.shape_calculation_mode<scales>, pads_begin = array<i64>, pads_end = array<i64>} : (tensor<1x3x4x4xf32>, tensor<4xi64>) -> tensor<1x3x8x8xf32>
  return
}

// -----

// mvn axes
func.func @mvn_axes(%x: tensor<2x3xf32>) {
  %a = ov.constant dense<[5]> : tensor<1xi64>
  // expected-error @+2 {{MVN 5 is out of range [-2, 1] for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.mvn %x, %a {normalize_variance = true, eps = 1.0e-5 : f64, eps_mode = #ov.mvn_eps_mode<inside_sqrt>} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x3xf32>
  return
}

// -----

// batch norm channels
func.func @batch_norm(%x: tensor<2x3x4xf32>, %p: tensor<4xf32>) {
  // expected-error @+2 {{'gamma' has 4 values but the input has 3 channels}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.batch_norm_inference %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

// prior box clustered sizes
func.func @pbc_sizes() {
  %fm = ov.constant dense<[2, 2]> : tensor<2xi64>
  // expected-error @+2 {{width has 2 values but height has 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.prior_box_clustered %fm, %fm {width = array<f64: 1.0, 2.0>, height = array<f64: 1.0>, clip = false, step_w = 0.0 : f64, step_h = 0.0 : f64, offset = 0.5 : f64, variance = array<f64>} : (tensor<2xi64>, tensor<2xi64>) -> tensor<2x32xf32>
  return
}

// -----

// convert decompression to int
func.func @convert_decompression(%x: tensor<4xi8>) {
  // expected-error @+1 {{'ov.convert' op a decompression Convert must produce floats, not 'i32'}}
  %r0 = ov.convert %x {destination_type = i32, decompression} : (tensor<4xi8>) -> tensor<4xi32>
  return
}

// -----

// shape_of type
func.func @shape_of_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer}}
  %r0 = ov.shape_of %x {output_type = f32} : (tensor<4xf32>) -> tensor<1xf32>
  return
}

// -----

// max pool index type
func.func @maxpool_index(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{result #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer}}
  %r0:2 = ov.max_pool_with_indices %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, index_element_type = i8} : (tensor<1x3x4x4xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xi8>)
  return
}

// -----

// avg pool rank
func.func @avgpool_rank(%x: tensor<3x4xf32>) {
  // expected-error @+2 {{input must be 3-D to 5-D [N, C, spatial...], got shape [3,4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.avg_pool %x {kernel = array<i64: 2>, strides = array<i64: 1>, pads_begin = array<i64: 0>, pads_end = array<i64: 0>, dilations = array<i64: 1>, exclude_pad = false} : (tensor<3x4xf32>) -> tensor<3x3xf32>
  return
}

// -----

// prelu slope
func.func @prelu_slope(%x: tensor<1x3x4x4xf32>, %s: tensor<5xf32>) {
  // expected-error @+2 {{shapes [1,3,4,4] and [5] are not broadcastable (numpy)}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.prelu %x, %s : (tensor<1x3x4x4xf32>, tensor<5xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

// select types
func.func @select_types(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+2 {{then/else element types differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

// clamp bounds
func.func @clamp_bounds(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ov.clamp' op min (6.000000e+00) is greater than max (0.000000e+00)}}
  %r0 = ov.clamp %x {min = 6.0 : f64, max = 0.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// swish beta
func.func @swish_beta(%x: tensor<4xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{expected a scalar (one element), got shape [2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.swish %x, %b : (tensor<4xf32>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

// hard sigmoid alpha
func.func @hard_sigmoid_alpha(%x: tensor<4xf32>, %a: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+2 {{expected a scalar (one element), got shape [3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.hard_sigmoid %x, %a, %b : (tensor<4xf32>, tensor<3xf32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

// backprop output padding
func.func @backprop_padding(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+2 {{'output_padding' has 1 values for 2 spatial dims}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.convolution_backprop_data %x, %w {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 1>} : (tensor<1x8x4x4xf32>, tensor<8x4x2x2xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

// matmul scalar
func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{MatMul operands must have rank >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

// variadic split sum
func.func @vsplit_sum(%x: tensor<6xf32>) {
  %a = ov.constant dense<0> : tensor<i64>
  %l = ov.constant dense<[2, 3]> : tensor<2xi64>
  // expected-error @+2 {{split_lengths sum to 5 but dim 0 has size 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0:2 = ov.variadic_split %x, %a, %l : (tensor<6xf32>, tensor<i64>, tensor<2xi64>) -> (tensor<2xf32>, tensor<3xf32>)
  return
}

// -----

// depth to space
func.func @depth_to_space(%x: tensor<1x3x2x2xf32>) {
  // expected-error @+2 {{channels 3 are not divisible by block_size^2}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.depth_to_space %x {block_size = 2 : i64, depth_first = false} : (tensor<1x3x2x2xf32>) -> tensor<1x1x4x4xf32>
  return
}

// -----

// slice step
func.func @slice_step(%x: tensor<6xf32>) {
  %a = ov.constant dense<[1]> : tensor<1xi64>
  %z = ov.constant dense<[0]> : tensor<1xi64>
  // expected-error @+2 {{Slice step 0 is 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.slice %x, %a, %a, %z : (tensor<6xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<0xf32>
  return
}

// -----

// strided slice ellipsis
func.func @ss_ellipsis(%x: tensor<4x5xf32>) {
  %b = ov.constant dense<[0, 0]> : tensor<2xi64>
  // expected-error @+2 {{ellipsis_mask has more than one bit set}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.strided_slice %x, %b, %b {begin_mask = array<i64: 0, 0>, end_mask = array<i64: 0, 0>, new_axis_mask = array<i64>, shrink_axis_mask = array<i64>, ellipsis_mask = array<i64: 1, 1>} : (tensor<4x5xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<4x5xf32>
  return
}

// -----

// log softmax axis
func.func @log_softmax_axis(%x: tensor<4xf32>) {
  // expected-error @+2 {{log_softmax axis -2 is out of range [-1, 0] for rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.log_softmax %x {axis = -2 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// normalize l2 axes
func.func @normalize_axes(%x: tensor<4x4xf32>) {
  %a = ov.constant dense<[1, 1]> : tensor<2xi64>
  // expected-error @+2 {{NormalizeL2 1 is repeated}}
  // expected-error @+1 {{failed to infer returned types}}
  %r0 = ov.normalize_l2 %x, %a {eps = 1.0e-6 : f64, eps_mode = #ov.eps_mode<add>} : (tensor<4x4xf32>, tensor<2xi64>) -> tensor<4x4xf32>
  return
}
