/* test-chart-table.c — the table of another chart's data, drawn and probed. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"

static void
test_table_of_bars (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_TABLE);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem first, second, hit;
  RexColor zebra;

  spec->metric = g_strdup ("output");
  spec->table_of = REX_CHART_KIND_BARS;
  chart = draw_chart (f, spec, 800, 600);
  g_assert_cmpstr (rex_chart_get_title (chart), ==, "Data: Output");
  /* The bars' rows, ranked: Jiangsu 500, Sichuan 300, Tibet 100. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 3);
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_true (rex_chart_get_item (chart, 1, &second));
  g_assert_cmpstr (first.label, ==, "CN-JS");
  g_assert_cmpfloat (first.value, ==, 500);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 3);
  g_assert_cmpstr (table->source_line, ==, "Source: Test Bureau (2024)");

  /* Zebra: the second row is tinted, the first is not. */
  zebra = rex_color_mix (&f->style->background, &f->style->foreground, 0.05);
  assert_color (pixel (f, second.x - 4, second.y), &zebra);
  assert_color (pixel (f, first.x - 4, first.y), &f->style->background);
  g_assert_cmpfloat (color_distance (zebra, &f->style->background), >, 0.05);

  g_assert_true (rex_chart_hit_test (chart, 300, second.y, &hit));
  g_assert_cmpuint (hit.index, ==, 1);
}

/* A figure that is not 0 never reads 0: Tibet's 0.004 % of the nation's
 * trade is "<0.01" in the table image beside figures of two decimals, and
 * "<0.01%" in the region's profile (its screen reader's sentence "<0.01 %"),
 * where both read "0.00". */
static void
test_tiny_figures (Fixture       *f,
                   gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Trade\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"trade\", \"name\": \"Share of trade\", \"unit\": \"%\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-GD\", \"name\": \"Guangdong\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"trade\": {\"2024\": 20.1}}},"
    "  {\"id\": \"CN-XZ\", \"name\": \"Tibet\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"trade\": {\"2024\": 0.004}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "trade.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_TABLE);
  g_autoptr(RexChartSpec) profile = rex_chart_spec_new (REX_CHART_KIND_PROFILE);
  g_autoptr(RexChart) chart = NULL;
  g_autofree char *sentence = NULL;
  RexChartItem item;

  spec->metric = g_strdup ("trade");
  spec->table_of = REX_CHART_KIND_BARS;
  chart = draw_chart_full (f, dataset, spec, 800, 400, 1);
  g_assert_true (rex_chart_get_item (chart, 1, &item));
  g_assert_cmpstr (item.label, ==, "CN-XZ");
  sentence = rex_chart_describe_item (chart, &item);
  g_assert_nonnull (strstr (sentence, "<0.01"));
  g_clear_pointer (&sentence, g_free);
  g_clear_object (&chart);

  rex_chart_spec_set_regions (profile, (const char *[]) { "CN-XZ", NULL });
  chart = draw_chart_full (f, dataset, profile, 800, 400, 1);
  g_assert_true (rex_chart_get_item (chart, 0, &item));
  sentence = rex_chart_describe_item (chart, &item);
  g_assert_nonnull (strstr (sentence, "<0.01 %"));
}

static void
test_rows_that_do_not_fit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_TABLE);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;

  /* The line chart's table lists every year: 7 rows, more than fit here. */
  spec->metric = g_strdup ("rate");
  spec->table_of = REX_CHART_KIND_LINES;
  chart = draw_chart (f, spec, 600, 230);
  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 7);
  g_assert_cmpuint (rex_chart_get_n_items (chart), >, 0);
  g_assert_cmpuint (rex_chart_get_n_items (chart), <, 7);
}

/* Printed, a table too long for its page goes on over as many pages as
 * hold every row: each row once, in order, none counted as left out; a
 * row's screen reader name on a later page is that row's. Drawn as one
 * picture, the same chart still counts the rows left out. */
static void
test_rows_on_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_TABLE);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autoptr(GArray) items = NULL;
  g_autofree char *name = NULL;
  guint n_pages, n_picture;

  spec->metric = g_strdup ("rate");
  spec->table_of = REX_CHART_KIND_LINES;
  chart = draw_chart (f, spec, 600, 230);
  n_picture = rex_chart_get_n_items (chart);
  table = rex_chart_get_table (chart);
  items = draw_pages (f, chart, 600, 230, &n_pages);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (items->len, ==, table->rows->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];

      g_assert_cmpstr (g_array_index (items, RexChartItem, r).label, ==, cells->pdata[0]);
    }
  /* The last page's first row, by its cells. */
  {
    RexChartItem item;
    GPtrArray *cells;

    g_assert_true (rex_chart_get_item (chart, 0, &item));
    name = rex_chart_describe_item (chart, &item);
    cells = table->rows->pdata[items->len - rex_chart_get_n_items (chart)];
    g_assert_nonnull (strstr (name, cells->pdata[0]));
  }

  rex_chart_set_page (chart, 0);
  g_assert_cmpuint (rex_chart_get_n_pages (chart, 600, 230, f->style), ==, n_pages);
  rex_chart_layout (chart, 600, 230, f->style);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n_picture);
  g_assert_cmpuint (n_picture, <, table->rows->len);
}

