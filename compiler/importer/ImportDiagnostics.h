//===- ImportDiagnostics.h - error reporting for the importer --*- C++ -*-===//
//
// All importer errors have one shape:
//   error: model.xml:42: layer id=7 name='conv1' type='Convolution'
//          (opset1): <what is wrong>
// so that a user can find the layer in the XML. MLIR diagnostics raised
// while a layer is being built (shape inference, verifiers) are routed here
// with the layer as context.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_IMPORTER_IMPORTDIAGNOSTICS_H
#define OVC_COMPILER_IMPORTER_IMPORTDIAGNOSTICS_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace ovc::importer {

/// Identifies a layer in messages.
struct LayerRef {
  uint64_t id = 0;
  std::string name;
  std::string type;
  std::string opset;
  unsigned line = 0;
};

class ImportDiagnostics {
public:
  ImportDiagnostics(std::string xmlPath, llvm::raw_ostream &os = llvm::errs())
      : xmlPath(std::move(xmlPath)), os(os) {}

  /// An error about the file as a whole (line 0 = no line).
  void error(const llvm::Twine &message, unsigned line = 0,
             unsigned column = 0);
  /// An error about one layer.
  void error(const LayerRef &layer, const llvm::Twine &message);
  /// An error about another file (the weights).
  void fileError(llvm::StringRef path, const llvm::Twine &message);

  bool hadError() const { return errorCount > 0; }
  unsigned numErrors() const { return errorCount; }
  const std::string &path() const { return xmlPath; }

private:
  std::string xmlPath;
  llvm::raw_ostream &os;
  unsigned errorCount = 0;
};

} // namespace ovc::importer

#endif // OVC_COMPILER_IMPORTER_IMPORTDIAGNOSTICS_H
