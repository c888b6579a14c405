/* test-scale.c — nice ticks, log decades, year ticks and number formats. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rex-render.h"

static void
assert_ticks (const RexScale *scale,
              const double   *expected,
              guint           n)
{
  g_assert_cmpuint (scale->ticks->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (scale->ticks, RexTick, i).value, expected[i], 1e-9);
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat (rex_nice_step (100, 5), ==, 20);
  g_assert_cmpfloat (rex_nice_step (100, 10), ==, 10);
  g_assert_cmpfloat (rex_nice_step (7, 5), ==, 2);
  g_assert_cmpfloat (rex_nice_step (0.3, 6), ==, 0.05);
  g_assert_cmpfloat (rex_nice_step (141633.81, 6), ==, 50000);
}

static void
test_linear_zero (void)
{
  g_autoptr(RexScale) scale = rex_scale_new_linear (2764.94, 141633.81, 6, TRUE, FALSE, REX_NUMBER_FORMAT_AUTO);
  const double expected[] = { 0, 50000, 100000, 150000 };

  assert_ticks (scale, expected, G_N_ELEMENTS (expected));
  g_assert_cmpfloat (scale->min, ==, 0);
  g_assert_cmpfloat (scale->max, ==, 150000);
  g_assert_cmpstr (g_array_index (scale->ticks, RexTick, 1).label, ==, "50,000");
  g_assert_cmpfloat_with_epsilon (rex_scale_normalize (scale, 75000), 0.5, 1e-12);
}

static void
test_linear_negative (void)
{
  g_autoptr(RexScale) scale = rex_scale_new_linear (-2.41, 6.3, 5, TRUE, FALSE, REX_NUMBER_FORMAT_AUTO);
  const double expected[] = { -4, -2, 0, 2, 4, 6, 8 };

  assert_ticks (scale, expected, G_N_ELEMENTS (expected));
}

static void
test_linear_single_value (void)
{
  g_autoptr(RexScale) scale = rex_scale_new_linear (5, 5, 5, TRUE, FALSE, REX_NUMBER_FORMAT_AUTO);

  g_assert_cmpfloat (scale->min, ==, 0);
  g_assert_cmpfloat (scale->max, >=, 5);
  g_assert_cmpuint (scale->ticks->len, >=, 2);
}

static void
test_log (void)
{
  g_autoptr(RexScale) scale = rex_scale_new_log (370, 1.2e6, FALSE, REX_NUMBER_FORMAT_AUTO);

  g_assert_true (scale->log);
  g_assert_cmpfloat (scale->min, ==, 100);
  g_assert_cmpfloat (scale->max, ==, 1e7);
  /* Five decades: decade ticks only. */
  g_assert_cmpuint (scale->ticks->len, ==, 6);
  g_assert_cmpfloat_with_epsilon (rex_scale_normalize (scale, 1e4), 0.4, 1e-12);
  g_assert_cmpfloat (rex_scale_normalize (scale, 0), ==, -INFINITY);
}

static void
test_log_few_decades (void)
{
  g_autoptr(RexScale) scale = rex_scale_new_log (3, 80, FALSE, REX_NUMBER_FORMAT_AUTO);
  const double expected[] = { 1, 2, 5, 10, 20, 50, 100 };

  assert_ticks (scale, expected, G_N_ELEMENTS (expected));
}

static void
test_years (void)
{
  g_autoptr(RexScale) many = rex_scale_new_years (1949, 2025, 8);
  g_autoptr(RexScale) few = rex_scale_new_years (2020, 2024, 8);

  g_assert_cmpuint (many->ticks->len, <=, 8);
  g_assert_cmpfloat (g_array_index (many->ticks, RexTick, 0).value, ==, 1950);
  g_assert_cmpuint (few->ticks->len, ==, 5);
  g_assert_cmpstr (g_array_index (few->ticks, RexTick, 0).label, ==, "2020");
}

