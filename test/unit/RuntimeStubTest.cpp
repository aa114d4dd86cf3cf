//===- RuntimeStubTest.cpp - the C runtime stub ---------------------------===//

extern "C" {
#include "npy.h"
#include "ovc_runtime.h"
}

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {
std::string tempPath(const char *name) {
  return std::string(::testing::TempDir()) + name;
}

void writeBytes(const std::string &path, const std::string &bytes) {
  FILE *f = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}
} // namespace

TEST(RuntimeStub, NpyRoundTrip) {
  std::string path = tempPath("roundtrip.npy");
  std::vector<float> data = {1.5f, -2.0f, 3.25f, 0.0f, 7.0f, 8.0f};
  int64_t dims[] = {2, 3};
  char error[256];
  ASSERT_EQ(npy_write(path.c_str(), "<f4", 2, dims, data.data(),
                      data.size() * 4, error, sizeof(error)),
            0)
      << error;
  npy_array array;
  ASSERT_EQ(npy_read(path.c_str(), &array, error, sizeof(error)), 0) << error;
  EXPECT_STREQ(array.descr, "<f4");
  ASSERT_EQ(array.rank, 2);
  EXPECT_EQ(array.dims[0], 2);
  EXPECT_EQ(array.dims[1], 3);
  ASSERT_EQ(array.bytes, data.size() * 4);
  EXPECT_EQ(std::memcmp(array.data, data.data(), array.bytes), 0);
  npy_free(&array);
}

TEST(RuntimeStub, NpyScalarAndVectorShapes) {
  char error[256];
  float one = 1.0f;
  int64_t dims[] = {1};
  std::string path = tempPath("vector.npy");
  ASSERT_EQ(npy_write(path.c_str(), "<f4", 1, dims, &one, 4, error, 256), 0);
  npy_array array;
  ASSERT_EQ(npy_read(path.c_str(), &array, error, 256), 0) << error;
  EXPECT_EQ(array.rank, 1);
  npy_free(&array);
  ASSERT_EQ(npy_write(path.c_str(), "<f4", 0, nullptr, &one, 4, error, 256),
            0);
  ASSERT_EQ(npy_read(path.c_str(), &array, error, 256), 0) << error;
  EXPECT_EQ(array.rank, 0);
  EXPECT_EQ(array.bytes, 4u);
  npy_free(&array);
}

TEST(RuntimeStub, NpyRejectsBadFiles) {
  char error[256];
  npy_array array;
  std::string path = tempPath("bad.npy");
  writeBytes(path, "not numpy");
  EXPECT_NE(npy_read(path.c_str(), &array, error, 256), 0);
  EXPECT_NE(std::string(error).find("bad magic"), std::string::npos);
  // A header whose length points past the end of the file.
  writeBytes(path, std::string("\x93NUMPY\x01\x00\xff\x00", 10) + "{'descr'");
  EXPECT_NE(npy_read(path.c_str(), &array, error, 256), 0);
  EXPECT_NE(std::string(error).find("truncated header"), std::string::npos);
  // A shape whose element count overflows.
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': "
                       "(4611686018427387904, 4611686018427387904), }";
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += char(header.size() & 0xff);
  bytes += char(header.size() >> 8);
  writeBytes(path, bytes + header);
  EXPECT_NE(npy_read(path.c_str(), &array, error, 256), 0);
  EXPECT_NE(std::string(error).find("oversized shape"), std::string::npos);
  EXPECT_NE(npy_read(tempPath("absent.npy").c_str(), &array, error, 256), 0);
  EXPECT_NE(std::string(error).find("cannot open"), std::string::npos);
}

TEST(RuntimeStub, ElementTypes) {
  EXPECT_EQ(ovc_element_size(OVC_F32), 4u);
  EXPECT_EQ(ovc_element_size(OVC_F16), 2u);
  EXPECT_EQ(ovc_element_size(OVC_I64), 8u);
  EXPECT_EQ(ovc_element_size(OVC_BOOL), 1u);
  EXPECT_STREQ(ovc_element_type_name(OVC_U8), "u8");
  EXPECT_STREQ(npy_descr(OVC_F32), "<f4");
  EXPECT_STREQ(npy_descr(OVC_U8), "|u1");
}

TEST(RuntimeStub, CpuCheck) {
  char message[256];
  // Every x86-64 CPU that runs these tests has SSE4.1.
  EXPECT_EQ(ovc_check_cpu("sse41", message, sizeof(message)), OVC_OK);
  EXPECT_EQ(ovc_check_cpu("avx9000", message, sizeof(message)),
            OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(message).find("unknown ISA"), std::string::npos);
  ovc_status amx = ovc_check_cpu("avx512_core_amx", message, sizeof(message));
  if (amx != OVC_OK)
    EXPECT_NE(std::string(message).find("this CPU lacks"), std::string::npos);
}

namespace {
int invocations = 0;
void addOne(void *const *buffers) {
  ++invocations;
  const float *in = static_cast<const float *>(buffers[0]);
  float *out = static_cast<float *>(buffers[1]);
  for (int i = 0; i < 4; ++i)
    out[i] = in[i] + 1.0f;
}
const int64_t kDims[] = {4};
const ovc_tensor_info kInput = {"x", "x", OVC_F32, OVC_F32, 1, kDims};
const ovc_tensor_info kOutput = {"y", "y", OVC_F32, OVC_F32, 1, kDims};
const ovc_model_info kModel = {"add_one", "sse41", 1, 1, &kInput, &kOutput,
                               addOne};
} // namespace

TEST(RuntimeStub, InferChecksArguments) {
  float in[4] = {1, 2, 3, 4}, out[4] = {};
  const void *inputs[] = {in};
  void *outputs[] = {out};
  EXPECT_EQ(ovc_infer(&kModel, inputs, outputs), OVC_OK);
  EXPECT_EQ(out[3], 5.0f);
  EXPECT_EQ(ovc_tensor_elements(&kInput), 4);
  int before = invocations;
  EXPECT_EQ(ovc_infer(nullptr, inputs, outputs), OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(ovc_infer(&kModel, nullptr, outputs), OVC_ERROR_INVALID_ARGUMENT);
  const void *nullInput[] = {nullptr};
  EXPECT_EQ(ovc_infer(&kModel, nullInput, outputs),
            OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(invocations, before);
}
