/* test-chart-bars.c — the ranked bar chart, drawn to an image and probed. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"

static void
test_ranked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem first, second, third, fourth, hit;
  double zero_x;

  spec->metric = g_strdup ("score");
  chart = draw_chart (f, spec, 800, 600);

  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpstr (rex_chart_get_title (chart), ==, "Score");
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 4);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_true (rex_chart_get_item (chart, 1, &second));
  g_assert_true (rex_chart_get_item (chart, 2, &third));
  g_assert_true (rex_chart_get_item (chart, 3, &fourth));

  /* Ranked: 100, 50, -25, then the region without a 2024 value. */
  g_assert_cmpstr (rex_region_get_id (first.region), ==, "CN-JS");
  g_assert_cmpfloat (first.value, ==, 100);
  g_assert_cmpint (first.year, ==, 2024);
  g_assert_cmpstr (rex_region_get_id (second.region), ==, "CN-SC");
  g_assert_cmpstr (rex_region_get_id (third.region), ==, "CN-XZ");
  g_assert_cmpfloat (third.value, ==, -25);
  g_assert_cmpstr (rex_region_get_id (fourth.region), ==, "CN-HI");
  g_assert_true (isnan (fourth.value));

  /* Bar lengths are proportional to the values from a common zero. */
  zero_x = fourth.x;
  g_assert_cmpfloat (first.x, >, second.x);
  g_assert_cmpfloat (third.x, <, zero_x);
  g_assert_cmpfloat_with_epsilon ((second.x - zero_x) / (first.x - zero_x), 0.5, 0.01);
  g_assert_cmpfloat_with_epsilon ((zero_x - third.x) / (first.x - zero_x), 0.25, 0.01);

  /* Pixels: inside each bar the accent colour, past the end the background. */
  assert_color (pixel (f, (zero_x + first.x) / 2, first.y), &f->style->accent);
  assert_color (pixel (f, first.x - 2, first.y), &f->style->accent);
  assert_color (pixel (f, (zero_x + second.x) / 2, second.y), &f->style->accent);
  assert_color (pixel (f, (zero_x + third.x) / 2, third.y), &f->style->accent);
  assert_color (pixel (f, second.x + (first.x - second.x) * 0.75, second.y), &f->style->background);

  /* Hit-testing finds the row under the pointer. */
  g_assert_true (rex_chart_hit_test (chart, (zero_x + second.x) / 2, second.y, &hit));
  g_assert_true (hit.region == second.region);
  g_assert_false (rex_chart_hit_test (chart, 1, 1, &hit));

  /* Drawing, items and hit-testing keep no reference to the chart. */
  g_assert_finalize_object (g_steal_pointer (&chart));
}

static void
test_selection_and_sizes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  const char *selected[] = { "CN-SC", NULL };
  int sizes[][2] = { { 400, 300 }, { 1200, 800 }, { 2400, 1600 } };

  spec->metric = g_strdup ("score");
  rex_chart_spec_set_regions (spec, selected);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(RexChart) chart = draw_chart (f, spec, sizes[i][0], sizes[i][1]);
      RexChartItem second, first;
      RexColor dimmed;

      g_assert_cmpint (cairo_image_surface_get_width (f->surface), ==, sizes[i][0]);
      g_assert_true (rex_chart_get_item (chart, 1, &second));
      g_assert_true (rex_chart_get_item (chart, 0, &first));
      assert_color (pixel (f, second.x - 3, second.y), &f->style->highlight);
      /* The others step back toward the background. */
      dimmed = rex_color_mix (&f->style->accent, &f->style->background, 0.6);
      assert_color (pixel (f, first.x - 3, first.y), &dimmed);
    }
}

static void
test_target_line_and_dark (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem first;

  spec->metric = g_strdup ("rate");
  spec->year = 2024;
  chart = draw_chart (f, spec, 800, 600);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_cmpfloat (first.value, ==, 70);
  /* The 80 % target lies beyond the longest bar: the axis reaches it. */
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 4);
  g_assert_cmpstr (table->source_line, ==, "Source: Test Bureau (2024)");

  /* Under a Chinese UI the footer cites the source's Chinese publisher. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  {
    g_autoptr(RexChart) chart_zh = draw_chart (f, spec, 800, 600);
    g_autoptr(RexChartTable) table_zh = rex_chart_get_table (chart_zh);

    g_assert_nonnull (strstr (table_zh->source_line, "测试局 (2024)"));
    g_assert_null (strstr (table_zh->source_line, "Test Bureau"));
  }
  g_setenv ("LANGUAGE", "en", TRUE);

  rex_chart_style_free (f->style);
  f->style = rex_chart_style_new (REX_THEME_DARK);
  g_assert_finalize_object (g_steal_pointer (&chart));
  chart = draw_chart (f, spec, 800, 600);
  assert_color (pixel (f, 2, 2), &f->style->background);
  assert_color (pixel (f, first.x - 3, first.y), &f->style->accent);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

static void
test_empty_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;

  spec->metric = g_strdup ("score");
  spec->year = 1999;
  chart = draw_chart (f, spec, 600, 400);
  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_assert_true (strstr (rex_chart_get_empty_message (chart), "1999") != NULL);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* A metric only the nation has (the bundled rural toilets): the ranking
 * and the map say so, and where to see it, rather than "no data". */
