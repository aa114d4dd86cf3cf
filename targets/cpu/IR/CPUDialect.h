//===- CPUDialect.h - the ovc_cpu dialect -----------------------*- C++ -*-===//

#ifndef OVC_TARGETS_CPU_IR_CPUDIALECT_H
#define OVC_TARGETS_CPU_IR_CPUDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "targets/cpu/IR/CPUDialect.h.inc"

#define GET_OP_CLASSES
#include "targets/cpu/IR/CPUOps.h.inc"

namespace mlir {
class DialectRegistry;
}

namespace ovc::cpu {
/// The NCHW shape that `type` holds: its own when 4-D, `[N, C1 * V, H, W]`
/// when channel-blocked `[N, C1, H, W, V]`.
llvm::SmallVector<int64_t, 4> nchwShape(mlir::ShapedType type);

/// The bufferization of every ovc_cpu op: one call to its microkernel.
void registerBufferizationInterfaces(mlir::DialectRegistry &registry);
} // namespace ovc::cpu

#endif // OVC_TARGETS_CPU_IR_CPUDIALECT_H
