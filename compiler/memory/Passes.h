//===- Passes.h - ovc buffer-level passes -----------------------*- C++ -*-===//

#ifndef OVC_COMPILER_MEMORY_PASSES_H
#define OVC_COMPILER_MEMORY_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Pass/Pass.h"

namespace ovc::memory {

#define GEN_PASS_DECL
#include "compiler/memory/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/memory/Passes.h.inc"

} // namespace ovc::memory

#endif // OVC_COMPILER_MEMORY_PASSES_H
