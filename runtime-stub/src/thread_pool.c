/*===- thread_pool.c - the runtime's fork-join worker pool ----------------===*
 *
 * Fork-join over contiguous chunks with an owner per chunk: each
 * parallel_for is split into at most kChunksPerThread * `nthreads` ranges of
 * at least `grain` iterations, and thread t first runs the t-th share of
 * them in order, then takes chunks from the far end of the other threads'
 * shares. The same part of a layer then runs on the same core from one
 * inference to the next, where its output lines already are: on CPUs whose
 * cores sit on different dies, a line written by the other core costs a
 * cross-die transfer (about 0.25 us here), and with chunks handed out first
 * come, first served, half of every output moved each inference. Stealing
 * keeps the balance when a thread is slowed (a shared core).
 *
 * The caller waits for the chunks, not for the workers: a worker that wakes
 * late finds nothing left and does not hold the inference up. Workers spin
 * for kSpinNanoseconds on a generation counter before they sleep, so that
 * back-to-back layers, and layers after a short serial one, start without a
 * futex round trip (waking a sleeping vCPU took 50 us and more); the
 * counters the caller and the workers both write sit on lines of their own.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "thread_pool.h"
#include "kernel_failure.h"

#include <pthread.h>
#include <sched.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum {
  kChunksPerThread = 4,
  /* A share is a 16-bit chunk range (see packRange). */
  kMaxThreads = 1024,
  kLine = 64,
};
static const int64_t kSpinNanoseconds = 2000000;

typedef struct job {
  ovc_parallel_fn fn;
  void *context;
  int64_t total;
  int32_t chunks;
  /* The outcome of the inference the job is part of (see
   * ovc_kernel_failed), or NULL. */
  int *outcome;
} job;

/* One thread's share of the current job's chunks: [next, end) and the
 * job's generation, in one word so that the owner (from the front) and the
 * thieves (from the back) claim with one compare-and-swap, and a thread
 * still holding an earlier job's generation claims nothing. */
typedef struct share {
  alignas(kLine) atomic_uint_fast64_t range;
} share;

struct ovc_thread_pool {
  int32_t nthreads;
  pthread_t *workers;
  share *shares;
  /* Written by the caller once per job: the job, then its generation,
   * which the workers poll. Jobs alternate between two slots, so that a
   * worker still reading the previous job never reads a half-written one. */
  alignas(kLine) job jobs[2];
  atomic_uint_fast64_t generation;
  /* Chunks of the current job finished, added once per thread and job. */
  alignas(kLine) atomic_int finished;
  atomic_bool caller_sleeps;
  alignas(kLine) atomic_int sleepers;
  atomic_bool stopping;
  pthread_mutex_t mutex;
  pthread_cond_t wake;
  pthread_cond_t done;
};

static _Thread_local ovc_thread_pool *current_pool;
/* The outcome of the inference this thread computes a part of: set by
 * ovc_run on its thread, and by each job on the workers that run its
 * chunks. */
static _Thread_local int *current_outcome;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Called between rounds of spinning: every 16th round (some 20 us), gives
 * the CPU to another thread that is ready to run on it. A spinning thread
 * that the scheduler placed on the CPU of the thread it waits for (new
 * threads start where their parent runs) otherwise held it for whole time
 * slices. */
static void yieldNow(int round) {
  if (round % 16 == 0)
    sched_yield();
}

static uint64_t packRange(uint32_t generation, int32_t next, int32_t end) {
  return (uint64_t)generation << 32 | (uint64_t)(uint16_t)end << 16 |
         (uint16_t)next;
}

/* Claims a chunk of `s` for `generation`: its first (the owner) or its last
 * (a thief); -1 when none is left. */
static int32_t claim(share *s, uint32_t generation, bool fromFront) {
  uint64_t range = atomic_load_explicit(&s->range, memory_order_relaxed);
  for (;;) {
    if ((uint32_t)(range >> 32) != generation)
      return -1;
    int32_t next = (int32_t)(range & 0xffff);
    int32_t end = (int32_t)(range >> 16 & 0xffff);
    if (next >= end)
      return -1;
    uint64_t claimed = fromFront ? packRange(generation, next + 1, end)
                                 : packRange(generation, next, end - 1);
    if (atomic_compare_exchange_weak(&s->range, &range, claimed))
      return fromFront ? next : end - 1;
  }
}

static void run_chunk(const job *work, int32_t chunk) {
  int64_t begin = work->total * chunk / work->chunks;
  int64_t end = work->total * (chunk + 1) / work->chunks;
  if (begin >= end)
    return;
  int *previous = current_outcome;
  current_outcome = work->outcome;
  work->fn(work->context, begin, end);
  current_outcome = previous;
}

