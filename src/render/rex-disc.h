/* rex-disc.h — antialiased discs and rings written straight into an image
 * surface, for charts that draw thousands of them (bubbles).
 *
 * Cairo runs a full scan conversion for every fill, about 11 µs for a small
 * disc; a disc's coverage can instead be computed from each pixel's distance
 * to its centre. This only works on plain image targets; on any other (SVG,
 * PDF, recording surfaces, rotated or skewed transforms, clips that are not
 * one rectangle) the canvas draws the same shapes as cairo paths.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "rex-chart-style.h"
#include "rex-rect.h"

G_BEGIN_DECLS

typedef struct
{
  cairo_t         *cr;
  gboolean         direct;    /* writing pixels; FALSE: drawing paths on cr */
  cairo_surface_t *surface;
  guchar          *data;
  int              stride;
  int              width, height;
  /* User space to pixels: px = x * scale + ox, py = y * scale + oy. */
  double           scale, ox, oy;
  /* The clip rectangle, in whole pixels. */
  int              clip_x0, clip_y0, clip_x1, clip_y1;
} RexDiscCanvas;

gboolean rex_disc_pixel_transform (cairo_t *cr,
                                   double  *scale,
                                   double  *ox,
                                   double  *oy);
gboolean rex_disc_canvas_begin (RexDiscCanvas  *canvas,
                                cairo_t        *cr);
void     rex_disc_canvas_fill  (RexDiscCanvas  *canvas,
                                double          x,
                                double          y,
                                double          outer,
                                double          inner,
                                const RexColor *color);
void     rex_disc_canvas_fill_edged (RexDiscCanvas  *canvas,
                                     double          x,
                                     double          y,
                                     double          radius,
                                     double          edge,
                                     const RexColor *edge_color,
                                     const RexColor *color);
void     rex_disc_canvas_end   (RexDiscCanvas  *canvas);
void     rex_disc_clip_rectangle (cairo_t       *cr,
                                  const RexRect *area);

G_END_DECLS
