/* test-chart-property.c — every chart kind drawn from random valid datasets
 * with extreme values: zeros, ±1.7e308, 1e-300 and subnormals, negatives,
 * a single region, a single year, years at both ends of 1800–2200, gaps,
 * transport circles at their limits. Each chart is drawn at sizes from
 * 16 × 16 to 1600 × 1000, its table, description, items and hit tests are
 * read, and nothing may crash, loop or raise a warning or critical (GTest
 * makes them fatal; a chart that loops is stopped by the suite's timeout).
 *
 * Seeded and deterministic: REX_PROPERTY_SEED picks the seed (printed),
 * REX_PROPERTY_RUNS the number of datasets (40 by default, a few seconds;
 * docs/reliability.md records longer runs).
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rex-render.h"

#define DEFAULT_SEED 20261206
#define DEFAULT_RUNS 40

static const double extremes[] = {
  0.0, -0.0, 1.0, -1.0, 1.7e308, -1.7e308, 1e308, -1e308, G_MAXDOUBLE, -G_MAXDOUBLE,
  1e-300, -1e-300, 4.9e-324, 2.2250738585072014e-308, 1e15, 999999999999999.0, 0.1, 100.0,
};

static double
random_value (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return extremes[g_rand_int_range (rand, 0, G_N_ELEMENTS (extremes))];
    case 1:
      return g_rand_double_range (rand, -1e6, 1e6);
    case 2:
      return ldexp (g_rand_double_range (rand, -1, 1), g_rand_int_range (rand, -1070, 1024));
    default:
      return g_rand_int_range (rand, 0, 1000);
    }
}

static double
random_percent (GRand *rand)
{
  static const double edges[] = { 0, 100, 1e-300, 4.9e-324, 99.99999999999999, 50 };

  if (g_rand_boolean (rand))
    return edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))];
  return g_rand_double_range (rand, 0, 100);
}

static void
append_number (GString *json,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (json, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
append_place (GString    *json,
              const char *name,
              double      lon,
              double      lat)
{
  g_string_append_printf (json, "{\"name\":\"%s\",\"lon\":", name);
  append_number (json, lon);
  g_string_append (json, ",\"lat\":");
  append_number (json, lat);
  g_string_append_c (json, '}');
}

/* The years a dataset covers: one, a few, or the whole supported range. */
static void
random_years (GRand *rand,
              int   *first,
              int   *last)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      *first = *last = g_rand_int_range (rand, REX_YEAR_MIN, REX_YEAR_MAX + 1);
      break;
    case 1:
      *first = REX_YEAR_MIN;
      *last = REX_YEAR_MIN + g_rand_int_range (rand, 0, 3);
      break;
    case 2:
      *first = REX_YEAR_MAX - g_rand_int_range (rand, 0, 3);
      *last = REX_YEAR_MAX;
      break;
    default:
      *first = g_rand_int_range (rand, 1990, 2020);
      *last = *first + g_rand_int_range (rand, 1, 12);
      break;
    }
}

