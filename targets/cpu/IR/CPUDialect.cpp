//===- CPUDialect.cpp - ovc_cpu dialect and op verifiers ------------------===//

#include "targets/cpu/IR/CPUDialect.h"
#include "dialects/ov/IR/OVDialect.h"
#include "dialects/ov/IR/ShapeInferenceUtils.h"
#include "targets/cpu/IR/BufferizationModels.h"
#include "targets/cpu/ukernels/ukernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace ovc::cpu;

#include "targets/cpu/IR/CPUDialect.cpp.inc"

#define GET_OP_CLASSES
#include "targets/cpu/IR/CPUOps.cpp.inc"

void ovc::cpu::registerBufferizationInterfaces(DialectRegistry &registry) {
  registerConvBufferization(registry);
  registerPoolBufferization(registry);
}

void CPUDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "targets/cpu/IR/CPUOps.cpp.inc"
      >();
}

/// Checks shared by the convolution ops: static 4-D input and result,
/// window attributes for `kernel`, the batch, and the result's spatial
/// dims.
template <typename ConvOp>
static LogicalResult verifyWindowedOp(ConvOp op, ArrayRef<int64_t> kernel) {
  auto in = op.getInput().getType();
  auto out = op.getOutput().getType();
  if (failed(mlir::ov::verifyWindowAttributes(
          op.getLoc(), 2, op.getStrides(), op.getDilations(), op.getPadsBegin(),
          op.getPadsEnd(), kernel)))
    return failure();
  if (out.getDimSize(0) != in.getDimSize(0))
    return op.emitOpError("batch of result and input differ");
  FailureOr<mlir::ov::Dims> spatial = mlir::ov::inferWindowedDims(
      op.getLoc(), in.getShape().drop_front(2), kernel, op.getStrides(),
      op.getDilations(), op.getPadsBegin(), op.getPadsEnd(),
      mlir::ov::AutoPad::explicit_, mlir::ov::RoundingType::floor);
  if (failed(spatial))
    return failure();
  if (out.getShape().drop_front(2) != ArrayRef<int64_t>(*spatial))
    return op.emitOpError("result spatial dims [")
           << out.getShape().drop_front(2) << "], expected [" << *spatial
           << "]";
  return success();
}

/// The residual a convolution adds, if any, has the result's type.
template <typename ConvOp> static LogicalResult verifyResidual(ConvOp op) {
  Value residual = op.getResidual();
  if (residual && residual.getType() != op.getOutput().getType())
    return op.emitOpError("residual must have the result's type ")
           << op.getOutput().getType() << ", got " << residual.getType();
  return success();
}

LogicalResult Conv2DOp::verify() {
  auto in = getInput().getType();
  auto filter = getFilter().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !filter.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getRank() != 4 || filter.getRank() != 5 || out.getRank() != 4)
    return emitOpError("needs a 4-D input and result and a 5-D packed filter");
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
  if (failed(verifyWindowedOp(*this, filter.getShape().slice(2, 2))))
    return failure();
  if (getBias()) {
    auto bias = getBias().getType();
    if (bias.getRank() != 1 ||
        bias.getDimSize(0) != filter.getDimSize(0) * block)
      return emitOpError("bias must have ")
             << filter.getDimSize(0) * block << " values (whole blocks)";
  }
  return verifyResidual(*this);
}

LogicalResult WinogradConv2DOp::verify() {
  auto in = getInput().getType();
  auto filter = getFilter().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !filter.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getRank() != 4 || filter.getRank() != 4 || out.getRank() != 4)
    return emitOpError(
        "needs a 4-D input and result and a [blocks, 16, C, R] filter");
  const int64_t block = OVC_CONV2D_WINOGRAD_BLOCK;
  int64_t oc = out.getDimSize(1);
  if (filter.getDimSize(0) != (oc + block - 1) / block ||
      filter.getDimSize(1) != 16 || filter.getDimSize(2) != in.getDimSize(1) ||
      filter.getDimSize(3) != block)
    return emitOpError("transformed filter must be [")
           << (oc + block - 1) / block << ", 16, " << in.getDimSize(1) << ", "
           << block << "], got " << filter;
  int64_t window[2] = {3, 3};
  if (failed(verifyWindowedOp(*this, window)))
    return failure();
  if (getBias()) {
    auto bias = getBias().getType();
    if (bias.getRank() != 1 || bias.getDimSize(0) != oc)
      return emitOpError("bias must have ") << oc << " values";
  }
  return verifyResidual(*this);
}

LogicalResult DepthwiseConv2DOp::verify() {
  auto in = getInput().getType();
  auto filter = getFilter().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !filter.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getRank() != 4 || filter.getRank() != 3 || out.getRank() != 4)
    return emitOpError("needs a 4-D input and result and a [C, KH, KW] filter");
  int64_t channels = in.getDimSize(1);
  if (filter.getDimSize(0) != channels || out.getDimSize(1) != channels)
    return emitOpError("input, filter and result must have the same channels, "
                       "got ")
           << channels << ", " << filter.getDimSize(0) << " and "
           << out.getDimSize(1);
  if (failed(verifyWindowedOp(*this, filter.getShape().drop_front())))
    return failure();
  if (getBias()) {
    auto bias = getBias().getType();
    if (bias.getRank() != 1 || bias.getDimSize(0) != channels)
      return emitOpError("bias must have ") << channels << " values";
  }
  return success();
}

LogicalResult MaxPool2DOp::verify() {
  auto in = getInput().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getRank() != 4 || out.getRank() != 4)
    return emitOpError("needs a 4-D input and result");
  if (getKernel().size() != 2)
    return emitOpError("needs a 2-D kernel");
  if (out.getDimSize(1) != in.getDimSize(1))
    return emitOpError("channels of result and input differ");
  return verifyWindowedOp(*this, getKernel());
}
