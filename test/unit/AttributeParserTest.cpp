//===- AttributeParserTest.cpp - IR attribute syntax ----------------------===//

#include "compiler/importer/AttributeParser.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace ovc::importer;

TEST(AttributeParser, Integers) {
  EXPECT_EQ(parseInteger(" 42 "), 42);
  EXPECT_EQ(parseInteger("-1"), -1);
  EXPECT_FALSE(parseInteger(""));
  EXPECT_FALSE(parseInteger("4x"));
  EXPECT_FALSE(parseInteger("1.5"));
  EXPECT_FALSE(parseInteger("99999999999999999999"));
}

TEST(AttributeParser, Lists) {
  auto list = parseIntegerList("1, 2,3");
  ASSERT_TRUE(list);
  EXPECT_EQ(*list, (llvm::SmallVector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(parseIntegerList("")->empty());
  EXPECT_FALSE(parseIntegerList("1,,2"));
  EXPECT_FALSE(parseIntegerList("1,a"));
  // Integral floats are accepted, as some producers write "1.0,1.0".
  EXPECT_EQ(*parseIntegerList("1.0,2.0"), (llvm::SmallVector<int64_t>{1, 2}));
  EXPECT_FALSE(parseIntegerList("1.5"));
  auto reals = parseDoubleList("0.5, -1e-3");
  ASSERT_TRUE(reals);
  EXPECT_DOUBLE_EQ((*reals)[1], -1e-3);
  EXPECT_FALSE(parseDoubleList("nan"));
}

TEST(AttributeParser, Bools) {
  EXPECT_EQ(parseBool("True"), true);
  EXPECT_EQ(parseBool("0"), false);
  EXPECT_FALSE(parseBool("yes"));
}

TEST(AttributeParser, ElementTypes) {
  mlir::MLIRContext context;
  std::string error;
  EXPECT_TRUE(parseElementType("f32", &context, error).isF32());
  EXPECT_TRUE(parseElementType("FP16", &context, error).isF16());
  EXPECT_TRUE(parseElementType("u8", &context, error).isUnsignedInteger(8));
  EXPECT_TRUE(parseElementType("i8", &context, error).isSignlessInteger(8));
  EXPECT_TRUE(parseElementType("BOOL", &context, error).isSignlessInteger(1));
  EXPECT_TRUE(parseElementType("BIN", &context, error).isUnsignedInteger(1));
  EXPECT_FALSE(parseElementType("nf4", &context, error));
  EXPECT_NE(error.find("not supported"), std::string::npos);
  EXPECT_FALSE(parseElementType("f7", &context, error));
  EXPECT_NE(error.find("unknown element type"), std::string::npos);
}

TEST(AttributeParser, StorageBytes) {
  mlir::MLIRContext context;
  std::string error;
  auto u4 = parseElementType("u4", &context, error);
  auto u1 = parseElementType("u1", &context, error);
  auto boolean = parseElementType("boolean", &context, error);
  EXPECT_EQ(storageBytes(u4, 3), 2u); // two per byte, rounded up
  EXPECT_EQ(storageBytes(u1, 9), 2u); // eight per byte
  EXPECT_EQ(storageBytes(boolean, 3), 3u);
  auto f32 = parseElementType("f32", &context, error);
  EXPECT_FALSE(storageBytes(f32, UINT64_MAX / 2));
}

TEST(AttributeParser, PartialShapes) {
  std::string error;
  auto shape = parsePartialShape("?,3,1..448,-1", error);
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->size(), 4u);
  EXPECT_TRUE(mlir::ShapedType::isDynamic((*shape)[0]));
  EXPECT_EQ((*shape)[1], 3);
  EXPECT_TRUE(mlir::ShapedType::isDynamic((*shape)[2]));
  EXPECT_TRUE(parsePartialShape("[1,2]", error));
  EXPECT_TRUE(parsePartialShape("", error)->empty());
  EXPECT_FALSE(parsePartialShape("...", error));
  EXPECT_NE(error.find("dynamic rank"), std::string::npos);
  EXPECT_FALSE(parsePartialShape("1,-2", error));
  EXPECT_FALSE(parsePartialShape("[1,2", error));
}