static GBytes *
random_dataset (GRand *rand)
{
  static const int region_counts[] = { 1, 1, 2, 3, 5, 12, 40 };
  static const char * const metrics[] = { "a", "b", "p", "t" };
  GString *json = g_string_new ("{\"schema\":\"region-explorer/1\",\"title\":\"Random\","
                                "\"sources\":[{\"id\":\"s\",\"publisher\":\"P\",\"title\":\"T\",\"date\":\"2025\"}],"
                                "\"metrics\":["
                                "{\"id\":\"a\",\"name\":\"A\",\"unit\":\"u\",\"source\":\"s\"},"
                                "{\"id\":\"b\",\"name\":\"B\",\"unit\":\"u\",\"source\":\"s\",\"higher_is_better\":false},"
                                "{\"id\":\"p\",\"name\":\"P: share\",\"unit\":\"%\",\"percent\":true,\"source\":\"s\"");
  int n_regions = region_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (region_counts))];
  int first, last, n_clusters = 0;

  random_years (rand, &first, &last);
  if (g_rand_boolean (rand))
    {
      g_string_append (json, ",\"target\":{\"value\":");
      append_number (json, random_percent (rand));
      g_string_append_printf (json, ",\"year\":%d,\"source\":\"s\"}",
                              g_rand_int_range (rand, REX_YEAR_MIN, REX_YEAR_MAX + 1));
    }
  g_string_append (json, "},{\"id\":\"t\",\"name\":\"T\",\"unit\":\"u\",\"source\":\"s\",\"target\":{\"value\":");
  append_number (json, random_value (rand));
  g_string_append_printf (json, ",\"year\":%d,\"source\":\"s\"}}],\"regions\":[",
                          g_rand_int_range (rand, REX_YEAR_MIN, REX_YEAR_MAX + 1));

  for (int i = 0; i < n_regions; i++)
    {
      gboolean cluster = i > 1 && g_rand_int_range (rand, 0, 5) == 0;
      gboolean values_written = FALSE;

      g_string_append_printf (json, "%s{\"id\":\"R%d\",\"name\":\"Region %d\",\"kind\":\"%s\"",
                              i ? "," : "", i, i, i == 0 ? "nation" : cluster ? "city-cluster" : "province");
      if (i > 0 && !cluster)
        g_string_append (json, ",\"parent\":\"R0\"");
      if (cluster)
        {
          g_string_append_printf (json, ",\"members\":[\"R%d\"", 1);
          for (int m = 2; m < i; m++)
            if (g_rand_boolean (rand))
              g_string_append_printf (json, ",\"R%d\"", m);
          g_string_append (json, "]");
          n_clusters++;
        }
      if (g_rand_int_range (rand, 0, 6) != 0)
        {
          g_string_append (json, ",\"seat\":");
          append_place (json, "Seat", g_rand_double_range (rand, -180, 180), g_rand_double_range (rand, -90, 90));
        }
      if (g_rand_int_range (rand, 0, 6) != 0)
        g_string_append_printf (json, ",\"tile\":{\"col\":%d,\"row\":%d}", i % 64, i / 64);

      for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
        {
          g_autoptr(GString) series = g_string_new (NULL);

          if (g_rand_int_range (rand, 0, 5) == 0)
            continue;
          for (int year = first; year <= last; year++)
            {
              if (g_rand_int_range (rand, 0, 5) == 0)
                continue;
              g_string_append_printf (series, "%s\"%04d\":", series->len ? "," : "", year);
              append_number (series, m == 2 ? random_percent (rand) : random_value (rand));
            }
          if (series->len == 0)
            continue;
          g_string_append_printf (json, "%s\"%s\":{%s}", values_written ? "," : ",\"values\":{",
                                  metrics[m], series->str);
          values_written = TRUE;
        }
      if (values_written)
        g_string_append_c (json, '}');
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]");

  if (g_rand_boolean (rand))
    {
      int n_circles = g_rand_int_range (rand, 1, 4);

      g_string_append (json, ",\"transport_circles\":[");
      for (int c = 0; c < n_circles; c++)
        {
          g_string_append_printf (json, "%s{\"id\":\"c%d\",\"name\":\"Circle %d\",\"hub\":", c ? "," : "", c, c);
          append_place (json, "Hub", g_rand_double_range (rand, 70, 135), g_rand_double_range (rand, 15, 55));
          g_string_append (json, ",\"hours\":");
          append_number (json, g_rand_boolean (rand) ? REX_DATASET_MAX_HOURS : g_rand_double_range (rand, 1e-9, 3));
          g_string_append (json, ",\"mode\":\"rail\",\"source\":\"s\"");
          if (g_rand_boolean (rand))
            {
              g_string_append (json, ",\"radius_km\":");
              append_number (json, g_rand_boolean (rand) ? REX_DATASET_MAX_RADIUS_KM : 4.9e-324);
            }
          else
            {
              g_string_append (json, ",\"members\":[");
              append_place (json, "Near", g_rand_double_range (rand, 100, 120), g_rand_double_range (rand, 20, 40));
              g_string_append_c (json, ',');
              /* Anywhere on earth: a ring through it may be far too wide. */
              append_place (json, "Far", g_rand_double_range (rand, -180, 180), g_rand_double_range (rand, -90, 90));
              g_string_append_c (json, ']');
            }
          g_string_append_c (json, '}');
        }
      g_string_append_c (json, ']');
    }
  g_string_append_c (json, '}');
  (void) n_clusters;
  return g_string_free_to_bytes (json);
}

