/* rex-chart-shares.c — part-to-whole charts, as donuts or 100 % stacked bars.
 *
 * Two uses:
 *  - percentage metrics of one region (a share and "the rest"): one ring or
 *    bar per metric, e.g. the 19 city clusters' share of population and of
 *    GDP side by side;
 *  - a total metric over several regions as shares of the nation's value (the
 *    difference is an explicit "not allocated" part) or, when there is no
 *    national figure to divide by, of their sum.
 * And the composition of a whole: one 100 % bar per region of parts given
 * as metrics in one unit (the three industries' value added; urban and
 * rural population), each part its share of their sum.
 * Published wording is kept: "about 85 %" is labelled "≈85%".
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rex-chart-private.h"

/* Parts beyond this many regions are summed into one "others" part: more
 * wedges than the palette has colours cannot be told apart. */
#define MAX_NAMED_PARTS (REX_PALETTE_SIZE - 1)

typedef enum
{
  PART_COLOR_PALETTE,   /* palette[color_index] */
  PART_COLOR_OTHERS,    /* the grey "others" */
  PART_COLOR_REST,      /* the remainder: no_data */
} PartColor;

typedef struct
{
  char         *label;
  RexRegion    *region;      /* NULL for the rest / others */
  double        value;       /* in the metric's unit */
  double        share;       /* 0..1 of the whole */
  RexQualifier  qualifier;
  PartColor     color;
  guint         color_index;
  RexMetric    *metric;      /* a composition's part; NULL: the whole's */

  /* layout: donut angles or stacked bar extent */
  double        a0, a1;
  double        lx, ly;      /* label anchor */
  gboolean      label_inside;
} SharePart;

typedef struct
{
  char      *label;        /* ring / bar caption */
  RexMetric *metric;
  int        year;
  GArray    *parts;        /* SharePart */

  /* layout */
  double     cx, cy, r_out, r_in;   /* donut */
  double     x, y, w, h;            /* stacked bar */
  guint      first_item;
} ShareWhole;

typedef struct
{
  char      *label;
  PartColor  color;
  guint      color_index;
} LegendEntry;

typedef struct
{
  RexSharesMode  mode;
  gboolean       of_percent;  /* percentage metrics: a part and the rest */
  RexMetric     *metric;      /* the total metric (shares of a total) */
  GPtrArray     *wholes;      /* ShareWhole* */
  GArray        *legend;      /* LegendEntry */
  char          *empty_reason; /* why there is nothing to draw, when known */

  int            published_decimals;  /* of every percentage label */
  int            computed_decimals;

  /* layout */
  double         legend_h;
  double         label_w;     /* stacked: caption column */
} Shares;

static void
part_clear (gpointer data)
{
  g_free (((SharePart *) data)->label);
}

static void
whole_free (gpointer data)
{
  ShareWhole *whole = data;

  g_free (whole->label);
  g_array_unref (whole->parts);
  g_free (whole);
}

static void
legend_clear (gpointer data)
{
  g_free (((LegendEntry *) data)->label);
}

static void
shares_free (gpointer data)
{
  Shares *shares = data;

  g_ptr_array_unref (shares->wholes);
  g_array_unref (shares->legend);
  g_free (shares->empty_reason);
  g_free (shares);
}

static ShareWhole *
whole_new (const char *label,
           RexMetric  *metric,
           int         year)
{
  ShareWhole *whole = g_new0 (ShareWhole, 1);

  whole->label = g_strdup (label);
  whole->metric = metric;
  whole->year = year;
  whole->parts = g_array_new (FALSE, TRUE, sizeof (SharePart));
  g_array_set_clear_func (whole->parts, part_clear);
  return whole;
}

static void
add_part (ShareWhole   *whole,
          const char   *label,
          RexRegion    *region,
          double        value,
          double        share,
          RexQualifier  qualifier,
          PartColor     color,
          guint         color_index)
{
  SharePart part = { 0 };

  part.label = g_strdup (label);
  part.region = region;
  part.value = value;
  part.share = share;
  part.qualifier = qualifier;
  part.color = color;
  part.color_index = color_index;
  g_array_append_val (whole->parts, part);
}

static void
add_legend (Shares     *shares,
            const char *label,
            PartColor   color,
            guint       color_index)
{
  LegendEntry entry = { g_strdup (label), color, color_index };

  for (guint i = 0; i < shares->legend->len; i++)
    if (g_strcmp0 (g_array_index (shares->legend, LegendEntry, i).label, label) == 0)
      {
        g_free (entry.label);
        return;
      }
  g_array_append_val (shares->legend, entry);
}

static RexColor
part_color (const RexChartStyle *style,
            PartColor            color,
            guint                index)
{
  switch (color)
    {
    case PART_COLOR_OTHERS:
      return style->palette[REX_PALETTE_SIZE - 1];
    case PART_COLOR_REST:
      return style->no_data;
    case PART_COLOR_PALETTE:
    default:
      return style->palette[index % (REX_PALETTE_SIZE - 1)];
    }
}

static char *
capitalize (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  char buf[8];
  int n = g_unichar_to_utf8 (g_unichar_totitle (c), buf);

  return g_strdup_printf ("%.*s%s", n, buf, g_utf8_next_char (text));
}

/* Splits metric names sharing a subject into that subject and what each one
 * measures: "19 city clusters: share of GDP" → "19 city clusters" + "Share of
 * GDP"; "19个城市群人口占比", "19个城市群经济总量占比" → "19个城市群" + "人口占比", "经济总量占比".
 * Latin names are only split at a colon, so no word is cut. Returns the
 * subject or NULL (then @captions hold the whole names). */
