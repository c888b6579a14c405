/* rex-chart-progress.c — rural metrics against their targets.
 *
 * One row per metric, and one group of rows per region shown (the selection,
 * or the nation when nothing is selected): the latest value with its year and
 * published wording, the target if one is set, the gap, and the year a
 * straight-line trend through the recent values would reach the target.
 * Where there is no target, or too few points for a trend, the row says so
 * rather than guessing; the regions with no value of any of the metrics are
 * named in one line above the others, not each a column of empty tracks.
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
  RexRegion    *region;
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
  RexNumberFormat number_format; /* how value_text and the gaps write numbers */
  char         *value_text;
  char         *status_text;
} ProgressRow;

/* The rows of one region, rows[first] to rows[first + n - 1]. */
typedef struct
{
  RexRegion *region;
  guint      first;
  guint      n;
  guint      n_values;        /* rows with a value; none: one line says so */
} ProgressGroup;

/* What one item of the layout covers: a row, or the line naming the groups
 * without values (@row is then the first of their rows). */
typedef struct
{
  guint      row;
  gboolean   empty_group;
  double     top, height;
  double     head_top;        /* the group's heading above this slot; NaN: none */
} ProgressSlot;

typedef struct
{
  GArray    *groups;          /* ProgressGroup, in the order of the spec's regions */
  GArray    *rows;            /* ProgressRow, group by group */
  gboolean   any_marked;      /* a hollow bar, and so the key of hollow marks */

  /* layout */
  double     name_x1, bar_x0, bar_x1, text_x0;
  double     row_h, bar_h, head_h;
  char      *missing;         /* the line naming the groups without values, or NULL */
  double     missing_h;       /* its height, up to three lines */
  GArray    *slots;           /* ProgressSlot, one per item */
  guint      n_hidden;        /* rows not drawn; counted in the last line, all in the table */
  double     more_y;          /* the middle of that line */
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
  g_array_unref (progress->groups);
  g_array_unref (progress->slots);
  g_free (progress->missing);
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
format_with_qualifier (RexMetric       *metric,
                       double           value,
                       RexQualifier     qualifier,
                       RexNumberFormat  number_format)
{
  const char *prefix = rex_format_qualifier_prefix (qualifier);
  g_autofree char *number = NULL;

  /* A figure published as "over 45 %" is written as published, not
   * ">45.0%" in the decimals of the metric's exact figures. */
  if (qualifier != REX_QUALIFIER_EXACT && number_format != REX_NUMBER_FORMAT_SHORT)
    number = rex_format_number (value, rex_qualified_decimals (metric, value));
  else
    number = rex_chart_format_value (metric, value, FALSE, number_format);
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
    return rex_chart_format_value (row->metric, fabs (gap), FALSE, row->number_format);
  largest = rex_chart_format_value (row->metric, G_MAXDOUBLE, FALSE, row->number_format);
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
  g_autofree char *by = NULL;

  if (isnan (row->value))
    {
      row->status = STATUS_NO_DATA;
      row->status_text = g_strdup (_("No data"));
      return;
    }
  row->value_text = format_with_qualifier (row->metric, row->value, row->qualifier, row->number_format);
  if (!row->has_target)
    {
      row->status = STATUS_NO_TARGET;
      row->status_text = g_strdup (_("No target set"));
      return;
    }

  target_text = format_with_qualifier (row->metric, row->target, REX_QUALIFIER_EXACT, row->number_format);
  by = rex_format_year (row->target_year);
  if (higher ? row->value >= row->target : row->value <= row->target)
    {
      row->status = STATUS_REACHED;
      /* Translators: progress row: "Target 80% by 2025: reached" */
      row->status_text = g_strdup_printf (_("Target %s by %s: reached"), target_text, by);
      return;
    }
  if (!fit_trend (series, row->year, &slope, &intercept))
    {
      g_autofree char *gap = format_gap (row);

      row->status = STATUS_NEEDS_TWO;
      /* Translators: progress row: "Target 80% by 2025 · 5 to go · trend needs two data points" */
      row->status_text = g_strdup_printf (_("Target %s by %s · %s to go · trend needs two data points"),
                                          target_text, by, gap);
      return;
    }
  row->slope = slope;
  if (higher ? slope > 0 : slope < 0)
    {
      double t = (row->target - intercept) / slope;
      g_autofree char *gap = format_gap (row);
      g_autofree char *when = NULL;

      /* Bounded before the cast: a target of 1e300 growing 0.1 a year is
       * not reached "in 2023". Years past the last a dataset may hold are
       * not forecast. */
      if (!(t <= REX_YEAR_MAX))
        {
          row->status = STATUS_NOT_BEFORE_MAX;
          /* Translators: progress row: "Target 80% by 2025 · 5 to go · trend reaches it not before 2200" */
          when = rex_format_year (REX_YEAR_MAX);
          row->status_text = g_strdup_printf (_("Target %s by %s · %s to go · trend reaches it not before %s"),
                                              target_text, by, gap, when);
          return;
        }
      row->status = STATUS_ON_TREND;
      row->trend_year = MAX ((int) ceil (t - 1e-9), row->year + 1);
      /* Translators: progress row: "Target 80% by 2025 · 5 to go · trend reaches it in 2027" */
      when = rex_format_year (row->trend_year);
      row->status_text = g_strdup_printf (_("Target %s by %s · %s to go · trend reaches it in %s"),
                                          target_text, by, gap, when);
    }
  else
    {
      g_autofree char *gap = format_gap (row);

      row->status = STATUS_OFF_TREND;
      /* Translators: progress row: "Target 80% by 2025 · 5 to go · not on current trend" */
      row->status_text = g_strdup_printf (_("Target %s by %s · %s to go · not on current trend"),
                                          target_text, by, gap);
    }
}

/* Adds the row of @metric for @region at the end of the rows. */
static void
add_row (RexChart  *chart,
         Progress  *progress,
         RexRegion *region,
         RexMetric *metric)
{
  RexDataset *dataset = rex_chart_get_dataset (chart);
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexSeries *series = rex_region_get_series (region, rex_metric_get_id (metric));
  ProgressRow row = { 0 };
  const char *target_source = NULL;

  row.region = region;
  row.metric = metric;
  row.number_format = rex_chart_get_number_format (chart);
  row.value = NAN;
  if (series != NULL
      && rex_series_get_latest (series, spec->year ? spec->year : REX_YEAR_MAX, &row.year, &row.value))
    {
      row.qualifier = rex_series_get_datum (series, row.year)->qualifier;
      row.marked = rex_chart_datum_is_marked (rex_series_get_datum (series, row.year));
      progress->any_marked |= row.marked;
      rex_chart_add_value_source (chart, region, rex_metric_get_id (metric), row.year);
    }
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
}

/* Whether one of @regions has a value of @metric by the spec's year. */
static gboolean
any_has_value (const RexChartSpec *spec,
               GPtrArray          *regions,
               RexMetric          *metric)
{
  for (guint r = 0; r < regions->len; r++)
    {
      RexSeries *series = rex_region_get_series (regions->pdata[r], rex_metric_get_id (metric));
      int year;
      double value;

      if (series != NULL && rex_series_get_latest (series, spec->year ? spec->year : REX_YEAR_MAX, &year, &value))
        return TRUE;
    }
  return FALSE;
}

static void
add_unique (GPtrArray *array,
            gpointer   item)
{
  if (item != NULL && !g_ptr_array_find (array, item, NULL))
    g_ptr_array_add (array, item);
}

/* The regions of the spec the dataset knows, in their order; the nation
 * when there is none. */
static GPtrArray *
progress_regions (RexChart  *chart,
                  GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GPtrArray) nations = NULL;

  for (guint i = 0; spec->regions != NULL && spec->regions[i] != NULL; i++)
    add_unique (regions, rex_dataset_lookup_region (dataset, spec->regions[i]));
  if (regions->len > 0)
    return g_steal_pointer (&regions);

  nations = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_NATION);
  if (nations->len == 0)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("The dataset has no nation region; name a region with --regions"));
      return NULL;
    }
  g_ptr_array_add (regions, nations->pdata[0]);
  return g_steal_pointer (&regions);
}

