/* rex-export-data.c — every value of a dataset as one long CSV table, a
 * row per value with its region, metric, year, status and source, for a
 * spreadsheet, R or pandas; the importer reads it back (docs/export.md,
 * "The dataset as CSV").
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-export.h"
#include "rex-export-private.h"

/* Machine-readable names, as R and pandas take them; the same in every
 * language. */
static const char * const columns[] = {
  "region", "region_zh", "region_id", "region_kind", "metric", "metric_zh", "metric_id", "unit", "unit_zh",
  "year", "value", "qualifier", "status", "note", "source", "source_url",
};

/* One line of @n cells, each as a CSV field. */
static void
append_line (GString            *out,
             const char * const *cells,
             guint               n)
{
  for (guint c = 0; c < n; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      rex_export_csv_append_field (out, cells[c]);
    }
  g_string_append (out, "\r\n");
}

static void
append_row (GString        *out,
            RexDataset     *dataset,
            RexRegion      *region,
            RexMetric      *metric,
            int             year,
            const RexDatum *datum,
            const char     *note)
{
  RexSource *source = rex_dataset_get_source_at (dataset, datum->source);
  g_autofree char *citation = source != NULL ? rex_source_format_citation (source) : NULL;
  g_autoptr(GString) value = g_string_new (NULL);
  char year_text[16] = "";
  const char *cells[G_N_ELEMENTS (columns)];

  if (year != 0)
    g_snprintf (year_text, sizeof year_text, "%d", year);
  rex_append_number (value, datum->value);
  cells[0] = rex_region_get_name (region);
  cells[1] = rex_region_get_name_zh (region);
  cells[2] = rex_region_get_id (region);
  cells[3] = rex_region_kind_to_string (rex_region_get_kind (region));
  cells[4] = rex_metric_get_name (metric);
  cells[5] = rex_metric_get_name_zh (metric);
  cells[6] = rex_metric_get_id (metric);
  cells[7] = rex_metric_get_unit (metric);
  cells[8] = rex_metric_get_unit_zh (metric);
  cells[9] = year_text;
  cells[10] = value->str;
  cells[11] = datum->qualifier != REX_QUALIFIER_EXACT ? rex_enum_to_nick (REX_TYPE_QUALIFIER, datum->qualifier) : NULL;
  cells[12] = rex_enum_to_nick (REX_TYPE_VALUE_STATUS, datum->status);
  cells[13] = note;
  cells[14] = citation;
  cells[15] = source != NULL ? rex_source_get_url (source) : NULL;
  append_line (out, cells, G_N_ELEMENTS (cells));
}

/* The rows are handed to the file this many bytes at a time. */
#define PIECE_SIZE (1024 * 1024)

typedef struct
{
  GString       *out;
  RexDataset    *dataset;
  RexExportSink  sink;
  gpointer       sink_data;
  gboolean       failed;    /* the sink failed: nothing more is written */
  GError        *error;     /* and why, when it said (else the file's writer says) */
} Writer;

/* Hands what is gathered to the sink, when it is a piece's worth or @all. */
static void
hand_over (Writer   *w,
           gboolean  all)
{
  if (w->failed || w->out->len == 0 || (!all && w->out->len < PIECE_SIZE))
    return;
  w->failed = !w->sink (w->out->str, w->out->len, w->sink_data, &w->error);
  g_string_truncate (w->out, 0);
}

/* The rows of one series: the undated value first, then the years. */
static void
append_series (RexRegion *region,
               RexMetric *metric,
               RexSeries *series,
               gpointer   user_data)
{
  Writer *w = user_data;
  const RexDatum *undated = rex_series_get_undated (series);
  int first, last;

  if (w->failed)
    return;
  if (undated != NULL)
    append_row (w->out, w->dataset, region, metric, 0, undated, rex_series_get_note (series, 0));
  if (rex_series_get_year_range (series, &first, &last))
    for (int year = first; year <= last; year++)
      {
        const RexDatum *datum = rex_series_get_datum (series, year);

        /* A year without a value of its own reads the undated one. */
        if (datum != NULL && datum != undated)
          append_row (w->out, w->dataset, region, metric, year, datum, rex_series_get_note (series, year));
      }
  hand_over (w, FALSE);
}

static gboolean
produce_csv (RexExportSink   sink,
             gpointer        sink_data,
             gpointer        user_data,
             GError        **error)
{
  g_autoptr(GString) out = g_string_sized_new (PIECE_SIZE + 64 * 1024);
  Writer w = { out, user_data, sink, sink_data, FALSE, NULL };

  append_line (out, columns, G_N_ELEMENTS (columns));
  /* In the dataset's order: the same file each time. */
  rex_dataset_foreach_series (w.dataset, append_series, &w);
  hand_over (&w, TRUE);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return !w.failed;
}

gboolean
rex_export_dataset_csv (RexDataset    *dataset,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (REX_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return rex_export_write_atomically_from (file, produce_csv, dataset, cancellable, error);
}
