/* rex-window-export.c — the window's export flow: the Export dialog,
 * Export Again with the last settings (remembered across runs), Copy Chart,
 * Print, and the notice's Open and Show in Folder for the file just written.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-chart-view.h"
#include "rex-export-dialog.h"
#include "rex-print-operation.h"
#include "rex-window-private.h"

static RexExportSettings *
saved_export_settings (RexWindow *self)
{
  RexExportSettings *settings;
  g_autofree char *format = NULL;

  if (self->last_export != NULL)
    return rex_export_settings_copy (self->last_export);
  settings = rex_export_settings_new ();
  if (self->settings != NULL)
    {
      settings->width = CLAMP (g_settings_get_int (self->settings, "export-width"), 16, 16384);
      settings->height = CLAMP (g_settings_get_int (self->settings, "export-height"), 16, 16384);
      settings->scale = CLAMP (g_settings_get_int (self->settings, "export-scale"), 1, 3);
      format = g_settings_get_string (self->settings, "export-format");
      for (RexExportFormat f = 0; f < REX_EXPORT_FORMAT_LAST; f++)
        if (g_strcmp0 (format, rex_export_format_to_string (f)) == 0)
          settings->format = f;
    }
  return settings;
}

static void
remember_export (RexWindow               *self,
                 const RexExportSettings *settings,
                 GFile                   *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  g_clear_pointer (&self->last_export, rex_export_settings_free);
  self->last_export = rex_export_settings_copy (settings);
  if (self->settings != NULL)
    {
      g_settings_set_int (self->settings, "export-width", settings->width);
      g_settings_set_int (self->settings, "export-height", settings->height);
      g_settings_set_int (self->settings, "export-scale", settings->scale);
      g_settings_set_string (self->settings, "export-format", rex_export_format_to_string (settings->format));
    }
  /* Translators: notice after an export: "Exported “GDP.png”" */
  message = g_strdup_printf (_("Exported “%s”"), name);
  rex_window_show_file_notice (self, message, file);
}

static void
on_exported (RexExportDialog         *dialog,
             GFile                   *file,
             const RexExportSettings *settings,
             RexWindow               *self)
{
  remember_export (self, settings, file);
}

/* The Export dialog for @chart, over @parent (the window, or a profile). */
void
rex_window_export_chart (RexWindow *self,
                         RexChart  *chart,
                         GtkWindow *parent)
{
  g_autoptr(RexExportSettings) settings = NULL;
  RexExportDialog *dialog;

  /* One Export dialog at a time: each holds its chart, and with it the
   * dataset it was made from. */
  if (self->export_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->export_dialog));
      return;
    }
  settings = saved_export_settings (self);
  dialog = rex_export_dialog_new (parent, chart, settings);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  self->export_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->export_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  RexChart *chart = rex_window_get_current_chart (self);

  if (chart != NULL)
    rex_window_export_chart (self, chart, GTK_WINDOW (self));
}

typedef struct
{
  RexWindow         *window;
  GFile             *file;
  RexExportSettings *settings;
} ExportAgain;

static void
export_again_free (ExportAgain *data)
{
  g_object_unref (data->window);
  g_object_unref (data->file);
  rex_export_settings_free (data->settings);
  g_free (data);
}

static void
on_export_again_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ExportAgain *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!rex_export_chart_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rex_window_show_error (data->window, error->message);
    }
  else
    remember_export (data->window, data->settings, data->file);
  export_again_free (data);
}

static void
export_again_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  RexChart *chart = rex_window_get_current_chart (self);
  ExportAgain *data;
  GFile *file;

  if (chart == NULL)
    return;
  /* Without a folder from an earlier export, ask where to write. */
  file = self->last_export ? rex_export_settings_suggest_file (self->last_export, chart) : NULL;
  if (file == NULL)
    {
      export_action (widget, action_name, parameter);
      return;
    }
  data = g_new0 (ExportAgain, 1);
  data->window = g_object_ref (self);
  data->file = file;
  data->settings = rex_export_settings_copy (self->last_export);
  g_set_object (&self->export_cancellable, g_cancellable_new ());
  rex_export_chart_async (chart, file, data->settings, self->export_cancellable,
                          on_export_again_done, data);
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  RexChart *chart = rex_window_get_current_chart (self);
  GtkWidget *view = rex_window_get_chart_view (self);
  g_autoptr(GError) error = NULL;

  if (chart == NULL)
    return;
  /* The chart as seen, at the size it has on screen. */
  if (!rex_export_copy_to_clipboard (GTK_WIDGET (self), chart,
                                     rex_chart_view_get_style (REX_CHART_VIEW (view)),
                                     MAX (gtk_widget_get_width (view), 320),
                                     MAX (gtk_widget_get_height (view), 240), &error))
    rex_window_show_error (self, error->message);
  else
    rex_window_show_file_notice (self, _("Chart copied to the clipboard"), NULL);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RexWindow               *self)
{
  GtkPageSetup *page_setup = rex_print_operation_get_page_setup (REX_PRINT_OPERATION (operation));
  g_autofree char *message = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: shown when printing failed; %s is the reason */
      message = g_strdup_printf (_("Could not print the chart: %s"), error->message);
      rex_window_show_error (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      /* The printer, paper and orientation chosen are offered again. */
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
      if (page_setup != NULL)
        g_set_object (&self->page_setup, page_setup);
    }
}

/* What Print prints: the chart shown, or in the Table view the table as
 * it shows it (its columns, its order), which goes on over as many pages
 * as its rows take. */
static RexChart *
chart_to_print (RexWindow  *self,
                GError    **error)
{
  RexChart *chart = rex_window_get_current_chart (self);
  RexChartTable *shown;

  if (gtk_stack_get_visible_child (self->view_stack) != GTK_WIDGET (self->table_page)
      || rex_table_page_get_chart (self->table_page) != chart
      || (shown = rex_table_page_dup_shown (self->table_page)) == NULL)
    return g_object_ref (chart);
  return rex_chart_new_table_view (chart, shown, error);
}

/* @chart through the print dialog, over @parent (the window, or a
 * profile). */
void
rex_window_print_chart (RexWindow *self,
                        RexChart  *chart,
                        GtkWindow *parent)
{
  g_autoptr(RexPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = rex_print_operation_new (chart, &error);
  if (operation == NULL)
    {
      rex_window_show_error (self, error->message);
      return;
    }
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), self->print_settings);
  if (self->page_setup != NULL)
    gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), self->page_setup);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  /* An error is reported by "done". */
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           parent, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  if (rex_window_get_current_chart (self) == NULL)
    return;
  chart = chart_to_print (self, &error);
  if (chart == NULL)
    rex_window_show_error (self, error->message);
  else
    rex_window_print_chart (self, chart, GTK_WINDOW (self));
}

static void
open_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  if (self->exported_file != NULL)
    rex_export_open_file (GTK_WINDOW (self), self->exported_file);
}

static void
show_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  if (self->exported_file != NULL)
    rex_export_show_in_folder (GTK_WINDOW (self), self->exported_file);
}

/* The Export dialog closed, an export cancelled, the settings let go. */
void
rex_window_export_dispose (RexWindow *self)
{
  g_clear_object (&self->exported_file);
  if (self->export_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->export_dialog), (gpointer *) &self->export_dialog);
      gtk_window_destroy (GTK_WINDOW (self->export_dialog));
      self->export_dialog = NULL;
    }
  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->last_export, rex_export_settings_free);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->page_setup);
}

void
rex_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-again", NULL, export_again_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", NULL, open_exported_action);
  gtk_widget_class_install_action (widget_class, "win.show-exported", NULL, show_exported_action);
}
