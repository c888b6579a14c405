/* rex-chart-bubbles.c — bubbles: one metric against another for one year,
 * bubble area proportional to a third (population by default), colour by
 * group, linear or log axes, and the states between two years for the
 * animation (values interpolated linearly, marked as such on the chart).
 *
 * Axes and the size scale span every year of the metrics, not only the one
 * drawn, so an animation keeps still axes and comparable bubble sizes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rex-chart-marks.h"
#include "rex-disc.h"
#include "rex-fit.h"

/* Labels for at most this many unselected bubbles (the largest), so a dense
 * chart stays readable and thousands of regions do not cost a layout each. */
#define MAX_AUTO_LABELS 14
/* Above this many bubbles the chart is drawn for density, not detail. */
#define DENSE_BUBBLES 300
/* Trails for at most this many selected regions (the largest): each adds a
 * mark a year that every label is tried against. */
#define MAX_TRAILS 50

typedef struct
{
  RexRegion *region;
  double     x, y;
  double     size;       /* NaN: no size value */
  int        group;      /* entry of the chart's colour key, -1 when plain */
  gboolean   selected;
  gboolean   marked;     /* x or y estimated, derived or qualified: hollow */
  double     fade;       /* 1; less while a series starts or ends between two years */
  /* layout */
  double     px, py, r;
} Bubble;

/* A selected region's state in a whole year before the one drawn. */
typedef struct
{
  int      year;
  double   x, y;
  gboolean joined;   /* the year before is on the trail too: a line leads here */
  gboolean marked;   /* x or y estimated, derived or qualified: hollow */
  /* layout */
  double   px, py;
} TrailPoint;

/* A point of a trail that is an item of the chart (hover, keyboard, screen
 * readers): items past the bubbles' are these, in order. */
typedef struct
{
  guint trail, point;
} TrailItem;

/* The path of a selected region's bubble through the years before. */
typedef struct
{
  guint        bubble;    /* where the trail ends */
  GArray      *points;    /* TrailPoint, oldest first */
  gboolean     joined;    /* the last point is the year before the bubble's state */
  /* layout */
  guint        first_mark;  /* the first point's mark in the label placer */
} Trail;

typedef struct
{
  PangoLayout     *layout;
  RexRect          rect;
  guint            bubble;
  gboolean         moved;            /* away from its bubble: a leader ties them */
  gboolean         year;             /* a trail's first year, not a name */
  /* The halo, kept as a mask in the target's pixels for the transform it
   * was made for (image targets only). */
  cairo_surface_t *halo;
  int              halo_x, halo_y;   /* its top left, in target pixels */
  double           halo_key[4];      /* scale, ox, oy, line width */
} BubbleLabel;

typedef struct
{
  RexMetric  *x_metric;
  RexMetric  *y_metric;
  RexMetric  *size_metric;   /* NULL: equal sizes */
  int         year;
  double      fraction;      /* 0: the year itself */
  char       *year_label;    /* "2024", "2023.5" */
  char       *watermark;     /* the whole year, as the slider shows it while playing */
  GArray     *bubbles;       /* Bubble, largest first: the drawing order */
  GPtrArray  *missing;       /* RexRegion*: no X or Y */
  GPtrArray  *skipped;       /* RexRegion*: not positive on a log axis */
  GPtrArray  *no_size;       /* RexRegion*: drawn as a dashed outline */
  GPtrArray  *zero_size;     /* RexRegion*: a size of 0 or less, also dashed */
  GArray     *trails;        /* Trail */
  gboolean    trails_cut;    /* more regions selected than MAX_TRAILS */
  GArray     *trail_items;   /* TrailItem: the chart's items after the bubbles' */
  gboolean    color_legend;  /* colouring by group */
  gboolean    any_marked;    /* a hollow bubble, and so the key of hollow marks */
  gboolean    has_selection;
  double      x_lo, x_hi, y_lo, y_hi, size_max;
  char       *note;
  gboolean    has_fit;       /* spec->fit and a line was fitted: @fit */
  RexFitStatus fit_status;   /* with spec->fit: why there is no line, if none */
  RexFit      fit;

  /* layout */
  double      legend_h;
  RexScale   *xs;
  RexScale   *ys;
  RexBox      plot;          /* y0 top, y1 bottom */
  double      r_max, r_min;
  double      dot_r;         /* a trail's points */
  double      col_x, col_w;
  GArray     *labels;        /* BubbleLabel */
  double      ref_values[3];
  double      ref_radii[3];
  guint       n_refs;
  PangoLayout *size_title;
  PangoLayout *fit_key;      /* the fit line's key and its correlation */
  PangoLayout *note_layout;
} Bubbles;

static void
clear_labels (Bubbles *b)
{
  for (guint i = 0; b->labels && i < b->labels->len; i++)
    {
      BubbleLabel *label = &g_array_index (b->labels, BubbleLabel, i);

      g_object_unref (label->layout);
      g_clear_pointer (&label->halo, cairo_surface_destroy);
    }
  if (b->labels)
    g_array_set_size (b->labels, 0);
}

static void
trail_clear (gpointer data)
{
  Trail *trail = data;

  g_array_unref (trail->points);
}

static void
bubbles_free (gpointer data)
{
  Bubbles *b = data;

  clear_labels (b);
  g_array_unref (b->trails);
  g_array_unref (b->trail_items);
  g_clear_pointer (&b->labels, g_array_unref);
  g_array_unref (b->bubbles);
  g_ptr_array_unref (b->missing);
  g_ptr_array_unref (b->skipped);
  g_ptr_array_unref (b->no_size);
  g_ptr_array_unref (b->zero_size);
  g_clear_pointer (&b->xs, rex_scale_free);
  g_clear_pointer (&b->ys, rex_scale_free);
  g_clear_object (&b->size_title);
  g_clear_object (&b->fit_key);
  g_clear_object (&b->note_layout);
  g_free (b->year_label);
  g_free (b->watermark);
  g_free (b->note);
  g_free (b);
}

/* The value at year + fraction: linear between two data years, only where
 * both exist; never carried over from another year. */
static gboolean
value_at (RexRegion  *region,
          RexMetric  *metric,
          int         year,
          double      fraction,
          double     *out)
{
  const char *id = rex_metric_get_id (metric);
  double a, b;

  if (!rex_region_get_value (region, id, year, &a))
    return FALSE;
  if (fraction == 0)
    {
      *out = a;
      return TRUE;
    }
  if (!rex_region_get_value (region, id, year + 1, &b))
    return FALSE;
  /* Weighted, not a + (b - a) * fraction: b - a overflows when a and b are
   * near the largest double with opposite signs. */
  *out = a * (1 - fraction) + b * fraction;
  return TRUE;
}

/* As value_at(), and between two years also for a series that starts or
 * ends there: it stays at its one real value and fades in or out, lowering
 * @fade (1 when both years have values). Never a value invented between
 * a real one and a missing one. */
static gboolean
value_or_end (RexRegion *region,
              RexMetric *metric,
              int        year,
              double     fraction,
              double    *out,
              double    *fade)
{
  const char *id = rex_metric_get_id (metric);
  double a, b;
  gboolean has_a, has_b;

  if (value_at (region, metric, year, fraction, out))
    return TRUE;
  if (fraction == 0)
    return FALSE;
  has_a = rex_region_get_value (region, id, year, &a);
  has_b = rex_region_get_value (region, id, year + 1, &b);
  if (has_a == has_b)
    return FALSE;
  *out = has_a ? a : b;
  *fade = MIN (*fade, has_a ? 1 - fraction : fraction);
  return TRUE;
}

static void
add_sources (RexChart  *chart,
             RexRegion *region,
             RexMetric *metric,
             int        year,
             double     fraction)
{
  rex_chart_add_value_source (chart, region, rex_metric_get_id (metric), year);
  if (fraction > 0)
    rex_chart_add_value_source (chart, region, rex_metric_get_id (metric), year + 1);
}

/* Extent of a metric over every year of @regions (positive values only for a
 * log axis). */
static void
metric_extent (RexMetric *metric,
               GPtrArray *regions,
               gboolean   positive,
               double    *lo,
               double    *hi)
{
  const char *id = rex_metric_get_id (metric);

  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; i < regions->len; i++)
    {
      RexSeries *series = rex_region_get_series (regions->pdata[i], id);
      double l, h;

      if (series != NULL && rex_series_get_extent (series, positive, &l, &h))
        {
          *lo = MIN (*lo, l);
          *hi = MAX (*hi, h);
        }
    }
}

/* The years in which @region may have both metrics: an undated value (land
 * area) holds in every year, so they are all those that either metric
 * dates, not only those both do. FALSE when it lacks one of them or
 * neither is dated. */