static void
test_nation_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);

  g_assert_no_error (error);
  for (guint kind = 0; kind < 2; kind++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kind == 0 ? REX_CHART_KIND_BARS : REX_CHART_KIND_MAP);
      g_autoptr(RexChart) chart = NULL;

      spec->metric = g_strdup ("sanitary_toilets");
      chart = rex_chart_new (bundled, spec, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "for the nation only"));
      g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "Trends"));
    }
  /* A metric with province values but none in the year asked for says
   * which year. */
  test_empty_year (f, data);
}

/* A metric only counties have: the ranking of provinces and the map say
 * which kind has it, the ranking of counties draws it, and the dataset
 * chooses counties for it. */
static void
test_other_kind (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexDataset) counties = dataset_from_json (
    "{ \"schema\": \"region-explorer/1\", \"title\": \"Counties\","
    "  \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"A table of counties\" } ],"
    "  \"metrics\": [ { \"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"100 million yuan\", \"source\": \"t\" },"
    "                 { \"id\": \"index\", \"name\": \"Index\", \"unit\": \"\", \"source\": \"t\" } ],"
    "  \"regions\": ["
    "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\" },"
    "    { \"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\" },"
    "    { \"id\": \"320583\", \"name\": \"Kunshan\", \"kind\": \"county\", \"parent\": \"CN-JS\","
    "      \"values\": { \"gdp\": { \"2024\": 52 }, \"index\": { \"2024\": 7 } } } ] }", "counties.json");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rex_dataset_choose_kind (counties, "gdp"), ==, REX_REGION_KIND_COUNTY);
  g_assert_cmpint (rex_dataset_choose_kind (f->dataset, "score"), ==, REX_REGION_KIND_PROVINCE);
  for (guint kind = 0; kind < 3; kind++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kind == 1 ? REX_CHART_KIND_MAP : REX_CHART_KIND_BARS);
      g_autoptr(RexChart) chart = NULL;
      const char *message;

      spec->metric = g_strdup ("gdp");
      if (kind == 2)
        spec->region_kind = REX_REGION_KIND_COUNTY;
      chart = rex_chart_new (counties, spec, &error);
      g_assert_no_error (error);
      message = rex_chart_get_empty_message (chart);
      if (kind == 2)
        {
          g_assert_null (message);
          g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "County"));
          continue;
        }
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "“County”"));
      g_assert_nonnull (strstr (message, kind == 1 ? "the map does not draw" : "--region-kind=county"));
    }

  /* A metric without a unit (a table that gave none): no separator opens
   * the subtitle. */
  {
    g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
    g_autoptr(RexChart) chart = NULL;

    spec->metric = g_strdup ("index");
    spec->region_kind = REX_REGION_KIND_COUNTY;
    chart = rex_chart_new (counties, spec, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "County · 2024");
  }

  /* Trends with nothing selected draws the counties that have it. */
  {
    g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
    g_autoptr(RexChart) chart = NULL;
    RexChartItem item;

    spec->metric = g_strdup ("gdp");
    chart = draw_chart_full (f, counties, spec, 600, 400, 1);
    g_assert_null (rex_chart_get_empty_message (chart));
    g_assert_true (rex_chart_get_item (chart, 0, &item));
    g_assert_cmpstr (rex_region_get_id (item.region), ==, "320583");
  }
}

static void
test_unknown_ids (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(GError) error = NULL;
  const char *regions[] = { "CN-XX", NULL };
  RexChart *chart;

  spec->metric = g_strdup ("nope");
  chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_null (chart);
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_UNKNOWN_METRIC);
  g_clear_error (&error);

  g_free (spec->metric);
  spec->metric = g_strdup ("score");
  rex_chart_spec_set_regions (spec, regions);
  chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_null (chart);
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_UNKNOWN_REGION);
}

static void
test_chinese_labels (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  spec->metric = g_strdup ("score");
  chart = draw_chart (f, spec, 800, 600);
  g_assert_cmpstr (rex_chart_get_title (chart), ==, "得分");
  g_setenv ("LANGUAGE", "en", TRUE);

  /* The fonts the chart asks for cover Chinese: no missing glyphs. */
  assert_all_glyphs (f->style, "江苏四川西藏得分");
}

