//===- F16ToF32.cpp - compute an f16 graph in f32 -------------------------===//

#include "dialects/ov/IR/OVOps.h"
#include "dialects/ov/IR/WeightNames.h"
#include "dialects/ov/Transforms/ConstantEvaluation.h"
#include "dialects/ov/Transforms/Passes.h"

namespace mlir::ov {
#define GEN_PASS_DEF_OVF16TOF32
#include "dialects/ov/Transforms/Passes.h.inc"
} // namespace mlir::ov

using namespace mlir;
using namespace mlir::ov;

namespace {
Type widen(Type type) {
  Builder builder(type.getContext());
  if (type.isF16())
    return builder.getF32Type();
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    if (tensor.getElementType().isF16())
      return tensor.clone(builder.getF32Type());
  return type;
}

struct F16ToF32Pass : public ov::impl::OVF16ToF32Base<F16ToF32Pass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &body = func.getBody().front();
    Builder builder(&getContext());
    StringAttr irType = builder.getStringAttr("ov.ir_element_type");

    for (BlockArgument arg : body.getArguments()) {
      Type wide = widen(arg.getType());
      if (wide == arg.getType())
        continue;
      func.setArgAttr(arg.getArgNumber(), irType,
                      TypeAttr::get(builder.getF16Type()));
      arg.setType(wide);
    }
    OpBuilder rewriter(&getContext());
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (auto constant = dyn_cast<ConstantOp>(op)) {
        auto type = cast<RankedTensorType>(constant.getType());
        if (!type.getElementType().isF16())
          continue;
        std::optional<std::vector<float>> values =
            readAsF32(constant.getValue());
        if (!values) {
          constant.emitError("cannot read this f16 constant");
          return signalPassFailure();
        }
        std::string name = weightResourceKey("f32");
        if (auto loc = dyn_cast<NameLoc>(op.getLoc()))
          name = weightResourceKey(loc.getName().strref());
        rewriter.setInsertionPoint(&op);
        auto wide = rewriter.create<ConstantOp>(
            op.getLoc(), makeF32Constant(cast<RankedTensorType>(widen(type)),
                                         std::move(*values), name));
        for (NamedAttribute attr : op.getAttrs())
          if (attr.getName().strref().starts_with("ov."))
            wide->setAttr(attr.getName(), attr.getValue());
        constant.replaceAllUsesWith(wide.getResult());
        op.erase();
        continue;
      }
      // Type attributes (Convert destinations, Range output types, ...).
      for (NamedAttribute attr : op.getAttrs())
        if (auto typeAttr = dyn_cast<TypeAttr>(attr.getValue()))
          if (typeAttr.getValue().isF16())
            op.setAttr(attr.getName(), TypeAttr::get(builder.getF32Type()));
      for (OpResult result : op.getResults())
        result.setType(widen(result.getType()));
    }
    auto returnOp = cast<func::ReturnOp>(body.getTerminator());
    for (auto [i, value] : llvm::enumerate(returnOp.getOperands()))
      if (func.getResultTypes()[i] != value.getType())
        func.setResultAttr(i, irType, TypeAttr::get(builder.getF16Type()));
    func.setFunctionType(FunctionType::get(
        &getContext(), body.getArgumentTypes(), returnOp.getOperandTypes()));
  }
};
} // namespace
