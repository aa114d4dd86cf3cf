//===- OVDialect.h - the ov dialect -----------------------------*- C++ -*-===//

#ifndef OVC_DIALECTS_OV_IR_OVDIALECT_H
#define OVC_DIALECTS_OV_IR_OVDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "dialects/ov/IR/OVDialect.h.inc"
#include "dialects/ov/IR/OVEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/ov/IR/OVAttrs.h.inc"

#endif // OVC_DIALECTS_OV_IR_OVDIALECT_H
