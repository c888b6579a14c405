/* rex-dataset-loader.c — reads a dataset file, validates it against
 * docs/dataset-format.md and builds the RexDataset: the entry points
 * (bytes, files, the bundled dataset, a load in a thread) and the
 * document's top level, member by member in the order of the passes.
 *
 * Validation collects every problem it finds, each with the file, line,
 * column and JSON path of the offending node, so that one run of
 * `region-explorer --check` shows everything to fix. Objects are built while
 * validating; if anything was wrong, the half-built dataset is dropped and
 * the caller keeps whatever it had loaded before.
 *
 * The other parts are listed in rex-dataset-loader-private.h.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-dataset-loader-private.h"
#include "rex-default-dataset-checksum.h"
#include "rex-table-import.h"

static void
collect_years (Loader *l)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, l->year_sets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const guint8 *set = value;
      GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

      for (int i = 0; i < N_YEARS; i++)
        {
          if (set[i])
            {
              int year = REX_YEAR_MIN + i;

              g_array_append_val (years, year);
            }
        }

      g_hash_table_insert (l->dataset->years_by_metric, g_strdup (key), years);
    }
}

static void
validate (Loader *l)
{
  static const char * const allowed[] = {
    "schema", "title", "title_zh", "description", "description_zh", "sources", "metrics",
    "regions", "transport_circles", "headlines", NULL
  };
  JsonNode *root = rex_json_document_get_root (l->doc);
  JsonNode *schema;
  JsonArray *sources, *metrics, *regions, *circles, *headlines;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report_code (l, root, REX_DATASET_ERROR_SCHEMA,
                   "expected an object with \"schema\": \"%s\", got %s",
                   REX_DATASET_SCHEMA, rex_loader_describe_node (root));
      return;
    }

  /* Without the right schema, nothing else can be checked meaningfully. */
  schema = json_object_get_member (json_node_get_object (root), "schema");
  if (schema == NULL)
    {
      report_code (l, root, REX_DATASET_ERROR_SCHEMA,
                   "missing \"schema\"; this version of Region Explorer reads \"%s\"",
                   REX_DATASET_SCHEMA);
      return;
    }

  if (!rex_loader_node_is_string (schema) ||
      !g_str_equal (json_node_get_string (schema), REX_DATASET_SCHEMA))
    {
      gsize saved = rex_loader_path_push_member (l, "schema");

      if (rex_loader_node_is_string (schema))
        report_code (l, schema, REX_DATASET_ERROR_SCHEMA,
                     "unknown schema version \"%s\"; this version of Region Explorer "
                     "reads \"%s\"", json_node_get_string (schema), REX_DATASET_SCHEMA);
      else
        report_code (l, schema, REX_DATASET_ERROR_SCHEMA,
                     "expected a string, got %s; this version of Region Explorer "
                     "reads \"%s\"", rex_loader_describe_node (schema), REX_DATASET_SCHEMA);
      rex_loader_path_pop (l, saved);
      return;
    }

  rex_loader_check_members (l, root, allowed);
  l->dataset->title = rex_loader_dup_string (l, root, "title", TRUE);
  l->dataset->title_zh = rex_loader_dup_string (l, root, "title_zh", FALSE);
  l->dataset->description = rex_loader_dup_string (l, root, "description", FALSE);
  l->dataset->description_zh = rex_loader_dup_string (l, root, "description_zh", FALSE);

  sources = rex_loader_get_array (l, root, "sources", TRUE);
  metrics = rex_loader_get_array (l, root, "metrics", TRUE);
  regions = rex_loader_get_array (l, root, "regions", TRUE);
  circles = rex_loader_get_array (l, root, "transport_circles", FALSE);
  headlines = rex_loader_get_array (l, root, "headlines", FALSE);

  if (!rex_loader_check_count (l, root, "sources", sources, REX_DATASET_MAX_SOURCES) ||
      !rex_loader_check_count (l, root, "metrics", metrics, REX_DATASET_MAX_METRICS) ||
      !rex_loader_check_count (l, root, "regions", regions, REX_DATASET_MAX_REGIONS) ||
      !rex_loader_check_count (l, root, "transport_circles", circles, REX_DATASET_MAX_CIRCLES))
    return;

  rex_loader_foreach_element (l, "sources", sources, rex_loader_load_source, NULL);
  rex_loader_foreach_element (l, "metrics", metrics, rex_loader_load_metric, NULL);
  rex_loader_foreach_element (l, "metrics", metrics, rex_loader_check_metric_weight, NULL);
  rex_loader_foreach_element (l, "regions", regions, rex_loader_load_region, NULL);
  rex_loader_foreach_element (l, "regions", regions, rex_loader_link_region, NULL);
  if (l->fatal)
    return;

  rex_loader_check_parent_cycles (l);
  rex_loader_foreach_element (l, "transport_circles", circles, rex_loader_load_transport_circle,
                              NULL);
  rex_loader_foreach_element (l, "headlines", headlines, rex_loader_load_headline, ids);

  collect_years (l);
}

