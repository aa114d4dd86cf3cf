// RUN: ovc-opt --split-input-file --ovc-cpu-conv-ukernels=family=avx2 %s | FileCheck %s
// RUN: ovc-opt --split-input-file --ovc-cpu-conv-ukernels=family=sse41 %s | FileCheck %s --check-prefix=SSE
// RUN: ovc-opt --split-input-file --ovc-cpu-conv-ukernels="family=avx2 fuse-depthwise=true" %s | FileCheck %s --check-prefix=FUSED
// RUN: ovc-opt --split-input-file --ovc-cpu-conv-ukernels="family=sse41 fuse-depthwise=true" %s | FileCheck %s --check-prefix=SSE-FUSED
// RUN: not ovc-opt --ovc-cpu-conv-ukernels=family=neon %s 2>&1 | FileCheck %s --check-prefix=FAMILY

// FAMILY: unknown microkernel family 'neon' (sse41, avx2, avx512)

// Filter [2, 1, 1, 2] packed into one block of 16 output channels
// ([1, 1, 1, 2, 16], zeros past channel 2), the bias padded to 16, ReLU
// fused as min = 0; the fused chain is gone.
// CHECK-LABEL: func @conv_bias_relu
// CHECK: %[[W:.*]] = ov.constant dense_resource<[[BLOB:.*]]> : tensor<1x1x1x2x16xf32>
// CHECK: %[[B:.*]] = ov.constant dense<[5.000000e-01, -5.000000e-01, 0.000000e+00
// CHECK-SAME: tensor<16xf32>
// CHECK: %[[Y:.*]] = ovc_cpu.conv2d %arg0, %[[W]] bias %[[B]]
// CHECK-SAME: min = 0.000000e+00 : f32
// CHECK-SAME: pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 1>
// CHECK-SAME: ukernel = "ovc_conv2d_f32_avx2"
// CHECK-SAME: -> tensor<1x2x3x3xf32>
// CHECK-NOT: ov.add
// CHECK-NOT: ov.relu
// CHECK: return %[[Y]]
// The blob: kw = 0 holds channels 0 and 1 (1.0, 3.0), then 14 zeros; then
// kw = 1 (2.0, 4.0).
// CHECK: [[BLOB]]: "0x040000000000803F00004040{{(0{112})}}0000004000008040{{(0{112})}}"
// SSE-LABEL: func @conv_bias_relu
// SSE: ov.constant {{.*}} tensor<1x1x1x2x8xf32>
// SSE: ukernel = "ovc_conv2d_f32_sse41"
func.func @conv_bias_relu(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = ov.constant dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]]]> : tensor<2x1x1x2xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, auto_pad = #ov.auto_pad<same_upper>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x2xf32>) -> tensor<1x2x3x3xf32>
  %b = ov.constant dense<[[[0.5]], [[-0.5]]]> : tensor<2x1x1xf32>
  %a = ov.add %c, %b : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %r = ov.relu %a : (tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %r : tensor<1x2x3x3xf32>
}

// -----

// Clamp straight after the convolution (no bias); 17 output channels make
// two blocks.
// CHECK-LABEL: func @conv_clamp
// CHECK: ov.constant {{.*}} tensor<2x1x1x1x16xf32>
// CHECK: ovc_cpu.conv2d %arg0, %{{.*}} {
// CHECK-SAME: max = 6.000000e+00 : f32, min = 0.000000e+00 : f32
// CHECK-SAME: strides = array<i64: 2, 2>
// CHECK-NOT: ov.clamp
func.func @conv_clamp(%x: tensor<1x1x4x4xf32>) -> tensor<1x17x2x2xf32> {
  %w = ov.constant dense<1.0> : tensor<17x1x1x1xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xf32>, tensor<17x1x1x1xf32>) -> tensor<1x17x2x2xf32>
  %r = ov.clamp %c {min = 0.0 : f64, max = 6.0 : f64} : (tensor<1x17x2x2xf32>) -> tensor<1x17x2x2xf32>
  return %r : tensor<1x17x2x2xf32>
}

// -----

// Not fused: the bias varies along W (not per channel), and the
// convolution's value has a second user.
// CHECK-LABEL: func @not_fused
// CHECK: %[[Y:.*]] = ovc_cpu.conv2d %arg0, %{{.*}} {
// CHECK: ov.add %[[Y]]
// CHECK: ov.relu %[[Y]]
func.func @not_fused(%x: tensor<1x1x2x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %w = ov.constant dense<2.0> : tensor<1x1x1x1xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %b = ov.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %a = ov.add %c, %b : (tensor<1x1x2x2xf32>, tensor<2xf32>) -> tensor<1x1x2x2xf32>
  %r = ov.relu %c : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %a, %r : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}

