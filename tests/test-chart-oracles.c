/* test-chart-oracles.c — every chart kind checked against facts the test
 * knows without asking the renderer: the values are read from the fixture by
 * the test's own JSON parsing, and the marks (bars, points, bubbles, tiles,
 * parts), the zero line, the target lines and the legends' swatches are found
 * in the image's pixels. Positions are checked against what the values say:
 * proportional along a value axis, affine across the marks of one axis,
 * fractions of a whole. The chart's items are used only for the years' columns
 * of a line chart, never for a value; nothing here reads the chart's table. A
 * renderer that is consistent with itself but wrong fails.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include <json-glib/json-glib.h>

#include "chart-test-util.h"
#include "rex-model-private.h"
#include "rex-region-facts.h"

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

/* The 1-2-5 number (1, 2 or 5 times a power of ten) within 2 % of @step,
 * or NaN. */
static double
nice_step (double step)
{
  double p = pow (10, floor (log10 (step))), nice[] = { 1, 2, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (nice); i++)
    if (fabs (step / (nice[i] * p) - 1) < 0.02)
      return nice[i] * p;
  return NAN;
}

/* The value axis's grid lines, seen in the gap between the first two bars:
 * evenly spaced at a 1-2-5 step of values, at multiples of it from the
 * zero line. */
static void
check_grid (Fixture      *f,
            GArray       *marks,
            double        zero_x,
            double        units_per_px)
{
  int y = (g_array_index (marks, Mark, 0).bottom + g_array_index (marks, Mark, 1).top) / 2;
  double columns[32], step;
  guint n = 0;

  g_assert_cmpint (g_array_index (marks, Mark, 1).top - g_array_index (marks, Mark, 0).bottom, >=, 2);
  for (int x = (int) zero_x + 2; x < cairo_image_surface_get_width (f->surface) && n < G_N_ELEMENTS (columns); x++)
    if (color_near (pixel (f, x, y), &f->style->grid, 0.02))
      columns[n++] = x + 0.5;
  g_assert_cmpuint (n, >=, 3);
  step = nice_step ((columns[n - 1] - columns[0]) / (n - 1) * units_per_px);
  g_assert_false (isnan (step));
  for (guint i = 0; i < n; i++)
    {
      double v = (columns[i] - zero_x) * units_per_px;

      if (fabs (v - step * round (v / step)) > 1.5 * units_per_px)
        g_error ("a grid line at x %.1f stands for %g, not a multiple of the step %g", columns[i], v, step);
    }
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

  /* Its label ("Target 120 (2030)") is whole: nothing of it at the image's
   * right edge, where a label centred on a line near the end would be cut. */
  for (int y = 0; y < cairo_image_surface_get_height (f->surface); y++)
    for (int x = cairo_image_surface_get_width (f->surface) - 2; x < cairo_image_surface_get_width (f->surface); x++)
      if (color_distance (pixel (f, x, y), &f->style->reference) < 0.6)
        g_error ("%d: the target's label runs off the image's right edge at row %d", year, y);

  check_grid (f, marks, zero_x, units_per_px);
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

/* What the fixture says of any region and metric. */
typedef struct
{
  JsonParser *parser;
  JsonObject *root;
  GPtrArray  *provinces;  /* JsonObject*, the provinces in the fixture's order */
} Fixture_data;

static void
fixture_data_load (Fixture_data *d,
                   const char   *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *regions;

  d->parser = json_parser_new ();
  json_parser_load_from_file (d->parser, path, &error);
  g_assert_no_error (error);
  d->root = json_node_get_object (json_parser_get_root (d->parser));
  d->provinces = g_ptr_array_new ();
  regions = json_object_get_array_member (d->root, "regions");
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);

      if (g_strcmp0 (json_object_get_string_member (region, "kind"), "province") == 0)
        g_ptr_array_add (d->provinces, region);
    }
}

static void
fixture_data_init (Fixture_data *d)
{
  fixture_data_load (d, FIXTURE);
}

static void
fixture_data_clear (Fixture_data *d)
{
  g_ptr_array_unref (d->provinces);
  g_object_unref (d->parser);
}

/* The member of the fixture's array @member whose "id" is @id. */
static JsonObject *
fixture_lookup (Fixture_data *d,
                const char   *member,
                const char   *id)
{
  JsonArray *array = json_object_get_array_member (d->root, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }
  g_error ("the fixture's %s have no %s", member, id);
}

static JsonObject *
fixture_region (Fixture_data *d,
                const char   *id)
{
  return fixture_lookup (d, "regions", id);
}

/* @region's value of @metric in @year; FALSE when the fixture has none. */
static gboolean
fixture_value (JsonObject *region,
               const char *metric,
               int         year,
               double     *value)
{
  g_autofree char *key = g_strdup_printf ("%d", year);
  JsonObject *values, *series;

  if (!json_object_has_member (region, "values"))
    return FALSE;
  values = json_object_get_object_member (region, "values");
  if (!json_object_has_member (values, metric))
    return FALSE;
  series = json_object_get_object_member (values, metric);
  if (!json_object_has_member (series, key))
    return FALSE;
  *value = json_object_get_double_member (series, key);
  return TRUE;
}

static double
fixture_target (Fixture_data *d,
                const char   *metric_id)
{
  JsonObject *metric = fixture_lookup (d, "metrics", metric_id);

  return json_object_get_double_member (json_object_get_object_member (metric, "target"), "value");
}

/* A 24-bit colour, as the image stores it. */
static guint32
rgb24 (const RexColor *c)
{
  return ((guint32) lround (c->r * 255) << 16) | ((guint32) lround (c->g * 255) << 8) | (guint32) lround (c->b * 255);
}

static int
channel (guint32 c,
         int     shift)
{
  return (c >> shift) & 0xff;
}

static gboolean
rgb_near (guint32 a,
          guint32 b,
          int     tolerance)
{
  return abs (channel (a, 16) - channel (b, 16)) <= tolerance && abs (channel (a, 8) - channel (b, 8)) <= tolerance
      && abs (channel (a, 0) - channel (b, 0)) <= tolerance;
}

/* Greys: text, grid, axis, background, tracks. No mark of data is grey. */
static gboolean
rgb_neutral (guint32 c)
{
  int r = channel (c, 16), g = channel (c, 8), b = channel (c, 0);

  return MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) <= 12;
}

static guint32
pixel_rgb (Fixture *f,
           int      x,
           int      y)
{
  unsigned char *data = cairo_image_surface_get_data (f->surface);
  int stride = cairo_image_surface_get_stride (f->surface);

  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

/* A connected area of one exact colour. */
typedef struct
{
  guint32 rgb;
  int     x0, y0, x1, y1;
  guint   n;
} Blob;

static int
blob_width (const Blob *b)
{
  return b->x1 - b->x0 + 1;
}

static int
blob_height (const Blob *b)
{
  return b->y1 - b->y0 + 1;
}

static double
blob_fill (const Blob *b)
{
  return (double) b->n / (blob_width (b) * blob_height (b));
}

/* Every area of one colour (4-connected) of at least @min_pixels pixels. */
static GArray *
find_blobs (Fixture *f,
            guint    min_pixels)
{
  int w = cairo_image_surface_get_width (f->surface);
  int h = cairo_image_surface_get_height (f->surface);
  g_autofree guint8 *seen = g_new0 (guint8, (gsize) w * h);
  g_autofree int *stack = g_new (int, (gsize) w * h);
  GArray *blobs = g_array_new (FALSE, FALSE, sizeof (Blob));

  for (int start = 0; start < w * h; start++)
    {
      Blob blob = { pixel_rgb (f, start % w, start / w), w, h, -1, -1, 0 };
      int top = 0;

      if (seen[start])
        continue;
      seen[start] = 1;
      stack[top++] = start;
      while (top > 0)
        {
          int p = stack[--top], x = p % w, y = p / w;
          int next[4][2] = { { x - 1, y }, { x + 1, y }, { x, y - 1 }, { x, y + 1 } };

          blob.n++;
          blob.x0 = MIN (blob.x0, x);
          blob.x1 = MAX (blob.x1, x);
          blob.y0 = MIN (blob.y0, y);
          blob.y1 = MAX (blob.y1, y);
          for (int k = 0; k < 4; k++)
            {
              int nx = next[k][0], ny = next[k][1];

              if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[ny * w + nx]
                  || pixel_rgb (f, nx, ny) != blob.rgb)
                continue;
              seen[ny * w + nx] = 1;
              stack[top++] = ny * w + nx;
            }
        }
      if (blob.n >= min_pixels)
        g_array_append_val (blobs, blob);
    }
  return blobs;
}

/* A legend's swatch: a solid square about the size of the text beside it. */
static gboolean
blob_is_swatch (const Blob          *b,
                const RexChartStyle *style)
{
  double em = style->font_size;

  return abs (blob_width (b) - blob_height (b)) <= 1 && blob_width (b) >= em * 0.6 && blob_width (b) <= em * 1.3
         && blob_fill (b) >= 0.9;
}

static void
add_color (GArray  *colors,
           guint32  c)
{
  for (guint i = 0; i < colors->len; i++)
    if (g_array_index (colors, guint32, i) == c)
      return;
  g_array_append_val (colors, c);
}

static gboolean
has_color (GArray  *colors,
           guint32  c)
{
  for (guint i = 0; i < colors->len; i++)
    if (rgb_near (g_array_index (colors, guint32, i), c, 2))
      return TRUE;
  return FALSE;
}