/* One random spec of @kind over the dataset's metrics. */
static RexChartSpec *
random_spec (GRand        *rand,
             RexChartKind  kind)
{
  static const char * const metrics[] = { "a", "b", "p", "t", "p,p", "a,p" };
  static const RexRegionKind region_kinds[] = {
    REX_REGION_KIND_PROVINCE, REX_REGION_KIND_NATION, REX_REGION_KIND_CITY_CLUSTER,
  };
  RexChartSpec *spec = rex_chart_spec_new (kind);

  spec->metric = g_strdup (metrics[g_rand_int_range (rand, 0, kind == REX_CHART_KIND_SHARES ? 6 : 4)]);
  spec->x_metric = g_strdup (metrics[g_rand_int_range (rand, 0, 4)]);
  spec->y_metric = g_strdup (metrics[g_rand_int_range (rand, 0, 4)]);
  spec->size_metric = g_rand_boolean (rand) ? g_strdup (metrics[g_rand_int_range (rand, 0, 4)]) : NULL;
  spec->region_kind = region_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (region_kinds))];
  if (g_rand_boolean (rand))
    spec->year = g_rand_int_range (rand, REX_YEAR_MIN, REX_YEAR_MAX + 1);
  if (g_rand_boolean (rand))
    spec->year_fraction = g_rand_double_range (rand, 0, 1);
  spec->relative = g_rand_boolean (rand);
  /* A base year anywhere, or among the years most datasets have (a ranking
   * of the change needs one before the year shown). */
  if (g_rand_boolean (rand))
    spec->base_year = g_rand_boolean (rand) ? g_rand_int_range (rand, 1990, 2032)
                                            : g_rand_int_range (rand, REX_YEAR_MIN, REX_YEAR_MAX + 1);
  if (g_rand_boolean (rand))
    spec->top = g_rand_int_range (rand, -5, 6);
  spec->log_x = g_rand_boolean (rand);
  spec->log_y = g_rand_boolean (rand);
  spec->trails = g_rand_boolean (rand);
  spec->split = g_rand_boolean (rand);
  spec->fit = g_rand_boolean (rand);
  spec->both_years = g_rand_boolean (rand);
  if (g_rand_boolean (rand))
    spec->from_year = g_rand_int_range (rand, REX_YEAR_MIN, REX_YEAR_MAX + 1);
  if (g_rand_boolean (rand))
    spec->to_year = g_rand_int_range (rand, MAX (spec->from_year, REX_YEAR_MIN), REX_YEAR_MAX + 1);
  spec->color_by = g_rand_int_range (rand, 0, REX_COLOR_BY_LAST);
  spec->map_mode = g_rand_int_range (rand, 0, REX_MAP_MODE_LAST);
  spec->continuous = g_rand_boolean (rand);
  spec->shares_mode = g_rand_int_range (rand, 0, REX_SHARES_MODE_LAST);
  do
    spec->table_of = g_rand_int_range (rand, 0, REX_CHART_KIND_LAST);
  while (spec->table_of == REX_CHART_KIND_TABLE);
  if (g_rand_boolean (rand))
    {
      const char *ids[4] = { "R0", "R1", "R2", NULL };

      ids[g_rand_int_range (rand, 1, 4)] = NULL;
      rex_chart_spec_set_regions (spec, ids);
    }
  g_assert_true (rex_chart_spec_validate (spec, NULL, NULL));
  return spec;
}

