/* rex-chart-lines.c — one metric over the years for one or more regions.
 *
 * Lines are never drawn across a year without data: each run of consecutive
 * years is its own segment and a lone year is a dot. Values published as
 * "about"/"over" or derived/estimated are hollow points, series breaks are
 * dashed rules, and region names sit at the line ends instead of a legend.
 * Long series are reduced to the min/max of each pixel column at layout time,
 * so drawing cost follows the width of the chart, not the number of points.
 *
 * Split (spec->split), each region has a small chart of its own, named
 * above it, in a grid read row by row; all share one scale of years and one
 * of values, labelled on the left column and under the lowest chart of each
 * column, so that heights compare across the grid.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-change.h"
#include "rex-chart-private.h"
#include "rex-value-format.h"

#define MAX_DEFAULT_REGIONS 5
/* Split, at most this many small charts: more would be too small to read. */
#define MAX_PANELS 36

typedef struct
{
  int      year;
  double   value;     /* as plotted: absolute, or % change in relative mode */
  double   raw;       /* as published */
  gboolean hollow;    /* qualified, derived or estimated */
  gboolean starts;    /* first of a segment: after a gap or at a series break */
} LinePoint;

typedef struct
{
  RexRegion *region;
  GArray    *points;   /* LinePoint, ascending years */
  guint      color_index;
  int        base_year; /* relative mode: the year changes are measured from */
  gboolean   off_log;   /* some figures are zero or less, left off a log axis */

  /* layout */
  RexBox     panel;    /* the plot the series is drawn in: the chart's, or its own split */
  GArray    *path;     /* double pairs (x, y); NaN x starts a new segment */
  gboolean   reduced;
  double     end_y;    /* y of the last point */
  double     label_y;
  gboolean   label_shown;
  guint      first_item;
} LineSeries;

typedef struct
{
  int   year;
  char *label;
} LineBreak;

typedef struct
{
  RexMetric *metric;
  GPtrArray *series;     /* LineSeries* */
  GArray    *breaks;     /* LineBreak within the drawn years */
  int        first_year, last_year;
  int        from_year, to_year;  /* the years asked for; 0: open */
  int        base_year;  /* relative mode */
  gboolean   own_base;   /* relative to each series' own first year */
  gboolean   any_hollow; /* a hollow point, and so the key of hollow marks */
  gboolean   relative;
  gboolean   log_y;
  gboolean   split;      /* a small chart per series */
  guint      n_points;

  /* layout */
  RexScale  *xscale, *yscale;
  RexBox     plot;       /* y0 top, y1 bottom; split, the first small chart's (all are as wide and tall) */
  guint      n_cols;     /* split: charts a row */
  double     title_h;    /* split: the height of a chart's name above it */
  double     label_x;
  double     radius;
  double     tick_gap;   /* between the vertical axis and its labels */
  GArray    *items;            /* the chart's items, borrowed */
  RexValueFormat format;       /* of the value axis and the values shown */
} Lines;

static void
line_series_free (gpointer data)
{
  LineSeries *series = data;

  g_array_unref (series->points);
  g_clear_pointer (&series->path, g_array_unref);
  g_free (series);
}

static void
line_break_clear (gpointer data)
{
  g_free (((LineBreak *) data)->label);
}

static void
lines_free (gpointer data)
{
  Lines *lines = data;

  g_ptr_array_unref (lines->series);
  g_array_unref (lines->breaks);
  g_clear_pointer (&lines->xscale, rex_scale_free);
  g_clear_pointer (&lines->yscale, rex_scale_free);
  g_free (lines);
}

static int
compare_latest (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const char *metric_id = user_data;
  RexRegion *ra = *(RexRegion **) a, *rb = *(RexRegion **) b;
  double va = -G_MAXDOUBLE, vb = -G_MAXDOUBLE;
  int year;

  rex_series_get_latest (rex_region_get_series (ra, metric_id), REX_YEAR_MAX, &year, &va);
  rex_series_get_latest (rex_region_get_series (rb, metric_id), REX_YEAR_MAX, &year, &vb);
  if (va != vb)
    return va < vb ? 1 : -1;
  return g_strcmp0 (rex_region_get_id (ra), rex_region_get_id (rb));
}

/* Leaves in @regions those with values of @metric_id. */
static void
keep_with_metric (GPtrArray  *regions,
                  const char *metric_id)
{
  for (guint i = regions->len; i > 0; i--)
    if (rex_region_get_series (regions->pdata[i - 1], metric_id) == NULL)
      g_ptr_array_remove_index (regions, i - 1);
}

/* The regions to draw: the spec's, else the nation, else the top five of the
 * spec's region kind by their latest value, else of the kind that has the
 * metric (a table of counties: its largest counties). */
static GPtrArray *
lines_regions (RexChart   *chart,
               const char *metric_id)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr(GPtrArray) nations = NULL;
  g_autoptr(GPtrArray) candidates = NULL;

  if (spec->regions != NULL && spec->regions[0] != NULL)
    {
      for (guint i = 0; spec->regions[i]; i++)
        {
          RexRegion *region = rex_dataset_lookup_region (dataset, spec->regions[i]);

          /* A region named twice is drawn once. */
          if (region == NULL || !g_ptr_array_find (out, region, NULL))
            g_ptr_array_add (out, region);
        }
      return out;
    }

  nations = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_NATION);
  for (guint i = 0; i < nations->len; i++)
    if (rex_region_get_series (nations->pdata[i], metric_id) != NULL)
      {
        g_ptr_array_add (out, nations->pdata[i]);
        return out;
      }

  candidates = rex_chart_get_spec_regions (chart);
  keep_with_metric (candidates, metric_id);
  if (candidates->len == 0)
    {
      g_ptr_array_unref (candidates);
      candidates = rex_dataset_get_regions_of_kind (dataset, rex_dataset_choose_kind (dataset, metric_id));
      keep_with_metric (candidates, metric_id);
    }
  g_ptr_array_sort_with_data (candidates, compare_latest, (gpointer) metric_id);
  for (guint i = 0; i < candidates->len && i < MAX_DEFAULT_REGIONS; i++)
    g_ptr_array_add (out, candidates->pdata[i]);
  return out;
}

