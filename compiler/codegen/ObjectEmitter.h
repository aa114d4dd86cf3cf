//===- ObjectEmitter.h - LLVM dialect to machine code -----------*- C++ -*-===//
//
// Translates the LLVM-dialect module to LLVM IR, optimizes it at O3 for the
// chosen ISA and emits an object file or assembly through LLVM's
// TargetMachine. Any ISA can be targeted from any host.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_CODEGEN_OBJECTEMITTER_H
#define OVC_COMPILER_CODEGEN_OBJECTEMITTER_H

#include "targets/cpu/IsaTable.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace ovc::codegen {

enum class OutputKind { LLVMIR, Assembly, Object };

/// Translates and optimizes; returns null and sets `error` on failure.
std::unique_ptr<llvm::Module> translateAndOptimize(mlir::ModuleOp module,
                                                   llvm::LLVMContext &context,
                                                   targets::cpu::Isa isa,
                                                   std::string &error);

/// Writes `module` as LLVM IR, assembly or an object file.
bool emit(llvm::Module &module, targets::cpu::Isa isa, OutputKind kind,
          llvm::raw_pwrite_stream &os, std::string &error);

} // namespace ovc::codegen

#endif // OVC_COMPILER_CODEGEN_OBJECTEMITTER_H