/* The metrics of the rows: the spec's, else the rural coverage metrics and
 * every metric with a target that one of @regions has a value of. */
static GPtrArray *
progress_metrics (RexChart   *chart,
                  GPtrArray  *regions,
                  GError    **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new ();
  GListModel *all = rex_dataset_get_metrics (dataset);

  if (spec->metric != NULL && *spec->metric)
    {
      if (!rex_chart_require_metrics (chart, metrics, TRUE, error))
        return NULL;
      return g_steal_pointer (&metrics);
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_metrics); i++)
    add_unique (metrics, rex_dataset_lookup_metric (dataset, default_metrics[i]));
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (all, i);

      if (rex_metric_get_target (metric, NULL, NULL, NULL) && any_has_value (spec, regions, metric))
        add_unique (metrics, metric);
    }
  return g_steal_pointer (&metrics);
}

/* Whether none of @regions has a value of @metrics and the nation, not
 * among them, has one. */
static gboolean
nation_instead (RexChart  *chart,
                GPtrArray *regions,
                GPtrArray *metrics)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  g_autoptr(GPtrArray) nations = rex_dataset_get_regions_of_kind (rex_chart_get_dataset (chart),
                                                                  REX_REGION_KIND_NATION);
  gboolean nation_has = FALSE;

  if (nations->len == 0 || g_ptr_array_find (regions, nations->pdata[0], NULL))
    return FALSE;
  g_ptr_array_set_size (nations, 1);
  for (guint m = 0; m < metrics->len; m++)
    {
      if (any_has_value (spec, regions, metrics->pdata[m]))
        return FALSE;
      nation_has |= any_has_value (spec, nations, metrics->pdata[m]);
    }
  return nation_has;
}