static void
test_format (void)
{
  g_autofree char *a = rex_format_number (1234567.891, 2);
  g_autofree char *b = rex_format_number (-1234, 0);
  g_autofree char *c = rex_format_number (67.0, 1);
  g_autofree char *d = rex_format_number (NAN, 1);
  g_autofree char *e = rex_format_number (-0.001, 1);
  g_autofree char *f = rex_format_number (999, -1);

  g_assert_cmpstr (a, ==, "1,234,567.89");
  g_assert_cmpstr (b, ==, "-1,234");
  g_assert_cmpstr (c, ==, "67.0");
  g_assert_cmpstr (d, ==, "no data");
  g_assert_cmpstr (e, ==, "0.0");
  g_assert_cmpstr (f, ==, "999");
}

/* The decimals a value needs are read from its decimal text: 0.1 + 0.2
 * needs one, not the seventeen of its binary residue; @max caps them. */
static void
test_decimals_needed (void)
{
  g_assert_cmpint (rex_decimals_needed (3, 2), ==, 0);
  g_assert_cmpint (rex_decimals_needed (-1.5, 2), ==, 1);
  g_assert_cmpint (rex_decimals_needed (0.1 + 0.2, 3), ==, 1);
  g_assert_cmpint (rex_decimals_needed (2.25, 3), ==, 2);
  g_assert_cmpint (rex_decimals_needed (1.234, 2), ==, 2);
  g_assert_cmpint (rex_decimals_needed (0.004, 2), ==, 2);
}

static void
test_format_short (void)
{
  g_autofree char *en_m = NULL;
  g_autofree char *en_k = NULL;
  g_autofree char *en_small = NULL;
  g_autofree char *zh_yi = NULL;
  g_autofree char *zh_wan = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  en_m = rex_format_number_short (1349084e6, -1, REX_NUMBER_FORMAT_AUTO);
  en_k = rex_format_number_short (140828, -1, REX_NUMBER_FORMAT_AUTO);
  en_small = rex_format_number_short (9500, -1, REX_NUMBER_FORMAT_AUTO);
  g_assert_cmpstr (en_m, ==, "1.35T");
  g_assert_cmpstr (en_k, ==, "140.8k");
  g_assert_cmpstr (en_small, ==, "9,500");

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  zh_yi = rex_format_number_short (1.4e9, -1, REX_NUMBER_FORMAT_AUTO);
  zh_wan = rex_format_number_short (140828, -1, REX_NUMBER_FORMAT_AUTO);
  g_assert_cmpstr (zh_yi, ==, "14亿");
  g_assert_cmpstr (zh_wan, ==, "14.1万");
  g_setenv ("LANGUAGE", "en", TRUE);
}

static void
test_axis_one_unit (void)
{
  g_autoptr(RexScale) small = NULL;
  g_autoptr(RexScale) en = NULL;
  g_autoptr(RexScale) zh = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  small = rex_scale_new_linear (0, 12780, 7, TRUE, TRUE, REX_NUMBER_FORMAT_AUTO);
  en = rex_scale_new_linear (0, 141633, 8, TRUE, TRUE, REX_NUMBER_FORMAT_AUTO);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  zh = rex_scale_new_linear (0, 141633, 8, TRUE, TRUE, REX_NUMBER_FORMAT_AUTO);
  g_setenv ("LANGUAGE", "en", TRUE);

  /* Short numbers stay whole; long ones share one unit along the axis. */
  g_assert_cmpstr (g_array_index (small->ticks, RexTick, small->ticks->len - 1).label, ==, "14,000");
  g_assert_cmpstr (g_array_index (en->ticks, RexTick, 0).label, ==, "0");
  g_assert_cmpstr (g_array_index (en->ticks, RexTick, 1).label, ==, "20k");
  g_assert_cmpstr (g_array_index (zh->ticks, RexTick, 1).label, ==, "2万");
  g_assert_cmpstr (g_array_index (zh->ticks, RexTick, zh->ticks->len - 1).label, ==, "16万");
}