/* The first year in which every region with the metric has a value, or 0. */
static int
first_common_year (GPtrArray  *regions,
                   const char *metric_id,
                   int         first,
                   int         last)
{
  for (int year = first; year <= last; year++)
    {
      gboolean all = FALSE;

      /* Regions without the metric at all (Hong Kong's GDP per capita) are
       * listed as having no data, and do not hold the others' base back. */
      for (guint i = 0; i < regions->len; i++)
        {
          if (rex_region_get_series (regions->pdata[i], metric_id) == NULL)
            continue;
          all = rex_region_get_value (regions->pdata[i], metric_id, year, NULL);
          if (!all)
            break;
        }
      if (all)
        return year;
    }
  return 0;
}

/* The first year from @y0 with a nonzero value: the base of a series
 * indexed to itself. */
static int
first_base_year (RexSeries *data,
                 int        y0,
                 int        y1)
{
  for (int year = y0; year <= y1; year++)
    {
      double v;

      if (rex_series_get_value (data, year, &v) && v != 0 && isfinite (v))
        return year;
    }
  return y0;
}

/* What the chart leaves out, named or counted under the title. */
typedef struct
{
  GString *missing;      /* regions asked for but without values */
  GString *zero_base;    /* regions whose base value is zero or less (relative mode) */
  guint    n_too_large;  /* changes beyond any double */
  GString *off_log;      /* regions with figures of zero or less, which a log axis leaves out */
} LeftOut;

/* The points of @region's series from @y0 to @y1, as plotted: values, or
 * changes from @base in relative mode. */
static LineSeries *
series_new (RexChart   *chart,
            Lines      *lines,
            RexRegion  *region,
            RexSeries  *data,
            const char *metric_id,
            int         y0,
            int         y1,
            double      base,
            LeftOut    *left_out)
{
  LineSeries *series = g_new0 (LineSeries, 1);

  series->region = region;
  series->points = g_array_new (FALSE, TRUE, sizeof (LinePoint));
  for (int year = y0; year <= y1; year++)
    {
      const RexDatum *datum = rex_series_get_datum (data, year);
      LinePoint point;

      if (datum == NULL || isnan (datum->value))
        continue;
      point.year = year;
      point.raw = datum->value;
      point.value = lines->relative ? (datum->value / base - 1.0) * 100.0 : datum->value;
      /* A change from 1e-300 to 1e300 is beyond any double: a gap,
       * counted under the title, rather than a line to infinity. */
      if (!isfinite (point.value))
        {
          left_out->n_too_large++;
          continue;
        }
      point.hollow = rex_chart_datum_is_marked (datum);
      /* A log axis cannot place zero or negative values: they become
       * gaps, and the region is named as having such figures. */
      if (lines->log_y && !(point.value > 0))
        {
          if (!series->off_log)
            rex_chart_append_region_name (left_out->off_log, region);
          series->off_log = TRUE;
          continue;
        }
      lines->any_hollow |= point.hollow;
      g_array_append_val (series->points, point);
      rex_chart_add_value_source (chart, region, metric_id, year);
    }
  return series;
}

/* The years of @data within those asked for; FALSE when none is. */
static gboolean
series_years (const Lines *lines,
              RexSeries   *data,
              int         *y0,
              int         *y1)
{
  if (data == NULL || !rex_series_get_year_range (data, y0, y1))
    return FALSE;
  if (lines->from_year != 0)
    *y0 = MAX (*y0, lines->from_year);
  if (lines->to_year != 0)
    *y1 = MIN (*y1, lines->to_year);
  return *y0 <= *y1;
}

/* One series per region that has values to draw, and the years they span;
 * the others in @left_out. */
static void
collect_series (RexChart   *chart,
                Lines      *lines,
                GPtrArray  *regions,
                const char *metric_id,
                LeftOut    *left_out)
{
  lines->first_year = G_MAXINT;
  lines->last_year = G_MININT;
  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];
      RexSeries *data = rex_region_get_series (region, metric_id);
      LineSeries *series;
      double base = NAN;
      int y0, y1, base_year;

      if (lines->own_base && series_years (lines, data, &y0, &y1))
        base_year = first_base_year (data, y0, y1);
      else
        base_year = lines->base_year;
      if (data != NULL && lines->relative && rex_series_get_value (data, base_year, &base) && base <= 0)
        {
          /* No change in per cent can be measured from zero, nor from
           * below it (-100 to 350 would read -450 %): say so. */
          rex_chart_append_region_name (left_out->zero_base, region);
          continue;
        }
      /* Asked for but without values: named under the title, not silently
       * left out. */
      if (!series_years (lines, data, &y0, &y1)
          || (lines->relative && !rex_series_get_value (data, base_year, &base)))
        {
          rex_chart_append_region_name (left_out->missing, region);
          continue;
        }
      series = series_new (chart, lines, region, data, metric_id, y0, y1, base, left_out);
      series->base_year = base_year;
      if (series->points->len == 0)
        {
          /* Named already when its figures are all off the log axis. */
          if (!series->off_log)
            rex_chart_append_region_name (left_out->missing, region);
          line_series_free (series);
          continue;
        }
      /* By place in the selection, not among the series with data, so a
       * region keeps its colour from one metric to the next. */
      series->color_index = i;
      lines->first_year = MIN (lines->first_year, g_array_index (series->points, LinePoint, 0).year);
      lines->last_year = MAX (lines->last_year,
                              g_array_index (series->points, LinePoint, series->points->len - 1).year);
      lines->n_points += series->points->len;
      g_ptr_array_add (lines->series, series);
    }
}

/* The metric's series breaks within the drawn years, and where segments
 * start: at gaps and at breaks, since values either side of a break are not
 * comparable, so no line joins them. */
static void
find_breaks (Lines  *lines,
             GArray *notes)
{
  for (guint i = 0; i < notes->len && lines->series->len > 0; i++)
    {
      const RexSeriesNote *note = &g_array_index (notes, RexSeriesNote, i);
      g_autofree char *when = NULL;
      LineBreak mark;

      if (note->kind != REX_NOTE_KIND_BREAK
          || note->year <= lines->first_year || note->year > lines->last_year)
        continue;
      mark.year = note->year;
      when = rex_format_year (note->year);
      /* Translators: short label on the dashed line where a statistical series
       * was revised, e.g. "Series break 2020" */
      mark.label = g_strdup_printf (_("Series break %s"), when);
      g_array_append_val (lines->breaks, mark);
    }

  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];

      for (guint k = 0; k < series->points->len; k++)
        {
          LinePoint *p = &g_array_index (series->points, LinePoint, k);

          p->starts = k == 0 || g_array_index (series->points, LinePoint, k - 1).year != p->year - 1;
          for (guint b = 0; b < notes->len && !p->starts; b++)
            {
              const RexSeriesNote *note = &g_array_index (notes, RexSeriesNote, b);
              p->starts = note->kind == REX_NOTE_KIND_BREAK && note->year == p->year;
            }
        }
    }
}