/* "China", "Guangdong, Sichuan", or "5 regions" beyond three. */
static char *
name_regions (GPtrArray *regions)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (regions->len > 3)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u region", "%u regions", regions->len),
                            regions->len);
  for (guint i = 0; i < regions->len; i++)
    {
      /* Translators: between the names of regions in a list */
      if (i > 0)
        g_string_append (names, C_("list", ", "));
      g_string_append (names, rex_region_get_display_name (regions->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* A group is named in the line of those without values, and draws no rows,
 * when the chart has several and it has no value. */
static gboolean
group_is_line (const Progress      *progress,
               const ProgressGroup *group)
{
  return progress->groups->len > 1 && group->n_values == 0;
}

/* "No data for these metrics in Guangdong, Sichuan", or NULL when every
 * group has a value. */
static char *
missing_line (const Progress *progress,
              gboolean        nation_added)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint g = 0; g < progress->groups->len; g++)
    {
      const ProgressGroup *group = &g_array_index (progress->groups, ProgressGroup, g);

      if (!group_is_line (progress, group))
        continue;
      if (names->len > 0)
        g_string_append (names, C_("list", ", "));
      g_string_append (names, rex_region_get_display_name (group->region));
    }
  if (names->len == 0)
    return NULL;
  if (nation_added)
    /* Translators: above a Rural chart's rows: the selected regions have none of its figures, so
     * the nation's are drawn; what comes first stays when a long list of names is cut */
    return g_strdup_printf (_("The nation’s figures, as there are no data for these metrics in %s"), names->str);
  /* Translators: above a Rural chart's rows: the regions that have none of its figures */
  return g_strdup_printf (_("No data for these metrics in %s"), names->str);
}

static gpointer
progress_prepare (RexChart  *chart,
                  GError   **error)
{
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) drawn = g_ptr_array_new ();
  g_autofree char *names = NULL;
  g_autofree char *subtitle = NULL;
  Progress *progress;
  guint n_values = 0, n_targets = 0;
  gboolean nation_added = FALSE;

  regions = progress_regions (chart, error);
  if (regions == NULL)
    return NULL;
  metrics = progress_metrics (chart, regions, error);
  if (metrics == NULL)
    return NULL;

  progress = g_new0 (Progress, 1);
  progress->rows = g_array_new (FALSE, TRUE, sizeof (ProgressRow));
  g_array_set_clear_func (progress->rows, row_clear);
  progress->groups = g_array_new (FALSE, TRUE, sizeof (ProgressGroup));
  /* Empty until laid out: a chart with nothing to show is never laid out,
   * and may still be hovered. */
  progress->slots = g_array_new (FALSE, FALSE, sizeof (ProgressSlot));
  /* None of the selected regions has a value of the metrics (provinces,
   * where only national rural figures are published): a line names them,
   * and the nation's rows follow for reference. */
  if (nation_instead (chart, regions, metrics))
    {
      g_autoptr(GPtrArray) nations = rex_dataset_get_regions_of_kind (rex_chart_get_dataset (chart),
                                                                      REX_REGION_KIND_NATION);

      g_ptr_array_add (regions, nations->pdata[0]);
      nation_added = TRUE;
    }
  for (guint r = 0; r < regions->len; r++)
    {
      ProgressGroup group = { regions->pdata[r], progress->rows->len, metrics->len, 0 };

      for (guint m = 0; m < metrics->len; m++)
        {
          add_row (chart, progress, group.region, metrics->pdata[m]);
          group.n_values += !isnan (g_array_index (progress->rows, ProgressRow, progress->rows->len - 1).value);
        }
      n_values += group.n_values;
      g_array_append_val (progress->groups, group);
    }
  for (guint i = 0; i < progress->rows->len; i++)
    n_targets += g_array_index (progress->rows, ProgressRow, i).has_target;
  progress->missing = missing_line (progress, nation_added);

  /* The subtitle names the regions drawn; the line, those without data. */
  for (guint g = 0; g < progress->groups->len; g++)
    {
      const ProgressGroup *group = &g_array_index (progress->groups, ProgressGroup, g);

      if (!group_is_line (progress, group))
        g_ptr_array_add (drawn, group->region);
    }
  names = name_regions (drawn->len > 0 ? drawn : regions);
  /* Translators: progress chart subtitle: "China · latest value of each metric" */
  subtitle = g_strdup_printf (_("%s · latest value of each metric"), names);
  rex_chart_set_titles (chart, _("Progress toward targets"), subtitle);
  if (progress->rows->len > 0 && n_targets == 0)
    /* Progress needs a goal: say that none is set, not that data is missing. */
    rex_chart_set_empty (chart, _("No target is set for these metrics. Choose metrics that have a target."));
  else if (n_values == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No data for these metrics in %s. Choose another region."),
                                                  names);
      rex_chart_set_empty (chart, message);
    }
  return progress;
}

