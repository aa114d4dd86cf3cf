//===- layer_bench.cpp - one conv layer: ovc's microkernel against oneDNN -===//
//
// Part (c) of the benchmark suite: times convolution layers, shape by shape,
// with ovc's microkernel (what a compiled model runs: padding into a zeroed
// buffer when a convolution pads and its kernel does not pad itself, then
// ovc_conv2d_f32_<family>, or ovc_conv2d_winograd_f32_<family> where
// ovc_conv2d_winograd_takes, or ovc_depthwise_conv2d_f32_<family>) and with
// oneDNN's
// best primitive for the same layer (layouts chosen by oneDNN, weights
// reordered once, as OpenVINO's CPU plugin does). Both fuse the bias and the
// ReLU when the layer has them. Reads one layer per line on stdin:
//
//   name N C H W OC groups KH KW SH SW DH DW PT PL PB PR bias relu
//
// and writes one JSON object per line: medians of --reps runs in ms. Grouped
// layers other than depthwise have no ovc microkernel; their ovc time is
// left out.
//
//===----------------------------------------------------------------------===//

#include "ovc_runtime.h"
#include "targets/cpu/ukernels/ukernels.h"
extern "C" {
#include "thread_pool.h"
}

#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Layer {
  std::string name;
  int64_t n, c, h, w, oc, groups, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
  int bias, relu;
  int64_t oh() const { return (h + pt + pb - dh * (kh - 1) - 1) / sh + 1; }
  int64_t ow() const { return (w + pl + pr - dw * (kw - 1) - 1) / sw + 1; }
};

// ovc_conv2d_f32_*: input, filter, bias, residual, output, params.
using ConvKernel = void (*)(const float *, const float *, const float *,
                            const float *, float *, const float *);
// ovc_depthwise_conv2d_f32_*: input, filter, bias, output, params.
using Kernel = void (*)(const float *, const float *, const float *, float *,
                        const float *);

struct Family {
  const char *name;
  ConvKernel kernel;
  Kernel depthwise;
  int64_t block;
  ConvKernel winograd;
  int64_t winogradVectors;
};

double medianMs(int reps, const std::function<void()> &body) {
  body(); // warm caches and pages
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    body();
    auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  return ms[ms.size() / 2];
}

