// RUN: ovc-opt --split-input-file --ovc-cpu-winograd-ukernels=family=avx2 %s | FileCheck %s
// RUN: ovc-opt --split-input-file --ovc-cpu-winograd-ukernels=family=sse41 %s | FileCheck %s --check-prefix=SSE
// RUN: ovc-opt --split-input-file --ovc-cpu-winograd-ukernels=family=avx512 %s | FileCheck %s --check-prefix=AVX512
// RUN: not ovc-opt --ovc-cpu-winograd-ukernels=family=neon %s 2>&1 | FileCheck %s --check-prefix=FAMILY

// FAMILY: unknown microkernel family 'neon' (sse41, avx2, avx512)

// 16 -> 32 channels on 14 x 14 (7 tiles per row in 8 lanes): the filter
// becomes the 16 points of G g G^T in blocks of 6 output channels
// ([6, 16, 16, 6], zeros past channel 32), bias and ReLU are fused. For a
// filter of ones, G g G^T is the outer product of (1, 1.5, 0.5, 1) with
// itself: point 0 holds 1.0 (0x3F800000), point 1 1.5 (0x3FC00000),
// point 2 0.5 (0x3F000000), point 5 2.25 (0x40100000), each for 16 input
// channels x 6 output channels.
// CHECK-LABEL: func @conv3x3_bias_relu
// CHECK: %[[W:.*]] = ov.constant dense_resource<[[BLOB:.*]]> : tensor<6x16x16x6xf32>
// CHECK: %[[B:.*]] = ov.constant {{.*}} : tensor<32xf32>
// CHECK: %[[Y:.*]] = ovc_cpu.winograd_conv2d %arg0, %[[W]] bias %[[B]] : tensor<32xf32> {
// CHECK-SAME: min = 0.000000e+00 : f32
// CHECK-SAME: pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>
// CHECK-SAME: ukernel = "ovc_conv2d_winograd_f32_avx2"
// CHECK-SAME: tensor<1x16x14x14xf32>, tensor<6x16x16x6xf32> -> tensor<1x32x14x14xf32>
// CHECK-NOT: ov.add
// CHECK-NOT: ov.relu
// CHECK: return %[[Y]]
// CHECK: [[BLOB]]: "0x04000000{{((0000803F){96})}}{{((0000C03F){96})}}{{((0000003F){96})}}{{((0000803F){96})}}{{((0000C03F){96})}}{{((00001040){96})}}
// SSE-LABEL: func @conv3x3_bias_relu
// SSE: ukernel = "ovc_conv2d_winograd_f32_sse41"
func.func @conv3x3_bias_relu(%x: tensor<1x16x14x14xf32>) -> tensor<1x32x14x14xf32> {
  %w = ov.constant dense<1.0> : tensor<32x16x3x3xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x16x14x14xf32>, tensor<32x16x3x3xf32>) -> tensor<1x32x14x14xf32>
  %b = ov.constant dense<0.25> : tensor<1x32x1x1xf32>
  %a = ov.add %c, %b : (tensor<1x32x14x14xf32>, tensor<1x32x1x1xf32>) -> tensor<1x32x14x14xf32>
  %r = ov.relu %a : (tensor<1x32x14x14xf32>) -> tensor<1x32x14x14xf32>
  return %r : tensor<1x32x14x14xf32>
}

// -----

// A residual Add after the convolution is fused (either operand order);
// padding by auto_pad resolves to explicit pads. 18 x 18 outputs: 9 tiles
// per row, whose vectors run on across rows.
// CHECK-LABEL: func @conv3x3_residual
// CHECK: %[[Y:.*]] = ovc_cpu.winograd_conv2d %arg0, %{{.*}} residual %arg1 : tensor<1x32x18x18xf32> {
// CHECK-SAME: pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>
// CHECK-NOT: ov.add
// CHECK: return %[[Y]]
func.func @conv3x3_residual(%x: tensor<1x20x18x18xf32>, %skip: tensor<1x32x18x18xf32>) -> tensor<1x32x18x18xf32> {
  %w = ov.constant dense<0.5> : tensor<32x20x3x3xf32>
  %c = ov.convolution %x, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>, auto_pad = #ov.auto_pad<same_upper>} : (tensor<1x20x18x18xf32>, tensor<32x20x3x3xf32>) -> tensor<1x32x18x18xf32>
  %a = ov.add %skip, %c : (tensor<1x32x18x18xf32>, tensor<1x32x18x18xf32>) -> tensor<1x32x18x18xf32>
  return %a : tensor<1x32x18x18xf32>
}

// -----

// On a plane of 64K outputs, one filter block of output channels is enough:
// 16 on AVX2, 8 on SSE4.1. Fewer stay direct (the direct kernel's row
// tiles, in channel passes).
// CHECK-LABEL: func @large_plane
// CHECK: ovc_cpu.winograd_conv2d %arg0, %{{.*}} : tensor<1x16x256x256xf32>, tensor<3x16x16x6xf32> -> tensor<1x16x256x256xf32>
// CHECK: ov.convolution {{.*}} -> tensor<1x8x256x256xf32>
// SSE-LABEL: func @large_plane
// SSE: ovc_cpu.winograd_conv2d
// SSE: ovc_cpu.winograd_conv2d %arg0, %{{.*}} : tensor<1x16x256x256xf32>, tensor<2x16x16x6xf32> -> tensor<1x8x256x256xf32>
func.func @large_plane(%x: tensor<1x16x256x256xf32>) -> (tensor<1x16x256x256xf32>, tensor<1x8x256x256xf32>) {
  %w16 = ov.constant dense<1.0> : tensor<16x16x3x3xf32>
  %w8 = ov.constant dense<1.0> : tensor<8x16x3x3xf32>
  %0 = ov.convolution %x, %w16 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x16x256x256xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x256x256xf32>
  %1 = ov.convolution %x, %w8 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x16x256x256xf32>, tensor<8x16x3x3xf32>) -> tensor<1x8x256x256xf32>
  return %0, %1 : tensor<1x16x256x256xf32>, tensor<1x8x256x256xf32>
}

