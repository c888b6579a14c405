/* rex-window-import.c — the window's ways of bringing in and keeping data
 * beyond Open: tables through the Import dialog, Add Data (a table or a
 * JSON dataset merged into the data on screen, differing values asked
 * about), Save Dataset As, and tables dropped on the window.
 *
 * Kept apart from rex-window.c: its state hangs off the window as object
 * data, and the window calls in at class_init, init and dispose.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-window-private.h"

#define STATE_KEY "rex-window-import"

typedef struct
{
  RexImportDialog *import_dialog;   /* weak */
  RexMergeDialog  *merge_dialog;    /* weak */
  RexDropDialog   *drop_dialog;     /* weak */
  GCancellable    *add_cancellable; /* a JSON dataset being read to add */
  GCancellable    *save_cancellable;
} State;

static State *
get_state (RexWindow *self)
{
  return g_object_get_data (G_OBJECT (self), STATE_KEY);
}

static void
close_weak (gpointer *dialog)
{
  if (*dialog != NULL)
    {
      GtkWindow *window = *dialog;

      g_object_remove_weak_pointer (G_OBJECT (window), dialog);
      *dialog = NULL;
      gtk_window_destroy (window);
    }
}

static void
set_weak (gpointer *slot,
          gpointer  dialog)
{
  close_weak (slot);
  *slot = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), slot);
}

static void
state_free (State *state)
{
  g_free (state);
}

gboolean
rex_window_file_is_table (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && rex_table_import_is_table_name (name);
}

/* --- adding --- */

/* Shows the merge at once when no value differs (*@conflicts empty). */
static void
merge_and_show (RexWindow      *self,
                RexDataset     *addition,
                const char     *name,
                RexMergePolicy  policy,
                GPtrArray     **conflicts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) merged = NULL;
  g_autofree char *message = NULL;

  merged = rex_dataset_merge (rex_window_get_dataset (self), addition, policy, conflicts, &error);
  if (merged == NULL)
    {
      /* Translators: "Could not add “gdp.csv”: metric gdp is in 亿元 here and in 万元 there" */
      message = g_strdup_printf (_("Could not add “%s”: %s"), name, error->message);
      rex_window_show_error (self, message);
      return;
    }
  if (conflicts != NULL && *conflicts != NULL && (*conflicts)->len > 0)
    return;
  rex_window_show_made_dataset (self, merged);
  /* Translators: notice after Add Data: "Added “gdp.csv”" */
  message = g_strdup_printf (_("Added “%s”"), name);
  rex_window_show_notice (self, message);
}

typedef struct
{
  RexWindow  *window;
  RexDataset *addition;
  char       *name;
} PendingMerge;

static void
pending_merge_free (PendingMerge *pending)
{
  g_object_unref (pending->addition);
  g_free (pending->name);
  g_free (pending);
}

static void
on_merge_chosen (RexMergeDialog *dialog,
                 GPtrArray      *choices,
                 PendingMerge   *pending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) merged = NULL;
  g_autofree char *message = NULL;

  /* Merged again with the answers, against the data on screen now. */
  merged = rex_dataset_merge_with_choices (rex_window_get_dataset (pending->window), pending->addition,
                                           REX_MERGE_KEEP_BASE, choices, NULL, &error);
  if (merged == NULL)
    {
      message = g_strdup_printf (_("Could not add “%s”: %s"), pending->name, error->message);
      rex_window_show_error (pending->window, message);
      return;
    }
  rex_window_show_made_dataset (pending->window, merged);
  message = g_strdup_printf (_("Added “%s”"), pending->name);
  rex_window_show_notice (pending->window, message);
}