/* Thousands of rows, thinner than a pixel: one bar per device pixel row, and
 * the selected row keeps its pixel row in the highlight colour at 1× and 2×. */
/* @n provinces with the scores @n down to 1 ("Region 0" highest). */
static RexDataset *
dense_dataset (guint n)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RexDataset *dense;

  g_string_append (json, "{ \"schema\": \"region-explorer/1\", \"title\": \"Dense\",\n"
                         "  \"sources\": [ { \"id\": \"test\", \"publisher\": \"Test Bureau\", "
                         "\"title\": \"Fixture figures\", \"date\": \"2024-01-01\" } ],\n"
                         "  \"metrics\": [ { \"id\": \"score\", \"name\": \"Score\", \"unit\": \"points\", "
                         "\"source\": \"test\" } ],\n"
                         "  \"regions\": [\n"
                         "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\" },\n"
                         "    { \"id\": \"east\", \"name\": \"East\", \"kind\": \"macro-region\", \"parent\": \"CN\" }");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, ",\n    { \"id\": \"P%04u\", \"name\": \"Region %u\", \"kind\": \"province\", "
                            "\"parent\": \"east\", \"values\": { \"score\": { \"2024\": %u } } }",
                            i, i, n - i);
  g_string_append (json, "\n  ]\n}\n");
  bytes = g_bytes_new (json->str, json->len);
  dense = rex_dataset_new_from_bytes (bytes, "dense.json", NULL, &error);
  g_assert_no_error (error);
  return dense;
}

static void
test_dense_rows (Fixture       *f,
                 gconstpointer  data)
{
  const guint n = 2000;
  g_autoptr(RexDataset) dense = dense_dataset (n);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  const char *selected[] = { "P1000", NULL };

  spec->metric = g_strdup ("score");
  rex_chart_spec_set_regions (spec, selected);
  for (int scale = 1; scale <= 2; scale++)
    {
      g_autoptr(RexChart) chart = draw_chart_full (f, dense, spec, 800, 600, scale);
      RexChartItem sel, first, above;
      RexColor dimmed = rex_color_mix (&f->style->accent, &f->style->background, 0.6);

      g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n);
      g_assert_true (rex_chart_get_item (chart, 1000, &sel));
      g_assert_true (rex_chart_get_item (chart, 0, &first));
      g_assert_cmpstr (rex_region_get_id (sel.region), ==, "P1000");
      g_assert_true (rex_chart_get_item (chart, 990, &above));
      /* Rows are well under a device pixel high. */
      g_assert_cmpfloat ((above.y - sel.y) / -10.0 * scale, <, 1.0);

      /* The selected row's pixel row is solid highlight, not a faint sliver. */
      assert_color (pixel (f, (sel.x - 3) * scale, sel.y * scale), &f->style->highlight);
      /* A pixel row of unselected rows a few pixels above is solid dimmed
       * accent, and past the longest bar there is background. */
      assert_color (pixel (f, (above.x - 3) * scale, above.y * scale), &dimmed);
      assert_color (pixel (f, (first.x + 4) * scale, first.y * scale + 1), &f->style->background);
    }
}

/* Sixty provinces: the least height at which every name shows is found
 * (taller than the smallest chart, far below the largest), and at that
 * height the rows stand at least 0.7 of the text size apart, no two on one
 * line. */
static void
test_min_height_shows_names (Fixture       *f,
                             gconstpointer  data)
{
  const guint n = 60;
  g_autoptr(RexDataset) dense = dense_dataset (n);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  double h;

  spec->metric = g_strdup ("score");
  chart = draw_chart_full (f, dense, spec, 800, 600, 1);
  h = rex_chart_get_min_height (chart, 800, f->style);
  g_assert_cmpfloat (h, >, 200);
  g_assert_cmpfloat (h, <, 4000);
  g_clear_object (&chart);
  chart = draw_chart_full (f, dense, spec, 800, (int) ceil (h), 1);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n);
  for (guint i = 1; i < n; i++)
    {
      RexChartItem above, below;

      g_assert_true (rex_chart_get_item (chart, i - 1, &above));
      g_assert_true (rex_chart_get_item (chart, i, &below));
      g_assert_cmpfloat (below.y - above.y, >=, 0.7 * f->style->font_size);
    }
}

/* 2,000 provinces, one with a value: the bar stays readable, five empty rows
 * follow it and the rest are counted under the title. */
