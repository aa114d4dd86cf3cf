//===- ConvBufferization.cpp - ovc_cpu convolutions as kernel calls -------===//
//
// ovc_cpu.conv2d, ovc_cpu.winograd_conv2d and ovc_cpu.depthwise_conv2d
// bufferize into
//   <ukernel>(padded input, filter, bias, output, params)
// and ovc_cpu.reorder into <ukernel>(input, output, params)
// (targets/cpu/ukernels, ukernels.h for the parameters). For the
// convolution kernel, padding is materialized here, as a zero-filled buffer
// with the input copied into its interior, so that the kernel reads every
// window without bounds checks; the depthwise kernel handles borders
// itself.
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

/// `input` surrounded by zeros: `pads_begin`/`pads_end` on H and W. Only
/// the border is filled (the interior is written once, by the copy).
Value padded(RewriterBase &rewriter, Location loc, Value input,
             ArrayRef<int64_t> begin, ArrayRef<int64_t> end) {
  auto type = cast<MemRefType>(input.getType());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t n = shape[0], c = shape[1], h = shape[2], w = shape[3];
  int64_t paddedW = w + begin[1] + end[1];
  auto paddedType = MemRefType::get({n, c, h + begin[0] + end[0], paddedW},
                                    type.getElementType());
  Value buffer = rewriter.create<memref::AllocOp>(loc, paddedType);
  // A [n, c, rows, cols] window of the buffer at (row, col).
  auto window = [&](int64_t row, int64_t col, int64_t rows, int64_t cols) {
    SmallVector<OpFoldResult> offsets = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
        rewriter.getIndexAttr(row), rewriter.getIndexAttr(col)};
    SmallVector<OpFoldResult> sizes = {
        rewriter.getIndexAttr(n), rewriter.getIndexAttr(c),
        rewriter.getIndexAttr(rows), rewriter.getIndexAttr(cols)};
    SmallVector<OpFoldResult> strides(4, rewriter.getIndexAttr(1));
    return rewriter.create<memref::SubViewOp>(loc, buffer, offsets, sizes,
                                              strides);
  };
  Value zero = rewriter.create<arith::ConstantOp>(
      loc, rewriter.getZeroAttr(type.getElementType()));
  auto fill = [&](int64_t row, int64_t col, int64_t rows, int64_t cols) {
    if (rows > 0 && cols > 0)
      rewriter.create<linalg::FillOp>(loc, zero,
                                      window(row, col, rows, cols).getResult());
  };
  fill(0, 0, begin[0], paddedW);           // top rows
  fill(begin[0] + h, 0, end[0], paddedW);  // bottom rows
  fill(begin[0], 0, h, begin[1]);          // left columns
  fill(begin[0], begin[1] + w, h, end[1]); // right columns
  rewriter.create<linalg::CopyOp>(loc, input,
                                  window(begin[0], begin[1], h, w).getResult());
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

/// Whether the kernel leaves out the taps in the padding itself (else the
/// input is copied into a zero-filled buffer first).
bool padsInKernel(ovc::cpu::Conv2DOp conv) {
  // Stems writing blocks are computed from phase rows.
  if (conv.writesBlocks())
    return true;
  auto [kh, kw] = window(conv);
  // The packed filter is [OC / B, C, KH, KW, B].
  return ovc_conv2d_from_phase_rows(
      conv.getInput().getType().getDimSize(1), kh, kw, conv.getStrides()[1],
      conv.getDilations()[1], conv.getOutput().getType().getDimSize(3),
      conv.getOutput().getType().getDimSize(1),
      conv.getFilter().getType().getDimSize(4));
}
bool padsInKernel(ovc::cpu::WinogradConv2DOp) { return false; }
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

