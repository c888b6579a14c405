/* rex-chart-change.c — the change of a metric since a base year, shared by
 * the ranking and the tile map so that both measure, refuse, write and
 * tabulate a change alike.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-change.h"

void
rex_change_init (RexChange          *self,
                 RexMetric          *metric,
                 const RexChartSpec *spec)
{
  *self = (RexChange) { spec->base_year, spec->base_year != 0 && spec->relative, NULL, 0, 0 };
  if (self->relative)
    self->unit = g_strdup ("%");
  else if (self->base_year != 0 && rex_metric_is_in_percent (metric))
    /* Translators: the unit of the change of a rate */
    self->unit = g_strdup (_("percentage points"));
  else
    self->unit = g_strdup (rex_metric_get_display_unit (metric));
}

gboolean
rex_change_check_relative (const RexChartSpec  *spec,
                           RexMetric           *metric,
                           GError             **error)
{
  if (!spec->relative || !rex_metric_changes_in_points (metric))
    return TRUE;
  g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
               _("%s is in per cent: its change is a difference in percentage points, and a relative "
                 "change would be a per cent of a per cent (7 %% to 8 %% read as +14 %%). Turn "
                 "Relative change off (--relative)"),
               rex_metric_get_display_name (metric));
  return FALSE;
}

void
rex_change_clear (RexChange *self)
{
  g_clear_pointer (&self->unit, g_free);
}

/* The difference of two published figures carries the error of their
 * binary forms (5.1 − 5.5 = −0.39999999999999947): kept to 12 significant
 * digits, far beyond any published figure's, a change of −0.4 is −0.4, in
 * its class, its rank and the CSV. */
static double
tidy (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0 || !isfinite (value))
    return value;
  return g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.12g", value), NULL);
}

double
rex_change_of (const RexChange *self,
               double           base,
               double           figure)
{
  if (isnan (base) || isnan (figure))
    return NAN;
  if (self->relative)
    return base > 0 ? tidy ((figure / base - 1.0) * 100.0) : NAN;
  return tidy (figure - base);
}

double
rex_change_of_region (RexChange  *self,
                      RexRegion  *region,
                      const char *metric_id,
                      int         year,
                      double     *figure,
                      double     *base)
{
  double change;

  if (!rex_region_get_value (region, metric_id, year, figure))
    *figure = NAN;
  if (!rex_region_get_value (region, metric_id, self->base_year, base))
    *base = NAN;
  change = rex_change_of (self, *base, *figure);
  if (self->relative && !isnan (*figure) && !isnan (*base) && isnan (change))
    self->n_zero_base++;
  /* Too large to draw on any axis or scale: left out, and counted. */
  if (isinf (change))
    {
      self->n_too_large++;
      return NAN;
    }
  return change;
}

double
rex_change_of_nation (const RexChange  *self,
                      RexDataset       *dataset,
                      const char       *metric_id,
                      int               year,
                      RexRegion       **nation)
{
  g_autoptr(GPtrArray) nations = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_NATION);
  double base, figure, change;

  *nation = nations->len > 0 ? nations->pdata[0] : NULL;
  if (*nation == NULL || !rex_region_get_value (*nation, metric_id, self->base_year, &base)
      || !rex_region_get_value (*nation, metric_id, year, &figure))
    return NAN;
  change = rex_change_of (self, base, figure);
  return isfinite (change) ? change : NAN;
}

gboolean
rex_change_has_reference (const RexChange *self,
                          RexMetric       *metric)
{
  return self->base_year != 0 && (self->relative || rex_metric_is_in_percent (metric));
}

/* The first series break of @metric after the base year, up to @year; 0
 * when there is none. */
static int
break_after_base (const RexChange *self,
                  RexMetric       *metric,
                  int              year)
{
  GArray *notes = rex_metric_get_notes (metric);
  int first = 0;

  for (guint i = 0; i < notes->len; i++)
    {
      const RexSeriesNote *note = &g_array_index (notes, RexSeriesNote, i);

      if (note->kind == REX_NOTE_KIND_BREAK && note->year > self->base_year && note->year <= year
          && (first == 0 || note->year < first))
        first = note->year;
    }
  return first;
}

gboolean
rex_change_check_years (const RexChange  *self,
                        RexMetric        *metric,
                        int               year,
                        GError          **error)
{
  g_autofree char *base = rex_format_year (self->base_year);
  g_autofree char *shown = rex_format_year (year);
  g_autofree char *at = NULL;
  int break_year;

  /* No year with data: the empty chart says so. */
  if (year == 0)
    return TRUE;
  if (self->base_year >= year)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   /* Translators: a change asked for from a year not before the one shown
                    * (the latest with figures when none is chosen): base year, year shown */
                   _("The change since %s needs a later year than the one shown, %s: "
                     "choose an earlier base year"),
                   base, shown);
      return FALSE;
    }
  break_year = break_after_base (self, metric, year);
  if (break_year == 0)
    return TRUE;
  at = rex_format_year (break_year);
  g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
               /* Translators: a change asked for across a series break: metric, year of the
                * break, base year, year shown */
               _("The series of “%s” breaks in %s: its figures before and after are not comparable, "
                 "so no change from %s to %s is drawn. Choose years on one side of the break"),
               rex_metric_get_display_name (metric), at, base, shown);
  return FALSE;
}