static gboolean
region_years (RexRegion *region,
              RexMetric *xm,
              RexMetric *ym,
              int       *first,
              int       *last)
{
  RexSeries *series[] = { rex_region_get_series (region, rex_metric_get_id (xm)),
                          rex_region_get_series (region, rex_metric_get_id (ym)) };
  int f, l;

  *first = G_MAXINT;
  *last = G_MININT;
  if (series[0] == NULL || series[1] == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (series); k++)
    if (rex_series_get_year_range (series[k], &f, &l))
      {
        *first = MIN (*first, f);
        *last = MAX (*last, l);
      }
  return *first <= *last;
}

/* The latest year in which some region has both metrics. */
static int
latest_common_year (GPtrArray *regions,
                    RexMetric *xm,
                    RexMetric *ym)
{
  int best = 0;

  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];
      int first, last;
      double v;

      if (!region_years (region, xm, ym, &first, &last))
        continue;
      for (int y = last; y >= first && y > best; y--)
        if (value_at (region, xm, y, 0, &v) && value_at (region, ym, y, 0, &v))
          {
            best = y;
            break;
          }
    }
  return best;
}

static int
compare_bubbles (gconstpointer a,
                 gconstpointer b)
{
  const Bubble *ba = a, *bb = b;
  gboolean na = isnan (ba->size), nb = isnan (bb->size);

  /* The selection on top; then largest first, hollow (unknown size) last so
   * small ones stay visible. */
  if (ba->selected != bb->selected)
    return ba->selected - bb->selected;
  if (na || nb)
    {
      if (na != nb)
        return na - nb;
    }
  else if (ba->size != bb->size)
    return ba->size < bb->size ? 1 : -1;
  return g_strcmp0 (rex_region_get_id (ba->region), rex_region_get_id (bb->region));
}

static char *
format_year (int    year,
             double fraction)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (fraction == 0)
    return rex_format_year (year);
  g_ascii_formatd (buf, sizeof buf, "%.2f", year + fraction);
  end = buf + strlen (buf) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_strdup (buf);
}

/* Whether the value drawn for @year (+ @fraction) rests on an estimated,
 * derived or qualified figure. */
static gboolean
value_marked (RexRegion *region,
              RexMetric *metric,
              int        year,
              double     fraction)
{
  const char *id = rex_metric_get_id (metric);

  return rex_chart_datum_is_marked (rex_chart_get_datum (region, id, year))
         || (fraction > 0 && rex_chart_datum_is_marked (rex_chart_get_datum (region, id, year + 1)));
}

/* The metrics of the axes and of the size (the spec's, else population),
 * with an actionable error when one is missing or the fraction is wrong. */
static gboolean
require_metrics (RexChart   *chart,
                 RexMetric **xm,
                 RexMetric **ym,
                 RexMetric **sm,
                 GError    **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  double fraction = spec->year_fraction;

  *xm = rex_chart_require_metric (chart, spec->x_metric, _("a metric for the horizontal axis (--x-metric)"), error);
  if (*xm == NULL)
    return FALSE;
  *ym = rex_chart_require_metric (chart, spec->y_metric, _("a metric for the vertical axis (--y-metric)"), error);
  if (*ym == NULL)
    return FALSE;
  if (spec->size_metric != NULL)
    {
      *sm = rex_chart_require_metric (chart, spec->size_metric, _("a size metric (--size-metric)"), error);
      if (*sm == NULL)
        return FALSE;
    }
  else
    *sm = rex_dataset_lookup_metric (rex_chart_get_dataset (chart), "population");
  if (!(fraction >= 0 && fraction <= 1))
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("The year fraction must lie between 0 and 1, not %g"), fraction);
      return FALSE;
    }
  return TRUE;
}

/* A bubble for each region with both values in the year drawn; the others
 * listed by why they are not drawn. */
static void
collect_bubbles (RexChart  *chart,
                 Bubbles   *b,
                 GPtrArray *regions)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexMetric *xm = b->x_metric, *ym = b->y_metric, *sm = b->size_metric;
  int year = b->year;
  double fraction = b->fraction;

  for (guint i = 0; i < regions->len && year != 0; i++)
    {
      RexRegion *region = regions->pdata[i];
      Bubble bubble = { region, NAN, NAN, NAN, -1, FALSE, FALSE, 1.0, 0, 0, 0 };

      if (!value_or_end (region, xm, year, fraction, &bubble.x, &bubble.fade)
          || !value_or_end (region, ym, year, fraction, &bubble.y, &bubble.fade))
        {
          g_ptr_array_add (b->missing, region);
          continue;
        }
      if ((spec->log_x && !(bubble.x > 0)) || (spec->log_y && !(bubble.y > 0)))
        {
          g_ptr_array_add (b->skipped, region);
          continue;
        }
      if (sm != NULL)
        {
          gboolean known = value_or_end (region, sm, year, fraction, &bubble.size, &bubble.fade);

          if (known && bubble.size > 0)
            add_sources (chart, region, sm, year, fraction);
          else
            {
              /* A size of 0 is known, not missing: the note says which. */
              if (known)
                add_sources (chart, region, sm, year, fraction);
              g_ptr_array_add (known ? b->zero_size : b->no_size, region);
              bubble.size = NAN;
            }
        }
      add_sources (chart, region, xm, year, fraction);
      add_sources (chart, region, ym, year, fraction);
      bubble.marked = value_marked (region, xm, year, fraction) || value_marked (region, ym, year, fraction);
      b->any_marked |= bubble.marked;
      bubble.selected = rex_chart_spec_has_region (spec, rex_region_get_id (region));
      b->has_selection |= bubble.selected;
      g_array_append_val (b->bubbles, bubble);
    }
  if (b->color_legend)
    {
      /* The key covers the bubbles drawn, so every colour in it is used. */
      g_autoptr(GPtrArray) drawn = g_ptr_array_new ();

      for (guint i = 0; i < b->bubbles->len; i++)
        g_ptr_array_add (drawn, g_array_index (b->bubbles, Bubble, i).region);
      rex_chart_build_color_key (chart, drawn);
      for (guint i = 0; i < b->bubbles->len; i++)
        {
          Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);
          bubble->group = rex_chart_region_color_entry (chart, bubble->region);
        }
    }
  g_array_sort (b->bubbles, compare_bubbles);
}

/* A trail for each selected bubble: the region's state in every whole year
 * before the one drawn in which it has both values (on a log axis, both
 * positive), a year without them a gap in the line. */
static void
collect_trails (RexChart *chart,
                Bubbles  *b)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexMetric *xm = b->x_metric, *ym = b->y_metric;
  int before = b->fraction > 0 ? b->year : b->year - 1;

  for (guint i = 0; spec->trails && i < b->bubbles->len; i++)
    {
      RexRegion *region = g_array_index (b->bubbles, Bubble, i).region;
      Trail trail = { i, NULL, FALSE, 0 };
      const TrailPoint *last = NULL;
      int first, end;

      if (!g_array_index (b->bubbles, Bubble, i).selected || !region_years (region, xm, ym, &first, &end))
        continue;
      if (b->trails->len == MAX_TRAILS)
        {
          b->trails_cut = TRUE;
          break;
        }
      trail.points = g_array_new (FALSE, TRUE, sizeof (TrailPoint));
      for (int year = first; year <= MIN (end, before); year++)
        {
          TrailPoint point = { year, NAN, NAN, FALSE, FALSE, 0, 0 };

          if (!value_at (region, xm, year, 0, &point.x) || !value_at (region, ym, year, 0, &point.y)
              || (spec->log_x && !(point.x > 0)) || (spec->log_y && !(point.y > 0)))
            continue;
          point.joined = last != NULL && last->year == year - 1;
          point.marked = value_marked (region, xm, year, 0) || value_marked (region, ym, year, 0);
          add_sources (chart, region, xm, year, 0);
          add_sources (chart, region, ym, year, 0);
          g_array_append_val (trail.points, point);
          last = &g_array_index (trail.points, TrailPoint, trail.points->len - 1);
        }
      if (last == NULL)
        {
          g_array_unref (trail.points);
          continue;
        }
      trail.joined = last->year == before;
      g_array_append_val (b->trails, trail);
    }
}

/* The least-squares line through the bubbles of the year drawn, each
 * region once, on the axes' scales. */
static void
fit_bubbles (Bubbles            *b,
             const RexChartSpec *spec)
{
  guint n = b->bubbles->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      x[i] = g_array_index (b->bubbles, Bubble, i).x;
      y[i] = g_array_index (b->bubbles, Bubble, i).y;
    }
  b->fit_status = rex_fit_compute (x, y, n, spec->log_x, spec->log_y, &b->fit);
  b->has_fit = b->fit_status == REX_FIT_OK;
}

