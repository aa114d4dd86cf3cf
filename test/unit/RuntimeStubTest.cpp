//===- RuntimeStubTest.cpp - the C runtime stub ---------------------------===//

extern "C" {
#include "npy.h"
#include "ovc_runtime.h"
#include "page_memory.h"
}

#include "test/unit/RuntimeTestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
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
  ASSERT_EQ(npy_write(path.c_str(), "<f4", 0, nullptr, &one, 4, error, 256), 0);
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
void addOne(void *const *buffers, const void *weights, void *) {
  ++invocations;
  const float *in = static_cast<const float *>(buffers[0]);
  float *out = static_cast<float *>(buffers[1]);
  // With external weights, the blob holds the four addends.
  const float *addend = static_cast<const float *>(weights);
  for (int i = 0; i < 4; ++i)
    out[i] = in[i] + (addend ? addend[i] : 1.0f);
}
const int64_t kDims[] = {4};
const ovc_tensor_info kInput = {"x", "x", OVC_F32, OVC_F32, 1, kDims};
const ovc_tensor_info kOutput = {"y", "y", OVC_F32, OVC_F32, 1, kDims};
const ovc_model_info kModel = {"add_one", "sse41",  1,     1,
                               &kInput,   &kOutput, addOne};

using ovc::test::Instance;
} // namespace

