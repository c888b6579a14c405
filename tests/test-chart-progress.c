/* test-chart-progress.c — progress toward targets, drawn and probed. */
#include "config.h"

#include <locale.h>
#include <math.h>
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
  g_assert_cmpstr (cell (table, 0, 8), ==, "80");
  g_assert_cmpstr (cell (table, 0, 9), ==, "2030");
  g_assert_cmpstr (cell (table, 0, 10), ==, "10");
  g_assert_cmpstr (cell (table, 0, 12), ==, "on trend");
  trend_year = atoi (cell (table, 0, 11));
  g_assert_cmpint (trend_year, >, 2022);
  g_assert_cmpint (trend_year, <, 2030);
  /* coverage: no target, said so. */
  g_assert_cmpstr (cell (table, 1, 8), ==, "");
  g_assert_cmpstr (cell (table, 1, 12), ==, "no target");

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
  /* The region by name too: the Table view hides ids. */
  g_assert_cmpstr (cell (table, 0, 4), ==,
                   rex_region_get_display_name (rex_dataset_lookup_region (f->dataset, "CN-SC")));
  g_assert_cmpstr (cell (table, 0, 12), ==, "needs two data points");
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
  g_assert_cmpfloat (g_ascii_strtod (cells->pdata[8], NULL), ==, 1e300);
  g_assert_cmpstr (cells->pdata[11], ==, "");
  g_assert_cmpstr (cells->pdata[12], ==, "not before 2200");
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

/* Several regions: a group of rows per region, in the order given, each
 * under its name; the regions with no value of the metrics are named in one
 * line above them, not each a column of empty tracks; the table lists every
 * region's rows and clicking a row finds its region. */
static void
test_row_groups (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *item_name = NULL;
  const char *regions[] = { "CN-JS", "CN-XZ", "CN", NULL };
  const char *want[] = { "CN-XZ", "CN-JS", "CN-JS", "CN", "CN" };
  RexChartItem items[5], hit;

  spec->metric = g_strdup ("rate,coverage");
  rex_chart_spec_set_regions (spec, regions);
  chart = draw_chart (f, spec, 900, 700);
  g_assert_null (rex_chart_get_empty_message (chart));
  /* The subtitle names the regions drawn; the line, Tibet. */
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "Jiangsu, China · latest value of each metric");
  /* Tibet's line, Jiangsu's two rows, China's two rows, top to bottom. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (rex_chart_get_item (chart, i, &items[i]));
      g_assert_cmpstr (rex_region_get_id (items[i].region), ==, want[i]);
      if (i > 0)
        g_assert_cmpfloat (items[i].y, >, items[i - 1].y);
      g_assert_true (rex_chart_hit_test (chart, items[i].x, items[i].y, &hit));
      g_assert_cmpuint (hit.index, ==, i);
    }
  g_assert_cmpfloat (items[1].value, ==, 36);
  g_assert_cmpfloat (items[3].value, ==, 70);
  /* Jiangsu's rate (36 in 2019) and China's (70 in 2022) on one 0–100 track. */
  assert_color (pixel (f, items[1].x - 3, items[1].y), &f->style->accent);
  assert_color (pixel (f, items[1].x + 4, items[1].y), &f->style->no_data);
  g_assert_cmpfloat (items[1].x, <, items[3].x);
  /* Tibet's line is a line: nearer the first row than a row apart. */
  g_assert_cmpfloat (items[1].y - items[0].y, <, items[4].y - items[3].y + f->style->font_size * 2.5);
  item_name = rex_chart_describe_item (chart, &items[0]);
  g_assert_cmpstr (item_name, ==, "No data for these metrics in Tibet");

  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 6);
  for (guint r = 0; r < 6; r++)
    g_assert_cmpstr (cell (table, r, 3), ==, regions[r / 2]);
  /* Jiangsu's rate: 36 of 80, rising; Tibet: none. */
  g_assert_cmpstr (cell (table, 0, 12), ==, "on trend");
  g_assert_cmpstr (cell (table, 2, 12), ==, "no data");
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, "each metric. No data for these metrics in Tibet. Jiangsu: Rate: "));
  g_assert_null (strstr (description, "Tibet: Rate"));
}

