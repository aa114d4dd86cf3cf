// RUN: ovc-opt %s -split-input-file -ovc-produce-into-slices | FileCheck %s

// A Concat of two kernel outputs along channels (batch of one): each kernel
// writes its slice of the Concat's buffer, whose allocation moves up; the
// copies go. The second kernel's pointer gets the slice's byte offset
// (8 channels x 16 floats x 4 bytes).
// CHECK-LABEL: func @concat_of_kernels
// CHECK: %[[WHOLE:.*]] = memref.alloc() : memref<1x16x4x4xf32>
// CHECK: %[[FIRST:.*]] = memref.subview %[[WHOLE]][0, 0, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] {ovc.in_place}
// CHECK: %[[BASE1:.*]], %{{.*}}, %{{.*}}:4, %{{.*}}:4 = memref.extract_strided_metadata %[[FIRST]]
// CHECK: %[[PTR1:.*]] = memref.extract_aligned_pointer_as_index %[[BASE1]]
// CHECK: call @kernel(%[[PTR1]])
// CHECK: %[[SECOND:.*]] = memref.subview %[[WHOLE]][0, 8, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] {ovc.in_place}
// CHECK: %[[BASE2:.*]], %{{.*}}, %{{.*}}:4, %{{.*}}:4 = memref.extract_strided_metadata %[[SECOND]]
// CHECK: %[[ALIGNED2:.*]] = memref.extract_aligned_pointer_as_index %[[BASE2]]
// CHECK: %[[BYTES:.*]] = arith.constant 512 : index
// CHECK: %[[PTR2:.*]] = arith.addi %[[ALIGNED2]], %[[BYTES]]
// CHECK: call @kernel(%[[PTR2]])
// CHECK-NOT: linalg.copy
// CHECK: linalg.copy ins(%[[WHOLE]]
func.func private @kernel(index)
func.func @concat_of_kernels(%out: memref<1x16x4x4xf32>) {
  %a = memref.alloc() : memref<1x8x4x4xf32>
  %base_a, %off_a, %sizes_a:4, %strides_a:4 = memref.extract_strided_metadata %a : memref<1x8x4x4xf32> -> memref<f32>, index, index, index, index, index, index, index, index, index
  %pa = memref.extract_aligned_pointer_as_index %base_a : memref<f32> -> index
  call @kernel(%pa) : (index) -> ()
  %b = memref.alloc() : memref<1x8x4x4xf32>
  %base_b, %off_b, %sizes_b:4, %strides_b:4 = memref.extract_strided_metadata %b : memref<1x8x4x4xf32> -> memref<f32>, index, index, index, index, index, index, index, index, index
  %pb = memref.extract_aligned_pointer_as_index %base_b : memref<f32> -> index
  call @kernel(%pb) : (index) -> ()
  %whole = memref.alloc() : memref<1x16x4x4xf32>
  %s0 = memref.subview %whole[0, 0, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] : memref<1x16x4x4xf32> to memref<1x8x4x4xf32, strided<[256, 16, 4, 1]>>
  linalg.copy ins(%a : memref<1x8x4x4xf32>) outs(%s0 : memref<1x8x4x4xf32, strided<[256, 16, 4, 1]>>)
  %s1 = memref.subview %whole[0, 8, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] : memref<1x16x4x4xf32> to memref<1x8x4x4xf32, strided<[256, 16, 4, 1], offset: 128>>
  linalg.copy ins(%b : memref<1x8x4x4xf32>) outs(%s1 : memref<1x8x4x4xf32, strided<[256, 16, 4, 1], offset: 128>>)
  linalg.copy ins(%whole : memref<1x16x4x4xf32>) outs(%out : memref<1x16x4x4xf32>)
  return
}

// -----

// With a batch of two, a channel slice is not dense: the copy stays.
// CHECK-LABEL: func @batch_of_two
// CHECK: linalg.copy ins(%[[A:.*]] : memref<2x8x4x4xf32>)
// CHECK-NOT: ovc.in_place
func.func private @kernel(index)
func.func @batch_of_two(%out: memref<2x16x4x4xf32>) {
  %a = memref.alloc() : memref<2x8x4x4xf32>
  %base_a, %off_a, %sizes_a:4, %strides_a:4 = memref.extract_strided_metadata %a : memref<2x8x4x4xf32> -> memref<f32>, index, index, index, index, index, index, index, index, index
  %pa = memref.extract_aligned_pointer_as_index %base_a : memref<f32> -> index
  call @kernel(%pa) : (index) -> ()
  %s0 = memref.subview %out[0, 0, 0, 0] [2, 8, 4, 4] [1, 1, 1, 1] : memref<2x16x4x4xf32> to memref<2x8x4x4xf32, strided<[256, 16, 4, 1]>>
  linalg.copy ins(%a : memref<2x8x4x4xf32>) outs(%s0 : memref<2x8x4x4xf32, strided<[256, 16, 4, 1]>>)
  return
}