TEST(RuntimeStub, RunChecksArguments) {
  Instance instance;
  char message[256] = "";
  ASSERT_EQ(
      ovc_create(&kModel, nullptr, &instance.model, message, sizeof(message)),
      OVC_OK)
      << message;
  float in[4] = {1, 2, 3, 4}, out[4] = {};
  const void *inputs[] = {in};
  void *outputs[] = {out};
  EXPECT_EQ(ovc_run(instance.model, inputs, outputs), OVC_OK);
  EXPECT_EQ(out[3], 5.0f);
  EXPECT_EQ(ovc_tensor_elements(&kInput), 4);
  int before = invocations;
  EXPECT_EQ(ovc_run(nullptr, inputs, outputs), OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(ovc_run(instance.model, nullptr, outputs),
            OVC_ERROR_INVALID_ARGUMENT);
  const void *nullInput[] = {nullptr};
  EXPECT_EQ(ovc_run(instance.model, nullInput, outputs),
            OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(invocations, before);
}

TEST(RuntimeStub, CreateChecksArguments) {
  char message[256] = "";
  ovc_model *model = reinterpret_cast<ovc_model *>(&message);
  EXPECT_EQ(ovc_create(nullptr, nullptr, &model, message, sizeof(message)),
            OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(model, nullptr);
  ovc_config negative = {-2, nullptr};
  EXPECT_EQ(ovc_create(&kModel, &negative, &model, message, sizeof(message)),
            OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(message).find("nthreads"), std::string::npos);
  ovc_model_info future = kModel;
  future.isa = "avx9000";
  EXPECT_EQ(ovc_create(&future, nullptr, &model, message, sizeof(message)),
            OVC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(model, nullptr);
}

namespace {
// A model that keeps a running count in its arena: the arena must be the
// instance's own, aligned, and the same memory from one inference to the
// next.
std::vector<void *> arenasSeen;
void countInArena(void *const *buffers, const void *, void *arena) {
  arenasSeen.push_back(arena);
  auto *count = static_cast<int64_t *>(arena);
  *count += 1;
  *static_cast<int64_t *>(buffers[0]) = *count;
}
const int64_t kOne[] = {1};
const ovc_tensor_info kCount = {"n", "n", OVC_I64, OVC_I64, 1, kOne};
ovc_model_info arenaModel() {
  ovc_model_info info = {"arena", "sse41", 0,           1,
                         nullptr, &kCount, countInArena};
  info.arena_bytes = 1000;
  return info;
}
} // namespace

TEST(RuntimeStub, ArenaIsPerInstanceAndPersistent) {
  ovc_model_info info = arenaModel();
  Instance first, second;
  char message[256] = "";
  ASSERT_EQ(ovc_create(&info, nullptr, &first.model, message, sizeof(message)),
            OVC_OK)
      << message;
  ASSERT_EQ(ovc_create(&info, nullptr, &second.model, message, sizeof(message)),
            OVC_OK)
      << message;
  arenasSeen.clear();
  int64_t count = 0;
  void *outputs[] = {&count};
  // The runtime does not clear the arena: compiled code writes every
  // intermediate before reading it. The count starts from what is there.
  ASSERT_EQ(ovc_run(first.model, nullptr, outputs), OVC_OK);
  int64_t start = count;
  ASSERT_EQ(ovc_run(first.model, nullptr, outputs), OVC_OK);
  EXPECT_EQ(count, start + 1);
  ASSERT_EQ(ovc_run(second.model, nullptr, outputs), OVC_OK);
  ASSERT_EQ(arenasSeen.size(), 3u);
  EXPECT_EQ(arenasSeen[0], arenasSeen[1]);
  EXPECT_NE(arenasSeen[0], arenasSeen[2]);
  for (void *arena : arenasSeen) {
    ASSERT_NE(arena, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(arena) % 64, 0u);
  }
}

TEST(RuntimeStub, PageMemoryRoundsLargeBuffersToHugePages) {
  const size_t kHuge = 2u << 20;
  struct Case {
    size_t bytes, usable, alignment;
  } cases[] = {
      {0, 64, 64},
      {1, 64, 64},
      {65, 128, 64},
      {OVC_HUGE_PAGE_MIN_BYTES - 1, OVC_HUGE_PAGE_MIN_BYTES, 64},
      {OVC_HUGE_PAGE_MIN_BYTES, kHuge, kHuge},
      {kHuge, kHuge, kHuge},
      {kHuge + 1, 2 * kHuge, kHuge},
  };
  for (const Case &c : cases) {
    size_t usable = 0;
    void *block = ovc_alloc_pages(c.bytes, &usable);
    ASSERT_NE(block, nullptr) << c.bytes;
    EXPECT_EQ(usable, c.usable) << c.bytes;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % c.alignment, 0u) << c.bytes;
    // All of it is the caller's to write.
    std::memset(block, 0xA5, usable);
    free(block);
  }
  EXPECT_EQ(ovc_alloc_pages(SIZE_MAX - 100, nullptr), nullptr);
  EXPECT_EQ(ovc_alloc_pages(SIZE_MAX / 2, nullptr), nullptr);
}

namespace {
// Records which thread ran each index.
struct Coverage {
  std::vector<std::atomic<int>> hits;
  std::atomic<int> calls{0};
  explicit Coverage(size_t n) : hits(n) {}
};
void markRange(void *context, int64_t begin, int64_t end) {
  auto *coverage = static_cast<Coverage *>(context);
  ++coverage->calls;
  for (int64_t i = begin; i < end; ++i)
    ++coverage->hits[i];
}

// A model whose "code" is one parallel loop over 1000 elements, each
// nested loop running inside a chunk.
Coverage *gCoverage;
void nestedLoops(void *context, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i) {
    // Inside a chunk: serial, never a deadlock.
    EXPECT_EQ(ovc_parallel_threads(), 1);
    ovc_parallel_for(10, 1, markRange, context);
  }
}
void parallelModel(void *const *, const void *, void *) {
  ovc_parallel_for(100, 1, nestedLoops, gCoverage);
}
const ovc_model_info kParallelModel = {"parallel", "sse41",      0, 0, nullptr,
                                       nullptr,    parallelModel};
} // namespace

TEST(RuntimeStub, ParallelForCoversEveryIndexOnce) {
  for (int threads : {1, 2, 3, 8}) {
    Instance instance;
    ASSERT_TRUE(instance.create(kParallelModel, threads));
    EXPECT_EQ(ovc_model_get_nthreads(instance.model), threads);
    for (int repeat = 0; repeat < 50; ++repeat) {
      Coverage coverage(10);
      gCoverage = &coverage;
      ASSERT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK);
      for (auto &hit : coverage.hits)
        ASSERT_EQ(hit.load(), 100) << threads << " threads";
    }
  }
}

namespace {
// A model of parallel loops of every length up to 200, with grains of 1 to
// 3: each index must run exactly once, whoever takes the chunk (its owner
// or a thread stealing it).
void manyLoopsModel(void *const *, const void *, void *) {
  for (int64_t total = 1; total <= 200; ++total) {
    Coverage coverage(total);
    ovc_parallel_for(total, 1 + total % 3, markRange, &coverage);
    for (int64_t i = 0; i < total; ++i)
      ASSERT_EQ(coverage.hits[i].load(), 1) << i << " of " << total;
  }
}
const ovc_model_info kManyLoopsModel = {"loops", "sse41",       0, 0, nullptr,
                                        nullptr, manyLoopsModel};
} // namespace

TEST(RuntimeStub, ParallelForAfterWorkersSlept) {
  // Workers spin a while after a job, then sleep; an inference after a
  // longer pause wakes them, and loops of every length still cover each
  // index once.
  for (int threads : {2, 3}) {
    Instance instance;
    ASSERT_TRUE(instance.create(kManyLoopsModel, threads));
    for (int pause : {0, 1, 10, 0}) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause));
      ASSERT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK);
    }
  }
}

