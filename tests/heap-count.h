/* heap-count.h — the bytes of live heap allocations in the whole process
 * (see heap-count.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes in live allocations of every library in the process. */
gsize    heap_count_in_use   (void);
/* FALSE where the allocations cannot be counted (neither glibc nor
 * AddressSanitizer): heap_count_in_use() then says 0. */
gboolean heap_count_is_exact (void);

G_END_DECLS
