/* bench-import.c — time and peak memory of importing a statistics table.
 *
 *   bench-import [--runs N] TABLE.csv
 *
 * Imports TABLE with rex_table_import_new_from_file() (read, detect the
 * encoding and decode, split the cells, recognise the regions, read the
 * numbers, build and complete the dataset: everything --import does before
 * writing) and prints the time, the throughput and the growth of the peak
 * resident set size. As with bench-load, the driver starts one process per
 * measurement; --runs repeats the import in-process for quick looks.
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
  g_autofree char *encoding = NULL;
  guint64 n_values = 0;
  guint n_regions = 0;
  long rss_before, rss_after = 0;
  double mb;
  int runs, status;

  status = bench_parse_file_args (argc, argv, "TABLE.csv", &runs, &file, &mb);
  if (status != 0)
    return status;

  g_type_ensure (REX_TYPE_DATASET);
  g_type_ensure (REX_TYPE_TABLE_IMPORT);
  rss_before = bench_max_rss_kib ();

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(RexTableImport) import = NULL;
      double start = bench_now_ms (), elapsed;
      RexDataset *dataset;

      import = rex_table_import_new_from_file (file, NULL, NULL, &error);
      elapsed = bench_now_ms () - start;
      if (import == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      dataset = rex_table_import_get_dataset (import);
      if (dataset == NULL)
        {
          g_autofree char *first = rex_dataset_problem_to_string (rex_table_import_get_errors (import)->pdata[0]);

          fprintf (stderr, "%s\n", first);
          return 1;
        }
      g_array_append_val (samples, elapsed);
      if (i == 0)
        {
          rss_after = bench_max_rss_kib ();
          n_values = rex_dataset_count_values (dataset);
          n_regions = g_list_model_get_n_items (rex_dataset_get_regions (dataset));
          encoding = g_strdup (rex_table_import_get_encoding (import));
        }
    }

  {
    BenchStats s = bench_stats (samples);

    extra = g_strdup_printf ("mb=%.2f values=%" G_GUINT64_FORMAT " regions=%u encoding=%s "
                             "mb_per_s=%.1f peak_rss_delta_kib=%ld",
                             mb, n_values, n_regions, encoding, mb / (s.median / 1000.0),
                             rss_after - rss_before);
  }
  bench_report ("import", samples, extra);

  return 0;
}
