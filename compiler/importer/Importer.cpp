//===- Importer.cpp - OpenVINO IR to the ov dialect -----------------------===//

#include "compiler/importer/Importer.h"
#include "compiler/importer/IRDocument.h"
#include "compiler/importer/LayerBuilder.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

using namespace ovc::importer;
using namespace mlir;
using llvm::formatv;
namespace ov = mlir::ov;

void ovc::importer::loadImporterDialects(MLIRContext &context) {
  context.loadDialect<ov::OVDialect, func::FuncDialect>();
}

std::string ovc::importer::defaultWeightsPath(llvm::StringRef xmlPath) {
  llvm::SmallString<256> path(xmlPath);
  llvm::sys::path::replace_extension(path, ".bin");
  return std::string(path);
}

/// A C identifier for the model function.
static std::string functionName(llvm::StringRef netName) {
  std::string name;
  for (char c : netName)
    name += llvm::isAlnum(c) ? c : '_';
  if (name.empty() || llvm::isDigit(name[0]))
    name = "model_" + name;
  return name;
}

/// Resolves an opset name ("opset8") to the op version that opset holds.
static std::optional<int> resolveVersion(const Layer &layer,
                                         const LayerKind &kind,
                                         ImportDiagnostics &diags) {
  llvm::StringRef opset = layer.opset;
  int opsetNumber = 0;
  if (opset.empty()) {
    // Layers without a version attribute are opset1 in old IR v10 files.
    opsetNumber = 1;
  } else if (!opset.consume_front("opset") ||
             opset.getAsInteger(10, opsetNumber) || opsetNumber < 1) {
    diags.error(layer.ref(),
                formatv("unsupported opset '{0}' (ovc reads the standard "
                        "opset1..opset16 operations)",
                        layer.opset));
    return std::nullopt;
  }
  std::optional<int> chosen;
  for (int v : kind.versions)
    if (v <= opsetNumber)
      chosen = v;
  if (!chosen)
    diags.error(layer.ref(),
                formatv("{0} does not exist in opset{1} (it first appears in "
                        "opset{2})",
                        layer.type, opsetNumber, kind.versions.front()));
  return chosen;
}

namespace {
class ModelImporter {
public:
  ModelImporter(MLIRContext &context, IRDocument &doc, WeightsFile &weights,
                ImportDiagnostics &diags)
      : context(context), doc(doc), weights(weights), diags(diags),
        builder(&context) {}

  OwningOpRef<ModuleOp> run();

private:
  Location layerLoc(const Layer &layer) {
    return NameLoc::get(
        StringAttr::get(&context, layer.name),
        FileLineColLoc::get(&context, diags.path(), layer.line, 1));
  }
  FailureOr<Type> parameterType(const Layer &layer);
  LogicalResult importLayer(unsigned index);
  LogicalResult checkOutputs(const Layer &layer, ArrayRef<Value> results);
  void annotate(const Layer &layer, ArrayRef<Value> results);
  ArrayAttr namesAttr(const std::vector<std::string> &names) {
    SmallVector<Attribute> attrs;
    for (const std::string &name : names)
      attrs.push_back(StringAttr::get(&context, name));
    return ArrayAttr::get(&context, attrs);
  }

  MLIRContext &context;
  IRDocument &doc;
  WeightsFile &weights;
  ImportDiagnostics &diags;
  OpBuilder builder;
  const Layer *currentLayer = nullptr;
  std::vector<SmallVector<Value, 2>> values;
};
} // namespace

FailureOr<Type> ModelImporter::parameterType(const Layer &layer) {
  LayerAttributes attrs(layer, diags);
  std::string typeName;
  if (attrs.has("element_type"))
    typeName = *attrs.getString("element_type");
  else if (!layer.outputs.empty())
    typeName = layer.outputs[0].precision;
  std::string error;
  Type element = parseElementType(typeName, &context, error);
  if (!element) {
    diags.error(layer.ref(), "element_type: " + error);
    return failure();
  }
  SmallVector<int64_t> dims;
  if (attrs.has("shape")) {
    std::optional<SmallVector<int64_t>> shape =
        parsePartialShape(*attrs.getString("shape"), error);
    if (!shape) {
      diags.error(layer.ref(), "shape: " + error);
      return failure();
    }
    dims = *shape;
  } else if (!layer.outputs.empty()) {
    for (int64_t d : layer.outputs[0].dims)
      dims.push_back(d < 0 ? ShapedType::kDynamic : d);
  } else {
    diags.error(layer.ref(), "the Parameter has neither a shape nor an "
                             "output port");
    return failure();
  }
  SmallVector<Type> types;
  if (failed(ov::pushTensorType(std::nullopt, dims, element, types))) {
    diags.error(layer.ref(),
                "shape " + ov::formatShape(dims) + " is too large or invalid");
    return failure();
  }
  return types[0];
}

