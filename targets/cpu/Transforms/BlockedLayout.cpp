//===- BlockedLayout.cpp - depthwise chains on channel-blocked activations ===//
//
// The NCHW depthwise kernel vectorizes along a row: a 3x3 tap loads across
// the row's ends (masked), a stride-2 tap deinterleaves two vectors, and
// each output vector is one chain of dependent multiply-adds. In blocks of
// V channels, [N, C / V, H, W, V], every tap is one whole-vector load at
// any stride, and the 1x1 layers between depthwise layers read a pixel's
// channels from one line and store whole vectors without a panel copy.
// This pass moves chains of such layers into blocks, with ovc_cpu.reorder
// where a chain meets NCHW; a stem before a chain writes blocks itself
// (a reorder of its output cost a third of the stem's time). The blocked
// kernels give the NCHW kernels' bits, so the choice changes no result.
//
//===----------------------------------------------------------------------===//

#include "dialects/ov/IR/WeightNames.h"
#include "targets/cpu/IR/CPUDialect.h"
#include "targets/cpu/Transforms/KernelEpilogue.h"
#include "targets/cpu/Transforms/Passes.h"
#include "targets/cpu/Transforms/UkernelFamily.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/SetVector.h"

namespace ovc::cpu {
#define GEN_PASS_DEF_BLOCKEDLAYOUT
#include "targets/cpu/Transforms/Passes.h.inc"
} // namespace ovc::cpu

using namespace mlir;
using ovc::cpu::Conv2DOp;
using ovc::cpu::DepthwiseConv2DOp;
using ovc::cpu::ReorderOp;

namespace {

/// `type` ([N, C, H, W]) in blocks of `vector` channels.
RankedTensorType blockedType(Type type, int64_t vector) {
  auto nchw = cast<RankedTensorType>(type);
  ArrayRef<int64_t> s = nchw.getShape();
  return RankedTensorType::get({s[0], s[1] / vector, s[2], s[3], vector},
                               nchw.getElementType());
}

/// `layer`'s name (its first NameLoc) with `suffix`.
Location derivedName(Operation *layer, StringRef suffix) {
  return NameLoc::get(
      StringAttr::get(layer->getContext(),
                      mlir::ov::layerName(layer, "blocked_layout") + suffix));
}

struct BlockedLayoutPass
    : public ovc::cpu::impl::BlockedLayoutBase<BlockedLayoutPass> {
  using Base::Base;

  int64_t vector = 0;

  /// Whether `op` is an NCHW layer of this family that a blocked kernel
  /// computes.
  bool takesBlocks(Operation *op) {
    // Depthwise filters are repacked here: they must be constants.
    if (auto dw = dyn_cast<DepthwiseConv2DOp>(op))
      return !dw.isBlocked() &&
             dw.getUkernel() == "ovc_depthwise_conv2d_f32_" + family &&
             dw.getInput().getType().getDimSize(1) % vector == 0 &&
             matchPattern(dw.getFilter(), m_Constant());
    auto conv = dyn_cast<Conv2DOp>(op);
    if (!conv || conv.isBlocked() || conv.writesBlocks() ||
        conv.getUkernel() != "ovc_conv2d_f32_" + family ||
        conv.getBlock() != 2 * vector)
      return false;
    return conv.isPlainPointwise() &&
           conv.getInput().getType().getDimSize(1) % vector == 0 &&
           conv.getOutput().getType().getDimSize(1) % vector == 0;
  }

  /// Names of the reorders added, which the layer counters report as
  /// layers of type Reorder (as OpenVINO's CPU plugin does).
  SmallVector<StringAttr> reorderNames;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t block = ovc::cpu::familyBlock(module, family);
    if (!block)
      return signalPassFailure();
    vector = block / 2;
    for (auto fn : module.getOps<func::FuncOp>())
      runOnFunction(fn);
    // The imported layers' types (see the ovc tool), with the reorders.
    auto types = module->getAttrOfType<DictionaryAttr>("ovc.layer_types");
    if (!types || reorderNames.empty())
      return;
    NamedAttrList entries(types);
    auto reorder = StringAttr::get(&getContext(), "Reorder");
    for (StringAttr name : reorderNames)
      entries.set(name, reorder);
    module->setAttr("ovc.layer_types", entries.getDictionary(&getContext()));
  }

