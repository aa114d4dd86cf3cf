//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//

#ifndef OVC_TARGETS_CPU_PASSES_TD
#define OVC_TARGETS_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def ContractAccumulations
    : Pass<"ovc-contract-accumulations", "::mlir::func::FuncOp"> {
  let summary = "Allow FMA only for the multiply-accumulate of reductions";
  let description = [{
    Marks `acc + a * b` in the body of every linalg op with a reduction
    iterator (convolutions, matmuls; depthwise convolutions only with
    `depthwise`) as contractible (`fastmath<contract>`),
    so that LLVM turns it into one fused multiply-add on ISAs that have FMA,
    as oneDNN and MLAS do in their GEMM and convolution kernels. Every other
    multiply and add keeps its own rounding, as in OpenVINO's element-wise
    reference: contracting `q / (L-1) * (oh-ol) + ol` in FakeQuantize or a
    scale-shift `x * s + b` moves values across quantization boundaries and
    flips INT8 outputs. Depthwise sums are contracted only when asked: the
    pipeline asks for models without FakeQuantize, where it makes their
    layers faster, and keeps rounded products in quantized ones, whose
    outputs stay closer to the float reference's that way (see
    `ovc-cpu-conv-ukernels`).
  }];
  let options = [
    Option<"depthwise", "depthwise", "bool", /*default=*/"false",
           "also contract the sums of depthwise convolutions">
  ];
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

