//===- OVDialect.cpp - ov dialect registration ----------------------------===//

#include "dialects/ov/IR/OVDialect.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::ov;

#include "dialects/ov/IR/OVDialect.cpp.inc"
#include "dialects/ov/IR/OVEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/ov/IR/OVAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "dialects/ov/IR/OVOps.cpp.inc"

void OVDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/ov/IR/OVAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/ov/IR/OVOps.cpp.inc"
      >();
}

Operation *OVDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}
