//===- ConvBufferization.cpp - ovc_cpu convolutions as kernel calls -------===//
//
// ovc_cpu.conv2d, ovc_cpu.winograd_conv2d and ovc_cpu.depthwise_conv2d
// bufferize into
//   <ukernel>(padded input, filter, bias, output, params)
// ovc_cpu.depthwise_pointwise_conv2d into one call of its fused kernel,
// and ovc_cpu.reorder into <ukernel>(input, output, params)
// (targets/cpu/ukernels, ukernels.h for the parameters). For the
// convolution kernels, padding is supplied by the kernel where it can (stems
// from phase rows; each thread padding a copy of its own, of small inputs
// or of a band of rows of larger ones, but for large 1x1 layers), else
// materialized here, by a call of ovc_pad2d_f32 that copies the input into
// a zero-bordered buffer, so that the kernel reads every window without
// bounds checks; the depthwise kernel handles borders itself.
//
//===----------------------------------------------------------------------===//

#include "compiler/kernels/KernelCalls.h"
#include "targets/cpu/IR/BufferizationModels.h"
#include "targets/cpu/IR/CPUDialect.h"
#include "targets/cpu/ukernels/ukernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace ovc::kernels;

namespace {

/// `input` surrounded by zeros: `pads_begin`/`pads_end` on H and W, made by
/// ovc_pad2d_f32 (ukernels.h), which splits the copy across the threads
/// (as loops, it ran serially between two parallel layers).
Value padded(RewriterBase &rewriter, Operation *op, Value input,
             ArrayRef<int64_t> begin, ArrayRef<int64_t> end) {
  Location loc = op->getLoc();
  auto type = cast<MemRefType>(input.getType());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t n = shape[0], c = shape[1], h = shape[2], w = shape[3];
  auto paddedType =
      MemRefType::get({n, c, h + begin[0] + end[0], w + begin[1] + end[1]},
                      type.getElementType());
  Value buffer = rewriter.create<memref::AllocOp>(loc, paddedType);
  std::vector<double> params(OVC_PAD2D_NUM_PARAMS, 0.0);
  params[OVC_PAD2D_N] = n;
  params[OVC_PAD2D_C] = c;
  params[OVC_PAD2D_H] = h;
  params[OVC_PAD2D_W] = w;
  params[OVC_PAD2D_PAD_TOP] = begin[0];
  params[OVC_PAD2D_PAD_LEFT] = begin[1];
  params[OVC_PAD2D_PAD_BOTTOM] = end[0];
  params[OVC_PAD2D_PAD_RIGHT] = end[1];
  Value args[] = {
      pointerTo(rewriter, loc, input), pointerTo(rewriter, loc, buffer),
      pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params))};
  rewriter.create<func::CallOp>(
      loc, declareKernel(rewriter, op, "ovc_pad2d_f32", std::size(args)), args);
  return buffer;
}

/// The filter's window: [.., C, KH, KW, B] packed, 3x3 transformed, or
/// [C, KH, KW].
std::pair<int64_t, int64_t> window(ovc::cpu::Conv2DOp conv) {
  auto type = conv.getFilter().getType();
  return {type.getDimSize(2), type.getDimSize(3)};
}
std::pair<int64_t, int64_t> window(ovc::cpu::WinogradConv2DOp) {
  return {3, 3};
}
std::pair<int64_t, int64_t> window(ovc::cpu::DepthwiseConv2DOp conv) {
  auto type = conv.getFilter().getType();
  return {type.getDimSize(1), type.getDimSize(2)};
}

/// The residual the convolution kernel adds (the depthwise kernel takes
/// none: its call has no residual argument).
std::optional<Value> residual(ovc::cpu::Conv2DOp conv) {
  return conv.getResidual();
}
std::optional<Value> residual(ovc::cpu::WinogradConv2DOp conv) {
  return conv.getResidual();
}
std::optional<Value> residual(ovc::cpu::DepthwiseConv2DOp) {
  return std::nullopt;
}

