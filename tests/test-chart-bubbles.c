/* test-chart-bubbles.c — the bubble chart drawn to images and probed:
 * positions, colours, areas, hit-testing, log axes, interpolation, themes,
 * Chinese text and a large synthetic dataset. */
#include "config.h"

#include <locale.h>

#include "chart-test-util.h"
#include "rex-chart-marks.h"
#include "rex-fit.h"

static RexChartSpec *
bubbles_spec (int year)
{
  RexChartSpec *spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);

  spec->x_metric = g_strdup ("income");
  spec->y_metric = g_strdup ("gdp");
  spec->size_metric = g_strdup ("population");
  spec->color_by = REX_COLOR_BY_MACRO_REGION;
  spec->year = year;
  return spec;
}

static void
test_positions_colours_areas (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (2024);
  g_autoptr(RexChart) chart = draw_chart (f, spec, 1600, 1200);
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *description = NULL;
  RexChartItem js, sc, zj, hi, hit, other;
  const RexColor *east = &f->style->palette[0], *west = &f->style->palette[1];
  double r_js, r_sc, r_zj;

  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 4);
  g_assert_true (find_item (chart, "CN-JS", &js));
  g_assert_true (find_item (chart, "CN-SC", &sc));
  g_assert_true (find_item (chart, "CN-ZJ", &zj));
  g_assert_true (find_item (chart, "CN-HI", &hi));
  /* Tibet has no GDP in 2024: listed as "no data", not drawn at zero. */
  g_assert_false (find_item (chart, "CN-XZ", &other));

  /* Axes: income 10 left of 40, GDP 30 above 20 above -5; same data, same pixel. */
  g_assert_cmpfloat (js.x, <, sc.x);
  g_assert_cmpfloat (js.y, <, sc.y);
  g_assert_cmpfloat (sc.y, <, hi.y);
  g_assert_cmpfloat_with_epsilon (sc.x, zj.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc.y, zj.y, 1e-9);
  /* Linear: income 30 (Hainan) lies two thirds of the way from 10 to 40. */
  g_assert_cmpfloat_with_epsilon ((hi.x - js.x) / (sc.x - js.x), 2.0 / 3.0, 0.002);

  /* Colour by macro-region; the small Zhejiang bubble sits on top of Sichuan. */
  assert_color_near (pixel (f, js.x, js.y), east, 0.03);
  assert_color_near (pixel (f, zj.x, zj.y), east, 0.03);
  r_js = run_length (f, js.x, js.y, east);
  r_zj = run_length (f, zj.x, zj.y, east);
  assert_color_near (pixel (f, sc.x + r_zj + 3, sc.y), west, 0.03);
  r_sc = r_zj + 3 + run_length (f, sc.x + r_zj + 3, sc.y, west);
  /* Area proportional to population: radius ratios are square roots. */
  g_assert_cmpfloat (r_sc, >, 30);
  g_assert_cmpfloat_with_epsilon (r_js / r_sc, sqrt (100.0 / 400.0), 0.04);
  g_assert_cmpfloat_with_epsilon (r_zj / r_sc, sqrt (25.0 / 400.0), 0.04);
  /* Beyond the bubble, not its colour. */
  g_assert_false (color_near (pixel (f, js.x + r_js + 3, js.y), east, 0.06));

  /* Hit-testing: the topmost bubble containing the point. */
  g_assert_true (rex_chart_hit_test (chart, zj.x, zj.y, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "CN-ZJ");
  g_assert_true (rex_chart_hit_test (chart, sc.x + r_zj + 5, sc.y, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "CN-SC");
  g_assert_true (rex_chart_hit_test (chart, js.x - r_js + 3, js.y, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "CN-JS");
  g_assert_false (rex_chart_hit_test (chart, js.x + r_js + 6, js.y, &hit));

  /* The table lists every region, blank where there is no value. */
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->columns->len, ==, 6);
  g_assert_cmpuint (table->rows->len, ==, 5);
  for (guint i = 0; i < table->rows->len; i++)
    {
      GPtrArray *row = table->rows->pdata[i];
      if (g_strcmp0 (row->pdata[0], "CN-XZ") == 0)
        {
          g_assert_cmpstr (row->pdata[3], ==, "20");
          g_assert_cmpstr (row->pdata[4], ==, "");
        }
      if (g_strcmp0 (row->pdata[0], "CN-SC") == 0)
        g_assert_cmpstr (row->pdata[5], ==, "400");
    }
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, "1 without data"));
}

static void
test_selection_and_theme (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (2024);
  g_autoptr(RexChart) light = NULL;
  g_autoptr(RexChart) dark = NULL;
  const char *selected[] = { "CN-JS", NULL };
  RexChartItem js, sc;
  RexColor dimmed, light_pixel;

  rex_chart_spec_set_regions (spec, selected);
  light = draw_chart (f, spec, 1200, 800);
  g_assert_true (find_item (light, "CN-JS", &js));
  g_assert_true (find_item (light, "CN-SC", &sc));
  assert_color_near (pixel (f, js.x, js.y), &f->style->palette[0], 0.03);
  /* Others step back toward the background. */
  dimmed = rex_color_mix (&f->style->palette[1], &f->style->background, 0.65);
  /* 20 units right of Sichuan's centre: inside it, outside the small Zhejiang. */
  assert_color_near (pixel (f, sc.x + 20, sc.y), &dimmed, 0.03);
  light_pixel = pixel (f, js.x, js.y);

  rex_chart_style_free (f->style);
  f->style = rex_chart_style_new (REX_THEME_DARK);
  dark = draw_chart (f, spec, 1200, 800);
  assert_color_near (pixel (f, 2, 2), &f->style->background, 0.03);
  assert_color_near (pixel (f, js.x, js.y), &f->style->palette[0], 0.03);
  g_assert_false (color_near (pixel (f, js.x, js.y), &light_pixel, 0.05));
}

