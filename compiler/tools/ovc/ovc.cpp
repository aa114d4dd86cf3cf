//===- ovc.cpp - the ovc compiler driver ----------------------------------===//
//
// ovc MODEL.xml [--weights MODEL.bin] --emit=mlir [-o FILE]
//
// Every error is one `error:` line on stderr naming the file and, where it
// applies, the layer; the exit status is then 1.
//
//===----------------------------------------------------------------------===//

#include "compiler/importer/Importer.h"
#include "dialects/ov/IR/OVDialect.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace {
enum class EmitKind { Mlir };

cl::OptionCategory ovcCategory("ovc options");

cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.xml>"),
                               cl::cat(ovcCategory));
cl::opt<std::string> weightsPath(
    "weights",
    cl::desc("Weights file (default: the model path with .bin extension)"),
    cl::value_desc("file"), cl::cat(ovcCategory));
cl::opt<std::string> outputPath("o", cl::desc("Output file ('-' = stdout)"),
                                cl::value_desc("file"), cl::init("-"),
                                cl::cat(ovcCategory));
cl::opt<EmitKind>
    emitKind("emit", cl::desc("What to produce"),
             cl::values(clEnumValN(EmitKind::Mlir, "mlir",
                                   "the imported module in the ov dialect")),
             cl::init(EmitKind::Mlir), cl::cat(ovcCategory));
cl::opt<bool> elideWeights(
    "elide-weights",
    cl::desc("Print large weights as placeholders (output cannot be parsed "
             "back)"),
    cl::init(false), cl::cat(ovcCategory));
} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &os) {
    os << "ovc " OVC_VERSION " (OpenVINO IR v10/v11 ahead-of-time compiler, "
          "MLIR "
       << LLVM_VERSION_STRING << ")\n";
  });
  // --mlir-print-debuginfo and friends: show each op's IR layer location.
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  cl::HideUnrelatedOptions(ovcCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "ovc: ahead-of-time compiler for OpenVINO IR models\n\n"
      "  ovc model.xml --emit=mlir [-o out.mlir]\n");

  if (inputPath.empty()) {
    errs() << "error: no input model; usage: ovc MODEL.xml --emit=mlir "
              "[-o FILE]\n";
    return 1;
  }

  mlir::MLIRContext context;
  // The importer reports through its own handler; do not let MLIR print a
  // second copy of a diagnostic.
  context.printOpOnDiagnostic(false);
  ovc::importer::ImportDiagnostics diags(inputPath);
  ovc::importer::ImportOptions options;
  options.xmlPath = inputPath;
  options.weightsPath = weightsPath;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      ovc::importer::importModel(context, options, diags);
  if (!module || diags.hadError())
    return 1;

  std::string error;
  std::unique_ptr<ToolOutputFile> output =
      mlir::openOutputFile(outputPath, &error);
  if (!output) {
    errs() << "error: " << outputPath << ": " << error << "\n";
    return 1;
  }
  mlir::OpPrintingFlags flags;
  if (elideWeights)
    flags.elideLargeElementsAttrs(16).elideLargeResourceString(64);
  module->print(output->os(), flags);
  output->os() << "\n";
  output->keep();
  return 0;
}
