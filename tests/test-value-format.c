/* test-value-format.c — one number format per chart: one abbreviation step
 * and one number of decimals for every label of a set, in the language's
 * style; log axes fitted to the data with 1-2-5 ticks. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rex-render.h"
#include "rex-chart-private.h"
#include "rex-value-format.h"

/* The suffix of a label ("k", "万", "" …) and its digits after the point. */
static void
label_shape (const char *label,
             char      **suffix,
             int        *decimals)
{
  const char *end = label + strlen (label);
  const char *digits_end = label;
  const char *dot;

  for (const char *p = label; p < end; p++)
    if (g_ascii_isdigit (*p))
      digits_end = p + 1;
  *suffix = g_strdup (digits_end);
  dot = memchr (label, '.', digits_end - label);
  *decimals = dot ? (int) (digits_end - dot - 1) : 0;
}

/* Every label of @labels has the same suffix and number of decimals. */
static void
assert_one_format (char **labels,
                   guint  n)
{
  g_autofree char *suffix0 = NULL;
  int decimals0;

  label_shape (labels[0], &suffix0, &decimals0);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *suffix = NULL;
      int decimals;

      label_shape (labels[i], &suffix, &decimals);
      if (g_strcmp0 (suffix, suffix0) != 0 || decimals != decimals0)
        g_error ("“%s” and “%s” are written in different formats", labels[0], labels[i]);
    }
}

static void
free_all (char **labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    g_clear_pointer (&labels[i], g_free);
}

static void
print_all (const RexValueFormat *format,
           const double         *values,
           guint                 n,
           char                **out)
{
  for (guint i = 0; i < n; i++)
    out[i] = rex_value_format_print (format, values[i]);
}

/* One set of values formatted together in a language, and the labels
 * expected of it. */
typedef struct
{
  const char *language;
  double      values[5];
  guint       n_values;
  int         decimals;      /* the metric's, or -1 */
  gboolean    compact;       /* tiles: no value below 1 of the step */
  gboolean    round;         /* rex_value_format_init_round () */
  gboolean    one_format;    /* every label in one step and decimals */
  const char *expect[5];     /* by value; NULL where not checked */
} LabelCase;

