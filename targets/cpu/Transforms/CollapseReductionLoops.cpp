//===- CollapseReductionLoops.cpp - one long loop per reduction run -------===//

#include "targets/cpu/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_COLLAPSEREDUCTIONLOOPS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;

namespace {

/// `map` without its constant results.
AffineMap withoutConstants(AffineMap map) {
  SmallVector<AffineExpr> dims;
  for (AffineExpr expr : map.getResults())
    if (!isa<AffineConstantExpr>(expr))
      dims.push_back(expr);
  return AffineMap::get(map.getNumDims(), 0, dims, map.getContext());
}

/// The maximal runs of two or more adjacent reduction loops of `op` that
/// every indexing map keeps together (as consecutive results, or not at
/// all), its maps' constant results aside (areDimSequencesPreserved takes
/// every result for a dimension).
SmallVector<ReassociationIndices>
collapsibleReductionRuns(linalg::GenericOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<AffineMap> maps =
      llvm::map_to_vector(op.getIndexingMapsArray(), withoutConstants);
  SmallVector<ReassociationIndices> runs;
  for (int64_t first = 0, e = iterators.size(); first < e;) {
    int64_t end = first;
    while (end < e && iterators[end] == utils::IteratorType::reduction)
      ++end;
    // Shorten the run from its end until the maps keep it together.
    for (; end - first >= 2; --end) {
      ReassociationIndices run =
          llvm::to_vector<2>(llvm::seq<int64_t>(first, end));
      if (linalg::areDimSequencesPreserved(maps, {run})) {
        runs.push_back(run);
        break;
      }
    }
    first = std::max(end, first + 1);
  }
  return runs;
}

/// The reassociation that drops the size-1 dimensions that `map` indexes
/// by the constant 0 (a reduction's kept dimensions), each folded into a
/// neighbouring dimension's group; nullopt if it has none.
std::optional<SmallVector<ReassociationIndices>>
constantDimGroups(AffineMap map, ArrayRef<int64_t> shape) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  bool any = false;
  for (auto [i, expr] : llvm::enumerate(map.getResults())) {
    auto constant = dyn_cast<AffineConstantExpr>(expr);
    if (constant) {
      if (constant.getValue() != 0 || shape[i] != 1)
        return std::nullopt;
      any = true;
      // Into the previous group, or the next one if there is none yet.
      if (groups.empty())
        pending.push_back(i);
      else
        groups.back().push_back(i);
      continue;
    }
    pending.push_back(i);
    groups.push_back(pending);
    pending.clear();
  }
  if (!any)
    return std::nullopt;
  // All dimensions constant: a rank-0 tensor, no groups.
  return groups;
}

/// Rewrites `op`, whose only init is indexed by constant 0s along its
/// size-1 dimensions, to write a collapsed view of that init without them.
/// linalg::collapseOpIterationDims (LLVM 19) maps such constant results to
/// the first loop instead (`(d0, d1, 0, 0)` became `(d0, d1, d0, d0)`).
FailureOr<linalg::GenericOp> dropConstantInitDims(RewriterBase &rewriter,
                                                  linalg::GenericOp op) {
  OpOperand *init = op.getDpsInitOperand(0);
  auto type = cast<RankedTensorType>(init->get().getType());
  AffineMap map = op.getMatchingIndexingMap(init);
  std::optional<SmallVector<ReassociationIndices>> groups =
      constantDimGroups(map, type.getShape());
  if (!groups)
    return failure();
  SmallVector<int64_t> shape;
  for (auto [i, expr] : llvm::enumerate(map.getResults()))
    if (!isa<AffineConstantExpr>(expr))
      shape.push_back(type.getDimSize(i));
  Location loc = op.getLoc();
  auto collapsedType = RankedTensorType::get(shape, type.getElementType());
  Value collapsedInit = rewriter.create<tensor::CollapseShapeOp>(
      loc, collapsedType, init->get(), *groups);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  maps.back() = withoutConstants(map);
  auto collapsed = rewriter.create<linalg::GenericOp>(
      loc, TypeRange{collapsedType}, op.getDpsInputs(),
      ValueRange{collapsedInit}, maps, op.getIteratorTypesArray());
  rewriter.inlineRegionBefore(op.getRegion(), collapsed.getRegion(),
                              collapsed.getRegion().begin());
  for (NamedAttribute attr : op->getDiscardableAttrs())
    collapsed->setAttr(attr.getName(), attr.getValue());
  Value expanded = rewriter.create<tensor::ExpandShapeOp>(
      loc, type, collapsed.getResult(0), *groups);
  rewriter.replaceOp(op, expanded);
  return collapsed;
}

/// Whether `op` has one init and maps of plain dimensions, but for the
/// init's constant 0s. Collapsing handles no others: constants it gets
/// wrong (dropConstantInitDims removes the init's), and sums (a
/// convolution's oh + kh) it does not look into, collapsing loops that
/// they index apart.
bool hasPlainMaps(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1 || op.getNumResults() != 1)
    return false;
  for (OpOperand *input : op.getDpsInputOperands())
    if (!op.getMatchingIndexingMap(input).isProjectedPermutation())
      return false;
  return op.getMatchingIndexingMap(op.getDpsInitOperand(0))
      .isProjectedPermutation(/*allowZeroInResults=*/true);
}

struct CollapseReductionLoopsPass
    : public ovc::cpu::impl::CollapseReductionLoopsBase<
          CollapseReductionLoopsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op.hasPureTensorSemantics() && op.getNumReductionLoops() >= 2)
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates) {
      if (!hasPlainMaps(op) || collapsibleReductionRuns(op).empty())
        continue;
      rewriter.setInsertionPoint(op);
      if (FailureOr<linalg::GenericOp> dropped =
              dropConstantInitDims(rewriter, op);
          succeeded(dropped)) {
        op = *dropped;
        rewriter.setInsertionPoint(op); // the old op is gone
      }
      SmallVector<ReassociationIndices> runs = collapsibleReductionRuns(op);
      FailureOr<linalg::CollapseResult> collapsed =
          linalg::collapseOpIterationDims(op, runs, rewriter);
      if (failed(collapsed))
        continue;
      // Keep the layer's annotations (the kernel name the per-layer
      // counters report).
      for (NamedAttribute attr : op->getDiscardableAttrs())
        collapsed->collapsedOp->setAttr(attr.getName(), attr.getValue());
      rewriter.replaceOp(op, collapsed->results);
    }
  }
};

} // namespace
