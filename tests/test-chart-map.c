/* test-chart-map.c — the map in both modes drawn to images and probed:
 * tile classes and hatching, selection, seats, transport rings through the
 * farthest member or at the published radius, clusters, hit-testing. */
#include "config.h"

#include <locale.h>

#include "rex-chart-private.h"
#include "rex-projection.h"
#include "chart-test-util.h"

static RexChartSpec *
map_spec (RexMapMode mode)
{
  RexChartSpec *spec = rex_chart_spec_new (REX_CHART_KIND_MAP);

  spec->metric = g_strdup ("population");
  spec->map_mode = mode;
  return spec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A tile's side from two horizontally adjacent tiles. */
static double
tile_side (RexChart *chart)
{
  RexChartItem sc = { 0 }, xz = { 0 };

  g_assert_true (find_item (chart, "CN-SC", &sc));  /* col 1 */
  g_assert_true (find_item (chart, "CN-XZ", &xz));  /* col 0, same row */
  return sc.x - xz.x;
}

static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  const char *selected[] = { "CN-HI", NULL };
  RexChartItem js, xz, gs, hi, hit = { 0 };
  RexColor top, bottom;
  double s, gap, lw;
  guint plain = 0, lines = 0;

  rex_chart_spec_set_regions (spec, selected);
  chart = draw_chart (f, spec, 1200, 800);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 6);
  s = tile_side (chart);
  g_assert_cmpfloat (s, >, 60);
  /* Equal tiles on the dataset's grid: Jiangsu at col 3, Tibet at col 0. */
  g_assert_true (find_item (chart, "CN-JS", &js));
  g_assert_true (find_item (chart, "CN-XZ", &xz));
  g_assert_cmpfloat_with_epsilon (js.x - xz.x, 3 * s, 0.01);
  g_assert_cmpfloat_with_epsilon (js.y, xz.y, 0.01);

  /* Classes from the values 10, 20, 30, 40, 50: 10 is in the lowest class,
   * 50 in the highest; a tile's corner (no text there) shows its class colour. */
  top = rex_chart_style_sequential (f->style, 1.0);
  bottom = rex_chart_style_sequential (f->style, 0.0);
  assert_color_near (pixel (f, js.x - s * 0.35, js.y - s * 0.35), &top, 0.03);
  assert_color_near (pixel (f, xz.x - s * 0.35, xz.y - s * 0.35), &bottom, 0.03);

  /* Gansu has no 2024 value: grey with hatching. */
  g_assert_true (find_item (chart, "CN-GS", &gs));
  g_assert_true (isnan (gs.value));
  for (double dx = -0.4; dx <= 0.4; dx += 0.02)
    {
      RexColor c = pixel (f, gs.x + dx * s, gs.y - s * 0.38);
      if (color_near (c, &f->style->no_data, 0.03))
        plain++;
      else
        lines++;
    }
  g_assert_cmpuint (plain, >, 10);
  g_assert_cmpuint (lines, >, 3);
  /* Its name, in the text colour, is centred in the tile. */
  {
    double ink_top = G_MAXDOUBLE, ink_bottom = -G_MAXDOUBLE;

    for (double dy = -0.45; dy <= 0.45; dy += 0.005)
      for (double dx = -0.45; dx <= 0.45; dx += 0.01)
        if (color_near (pixel (f, gs.x + dx * s, gs.y + dy * s), &f->style->foreground, 0.1))
          {
            ink_top = MIN (ink_top, dy * s);
            ink_bottom = MAX (ink_bottom, dy * s);
          }
    g_assert_cmpfloat (ink_bottom, >, ink_top);
    g_assert_cmpfloat (fabs ((ink_top + ink_bottom) / 2), <, 0.05 * s);
  }

  /* The selected tile is outlined in the highlight colour. */
  g_assert_true (find_item (chart, "CN-HI", &hi));
  gap = MAX (1.0, s * 0.05);
  lw = MAX (2.0, (s - gap) * 0.07);
  assert_color_near (pixel (f, hi.x - s / 2 + gap / 2 + lw / 2, hi.y + s * 0.3), &f->style->highlight, 0.03);

  /* Hit-testing a tile. */
  g_assert_true (rex_chart_hit_test (chart, js.x + s * 0.4, js.y - s * 0.4, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "CN-JS");
  g_assert_false (rex_chart_hit_test (chart, 3, 3, &hit));

  table = rex_chart_get_table (chart);
  g_assert_cmpuint (table->rows->len, ==, 6);
  g_assert_cmpuint (table->columns->len, ==, 6);
}

static void
test_tiles_dark_and_chinese (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) light = NULL;
  g_autoptr(RexChart) dark = NULL;
  RexChartItem gs;
  RexColor light_nodata;
  double s;

  light = draw_chart (f, spec, 1200, 800);
  s = tile_side (light);
  g_assert_true (find_item (light, "CN-GS", &gs));
  light_nodata = pixel (f, 2, 2);

  rex_chart_style_free (f->style);
  f->style = rex_chart_style_new (REX_THEME_DARK);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  dark = draw_chart (f, spec, 1200, 800);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (rex_chart_get_title (dark), ==, "人口");
  assert_color_near (pixel (f, 2, 2), &f->style->background, 0.03);
  g_assert_false (color_near (pixel (f, 2, 2), &light_nodata, 0.1));
  (void) s;
  assert_all_glyphs (f->style, "江苏四川西藏海南黑龙江甘肃人口武汉");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) chart = NULL;

  spec->year = 2001;
  chart = draw_chart (f, spec, 800, 600);
  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "2001"));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 0);
}