/* The line naming the groups without values, wrapped to at most three
 * lines of the chart's width: a long list of names ends in an ellipsis. */
static PangoLayout *
missing_layout (const Progress      *progress,
                const RexChartFrame *frame)
{
  PangoLayout *line = rex_chart_role_text (frame, progress->missing, REX_CHART_TEXT_NAME);

  pango_layout_set_width (line, (int) (frame->w * PANGO_SCALE));
  pango_layout_set_wrap (line, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (line, -3);
  pango_layout_set_ellipsize (line, PANGO_ELLIPSIZE_END);
  return line;
}

/* Places the line of the groups without values, then the headings and
 * rows from the top down to @bottom, at least one item; returns the number
 * of rows placed (the line counts the rows of its groups). */
static guint
place_rows (Progress            *progress,
            const RexChartFrame *frame,
            double               bottom)
{
  double y = frame->y;
  guint placed = 0;

  g_array_set_size (progress->slots, 0);
  if (progress->missing != NULL)
    {
      ProgressSlot slot = { 0, TRUE, y, progress->missing_h, NAN };

      for (guint g = progress->groups->len; g-- > 0;)
        {
          const ProgressGroup *group = &g_array_index (progress->groups, ProgressGroup, g);

          if (group_is_line (progress, group))
            {
              slot.row = group->first;
              placed += group->n;
            }
        }
      g_array_append_val (progress->slots, slot);
      y += slot.height;
    }
  for (guint g = 0; g < progress->groups->len; g++)
    {
      const ProgressGroup *group = &g_array_index (progress->groups, ProgressGroup, g);
      double head_top = progress->head_h > 0 ? y : NAN;

      if (group_is_line (progress, group))
        continue;
      if (progress->slots->len > 0 && y + progress->head_h + progress->row_h > bottom + 0.01)
        break;
      y += progress->head_h;
      for (guint i = 0; i < group->n; i++)
        {
          ProgressSlot slot = { group->first + i, FALSE, y, progress->row_h, i == 0 ? head_top : NAN };

          if (progress->slots->len > 0 && y + progress->row_h > bottom + 0.01)
            return placed;
          g_array_append_val (progress->slots, slot);
          y += progress->row_h;
          placed++;
        }
    }
  return placed;
}

static void
progress_layout (RexChart            *chart,
                 gpointer             data,
                 const RexChartFrame *frame,
                 GArray              *items)
{
  Progress *progress = data;
  guint n = progress->rows->len, n_track_rows = 0, placed;
  double name_w = 0, value_w = 0, fixed = 0;

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

  /* Rows share the height left by the headings and the one-line groups,
   * up to 5.5 lines each; below about 2.6 lines (a name, a bar and a
   * status) a row cannot be read, so only the rows that fit are drawn and
   * the last line counts the others, which the data table lists. */
  progress->head_h = progress->groups->len > 1 ? frame->em * 2.2 : 0.0;
  for (guint g = 0; g < progress->groups->len; g++)
    {
      const ProgressGroup *group = &g_array_index (progress->groups, ProgressGroup, g);

      if (!group_is_line (progress, group))
        {
          fixed += progress->head_h;
          n_track_rows += group->n;
        }
    }
  progress->missing_h = 0;
  if (progress->missing != NULL)
    {
      g_autoptr(PangoLayout) line = missing_layout (progress, frame);
      double h;

      rex_chart_text_size (line, NULL, &h);
      progress->missing_h = h + frame->em * 0.8;
      fixed += progress->missing_h;
    }
  progress->row_h = frame->em * 5.5;
  if (n_track_rows > 0)
    progress->row_h = MAX (MIN ((frame->h - fixed) / n_track_rows, frame->em * 5.5), frame->em * 2.6);
  progress->bar_h = MIN (progress->row_h * 0.3, frame->em * 1.3);

  placed = place_rows (progress, frame, frame->y + frame->h);
  if (placed < n)
    placed = place_rows (progress, frame, frame->y + frame->h - frame->em * 1.6);
  progress->n_hidden = n - placed;
  progress->more_y = frame->y + frame->h - frame->em * 0.8;

  for (guint i = 0; i < progress->slots->len; i++)
    {
      const ProgressSlot *slot = &g_array_index (progress->slots, ProgressSlot, i);
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, slot->row);

      rex_chart_append_item (items, row->region, row->metric, row->year, row->value,
                             isnan (row->value) ? progress->bar_x0 : row_x (progress, row, row->value),
                             slot->top + slot->height * (slot->empty_group ? 0.5 : 0.4));
    }
}

