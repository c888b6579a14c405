/* test-chart-lines.c — the line chart, drawn to images and probed. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <cairo-svg.h>

#include "chart-test-util.h"
#include "rex-rect.h"

/* The point of @region_id's line at @year. */
static gboolean
find_point (RexChart     *chart,
            const char   *region_id,
            int           year,
            RexChartItem *out)
{
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (item.year == year && g_strcmp0 (rex_region_get_id (item.region), region_id) == 0)
        {
          *out = item;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_points_gaps_hollow (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem p2017, p2018, p2020, p2021, hit;
  RexColor line = f->style->palette[0];
  double gx, gy;

  spec->metric = g_strdup ("rate");
  chart = draw_chart (f, spec, 800, 600);
  g_assert_null (rex_chart_get_empty_message (chart));
  /* No regions given and the nation has the metric: the nation alone. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 6);
  g_assert_true (find_point (chart, "CN", 2017, &p2017));
  g_assert_true (find_point (chart, "CN", 2018, &p2018));
  g_assert_true (find_point (chart, "CN", 2020, &p2020));
  g_assert_true (find_point (chart, "CN", 2021, &p2021));
  g_assert_cmpfloat (p2017.value, ==, 50);
  g_assert_cmpfloat (p2017.y, >, p2018.y);

  /* A solid point and the line through it in the series colour. */
  assert_color (pixel (f, p2017.x, p2017.y), &line);
  assert_color (pixel (f, (p2020.x + p2021.x) / 2, (p2020.y + p2021.y) / 2), &line);
  /* "About 64" is a hollow point: its centre shows the background. */
  assert_color (pixel (f, p2020.x, p2020.y), &f->style->background);
  /* 2019 has no value: nothing joins 2018 to 2020. */
  gx = p2018.x + (p2020.x - p2018.x) * 0.25;
  gy = p2018.y + (p2020.y - p2018.y) * 0.25;
  g_assert_cmpfloat (color_distance (pixel (f, gx, gy), &line), >, 0.3);

  /* Hit-testing finds the nearest point. */
  g_assert_true (rex_chart_hit_test (chart, p2017.x + 3, p2017.y - 2, &hit));
  g_assert_cmpint (hit.year, ==, 2017);
  g_assert_false (rex_chart_hit_test (chart, 2, 2, &hit));

  /* The table lists every year of the range; 2019 is an empty cell. */
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[3], 2), ==, "2019");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[3], 3), ==, "");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[1], 3), ==, "50");
}

static void
assert_change (RexChart           *chart,
               const RexChartItem *item,
               const char         *expected)
{
  g_autofree char *change = rex_chart_describe_item_change (chart, item);

  g_assert_cmpstr (change, ==, expected);
}

/* tests/data/@name with its metric "rate" an amount (in t): a relative
 * change of a metric in per cent is refused (rex_metric_changes_in_points()),
 * and these tests are of how the relative mode works. */
