/* rex-scale.c — nice ticks, log decades and number formatting. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rex-model.h"
#include "rex-scale.h"
#include "rex-value-format.h"

static char *format_plain (double value,
                           int    decimals);

static void
tick_clear (gpointer data)
{
  RexTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static RexScale *
scale_new (double   min,
           double   max,
           gboolean log)
{
  RexScale *self = g_new0 (RexScale, 1);

  self->min = min;
  self->max = max;
  self->log = log;
  self->ticks = g_array_new (FALSE, TRUE, sizeof (RexTick));
  g_array_set_clear_func (self->ticks, tick_clear);
  return self;
}

static void
scale_add_tick (RexScale *self,
                double    value,
                char     *label)
{
  RexTick tick = { value, label };

  g_array_append_val (self->ticks, tick);
}

void
rex_scale_free (RexScale *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->ticks);
  g_free (self);
}

double
rex_nice_step (double range,
               int    n_ticks)
{
  double raw, magnitude, residual;

  if (!(range > 0) || !isfinite (range))
    return 1.0;
  raw = range / MAX (n_ticks, 1);
  magnitude = pow (10.0, floor (log10 (raw)));
  residual = raw / magnitude;
  /* Near the largest double 2 × 1e308 is infinite: the step stays at the
   * largest finite one, and the axis gets a tick more than asked. */
  if (residual <= 1.0 || !isfinite (2.0 * magnitude))
    return magnitude;
  if (residual <= 2.0)
    return 2.0 * magnitude;
  if (residual <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

int
rex_decimals_for_step (double step)
{
  int d = 0;

  if (!(step > 0) || !isfinite (step))
    return 0;
  while (d < 6 && fabs (step * pow (10.0, d) - round (step * pow (10.0, d))) > 1e-6 * pow (10.0, d))
    d++;
  return d;
}

/* Axes never carry more ticks than this, whatever the range and the step
 * asked for: a step that rounds to nothing next to the values (1e17 + 1)
 * must not loop for ever. */
#define MAX_TICKS 64

/* Finite values only: NaN becomes @fallback, infinities the largest double. */
static double
finite_or (double value,
           double fallback)
{
  if (isnan (value))
    return fallback;
  return CLAMP (value, -G_MAXDOUBLE, G_MAXDOUBLE);
}

RexScale *
rex_scale_new_linear (double          lo,
                      double          hi,
                      int             n_ticks,
                      gboolean        zero,
                      gboolean        abbreviate,
                      RexNumberFormat format)
{
  RexScale *self;
  double step, first, last, unit;
  const char *suffix = "";
  int decimals;
  gboolean clamped = !isfinite (lo) || !isfinite (hi);

  lo = finite_or (lo, 0.0);
  hi = finite_or (hi, 1.0);
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (zero)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
    }
  /* Everything below is computed on halves: any two finite doubles then have
   * a finite difference, and the rounded ends of the axis stay finite. */
  lo /= 2;
  hi /= 2;
  if (hi - lo < 1e-12 * MAX (fabs (hi), 0.5))
    {
      /* A single value: give it room on both sides (or above zero). */
      /* Below 1e-290 a padded range would have subnormal steps: such
       * values are zero on any axis a person can read. */
      double pad = fabs (hi) > 1e-290 ? fabs (hi) * 0.5 : 0.5;
      if (zero && lo >= 0)
        hi = lo + 2 * pad;
      else
        lo -= pad, hi += pad;
    }

  /* The step of the whole range, halved (exact); only a range beyond the
   * largest double takes the step of its half. */
  if (hi - lo <= G_MAXDOUBLE / 2)
    step = rex_nice_step (2 * (hi - lo), CLAMP (n_ticks, 1, MAX_TICKS - 1)) / 2;
  else
    step = rex_nice_step (hi - lo, CLAMP (n_ticks, 1, MAX_TICKS - 1));
  first = floor (lo / step + 1e-9) * step;
  last = ceil (hi / step - 1e-9) * step;
  /* Back to whole values; an end beyond the largest double is that double. */
  self = scale_new (finite_or (first * 2, 0), finite_or (last * 2, 0), FALSE);
  self->clamped = clamped;

  /* The whole step may be 2e308, beyond a double: decimals come from the
   * largest finite value of it, which has none either way. */
  decimals = rex_decimals_for_step (finite_or (step * 2, 0));
  /* One unit for the whole axis ("0, 50k, 100k", never "8,000, 1万"), and
   * only when the numbers are long enough to need it. */
  unit = abbreviate ? rex_abbreviation_unit (MAX (fabs (self->min), fabs (self->max)), format, &suffix) : 1.0;
  if (unit > 1.0)
    decimals = rex_decimals_for_step (step / unit * 2);
  for (int i = 0; i < MAX_TICKS && first + i * step <= last + step / 2; i++)
    {
      double v = (first + i * step) * 2;
      double value = fabs (v) < step * 2e-9 ? 0.0 : v;
      char *label;

      /* The outermost nice values of a range near the largest double lie
       * beyond it: the axis ends there without a tick. */
      if (!isfinite (value))
        continue;
      if (unit > 1.0 && value != 0.0)
        {
          g_autofree char *num = format_plain (value / unit, decimals);
          label = g_strconcat (num, suffix, NULL);
        }
      else
        label = rex_format_number (value, unit > 1.0 ? 0 : decimals);
      scale_add_tick (self, value, label);
    }
  return self;
}

