//===- KernelFailureTest.cpp - kernels that cannot finish their part ------===//
//
// A kernel that cannot get a buffer reports it (kernel_failure.h) from
// whichever thread runs its chunk; ovc_run then returns the failure instead
// of OVC_OK, and the next inference starts clean. The convolution kernel's
// padding buffer is made to fail for real: this binary's aligned_alloc, which
// the runtime's allocations resolve to, fails on request.
//
//===----------------------------------------------------------------------===//

extern "C" {
#include "kernel_failure.h"
#include "ovc_runtime.h"
}
#include "targets/cpu/ukernels/ukernels.h"
#include "test/unit/RuntimeTestSupport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <thread>
#include <vector>

// Fault injection: while gFailAlignedAlloc is set, aligned_alloc (that of
// this program, to which the runtime's calls resolve) has no memory.
std::atomic<bool> gFailAlignedAlloc{false};
extern "C" void *__libc_memalign(size_t alignment, size_t size);
extern "C" void *aligned_alloc(size_t alignment, size_t size) {
  if (gFailAlignedAlloc.load()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_memalign(alignment, size);
}

namespace {

// A model whose "code" is one parallel loop; index `gFailAt` fails.
std::atomic<int64_t> gFailAt{-1};
void maybeFail(void *, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i)
    if (i == gFailAt.load())
      ovc_kernel_failed(OVC_ERROR_OUT_OF_MEMORY, "test");
}
void loopModel(void *const *, const void *, void *) {
  ovc_parallel_for(1000, 1, maybeFail, nullptr);
}
// No multiply-adds counted: never a small model, so the pool runs it.
const ovc_model_info kLoopModel = {"loop",  "sse41", 0,        0,
                                   nullptr, nullptr, loopModel};

using ovc::test::Instance;

} // namespace

TEST(KernelFailure, FailsTheInferenceOnAnyThread) {
  for (int32_t threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    Instance instance;
    ASSERT_TRUE(instance.create(kLoopModel, threads));
    // Early, middle and last chunks: on 3 threads, each thread's own share.
    for (int64_t at : {0, 500, 999}) {
      gFailAt = at;
      EXPECT_EQ(ovc_run(instance.model, nullptr, nullptr),
                OVC_ERROR_OUT_OF_MEMORY)
          << at;
      gFailAt = -1;
      EXPECT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK) << at;
    }
  }
}

namespace {

// A 3x3 layer, 32 -> 16 channels on 160 x 160 padded by 1: too large to pad
// whole (OVC_CONV2D_PRIVATE_PAD_FLOATS), so each thread pads bands of rows
// into its own buffer (a huge page, see page_memory.h).
constexpr int64_t kC = 32, kH = 160, kW = 160, kOC = 16;
std::vector<float> gInput(kC *kH *kW, 0.5f), gOutput(kOC *kH *kW);
std::vector<float> gFilter(((kOC + OVC_CONV2D_BLOCK_SSE41 - 1) /
                            OVC_CONV2D_BLOCK_SSE41) *
                               OVC_CONV2D_BLOCK_SSE41 * kC * 9,
                           0.25f);
float gParams[OVC_CONV2D_NUM_PARAMS];

void convModel(void *const *, const void *, void *) {
  ovc_conv2d_f32_sse41(gInput.data(), gFilter.data(), gFilter.data(),
                       gFilter.data(), gOutput.data(), gParams);
}
const ovc_model_info kConvModel = {"conv",  "sse41", 0,        0,
                                   nullptr, nullptr, convModel};

} // namespace

TEST(KernelFailure, ConvolutionPaddingOutOfMemoryIsAnError) {
  ASSERT_GT(kC * (kH + 2) * (kW + 2), OVC_CONV2D_PRIVATE_PAD_FLOATS);
  gParams[OVC_CONV2D_N] = 1;
  gParams[OVC_CONV2D_C] = kC;
  gParams[OVC_CONV2D_H] = kH;
  gParams[OVC_CONV2D_W] = kW;
  gParams[OVC_CONV2D_OC] = kOC;
  gParams[OVC_CONV2D_OH] = kH;
  gParams[OVC_CONV2D_OW] = kW;
  gParams[OVC_CONV2D_KH] = gParams[OVC_CONV2D_KW] = 3;
  gParams[OVC_CONV2D_SH] = gParams[OVC_CONV2D_SW] = 1;
  gParams[OVC_CONV2D_DH] = gParams[OVC_CONV2D_DW] = 1;
  gParams[OVC_CONV2D_PAD_TOP] = gParams[OVC_CONV2D_PAD_LEFT] = 1;
  gParams[OVC_CONV2D_PAD_BOTTOM] = gParams[OVC_CONV2D_PAD_RIGHT] = 1;
  for (int32_t threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    // On a thread of its own, with an instance of its own: padding buffers
    // are per thread, and threads that padded before keep theirs.
    std::thread run([&] {
      Instance instance;
      ASSERT_TRUE(instance.create(kConvModel, threads));
      gFailAlignedAlloc = true;
      EXPECT_EQ(ovc_run(instance.model, nullptr, nullptr),
                OVC_ERROR_OUT_OF_MEMORY);
      gFailAlignedAlloc = false;
      // The memory is back: the same instance runs the layer.
      EXPECT_EQ(ovc_run(instance.model, nullptr, nullptr), OVC_OK);
    });
    run.join();
  }
}
