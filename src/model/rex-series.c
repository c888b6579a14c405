/* rex-series.c — one region's values of one metric, indexed by year.
 *
 * A series is a single allocation: a header followed by one RexDatum per
 * year from the first to the last year with a value. Gaps hold NaN, so a
 * look-up is an index and a chart can show the gap instead of a made-up
 * value. Series are immutable once loaded and shared by reference count, so
 * the render layer may keep one past the dataset that produced it.
 *
 * A loader makes its tens of thousands of series in a RexSeriesArena: blocks
 * of up to 8 MiB (on 2 MiB pages where the kernel gives them) that each
 * series holds a reference on. Every fresh 4 KiB page written is a fault
 * into the kernel, which made up a tenth of the time to load a large file.
 */
#include "config.h"

#include <math.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "rex-model-private.h"

typedef struct
{
  gatomicrefcount  ref_count;  /* the series in it, and the arena while it fills it */
  gsize            size;       /* bytes for series after the header */
  gsize            used;
} Block;

/* Series start this far into a block, keeping doubles aligned. */
#define BLOCK_HEADER ((sizeof (Block) + 15) & ~(gsize) 15)
#define BLOCK_MIN_SIZE (64 * 1024)
#define BLOCK_MAX_SIZE (8 * 1024 * 1024)
#define HUGE_PAGE_SIZE (2 * 1024 * 1024)

struct _RexSeriesArena
{
  Block *current;
  gsize  next_size;
};

struct _RexSeries
{
  gatomicrefcount  ref_count;
  Block           *block;     /* NULL when allocated on its own */
  GRefString      *metric_id;
  int              first_year;
  guint            n_years;
  guint            n_values;
  GHashTable      *notes;     /* year → char*, only when some datum has a note;
                               * year 0 is the undated value's */
  RexDatum         undated;   /* the value with no year (value NaN when none) */
  RexDatum         data[];
};

G_DEFINE_BOXED_TYPE (RexSeries, rex_series, rex_series_ref, rex_series_unref)

void
rex_advise_huge_pages (gpointer data,
                       gsize    size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const guintptr page = 4096;
  guintptr start = ((guintptr) data + page - 1) & ~(page - 1);
  guintptr end = ((guintptr) data + size) & ~(page - 1);

  /* Only advice: the kernel may have no such pages to give. */
  if (size >= HUGE_PAGE_SIZE && end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

static void
block_unref (Block *block)
{
  if (g_atomic_ref_count_dec (&block->ref_count))
    g_aligned_free (block);
}

RexSeriesArena *
rex_series_arena_new (void)
{
  RexSeriesArena *arena = g_new0 (RexSeriesArena, 1);

  arena->next_size = BLOCK_MIN_SIZE;
  return arena;
}

void
rex_series_arena_free (RexSeriesArena *arena)
{
  if (arena == NULL)
    return;
  g_clear_pointer (&arena->current, block_unref);
  g_free (arena);
}

/* @size bytes for a series in @arena, which takes a reference on its block. */
static gpointer
arena_alloc (RexSeriesArena  *arena,
             gsize            size,
             Block          **block_out)
{
  Block *block = arena->current;
  gpointer memory;

  size = (size + 15) & ~(gsize) 15;
  if (block == NULL || block->size - block->used < size)
    {
      /* Blocks grow from 64 KiB (the bundled dataset fits in a few) to
       * 8 MiB, the larger ones aligned to and advised for 2 MiB pages. */
      gsize block_size = MAX (arena->next_size, size);
      gsize alignment = block_size >= 2 * HUGE_PAGE_SIZE ? HUGE_PAGE_SIZE : 16;

      g_clear_pointer (&arena->current, block_unref);
      block = g_aligned_alloc (1, BLOCK_HEADER + block_size, alignment);
      if (alignment == HUGE_PAGE_SIZE)
        rex_advise_huge_pages (block, BLOCK_HEADER + block_size);
      g_atomic_ref_count_init (&block->ref_count);
      block->size = block_size;
      block->used = 0;
      arena->current = block;
      arena->next_size = MIN (arena->next_size * 2, BLOCK_MAX_SIZE);
    }

  memory = (guchar *) block + BLOCK_HEADER + block->used;
  block->used += size;
  g_atomic_ref_count_inc (&block->ref_count);
  *block_out = block;
  return memory;
}

/* A series of @metric_id over @first_year..@last_year, every year missing,
 * in @arena or, when it is NULL, on its own. */
static RexSeries *
series_new (RexSeriesArena *arena,
            const char     *metric_id,
            int             first_year,
            int             last_year)
{
  RexSeries *self;
  Block *block = NULL;
  guint n_years;
  gsize size;

  g_return_val_if_fail (metric_id != NULL, NULL);
  g_return_val_if_fail (first_year >= REX_YEAR_MIN && last_year <= REX_YEAR_MAX, NULL);
  g_return_val_if_fail (first_year <= last_year + 1, NULL);

  /* last_year = first_year - 1: no years, only an undated value. */
  n_years = last_year - first_year + 1;
  size = sizeof (RexSeries) + n_years * sizeof (RexDatum);
  self = arena != NULL ? arena_alloc (arena, size, &block) : g_malloc (size);
  g_atomic_ref_count_init (&self->ref_count);
  self->block = block;
  /* Interned: thousands of series share a handful of metric ids. */
  self->metric_id = g_ref_string_new_intern (metric_id);
  self->first_year = first_year;
  self->n_years = n_years;
  self->n_values = 0;
  self->notes = NULL;
  self->undated = (RexDatum) { .value = NAN };

  for (guint i = 0; i < n_years; i++)
    self->data[i] = (RexDatum) { .value = NAN };

  return self;
}

RexSeries *
rex_series_copy_range (const RexSeries *self,
                       int              first_year,
                       int              last_year)
{
  RexSeries *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = series_new (NULL, self->metric_id, first_year, last_year);
  g_return_val_if_fail (copy != NULL, NULL);

  for (guint i = 0; i < self->n_years; i++)
    {
      int year = self->first_year + (int) i;

      if (!isnan (self->data[i].value) && year >= first_year && year <= last_year)
        rex_series_set_datum (copy, year, &self->data[i]);
    }
  copy->undated = self->undated;

  if (self->notes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->notes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          int year = GPOINTER_TO_INT (key);

          if (year == 0 || (year >= first_year && year <= last_year))
            rex_series_set_note (copy, year, value);
        }
    }

  return copy;
}

void
rex_series_remap_sources (RexSeries     *self,
                          const guint16 *map,
                          guint          n_map)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n_years; i++)
    if (!isnan (self->data[i].value) && self->data[i].source < n_map)
      self->data[i].source = map[self->data[i].source];
  if (!isnan (self->undated.value) && self->undated.source < n_map)
    self->undated.source = map[self->undated.source];
}