/* Runs thread `self`'s share of job `generation`, then what it can take
 * from the others'; reports the chunks it ran. */
static void run_job(ovc_thread_pool *pool, const job *work, int32_t self,
                    uint32_t generation) {
  int32_t ran = 0, chunk;
  while ((chunk = claim(&pool->shares[self], generation, true)) >= 0) {
    run_chunk(work, chunk);
    ++ran;
  }
  for (int32_t i = 1; i < pool->nthreads; ++i) {
    share *victim = &pool->shares[(self + i) % pool->nthreads];
    while ((chunk = claim(victim, generation, false)) >= 0) {
      run_chunk(work, chunk);
      ++ran;
    }
  }
  if (ran == 0)
    return;
  /* Read while the job cannot end: once the chunks are reported, the
   * caller may go on and reuse the slot. */
  const int32_t chunks = work->chunks;
  if (atomic_fetch_add(&pool->finished, ran) + ran == chunks &&
      atomic_load(&pool->caller_sleeps)) {
    pthread_mutex_lock(&pool->mutex);
    pthread_cond_signal(&pool->done);
    pthread_mutex_unlock(&pool->mutex);
  }
}

/* Waits for a generation other than `seen`: spins, then sleeps until woken
 * (by a job, ovc_thread_pool_wake or stopping), then spins again. */
static uint64_t await_job(ovc_thread_pool *pool, uint64_t seen) {
  for (;;) {
    int64_t deadline = now_ns() + kSpinNanoseconds;
    for (int round = 1;; ++round) {
      for (int spin = 0; spin < 64; ++spin) {
        uint64_t generation =
            atomic_load_explicit(&pool->generation, memory_order_acquire);
        if (generation != seen || atomic_load(&pool->stopping))
          return generation;
        __builtin_ia32_pause();
      }
      if (now_ns() >= deadline)
        break;
      yieldNow(round);
    }
    pthread_mutex_lock(&pool->mutex);
    /* Announced before the generation is checked again; the caller bumps
     * the generation before it reads `sleepers` (both sequentially
     * consistent), so one of the two sees the other. */
    atomic_fetch_add(&pool->sleepers, 1);
    if (atomic_load(&pool->generation) == seen && !atomic_load(&pool->stopping))
      pthread_cond_wait(&pool->wake, &pool->mutex);
    atomic_fetch_sub(&pool->sleepers, 1);
    pthread_mutex_unlock(&pool->mutex);
  }
}

typedef struct worker_start {
  ovc_thread_pool *pool;
  int32_t index;
} worker_start;

static void *worker_main(void *arg) {
  /* The pool is fully initialized before any worker starts. */
  worker_start start = *(worker_start *)arg;
  free(arg);
  ovc_thread_pool *pool = start.pool;
  /* Nested parallel loops inside a chunk run serially. */
  current_pool = NULL;
  uint64_t seen = 0;
  for (;;) {
    uint64_t generation = await_job(pool, seen);
    if (atomic_load(&pool->stopping))
      return NULL;
    seen = generation;
    run_job(pool, &pool->jobs[generation & 1], start.index,
            (uint32_t)generation);
  }
}

int32_t ovc_available_cpus(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0)
      return count;
  }
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? (int32_t)online : 1;
}

ovc_thread_pool *ovc_thread_pool_create(int32_t nthreads) {
  if (nthreads < 1)
    nthreads = 1;
  if (nthreads > kMaxThreads)
    nthreads = kMaxThreads;
  ovc_thread_pool *pool = aligned_alloc(kLine, sizeof(ovc_thread_pool));
  if (!pool)
    return NULL;
  *pool = (ovc_thread_pool){.nthreads = nthreads};
  pthread_mutex_init(&pool->mutex, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pthread_cond_init(&pool->done, NULL);
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->finished, 0);
  atomic_init(&pool->caller_sleeps, false);
  atomic_init(&pool->sleepers, 0);
  atomic_init(&pool->stopping, false);
  if (nthreads == 1)
    return pool;
  pool->shares = aligned_alloc(kLine, sizeof(share) * (size_t)nthreads);
  pool->workers = calloc((size_t)nthreads - 1, sizeof(pthread_t));
  if (!pool->shares || !pool->workers) {
    pool->nthreads = 1; /* no workers to stop */
    ovc_thread_pool_destroy(pool);
    return NULL;
  }
  for (int32_t i = 0; i < nthreads; ++i)
    atomic_init(&pool->shares[i].range, 0);
  for (int32_t i = 0; i < nthreads - 1; ++i) {
    worker_start *start = malloc(sizeof(*start));
    if (start)
      *start = (worker_start){pool, i + 1};
    if (!start || pthread_create(&pool->workers[i], NULL, worker_main, start)) {
      free(start);
      pool->nthreads = i + 1; /* the workers started so far */
      ovc_thread_pool_destroy(pool);
      return NULL;
    }
  }
  return pool;
}

