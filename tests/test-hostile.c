/* test-hostile.c — files built to hurt the loader, read the way the app reads
 * them (rex_dataset_new_from_file): each must be refused quickly with a
 * message naming the file, the place and the rule, never crash, hang or eat
 * the memory. test-json.c covers the parser on strings and test-dataset.c the
 * schema rules; this file covers what a hostile or broken file does end to
 * end. Fixtures are tests/data/hostile-*.json; the large cases are generated.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "rex-model.h"

/* Generous: the sanitizer build is several times slower than a release one,
 * and a loader that reads an endless input takes forever, not seconds.
 * Measured in CPU time of the process, so that a loaded machine (CI runs
 * builds in parallel) does not fail the test; only waits use wall time. */
#define QUICK_USEC (5 * G_USEC_PER_SEC)
#define WAIT_USEC  (30 * G_USEC_PER_SEC)

static gint64
cpu_time (void)
{
  struct timespec ts;

  g_assert_cmpint (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts), ==, 0);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static char *tmp_dir;

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

/* Writes @length bytes to a new file in the test's directory. */
static GFile *
write_tmp (const char *name,
           const char *data,
           gsize       length)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* Loads @file and checks it is refused with @code and exactly the
 * @expected problems, in order, and that loading the same bytes without a
 * problem list says the same first message. Returns the time taken. */
static gint64
assert_refused_problems (GFile              *file,
                         int                 code,
                         const char * const *expected)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  gint64 start = cpu_time ();
  gint64 elapsed;
  guint n_expected = g_strv_length ((char **) expected);

  dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
  elapsed = cpu_time () - start;
  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected[0]);

  for (guint i = 0; i < MIN (problems->len, n_expected); i++)
    {
      g_autofree char *text = rex_dataset_problem_to_string (g_ptr_array_index (problems, i));

      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (problems->len, ==, n_expected);

  {
    g_autofree char *contents = NULL;
    g_autofree char *name = g_file_get_basename (file);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) bytes_error = NULL;
    g_autoptr(RexDataset) again = NULL;
    gsize length;

    g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    again = rex_dataset_new_from_bytes (bytes, name, NULL, &bytes_error);
    g_assert_null (again);
    g_assert_error (bytes_error, REX_DATASET_ERROR, code);
    g_assert_cmpstr (bytes_error->message, ==, expected[0]);
  }

  return elapsed;
}

static void
assert_refused (GFile      *file,
                int         code,
                const char *expected)
{
  const char * const one[] = { expected, NULL };

  g_assert_cmpint (assert_refused_problems (file, code, one), <, QUICK_USEC);
}