LogicalResult ModelImporter::checkOutputs(const Layer &layer,
                                          ArrayRef<Value> results) {
  if (results.size() != layer.outputs.size()) {
    diags.error(layer.ref(),
                formatv("the layer declares {0} output port(s) but {1}-{2} "
                        "has {3} output(s)",
                        layer.outputs.size(), layer.type, layer.opset,
                        results.size()));
    return failure();
  }
  for (auto [port, value] : llvm::zip(layer.outputs, results)) {
    auto type = cast<RankedTensorType>(value.getType());
    bool match = port.dims.size() == size_t(type.getRank());
    for (size_t i = 0; match && i < port.dims.size(); ++i) {
      int64_t declared = port.dims[i], inferred = type.getDimSize(i);
      if (declared >= 0 && !ShapedType::isDynamic(inferred) &&
          declared != inferred)
        match = false;
    }
    if (!match) {
      SmallVector<int64_t> declared;
      for (int64_t d : port.dims)
        declared.push_back(d < 0 ? ShapedType::kDynamic : d);
      diags.error(layer.ref(),
                  formatv("output port {0}: the IR declares shape {1} but "
                          "OpenVINO's shape rules give {2}",
                          port.id, ov::formatShape(declared),
                          ov::formatShape(type.getShape())));
      return failure();
    }
    // Port precisions are not checked: OpenVINO's reader ignores them, and
    // real files contradict the computed types (an FP32 port on an f16
    // DetectionOutput in IR v10 FP16 files, FP32 on MaxPool-8 indices).
  }
  return success();
}

void ModelImporter::annotate(const Layer &layer, ArrayRef<Value> results) {
  Location loc = layerLoc(layer);
  Operation *op = nullptr;
  for (Value v : results)
    if (Operation *def = v.getDefiningOp(); def && def->getLoc() == loc)
      op = def;
  if (!op || op->hasAttr("ov.layer_id"))
    return;
  op->setAttr("ov.layer_id", builder.getI64IntegerAttr(int64_t(layer.id)));
  op->setAttr("ov.layer_type", builder.getStringAttr(layer.type));
  bool anyNames = llvm::any_of(
      layer.outputs, [](const Port &port) { return !port.names.empty(); });
  if (anyNames && op->getNumResults() == layer.outputs.size()) {
    SmallVector<Attribute> perResult;
    for (const Port &port : layer.outputs)
      perResult.push_back(namesAttr(port.names));
    op->setAttr("ov.tensor_names", ArrayAttr::get(&context, perResult));
  }
}

LogicalResult ModelImporter::importLayer(unsigned index) {
  const Layer &layer = doc.layers[index];
  currentLayer = &layer;
  const LayerKind *kind = lookupLayerKind(layer.type);
  if (!kind) {
    diags.error(layer.ref(), formatv("unknown layer type '{0}'", layer.type));
    return failure();
  }
  std::optional<int> version = resolveVersion(layer, *kind, diags);
  if (!version)
    return failure();
  SmallVector<Value> inputs;
  for (const std::optional<Source> &source : doc.sources[index])
    inputs.push_back(values[source->layer][source->outputIndex]);
  LayerContext ctx(layer, *version, inputs, builder, layerLoc(layer), diags,
                   weights, doc.irVersion);
  FailureOr<Values> results = kind->build(ctx);
  if (failed(results))
    return failure();
  if (failed(checkOutputs(layer, *results)))
    return failure();
  annotate(layer, *results);
  values[index].assign(results->begin(), results->end());
  return success();
}

