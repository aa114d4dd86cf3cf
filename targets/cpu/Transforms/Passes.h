//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//

#ifndef OVC_TARGETS_CPU_TRANSFORMS_PASSES_H
#define OVC_TARGETS_CPU_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Pass/Pass.h"
#include "targets/cpu/IR/CPUDialect.h"

namespace ovc::cpu {

#define GEN_PASS_DECL
#include "targets/cpu/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "targets/cpu/Transforms/Passes.h.inc"

} // namespace ovc::cpu

#endif // OVC_TARGETS_CPU_TRANSFORMS_PASSES_H