typedef struct
{
  const char *file;
  int         code;
  const char *problems[16];
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "hostile-overflow.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-overflow.json:18:43: number 1e999 is out of range; numbers must be finite doubles" } },
  { "hostile-nan.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-nan.json:18:57: NaN is not valid JSON; numbers must be finite" } },
  { "hostile-infinity.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-infinity.json:18:57: -Infinity is not valid JSON; numbers must be finite" } },
  { "hostile-invalid-utf8.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-invalid-utf8.json:15:54: invalid UTF-8 (byte 0xFF); the file must be UTF-8 encoded" } },
  { "hostile-nul.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-nul.json:19:34: NUL byte in the file; a JSON text cannot contain one" } },
  { "hostile-trailing.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-trailing.json:25:1: unexpected ']' after the end of the JSON document" } },
  { "hostile-truncated.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-truncated.json:22:59: unexpected end of file; expected a member name" } },
  { "hostile-duplicate-key.json", REX_DATASET_ERROR_SYNTAX,
    { "hostile-duplicate-key.json:19:42: duplicate member \"name\" in an object" } },
  /* Values written as objects are read without a tree when well formed;
   * these messages and places are those the tree gave. */
  { "hostile-value-objects.json", REX_DATASET_ERROR_INVALID,
    { "hostile-value-objects.json:14:66: regions[0].values.population[\"2020\"].qualifier: "
      "unknown qualifier \"exact\"; expected \"about\", \"over\" or \"under\"",
      "hostile-value-objects.json:15:63: regions[0].values.population[\"2021\"].status: "
      "unknown status \"guessed\"; expected \"final\", \"preliminary\", \"estimate\" or \"derived\"",
      "hostile-value-objects.json:16:61: regions[0].values.population[\"2022\"].date: "
      "\"2022-13-01\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
      "hostile-value-objects.json:17:17: regions[0].values.population[\"2023\"]: value has no "
      "source; give it a \"source\", or name one in the region's \"sources\" or in metric "
      "\"population\"",
      "hostile-value-objects.json:20:46: regions[0].values.population[\"2024\"].source: "
      "unknown source \"nobody\"; it must be listed in \"sources\"",
      "hostile-value-objects.json:20:69: regions[0].values.population[\"2024\"].qualifier: "
      "unknown qualifier \"über\"; expected \"about\", \"over\" or \"under\"" } },
  { "hostile-missing-ids.json", REX_DATASET_ERROR_INVALID,
    { "hostile-missing-ids.json:8:85: metrics[0].source: unknown source \"nbs-missing\"; "
      "it must be listed in \"sources\"",
      "hostile-missing-ids.json:9:55: metrics[0].target.source: unknown source \"nowhere\"; "
      "it must be listed in \"sources\"",
      "hostile-missing-ids.json:13:71: regions[1].parent: unknown region \"west\"; "
      "it must be listed in \"regions\"",
      "hostile-missing-ids.json:14:70: regions[1].values.population[\"2023\"].source: "
      "unknown source \"gone\"; it must be listed in \"sources\"",
      "hostile-missing-ids.json:15:19: regions[1].values.gdp: unknown metric \"gdp\"; "
      "it must be listed in \"metrics\"",
      "hostile-missing-ids.json:16:41: regions[1].sources.urbanization: unknown metric "
      "\"urbanization\"; it must be listed in \"metrics\"",
      "hostile-missing-ids.json:18:28: regions[2].members[1]: unknown region \"CN-SH\"; "
      "it must be listed in \"regions\"",
      "hostile-missing-ids.json:18:48: regions[2].source: unknown source \"absent\"; "
      "it must be listed in \"sources\"",
      "hostile-missing-ids.json:22:21: transport_circles[0].hub_region: unknown region "
      "\"CN-XX\"; it must be listed in \"regions\"",
      "hostile-missing-ids.json:22:41: transport_circles[0].cluster: unknown region \"prd\"; "
      "it must be listed in \"regions\"",
      "hostile-missing-ids.json:25:52: headlines[0].region: unknown region \"CN-ZJ\"; "
      "it must be listed in \"regions\"",
      "hostile-missing-ids.json:26:64: headlines[1].metric: unknown metric \"gdp\"; "
      "it must be listed in \"metrics\"",
      "hostile-missing-ids.json:27:93: headlines[2].year: region \"CN-JS\" has no value of "
      "\"population\" in 1999" } },
  /* Values outside their meaning: percentages outside 0–100 (a target too),
   * a reach radius of 1e9 km, a travel time of 1e300 hours. */
  { "hostile-meaning.json", REX_DATASET_ERROR_INVALID,
    { "hostile-meaning.json:28:14: metrics[1].target.value: 150 is out of range (0 to 100)",
      "hostile-meaning.json:70:14: regions[2].values.coverage[\"2022\"]: -0.5 is out of range (0 to 100): "
      "metric \"coverage\" is a percentage",
      "hostile-meaning.json:72:14: regions[2].values.coverage[\"2024\"]: 250 is out of range (0 to 100): "
      "metric \"coverage\" is a percentage",
      "hostile-meaning.json:104:14: regions[3].values.coverage[\"2023\"]: 1e+300 is out of range (0 to 100): "
      "metric \"coverage\" is a percentage",
      "hostile-meaning.json:121:17: transport_circles[0].radius_km: 1e+09 is out of range "
      "(greater than 0, at most 3000)",
      "hostile-meaning.json:132:13: transport_circles[1].hours: 1e+300 is out of range "
      "(greater than 0, at most 24)" } },
  { "hostile-cycle-self.json", REX_DATASET_ERROR_INVALID,
    { "hostile-cycle-self.json:9:64: regions[0].parent: a region cannot be its own parent",
      "hostile-cycle-self.json:11:73: regions[2].members[1]: a region cannot be a member of itself",
      "hostile-cycle-self.json:12:63: regions[3].parent: parent links form a cycle: "
      "p1 → p2 → p3 → p1" } },
};

