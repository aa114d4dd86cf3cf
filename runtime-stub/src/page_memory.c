/*===- page_memory.c - large buffers on transparent huge pages ------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "page_memory.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

enum { kLine = 64, kHugePage = 2 << 20 };

void *ovc_alloc_pages(size_t bytes, size_t *usable) {
  const size_t granule =
      bytes >= OVC_HUGE_PAGE_MIN_BYTES ? (size_t)kHugePage : (size_t)kLine;
  if (bytes == 0)
    bytes = 1;
  if (bytes > SIZE_MAX - granule)
    return NULL;
  bytes = (bytes + granule - 1) / granule * granule;
  void *block = aligned_alloc(granule, bytes);
#ifdef MADV_HUGEPAGE
  /* Advice: where it fails (huge pages disabled), the block is ordinary
   * memory. */
  if (block && granule == kHugePage)
    madvise(block, bytes, MADV_HUGEPAGE);
#endif
  if (block && usable)
    *usable = bytes;
  return block;
}
