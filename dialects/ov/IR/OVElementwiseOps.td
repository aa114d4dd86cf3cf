//===- OVElementwiseOps.td - element-wise operations -------*- tablegen -*-===//

#ifndef OV_ELEMENTWISE_OPS_TD
#define OV_ELEMENTWISE_OPS_TD

//===----------------------------------------------------------------------===//
// Binary ops with auto_broadcast
//===----------------------------------------------------------------------===//

// Result element type: `SameAsOperands` for arithmetic, i1 for comparisons.
class OV_BinaryOp<string mnemonic, string opSummary, bit isComparison = 0,
                  list<Trait> traits = []>
    : OV_InferOp<mnemonic, traits> {
  let summary = opSummary;
  let arguments = (ins OV_Tensor:$lhs, OV_Tensor:$rhs,
      DefaultValuedAttr<OV_AutoBroadcastAttr,
                        "::mlir::ov::AutoBroadcast::numpy">:$auto_broadcast);
  let results = (outs OV_Tensor:$output);
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::ov::inferBinaryElementwise(
          location, adaptor.getLhs(), adaptor.getRhs(),
          adaptor.getAutoBroadcast(), /*comparison=*/}] #
          !if(isComparison, "true", "false") # [{, inferred);
    }
  }];
}

class OV_ArithmeticOp<string mnemonic, string opSummary>
    : OV_BinaryOp<mnemonic, opSummary> {
  let hasFolder = 1;
}

def OV_AddOp : OV_ArithmeticOp<"add", "Add-1: a + b">;
def OV_SubtractOp : OV_ArithmeticOp<"subtract", "Subtract-1: a - b">;
def OV_MultiplyOp : OV_ArithmeticOp<"multiply", "Multiply-1: a * b">;
def OV_MaximumOp : OV_ArithmeticOp<"maximum", "Maximum-1: max(a, b)">;
def OV_MinimumOp : OV_ArithmeticOp<"minimum", "Minimum-1: min(a, b)">;
def OV_PowerOp : OV_BinaryOp<"power", "Power-1: a ^ b">;
def OV_SquaredDifferenceOp
    : OV_BinaryOp<"squared_difference", "SquaredDifference-1: (a - b)^2">;
def OV_FloorModOp : OV_BinaryOp<"floor_mod", "FloorMod-1: Python-style a % b">;
def OV_ModOp : OV_BinaryOp<"mod", "Mod-1: C-style fmod(a, b)">;

def OV_DivideOp : OV_BinaryOp<"divide", "Divide-1: a / b"> {
  let description = [{
    For integer types `python_div` (OpenVINO's `m_pythondiv`, default true)
    rounds toward negative infinity; otherwise toward zero.
  }];
  let arguments = (ins OV_Tensor:$lhs, OV_Tensor:$rhs,
      DefaultValuedAttr<OV_AutoBroadcastAttr,
                        "::mlir::ov::AutoBroadcast::numpy">:$auto_broadcast,
      DefaultValuedAttr<BoolAttr, "true">:$python_div);
  let hasFolder = 1;
}

def OV_EqualOp : OV_BinaryOp<"equal", "Equal-1: a == b", 1>;
def OV_NotEqualOp : OV_BinaryOp<"not_equal", "NotEqual-1: a != b", 1>;
def OV_LessOp : OV_BinaryOp<"less", "Less-1: a < b", 1>;
def OV_LessEqualOp : OV_BinaryOp<"less_equal", "LessEqual-1: a <= b", 1>;
def OV_GreaterOp : OV_BinaryOp<"greater", "Greater-1: a > b", 1>;
def OV_GreaterEqualOp
    : OV_BinaryOp<"greater_equal", "GreaterEqual-1: a >= b", 1>;
def OV_LogicalAndOp : OV_BinaryOp<"logical_and", "LogicalAnd-1", 1>;
def OV_LogicalOrOp : OV_BinaryOp<"logical_or", "LogicalOr-1", 1>;
def OV_LogicalXorOp : OV_BinaryOp<"logical_xor", "LogicalXor-1", 1>;

//===----------------------------------------------------------------------===//
// Unary ops: result type == operand type
//===----------------------------------------------------------------------===//

class OV_UnaryOp<string mnemonic, string opSummary,
                 Type operandType = OV_Tensor>
    : OV_InferOp<mnemonic> {
  let summary = opSummary;
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$output);
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location>,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      inferred.push_back(adaptor.getInput().getType());
      return ::mlir::success();
    }
  }];
}

def OV_ReluOp : OV_UnaryOp<"relu", "Relu-1 (IR `ReLU`): max(0, x)">;
def OV_SigmoidOp : OV_UnaryOp<"sigmoid", "Sigmoid-1: 1 / (1 + exp(-x))",
                              OV_FloatTensor>;
def OV_TanhOp : OV_UnaryOp<"tanh", "Tanh-1">;
def OV_ExpOp : OV_UnaryOp<"exp", "Exp-1", OV_FloatTensor>;
def OV_LogOp : OV_UnaryOp<"log", "Log-1", OV_FloatTensor>;
def OV_SqrtOp : OV_UnaryOp<"sqrt", "Sqrt-1">;
def OV_ErfOp : OV_UnaryOp<"erf", "Erf-1", OV_FloatTensor>;
def OV_AbsOp : OV_UnaryOp<"abs", "Abs-1">;
def OV_NegativeOp : OV_UnaryOp<"negative", "Negative-1: -x">;
def OV_FloorOp : OV_UnaryOp<"floor", "Floor-1", OV_FloatTensor>;
def OV_CeilingOp : OV_UnaryOp<"ceiling", "Ceiling-1", OV_FloatTensor>;
def OV_SignOp : OV_UnaryOp<"sign", "Sign-1">;
def OV_SinOp : OV_UnaryOp<"sin", "Sin-1", OV_FloatTensor>;
def OV_CosOp : OV_UnaryOp<"cos", "Cos-1", OV_FloatTensor>;
def OV_HSwishOp : OV_UnaryOp<"hswish", "HSwish-4: x * relu6(x + 3) / 6",
                             OV_FloatTensor>;
