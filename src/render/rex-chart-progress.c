/* rex-chart-progress.c — rural metrics against their targets.
 *
 * One row per metric for one region (the nation by default): the latest value
 * with its year and published wording, the target if one is set, the gap,
 * and the year a straight-line trend through the recent values would reach
 * the target. Where there is no target, or too few points for a trend, the
 * row says so rather than guessing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-private.h"

/* The rural coverage metrics shown when no metric is given. */
static const char * const default_metrics[] = {
  "sanitary_toilets", "waste_collection", "village_5g", "rural_tap_water", "rural_sewage",
};

/* Points of the trend: the most recent ones, at most this many. */
#define TREND_POINTS 5

typedef enum
{
  STATUS_NO_DATA,
  STATUS_NO_TARGET,
  STATUS_REACHED,
  STATUS_ON_TREND,
  STATUS_OFF_TREND,
  STATUS_NEEDS_TWO,
  STATUS_NOT_BEFORE_MAX,  /* the trend reaches it only after REX_YEAR_MAX */
} RowStatus;

typedef struct
{
  RexMetric    *metric;
  int           year;         /* of the latest value; 0 when none */
  double        value;        /* NaN when none */
  RexQualifier  qualifier;
  gboolean      marked;       /* estimated, derived or qualified: hollow */
  gboolean      has_target;
  double        target;
  int           target_year;
  double        scale_max;    /* the bar's full length, in the metric's unit */
  RowStatus     status;
  int           trend_year;   /* STATUS_ON_TREND */
  double        slope;        /* per year */
  char         *value_text;
  char         *status_text;
} ProgressRow;

typedef struct
{
  RexRegion *region;
  GArray    *rows;            /* ProgressRow */
  gboolean   any_marked;      /* a hollow bar, and so the key of hollow marks */

  /* layout */
  double     name_x1, bar_x0, bar_x1, text_x0;
  double     row_h, bar_h;
  guint      n_shown;         /* rows drawn; the rest are counted and in the table */
} Progress;

static void
row_clear (gpointer data)
{
  ProgressRow *row = data;

  g_free (row->value_text);
  g_free (row->status_text);
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_array_unref (progress->rows);
  g_free (progress);
}

static double
row_x (const Progress    *progress,
       const ProgressRow *row,
       double             value)
{
  return progress->bar_x0 + CLAMP (value / row->scale_max, 0.0, 1.0) * (progress->bar_x1 - progress->bar_x0);
}

/* "90%", ">90%", "≈75%", or the number and unit for other metrics. */
static char *
format_with_qualifier (RexMetric    *metric,
                       double        value,
                       RexQualifier  qualifier)
{
  const char *prefix = qualifier == REX_QUALIFIER_ABOUT ? "≈"
                       : qualifier == REX_QUALIFIER_OVER ? ">"
                       : qualifier == REX_QUALIFIER_UNDER ? "<" : "";
  g_autofree char *number = rex_chart_format_value (metric, value, FALSE);

  if (rex_metric_get_percent (metric))
    return g_strdup_printf (_("%s%s%%"), prefix, number);
  /* Translators: a value and its unit, e.g. "≈16 10,000 km" */
  return g_strdup_printf (_("%s%s %s"), prefix, number, rex_metric_get_display_unit (metric));
}

/* Target minus value; NaN when the difference is beyond the largest double
 * (a target of 1.7e308 and a value of -1.7e308). */
static double
row_gap (const ProgressRow *row)
{
  double gap = row->target - row->value;

  return isfinite (gap) ? gap : NAN;
}

/* The gap as the status text says it: "5", or "> 1.8e308" when it is too
 * large for a double. */
static char *
format_gap (const ProgressRow *row)
{
  double gap = row_gap (row);
  g_autofree char *largest = NULL;

  if (!isnan (gap))
    return rex_chart_format_value (row->metric, fabs (gap), FALSE);
  largest = rex_chart_format_value (row->metric, G_MAXDOUBLE, FALSE);
  return g_strdup_printf ("> %s", largest);
}

/* Least-squares line through the last points up to @year; FALSE with fewer
 * than two points. */
