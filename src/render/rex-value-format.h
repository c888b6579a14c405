/* rex-value-format.h — one way of writing the numbers of a chart.
 *
 * A chart picks its format once from all the values it labels (axis ticks,
 * value labels, legends) and the metric's decimals: one abbreviation step
 * ("k", "万"…, or none) and one number of decimals, so "73,129" never stands
 * beside "102.7k" and 36102.6 never gets two decimals where 36102.5 gets one.
 */
#pragma once

#include "rex-model.h"
#include "rex-scale.h"

G_BEGIN_DECLS

typedef struct
{
  double      unit;      /* 1, or the abbreviation step (1e3, 1e4, 1e6, 1e8…) */
  const char *suffix;    /* "" or the step's suffix: "k", "M", "万", "亿"… */
  int         decimals;  /* digits after the point, after dividing by @unit */
} RexValueFormat;

/* Picks the format for @n @values (NaN and infinities are ignored).
 * @decimals is the metric's (< 0: not given, then the fewest that show every
 * value, at most two). Abbreviates when the largest value is long enough for
 * number format @format; @compact (small labels such as map tiles)
 * abbreviates from ten thousand up. */
void     rex_value_format_init         (RexValueFormat       *self,
                                        const double         *values,
                                        guint                 n,
                                        int                   decimals,
                                        gboolean              compact,
                                        RexNumberFormat       format);
/* For a legend of round reference values (1-2-5 sizes, class breaks): the
 * step that writes the smallest of them as a whole number of steps
 * ("100万, 20万, 5万", not "1.00M, 0.20M, 0.05M") and the fewest decimals
 * that show every one of them. */
void     rex_value_format_init_round   (RexValueFormat       *self,
                                        const double         *values,
                                        guint                 n,
                                        gboolean              compact,
                                        RexNumberFormat       format);
/* @value written in the format ("no data" for NaN). */
char    *rex_value_format_print        (const RexValueFormat *self,
                                        double                value);
/* Rewrites the tick labels of @scale in the format's step, each with the
 * same number of decimals: as few as tell the ticks apart. A log scale of
 * decades that spans five or more is written in powers of ten ("10⁻¹",
 * "10³", "10⁹"), the one format that writes all of them shortly. */
void     rex_value_format_label_scale  (const RexValueFormat *self,
                                        RexScale             *scale);

/* A headline figure, by the rule every headline card follows whatever its
 * metric: from ten thousand up in steps (k, M… or 万, 亿) with three
 * significant digits ("140k", "95.4k"; "14.0万", "9.54万"), below that in
 * full with the metric's @decimals (< 0: as needed); @format FULL writes
 * every figure in full. */
char    *rex_format_headline           (double                value,
                                        int                   decimals,
                                        RexNumberFormat       format);

/* A headline figure in @unit, the unit to write under it in
 * *@shown_unit: in Chinese a unit in 万 or 亿 takes the next step up
 * instead of a 万 on the figure (140,828 万人 is "14.1" 亿人, not "14.0万"
 * over 万人, read 14.0万万人); else as rex_format_headline(). */
char    *rex_format_headline_in_unit   (double                value,
                                        int                   decimals,
                                        const char           *unit,
                                        RexNumberFormat       format,
                                        char                **shown_unit);

/* "10⁹", "10⁻²": ten to @exponent with superscript digits. */
char    *rex_format_power_of_ten       (int                   exponent);

/* The mark a published qualifier puts before a number: "≈" (about), ">"
 * (over), "<" (under), "" (exact). */
const char *rex_format_qualifier_prefix (RexQualifier        qualifier);

/* One value of @metric as a sentence shows it, with its qualifier and unit:
 * "≈137,008 (100 million yuan)", "77%". In Chinese a value in 亿 or 万 of a
 * unit of ten thousand or more moves up one step ("13.7 万亿元" for
 * 137,008 亿元), unless @format is FULL. */
/* @value unshortened in @decimals (a metric's; < 0: as many as it needs,
 * at most two), never reading 0 when it is not: a share of 0.004 % is
 * "<0.01", not "0.00". */
char    *rex_format_figure             (double                value,
                                        int                   decimals);
char    *rex_format_quantity           (RexMetric            *metric,
                                        double                value,
                                        RexQualifier          qualifier,
                                        RexNumberFormat       format);
/* The decimals of a qualified figure ("over 45 %", "about 77 %"): as
 * many as it was published with, at most the metric's; ">45%", not
 * ">45.0%". */
int      rex_qualified_decimals        (RexMetric            *metric,
                                        double                value);

/* A year shown as a label of its own (a subtitle, a tooltip, a drop-down
 * entry, the bubbles' watermark): "2024" in English, "2024年" in Chinese.
 * Every year the window and the charts show goes through these two, so the
 * same year never reads two ways on one screen. */
char    *rex_format_year               (int                   year);
/* Two years as a span: "2015–2024", "2015—2024年"; one year when
 * @first == @last. */
char    *rex_format_year_range         (int                   first,
                                        int                   last);

G_END_DECLS