/* Selected regions with none of the metrics (Tibet): one line names them,
 * and the nation's rows follow for reference instead of an empty chart;
 * however many regions lack the metrics, they take that one line. */
static void
test_nation_for_reference (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GArray) texts = NULL;
  gboolean wrapped = FALSE;
  RexChartItem xz, cn, hit;

  spec->metric = g_strdup ("rate");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", NULL });
  chart = draw_chart (f, spec, 900, 500);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2);
  g_assert_true (rex_chart_get_item (chart, 0, &xz));
  g_assert_true (rex_chart_get_item (chart, 1, &cn));
  g_assert_cmpstr (rex_region_get_id (xz.region), ==, "CN-XZ");
  g_assert_true (isnan (xz.value));
  g_assert_cmpstr (rex_region_get_id (cn.region), ==, "CN");
  g_assert_cmpfloat (cn.value, ==, 70);
  g_assert_true (rex_chart_hit_test (chart, cn.x, cn.y, &hit));
  g_assert_cmpuint (hit.index, ==, 1);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);

  /* Three provinces without the rate share the line above China's row. */
  {
    g_autoptr(RexDataset) dataset = dataset_from_json (
      "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
      "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":[{\"id\":\"rate\",\"name\":\"Rate\",\"unit\":\"%\","
      "\"percent\":true,\"source\":\"s\",\"target\":{\"value\":90,\"year\":2030,\"source\":\"s\"}},"
      "{\"id\":\"other\",\"name\":\"Other\",\"unit\":\"%\",\"source\":\"s\"}],\"regions\":["
      "{\"id\":\"CN\",\"name\":\"China\",\"kind\":\"nation\",\"values\":{\"rate\":{\"2024\":70}}},"
      "{\"id\":\"CN-JS\",\"name\":\"Jiangsu\",\"kind\":\"province\",\"values\":{\"other\":{\"2024\":1}}},"
      "{\"id\":\"CN-SC\",\"name\":\"Sichuan\",\"kind\":\"province\",\"values\":{\"other\":{\"2024\":1}}},"
      "{\"id\":\"CN-XZ\",\"name\":\"Tibet\",\"kind\":\"province\",\"values\":{\"other\":{\"2024\":1}}}]}",
      "three.json");

    rex_chart_spec_set_regions (spec, (const char *[]) { "CN-JS", "CN-SC", "CN-XZ", NULL });
    chart = draw_chart_full (f, dataset, spec, 900, 500, 1);
    g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2);
    g_assert_true (rex_chart_get_item (chart, 0, &xz));
    g_assert_true (rex_chart_get_item (chart, 1, &cn));
    g_assert_cmpstr (rex_region_get_id (cn.region), ==, "CN");
    g_assert_cmpfloat (cn.y - xz.y, <, f->style->font_size * 8);
    name = rex_chart_describe_item (chart, &xz);
    g_assert_cmpstr (name, ==, "The nation’s figures, as there are no data for these metrics in Jiangsu, Sichuan, Tibet");
    g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "China · latest value of each metric");
    /* Narrow, the line wraps (the nation's row below it, not under it),
     * and what it cannot hold ends in an ellipsis, never past the chart. */
    g_clear_object (&chart);
    chart = draw_chart_full (f, dataset, spec, 260, 500, 1);
    g_assert_true (rex_chart_get_item (chart, 0, &xz));
    g_assert_true (rex_chart_get_item (chart, 1, &cn));
    texts = chart_texts (f, chart, 260, 500);
    for (guint i = 0; i < texts->len; i++)
      {
        const RexChartTextBox *box = &g_array_index (texts, RexChartTextBox, i);

        g_assert_cmpfloat (box->x + box->width, <=, 260.5);
        if (g_str_has_prefix (box->text, "The nation"))
          {
            wrapped = TRUE;
            g_assert_cmpfloat (box->height, >, f->style->font_size * 1.6);
            g_assert_cmpfloat (box->y + box->height, <, cn.y - f->style->font_size);
          }
      }
    g_assert_true (wrapped);
    table = rex_chart_get_table (chart);
    g_assert_cmpuint (table->rows->len, ==, 4);
    g_clear_pointer (&table, rex_chart_table_free);
    g_clear_object (&chart);
    g_assert_finalize_object (g_steal_pointer (&dataset));
  }

  /* A metric no region has: the chart is empty, and hovering it finds nothing. */
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", NULL });
  g_free (spec->metric);
  spec->metric = g_strdup ("empty");
  chart = draw_chart (f, spec, 900, 500);
  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_assert_false (rex_chart_hit_test (chart, 450, 250, &hit));
}

