// RUN: ovc-opt %s -ov-specialize-batch=batch=4 | FileCheck %s
// RUN: not ovc-opt %s -ov-specialize-batch=batch=0 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: batch must be >= 1, got 0

// CHECK-LABEL: func @dynamic_batch
// CHECK-SAME: (%{{.*}}: tensor<4x3x8x8xf32>) -> tensor<4x192xf32>
func.func @dynamic_batch(%x: tensor<?x3x8x8xf32>) -> tensor<?x192xf32> {
  // CHECK-DAG: %[[SHAPE:.*]] = ov.constant dense<[4, 192]>
  // CHECK-DAG: %[[RELU:.*]] = ov.relu %{{.*}} -> tensor<4x3x8x8xf32>
  %0 = ov.relu %x : (tensor<?x3x8x8xf32>) -> tensor<?x3x8x8xf32>
  // The shape sub-graph that read the batch folds to a constant.
  %s = ov.shape_of %0 {output_type = i64} : (tensor<?x3x8x8xf32>) -> tensor<4xi64>
  %i = ov.constant dense<[0]> : tensor<1xi64>
  %ax = ov.constant dense<0> : tensor<i64>
  %n = ov.gather %s, %i, %ax : (tensor<4xi64>, tensor<1xi64>, tensor<i64>) -> tensor<1xi64>
  %c = ov.constant dense<[192]> : tensor<1xi64>
  %shape = ov.concat %n, %c {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  // CHECK-NOT: ov.shape_of
  // CHECK: ov.reshape %[[RELU]], %[[SHAPE]] {{.*}} -> tensor<4x192xf32>
  %r = ov.reshape %0, %shape {special_zero = false} : (tensor<?x3x8x8xf32>, tensor<2xi64>) -> tensor<?x192xf32>
  return %r : tensor<?x192xf32>
}

// CHECK-LABEL: func @static_untouched
// CHECK-SAME: tensor<2x3xf32>
func.func @static_untouched(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
