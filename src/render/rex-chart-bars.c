/* rex-chart-bars.c — ranked horizontal bars: one metric across regions in one
 * year, sorted, with value labels, a zero baseline, colour by group, the
 * selection highlighted and a target or national reference line.
 *
 * With a base year (spec->base_year) the bars rank the change since then:
 * the difference of the two published figures, in the metric's unit (in
 * percentage points for a rate), or with spec->relative the change as a
 * percentage of the first. Figures either side of a series break are not
 * comparable, so a change across one is refused.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rex-chart-change.h"
#include "rex-chart-marks.h"
#include "rex-value-format.h"

/* Rows of regions without a value drawn at most; more are counted. */
#define MAX_NO_DATA_ROWS 5

typedef struct
{
  RexRegion *region;
  double     value;      /* as drawn: the figure, or its change; NaN: none */
  double     figure;     /* the year's figure; NaN: none */
  double     base;       /* change mode: the base year's figure; NaN: none */
  gboolean   selected;
  gboolean   marked;     /* estimate, derived or qualified: drawn hollow */
} BarRow;

typedef struct
{
  RexMetric *metric;
  int        year;
  RexChange  change;         /* change mode: base_year not 0; its unit is that of the values drawn */
  gboolean   both;           /* change mode: both years' figures drawn as dots, the change written */
  RexValueFormat level_format; /* both: of the axis, in the metric's unit */
  guint      n_with_figure;  /* rows with a figure in the year shown */
  GArray    *rows;           /* BarRow, ranked; rows without a value last */
  guint      n_values;       /* rows with a value drawn */
  guint      n_ranked;       /* regions with a value, drawn or not (top) */
  guint      first_rank;     /* rank of the first row drawn, from 0 (bottom) */
  guint      n_not_shown;    /* regions without a value beyond MAX_NO_DATA_ROWS */
  guint      n_hidden;       /* regions without a value left out on request */
  RexRegion *nation;         /* the dataset's nation, NULL when it has none */
  double     nation_change;  /* change mode: the nation's change; NaN when none */
  gboolean   has_reference;
  double     reference;
  double     all_lo, all_hi; /* ranking: the drawn regions' figures over every year; inf when none */
  char      *reference_label;
  gboolean   color_legend;   /* colouring by group */
  gboolean   any_marked;     /* a hollow bar, and so the key of hollow marks */
  RexValueFormat format;     /* of the axis, the value labels and the reference */

  /* layout */
  RexScale  *scale;
  double     label_x1;       /* right edge of region names */
  double     bar_x0, bar_x1; /* value axis extent */
  double     row_h;
  double     dot_r;          /* both: the years' dots */
  double     axis_y;
  gboolean   show_names;
  guint      name_stride;  /* names on every row, or every second…: 1, 2…; values only at 1 */
  gboolean   has_selection;
} Bars;

static void
bars_free (gpointer data)
{
  Bars *bars = data;

  g_array_unref (bars->rows);
  rex_change_clear (&bars->change);
  g_free (bars->reference_label);
  g_clear_pointer (&bars->scale, rex_scale_free);
  g_free (bars);
}

/* A value as the bars' labels write it: a change has its sign. */
static char *
print_value (const Bars *bars,
             double      value)
{
  if (bars->change.base_year != 0)
    return rex_change_print (&bars->format, value);
  return rex_value_format_print (&bars->format, value);
}

/* A row's value label: its value, or with both years its change, in %
 * where it is a percentage (the axis is of the figures); "no change to
 * draw" where the two figures are there but their change is not (a base
 * of zero or less as a percentage, a change too large). */
static char *
row_label (const Bars   *bars,
           const BarRow *row)
{
  g_autofree char *value = NULL;

  if (isnan (row->value) && bars->change.base_year != 0 && !isnan (row->figure) && !isnan (row->base))
    /* Translators: the label of a row whose two figures have no change to draw */
    return g_strdup (_("no change to draw"));
  value = print_value (bars, row->value);
  if (bars->both && bars->change.relative && !isnan (row->value))
    /* Translators: a change in per cent written beside both years' figures: "+12.3%" */
    return g_strdup_printf (_("%s%%"), value);
  return g_steal_pointer (&value);
}

/* The nation, and in change mode its change, looked up once for the
 * format and the reference line. */
static void
find_nation (Bars       *bars,
             RexDataset *dataset,
             const char *metric_id)
{
  g_autoptr(GPtrArray) nations = NULL;

  bars->nation_change = NAN;
  if (bars->change.base_year != 0)
    {
      bars->nation_change = rex_change_of_nation (&bars->change, dataset, metric_id, bars->year, &bars->nation);
      return;
    }
  nations = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_NATION);
  bars->nation = nations->len > 0 ? nations->pdata[0] : NULL;
}

/* Appends to @values the figure a ranking's reference line stands at, as
 * find_reference() chooses it: the target, else for a rate the nation's
 * figure of the year. Not a total's national figure, which is drawn
 * nowhere: GDP's would have set the format of provinces' figures 30 times
 * smaller ("0.05M" for Beijing's 49,843). */
static void
append_reference_figure (const Bars *bars,
                         RexMetric  *metric,
                         const char *metric_id,
                         GArray     *values)
{
  double v;
  int target_year;
  const char *target_source;

  if (rex_metric_get_target (metric, &v, &target_year, &target_source)
      || (rex_metric_is_in_percent (metric) && bars->nation != NULL
          && rex_region_get_value (bars->nation, metric_id, bars->year, &v)))
    g_array_append_val (values, v);
}

/* A ranking's axis spans its regions' figures of every year, as the
 * bubbles' axes and the map's colours do: played through the years, the
 * bars grow on one scale (GDP quadrupling), where each year's axis ended
 * at its largest bar and the first bar always filled the width. */
