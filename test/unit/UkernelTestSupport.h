//===- UkernelTestSupport.h - what the microkernel tests share -*- C++ -*-===//
//
// Which ISA families this CPU runs, and a thread pool that the kernels'
// ovc_parallel_for uses for the length of a scope.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_TEST_UNIT_UKERNELTESTSUPPORT_H
#define OVC_TEST_UNIT_UKERNELTESTSUPPORT_H

extern "C" {
#include "thread_pool.h"
}

#include <gtest/gtest.h>

namespace ovc::test {

/// Whether this CPU runs the kernels of each family.
inline bool runsSse41() { return __builtin_cpu_supports("sse4.1"); }
inline bool runsAvx2() {
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
inline bool runsAvx512() {
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl");
}

/// Calls `check(family, shape)` for each of `shapes` on each of `families`
/// that this CPU runs (its `supported`).
template <typename Families, typename Shapes, typename Check>
void forEachRunnable(const Families &families, const Shapes &shapes,
                     Check check) {
  for (const auto &family : families)
    if (family.supported)
      for (const auto &shape : shapes)
        check(family, shape);
}

/// A pool of `threads` threads entered for the life of the object: the
/// kernels called meanwhile split their work across it.
class ScopedThreadPool {
public:
  explicit ScopedThreadPool(int32_t threads)
      : pool(ovc_thread_pool_create(threads)) {
    EXPECT_NE(pool, nullptr);
    if (pool)
      previous = ovc_thread_pool_enter(pool);
  }
  ~ScopedThreadPool() {
    if (!pool)
      return;
    ovc_thread_pool_enter(previous);
    ovc_thread_pool_destroy(pool);
  }
  ScopedThreadPool(const ScopedThreadPool &) = delete;
  ScopedThreadPool &operator=(const ScopedThreadPool &) = delete;

private:
  ovc_thread_pool *pool;
  ovc_thread_pool *previous = nullptr;
};

} // namespace ovc::test

#endif // OVC_TEST_UNIT_UKERNELTESTSUPPORT_H
