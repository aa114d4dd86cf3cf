// RUN: ovc-opt --split-input-file --ovc-cpu-blocked-layout=family=avx2 %s | FileCheck %s
// RUN: ovc-opt --split-input-file --ovc-cpu-blocked-layout=family=sse41 %s | FileCheck %s --check-prefix=SSE
// RUN: not ovc-opt --ovc-cpu-blocked-layout=family=neon %s 2>&1 | FileCheck %s --check-prefix=FAMILY

// FAMILY: unknown microkernel family 'neon' (sse41, avx2, avx512)

// A depthwise layer and the 1x1 layer after it go to blocks of 8 channels:
// one reorder in, the depthwise filter repacked to [C / 8, KH, KW, 8], the
// 1x1 filter and both biases as they were, and one reorder out for the
// return. The reorders are named after their layers and typed Reorder.
// CHECK: module attributes {ovc.layer_types = {dw = "GroupConvolution", "dw/to_blocked" = "Reorder", pw = "Convolution", "pw/from_blocked" = "Reorder"}}
// CHECK-LABEL: func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x6x10xf32>
// CHECK: %[[IN:.*]] = ovc_cpu.reorder %[[X]] {ukernel = "ovc_to_blocked_f32_avx2"} : tensor<1x8x6x10xf32> -> tensor<1x1x6x10x8xf32>
// Tap 0 of channels 0-7, then tap 1.
// CHECK: %[[DWF:.*]] = ov.constant dense<{{\[\[\[\[}}0.000000e+00, 2.000000e+00, 4.000000e+00, 6.000000e+00, 8.000000e+00, 1.000000e+01, 1.200000e+01, 1.400000e+01], [1.000000e+00, 3.000000e+00, 5.000000e+00, 7.000000e+00, 9.000000e+00, 1.100000e+01, 1.300000e+01, 1.500000e+01]]]]> : tensor<1x1x2x8xf32>
// CHECK: %[[DW:.*]] = ovc_cpu.depthwise_conv2d %[[IN]], %[[DWF]] bias %{{.*}} : tensor<8xf32>
// CHECK-SAME: fused_multiply_add
// CHECK-SAME: ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"
// CHECK-SAME: tensor<1x1x6x10x8xf32>, tensor<1x1x2x8xf32> -> tensor<1x1x6x9x8xf32>
// CHECK: %[[PW:.*]] = ovc_cpu.conv2d %[[DW]], %arg1 bias %arg2 : tensor<16xf32>
// CHECK-SAME: min = 0.000000e+00 : f32
// CHECK-SAME: ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"
// CHECK-SAME: tensor<1x1x6x9x8xf32>, tensor<1x8x1x1x16xf32> -> tensor<1x2x6x9x8xf32>
// CHECK: %[[OUT:.*]] = ovc_cpu.reorder %[[PW]] {ukernel = "ovc_from_blocked_f32_avx2"} : tensor<1x2x6x9x8xf32> -> tensor<1x16x6x9xf32>
// CHECK: return %[[OUT]]
// The kernels are another family's under sse41.
// SSE-LABEL: func @chain
// SSE-NOT: ovc_cpu.reorder
module attributes {ovc.layer_types = {dw = "GroupConvolution", pw = "Convolution"}} {
func.func @chain(%x: tensor<1x8x6x10xf32>, %w: tensor<1x8x1x1x16xf32>, %b: tensor<16xf32>) -> tensor<1x16x6x9xf32> {
  %dwf = ov.constant dense<[[[0.0, 1.0]], [[2.0, 3.0]], [[4.0, 5.0]], [[6.0, 7.0]], [[8.0, 9.0]], [[10.0, 11.0]], [[12.0, 13.0]], [[14.0, 15.0]]]> : tensor<8x1x2xf32>
  %dwb = ov.constant dense<0.5> : tensor<8xf32>
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf bias %dwb : tensor<8xf32> {dilations = array<i64: 1, 1>, fused_multiply_add, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x8x6x10xf32>, tensor<8x1x2xf32> -> tensor<1x8x6x9xf32> loc("dw")
  %1 = ovc_cpu.conv2d %0, %w bias %b : tensor<16xf32> {dilations = array<i64: 1, 1>, min = 0.0 : f32, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x8x6x9xf32>, tensor<1x8x1x1x16xf32> -> tensor<1x16x6x9xf32> loc("pw")
  return %1 : tensor<1x16x6x9xf32>
}
}

// -----

// A value read both inside and outside the chain: the chain reads the
// blocked value, the outside user one reorder back to NCHW.
// CHECK-LABEL: func @fan_out
// CHECK-COUNT-1: ovc_to_blocked_f32_avx2
// CHECK: %[[DW:.*]] = ovc_cpu.depthwise_conv2d {{.*}} ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"
// CHECK: %[[BACK:.*]] = ovc_cpu.reorder %[[DW]] {ukernel = "ovc_from_blocked_f32_avx2"}
// CHECK: ovc_cpu.conv2d %[[DW]], {{.*}} ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"
// CHECK: ovc_cpu.conv2d %[[DW]], {{.*}} ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"
// CHECK: ov.relu %[[BACK]]
func.func @fan_out(%x: tensor<1x16x4x4xf32>, %w: tensor<1x16x1x1x16xf32>) -> (tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>) {
  %dwf = ov.constant dense<0.25> : tensor<16x3x3xf32>
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %1 = ovc_cpu.conv2d %0, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %2 = ovc_cpu.conv2d %0, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %3 = ov.relu %0 : (tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  return %1, %2, %3 : tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>
}

// -----

// Not moved: a lone depthwise layer (its two reorders would cost what it
// gains), 1x1 layers without a depthwise one (with a residual or not),
// channels that are not a multiple of 8, a padded 1x1 layer (the blocked
// kernel takes none), the avx512 family's layers under avx2, a depthwise
// filter that is not a constant.
// CHECK-LABEL: func @stays_nchw
// CHECK-NOT: ovc_cpu.reorder
// CHECK-NOT: ovc_blocked
// SSE-LABEL: func @stays_nchw
// SSE-NOT: ovc_cpu.reorder
func.func @stays_nchw(%x: tensor<1x16x4x4xf32>, %x12: tensor<1x12x4x4xf32>, %dwvar: tensor<16x3x3xf32>, %w: tensor<1x16x1x1x16xf32>, %w12: tensor<1x12x1x1x16xf32>) -> (tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x16x6x6xf32>, tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>) {
  %dwf = ov.constant dense<0.25> : tensor<16x3x3xf32>
  %dwf12 = ov.constant dense<0.25> : tensor<12x3x3xf32>
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %1 = ovc_cpu.conv2d %x, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %2 = ovc_cpu.conv2d %1, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %3 = ovc_cpu.depthwise_conv2d %x12, %dwf12 {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x12x4x4xf32>, tensor<12x3x3xf32> -> tensor<1x12x4x4xf32>
  %4 = ovc_cpu.conv2d %3, %w12 {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x12x4x4xf32>, tensor<1x12x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %6 = ovc_cpu.conv2d %x, %w residual %x : tensor<1x16x4x4xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %7 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %8 = ovc_cpu.conv2d %7, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x6x6xf32>
  %9 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx512"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %10 = ovc_cpu.conv2d %9, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx512"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %11 = ovc_cpu.depthwise_conv2d %x, %dwvar {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %12 = ovc_cpu.conv2d %11, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  return %0, %4, %6, %8, %10, %12 : tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x16x6x6xf32>, tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>
}

// -----

// SSE4.1's blocks are 4 channels: 12 channels go to blocks under sse41.
// CHECK-LABEL: func @sse_chain
// CHECK-NOT: ovc_cpu.reorder
// SSE-LABEL: func @sse_chain
// SSE: ovc_cpu.reorder %arg0 {ukernel = "ovc_to_blocked_f32_sse41"} : tensor<1x12x4x4xf32> -> tensor<1x3x4x4x4xf32>
// SSE: ov.constant {{.*}} : tensor<3x3x3x4xf32>
// SSE: ukernel = "ovc_blocked_depthwise_conv2d_f32_sse41"
// SSE: ukernel = "ovc_blocked_pointwise_conv2d_f32_sse41"
// SSE-SAME: -> tensor<1x2x4x4x4xf32>
// SSE: ovc_cpu.reorder {{.*}} {ukernel = "ovc_from_blocked_f32_sse41"} : tensor<1x2x4x4x4xf32> -> tensor<1x8x4x4xf32>
func.func @sse_chain(%x: tensor<1x12x4x4xf32>, %w: tensor<1x12x1x1x8xf32>) -> tensor<1x8x4x4xf32> {
  %dwf = ov.constant dense<0.25> : tensor<12x3x3xf32>
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_sse41"} : tensor<1x12x4x4xf32>, tensor<12x3x3xf32> -> tensor<1x12x4x4xf32>
  %1 = ovc_cpu.conv2d %0, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_sse41"} : tensor<1x12x4x4xf32>, tensor<1x12x1x1x8xf32> -> tensor<1x8x4x4xf32>
  return %1 : tensor<1x8x4x4xf32>
}

// -----

// A stem that the kernel computes from phase rows writes the chain's input
// in blocks itself (no reorder in); its other reader reads a reorder back.
// A stride-1 3x3 layer does not.
// CHECK-LABEL: func @stem
// CHECK-NOT: ovc_to_blocked
// CHECK: %[[STEM:.*]] = ovc_cpu.conv2d %arg0, {{.*}} ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x16x32xf32>, tensor<2x3x3x3x16xf32> -> tensor<1x3x8x16x8xf32>
// CHECK: %[[BACK:.*]] = ovc_cpu.reorder %[[STEM]] {ukernel = "ovc_from_blocked_f32_avx2"} : tensor<1x3x8x16x8xf32> -> tensor<1x24x8x16xf32>
// CHECK: ovc_cpu.depthwise_conv2d %[[STEM]], {{.*}} ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"
// CHECK: ov.relu %[[BACK]]
// CHECK: ovc_to_blocked_f32_avx2
// CHECK-SAME: tensor<1x24x16x32xf32>
func.func @stem(%x: tensor<1x3x16x32xf32>, %ws: tensor<2x3x3x3x16xf32>, %w: tensor<2x24x1x1x16xf32>) -> (tensor<1x24x8x16xf32>, tensor<1x24x8x16xf32>, tensor<1x24x16x32xf32>) {
  %dwf = ov.constant dense<0.25> : tensor<24x3x3xf32>
  %0 = ovc_cpu.conv2d %x, %ws {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, strides = array<i64: 2, 2>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x16x32xf32>, tensor<2x3x3x3x16xf32> -> tensor<1x24x8x16xf32>
  %1 = ovc_cpu.depthwise_conv2d %0, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x24x8x16xf32>, tensor<24x3x3xf32> -> tensor<1x24x8x16xf32>
  %2 = ovc_cpu.conv2d %1, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x24x8x16xf32>, tensor<2x24x1x1x16xf32> -> tensor<1x24x8x16xf32>
  %3 = ov.relu %0 : (tensor<1x24x8x16xf32>) -> tensor<1x24x8x16xf32>
  %4 = ovc_cpu.conv2d %x, %ws {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x3x16x32xf32>, tensor<2x3x3x3x16xf32> -> tensor<1x24x16x32xf32>
  %5 = ovc_cpu.depthwise_conv2d %4, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x24x16x32xf32>, tensor<24x3x3xf32> -> tensor<1x24x16x32xf32>
  %6 = ovc_cpu.conv2d %5, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x24x16x32xf32>, tensor<2x24x1x1x16xf32> -> tensor<1x24x16x32xf32>
  return %2, %3, %6 : tensor<1x24x8x16xf32>, tensor<1x24x8x16xf32>, tensor<1x24x16x32xf32>
}

// -----

// Residuals join chains: a 1x1 layer adds, in blocks, a residual from the
// chain (a MobileNet-v2 block's input) or one reordered from NCHW.
// CHECK-LABEL: func @residual
// CHECK-DAG: %[[X:.*]] = ovc_cpu.reorder %arg0 {ukernel = "ovc_to_blocked_f32_avx2"}
// CHECK-DAG: %[[R:.*]] = ovc_cpu.reorder %arg1 {ukernel = "ovc_to_blocked_f32_avx2"}
// CHECK: %[[DW:.*]] = ovc_cpu.depthwise_conv2d %[[X]]
// CHECK: %[[P1:.*]] = ovc_cpu.conv2d %[[DW]], %arg2 residual %[[R]] : tensor<1x2x4x4x8xf32> {{.*}} ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"
// CHECK: %[[P2:.*]] = ovc_cpu.conv2d %[[P1]], %arg2 residual %[[X]] : tensor<1x2x4x4x8xf32> {{.*}} ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"
// CHECK: ovc_cpu.reorder %[[P2]] {ukernel = "ovc_from_blocked_f32_avx2"}
// CHECK-NOT: ovc_cpu.reorder
func.func @residual(%x: tensor<1x16x4x4xf32>, %r: tensor<1x16x4x4xf32>, %w: tensor<1x16x1x1x16xf32>) -> tensor<1x16x4x4xf32> {
  %dwf = ov.constant dense<0.25> : tensor<16x3x3xf32>
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %1 = ovc_cpu.conv2d %0, %w residual %r : tensor<1x16x4x4xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %2 = ovc_cpu.conv2d %1, %w residual %x : tensor<1x16x4x4xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  return %2 : tensor<1x16x4x4xf32>
}