/* Why a chart asked for a fit line has none. */
static const char *
no_fit_reason (RexFitStatus status)
{
  switch (status)
    {
    case REX_FIT_TOO_FEW:
      /* Translators: note on a bubble chart asked for a fit line */
      return _("No fit line: it takes three regions or more.");
    case REX_FIT_SAME_X:
      /* Translators: note on a bubble chart asked for a fit line */
      return _("No fit line: every region has the same horizontal value.");
    case REX_FIT_SAME_Y:
      /* Translators: note on a bubble chart asked for a fit line */
      return _("No fit line: every region has the same vertical value.");
    case REX_FIT_OVERFLOW:
      /* Translators: note on a bubble chart asked for a fit line */
      return _("No fit line: the values are too large to fit.");
    case REX_FIT_OK:
    default:
      return NULL;
    }
}

/* "r = 0.93, R² = 0.87 over 31 regions", and the scale fitted on where an
 * axis is logarithmic. */
static char *
fit_summary (const Bubbles *b)
{
  g_autofree char *r = rex_format_number (b->fit.r, 2);
  g_autofree char *r2 = rex_format_number (b->fit.r * b->fit.r, 2);
  GString *text = g_string_new (NULL);

  /* Translators: the correlation of a bubble chart's fit line: "r = 0.93, R² = 0.87 over 31 regions" */
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "r = %s, R² = %s over %u region",
                                      "r = %s, R² = %s over %u regions", b->fit.n),
                   r, r2, b->fit.n);
  if (b->fit.log_x || b->fit.log_y)
    g_string_append_printf (text, "%s%s", C_("item name", ", "),
                            b->fit.log_x && b->fit.log_y
                            /* Translators: how a fit line was fitted on log axes */
                            ? _("fitted on both log scales")
                            : b->fit.log_x ? _("fitted on the horizontal log scale")
                                           : _("fitted on the vertical log scale"));
  return g_string_free (text, FALSE);
}

/* The note under the chart, the titles, and the message of a chart without
 * a bubble. */
static void
set_titles (RexChart *chart,
            Bubbles  *b)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  const char *x_name = rex_metric_get_display_name (b->x_metric);
  const char *y_name = rex_metric_get_display_name (b->y_metric);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;

  /* Translators: lead of the list of regions a bubble chart cannot place */
  rex_chart_append_names (note, _("No data:"), b->missing);
  /* Translators: lead of the list of regions left off a log axis */
  rex_chart_append_names (note, _("Not on the log scale (zero or negative):"), b->skipped);
  /* Translators: lead of the list of regions drawn as dashed outlines */
  rex_chart_append_names (note, _("Size unknown (dashed outline):"), b->no_size);
  /* Translators: lead of the list of regions whose size value is 0 or negative, drawn as dashed outlines */
  rex_chart_append_names (note, _("Size 0 or less (dashed outline):"), b->zero_size);
  if (spec->trails && !b->has_selection && b->bubbles->len > 0)
    {
      if (note->len > 0)
        g_string_append (note, "\n");
      /* Translators: note on a bubble chart with trails on and no region selected */
      g_string_append (note, _("Trails: select regions to draw their paths."));
    }
  if (spec->fit && b->bubbles->len > 0 && !b->has_fit)
    {
      if (note->len > 0)
        g_string_append (note, "\n");
      g_string_append (note, no_fit_reason (b->fit_status));
    }
  if (b->trails_cut)
    {
      if (note->len > 0)
        g_string_append (note, "\n");
      /* Translators: note on a bubble chart when more regions are selected than get trails */
      g_string_append_printf (note, _("Trails for the %d largest selected regions only."), MAX_TRAILS);
    }
  b->note = note->len > 0 ? g_strdup (note->str) : NULL;

  /* Translators: bubble chart title: "GDP vs. Population" (vertical metric first) */
  title = g_strdup_printf (_("%s vs. %s"), y_name, x_name);
  if (b->fraction > 0)
    {
      g_autofree char *from = rex_format_year (b->year);
      g_autofree char *to = rex_format_year (b->year + 1);

      /* Translators: "2023.5 — interpolated between 2023 and 2024" */
      when = g_strdup_printf (_("%s — interpolated between %s and %s"), b->year_label, from, to);
    }
  else
    when = g_strdup (b->year_label);
  if (b->size_metric != NULL)
    /* Translators: bubble chart subtitle: region kind, year, what sets bubble size */
    subtitle = g_strdup_printf (_("%s · %s · bubble area: %s"),
                                rex_region_kind_get_label (spec->region_kind), when,
                                rex_metric_get_display_name (b->size_metric));
  else
    subtitle = g_strdup_printf (_("%s · %s"), rex_region_kind_get_label (spec->region_kind), when);
  rex_chart_set_titles (chart, title, subtitle);

  if (b->bubbles->len == 0)
    {
      g_autofree char *message = NULL;

      if (b->skipped->len > 0)
        message = g_strdup_printf (_("No region has positive values of %s and %s in %s for log axes. "
                                     "Use linear axes."), x_name, y_name, b->year_label);
      else if (b->year != 0)
        /* Translators: empty bubble chart: "No region has both Population and GDP in 2019. …" */
        message = g_strdup_printf (_("No region has both %s and %s in %s. Choose another year or metrics."),
                                   x_name, y_name, b->fraction > 0 ? when : b->year_label);
      else
        message = g_strdup_printf (_("No region has both %s and %s in any year. Choose other metrics."),
                                   x_name, y_name);
      rex_chart_set_empty (chart, message);
    }
}

static gpointer
bubbles_prepare (RexChart  *chart,
                 GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  g_autoptr(GPtrArray) regions = NULL;
  RexMetric *xm, *ym, *sm;
  Bubbles *b;
  double fraction = spec->year_fraction;
  int year;

  if (!require_metrics (chart, &xm, &ym, &sm, error))
    return NULL;
  regions = rex_chart_get_spec_regions (chart);
  year = spec->year != 0 ? spec->year : latest_common_year (regions, xm, ym);
  if (fraction >= 1)
    {
      year++;
      fraction = 0;
    }

  b = g_new0 (Bubbles, 1);
  b->x_metric = xm;
  b->y_metric = ym;
  b->size_metric = sm;
  b->year = year;
  b->fraction = fraction;
  b->year_label = format_year (year, fraction);
  /* The year the slider shows, until the next is reached. */
  b->watermark = rex_format_year (year);
  b->bubbles = g_array_new (FALSE, TRUE, sizeof (Bubble));
  b->missing = g_ptr_array_new ();
  b->skipped = g_ptr_array_new ();
  b->no_size = g_ptr_array_new ();
  b->zero_size = g_ptr_array_new ();
  b->trails = g_array_new (FALSE, TRUE, sizeof (Trail));
  g_array_set_clear_func (b->trails, trail_clear);
  b->trail_items = g_array_new (FALSE, FALSE, sizeof (TrailItem));
  b->labels = g_array_new (FALSE, TRUE, sizeof (BubbleLabel));
  b->color_legend = spec->color_by != REX_COLOR_BY_NONE;

  metric_extent (xm, regions, spec->log_x, &b->x_lo, &b->x_hi);
  metric_extent (ym, regions, spec->log_y, &b->y_lo, &b->y_hi);
  if (sm != NULL)
    {
      double lo;
      metric_extent (sm, regions, TRUE, &lo, &b->size_max);
    }
  collect_bubbles (chart, b, regions);
  collect_trails (chart, b);
  if (spec->fit)
    fit_bubbles (b, spec);
  set_titles (chart, b);
  return b;
}

static double
bubbles_legend_height (RexChart            *chart,
                       gpointer             data,
                       const RexChartFrame *frame)
{
  Bubbles *b = data;

  b->legend_h = 0;
  if (b->bubbles->len == 0)
    return 0;
  if (b->color_legend)
    b->legend_h = rex_chart_color_legend (chart, NULL, frame, frame->x, 0, frame->w) + frame->em * 0.6;
  /* The key of hollow bubbles on a line of its own. */
  if (b->any_marked)
    b->legend_h += frame->em * 1.5;
  return b->legend_h;
}

/* Tick labels in one format, chosen from the metric's extent over all
 * years, so that they do not change while the years play. */
static void
label_axis (RexScale        *scale,
            RexMetric       *metric,
            double           lo,
            double           hi,
            RexNumberFormat  number_format)
{
  RexValueFormat format;
  double extent[2] = { lo, hi };

  rex_value_format_init (&format, extent, 2, rex_metric_get_decimals (metric), FALSE, number_format);
  rex_value_format_label_scale (&format, scale);
}

/* A scale over [lo, hi] that leaves room for a bubble of @pad units at either
 * end of an axis @length units long. */
