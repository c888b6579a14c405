/* rex-chart-marks.h — pieces the scatter-like kinds (bubbles, map) share:
 * label placement without overlaps, the nested-circle size legend, wrapped
 * swatch legends and convex hulls. Private to the render layer.
 */
#pragma once

#include "rex-chart-private.h"
#include "rex-value-format.h"

G_BEGIN_DECLS

/* Greedy label placement: rectangles already taken, tried against new ones. */
typedef struct
{
  GArray  *taken;      /* RexRect */
  GArray  *marks;      /* circles (x, y, r) labels keep off */
  GArray  *leaders;    /* segments (x0, y0, x1, y1) of placed labels' leaders */
  RexRect  bounds;     /* labels must stay inside */
} RexLabelPlacer;

void     rex_label_placer_init        (RexLabelPlacer *self,
                                       const RexRect  *bounds);
void     rex_label_placer_clear       (RexLabelPlacer *self);
/* Marks @rect as taken (e.g. a legend or another label). */
void     rex_label_placer_block       (RexLabelPlacer *self,
                                       const RexRect  *rect);
/* Tries the eight positions around a circle at (@cx, @cy) of radius @r,
 * right first, then left, above, below and the diagonals; on success the
 * label's rectangle is taken and returned in @out. */
gboolean rex_label_placer_place_around (RexLabelPlacer *self,
                                        double          cx,
                                        double          cy,
                                        double          r,
                                        double          w,
                                        double          h,
                                        RexRect        *out);
/* Adds a circular mark (bubble, seat) that no label may cover; returns its
 * index for rex_label_placer_place_for_mark(). */
guint    rex_label_placer_add_mark    (RexLabelPlacer *self,
                                       double          cx,
                                       double          cy,
                                       double          r);
/* Places the label of mark @mark around it: beside it first, then one and
 * two label heights away (@moved: a leader line is needed). A place is
 * taken only if the label covers no mark and no other mark is as near to
 * it as its own, so that a label is never read as another mark's, and
 * only if its leader crosses no other mark, unless @insist and there is
 * no such place. */
gboolean rex_label_placer_place_for_mark (RexLabelPlacer *self,
                                          guint           mark,
                                          double          w,
                                          double          h,
                                          gboolean        insist,
                                          RexRect        *out,
                                          gboolean       *moved);
/* How far the segment @ends (x0, y0, x1, y1) passes from the edge of the
 * circle (@cx, @cy, @r): negative when it crosses the circle. */
double   rex_segment_circle_distance  (const double        *ends,
                                       double               cx,
                                       double               cy,
                                       double               r);
/* A thin leader from the edge of the circle (@cx, @cy, @r) to the nearest
 * point of @label. */
void     rex_chart_draw_leader        (cairo_t             *cr,
                                       const RexChartFrame *frame,
                                       double               cx,
                                       double               cy,
                                       double               r,
                                       const RexRect       *label);

/* Tries one rectangle centred at (@cx, @cy). */
gboolean rex_label_placer_place_at    (RexLabelPlacer *self,
                                       double          cx,
                                       double          cy,
                                       double          w,
                                       double          h,
                                       RexRect        *out);

/* Up to three 1-2-5 reference values for a size legend, largest first, none
 * smaller than @min_value. Returns how many were written to @out. */
guint    rex_size_legend_values       (double          max_value,
                                       double          min_value,
                                       double         *out);
/* Nested circles (bottom-aligned) with a value label beside each, radius
 * sqrt-scaled like the marks: @radii[i] for @values[i], all labels in one
 * format. Returns the height used; draws only when @cr is not NULL. */
double   rex_chart_size_legend        (cairo_t             *cr,
                                       const RexChartFrame *frame,
                                       double               x,
                                       double               y,
                                       const double        *values,
                                       const double        *radii,
                                       guint                n);

/* The colour-by key of @chart as a swatch legend (every colour the chart
 * uses, "Other" and "Not in a cluster" included). Returns the height; draws
 * only when @cr is not NULL. */
double   rex_chart_color_legend       (RexChart            *chart,
                                       cairo_t             *cr,
                                       const RexChartFrame *frame,
                                       double               x,
                                       double               y,
                                       double               width);

/* Convex hull (Andrew's monotone chain) of @n points (x, y pairs) in place;
 * returns the number of hull points, counter-clockwise. */
guint    rex_convex_hull              (double  *xy,
                                       guint    n);
gboolean rex_point_in_polygon         (const double *xy,
                                       guint         n,
                                       double        x,
                                       double        y);

G_END_DECLS