static gboolean
fit_trend (RexSeries *series,
           int        year,
           double    *slope,
           double    *intercept)
{
  double xs[TREND_POINTS], ys[TREND_POINTS];
  double mx = 0, my = 0, sxx = 0, sxy = 0;
  int n = 0, first, last;

  if (series == NULL || !rex_series_get_year_range (series, &first, &last))
    return FALSE;
  for (int y = MIN (year, last); y >= first && n < TREND_POINTS; y--)
    {
      double v;

      if (rex_series_get_value (series, y, &v))
        {
          xs[n] = y;
          ys[n] = v;
          n++;
        }
    }
  if (n < 2)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      mx += xs[i] / n;
      my += ys[i] / n;
    }
  for (int i = 0; i < n; i++)
    {
      sxx += (xs[i] - mx) * (xs[i] - mx);
      sxy += (xs[i] - mx) * (ys[i] - my);
    }
  *slope = sxy / sxx;
  *intercept = my - *slope * mx;
  return TRUE;
}

static void
evaluate_row (ProgressRow *row,
              RexSeries   *series)
{
  gboolean higher = rex_metric_get_higher_is_better (row->metric);
  double slope = 0, intercept = 0;
  g_autofree char *target_text = NULL;

  if (isnan (row->value))
    {
      row->status = STATUS_NO_DATA;
      row->status_text = g_strdup (_("No data"));
      return;
    }
  row->value_text = format_with_qualifier (row->metric, row->value, row->qualifier);
  if (!row->has_target)
    {
      row->status = STATUS_NO_TARGET;
      row->status_text = g_strdup (_("No target set"));
      return;
    }

  target_text = format_with_qualifier (row->metric, row->target, REX_QUALIFIER_EXACT);
  if (higher ? row->value >= row->target : row->value <= row->target)
    {
      row->status = STATUS_REACHED;
      /* Translators: progress row: "Target 80% by 2025: reached" */
      row->status_text = g_strdup_printf (_("Target %s by %d: reached"), target_text, row->target_year);
      return;
    }
  if (!fit_trend (series, row->year, &slope, &intercept))
    {
      g_autofree char *gap = format_gap (row);

      row->status = STATUS_NEEDS_TWO;
      /* Translators: progress row: "Target 80% by 2025 · 5 to go · trend needs two data points" */
      row->status_text = g_strdup_printf (_("Target %s by %d · %s to go · trend needs two data points"),
                                          target_text, row->target_year, gap);
      return;
    }
  row->slope = slope;
  if (higher ? slope > 0 : slope < 0)
    {
      double t = (row->target - intercept) / slope;
      g_autofree char *gap = format_gap (row);

      /* Bounded before the cast: a target of 1e300 growing 0.1 a year is
       * not reached "in 2023". Years past the last a dataset may hold are
       * not forecast. */
      if (!(t <= REX_YEAR_MAX))
        {
          row->status = STATUS_NOT_BEFORE_MAX;
          /* Translators: progress row: "Target 80% by 2025 · 5 to go · trend reaches it not before 2200" */
          row->status_text = g_strdup_printf (_("Target %s by %d · %s to go · trend reaches it not before %d"),
                                              target_text, row->target_year, gap, REX_YEAR_MAX);
          return;
        }
      row->status = STATUS_ON_TREND;
      row->trend_year = MAX ((int) ceil (t - 1e-9), row->year + 1);
      /* Translators: progress row: "Target 80% by 2025 · 5 to go · trend reaches it in 2027" */
      row->status_text = g_strdup_printf (_("Target %s by %d · %s to go · trend reaches it in %d"),
                                          target_text, row->target_year, gap, row->trend_year);
    }
  else
    {
      g_autofree char *gap = format_gap (row);

      row->status = STATUS_OFF_TREND;
      /* Translators: progress row: "Target 80% by 2025 · 5 to go · not on current trend" */
      row->status_text = g_strdup_printf (_("Target %s by %d · %s to go · not on current trend"),
                                          target_text, row->target_year, gap);
    }
}