/* "% change since 2015": what a relative chart plots; without a year the
 * regions share, each line from its own first year. */
static char *
change_since (const Lines *lines)
{
  g_autofree char *base = NULL;

  if (lines->own_base)
    /* Translators: subtitle of a line chart in relative mode when the regions
     * share no year: each line starts from its own first year */
    return g_strdup_printf (_("%% change since each region’s first year"));
  base = rex_format_year (lines->base_year);
  /* Translators: subtitle and value axis title of a line chart in relative mode */
  return g_strdup_printf (_("%% change since %s"), base);
}

/* The subtitle: what is plotted, the years, and what is left out. */
static char *
lines_subtitle (Lines               *lines,
                const RexChartSpec  *spec,
                const LeftOut       *left_out)
{
  g_autofree char *what = NULL;
  char *subtitle;

  if (lines->relative)
    what = change_since (lines);
  else
    what = g_strdup (rex_metric_get_display_unit (lines->metric));
  if (lines->relative && spec->log_y)
    {
      /* Changes can be negative: a log axis cannot show them. Say so rather
       * than ignore the request. */
      /* Translators: appended to a relative line chart's subtitle when a log scale was asked for */
      g_autofree char *with = g_strdup_printf (_("%s (linear: a log scale cannot show changes below zero)"), what);
      g_free (what);
      what = g_steal_pointer (&with);
    }
  if (lines->series->len == 0)
    subtitle = g_strdup (what);
  else
    {
      g_autofree char *years = rex_format_year_range (lines->first_year, lines->last_year);

      /* Translators: line chart subtitle: unit and year or years, e.g. "% · 1949–2025" */
      subtitle = g_strdup_printf (_("%s · %s"), what, years);
    }
  /* Before the lists of regions left out, which may run long. */
  if (lines->split)
    /* Translators: appended to a line chart's subtitle when each region has a chart of its own */
    rex_chart_append_subtitle_note (&subtitle, _("%s · a chart per region, on one scale"), subtitle);
  else if (spec->split && lines->series->len > MAX_PANELS)
    /* Translators: appended to a line chart's subtitle when a chart per region was asked for
     * too many regions: "… · 40 regions, too many to draw apart (at most 36)" */
    rex_chart_append_subtitle_note (&subtitle, _("%s · %u regions, too many to draw apart (at most %d)"),
                                    subtitle, lines->series->len, MAX_PANELS);
  if (left_out->missing->len > 0 && lines->series->len > 0)
    /* Translators: appended to a line chart's subtitle: "… · No data: Jiangsu, Sichuan" */
    rex_chart_append_subtitle_note (&subtitle, _("%s · No data: %s"), subtitle, left_out->missing->str);
  if (left_out->n_too_large > 0)
    rex_chart_append_subtitle_note (&subtitle,
                                    /* Translators: appended to a line chart's subtitle when relative
                                     * changes overflow */
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "%s · %u change too large to draw",
                                                 "%s · %u changes too large to draw", left_out->n_too_large),
                                    subtitle, left_out->n_too_large);
  if (left_out->off_log->len > 0 && lines->series->len > 0)
    /* Translators: appended to a line chart's subtitle on a log scale: "… · Zero or less, not on the log scale: Tibet" */
    rex_chart_append_subtitle_note (&subtitle, _("%s · Zero or less, not on the log scale: %s"),
                                    subtitle, left_out->off_log->str);
  if (left_out->zero_base->len > 0 && lines->series->len > 0)
    /* Translators: appended to a relative line chart's subtitle: "… · Zero or less in the base year: Tibet" */
    rex_chart_append_subtitle_note (&subtitle, _("%s · Zero or less in the base year: %s"),
                                    subtitle, left_out->zero_base->str);
  return subtitle;
}

/* Why a chart without a line is empty. */
static void
set_empty_message (RexChart      *chart,
                   Lines         *lines,
                   const LeftOut *left_out)
{
  const char *name = rex_metric_get_display_name (lines->metric);
  g_autofree char *message = NULL;
  g_autofree char *base = rex_format_year (lines->base_year);

  if (left_out->off_log->len > 0 && left_out->missing->len == 0)
    /* Translators: empty line chart on a log scale: every figure is 0 or less */
    message = g_strdup_printf (_("%s is zero or less for %s: a log scale cannot show it. "
                                 "Turn the log scale off."), name, left_out->off_log->str);
  else if (left_out->zero_base->len > 0)
    /* Translators: empty relative line chart: every base value is 0 or less */
    message = g_strdup_printf (_("%s is zero or less in the base year for %s: no change in per cent can be "
                                 "measured from there. Choose another base year."),
                               name, left_out->zero_base->str);
  else if (lines->relative && !lines->own_base)
    /* Translators: empty line chart in relative mode */
    message = g_strdup_printf (_("No region has data for %s in %s to compare with. "
                                 "Choose another base year."),
                               name, base);
  else if (lines->from_year != 0 || lines->to_year != 0)
    {
      g_autofree char *from = lines->from_year != 0 ? rex_format_year (lines->from_year) : g_strdup ("…");
      g_autofree char *to = lines->to_year != 0 ? rex_format_year (lines->to_year) : g_strdup ("…");

      /* Translators: empty line chart of a range of years: "No data for GDP in these regions from 1990 to 1995. …" */
      message = g_strdup_printf (_("No data for %s in these regions from %s to %s. Choose other years, "
                                   "another metric or other regions."), name, from, to);
    }
  else
    message = g_strdup_printf (_("No data for %s in these regions. Choose another metric "
                                 "or other regions."), name);
  rex_chart_set_empty (chart, message);
}

