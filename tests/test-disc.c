/* test-disc.c — the analytic disc rasteriser against cairo's own fills:
 * the same pixels within antialiasing differences, at 1× and 2×, under a
 * translation, for discs, rings, edged discs and translucent colours; the
 * clip respected; the targets it must refuse; and a bubble chart drawn
 * through it against the same chart drawn as paths. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <cairo-svg.h>

#include "rex-disc.h"
#include "chart-test-util.h"

#define SIZE 96

typedef struct
{
  int    max_diff;    /* largest difference of one channel, 0–255 */
  double mean_diff;   /* mean difference beyond rounding (1 unit), over all
                       * channels of all pixels */
  double ink_a;       /* summed alpha, in pixels */
  double ink_b;
} Diff;

static cairo_surface_t *
new_surface (int    size,
             double scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);

  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

static Diff
compare (cairo_surface_t *a,
         cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  const guchar *da, *db;
  Diff diff = { 0 };
  double sum = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint32 pa = *(const guint32 *) (da + y * cairo_image_surface_get_stride (a) + x * 4);
        const guint32 pb = *(const guint32 *) (db + y * cairo_image_surface_get_stride (b) + x * 4);

        for (int shift = 0; shift < 32; shift += 8)
          {
            int d = abs ((int) ((pa >> shift) & 0xff) - (int) ((pb >> shift) & 0xff));

            diff.max_diff = MAX (diff.max_diff, d);
            sum += MAX (d - 1, 0);
          }
        diff.ink_a += (pa >> 24) / 255.0;
        diff.ink_b += (pb >> 24) / 255.0;
      }
  diff.mean_diff = sum / (w * h * 4.0);
  return diff;
}

/* Clears the surface and sets up a context clipped to all of it. */
static cairo_t *
begin_drawing (cairo_surface_t *surface,
               double           tx,
               double           ty)
{
  cairo_t *cr = cairo_create (surface);
  double sx, sy;

  cairo_surface_get_device_scale (surface, &sx, &sy);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, tx, ty);
  rex_disc_clip_rectangle (cr, &(RexRect) { -tx, -ty, cairo_image_surface_get_width (surface) / sx,
                                             cairo_image_surface_get_height (surface) / sy });
  return cr;
}

typedef enum
{
  SHAPE_DISC,
  SHAPE_RING,
  SHAPE_EDGED
} Shape;

/* One shape both ways: through a RexDiscCanvas into @fast, as cairo paths
 * into @slow. */
static void
draw_both (cairo_surface_t *fast,
           cairo_surface_t *slow,
           Shape            shape,
           double           x,
           double           y,
           double           r,
           const RexColor  *color,
           const RexColor  *edge_color)
{
  cairo_t *cr = begin_drawing (fast, 3.25, -2.5);
  RexDiscCanvas canvas;

  g_assert_true (rex_disc_canvas_begin (&canvas, cr));
  switch (shape)
    {
    case SHAPE_DISC:
      rex_disc_canvas_fill (&canvas, x, y, r, 0, color);
      break;
    case SHAPE_RING:
      rex_disc_canvas_fill (&canvas, x, y, r + 0.75, r - 0.75, color);
      break;
    case SHAPE_EDGED:
      rex_disc_canvas_fill_edged (&canvas, x, y, r, 0.5, edge_color, color);
      break;
    }
  rex_disc_canvas_end (&canvas);
  cairo_destroy (cr);

  cr = begin_drawing (slow, 3.25, -2.5);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  switch (shape)
    {
    case SHAPE_DISC:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, (color)->r, (color)->g, (color)->b, (color)->a);
      cairo_fill (cr);
      break;
    case SHAPE_RING:
      cairo_arc (cr, x, y, r + 0.75, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, MAX (r - 0.75, 0), 0, 2 * G_PI);
      cairo_set_source_rgba (cr, (color)->r, (color)->g, (color)->b, (color)->a);
      cairo_fill (cr);
      break;
    case SHAPE_EDGED:
      cairo_arc (cr, x, y, r + 0.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, (edge_color)->r, (edge_color)->g, (edge_color)->b, (edge_color)->a);
      cairo_fill (cr);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, MAX (r - 0.5, 0), 0, 2 * G_PI);
      cairo_set_source_rgba (cr, (color)->r, (color)->g, (color)->b, (color)->a);
      cairo_fill (cr);
      break;
    }
  cairo_destroy (cr);
}

