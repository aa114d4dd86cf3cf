//===- Linker.cpp - producing executables from model objects --------------===//

#include "compiler/link/Linker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace ovc::link;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool ovc::link::findToolchain(const char *argv0, Toolchain &toolchain,
                              std::string &error) {
  std::string exe = fs::getMainExecutable(argv0, (void *)&findToolchain);
  llvm::SmallString<256> root(path::parent_path(path::parent_path(exe)));
  llvm::SmallString<256> lib(root), include(root);
  path::append(lib, "lib");
  path::append(include, "include");
  llvm::SmallString<256> runtime(lib);
  path::append(runtime, "libovc_runtime.a");
  if (!fs::exists(runtime)) {
    error = ("the runtime stub is missing: " + runtime).str();
    return false;
  }
  toolchain.libDir = std::string(lib);
  toolchain.includeDir = std::string(include);
  // OVC_CC overrides the driver; else the clang ovc was built with, else
  // the first clang on PATH.
  if (const char *cc = std::getenv("OVC_CC")) {
    toolchain.compiler = cc;
    return true;
  }
  if (fs::can_execute(OVC_DEFAULT_CC)) {
    toolchain.compiler = OVC_DEFAULT_CC;
    return true;
  }
  for (const char *name : {"clang-19", "clang", "cc"})
    if (auto found = llvm::sys::findProgramByName(name)) {
      toolchain.compiler = *found;
      return true;
    }
  error = "no C compiler driver found to link with (set OVC_CC)";
  return false;
}

/// Runs a command, capturing its diagnostics into `error` on failure.
static bool run(llvm::ArrayRef<llvm::StringRef> args, std::string &error) {
  llvm::SmallString<128> log;
  fs::createTemporaryFile("ovc-link", "log", log);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.str(),
                                                log.str()};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(args[0], args, std::nullopt, redirects,
                                         0, 0, &message);
  auto output = llvm::MemoryBuffer::getFile(log);
  fs::remove(log);
  if (status == 0)
    return true;
  error = "`" + args[0].str() + "` failed";
  if (!message.empty())
    error += ": " + message;
  if (output)
    error += "\n" + (*output)->getBuffer().trim().str();
  return false;
}

bool ovc::link::linkExecutable(const Toolchain &toolchain,
                               llvm::StringRef objectPath,
                               llvm::StringRef glueSource,
                               llvm::StringRef outputPath, std::string &error) {
  llvm::SmallString<128> dir;
  if (auto ec = fs::createUniqueDirectory("ovc-link", dir)) {
    error = "cannot create a temporary folder: " + ec.message();
    return false;
  }
  llvm::SmallString<128> glueC(dir), glueO(dir);
  path::append(glueC, "model_info.c");
  path::append(glueO, "model_info.o");
  bool ok = [&] {
    std::error_code ec;
    llvm::raw_fd_ostream os(glueC, ec);
    if (ec) {
      error = "cannot write " + glueC.str().str() + ": " + ec.message();
      return false;
    }
    os << glueSource;
    os.close();
    std::string includeFlag = "-I" + toolchain.includeDir;
    if (!run({toolchain.compiler, "-c", "-O2", "-fPIC", includeFlag, glueC,
              "-o", glueO},
             error))
      return false;
    std::string mainLib = toolchain.libDir + "/libovc_runtime_main.a";
    std::string runtimeLib = toolchain.libDir + "/libovc_runtime.a";
    return run({toolchain.compiler, glueO, objectPath, mainLib, runtimeLib,
                "-lm", "-o", outputPath},
               error);
  }();
  fs::remove_directories(dir);
  return ok;
}
