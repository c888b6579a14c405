/* rex-value-format.c — one number format per chart; see rex-value-format.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rex-model.h"
#include "rex-value-format.h"

/* The step for numbers up to @magnitude, as rex_abbreviation_unit() picks it
 * for @format; @compact lowers the threshold to 10⁴. */
static double
pick_unit (double           magnitude,
           gboolean         compact,
           RexNumberFormat  format,
           const char     **suffix)
{
  *suffix = "";
  if (compact && format == REX_NUMBER_FORMAT_AUTO
      && magnitude >= 1e4 && magnitude < 1e5)
    {
      /* The same table as for longer numbers, one step down. */
      if (rex_locale_prefers_chinese ())
        {
          *suffix = "万";
          return 1e4;
        }
      *suffix = "k";
      return 1e3;
    }
  return rex_abbreviation_unit (magnitude, format, suffix);
}

/* The decimals, at most two, that write @x (> 0) with @digits
 * significant digits. */
static int
decimals_for_digits (double x,
                     int    digits)
{
  if (x >= pow (10.0, digits - 1))
    return 0;
  if (x >= pow (10.0, digits - 2))
    return 1;
  return 2;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Whether two different finite @values read the same in @self's step and
 * decimals. */
static gboolean
reads_alike (const RexValueFormat *self,
             const double         *values,
             guint                 n)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  double scale = pow (10.0, self->decimals) / self->unit;
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      sorted[m++] = values[i];
  qsort (sorted, m, sizeof (double), compare_doubles);
  for (guint i = 1; i < m; i++)
    if (sorted[i] != sorted[i - 1] && round (sorted[i] * scale) == round (sorted[i - 1] * scale))
      return TRUE;
  return FALSE;
}

void
rex_value_format_init (RexValueFormat  *self,
                       const double    *values,
                       guint            n,
                       int              decimals,
                       gboolean         compact,
                       RexNumberFormat  format)
{
  double largest = 0, smallest = INFINITY;
  int auto_decimals = 0, most;

  for (guint i = 0; i < n; i++)
    {
      double a = fabs (values[i]);

      if (!isfinite (a))
        continue;
      largest = MAX (largest, a);
      if (a > 0)
        smallest = MIN (smallest, a);
      if (decimals < 0)
        auto_decimals = MAX (auto_decimals, rex_decimals_needed (a, 2));
    }

  self->unit = pick_unit (largest, compact, format, &self->suffix);
  /* A step so large that the smallest value would keep fewer than two
   * significant digits in two decimals (a province beside the nation's
   * total) gives way to the next smaller one: never "0.00M" for 2,765, nor
   * "0.02M" and "0.05M" for 18,024 and 49,843; compact labels (tiles) take
   * no step that writes any value below 1 ("0.37k" beside "12.78k" reads
   * worse than "370"). */
  while (self->unit > 1.0 && isfinite (smallest) && smallest / self->unit < (compact ? 1.0 : 0.1))
    self->unit = pick_unit (self->unit * 0.999, compact, format, &self->suffix);
  if (self->unit == 1.0)
    {
      self->decimals = decimals >= 0 ? MIN (decimals, 6) : auto_decimals;
      return;
    }
  /* Abbreviated: enough decimals for two significant digits of the
   * smallest value and three of the largest (13.8万 and 13.6万 read apart
   * among figures from 10.1万 to 22.8万, where both read 14万), at most
   * two, and none beyond what the metric's values carry. */
  self->decimals = MAX (isfinite (smallest) ? decimals_for_digits (smallest / self->unit, 2) : 0,
                        decimals_for_digits (largest / self->unit, 3));
  most = decimals >= 0 ? MAX (0, decimals + (int) round (log10 (self->unit))) : 2;
  self->decimals = MIN (self->decimals, most);
  /* Two different figures do not read the same where a decimal more (up
   * to two) tells them apart: West's 286,909.6 and Central's 286,514.2
   * both read "287k". */
  while (self->decimals < MIN (most, 2) && reads_alike (self, values, n))
    self->decimals++;
}

void
rex_value_format_init_round (RexValueFormat  *self,
                             const double    *values,
                             guint            n,
                             gboolean         compact,
                             RexNumberFormat  format)
{
  double smallest = INFINITY;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]) && values[i] != 0)
      smallest = MIN (smallest, fabs (values[i]));
  self->unit = isfinite (smallest) ? pick_unit (smallest, compact, format, &self->suffix) : 1.0;
  if (self->unit == 1.0)
    self->suffix = "";
  self->decimals = 0;
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      self->decimals = MAX (self->decimals, rex_decimals_needed (values[i] / self->unit, 2));
}

