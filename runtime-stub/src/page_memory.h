/*===- page_memory.h - large buffers on transparent huge pages ------------===*
 *
 * The first write to a fresh page of anonymous memory is a page fault. On
 * the virtual machines we measure on (KVM guests), faults are expensive: a
 * first write to 8 MiB of 4 KiB pages took 20-22 ms, to the same 8 MiB on
 * 2 MiB pages 0.7-0.9 ms (a steady write 0.2-0.3 ms). A process that
 * starts, reads its inputs, runs once and exits pays that for each buffer
 * it writes: face-detection-retail's first result spent a third of its
 * CPU time in page faults of its padding scratch and its input.
 *
 * ovc_alloc_pages gives the buffers that the stub and the kernels fill
 * whole (activation arenas, inputs and outputs, per-thread padded copies)
 * huge-page alignment and advice, where the system enables transparent
 * huge pages on request.
 *
 *===----------------------------------------------------------------------===*/

#ifndef OVC_RUNTIME_PAGE_MEMORY_H
#define OVC_RUNTIME_PAGE_MEMORY_H

#include <stddef.h>

/* Buffers of at least this many bytes go on huge pages; smaller ones are
 * 64-byte aligned heap blocks (a 128 KiB buffer is 32 faults, about
 * 0.35 ms, against 2 MiB of memory for one huge page). */
#define OVC_HUGE_PAGE_MIN_BYTES (128u << 10)

/* At least `bytes` (0 taken as 1) of memory aligned to 64 bytes, to be
 * released with free(); NULL when there is not enough. From
 * OVC_HUGE_PAGE_MIN_BYTES on, the block is rounded up to whole 2 MiB huge
 * pages, aligned to one and offered to transparent huge pages. `*usable`
 * (where not NULL) receives the size the caller may use, `bytes` rounded
 * up. */
void *ovc_alloc_pages(size_t bytes, size_t *usable);

#endif /* OVC_RUNTIME_PAGE_MEMORY_H */
