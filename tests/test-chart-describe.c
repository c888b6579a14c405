/* test-chart-describe.c — what a screen reader hears of each chart item:
 * every kind names each of its items in a sentence with the facts the chart
 * shows of it, from the bundled dataset. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rex-render.h"

static RexDataset *dataset;

static RexDataset *
bundled (void)
{
  if (dataset == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                     "china-regional-development.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return dataset;
}

/* Lays @spec out and checks every item: its anchor lies on the chart, and
 * its sentence names it and, for a region's plain value, carries the value
 * the dataset has for the item's metric and year, as the chart's tooltip
 * writes it. Returns the chart for the kind's own checks. */
static RexChart *
check_items (RexChartSpec *spec,
             gboolean      plain_values)
{
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  RexChart *chart = rex_chart_new (bundled (), spec, &error);
  guint n;

  g_assert_no_error (error);
  rex_chart_layout (chart, 1200, 800, style);
  n = rex_chart_get_n_items (chart);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      RexChartItem item;
      g_autofree char *text = NULL;
      const char *name;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      text = rex_chart_describe_item (chart, &item);
      name = item.label ? item.label : item.region ? rex_region_get_display_name (item.region) : NULL;
      g_test_message ("%s", text);
      g_assert_nonnull (text);
      g_assert_null (strstr (text, "(null)"));
      g_assert_cmpuint (item.index, ==, i);
      g_assert_true (item.x >= 0 && item.x <= 1200 && item.y >= 0 && item.y <= 800);
      if (name != NULL)
        g_assert_nonnull (strstr (text, name));
      if (plain_values && item.region != NULL && item.metric_id != NULL)
        {
          RexMetric *metric = rex_dataset_lookup_metric (bundled (), item.metric_id);
          g_autofree char *value = rex_format_number (item.value, rex_metric_get_decimals (metric));
          double in_dataset;

          if (isnan (item.value))
            g_assert_nonnull (strstr (text, "no data"));
          else
            {
              g_assert_true (rex_region_get_value (item.region, item.metric_id, item.year, &in_dataset));
              g_assert_cmpfloat (item.value, ==, in_dataset);
              g_assert_nonnull (strstr (text, value));
              g_assert_nonnull (strstr (text, rex_metric_get_display_unit (metric)));
            }
        }
    }
  return chart;
}

static char *
describe (RexChart *chart,
          guint     index)
{
  RexChartItem item;

  g_assert_true (rex_chart_get_item (chart, index, &item));
  return rex_chart_describe_item (chart, &item);
}

static void
test_bars (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last_ranked = NULL;

  spec->metric = g_strdup ("gdp");
  spec->year = 2024;
  spec->color_by = REX_COLOR_BY_MACRO_REGION;
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-JS", NULL });
  chart = check_items (spec, TRUE);
  first = describe (chart, 0);
  g_assert_cmpstr (first, ==, "Guangdong, GDP 2024: 141,489 100 million yuan, rank 1 of 31, East");
  /* The selected region says so. */
  last_ranked = describe (chart, 1);
  g_assert_true (g_str_has_prefix (last_ranked, "Jiangsu, GDP 2024: "));
  g_assert_true (g_str_has_suffix (last_ranked, ", rank 2 of 31, East, selected"));
  /* The chart's summary gives the highest value in full, as the item does. */
  {
    g_autofree char *summary = rex_chart_describe (chart);

    g_assert_nonnull (strstr (summary, "31 regions ranked; highest Guangdong at 141,489, lowest "));
  }

  /* The legend, as a screen reader lists it: the four macro-regions. */
  {
    g_auto(GStrv) legend = rex_chart_dup_legend (chart);
    const char *expected[] = { "East", "Central", "West", "Northeast", NULL };

    g_assert_cmpstrv (legend, expected);
  }
}