template <typename ConvOp>
struct ConvCallBufferization
    : public KernelCallBufferization<ConvCallBufferization<ConvOp>, ConvOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto conv = cast<ConvOp>(op);
    Location loc = op->getLoc();
    auto inType = conv.getInput().getType();
    auto outType = conv.getOutput().getType();

    FailureOr<Value> input = getBuffer(rewriter, conv.getInput(), options);
    FailureOr<Value> filter = getBuffer(rewriter, conv.getFilter(), options);
    if (failed(input) || failed(filter))
      return failure();
    Value in = contiguous(rewriter, loc, *input);
    ArrayRef<int64_t> padsBegin = conv.getPadsBegin(),
                      padsEnd = conv.getPadsEnd();
    bool hasPads = llvm::any_of(padsBegin, [](int64_t p) { return p; }) ||
                   llvm::any_of(padsEnd, [](int64_t p) { return p; });
    bool materialize = hasPads && !padsInKernel(conv);
    if (materialize)
      in = padded(rewriter, loc, in, padsBegin, padsEnd);
    Value bias = *filter;
    if (conv.getBias()) {
      FailureOr<Value> buffer = getBuffer(rewriter, conv.getBias(), options);
      if (failed(buffer))
        return failure();
      bias = *buffer;
    }
    Value out = rewriter.create<memref::AllocOp>(
        loc, MemRefType::get(outType.getShape(), outType.getElementType()));

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
    std::vector<double> params(OVC_CONV2D_NUM_PARAMS, 0.0);
    params[OVC_CONV2D_N] = inShape[0];
    params[OVC_CONV2D_C] = inShape[1];
    params[OVC_CONV2D_H] = h;
    params[OVC_CONV2D_W] = w;
    params[OVC_CONV2D_OC] = outShape[1];
    params[OVC_CONV2D_OH] = oh;
    params[OVC_CONV2D_OW] = ow;
    params[OVC_CONV2D_KH] = kh;
    params[OVC_CONV2D_KW] = kw;
    params[OVC_CONV2D_SH] = strides[0];
    params[OVC_CONV2D_SW] = strides[1];
    params[OVC_CONV2D_DH] = conv.getDilations()[0];
    params[OVC_CONV2D_DW] = conv.getDilations()[1];
    params[OVC_CONV2D_HAS_BIAS] = conv.getBias() ? 1 : 0;
    if (auto min = conv.getMinAttr()) {
      params[OVC_CONV2D_HAS_MIN] = 1;
      params[OVC_CONV2D_MIN] = min.getValueAsDouble();
    }
    if (auto max = conv.getMaxAttr()) {
      params[OVC_CONV2D_HAS_MAX] = 1;
      params[OVC_CONV2D_MAX] = max.getValueAsDouble();
    }
    if (hasPads && !materialize) {
      params[OVC_CONV2D_PAD_TOP] = padsBegin[0];
      params[OVC_CONV2D_PAD_LEFT] = padsBegin[1];
    }
    params[OVC_CONV2D_FUSED_MADD] = fusedMultiplyAdds(conv) ? 1 : 0;
    params[OVC_CONV2D_BLOCKED_OUTPUT] = writesBlocks(conv) ? 1 : 0;
    // Parameters travel as f32: exact below 2^24.
    for (int p = OVC_CONV2D_N; p <= OVC_CONV2D_DW; ++p)
      if (params[p] >= double(1 << 24))
        return op->emitError("convolution too large for the microkernel");

    SmallVector<Value> args = {pointerTo(rewriter, loc, in),
                               pointerTo(rewriter, loc, *filter),
                               pointerTo(rewriter, loc, bias)};
    if (std::optional<Value> skip = residual(conv)) {
      // Without a residual the kernel reads none: any valid pointer will do.
      Value buffer = *filter;
      if (*skip) {
        FailureOr<Value> skipBuffer = getBuffer(rewriter, *skip, options);
        if (failed(skipBuffer))
          return failure();
        buffer = contiguous(rewriter, loc, *skipBuffer);
        params[OVC_CONV2D_HAS_RESIDUAL] = 1;
      }
      args.push_back(pointerTo(rewriter, loc, buffer));
    }
    args.push_back(pointerTo(rewriter, loc, out));
    args.push_back(
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params)));
    rewriter.create<func::CallOp>(
        loc, declareKernel(rewriter, op, conv.getUkernel(), args.size()), args);
    replaceOpWithBufferizedValues(rewriter, op, out);
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
    FailureOr<Value> input = getBuffer(rewriter, reorder.getInput(), options);
    if (failed(input))
      return failure();
    Value in = contiguous(rewriter, loc, *input);
    Value out = rewriter.create<memref::AllocOp>(
        loc, MemRefType::get(outType.getShape(), outType.getElementType()));
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
        pointerTo(rewriter, loc, in), pointerTo(rewriter, loc, out),
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params))};
    rewriter.create<func::CallOp>(
        loc, declareKernel(rewriter, op, reorder.getUkernel(), args.size()),
        args);
    replaceOpWithBufferizedValues(rewriter, op, out);
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
    ReorderOp::attachInterface<ReorderBufferization>(*context);
  });
}
