//===- ModelInterface.h - what a compiled model looks like from C -*- C++
//-*-===//
//
// The inputs and outputs of the model function (names, element types,
// shapes), read from the ov-level function before bufferization, and the C
// glue that describes them to the runtime stub as an `ovc_model_info`.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_LINK_MODELINTERFACE_H
#define OVC_COMPILER_LINK_MODELINTERFACE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>
#include <vector>

namespace ovc::link {

struct TensorInterface {
  std::string name;      // what users call it (see ovc_runtime.h)
  std::string layerName; // Parameter / Result layer
  std::string type;      // runtime enum spelling, e.g. "OVC_F32"
  std::string irType;
  std::vector<int64_t> dims;
};

struct LayerInterface {
  std::string name, type, execType;
};

/// Weights kept outside the program (--weights=external).
struct ExternalWeights {
  std::string fileName; // looked up next to the program at run time
  uint64_t bytes = 0;
  uint64_t checksum = 0;
};

/// A layer split across threads (-ovc-outline-parallel-layers): the glue
/// implements `<name>_run(buffers...)` with ovc_parallel_for over `extent`
/// calls of the slice function `<name>(buffers..., begin, end)`.
struct ParallelPart {
  std::string name;
  int64_t buffers = 0;
  int64_t extent = 0;
};

struct ModelInterface {
  std::vector<LayerInterface> layers;
  std::vector<ParallelPart> parallelParts;
  std::optional<ExternalWeights> weights;
  /// Bytes of the activations arena the model function takes after its
  /// buffers (0: no arena argument).
  int64_t arenaBytes = 0;
  /// Multiply-adds of one inference in convolutions and MatMuls (see
  /// ovc_model_info.multiply_adds).
  int64_t multiplyAdds = 0;
  std::string modelName;
  std::string entrySymbol;
  std::vector<TensorInterface> inputs;
  std::vector<TensorInterface> outputs;
};

/// Reads the interface of the module's model function; fails (with a
/// diagnostic) on dynamic shapes or element types the runtime lacks.
mlir::FailureOr<ModelInterface> readModelInterface(mlir::ModuleOp module);

/// Writes the `ovc.weights` blob that -ovc-externalize-weights left on the
/// module to `path` (header + blob, see ovc_runtime.h) and drops it from
/// the module. A module without one gets an empty file.
mlir::FailureOr<ExternalWeights> writeExternalWeights(mlir::ModuleOp module,
                                                      llvm::StringRef path,
                                                      std::string &error);

/// Reads (and drops) the parallel parts the outlining pass listed.
void readParallelParts(mlir::ModuleOp module, ModelInterface &model);

/// Reads the arena size the memory plan gave the model function.
void readArena(mlir::ModuleOp module, ModelInterface &model);

/// Reads the layer table that the counter pass left on the module.
void readLayers(mlir::ModuleOp module, ModelInterface &model);

/// C source defining `const ovc_model_info <symbol>` for `isa`, and the
/// `<prefix>_layer_begin/end` counter functions.
std::string generateGlue(const ModelInterface &model, llvm::StringRef isa,
                         llvm::StringRef symbol, llvm::StringRef prefix);

/// A C identifier derived from the model name (for library symbols).
std::string symbolPrefix(const ModelInterface &model);

/// The public header of a model library: `extern const ovc_model_info
/// <prefix>_model;` with the model's inputs and outputs documented.
std::string generateHeader(const ModelInterface &model, llvm::StringRef isa,
                           llvm::StringRef symbol);

} // namespace ovc::link

#endif // OVC_COMPILER_LINK_MODELINTERFACE_H
