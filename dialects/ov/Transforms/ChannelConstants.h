//===- ChannelConstants.h - constants added per channel ---------*- C++ -*-===//
//
// Recognizing an Add of one constant value per channel: a convolution's
// bias (fused into its kernel), a preprocessing shift of its input (folded
// into that bias).
//
//===----------------------------------------------------------------------===//

#ifndef OVC_DIALECTS_OV_TRANSFORMS_CHANNELCONSTANTS_H
#define OVC_DIALECTS_OV_TRANSFORMS_CHANNELCONSTANTS_H

#include "dialects/ov/IR/OVOps.h"

#include <optional>
#include <vector>

namespace mlir::ov {

/// One value per channel (dim 1) of `tensor` [N, C, ...], read from the
/// other operand of `add`, when that operand is a constant that `add`
/// adds to `tensor` without growing its shape: every dim of the constant
/// but the channel one, aligned to the right, is 1 (a single value counts
/// for every channel).
std::optional<std::vector<float>> channelAddend(AddOp add, Value tensor);

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_TRANSFORMS_CHANNELCONSTANTS_H
