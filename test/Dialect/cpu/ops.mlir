// RUN: ovc-opt %s | ovc-opt | FileCheck %s

// The ops print and parse back, with and without their optional operands.
// CHECK-LABEL: func @roundtrip
// CHECK: ovc_cpu.conv2d %arg0, %arg1 bias %arg2 : tensor<16xf32> residual %arg3 : tensor<1x4x8x8xf32> {
// CHECK-SAME: min = 0.000000e+00 : f32
// CHECK: ovc_cpu.conv2d %arg0, %arg1 residual %arg3 : tensor<1x4x8x8xf32> {
// CHECK: ovc_cpu.conv2d %arg0, %arg1 {
// CHECK: ovc_cpu.depthwise_conv2d %arg4, %arg5 bias %arg6 : tensor<8xf32> {
// CHECK: ovc_cpu.max_pool2d %arg4 {
// CHECK-SAME: kernel = array<i64: 3, 3>
func.func @roundtrip(%x: tensor<1x3x8x8xf32>, %w: tensor<1x3x3x3x16xf32>, %b: tensor<16xf32>, %r: tensor<1x4x8x8xf32>,
                     %dx: tensor<1x8x16x16xf32>, %dw: tensor<8x3x3xf32>, %db: tensor<8xf32>) {
  %0 = ovc_cpu.conv2d %x, %w bias %b : tensor<16xf32> residual %r : tensor<1x4x8x8xf32> {dilations = array<i64: 1, 1>, min = 0.0 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x4x8x8xf32>
  %1 = ovc_cpu.conv2d %x, %w residual %r : tensor<1x4x8x8xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x4x8x8xf32>
  %2 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x4x8x8xf32>
  %3 = ovc_cpu.depthwise_conv2d %dx, %dw bias %db : tensor<8xf32> {dilations = array<i64: 1, 1>, max = 6.0 : f32, min = 0.0 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x8x16x16xf32>, tensor<8x3x3xf32> -> tensor<1x8x8x8xf32>
  %4 = ovc_cpu.max_pool2d %dx {dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_max_pool2d_f32_avx2"} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return
}

// CHECK-LABEL: func @winograd_roundtrip
// CHECK: ovc_cpu.winograd_conv2d %arg0, %arg1 bias %arg2 : tensor<6xf32> residual %arg3 : tensor<1x6x8x8xf32> {
// CHECK-SAME: max = 6.000000e+00 : f32
// CHECK: ovc_cpu.winograd_conv2d %arg0, %arg1 {
func.func @winograd_roundtrip(%x: tensor<1x16x8x8xf32>, %w: tensor<1x16x16x6xf32>, %b: tensor<6xf32>, %r: tensor<1x6x8x8xf32>) {
  %0 = ovc_cpu.winograd_conv2d %x, %w bias %b : tensor<6xf32> residual %r : tensor<1x6x8x8xf32> {max = 6.0 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, ukernel = "ovc_conv2d_winograd_f32_avx2"} : tensor<1x16x8x8xf32>, tensor<1x16x16x6xf32> -> tensor<1x6x8x8xf32>
  %1 = ovc_cpu.winograd_conv2d %x, %w {pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, ukernel = "ovc_conv2d_winograd_f32_avx2"} : tensor<1x16x8x8xf32>, tensor<1x16x16x6xf32> -> tensor<1x6x8x8xf32>
  return
}

// Channel-blocked activations and the reorders between them and NCHW.
// CHECK-LABEL: func @blocked_roundtrip
// CHECK: ovc_cpu.reorder %arg0 {ukernel = "ovc_to_blocked_f32_avx2"} : tensor<1x16x8x8xf32> -> tensor<1x2x8x8x8xf32>
// CHECK: ovc_cpu.depthwise_conv2d %{{.*}}, %arg1 {{.*}} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x8x8x8xf32>
// CHECK: ovc_cpu.conv2d %{{.*}}, %arg2 {{.*}} : tensor<1x2x8x8x8xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x1x8x8x8xf32>
// CHECK: ovc_cpu.reorder %{{.*}} {ukernel = "ovc_from_blocked_f32_avx2"} : tensor<1x1x8x8x8xf32> -> tensor<1x8x8x8xf32>
func.func @blocked_roundtrip(%x: tensor<1x16x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %w: tensor<1x16x1x1x16xf32>) -> tensor<1x8x8x8xf32> {
  %0 = ovc_cpu.reorder %x {ukernel = "ovc_to_blocked_f32_avx2"} : tensor<1x16x8x8xf32> -> tensor<1x2x8x8x8xf32>
  %1 = ovc_cpu.depthwise_conv2d %0, %dw {dilations = array<i64: 1, 1>, fused_multiply_add, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x8x8x8xf32>
  %2 = ovc_cpu.conv2d %1, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x1x8x8x8xf32>
  %3 = ovc_cpu.reorder %2 {ukernel = "ovc_from_blocked_f32_avx2"} : tensor<1x1x8x8x8xf32> -> tensor<1x8x8x8xf32>
  return %3 : tensor<1x8x8x8xf32>
}

// A depthwise layer and the 1x1 layer that reads it, with and without
// their biases and the residual.
// CHECK-LABEL: func @depthwise_pointwise_roundtrip
// CHECK: ovc_cpu.depthwise_pointwise_conv2d %arg0, %arg1 dw_bias %arg2 : tensor<16xf32>, %arg3 bias %arg4 : tensor<32xf32> residual %arg5 : tensor<1x4x8x8x8xf32> {
// CHECK-SAME: dw_min = 0.000000e+00 : f32, fused_multiply_add, max = 6.000000e+00 : f32
// CHECK-SAME: : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
// CHECK: ovc_cpu.depthwise_pointwise_conv2d %arg0, %arg1, %arg3 {
func.func @depthwise_pointwise_roundtrip(%x: tensor<1x2x8x8x8xf32>, %dw: tensor<2x3x3x8xf32>, %db: tensor<16xf32>, %w: tensor<2x16x1x1x16xf32>, %b: tensor<32xf32>, %r: tensor<1x4x8x8x8xf32>) {
  %0 = ovc_cpu.depthwise_pointwise_conv2d %x, %dw dw_bias %db : tensor<16xf32>, %w bias %b : tensor<32xf32> residual %r : tensor<1x4x8x8x8xf32> {dilations = array<i64: 1, 1>, dw_min = 0.0 : f32, fused_multiply_add, max = 6.0 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  %1 = ovc_cpu.depthwise_pointwise_conv2d %x, %dw, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"} : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x8x8x8xf32>
  return
}
