//===- ConstantFolding.h - folding helpers for ov ops -----------*- C++ -*-===//
//
// The ov folders evaluate shape sub-graphs (ShapeOf -> Gather -> Concat ->
// Reshape and friends) at import time. They only touch small dense
// constants: weights stay untouched for the dedicated decompression passes.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_DIALECTS_OV_IR_CONSTANTFOLDING_H
#define OVC_DIALECTS_OV_IR_CONSTANTFOLDING_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::ov {

/// Folders never produce constants larger than this many elements.
constexpr int64_t kMaxFoldedElements = 4096;

/// A dense constant small enough to fold, or null.
DenseElementsAttr getFoldableConstant(Attribute attr);

/// True when `type` is static and small enough to be a folded result.
bool isFoldableResultType(Type type);

/// Evaluates a broadcasting binary op on two dense constants. `intFn` may
/// return nullopt to refuse (division by zero).
Attribute
foldBinary(Attribute lhs, Attribute rhs, Type resultType,
           llvm::function_ref<std::optional<llvm::APInt>(const llvm::APInt &,
                                                         const llvm::APInt &)>
               intFn,
           llvm::function_ref<llvm::APFloat(const llvm::APFloat &,
                                            const llvm::APFloat &)>
               floatFn);

/// Gathers `source` elements: result element i is source element
/// `indexOf(i)` (flat indices).
DenseElementsAttr gatherElements(DenseElementsAttr source,
                                 RankedTensorType resultType,
                                 llvm::function_ref<int64_t(int64_t)> indexOf);

/// Row-major strides of a static shape.
llvm::SmallVector<int64_t> computeStrides(ArrayRef<int64_t> shape);

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_IR_CONSTANTFOLDING_H