/* Counts pixels of @color on a circle of radius @r around (cx, cy). */
static double
coverage (Fixture        *f,
          double          cx,
          double          cy,
          double          r,
          const RexColor *color)
{
  guint hits = 0, n = 720;

  for (guint i = 0; i < n; i++)
    {
      double a = 2 * G_PI * i / n;
      gboolean found = FALSE;

      /* Within a pixel of the ideal circle (antialiasing). */
      for (double d = -1; d <= 1 && !found; d += 1)
        found = color_near (pixel (f, cx + (r + d) * cos (a), cy + (r + d) * sin (a)), color, 0.25);
      hits += found;
    }
  return (double) hits / n;
}

/* A seat's radius as hit-testing sees it, walking north from its centre. */
static double
seat_radius (RexChart           *chart,
             const RexChartItem *seat)
{
  double d = 0;
  RexChartItem hit;

  while (d < 500 && rex_chart_hit_test (chart, seat->x, seat->y - d - 0.25, &hit)
         && hit.region == seat->region)
    d += 0.25;
  return d;
}

static void
test_geo (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_GEO);
  g_autoptr(RexChart) chart = draw_chart (f, spec, 1600, 1200);
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem js, sc, xz, hl, gs, one, two, cluster, hit;
  RexColor seat;
  RexProjection proj;
  RexPlace hub = { "Wuhan", NULL, 114.3, 30.6 }, farthest = { "Zhengzhou", NULL, 113.63, 34.75 };
  double ax, ay, bx, by, hx, hy, fx, fy, scale, r_far, r_one, r_seat_hl, r_seat_xz;

  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_true (find_item (chart, "CN-JS", &js));
  g_assert_true (find_item (chart, "CN-SC", &sc));
  g_assert_true (find_item (chart, "CN-XZ", &xz));
  g_assert_true (find_item (chart, "Wuhan 1-hour circle", &one));
  g_assert_true (find_item (chart, "Wuhan 2-hour circle", &two));
  g_assert_true (find_item (chart, "cc-west", &cluster));

  /* Seats in the Albers projection (25°N, 47°N, 105°E), fitted with one
   * scale: recover it from two seats and check the hub lands where it should. */
  rex_projection_init_china (&proj);
  rex_projection_project (&proj, 118.8, 32.06, &ax, &ay);
  rex_projection_project (&proj, 91.13, 29.65, &bx, &by);
  scale = (js.x - xz.x) / (ax - bx);
  g_assert_cmpfloat_with_epsilon ((xz.y - js.y) / (ay - by), scale, scale * 1e-6);
  rex_projection_project (&proj, hub.lon, hub.lat, &hx, &hy);
  g_assert_cmpfloat_with_epsilon (two.x, js.x + (hx - ax) * scale, 0.01);
  g_assert_cmpfloat_with_epsilon (two.y, js.y - (hy - ay) * scale, 0.01);

  /* The 2-hour ring has no published radius: it passes through the farthest
   * member (Zhengzhou), at the projected distance; the ring is drawn there
   * and not at 85 % or 115 % of it. */
  rex_projection_project (&proj, farthest.lon, farthest.lat, &fx, &fy);
  r_far = hypot (fx - hx, fy - hy) * scale;
  g_assert_cmpfloat_with_epsilon (two.value, rex_place_distance_km (&hub, &farthest), 1e-6);
  g_assert_cmpfloat (coverage (f, two.x, two.y, r_far, &f->style->reference), >, 0.25);
  g_assert_cmpfloat (coverage (f, two.x, two.y, r_far * 0.85, &f->style->reference), <, 0.05);
  g_assert_cmpfloat (coverage (f, two.x, two.y, r_far * 1.15, &f->style->reference), <, 0.05);

  /* The 1-hour ring at its published 150 km. */
  r_one = 150.0 / REX_EARTH_RADIUS_KM * scale;
  g_assert_cmpfloat_with_epsilon (one.value, 150, 1e-9);
  g_assert_cmpfloat (coverage (f, one.x, one.y, r_one, &f->style->reference), >, 0.25);

  /* Seats: the accent colour (slightly translucent) at the centre, and area
   * proportional to the value: Heilongjiang 30, Tibet 10. */
  g_assert_true (find_item (chart, "CN-HL", &hl));
  seat = rex_color_mix (&f->style->background, &f->style->accent, 0.82);
  assert_color_near (pixel (f, hl.x, hl.y), &seat, 0.03);
  r_seat_hl = seat_radius (chart, &hl);
  r_seat_xz = seat_radius (chart, &xz);
  g_assert_cmpfloat (r_seat_hl, >, 15);
  g_assert_cmpfloat_with_epsilon (r_seat_hl / r_seat_xz, sqrt (30.0 / 10.0), 0.04);
  assert_color_near (pixel (f, hl.x, hl.y - r_seat_hl + 2), &seat, 0.03);
  assert_color_near (pixel (f, hl.x, hl.y - r_seat_hl - 3), &f->style->background, 0.03);

  /* Gansu has no 2024 value: its seat is still there, an empty ring in the
   * muted colour. */
  g_assert_true (find_item (chart, "CN-GS", &gs));
  g_assert_true (isnan (gs.value));
  g_assert_cmpfloat (coverage (f, gs.x, gs.y, seat_radius (chart, &gs), &f->style->muted), >, 0.5);

  /* Hit-testing: a seat, a ring (item labelled with the circle's name) and a
   * cluster (inside its outline, away from the seats). */
  g_assert_true (rex_chart_hit_test (chart, sc.x, sc.y, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "CN-SC");
  g_assert_true (rex_chart_hit_test (chart, two.x, two.y + r_far, &hit));
  g_assert_null (hit.region);
  g_assert_cmpstr (hit.label, ==, "Wuhan 2-hour circle");
  g_assert_true (rex_chart_hit_test (chart, cluster.x, cluster.y, &hit));
  g_assert_cmpstr (rex_region_get_id (hit.region), ==, "cc-west");

  table = rex_chart_get_table (chart);
  /* Six seats and two rings. */
  g_assert_cmpuint (table->rows->len, ==, 8);
}