static void
find_all_years_extent (Bars       *bars,
                       const char *metric_id)
{
  bars->all_lo = INFINITY;
  bars->all_hi = -INFINITY;
  if (bars->change.base_year != 0)
    return;
  for (guint i = 0; i < bars->rows->len; i++)
    {
      RexSeries *series = rex_region_get_series (g_array_index (bars->rows, BarRow, i).region, metric_id);
      double lo, hi;

      if (series != NULL && rex_series_get_extent (series, FALSE, &lo, &hi))
        {
          bars->all_lo = MIN (bars->all_lo, lo);
          bars->all_hi = MAX (bars->all_hi, hi);
        }
    }
}

/* One format for the bar labels, the axis and the reference line's label,
 * from every value the chart may write; in a ranking also from the largest
 * figure of any year, so that playing keeps one step ("32.3k" in 2007,
 * not "32,308" beside 2024's "141.5k"). */
static void
init_format (Bars            *bars,
             RexMetric       *metric,
             const char      *metric_id,
             RexNumberFormat  number_format)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < bars->rows->len; i++)
    g_array_append_val (values, g_array_index (bars->rows, BarRow, i).value);
  if (bars->change.base_year == 0)
    {
      append_reference_figure (bars, metric, metric_id, values);
      if (bars->all_lo <= bars->all_hi)
        {
          double largest = fabs (bars->all_lo) > fabs (bars->all_hi) ? bars->all_lo : bars->all_hi;

          g_array_append_val (values, largest);
        }
    }
  else if (rex_change_has_reference (&bars->change, metric) && !isnan (bars->nation_change))
    g_array_append_val (values, bars->nation_change);
  rex_value_format_init (&bars->format, (const double *) (gpointer) values->data, values->len,
                         bars->change.relative ? 1 : rex_metric_get_decimals (metric), FALSE, number_format);
}

/* Both years drawn: the format of the axis and the reference line's label,
 * from every figure of either year and the reference's. */
static void
init_level_format (Bars            *bars,
                   RexMetric       *metric,
                   const char      *metric_id,
                   RexNumberFormat  number_format)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < bars->rows->len; i++)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);

      if (isnan (row->value))
        continue;
      g_array_append_val (values, row->base);
      g_array_append_val (values, row->figure);
    }
  append_reference_figure (bars, metric, metric_id, values);
  rex_value_format_init (&bars->level_format, (const double *) (gpointer) values->data, values->len,
                         rex_metric_get_decimals (metric), FALSE, number_format);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const BarRow *ra = a, *rb = b;
  gboolean na = isnan (ra->value), nb = isnan (rb->value);

  if (na || nb)
    return na - nb;
  if (ra->value != rb->value)
    return ra->value < rb->value ? 1 : -1;
  return g_strcmp0 (rex_region_get_id (ra->region), rex_region_get_id (rb->region));
}

static double
bar_x (const Bars *bars,
       double      value)
{
  return bars->bar_x0 + rex_scale_normalize (bars->scale, value) * (bars->bar_x1 - bars->bar_x0);
}

/* One row per region the spec shows, ranked; counts the values. */
static void
collect_rows (RexChart   *chart,
              Bars       *bars,
              const char *metric_id)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  g_autoptr(GPtrArray) regions = rex_chart_get_spec_regions (chart);

  bars->year = rex_chart_resolve_year (chart, metric_id, regions);
  for (guint i = 0; i < regions->len; i++)
    {
      BarRow row = { regions->pdata[i], NAN, NAN, NAN, FALSE };

      if (bars->change.base_year == 0)
        {
          if (!rex_region_get_value (row.region, metric_id, bars->year, &row.figure))
            row.figure = NAN;
          row.value = row.figure;
        }
      else
        {
          row.value = rex_change_of_region (&bars->change, row.region, metric_id, bars->year,
                                            &row.figure, &row.base);
          row.marked = rex_chart_datum_is_marked (rex_chart_get_datum (row.region, metric_id, bars->change.base_year));
        }
      if (!isnan (row.figure))
        bars->n_with_figure++;
      if (!isnan (row.value))
        {
          bars->n_values++;
          rex_chart_add_value_source (chart, row.region, metric_id, bars->year);
          if (bars->change.base_year != 0)
            rex_chart_add_value_source (chart, row.region, metric_id, bars->change.base_year);
        }
      row.selected = rex_chart_spec_has_region (spec, rex_region_get_id (row.region));
      row.marked |= rex_chart_datum_is_marked (rex_chart_get_datum (row.region, metric_id, bars->year));
      bars->any_marked |= row.marked;
      bars->has_selection |= row.selected;
      g_array_append_val (bars->rows, row);
    }
  g_array_sort (bars->rows, compare_rows);
}

/* Regions without a value are listed after the ranking, a few of them:
 * 100,000 empty rows would squeeze the bars that have values out of
 * sight. The rest are counted under the title. */
/* The first (with a negative top, the last) spec->top rows of the ranking
 * only; the regions without a value go too. */
static void
keep_top (Bars               *bars,
          const RexChartSpec *spec)
{
  guint n = MIN ((guint) ABS (spec->top), bars->n_values);

  bars->n_ranked = bars->n_values;
  if (spec->top == 0)
    return;
  if (spec->top < 0)
    {
      bars->first_rank = bars->n_values - n;
      g_array_remove_range (bars->rows, 0, bars->first_rank);
    }
  g_array_set_size (bars->rows, n);
  bars->n_values = n;
}

static void
trim_missing_rows (Bars               *bars,
                   const RexChartSpec *spec)
{
  if (spec->hide_missing)
    {
      bars->n_hidden = bars->rows->len - bars->n_values;
      g_array_set_size (bars->rows, bars->n_values);
    }
  else if (bars->rows->len - bars->n_values > MAX_NO_DATA_ROWS + 1)
    {
      bars->n_not_shown = bars->rows->len - bars->n_values - MAX_NO_DATA_ROWS;
      g_array_set_size (bars->rows, bars->n_values + MAX_NO_DATA_ROWS);
    }
}