void
rex_window_add_dataset (RexWindow  *self,
                        RexDataset *addition,
                        const char *name)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  RexMergeDialog *dialog;
  PendingMerge *pending;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (REX_IS_DATASET (addition));

  if (rex_window_get_dataset (self) == NULL)
    {
      rex_window_show_made_dataset (self, addition);
      return;
    }
  merge_and_show (self, addition, name, REX_MERGE_KEEP_BASE, &conflicts);
  if (conflicts == NULL || conflicts->len == 0)
    return;

  dialog = rex_merge_dialog_new (GTK_WINDOW (self), rex_window_get_dataset (self), name, conflicts);
  pending = g_new0 (PendingMerge, 1);
  pending->window = self;   /* the dialog is destroyed with the window */
  pending->addition = g_object_ref (addition);
  pending->name = g_strdup (name);
  g_signal_connect_data (dialog, "chosen", G_CALLBACK (on_merge_chosen), pending,
                         (GClosureNotify) (void (*) (void)) pending_merge_free, 0);
  set_weak ((gpointer *) &get_state (self)->merge_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_table_imported (RexImportDialog *dialog,
                   RexDataset      *dataset,
                   RexWindow       *self)
{
  g_autofree char *name = g_file_get_basename (rex_import_dialog_get_file (dialog));

  rex_window_add_recent (self, rex_import_dialog_get_file (dialog));
  if (rex_import_dialog_get_adding (dialog))
    rex_window_add_dataset (self, dataset, name);
  else
    rex_window_show_made_dataset (self, dataset);
}

RexImportDialog *
rex_window_import_table (RexWindow *self,
                         GFile     *file,
                         gboolean   add)
{
  RexImportDialog *dialog;

  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = rex_import_dialog_new (GTK_WINDOW (self), file, add);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_table_imported), self, 0);
  set_weak ((gpointer *) &get_state (self)->import_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
rex_window_open_user_file (RexWindow *self,
                           GFile     *file)
{
  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (rex_window_file_is_table (file))
    rex_window_import_table (self, file, FALSE);
  else
    rex_window_open_file (self, file);
}

static void
on_addition_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RexWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) addition = rex_dataset_load_finish (result, &error);
  State *state = get_state (self);

  if (state == NULL || g_task_get_cancellable (G_TASK (result)) != state->add_cancellable)
    return;
  g_clear_object (&state->add_cancellable);
  if (addition == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rex_window_show_error (self, error->message);
      return;
    }
  rex_window_add_dataset (self, addition, rex_dataset_get_file_name (addition));
}

void
rex_window_add_file (RexWindow *self,
                     GFile     *file)
{
  State *state;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (rex_window_file_is_table (file))
    {
      rex_window_import_table (self, file, TRUE);
      return;
    }
  state = get_state (self);
  if (state->add_cancellable != NULL)
    g_cancellable_cancel (state->add_cancellable);
  g_set_object (&state->add_cancellable, g_cancellable_new ());
  rex_dataset_load_async (file, state->add_cancellable, on_addition_loaded, g_object_ref (self));
}

gboolean
rex_window_is_adding (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), FALSE);
  return get_state (self)->add_cancellable != NULL;
}

/* --- saving --- */

typedef struct
{
  RexDataset *dataset;
  GFile      *file;
  gboolean    csv;       /* every value as a long CSV table, not the dataset */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->dataset);
  g_object_unref (data->file);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  /* Written to a temporary file and renamed over the old one: a failed
   * save leaves what was there. */
  if (data->csv ? rex_export_dataset_csv (data->dataset, data->file, cancellable, &error)
                : rex_dataset_save_to_file (data->dataset, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RexWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  State *state = get_state (self);
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *message = NULL;

  if (state == NULL || g_task_get_cancellable (G_TASK (result)) != state->save_cancellable)
    return;
  g_clear_object (&state->save_cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: "Could not save “data.json”: Permission denied" */
          message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
          rex_window_show_error (self, message);
        }
      return;
    }
  if (data->csv)
    {
      /* Open and Show in Folder take the table to a spreadsheet. */
      message = g_strdup_printf (_("Exported “%s”"), name);
      rex_window_show_file_notice (self, message, data->file);
      return;
    }
  /* Translators: notice after Save Dataset As: "Saved “data.json”" */
  message = g_strdup_printf (_("Saved “%s”"), name);
  rex_window_show_notice (self, message);
}

/* Writes the dataset on screen to @file, as CSV with @csv, in a worker
 * thread; a save in progress is cancelled. */
