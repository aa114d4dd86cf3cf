//===- IsaTableTest.cpp - ISA names and order -----------------------------===//

#include "targets/cpu/IsaTable.h"

#include <gtest/gtest.h>

using namespace ovc::targets::cpu;

TEST(IsaTable, ParsesOneDnnNames) {
  EXPECT_EQ(parseIsa("avx512_core_amx"), Isa::avx512_core_amx);
  EXPECT_EQ(parseIsa("AVX2"), Isa::avx2);
  EXPECT_FALSE(parseIsa("avx3"));
  for (const IsaInfo &info : allIsas())
    EXPECT_EQ(parseIsa(info.name), info.isa);
}

TEST(IsaTable, PartialOrder) {
  EXPECT_TRUE(implies(Isa::avx2, Isa::sse41));
  EXPECT_TRUE(implies(Isa::avx512_core, Isa::avx2));
  EXPECT_TRUE(implies(Isa::avx512_core_amx, Isa::avx512_core_bf16));
  EXPECT_TRUE(implies(Isa::avx512_core_fp16, Isa::avx2_vnni));
  EXPECT_FALSE(implies(Isa::avx2, Isa::avx512_core));
  // AVX2_VNNI_2 and the AVX-512 line are not comparable.
  EXPECT_FALSE(implies(Isa::avx512_core_amx, Isa::avx2_vnni_2));
  EXPECT_FALSE(implies(Isa::avx2_vnni_2, Isa::avx512_core));
  EXPECT_FALSE(implies(Isa::avx512_core, Isa::avx2_vnni));
}

TEST(IsaTable, BestForHost) {
  llvm::SmallVector<llvm::StringRef> avx2Host = {
      "sse2", "sse3", "ssse3", "sse4.1", "sse4.2", "avx",
      "avx2", "fma",  "f16c",  "bmi",    "bmi2",   "popcnt"};
  EXPECT_EQ(bestIsaFor(avx2Host), Isa::avx2);
  avx2Host.append({"avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd",
                   "avx512vnni"});
  EXPECT_EQ(bestIsaFor(avx2Host), Isa::avx512_core_vnni);
  EXPECT_FALSE(bestIsaFor({"sse2"}));
}
