// RUN: ovc-opt --split-input-file --ovc-cpu-matmul-k-major-weights %s | FileCheck %s

// A fully connected layer: B [N=3, K=2] used transposed becomes the constant
// [K=2, N=3] used as is.
// CHECK-LABEL: func @fully_connected
// CHECK: %[[W:.*]] = ov.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK: ov.matmul %arg0, %[[W]] :
// CHECK-NOT: transpose_b
func.func @fully_connected(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = ov.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %y = ov.matmul %x, %w {transpose_b = true} : (tensor<1x2xf32>, tensor<3x2xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// Batched weights: each matrix is transposed on its own.
// CHECK-LABEL: func @batched
// CHECK: ov.constant dense<{{\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]], {{\[\[}}5.000000e+00, 7.000000e+00], [6.000000e+00, 8.000000e+00]]]> : tensor<2x2x2xf32>
func.func @batched(%x: tensor<2x1x2xf32>) -> tensor<2x1x2xf32> {
  %w = ov.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %y = ov.matmul %x, %w {transpose_b = true} : (tensor<2x1x2xf32>, tensor<2x2x2xf32>) -> tensor<2x1x2xf32>
  return %y : tensor<2x1x2xf32>
}

// -----

// Left alone: B not transposed, B not a constant, B a vector.
// CHECK-LABEL: func @left_alone
// CHECK: ov.matmul %arg0, %[[C:.*]] : (tensor<1x2xf32>, tensor<2x3xf32>)
// CHECK: ov.matmul %arg0, %arg1 {transpose_b = true}
// CHECK: ov.matmul %arg0, %[[V:.*]] {transpose_b = true} : (tensor<1x2xf32>, tensor<2xf32>)
func.func @left_alone(%x: tensor<1x2xf32>, %b: tensor<3x2xf32>) -> (tensor<1x3xf32>, tensor<1x3xf32>, tensor<1xf32>) {
  %w = ov.constant dense<1.0> : tensor<2x3xf32>
  %y = ov.matmul %x, %w : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  %z = ov.matmul %x, %b {transpose_b = true} : (tensor<1x2xf32>, tensor<3x2xf32>) -> tensor<1x3xf32>
  %v = ov.constant dense<2.0> : tensor<2xf32>
  %u = ov.matmul %x, %v {transpose_b = true} : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1xf32>
  return %y, %z, %u : tensor<1x3xf32>, tensor<1x3xf32>, tensor<1xf32>
}
