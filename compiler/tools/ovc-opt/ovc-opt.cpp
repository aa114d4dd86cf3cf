//===- ovc-opt.cpp - mlir-opt with the ov dialect and ovc's passes --------===//

#include "compiler/conversion/Passes.h"
#include "compiler/memory/Passes.h"
#include "dialects/ov/IR/OVDialect.h"
#include "targets/cpu/IR/CPUDialect.h"
#include "targets/cpu/Transforms/Passes.h"
#include "dialects/ov/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllPasses.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  registry.insert<mlir::ov::OVDialect, ovc::cpu::CPUDialect>();
  ovc::cpu::registerBufferizationInterfaces(registry);
  mlir::registerAllPasses();
  mlir::registerTransformsPasses();
  mlir::ov::registerOVPasses();
  ovc::conversion::registerOVCConversionPasses();
  ovc::memory::registerOVCMemoryPasses();
  ovc::cpu::registerOVCTargetCPUPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ovc optimizer driver\n", registry));
}
