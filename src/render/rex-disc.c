/* rex-disc.c — analytic antialiased discs on image surfaces.
 *
 * A pixel's coverage by a disc of radius R is approximated from the distance
 * d of its centre to the disc's: 1 inside R − ½, 0 outside R + ½, R + ½ − d
 * between (the usual distance antialiasing, within a few percent of the
 * exact area). Only the rim needs a square root; every other pixel of the
 * disc is a solid write. A ring is the outer disc's coverage minus the inner
 * one's, the same pixels cairo gives an even-odd fill of the two circles.
 *
 * Compositing is cairo's OVER on premultiplied pixels, in 8 bits:
 * dst = (src × k + dst × (256 − k)) / 256 per channel, where k is the colour's
 * alpha times the coverage on a 0–256 scale and src the unpremultiplied
 * colour with an alpha of 255, which is the premultiplied source scaled by k.
 */
#include "config.h"

#include <math.h>

#include "rex-disc.h"

/* A user-space point in the target's pixels. */

/* @value as an int within [@lo, @hi], bounded before the cast: a disc of
 * infinite or huge radius gives coordinates no int can hold (converting
 * them is undefined), and NaN gives @lo. */
static int
to_int_within (double value,
               int    lo,
               int    hi)
{
  if (!(value > lo))
    return lo;
  if (!(value < hi))
    return hi;
  return (int) value;
}

static void
to_pixels (const RexDiscCanvas *canvas,
           double               x,
           double               y,
           double              *px,
           double              *py)
{
  *px = x * canvas->scale + canvas->ox;
  *py = y * canvas->scale + canvas->oy;
}

/**
 * rex_disc_pixel_transform:
 * @cr: a context
 * @scale: (out): pixels per user unit
 * @ox, @oy: (out): the pixel user space's origin falls on
 *
 * Where user space lands in the pixels of @cr's target: px = x × @scale + @ox,
 * py = y × @scale + @oy, when the target is an ARGB32 or RGB24 image surface
 * with no group pushed and the transform only scales (the same both ways)
 * and translates.
 *
 * Returns: %FALSE for other targets and transforms
 */
gboolean
rex_disc_pixel_transform (cairo_t *cr,
                          double  *scale,
                          double  *ox,
                          double  *oy)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_format_t format;
  cairo_matrix_t m;
  double sx, sy, dx, dy;

  if (cairo_get_group_target (cr) != target
      || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &dx, &dy);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.xx != m.yy || sx != sy)
    return FALSE;

  *scale = m.xx * sx;
  *ox = m.x0 * sx + dx;
  *oy = m.y0 * sy + dy;
  return TRUE;
}

static gboolean begin_direct (RexDiscCanvas *canvas,
                              cairo_t       *cr);

/**
 * rex_disc_canvas_begin:
 * @canvas: (out caller-allocates): the canvas to set up
 * @cr: the context the discs are for
 *
 * Sets @canvas up to draw on @cr. The discs are written into @cr's target
 * directly when it is an ARGB32 or RGB24 image surface with no group pushed,
 * the OVER operator, a transform that only scales (the same both ways) and
 * translates, and a clip of one rectangle on whole pixels (see
 * rex_disc_clip_rectangle()); the target is then flushed and must not be
 * drawn by cairo until rex_disc_canvas_end(). Otherwise they are drawn as
 * cairo paths.
 *
 * Returns: %TRUE if the discs are written into the pixels directly
 */
gboolean
rex_disc_canvas_begin (RexDiscCanvas *canvas,
                       cairo_t       *cr)
{
  canvas->cr = cr;
  canvas->direct = begin_direct (canvas, cr);
  return canvas->direct;
}

