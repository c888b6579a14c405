/* test-chart-oracles.c — the bar chart checked against facts the test knows
 * without asking the renderer: the values are read from the fixture by the
 * test's own JSON parsing, and the bars, the zero line and the target line
 * are found in the image's pixels. Nothing here uses the chart's items or
 * table, so a renderer that is consistent with itself but wrong fails. */
#include "config.h"

#include <locale.h>
#include <math.h>

#include <json-glib/json-glib.h>

#include "chart-test-util.h"

#define FIXTURE "oracles.json"
#define METRIC  "output"

/* Geometry, not timing: a bar's end or a line lands within two device
 * pixels of where its value puts it (antialiasing, snapping to the pixel
 * grid, the zero line's own width). */
#define TOLERANCE 2.0

/* What the fixture says, read with json-glib directly. */
typedef struct
{
  GArray *values;  /* double, the provinces' values in the year, largest first */
  double  target;
} Facts;

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

static Facts
read_facts (int year)
{
  g_autofree char *year_key = g_strdup_printf ("%d", year);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", FIXTURE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *regions, *metrics;
  Facts facts = { g_array_new (FALSE, FALSE, sizeof (double)), NAN };

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  regions = json_object_get_array_member (root, "regions");
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);
      JsonObject *values, *series;
      double v;

      if (g_strcmp0 (json_object_get_string_member (region, "kind"), "province") != 0
          || !json_object_has_member (region, "values"))
        continue;
      values = json_object_get_object_member (region, "values");
      if (!json_object_has_member (values, METRIC))
        continue;
      series = json_object_get_object_member (values, METRIC);
      if (!json_object_has_member (series, year_key))
        continue;
      v = json_object_get_double_member (series, year_key);
      g_array_append_val (facts.values, v);
    }
  g_array_sort (facts.values, compare_descending);

  metrics = json_object_get_array_member (root, "metrics");
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *metric = json_array_get_object_element (metrics, i);

      if (g_strcmp0 (json_object_get_string_member (metric, "id"), METRIC) == 0)
        facts.target = json_object_get_double_member (json_object_get_object_member (metric, "target"),
                                                      "value");
    }

  /* The fixture is what makes the checks able to fail: several bars, all
   * different, all positive (one zero line on the left), and a target past
   * the longest bar. */
  g_assert_cmpuint (facts.values->len, >=, 3);
  for (guint i = 1; i < facts.values->len; i++)
    g_assert_cmpfloat (g_array_index (facts.values, double, i), <, g_array_index (facts.values, double, i - 1));
  g_assert_cmpfloat (g_array_index (facts.values, double, facts.values->len - 1), >, 0);
  g_assert_cmpfloat (facts.target, >, g_array_index (facts.values, double, 0));
  return facts;
}

/* A bar found in the image: the span of pixel rows it covers and, on its
 * middle row, the first and last pixel of the accent colour. */
typedef struct
{
  int top, bottom;
  int x0, x1;
} Mark;

/* The longest run of @color on pixel row @y: its start and end, or FALSE
 * when the row has no run of at least three pixels. */
static gboolean
longest_run (Fixture        *f,
             int             y,
             const RexColor *color,
             int            *start,
             int            *end)
{
  int w = cairo_image_surface_get_width (f->surface);
  int best = 0;

  for (int x = 0; x < w; x++)
    {
      int e = x;

      if (!color_near (pixel (f, x, y), color, 0.06))
        continue;
      while (e + 1 < w && color_near (pixel (f, e + 1, y), color, 0.06))
        e++;
      if (e - x + 1 > best)
        {
          best = e - x + 1;
          *start = x;
          *end = e;
        }
      x = e;
    }
  return best >= 3;
}

/* Every solid horizontal band of @color in the image, top to bottom. */
static GArray *
find_marks (Fixture        *f,
            const RexColor *color)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  int h = cairo_image_surface_get_height (f->surface);
  int y = 0;

  while (y < h)
    {
      int s, e;
      Mark mark;

      if (!longest_run (f, y, color, &s, &e))
        {
          y++;
          continue;
        }
      mark.top = y;
      while (y + 1 < h && longest_run (f, y + 1, color, &s, &e))
        y++;
      mark.bottom = y;
      g_assert_true (longest_run (f, (mark.top + mark.bottom) / 2, color, &mark.x0, &mark.x1));
      g_array_append_val (marks, mark);
      y++;
    }
  return marks;
}

/* The pixel column between @top and @bottom that holds the most pixels of
 * @color (a dashed vertical line is found by its dashes), or -1. */