// ovc: the packed filter [ceil(OC/B), C, KH, KW, B] the compiler writes, the
// padded input the generated code materializes, then the microkernel.
double timeOvc(const Layer &l, const Family &family, int reps,
               const std::vector<float> &input,
               const std::vector<float> &filter,
               const std::vector<float> &bias) {
  // Depthwise layers read the filter as it is, [C, KH, KW]; the Winograd
  // kernel its transform, [ceil(OC/R), 16, C, R].
  const bool depthwise = l.groups > 1;
  const bool winograd =
      !depthwise && ovc_conv2d_winograd_takes(
                        l.kh, l.kw, l.sh, l.sw, l.dh, l.dw, l.c, l.oc, l.oh(),
                        l.ow(), family.block / 2, family.winogradVectors);
  const int64_t B = depthwise  ? 1
                    : winograd ? OVC_CONV2D_WINOGRAD_BLOCK
                               : family.block;
  const int64_t blocks = (l.oc + B - 1) / B;
  // 16 transformed points per 3x3 window.
  const int64_t window = winograd ? 16 : l.kh * l.kw;
  std::vector<float> packed(blocks * l.c * window * B, 0.0f);
  if (depthwise)
    packed = filter;
  else if (winograd)
    ovc_conv2d_winograd_pack(filter.data(), l.oc, l.c, packed.data());
  else
    for (int64_t o = 0; o < l.oc; ++o)
      for (int64_t i = 0; i < l.c * l.kh * l.kw; ++i)
        packed[((o / B) * l.c * l.kh * l.kw + i) * B + o % B] =
            filter[o * l.c * l.kh * l.kw + i];
  std::vector<float> paddedBias(blocks * B, 0.0f);
  std::copy(bias.begin(), bias.end(), paddedBias.begin());

  // The convolution kernel reads a zero-padded copy of the input, but for
  // the stems it computes from phase rows; those and the depthwise kernel
  // supply the padding themselves (as the compiler decides).
  const bool padsInKernel =
      depthwise ||
      ovc_conv2d_from_phase_rows(l.c, l.kh, l.kw, l.sw, l.dw, l.ow(), l.oc,
                                 family.block) ||
      ovc_conv2d_pads_privately(l.n, l.c, l.h + l.pt + l.pb, l.w + l.pl + l.pr,
                                l.kh, l.kw);
  const bool pads = !padsInKernel && (l.pt || l.pb || l.pl || l.pr);
  const int64_t ph = pads ? l.h + l.pt + l.pb : l.h;
  const int64_t pw = pads ? l.w + l.pl + l.pr : l.w;
  std::vector<float> padded(pads ? l.n * l.c * ph * pw : 0);
  std::vector<float> output(l.n * l.oc * l.oh() * l.ow());
  float params[OVC_CONV2D_NUM_PARAMS] = {};
  params[OVC_CONV2D_N] = l.n;
  params[OVC_CONV2D_C] = l.c;
  params[OVC_CONV2D_H] = ph;
  params[OVC_CONV2D_W] = pw;
  params[OVC_CONV2D_OC] = l.oc;
  params[OVC_CONV2D_OH] = l.oh();
  params[OVC_CONV2D_OW] = l.ow();
  params[OVC_CONV2D_KH] = l.kh;
  params[OVC_CONV2D_KW] = l.kw;
  params[OVC_CONV2D_SH] = l.sh;
  params[OVC_CONV2D_SW] = l.sw;
  params[OVC_CONV2D_DH] = l.dh;
  params[OVC_CONV2D_DW] = l.dw;
  params[OVC_CONV2D_HAS_BIAS] = l.bias;
  params[OVC_CONV2D_HAS_MIN] = l.relu;
  params[OVC_CONV2D_MIN] = 0.0f;
  if (padsInKernel) {
    params[OVC_CONV2D_PAD_TOP] = l.pt;
    params[OVC_CONV2D_PAD_LEFT] = l.pl;
    params[OVC_CONV2D_PAD_BOTTOM] = l.pb;
    params[OVC_CONV2D_PAD_RIGHT] = l.pr;
  }
  return medianMs(reps, [&] {
    const float *in = input.data();
    if (pads) {
      std::fill(padded.begin(), padded.end(), 0.0f);
      for (int64_t plane = 0; plane < l.n * l.c; ++plane)
        for (int64_t y = 0; y < l.h; ++y)
          std::memcpy(&padded[(plane * ph + y + l.pt) * pw + l.pl],
                      &input[(plane * l.h + y) * l.w], l.w * sizeof(float));
      in = padded.data();
    }
    if (depthwise)
      family.depthwise(in, packed.data(), paddedBias.data(), output.data(),
                       params);
    else // no residual: any valid pointer
      (winograd ? family.winograd
                : family.kernel)(in, packed.data(), paddedBias.data(),
                                 packed.data(), output.data(), params);
  });
}

double timeOneDnn(const Layer &l, int reps, const std::vector<float> &input,
                  const std::vector<float> &filter,
                  const std::vector<float> &bias, std::string &impl) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  memory::dims src = {l.n, l.c, l.h, l.w}, dst = {l.n, l.oc, l.oh(), l.ow()};
  memory::dims wei = l.groups == 1 ? memory::dims{l.oc, l.c, l.kh, l.kw}
                                   : memory::dims{l.groups, l.oc / l.groups,
                                                  l.c / l.groups, l.kh, l.kw};
  auto any = [](const memory::dims &d) {
    return memory::desc(d, dt::f32, tag::any);
  };
  memory::desc biasMd({l.oc}, dt::f32, tag::x);
  // oneDNN counts dilation from 0.
  convolution_forward::desc desc(
      prop_kind::forward_inference, algorithm::convolution_direct, any(src),
      any(wei), l.bias ? biasMd : memory::desc(), any(dst), {l.sh, l.sw},
      {l.dh - 1, l.dw - 1}, {l.pt, l.pl}, {l.pb, l.pr});
  primitive_attr attr;
  if (l.relu) {
    post_ops ops;
    ops.append_eltwise(1.0f, algorithm::eltwise_relu, 0.0f, 0.0f);
    attr.set_post_ops(ops);
  }
  convolution_forward::primitive_desc pd(desc, attr, eng);
  impl = pd.impl_info_str();

  // Activations stay in the layout oneDNN chose, across layers, so only the
  // primitive is timed; the user's NCHW data is reordered once, up front.
  auto fromUser = [&](const std::vector<float> &data, const memory::dims &d,
                      tag t, const memory::desc &want) {
    memory user({d, dt::f32, t}, eng, const_cast<float *>(data.data()));
    memory mem(want, eng);
    reorder(user, mem).execute(strm, user, mem);
    return mem;
  };
  memory srcMem = fromUser(input, src, tag::nchw, pd.src_desc());
  memory weiMem = fromUser(filter, wei, l.groups == 1 ? tag::oihw : tag::goihw,
                           pd.weights_desc());
  memory dstMem(pd.dst_desc(), eng);
  memory biasMem(biasMd, eng, const_cast<float *>(bias.data()));
  strm.wait();
  convolution_forward conv(pd);
  std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, srcMem},
                                          {DNNL_ARG_WEIGHTS, weiMem},
                                          {DNNL_ARG_DST, dstMem}};
  if (l.bias)
    args[DNNL_ARG_BIAS] = biasMem;
  return medianMs(reps, [&] {
    conv.execute(strm, args);
    strm.wait();
  });
}

