//===- BufferizationModels.h - ovc_cpu ops as kernel calls ------*- C++ -*-===//
//
// One registration per file of bufferization models; CPUDialect.cpp's
// registerBufferizationInterfaces calls them all.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_TARGETS_CPU_IR_BUFFERIZATIONMODELS_H
#define OVC_TARGETS_CPU_IR_BUFFERIZATIONMODELS_H

#include "mlir/IR/DialectRegistry.h"

namespace ovc::cpu {
/// ovc_cpu.conv2d, ovc_cpu.winograd_conv2d, ovc_cpu.depthwise_conv2d and
/// ovc_cpu.reorder (ConvBufferization.cpp).
void registerConvBufferization(mlir::DialectRegistry &registry);
/// ovc_cpu.max_pool2d (PoolBufferization.cpp).
void registerPoolBufferization(mlir::DialectRegistry &registry);
} // namespace ovc::cpu

#endif // OVC_TARGETS_CPU_IR_BUFFERIZATIONMODELS_H