namespace {
// One parallel loop of 100 elements, which counts its calls.
Coverage *gLoopCoverage;
void oneLoopModel(void *const *, const void *, void *) {
  ovc_parallel_for(100, 1, markRange, gLoopCoverage);
}
} // namespace

TEST(RuntimeStub, SmallModelsRunOnOneThread) {
  // A model of fewer multiply-adds than OVC_SMALL_MODEL_MULTIPLY_ADDS runs
  // its loops serially (one call over the whole range) at any thread
  // count; a larger one, or one whose count is unknown (0), splits them.
  for (uint64_t work :
       {uint64_t{1000}, uint64_t{0}, uint64_t{OVC_SMALL_MODEL_MULTIPLY_ADDS}}) {
    ovc_model_info info = {"loop",  "sse41", 0,           0,
                           nullptr, nullptr, oneLoopModel};
    info.multiply_adds = work;
    Instance instance;
    ASSERT_TRUE(instance.create(info, 4));
    Coverage coverage(100);
    gLoopCoverage = &coverage;
    ASSERT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK);
    for (auto &hit : coverage.hits)
      ASSERT_EQ(hit.load(), 1);
    if (work == 1000)
      EXPECT_EQ(coverage.calls.load(), 1);
    else
      EXPECT_GT(coverage.calls.load(), 1) << work;
  }
}

TEST(RuntimeStub, InstancesComeAndGo) {
  // Workers must be fully set up before they start, and gone after destroy.
  for (int i = 0; i < 100; ++i) {
    Instance instance;
    ASSERT_TRUE(instance.create(kParallelModel, 2 + i % 3));
    Coverage coverage(10);
    gCoverage = &coverage;
    ASSERT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK);
    ASSERT_EQ(coverage.hits[9].load(), 100);
  }
}

namespace {
// Lengths of the ranges a parallel loop's chunks covered.
std::mutex gRangesMutex;
std::vector<int64_t> gRanges;
void recordRange(void *, int64_t begin, int64_t end) {
  std::lock_guard<std::mutex> lock(gRangesMutex);
  gRanges.push_back(end - begin);
}
struct LoopShape {
  int64_t total, grain;
};
LoopShape gLoop;
void shapedLoopModel(void *const *, const void *, void *) {
  ovc_parallel_for(gLoop.total, gLoop.grain, recordRange, nullptr);
}
const ovc_model_info kShapedLoopModel = {"loop",  "sse41",        0, 0, nullptr,
                                         nullptr, shapedLoopModel};

std::vector<int64_t> chunkLengths(int threads, LoopShape loop) {
  Instance instance;
  EXPECT_TRUE(instance.create(kShapedLoopModel, threads));
  gLoop = loop;
  gRanges.clear();
  EXPECT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK);
  std::sort(gRanges.begin(), gRanges.end());
  return gRanges;
}
} // namespace

TEST(RuntimeStub, ParallelForGivesEveryThreadAsManyChunks) {
  // Three grains of work on two threads: four chunks a little under the
  // grain, two per thread, not one thread's two against the other's one.
  EXPECT_EQ(chunkLengths(2, {300, 100}),
            (std::vector<int64_t>{75, 75, 75, 75}));
  EXPECT_EQ(chunkLengths(3, {500, 100}),
            (std::vector<int64_t>{83, 83, 83, 83, 84, 84}));
  // Never more chunks than iterations.
  EXPECT_EQ(chunkLengths(2, {3, 1}), (std::vector<int64_t>{1, 1, 1}));
  // One grain or less stays one chunk, on the caller.
  EXPECT_EQ(chunkLengths(2, {100, 100}), (std::vector<int64_t>{100}));
}

