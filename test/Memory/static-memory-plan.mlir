// RUN: ovc-opt %s -ovc-static-memory-plan | FileCheck %s

// %a and %b are live at the same time: different offsets. %c starts after
// %a's last use: it reuses offset 0. The arena is allocated once.
// CHECK-LABEL: func @plan
// CHECK-SAME: ovc.arena_bytes = 1088
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1088xi8>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<1088xi8> to memref<256xf32>
// CHECK: memref.view %[[ARENA]][%c1024{{.*}}][] : memref<1088xi8> to memref<16xf32>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<1088xi8> to memref<8xf32>
// CHECK: memref.dealloc %[[ARENA]]
// CHECK-NEXT: return
func.func @plan(%in: memref<256xf32>, %out: memref<8xf32>) {
  %a = memref.alloc() : memref<256xf32>
  linalg.copy ins(%in : memref<256xf32>) outs(%a : memref<256xf32>)
  %b = memref.alloc() : memref<16xf32>
  %sa = memref.subview %a[0] [16] [1] : memref<256xf32> to memref<16xf32, strided<[1]>>
  linalg.copy ins(%sa : memref<16xf32, strided<[1]>>) outs(%b : memref<16xf32>)
  %c = memref.alloc() : memref<8xf32>
  %sb = memref.subview %b[0] [8] [1] : memref<16xf32> to memref<8xf32, strided<[1]>>
  linalg.copy ins(%sb : memref<8xf32, strided<[1]>>) outs(%c : memref<8xf32>)
  linalg.copy ins(%c : memref<8xf32>) outs(%out : memref<8xf32>)
  return
}

// A buffer whose raw pointer goes to a kernel stays its own allocation and
// is freed after the call.
// CHECK-LABEL: func @escaping
// CHECK: %[[BUF:.*]] = memref.alloc() : memref<4xf32>
// CHECK: call @kernel
// CHECK-NEXT: memref.dealloc %[[BUF]]
func.func private @kernel(index)
func.func @escaping(%in: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  %p = memref.extract_aligned_pointer_as_index %a : memref<4xf32> -> index
  call @kernel(%p) : (index) -> ()
  return
}
