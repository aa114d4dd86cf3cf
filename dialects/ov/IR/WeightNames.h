//===- WeightNames.h - names of weight blobs --------------------*- C++ -*-===//

#ifndef OVC_DIALECTS_OV_IR_WEIGHTNAMES_H
#define OVC_DIALECTS_OV_IR_WEIGHTNAMES_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::ov {

/// The `dense_resource` key of a weight blob taken from IR layer
/// `layerName`. Keys must be identifiers for the printed IR to parse back,
/// so characters other than [A-Za-z0-9_.] become '_'.
inline std::string weightResourceKey(llvm::StringRef layerName) {
  std::string key = "w_";
  for (char c : layerName)
    key += (llvm::isAlnum(c) || c == '_' || c == '.') ? c : '_';
  return key;
}

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_IR_WEIGHTNAMES_H
