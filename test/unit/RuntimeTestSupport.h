//===- RuntimeTestSupport.h - model instances for runtime tests -*- C++ -*-===//
//
// An ovc_model instance that the test owns for a scope.
//
//===----------------------------------------------------------------------===//

#ifndef OVC_TEST_UNIT_RUNTIMETESTSUPPORT_H
#define OVC_TEST_UNIT_RUNTIMETESTSUPPORT_H

extern "C" {
#include "ovc_runtime.h"
}

#include <gtest/gtest.h>

namespace ovc::test {

/// A model instance, destroyed with the object.
struct Instance {
  ovc_model *model = nullptr;
  Instance() = default;
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;
  ~Instance() { ovc_destroy(model); }
  /// Creates an instance of `info` with `threads` threads.
  ::testing::AssertionResult create(const ovc_model_info &info,
                                    int32_t threads) {
    char message[256] = "";
    ovc_config config = {threads, nullptr};
    if (ovc_create(&info, &config, &model, message, sizeof(message)) != OVC_OK)
      return ::testing::AssertionFailure() << message;
    return ::testing::AssertionSuccess();
  }
};

} // namespace ovc::test

#endif // OVC_TEST_UNIT_RUNTIMETESTSUPPORT_H