static void
test_many_without_values (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\":\"region-explorer/1\",\"title\":\"Sparse\","
                                          "\"sources\":[{\"id\":\"s\",\"publisher\":\"P\",\"title\":\"T\","
                                          "\"date\":\"2025\"}],"
                                          "\"metrics\":[{\"id\":\"m\",\"name\":\"M\",\"unit\":\"u\","
                                          "\"source\":\"s\"}],\"regions\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem first, last;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (json, "%s{\"id\":\"R%u\",\"name\":\"Region %u\",\"kind\":\"province\"%s}",
                            i ? "," : "", i, i, i == 1234 ? ",\"values\":{\"m\":{\"2020\":3}}" : "");
  g_string_append (json, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  dataset = rex_dataset_new_from_bytes (bytes, "sparse.json", NULL, &error);
  g_assert_no_error (error);

  spec->metric = g_strdup ("m");
  chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 6);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_true (rex_chart_get_item (chart, 5, &last));
  g_assert_cmpfloat (first.value, ==, 3);
  g_assert_true (isnan (last.value));
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "and 1994 more regions without data"));

  /* The one bar is drawn across most of the plot, not squeezed to a line. */
  g_assert_cmpfloat (last.y - first.y, >, 200);

  /* Asked to hide them, the chart keeps only the bar with a value, says how
   * many it left out, and the spec keeps the choice through JSON. */
  g_clear_object (&chart);
  spec->hide_missing = TRUE;
  {
    g_autoptr(JsonNode) node = rex_chart_spec_to_json (spec);
    g_autoptr(RexChartSpec) back = rex_chart_spec_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_true (back->hide_missing);
    g_assert_true (rex_chart_spec_equal (spec, back));
  }
  chart = draw_chart_full (f, dataset, spec, 800, 500, 1);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 1);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_cmpfloat (first.value, ==, 3);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "1999 regions without data hidden"));
  g_assert_null (strstr (rex_chart_get_subtitle (chart), "more regions"));
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* Where the pointer hovers @row, sweeping whole pixels as a mouse does:
 * the first and last x. */
static void
hover_span (RexChart           *chart,
            const RexChartItem *row,
            int                 width,
            int                *first,
            int                *last)
{
  RexChartItem hit;

  *first = -1;
  *last = -1;
  for (int x = 0; x < width; x++)
    if (rex_chart_hit_test (chart, x, row->y, &hit) && hit.region == row->region)
      {
        if (*first < 0)
          *first = x;
        *last = x;
      }
}

/* The centre of the highlight's upright side drawn over columns [@from, @to)
 * of the row at @y of a transparent image holding only the highlight. */
static double
highlight_side (cairo_surface_t *surface,
                int              from,
                int              to,
                int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double sum = 0, weight = 0;

  for (int x = from; x < to; x++)
    {
      double a = data[y * stride + x * 4 + 3] / 255.0;

      sum += (x + 0.5) * a;
      weight += a;
    }
  g_assert_cmpfloat (weight, >, 1);
  return sum / weight;
}

/* Pointing anywhere on a row hovers it: its name, its bar, its value, and
 * the very edges of the plot. The pointer hovers a row as far inside the
 * highlight drawn for it on the left as on the right. At 1035 × 690 the
 * chart's em is 15 px and its margin 21 px, so the plot's left edge is a
 * whole pixel, where a mouse can point exactly. */
static void
test_hover_whole_row (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  int width = 1035, height = 690;
  guint n;

  spec->metric = g_strdup ("score");
  chart = draw_chart (f, spec, width, height);
  n = rex_chart_get_n_items (chart);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      RexChartItem row, other, hit;
      cairo_surface_t *highlight = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (highlight);
      double half, left, right;
      int first, last;

      g_assert_true (rex_chart_get_item (chart, i, &row));
      g_assert_true (rex_chart_get_item (chart, i == 0 ? 1 : i - 1, &other));
      half = fabs (row.y - other.y) * 0.3;
      for (int x = 0; x < width; x++)
        {
          gboolean ink = FALSE, hovered;

          for (int y = row.y - half; y <= row.y + half && !ink; y++)
            ink = color_distance (pixel (f, x, y), &f->style->background) > 0.3;
          if (!ink)
            continue;
          hovered = rex_chart_hit_test (chart, x, row.y, &hit) && hit.region == row.region;
          if (!hovered)
            g_test_message ("row %u (%s): its ink at x = %d does not hover it", i,
                            rex_region_get_id (row.region), x);
          g_assert_true (hovered);
        }

      rex_chart_draw_hover (chart, cr, &row, f->style);
      cairo_destroy (cr);
      cairo_surface_flush (highlight);
      left = highlight_side (highlight, 0, width / 2, row.y);
      right = highlight_side (highlight, width / 2, width, row.y);
      cairo_surface_destroy (highlight);
      hover_span (chart, &row, width, &first, &last);
      g_test_message ("row %u: highlight from %g to %g, hovered from %d to %d", i, left, right, first, last);
      /* The size makes the plot's left edge a whole pixel (the premise). */
      g_assert_cmpfloat_with_epsilon (left, round (left), 0.05);
      g_assert_cmpfloat (left, <, first);
      g_assert_cmpfloat (right, >, last);
      g_assert_cmpfloat_with_epsilon (first - left, right - last, 0.25);
    }
}

