// RUN: ovc-opt --split-input-file --ovc-cpu-pool-ukernels=family=avx2 %s | FileCheck %s
// RUN: ovc-opt --split-input-file --ovc-cpu-pool-ukernels=family=avx512 %s | FileCheck %s --check-prefix=AVX512
// RUN: not ovc-opt --ovc-cpu-pool-ukernels=family=neon %s 2>&1 | FileCheck %s --check-prefix=FAMILY

// FAMILY: unknown microkernel family 'neon' (sse41, avx2, avx512)

// Ceil rounding: 112 -> 56 needs one more column and row of padding at the
// end, which the kernel clips like any padding.
// CHECK-LABEL: func @ceil_rounding
// CHECK: %[[Y:.*]] = ovc_cpu.max_pool2d %arg0
// CHECK-SAME: kernel = array<i64: 3, 3>
// CHECK-SAME: pads_begin = array<i64: 0, 0>, pads_end = array<i64: 1, 1>
// CHECK-SAME: strides = array<i64: 2, 2>
// CHECK-SAME: ukernel = "ovc_max_pool2d_f32_avx2"
// CHECK-SAME: -> tensor<1x4x56x56xf32>
// CHECK-NOT: ov.max_pool
// CHECK: return %[[Y]]
// AVX512: ukernel = "ovc_max_pool2d_f32_avx512"
func.func @ceil_rounding(%x: tensor<1x4x112x112xf32>) -> tensor<1x4x56x56xf32> {
  %y = ov.max_pool %x {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, kernel = array<i64: 3, 3>, dilations = array<i64: 1, 1>, rounding_type = #ov.rounding_type<ceil>} : (tensor<1x4x112x112xf32>) -> tensor<1x4x56x56xf32>
  return %y : tensor<1x4x56x56xf32>
}

// -----

// same_upper padding is resolved: 2 in total along each axis, the larger
// half at the end.
// CHECK-LABEL: func @same_upper
// CHECK: ovc_cpu.max_pool2d
// CHECK-SAME: pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>
func.func @same_upper(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %y = ov.max_pool %x {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, kernel = array<i64: 3, 3>, dilations = array<i64: 1, 1>, auto_pad = #ov.auto_pad<same_upper>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  return %y : tensor<1x2x8x8xf32>
}

// -----

// No padding and rows of at least two vectors: the kernel (16 floats with
// AVX2; AVX-512's 32 are more than this row).
// CHECK-LABEL: func @unpadded_wide
// CHECK: ovc_cpu.max_pool2d
// CHECK-SAME: pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>
// CHECK-SAME: -> tensor<1x2x3x16xf32>
// AVX512-LABEL: func @unpadded_wide
// AVX512: ov.max_pool
func.func @unpadded_wide(%x: tensor<1x2x7x33xf32>) -> tensor<1x2x3x16xf32> {
  %y = ov.max_pool %x {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, kernel = array<i64: 3, 3>, dilations = array<i64: 1, 1>} : (tensor<1x2x7x33xf32>) -> tensor<1x2x3x16xf32>
  return %y : tensor<1x2x3x16xf32>
}

// -----

// No padding and narrow rows: left to the loops, which are faster there.
// CHECK-LABEL: func @unpadded_left
// CHECK: ov.max_pool
// CHECK-NOT: ovc_cpu.max_pool2d
func.func @unpadded_left(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32> {
  %y = ov.max_pool %x {strides = array<i64: 2, 2>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, kernel = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// Not f32: left to the loops.
// CHECK-LABEL: func @f16_left
// CHECK: ov.max_pool
// CHECK-NOT: ovc_cpu.max_pool2d
func.func @f16_left(%x: tensor<1x2x8x8xf16>) -> tensor<1x2x4x4xf16> {
  %y = ov.max_pool %x {strides = array<i64: 2, 2>, pads_begin = array<i64: 1, 1>, pads_end = array<i64: 0, 0>, kernel = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf16>) -> tensor<1x2x4x4xf16>
  return %y : tensor<1x2x4x4xf16>
}