static gpointer
lines_prepare (RexChart  *chart,
               GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autoptr(GPtrArray) regions = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) zero_base = g_string_new (NULL);
  g_autoptr(GString) off_log = g_string_new (NULL);
  LeftOut left_out = { missing, zero_base, 0, off_log };
  RexMetric *metric;
  const char *metric_id;
  Lines *lines;
  int first = 0, last = 0;

  metric = rex_chart_require_metric (chart, spec->metric, _("a metric (--metric)"), error);
  if (metric == NULL || !rex_change_check_relative (spec, metric, error))
    return NULL;
  metric_id = rex_metric_get_id (metric);

  lines = g_new0 (Lines, 1);
  lines->metric = metric;
  lines->series = g_ptr_array_new_with_free_func (line_series_free);
  lines->breaks = g_array_new (FALSE, TRUE, sizeof (LineBreak));
  g_array_set_clear_func (lines->breaks, line_break_clear);
  lines->relative = spec->relative;
  lines->log_y = spec->log_y && !spec->relative;
  regions = lines_regions (chart, metric_id);
  rex_dataset_get_year_range (dataset, metric_id, &first, &last);
  /* The years asked for, within those the metric has. */
  lines->from_year = spec->from_year;
  lines->to_year = spec->to_year;
  if (spec->from_year != 0)
    first = MAX (first, spec->from_year);
  if (spec->to_year != 0)
    last = MIN (last, spec->to_year);

  if (lines->relative)
    {
      lines->base_year = spec->base_year != 0 ? spec->base_year
                                              : first_common_year (regions, metric_id, first, last);
      /* Without a year the regions share, each series is indexed to its
       * own first year (the subtitle says so). */
      lines->own_base = lines->base_year == 0;
    }
  collect_series (chart, lines, regions, metric_id, &left_out);
  find_breaks (lines, rex_metric_get_notes (metric));

  lines->split = spec->split && lines->series->len >= 2 && lines->series->len <= MAX_PANELS;
  subtitle = lines_subtitle (lines, spec, &left_out);
  rex_chart_set_titles (chart, rex_metric_get_display_name (metric), subtitle);
  if (lines->series->len == 0)
    set_empty_message (chart, lines, &left_out);
  return lines;
}

/* Where @year and @value stand in @plot (the chart's, or a small chart's
 * when split). */
static double
year_x (const Lines  *lines,
        const RexBox *plot,
        int           year)
{
  return plot->x0 + rex_scale_normalize (lines->xscale, year) * (plot->x1 - plot->x0);
}

static double
value_y (const Lines  *lines,
         const RexBox *plot,
         double        value)
{
  return plot->y1 - rex_scale_normalize (lines->yscale, value) * (plot->y1 - plot->y0);
}

static void
path_add (GArray *path,
          double  x,
          double  y)
{
  double xy[2] = { x, y };

  g_array_append_vals (path, xy, 2);
}

/* Builds the polyline of @series in its plot: segments of consecutive
 * years. When the series has more points than the plot has pixel columns,
 * each column keeps only its lowest and highest point, in the order they
 * came: the envelope drawn is the same to the pixel, with at most two
 * vertices per column. */
static void
build_path (Lines      *lines,
            LineSeries *series)
{
  GArray *points = series->points;
  double columns = series->panel.x1 - series->panel.x0;
  /* Two vertices per column: reducing pays only beyond two points per column. */
  gboolean reduce = points->len > 2 * columns;
  double col = NAN, col_min = 0, col_max = 0;
  gboolean min_first = TRUE;

  g_clear_pointer (&series->path, g_array_unref);
  series->path = g_array_new (FALSE, FALSE, sizeof (double));
  series->reduced = reduce;

  for (guint i = 0; i <= points->len; i++)
    {
      const LinePoint *p = i < points->len ? &g_array_index (points, LinePoint, i) : NULL;
      double x = p ? year_x (lines, &series->panel, p->year) : NAN;
      double y = p ? value_y (lines, &series->panel, p->value) : NAN;
      gboolean new_segment = p == NULL || p->starts;
      double c = floor (x);

      if (reduce && !isnan (col) && (new_segment || c != col))
        {
          path_add (series->path, col + 0.5, min_first ? col_min : col_max);
          if (col_min != col_max)
            path_add (series->path, col + 0.5, min_first ? col_max : col_min);
          col = NAN;
        }
      if (p == NULL)
        break;
      if (new_segment && series->path->len > 0)
        path_add (series->path, NAN, NAN);

      if (!reduce)
        path_add (series->path, x, y);
      else if (isnan (col))
        {
          col = c;
          col_min = col_max = y;
          min_first = TRUE;
        }
      else if (y < col_min)
        {
          /* Pixel y grows downwards: a new minimum came after the maximum. */
          col_min = y;
          min_first = FALSE;
        }
      else if (y > col_max)
        {
          col_max = y;
          min_first = TRUE;
        }
    }
}

/* Places end labels near their line's last point without overlaps: in series
 * order, each takes the free position closest to its line; a label that would
 * drift more than two lines away is dropped. */
static void
place_labels (Lines               *lines,
              const RexChartFrame *frame,
              double               label_h)
{
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));
  double top = frame->y + label_h / 2, bottom = lines->plot.y1 - label_h / 2;

  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      double want = CLAMP (series->end_y, top, bottom);
      double best = NAN;

      series->label_shown = FALSE;
      /* Candidates: the wanted place, and just above/below each taken label. */
      for (guint k = 0; k <= taken->len * 2; k++)
        {
          double cand = k == 0 ? want
                               : g_array_index (taken, double, (k - 1) / 2) + ((k % 2) ? -label_h : label_h);
          gboolean free = cand >= top - 0.01 && cand <= bottom + 0.01;

          for (guint j = 0; j < taken->len && free; j++)
            free = fabs (g_array_index (taken, double, j) - cand) >= label_h - 0.01;
          if (free && (isnan (best) || fabs (cand - want) < fabs (best - want)))
            best = cand;
        }
      if (isnan (best) || fabs (best - want) > label_h * 2.5)
        continue;
      series->label_y = best;
      series->label_shown = TRUE;
      g_array_append_val (taken, best);
      g_array_sort (taken, rex_chart_compare_doubles);
    }
}

/* The end label of a series: its region, and the year of its last value
 * when that comes before the chart's last year. */
static char *
series_label (const Lines      *lines,
              const LineSeries *series)
{
  int last = g_array_index (series->points, LinePoint, series->points->len - 1).year;
  g_autofree char *year = NULL;

  if (last < lines->last_year)
    {
      year = rex_format_year (last);
      /* Translators: end label of a line that stops early: "Jiangsu (2012)" */
      return g_strdup_printf (_("%s (%s)"), rex_region_get_display_name (series->region), year);
    }
  return g_strdup (rex_region_get_display_name (series->region));
}