static char *
split_names (GPtrArray *names,
             GPtrArray *captions)
{
  const char *first = names->pdata[0];
  gsize prefix = strlen (first);
  const char *colon;
  char *subject = NULL;

  for (guint i = 1; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      gsize k = 0;

      while (k < prefix && first[k] == name[k])
        k++;
      prefix = k;
    }
  /* Back up to the start of a UTF-8 character. */
  while (prefix > 0 && (first[prefix] & 0xc0) == 0x80)
    prefix--;

  colon = g_strstr_len (first, names->len > 1 ? (gssize) prefix : -1, ":");
  if (colon == NULL)
    colon = g_strstr_len (first, names->len > 1 ? (gssize) prefix : -1, "：");
  if (colon != NULL)
    {
      subject = g_strndup (first, colon - first);
      for (guint i = 0; i < names->len; i++)
        {
          const char *rest = (const char *) names->pdata[i] + (colon - first);

          rest = g_utf8_next_char (rest);
          while (*rest == ' ')
            rest++;
          g_ptr_array_add (captions, *rest ? capitalize (rest) : g_strdup (names->pdata[i]));
        }
      return subject;
    }

  if (names->len > 1 && prefix > 0)
    {
      gunichar last = g_utf8_get_char (g_utf8_prev_char (first + prefix));
      gboolean rests = TRUE;

      for (guint i = 0; i < names->len; i++)
        rests &= ((const char *) names->pdata[i])[prefix] != '\0';
      /* Without spaces between words (Chinese) any character boundary is one. */
      if (rests && g_utf8_strlen (first, prefix) >= 2 && g_unichar_iswide (last))
        {
          for (guint i = 0; i < names->len; i++)
            g_ptr_array_add (captions, g_strdup ((const char *) names->pdata[i] + prefix));
          return g_strndup (first, prefix);
        }
    }
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (captions, g_strdup (names->pdata[i]));
  return NULL;
}

static RexRegion *
nation_of (RexDataset *dataset)
{
  g_autoptr(GPtrArray) nations = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_NATION);

  return nations->len > 0 ? nations->pdata[0] : NULL;
}

static RexQualifier
value_qualifier (RexRegion  *region,
                 const char *metric_id,
                 int         year)
{
  RexSeries *series = rex_region_get_series (region, metric_id);
  const RexDatum *datum = series ? rex_series_get_datum (series, year) : NULL;

  return datum ? datum->qualifier : REX_QUALIFIER_EXACT;
}

/* A percentage metric per ring: the share and the rest of the region. */
static gboolean
prepare_percent (RexChart   *chart,
                 Shares     *shares,
                 GPtrArray  *metrics,
                 GPtrArray  *regions,
                 char      **title,
                 char      **subtitle)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) captions = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subject = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  int y_min = G_MAXINT, y_max = G_MININT;

  for (guint i = 0; i < metrics->len; i++)
    g_ptr_array_add (names, (gpointer) rex_metric_get_display_name (metrics->pdata[i]));
  subject = split_names (names, captions);

  for (guint r = 0; r < regions->len; r++)
    {
      RexRegion *region = regions->pdata[r];
      g_autofree char *rest = NULL;

      /* Translators: the remainder of a share, e.g. "Rest of China" */
      rest = g_strdup_printf (_("Rest of %s"), rex_region_get_display_name (region));
      for (guint m = 0; m < metrics->len; m++)
        {
          RexMetric *metric = metrics->pdata[m];
          const char *metric_id = rex_metric_get_id (metric);
          g_autoptr(GPtrArray) one = g_ptr_array_new ();
          ShareWhole *whole;
          RexQualifier qualifier;
          double value;
          int year;
          const char *part_label = subject ? subject : names->pdata[m];
          guint color_index = subject ? 0 : m;

          g_ptr_array_add (one, region);
          year = rex_chart_resolve_year (chart, metric_id, one);
          if (!rex_region_get_value (region, metric_id, year, &value))
            continue;
          value = CLAMP (value, 0.0, 100.0);
          qualifier = value_qualifier (region, metric_id, year);
          rex_chart_add_value_source (chart, region, metric_id, year);

          whole = whole_new (regions->len > 1 && metrics->len == 1 ? rex_region_get_display_name (region)
                             : regions->len > 1 ? NULL : captions->pdata[m],
                             metric, year);
          if (whole->label == NULL)
            whole->label = g_strdup_printf ("%s · %s", rex_region_get_display_name (region),
                                            (char *) captions->pdata[m]);
          add_part (whole, part_label, region, value, value / 100.0, qualifier, PART_COLOR_PALETTE, color_index);
          /* "About 85 %" leaves "about 15 %"; "over 90 %" leaves "under 10 %". */
          add_part (whole, regions->len > 1 ? _("The rest") : rest, NULL, 100.0 - value, 1.0 - value / 100.0,
                    qualifier == REX_QUALIFIER_OVER ? REX_QUALIFIER_UNDER
                    : qualifier == REX_QUALIFIER_UNDER ? REX_QUALIFIER_OVER : qualifier,
                    PART_COLOR_REST, 0);
          add_legend (shares, part_label, PART_COLOR_PALETTE, color_index);
          y_min = MIN (y_min, year);
          y_max = MAX (y_max, year);
          g_ptr_array_add (shares->wholes, whole);
        }
      if (r == 0)
        g_string_append (where, rex_region_get_display_name (region));
      else
        g_string_append_printf (where, ", %s", rex_region_get_display_name (region));
    }
  /* The rest goes last in the legend. */
  if (shares->wholes->len > 0)
    {
      g_autofree char *rest = regions->len > 1 ? g_strdup (_("The rest"))
                                               : g_strdup_printf (_("Rest of %s"),
                                                                  rex_region_get_display_name (regions->pdata[0]));
      add_legend (shares, rest, PART_COLOR_REST, 0);
    }

  if (subject != NULL)
    *title = g_strdup (subject);
  else
    {
      g_autoptr(GString) joined = g_string_new (NULL);
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (joined, i ? ", %s" : "%s", (char *) names->pdata[i]);
      *title = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  if (y_min == G_MAXINT)
    *subtitle = g_strdup (where->str);
  else
    {
      g_autofree char *years = rex_format_year_range (y_min, y_max);

      /* Translators: shares subtitle: "Percent of China’s total · 2025" or "… · 2015–2025" */
      *subtitle = g_strdup_printf (_("Percent of %s’s total · %s"), where->str, years);
    }
  return TRUE;
}