static void
test_interpolation (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (2023);
  g_autoptr(RexChart) a = NULL;
  g_autoptr(RexChart) b = NULL;
  g_autoptr(RexChart) mid = NULL;
  RexChartItem ja, jb, jm, zb, zm;
  RexColor zj_full, zj_mid;

  a = draw_chart (f, spec, 1200, 800);
  spec->year = 2024;
  b = draw_chart (f, spec, 1200, 800);
  g_assert_true (find_item (b, "CN-ZJ", &zb));
  zj_full = pixel (f, zb.x, zb.y);
  spec->year = 2023;
  spec->year_fraction = 0.5;
  mid = draw_chart (f, spec, 1200, 800);

  g_assert_true (find_item (a, "CN-JS", &ja));
  g_assert_true (find_item (b, "CN-JS", &jb));
  g_assert_true (find_item (mid, "CN-JS", &jm));
  /* Axes span every year, so positions compare across frames. */
  g_assert_cmpfloat (fabs (ja.x - jb.x), >, 50);
  g_assert_cmpfloat_with_epsilon (jm.x, (ja.x + jb.x) / 2, 0.5);
  g_assert_cmpfloat_with_epsilon (jm.y, (ja.y + jb.y) / 2, 0.5);
  g_assert_cmpfloat_with_epsilon (jm.value, 20, 1e-9);
  assert_color_near (pixel (f, jm.x, jm.y), &f->style->palette[0], 0.03);
  /* Zhejiang has only 2024: no value is invented for 2023.5; it waits at its
   * one real value, half faded in. */
  g_assert_true (find_item (mid, "CN-ZJ", &zm));
  g_assert_cmpfloat_with_epsilon (zm.x, zb.x, 0.5);
  g_assert_cmpfloat_with_epsilon (zm.y, zb.y, 0.5);
  zj_mid = pixel (f, zm.x, zm.y);
  g_assert_false (color_near (zj_mid, &zj_full, 0.05));
  g_assert_false (color_near (zj_mid, &f->style->background, 0.05));
  g_assert_nonnull (strstr (rex_chart_get_subtitle (mid), "2023.5 — interpolated between 2023 and 2024"));
}

static void
test_log_axes (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (2024);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem js, sc, hi;

  spec->log_x = TRUE;
  spec->log_y = TRUE;
  chart = draw_chart (f, spec, 1200, 800);
  g_assert_null (rex_chart_get_empty_message (chart));
  /* Hainan's negative GDP cannot sit on a log axis: left off (and noted). */
  g_assert_false (find_item (chart, "CN-HI", &hi));
  g_assert_true (find_item (chart, "CN-JS", &js));
  g_assert_true (find_item (chart, "CN-SC", &sc));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 3);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 5);
  g_clear_object (&chart);

  /* Population 25, 50, 100, 400 on a log axis: equal ratios, equal steps. */
  g_free (spec->x_metric);
  g_free (spec->y_metric);
  spec->x_metric = g_strdup ("population");
  spec->y_metric = g_strdup ("income");
  chart = draw_chart (f, spec, 1200, 800);
  {
    RexChartItem p25, p50, p100, p400;

    g_assert_true (find_item (chart, "CN-ZJ", &p25));
    g_assert_true (find_item (chart, "CN-XZ", &p50));
    g_assert_true (find_item (chart, "CN-JS", &p100));
    g_assert_true (find_item (chart, "CN-SC", &p400));
    g_assert_cmpfloat_with_epsilon ((p50.x - p25.x) / (p100.x - p25.x), 0.5, 0.002);
    g_assert_cmpfloat_with_epsilon ((p400.x - p100.x) / (p100.x - p25.x), 1.0, 0.002);
    /* Income 10 → 40 is two doublings, 20 is one: halfway up on the log axis. */
    g_assert_cmpfloat_with_epsilon ((p50.y - p100.y) / (p400.y - p100.y), 0.5, 0.002);
  }
}

static void
test_empty_and_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (1999);
  g_autoptr(RexChart) chart = draw_chart (f, spec, 600, 400);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "1999"));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 0);

  g_free (spec->y_metric);
  spec->y_metric = NULL;
  g_assert_null (rex_chart_new (f->dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_UNKNOWN_METRIC);
  g_assert_nonnull (strstr (error->message, "--y-metric"));
}

static void
test_latest_common_year (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (0);
  g_autoptr(RexChart) chart = draw_chart (f, spec, 800, 600);
  RexChartItem item;

  g_assert_true (rex_chart_get_item (chart, 0, &item));
  g_assert_cmpint (item.year, ==, 2024);
}

/* The year a bubble chart of land area and GDP shows when none is asked
 * for, in a dataset of Jiangsu (@values: its "values" object) and Sichuan,
 * which has a GDP of 2000 and no land area, so never both. */
