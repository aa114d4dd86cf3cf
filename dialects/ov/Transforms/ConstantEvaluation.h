//===- ConstantEvaluation.h - reading and writing weight tensors -*- C++
//-*-===//
//
// Compile-time evaluation over whole weight tensors (any size, dense or
// blob-backed), used by the weight-decompression pass: read any stored
// element type as f32, compute with numpy broadcasting, and store the result
// as a new constant (a blob when large).
//
//===----------------------------------------------------------------------===//

#ifndef OVC_DIALECTS_OV_TRANSFORMS_CONSTANTEVALUATION_H
#define OVC_DIALECTS_OV_TRANSFORMS_CONSTANTEVALUATION_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <vector>

namespace mlir::ov {

/// The values of a constant as f32, whatever its element type (f32, f16,
/// bf16, f64, signed and unsigned integers of any width), or nullopt when
/// the attribute's storage is not readable.
std::optional<std::vector<float>> readAsF32(ElementsAttr attr);

/// The values of `value` as f32 when it is a constant (readAsF32), else
/// nullopt.
std::optional<std::vector<float>> constantAsF32(Value value);

/// An f32 constant of `type` holding `values`: `dense` when small, a
/// `dense_resource` blob named `name` otherwise.
ElementsAttr makeF32Constant(RankedTensorType type, std::vector<float> values,
                             StringRef name);

/// Element-wise `fn(a, b)` with numpy broadcasting of static shapes.
std::vector<float> broadcastBinary(ArrayRef<float> a, ArrayRef<int64_t> aShape,
                                   ArrayRef<float> b, ArrayRef<int64_t> bShape,
                                   ArrayRef<int64_t> outShape,
                                   function_ref<float(float, float)> fn);

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_TRANSFORMS_CONSTANTEVALUATION_H
