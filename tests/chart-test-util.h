/* chart-test-util.h — drawing a chart to an image surface and probing pixels,
 * shared by the chart kind tests. */
#pragma once

#include <math.h>
#include <pango/pangocairo.h>

#include "rex-render.h"

typedef struct
{
  RexDataset      *dataset;
  RexChartStyle   *style;
  cairo_surface_t *surface;
} Fixture;

/* Loads tests/data/charts.json, or the fixture named by the test data. */
static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", data ? data : "charts.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
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

static inline RexChart *
draw_chart (Fixture            *f,
            const RexChartSpec *spec,
            int                 width,
            int                 height)
{
  g_autoptr(GError) error = NULL;
  RexChart *chart = rex_chart_new (f->dataset, spec, &error);
  cairo_t *cr;

  g_assert_no_error (error);
  g_clear_pointer (&f->surface, cairo_surface_destroy);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (f->surface);
  rex_chart_draw (chart, cr, width, height, f->style);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
  return chart;
}

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

static inline double
color_distance (RexColor        a,
                const RexColor *b)
{
  return fabs (a.r - b->r) + fabs (a.g - b->g) + fabs (a.b - b->b);
}

static inline void
assert_color (RexColor        got,
              const RexColor *want)
{
  g_assert_cmpfloat_with_epsilon (got.r, want->r, 0.02);
  g_assert_cmpfloat_with_epsilon (got.g, want->g, 0.02);
  g_assert_cmpfloat_with_epsilon (got.b, want->b, 0.02);
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
