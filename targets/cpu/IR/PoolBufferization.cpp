//===- PoolBufferization.cpp - ovc_cpu.max_pool2d as a kernel call --------===//
//
// ovc_cpu.max_pool2d bufferizes into
//   ovc_max_pool2d_f32_<family>(input, output, params)
// (targets/cpu/ukernels, ukernels.h for the parameters). The kernel clips
// windows at the borders itself: no padded copy of the input.
//
//===----------------------------------------------------------------------===//

#include "compiler/kernels/KernelCalls.h"
#include "targets/cpu/IR/BufferizationModels.h"
#include "targets/cpu/IR/CPUDialect.h"
#include "targets/cpu/ukernels/ukernels.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace ovc::kernels;

namespace {

struct MaxPool2DBufferization
    : public KernelCallBufferization<MaxPool2DBufferization,
                                     ovc::cpu::MaxPool2DOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto pool = cast<ovc::cpu::MaxPool2DOp>(op);
    Location loc = op->getLoc();
    auto inType = pool.getInput().getType();
    auto outType = pool.getOutput().getType();
    FailureOr<Value> in = denseBuffer(rewriter, loc, pool.getInput(), options);
    if (failed(in))
      return failure();
    Value out = resultBuffer(rewriter, loc, outType);

    std::vector<double> params(OVC_POOL2D_NUM_PARAMS, 0.0);
    params[OVC_POOL2D_N] = inType.getDimSize(0);
    params[OVC_POOL2D_C] = inType.getDimSize(1);
    params[OVC_POOL2D_H] = inType.getDimSize(2);
    params[OVC_POOL2D_W] = inType.getDimSize(3);
    params[OVC_POOL2D_OH] = outType.getDimSize(2);
    params[OVC_POOL2D_OW] = outType.getDimSize(3);
    params[OVC_POOL2D_KH] = pool.getKernel()[0];
    params[OVC_POOL2D_KW] = pool.getKernel()[1];
    params[OVC_POOL2D_SH] = pool.getStrides()[0];
    params[OVC_POOL2D_SW] = pool.getStrides()[1];
    params[OVC_POOL2D_DH] = pool.getDilations()[0];
    params[OVC_POOL2D_DW] = pool.getDilations()[1];
    params[OVC_POOL2D_PAD_TOP] = pool.getPadsBegin()[0];
    params[OVC_POOL2D_PAD_LEFT] = pool.getPadsBegin()[1];
    // Parameters travel as f32: exact below 2^24.
    for (double value : params)
      if (value >= double(1 << 24))
        return op->emitError("pooling too large for the microkernel");

    SmallVector<Value> args = {
        pointerTo(rewriter, loc, *in), pointerTo(rewriter, loc, out),
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params))};
    callKernel(rewriter, op, pool.getUkernel(), args, out);
    return success();
  }
};

} // namespace

void ovc::cpu::registerPoolBufferization(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, CPUDialect *) {
    MaxPool2DOp::attachInterface<MaxPool2DBufferization>(*context);
  });
}