static int
default_year (Fixture    *f,
              const char *values)
{
  g_autofree char *json = g_strdup_printf (
    "{\"schema\": \"region-explorer/1\", \"title\": \"Undated\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"area\", \"name\": \"Land area\", \"unit\": \"km2\", \"source\": \"t\"},"
    "  {\"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"yuan\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\", \"values\": %s},"
    "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"gdp\": {\"2000\": 1}}}]}", values);
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "undated.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem item;

  spec->x_metric = g_strdup ("area");
  spec->y_metric = g_strdup ("gdp");
  chart = draw_chart_full (f, dataset, spec, 600, 400, 1);
  if (rex_chart_get_empty_message (chart) != NULL)
    {
      g_test_message ("%s", rex_chart_get_empty_message (chart));
      return 0;
    }
  g_assert_true (find_item (chart, "CN-JS", &item));
  g_assert_false (isnan (item.value));
  return item.year;
}

/* Without a year asked for, the chart shows the latest year in which a
 * region has both metrics, an undated value (land area) counting in every
 * year, and a gap in one metric's years not. */
static void
test_latest_year_undated (Fixture       *f,
                          gconstpointer  data)
{
  /* Land area undated, GDP dated: the latest GDP. */
  g_assert_cmpint (default_year (f, "{\"area\": {\"undated\": 10}, \"gdp\": {\"2022\": 5, \"2023\": 6}}"),
                   ==, 2023);
  /* Land area dated up to 2024, GDP undated and dated below it: 2024. */
  g_assert_cmpint (default_year (f, "{\"area\": {\"2020\": 9, \"2024\": 10},"
                                    " \"gdp\": {\"undated\": 7, \"2022\": 5}}"), ==, 2024);
  /* Both dated, land area missing 2021 to 2023: 2020, the last year of both,
   * not 2022 (GDP alone) or 2024 (land area alone). */
  g_assert_cmpint (default_year (f, "{\"area\": {\"2020\": 9, \"2024\": 10},"
                                    " \"gdp\": {\"2020\": 4, \"2022\": 5}}"), ==, 2020);
}

/* Every region has the same value on the vertical axis: the axis is
 * widened around it, on both sides, so the bubbles sit in the middle of the
 * plot, not on its top edge. */
static void
test_one_value_axis (Fixture       *f,
                     gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Flat\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"area\", \"name\": \"Land area\", \"unit\": \"km2\", \"source\": \"t\"},"
    "  {\"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"yuan\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"area\": {\"2024\": 10}, \"gdp\": {\"2024\": 50}}},"
    "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"area\": {\"2024\": 48}, \"gdp\": {\"2024\": 50}}},"
    "  {\"id\": \"CN-XZ\", \"name\": \"Tibet\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"area\": {\"2024\": 120}, \"gdp\": {\"2024\": 50}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "flat.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem js, sc, xz;
  int height = 600;

  spec->x_metric = g_strdup ("area");
  spec->y_metric = g_strdup ("gdp");
  chart = draw_chart_full (f, dataset, spec, 900, height, 1);
  g_assert_true (find_item (chart, "CN-JS", &js));
  g_assert_true (find_item (chart, "CN-SC", &sc));
  g_assert_true (find_item (chart, "CN-XZ", &xz));
  g_assert_cmpfloat (js.y, ==, sc.y);
  g_assert_cmpfloat (sc.y, ==, xz.y);
  g_assert_cmpfloat (js.x, <, sc.x);
  g_assert_cmpfloat (sc.x, <, xz.x);
  g_test_message ("bubbles at y = %g of %d", js.y, height);
  g_assert_cmpfloat (js.y, >, height * 0.35);
  g_assert_cmpfloat (js.y, <, height * 0.65);
}

static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = bubbles_spec (2024);
  g_autoptr(RexChart) chart = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  chart = draw_chart (f, spec, 1200, 800);
  g_assert_nonnull (strstr (rex_chart_get_title (chart), "地区生产总值"));
  g_assert_nonnull (strstr (rex_chart_get_title (chart), "收入"));
  g_setenv ("LANGUAGE", "en", TRUE);
  assert_all_glyphs (f->style, "江苏四川浙江西藏海南东部西部收入地区生产总值人口");
}

static void
test_many_regions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = bubbles_spec (2024);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 3000;
  gint64 start;
  double seconds;
  RexChartItem item, hit;

  g_string_append (json, "{\"schema\":\"region-explorer/1\",\"title\":\"Many\","
                         "\"sources\":[{\"id\":\"t\",\"publisher\":\"T\",\"title\":\"T\"}],"
                         "\"metrics\":[{\"id\":\"income\",\"name\":\"Income\",\"unit\":\"u\",\"source\":\"t\"},"
                         "{\"id\":\"gdp\",\"name\":\"GDP\",\"unit\":\"u\",\"source\":\"t\"},"
                         "{\"id\":\"population\",\"name\":\"Population\",\"unit\":\"u\",\"source\":\"t\"}],"
                         "\"regions\":[{\"id\":\"CN\",\"name\":\"C\",\"kind\":\"nation\"},"
                         "{\"id\":\"east\",\"name\":\"East\",\"kind\":\"macro-region\",\"parent\":\"CN\"}");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, ",{\"id\":\"R%u\",\"name\":\"Region %u\",\"kind\":\"province\","
                            "\"parent\":\"east\",\"values\":{\"income\":{\"2024\":%u},"
                            "\"gdp\":{\"2024\":%u},\"population\":{\"2024\":%u}}}",
                            i, i, 1 + (i * 7919) % 1000, 1 + (i * 104729) % 5000, 1 + (i * 31) % 900);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  dataset = rex_dataset_new_from_bytes (bytes, "many.json", NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  chart = draw_chart_full (f, dataset, spec, 1920, 1080, 1);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("3000 bubbles laid out and drawn in %.3f s", seconds);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n);
  /* Generous bound for slow CI machines; a layout per bubble costs seconds.
   * AddressSanitizer makes every allocation several times slower. */