static void
test_matches_cairo (void)
{
  static const double radii[] = { 0.4, 1.0, 1.7, 3.3, 8.0, 19.6, 41.0 };
  static const double scales[] = { 1.0, 2.0 };
  const RexColor blue = { 0.0, 0.447, 0.698, 1.0 };
  const RexColor white = { 1.0, 1.0, 1.0, 1.0 };
  const RexColor glass = { 0.9, 0.6, 0.0, 0.5 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint i = 0; i < G_N_ELEMENTS (radii); i++)
      for (Shape shape = SHAPE_DISC; shape <= SHAPE_EDGED; shape++)
        for (int translucent = 0; translucent < 2; translucent++)
          {
            double scale = scales[s], r = radii[i];
            cairo_surface_t *fast = new_surface (SIZE * scale, scale);
            cairo_surface_t *slow = new_surface (SIZE * scale, scale);
            Diff diff;

            /* Off the pixel grid on purpose. */
            draw_both (fast, slow, shape, SIZE / 2.0 - 3.25 + 0.37, SIZE / 2.0 + 2.5 - 0.21, r,
                       translucent ? &glass : &blue, &white);
            diff = compare (fast, slow);
            g_test_message ("scale %g radius %g shape %d translucent %d: max %d mean %.3f ink %.2f/%.2f",
                            scale, r, shape, translucent, diff.max_diff, diff.mean_diff,
                            diff.ink_a, diff.ink_b);
            /* The two antialiasing methods differ on rim pixels only, and
             * the shapes cover the same area. */
            g_assert_cmpfloat (diff.mean_diff, <, 0.5);
            if (r * scale >= 1.5)
              {
                g_assert_cmpint (diff.max_diff, <=, 48);
                g_assert_cmpfloat (fabs (diff.ink_a - diff.ink_b), <=, 0.02 * diff.ink_b + 1.0);
              }
            else
              {
                /* Smaller than a few pixels: cairo's 16-sample coverage and
                 * the distance method both approximate the same area. */
                g_assert_cmpint (diff.max_diff, <=, 100);
                g_assert_cmpfloat (fabs (diff.ink_a - diff.ink_b), <=, 1.0);
              }
            cairo_surface_destroy (fast);
            cairo_surface_destroy (slow);
          }
}

/* A solid pixel well inside the shape has exactly the colour, and one well
 * outside is untouched. */
static void
test_solid_and_empty (void)
{
  cairo_surface_t *surface = new_surface (SIZE, 1.0);
  cairo_t *cr = begin_drawing (surface, 0, 0);
  const RexColor red = { 1.0, 0.0, 0.0, 1.0 };
  const RexColor black = { 0.0, 0.0, 0.0, 1.0 };
  RexDiscCanvas canvas;
  const guchar *data;
  int stride;

  g_assert_true (rex_disc_canvas_begin (&canvas, cr));
  rex_disc_canvas_fill_edged (&canvas, 30, 30, 20, 1.5, &black, &red);
  rex_disc_canvas_fill (&canvas, 70, 70, 15, 10, &red);
  rex_disc_canvas_end (&canvas);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
#define PIXEL(x, y) (*(const guint32 *) (data + (y) * stride + (x) * 4))
  g_assert_cmphex (PIXEL (30, 30), ==, 0xffff0000);   /* the disc's middle */
  g_assert_cmphex (PIXEL (30, 49), ==, 0xff000000);   /* on its edge */
  g_assert_cmphex (PIXEL (30, 53), ==, 0x00000000);   /* outside */
  g_assert_cmphex (PIXEL (70, 70), ==, 0x00000000);   /* the ring's hole */
  g_assert_cmphex (PIXEL (70, 83), ==, 0xffff0000);   /* the ring */
  g_assert_cmphex (PIXEL (70, 87), ==, 0x00000000);   /* beyond it */
#undef PIXEL
  cairo_surface_destroy (surface);
}

/* Nothing is written outside the clip, including by discs across its edge. */
static void
test_clip (void)
{
  cairo_surface_t *surface = new_surface (SIZE, 2.0);
  cairo_t *cr = cairo_create (surface);
  const RexColor green = { 0.0, 0.6, 0.45, 1.0 };
  RexDiscCanvas canvas;
  const guchar *data;
  int stride;

  /* A clip with fractional edges, grown to whole device pixels. */
  rex_disc_clip_rectangle (cr, &(RexRect) { 10.3, 10.3, 20.1, 20.1 });
  g_assert_true (rex_disc_canvas_begin (&canvas, cr));
  g_assert_cmpint (canvas.clip_x0, ==, 20);
  g_assert_cmpint (canvas.clip_x1, ==, 61);
  rex_disc_canvas_fill (&canvas, 10, 10, 12, 0, &green);
  rex_disc_canvas_fill (&canvas, 30, 30, 12, 0, &green);
  rex_disc_canvas_fill (&canvas, 1e300, -1e300, 1e200, 0, &green);
  rex_disc_canvas_fill (&canvas, NAN, 20, 5, 0, &green);
  rex_disc_canvas_fill (&canvas, 20, 20, INFINITY, 0, &green);
  rex_disc_canvas_end (&canvas);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);
        gboolean inside = x >= 20 && x < 61 && y >= 20 && y < 61;

        if (!inside)
          g_assert_cmphex (p, ==, 0);
      }
  /* Inside, the two discs are drawn. */
  g_assert_cmphex (*(const guint32 *) (data + 21 * stride + 21 * 4) >> 24, ==, 0xff);
  g_assert_cmphex (*(const guint32 *) (data + 59 * stride + 59 * 4) >> 24, ==, 0xff);
  cairo_surface_destroy (surface);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Targets and states it cannot draw into exactly: the caller must draw paths. */
