/* FMA peak probe: single-precision FLOP/s of this machine's vector FMA
 * units, per thread, with 12 independent accumulators (enough to hide the
 * FMA latency on every x86 core since Haswell), with AVX2 and, where the
 * CPU has it, AVX-512. Prints one JSON line: "gflops" is the faster ISA's.
 *
 *   fma_peak [threads]
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { kIterations = 200000000 / 12 };

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* 12 independent accumulators, each its own register (the loops are
 * unrolled), of `vector` type. */
#define SPIN_BODY(vector, set1, fmadd, add, reduce)                            \
  vector a = set1(0.999f), b = set1(1e-7f), c[12];                             \
  _Pragma("GCC unroll 12") for (int i = 0; i < 12; ++i) c[i] = set1((float)i); \
  for (long n = 0; n < kIterations; ++n) {                                     \
    _Pragma("GCC unroll 12") for (int i = 0; i < 12; ++i) c[i] =               \
        fmadd(c[i], a, b);                                                     \
  }                                                                            \
  vector sum = c[0];                                                           \
  _Pragma("GCC unroll 11") for (int i = 1; i < 12; ++i) sum = add(sum, c[i]);  \
  *(float *)out = reduce(sum); /* keep the work observable */                  \
  return NULL;

__attribute__((target("avx2,fma"))) static float sum256(__m256 v) {
  float lanes[8];
  _mm256_storeu_ps(lanes, v);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] +
         lanes[6] + lanes[7];
}

__attribute__((target("avx2,fma"))) static void *spin(void *out) {
  SPIN_BODY(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, sum256)
}

/* The same with 512-bit vectors: on CPUs with two 512-bit FMA units
 * (Intel's server cores) twice the AVX2 figure, on Zen 4 (two 256-bit
 * halves) the same. */
__attribute__((target("avx512f"))) static void *spin512(void *out) {
  SPIN_BODY(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps,
            _mm512_reduce_add_ps)
}

/* The best of 3 rounds of `threads` threads running `spin`, in GFLOP/s:
 * 12 FMAs of `lanes` lanes, 2 FLOP each, per iteration per thread. */
static double measure(void *(*spin)(void *), int lanes, int threads,
                      float *sinks) {
  pthread_t ids[256];
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    double t0 = now();
    for (int t = 0; t < threads; ++t)
      pthread_create(&ids[t], NULL, spin, &sinks[t]);
    for (int t = 0; t < threads; ++t)
      pthread_join(ids[t], NULL);
    double seconds = now() - t0;
    double gflops = 12.0 * lanes * 2 * kIterations * threads / seconds / 1e9;
    if (gflops > best)
      best = gflops;
  }
  return best;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  if (threads < 1 || threads > 256) {
    fprintf(stderr, "error: threads must be 1..256\n");
    return 1;
  }
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    fprintf(stderr,
            "error: this probe measures AVX2 FMA, which this CPU lacks\n");
    return 1;
  }
  float sinks[256];
  double avx2 = measure(spin, 8, threads, sinks), avx512 = 0;
  if (__builtin_cpu_supports("avx512f"))
    avx512 = measure(spin512, 16, threads, sinks);
  /* The peak is that of the wider vectors where they are faster, as ovc's
   * host build then runs AVX-512 kernels. */
  int wide = avx512 > 1.05 * avx2;
  printf("{\"threads\": %d, \"gflops\": %.2f, \"isa\": \"%s\", "
         "\"gflops_avx2\": %.2f, \"gflops_avx512\": %.2f, \"sink\": %g}\n",
         threads, wide ? avx512 : avx2, wide ? "avx512" : "avx2", avx2, avx512,
         (double)sinks[0]);
  return 0;
}