void ovc_thread_pool_destroy(ovc_thread_pool *pool) {
  if (!pool)
    return;
  if (pool->workers) {
    pthread_mutex_lock(&pool->mutex);
    atomic_store(&pool->stopping, true);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->mutex);
    for (int32_t i = 0; i < pool->nthreads - 1; ++i)
      pthread_join(pool->workers[i], NULL);
  }
  free(pool->workers);
  free(pool->shares);
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->mutex);
  free(pool);
}

int32_t ovc_thread_pool_size(const ovc_thread_pool *pool) {
  return pool ? pool->nthreads : 1;
}

void ovc_thread_pool_wake(ovc_thread_pool *pool) {
  if (pool && pool->workers && atomic_load(&pool->sleepers)) {
    pthread_mutex_lock(&pool->mutex);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->mutex);
  }
}

ovc_thread_pool *ovc_thread_pool_enter(ovc_thread_pool *pool) {
  ovc_thread_pool *previous = current_pool;
  current_pool = pool;
  return previous;
}

int32_t ovc_parallel_threads(void) {
  return current_pool ? current_pool->nthreads : 1;
}

void ovc_parallel_for(int64_t total, int64_t grain, ovc_parallel_fn fn,
                      void *context) {
  if (total <= 0)
    return;
  if (grain < 1)
    grain = 1;
  ovc_thread_pool *pool = current_pool;
  int64_t chunks = (total + grain - 1) / grain;
  if (!pool || pool->nthreads == 1 || chunks <= 1) {
    fn(context, 0, total);
    return;
  }
  /* A few chunks per thread (each still at least `grain` long) balance
   * threads that run at different speeds. */
  const int32_t nthreads = pool->nthreads;
  if (chunks > kChunksPerThread * (int64_t)nthreads)
    chunks = kChunksPerThread * (int64_t)nthreads;
  /* Every thread's share the same size: 3 chunks on 2 threads gave one
   * thread twice the other's work, and split a layer's channels where the
   * layer before split them in halves, so that a sixth of its input came
   * from the other core (a max pool after a conv ran slower on 2 threads
   * than on 1). Chunks a little under `grain` cost less than that. */
  chunks = (chunks + nthreads - 1) / nthreads * nthreads;
  if (chunks > total)
    chunks = total;
  uint64_t generation = atomic_load(&pool->generation) + 1;
  job *work = &pool->jobs[generation & 1];
  *work = (job){fn, context, total, (int32_t)chunks, current_outcome};
  for (int32_t t = 0; t < nthreads; ++t)
    atomic_store_explicit(&pool->shares[t].range,
                          packRange((uint32_t)generation,
                                    (int32_t)(chunks * t / nthreads),
                                    (int32_t)(chunks * (t + 1) / nthreads)),
                          memory_order_relaxed);
  atomic_store_explicit(&pool->finished, 0, memory_order_relaxed);
  atomic_store(&pool->generation, generation);
  ovc_thread_pool_wake(pool);
  current_pool = NULL;
  run_job(pool, work, 0, (uint32_t)generation);
  current_pool = pool;
  /* Spin first: chunks are sized to finish together. */
  int64_t deadline = now_ns() + kSpinNanoseconds;
  for (int round = 1; atomic_load(&pool->finished) != chunks; ++round) {
    for (int spin = 0; spin < 64 && atomic_load(&pool->finished) != chunks;
         ++spin)
      __builtin_ia32_pause();
    if (now_ns() < deadline) {
      yieldNow(round);
      continue;
    }
    pthread_mutex_lock(&pool->mutex);
    atomic_store(&pool->caller_sleeps, true);
    while (atomic_load(&pool->finished) != chunks)
      pthread_cond_wait(&pool->done, &pool->mutex);
    atomic_store(&pool->caller_sleeps, false);
    pthread_mutex_unlock(&pool->mutex);
  }
}

int *ovc_thread_pool_outcome(int *outcome) {
  int *previous = current_outcome;
  current_outcome = outcome;
  return previous;
}

void ovc_kernel_failed(ovc_status status, const char *what) {
  if (!current_outcome) {
    fprintf(stderr, "ovc: %s\n", what);
    abort();
  }
  /* The first failure wins; the caller reads the outcome after the join,
   * which orders these stores before its read. */
  int expected = OVC_OK;
  __atomic_compare_exchange_n(current_outcome, &expected, (int)status, false,
                              __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}