/* Continuous colours: each tile's colour is its place between the smallest
 * and largest value of any year (Gansu's 7 of 2023 and Jiangsu's 50 of
 * 2024), not its class, so that a colour means the same in every year. */
static void
test_tiles_continuous (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartSpec) round_trip = NULL;
  g_autoptr(JsonNode) json = NULL;
  guint checked = 0;
  double s;

  spec->continuous = TRUE;
  chart = draw_chart (f, spec, 1200, 800);
  s = tile_side (chart);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;
      RexColor want;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (isnan (item.value))
        continue;
      want = rex_chart_style_sequential (f->style, (item.value - 7) / 43);
      assert_color_near (pixel (f, item.x - s * 0.35, item.y - s * 0.35), &want, 0.03);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 5);

  /* The legend, as a screen reader lists it: the ramp's ends (the fixture's
   * smallest and largest values), then Gansu's tile without data. */
  {
    g_auto(GStrv) legend = rex_chart_dup_legend (chart);
    const char *expected[] = { "7 – 50", "no data", NULL };

    g_assert_cmpstrv (legend, expected);
  }

  /* The choice travels with the spec (exported images re-open with it). */
  json = rex_chart_spec_to_json (spec);
  round_trip = rex_chart_spec_new_from_json (json, NULL);
  g_assert_true (round_trip->continuous);
  g_assert_true (rex_chart_spec_equal (spec, round_trip));
}

/* The bundled dataset: 34 provincial-level tiles (the 31 of the mainland,
 * Hong Kong, Macao and Taiwan), none overlapping another; the three without
 * figures are drawn as "no data". */
static void
test_bundled_34_tiles (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem items[34];
  double s;
  guint n_no_data = 0;

  g_assert_no_error (error);
  spec->year = 2024;
  chart = draw_chart_full (f, bundled, spec, 1200, 900, 1);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 34);
  s = tile_side (chart);
  g_assert_cmpfloat (s, >, 40);
  for (guint i = 0; i < 34; i++)
    {
      g_assert_true (rex_chart_get_item (chart, i, &items[i]));
      if (isnan (items[i].value))
        n_no_data++;
      for (guint j = 0; j < i; j++)
        g_assert_true (fabs (items[i].x - items[j].x) > s * 0.99 ||
                       fabs (items[i].y - items[j].y) > s * 0.99);
    }
  g_assert_cmpuint (n_no_data, ==, 3);
  for (guint k = 0; k < 3; k++)
    {
      const char *id = (const char *[]) { "CN-HK", "CN-MO", "CN-TW" }[k];
      RexChartItem item;

      g_assert_true (find_item (chart, id, &item));
      g_assert_true (isnan (item.value));
      /* Hatched like any region without data. */
      g_assert_false (color_near (pixel (f, item.x - s * 0.3, item.y - s * 0.38),
                                  &f->style->background, 0.03));
    }
  g_clear_object (&chart);
  g_assert_finalize_object (g_steal_pointer (&bundled));
}

/* tests/data/hostile-far-member.json: the 2-hour circle around Wuhan has a
 * member in Brasília, 17,000 km away. Its ring is left out and said so; the
 * map of China keeps its size. */
static void
test_far_member (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartTable) table = NULL;
  RexChartItem north, south;

  spec->metric = g_strdup ("population");
  spec->map_mode = REX_MAP_MODE_GEO;
  chart = draw_chart (f, spec, 1200, 800);
  g_assert_true (find_item (chart, "CN-HL", &north));
  g_assert_true (find_item (chart, "CN-HI", &south));
  g_assert_cmpfloat (south.y - north.y, >, 400);
  table = rex_chart_get_table (chart);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];
      const char *radius = cells->pdata[6];

      g_assert_true (*radius == '\0' || g_ascii_strtod (radius, NULL) <= 3000);
    }
}

/* A seat of value 0 has no area to show: it is drawn as small as a seat
 * without a value, neither larger nor smaller, and the seat of 40 is larger. */
static void
test_zero_seat (Fixture       *f,
                gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Zero\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"population\", \"name\": \"Population\", \"unit\": \"persons\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"seat\": {\"name\": \"Nanjing\", \"lon\": 118.8, \"lat\": 32.06}, \"values\": {\"population\": {\"2024\": 0}}},"
    "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"seat\": {\"name\": \"Chengdu\", \"lon\": 104.07, \"lat\": 30.57}, \"values\": {\"population\": {\"2024\": 40}}},"
    "  {\"id\": \"CN-HL\", \"name\": \"Heilongjiang\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"seat\": {\"name\": \"Harbin\", \"lon\": 126.53, \"lat\": 45.8}, \"values\": {\"population\": {\"2023\": 7}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "zero.json");
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_GEO);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem zero, forty, none;

  spec->year = 2024;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_true (find_item (chart, "CN-JS", &zero));
  g_assert_true (find_item (chart, "CN-SC", &forty));
  g_assert_true (find_item (chart, "CN-HL", &none));
  g_assert_cmpfloat (zero.value, ==, 0);
  g_assert_true (isnan (none.value));
  g_assert_cmpfloat (seat_radius (chart, &none), >, 0);
  g_assert_cmpfloat_with_epsilon (seat_radius (chart, &zero), seat_radius (chart, &none), 0.01);
  g_assert_cmpfloat (seat_radius (chart, &forty), >, seat_radius (chart, &none));
}

/* A city cluster at the top of the plot (Harbin and Shenyang, the
 * northernmost seats) has no room for its name above its outline: Harbin's
 * seat, the largest, fills the plot's top. The name goes just under the
 * outline, below Shenyang, whole. Drawn twice with two names, the pixels
 * that differ are the name's. */
