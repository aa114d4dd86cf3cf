//===- LayerBuilder.h - turning one IR layer into ov ops --------*- C++ -*-===//
//
// Each supported IR layer type has a builder: a function that reads the
// layer's attributes, checks its inputs and creates `ov` ops through
// LayerContext::create, which runs shape inference before the op exists (so
// bad input is an error, never an assertion) and folds shape sub-graphs on
// the spot.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_IMPORTER_LAYERBUILDER_H
#define OVC_COMPILER_IMPORTER_LAYERBUILDER_H

#include "compiler/importer/AttributeParser.h"
#include "compiler/importer/IRDocument.h"
#include "compiler/importer/WeightsFile.h"
#include "dialects/ov/IR/OVOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"

namespace ovc::importer {

using Values = llvm::SmallVector<mlir::Value, 2>;

class LayerContext {
public:
  LayerContext(const Layer &layer, int version,
               llvm::ArrayRef<mlir::Value> inputs, mlir::OpBuilder &builder,
               mlir::Location loc, ImportDiagnostics &diags,
               WeightsFile &weights, int irVersion)
      : layer(layer), version(version), inputs(inputs), builder(builder),
        loc(loc), attrs(layer, diags), diags(diags), weights(weights),
        irVersion(irVersion), context(builder.getContext()) {}

  const Layer &layer;
  /// The op version resolved from the layer's opset.
  int version;
  llvm::ArrayRef<mlir::Value> inputs;
  mlir::OpBuilder &builder;
  mlir::Location loc;
  LayerAttributes attrs;
  ImportDiagnostics &diags;
  WeightsFile &weights;
  int irVersion;
  mlir::MLIRContext *context;

  /// Reports an error against this layer; returns failure for chaining.
  mlir::FailureOr<Values> error(const llvm::Twine &message) const {
    diags.error(layer.ref(), message);
    return mlir::failure();
  }

  /// Checks the number of connected inputs.
  mlir::LogicalResult expectInputs(unsigned min, unsigned max) const;
  mlir::LogicalResult expectInputs(unsigned count) const {
    return expectInputs(count, count);
  }

  /// Creates an op of type OpTy after inferring its result types; emits the
  /// inference or verification error and returns failure on bad input.
  /// Folds the op when its operands are constants.
  template <typename OpTy>
  mlir::FailureOr<Values>
  create(mlir::ValueRange operands,
         llvm::ArrayRef<mlir::NamedAttribute> attributes) {
    mlir::DictionaryAttr dictionary =
        mlir::DictionaryAttr::get(context, attributes);
    llvm::SmallVector<mlir::Type> types;
    if (mlir::failed(OpTy::inferReturnTypes(context, loc, operands, dictionary,
                                            mlir::OpaqueProperties(nullptr),
                                            mlir::RegionRange(), types)))
      return mlir::failure();
    mlir::OperationState state(loc, OpTy::getOperationName());
    state.addOperands(operands);
    state.addAttributes(attributes);
    state.addTypes(types);
    return finish(builder.create(state));
  }

  mlir::NamedAttribute named(llvm::StringRef name, mlir::Attribute value) {
    return builder.getNamedAttr(name, value);
  }
  mlir::DenseI64ArrayAttr i64Array(llvm::ArrayRef<int64_t> values) {
    return builder.getDenseI64ArrayAttr(values);
  }
  mlir::DenseF64ArrayAttr f64Array(llvm::ArrayRef<double> values) {
    return builder.getDenseF64ArrayAttr(values);
  }
  /// An importer-made i64 constant (e.g. MVN-1's axes).
  mlir::Value i64Constant(llvm::ArrayRef<int64_t> values);

private:
  mlir::FailureOr<Values> finish(mlir::Operation *op);
};

using LayerBuilderFn = mlir::FailureOr<Values> (*)(LayerContext &);

/// A supported layer type: the op versions ovc implements and the builder.
struct LayerKind {
  llvm::SmallVector<int, 3> versions;
  LayerBuilderFn build;
};

/// Looks up a layer type (case-insensitive, with OpenVINO's aliases).
const LayerKind *lookupLayerKind(llvm::StringRef type);

// Registration of each family's builders into the table.
void registerCoreLayers(llvm::StringMap<LayerKind> &table);
void registerElementwiseLayers(llvm::StringMap<LayerKind> &table);
void registerConvolutionLayers(llvm::StringMap<LayerKind> &table);
void registerPoolingLayers(llvm::StringMap<LayerKind> &table);
void registerDataMovementLayers(llvm::StringMap<LayerKind> &table);
void registerDetectionLayers(llvm::StringMap<LayerKind> &table);

} // namespace ovc::importer

#endif // OVC_COMPILER_IMPORTER_LAYERBUILDER_H

namespace ovc::importer {
/// auto_pad, accepting the legacy "notset" spelling.
mlir::FailureOr<mlir::ov::AutoPad> readAutoPad(LayerContext &ctx);
/// strides, pads_begin, pads_end, dilations, auto_pad (and kernel).
mlir::LogicalResult
readWindowAttributes(LayerContext &ctx, size_t spatialRank, bool hasKernel,
                     bool dilationsOptional,
                     llvm::SmallVectorImpl<mlir::NamedAttribute> &attrs);
} // namespace ovc::importer