def OV_HSigmoidOp : OV_UnaryOp<"hsigmoid", "HSigmoid-5: relu6(x + 3) / 6",
                               OV_FloatTensor>;
def OV_MishOp : OV_UnaryOp<"mish", "Mish-4: x * tanh(softplus(x))",
                           OV_FloatTensor>;
def OV_SoftPlusOp : OV_UnaryOp<"softplus", "SoftPlus-4: ln(1 + exp(x))",
                               OV_FloatTensor>;
def OV_LogicalNotOp : OV_UnaryOp<"logical_not", "LogicalNot-1", OV_BoolTensor>;

def OV_GeluOp : OV_UnaryOp<"gelu", "Gelu-2/7", OV_FloatTensor> {
  let arguments = (ins OV_FloatTensor:$input,
      DefaultValuedAttr<OV_GeluApproximationAttr,
                        "::mlir::ov::GeluApproximation::erf">:$approximation_mode);
}

def OV_EluOp : OV_UnaryOp<"elu", "Elu-1: x > 0 ? x : alpha * (exp(x) - 1)",
                          OV_FloatTensor> {
  let arguments = (ins OV_FloatTensor:$input, F64Attr:$alpha);
}

def OV_ClampOp : OV_UnaryOp<"clamp", "Clamp-1: min(max(x, min), max)"> {
  let arguments = (ins OV_Tensor:$input, F64Attr:$min, F64Attr:$max);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Activations with tensor parameters
//===----------------------------------------------------------------------===//

def OV_SwishOp : OV_InferOp<"swish"> {
  let summary = "Swish-4: x * sigmoid(beta * x), beta defaults to 1";
  let arguments = (ins OV_FloatTensor:$input, Optional<OV_FloatTensor>:$beta);
  let results = (outs OV_FloatTensor:$output);
}

def OV_PReluOp : OV_InferOp<"prelu"> {
  let summary = "PRelu-1 (IR `PReLU`): x >= 0 ? x : slope * x";
  let description = [{
    A 1-D slope whose length equals the channel dim (axis 1) of the data
    broadcasts along the channels, otherwise numpy broadcasting applies.
  }];
  let arguments = (ins OV_Tensor:$input, OV_Tensor:$slope);
  let results = (outs OV_Tensor:$output);
}

def OV_HardSigmoidOp : OV_InferOp<"hard_sigmoid"> {
  let summary = "HardSigmoid-1: max(0, min(1, alpha * x + beta))";
  let arguments = (ins OV_FloatTensor:$input, OV_FloatTensor:$alpha,
                   OV_FloatTensor:$beta);
  let results = (outs OV_FloatTensor:$output);
}

def OV_SeluOp : OV_InferOp<"selu"> {
  let summary = "Selu-1: lambda * (x > 0 ? x : alpha * (exp(x) - 1))";
  let arguments = (ins OV_FloatTensor:$input, OV_FloatTensor:$alpha,
                   OV_FloatTensor:$lambda);
  let results = (outs OV_FloatTensor:$output);
}

def OV_SelectOp : OV_InferOp<"select"> {
  let summary = "Select-1: cond ? then : else, broadcast";
  let arguments = (ins OV_BoolTensor:$cond, OV_Tensor:$then_value,
      OV_Tensor:$else_value,
      DefaultValuedAttr<OV_AutoBroadcastAttr,
                        "::mlir::ov::AutoBroadcast::numpy">:$auto_broadcast);
  let results = (outs OV_Tensor:$output);
}

def OV_FakeQuantizeOp : OV_InferOp<"fake_quantize"> {
  let summary = "FakeQuantize-1: clamp to [input_low, input_high], snap to a "
                "grid of `levels` values, rescale to [output_low, output_high]";
  let arguments = (ins OV_FloatTensor:$input, OV_FloatTensor:$input_low,
      OV_FloatTensor:$input_high, OV_FloatTensor:$output_low,
      OV_FloatTensor:$output_high, I64Attr:$levels,
      DefaultValuedAttr<OV_AutoBroadcastAttr,
                        "::mlir::ov::AutoBroadcast::numpy">:$auto_broadcast);
  let results = (outs OV_FloatTensor:$output);
}

//===----------------------------------------------------------------------===//
// SoftMax family
//===----------------------------------------------------------------------===//

def OV_SoftmaxOp : OV_InferOp<"softmax"> {
  let summary = "SoftMax-1/8: exp(x) / sum over `axis` of exp(x)";
  let arguments = (ins OV_FloatTensor:$input, I64Attr:$axis);
  let results = (outs OV_FloatTensor:$output);
}

def OV_LogSoftmaxOp : OV_InferOp<"log_softmax"> {
  let summary = "LogSoftmax-5";
  let arguments = (ins OV_FloatTensor:$input, I64Attr:$axis);
  let results = (outs OV_FloatTensor:$output);
}

#endif // OV_ELEMENTWISE_OPS_TD