static const char top_cluster_json[] =
  "{\"schema\": \"region-explorer/1\", \"title\": \"Top cluster\","
  " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
  " \"metrics\": [{\"id\": \"population\", \"name\": \"Population\", \"unit\": \"persons\", \"source\": \"t\"}],"
  " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
  "  {\"id\": \"CN-HL\", \"name\": \"Heilongjiang\", \"kind\": \"province\", \"parent\": \"CN\","
  "   \"seat\": {\"name\": \"Harbin\", \"lon\": 126.53, \"lat\": 45.8}, \"values\": {\"population\": {\"2024\": 40}}},"
  "  {\"id\": \"CN-LN\", \"name\": \"Liaoning\", \"kind\": \"province\", \"parent\": \"CN\","
  "   \"seat\": {\"name\": \"Shenyang\", \"lon\": 123.43, \"lat\": 41.8}, \"values\": {\"population\": {\"2024\": 2}}},"
  "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
  "   \"seat\": {\"name\": \"Chengdu\", \"lon\": 104.07, \"lat\": 30.57}, \"values\": {\"population\": {\"2024\": 30}}},"
  "  {\"id\": \"CN-GD\", \"name\": \"Guangdong\", \"kind\": \"province\", \"parent\": \"CN\","
  "   \"seat\": {\"name\": \"Guangzhou\", \"lon\": 113.26, \"lat\": 23.13}, \"values\": {\"population\": {\"2024\": 10}}},"
  "  {\"id\": \"cc-hc\", \"name\": \"%s\", \"kind\": \"city-cluster\", \"members\": [\"CN-HL\", \"CN-LN\"]}]}";

static RexChart *
draw_top_cluster_map (Fixture    *f,
                      const char *name,
                      RexMapMode  mode,
                      gboolean    continuous)
{
  g_autofree char *json = g_strdup_printf (top_cluster_json, name);
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "top-cluster.json");
  g_autoptr(RexChartSpec) spec = map_spec (mode);

  spec->continuous = continuous;
  return draw_chart_full (f, dataset, spec, 900, 600, 1);
}

static RexChart *
draw_top_cluster (Fixture    *f,
                  const char *name)
{
  return draw_top_cluster_map (f, name, REX_MAP_MODE_GEO, FALSE);
}

/* Every region has a value: the tile map's legend, as a screen reader
 * lists it, has no "no data" entry, with classes or a ramp. */
static void
test_tiles_legend_all_values (Fixture       *f,
                              gconstpointer  data)
{
  for (int continuous = 0; continuous <= 1; continuous++)
    {
      g_autoptr(RexChart) chart = draw_top_cluster_map (f, "Cluster", REX_MAP_MODE_TILES, continuous);
      g_auto(GStrv) legend = rex_chart_dup_legend (chart);

      g_assert_cmpuint (g_strv_length (legend), >=, 1);
      for (guint i = 0; legend[i] != NULL; i++)
        g_assert_cmpstr (legend[i], !=, "no data");
      if (continuous)
        g_assert_cmpstr (legend[0], ==, "2 – 40");
    }
}

static void
test_cluster_name_below (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RexChart) chart = draw_top_cluster (f, "Harbin-Shenyang city cluster");
  cairo_surface_t *first = cairo_surface_reference (f->surface);
  g_autoptr(RexChart) other = draw_top_cluster (f, "HC");
  unsigned char *a = cairo_image_surface_get_data (first), *b = cairo_image_surface_get_data (f->surface);
  int stride = cairo_image_surface_get_stride (first);
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
  RexChartItem hl, ln, gd;
  /* At 900 × 600 the em is 13 px: the outline passes 0.9 em around each place. */
  double pad = 13 * 0.9;

  g_assert_true (find_item (chart, "CN-HL", &hl));
  g_assert_true (find_item (chart, "CN-LN", &ln));
  g_assert_true (find_item (chart, "CN-GD", &gd));
  for (int y = 0; y < 600; y++)
    for (int x = 0; x < 900; x++)
      if (memcmp (a + y * stride + x * 4, b + y * stride + x * 4, 4) != 0)
        {
          x0 = MIN (x0, x);
          x1 = MAX (x1, x);
          y0 = MIN (y0, y);
          y1 = MAX (y1, y);
        }
  cairo_surface_destroy (first);
  g_test_message ("name's pixels: %d,%d – %d,%d; Harbin %g,%g; Shenyang %g,%g",
                  x0, y0, x1, y1, hl.x, hl.y, ln.x, ln.y);
  /* The name is drawn ... */
  g_assert_cmpint (x1 - x0, >, 60);
  /* ... under the outline, which goes 0.9 em below Shenyang's seat ... */
  g_assert_cmpfloat (y0, >=, ln.y + pad);
  g_assert_cmpfloat (y0, <, ln.y + pad + 13);
  g_assert_cmpfloat (y1, <, gd.y);
  /* ... centred near the outline's lowest point, below Shenyang ... */
  g_assert_cmpfloat (fabs ((x0 + x1) / 2.0 - ln.x), <, 13);
  /* ... and whole: nothing cut at the image's edges. */
  g_assert_cmpint (x0, >, 0);
  g_assert_cmpint (x1, <, 899);
}

/* How much of a full stroke of @color over the background the pixel at
 * (x, y) holds: 0 for the background, 1 for the colour. */
static double
coverage_at (Fixture        *f,
             int             x,
             int             y,
             const RexColor *color)
{
  RexColor p = pixel (f, x, y);

  return color_distance (p, &f->style->background) / color_distance (*color, &f->style->background);
}