static RexScale *
padded_scale (double          lo,
              double          hi,
              gboolean        log_axis,
              double          pad,
              double          length,
              int             n_ticks,
              RexNumberFormat number_format)
{
  double f = pad / MAX (length - 2 * pad, 1.0);
  RexScale *scale;

  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = log_axis ? 1 : 0;
      hi = log_axis ? 10 : 1;
    }
  if (log_axis)
    {
      double l0 = log10 (lo), l1 = log10 (hi), d, bottom, top;

      if (l1 - l0 < 1e-9)
        {
          l0 -= 0.3;
          l1 += 0.3;
        }
      /* The padding for the bubbles' radius stays within what a double
       * holds: past 1.8e308 the whole scale was infinite, and nothing was
       * drawn. */
      d = (l1 - l0) * f;
      bottom = MAX (pow (10, l0 - d), G_MINDOUBLE);
      top = pow (10, l1 + d);
      top = isfinite (top) ? top : G_MAXDOUBLE;
      scale = rex_scale_new_log (bottom, top, TRUE, number_format);
      rex_chart_fit_log_scale (scale, bottom, top);
      return scale;
    }
  if (hi - lo < 1e-12 * MAX (fabs (hi), 1))
    {
      double w = MAX (fabs (lo) * 0.1, 1);
      lo -= w;
      hi += w;
    }
  /* Counts and amounts that cannot be negative keep their axis at zero: a
   * "-2,000 persons" tick would be nonsense. */
  return rex_scale_new_linear (lo >= 0 ? MAX (0, lo - (hi - lo) * f) : lo - (hi - lo) * f,
                               hi + (hi - lo) * f, n_ticks, FALSE, TRUE, number_format);
}

static double
bubble_radius (const Bubbles *b,
               double         size)
{
  if (b->size_metric == NULL)
    return b->r_max * 0.3;
  if (isnan (size))
    return b->r_min * 2;
  /* Area proportional to size; the minimum keeps the smallest visible. */
  return MAX (b->r_min, b->r_max * sqrt (size / b->size_max));
}

static int
compare_room (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const double *room = data;
  double x = room[*(const guint *) a], y = room[*(const guint *) b];

  return x > y ? -1 : x < y ? 1 : 0;
}

/* Which cell of a grid of @cells × @cells over the plot (y0 top) the
 * point (@x, @y) is in, as column and row; points outside the plot are in
 * the nearest border cell. */
static void
grid_cell (const Bubbles *b,
           guint          cells,
           double         x,
           double         y,
           int           *col,
           int           *row)
{
  double fx = (x - b->plot.x0) / MAX (b->plot.x1 - b->plot.x0, 1.0);
  double fy = (y - b->plot.y0) / MAX (b->plot.y1 - b->plot.y0, 1.0);

  *col = (int) CLAMP (fx * cells, 0, cells - 1);
  *row = (int) CLAMP (fy * cells, 0, cells - 1);
}

/* For each bubble, the distance from its centre to the nearest edge of
 * another (G_MAXDOUBLE when it is alone). Measured against every other
 * bubble, this was 9 million distances at 3,000 regions and 900 million
 * (15 s) at 30,000; the bubbles are put in a grid of about one a cell, and
 * each looks through the cells around it ring by ring, until no cell
 * farther out can hold a nearer edge. The result is the same. */
static double *
nearest_edges (const Bubbles *b)
{
  guint n = b->bubbles->len;
  guint cells = MAX (1, (guint) ceil (sqrt (n)));
  double cell_w = MAX (b->plot.x1 - b->plot.x0, 1.0) / cells;
  double cell_h = MAX (b->plot.y1 - b->plot.y0, 1.0) / cells;
  double r_max = 0;
  double *nearest = g_new (double, n);
  g_autofree int *head = g_new (int, cells * cells);
  g_autofree int *next = g_new (int, MAX (n, 1));

  for (guint c = 0; c < cells * cells; c++)
    head[c] = -1;
  for (guint i = 0; i < n; i++)
    {
      const Bubble *p = &g_array_index (b->bubbles, Bubble, i);
      int col, row;

      grid_cell (b, cells, p->px, p->py, &col, &row);
      next[i] = head[row * cells + col];
      head[row * cells + col] = (int) i;
      r_max = MAX (r_max, p->r);
    }
  for (guint i = 0; i < n; i++)
    {
      const Bubble *p = &g_array_index (b->bubbles, Bubble, i);
      int col, row;

      nearest[i] = G_MAXDOUBLE;
      grid_cell (b, cells, p->px, p->py, &col, &row);
      for (int ring = 0; ring <= (int) cells; ring++)
        {
          /* A point of this ring's cells, or of any farther out, lies at
           * least ring - 1 cells away: its bubble's edge no nearer than
           * that less the largest radius. (Points off the plot are in
           * its border cells: moving both points onto the plot brings
           * them no farther apart.) */
          if (ring > 1 && (ring - 1) * MIN (cell_w, cell_h) - r_max > nearest[i])
            break;
          for (int dy = -ring; dy <= ring; dy++)
            for (int dx = -ring; dx <= ring; dx++)
              {
                int c = col + dx, r = row + dy;

                if ((ABS (dx) != ring && ABS (dy) != ring) || c < 0 || r < 0 || c >= (int) cells || r >= (int) cells)
                  continue;
                for (int j = head[r * cells + c]; j >= 0; j = next[j])
                  if ((guint) j != i)
                    {
                      const Bubble *q = &g_array_index (b->bubbles, Bubble, j);
                      nearest[i] = MIN (nearest[i], hypot (p->px - q->px, p->py - q->py) - q->r);
                    }
              }
        }
    }
  return nearest;
}

/* Bubbles in the order their labels are placed: the most isolated (by the
 * room around them, bubble radius included) first, so outliers keep
 * their names. */
static GArray *
label_order (const Bubbles *b)
{
  guint n = b->bubbles->len;
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autofree double *room = nearest_edges (b);

  for (guint i = 0; i < n; i++)
    {
      room[i] += g_array_index (b->bubbles, Bubble, i).r;
      g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_room, room);
  return order;
}

/* The scales and the plot's extent: the vertical axis's labels set the
 * left edge, the right column the right one. */
static void
layout_axes (Bubbles             *b,
             const RexChartSpec  *spec,
             const RexChartFrame *frame)
{
  double em = frame->em, label_w = 0, top, bottom;

  /* Room for the vertical axis title above the top tick's label. */
  top = frame->y + em * 1.8;
  bottom = frame->y + frame->h - em * 3.2;
  g_clear_pointer (&b->ys, rex_scale_free);
  b->ys = padded_scale (b->y_lo, b->y_hi, spec->log_y, b->r_max, bottom - top,
                        MAX (2, (int) ((bottom - top) / (em * 4))), frame->style->number_format);
  label_axis (b->ys, b->y_metric, b->y_lo, b->y_hi, frame->style->number_format);
  for (guint i = 0; i < b->ys->ticks->len; i++)
    {
      g_autoptr(PangoLayout) l = rex_chart_role_text (frame, g_array_index (b->ys->ticks, RexTick, i).label,
                                                      REX_CHART_TEXT_LABEL);
      double w;
      rex_chart_text_size (l, &w, NULL);
      label_w = MAX (label_w, w);
    }
  b->plot.x0 = frame->x + label_w + em * 0.6;
  b->plot.x1 = b->col_x - em * 1.5;
  b->plot.y0 = top;
  b->plot.y1 = bottom;
  g_clear_pointer (&b->xs, rex_scale_free);
  b->xs = padded_scale (b->x_lo, b->x_hi, spec->log_x, b->r_max, b->plot.x1 - b->plot.x0,
                        MAX (2, (int) ((b->plot.x1 - b->plot.x0) / (em * 7))), frame->style->number_format);
  label_axis (b->xs, b->x_metric, b->x_lo, b->x_hi, frame->style->number_format);
}

/* The fit line's swatch in its key, with the gap after it. */
static double
fit_swatch_width (const RexChartFrame *frame)
{
  return frame->em * 2.2;
}

/* The size legend, the fit line's key and the notes in the right column,
 * measured once here. */
