//===- ovc.cpp - the ovc compiler driver ----------------------------------===//
//
// ovc MODEL.xml [--bin MODEL.bin] [-target=ISA] [--emit=KIND] [-o FILE]
//
// Every error is one `error:` line on stderr naming the file and, where it
// applies, the layer; the exit status is then 1.
//
//===----------------------------------------------------------------------===//

#include "compiler/codegen/ObjectEmitter.h"
#include "compiler/importer/Importer.h"
#include "compiler/link/Linker.h"
#include "compiler/link/ModelInterface.h"
#include "compiler/memory/Passes.h"
#include "compiler/pipeline/Pipeline.h"
#include "dialects/ov/IR/OVDialect.h"
#include "targets/cpu/IsaTable.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

using namespace llvm;

namespace {
enum class EmitKind { Exe, Lib, Shared, Mlir, LLVM, Asm, Obj };

cl::OptionCategory ovcCategory("ovc options");

cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.xml>"),
                               cl::cat(ovcCategory));
cl::opt<std::string> weightsPath(
    "bin",
    cl::desc("The IR's weights file (default: the model path with .bin "
             "extension)"),
    cl::value_desc("file"), cl::cat(ovcCategory));
enum class WeightsPlacement { Embedded, External };
cl::opt<WeightsPlacement> weightsPlacement(
    "weights", cl::desc("Where the produced program keeps the weights"),
    cl::values(clEnumValN(WeightsPlacement::Embedded, "embedded",
                          "inside the program (default)"),
               clEnumValN(WeightsPlacement::External, "external",
                          "in <output>.weights, memory-mapped at start-up")),
    cl::init(WeightsPlacement::Embedded), cl::cat(ovcCategory));
cl::opt<std::string> outputPath(
    "o",
    cl::desc("Output file ('-' = stdout; default: stdout for text, the "
             "model's name for an executable)"),
    cl::value_desc("file"), cl::cat(ovcCategory));
cl::opt<EmitKind> emitKind(
    "emit", cl::desc("What to produce"),
    cl::values(clEnumValN(EmitKind::Exe, "exe",
                          "a standalone executable (default)"),
               clEnumValN(EmitKind::Lib, "lib",
                          "a static library lib<model>.a and <model>.h"),
               clEnumValN(EmitKind::Shared, "shared",
                          "a shared library lib<model>.so and <model>.h"),
               clEnumValN(EmitKind::Mlir, "mlir",
                          "MLIR after --stage (default: the imported "
                          "ov module)"),
               clEnumValN(EmitKind::LLVM, "llvm", "optimized LLVM IR"),
               clEnumValN(EmitKind::Asm, "asm", "assembly for -target"),
               clEnumValN(EmitKind::Obj, "obj", "an object file")),
    cl::init(EmitKind::Exe), cl::cat(ovcCategory));
cl::opt<std::string> targetName(
    "target",
    cl::desc("CPU ISA: host (default) or one of sse41, avx, avx2, avx2_vnni, "
             "avx2_vnni_2, avx512_core, avx512_core_vnni, avx512_core_bf16, "
             "avx512_core_fp16, avx512_core_amx, avx512_core_amx_fp16"),
    cl::init("host"), cl::cat(ovcCategory));
cl::opt<std::string> stopAfter(
    "stage",
    cl::desc("With --emit=mlir: the last stage to run (import, ov, linalg, "
             "bufferize, llvm)"),
    cl::init("import"), cl::cat(ovcCategory));
cl::opt<int64_t>
    batchSize("batch", cl::desc("Batch size for a dynamic batch (default 1)"),
              cl::init(1), cl::cat(ovcCategory));
cl::opt<bool> memoryPlan(
    "memory-plan",
    cl::desc("Place all intermediate tensors in one arena by liveness "
             "(default on; off frees each buffer after its last use)"),
    cl::init(true), cl::cat(ovcCategory));
cl::opt<bool> useUkernels(
    "ukernels",
    cl::desc("Compute convolutions with the per-ISA microkernels (default "
             "on; off generates loops for every layer)"),
    cl::init(true), cl::cat(ovcCategory));