// -----

// The source is read after the copy (its pointer reaches a later call):
// writing the slice early would change nothing here, but a later write to
// the slice could, so the copy stays.
// CHECK-LABEL: func @source_read_after_copy
// CHECK: linalg.copy
// CHECK-NOT: ovc.in_place
func.func private @kernel(index)
func.func @source_read_after_copy(%out: memref<1x16x4x4xf32>) {
  %a = memref.alloc() : memref<1x8x4x4xf32>
  %base_a, %off_a, %sizes_a:4, %strides_a:4 = memref.extract_strided_metadata %a : memref<1x8x4x4xf32> -> memref<f32>, index, index, index, index, index, index, index, index, index
  %pa = memref.extract_aligned_pointer_as_index %base_a : memref<f32> -> index
  call @kernel(%pa) : (index) -> ()
  %s0 = memref.subview %out[0, 0, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] : memref<1x16x4x4xf32> to memref<1x8x4x4xf32, strided<[256, 16, 4, 1]>>
  linalg.copy ins(%a : memref<1x8x4x4xf32>) outs(%s0 : memref<1x8x4x4xf32, strided<[256, 16, 4, 1]>>)
  call @kernel(%pa) : (index) -> ()
  return
}

// -----

// The whole buffer is read between the producer and the copy (it held
// something else before): the slice cannot be written early.
// CHECK-LABEL: func @whole_read_in_between
// CHECK: linalg.copy ins(%{{.*}} : memref<1x8x4x4xf32>)
// CHECK-NOT: ovc.in_place
func.func private @kernel(index)
func.func @whole_read_in_between(%in: memref<1x16x4x4xf32>, %out: memref<1x16x4x4xf32>) {
  %whole = memref.alloc() : memref<1x16x4x4xf32>
  linalg.copy ins(%in : memref<1x16x4x4xf32>) outs(%whole : memref<1x16x4x4xf32>)
  %a = memref.alloc() : memref<1x8x4x4xf32>
  %base_a, %off_a, %sizes_a:4, %strides_a:4 = memref.extract_strided_metadata %a : memref<1x8x4x4xf32> -> memref<f32>, index, index, index, index, index, index, index, index, index
  %pa = memref.extract_aligned_pointer_as_index %base_a : memref<f32> -> index
  call @kernel(%pa) : (index) -> ()
  linalg.copy ins(%whole : memref<1x16x4x4xf32>) outs(%out : memref<1x16x4x4xf32>)
  %s0 = memref.subview %whole[0, 0, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] : memref<1x16x4x4xf32> to memref<1x8x4x4xf32, strided<[256, 16, 4, 1]>>
  linalg.copy ins(%a : memref<1x8x4x4xf32>) outs(%s0 : memref<1x8x4x4xf32, strided<[256, 16, 4, 1]>>)
  return
}

// -----

// A loop-computed input (linalg.generic) writes the slice directly too, and
// the model's output argument can be the whole buffer.
// CHECK-LABEL: func @generic_into_output
// CHECK-SAME: %[[IN:.*]]: memref<1x8x4x4xf32>, %[[OUT:.*]]: memref<1x16x4x4xf32>
// CHECK: %[[SLICE:.*]] = memref.subview %[[OUT]][0, 8, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] {ovc.in_place}
// CHECK: linalg.generic {{.*}} ins(%[[IN]] : memref<1x8x4x4xf32>) outs(%[[SLICE]]
// CHECK-NOT: linalg.copy
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @generic_into_output(%in: memref<1x8x4x4xf32>, %out: memref<1x16x4x4xf32>) {
  %a = memref.alloc() : memref<1x8x4x4xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%in : memref<1x8x4x4xf32>) outs(%a : memref<1x8x4x4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %r = arith.negf %x : f32
    linalg.yield %r : f32
  }
  %s1 = memref.subview %out[0, 8, 0, 0] [1, 8, 4, 4] [1, 1, 1, 1] : memref<1x16x4x4xf32> to memref<1x8x4x4xf32, strided<[256, 16, 4, 1], offset: 128>>
  linalg.copy ins(%a : memref<1x8x4x4xf32>) outs(%s1 : memref<1x8x4x4xf32, strided<[256, 16, 4, 1], offset: 128>>)
  return
}
