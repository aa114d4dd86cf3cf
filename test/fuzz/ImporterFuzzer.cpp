//===- ImporterFuzzer.cpp - libFuzzer entry for the IR importer -----------===//
//
// Feeds arbitrary bytes to the importer as model.xml, with a small weights
// file of patterned bytes. Any input must end in a module or in `error:`
// lines: a crash, a sanitizer report, a hang or a huge allocation is a bug.
//
//===----------------------------------------------------------------------===//

#include "compiler/importer/Importer.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <string>

static std::string weightsPath;

// LLVM's BumpPtrAllocator poisons fresh slabs in instrumented code and
// unpoisons on allocation. The allocator's inline functions here are
// instrumented but libMLIR.so's are not, and calls from either side may bind
// to either copy, so ASan would report allocator memory that MLIR handed out
// as poisoned. Manual poisoning is therefore off; real heap errors are still
// caught.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  llvm::SmallString<128> path;
  if (llvm::sys::fs::createTemporaryFile("ovc-fuzz", "bin", path))
    return 0;
  FILE *file = std::fopen(path.c_str(), "wb");
  // 4 KiB: values 0..255 repeated, so that constants of any type decode.
  for (int i = 0; i < 4096; ++i)
    std::fputc(i & 0xFF, file);
  std::fclose(file);
  weightsPath = std::string(path);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false);
  std::string sink;
  llvm::raw_string_ostream errors(sink);
  ovc::importer::ImportDiagnostics diags("fuzz.xml", errors);
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.xml");
  auto module = ovc::importer::importModelFromBuffer(context, std::move(buffer),
                                                     weightsPath, diags);
  // A failed import must say why.
  if (!module && !diags.hadError())
    __builtin_trap();
  return 0;
}