static void
test_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      const HostileCase *c = &hostile_cases[i];
      g_autoptr(GFile) file = data_file (c->file);

      g_test_message ("%s", c->file);
      g_assert_cmpint (assert_refused_problems (file, c->code, c->problems), <, QUICK_USEC);
    }
}

/* A million unclosed brackets: json-glib would recurse a million times and
 * overflow the stack. The stack is made small on purpose (the loader may run
 * on a worker thread with a small one), so recursion would fail here even
 * where the default stack is large. */
static void *
load_in_thread (void *data)
{
  GFile *file = data;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_null (dataset);
  return g_strdup (error->message);
}

static void
test_deep (void)
{
  const gsize n = 1000000;
  static const struct { const char *unit; const char *name; const char *message; } shapes[] = {
    { "[", "deep-arrays.json",
      "deep-arrays.json:1:65: nesting deeper than the limit of 64 levels" },
    { "{\"a\":", "deep-objects.json",
      "deep-objects.json:1:321: nesting deeper than the limit of 64 levels" },
    { "[{\"x-a\":", "deep-mixed.json",
      "deep-mixed.json:1:257: nesting deeper than the limit of 64 levels" },
  };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(GString) text = g_string_sized_new (n * strlen (shapes[s].unit));
      g_autoptr(GFile) file = NULL;
      g_autofree char *message = NULL;
      pthread_attr_t attr;
      pthread_t thread;
      gint64 start;

      for (gsize i = 0; i < n; i++)
        g_string_append (text, shapes[s].unit);
      file = write_tmp (shapes[s].name, text->str, text->len);

      assert_refused (file, REX_DATASET_ERROR_TOO_LARGE, shapes[s].message);

      /* The same on a thread with a 256 KiB stack. */
      start = g_get_monotonic_time ();
      g_assert_cmpint (pthread_attr_init (&attr), ==, 0);
      g_assert_cmpint (pthread_attr_setstacksize (&attr, 256 * 1024), ==, 0);
      g_assert_cmpint (pthread_create (&thread, &attr, load_in_thread, file), ==, 0);
      g_assert_cmpint (pthread_join (thread, (void **) &message), ==, 0);
      pthread_attr_destroy (&attr);
      g_assert_cmpstr (message, ==, shapes[s].message);
      g_assert_cmpint (g_get_monotonic_time () - start, <, WAIT_USEC);
    }
}

/* Strings and numbers far over any sensible size. */
static void
test_enormous_tokens (void)
{
  const gsize big = REX_DATASET_MAX_STRING + 1;
  g_autoptr(GString) text = g_string_sized_new (2 * big);
  g_autoptr(GFile) file = NULL;

  /* A title one byte over the string limit. */
  g_string_append (text, "{\"schema\": \"region-explorer/1\",\n \"title\": \"");
  for (gsize i = 0; i < big; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, "\", \"sources\": [], \"metrics\": [], \"regions\": []}");
  file = write_tmp ("long-title.json", text->str, text->len);
  assert_refused (file, REX_DATASET_ERROR_TOO_LARGE,
                  "long-title.json:2:11: string longer than the limit of 1048576 bytes");
  g_clear_object (&file);

  /* A member name over the limit. */
  g_string_assign (text, "{\"");
  for (gsize i = 0; i < big; i++)
    g_string_append_c (text, 'k');
  g_string_append (text, "\": 1}");
  file = write_tmp ("long-key.json", text->str, text->len);
  assert_refused (file, REX_DATASET_ERROR_TOO_LARGE,
                  "long-key.json:1:2: string longer than the limit of 1048576 bytes");
  g_clear_object (&file);

  /* Two million digits: overflows to infinity. The message quotes only the
   * start of the number, so that a window's error banner stays one line. */
  g_string_assign (text, "[");
  for (gsize i = 0; i < 2 * big; i++)
    g_string_append_c (text, '7');
  g_string_append (text, "]");
  file = write_tmp ("long-number.json", text->str, text->len);
  assert_refused (file, REX_DATASET_ERROR_SYNTAX,
                  "long-number.json:1:2: number 7777777777777777777777777777777777777777… "
                  "is out of range; numbers must be finite doubles");
  g_clear_object (&file);

  /* An exponent two million digits long. */
  g_string_assign (text, "[1e");
  for (gsize i = 0; i < 2 * big; i++)
    g_string_append_c (text, '9');
  g_string_append (text, "]");
  file = write_tmp ("long-exponent.json", text->str, text->len);
  assert_refused (file, REX_DATASET_ERROR_SYNTAX,
                  "long-exponent.json:1:2: number 1e99999999999999999999999999999999999999… "
                  "is out of range; numbers must be finite doubles");
  g_clear_object (&file);

  /* A bare word two million letters long: the message quotes its start. */
  g_string_assign (text, "[tru");
  for (gsize i = 0; i < 2 * big; i++)
    g_string_append_c (text, 'e');
  g_string_append (text, "]");
  file = write_tmp ("long-literal.json", text->str, text->len);
  assert_refused (file, REX_DATASET_ERROR_SYNTAX,
                  "long-literal.json:1:2: invalid literal 'trueeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'; "
                  "expected a value (string, number, object, array, true, false or null)");
}

