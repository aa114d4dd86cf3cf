//===- KernelCalls.cpp - calling runtime-stub kernels from buffers --------===//

#include "compiler/kernels/KernelCalls.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

using namespace mlir;

Value ovc::kernels::pointerTo(RewriterBase &rewriter, Location loc,
                              Value buffer) {
  // The aligned pointer of a view is its base buffer's, so the view's
  // element offset is added.
  auto type = cast<MemRefType>(buffer.getType());
  auto metadata =
      rewriter.create<memref::ExtractStridedMetadataOp>(loc, buffer);
  Value base = rewriter.create<memref::ExtractAlignedPointerAsIndexOp>(
      loc, metadata.getBaseBuffer());
  Value elementBytes = rewriter.create<arith::ConstantIndexOp>(
      loc, type.getElementTypeBitWidth() / 8);
  Value byteOffset =
      rewriter.create<arith::MulIOp>(loc, metadata.getOffset(), elementBytes);
  Value address = rewriter.create<arith::AddIOp>(loc, base, byteOffset);
  Value address64 =
      rewriter.create<arith::IndexCastOp>(loc, rewriter.getI64Type(), address);
  return rewriter.create<LLVM::IntToPtrOp>(
      loc, LLVM::LLVMPointerType::get(rewriter.getContext()), address64);
}

/// `buffer` itself when dense row-major, else a dense copy of it.
static Value contiguous(RewriterBase &rewriter, Location loc, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  if (memref::isStaticShapeAndContiguousRowMajor(type))
    return buffer;
  auto dense = MemRefType::get(type.getShape(), type.getElementType());
  Value copy = rewriter.create<memref::AllocOp>(loc, dense);
  rewriter.create<linalg::CopyOp>(loc, buffer, copy);
  return copy;
}

FailureOr<Value>
ovc::kernels::denseBuffer(RewriterBase &rewriter, Location loc, Value tensor,
                          const bufferization::BufferizationOptions &options) {
  FailureOr<Value> buffer = bufferization::getBuffer(rewriter, tensor, options);
  if (failed(buffer))
    return failure();
  return contiguous(rewriter, loc, *buffer);
}

func::FuncOp ovc::kernels::declareKernel(RewriterBase &rewriter, Operation *op,
                                         StringRef name, unsigned numPointers) {
  auto module = op->getParentOfType<ModuleOp>();
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(module.getBody());
  Type ptr = LLVM::LLVMPointerType::get(rewriter.getContext());
  auto func = rewriter.create<func::FuncOp>(
      op->getLoc(), name,
      rewriter.getFunctionType(SmallVector<Type>(numPointers, ptr), {}));
  func.setPrivate();
  return func;
}

Value ovc::kernels::resultBuffer(RewriterBase &rewriter, Location loc,
                                 Type type) {
  auto tensor = cast<ShapedType>(type);
  return rewriter.create<memref::AllocOp>(
      loc, MemRefType::get(tensor.getShape(), tensor.getElementType()));
}

void ovc::kernels::callKernel(RewriterBase &rewriter, Operation *op,
                              StringRef name, ValueRange pointers,
                              ValueRange results) {
  rewriter.create<func::CallOp>(
      op->getLoc(), declareKernel(rewriter, op, name, pointers.size()),
      pointers);
  bufferization::replaceOpWithBufferizedValues(rewriter, op, results);
}

Value ovc::kernels::paramsBuffer(RewriterBase &rewriter, Location loc,
                                 ArrayRef<double> params) {
  auto type = MemRefType::get({int64_t(params.size())}, rewriter.getF32Type());
  Value buffer = rewriter.create<memref::AllocaOp>(loc, type);
  for (auto [i, value] : llvm::enumerate(params)) {
    Value v = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getF32FloatAttr(float(value)));
    Value index = rewriter.create<arith::ConstantIndexOp>(loc, i);
    rewriter.create<memref::StoreOp>(loc, v, buffer, index);
  }
  return buffer;
}