TEST(RuntimeStub, ParallelForRespectsGrain) {
  // Outside an inference: serial, one call.
  Coverage serial(64);
  ovc_parallel_for(64, 1, markRange, &serial);
  EXPECT_EQ(serial.calls.load(), 1);
  EXPECT_EQ(ovc_parallel_threads(), 1);
  // Default thread count: every available CPU.
  Instance instance;
  char message[256] = "";
  ASSERT_EQ(
      ovc_create(&kModel, nullptr, &instance.model, message, sizeof(message)),
      OVC_OK);
  EXPECT_GE(ovc_model_get_nthreads(instance.model), 1);
}

namespace {
ovc_model_info externalModel(const char *file, uint64_t bytes,
                             uint64_t checksum) {
  ovc_model_info info = kModel;
  info.weights_file = file;
  info.weights_bytes = bytes;
  info.weights_checksum = checksum;
  return info;
}

std::string writeWeights(const std::string &name, const char *magic,
                         const std::vector<float> &blob, uint64_t checksum) {
  std::string path = ::testing::TempDir() + name;
  FILE *f = fopen(path.c_str(), "wb");
  char header[OVC_WEIGHTS_HEADER_BYTES] = {};
  memcpy(header, magic, 8);
  uint64_t bytes = blob.size() * sizeof(float);
  memcpy(header + 8, &bytes, 8);
  memcpy(header + 16, &checksum, 8);
  fwrite(header, 1, sizeof(header), f);
  fwrite(blob.data(), sizeof(float), blob.size(), f);
  fclose(f);
  return path;
}
} // namespace

TEST(RuntimeStub, ExternalWeights) {
  std::vector<float> addends = {10, 20, 30, 40};
  uint64_t bytes = addends.size() * sizeof(float);
  uint64_t sum = ovc_weights_checksum(addends.data(), bytes);
  ovc_model_info info = externalModel("w.weights", bytes, sum);
  char message[512] = "";
  ovc_model *model = nullptr;

  std::string good =
      writeWeights("good.weights", OVC_WEIGHTS_MAGIC, addends, sum);
  ovc_config config = {1, good.c_str()};
  ASSERT_EQ(ovc_create(&info, &config, &model, message, sizeof(message)),
            OVC_OK)
      << message;
  float in[4] = {1, 2, 3, 4}, out[4] = {};
  const void *inputs[] = {in};
  void *outputs[] = {out};
  EXPECT_EQ(ovc_run(model, inputs, outputs), OVC_OK);
  EXPECT_EQ(out[0], 11.0f);
  EXPECT_EQ(out[3], 44.0f);
  ovc_destroy(model);

  auto expectError = [&](const std::string &path, const char *needle) {
    ovc_config c = {1, path.c_str()};
    ovc_model *m = nullptr;
    EXPECT_EQ(ovc_create(&info, &c, &m, message, sizeof(message)), OVC_ERROR_IO)
        << path;
    EXPECT_EQ(m, nullptr);
    EXPECT_NE(std::string(message).find(needle), std::string::npos) << message;
    EXPECT_NE(std::string(message).find(path), std::string::npos) << message;
  };
  expectError(::testing::TempDir() + "missing.weights", "cannot open");
  expectError(writeWeights("short.weights", OVC_WEIGHTS_MAGIC, {1, 2}, sum),
              "needs");
  expectError(writeWeights("magic.weights", "NOTOVC!!", addends, sum),
              "not an ovc weights file");
  expectError(
      writeWeights("other.weights", OVC_WEIGHTS_MAGIC, addends, sum + 1),
      "another model");
  std::vector<float> corrupt = addends;
  corrupt[2] = 31;
  expectError(writeWeights("corrupt.weights", OVC_WEIGHTS_MAGIC, corrupt, sum),
              "corrupt");
}
