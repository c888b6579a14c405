/* rex-table-import.c — reads CSV and TSV tables of statistics, and Excel
 * workbooks, into a dataset.
 *
 * The work is in four steps, each bounded so that a hostile file ends in a
 * message rather than a crash or a hang:
 *
 *   decode    UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 *             else GB18030 when they decode as that; the result says which.
 *             A workbook's sheet is written out as the text of a CSV table.
 *   split     RFC 4180 cells (quotes, doubled quotes, line breaks in
 *             quotes, CRLF) as offsets into the decoded text, not strings;
 *             '#' lines kept as comments.
 *   read      the statistics database's header and footer lines, the shape
 *             (regions in rows, years in rows, long), region labels through
 *             the registry, years and numbers.
 *   build     a RexDataset, completed like any other (registry, groups,
 *             derived values).
 *
 * Every row the import cannot place is reported with its line and column;
 * nothing is dropped silently.
 *
 * The object, its options and progress, the steps in order and the public
 * API are here; the steps are in rex-table-import-text.c (decode, split),
 * -workbook.c (a workbook's sheet as text, from rex-zip.c's archive),
 * -values.c and -metrics.c (years, numbers, header and footer lines,
 * metrics), -regions.c (region labels), -shapes.c (read) and -build.c
 * (build), around rex-table-import-private.h.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

struct _RexTableProgress
{
  GMutex                mutex;
  RexTableProgressUnit  unit;
  guint64               done;
  guint64               total;
};

G_DEFINE_FINAL_TYPE (RexTableImport, rex_table_import, G_TYPE_OBJECT)

/* Progress */

RexTableProgress *
rex_table_progress_new (void)
{
  RexTableProgress *progress = g_atomic_rc_box_new0 (RexTableProgress);

  g_mutex_init (&progress->mutex);
  return progress;
}

RexTableProgress *
rex_table_progress_ref (RexTableProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);
  return g_atomic_rc_box_acquire (progress);
}

static void
progress_clear (RexTableProgress *progress)
{
  g_mutex_clear (&progress->mutex);
}

void
rex_table_progress_unref (RexTableProgress *progress)
{
  g_return_if_fail (progress != NULL);
  g_atomic_rc_box_release_full (progress, (GDestroyNotify) progress_clear);
}

void
rex_table_progress_get (RexTableProgress     *progress,
                        RexTableProgressUnit *unit,
                        guint64              *done,
                        guint64              *total)
{
  g_return_if_fail (progress != NULL);

  g_mutex_lock (&progress->mutex);
  if (unit != NULL)
    *unit = progress->unit;
  if (done != NULL)
    *done = progress->done;
  if (total != NULL)
    *total = progress->total;
  g_mutex_unlock (&progress->mutex);
}

/* Called every few thousand rows: cheap next to reading them. */
void
rex_table_import_report_progress (RexTableImport       *self,
                                  RexTableProgressUnit  unit,
                                  guint64               done,
                                  guint64               total)
{
  if (self->progress == NULL)
    return;
  g_mutex_lock (&self->progress->mutex);
  self->progress->unit = unit;
  self->progress->done = done;
  self->progress->total = total;
  g_mutex_unlock (&self->progress->mutex);
}

/* Options */

RexTableImportOptions *
rex_table_import_options_new (void)
{
  RexTableImportOptions *options = g_new0 (RexTableImportOptions, 1);

  options->metric.percent = -1;
  options->metric.combine = -1;
  return options;
}

static void
metric_options_copy (RexTableMetricOptions       *copy,
                     const RexTableMetricOptions *options)
{
  *copy = *options;
  copy->id = g_strdup (options->id);
  copy->name = g_strdup (options->name);
  copy->name_zh = g_strdup (options->name_zh);
  copy->unit = g_strdup (options->unit);
  copy->weight_id = g_strdup (options->weight_id);
}

static void
metric_options_clear (RexTableMetricOptions *options)
{
  g_free (options->id);
  g_free (options->name);
  g_free (options->name_zh);
  g_free (options->unit);
  g_free (options->weight_id);
}

static void
metric_options_free (gpointer data)
{
  metric_options_clear (data);
  g_free (data);
}

