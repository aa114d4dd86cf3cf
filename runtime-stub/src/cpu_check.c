/*===- cpu_check.c - refuse to run on a CPU without the compiled ISA ------===*
 *
 * CPUID plus XGETBV (the OS must save the vector state too), so that a
 * program built for AVX-512 or AMX stops with a message instead of SIGILL.
 *
 *===----------------------------------------------------------------------===*/

#include "ovc_runtime.h"

#include <cpuid.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  unsigned leaf, subleaf;
  int reg; /* 1 = ebx, 2 = ecx, 3 = edx */
  unsigned bit;
} feature;

static const feature kFeatures[] = {
    {"sse4.1", 1, 0, 2, 19},       {"avx", 1, 0, 2, 28},
    {"fma", 1, 0, 2, 12},          {"f16c", 1, 0, 2, 29},
    {"avx2", 7, 0, 1, 5},          {"avxvnni", 7, 1, 0, 4},
    {"avx512f", 7, 0, 1, 16},      {"avx512dq", 7, 0, 1, 17},
    {"avx512bw", 7, 0, 1, 30},     {"avx512vl", 7, 0, 1, 31},
    {"avx512vnni", 7, 0, 2, 11},   {"avx512bf16", 7, 1, 0, 5},
    {"avx512fp16", 7, 0, 3, 23},   {"amx-bf16", 7, 0, 3, 22},
    {"amx-tile", 7, 0, 3, 24},     {"amx-int8", 7, 0, 3, 25},
    {"amx-fp16", 7, 1, 0, 21},     {"avxvnniint8", 7, 1, 3, 4},
};

static int has_feature(const char *name) {
  for (size_t i = 0; i < sizeof(kFeatures) / sizeof(kFeatures[0]); ++i) {
    const feature *f = &kFeatures[i];
    if (strcmp(f->name, name) != 0)
      continue;
    unsigned r[4] = {0, 0, 0, 0};
    if (!__get_cpuid_count(f->leaf, f->subleaf, &r[0], &r[1], &r[2], &r[3]))
      return 0;
    if (f->reg == 0) /* eax of leaf 7 subleaf 1 */
      return (r[0] >> f->bit) & 1;
    return (r[f->reg] >> f->bit) & 1;
  }
  return 0;
}

/* XCR0 bits the OS must enable: SSE/AVX state, AVX-512 state, AMX tiles. */
static unsigned long long xcr0(void) {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !((ecx >> 27) & 1))
    return 0; /* no OSXSAVE */
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return ((unsigned long long)hi << 32) | lo;
}

ovc_status ovc_check_cpu(const char *isa, char *message, size_t size) {
  static const struct {
    const char *isa;
    const char *features[12];
  } kIsas[] = {
      {"sse41", {"sse4.1"}},
      {"avx", {"sse4.1", "avx"}},
      {"avx2", {"avx", "avx2", "fma", "f16c"}},
      {"avx2_vnni", {"avx2", "fma", "avxvnni"}},
      {"avx2_vnni_2", {"avx2", "fma", "avxvnni", "avxvnniint8"}},
      {"avx512_core", {"avx2", "fma", "avx512f", "avx512dq", "avx512bw",
                       "avx512vl"}},
      {"avx512_core_vnni", {"avx512f", "avx512bw", "avx512vl", "avx512vnni"}},
      {"avx512_core_bf16",
       {"avx512f", "avx512bw", "avx512vl", "avx512vnni", "avx512bf16"}},
      {"avx512_core_fp16",
       {"avx512f", "avx512bw", "avx512vnni", "avx512bf16", "avx512fp16",
        "avxvnni"}},
      {"avx512_core_amx",
       {"avx512f", "avx512bw", "avx512vnni", "avx512bf16", "avx512fp16",
        "amx-tile", "amx-int8", "amx-bf16"}},
      {"avx512_core_amx_fp16",
       {"avx512f", "avx512bw", "avx512vnni", "avx512bf16", "avx512fp16",
        "amx-tile", "amx-int8", "amx-bf16", "amx-fp16"}},
  };
  for (size_t i = 0; i < sizeof(kIsas) / sizeof(kIsas[0]); ++i) {
    if (strcmp(kIsas[i].isa, isa) != 0)
      continue;
    for (size_t j = 0; j < 12 && kIsas[i].features[j]; ++j) {
      if (!has_feature(kIsas[i].features[j])) {
        snprintf(message, size,
                 "this program was compiled for %s, but this CPU lacks %s; "
                 "recompile with a lower -target (for example -target=avx2 "
                 "or -target=sse41)",
                 isa, kIsas[i].features[j]);
        return OVC_ERROR_UNSUPPORTED_CPU;
      }
    }
    unsigned long long xcr = xcr0();
    int needsAvx = strcmp(isa, "sse41") != 0;
    int needsAvx512 = strncmp(isa, "avx512", 6) == 0;
    if ((needsAvx && (xcr & 0x6) != 0x6) ||
        (needsAvx512 && (xcr & 0xE0) != 0xE0)) {
      snprintf(message, size,
               "this program was compiled for %s, but the operating system "
               "does not enable its vector registers",
               isa);
      return OVC_ERROR_UNSUPPORTED_CPU;
    }
    return OVC_OK;
  }
  snprintf(message, size, "unknown ISA '%s'", isa);
  return OVC_ERROR_INVALID_ARGUMENT;
}