/* The reference line: the metric's target, else for rates the national
 * rate. Totals (GDP, population) have none, since the nation's figure is
 * their sum. */
static void
find_reference (RexChart   *chart,
                Bars       *bars,
                RexDataset *dataset,
                const char *metric_id)
{
  double target;
  int target_year;
  const char *target_source;
  /* Both years are drawn on the axis of the figures: their reference is
   * the ranking's, the target or the nation's figure of the year. */
  const RexValueFormat *format = bars->both ? &bars->level_format : &bars->format;

  /* A change has no target; the nation's change is the reference for a
   * rate, and for any metric as a percentage. */
  if (bars->change.base_year != 0 && !bars->both)
    {
      if (rex_change_has_reference (&bars->change, bars->metric) && !isnan (bars->nation_change))
        {
          g_autofree char *value = NULL;

          bars->has_reference = TRUE;
          bars->reference = bars->nation_change;
          value = print_value (bars, bars->reference);
          bars->reference_label = g_strdup_printf (_("%s %s"), rex_region_get_display_name (bars->nation), value);
          rex_chart_add_value_source (chart, bars->nation, metric_id, bars->change.base_year);
          rex_chart_add_value_source (chart, bars->nation, metric_id, bars->year);
        }
    }
  else if (rex_metric_get_target (bars->metric, &target, &target_year, &target_source))
    {
      g_autofree char *value = rex_value_format_print (format, target);
      g_autofree char *by = rex_format_year (target_year);

      bars->has_reference = TRUE;
      bars->reference = target;
      /* Translators: reference line on a bar chart: "Target 80 (2025)" */
      bars->reference_label = g_strdup_printf (_("Target %s (%s)"), value, by);
      rex_chart_add_source (chart, rex_dataset_lookup_source (dataset, target_source));
    }
  else if (rex_metric_is_in_percent (bars->metric) && bars->nation != NULL
           && rex_region_get_value (bars->nation, metric_id, bars->year, &bars->reference))
    {
      g_autofree char *value = rex_value_format_print (format, bars->reference);

      bars->has_reference = TRUE;
      /* Translators: reference line on a bar chart: "China 67.0" */
      bars->reference_label = g_strdup_printf (_("%s %s"), rex_region_get_display_name (bars->nation), value);
      rex_chart_add_value_source (chart, bars->nation, metric_id, bars->year);
    }
}

/* The title, the subtitle with the counts of rows left out, and the
 * message of a chart with no value. */
static void
set_titles (RexChart           *chart,
            Bars               *bars,
            const RexChartSpec *spec)
{
  RexMetric *metric = bars->metric;
  g_autofree char *subtitle = NULL;
  g_autofree char *year = rex_format_year (bars->year);

  if (bars->change.base_year != 0)
    {
      g_autofree char *base = rex_format_year (bars->change.base_year);

      subtitle = bars->change.relative
                 /* Translators: subtitle of bars ranking the change of a metric as a
                  * percentage: years, region kind: "% change 2015–2024 · Provinces" */
                 ? g_strdup_printf (_("%% change %s–%s · %s"), base, year,
                                    rex_region_kind_get_label (spec->region_kind))
                 /* Translators: subtitle of bars ranking the change of a metric: years,
                  * the unit of the change, region kind:
                  * "Change 2015–2024 · percentage points · Provinces" */
                 : g_strdup_printf (_("Change %s–%s · %s · %s"), base, year, bars->change.unit,
                                    rex_region_kind_get_label (spec->region_kind));
    }
  else if (bars->year != 0)
    /* Translators: chart subtitle: unit, region kind and year, e.g. "100 million yuan · Provinces · 2024" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), rex_metric_get_display_unit (metric),
                                rex_region_kind_get_label (spec->region_kind), year);
  else
    subtitle = g_strdup (rex_metric_get_display_unit (metric));
  if (bars->n_not_shown > 0)
    rex_chart_append_subtitle_note (&subtitle,
                                    /* Translators: appended to a bar chart's subtitle:
                                     * "… · and 99,994 more regions without data" */
                                    g_dngettext (GETTEXT_PACKAGE, "%s · and %u more region without data",
                                                 "%s · and %u more regions without data", bars->n_not_shown),
                                    subtitle, bars->n_not_shown);
  if (bars->n_values < bars->n_ranked)
    {
      g_autofree char *shown = rex_format_number (bars->n_values, 0);
      g_autofree char *ranked = rex_format_number (bars->n_ranked, 0);

      rex_chart_append_subtitle_note (&subtitle,
                                      spec->top > 0
                                      /* Translators: appended to a ranking's subtitle when only its
                                       * first rows are drawn: "… · top 10 of 2,900" */
                                      ? _("%s · top %s of %s")
                                      /* Translators: appended to a ranking's subtitle when only its
                                       * last rows are drawn: "… · bottom 10 of 2,900" */
                                      : _("%s · bottom %s of %s"),
                                      subtitle, shown, ranked);
    }
  rex_change_append_notes (&bars->change, &subtitle);
  if (bars->n_hidden > 0)
    rex_chart_append_subtitle_note (&subtitle,
                                    /* Translators: appended to a bar chart's subtitle when regions
                                     * without data are left out: "… · 30 regions without data hidden" */
                                    g_dngettext (GETTEXT_PACKAGE, "%s · %u region without data hidden",
                                                 "%s · %u regions without data hidden", bars->n_hidden),
                                    subtitle, bars->n_hidden);
  rex_chart_set_titles (chart, rex_metric_get_display_name (metric), subtitle);

  if (bars->n_values == 0 && bars->change.base_year != 0 && bars->n_with_figure > 0)
    {
      g_autofree char *message = rex_change_no_values (&bars->change, metric, bars->year);

      rex_chart_set_empty (chart, message);
    }
  else if (bars->n_values == 0)
    rex_chart_set_no_data (chart, metric, bars->year);
}

