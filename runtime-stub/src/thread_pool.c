/*===- thread_pool.c - the runtime's fork-join worker pool ----------------===*
 *
 * Fork-join with dynamic chunks: each parallel_for is split into at most
 * kChunksPerThread * `nthreads` contiguous ranges of at least `grain`
 * iterations, which the threads take in turn, so a small loop runs on fewer
 * threads (or only the caller) instead of paying for wake-ups it cannot
 * amortize, and a thread that runs slower (shared cores) takes fewer. Workers
 *spin briefly on a generation counter before sleeping on a condition variable:
 *back-to-back layers of one inference then start without a futex round trip.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "thread_pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

enum { kSpinIterations = 20000, kChunksPerThread = 4 };

typedef struct job {
  ovc_parallel_fn fn;
  void *context;
  int64_t total;
  int32_t chunks;
} job;

struct ovc_thread_pool {
  int32_t nthreads;
  pthread_t *workers;
  pthread_mutex_t mutex;
  pthread_cond_t wake;
  pthread_cond_t done;
  job current;
  /* Bumped for every job. */
  atomic_uint_fast64_t generation;
  /* The next chunk of the current job to run: every thread, the caller
   * included, takes chunks until none is left, so a thread slowed down (by
   * another process, or by a slower part of the work) does less of it. */
  atomic_int next_chunk;
  atomic_int pending;
  atomic_bool stopping;
};

static _Thread_local ovc_thread_pool *current_pool;

static void run_chunks(ovc_thread_pool *pool, const job *work) {
  for (;;) {
    int32_t chunk = atomic_fetch_add(&pool->next_chunk, 1);
    if (chunk >= work->chunks)
      return;
    int64_t begin = work->total * chunk / work->chunks;
    int64_t end = work->total * (chunk + 1) / work->chunks;
    if (begin < end)
      work->fn(work->context, begin, end);
  }
}

static void *worker_main(void *arg) {
  /* The pool is fully initialized before any worker starts. */
  ovc_thread_pool *pool = (ovc_thread_pool *)arg;
  uint64_t seen = 0;
  for (;;) {
    uint64_t generation = atomic_load(&pool->generation);
    for (int spin = 0; generation == seen && spin < kSpinIterations; ++spin) {
      __builtin_ia32_pause();
      generation = atomic_load(&pool->generation);
    }
    if (generation == seen) {
      pthread_mutex_lock(&pool->mutex);
      while ((generation = atomic_load(&pool->generation)) == seen &&
             !atomic_load(&pool->stopping))
        pthread_cond_wait(&pool->wake, &pool->mutex);
      pthread_mutex_unlock(&pool->mutex);
    }
    if (atomic_load(&pool->stopping))
      return NULL;
    seen = generation;
    job work = pool->current;
    /* Nested parallel loops inside a chunk run serially. */
    current_pool = NULL;
    run_chunks(pool, &work);
    if (atomic_fetch_sub(&pool->pending, 1) == 1) {
      pthread_mutex_lock(&pool->mutex);
      pthread_cond_signal(&pool->done);
      pthread_mutex_unlock(&pool->mutex);
    }
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
  ovc_thread_pool *pool = calloc(1, sizeof(*pool));
  if (!pool)
    return NULL;
  pool->nthreads = nthreads;
  pthread_mutex_init(&pool->mutex, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pthread_cond_init(&pool->done, NULL);
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->pending, 0);
  atomic_init(&pool->next_chunk, 0);
  atomic_init(&pool->stopping, false);
  if (nthreads == 1)
    return pool;
  pool->workers = calloc((size_t)nthreads - 1, sizeof(pthread_t));
  if (!pool->workers) {
    ovc_thread_pool_destroy(pool);
    return NULL;
  }
  for (int32_t i = 0; i < nthreads - 1; ++i) {
    if (pthread_create(&pool->workers[i], NULL, worker_main, pool)) {
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
    free(pool->workers);
  }
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->mutex);
  free(pool);
}

int32_t ovc_thread_pool_size(const ovc_thread_pool *pool) {
  return pool ? pool->nthreads : 1;
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
  if (chunks > kChunksPerThread * (int64_t)pool->nthreads)
    chunks = kChunksPerThread * (int64_t)pool->nthreads;
  pool->current = (job){fn, context, total, (int32_t)chunks};
  atomic_store(&pool->next_chunk, 0);
  atomic_store(&pool->pending, pool->nthreads - 1);
  pthread_mutex_lock(&pool->mutex);
  atomic_fetch_add(&pool->generation, 1);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->mutex);
  current_pool = NULL;
  run_chunks(pool, &pool->current);
  current_pool = pool;
  /* Spin first: chunks are sized to finish together. */
  for (int spin = 0; atomic_load(&pool->pending) && spin < kSpinIterations;
       ++spin)
    __builtin_ia32_pause();
  if (atomic_load(&pool->pending)) {
    pthread_mutex_lock(&pool->mutex);
    while (atomic_load(&pool->pending))
      pthread_cond_wait(&pool->done, &pool->mutex);
    pthread_mutex_unlock(&pool->mutex);
  }
}
