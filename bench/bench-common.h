/* bench-common.h — small helpers shared by the benchmark programs: a clock,
 * sample statistics (median, min, max) and the machine-readable result line
 * the driver (bench/run-benchmarks.py) parses.
 *
 * Every result is printed as one line
 *
 *   RESULT <name> median=<ms> min=<ms> max=<ms> n=<runs> [key=value…]
 *
 * so that a program's output reads well and is trivial to collect.
 */
#pragma once

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  double median;
  double min;
  double max;
} BenchStats;

static inline BenchStats
bench_stats (GArray *samples)
{
  BenchStats stats = { 0, 0, 0 };
  guint n = samples->len;
  double *v = (double *) samples->data;

  if (n == 0)
    return stats;
  g_array_sort (samples, bench_compare_doubles);
  stats.min = v[0];
  stats.max = v[n - 1];
  stats.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return stats;
}

/* Prints the RESULT line for @samples (milliseconds) with @extra appended. */
static inline void
bench_report (const char *name,
              GArray     *samples,
              const char *extra)
{
  BenchStats s = bench_stats (samples);

  printf ("RESULT %s median=%.3f min=%.3f max=%.3f n=%u%s%s\n",
          name, s.median, s.min, s.max, samples->len,
          extra != NULL ? " " : "", extra != NULL ? extra : "");
  fflush (stdout);
}

/* The options the drawing benchmarks share. */
typedef struct
{
  int         runs;
  int         width;
  int         height;
  const char *kind;   /* --kind, for programs that take it */
  const char *path;   /* FILE.json */
} BenchArgs;

/* Reads [--runs N] [--width W] [--height H] [--kind KIND] FILE.json over the
 * defaults in @args (--kind only when @takes_kind). Prints the usage and
 * returns FALSE when the command line is anything else. */
static inline gboolean
bench_parse_args (int        argc,
                  char     **argv,
                  gboolean   takes_kind,
                  BenchArgs *args)
{
  gboolean ok = TRUE;

  args->path = NULL;
  for (int i = 1; ok && i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        args->runs = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--width") && i + 1 < argc)
        args->width = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--height") && i + 1 < argc)
        args->height = atoi (argv[++i]);
      else if (takes_kind && g_str_equal (argv[i], "--kind") && i + 1 < argc)
        args->kind = argv[++i];
      else if (args->path == NULL && argv[i][0] != '-')
        args->path = argv[i];
      else
        ok = FALSE;
    }
  if (!ok || args->path == NULL)
    {
      fprintf (stderr, "usage: %s [--runs N] [--width W] [--height H]%s FILE.json\n", argv[0],
               takes_kind ? " [--kind KIND]" : "");
      return FALSE;
    }
  return TRUE;
}

/* The peak resident set size of the process so far, in KiB. */
static inline long
bench_max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Reads "[--runs N] FILE" for the programs that time reading one file (a
 * fresh process per measurement; --runs repeats in-process for quick
 * looks): the file in *@file, its size in MB in *@mb. @what names FILE in
 * the usage. Returns 0 to go on, else the exit status after printing the
 * usage or the error. */
static inline int
bench_parse_file_args (int          argc,
                       char       **argv,
                       const char  *what,
                       int         *runs,
                       GFile      **file,
                       double      *mb)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int arg = 1;

  *runs = 1;
  if (argc >= 3 && g_str_equal (argv[1], "--runs"))
    {
      *runs = MAX (1, atoi (argv[2]));
      arg = 3;
    }
  if (arg + 1 != argc)
    {
      fprintf (stderr, "usage: %s [--runs N] %s\n", argv[0], what);
      return 2;
    }
  *file = g_file_new_for_commandline_arg (argv[arg]);
  info = g_file_query_info (*file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  *mb = g_file_info_get_size (info) / 1e6;
  return 0;
}