static gpointer
bars_prepare (RexChart  *chart,
              GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  RexMetric *metric;
  Bars *bars;
  const char *metric_id;

  metric = rex_chart_require_metric (chart, spec->metric, _("a metric (--metric)"), error);
  if (metric == NULL || (spec->base_year != 0 && !rex_change_check_relative (spec, metric, error)))
    return NULL;
  metric_id = rex_metric_get_id (metric);

  bars = g_new0 (Bars, 1);
  bars->metric = metric;
  rex_change_init (&bars->change, metric, spec);
  bars->both = spec->both_years && bars->change.base_year != 0;
  bars->rows = g_array_new (FALSE, TRUE, sizeof (BarRow));
  collect_rows (chart, bars, metric_id);
  keep_top (bars, spec);
  if (bars->change.base_year != 0 && !rex_change_check_years (&bars->change, metric, bars->year, error))
    {
      bars_free (bars);
      return NULL;
    }
  find_nation (bars, dataset, metric_id);
  find_all_years_extent (bars, metric_id);
  init_format (bars, metric, metric_id, rex_chart_get_number_format (chart));
  trim_missing_rows (bars, spec);
  if (bars->both)
    init_level_format (bars, metric, metric_id, rex_chart_get_number_format (chart));
  find_reference (chart, bars, dataset, metric_id);

  if (spec->color_by != REX_COLOR_BY_NONE)
    {
      /* The key covers the bars drawn: rows without a value have no colour. */
      g_autoptr(GPtrArray) drawn = g_ptr_array_new ();

      for (guint i = 0; i < bars->rows->len; i++)
        if (!isnan (g_array_index (bars->rows, BarRow, i).value))
          g_ptr_array_add (drawn, g_array_index (bars->rows, BarRow, i).region);
      rex_chart_build_color_key (chart, drawn);
      bars->color_legend = TRUE;
    }
  set_titles (chart, bars, spec);
  return bars;
}

static double
bars_legend_height (RexChart            *chart,
                    gpointer             data,
                    const RexChartFrame *frame)
{
  Bars *bars = data;

  double h = 0.0;

  if (bars->color_legend)
    h = rex_chart_color_legend (chart, NULL, frame, frame->x, 0, frame->w) + frame->em * 0.6;
  /* The key of hollow bars on a line of its own. */
  if (bars->any_marked)
    h += frame->em * 1.5;
  /* The reference line's label sits above the plot, under the legend. */
  if (bars->has_reference)
    h += frame->em * 1.4;
  /* The two years' key on a line of its own. */
  if (bars->both)
    h += frame->em * 1.5;
  return h;
}

/* The values the axis spans: the bars' from zero and the reference; with
 * both years, the figures of both (not zero: dots are read by where they
 * stand, not by their length). */
static void
value_extent (const Bars *bars,
              double     *lo,
              double     *hi)
{
  *lo = bars->both ? INFINITY : 0;
  *hi = bars->both ? -INFINITY : 0;
  for (guint i = 0; i < bars->rows->len; i++)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);
      double ends[2] = { row->value, row->value };

      if (isnan (row->value))
        continue;
      if (bars->both)
        ends[0] = row->base, ends[1] = row->figure;
      *lo = MIN (*lo, MIN (ends[0], ends[1]));
      *hi = MAX (*hi, MAX (ends[0], ends[1]));
    }
  if (bars->has_reference)
    {
      *lo = MIN (*lo, bars->reference);
      *hi = MAX (*hi, bars->reference);
    }
  if (bars->all_lo <= bars->all_hi)
    {
      *lo = MIN (*lo, bars->all_lo);
      *hi = MAX (*hi, bars->all_hi);
    }
  if (*lo > *hi)
    *lo = *hi = 0;
}

/* Where row @row's value label starts: after its bar's end, or with both
 * years after the dot farther right; NaN for a row without a value. */
static double
label_anchor (const Bars   *bars,
              const BarRow *row)
{
  if (isnan (row->value))
    return NAN;
  if (bars->both)
    return MAX (bar_x (bars, row->base), bar_x (bars, row->figure)) + bars->dot_r;
  return bar_x (bars, row->value);
}

/* The axis under the bars, and the least row height that shows names. */
#define AXIS_EMS 3.0
#define NAME_ROW_EMS 0.9
#define MAX_NAME_STRIDE 4

static double
bars_min_plot_height (RexChart            *chart,
                      gpointer             data,
                      const RexChartFrame *frame)
{
  Bars *bars = data;

  /* A pixel more, so rounding never drops the names. */
  return frame->em * (AXIS_EMS + NAME_ROW_EMS * bars->rows->len) + 1;
}