/* Every mark's colour (an area of at least @min_mark pixels that is not a
 * swatch) has a legend swatch, and, when @every_swatch_used, every swatch's
 * colour colours a mark of the plot. Returns the number of swatch colours. */
static guint
check_legend_and_plot (Fixture  *f,
                       guint     min_mark,
                       gboolean  every_swatch_used)
{
  g_autoptr(GArray) blobs = find_blobs (f, 20);
  g_autoptr(GArray) swatches = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < blobs->len; i++)
    {
      const Blob *b = &g_array_index (blobs, Blob, i);

      if (rgb_neutral (b->rgb))
        continue;
      if (blob_is_swatch (b, f->style))
        add_color (swatches, b->rgb);
      /* A mark, not an antialiased seam one pixel wide. */
      else if (b->n >= min_mark && blob_width (b) >= 4 && blob_height (b) >= 4)
        add_color (marks, b->rgb);
    }
  for (guint i = 0; every_swatch_used && i < swatches->len; i++)
    if (!has_color (marks, g_array_index (swatches, guint32, i)))
      g_error ("the legend's colour #%06x is on no mark of the plot", g_array_index (swatches, guint32, i));
  for (guint i = 0; i < marks->len; i++)
    if (!has_color (swatches, g_array_index (marks, guint32, i)))
      g_error ("the plot's colour #%06x is not in the legend", g_array_index (marks, guint32, i));
  return swatches->len;
}

/* Least squares y = a + b x; the largest distance of a point from the line. */
static double
fit_line (const double *x,
          const double *y,
          guint         n,
          double       *a,
          double       *b)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0, worst = 0;

  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      mx += x[i] / n;
      my += y[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
  *b = sxy / sxx;
  *a = my - *b * mx;
  for (guint i = 0; i < n; i++)
    worst = MAX (worst, fabs (*a + *b * x[i] - y[i]));
  return worst;
}

/* Whether pixel row @y is a grid line (or the axis) across the plot from
 * @x_first to @x_last. */
static gboolean
is_grid_row (Fixture *f,
             int      y,
             int      x_first,
             int      x_last)
{
  guint on = 0;

  for (int x = x_first; x <= x_last; x++)
    on += color_near (pixel (f, x, y), &f->style->grid, 0.02) || color_near (pixel (f, x, y), &f->style->axis, 0.02);
  return on >= 0.9 * (x_last - x_first);
}

#define LINE_IDS "CN-AH", "CN-FJ", "CN-GS", "CN-GZ", "CN-HA", "north"
#define FIRST_YEAR 2020
#define LAST_YEAR  2024

/* Lines: a point in every year a region has a value and nothing in the
 * years it has none (no line drawn across a gap); every point's height
 * follows its value on one axis shared by all regions, whose grid lines
 * fall on round values; each region its own colour, named at its line's end
 * in that colour; a region without data draws nothing. */

/* The longest run of rows of column @x in @color (within antialiasing):
 * a point's disc, or the line through it. A lone pixel where another
 * line's antialiased edge happens to blend to @color is no run. Returns the
 * run's length and adds the sum of its rows' centres to @sum. */
static guint
column_run (Fixture        *f,
            int             x,
            int             h,
            const RexColor *color,
            double         *sum)
{
  int best_start = 0, best_len = 0, start = -1;

  for (int row = 0; row <= h; row++)
    {
      gboolean in = row < h && color_near (pixel (f, x, row), color, 0.12);

      if (in && start < 0)
        start = row;
      else if (!in && start >= 0)
        {
          if (row - start > best_len)
            best_start = start, best_len = row - start;
          start = -1;
        }
    }
  if (best_len < 2)
    return 0;
  for (int row = best_start; row < best_start + best_len; row++)
    *sum += row + 0.5;
  return (guint) best_len;
}

static void
test_lines_against_fixture (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const ids[] = { LINE_IDS, NULL };
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  Fixture_data d;
  double year_x[LAST_YEAR - FIRST_YEAR + 1];
  double values[64], ys[64], a, b;
  guint n = 0, grid_lines = 0;
  int h, x_first, x_last;

  fixture_data_init (&d);
  spec->metric = g_strdup (METRIC);
  rex_chart_spec_set_regions (spec, ids);
  chart = draw_chart (f, spec, 800, 600);
  h = cairo_image_surface_get_height (f->surface);

  /* The years' columns, where the chart says it put them: time runs left
   * to right at an even pace. */
  for (int y = FIRST_YEAR; y <= LAST_YEAR; y++)
    year_x[y - FIRST_YEAR] = NAN;
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      rex_chart_get_item (chart, i, &item);
      g_assert_cmpint (item.year, >=, FIRST_YEAR);
      g_assert_cmpint (item.year, <=, LAST_YEAR);
      year_x[item.year - FIRST_YEAR] = item.x;
    }
  for (int y = FIRST_YEAR + 1; y <= LAST_YEAR; y++)
    g_assert_cmpfloat (fabs ((year_x[y - FIRST_YEAR] - year_x[y - FIRST_YEAR - 1])
                             - (year_x[1] - year_x[0])), <, 0.5);
  g_assert_cmpfloat (year_x[1] - year_x[0], >, 50);

  for (guint k = 0; ids[k]; k++)
    {
      JsonObject *region = fixture_region (&d, ids[k]);
      const RexColor *color = &f->style->palette[k];

      for (int y = FIRST_YEAR; y <= LAST_YEAR; y++)
        {
          int x = (int) year_x[y - FIRST_YEAR];
          double v, sum = 0;
          guint count = 0;

          count = column_run (f, x, h, color, &sum);
          if (!fixture_value (region, METRIC, y, &v))
            {
              if (count > 0)
                g_error ("%s has no value in %d, yet its colour is in that year's column", ids[k], y);
              continue;
            }
          if (count == 0)
            g_error ("%s's point of %d is missing", ids[k], y);
          values[n] = v;
          ys[n++] = sum / count;
        }
    }
  g_assert_cmpuint (n, ==, 18);  /* the fixture's values of 2020–2024, counted by hand */
  if (fit_line (values, ys, n, &a, &b) > 1.5)
    g_error ("the points' heights do not follow their values on one axis");
  g_assert_cmpfloat (b, <, -1);  /* higher values higher up */

  /* The value axis's grid lines are where round values fall on that axis. */
  x_first = (int) year_x[0] + 3;
  x_last = (int) year_x[LAST_YEAR - FIRST_YEAR] - 3;
  for (int row = 0; row < h; row++)
    {
      double v;

      if (!is_grid_row (f, row, x_first, x_last))
        continue;
      v = (row + 0.5 - a) / b;
      if (fabs (v - 10 * round (v / 10)) > 0.3)
        g_error ("a grid line at row %d stands for %.2f, not a round value", row, v);
      grid_lines++;
    }
  g_assert_cmpuint (grid_lines, >=, 5);

  /* Each region with data is named right of the last year in its colour;
   * the region without data (the last asked for) has no colour anywhere. */
  for (guint k = 0; ids[k]; k++)
    {
      guint count = 0;

      for (int row = 0; row < h; row++)
        for (int x = (int) year_x[LAST_YEAR - FIRST_YEAR] + 8; x < cairo_image_surface_get_width (f->surface); x++)
          count += color_near (pixel (f, x, row), &f->style->palette[k], 0.06);
      if (ids[k + 1] != NULL)
        g_assert_cmpuint (count, >, 10);
      else
        g_assert_cmpuint (count, ==, 0);
    }
  fixture_data_clear (&d);
}

/* A century of yearly values at 600 px leaves 5 px a year: markers would
 * crowd into a bead chain, so the line is drawn alone, as thin as a line,
 * everywhere. */
static void
test_lines_dense_without_markers (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\":\"region-explorer/1\",\"title\":\"Dense\","
                                          "\"sources\":[{\"id\":\"s\",\"publisher\":\"P\",\"title\":\"T\"}],"
                                          "\"metrics\":[{\"id\":\"m\",\"name\":\"M\",\"unit\":\"u\",\"source\":\"s\"}],"
                                          "\"regions\":[{\"id\":\"r\",\"name\":\"R\",\"kind\":\"nation\","
                                          "\"values\":{\"m\":{");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  int h, columns = 0;

  for (int year = 1901; year <= 2000; year++)
    g_string_append_printf (json, "%s\"%d\":50", year > 1901 ? "," : "", year);
  g_string_append (json, "}}}]}");
  bytes = g_bytes_new (json->str, json->len);
  dataset = rex_dataset_new_from_bytes (bytes, "dense.json", NULL, &error);
  g_assert_no_error (error);
  spec->metric = g_strdup ("m");
  chart = draw_chart_full (f, dataset, spec, 600, 400, 1);
  h = cairo_image_surface_get_height (f->surface);
  /* Left of the region's name at the line's end. */
  for (int x = 0; x < 540; x++)
    {
      int run = 0, thickest = 0;

      for (int y = 0; y < h; y++)
        {
          run = color_near (pixel (f, x, y), &f->style->palette[0], 0.25) ? run + 1 : 0;
          thickest = MAX (thickest, run);
        }
      if (thickest > 4)
        g_error ("the line is %d px thick at x %d: a marker on a point with neighbours", thickest, x);
      columns += thickest > 0;
    }
  g_assert_cmpint (columns, >, 400);
}

