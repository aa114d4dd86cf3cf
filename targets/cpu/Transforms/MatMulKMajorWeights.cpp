//===- MatMulKMajorWeights.cpp - constant MatMul weights stored K x N -----===//
//
// Transposes the constant B of `ov.matmul {transpose_b}` at compile time, so
// that the MatMul's loops can run along N, contiguous in B and in the output
// (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "targets/cpu/Transforms/Passes.h"

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"

#include "mlir/IR/Matchers.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_MATMULKMAJORWEIGHTS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;
namespace ov = mlir::ov;

namespace {

/// `values` of shape [..., rows, cols] with each matrix transposed.
std::vector<float> transposeMatrices(ArrayRef<float> values, int64_t rows,
                                     int64_t cols) {
  std::vector<float> result(values.size());
  int64_t matrix = rows * cols;
  for (int64_t base = 0; base < static_cast<int64_t>(values.size());
       base += matrix)
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        result[base + c * rows + r] = values[base + r * cols + c];
  return result;
}

void rewrite(ov::MatMulOp matmul) {
  if (!matmul.getTransposeB())
    return;
  auto type = dyn_cast<RankedTensorType>(matmul.getB().getType());
  if (!type || type.getRank() < 2 || !type.hasStaticShape() ||
      !type.getElementType().isF32())
    return;
  ElementsAttr attr;
  if (!matchPattern(matmul.getB(), m_Constant(&attr)))
    return;
  std::optional<std::vector<float>> values = ov::readAsF32(attr);
  if (!values)
    return;
  SmallVector<int64_t> shape(type.getShape());
  int64_t n = shape[shape.size() - 2], k = shape.back();
  std::swap(shape[shape.size() - 2], shape.back());
  auto transposedType = RankedTensorType::get(shape, type.getElementType());
  OpBuilder builder(matmul);
  Value weights = builder.create<ov::ConstantOp>(
      matmul.getB().getLoc(),
      ov::makeF32Constant(transposedType, transposeMatrices(*values, n, k),
                          "k_major_weights"));
  matmul.getBMutable().assign(weights);
  matmul.setTransposeB(false);
}

struct MatMulKMajorWeightsPass
    : public ovc::cpu::impl::MatMulKMajorWeightsBase<MatMulKMajorWeightsPass> {
  void runOnOperation() override {
    getOperation().walk([](ov::MatMulOp matmul) { rewrite(matmul); });
  }
};

} // namespace