/* @a × @b, or the largest double when the product is beyond it. */
static double
finite_times (double a,
              double b)
{
  return MIN (a * b, G_MAXDOUBLE);
}

static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const SharePart *pa = a, *pb = b;

  return (pa->value < pb->value) - (pa->value > pb->value);
}

/* Appends to @subtitle the regions left out: without a figure, and with
 * one below zero, which is no share of a whole. */
static void
append_left_out (char         **subtitle,
                 const GString *missing,
                 const GString *negative)
{
  if (missing->len > 0)
    /* Translators: appended to a subtitle: regions left out for lack of data */
    rex_chart_append_subtitle_note (subtitle, _("%s · no data for %s"), *subtitle, missing->str);
  if (negative->len > 0)
    /* Translators: appended to a shares chart's subtitle: regions whose figure is negative */
    rex_chart_append_subtitle_note (subtitle, _("%s · below zero, so no share: %s"), *subtitle, negative->str);
}

/* The parts of a total: the regions' values in @year other than the
 * nation's, optionally largest first; regions without one named in
 * @missing, those with a negative one in @negative. */
static GArray *
collect_parts (RexChart   *chart,
               GPtrArray  *regions,
               RexRegion  *nation,
               const char *metric_id,
               int         year,
               gboolean    sort,
               GString    *missing,
               GString    *negative)
{
  GArray *parts = g_array_new (FALSE, TRUE, sizeof (SharePart));

  g_array_set_clear_func (parts, part_clear);
  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];
      SharePart part = { 0 };

      if (region == nation)
        continue;
      if (!rex_region_get_value (region, metric_id, year, &part.value) || part.value < 0)
        {
          rex_chart_append_region_name (part.value < 0 ? negative : missing, region);
          continue;
        }
      /* Only the largest parts are named (below); the label is looked up
       * then, not for each of thousands of regions summed into "others". */
      part.region = region;
      part.qualifier = value_qualifier (region, metric_id, year);
      g_array_append_val (parts, part);
      rex_chart_add_value_source (chart, region, metric_id, year);
    }
  if (sort)
    g_array_sort (parts, compare_parts);
  return parts;
}

/* The largest @parts by name into @whole, the rest summed into one part
 * "N other regions". Values are divided by @largest, and @whole_value is
 * the whole in those units. */
static void
add_named_parts (Shares     *shares,
                 ShareWhole *whole,
                 GArray     *parts,
                 double      largest,
                 double      whole_value)
{
  for (guint i = 0; i < parts->len; i++)
    {
      SharePart *p = &g_array_index (parts, SharePart, i);

      if (i < MAX_NAMED_PARTS || parts->len == MAX_NAMED_PARTS + 1)
        {
          const char *label = rex_region_get_display_name (p->region);

          add_part (whole, label, p->region, p->value, p->value / largest / whole_value, p->qualifier,
                    PART_COLOR_PALETTE, i);
          add_legend (shares, label, PART_COLOR_PALETTE, i);
        }
      else
        {
          double others = 0;
          g_autofree char *label = NULL;

          for (guint k = i; k < parts->len; k++)
            others += g_array_index (parts, SharePart, k).value / largest;
          /* Translators: the small regions summed into one part of a donut */
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other region", "%u other regions",
                                                parts->len - i), parts->len - i);
          add_part (whole, label, NULL, finite_times (others, largest), others / whole_value, REX_QUALIFIER_EXACT,
                    PART_COLOR_OTHERS, 0);
          add_legend (shares, label, PART_COLOR_OTHERS, 0);
          break;
        }
    }
}

/* A total metric over regions, as shares of the nation's value or their sum. */
static void
prepare_total (RexChart   *chart,
               Shares     *shares,
               RexMetric  *metric,
               GPtrArray  *regions,
               gboolean    sort,
               char      **title,
               char      **subtitle)
{
  RexDataset *dataset = rex_chart_get_dataset (chart);
  const char *metric_id = rex_metric_get_id (metric);
  RexRegion *nation = nation_of (dataset);
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) negative = g_string_new (NULL);
  g_autofree char *when = NULL;
  double sum = 0, whole_value = 0, national = 0, largest = 0, raw_sum = 0;
  gboolean of_nation = FALSE;
  ShareWhole *whole;
  int year;

  year = rex_chart_resolve_year (chart, metric_id, regions);
  parts = collect_parts (chart, regions, nation, metric_id, year, sort, missing, negative);
  if (parts->len == 0)
    return;

  /* Shares are computed on values divided by the largest one, so that a sum
   * of values near the largest double stays finite. A whole of zero has no
   * shares: 0/0 would reach cairo as an angle of NaN. */
  for (guint i = 0; i < parts->len; i++)
    largest = MAX (largest, g_array_index (parts, SharePart, i).value);
  if (!(largest > 0))
    {
      g_autofree char *zero_year = rex_format_year (year);

      g_free (shares->empty_reason);
      /* Translators: a donut of values that are all zero */
      shares->empty_reason = g_strdup_printf (_("Every value of %s in %s is zero: there is no whole "
                                                "to divide into shares."),
                                              rex_metric_get_display_name (metric), zero_year);
      return;
    }
  for (guint i = 0; i < parts->len; i++)
    {
      sum += g_array_index (parts, SharePart, i).value / largest;
      raw_sum += g_array_index (parts, SharePart, i).value;
    }

  /* The nation's figure is the whole when the parts fit in it; regions that
   * overlap (or figures that disagree) can only be shares of their sum. */
  if (nation != NULL && rex_region_get_value (nation, metric_id, year, &national)
      && national / largest >= sum * (1 - 1e-9))
    {
      of_nation = TRUE;
      whole_value = national / largest;
      rex_chart_add_value_source (chart, nation, metric_id, year);
    }
  else
    whole_value = sum;

  whole = whole_new (rex_metric_get_display_name (metric), metric, year);
  add_named_parts (shares, whole, parts, largest, whole_value);
  if (of_nation && whole_value - sum > whole_value * 1e-6)
    {
      add_part (whole, _("Other / not allocated"), NULL,
                isfinite (raw_sum) ? national - raw_sum : (whole_value - sum) * largest,
                (whole_value - sum) / whole_value,
                REX_QUALIFIER_EXACT, PART_COLOR_REST, 0);
      add_legend (shares, _("Other / not allocated"), PART_COLOR_REST, 0);
    }
  g_ptr_array_add (shares->wholes, whole);

  *title = g_strdup (rex_metric_get_display_name (metric));
  when = rex_format_year (year);
  if (of_nation)
    /* Translators: shares subtitle: "Percent of China’s total · 100 million yuan · 2023" */
    *subtitle = g_strdup_printf (_("Percent of %s’s total · %s · %s"), rex_region_get_display_name (nation),
                                 rex_metric_get_display_unit (metric), when);
  else
    /* Translators: shares subtitle when there is no national figure to divide by */
    *subtitle = g_strdup_printf (_("Percent of the regions’ sum · %s · %s"), rex_metric_get_display_unit (metric),
                                 when);
  append_left_out (subtitle, missing, negative);
}

