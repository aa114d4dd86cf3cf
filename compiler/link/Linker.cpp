//===- Linker.cpp - producing executables from model objects --------------===//

#include "compiler/link/Linker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ArchiveWriter.h"
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

/// Writes `source` to `dir`/model_info.c and compiles it to model_info.o.
static bool compileGlue(const Toolchain &toolchain, llvm::StringRef dir,
                        llvm::StringRef source, llvm::SmallString<128> &object,
                        std::string &error) {
  llvm::SmallString<128> glueC(dir);
  path::append(glueC, "model_info.c");
  object = dir;
  path::append(object, "model_info.o");
  std::error_code ec;
  llvm::raw_fd_ostream os(glueC, ec);
  if (ec) {
    error = "cannot write " + glueC.str().str() + ": " + ec.message();
    return false;
  }
  os << source;
  os.close();
  std::string includeFlag = "-I" + toolchain.includeDir;
  return run({toolchain.compiler, "-c", "-O2", "-fPIC", includeFlag, glueC,
              "-o", object},
             error);
}

static bool writeFile(llvm::StringRef path, llvm::StringRef text,
                      std::string &error) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (!ec)
    os << text;
  if (ec || os.has_error()) {
    error = "cannot write " + path.str() + ": " + ec.message();
    return false;
  }
  return true;
}

/// Runs `body` with a fresh temporary folder, removed afterwards.
static bool withTempDir(std::string &error,
                        llvm::function_ref<bool(llvm::StringRef)> body) {
  llvm::SmallString<128> dir;
  if (auto ec = fs::createUniqueDirectory("ovc-link", dir)) {
    error = "cannot create a temporary folder: " + ec.message();
    return false;
  }
  bool ok = body(dir);
  fs::remove_directories(dir);
  return ok;
}

bool ovc::link::linkLibrary(const Toolchain &toolchain,
                            llvm::StringRef objectPath,
                            llvm::StringRef glueSource,
                            llvm::StringRef outputPath, bool shared,
                            llvm::StringRef headerPath,
                            llvm::StringRef headerSource, std::string &error) {
  return withTempDir(error, [&](llvm::StringRef dir) {
    llvm::SmallString<128> glueO;
    if (!compileGlue(toolchain, dir, glueSource, glueO, error))
      return false;
    std::string runtimeLib = toolchain.libDir + "/libovc_runtime.a";
    if (shared) {
      // The whole runtime is exported: users call ovc_create, ovc_run and
      // friends.
      if (!run({toolchain.compiler, "-shared", glueO, objectPath,
                "-Wl,--whole-archive", runtimeLib, "-Wl,--no-whole-archive",
                "-lm", "-lpthread", "-o", outputPath},
               error))
        return false;
    } else {
      // One archive: the model, its interface and the runtime's members.
      std::vector<llvm::NewArchiveMember> members;
      for (llvm::StringRef file : {objectPath, llvm::StringRef(glueO)}) {
        auto member = llvm::NewArchiveMember::getFile(file, true);
        if (!member) {
          error = llvm::toString(member.takeError());
          return false;
        }
        members.push_back(std::move(*member));
      }
      auto runtime = llvm::MemoryBuffer::getFile(runtimeLib);
      if (!runtime) {
        error = runtimeLib + ": " + runtime.getError().message();
        return false;
      }
      auto archive =
          llvm::object::Archive::create((*runtime)->getMemBufferRef());
      if (!archive) {
        error = llvm::toString(archive.takeError());
        return false;
      }
      llvm::Error childError = llvm::Error::success();
      for (const auto &child : (*archive)->children(childError)) {
        auto member = llvm::NewArchiveMember::getOldMember(child, true);
        if (!member) {
          error = llvm::toString(member.takeError());
          return false;
        }
        members.push_back(std::move(*member));
      }
      if (childError) {
        error = llvm::toString(std::move(childError));
        return false;
      }
      if (llvm::Error e = llvm::writeArchive(
              outputPath, members, llvm::SymtabWritingMode::NormalSymtab,
              llvm::object::Archive::K_GNU, /*Deterministic=*/true,
              /*Thin=*/false)) {
        error = llvm::toString(std::move(e));
        return false;
      }
    }
    if (!writeFile(headerPath, headerSource, error))
      return false;
    llvm::SmallString<256> runtimeHeader(path::parent_path(headerPath));
    path::append(runtimeHeader, "ovc_runtime.h");
    std::string source = toolchain.includeDir + "/ovc_runtime.h";
    if (auto ec = fs::copy_file(source, runtimeHeader)) {
      error = "cannot copy ovc_runtime.h: " + ec.message();
      return false;
    }
    return true;
  });
}

bool ovc::link::linkExecutable(const Toolchain &toolchain,
                               llvm::StringRef objectPath,
                               llvm::StringRef glueSource,
                               llvm::StringRef outputPath, std::string &error) {
  return withTempDir(error, [&](llvm::StringRef dir) {
    llvm::SmallString<128> glueO;
    if (!compileGlue(toolchain, dir, glueSource, glueO, error))
      return false;
    std::string mainLib = toolchain.libDir + "/libovc_runtime_main.a";
    std::string runtimeLib = toolchain.libDir + "/libovc_runtime.a";
    return run({toolchain.compiler, glueO, objectPath, mainLib, runtimeLib,
                "-lm", "-lpthread", "-o", outputPath},
               error);
  });
}
