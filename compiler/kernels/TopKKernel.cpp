//===- TopKKernel.cpp - TopK as a runtime call ----------------------------===//
//
// ov.topk bufferizes into
//   ovc_topk_f32(input, values, indices, scratch, params)
// (runtime-stub/src/topk.c): a selection per slice along the axis.
//
//===----------------------------------------------------------------------===//

#include "compiler/kernels/KernelCalls.h"
#include "compiler/kernels/RuntimeKernels.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace ovc::kernels;

namespace {

constexpr const char *kKernel = "ovc_topk_f32";

struct TopKBufferization
    : public KernelCallBufferization<TopKBufferization, ov::TopKOp> {
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options) const {
    auto topk = cast<ov::TopKOp>(op);
    auto inType = cast<RankedTensorType>(topk.getInput().getType());
    auto valuesType = cast<RankedTensorType>(topk.getValues().getType());
    auto indicesType = cast<RankedTensorType>(topk.getIndices().getType());
    if (!inType.hasStaticShape() || !valuesType.hasStaticShape() ||
        !inType.getElementType().isF32())
      return op->emitError("TopK is compiled for static f32 inputs only");
    unsigned indexBits = indicesType.getElementTypeBitWidth();
    if (indexBits != 32 && indexBits != 64)
      return op->emitError("TopK indices must be i32 or i64");
    int64_t rank = inType.getRank();
    // I64Attr getters are unsigned: a negative axis needs the cast.
    int64_t axis = int64_t(topk.getAxis());
    if (axis < 0)
      axis += rank;
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= inType.getDimSize(d);
    for (int64_t d = axis + 1; d < rank; ++d)
      inner *= inType.getDimSize(d);
    int64_t length = inType.getDimSize(axis);
    int64_t k = valuesType.getDimSize(axis);
    // Parameters travel as f32: exact below 2^24.
    for (int64_t v : {outer, inner, length})
      if (v >= (int64_t(1) << 24))
        return op->emitError("TopK tensor too large for the kernel");

    Location loc = op->getLoc();
    FailureOr<Value> input =
        denseBuffer(rewriter, loc, topk.getInput(), options);
    if (failed(input))
      return failure();
    Value values = resultBuffer(rewriter, loc, valuesType);
    Value indices = resultBuffer(rewriter, loc, indicesType);
    // 16-byte (value, index) entries for one slice.
    Value scratch = rewriter.create<memref::AllocOp>(
        loc, MemRefType::get({2 * length}, rewriter.getI64Type()));
    double sort = topk.getSort() == ov::TopKSort::index ? 1 : 0;
    double params[] = {double(outer),
                       double(length),
                       double(inner),
                       double(k),
                       topk.getMode() == ov::TopKMode::max ? 1.0 : 0.0,
                       sort,
                       double(indexBits)};
    SmallVector<Value> args = {
        pointerTo(rewriter, loc, *input), pointerTo(rewriter, loc, values),
        pointerTo(rewriter, loc, indices), pointerTo(rewriter, loc, scratch),
        pointerTo(rewriter, loc, paramsBuffer(rewriter, loc, params))};
    callKernel(rewriter, op, kKernel, args, {values, indices});
    return success();
  }
};

} // namespace

void ovc::kernels::registerTopKBufferization(mlir::MLIRContext *context) {
  ov::TopKOp::attachInterface<TopKBufferization>(*context);
}
