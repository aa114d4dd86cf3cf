//===- Linker.h - producing executables from model objects ------*- C++ -*-===//
//
// Compiles the generated C glue and links it with the model's object and the
// runtime stub into an executable, with the system C compiler driver (clang
// by default). The produced program depends only on libc and libm.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_COMPILER_LINK_LINKER_H
#define OVC_COMPILER_LINK_LINKER_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace ovc::link {

struct Toolchain {
  std::string compiler;   // C compiler driver used to compile and link
  std::string libDir;     // holds libovc_runtime*.a
  std::string includeDir; // holds ovc_runtime.h
};

/// Finds the driver and the runtime next to the running ovc (`argv0`).
bool findToolchain(const char *argv0, Toolchain &toolchain, std::string &error);

/// Links `objectPath` (the model) and `glueSource` (C) into an executable.
bool linkExecutable(const Toolchain &toolchain, llvm::StringRef objectPath,
                    llvm::StringRef glueSource, llvm::StringRef outputPath,
                    std::string &error);

/// Builds a model library: a static archive (model, interface and runtime
/// objects) or a shared object, and writes `headerSource` next to it with a
/// copy of ovc_runtime.h.
bool linkLibrary(const Toolchain &toolchain, llvm::StringRef objectPath,
                 llvm::StringRef glueSource, llvm::StringRef outputPath,
                 bool shared, llvm::StringRef headerPath,
                 llvm::StringRef headerSource, std::string &error);

} // namespace ovc::link

#endif // OVC_COMPILER_LINK_LINKER_H
