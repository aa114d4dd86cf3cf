//===- SpecializeBatch.cpp - fix a dynamic batch and re-infer shapes ------===//

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/FoldUtils.h"

namespace mlir::ov {
#define GEN_PASS_DEF_OVSPECIALIZEBATCH
#include "dialects/ov/Transforms/Passes.h.inc"
} // namespace mlir::ov

using namespace mlir;
using namespace mlir::ov;

namespace {
struct SpecializeBatchPass
    : public ov::impl::OVSpecializeBatchBase<SpecializeBatchPass> {
  using OVSpecializeBatchBase::OVSpecializeBatchBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (batch < 1) {
      func.emitError("batch must be >= 1, got ") << int64_t(batch);
      return signalPassFailure();
    }
    if (func.isExternal())
      return;
    Block &entry = func.getBody().front();
    bool changed = false;
    for (BlockArgument arg : entry.getArguments()) {
      auto type = dyn_cast<RankedTensorType>(arg.getType());
      if (!type || type.getRank() == 0 || !type.isDynamicDim(0))
        continue;
      SmallVector<int64_t> shape(type.getShape());
      shape[0] = batch;
      arg.setType(RankedTensorType::get(shape, type.getElementType()));
      changed = true;
    }
    if (!changed)
      return;

    // Re-infer in program order, folding as we go: a shape sub-graph that
    // read the batch becomes constant before its users are re-inferred.
    OperationFolder folder(&getContext());
    for (Operation &op : llvm::make_early_inc_range(entry)) {
      auto inferable = dyn_cast<InferTypeOpInterface>(&op);
      if (!inferable)
        continue;
      SmallVector<Type> inferred;
      if (failed(inferable.inferReturnTypes(
              &getContext(), op.getLoc(), op.getOperands(),
              op.getAttrDictionary(), op.getPropertiesStorage(),
              op.getRegions(), inferred)))
        return signalPassFailure();
      for (auto [result, type] : llvm::zip(op.getResults(), inferred))
        result.setType(type);
      (void)folder.tryToFold(&op);
    }

    // Drop what folding left unused (the old shape sub-graph).
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(entry)))
      if (isOpTriviallyDead(&op))
        op.erase();

    auto returnOp = cast<func::ReturnOp>(entry.getTerminator());
    func.setFunctionType(FunctionType::get(
        &getContext(), entry.getArgumentTypes(), returnOp.getOperandTypes()));
  }
};
} // namespace
