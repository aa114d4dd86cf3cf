/*===- kernel_failure.h - kernels that cannot finish their part ------------===*
 *
 * A kernel has no error path: it computes into the buffers it is given.
 * Where it cannot (the memory for a per-thread buffer is not there), it
 * reports so here and leaves its part undone; ovc_run then returns the
 * status instead of OVC_OK, and the outputs are not to be used. Defined in
 * thread_pool.c, which knows which inference each thread works for.
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_RUNTIME_KERNEL_FAILURE_H
#define OVC_RUNTIME_KERNEL_FAILURE_H

#include "ovc_runtime.h"

/* Records `status` as the outcome of the inference this thread computes a
 * part of (the first failure is kept). A kernel called outside ovc_run has
 * no outcome to record: the process ends, with `what` on stderr. */
void ovc_kernel_failed(ovc_status status, const char *what);

#endif /* OVC_RUNTIME_KERNEL_FAILURE_H */