RexTableMetricOptions *
rex_table_import_options_get_metric (RexTableImportOptions *options,
                                     const char            *label)
{
  RexTableMetricOptions *metric;

  g_return_val_if_fail (options != NULL, NULL);

  if (label == NULL)
    return &options->metric;
  if (options->metrics == NULL)
    options->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, metric_options_free);
  metric = g_hash_table_lookup (options->metrics, label);
  if (metric == NULL)
    {
      metric = g_new0 (RexTableMetricOptions, 1);
      metric->percent = -1;
      metric->combine = -1;
      g_hash_table_insert (options->metrics, g_strdup (label), metric);
    }
  return metric;
}

RexTableImportOptions *
rex_table_import_options_copy (const RexTableImportOptions *options)
{
  RexTableImportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->encoding = g_strdup (options->encoding);
  copy->sheet = g_strdup (options->sheet);
  metric_options_copy (&copy->metric, &options->metric);
  copy->metrics = NULL;
  if (options->metrics != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, options->metrics);
      while (g_hash_table_iter_next (&iter, &key, &value))
        metric_options_copy (rex_table_import_options_get_metric (copy, key), value);
    }
  copy->publisher = g_strdup (options->publisher);
  copy->source_title = g_strdup (options->source_title);
  copy->source_date = g_strdup (options->source_date);
  copy->source_url = g_strdup (options->source_url);
  copy->region_map = NULL;
  if (options->region_map != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, options->region_map);
      while (g_hash_table_iter_next (&iter, &key, &value))
        rex_table_import_options_map_region (copy, key, value);
    }
  return copy;
}

void
rex_table_import_options_free (RexTableImportOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->encoding);
  g_free (options->sheet);
  metric_options_clear (&options->metric);
  g_clear_pointer (&options->metrics, g_hash_table_unref);
  g_free (options->publisher);
  g_free (options->source_title);
  g_free (options->source_date);
  g_free (options->source_url);
  g_clear_pointer (&options->region_map, g_hash_table_unref);
  g_free (options);
}

void
rex_table_import_options_map_region (RexTableImportOptions *options,
                                     const char            *label,
                                     const char            *region_id)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (label != NULL && region_id != NULL);

  if (options->region_map == NULL)
    options->region_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (options->region_map, g_strdup (label), g_strdup (region_id));
}

/* Object */

void
rex_table_import_region_info_free (RegionInfo *info)
{
  g_free (info->id);
  g_free (info->name);
  g_free (info->name_zh);
  g_free (info->parent_id);
  g_free (info);
}

static void
metric_info_free (MetricInfo *info)
{
  g_free (info->label);
  g_free (info->id);
  g_free (info->name);
  g_free (info->name_zh);
  g_free (info->unit);
  g_free (info->weight_id);
  g_free (info);
}

static void
pending_free (Pending *pending)
{
  g_free (pending->points_.data);
  g_free (pending);
}

static void
table_region_free (RexTableRegion *region)
{
  g_free (region->label);
  g_free (region->region_id);
  g_strfreev (region->suggestions);
  g_free (region);
}

static void
rex_table_import_finalize (GObject *object)
{
  RexTableImport *self = (RexTableImport *) object;

  g_free (self->display_name);
  g_free (self->encoding);
  g_strfreev (self->sheet_names);
  g_free (self->text);
  g_string_free (self->arena, TRUE);
  g_array_unref (self->cells);
  g_array_unref (self->rows);
  g_array_unref (self->comments);
  g_free (self->database);
  g_free (self->header_metric);
  g_free (self->header_unit);
  g_free (self->publisher);
  g_free (self->title_line);
  g_free (self->header_region);
  g_string_free (self->note, TRUE);
  g_ptr_array_unref (self->metrics);
  g_ptr_array_unref (self->region_infos);
  g_hash_table_unref (self->region_by_id);
  g_hash_table_unref (self->label_cache);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->source_names);
  g_ptr_array_unref (self->regions);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  g_array_unref (self->column_status);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (rex_table_import_parent_class)->finalize (object);
}

static void
rex_table_import_class_init (RexTableImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rex_table_import_finalize;
}

static void
rex_table_import_init (RexTableImport *self)
{
  self->arena = g_string_new (NULL);
  self->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->comments = g_array_new (FALSE, FALSE, sizeof (Comment));
  self->note = g_string_new (NULL);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) metric_info_free);
  self->region_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_table_import_region_info_free);
  self->region_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->label_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->source_names = g_ptr_array_new_with_free_func (g_free);
  self->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) table_region_free);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);
  self->column_status = g_array_new (FALSE, TRUE, sizeof (guint8));
}


