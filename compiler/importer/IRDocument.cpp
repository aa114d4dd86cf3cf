//===- IRDocument.cpp - validated view of an OpenVINO IR XML --------------===//

#include "compiler/importer/IRDocument.h"
#include "compiler/importer/AttributeParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace ovc::importer;
using llvm::formatv;

/// IR XML files beyond this size are rejected before parsing.
static constexpr uint64_t kMaxXmlBytes = uint64_t(1) << 30;
/// Tensors of higher rank are rejected (OpenVINO itself stops far earlier
/// in practice).
static constexpr size_t kMaxRank = 16;

std::optional<unsigned> Layer::outputIndex(uint64_t portId) const {
  for (auto [i, port] : llvm::enumerate(outputs))
    if (port.id == portId)
      return i;
  return std::nullopt;
}

std::optional<unsigned> Layer::inputIndex(uint64_t portId) const {
  for (auto [i, port] : llvm::enumerate(inputs))
    if (port.id == portId)
      return i;
  return std::nullopt;
}

unsigned IRDocument::lineOf(pugi::xml_node node) const {
  ptrdiff_t offset = node.offset_debug();
  if (offset < 0)
    return 0;
  auto it =
      std::upper_bound(lineStarts.begin(), lineStarts.end(), size_t(offset));
  return unsigned(it - lineStarts.begin());
}

std::unique_ptr<IRDocument> IRDocument::load(llvm::StringRef xmlPath,
                                             ImportDiagnostics &diags) {
  auto buffer = llvm::MemoryBuffer::getFile(xmlPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    diags.error("cannot read the model: " + buffer.getError().message());
    return nullptr;
  }
  return parse(std::move(*buffer), diags);
}

/// Splits a `names` attribute on unescaped commas; `\,` is a literal comma.
static std::vector<std::string> splitTensorNames(llvm::StringRef text) {
  std::vector<std::string> names;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ',') {
      current += ',';
      ++i;
    } else if (text[i] == ',') {
      names.push_back(llvm::StringRef(current).trim().str());
      current.clear();
    } else {
      current += text[i];
    }
  }
  if (!llvm::StringRef(current).trim().empty())
    names.push_back(llvm::StringRef(current).trim().str());
  return names;
}

std::unique_ptr<IRDocument>
IRDocument::parse(std::unique_ptr<llvm::MemoryBuffer> buffer,
                  ImportDiagnostics &diags) {
  if (buffer->getBufferSize() > kMaxXmlBytes) {
    diags.error(formatv("the model file is {0} bytes, more than the 1 GiB "
                        "that ovc accepts",
                        buffer->getBufferSize()));
    return nullptr;
  }
  auto doc = std::unique_ptr<IRDocument>(new IRDocument());
  doc->buffer = std::move(buffer);
  llvm::StringRef text = doc->buffer->getBuffer();
  doc->lineStarts.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      doc->lineStarts.push_back(i + 1);

  // parse_default does not process DOCTYPE declarations, so there is no
  // entity expansion beyond the five predefined entities.
  pugi::xml_parse_result parsed = doc->xml.load_buffer(
      text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    size_t offset = std::min<size_t>(parsed.offset, text.size());
    auto it = std::upper_bound(doc->lineStarts.begin(), doc->lineStarts.end(),
                               offset);
    unsigned line = unsigned(it - doc->lineStarts.begin());
    unsigned column = unsigned(offset - *(it - 1)) + 1;
    diags.error(llvm::Twine("malformed XML: ") + parsed.description(), line,
                column);
    return nullptr;
  }
  pugi::xml_node net = doc->xml.child("net");
  if (!net) {
    diags.error("not an OpenVINO IR: the root element is not <net>");
    return nullptr;
  }
  doc->netName = net.attribute("name").as_string("model");
  llvm::StringRef version = net.attribute("version").as_string();
  std::optional<int64_t> irVersion = parseInteger(version);
  if (!irVersion || (*irVersion != 10 && *irVersion != 11)) {
    diags.error(llvm::Twine("unsupported IR version '") + version +
                    "': ovc reads IR v10 and v11",
                doc->lineOf(net));
    return nullptr;
  }
  doc->irVersion = int(*irVersion);
  if (!doc->parseLayers(net, diags) || !doc->parseEdges(net, diags) ||
      !doc->computeOrder(diags))
    return nullptr;
  return doc;
}