/* A disc: round (π/4 of its box filled, give or take its rim) and not a
 * legend's swatch. */
static gboolean
blob_is_disc (const Blob *b)
{
  return abs (blob_width (b) - blob_height (b)) <= 2 && blob_width (b) >= 8
         && blob_fill (b) > 0.7 && blob_fill (b) < 0.86;
}

/* China's usual Albers equal-area conic (standard parallels 25° and 47° N,
 * central meridian 105° E), Snyder's spherical formulas, unscaled. */
static void
albers (double  lon,
        double  lat,
        double *x,
        double *y)
{
  double rad = G_PI / 180, n = (sin (25 * rad) + sin (47 * rad)) / 2;
  double c = cos (25 * rad) * cos (25 * rad) + 2 * n * sin (25 * rad);
  double rho = sqrt (c - 2 * n * sin (lat * rad)) / n, theta = n * (lon - 105) * rad;

  *x = rho * sin (theta);
  *y = -rho * cos (theta);
}

/* Sorts the first @n of @discs left to right, with their centres. */
static void
sort_discs (GArray *discs,
            double *px,
            double *py,
            guint   n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (px[j] < px[i])
        {
          Blob t = g_array_index (discs, Blob, i);
          double tx = px[i], ty = py[i];

          g_array_index (discs, Blob, i) = g_array_index (discs, Blob, j);
          g_array_index (discs, Blob, j) = t;
          px[i] = px[j], py[i] = py[j];
          px[j] = tx, py[j] = ty;
        }
}

/* The coloured discs of the image, their centres in @px, @py and the
 * largest radius in @r_max. */
static GArray *
find_discs (Fixture *f,
            double  *px,
            double  *py,
            double  *r_max)
{
  g_autoptr(GArray) blobs = find_blobs (f, 40);
  GArray *discs = g_array_new (FALSE, FALSE, sizeof (Blob));

  *r_max = 0;
  for (guint i = 0; i < blobs->len; i++)
    {
      const Blob *blob = &g_array_index (blobs, Blob, i);

      if (rgb_neutral (blob->rgb) || !blob_is_disc (blob))
        continue;
      g_assert_cmpuint (discs->len, <, 16);
      px[discs->len] = (blob->x0 + blob->x1 + 1) / 2.0;
      py[discs->len] = (blob->y0 + blob->y1 + 1) / 2.0;
      *r_max = MAX (*r_max, blob_width (blob) / 2.0);
      g_array_append_val (discs, *blob);
    }
  sort_discs (discs, px, py, discs->len);
  return discs;
}

typedef struct
{
  double x, y, size;
  const char *group;
} BubbleFact;

static int
compare_by_x (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Bubbles: one disc per province with the three values; centres on a
 * linear axis of each metric, areas proportional to the size metric;
 * provinces of one macro-region share a colour, other macro-regions have
 * other colours, and the legend has exactly the colours of the discs. */
static void
test_bubbles_against_fixture (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) discs = NULL;
  g_autoptr(GArray) facts = g_array_new (FALSE, FALSE, sizeof (BubbleFact));
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  double xs[16], ys[16], px[16], py[16], a, b, r_max, size_max = 0;
  Fixture_data d;

  fixture_data_init (&d);
  for (guint i = 0; i < d.provinces->len; i++)
    {
      JsonObject *region = d.provinces->pdata[i];
      BubbleFact fact;

      if (fixture_value (region, "income", 2024, &fact.x) && fixture_value (region, METRIC, 2024, &fact.y)
          && fixture_value (region, "people", 2024, &fact.size))
        {
          fact.group = json_object_get_string_member (region, "parent");
          g_hash_table_add (groups, (gpointer) fact.group);
          g_array_append_val (facts, fact);
        }
    }
  /* Left to right, as the discs are matched to them. */
  g_array_sort (facts, compare_by_x);

  spec->x_metric = g_strdup ("income");
  spec->y_metric = g_strdup (METRIC);
  spec->size_metric = g_strdup ("people");
  spec->color_by = REX_COLOR_BY_MACRO_REGION;
  spec->year = 2024;
  chart = draw_chart (f, spec, 800, 600);
  discs = find_discs (f, px, py, &r_max);
  g_assert_cmpuint (discs->len, ==, facts->len);
  g_assert_cmpuint (facts->len, >=, 4);
  for (guint i = 0; i < facts->len; i++)
    {
      xs[i] = g_array_index (facts, BubbleFact, i).x;
      ys[i] = g_array_index (facts, BubbleFact, i).y;
      size_max = MAX (size_max, g_array_index (facts, BubbleFact, i).size);
    }
  if (fit_line (xs, px, facts->len, &a, &b) > 1.5)
    g_error ("the discs' x do not follow the x metric on a linear axis");
  g_assert_cmpfloat (b, >, 0);
  if (fit_line (ys, py, facts->len, &a, &b) > 1.5)
    g_error ("the discs' y do not follow the y metric on a linear axis");
  g_assert_cmpfloat (b, <, 0);

  for (guint i = 0; i < facts->len; i++)
    {
      const BubbleFact *fact = &g_array_index (facts, BubbleFact, i);
      const Blob *disc = &g_array_index (discs, Blob, i);
      double want = r_max * sqrt (fact->size / size_max);

      /* Area proportional to size: the largest sets the scale. */
      if (fabs (blob_width (disc) / 2.0 - want) > 1.5)
        g_error ("disc %u has radius %.1f, its size %g says %.1f", i, blob_width (disc) / 2.0, fact->size, want);
      for (guint j = 0; j < facts->len; j++)
        g_assert_true ((g_strcmp0 (fact->group, g_array_index (facts, BubbleFact, j).group) == 0)
                       == (disc->rgb == g_array_index (discs, Blob, j).rgb));
    }
  g_assert_cmpuint (check_legend_and_plot (f, 40, TRUE), ==, g_hash_table_size (groups));
  fixture_data_clear (&d);
}

/* The pixel rows where a horizontal bar of parts stands: runs of rows with
 * at least @min_width coloured (not grey) pixels. Returns (top, bottom)
 * pairs. */
static GArray *
find_bar_rows (Fixture *f,
               int      min_width)
{
  int w = cairo_image_surface_get_width (f->surface);
  int h = cairo_image_surface_get_height (f->surface);
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (int));
  int top = -1;

  for (int y = 0; y <= h; y++)
    {
      int count = 0;

      for (int x = 0; y < h && x < w; x++)
        count += !rgb_neutral (pixel_rgb (f, x, y));
      if (count >= min_width && top < 0)
        top = y;
      else if (count < min_width && top >= 0)
        {
          int bottom = y - 1;

          g_array_append_val (bars, top);
          g_array_append_val (bars, bottom);
          top = -1;
        }
    }
  return bars;
}

/* The parts of the bar at pixel row @y: its colours, left to right, in
 * @colors and their shares of the row's coloured pixels in @fractions. */
static void
bar_fractions (Fixture *f,
               int      y,
               GArray  *colors,
               GArray  *fractions)
{
  int w = cairo_image_surface_get_width (f->surface);
  guint total = 0;

  g_array_set_size (colors, 0);
  g_array_set_size (fractions, 0);
  for (int x = 0; x < w; x++)
    {
      guint32 c = pixel_rgb (f, x, y);
      guint k;

      if (rgb_neutral (c))
        continue;
      for (k = 0; k < colors->len && g_array_index (colors, guint32, k) != c; k++)
        ;
      if (k == colors->len)
        {
          double zero = 0;

          g_array_append_val (colors, c);
          g_array_append_val (fractions, zero);
        }
      g_array_index (fractions, double, k) += 1;
      total++;
    }
  /* Antialiased seams between parts are a pixel or two of a blend: not parts. */
  for (guint k = fractions->len; k-- > 0;)
    if (g_array_index (fractions, double, k) < 4)
      {
        total -= (guint) g_array_index (fractions, double, k);
        g_array_remove_index (fractions, k);
        g_array_remove_index (colors, k);
      }
  for (guint k = 0; k < fractions->len; k++)
    g_array_index (fractions, double, k) /= total;
}

