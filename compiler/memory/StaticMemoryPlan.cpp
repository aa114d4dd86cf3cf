//===- StaticMemoryPlan.cpp - one arena for all intermediate buffers ------===//

#include "compiler/memory/BufferUses.h"
#include "compiler/memory/Passes.h"
#include "compiler/pipeline/ModelFunction.h"

#include "llvm/ADT/STLExtras.h"

namespace ovc::memory {
#define GEN_PASS_DEF_STATICMEMORYPLAN
#include "compiler/memory/Passes.h.inc"
} // namespace ovc::memory

using namespace mlir;
using ovc::memory::analyzeUses;
using ovc::memory::BufferUses;

namespace {

constexpr int64_t kAlignment = 64;

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes;
  unsigned start, end; // positions in the block, inclusive
  int64_t offset = -1;
  // Raw pointer reads of a buffer handed to kernels, re-derived from the
  // arena's pointer once the buffer is a view of it.
  SmallVector<Operation *> pointerReads;
};

struct StaticMemoryPlanPass
    : public ovc::memory::impl::StaticMemoryPlanBase<StaticMemoryPlanPass> {
  void runOnOperation() override {
    func::FuncOp func = ovc::pipeline::findModelFunction(getOperation());
    if (!func)
      return;
    Block &block = func.getBody().front();
    DenseMap<Operation *, unsigned> position;
    for (auto [i, op] : llvm::enumerate(block))
      position[&op] = i;

    SmallVector<Buffer> buffers;
    SmallVector<std::pair<memref::AllocOp, Operation *>> unplanned;
    for (Operation &op : block) {
      auto alloc = dyn_cast<memref::AllocOp>(op);
      if (!alloc)
        continue;
      MemRefType type = alloc.getType();
      BufferUses uses = analyzeUses(alloc, block, position);
      Operation *last = uses.last ? uses.last : alloc.getOperation();
      std::optional<SmallVector<Operation *>> pointerReads;
      if (uses.pointerEscapes)
        pointerReads = ovc::memory::alignedPointerReads(alloc);
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat() ||
          type.getElementTypeBitWidth() % 8 != 0 || type.getMemorySpace() ||
          (uses.pointerEscapes && !pointerReads)) {
        unplanned.push_back({alloc, last});
        continue;
      }
      int64_t bytes =
          type.getNumElements() * (type.getElementTypeBitWidth() / 8);
      buffers.push_back({alloc, std::max<int64_t>(bytes, 1), position[alloc],
                         position[last]});
      if (pointerReads)
        buffers.back().pointerReads = std::move(*pointerReads);
    }

    // Greedy placement, largest first: the lowest aligned offset that does
    // not overlap any placed buffer whose live range meets this one's.
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    llvm::stable_sort(order,
                      [](Buffer *a, Buffer *b) { return a->bytes > b->bytes; });
    int64_t arenaBytes = 0;
    SmallVector<Buffer *> placed;
    for (Buffer *b : order) {
      SmallVector<std::pair<int64_t, int64_t>> busy;
      for (Buffer *p : placed)
        if (p->start <= b->end && b->start <= p->end)
          busy.push_back({p->offset, p->offset + p->bytes});
      llvm::sort(busy);
      int64_t offset = 0;
      for (auto [lo, hi] : busy) {
        if (offset + b->bytes <= lo)
          break;
        offset =
            std::max(offset, (hi + kAlignment - 1) / kAlignment * kAlignment);
      }
      b->offset = offset;
      arenaBytes = std::max(arenaBytes, offset + b->bytes);
      placed.push_back(b);
    }

    // The arena is the caller's: a trailing argument that the runtime
    // allocates once per model instance, so that no inference allocates or
    // faults in fresh pages.
    OpBuilder builder(&getContext());
    Location loc = func.getLoc();
    if (!buffers.empty()) {
      auto arenaType = MemRefType::get({arenaBytes}, builder.getI8Type());
      unsigned index = func.getNumArguments();
      func.insertArgument(index, arenaType,
                          builder.getDictionaryAttr(builder.getNamedAttr(
                              "ovc.arena", builder.getUnitAttr())),
                          loc);
      Value arena = func.getArgument(index);
      for (Buffer &b : buffers) {
        builder.setInsertionPoint(b.alloc);
        Location at = b.alloc.getLoc();
        Value offset = builder.create<arith::ConstantIndexOp>(at, b.offset);
        Value view = builder.create<memref::ViewOp>(
            at, b.alloc.getType(), arena, offset, ValueRange{});
        if (!b.pointerReads.empty()) {
          Value base =
              builder.create<memref::ExtractAlignedPointerAsIndexOp>(at, arena);
          Value address = builder.create<arith::AddIOp>(at, base, offset);
          for (Operation *read : b.pointerReads) {
            read->getResult(0).replaceAllUsesWith(address);
            read->erase();
          }
        }
        b.alloc.replaceAllUsesWith(view);
        b.alloc.erase();
      }
    }
    // Anything not planned is freed after its last use.
    for (auto [alloc, after] : unplanned) {
      if (after == block.getTerminator())
        builder.setInsertionPoint(after);
      else
        builder.setInsertionPointAfter(after);
      builder.create<memref::DeallocOp>(alloc.getLoc(), alloc);
    }
    func->setAttr("ovc.arena_bytes", builder.getI64IntegerAttr(arenaBytes));
  }
};
} // namespace
