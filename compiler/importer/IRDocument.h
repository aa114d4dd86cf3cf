//===- IRDocument.h - validated view of an OpenVINO IR XML -----*- C++ -*-===//
//
// Parses `model.xml` with pugixml into layers, ports and edges, and checks
// the graph's structure (unique ids, existing ports, one edge per input,
// no cycles) before any op is built. Every problem is reported with the XML
// line and the layer's id, name and type.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_IMPORTER_IRDOCUMENT_H
#define OVC_COMPILER_IMPORTER_IRDOCUMENT_H

#include "compiler/importer/ImportDiagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <pugixml.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ovc::importer {

struct Port {
  uint64_t id = 0;
  /// Dims written in the XML (-1 = dynamic); a hint that shape inference
  /// checks, never trusted.
  llvm::SmallVector<int64_t, 4> dims;
  std::string precision;
  /// Tensor names (`names` attribute, v11), unescaped.
  std::vector<std::string> names;
  unsigned line = 0;
};

struct Layer {
  uint64_t id = 0;
  std::string name;
  std::string type;
  std::string opset; // e.g. "opset8"
  unsigned line = 0;
  pugi::xml_node node;
  pugi::xml_node data; // may be empty
  llvm::SmallVector<Port, 4> inputs;
  llvm::SmallVector<Port, 2> outputs;
  /// v11 rt_info attribute names of the layer (e.g. "decompression").
  llvm::SmallVector<std::string, 2> rtInfo;

  LayerRef ref() const { return {id, name, type, opset, line}; }
  /// Position of output port `portId` in `outputs`, or nullopt.
  std::optional<unsigned> outputIndex(uint64_t portId) const;
  std::optional<unsigned> inputIndex(uint64_t portId) const;
};

/// Where an input port takes its value from.
struct Source {
  unsigned layer;       // index into IRDocument::layers
  unsigned outputIndex; // position in that layer's outputs
};

class IRDocument {
public:
  /// Reads and checks `xmlPath`. Returns null after reporting an error.
  static std::unique_ptr<IRDocument> load(llvm::StringRef xmlPath,
                                          ImportDiagnostics &diags);
  /// Same, from an in-memory buffer (used by the fuzzer).
  static std::unique_ptr<IRDocument>
  parse(std::unique_ptr<llvm::MemoryBuffer> buffer, ImportDiagnostics &diags);

  std::string netName;
  int irVersion = 0;
  std::vector<Layer> layers;
  /// sources[layer][inputIndex] — every input of a used layer is fed.
  std::vector<llvm::SmallVector<std::optional<Source>, 4>> sources;
  /// Layers in a valid evaluation order: every layer reachable from a Result
  /// (inputs before users), Parameters included even when unused.
  std::vector<unsigned> order;
  /// Parameter and Result layers in XML order.
  std::vector<unsigned> parameters;
  std::vector<unsigned> results;

private:
  bool parseLayers(pugi::xml_node net, ImportDiagnostics &diags);
  bool parseEdges(pugi::xml_node net, ImportDiagnostics &diags);
  bool computeOrder(ImportDiagnostics &diags);
  unsigned lineOf(pugi::xml_node node) const;

  std::unique_ptr<llvm::MemoryBuffer> buffer;
  pugi::xml_document xml;
  std::vector<size_t> lineStarts;
};

} // namespace ovc::importer

#endif // OVC_COMPILER_IMPORTER_IRDOCUMENT_H
