//===- Importer.h - OpenVINO IR to the ov dialect ---------------*- C++ -*-===//
//
// Reads model.xml/model.bin into a module holding one `func.func` of `ov`
// ops: Parameters become arguments, Results the returned values. Names are
// kept: every op's location is NameLoc(layer name, xml:line), ops carry
// `ov.layer_id` and `ov.tensor_names`, and arguments/results carry the IR's
// names as `ov.*` argument/result attributes.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_IMPORTER_IMPORTER_H
#define OVC_COMPILER_IMPORTER_IMPORTER_H

#include "compiler/importer/ImportDiagnostics.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace ovc::importer {

struct ImportOptions {
  std::string xmlPath;
  /// Empty: the .xml path with its extension replaced by .bin.
  std::string weightsPath;
};

/// Registers the dialects the importer produces.
void loadImporterDialects(mlir::MLIRContext &context);

/// Imports a model; returns null after reporting errors to `diags`.
mlir::OwningOpRef<mlir::ModuleOp> importModel(mlir::MLIRContext &context,
                                              const ImportOptions &options,
                                              ImportDiagnostics &diags);

/// Imports an XML held in memory (used by the fuzzer and unit tests).
mlir::OwningOpRef<mlir::ModuleOp>
importModelFromBuffer(mlir::MLIRContext &context,
                      std::unique_ptr<llvm::MemoryBuffer> xml,
                      llvm::StringRef weightsPath, ImportDiagnostics &diags);

/// The default weights path for an IR file (model.xml -> model.bin).
std::string defaultWeightsPath(llvm::StringRef xmlPath);

} // namespace ovc::importer

#endif // OVC_COMPILER_IMPORTER_IMPORTER_H