static void
test_lines (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChart) relative = NULL;
  g_autofree char *text = NULL;
  RexChartItem item;

  spec->metric = g_strdup ("gdp");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-XZ", NULL });
  chart = check_items (spec, TRUE);

  g_assert_true (rex_chart_get_item (chart, 0, &item));
  g_assert_null (rex_chart_describe_item_change (chart, &item));

  /* In relative mode the point is still the figure, which Copy Value and
   * the tooltip write with its unit, and says its change since the base
   * year too. */
  spec->relative = TRUE;
  spec->base_year = 2010;
  relative = check_items (spec, TRUE);
  for (guint i = 0; rex_chart_get_item (relative, i, &item); i++)
    if (item.year == 2020 && g_str_equal (rex_region_get_id (item.region), "CN-GD"))
      {
        text = rex_chart_describe_item (relative, &item);
        break;
      }
  g_assert_nonnull (text);
  /* 113,708.9 against 46,821.3 in 2010: +142.9 %. */
  g_assert_cmpstr (text, ==, "Guangdong, GDP 2020: 113,709 100 million yuan, +142.9 % since 2010");
  {
    g_autofree char *value = rex_chart_format_item_value (relative, &item);
    g_autofree char *change = rex_chart_describe_item_change (relative, &item);

    g_assert_cmpstr (value, ==, "113,709 (100 million yuan)");
    g_assert_cmpstr (change, ==, "+142.9 % since 2010");
  }
}

static void
test_bubbles (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(RexChart) chart = NULL;
  g_autofree char *text = NULL;

  spec->x_metric = g_strdup ("population");
  spec->y_metric = g_strdup ("gdp");
  spec->size_metric = g_strdup ("urbanization");
  spec->year = 2024;
  spec->color_by = REX_COLOR_BY_MACRO_REGION;
  chart = check_items (spec, FALSE);
  text = describe (chart, 0);
  g_assert_nonnull (strstr (text, ", 2024: Population "));
  g_assert_nonnull (strstr (text, "; GDP "));
  g_assert_nonnull (strstr (text, "; bubble area Urbanization rate "));

  /* The legend, as a screen reader lists it: the four macro-regions the
   * bubbles are coloured by, then what their area shows. */
  {
    g_auto(GStrv) legend = rex_chart_dup_legend (chart);
    const char *expected[] = { "East", "Central", "West", "Northeast", "Bubble area: Urbanization rate (%)", NULL };

    g_assert_cmpstrv (legend, expected);
  }
}

static void
test_map (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) tiles = NULL;
  g_autoptr(RexChart) geo = NULL;
  RexChartItem item;
  guint n_circles = 0, n_classes = 0;

  spec->metric = g_strdup ("population");
  spec->year = 2024;
  tiles = check_items (spec, TRUE);
  for (guint i = 0; rex_chart_get_item (tiles, i, &item); i++)
    {
      g_autofree char *text = rex_chart_describe_item (tiles, &item);
      n_classes += strstr (text, ", class ") != NULL;
    }
  g_assert_cmpuint (n_classes, >=, 31);
  /* The legend lists the classes, then the tiles without data. */
  {
    g_auto(GStrv) legend = rex_chart_dup_legend (tiles);
    guint n = g_strv_length (legend);

    g_assert_cmpuint (n, >=, 3);
    g_assert_nonnull (strstr (legend[0], " – "));
    g_assert_cmpstr (legend[n - 1], ==, "no data");
  }

  spec->map_mode = REX_MAP_MODE_GEO;
  geo = check_items (spec, TRUE);
  for (guint i = 0; rex_chart_get_item (geo, i, &item); i++)
    if (item.circle != NULL)
      {
        g_autofree char *text = rex_chart_describe_item (geo, &item);

        g_assert_true (g_str_has_prefix (text, rex_transport_circle_get_display_name (item.circle)));
        g_assert_nonnull (strstr (text, ": hub "));
        g_assert_nonnull (strstr (text, " member cit"));
        n_circles++;
      }
  g_assert_cmpuint (n_circles, >, 0);
}