static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const RexDatasetProblem *pa = *(RexDatasetProblem **) a;
  const RexDatasetProblem *pb = *(RexDatasetProblem **) b;
  guint64 ka = pa->line > 0 ? ((guint64) pa->line << 32) | (guint) pa->column : G_MAXUINT64;
  guint64 kb = pb->line > 0 ? ((guint64) pb->line << 32) | (guint) pb->column : G_MAXUINT64;

  return (ka > kb) - (ka < kb);
}

static RexTableImport *
import_new (GBytes                      *bytes,
            const char                  *display_name,
            const RexTableImportOptions *options,
            RexTableProgress            *progress,
            GCancellable                *cancellable,
            GError                     **error)
{
  g_autoptr(RexTableImport) self = NULL;
  g_autoptr(RexTableImportOptions) defaults = NULL;
  g_autoptr(GHashTable) by_pair = NULL;
  const char *data;
  gsize size;
  guint first, last;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = defaults = rex_table_import_options_new ();

  self = g_object_new (REX_TYPE_TABLE_IMPORT, NULL);
  self->display_name = g_strdup (display_name);
  self->options = options;
  self->cancellable = cancellable;
  self->progress = progress;

  data = g_bytes_get_data (bytes, &size);
  if (size > REX_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: the file is %.1f MiB; the limit is %d MiB"), display_name,
                   size / (1024.0 * 1024.0), REX_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (size == 0 || data == NULL)
    data = "";

  if (!rex_table_import_read_text (self, data, size, error) || !rex_table_import_split (self, error))
    return NULL;

  rex_table_import_read_meta (self, &first, &last);
  rex_table_import_find_context_province (self);
  if (first >= last)
    {
      rex_table_import_add_problem (self, TRUE, 0, 0, _("the file holds no table: no row with a region and values"));
      self->shape = options->shape;
      goto done;
    }

  rex_table_import_join_header_rows (self, &first, last);
  self->shape = options->shape != REX_TABLE_SHAPE_AUTO ? options->shape
                                                       : rex_table_import_detect_shape (self, first, last);
  by_pair = g_hash_table_new (rex_table_import_pair_hash, g_int64_equal);
  switch (self->shape)
    {
    case REX_TABLE_SHAPE_YEARS_IN_ROWS:
      rex_table_import_read_years_in_rows (self, first, last, by_pair);
      break;
    case REX_TABLE_SHAPE_LONG:
      rex_table_import_read_long (self, first, last, by_pair);
      break;
    case REX_TABLE_SHAPE_AUTO:
    case REX_TABLE_SHAPE_REGIONS_IN_ROWS:
    default:
      self->shape = REX_TABLE_SHAPE_REGIONS_IN_ROWS;
      rex_table_import_read_regions_in_rows (self, first, last, by_pair);
      break;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  rex_table_import_report_progress (self, REX_TABLE_PROGRESS_ROWS, last - first - 1, last - first - 1);

  if (self->metrics->len > REX_DATASET_MAX_METRICS || self->region_infos->len > REX_DATASET_MAX_REGIONS)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: %u metrics and %u regions; the limits are %d and %d"), display_name,
                   self->metrics->len, self->region_infos->len,
                   REX_DATASET_MAX_METRICS, REX_DATASET_MAX_REGIONS);
      return NULL;
    }

  if (self->metrics->len == 0 && self->errors->len == 0)
    rex_table_import_add_problem (self, TRUE, 0, 0, _("the table has no values"));
  rex_table_import_unit_from_cells (self);
  rex_table_import_apply_metric_options (self);
  rex_table_import_check_values (self);
  if (self->metrics->len > 0)
    rex_table_import_build_dataset (self, bytes);

done:
  if (self->n_dropped > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more problem", "… and %u more problems",
                                                         self->n_dropped), self->n_dropped);

      g_ptr_array_add (self->errors->len > 0 ? self->errors : self->warnings,
                       rex_dataset_problem_new (display_name, 0, 0, "", more));
    }
  g_ptr_array_sort (self->errors, compare_problems);
  g_ptr_array_sort (self->warnings, compare_problems);
  if (self->errors->len > 0)
    g_clear_object (&self->dataset);

  self->options = NULL;
  self->cancellable = NULL;
  self->progress = NULL;
  return g_steal_pointer (&self);
}