static char *
print_with (const RexValueFormat *self,
            double                value,
            int                   decimals)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return rex_format_number (value, 0);
  if (value != 0 && round (fabs (value / self->unit) * pow (10.0, decimals)) == 0)
    {
      /* A value that is not 0 never reads as 0: "<0.01", "<0.01M". */
      g_autofree char *least = rex_format_number (pow (10.0, -decimals), decimals);

      return g_strconcat (value > 0 ? "<" : ">-", least, self->unit == 1.0 ? "" : self->suffix, NULL);
    }
  if (self->unit == 1.0 || value == 0)
    return rex_format_number (value, self->unit == 1.0 ? decimals : 0);
  number = rex_format_number (value / self->unit, decimals);
  return g_strconcat (number, self->suffix, NULL);
}

char *
rex_value_format_print (const RexValueFormat *self,
                        double                value)
{
  return print_with (self, value, self->decimals);
}

char *
rex_format_figure (double value,
                   int    decimals)
{
  RexValueFormat plain = { 1.0, "", decimals };

  if (decimals < 0 && isfinite (value))
    decimals = rex_decimals_needed (value, 2);
  return print_with (&plain, value, decimals);
}

/* Log axes whose decades reach this far apart are written as powers of ten:
 * no one step writes 1 and 10⁹ both shortly ("1" and "1,000,000,000", or
 * "0.00k" and "1,000,000k"), and a label per decade would still overlap. */
#define POWER_LABEL_DECADES 5

/* Whether every tick of @scale is a power of ten, and the last at least
 * POWER_LABEL_DECADES decades above the first. */
static gboolean
wants_powers_of_ten (const RexScale *scale)
{
  guint n = scale->ticks->len;

  if (!scale->log || n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double e = log10 (g_array_index (scale->ticks, RexTick, i).value);

      if (!isfinite (e) || fabs (e - round (e)) > 1e-9)
        return FALSE;
    }
  return log10 (g_array_index (scale->ticks, RexTick, n - 1).value)
         - log10 (g_array_index (scale->ticks, RexTick, 0).value) >= POWER_LABEL_DECADES - 1e-9;
}

char *
rex_format_power_of_ten (int exponent)
{
  static const char *const digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char decimal[16];
  GString *text = g_string_new ("10");

  g_snprintf (decimal, sizeof decimal, "%d", exponent);
  for (const char *c = decimal; *c; c++)
    g_string_append (text, *c == '-' ? "⁻" : digits[*c - '0']);
  return g_string_free (text, FALSE);
}

void
rex_value_format_label_scale (const RexValueFormat *self,
                              RexScale             *scale)
{
  int decimals = 0;

  if (wants_powers_of_ten (scale))
    {
      for (guint i = 0; i < scale->ticks->len; i++)
        {
          RexTick *tick = &g_array_index (scale->ticks, RexTick, i);

          g_free (tick->label);
          tick->label = rex_format_power_of_ten ((int) round (log10 (tick->value)));
        }
      return;
    }

  for (guint i = 0; i < scale->ticks->len; i++)
    {
      double v = g_array_index (scale->ticks, RexTick, i).value / self->unit;

      if (isfinite (v))
        decimals = MAX (decimals, rex_decimals_needed (v, 3));
    }
  for (guint i = 0; i < scale->ticks->len; i++)
    {
      RexTick *tick = &g_array_index (scale->ticks, RexTick, i);

      g_free (tick->label);
      tick->label = print_with (self, tick->value, decimals);
    }
}

char *
rex_format_headline (double          value,
                     int             decimals,
                     RexNumberFormat format)
{
  const char *suffix;
  double unit = isfinite (value) ? pick_unit (fabs (value), TRUE, format, &suffix) : 1.0;
  double scaled;
  int digits;
  g_autofree char *number = NULL;

  if (unit == 1.0)
    return rex_format_number (value, decimals >= 0 ? MIN (decimals, 6) : rex_decimals_needed (value, 2));
  /* Three significant digits, none finer than the metric's own. */
  scaled = value / unit;
  digits = MAX (0, 2 - (int) floor (log10 (fabs (scaled))));
  if (decimals >= 0)
    digits = MIN (digits, MAX (0, decimals + (int) round (log10 (unit))));
  number = rex_format_number (scaled, digits);
  return g_strconcat (number, suffix, NULL);
}