static gboolean
add_metric (RexChart   *chart,
            Progress   *progress,
            RexMetric  *metric,
            gboolean    only_with_value)
{
  RexDataset *dataset = rex_chart_get_dataset (chart);
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexSeries *series = rex_region_get_series (progress->region, rex_metric_get_id (metric));
  ProgressRow row = { 0 };
  const char *target_source = NULL;

  for (guint i = 0; i < progress->rows->len; i++)
    if (g_array_index (progress->rows, ProgressRow, i).metric == metric)
      return TRUE;

  row.metric = metric;
  row.value = NAN;
  if (series != NULL
      && rex_series_get_latest (series, spec->year ? spec->year : REX_YEAR_MAX, &row.year, &row.value))
    {
      row.qualifier = rex_series_get_datum (series, row.year)->qualifier;
      row.marked = rex_chart_datum_is_marked (rex_series_get_datum (series, row.year));
      progress->any_marked |= row.marked;
      rex_chart_add_value_source (chart, progress->region, rex_metric_get_id (metric), row.year);
    }
  else if (only_with_value)
    return FALSE;
  else
    row.year = 0;

  row.has_target = rex_metric_get_target (metric, &row.target, &row.target_year, &target_source);
  if (row.has_target)
    rex_chart_add_source (chart, rex_dataset_lookup_source (dataset, target_source));
  if (rex_metric_get_percent (metric))
    row.scale_max = 100;
  else
    row.scale_max = MIN (MAX (row.has_target ? row.target : 0, isnan (row.value) ? 0 : row.value) * 1.1,
                         G_MAXDOUBLE);
  if (!(row.scale_max > 0))
    row.scale_max = 1;
  evaluate_row (&row, series);
  g_array_append_val (progress->rows, row);
  return TRUE;
}

static gpointer
progress_prepare (RexChart  *chart,
                  GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autofree char *subtitle = NULL;
  Progress *progress;
  guint n_values = 0, n_targets = 0;

  progress = g_new0 (Progress, 1);
  progress->rows = g_array_new (FALSE, TRUE, sizeof (ProgressRow));
  g_array_set_clear_func (progress->rows, row_clear);

  if (spec->regions != NULL && spec->regions[0] != NULL)
    progress->region = rex_dataset_lookup_region (dataset, spec->regions[0]);
  else
    {
      g_autoptr(GPtrArray) nations = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_NATION);

      if (nations->len == 0)
        {
          g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                       _("The dataset has no nation region; name a region with --regions"));
          progress_free (progress);
          return NULL;
        }
      progress->region = nations->pdata[0];
    }

  if (spec->metric != NULL && *spec->metric)
    {
      g_auto(GStrv) ids = g_strsplit (spec->metric, ",", -1);

      for (guint i = 0; ids[i]; i++)
        {
          RexMetric *metric;

          g_strstrip (ids[i]);
          if (*ids[i] == '\0')
            continue;
          metric = rex_chart_require_metric (chart, ids[i], _("a metric (--metric)"), error);
          if (metric == NULL)
            {
              progress_free (progress);
              return NULL;
            }
          add_metric (chart, progress, metric, FALSE);
        }
    }
  else
    {
      GListModel *metrics = rex_dataset_get_metrics (dataset);

      for (guint i = 0; i < G_N_ELEMENTS (default_metrics); i++)
        {
          RexMetric *metric = rex_dataset_lookup_metric (dataset, default_metrics[i]);
          if (metric != NULL)
            add_metric (chart, progress, metric, FALSE);
        }
      /* Metrics with a target join when the region has a value to compare. */
      for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
        {
          g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);

          if (rex_metric_get_target (metric, NULL, NULL, NULL))
            add_metric (chart, progress, metric, TRUE);
        }
    }

  for (guint i = 0; i < progress->rows->len; i++)
    {
      n_values += !isnan (g_array_index (progress->rows, ProgressRow, i).value);
      n_targets += g_array_index (progress->rows, ProgressRow, i).has_target;
    }

  /* Translators: progress chart subtitle: "China · latest value of each metric" */
  subtitle = g_strdup_printf (_("%s · latest value of each metric"),
                              rex_region_get_display_name (progress->region));
  rex_chart_set_titles (chart, _("Progress toward targets"), subtitle);
  if (progress->rows->len > 0 && n_targets == 0)
    /* Progress needs a goal: say that none is set, not that data is missing. */
    rex_chart_set_empty (chart, _("No target is set for these metrics. Choose metrics that have a target."));
  else if (n_values == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No data for these metrics in %s. Choose another region."),
                                                  rex_region_get_display_name (progress->region));
      rex_chart_set_empty (chart, message);
    }
  return progress;
}

