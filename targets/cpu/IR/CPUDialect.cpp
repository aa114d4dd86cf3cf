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

llvm::SmallVector<int64_t, 4> ovc::cpu::nchwShape(ShapedType type) {
  ArrayRef<int64_t> shape = type.getShape();
  if (shape.size() != 5)
    return llvm::SmallVector<int64_t, 4>(shape);
  return {shape[0], shape[1] * shape[4], shape[2], shape[3]};
}

/// Checks shared by the convolution ops: static input and result, both
/// NCHW or both blocked in vectors of one length, window attributes for
/// `kernel`, the batch, and the result's spatial dims.
template <typename ConvOp>
static LogicalResult verifyWindowedOp(ConvOp op, ArrayRef<int64_t> kernel) {
  auto in = op.getInput().getType();
  auto out = op.getOutput().getType();
  if (in.getRank() == 5 &&
      (out.getRank() != 5 || out.getDimSize(4) != in.getDimSize(4)))
    return op.emitOpError("blocked input needs a result in blocks of ")
           << in.getDimSize(4) << " channels, got " << out;
  if (failed(mlir::ov::verifyWindowAttributes(
          op.getLoc(), 2, op.getStrides(), op.getDilations(), op.getPadsBegin(),
          op.getPadsEnd(), kernel)))
    return failure();
  SmallVector<int64_t, 4> inShape = ovc::cpu::nchwShape(in),
                          outShape = ovc::cpu::nchwShape(out);
  if (outShape[0] != inShape[0])
    return op.emitOpError("batch of result and input differ");
  FailureOr<mlir::ov::Dims> spatial = mlir::ov::inferWindowedDims(
      op.getLoc(), ArrayRef<int64_t>(inShape).drop_front(2), kernel,
      op.getStrides(), op.getDilations(), op.getPadsBegin(), op.getPadsEnd(),
      mlir::ov::AutoPad::explicit_, mlir::ov::RoundingType::floor);
  if (failed(spatial))
    return failure();
  ArrayRef<int64_t> outSpatial = ArrayRef<int64_t>(outShape).drop_front(2);
  if (outSpatial != ArrayRef<int64_t>(*spatial))
    return op.emitOpError("result spatial dims [")
           << outSpatial << "], expected [" << *spatial << "]";
  return success();
}

/// A packed filter's blocks of `block` output channels cover `oc`.
static LogicalResult verifyFilterBlocks(Operation *op, ShapedType filter,
                                        int64_t block, int64_t oc) {
  if (filter.getDimSize(0) != (oc + block - 1) / block)
    return op->emitOpError("packed filter has ")
           << filter.getDimSize(0) << " blocks of " << block
           << " output channels, result has " << oc << " channels";
  return success();
}

/// The bias of a packed filter, if any, has its whole blocks.
static LogicalResult verifyBlockBias(Operation *op, Value bias,
                                     ShapedType filter, int64_t block) {
  int64_t values = filter.getDimSize(0) * block;
  if (bias &&
      cast<ShapedType>(bias.getType()).getShape() != ArrayRef<int64_t>(values))
    return op->emitOpError("bias must have ")
           << values << " values (whole blocks)";
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
  if ((in.getRank() != 4 && in.getRank() != 5) ||
      (out.getRank() != in.getRank() && !writesBlocks()) ||
      filter.getRank() != 5)
    return emitOpError("needs a 4-D (NCHW) or 5-D (blocked) input and result "
                       "and a 5-D packed filter");
  int64_t block = getBlock();
  SmallVector<int64_t, 4> inShape = nchwShape(in), outShape = nchwShape(out);
  int64_t oc = outShape[1];
  if (failed(verifyFilterBlocks(*this, filter, block, oc)))
    return failure();
  if (filter.getDimSize(1) != inShape[1])
    return emitOpError("packed filter has ")
           << filter.getDimSize(1) << " input channels, input has "
           << inShape[1];
  if (isBlocked()) {
    // What ovc_blocked_pointwise_conv2d_f32_<family> computes.
    if (in.getDimSize(4) * 2 != block)
      return emitOpError("blocked activations need vectors of half the "
                         "filter's block (")
             << block / 2 << " channels), got " << in.getDimSize(4);
    if (!isPlainPointwise())
      return emitOpError("blocked activations need a 1x1 window at unit "
                         "strides without padding");
  }
  if (failed(verifyWindowedOp(*this, filter.getShape().slice(2, 2))))
    return failure();
  // What the phase-row stems compute (see ukernels.h).
  if (writesBlocks()) {
    if (out.getDimSize(4) * 2 != block)
      return emitOpError("blocked result needs vectors of half the filter's "
                         "block (")
             << block / 2 << " channels), got " << out.getDimSize(4);
    if (getResidual() ||
        !ovc_conv2d_writes_blocks(inShape[1], filter.getDimSize(2),
                                  filter.getDimSize(3), getStrides()[1],
                                  getDilations()[1], outShape[3], oc, block))
      return emitOpError("the kernel writes blocks only for stride-2 stems "
                         "without residual (ovc_conv2d_writes_blocks)");
  }
  if (failed(verifyBlockBias(*this, getBias(), filter, block)))
    return failure();
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
  bool blocked = isBlocked();
  if (blocked
          ? out.getRank() != 5 || filter.getRank() != 4 ||
                filter.getDimSize(3) != in.getDimSize(4)
          : in.getRank() != 4 || filter.getRank() != 3 || out.getRank() != 4)
    return emitOpError("needs a 4-D input and result and a [C, KH, KW] "
                       "filter, or blocked [N, C / V, H, W, V] ones and a "
                       "[C / V, KH, KW, V] filter");
  int64_t channels = nchwShape(in)[1];
  int64_t filterChannels = blocked ? filter.getDimSize(0) * filter.getDimSize(3)
                                   : filter.getDimSize(0);
  if (filterChannels != channels || nchwShape(out)[1] != channels)
    return emitOpError("input, filter and result must have the same channels, "
                       "got ")
           << channels << ", " << filterChannels << " and "
           << nchwShape(out)[1];
  if (failed(verifyWindowedOp(*this, filter.getShape().slice(1, 2))))
    return failure();
  if (getBias()) {
    auto bias = getBias().getType();
    if (bias.getRank() != 1 || bias.getDimSize(0) != channels)
      return emitOpError("bias must have ") << channels << " values";
  }
  return success();
}