static int
find_column (Fixture        *f,
             const RexColor *color,
             int             top,
             int             bottom)
{
  int w = cairo_image_surface_get_width (f->surface);
  int best = -1, best_count = 0;

  for (int x = 0; x < w; x++)
    {
      int count = 0;

      for (int y = top; y <= bottom; y++)
        count += color_near (pixel (f, x, y), color, 0.1);
      if (count > best_count)
        {
          best_count = count;
          best = x;
        }
    }
  /* A line, not a stray glyph: dashes over at least a third of the rows. */
  return best_count * 3 >= bottom - top ? best : -1;
}

static void
check_bars (Fixture     *f,
            const Facts *facts,
            int          year,
            int          scale)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) marks = NULL;
  const Mark *longest, *last;
  double zero_x, units_per_px, target_x;
  int ref_x;

  spec->metric = g_strdup (METRIC);
  spec->year = year;
  chart = draw_chart_full (f, f->dataset, spec, 800, 600, scale);
  marks = find_marks (f, &f->style->accent);

  /* One bar per province with a value that year, no more, no fewer. */
  g_assert_cmpuint (marks->len, ==, facts->values->len);

  /* All bars start at the same zero line. */
  zero_x = g_array_index (marks, Mark, 0).x0;
  for (guint i = 1; i < marks->len; i++)
    g_assert_cmpfloat (fabs (g_array_index (marks, Mark, i).x0 - zero_x), <=, 1);

  /* Ranked largest first, each bar as long as its value says: the longest
   * bar sets pixels per unit, every other bar follows from its value. */
  longest = &g_array_index (marks, Mark, 0);
  units_per_px = g_array_index (facts->values, double, 0) / (longest->x1 + 1 - zero_x);
  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = &g_array_index (marks, Mark, i);
      double want = g_array_index (facts->values, double, i) / units_per_px;
      double got = mark->x1 + 1 - zero_x;

      if (fabs (got - want) > TOLERANCE)
        g_error ("%d: bar %u at scale %d is %.1f px long, its value %g says %.1f",
                 year, i, scale, got, g_array_index (facts->values, double, i), want);
      if (i > 0)
        g_assert_cmpint (mark->top, >, g_array_index (marks, Mark, i - 1).bottom);
    }

  /* The target line stands where its value falls on the same axis, across
   * the rows of the bars. */
  last = &g_array_index (marks, Mark, marks->len - 1);
  ref_x = find_column (f, &f->style->reference, longest->top, last->bottom);
  g_assert_cmpint (ref_x, >=, 0);
  target_x = zero_x + facts->target / units_per_px;
  if (fabs (ref_x + 0.5 - target_x) > TOLERANCE)
    g_error ("%d: target line at x %d, its value %g says %.1f", year, ref_x, facts->target, target_x);
  g_assert_cmpint (ref_x, <, cairo_image_surface_get_width (f->surface));
}

/* In 2024 every province has a value, so the last row carries data; in
 * 2023 two have none, which must leave two rows without a bar. */
static void
test_bars_against_fixture (Fixture       *f,
                           gconstpointer  data)
{
  int years[] = { 2024, 2023 };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      Facts facts = read_facts (years[i]);

      for (int scale = 1; scale <= 2; scale++)
        check_bars (f, &facts, years[i], scale);
      g_array_unref (facts.values);
    }
}

/* The backgrounds are GNOME's: white in light, #1e1e1e in dark (libadwaita's
 * view background), so a dark chart sits in a dark window without a seam.
 * The bars are still all there in dark. */
static void
test_theme_backgrounds (Fixture       *f,
                        gconstpointer  data)
{
  static const RexColor white = { 1.0, 1.0, 1.0, 1.0 };
  static const RexColor dark = { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1.0 };
  Facts facts = read_facts (2024);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) light_chart = NULL;
  g_autoptr(RexChart) dark_chart = NULL;
  int w, h;

  spec->metric = g_strdup (METRIC);
  spec->year = 2024;
  light_chart = draw_chart (f, spec, 800, 600);
  w = cairo_image_surface_get_width (f->surface);
  h = cairo_image_surface_get_height (f->surface);
  assert_color_near (pixel (f, 1, 1), &white, 1 / 255.0);
  assert_color_near (pixel (f, w - 2, h - 2), &white, 1 / 255.0);

  rex_chart_style_free (f->style);
  f->style = rex_chart_style_new (REX_THEME_DARK);
  dark_chart = draw_chart (f, spec, 800, 600);
  assert_color_near (pixel (f, 1, 1), &dark, 1 / 255.0);
  assert_color_near (pixel (f, w - 2, h - 2), &dark, 1 / 255.0);
  g_assert_cmpfloat (pixel (f, 1, 1).a, ==, 1.0);
  check_bars (f, &facts, 2024, 1);
  g_array_unref (facts.values);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, FIXTURE, fixture_setup, fn, fixture_teardown)
  ADD ("/oracles/bars/against-fixture", test_bars_against_fixture);
  ADD ("/oracles/bars/theme-backgrounds", test_theme_backgrounds);
#undef ADD
  return g_test_run ();
}
