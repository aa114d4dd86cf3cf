//===- ConvertOVToLinalg.cpp - the ov-to-linalg conversion pass -----------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"
#include "compiler/conversion/Passes.h"
#include "dialects/ov/IR/OVOps.h"
#include "targets/cpu/IR/CPUDialect.h"

#include "mlir/Transforms/DialectConversion.h"

namespace ovc::conversion {
#define GEN_PASS_DEF_CONVERTOVTOLINALG
#include "compiler/conversion/Passes.h.inc"
} // namespace ovc::conversion

using namespace mlir;
using namespace ovc::conversion;

namespace {
struct ConvertOVToLinalgPass
    : public ovc::conversion::impl::ConvertOVToLinalgBase<
          ConvertOVToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    populateElementwiseToLinalgPatterns(patterns);
    populateConvolutionToLinalgPatterns(patterns);
    populatePoolingToLinalgPatterns(patterns);
    populateReductionToLinalgPatterns(patterns);
    populateShapeToTensorPatterns(patterns);
    populateInterpolateToLinalgPatterns(patterns);
    ConversionTarget target(*context);
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           bufferization::BufferizationDialect,
                           arith::ArithDialect, math::MathDialect,
                           func::FuncDialect>();
    target.addIllegalDialect<mlir::ov::OVDialect>();
    // Layers the CPU target already gave to its microkernels.
    target.addLegalDialect<ovc::cpu::CPUDialect>();
    // Computed by a runtime-stub kernel: bufferizes into a call.
    target.addLegalOp<mlir::ov::DetectionOutputOp, mlir::ov::TopKOp>();
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
