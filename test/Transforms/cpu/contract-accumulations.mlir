// RUN: ovc-opt --split-input-file --ovc-contract-accumulations --linalg-generalize-named-ops %s | FileCheck %s
// RUN: ovc-opt --split-input-file --ovc-contract-accumulations=depthwise=true --linalg-generalize-named-ops %s | FileCheck %s --check-prefix=DEPTHWISE

// The multiply-accumulate of a convolution may become one FMA.
// CHECK-LABEL: func @conv
// CHECK: linalg.generic
// CHECK: arith.mulf {{.*}} fastmath<contract>
// CHECK: arith.addf {{.*}} fastmath<contract>
func.func @conv(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %o: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %r = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32>) outs(%o : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %r : tensor<1x8x4x4xf32>
}

// -----

// Accumulator on either side of the add.
// CHECK-LABEL: func @matmul_commuted
// CHECK: arith.mulf {{.*}} fastmath<contract>
// CHECK: arith.addf {{.*}} fastmath<contract>
#mapA = affine_map<(m, n, k) -> (m, k)>
#mapB = affine_map<(m, n, k) -> (k, n)>
#mapC = affine_map<(m, n, k) -> (m, n)>
func.func @matmul_commuted(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = linalg.generic {indexing_maps = [#mapA, #mapB, #mapC], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<2x3xf32>, tensor<3x4xf32>) outs(%c : tensor<2x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// Element-wise multiply-add (scale-shift, FakeQuantize's dequantization)
// keeps two roundings, as in the reference.
// CHECK-LABEL: func @scale_shift
// CHECK: arith.mulf
// CHECK-NOT: contract
// CHECK: return
#id = affine_map<(i) -> (i)>
func.func @scale_shift(%x: tensor<8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%x, %s, %b : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) outs(%o : tensor<8xf32>) {
  ^bb0(%v: f32, %m: f32, %a: f32, %out: f32):
    %p = arith.mulf %v, %m : f32
    %q = arith.addf %p, %a : f32
    linalg.yield %q : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// A reduction that adds something other than a product is left alone, and
// so is a depthwise convolution, unless asked for (depthwise=true).
// CHECK-LABEL: func @sum_and_depthwise
// CHECK-NOT: contract
// CHECK: return
// DEPTHWISE-LABEL: func @sum_and_depthwise
// DEPTHWISE: arith.addf %{{[a-z_0-9]+}}, %{{[a-z_0-9]+}} : f32
// DEPTHWISE: linalg.generic
// DEPTHWISE: arith.mulf {{.*}} fastmath<contract>
// DEPTHWISE: arith.addf {{.*}} fastmath<contract>
#in = affine_map<(i, j) -> (i, j)>
#out = affine_map<(i, j) -> (i)>
func.func @sum_and_depthwise(%x: tensor<4x8xf32>, %o: tensor<4xf32>, %d: tensor<1x4x6x6xf32>, %w: tensor<4x3x3xf32>, %do: tensor<1x4x4x4xf32>) -> (tensor<4xf32>, tensor<1x4x4x4xf32>) {
  %r = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%o : tensor<4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %dw = linalg.depthwise_conv_2d_nchw_chw ins(%d, %w : tensor<1x4x6x6xf32>, tensor<4x3x3xf32>) outs(%do : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %r, %dw : tensor<4xf32>, tensor<1x4x4x4xf32>
}