cl::opt<bool> useWinograd(
    "winograd",
    cl::desc("Compute 3x3 stride-1 convolutions by Winograd F(2x2, 3x3) "
             "where that is faster (default on; off keeps the direct "
             "kernel, whose sums are the generated loops' bit for bit)"),
    cl::init(true), cl::cat(ovcCategory));
cl::opt<bool> verbose("verbose",
                      cl::desc("Report the memory plan and the chosen ISA"),
                      cl::init(false), cl::cat(ovcCategory));
cl::opt<bool> printAfterAll("mlir-print-ir-after-all",
                            cl::desc("Print the IR after every pass"),
                            cl::init(false), cl::cat(ovcCategory));
cl::opt<bool> elideWeights(
    "elide-weights",
    cl::desc("Print large weights as placeholders (output cannot be parsed "
             "back)"),
    cl::init(false), cl::cat(ovcCategory));
} // namespace

/// Remembers each IR layer's type by name (module attribute
/// `ovc.layer_types`), for the per-layer counters once lowering has
/// replaced the ov ops.
static void recordLayerTypes(mlir::ModuleOp module) {
  llvm::StringMap<mlir::Attribute> types;
  module.walk([&](mlir::Operation *op) {
    auto type = op->getAttrOfType<mlir::StringAttr>("ov.layer_type");
    auto name = mlir::dyn_cast<mlir::NameLoc>(op->getLoc());
    if (type && name)
      types.try_emplace(name.getName().strref(), type);
  });
  mlir::Builder builder(module.getContext());
  llvm::SmallVector<mlir::NamedAttribute> entries;
  for (const auto &entry : types)
    entries.push_back(builder.getNamedAttr(entry.first(), entry.second));
  module->setAttr("ovc.layer_types", builder.getDictionaryAttr(entries));
}

