/* chart-test-util.h — what every chart kind test shares: a fixture with a
 * dataset, a style and the image drawn last; drawing a chart into it;
 * reading its pixels and comparing colours; finding items; checking that
 * the chart's fonts cover a text; the texts a chart draws. */
#pragma once

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "rex-render.h"
#include "rex-chart-private.h"

typedef struct
{
  RexDataset      *dataset;
  RexChartStyle   *style;
  cairo_surface_t *surface;  /* the image drawn last, probed by pixel() */
} Fixture;

/* Loads tests/data/@name. */
static inline RexDataset *
load_dataset (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RexDataset *dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* A dataset from JSON text written in the test (@name for messages). */
static inline RexDataset *
dataset_from_json (const char *json,
                   const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  RexDataset *dataset = rex_dataset_new_from_bytes (bytes, name, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* Loads the fixture named by the test data (tests/data/charts.json when
 * NULL) and a light style. */
static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dataset = load_dataset (data ? data : "charts.json");
  f->style = rex_chart_style_new (REX_THEME_LIGHT);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->surface, cairo_surface_destroy);
  rex_chart_style_free (f->style);
  g_assert_finalize_object (f->dataset);
}

/* Draws a chart of @dataset with the fixture's style into a new image of
 * @width × @height chart units at @scale device pixels per unit, which
 * replaces the fixture's image. */
static inline RexChart *
draw_chart_full (Fixture            *f,
                 RexDataset         *dataset,
                 const RexChartSpec *spec,
                 int                 width,
                 int                 height,
                 int                 scale)
{
  g_autoptr(GError) error = NULL;
  RexChart *chart = rex_chart_new (dataset, spec, &error);
  cairo_t *cr;

  g_assert_no_error (error);
  g_clear_pointer (&f->surface, cairo_surface_destroy);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (f->surface);
  cairo_scale (cr, scale, scale);
  rex_chart_draw (chart, cr, width, height, f->style);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
  return chart;
}

/* The fixture's dataset at one device pixel per unit. */
static inline RexChart *
draw_chart (Fixture            *f,
            const RexChartSpec *spec,
            int                 width,
            int                 height)
{
  return draw_chart_full (f, f->dataset, spec, width, height, 1);
}

/* Draws @chart as printed, page by page (rex_chart_set_page() from 1), each
 * page @width × @height into the fixture's image; returns the items of
 * every page in order, and in *@n_pages how many pages there are. Each
 * page but the last holds as many items as the first, and none is empty. */
static inline GArray *
draw_pages (Fixture  *f,
            RexChart *chart,
            int       width,
            int       height,
            guint    *n_pages)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (RexChartItem));
  guint per_page = 0;

  *n_pages = rex_chart_get_n_pages (chart, width, height, f->style);
  for (guint page = 1; page <= *n_pages; page++)
    {
      cairo_t *cr;
      guint n;

      rex_chart_set_page (chart, page);
      g_clear_pointer (&f->surface, cairo_surface_destroy);
      f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (f->surface);
      rex_chart_draw (chart, cr, width, height, f->style);
      cairo_destroy (cr);
      g_assert_cmpuint (rex_chart_get_n_pages (chart, width, height, f->style), ==, *n_pages);
      n = rex_chart_get_n_items (chart);
      g_assert_cmpuint (n, >, 0);
      if (page == 1)
        per_page = n;
      else if (page < *n_pages)
        g_assert_cmpuint (n, ==, per_page);
      else
        g_assert_cmpuint (n, <=, per_page);
      for (guint i = 0; i < n; i++)
        {
          RexChartItem item;

          g_assert_true (rex_chart_get_item (chart, i, &item));
          g_array_append_val (items, item);
        }
    }
  return items;
}

/* The colour of the image's device pixel at (x, y). */
static inline RexColor
pixel (Fixture *f,
       double   x,
       double   y)
{
  unsigned char *data = cairo_image_surface_get_data (f->surface);
  int stride = cairo_image_surface_get_stride (f->surface);
  guint32 p = *(guint32 *) (data + (int) y * stride + (int) x * 4);

  return (RexColor) { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0,
                      (p & 0xff) / 255.0, ((p >> 24) & 0xff) / 255.0 };
}

/* Sum of the channel differences: how far apart two colours are overall. */
static inline double
color_distance (RexColor        a,
                const RexColor *b)
{
  return fabs (a.r - b->r) + fabs (a.g - b->g) + fabs (a.b - b->b);
}

/* Every channel of @got within @tolerance of @want's. */
static inline gboolean
color_near (RexColor        got,
            const RexColor *want,
            double          tolerance)
{
  return fabs (got.r - want->r) <= tolerance && fabs (got.g - want->g) <= tolerance
      && fabs (got.b - want->b) <= tolerance;
}