static void
layout_column (Bubbles             *b,
               const RexChartFrame *frame)
{
  g_autofree char *size_title = NULL;
  double note_h = 0;

  g_clear_object (&b->size_title);
  g_clear_object (&b->note_layout);
  b->n_refs = 0;
  if (b->size_metric != NULL && b->size_max > 0)
    {
      double min_value = b->size_max * (b->r_min / b->r_max) * (b->r_min / b->r_max) * 4;

      b->n_refs = rex_size_legend_values (b->size_max, min_value, b->ref_values);
      for (guint i = 0; i < b->n_refs; i++)
        b->ref_radii[i] = bubble_radius (b, b->ref_values[i]);
      /* Translators: size legend title: "Bubble area: Population (10,000 persons)" */
      size_title = g_strdup_printf (_("Bubble area: %s (%s)"), rex_metric_get_display_name (b->size_metric),
                                    rex_metric_get_display_unit (b->size_metric));
      b->size_title = rex_chart_text (frame, size_title, 0.8, PANGO_WEIGHT_BOLD);
      pango_layout_set_width (b->size_title, (int) (b->col_w * PANGO_SCALE));
      pango_layout_set_wrap (b->size_title, PANGO_WRAP_WORD_CHAR);
    }
  g_clear_object (&b->fit_key);
  if (b->has_fit)
    {
      g_autofree char *summary = fit_summary (b);
      /* Translators: the key of a bubble chart's fit line, above its correlation */
      g_autofree char *key = g_strdup_printf ("%s\n%s", _("Least-squares line"), summary);

      b->fit_key = rex_chart_text (frame, key, 0.78, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (b->fit_key, (int) ((b->col_w - fit_swatch_width (frame)) * PANGO_SCALE));
      pango_layout_set_wrap (b->fit_key, PANGO_WRAP_WORD_CHAR);
    }
  if (b->note != NULL)
    {
      b->note_layout = rex_chart_text (frame, b->note, 0.78, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (b->note_layout, (int) (b->col_w * PANGO_SCALE));
      pango_layout_set_wrap (b->note_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (b->note_layout, (int) (frame->h * 0.45 * PANGO_SCALE));
      pango_layout_set_ellipsize (b->note_layout, PANGO_ELLIPSIZE_END);
      rex_chart_text_size (b->note_layout, NULL, &note_h);
    }
}

/* Each trail's first year beside its first point, where there is room
 * after the bubbles' labels. */
static void
place_trail_labels (Bubbles             *b,
                    const RexChartFrame *frame,
                    RexLabelPlacer      *placer)
{
  for (guint i = 0; i < b->trails->len; i++)
    {
      const Trail *trail = &g_array_index (b->trails, Trail, i);
      const TrailPoint *start = &g_array_index (trail->points, TrailPoint, 0);
      g_autofree char *year = rex_format_year (start->year);
      BubbleLabel label = { NULL, { 0 }, trail->bubble, FALSE, TRUE, NULL, 0, 0, { 0 } };
      double w, h;

      label.layout = rex_chart_role_text (frame, year, REX_CHART_TEXT_LABEL);
      rex_chart_text_size (label.layout, &w, &h);
      /* Beside its point, or not at all: a leader would be read as the trail. */
      if (rex_label_placer_place_for_mark (placer, trail->first_mark, w, h, FALSE, &label.rect, &label.moved)
          && !label.moved)
        g_array_append_val (b->labels, label);
      else
        g_object_unref (label.layout);
    }
}

/* Labels: the selection first, then the outliers and the largest bubbles;
 * each tries places around its bubble, farther ones with a leader, and is
 * dropped when none is free and unambiguous. */
static void
place_labels (Bubbles             *b,
              const RexChartFrame *frame)
{
  RexLabelPlacer placer;
  g_autoptr(GArray) order = NULL;
  RexRect bounds;
  guint n = b->bubbles->len, auto_labels = 0;

  clear_labels (b);
  bounds = rex_box_to_rect (&b->plot);
  rex_label_placer_init (&placer, &bounds);
  for (guint i = 0; i < n; i++)
    {
      Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);
      rex_label_placer_add_mark (&placer, bubble->px, bubble->py, bubble->r);
    }
  /* Labels keep off the trails' points too (marks after the bubbles'). */
  for (guint i = 0; i < b->trails->len; i++)
    {
      Trail *trail = &g_array_index (b->trails, Trail, i);

      for (guint k = 0; k < trail->points->len; k++)
        {
          const TrailPoint *point = &g_array_index (trail->points, TrailPoint, k);
          guint mark = rex_label_placer_add_mark (&placer, point->px, point->py, b->dot_r);

          if (k == 0)
            trail->first_mark = mark;
        }
    }
  order = label_order (b);
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < n; k++)
      {
        guint i = g_array_index (order, guint, k);
        Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);
        BubbleLabel label = { NULL, { 0 }, i, FALSE, FALSE, NULL, 0, 0, { 0 } };
        double w, h;

        if (pass == 0 ? !bubble->selected : (bubble->selected || b->has_selection
                                             || auto_labels >= MAX_AUTO_LABELS))
          continue;
        label.layout = rex_chart_text (frame, rex_region_get_display_name (bubble->region), 0.85,
                                       bubble->selected ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        rex_chart_text_size (label.layout, &w, &h);
        if (rex_label_placer_place_for_mark (&placer, i, w, h, bubble->selected, &label.rect, &label.moved))
          g_array_append_val (b->labels, label);
        else
          g_object_unref (label.layout);
        if (pass == 1)
          auto_labels++;
      }
  place_trail_labels (b, frame, &placer);
  rex_label_placer_clear (&placer);
}

/* Where the values (@x, @y) stand in the plot. */
static void
plot_point (const Bubbles *b,
            double         x,
            double         y,
            double        *px,
            double        *py)
{
  *px = b->plot.x0 + rex_scale_normalize (b->xs, x) * (b->plot.x1 - b->plot.x0);
  *py = b->plot.y1 - rex_scale_normalize (b->ys, y) * (b->plot.y1 - b->plot.y0);
}

static void
bubbles_layout (RexChart            *chart,
                gpointer             data,
                const RexChartFrame *frame,
                GArray              *items)
{
  Bubbles *b = data;
  double em = frame->em;
  guint n = b->bubbles->len;

  /* Many regions get smaller bubbles so the cloud stays readable. */
  b->r_max = MIN (frame->w, frame->h) * (n > 300 ? 0.03 : n > 60 ? 0.045 : 0.065);
  b->r_min = MAX (1.5, em * 0.12);

  /* Right column: the size legend and the notes. */
  b->col_w = CLAMP (2 * b->r_max + em * 5.5, em * 11, frame->w * 0.28);
  b->col_x = frame->x + frame->w - b->col_w;
  layout_axes (b, rex_chart_get_spec (chart), frame);

  for (guint i = 0; i < n; i++)
    {
      Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);

      plot_point (b, bubble->x, bubble->y, &bubble->px, &bubble->py);
      bubble->r = bubble_radius (b, bubble->size);
      rex_chart_append_item (items, bubble->region, b->y_metric, b->year, bubble->y, bubble->px, bubble->py);
    }
  b->dot_r = MAX (2.5, em * 0.2);
  g_array_set_size (b->trail_items, 0);
  for (guint i = 0; i < b->trails->len; i++)
    {
      const Trail *trail = &g_array_index (b->trails, Trail, i);
      RexRegion *region = g_array_index (b->bubbles, Bubble, trail->bubble).region;

      for (guint k = 0; k < trail->points->len; k++)
        {
          TrailPoint *point = &g_array_index (trail->points, TrailPoint, k);
          TrailItem item = { i, k };

          plot_point (b, point->x, point->y, &point->px, &point->py);
          rex_chart_append_item (items, region, b->y_metric, point->year, point->y, point->px, point->py);
          g_array_append_val (b->trail_items, item);
        }
    }
  layout_column (b, frame);
  place_labels (b, frame);
}

static RexColor
bubble_color (RexChart            *chart,
              Bubbles             *b,
              const Bubble        *bubble,
              const RexChartStyle *style)
{
  RexColor color;

  if (!b->color_legend)
    color = bubble->selected && b->has_selection ? style->highlight : style->accent;
  else
    color = rex_chart_color_key_color (chart, bubble->group, style);
  /* Fading in or out: mixed toward the background, since discs are opaque. */
  if (bubble->fade < 1)
    color = rex_color_mix (&color, &style->background, 1 - bubble->fade);
  /* With a selection the others step back; their colours stay recognisable. */
  if (b->has_selection && !bubble->selected)
    color = rex_color_mix (&color, &style->background, 0.65);
  return color;
}

static void
draw_y_axis (cairo_t             *cr,
             const RexChartFrame *frame,
             Bubbles             *b)
{
  const RexChartStyle *style = frame->style;
  g_autofree char *title = rex_chart_metric_label (b->y_metric);
  g_autoptr(PangoLayout) title_layout = rex_chart_role_text (frame, title, REX_CHART_TEXT_LABEL);

  cairo_save (cr);
  rex_chart_draw_y_ticks (cr, frame, b->ys, &b->plot, frame->em * 0.4);
  rex_chart_draw_text (cr, title_layout, frame->x, b->plot.y0 - frame->em * 0.7, 0.0, 1.0, &style->muted);
  cairo_restore (cr);
}

static void
stroke_halo (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       width)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* Paints the label's halo from its mask, made first if the transform to the
 * target's pixels is not the one it was made for. Stroking the outline of
 * every glyph was a quarter of the time to draw 3,000 bubbles. */
