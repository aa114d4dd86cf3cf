//===- ExternalWeights.cpp - constants moved to a run-time weights blob ---===//

#include "compiler/memory/BufferUses.h"
#include "compiler/memory/Passes.h"
#include "compiler/pipeline/ModelFunction.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace ovc::memory {
#define GEN_PASS_DEF_EXTERNALIZEWEIGHTS
#include "compiler/memory/Passes.h.inc"
} // namespace ovc::memory

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

/// Appends a constant's bytes (memory order) to `blob` at the next aligned
/// offset and returns that offset; nothing when the value is not plain
/// byte-addressable dense data or is smaller than `minBytes`.
std::optional<int64_t> appendBytes(memref::GlobalOp global, int64_t minBytes,
                                   std::vector<char> &blob) {
  auto initial = global.getInitialValue();
  MemRefType type = global.getType();
  if (!initial || !type.hasStaticShape() ||
      !type.getElementType().isIntOrFloat() ||
      type.getElementTypeBitWidth() % 8 != 0)
    return std::nullopt;
  int64_t bytes = type.getNumElements() * (type.getElementTypeBitWidth() / 8);
  if (bytes < minBytes)
    return std::nullopt;
  ArrayRef<char> data;
  int64_t copies = 1;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(*initial)) {
    AsmResourceBlob *resourceBlob = resource.getRawHandle().getBlob();
    if (!resourceBlob)
      return std::nullopt;
    data = resourceBlob->getData();
  } else if (auto dense = dyn_cast<DenseElementsAttr>(*initial)) {
    data = dense.getRawData();
    if (dense.isSplat())
      copies = type.getNumElements();
  } else {
    return std::nullopt;
  }
  if (int64_t(data.size()) * copies != bytes)
    return std::nullopt;
  int64_t offset = llvm::alignTo(blob.size(), kAlignment);
  blob.resize(offset);
  blob.reserve(offset + bytes);
  for (int64_t i = 0; i < copies; ++i)
    blob.insert(blob.end(), data.begin(), data.end());
  return offset;
}

struct ExternalizeWeightsPass
    : public ovc::memory::impl::ExternalizeWeightsBase<ExternalizeWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp model = ovc::pipeline::findModelFunction(module);
    if (!model)
      return;
    Block &block = model.getBody().front();
    DenseMap<Operation *, unsigned> position;
    for (auto [i, op] : llvm::enumerate(block))
      position[&op] = i;

    // Which globals the model reads, and whether each raw pointer taken
    // from them (for a kernel call) can be re-derived from the blob.
    llvm::MapVector<memref::GlobalOp, SmallVector<memref::GetGlobalOp>> reads;
    DenseMap<Operation *, SmallVector<Operation *>> pointerReads;
    DenseSet<memref::GlobalOp> pinned;
    SymbolTable symbols(module);
    model.walk([&](memref::GetGlobalOp get) {
      auto global = symbols.lookup<memref::GlobalOp>(get.getName());
      if (!global)
        return;
      reads[global].push_back(get);
      if (!ovc::memory::analyzeUses(get, block, position).pointerEscapes)
        return;
      if (auto pointers = ovc::memory::alignedPointerReads(get))
        pointerReads[get] = std::move(*pointers);
      else
        pinned.insert(global);
    });

    std::vector<char> blob;
    SmallVector<std::pair<memref::GetGlobalOp, int64_t>> views;
    SmallVector<memref::GlobalOp> moved;
    for (auto &[global, gets] : reads) {
      if (!global.getConstant() || pinned.contains(global))
        continue;
      std::optional<int64_t> offset = appendBytes(global, minBytes, blob);
      if (!offset)
        continue;
      for (memref::GetGlobalOp get : gets)
        views.push_back({get, *offset});
      moved.push_back(global);
    }
    if (moved.empty())
      return;

    // The blob arrives as the model function's last argument.
    MLIRContext *ctx = &getContext();
    auto blobType =
        MemRefType::get({int64_t(blob.size())}, IntegerType::get(ctx, 8));
    unsigned argIndex = model.getNumArguments();
    model.insertArgument(argIndex, blobType, DictionaryAttr::get(ctx),
                         model.getLoc());
    model.setArgAttr(argIndex, "ovc.weights", UnitAttr::get(ctx));
    Value weights = model.getArgument(argIndex);
    for (auto [get, offset] : views) {
      OpBuilder b(get);
      Value shift = b.create<arith::ConstantIndexOp>(get.getLoc(), offset);
      Value view = b.create<memref::ViewOp>(get.getLoc(), get.getType(),
                                            weights, shift, ValueRange{});
      // A kernel's raw pointer is the blob's plus the shift: memref.view
      // puts the shift into its aligned pointer, but folding
      // extract_aligned_pointer_as_index through the view would drop it.
      auto pointers = pointerReads.find(get);
      if (pointers != pointerReads.end()) {
        Value base = b.create<memref::ExtractAlignedPointerAsIndexOp>(
            get.getLoc(), weights);
        Value address = b.create<arith::AddIOp>(get.getLoc(), base, shift);
        for (Operation *read : pointers->second) {
          read->getResult(0).replaceAllUsesWith(address);
          read->erase();
        }
      }
      get.replaceAllUsesWith(view);
      get.erase();
    }
    for (memref::GlobalOp global : moved)
      if (SymbolTable::symbolKnownUseEmpty(global, module))
        global.erase();

    auto tensorType =
        RankedTensorType::get({int64_t(blob.size())}, IntegerType::get(ctx, 8));
    module->setAttr("ovc.weights",
                    DenseResourceElementsAttr::get(
                        tensorType, "ovc_weights",
                        HeapAsmResourceBlob::allocateAndCopyWithAlign(
                            ArrayRef<char>(blob), kAlignment)));
  }
};

} // namespace