static void
test_progress_shares_table (void)
{
  RexChartKind kinds[] = { REX_CHART_KIND_PROGRESS, REX_CHART_KIND_SHARES, REX_CHART_KIND_TABLE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kinds[k]);
      g_autoptr(RexChart) chart = NULL;
      g_autofree char *text = NULL;

      if (kinds[k] == REX_CHART_KIND_TABLE)
        spec->metric = g_strdup ("gdp");
      else if (kinds[k] == REX_CHART_KIND_SHARES)
        spec->metric = g_strdup ("cluster_population_share,cluster_gdp_share");
      chart = check_items (spec, kinds[k] == REX_CHART_KIND_PROGRESS);
      text = describe (chart, 0);
      if (kinds[k] == REX_CHART_KIND_PROGRESS)
        {
          /* The rows with a target say how far it is. */
          gboolean any_target = FALSE;

          for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
            {
              g_autofree char *row = describe (chart, i);
              any_target |= strstr (row, ", Target ") != NULL;
            }
          g_assert_true (any_target);
        }
      else if (kinds[k] == REX_CHART_KIND_SHARES)
        g_assert_nonnull (strstr (text, "% of "));
      else
        g_assert_nonnull (strstr (text, ": "));
    }
}

/* The number format travels in the style a chart is laid out with: two
 * charts in two formats side by side, and one chart moved from one format
 * to the other and back. */
static void
test_number_format_in_style (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChartStyle) shortened = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(RexChartStyle) full = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(RexChart) a = NULL;
  g_autoptr(RexChart) b = NULL;
  g_autofree char *a_short = NULL;
  g_autofree char *b_full = NULL;
  g_autofree char *a_full = NULL;
  g_autofree char *a_again = NULL;

  spec->metric = g_strdup ("population");
  spec->year = 2024;
  shortened->number_format = REX_NUMBER_FORMAT_SHORT;
  full->number_format = REX_NUMBER_FORMAT_FULL;
  a = rex_chart_new (bundled (), spec, NULL);
  b = rex_chart_new (bundled (), spec, NULL);
  g_assert_cmpint (rex_chart_get_number_format (a), ==, REX_NUMBER_FORMAT_AUTO);
  rex_chart_layout (a, 1200, 800, shortened);
  rex_chart_layout (b, 1200, 800, full);
  g_assert_cmpint (rex_chart_get_number_format (a), ==, REX_NUMBER_FORMAT_SHORT);
  a_short = rex_chart_describe (a);
  b_full = rex_chart_describe (b);
  g_assert_nonnull (strstr (a_short, "Guangdong at 12.8k"));
  g_assert_nonnull (strstr (b_full, "Guangdong at 12,780"));

  rex_chart_layout (a, 1200, 800, full);
  a_full = rex_chart_describe (a);
  g_assert_cmpstr (a_full, ==, b_full);
  g_assert_cmpuint (rex_chart_get_n_items (a), ==, rex_chart_get_n_items (b));
  rex_chart_set_number_format (a, REX_NUMBER_FORMAT_SHORT);
  /* Prepared again, the chart drops the layout that pointed into its old data. */
  g_assert_cmpuint (rex_chart_get_n_items (a), ==, 0);
  a_again = rex_chart_describe (a);
  g_assert_cmpstr (a_again, ==, a_short);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart-describe/bars", test_bars);
  g_test_add_func ("/chart-describe/lines", test_lines);
  g_test_add_func ("/chart-describe/bubbles", test_bubbles);
  g_test_add_func ("/chart-describe/map", test_map);
  g_test_add_func ("/chart-describe/progress-shares-table", test_progress_shares_table);
  g_test_add_func ("/chart-describe/number-format-in-style", test_number_format_in_style);
  status = g_test_run ();
  g_clear_object (&dataset);
  return status;
}