/* The latest year in which @region has a value of every metric, or 0. */
static int
latest_complete_year (RexRegion *region,
                      GPtrArray *metrics,
                      int        year)
{
  int best = G_MAXINT;

  for (guint k = 0; k < metrics->len; k++)
    {
      RexSeries *series = rex_region_get_series (region, rex_metric_get_id (metrics->pdata[k]));
      int first, last;

      if (series == NULL || !rex_series_get_year_range (series, &first, &last))
        return 0;
      best = MIN (best, last);
    }
  for (int y = year != 0 ? year : best; y > 0 && y >= best - 50; y--)
    {
      gboolean all = TRUE;

      for (guint k = 0; k < metrics->len && all; k++)
        {
          double v;
          all = rex_region_get_value (region, rex_metric_get_id (metrics->pdata[k]), y, &v);
        }
      if (all)
        return y;
      if (year != 0)
        break;
    }
  return 0;
}

/* Why a composition has no bar, when some of its parts have no value in
 * any of @regions (in @year, or at all when no year has every part): those
 * parts, not the first one given. */
static void
name_parts_without_data (Shares    *shares,
                         GPtrArray *metrics,
                         GPtrArray *regions,
                         int        year)
{
  g_autoptr(GString) lacking = g_string_new (NULL);

  for (guint k = 0; k < metrics->len; k++)
    {
      const char *id = rex_metric_get_id (metrics->pdata[k]);
      gboolean any = FALSE;

      for (guint i = 0; i < regions->len && !any; i++)
        {
          RexSeries *series = rex_region_get_series (regions->pdata[i], id);
          double v;

          any = year != 0 ? rex_region_get_value (regions->pdata[i], id, year, &v)
                          : series != NULL && rex_series_get_n_values (series) > 0;
        }
      if (!any)
        {
          if (lacking->len > 0)
            /* Translators: separator between names in a list */
            g_string_append (lacking, _(", "));
          g_string_append (lacking, rex_metric_get_display_name (metrics->pdata[k]));
        }
    }
  if (lacking->len > 0)
    shares->empty_reason = g_strdup_printf (_("No data for %s in these regions. Choose other parts "
                                              "or other regions."), lacking->str);
}

/* One 100 % bar per region of @metrics as parts of their sum. */
static void
prepare_composition (RexChart   *chart,
                     Shares     *shares,
                     GPtrArray  *metrics,
                     GPtrArray  *regions,
                     char      **title,
                     char      **subtitle)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) negative = g_string_new (NULL);
  g_autofree char *when = NULL;
  int year = spec->year;

  /* Without a year: the latest in which some region has every part. */
  for (guint i = 0; i < regions->len && spec->year == 0; i++)
    year = MAX (year, latest_complete_year (regions->pdata[i], metrics, 0));

  for (guint k = 0; k < metrics->len; k++)
    {
      add_legend (shares, rex_metric_get_display_name (metrics->pdata[k]), PART_COLOR_PALETTE, k);
    }

  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];
      g_autofree double *values = g_new0 (double, metrics->len);
      double sum = 0;
      gboolean complete = year != 0, below_zero = FALSE;
      ShareWhole *whole;

      for (guint k = 0; k < metrics->len && complete; k++)
        {
          complete = rex_region_get_value (region, rex_metric_get_id (metrics->pdata[k]), year, &values[k])
                     && values[k] >= 0 && isfinite (values[k]);
          below_zero = values[k] < 0;
        }
      for (guint k = 0; k < metrics->len && complete; k++)
        sum += values[k];
      if (!complete || !(sum > 0) || !isfinite (sum))
        {
          rex_chart_append_region_name (below_zero ? negative : missing, region);
          continue;
        }
      whole = whole_new (rex_region_get_display_name (region), metrics->pdata[0], year);
      for (guint k = 0; k < metrics->len; k++)
        {
          const RexDatum *datum = rex_chart_get_datum (region, rex_metric_get_id (metrics->pdata[k]), year);

          add_part (whole, rex_metric_get_display_name (metrics->pdata[k]), region, values[k], values[k] / sum,
                    datum ? datum->qualifier : REX_QUALIFIER_EXACT, PART_COLOR_PALETTE, k);
          g_array_index (whole->parts, SharePart, whole->parts->len - 1).metric = metrics->pdata[k];
          rex_chart_add_value_source (chart, region, rex_metric_get_id (metrics->pdata[k]), year);
        }
      g_ptr_array_add (shares->wholes, whole);
    }

  if (shares->wholes->len == 0)
    name_parts_without_data (shares, metrics, regions, year);
  /* Translators: title of a composition chart; the legend names the parts */
  *title = g_strdup (_("Composition"));
  when = rex_format_year (year);
  /* Translators: subtitle of a composition chart: unit and year */
  *subtitle = g_strdup_printf (_("Percent of the parts’ sum · %s · %s"),
                               rex_metric_get_display_unit (metrics->pdata[0]), when);
  append_left_out (subtitle, missing, negative);
}

/* One number of decimals for all the percentages of a chart ("36.50%"
 * beside "56.79%", never "36.5%"): published ones as many as the most
 * precise needs, at most two; computed ones one, or two when one of them
 * would otherwise read "0.0". */
