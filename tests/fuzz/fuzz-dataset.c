/* fuzz-dataset.c — libFuzzer target for the dataset loader.
 *
 * Feeds arbitrary bytes to rex_dataset_new_from_bytes(), the function behind
 * every way a file reaches the model (window, drag and drop, --check), once
 * collecting every problem (as --check does) and once stopping at the first
 * (as the window does). When a dataset loads, it walks what the other layers
 * read from it, so a loader bug that leaves an inconsistent dataset (a
 * dangling parent, a series out of its year range) shows up here rather than
 * in a chart.
 *
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true; run:
 * build-aux/fuzz.sh [SECONDS] (docs/reliability.md).
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
  /* A critical or warning is a bug the fuzzer should stop at, like a crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

static void
walk_region (RexDataset *dataset,
             RexRegion  *region)
{
  GListModel *metrics = rex_dataset_get_metrics (dataset);
  GPtrArray *members = rex_region_get_members (region);
  GPtrArray *memberships = rex_region_get_memberships (region);
  RexRegion *parent;
  guint depth = 0;
  int col, row;

  g_assert (rex_dataset_lookup_region (dataset, rex_region_get_id (region)) == region);
  g_assert (rex_region_get_display_name (region) != NULL);

  /* The loader refuses cycles: the parent chain must end. */
  for (parent = rex_region_get_parent (region); parent != NULL;
       parent = rex_region_get_parent (parent))
    g_assert (++depth <= REX_DATASET_MAX_REGIONS);

  for (guint i = 0; i < members->len; i++)
    g_assert (rex_region_is_in (g_ptr_array_index (members, i), region));
  for (guint i = 0; i < memberships->len; i++)
    g_assert (rex_region_is_in (region, g_ptr_array_index (memberships, i)));

  if (rex_region_get_tile (region, &col, &row))
    g_assert (col >= 0 && row >= 0);

  for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, m);
      const char *metric_id = rex_metric_get_id (metric);
      RexSeries *series = rex_region_get_series (region, metric_id);
      int first, last, year;
      double value;

      if (series == NULL)
        continue;
      if (!rex_series_get_year_range (series, &first, &last))
        continue;

      g_assert (first <= last);
      for (int y = first; y <= last; y++)
        {
          const RexDatum *datum = rex_series_get_datum (series, y);

          if (datum == NULL)
            continue;
          g_assert (isfinite (datum->value));
          g_assert (rex_dataset_get_value_source (dataset, region, metric_id, y) != NULL);
          (void) rex_series_get_note (series, y);
        }
      g_assert (rex_series_get_latest (series, last, &year, &value));
      g_assert (year == last && isfinite (value));
    }
}

static void
walk_dataset (RexDataset *dataset)
{
  GListModel *regions = rex_dataset_get_regions (dataset);
  GListModel *metrics = rex_dataset_get_metrics (dataset);
  GArray *headlines = rex_dataset_get_headlines (dataset);

  g_assert (rex_dataset_get_display_title (dataset) != NULL);
  g_assert (g_list_model_get_n_items (rex_dataset_get_sources (dataset)) > 0 ||
            g_list_model_get_n_items (regions) == 0 ||
            g_list_model_get_n_items (metrics) == 0);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);

      walk_region (dataset, region);
    }

  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);
      g_autoptr(GArray) years = rex_dataset_get_years (dataset, rex_metric_get_id (metric));
      GArray *notes = rex_metric_get_notes (metric);
      int first, last;

      if (rex_dataset_get_year_range (dataset, rex_metric_get_id (metric), &first, &last))
        {
          g_assert (years->len > 0);
          g_assert (g_array_index (years, int, 0) == first);
          g_assert (g_array_index (years, int, years->len - 1) == last);
        }
      else
        g_assert (years->len == 0);

      for (guint n = 1; n < notes->len; n++)
        g_assert (g_array_index (notes, RexSeriesNote, n - 1).year <=
                  g_array_index (notes, RexSeriesNote, n).year);
    }

  for (guint i = 0; i < headlines->len; i++)
    {
      const RexHeadline *h = &g_array_index (headlines, RexHeadline, i);
      RexRegion *region = rex_dataset_lookup_region (dataset, h->region_id);
      double value;

      g_assert (region != NULL);
      g_assert (rex_dataset_lookup_metric (dataset, h->metric_id) != NULL);
      g_assert (rex_region_get_value (region, h->metric_id, h->year, &value));
    }

  for (int kind = 0; kind < REX_REGION_KIND_LAST; kind++)
    g_ptr_array_unref (rex_dataset_get_regions_of_kind (dataset, kind));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexDataset) again = NULL;

  dataset = rex_dataset_new_from_bytes (bytes, "fuzz.json", &problems, &error);
  if (dataset != NULL)
    {
      g_assert (error == NULL);
      g_assert (problems->len == 0);
      walk_dataset (dataset);
    }
  else
    {
      /* Every refusal says why, in the documented form. */
      g_assert (error != NULL && error->domain == REX_DATASET_ERROR);
      g_assert (problems->len > 0);
      g_assert (g_str_has_prefix (error->message, "fuzz.json:"));
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *text = rex_dataset_problem_to_string (g_ptr_array_index (problems, i));

          g_assert (g_utf8_validate (text, -1, NULL));
        }
    }

  /* Without the problem list the verdict and the first message are the same. */
  again = rex_dataset_new_from_bytes (bytes, "fuzz.json", NULL, &first_error);
  g_assert ((again == NULL) == (dataset == NULL));
  if (error != NULL)
    g_assert_cmpstr (first_error->message, ==, error->message);

  return 0;
}
