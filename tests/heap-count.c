/* heap-count.c — the bytes of live heap allocations in the whole process,
 * for tests that bound what a program holds rather than what the allocator
 * keeps resident (glibc keeps memory freed in a worker thread's arena, and
 * AddressSanitizer quarantines it, so the resident size says little).
 *
 * An executable linking this defines glibc's allocation functions, which
 * takes them over for every library in the process, and passes each call on
 * to glibc's own (__libc_*), counting the usable size of every block as it is
 * made and freed. Under AddressSanitizer, which takes the functions over
 * itself, its own count of allocated bytes is used instead. */
#include "config.h"

#include "heap-count.h"

#if defined(__SANITIZE_ADDRESS__)

/* In the sanitizer runtime; GCC ships no header that declares it. */
extern size_t __sanitizer_get_current_allocated_bytes (void);

gsize
heap_count_in_use (void)
{
  return __sanitizer_get_current_allocated_bytes ();
}

gboolean
heap_count_is_exact (void)
{
  return TRUE;
}

#elif defined(__GLIBC__)

#include <errno.h>
#include <malloc.h>
#include <stdint.h>

extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *ptr, size_t size);
extern void *__libc_memalign (size_t alignment, size_t size);
extern void *__libc_valloc (size_t size);
extern void *__libc_pvalloc (size_t size);
extern void  __libc_free (void *ptr);

static intptr_t in_use;    /* bytes, updated atomically */
static gboolean counting;  /* set once this file's malloc has run */

static void *
counted (void *ptr)
{
  if (ptr != NULL)
    __atomic_add_fetch (&in_use, (intptr_t) malloc_usable_size (ptr), __ATOMIC_RELAXED);
  counting = TRUE;
  return ptr;
}

void *
malloc (size_t size)
{
  return counted (__libc_malloc (size));
}

void *
calloc (size_t n,
        size_t size)
{
  return counted (__libc_calloc (n, size));
}

void
free (void *ptr)
{
  if (ptr == NULL)
    return;
  __atomic_sub_fetch (&in_use, (intptr_t) malloc_usable_size (ptr), __ATOMIC_RELAXED);
  __libc_free (ptr);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  size_t old_size = ptr != NULL ? malloc_usable_size (ptr) : 0;
  void *moved = __libc_realloc (ptr, size);

  /* realloc (ptr, 0) frees; a failed realloc leaves the block as it was. */
  if (moved == NULL && (size != 0 || ptr == NULL))
    return NULL;
  __atomic_sub_fetch (&in_use, (intptr_t) old_size, __ATOMIC_RELAXED);
  return counted (moved);
}

void *
reallocarray (void   *ptr,
              size_t  n,
              size_t  size)
{
  size_t total;

  if (__builtin_mul_overflow (n, size, &total))
    {
      errno = ENOMEM;
      return NULL;
    }
  return realloc (ptr, total);
}

void *
memalign (size_t alignment,
          size_t size)
{
  return counted (__libc_memalign (alignment, size));
}

void *
aligned_alloc (size_t alignment,
               size_t size)
{
  return counted (__libc_memalign (alignment, size));
}

int
posix_memalign (void   **out,
                size_t   alignment,
                size_t   size)
{
  void *ptr;

  if (alignment % sizeof (void *) != 0 || (alignment & (alignment - 1)) != 0)
    return EINVAL;
  ptr = __libc_memalign (alignment, size);
  if (ptr == NULL)
    return ENOMEM;
  *out = counted (ptr);
  return 0;
}

void *
valloc (size_t size)
{
  return counted (__libc_valloc (size));
}

void *
pvalloc (size_t size)
{
  return counted (__libc_pvalloc (size));
}

gsize
heap_count_in_use (void)
{
  intptr_t bytes = __atomic_load_n (&in_use, __ATOMIC_RELAXED);

  /* Blocks made before this file's functions took over (by the dynamic
   * loader) may be freed through them: the count starts a little low. */
  return bytes > 0 ? (gsize) bytes : 0;
}

gboolean
heap_count_is_exact (void)
{
  return counting;
}

#else

gsize
heap_count_in_use (void)
{
  return 0;
}

gboolean
heap_count_is_exact (void)
{
  return FALSE;
}

#endif
