/* test-chart-shares.c — donuts and 100 % stacked bars, drawn and probed. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "chart-test-util.h"

/* The point at @degrees (clockwise from 12 o'clock) and @radius of a donut. */
static void
polar (double  cx,
       double  cy,
       double  radius,
       double  degrees,
       double *x,
       double *y)
{
  double a = (degrees - 90) * G_PI / 180;

  *x = cx + cos (a) * radius;
  *y = cy + sin (a) * radius;
}

static void
test_percent_donuts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem part, rest, hit;
  double cx, cy, rm, x, y;

  spec->metric = g_strdup ("part_pop,part_gdp");
  chart = draw_chart (f, spec, 1000, 600);
  /* The subject shared by both names titles the chart and names the part. */
  g_assert_cmpstr (rex_chart_get_title (chart), ==, "Three towns");
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 4);
  g_assert_true (rex_chart_get_item (chart, 0, &part));
  g_assert_true (rex_chart_get_item (chart, 1, &rest));
  g_assert_cmpstr (part.label, ==, "Three towns");
  g_assert_cmpstr (rest.label, ==, "Rest of China");
  g_assert_cmpfloat (part.value, ==, 75);
  g_assert_cmpfloat (rest.value, ==, 25);

  /* Anchors sit mid-wedge on the ring: 75 % spans 0°–270°, so the part's is
   * at 135° and the rest's at 315°, opposite; the centre lies between. */
  cx = (part.x + rest.x) / 2;
  cy = (part.y + rest.y) / 2;
  rm = hypot (part.x - cx, part.y - cy);
  polar (cx, cy, rm, 135, &x, &y);
  g_assert_cmpfloat (fabs (x - part.x) + fabs (y - part.y), <, 1.0);
  polar (cx, cy, rm, 20, &x, &y);
  assert_color (pixel (f, x, y), &f->style->palette[0]);
  polar (cx, cy, rm, 262, &x, &y);
  assert_color (pixel (f, x, y), &f->style->palette[0]);
  polar (cx, cy, rm, 278, &x, &y);
  assert_color (pixel (f, x, y), &f->style->no_data);
  polar (cx, cy, rm, 350, &x, &y);
  assert_color (pixel (f, x, y), &f->style->no_data);

  g_assert_true (rex_chart_hit_test (chart, x, y, &hit));
  g_assert_cmpuint (hit.index, ==, 1);
  polar (cx, cy, rm, 90, &x, &y);
  g_assert_true (rex_chart_hit_test (chart, x, y, &hit));
  g_assert_cmpuint (hit.index, ==, 0);
  g_assert_false (rex_chart_hit_test (chart, cx, cy, &hit));

  /* "About 85 %" keeps its wording in the table. */
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[2], 5), ==, "about");
}

static void
test_total_of_nation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  const char *regions[] = { "CN-JS", "CN-SC", "CN-XZ", NULL };
  RexChartItem item, hit;

  spec->metric = g_strdup ("output");
  spec->shares_mode = REX_SHARES_MODE_STACKED;
  rex_chart_spec_set_regions (spec, regions);
  chart = draw_chart (f, spec, 900, 500);
  /* 500 + 300 + 100 of the nation's 1000: the other 100 is not allocated. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 4);
  g_assert_true (rex_chart_get_item (chart, 3, &item));
  g_assert_null (item.region);
  g_assert_cmpfloat (item.value, ==, 100);
  assert_color (pixel (f, item.x, item.y - 8), &f->style->no_data);

  g_assert_true (rex_chart_get_item (chart, 1, &item));
  g_assert_cmpstr (rex_region_get_id (item.region), ==, "CN-SC");
  assert_color (pixel (f, item.x, item.y - 8), &f->style->palette[1]);
  g_assert_true (rex_chart_hit_test (chart, item.x + 3, item.y + 3, &hit));
  g_assert_true (hit.region == item.region);

  table = rex_chart_get_table (chart);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[0], 5), ==, "50");
}

/* A region whose figure is below zero (net exports) is no share of a
 * whole: left out and named as such, not as a region without data, in a
 * donut and in a composition. */