/* WCAG contrast ratio of two colours. */
static double
contrast (const RexColor *a,
          const RexColor *b)
{
  double la = rex_color_luminance (a), lb = rex_color_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Every part of the bar between rows @top and @bottom wide enough for a
 * label ("37.3%", about 40 px) has one, readable on the part's colour: ink of
 * 3:1 contrast or more across its middle rows. */
static void
check_part_labels (Fixture *f,
                   int      top,
                   int      bottom)
{
  int w = cairo_image_surface_get_width (f->surface), mid = (top + bottom) / 2;
  int x = 0;

  while (x < w)
    {
      RexColor fill = pixel (f, x, top + 2);
      int end = x;
      guint ink = 0;

      if (rgb_neutral (pixel_rgb (f, x, top + 2)))
        {
          x++;
          continue;
        }
      while (end + 1 < w && pixel_rgb (f, end + 1, top + 2) == pixel_rgb (f, x, top + 2))
        end++;
      for (int y = mid - 4; y <= mid + 4; y++)
        for (int i = x; i <= end; i++)
          {
            RexColor c = pixel (f, i, y);

            ink += contrast (&c, &fill) >= 3;
          }
      if (end - x >= 60 && ink < 10)
        g_error ("the part at x %d–%d of the bar at row %d has no readable label", x, end, top);
      x = end + 1;
    }
}

/* Parts of a whole: each province's share of their sum is its part of the
 * 100 % bar, and the legend has exactly the parts' colours. */
static void
test_shares_stacked_against_fixture (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) colors = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  Fixture_data d;

  fixture_data_init (&d);
  for (guint i = 0; i < d.provinces->len; i++)
    {
      double v;

      if (fixture_value (d.provinces->pdata[i], METRIC, 2024, &v))
        {
          g_array_append_val (want, v);
          sum += v;
        }
    }
  for (guint i = 0; i < want->len; i++)
    g_array_index (want, double, i) /= sum;
  g_array_sort (want, compare_descending);

  spec->metric = g_strdup (METRIC);
  spec->shares_mode = REX_SHARES_MODE_STACKED;
  spec->year = 2024;
  chart = draw_chart (f, spec, 800, 600);
  rows = find_bar_rows (f, 400);
  g_assert_cmpuint (rows->len, ==, 2);  /* one bar */
  /* Near its top, above the labels inside the parts. */
  bar_fractions (f, g_array_index (rows, int, 0) + 2, colors, got);
  check_part_labels (f, g_array_index (rows, int, 0), g_array_index (rows, int, 1));
  g_array_sort (got, compare_descending);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    if (fabs (g_array_index (got, double, i) - g_array_index (want, double, i)) > 0.006)
      g_error ("part %u is %.3f of the bar, its value says %.3f", i, g_array_index (got, double, i),
               g_array_index (want, double, i));
  g_assert_cmpuint (check_legend_and_plot (f, 100, TRUE), ==, want->len);
  fixture_data_clear (&d);
}

/* The donut of the same parts: its legend has exactly its colours; from 12
 * o'clock clockwise, largest first, each wedge spans its share of the
 * circle, and pointing anywhere in it (its first and last few degrees too)
 * names its province. */
static void
test_shares_donut_against_fixture (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) blobs = NULL;
  const char *ids[16];
  double values[16], sum = 0, t = 0, cx, cy, r;
  int x0 = G_MAXINT, x1 = -1, y0 = G_MAXINT, y1 = -1;
  guint n = 0;
  Fixture_data d;

  fixture_data_init (&d);
  for (guint i = 0; i < d.provinces->len; i++)
    if (fixture_value (d.provinces->pdata[i], METRIC, 2024, &values[n]))
      {
        ids[n] = json_object_get_string_member (d.provinces->pdata[i], "id");
        sum += values[n++];
      }
  /* Largest first. */
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (values[j] > values[i])
        {
          double v = values[i];
          const char *id = ids[i];

          values[i] = values[j], ids[i] = ids[j];
          values[j] = v, ids[j] = id;
        }

  spec->metric = g_strdup (METRIC);
  spec->year = 2024;
  chart = draw_chart (f, spec, 800, 600);
  g_assert_cmpuint (check_legend_and_plot (f, 100, TRUE), ==, n);

  /* The ring: the box of its coloured wedges. */
  blobs = find_blobs (f, 100);
  for (guint i = 0; i < blobs->len; i++)
    {
      const Blob *b = &g_array_index (blobs, Blob, i);

      if (rgb_neutral (b->rgb) || blob_is_swatch (b, f->style))
        continue;
      x0 = MIN (x0, b->x0), x1 = MAX (x1, b->x1), y0 = MIN (y0, b->y0), y1 = MAX (y1, b->y1);
    }
  g_assert_cmpint (abs ((x1 - x0) - (y1 - y0)), <=, 2);
  cx = (x0 + x1 + 1) / 2.0, cy = (y0 + y1 + 1) / 2.0, r = (x1 - x0 + 1) / 2.0 * 0.85;

  for (guint k = 0; k < n; k++)
    {
      double share = values[k] / sum, at[] = { t + 0.01, t + share / 2, t + share - 0.01 };

      for (guint i = 0; i < G_N_ELEMENTS (at); i++)
        {
          RexChartItem item;

          if (!rex_chart_hit_test (chart, cx + r * sin (2 * G_PI * at[i]), cy - r * cos (2 * G_PI * at[i]), &item)
              || g_strcmp0 (rex_region_get_id (item.region), ids[k]) != 0)
            g_error ("%.0f%% of the way round the donut is not %s's wedge", at[i] * 100, ids[k]);
        }
      t += share;
    }
  fixture_data_clear (&d);
}

#define PARTS "farm", "industry", "services"

/* Composition: one 100 % bar per province that has every part, each part
 * its share of the province's sum; the province without one part has no
 * bar; each part one colour across the bars, the legend's. */
static void
test_shares_composition_against_fixture (Fixture       *f,
                                         gconstpointer  data)
{
  static const char * const parts[] = { PARTS };
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) colors = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (double));
  double want[16][G_N_ELEMENTS (parts)];
  guint32 part_color[G_N_ELEMENTS (parts)] = { 0 };
  gboolean matched[16] = { FALSE };
  guint n_whole = 0;
  Fixture_data d;

  fixture_data_init (&d);
  for (guint i = 0; i < d.provinces->len; i++)
    {
      double sum = 0;
      guint k;

      for (k = 0; k < G_N_ELEMENTS (parts); k++)
        {
          if (!fixture_value (d.provinces->pdata[i], parts[k], 2024, &want[n_whole][k]))
            break;
          sum += want[n_whole][k];
        }
      if (k < G_N_ELEMENTS (parts))
        continue;
      for (k = 0; k < G_N_ELEMENTS (parts); k++)
        want[n_whole][k] /= sum;
      n_whole++;
    }
  g_assert_cmpuint (n_whole, <, d.provinces->len);  /* one province lacks a part */

  spec->metric = g_strdup ("farm,industry,services");
  spec->shares_mode = REX_SHARES_MODE_COMPOSITION;
  spec->year = 2024;
  chart = draw_chart (f, spec, 800, 600);
  rows = find_bar_rows (f, 400);
  g_assert_cmpuint (rows->len, ==, 2 * n_whole);

  /* Each bar is some province's: its parts, in the order of their colours
   * as the first bar's parts identify them by size, match one province's. */
  for (guint i = 0; i < rows->len; i += 2)
    {
      guint match = n_whole;

      bar_fractions (f, g_array_index (rows, int, i) + 2, colors, got);
      check_part_labels (f, g_array_index (rows, int, i), g_array_index (rows, int, i + 1));
      g_assert_cmpuint (colors->len, ==, G_N_ELEMENTS (parts));
      for (guint w = 0; w < n_whole && match == n_whole; w++)
        {
          gboolean all = !matched[w];

          for (guint k = 0; k < G_N_ELEMENTS (parts) && all; k++)
            {
              guint32 c = g_array_index (colors, guint32, k);
              guint p;

              /* The part this colour stands for: known once, then held. */
              for (p = 0; p < G_N_ELEMENTS (parts) && part_color[p] != c; p++)
                ;
              if (p == G_N_ELEMENTS (parts))
                for (p = 0; p < G_N_ELEMENTS (parts); p++)
                  if (part_color[p] == 0 && fabs (g_array_index (got, double, k) - want[w][p]) <= 0.006)
                    break;
              all = p < G_N_ELEMENTS (parts) && fabs (g_array_index (got, double, k) - want[w][p]) <= 0.006;
            }
          if (all)
            match = w;
        }
      if (match == n_whole)
        g_error ("the bar at row %d is no province's composition", g_array_index (rows, int, i));
      matched[match] = TRUE;
      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
          if (part_color[p] == 0 && fabs (g_array_index (got, double, k) - want[match][p]) <= 0.006)
            {
              part_color[p] = g_array_index (colors, guint32, k);
              break;
            }
    }
  g_assert_cmpuint (check_legend_and_plot (f, 100, TRUE), ==, G_N_ELEMENTS (parts));
  fixture_data_clear (&d);
}

/* Where the tile grid puts a tile: pixel x = ox + step × col, y = oy + step × row. */
typedef struct
{
  double ox, oy, step, side;
} TileGrid;

static int
tile_member (JsonObject *region,
             const char *member)
{
  return json_object_get_int_member (json_object_get_object_member (region, "tile"), member);
}

/* The smallest and largest value of the metric in any year. */
static void
fixture_extent (Fixture_data *d,
                double       *lo,
                double       *hi)
{
  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (guint i = 0; i < d->provinces->len; i++)
    for (int year = 2000; year <= 2030; year++)
      {
        double v;

        if (fixture_value (d->provinces->pdata[i], METRIC, year, &v))
          {
            *lo = MIN (*lo, v);
            *hi = MAX (*hi, v);
          }
      }
}

/* The tile map in continuous colours: one tile per province, in the
 * colour its value takes between the smallest and the largest of any year
 * (the style's sequential scale), at its column and row of one grid of
 * equal tiles. */
