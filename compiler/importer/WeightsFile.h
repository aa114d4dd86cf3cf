//===- WeightsFile.h - the memory-mapped .bin of a model --------*- C++ -*-===//

#ifndef OVC_COMPILER_IMPORTER_WEIGHTSFILE_H
#define OVC_COMPILER_IMPORTER_WEIGHTSFILE_H

#include "compiler/importer/ImportDiagnostics.h"

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
#include <string>

namespace ovc::importer {

/// The weights file, opened on first use so that a model whose Consts are
/// all unused never needs it. Constants reference the mapping directly when
/// the file's alignment allows; the mapping lives as long as any of them.
class WeightsFile {
public:
  explicit WeightsFile(std::string path) : path(std::move(path)) {}

  /// Builds the attribute of a Const layer: `byteSize` bytes at `offset`
  /// holding a tensor of `type`. Checks both against the file's size and
  /// the tensor's size. Reports errors against `layer`.
  mlir::ElementsAttr makeConstant(mlir::RankedTensorType type, uint64_t offset,
                                  uint64_t byteSize, const LayerRef &layer,
                                  ImportDiagnostics &diags);

  const std::string &getPath() const { return path; }

private:
  bool open(const LayerRef &layer, ImportDiagnostics &diags);

  std::string path;
  std::shared_ptr<llvm::MemoryBuffer> buffer;
  bool openFailed = false;
};

} // namespace ovc::importer

#endif // OVC_COMPILER_IMPORTER_WEIGHTSFILE_H
