/* test-chart-progress.c — progress toward targets, drawn and probed. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "chart-test-util.h"

static const char *
cell (RexChartTable *table,
      guint          row,
      guint          column)
{
  return g_ptr_array_index ((GPtrArray *) table->rows->pdata[row], column);
}

static void
test_rows_and_trend (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem rate, coverage, hit;
  int trend_year;

  spec->metric = g_strdup ("rate,coverage");
  chart = draw_chart (f, spec, 900, 500);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2);
  g_assert_true (rex_chart_get_item (chart, 0, &rate));
  g_assert_true (rex_chart_get_item (chart, 1, &coverage));
  g_assert_cmpint (rate.year, ==, 2022);
  g_assert_cmpfloat (rate.value, ==, 70);

  /* The bar ends at the value: fill before, track after. */
  assert_color (pixel (f, rate.x - 3, rate.y), &f->style->accent);
  assert_color (pixel (f, rate.x + 4, rate.y), &f->style->no_data);
  assert_color (pixel (f, coverage.x - 3, coverage.y), &f->style->accent);
  /* 60 % and 70 % of one 0–100 track. */
  g_assert_cmpfloat (coverage.x, <, rate.x);

  table = rex_chart_get_table (chart);
  /* rate: 70 of 80 by 2030; the last five points rise, so the trend has a year. */
  g_assert_cmpstr (cell (table, 0, 7), ==, "80");
  g_assert_cmpstr (cell (table, 0, 8), ==, "2030");
  g_assert_cmpstr (cell (table, 0, 9), ==, "10");
  g_assert_cmpstr (cell (table, 0, 11), ==, "on trend");
  trend_year = atoi (cell (table, 0, 10));
  g_assert_cmpint (trend_year, >, 2022);
  g_assert_cmpint (trend_year, <, 2030);
  /* coverage: no target, said so. */
  g_assert_cmpstr (cell (table, 1, 7), ==, "");
  g_assert_cmpstr (cell (table, 1, 11), ==, "no target");

  g_assert_true (rex_chart_hit_test (chart, coverage.x, coverage.y, &hit));
  g_assert_cmpstr (hit.metric_id, ==, "coverage");
}

static void
test_one_point (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  const char *regions[] = { "CN-SC", NULL };
  g_autofree char *description = NULL;

  spec->metric = g_strdup ("rate");
  rex_chart_spec_set_regions (spec, regions);
  chart = draw_chart (f, spec, 900, 500);
  table = rex_chart_get_table (chart);
  g_assert_cmpstr (cell (table, 0, 3), ==, "CN-SC");
  g_assert_cmpstr (cell (table, 0, 11), ==, "needs two data points");
  description = rex_chart_describe (chart);
  g_assert_true (strstr (description, "trend needs two data points") != NULL);
}

static void
test_empty_dark_chinese (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;

  spec->metric = g_strdup ("empty");
  chart = draw_chart (f, spec, 600, 400);
  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_clear_object (&chart);

  /* Metrics with values but no target: the message says so. */
  g_free (spec->metric);
  spec->metric = g_strdup ("coverage,output");
  chart = draw_chart (f, spec, 600, 400);
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "No target"));
  g_clear_object (&chart);

  g_free (spec->metric);
  spec->metric = g_strdup ("rate,coverage");
  assert_dark_differs (f, spec, 600, 400);
  assert_all_glyphs (f->style, "比率覆盖率中国≈");
}

/* tests/data/hostile-limits.json: "far_target" grows 0.1 a year towards
 * 1e300; the year it would get there is far beyond any int. */
static void
test_far_target (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *description = NULL;
  GPtrArray *cells;

  spec->metric = g_strdup ("far_target");
  chart = draw_chart (f, spec, 900, 400);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 1);
  cells = table->rows->pdata[0];
  g_assert_cmpfloat (g_ascii_strtod (cells->pdata[7], NULL), ==, 1e300);
  g_assert_cmpstr (cells->pdata[10], ==, "");
  g_assert_cmpstr (cells->pdata[11], ==, "not before 2200");
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, "not before 2200"));
  g_assert_null (strstr (description, "reaches it in"));
}

/* 200 metrics with targets: the rows that fit are drawn, the last line
 * counts the others, and the table lists all of them. */
static void
test_many_metrics (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\":\"region-explorer/1\",\"title\":\"Many targets\","
                                          "\"sources\":[{\"id\":\"s\",\"publisher\":\"P\",\"title\":\"T\","
                                          "\"date\":\"2025\"}],\"metrics\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  guint n_items;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (json, "%s{\"id\":\"m%u\",\"name\":\"Metric %u\",\"unit\":\"%%\",\"percent\":true,"
                            "\"source\":\"s\",\"target\":{\"value\":90,\"year\":2030,\"source\":\"s\"}}",
                            i ? "," : "", i, i);
  g_string_append (json, "],\"regions\":[{\"id\":\"CN\",\"name\":\"China\",\"kind\":\"nation\",\"values\":{");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (json, "%s\"m%u\":{\"2023\":%u,\"2024\":%u}", i ? "," : "", i, i % 50, i % 50 + 1);
  g_string_append (json, "}}]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  dataset = rex_dataset_new_from_bytes (bytes, "targets.json", NULL, &error);
  g_assert_no_error (error);

  chart = draw_chart_full (f, dataset, spec, 900, 600, 1);
  n_items = rex_chart_get_n_items (chart);
  g_assert_cmpuint (n_items, >, 3);
  g_assert_cmpuint (n_items, <, 20);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 200);
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/progress/rows-and-trend", test_rows_and_trend);
  ADD ("/progress/one-point", test_one_point);
  ADD ("/progress/empty-dark-chinese", test_empty_dark_chinese);
  ADD ("/progress/many-metrics", test_many_metrics);
#undef ADD
  g_test_add ("/progress/far-target", Fixture, "hostile-limits.json", fixture_setup,
              test_far_target, fixture_teardown);
  return g_test_run ();
}
