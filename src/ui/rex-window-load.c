/* rex-window-load.c — opening files in the window: datasets loaded in a
 * worker thread (cancellable, the latest load winning), exported charts
 * re-opened from the spec they carry, the Open and Open Bundled actions,
 * files dropped on the window, and the file chooser that Open, Add Data
 * and Save Dataset As share.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rex-window-private.h"

static void
set_loading (RexWindow *self,
             gboolean   loading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
}

static guint release_memory_source;

static gboolean
release_free_memory (gpointer data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  release_memory_source = 0;
  return G_SOURCE_REMOVE;
}

/* A load leaves the memory of its parse freed in the arena of the worker
 * thread that made it, and a replaced dataset's in the main one; glibc keeps
 * such memory resident (hundreds of megabytes after a few large files) until
 * told to give it back. Done once the window is idle, once for many loads. */
static void
queue_release_free_memory (void)
{
  if (release_memory_source == 0)
    release_memory_source = g_idle_add_full (G_PRIORITY_LOW, release_free_memory, NULL, NULL);
}

/* Only the latest load counts: FALSE for one replaced or cancelled, which is
 * dropped; otherwise the window leaves its loading state. */
static gboolean
load_finished (RexWindow    *self,
               GAsyncResult *result)
{
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return FALSE;
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);
  return TRUE;
}

/* Shows @dataset and remembers @uri (NULL for data with no file of its own)
 * as the dataset to open next time. */
static void
show_dataset (RexWindow  *self,
              RexDataset *dataset,
              const char *uri)
{
  rex_window_show_error (self, NULL);
  rex_window_set_dataset (self, dataset);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-dataset", uri ? uri : "");
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RexWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_load_finish (result, &error);
  g_autofree char *loaded_uri = NULL;

  queue_release_free_memory ();
  if (!load_finished (self, result))
    return;

  if (dataset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *uri = self->loading_file ? g_file_get_uri (self->loading_file) : NULL;
          g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-dataset") : NULL;

          rex_window_show_error (self, error->message);
          /* A remembered file that no longer loads is not tried again. */
          if (uri != NULL && g_strcmp0 (uri, last) == 0)
            g_settings_set_string (self->settings, "last-dataset", "");
        }
      return;
    }
  loaded_uri = self->loading_file ? g_file_get_uri (self->loading_file) : NULL;
  show_dataset (self, dataset, loaded_uri);
  rex_window_add_recent (self, self->loading_file);
}

void
rex_window_show_made_dataset (RexWindow  *self,
                              RexDataset *dataset)
{
  g_return_if_fail (REX_IS_WINDOW (self));

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);
  show_dataset (self, dataset, NULL);
}

/* --- exported charts re-opened --- */

static void
read_spec_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  RexExportMetadata *metadata = rex_export_read_metadata (task_data, cancellable, &error);

  if (metadata == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, metadata, (GDestroyNotify) rex_export_metadata_free);
}

static void
on_spec_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RexWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexExportMetadata) metadata = g_task_propagate_pointer (G_TASK (result), &error);

  if (!load_finished (self, result))
    return;

  if (metadata == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rex_window_show_error (self, error->message);
      return;
    }
  rex_window_show_error (self, NULL);
  rex_window_show_spec (self, metadata->spec);
  if (metadata->dataset_checksum != NULL && self->dataset != NULL
      && g_strcmp0 (metadata->dataset_checksum, rex_dataset_get_checksum (self->dataset)) != 0)
    {
      g_autofree char *message = NULL;
      /* Translators: the re-opened chart was made from other data */
      message = g_strdup_printf (_("This chart was made from “%s”; it is shown with the data open now, “%s”."),
                                 metadata->dataset_title ? metadata->dataset_title : _("another dataset"),
                                 rex_dataset_get_display_title (self->dataset));
      rex_window_show_file_notice (self, message, NULL);
    }
}

static gboolean
is_exported_chart (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg")
                           || g_str_has_suffix (lower, ".pdf"));
}