static TileGrid
check_tiles_continuous (Fixture      *f,
                        Fixture_data *d)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) blobs = NULL;
  double lo, hi, cols[16], rows[16], xs[16], ys[16], a, step_x, step_y;
  guint n = 0, tiles = 0;
  TileGrid grid;

  /* The ramp runs over the values of every year, not only 2024's. */
  fixture_extent (d, &lo, &hi);
  spec->metric = g_strdup (METRIC);
  spec->year = 2024;
  spec->continuous = TRUE;
  chart = draw_chart (f, spec, 800, 600);
  blobs = find_blobs (f, 400);
  for (guint i = 0; i < blobs->len; i++)
    tiles += !rgb_neutral (g_array_index (blobs, Blob, i).rgb);
  g_assert_cmpuint (tiles, ==, d->provinces->len);

  grid.side = 0;
  for (guint i = 0; i < d->provinces->len; i++)
    {
      JsonObject *region = d->provinces->pdata[i];
      RexColor want;
      const Blob *tile = NULL;
      double v;

      g_assert_true (fixture_value (region, METRIC, 2024, &v));
      want = rex_chart_style_sequential (f->style, (v - lo) / (hi - lo));
      for (guint k = 0; k < blobs->len; k++)
        if (rgb_near (g_array_index (blobs, Blob, k).rgb, rgb24 (&want), 2))
          {
            g_assert_null (tile);
            tile = &g_array_index (blobs, Blob, k);
          }
      if (tile == NULL)
        g_error ("no tile has the colour of %s's value %g", json_object_get_string_member (region, "id"), v);
      cols[n] = tile_member (region, "col");
      rows[n] = tile_member (region, "row");
      xs[n] = tile->x0;
      ys[n] = tile->y0;
      if (grid.side == 0)
        grid.side = blob_width (tile);
      g_assert_cmpint (abs (blob_width (tile) - (int) grid.side), <=, 1);
      g_assert_cmpint (abs (blob_height (tile) - (int) grid.side), <=, 1);
      n++;
    }
  if (fit_line (cols, xs, n, &grid.ox, &step_x) > 1.0 || fit_line (rows, ys, n, &grid.oy, &step_y) > 1.0)
    g_error ("the tiles are not on a grid of their columns and rows");
  g_assert_cmpfloat (fabs (step_x - step_y), <=, 1.0);
  g_assert_cmpfloat (step_x, >=, grid.side);
  g_assert_cmpfloat (step_x, <, grid.side * 1.2);
  grid.step = step_x;
  (void) a;
  return grid;
}

/* The tile map in classes, in a year two provinces have no value: their
 * tiles are hatched, not coloured; a larger value never has a colour
 * before a smaller one's; the legend has exactly the tiles' colours. The
 * classes are made from the values of every year: 2023's smallest
 * (Anhui's 33) does not have the first colour, since more than a fifth of
 * all values (20, 25, 28, 30) lie below it; in 2024 the smallest of every
 * year (Guizhou's 20) has the first colour, the largest (Gansu's 100) the
 * last. */
static void
test_map_tiles_against_fixture (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) chart = NULL;
  RexColor first = rex_chart_style_sequential (f->style, 0), last = rex_chart_style_sequential (f->style, 1);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, values[16];
  guint32 colors[16];
  guint n = 0, missing = 0;
  Fixture_data d;
  TileGrid grid;

  fixture_data_init (&d);
  grid = check_tiles_continuous (f, &d);

  spec->metric = g_strdup (METRIC);
  spec->year = 2023;
  chart = draw_chart (f, spec, 800, 600);
  for (guint i = 0; i < d.provinces->len; i++)
    {
      JsonObject *region = d.provinces->pdata[i];
      /* Inside the tile's corner, clear of its name and value. */
      int x = (int) (grid.ox + grid.step * tile_member (region, "col")) + 3;
      int y = (int) (grid.oy + grid.step * tile_member (region, "row")) + 3;
      guint32 c = pixel_rgb (f, x, y);

      if (!fixture_value (region, METRIC, 2023, &values[n]))
        {
          /* Hatched: the no-data grey or its stripes, never a colour. */
          g_assert_true (rgb_neutral (c));
          missing++;
          continue;
        }
      g_assert_false (rgb_neutral (c));
      lo = MIN (lo, values[n]);
      hi = MAX (hi, values[n]);
      colors[n++] = c;
    }
  g_assert_cmpuint (missing, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      RexColor ci = { channel (colors[i], 16) / 255.0, channel (colors[i], 8) / 255.0, channel (colors[i], 0) / 255.0, 1 };

      if (values[i] == lo)
        {
          g_assert_cmpfloat (lo, ==, 33);
          g_assert_false (rgb_near (colors[i], rgb24 (&first), 8));
        }
      for (guint j = 0; j < n; j++)
        {
          RexColor cj = { channel (colors[j], 16) / 255.0, channel (colors[j], 8) / 255.0, channel (colors[j], 0) / 255.0, 1 };

          /* The scale runs from dark to light. */
          if (values[i] < values[j])
            g_assert_cmpfloat (rex_color_luminance (&ci), <=, rex_color_luminance (&cj));
        }
    }
  /* The classes hold for every year: one may have no tile this year. */
  check_legend_and_plot (f, 400, FALSE);

  g_clear_object (&chart);
  spec->year = 2024;
  chart = draw_chart (f, spec, 800, 600);
  fixture_extent (&d, &lo, &hi);
  for (guint i = 0; i < d.provinces->len; i++)
    {
      JsonObject *region = d.provinces->pdata[i];
      int x = (int) (grid.ox + grid.step * tile_member (region, "col")) + 3;
      int y = (int) (grid.oy + grid.step * tile_member (region, "row")) + 3;
      double v;

      g_assert_true (fixture_value (region, METRIC, 2024, &v));
      if (v == lo)
        g_assert_true (rgb_near (pixel_rgb (f, x, y), rgb24 (&first), 2));
      if (v == hi)
        g_assert_true (rgb_near (pixel_rgb (f, x, y), rgb24 (&last), 2));
    }
  fixture_data_clear (&d);
}

/* The map of seats: one disc per province with a value, at its seat on
 * China's Albers projection (one scale for both directions, north up), its
 * area proportional to the value. */
static void
test_map_geo_against_fixture (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) discs = NULL;
  double ax[16], ay[16], values[16], px[16], py[16], a, sx, sy, r_max, v_max = 0;
  guint n = 0;
  Fixture_data d;

  fixture_data_init (&d);
  for (guint i = 0; i < d.provinces->len; i++)
    {
      JsonObject *region = d.provinces->pdata[i];
      JsonObject *seat = json_object_get_object_member (region, "seat");

      if (!fixture_value (region, METRIC, 2024, &values[n]))
        continue;
      albers (json_object_get_double_member (seat, "lon"), json_object_get_double_member (seat, "lat"),
              &ax[n], &ay[n]);
      v_max = MAX (v_max, values[n]);
      n++;
    }
  /* West to east, as the discs are matched to them. */
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (ax[j] < ax[i])
        {
          double t;

          t = ax[i], ax[i] = ax[j], ax[j] = t;
          t = ay[i], ay[i] = ay[j], ay[j] = t;
          t = values[i], values[i] = values[j], values[j] = t;
        }

  spec->metric = g_strdup (METRIC);
  spec->year = 2024;
  spec->map_mode = REX_MAP_MODE_GEO;
  chart = draw_chart (f, spec, 800, 600);
  discs = find_discs (f, px, py, &r_max);
  g_assert_cmpuint (discs->len, ==, n);
  if (fit_line (ax, px, n, &a, &sx) > 1.5 || fit_line (ay, py, n, &a, &sy) > 1.5)
    g_error ("the seats are not where China's Albers projection puts them");
  /* One scale both ways; north up, so y on the chart runs against y on the map. */
  g_assert_cmpfloat (sx, >, 0);
  g_assert_cmpfloat (fabs (sx + sy), <, 0.01 * sx);
  for (guint i = 0; i < n; i++)
    {
      double got = blob_width (&g_array_index (discs, Blob, i)) / 2.0, want = r_max * sqrt (values[i] / v_max);

      if (fabs (got - want) > 1.5)
        g_error ("seat %u has radius %.1f, its value %g says %.1f", i, got, values[i], want);
    }
  fixture_data_clear (&d);
}

/* Where pixel @p lies on the way from the background @bg to @color: the
 * share t of @color in it (an outline drawn over the background at any
 * coverage, over its own pale fill too, blends the two), or -1 when it is
 * off that way by more than @off steps in a channel. */
static double
share_of_color (guint32 p,
                guint32 bg,
                guint32 color,
                int     off)
{
  double dot = 0, norm = 0, t;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double d = channel (color, shift) - channel (bg, shift);

      dot += (channel (p, shift) - channel (bg, shift)) * d;
      norm += d * d;
    }
  t = dot / norm;
  for (int shift = 0; shift <= 16; shift += 8)
    if (fabs (channel (bg, shift) + t * (channel (color, shift) - channel (bg, shift)) - channel (p, shift)) > off)
      return -1;
  return t;
}

typedef struct
{
  guint entry;             /* the legend entry whose colour the seat has */
  int   x0, y0, x1, y1;
  guint n;
} Seat;

/* The legend entry (of @n, colours @colors) whose colour pixel @p has at
 * @lo to @hi of the way from the background, give or take @off steps in a
 * channel; -1 for none. */
static int
entry_of_pixel (Fixture       *f,
                guint32        p,
                const guint32 *colors,
                guint          n,
                double         lo,
                double         hi,
                int            off)
{
  guint32 bg = rgb24 (&f->style->background);

  for (guint k = 0; k < n; k++)
    {
      double t = share_of_color (p, bg, colors[k], off);

      if (t >= lo && t <= hi)
        return k;
    }
  return -1;
}

