// RUN: ovc-opt %s -ov-decompress-weights | FileCheck %s

// INT8 weights with zero point and scale become one f32 constant:
// (w - zp) * scale = ([[1, 2], [3, 4]] - 1) * [[0.5], [2]].
// CHECK-LABEL: func @int8_chain
// CHECK-NOT: ov.convert
// CHECK-NOT: ov.subtract
// CHECK: %[[W:.*]] = ov.constant dense<{{\[\[}}0.000000e+00, 5.000000e-01], [4.000000e+00, 6.000000e+00]]> : tensor<2x2xf32>
// CHECK: ov.matmul %arg0, %[[W]]
func.func @int8_chain(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %q = ov.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>
  %f = ov.convert %q {destination_type = f32, decompression} : (tensor<2x2xi8>) -> tensor<2x2xf32>
  %zp = ov.constant dense<1.0> : tensor<f32>
  %c = ov.subtract %f, %zp : (tensor<2x2xf32>, tensor<f32>) -> tensor<2x2xf32>
  %s = ov.constant dense<[[0.5], [2.0]]> : tensor<2x1xf32>
  %w = ov.multiply %c, %s : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x2xf32>
  %y = ov.matmul %x, %w {transpose_b = true} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// f16 weights: exact widening; large results are blobs named after the layer.
// CHECK-LABEL: func @f16_blob
// CHECK: ov.constant dense_resource<w_conv_weights> : tensor<4x2x3x3xf32>
// CHECK-NOT: ov.convert
func.func @f16_blob(%x: tensor<1x2x5x5xf32>) -> tensor<1x4x3x3xf32> {
  %w = ov.constant dense<1.5> : tensor<4x2x3x3xf16>
  %f = ov.convert %w {destination_type = f32, decompression} : (tensor<4x2x3x3xf16>) -> tensor<4x2x3x3xf32> loc("conv/weights")
  %y = ov.convolution %x, %f {strides = array<i64: 1, 1>, pads_begin = array<i64: 0, 0>, pads_end = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// Activations are not touched.
// CHECK-LABEL: func @activation
// CHECK: ov.convert %arg0
// CHECK: ov.multiply
func.func @activation(%x: tensor<4xf16>) -> tensor<4xf32> {
  %f = ov.convert %x {destination_type = f32} : (tensor<4xf16>) -> tensor<4xf32>
  %s = ov.constant dense<2.0> : tensor<f32>
  %y = ov.multiply %f, %s : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