static void
choose_decimals (Shares *shares)
{
  shares->published_decimals = 0;
  shares->computed_decimals = 1;
  for (guint i = 0; i < shares->wholes->len; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];

      for (guint k = 0; k < whole->parts->len; k++)
        {
          double pct = g_array_index (whole->parts, SharePart, k).share * 100;

          if (!isfinite (pct))
            continue;
          for (int d = shares->published_decimals; d < 2; d++)
            {
              double scaled = fabs (pct) * pow (10.0, d);

              if (fabs (scaled - round (scaled)) < 1e-6 * MAX (scaled, 1.0))
                break;
              shares->published_decimals = d + 1;
            }
          if (pct > 0 && pct < 0.1)
            shares->computed_decimals = 2;
        }
    }
}

/* The metrics of the spec in @metrics, and whether all are percentages;
 * FALSE with an actionable error when they cannot be drawn together. */
static gboolean
require_share_metrics (RexChart   *chart,
                       GPtrArray  *metrics,
                       gboolean   *all_percent,
                       GError    **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);

  if (!rex_chart_require_metrics (chart, metrics, FALSE, error))
    return FALSE;
  *all_percent = TRUE;
  for (guint i = 0; i < metrics->len; i++)
    *all_percent &= rex_metric_get_percent (metrics->pdata[i]);
  if (metrics->len == 0)
    {
      rex_chart_require_metric (chart, NULL, _("a metric (--metric)"), error);
      return FALSE;
    }
  if (spec->shares_mode == REX_SHARES_MODE_COMPOSITION)
    {
      if (metrics->len < 2)
        {
          g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                       _("A composition needs two or more metrics that add up to a whole, "
                         "e.g. --metric=va_primary,va_secondary,va_tertiary"));
          return FALSE;
        }
      for (guint k = 1; k < metrics->len; k++)
        if (g_strcmp0 (rex_metric_get_unit (metrics->pdata[k]), rex_metric_get_unit (metrics->pdata[0])) != 0)
          {
            g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                         _("The parts of a composition must share a unit: %s is in %s, %s in %s"),
                         rex_metric_get_display_name (metrics->pdata[0]),
                         rex_metric_get_display_unit (metrics->pdata[0]),
                         rex_metric_get_display_name (metrics->pdata[k]),
                         rex_metric_get_display_unit (metrics->pdata[k]));
            return FALSE;
          }
    }
  else if (metrics->len > 1 && !*all_percent)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("Several metrics can only be compared as shares when all are percentages; "
                     "give one total metric (e.g. gdp) with --regions instead"));
      return FALSE;
    }
  /* A share is of a sum: of rates or figures per head there is none. */
  for (guint i = 0; !*all_percent && i < metrics->len; i++)
    if (!rex_metric_adds_up (metrics->pdata[i]))
      {
        g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                     _("%s is a rate, a ratio or a figure per head: the regions’ figures do not "
                       "add up to a whole, so they have no shares. Choose an amount, such as GDP "
                       "or population, or compare them in a bar chart"),
                     rex_metric_get_display_name (metrics->pdata[i]));
        return FALSE;
      }
  return TRUE;
}

static gpointer
shares_prepare (RexChart  *chart,
                GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new ();
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean all_percent;
  Shares *shares;

  if (!require_share_metrics (chart, metrics, &all_percent, error))
    return NULL;

  shares = g_new0 (Shares, 1);
  shares->mode = spec->shares_mode;
  shares->of_percent = all_percent;
  shares->wholes = g_ptr_array_new_with_free_func (whole_free);
  shares->legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_array_set_clear_func (shares->legend, legend_clear);

  for (guint i = 0; spec->regions && spec->regions[i]; i++)
    g_ptr_array_add (regions, rex_dataset_lookup_region (dataset, spec->regions[i]));

  if (shares->mode == REX_SHARES_MODE_COMPOSITION)
    {
      shares->of_percent = FALSE;
      if (regions->len == 0)
        {
          g_autoptr(GPtrArray) kind_regions = rex_chart_get_spec_regions (chart);
          g_ptr_array_extend (regions, kind_regions, NULL, NULL);
        }
      prepare_composition (chart, shares, metrics, regions, &title, &subtitle);
    }
  else if (all_percent)
    {
      if (regions->len == 0 && nation_of (dataset) != NULL)
        g_ptr_array_add (regions, nation_of (dataset));
      prepare_percent (chart, shares, metrics, regions, &title, &subtitle);
    }
  else
    {
      gboolean sort = regions->len == 0;

      shares->metric = metrics->pdata[0];
      if (regions->len == 0)
        {
          g_autoptr(GPtrArray) kind_regions = rex_chart_get_spec_regions (chart);
          g_ptr_array_extend (regions, kind_regions, NULL, NULL);
        }
      prepare_total (chart, shares, metrics->pdata[0], regions, sort, &title, &subtitle);
    }

  choose_decimals (shares);
  if (title == NULL)
    title = g_strdup (rex_metric_get_display_name (metrics->pdata[0]));
  rex_chart_set_titles (chart, title, subtitle);
  if (shares->wholes->len == 0)
    {
      g_autofree char *message = NULL;

      if (shares->empty_reason != NULL)
        message = g_strdup (shares->empty_reason);
      else if (spec->year != 0)
        {
          g_autofree char *when = rex_format_year (spec->year);

          message = g_strdup_printf (_("No data for %s in %s. Choose another year or metric."),
                                     rex_metric_get_display_name (metrics->pdata[0]), when);
        }
      else
        message = g_strdup_printf (_("No data for %s in these regions. Choose another metric "
                                     "or other regions."), rex_metric_get_display_name (metrics->pdata[0]));
      rex_chart_set_empty (chart, message);
    }
  return shares;
}

