//===- ModelInterface.cpp - what a compiled model looks like from C -------===//

#include "compiler/link/ModelInterface.h"
#include "compiler/pipeline/ModelFunction.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "ovc_runtime.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace ovc::link;

static std::optional<std::string> runtimeType(Type type) {
  if (type.isF32())
    return "OVC_F32";
  if (type.isF16())
    return "OVC_F16";
  if (type.isBF16())
    return "OVC_BF16";
  if (type.isF64())
    return "OVC_F64";
  if (type.isInteger(1))
    return "OVC_BOOL";
  if (auto integer = dyn_cast<IntegerType>(type)) {
    bool u = integer.isUnsigned();
    switch (integer.getWidth()) {
    case 8:
      return u ? "OVC_U8" : "OVC_I8";
    case 16:
      return u ? "OVC_U16" : "OVC_I16";
    case 32:
      return u ? "OVC_U32" : "OVC_I32";
    case 64:
      return u ? "OVC_U64" : "OVC_I64";
    }
  }
  return std::nullopt;
}

static FailureOr<TensorInterface> readTensor(func::FuncOp func, Type type,
                                             DictionaryAttr attrs, bool isInput,
                                             unsigned index) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  auto fail = [&](const Twine &why) {
    func.emitError() << (isInput ? "input " : "output ") << index << ": "
                     << why;
    return failure();
  };
  if (!tensor || !tensor.hasStaticShape())
    return fail("needs a static shape to be compiled (use --batch for a "
                "dynamic batch)");
  std::optional<std::string> element = runtimeType(tensor.getElementType());
  if (!element)
    return fail("element type is not supported by the runtime");
  TensorInterface t;
  t.type = *element;
  t.irType = *element;
  if (attrs) {
    if (auto ir = attrs.getAs<TypeAttr>("ov.ir_element_type"))
      if (auto irType = runtimeType(ir.getValue()))
        t.irType = *irType;
    if (auto name = attrs.getAs<StringAttr>("ov.name"))
      t.layerName = name.str();
    auto names = attrs.getAs<ArrayAttr>("ov.tensor_names");
    if (isInput) {
      t.name = t.layerName;
    } else if (names && !names.empty()) {
      t.name = cast<StringAttr>(names[0]).str();
    } else if (auto producer = attrs.getAs<StringAttr>("ov.producer")) {
      t.name = producer.str();
    }
  }
  if (t.name.empty())
    t.name = (isInput ? "input" : "output") + std::to_string(index);
  if (t.layerName.empty())
    t.layerName = t.name;
  t.dims.assign(tensor.getShape().begin(), tensor.getShape().end());
  return t;
}

/// Multiply-adds of the ov-level convolutions and MatMuls in `func`, all of
/// static shape by now (batch specialization ran). Ops are matched by name:
/// this library reads the module without depending on the ov dialect.
static int64_t countMultiplyAdds(func::FuncOp func) {
  int64_t total = 0;
  func.walk([&](Operation *op) {
    StringRef name = op->getName().getStringRef();
    bool conv = name == "ov.convolution",
         group = name == "ov.group_convolution";
    if ((!conv && !group && name != "ov.matmul") || op->getNumOperands() < 2 ||
        op->getNumResults() != 1)
      return;
    auto out = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    auto b = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
    auto a = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
    if (!out || !a || !b || !out.hasStaticShape() || !a.hasStaticShape() ||
        !b.hasStaticShape() || a.getRank() == 0)
      return;
    int64_t perOutput = 1;
    if (conv || group) {
      // Filters are [OC, C, K...] or [G, OC/G, C/G, K...].
      for (int64_t d : b.getShape().drop_front(group ? 2 : 1))
        perOutput *= d;
    } else {
      auto transposeA = op->getAttrOfType<BoolAttr>("transpose_a");
      bool transposed = transposeA && transposeA.getValue() && a.getRank() > 1;
      perOutput = a.getShape()[a.getRank() - (transposed ? 2 : 1)];
    }
    total += out.getNumElements() * perOutput;
  });
  return total;
}

FailureOr<ModelInterface> ovc::link::readModelInterface(ModuleOp module) {
  auto funcs = llvm::to_vector(module.getOps<func::FuncOp>());
  if (funcs.size() != 1 || funcs[0].isExternal())
    return module.emitError("expected exactly one model function");
  func::FuncOp func = funcs[0];
  ModelInterface model;
  if (auto name = module->getAttrOfType<StringAttr>("ov.model_name"))
    model.modelName = name.str();
  else
    model.modelName = func.getName().str();
  model.entrySymbol = func.getName().str();
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    FailureOr<TensorInterface> t =
        readTensor(func, type, func.getArgAttrDict(i), true, i);
    if (failed(t))
      return failure();
    model.inputs.push_back(*t);
  }
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    FailureOr<TensorInterface> t =
        readTensor(func, type, func.getResultAttrDict(i), false, i);
    if (failed(t))
      return failure();
    model.outputs.push_back(*t);
  }
  model.multiplyAdds = countMultiplyAdds(func);
  return model;
}

