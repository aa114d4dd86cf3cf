// RUN: ovc-opt %s --ovc-cpu-approximate-exp | FileCheck %s

// f32 exp, scalar or vector, becomes arithmetic (range reduction, a
// polynomial in FMAs, exponent bits); f64 exp and other math functions
// stay for LLVM and libm.
// CHECK-LABEL: func @exp_f32
// CHECK-NOT: math.exp
// CHECK: math.fma
// CHECK: arith.shli
// CHECK: return
func.func @exp_f32(%x: f32) -> f32 {
  %y = math.exp %x : f32
  return %y : f32
}

// CHECK-LABEL: func @exp_vector
// CHECK-NOT: math.exp
// CHECK: math.fma {{.*}} : vector<8xf32>
func.func @exp_vector(%x: vector<8xf32>) -> vector<8xf32> {
  %y = math.exp %x : vector<8xf32>
  return %y : vector<8xf32>
}

// CHECK-LABEL: func @others_kept
// CHECK: math.exp %{{.*}} : f64
// CHECK: math.log %{{.*}} : f32
// CHECK: math.tanh %{{.*}} : f32
func.func @others_kept(%x: f64, %z: f32) -> (f64, f32, f32) {
  %y = math.exp %x : f64
  %l = math.log %z : f32
  %t = math.tanh %z : f32
  return %y, %l, %t : f64, f32, f32
}