static double
lines_legend_height (RexChart            *chart,
                     gpointer             data,
                     const RexChartFrame *frame)
{
  Lines *lines = data;

  return lines->any_hollow ? frame->em * 1.6 : 0.0;
}

/* Split: the columns of the grid of small charts (lines->n_cols), those
 * that make the charts nearest 1.6 times as wide as they are tall; returns
 * a chart's height. Each row holds the charts' names above them and room
 * for the years' labels below. */
static double
choose_grid (Lines               *lines,
             const RexChartFrame *frame,
             double               axis_text_h)
{
  guint n = lines->series->len;
  double best = -G_MAXDOUBLE, height = 0;

  /* However small the chart, some grid: charts too small to read are the
   * size's fault, not a reason to draw none. */
  lines->n_cols = 1;
  for (guint cols = 1; cols <= n; cols++)
    {
      guint rows = (n + cols - 1) / cols;
      double w = (frame->w * 0.92 - (cols - 1) * frame->em * 1.2) / cols;
      double h = (frame->h - axis_text_h * 1.5) / rows - lines->title_h - frame->em * 1.8;
      double score = MIN (w / 1.6, h);

      if (score > best)
        {
          best = score;
          lines->n_cols = cols;
          height = h;
        }
    }
  return MAX (height, frame->em);
}

/* Split: each series' panel in the grid, row by row, within the left edge
 * and the top the chart's plot would have, each @plot_h tall. Side by
 * side, the charts stand a year's label apart: a year at the right edge of
 * one and at the left edge of the next ("2020", "2010") would run into one
 * another. */
static void
place_panels (Lines               *lines,
              const RexChartFrame *frame,
              double               axis_text_h,
              double               plot_h)
{
  g_autofree char *year = rex_format_year (lines->last_year);
  g_autoptr(PangoLayout) probe = rex_chart_role_text (frame, year, REX_CHART_TEXT_LABEL);
  double year_w, gap;
  double x0 = lines->plot.x0, x1 = frame->x + frame->w - frame->em * 0.5;
  double w, pitch = lines->title_h + plot_h + frame->em * 1.8;

  rex_chart_text_size (probe, &year_w, NULL);
  gap = MAX (frame->em * 1.2, year_w + frame->em * 0.8);
  w = MAX (1.0, (x1 - x0 - (lines->n_cols - 1) * gap) / lines->n_cols);
  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      guint col = i % lines->n_cols, row = i / lines->n_cols;
      double top = frame->y + axis_text_h * 1.5 + row * pitch + lines->title_h;

      series->panel = (RexBox) { x0 + col * (w + gap), top, x0 + col * (w + gap) + w, top + plot_h };
    }
  lines->plot = ((LineSeries *) lines->series->pdata[0])->panel;
}

/* Each series' path in its plot (split, its own chart's), and its points
 * as the chart's items. */
static void
place_series (Lines  *lines,
              GArray *items)
{
  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      const LinePoint *last = &g_array_index (series->points, LinePoint, series->points->len - 1);

      build_path (lines, series);
      series->end_y = value_y (lines, &series->panel, last->value);
      series->first_item = items->len;
      for (guint k = 0; k < series->points->len; k++)
        {
          const LinePoint *p = &g_array_index (series->points, LinePoint, k);

          /* The item is the figure; in relative mode what is plotted of it
           * is told by lines_describe_change(). */
          rex_chart_append_item (items, series->region, lines->metric, p->year, p->raw,
                                 year_x (lines, &series->panel, p->year),
                                 value_y (lines, &series->panel, p->value));
        }
    }
}

static void
lines_layout (RexChart            *chart,
              gpointer             data,
              const RexChartFrame *frame,
              GArray              *items)
{
  Lines *lines = data;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, label_w = 0, tick_w = 0, label_h = 0, axis_text_h = 0, plot_h;
  int n_year_ticks;

  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      g_autofree char *text = series_label (lines, series);
      g_autoptr(PangoLayout) name = rex_chart_role_text (frame, text, REX_CHART_TEXT_NAME_BOLD);
      double w;

      for (guint k = 0; k < series->points->len; k++)
        {
          double v = g_array_index (series->points, LinePoint, k).value;
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
      rex_chart_text_size (name, &w, &label_h);
      label_w = MAX (label_w, w);
    }

  /* Percentages stay within 0–100 when the data do: a lone point must not
   * stretch the axis to 120 %. */
  if (!lines->relative && !lines->log_y && rex_metric_get_percent (lines->metric)
      && lo >= 0 && hi <= 100 && hi - lo < 10)
    {
      lo = MAX (0, lo - 10);
      hi = MIN (100, hi + 10);
    }

  {
    g_autoptr(PangoLayout) probe = rex_chart_role_text (frame, "Ag", REX_CHART_TEXT_NAME_BOLD);
    g_autoptr(PangoLayout) axis_probe = rex_chart_role_text (frame, "Ag", REX_CHART_TEXT_LABEL);

    rex_chart_text_size (probe, NULL, &label_h);
    rex_chart_text_size (axis_probe, NULL, &axis_text_h);
  }
  lines->title_h = label_h * 1.3;
  /* Split, the value axis is as tall as one small chart. */
  plot_h = lines->split ? choose_grid (lines, frame, axis_text_h) : frame->h;

  g_clear_pointer (&lines->yscale, rex_scale_free);
  if (lines->log_y)
    {
      lines->yscale = rex_scale_new_log (lo, hi, TRUE, frame->style->number_format);
      rex_chart_fit_log_scale (lines->yscale, lo, hi);
    }
  else
    lines->yscale = rex_scale_new_linear (lo, hi, MAX (2, (int) (plot_h / (frame->em * (lines->split ? 2.5 : 4)))),
                                          lines->relative, FALSE, frame->style->number_format);
  {
    /* One format for the axis and every value shown, from all the points;
     * changes in per cent are written with one decimal. */
    g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < lines->series->len; i++)
      {
        LineSeries *series = lines->series->pdata[i];

        for (guint k = 0; k < series->points->len; k++)
          g_array_append_val (values, g_array_index (series->points, LinePoint, k).value);
      }
    rex_value_format_init (&lines->format, (const double *) (gpointer) values->data, values->len,
                           lines->relative ? 1 : rex_metric_get_decimals (lines->metric), FALSE,
                           frame->style->number_format);
    rex_value_format_label_scale (&lines->format, lines->yscale);
  }

  for (guint i = 0; i < lines->yscale->ticks->len; i++)
    {
      const RexTick *tick = &g_array_index (lines->yscale->ticks, RexTick, i);
      g_autoptr(PangoLayout) layout = rex_chart_role_text (frame, tick->label, REX_CHART_TEXT_LABEL);
      double w;

      rex_chart_text_size (layout, &w, NULL);
      tick_w = MAX (tick_w, w);
    }

  label_w = MIN (label_w, frame->w * 0.28);
  lines->radius = frame->em * 0.22;
  /* The first year's points sit on the vertical axis: its labels keep
   * clear of the largest of them. */
  lines->tick_gap = lines->radius * 1.3 + frame->em * 0.3;
  lines->plot.x0 = frame->x + tick_w + lines->tick_gap + frame->em * 0.2;
  lines->plot.x1 = frame->x + frame->w - label_w - frame->em * 1.0;
  /* The unit stands above the axis; the top tick's label reaches half a
   * line above the plot, with 0.4 of a line between them. */
  lines->plot.y0 = frame->y + axis_text_h * 1.9;
  lines->plot.y1 = frame->y + frame->h - frame->em * 1.8;
  lines->label_x = lines->plot.x1 + lines->radius * 2 + frame->em * 0.3;
  lines->items = items;
  for (guint i = 0; i < lines->series->len; i++)
    ((LineSeries *) lines->series->pdata[i])->panel = lines->plot;
  if (lines->split)
    place_panels (lines, frame, axis_text_h, plot_h);

  n_year_ticks = MAX (2, (int) ((lines->plot.x1 - lines->plot.x0) / (frame->em * 4.0)));
  g_clear_pointer (&lines->xscale, rex_scale_free);
  if (lines->first_year == lines->last_year)
    lines->xscale = rex_scale_new_years (lines->first_year - 1, lines->last_year + 1, n_year_ticks);
  else
    lines->xscale = rex_scale_new_years (lines->first_year, lines->last_year, n_year_ticks);

  place_series (lines, items);
  if (!lines->split)
    place_labels (lines, frame, label_h * 1.05);
}

