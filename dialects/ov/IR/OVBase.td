//===- OVBase.td - ov dialect definition, enums, constraints -*- tablegen -*-===//
//
// The `ov` dialect models OpenVINO IR (v10/v11) operations on tensors with
// static ranks. Every op infers its result types from its operands and
// attributes following OpenVINO's shape-inference rules, so the importer never
// trusts the port dims written in the XML: it recomputes them and reports a
// mismatch as an error.
//
//===----------------------------------------------------------------------===//

#ifndef OV_BASE_TD
#define OV_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def OV_Dialect : Dialect {
  let name = "ov";
  let cppNamespace = "::mlir::ov";
  let summary = "OpenVINO IR operations";
  let description = [{
    One op per OpenVINO operation family. Where OpenVINO has several versions
    of an op with compatible semantics, the op models the newest one and the
    importer maps older versions onto it (for example BatchNormInference-1's
    input order, MVN-1's attributes). Parameter and Result layers become the
    arguments and results of a `func.func`.

    Element types: f32, f16, bf16, f64; signless integers (i8, i16, i32, i64,
    i4) are OpenVINO's signed types, `ui*` its unsigned ones (u8, u16, u32,
    u64, u4, u1), and i1 is `boolean`.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  // The importer builds ops from attribute dictionaries and infers result
  // types before an op exists; plain attribute dictionaries keep that simple.
  let usePropertiesForAttributes = 0;
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def OV_Element : AnyTypeOf<[F32, F16, BF16, F64, AnySignlessInteger,
                            AnyUnsignedInteger]>;
def OV_Tensor : RankedTensorOf<[OV_Element]>;
def OV_FloatTensor : RankedTensorOf<[F32, F16, BF16, F64]>;
def OV_IntTensor : RankedTensorOf<[AnySignlessInteger, AnyUnsignedInteger]>;
def OV_BoolTensor : RankedTensorOf<[I1]>;
def OV_IndexTensor : RankedTensorOf<[I32, I64, UI32, UI64]>;

//===----------------------------------------------------------------------===//
// Enumerations (OpenVINO spells them in lowercase in the IR)
//===----------------------------------------------------------------------===//

class OV_Enum<string name, string summary, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::mlir::ov";
  let genSpecializedAttr = 0;
}

class OV_EnumAttr<EnumAttrInfo enumInfo, string mnemonic>
    : EnumAttr<OV_Dialect, enumInfo, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def OV_AutoPad : OV_Enum<"AutoPad", "padding mode", [
  I32EnumAttrCase<"explicit_", 0, "explicit">,
  I32EnumAttrCase<"same_upper", 1>,
  I32EnumAttrCase<"same_lower", 2>,
  I32EnumAttrCase<"valid", 3>]>;
def OV_AutoPadAttr : OV_EnumAttr<OV_AutoPad, "auto_pad">;

def OV_RoundingType : OV_Enum<"RoundingType", "pooling output rounding", [
  I32EnumAttrCase<"floor", 0>,
  I32EnumAttrCase<"ceil", 1>,
  I32EnumAttrCase<"ceil_torch", 2>]>;
def OV_RoundingTypeAttr : OV_EnumAttr<OV_RoundingType, "rounding_type">;

def OV_AutoBroadcast : OV_Enum<"AutoBroadcast", "element-wise broadcasting", [
  I32EnumAttrCase<"none", 0>,
  I32EnumAttrCase<"numpy", 1>,
  I32EnumAttrCase<"pdpd", 2>]>;
def OV_AutoBroadcastAttr : OV_EnumAttr<OV_AutoBroadcast, "auto_broadcast">;

def OV_BroadcastMode : OV_Enum<"BroadcastMode", "Broadcast op mode", [
  I32EnumAttrCase<"numpy", 0>,
  I32EnumAttrCase<"explicit_", 1, "explicit">,
  I32EnumAttrCase<"bidirectional", 2>,
  I32EnumAttrCase<"pdpd", 3>]>;
def OV_BroadcastModeAttr : OV_EnumAttr<OV_BroadcastMode, "broadcast_mode">;

def OV_InterpolateMode : OV_Enum<"InterpolateMode", "interpolation kernel", [
  I32EnumAttrCase<"nearest", 0>,
  I32EnumAttrCase<"linear", 1>,
  I32EnumAttrCase<"linear_onnx", 2>,
  I32EnumAttrCase<"cubic", 3>,
  I32EnumAttrCase<"bilinear_pillow", 4>,
  I32EnumAttrCase<"bicubic_pillow", 5>]>;
def OV_InterpolateModeAttr : OV_EnumAttr<OV_InterpolateMode, "interpolate_mode">;

def OV_ShapeCalcMode : OV_Enum<"ShapeCalcMode", "Interpolate output size source", [
  I32EnumAttrCase<"sizes", 0>,
  I32EnumAttrCase<"scales", 1>]>;
def OV_ShapeCalcModeAttr : OV_EnumAttr<OV_ShapeCalcMode, "shape_calculation_mode">;

def OV_CoordinateTransformMode : OV_Enum<"CoordinateTransformMode",
    "Interpolate output-to-input coordinate mapping", [
  I32EnumAttrCase<"half_pixel", 0>,
  I32EnumAttrCase<"pytorch_half_pixel", 1>,
  I32EnumAttrCase<"asymmetric", 2>,
  I32EnumAttrCase<"tf_half_pixel_for_nn", 3>,
  I32EnumAttrCase<"align_corners", 4>]>;
def OV_CoordinateTransformModeAttr
    : OV_EnumAttr<OV_CoordinateTransformMode, "coordinate_transformation_mode">;

def OV_NearestMode : OV_Enum<"NearestMode", "Interpolate nearest rounding", [
  I32EnumAttrCase<"round_prefer_floor", 0>,
  I32EnumAttrCase<"round_prefer_ceil", 1>,
  I32EnumAttrCase<"floor", 2>,
  I32EnumAttrCase<"ceil", 3>,
  I32EnumAttrCase<"simple", 4>]>;
def OV_NearestModeAttr : OV_EnumAttr<OV_NearestMode, "nearest_mode">;

def OV_PadMode : OV_Enum<"PadMode", "Pad fill mode", [
  I32EnumAttrCase<"constant", 0>,
  I32EnumAttrCase<"edge", 1>,
  I32EnumAttrCase<"reflect", 2>,
  I32EnumAttrCase<"symmetric", 3>]>;
def OV_PadModeAttr : OV_EnumAttr<OV_PadMode, "pad_mode">;

def OV_TopKMode : OV_Enum<"TopKMode", "TopK selection", [
  I32EnumAttrCase<"min", 0>,
  I32EnumAttrCase<"max", 1>]>;
def OV_TopKModeAttr : OV_EnumAttr<OV_TopKMode, "topk_mode">;

def OV_TopKSort : OV_Enum<"TopKSort", "TopK output order", [
  I32EnumAttrCase<"value", 0>,
  I32EnumAttrCase<"index", 1>,
  I32EnumAttrCase<"none", 2>]>;
def OV_TopKSortAttr : OV_EnumAttr<OV_TopKSort, "topk_sort">;

def OV_MVNEpsMode : OV_Enum<"MVNEpsMode", "where MVN adds epsilon", [
  I32EnumAttrCase<"inside_sqrt", 0>,
  I32EnumAttrCase<"outside_sqrt", 1>]>;
def OV_MVNEpsModeAttr : OV_EnumAttr<OV_MVNEpsMode, "mvn_eps_mode">;

def OV_EpsMode : OV_Enum<"EpsMode", "how NormalizeL2 combines epsilon", [
  I32EnumAttrCase<"add", 0>,
  I32EnumAttrCase<"max", 1>]>;
def OV_EpsModeAttr : OV_EnumAttr<OV_EpsMode, "eps_mode">;

def OV_GeluApproximation : OV_Enum<"GeluApproximation", "Gelu formula", [
  I32EnumAttrCase<"erf", 0>,
  I32EnumAttrCase<"tanh", 1>]>;
def OV_GeluApproximationAttr
    : OV_EnumAttr<OV_GeluApproximation, "gelu_approximation">;

def OV_BoxCodeType : OV_Enum<"BoxCodeType", "DetectionOutput box encoding", [
  I32EnumAttrCase<"corner", 0>,
  I32EnumAttrCase<"center_size", 1>,
  I32EnumAttrCase<"corner_size", 2>]>;
def OV_BoxCodeTypeAttr : OV_EnumAttr<OV_BoxCodeType, "code_type">;

//===----------------------------------------------------------------------===//
// Op base classes
//===----------------------------------------------------------------------===//

class OV_Op<string mnemonic, list<Trait> traits = []>
    : Op<OV_Dialect, mnemonic, traits>;

// An op whose result types are computed by OpenVINO's shape-inference rules.
// Declared result types may be more or less static than the inferred ones
// (a refined batch, a shape input folded later) but never contradict them.
def OV_InferTypeOpTraits : InferTypeOpAdaptorBase<[{
    static bool isCompatibleReturnTypes(::mlir::TypeRange inferred,
                                        ::mlir::TypeRange declared) {
      return ::mlir::ov::areCompatibleResultTypes(inferred, declared);
    }
  }]>;

class OV_InferOp<string mnemonic, list<Trait> traits = []>
    : OV_Op<mnemonic, traits # [Pure, OV_InferTypeOpTraits]> {
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
}

#endif // OV_BASE_TD