/* "75%", "≈85%", ">90%", "<10%", with the chart's one number of decimals. */
static char *
format_share (const Shares    *shares,
              const SharePart *part,
              gboolean         published)
{
  const char *prefix = rex_format_qualifier_prefix (part->qualifier);
  double pct = part->share * 100;
  g_autofree char *number = NULL;

  number = rex_format_number (pct, published ? shares->published_decimals : shares->computed_decimals);
  /* Translators: a percentage label, e.g. "75%"; %s is the number with its "≈" */
  return g_strdup_printf (_("%s%s%%"), prefix, number);
}

static double
shares_legend_height (RexChart            *chart,
                      gpointer             data,
                      const RexChartFrame *frame)
{
  Shares *shares = data;
  double x = 0, rows = 1;

  /* Swatches wrap onto as many rows as they need. */
  for (guint i = 0; i < shares->legend->len; i++)
    {
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, g_array_index (shares->legend, LegendEntry, i).label,
                                                          REX_CHART_TEXT_NAME);
      double w;

      rex_chart_text_size (label, &w, NULL);
      w += frame->em * 2.4;
      if (x > 0 && x + w > frame->w)
        {
          rows++;
          x = 0;
        }
      x += w;
    }
  shares->legend_h = rows * frame->em * 1.6 + frame->em * 0.6;
  return shares->legend_h;
}

static void
layout_donut (Shares              *shares,
              const RexChartFrame *frame,
              GArray              *items)
{
  guint n = shares->wholes->len;
  double cell_w = frame->w / n, caption_h = frame->em * 2.6;
  double r = MIN (cell_w * 0.36, (frame->h - caption_h) * 0.46);

  r = MAX (r, frame->em);
  for (guint i = 0; i < n; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];
      double a = -G_PI / 2;

      whole->cx = frame->x + cell_w * (i + 0.5);
      whole->cy = frame->y + (frame->h - caption_h) / 2;
      whole->r_out = r;
      whole->r_in = r * 0.58;
      whole->first_item = items->len;
      for (guint k = 0; k < whole->parts->len; k++)
        {
          SharePart *part = &g_array_index (whole->parts, SharePart, k);
          RexChartItem *item;
          double mid, rm = (whole->r_in + whole->r_out) / 2;

          part->a0 = a;
          part->a1 = a + part->share * 2 * G_PI;
          a = part->a1;
          mid = (part->a0 + part->a1) / 2;
          /* Labels in the ring where the wedge is wide enough, else outside. */
          part->label_inside = (part->a1 - part->a0) * rm > frame->em * 3.2;
          part->lx = whole->cx + cos (mid) * (part->label_inside ? rm : whole->r_out + frame->em * 1.2);
          part->ly = whole->cy + sin (mid) * (part->label_inside ? rm : whole->r_out + frame->em * 1.0);

          item = rex_chart_append_item (items, part->region, whole->metric, whole->year, part->value,
                                        whole->cx + cos (mid) * rm, whole->cy + sin (mid) * rm);
          item->label = part->label;
        }
    }
}

static void
layout_stacked (Shares              *shares,
                const RexChartFrame *frame,
                GArray              *items)
{
  guint n = shares->wholes->len;
  double label_w = 0, row_h, bar_h;

  for (guint i = 0; i < n; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];
      g_autoptr(PangoLayout) caption = rex_chart_text (frame, whole->label, 0.95, PANGO_WEIGHT_BOLD);
      double w;

      rex_chart_text_size (caption, &w, NULL);
      label_w = MAX (label_w, w);
    }
  shares->label_w = MIN (label_w, frame->w * 0.3);
  row_h = MIN (frame->h / MAX (n, 1), frame->em * 6);
  bar_h = MIN (row_h * 0.6, frame->em * 3);

  for (guint i = 0; i < n; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];
      double x;

      whole->x = frame->x + shares->label_w + frame->em * 1.0;
      whole->w = frame->x + frame->w - whole->x;
      whole->h = bar_h;
      /* The block of bars sits in the middle of the plot, not at its top. */
      whole->y = frame->y + (frame->h - row_h * n) / 2 + row_h * i + (row_h - bar_h) / 2;
      whole->first_item = items->len;
      x = whole->x;
      for (guint k = 0; k < whole->parts->len; k++)
        {
          SharePart *part = &g_array_index (whole->parts, SharePart, k);
          RexChartItem *item;

          part->a0 = x;
          part->a1 = x + part->share * whole->w;
          x = part->a1;
          part->lx = (part->a0 + part->a1) / 2;
          part->ly = whole->y + bar_h / 2;
          part->label_inside = TRUE;

          item = rex_chart_append_item (items, part->region, part->metric ? part->metric : whole->metric,
                                        whole->year, part->value, part->lx, part->ly);
          item->label = part->label;
        }
    }
}

static void
shares_layout (RexChart            *chart,
               gpointer             data,
               const RexChartFrame *frame,
               GArray              *items)
{
  Shares *shares = data;

  if (shares->mode != REX_SHARES_MODE_DONUT)
    layout_stacked (shares, frame, items);
  else
    layout_donut (shares, frame, items);
}

static void
draw_legend (Shares              *shares,
             cairo_t             *cr,
             const RexChartFrame *frame)
{
  double x = frame->x, y = frame->y - shares->legend_h;

  for (guint i = 0; i < shares->legend->len; i++)
    {
      const LegendEntry *entry = &g_array_index (shares->legend, LegendEntry, i);
      RexColor color = part_color (frame->style, entry->color, entry->color_index);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, entry->label, REX_CHART_TEXT_NAME);
      double w;

      rex_chart_text_size (label, &w, NULL);
      if (x > frame->x && x + w + frame->em * 2.4 > frame->x + frame->w)
        {
          x = frame->x;
          y += frame->em * 1.6;
        }
      rex_chart_set_color (cr, &color);
      cairo_rectangle (cr, x, y + frame->em * 0.2, frame->em * 0.9, frame->em * 0.9);
      cairo_fill (cr);
      rex_chart_draw_text (cr, label, x + frame->em * 1.25, y + frame->em * 0.65, 0, 0.5,
                           &frame->style->foreground);
      x += w + frame->em * 2.4;
    }
}