static void
test_number_format_preference (void)
{
  g_autofree char *full = NULL;
  g_autofree char *shortened = NULL;
  g_autofree char *small_short = NULL;
  g_autofree char *small_auto = NULL;
  g_autoptr(RexScale) axis = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  small_auto = rex_format_number_short (12780, -1, REX_NUMBER_FORMAT_AUTO);
  full = rex_format_number_short (141634, -1, REX_NUMBER_FORMAT_FULL);
  axis = rex_scale_new_linear (0, 141633, 8, TRUE, TRUE, REX_NUMBER_FORMAT_FULL);
  shortened = rex_format_number_short (141634, -1, REX_NUMBER_FORMAT_SHORT);
  small_short = rex_format_number_short (12780, -1, REX_NUMBER_FORMAT_SHORT);

  g_assert_cmpstr (full, ==, "141,634");
  g_assert_cmpstr (g_array_index (axis->ticks, RexTick, 1).label, ==, "20,000");
  g_assert_cmpstr (shortened, ==, "141.6k");
  g_assert_cmpstr (small_auto, ==, "12,780");
  g_assert_cmpstr (small_short, ==, "12.8k");
}

/* Every tick finite, in order, inside the domain; at most 64 of them; and
 * the domain's ends finite. */
static void
assert_sane (const RexScale *scale)
{
  g_assert_true (isfinite (scale->min));
  g_assert_true (isfinite (scale->max));
  g_assert_cmpfloat (scale->min, <, scale->max);
  g_assert_cmpuint (scale->ticks->len, >=, 1);
  g_assert_cmpuint (scale->ticks->len, <=, 64);
  for (guint i = 0; i < scale->ticks->len; i++)
    {
      const RexTick *tick = &g_array_index (scale->ticks, RexTick, i);
      double at = rex_scale_normalize (scale, tick->value);

      g_assert_true (isfinite (tick->value));
      g_assert_true (isfinite (at));
      g_assert_cmpfloat (at, >=, -1e-9);
      g_assert_cmpfloat (at, <=, 1 + 1e-9);
      g_assert_cmpuint (strlen (tick->label), <=, 24);
      if (i > 0)
        g_assert_cmpfloat (tick->value, >, g_array_index (scale->ticks, RexTick, i - 1).value);
    }
}