def CollapseReductionLoops
    : Pass<"ovc-collapse-reduction-loops", "::mlir::func::FuncOp"> {
  let summary = "Merge adjacent reduction loops into one long loop";
  let description = [{
    A reduction over several adjacent dimensions that every operand reads
    contiguously (ReduceMean over H and W of NCHW, a global average pool)
    becomes one loop over their product: `1x1000x14x14 -> 1x1000x1x1`
    reduces 196 elements in one loop, not 14 rows of 14. LLVM unrolls a
    14-long loop whole and is then left a chain of scalar adds per row;
    a 196-long loop it vectorizes (the sums are marked `reassoc`), with
    several vector accumulators. Only linalg.generic ops are collapsed
    whose indexing maps keep each run of dimensions together.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect"];
}

def OutlineParallelLayers
    : Pass<"ovc-outline-parallel-layers", "::mlir::ModuleOp"> {
  let summary = "Split large layers across the runtime's threads";
  let description = [{
    For each linalg op (on buffers) of the model function with at least
    `min-iterations` points in its iteration space, picks its outermost
    parallel loop that indexes every operand either not at all or as a
    plain dimension (a convolution's output channels, a matmul's rows),
    and outlines the op into a public function
    `<model>_part<k>(buffers..., begin, end)` that computes the slice
    [begin, end) of that loop. The op is replaced by a call of
    `<model>_part<k>_run(buffers...)`, which the generated C interface
    implements with `ovc_parallel_for` over the loop's extent. The slice
    function takes each distinct buffer once, marked `llvm.noalias` (ops
    whose operands may overlap are left alone). Each output element is
    computed exactly as before. The parts are listed in
    `ovc.parallel_parts` on the module (name, buffer count, extent).

    Smaller ops with reduction iterators are outlined whole into a private
    `<model>_serial<k>(buffers...)`, each distinct buffer once and
    noalias, and called directly: in the model function every buffer is a
    view of one arena, and LLVM, unable to tell them apart, kept a
    reduction's operands in memory (a matmul reloaded its input after every
    store to its output and stayed scalar).
  }];
  let options = [
    // 8192: a thread joins a loop in under a microsecond, and a layer left
    // on one thread read the half of its input that the layer before wrote
    // on the other core (vehicle-attributes' per-channel scale, shift and
    // ReLU on 64 x 18 x 18 took 19 us at 2 threads serially, 5 us split).
    Option<"minIterations", "min-iterations", "int64_t", /*default=*/"8192",
           "Smaller layers stay serial: waking threads would cost more">
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::func::FuncDialect"];
}

def ConvUkernels : Pass<"ovc-cpu-conv-ukernels", "::mlir::func::FuncOp"> {
  let summary = "Compute 2-D convolutions with the ISA family's microkernel";
  let description = [{
    Replaces every static f32 `ov.convolution` whose filter is a constant
    by `ovc_cpu.conv2d`, calling `ovc_conv2d_f32_<family>`: the filter is
    packed at compile time into blocks of the family's output-channel block
    (8 for sse41, 16 for avx2, 32 for avx512), and a following per-channel
    bias `ov.add`, then `ov.relu` or `ov.clamp`, each the only user of the
    value before it, are fused into the kernel's epilogue. Depthwise
    `ov.group_convolution`s (one input and one output channel per group)
    with a constant filter and output rows of at least four vectors (two
    channel blocks) become `ovc_cpu.depthwise_conv2d`, calling
    `ovc_depthwise_conv2d_f32_<family>`, with the same epilogue fusion. The
    kernels sum in the order of the generated loops, so results do not
    change. Convolutions that `ovc-cpu-winograd-ukernels`, run before it,
    gave the Winograd kernel are no longer `ov.convolution`s.

    With `fuse-depthwise`, depthwise layers on a family with FMA (avx2,
    avx512) are marked `fused_multiply_add`: each tap is one fused
    multiply-add, as the loops compute them after
    `ovc-contract-accumulations{depthwise}` (the pipeline sets both for
    models without FakeQuantize). In face-detection-adas-0001-fp16 that cut
    its depthwise layers' time by 8 % (AVX2, 1 thread); in its INT8 twin
    the fused sums matched 0.899 of the reference boxes against 0.909 with
    rounded products, below the 0.9 the acceptance test asks for.
  }];
  let options = [
    Option<"family", "family", "std::string", /*default=*/"\"avx2\"",
           "microkernel ISA family: sse41, avx2 or avx512">,
    Option<"fuseDepthwise", "fuse-depthwise", "bool", /*default=*/"false",
           "depthwise layers sum with fused multiply-adds (FMA families)">
  ];
  let dependentDialects = ["::ovc::cpu::CPUDialect"];
}

def WinogradUkernels
    : Pass<"ovc-cpu-winograd-ukernels", "::mlir::func::FuncOp"> {
  let summary = "Compute 3x3 stride-1 convolutions by Winograd F(2x2, 3x3)";
  let description = [{
    Replaces each static f32 `ov.convolution` with a constant 3x3 filter,
    unit strides and dilations, where the family's Winograd kernel beats
    its direct one (`ovc_conv2d_winograd_pays` in ukernels.h: enough input
    and output channels, and at least 3/4 of the outputs it computes
    stored), by `ovc_cpu.winograd_conv2d`, calling
    `ovc_conv2d_winograd_f32_<family>`. The filter is transformed at
    compile time into the 16 points of G g G^T, in blocks of 6 output
    channels. The bias, residual Add and ReLU/Clamp after it are fused as
    in `ovc-cpu-conv-ukernels`, which runs after this pass and takes the
    other convolutions. The results round differently from the direct
    kernel's (see ukernels.h).
  }];
  let options = [
    Option<"family", "family", "std::string", /*default=*/"\"avx2\"",
           "microkernel ISA family: sse41, avx2 or avx512">
  ];
  let dependentDialects = ["::ovc::cpu::CPUDialect"];
}

def PoolUkernels : Pass<"ovc-cpu-pool-ukernels", "::mlir::func::FuncOp"> {
  let summary = "Compute 2-D max pooling with the ISA family's microkernel";
  let description = [{
    Replaces every static f32 2-D `ov.max_pool` that pads (explicitly, by
    auto_pad, or by the end padding that ceil rounding needs) by
    `ovc_cpu.max_pool2d`, calling `ovc_max_pool2d_f32_<family>`. Unpadded
    pools stay loops, which are as fast there. The kernel computes the same
    IEEE maximum as the loops, so results do not change.
  }];
  let options = [
    Option<"family", "family", "std::string", /*default=*/"\"avx2\"",
           "microkernel ISA family: sse41, avx2 or avx512">
  ];
  let dependentDialects = ["::ovc::cpu::CPUDialect"];
}

def BlockedLayout : Pass<"ovc-cpu-blocked-layout", "::mlir::ModuleOp"> {
  let summary = "Run chains of depthwise and 1x1 layers on channel-blocked activations";
  let description = [{
    Moves chains of `ovc_cpu.depthwise_conv2d` and 1x1 `ovc_cpu.conv2d`
    layers (unit strides, no padding) of the family's kernels, joined by
    their inputs and the 1x1 layers' residuals,
    whose channels are multiples of the family's vector length V, into
    channel blocks `[N, C / V, H, W, V]`: each is computed by the family's
    `ovc_blocked_*` kernel, and `ovc_cpu.reorder` converts where a chain
    meets NCHW (its inputs and residuals, and each value that a layer
    outside the chain reads). Depthwise filters are repacked to
    `[C / V, KH, KW, V]`; 1x1 filters keep their packing. Where a chain's input comes from a stem
    that the kernel computes from phase rows (`ovc_conv2d_writes_blocks`),
    the stem writes it in blocks instead of a reorder reading it back. The
    blocked kernels give the NCHW kernels' bits.

    A chain is moved when it holds a depthwise layer and at least one other
    layer: blocks save a depthwise layer's masked and deinterleaved taps,
    and a lone layer's gain is about what its two reorders cost.

    The reorders are named after the layer next to them
    (`<layer>/to_blocked`, `<layer>/from_blocked`) and added to the
    module's `ovc.layer_types` as `Reorder`, for the layer counters.
  }];
  let options = [
    Option<"family", "family", "std::string", /*default=*/"\"avx2\"",
           "microkernel ISA family: sse41, avx2 or avx512">
  ];
  let dependentDialects = ["::ovc::cpu::CPUDialect"];
}

def FuseDepthwisePointwise
    : Pass<"ovc-cpu-fuse-depthwise-pointwise", "::mlir::func::FuncOp"> {
  let summary = "Compute a blocked depthwise layer inside the 1x1 layer that reads it";
  let description = [{
    Replaces a blocked `ovc_cpu.depthwise_conv2d` of the family whose only
    reader is a blocked 1x1 `ovc_cpu.conv2d` of the family (its input, not
    its residual), and the 1x1 layer, with one
    `ovc_cpu.depthwise_pointwise_conv2d`: its kernel computes the depthwise
    output a band of rows at a time into a buffer that L2 holds, and the
    1x1 layer reads it there, so that the depthwise output (6 MB for
    face-detection-adas's conv2_1/dw) is never written to memory and read
    back. Rows whose channels do not fit the buffer
    (`ovc_blocked_dw_pw_band_rows`) stay apart. The sums are the two
    kernels' bits.

    The fused op's location is the 1x1 layer's then the depthwise
    layer's: the layer counters time it as the 1x1 layer and list the
    depthwise one as fused into it.
  }];
  let options = [
    Option<"family", "family", "std::string", /*default=*/"\"avx2\"",
           "microkernel ISA family: sse41, avx2 or avx512">
  ];
  let dependentDialects = ["::ovc::cpu::CPUDialect"];
}

def MatMulKMajorWeights
    : Pass<"ovc-cpu-matmul-k-major-weights", "::mlir::func::FuncOp"> {
  let summary = "Store a MatMul's constant transposed B as K x N";
  let description = [{
    A fully connected layer is usually `ov.matmul %x, %w {transpose_b}`
    with a constant `%w` of shape `[..., N, K]`. Lowered as is, each output
    element is one serial chain of K dependent multiply-adds (a 576-long
    chain per output in mnist's dense layer). This pass transposes the
    constant at compile time to `[..., K, N]` and clears `transpose_b`;
    `-ovc-contiguous-innermost-loop` then puts the N loop innermost, where
    both B and the output are contiguous, and LLVM vectorizes across output
    elements. Each output still sums its products over k in order, so
    results do not change.
  }];
}

def ApproximateExp : Pass<"ovc-cpu-approximate-exp", "::mlir::func::FuncOp"> {
  let summary = "Compute f32 exp with a polynomial that vectorizes";
  let description = [{
    Replaces every f32 `math.exp` (scalar or vector) with MLIR's polynomial
    approximation (arith and math.fma only; inf, NaN, overflow and underflow
    handled). Without it, a vectorized loop of exp calls libm's expf once
    per lane: SoftMax, Sigmoid, Swish and friends then run at scalar speed.
    Other math functions are left to LLVM and libm.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

#endif // OVC_TARGETS_CPU_PASSES_TD