RexTableImport *
rex_table_import_new (GBytes                      *bytes,
                      const char                  *display_name,
                      const RexTableImportOptions *options,
                      GCancellable                *cancellable,
                      GError                     **error)
{
  return import_new (bytes, display_name, options, NULL, cancellable, error);
}

static RexTableImport *
import_file (GFile                       *file,
             const RexTableImportOptions *options,
             RexTableProgress            *progress,
             GCancellable                *cancellable,
             GError                     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = rex_read_data_file (file, TRUE, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_basename (file);
  return import_new (bytes, name != NULL ? name : "table", options, progress, cancellable, error);
}

RexTableImport *
rex_table_import_new_from_file (GFile                       *file,
                                const RexTableImportOptions *options,
                                GCancellable                *cancellable,
                                GError                     **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return import_file (file, options, NULL, cancellable, error);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "rex-file");
  RexTableProgress *progress = g_object_get_data (G_OBJECT (task), "rex-progress");
  GError *error = NULL;
  RexTableImport *result = import_file (file, task_data, progress, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
rex_table_import_file_async (GFile                       *file,
                             const RexTableImportOptions *options,
                             RexTableProgress            *progress,
                             GCancellable                *cancellable,
                             GAsyncReadyCallback          callback,
                             gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rex_table_import_file_async);
  g_task_set_name (task, "[rex] import table");
  g_task_set_task_data (task, options != NULL ? rex_table_import_options_copy (options)
                                              : rex_table_import_options_new (),
                        (GDestroyNotify) rex_table_import_options_free);
  g_object_set_data_full (G_OBJECT (task), "rex-file", g_object_ref (file), g_object_unref);
  if (progress != NULL)
    g_object_set_data_full (G_OBJECT (task), "rex-progress", rex_table_progress_ref (progress),
                            (GDestroyNotify) rex_table_progress_unref);
  g_task_run_in_thread (task, import_in_thread);
}

RexTableImport *
rex_table_import_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rex_table_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

RexDataset *
rex_dataset_new_from_table (GBytes                      *bytes,
                            const char                  *display_name,
                            const RexTableImportOptions *options,
                            GCancellable                *cancellable,
                            GPtrArray                  **problems,
                            GError                     **error)
{
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(GError) local_error = NULL;

  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);

  import = rex_table_import_new (bytes, display_name, options, cancellable, &local_error);
  if (import == NULL)
    {
      if (problems != NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_ptr_array_add (*problems, rex_dataset_problem_new ("", 0, 0, "", local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (import->dataset != NULL)
    return g_object_ref (import->dataset);

  {
    g_autofree char *first = rex_dataset_problem_to_string (import->errors->pdata[0]);

    g_set_error_literal (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID, first);
  }
  if (problems != NULL)
    {
      for (guint i = 0; i < import->errors->len; i++)
        {
          RexDatasetProblem *p = import->errors->pdata[i];

          g_ptr_array_add (*problems, rex_dataset_problem_new (p->file, p->line, p->column, p->path, p->message));
        }
      for (guint i = 0; i < import->warnings->len; i++)
        {
          RexDatasetProblem *p = import->warnings->pdata[i];
          g_autofree char *message = g_strdup_printf (_("warning: %s"), p->message);

          g_ptr_array_add (*problems, rex_dataset_problem_new (p->file, p->line, p->column, p->path, message));
        }
    }
  return NULL;
}

gboolean
rex_table_import_is_table_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv")
         || g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xls")
         || g_str_has_suffix (lower, ".ods");
}

/* Getters */

const char *
rex_table_import_get_display_name (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->display_name;
}

const char *
rex_table_import_get_encoding (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->encoding;
}

gboolean
rex_table_import_get_encoding_detected (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return self->encoding_detected;
}

char
rex_table_import_get_delimiter (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), ',');
  return self->delimiter;
}

const char *
rex_table_import_get_sheet (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->sheet_names != NULL ? self->sheet_names[self->sheet_number - 1] : NULL;
}

guint
rex_table_import_get_sheet_number (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  return self->sheet_number;
}

const char * const *
rex_table_import_get_sheet_names (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return (const char * const *) self->sheet_names;
}

guint
rex_table_import_get_n_sheets (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  return self->sheet_names != NULL ? g_strv_length (self->sheet_names) : 0;
}

RexTableShape
rex_table_import_get_shape (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), REX_TABLE_SHAPE_AUTO);
  return self->shape;
}

gboolean
rex_table_import_get_metric_columns (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return self->metric_columns;
}

