// RUN: ovc-opt --split-input-file --ovc-cpu-fuse-depthwise-pointwise=family=avx2 %s | FileCheck %s
// RUN: ovc-opt --split-input-file --ovc-cpu-fuse-depthwise-pointwise=family=avx2 --mlir-print-debuginfo %s | FileCheck %s --check-prefix=LOC
// RUN: ovc-opt --split-input-file --ovc-cpu-fuse-depthwise-pointwise=family=avx512 %s | FileCheck %s --check-prefix=AVX512
// RUN: not ovc-opt --ovc-cpu-fuse-depthwise-pointwise=family=neon %s 2>&1 | FileCheck %s --check-prefix=FAMILY

// FAMILY: unknown microkernel family 'neon' (sse41, avx2, avx512)

// A blocked depthwise layer read only by a blocked 1x1 layer: one op with
// both layers' operands and attributes (the depthwise clamp and rounding
// as dw_min / fused_multiply_add, the 1x1 clamp and residual as the
// result's), located at the 1x1 layer then the depthwise one (the layer
// counters then list "dw" as fused into "pw").
// CHECK-LABEL: func @fused
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x6x10x8xf32>, %[[DWF:[^:]*]]: tensor<2x3x3x8xf32>, %[[DWB:[^:]*]]: tensor<16xf32>, %[[W:[^:]*]]: tensor<2x16x1x1x16xf32>, %[[B:[^:]*]]: tensor<32xf32>, %[[R:[^:]*]]: tensor<1x4x3x5x8xf32>)
// CHECK-NOT: ovc_cpu.depthwise_conv2d
// CHECK-NOT: ovc_cpu.conv2d
// CHECK: %[[Y:.*]] = ovc_cpu.depthwise_pointwise_conv2d %[[X]], %[[DWF]] dw_bias %[[DWB]] : tensor<16xf32>, %[[W]] bias %[[B]] : tensor<32xf32> residual %[[R]] : tensor<1x4x3x5x8xf32>
// CHECK-SAME: dilations = array<i64: 1, 1>, dw_max = 6.000000e+00 : f32, dw_min = 0.000000e+00 : f32, fused_multiply_add, max = 1.000000e+00 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"
// CHECK-SAME: : tensor<1x2x6x10x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x3x5x8xf32>
// CHECK: return %[[Y]]
// LOC-LABEL: func @fused
// LOC: ovc_cpu.depthwise_pointwise_conv2d {{.*}} loc(#[[LOC:loc[0-9]+]])
// LOC: #[[PW:loc[0-9]+]] = loc("pw")
// LOC: #[[DW:loc[0-9]+]] = loc("dw")
// LOC: #[[LOC]] = loc(fused[#[[PW]], #[[DW]]])
// The layers are another family's under avx512.
// AVX512-LABEL: func @fused
// AVX512-NOT: depthwise_pointwise
func.func @fused(%x: tensor<1x2x6x10x8xf32>, %dwf: tensor<2x3x3x8xf32>, %dwb: tensor<16xf32>, %w: tensor<2x16x1x1x16xf32>, %b: tensor<32xf32>, %r: tensor<1x4x3x5x8xf32>) -> tensor<1x4x3x5x8xf32> {
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf bias %dwb : tensor<16xf32> {dilations = array<i64: 1, 1>, fused_multiply_add, min = 0.0 : f32, max = 6.0 : f32, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x6x10x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x3x5x8xf32> loc("dw")
  %1 = ovc_cpu.conv2d %0, %w bias %b : tensor<32xf32> residual %r : tensor<1x4x3x5x8xf32> {dilations = array<i64: 1, 1>, max = 1.0 : f32, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x3x5x8xf32>, tensor<2x16x1x1x16xf32> -> tensor<1x4x3x5x8xf32> loc("pw")
  return %1 : tensor<1x4x3x5x8xf32>
}

// -----

// Without biases: the fused op has none either.
// CHECK-LABEL: func @no_bias
// CHECK: ovc_cpu.depthwise_pointwise_conv2d %{{[^ ]*}}, %{{[^ ]*}}, %{{[^ ]*}} {
// CHECK-NOT: dw_min
// CHECK-SAME: -> tensor<1x1x4x4x8xf32>
func.func @no_bias(%x: tensor<1x1x4x4x8xf32>, %dwf: tensor<1x3x3x8xf32>, %w: tensor<1x8x1x1x16xf32>) -> tensor<1x1x4x4x8xf32> {
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x1x4x4x8xf32>, tensor<1x3x3x8xf32> -> tensor<1x1x4x4x8xf32>
  %1 = ovc_cpu.conv2d %0, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x1x4x4x8xf32>, tensor<1x8x1x1x16xf32> -> tensor<1x1x4x4x8xf32>
  return %1 : tensor<1x1x4x4x8xf32>
}

// -----

// Not fused: a depthwise result that is also returned (it must be
// written), one that is the 1x1 layer's residual as well as its input,
// NCHW layers, and rows of 4096 pixels x 16 channels, more than the
// kernel's band buffer holds.
// CHECK-LABEL: func @stays_apart
// CHECK-NOT: depthwise_pointwise
func.func @stays_apart(%x: tensor<1x2x4x4x8xf32>, %dwf: tensor<2x3x3x8xf32>, %w: tensor<1x16x1x1x16xf32>, %xn: tensor<1x16x4x4xf32>, %dwn: tensor<16x3x3xf32>, %xw: tensor<1x2x1x4096x8xf32>) -> (tensor<1x2x4x4x8xf32>, tensor<1x2x4x4x8xf32>, tensor<1x2x4x4x8xf32>, tensor<1x16x4x4xf32>, tensor<1x2x1x4096x8xf32>) {
  %0 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x4x4x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x4x4x8xf32>
  %1 = ovc_cpu.conv2d %0, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x4x4x8xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x2x4x4x8xf32>
  %2 = ovc_cpu.depthwise_conv2d %x, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x4x4x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x4x4x8xf32>
  %3 = ovc_cpu.conv2d %2, %w residual %2 : tensor<1x2x4x4x8xf32> {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x4x4x8xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x2x4x4x8xf32>
  %4 = ovc_cpu.depthwise_conv2d %xn, %dwn {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_depthwise_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<16x3x3xf32> -> tensor<1x16x4x4xf32>
  %5 = ovc_cpu.conv2d %4, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_conv2d_f32_avx2"} : tensor<1x16x4x4xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x16x4x4xf32>
  %6 = ovc_cpu.depthwise_conv2d %xw, %dwf {dilations = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_depthwise_conv2d_f32_avx2"} : tensor<1x2x1x4096x8xf32>, tensor<2x3x3x8xf32> -> tensor<1x2x1x4096x8xf32>
  %7 = ovc_cpu.conv2d %6, %w {dilations = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, strides = array<i64: 1, 1>, ukernel = "ovc_blocked_pointwise_conv2d_f32_avx2"} : tensor<1x2x1x4096x8xf32>, tensor<1x16x1x1x16xf32> -> tensor<1x2x1x4096x8xf32>
  return %0, %1, %3, %5, %7 : tensor<1x2x4x4x8xf32>, tensor<1x2x4x4x8xf32>, tensor<1x2x4x4x8xf32>, tensor<1x16x4x4xf32>, tensor<1x2x1x4096x8xf32>
}