/* The transport rings are drawn 1.6 units wide, a unit being 1/13 of the
 * chart's em (so 1.6 px at 900 × 600, where the em is 13 px, and 3.2 px at
 * twice that size). Measured on the 1-hour ring (dashes of 6 units, gaps
 * of 3, from angle 0 clockwise): across each dash where the ring runs
 * within 30° of upright, the ink in one pixel row is the stroke's width
 * over the cosine of the angle. */
static void
test_ring_width (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_GEO);

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autoptr(RexChart) chart = draw_chart (f, spec, 900 * scale, 600 * scale);
      g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
      RexChartItem one, js, xz;
      RexProjection proj;
      double ax, ay, bx, by, r, unit = scale, want = 1.6 * scale;

      g_assert_true (find_item (chart, "Wuhan 1-hour circle", &one));
      g_assert_true (find_item (chart, "CN-JS", &js));
      g_assert_true (find_item (chart, "CN-XZ", &xz));
      rex_projection_init_china (&proj);
      rex_projection_project (&proj, 118.8, 32.06, &ax, &ay);
      rex_projection_project (&proj, 91.13, 29.65, &bx, &by);
      r = 150.0 / REX_EARTH_RADIUS_KM * (js.x - xz.x) / (ax - bx);
      g_assert_cmpfloat (r, >, 20 * scale);
      for (double s = 3 * unit; s + 3 * unit <= 2 * G_PI * r; s += 9 * unit)
        {
          double a = s / r, cx = one.x + r * cos (a), cy = one.y + r * sin (a), ink = 0;

          if (fabs (cos (a)) < cos (G_PI / 6))
            continue;
          for (int x = cx - want - 4; x <= cx + want + 4; x++)
            ink += coverage_at (f, x, cy, &f->style->reference);
          ink *= fabs (cos (a));
          g_array_append_val (widths, ink);
        }
      g_assert_cmpuint (widths->len, >=, 4);
      g_array_sort (widths, compare_doubles);
      g_test_message ("scale %d: ring widths from %g to %g", scale,
                      g_array_index (widths, double, 0), g_array_index (widths, double, widths->len - 1));
      g_assert_cmpfloat_with_epsilon (g_array_index (widths, double, widths->len / 2), want, 0.25 * unit);
    }
}

/* An estimated value keeps its tile's class colour and gains a hollow mark
 * in the tile's corner: a pale disc in an outline of the tile's ink, neither
 * a pale disc alone nor a solid one. Drawn with and without the estimate, the pixels that
 * differ in Jiangsu's tile are the mark's. */
static void
test_tiles_estimate_mark (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "map.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *estimated = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) plain = draw_chart (f, spec, 1200, 800);
  cairo_surface_t *before = cairo_surface_reference (f->surface);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem js;
  RexColor fill, pale;
  double s = tile_side (plain);
  guint differ = 0, outline = 0;
  double cx = 0, cy = 0;
  char *at;

  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  at = strstr (json, "\"2024\": 50");
  g_assert_nonnull (at);
  *at = '\0';
  estimated = g_strconcat (json, "\"2024\": {\"value\": 50, \"status\": \"estimate\"}", at + strlen ("\"2024\": 50"),
                           NULL);
  dataset = dataset_from_json (estimated, "estimate.json");
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_true (find_item (chart, "CN-JS", &js));
  g_assert_cmpfloat (js.value, ==, 50);
  fill = pixel (f, js.x - s * 0.35, js.y - s * 0.35);
  pale = rex_color_mix (&fill, &f->style->background, 0.7);
  for (int y = js.y - s / 2 + 1; y < js.y + s / 2 - 1; y++)
    for (int x = js.x - s / 2 + 1; x < js.x + s / 2 - 1; x++)
      {
        unsigned char *a = cairo_image_surface_get_data (before) + y * cairo_image_surface_get_stride (before) + x * 4;
        RexColor p = pixel (f, x, y);
        RexColor q = { a[2] / 255.0, a[1] / 255.0, a[0] / 255.0, 1 };

        if (color_distance (p, &q) < 0.05)
          continue;
        differ++;
        cx += x;
        cy += y;
        /* Only in the tile's top right quarter. */
        g_assert_cmpfloat (x, >, js.x);
        g_assert_cmpfloat (y, <, js.y);
        outline += color_distance (p, &fill) > 0.4 && color_distance (p, &pale) > 0.4;
      }
  cairo_surface_destroy (before);
  g_test_message ("%u pixels differ, %u of them the outline's", differ, outline);
  g_assert_cmpuint (differ, >, 10);
  g_assert_cmpuint (outline, >, 5);
  /* Hollow: pale in the middle. */
  assert_color_near (pixel (f, cx / differ, cy / differ), &pale, 0.08);
}

/* The fit of a projected box into a rectangle of the chart: the box fills
 * the target's width or height, is centred in the other, and its north
 * edge (y1) is at the top, where chart y is smallest. */