/// Whether the kernel supplies the padding itself (else the input is
/// copied into a zero-bordered buffer first): stems computed from phase
/// rows, and all others but large 1x1 ones (ovc_conv2d_pads_privately).
bool padsInKernel(ovc::cpu::Conv2DOp conv) {
  // Stems writing blocks are computed from phase rows.
  if (conv.writesBlocks())
    return true;
  auto [kh, kw] = window(conv);
  auto inType = conv.getInput().getType();
  // The packed filter is [OC / B, C, KH, KW, B].
  if (ovc_conv2d_from_phase_rows(inType.getDimSize(1), kh, kw,
                                 conv.getStrides()[1], conv.getDilations()[1],
                                 conv.getOutput().getType().getDimSize(3),
                                 conv.getOutput().getType().getDimSize(1),
                                 conv.getFilter().getType().getDimSize(4)))
    return true;
  ArrayRef<int64_t> begin = conv.getPadsBegin(), end = conv.getPadsEnd();
  return ovc_conv2d_pads_privately(inType.getDimSize(0), inType.getDimSize(1),
                                   inType.getDimSize(2) + begin[0] + end[0],
                                   inType.getDimSize(3) + begin[1] + end[1], kh,
                                   kw);
}
// The Winograd kernel pads as the direct one does (3x3 windows: whole
// inputs or bands of rows).
bool padsInKernel(ovc::cpu::WinogradConv2DOp) { return true; }
bool padsInKernel(ovc::cpu::DepthwiseConv2DOp) { return true; }

/// Whether each step of the sums is one fused multiply-add (depthwise: where
/// the op says so; the other kernels fuse wherever the family has FMA).
bool fusedMultiplyAdds(ovc::cpu::Conv2DOp) { return false; }
bool fusedMultiplyAdds(ovc::cpu::WinogradConv2DOp) { return false; }
bool fusedMultiplyAdds(ovc::cpu::DepthwiseConv2DOp conv) {
  return conv.getFusedMultiplyAdd();
}

/// Whether an NCHW input gives a blocked output (stems only).
bool writesBlocks(ovc::cpu::Conv2DOp conv) { return conv.writesBlocks(); }
bool writesBlocks(ovc::cpu::WinogradConv2DOp) { return false; }
bool writesBlocks(ovc::cpu::DepthwiseConv2DOp) { return false; }

/// The kernels' parameter array (ukernels.h) for a window of `kh` x `kw`
/// from `in` to `out` (NCHW sizes as the kernel sees them), with a bias
/// where `hasBias` and the clamp `min` / `max` where present.
std::vector<double> windowParams(ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                                 int64_t kh, int64_t kw,
                                 ArrayRef<int64_t> strides,
                                 ArrayRef<int64_t> dilations, bool hasBias,
                                 FloatAttr min, FloatAttr max) {
  std::vector<double> params(OVC_CONV2D_NUM_PARAMS, 0.0);
  params[OVC_CONV2D_N] = in[0];
  params[OVC_CONV2D_C] = in[1];
  params[OVC_CONV2D_H] = in[2];
  params[OVC_CONV2D_W] = in[3];
  params[OVC_CONV2D_OC] = out[1];
  params[OVC_CONV2D_OH] = out[2];
  params[OVC_CONV2D_OW] = out[3];
  params[OVC_CONV2D_KH] = kh;
  params[OVC_CONV2D_KW] = kw;
  params[OVC_CONV2D_SH] = strides[0];
  params[OVC_CONV2D_SW] = strides[1];
  params[OVC_CONV2D_DH] = dilations[0];
  params[OVC_CONV2D_DW] = dilations[1];
  params[OVC_CONV2D_HAS_BIAS] = hasBias ? 1 : 0;
  if (min) {
    params[OVC_CONV2D_HAS_MIN] = 1;
    params[OVC_CONV2D_MIN] = min.getValueAsDouble();
  }
  if (max) {
    params[OVC_CONV2D_HAS_MAX] = 1;
    params[OVC_CONV2D_MAX] = max.getValueAsDouble();
  }
  return params;
}

/// Parameters travel as f32: sizes are exact below 2^24.
LogicalResult checkSizesExact(Operation *op,
                              const std::vector<double> &params) {
  for (int p = OVC_CONV2D_N; p <= OVC_CONV2D_DW; ++p)
    if (params[p] >= double(1 << 24))
      return op->emitError("convolution too large for the microkernel");
  return success();
}

