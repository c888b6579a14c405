/* rex-table-import-build.c — the dataset built from the pending series:
 * its sources, metrics, regions and series, and the checks of the values
 * read. */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

#define N_YEARS (REX_YEAR_MAX - REX_YEAR_MIN + 1)

/* A value as the dataset keeps it: a percentage given as fractions of 1,
 * scaled by 100 when the options ask. */
static double
stored_value (RexTableImport   *self,
              const MetricInfo *metric,
              double            value)
{
  return metric->percent && self->options->scale_fractions ? value * 100 : value;
}

/* Building the dataset */

/* A value's status: preliminary or an estimate where its year's header
 * says so ("2024年(初步)"), else final. */
static RexValueStatus
point_status (RexTableImport *self,
              const Point    *p)
{
  if (self->shape != REX_TABLE_SHAPE_REGIONS_IN_ROWS || p->cell >= self->column_status->len)
    return REX_VALUE_STATUS_FINAL;
  return g_array_index (self->column_status, guint8, p->cell);
}

/* A value given twice for a region and year, and how many more of the
 * same row repeat the same other row. */
typedef struct
{
  const Point *point;
  const Point *first;
  guint        more;
} SecondValue;

static void
report_second_value (RexTableImport    *self,
                     Pending           *pending,
                     const MetricInfo  *metric,
                     const SecondValue *second)
{
  RegionInfo *region = self->region_infos->pdata[pending->region];
  const Point *p = second->point;
  int line = 0, column = 0;

  if (p == NULL)
    return;
  if (second->first != p)
    rex_table_import_cell_position (self, second->first->row, second->first->cell, &line, &column);
  if (second->more > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more value", "%u more values", second->more),
                                               second->more);

      /* Translators: the last %s is "3 more values"; %d:%d is the line and
       * column of the first value */
      cell_error (self, p->row, p->cell, _("a second value of %s for %s in %d (the first is at %d:%d), "
                                           "and %s in this row: it names the region of line %d again"),
                  metric->id, region->id, p->year, line, column, more, line);
    }
  else if (p->year == 0)
    cell_error (self, p->row, p->cell, _("a second undated value of %s for %s (the first is at %d:%d)"),
                metric->id, region->id, line, column);
  else
    cell_error (self, p->row, p->cell, _("a second value of %s for %s in %d (the first is at %d:%d)"),
                metric->id, region->id, p->year, line, column);
}

static RexSeries *
build_series (RexTableImport *self,
              Pending        *pending,
              MetricInfo     *metric,
              guint16         table_source,
              GPtrArray      *source_map,
              RexSeriesArena *arena,
              guint8         *year_set)
{
  Points *points = pending->points;
  int first = G_MAXINT, last = G_MININT;
  gboolean plain = TRUE;
  SecondValue second = { NULL, NULL, 0 };
  RexSeries *series;

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &points->data[i];

      plain &= p->source == 0 && p->year != 0 && point_status (self, p) == REX_VALUE_STATUS_FINAL;
      if (p->year == 0)
        continue;
      first = MIN (first, p->year);
      last = MAX (last, p->year);
      year_set[p->year - REX_YEAR_MIN] = 1;
    }

  /* The common case, a row of a wide table: every value dated and from the
   * table's source. One array, one series in the arena. */
  if (plain && first <= last)
    {
      double values[REX_YEAR_MAX - REX_YEAR_MIN + 1];
      guint n = last - first + 1;
      gboolean duplicate = FALSE;

      for (guint i = 0; i < n; i++)
        values[i] = NAN;
      for (guint i = 0; i < points->len; i++)
        {
          const Point *p = &points->data[i];
          double *slot = &values[p->year - first];

          duplicate |= !isnan (*slot);
          *slot = stored_value (self, metric, p->value);
        }
      if (!duplicate)
        {
          series = rex_series_arena_new_from_values (arena, metric->id, first, last, values);
          rex_series_set_source (series, table_source);
          return series;
        }
    }

  series = first <= last ? rex_series_new (metric->id, first, last) : rex_series_new_undated (metric->id);

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &points->data[i];
      RexDatum datum = { .value = stored_value (self, metric, p->value) };
      const RexDatum *existing;

      datum.source = p->source == 0 ? table_source
                     : GPOINTER_TO_UINT (g_ptr_array_index (source_map, p->source - 1));
      datum.status = point_status (self, p);

      existing = p->year == 0 ? rex_series_get_undated (series) : rex_series_get_datum (series, p->year);
      if (existing != NULL && (p->year == 0 || existing != rex_series_get_undated (series)))
        {
          const Point *first_point = p;

          /* The first value, which a user may want to keep. */
          for (guint j = 0; j < i; j++)
            if (points->data[j].year == p->year)
              {
                first_point = &points->data[j];
                break;
              }
          /* A row that names the region of another row again repeats
           * every year of it: one error for the row. */
          if (p->year != 0 && second.point != NULL && second.point->row == p->row
              && second.first->row == first_point->row)
            second.more++;
          else
            {
              report_second_value (self, pending, metric, &second);
              second = (SecondValue) { p, first_point, 0 };
            }
          continue;
        }
      if (p->year == 0)
        rex_series_set_undated (series, &datum);
      else
        rex_series_set_datum (series, p->year, &datum);
    }
  report_second_value (self, pending, metric, &second);

  return series;
}