static void
bars_layout (RexChart            *chart,
             gpointer             data,
             const RexChartFrame *frame,
             GArray              *items)
{
  Bars *bars = data;
  double lo = 0, hi = 0, label_w = 0, value_w = 0, axis_h;
  guint n = bars->rows->len;

  value_extent (bars, &lo, &hi);
  g_clear_pointer (&bars->scale, rex_scale_free);
  bars->scale = rex_scale_new_linear (lo, hi, MAX (2, (int) (frame->w / (frame->em * 7))), !bars->both, TRUE,
                                      frame->style->number_format);
  rex_value_format_label_scale (bars->both ? &bars->level_format : &bars->format, bars->scale);

  axis_h = frame->em * AXIS_EMS;
  bars->row_h = (frame->h - axis_h) / MAX (n, 1);
  bars->dot_r = CLAMP (bars->row_h * 0.32, 0.75, frame->em * 0.36);
  /* Rows too thin for a name each (31 provinces at 640×420) name every
   * second, third or fourth, ranked from the first, without values: the
   * bars can still be told apart. Thinner still, none. */
  {
    double stride = ceil (frame->em * NAME_ROW_EMS / MAX (bars->row_h, 1e-9) - 1e-9);

    bars->show_names = stride <= MAX_NAME_STRIDE;
    bars->name_stride = bars->show_names ? (guint) MAX (stride, 1) : 1;
  }
  bars->axis_y = frame->y + bars->row_h * n;

  /* Name column as wide as the longest name, up to a third of the width. */
  for (guint i = 0; i < n && bars->show_names; i += bars->name_stride)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);
      g_autoptr(PangoLayout) name = rex_chart_role_text (frame, rex_region_get_display_name (row->region),
                                                         REX_CHART_TEXT_NAME);
      g_autofree char *value = row_label (bars, row);
      g_autoptr(PangoLayout) value_layout = rex_chart_role_text (frame, value, REX_CHART_TEXT_LABEL);
      double w;

      rex_chart_text_size (name, &w, NULL);
      label_w = MAX (label_w, w);
      rex_chart_text_size (value_layout, &w, NULL);
      value_w = MAX (value_w, w);
    }
  label_w = MIN (label_w, frame->w / 3);
  bars->label_x1 = frame->x + label_w;
  bars->bar_x0 = bars->label_x1 + frame->em * 0.8;
  /* A negative value's label stands left of its bar's end: room for it
   * before the least bar, clear of the names. */
  if (lo < 0 && bars->show_names && !bars->both)
    bars->bar_x0 += value_w + frame->em * 0.3;
  bars->bar_x1 = frame->x + frame->w - value_w - frame->em * 0.6;
  if (bars->bar_x1 - bars->bar_x0 < frame->w * 0.3)
    bars->bar_x1 = bars->bar_x0 + frame->w * 0.3;

  for (guint i = 0; i < n; i++)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);
      double end = isnan (row->value) ? bar_x (bars, bars->both ? bars->scale->min : 0)
                   : bars->both ? bar_x (bars, row->figure) : bar_x (bars, row->value);

      /* The item is the year's figure; what is drawn of it in change mode
       * bars_describe_change() tells. */
      rex_chart_append_item (items, row->region, bars->metric, bars->year,
                             isnan (row->value) ? NAN : row->figure,
                             end, frame->y + bars->row_h * (i + 0.5));
    }
}

/* Bars of one colour, filled as one path: a fill per bar costs a pass of the
 * rasteriser each, and thousands of rows made that the whole frame time. */
typedef struct
{
  RexColor color;
  GArray  *rects;   /* double[4]: x, y, w, h */
} ColorBatch;

static void
batch_add (GArray         *batches,
           const RexColor *color,
           double          x,
           double          y,
           double          w,
           double          h)
{
  ColorBatch *batch = NULL;
  double rect[4] = { x, y, w, h };

  for (guint i = 0; i < batches->len && batch == NULL; i++)
    if (memcmp (&g_array_index (batches, ColorBatch, i).color, color, sizeof *color) == 0)
      batch = &g_array_index (batches, ColorBatch, i);
  if (batch == NULL)
    {
      ColorBatch fresh = { *color, g_array_new (FALSE, FALSE, sizeof rect) };

      g_array_append_val (batches, fresh);
      batch = &g_array_index (batches, ColorBatch, batches->len - 1);
    }
  g_array_append_val (batch->rects, rect);
}

static void
batches_fill (GArray  *batches,
              cairo_t *cr)
{
  for (guint i = 0; i < batches->len; i++)
    {
      ColorBatch *batch = &g_array_index (batches, ColorBatch, i);

      cairo_new_path (cr);
      for (guint r = 0; r < batch->rects->len; r++)
        {
          const double *rect = (const double *) batch->rects->data + 4 * r;

          cairo_rectangle (cr, rect[0], rect[1], rect[2], rect[3]);
        }
      rex_chart_set_color (cr, &batch->color);
      cairo_fill (cr);
      g_array_unref (batch->rects);
    }
  g_array_set_size (batches, 0);
}

static RexColor
row_color (RexChart            *chart,
           const Bars          *bars,
           const BarRow        *row,
           const RexChartStyle *style,
           gboolean             spec_color_none)
{
  RexColor color = rex_chart_region_color (chart, row->region, style);

  /* With a selection, the others step back rather than the selection
   * changing colour: group colours stay readable either way. */
  if (bars->has_selection && !row->selected)
    color = rex_color_mix (&color, &style->background, 0.6);
  else if (row->selected && spec_color_none)
    color = style->highlight;
  return color;
}

/* Rows thinner than a device pixel: one bar per pixel row, spanning the
 * extent of the rows in it, in the colour of its selected row if any, else
 * of its longest bar. Drawing each row would paint the same pixels three or
 * thirty times over with sub-pixel rectangles. Returns FALSE when the
 * transformation is not a plain scale (then every row is drawn). */
static gboolean
batch_pixel_rows (RexChart            *chart,
                  Bars                *bars,
                  cairo_t             *cr,
                  const RexChartFrame *frame,
                  GArray              *batches,
                  double               zero_x,
                  gboolean             spec_color_none)
{
  const RexChartStyle *style = frame->style;
  double dx = 1, dy = 0, ex = 0, ey = 1, top_x = 0, top_y = frame->y, pixel;
  guint n = bars->rows->len, i = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_user_to_device_distance (cr, &ex, &ey);
  if (dy != 0 || ex != 0 || ey <= 0)
    return FALSE;
  if (bars->row_h * ey >= 1.0)
    return FALSE;
  cairo_user_to_device (cr, &top_x, &top_y);
  pixel = 1.0 / ey;

  while (i < n)
    {
      double mid = top_y + (i + 0.5) * bars->row_h * ey;
      double k = floor (mid), lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, span = -1;
      const BarRow *pick = NULL;
      RexColor color;

      /* The rows whose middle falls in device pixel row k. */
      for (; i < n && floor (top_y + (i + 0.5) * bars->row_h * ey) == k; i++)
        {
          const BarRow *row = &g_array_index (bars->rows, BarRow, i);
          double end;

          if (isnan (row->value))
            continue;
          end = bar_x (bars, row->value);
          lo = MIN (lo, MIN (zero_x, end));
          hi = MAX (hi, MAX (zero_x, end));
          if (pick == NULL || (row->selected && !pick->selected)
              || (row->selected == pick->selected && fabs (end - zero_x) > span))
            {
              pick = row;
              span = fabs (end - zero_x);
            }
        }
      if (pick == NULL)
        continue;
      color = row_color (chart, bars, pick, style, spec_color_none);
      batch_add (batches, &color, lo, frame->y + (k - top_y) * pixel, hi - lo, pixel);
    }
  return TRUE;
}

