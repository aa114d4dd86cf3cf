//===- ObjectEmitter.cpp - LLVM dialect to machine code -------------------===//

#include "compiler/codegen/ObjectEmitter.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Triple.h"

using namespace ovc::codegen;
using ovc::targets::cpu::Isa;

static constexpr const char *kTriple = "x86_64-unknown-linux-gnu";

static std::unique_ptr<llvm::TargetMachine>
createTargetMachine(Isa isa, std::string &error) {
  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)initialized;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(kTriple, error);
  if (!target)
    return nullptr;
  const auto &info = ovc::targets::cpu::getIsaInfo(isa);
  std::string features;
  for (llvm::StringRef feature : info.features)
    features += (features.empty() ? "+" : ",+") + feature.str();
  // Gathers and scatters only as written, never as the vectorizer's choice:
  // with AVX-512's scatter it vectorized a broadcast Add's outer loop (a
  // stride of a whole row, 8 gathers and scatters per 8 outputs) instead of
  // its contiguous inner one, 8x slower than AVX2's code. ovc orders loops
  // so that the innermost one is the contiguous one.
  features += ",+prefer-no-gather,+prefer-no-scatter";
  llvm::TargetOptions options;
  // Fuse multiply-add into FMA only where the IR allows it (`contract`):
  // the accumulations of convolutions and matmuls, as OpenVINO's kernels
  // do (see -ovc-contract-accumulations). Element-wise arithmetic keeps
  // its separate roundings.
  options.AllowFPOpFusion = llvm::FPOpFusion::Standard;
  // Models are compiled as position-independent code so that the same
  // object serves executables, static and shared libraries.
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      kTriple, info.llvmCpu, features, options, llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
}

std::unique_ptr<llvm::Module>
ovc::codegen::translateAndOptimize(mlir::ModuleOp module,
                                   llvm::LLVMContext &context, Isa isa,
                                   std::string &error) {
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(isa, error);
  if (!machine)
    return nullptr;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    error = "translation to LLVM IR failed";
    return nullptr;
  }
  llvmModule->setTargetTriple(kTriple);
  llvmModule->setDataLayout(machine->createDataLayout());
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr("target-cpu", machine->getTargetCPU());
    function.addFnAttr("target-features", machine->getTargetFeatureString());
  }

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::PassBuilder builder(machine.get(), tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager passes =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  passes.run(*llvmModule, mam);
  return llvmModule;
}

bool ovc::codegen::emit(llvm::Module &module, Isa isa, OutputKind kind,
                        llvm::raw_pwrite_stream &os, std::string &error) {
  if (kind == OutputKind::LLVMIR) {
    module.print(os, nullptr);
    return true;
  }
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(isa, error);
  if (!machine)
    return false;
  llvm::legacy::PassManager passes;
  auto fileType = kind == OutputKind::Object
                      ? llvm::CodeGenFileType::ObjectFile
                      : llvm::CodeGenFileType::AssemblyFile;
  if (machine->addPassesToEmitFile(passes, os, nullptr, fileType)) {
    error = "the target cannot emit this file type";
    return false;
  }
  passes.run(module);
  return true;
}