static RexDataset *
load_rate_as_amount (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("(\"id\": \"rate\", \"name\": \"Rate\",[^}]*?)"
                                         "\"unit\": \"%\", \"percent\": true", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  amount = g_regex_replace (regex, text, -1, 0, "\\1\"unit\": \"t\"", 0, NULL);
  g_assert_cmpstr (amount, !=, text);
  return dataset_from_json (amount, name);
}

static void
use_rate_as_amount (Fixture *f)
{
  g_object_unref (f->dataset);
  f->dataset = load_rate_as_amount ("charts.json");
}

static void
test_regions_relative (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  const char *regions[] = { "CN", "CN-JS", NULL };
  RexChartItem cn, js, base;
  g_autoptr(GError) error = NULL;

  /* The rate in per cent changes in points: no change of it in per cent. */
  spec->metric = g_strdup ("rate");
  spec->relative = TRUE;
  rex_chart_spec_set_regions (spec, regions);
  g_assert_null (rex_chart_new (f->dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a per cent of a per cent"));

  use_rate_as_amount (f);
  chart = draw_chart (f, spec, 900, 600);
  /* The first common year, 2016, is the base. */
  g_assert_true (strstr (rex_chart_get_subtitle (chart), "2016") != NULL);
  g_assert_true (find_point (chart, "CN", 2017, &cn));
  g_assert_true (find_point (chart, "CN-JS", 2017, &js));
  g_assert_true (find_point (chart, "CN", 2016, &base));
  /* Each point is its figure, and plots its change. */
  g_assert_cmpfloat_with_epsilon (cn.value, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (base.value, 40.0, 1e-9);
  assert_change (chart, &cn, "+25.0 % since 2016");
  assert_change (chart, &js, "+50.0 % since 2016");
  assert_change (chart, &base, "+0.0 % since 2016");
  /* Second series in the second palette colour. */
  assert_color (pixel (f, js.x, js.y), &f->style->palette[1]);
}

static void
test_dark_empty_chinese (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) empty = NULL;
  g_autoptr(RexChart) zh = NULL;

  spec->metric = g_strdup ("rate");
  assert_dark_differs (f, spec, 600, 400);
  assert_color (pixel (f, 2, 2), &f->style->background);

  g_free (spec->metric);
  spec->metric = g_strdup ("empty");
  empty = draw_chart (f, spec, 600, 400);
  g_assert_nonnull (rex_chart_get_empty_message (empty));
  g_assert_cmpuint (rex_chart_get_n_items (empty), ==, 0);

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_free (spec->metric);
  spec->metric = g_strdup ("rate");
  zh = draw_chart (f, spec, 600, 400);
  g_assert_cmpstr (rex_chart_get_title (zh), ==, "比率");
  g_setenv ("LANGUAGE", "en", TRUE);
  assert_all_glyphs (f->style, "比率中国江苏四川");
}

static cairo_status_t
count_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* 300 regions × 401 years = 120,300 points, far more than the chart is wide:
 * every point is an item, but the drawn path holds at most two vertices per
 * pixel column and series. */
static void
test_large_series_reduced (void)
{
  const guint n_regions = 300, first = 1800, last = 2200;
  guint n_points = n_regions * (last - first + 1);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  RexChartItem item, hit;
  guint line_tos = 0;

  g_string_append (json, "{\"schema\":\"region-explorer/1\",\"title\":\"Large\","
                         "\"sources\":[{\"id\":\"s\",\"publisher\":\"P\",\"title\":\"T\"}],"
                         "\"metrics\":[{\"id\":\"m\",\"name\":\"M\",\"unit\":\"u\",\"source\":\"s\"}],"
                         "\"regions\":[");
  for (guint r = 0; r < n_regions; r++)
    {
      g_string_append_printf (json, "%s{\"id\":\"r%u\",\"name\":\"Region %u\",\"kind\":\"county\","
                                    "\"values\":{\"m\":{", r ? "," : "", r, r);
      /* A saw-tooth: every column of pixels spans the full range. */
      for (guint y = first; y <= last; y++)
        g_string_append_printf (json, "%s\"%u\":%u", y > first ? "," : "", y, (y % 2) * 100 + r);
      g_string_append (json, "}}}");
      g_ptr_array_add (ids, g_strdup_printf ("r%u", r));
    }
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  dataset = rex_dataset_new_from_bytes (bytes, "large.json", NULL, &error);
  g_assert_no_error (error);

  g_ptr_array_add (ids, NULL);
  spec->metric = g_strdup ("m");
  rex_chart_spec_set_regions (spec, (const char * const *) ids->pdata);
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);

  surface = cairo_svg_surface_create_for_stream (count_bytes, svg, 160, 300);
  cr = cairo_create (surface);
  rex_chart_draw (chart, cr, 160, 300, style);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n_points);
  text = g_strndup ((const char *) svg->data, svg->len);
  for (const char *p = text; (p = strstr (p, " L ")) != NULL; p += 3)
    line_tos++;
  /* Unreduced, every point but the first of each series would be a line-to. */
  g_assert_cmpuint (line_tos, >, 0);
  g_assert_cmpuint (line_tos, <, n_points / 2);

  g_assert_true (rex_chart_get_item (chart, n_points / 2 + 7, &item));
  g_assert_true (rex_chart_hit_test (chart, item.x, item.y, &hit));
  g_assert_cmpfloat (fabs (hit.x - item.x) + fabs (hit.y - item.y), <, 1.0);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* Regions that share no year: each line is indexed to its own first year,
 * as the subtitle says; and a region keeps its colour when another region
 * of the selection has no data for the metric. */
static void
test_relative_own_base (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChart) other = NULL;
  const char *regions[] = { "CN", "CN-SC", NULL };
  const char *regions2[] = { "CN-XZ", "CN-SC", NULL };
  RexChartItem cn, cn_next, sc;

  use_rate_as_amount (f);
  spec->metric = g_strdup ("rate");
  spec->relative = TRUE;
  rex_chart_spec_set_regions (spec, regions);
  chart = draw_chart (f, spec, 900, 600);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "each region"));
  g_assert_true (find_point (chart, "CN", 2016, &cn));
  g_assert_true (find_point (chart, "CN", 2017, &cn_next));
  g_assert_true (find_point (chart, "CN-SC", 2019, &sc));
  assert_change (chart, &cn, "+0.0 % since 2016");
  assert_change (chart, &cn_next, "+25.0 % since 2016");
  assert_change (chart, &sc, "+0.0 % since 2019");

  /* A log scale asked for in relative mode is not silently dropped. */
  g_clear_object (&chart);
  spec->log_y = TRUE;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "linear"));
  spec->log_y = FALSE;

  /* Tibet has no rate: Sichuan is still the second colour. */
  spec->relative = FALSE;
  rex_chart_spec_set_regions (spec, regions2);
  other = draw_chart (f, spec, 900, 600);
  g_assert_true (find_point (other, "CN-SC", 2019, &sc));
  assert_color (pixel (f, sc.x, sc.y), &f->style->palette[1]);
}

