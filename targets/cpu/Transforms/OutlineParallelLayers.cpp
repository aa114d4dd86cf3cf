//===- OutlineParallelLayers.cpp - layers split across threads ------------===//

#include "targets/cpu/Transforms/Passes.h"

#include "compiler/pipeline/ModelFunction.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_OUTLINEPARALLELLAYERS
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;

namespace {

/// A buffer the bare-pointer calling convention can pass: static shape,
/// identity layout.
bool passable(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  return type && type.hasStaticShape() && type.getLayout().isIdentity() &&
         !type.getMemorySpace();
}

/// Values the op's body uses from outside: they must be constants, which
/// the slice function re-creates.
bool capturesOnlyConstants(linalg::LinalgOp op) {
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  return llvm::all_of(captured, [](Value v) {
    Operation *def = v.getDefiningOp();
    return def && def->hasTrait<OpTrait::ConstantLike>();
  });
}

/// The buffer a value views: through reshapes and casts, but not through
/// memref.view, whose results are the memory plan's separate buffers.
Value viewedBuffer(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view || isa<memref::ViewOp>(def))
      break;
    v = view.getViewSource();
  }
  return v;
}

/// Whether distinct operands are distinct memory, so that the slice
/// function may mark its pointers noalias. Operands of one op are live
/// together, so the memory plan never overlaps two of its buffers; the
/// same buffer under two reshapes would overlap.
bool operandsDisjoint(linalg::LinalgOp op) {
  DenseMap<Value, Value> rootOf;
  for (Value operand : op->getOperands()) {
    Value root = viewedBuffer(operand);
    auto [it, inserted] = rootOf.try_emplace(root, operand);
    if (!inserted && it->second != operand)
      return false;
  }
  return true;
}

/// Loop extents from which a split into parts of whole iterations is even
/// enough: 16 parts leave 2 threads at most 1/16 of the work apart.
constexpr int64_t kEvenSplitExtent = 16;

/// The loop to split, among the parallel loops of extent >= 2 that every
/// operand indexes with a plain dimension or not at all: the outermost of
/// extent >= kEvenSplitExtent, else the longest. An image's 3 channels
/// split 2 + 1 across 2 threads, a third of the work on the idle side;
/// its rows split evenly.
std::optional<unsigned> splittableLoop(linalg::LinalgOp op) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  auto iterators = op.getIteratorTypesArray();
  std::optional<unsigned> longest;
  for (unsigned loop = 0; loop < ranges.size(); ++loop) {
    if (iterators[loop] != utils::IteratorType::parallel ||
        ShapedType::isDynamic(ranges[loop]) || ranges[loop] < 2)
      continue;
    bool plain = llvm::all_of(op.getIndexingMapsArray(), [&](AffineMap map) {
      return llvm::all_of(map.getResults(), [&](AffineExpr e) {
        return !e.isFunctionOfDim(loop) || isa<AffineDimExpr>(e);
      });
    });
    if (!plain)
      continue;
    if (ranges[loop] >= kEvenSplitExtent)
      return loop;
    if (!longest || ranges[loop] > ranges[*longest])
      longest = loop;
  }
  return longest;
}

/// Each distinct operand buffer of `op` once, in operand order.
SmallVector<Value> distinctBuffers(linalg::LinalgOp op) {
  SetVector<Value> distinct(op->getOperands().begin(), op->getOperands().end());
  return SmallVector<Value>(distinct.begin(), distinct.end());
}

/// Creates `name(buffers..., extra...)` at the end of the module, its
/// buffer arguments marked noalias, and leaves `builder` at the start of its
/// body, where it clones the constants `op`'s body captures (recorded in
/// `mapping`).
func::FuncOp createOutlinedFunction(OpBuilder &builder, ModuleOp module,
                                    linalg::LinalgOp op, StringRef name,
                                    ArrayRef<Value> buffers,
                                    ArrayRef<Type> extra, IRMapping &mapping) {
  SmallVector<Type> types;
  for (Value b : buffers)
    types.push_back(b.getType());
  types.append(extra.begin(), extra.end());
  builder.setInsertionPointToEnd(module.getBody());
  auto fn = builder.create<func::FuncOp>(op.getLoc(), name,
                                         builder.getFunctionType(types, {}));
  for (unsigned i = 0; i < buffers.size(); ++i)
    fn.setArgAttr(i, "llvm.noalias", builder.getUnitAttr());
  builder.setInsertionPointToStart(fn.addEntryBlock());
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value constant : captured)
    mapping.map(constant,
                builder.clone(*constant.getDefiningOp())->getResult(0));
  return fn;
}