/* One metric's row: name, unit and year; track, bar and target; value;
 * status under the bar. */
static void
draw_row (cairo_t             *cr,
          const Progress      *progress,
          const RexChartFrame *frame,
          const ProgressRow   *row,
          double               top)
{
  const RexChartStyle *style = frame->style;
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

  /* Name, and under it the unit and the year of the value. A long name
   * takes two lines where the rows are far enough apart for them (the
   * status line of the row above ends about 4 em into its 5.5). */
  pango_layout_set_width (name, (int) ((progress->name_x1 - frame->x + 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  if (progress->row_h >= frame->em * 5.0)
    {
      pango_layout_set_wrap (name, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (name, -2);
    }
  rex_chart_draw_text (cr, name, frame->x, mid, 0.0, 1.0, &style->foreground);
  if (row->year != 0)
    {
      g_autofree char *year = rex_format_year (row->year);

      /* Translators: under a progress row's name: unit and year, e.g. "% of rural households · 2025" */
      when = g_strdup_printf (_("%s · %s"), rex_metric_get_display_unit (row->metric), year);
    }
  else
    when = g_strdup (rex_metric_get_display_unit (row->metric));
  unit = rex_chart_role_text (frame, when, REX_CHART_TEXT_SMALL);
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

  status = rex_chart_role_text (frame, row->status_text, REX_CHART_TEXT_LABEL);
  pango_layout_set_width (status, (int) ((frame->x + frame->w - progress->bar_x0) * PANGO_SCALE));
  pango_layout_set_ellipsize (status, PANGO_ELLIPSIZE_END);
  rex_chart_draw_text (cr, status, progress->bar_x0, bar_top + progress->bar_h + frame->em * 0.45, 0.0, 0.0,
                       row->status == STATUS_REACHED ? &style->foreground : &style->muted);
}

static void
progress_draw (RexChart            *chart,
               gpointer             data,
               cairo_t             *cr,
               const RexChartFrame *frame)
{
  Progress *progress = data;
  const RexChartStyle *style = frame->style;

  if (progress->n_hidden > 0)
    {
      guint more = progress->n_hidden;
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      if (progress->groups->len > 1)
        /* Translators: last line of a progress chart of several regions with more rows than fit */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "… and %u more row, listed in the data table",
                                             "… and %u more rows, listed in the data table",
                                             more), more);
      else
        /* Translators: last line of a progress chart with more metrics than fit */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "… and %u more metric, listed in the data table",
                                             "… and %u more metrics, listed in the data table",
                                             more), more);
      layout = rex_chart_role_text (frame, text, REX_CHART_TEXT_NAME);
      rex_chart_draw_text (cr, layout, frame->x, progress->more_y, 0.0, 0.5, &style->muted);
    }

  if (progress->any_marked)
    rex_chart_status_key (cr, frame, frame->x, frame->y - frame->em * 1.6, frame->w, TRUE);
  for (guint i = 0; i < progress->slots->len; i++)
    {
      const ProgressSlot *slot = &g_array_index (progress->slots, ProgressSlot, i);
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, slot->row);

      /* A group's heading, the region's name over a rule, before its first row. */
      if (!isnan (slot->head_top))
        {
          double top = slot->head_top;
          g_autoptr(PangoLayout) name = rex_chart_text (frame, rex_region_get_display_name (row->region),
                                                        1.05, PANGO_WEIGHT_BOLD);
          double rule = rex_chart_snap (cr, top + progress->head_h * 0.2, TRUE);

          if (i > 0)
            {
              rex_chart_set_color (cr, &style->grid);
              cairo_set_line_width (cr, 1.0);
              cairo_move_to (cr, frame->x, rule);
              cairo_line_to (cr, frame->x + frame->w, rule);
              cairo_stroke (cr);
            }
          pango_layout_set_width (name, (int) (frame->w * PANGO_SCALE));
          pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
          rex_chart_draw_text (cr, name, frame->x, top + progress->head_h * 0.6, 0.0, 0.5, &style->foreground);
        }
      if (slot->empty_group)
        {
          g_autoptr(PangoLayout) line = missing_layout (progress, frame);

          rex_chart_draw_text (cr, line, frame->x, slot->top + slot->height / 2, 0.0, 0.5, &style->muted);
        }
      else
        draw_row (cr, progress, frame, row, slot->top);
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
  const ProgressSlot *slot;

  if (item->index >= progress->slots->len)
    return;
  slot = &g_array_index (progress->slots, ProgressSlot, item->index);
  rex_chart_draw_row_hover (cr, frame, slot->top, slot->height, 0.3);
}

