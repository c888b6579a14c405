/* test-chart-legend.c — what holds for every chart kind: each colour drawn
 * has exactly one meaning and is in the legend; reference lines stay clear
 * of the labels. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "rex-chart-private.h"

/* Checks the key of @chart against the marks drawn: palette entries are
 * distinct, every entry is the colour of at least one item, and every item
 * with a value has an entry. @used[i] counts the items of entry i. */
static void
assert_key_matches_items (RexChart *chart,
                          guint    *used)
{
  guint n_key;
  const RexColorKeyEntry *key = rex_chart_get_color_key (chart, &n_key);

  g_assert_cmpuint (n_key, >, 0);
  g_assert_cmpuint (n_key, <=, REX_PALETTE_SIZE);
  for (guint i = 0; i < n_key; i++)
    for (guint j = 0; j < i; j++)
      {
        g_assert_cmpuint (key[i].palette, !=, key[j].palette);
        g_assert_cmpstr (key[i].label, !=, key[j].label);
      }
  memset (used, 0, sizeof (guint) * REX_PALETTE_SIZE);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;
      int entry;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (item.region == NULL || isnan (item.value))
        continue;
      entry = rex_chart_region_color_entry (chart, item.region);
      g_assert_cmpint (entry, >=, 0);
      g_assert_cmpint (entry, <, (int) n_key);
      used[entry]++;
    }
  for (guint i = 0; i < n_key; i++)
    g_assert_cmpuint (used[i], >, 0);
}

/* The dataset the app comes with. */
static RexDataset *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  RexDataset *dataset = rex_dataset_new_default (&error);

  g_assert_no_error (error);
  return dataset;
}

/* Bars of @metric in 2024, coloured by @color_by, with @regions (or NULL)
 * selected, drawn into the fixture. */
static RexChart *
draw_bars (Fixture            *f,
           RexDataset         *dataset,
           const char         *metric,
           RexColorBy          color_by,
           const char * const *regions,
           int                 width,
           int                 height)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);

  spec->metric = g_strdup (metric);
  spec->year = 2024;
  spec->color_by = color_by;
  if (regions != NULL)
    rex_chart_spec_set_regions (spec, regions);
  return draw_chart_full (f, dataset, spec, width, height, 1);
}

/* The marks of Jiangsu (a plain value) and Sichuan (an estimate) in status.json. */
static void
find_plain_and_estimate (RexChart     *chart,
                         RexChartItem *js,
                         RexChartItem *sc)
{
  g_assert_true (find_item (chart, "CN-JS", js));
  g_assert_true (find_item (chart, "CN-SC", sc));
}

/* Hollow: a pale inside, neither the mark's accent nor the background. */
static void
assert_hollow (Fixture *f,
               double   x,
               double   y)
{
  g_assert_false (color_near (pixel (f, x, y), &f->style->accent, 0.1));
  g_assert_false (color_near (pixel (f, x, y), &f->style->background, 0.02));
}

/* The bundled dataset has more city clusters than the palette has colours:
 * the largest get one each, the rest share "Other clusters", and Tibet, in
 * none, is "Not in a cluster". Each bar is drawn in its entry's colour. */
static void
test_clusters_outnumber_palette (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RexDataset) bundled = load_bundled ();
  g_autoptr(RexChart) chart = NULL;
  guint used[REX_PALETTE_SIZE], n_key;
  const RexColorKeyEntry *key;
  g_autoptr(GPtrArray) clusters = NULL;
  RexChartItem xz, gd;

  clusters = rex_dataset_get_regions_of_kind (bundled, REX_REGION_KIND_CITY_CLUSTER);
  g_assert_cmpuint (clusters->len, >, REX_PALETTE_SIZE);
  chart = draw_bars (f, bundled, "gdp", REX_COLOR_BY_CLUSTER, NULL, 1200, 900);
  assert_key_matches_items (chart, used);
  key = rex_chart_get_color_key (chart, &n_key);
  g_assert_cmpuint (n_key, ==, REX_PALETTE_SIZE);
  g_assert_cmpstr (key[n_key - 2].label, ==, "Other clusters");
  g_assert_cmpstr (key[n_key - 1].label, ==, "Not in a cluster");

  g_assert_true (find_item (chart, "CN-XZ", &xz));
  g_assert_cmpint (rex_chart_region_color_entry (chart, xz.region), ==, (int) n_key - 1);
  g_assert_true (find_item (chart, "CN-GD", &gd));
  g_assert_cmpint (rex_chart_region_color_entry (chart, gd.region), <, (int) n_key - 2);

  /* The pixels of every bar are its entry's colour. */
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (isnan (item.value))
        continue;
      assert_color (pixel (f, item.x - 2, item.y),
                    &f->style->palette[key[rex_chart_region_color_entry (chart, item.region)].palette]);
    }
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* A selected region's cluster keeps a colour of its own even when smaller
 * clusters would otherwise take the palette. */