static guint n_drawn, n_refused;

static void
exercise_chart (GRand              *rand,
                RexDataset         *dataset,
                const RexChartSpec *spec,
                RexChartStyle      *style)
{
  static const int sizes[][2] = { { 16, 16 }, { 120, 90 }, { 400, 260 }, { 1600, 1000 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RexChart) chart = rex_chart_new (dataset, spec, &error);
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *description = NULL;
  guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (sizes));
  int w = sizes[s][0], h = sizes[s][1];
  cairo_surface_t *surface;
  cairo_t *cr;

  if (chart == NULL)
    {
      /* Refusing a spec the data cannot support is fine; saying so badly is not. */
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL) && *error->message);
      n_refused++;
      return;
    }
  n_drawn++;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  rex_chart_draw (chart, cr, w, h, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_true (isfinite (item.x) && isfinite (item.y));
    }
  for (int k = 0; k < 8; k++)
    {
      RexChartItem hit;

      rex_chart_hit_test (chart, g_rand_double_range (rand, -10, w + 10), g_rand_double_range (rand, -10, h + 10),
                          &hit);
    }
  table = rex_chart_get_table (chart);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];

      for (guint c = 0; c < cells->len; c++)
        {
          const char *cell = cells->pdata[c];

          g_assert_true (g_utf8_validate (cell, -1, NULL));
          if (strstr (cell, "inf") != NULL || strstr (cell, "nan") != NULL)
            g_error ("%s chart, column “%s”: “%s” is not a number",
                     rex_chart_kind_to_string (spec->kind), (const char *) table->columns->pdata[c], cell);
        }
    }
  description = rex_chart_describe (chart);
  g_assert_true (g_utf8_validate (description, -1, NULL));
}

static void
test_random_datasets (void)
{
  const char *seed_env = g_getenv ("REX_PROPERTY_SEED");
  const char *runs_env = g_getenv ("REX_PROPERTY_RUNS");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : DEFAULT_SEED;
  guint runs = runs_env ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : DEFAULT_RUNS;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  RexChartStyle *styles[2] = { rex_chart_style_new (REX_THEME_LIGHT), rex_chart_style_new (REX_THEME_DARK) };

  g_test_message ("seed %u, %u datasets (REX_PROPERTY_SEED, REX_PROPERTY_RUNS)", seed, runs);
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GBytes) bytes = random_dataset (rand);
      g_autoptr(GError) error = NULL;
      g_autoptr(RexDataset) dataset = rex_dataset_new_from_bytes (bytes, "random.json", NULL, &error);

      if (dataset == NULL)
        g_error ("run %u: the generated dataset is refused: %s\n%.*s", run, error->message,
                 (int) MIN (g_bytes_get_size (bytes), 4000), (const char *) g_bytes_get_data (bytes, NULL));
      for (RexChartKind kind = 0; kind < REX_CHART_KIND_LAST; kind++)
        for (int variant = 0; variant < 3; variant++)
          {
            g_autoptr(RexChartSpec) spec = random_spec (rand, kind);

            exercise_chart (rand, dataset, spec, styles[g_rand_int_range (rand, 0, 2)]);
          }
      g_assert_finalize_object (g_steal_pointer (&dataset));
    }
  rex_chart_style_free (styles[0]);
  rex_chart_style_free (styles[1]);
  g_test_message ("%u charts drawn, %u specs refused", n_drawn, n_refused);
  /* The generator must reach the drawing code, not only the refusals. */
  g_assert_cmpuint (n_drawn, >, n_refused / 4);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/property/random-datasets", test_random_datasets);
  return g_test_run ();
}