/* More regions than the palette has colours: no colour means two regions;
 * those beyond share the muted grey. */
static void
test_no_repeated_colour (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  const char *ids[] = { "CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", NULL };

  g_assert_no_error (error);
  spec->metric = g_strdup ("gdp");
  spec->year = 0;
  rex_chart_spec_set_regions (spec, ids);
  chart = draw_chart_full (f, bundled, spec, 1200, 800, 1);
  for (guint r = 0; ids[r]; r++)
    {
      RexChartItem item;

      g_assert_true (find_point (chart, ids[r], 2024, &item));
      assert_color_near (pixel (f, item.x, item.y),
                         r < REX_PALETTE_SIZE - 1 ? &f->style->palette[r] : &f->style->muted, 0.03);
    }
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* A base value of zero, or below zero, is named as the reason, in the
 * subtitle or, when no line is left, in the message: net exports from -100
 * to 350 were drawn as a fall of 450 %. */
static void
test_zero_base (Fixture       *f,
                gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Net\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"net\", \"name\": \"Net exports\", \"unit\": \"yuan\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-TJ\", \"name\": \"Tianjin\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"net\": {\"2023\": -100, \"2024\": 350.2}}},"
    "  {\"id\": \"CN-BJ\", \"name\": \"Beijing\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"net\": {\"2023\": 100, \"2024\": 150}}}]}";
  g_autoptr(RexDataset) dataset = load_rate_as_amount ("status.json");
  g_autoptr(RexDataset) net = dataset_from_json (json, "net.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;

  spec->metric = g_strdup ("rate");
  spec->relative = TRUE;
  spec->base_year = 2023;
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-JS", "CN-XZ", NULL });
  chart = draw_chart_full (f, dataset, spec, 800, 400, 1);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "Zero or less in the base year: Tibet"));
  g_clear_object (&chart);

  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", NULL });
  chart = draw_chart_full (f, dataset, spec, 800, 400, 1);
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "zero or less in the base year"));
  g_clear_object (&chart);

  g_free (spec->metric);
  spec->metric = g_strdup ("net");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-TJ", "CN-BJ", NULL });
  chart = draw_chart_full (f, net, spec, 800, 400, 1);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "Zero or less in the base year: Tianjin"));
  {
    RexChartItem item;

    g_assert_false (find_point (chart, "CN-TJ", 2024, &item));
    g_assert_true (find_point (chart, "CN-BJ", 2024, &item));
  }
  g_clear_object (&chart);

  /* On a log axis, figures of zero or less are named as such, not as
   * missing: Beijing's 100 and 150 are drawn, Tianjin's -100 left out. */
  spec->relative = FALSE;
  spec->base_year = 0;
  spec->log_y = TRUE;
  chart = draw_chart_full (f, net, spec, 800, 400, 1);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "Zero or less, not on the log scale: Tianjin"));
  g_assert_null (strstr (rex_chart_get_subtitle (chart), "No data"));
  g_clear_object (&chart);
  /* Tianjin in 2023 alone: nothing to draw, and the message says why. */
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-TJ", NULL });
  spec->to_year = 2023;
  chart = draw_chart_full (f, net, spec, 800, 400, 1);
  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "a log scale cannot show it"));
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* A region with a long name: its label at the end of its line is cut short
 * with an ellipsis within the chart's margin, not run off the image. */
