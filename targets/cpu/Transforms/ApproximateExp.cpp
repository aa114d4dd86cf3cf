//===- ApproximateExp.cpp - f32 exp as a vectorizable polynomial ----------===//
//
// LLVM has no vector exp on x86 without a vector math library: a loop of
// math.exp vectorizes into llvm.exp.v8f32, which the backend splits into
// one libm expf call per lane. MLIR's polynomial approximation computes exp
// with arithmetic only (range reduction by ln 2, a degree-7 polynomial,
// exponent bits; inf, NaN and underflow handled), so the loops around it
// vectorize for real. Only exp is replaced: other functions keep libm.
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_APPROXIMATEEXP
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;

namespace {

struct ApproximateExpPass
    : public ovc::cpu::impl::ApproximateExpBase<ApproximateExpPass> {
  void runOnOperation() override {
    SmallVector<Operation *> exps;
    getOperation().walk([&](math::ExpOp op) {
      if (getElementTypeOrSelf(op.getType()).isF32())
        exps.push_back(op);
    });
    if (exps.empty())
      return;
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    // Only the exp ops found above are rewritten; other math ops stay.
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingOps;
    if (failed(applyOpPatternsAndFold(exps, std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace
