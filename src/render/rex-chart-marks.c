/* rex-chart-marks.c — label placement, size and swatch legends and convex
 * hulls shared by the bubble chart and the map.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rex-chart-marks.h"

void
rex_label_placer_init (RexLabelPlacer *self,
                       const RexRect  *bounds)
{
  self->taken = g_array_new (FALSE, FALSE, sizeof (RexRect));
  self->marks = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  self->leaders = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  self->bounds = *bounds;
}

void
rex_label_placer_clear (RexLabelPlacer *self)
{
  g_clear_pointer (&self->taken, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->leaders, g_array_unref);
}

static gboolean try_rect (RexLabelPlacer *self,
                          const RexRect  *rect);

guint
rex_label_placer_add_mark (RexLabelPlacer *self,
                           double          cx,
                           double          cy,
                           double          r)
{
  double mark[3] = { cx, cy, r };

  g_array_append_vals (self->marks, mark, 1);
  return self->marks->len - 1;
}

/* How far @rect lies from the edge of the circle (cx, cy, r): negative when
 * they overlap. */
static double
rect_circle_distance (const RexRect *rect,
                      const double  *circle)
{
  double dx = MAX (MAX (rect->x - circle[0], 0), circle[0] - (rect->x + rect->w));
  double dy = MAX (MAX (rect->y - circle[1], 0), circle[1] - (rect->y + rect->h));

  return sqrt (dx * dx + dy * dy) - circle[2];
}

/* @rect covers no mark; beside its mark (@led FALSE), no other mark is
 * nearer to it than its own. A label away from its mark is tied to it by a
 * leader line, which says whose it is: it must only stay clear of the
 * marks, or a selected bubble in a crowd (Tibet among Qinghai and Ningxia)
 * would go without its name. */
static gboolean
clear_of_marks (RexLabelPlacer *self,
                guint           own,
                const RexRect  *rect,
                gboolean        led)
{
  const double *marks = (const double *) (gpointer) self->marks->data;
  double own_d = rect_circle_distance (rect, &marks[3 * own]);

  if (own_d < 0)
    return FALSE;
  for (guint j = 0; j < self->marks->len; j++)
    if (j != own && rect_circle_distance (rect, &marks[3 * j]) <= (led ? 0.5 : MAX (own_d, 0.5)))
      return FALSE;
  return TRUE;
}

/* The leader from the edge of the circle (@cx, @cy, @r) to the nearest
 * point of @label; FALSE when the label touches the circle (no leader). */
static gboolean
leader_ends (double         cx,
             double         cy,
             double         r,
             const RexRect *label,
             double        *ends)
{
  double tx = CLAMP (cx, label->x, label->x + label->w);
  double ty = CLAMP (cy, label->y, label->y + label->h);
  double d = hypot (tx - cx, ty - cy);

  if (d <= r)
    return FALSE;
  ends[0] = cx + (tx - cx) * r / d;
  ends[1] = cy + (ty - cy) * r / d;
  ends[2] = tx;
  ends[3] = ty;
  return TRUE;
}

double
rex_segment_circle_distance (const double *ends,
                             double        cx,
                             double        cy,
                             double        r)
{
  double dx = ends[2] - ends[0], dy = ends[3] - ends[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((cx - ends[0]) * dx + (cy - ends[1]) * dy) / len2, 0, 1) : 0;

  return hypot (ends[0] + t * dx - cx, ends[1] + t * dy - cy) - r;
}

/* Whether the segment @ends (x0, y0, x1, y1) passes through @rect
 * (Liang–Barsky clipping). */
static gboolean
segment_crosses_rect (const double  *ends,
                      const RexRect *rect)
{
  double dx = ends[2] - ends[0], dy = ends[3] - ends[1];
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { ends[0] - rect->x, rect->x + rect->w - ends[0], ends[1] - rect->y, rect->y + rect->h - ends[1] };
  double t0 = 0, t1 = 1;

  for (guint k = 0; k < 4; k++)
    {
      if (p[k] == 0)
        {
          if (q[k] < 0)
            return FALSE;
          continue;
        }
      if (p[k] < 0)
        t0 = MAX (t0, q[k] / p[k]);
      else
        t1 = MIN (t1, q[k] / p[k]);
    }
  return t0 < t1;
}

/* What a leader may not cross, from the strictest. */
typedef enum
{
  LEADER_ANY,     /* anything: the last resort of a selected mark's label */
  LEADER_MARKS,   /* no other mark */
  LEADER_CLEAR,   /* no other mark and no label or legend */
} LeaderRule;

/* Whether the leader @mark's label at @rect would have keeps @rule: a line
 * through a small bubble reads as that bubble's, one through a label hides
 * it. A block the mark itself lies under does not count. */
static gboolean
leader_clear (RexLabelPlacer *self,
              guint           mark,
              const RexRect  *rect,
              LeaderRule      rule)
{
  const double *marks = (const double *) (gpointer) self->marks->data;
  double ends[4];

  if (rule == LEADER_ANY || !leader_ends (marks[3 * mark], marks[3 * mark + 1], marks[3 * mark + 2], rect, ends))
    return TRUE;
  for (guint j = 0; j < self->marks->len; j++)
    if (j != mark && rex_segment_circle_distance (ends, marks[3 * j], marks[3 * j + 1], marks[3 * j + 2]) < 1.0)
      return FALSE;
  for (guint i = 0; rule == LEADER_CLEAR && i < self->taken->len; i++)
    {
      const RexRect *taken = &g_array_index (self->taken, RexRect, i);
      const double start[4] = { ends[0], ends[1], ends[0], ends[1] };

      if (segment_crosses_rect (ends, taken) && !segment_crosses_rect (start, taken))
        return FALSE;
    }
  return TRUE;
}

/* @rect covers none of the leaders placed so far. */
static gboolean
clear_of_leaders (RexLabelPlacer *self,
                  const RexRect  *rect)
{
  for (guint i = 0; i < self->leaders->len; i++)
    if (segment_crosses_rect (&g_array_index (self->leaders, double, 4 * i), rect))
      return FALSE;
  return TRUE;
}