/* The bars, in batches of one colour, then the hollow ones: a pale fill
 * inside an outline in the bar's colour. */
static void
draw_bars (RexChart            *chart,
           Bars                *bars,
           cairo_t             *cr,
           const RexChartFrame *frame,
           double               zero_x,
           double               gap)
{
  const RexChartStyle *style = frame->style;
  gboolean spec_color_none = rex_chart_get_spec (chart)->color_by == REX_COLOR_BY_NONE;
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (ColorBatch));

  if (!batch_pixel_rows (chart, bars, cr, frame, batches, zero_x, spec_color_none))
    for (guint i = 0; i < bars->rows->len; i++)
      {
        const BarRow *row = &g_array_index (bars->rows, BarRow, i);
        double end;
        RexColor color;

        if (isnan (row->value))
          continue;
        end = bar_x (bars, row->value);
        color = row_color (chart, bars, row, style, spec_color_none);
        batch_add (batches, &color, MIN (zero_x, end), frame->y + bars->row_h * i + gap / 2,
                   fabs (end - zero_x), MAX (bars->row_h - gap, 0.5));
      }
  batches_fill (batches, cr);
  for (guint i = 0; bars->any_marked && bars->row_h >= 3 && i < bars->rows->len; i++)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);
      RexColor color, pale;
      double end, h = MAX (bars->row_h - gap, 0.5);

      if (!row->marked || isnan (row->value))
        continue;
      end = bar_x (bars, row->value);
      color = row_color (chart, bars, row, style, spec_color_none);
      pale = rex_color_mix (&color, &style->background, 0.7);
      cairo_rectangle (cr, MIN (zero_x, end) + 0.75, frame->y + bars->row_h * i + gap / 2 + 0.75,
                       MAX (fabs (end - zero_x) - 1.5, 0), MAX (h - 1.5, 0));
      rex_chart_set_color (cr, &pale);
      cairo_fill_preserve (cr);
      rex_chart_set_color (cr, &color);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/* A year's dot: @fill inside an outline of @edge. */
static void
draw_year_dot (cairo_t        *cr,
               const RexColor *fill,
               const RexColor *edge,
               double          x,
               double          y,
               double          r)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  rex_chart_set_color (cr, fill);
  cairo_fill_preserve (cr);
  rex_chart_set_color (cr, edge);
  cairo_set_line_width (cr, MAX (1.0, r * 0.35));
  cairo_stroke (cr);
}

/* The base year's dot is smaller: a grey of its own, and of regions in no
 * group, is told apart by its size too. */
#define BASE_DOT 0.75

/* Both years: the base year's figure a smaller grey dot, the year's a dot in the
 * row's colour (hollow, a pale inside in an outline of the colour, where it
 * is an estimate, derived or qualified), joined by a line in the colour. */
static void
draw_dumbbells (RexChart            *chart,
                Bars                *bars,
                cairo_t             *cr,
                const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  gboolean spec_color_none = rex_chart_get_spec (chart)->color_by == REX_COLOR_BY_NONE;
  double r = bars->dot_r;

  for (guint i = 0; i < bars->rows->len; i++)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);
      double mid = frame->y + bars->row_h * (i + 0.5), x0, x1;
      RexColor color;

      if (isnan (row->value))
        continue;
      color = row_color (chart, bars, row, style, spec_color_none);
      x0 = bar_x (bars, row->base);
      x1 = bar_x (bars, row->figure);
      rex_chart_set_color (cr, &color);
      cairo_set_line_width (cr, MAX (1.0, r * 0.5));
      cairo_move_to (cr, x0, mid);
      cairo_line_to (cr, x1, mid);
      cairo_stroke (cr);
      draw_year_dot (cr, &style->muted, &style->muted, x0, mid, r * BASE_DOT);
      if (row->marked)
        {
          RexColor pale = rex_color_mix (&color, &style->background, 0.7);

          draw_year_dot (cr, &pale, &color, x1, mid, r);
        }
      else
        draw_year_dot (cr, &color, &color, x1, mid, r);
    }
}

/* How far above the plot the key of the two years ends: the reference
 * line's label and the key of hollow marks are under it. */
static double
years_key_offset (const Bars          *bars,
                  const RexChartFrame *frame)
{
  return frame->em * ((bars->has_reference ? 1.4 : 0) + (bars->any_marked ? 1.5 : 0));
}

/* The key of the two years above the rows: "● 2015  ● 2024", the base
 * year grey. */
static void
draw_years_key (Bars                *bars,
                cairo_t             *cr,
                const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  int years[] = { bars->change.base_year, bars->year };
  double x = frame->x, y = frame->y - years_key_offset (bars, frame) - frame->em * 0.75;
  double r = frame->em * 0.36;

  for (guint k = 0; k < G_N_ELEMENTS (years); k++)
    {
      g_autofree char *year = rex_format_year (years[k]);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, year, REX_CHART_TEXT_SMALL);
      double w;

      /* The year's dot is in its group's colour where the rows are coloured
       * by group. */
      const RexColor *color = k == 0 ? &style->muted : bars->color_legend ? &style->foreground : &style->accent;

      draw_year_dot (cr, color, color, x + r, y, k == 0 ? r * BASE_DOT : r);
      rex_chart_draw_text (cr, label, x + 2 * r + frame->em * 0.35, y, 0, 0.5, &style->foreground);
      rex_chart_text_size (label, &w, NULL);
      x += 2 * r + frame->em * 0.35 + w + frame->em * 1.2;
    }
}

