//===- WeightNames.h - names of weight blobs --------------------*- C++ -*-===//

#ifndef OVC_DIALECTS_OV_IR_WEIGHTNAMES_H
#define OVC_DIALECTS_OV_IR_WEIGHTNAMES_H

#include "mlir/IR/Operation.h"
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

/// The name of the IR layer `op` comes from (the first NameLoc in its
/// location), or `fallback` where it has none: what the blobs and ops a
/// pass derives from a layer are named after.
inline std::string layerName(Operation *op, llvm::StringRef fallback) {
  std::string name = fallback.str();
  op->getLoc()->walk([&](Location loc) {
    if (auto named = llvm::dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

} // namespace mlir::ov

#endif // OVC_DIALECTS_OV_IR_WEIGHTNAMES_H
