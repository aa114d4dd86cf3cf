/*===- thread_pool.h - the runtime's fork-join worker pool ----------------===*
 *
 * One pool per model instance: `nthreads - 1` workers plus the calling
 * thread. Kernels split their iteration space with ovc_parallel_for, which
 * uses the pool of the inference running on the calling thread.
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_RUNTIME_THREAD_POOL_H
#define OVC_RUNTIME_THREAD_POOL_H

#include "ovc_runtime.h"

typedef struct ovc_thread_pool ovc_thread_pool;

/* Starts `nthreads - 1` workers; NULL when a thread cannot be created. */
ovc_thread_pool *ovc_thread_pool_create(int32_t nthreads);
void ovc_thread_pool_destroy(ovc_thread_pool *pool);
int32_t ovc_thread_pool_size(const ovc_thread_pool *pool);

/* Wakes the workers that sleep (after a while without jobs), so that they
 * spin again when the next jobs come; nothing when none sleeps or `pool` is
 * NULL. Each job calls it, and an inference first, so that its first
 * layers run while they wake. */
void ovc_thread_pool_wake(ovc_thread_pool *pool);

/* Makes `pool` the one ovc_parallel_for uses on this thread (NULL: run
 * serially); returns the previous one. */
ovc_thread_pool *ovc_thread_pool_enter(ovc_thread_pool *pool);

/* Makes `*outcome` (an ovc_status, OVC_OK until a kernel fails, see
 * kernel_failure.h) the outcome of what this thread runs next, which the
 * jobs it starts carry to the threads that run their chunks (NULL: none);
 * returns the previous one. Read it once the work is done. */
int *ovc_thread_pool_outcome(int *outcome);

/* Number of CPUs this process may run on. */
int32_t ovc_available_cpus(void);

#endif /* OVC_RUNTIME_THREAD_POOL_H */
