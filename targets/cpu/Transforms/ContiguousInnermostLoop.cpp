//===- ContiguousInnermostLoop.cpp - vectorizable loop order --------------===//

#include "targets/cpu/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_CONTIGUOUSINNERMOSTLOOP
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;

namespace {

/// The loop to put innermost: the parallel loop that alone indexes the
/// output's last dimension, unless it is innermost already, and only when
/// it also runs along some input's last dimension (a row reduction such as
/// softmax's would otherwise read its input across rows).
std::optional<unsigned> contiguousOutputLoop(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0)
    return std::nullopt;
  AffineMap map = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (map.getNumResults() == 0)
    return std::nullopt;
  auto dim = dyn_cast<AffineDimExpr>(map.getResults().back());
  if (!dim)
    return std::nullopt;
  unsigned loop = dim.getPosition();
  if (op.getIteratorTypesArray()[loop] != utils::IteratorType::parallel ||
      loop + 1 == op.getNumLoops())
    return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap inputMap = op.getMatchingIndexingMap(input);
    if (inputMap.getNumResults() &&
        inputMap.getResults().back().isFunctionOfDim(loop))
      return loop;
  }
  return std::nullopt;
}

struct ContiguousInnermostLoopPass
    : public ovc::cpu::impl::ContiguousInnermostLoopBase<
          ContiguousInnermostLoopPass> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::LinalgOp, unsigned>> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (std::optional<unsigned> loop = contiguousOutputLoop(op))
        candidates.push_back({op, *loop});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, loop] : candidates) {
      std::string kernel = op->getName().stripDialect().str();
      rewriter.setInsertionPoint(op);
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (!generic) {
        FailureOr<linalg::GenericOp> generalized =
            linalg::generalizeNamedOp(rewriter, op);
        if (failed(generalized))
          continue;
        generic = *generalized;
        generic->setAttr("ovc.kernel", rewriter.getStringAttr(kernel));
      }
      SmallVector<unsigned> order;
      for (unsigned i = 0, e = generic.getNumLoops(); i < e; ++i)
        if (i != loop)
          order.push_back(i);
      order.push_back(loop);
      if (failed(linalg::interchangeGenericOp(rewriter, generic, order)))
        return signalPassFailure();
    }
  }
};

} // namespace
