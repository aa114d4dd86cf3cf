//===- IsaTable.cpp - the x86 ISA levels ovc compiles for -----------------===//

#include "targets/cpu/IsaTable.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace ovc::targets::cpu;
using llvm::StringRef;

namespace {
// Cumulative feature lists: each level lists everything it needs.
const StringRef kSse41[] = {"sse2", "sse3", "ssse3", "sse4.1"};
const StringRef kAvx[] = {"sse2", "sse3", "ssse3", "sse4.1", "sse4.2", "avx"};
const StringRef kAvx2[] = {"sse2", "sse3", "ssse3", "sse4.1", "sse4.2", "avx",
                           "avx2", "fma",  "f16c",  "bmi",    "bmi2"};
const StringRef kAvx2Vnni[] = {"sse2",   "sse3", "ssse3", "sse4.1",
                               "sse4.2", "avx",  "avx2",  "fma",
                               "f16c",   "bmi",  "bmi2",  "avxvnni"};
const StringRef kAvx2Vnni2[] = {
    "sse2", "sse3",    "ssse3",       "sse4.1",      "sse4.2",
    "avx",  "avx2",    "fma",         "f16c",        "bmi",
    "bmi2", "avxvnni", "avxvnniint8", "avxneconvert"};
const StringRef kAvx512[] = {"sse2",     "sse3",     "ssse3",    "sse4.1",
                             "sse4.2",   "avx",      "avx2",     "fma",
                             "f16c",     "bmi",      "bmi2",     "avx512f",
                             "avx512bw", "avx512dq", "avx512vl", "avx512cd"};
const StringRef kAvx512Vnni[] = {
    "sse2",     "sse3",     "ssse3",    "sse4.1",   "sse4.2",    "avx",
    "avx2",     "fma",      "f16c",     "bmi",      "bmi2",      "avx512f",
    "avx512bw", "avx512dq", "avx512vl", "avx512cd", "avx512vnni"};
const StringRef kAvx512Bf16[] = {
    "sse2",     "sse3",     "ssse3",    "sse4.1",   "sse4.2",     "avx",
    "avx2",     "fma",      "f16c",     "bmi",      "bmi2",       "avx512f",
    "avx512bw", "avx512dq", "avx512vl", "avx512cd", "avx512vnni", "avx512bf16"};
const StringRef kAvx512Fp16[] = {
    "sse2",     "sse3",       "ssse3",      "sse4.1",     "sse4.2",
    "avx",      "avx2",       "fma",        "f16c",       "bmi",
    "bmi2",     "avx512f",    "avx512bw",   "avx512dq",   "avx512vl",
    "avx512cd", "avx512vnni", "avx512bf16", "avx512fp16", "avxvnni"};
const StringRef kAmx[] = {"sse2",       "sse3",       "ssse3",      "sse4.1",
                          "sse4.2",     "avx",        "avx2",       "fma",
                          "f16c",       "bmi",        "bmi2",       "avx512f",
                          "avx512bw",   "avx512dq",   "avx512vl",   "avx512cd",
                          "avx512vnni", "avx512bf16", "avx512fp16", "avxvnni",
                          "amx-tile",   "amx-int8",   "amx-bf16"};
const StringRef kAmxFp16[] = {
    "sse2",     "sse3",       "ssse3",      "sse4.1",     "sse4.2",
    "avx",      "avx2",       "fma",        "f16c",       "bmi",
    "bmi2",     "avx512f",    "avx512bw",   "avx512dq",   "avx512vl",
    "avx512cd", "avx512vnni", "avx512bf16", "avx512fp16", "avxvnni",
    "amx-tile", "amx-int8",   "amx-bf16",   "amx-fp16"};

const IsaInfo kIsas[] = {
    {Isa::sse41, "sse41", "nehalem", kSse41},
    {Isa::avx, "avx", "sandybridge", kAvx},
    {Isa::avx2, "avx2", "haswell", kAvx2},
    {Isa::avx2_vnni, "avx2_vnni", "alderlake", kAvx2Vnni},
    {Isa::avx2_vnni_2, "avx2_vnni_2", "sierraforest", kAvx2Vnni2},
    {Isa::avx512_core, "avx512_core", "skylake-avx512", kAvx512},
    {Isa::avx512_core_vnni, "avx512_core_vnni", "cascadelake", kAvx512Vnni},
    {Isa::avx512_core_bf16, "avx512_core_bf16", "cooperlake", kAvx512Bf16},
    {Isa::avx512_core_fp16, "avx512_core_fp16", "sapphirerapids", kAvx512Fp16},
    {Isa::avx512_core_amx, "avx512_core_amx", "sapphirerapids", kAmx},
    {Isa::avx512_core_amx_fp16, "avx512_core_amx_fp16", "graniterapids",
     kAmxFp16},
};
} // namespace

llvm::ArrayRef<IsaInfo> ovc::targets::cpu::allIsas() { return kIsas; }

const IsaInfo &ovc::targets::cpu::getIsaInfo(Isa isa) {
  return kIsas[static_cast<int>(isa)];
}

std::optional<Isa> ovc::targets::cpu::parseIsa(StringRef name) {
  std::string lower = name.trim().lower();
  for (const IsaInfo &info : kIsas)
    if (info.name == lower)
      return info.isa;
  return std::nullopt;
}

bool ovc::targets::cpu::implies(Isa higher, Isa lower) {
  // A level implies another when its feature set contains the other's:
  // this is exactly oneDNN's partial order over these cumulative lists.
  llvm::ArrayRef<StringRef> have = getIsaInfo(higher).features;
  return llvm::all_of(getIsaInfo(lower).features, [&](StringRef feature) {
    return llvm::is_contained(have, feature);
  });
}

std::optional<Isa>
ovc::targets::cpu::bestIsaFor(llvm::ArrayRef<StringRef> hostFeatures) {
  std::optional<Isa> best;
  for (const IsaInfo &info : kIsas) {
    bool supported = llvm::all_of(info.features, [&](StringRef feature) {
      return llvm::is_contained(hostFeatures, feature);
    });
    // Later entries are never weaker, so the last supported one wins unless
    // it is incomparable with the current best (AVX2_VNNI_2 vs AVX-512):
    // then the one with more features wins.
    if (supported && (!best || implies(info.isa, *best) ||
                      info.features.size() > getIsaInfo(*best).features.size()))
      best = info.isa;
  }
  return best;
}

StringRef ovc::targets::cpu::ukernelFamily(Isa isa) {
  if (implies(isa, Isa::avx512_core))
    return "avx512";
  if (implies(isa, Isa::avx2))
    return "avx2";
  return "sse41";
}

std::string ovc::targets::cpu::isaNameList() {
  return llvm::join(
      llvm::map_range(kIsas, [](const IsaInfo &info) { return info.name; }),
      ", ");
}