/// Reads one <port>.
static bool parsePort(pugi::xml_node portNode, Port &port, unsigned line,
                      const LayerRef &layer, ImportDiagnostics &diags) {
  port.line = line;
  std::optional<int64_t> id =
      parseInteger(portNode.attribute("id").as_string());
  if (!id || *id < 0) {
    diags.error(layer, formatv("port at line {0} has a missing or invalid id "
                               "'{1}'",
                               line, portNode.attribute("id").as_string()));
    return false;
  }
  port.id = uint64_t(*id);
  port.precision = portNode.attribute("precision").as_string();
  for (pugi::xml_node dim : portNode.children("dim")) {
    std::optional<int64_t> value = parseInteger(dim.text().as_string());
    if (!value || *value < -1) {
      diags.error(layer, formatv("port {0} has an invalid dim '{1}'", port.id,
                                 dim.text().as_string()));
      return false;
    }
    port.dims.push_back(*value);
    if (port.dims.size() > kMaxRank) {
      diags.error(
          layer, formatv("port {0} has more than {1} dims", port.id, kMaxRank));
      return false;
    }
  }
  if (pugi::xml_attribute names = portNode.attribute("names"))
    port.names = splitTensorNames(names.as_string());
  return true;
}

bool IRDocument::parseLayers(pugi::xml_node net, ImportDiagnostics &diags) {
  pugi::xml_node layersNode = net.child("layers");
  if (!layersNode) {
    diags.error("<net> has no <layers> element", lineOf(net));
    return false;
  }
  llvm::DenseMap<uint64_t, unsigned> seenIds;
  for (pugi::xml_node node : layersNode.children("layer")) {
    Layer layer;
    layer.node = node;
    layer.line = lineOf(node);
    layer.name = node.attribute("name").as_string();
    layer.type = node.attribute("type").as_string();
    layer.opset = node.attribute("version").as_string();
    llvm::StringRef idText = node.attribute("id").as_string();
    std::optional<int64_t> id = parseInteger(idText);
    if (!id || *id < 0) {
      diags.error(formatv("layer '{0}' has a missing or invalid id '{1}'",
                          layer.name, idText),
                  layer.line);
      return false;
    }
    layer.id = uint64_t(*id);
    if (layer.type.empty()) {
      diags.error(layer.ref(), "the layer has no type");
      return false;
    }
    auto [it, inserted] = seenIds.try_emplace(layer.id, layers.size());
    if (!inserted) {
      diags.error(layer.ref(),
                  formatv("duplicate layer id {0} (first used at line {1})",
                          layer.id, layers[it->second].line));
      return false;
    }
    layer.data = node.child("data");
    LayerRef ref = layer.ref();
    llvm::DenseMap<uint64_t, bool> portIds;
    auto readPorts = [&](const char *group, llvm::SmallVectorImpl<Port> &out) {
      for (pugi::xml_node portNode : node.child(group).children("port")) {
        Port port;
        if (!parsePort(portNode, port, lineOf(portNode), ref, diags))
          return false;
        if (!portIds.try_emplace(port.id, true).second) {
          diags.error(ref, formatv("duplicate port id {0}", port.id));
          return false;
        }
        out.push_back(std::move(port));
      }
      return true;
    };
    if (!readPorts("input", layer.inputs) ||
        !readPorts("output", layer.outputs))
      return false;
    if (irVersion >= 11)
      for (pugi::xml_node attr : node.child("rt_info").children("attribute"))
        layer.rtInfo.push_back(attr.attribute("name").as_string());
    layers.push_back(std::move(layer));
  }
  if (layers.empty()) {
    diags.error("the model has no layers", lineOf(layersNode));
    return false;
  }
  return true;
}