/* 137,008 亿元 → 13.7万亿元, 52,000 万人 → 5.2亿人: Chinese counts in 万 and
 * 亿, and a unit already in one of them takes the next step up. */
static gboolean
chinese_step_up (double            value,
                 const char       *unit,
                 RexNumberFormat   format,
                 char            **number,
                 char            **stepped_unit)
{
  if (!rex_locale_prefers_chinese () || format == REX_NUMBER_FORMAT_FULL
      || !isfinite (value) || fabs (value) < 1e4)
    return FALSE;
  /* 亿元 → 万亿元, 万人 → 亿人. */
  if (g_str_has_prefix (unit, "亿"))
    *stepped_unit = g_strconcat ("万", unit, NULL);
  else if (g_str_has_prefix (unit, "万"))
    *stepped_unit = g_strconcat ("亿", unit + strlen ("万"), NULL);
  else
    return FALSE;
  *number = rex_format_number (value / 1e4, fabs (value) >= 1e6 ? 0 : 1);
  return TRUE;
}

char *
rex_format_headline_in_unit (double            value,
                             int               decimals,
                             const char       *unit,
                             RexNumberFormat   format,
                             char            **shown_unit)
{
  g_autofree char *ignored = NULL;
  g_autofree char *stepped = NULL;

  if (unit != NULL && chinese_step_up (value, unit, format, &ignored, &stepped))
    {
      double scaled = value / 1e4;
      int digits = MAX (0, 2 - (int) floor (log10 (fabs (scaled))));

      *shown_unit = g_steal_pointer (&stepped);
      return rex_format_number (scaled, digits);
    }
  *shown_unit = g_strdup (unit);
  return rex_format_headline (value, decimals, format);
}

const char *
rex_format_qualifier_prefix (RexQualifier qualifier)
{
  return qualifier == REX_QUALIFIER_ABOUT ? "≈"
         : qualifier == REX_QUALIFIER_OVER ? ">"
         : qualifier == REX_QUALIFIER_UNDER ? "<" : "";
}

int
rex_qualified_decimals (RexMetric *metric,
                        double     value)
{
  int decimals = rex_metric_get_decimals (metric);
  int needed = rex_decimals_needed (value, decimals >= 0 ? decimals : 2);

  return decimals >= 0 ? MIN (decimals, needed) : needed;
}

char *
rex_format_quantity (RexMetric       *metric,
                     double           value,
                     RexQualifier     qualifier,
                     RexNumberFormat  format)
{
  const char *prefix = rex_format_qualifier_prefix (qualifier);
  const char *unit = rex_metric_get_display_unit (metric);
  g_autofree char *number = NULL;
  g_autofree char *stepped_unit = NULL;

  if (!isfinite (value))
    return rex_format_number (value, 0);
  if (rex_metric_get_percent (metric) || g_strcmp0 (unit, "%") == 0)
    {
      number = rex_format_figure (value, qualifier != REX_QUALIFIER_EXACT ? rex_qualified_decimals (metric, value)
                                                                          : rex_metric_get_decimals (metric));
      return g_strdup_printf ("%s%s%%", prefix, number);
    }
  if (unit == NULL || *unit == '\0')
    {
      number = rex_format_figure (value, rex_metric_get_decimals (metric));
      return g_strdup_printf ("%s%s", prefix, number);
    }
  if (chinese_step_up (value, unit, format, &number, &stepped_unit))
    unit = stepped_unit;
  else
    number = rex_format_figure (value, rex_metric_get_decimals (metric));
  /* Translators: a value and its unit: "137,008 (100 million yuan)"; the
     first %s is "≈", ">", "<" or nothing */
  return g_strdup_printf (_("%s%s (%s)"), prefix, number, unit);
}

char *
rex_format_year (int year)
{
  /* Translators: a year shown on its own, in a subtitle, a tooltip or a
     drop-down: Chinese writes "%d年" */
  return g_strdup_printf (C_("year", "%d"), year);
}

char *
rex_format_year_range (int first,
                       int last)
{
  if (first == last)
    return rex_format_year (first);
  /* Translators: a span of years, "2015–2024": Chinese writes "%d—%d年" */
  return g_strdup_printf (C_("years", "%d–%d"), first, last);
}
