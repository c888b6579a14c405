/* rex-scale.h — axes: nice ticks, log decades, and numbers formatted for people.
 *
 * A scale maps a data domain to 0..1 once; drawing code maps 0..1 to pixels.
 */
#pragma once

#include <glib.h>

#include "rex-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  double value;
  char  *label;
} RexTick;

typedef struct
{
  double    min;        /* domain after nicing */
  double    max;
  gboolean  log;
  gboolean  clamped;    /* an end was not finite and was replaced */
  GArray   *ticks;      /* RexTick, at most 64 */
} RexScale;

/* Linear scale over [lo, hi] extended to nice 1-2-5 steps, about @n_ticks ticks.
 * @zero forces 0 into the domain (bars). @decimals < 0 picks them from the step.
 * @abbreviate shortens large labels (k/M/B, 万/亿) as @format has them. */
RexScale *rex_scale_new_linear    (double          lo,
                                   double          hi,
                                   int             n_ticks,
                                   gboolean        zero,
                                   gboolean        abbreviate,
                                   RexNumberFormat format);
/* Log10 scale with decade ticks (and 2, 5 when few decades). lo, hi > 0. */
RexScale *rex_scale_new_log       (double          lo,
                                   double          hi,
                                   gboolean        abbreviate,
                                   RexNumberFormat format);
/* Integer year ticks that do not crowd: at most @max_ticks labels. */
RexScale *rex_scale_new_years     (int          first,
                                   int          last,
                                   int          max_ticks);
void      rex_scale_free          (RexScale    *self);
/* Position of @value in 0..1 (may fall outside when out of the domain). */
double    rex_scale_normalize     (const RexScale *self,
                                   double          value);

/* 1-2-5 step near (hi - lo) / n. */
double    rex_nice_step           (double       range,
                                   int          n_ticks);

/* Fewest decimals (up to @max) that show @value without visible rounding,
 * judged on the decimal text of the value, not on binary residue. */
int       rex_decimals_needed     (double       value,
                                   int          max);
/* "1,234,567.8" — thousands separators, @decimals digits (< 0: as needed, max 2). */
char     *rex_format_number       (double       value,
                                   int          decimals);
/* Short form for axes and labels: "1.3M", "12k" in English, "1.3亿", "12万" in
 * Chinese (picked from the UI language); small values as rex_format_number. */
char     *rex_format_number_short (double          value,
                                   int             decimals,
                                   RexNumberFormat format);
/* The abbreviation unit for numbers of @magnitude in the UI language
 * (1e3 "k", 1e6 "M"… or 1e4 "万", 1e8 "亿"), or 1 when the number is short
 * enough to print in full. */
double    rex_abbreviation_unit   (double           magnitude,
                                   RexNumberFormat  format,
                                   const char     **suffix);
/* Decimals enough to tell @step-spaced ticks apart. */
int       rex_decimals_for_step   (double       step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexScale, rex_scale_free)

G_END_DECLS