int
rex_change_last_year (const RexChange *self,
                      RexMetric       *metric,
                      int              last)
{
  int break_year = break_after_base (self, metric, last);

  return break_year != 0 ? break_year - 1 : last;
}

char *
rex_change_print (const RexValueFormat *format,
                  double                value)
{
  g_autofree char *text = rex_value_format_print (format, value);

  if (value > 0)
    return g_strconcat ("+", text, NULL);
  return g_steal_pointer (&text);
}

char *
rex_change_describe (const RexChange      *self,
                     RexMetric            *metric,
                     const RexValueFormat *format,
                     RexNumberFormat       number_format,
                     double                value)
{
  g_autofree char *change = NULL;

  if (self->base_year == 0)
    return rex_chart_format_value (metric, value, FALSE, number_format);
  change = rex_change_print (format, value);
  /* Translators: a change and its unit in a screen reader summary: "+12.3 percentage points" */
  return g_strdup_printf (C_("change and unit", "%s %s"), change, self->unit);
}

char *
rex_change_since (const RexChange *self,
                  const char      *value)
{
  g_autofree char *base = rex_format_year (self->base_year);

  if (self->relative)
    /* Translators: what bars ranking a percentage change plot of a region,
     * in its tooltip and screen reader name: "+45.2 % since 2015" */
    return g_strdup_printf (_("%s %% since %s"), value, base);
  /* Translators: what bars ranking a change plot of a region, in its tooltip
   * and screen reader name: value, unit, base year:
   * "+12.3 percentage points since 2015" */
  return g_strdup_printf (_("%s %s since %s"), value, self->unit, base);
}

char *
rex_change_column (const RexChange *self)
{
  if (self->relative)
    /* Translators: column of a data table and CSV: the change as a percentage */
    return g_strdup_printf (_("%% change"));
  /* Translators: column of a data table and CSV: the change, with its unit */
  return g_strdup_printf (_("Change (%s)"), self->unit);
}

void
rex_change_append_notes (const RexChange  *self,
                         char            **subtitle)
{
  if (self->n_zero_base > 0)
    rex_chart_append_subtitle_note (subtitle,
                                    /* Translators: appended to the subtitle of bars ranking a
                                     * percentage change: "… · 2 regions with a base figure of
                                     * zero or less left out" */
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "%s · %u region with a base figure of zero or less left out",
                                                 "%s · %u regions with a base figure of zero or less left out",
                                                 self->n_zero_base),
                                    *subtitle, self->n_zero_base);
  if (self->n_too_large > 0)
    rex_chart_append_subtitle_note (subtitle,
                                    g_dngettext (GETTEXT_PACKAGE, "%s · %u change too large to draw",
                                                 "%s · %u changes too large to draw", self->n_too_large),
                                    *subtitle, self->n_too_large);
}

char *
rex_change_no_values (const RexChange *self,
                      RexMetric       *metric,
                      int              year)
{
  g_autofree char *base = rex_format_year (self->base_year);
  g_autofree char *shown = rex_format_year (year);

  /* Translators: empty ranking of a change: metric, base year, year shown */
  return g_strdup_printf (_("No region has figures of %s for both %s and %s. Choose other years."),
                          rex_metric_get_display_name (metric), base, shown);
}

void
rex_change_add_columns (const RexChange *self,
                        RexChartTable   *table)
{
  /* Translators: columns of a data table and CSV of bars ranking a change:
   * the year it is measured from and the figure of that year */
  rex_chart_table_add_columns (table, _("Base year"), _("Base value"), NULL);
  g_ptr_array_add (table->columns, rex_change_column (self));
}

void
rex_change_add_cells (const RexChange  *self,
                      GPtrArray        *cells,
                      RexRegion        *region,
                      const char       *metric_id,
                      double            base,
                      double            change,
                      char            **status)
{
  g_autofree char *base_status = NULL;

  g_ptr_array_add (cells, g_strdup_printf ("%d", self->base_year));
  g_ptr_array_add (cells, rex_chart_raw_number (base));
  g_ptr_array_add (cells, rex_chart_raw_number (change));
  if (status == NULL)
    return;
  /* The status of either figure the change is made of. */
  base_status = rex_chart_datum_status (rex_chart_get_datum (region, metric_id, self->base_year));
  if (base_status != NULL && *base_status && (*status == NULL || !**status))
    {
      g_free (*status);
      *status = g_steal_pointer (&base_status);
    }
}
