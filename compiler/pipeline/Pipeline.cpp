//===- Pipeline.cpp - ovc's compilation stages ----------------------------===//

#include "compiler/pipeline/Pipeline.h"
#include "compiler/conversion/Passes.h"
#include "compiler/kernels/RuntimeKernels.h"
#include "compiler/memory/Passes.h"
#include "dialects/ov/IR/OVDialect.h"
#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/Transforms/Passes.h"
#include "targets/cpu/IR/CPUDialect.h"
#include "targets/cpu/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace ovc::pipeline;

std::optional<Stage> ovc::pipeline::parseStage(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Stage>>(name)
      .Case("import", Stage::Import)
      .Case("ov", Stage::OV)
      .Case("linalg", Stage::Linalg)
      .Case("bufferize", Stage::Bufferize)
      .Case("llvm", Stage::LLVM)
      .Default(std::nullopt);
}

llvm::StringRef ovc::pipeline::stageName(Stage stage) {
  switch (stage) {
  case Stage::Import:
    return "import";
  case Stage::OV:
    return "ov";
  case Stage::Linalg:
    return "linalg";
  case Stage::Bufferize:
    return "bufferize";
  case Stage::LLVM:
    return "llvm";
  }
  return "";
}

void ovc::pipeline::registerPipelineDialects(DialectRegistry &registry) {
  registry.insert<ov::OVDialect, func::FuncDialect, arith::ArithDialect,
                  math::MathDialect, tensor::TensorDialect,
                  linalg::LinalgDialect, bufferization::BufferizationDialect,
                  memref::MemRefDialect, scf::SCFDialect, LLVM::LLVMDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  ovc::kernels::registerRuntimeKernelBufferization(registry);
  registry.insert<ovc::cpu::CPUDialect>();
  ovc::cpu::registerBufferizationInterfaces(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

static void addOVStage(OpPassManager &pm, const PipelineOptions &options) {
  OpPassManager &fn = pm.nest<func::FuncOp>();
  fn.addPass(createCanonicalizerPass());
  ov::OVSpecializeBatchOptions batch;
  batch.batch = options.batch;
  fn.addPass(ov::createOVSpecializeBatch(batch));
  fn.addPass(ov::createOVF16ToF32());
  fn.addPass(ov::createOVDecompressWeights());
  fn.addPass(ov::createOVFoldInputShift());
  fn.addPass(createCanonicalizerPass());
}

/// Whether `module` quantizes anything: its depthwise layers then keep
/// rounded products (see -ovc-contract-accumulations).
static bool hasFakeQuantize(ModuleOp module) {
  return module.walk([](ov::FakeQuantizeOp) { return WalkResult::interrupt(); })
      .wasInterrupted();
}

static void addLinalgStage(OpPassManager &pm, const PipelineOptions &options,
                           bool fuseDepthwise) {
  OpPassManager *fn = &pm.nest<func::FuncOp>();
  if (!options.ukernelFamily.empty()) {
    if (options.winograd) {
      ovc::cpu::WinogradUkernelsOptions winograd;
      winograd.family = options.ukernelFamily;
      fn->addPass(ovc::cpu::createWinogradUkernels(winograd));
    }
    ovc::cpu::ConvUkernelsOptions ukernels;
    ukernels.family = options.ukernelFamily;
    ukernels.fuseDepthwise = fuseDepthwise;
    fn->addPass(ovc::cpu::createConvUkernels(ukernels));
    ovc::cpu::PoolUkernelsOptions pools;
    pools.family = options.ukernelFamily;
    fn->addPass(ovc::cpu::createPoolUkernels(pools));
    ovc::cpu::BlockedLayoutOptions blocked;
    blocked.family = options.ukernelFamily;
    pm.addPass(ovc::cpu::createBlockedLayout(blocked));
    // The function passes after it run in a pipeline of their own: those
    // added to the first one would run before it.
    fn = &pm.nest<func::FuncOp>();
    ovc::cpu::FuseDepthwisePointwiseOptions fusion;
    fusion.family = options.ukernelFamily;
    fn->addPass(ovc::cpu::createFuseDepthwisePointwise(fusion));
  }
  fn->addPass(ovc::cpu::createMatMulKMajorWeights());
  fn->addPass(ovc::conversion::createConvertOVToLinalg());
  fn->addPass(createCanonicalizerPass());
  fn->addPass(createLinalgElementwiseOpFusionPass());
  fn->addPass(createCSEPass());
  ovc::cpu::ContractAccumulationsOptions contract;
  contract.depthwise = fuseDepthwise;
  fn->addPass(ovc::cpu::createContractAccumulations(contract));
  fn->addPass(ovc::cpu::createContiguousInnermostLoop());
  fn->addPass(ovc::cpu::createCollapseReductionLoops());
}

/// Copies between buffers are linalg.copy, so that they become loops like
/// every other op: memref.copy of a strided view would call a runtime
/// function (memrefCopy) that produced programs do not link.
static LogicalResult copyWithLinalg(OpBuilder &b, Location loc, Value from,
                                    Value to) {
  b.create<linalg::CopyOp>(loc, from, to);
  return success();
}

static void addBufferizeStage(OpPassManager &pm,
                              const PipelineOptions &pipelineOptions) {
  bufferization::OneShotBufferizationOptions options;
  options.bufferizeFunctionBoundaries = true;
  options.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  options.memCpyFn = copyWithLinalg;
  pm.addPass(bufferization::createOneShotBufferizePass(options));
  bufferization::BufferResultsToOutParamsOpts outParams;
  outParams.memCpyFn = copyWithLinalg;
  // Results computed into a fresh buffer are computed into the caller's.
  outParams.hoistStaticAllocs = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  // Concat inputs computed straight into their slices.
  pm.addNestedPass<func::FuncOp>(ovc::memory::createProduceIntoSlices());
  // All intermediates in one arena, placed by liveness; the runtime owns
  // the arena.
  if (pipelineOptions.memoryPlan) {
    pm.addPass(ovc::memory::createStaticMemoryPlan());
  } else {
    bufferization::BufferDeallocationPipelineOptions dealloc;
    bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  }
  if (pipelineOptions.externalWeights)
    pm.addPass(ovc::memory::createExternalizeWeights());
}

static void addLLVMStage(OpPassManager &pm) {
  // Large layers become slices the runtime's threads share.
  pm.addPass(ovc::cpu::createOutlineParallelLayers());
  OpPassManager &fn = pm.nest<func::FuncOp>();
  fn.addPass(createConvertLinalgToLoopsPass());
  fn.addPass(createLowerAffinePass());
  fn.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  // Slices of parallel parts have dynamic offsets: their address arithmetic
  // comes out of the expansion above as affine.apply.
  pm.addPass(createLowerAffinePass());
  pm.nest<func::FuncOp>().addPass(ovc::cpu::createApproximateExp());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  // erf and friends have no LLVM intrinsic: call libm.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions func;
  func.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(func));
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

LogicalResult ovc::pipeline::runPipeline(ModuleOp module, Stage done,
                                         Stage last,
                                         const PipelineOptions &options) {
  if (last <= done)
    return success();
  PassManager pm(module.getContext());
  if (options.printIRAfterAll) {
    module.getContext()->disableMultithreading();
    pm.enableIRPrinting([](Pass *, Operation *) { return false; },
                        [](Pass *, Operation *) { return true; },
                        /*printModuleScope=*/true,
                        /*printAfterOnlyOnChange=*/false);
  }
  auto wanted = [&](Stage stage) { return stage > done && stage <= last; };
  if (wanted(Stage::OV))
    addOVStage(pm, options);
  if (wanted(Stage::Linalg))
    addLinalgStage(pm, options, !hasFakeQuantize(module));
  if (wanted(Stage::Bufferize))
    addBufferizeStage(pm, options);
  if (wanted(Stage::LLVM))
    addLLVMStage(pm);
  return pm.run(module);
}