static void
test_negative_parts (Fixture       *f,
                     gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Net\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"net\", \"name\": \"Net exports\", \"unit\": \"\", \"source\": \"t\"},"
    "  {\"id\": \"a\", \"name\": \"A\", \"unit\": \"\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-BJ\", \"name\": \"Beijing\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"net\": {\"2024\": -1200.5}, \"a\": {\"2024\": 5}}},"
    "  {\"id\": \"CN-SH\", \"name\": \"Shanghai\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"net\": {\"2024\": 3000}, \"a\": {\"2024\": 5}}},"
    "  {\"id\": \"CN-TJ\", \"name\": \"Tianjin\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"a\": {\"2024\": 5}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "net.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  const char *regions[] = { "CN-BJ", "CN-SH", "CN-TJ", NULL };

  spec->metric = g_strdup ("net");
  rex_chart_spec_set_regions (spec, regions);
  chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "below zero, so no share: Beijing"));
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "no data for Tianjin"));
  g_assert_null (strstr (rex_chart_get_subtitle (chart), "no data for Beijing"));
  g_clear_object (&chart);

  spec->shares_mode = REX_SHARES_MODE_COMPOSITION;
  g_free (spec->metric);
  spec->metric = g_strdup ("net,a");
  chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "below zero, so no share: Beijing"));
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "no data for Tianjin"));
  g_clear_object (&chart);

  /* Tianjin has no net exports: the empty chart names that part, whichever
   * is given first. */
  for (guint order = 0; order < 2; order++)
    {
      const char *tianjin[] = { "CN-TJ", NULL };

      g_free (spec->metric);
      spec->metric = g_strdup (order == 0 ? "a,net" : "net,a");
      rex_chart_spec_set_regions (spec, tianjin);
      chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
      g_assert_cmpstr (rex_chart_get_empty_message (chart), ==,
                       "No data for Net exports in these regions. Choose other parts or other regions.");
      g_clear_object (&chart);
    }
  rex_chart_spec_set_regions (spec, regions);

  /* "a" has no unit (a table that gave none): no empty part in the
   * subtitle, no empty brackets in the table's header. */
  spec->shares_mode = REX_SHARES_MODE_DONUT;
  g_free (spec->metric);
  spec->metric = g_strdup ("a");
  chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "Percent of the regions’ sum · 2024");
  {
    g_autoptr(RexChartTable) table = rex_chart_get_table (chart);

    for (guint c = 0; c < table->columns->len; c++)
      g_assert_null (strstr (table->columns->pdata[c], "()"));
    g_assert_true (g_ptr_array_find_with_equal_func (table->columns, "A", g_str_equal, NULL));
  }
}

/* Shares are of a sum: rates, ratios and figures per head have none, and
 * the chart says so instead of drawing percentages of their sum. A rule
 * in the file wins over the names; "integrated" holds no "rate". */
