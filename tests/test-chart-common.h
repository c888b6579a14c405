/* test-chart-common.h — drawing a chart into an image surface and probing
 * its pixels, shared by the chart tests. */
#pragma once

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "rex-render.h"

static inline RexDataset *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RexDataset *dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static inline RexChart *
draw_chart (RexDataset          *dataset,
            const RexChartSpec  *spec,
            const RexChartStyle *style,
            int                  width,
            int                  height,
            cairo_surface_t    **surface)
{
  g_autoptr(GError) error = NULL;
  RexChart *chart = rex_chart_new (dataset, spec, &error);
  cairo_t *cr;

  g_assert_no_error (error);
  g_clear_pointer (surface, cairo_surface_destroy);
  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (*surface);
  rex_chart_draw (chart, cr, width, height, style);
  cairo_destroy (cr);
  cairo_surface_flush (*surface);
  return chart;
}

static inline RexColor
probe (cairo_surface_t *surface,
       double           x,
       double           y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = *(guint32 *) (data + (int) y * stride + (int) x * 4);

  return (RexColor) { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0,
                      (p & 0xff) / 255.0, ((p >> 24) & 0xff) / 255.0 };
}

static inline gboolean
color_near (RexColor        got,
            const RexColor *want,
            double          tolerance)
{
  return fabs (got.r - want->r) <= tolerance && fabs (got.g - want->g) <= tolerance
      && fabs (got.b - want->b) <= tolerance;
}

#define assert_color(got, want) \
  G_STMT_START { \
    RexColor _g = (got); \
    if (!color_near (_g, (want), 0.03)) \
      g_error ("%s:%d: colour %.3f,%.3f,%.3f is not %.3f,%.3f,%.3f", __FILE__, __LINE__, \
               _g.r, _g.g, _g.b, (want)->r, (want)->g, (want)->b); \
  } G_STMT_END

/* The item of @region_id (or the item labelled @label when no region). */
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

/* Distance from (x, y) to the right until the colour stops being @color. */
static inline double
run_length (cairo_surface_t *surface,
            double           x,
            double           y,
            const RexColor  *color)
{
  int w = cairo_image_surface_get_width (surface);
  double d = 0;

  while (x + d + 1 < w && color_near (probe (surface, x + d + 1, y), color, 0.06))
    d++;
  return d + 0.5;
}

static inline void
assert_cjk_glyphs (const RexChartStyle *style,
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
