//===- ExternalWeights.cpp - constants moved to a run-time weights blob ---===//

#include "compiler/memory/BufferUses.h"
#include "compiler/memory/Passes.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace ovc::memory {
#define GEN_PASS_DEF_EXTERNALIZEWEIGHTS
#include "compiler/memory/Passes.h.inc"
} // namespace ovc::memory

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

/// The bytes of a constant's initial value, in memory order, or nothing
/// when it is not a plain byte-addressable dense value.
std::optional<std::vector<char>> bytesOf(memref::GlobalOp global) {
  auto initial = global.getInitialValue();
  MemRefType type = global.getType();
  if (!initial || !type.hasStaticShape() ||
      !type.getElementType().isIntOrFloat() ||
      type.getElementTypeBitWidth() % 8 != 0)
    return std::nullopt;
  int64_t bytes = type.getNumElements() * (type.getElementTypeBitWidth() / 8);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(*initial)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || int64_t(blob->getData().size()) != bytes)
      return std::nullopt;
    return std::vector<char>(blob->getData().begin(), blob->getData().end());
  }
  auto dense = dyn_cast<DenseElementsAttr>(*initial);
  if (!dense)
    return std::nullopt;
  ArrayRef<char> raw = dense.getRawData();
  std::vector<char> out;
  out.reserve(bytes);
  if (dense.isSplat()) {
    for (int64_t i = 0, n = type.getNumElements(); i < n; ++i)
      out.insert(out.end(), raw.begin(), raw.end());
  } else {
    out.assign(raw.begin(), raw.end());
  }
  if (int64_t(out.size()) != bytes)
    return std::nullopt;
  return out;
}

struct ExternalizeWeightsPass
    : public ovc::memory::impl::ExternalizeWeightsBase<ExternalizeWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp model;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal())
        model = func;
    if (!model)
      return;
    Block &block = model.getBody().front();
    DenseMap<Operation *, unsigned> position;
    for (auto [i, op] : llvm::enumerate(block))
      position[&op] = i;

    // Which globals the model reads, and whether every read stays in code
    // ovc generates (no raw pointer to a runtime kernel).
    llvm::MapVector<memref::GlobalOp, SmallVector<memref::GetGlobalOp>> reads;
    DenseSet<memref::GlobalOp> pinned;
    SymbolTable symbols(module);
    model.walk([&](memref::GetGlobalOp get) {
      auto global = symbols.lookup<memref::GlobalOp>(get.getName());
      if (!global)
        return;
      reads[global].push_back(get);
      if (ovc::memory::analyzeUses(get, block, position).pointerEscapes)
        pinned.insert(global);
    });

    std::vector<char> blob;
    SmallVector<std::pair<memref::GetGlobalOp, int64_t>> views;
    SmallVector<memref::GlobalOp> moved;
    for (auto &[global, gets] : reads) {
      if (!global.getConstant() || pinned.contains(global))
        continue;
      std::optional<std::vector<char>> bytes = bytesOf(global);
      if (!bytes || int64_t(bytes->size()) < minBytes)
        continue;
      int64_t offset = llvm::alignTo(blob.size(), kAlignment);
      blob.resize(offset);
      blob.insert(blob.end(), bytes->begin(), bytes->end());
      for (memref::GetGlobalOp get : gets)
        views.push_back({get, offset});
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