/* One colour per region while the palette lasts; further regions share the
 * muted grey rather than repeat a colour that already means another region
 * (each line is named at its end). Split, each line is alone in its chart,
 * named above it: all are the accent colour. */
static RexColor
series_color (const Lines         *lines,
              const RexChartStyle *style,
              const LineSeries    *series)
{
  if (lines->split)
    return style->accent;
  if (series->color_index >= REX_PALETTE_SIZE - 1)
    return style->muted;
  return style->palette[series->color_index];
}

static void
stroke_path (cairo_t          *cr,
             const LineSeries *series)
{
  gboolean pen_down = FALSE;

  for (guint k = 0; k + 1 < series->path->len; k += 2)
    {
      double x = g_array_index (series->path, double, k);
      double y = g_array_index (series->path, double, k + 1);

      if (isnan (x))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);
}

static void
draw_point (cairo_t        *cr,
            double          x,
            double          y,
            double          r,
            gboolean        hollow,
            const RexColor *color,
            const RexColor *background)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  rex_chart_set_color (cr, hollow ? background : color);
  cairo_fill_preserve (cr);
  rex_chart_set_color (cr, color);
  cairo_set_line_width (cr, MAX (1.0, r * 0.55));
  cairo_stroke (cr);
}

static void
draw_series (const Lines         *lines,
             const LineSeries    *series,
             cairo_t             *cr,
             const RexChartFrame *frame,
             double               width)
{
  const RexChartStyle *style = frame->style;
  RexColor color = series_color (lines, style, series);
  GArray *points = series->points;
  /* Markers on every point only while they stay apart. */
  const RexBox *plot = &series->panel;
  gboolean all_points = !series->reduced
                        && (plot->x1 - plot->x0) / MAX (lines->last_year - lines->first_year, 1)
                           > lines->radius * 5;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, width);
  rex_chart_set_color (cr, &color);
  stroke_path (cr, series);

  for (guint k = 0; k < points->len; k++)
    {
      const LinePoint *p = &g_array_index (points, LinePoint, k);
      gboolean alone = p->starts && (k + 1 == points->len || g_array_index (points, LinePoint, k + 1).starts);

      if (!(alone || p->hollow || all_points) || (series->reduced && !alone))
        continue;
      draw_point (cr, year_x (lines, plot, p->year), value_y (lines, plot, p->value),
                  lines->radius * (width > 2.5 ? 1.3 : 1.0), p->hollow, &color, &style->background);
    }
}

static void
draw_value_axis (const Lines         *lines,
                 cairo_t             *cr,
                 const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  g_autofree char *title = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;

  /* Split, each small chart draws its own. */
  if (!lines->split)
    rex_chart_draw_y_ticks (cr, frame, lines->yscale, &lines->plot, lines->tick_gap);

  if (lines->relative)
    title = change_since (lines);
  else if (lines->log_y)
    /* Translators: value axis title on a logarithmic scale, %s is the unit */
    title = g_strdup_printf (_("%s (log scale)"), rex_metric_get_display_unit (lines->metric));
  else
    title = g_strdup (rex_metric_get_display_unit (lines->metric));
  title_layout = rex_chart_role_text (frame, title, REX_CHART_TEXT_LABEL);
  rex_chart_draw_text (cr, title_layout, frame->x, frame->y, 0.0, 0.0, &style->muted);
}

/* The series breaks as dashed rules across the plot, between the last
 * year of the old basis and the first of the new; @labelled: with what
 * changed written beside them. */
static void
draw_breaks (const Lines         *lines,
             const RexBox        *plot,
             cairo_t             *cr,
             const RexChartFrame *frame,
             gboolean             labelled)
{
  const RexChartStyle *style = frame->style;
  static const double dash[] = { 4.0, 3.0 };

  for (guint i = 0; i < lines->breaks->len; i++)
    {
      const LineBreak *mark = &g_array_index (lines->breaks, LineBreak, i);
      double x = rex_chart_snap (cr, (year_x (lines, plot, mark->year - 1) + year_x (lines, plot, mark->year)) / 2,
                                 FALSE);
      g_autoptr(PangoLayout) label = NULL;
      double w;

      rex_chart_set_color (cr, &style->reference);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, x, plot->y0);
      cairo_line_to (cr, x, plot->y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (!labelled)
        continue;
      label = rex_chart_role_text (frame, mark->label, REX_CHART_TEXT_SMALL);
      rex_chart_text_size (label, &w, NULL);
      /* Label to the left of the rule unless it would leave the plot. */
      if (x - w - frame->em * 0.3 > plot->x0)
        rex_chart_draw_text (cr, label, x - frame->em * 0.3, plot->y0, 1.0, 0.0, &style->reference);
      else
        rex_chart_draw_text (cr, label, x + frame->em * 0.3, plot->y0, 0.0, 0.0, &style->reference);
    }
}