static int
compare_seats_west_to_east (gconstpointer a,
                            gconstpointer b)
{
  const Seat *sa = a, *sb = b;

  return (sa->x0 + sa->x1) - (sb->x0 + sb->x1);
}

static int
compare_blobs_top_down (gconstpointer a,
                        gconstpointer b)
{
  return ((const Blob *) a)->y0 - ((const Blob *) b)->y0;
}

/* The seats: round areas of a legend colour drawn at 82 % over the
 * background or over an outline's 10 % fill (of any colour: six steps
 * leeway), left of @legend_x, left to right. */
static GArray *
find_seats (Fixture       *f,
            const guint32 *colors,
            guint          n,
            int            legend_x)
{
  int w = cairo_image_surface_get_width (f->surface);
  int h = cairo_image_surface_get_height (f->surface);
  g_autofree int *entry = g_new (int, (gsize) w * h);
  g_autofree int *stack = g_new (int, (gsize) w * h);
  GArray *seats = g_array_new (FALSE, FALSE, sizeof (Seat));

  for (int i = 0; i < w * h; i++)
    entry[i] = entry_of_pixel (f, pixel_rgb (f, i % w, i / w), colors, n, 0.80, 0.87, 6);
  for (int start = 0; start < w * h; start++)
    {
      Seat seat = { entry[start], w, h, -1, -1, 0 };
      int top = 0;

      if (entry[start] < 0)
        continue;
      stack[top++] = start;
      entry[start] = -1;
      while (top > 0)
        {
          int q = stack[--top], x = q % w, y = q / w;

          seat.n++;
          seat.x0 = MIN (seat.x0, x), seat.x1 = MAX (seat.x1, x);
          seat.y0 = MIN (seat.y0, y), seat.y1 = MAX (seat.y1, y);
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              if (x + dx >= 0 && y + dy >= 0 && x + dx < w && y + dy < h
                  && entry[(y + dy) * w + x + dx] == (int) seat.entry)
                {
                  entry[(y + dy) * w + x + dx] = -1;
                  stack[top++] = (y + dy) * w + x + dx;
                }
        }
      /* Round, and left of the legend (text in a grey is a blend too). */
      if (seat.x1 < legend_x && seat.x1 - seat.x0 >= 4 && abs ((seat.x1 - seat.x0) - (seat.y1 - seat.y0)) <= 2
          && seat.n >= 0.6 * (seat.x1 - seat.x0 + 1) * (seat.y1 - seat.y0 + 1))
        g_array_append_val (seats, seat);
    }
  g_array_sort (seats, compare_seats_west_to_east);
  return seats;
}

/* The pixels of an outline in @color: between a quarter and 0.79 of the way
 * from the background to @color (0.75 drawn over the background or over the
 * outline's 10 % fill, less where it covers part of a pixel; the fill alone
 * is 0.1, a seat 0.82), away from the seats, whose antialiased rims are
 * blends too, and left of the legend at @legend_x. Returns their number and
 * their bounding box in @box (x0, y0, x1, y1). */
static guint
outline_pixels (Fixture      *f,
                guint32       color,
                const GArray *seats,
                int           legend_x,
                int           box[4])
{
  int w = MIN (legend_x - 2, cairo_image_surface_get_width (f->surface));
  int h = cairo_image_surface_get_height (f->surface);
  guint n = 0;

  box[0] = w, box[1] = h, box[2] = -1, box[3] = -1;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean near_seat = FALSE;

        if (entry_of_pixel (f, pixel_rgb (f, x, y), &color, 1, 0.25, 0.79, 3) < 0)
          continue;
        for (guint i = 0; i < seats->len && !near_seat; i++)
          {
            const Seat *b = &g_array_index (seats, Seat, i);
            near_seat = x >= b->x0 - 3 && x <= b->x1 + 3 && y >= b->y0 - 3 && y <= b->y1 + 3;
          }
        if (near_seat)
          continue;
        n++;
        box[0] = MIN (box[0], x), box[1] = MIN (box[1], y);
        box[2] = MAX (box[2], x), box[3] = MAX (box[3], y);
      }
  return n;
}

#define CLUSTERS_FIXTURE "clusters.json"

/* Each province's legend entry (its cluster's, else the one after the
 * clusters), west to east on China's Albers projection, from the fixture. */
static guint
provinces_entries (Fixture_data *d,
                   GPtrArray    *clusters,
                   guint        *entries,
                   guint         max)
{
  double ax[16];
  guint n = 0;

  g_assert_cmpuint (d->provinces->len, <=, MIN (max, G_N_ELEMENTS (ax)));
  for (guint i = 0; i < d->provinces->len; i++)
    {
      JsonObject *province = d->provinces->pdata[i];
      JsonObject *seat = json_object_get_object_member (province, "seat");
      double ay;

      albers (json_object_get_double_member (seat, "lon"), json_object_get_double_member (seat, "lat"), &ax[n], &ay);
      entries[n] = clusters->len;
      for (guint c = 0; c < clusters->len; c++)
        {
          JsonArray *members = json_object_get_array_member (clusters->pdata[c], "members");

          for (guint m = 0; m < json_array_get_length (members); m++)
            if (g_strcmp0 (json_array_get_string_element (members, m),
                           json_object_get_string_member (province, "id")) == 0)
              entries[n] = c;
        }
      for (guint j = n; j > 0 && ax[j] < ax[j - 1]; j--)
        {
          double t = ax[j];
          guint e = entries[j];

          ax[j] = ax[j - 1], ax[j - 1] = t;
          entries[j] = entries[j - 1], entries[j - 1] = e;
        }
      n++;
    }
  return n;
}

/* The map of seats coloured by city cluster (tests/data/clusters.json: three
 * clusters, three provinces each, two provinces in none). The legend names the
 * clusters in the fixture's order, then "Not in a cluster", then the outline's
 * key (the screen reader's legend: what is drawn); its swatches, top to
 * bottom, give each entry's colour. Each province's seat (matched west to
 * east with the fixture's seats on China's Albers projection) has its
 * cluster's colour; each cluster's outline is drawn in that same colour,
 * around its own members' seats; no outline has a colour the legend does not
 * show. */
static void
test_map_cluster_outlines (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) blobs = NULL, seats = NULL;
  g_autoptr(GArray) swatches = g_array_new (FALSE, FALSE, sizeof (Blob));
  g_autoptr(GPtrArray) clusters = g_ptr_array_new ();
  g_auto(GStrv) legend = NULL;
  guint32 colors[8];
  guint entries[16], n;
  int legend_x;
  Fixture_data d;
  JsonArray *regions;

  fixture_data_load (&d, CLUSTERS_FIXTURE);
  regions = json_object_get_array_member (d.root, "regions");
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *region = json_array_get_object_element (regions, i);

      if (g_strcmp0 (json_object_get_string_member (region, "kind"), "city-cluster") == 0)
        g_ptr_array_add (clusters, region);
    }
  g_assert_cmpuint (clusters->len + 1, <=, G_N_ELEMENTS (colors));
  n = provinces_entries (&d, clusters, entries, G_N_ELEMENTS (entries));

  spec->metric = g_strdup ("population");
  spec->year = 2024;
  spec->map_mode = REX_MAP_MODE_GEO;
  spec->color_by = REX_COLOR_BY_CLUSTER;
  chart = draw_chart_full (f, f->dataset, spec, 1000, 700, 1);

  legend = rex_chart_dup_legend (chart);
  g_assert_cmpuint (g_strv_length (legend), ==, clusters->len + 2);
  for (guint c = 0; c < clusters->len; c++)
    g_assert_cmpstr (legend[c], ==, json_object_get_string_member (clusters->pdata[c], "name"));
  g_assert_cmpstr (legend[clusters->len], ==, "Not in a cluster");
  g_assert_cmpstr (legend[clusters->len + 1], ==, "City cluster: outline around its members");

  /* The swatches, top to bottom: one per entry, the outline's key last. */
  blobs = find_blobs (f, 20);
  for (guint i = 0; i < blobs->len; i++)
    if (blob_is_swatch (&g_array_index (blobs, Blob, i), f->style))
      g_array_append_val (swatches, g_array_index (blobs, Blob, i));
  g_assert_cmpuint (swatches->len, ==, clusters->len + 2);
  g_array_sort (swatches, compare_blobs_top_down);
  for (guint k = 0; k <= clusters->len; k++)
    {
      colors[k] = g_array_index (swatches, Blob, k).rgb;
      for (guint j = 0; j < k; j++)
        g_assert_cmpuint (colors[j], !=, colors[k]);
    }

  /* Every seat in its cluster's colour. */
  legend_x = g_array_index (swatches, Blob, 0).x0;
  seats = find_seats (f, colors, clusters->len + 1, legend_x);
  g_assert_cmpuint (seats->len, ==, n);
  for (guint i = 0; i < n; i++)
    if (g_array_index (seats, Seat, i).entry != entries[i])
      g_error ("seat %u (west to east) has the colour of \"%s\", the fixture puts it in \"%s\"", i,
               legend[g_array_index (seats, Seat, i).entry], legend[entries[i]]);

  /* Each cluster's outline in its colour, around its own seats and near
   * them (the clusters are 100 px apart or more). */
  for (guint c = 0; c < clusters->len; c++)
    {
      int box[4], seats_box[4] = { G_MAXINT, G_MAXINT, -1, -1 };
      guint count = outline_pixels (f, colors[c], seats, legend_x, box);

      for (guint i = 0; i < n; i++)
        if (entries[i] == c)
          {
            const Seat *seat = &g_array_index (seats, Seat, i);

            seats_box[0] = MIN (seats_box[0], seat->x0), seats_box[1] = MIN (seats_box[1], seat->y0);
            seats_box[2] = MAX (seats_box[2], seat->x1), seats_box[3] = MAX (seats_box[3], seat->y1);
          }
      if (count < 60)
        g_error ("\"%s\" has %u pixels of outline in its colour #%06x", legend[c], count, colors[c]);
      if (box[0] > seats_box[0] || box[1] > seats_box[1] || box[2] < seats_box[2] || box[3] < seats_box[3]
          || box[0] < seats_box[0] - 30 || box[1] < seats_box[1] - 30 || box[2] > seats_box[2] + 30
          || box[3] > seats_box[3] + 30)
        g_error ("the outline in \"%s\"'s colour spans (%d, %d)-(%d, %d), not just around its seats (%d, %d)-(%d, %d)",
                 legend[c], box[0], box[1], box[2], box[3], seats_box[0], seats_box[1], seats_box[2], seats_box[3]);
    }
  /* No outline in a colour of the palette the legend does not show. */
  for (guint p = 0; p < REX_PALETTE_SIZE; p++)
    {
      guint32 color = rgb24 (&f->style->palette[p]);
      gboolean shown = FALSE;
      int box[4];

      for (guint k = 0; k <= clusters->len; k++)
        shown |= colors[k] == color;
      if (!shown && outline_pixels (f, color, seats, legend_x, box) >= 10)
        g_error ("an outline is drawn in #%06x, a colour the legend does not show", color);
    }
  fixture_data_clear (&d);
}