static void
test_long_label_ellipsized (Fixture       *f,
                            gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Long\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"yuan\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-XJ\", \"name\": \"Xinjiang Uygur Autonomous Region with the Production and Construction Corps\","
    "   \"kind\": \"province\", \"parent\": \"CN\", \"values\": {\"gdp\": {\"2020\": 1, \"2024\": 2}}},"
    "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"gdp\": {\"2020\": 2, \"2024\": 1}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "long.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  int width = 700, height = 400, ink = 0;

  spec->metric = g_strdup ("gdp");
  chart = draw_chart_full (f, dataset, spec, width, height, 1);
  /* The rightmost 6 columns (less than the margin) stay background. */
  for (int y = 0; y < height; y++)
    for (int x = width - 6; x < width; x++)
      ink += color_distance (pixel (f, x, y), &f->style->background) > 0.1;
  g_assert_cmpint (ink, ==, 0);
  /* And the label is drawn: ink right of the plot's last year. */
  {
    RexChartItem end;

    g_assert_true (find_point (chart, "CN-XJ", 2024, &end));
    for (int y = end.y - 8; y <= end.y + 8; y++)
      for (int x = end.x + 10; x < width - 6; x++)
        ink += color_distance (pixel (f, x, y), &f->style->background) > 0.3;
    g_assert_cmpint (ink, >, 20);
  }
}

/* A series that ends before the chart's last year is not drawn on to the
 * right edge: between its last point and its label runs only a grey dotted
 * leader, and the label names its last year. */
static void
test_ends_early (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem last = { 0 }, end = { 0 };
  guint n_leader = 0;

  g_assert_no_error (error);
  spec->metric = g_strdup ("urban_income");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-SC", NULL });
  chart = draw_chart_full (f, bundled, spec, 1000, 600, 1);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (g_str_equal (rex_region_get_id (item.region), "CN-SC") && item.year > last.year)
        last = item;
      if (g_str_equal (rex_region_get_id (item.region), "CN-GD") && item.year > end.year)
        end = item;
    }
  g_assert_cmpint (last.year, <, end.year);
  for (double x = last.x + 8; x < end.x; x++)
    {
      RexColor c = pixel (f, x, last.y);
      double saturation = fabs (c.r - c.g) + fabs (c.g - c.b) + fabs (c.b - c.r);

      /* Nothing in a series colour: background, grid or the leader. */
      g_assert_cmpfloat (saturation, <, 0.15);
      if (color_near (c, &f->style->muted, 0.25))
        n_leader++;
    }
  g_assert_cmpuint (n_leader, >, 10);
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* tests/data/hostile-limits.json: "jump" goes from 1e-300 to 1e300, a change
 * of 1e602 %: a gap, said under the title, never a point at infinity. */
static void
test_relative_overflow (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;

  spec->metric = g_strdup ("jump");
  spec->relative = TRUE;
  chart = draw_chart (f, spec, 800, 500);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "too large to draw"));
  table = rex_chart_get_table (chart);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];
      for (guint c = 0; c < cells->len; c++)
        g_assert_null (strstr (cells->pdata[c], "inf"));
    }
}

/* A range of years: only those are drawn and listed; relative change is
 * measured from the first year the regions share within it; a range
 * without data says which years it asked for; a range that runs backwards
 * is refused. */
static void
test_year_range (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const char *regions[] = { "CN", "CN-JS", NULL };
  RexChartItem item, js;
  const char *member = NULL;

  use_rate_as_amount (f);
  spec->metric = g_strdup ("rate");
  rex_chart_spec_set_regions (spec, regions);
  spec->from_year = 2017;
  spec->to_year = 2020;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_null (rex_chart_get_empty_message (chart));
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_cmpint (item.year, >=, 2017);
      g_assert_cmpint (item.year, <=, 2020);
    }
  /* China 2017, 2018, 2020; Jiangsu 2017, 2018, 2019. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 6);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "2017–2020"));
  table = rex_chart_get_table (chart);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const char *year = g_ptr_array_index ((GPtrArray *) table->rows->pdata[i], 2);
      g_assert_true (g_strcmp0 (year, "2017") >= 0 && g_strcmp0 (year, "2020") <= 0);
    }
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);

  /* Relative: the first year both share within the range, 2017, is the
   * base (2016 outside it is not). */
  spec->relative = TRUE;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "since 2017"));
  g_assert_true (find_point (chart, "CN-JS", 2018, &js));
  g_assert_cmpfloat (js.value, ==, 35.0);
  assert_change (chart, &js, "+16.7 % since 2017");
  g_clear_object (&chart);

  /* Open at one end: from 2021 to the last year with data. */
  spec->relative = FALSE;
  spec->from_year = 2021;
  spec->to_year = 0;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2);   /* China 2021, 2022 */
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "No data: Jiangsu"));
  g_clear_object (&chart);

  spec->from_year = 1990;
  spec->to_year = 1995;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "from 1990 to 1995"));
  g_clear_object (&chart);

  spec->from_year = 2020;
  spec->to_year = 2017;
  g_assert_false (rex_chart_spec_validate (spec, &member, &error));
  g_assert_cmpstr (member, ==, "to_year");
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
}