static gboolean
paint_cached_halo (cairo_t     *cr,
                   BubbleLabel *label,
                   double       width)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double key[4] = { 0, 0, 0, width };
  double sx, sy, dx, dy;

  if (!rex_disc_pixel_transform (cr, &key[0], &key[1], &key[2]))
    return FALSE;

  if (label->halo == NULL || memcmp (key, label->halo_key, sizeof key) != 0)
    {
      PangoRectangle ink;
      double pad = width / 2 + 1, x0, y0, x1, y1;
      cairo_t *mask_cr;

      g_clear_pointer (&label->halo, cairo_surface_destroy);
      pango_layout_get_extents (label->layout, &ink, NULL);
      x0 = label->rect.x + (double) ink.x / PANGO_SCALE - pad;
      y0 = label->rect.y + (double) ink.y / PANGO_SCALE - pad;
      x1 = x0 + (double) ink.width / PANGO_SCALE + 2 * pad;
      y1 = y0 + (double) ink.height / PANGO_SCALE + 2 * pad;
      label->halo_x = (int) floor (x0 * key[0] + key[1]);
      label->halo_y = (int) floor (y0 * key[0] + key[2]);
      label->halo = cairo_image_surface_create (CAIRO_FORMAT_A8,
                                                (int) ceil (x1 * key[0] + key[1]) - label->halo_x,
                                                (int) ceil (y1 * key[0] + key[2]) - label->halo_y);
      mask_cr = cairo_create (label->halo);
      cairo_set_matrix (mask_cr, &(cairo_matrix_t) { key[0], 0, 0, key[0],
                                                      key[1] - label->halo_x, key[2] - label->halo_y });
      stroke_halo (mask_cr, label->layout, label->rect.x, label->rect.y, width);
      cairo_destroy (mask_cr);
      memcpy (label->halo_key, key, sizeof key);
    }

  /* One unit of user space is one pixel of the target here. */
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &dx, &dy);
  cairo_save (cr);
  cairo_set_matrix (cr, &(cairo_matrix_t) { 1 / sx, 0, 0, 1 / sy, -dx / sx, -dy / sy });
  cairo_mask_surface (cr, label->halo, label->halo_x, label->halo_y);
  cairo_restore (cr);
  return TRUE;
}

static void
draw_label (cairo_t             *cr,
            const RexChartFrame *frame,
            BubbleLabel         *label,
            const RexColor      *color)
{
  double width = MAX (2.0, frame->em * 0.25);

  /* A halo in the background colour keeps labels readable over bubbles. */
  cairo_save (cr);
  rex_chart_set_color (cr, &frame->style->background);
  if (!paint_cached_halo (cr, label, width))
    stroke_halo (cr, label->layout, label->rect.x, label->rect.y, width);
  cairo_restore (cr);
  rex_chart_draw_text (cr, label->layout, label->rect.x, label->rect.y, 0, 0, color);
}

static void
draw_bubble (cairo_t             *cr,
             RexDiscCanvas       *canvas,
             RexChart            *chart,
             Bubbles             *b,
             const Bubble        *bubble,
             const RexChartStyle *style)
{
  RexColor color = bubble_color (chart, b, bubble, style);

  rex_chart_note_mark (cr, bubble->px, bubble->py, bubble->r);
  if (isnan (bubble->size) && b->size_metric != NULL)
    return;   /* dashed, drawn after */
  if (bubble->marked)
    {
      /* Hollow, as in every kind: a pale inside in an outline of the colour. */
      RexColor pale = rex_color_mix (&color, &style->background, 0.7);
      rex_disc_canvas_fill_edged (canvas, bubble->px, bubble->py, bubble->r, 1.5, &color, &pale);
    }
  else
    rex_disc_canvas_fill_edged (canvas, bubble->px, bubble->py, bubble->r, bubble->selected ? 1.0 : 0.5,
                                bubble->selected ? &style->foreground : &style->background, &color);
}

/* Each trail: a line through the years it joins, to its bubble, and a dot
 * in each year (hollow for an estimate), edged in the background colour so
 * that the dots stand out on the line. */
static void
draw_trails (cairo_t             *cr,
             RexChart            *chart,
             Bubbles             *b,
             const RexChartStyle *style)
{
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < b->trails->len; i++)
    {
      const Trail *trail = &g_array_index (b->trails, Trail, i);
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, trail->bubble);
      RexColor color = bubble_color (chart, b, bubble, style);
      RexColor pale = rex_color_mix (&color, &style->background, 0.7);

      cairo_new_path (cr);
      for (guint k = 0; k < trail->points->len; k++)
        {
          const TrailPoint *point = &g_array_index (trail->points, TrailPoint, k);

          if (point->joined)
            cairo_line_to (cr, point->px, point->py);
          else
            cairo_move_to (cr, point->px, point->py);
        }
      if (trail->joined)
        cairo_line_to (cr, bubble->px, bubble->py);
      rex_chart_set_color (cr, &color);
      cairo_set_line_width (cr, b->dot_r * 0.6);
      cairo_stroke (cr);

      for (guint k = 0; k < trail->points->len; k++)
        {
          const TrailPoint *point = &g_array_index (trail->points, TrailPoint, k);

          cairo_arc (cr, point->px, point->py, b->dot_r + 1, 0, 2 * G_PI);
          rex_chart_set_color (cr, &style->background);
          cairo_fill (cr);
          cairo_arc (cr, point->px, point->py, b->dot_r, 0, 2 * G_PI);
          rex_chart_set_color (cr, &color);
          cairo_fill (cr);
          if (point->marked)
            {
              cairo_arc (cr, point->px, point->py, b->dot_r - 1.2, 0, 2 * G_PI);
              rex_chart_set_color (cr, &pale);
              cairo_fill (cr);
            }
        }
    }
  cairo_restore (cr);
}

/* The fit line's stroke: dashed, in the colour of reference lines. */
static void
stroke_fit (cairo_t             *cr,
            const RexChartFrame *frame)
{
  double unit = MAX (1.0, frame->em / 13.0), dash[] = { 7 * unit, 4 * unit };

  rex_chart_set_color (cr, &frame->style->reference);
  cairo_set_line_width (cr, 1.8 * unit);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The line over the extent of the regions it was fitted to: straight on
 * the axes' scales, never drawn beyond the data. */
static void
draw_fit_line (cairo_t             *cr,
               const RexChartFrame *frame,
               const Bubbles       *b)
{
  double ax, ay, bx, by;

  plot_point (b, b->fit.x_lo, rex_fit_at (&b->fit, b->fit.x_lo), &ax, &ay);
  plot_point (b, b->fit.x_hi, rex_fit_at (&b->fit, b->fit.x_hi), &bx, &by);
  cairo_move_to (cr, ax, ay);
  cairo_line_to (cr, bx, by);
  stroke_fit (cr, frame);
}

/* The key of the fit line in the right column: its stroke, then what it is
 * and its correlation; returns where the column goes on. */
static double
draw_fit_key (cairo_t             *cr,
              const RexChartFrame *frame,
              const Bubbles       *b,
              double               y)
{
  double h, line_h;

  rex_chart_text_size (b->fit_key, NULL, &h);
  line_h = h / MAX (1, pango_layout_get_line_count (b->fit_key));
  cairo_move_to (cr, b->col_x, y + line_h / 2);
  cairo_line_to (cr, b->col_x + fit_swatch_width (frame) - frame->em * 0.5, y + line_h / 2);
  stroke_fit (cr, frame);
  rex_chart_draw_text (cr, b->fit_key, b->col_x + fit_swatch_width (frame), y, 0, 0, &frame->style->foreground);
  return y + h + frame->em * 0.9;
}

static void
bubbles_draw (RexChart            *chart,
              gpointer             data,
              cairo_t             *cr,
              const RexChartFrame *frame)
{
  Bubbles *b = data;
  const RexChartStyle *style = frame->style;
  g_autofree char *x_title = rex_chart_metric_label (b->x_metric);
  g_autoptr(PangoLayout) watermark = NULL;
  RexRect plot_area = rex_box_to_rect (&b->plot);
  RexDiscCanvas canvas;
  RexColor faint;
  double col_y;

  draw_y_axis (cr, frame, b);
  rex_chart_draw_x_axis (cr, frame, b->xs, &b->plot, x_title);

  /* The year, large and faint behind the bubbles: the state being shown is
   * always readable, and an in-between state says so. */
  watermark = rex_chart_text (frame, b->watermark, MIN (plot_area.h * 0.22, plot_area.w * 0.09) / frame->em,
                              PANGO_WEIGHT_BOLD);
  faint = rex_color_mix (&style->background, &style->muted, style->theme == REX_THEME_DARK ? 0.22 : 0.16);
  rex_chart_draw_text (cr, watermark, b->plot.x1 - frame->em * 0.5, b->plot.y1 - frame->em * 0.2, 1.0, 1.0, &faint);

  cairo_save (cr);
  rex_disc_clip_rectangle (cr, &plot_area);
  /* An edge in the background colour tells overlapping bubbles apart (the
   * selection's is the foreground colour and twice as wide). It is drawn as
   * a disc in the edge colour under a smaller one in the bubble's: the same
   * pixels as a stroke, every colour being opaque, without the stroker's
   * cost; a hollow bubble (no size value) is a ring 1.5 units wide. Order
   * matters where bubbles overlap, so they are not grouped by colour.
   *
   * On image surfaces (PNG, the window) the discs are written straight into
   * the pixels; other targets get paths, where hundreds of overlapping
   * bubbles use 4×4 coverage sampling: it halves the cost of the edges and
   * cannot be told apart at that density. */
  if (b->bubbles->len > DENSE_BUBBLES)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  /* The trails over the other bubbles, under the selection's. */
  rex_disc_canvas_begin (&canvas, cr);
  for (guint i = 0; i < b->bubbles->len; i++)
    {
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);

      if (bubble->selected && b->trails->len > 0 && (i == 0 || !bubble[-1].selected))
        {
          rex_disc_canvas_end (&canvas);
          draw_trails (cr, chart, b, style);
          rex_disc_canvas_begin (&canvas, cr);
        }
      draw_bubble (cr, &canvas, chart, b, bubble, style);
    }
  rex_disc_canvas_end (&canvas);
  /* Bubbles of unknown size: a dashed outline, a look no other meaning has. */
  for (guint i = 0; b->size_metric != NULL && i < b->bubbles->len; i++)
    {
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);
      RexColor color;
      static const double dash[] = { 3.0, 2.0 };

      if (!isnan (bubble->size))
        continue;
      color = bubble_color (chart, b, bubble, style);
      cairo_new_path (cr);
      cairo_arc (cr, bubble->px, bubble->py, bubble->r, 0, 2 * G_PI);
      rex_chart_set_color (cr, &color);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  if (b->has_fit)
    draw_fit_line (cr, frame, b);
  cairo_restore (cr);

  for (guint i = 0; i < b->labels->len; i++)
    {
      BubbleLabel *label = &g_array_index (b->labels, BubbleLabel, i);
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, label->bubble);

      if (label->moved)
        rex_chart_draw_leader (cr, frame, bubble->px, bubble->py, bubble->r, &label->rect);
      draw_label (cr, frame, label, label->year || (b->has_selection && !bubble->selected)
                                    ? &style->muted : &style->foreground);
    }

  /* The right column: size legend, then the notes. */
  col_y = b->plot.y0;
  if (b->size_title != NULL)
    {
      double h;

      rex_chart_draw_text (cr, b->size_title, b->col_x, col_y, 0, 0, &style->foreground);
      rex_chart_text_size (b->size_title, NULL, &h);
      col_y += h + frame->em * 0.6;
      col_y += rex_chart_size_legend (cr, frame, b->col_x, col_y,
                                      b->ref_values, b->ref_radii, b->n_refs);
      col_y += frame->em * 1.2;
    }
  /* What has no room above the plot's foot is cut or left out, never run
   * over the source line (a small export). */
  if (b->fit_key != NULL && rex_chart_fit_note (b->fit_key, b->plot.y1 - col_y))
    col_y = draw_fit_key (cr, frame, b, col_y);
  if (b->note_layout != NULL && rex_chart_fit_note (b->note_layout, b->plot.y1 - col_y))
    rex_chart_draw_text (cr, b->note_layout, b->col_x, col_y, 0, 0, &style->muted);

  if (b->color_legend && b->legend_h > 0)
    rex_chart_color_legend (chart, cr, frame, frame->x, frame->y - b->legend_h, frame->w);
  if (b->any_marked && b->legend_h > 0)
    rex_chart_status_key (cr, frame, frame->x, frame->y - frame->em * 1.5, frame->w, FALSE);
}

