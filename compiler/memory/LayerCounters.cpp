//===- LayerCounters.cpp - per-layer timing calls -------------------------===//

#include "compiler/memory/Passes.h"
#include "compiler/pipeline/ModelFunction.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace ovc::memory {
#define GEN_PASS_DEF_INSERTLAYERCOUNTERS
#include "compiler/memory/Passes.h.inc"
} // namespace ovc::memory

using namespace mlir;

namespace {

/// The IR layers an op computes, in the order of the NameLocs in its
/// location: its own layer first, then any fused into it.
SmallVector<StringRef> layersOf(Operation *op) {
  SmallVector<StringRef> names;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc))
      names.push_back(named.getName().strref());
    return WalkResult::advance();
  });
  return names;
}

/// The IR layer an op comes from: the first NameLoc in its location.
std::optional<StringRef> layerOf(Operation *op) {
  SmallVector<StringRef> names = layersOf(op);
  if (names.empty())
    return std::nullopt;
  return names.front();
}

/// Ops that do the work of a layer (the others only move views around).
bool computes(Operation &op) { return isa<linalg::LinalgOp, func::CallOp>(op); }

std::string execType(Operation &op) {
  if (auto call = dyn_cast<func::CallOp>(op))
    return ("kernel_" + call.getCallee()).str();
  // Ops generalized for their loop order keep their named op's name.
  if (auto kernel = op.getAttrOfType<StringAttr>("ovc.kernel"))
    return ("loops_" + kernel.getValue()).str();
  std::string name = op.getName().stripDialect().str();
  return "loops_" + name;
}

struct InsertLayerCountersPass
    : public ovc::memory::impl::InsertLayerCountersBase<
          InsertLayerCountersPass> {
  using InsertLayerCountersBase::InsertLayerCountersBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    OpBuilder builder(&getContext());
    auto types = module->getAttrOfType<DictionaryAttr>("ovc.layer_types");
    Type i32 = builder.getI32Type();
    auto declare = [&](StringRef name) {
      if (auto existing = module.lookupSymbol<func::FuncOp>(name))
        return existing;
      builder.setInsertionPointToStart(module.getBody());
      auto fn = builder.create<func::FuncOp>(
          module.getLoc(), name, builder.getFunctionType({i32}, {}));
      fn.setPrivate();
      return fn;
    };
    func::FuncOp model = ovc::pipeline::findModelFunction(module);
    if (!model)
      return;
    func::FuncOp begin = declare(prefix + "_layer_begin");
    func::FuncOp end = declare(prefix + "_layer_end");

    // Consecutive top-level ops of the same layer form one timed group.
    Block &block = model.getBody().front();
    SmallVector<Attribute> table;
    llvm::StringMap<unsigned> ids;
    Operation *groupStart = nullptr, *groupEnd = nullptr;
    std::optional<StringRef> groupLayer;
    std::string groupExec;
    // The table row of `layer` (added on first sight with `exec`).
    auto addRow = [&](StringRef layer, StringRef exec) {
      auto [it, inserted] = ids.try_emplace(layer, table.size());
      if (inserted) {
        StringAttr type = types ? types.getAs<StringAttr>(layer) : nullptr;
        table.push_back(builder.getStrArrayAttr(
            {layer, type ? type.getValue() : StringRef("unknown"), exec}));
      }
      return it->second;
    };
    auto close = [&] {
      if (!groupStart || !groupLayer || groupExec.empty())
        return;
      unsigned row = addRow(*groupLayer, groupExec);
      builder.setInsertionPoint(groupStart);
      Value id =
          builder.create<arith::ConstantIntOp>(groupStart->getLoc(), row, 32);
      builder.create<func::CallOp>(groupStart->getLoc(), begin, id);
      builder.setInsertionPointAfter(groupEnd);
      builder.create<func::CallOp>(groupEnd->getLoc(), end, id);
    };
    for (Operation &op : llvm::make_early_inc_range(block)) {
      if (op.hasTrait<OpTrait::IsTerminator>())
        break;
      std::optional<StringRef> layer = layerOf(&op);
      if (!computes(op))
        continue;
      if (layer != groupLayer) {
        close();
        groupStart = &op;
        groupLayer = layer;
        groupExec.clear();
      }
      groupEnd = &op;
      // Name the group after its main op, not the fills and copies that
      // prepare padding or outputs.
      // (tensor.pad bufferizes to a fill plus a linalg.map copy.)
      bool helper = isa<linalg::FillOp, linalg::CopyOp, linalg::MapOp>(op);
      bool haveHelperOnly = StringRef(groupExec).starts_with("loops_fill") ||
                            StringRef(groupExec).starts_with("loops_copy") ||
                            StringRef(groupExec).starts_with("loops_map");
      if (groupExec.empty() || (haveHelperOnly && !helper))
        groupExec = execType(op);
    }
    close();

    // Layers fused into another one's kernel (a bias and ReLU computed in a
    // convolution's epilogue) get a row that is never timed, so -pc lists
    // them as NOT_RUN like OpenVINO does, instead of dropping them.
    model.walk([&](Operation *op) {
      SmallVector<StringRef> names = layersOf(op);
      if (names.size() < 2)
        return;
      for (StringRef name : llvm::drop_begin(names))
        addRow(name, ("fused_into_" + names.front()).str());
    });
    // A Concat whose inputs were computed into their slices runs no code
    // of its own.
    model.walk([&](memref::SubViewOp slice) {
      if (std::optional<StringRef> layer = layerOf(slice);
          layer && slice->hasAttr("ovc.in_place"))
        addRow(*layer, "in_place");
    });
    module->setAttr("ovc.layers", builder.getArrayAttr(table));
  }
};
} // namespace
