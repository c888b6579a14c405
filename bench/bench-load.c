/* bench-load.c — dataset load time, throughput and peak memory.
 *
 *   bench-load [--runs N] FILE.json
 *
 * Loads FILE with rex_dataset_new_from_file() (read, parse, validate, build
 * the model: everything the window's loading task does) and prints the time,
 * the throughput in MB/s and the growth of the peak resident set size over
 * the load, per value in the file. Peak memory is only meaningful for the
 * first load in a process, so the driver starts one process per
 * measurement; --runs repeats the load in-process for quick looks.
 */
#include "config.h"

#include <sys/resource.h>

#include "bench-common.h"
#include "rex-model.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;
  guint64 n_values = 0;
  long rss_before, rss_after = 0;
  double mb;
  int runs, status;

  status = bench_parse_file_args (argc, argv, "FILE.json", &runs, &file, &mb);
  if (status != 0)
    return status;

  /* Types and the GIO VFS are set up before measuring, as in the app. */
  g_type_ensure (REX_TYPE_DATASET);
  rss_before = bench_max_rss_kib ();

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(RexDataset) dataset = NULL;
      double start = bench_now_ms (), elapsed;

      dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
      elapsed = bench_now_ms () - start;
      if (dataset == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_array_append_val (samples, elapsed);
      if (i == 0)
        {
          rss_after = bench_max_rss_kib ();
          n_values = rex_dataset_count_values (dataset);
        }
    }

  {
    BenchStats s = bench_stats (samples);

    extra = g_strdup_printf ("mb=%.2f values=%" G_GUINT64_FORMAT " mb_per_s=%.1f "
                             "peak_rss_delta_kib=%ld bytes_per_value=%.1f",
                             mb, n_values, mb / (s.median / 1000.0),
                             rss_after - rss_before,
                             n_values > 0 ? (rss_after - rss_before) * 1024.0 / n_values : 0.0);
  }
  bench_report ("load", samples, extra);

  return 0;
}