static inline void
assert_color_near_at (const char     *file,
                      int             line,
                      const char     *func,
                      RexColor        got,
                      const RexColor *want,
                      double          tolerance)
{
  g_autofree char *message = NULL;

  if (color_near (got, want, tolerance))
    return;
  message = g_strdup_printf ("colour %.3f,%.3f,%.3f is not %.3f,%.3f,%.3f (+/- %.3f)",
                             got.r, got.g, got.b, want->r, want->g, want->b, tolerance);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* Fails the test at the caller's line unless color_near(). */
#define assert_color_near(got, want, tolerance) \
  assert_color_near_at (__FILE__, __LINE__, G_STRFUNC, (got), (want), (tolerance))

/* A solid area of the image has exactly the style's colour, give or take
 * rounding to 8 bits and the odd antialiasing step. */
#define assert_color(got, want) assert_color_near (got, want, 0.02)

/* Distance from (x, y) to the right until the colour stops being @color. */
static inline double
run_length (Fixture        *f,
            double          x,
            double          y,
            const RexColor *color)
{
  int w = cairo_image_surface_get_width (f->surface);
  double d = 0;

  while (x + d + 1 < w && color_near (pixel (f, x + d + 1, y), color, 0.06))
    d++;
  return d + 0.5;
}

/* Sum of the image's pixels' channels: two renderings that differ differ here. */
static inline guint64
image_checksum (Fixture *f)
{
  unsigned char *data = cairo_image_surface_get_data (f->surface);
  int stride = cairo_image_surface_get_stride (f->surface);
  int h = cairo_image_surface_get_height (f->surface);
  guint64 sum = 0;

  for (int i = 0; i < stride * h; i++)
    sum += data[i];
  return sum;
}

/* The lightest and the darkest luminance in the image's top @rows rows,
 * where the title is. */
static inline void
title_ink (Fixture *f,
           int      rows,
           double  *darkest,
           double  *lightest)
{
  *darkest = 1;
  *lightest = 0;
  for (int y = 0; y < rows; y++)
    for (int x = 0; x < cairo_image_surface_get_width (f->surface); x++)
      {
        RexColor c = pixel (f, x, y);
        double l = rex_color_luminance (&c);

        *darkest = MIN (*darkest, l);
        *lightest = MAX (*lightest, l);
      }
}

/* Draws @spec in the fixture's (light) style, then switches the fixture to
 * the dark style and draws it again. Not only must the picture change: the
 * background is GNOME's white, then its dark #1e1e1e, and the title's text
 * is dark on the light one and light on the dark one. The dark image and
 * style stay in the fixture for further probes. */
static inline void
assert_dark_differs (Fixture            *f,
                     const RexChartSpec *spec,
                     int                 width,
                     int                 height)
{
  static const RexColor white = { 1.0, 1.0, 1.0, 1.0 };
  static const RexColor dark_grey = { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1.0 };
  g_autoptr(RexChart) light = draw_chart (f, spec, width, height);
  g_autoptr(RexChart) dark = NULL;
  guint64 light_sum = image_checksum (f);
  double darkest, lightest;

  assert_color_near (pixel (f, 1, 1), &white, 1 / 255.0);
  assert_color_near (pixel (f, width - 2, height - 2), &white, 1 / 255.0);
  title_ink (f, 40, &darkest, &lightest);
  g_assert_cmpfloat (darkest, <, 0.1);

  rex_chart_style_free (f->style);
  f->style = rex_chart_style_new (REX_THEME_DARK);
  dark = draw_chart (f, spec, width, height);
  g_assert_cmpuint (image_checksum (f), !=, light_sum);
  assert_color_near (pixel (f, 1, 1), &dark_grey, 1 / 255.0);
  assert_color_near (pixel (f, width - 2, height - 2), &dark_grey, 1 / 255.0);
  title_ink (f, 40, &darkest, &lightest);
  g_assert_cmpfloat (lightest, >, 0.8);
}

/* The item of the region with @id, or the item labelled @id when it has no
 * region (transport circles). */
static inline gboolean
find_item (RexChart     *chart,
           const char   *id,
           RexChartItem *out)
{
  memset (out, 0, sizeof *out);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      rex_chart_get_item (chart, i, &item);
      if ((item.region && g_strcmp0 (rex_region_get_id (item.region), id) == 0)
          || (!item.region && g_strcmp0 (item.label, id) == 0))
        {
          *out = item;
          return TRUE;
        }
    }
  return FALSE;
}

/* The chart's fonts draw @text without a missing glyph. */
static inline void
assert_all_glyphs (const RexChartStyle *style,
                   const char          *text)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  pango_font_description_free (desc);
  g_object_unref (layout);
  g_object_unref (context);
}

/* The texts @chart draws at @width × @height (RexChartTextBox; not into
 * the fixture's image). */
static inline GArray *
chart_texts (Fixture  *f,
             RexChart *chart,
             int       width,
             int       height)
{
  GArray *boxes = g_array_new (FALSE, TRUE, sizeof (RexChartTextBox));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  g_array_set_clear_func (boxes, rex_chart_text_box_clear);
  rex_chart_record_text (cr, boxes);
  rex_chart_draw (chart, cr, width, height, f->style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return boxes;
}

/* Whether one of @texts is @text. */
static inline gboolean
has_text (GArray     *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_array_index (texts, RexChartTextBox, i).text, text))
      return TRUE;
  return FALSE;
}