LogicalResult DepthwisePointwiseConv2DOp::verify() {
  auto in = getInput().getType();
  auto dwFilter = getDwFilter().getType();
  auto filter = getFilter().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !dwFilter.hasStaticShape() ||
      !filter.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getRank() != 5 || dwFilter.getRank() != 4 || filter.getRank() != 5)
    return emitOpError("needs a blocked [N, C / V, H, W, V] input, a "
                       "[C / V, KH, KW, V] depthwise filter and a packed "
                       "[OC / B, C, 1, 1, B] filter");
  const int64_t vector = in.getDimSize(4), block = filter.getDimSize(4);
  const int64_t channels = nchwShape(in)[1];
  if (dwFilter.getDimSize(0) * dwFilter.getDimSize(3) != channels ||
      dwFilter.getDimSize(3) != vector)
    return emitOpError("depthwise filter must be [")
           << channels / vector << ", KH, KW, " << vector << "], got "
           << dwFilter;
  if (block != 2 * vector || filter.getDimSize(1) != channels ||
      filter.getDimSize(2) != 1 || filter.getDimSize(3) != 1)
    return emitOpError("1x1 filter must be packed [OC / ")
           << 2 * vector << ", " << channels << ", 1, 1, " << 2 * vector
           << "], got " << filter;
  if (failed(verifyWindowedOp(*this, dwFilter.getShape().slice(1, 2))))
    return failure();
  SmallVector<int64_t, 4> outShape = nchwShape(out);
  if (failed(verifyFilterBlocks(*this, filter, block, outShape[1])))
    return failure();
  if (getDwBias() &&
      getDwBias().getType().getShape() != ArrayRef<int64_t>(channels))
    return emitOpError("depthwise bias must have ") << channels << " values";
  if (failed(verifyBlockBias(*this, getBias(), filter, block)))
    return failure();
  if (ovc_blocked_dw_pw_band_rows(channels, outShape[3]) < 1)
    return emitOpError("a row of ")
           << outShape[3] << " pixels x " << channels
           << " channels does not fit the kernel's band buffer "
              "(ovc_blocked_dw_pw_band_rows)";
  return verifyResidual(*this);
}

LogicalResult ReorderOp::verify() {
  auto in = getInput().getType();
  auto out = getOutput().getType();
  if (!in.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  auto blocked = toBlocked() ? out : in, nchw = toBlocked() ? in : out;
  if (nchw.getRank() != 4 || blocked.getRank() != 5)
    return emitOpError("needs a 4-D (NCHW) and a 5-D (blocked) side, got ")
           << in << " -> " << out;
  if (nchwShape(blocked) != SmallVector<int64_t, 4>(nchw.getShape()))
    return emitOpError("blocked ")
           << blocked << " does not hold the activations of " << nchw;
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