static gboolean
begin_direct (RexDiscCanvas *canvas,
              cairo_t       *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *clip;
  double x0, y0, x1, y1;

  if (cairo_get_operator (cr) != CAIRO_OPERATOR_OVER
      || !rex_disc_pixel_transform (cr, &canvas->scale, &canvas->ox, &canvas->oy))
    return FALSE;

  /* A clip with fractional edges is "not representable" as rectangles;
   * rex_disc_clip_rectangle() makes one that is. */
  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clip);
      return FALSE;
    }

  canvas->surface = target;
  canvas->width = cairo_image_surface_get_width (target);
  canvas->height = cairo_image_surface_get_height (target);
  canvas->stride = cairo_image_surface_get_stride (target);

  if (clip->num_rectangles == 0)
    {
      x0 = y0 = x1 = y1 = 0;
    }
  else
    {
      const cairo_rectangle_t *r = &clip->rectangles[0];

      to_pixels (canvas, r->x, r->y, &x0, &y0);
      to_pixels (canvas, r->x + r->width, r->y + r->height, &x1, &y1);
    }
  cairo_rectangle_list_destroy (clip);
  canvas->clip_x0 = to_int_within (round (x0), 0, canvas->width);
  canvas->clip_y0 = to_int_within (round (y0), 0, canvas->height);
  canvas->clip_x1 = to_int_within (round (x1), canvas->clip_x0, canvas->width);
  canvas->clip_y1 = to_int_within (round (y1), canvas->clip_y0, canvas->height);

  cairo_surface_flush (target);
  canvas->data = cairo_image_surface_get_data (target);
  return canvas->data != NULL;
}

/**
 * rex_disc_clip_rectangle:
 * @cr: a context
 * @area: the area, in user space
 *
 * Clips @cr to the area grown to whole pixels of the target, the clip
 * rex_disc_canvas_begin() can use (cairo cannot list a clip with fractional
 * edges).
 */
void
rex_disc_clip_rectangle (cairo_t       *cr,
                         const RexRect *area)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double sx, sy, ax = area->x, ay = area->y, bx = area->x + area->w, by = area->y + area->h;
  double x0, y0, x1, y1;

  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_user_to_device (cr, &ax, &ay);
  cairo_user_to_device (cr, &bx, &by);
  x0 = floor (MIN (ax, bx) * sx) / sx;
  y0 = floor (MIN (ay, by) * sy) / sy;
  x1 = ceil (MAX (ax, bx) * sx) / sx;
  y1 = ceil (MAX (ay, by) * sy) / sy;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_restore (cr);
  cairo_clip (cr);
}

/* Two channels at a time: red and blue, then alpha and green, each in its
 * own 16 bits, where s × k + d × (256 − k) + 128 ≤ 65,408 cannot carry. */
static inline guint32
blend (guint32 dst,
       guint32 src,
       guint   k)
{
  guint32 rb = (((src & 0xff00ffu) * k + (dst & 0xff00ffu) * (256 - k) + 0x800080u) >> 8) & 0xff00ffu;
  guint32 ag = (((src >> 8) & 0xff00ffu) * k + ((dst >> 8) & 0xff00ffu) * (256 - k) + 0x800080u) & 0xff00ff00u;

  return rb | ag;
}

typedef struct
{
  guint32 pixel;   /* the colour, alpha 255, as cairo stores it */
  guint   alpha;   /* its alpha on a 0–256 scale */
} Paint;

static gboolean
paint_init (Paint          *paint,
            const RexColor *color)
{
  paint->alpha = (guint) round (CLAMP (color->a, 0.0, 1.0) * 256);
  paint->pixel = 0xff000000u
                 | (guint32) round (CLAMP (color->r, 0.0, 1.0) * 255) << 16
                 | (guint32) round (CLAMP (color->g, 0.0, 1.0) * 255) << 8
                 | (guint32) round (CLAMP (color->b, 0.0, 1.0) * 255);
  return paint->alpha > 0;
}

/* Paints over a pixel with k (0–256) of the paint's colour. */
static inline guint32
over (guint32      dst,
      const Paint *paint,
      guint        k)
{
  return k >= 256 ? paint->pixel : k > 0 ? blend (dst, paint->pixel, k) : dst;
}

static void
paint_run (guint32     *run,
           int          n,
           const Paint *paint)
{
  if (paint->alpha == 256)
    {
      for (int i = 0; i < n; i++)
        run[i] = paint->pixel;
    }
  else
    {
      for (int i = 0; i < n; i++)
        run[i] = blend (run[i], paint->pixel, paint->alpha);
    }
}

