// RUN: ovc-opt %s -split-input-file -ovc-static-memory-plan | FileCheck %s

// %a and %b are live at the same time: different offsets. %c starts after
// %a's last use: it reuses offset 0. The arena is the caller's: a trailing
// argument, never allocated or freed here.
// CHECK-LABEL: func @plan
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<1088xi8> {ovc.arena}
// CHECK-SAME: ovc.arena_bytes = 1088
// CHECK-NOT: memref.alloc
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<1088xi8> to memref<256xf32>
// CHECK: memref.view %[[ARENA]][%c1024{{.*}}][] : memref<1088xi8> to memref<16xf32>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<1088xi8> to memref<8xf32>
// CHECK-NOT: memref.dealloc
// CHECK: return
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

// -----

// Buffers whose raw pointers go to kernels are placed too, and live until
// the call: %b cannot reuse %a's bytes, which the second call reads. Each
// pointer is the arena's plus the buffer's offset (folding the pointer read
// through the view would lose the offset).
// CHECK-LABEL: func @kernel_pointers
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<80xi8> {ovc.arena}
// CHECK: %[[OFF_A:.*]] = arith.constant 64 : index
// CHECK: %[[BASE_A:.*]] = memref.extract_aligned_pointer_as_index %[[ARENA]]
// CHECK: %[[PTR_A:.*]] = arith.addi %[[BASE_A]], %[[OFF_A]]
// CHECK: %[[OFF_B:.*]] = arith.constant 0 : index
// CHECK: %[[BASE_B:.*]] = memref.extract_aligned_pointer_as_index %[[ARENA]]
// CHECK: %[[PTR_B:.*]] = arith.addi %[[BASE_B]], %[[OFF_B]]
// CHECK: call @kernel(%[[PTR_A]])
// CHECK: %[[META:.*]] = memref.extract_strided_metadata
// CHECK: call @kernel2(%[[PTR_B]], %[[PTR_A]])
// CHECK-NOT: memref.dealloc
func.func private @kernel(index)
func.func private @kernel2(index, index)
func.func @kernel_pointers(%in: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  %b = memref.alloc() : memref<16xf32>
  %p = memref.extract_aligned_pointer_as_index %a : memref<4xf32> -> index
  call @kernel(%p) : (index) -> ()
  %base, %offset, %size, %stride = memref.extract_strided_metadata %b : memref<16xf32> -> memref<f32>, index, index, index
  %q = memref.extract_aligned_pointer_as_index %base : memref<f32> -> index
  call @kernel2(%q, %p) : (index, index) -> ()
  return
}

// -----

// A pointer taken through a subview is the buffer's aligned pointer too
// (the subview's offset is in its metadata): the buffer is placed, and the
// pointer re-derived as the arena's plus the buffer's offset.
// CHECK-LABEL: func @pointer_through_view
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<32xi8> {ovc.arena}
// CHECK-NOT: memref.alloc
// CHECK: %[[OFF:.*]] = arith.constant 0 : index
// CHECK: %[[BASE:.*]] = memref.extract_aligned_pointer_as_index %[[ARENA]]
// CHECK: %[[PTR:.*]] = arith.addi %[[BASE]], %[[OFF]]
// CHECK: call @kernel(%[[PTR]])
// CHECK-NOT: memref.dealloc
func.func private @kernel(index)
func.func @pointer_through_view(%in: memref<4xf32>) {
  %a = memref.alloc() : memref<8xf32>
  %s = memref.subview %a[4] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 4>>
  linalg.copy ins(%in : memref<4xf32>) outs(%s : memref<4xf32, strided<[1], offset: 4>>)
  %p = memref.extract_aligned_pointer_as_index %s : memref<4xf32, strided<[1], offset: 4>> -> index
  call @kernel(%p) : (index) -> ()
  return
}

// -----

// So is one taken through a reshape (a pixel shuffle's transposed output,
// collapsed to NCHW for a kernel): the buffer is placed, not allocated and
// freed on every run.
// CHECK-LABEL: func @pointer_through_reshape
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<64xi8> {ovc.arena}
// CHECK-NOT: memref.alloc
// CHECK: %[[OFF:.*]] = arith.constant 0 : index
// CHECK: %[[VIEW:.*]] = memref.view %[[ARENA]]
// CHECK: %[[BASE:.*]] = memref.extract_aligned_pointer_as_index %[[ARENA]]
// CHECK: %[[PTR:.*]] = arith.addi %[[BASE]], %[[OFF]]
// CHECK: memref.collapse_shape %[[VIEW]]
// CHECK: call @kernel(%[[PTR]])
// CHECK-NOT: memref.dealloc
func.func private @kernel(index)
func.func @pointer_through_reshape(%in: memref<2x2x2x2xf32>) {
  %a = memref.alloc() : memref<2x2x2x2xf32>
  linalg.copy ins(%in : memref<2x2x2x2xf32>) outs(%a : memref<2x2x2x2xf32>)
  %r = memref.collapse_shape %a [[0, 1], [2, 3]] : memref<2x2x2x2xf32> into memref<4x4xf32>
  %base, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %r : memref<4x4xf32> -> memref<f32>, index, index, index, index, index
  %p = memref.extract_aligned_pointer_as_index %base : memref<f32> -> index
  call @kernel(%p) : (index) -> ()
  return
}