void
rex_table_import_check_values (RexTableImport *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = self->pending->pdata[i];
      MetricInfo *metric = self->metrics->pdata[pending->metric];

      for (guint j = 0; j < pending->points->len; j++)
        {
          const Point *p = &pending->points->data[j];
          double v = p->value;
          double stored = stored_value (self, metric, v);

          metric->n_values++;
          if (!(v >= 0 && v <= 1))
            metric->all_fractions = FALSE;
          if (!(stored >= 0 && stored <= 100) && !metric->beyond_share)
            {
              metric->beyond_share = TRUE;
              metric->beyond_value = stored;
              metric->beyond_row = p->row;
              metric->beyond_cell = p->cell;
            }
        }
    }

  if (self->n_marked > 0)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, self->first_marked_row, self->first_marked_cell, &length);
      g_autofree char *quoted = rex_table_import_quote (s, length);

      cell_warning (self, self->first_marked_row, self->first_marked_cell,
                    ngettext ("%u value has a footnote mark after it, as %s here; the value is kept "
                              "without the mark: what the mark says is in the table's notes",
                              "%u values have a footnote mark after them, as %s here; the values are kept "
                              "without the marks: what the marks say is in the table's notes",
                              self->n_marked), self->n_marked, quoted);
    }

  if (self->n_outside > 0)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, self->first_outside_row, self->first_outside_cell, &length);
      g_autofree char *quoted = rex_table_import_quote (s, length);

      cell_warning (self, self->first_outside_row, self->first_outside_cell,
                    ngettext ("%u place outside China, %s here, was left out",
                              "%u places outside China, as %s here, were left out",
                              self->n_outside), self->n_outside, quoted);
    }

  for (guint m = 0; m < self->metrics->len; m++)
    {
      MetricInfo *metric = self->metrics->pdata[m];

      if (metric->n_values == 0)
        {
          /* Not after an error that explains it (columns of months). */
          if (self->errors->len == 0)
            rex_table_import_add_problem (self, TRUE, 0, 0, _("metric %s has no values; is the table empty, "
                                          "or are all its cells missing?"), metric->id);
          continue;
        }
      /* A percentage in the datasets' sense is a share of a whole, within
       * 0–100 (charts draw the rest of the whole); a rate of change in %
       * (增速(%): -2.5, 150) is not one. */
      if (metric->percent && metric->beyond_share && metric->percent_given)
        cell_error (self, metric->beyond_row, metric->beyond_cell,
                    _("%g is outside 0–100, but %s is marked as a percentage, a share of a whole; "
                      "a rate of change in %% is not one: leave it unmarked"), metric->beyond_value, metric->id);
      else if (metric->percent && metric->beyond_share)
        metric->percent = FALSE;
      if (metric->percent && metric->all_fractions)
        {
          self->looks_like_fractions = TRUE;
          if (self->options->scale_fractions)
            rex_table_import_add_problem (self, FALSE, 0, 0, _("the values of %s, a percentage, all lay within 0–1; "
                                          "they were multiplied by 100"), metric->id);
          else
            rex_table_import_add_problem (self, FALSE, 0, 0, _("the values of %s, a percentage, all lie within 0–1: "
                                          "they look like fractions (0.85 for 85 %%); import them scaled by 100 "
                                          "(--scale-fractions), or give another unit"), metric->id);
        }
      if (metric->weight_id != NULL && !rex_table_import_metric_id_taken (self, metric->weight_id))
        rex_table_import_add_problem (self, FALSE, 0, 0, _("%s is a mean weighted by %s, which the table does not "
                                      "hold; its group values are derived once it is merged with a dataset that does"),
                                      metric->id, metric->weight_id);
      if (metric->unit == NULL || *metric->unit == '\0')
        rex_table_import_add_problem (self, FALSE, 0, 0, _("the table does not give the unit of %s; give it "
                                      "(e.g. 亿元, %%) so that charts can label their axes"), metric->id);
    }
}