/* Half the width of the run of pixel centres within radius r of the centre
 * on a row dy away, or -1 when there is none. */
static inline double
half_run (double r,
          double dy2)
{
  return r > 0 && r * r > dy2 ? sqrt (r * r - dy2) : -1;
}

/* The disc of radius ro in outer, and over it the disc of radius ri in inner,
 * or, when inner is NULL, a hole of radius ri (a ring). Radii in pixels.
 *
 * A row is a run of whole pixels in the middle (the inner disc's, the hole's,
 * or the outer disc's when there is no inner one), written without any
 * arithmetic, and the rims either side of it, where each pixel's coverage by
 * both circles comes from its distance to the centre. */
static void
draw_discs (RexDiscCanvas *canvas,
            double         cx,
            double         cy,
            double         ro,
            double         ri,
            const Paint   *outer,
            const Paint   *inner)
{
  double reach = ro + 0.5;
  /* Coverage is 1 within r − ½ and never more than the area of a disc
   * smaller than a pixel. */
  double cap_o = MIN (1.0, G_PI * ro * ro), cap_i = MIN (1.0, G_PI * ri * ri);
  double solid = ri > 0 ? (cap_i >= 1 ? ri - 0.5 : -1) : (cap_o >= 1 ? ro - 0.5 : -1);
  /* Scales from coverage to 0–256 with the paint's alpha; the hole of a ring
   * takes away from the ring's own coverage. */
  double alpha_o = outer->alpha, alpha_i = inner != NULL ? inner->alpha : outer->alpha;
  const Paint *run_paint = ri > 0 ? inner : outer;
  int j0, j1;

  /* Off the clip (this also keeps huge coordinates out of the int casts). */
  if (cx + reach <= canvas->clip_x0 || cx - reach >= canvas->clip_x1
      || cy + reach <= canvas->clip_y0 || cy - reach >= canvas->clip_y1)
    return;

  /* Rows and columns whose pixel centres lie within reach. */
  j0 = to_int_within (floor (cy - reach - 0.5) + 1, canvas->clip_y0, canvas->clip_y1);
  j1 = to_int_within (ceil (cy + reach - 0.5), j0, canvas->clip_y1);
  for (int j = j0; j < j1; j++)
    {
      guint32 *row = (guint32 *) (canvas->data + (gsize) j * canvas->stride);
      double dy = j + 0.5 - cy, dy2 = dy * dy;
      double half = half_run (reach, dy2), half_s;
      int i0, i1, s0, s1;

      if (half < 0)
        continue;
      i0 = to_int_within (floor (cx - half - 0.5) + 1, canvas->clip_x0, canvas->clip_x1);
      i1 = to_int_within (ceil (cx + half - 0.5), i0, canvas->clip_x1);

      /* Pixel i is in the middle run when |i + ½ − cx| ≤ half_s. */
      half_s = half_run (solid, dy2);
      s0 = half_s < 0 ? i1 : to_int_within (ceil (cx - half_s - 0.5), i0, i1);
      s1 = half_s < 0 ? i1 : to_int_within (floor (cx + half_s - 0.5) + 1, s0, i1);

      if (s1 > s0 && run_paint != NULL)
        {
          /* A translucent inner disc shows the outer one through it. */
          if (run_paint == inner && inner->alpha < 256)
            paint_run (row + s0, s1 - s0, outer);
          paint_run (row + s0, s1 - s0, run_paint);
        }

      for (int side = 0; side < 2; side++)
        {
          int from = side == 0 ? i0 : s1, to = side == 0 ? s0 : i1;

          for (int i = from; i < to; i++)
            {
              double dx = i + 0.5 - cx, d = sqrt (dx * dx + dy2);
              double c_o = CLAMP (ro + 0.5 - d, 0.0, cap_o);
              double c_i = ri > 0 ? CLAMP (ri + 0.5 - d, 0.0, cap_i) : 0.0;

              if (inner != NULL)
                row[i] = over (over (row[i], outer, (guint) (c_o * alpha_o + 0.5)), inner,
                               (guint) (c_i * alpha_i + 0.5));
              else
                row[i] = over (row[i], outer, (guint) ((c_o - c_i) * alpha_o + 0.5));
            }
        }
    }
}

