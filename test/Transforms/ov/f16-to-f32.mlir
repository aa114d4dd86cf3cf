// RUN: ovc-opt %s -ov-f16-to-f32 | FileCheck %s

// CHECK-LABEL: func @legacy_fp16
// CHECK-SAME: (%{{.*}}: tensor<1x3xf32> {ov.ir_element_type = f16, ov.name = "data"})
// CHECK-SAME: -> (tensor<1x3xf32> {ov.ir_element_type = f16})
func.func @legacy_fp16(%x: tensor<1x3xf16> {ov.name = "data"}) -> tensor<1x3xf16> {
  // CHECK: ov.constant {ov.layer_id = 7 : i64} dense<[5.000000e-01, 1.000000e+00, 1.500000e+00]> : tensor<3xf32>
  %c = ov.constant {ov.layer_id = 7 : i64} dense<[0.5, 1.0, 1.5]> : tensor<3xf16>
  // CHECK: ov.add {{.*}} -> tensor<1x3xf32>
  %y = ov.add %x, %c : (tensor<1x3xf16>, tensor<3xf16>) -> tensor<1x3xf16>
  // CHECK: ov.convert {{.*}}destination_type = f32
  %i = ov.convert %y {destination_type = i32} : (tensor<1x3xf16>) -> tensor<1x3xi32>
  %z = ov.convert %i {destination_type = f16} : (tensor<1x3xi32>) -> tensor<1x3xf16>
  return %z : tensor<1x3xf16>
}
