//===- OVOps.td - ov dialect operations --------------------*- tablegen -*-===//
//
// Operations are grouped by family, one file each; OpenVINO op names and
// versions are listed in each op's summary.
//
//===----------------------------------------------------------------------===//

#ifndef OV_OPS_TD
#define OV_OPS_TD

include "OVBase.td"
include "OVCoreOps.td"
include "OVElementwiseOps.td"
include "OVConvolutionOps.td"
include "OVPoolingOps.td"
include "OVNormalizationOps.td"
include "OVDataMovementOps.td"
include "OVDetectionOps.td"

#endif // OV_OPS_TD