/// Replaces `op` by a call of a new private function `name(buffers...)`
/// computing it, each distinct buffer passed once and marked noalias. In
/// the model function all buffers are views of one arena, and LLVM, unable
/// to tell them apart, kept a reduction's operands in memory: a matmul's
/// loop along N reloaded the input after every store to the output, and
/// stayed scalar.
void outlineSerial(ModuleOp module, linalg::LinalgOp op, StringRef name) {
  OpBuilder builder(module.getContext());
  SmallVector<Value> buffers = distinctBuffers(op);
  IRMapping mapping;
  func::FuncOp fn =
      createOutlinedFunction(builder, module, op, name, buffers, {}, mapping);
  fn.setPrivate();
  for (auto [buffer, arg] : llvm::zip(buffers, fn.getArguments()))
    mapping.map(buffer, arg);
  builder.clone(*op, mapping);
  builder.create<func::ReturnOp>(op.getLoc());
  builder.setInsertionPoint(op);
  builder.create<func::CallOp>(op.getLoc(), fn, buffers);
  op->erase();
}

struct OutlineParallelLayersPass
    : public ovc::cpu::impl::OutlineParallelLayersBase<
          OutlineParallelLayersPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp model = ovc::pipeline::findModelFunction(module);
    if (!model)
      return;
    struct Layer {
      linalg::LinalgOp op;
      unsigned loop;
      int64_t extent;
    };
    SmallVector<Layer> layers;
    SmallVector<linalg::LinalgOp> serial;
    for (Operation &op : model.getBody().front()) {
      auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
      if (!linalgOp || !linalgOp.hasPureBufferSemantics() ||
          !llvm::all_of(op.getOperands(), passable) ||
          !capturesOnlyConstants(linalgOp) || !operandsDisjoint(linalgOp))
        continue;
      SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
      int64_t points = 1;
      for (int64_t range : ranges)
        points = ShapedType::isDynamic(range) ? 0 : points * range;
      if (points < minIterations) {
        if (linalgOp.getNumReductionLoops() > 0)
          serial.push_back(linalgOp);
        continue;
      }
      if (std::optional<unsigned> loop = splittableLoop(linalgOp))
        layers.push_back({linalgOp, *loop, ranges[*loop]});
    }

    MLIRContext *ctx = &getContext();
    OpBuilder builder(ctx);
    SmallVector<Attribute> parts;
    for (auto [k, layer] : llvm::enumerate(layers)) {
      auto [op, loop, extent] = layer;
      std::string name = (model.getName() + "_part" + Twine(k)).str();
      // Each distinct buffer once: the slice function's pointers then never
      // alias (see operandsDisjoint), which lets LLVM keep accumulators in
      // registers and vectorize without run-time overlap checks. Its
      // arguments: buffers..., begin, end.
      SmallVector<Value> buffers = distinctBuffers(op);
      IRMapping mapping;
      func::FuncOp slice = createOutlinedFunction(
          builder, module, op, name, buffers,
          {builder.getIndexType(), builder.getIndexType()}, mapping);
      Block *body = &slice.getBody().front();
      Value begin = body->getArgument(buffers.size());
      Value end = body->getArgument(buffers.size() + 1);
      Value size = builder.create<arith::SubIOp>(op.getLoc(), end, begin);
      for (OpOperand &operand : op->getOpOperands()) {
        Value arg = body->getArgument(llvm::find(buffers, operand.get()) -
                                      buffers.begin());
        AffineMap map = op.getMatchingIndexingMap(&operand);
        auto type = cast<MemRefType>(arg.getType());
        SmallVector<OpFoldResult> offsets, sizes, strides;
        bool sliced = false;
        for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
          strides.push_back(builder.getIndexAttr(1));
          if (expr.isFunctionOfDim(loop)) {
            offsets.push_back(begin);
            sizes.push_back(size);
            sliced = true;
          } else {
            offsets.push_back(builder.getIndexAttr(0));
            sizes.push_back(builder.getIndexAttr(type.getDimSize(dim)));
          }
        }
        mapping.map(operand.get(),
                    sliced ? builder
                                 .create<memref::SubViewOp>(
                                     op.getLoc(), arg, offsets, sizes, strides)
                                 .getResult()
                           : arg);
      }
      builder.clone(*op, mapping);
      builder.create<func::ReturnOp>(op.getLoc());

      // The runner the C interface implements: buffers... -> ().
      builder.setInsertionPointToStart(module.getBody());
      auto runner = builder.create<func::FuncOp>(
          op.getLoc(), name + "_run",
          builder.getFunctionType(
              slice.getFunctionType().getInputs().drop_back(2), {}));
      runner.setPrivate();
      builder.setInsertionPoint(op);
      builder.create<func::CallOp>(op.getLoc(), runner, buffers);
      op->erase();
      parts.push_back(builder.getDictionaryAttr(
          {builder.getNamedAttr("name", builder.getStringAttr(name)),
           builder.getNamedAttr("buffers",
                                builder.getI64IntegerAttr(buffers.size())),
           builder.getNamedAttr("extent", builder.getI64IntegerAttr(extent))}));
    }
    if (!parts.empty())
      module->setAttr("ovc.parallel_parts", builder.getArrayAttr(parts));
    for (auto [k, op] : llvm::enumerate(serial))
      outlineSerial(module, op, (model.getName() + "_serial" + Twine(k)).str());
  }
};

} // namespace
