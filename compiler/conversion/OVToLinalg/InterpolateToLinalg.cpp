//===- InterpolateToLinalg.cpp - Interpolate (nearest, linear_onnx) -------===//
//
// With static shapes every output coordinate's source coordinates and
// weights are known at compile time: they become constant tables per
// interpolated axis, and the op is one linalg.generic that gathers from the
// input with tensor.extract. The coordinate transforms and rounding modes
// follow OpenVINO's Interpolate-4 reference (float arithmetic).
//
//===----------------------------------------------------------------------===//

#include "compiler/conversion/OVToLinalg/LinalgBuilders.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace ovc::conversion;
namespace ov = mlir::ov;

namespace {

/// Output coordinate -> input coordinate for one axis.
float transformCoordinate(ov::CoordinateTransformMode mode, int64_t x,
                          int64_t in, int64_t out, float scale) {
  float xf = float(x);
  switch (mode) {
  case ov::CoordinateTransformMode::half_pixel:
    return (xf + 0.5f) / scale - 0.5f;
  case ov::CoordinateTransformMode::pytorch_half_pixel:
    return out > 1 ? (xf + 0.5f) / scale - 0.5f : 0.0f;
  case ov::CoordinateTransformMode::asymmetric:
    return xf / scale;
  case ov::CoordinateTransformMode::tf_half_pixel_for_nn:
    return (xf + 0.5f) / scale;
  case ov::CoordinateTransformMode::align_corners:
    return out == 1 ? 0.0f : xf * float(in - 1) / float(out - 1);
  }
  return xf;
}

int64_t roundNearest(ov::NearestMode mode, float x, bool downsample) {
  switch (mode) {
  case ov::NearestMode::round_prefer_floor:
    if (x == float(int64_t(x)) + 0.5f)
      return int64_t(std::floor(x));
    return int64_t(std::round(x));
  case ov::NearestMode::round_prefer_ceil:
    return int64_t(std::round(x));
  case ov::NearestMode::floor:
    return int64_t(std::floor(x));
  case ov::NearestMode::ceil:
    return int64_t(std::ceil(x));
  case ov::NearestMode::simple:
    return downsample ? int64_t(std::ceil(x)) : int64_t(x);
  }
  return int64_t(x);
}

/// Per output index of one axis: the two source indices and their weights
/// (nearest uses only the first, with weight 1).
struct AxisTable {
  std::vector<int64_t> first, second;
  std::vector<float> firstWeight, secondWeight;
};

struct InterpolateToLinalg : public OpRewritePattern<ov::InterpolateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ov::InterpolateOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto outType = op.getType();
    if (!inType.hasStaticShape() || !outType.hasStaticShape())
      return notLowerable(op, "dynamic shapes are not supported");
    if (!outType.getElementType().isF32())
      return notLowerable(op, "only f32 Interpolate is lowered");
    ov::InterpolateMode mode = op.getMode();
    bool linear = mode == ov::InterpolateMode::linear_onnx ||
                  mode == ov::InterpolateMode::linear;
    if (mode != ov::InterpolateMode::nearest && !linear)
      return notLowerable(op, "only nearest and linear modes are lowered");
    if (op.getAntialias() ||
        llvm::any_of(op.getPadsBegin(), [](int64_t p) { return p != 0; }) ||
        llvm::any_of(op.getPadsEnd(), [](int64_t p) { return p != 0; }))
      return notLowerable(op, "antialias and pads are not lowered");
    int64_t rank = inType.getRank();
    SmallVector<int64_t> axes;
    if (op.getAxes()) {
      auto values = ov::getConstantInts(op.getAxes());
      if (!values)
        return notLowerable(op, "axes must be constant");
      for (int64_t a : *values)
        axes.push_back(a < 0 ? a + rank : a);
    } else {
      for (int64_t a = 0; a < rank; ++a)
        axes.push_back(a);
    }
    // Scales per axis: given, or out/in in sizes mode.
    std::optional<SmallVector<double>> scales;
    if (op.getShapeCalculationMode() == ov::ShapeCalcMode::scales) {
      scales = ov::getConstantFloats(op.getTarget());
      if (!scales)
        return notLowerable(op, "scales must be constant");
    }
    Location loc = op.getLoc();
    SmallVector<std::optional<AxisTable>> tables(rank);
    for (auto [k, axis] : llvm::enumerate(axes)) {
      int64_t in = inType.getDimSize(axis), out = outType.getDimSize(axis);
      float scale = scales ? float((*scales)[k]) : float(out) / float(in);
      AxisTable table;
      for (int64_t x = 0; x < out; ++x) {
        float coord = transformCoordinate(op.getCoordinateTransformationMode(),
                                          x, in, out, scale);
        if (!linear) {
          int64_t i = roundNearest(op.getNearestMode(), coord, scale < 1.0f);
          i = std::clamp<int64_t>(i, 0, in - 1);
          table.first.push_back(i);
          table.second.push_back(i);
          table.firstWeight.push_back(1.0f);
          table.secondWeight.push_back(0.0f);
          continue;
        }
        coord = std::max(0.0f, std::min(coord, float(in - 1)));
        int64_t i1 = std::min<int64_t>(int64_t(coord), in - 1);
        int64_t i2 = std::min<int64_t>(i1 + 1, in - 1);
        float d1 = std::fabs(coord - float(i1));
        float d2 = std::fabs(coord - float(i2));
        if (i1 == i2)
          d1 = d2 = 0.5f;
        table.first.push_back(i1);
        table.second.push_back(i2);
        // The nearer source gets the weight of the other's distance.
        table.firstWeight.push_back(d2);
        table.secondWeight.push_back(d1);
      }
      tables[axis] = std::move(table);
    }
    for (int64_t a = 0; a < rank; ++a)
      if (!tables[a] && inType.getDimSize(a) != outType.getDimSize(a))
        return notLowerable(op, "a non-interpolated axis changes size");

