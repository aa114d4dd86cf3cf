//===- OVOps.h - ov dialect operations --------------------------*- C++ -*-===//

#ifndef OVC_DIALECTS_OV_IR_OVOPS_H
#define OVC_DIALECTS_OV_IR_OVOPS_H

#include "dialects/ov/IR/OVDialect.h"
#include "dialects/ov/IR/ShapeInferenceUtils.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/ov/IR/OVOps.h.inc"

#endif // OVC_DIALECTS_OV_IR_OVOPS_H