#ifdef __SANITIZE_ADDRESS__
  g_assert_cmpfloat (seconds, <, 10.0);
#else
  g_assert_cmpfloat (seconds, <, 2.0);
#endif
  /* The last drawn (smallest) item is what hit-testing finds at its centre. */
  g_assert_true (rex_chart_get_item (chart, n - 1, &item));
  g_assert_true (rex_chart_hit_test (chart, item.x, item.y, &hit));
  g_assert_cmpuint (hit.index, ==, n - 1);
  g_clear_object (&chart);
  g_clear_pointer (&f->surface, cairo_surface_destroy);
}

/* Crowded marks: every label placed covers no mark; one beside its mark
 * lies nearer it than any other (one farther away has a leader line to
 * say whose it is); some labels need a leader, some are left off. */
static void
test_label_placement (void)
{
  RexRect bounds = { 0, 0, 400, 300 };
  RexLabelPlacer placer;
  double marks[40][3];
  guint n_placed = 0;
  GRand *rand = g_rand_new_with_seed (15);

  rex_label_placer_init (&placer, &bounds);
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      marks[i][0] = g_rand_double_range (rand, 100, 300);
      marks[i][1] = g_rand_double_range (rand, 80, 220);
      marks[i][2] = g_rand_double_range (rand, 2, 14);
      g_assert_cmpuint (rex_label_placer_add_mark (&placer, marks[i][0], marks[i][1], marks[i][2]), ==, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      RexRect rect;
      gboolean moved;
      double own;

      if (!rex_label_placer_place_for_mark (&placer, i, 48, 14, FALSE, &rect, &moved))
        continue;
      n_placed++;
      g_assert_true (rex_rect_contains (&bounds, &rect));
      for (guint j = 0; j <= G_N_ELEMENTS (marks); j++)
        {
          guint k = j < G_N_ELEMENTS (marks) ? j : i;
          double dx = MAX (MAX (rect.x - marks[k][0], 0), marks[k][0] - rect.x - rect.w);
          double dy = MAX (MAX (rect.y - marks[k][1], 0), marks[k][1] - rect.y - rect.h);
          double d = sqrt (dx * dx + dy * dy) - marks[k][2];

          /* Clear of every mark, and of the others by more than of its own. */
          g_assert_cmpfloat (d, >=, 0);
          if (j == G_N_ELEMENTS (marks))
            own = d;
        }
      for (guint j = 0; j < G_N_ELEMENTS (marks); j++)
        {
          double dx = MAX (MAX (rect.x - marks[j][0], 0), marks[j][0] - rect.x - rect.w);
          double dy = MAX (MAX (rect.y - marks[j][1], 0), marks[j][1] - rect.y - rect.h);

          if (j != i && !moved)
            g_assert_cmpfloat (sqrt (dx * dx + dy * dy) - marks[j][2], >, own);
          else if (j != i)
            g_assert_cmpfloat (sqrt (dx * dx + dy * dy) - marks[j][2], >, 0);
        }
    }
  g_assert_cmpuint (n_placed, >, 5);
  g_assert_cmpuint (n_placed, <, G_N_ELEMENTS (marks));
  rex_label_placer_clear (&placer);
  g_rand_free (rand);

  /* With the places beside a mark taken, its label moves away, flagged for
   * a leader. */
  {
    RexRect taken = { 150, 120, 100, 60 }, rect;
    gboolean moved = FALSE;

    rex_label_placer_init (&placer, &bounds);
    rex_label_placer_add_mark (&placer, 200, 150, 10);
    rex_label_placer_block (&placer, &taken);
    g_assert_true (rex_label_placer_place_for_mark (&placer, 0, 48, 14, FALSE, &rect, &moved));
    g_assert_true (moved);
    g_assert_false (rex_rect_intersects (&rect, &taken));
    rex_label_placer_clear (&placer);
  }
}

/* The pixel nearest in colour to @want in the 5×5 pixels around (x, y). */
static RexColor
nearest_around (Fixture        *f,
                double          x,
                double          y,
                const RexColor *want)
{
  RexColor best = pixel (f, x, y);

  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        RexColor c = pixel (f, x + dx, y + dy);
        if (color_distance (c, want) < color_distance (best, want))
          best = c;
      }
  return best;
}

static const char trails_json[] =
  "{\"schema\": \"region-explorer/1\", \"title\": \"Trails\","
  " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
  " \"metrics\": [{\"id\": \"x\", \"name\": \"Income\", \"unit\": \"yuan\", \"source\": \"t\"},"
  "  {\"id\": \"y\", \"name\": \"GDP\", \"unit\": \"yuan\", \"source\": \"t\"}],"
  " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
  /* Jiangsu moves right and up; 2021 has no x: a gap. */
  "  {\"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\","
  "   \"values\": {\"x\": {\"2018\": 10, \"2019\": 20, \"2020\": 30, \"2022\": 50, \"2023\": 60},"
  "               \"y\": {\"2018\": 10, \"2019\": 20, \"2020\": 30, \"2021\": 40, \"2022\": 50, \"2023\": 60}}},"
  /* Sichuan climbs at the right edge, never selected. */
  "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
  "   \"values\": {\"x\": {\"2018\": 90, \"2019\": 90, \"2020\": 90, \"2021\": 90, \"2022\": 90, \"2023\": 90},"
  "               \"y\": {\"2018\": 10, \"2019\": 20, \"2020\": 30, \"2021\": 40, \"2022\": 50, \"2023\": 60}}}]}";

