//===- ProduceIntoSlices.cpp - producers write into the slices they fill
//---===//
//
// Bufferization computes each Concat input into a buffer of its own and
// copies it into its slice of the Concat's buffer; a convolution kernel,
// whose output is a fresh buffer, always does. When the slice is dense (a
// channel slice of an NCHW batch of one), this pass lets the producer write
// straight into it: the source buffer's uses become uses of the slice, the
// copy goes. Besides the copy's time, this saves pulling the data across
// cores when the producer ran on several threads and the copy on one.
//
//===----------------------------------------------------------------------===//

#include "compiler/memory/BufferUses.h"
#include "compiler/memory/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace ovc::memory {
#define GEN_PASS_DEF_PRODUCEINTOSLICES
#include "compiler/memory/Passes.h.inc"
} // namespace ovc::memory

using namespace mlir;

namespace {

/// Whether `type` is dense row-major from its (static) offset on: every
/// dimension of more than one element has the stride of the dimensions
/// after it, so a kernel can take it as a plain pointer.
bool isDenseFromOffset(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (!type.hasStaticShape() ||
      failed(getStridesAndOffset(type, strides, offset)) ||
      ShapedType::isDynamic(offset))
    return false;
  int64_t expected = 1;
  for (int64_t d = type.getRank() - 1; d >= 0; --d) {
    if (type.getDimSize(d) != 1 && strides[d] != expected)
      return false;
    expected *= type.getDimSize(d);
  }
  return true;
}

/// Whether two static, unit-stride subviews of one buffer share no element.
bool disjoint(memref::SubViewOp a, memref::SubViewOp b) {
  for (auto [offA, sizeA, strideA, offB, sizeB, strideB] : llvm::zip(
           a.getStaticOffsets(), a.getStaticSizes(), a.getStaticStrides(),
           b.getStaticOffsets(), b.getStaticSizes(), b.getStaticStrides())) {
    if (ShapedType::isDynamic(offA) || ShapedType::isDynamic(sizeA) ||
        ShapedType::isDynamic(offB) || ShapedType::isDynamic(sizeB) ||
        strideA != 1 || strideB != 1)
      return false;
    if (offA + sizeA <= offB || offB + sizeB <= offA)
      return true;
  }
  return false;
}

/// The top-level op of `block` that holds `op`.
Operation *topLevel(Block &block, Operation *op) {
  return block.findAncestorOpInBlock(*op);
}

struct ProduceIntoSlicesPass
    : public ovc::memory::impl::ProduceIntoSlicesBase<ProduceIntoSlicesPass> {
  void runOnOperation() override {
    for (Block &block : getOperation().getBody()) {
      SmallVector<linalg::CopyOp> copies;
      for (Operation &op : block)
        if (auto copy = dyn_cast<linalg::CopyOp>(op))
          copies.push_back(copy);
      for (linalg::CopyOp copy : copies)
        (void)produceIntoSlice(block, copy);
    }
  }

  /// Rewrites `copy` (source buffer -> slice) so that the source's users
  /// write the slice itself, when that changes nothing they or anyone else
  /// observe.
  LogicalResult produceIntoSlice(Block &block, linalg::CopyOp copy) {
    Value source = copy.getInputs()[0], target = copy.getOutputs()[0];
    auto sourceAlloc = source.getDefiningOp<memref::AllocOp>();
    auto slice = target.getDefiningOp<memref::SubViewOp>();
    if (!sourceAlloc || !slice || sourceAlloc->getBlock() != &block ||
        slice->getBlock() != &block ||
        !sourceAlloc.getType().getLayout().isIdentity() ||
        !isDenseFromOffset(slice.getType()) ||
        sourceAlloc.getType().getShape() != slice.getType().getShape())
      return failure();
    // The whole buffer the slice is cut from: an allocation of this block
    // (moved up if needed) or an argument of it (the model's output).
    Value whole = slice.getSource();
    auto wholeAlloc = whole.getDefiningOp<memref::AllocOp>();
    bool isArgument = isa<BlockArgument>(whole) &&
                      cast<BlockArgument>(whole).getOwner() == &block;
    if (!isArgument && (!wholeAlloc || wholeAlloc->getBlock() != &block ||
                        !wholeAlloc.getDynamicSizes().empty()))
      return failure();

    // The source is written and read only before the copy, by ops that
    // take any strided buffer: linalg ops, and kernel calls through
    // extract_strided_metadata (which adds the slice's offset). An aligned
    // pointer read directly would miss that offset; a view would change
    // type.
    for (Operation *user : source.getUsers())
      if (user != copy &&
          !isa<linalg::LinalgOp, memref::ExtractStridedMetadataOp>(user))
        return failure();
    DenseMap<Operation *, unsigned> position;
    for (Operation &op : block)
      position[&op] = position.size();
    // (Raw pointers followed to the calls that take them.)
    if (ovc::memory::analyzeUses(source, block, position).last != copy)
      return failure();

    // Nothing else touches the slice's elements from the source's
    // allocation to the copy: other slices there are disjoint from it, and
    // other uses of the whole buffer come after the copy.
    for (Operation *user : whole.getUsers()) {
      if (user == slice)
        continue;
      if (auto other = dyn_cast<memref::SubViewOp>(user);
          other && disjoint(other, slice))
        continue;
      Operation *top = topLevel(block, user);
      if (!top || !copy->isBeforeInBlock(top))
        return failure();
    }

    if (wholeAlloc && sourceAlloc->isBeforeInBlock(wholeAlloc))
      wholeAlloc->moveBefore(sourceAlloc);
    OpBuilder builder(sourceAlloc);
    auto produced = cast<memref::SubViewOp>(builder.clone(*slice));
    // -pc lists the Concat as done in place.
    produced->setAttr("ovc.in_place", builder.getUnitAttr());
    produced->setLoc(copy.getLoc());
    // A kernel's pointer is the aligned pointer of the metadata's base plus
    // the metadata's offset; for the dense source the offset folded away
    // (it was 0), so the slice's is added here.
    int64_t sliceOffset = 0;
    SmallVector<int64_t> sliceStrides;
    (void)getStridesAndOffset(produced.getType(), sliceStrides, sliceOffset);
    for (Operation *user : llvm::to_vector(source.getUsers())) {
      auto metadata = dyn_cast<memref::ExtractStridedMetadataOp>(user);
      if (!metadata || !metadata.getOffset().use_empty() || sliceOffset == 0)
        continue;
      for (Operation *read :
           llvm::to_vector(metadata.getBaseBuffer().getUsers())) {
        auto pointer = dyn_cast<memref::ExtractAlignedPointerAsIndexOp>(read);
        if (!pointer)
          continue;
        builder.setInsertionPointAfter(pointer);
        Value bytes = builder.create<arith::ConstantIndexOp>(
            pointer.getLoc(),
            sliceOffset * (produced.getType().getElementTypeBitWidth() / 8));
        auto address = builder.create<arith::AddIOp>(
            pointer.getLoc(), pointer.getResult(), bytes);
        pointer.getResult().replaceAllUsesExcept(address, address);
      }
    }
    source.replaceUsesWithIf(produced.getResult(), [&](OpOperand &use) {
      return use.getOwner() != copy;
    });
    copy.erase();
    sourceAlloc.erase();
    if (slice->use_empty())
      slice.erase();
    return success();
  }
};

} // namespace