/* A trend that falls away from its target is not on course, and says so;
 * one that rises reaches it in a year after its last value and no later
 * than the last year a dataset may hold. */
static void
test_trend_direction (Fixture       *f,
                      gconstpointer  data)
{
  static const char *json =
    "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
    "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":["
    "{\"id\":\"up\",\"name\":\"Up\",\"unit\":\"%\",\"percent\":true,\"source\":\"s\","
    "\"target\":{\"value\":90,\"year\":2030,\"source\":\"s\"}},"
    "{\"id\":\"down\",\"name\":\"Down\",\"unit\":\"%\",\"percent\":true,\"source\":\"s\","
    "\"target\":{\"value\":90,\"year\":2030,\"source\":\"s\"}}],"
    "\"regions\":[{\"id\":\"CN\",\"name\":\"China\",\"kind\":\"nation\",\"values\":{"
    "\"up\":{\"2020\":50,\"2021\":60,\"2022\":70},\"down\":{\"2020\":70,\"2021\":60,\"2022\":50}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "trend.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *description = NULL;

  spec->metric = g_strdup ("up,down");
  chart = draw_chart_full (f, dataset, spec, 900, 500, 1);
  table = rex_chart_get_table (chart);
  /* 50, 60, 70: ten a year, 90 in 2024. */
  g_assert_cmpstr (cell (table, 0, 11), ==, "2024");
  g_assert_cmpstr (cell (table, 0, 12), ==, "on trend");
  g_assert_cmpstr (cell (table, 1, 11), ==, "");
  g_assert_cmpstr (cell (table, 1, 12), ==, "not on current trend");
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, "trend reaches it in 2024"));
  g_assert_nonnull (strstr (description, "Down: 50%, Target 90% by 2030 · 40 to go · not on current trend"));
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* A figure published as "over 45 %" is drawn ">45%", as published, though
 * the metric's exact figures have a decimal (25.5 %): not ">45.0%". */
static void
test_qualified_as_published (Fixture       *f,
                             gconstpointer  data)
{
  static const char *json =
    "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
    "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":["
    "{\"id\":\"sewage\",\"name\":\"Sewage\",\"unit\":\"%\",\"percent\":true,\"decimals\":1,\"source\":\"s\","
    "\"target\":{\"value\":60,\"year\":2030,\"source\":\"s\"}}],"
    "\"regions\":[{\"id\":\"CN\",\"name\":\"China\",\"kind\":\"nation\",\"values\":{"
    "\"sewage\":{\"2020\":25.5,\"2025\":{\"value\":45,\"qualifier\":\"over\"}}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "sewage.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autofree char *description = NULL;

  spec->metric = g_strdup ("sewage");
  chart = draw_chart_full (f, dataset, spec, 900, 400, 1);
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, ">45%"));
  g_assert_null (strstr (description, "45.0"));
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
  ADD ("/progress/row-groups", test_row_groups);
  ADD ("/progress/nation-for-reference", test_nation_for_reference);
  ADD ("/progress/trend-direction", test_trend_direction);
  ADD ("/progress/qualified-as-published", test_qualified_as_published);
#undef ADD
  g_test_add ("/progress/far-target", Fixture, "hostile-limits.json", fixture_setup,
              test_far_target, fixture_teardown);
  return g_test_run ();
}