bool IRDocument::parseEdges(pugi::xml_node net, ImportDiagnostics &diags) {
  llvm::DenseMap<uint64_t, unsigned> byId;
  for (auto [i, layer] : llvm::enumerate(layers))
    byId[layer.id] = i;
  sources.resize(layers.size());
  for (auto [i, layer] : llvm::enumerate(layers))
    sources[i].resize(layer.inputs.size());

  for (pugi::xml_node edge : net.child("edges").children("edge")) {
    unsigned line = lineOf(edge);
    std::optional<int64_t> values[4];
    const char *names[4] = {"from-layer", "from-port", "to-layer", "to-port"};
    for (int k = 0; k < 4; ++k) {
      values[k] = parseInteger(edge.attribute(names[k]).as_string());
      if (!values[k] || *values[k] < 0) {
        diags.error(formatv("edge has a missing or invalid '{0}' ('{1}')",
                            names[k], edge.attribute(names[k]).as_string()),
                    line);
        return false;
      }
    }
    auto from = byId.find(uint64_t(*values[0]));
    auto to = byId.find(uint64_t(*values[2]));
    if (from == byId.end() || to == byId.end()) {
      diags.error(formatv("edge refers to layer id {0}, which does not exist",
                          from == byId.end() ? *values[0] : *values[2]),
                  line);
      return false;
    }
    const Layer &producer = layers[from->second];
    const Layer &consumer = layers[to->second];
    std::optional<unsigned> out = producer.outputIndex(uint64_t(*values[1]));
    if (!out) {
      diags.error(producer.ref(),
                  formatv("edge at line {0} leaves from port {1}, which is not "
                          "an output port of this layer",
                          line, *values[1]));
      return false;
    }
    std::optional<unsigned> in = consumer.inputIndex(uint64_t(*values[3]));
    if (!in) {
      diags.error(consumer.ref(),
                  formatv("edge at line {0} enters port {1}, which is not an "
                          "input port of this layer",
                          line, *values[3]));
      return false;
    }
    auto &slot = sources[to->second][*in];
    if (slot) {
      diags.error(consumer.ref(),
                  formatv("input port {0} is fed by two edges (second one at "
                          "line {1})",
                          *values[3], line));
      return false;
    }
    slot = Source{from->second, *out};
  }
  return true;
}

bool IRDocument::computeOrder(ImportDiagnostics &diags) {
  for (auto [i, layer] : llvm::enumerate(layers)) {
    std::string type = llvm::StringRef(layer.type).lower();
    if (type == "parameter")
      parameters.push_back(i);
    else if (type == "result")
      results.push_back(i);
  }
  if (results.empty()) {
    diags.error("the model has no Result layer");
    return false;
  }
  // Iterative DFS post-order from each Result (OpenVINO's reader order),
  // so that deep graphs cannot overflow the stack.
  enum State : uint8_t { Unvisited, InProgress, Done };
  std::vector<State> state(layers.size(), Unvisited);
  for (unsigned p : parameters) {
    state[p] = Done;
    order.push_back(p);
  }
  for (unsigned root : results) {
    if (state[root] == Done)
      continue;
    std::vector<std::pair<unsigned, unsigned>> stack = {{root, 0}};
    state[root] = InProgress;
    while (!stack.empty()) {
      auto &[layer, next] = stack.back();
      if (next == layers[layer].inputs.size()) {
        state[layer] = Done;
        order.push_back(layer);
        stack.pop_back();
        continue;
      }
      unsigned inputIndex = next++;
      const std::optional<Source> &source = sources[layer][inputIndex];
      if (!source) {
        diags.error(layers[layer].ref(),
                    formatv("input port {0} is not connected to any layer",
                            layers[layer].inputs[inputIndex].id));
        return false;
      }
      unsigned producer = source->layer;
      if (state[producer] == InProgress) {
        diags.error(layers[producer].ref(),
                    "the graph has a cycle through this layer");
        return false;
      }
      if (state[producer] == Unvisited) {
        state[producer] = InProgress;
        stack.push_back({producer, 0});
      }
    }
  }
  return true;
}