template <typename ConvOp>
struct ConvCallBufferization
    : public KernelCallBufferization<ConvCallBufferization<ConvOp>, ConvOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto conv = cast<ConvOp>(op);
    Location loc = op->getLoc();
    auto inType = conv.getInput().getType();
    auto outType = conv.getOutput().getType();

    FailureOr<Value> input =
        denseBuffer(rewriter, loc, conv.getInput(), options);
    FailureOr<Value> filter = getBuffer(rewriter, conv.getFilter(), options);
    if (failed(input) || failed(filter))
      return failure();
    Value in = *input;
    ArrayRef<int64_t> padsBegin = conv.getPadsBegin(),
                      padsEnd = conv.getPadsEnd();
    bool hasPads = llvm::any_of(padsBegin, [](int64_t p) { return p; }) ||
                   llvm::any_of(padsEnd, [](int64_t p) { return p; });
    bool materialize = hasPads && !padsInKernel(conv);
    if (materialize)
      in = padded(rewriter, op, in, padsBegin, padsEnd);
    Value bias = *filter;
    if (conv.getBias()) {
      FailureOr<Value> buffer = getBuffer(rewriter, conv.getBias(), options);
      if (failed(buffer))
        return failure();
      bias = *buffer;
    }
    Value out = resultBuffer(rewriter, loc, outType);

    // Blocked layers take the NCHW sizes of the activations they hold.
    SmallVector<int64_t, 4> inShape = ovc::cpu::nchwShape(inType),
                            outShape = ovc::cpu::nchwShape(outType);
    int64_t h = inShape[2], w = inShape[3];
    if (materialize) {
      h += padsBegin[0] + padsEnd[0];
      w += padsBegin[1] + padsEnd[1];
    }
    auto [kh, kw] = window(conv);
    int64_t oh = outShape[2], ow = outShape[3];
    ArrayRef<int64_t> strides = conv.getStrides();
    // A pointwise convolution over whole rows is one long row: the kernel's
    // tiles then never end at a row boundary.
    if (kh == 1 && kw == 1 && strides[0] == 1 && strides[1] == 1 && oh == h &&
        ow == w) {
      w = h * w;
      ow = w;
      h = oh = 1;
    }
    std::vector<double> params = windowParams(
        {inShape[0], inShape[1], h, w}, {outShape[0], outShape[1], oh, ow}, kh,
        kw, strides, conv.getDilations(), bool(conv.getBias()),
        conv.getMinAttr(), conv.getMaxAttr());
    if (hasPads && !materialize) {
      params[OVC_CONV2D_PAD_TOP] = padsBegin[0];
      params[OVC_CONV2D_PAD_LEFT] = padsBegin[1];
      params[OVC_CONV2D_PAD_BOTTOM] = padsEnd[0];
      params[OVC_CONV2D_PAD_RIGHT] = padsEnd[1];
    }
    params[OVC_CONV2D_FUSED_MADD] = fusedMultiplyAdds(conv) ? 1 : 0;
    params[OVC_CONV2D_BLOCKED_OUTPUT] = writesBlocks(conv) ? 1 : 0;
    if (failed(checkSizesExact(op, params)))
      return failure();

    SmallVector<Value> args = {pointerTo(rewriter, loc, in),
                               pointerTo(rewriter, loc, *filter),
                               pointerTo(rewriter, loc, bias)};
    if (std::optional<Value> skip = residual(conv)) {
      // Without a residual the kernel reads none: any valid pointer will do.
      Value buffer = *filter;
      if (*skip) {
        FailureOr<Value> skipBuffer =
            denseBuffer(rewriter, loc, *skip, options);
        if (failed(skipBuffer))
          return failure();
        buffer = *skipBuffer;
        params[OVC_CONV2D_HAS_RESIDUAL] = 1;
      }
      args.push_back(pointerTo(rewriter, loc, buffer));
    }
    args.push_back(pointerTo(rewriter, loc, out));
    args.push_back(
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params)));
    callKernel(rewriter, op, conv.getUkernel(), args, out);
    return success();
  }
};

