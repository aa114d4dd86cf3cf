//===- ShapeInferenceTest.cpp - OpenVINO shape rules ----------------------===//

#include "dialects/ov/IR/ShapeInferenceUtils.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::ov;

static constexpr int64_t kDyn = ShapedType::kDynamic;

TEST(ShapeInference, NumpyBroadcast) {
  auto out = broadcastShapes(std::nullopt, {8, 1, 6, 1}, {7, 1, 5},
                             AutoBroadcast::numpy);
  ASSERT_TRUE(succeeded(out));
  EXPECT_EQ(*out, (Dims{8, 7, 6, 5}));
  EXPECT_TRUE(
      failed(broadcastShapes(std::nullopt, {2, 3}, {4}, AutoBroadcast::numpy)));
  // A dynamic dim takes the static size of the other side.
  out = broadcastShapes(std::nullopt, {kDyn, 3}, {5, 1}, AutoBroadcast::numpy);
  EXPECT_EQ(*out, (Dims{5, 3}));
}

TEST(ShapeInference, PdpdBroadcast) {
  auto out = broadcastShapes(std::nullopt, {2, 3, 4, 5}, {3, 4},
                             AutoBroadcast::pdpd, 1);
  ASSERT_TRUE(succeeded(out));
  EXPECT_EQ(*out, (Dims{2, 3, 4, 5}));
}

TEST(ShapeInference, WindowFloorCeil) {
  // 15 wide, kernel 2 stride 2: floor gives 7, ceil 8.
  auto floorDims =
      inferWindowedDims(std::nullopt, {15}, {2}, {2}, {1}, {0}, {0},
                        AutoPad::explicit_, RoundingType::floor);
  auto ceilDims = inferWindowedDims(std::nullopt, {15}, {2}, {2}, {1}, {0}, {0},
                                    AutoPad::explicit_, RoundingType::ceil);
  EXPECT_EQ((*floorDims)[0], 7);
  EXPECT_EQ((*ceilDims)[0], 8);
}

TEST(ShapeInference, CeilTorchDropsWindowInPadding) {
  // I=4, k=2, s=2, pads 1/1: ceil gives 3 windows; the last starts at
  // padded position 4 >= I + pb = 5? no: (3-1)*2 = 4 < 5, kept. With
  // pads 0/1: ceil gives 3, (3-1)*2 = 4 >= 4 + 0, dropped -> 2.
  auto kept = inferWindowedDims(std::nullopt, {4}, {2}, {2}, {1}, {1}, {1},
                                AutoPad::explicit_, RoundingType::ceil_torch);
  auto dropped =
      inferWindowedDims(std::nullopt, {4}, {2}, {2}, {1}, {0}, {1},
                        AutoPad::explicit_, RoundingType::ceil_torch);
  EXPECT_EQ((*kept)[0], 3);
  EXPECT_EQ((*dropped)[0], 2);
}

TEST(ShapeInference, SamePadding) {
  // same_upper puts the odd pad at the end, same_lower at the beginning.
  ResolvedPads upper =
      resolvePads({10}, {4}, {1}, {1}, {0}, {0}, AutoPad::same_upper);
  ResolvedPads lower =
      resolvePads({10}, {4}, {1}, {1}, {0}, {0}, AutoPad::same_lower);
  EXPECT_EQ(upper.begin[0], 1);
  EXPECT_EQ(upper.end[0], 2);
  EXPECT_EQ(lower.begin[0], 2);
  EXPECT_EQ(lower.end[0], 1);
  // Output is ceil(I / s) for any stride.
  auto out = inferWindowedDims(std::nullopt, {10}, {3}, {3}, {1}, {0}, {0},
                               AutoPad::same_upper, RoundingType::floor);
  EXPECT_EQ((*out)[0], 4);
}

TEST(ShapeInference, DynamicDimsPropagate) {
  auto out =
      inferWindowedDims(std::nullopt, {kDyn, 9}, {3, 3}, {1, 1}, {1, 1}, {0, 0},
                        {0, 0}, AutoPad::explicit_, RoundingType::floor);
  EXPECT_TRUE(ShapedType::isDynamic((*out)[0]));
  EXPECT_EQ((*out)[1], 7);
}