/// A C string literal (escapes quotes, backslashes and non-printables).
static std::string cString(llvm::StringRef text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 32 || c >= 127) {
      char buf[8];
      snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

void ovc::link::readArena(ModuleOp module, ModelInterface &model) {
  func::FuncOp func = ovc::pipeline::findModelFunction(module);
  if (!func)
    return;
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (func.getArgAttr(i, "ovc.arena"))
      model.arenaBytes =
          cast<MemRefType>(func.getArgument(i).getType()).getNumElements();
}

void ovc::link::readLayers(ModuleOp module, ModelInterface &model) {
  auto table = module->getAttrOfType<ArrayAttr>("ovc.layers");
  if (!table)
    return;
  for (Attribute entry : table) {
    auto fields = cast<ArrayAttr>(entry);
    model.layers.push_back({cast<StringAttr>(fields[0]).str(),
                            cast<StringAttr>(fields[1]).str(),
                            cast<StringAttr>(fields[2]).str()});
  }
}

std::string ovc::link::generateGlue(const ModelInterface &model,
                                    llvm::StringRef isa, llvm::StringRef symbol,
                                    llvm::StringRef prefix) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* Generated by ovc: the interface of model " << model.modelName
     << ". */\n#include \"ovc_runtime.h\"\n\n#include <time.h>\n\n";
  size_t total = model.inputs.size() + model.outputs.size();
  os << "extern void " << model.entrySymbol << "(";
  bool arena = model.arenaBytes > 0;
  for (size_t i = 0; i < total; ++i)
    os << (i ? ", " : "") << "void *";
  if (arena)
    os << (total ? ", " : "") << "void *";
  if (model.weights)
    os << (total || arena ? ", " : "") << "const void *";
  os << ");\n\nstatic void invoke(void *const *b, const void *weights, "
        "void *arena) {\n  "
     << model.entrySymbol << "(";
  for (size_t i = 0; i < total; ++i)
    os << (i ? ", " : "") << "b[" << i << "]";
  if (arena)
    os << (total ? ", " : "") << "arena";
  if (model.weights)
    os << (total || arena ? ", " : "") << "weights";
  os << ");\n"
     << (model.weights ? "" : "  (void)weights;\n")
     << (arena ? "" : "  (void)arena;\n") << "}\n\n";
  auto emitGroup = [&](const std::vector<TensorInterface> &tensors,
                       llvm::StringRef group) {
    for (auto [i, t] : llvm::enumerate(tensors)) {
      os << "static const int64_t " << group << "_dims_" << i << "[] = {";
      for (auto [k, d] : llvm::enumerate(t.dims))
        os << (k ? ", " : "") << d;
      if (t.dims.empty())
        os << "1";
      os << "};\n";
    }
    os << "static const ovc_tensor_info " << group << "[] = {\n";
    for (auto [i, t] : llvm::enumerate(tensors))
      os << "    {" << cString(t.name) << ", " << cString(t.layerName) << ", "
         << t.type << ", " << t.irType << ", " << t.dims.size() << ", " << group
         << "_dims_" << i << "},\n";
    if (tensors.empty())
      os << "    {0}\n";
    os << "};\n";
  };
  emitGroup(model.inputs, "inputs");
  emitGroup(model.outputs, "outputs");
  // Per-layer counters, called around each layer's code.
  size_t layerCount = std::max<size_t>(model.layers.size(), 1);
  os << "\nstatic const ovc_layer_info layers[] = {\n";
  for (const LayerInterface &l : model.layers)
    os << "    {" << cString(l.name) << ", " << cString(l.type) << ", "
       << cString(l.execType) << "},\n";
  if (model.layers.empty())
    os << "    {0}\n";
  os << "};\nstatic uint64_t layer_ns[" << layerCount
     << "];\nstatic uint64_t layer_calls[" << layerCount
     << "];\nstatic uint64_t layer_start[" << layerCount << "];\n\n"
     << "static uint64_t now_ns(void) {\n  struct timespec ts;\n"
     << "  clock_gettime(CLOCK_MONOTONIC, &ts);\n"
     << "  return (uint64_t)ts.tv_sec * 1000000000u + "
        "(uint64_t)ts.tv_nsec;\n}\n"
     << "void " << prefix << "_layer_begin(int32_t id) {\n"
     << "  layer_start[id] = now_ns();\n}\n"
     << "void " << prefix << "_layer_end(int32_t id) {\n"
     << "  layer_ns[id] += now_ns() - layer_start[id];\n"
     << "  ++layer_calls[id];\n}\n";
  // Layers split across threads: one thunk and runner per part.
  for (const ParallelPart &part : model.parallelParts) {
    os << "\nextern void " << part.name << "(";
    for (int64_t i = 0; i < part.buffers; ++i)
      os << "void *, ";
    os << "int64_t, int64_t);\nstatic void " << part.name
       << "_slice(void *context, int64_t begin, int64_t end) {\n"
       << "  void **b = (void **)context;\n  " << part.name << "(";
    for (int64_t i = 0; i < part.buffers; ++i)
      os << "b[" << i << "], ";
    os << "begin, end);\n}\nvoid " << part.name << "_run(";
    for (int64_t i = 0; i < part.buffers; ++i)
      os << (i ? ", " : "") << "void *p" << i;
    os << ") {\n  void *b[] = {";
    for (int64_t i = 0; i < part.buffers; ++i)
      os << (i ? ", " : "") << "p" << i;
    os << "};\n  ovc_parallel_for(" << part.extent << ", 1, " << part.name
       << "_slice, b);\n}\n";
  }
  os << "\nconst ovc_model_info " << symbol << " = {\n    "
     << cString(model.modelName) << ", " << cString(isa) << ", "
     << model.inputs.size() << ", " << model.outputs.size()
     << ", inputs, outputs, invoke,\n    " << model.layers.size()
     << ", layers, layer_ns, layer_calls,\n    ";
  if (model.weights)
    os << cString(model.weights->fileName) << ", " << model.weights->bytes
       << "ull, " << model.weights->checksum << "ull";
  else
    os << "0, 0, 0";
  os << ", " << model.arenaBytes << "ull, " << model.multiplyAdds << "ull};\n";
  return text;
}

