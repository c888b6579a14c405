/* rex-rect.h — the two ways the render layer names an area: a rectangle by
 * its corner and size, and a box by its edges. Private to the render layer.
 *
 * A layout that computes the edges of an area (a plot between its tick
 * labels and its legend) keeps them as a RexBox: its right edge recomputed
 * as x + width would differ from the computed one in the last bit now and
 * then, and so would what is drawn at it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An area at (x, y), w wide and h high. */
typedef struct
{
  double x, y, w, h;
} RexRect;

/* An area between its edges: x0 ≤ x1 and y0 ≤ y1 (on a chart, y0 is the
 * top). */
typedef struct
{
  double x0, y0, x1, y1;
} RexBox;

static inline gboolean
rex_rect_intersects (const RexRect *a,
                     const RexRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w
      && a->y < b->y + b->h && b->y < a->y + a->h;
}

static inline gboolean
rex_rect_contains (const RexRect *outer,
                   const RexRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y
      && inner->x + inner->w <= outer->x + outer->w
      && inner->y + inner->h <= outer->y + outer->h;
}

/* The rectangle of @box. */
static inline RexRect
rex_box_to_rect (const RexBox *box)
{
  return (RexRect) { box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0 };
}

G_END_DECLS