static void
test_linear_limits (void)
{
  static const double ranges[][2] = {
    { 1.7e308, 1.7e308 }, { -1e308, 1e308 }, { -G_MAXDOUBLE, G_MAXDOUBLE },
    { 0, G_MAXDOUBLE }, { -G_MAXDOUBLE, -G_MAXDOUBLE }, { 1e17, 1e17 + 64 },
    { 4.9e-324, 1e-323 }, { 0, 4.9e-324 }, { -1e-300, 1e-300 }, { 1e300, 1.7e308 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    for (int zero = 0; zero <= 1; zero++)
      for (int abbreviate = 0; abbreviate <= 1; abbreviate++)
        {
          g_autoptr(RexScale) scale = rex_scale_new_linear (ranges[i][0], ranges[i][1], 6, zero, abbreviate, REX_NUMBER_FORMAT_AUTO);

          assert_sane (scale);
          g_assert_false (scale->clamped);
          g_assert_cmpfloat (rex_scale_normalize (scale, ranges[i][0]), >=, -1e-9);
          g_assert_cmpfloat (rex_scale_normalize (scale, ranges[i][1]), <=, 1 + 1e-9);
        }
}

static void
test_linear_tick_cap (void)
{
  /* Asked for a million ticks: still at most 64. */
  g_autoptr(RexScale) scale = rex_scale_new_linear (0, 1e6, 1000000, FALSE, FALSE, REX_NUMBER_FORMAT_AUTO);

  assert_sane (scale);
  /* One tick asked for over the widest range: a step of 2e308 would be
   * infinite. */
  for (int n = -1; n <= 2; n++)
    {
      g_autoptr(RexScale) widest = rex_scale_new_linear (-G_MAXDOUBLE, G_MAXDOUBLE, n, FALSE, TRUE, REX_NUMBER_FORMAT_AUTO);
      g_autoptr(RexScale) upper = rex_scale_new_linear (0, G_MAXDOUBLE, n, TRUE, FALSE, REX_NUMBER_FORMAT_AUTO);

      assert_sane (widest);
      assert_sane (upper);
    }
}

static void
test_linear_not_finite (void)
{
  g_autoptr(RexScale) inf = rex_scale_new_linear (0, INFINITY, 6, TRUE, FALSE, REX_NUMBER_FORMAT_AUTO);
  g_autoptr(RexScale) both = rex_scale_new_linear (-INFINITY, INFINITY, 6, FALSE, TRUE, REX_NUMBER_FORMAT_AUTO);
  g_autoptr(RexScale) nan = rex_scale_new_linear (NAN, NAN, 6, FALSE, FALSE, REX_NUMBER_FORMAT_AUTO);

  assert_sane (inf);
  assert_sane (both);
  assert_sane (nan);
  g_assert_true (inf->clamped);
  g_assert_true (both->clamped);
  g_assert_true (nan->clamped);
}

static void
test_log_limits (void)
{
  static const double ranges[][2] = {
    { 1.7e308, 1.7e308 }, { 4.9e-324, 1.7e308 }, { 1e-300, 1e300 }, { 1, INFINITY }, { 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(RexScale) scale = rex_scale_new_log (ranges[i][0], ranges[i][1], i % 2, REX_NUMBER_FORMAT_AUTO);

      assert_sane (scale);
      g_assert_cmpuint (scale->ticks->len, <=, 13);
    }
}

static void
test_format_extreme (void)
{
  g_autofree char *huge = rex_format_number (1.7e308, 0);
  g_autofree char *negative = rex_format_number (-1e300, 2);
  g_autofree char *tiny = rex_format_number (2.5e-12, 2);
  g_autofree char *just_below = rex_format_number (999999999999999, 0);
  g_autofree char *short_huge = rex_format_number_short (1e200, -1, REX_NUMBER_FORMAT_AUTO);

  g_assert_cmpstr (huge, ==, "1.7e308");
  g_assert_cmpstr (negative, ==, "-1e300");
  g_assert_cmpstr (tiny, ==, "2.5e-12");
  g_assert_cmpstr (just_below, ==, "999,999,999,999,999");
  g_assert_cmpuint (strlen (short_huge), <=, 24);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scale/nice-step", test_nice_step);
  g_test_add_func ("/scale/linear/zero", test_linear_zero);
  g_test_add_func ("/scale/linear/negative", test_linear_negative);
  g_test_add_func ("/scale/linear/single-value", test_linear_single_value);
  g_test_add_func ("/scale/linear/limits", test_linear_limits);
  g_test_add_func ("/scale/linear/tick-cap", test_linear_tick_cap);
  g_test_add_func ("/scale/linear/not-finite", test_linear_not_finite);
  g_test_add_func ("/scale/log/limits", test_log_limits);
  g_test_add_func ("/format/extreme", test_format_extreme);
  g_test_add_func ("/scale/log/decades", test_log);
  g_test_add_func ("/scale/log/few-decades", test_log_few_decades);
  g_test_add_func ("/scale/years", test_years);
  g_test_add_func ("/scale/axis-one-unit", test_axis_one_unit);
  g_test_add_func ("/format/number", test_format);
  g_test_add_func ("/format/decimals-needed", test_decimals_needed);
  g_test_add_func ("/format/preference", test_number_format_preference);
  g_test_add_func ("/format/short", test_format_short);
  return g_test_run ();
}
