// RUN: ovc-opt --split-input-file --ovc-collapse-reduction-loops %s | FileCheck %s

// A global average pool's sum over H and W becomes one 196-long loop: the
// input's H and W are collapsed, and the kept 1x1 dims of the output,
// indexed by constants, are dropped from a collapsed view of the init.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @spatial_sum
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x14x14xf32>, %[[O:.*]]: tensor<1x8x1x1xf32>)
// CHECK-DAG: %[[INIT:.*]] = tensor.collapse_shape %[[O]] {{\[}}[0], [1, 2, 3]] : tensor<1x8x1x1xf32> into tensor<1x8xf32>
// CHECK-DAG: %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1], [2, 3]] : tensor<1x8x14x14xf32> into tensor<1x8x196xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[FLAT]] : tensor<1x8x196xf32>) outs(%[[INIT]] : tensor<1x8xf32>)
// CHECK-SAME: ovc.kernel = "pool"
// CHECK: arith.addf {{.*}} fastmath<reassoc>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[SUM]] {{\[}}[0], [1, 2, 3]] output_shape [1, 8, 1, 1]
// CHECK: return %[[R]]
#in = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#kept = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
func.func @spatial_sum(%x: tensor<1x8x14x14xf32>, %o: tensor<1x8x1x1xf32>) -> tensor<1x8x1x1xf32> {
  %r = linalg.generic {indexing_maps = [#in, #kept], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : tensor<1x8x14x14xf32>) outs(%o : tensor<1x8x1x1xf32>) attrs = {ovc.kernel = "pool"} {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  } -> tensor<1x8x1x1xf32>
  return %r : tensor<1x8x1x1xf32>
}

// -----

// A reduction over every dimension writes a rank-0 view of its 1x1x1 init.
// CHECK-LABEL: func @total
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1x1x1xf32> into tensor<f32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1, 1, 1] : tensor<f32> into tensor<1x1x1xf32>
#all = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#none = affine_map<(d0, d1, d2) -> (0, 0, 0)>
func.func @total(%x: tensor<2x3x4xf32>, %o: tensor<1x1x1xf32>) -> tensor<1x1x1xf32> {
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%x : tensor<2x3x4xf32>) outs(%o : tensor<1x1x1xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.maximumf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<1x1x1xf32>
  return %r : tensor<1x1x1xf32>
}

// -----

// An init without constants is collapsed as it is (rows of a matrix
// summed over their last two dims).
// CHECK-LABEL: func @rank_reduced
// CHECK-NOT: tensor.expand_shape
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-SAME: ins(%{{.*}} : tensor<4x30xf32>) outs(%{{.*}} : tensor<4xf32>)
#in3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row = affine_map<(d0, d1, d2) -> (d0)>
func.func @rank_reduced(%x: tensor<4x5x6xf32>, %o: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [#in3, #row], iterator_types = ["parallel", "reduction", "reduction"]}
      ins(%x : tensor<4x5x6xf32>) outs(%o : tensor<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// Left alone: reduced dims that are not adjacent (axes 1 and 3), and a
// convolution, whose input reads oh + kh and ow + kw.
// CHECK-LABEL: func @apart
// CHECK-NOT: collapse_shape
// CHECK: iterator_types = ["parallel", "reduction", "parallel", "reduction"]
#in4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#apart = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, 0)>
func.func @apart(%x: tensor<2x3x4x5xf32>, %o: tensor<2x1x4x1xf32>) -> tensor<2x1x4x1xf32> {
  %r = linalg.generic {indexing_maps = [#in4, #apart], iterator_types = ["parallel", "reduction", "parallel", "reduction"]}
      ins(%x : tensor<2x3x4x5xf32>) outs(%o : tensor<2x1x4x1xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  } -> tensor<2x1x4x1xf32>
  return %r : tensor<2x1x4x1xf32>
}

// CHECK-LABEL: func @conv
// CHECK-NOT: collapse_shape
// CHECK: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]
#cx = affine_map<(n, f, oh, c, kh, kw, ow) -> (n, c, oh + kh, ow + kw)>
#cw = affine_map<(n, f, oh, c, kh, kw, ow) -> (f, c, kh, kw)>
#co = affine_map<(n, f, oh, c, kh, kw, ow) -> (n, f, oh, ow)>
func.func @conv(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %o: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %r = linalg.generic {indexing_maps = [#cx, #cw, #co], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%x, %w : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32>) outs(%o : tensor<1x8x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x8x4x4xf32>
  return %r : tensor<1x8x4x4xf32>
}