/* The reference line, dashed, with its label above the plot. */
static void
draw_reference (Bars                *bars,
                cairo_t             *cr,
                const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  double rx = rex_chart_snap (cr, bar_x (bars, bars->reference), FALSE);
  g_autoptr(PangoLayout) label = rex_chart_text (frame, bars->reference_label, 0.8, PANGO_WEIGHT_BOLD);
  static const double dash[] = { 4.0, 3.0 };
  double lw;

  rex_chart_set_color (cr, &style->reference);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, rx, frame->y - frame->em * 0.2);
  cairo_line_to (cr, rx, bars->axis_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* Centred over the line, but within the chart: a target near the end of
   * the axis would otherwise lose its year past the edge. */
  rex_chart_text_size (label, &lw, NULL);
  rex_chart_draw_text (cr, label, CLAMP (rx - lw / 2, frame->x, MAX (frame->x, frame->x + frame->w - lw)),
                       frame->y - frame->em * 0.25, 0.0, 1.0, &style->reference);
}

/* Row @i's region name in the left column and its value beside the bar's
 * end: after it for positive values, before it for negative ones; "no
 * data" in muted text at the baseline. */
static void
draw_row_labels (Bars                *bars,
                 cairo_t             *cr,
                 const RexChartFrame *frame,
                 guint                i,
                 double               zero_x)
{
  const RexChartStyle *style = frame->style;
  const BarRow *row = &g_array_index (bars->rows, BarRow, i);
  double top = frame->y + bars->row_h * i;
  double mid = top + bars->row_h / 2;
  gboolean emphasis = row->selected;

  g_autoptr(PangoLayout) name = rex_chart_text (frame, rex_region_get_display_name (row->region),
                                                0.9, emphasis ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  g_autofree char *value = row_label (bars, row);
  g_autoptr(PangoLayout) value_layout = rex_chart_text (frame, value, 0.85,
                                                        emphasis ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  double end = isnan (row->value) ? zero_x : label_anchor (bars, row);
  gboolean negative = !isnan (row->value) && row->value < 0 && !bars->both;

  /* A pixel of slack: the column was measured with the same text. */
  pango_layout_set_width (name, (int) ((bars->label_x1 - frame->x + 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (name, PANGO_ALIGN_RIGHT);
  rex_chart_draw_text (cr, name, frame->x, mid, 0.0, 0.5,
                       isnan (row->value) ? &style->muted : &style->foreground);
  /* A value would run over the bars above and below its row. */
  if (bars->name_stride > 1)
    return;
  /* Where the reference line meets a value label, the label's box is
   * cleared, so the line never runs through a number. */
  if (bars->has_reference)
    {
      double vw, vh, vx;

      rex_chart_text_size (value_layout, &vw, &vh);
      vx = negative ? end - frame->em * 0.3 - vw : end + frame->em * 0.3;
      if (!style->transparent)
        {
          rex_chart_set_color (cr, &style->background);
          cairo_rectangle (cr, vx - 1, mid - vh / 2, vw + 2, vh);
          cairo_fill (cr);
        }
    }
  rex_chart_draw_text (cr, value_layout,
                       negative ? end - frame->em * 0.3 : end + frame->em * 0.3, mid,
                       negative ? 1.0 : 0.0, 0.5,
                       isnan (row->value) ? &style->muted : &style->foreground);
}

static void
bars_draw (RexChart            *chart,
           gpointer             data,
           cairo_t             *cr,
           const RexChartFrame *frame)
{
  Bars *bars = data;
  const RexChartStyle *style = frame->style;
  double zero_x = bar_x (bars, bars->both ? bars->scale->min : 0);
  double gap = MIN (bars->row_h * 0.2, frame->em * 0.4);

  rex_chart_draw_x_axis (cr, frame, bars->scale,
                         &(RexBox) { bars->bar_x0, frame->y, bars->bar_x1, bars->axis_y },
                         bars->both ? rex_metric_get_display_unit (bars->metric) : bars->change.unit);
  if (bars->color_legend)
    rex_chart_color_legend (chart, cr, frame, frame->x,
                            frame->y - bars_legend_height (chart, bars, frame), frame->w);
  if (bars->any_marked)
    rex_chart_status_key (cr, frame, frame->x,
                          frame->y - (bars->has_reference ? frame->em * 1.4 : 0) - frame->em * 1.5,
                          frame->w, TRUE);

  if (bars->both)
    {
      draw_years_key (bars, cr, frame);
      draw_dumbbells (chart, bars, cr, frame);
    }
  else
    draw_bars (chart, bars, cr, frame, zero_x, gap);
  /* The reference line under the labels. */
  if (bars->has_reference)
    draw_reference (bars, cr, frame);
  /* Names and values only where rows are tall enough to read them. */
  for (guint i = 0; bars->show_names && i < bars->rows->len; i += bars->name_stride)
    draw_row_labels (bars, cr, frame, i, zero_x);

  /* Baseline at zero, crisp; dots have none. */
  if (bars->both)
    return;
  cairo_set_line_width (cr, 1.0);
  rex_chart_set_color (cr, &style->axis);
  cairo_move_to (cr, rex_chart_snap (cr, zero_x, FALSE), frame->y);
  cairo_line_to (cr, rex_chart_snap (cr, zero_x, FALSE), bars->axis_y);
  cairo_stroke (cr);
}

static void
bars_draw_hover (RexChart            *chart,
                 gpointer             data,
                 cairo_t             *cr,
                 const RexChartFrame *frame,
                 const RexChartItem  *item)
{
  Bars *bars = data;

  rex_chart_draw_row_hover (cr, frame, frame->y + bars->row_h * item->index, bars->row_h, 0.2);
}

static int
bars_hit_test (RexChart            *chart,
               gpointer             data,
               const RexChartFrame *frame,
               double               x,
               double               y)
{
  Bars *bars = data;
  double row;

  if (x < frame->x || x > frame->x + frame->w || y < frame->y || y >= bars->axis_y)
    return -1;
  row = (y - frame->y) / bars->row_h;
  return row >= 0 && row < bars->rows->len ? (int) row : -1;
}

static void
bars_fill_table (RexChart      *chart,
                 gpointer       data,
                 RexChartTable *table)
{
  Bars *bars = data;
  g_autofree char *year = NULL;

  rex_chart_table_add_region_columns (table, bars->metric);
  if (bars->change.base_year != 0)
    rex_change_add_columns (&bars->change, table);
  /* Translators: column of a data table and CSV: estimate, derived, about… */
  rex_chart_table_add_columns (table, _("Status"), NULL);
  year = g_strdup_printf ("%d", bars->year);
  for (guint i = 0; i < bars->rows->len; i++)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, i);
      GPtrArray *cells = g_ptr_array_new_full (8, g_free);
      g_autofree char *status = rex_chart_datum_status (rex_chart_get_datum (row->region,
                                                                             rex_metric_get_id (bars->metric),
                                                                             bars->year));

      g_ptr_array_add (cells, g_strdup (rex_region_get_id (row->region)));
      g_ptr_array_add (cells, g_strdup (rex_region_get_display_name (row->region)));
      g_ptr_array_add (cells, g_strdup (year));
      g_ptr_array_add (cells, rex_chart_raw_number (row->figure));
      if (bars->change.base_year != 0)
        rex_change_add_cells (&bars->change, cells, row->region, rex_metric_get_id (bars->metric),
                              row->base, row->value, &status);
      g_ptr_array_add (cells, g_steal_pointer (&status));
      g_ptr_array_add (table->rows, cells);
    }
}

/* In change mode: "+12.3 percentage points since 2015". */
static char *
bars_describe_change (RexChart           *chart,
                      gpointer            data,
                      const RexChartItem *item)
{
  Bars *bars = data;
  const BarRow *row;
  g_autofree char *value = NULL;

  if (bars->change.base_year == 0 || item->index >= bars->rows->len)
    return NULL;
  row = &g_array_index (bars->rows, BarRow, item->index);
  if (isnan (row->value))
    return NULL;
  value = print_value (bars, row->value);
  return rex_change_since (&bars->change, value);
}

static char *
bars_describe (RexChart *chart,
               gpointer  data)
{
  Bars *bars = data;
  const BarRow *first = &g_array_index (bars->rows, BarRow, 0);
  const BarRow *last = &g_array_index (bars->rows, BarRow, bars->n_values - 1);
  RexNumberFormat number_format = rex_chart_get_number_format (chart);
  g_autofree char *hi = rex_change_describe (&bars->change, bars->metric, &bars->format, number_format,
                                             first->value);
  g_autofree char *lo = rex_change_describe (&bars->change, bars->metric, &bars->format, number_format,
                                             last->value);
  GString *text = g_string_new (NULL);

  /* Translators: screen reader summary of a ranked bar chart */
  g_string_printf (text, _("%s, %s. %u regions ranked; highest %s at %s, lowest %s at %s."),
                   rex_chart_get_title (chart), rex_chart_get_subtitle (chart),
                   bars->n_values,
                   rex_region_get_display_name (first->region), hi,
                   rex_region_get_display_name (last->region), lo);
  if (bars->has_reference)
    /* Translators: after a ranking's screen reader summary; the line's
     * label is "China 67.0" or "Target 80 (2025)" */
    g_string_append_printf (text, _(" Reference line: %s."), bars->reference_label);
  return g_string_free (text, FALSE);
}

/* "Guangdong, GDP 2024: 141,634 100 million yuan, rank 1 of 31, East";
 * in change mode the change after the figure. */
static char *
bars_describe_item (RexChart           *chart,
                    gpointer            data,
                    const RexChartItem *item)
{
  Bars *bars = data;
  GString *text = rex_chart_item_sentence (rex_region_get_display_name (item->region), bars->metric,
                                           bars->year, item->value);
  g_autofree char *change = bars_describe_change (chart, data, item);

  if (change != NULL)
    g_string_append_printf (text, "%s%s", C_("item name", ", "), change);
  if (change != NULL && bars->both)
    {
      const BarRow *row = &g_array_index (bars->rows, BarRow, item->index);
      g_autofree char *base = rex_format_number (row->base, rex_metric_get_decimals (bars->metric));
      g_autofree char *when = rex_format_year (bars->change.base_year);

      /* Translators: in a row's screen reader name with both years drawn,
       * the base year's figure: "…, 42.96 % in 2015" */
      g_string_append_printf (text, _(", %s %s in %s"), base, rex_metric_get_display_unit (bars->metric), when);
    }
  if (!isnan (item->value) && item->index < bars->n_values)
    /* Translators: in a bar's screen reader name: "…, rank 1 of 31" */
    g_string_append_printf (text, _(", rank %u of %u"), bars->first_rank + item->index + 1, bars->n_ranked);
  rex_chart_append_item_notes (chart, text, item->region, rex_metric_get_id (bars->metric), bars->year, TRUE);
  return g_string_free (text, FALSE);
}

const RexChartKindImpl rex_chart_bars_impl = {
  .kind = REX_CHART_KIND_BARS,
  .prepare = bars_prepare,
  .free_data = bars_free,
  .legend_height = bars_legend_height,
  .layout = bars_layout,
  .min_plot_height = bars_min_plot_height,
  .draw = bars_draw,
  .draw_hover = bars_draw_hover,
  .hit_test = bars_hit_test,
  .fill_table = bars_fill_table,
  .describe = bars_describe,
  .describe_item = bars_describe_item,
  .describe_change = bars_describe_change,
};
