// RUN: ovc-opt --split-input-file --ovc-contiguous-innermost-loop %s | FileCheck %s

// A convolution iterates (n, f, oh, c, kh, kw, ow): the output's contiguous
// ow loop is innermost, each output still sums c, kh, kw in order.
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d6)>
// CHECK-LABEL: func @conv
// CHECK: linalg.generic
// CHECK-SAME: #[[OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]
// CHECK-SAME: ovc.kernel = "conv_2d_nchw_fchw"
func.func @conv(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %o: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %r = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32>) outs(%o : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %r : tensor<1x8x4x4xf32>
}

// -----

// A matmul generic becomes (m, k, n).
// CHECK-LABEL: func @matmul
// CHECK: iterator_types = ["parallel", "reduction", "parallel"]
#mapA = affine_map<(m, n, k) -> (m, k)>
#mapB = affine_map<(m, n, k) -> (k, n)>
#mapC = affine_map<(m, n, k) -> (m, n)>
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = linalg.generic {indexing_maps = [#mapA, #mapB, #mapC], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<2x3xf32>, tensor<3x4xf32>) outs(%c : tensor<2x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// Left alone: element-wise ops, and row reductions (their input's last
// dimension is the reduced one: moving rows innermost would read across
// rows).
// CHECK-LABEL: func @untouched
// CHECK: iterator_types = ["parallel"]
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK-NOT: ovc.kernel
#id = affine_map<(i) -> (i)>
#in = affine_map<(i, j) -> (i, j)>
#out = affine_map<(i, j) -> (i)>
func.func @untouched(%x: tensor<8xf32>, %o: tensor<8xf32>, %m: tensor<4x8xf32>, %r: tensor<4xf32>) -> (tensor<8xf32>, tensor<4xf32>) {
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%o : tensor<8xf32>) {
  ^bb0(%v: f32, %out: f32):
    %n = arith.negf %v : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  %s = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "reduction"]}
      ins(%m : tensor<4x8xf32>) outs(%r : tensor<4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %a = arith.addf %v, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  return %e, %s : tensor<8xf32>, tensor<4xf32>
}
