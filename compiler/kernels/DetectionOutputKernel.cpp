//===- DetectionOutputKernel.cpp - DetectionOutput as a runtime call ------===//
//
// ov.detection_output bufferizes into
//   ovc_detection_output(loc, conf, priors, out, params)
// (runtime-stub/src/detection_output.c), with `params` a stack array of the
// op's attributes and shapes in the order of ovc_detection_output_param
// (runtime-stub/src/detection_output.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/kernels/KernelCalls.h"
#include "compiler/kernels/RuntimeKernels.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace ovc::kernels;

namespace {

constexpr const char *kKernel = "ovc_detection_output";

struct DetectionOutputBufferization
    : public KernelCallBufferization<DetectionOutputBufferization,
                                     ov::DetectionOutputOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto det = cast<ov::DetectionOutputOp>(op);
    if (det.getAuxClassPreds())
      return op->emitError("DetectionOutput with ARM inputs (5 inputs) is "
                           "not compiled yet");
    auto outType = cast<RankedTensorType>(det.getType());
    auto locType = cast<RankedTensorType>(det.getBoxLogits().getType());
    auto priorType = cast<RankedTensorType>(det.getProposals().getType());
    if (!outType.hasStaticShape() || !locType.hasStaticShape() ||
        !priorType.hasStaticShape() || !det.getNumClasses() ||
        !outType.getElementType().isF32())
      return op->emitError("DetectionOutput needs static f32 shapes and a "
                           "known class count");
    Location loc = op->getLoc();
    SmallVector<Value> pointers;
    for (Value input :
         {det.getBoxLogits(), det.getClassPreds(), det.getProposals()}) {
      FailureOr<Value> buffer = denseBuffer(rewriter, loc, input, options);
      if (failed(buffer))
        return failure();
      pointers.push_back(pointerTo(rewriter, loc, *buffer));
    }
    Value out = resultBuffer(rewriter, loc, outType);
    pointers.push_back(pointerTo(rewriter, loc, out));

    int64_t priorSize = det.getNormalized() ? 4 : 5;
    int64_t numPriors = priorType.getDimSize(2) / priorSize;
    double codeType = det.getCodeType() == ov::BoxCodeType::corner        ? 0
                      : det.getCodeType() == ov::BoxCodeType::center_size ? 1
                                                                          : 2;
    double params[] = {double(*det.getNumClasses()),
                       double(int64_t(det.getBackgroundLabelId())),
                       double(int64_t(det.getTopK())),
                       double(det.getKeepTopK()[0]),
                       codeType,
                       double(det.getShareLocation()),
                       double(det.getVarianceEncodedInTarget()),
                       det.getNmsThreshold().convertToDouble(),
                       det.getConfidenceThreshold().convertToDouble(),
                       double(det.getClipAfterNms()),
                       double(det.getClipBeforeNms()),
                       double(det.getDecreaseLabelId()),
                       double(det.getNormalized()),
                       double(int64_t(det.getInputHeight())),
                       double(int64_t(det.getInputWidth())),
                       double(numPriors),
                       double(locType.getDimSize(0)),
                       double(priorType.getDimSize(0)),
                       double(priorType.getDimSize(1)),
                       double(outType.getDimSize(2))};
    Value paramBuffer = paramsBuffer(rewriter, loc, params);
    pointers.push_back(pointerTo(rewriter, loc, paramBuffer));
    callKernel(rewriter, op, kKernel, pointers, out);
    return success();
  }
};
} // namespace

void ovc::kernels::registerRuntimeKernelBufferization(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, ov::OVDialect *) {
    context->loadDialect<memref::MemRefDialect, LLVM::LLVMDialect,
                         linalg::LinalgDialect, arith::ArithDialect,
                         func::FuncDialect>();
    ov::DetectionOutputOp::attachInterface<DetectionOutputBufferization>(
        *context);
    registerTopKBufferization(context);
  });
}