static void
test_trails (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = dataset_from_json (trails_json, "trails.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  const char *selected[] = { "CN-JS", NULL };
  const int years[] = { 2018, 2019, 2020, 2022 };
  RexChartItem at[G_N_ELEMENTS (years)], sc_2018, js, item;
  const RexColor *trail = &f->style->highlight;

  spec->x_metric = g_strdup ("x");
  spec->y_metric = g_strdup ("y");
  rex_chart_spec_set_regions (spec, selected);
  /* Where Jiangsu and Sichuan stood: the axes span every year, so a year's
   * bubble is where the trail's point for it must be. */
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(RexChart) year_chart = NULL;

      spec->year = years[i];
      year_chart = draw_chart_full (f, dataset, spec, 900, 600, 1);
      g_assert_true (find_item (year_chart, "CN-JS", &at[i]));
      if (years[i] == 2018)
        g_assert_true (find_item (year_chart, "CN-SC", &sc_2018));
    }

  spec->year = 2023;
  spec->trails = TRUE;
  chart = draw_chart_full (f, dataset, spec, 900, 600, 1);
  g_assert_true (find_item (chart, "CN-JS", &js));
  /* The two bubbles, then the trail's points: hovered, reached by the
   * keyboard and named for a screen reader like them. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2 + G_N_ELEMENTS (years));
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      RexChartItem point;
      g_autofree char *point_name = NULL;
      g_autofree char *expected = g_strdup_printf ("Jiangsu, %d: ", years[i]);

      g_assert_true (rex_chart_get_item (chart, 2 + i, &point));
      g_assert_cmpint (point.year, ==, years[i]);
      g_assert_cmpstr (rex_region_get_id (point.region), ==, "CN-JS");
      g_assert_true (rex_chart_hit_test (chart, at[i].x + 1, at[i].y, &item));
      g_assert_cmpuint (item.index, ==, 2 + i);
      point_name = rex_chart_describe_item (chart, &item);
      g_assert_true (g_str_has_prefix (point_name, expected));
      g_assert_nonnull (strstr (point_name, "on the trail to 2023"));
    }
  /* The bubble itself is still what its centre hits. */
  g_assert_true (rex_chart_hit_test (chart, js.x, js.y, &item));
  g_assert_cmpstr (rex_region_get_id (item.region), ==, "CN-JS");
  g_assert_cmpint (item.year, ==, 2023);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    assert_color_near (pixel (f, at[i].x, at[i].y), trail, 0.03);
  /* A line joins the years in a row, and the last to the bubble... */
  assert_color_near (nearest_around (f, (at[0].x + at[1].x) / 2, (at[0].y + at[1].y) / 2, trail), trail, 0.1);
  assert_color_near (nearest_around (f, (at[1].x + at[2].x) / 2, (at[1].y + at[2].y) / 2, trail), trail, 0.1);
  assert_color_near (nearest_around (f, (at[3].x + js.x) / 2, (at[3].y + js.y) / 2, trail), trail, 0.1);
  /* ...but not over the year without a value. */
  g_assert_cmpfloat (color_distance (nearest_around (f, (at[2].x + at[3].x) / 2, (at[2].y + at[3].y) / 2, trail),
                                     trail), >, 0.3);
  /* No trail for a region not selected. */
  g_assert_cmpfloat (color_distance (nearest_around (f, sc_2018.x, sc_2018.y, trail), trail), >, 0.3);

  /* The table lists the trail's years after the year drawn. */
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 2 + G_N_ELEMENTS (years));
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      GPtrArray *row = table->rows->pdata[2 + i];
      g_autofree char *year = g_strdup_printf ("%d", years[i]);

      g_assert_cmpstr (row->pdata[0], ==, "CN-JS");
      g_assert_cmpstr (row->pdata[2], ==, year);
    }
  g_assert_cmpstr (((GPtrArray *) table->rows->pdata[3])->pdata[3], ==, "20");
  g_assert_cmpstr (((GPtrArray *) table->rows->pdata[3])->pdata[4], ==, "20");

  /* A screen reader hears where the trail starts. */
  g_assert_true (rex_chart_hit_test (chart, js.x, js.y, &item));
  name = rex_chart_describe_item (chart, &item);
  g_assert_nonnull (strstr (name, "trail from 2018: Income 10 yuan; GDP 10 yuan"));
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, "A trail shows where 1 selected region stood"));

  /* Between two years the trail takes in the year before the state drawn. */
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);
  spec->year = 2022;
  spec->year_fraction = 0.5;
  chart = draw_chart_full (f, dataset, spec, 900, 600, 1);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 2 + G_N_ELEMENTS (years));
  assert_color_near (pixel (f, at[3].x, at[3].y), trail, 0.03);

  /* Off, or with nothing selected: no trail. */
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);
  spec->year = 2023;
  spec->year_fraction = 0;
  spec->trails = FALSE;
  chart = draw_chart_full (f, dataset, spec, 900, 600, 1);
  g_assert_cmpfloat (color_distance (nearest_around (f, at[1].x, at[1].y, trail), trail), >, 0.3);
  g_clear_object (&chart);
  spec->trails = TRUE;
  rex_chart_spec_set_regions (spec, NULL);
  chart = draw_chart_full (f, dataset, spec, 900, 600, 1);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 2);
}