/* Split: each series in its small chart, named above it;
 * the values labelled on the left column only and the years under the
 * lowest chart of each column (the others' are clipped away), the breaks
 * written beside the first chart's rules. */
static void
draw_panels (const Lines         *lines,
             cairo_t             *cr,
             const RexChartFrame *frame)
{
  guint n = lines->series->len;

  for (guint i = 0; i < n; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      const RexBox *box = &series->panel;
      /* The chart's own years axis shows where the line ends: its name only. */
      g_autoptr(PangoLayout) name = rex_chart_role_text (frame, rex_region_get_display_name (series->region),
                                                         REX_CHART_TEXT_NAME_BOLD);

      cairo_save (cr);
      if (i % lines->n_cols != 0)
        {
          cairo_rectangle (cr, box->x0 - 1, frame->y, frame->x + frame->w - box->x0 + 1, frame->h);
          cairo_clip (cr);
        }
      rex_chart_draw_y_ticks (cr, frame, lines->yscale, box, lines->tick_gap);
      cairo_restore (cr);
      cairo_save (cr);
      if (i + lines->n_cols < n)
        {
          cairo_rectangle (cr, frame->x, frame->y, frame->w, box->y1 + 1 - frame->y);
          cairo_clip (cr);
        }
      rex_chart_draw_x_axis (cr, frame, lines->xscale, box, NULL);
      cairo_restore (cr);
      draw_breaks (lines, box, cr, frame, i == 0);
      draw_series (lines, series, cr, frame, MAX (1.5, frame->em * 0.16));
      pango_layout_set_width (name, (int) ((box->x1 - box->x0) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      rex_chart_draw_text (cr, name, box->x0, box->y0 - lines->title_h, 0.0, 0.0, &frame->style->foreground);
    }
}

static void
lines_draw (RexChart            *chart,
            gpointer             data,
            cairo_t             *cr,
            const RexChartFrame *frame)
{
  Lines *lines = data;
  const RexChartStyle *style = frame->style;

  draw_value_axis (lines, cr, frame);
  if (lines->any_hollow)
    rex_chart_status_key (cr, frame, frame->x, frame->y - frame->em * 1.6, frame->w, FALSE);
  if (lines->split)
    {
      draw_panels (lines, cr, frame);
      return;
    }
  rex_chart_draw_x_axis (cr, frame, lines->xscale, &lines->plot, NULL);
  draw_breaks (lines, &lines->plot, cr, frame, TRUE);

  /* Later series first so the first (the nation, or the top region) is on top. */
  for (guint i = lines->series->len; i > 0; i--)
    draw_series (lines, lines->series->pdata[i - 1], cr, frame, MAX (1.5, frame->em * 0.16));

  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      RexColor color = series_color (lines, style, series);
      g_autoptr(PangoLayout) name = NULL;
      double w = frame->x + frame->w - lines->label_x;
      g_autofree char *text = NULL;
      double ex;

      if (!series->label_shown)
        continue;
      text = series_label (lines, series);
      name = rex_chart_role_text (frame, text, REX_CHART_TEXT_NAME_BOLD);
      pango_layout_set_width (name, (int) ((w + 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      /* A thin leader from the last real point when the label had to move
       * away from its line or the series ends before the last year: a label
       * floating at the right edge would read as a line reaching it. */
      ex = year_x (lines, &series->panel, g_array_index (series->points, LinePoint, series->points->len - 1).year);
      if (fabs (series->label_y - series->end_y) > frame->em * 0.3
          || ex < lines->plot.x1 - frame->em * 0.5)
        {
          /* Dotted, so that it never reads as the line going on. */
          static const double dots[] = { 1.0, 3.0 };
          /* Level, it is drawn on a pixel row, dark, not as two pale ones. */
          gboolean level = fabs (series->label_y - series->end_y) < 0.5;
          double y0 = level ? rex_chart_snap (cr, series->end_y, TRUE) : series->end_y;
          double y1 = level ? y0 : series->label_y;

          rex_chart_set_color (cr, &style->muted);
          cairo_set_line_width (cr, 1.0);
          cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
          cairo_move_to (cr, ex + lines->radius * 1.5, y0);
          cairo_line_to (cr, lines->label_x - frame->em * 0.15, y1);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      rex_chart_draw_text (cr, name, lines->label_x, series->label_y, 0.0, 0.5, &color);
    }
}

/* The point of @item, and its series; NULL for an item of no point. */
static const LinePoint *
item_point (const Lines        *lines,
            const RexChartItem *item,
            LineSeries        **series_out)
{
  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];

      if (item->index < series->first_item || item->index - series->first_item >= series->points->len)
        continue;
      *series_out = series;
      return &g_array_index (series->points, LinePoint, item->index - series->first_item);
    }
  return NULL;
}

static void
lines_draw_hover (RexChart            *chart,
                  gpointer             data,
                  cairo_t             *cr,
                  const RexChartFrame *frame,
                  const RexChartItem  *item)
{
  Lines *lines = data;
  const RexChartStyle *style = frame->style;
  LineSeries *series = NULL;
  const LinePoint *point = item_point (lines, item, &series);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  g_autofree char *year = NULL;
  g_autoptr(PangoLayout) label = NULL;
  double w, h, bx, by;

  if (point == NULL)
    return;
  /* The series of the focused point is drawn again, heavier, over the rest,
   * in its own small chart when split. */
  draw_series (lines, series, cr, frame, MAX (3.0, frame->em * 0.3));
  rex_chart_set_color (cr, &style->hover);
  cairo_set_line_width (cr, 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, item->x, item->y, lines->radius * 2.4, 0, 2 * G_PI);
  cairo_stroke (cr);

  /* As plotted, in the axis' format: the change in relative mode. */
  value = rex_value_format_print (&lines->format, point->value);
  year = rex_format_year (item->year);
  /* Translators: hover label on a line chart: "China 2020: 63.89" */
  text = g_strdup_printf (_("%s %s: %s"), rex_region_get_display_name (item->region), year, value);
  label = rex_chart_text (frame, text, 0.85, PANGO_WEIGHT_BOLD);
  rex_chart_text_size (label, &w, &h);
  bx = CLAMP (item->x - w / 2, frame->x, frame->x + frame->w - w);
  by = item->y - lines->radius * 3 - h > series->panel.y0 ? item->y - lines->radius * 3 - h
                                                         : item->y + lines->radius * 3;
  rex_chart_set_color (cr, &style->background);
  cairo_rectangle (cr, bx - 4, by - 2, w + 8, h + 4);
  cairo_fill (cr);
  rex_chart_draw_text (cr, label, bx, by, 0.0, 0.0, &style->foreground);
}

static int
lines_hit_test (RexChart            *chart,
                gpointer             data,
                const RexChartFrame *frame,
                double               x,
                double               y)
{
  Lines *lines = data;
  double best = frame->em * 1.2;
  int found = -1;

  best *= best;
  for (guint i = 0; lines->items && i < lines->items->len; i++)
    {
      const RexChartItem *item = &g_array_index (lines->items, RexChartItem, i);
      double dx = item->x - x, dy = item->y - y, d = dx * dx + dy * dy;

      if (d < best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

static void
lines_fill_table (RexChart      *chart,
                  gpointer       data,
                  RexChartTable *table)
{
  Lines *lines = data;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));

  rex_chart_table_add_region_columns (table, lines->metric);
  if (lines->relative && lines->own_base)
    g_ptr_array_add (table->columns, g_strdup_printf (_("%% change since each region’s first year")));
  else if (lines->relative)
    g_ptr_array_add (table->columns, change_since (lines));
  rex_chart_table_add_columns (table, _("Status"), NULL);

  /* Every year in the drawn range, so gaps show as empty cells. */
  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      int first = g_array_index (series->points, LinePoint, 0).year;
      guint k = 0;

      for (int year = first; year <= lines->last_year; year++)
        {
          GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
          const LinePoint *p = NULL;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          while (k < series->points->len && g_array_index (series->points, LinePoint, k).year < year)
            k++;
          if (k < series->points->len && g_array_index (series->points, LinePoint, k).year == year)
            p = &g_array_index (series->points, LinePoint, k);
          g_ptr_array_add (cells, g_strdup (rex_region_get_id (series->region)));
          g_ptr_array_add (cells, g_strdup (rex_region_get_display_name (series->region)));
          g_ptr_array_add (cells, g_strdup_printf ("%d", year));
          g_ptr_array_add (cells, rex_chart_raw_number (p ? p->raw : NAN));
          if (lines->relative)
            {
              g_ascii_formatd (buf, sizeof buf, "%.10g", p ? p->value : 0);
              g_ptr_array_add (cells, p ? g_strdup (buf) : g_strdup (""));
            }
          g_ptr_array_add (cells, p ? rex_chart_datum_status (rex_chart_get_datum (series->region,
                                                                                   rex_metric_get_id (lines->metric),
                                                                                   year))
                                    : g_strdup (""));
          g_ptr_array_add (table->rows, cells);
        }
    }
}

static char *
lines_describe (RexChart *chart,
                gpointer  data)
{
  Lines *lines = data;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s, %s.", rex_chart_get_title (chart), rex_chart_get_subtitle (chart));
  for (guint i = 0; i < lines->series->len; i++)
    {
      LineSeries *series = lines->series->pdata[i];
      const LinePoint *first = &g_array_index (series->points, LinePoint, 0);
      const LinePoint *last = &g_array_index (series->points, LinePoint, series->points->len - 1);
      g_autofree char *a = rex_chart_format_value (lines->metric, first->value, FALSE,
                                                      rex_chart_get_number_format (chart));
      g_autofree char *b = rex_chart_format_value (lines->metric, last->value, FALSE,
                                                      rex_chart_get_number_format (chart));
      g_autofree char *from = rex_format_year (first->year);
      g_autofree char *to = rex_format_year (last->year);

      g_string_append_c (text, ' ');
      /* Translators: screen reader summary of one line: "China: 10.64 in 1949 to 67.89 in 2025." */
      g_string_append_printf (text, _("%s: %s in %s to %s in %s."),
                              rex_region_get_display_name (series->region), a, from, b, to);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* In relative mode: "+9.2 % since 2015". */
static char *
lines_describe_change (RexChart           *chart,
                       gpointer            data,
                       const RexChartItem *item)
{
  Lines *lines = data;
  LineSeries *series = NULL;
  const LinePoint *p = item_point (lines, item, &series);
  g_autofree char *base = NULL;

  if (!lines->relative || p == NULL)
    return NULL;
  base = rex_format_year (series->base_year);
  /* Translators: what a relative line chart plots of a point, in its
   * tooltip and screen reader name: "+9.2 % since 2015" */
  return g_strdup_printf (_("%+.1f %% since %s"), p->value, base);
}

/* "Beijing, Urbanization rate 2024: 87.8 %", in relative mode with the
 * change: "…: 87.8 %, +9.2 % since 2015". */
static char *
lines_describe_item (RexChart           *chart,
                     gpointer            data,
                     const RexChartItem *item)
{
  g_autofree char *change = lines_describe_change (chart, data, item);
  Lines *lines = data;
  LineSeries *series = NULL;
  const LinePoint *p = item_point (lines, item, &series);
  GString *text;

  if (p == NULL)
    return g_strdup ("");
  text = rex_chart_item_sentence (rex_region_get_display_name (series->region), lines->metric,
                                  p->year, p->raw);
  if (change != NULL)
    /* Translators: separator before a further fact in a chart item's screen reader name */
    g_string_append_printf (text, "%s%s", C_("item name", ", "), change);
  rex_chart_append_item_notes (chart, text, series->region, rex_metric_get_id (lines->metric), p->year, FALSE);
  return g_string_free (text, FALSE);
}

const RexChartKindImpl rex_chart_lines_impl = {
  .kind = REX_CHART_KIND_LINES,
  .prepare = lines_prepare,
  .free_data = lines_free,
  .legend_height = lines_legend_height,
  .layout = lines_layout,
  .draw = lines_draw,
  .draw_hover = lines_draw_hover,
  .hit_test = lines_hit_test,
  .fill_table = lines_fill_table,
  .describe = lines_describe,
  .describe_item = lines_describe_item,
  .describe_change = lines_describe_change,
};