static void
test_projection_fit (void)
{
  RexProjection proj;
  RexBox bounds = { -1, 2, 3, 4 };   /* 4 wide, 2 high */
  RexRect target = { 10, 20, 200, 300 };

  rex_projection_init_china (&proj);
  rex_projection_fit (&proj, &bounds, &target);
  /* 200 / 4 across, 300 / 2 down: the width decides. */
  g_assert_cmpfloat_with_epsilon (proj.scale, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (proj.x_off + bounds.x0 * proj.scale, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (proj.x_off + bounds.x1 * proj.scale, 210, 1e-9);
  /* 100 high in 300: 100 above and below. */
  g_assert_cmpfloat_with_epsilon (proj.y_off - bounds.y1 * proj.scale, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (proj.y_off - bounds.y0 * proj.scale, 220, 1e-9);

  /* A tall target: the height decides and the box is centred across. */
  target = (RexRect) { 0, 0, 1000, 100 };
  rex_projection_fit (&proj, &bounds, &target);
  g_assert_cmpfloat_with_epsilon (proj.scale, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (proj.x_off + bounds.x0 * proj.scale, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (proj.y_off - bounds.y1 * proj.scale, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (proj.y_off - bounds.y0 * proj.scale, 100, 1e-9);
}

/* Every province grows from 2023 to 2024, Jiangsu to Sichuan's 2023 value.
 * Classes, ramp and seat sizes come from the values of both years, so the
 * same value has the same colour (and seat) in either year, and the map of
 * 2024 shows the growth rather than a new ranking. */
static void
test_same_value_every_year (Fixture       *f,
                            gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Growth\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"population\", \"name\": \"Population\", \"unit\": \"persons\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
    "  {\"id\": \"CN-XZ\", \"name\": \"Tibet\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 0, \"row\": 0},"
    "   \"seat\": {\"name\": \"Lhasa\", \"lon\": 91.1, \"lat\": 29.65}, \"values\": {\"population\": {\"2023\": 10, \"2024\": 40}}},"
    "  {\"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 1, \"row\": 0},"
    "   \"seat\": {\"name\": \"Nanjing\", \"lon\": 118.8, \"lat\": 32.06}, \"values\": {\"population\": {\"2023\": 30, \"2024\": 50}}},"
    "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 2, \"row\": 0},"
    "   \"seat\": {\"name\": \"Chengdu\", \"lon\": 104.07, \"lat\": 30.57}, \"values\": {\"population\": {\"2023\": 50, \"2024\": 90}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "growth.json");
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);

  for (int continuous = 0; continuous < 2; continuous++)
    {
      g_autoptr(RexChart) before = NULL;
      g_autoptr(RexChart) after = NULL;
      g_auto(GStrv) legend_before = NULL;
      g_auto(GStrv) legend_after = NULL;
      RexChartItem sc, js, xz;
      RexColor sc_2023, xz_2023;
      double s;

      spec->continuous = continuous;
      spec->year = 2023;
      before = draw_chart_full (f, dataset, spec, 1200, 800, 1);
      g_assert_true (find_item (before, "CN-SC", &sc));
      g_assert_true (find_item (before, "CN-XZ", &xz));
      g_assert_true (find_item (before, "CN-JS", &js));
      s = sc.x - js.x;   /* adjacent tiles */
      sc_2023 = pixel (f, sc.x - s * 0.35, sc.y - s * 0.35);
      xz_2023 = pixel (f, xz.x - s * 0.35, xz.y - s * 0.35);
      legend_before = rex_chart_dup_legend (before);

      spec->year = 2024;
      after = draw_chart_full (f, dataset, spec, 1200, 800, 1);
      g_assert_true (find_item (after, "CN-JS", &js));
      g_assert_true (find_item (after, "CN-XZ", &xz));
      /* Jiangsu's 50 in 2024 looks as Sichuan's 50 in 2023... */
      assert_color_near (pixel (f, js.x - s * 0.35, js.y - s * 0.35), &sc_2023, 0.02);
      /* ...and Tibet, the least in both years, is not the same colour in both. */
      g_assert_false (color_near (pixel (f, xz.x - s * 0.35, xz.y - s * 0.35), &xz_2023, 0.05));
      /* One key for both years. */
      legend_after = rex_chart_dup_legend (after);
      g_assert_cmpstrv (legend_before, legend_after);
    }

  /* Seats: Jiangsu's 2024 seat is as large as Sichuan's of 2023. */
  {
    g_autoptr(RexChart) before = NULL;
    g_autoptr(RexChart) after = NULL;
    g_auto(GStrv) legend_before = NULL;
    g_auto(GStrv) legend_after = NULL;

    spec->map_mode = REX_MAP_MODE_GEO;
    spec->continuous = FALSE;
    spec->year = 2023;
    before = draw_chart_full (f, dataset, spec, 1200, 800, 1);
    legend_before = rex_chart_dup_legend (before);
    spec->year = 2024;
    after = draw_chart_full (f, dataset, spec, 1200, 800, 1);
    legend_after = rex_chart_dup_legend (after);
    g_assert_cmpstrv (legend_before, legend_after);
  }
}

/* Falls, rises and no change since 2020 of four tiles; a fifth has only
 * 2024; "income" breaks in 2022. */
static const char change_json[] =
  "{\"schema\": \"region-explorer/1\", \"title\": \"Change\","
  " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
  " \"metrics\": [{\"id\": \"population\", \"name\": \"Population\", \"unit\": \"persons\", \"source\": \"t\"},"
  "  {\"id\": \"income\", \"name\": \"Income\", \"unit\": \"yuan\", \"source\": \"t\","
  "   \"notes\": [{\"year\": 2022, \"kind\": \"break\", \"text\": \"New survey\"}]}],"
  " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\","
  "   \"values\": {\"population\": {\"2020\": 100, \"2024\": 120}}},"
  "  {\"id\": \"CN-XZ\", \"name\": \"Tibet\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 0, \"row\": 0},"
  "   \"values\": {\"population\": {\"2020\": 10, \"2023\": 30, \"2024\": 40}, \"income\": {\"2020\": 1, \"2024\": 2}}},"
  "  {\"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 1, \"row\": 0},"
  "   \"values\": {\"population\": {\"2020\": 50, \"2023\": 40, \"2024\": 30}}},"
  "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 2, \"row\": 0},"
  "   \"values\": {\"population\": {\"2020\": 20, \"2023\": 20, \"2024\": 40}}},"
  "  {\"id\": \"CN-GS\", \"name\": \"Gansu\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 3, \"row\": 0},"
  "   \"values\": {\"population\": {\"2020\": 0, \"2024\": 5}}},"
  "  {\"id\": \"CN-CQ\", \"name\": \"Chongqing\", \"kind\": \"province\", \"parent\": \"CN\", \"tile\": {\"col\": 4, \"row\": 0},"
  "   \"values\": {\"population\": {\"2024\": 7}}}]}";

/* The side of the tiles of change_json's row: Tibet and Jiangsu are
 * side by side. */
static double
tile_side_of (RexChart *chart)
{
  RexChartItem xz, js;

  g_assert_true (find_item (chart, "CN-XZ", &xz));
  g_assert_true (find_item (chart, "CN-JS", &js));
  return js.x - xz.x;
}

/* The colour of the tile of @id in the last chart drawn, in its corner. */
static RexColor
tile_color (Fixture    *f,
            RexChart   *chart,
            const char *id)
{
  RexChartItem item;
  double s = tile_side_of (chart);

  g_assert_true (find_item (chart, id, &item));
  return pixel (f, item.x - s * 0.35, item.y - s * 0.35);
}

/* A change since a year on the tile grid: the figure and its change in the
 * table, falls brown and rises teal with no class holding both, a change
 * of nothing a grey class of its own, signed numbers, the change in the
 * tooltip, and a colour meaning the same change in every year. */
static void
test_change (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = dataset_from_json (change_json, "change.json");
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChart) before = NULL;
  g_autoptr(RexChartTable) table = NULL;
  g_auto(GStrv) legend = NULL;
  g_auto(GStrv) legend_before = NULL;
  g_autofree char *tooltip = NULL;
  RexColor xz, js, sc, gs, sc_2024;
  RexChartItem item;

  spec->base_year = 2020;
  spec->year = 2024;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==, "Change 2020–2024 · persons · Province · tile grid, one tile per region");

  /* A row a tile: its figure, the base year's and the change. */
  table = rex_chart_get_table (chart);
  g_assert_cmpstr (g_ptr_array_index (table->columns, 3), ==, "Population (persons)");
  g_assert_cmpstr (g_ptr_array_index (table->columns, 4), ==, "Base year");
  g_assert_cmpstr (g_ptr_array_index (table->columns, 5), ==, "Base value");
  g_assert_cmpstr (g_ptr_array_index (table->columns, 6), ==, "Change (persons)");
  g_assert_cmpstr (g_ptr_array_index (table->columns, 7), ==, "Class from");
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      const char *id = g_ptr_array_index (row, 0);
      const char *from = g_ptr_array_index (row, 7), *to = g_ptr_array_index (row, 8);

      if (g_str_equal (id, "CN-JS"))
        {
          g_assert_cmpstr (g_ptr_array_index (row, 3), ==, "30");
          g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "2020");
          g_assert_cmpstr (g_ptr_array_index (row, 5), ==, "50");
          g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "-20");
        }
      if (g_str_equal (id, "CN-CQ"))
        g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "");
      /* No class holds both a fall and a rise. */
      if (*from && *to)
        g_assert_true ((g_ascii_strtod (from, NULL) >= 0) == (g_ascii_strtod (to, NULL) > 0)
                       || g_ascii_strtod (to, NULL) == 0);
    }

  /* Falls brown (red above blue), rises teal (blue above red); the
   * largest rise darker than a smaller one; no data hatched. */
  xz = tile_color (f, chart, "CN-XZ");   /* +30 */
  js = tile_color (f, chart, "CN-JS");   /* -20 */
  sc = tile_color (f, chart, "CN-SC");   /* +20 */
  gs = tile_color (f, chart, "CN-GS");   /* +5 */
  g_assert_cmpfloat (js.r, >, js.b + 0.15);
  g_assert_cmpfloat (xz.b, >, xz.r + 0.15);
  g_assert_cmpfloat (gs.b, >, gs.r + 0.15);
  g_assert_cmpfloat (rex_color_luminance (&xz), <, rex_color_luminance (&gs));
  g_assert_true (find_item (chart, "CN-CQ", &item));
  g_assert_cmpfloat (item.value, ==, 7);   /* the item is the figure; the tile has no change */
  sc_2024 = sc;

  /* Signed numbers in the key, the tooltip and the screen reader's name. */
  legend = rex_chart_dup_legend (chart);
  g_assert_true (g_strv_contains ((const char * const *) legend, "no change to draw"));
  /* A total's national change is the sum of the regions': no reference. */
  g_assert_cmpstr (legend[g_strv_length (legend) - 1], ==, "no change to draw");
  g_assert_true (g_str_has_prefix (legend[0], "-20"));
  g_assert_nonnull (strstr (legend[g_strv_length (legend) - 2], "+30"));
  g_assert_true (find_item (chart, "CN-JS", &item));
  tooltip = rex_chart_describe_item_change (chart, &item);
  g_assert_cmpstr (tooltip, ==, "-20 persons since 2020");
  g_clear_pointer (&tooltip, g_free);
  g_assert_true (find_item (chart, "CN-XZ", &item));
  tooltip = rex_chart_describe_item (chart, &item);
  g_assert_nonnull (strstr (tooltip, "+30 persons since 2020"));
  g_clear_pointer (&tooltip, g_free);

  /* 2023: Sichuan did not change, neither a fall nor a rise: a grey class
   * "0" of its own; and Tibet's +20 then has Sichuan's +20 colour of 2024:
   * one key for every year. */
  spec->year = 2023;
  before = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  sc = tile_color (f, before, "CN-SC");
  g_assert_cmpfloat (fabs (sc.b - sc.r), <, 0.03);
  g_assert_cmpfloat (fabs (sc.g - sc.r), <, 0.03);
  g_assert_cmpfloat (rex_color_luminance (&sc), >, 0.6);
  assert_color_near (tile_color (f, before, "CN-XZ"), &sc_2024, 0.02);
  legend_before = rex_chart_dup_legend (before);
  g_strfreev (legend);
  legend = rex_chart_dup_legend (chart);
  g_assert_cmpstrv (legend_before, legend);
}