static void
test_selection_keeps_its_colour (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RexDataset) bundled = load_bundled ();
  g_autoptr(RexChart) chart = NULL;
  guint used[REX_PALETTE_SIZE], n_key;
  RexChartItem xj;
  int entry;

  chart = draw_bars (f, bundled, "gdp", REX_COLOR_BY_CLUSTER, (const char *[]) { "CN-XJ", NULL }, 1200, 900);
  assert_key_matches_items (chart, used);
  rex_chart_get_color_key (chart, &n_key);
  g_assert_true (find_item (chart, "CN-XJ", &xj));
  entry = rex_chart_region_color_entry (chart, xj.region);
  g_assert_cmpint (entry, <, (int) n_key - 2);
  g_assert_cmpuint (used[entry], ==, 1);
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* Bubbles and the geographic map use the same key as bars. */
static void
test_bubbles_and_map_keys (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RexDataset) bundled = load_bundled ();
  guint used[REX_PALETTE_SIZE];

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (k == 0 ? REX_CHART_KIND_BUBBLES : REX_CHART_KIND_MAP);
      g_autoptr(RexChart) chart = NULL;

      spec->color_by = REX_COLOR_BY_CLUSTER;
      spec->year = 2023;
      if (k == 0)
        {
          spec->x_metric = g_strdup ("gdp");
          spec->y_metric = g_strdup ("population");
        }
      else
        {
          spec->metric = g_strdup ("gdp");
          spec->map_mode = REX_MAP_MODE_GEO;
        }
      chart = draw_chart_full (f, bundled, spec, 1200, 800, 1);
      assert_key_matches_items (chart, used);
    }
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* The national reference line of a rate runs behind the bars' value labels,
 * never through them. */
static void
test_reference_clears_labels (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RexDataset) bundled = load_bundled ();
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GPtrArray) nations = NULL;
  RexChartItem top, low;
  double reference, zero_x, rx;
  guint n_checked = 0;

  nations = rex_dataset_get_regions_of_kind (bundled, REX_REGION_KIND_NATION);
  g_assert_true (rex_region_get_value (nations->pdata[0], "urbanization", 2024, &reference));
  chart = draw_bars (f, bundled, "urbanization", REX_COLOR_BY_MACRO_REGION, NULL, 1000, 800);
  g_assert_true (rex_chart_get_item (chart, 0, &top));
  g_assert_true (find_item (chart, "CN-HK", &low));
  zero_x = low.x;
  rx = zero_x + (top.x - zero_x) * reference / top.value;

  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      /* Bars ending a little short of the line: their label spans it. */
      if (isnan (item.value) || rx - item.x < 6 || rx - item.x > 20)
        continue;
      for (int dy = -3; dy <= 3; dy++)
        for (int dx = -1; dx <= 1; dx++)
          g_assert_false (color_near (pixel (f, rx + dx, item.y + dy), &f->style->reference, 0.02));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* Estimated, derived and qualified values look the same in bars and lines
 * (hollow: a pale inside in an outline of the mark's colour) and carry
 * their status in the data table. */
static void
test_status_marks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = load_dataset ("status.json");
  g_autoptr(RexChartSpec) lines = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem js, sc, zero;
  guint status_col = 0;

  chart = draw_bars (f, dataset, "rate", REX_COLOR_BY_NONE, NULL, 800, 400);
  find_plain_and_estimate (chart, &js, &sc);
  zero = js;
  zero.x = js.x - (js.x - sc.x) * 70 / 20;   /* 70 and 50 at their ends */
  /* Plain bar: solid; hollow bar: pale inside, the colour at its outline. */
  assert_color (pixel (f, (zero.x + js.x) / 2, js.y), &f->style->accent);
  assert_hollow (f, (zero.x + sc.x) / 2, sc.y);
  table = rex_chart_get_table (chart);
  for (guint i = 0; i < table->columns->len; i++)
    if (g_str_equal (table->columns->pdata[i], "Status"))
      status_col = i;
  g_assert_cmpuint (status_col, >, 0);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];

      if (g_str_equal (cells->pdata[0], "CN-SC"))
        g_assert_cmpstr (cells->pdata[status_col], ==, "estimate; about");
      else
        g_assert_cmpstr (cells->pdata[status_col], ==, "");
    }
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);

  /* Lines: the derived 2023 point is hollow too, and listed as derived. */
  lines->metric = g_strdup ("rate");
  rex_chart_spec_set_regions (lines, (const char *[]) { "CN-SC", NULL });
  chart = draw_chart_full (f, dataset, lines, 800, 400, 1);
  table = rex_chart_get_table (chart);
  g_assert_cmpstr (((GPtrArray *) table->rows->pdata[0])->pdata[4], ==, "derived");
  g_clear_pointer (&table, rex_chart_table_free);
  g_clear_object (&chart);

  /* Bubbles: the same hollow look for Sichuan's estimate. */
  {
    g_autoptr(RexChartSpec) bubbles = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);

    bubbles->x_metric = g_strdup ("rate");
    bubbles->y_metric = g_strdup ("rate");
    bubbles->year = 2024;
    chart = draw_chart_full (f, dataset, bubbles, 800, 600, 1);
    find_plain_and_estimate (chart, &js, &sc);
    assert_color (pixel (f, js.x, js.y), &f->style->accent);
    assert_hollow (f, sc.x, sc.y);
    g_clear_object (&chart);
  }

  /* Seats on the geographic map: hollow too. */
  {
    g_autoptr(RexChartSpec) map = rex_chart_spec_new (REX_CHART_KIND_MAP);
    RexColor js_fill;

    map->metric = g_strdup ("rate");
    map->year = 2024;
    map->map_mode = REX_MAP_MODE_GEO;
    chart = draw_chart_full (f, dataset, map, 800, 600, 1);
    find_plain_and_estimate (chart, &js, &sc);
    js_fill = pixel (f, js.x, js.y);
    g_assert_false (color_near (pixel (f, sc.x, sc.y), &js_fill, 0.1));
    g_clear_object (&chart);
  }
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/legend/clusters-outnumber-palette", test_clusters_outnumber_palette);
  ADD ("/legend/selection-keeps-its-colour", test_selection_keeps_its_colour);
  ADD ("/legend/bubbles-and-map", test_bubbles_and_map_keys);
  ADD ("/legend/reference-clears-labels", test_reference_clears_labels);
  ADD ("/legend/status-marks", test_status_marks);
  return g_test_run ();
}