/* A percentage that moves little (55 %, 57 %, 60 %): the axis is widened to
 * ten points beyond the values each way (45–70 %), no farther, so the top
 * grid line is at 70 % and none above it. Heights are measured and fitted;
 * grid lines are read on that fit. */
static void
test_lines_percent_axis (Fixture       *f,
                         gconstpointer  data)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Narrow\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"share\", \"name\": \"Share\", \"unit\": \"%\", \"percent\": true, \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\","
    "   \"values\": {\"share\": {\"2022\": 55, \"2023\": 57, \"2024\": 60}}}]}";
  static const double values[] = { 55, 57, 60 };
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "narrow.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  double xs[3], ys[3], a, b, top = -G_MAXDOUBLE, bottom = G_MAXDOUBLE;
  int h;

  spec->metric = g_strdup ("share");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN", NULL });
  chart = draw_chart_full (f, dataset, spec, 800, 600, 1);
  h = cairo_image_surface_get_height (f->surface);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      RexChartItem item;
      double sum = 0;
      guint count = 0;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_cmpint (item.year, ==, 2022 + (int) i);
      xs[i] = item.x;
      count = column_run (f, item.x, h, &f->style->palette[0], &sum);
      g_assert_cmpuint (count, >, 0);
      ys[i] = sum / count;
    }
  if (fit_line (values, ys, G_N_ELEMENTS (values), &a, &b) > 1.5)
    g_error ("the points' heights do not follow their values");
  for (int row = 0; row < h; row++)
    if (is_grid_row (f, row, (int) xs[0] + 3, (int) xs[2] - 3))
      {
        double v = (row + 0.5 - a) / b;

        top = MAX (top, v);
        bottom = MIN (bottom, v);
      }
  g_assert_cmpfloat_with_epsilon (top, 70, 0.5);
  g_assert_cmpfloat_with_epsilon (bottom, 45, 0.5);
}

/* Shares of percentages (the nation's coverage and sewage treatment, each a
 * share of 100 %): one part and its rest per metric the region has a value
 * of, for the nation when no region is named and for the regions named, no
 * more. */
static void
test_shares_percent_regions (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const metrics[] = { "coverage", "sewage" };
  const char *regions[] = { "CN", NULL };
  Fixture_data d;
  guint want = 0;

  fixture_data_init (&d);
  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    want += json_object_has_member (json_object_get_object_member (fixture_region (&d, "CN"), "values"),
                                    metrics[m]);
  g_assert_cmpuint (want, ==, 2);
  for (guint named = 0; named < 2; named++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
      g_autoptr(RexChart) chart = NULL;
      RexChartItem item;

      spec->metric = g_strdup ("coverage,sewage");
      if (named)
        rex_chart_spec_set_regions (spec, regions);
      chart = draw_chart (f, spec, 800, 600);
      g_assert_null (rex_chart_get_empty_message (chart));
      /* Each part, then the rest of 100 %, which is no region's. */
      g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2 * want);
      for (guint i = 0; rex_chart_get_item (chart, i, &item); i++)
        if (i % 2 == 0)
          g_assert_cmpstr (rex_region_get_id (item.region), ==, "CN");
        else
          g_assert_null (item.region);
    }
  fixture_data_clear (&d);
}

/* A province's profile: one cell per metric the fixture gives it a value
 * in, every one shown when the page holds them all (none counted as "more"),
 * each with the fixture's latest value. */
static void
test_profile_against_fixture (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const ids[] = { "CN-GZ", "CN-AH", NULL };
  Fixture_data d;

  fixture_data_init (&d);
  for (guint r = 0; ids[r] != NULL; r++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROFILE);
      g_autoptr(RexChart) chart = NULL;
      JsonObject *values = json_object_get_object_member (fixture_region (&d, ids[r]), "values");
      g_autoptr(GList) metrics = json_object_get_members (values);
      RexChartItem item;

      rex_chart_spec_set_regions (spec, (const char *[]) { ids[r], NULL });
      chart = draw_chart (f, spec, 1200, 800);
      g_assert_cmpuint (rex_chart_get_n_items (chart), ==, g_list_length (metrics));
      for (guint i = 0; rex_chart_get_item (chart, i, &item); i++)
        {
          JsonObject *series = json_object_get_object_member (values, item.metric_id);
          g_autoptr(GList) years = json_object_get_members (series);
          int latest = 0;
          double value;

          for (GList *l = years; l != NULL; l = l->next)
            latest = MAX (latest, atoi (l->data));
          g_assert_cmpint (item.year, ==, latest);
          g_assert_true (fixture_value (fixture_region (&d, ids[r]), item.metric_id, latest, &value));
          g_assert_cmpfloat (item.value, ==, value);
        }
    }
  fixture_data_clear (&d);
}

/* Printed on pages too small for all its cells, a profile goes on over as
 * many as hold them: every metric the fixture gives the province once,
 * none counted as "more". */
static void
test_profile_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROFILE);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) metrics = NULL;
  Fixture_data d;
  guint n_pages;

  fixture_data_init (&d);
  metrics = json_object_get_members (json_object_get_object_member (fixture_region (&d, "CN-GZ"), "values"));
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GZ", NULL });
  chart = draw_chart (f, spec, 360, 260);
  g_assert_cmpuint (rex_chart_get_n_items (chart), <, g_list_length (metrics));
  items = draw_pages (f, chart, 360, 260, &n_pages);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (items->len, ==, g_list_length (metrics));
  for (guint i = 0; i < items->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) g_array_index (items, RexChartItem, i).metric_id));
  for (GList *l = metrics; l != NULL; l = l->next)
    g_assert_true (g_hash_table_contains (seen, l->data));
  fixture_data_clear (&d);
}

/* Progress toward targets: a row per metric with a target and a value of
 * the nation; the bar fills the track as far as the value goes toward
 * 100 %, the target's mark stands at the target's place on the track, and
 * a reached target is drawn in the "reached" colour, the rest in the accent. */
static void
test_progress_against_fixture (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const metrics[] = { "coverage", "sewage" };
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GArray) blobs = NULL;
  g_autoptr(GArray) tracks = g_array_new (FALSE, FALSE, sizeof (Blob));
  JsonObject *nation;
  Fixture_data d;
  int w;

  fixture_data_init (&d);
  nation = fixture_region (&d, "CN");
  chart = draw_chart (f, spec, 800, 600);
  w = cairo_image_surface_get_width (f->surface);
  /* The tracks' grey right of each bar, wide and low, top to bottom. */
  blobs = find_blobs (f, 100);
  for (guint i = 0; i < blobs->len; i++)
    {
      const Blob *b = &g_array_index (blobs, Blob, i);

      if (b->rgb != rgb24 (&f->style->no_data) || blob_height (b) < 6 || blob_width (b) < 4 * blob_height (b))
        continue;
      /* A target's mark past the bar cuts the track in two. */
      if (tracks->len > 0 && b->y0 <= g_array_index (tracks, Blob, tracks->len - 1).y1)
        {
          Blob *prev = &g_array_index (tracks, Blob, tracks->len - 1);

          prev->x1 = MAX (prev->x1, b->x1);
          continue;
        }
      g_array_append_val (tracks, *b);
    }
  g_assert_cmpuint (tracks->len, ==, G_N_ELEMENTS (metrics));
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      const Blob *track = &g_array_index (tracks, Blob, i);
      int y = (track->y0 + track->y1) / 2, x0 = -1, x1 = track->x1, fill_end = -1, target_x;
      double value, target = fixture_target (&d, metrics[i]), year_value;
      const RexColor *fill;

      /* The latest value of the nation. */
      g_assert_true (fixture_value (nation, metrics[i], 2024, &value));
      g_assert_false (fixture_value (nation, metrics[i], 2025, &year_value));
      fill = value >= target ? &f->style->palette[2] : &f->style->accent;
      for (int x = 0; x < w; x++)
        {
          RexColor c = pixel (f, x, y);

          if (x <= x1 && color_near (c, fill, 0.02))
            {
              if (x0 < 0)
                x0 = x;
              fill_end = x;
            }
        }
      g_assert_cmpint (x0, >=, 0);
      if (fabs ((fill_end + 1 - x0) - value / 100 * (x1 + 1 - x0)) > TOLERANCE)
        g_error ("%s: the bar fills %d of %d px, its value %g%% says %.1f", metrics[i], fill_end + 1 - x0,
                 x1 + 1 - x0, value, value / 100 * (x1 + 1 - x0));
      target_x = find_column (f, &f->style->reference, track->y0, track->y1);
      g_assert_cmpint (target_x, >=, 0);
      if (fabs (target_x + 0.5 - (x0 + target / 100 * (x1 + 1 - x0))) > TOLERANCE)
        g_error ("%s: the target's mark is at %d, its value %g%% says %.1f", metrics[i], target_x, target,
                 x0 + target / 100 * (x1 + 1 - x0));
    }
  fixture_data_clear (&d);
}