/* Decades from 10^-300 to 10^308: the whole range of positive doubles that
 * a log axis can place without subnormal noise. */
#define LOG_MIN_DECADE (-300)
#define LOG_MAX_DECADE 308
/* At most this many labelled decades; more are thinned to every k-th. */
#define LOG_MAX_DECADE_TICKS 12

RexScale *
rex_scale_new_log (double          lo,
                   double          hi,
                   gboolean        abbreviate,
                   RexNumberFormat format)
{
  RexScale *self;
  int d0, d1, stride;
  gboolean clamped = !isfinite (lo) || !isfinite (hi);

  if (!(lo > 0) || !isfinite (lo))
    lo = 1;
  lo = MAX (lo, pow (10.0, LOG_MIN_DECADE));
  if (!(hi > lo) || !isfinite (hi))
    hi = MIN (lo * 10, G_MAXDOUBLE);
  d0 = (int) floor (log10 (lo) + 1e-9);
  d1 = (int) ceil (log10 (hi) - 1e-9);
  d0 = CLAMP (d0, LOG_MIN_DECADE, LOG_MAX_DECADE - 1);
  d1 = CLAMP (d1, d0, LOG_MAX_DECADE);
  if (d1 == d0)
    d1++;
  self = scale_new (pow (10.0, d0), pow (10.0, d1), TRUE);
  self->clamped = clamped;
  stride = (d1 - d0 + LOG_MAX_DECADE_TICKS - 1) / LOG_MAX_DECADE_TICKS;

  for (int d = d0; d <= d1; d += stride)
    {
      static const double subs[] = { 1, 2, 5 };
      /* With few decades the 2 and 5 marks keep the axis readable. */
      guint n_subs = (d1 - d0) <= 2 ? 3 : 1;

      for (guint s = 0; s < n_subs; s++)
        {
          double v = subs[s] * pow (10.0, d);

          if (!isfinite (v) || v > self->max * (1 + 1e-9))
            break;
          scale_add_tick (self, v, abbreviate ? rex_format_number_short (v, -1, format)
                                              : rex_format_number (v, d < 0 ? -d : 0));
        }
    }
  return self;
}

RexScale *
rex_scale_new_years (int first,
                     int last,
                     int max_ticks)
{
  static const int steps[] = { 1, 2, 5, 10, 20, 25, 50, 100 };
  RexScale *self;
  int step = 100;
  int start;

  if (last < first)
    last = first;
  if (last == first)
    {
      self = scale_new (first - 0.5, last + 0.5, FALSE);
      scale_add_tick (self, first, rex_format_year (first));
      return self;
    }
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if ((last - first) / steps[i] + 1 <= MAX (max_ticks, 2))
      {
        step = steps[i];
        break;
      }

  self = scale_new (first, last, FALSE);
  start = (int) ceil ((double) first / step) * step;
  for (int y = start; y <= last; y += step)
    scale_add_tick (self, y, rex_format_year (y));
  return self;
}

double
rex_scale_normalize (const RexScale *self,
                     double          value)
{
  if (self->log)
    {
      if (!(value > 0))
        return -INFINITY;
      return (log10 (value) - log10 (self->min)) / (log10 (self->max) - log10 (self->min));
    }
  if (self->max == self->min)
    return 0.5;
  /* On halves, so that an axis from -1.7e308 to 1.7e308 has a finite width. */
  return (value / 2 - self->min / 2) / (self->max / 2 - self->min / 2);
}

/* Groups the digits of a plain "-1234567.89" with commas. Both English and
 * Chinese group by three in statistical publications. */