OwningOpRef<ModuleOp> ModelImporter::run() {
  // Route diagnostics raised by shape inference and verifiers through the
  // importer's reporter, with the layer being built as context.
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Error)
      return success();
    std::string message = diag.str();
    for (Diagnostic &note : diag.getNotes())
      message += "; " + note.str();
    if (currentLayer)
      diags.error(currentLayer->ref(), message);
    else
      diags.error(message);
    return success();
  });

  Location fileLoc = FileLineColLoc::get(&context, diags.path(), 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  (*module)->setAttr("ov.model_name", builder.getStringAttr(doc.netName));
  (*module)->setAttr("ov.ir_version", builder.getI64IntegerAttr(doc.irVersion));

  values.resize(doc.layers.size());
  SmallVector<Type> argTypes;
  SmallVector<DictionaryAttr> argAttrs;
  for (unsigned p : doc.parameters) {
    const Layer &layer = doc.layers[p];
    currentLayer = &layer;
    if (!layer.inputs.empty() || layer.outputs.size() != 1) {
      diags.error(layer.ref(), "a Parameter has no inputs and one output");
      return nullptr;
    }
    FailureOr<Type> type = parameterType(layer);
    if (failed(type))
      return nullptr;
    argTypes.push_back(*type);
    SmallVector<NamedAttribute> attrs = {
        builder.getNamedAttr("ov.name", builder.getStringAttr(layer.name)),
        builder.getNamedAttr("ov.layer_id",
                             builder.getI64IntegerAttr(int64_t(layer.id)))};
    if (!layer.outputs[0].names.empty())
      attrs.push_back(builder.getNamedAttr("ov.tensor_names",
                                           namesAttr(layer.outputs[0].names)));
    argAttrs.push_back(builder.getDictionaryAttr(attrs));
  }

  auto func = func::FuncOp::create(fileLoc, functionName(doc.netName),
                                   builder.getFunctionType(argTypes, {}));
  module->push_back(func);
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  for (auto [i, p] : llvm::enumerate(doc.parameters)) {
    BlockArgument arg = body->getArgument(i);
    arg.setLoc(layerLoc(doc.layers[p]));
    values[p] = {arg};
  }

  SmallVector<Value> returned;
  SmallVector<DictionaryAttr> resultAttrs;
  for (unsigned index : doc.order) {
    const Layer &layer = doc.layers[index];
    if (llvm::is_contained(doc.parameters, index))
      continue;
    if (llvm::StringRef(layer.type).equals_insensitive("result")) {
      currentLayer = &layer;
      if (layer.inputs.size() != 1 || !layer.outputs.empty()) {
        diags.error(layer.ref(), "a Result has one input and no outputs");
        return nullptr;
      }
      const Source &source = *doc.sources[index][0];
      values[index] = {values[source.layer][source.outputIndex]};
      continue;
    }
    if (failed(importLayer(index)))
      return nullptr;
  }
  for (unsigned r : doc.results) {
    const Layer &layer = doc.layers[r];
    const Source &source = *doc.sources[r][0];
    const Layer &producer = doc.layers[source.layer];
    returned.push_back(values[r][0]);
    std::string producerName = producer.name;
    if (producer.outputs.size() > 1)
      producerName += "." + std::to_string(source.outputIndex);
    SmallVector<NamedAttribute> attrs = {
        builder.getNamedAttr("ov.name", builder.getStringAttr(layer.name)),
        builder.getNamedAttr("ov.producer",
                             builder.getStringAttr(producerName))};
    const Port &port = producer.outputs[source.outputIndex];
    if (!port.names.empty())
      attrs.push_back(
          builder.getNamedAttr("ov.tensor_names", namesAttr(port.names)));
    resultAttrs.push_back(builder.getDictionaryAttr(attrs));
  }
  currentLayer = nullptr;
  builder.create<func::ReturnOp>(fileLoc, returned);
  func.setFunctionType(
      builder.getFunctionType(argTypes, ValueRange(returned).getTypes()));
  func.setAllArgAttrs(argAttrs);
  func.setAllResultAttrs(resultAttrs);
  if (failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> ovc::importer::importModelFromBuffer(
    MLIRContext &context, std::unique_ptr<llvm::MemoryBuffer> xml,
    llvm::StringRef weightsPath, ImportDiagnostics &diags) {
  loadImporterDialects(context);
  std::unique_ptr<IRDocument> doc = IRDocument::parse(std::move(xml), diags);
  if (!doc)
    return nullptr;
  WeightsFile weights(weightsPath.str());
  return ModelImporter(context, *doc, weights, diags).run();
}

OwningOpRef<ModuleOp> ovc::importer::importModel(MLIRContext &context,
                                                 const ImportOptions &options,
                                                 ImportDiagnostics &diags) {
  loadImporterDialects(context);
  std::unique_ptr<IRDocument> doc = IRDocument::load(options.xmlPath, diags);
  if (!doc)
    return nullptr;
  WeightsFile weights(options.weightsPath.empty()
                          ? defaultWeightsPath(options.xmlPath)
                          : options.weightsPath);
  return ModelImporter(context, *doc, weights, diags).run();
}