/* Hovering a row (ranked bars, progress, the table) outlines it: from the
 * hovered item's anchor, pixels the hover changed are met above, below,
 * left and right. */
static void
test_row_hover_outline (Fixture       *f,
                        gconstpointer  data)
{
  static const RexChartKind kinds[] = { REX_CHART_KIND_BARS, REX_CHART_KIND_PROGRESS, REX_CHART_KIND_TABLE };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kinds[k]);
      g_autoptr(RexChart) chart = NULL;
      static const int dirs[4][2] = { { 0, -1 }, { 0, 1 }, { -1, 0 }, { 1, 0 } };
      g_autofree guint32 *before = NULL;
      RexChartItem item;
      cairo_t *cr;

      if (kinds[k] != REX_CHART_KIND_PROGRESS)
        spec->metric = g_strdup (METRIC);
      chart = draw_chart (f, spec, 800, 600);
      g_assert_true (rex_chart_get_item (chart, 1, &item));
      before = g_new (guint32, 800 * 600);
      for (int i = 0; i < 800 * 600; i++)
        before[i] = pixel_rgb (f, i % 800, i / 800);
      cr = cairo_create (f->surface);
      rex_chart_draw_hover (chart, cr, &item, f->style);
      cairo_destroy (cr);
      cairo_surface_flush (f->surface);
      for (int d = 0; d < 4; d++)
        {
          int x = (int) item.x, y = (int) item.y;

          while (x >= 0 && y >= 0 && x < 800 && y < 600 && rgb_near (pixel_rgb (f, x, y), before[y * 800 + x], 24))
            x += dirs[d][0], y += dirs[d][1];
          if (x < 0 || y < 0 || x >= 800 || y >= 600)
            g_error ("%s: no hover outline in direction %d from the hovered item", rex_chart_kind_to_string (kinds[k]), d);
        }
    }
}

/* The pixels of @color in pixel column @x. */
static guint
column_count (Fixture        *f,
              int             x,
              const RexColor *color)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (f->surface); y++)
    n += color_near (pixel (f, x, y), color, 0.12);
  return n;
}

/* Whether region @id has points in both @year and the next year on @chart;
 * the first in @first. */
static gboolean
has_segment (RexChart     *chart,
             Fixture      *f,
             const char   *id,
             int           year,
             RexChartItem *first)
{
  RexRegion *region = rex_dataset_lookup_region (f->dataset, id);
  gboolean next = FALSE, found = FALSE;
  RexChartItem item;

  for (guint i = 0; rex_chart_get_item (chart, i, &item); i++)
    if (item.region == region && item.year == year)
      *first = item, found = TRUE;
    else if (item.region == region && item.year == year + 1)
      next = TRUE;
  return found && next;
}

/* Pointing at a point of a line chart draws that point's line heavier, and
 * only that one: between its year and the next, its colour's pixel column
 * grows, another line's across the same years does not (the heavier line
 * may cover a pixel of it). Pointing at nothing draws nothing. */
static void
test_lines_hover_heavier (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const ids[] = { LINE_IDS, NULL };
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  RexChartItem first, other;
  guint k = 1, before[2];
  int x;
  cairo_t *cr;

  spec->metric = g_strdup (METRIC);
  rex_chart_spec_set_regions (spec, ids);
  chart = draw_chart (f, spec, 800, 600);
  g_assert_true (has_segment (chart, f, ids[0], FIRST_YEAR, &first));
  while (ids[k] != NULL && !has_segment (chart, f, ids[k], FIRST_YEAR, &other))
    k++;
  g_assert_nonnull (ids[k]);
  x = (int) (first.x + 20);
  before[0] = column_count (f, x, &f->style->palette[0]);
  before[1] = column_count (f, x, &f->style->palette[k]);
  g_assert_cmpuint (before[0], >, 0);
  g_assert_cmpuint (before[1], >, 0);
  cr = cairo_create (f->surface);
  rex_chart_draw_hover (chart, cr, &first, f->style);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
  g_assert_cmpuint (column_count (f, x, &f->style->palette[0]), >, before[0]);
  g_assert_cmpuint (column_count (f, x, &f->style->palette[k]), <=, before[1]);

  /* Pointing at nothing draws nothing. */
  {
    g_autofree guint32 *hovered = g_new (guint32, 800 * 600);

    for (int i = 0; i < 800 * 600; i++)
      hovered[i] = pixel_rgb (f, i % 800, i / 800);
    cr = cairo_create (f->surface);
    rex_chart_draw_hover (chart, cr, NULL, f->style);
    cairo_destroy (cr);
    cairo_surface_flush (f->surface);
    for (int i = 0; i < 800 * 600; i++)
      g_assert_cmphex (pixel_rgb (f, i % 800, i / 800), ==, hovered[i]);
  }
}

/* A profile's small line breaks where its years have a gap, as the charts
 * do: a series of 2020–2024 without 2022 draws nothing in the middle
 * column (midway between its leftmost and rightmost ink), and something a
 * quarter of the way in from each end. */
static void
test_sparkline_gap (void)
{
  const double values[] = { 10, 40, NAN, 40, 10 };
  g_autoptr(RexSeries) series = rex_series_new_from_values ("gdp", 2020, 2024, values);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 40);
  cairo_t *cr = cairo_create (surface);
  int left = -1, right = -1, stride;
  const guint32 *data;

  cairo_set_source_rgb (cr, 0, 0, 0);
  rex_draw_sparkline (cr, series, 0, 0, 120, 40);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = (const guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;

#define INK(x, y) ((data[(y) * stride + (x)] >> 24) > 0x40)
  for (int x = 0; x < 120; x++)
    for (int y = 0; y < 40; y++)
      if (INK (x, y))
        {
          left = left < 0 ? x : left;
          right = x;
        }
  g_assert_cmpint (left, >=, 0);
  g_assert_cmpint (right - left, >, 60);
  for (int dx = -2; dx <= 2; dx++)
    for (int y = 0; y < 40; y++)
      if (INK ((left + right) / 2 + dx, y))
        g_error ("the line joins across 2022, its gap (column %d, row %d)", (left + right) / 2 + dx, y);
  for (int quarter = 1; quarter <= 3; quarter += 2)
    {
      int x = left + (right - left) * quarter / 4;
      gboolean ink = FALSE;

      for (int y = 0; y < 40; y++)
        ink = ink || INK (x, y);
      g_assert_true (ink);
    }
#undef INK
  cairo_surface_destroy (surface);
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
  ADD ("/oracles/lines/against-fixture", test_lines_against_fixture);
  ADD ("/oracles/lines/dense-without-markers", test_lines_dense_without_markers);
  ADD ("/oracles/bubbles/against-fixture", test_bubbles_against_fixture);
  ADD ("/oracles/shares/stacked-against-fixture", test_shares_stacked_against_fixture);
  ADD ("/oracles/shares/donut-against-fixture", test_shares_donut_against_fixture);
  ADD ("/oracles/shares/composition-against-fixture", test_shares_composition_against_fixture);
  ADD ("/oracles/map/tiles-against-fixture", test_map_tiles_against_fixture);
  ADD ("/oracles/map/geo-against-fixture", test_map_geo_against_fixture);
  g_test_add ("/oracles/map/cluster-outlines", Fixture, CLUSTERS_FIXTURE, fixture_setup, test_map_cluster_outlines,
              fixture_teardown);
  ADD ("/oracles/progress/against-fixture", test_progress_against_fixture);
  ADD ("/oracles/profile/against-fixture", test_profile_against_fixture);
  ADD ("/oracles/profile/pages", test_profile_pages);
  ADD ("/oracles/shares/percent-regions", test_shares_percent_regions);
  ADD ("/oracles/lines/percent-axis", test_lines_percent_axis);
  ADD ("/oracles/lines/hover-heavier", test_lines_hover_heavier);
  ADD ("/oracles/row-hover-outline", test_row_hover_outline);
#undef ADD
  g_test_add_func ("/oracles/profile/sparkline-gap", test_sparkline_gap);
  return g_test_run ();
}
