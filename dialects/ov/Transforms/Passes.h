//===- Passes.h - ov dialect passes -----------------------------*- C++ -*-===//

#ifndef OVC_DIALECTS_OV_TRANSFORMS_PASSES_H
#define OVC_DIALECTS_OV_TRANSFORMS_PASSES_H

#include "dialects/ov/IR/OVDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::ov {

#define GEN_PASS_DECL
#include "dialects/ov/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dialects/ov/Transforms/Passes.h.inc"

// GEN_PASS_REGISTRATION above defines registerOVPasses(), which registers
// every pass of the ov dialect (for ovc-opt and the ovc driver).

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_TRANSFORMS_PASSES_H