/* A dataset of @n provinces R1, R2, … with "x" from 2010 to 2014: the
 * first rises 10 to 50, the second falls 50 to 10, the others stay at 30. */
static RexDataset *
split_dataset (guint n)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\": \"region-explorer/1\", \"title\": \"Split\","
                                          " \"sources\": [{\"id\": \"t\", \"publisher\": \"T\", \"title\": \"T\"}],"
                                          " \"metrics\": [{\"id\": \"x\", \"name\": \"X\", \"unit\": \"u\", \"source\": \"t\"}],"
                                          " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"}");

  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (json, ", {\"id\": \"R%u\", \"name\": \"Region %u\", \"kind\": \"province\","
                              " \"parent\": \"CN\", \"values\": {\"x\": {", i, i);
      for (int year = 2010; year <= 2014; year++)
        g_string_append_printf (json, "%s\"%d\": %d", year > 2010 ? ", " : "", year,
                                i == 1 ? 10 + 10 * (year - 2010) : i == 2 ? 50 - 10 * (year - 2010) : 30);
      g_string_append (json, "}}}");
    }
  g_string_append (json, "]}");
  return dataset_from_json (json->str, "split.json");
}

/* The items of @id: their extent in *@box. */
static void
series_extent (RexChart   *chart,
               const char *id,
               RexBox     *box)
{
  *box = (RexBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (!g_str_equal (rex_region_get_id (item.region), id))
        continue;
      box->x0 = MIN (box->x0, item.x);
      box->x1 = MAX (box->x1, item.x);
      box->y0 = MIN (box->y0, item.y);
      box->y1 = MAX (box->y1, item.y);
    }
  g_assert_cmpfloat (box->x1, >, box->x0);
}

/* Split: a small chart per region, apart from each other, on one scale of
 * years and one of values; the table as without; too many regions, or one,
 * are drawn together and the subtitle says why. */
