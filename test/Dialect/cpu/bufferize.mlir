// RUN: ovc-opt --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" %s | FileCheck %s

// The kernels read their input unpadded where they supply the padding:
// the stride-2 stems computed from phase rows (ovc_conv2d_from_phase_rows:
// 3 input channels, a 3x3 window, 24 output channels in blocks of 16),
// depthwise layers, and convolutions that each thread pads a copy of its
// own for (ovc_conv2d_pads_privately: whole inputs of at most 131072
// floats, bands of rows of larger ones but for 1x1 windows). Other
// convolutions read a zero-bordered copy made by ovc_pad2d_f32.
// CHECK-LABEL: func @stem
// CHECK-NOT: memref<1x3x18x42xf32>
// CHECK: call @ovc_conv2d_f32_avx2
func.func @stem(%x: tensor<1x3x16x40xf32>, %w: tensor<2x3x3x3x16xf32>) -> tensor<1x24x8x20xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x16x40xf32>, tensor<2x3x3x3x16xf32> -> tensor<1x24x8x20xf32>
  return %0 : tensor<1x24x8x20xf32>
}

// Eight input channels: no stem, but padded privately (6048 floats).
// CHECK-LABEL: func @wide
// CHECK-NOT: memref<1x8x18x42xf32>
// CHECK-NOT: call @ovc_pad2d_f32
// CHECK: call @ovc_conv2d_f32_avx2
func.func @wide(%x: tensor<1x8x16x40xf32>, %w: tensor<2x8x3x3x16xf32>) -> tensor<1x24x8x20xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x8x16x40xf32>, tensor<2x8x3x3x16xf32> -> tensor<1x24x8x20xf32>
  return %0 : tensor<1x24x8x20xf32>
}

// Whole filter blocks (3 -> 32, blocks of 16) stay in channel tiles, on
// a private copy.
// CHECK-LABEL: func @whole_blocks
// CHECK-NOT: memref<1x3x18x42xf32>
// CHECK: call @ovc_conv2d_f32_avx2
func.func @whole_blocks(%x: tensor<1x3x16x40xf32>, %w: tensor<2x3x3x3x16xf32>) -> tensor<1x32x8x20xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x16x40xf32>, tensor<2x3x3x3x16xf32> -> tensor<1x32x8x20xf32>
  return %0 : tensor<1x32x8x20xf32>
}

// A 7x7 stem's long sums stay in channel tiles, on a private copy.
// CHECK-LABEL: func @long_window
// CHECK-NOT: memref<1x3x22x46xf32>
// CHECK: call @ovc_conv2d_f32_avx2
func.func @long_window(%x: tensor<1x3x16x40xf32>, %w: tensor<4x3x7x7x16xf32>) -> tensor<1x64x8x20xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 3, 3>, pads_end = array<i64: 3, 3>, strides = array<i64: 2, 2>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x16x40xf32>, tensor<4x3x7x7x16xf32> -> tensor<1x64x8x20xf32>
  return %0 : tensor<1x64x8x20xf32>
}

// A padded input of more than 131072 floats (32 x 66 x 74) is padded by
// the kernel too, in bands of rows; a 1x1 window's only once, into a
// buffer of its own, by ovc_pad2d_f32 (N, C, H, W, then the pads top,
// left, bottom, right).
// CHECK-LABEL: func @large_input
// CHECK-NOT: memref<1x32x66x74xf32>
// CHECK-NOT: call @ovc_pad2d_f32
// CHECK: call @ovc_conv2d_f32_avx2
func.func @large_input(%x: tensor<1x32x64x72xf32>, %w: tensor<1x32x3x3x16xf32>) -> tensor<1x16x64x72xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x32x64x72xf32>, tensor<1x32x3x3x16xf32> -> tensor<1x16x64x72xf32>
  return %0 : tensor<1x16x64x72xf32>
}

// CHECK-LABEL: func @large_pointwise
// CHECK: %[[PADDED:.*]] = memref.alloc() : memref<1x32x66x74xf32>
// CHECK: %[[PARAMS:.*]] = memref.alloca() : memref<8xf32>
// CHECK: call @ovc_pad2d_f32(%{{.*}}, %{{.*}}, %{{.*}}) :
// CHECK: call @ovc_conv2d_f32_avx2
func.func @large_pointwise(%x: tensor<1x32x64x72xf32>, %w: tensor<1x32x1x1x16xf32>) -> tensor<1x16x66x74xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x32x64x72xf32>, tensor<1x32x1x1x16xf32> -> tensor<1x16x66x74xf32>
  return %0 : tensor<1x16x66x74xf32>
}