static char *
file_stem (const char *display_name)
{
  g_autofree char *base = g_path_get_basename (display_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* The table's own source: the publisher its 数据来源 line names (else the
 * database a World Bank table's "Data Source" line names), its database
 * and metric as the title, its notes. */
static RexSource *
make_table_source (RexTableImport *self)
{
  const RexTableImportOptions *o = self->options;
  g_autofree char *stem = file_stem (self->display_name);
  g_autofree char *stem_id = rex_table_import_sanitize_id (stem);
  RexSource *source = rex_source_new ();

  source->id = g_strdup_printf ("table-%s", stem_id != NULL ? stem_id : "import");
  source->publisher = g_strdup (o->publisher != NULL ? o->publisher
                                : self->publisher != NULL ? self->publisher
                                : self->database != NULL ? self->database : self->display_name);
  if (o->publisher == NULL && self->publisher == NULL && self->database == NULL)
    rex_table_import_add_problem (self, FALSE, 0, 0, _("the table does not say where its figures come from "
                                  "(no 数据来源 line); its values cite the file itself"));
  source->title = o->source_title != NULL ? g_strdup (o->source_title) : rex_table_import_dup_title (self);
  source->date = g_strdup (o->source_date);
  source->url = g_strdup (o->source_url);
  source->note = self->note->len > 0 ? g_strdup (self->note->str) : NULL;
  return source;
}

/* The publishers of a long table's source column; returns the index in
 * the dataset's sources of each. */
static GPtrArray *
add_named_sources (RexTableImport *self,
                   RexDataset     *dataset,
                   RexSource      *table_source)
{
  GPtrArray *source_map = g_ptr_array_new ();

  for (guint i = 0; i < self->source_names->len; i++)
    {
      g_autoptr(RexSource) named = rex_source_new ();
      g_autofree char *id = rex_table_import_sanitize_id (self->source_names->pdata[i]);

      named->id = g_strdup_printf ("table-source-%u%s%s", i + 1, id != NULL ? "-" : "", id != NULL ? id : "");
      named->publisher = g_strdup (self->source_names->pdata[i]);
      named->title = g_strdup (table_source->title);
      rex_dataset_add_source (dataset, named);
      g_ptr_array_add (source_map, GUINT_TO_POINTER (dataset->source_index->len - 1));
    }
  return source_map;
}

static void
add_metrics (RexTableImport *self,
             RexDataset     *dataset,
             const char     *source_id)
{
  for (guint m = 0; m < self->metrics->len; m++)
    {
      MetricInfo *info = self->metrics->pdata[m];
      g_autoptr(RexMetric) metric = rex_metric_new ();

      metric->id = g_strdup (info->id);
      metric->name = g_strdup (info->name);
      metric->name_zh = g_strdup (info->name_zh);
      metric->unit = g_strdup (info->unit != NULL ? info->unit : "");
      if (info->unit != NULL && rex_table_import_has_non_ascii (info->unit))
        metric->unit_zh = g_strdup (info->unit);
      metric->source_id = g_strdup (source_id);
      metric->percent = info->percent;
      metric->combine = info->combine;
      metric->weight_id = g_strdup (info->weight_id);
      rex_dataset_add_metric (dataset, metric);
    }
}

/* The regions, in region_infos order, each under its parent. */
static GPtrArray *
add_regions (RexTableImport *self,
             RexDataset     *dataset)
{
  GPtrArray *regions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < self->region_infos->len; r++)
    {
      RegionInfo *info = self->region_infos->pdata[r];
      RexRegion *region = rex_region_new ();

      region->id = g_strdup (info->id);
      region->name = g_strdup (info->name);
      region->name_zh = g_strdup (info->name_zh);
      region->kind = info->kind;
      rex_dataset_add_region (dataset, region);
      g_ptr_array_add (regions, region);
    }
  for (guint r = 0; r < self->region_infos->len; r++)
    {
      RegionInfo *info = self->region_infos->pdata[r];
      RexRegion *region = regions->pdata[r];
      RexRegion *parent;

      if (info->parent_id == NULL)
        continue;
      parent = g_hash_table_lookup (dataset->regions_by_id, info->parent_id);
      if (parent != NULL && parent != region)
        region->parent = g_object_ref (parent);
    }
  return regions;
}

/* The series read, onto their regions; marks the years of each metric in
 * @year_sets (N_YEARS bytes a metric). */
static void
add_series (RexTableImport *self,
            GPtrArray      *regions,
            GPtrArray      *source_map,
            guint8         *year_sets)
{
  RexSeriesArena *arena = rex_series_arena_new ();

  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = self->pending->pdata[i];
      g_autoptr(RexSeries) series = NULL;

      if (pending->points->len == 0)
        continue;
      series = build_series (self, pending, self->metrics->pdata[pending->metric], 0, source_map,
                             arena, year_sets + (gsize) pending->metric * N_YEARS);
      if (rex_series_get_n_values (series) > 0 || rex_series_get_undated (series) != NULL)
        rex_region_add_series (regions->pdata[pending->region], series);
    }
  rex_series_arena_free (arena);
}