/* The trail point that is item @index, or NULL for a bubble. */
static const TrailPoint *
trail_point_of (const Bubbles *b,
                guint          index)
{
  const TrailItem *item;

  if (index < b->bubbles->len || index - b->bubbles->len >= b->trail_items->len)
    return NULL;
  item = &g_array_index (b->trail_items, TrailItem, index - b->bubbles->len);
  return &g_array_index (g_array_index (b->trails, Trail, item->trail).points, TrailPoint, item->point);
}

/* The topmost of the bubbles from @from up to @to under (x, y), or -1. */
static int
hit_bubbles (const Bubbles *b,
             guint          from,
             guint          to,
             double         x,
             double         y)
{
  /* The last drawn is on top. */
  for (guint i = to; i-- > from;)
    {
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);
      double r = MAX (bubble->r, 3.0), dx = x - bubble->px, dy = y - bubble->py;

      if (dx * dx + dy * dy <= r * r)
        return (int) i;
    }
  return -1;
}

static void
bubbles_draw_hover (RexChart            *chart,
                    gpointer             data,
                    cairo_t             *cr,
                    const RexChartFrame *frame,
                    const RexChartItem  *item)
{
  Bubbles *b = data;
  const TrailPoint *point = trail_point_of (b, item->index);

  rex_chart_set_color (cr, &frame->style->hover);
  cairo_set_line_width (cr, 2.0);
  if (point != NULL)
    cairo_arc (cr, point->px, point->py, b->dot_r + 3, 0, 2 * G_PI);
  else
    {
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, item->index);
      cairo_arc (cr, bubble->px, bubble->py, bubble->r + 3, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
}

static int
bubbles_hit_test (RexChart            *chart,
                  gpointer             data,
                  const RexChartFrame *frame,
                  double               x,
                  double               y)
{
  Bubbles *b = data;
  guint n = b->bubbles->len, selected = n;
  int hit;

  if (x < b->plot.x0 || x > b->plot.x1 || y < b->plot.y0 || y > b->plot.y1)
    return -1;
  /* In the order drawn, top first: the selection's bubbles (the last), the
   * trails, the other bubbles. */
  while (selected > 0 && g_array_index (b->bubbles, Bubble, selected - 1).selected)
    selected--;
  hit = hit_bubbles (b, selected, n, x, y);
  if (hit >= 0)
    return hit;
  for (guint j = b->trail_items->len; j-- > 0;)
    {
      const TrailPoint *point = trail_point_of (b, n + j);
      double r = MAX (b->dot_r + 1, 4.0), dx = x - point->px, dy = y - point->py;

      if (dx * dx + dy * dy <= r * r)
        return (int) (n + j);
    }
  return hit_bubbles (b, 0, selected, x, y);
}

/* @fitted: the fit line's value at @x, or NaN (a blank) where the row is
 * not a bubble it was fitted to. */
static void
add_row (RexChartTable *table,
         Bubbles       *b,
         RexRegion     *region,
         const char    *year,
         double         x,
         double         y,
         double         size,
         double         fitted)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (rex_region_get_id (region)));
  g_ptr_array_add (cells, g_strdup (rex_region_get_display_name (region)));
  g_ptr_array_add (cells, g_strdup (year));
  g_ptr_array_add (cells, rex_chart_raw_number (x));
  g_ptr_array_add (cells, rex_chart_raw_number (y));
  if (b->size_metric != NULL)
    g_ptr_array_add (cells, rex_chart_raw_number (size));
  if (b->has_fit)
    g_ptr_array_add (cells, rex_chart_raw_number (fitted));
  g_ptr_array_add (table->rows, cells);
}

static void
bubbles_fill_table (RexChart      *chart,
                    gpointer       data,
                    RexChartTable *table)
{
  Bubbles *b = data;
  GPtrArray *others[] = { b->skipped, b->missing };

  rex_chart_table_add_region_columns (table, b->x_metric);
  /* A metric on two roles heads each column with its role: no two columns
   * of a CSV share a name. */
  if (b->y_metric == b->x_metric)
    {
      g_autofree char *label = rex_chart_metric_label (b->y_metric);

      /* Translators: a table column when both axes show one metric */
      g_ptr_array_add (table->columns, g_strdup_printf (_("%s, vertical axis"), label));
    }
  else
    g_ptr_array_add (table->columns, rex_chart_metric_label (b->y_metric));
  if (b->size_metric != NULL && (b->size_metric == b->x_metric || b->size_metric == b->y_metric))
    {
      g_autofree char *label = rex_chart_metric_label (b->size_metric);

      /* Translators: a table column when the bubbles are sized by an axis' metric */
      g_ptr_array_add (table->columns, g_strdup_printf (_("Bubble size: %s"), label));
    }
  else if (b->size_metric != NULL)
    g_ptr_array_add (table->columns, rex_chart_metric_label (b->size_metric));
  if (b->has_fit)
    {
      g_autofree char *y_label = rex_chart_metric_label (b->y_metric);

      /* Translators: a table column: "GDP (100 million yuan) on the fit line" */
      g_ptr_array_add (table->columns, g_strdup_printf (_("%s on the fit line"), y_label));
    }

  for (guint i = 0; i < b->bubbles->len; i++)
    {
      const Bubble *bubble = &g_array_index (b->bubbles, Bubble, i);
      add_row (table, b, bubble->region, b->year_label, bubble->x, bubble->y, bubble->size,
               b->has_fit ? rex_fit_at (&b->fit, bubble->x) : NAN);
    }
  /* Regions not drawn keep whatever values they have, blanks elsewhere. */
  for (guint k = 0; k < G_N_ELEMENTS (others); k++)
    for (guint i = 0; i < others[k]->len; i++)
      {
        RexRegion *region = others[k]->pdata[i];
        double x = NAN, y = NAN, size = NAN;

        if (!value_at (region, b->x_metric, b->year, b->fraction, &x))
          x = NAN;
        if (!value_at (region, b->y_metric, b->year, b->fraction, &y))
          y = NAN;
        if (b->size_metric == NULL || !value_at (region, b->size_metric, b->year, b->fraction, &size))
          size = NAN;
        add_row (table, b, region, b->year_label, x, y, size, NAN);
      }
  /* Then the years on the trails, each region's oldest first. */
  for (guint i = 0; i < b->trails->len; i++)
    {
      const Trail *trail = &g_array_index (b->trails, Trail, i);
      RexRegion *region = g_array_index (b->bubbles, Bubble, trail->bubble).region;

      for (guint k = 0; k < trail->points->len; k++)
        {
          const TrailPoint *point = &g_array_index (trail->points, TrailPoint, k);
          g_autofree char *year = rex_format_year (point->year);
          double size = NAN;

          if (b->size_metric == NULL || !value_at (region, b->size_metric, point->year, 0, &size))
            size = NAN;
          add_row (table, b, region, year, point->x, point->y, size, NAN);
        }
    }
}

