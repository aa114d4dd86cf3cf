//===- IsaTable.h - the x86 ISA levels ovc compiles for ---------*- C++ -*-===//
//
// oneDNN's ISA names and their partial order, each mapped to the LLVM CPU
// and feature set that code for it is generated with. Code for any ISA can
// be produced on any machine; `host` resolves to the best level of the
// compiling machine.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_TARGETS_CPU_ISATABLE_H
#define OVC_TARGETS_CPU_ISATABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace ovc::targets::cpu {

enum class Isa {
  sse41,
  avx,
  avx2,
  avx2_vnni,
  avx2_vnni_2,
  avx512_core,
  avx512_core_vnni,
  avx512_core_bf16,
  avx512_core_fp16,
  avx512_core_amx,
  avx512_core_amx_fp16,
};

struct IsaInfo {
  Isa isa;
  llvm::StringRef name;    // oneDNN spelling, e.g. "avx512_core_amx"
  llvm::StringRef llvmCpu; // the LLVM CPU whose scheduling model is used
  /// Every LLVM target feature the ISA guarantees (cumulative).
  llvm::ArrayRef<llvm::StringRef> features;
};

/// All ISA levels, weakest first.
llvm::ArrayRef<IsaInfo> allIsas();
const IsaInfo &getIsaInfo(Isa isa);
/// Parses a oneDNN ISA name (case-insensitive); nullopt if unknown.
std::optional<Isa> parseIsa(llvm::StringRef name);
/// True when code for `lower` runs on a CPU that has `higher`: oneDNN's
/// partial order (AVX2_VNNI_2 and the AVX-512 line are not comparable).
bool implies(Isa higher, Isa lower);
/// The best ISA level the given LLVM host features support, or nullopt
/// when the CPU lacks even SSE4.1.
std::optional<Isa> bestIsaFor(llvm::ArrayRef<llvm::StringRef> hostFeatures);
/// The microkernel family (targets/cpu/ukernels) code for `isa` calls:
/// sse41 for SSE4.1 and AVX (no FMA), avx2 for the AVX2 line, avx512 for the
/// AVX-512 line.
llvm::StringRef ukernelFamily(Isa isa);
/// The comma-separated list of ISA names, for messages.
std::string isaNameList();

} // namespace ovc::targets::cpu

#endif // OVC_TARGETS_CPU_ISATABLE_H