static void
test_split (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = split_dataset (5);
  g_autoptr(RexDataset) many = split_dataset (37);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChart) together = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autoptr(RexChartTable) table_together = NULL;
  const char *regions[] = { "R1", "R2", "R3", "R4", "R5", NULL };
  RexChartItem r1_2010, r1_2012, r2_2010, r2_2012, r3_2012, hit;
  RexBox boxes[5];

  spec->metric = g_strdup ("x");
  rex_chart_spec_set_regions (spec, regions);
  together = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  table_together = rex_chart_get_table (together);
  spec->split = TRUE;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "u · 2010–2014 · a chart per region, on one scale");

  /* Apart: no two regions' points share a place. */
  for (guint i = 0; i < 5; i++)
    {
      series_extent (chart, regions[i], &boxes[i]);
      for (guint j = 0; j < i; j++)
        g_assert_true (boxes[i].x0 > boxes[j].x1 || boxes[j].x0 > boxes[i].x1
                       || boxes[i].y0 > boxes[j].y1 || boxes[j].y0 > boxes[i].y1);
    }

  /* One scale: the years as far apart in every chart, and 30 in 2012 at
   * one height in the charts of the first row (R1 rises to it, R2 falls
   * to it, R3 stays there). */
  g_assert_true (find_point (chart, "R1", 2010, &r1_2010));
  g_assert_true (find_point (chart, "R1", 2012, &r1_2012));
  g_assert_true (find_point (chart, "R2", 2010, &r2_2010));
  g_assert_true (find_point (chart, "R2", 2012, &r2_2012));
  g_assert_true (find_point (chart, "R3", 2012, &r3_2012));
  g_assert_cmpfloat_with_epsilon (r1_2012.x - r1_2010.x, r2_2012.x - r2_2010.x, 0.01);
  g_assert_cmpfloat_with_epsilon (r1_2012.y, r2_2012.y, 0.01);
  g_assert_cmpfloat_with_epsilon (r1_2012.y, r3_2012.y, 0.01);
  /* 10 lies as far below 30 as 50 lies above it. */
  g_assert_cmpfloat_with_epsilon (r1_2010.y - r1_2012.y, r1_2012.y - r2_2010.y, 0.01);
  /* Side by side, the charts stand apart by more than a year's label: R1's
   * "2014" under its right edge and R2's "2010" under its left edge do not
   * run into each other. */
  {
    RexChartItem r1_2014;

    g_assert_true (find_point (chart, "R1", 2014, &r1_2014));
    /* A year's label is some 30 units wide at this size; the gap was 16. */
    g_assert_cmpfloat (r2_2010.x - r1_2014.x, >, 40);
  }

  /* Each line in the accent colour, between its points. */
  assert_color_near (pixel (f, (r1_2010.x + r1_2012.x) / 2, (r1_2010.y + r1_2012.y) / 2),
                     &f->style->accent, 0.15);
  g_assert_true (rex_chart_hit_test (chart, r2_2012.x + 1, r2_2012.y, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "R2");

  /* The same table as drawn together. */
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, table_together->rows->len);
  for (guint r = 0; r < table->rows->len; r++)
    for (guint c = 0; c < ((GPtrArray *) table->rows->pdata[r])->len; c++)
      g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[r], c), ==,
                       g_ptr_array_index ((GPtrArray *) table_together->rows->pdata[r], c));
  g_clear_object (&chart);

  /* Drawn far too small to read, still a grid of charts in order. */
  chart = draw_chart_full (f, dataset, spec, 100, 80, 1);
  g_assert_true (find_point (chart, "R5", 2014, &hit));
  g_assert_true (isfinite (hit.x) && isfinite (hit.y));
  g_clear_object (&chart);

  /* A region named twice is drawn once; China, without "x" at all, is
   * left out and said, and does not keep the others from a common base
   * year. */
  rex_chart_spec_set_regions (spec, (const char *[]) { "R1", "CN", "R2", "R1", NULL });
  spec->relative = TRUE;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 10);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==,
                   "% change since 2010 · 2010–2014 · a chart per region, on one scale · No data: China");
  spec->relative = FALSE;
  g_clear_object (&chart);

  /* One region: one chart, no note. */
  rex_chart_spec_set_regions (spec, (const char *[]) { "R1", NULL });
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "u · 2010–2014");
  g_clear_object (&chart);

  /* Thirty-seven: drawn together, and said. */
  rex_chart_spec_set_regions (spec, NULL);
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 1; i <= 37; i++)
      g_ptr_array_add (ids, g_strdup_printf ("R%u", i));
    g_ptr_array_add (ids, NULL);
    rex_chart_spec_set_regions (spec, (const char * const *) ids->pdata);
  }
  chart = draw_chart_full (f, many, spec, 1200, 800, 1);
  g_assert_true (g_str_has_suffix (rex_chart_get_subtitle (chart),
                                   "37 regions, too many to draw apart (at most 36)"));
  series_extent (chart, "R1", &boxes[0]);
  series_extent (chart, "R2", &boxes[1]);
  g_assert_cmpfloat_with_epsilon (boxes[0].x0, boxes[1].x0, 0.01);   /* one plot */
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/lines/points-gaps-hollow", test_points_gaps_hollow);
  ADD ("/lines/regions-relative", test_regions_relative);
  ADD ("/lines/dark-empty-chinese", test_dark_empty_chinese);
  ADD ("/lines/ends-early", test_ends_early);
  ADD ("/lines/long-label-ellipsized", test_long_label_ellipsized);
  ADD ("/lines/relative-own-base", test_relative_own_base);
  ADD ("/lines/zero-base", test_zero_base);
  ADD ("/lines/no-repeated-colour", test_no_repeated_colour);
  ADD ("/lines/year-range", test_year_range);
  ADD ("/lines/split", test_split);
#undef ADD
  g_test_add_func ("/lines/large-series-reduced", test_large_series_reduced);
  g_test_add ("/lines/relative-overflow", Fixture, "hostile-limits.json", fixture_setup,
              test_relative_overflow, fixture_teardown);
  return g_test_run ();
}