static void
progress_layout (RexChart            *chart,
                 gpointer             data,
                 const RexChartFrame *frame,
                 GArray              *items)
{
  Progress *progress = data;
  guint n = progress->rows->len;
  double name_w = 0, value_w = 0, fit;

  for (guint i = 0; i < n; i++)
    {
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);
      g_autoptr(PangoLayout) name = rex_chart_text (frame, rex_metric_get_display_name (row->metric),
                                                    0.95, PANGO_WEIGHT_BOLD);
      g_autoptr(PangoLayout) value = rex_chart_text (frame, row->value_text ? row->value_text : _("no data"),
                                                     0.95, PANGO_WEIGHT_BOLD);
      double w;

      rex_chart_text_size (name, &w, NULL);
      name_w = MAX (name_w, w);
      rex_chart_text_size (value, &w, NULL);
      value_w = MAX (value_w, w);
    }
  name_w = MIN (name_w, frame->w * 0.3);
  progress->name_x1 = frame->x + name_w;
  progress->bar_x0 = progress->name_x1 + frame->em * 1.0;
  progress->bar_x1 = frame->x + frame->w - value_w - frame->em * 1.0;
  /* Only the rows that can be read are drawn (a name, a bar and a status
   * need about 2.6 lines); a thousand metrics with targets end in one line
   * counting the others, which the data table lists. */
  fit = frame->h / (frame->em * 2.6);
  progress->n_shown = n;
  if (!(fit >= n))
    progress->n_shown = fit >= 2 ? (guint) MIN (fit, (double) n) - 1 : MIN (n, 1);
  progress->row_h = MIN (frame->h / MAX (progress->n_shown + (progress->n_shown < n), 1), frame->em * 5.5);
  progress->bar_h = MIN (progress->row_h * 0.3, frame->em * 1.3);

  for (guint i = 0; i < progress->n_shown; i++)
    {
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);
      RexChartItem item = { 0 };

      item.region = progress->region;
      item.metric_id = rex_metric_get_id (row->metric);
      item.year = row->year;
      item.value = row->value;
      item.x = isnan (row->value) ? progress->bar_x0 : row_x (progress, row, row->value);
      item.y = frame->y + progress->row_h * (i + 0.4);
      g_array_append_val (items, item);
    }
}

