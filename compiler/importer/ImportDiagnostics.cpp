//===- ImportDiagnostics.cpp - error reporting for the importer -----------===//

#include "compiler/importer/ImportDiagnostics.h"

using namespace ovc::importer;

void ImportDiagnostics::error(const llvm::Twine &message, unsigned line,
                              unsigned column) {
  ++errorCount;
  os << "error: " << xmlPath;
  if (line) {
    os << ":" << line;
    if (column)
      os << ":" << column;
  }
  os << ": " << message << "\n";
  os.flush();
}

void ImportDiagnostics::error(const LayerRef &layer,
                              const llvm::Twine &message) {
  ++errorCount;
  os << "error: " << xmlPath;
  if (layer.line)
    os << ":" << layer.line;
  os << ": layer id=" << layer.id << " name='" << layer.name << "' type='"
     << layer.type << "'";
  if (!layer.opset.empty())
    os << " (" << layer.opset << ")";
  os << ": " << message << "\n";
  os.flush();
}

void ImportDiagnostics::fileError(llvm::StringRef path,
                                  const llvm::Twine &message) {
  ++errorCount;
  os << "error: " << path << ": " << message << "\n";
  os.flush();
}
