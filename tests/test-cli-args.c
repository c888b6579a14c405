/* test-cli-args.c — what the command line makes of its arguments before
 * GOption parses them: whether to start loading fonts for an image export. */
#include "config.h"

#include "rex-cli.h"

static gboolean
exports_image (const char *first,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (char *) "region-explorer");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return rex_cli_exports_image ((int) args->len - 1, (char **) args->pdata);
}

static void
test_exports_image (void)
{
  /* Images, in both spellings of the option and in upper case. */
  g_assert_true (exports_image ("--export=chart.png", NULL));
  g_assert_true (exports_image ("--chart=lines", "--export", "chart.SVG", "data.json", NULL));
  g_assert_true (exports_image ("--export=/tmp/a b/chart.pdf", "--width=800", NULL));

  /* The data, the window, the other commands, a value that only looks
   * like the option, and a file after "--". */
  g_assert_false (exports_image ("--export=chart.csv", NULL));
  g_assert_false (exports_image ("--export-data=all.csv", NULL));
  g_assert_false (exports_image (NULL));
  g_assert_false (exports_image ("data.json", NULL));
  g_assert_false (exports_image ("--check", "data.json", NULL));
  g_assert_false (exports_image ("--import=table.xlsx", "--output=out.json", NULL));
  g_assert_false (exports_image ("--metric-name=--export=x.png", NULL));
  g_assert_false (exports_image ("--export", NULL));
  g_assert_false (exports_image ("--export=chart.txt", NULL));
  g_assert_false (exports_image ("--", "--export=chart.png", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-args/exports-image", test_exports_image);
  return g_test_run ();
}