static void
test_refuses (void)
{
  cairo_surface_t *image = new_surface (SIZE, 1.0);
  cairo_surface_t *a8 = cairo_image_surface_create (CAIRO_FORMAT_A8, SIZE, SIZE);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_surface_t *svg = cairo_svg_surface_create_for_stream (discard, NULL, SIZE, SIZE);
  RexDiscCanvas canvas;
  cairo_t *cr;

  /* No clip is the whole surface. */
  cr = cairo_create (image);
  g_assert_true (rex_disc_canvas_begin (&canvas, cr));
  g_assert_cmpint (canvas.clip_x0, ==, 0);
  g_assert_cmpint (canvas.clip_y1, ==, SIZE);
  rex_disc_canvas_end (&canvas);
  /* A rotation. */
  cairo_rotate (cr, 0.3);
  g_assert_false (rex_disc_canvas_begin (&canvas, cr));
  cairo_identity_matrix (cr);
  cairo_scale (cr, 2, 1);
  g_assert_false (rex_disc_canvas_begin (&canvas, cr));
  cairo_identity_matrix (cr);
  /* A group pushed, another operator, a clip of two rectangles. */
  cairo_push_group (cr);
  g_assert_false (rex_disc_canvas_begin (&canvas, cr));
  cairo_pattern_destroy (cairo_pop_group (cr));
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  g_assert_false (rex_disc_canvas_begin (&canvas, cr));
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_rectangle (cr, 0, 0, 10, 10);
  cairo_rectangle (cr, 20, 20, 10, 10);
  cairo_clip (cr);
  g_assert_false (rex_disc_canvas_begin (&canvas, cr));
  cairo_destroy (cr);

  for (cairo_surface_t **s = (cairo_surface_t *[]) { a8, recording, svg, NULL }; *s != NULL; s++)
    {
      cr = cairo_create (*s);
      rex_disc_clip_rectangle (cr, &(RexRect) { 0, 0, SIZE, SIZE });
      g_assert_false (rex_disc_canvas_begin (&canvas, cr));
      cairo_destroy (cr);
    }

  cairo_surface_destroy (image);
  cairo_surface_destroy (a8);
  cairo_surface_destroy (recording);
  cairo_surface_destroy (svg);
}

/* A bubble chart drawn into an image (discs written directly, label halos
 * from masks kept between draws) and drawn as paths (recorded, then replayed
 * into an image): the same picture, at each scale and again with the masks
 * made for another scale. */
static void
test_bubble_chart (Fixture       *f,
                   gconstpointer  data)
{
  static const double scales[] = { 1.0, 2.0, 1.0 };
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexChart) chart = NULL;

  spec->x_metric = g_strdup ("income");
  spec->y_metric = g_strdup ("gdp");
  spec->size_metric = g_strdup ("population");
  /* A selection: its bubbles have the wider, dark edge, and labels. */
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-JS", NULL });
  chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      double scale = scales[s];
      cairo_surface_t *fast[2];
      cairo_surface_t *slow = new_surface (900 * scale, 1.0);
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr;
      Diff diff;

      for (int k = 0; k < 2; k++)
        {
          fast[k] = new_surface (900 * scale, 1.0);
          cr = cairo_create (fast[k]);
          cairo_scale (cr, scale, scale);
          rex_chart_draw (chart, cr, 900, 900, f->style);
          cairo_destroy (cr);
        }

      cr = cairo_create (recording);
      cairo_scale (cr, scale, scale);
      rex_chart_draw (chart, cr, 900, 900, f->style);
      cairo_destroy (cr);
      cr = cairo_create (slow);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);

      diff = compare (fast[0], slow);
      g_test_message ("chart at %g×: max %d mean %.4f", scale, diff.max_diff, diff.mean_diff);
      /* Everything but the rims of the bubbles is the same drawing. */
      g_assert_cmpfloat (diff.mean_diff, <, 0.05);
      g_assert_cmpint (diff.max_diff, <=, 60);
      /* Drawn again from the kept masks: exactly the same pixels. */
      diff = compare (fast[0], fast[1]);
      g_assert_cmpint (diff.max_diff, ==, 0);

      cairo_surface_destroy (fast[0]);
      cairo_surface_destroy (fast[1]);
      cairo_surface_destroy (slow);
      cairo_surface_destroy (recording);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disc/matches-cairo", test_matches_cairo);
  g_test_add_func ("/disc/solid-and-empty", test_solid_and_empty);
  g_test_add_func ("/disc/clip", test_clip);
  g_test_add_func ("/disc/refuses", test_refuses);
  g_test_add ("/disc/bubble-chart", Fixture, "bubbles.json", fixture_setup, test_bubble_chart, fixture_teardown);

  return g_test_run ();
}