static int
progress_hit_test (RexChart            *chart,
                   gpointer             data,
                   const RexChartFrame *frame,
                   double               x,
                   double               y)
{
  Progress *progress = data;

  if (x < frame->x || x > frame->x + frame->w)
    return -1;
  for (guint i = 0; i < progress->slots->len; i++)
    {
      const ProgressSlot *slot = &g_array_index (progress->slots, ProgressSlot, i);

      if (y >= slot->top && y < slot->top + slot->height)
        return (int) i;
    }
  return -1;
}

static void
progress_fill_table (RexChart      *chart,
                     gpointer       data,
                     RexChartTable *table)
{
  Progress *progress = data;
  static const char * const statuses[] = {
    "no data", "no target", "reached", "on trend", "not on current trend", "needs two data points",
    ("not before " G_STRINGIFY (REX_YEAR_MAX)),
  };

  /* The rows of several regions read apart on screen, where ids are hidden. */
  rex_chart_table_add_columns (table, _("Metric id"), _("Metric"), _("Unit"), _("Region id"), _("Region"),
                               _("Year"), _("Value"), _("Qualifier"), _("Target"), _("Target year"), _("Gap"),
                               _("Trend year"), _("Status"), NULL);

  for (guint i = 0; i < progress->rows->len; i++)
    {
      const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
      gboolean value = !isnan (row->value);

      rex_chart_table_add_metric_cells (cells, row->metric);
      g_ptr_array_add (cells, g_strdup (rex_region_get_id (row->region)));
      g_ptr_array_add (cells, g_strdup (rex_region_get_display_name (row->region)));
      g_ptr_array_add (cells, value ? g_strdup_printf ("%d", row->year) : g_strdup (""));
      g_ptr_array_add (cells, rex_chart_raw_number (row->value));
      g_ptr_array_add (cells, g_strdup (value ? rex_chart_qualifier_name (row->qualifier) : ""));
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
  if (progress->missing != NULL)
    g_string_append_printf (text, " %s.", progress->missing);
  for (guint g = 0; g < progress->groups->len; g++)
    {
      const ProgressGroup *group = &g_array_index (progress->groups, ProgressGroup, g);

      if (group_is_line (progress, group))
        continue;
      /* Several regions: each group of rows begins with its region's name. */
      if (progress->groups->len > 1)
        g_string_append_printf (text, " %s:", rex_region_get_display_name (group->region));
      for (guint i = group->first; i < group->first + group->n; i++)
        {
          const ProgressRow *row = &g_array_index (progress->rows, ProgressRow, i);

          g_string_append_printf (text, " %s: %s, %s.", rex_metric_get_display_name (row->metric),
                                  row->value_text ? row->value_text : _("no data"), row->status_text);
        }
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
  const ProgressSlot *slot;
  const ProgressRow *row;
  GString *text;

  if (item->index >= progress->slots->len)
    return g_strdup ("");
  slot = &g_array_index (progress->slots, ProgressSlot, item->index);
  row = &g_array_index (progress->rows, ProgressRow, slot->row);
  if (slot->empty_group)
    return g_strdup (progress->missing);
  text = rex_chart_item_sentence (rex_region_get_display_name (row->region), row->metric, row->year,
                                  row->value);
  rex_chart_append_item_notes (chart, text, row->region, rex_metric_get_id (row->metric), row->year, FALSE);
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