static void
test_only_amounts (Fixture       *f,
                   gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Rates\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"gdp_pc\", \"name\": \"GDP\", \"name_zh\": \"人均生产总值\", \"unit\": \"yuan\", \"source\": \"t\"},"
    "  {\"id\": \"growth\", \"name\": \"GDP growth\", \"unit\": \"%\", \"source\": \"t\"},"
    "  {\"id\": \"yield\", \"name\": \"Grain\", \"unit\": \"kg per hectare\", \"source\": \"t\"},"
    "  {\"id\": \"ratio\", \"name\": \"Urban-rural income ratio\", \"unit\": \"\", \"source\": \"t\"},"
    "  {\"id\": \"mean\", \"name\": \"Hours\", \"unit\": \"h\", \"combine\": \"mean\", \"source\": \"t\"},"
    "  {\"id\": \"sum\", \"name\": \"Per-unit sum\", \"unit\": \"t\", \"combine\": \"sum\", \"source\": \"t\"},"
    "  {\"id\": \"power\", \"name\": \"Electricity generated by integrated plants\", \"unit\": \"GWh\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-BJ\", \"name\": \"Beijing\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"gdp_pc\": {\"2024\": 200000}, \"growth\": {\"2024\": 5}, \"yield\": {\"2024\": 6000},"
    "    \"ratio\": {\"2024\": 2.4}, \"mean\": {\"2024\": 8}, \"sum\": {\"2024\": 1}, \"power\": {\"2024\": 40}}},"
    "  {\"id\": \"CN-SH\", \"name\": \"Shanghai\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"gdp_pc\": {\"2024\": 190000}, \"growth\": {\"2024\": 5}, \"yield\": {\"2024\": 7000},"
    "    \"ratio\": {\"2024\": 2.1}, \"mean\": {\"2024\": 9}, \"sum\": {\"2024\": 3}, \"power\": {\"2024\": 60}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "rates.json");
  const char *regions[] = { "CN-BJ", "CN-SH", NULL };
  const char *rates[] = { "gdp_pc", "growth", "yield", "ratio", "mean", "gdp_pc,growth" };

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    for (RexSharesMode mode = REX_SHARES_MODE_DONUT; mode <= REX_SHARES_MODE_COMPOSITION; mode++)
      {
        g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
        g_autoptr(RexChart) chart = NULL;
        g_autoptr(GError) error = NULL;

        spec->metric = g_strdup (rates[i]);
        spec->shares_mode = mode;
        rex_chart_spec_set_regions (spec, regions);
        chart = rex_chart_new (dataset, spec, &error);
        g_assert_null (chart);
        g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
        /* One metric: what it is; two: the composition's own rule or this. */
        if (strchr (rates[i], ',') == NULL && mode != REX_SHARES_MODE_COMPOSITION)
          g_assert_nonnull (strstr (error->message, "is a rate, a ratio or a figure per head"));
      }

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
      g_autoptr(RexChart) chart = NULL;
      RexChartItem item;

      spec->metric = g_strdup (i == 0 ? "sum" : "power");
      rex_chart_spec_set_regions (spec, regions);
      chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
      g_assert_true (rex_chart_get_item (chart, 1, &item));
      g_assert_cmpfloat (item.value, ==, i == 0 ? 3 : 60);
    }

  g_assert_true (rex_metric_text_says_rate ("元/人"));
  g_assert_true (rex_metric_text_says_rate ("城乡居民收入比 (农村=1) 比例"));
  g_assert_true (rex_metric_text_says_rate ("Per-capita disposable income"));
  g_assert_true (rex_metric_text_says_rate ("percentage points"));
  g_assert_false (rex_metric_text_says_rate ("Operated railway lines"));
  g_assert_false (rex_metric_text_says_rate ("10,000 persons"));
  g_assert_false (rex_metric_text_says_rate ("亿元"));
  g_assert_false (rex_metric_text_says_rate (NULL));
}

static void
test_empty_invalid_dark_chinese (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChart) zh = NULL;
  g_autoptr(GError) error = NULL;

  spec->metric = g_strdup ("empty");
  chart = draw_chart (f, spec, 600, 400);
  g_assert_nonnull (rex_chart_get_empty_message (chart));

  g_free (spec->metric);
  spec->metric = g_strdup ("part_pop,output");
  g_assert_null (rex_chart_new (f->dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);

  g_free (spec->metric);
  spec->metric = g_strdup ("part_pop,part_gdp");
  assert_dark_differs (f, spec, 600, 400);

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  zh = draw_chart (f, spec, 600, 400);
  /* Chinese names have no colon: the common start is the subject. */
  g_assert_cmpstr (rex_chart_get_title (zh), ==, "三镇");
  g_setenv ("LANGUAGE", "en", TRUE);
  assert_all_glyphs (f->style, "三镇人口占比经济总量占比中国≈");
}

/* A composition: one 100 % bar per region of parts that make its whole,
 * each part its share of their sum, in the part's colour. */
