//===- CPUDialect.cpp - ovc_cpu dialect and op verifiers ------------------===//

#include "targets/cpu/IR/CPUDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace ovc::cpu;

#include "targets/cpu/IR/CPUDialect.cpp.inc"

#define GET_OP_CLASSES
#include "targets/cpu/IR/CPUOps.cpp.inc"

void CPUDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "targets/cpu/IR/CPUOps.cpp.inc"
      >();
}

LogicalResult Conv2DOp::verify() {
  auto in = getInput().getType();
  auto filter = getFilter().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !filter.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getRank() != 4 || filter.getRank() != 5 || out.getRank() != 4)
    return emitOpError("needs a 4-D input and result and a 5-D packed filter");
  for (ArrayRef<int64_t> attr :
       {getStrides(), getDilations(), getPadsBegin(), getPadsEnd()})
    if (attr.size() != 2)
      return emitOpError("strides, dilations and pads have 2 values each");
  if (llvm::any_of(getStrides(), [](int64_t s) { return s < 1; }) ||
      llvm::any_of(getDilations(), [](int64_t d) { return d < 1; }) ||
      llvm::any_of(getPadsBegin(), [](int64_t p) { return p < 0; }) ||
      llvm::any_of(getPadsEnd(), [](int64_t p) { return p < 0; }))
    return emitOpError("strides and dilations must be positive, pads >= 0");
  int64_t block = getBlock();
  int64_t oc = out.getDimSize(1);
  if (filter.getDimSize(0) != (oc + block - 1) / block)
    return emitOpError("packed filter has ")
           << filter.getDimSize(0) << " blocks of " << block
           << " output channels, result has " << oc << " channels";
  if (filter.getDimSize(1) != in.getDimSize(1))
    return emitOpError("packed filter has ")
           << filter.getDimSize(1) << " input channels, input has "
           << in.getDimSize(1);
  if (out.getDimSize(0) != in.getDimSize(0))
    return emitOpError("batch of result and input differ");
  for (int i = 0; i < 2; ++i) {
    int64_t padded = in.getDimSize(2 + i) + getPadsBegin()[i] + getPadsEnd()[i];
    int64_t window = getDilations()[i] * (filter.getDimSize(2 + i) - 1) + 1;
    int64_t expected =
        padded < window ? 0 : (padded - window) / getStrides()[i] + 1;
    if (out.getDimSize(2 + i) != expected)
      return emitOpError("result spatial dim ")
             << i << " is " << out.getDimSize(2 + i) << ", expected "
             << expected;
  }
  if (getBias()) {
    auto bias = getBias().getType();
    if (bias.getRank() != 1 ||
        bias.getDimSize(0) != filter.getDimSize(0) * block)
      return emitOpError("bias must have ")
             << filter.getDimSize(0) * block << " values (whole blocks)";
  }
  return success();
}
