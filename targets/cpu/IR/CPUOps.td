//===- CPUOps.td - ovc_cpu dialect: microkernel calls -----*- tablegen -*-===//
//
// Ops that the CPU target computes with its per-ISA microkernels
// (targets/cpu/ukernels). They sit on tensors between the ov dialect and
// bufferization, carry operands already in the layout their kernel reads
// (weights packed at compile time), and bufferize into one call.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_CPU_OPS_TD
#define OVC_CPU_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def CPU_Dialect : Dialect {
  let name = "ovc_cpu";
  let cppNamespace = "::ovc::cpu";
  let summary = "layers computed by ovc's CPU microkernels";
  let usePropertiesForAttributes = 1;
  // What the ops' bufferization creates: the kernel call, its parameter
  // array and pointers, and a padded copy of the input.
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect"];
}

class CPU_Op<string mnemonic, list<Trait> traits = []>
    : Op<CPU_Dialect, mnemonic, traits>;

def CPU_Conv2DOp : CPU_Op<"conv2d", [Pure, AttrSizedOperandSegments]> {
  let summary = "2-D convolution + bias + residual + clamp by a register-blocked kernel";
  let description = [{
    `input` is `[N, C, H, W]` (unpadded; `pads_begin`/`pads_end` are zeros
    around H and W), `filter` is packed `[ceil(OC / B), C, KH, KW, B]` for
    the kernel's block of B output channels (channels past OC are zero),
    `bias` is `[ceil(OC / B) * B]`, `residual` has the result's type. The
    result is `[N, OC, OH, OW]`: the convolution summed over (c, kh, kw) in
    that order, plus the bias, plus the residual (a skip connection), then
    `max(x, min)` and `min(x, max)` when those are present (ReLU is
    `min = 0`).

    `ukernel` names the kernel (`ovc_conv2d_f32_avx2`, ...), whose block B
    the filter was packed for.

    With `ovc_blocked_pointwise_conv2d_f32_<family>`, input and result are
    channel-blocked, `[N, C / V, H, W, V]` and `[N, OC / V, OH, OW, V]`
    with V = B / 2 (see `ovc_cpu.reorder`), and so is the residual; that
    kernel computes 1x1 layers at unit strides without padding, OC a
    multiple of V, with the same sums. With `ovc_conv2d_f32_<family>`, a stem that
    `ovc_conv2d_writes_blocks` allows (no residual) may have an NCHW input
    and a blocked result.

    ```mlir
    %y = ovc_cpu.conv2d %x, %w bias %b : tensor<16xf32>
           residual %r : tensor<1x4x8x8xf32> {dilations = array<i64: 1, 1>,
           min = 0.0 : f32, pads_begin = array<i64: 1, 1>,
           pads_end = array<i64: 1, 1>, strides = array<i64: 1, 1>,
           ukernel = "ovc_conv2d_f32_avx2"}
         : tensor<1x3x8x8xf32>, tensor<1x3x3x3x16xf32> -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins F32Tensor:$input, F32Tensor:$filter,
      Optional<F32Tensor>:$bias, Optional<F32Tensor>:$residual,
      DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$pads_begin,
      DenseI64ArrayAttr:$pads_end, OptionalAttr<F32Attr>:$min,
      OptionalAttr<F32Attr>:$max, StrAttr:$ukernel);
  let results = (outs F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`bias` $bias^ `:` type($bias))?
    (`residual` $residual^ `:` type($residual))? attr-dict `:` type($input)
    `,` type($filter) `->` type($output)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Output channels per packed filter block.
    int64_t getBlock() { return getFilter().getType().getDimSize(4); }
    /// Whether input and result are channel-blocked (5-D).
    bool isBlocked() { return getInput().getType().getRank() == 5; }
    /// Whether the window is 1x1 at unit strides without padding: what
    /// the blocked 1x1 kernel computes.
    bool isPlainPointwise() {
      auto isAll = [](llvm::ArrayRef<int64_t> values, int64_t value) {
        return llvm::all_of(values, [&](int64_t v) { return v == value; });
      };
      auto filter = getFilter().getType();
      return filter.getDimSize(2) == 1 && filter.getDimSize(3) == 1 &&
             isAll(getStrides(), 1) && isAll(getPadsBegin(), 0) &&
             isAll(getPadsEnd(), 0);
    }
    /// Whether an NCHW input gives a channel-blocked result.
    bool writesBlocks() {
      return getInput().getType().getRank() == 4 &&
             getOutput().getType().getRank() == 5;
    }
  }];
}

def CPU_WinogradConv2DOp
    : CPU_Op<"winograd_conv2d", [Pure, AttrSizedOperandSegments]> {
  let summary = "3x3 stride-1 convolution + bias + residual + clamp by Winograd F(2x2, 3x3)";
  let description = [{
    `input` is `[N, C, H, W]` (unpadded; `pads_begin`/`pads_end` are zeros
    around H and W), `filter` the transformed filter
    `[ceil(OC / R), 16, C, R]`: the 4 x 4 points of `G g G^T` of each 3x3
    filter `g`, in blocks of R output channels (channels past OC are zero;
    R is `OVC_CONV2D_WINOGRAD_BLOCK`), `bias` is `[OC]`, `residual` has the
    result's type. The result is `[N, OC, OH, OW]`, the convolution with
    unit strides and dilations, plus the bias, plus the residual, then
    `max(x, min)` and `min(x, max)` when those are present.

    Unlike `ovc_cpu.conv2d`, the sums are not those of the generated loops:
    each 2 x 2 block of outputs is `A^T (sum over c of U . B^T d B) A`, which
    rounds differently.

    ```mlir
    %y = ovc_cpu.winograd_conv2d %x, %u bias %b : tensor<8xf32>
           {min = 0.0 : f32, pads_begin = array<i64: 1, 1>,
            pads_end = array<i64: 1, 1>,
            ukernel = "ovc_conv2d_winograd_f32_avx2"}
         : tensor<1x16x14x14xf32>, tensor<2x16x16x6xf32> -> tensor<1x8x14x14xf32>
    ```
  }];
  let arguments = (ins F32Tensor:$input, F32Tensor:$filter,
      Optional<F32Tensor>:$bias, Optional<F32Tensor>:$residual,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      OptionalAttr<F32Attr>:$min, OptionalAttr<F32Attr>:$max,
      StrAttr:$ukernel);
  let results = (outs F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`bias` $bias^ `:` type($bias))?
    (`residual` $residual^ `:` type($residual))? attr-dict `:` type($input)
    `,` type($filter) `->` type($output)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Unit strides and dilations: what the window checks and the kernel's
    /// parameters take.
    llvm::ArrayRef<int64_t> getStrides() { return unitSteps; }
    llvm::ArrayRef<int64_t> getDilations() { return unitSteps; }
    static constexpr int64_t unitSteps[2] = {1, 1};
  }];
}

def CPU_DepthwiseConv2DOp : CPU_Op<"depthwise_conv2d", [Pure]> {
  let summary = "depthwise 2-D convolution + bias + clamp by a vector kernel";
  let description = [{
    One 2-D convolution per channel: `input` is `[N, C, H, W]` (unpadded;
    `pads_begin`/`pads_end` are zeros around H and W), `filter` is
    `[C, KH, KW]`, `bias` is `[C]`. The result is `[N, C, OH, OW]`: each
    channel's window summed over (kh, kw) in that order, plus the bias,
    then `max(x, min)` and `min(x, max)` when those are present. This is
    OpenVINO's GroupConvolution with one input and one output channel per
    group. With `fused_multiply_add` each tap's product and sum round once
    (an FMA), else the product rounds before it is added.

    `ukernel` names the kernel (`ovc_depthwise_conv2d_f32_avx2`, ...).

    With `ovc_blocked_depthwise_conv2d_f32_<family>`, input and result are
    channel-blocked, `[N, C / V, H, W, V]` and `[N, C / V, OH, OW, V]` (see
    `ovc_cpu.reorder`), and the filter is `[C / V, KH, KW, V]`; the sums
    are the same.

    ```mlir
    %y = ovc_cpu.depthwise_conv2d %x, %w bias %b : tensor<8xf32>
           {dilations = array<i64: 1, 1>, min = 0.0 : f32,
            pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>,
            strides = array<i64: 2, 2>,
            ukernel = "ovc_depthwise_conv2d_f32_avx2"}
         : tensor<1x8x16x16xf32>, tensor<8x3x3xf32> -> tensor<1x8x8x8xf32>
    ```
  }];
  let arguments = (ins F32Tensor:$input, F32Tensor:$filter,
      Optional<F32Tensor>:$bias, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$pads_begin,
      DenseI64ArrayAttr:$pads_end, OptionalAttr<F32Attr>:$min,
      OptionalAttr<F32Attr>:$max, UnitAttr:$fused_multiply_add,
      StrAttr:$ukernel);
  let results = (outs F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`bias` $bias^ `:` type($bias))? attr-dict `:`
    type($input) `,` type($filter) `->` type($output)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Whether input and result are channel-blocked (5-D).
    bool isBlocked() { return getInput().getType().getRank() == 5; }
  }];
}

def CPU_DepthwisePointwiseConv2DOp
    : CPU_Op<"depthwise_pointwise_conv2d", [Pure, AttrSizedOperandSegments]> {
  let summary = "a blocked depthwise layer and the 1x1 layer that reads it, in one kernel";
  let description = [{
    What `ovc_cpu.depthwise_conv2d` and then `ovc_cpu.conv2d` compute on
    channel-blocked activations, where the 1x1 layer is the depthwise
    result's only reader: `input` is `[N, C / V, H, W, V]`, `dw_filter`
    `[C / V, KH, KW, V]` with the window attributes (`strides`, ...,
    unpadded input as for `ovc_cpu.depthwise_conv2d`), `dw_bias` `[C]`,
    `dw_min` / `dw_max` its clamp and `fused_multiply_add` its rounding;
    `filter` is the 1x1 filter packed `[ceil(OC / B), C, 1, 1, B]` with
    B = 2 * V, `bias` `[ceil(OC / B) * B]`, `residual` has the result's
    type, and `min` / `max` clamp the result, `[N, OC / V, OH, OW, V]`.

    The kernel (`ovc_blocked_depthwise_pointwise_conv2d_f32_<family>`)
    computes bands of the depthwise output's rows into a buffer the 1x1
    layer then reads from L2 (`ovc_blocked_dw_pw_band_rows` of C and OW
    must be at least 1): the two layers' bits, without the depthwise
    output going to memory and back.

    ```mlir
    %y = ovc_cpu.depthwise_pointwise_conv2d %x, %dw dw_bias %db : tensor<16xf32>,
           %w bias %b : tensor<32xf32> {dilations = array<i64: 1, 1>,
           dw_min = 0.0 : f32, min = 0.0 : f32,
           pads_begin = array<i64: 1, 1>, pads_end = array<i64: 1, 1>,
           strides = array<i64: 1, 1>,
           ukernel = "ovc_blocked_depthwise_pointwise_conv2d_f32_avx2"}
         : tensor<1x2x8x8x8xf32>, tensor<2x3x3x8xf32>, tensor<2x16x1x1x16xf32>
           -> tensor<1x4x8x8x8xf32>
    ```
  }];
  let arguments = (ins F32Tensor:$input, F32Tensor:$dw_filter,
      Optional<F32Tensor>:$dw_bias, F32Tensor:$filter,
      Optional<F32Tensor>:$bias, Optional<F32Tensor>:$residual,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      OptionalAttr<F32Attr>:$dw_min, OptionalAttr<F32Attr>:$dw_max,
      UnitAttr:$fused_multiply_add, OptionalAttr<F32Attr>:$min,
      OptionalAttr<F32Attr>:$max, StrAttr:$ukernel);
  let results = (outs F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $dw_filter (`dw_bias` $dw_bias^ `:` type($dw_bias))? `,`
    $filter (`bias` $bias^ `:` type($bias))?
    (`residual` $residual^ `:` type($residual))? attr-dict `:` type($input)
    `,` type($dw_filter) `,` type($filter) `->` type($output)
  }];
  let hasVerifier = 1;
}

def CPU_ReorderOp : CPU_Op<"reorder", [Pure]> {
  let summary = "NCHW activations into channel blocks, or back";
  let description = [{
    Channel-blocked activations `[N, C / V, H, W, V]` (oneDNN's nChwVc)
    hold, at `[n, c / V, h, w, c % V]`, what NCHW holds at `[n, c, h, w]`:
    each pixel's channels in vectors of V, the ISA family's vector length
    (C a multiple of V). The kernels of depthwise and 1x1 layers read and
    write them with whole-vector loads and stores at any stride; chains of
    such layers stay blocked, and this op sits where a chain meets NCHW.
    The input is NCHW and the result blocked, or the reverse.

    `ukernel` names the kernel (`ovc_to_blocked_f32_avx2`,
    `ovc_from_blocked_f32_avx2`, ...).

    ```mlir
    %b = ovc_cpu.reorder %x {ukernel = "ovc_to_blocked_f32_avx2"}
         : tensor<1x16x8x8xf32> -> tensor<1x2x8x8x8xf32>
    ```
  }];
  let arguments = (ins F32Tensor:$input, StrAttr:$ukernel);
  let results = (outs F32Tensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Whether the result is the blocked side.
    bool toBlocked() { return getOutput().getType().getRank() == 5; }
  }];
}

def CPU_MaxPool2DOp : CPU_Op<"max_pool2d", [Pure]> {
  let summary = "2-D max pooling by a vector kernel";
  let description = [{
    `input` is `[N, C, H, W]` (unpadded; `pads_end` includes what ceil
    rounding adds), the result `[N, C, OH, OW]`: each output is the IEEE
    maximum (NaN wins, -0 < +0) of its `kernel` window's taps inside the
    input, -inf when there are none. This is OpenVINO's MaxPool (values
    only): padding never wins.

    ```mlir
    %y = ovc_cpu.max_pool2d %x {dilations = array<i64: 1, 1>,
           kernel = array<i64: 3, 3>, pads_begin = array<i64: 0, 0>,
           pads_end = array<i64: 1, 1>, strides = array<i64: 2, 2>,
           ukernel = "ovc_max_pool2d_f32_avx2"}
         : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
    ```
  }];
  let arguments = (ins F32Tensor:$input, DenseI64ArrayAttr:$kernel,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
      DenseI64ArrayAttr:$pads_begin, DenseI64ArrayAttr:$pads_end,
      StrAttr:$ukernel);
  let results = (outs F32Tensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

#endif // OVC_CPU_OPS_TD