void
rex_series_remove_note (RexSeries *self,
                        int        year)
{
  g_return_if_fail (self != NULL);

  if (self->notes != NULL)
    g_hash_table_remove (self->notes, GINT_TO_POINTER (year));
}

RexSeries *
rex_series_new_undated (const char *metric_id)
{
  return series_new (NULL, metric_id, REX_YEAR_MIN, REX_YEAR_MIN - 1);
}

void
rex_series_set_undated (RexSeries      *self,
                        const RexDatum *datum)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (datum == NULL || !isnan (datum->value));

  self->undated = datum != NULL ? *datum : (RexDatum) { .value = NAN };
}

const RexDatum *
rex_series_get_undated (const RexSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return isnan (self->undated.value) ? NULL : &self->undated;
}

RexSeries *
rex_series_new (const char *metric_id,
                int         first_year,
                int         last_year)
{
  return series_new (NULL, metric_id, first_year, last_year);
}

RexSeries *
rex_series_arena_new_from_values (RexSeriesArena *arena,
                                  const char     *metric_id,
                                  int             first_year,
                                  int             last_year,
                                  const double   *values)
{
  RexSeries *self;

  g_return_val_if_fail (values != NULL, NULL);

  self = series_new (arena, metric_id, first_year, last_year);
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_years; i++)
    {
      self->data[i].value = values[i];
      self->n_values += !isnan (values[i]);
    }

  return self;
}

RexSeries *
rex_series_new_from_values (const char   *metric_id,
                            int           first_year,
                            int           last_year,
                            const double *values)
{
  return rex_series_arena_new_from_values (NULL, metric_id, first_year, last_year, values);
}

void
rex_series_set_source (RexSeries *self,
                       guint16    source)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n_years; i++)
    if (!isnan (self->data[i].value))
      self->data[i].source = source;
}

RexSeries *
rex_series_ref (RexSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
rex_series_unref (RexSeries *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ref_string_release (self->metric_id);
      g_clear_pointer (&self->notes, g_hash_table_unref);
      if (self->block != NULL)
        block_unref (self->block);
      else
        g_free (self);
    }
}

