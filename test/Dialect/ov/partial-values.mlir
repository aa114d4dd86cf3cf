// RUN: ovc-opt %s | FileCheck %s
// Reshape targets built from the shape of a dynamic-batch tensor keep their
// static entries, as OpenVINO's partial value propagation does.

// CHECK-LABEL: func @flatten_dynamic_batch
// CHECK: ov.reshape {{.*}} -> tensor<?x32xf32>
func.func @flatten_dynamic_batch(%x: tensor<?x32x1x1xf32>) -> tensor<?x32xf32> {
  %s = ov.shape_of %x {output_type = i64} : (tensor<?x32x1x1xf32>) -> tensor<4xi64>
  %i = ov.constant dense<0> : tensor<1xi64>
  %ax = ov.constant dense<0> : tensor<i64>
  %n = ov.gather %s, %i, %ax : (tensor<4xi64>, tensor<1xi64>, tensor<i64>) -> tensor<1xi64>
  %c = ov.constant dense<32> : tensor<1xi64>
  %t = ov.concat %n, %c {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = ov.reshape %x, %t {special_zero = false} : (tensor<?x32x1x1xf32>, tensor<2xi64>) -> tensor<?x32xf32>
  return %r : tensor<?x32xf32>
}

// A -1 next to a run-time entry stays dynamic; known entries are kept.
// CHECK-LABEL: func @minus_one_with_unknown
// CHECK: ov.reshape {{.*}} -> tensor<?x4x?xf32>
func.func @minus_one_with_unknown(%x: tensor<?x8x6xf32>) -> tensor<?x4x?xf32> {
  %s = ov.shape_of %x {output_type = i64} : (tensor<?x8x6xf32>) -> tensor<3xi64>
  %i = ov.constant dense<0> : tensor<1xi64>
  %ax = ov.constant dense<0> : tensor<i64>
  %n = ov.gather %s, %i, %ax : (tensor<3xi64>, tensor<1xi64>, tensor<i64>) -> tensor<1xi64>
  %c = ov.constant dense<[4, -1]> : tensor<2xi64>
  %t = ov.concat %n, %c {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
  %r = ov.reshape %x, %t {special_zero = false} : (tensor<?x8x6xf32>, tensor<3xi64>) -> tensor<?x4x?xf32>
  return %r : tensor<?x4x?xf32>
}
