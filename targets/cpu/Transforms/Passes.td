//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//

#ifndef OVC_TARGETS_CPU_PASSES_TD
#define OVC_TARGETS_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def ContractAccumulations
    : Pass<"ovc-contract-accumulations", "::mlir::func::FuncOp"> {
  let summary = "Allow FMA only for the multiply-accumulate of reductions";
  let description = [{
    Marks `acc + a * b` in the body of every linalg op with a reduction
    iterator (convolutions, matmuls; not depthwise convolutions) as
    contractible (`fastmath<contract>`),
    so that LLVM turns it into one fused multiply-add on ISAs that have FMA,
    as oneDNN and MLAS do in their GEMM and convolution kernels. Every other
    multiply and add keeps its own rounding, as in OpenVINO's element-wise
    reference: contracting `q / (L-1) * (oh-ol) + ol` in FakeQuantize or a
    scale-shift `x * s + b` moves values across quantization boundaries and
    flips INT8 outputs.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def ContiguousInnermostLoop
    : Pass<"ovc-contiguous-innermost-loop", "::mlir::func::FuncOp"> {
  let summary = "Make the loop along the output's contiguous dimension innermost";
  let description = [{
    Convolutions, pooling and matmuls iterate their reduction dimensions
    innermost (`..., oh, ow, c, kh, kw`), which leaves LLVM a 3-long
    reduction loop to vectorize. This pass generalizes every linalg op with
    reduction iterators and moves the parallel loop that indexes the
    output's last (contiguous) dimension innermost (`..., oh, c, kh, kw,
    ow`), so that the loop vectorizer works across output elements. Each
    output element still accumulates its products in the same order, so
    results are bit-identical. The named op's name is kept as
    `ovc.kernel` for the per-layer counters.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // OVC_TARGETS_CPU_PASSES_TD