/* The table as the Table view shows it: rows in another order, a column
 * left out; a copy (what printing draws) keeps them. */
static void
test_table_view (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) bars = NULL;
  g_autoptr(RexChart) view = NULL;
  g_autoptr(RexChart) copy = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_autoptr(GError) error = NULL;
  RexChartTable *shown;

  spec->metric = g_strdup ("output");
  bars = draw_chart (f, spec, 600, 400);
  table = rex_chart_get_table (bars);
  /* Tibet, Sichuan, Jiangsu: the ranking reversed, without the ids. */
  shown = rex_chart_table_new ();
  for (guint c = 1; c < table->columns->len; c++)
    g_ptr_array_add (shown->columns, g_strdup (table->columns->pdata[c]));
  for (guint r = table->rows->len; r > 0; r--)
    {
      GPtrArray *cells = table->rows->pdata[r - 1];
      GPtrArray *copy_cells = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 1; c < cells->len; c++)
        g_ptr_array_add (copy_cells, g_strdup (cells->pdata[c]));
      g_ptr_array_add (shown->rows, copy_cells);
    }
  view = rex_chart_new_table_view (bars, shown, &error);
  g_assert_no_error (error);
  copy = rex_chart_copy (view, &error);
  g_assert_no_error (error);
  for (RexChart **chart = (RexChart *[]) { view, copy, NULL }; *chart != NULL; chart++)
    {
      g_autoptr(RexChartTable) listed = NULL;
      RexChartItem first, last;

      rex_chart_layout (*chart, 600, 400, f->style);
      g_assert_cmpstr (rex_chart_get_title (*chart), ==, "Data: Output");
      g_assert_cmpuint (rex_chart_get_n_items (*chart), ==, 3);
      g_assert_true (rex_chart_get_item (*chart, 0, &first));
      g_assert_true (rex_chart_get_item (*chart, 2, &last));
      g_assert_cmpfloat (first.value, ==, 100);
      g_assert_cmpfloat (last.value, ==, 500);
      listed = rex_chart_get_table (*chart);
      g_assert_cmpuint (listed->columns->len, ==, table->columns->len - 1);
    }
}

static void
test_errors_empty_dark (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_TABLE);
  g_autoptr(RexChart) empty = NULL;
  g_autoptr(GError) error = NULL;

  spec->metric = g_strdup ("output");
  spec->table_of = REX_CHART_KIND_TABLE;
  g_assert_null (rex_chart_new (f->dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);

  spec->table_of = REX_CHART_KIND_BARS;
  spec->year = 1999;
  empty = draw_chart (f, spec, 600, 400);
  g_assert_nonnull (rex_chart_get_empty_message (empty));

  spec->year = 0;
  assert_dark_differs (f, spec, 600, 400);
  assert_all_glyphs (f->style, "产出江苏四川西藏");
}

/* A table wider than its picture (the bubbles' data with the fit line's
 * column, whose headers are long): the headers wrap, so every column and
 * every number is drawn within the picture, in English and Chinese; the
 * rows still begin under the headers. */
static void
test_wide_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);

  g_assert_no_error (error);
  for (guint chinese = 0; chinese < 2; chinese++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_TABLE);
      g_autoptr(RexChart) chart = NULL;
      g_autoptr(RexChartTable) table = NULL;
      g_autoptr(GArray) boxes = NULL;
      RexChartItem first;
      const char *fitted;
      guint n_fitted = 0;

      g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
      spec->table_of = REX_CHART_KIND_BUBBLES;
      spec->x_metric = g_strdup ("gdp_per_capita");
      spec->y_metric = g_strdup ("income_all");
      spec->size_metric = g_strdup ("population");
      spec->fit = TRUE;
      chart = rex_chart_new (bundled, spec, &error);
      g_assert_no_error (error);
      boxes = chart_texts (f, chart, 1000, 700);

      /* The first row's value on the fit line, as the table cell writes it. */
      table = rex_chart_get_table (chart);
      fitted = ((GPtrArray *) table->rows->pdata[0])->pdata[6];
      for (guint i = 0; i < boxes->len; i++)
        {
          const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);
          g_autofree char *digits = g_strdup (box->text);
          char *out = digits;

          if (box->x + box->width > 1000.5)
            g_error ("“%s” runs off the picture", box->text);
          for (const char *in = box->text; *in; in++)
            if (*in != ',')
              *out++ = *in;
          *out = '\0';
          n_fitted += strlen (digits) > 4
                      && fabs (g_ascii_strtod (digits, NULL) - g_ascii_strtod (fitted, NULL)) < 0.006;
        }
      g_assert_cmpuint (n_fitted, ==, 1);
      g_assert_true (rex_chart_get_item (chart, 0, &first));
      g_assert_cmpstr (first.label, ==, "CN-GD");
    }
  g_setenv ("LANGUAGE", "en", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/table/of-bars", test_table_of_bars);
  ADD ("/table/tiny-figures", test_tiny_figures);
  ADD ("/table/rows-on-pages", test_rows_on_pages);
  ADD ("/table/view", test_table_view);
  ADD ("/table/rows-that-do-not-fit", test_rows_that_do_not_fit);
  ADD ("/table/errors-empty-dark", test_errors_empty_dark);
  ADD ("/table/wide-headers", test_wide_headers);
#undef ADD
  return g_test_run ();
}
