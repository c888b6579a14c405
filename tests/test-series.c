/* test-series.c — series made in a RexSeriesArena: their values, and their
 * memory, which must outlive the arena and go with the last series of each
 * block whatever the order (the sanitizer build checks the frees). */
#include "config.h"

#include <math.h>

#include "rex-model.h"
#include "rex-model-private.h"

static void
test_arena_values (void)
{
  RexSeriesArena *arena = rex_series_arena_new ();
  const double values[] = { 1.5, NAN, -3.0, 4e10 };
  g_autoptr(RexSeries) series = rex_series_arena_new_from_values (arena, "gdp", 2001, 2004, values);
  g_autoptr(RexSeries) plain = rex_series_new_from_values ("gdp", 2001, 2004, values);
  double v;
  int first, last;

  rex_series_arena_free (arena);
  g_assert_cmpstr (rex_series_get_metric_id (series), ==, "gdp");
  g_assert_cmpuint (rex_series_get_n_values (series), ==, 3);
  g_assert_true (rex_series_get_year_range (series, &first, &last));
  g_assert_cmpint (first, ==, 2001);
  g_assert_cmpint (last, ==, 2004);
  g_assert_true (rex_series_get_value (series, 2003, &v));
  g_assert_cmpfloat (v, ==, -3.0);
  g_assert_false (rex_series_get_value (series, 2002, NULL));
  for (int year = 2001; year <= 2004; year++)
    {
      double a, b;
      gboolean has_a = rex_series_get_value (series, year, &a);
      gboolean has_b = rex_series_get_value (plain, year, &b);

      g_assert_cmpint (has_a, ==, has_b);
      if (has_a)
        g_assert_cmpfloat (a, ==, b);
    }
  /* Every value, the missing year left out. */
  {
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));

    g_assert_cmpuint (rex_series_append_values (series, all), ==, 3);
    g_assert_cmpuint (all->len, ==, 3);
    g_assert_cmpfloat (g_array_index (all, double, 0), ==, 1.5);
    g_assert_cmpfloat (g_array_index (all, double, 1), ==, -3.0);
    g_assert_cmpfloat (g_array_index (all, double, 2), ==, 4e10);
  }
  /* An undated value comes last, and is not counted as dated. */
  {
    g_autoptr(RexSeries) area = rex_series_new_undated ("area");
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
    RexDatum datum = { 9.6, 0, 0, 0 };

    rex_series_set_undated (area, &datum);
    g_assert_cmpuint (rex_series_append_values (area, all), ==, 0);
    g_assert_cmpuint (all->len, ==, 1);
    g_assert_cmpfloat (g_array_index (all, double, 0), ==, 9.6);
  }
}

/* Enough series to fill blocks from the smallest to the largest (over
 * 30 MB), freed in a shuffled order with the arena gone halfway. */
static void
test_arena_lifetimes (void)
{
  RexSeriesArena *arena = rex_series_arena_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  double values[100];
  guint n = 70000;

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    values[k] = k;
  for (guint i = 0; i < n; i++)
    {
      /* From 1 to 100 years: sizes that do not divide the blocks evenly. */
      int span = 1 + (int) (i % 100);
      RexSeries *series = rex_series_arena_new_from_values (arena, i % 2 ? "a" : "b", 1950, 1950 + span - 1,
                                                            values);

      g_ptr_array_add (all, series);
    }

  /* Each series still has its own values, untouched by its neighbours. */
  for (guint i = 0; i < n; i++)
    {
      int span = 1 + (int) (i % 100);
      double v;

      g_assert_cmpuint (rex_series_get_n_values (all->pdata[i]), ==, (guint) span);
      g_assert_true (rex_series_get_value (all->pdata[i], 1950 + span - 1, &v));
      g_assert_cmpfloat (v, ==, span - 1);
    }

  for (guint i = all->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i);
      gpointer t = all->pdata[i - 1];

      all->pdata[i - 1] = all->pdata[j];
      all->pdata[j] = t;
    }
  for (guint i = 0; i < all->len; i++)
    {
      if (i == all->len / 2)
        g_clear_pointer (&arena, rex_series_arena_free);
      rex_series_unref (all->pdata[i]);
    }
  g_assert_null (arena);
}

/* A reference taken elsewhere keeps a series (and its block) alive after
 * every other series and the arena are gone. */
static void
test_arena_survivor (void)
{
  RexSeriesArena *arena = rex_series_arena_new ();
  const double values[] = { 7.0 };
  RexSeries *a = rex_series_arena_new_from_values (arena, "x", 2020, 2020, values);
  RexSeries *b = rex_series_arena_new_from_values (arena, "y", 2020, 2020, values);
  RexSeries *kept = rex_series_ref (b);
  double v;

  rex_series_arena_free (arena);
  rex_series_unref (a);
  rex_series_unref (b);
  g_assert_true (rex_series_get_value (kept, 2020, &v));
  g_assert_cmpfloat (v, ==, 7.0);
  g_assert_cmpstr (rex_series_get_metric_id (kept), ==, "y");
  rex_series_unref (kept);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/arena-values", test_arena_values);
  g_test_add_func ("/series/arena-lifetimes", test_arena_lifetimes);
  g_test_add_func ("/series/arena-survivor", test_arena_survivor);

  return g_test_run ();
}
