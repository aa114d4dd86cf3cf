//===- PriorBoxEvaluation.h - SSD prior boxes at compile time ---*- C++ -*-===//
//
// PriorBox and PriorBoxClustered depend only on the feature-map and image
// sizes, which are constants in a static model: ovc computes their boxes at
// compile time, following OpenVINO's reference kernels (same float
// arithmetic, same box order).
//
//===----------------------------------------------------------------------===//

#ifndef OVC_DIALECTS_OV_TRANSFORMS_PRIORBOXEVALUATION_H
#define OVC_DIALECTS_OV_TRANSFORMS_PRIORBOXEVALUATION_H

#include "dialects/ov/IR/OVOps.h"

#include <optional>
#include <vector>

namespace mlir::ov {

/// The [2, 4 * H * W * P] output (boxes, then variances), or nullopt when
/// the sizes are not constant.
std::optional<std::vector<float>> evaluatePriorBox(PriorBoxOp op);
std::optional<std::vector<float>>
evaluatePriorBoxClustered(PriorBoxClusteredOp op);

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_TRANSFORMS_PRIORBOXEVALUATION_H