void
rex_window_open_file (RexWindow *self,
                      GFile     *file)
{
  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_set_object (&self->load_cancellable, g_cancellable_new ());
  g_set_object (&self->loading_file, file);
  set_loading (self, TRUE);

  /* A chart exported by the app carries its spec: re-open it as that view. */
  if (is_exported_chart (file))
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->load_cancellable, on_spec_read, g_object_ref (self));
      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, read_spec_thread);
      return;
    }
  rex_dataset_load_async (file, self->load_cancellable, on_load_done, g_object_ref (self));
}

const char *
rex_window_get_error (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return self->error_message;
}

gboolean
rex_window_is_loading (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

typedef struct
{
  RexWindow          *window;
  RexWindowFileFunc   func;
} FileChoice;

static void
file_choice_free (gpointer  choice,
                  GClosure *closure)
{
  g_free (choice);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                FileChoice      *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        choice->func (choice->window, file);
    }
  /* Frees @choice too, with the handler. */
  g_object_unref (dialog);
}

/* The filters of the window's choosers, in RexFileFilters' order; a
 * filter with neither MIME types nor suffixes lets every file through. */
static const struct
{
  const char        *name;
  const char * const mime_types[6];
  const char * const suffixes[7];
} file_filters[] = {
  { N_("Datasets and tables"), { NULL }, { "json", "csv", "tsv", "xlsx", "xls", "ods", NULL } },
  { N_("JSON datasets"), { "application/json", NULL }, { "json", NULL } },
  /* Tables are read through the Import dialog. */
  { N_("Statistics tables (CSV, TSV, Excel, OpenDocument)"),
    { "text/csv", "text/tab-separated-values", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-excel", "application/vnd.oasis.opendocument.spreadsheet", NULL },
    { "csv", "tsv", "xlsx", "xls", "ods", NULL } },
  { N_("Charts exported by Region Explorer"), { "image/png", "image/svg+xml", NULL }, { "png", "svg", NULL } },
  { N_("All files"), { NULL }, { NULL } },
  { N_("CSV tables"), { "text/csv", NULL }, { "csv", NULL } },
};

static void
add_file_filter (GtkFileChooser *chooser,
                 guint           i)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _(file_filters[i].name));
  for (guint j = 0; file_filters[i].mime_types[j] != NULL; j++)
    gtk_file_filter_add_mime_type (filter, file_filters[i].mime_types[j]);
  for (guint j = 0; file_filters[i].suffixes[j] != NULL; j++)
    gtk_file_filter_add_suffix (filter, file_filters[i].suffixes[j]);
  if (file_filters[i].mime_types[0] == NULL && file_filters[i].suffixes[0] == NULL)
    gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * rex_window_choose_file:
 * @title: the chooser's title
 * @action: open or save
 * @accept_label: the label of its accept button, with a mnemonic
 * @filters: the filters it offers, in RexFileFilters' order
 * @name: (nullable): the name a save chooser suggests
 * @func: called with the chosen file when the person accepts
 *
 * Shows a file chooser (the portal's in a sandbox), modal over the
 * window; it is freed when it answers.
 */
void
rex_window_choose_file (RexWindow            *self,
                        const char           *title,
                        GtkFileChooserAction  action,
                        const char           *accept_label,
                        RexFileFilters        filters,
                        const char           *name,
                        RexWindowFileFunc     func)
{
  GtkFileChooserNative *dialog;
  FileChoice *choice = g_new0 (FileChoice, 1);

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (file_filters); i++)
    if (filters & (1u << i))
      add_file_filter (GTK_FILE_CHOOSER (dialog), i);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  choice->window = self;
  choice->func = func;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_file_chosen), choice, file_choice_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rex_window_choose_file (REX_WINDOW (widget), _("Open Dataset"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                          REX_FILE_FILTER_JSON | REX_FILE_FILTER_TABLES | REX_FILE_FILTER_CHARTS
                          | REX_FILE_FILTER_ALL,
                          NULL, rex_window_open_user_file);
}

static void
open_bundled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);

  if (dataset == NULL)
    {
      rex_window_show_error (self, error->message);
      return;
    }
  show_dataset (self, dataset, NULL);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);
}

gboolean
rex_window_on_drop (GtkDropTarget *target,
                    const GValue  *value,
                    double         x,
                    double         y,
                    RexWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  rex_window_drop_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

void
rex_window_load_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
}