gboolean
rex_label_placer_place_for_mark (RexLabelPlacer *self,
                                 guint           mark,
                                 double          w,
                                 double          h,
                                 gboolean        insist,
                                 RexRect        *out,
                                 gboolean       *moved)
{
  static const double dirs[][2] = {
    { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
    { 0.7071, -0.7071 }, { 0.7071, 0.7071 }, { -0.7071, -0.7071 }, { -0.7071, 0.7071 },
  };
  /* Beside the mark first; then one and two label heights away, where a
   * leader line ties the label to its mark and crosses nothing. An
   * insisting label (the selection's) with no such place looks farther, up
   * to five heights away; then lets its leader cross labels, and only as the
   * last resort marks: the selection goes named. */
  static const struct { guint first_ring, end_ring; LeaderRule rule; } passes[] = {
    { 0, 3, LEADER_CLEAR }, { 3, 6, LEADER_CLEAR }, { 1, 6, LEADER_MARKS }, { 1, 6, LEADER_ANY },
  };
  const double *m = &g_array_index (self->marks, double, 3 * mark);
  double gap = MAX (2.0, h * 0.15);

  for (guint pass = 0; pass < (insist ? G_N_ELEMENTS (passes) : 1u); pass++)
  for (guint ring = passes[pass].first_ring; ring < passes[pass].end_ring; ring++)
    for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
      /* Above and below: centred on the mark, else starting or ending at
       * it (a mark by the plot's left or right edge). */
      for (guint align = 0; align < 3; align++)
        {
          double dx = dirs[i][0], dy = dirs[i][1];
          double d = m[2] + gap + ring * h * 1.5;
          double ax = m[0] + dx * d, ay = m[1] + dy * d;
          RexRect rect;

          if (align > 0 && fabs (dx) > 0.1)
            break;
          rect.w = w;
          rect.h = h;
          rect.x = dx > 0.1 ? ax : dx < -0.1 ? ax - w : align == 0 ? ax - w / 2 : align == 1 ? ax : ax - w;
          rect.y = dy > 0.1 ? ay : dy < -0.1 ? ay - h : ay - h / 2;
          if (!clear_of_marks (self, mark, &rect, ring > 0) || !clear_of_leaders (self, &rect)
              || (ring > 0 && !leader_clear (self, mark, &rect, passes[pass].rule)) || !try_rect (self, &rect))
            continue;
          if (ring > 0)
            {
              double ends[4];

              if (leader_ends (m[0], m[1], m[2], &rect, ends))
                g_array_append_vals (self->leaders, ends, 1);
            }
          *out = rect;
          *moved = ring > 0;
          return TRUE;
        }
  return FALSE;
}

void
rex_chart_draw_leader (cairo_t             *cr,
                       const RexChartFrame *frame,
                       double               cx,
                       double               cy,
                       double               r,
                       const RexRect       *label)
{
  double ends[4];

  if (!leader_ends (cx, cy, r, label, ends))
    return;
  cairo_save (cr);
  rex_chart_set_color (cr, &frame->style->muted);
  cairo_set_line_width (cr, MAX (0.8, frame->em * 0.06));
  cairo_move_to (cr, ends[0], ends[1]);
  cairo_line_to (cr, ends[2], ends[3]);
  cairo_stroke (cr);
  cairo_restore (cr);
  rex_chart_note_leader (cr, ends);
}

void
rex_label_placer_block (RexLabelPlacer *self,
                        const RexRect  *rect)
{
  g_array_append_val (self->taken, *rect);
}

static gboolean
try_rect (RexLabelPlacer *self,
          const RexRect  *rect)
{
  if (!rex_rect_contains (&self->bounds, rect))
    return FALSE;
  for (guint i = 0; i < self->taken->len; i++)
    if (rex_rect_intersects (&g_array_index (self->taken, RexRect, i), rect))
      return FALSE;
  g_array_append_val (self->taken, *rect);
  return TRUE;
}

gboolean
rex_label_placer_place_around (RexLabelPlacer *self,
                               double          cx,
                               double          cy,
                               double          r,
                               double          w,
                               double          h,
                               RexRect        *out)
{
  /* Unit directions: right, left, above, below, then the diagonals. The
   * label's near edge touches the circle (plus a small gap). */
  static const double dirs[][2] = {
    { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
    { 0.7071, -0.7071 }, { 0.7071, 0.7071 }, { -0.7071, -0.7071 }, { -0.7071, 0.7071 },
  };
  double gap = MAX (2.0, h * 0.15);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      double dx = dirs[i][0], dy = dirs[i][1];
      double ax = cx + dx * (r + gap), ay = cy + dy * (r + gap);
      RexRect rect;

      /* Align the label box so it grows away from the circle. */
      rect.w = w;
      rect.h = h;
      rect.x = dx > 0.1 ? ax : dx < -0.1 ? ax - w : ax - w / 2;
      rect.y = dy > 0.1 ? ay : dy < -0.1 ? ay - h : ay - h / 2;
      if (try_rect (self, &rect))
        {
          if (out)
            *out = rect;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
rex_label_placer_place_at (RexLabelPlacer *self,
                           double          cx,
                           double          cy,
                           double          w,
                           double          h,
                           RexRect        *out)
{
  RexRect rect = { cx - w / 2, cy - h / 2, w, h };

  if (!try_rect (self, &rect))
    return FALSE;
  if (out)
    *out = rect;
  return TRUE;
}

static double
nice_floor (double v)
{
  double p = pow (10.0, floor (log10 (v)));
  double m = v / p;

  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

guint
rex_size_legend_values (double  max_value,
                        double  min_value,
                        double *out)
{
  guint n = 0;
  double top;

  if (!(max_value > 0) || !isfinite (max_value))
    return 0;
  top = nice_floor (max_value);
  out[n++] = top;
  /* About a quarter and a twentieth of the largest: three circles that are
   * clearly different in area. */
  if (nice_floor (top / 4) >= min_value && nice_floor (top / 4) < top)
    out[n++] = nice_floor (top / 4);
  if (nice_floor (top / 20) >= min_value && nice_floor (top / 20) < out[n - 1])
    out[n++] = nice_floor (top / 20);
  return n;
}

double
rex_chart_size_legend (cairo_t             *cr,
                       const RexChartFrame *frame,
                       double               x,
                       double               y,
                       const double        *values,
                       const double        *radii,
                       guint                n)
{
  double r_max = 0, label_x, last_label = -G_MAXDOUBLE, bottom;
  g_autoptr(PangoLayout) probe = rex_chart_role_text (frame, "0", REX_CHART_TEXT_SMALL);
  double line_h;
  RexValueFormat format;

  rex_value_format_init_round (&format, values, n, TRUE, frame->style->number_format);
  for (guint i = 0; i < n; i++)
    r_max = MAX (r_max, radii[i]);
  rex_chart_text_size (probe, NULL, &line_h);
  bottom = y + 2 * r_max;
  /* Labels sit at their circle's top unless that would touch the label
   * above; then they move down and the leader bends to them. */
  for (guint i = 0; i < n; i++)
    {
      double top = y + 2 * r_max - 2 * radii[i];
      last_label = MAX (top, last_label + line_h);
      bottom = MAX (bottom, last_label + line_h / 2);
    }
  if (cr == NULL || n == 0)
    return bottom - y;
  last_label = -G_MAXDOUBLE;

  label_x = x + 2 * r_max + frame->em * 0.6;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < n; i++)
    {
      double cx = x + r_max, cy = y + 2 * r_max - radii[i];
      double top = y + 2 * r_max - 2 * radii[i];
      g_autofree char *text = rex_value_format_print (&format, values[i]);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, text, REX_CHART_TEXT_SMALL);
      double ly = MAX (top, last_label + line_h);

      rex_chart_set_color (cr, &frame->style->muted);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, radii[i], 0, 2 * G_PI);
      cairo_stroke (cr);
      /* A leader from the circle's top to its value. */
      rex_chart_set_color (cr, &frame->style->axis);
      cairo_move_to (cr, cx, top);
      cairo_line_to (cr, x + 2 * r_max, top);
      cairo_line_to (cr, label_x - frame->em * 0.2, ly);
      cairo_stroke (cr);
      rex_chart_draw_text (cr, label, label_x, ly, 0.0, 0.5, &frame->style->muted);
      last_label = ly;
    }
  cairo_restore (cr);
  return bottom - y;
}

/* Swatch legend (square, label) flowing over lines of @width. Returns the
 * height; draws only when @cr is not NULL. */
static double
swatch_legend (cairo_t             *cr,
               const RexChartFrame *frame,
               double               x,
               double               y,
               double               width,
               const char * const  *labels,
               const RexColor      *colors,
               guint                n)
{
  double em = frame->em, cx = x, cy = y, line_h = em * 1.4;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, labels[i], REX_CHART_TEXT_LABEL);
      double w, item_w;

      /* A label wider than the legend is shortened, not drawn past its edge. */
      pango_layout_set_width (label, (int) (MAX (width - em * 1.1, em) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      rex_chart_text_size (label, &w, NULL);
      item_w = em * 1.1 + w;
      if (cx > x && cx + item_w > x + width)
        {
          cx = x;
          cy += line_h;
        }
      if (cr != NULL)
        {
          rex_chart_set_color (cr, &colors[i]);
          cairo_rectangle (cr, cx, cy + em * 0.15, em * 0.8, em * 0.8);
          cairo_fill (cr);
          rex_chart_draw_text (cr, label, cx + em * 1.1, cy + em * 0.55, 0, 0.5,
                               &frame->style->foreground);
        }
      cx += item_w + em * 1.1;
    }
  return n > 0 ? cy - y + line_h : 0;
}

double
rex_chart_color_legend (RexChart            *chart,
                        cairo_t             *cr,
                        const RexChartFrame *frame,
                        double               x,
                        double               y,
                        double               width)
{
  guint n;
  const RexColorKeyEntry *key = rex_chart_get_color_key (chart, &n);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree RexColor *colors = g_new0 (RexColor, n + 1);

  for (guint i = 0; i < n; i++)
    {
      labels[i] = key[i].label;
      colors[i] = frame->style->palette[key[i].palette];
    }
  return swatch_legend (cr, frame, x, y, width, labels, colors, n);
}

static int
compare_points (const void *a,
                const void *b)
{
  const double *pa = a, *pb = b;

  if (pa[0] != pb[0])
    return pa[0] < pb[0] ? -1 : 1;
  if (pa[1] != pb[1])
    return pa[1] < pb[1] ? -1 : 1;
  return 0;
}

static double
cross (const double *o,
       const double *a,
       const double *b)
{
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

guint
rex_convex_hull (double *xy,
                 guint   n)
{
  g_autofree double *hull = NULL;
  guint k = 0;

  if (n < 3)
    return n;
  qsort (xy, n, 2 * sizeof (double), compare_points);
  hull = g_new (double, 4 * n);
  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && cross (&hull[2 * (k - 2)], &hull[2 * (k - 1)], &xy[2 * i]) <= 0)
        k--;
      hull[2 * k] = xy[2 * i];
      hull[2 * k + 1] = xy[2 * i + 1];
      k++;
    }
  for (guint i = n - 1, t = k + 1; i-- > 0;)
    {
      while (k >= t && cross (&hull[2 * (k - 2)], &hull[2 * (k - 1)], &xy[2 * i]) <= 0)
        k--;
      hull[2 * k] = xy[2 * i];
      hull[2 * k + 1] = xy[2 * i + 1];
      k++;
    }
  k--;  /* the last point repeats the first */
  memcpy (xy, hull, 2 * k * sizeof (double));
  return k;
}

gboolean
rex_point_in_polygon (const double *xy,
                      guint         n,
                      double        x,
                      double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}
