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

__attribute__((target("avx2,fma"))) static void *spin(void *out) {
  __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(1e-7f);
  /* Twelve named accumulators: the compiler keeps each in a register. */
  __m256 c0 = _mm256_set1_ps(0), c1 = _mm256_set1_ps(1), c2 = _mm256_set1_ps(2);
  __m256 c3 = _mm256_set1_ps(3), c4 = _mm256_set1_ps(4), c5 = _mm256_set1_ps(5);
  __m256 c6 = _mm256_set1_ps(6), c7 = _mm256_set1_ps(7), c8 = _mm256_set1_ps(8);
  __m256 c9 = _mm256_set1_ps(9), c10 = _mm256_set1_ps(10), c11 = _mm256_set1_ps(11);
  for (long n = 0; n < kIterations; ++n) {
    c0 = _mm256_fmadd_ps(c0, a, b);
    c1 = _mm256_fmadd_ps(c1, a, b);
    c2 = _mm256_fmadd_ps(c2, a, b);
    c3 = _mm256_fmadd_ps(c3, a, b);
    c4 = _mm256_fmadd_ps(c4, a, b);
    c5 = _mm256_fmadd_ps(c5, a, b);
    c6 = _mm256_fmadd_ps(c6, a, b);
    c7 = _mm256_fmadd_ps(c7, a, b);
    c8 = _mm256_fmadd_ps(c8, a, b);
    c9 = _mm256_fmadd_ps(c9, a, b);
    c10 = _mm256_fmadd_ps(c10, a, b);
    c11 = _mm256_fmadd_ps(c11, a, b);
  }
  __m256 sum = _mm256_add_ps(
      _mm256_add_ps(_mm256_add_ps(c0, c1), _mm256_add_ps(c2, c3)),
      _mm256_add_ps(_mm256_add_ps(c4, c5), _mm256_add_ps(c6, c7)));
  sum = _mm256_add_ps(sum, _mm256_add_ps(_mm256_add_ps(c8, c9),
                                         _mm256_add_ps(c10, c11)));
  float lanes[8];
  _mm256_storeu_ps(lanes, sum);
  *(float *)out = lanes[0]; /* keep the work observable */
  return NULL;
}

/* The same with 512-bit vectors: on CPUs with two 512-bit FMA units
 * (Intel's server cores) twice the AVX2 figure, on Zen 4 (two 256-bit
 * halves) the same. */
__attribute__((target("avx512f"))) static void *spin512(void *out) {
  __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(1e-7f);
  __m512 c[12];
#pragma GCC unroll 12
  for (int i = 0; i < 12; ++i)
    c[i] = _mm512_set1_ps((float)i);
  for (long n = 0; n < kIterations; ++n) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; ++i)
      c[i] = _mm512_fmadd_ps(c[i], a, b);
  }
  __m512 sum = c[0];
#pragma GCC unroll 11
  for (int i = 1; i < 12; ++i)
    sum = _mm512_add_ps(sum, c[i]);
  *(float *)out = _mm512_reduce_add_ps(sum);
  return NULL;
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