/* The change as a percentage leaves out a base of zero and says so;
 * continuous colours run out from zero both ways; the changes a map cannot
 * draw are refused with the reason. */
static void
test_change_relative_and_refused (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = dataset_from_json (change_json, "change.json");
  g_autoptr(RexChartSpec) spec = map_spec (REX_MAP_MODE_TILES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  RexChartItem item;
  RexColor js, xz;

  spec->base_year = 2020;
  spec->relative = TRUE;
  spec->continuous = TRUE;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), ==,
                   "% change 2020–2024 · Province · tile grid, one tile per region"
                   " · 1 region with a base figure of zero or less left out");
  g_assert_true (find_item (chart, "CN-XZ", &item));
  {
    g_autofree char *tooltip = rex_chart_describe_item_change (chart, &item);
    g_auto(GStrv) legend = rex_chart_dup_legend (chart);

    g_assert_cmpstr (tooltip, ==, "+300.0 % since 2020");
    /* As a percentage, the nation's change is the one to read a region's
     * against. */
    g_assert_true (g_strv_contains ((const char * const *) legend, "China: +20.0 %"));
  }
  /* Continuous colours have no classes: the table lists none. */
  {
    g_autoptr(RexChartTable) table = rex_chart_get_table (chart);

    g_assert_cmpuint (table->columns->len, ==, 7);
    g_assert_cmpstr (g_ptr_array_index (table->columns, 6), ==, "% change");
  }
  /* -40 % and +300 %: Jiangsu pale brown, Tibet the darkest teal. */
  js = tile_color (f, chart, "CN-JS");
  xz = tile_color (f, chart, "CN-XZ");
  g_assert_cmpfloat (js.r, >, js.b);
  g_assert_cmpfloat (rex_color_luminance (&js), >, rex_color_luminance (&xz));
  g_clear_object (&chart);

  /* Across the break of 2022, from the year shown, on the geographic map. */
  g_free (spec->metric);
  spec->metric = g_strdup ("income");
  g_assert_null (rex_chart_new (dataset, spec, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "breaks in 2022"));
  g_clear_error (&error);
  g_free (spec->metric);
  spec->metric = g_strdup ("population");
  spec->year = 2020;
  g_assert_null (rex_chart_new (dataset, spec, &error));
  g_assert_nonnull (strstr (error->message, "choose an earlier base year"));
  g_clear_error (&error);
  spec->year = 2024;
  spec->map_mode = REX_MAP_MODE_GEO;
  g_assert_null (rex_chart_new (dataset, spec, &error));
  g_assert_nonnull (strstr (error->message, "tile grid"));
  g_clear_error (&error);

  /* No tile with figures of both years: said, not drawn blank. */
  spec->map_mode = REX_MAP_MODE_TILES;
  spec->base_year = 2021;
  chart = draw_chart_full (f, dataset, spec, 1200, 800, 1);
  g_assert_cmpstr (rex_chart_get_empty_message (chart), ==,
                   "No region has figures of Population for both 2021 and 2024. Choose other years.");
}

