/* fuzz-table.c — libFuzzer target for the table importer.
 *
 * Feeds arbitrary bytes to rex_table_import_new() as a CSV (or, when the
 * first byte is odd, a TSV), the function behind --import, --check of a
 * table and opening a table in the window. Every refusal must be a
 * REX_DATASET_ERROR naming the file; every result must either hold a
 * dataset or say why not; every dataset it makes must be consistent (parent
 * chains end, each value is finite and has a source) and must save to JSON
 * that the loader reads back with the same number of values.
 *
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true; run:
 * REX_FUZZ_TARGET=table build-aux/fuzz.sh [SECONDS] (docs/reliability.md).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "rex-model.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

static guint
walk_dataset (RexDataset *dataset)
{
  GListModel *regions = rex_dataset_get_regions (dataset);
  GListModel *metrics = rex_dataset_get_metrics (dataset);
  guint n_values = 0;

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);
      guint depth = 0;

      g_assert (rex_dataset_lookup_region (dataset, rex_region_get_id (region)) == region);
      for (RexRegion *p = rex_region_get_parent (region); p != NULL; p = rex_region_get_parent (p))
        g_assert (++depth <= 64);

      for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
        {
          g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, m);
          const char *id = rex_metric_get_id (metric);
          RexSeries *series = rex_region_get_series (region, id);
          const RexDatum *undated;
          int first, last;

          if (series == NULL)
            continue;
          undated = rex_series_get_undated (series);
          if (undated != NULL)
            {
              g_assert (isfinite (undated->value));
              g_assert (rex_dataset_get_source_at (dataset, undated->source) != NULL);
              n_values++;
            }
          if (!rex_series_get_year_range (series, &first, &last))
            {
              g_assert (undated != NULL);
              continue;
            }
          for (int year = first; year <= last; year++)
            {
              const RexDatum *datum = rex_series_get_datum (series, year);

              if (datum == NULL || datum == undated)
                continue;
              g_assert (isfinite (datum->value));
              g_assert (rex_dataset_get_value_source (dataset, region, id, year) != NULL);
              n_values++;
            }
        }
    }
  return n_values;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexTableImport) import = NULL;
  const char *name = size > 0 && (data[0] & 1) ? "fuzz.tsv" : "fuzz.csv";
  RexDataset *dataset;
  GPtrArray *lists[2];

  import = rex_table_import_new (bytes, name, NULL, NULL, &error);
  if (import == NULL)
    {
      g_assert (error != NULL && error->domain == REX_DATASET_ERROR);
      g_assert (g_str_has_prefix (error->message, name));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  lists[0] = rex_table_import_get_errors (import);
  lists[1] = rex_table_import_get_warnings (import);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        g_autofree char *text = rex_dataset_problem_to_string (g_ptr_array_index (lists[l], i));

        g_assert (g_utf8_validate (text, -1, NULL));
        g_assert (g_str_has_prefix (text, name) || g_str_has_prefix (text, "…"));
      }

  dataset = rex_table_import_get_dataset (import);
  g_assert ((dataset == NULL) == (lists[0]->len > 0));
  if (dataset != NULL)
    {
      guint n_values = walk_dataset (dataset);
      g_autoptr(GBytes) saved = rex_dataset_save_to_bytes (dataset);
      g_autoptr(GError) reload_error = NULL;
      g_autoptr(RexDataset) reopened = rex_dataset_new_from_bytes (saved, "saved.json", NULL, &reload_error);

      /* What the importer makes, the loader reads. */
      if (reopened == NULL)
        g_error ("saved dataset does not load: %s", reload_error->message);
      g_assert (walk_dataset (reopened) == n_values);
    }

  return 0;
}