static void
append_header (GString *text)
{
  g_string_append (text,
                   "{\"schema\": \"region-explorer/1\", \"title\": \"generated\",\n"
                   " \"sources\": [{\"id\": \"s\", \"publisher\": \"p\", \"title\": \"t\"}],\n"
                   " \"metrics\": [{\"id\": \"m\", \"name\": \"M\", \"unit\": \"u\", \"source\": \"s\"}],\n");
}

/* One region over the limit is refused with the count, before any region is
 * built; exactly the limit loads. */
static void
test_too_many_regions (void)
{
  g_autoptr(GString) text = g_string_sized_new (8 * 1024 * 1024);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;

  append_header (text);
  g_string_append (text, " \"regions\": [\n");
  for (guint i = 0; i < REX_DATASET_MAX_REGIONS; i++)
    g_string_append_printf (text, "%s{\"id\": \"r%u\", \"name\": \"R\", \"kind\": \"county\"}\n",
                            i ? "," : "", i);
  g_string_append (text, "]}");
  file = write_tmp ("regions-limit.json", text->str, text->len);
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_regions (dataset)), ==,
                    REX_DATASET_MAX_REGIONS);
  g_assert_finalize_object (g_steal_pointer (&dataset));
  g_clear_object (&file);

  g_string_truncate (text, text->len - 2);
  g_string_append (text, ",{\"id\": \"one-more\", \"name\": \"R\", \"kind\": \"county\"}\n]}");
  file = write_tmp ("regions-over.json", text->str, text->len);
  assert_refused (file, REX_DATASET_ERROR_TOO_LARGE,
                  "regions-over.json:4:13: regions: 100001 entries; the limit is 100000");
}

/* Very wide objects: a quarter of a million members in an extension object,
 * a series with every allowed year, and one year past the range. */
static void
test_wide (void)
{
  g_autoptr(GString) text = g_string_sized_new (32 * 1024 * 1024);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  RexRegion *region;
  RexSeries *series;
  int first, last;
  gint64 start;

  append_header (text);
  g_string_append (text, " \"x-wide\": {");
  for (guint i = 0; i < 250000; i++)
    g_string_append_printf (text, "%s\"k%u\": [%u]", i ? "," : "", i, i);
  g_string_append (text, "},\n \"regions\": [{\"id\": \"CN\", \"name\": \"C\", \"kind\": \"nation\", "
                         "\"values\": {\"m\": {");
  for (int year = 1800; year <= 2200; year++)
    g_string_append_printf (text, "%s\"%d\": %d.5", year > 1800 ? ", " : "", year, year);
  g_string_append (text, "}}}]}");
  file = write_tmp ("wide.json", text->str, text->len);

  start = cpu_time ();
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%.1f MB with a 250 000-member object: %.2f s of CPU", text->len / 1e6,
                  (cpu_time () - start) / 1e6);
  g_assert_cmpint (cpu_time () - start, <, QUICK_USEC);

  region = rex_dataset_lookup_region (dataset, "CN");
  series = rex_region_get_series (region, "m");
  g_assert_true (rex_series_get_year_range (series, &first, &last));
  g_assert_cmpint (first, ==, 1800);
  g_assert_cmpint (last, ==, 2200);
  g_assert_cmpuint (rex_series_get_n_values (series), ==, 401);
  g_assert_finalize_object (g_steal_pointer (&dataset));
  g_clear_object (&file);

  /* 2201 is one year too late; the rest of the file is still checked. */
  g_string_truncate (text, text->len - strlen ("}}}]}"));
  g_string_append (text, ", \"2201\": 1}}}]}");
  file = write_tmp ("wide-2201.json", text->str, text->len);
  {
    g_autofree char *expected =
      g_strdup_printf ("wide-2201.json:5:%u: regions[0].values.m[\"2201\"]: year 2201 is "
                       "outside the supported range 1800–2200",
                       (guint) (g_utf8_strlen (strrchr (text->str, '\n') + 1, -1) -
                                strlen ("\"2201\": 1}}}]}") + 1));

    assert_refused (file, REX_DATASET_ERROR_INVALID, expected);
  }
}