/* The quantiles of the map's classes come from rex_chart_select_nth(): for
 * every position of arrays in random order, sorted, sorted backwards, all
 * alike, in few distinct values and in an organ-pipe order, the value a
 * full sort puts there, the values before it no larger and those after it
 * no smaller. */
static void
test_select_nth (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  const guint sizes[] = { 1, 2, 17, 100, 1001 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint shape = 0; shape < 6; shape++)
      {
        guint n = sizes[s];
        g_autofree double *sorted = g_new (double, n);
        g_autofree double *work = g_new (double, n);

        for (guint i = 0; i < n; i++)
          {
            double v[] = { g_rand_double_range (rand, -1e6, 1e6), i, n - i, 7, i % 3,
                           i < n / 2 ? i : n - i };
            sorted[i] = v[shape];
          }
        for (guint k = 0; k < n; k += MAX (1, n / 37))
          {
            double got;

            memcpy (work, sorted, n * sizeof (double));
            got = rex_chart_select_nth (work, n, k);
            for (guint i = 0; i < n; i++)
              {
                if (i < k)
                  g_assert_cmpfloat (work[i], <=, got);
                else if (i > k)
                  g_assert_cmpfloat (work[i], >=, got);
              }
            g_assert_cmpfloat (work[k], ==, got);
            /* The same as a full sort's. */
            qsort (work, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
            g_assert_cmpfloat (work[k], ==, got);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, "map.json", fixture_setup, fn, fixture_teardown)
  ADD ("/map/tiles-continuous", test_tiles_continuous);
  ADD ("/map/tiles", test_tiles);
  ADD ("/map/tiles-dark-and-chinese", test_tiles_dark_and_chinese);
  ADD ("/map/empty", test_empty);
  ADD ("/map/geo", test_geo);
  ADD ("/map/bundled-34-tiles", test_bundled_34_tiles);
  ADD ("/map/zero-seat", test_zero_seat);
  ADD ("/map/cluster-name-below", test_cluster_name_below);
  ADD ("/map/ring-width", test_ring_width);
  ADD ("/map/tiles-legend-all-values", test_tiles_legend_all_values);
  ADD ("/map/tiles-estimate-mark", test_tiles_estimate_mark);
  ADD ("/map/same-value-every-year", test_same_value_every_year);
  ADD ("/map/change", test_change);
  ADD ("/map/change-relative-and-refused", test_change_relative_and_refused);
  g_test_add ("/map/far-member", Fixture, "hostile-far-member.json", fixture_setup, test_far_member,
              fixture_teardown);
#undef ADD
  g_test_add_func ("/map/projection-fit", test_projection_fit);
  g_test_add_func ("/map/select-nth", test_select_nth);
  return g_test_run ();
}