// The Winograd kernel pads its input itself too, and takes the same
// parameters as the direct kernel (a 3x3 window, unit strides): the input
// unpadded, 14 x 14.
// CHECK-LABEL: func @winograd
// CHECK-NOT: memref<1x16x16x16xf32>
// CHECK-NOT: call @ovc_pad2d_f32
// CHECK: memref.alloca() : memref<25xf32>
// CHECK: arith.constant 1.600000e+01 : f32
// CHECK: arith.constant 1.400000e+01 : f32
// CHECK: arith.constant 1.400000e+01 : f32
// CHECK: call @ovc_conv2d_winograd_f32_avx2
func.func @winograd(%x: tensor<1x16x14x14xf32>, %w: tensor<2x16x16x6xf32>, %r: tensor<1x12x14x14xf32>) -> tensor<1x12x14x14xf32> {
  %0 = ovc_cpu.winograd_conv2d %x, %w residual %r : tensor<1x12x14x14xf32> {pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, ukernel = "ovc_conv2d_winograd_f32_avx2"} : tensor<1x16x14x14xf32>, tensor<2x16x16x6xf32> -> tensor<1x12x14x14xf32>
  return %0 : tensor<1x12x14x14xf32>
}

// A blocked chain: each op one call, the depthwise kernel without a padded
// copy.
// CHECK-LABEL: func @blocked_chain
// CHECK-NOT: call @ovc_pad2d_f32
// CHECK: call @ovc_to_blocked_f32_avx2(%{{.*}}, %{{.*}}, %{{.*}}) :
// CHECK: call @ovc_blocked_depthwise_conv2d_f32_avx2(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) :
// CHECK: call @ovc_blocked_pointwise_conv2d_f32_avx2(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) :
// CHECK: memref.alloc() : memref<1x24x8x8xf32>
// CHECK: call @ovc_from_blocked_f32_avx2(%{{.*}}, %{{.*}}, %{{.*}}) :
func.func @blocked_chain(%x: tensor<1x16x16x16xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<2x16x1x1x16xf32>) -> tensor<1x24x8x8xf32> {
  %0 = ovc_cpu.reorder %x {ukernel = "ovc_to_blocked_f32_avx2"} : tensor<1x16x16x16xf32> -> tensor<1x2x16x16x8xf32>
  %1 = ovc_cpu.depthwise_conv2d %0, %dw {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x16x16x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x8x8x8xf32>
  %2 = ovc_cpu.conv2d %1, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x3x8x8x8xf32>
  %3 = ovc_cpu.reorder %2 {ukernel = "ovc_from_blocked_f32_avx2"} : tensor<1x3x8x8x8xf32> -> tensor<1x24x8x8xf32>
  return %3 : tensor<1x24x8x8xf32>
}

// A stem writing blocks pads its input itself (phase rows): no padded copy.
// CHECK-LABEL: func @stem_writes_blocks
// CHECK-NOT: call @ovc_pad2d_f32
// CHECK: memref.alloc() {{.*}}: memref<1x3x4x8x8xf32>
// CHECK: call @ovc_conv2d_f32_avx2(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) :
func.func @stem_writes_blocks(%x: tensor<1x3x8x16xf32>, %w: tensor<2x3x3x3x16xf32>) -> tensor<1x3x4x8x8xf32> {
  %0 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x16xf32>, tensor<2x3x3x3x16xf32> -> tensor<1x3x4x8x8xf32>
  return %0 : tensor<1x3x4x8x8xf32>
}

// A depthwise layer inside the 1x1 layer: one call of the fused kernel on
// the unpadded input (input, depthwise filter and bias, 1x1 filter and
// bias, residual, output, and the two layers' parameters).
// CHECK-LABEL: func @depthwise_pointwise
// CHECK-NOT: call @ovc_pad2d_f32
// CHECK: memref.alloc() : memref<1x4x3x5x8xf32>
// CHECK: memref.alloca() : memref<25xf32>
// CHECK: memref.alloca() : memref<25xf32>
// CHECK: call @ovc_blocked_depthwise_pointwise_conv2d_f32_avx2(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) :
func.func @depthwise_pointwise(%x: tensor<1x2x6x10x8xf32>, %dwf: tensor<2x3x3x8xf32>, %dwb: tensor<16xf32>, %w: tensor<2x16x1x1x16xf32>, %r: tensor<1x4x3x5x8xf32>) -> tensor<1x4x3x5x8xf32> {
  %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dwf dw_bias %dwb : tensor<16xf32>, %w residual %r : tensor<1x4x3x5x8xf32> {dilations = array<i64: 1, 1>, dw_min = 0.0 : f32, fused_multiply_add, max = 1.0 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x6x10x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x3x5x8xf32>
  return %y : tensor<1x4x3x5x8xf32>
}
