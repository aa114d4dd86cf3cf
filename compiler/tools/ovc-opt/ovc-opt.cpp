//===- ovc-opt.cpp - mlir-opt with the ov dialect and ovc's passes --------===//

#include "dialects/ov/IR/OVDialect.h"
#include "dialects/ov/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<mlir::ov::OVDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect, mlir::tensor::TensorDialect>();
  mlir::registerTransformsPasses();
  mlir::ov::registerOVPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ovc optimizer driver\n", registry));
}