// -----

// Left to the generated loops: a filter computed at run time.
// CHECK-LABEL: func @runtime_filter
// CHECK: ov.convolution
// CHECK-NOT: ovc_cpu.conv2d
func.func @runtime_filter(%x: tensor<1x1x2x2xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32> {
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  return %c : tensor<1x1x2x2xf32>
}

// -----

// A depthwise GroupConvolution (one input and one output channel per
// group): ovc_cpu.depthwise_conv2d with the filter as [C, KH, KW], its
// per-channel bias and Clamp fused, same_upper padding resolved. Its sums
// round every product unless asked for fused multiply-adds, which SSE4.1
// does not have.
// CHECK-LABEL: func @depthwise_bias_clamp
// CHECK: %[[W:.*]] = ov.constant {{.*}} : tensor<3x3x3xf32>
// CHECK: %[[B:.*]] = ov.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: %[[Y:.*]] = ovc_cpu.depthwise_conv2d %arg0, %[[W]] bias %[[B]]
// CHECK-SAME: {dilations = array<i64: 1, 1>, max = 6.000000e+00 : f32, min = 0.000000e+00 : f32
// CHECK-SAME: pads_begin = array<i64: 0, 0>, pads_end = array<i64: 1, 1>
// CHECK-SAME: strides = array<i64: 2, 2>
// CHECK-SAME: ukernel = "ovc_depthwise_conv2d_f32_avx2"
// CHECK-SAME: -> tensor<1x3x4x32xf32>
// CHECK-NOT: ov.group_convolution
// CHECK-NOT: ov.clamp
// CHECK: return %[[Y]]
// SSE-LABEL: func @depthwise_bias_clamp
// SSE: ukernel = "ovc_depthwise_conv2d_f32_sse41"
// FUSED-LABEL: func @depthwise_bias_clamp
// FUSED: ovc_cpu.depthwise_conv2d
// FUSED-SAME: {dilations = array<i64: 1, 1>, fused_multiply_add, max = 6.000000e+00 : f32
// SSE-FUSED-LABEL: func @depthwise_bias_clamp
// SSE-FUSED: ovc_cpu.depthwise_conv2d
// SSE-FUSED-SAME: {dilations = array<i64: 1, 1>, max = 6.000000e+00 : f32
func.func @depthwise_bias_clamp(%x: tensor<1x3x8x64xf32>) -> tensor<1x3x4x32xf32> {
  %w = ov.constant dense<0.5> : tensor<3x1x1x3x3xf32>
  %c = ov.group_convolution %x, %w {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, auto_pad = #ov.auto_pad<same_upper>} : (tensor<1x3x8x64xf32>, tensor<3x1x1x3x3xf32>) -> tensor<1x3x4x32xf32>
  %b = ov.constant dense<[[[1.0]], [[2.0]], [[3.0]]]> : tensor<3x1x1xf32>
  %a = ov.add %c, %b : (tensor<1x3x4x32xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x32xf32>
  %r = ov.clamp %a {min = 0.0 : f64, max = 6.0 : f64} : (tensor<1x3x4x32xf32>) -> tensor<1x3x4x32xf32>
  return %r : tensor<1x3x4x32xf32>
}

// -----

// Undilated 3x3 windows with stride 1 or 2 run in blocks of output rows
// on avx2 and avx512, fast at any row width: the kernel even for a row of
// two AVX2 vectors.
// CHECK-LABEL: func @depthwise_narrow_in_blocks
// CHECK: ovc_cpu.depthwise_conv2d
// CHECK-SAME: ukernel = "ovc_depthwise_conv2d_f32_avx2"
// SSE-LABEL: func @depthwise_narrow_in_blocks
// SSE: ovc_cpu.depthwise_conv2d
func.func @depthwise_narrow_in_blocks(%x: tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32> {
  %w = ov.constant dense<0.5> : tensor<2x1x1x3x3xf32>
  %c = ov.group_convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x16xf32>, tensor<2x1x1x3x3xf32>) -> tensor<1x2x4x16xf32>
  return %c : tensor<1x2x4x16xf32>
}

// -----

// Other windows go a row at a time: output rows narrower than one tile of
// the kernel (4 vectors: 32 pixels for avx2, 16 for sse41) stay loops,
// which are faster there.
// CHECK-LABEL: func @depthwise_narrow
// CHECK: ov.group_convolution
// CHECK-NOT: ovc_cpu.depthwise_conv2d
// SSE-LABEL: func @depthwise_narrow
// SSE: ovc_cpu.depthwise_conv2d
func.func @depthwise_narrow(%x: tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32> {
  %w = ov.constant dense<0.5> : tensor<2x1x1x5x5xf32>
  %c = ov.group_convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 2, 2>, pads_end = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x16xf32>, tensor<2x1x1x5x5xf32>) -> tensor<1x2x4x16xf32>
  return %c : tensor<1x2x4x16xf32>
}

// -----

// A window whose rows do not fit the kernel's ring of padded rows (3 taps
// 40 rows apart span 81 input rows; the ring holds 64): left to the loops
// on every family.
// CHECK-LABEL: func @depthwise_window_too_tall
// CHECK: ov.group_convolution
// CHECK-NEXT: return
// SSE-LABEL: func @depthwise_window_too_tall
// SSE: ov.group_convolution
// SSE-NEXT: return
func.func @depthwise_window_too_tall(%x: tensor<1x2x90x64xf32>) -> tensor<1x2x10x64xf32> {
  %w = ov.constant dense<0.5> : tensor<2x1x1x3x3xf32>
  %c = ov.group_convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 1>, pads_end = array<i64: 0, 1>, dilations = array<i64: 40, 1>} : (tensor<1x2x90x64xf32>, tensor<2x1x1x3x3xf32>) -> tensor<1x2x10x64xf32>
  return %c : tensor<1x2x10x64xf32>
}

// -----

// Grouped but not depthwise (two channels per group): left to the loops.
// CHECK-LABEL: func @grouped_not_depthwise
// CHECK: ov.group_convolution
// CHECK-NOT: ovc_cpu.depthwise_conv2d
func.func @grouped_not_depthwise(%x: tensor<1x4x6x6xf32>) -> tensor<1x4x4x4xf32> {
  %w = ov.constant dense<1.0> : tensor<2x2x2x3x3xf32>
  %c = ov.group_convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x6x6xf32>, tensor<2x2x2x3x3xf32>) -> tensor<1x4x4x4xf32>
  return %c : tensor<1x4x4x4xf32>
}

// -----

// A skip connection: the Add of another tensor of the result's type after
// the bias is fused as the kernel's residual, then the ReLU; the Add's
// operand order does not matter (x + r == r + x).
// CHECK-LABEL: func @conv_residual_relu
// CHECK: %[[Y:.*]] = ovc_cpu.conv2d %arg0, %{{.*}} bias %{{.*}} residual %arg1
// CHECK-SAME: min = 0.000000e+00 : f32
// CHECK-NOT: ov.add
// CHECK-NOT: ov.relu
// CHECK: return %[[Y]]
func.func @conv_residual_relu(%x: tensor<1x4x6x6xf32>, %skip: tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32> {
  %w = ov.constant dense<0.25> : tensor<8x4x1x1xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x6x6xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x6x6xf32>
  %b = ov.constant dense<0.5> : tensor<1x8x1x1xf32>
  %a = ov.add %c, %b : (tensor<1x8x6x6xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x6x6xf32>
  %s = ov.add %skip, %a : (tensor<1x8x6x6xf32>, tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
  %r = ov.relu %s : (tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32>
  return %r : tensor<1x8x6x6xf32>
}

// -----

// Not a residual: the Add broadcasts (its other operand is smaller), and
// depthwise kernels take no residual.
// CHECK-LABEL: func @not_residual
// CHECK: %[[Y:.*]] = ovc_cpu.conv2d %arg0, %{{.*}} {
// CHECK: ov.add %[[Y]], %arg1
// CHECK: %[[D:.*]] = ovc_cpu.depthwise_conv2d
// CHECK: ov.add %[[D]], %arg2
func.func @not_residual(%x: tensor<1x4x6x64xf32>, %row: tensor<1x1x1x64xf32>, %skip: tensor<1x4x6x64xf32>) -> (tensor<1x8x6x64xf32>, tensor<1x4x6x64xf32>) {
  %w = ov.constant dense<0.25> : tensor<8x4x1x1xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x6x64xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x6x64xf32>
  %a = ov.add %c, %row : (tensor<1x8x6x64xf32>, tensor<1x1x1x64xf32>) -> tensor<1x8x6x64xf32>
  %dw = ov.constant dense<0.5> : tensor<4x1x1x3x3xf32>
  %d = ov.group_convolution %x, %dw {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4x6x64xf32>, tensor<4x1x1x3x3xf32>) -> tensor<1x4x6x64xf32>
  %s = ov.add %d, %skip : (tensor<1x4x6x64xf32>, tensor<1x4x6x64xf32>) -> tensor<1x4x6x64xf32>
  return %a, %s : tensor<1x8x6x64xf32>, tensor<1x4x6x64xf32>
}