/* Text colour readable on @fill. */
static const RexColor *
text_on (const RexColor *fill)
{
  static const RexColor black = { 0.1, 0.1, 0.1, 1 }, white = { 1, 1, 1, 1 };

  return rex_color_luminance (fill) > 0.4 ? &black : &white;
}

static void
draw_donut (Shares              *shares,
            ShareWhole          *whole,
            cairo_t             *cr,
            const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  g_autoptr(PangoLayout) caption = NULL;
  double caption_w;
  SharePart *main_part = &g_array_index (whole->parts, SharePart, 0);

  for (guint k = 0; k < whole->parts->len; k++)
    {
      SharePart *part = &g_array_index (whole->parts, SharePart, k);
      RexColor color = part_color (style, part->color, part->color_index);

      if (part->a1 - part->a0 <= 0)
        continue;
      rex_chart_set_color (cr, &color);
      cairo_new_path (cr);
      cairo_arc (cr, whole->cx, whole->cy, whole->r_out, part->a0, part->a1);
      cairo_arc_negative (cr, whole->cx, whole->cy, whole->r_in, part->a1, part->a0);
      cairo_close_path (cr);
      cairo_fill_preserve (cr);
      /* A hairline of background keeps neighbouring wedges apart. */
      rex_chart_set_color (cr, &style->background);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  for (guint k = 0; k < whole->parts->len; k++)
    {
      SharePart *part = &g_array_index (whole->parts, SharePart, k);
      RexColor color = part_color (style, part->color, part->color_index);
      g_autofree char *text = format_share (shares, part, shares->of_percent);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, text, REX_CHART_TEXT_NAME_BOLD);
      double mid = (part->a0 + part->a1) / 2;

      if ((part->a1 - part->a0) * whole->r_out < frame->em * 0.6)
        continue;  /* too thin to label: the table and tooltip have it */
      if (shares->of_percent && k == 0)
        continue;  /* written large in the hole */
      if (part->label_inside)
        rex_chart_draw_text (cr, label, part->lx, part->ly, 0.5, 0.5, text_on (&color));
      else
        rex_chart_draw_text (cr, label, part->lx, part->ly, cos (mid) >= 0 ? 0.0 : 1.0, 0.5,
                             &style->foreground);
    }

  /* The hole names the main part's share in large type (percentage metrics). */
  if (shares->of_percent)
    {
      g_autofree char *text = format_share (shares, main_part, TRUE);
      g_autoptr(PangoLayout) big = rex_chart_text (frame, text, MIN (2.4, whole->r_in / frame->em * 0.6),
                                                   PANGO_WEIGHT_BOLD);
      RexColor color = part_color (style, main_part->color, main_part->color_index);

      rex_chart_draw_text (cr, big, whole->cx, whole->cy, 0.5, 0.5, &color);
    }

  caption = rex_chart_text (frame, whole->label, 1.0, PANGO_WEIGHT_BOLD);
  caption_w = frame->w / shares->wholes->len * 0.95;
  pango_layout_set_width (caption, (int) (caption_w * PANGO_SCALE));
  pango_layout_set_alignment (caption, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (caption, PANGO_ELLIPSIZE_END);
  /* A width-constrained layout centres within its box: anchor the box. */
  rex_chart_draw_text (cr, caption, whole->cx - caption_w / 2, whole->cy + whole->r_out + frame->em * 1.9,
                       0.0, 0.0, &style->foreground);
}

static void
draw_stacked (Shares              *shares,
              ShareWhole          *whole,
              cairo_t             *cr,
              const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  g_autoptr(PangoLayout) caption = rex_chart_text (frame, whole->label, 0.95, PANGO_WEIGHT_BOLD);

  pango_layout_set_width (caption, (int) ((shares->label_w + 1) * PANGO_SCALE));
  pango_layout_set_alignment (caption, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (caption, PANGO_ELLIPSIZE_END);
  rex_chart_draw_text (cr, caption, frame->x, whole->y + whole->h / 2, 0.0, 0.5, &style->foreground);

  for (guint k = 0; k < whole->parts->len; k++)
    {
      SharePart *part = &g_array_index (whole->parts, SharePart, k);
      RexColor color = part_color (style, part->color, part->color_index);
      g_autofree char *text = format_share (shares, part, shares->of_percent);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, text, REX_CHART_TEXT_NAME_BOLD);
      double w;

      rex_chart_set_color (cr, &color);
      cairo_rectangle (cr, part->a0, whole->y, part->a1 - part->a0, whole->h);
      cairo_fill (cr);
      if (k > 0)
        {
          rex_chart_set_color (cr, &style->background);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, part->a0, whole->y);
          cairo_line_to (cr, part->a0, whole->y + whole->h);
          cairo_stroke (cr);
        }
      rex_chart_text_size (label, &w, NULL);
      if (w + frame->em * 0.6 <= part->a1 - part->a0)
        rex_chart_draw_text (cr, label, part->lx, part->ly, 0.5, 0.5, text_on (&color));
    }
}

static void
shares_draw (RexChart            *chart,
             gpointer             data,
             cairo_t             *cr,
             const RexChartFrame *frame)
{
  Shares *shares = data;

  draw_legend (shares, cr, frame);
  for (guint i = 0; i < shares->wholes->len; i++)
    {
      if (shares->mode != REX_SHARES_MODE_DONUT)
        draw_stacked (shares, shares->wholes->pdata[i], cr, frame);
      else
        draw_donut (shares, shares->wholes->pdata[i], cr, frame);
    }
}

/* The whole and part under (x, y), as an item index. */
static int
shares_hit_test (RexChart            *chart,
                 gpointer             data,
                 const RexChartFrame *frame,
                 double               x,
                 double               y)
{
  Shares *shares = data;

  for (guint i = 0; i < shares->wholes->len; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];

      for (guint k = 0; k < whole->parts->len; k++)
        {
          SharePart *part = &g_array_index (whole->parts, SharePart, k);

          if (shares->mode != REX_SHARES_MODE_DONUT)
            {
              if (y >= whole->y && y <= whole->y + whole->h && x >= part->a0 && x < part->a1)
                return (int) (whole->first_item + k);
            }
          else
            {
              double dx = x - whole->cx, dy = y - whole->cy, d = sqrt (dx * dx + dy * dy);
              /* Angle from 12 o'clock, clockwise, in the parts' range. */
              double a = atan2 (dy, dx);

              if (a < -G_PI / 2)
                a += 2 * G_PI;
              if (d >= whole->r_in && d <= whole->r_out && a >= part->a0 && a < part->a1)
                return (int) (whole->first_item + k);
            }
        }
    }
  return -1;
}

