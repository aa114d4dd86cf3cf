// RUN: ovc-opt %s | ovc-opt | FileCheck %s
// Round-trip of every ov op through the printer and the parser, with the
// verifier's shape inference accepting each result type.

// CHECK-LABEL: func @elementwise
func.func @elementwise(%a: tensor<1x3x4x4xf32>, %b: tensor<3x1x1xf32>, %i: tensor<2xi64>, %c: tensor<1x3x4x4xi1>) -> tensor<1x3x4x4xf32> {
  // CHECK: ov.add
  %0 = ov.add %a, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.subtract
  %1 = ov.subtract %0, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.multiply
  %2 = ov.multiply %1, %a {auto_broadcast = #ov.auto_broadcast<none>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.divide {{.*}}python_div = false
  %3 = ov.divide %2, %b {python_div = false} : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.maximum
  %4 = ov.maximum %3, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.minimum
  %5 = ov.minimum %4, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.power
  %6 = ov.power %5, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.squared_difference
  %7 = ov.squared_difference %6, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.floor_mod
  %8 = ov.floor_mod %7, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.mod
  %9 = ov.mod %8, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.equal
  %e0 = ov.equal %9, %a : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.not_equal
  %e1 = ov.not_equal %9, %a : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.less
  %e2 = ov.less %9, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.less_equal
  %e3 = ov.less_equal %9, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.greater
  %e4 = ov.greater %9, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.greater_equal
  %e5 = ov.greater_equal %9, %b : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.logical_and
  %l0 = ov.logical_and %e0, %e1 : (tensor<1x3x4x4xi1>, tensor<1x3x4x4xi1>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.logical_or
  %l1 = ov.logical_or %l0, %e2 : (tensor<1x3x4x4xi1>, tensor<1x3x4x4xi1>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.logical_xor
  %l2 = ov.logical_xor %l1, %e3 : (tensor<1x3x4x4xi1>, tensor<1x3x4x4xi1>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.logical_not
  %l3 = ov.logical_not %l2 : (tensor<1x3x4x4xi1>) -> tensor<1x3x4x4xi1>
  // CHECK: ov.select
  %s = ov.select %l3, %9, %b : (tensor<1x3x4x4xi1>, tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.relu
  %u0 = ov.relu %s : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.sigmoid
  %u1 = ov.sigmoid %u0 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.tanh
  %u2 = ov.tanh %u1 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.exp
  %u3 = ov.exp %u2 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.log
  %u4 = ov.log %u3 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.sqrt
  %u5 = ov.sqrt %u4 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.erf
  %u6 = ov.erf %u5 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.abs
  %u7 = ov.abs %u6 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.negative
  %u8 = ov.negative %u7 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.floor
  %u9 = ov.floor %u8 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.ceiling
  %u10 = ov.ceiling %u9 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.sign
  %u11 = ov.sign %u10 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.sin
  %u12 = ov.sin %u11 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.cos
  %u13 = ov.cos %u12 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.hswish
  %u14 = ov.hswish %u13 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.hsigmoid
  %u15 = ov.hsigmoid %u14 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.mish
  %u16 = ov.mish %u15 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.softplus
  %u17 = ov.softplus %u16 : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.gelu {{.*}}#ov.gelu_approximation<tanh>
  %u18 = ov.gelu %u17 {approximation_mode = #ov.gelu_approximation<tanh>} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.elu
  %u19 = ov.elu %u18 {alpha = 1.0 : f64} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.clamp
  %u20 = ov.clamp %u19 {min = 0.0 : f64, max = 6.0 : f64} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %beta = ov.constant dense<1.0> : tensor<f32>
  // CHECK: ov.swish
  %u21 = ov.swish %u20, %beta : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %slope = ov.constant dense<[0.1, 0.2, 0.3]> : tensor<3xf32>
  // CHECK: ov.prelu
  %u22 = ov.prelu %u21, %slope : (tensor<1x3x4x4xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.hard_sigmoid
  %u23 = ov.hard_sigmoid %u22, %beta, %beta : (tensor<1x3x4x4xf32>, tensor<f32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.selu
  %u24 = ov.selu %u23, %beta, %beta : (tensor<1x3x4x4xf32>, tensor<f32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %lo = ov.constant dense<0.0> : tensor<1x1x1x1xf32>
  %hi = ov.constant dense<[[[[1.0]], [[2.0]], [[3.0]]]]> : tensor<1x3x1x1xf32>
  // CHECK: ov.fake_quantize {{.*}}levels = 256
  %fq = ov.fake_quantize %u24, %lo, %hi, %lo, %hi {levels = 256 : i64} : (tensor<1x3x4x4xf32>, tensor<1x1x1x1xf32>, tensor<1x3x1x1xf32>, tensor<1x1x1x1xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.softmax
  %sm = ov.softmax %fq {axis = 1 : i64} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  // CHECK: ov.log_softmax
  %lsm = ov.log_softmax %sm {axis = -1 : i64} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %lsm : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func @core
func.func @core(%x: tensor<?x3x8x8xf16>, %w: tensor<4x3x3x3xi8>) -> (tensor<4xi64>, tensor<4x3x3x3xf32>, tensor<?x3x8x8xf32>, tensor<5xi32>) {
  // CHECK: ov.shape_of {{.*}} -> tensor<4xi64>
  %s = ov.shape_of %x {output_type = i64} : (tensor<?x3x8x8xf16>) -> tensor<4xi64>
  // CHECK: ov.convert {{.*}}decompression
  %d = ov.convert %w {destination_type = f32, decompression} : (tensor<4x3x3x3xi8>) -> tensor<4x3x3x3xf32>
  %like = ov.constant dense<0.0> : tensor<f32>
  // CHECK: ov.convert_like
  %c = ov.convert_like %x, %like : (tensor<?x3x8x8xf16>, tensor<f32>) -> tensor<?x3x8x8xf32>
  %start = ov.constant dense<0> : tensor<i32>
  %stop = ov.constant dense<10> : tensor<i32>
  %step = ov.constant dense<2> : tensor<i32>
  // CHECK: ov.range {{.*}} -> tensor<5xi32>
  %r = ov.range %start, %stop, %step {output_type = i32} : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<5xi32>
  return %s, %d, %c, %r : tensor<4xi64>, tensor<4x3x3x3xf32>, tensor<?x3x8x8xf32>, tensor<5xi32>
}

// CHECK-LABEL: func @convolutions
func.func @convolutions(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>, %gw: tensor<8x1x1x3x3xf32>, %tw: tensor<8x4x2x2xf32>, %gtw: tensor<2x4x3x2x2xf32>, %m: tensor<2x5x7xf32>, %n: tensor<7x3xf32>) {
  // CHECK: ov.convolution {{.*}} -> tensor<1x16x8x8xf32>
  %0 = ov.convolution %x, %w {strides = array<i64: 2, 2>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x8x8xf32>
  // CHECK: ov.convolution {{.*}}same_upper{{.*}} -> tensor<1x16x6x6xf32>
  %1 = ov.convolution %x, %w {strides = array<i64: 3, 3>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, auto_pad = #ov.auto_pad<same_upper>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x6x6xf32>
  // CHECK: ov.group_convolution {{.*}} -> tensor<1x8x14x14xf32>
  %2 = ov.group_convolution %x, %gw {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x1x1x3x3xf32>) -> tensor<1x8x14x14xf32>
  // CHECK: ov.convolution_backprop_data {{.*}} -> tensor<1x4x32x32xf32>
  %3 = ov.convolution_backprop_data %x, %tw {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>} : (tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>) -> tensor<1x4x32x32xf32>
  // CHECK: ov.group_convolution_backprop_data {{.*}} -> tensor<1x6x32x32xf32>
  %4 = ov.group_convolution_backprop_data %x, %gtw {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>} : (tensor<1x8x16x16xf32>, tensor<2x4x3x2x2xf32>) -> tensor<1x6x32x32xf32>
  // CHECK: ov.matmul {{.*}} -> tensor<2x5x3xf32>
  %5 = ov.matmul %m, %n : (tensor<2x5x7xf32>, tensor<7x3xf32>) -> tensor<2x5x3xf32>
  // CHECK: ov.matmul {{.*}}transpose_a = true{{.*}} -> tensor<2x7x7xf32>
  %6 = ov.matmul %m, %m {transpose_a = true} : (tensor<2x5x7xf32>, tensor<2x5x7xf32>) -> tensor<2x7x7xf32>
  return
}

// CHECK-LABEL: func @pooling
func.func @pooling(%x: tensor<1x8x15x15xf32>, %axes: tensor<2xi64>) {
  // CHECK: ov.max_pool {{.*}} -> tensor<1x8x8x8xf32>
  %0 = ov.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, rounding_type = #ov.rounding_type<ceil>} : (tensor<1x8x15x15xf32>) -> tensor<1x8x8x8xf32>
  // CHECK: ov.max_pool_with_indices {{.*}} -> (tensor<1x8x7x7xf32>, tensor<1x8x7x7xi32>)
  %1:2 = ov.max_pool_with_indices %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, index_element_type = i32} : (tensor<1x8x15x15xf32>) -> (tensor<1x8x7x7xf32>, tensor<1x8x7x7xi32>)
  // CHECK: ov.avg_pool {{.*}} -> tensor<1x8x15x15xf32>
  %2 = ov.avg_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>, exclude_pad = true} : (tensor<1x8x15x15xf32>) -> tensor<1x8x15x15xf32>
  %a = ov.constant dense<[2, 3]> : tensor<2xi64>
  // CHECK: ov.reduce_sum {{.*}} -> tensor<1x8xf32>
  %3 = ov.reduce_sum %x, %a : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8xf32>
  // CHECK: ov.reduce_mean {{.*}} -> tensor<1x8x1x1xf32>
  %4 = ov.reduce_mean %x, %a {keep_dims = true} : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8x1x1xf32>
  // CHECK: ov.reduce_max
  %5 = ov.reduce_max %x, %a : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8xf32>
  // CHECK: ov.reduce_min
  %6 = ov.reduce_min %x, %a : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8xf32>
  // CHECK: ov.reduce_prod
  %7 = ov.reduce_prod %x, %a : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8xf32>
  // CHECK: ov.reduce_l1
  %8 = ov.reduce_l1 %x, %a : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<1x8xf32>
  // CHECK: ov.reduce_l2 {{.*}} -> tensor<?x?x?x?xf32>
  %9 = ov.reduce_l2 %x, %axes {keep_dims = true} : (tensor<1x8x15x15xf32>, tensor<2xi64>) -> tensor<?x?x?x?xf32>
  return
}

// CHECK-LABEL: func @normalization
func.func @normalization(%x: tensor<2x4x6xf32>, %p: tensor<4xf32>) {
  %axes = ov.constant dense<[-1]> : tensor<1xi64>
  // CHECK: ov.mvn
  %0 = ov.mvn %x, %axes {normalize_variance = true, eps = 1.0e-5 : f64, eps_mode = #ov.mvn_eps_mode<inside_sqrt>} : (tensor<2x4x6xf32>, tensor<1xi64>) -> tensor<2x4x6xf32>
  // CHECK: ov.normalize_l2
  %1 = ov.normalize_l2 %x, %axes {eps = 1.0e-10 : f64, eps_mode = #ov.eps_mode<max>} : (tensor<2x4x6xf32>, tensor<1xi64>) -> tensor<2x4x6xf32>
  // CHECK: ov.batch_norm_inference
  %2 = ov.batch_norm_inference %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f64} : (tensor<2x4x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x6xf32>
  return
}

// CHECK-LABEL: func @data_movement
func.func @data_movement(%x: tensor<2x3x4x6xf32>, %y: tensor<2x5x4x6xf32>) {
  // CHECK: ov.concat {{.*}} -> tensor<2x8x4x6xf32>
  %0 = ov.concat %x, %y {axis = 1 : i64} : (tensor<2x3x4x6xf32>, tensor<2x5x4x6xf32>) -> tensor<2x8x4x6xf32>
  %ax = ov.constant dense<3> : tensor<i64>
  // CHECK: ov.split {{.*}} -> (tensor<2x3x4x2xf32>, tensor<2x3x4x2xf32>, tensor<2x3x4x2xf32>)
  %1:3 = ov.split %x, %ax {num_splits = 3 : i64} : (tensor<2x3x4x6xf32>, tensor<i64>) -> (tensor<2x3x4x2xf32>, tensor<2x3x4x2xf32>, tensor<2x3x4x2xf32>)
  %len = ov.constant dense<[1, -1]> : tensor<2xi64>
  // CHECK: ov.variadic_split {{.*}} -> (tensor<2x3x4x1xf32>, tensor<2x3x4x5xf32>)
  %2:2 = ov.variadic_split %x, %ax, %len : (tensor<2x3x4x6xf32>, tensor<i64>, tensor<2xi64>) -> (tensor<2x3x4x1xf32>, tensor<2x3x4x5xf32>)
  %shape = ov.constant dense<[0, -1, 6]> : tensor<3xi64>
  // CHECK: ov.reshape {{.*}} -> tensor<2x12x6xf32>
  %3 = ov.reshape %x, %shape {special_zero = true} : (tensor<2x3x4x6xf32>, tensor<3xi64>) -> tensor<2x12x6xf32>
  %one = ov.constant dense<[0, 3]> : tensor<2xi64>
  // CHECK: ov.unsqueeze {{.*}} -> tensor<1x2x3x1x4x6xf32>
  %4 = ov.unsqueeze %x, %one : (tensor<2x3x4x6xf32>, tensor<2xi64>) -> tensor<1x2x3x1x4x6xf32>
  // CHECK: ov.squeeze {{.*}} -> tensor<2x3x4x6xf32>
  %5 = ov.squeeze %4 : (tensor<1x2x3x1x4x6xf32>) -> tensor<2x3x4x6xf32>
  %perm = ov.constant dense<[0, 2, 3, 1]> : tensor<4xi64>
  // CHECK: ov.transpose {{.*}} -> tensor<2x4x6x3xf32>
  %6 = ov.transpose %x, %perm : (tensor<2x3x4x6xf32>, tensor<4xi64>) -> tensor<2x4x6x3xf32>
  %idx = ov.constant dense<[[0, 2], [1, 1]]> : tensor<2x2xi32>
  %gax = ov.constant dense<1> : tensor<i64>
  // CHECK: ov.gather {{.*}} -> tensor<2x2x2x4x6xf32>
  %7 = ov.gather %x, %idx, %gax : (tensor<2x3x4x6xf32>, tensor<2x2xi32>, tensor<i64>) -> tensor<2x2x2x4x6xf32>
  %b = ov.constant dense<[0, 1, -1]> : tensor<3xi64>
  %e = ov.constant dense<[0, 3, 0]> : tensor<3xi64>
  %s = ov.constant dense<[1, 1, -1]> : tensor<3xi64>
  // CHECK: ov.strided_slice {{.*}} -> tensor<2x2x4x6xf32>
  %8 = ov.strided_slice %x, %b, %e, %s {begin_mask = array<i64: 1, 0, 1>, end_mask = array<i64: 1, 0, 1>, new_axis_mask = array<i64>, shrink_axis_mask = array<i64>, ellipsis_mask = array<i64>} : (tensor<2x3x4x6xf32>, tensor<3xi64>, tensor<3xi64>, tensor<3xi64>) -> tensor<2x2x4x6xf32>
  %st = ov.constant dense<[1]> : tensor<1xi64>
  %sp = ov.constant dense<[100]> : tensor<1xi64>
  %sx = ov.constant dense<[2]> : tensor<1xi64>
  %sa = ov.constant dense<[-1]> : tensor<1xi64>
  // CHECK: ov.slice {{.*}} -> tensor<2x3x4x3xf32>
  %9 = ov.slice %x, %st, %sp, %sx, %sa : (tensor<2x3x4x6xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x3x4x3xf32>
  %tgt = ov.constant dense<[5, 2, 3, 4, 6]> : tensor<5xi64>
  // CHECK: ov.broadcast {{.*}} -> tensor<5x2x3x4x6xf32>
  %10 = ov.broadcast %x, %tgt : (tensor<2x3x4x6xf32>, tensor<5xi64>) -> tensor<5x2x3x4x6xf32>
  %rep = ov.constant dense<[2, 1]> : tensor<2xi64>
  // CHECK: ov.tile {{.*}} -> tensor<2x3x8x6xf32>
  %11 = ov.tile %x, %rep : (tensor<2x3x4x6xf32>, tensor<2xi64>) -> tensor<2x3x8x6xf32>
  %pb = ov.constant dense<[0, 0, 1, 1]> : tensor<4xi64>
  %pe = ov.constant dense<[0, 0, 2, -1]> : tensor<4xi64>
  // CHECK: ov.pad {{.*}} -> tensor<2x3x7x6xf32>
  %12 = ov.pad %x, %pb, %pe {pad_mode = #ov.pad_mode<edge>} : (tensor<2x3x4x6xf32>, tensor<4xi64>, tensor<4xi64>) -> tensor<2x3x7x6xf32>
  %k = ov.constant dense<2> : tensor<i64>
  // CHECK: ov.topk {{.*}} -> (tensor<2x3x4x2xf32>, tensor<2x3x4x2xi32>)
  %13:2 = ov.topk %x, %k {axis = -1 : i64, mode = #ov.topk_mode<max>, sort = #ov.topk_sort<value>, index_element_type = i32} : (tensor<2x3x4x6xf32>, tensor<i64>) -> (tensor<2x3x4x2xf32>, tensor<2x3x4x2xi32>)
  %scales = ov.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %iax = ov.constant dense<[2, 3]> : tensor<2xi64>
  // CHECK: ov.interpolate {{.*}} -> tensor<2x3x8x3xf32>
  %14 = ov.interpolate %x, %scales, %iax {mode = #ov.interpolate_mode<linear_onnx>, shape_calculation_mode = #ov.shape_calculation_mode<scales>, pads_begin = array<i64>, pads_end = array<i64>} : (tensor<2x3x4x6xf32>, tensor<2xf32>, tensor<2xi64>) -> tensor<2x3x8x3xf32>
  // CHECK: ov.space_to_depth {{.*}} -> tensor<2x12x2x3xf32>
  %15 = ov.space_to_depth %x {block_size = 2 : i64, depth_first = false} : (tensor<2x3x4x6xf32>) -> tensor<2x12x2x3xf32>
  // CHECK: ov.depth_to_space {{.*}} -> tensor<2x3x4x6xf32>
  %16 = ov.depth_to_space %15 {block_size = 2 : i64, depth_first = true} : (tensor<2x12x2x3xf32>) -> tensor<2x3x4x6xf32>
  return
}

// CHECK-LABEL: func @detection
func.func @detection(%loc: tensor<1x1200xf32>, %conf: tensor<1x600xf32>) -> tensor<1x1x100x7xf32> {
  %fm = ov.constant dense<[10, 10]> : tensor<2xi64>
  %img = ov.constant dense<[300, 300]> : tensor<2xi64>
  // CHECK: ov.prior_box {{.*}} -> tensor<2x1200xf32>
  %pb = ov.prior_box %fm, %img {min_size = array<f64: 30.0>, max_size = array<f64>, aspect_ratio = array<f64: 2.0>, flip = true, clip = false, step = 30.0 : f64, offset = 0.5 : f64, variance = array<f64: 0.1, 0.1, 0.2, 0.2>, scale_all_sizes = true, fixed_ratio = array<f64>, fixed_size = array<f64>, density = array<f64>, min_max_aspect_ratios_order = true} : (tensor<2xi64>, tensor<2xi64>) -> tensor<2x1200xf32>
  // CHECK: ov.prior_box_clustered {{.*}} -> tensor<2x1200xf32>
  %pbc = ov.prior_box_clustered %fm, %img {width = array<f64: 10.0, 20.0, 30.0>, height = array<f64: 10.0, 20.0, 30.0>, clip = false, step_w = 0.0 : f64, step_h = 0.0 : f64, offset = 0.5 : f64, variance = array<f64: 0.1>} : (tensor<2xi64>, tensor<2xi64>) -> tensor<2x1200xf32>
  %zero = ov.constant dense<0> : tensor<1xi64>
  %priors = ov.unsqueeze %pb, %zero : (tensor<2x1200xf32>, tensor<1xi64>) -> tensor<1x2x1200xf32>
  // CHECK: ov.detection_output {{.*}} -> tensor<1x1x100x7xf32>
  %det = ov.detection_output %loc, %conf, %priors {num_classes = 2 : i64, keep_top_k = array<i64: 100>, nms_threshold = 0.45 : f64, normalized = true, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>} : (tensor<1x1200xf32>, tensor<1x600xf32>, tensor<1x2x1200xf32>) -> tensor<1x1x100x7xf32>
  return %det : tensor<1x1x100x7xf32>
}