/* The change of a figure between two years, from the dataset itself. */
static double
dataset_change (RexRegion  *region,
                const char *metric_id,
                int         base_year,
                int         year,
                gboolean    relative)
{
  double base, figure;

  if (!rex_region_get_value (region, metric_id, base_year, &base)
      || !rex_region_get_value (region, metric_id, year, &figure))
    return NAN;
  return relative ? (figure / base - 1) * 100 : figure - base;
}

static char *
item_change (RexChart *chart,
             guint     index)
{
  RexChartItem item;

  g_assert_true (rex_chart_get_item (chart, index, &item));
  return rex_chart_describe_item_change (chart, &item);
}

/* With a base year the bars rank the change since then (bundled data):
 * in percentage points for a rate, as a percentage with relative, each
 * bar's item still the year's figure; never across a series break. */
static void
test_change (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autoptr(GError) error = NULL;
  RexChartItem item;
  double previous = INFINITY;
  guint n_changes = 0;

  spec->metric = g_strdup ("urbanization");
  spec->year = 2024;
  spec->base_year = 2015;
  chart = draw_chart (f, spec, 900, 900);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "Change 2015–2024 · percentage points · Province");
  for (guint i = 0; rex_chart_get_item (chart, i, &item); i++)
    {
      double change = dataset_change (item.region, "urbanization", 2015, 2024, FALSE);
      double figure;

      if (isnan (change))
        {
          g_assert_true (isnan (item.value));
          continue;
        }
      /* Ranked by the change; the item is the figure of 2024. */
      g_assert_cmpfloat (change, <=, previous);
      previous = change;
      g_assert_true (rex_region_get_value (item.region, "urbanization", 2024, &figure));
      g_assert_cmpfloat (item.value, ==, figure);
      n_changes++;
    }
  g_assert_cmpuint (n_changes, ==, 31);
  {
    /* Guizhou: 42.96 % in 2015, 56.65 % in 2024. */
    g_autofree char *first = item_change (chart, 0);
    g_autofree char *sentence = NULL;

    g_assert_cmpstr (first, ==, "+13.69 percentage points since 2015");
    g_assert_true (rex_chart_get_item (chart, 0, &item));
    sentence = rex_chart_describe_item (chart, &item);
    g_assert_cmpstr (sentence, ==, "Guizhou, Urbanization rate 2024: 56.65 %, "
                                   "+13.69 percentage points since 2015, rank 1 of 31");
  }

  /* The table: both figures and the change. */
  table = rex_chart_get_table (chart);
  {
    const char *columns[] = { "Region id", "Region", "Year", "Urbanization rate (%)", "Base year",
                              "Base value", "Change (percentage points)", "Status", NULL };
    GPtrArray *first = table->rows->pdata[0];

    g_assert_cmpuint (table->columns->len, ==, g_strv_length ((char **) columns));
    for (guint i = 0; columns[i] != NULL; i++)
      g_assert_cmpstr (table->columns->pdata[i], ==, columns[i]);
    g_assert_cmpstr (first->pdata[0], ==, "CN-GZ");
    g_assert_cmpfloat (g_ascii_strtod (first->pdata[3], NULL), ==, 56.65);
    g_assert_cmpstr (first->pdata[4], ==, "2015");
    g_assert_cmpfloat (g_ascii_strtod (first->pdata[5], NULL), ==, 42.96);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (first->pdata[6], NULL), 13.69, 1e-9);
  }
  g_clear_object (&chart);

  /* Relative: population as a percentage of 2015's, falling in the
   * northeast: the last ranked is Heilongjiang, below zero. */
  g_free (spec->metric);
  spec->metric = g_strdup ("population");
  spec->relative = TRUE;
  chart = draw_chart (f, spec, 900, 900);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "% change 2015–2024 · Province");
  g_assert_true (rex_chart_get_item (chart, 30, &item));
  g_assert_cmpstr (rex_region_get_id (item.region), ==, "CN-HL");
  {
    g_autofree char *last = item_change (chart, 30);
    g_autofree char *expected = g_strdup_printf ("%.1f %% since 2015",
                                                 dataset_change (item.region, "population", 2015, 2024, TRUE));

    g_assert_true (g_str_has_prefix (last, "-"));
    g_assert_cmpstr (last, ==, expected);
  }
  g_clear_object (&chart);

  /* Not from the year shown or later; the message names both years. */
  spec->base_year = 2024;
  g_assert_null (rex_chart_new (f->dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The change since 2024 needs a later year than the one shown, 2024: "
                                       "choose an earlier base year");
  g_clear_error (&error);

  /* Incomes break in 2013 (the integrated household survey): no change
   * across it, one after it is drawn. */
  g_free (spec->metric);
  spec->metric = g_strdup ("urban_income");
  spec->relative = FALSE;
  spec->year = 2020;
  spec->base_year = 2010;
  g_assert_null (rex_chart_new (f->dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "breaks in 2013"));
  g_clear_error (&error);
  spec->base_year = 2013;
  chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_no_error (error);
}