    // Constant tables, read in the body with tensor.extract.
    auto indexTable = [&](ArrayRef<int64_t> values) -> Value {
      auto type = RankedTensorType::get({int64_t(values.size())},
                                        rewriter.getIndexType());
      SmallVector<APInt> ints;
      for (int64_t v : values)
        ints.push_back(APInt(64, v));
      return rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(type, ints));
    };
    auto weightTable = [&](ArrayRef<float> values) -> Value {
      auto type = RankedTensorType::get({int64_t(values.size())},
                                        rewriter.getF32Type());
      return rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(type, values));
    };
    struct AxisValues {
      Value first, second, firstWeight, secondWeight;
    };
    SmallVector<std::optional<AxisValues>> axisValues(rank);
    for (int64_t a = 0; a < rank; ++a)
      if (tables[a])
        axisValues[a] = AxisValues{indexTable(tables[a]->first),
                                   indexTable(tables[a]->second),
                                   weightTable(tables[a]->firstWeight),
                                   weightTable(tables[a]->secondWeight)};

    Value input = op.getInput();
    Value init = rewriter.create<tensor::EmptyOp>(loc, outType.getShape(),
                                                  outType.getElementType());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, outType, ValueRange{}, ValueRange{init},
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank)}, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> outIndex;
          for (int64_t a = 0; a < rank; ++a)
            outIndex.push_back(b.create<linalg::IndexOp>(l, a));
          // Each corner picks first/second per interpolated axis.
          SmallVector<int64_t> interpolated;
          for (int64_t a = 0; a < rank; ++a)
            if (axisValues[a])
              interpolated.push_back(a);
          int64_t corners = linear ? (int64_t(1) << interpolated.size()) : 1;
          Value sum;
          for (int64_t corner = 0; corner < corners; ++corner) {
            SmallVector<Value> source(outIndex);
            Value weight;
            for (auto [bit, a] : llvm::enumerate(interpolated)) {
              bool second = (corner >> bit) & 1;
              const AxisValues &v = *axisValues[a];
              source[a] = b.create<tensor::ExtractOp>(
                  l, second ? v.second : v.first, ValueRange{outIndex[a]});
              if (!linear)
                continue;
              Value w = b.create<tensor::ExtractOp>(
                  l, second ? v.secondWeight : v.firstWeight,
                  ValueRange{outIndex[a]});
              weight = weight ? b.create<arith::MulFOp>(l, weight, w) : w;
            }
            Value x = b.create<tensor::ExtractOp>(l, input, source);
            Value term = weight ? b.create<arith::MulFOp>(l, weight, x) : x;
            sum = sum ? b.create<arith::AddFOp>(l, sum, term) : term;
          }
          b.create<linalg::YieldOp>(l, sum);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};
} // namespace

void ovc::conversion::populateInterpolateToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<InterpolateToLinalg>(patterns.getContext());
}