static void
check_label_cases (const LabelCase *cases,
                   guint            n_cases)
{
  for (guint c = 0; c < n_cases; c++)
    {
      const LabelCase *lc = &cases[c];
      char *labels[G_N_ELEMENTS (lc->values) + 1] = { NULL };
      RexValueFormat format;

      g_setenv ("LANGUAGE", lc->language, TRUE);
      if (lc->round)
        rex_value_format_init_round (&format, lc->values, lc->n_values, lc->compact, REX_NUMBER_FORMAT_AUTO);
      else
        rex_value_format_init (&format, lc->values, lc->n_values, lc->decimals, lc->compact,
                               REX_NUMBER_FORMAT_AUTO);
      print_all (&format, lc->values, lc->n_values, labels);
      if (lc->one_format)
        assert_one_format (labels, lc->n_values);
      for (guint i = 0; i < lc->n_values; i++)
        if (lc->expect[i] != NULL)
          g_assert_cmpstr (labels[i], ==, lc->expect[i]);
      free_all (labels);
    }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* The tiles of the issue: "73,129", "102.7k" and "38,680.6" side by side;
 * Chinese counts in 万; no decimals where the smallest has two digits of the
 * step. */
static void
test_one_step (void)
{
  static const LabelCase cases[] = {
    { "en", { 73129, 102700, 38680.6, 2789 }, 4, 1, FALSE, FALSE, TRUE,
      { "73.1k", "102.7k", NULL, "2.8k" } },
    { "zh_CN", { 73129, 102700, 38680.6, 2789 }, 4, 1, FALSE, FALSE, TRUE,
      { "7.31万", "10.27万" } },
    /* The smallest already has two digits in thousands: no decimals. */
    { "en", { 120400, 456600, 789000 }, 3, 1, FALSE, FALSE, TRUE,
      { "120k", "457k", "789k" } },
    /* Two different figures that would read the same take a decimal
     * more: not "287k" twice for West's and Central's GDP. */
    { "en", { 286909.6, 286514.2, 98000 }, 3, 1, FALSE, FALSE, TRUE, { "286.9k", "286.5k", "98.0k" } },
    /* And the largest three: 13.8万 and 13.6万 do not both read 14万. */
    { "zh_CN", { 228000, 138000, 136000, 101000 }, 4, 0, FALSE, FALSE, TRUE,
      { "22.8万", "13.8万", "13.6万", "10.1万" } },
  };

  check_label_cases (cases, G_N_ELEMENTS (cases));
}

/* Provinces beside the nation's total (GDP, 100 million yuan): the step of
 * the total would write Tibet as "0.00M"; every value keeps two significant
 * digits in one step. Compact labels (tiles) write no value below 1 of
 * their step. */
static void
test_small_beside_total (void)
{
  static const LabelCase cases[] = {
    { "en", { 141488.9, 2764.9, 1349083.5 }, 3, 1, FALSE, FALSE, TRUE, { "141.5k", "2.8k" } },
    { "zh_CN", { 141488.9, 2764.9, 1349083.5 }, 3, 1, FALSE, FALSE, TRUE, { NULL, "0.28万" } },
    { "en", { 12780, 370 }, 2, 0, TRUE, FALSE, FALSE, { "12,780", "370" } },
    /* Provinces a tenth to a thirtieth of the total keep two digits: not
     * "0.05M" for Beijing's 49,843 and "0.02M" for Tianjin's 18,024. */
    { "en", { 49843.1, 47526.9, 18024.3, 1349084 }, 4, 1, FALSE, FALSE, TRUE, { "50k", "48k", "18k" } },
  };

  check_label_cases (cases, G_N_ELEMENTS (cases));
}

/* Decimals come from the metric, or from the whole set: never from how one
 * double happens to round. */
static void
test_decimals (void)
{
  static const LabelCase cases[] = {
    { "en", { 36102.6, 36102.5, 56.79, 36.5 }, 4, -1, FALSE, FALSE, TRUE,
      { "36,102.60", "36,102.50", NULL, "36.50" } },
    { "en", { 36102.6, 36102.5, 56.79, 36.5 }, 4, 1, FALSE, FALSE, FALSE,
      { "36,102.6", NULL, "56.8", "36.5" } },
  };

  check_label_cases (cases, G_N_ELEMENTS (cases));
}

/* Every kind marks a published qualifier before the number the same way. */
static void
test_qualifier_prefix (void)
{
  g_assert_cmpstr (rex_format_qualifier_prefix (REX_QUALIFIER_EXACT), ==, "");
  g_assert_cmpstr (rex_format_qualifier_prefix (REX_QUALIFIER_ABOUT), ==, "≈");
  g_assert_cmpstr (rex_format_qualifier_prefix (REX_QUALIFIER_OVER), ==, ">");
  g_assert_cmpstr (rex_format_qualifier_prefix (REX_QUALIFIER_UNDER), ==, "<");
}

/* A value that is not 0 never reads as 0, whatever the set's step and
 * decimals; 0 itself reads "0". */
static void
test_never_reads_zero (void)
{
  static const LabelCase cases[] = {
    { "en", { 4.2e9, 0.004, -0.003, 0, 1.8 }, 5, -1, FALSE, FALSE, FALSE,
      { NULL, "<0.01", ">-0.01", "0.00", "1.80" } },
    /* With the metric's one decimal. */
    { "en", { 4.2e9, 0.004, -0.003, 0, 1.8 }, 5, 1, FALSE, FALSE, FALSE, { NULL, "<0.1" } },
  };
  RexValueFormat format = { 1e6, "M", 2 };
  g_autofree char *label = NULL;

  check_label_cases (cases, G_N_ELEMENTS (cases));
  /* And in a step: "<0.01M". */
  label = rex_value_format_print (&format, 2000);
  g_assert_cmpstr (label, ==, "<0.01M");
  /* 0 in millions is 0, not "0.00M". */
  g_clear_pointer (&label, g_free);
  label = rex_value_format_print (&format, 0);
  g_assert_cmpstr (label, ==, "0");
}

/* Axis ticks take the chart's step, with one number of decimals. */
static void
test_axis_ticks (void)
{
  const double values[] = { 2789, 141489 };
  g_autoptr(RexScale) linear = rex_scale_new_linear (0, 141489, 8, TRUE, TRUE, REX_NUMBER_FORMAT_AUTO);
  g_autoptr(RexScale) log = rex_scale_new_log (1900, 111000, TRUE, REX_NUMBER_FORMAT_AUTO);
  char *labels[64] = { NULL };
  RexValueFormat format;

  for (guint lang = 0; lang < 2; lang++)
    {
      g_setenv ("LANGUAGE", lang == 0 ? "en" : "zh_CN", TRUE);
      rex_value_format_init (&format, values, G_N_ELEMENTS (values), 0, FALSE, REX_NUMBER_FORMAT_AUTO);
      rex_value_format_label_scale (&format, linear);
      for (guint i = 1; i < linear->ticks->len; i++)
        labels[i - 1] = g_array_index (linear->ticks, RexTick, i).label;
      assert_one_format (labels, linear->ticks->len - 1);
      g_assert_true (g_str_has_suffix (labels[0], lang == 0 ? "k" : "万"));
    }
  g_setenv ("LANGUAGE", "en", TRUE);

  /* Data from 1.9k to 111k: the axis runs from 1k to 200k, not 1k to 1M,
   * with 1-2-5 ticks written alike ("10,000" never beside "100k"). */
  rex_chart_fit_log_scale (log, 1900, 111000);
  g_assert_cmpfloat (log->min, ==, 1000);
  g_assert_cmpfloat (log->max, ==, 200000);
  g_assert_cmpuint (log->ticks->len, ==, 8);
  for (guint i = 0; i < log->ticks->len; i++)
    {
      double v = g_array_index (log->ticks, RexTick, i).value;
      double m = v / pow (10, floor (log10 (v) + 1e-9));

      g_assert_true (fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 5) < 1e-9);
    }
  rex_value_format_init (&format, values, G_N_ELEMENTS (values), 0, FALSE, REX_NUMBER_FORMAT_AUTO);
  rex_value_format_label_scale (&format, log);
  for (guint i = 0; i < log->ticks->len; i++)
    labels[i] = g_array_index (log->ticks, RexTick, i).label;
  assert_one_format (labels, log->ticks->len);
  g_assert_cmpstr (labels[0], ==, "1k");
  g_assert_cmpstr (labels[log->ticks->len - 1], ==, "200k");
}