std::string jsonEscape(const std::string &s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"' || ch == '\\')
      out += '\\';
    out += ch;
  }
  return out;
}

} // namespace

int main(int argc, char **argv) {
  // "host": the family ovc's -target=host links, as the models that the
  // "ms" column times in place run it.
  std::string familyName = "host";
  int threads = 1, reps = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--family")
      familyName = argv[i + 1];
    else if (flag == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (flag == "--reps")
      reps = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr,
                   "usage: %s [--family host|sse41|avx2|avx512] "
                   "[--threads N] [--reps N] < layers\n",
                   argv[0]);
      return 2;
    }
  }
  const Family families[] = {
      {"sse41", ovc_conv2d_f32_sse41, ovc_depthwise_conv2d_f32_sse41,
       OVC_CONV2D_BLOCK_SSE41, ovc_conv2d_winograd_f32_sse41,
       OVC_CONV2D_WINOGRAD_VECTORS_SSE41},
      {"avx2", ovc_conv2d_f32_avx2, ovc_depthwise_conv2d_f32_avx2,
       OVC_CONV2D_BLOCK_AVX2, ovc_conv2d_winograd_f32_avx2,
       OVC_CONV2D_WINOGRAD_VECTORS_AVX2},
      {"avx512", ovc_conv2d_f32_avx512, ovc_depthwise_conv2d_f32_avx512,
       OVC_CONV2D_BLOCK_AVX512, ovc_conv2d_winograd_f32_avx512,
       OVC_CONV2D_WINOGRAD_VECTORS_AVX512}};
  if (familyName == "host") {
    // The runtime's own check (CPUID and the OS-enabled state), as the
    // compiled models run it.
    char message[256];
    familyName = ovc_check_cpu("avx512_core", message, sizeof message) == OVC_OK
                     ? "avx512"
                 : ovc_check_cpu("avx2", message, sizeof message) == OVC_OK
                     ? "avx2"
                     : "sse41";
  }
  const Family *family = nullptr;
  for (const Family &f : families)
    if (familyName == f.name)
      family = &f;
  if (!family || threads < 1 || reps < 1) {
    std::fprintf(stderr, "error: bad --family, --threads or --reps\n");
    return 2;
  }
  omp_set_num_threads(threads);
  ovc_thread_pool *pool = ovc_thread_pool_create(threads);
  ovc_thread_pool_enter(pool);

  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream fields(line);
    Layer l;
    if (!(fields >> l.name >> l.n >> l.c >> l.h >> l.w >> l.oc >> l.groups >>
          l.kh >> l.kw >> l.sh >> l.sw >> l.dh >> l.dw >> l.pt >> l.pl >>
          l.pb >> l.pr >> l.bias >> l.relu)) {
      if (!line.empty())
        std::fprintf(stderr, "error: cannot read layer line '%s'\n",
                     line.c_str());
      continue;
    }
    std::vector<float> input(l.n * l.c * l.h * l.w);
    std::vector<float> filter(l.oc * (l.c / l.groups) * l.kh * l.kw);
    std::vector<float> bias(l.oc);
    for (auto *v : {&input, &filter, &bias})
      for (float &x : *v)
        x = dist(rng);
    std::string impl;
    double dnnlMs = timeOneDnn(l, reps, input, filter, bias, impl);
    std::printf("{\"layer\": \"%s\", \"threads\": %d, \"family\": \"%s\", ",
                jsonEscape(l.name).c_str(), threads, family->name);
    // ovc has kernels for plain and depthwise convolutions.
    if (l.groups == 1 || (l.groups == l.c && l.groups == l.oc))
      std::printf("\"ovc_ms\": %.4f, ",
                  timeOvc(l, *family, reps, input, filter, bias));
    std::printf("\"onednn_ms\": %.4f, \"onednn_impl\": \"%s\"}\n", dnnlMs,
                jsonEscape(impl).c_str());
    std::fflush(stdout);
  }
  ovc_thread_pool_enter(nullptr);
  ovc_thread_pool_destroy(pool);
  return 0;
}