/* The reference line, and the screen reader's summary naming it: the
 * nation's figure for a share and for a rate in % that is no share (GDP
 * growth can fall below zero), with the nation's source; a target where the
 * metric has one; none for a total, of which the nation's is the sum. */
static gboolean
chart_cites (RexChart   *chart,
             const char *source_id)
{
  for (guint i = 0; i < rex_chart_get_n_sources (chart); i++)
    if (g_strcmp0 (rex_source_get_id (rex_chart_get_source (chart, i)), source_id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_reference (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  struct { const char *metric; int year; const char *reference; } cases[] = {
    { "gdp_growth", 2024, " Reference line: China 5.0." },
    { "urbanization", 2024, " Reference line: China 67.00." },
    { "gdp", 2024, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RexChart) chart = NULL;
      g_autofree char *summary = NULL;

      g_free (spec->metric);
      spec->metric = g_strdup (cases[i].metric);
      spec->year = cases[i].year;
      chart = draw_chart (f, spec, 800, 700);
      summary = rex_chart_describe (chart);
      if (cases[i].reference == NULL)
        g_assert_null (strstr (summary, "Reference line"));
      else
        g_assert_true (g_str_has_suffix (summary, cases[i].reference));
    }

  /* China's growth of 2024 is cited with the provinces'. */
  {
    g_autoptr(RexChart) chart = NULL;

    g_free (spec->metric);
    spec->metric = g_strdup ("gdp_growth");
    chart = draw_chart (f, spec, 800, 700);
    g_assert_true (chart_cites (chart, "nbs-2025-01-17"));
  }
}

/* Both years of a change: in each row the base year's figure a grey dot
 * and the year's a dot in the row's colour, where the two figures stand on
 * one axis of the metric's unit that need not start at zero, ranked by the
 * change as without them, with the same table; the value written is the
 * change, right of the dot farther right. */
static void
test_both_years (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) plain = NULL;
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) plain_table = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem first, last, item, empty = { 0 };
  double a, b, base, axis_start;
  guint n = 0;

  spec->metric = g_strdup ("urbanization");
  spec->year = 2024;
  spec->base_year = 2015;
  plain = draw_chart (f, spec, 900, 900);
  spec->both_years = TRUE;
  chart = draw_chart (f, spec, 900, 900);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, rex_chart_get_subtitle (plain));
  plain_table = rex_chart_get_table (plain);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, plain_table->rows->len);
  for (guint i = 0; i < table->rows->len; i++)
    g_assert_cmpstr (((GPtrArray *) table->rows->pdata[i])->pdata[0], ==,
                     ((GPtrArray *) plain_table->rows->pdata[i])->pdata[0]);

  /* Each item stands at its figure: where 2024's figures stand follows
   * from the first and last rows with one. */
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_true (rex_chart_get_item (chart, 30, &last));
  b = (last.x - first.x) / (last.value - first.value);
  a = first.x - b * first.value;
  for (guint i = 0; rex_chart_get_item (chart, i, &item); i++)
    {
      RexColor grey = f->style->muted;
      double x0;

      if (isnan (item.value))
        {
          empty = item;
          continue;
        }
      n++;
      g_assert_cmpfloat_with_epsilon (item.x, a + b * item.value, 0.01);
      g_assert_true (rex_region_get_value (item.region, "urbanization", 2015, &base));
      x0 = a + b * base;
      assert_color_near (pixel (f, item.x, item.y), &f->style->accent, 0.06);
      assert_color_near (pixel (f, x0, item.y), &grey, 0.06);
      /* The line between them, where they are apart. */
      if (fabs (item.x - x0) > 30)
        assert_color_near (pixel (f, (item.x + x0) / 2, item.y), &f->style->accent, 0.06);
    }
  g_assert_cmpuint (n, ==, 31);
  /* A screen reader hears both figures. */
  {
    g_autofree char *sentence = NULL;

    sentence = rex_chart_describe_item (chart, &first);
    g_assert_cmpstr (sentence, ==, "Guizhou, Urbanization rate 2024: 56.65 %, +13.69 percentage points since 2015, "
                                   "42.96 % in 2015, rank 1 of 31");
  }
  /* Rows without figures sit at the axis's start: 20 %, not 0 (Tibet's
   * 28.87 % of 2015 is the least figure). */
  g_assert_nonnull (empty.region);
  axis_start = (empty.x - a) / b;
  g_assert_cmpfloat (axis_start, >, 10);
  g_assert_cmpfloat (axis_start, <=, 28.87);

  /* A rate in per cent changes in points: as a percentage of itself
   * (Tibet's 28.87 % to 39.68 % as "+37.4%", read as 37 points) it is
   * refused, with the reason. */
  {
    g_autoptr(GError) error = NULL;

    spec->relative = TRUE;
    g_assert_null (rex_chart_new (f->dataset, spec, &error));
    g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "Urbanization rate is in per cent: its change is a "
                                                     "difference in percentage points"));
    spec->relative = FALSE;
  }

  /* The reference line's label in the axis's format, written as finely as
   * the nation's figure needs though the regions' are whole numbers. */
  {
    g_autoptr(RexDataset) rates = dataset_from_json (
      "{ \"schema\": \"region-explorer/1\", \"title\": \"Rates\","
      "  \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"Rates\" } ],"
      "  \"metrics\": [ { \"id\": \"m\", \"name\": \"M\", \"unit\": \"%\", \"source\": \"t\" } ],"
      "  \"regions\": ["
      "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\", \"values\": { \"m\": { \"2019\": 2, \"2024\": 2.5 } } },"
      "    { \"id\": \"A\", \"name\": \"A\", \"kind\": \"province\", \"parent\": \"CN\","
      "      \"values\": { \"m\": { \"2019\": 1, \"2024\": 2 } } },"
      "    { \"id\": \"B\", \"name\": \"B\", \"kind\": \"province\", \"parent\": \"CN\","
      "      \"values\": { \"m\": { \"2019\": 3, \"2024\": 1 } } } ] }", "rates.json");
    g_autoptr(RexChartSpec) rate_spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
    g_autoptr(RexChart) rate_chart = NULL;
    g_autofree char *summary = NULL;

    rate_spec->metric = g_strdup ("m");
    rate_spec->base_year = 2019;
    rate_spec->both_years = TRUE;
    rate_chart = draw_chart_full (f, rates, rate_spec, 600, 300, 1);
    summary = rex_chart_describe (rate_chart);
    g_assert_true (g_str_has_suffix (summary, " Reference line: China 2.5."));
  }
}