static void
progress_draw (RexChart            *chart,
               gpointer             data,
               cairo_t             *cr,
               const RexChartFrame *frame)
{
  Progress *progress = data;
  const RexChartStyle *style = frame->style;

  if (progress->n_shown < progress->rows->len)
    {
      guint more = progress->rows->len - progress->n_shown;
      /* Translators: last line of a progress chart with more metrics than fit */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "… and %u more metric, listed in the data table",
                                                            "… and %u more metrics, listed in the data table",
                                                            more), more);
      g_autoptr(PangoLayout) layout = rex_chart_text (frame, text, 0.9, PANGO_WEIGHT_NORMAL);

      rex_chart_draw_text (cr, layout, frame->x, frame->y + progress->row_h * (progress->n_shown + 0.4),
                           0.0, 0.5, &style->muted);
    }

  if (progress->any_marked)
    rex_chart_status_key (cr, frame, frame->x, frame->y - frame->em * 1.6, frame->w, TRUE);
  for (guint i = 0; i < progress->n_shown; i++)
    {
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);
      double top = frame->y + progress->row_h * i;
      double mid = top + progress->row_h * 0.4;
      double bar_top = mid - progress->bar_h / 2;
      gboolean done = row->status == STATUS_REACHED;
      RexColor fill = done ? style->palette[2] : style->accent;
      g_autoptr(PangoLayout) name = rex_chart_text (frame, rex_metric_get_display_name (row->metric),
                                                    0.95, PANGO_WEIGHT_BOLD);
      g_autofree char *when = NULL;
      g_autoptr(PangoLayout) unit = NULL;
      g_autoptr(PangoLayout) value = NULL;
      g_autoptr(PangoLayout) status = NULL;

      /* Name, and under it the unit and the year of the value. */
      pango_layout_set_width (name, (int) ((progress->name_x1 - frame->x + 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      rex_chart_draw_text (cr, name, frame->x, mid, 0.0, 1.0, &style->foreground);
      if (row->year != 0)
        /* Translators: under a progress row's name: unit and year, e.g. "% of rural households · 2025" */
        when = g_strdup_printf (_("%s · %d"), rex_metric_get_display_unit (row->metric), row->year);
      else
        when = g_strdup (rex_metric_get_display_unit (row->metric));
      unit = rex_chart_text (frame, when, 0.8, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (unit, (int) ((progress->name_x1 - frame->x + 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (unit, PANGO_ELLIPSIZE_END);
      rex_chart_draw_text (cr, unit, frame->x, mid + frame->em * 0.1, 0.0, 0.0, &style->muted);

      /* Track, then the value. */
      rex_chart_set_color (cr, &style->no_data);
      cairo_rectangle (cr, progress->bar_x0, bar_top, progress->bar_x1 - progress->bar_x0, progress->bar_h);
      cairo_fill (cr);
      if (!isnan (row->value))
        {
          double w = row_x (progress, row, row->value) - progress->bar_x0;

          if (row->marked && w > 1.5 && progress->bar_h > 1.5)
            {
              /* Hollow, as in every kind: a pale inside in an outline. */
              RexColor pale = rex_color_mix (&fill, &style->background, 0.7);

              cairo_rectangle (cr, progress->bar_x0 + 0.75, bar_top + 0.75, w - 1.5, progress->bar_h - 1.5);
              rex_chart_set_color (cr, &pale);
              cairo_fill_preserve (cr);
              rex_chart_set_color (cr, &fill);
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
          else
            {
              rex_chart_set_color (cr, &fill);
              cairo_rectangle (cr, progress->bar_x0, bar_top, w, progress->bar_h);
              cairo_fill (cr);
            }
        }
      value = rex_chart_text (frame, row->value_text ? row->value_text : _("no data"), 0.95, PANGO_WEIGHT_BOLD);
      rex_chart_draw_text (cr, value, progress->bar_x1 + frame->em * 0.6, mid, 0.0, 0.5,
                           row->value_text ? &style->foreground : &style->muted);

      if (row->has_target)
        {
          double tx = rex_chart_snap (cr, row_x (progress, row, row->target), FALSE);

          rex_chart_set_color (cr, &style->reference);
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, tx, bar_top - frame->em * 0.35);
          cairo_line_to (cr, tx, bar_top + progress->bar_h + frame->em * 0.35);
          cairo_stroke (cr);
        }

      status = rex_chart_text (frame, row->status_text, 0.85, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (status, (int) ((frame->x + frame->w - progress->bar_x0) * PANGO_SCALE));
      pango_layout_set_ellipsize (status, PANGO_ELLIPSIZE_END);
      rex_chart_draw_text (cr, status, progress->bar_x0, bar_top + progress->bar_h + frame->em * 0.45, 0.0, 0.0,
                           row->status == STATUS_REACHED ? &style->foreground : &style->muted);
    }
}

static void
progress_draw_hover (RexChart            *chart,
                     gpointer             data,
                     cairo_t             *cr,
                     const RexChartFrame *frame,
                     const RexChartItem  *item)
{
  Progress *progress = data;

  rex_chart_draw_row_hover (cr, frame, frame->y + progress->row_h * item->index, progress->row_h, 0.3);
}

static int
progress_hit_test (RexChart            *chart,
                   gpointer             data,
                   const RexChartFrame *frame,
                   double               x,
                   double               y)
{
  Progress *progress = data;
  double row;

  if (x < frame->x || x > frame->x + frame->w || y < frame->y)
    return -1;
  row = (y - frame->y) / progress->row_h;
  return row < progress->n_shown ? (int) row : -1;
}

static void
progress_fill_table (RexChart      *chart,
                     gpointer       data,
                     RexChartTable *table)
{
  Progress *progress = data;
  static const char * const qualifiers[] = { "", "about", "over", "under" };
  static const char * const statuses[] = {
    "no data", "no target", "reached", "on trend", "not on current trend", "needs two data points",
    ("not before " G_STRINGIFY (REX_YEAR_MAX)),
  };

  g_ptr_array_add (table->columns, g_strdup (_("Metric id")));
  g_ptr_array_add (table->columns, g_strdup (_("Metric")));
  g_ptr_array_add (table->columns, g_strdup (_("Unit")));
  g_ptr_array_add (table->columns, g_strdup (_("Region id")));
  g_ptr_array_add (table->columns, g_strdup (_("Year")));
  g_ptr_array_add (table->columns, g_strdup (_("Value")));
  g_ptr_array_add (table->columns, g_strdup (_("Qualifier")));
  g_ptr_array_add (table->columns, g_strdup (_("Target")));
  g_ptr_array_add (table->columns, g_strdup (_("Target year")));
  g_ptr_array_add (table->columns, g_strdup (_("Gap")));
  g_ptr_array_add (table->columns, g_strdup (_("Trend year")));
  g_ptr_array_add (table->columns, g_strdup (_("Status")));

  for (guint i = 0; i < progress->rows->len; i++)
    {
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
      gboolean value = !isnan (row->value);

      g_ptr_array_add (cells, g_strdup (rex_metric_get_id (row->metric)));
      g_ptr_array_add (cells, g_strdup (rex_metric_get_display_name (row->metric)));
      g_ptr_array_add (cells, g_strdup (rex_metric_get_display_unit (row->metric)));
      g_ptr_array_add (cells, g_strdup (rex_region_get_id (progress->region)));
      g_ptr_array_add (cells, value ? g_strdup_printf ("%d", row->year) : g_strdup (""));
      g_ptr_array_add (cells, rex_chart_raw_number (row->value));
      g_ptr_array_add (cells, g_strdup (value ? qualifiers[row->qualifier % G_N_ELEMENTS (qualifiers)] : ""));
      g_ptr_array_add (cells, rex_chart_raw_number (row->has_target ? row->target : NAN));
      g_ptr_array_add (cells, row->has_target ? g_strdup_printf ("%d", row->target_year) : g_strdup (""));
      g_ptr_array_add (cells, rex_chart_raw_number (row->has_target && value ? row_gap (row) : NAN));
      g_ptr_array_add (cells, row->status == STATUS_ON_TREND ? g_strdup_printf ("%d", row->trend_year)
                                                             : g_strdup (""));
      g_ptr_array_add (cells, g_strdup (statuses[row->status]));
      g_ptr_array_add (table->rows, cells);
    }
}

static char *
progress_describe (RexChart *chart,
                   gpointer  data)
{
  Progress *progress = data;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s, %s.", rex_chart_get_title (chart), rex_chart_get_subtitle (chart));
  for (guint i = 0; i < progress->rows->len; i++)
    {
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);

      g_string_append_printf (text, " %s: %s, %s.", rex_metric_get_display_name (row->metric),
                              row->value_text ? row->value_text : _("no data"), row->status_text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static double
progress_legend_height (RexChart            *chart,
                        gpointer             data,
                        const RexChartFrame *frame)
{
  Progress *progress = data;

  return progress->any_marked ? frame->em * 1.6 : 0.0;
}

/* "China, Rural sanitary toilets 2024: 75 % of rural households, about,
 * Target 85 by 2027 · 10 to go · trend reaches it in 2029". */
static char *
progress_describe_item (RexChart           *chart,
                        gpointer            data,
                        const RexChartItem *item)
{
  Progress *progress = data;
  const ProgressRow *row;
  GString *text;

  if (item->index >= progress->rows->len)
    return g_strdup ("");
  row = &g_array_index (progress->rows, ProgressRow, item->index);
  text = rex_chart_item_sentence (rex_region_get_display_name (progress->region), row->metric, row->year,
                                  row->value);
  rex_chart_append_item_notes (chart, text, progress->region, rex_metric_get_id (row->metric), row->year, FALSE);
  if (!isnan (row->value))
    g_string_append_printf (text, "%s%s", C_("item name", ", "), row->status_text);
  return g_string_free (text, FALSE);
}

const RexChartKindImpl rex_chart_progress_impl = {
  .kind = REX_CHART_KIND_PROGRESS,
  .prepare = progress_prepare,
  .free_data = progress_free,
  .legend_height = progress_legend_height,
  .layout = progress_layout,
  .draw = progress_draw,
  .draw_hover = progress_draw_hover,
  .hit_test = progress_hit_test,
  .fill_table = progress_fill_table,
  .describe = progress_describe,
  .describe_item = progress_describe_item,
};