static char *
group_thousands (const char *plain)
{
  GString *out = g_string_new (NULL);
  const char *p = plain;
  const char *dot;
  gsize int_len;

  if (*p == '-')
    g_string_append_c (out, *p++);
  dot = strchr (p, '.');
  int_len = dot ? (gsize) (dot - p) : strlen (p);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, p[i]);
    }
  if (dot)
    g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

/* Beyond this magnitude a number is written as "1.7e308": a row of 300
 * digits cannot be read, and does not fit on any chart. */
#define MAX_PLAIN_MAGNITUDE 1e15
#define MIN_PLAIN_MAGNITUDE 1e-6

/* "1.7e308", "-2.5e-12": three significant digits, no "+" or leading zeros
 * in the exponent. */
static char *
format_scientific (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *mantissa = NULL;
  const char *e;
  GString *out;
  int exponent;

  g_ascii_formatd (buf, sizeof buf, "%.2e", value);
  e = strchr (buf, 'e');
  if (e == NULL)
    return g_strdup (buf);
  mantissa = g_strndup (buf, e - buf);
  /* "1.70" → "1.7", "2.00" → "2" */
  if (strchr (mantissa, '.') != NULL)
    {
      gsize n = strlen (mantissa);
      while (n > 0 && mantissa[n - 1] == '0')
        mantissa[--n] = '\0';
      if (n > 0 && mantissa[n - 1] == '.')
        mantissa[--n] = '\0';
    }
  exponent = atoi (e + 1);
  out = g_string_new (mantissa);
  g_string_append_printf (out, "e%d", exponent);
  return g_string_free (out, FALSE);
}

static char *
format_plain (double value,
              int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char fmt[16];

  if (fabs (value) >= MAX_PLAIN_MAGNITUDE
      || (value != 0 && fabs (value) < MIN_PLAIN_MAGNITUDE && fabs (value) < 0.5 * pow (10.0, -CLAMP (decimals, 0, 6))))
    return format_scientific (value);
  g_snprintf (fmt, sizeof fmt, "%%.%df", CLAMP (decimals, 0, 6));
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  if (strcmp (buf, "-0") == 0 || (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1)))
    memmove (buf, buf + 1, strlen (buf));
  return group_thousands (buf);
}

int
rex_decimals_needed (double value,
                     int    max)
{
  for (int d = 0; d < max; d++)
    {
      double scaled = fabs (value) * pow (10.0, d);
      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (scaled, 1.0))
        return d;
    }
  return max;
}

char *
rex_format_number (double value,
                   int    decimals)
{
  if (!isfinite (value))
    /* Translators: shown where a chart or table has no value */
    return g_strdup (_("no data"));
  if (decimals < 0)
    decimals = rex_decimals_needed (value, 2);
  return format_plain (value, decimals);
}

double
rex_abbreviation_unit (double           magnitude,
                       RexNumberFormat  format,
                       const char     **suffix)
{
  typedef struct { double factor; const char *suffix; } Unit;
  static const Unit en[] = { { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" } };
  /* Chinese counts in 万 (10⁴) and 亿 (10⁸). */
  static const Unit zh[] = { { 1e12, "万亿" }, { 1e8, "亿" }, { 1e4, "万" } };
  const Unit *units;
  guint n_units;

  *suffix = "";
  /* Below a hundred thousand the full number reads better than "95k",
   * unless short numbers were asked for. */
  if (format == REX_NUMBER_FORMAT_FULL || !isfinite (magnitude)
      || !(fabs (magnitude) >= (format == REX_NUMBER_FORMAT_SHORT ? 1e4 : 1e5)))
    return 1.0;
  if (rex_locale_prefers_chinese ())
    units = zh, n_units = G_N_ELEMENTS (zh);
  else
    units = en, n_units = G_N_ELEMENTS (en);
  for (guint i = 0; i < n_units; i++)
    if (fabs (magnitude) >= units[i].factor)
      {
        *suffix = units[i].suffix;
        return units[i].factor;
      }
  return 1.0;
}

char *
rex_format_number_short (double          value,
                         int             decimals,
                         RexNumberFormat format)
{
  const char *suffix;
  double unit = rex_abbreviation_unit (value, format, &suffix);
  double scaled;
  g_autofree char *num = NULL;

  if (!isfinite (value) || unit == 1.0)
    return rex_format_number (value, decimals);
  scaled = value / unit;
  num = format_plain (scaled, decimals >= 0 ? decimals
                                            : rex_decimals_needed (scaled, fabs (scaled) < 10 ? 2 : 1));
  return g_strconcat (num, suffix, NULL);
}