/* Round reference values of a legend: "100万, 20万, 5万", "1M" never beside
 * "50,000". */
static void
test_round_legend (void)
{
  static const LabelCase cases[] = {
    { "zh_CN", { 1e6, 2e5, 5e4 }, 3, 0, TRUE, TRUE, FALSE, { "100万", NULL, "5万" } },
    { "en", { 1e6, 2e5, 5e4 }, 3, 0, TRUE, TRUE, TRUE, { NULL, NULL, "50k" } },
  };

  check_label_cases (cases, G_N_ELEMENTS (cases));
}

/* The headline cards' figures, as the bundled data has them: one rule for
 * all, so that no card reads "140k" beside another's "95,380" — from ten
 * thousand up in steps with three significant digits, in the language's
 * steps; below that in full with the metric's decimals; all in full when
 * the preference says so. */
static void
test_headlines (void)
{
  static const struct
  {
    double      value;
    int         decimals;
    const char *en, *zh, *full;
  } cards[] = {
    { 140489, 0, "140k", "14.0万", "140,489" },    /* population, 10,000 persons */
    { 95380, 0, "95.4k", "9.54万", "95,380" },     /* urban population */
    { 45109, 0, "45.1k", "4.51万", "45,109" },     /* rural population */
    { 23119, 0, "23.1k", "2.31万", "23,119" },     /* rural income, yuan */
    { 1.2e8, 0, "120M", "1.20亿", "120,000,000" },
    { 9999, 0, "9,999", "9,999", "9,999" },
    { 67.0, 2, "67.00", "67.00", "67.00" },        /* urbanization, % */
    { 4.4, 1, "4.4", "4.4", "4.4" },
    { 62, 0, "62", "62", "62" },
  };

  for (guint lang = 0; lang < 3; lang++)
    {
      RexNumberFormat format = lang == 2 ? REX_NUMBER_FORMAT_FULL : REX_NUMBER_FORMAT_AUTO;

      g_setenv ("LANGUAGE", lang == 1 ? "zh_CN" : "en", TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        {
          g_autofree char *text = rex_format_headline (cards[i].value, cards[i].decimals, format);

          g_assert_cmpstr (text, ==, lang == 0 ? cards[i].en : lang == 1 ? cards[i].zh : cards[i].full);
        }
    }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* A year on its own reads as a plain number in English, alone or as a
 * span; test-window-zh checks "2024年" on every Chinese screen. */
static void
test_years (void)
{
  g_autofree char *year = rex_format_year (2024);
  g_autofree char *span = rex_format_year_range (2015, 2024);
  g_autofree char *one = rex_format_year_range (2024, 2024);

  g_assert_cmpstr (year, ==, "2024");
  g_assert_cmpstr (span, ==, "2015–2024");
  g_assert_cmpstr (one, ==, "2024");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value-format/one-step", test_one_step);
  g_test_add_func ("/value-format/small-beside-total", test_small_beside_total);
  g_test_add_func ("/value-format/decimals", test_decimals);
  g_test_add_func ("/value-format/qualifier-prefix", test_qualifier_prefix);
  g_test_add_func ("/value-format/never-reads-zero", test_never_reads_zero);
  g_test_add_func ("/value-format/axis-ticks", test_axis_ticks);
  g_test_add_func ("/value-format/round-legend", test_round_legend);
  g_test_add_func ("/value-format/headlines", test_headlines);
  g_test_add_func ("/value-format/years", test_years);
  return g_test_run ();
}