/* Sixty regions selected: trails for the fifty largest, and a note says so
 * (every trail's points are marks each label is tried against). */
static void
test_trails_limited (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) selected = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = bubbles_spec (2024);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *description = NULL;
  guint trail_rows = 0;

  g_string_append (json, "{\"schema\":\"region-explorer/1\",\"title\":\"Sixty\","
                         "\"sources\":[{\"id\":\"t\",\"publisher\":\"T\",\"title\":\"T\"}],"
                         "\"metrics\":[{\"id\":\"income\",\"name\":\"Income\",\"unit\":\"u\",\"source\":\"t\"},"
                         "{\"id\":\"gdp\",\"name\":\"GDP\",\"unit\":\"u\",\"source\":\"t\"},"
                         "{\"id\":\"population\",\"name\":\"Population\",\"unit\":\"u\",\"source\":\"t\"}],"
                         "\"regions\":[{\"id\":\"CN\",\"name\":\"C\",\"kind\":\"nation\"}");
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("R%u", i);

      g_string_append_printf (json, ",{\"id\":\"%s\",\"name\":\"Region %u\",\"kind\":\"province\","
                              "\"parent\":\"CN\",\"values\":{\"income\":{\"2023\":%u,\"2024\":%u},"
                              "\"gdp\":{\"2023\":%u,\"2024\":%u},\"population\":{\"2023\":%u,\"2024\":%u}}}",
                              id, i, i, i + 1, i, i + 2, 100 + i, 100 + i);
      g_strv_builder_add (ids, id);
    }
  g_string_append (json, "]}");
  dataset = dataset_from_json (json->str, "sixty.json");
  selected = g_strv_builder_end (ids);
  rex_chart_spec_set_regions (spec, (const char * const *) selected);
  spec->trails = TRUE;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  table = rex_chart_get_table (chart);
  for (guint i = 0; i < table->rows->len; i++)
    if (g_str_equal (g_ptr_array_index ((GPtrArray *) table->rows->pdata[i], 2), "2023"))
      {
        /* The largest, by population: R10 to R59. */
        const char *id = g_ptr_array_index ((GPtrArray *) table->rows->pdata[i], 0);

        g_assert_cmpint (atoi (id + 1), >=, 10);
        trail_rows++;
      }
  g_assert_cmpuint (trail_rows, ==, 50);
  description = rex_chart_describe (chart);
  g_assert_nonnull (strstr (description, "Trails show where 50 selected regions"));
}

/* Four provinces on a line's sides (x 1…4, y 2, 4, 5, 9: by hand, the
 * least-squares line y = 2.2x − 0.5, r = 11/√130), three on y = 10x²
 * exactly (a straight line on two log axes), three with one x. */
static const char fit_json[] =
  "{ \"schema\": \"region-explorer/1\", \"title\": \"Fit\","
  "  \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"Fixture\" } ],"
  "  \"metrics\": [ { \"id\": \"x\", \"name\": \"X\", \"unit\": \"u\", \"source\": \"t\" },"
  "                 { \"id\": \"y\", \"name\": \"Y\", \"unit\": \"v\", \"source\": \"t\" } ],"
  "  \"regions\": ["
  "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\" },"
  "    { \"id\": \"A\", \"name\": \"A\", \"kind\": \"province\", \"parent\": \"CN\","
  "      \"values\": { \"x\": { \"2020\": 1, \"2021\": 1, \"2022\": 5, \"2023\": 1 },"
  "                    \"y\": { \"2020\": 2, \"2021\": 10, \"2022\": 1, \"2023\": 3 } } },"
  "    { \"id\": \"B\", \"name\": \"B\", \"kind\": \"province\", \"parent\": \"CN\","
  "      \"values\": { \"x\": { \"2020\": 2, \"2021\": 10, \"2022\": 5, \"2023\": 2 },"
  "                    \"y\": { \"2020\": 4, \"2021\": 1000, \"2022\": 2, \"2023\": 4 } } },"
  "    { \"id\": \"C\", \"name\": \"C\", \"kind\": \"province\", \"parent\": \"CN\","
  "      \"values\": { \"x\": { \"2020\": 3, \"2021\": 100, \"2022\": 5 },"
  "                    \"y\": { \"2020\": 5, \"2021\": 100000, \"2022\": 3 } } },"
  "    { \"id\": \"D\", \"name\": \"D\", \"kind\": \"province\", \"parent\": \"CN\","
  "      \"values\": { \"x\": { \"2020\": 4 }, \"y\": { \"2020\": 9 } } },"
  "    { \"id\": \"E\", \"name\": \"E\", \"kind\": \"province\", \"parent\": \"CN\","
  "      \"values\": { \"x\": { \"2020\": 10 } } } ] }";

static RexChartSpec *
fit_spec (int year)
{
  RexChartSpec *spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);

  spec->x_metric = g_strdup ("x");
  spec->y_metric = g_strdup ("y");
  spec->year = year;
  spec->fit = TRUE;
  return spec;
}

/* The table's last column, the fit line's value, of region @id. */
static double
fitted_value (RexChart   *chart,
              const char *id)
{
  g_autoptr(RexChartTable) table = rex_chart_get_table (chart);

  g_assert_cmpstr (table->columns->pdata[table->columns->len - 1], ==, "Y (v) on the fit line");
  for (guint i = 0; i < table->rows->len; i++)
    {
      GPtrArray *row = table->rows->pdata[i];

      if (g_str_equal (row->pdata[0], id))
        return *(char *) row->pdata[row->len - 1] ? g_ascii_strtod (row->pdata[row->len - 1], NULL) : NAN;
    }
  g_assert_not_reached ();
}

