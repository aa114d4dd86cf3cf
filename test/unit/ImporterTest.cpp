//===- ImporterTest.cpp - importer behaviour on whole models --------------===//

#include "compiler/importer/Importer.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace ovc::importer;

namespace {
std::string modelPath(llvm::StringRef folder, llvm::StringRef file) {
  return (llvm::Twine(OVC_SHARED_MODELS_DIR) + "/" + folder + "/" + file).str();
}

/// The raw bytes behind a constant, whatever its storage.
ArrayRef<char> constantBytes(ov::ConstantOp op) {
  if (auto dense = dyn_cast<DenseElementsAttr>(op.getValue()))
    return dense.getRawData();
  auto resource = cast<DenseResourceElementsAttr>(op.getValue());
  return resource.getRawHandle().getBlob()->getData();
}

/// Compares two functions op by op, ignoring locations, names and the ov.*
/// bookkeeping attributes: same ops, same operand wiring, same types, same
/// attributes and same constant bytes.
::testing::AssertionResult sameComputation(func::FuncOp a, func::FuncOp b) {
  if (a.getFunctionType() != b.getFunctionType())
    return ::testing::AssertionFailure() << "function types differ";
  llvm::DenseMap<Value, Value> mapping;
  for (auto [x, y] : llvm::zip(a.getArguments(), b.getArguments()))
    mapping[x] = y;
  auto opsA = llvm::to_vector(
      llvm::map_range(a.getBody().front(), [](Operation &op) { return &op; }));
  auto opsB = llvm::to_vector(
      llvm::map_range(b.getBody().front(), [](Operation &op) { return &op; }));
  if (opsA.size() != opsB.size())
    return ::testing::AssertionFailure()
           << opsA.size() << " ops vs " << opsB.size();
  for (auto [x, y] : llvm::zip(opsA, opsB)) {
    if (x->getName() != y->getName() ||
        x->getResultTypes() != y->getResultTypes() ||
        x->getNumOperands() != y->getNumOperands())
      return ::testing::AssertionFailure()
             << "op mismatch: " << x->getName().getStringRef().str() << " vs "
             << y->getName().getStringRef().str();
    for (auto [u, v] : llvm::zip(x->getOperands(), y->getOperands()))
      if (mapping.lookup(u) != v)
        return ::testing::AssertionFailure()
               << "operand wiring differs at "
               << x->getName().getStringRef().str();
    for (NamedAttribute attr : x->getAttrs()) {
      if (attr.getName().strref().starts_with("ov."))
        continue;
      if (auto cx = dyn_cast<ov::ConstantOp>(x)) {
        if (constantBytes(cx) != constantBytes(cast<ov::ConstantOp>(y)))
          return ::testing::AssertionFailure() << "constant bytes differ";
        continue;
      }
      if (y->getAttr(attr.getName()) != attr.getValue())
        return ::testing::AssertionFailure()
               << "attribute " << attr.getName().str() << " differs on "
               << x->getName().getStringRef().str();
    }
    for (auto [u, v] : llvm::zip(x->getResults(), y->getResults()))
      mapping[u] = v;
  }
  return ::testing::AssertionSuccess();
}
} // namespace

TEST(Importer, V10AndV11OfFaceDetectionAreTheSameComputation) {
  std::string v10 = modelPath("face-detection-retail-0004-fp32-v10",
                              "face-detection-retail-0004.xml");
  std::string v11 = modelPath("face-detection-retail-0004-fp32-v11",
                              "face-detection-retail-0004.xml");
  if (!llvm::sys::fs::exists(v10) || !llvm::sys::fs::exists(v11))
    GTEST_SKIP() << "shared models not found under " OVC_SHARED_MODELS_DIR;
  MLIRContext context;
  std::string errors;
  llvm::raw_string_ostream os(errors);
  ImportDiagnostics diags10(v10, os), diags11(v11, os);
  auto m10 = importModel(context, {v10, ""}, diags10);
  auto m11 = importModel(context, {v11, ""}, diags11);
  ASSERT_TRUE(m10 && m11) << errors;
  // The v11 file uses MaxPool-8 whose indices nobody reads: canonical forms
  // must agree.
  PassManager pm(&context);
  pm.addPass(createCanonicalizerPass());
  ASSERT_TRUE(succeeded(pm.run(*m10)) && succeeded(pm.run(*m11)));
  auto f10 = *m10->getOps<func::FuncOp>().begin();
  auto f11 = *m11->getOps<func::FuncOp>().begin();
  EXPECT_TRUE(sameComputation(f10, f11));
  EXPECT_EQ((*m10)->getAttrOfType<IntegerAttr>("ov.ir_version").getInt(), 10);
  EXPECT_EQ((*m11)->getAttrOfType<IntegerAttr>("ov.ir_version").getInt(), 11);
}

TEST(Importer, ReportsMissingFile) {
  MLIRContext context;
  std::string errors;
  llvm::raw_string_ostream os(errors);
  ImportDiagnostics diags("/nonexistent/model.xml", os);
  EXPECT_FALSE(importModel(context, {"/nonexistent/model.xml", ""}, diags));
  EXPECT_NE(errors.find("error: /nonexistent/model.xml: cannot read"),
            std::string::npos)
      << errors;
}

TEST(Importer, ImportsFromBuffer) {
  const char *xml = R"(<?xml version="1.0"?>
<net name="tiny" version="11"><layers>
 <layer id="0" name="x" type="Parameter" version="opset1">
  <data shape="?,4" element_type="f32"/>
  <output><port id="0" precision="FP32" names="input"><dim>-1</dim><dim>4</dim></port></output></layer>
 <layer id="1" name="relu" type="Relu" version="opset1">
  <input><port id="0"><dim>-1</dim><dim>4</dim></port></input>
  <output><port id="1" precision="FP32" names="y"><dim>-1</dim><dim>4</dim></port></output></layer>
 <layer id="2" name="out" type="Result" version="opset1">
  <input><port id="0"><dim>-1</dim><dim>4</dim></port></input></layer>
</layers><edges>
 <edge from-layer="0" from-port="0" to-layer="1" to-port="0"/>
 <edge from-layer="1" from-port="1" to-layer="2" to-port="0"/>
</edges></net>)";
  MLIRContext context;
  std::string errors;
  llvm::raw_string_ostream os(errors);
  ImportDiagnostics diags("tiny.xml", os);
  auto module = importModelFromBuffer(
      context, llvm::MemoryBuffer::getMemBuffer(xml), "tiny.bin", diags);
  ASSERT_TRUE(module) << errors;
  auto func = *module->getOps<func::FuncOp>().begin();
  EXPECT_EQ(func.getName(), "tiny");
  auto argType = cast<RankedTensorType>(func.getArgumentTypes()[0]);
  EXPECT_TRUE(argType.isDynamicDim(0));
  EXPECT_EQ(func.getResultAttrOfType<StringAttr>(0, "ov.name").getValue(),
            "out");
}