const char *
rex_table_import_shape_to_string (RexTableShape shape)
{
  switch (shape)
    {
    case REX_TABLE_SHAPE_REGIONS_IN_ROWS:
      return "regions-in-rows";
    case REX_TABLE_SHAPE_YEARS_IN_ROWS:
      return "years-in-rows";
    case REX_TABLE_SHAPE_LONG:
      return "long";
    case REX_TABLE_SHAPE_AUTO:
    default:
      return "auto";
    }
}

char *
rex_table_import_get_text (RexTableImport *self,
                           gsize           max_bytes)
{
  const char *end;

  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);

  if (max_bytes >= self->text_len)
    return g_strndup (self->text, self->text_len);
  end = g_utf8_find_prev_char (self->text, self->text + max_bytes + 1);
  if (end == NULL)
    end = self->text;
  return g_strndup (self->text, end - self->text);
}

guint
rex_table_import_get_n_rows (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  return self->rows->len;
}

guint
rex_table_import_get_n_cells (RexTableImport *self,
                              guint           row)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  if (row >= self->rows->len)
    return 0;
  return g_array_index (self->rows, Row, row).n;
}

char *
rex_table_import_dup_cell (RexTableImport *self,
                           guint           row,
                           guint           column)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  if (row >= self->rows->len || column >= g_array_index (self->rows, Row, row).n)
    return NULL;
  return rex_table_import_cell_dup (self, row, column);
}

int
rex_table_import_get_row_line (RexTableImport *self,
                               guint           row)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  if (row >= self->rows->len)
    return 0;
  return g_array_index (self->rows, Row, row).line;
}

static MetricInfo *
metric_at (RexTableImport *self,
           guint           metric)
{
  return metric < self->metrics->len ? self->metrics->pdata[metric] : NULL;
}

guint
rex_table_import_get_n_metrics (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  return self->metrics->len;
}

const char *
rex_table_import_get_metric_label (RexTableImport *self,
                                   guint           metric)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return metric_at (self, metric) != NULL ? metric_at (self, metric)->label : NULL;
}

const char *
rex_table_import_get_metric_id (RexTableImport *self,
                                guint           metric)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return metric_at (self, metric) != NULL ? metric_at (self, metric)->id : NULL;
}

const char *
rex_table_import_get_metric_name (RexTableImport *self,
                                  guint           metric)
{
  MetricInfo *info;

  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  info = metric_at (self, metric);
  return info != NULL ? info->name : NULL;
}

const char *
rex_table_import_get_metric_name_zh (RexTableImport *self,
                                     guint           metric)
{
  MetricInfo *info;

  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  info = metric_at (self, metric);
  return info != NULL ? info->name_zh : NULL;
}

const char *
rex_table_import_get_unit (RexTableImport *self,
                           guint           metric)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return metric_at (self, metric) != NULL ? metric_at (self, metric)->unit : NULL;
}

gboolean
rex_table_import_get_percent (RexTableImport *self,
                              guint           metric)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return metric_at (self, metric) != NULL && metric_at (self, metric)->percent;
}

RexCombine
rex_table_import_get_combine (RexTableImport *self,
                              guint           metric)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), REX_COMBINE_NONE);
  return metric_at (self, metric) != NULL ? metric_at (self, metric)->combine : REX_COMBINE_NONE;
}

const char *
rex_table_import_get_publisher (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->publisher;
}

char *
rex_table_import_dup_title (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);

  if (self->database != NULL && self->header_metric != NULL)
    return g_strdup_printf ("%s: %s", self->database, self->header_metric);
  return g_strdup (self->header_metric != NULL ? self->header_metric
                   : self->title_line != NULL ? self->title_line
                   : self->database != NULL ? self->database : self->display_name);
}

gboolean
rex_table_import_get_looks_like_fractions (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return self->looks_like_fractions;
}

GPtrArray *
rex_table_import_get_regions (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->regions;
}

guint
rex_table_import_count_regions (RexTableImport *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);

  for (guint i = 0; i < self->regions->len; i++)
    {
      const RexTableRegion *region = self->regions->pdata[i];

      if (region->region_id != NULL)
        g_hash_table_add (ids, region->region_id);
    }
  return g_hash_table_size (ids);
}

GPtrArray *
rex_table_import_get_errors (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->errors;
}

GPtrArray *
rex_table_import_get_warnings (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->warnings;
}

RexDataset *
rex_table_import_get_dataset (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->dataset;
}