  void runOnFunction(func::FuncOp fn) {
    // Chains: layers joined by the values they pass each other.
    SmallVector<Operation *> layers;
    llvm::EquivalenceClasses<Operation *> chains;
    fn.walk([&](Operation *op) {
      if (!takesBlocks(op))
        return;
      layers.push_back(op);
      chains.insert(op);
      // The input, and a 1x1 layer's residual.
      for (Value operand : {op->getOperand(0), residualOf(op)}) {
        Operation *producer = operand ? operand.getDefiningOp() : nullptr;
        if (producer && chains.findValue(producer) != chains.end())
          chains.unionSets(producer, op);
      }
    });
    // A chain pays where it holds a depthwise layer, whose taps gain most
    // from blocks, and another layer: a lone layer's gain is about what
    // its two reorders cost, each of which reads and writes the whole
    // tensor (face-detection-adas's stride-2 conv2_2/dw saves 0.4 ms; an
    // element-by-element reorder of its 24 x 192 x 336 input took 0.4 to
    // 0.6 ms).
    llvm::SetVector<Operation *> chosen;
    for (auto it = chains.begin(); it != chains.end(); ++it) {
      if (!it->isLeader())
        continue;
      SmallVector<Operation *> members(chains.member_begin(it),
                                       chains.member_end());
      if (members.size() >= 2 &&
          llvm::any_of(members, llvm::IsaPred<DepthwiseConv2DOp>))
        chosen.insert(members.begin(), members.end());
    }
    // In program order, so that every producer is rewritten first.
    SmallVector<Operation *> order;
    for (Operation *op : layers)
      if (chosen.contains(op))
        order.push_back(op);

    DenseMap<Value, Value> blockedValues;
    SmallVector<Operation *> replacedStems;
    OpBuilder builder(&getContext());
    // `value` (NCHW) in blocks: the blocked layer's result, a stem's that
    // writes it in blocks, or a reorder named after `consumer` with
    // `suffix`.
    auto blocked = [&](Value value, Operation *consumer, StringRef suffix) {
      if (Value existing = blockedValues.lookup(value))
        return existing;
      if (auto stem = value.getDefiningOp<Conv2DOp>();
          stem && writesBlocks(stem)) {
        Value result = blockedStem(builder, stem, chosen);
        blockedValues[value] = result;
        replacedStems.push_back(stem);
        return result;
      }
      builder.setInsertionPointAfterValue(value);
      Value reorder = builder.create<ReorderOp>(
          reorderName(consumer, suffix), blockedType(value.getType(), vector),
          value, "ovc_to_blocked_f32_" + family);
      blockedValues[value] = reorder;
      return reorder;
    };

    for (Operation *op : order) {
      Value input = blocked(op->getOperand(0), op, "/to_blocked");
      Value residual = residualOf(op);
      if (residual)
        residual = blocked(residual, op, "/residual_to_blocked");
      builder.setInsertionPoint(op);
      Value result = op->getResult(0);
      RankedTensorType type = blockedType(result.getType(), vector);
      Value replacement;
      if (auto dw = dyn_cast<DepthwiseConv2DOp>(op)) {
        Value filter = blockedFilter(builder, dw);
        replacement = builder.create<DepthwiseConv2DOp>(
            op->getLoc(), type, input, filter, dw.getBias(), dw.getStrides(),
            dw.getDilations(), dw.getPadsBegin(), dw.getPadsEnd(),
            dw.getMinAttr(), dw.getMaxAttr(), dw.getFusedMultiplyAdd(),
            "ovc_blocked_depthwise_conv2d_f32_" + family);
      } else {
        auto conv = cast<Conv2DOp>(op);
        replacement = builder.create<Conv2DOp>(
            op->getLoc(), type, input, conv.getFilter(), conv.getBias(),
            residual, conv.getStrides(), conv.getDilations(),
            conv.getPadsBegin(), conv.getPadsEnd(), conv.getMinAttr(),
            conv.getMaxAttr(), "ovc_blocked_pointwise_conv2d_f32_" + family);
      }
      blockedValues[result] = replacement;
      // Uses outside the chain read it back in NCHW.
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            return !chosen.contains(user);
          })) {
        builder.setInsertionPointAfterValue(replacement);
        Value nchw = builder.create<ReorderOp>(
            reorderName(op, "/from_blocked"), result.getType(), replacement,
            "ovc_from_blocked_f32_" + family);
        result.replaceUsesWithIf(nchw, [&](OpOperand &use) {
          return !chosen.contains(use.getOwner());
        });
      }
    }
    // Now used only by each other (and their NCHW filters by them), the
    // replaced stems only by them.
    for (Operation *op : llvm::reverse(order)) {
      Operation *filter = op->getOperand(1).getDefiningOp();
      op->erase();
      if (filter && filter->use_empty())
        filter->erase();
    }
    for (Operation *stem : replacedStems)
      stem->erase();
  }

  /// The residual a 1x1 layer adds, if any.
  static Value residualOf(Operation *op) {
    auto conv = dyn_cast<Conv2DOp>(op);
    return conv ? conv.getResidual() : Value();
  }

  /// Whether `conv`, an NCHW layer of this family, can write its result in
  /// blocks (a stem computed from phase rows).
  bool writesBlocks(Conv2DOp conv) {
    auto in = conv.getInput().getType();
    auto filter = conv.getFilter().getType();
    auto out = conv.getOutput().getType();
    return in.getRank() == 4 && out.getRank() == 4 &&
           conv.getUkernel() == "ovc_conv2d_f32_" + family &&
           conv.getBlock() == 2 * vector && !conv.getResidual() &&
           ovc_conv2d_writes_blocks(in.getDimSize(1), filter.getDimSize(2),
                                    filter.getDimSize(3), conv.getStrides()[1],
                                    conv.getDilations()[1], out.getDimSize(3),
                                    out.getDimSize(1), conv.getBlock());
  }

  /// A copy of `stem` that gives its result in blocks; its readers outside
  /// `chosen` read a reorder back. Returns the blocked result.
  Value blockedStem(OpBuilder &builder, Conv2DOp stem,
                    const llvm::SetVector<Operation *> &chosen) {
    builder.setInsertionPoint(stem);
    Value result = stem.getOutput();
    Value blockedResult = builder.create<Conv2DOp>(
        stem.getLoc(), blockedType(result.getType(), vector), stem.getInput(),
        stem.getFilter(), stem.getBias(), /*residual=*/Value(),
        stem.getStrides(), stem.getDilations(), stem.getPadsBegin(),
        stem.getPadsEnd(), stem.getMinAttr(), stem.getMaxAttr(),
        stem.getUkernel());
    // Readers outside the chain read NCHW; those in it take the blocked
    // result as they are rewritten, and are erased with the stem.
    auto outside = [&](OpOperand &use) {
      return !chosen.contains(use.getOwner());
    };
    if (llvm::any_of(result.getUses(), outside)) {
      Value nchw = builder.create<ReorderOp>(reorderName(stem, "/from_blocked"),
                                             result.getType(), blockedResult,
                                             "ovc_from_blocked_f32_" + family);
      result.replaceUsesWithIf(nchw, outside);
    }
    return blockedResult;
  }

  /// The location of a reorder next to `layer`: a name of its own, so that
  /// the layer counters time it apart from the layer.
  Location reorderName(Operation *layer, StringRef suffix) {
    Location loc = derivedName(layer, suffix);
    reorderNames.push_back(cast<NameLoc>(loc).getName());
    return loc;
  }

  /// `dw`'s filter [C, KH, KW] as [C / V, KH, KW, V].
  Value blockedFilter(OpBuilder &builder, DepthwiseConv2DOp dw) {
    std::optional<std::vector<float>> values =
        mlir::ov::constantAsF32(dw.getFilter());
    ArrayRef<int64_t> f = dw.getFilter().getType().getShape();
    int64_t channels = f[0], taps = f[1] * f[2];
    std::vector<float> packed(values->size());
    for (int64_t c = 0; c < channels; ++c)
      for (int64_t t = 0; t < taps; ++t)
        packed[((c / vector) * taps + t) * vector + c % vector] =
            (*values)[c * taps + t];
    return ovc::cpu::createF32Constant(
        builder, dw.getLoc(), {channels / vector, f[1], f[2], vector},
        std::move(packed), "blocked_depthwise_filter");
  }
};

} // namespace