/* Only the first (or last) regions of the ranking, with their ranks among
 * all; the subtitle says how many of how many. */
static void
test_top (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) all = NULL;
  g_autoptr(RexChart) chart = NULL;
  RexChartItem item, ranked;

  spec->metric = g_strdup ("gdp");
  spec->year = 2024;
  all = draw_chart (f, spec, 900, 900);
  spec->top = 5;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 5);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "100 million yuan · Province · 2024 · top 5 of 31");
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_true (rex_chart_get_item (all, i, &ranked));
      g_assert_true (item.region == ranked.region);
    }
  g_clear_object (&chart);

  /* The last three, ranked 29 to 31 of 31. */
  spec->top = -3;
  chart = draw_chart (f, spec, 900, 600);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 3);
  g_assert_true (g_str_has_suffix (rex_chart_get_subtitle (chart), " · bottom 3 of 31"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sentence = NULL;
      g_autofree char *rank = g_strdup_printf (", rank %u of 31", 29 + i);

      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_true (rex_chart_get_item (all, 28 + i, &ranked));
      g_assert_true (item.region == ranked.region);
      sentence = rex_chart_describe_item (chart, &item);
      g_assert_nonnull (strstr (sentence, rank));
    }
  g_clear_object (&chart);

  /* More than there are: every region with a value, and no note. */
  spec->top = 100;
  chart = draw_chart (f, spec, 900, 900);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 31);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "100 million yuan · Province · 2024");
}


/* Hostile figures: a change beyond a double (1.7e308 less -1.7e308, or
 * 1e300 a percentage of 1e-300) is left out and counted, never drawn at
 * infinity; the others are drawn. */