void
rex_series_set_datum (RexSeries      *self,
                      int             year,
                      const RexDatum *datum)
{
  RexDatum *slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (year >= self->first_year && year < self->first_year + (int) self->n_years);
  g_return_if_fail (!isnan (datum->value));

  slot = &self->data[year - self->first_year];
  if (isnan (slot->value))
    self->n_values++;
  *slot = *datum;
}

void
rex_series_set_note (RexSeries  *self,
                     int         year,
                     const char *note)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (note != NULL);

  if (self->notes == NULL)
    self->notes = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  g_hash_table_insert (self->notes, GINT_TO_POINTER (year), g_strdup (note));
}

const char *
rex_series_get_metric_id (const RexSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->metric_id;
}

/* Both ends of the array hold values: the loader sizes it to the years it
 * found, so the range is the array's range whenever there is any value. */
gboolean
rex_series_get_year_range (const RexSeries *self,
                           int             *first,
                           int             *last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_values == 0)
    return FALSE;

  if (first != NULL)
    *first = self->first_year;
  if (last != NULL)
    *last = self->first_year + (int) self->n_years - 1;

  return TRUE;
}

guint
rex_series_get_n_values (const RexSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_values;
}

const RexDatum *
rex_series_get_datum (const RexSeries *self,
                      int              year)
{
  const RexDatum *datum;

  g_return_val_if_fail (self != NULL, NULL);

  if (year < self->first_year || year - self->first_year >= (int) self->n_years)
    return rex_series_get_undated (self);

  datum = &self->data[year - self->first_year];

  return isnan (datum->value) ? rex_series_get_undated (self) : datum;
}

gboolean
rex_series_get_value (const RexSeries *self,
                      int              year,
                      double          *value)
{
  const RexDatum *datum = rex_series_get_datum (self, year);

  if (datum == NULL)
    return FALSE;

  if (value != NULL)
    *value = datum->value;

  return TRUE;
}

const char *
rex_series_get_note (const RexSeries *self,
                     int              year)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->notes == NULL)
    return NULL;

  /* A year without a value of its own shows the undated one's note. */
  if (year != 0 && rex_series_get_datum (self, year) == &self->undated)
    year = 0;

  return g_hash_table_lookup (self->notes, GINT_TO_POINTER (year));
}

gboolean
rex_series_get_extent (const RexSeries *self,
                       gboolean         positive,
                       double          *lo,
                       double          *hi)
{
  double min = INFINITY, max = -INFINITY;

  g_return_val_if_fail (self != NULL, FALSE);

  /* One pass over the array: charts ask this of every series of a metric. */
  for (guint i = 0; i < self->n_years; i++)
    {
      double v = self->data[i].value;

      if (isnan (v) || (positive && !(v > 0)))
        continue;
      min = MIN (min, v);
      max = MAX (max, v);
    }
  if (!isnan (self->undated.value) && (!positive || self->undated.value > 0))
    {
      min = MIN (min, self->undated.value);
      max = MAX (max, self->undated.value);
    }
  if (min > max)
    return FALSE;
  if (lo != NULL)
    *lo = min;
  if (hi != NULL)
    *hi = max;
  return TRUE;
}

guint
rex_series_append_values (const RexSeries *self,
                          GArray          *values)
{
  guint dated = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);

  for (guint i = 0; i < self->n_years; i++)
    if (!isnan (self->data[i].value))
      {
        g_array_append_val (values, self->data[i].value);
        dated++;
      }
  if (!isnan (self->undated.value))
    g_array_append_val (values, self->undated.value);
  return dated;
}

gboolean
rex_series_get_latest (const RexSeries *self,
                       int              at_or_before,
                       int             *year,
                       double          *value)
{
  int last;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_values == 0 || at_or_before < self->first_year)
    goto undated;

  last = MIN (at_or_before, self->first_year + (int) self->n_years - 1);

  for (int y = last; y >= self->first_year; y--)
    {
      const RexDatum *datum = &self->data[y - self->first_year];

      if (!isnan (datum->value))
        {
          if (year != NULL)
            *year = y;
          if (value != NULL)
            *value = datum->value;
          return TRUE;
        }
    }

undated:
  /* A value with no year holds in every year. */
  if (isnan (self->undated.value))
    return FALSE;
  if (year != NULL)
    *year = at_or_before;
  if (value != NULL)
    *value = self->undated.value;
  return TRUE;
}