/* The years of each metric, from the values just read: derived values
 * only come in years all members have. */
static void
set_metric_years (RexTableImport *self,
                  RexDataset     *dataset,
                  const guint8   *year_sets)
{
  for (guint m = 0; m < self->metrics->len; m++)
    {
      GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

      for (int year = REX_YEAR_MIN; year <= REX_YEAR_MAX; year++)
        if (year_sets[(gsize) m * N_YEARS + year - REX_YEAR_MIN])
          g_array_append_val (years, year);
      g_hash_table_insert (dataset->years_by_metric,
                           g_strdup (((MetricInfo *) self->metrics->pdata[m])->id), years);
    }
}

void
rex_table_import_build_dataset (RexTableImport *self,
                                GBytes         *bytes)
{
  g_autoptr(RexDataset) dataset = rex_dataset_new ();
  g_autoptr(RexSource) source = make_table_source (self);
  g_autoptr(GPtrArray) source_map = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  g_autofree guint8 *year_sets = g_new0 (guint8, (gsize) self->metrics->len * N_YEARS);
  MetricInfo *first = self->metrics->pdata[0];

  rex_dataset_add_source (dataset, source);
  source_map = add_named_sources (self, dataset, source);
  add_metrics (self, dataset, source->id);
  regions = add_regions (self, dataset);
  add_series (self, regions, source_map, year_sets);
  if (self->errors->len > 0)
    return;

  set_metric_years (self, dataset, year_sets);
  rex_dataset_apply_registry (dataset, TRUE);
  rex_dataset_derive (dataset);

  dataset->title = self->metrics->len == 1 ? g_strdup (first->name) : file_stem (self->display_name);
  if (self->metrics->len == 1 && first->name_zh != NULL)
    dataset->title_zh = g_strdup (first->name_zh);
  dataset->file_name = g_strdup (self->display_name);
  /* SHA-256 costs as much as the rest of the import: it is computed when
   * first asked for (an export's metadata), from the table's bytes. */
  dataset->checksum_source = g_bytes_ref (bytes);
  self->dataset = g_steal_pointer (&dataset);
}