static char *
bubbles_describe (RexChart *chart,
                  gpointer  data)
{
  Bubbles *b = data;
  const Bubble *largest = &g_array_index (b->bubbles, Bubble, 0);

  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: screen reader summary of a bubble chart */
  g_string_printf (text, _("%s, %s. %u regions drawn, %u without data; largest bubble %s."),
                   rex_chart_get_title (chart), rex_chart_get_subtitle (chart),
                   b->bubbles->len, b->missing->len,
                   rex_region_get_display_name (largest->region));
  if (b->trails->len > 0)
    {
      g_string_append_c (text, ' ');
      /* Translators: screen reader summary of a bubble chart, after the rest */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "A trail shows where %u selected region stood in the years before.",
                                                 "Trails show where %u selected regions stood in the years before.",
                                                 b->trails->len),
                              b->trails->len);
    }
  if (b->has_fit)
    {
      g_autofree char *summary = fit_summary (b);

      g_string_append_c (text, ' ');
      /* Translators: screen reader summary of a bubble chart, after the rest */
      g_string_append_printf (text, _("Least-squares line: %s."), summary);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
append_measure (GString    *text,
                RexMetric  *metric,
                double      value)
{
  g_autofree char *number = rex_format_number (value, rex_metric_get_decimals (metric));

  if (isnan (value))
    /* Translators: one measure of a bubble in its screen reader name: "Population no data" */
    g_string_append_printf (text, _("%s no data"), rex_metric_get_display_name (metric));
  else
    /* Translators: one measure of a bubble in its screen reader name: "GDP 141,634 100 million yuan" */
    g_string_append_printf (text, _("%s %s %s"), rex_metric_get_display_name (metric), number,
                            rex_metric_get_display_unit (metric));
}

/* "; trail from 2005: Population 7,588 10,000 persons; GDP 18,598 100
 * million yuan", where bubble @index has a trail. */
static void
append_trail_start (GString       *text,
                    const Bubbles *b,
                    guint          index)
{
  for (guint i = 0; i < b->trails->len; i++)
    {
      const Trail *trail = &g_array_index (b->trails, Trail, i);
      const TrailPoint *start = &g_array_index (trail->points, TrailPoint, 0);
      g_autofree char *year = NULL;

      if (trail->bubble != index)
        continue;
      year = rex_format_year (start->year);
      g_string_append (text, _("; "));
      /* Translators: in a bubble's screen reader name, where its trail starts: "trail from 2005: " */
      g_string_append_printf (text, _("trail from %s: "), year);
      append_measure (text, b->x_metric, start->x);
      g_string_append (text, _("; "));
      append_measure (text, b->y_metric, start->y);
    }
}

/* "Guangdong, 2010: Population 10,441 10,000 persons; GDP 46,013 100
 * million yuan, on the trail to 2024, East, selected". */
static char *
describe_trail_point (RexChart           *chart,
                      Bubbles            *b,
                      const RexChartItem *item)
{
  const TrailPoint *point = trail_point_of (b, item->index);
  g_autofree char *year = rex_format_year (point->year);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("%s, %s: "), rex_region_get_display_name (item->region), year);
  append_measure (text, b->x_metric, point->x);
  g_string_append (text, _("; "));
  append_measure (text, b->y_metric, point->y);
  g_string_append (text, C_("item name", ", "));
  /* Translators: in the screen reader name of a point of a bubble's trail: "on the trail to 2024" */
  g_string_append_printf (text, _("on the trail to %s"), b->year_label);
  rex_chart_append_item_notes (chart, text, item->region, NULL, point->year, TRUE);
  if (point->marked)
    g_string_append_printf (text, "%s%s", C_("item name", ", "), _("estimate, derived or qualified value"));
  return g_string_free (text, FALSE);
}

/* "; 4,129 yuan above the fit line": how far a bubble's vertical value
 * stands from the line's at its horizontal value. */
static void
append_residual (GString       *text,
                 const Bubbles *b,
                 const Bubble  *bubble)
{
  double residual = bubble->y - rex_fit_at (&b->fit, bubble->x);
  g_autofree char *number = NULL;

  if (!isfinite (residual))
    return;
  number = rex_format_number (fabs (residual), rex_metric_get_decimals (b->y_metric));
  g_string_append (text, _("; "));
  g_string_append_printf (text, residual >= 0
                          /* Translators: in a bubble's screen reader name: "4,129 yuan above the fit line" */
                          ? _("%s %s above the fit line")
                          /* Translators: in a bubble's screen reader name: "4,129 yuan below the fit line" */
                          : _("%s %s below the fit line"),
                          number, rex_metric_get_display_unit (b->y_metric));
}

/* "Guangdong, 2024: Population 12,780 10,000 persons; GDP 141,634 100
 * million yuan; bubble area Population 12,780 10,000 persons, East". */
static char *
bubbles_describe_item (RexChart           *chart,
                       gpointer            data,
                       const RexChartItem *item)
{
  Bubbles *b = data;
  const Bubble *bubble;
  GString *text;

  if (trail_point_of (b, item->index) != NULL)
    return describe_trail_point (chart, b, item);
  if (item->index >= b->bubbles->len)
    return g_strdup ("");
  bubble = &g_array_index (b->bubbles, Bubble, item->index);
  text = g_string_new (NULL);
  /* Translators: start of a bubble's screen reader name: "Guangdong, 2024: " */
  g_string_append_printf (text, _("%s, %s: "), rex_region_get_display_name (bubble->region), b->year_label);
  append_measure (text, b->x_metric, bubble->x);
  /* Translators: separator between the measures of a bubble in its screen reader name */
  g_string_append (text, _("; "));
  append_measure (text, b->y_metric, bubble->y);
  if (b->size_metric != NULL)
    {
      g_string_append (text, _("; "));
      /* Translators: in a bubble's screen reader name, before the metric its area shows */
      g_string_append (text, _("bubble area "));
      append_measure (text, b->size_metric, bubble->size);
    }
  append_trail_start (text, b, item->index);
  if (b->has_fit)
    append_residual (text, b, bubble);
  rex_chart_append_item_notes (chart, text, bubble->region, NULL, b->year, TRUE);
  if (bubble->marked)
    g_string_append_printf (text, "%s%s", C_("item name", ", "),
                            /* Translators: in a bubble's screen reader name: drawn hollow */
                            _("estimate, derived or qualified value"));
  return g_string_free (text, FALSE);
}

/* The colour key, then what the bubbles' area shows. */
static void
bubbles_legend (RexChart  *chart,
                gpointer   data,
                GPtrArray *entries)
{
  Bubbles *b = data;

  if (b->color_legend)
    {
      guint n;
      const RexColorKeyEntry *key = rex_chart_get_color_key (chart, &n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (entries, g_strdup (key[i].label));
    }
  if (b->size_metric != NULL && b->size_max > 0)
    g_ptr_array_add (entries, g_strdup_printf (_("Bubble area: %s (%s)"),
                                               rex_metric_get_display_name (b->size_metric),
                                               rex_metric_get_display_unit (b->size_metric)));
}

const RexChartKindImpl rex_chart_bubbles_impl = {
  .kind = REX_CHART_KIND_BUBBLES,
  .prepare = bubbles_prepare,
  .free_data = bubbles_free,
  .legend_height = bubbles_legend_height,
  .layout = bubbles_layout,
  .draw = bubbles_draw,
  .draw_hover = bubbles_draw_hover,
  .hit_test = bubbles_hit_test,
  .fill_table = bubbles_fill_table,
  .describe = bubbles_describe,
  .describe_item = bubbles_describe_item,
  .legend = bubbles_legend,
};
