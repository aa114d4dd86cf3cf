//===- ModelFunction.h - the function a module's model is -------*- C++ -*-===//
//
// The importer gives every module one function with a body: the model.
// Other functions are kernel declarations, or slices that late passes
// outline from the model.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_PIPELINE_MODELFUNCTION_H
#define OVC_COMPILER_PIPELINE_MODELFUNCTION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace ovc::pipeline {

/// The module's only function with a body, or null when there is none or
/// several (after outlining).
inline mlir::func::FuncOp findModelFunction(mlir::ModuleOp module) {
  mlir::func::FuncOp model;
  for (auto func : module.getOps<mlir::func::FuncOp>()) {
    if (func.isExternal())
      continue;
    if (model)
      return nullptr;
    model = func;
  }
  return model;
}

} // namespace ovc::pipeline

#endif // OVC_COMPILER_PIPELINE_MODELFUNCTION_H
