// RUN: ovc-opt %s -split-input-file -verify-diagnostics

func.func @conv_blocks(%x: tensor<1x3x8x8xf32>, %w: tensor<1x3x3x3x16xf32>) -> tensor<1x20x6x6xf32> {
  // expected-error @+1 {{packed filter has 1 blocks of 16 output channels, result has 20 channels}}
  %y = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x20x6x6xf32>
  return %y : tensor<1x20x6x6xf32>
}

// -----

func.func @conv_spatial(%x: tensor<1x3x8x8xf32>, %w: tensor<1x3x3x3x16xf32>) -> tensor<1x16x7x8xf32> {
  // expected-error @+1 {{result spatial dims [7, 8], expected [8, 8]}}
  %y = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x16x7x8xf32>
  return %y : tensor<1x16x7x8xf32>
}

// -----

func.func @depthwise_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{input, filter and result must have the same channels, got 4, 3 and 4}}
  %y = ovc_cpu.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x4x8x8xf32>, tensor<3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @depthwise_bias(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{bias must have 4 values}}
  %y = ovc_cpu.depthwise_conv2d %x, %w bias %b : tensor<16xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x4x8x8xf32>, tensor<4x3x3xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @depthwise_stride(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'strides' must be >= 1, got 0}}
  %y = ovc_cpu.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 0, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x4x8x8xf32>, tensor<4x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_residual(%x: tensor<1x3x8x8xf32>, %w: tensor<1x3x1x1x16xf32>, %r: tensor<1x16x8x7xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{residual must have the result's type 'tensor<1x16x8x8xf32>', got 'tensor<1x16x8x7xf32>'}}
  %y = ovc_cpu.conv2d %x, %w residual %r : tensor<1x16x8x7xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x1x1x16xf32> -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @pool_channels(%x: tensor<1x4x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{channels of result and input differ}}
  %y = ovc_cpu.max_pool2d %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_max_pool2d_f32_avx2"} : tensor<1x4x8x8xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

func.func @pool_spatial(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x5x4xf32> {
  // expected-error @+1 {{result spatial dims [5, 4], expected [4, 4]}}
  %y = ovc_cpu.max_pool2d %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_max_pool2d_f32_avx2"} : tensor<1x4x8x8xf32> -> tensor<1x4x5x4xf32>
  return %y : tensor<1x4x5x4xf32>
}

// -----

func.func @winograd_filter(%x: tensor<1x16x8x8xf32>, %w: tensor<2x16x16x6xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{transformed filter must be [3, 16, 16, 6], got 'tensor<2x16x16x6xf32>'}}
  %y = ovc_cpu.winograd_conv2d %x, %w {pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, ukernel = "ovc_conv2d_winograd_f32_avx2"} : tensor<1x16x8x8xf32>, tensor<2x16x16x6xf32> -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @winograd_spatial(%x: tensor<1x16x8x8xf32>, %w: tensor<1x16x16x6xf32>) -> tensor<1x6x8x8xf32> {
  // expected-error @+1 {{result spatial dims [8, 8], expected [6, 6]}}
  %y = ovc_cpu.winograd_conv2d %x, %w {pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, ukernel = "ovc_conv2d_winograd_f32_avx2"} : tensor<1x16x8x8xf32>, tensor<1x16x16x6xf32> -> tensor<1x6x8x8xf32>
  return %y : tensor<1x6x8x8xf32>
}

// -----

func.func @winograd_bias(%x: tensor<1x16x8x8xf32>, %w: tensor<1x16x16x6xf32>, %b: tensor<8xf32>) -> tensor<1x6x8x8xf32> {
  // expected-error @+1 {{bias must have 6 values}}
  %y = ovc_cpu.winograd_conv2d %x, %w bias %b : tensor<8xf32> {pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, ukernel = "ovc_conv2d_winograd_f32_avx2"} : tensor<1x16x8x8xf32>, tensor<1x16x16x6xf32> -> tensor<1x6x8x8xf32>
  return %y : tensor<1x6x8x8xf32>
}

// -----

func.func @blocked_conv_window(%x: tensor<1x2x8x8x8xf32>, %w: tensor<1x16x3x3x16xf32>) -> tensor<1x2x6x6x8xf32> {
  // expected-error @+1 {{blocked activations need a 1x1 window at unit strides without padding}}
  %y = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<1x16x3x3x16xf32> -> tensor<1x2x6x6x8xf32>
  return %y : tensor<1x2x6x6x8xf32>
}

// -----

func.func @blocked_conv_vector(%x: tensor<1x4x8x8x4xf32>, %w: tensor<1x16x1x1x16xf32>) -> tensor<1x4x8x8x4xf32> {
  // expected-error @+1 {{blocked activations need vectors of half the filter's block (8 channels), got 4}}
  %y = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x4x8x8x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x4x8x8x4xf32>
  return %y : tensor<1x4x8x8x4xf32>
}

// -----

func.func @blocked_conv_nchw_result(%x: tensor<1x2x8x8x8xf32>, %w: tensor<1x16x1x1x16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{needs a 4-D (NCHW) or 5-D (blocked) input and result and a 5-D packed filter}}
  %y = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @blocked_depthwise_result(%x: tensor<1x2x8x8x8xf32>, %w: tensor<2x3x3x8xf32>) -> tensor<1x4x4x4x4xf32> {
  // expected-error @+1 {{blocked input needs a result in blocks of 8 channels, got 'tensor<1x4x4x4x4xf32>'}}
  %y = ovc_cpu.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x4x4x4x4xf32>
  return %y : tensor<1x4x4x4x4xf32>
}

// -----

func.func @blocked_depthwise_filter(%x: tensor<1x2x8x8x8xf32>, %w: tensor<16x3x3xf32>) -> tensor<1x2x4x4x8xf32> {
  // expected-error @+1 {{or blocked [N, C / V, H, W, V] ones and a [C / V, KH, KW, V] filter}}
  %y = ovc_cpu.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<16x3x3xf32> -> tensor<1x2x4x4x8xf32>
  return %y : tensor<1x2x4x4x8xf32>
}

// -----

func.func @blocked_depthwise_spatial(%x: tensor<1x2x8x8x8xf32>, %w: tensor<2x3x3x8xf32>) -> tensor<1x2x8x8x8xf32> {
  // expected-error @+1 {{result spatial dims [8, 8], expected [4, 4]}}
  %y = ovc_cpu.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x8x8x8xf32>
  return %y : tensor<1x2x8x8x8xf32>
}

// -----

func.func @reorder_ranks(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{needs a 4-D (NCHW) and a 5-D (blocked) side, got 'tensor<1x16x8x8xf32>' -> 'tensor<1x16x8x8xf32>'}}
  %y = ovc_cpu.reorder %x {ukernel = "ovc_to_blocked_f32_avx2"} : tensor<1x16x8x8xf32> -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

func.func @reorder_shape(%x: tensor<1x2x8x8x8xf32>) -> tensor<1x16x8x4xf32> {
  // expected-error @+1 {{blocked 'tensor<1x2x8x8x8xf32>' does not hold the activations of 'tensor<1x16x8x4xf32>'}}
  %y = ovc_cpu.reorder %x {ukernel = "ovc_from_blocked_f32_avx2"} : tensor<1x2x8x8x8xf32> -> tensor<1x16x8x4xf32>
  return %y : tensor<1x16x8x4xf32>
}

// -----

func.func @stem_writes_blocks_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<1x3x3x3x16xf32>) -> tensor<1x2x8x8x8xf32> {
  // expected-error @+1 {{the kernel writes blocks only for stride-2 stems without residual (ovc_conv2d_writes_blocks)}}
  %y = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x2x8x8x8xf32>
  return %y : tensor<1x2x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_nchw(%x: tensor<1x16x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<2x16x1x1x16xf32>) -> tensor<1x4x8x8x8xf32> {
  // expected-error @+1 {{needs a blocked [N, C / V, H, W, V] input, a [C / V, KH, KW, V] depthwise filter and a packed [OC / B, C, 1, 1, B] filter}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x16x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_dw_filter(%x: tensor<1x2x8x8x8xf32>, %dw: tensor<1x3x3x8xf32>, %w: tensor<2x16x1x1x16xf32>) -> tensor<1x4x8x8x8xf32> {
  // expected-error @+1 {{depthwise filter must be [2, KH, KW, 8], got 'tensor<1x3x3x8xf32>'}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<1x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_window(%x: tensor<1x2x8x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<2x16x3x3x16xf32>) -> tensor<1x4x8x8x8xf32> {
  // expected-error @+1 {{1x1 filter must be packed [OC / 16, 16, 1, 1, 16], got 'tensor<2x16x3x3x16xf32>'}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x3x3x16xf32> -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_spatial(%x: tensor<1x2x8x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<2x16x1x1x16xf32>) -> tensor<1x4x8x8x8xf32> {
  // expected-error @+1 {{result spatial dims [8, 8], expected [4, 4]}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_dw_bias(%x: tensor<1x2x8x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %db: tensor<8xf32>, %w: tensor<2x16x1x1x16xf32>) -> tensor<1x4x8x8x8xf32> {
  // expected-error @+1 {{depthwise bias must have 16 values}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw dw_bias %db : tensor<8xf32>, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_residual(%x: tensor<1x2x8x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<2x16x1x1x16xf32>, %r: tensor<1x32x8x8xf32>) -> tensor<1x4x8x8x8xf32> {
  // expected-error @+1 {{residual must have the result's type 'tensor<1x4x8x8x8xf32>', got 'tensor<1x32x8x8xf32>'}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w residual %r : tensor<1x32x8x8xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  return %y : tensor<1x4x8x8x8xf32>
}

// -----

func.func @depthwise_pointwise_wide_rows(%x: tensor<1x2x1x4096x8xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<2x16x1x1x16xf32>) -> tensor<1x4x1x4096x8xf32> {
  // expected-error @+1 {{a row of 4096 pixels x 16 channels does not fit the kernel's band buffer (ovc_blocked_dw_pw_band_rows)}}
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x1x4096x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x1x4096x8xf32>
  return %y : tensor<1x4x1x4096x8xf32>
}
