//===- Pipeline.h - ovc's compilation stages --------------------*- C++ -*-===//
//
// The stages of DESIGN.md's pipeline, each a pass pipeline over the module:
//   ov         shape specialization, f16 -> f32, weight decompression,
//              canonicalization (still the ov dialect)
//   linalg     ov -> linalg/tensor/arith/math, element-wise fusion
//   bufferize  one-shot bufferization, results as out-parameters,
//              ownership-based deallocation
//   llvm       loops, then the LLVM dialect with a bare-pointer C ABI:
//              void <model>(T *input0, ..., T *output0, ...)
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_PIPELINE_PIPELINE_H
#define OVC_COMPILER_PIPELINE_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace ovc::pipeline {

enum class Stage { Import, OV, Linalg, Bufferize, LLVM };

/// Parses a stage name (import, ov, linalg, bufferize, llvm).
std::optional<Stage> parseStage(llvm::StringRef name);
llvm::StringRef stageName(Stage stage);

struct PipelineOptions {
  /// The batch a dynamic batch dimension is compiled for.
  int64_t batch = 1;
  /// Place intermediates in one arena (else each buffer is freed after its
  /// last use).
  bool memoryPlan = true;
  /// Constants go to a weights blob read at run time (ovc.weights on the
  /// module) instead of the program.
  bool externalWeights = false;
  /// The CPU microkernel family (sse41, avx2, avx512) that computes the
  /// layers it covers; empty: generated loops for every layer.
  std::string ukernelFamily;
  /// With a microkernel family: 3x3 stride-1 convolutions where it pays go
  /// to its Winograd kernel (results round differently from the direct
  /// kernel's).
  bool winograd = true;
  /// Print the IR after every pass (for debugging).
  bool printIRAfterAll = false;
};

/// Registers the dialects every stage produces.
void registerPipelineDialects(mlir::DialectRegistry &registry);

/// Runs the stages after `done` up to and including `last`.
mlir::LogicalResult runPipeline(mlir::ModuleOp module, Stage done, Stage last,
                                const PipelineOptions &options);

} // namespace ovc::pipeline

#endif // OVC_COMPILER_PIPELINE_PIPELINE_H