/// ovc_cpu.depthwise_pointwise_conv2d: <ukernel>(input, depthwise filter,
/// depthwise bias, filter, bias, residual, output, depthwise params,
/// params); the 1x1 layer's params have the depthwise output's plane.
struct DepthwisePointwiseBufferization
    : public KernelCallBufferization<DepthwisePointwiseBufferization,
                                     ovc::cpu::DepthwisePointwiseConv2DOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto conv = cast<ovc::cpu::DepthwisePointwiseConv2DOp>(op);
    Location loc = op->getLoc();
    auto outType = conv.getOutput().getType();
    // Buffers of the operands; an absent one passes `fallback`, which the
    // kernel does not read.
    SmallVector<Value> args;
    auto addOperand = [&](Value operand, Value fallback) -> LogicalResult {
      if (!operand) {
        args.push_back(pointerTo(rewriter, loc, fallback));
        return success();
      }
      FailureOr<Value> buffer = denseBuffer(rewriter, loc, operand, options);
      if (failed(buffer))
        return failure();
      args.push_back(pointerTo(rewriter, loc, *buffer));
      return success();
    };
    FailureOr<Value> filter = getBuffer(rewriter, conv.getFilter(), options);
    if (failed(filter) || failed(addOperand(conv.getInput(), {})) ||
        failed(addOperand(conv.getDwFilter(), {})) ||
        failed(addOperand(conv.getDwBias(), *filter)) ||
        failed(addOperand(conv.getFilter(), {})) ||
        failed(addOperand(conv.getBias(), *filter)) ||
        failed(addOperand(conv.getResidual(), *filter)))
      return failure();
    Value out = resultBuffer(rewriter, loc, outType);
    args.push_back(pointerTo(rewriter, loc, out));

    SmallVector<int64_t, 4> inShape =
                                ovc::cpu::nchwShape(conv.getInput().getType()),
                            outShape = ovc::cpu::nchwShape(outType);
    auto dwFilter = conv.getDwFilter().getType();
    const int64_t channels = inShape[1];
    SmallVector<int64_t, 4> middle = {outShape[0], channels, outShape[2],
                                      outShape[3]};
    std::vector<double> dwParams = windowParams(
        inShape, middle, dwFilter.getDimSize(1), dwFilter.getDimSize(2),
        conv.getStrides(), conv.getDilations(), bool(conv.getDwBias()),
        conv.getDwMinAttr(), conv.getDwMaxAttr());
    dwParams[OVC_CONV2D_PAD_TOP] = conv.getPadsBegin()[0];
    dwParams[OVC_CONV2D_PAD_LEFT] = conv.getPadsBegin()[1];
    dwParams[OVC_CONV2D_FUSED_MADD] = conv.getFusedMultiplyAdd() ? 1 : 0;
    const int64_t unit[2] = {1, 1};
    std::vector<double> params =
        windowParams(middle, outShape, 1, 1, unit, unit, bool(conv.getBias()),
                     conv.getMinAttr(), conv.getMaxAttr());
    params[OVC_CONV2D_HAS_RESIDUAL] = conv.getResidual() ? 1 : 0;
    if (failed(checkSizesExact(op, dwParams)) ||
        failed(checkSizesExact(op, params)))
      return failure();
    args.push_back(
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, dwParams)));
    args.push_back(
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params)));
    callKernel(rewriter, op, conv.getUkernel(), args, out);
    return success();
  }
};

/// ovc_cpu.reorder: <ukernel>(input, output, params), params N, C, H, W of
/// the activations.
struct ReorderBufferization
    : public KernelCallBufferization<ReorderBufferization,
                                     ovc::cpu::ReorderOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto reorder = cast<ovc::cpu::ReorderOp>(op);
    Location loc = op->getLoc();
    auto outType = reorder.getOutput().getType();
    FailureOr<Value> in =
        denseBuffer(rewriter, loc, reorder.getInput(), options);
    if (failed(in))
      return failure();
    Value out = resultBuffer(rewriter, loc, outType);
    SmallVector<int64_t, 4> shape = ovc::cpu::nchwShape(outType);
    std::vector<double> params(OVC_CONV2D_NUM_PARAMS, 0.0);
    params[OVC_CONV2D_N] = shape[0];
    params[OVC_CONV2D_C] = shape[1];
    params[OVC_CONV2D_H] = shape[2];
    params[OVC_CONV2D_W] = shape[3];
    for (int64_t size : shape)
      if (size >= int64_t(1) << 24)
        return op->emitError("activations too large for the reorder kernel");
    SmallVector<Value> args = {
        pointerTo(rewriter, loc, *in), pointerTo(rewriter, loc, out),
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params))};
    callKernel(rewriter, op, reorder.getUkernel(), args, out);
    return success();
  }
};

} // namespace

void ovc::cpu::registerConvBufferization(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, CPUDialect *) {
    Conv2DOp::attachInterface<ConvCallBufferization<Conv2DOp>>(*context);
    WinogradConv2DOp::attachInterface<ConvCallBufferization<WinogradConv2DOp>>(
        *context);
    DepthwiseConv2DOp::attachInterface<
        ConvCallBufferization<DepthwiseConv2DOp>>(*context);
    DepthwisePointwiseConv2DOp::attachInterface<
        DepthwisePointwiseBufferization>(*context);
    ReorderOp::attachInterface<ReorderBufferization>(*context);
  });
}