/* A real dataset cut short anywhere is refused as a syntax error with a
 * position inside the file, never loaded half and never read past its end.
 * Cut points: every byte of the small example, and 400 spread over the
 * bundled dataset (including inside multi-byte characters). */
static void
assert_truncations_refused (GBytes     *whole,
                            const char *name,
                            guint       n_cuts)
{
  gsize size;
  const char *data = g_bytes_get_data (whole, &size);
  const char *end = data + size;
  guint n_lines = 1;

  /* Only trailing white space may be cut without breaking the document. */
  while (end > data && g_ascii_isspace (end[-1]))
    end--;
  for (const char *p = data; p < end; p++)
    n_lines += *p == '\n';

  for (guint i = 0; i < n_cuts; i++)
    {
      gsize cut = (gsize) ((end - data) * (guint64) i / n_cuts);
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cut);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RexDataset) dataset = NULL;
      RexDatasetProblem *problem;

      dataset = rex_dataset_new_from_bytes (part, name, &problems, &error);
      g_assert_null (dataset);
      g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpint (problem->line, >=, 1);
      g_assert_cmpint (problem->line, <=, n_lines);
      g_assert_cmpint (problem->column, >=, 1);
    }
}

static void
test_truncated (void)
{
  g_autoptr(GFile) example = data_file ("example.json");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_file_load_bytes (example, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_truncations_refused (bytes, "example.json", g_bytes_get_size (bytes) - 1);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_resources_lookup_data ("/io/github/regionexplorer/RegionExplorer/datasets/"
                                   "china-regional-development.json", 0, &error);
  g_assert_no_error (error);
  assert_truncations_refused (bytes, "china-regional-development.json", 400);
}

/* Endless and special files are refused by type, not read: a read of
 * /dev/zero would never end, a FIFO would block the open. test-dataset.c
 * checks the messages; here they must hold with the asynchronous loader the
 * window uses, and within a memory bound. */
static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_special_files_async (void)
{
  g_autofree char *fifo = g_build_filename (tmp_dir, "pipe.json", NULL);
  const char *paths[] = { "/dev/zero", "/dev/urandom", fifo, tmp_dir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RexDataset) dataset = NULL;
      gint64 start = g_get_monotonic_time ();

      g_test_message ("%s", paths[i]);
      rex_dataset_load_async (file, NULL, on_loaded, &result);
      while (result == NULL)
        {
          g_main_context_iteration (NULL, FALSE);
          g_assert_cmpint (g_get_monotonic_time () - start, <, WAIT_USEC);
          g_usleep (1000);
        }
      dataset = rex_dataset_load_finish (result, &error);
      g_assert_null (dataset);
      g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_IO);
      g_assert_true (strstr (error->message, "choose a .json file") != NULL);
    }

  g_assert_cmpint (g_unlink (fifo), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("rex-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/hostile/fixtures", test_fixtures);
  g_test_add_func ("/hostile/deep", test_deep);
  g_test_add_func ("/hostile/enormous-tokens", test_enormous_tokens);
  g_test_add_func ("/hostile/too-many-regions", test_too_many_regions);
  g_test_add_func ("/hostile/wide", test_wide);
  g_test_add_func ("/hostile/truncated", test_truncated);
  g_test_add_func ("/hostile/special-files-async", test_special_files_async);

  status = g_test_run ();

  /* Remove what the tests wrote. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }

  return status;
}