static void
test_change_overflow (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RexDataset) hostile = dataset_from_json (
    "{ \"schema\": \"region-explorer/1\", \"title\": \"Hostile\","
    "  \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"Hostile values\" } ],"
    "  \"metrics\": [ { \"id\": \"x\", \"name\": \"X\", \"unit\": \"u\", \"source\": \"t\" } ],"
    "  \"regions\": ["
    "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\", \"values\": { \"x\": { \"2020\": -1e308, \"2024\": 1e308 } } },"
    "    { \"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\","
    "      \"values\": { \"x\": { \"2020\": -1.7e308, \"2024\": 1.7e308 } } },"
    "    { \"id\": \"CN-ZJ\", \"name\": \"Zhejiang\", \"kind\": \"province\", \"parent\": \"CN\","
    "      \"values\": { \"x\": { \"2020\": 1e-300, \"2024\": 1e300 } } },"
    "    { \"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
    "      \"values\": { \"x\": { \"2020\": 5, \"2024\": 7 } } } ] }", "hostile.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);

  spec->metric = g_strdup ("x");
  spec->base_year = 2020;
  for (guint mode = 0; mode < 4; mode++)
    {
      g_autoptr(RexChart) chart = NULL;
      g_autoptr(GArray) texts = NULL;

      spec->relative = mode % 2;
      spec->both_years = mode >= 2;
      chart = draw_chart_full (f, hostile, spec, 800, 600, 1);
      g_assert_null (rex_chart_get_empty_message (chart));
      g_assert_true (g_str_has_suffix (rex_chart_get_subtitle (chart), " · 1 change too large to draw"));
      /* Jiangsu has both figures: its row says its change is not drawn,
       * not that it has no data. */
      texts = chart_texts (f, chart, 800, 600);
      g_assert_true (has_text (texts, "no change to draw"));
      g_assert_false (has_text (texts, "no data"));
      for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
        {
          RexChartItem item;

          g_assert_true (rex_chart_get_item (chart, i, &item));
          g_assert_true (isfinite (item.x) && isfinite (item.y));
          g_assert_true (item.x >= 0 && item.x <= 800);
        }
    }
}

/* Whether the name column (the picture's left, up to @x1) has ink on the
 * row whose middle is @y. */
static gboolean
name_inked (Fixture *f,
            double   y,
            int      x1)
{
  for (int x = 2; x < x1; x++)
    for (int dy = -2; dy <= 2; dy++)
      if (color_distance (pixel (f, x, (int) y + dy), &f->style->background) > 0.3)
        return TRUE;
  return FALSE;
}

/* Rows too thin for a name each (the 34 rows of the provinces at 640×420,
 * and with both years even at 1200×800) name every second one, where they
 * named none and the bars could not be told apart; rows tall enough name
 * every one. */
static void
test_names_on_thin_rows (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem first, second;

  g_assert_no_error (error);
  spec->metric = g_strdup ("urbanization");
  chart = draw_chart_full (f, bundled, spec, 640, 420, 1);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_true (rex_chart_get_item (chart, 1, &second));
  g_assert_true (name_inked (f, first.y, 60));
  g_assert_false (name_inked (f, second.y, 60));
  g_clear_object (&chart);

  chart = draw_chart_full (f, bundled, spec, 1200, 1600, 1);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_true (rex_chart_get_item (chart, 1, &second));
  g_assert_true (name_inked (f, first.y, 120));
  g_assert_true (name_inked (f, second.y, 120));
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, "bars.json", fixture_setup, fn, fixture_teardown)
  ADD ("/bars/ranked", test_ranked);
  ADD ("/bars/selection-and-sizes", test_selection_and_sizes);
  ADD ("/bars/target-and-dark", test_target_line_and_dark);
  ADD ("/bars/empty-year", test_empty_year);
  ADD ("/bars/unknown-ids", test_unknown_ids);
  ADD ("/bars/nation-only", test_nation_only);
  ADD ("/bars/other-kind", test_other_kind);
  ADD ("/bars/change-overflow", test_change_overflow);
  ADD ("/bars/chinese-labels", test_chinese_labels);
  ADD ("/bars/dense-rows", test_dense_rows);
  ADD ("/bars/min-height-shows-names", test_min_height_shows_names);
  ADD ("/bars/many-without-values", test_many_without_values);
  ADD ("/bars/hover-whole-row", test_hover_whole_row);
  ADD ("/bars/names-on-thin-rows", test_names_on_thin_rows);
#undef ADD
  g_test_add ("/bars/change", Fixture, "../../data/datasets/china-regional-development.json",
              fixture_setup, test_change, fixture_teardown);
  g_test_add ("/bars/reference", Fixture, "../../data/datasets/china-regional-development.json",
              fixture_setup, test_reference, fixture_teardown);
  g_test_add ("/bars/both-years", Fixture, "../../data/datasets/china-regional-development.json",
              fixture_setup, test_both_years, fixture_teardown);
  g_test_add ("/bars/top", Fixture, "../../data/datasets/china-regional-development.json",
              fixture_setup, test_top, fixture_teardown);
  return g_test_run ();
}