/**
 * rex_disc_canvas_fill:
 * @canvas: a canvas set up by rex_disc_canvas_begin()
 * @x, @y: the centre, in user space
 * @outer: the radius, in user space
 * @inner: for a ring, the radius of its hole (0 for a disc)
 * @color: the colour
 *
 * Draws a disc, or a ring from @inner to @outer, over the target: the
 * pixels of cairo_arc() and cairo_fill() (even-odd for the ring), within the
 * difference of the two antialiasing methods.
 */
void
rex_disc_canvas_fill (RexDiscCanvas  *canvas,
                      double          x,
                      double          y,
                      double          outer,
                      double          inner,
                      const RexColor *color)
{
  double cx, cy, ro, ri;
  Paint paint;

  if (!canvas->direct)
    {
      cairo_t *cr = canvas->cr;

      cairo_save (cr);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, outer, 0, 2 * G_PI);
      if (inner > 0)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, inner, 0, 2 * G_PI);
        }
      cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }

  to_pixels (canvas, x, y, &cx, &cy);
  ro = outer * canvas->scale;
  ri = MAX (inner, 0) * canvas->scale;
  if (!(ro > 0) || !(ri < ro) || !isfinite (cx) || !isfinite (cy) || !paint_init (&paint, color))
    return;
  draw_discs (canvas, cx, cy, ro, ri, &paint, NULL);
}

/**
 * rex_disc_canvas_fill_edged:
 * @canvas: a canvas set up by rex_disc_canvas_begin()
 * @x, @y: the centre, in user space
 * @radius: the radius, in user space, of the middle of the edge
 * @edge: half the width of the edge
 * @edge_color: the colour of the edge
 * @color: the colour inside it
 *
 * Draws a disc of radius @radius + @edge in @edge_color and over it one of
 * @radius − @edge in @color, in one pass over the pixels.
 */
void
rex_disc_canvas_fill_edged (RexDiscCanvas  *canvas,
                            double          x,
                            double          y,
                            double          radius,
                            double          edge,
                            const RexColor *edge_color,
                            const RexColor *color)
{
  double cx, cy, ro, ri;
  Paint outer, inner;
  gboolean has_outer, has_inner;

  if (!canvas->direct)
    {
      cairo_t *cr = canvas->cr;

      cairo_new_path (cr);
      cairo_arc (cr, x, y, radius + edge, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, edge_color->r, edge_color->g, edge_color->b, edge_color->a);
      cairo_fill (cr);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, MAX (radius - edge, 0), 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
      cairo_fill (cr);
      return;
    }

  to_pixels (canvas, x, y, &cx, &cy);
  ro = (radius + edge) * canvas->scale;
  ri = (radius - edge) * canvas->scale;
  if (!(ro > 0) || !isfinite (cx) || !isfinite (cy))
    return;
  has_outer = paint_init (&outer, edge_color);
  has_inner = ri > 0 && paint_init (&inner, color);
  if (has_outer)
    draw_discs (canvas, cx, cy, ro, has_inner ? ri : 0, &outer, has_inner ? &inner : NULL);
  else if (has_inner)
    draw_discs (canvas, cx, cy, ri, 0, &inner, NULL);
}

/**
 * rex_disc_canvas_end:
 * @canvas: a canvas set up by rex_disc_canvas_begin()
 *
 * Hands the target back to cairo.
 */
void
rex_disc_canvas_end (RexDiscCanvas *canvas)
{
  if (!canvas->direct)
    return;
  cairo_surface_mark_dirty_rectangle (canvas->surface, canvas->clip_x0, canvas->clip_y0,
                                      canvas->clip_x1 - canvas->clip_x0,
                                      canvas->clip_y1 - canvas->clip_y0);
}
