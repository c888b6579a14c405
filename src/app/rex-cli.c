/* rex-cli.c — headless commands: export a chart, check a dataset, list ids.
 * Each failure prints one line on stderr and returns a non-zero status. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "rex-cli.h"
#include "rex-render.h"

static const GOptionEntry entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the chart to FILE (.png, .svg, .pdf or .csv) and exit"), N_("FILE") },
  { "chart", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Chart kind: bars, lines, shares, bubbles, map, progress, table or profile (of one region: --regions=ID)"), N_("KIND") },
  { "metric", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Metric id to chart"), N_("ID") },
  { "x-metric", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Metric on the horizontal axis (bubbles)"), N_("ID") },
  { "y-metric", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Metric on the vertical axis (bubbles)"), N_("ID") },
  { "size-metric", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Metric setting bubble size"), N_("ID") },
  { "year", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Year to chart (default: the latest with data)"), N_("YYYY") },
  { "regions", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Comma-separated region ids to show or highlight"), N_("ID,…") },
  { "color-by", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Colour by: none, macro-region or cluster"), N_("GROUP") },
  { "top", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Bars: only the first N regions of the ranking"), N_("N") },
  { "bottom", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Bars: only the last N regions of the ranking"), N_("N") },
  { "region-kind", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Bars, composition and bubbles: the kind of region charted: province, macro-region, city-cluster, county… (default: provinces, or the kind that has the metric)"), N_("KIND") },
  /* xgettext:no-c-format */
  { "relative", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Lines, and bars or the tile map with --base-year: show the % change since the base year"), NULL },
  { "base-year", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Lines: base year of --relative (default: the first year all regions share); bars: rank the change since this year; map: colour the tiles by the change since this year"), N_("YYYY") },
  { "from-year", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Lines: the first year drawn (default: the first with data)"), N_("YYYY") },
  { "to-year", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Lines: the last year drawn (default: the last with data)"), N_("YYYY") },
  { "shares", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Shares: donut, stacked, or composition (one 100 % bar per region of the parts given with --metric=A,B,C)"), N_("STYLE") },
  { "table-of", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Table: the chart kind whose data it lists (default bars)"), N_("KIND") },
  { "map", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Map: tiles (tile grid) or geo (seats, transport circles, clusters)"), N_("MODE") },
  { "log-x", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Bubbles: logarithmic horizontal axis"), NULL },
  { "log-y", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Bubbles and lines: logarithmic vertical axis"), NULL },
  { "continuous", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Map: continuous colours instead of classes"), NULL },
  { "split", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Lines: a small chart per region, side by side on one scale"), NULL },
  { "trails", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Bubbles: draw each selected region's path (--regions) through the years before --year"), NULL },
  { "both-years", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Bars with --base-year: draw the figures of both years as dots, ranked by the change"), NULL },
  { "fit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Bubbles: draw the least-squares line through the bubbles, with the correlation"), NULL },
  { "year-fraction", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("Bubbles: draw the state this far (0–1) from --year to the next year, interpolated"), N_("F") },
  { "width", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Image width (default 1200)"), N_("PX") },
  { "height", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Image height (default 800)"), N_("PX") },
  { "scale", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Pixel density of PNG images: 1, 2 or 3"), N_("N") },
  { "theme", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Chart style: light or dark"), N_("THEME") },
  { "transparent", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Leave the background transparent"), NULL },
  { "number-format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Large numbers: auto (shortened on axes), full or short"), N_("FORMAT") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Validate FILE.json, print every problem and exit"), NULL },
  { "export-data", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every value of the dataset, with its source, as one long CSV table and exit"), N_("OUT.csv") },
  { "list-metrics", 0, 0, G_OPTION_ARG_NONE, NULL, N_("List the dataset's metrics and exit"), NULL },
  { "list-regions", 0, 0, G_OPTION_ARG_NONE, NULL, N_("List the dataset's regions and exit"), NULL },
  { "print-spec", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the chart description embedded in an exported FILE.png, .svg or .pdf and exit"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a statistics table (.csv, .tsv, .xlsx, .xls or .ods) and write it as a dataset to --output"), N_("TABLE") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import: the dataset file to write"), N_("DATASET.json") },
  { "into", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import: merge the table into this dataset (its values win where both have one)"), N_("BASE.json") },
  { "metric-id", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Import: the metric's id (default: from the table's header or file name); "
       "in a table of several metrics, METRIC=ID for the one the table names METRIC"), N_("[METRIC=]ID") },
  { "metric-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Import: the metric's name; METRIC=NAME in a table of several"), N_("[METRIC=]NAME") },
  { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Import: the metric's unit (default: from the table's header); METRIC=UNIT in a table of several"),
    N_("[METRIC=]UNIT") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Import: the sheet of an Excel workbook to read, by name or number (default: the first that holds a table)"), N_("SHEET") },
  { "encoding", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Import: the table's encoding, e.g. UTF-8 or GB18030 (default: detected)"), N_("NAME") },
  { "scale-fractions", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Import: multiply a percentage given as fractions of 1 by 100"), NULL },
  { "skip-unknown", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Import: leave out the rows of regions the importer does not know (新疆生产建设兵团, a typo), each named in a warning"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE.json]") },
  { NULL }
};

void
rex_cli_init_process (void)
{
  const char *localedir;

  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_ALL, "");
  /* REX_LOCALEDIR lets an uninstalled build (<build>/po) or a copy installed
   * under a DESTDIR find its catalogues; installed builds use LOCALEDIR. */
  localedir = g_getenv ("REX_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
rex_cli_exports_image (int    argc,
                       char **argv)
{
  RexExportFormat format;

  for (int i = 1; i < argc; i++)
    {
      const char *file = NULL;

      if (strcmp (argv[i], "--") == 0)
        break;
      if (g_str_has_prefix (argv[i], "--export="))
        file = argv[i] + strlen ("--export=");
      else if (strcmp (argv[i], "--export") == 0 && i + 1 < argc)
        file = argv[i + 1];
      if (file != NULL)
        return rex_export_format_from_filename (file, &format) && format != REX_EXPORT_FORMAT_CSV;
    }
  return FALSE;
}

/* Whole-number options are read as strings: GApplication passes an integer
 * option on only when it is not 0, so "--width=0" would look like no
 * option at all instead of being refused. */
void
rex_cli_add_options (GApplication *app)
{
  g_application_add_main_option_entries (app, entries);
  g_application_set_option_context_parameter_string (app, _("[FILE.json]"));
  g_application_set_option_context_summary (app, _("Explore charts of China’s coordinated regional development."));
}

/* Whether a terminal could act on @c: C0 and C1 control characters (ESC
 * starts the sequences that retitle or clear a terminal, U+009B is CSI on
 * its own), DEL, and the marks that reorder text shown after them. */
static gboolean
is_unsafe_char (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f)
         || (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x061c;
}

/* @text made safe to print on a terminal: every character of is_unsafe_char()
 * is written as "\x1b" or "\u202e", and bytes that are not UTF-8 as "\xff".
 * Dataset ids, names, messages quoting them and file names all pass through
 * here before they are printed. */
static char *
rex_cli_escape (const char *text)
{
  GString *out;
  const char *p = text, *end;

  if (text == NULL)
    return g_strdup ("");
  end = text + strlen (text);
  out = g_string_sized_new (end - text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (is_unsafe_char (c))
        {
          if (c < 0x80)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_printf (out, "\\u%04x", c);
        }
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* Prints @text on stdout (or stderr), escaped, then a newline. */
static void
print_line (gboolean    to_stderr,
            const char *text)
{
  g_autofree char *safe = rex_cli_escape (text);

  if (to_stderr)
    g_printerr ("%s\n", safe);
  else
    g_print ("%s\n", safe);
}

static void
print_error (const char *message)
{
  g_autofree char *safe = rex_cli_escape (message);

  g_printerr ("region-explorer: %s\n", safe);
}

/* The dataset named on the command line, or the bundled one. */
static RexDataset *
load_dataset (const char * const *files,
              GPtrArray         **problems,
              GError            **error)
{
  if (files != NULL && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[0]);

      if (files[1] != NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("Give one dataset file at most"));
          return NULL;
        }
      return rex_dataset_new_from_file (file, NULL, problems, error);
    }
  return rex_dataset_new_default (error);
}

static gboolean lookup_string (GVariantDict  *options,
                               const char    *key,
                               char         **out);

/* Problems of a table import, as "FILE:LINE:COLUMN: message" lines. */
static void
print_table_problems (RexTableImport *import)
{
  GPtrArray *errors = rex_table_import_get_errors (import);
  GPtrArray *warnings = rex_table_import_get_warnings (import);

  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *line = rex_dataset_problem_to_string (errors->pdata[i]);

      g_printerr ("%s\n", line);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      RexDatasetProblem *problem = warnings->pdata[i];
      /* Translators: prefix of a problem that does not stop an import */
      g_autofree char *message = g_strdup_printf (_("warning: %s"), problem->message);
      RexDatasetProblem shown = *problem;
      g_autofree char *line = NULL;

      shown.message = message;
      line = rex_dataset_problem_to_string (&shown);
      g_printerr ("%s\n", line);
    }
}

static void
print_read_note (RexTableImport *import)
{
  g_autofree char *note = NULL;

  if (rex_table_import_get_sheet (import) != NULL)
    /* Translators: "gdp.xlsx: read its sheet “GDP” (1 of 3; give --sheet=NAME for another)" */
    note = g_strdup_printf (_("note: %s: read its sheet “%s” (%u of %u; give --sheet=NAME for another)"),
                            rex_table_import_get_display_name (import), rex_table_import_get_sheet (import),
                            rex_table_import_get_sheet_number (import), rex_table_import_get_n_sheets (import));
  else if (rex_table_import_get_encoding_detected (import))
    /* Translators: %s are a file name and an encoding name such as GB18030 */
    note = g_strdup_printf (_("note: %s was read as %s; give --encoding=NAME if that is wrong"),
                            rex_table_import_get_display_name (import),
                            rex_table_import_get_encoding (import));
  else
    /* Translators: %s are a file name and an encoding name such as GB18030 */
    note = g_strdup_printf (_("note: %s was read as %s"),
                            rex_table_import_get_display_name (import),
                            rex_table_import_get_encoding (import));
  g_printerr ("region-explorer: %s\n", note);
}

/* --unit=UNIT says the unit of a table's one metric; --unit=METRIC=UNIT,
 * given once for each, the unit of the metric a table of several names
 * METRIC. The same for the metric's id and name. */
static void
lookup_metric_option (GVariantDict          *options,
                      const char            *key,
                      RexTableImportOptions *o,
                      glong                  field_offset)
{
  g_autofree const char **values = NULL;

  if (!g_variant_dict_lookup (options, key, "^a&s", &values))
    return;
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *equals = strchr (values[i], '=');
      g_autofree char *label = equals != NULL ? g_strndup (values[i], equals - values[i]) : NULL;
      char **field = G_STRUCT_MEMBER_P (rex_table_import_options_get_metric (o, label), field_offset);

      g_free (*field);
      *field = g_strdup (equals != NULL ? equals + 1 : values[i]);
    }
}

static RexTableImportOptions *
table_options (GVariantDict *options)
{
  RexTableImportOptions *o = rex_table_import_options_new ();

  if (options != NULL)
    {
      lookup_metric_option (options, "metric-id", o, G_STRUCT_OFFSET (RexTableMetricOptions, id));
      lookup_metric_option (options, "metric-name", o, G_STRUCT_OFFSET (RexTableMetricOptions, name));
      lookup_metric_option (options, "unit", o, G_STRUCT_OFFSET (RexTableMetricOptions, unit));
      lookup_string (options, "encoding", &o->encoding);
      lookup_string (options, "sheet", &o->sheet);
      o->scale_fractions = g_variant_dict_contains (options, "scale-fractions");
      o->skip_unknown = g_variant_dict_contains (options, "skip-unknown");
    }
  return o;
}

/* "65 regions, 45 metrics, 63 sources", each in its plural form; the
 * regions @n_regions when it is not G_MAXUINT (a table's own). */
static char *
format_counts (RexDataset *dataset,
               guint       n_regions)
{
  guint n_metrics = g_list_model_get_n_items (rex_dataset_get_metrics (dataset));
  guint n_sources = g_list_model_get_n_items (rex_dataset_get_sources (dataset));
  g_autofree char *regions = NULL;
  g_autofree char *metrics = NULL;
  g_autofree char *sources = NULL;

  if (n_regions == G_MAXUINT)
    n_regions = g_list_model_get_n_items (rex_dataset_get_regions (dataset));
  regions = g_strdup_printf (ngettext ("%u region", "%u regions", n_regions), n_regions);
  metrics = g_strdup_printf (ngettext ("%u metric", "%u metrics", n_metrics), n_metrics);
  sources = g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);

  /* Translators: the counts of a dataset, "65 regions, 45 metrics, 63 sources" */
  return g_strdup_printf (_("%s, %s, %s"), regions, metrics, sources);
}

static int
run_check_table (GVariantDict *options,
                 const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(RexTableImportOptions) o = table_options (options);
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  RexDataset *dataset;

  import = rex_table_import_new_from_file (file, o, NULL, &error);
  if (import == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_read_note (import);
  print_table_problems (import);
  dataset = rex_table_import_get_dataset (import);
  if (dataset == NULL)
    return 1;
  counts = format_counts (dataset, rex_table_import_count_regions (import));
  /* Translators: printed by --check for a valid table: its encoding, its
   * layout (the value --shape takes, not translated) and its counts */
  g_print (_("%s: valid (%s, %s; %s)\n"),
           rex_dataset_get_file_name (dataset),
           rex_table_import_get_encoding (import),
           rex_table_import_shape_to_string (rex_table_import_get_shape (import)),
           counts);
  return 0;
}

static int
run_import (GVariantDict       *options,
            const char         *table,
            const char * const *files)
{
  g_autoptr(RexTableImportOptions) o = table_options (options);
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(RexDataset) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) table_file = NULL;
  g_autoptr(GFile) output_file = NULL;
  const char *output = NULL, *into = NULL;

  if (!g_variant_dict_lookup (options, "output", "^&ay", &output) || *output == '\0')
    {
      print_error (_("--import needs --output: region-explorer --import=TABLE.csv --output=DATASET.json"));
      return 2;
    }
  if (files != NULL && files[0] != NULL)
    {
      print_error (_("--import takes no other file; merge into a dataset with --into=BASE.json"));
      return 2;
    }
  g_variant_dict_lookup (options, "into", "^&ay", &into);

  table_file = g_file_new_for_commandline_arg (table);
  import = rex_table_import_new_from_file (table_file, o, NULL, &error);
  if (import == NULL)
    {
      print_error (error->message);
      return 1;
    }
  print_read_note (import);
  print_table_problems (import);
  if (rex_table_import_get_dataset (import) == NULL)
    return 1;

  if (into != NULL)
    {
      g_autoptr(GFile) base_file = g_file_new_for_commandline_arg (into);
      g_autoptr(RexDataset) base = rex_dataset_new_from_file (base_file, NULL, NULL, &error);
      g_autoptr(GPtrArray) conflicts = NULL;

      if (base == NULL)
        {
          print_error (error->message);
          return 1;
        }
      result = rex_dataset_merge (base, rex_table_import_get_dataset (import), REX_MERGE_KEEP_BASE,
                                  &conflicts, &error);
      if (result == NULL)
        {
          print_error (error->message);
          return 1;
        }
      for (guint i = 0; i < conflicts->len; i++)
        {
          g_autofree char *text = rex_merge_conflict_to_string (conflicts->pdata[i]);
          /* Translators: %s describes two differing values of one region, metric and year */
          g_autofree char *message = g_strdup_printf (_("conflict: %s; kept the base's value"), text);

          print_error (message);
        }
    }
  else
    result = g_object_ref (rex_table_import_get_dataset (import));

  output_file = g_file_new_for_commandline_arg (output);
  if (!rex_dataset_save_to_file (result, output_file, NULL, &error))
    {
      print_error (error->message);
      return 1;
    }
  /* Translators: printed by --import when the dataset was written; the
   * last %s is the imported metric's id */
  g_print (_("%s: %u regions, %u metrics, %u values; imported metric %s\n"), output,
           g_list_model_get_n_items (rex_dataset_get_regions (result)),
           g_list_model_get_n_items (rex_dataset_get_metrics (result)),
           rex_dataset_count_values (result), rex_table_import_get_metric_id (import, 0));
  return 0;
}

static int
run_check (const char * const *files)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;

  if (files == NULL || files[0] == NULL)
    {
      print_error (_("--check needs a file: region-explorer --check FILE.json"));
      return 2;
    }
  dataset = load_dataset (files, &problems, &error);
  if (dataset != NULL)
    {
      g_autofree char *counts = format_counts (dataset, G_MAXUINT);
      /* Translators: printed by --check for a valid file, with its counts */
      g_autofree char *line = g_strdup_printf (_("%s: valid (%s)"), rex_dataset_get_file_name (dataset), counts);
      print_line (FALSE, line);
      return 0;
    }
  if (problems != NULL && problems->len > 0)
    for (guint i = 0; i < problems->len; i++)
      {
        g_autofree char *line = rex_dataset_problem_to_string (problems->pdata[i]);
        print_line (TRUE, line);
      }
  else
    print_line (TRUE, error->message);
  return 1;
}

/* --export-data: every value of the dataset as a long CSV table. */
static int
run_export_data (const char         *output,
                 const char * const *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GFile) file = NULL;

  if (!g_str_has_suffix (output, ".csv") && !g_str_has_suffix (output, ".CSV"))
    {
      print_error (_("--export-data writes CSV: give a file name ending in .csv"));
      return 2;
    }
  dataset = load_dataset (files, NULL, &error);
  if (dataset == NULL)
    {
      print_error (error->message);
      return 1;
    }
  file = g_file_new_for_commandline_arg (output);
  if (!rex_export_dataset_csv (dataset, file, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", output, error->message);

      print_error (message);
      return 1;
    }
  return 0;
}

static int
run_list (const char * const *files,
          gboolean            metrics)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = load_dataset (files, NULL, &error);
  GListModel *model;

  if (dataset == NULL)
    {
      print_error (error->message);
      return 1;
    }
  model = metrics ? rex_dataset_get_metrics (dataset) : rex_dataset_get_regions (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      const char *fields[3];

      if (metrics)
        {
          fields[0] = rex_metric_get_id (REX_METRIC (item));
          fields[1] = rex_metric_get_display_name (REX_METRIC (item));
          fields[2] = rex_metric_get_display_unit (REX_METRIC (item));
        }
      else
        {
          fields[0] = rex_region_get_id (REX_REGION (item));
          fields[1] = rex_region_get_display_name (REX_REGION (item));
          fields[2] = rex_region_kind_to_string (rex_region_get_kind (REX_REGION (item)));
        }
      /* Each field escaped on its own: a tab inside one cannot shift the
       * columns of the ones after it. */
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *safe = rex_cli_escape (fields[f]);
          g_print ("%s%c", safe, f < 2 ? '\t' : '\n');
        }
    }
  return 0;
}

/* The whole number given to --@key, in *@out; TRUE when the option is
 * absent too. FALSE after printing an error. */
static gboolean
lookup_int (GVariantDict *options,
            const char   *key,
            int          *out)
{
  const char *text;
  gint64 value;

  if (!g_variant_dict_lookup (options, key, "&s", &text))
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &value, NULL))
    {
      g_autofree char *shown = rex_cli_escape (text);
      /* Translators: "--width: “abc” is not a whole number" */
      g_autofree char *message = g_strdup_printf (_("--%s: “%s” is not a whole number"), key, shown);

      print_error (message);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
lookup_string (GVariantDict  *options,
               const char    *key,
               char         **out)
{
  const char *value;

  if (!g_variant_dict_lookup (options, key, "&s", &value))
    return FALSE;
  g_free (*out);
  *out = g_strdup (value);
  return TRUE;
}

/* --map, --log-x, --log-y, --trails, --fit, --both-years, --split and
 * --year-fraction; FALSE after printing an error. */
static gboolean
parse_map_and_axes (GVariantDict *options,
                    RexChartSpec *spec)
{
  const char *map_name = NULL;
  double fraction;

  if (g_variant_dict_lookup (options, "map", "&s", &map_name))
    {
      if (!rex_map_mode_from_string (map_name, &spec->map_mode))
        {
          print_error (_("--map: use tiles or geo"));
          return FALSE;
        }
    }
  if (g_variant_dict_contains (options, "log-x"))
    spec->log_x = TRUE;
  if (g_variant_dict_contains (options, "continuous"))
    spec->continuous = TRUE;
  if (g_variant_dict_contains (options, "log-y"))
    spec->log_y = TRUE;
  if (g_variant_dict_contains (options, "trails"))
    spec->trails = TRUE;
  if (g_variant_dict_contains (options, "split"))
    spec->split = TRUE;
  if (g_variant_dict_contains (options, "fit"))
    spec->fit = TRUE;
  if (g_variant_dict_contains (options, "both-years"))
    spec->both_years = TRUE;
  /* Checked with the rest of the spec by rex_chart_spec_validate(). */
  if (g_variant_dict_lookup (options, "year-fraction", "d", &fraction))
    spec->year_fraction = fraction;
  return TRUE;
}

/* The option that sets a member of a chart spec or of the export size, for
 * messages: "year_fraction" → "--year-fraction". */
static char *
option_for_member (const char *member)
{
  static const struct { const char *member, *option; } renamed[] = {
    { "kind", "chart" }, { "map_mode", "map" }, { "shares_mode", "shares" },
  };
  g_autofree char *name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (renamed); i++)
    if (g_str_equal (member, renamed[i].member))
      return g_strconcat ("--", renamed[i].option, NULL);
  name = g_strdup (member);
  g_strdelimit (name, "_", '-');
  return g_strconcat ("--", name, NULL);
}

/* Prints "--OPTION: what is wrong" for a member refused by the validation
 * an image's description also goes through; returns the exit status 2. */
static int
print_option_error (const char *member,
                    GError     *error)
{
  g_autofree char *option = option_for_member (member);
  /* Translators: an option and what is wrong with its value:
   * "--width: 0 is outside 16–16384" */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), option, error->message);

  print_error (message);
  return 2;
}

/* A default metric for a chart kind, so "--export x.png" alone works. */
static const char *
default_metric (RexDataset   *dataset,
                RexChartKind  kind,
                RexChartKind  table_of)
{
  static const char * const preferred[] = { "gdp", "population" };

  if (kind == REX_CHART_KIND_TABLE)
    kind = table_of;
  /* Progress picks its own set (the rural coverage metrics and targets). */
  if (kind == REX_CHART_KIND_PROGRESS)
    return NULL;
  if (kind == REX_CHART_KIND_MAP && rex_dataset_lookup_metric (dataset, "population") != NULL)
    return "population";
  if (kind == REX_CHART_KIND_LINES && rex_dataset_lookup_metric (dataset, "urbanization") != NULL)
    return "urbanization";
  if (kind == REX_CHART_KIND_SHARES
      && rex_dataset_lookup_metric (dataset, "cluster_population_share") != NULL
      && rex_dataset_lookup_metric (dataset, "cluster_gdp_share") != NULL)
    return "cluster_population_share,cluster_gdp_share";

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    if (rex_dataset_lookup_metric (dataset, preferred[i]) != NULL)
      return preferred[i];
  if (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)) > 0)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (rex_dataset_get_metrics (dataset), 0);
      return rex_metric_get_id (metric);
    }
  return NULL;
}

/* An image written by --export or the Export dialog: its embedded chart
 * description, or NULL (without error) when @path is not such an image. */
static RexExportMetadata *
read_image_metadata (const char  *path,
                     GError     **error)
{
  g_autoptr(GFile) file = NULL;
  RexExportFormat format;

  if (path == NULL || !rex_export_format_from_filename (path, &format) || format == REX_EXPORT_FORMAT_CSV)
    return NULL;
  file = g_file_new_for_commandline_arg (path);
  return rex_export_read_metadata (file, NULL, error);
}

static int
run_print_spec (const char * const *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexExportMetadata) metadata = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      print_error (_("--print-spec needs one file: region-explorer --print-spec FILE.png"));
      return 2;
    }
  metadata = read_image_metadata (files[0], &error);
  if (metadata == NULL)
    {
      print_error (error ? error->message : _("--print-spec: the file must be a .png, .svg or .pdf image"));
      return error ? 1 : 2;
    }
  root = json_from_string (metadata->json, NULL);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  /* Line by line: the layout's newlines stay, anything a terminal would
   * act on inside the strings is escaped. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    print_line (FALSE, lines[i]);
  return 0;
}

/* What "--export" is asked to draw before the dataset is read: the image it
 * re-renders, if any, and the kind, theme, size and year from that image and
 * the options. */
typedef struct
{
  RexExportMetadata *base;
  RexExportOptions   export_options;
  RexChartKind       kind;
  RexTheme           theme;
  RexNumberFormat    number_format;
  int                year;
} ExportRequest;

static void
export_request_clear (ExportRequest *request)
{
  g_clear_pointer (&request->base, rex_export_metadata_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportRequest, export_request_clear)

/* Fills @request from @output, the image among *@files (which then moves past
 * it) and the options; -1 on success, else the exit status after printing
 * an error. "--export=OUT chart.png [data.json]" re-renders the chart
 * described in an exported image; options given on the command line
 * override it. */
static int
read_export_request (GVariantDict         *options,
                     const char           *output,
                     const char * const  **files,
                     ExportRequest        *request)
{
  g_autoptr(GError) error = NULL;
  const char *kind_name = NULL, *theme_name = NULL, *format_name = NULL, *member = NULL;
  int width = 1200, height = 800, scale = 1;

  request->kind = REX_CHART_KIND_BARS;
  request->theme = REX_THEME_LIGHT;
  if (!rex_export_format_from_filename (output, &request->export_options.format))
    {
      print_error (_("--export: the file name must end in .png, .svg, .pdf or .csv"));
      return 2;
    }
  if (*files != NULL && (*files)[0] != NULL)
    {
      request->base = read_image_metadata ((*files)[0], &error);
      if (error != NULL)
        {
          print_error (error->message);
          return 1;
        }
      if (request->base != NULL)
        {
          RexExportMetadata *base = request->base;

          (*files)++;
          request->kind = base->spec->kind;
          request->theme = base->theme;
          width = base->width >= 16 ? (int) base->width : width;
          height = base->height >= 16 ? (int) base->height : height;
          scale = (int) base->scale;
        }
    }
  if (g_variant_dict_lookup (options, "chart", "&s", &kind_name)
      && !rex_chart_kind_from_string (kind_name, &request->kind))
    {
      g_autofree char *message = g_strdup_printf (_("--chart: unknown chart kind “%s”; use bars, lines, "
                                                    "shares, bubbles, map, progress, table or profile"),
                                                  kind_name);
      print_error (message);
      return 2;
    }
  if (g_variant_dict_lookup (options, "theme", "&s", &theme_name)
      && !rex_theme_from_string (theme_name, &request->theme))
    {
      print_error (_("--theme: use light or dark"));
      return 2;
    }
  if (g_variant_dict_lookup (options, "number-format", "&s", &format_name)
      && !rex_number_format_from_string (format_name, &request->number_format))
    {
      print_error (_("--number-format: use auto, full or short"));
      return 2;
    }
  if (!lookup_int (options, "width", &width)
      || !lookup_int (options, "height", &height)
      || !lookup_int (options, "scale", &scale)
      || !lookup_int (options, "year", &request->year))
    return 2;
  /* The same checks as an image's description gets when it is read. */
  if (!rex_export_validate_size (width, height, scale, &member, &error))
    return print_option_error (member, error);
  request->export_options.width = width;
  request->export_options.height = height;
  request->export_options.scale = scale;
  return -1;
}

/* Says so when the image being re-rendered was made from another dataset
 * than @dataset: a note, the export still goes ahead. */
static void
note_other_dataset (RexExportMetadata *base,
                    RexDataset        *dataset)
{
  g_autofree char *note = NULL;

  if (base == NULL || base->dataset_checksum == NULL
      || g_strcmp0 (base->dataset_checksum, rex_dataset_get_checksum (dataset)) == 0)
    return;
  /* Translators: a note, not an error: the export still goes ahead */
  note = g_strdup_printf (_("note: the image was made from “%s” (another file or "
                            "version); drawing it with “%s”"),
                          base->dataset_title ? base->dataset_title : "?",
                          rex_dataset_get_title (dataset));
  print_error (note);
}

/* --top=N or --bottom=N: the ranking's first or last N regions; FALSE
 * after printing an error. */
static gboolean
parse_top (GVariantDict *options,
           RexChartSpec *spec)
{
  int top = 0, bottom = 0;

  if (!lookup_int (options, "top", &top) || !lookup_int (options, "bottom", &bottom))
    return FALSE;
  if (top < 0 || bottom < 0 || (top != 0 && bottom != 0)
      || (g_variant_dict_contains (options, "top") && top == 0)
      || (g_variant_dict_contains (options, "bottom") && bottom == 0))
    {
      print_error (_("--top and --bottom: give one of them, a number of regions from 1"));
      return FALSE;
    }
  if (top != 0)
    spec->top = top;
  else if (bottom != 0)
    spec->top = -bottom;
  return TRUE;
}

/* --shares and --table-of; FALSE after printing an error. */
static gboolean
parse_shares_and_table (GVariantDict *options,
                        RexChartSpec *spec)
{
  const char *shares_name = NULL, *table_of_name = NULL;

  if (g_variant_dict_lookup (options, "shares", "&s", &shares_name))
    {
      if (!rex_shares_mode_from_string (shares_name, &spec->shares_mode))
        {
          print_error (_("--shares: use donut, stacked or composition"));
          return FALSE;
        }
    }
  if (g_variant_dict_lookup (options, "table-of", "&s", &table_of_name)
      && (!rex_chart_kind_from_string (table_of_name, &spec->table_of)
          || spec->table_of == REX_CHART_KIND_TABLE))
    {
      g_autofree char *message = g_strdup_printf (_("--table-of: unknown chart kind “%s”; use bars, lines, "
                                                    "shares, bubbles, map, progress or profile"), table_of_name);
      print_error (message);
      return FALSE;
    }
  return TRUE;
}

/* --metric, --x-metric, --y-metric and --size-metric, and the metrics a
 * chart of a new description takes when they are not given. */
static void
parse_metrics (GVariantDict *options,
               RexChartSpec *spec,
               RexDataset   *dataset,
               gboolean      from_image)
{
  if (!lookup_string (options, "metric", &spec->metric) && !from_image)
    spec->metric = g_strdup (default_metric (dataset, spec->kind, spec->table_of));
  lookup_string (options, "x-metric", &spec->x_metric);
  lookup_string (options, "y-metric", &spec->y_metric);
  lookup_string (options, "size-metric", &spec->size_metric);
  /* Bubbles default to GDP against population, area by population, coloured
   * by macro-region: the chart the bundled data supports (2024). */
  if (spec->kind == REX_CHART_KIND_BUBBLES && !from_image)
    {
      const char * const defaults[] = { "population", "gdp", "population" };
      char **slots[] = { &spec->x_metric, &spec->y_metric, &spec->size_metric };

      for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
        if (*slots[i] == NULL && rex_dataset_lookup_metric (dataset, defaults[i]) != NULL)
          *slots[i] = g_strdup (defaults[i]);
      spec->color_by = REX_COLOR_BY_MACRO_REGION;
    }
}

#define KIND_BIT(kind) (1u << REX_CHART_KIND_##kind)

/* The options that draw on some kinds of chart only: given for another,
 * they would be ignored without a word. */
static const struct
{
  const char *option;
  guint       kinds;
} kind_options[] = {
  { "x-metric", KIND_BIT (BUBBLES) }, { "y-metric", KIND_BIT (BUBBLES) }, { "size-metric", KIND_BIT (BUBBLES) },
  { "log-x", KIND_BIT (BUBBLES) }, { "trails", KIND_BIT (BUBBLES) }, { "fit", KIND_BIT (BUBBLES) },
  { "year-fraction", KIND_BIT (BUBBLES) }, { "log-y", KIND_BIT (BUBBLES) | KIND_BIT (LINES) },
  { "split", KIND_BIT (LINES) }, { "from-year", KIND_BIT (LINES) }, { "to-year", KIND_BIT (LINES) },
  { "top", KIND_BIT (BARS) }, { "bottom", KIND_BIT (BARS) }, { "both-years", KIND_BIT (BARS) },
  { "map", KIND_BIT (MAP) }, { "continuous", KIND_BIT (MAP) },
  { "shares", KIND_BIT (SHARES) }, { "table-of", KIND_BIT (TABLE) },
  { "base-year", KIND_BIT (LINES) | KIND_BIT (BARS) | KIND_BIT (MAP) },
  { "relative", KIND_BIT (LINES) | KIND_BIT (BARS) | KIND_BIT (MAP) },
};

/* FALSE, after printing an error, when an option given is for other kinds
 * of chart than @spec's (a table's options are those of the chart whose
 * data it lists, and --table-of). */
static gboolean
check_options_apply (GVariantDict       *options,
                     const RexChartSpec *spec)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_options); i++)
    {
      RexChartKind kind = spec->kind == REX_CHART_KIND_TABLE && !g_str_equal (kind_options[i].option, "table-of")
                          ? spec->table_of : spec->kind;
      g_autoptr(GString) kinds = NULL;
      g_autofree char *message = NULL;

      if (!g_variant_dict_contains (options, kind_options[i].option) || (kind_options[i].kinds & (1u << kind)))
        continue;
      kinds = g_string_new (NULL);
      for (RexChartKind k = 0; k < REX_CHART_KIND_LAST; k++)
        if (kind_options[i].kinds & (1u << k))
          g_string_append_printf (kinds, "%s%s", kinds->len > 0 ? ", " : "", rex_chart_kind_to_string (k));
      if (kind != spec->kind)
        /* Translators: "--log-y does not apply to --table-of=bars (it is for: lines, bubbles)" */
        message = g_strdup_printf (_("--%s does not apply to --table-of=%s (it is for: %s)"),
                                   kind_options[i].option, rex_chart_kind_to_string (kind), kinds->str);
      else
        /* Translators: "--fit does not apply to --chart=bars (it is for: bubbles)" */
        message = g_strdup_printf (_("--%s does not apply to --chart=%s (it is for: %s)"),
                                   kind_options[i].option, rex_chart_kind_to_string (kind), kinds->str);
      print_error (message);
      return FALSE;
    }
  return TRUE;
}

/* The chart description of @request with the options applied to it, in
 * *@out; -1 on success, else the exit status after printing an error. */
static int
build_export_spec (GVariantDict         *options,
                   const ExportRequest  *request,
                   RexDataset           *dataset,
                   RexChartSpec        **out)
{
  g_autoptr(RexChartSpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  const char *regions = NULL, *color_by = NULL, *region_kind = NULL, *member = NULL;
  RexExportMetadata *base = request->base;

  spec = base != NULL ? rex_chart_spec_copy (base->spec) : rex_chart_spec_new (request->kind);
  spec->kind = request->kind;
  if (base == NULL || g_variant_dict_contains (options, "year"))
    spec->year = request->year;
  if (base == NULL || g_variant_dict_contains (options, "relative"))
    spec->relative = g_variant_dict_contains (options, "relative");
  if (!lookup_int (options, "base-year", &spec->base_year)
      || !lookup_int (options, "from-year", &spec->from_year)
      || !lookup_int (options, "to-year", &spec->to_year))
    return 2;
  if (!parse_shares_and_table (options, spec) || !parse_top (options, spec))
    return 2;
  parse_metrics (options, spec, dataset, base != NULL);
  if (!parse_map_and_axes (options, spec))
    return 2;
  if (g_variant_dict_lookup (options, "regions", "&s", &regions) && *regions)
    {
      g_auto(GStrv) ids = g_strsplit (regions, ",", -1);
      for (guint i = 0; ids[i]; i++)
        g_strstrip (ids[i]);
      rex_chart_spec_set_regions (spec, (const char * const *) ids);
    }
  if (g_variant_dict_lookup (options, "color-by", "&s", &color_by)
      && !rex_color_by_from_string (color_by, &spec->color_by))
    {
      print_error (_("--color-by: use none, macro-region or cluster"));
      return 2;
    }
  if (!g_variant_dict_lookup (options, "region-kind", "&s", &region_kind))
    {
      /* As Compare and Relationships do: a table of counties is ranked or
       * plotted by county. */
      if (base == NULL && (spec->kind == REX_CHART_KIND_BARS || spec->kind == REX_CHART_KIND_BUBBLES
                           || spec->kind == REX_CHART_KIND_SHARES))
        spec->region_kind = rex_dataset_choose_kind (dataset, spec->kind == REX_CHART_KIND_BUBBLES ? spec->y_metric
                                                                                                    : spec->metric);
    }
  else if (!rex_region_kind_from_string (region_kind, &spec->region_kind))
    {
      g_autofree char *message = g_strdup_printf (_("--region-kind: “%s” is no kind of region; "
                                                    "--list-regions gives each region’s kind"), region_kind);

      print_error (message);
      return 2;
    }
  if (!check_options_apply (options, spec))
    return 2;
  if (spec->both_years && spec->base_year == 0)
    {
      print_error (_("--both-years draws the figures of --base-year and --year: give --base-year"));
      return 2;
    }
  if (g_variant_dict_contains (options, "relative") && spec->base_year == 0
      && spec->kind != REX_CHART_KIND_LINES
      && !(spec->kind == REX_CHART_KIND_TABLE && spec->table_of == REX_CHART_KIND_LINES))
    {
      /* Translators: --relative given for a ranking or a map without a base year */
      print_error (_("--relative draws a change as a percentage of the figure of --base-year: give --base-year"));
      return 2;
    }
  if (!rex_chart_spec_validate (spec, &member, &error))
    return print_option_error (member, error);
  *out = g_steal_pointer (&spec);
  return -1;
}

static int
run_export (GVariantDict       *options,
            const char         *output,
            const char * const *files)
{
  g_auto(ExportRequest) request = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = NULL;
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartStyle) style = NULL;
  g_autoptr(RexExportFonts) fonts = NULL;
  g_autoptr(GFile) file = NULL;
  int status;

  status = read_export_request (options, output, &files, &request);
  if (status >= 0)
    return status;
  style = rex_chart_style_new (request.theme);
  style->number_format = request.number_format;
  style->transparent = g_variant_dict_contains (options, "transparent")
                       || (request.base && request.base->transparent);
  request.export_options.style = style;
  /* The fonts the chart measures its text with load while the dataset
   * does: a third of drawing the default bars. */
  fonts = rex_export_fonts_prepare (&request.export_options);
  dataset = load_dataset (files, NULL, &error);
  g_clear_pointer (&fonts, rex_export_fonts_wait);
  if (dataset == NULL)
    {
      print_error (error->message);
      return 1;
    }
  note_other_dataset (request.base, dataset);
  status = build_export_spec (options, &request, dataset, &spec);
  if (status >= 0)
    return status;

  chart = rex_chart_new (dataset, spec, &error);
  if (chart == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (rex_chart_get_empty_message (chart) != NULL)
    {
      print_error (rex_chart_get_empty_message (chart));
      return 1;
    }

  file = g_file_new_for_commandline_arg (output);
  if (!rex_export_to_file (chart, file, &request.export_options, NULL, &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

int
rex_cli_handle_options (GVariantDict *options)
{
  g_autofree const char **files = NULL;
  const char *output = NULL;
  const char *table = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("region-explorer %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);

  if (g_variant_dict_lookup (options, "import", "^&ay", &table))
    return run_import (options, table, files);
  if (g_variant_dict_contains (options, "check") && files != NULL && files[0] != NULL
      && files[1] == NULL && rex_table_import_is_table_name (files[0]))
    return run_check_table (options, files[0]);
  if (g_variant_dict_contains (options, "check"))
    return run_check (files);
  if (g_variant_dict_contains (options, "print-spec"))
    return run_print_spec (files);
  if (g_variant_dict_lookup (options, "export-data", "^&ay", &output))
    return run_export_data (output, files);
  if (g_variant_dict_contains (options, "list-metrics"))
    return run_list (files, TRUE);
  if (g_variant_dict_contains (options, "list-regions"))
    return run_list (files, FALSE);
  if (g_variant_dict_lookup (options, "export", "^&ay", &output))
    return run_export (options, output, files);
  return -1;
}