/* The share of @n points along the segment from (@x0, @y0) to (@x1, @y1)
 * drawn in @color. */
static double
share_in_color (Fixture        *f,
                double          x0,
                double          y0,
                double          x1,
                double          y1,
                const RexColor *color)
{
  guint hits = 0, n = 60;

  for (guint i = 0; i < n; i++)
    {
      double t = (i + 0.5) / n;

      hits += color_near (pixel (f, x0 + t * (x1 - x0), y0 + t * (y1 - y0)), color, 0.12);
    }
  return (double) hits / n;
}

static void
test_fit (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = dataset_from_json (fit_json, "fit.json");
  g_autoptr(RexChartSpec) spec = fit_spec (2020);
  g_autoptr(RexChart) chart = draw_chart_full (f, dataset, spec, 1000, 700, 1);
  g_autofree char *summary = rex_chart_describe (chart);
  g_autofree char *expected = NULL;
  RexChartItem a, d;
  double sx, sy, x0, y0, x1, y1;

  /* The line by hand, in the table (blank where a region is not drawn) and
   * in the summary. */
  g_assert_cmpfloat_with_epsilon (fitted_value (chart, "A"), 1.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (fitted_value (chart, "B"), 3.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (fitted_value (chart, "D"), 8.3, 1e-12);
  g_assert_true (isnan (fitted_value (chart, "E")));
  /* A screen reader hears how far each bubble stands from the line: D's 9
   * is 0.7 above its 8.3. */
  {
    RexChartItem item;
    g_autofree char *sentence = NULL;

    g_assert_true (find_item (chart, "D", &item));
    sentence = rex_chart_describe_item (chart, &item);
    g_assert_true (g_str_has_suffix (sentence, "; 0.7 v above the fit line"));
  }
  expected = g_strdup_printf (" Least-squares line: r\u00a0=\u00a0%.2f, R²\u00a0=\u00a0%.2f over 4 regions.",
                              11 / sqrt (130), 121 / 130.0);
  g_assert_true (g_str_has_suffix (summary, expected));

  /* Drawn from A's x to D's, and not beyond: where it would go on, left of
   * A, nothing is in the line's colour. */
  g_assert_true (find_item (chart, "A", &a));
  g_assert_true (find_item (chart, "D", &d));
  sx = (d.x - a.x) / 3;
  sy = (d.y - a.y) / 7;
  x0 = a.x;
  y0 = a.y + (1.7 - 2) * sy;
  x1 = d.x;
  y1 = a.y + (8.3 - 2) * sy;
  g_assert_cmpfloat (share_in_color (f, x0, y0, x1, y1, &f->style->reference), >, 0.4);
  g_assert_cmpfloat (share_in_color (f, x0 - 0.8 * sx, y0 - 0.8 * 2.2 * sy, x0 - 0.3 * sx, y0 - 0.3 * 2.2 * sy,
                                     &f->style->reference), ==, 0);
  g_clear_object (&chart);

  /* Without it: no line, no column, no word of it. */
  spec->fit = FALSE;
  chart = draw_chart_full (f, dataset, spec, 1000, 700, 1);
  g_assert_cmpfloat (share_in_color (f, x0, y0, x1, y1, &f->style->reference), <, 0.1);
  {
    g_autoptr(RexChartTable) table = rex_chart_get_table (chart);
    g_autofree char *plain = rex_chart_describe (chart);

    g_assert_cmpuint (table->columns->len, ==, 5);
    g_assert_null (strstr (plain, "Least-squares"));
  }
  g_clear_object (&chart);

  /* On two log axes, y = 10x² is a straight line through every bubble. */
  g_clear_pointer (&spec, rex_chart_spec_free);
  spec = fit_spec (2021);
  spec->log_x = spec->log_y = TRUE;
  chart = draw_chart_full (f, dataset, spec, 1000, 700, 1);
  g_clear_pointer (&summary, g_free);
  summary = rex_chart_describe (chart);
  g_assert_nonnull (strstr (summary, "r\u00a0=\u00a01.00, R²\u00a0=\u00a01.00 over 3 regions, fitted on both log scales."));
  g_assert_cmpfloat_with_epsilon (fitted_value (chart, "A") / 10, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (fitted_value (chart, "B") / 1000, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (fitted_value (chart, "C") / 100000, 1, 1e-12);
  g_clear_object (&chart);

  /* No line where none can be fitted, and the note says why. */
  for (int year = 2022; year <= 2023; year++)
    {
      g_autoptr(GArray) texts = NULL;
      g_autoptr(RexChartTable) table = NULL;
      gboolean said = FALSE;

      g_clear_pointer (&spec, rex_chart_spec_free);
      spec = fit_spec (year);
      chart = draw_chart_full (f, dataset, spec, 1000, 700, 1);
      texts = chart_texts (f, chart, 1000, 700);
      for (guint i = 0; i < texts->len; i++)
        said |= strstr (g_array_index (texts, RexChartTextBox, i).text,
                        year == 2022 ? "No fit line: every region has the same horizontal value."
                                     : "No fit line: it takes three regions or more.") != NULL;
      g_assert_true (said);
      table = rex_chart_get_table (chart);
      g_assert_cmpuint (table->columns->len, ==, 5);
      g_clear_object (&chart);
    }
}

/* A hostile dataset's values at the ends of a double: a line or a note,
 * never one drawn from infinities. */
static void
test_fit_extremes (Fixture       *f,
                   gconstpointer  data)
{
  const double xs[][3] = { { 1e308, -1e308, 5 }, { 1.7e308, -1.7e308, 1.6e308 }, { 1e-308, 2e-308, 4e-308 } };
  const double ys[][3] = { { -1e308, 1e308, 0 }, { 1.7e308, 1.6e308, -1.7e308 }, { 1e-310, 3e-310, 2e-310 } };

  for (guint k = 0; k < G_N_ELEMENTS (xs); k++)
    for (int log = 0; log < 2; log++)
      {
        RexFit fit;
        RexFitStatus status = rex_fit_compute (xs[k], ys[k], 3, log && k == 2, log && k == 2, &fit);

        g_assert_cmpint (status, ==, REX_FIT_OK);
        g_assert_true (isfinite (fit.slope) && isfinite (fit.r));
        g_assert_true (isfinite (rex_fit_at (&fit, fit.x_lo)) && isfinite (rex_fit_at (&fit, fit.x_hi)));
        g_assert_cmpfloat (fabs (fit.r), <=, 1);
      }

  /* A line that runs past the largest double at its end (1.4 × 1.7e308):
   * none. */
  {
    const double x[] = { 0, 1, 2, 3 }, y[] = { -1.7e308, 1.7e308, 1.7e308, 1.7e308 };
    RexFit fit;

    g_assert_cmpint (rex_fit_compute (x, y, 4, FALSE, FALSE, &fit), ==, REX_FIT_OVERFLOW);
  }

  /* A slope beyond a double (x in 1e-310s, y in units) with a line that
   * is not: y = 1.3 × 10³¹⁰ x − 0.5. */
  {
    const double x[] = { 1e-310, 2e-310, 3e-310, 4e-310 }, y[] = { 1, 2, 3, 5 };
    RexFit fit;

    g_assert_cmpint (rex_fit_compute (x, y, 4, FALSE, FALSE, &fit), ==, REX_FIT_OK);
    g_assert_cmpfloat_with_epsilon (rex_fit_at (&fit, 1e-310), 0.8, 1e-9);
    g_assert_cmpfloat_with_epsilon (rex_fit_at (&fit, 4e-310), 4.7, 1e-9);
  }
}

/* Log axes to the largest double (a hostile dataset's 1e308 beside 5):
 * the bubbles' padding stays within a double, so every bubble is placed
 * within the chart, drawn, and the axes are labelled in powers of ten, not
 * all "<1". */
static void
test_log_axes_to_the_limit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = dataset_from_json (
    "{ \"schema\": \"region-explorer/1\", \"title\": \"Limit\","
    "  \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"Fixture\" } ],"
    "  \"metrics\": [ { \"id\": \"x\", \"name\": \"X\", \"unit\": \"u\", \"source\": \"t\" },"
    "                 { \"id\": \"y\", \"name\": \"Y\", \"unit\": \"v\", \"source\": \"t\" } ],"
    "  \"regions\": ["
    "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\" },"
    "    { \"id\": \"A\", \"name\": \"A\", \"kind\": \"province\", \"parent\": \"CN\","
    "      \"values\": { \"x\": { \"2020\": 5 }, \"y\": { \"2020\": 3 } } },"
    "    { \"id\": \"B\", \"name\": \"B\", \"kind\": \"province\", \"parent\": \"CN\","
    "      \"values\": { \"x\": { \"2020\": 1e308 }, \"y\": { \"2020\": 1e308 } } } ] }", "limit.json");
  g_autoptr(RexChartSpec) spec = fit_spec (2020);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) texts = NULL;
  guint n_less = 0;

  spec->fit = FALSE;
  spec->log_x = spec->log_y = TRUE;
  chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
  for (guint i = 0; i < 2; i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_true (item.x >= 0 && item.x <= 800 && item.y >= 0 && item.y <= 500);
      if (g_str_equal (rex_region_get_id (item.region), "A"))
        g_assert_false (color_near (pixel (f, item.x, item.y), &f->style->background, 0.05));
    }
  texts = chart_texts (f, chart, 800, 500);
  for (guint i = 0; i < texts->len; i++)
    n_less += g_str_has_prefix (g_array_index (texts, RexChartTextBox, i).text, "<");
  g_assert_cmpuint (n_less, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, "bubbles.json", fixture_setup, fn, fixture_teardown)
  ADD ("/bubbles/positions-colours-areas", test_positions_colours_areas);
  ADD ("/bubbles/selection-and-theme", test_selection_and_theme);
  ADD ("/bubbles/interpolation", test_interpolation);
  ADD ("/bubbles/log-axes", test_log_axes);
  ADD ("/bubbles/empty-and-errors", test_empty_and_errors);
  ADD ("/bubbles/latest-common-year", test_latest_common_year);
  ADD ("/bubbles/latest-year-undated", test_latest_year_undated);
  ADD ("/bubbles/one-value-axis", test_one_value_axis);
  ADD ("/bubbles/chinese", test_chinese);
  ADD ("/bubbles/many-regions", test_many_regions);
  ADD ("/bubbles/trails", test_trails);
  ADD ("/bubbles/trails-limited", test_trails_limited);
  ADD ("/bubbles/fit", test_fit);
  ADD ("/bubbles/fit-extremes", test_fit_extremes);
  ADD ("/bubbles/log-axes-to-the-limit", test_log_axes_to_the_limit);
#undef ADD
  g_test_add_func ("/bubbles/label-placement", test_label_placement);
  return g_test_run ();
}