static gpointer
compute_checksum (gpointer data)
{
  GBytes *bytes = data;
  char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  g_bytes_unref (bytes);

  return checksum;
}

/* Files above this size have their checksum computed on a second thread
 * while they are parsed: SHA-256 costs about a third of loading. */
#define CHECKSUM_THREAD_MIN_SIZE (1024 * 1024)

static GPtrArray *
new_problem_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);
}

/* The file is larger than the format allows: refused before parsing. */
static void
set_too_large_error (const char  *display_name,
                     gsize        size,
                     GPtrArray  **problems,
                     GError     **error)
{
  g_autoptr(RexDatasetProblem) problem = NULL;
  g_autofree char *message = NULL;

  problem = rex_dataset_problem_new (display_name, 0, 0, "", NULL);
  problem->message = g_strdup_printf (_("the file is %.1f MiB; the limit is %d MiB"),
                                      size / (1024.0 * 1024.0),
                                      REX_DATASET_MAX_FILE_SIZE / (1024 * 1024));
  message = rex_dataset_problem_to_string (problem);
  g_set_error_literal (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE, message);
  if (problems != NULL)
    g_ptr_array_add (*problems, g_steal_pointer (&problem));
}

/* What the parser makes of the numbers of a values.METRIC object: a series
 * in the loader's arena (rex-json.h, RexJsonValuesSink). */
static gpointer
make_series (const char   *name,
             int           first_year,
             int           last_year,
             const double *values,
             gpointer      user_data)
{
  return rex_series_arena_new_from_values (user_data, name, first_year, last_year, values);
}

/* Validates @doc into @dataset; the problems found, in file order, in a new
 * array of Report. */
static GArray *
load_document (RexJsonDocument *doc,
               RexDataset      *dataset,
               const char      *display_name,
               guint           *n_dropped)
{
  GArray *reports = g_array_new (FALSE, FALSE, sizeof (Report));
  g_autoptr(GString) path = g_string_new (NULL);
  Loader l = { 0 };

  g_array_set_clear_func (reports, (GDestroyNotify) rex_loader_report_clear);
  l.file = display_name;
  l.doc = doc;
  l.dataset = dataset;
  l.path = path;
  l.reports = reports;
  l.source_indices = g_hash_table_new (NULL, NULL);
  l.region_nodes = g_hash_table_new (NULL, NULL);
  l.region_indices = g_hash_table_new (NULL, NULL);
  l.tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.year_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.scratch_years = g_array_new (FALSE, FALSE, sizeof (YearValue));

  validate (&l);

  g_hash_table_unref (l.source_indices);
  g_hash_table_unref (l.region_nodes);
  g_hash_table_unref (l.region_indices);
  g_hash_table_unref (l.tiles);
  g_hash_table_unref (l.year_sets);
  g_array_unref (l.scratch_years);

  g_array_sort (reports, rex_loader_compare_reports);
  *n_dropped = l.n_dropped;

  return reports;
}