/// The ISA for -target; `host` is the best level of this machine.
static std::optional<ovc::targets::cpu::Isa>
resolveTarget(llvm::StringRef name) {
  using namespace ovc::targets::cpu;
  if (name == "host") {
    llvm::SmallVector<llvm::StringRef> enabled;
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    for (const auto &feature : features)
      if (feature.second)
        enabled.push_back(feature.first());
    std::optional<Isa> best = bestIsaFor(enabled);
    if (!best)
      errs() << "error: this CPU lacks SSE4.1, the oldest ISA ovc targets\n";
    return best;
  }
  std::optional<Isa> isa = parseIsa(name);
  if (!isa)
    errs() << "error: unknown -target '" << name << "'; use host or one of "
           << isaNameList() << "\n";
  return isa;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &os) {
    os << "ovc " OVC_VERSION " (OpenVINO IR v10/v11 ahead-of-time compiler, "
          "MLIR "
       << LLVM_VERSION_STRING << ")\n";
  });
  // --mlir-print-debuginfo and friends: show each op's IR layer location.
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  cl::HideUnrelatedOptions(ovcCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "ovc: ahead-of-time compiler for OpenVINO IR models\n\n"
      "  ovc model.xml --emit=mlir [-o out.mlir]\n");

  if (inputPath.empty()) {
    errs() << "error: no input model; usage: ovc MODEL.xml --emit=mlir "
              "[-o FILE]\n";
    return 1;
  }

  std::optional<ovc::targets::cpu::Isa> isa = resolveTarget(targetName);
  if (!isa)
    return 1;
  std::optional<ovc::pipeline::Stage> lastStage =
      ovc::pipeline::parseStage(stopAfter);
  if (!lastStage) {
    errs() << "error: unknown stage '" << stopAfter
           << "' for --stage (import, ov, linalg, bufferize, llvm)\n";
    return 1;
  }
  if (batchSize < 1) {
    errs() << "error: --batch must be >= 1, got " << batchSize << "\n";
    return 1;
  }

  mlir::DialectRegistry registry;
  ovc::pipeline::registerPipelineDialects(registry);
  mlir::MLIRContext context(registry);
  // The importer reports through its own handler; do not let MLIR print a
  // second copy of a diagnostic.
  context.printOpOnDiagnostic(false);
  ovc::importer::ImportDiagnostics diags(inputPath);
  ovc::importer::ImportOptions options;
  options.xmlPath = inputPath;
  options.weightsPath = weightsPath;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      ovc::importer::importModel(context, options, diags);
  if (!module || diags.hadError())
    return 1;

  // Pipeline errors are reported as MLIR diagnostics, with the op's IR
  // layer as location.
  context.printOpOnDiagnostic(false);
  ovc::pipeline::PipelineOptions pipelineOptions;
  pipelineOptions.batch = batchSize;
  pipelineOptions.printIRAfterAll = printAfterAll;
  pipelineOptions.memoryPlan = memoryPlan;
  pipelineOptions.winograd = useWinograd;
  if (useUkernels)
    pipelineOptions.ukernelFamily =
        ovc::targets::cpu::ukernelFamily(*isa).str();
  bool producesProgram = emitKind == EmitKind::Exe ||
                         emitKind == EmitKind::Lib ||
                         emitKind == EmitKind::Shared;
  pipelineOptions.externalWeights =
      weightsPlacement == WeightsPlacement::External;
  if (pipelineOptions.externalWeights && !producesProgram &&
      emitKind != EmitKind::Mlir) {
    errs() << "error: --weights=external needs --emit=exe, lib or shared\n";
    return 1;
  }
  std::string stem = llvm::sys::path::stem(inputPath).str();
  std::string target = !outputPath.empty()         ? std::string(outputPath)
                       : emitKind == EmitKind::Exe ? stem
                       : emitKind == EmitKind::Lib ? "lib" + stem + ".a"
                                                   : "lib" + stem + ".so";
  using ovc::pipeline::Stage;
  // Before any rewrite replaces the imported ops.
  if (emitKind != EmitKind::Mlir)
    recordLayerTypes(*module);
  if (emitKind == EmitKind::Mlir) {
    if (failed(ovc::pipeline::runPipeline(*module, Stage::Import, *lastStage,
                                          pipelineOptions)))
      return 1;
    std::string error;
    auto output = mlir::openOutputFile(
        outputPath.empty() ? std::string("-") : outputPath, &error);
    if (!output) {
      errs() << "error: " << outputPath << ": " << error << "\n";
      return 1;
    }
    mlir::OpPrintingFlags flags;
    if (elideWeights)
      flags.elideLargeElementsAttrs(16).elideLargeResourceString(64);
    module->print(output->os(), flags);
    output->os() << "\n";
    output->keep();
    return 0;
  }

  // The model's C interface is read at the ov level, before bufferization
  // turns results into out-parameters.
  if (failed(ovc::pipeline::runPipeline(*module, Stage::Import, Stage::OV,
                                        pipelineOptions)))
    return 1;
  FailureOr<ovc::link::ModelInterface> interface =
      ovc::link::readModelInterface(*module);
  if (failed(interface))
    return 1;
  // Counter functions are per model in libraries (several may be linked
  // into one program), plain `ovc_` in executables.
  std::string counterPrefix =
      emitKind == EmitKind::Lib || emitKind == EmitKind::Shared
          ? ovc::link::symbolPrefix(*interface)
          : std::string("ovc");
  if (failed(ovc::pipeline::runPipeline(*module, Stage::OV, Stage::Bufferize,
                                        pipelineOptions)))
    return 1;
  ovc::link::readArena(*module, *interface);
  if (verbose) {
    for (auto func : module->getOps<mlir::func::FuncOp>())
      if (auto bytes =
              func->getAttrOfType<mlir::IntegerAttr>("ovc.arena_bytes"))
        errs() << "ovc: " << func.getName() << ": activations arena "
               << bytes.getInt() << " bytes (peak, all intermediates)\n";
    errs() << "ovc: target ISA " << ovc::targets::cpu::getIsaInfo(*isa).name
           << " (LLVM CPU " << ovc::targets::cpu::getIsaInfo(*isa).llvmCpu
           << ", kernel family " << pipelineOptions.ukernelFamily << ")\n";
  }
  {
    mlir::PassManager pm(&context);
    ovc::memory::InsertLayerCountersOptions counters;
    counters.prefix = counterPrefix;
    pm.addPass(ovc::memory::createInsertLayerCounters(counters));
    if (failed(pm.run(*module)))
      return 1;
    ovc::link::readLayers(*module, *interface);
  }
  if (pipelineOptions.externalWeights) {
    llvm::SmallString<256> weightsFile(target);
    llvm::sys::path::replace_extension(weightsFile, "weights");
    std::string error;
    FailureOr<ovc::link::ExternalWeights> weights =
        ovc::link::writeExternalWeights(*module, weightsFile, error);
    if (failed(weights)) {
      errs() << "error: " << weightsFile << ": " << error << "\n";
      return 1;
    }
    interface->weights = *weights;
  }
  if (failed(ovc::pipeline::runPipeline(*module, Stage::Bufferize, Stage::LLVM,
                                        pipelineOptions)))
    return 1;
  ovc::link::readParallelParts(*module, *interface);

  std::string error;
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      ovc::codegen::translateAndOptimize(*module, llvmContext, *isa, error);
  if (!llvmModule) {
    errs() << "error: " << inputPath << ": " << error << "\n";
    return 1;
  }
  const char *isaName = ovc::targets::cpu::getIsaInfo(*isa).name.data();
  if (emitKind == EmitKind::Exe || emitKind == EmitKind::Lib ||
      emitKind == EmitKind::Shared) {
    ovc::link::Toolchain toolchain;
    if (!ovc::link::findToolchain(argv[0], toolchain, error)) {
      errs() << "error: " << error << "\n";
      return 1;
    }
    llvm::SmallString<128> object;
    llvm::sys::fs::createTemporaryFile("ovc-model", "o", object);
    {
      std::error_code ec;
      llvm::raw_fd_ostream os(object, ec);
      if (ec ||
          !ovc::codegen::emit(*llvmModule, *isa,
                              ovc::codegen::OutputKind::Object, os, error)) {
        errs() << "error: " << object << ": " << (ec ? ec.message() : error)
               << "\n";
        return 1;
      }
    }
    bool linked;
    if (emitKind == EmitKind::Exe) {
      std::string glue =
          ovc::link::generateGlue(*interface, isaName, "ovc_exe_model", "ovc");
      linked =
          ovc::link::linkExecutable(toolchain, object, glue, target, error);
    } else {
      // Libraries export <model>_model so that several can be linked
      // into one program.
      std::string symbol = ovc::link::symbolPrefix(*interface) + "_model";
      std::string glue =
          ovc::link::generateGlue(*interface, isaName, symbol, counterPrefix);
      llvm::SmallString<256> header(llvm::sys::path::parent_path(target));
      llvm::sys::path::append(header, stem + ".h");
      linked = ovc::link::linkLibrary(
          toolchain, object, glue, target, emitKind == EmitKind::Shared, header,
          ovc::link::generateHeader(*interface, isaName, symbol), error);
    }
    llvm::sys::fs::remove(object);
    if (!linked) {
      errs() << "error: " << target << ": " << error << "\n";
      return 1;
    }
    return 0;
  }
  auto output = mlir::openOutputFile(
      outputPath.empty() ? std::string("-") : outputPath, &error);
  if (!output) {
    errs() << "error: " << outputPath << ": " << error << "\n";
    return 1;
  }
  ovc::codegen::OutputKind kind =
      emitKind == EmitKind::LLVM  ? ovc::codegen::OutputKind::LLVMIR
      : emitKind == EmitKind::Asm ? ovc::codegen::OutputKind::Assembly
                                  : ovc::codegen::OutputKind::Object;
  if (!ovc::codegen::emit(*llvmModule, *isa, kind, output->os(), error)) {
    errs() << "error: " << outputPath << ": " << error << "\n";
    return 1;
  }
  output->keep();
  return 0;
}