static void
shares_draw_hover (RexChart            *chart,
                   gpointer             data,
                   cairo_t             *cr,
                   const RexChartFrame *frame,
                   const RexChartItem  *item)
{
  Shares *shares = data;

  rex_chart_set_color (cr, &frame->style->hover);
  cairo_set_line_width (cr, 2.5);
  for (guint i = 0; i < shares->wholes->len; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];

      if (item->index < whole->first_item || item->index >= whole->first_item + whole->parts->len)
        continue;
      {
        SharePart *part = &g_array_index (whole->parts, SharePart, item->index - whole->first_item);

        cairo_new_path (cr);
        if (shares->mode != REX_SHARES_MODE_DONUT)
          cairo_rectangle (cr, part->a0, whole->y, part->a1 - part->a0, whole->h);
        else
          {
            cairo_arc (cr, whole->cx, whole->cy, whole->r_out + 2, part->a0, part->a1);
            cairo_arc_negative (cr, whole->cx, whole->cy, whole->r_in - 2, part->a1, part->a0);
            cairo_close_path (cr);
          }
        cairo_stroke (cr);
      }
    }
}

static void
shares_fill_table (RexChart      *chart,
                   gpointer       data,
                   RexChartTable *table)
{
  Shares *shares = data;

  rex_chart_table_add_columns (table, _("Whole"), _("Part"), _("Region id"), _("Year"), NULL);
  if (shares->metric != NULL)
    g_ptr_array_add (table->columns, rex_chart_metric_label (shares->metric));
  rex_chart_table_add_columns (table,
                               /* Translators: table column: the share of a part in its whole, in % */
                               _("Share (%)"),
                               _("Qualifier"), NULL);

  for (guint i = 0; i < shares->wholes->len; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];

      for (guint k = 0; k < whole->parts->len; k++)
        {
          SharePart *part = &g_array_index (whole->parts, SharePart, k);
          GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
                  char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ptr_array_add (cells, g_strdup (whole->label));
          g_ptr_array_add (cells, g_strdup (part->label));
          g_ptr_array_add (cells, g_strdup (part->region ? rex_region_get_id (part->region) : ""));
          g_ptr_array_add (cells, g_strdup_printf ("%d", whole->year));
          if (shares->metric != NULL)
            g_ptr_array_add (cells, rex_chart_raw_number (part->value));
          /* Ten significant digits: exact for published shares, no binary noise. */
          g_ascii_formatd (buf, sizeof buf, "%.10g", part->share * 100);
          g_ptr_array_add (cells, g_strdup (buf));
          g_ptr_array_add (cells, g_strdup (rex_chart_qualifier_name (part->qualifier)));
          g_ptr_array_add (table->rows, cells);
        }
    }
}

static char *
shares_describe (RexChart *chart,
                 gpointer  data)
{
  Shares *shares = data;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s, %s.", rex_chart_get_title (chart), rex_chart_get_subtitle (chart));
  for (guint i = 0; i < shares->wholes->len; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];

      g_string_append_printf (text, " %s:", whole->label);
      for (guint k = 0; k < whole->parts->len; k++)
        {
          SharePart *part = &g_array_index (whole->parts, SharePart, k);
          g_autofree char *share = format_share (shares, part, shares->of_percent);

          g_string_append_printf (text, k ? ", %s %s" : " %s %s", part->label, share);
        }
      g_string_append_c (text, '.');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Yangtze River Delta: 24.1% of GDP 2024, 330,000 100 million yuan". */
static char *
shares_describe_item (RexChart           *chart,
                      gpointer            data,
                      const RexChartItem *item)
{
  Shares *shares = data;

  for (guint i = 0; i < shares->wholes->len; i++)
    {
      ShareWhole *whole = shares->wholes->pdata[i];
      const SharePart *part;
      g_autofree char *share = NULL;
      RexMetric *metric;
      GString *text;

      if (item->index < whole->first_item || item->index - whole->first_item >= whole->parts->len)
        continue;
      part = &g_array_index (whole->parts, SharePart, item->index - whole->first_item);
      metric = part->metric ? part->metric : whole->metric;
      share = format_share (shares, part, shares->of_percent);
      text = g_string_new (NULL);
      /* Translators: screen reader name of a part of a whole: "Yangtze River Delta: 24.1% of GDP" */
      g_string_append_printf (text, _("%s: %s of %s"), part->label, share, whole->label);
      if (!shares->of_percent && metric != NULL && !isnan (part->value))
        {
          g_autofree char *number = rex_format_number (part->value, rex_metric_get_decimals (metric));
          g_string_append_printf (text, "%s%s %s", C_("item name", ", "), number,
                                  rex_metric_get_display_unit (metric));
        }
      return g_string_free (text, FALSE);
    }
  return g_strdup ("");
}

static void
shares_legend (RexChart  *chart,
               gpointer   data,
               GPtrArray *entries)
{
  Shares *shares = data;

  for (guint i = 0; i < shares->legend->len; i++)
    g_ptr_array_add (entries, g_strdup (g_array_index (shares->legend, LegendEntry, i).label));
}

const RexChartKindImpl rex_chart_shares_impl = {
  .kind = REX_CHART_KIND_SHARES,
  .prepare = shares_prepare,
  .free_data = shares_free,
  .legend_height = shares_legend_height,
  .layout = shares_layout,
  .draw = shares_draw,
  .draw_hover = shares_draw_hover,
  .hit_test = shares_hit_test,
  .fill_table = shares_fill_table,
  .describe = shares_describe,
  .describe_item = shares_describe_item,
  .legend = shares_legend,
};