// -----

// Where the Winograd kernel does not pay or has no plan, the convolution
// stays for ovc-cpu-conv-ukernels: 8 input channels, 16 output channels on
// 28 x 28 (the transforms cost about as much as the multiply-adds saved),
// 5 x 5 outputs (25 of them in 64 lanes x 4), stride 2, dilation 2, a 5x5
// window, and 300 -> 256 channels (no room for the partial sums of 256
// output channels).
// CHECK-LABEL: func @stays_direct
// CHECK-NOT: ovc_cpu.winograd_conv2d
// CHECK-COUNT-7: ov.convolution
// CHECK-NOT: ovc_cpu.winograd_conv2d
func.func @stays_direct(%a: tensor<1x8x14x14xf32>, %b: tensor<1x32x5x5xf32>, %c: tensor<1x32x28x28xf32>, %d: tensor<1x300x14x14xf32>) -> (tensor<1x32x14x14xf32>, tensor<1x16x28x28xf32>, tensor<1x32x5x5xf32>, tensor<1x32x14x14xf32>, tensor<1x32x26x26xf32>, tensor<1x32x28x28xf32>, tensor<1x256x14x14xf32>) {
  %w8 = ov.constant dense<1.0> : tensor<32x8x3x3xf32>
  %w16 = ov.constant dense<1.0> : tensor<16x32x3x3xf32>
  %w32 = ov.constant dense<1.0> : tensor<32x32x3x3xf32>
  %w5 = ov.constant dense<1.0> : tensor<32x32x5x5xf32>
  %w300 = ov.constant dense<1.0> : tensor<256x300x3x3xf32>
  %0 = ov.convolution %a, %w8 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x8x14x14xf32>, tensor<32x8x3x3xf32>) -> tensor<1x32x14x14xf32>
  %1 = ov.convolution %c, %w16 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x28x28xf32>, tensor<16x32x3x3xf32>) -> tensor<1x16x28x28xf32>
  %2 = ov.convolution %b, %w32 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x5x5xf32>, tensor<32x32x3x3xf32>) -> tensor<1x32x5x5xf32>
  %3 = ov.convolution %c, %w32 {strides = array<i64: 2, 2>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x28x28xf32>, tensor<32x32x3x3xf32>) -> tensor<1x32x14x14xf32>
  %4 = ov.convolution %c, %w32 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 2, 2>} : (tensor<1x32x28x28xf32>, tensor<32x32x3x3xf32>) -> tensor<1x32x26x26xf32>
  %5 = ov.convolution %c, %w5 {strides = array<i64: 1, 1>, pads_begin = array<i64: 2, 2>, pads_end = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<1x32x28x28xf32>, tensor<32x32x5x5xf32>) -> tensor<1x32x28x28xf32>
  %6 = ov.convolution %d, %w300 {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x300x14x14xf32>, tensor<256x300x3x3xf32>) -> tensor<1x256x14x14xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<1x32x14x14xf32>, tensor<1x16x28x28xf32>, tensor<1x32x5x5xf32>, tensor<1x32x14x14xf32>, tensor<1x32x26x26xf32>, tensor<1x32x28x28xf32>, tensor<1x256x14x14xf32>
}

// -----

// 32 -> 128 channels on 19 x 19 and on 27 x 27. On AVX2 both rows of tiles
// (10 and 14 tiles) suit 8-lane vectors. On AVX-512, 19 x 19 stays direct:
// its rows of 10 tiles would put most 16-lane vectors across two rows
// (gathered patches, scattered outputs); 27 x 27's 14 tiles are padded to
// 16, one vector per row.
// CHECK-LABEL: func @row_pitch
// CHECK-COUNT-2: ovc_cpu.winograd_conv2d
// AVX512-LABEL: func @row_pitch
// AVX512: ov.convolution %arg0
// AVX512-SAME: -> tensor<1x128x19x19xf32>
// AVX512: ovc_cpu.winograd_conv2d %arg1
// AVX512-SAME: ukernel = "ovc_conv2d_winograd_f32_avx512"
// AVX512-SAME: -> tensor<1x128x27x27xf32>
func.func @row_pitch(%a: tensor<1x32x19x19xf32>, %b: tensor<1x32x27x27xf32>) -> (tensor<1x128x19x19xf32>, tensor<1x128x27x27xf32>) {
  %w = ov.constant dense<1.0> : tensor<128x32x3x3xf32>
  %0 = ov.convolution %a, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x19x19xf32>, tensor<128x32x3x3xf32>) -> tensor<1x128x19x19xf32>
  %1 = ov.convolution %b, %w {strides = array<i64: 1, 1>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x27x27xf32>, tensor<128x32x3x3xf32>) -> tensor<1x128x27x27xf32>
  return %0, %1 : tensor<1x128x19x19xf32>, tensor<1x128x27x27xf32>
}