static void
save (RexWindow *self,
      GFile     *file,
      gboolean   csv)
{
  State *state;
  SaveData *data;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (rex_window_get_dataset (self) == NULL)
    return;
  state = get_state (self);
  if (state->save_cancellable != NULL)
    g_cancellable_cancel (state->save_cancellable);
  g_set_object (&state->save_cancellable, g_cancellable_new ());
  data = g_new0 (SaveData, 1);
  data->dataset = g_object_ref (rex_window_get_dataset (self));
  data->file = g_object_ref (file);
  data->csv = csv;
  task = g_task_new (NULL, state->save_cancellable, on_saved, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

void
rex_window_save_dataset (RexWindow *self,
                         GFile     *file)
{
  save (self, file, FALSE);
}

void
rex_window_export_data (RexWindow *self,
                        GFile     *file)
{
  save (self, file, TRUE);
}

gboolean
rex_window_is_saving (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), FALSE);
  return get_state (self)->save_cancellable != NULL;
}

/* --- dropping --- */

static void
on_drop_chosen (RexDropDialog *dialog,
                gboolean       add,
                RexWindow     *self)
{
  rex_window_import_table (self, rex_drop_dialog_get_file (dialog), add);
}

void
rex_window_drop_file (RexWindow *self,
                      GFile     *file)
{
  RexDropDialog *dialog;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!rex_window_file_is_table (file))
    {
      rex_window_open_file (self, file);
      return;
    }
  dialog = rex_drop_dialog_new (GTK_WINDOW (self), file);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_drop_chosen), self, 0);
  set_weak ((gpointer *) &get_state (self)->drop_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

RexImportDialog *
rex_window_get_import_dialog (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return get_state (self)->import_dialog;
}

RexMergeDialog *
rex_window_get_merge_dialog (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return get_state (self)->merge_dialog;
}

RexDropDialog *
rex_window_get_drop_dialog (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return get_state (self)->drop_dialog;
}

/* --- actions --- */

static void
add_data_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  rex_window_choose_file (REX_WINDOW (widget), _("Add Data"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"),
                          REX_FILE_FILTER_DATASETS_AND_TABLES | REX_FILE_FILTER_JSON | REX_FILE_FILTER_TABLES
                          | REX_FILE_FILTER_ALL,
                          NULL, rex_window_add_file);
}

/* Save Dataset As (win.save-as) and Export Data as CSV (win.export-data):
 * a save chooser for the dataset on screen, suggesting its title. Export
 * Data writes every value, with its source, as a CSV table for a
 * spreadsheet, R or pandas. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  RexDataset *dataset = rex_window_get_dataset (self);
  gboolean csv = g_str_equal (action_name, "win.export-data");
  g_autofree char *name = NULL;

  if (dataset == NULL)
    return;
  name = g_strconcat (rex_dataset_get_display_title (dataset), csv ? ".csv" : ".json", NULL);
  g_strdelimit (name, "/\\", '-');
  if (csv)
    rex_window_choose_file (self, _("Export Data as CSV"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                            REX_FILE_FILTER_CSV, name, rex_window_export_data);
  else
    rex_window_choose_file (self, _("Save Dataset"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                            REX_FILE_FILTER_JSON, name, rex_window_save_dataset);
}

/* --- the window's hooks --- */

void
rex_window_import_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (REX_TYPE_IMPORT_DIALOG);
  gtk_widget_class_install_action (widget_class, "win.add-data", NULL, add_data_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.export-data", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-data", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}

void
rex_window_import_init (RexWindow *self)
{
  g_object_set_data_full (G_OBJECT (self), STATE_KEY, g_new0 (State, 1), (GDestroyNotify) state_free);
}

void
rex_window_import_dispose (RexWindow *self)
{
  State *state = get_state (self);

  if (state == NULL)
    return;
  close_weak ((gpointer *) &state->import_dialog);
  close_weak ((gpointer *) &state->merge_dialog);
  close_weak ((gpointer *) &state->drop_dialog);
  if (state->add_cancellable != NULL)
    g_cancellable_cancel (state->add_cancellable);
  g_clear_object (&state->add_cancellable);
  if (state->save_cancellable != NULL)
    g_cancellable_cancel (state->save_cancellable);
  g_clear_object (&state->save_cancellable);
}
