// RUN: ovc-opt --split-input-file --ovc-outline-parallel-layers=min-iterations=1000 %s | FileCheck %s

// The convolution (4096 points) is split along its longest parallel loop
// (f = 8 output channels; none has 16 iterations): its slice function takes
// each buffer once, noalias, and slices the operands that loop indexes; the
// model calls the runner the C interface implements. The small add stays.
// CHECK: module attributes {ovc.parallel_parts = [{buffers = 3 : i64, extent = 8 : i64, name = "model_part0"}]}
// CHECK: func.func private @model_part0_run(memref<1x4x6x6xf32>, memref<8x4x3x3xf32>, memref<1x8x4x4xf32>)
// CHECK-LABEL: func.func @model
// CHECK: call @model_part0_run(%arg0, %arg1, %arg2)
// CHECK-NOT: linalg.conv
// CHECK: linalg.generic
// CHECK: call @model_serial0(%arg4, %arg5, %arg6)
// CHECK-NOT: linalg.matmul
// CHECK: return
// CHECK-LABEL: func.func @model_part0(
// CHECK-SAME: llvm.noalias
// CHECK-SAME: %[[BEGIN:[a-z0-9]+]]: index, %[[END:[a-z0-9]+]]: index)
// CHECK: %[[SIZE:.*]] = arith.subi %[[END]], %[[BEGIN]]
// CHECK: memref.subview %{{.*}}[%[[BEGIN]], 0, 0, 0] [%[[SIZE]], 4, 3, 3] [1, 1, 1, 1]
// CHECK: memref.subview %{{.*}}[0, %[[BEGIN]], 0, 0] [1, %[[SIZE]], 4, 4] [1, 1, 1, 1]
// CHECK: linalg.conv_2d_nchw_fchw
// The small matmul (12 points) reduces: it is outlined whole, each buffer
// noalias (in the model all buffers view one arena, and LLVM kept its
// operands in memory), and called directly.
// CHECK-LABEL: func.func private @model_serial0(
// CHECK-SAME: %{{.*}}: memref<1x4xf32> {llvm.noalias}, %{{.*}}: memref<4x3xf32> {llvm.noalias}, %{{.*}}: memref<1x3xf32> {llvm.noalias})
// CHECK: linalg.matmul
// CHECK: return
func.func @model(%x: memref<1x4x6x6xf32>, %w: memref<8x4x3x3xf32>, %o: memref<1x8x4x4xf32>, %a: memref<4xf32>,
                 %m: memref<1x4xf32>, %n: memref<4x3xf32>, %mn: memref<1x3xf32>) {
  linalg.conv_2d_nchw_fchw ins(%x, %w : memref<1x4x6x6xf32>, memref<8x4x3x3xf32>) outs(%o : memref<1x8x4x4xf32>)
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%a : memref<4xf32>) outs(%a : memref<4xf32>) {
  ^bb0(%v: f32, %out: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  }
  linalg.matmul ins(%m, %n : memref<1x4xf32>, memref<4x3xf32>) outs(%mn : memref<1x3xf32>)
  return
}

// -----

// An image of 3 channels splits along its 40 rows, not its channels (2 + 1
// across 2 threads): the outermost loop of at least 16 iterations.
// CHECK: module attributes {ovc.parallel_parts = [{buffers = 2 : i64, extent = 40 : i64, name = "model_part0"}]}
// CHECK-LABEL: func.func @model_part0(
// CHECK-SAME: %[[BEGIN:[a-z0-9]+]]: index, %[[END:[a-z0-9]+]]: index)
// CHECK: %[[SIZE:.*]] = arith.subi %[[END]], %[[BEGIN]]
// CHECK: memref.subview %{{.*}}[0, 0, %[[BEGIN]], 0] [1, 3, %[[SIZE]], 30] [1, 1, 1, 1]
// CHECK: memref.subview %{{.*}}[0, 0, %[[BEGIN]], 0] [1, 3, %[[SIZE]], 30] [1, 1, 1, 1]
func.func @model(%x: memref<1x3x40x30xf32>, %y: memref<1x3x40x30xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w)>, affine_map<(n, c, h, w) -> (n, c, h, w)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<1x3x40x30xf32>) outs(%y : memref<1x3x40x30xf32>) {
  ^bb0(%v: f32, %out: f32):
    %s = arith.mulf %v, %v : f32
    linalg.yield %s : f32
  }
  return
}