std::string ovc::link::symbolPrefix(const ModelInterface &model) {
  // The importer already made the model function's name a C identifier
  // from the model name.
  return model.entrySymbol;
}

std::string ovc::link::generateHeader(const ModelInterface &model,
                                      llvm::StringRef isa,
                                      llvm::StringRef symbol) {
  std::string guard = "OVC_MODEL_" + llvm::StringRef(symbol).upper() + "_H";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* Generated by ovc: model " << model.modelName << ", compiled for "
     << isa << ". */\n#ifndef " << guard << "\n#define " << guard
     << "\n\n#include \"ovc_runtime.h\"\n\n#ifdef __cplusplus\nextern \"C\" "
        "{\n#endif\n\n/* Inputs:\n";
  auto describe = [&](const TensorInterface &t) {
    os << " *   " << t.name << ": " << t.type << " [";
    for (auto [i, d] : llvm::enumerate(t.dims))
      os << (i ? "," : "") << d;
    os << "]\n";
  };
  for (const TensorInterface &t : model.inputs)
    describe(t);
  os << " * Outputs:\n";
  for (const TensorInterface &t : model.outputs)
    describe(t);
  os << " *\n * Use: ovc_create(&" << symbol
     << ", &config_or_NULL, &model, msg, sizeof msg), then\n"
     << " * ovc_run(model, inputs, outputs) per inference, "
        "ovc_destroy(model).\n";
  if (model.weights)
    os << " * Weights: external, in " << model.weights->fileName
       << " (next to the program or library, or ovc_config.weights_path).\n";
  os << " */\n"
     << "extern const ovc_model_info " << symbol << ";\n\n"
     << "static inline ovc_status " << symbol
     << "_create(const ovc_config *config, ovc_model **model,\n"
     << "    char *message, size_t size) {\n  return ovc_create(&" << symbol
     << ", config, model, message, size);\n}\n"
     << "\n#ifdef __cplusplus\n}"
        "\n#endif\n\n#endif /* "
     << guard << " */\n";
  return text;
}

FailureOr<ExternalWeights> ovc::link::writeExternalWeights(ModuleOp module,
                                                           llvm::StringRef path,
                                                           std::string &error) {
  ArrayRef<char> blob;
  if (auto attr =
          module->getAttrOfType<DenseResourceElementsAttr>("ovc.weights")) {
    if (AsmResourceBlob *data = attr.getRawHandle().getBlob())
      blob = data->getData();
  }
  ExternalWeights weights;
  weights.fileName = llvm::sys::path::filename(path).str();
  weights.bytes = blob.size();
  weights.checksum = ovc_weights_checksum(blob.data(), blob.size());
  char header[OVC_WEIGHTS_HEADER_BYTES] = {};
  memcpy(header, OVC_WEIGHTS_MAGIC, 8);
  // The runtime reads these little-endian; x86-64 is.
  memcpy(header + 8, &weights.bytes, 8);
  memcpy(header + 16, &weights.checksum, 8);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    error = ec.message();
    return failure();
  }
  os.write(header, sizeof(header));
  os.write(blob.data(), blob.size());
  os.close();
  if (os.has_error()) {
    error = os.error().message();
    os.clear_error();
    return failure();
  }
  module->removeAttr("ovc.weights");
  return weights;
}

void ovc::link::readParallelParts(ModuleOp module, ModelInterface &model) {
  auto parts = module->getAttrOfType<ArrayAttr>("ovc.parallel_parts");
  if (!parts)
    return;
  for (Attribute attr : parts) {
    auto dict = cast<DictionaryAttr>(attr);
    ParallelPart part;
    part.name = dict.getAs<StringAttr>("name").str();
    part.buffers = dict.getAs<IntegerAttr>("buffers").getInt();
    part.extent = dict.getAs<IntegerAttr>("extent").getInt();
    model.parallelParts.push_back(part);
  }
  module->removeAttr("ovc.parallel_parts");
}