static void
test_composition (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChartSpec) round_trip = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(RexChart) chart = NULL;
  const char *parts[] = { "va_primary", "va_secondary", "va_tertiary" };
  guint n;

  g_assert_no_error (error);
  spec->metric = g_strdup ("va_primary,va_secondary,va_tertiary");
  spec->shares_mode = REX_SHARES_MODE_COMPOSITION;
  spec->year = 2024;
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-HI", NULL });
  chart = draw_chart_full (f, bundled, spec, 900, 400, 1);
  g_assert_null (rex_chart_get_empty_message (chart));
  n = rex_chart_get_n_items (chart);
  g_assert_cmpuint (n, ==, 6);
  for (guint r = 0; r < 2; r++)
    {
      double sum = 0, left = 0, right = 0;

      for (guint k = 0; k < 3; k++)
        {
          RexChartItem item;
          double v;

          g_assert_true (rex_chart_get_item (chart, r * 3 + k, &item));
          g_assert_cmpstr (item.metric_id, ==, parts[k]);
          g_assert_true (rex_region_get_value (item.region, parts[k], 2024, &v));
          g_assert_cmpfloat (item.value, ==, v);
          sum += v;
          assert_color (pixel (f, item.x, item.y - 6), &f->style->palette[k]);
          if (k == 0)
            left = item.x;
          right = item.x;
        }
      g_assert_cmpfloat (sum, >, 0);
      g_assert_cmpfloat (right, >, left);
    }
  node = rex_chart_spec_to_json (spec);
  round_trip = rex_chart_spec_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (round_trip->shares_mode, ==, REX_SHARES_MODE_COMPOSITION);

  /* Parts in different units are not a whole. */
  g_clear_object (&chart);
  g_free (spec->metric);
  spec->metric = g_strdup ("gdp,population");
  g_assert_null (rex_chart_new (bundled, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* Percentages of one chart share one number of decimals: "36.50%" beside
 * "56.79%", never "36.5%". */
static void
test_one_format (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = load_dataset ("status.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autofree char *text = NULL;

  spec->metric = g_strdup ("share_a,share_b");
  chart = draw_chart_full (f, dataset, spec, 800, 400, 1);
  text = rex_chart_describe (chart);
  g_assert_nonnull (strstr (text, "36.50%"));
  g_assert_nonnull (strstr (text, "56.79%"));
  g_assert_nonnull (strstr (text, "63.50%"));
  g_assert_null (strstr (text, "36.5%"));
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* tests/data/hostile-limits.json: every value of "zero" is 0, every value of
 * "huge" 1.7e308. */
static void
test_all_zero_and_huge (Fixture       *f,
                        gconstpointer  data)
{
  const char * const regions[] = { "P0", "P1", "P2", NULL };

  for (RexSharesMode mode = REX_SHARES_MODE_DONUT; mode <= REX_SHARES_MODE_STACKED; mode++)
    {
      g_autoptr(RexChartSpec) zero = rex_chart_spec_new (REX_CHART_KIND_SHARES);
      g_autoptr(RexChartSpec) huge = rex_chart_spec_new (REX_CHART_KIND_SHARES);
      g_autoptr(RexChart) zero_chart = NULL;
      g_autoptr(RexChart) huge_chart = NULL;
      g_autoptr(RexChartTable) table = NULL;

      zero->metric = g_strdup ("zero");
      zero->shares_mode = mode;
      rex_chart_spec_set_regions (zero, regions);
      zero_chart = draw_chart (f, zero, 800, 500);
      g_assert_nonnull (strstr (rex_chart_get_empty_message (zero_chart), "is zero"));

      huge->metric = g_strdup ("huge");
      huge->shares_mode = mode;
      rex_chart_spec_set_regions (huge, regions);
      huge_chart = draw_chart (f, huge, 800, 500);
      g_assert_null (rex_chart_get_empty_message (huge_chart));
      table = rex_chart_get_table (huge_chart);
      g_assert_cmpuint (table->rows->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g_ptr_array_index ((GPtrArray *) table->rows->pdata[i], 5),
                                                        NULL), 100.0 / 3, 1e-6);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/shares/percent-donuts", test_percent_donuts);
  ADD ("/shares/total-of-nation", test_total_of_nation);
  ADD ("/shares/only-amounts", test_only_amounts);
  ADD ("/shares/negative-parts", test_negative_parts);
  ADD ("/shares/empty-invalid-dark-chinese", test_empty_invalid_dark_chinese);
  ADD ("/shares/composition", test_composition);
  ADD ("/shares/one-format", test_one_format);
#undef ADD
  g_test_add ("/shares/all-zero-and-huge", Fixture, "hostile-limits.json", fixture_setup,
              test_all_zero_and_huge, fixture_teardown);
  return g_test_run ();
}