RexDataset *
rex_dataset_new_from_bytes (GBytes     *bytes,
                            const char *display_name,
                            GPtrArray **problems,
                            GError    **error)
{
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GArray) reports = NULL;
  RexSeriesArena *arena = NULL;
  RexJsonValuesSink sink = { make_series, (GDestroyNotify) rex_series_unref, NULL };
  RexJsonDocument *doc;
  RexDatasetProblem *syntax_problem = NULL;
  GThread *checksum_thread = NULL;
  char *checksum = NULL;
  guint n_dropped = 0;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = new_problem_array ();

  data = g_bytes_get_data (bytes, &size);
  if (size > REX_DATASET_MAX_FILE_SIZE)
    {
      set_too_large_error (display_name, size, problems, error);
      return NULL;
    }

  if (size >= CHECKSUM_THREAD_MIN_SIZE)
    checksum_thread = g_thread_try_new ("rex-checksum", compute_checksum,
                                        g_bytes_ref (bytes), NULL);

  /* The document refers to @bytes' data, which outlives it here; its
   * series live in @arena, which outlives it too. */
  sink.user_data = arena = rex_series_arena_new ();
  doc = rex_json_parse_values (data, size, display_name, &sink, &syntax_problem, error);
  if (doc != NULL)
    {
      dataset = rex_dataset_new ();
      reports = load_document (doc, dataset, display_name, &n_dropped);
      rex_json_document_free (doc);
    }
  rex_series_arena_free (arena);

  checksum = checksum_thread != NULL ? g_thread_join (checksum_thread) : NULL;

  if (doc == NULL || reports->len > 0)
    {
      g_free (checksum);
      if (doc != NULL)
        rex_loader_set_reports_error (reports, n_dropped, display_name, problems, error);
      else if (problems != NULL)
        g_ptr_array_add (*problems, syntax_problem);
      else
        rex_dataset_problem_free (syntax_problem);
      return NULL;
    }

  /* Only added to: nothing here can make a valid dataset invalid. */
  rex_dataset_apply_registry (dataset, FALSE);
  rex_dataset_derive (dataset);

  dataset->file_name = g_strdup (display_name);
  /* A small file is hashed when its checksum is first asked for (an
   * export's description), not while loading. */
  if (checksum != NULL)
    dataset->checksum = checksum;
  else
    dataset->checksum_source = g_bytes_ref (bytes);

  return g_steal_pointer (&dataset);
}

RexDataset *
rex_dataset_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GPtrArray    **problems,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = new_problem_array ();

  bytes = rex_read_data_file (file, FALSE, cancellable, problems, error);
  if (bytes == NULL)
    return NULL;

  display_name = g_file_get_basename (file);
  if (display_name == NULL)
    display_name = g_file_get_parse_name (file);

  /* new_from_bytes sets its own array. */
  if (problems != NULL)
    g_clear_pointer (problems, g_ptr_array_unref);

  /* A table is imported with the defaults an import dialog starts from. */
  if (rex_table_import_is_table_name (display_name))
    return rex_dataset_new_from_table (bytes, display_name, NULL, cancellable, problems, error);

  return rex_dataset_new_from_bytes (bytes, display_name, problems, error);
}

RexDataset *
rex_dataset_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  RexDataset *dataset;

  bytes = g_resources_lookup_data ("/io/github/regionexplorer/RegionExplorer/datasets/"
                                   "china-regional-development.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  dataset = rex_dataset_new_from_bytes (bytes, "china-regional-development.json", NULL, error);
  /* Hashed when the program was built. */
  if (dataset != NULL)
    {
      g_clear_pointer (&dataset->checksum_source, g_bytes_unref);
      g_free (dataset->checksum);
      dataset->checksum = g_strdup (REX_DEFAULT_DATASET_SHA256);
    }
  return dataset;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset;

  dataset = rex_dataset_new_from_file (file, cancellable, NULL, &error);
  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

void
rex_dataset_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rex_dataset_load_async);
  g_task_set_name (task, "[rex] load dataset");
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

RexDataset *
rex_dataset_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rex_dataset_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
