/* rex-window.c — the main window: loads datasets off the main thread, keeps
 * the previous one on failure, and feeds the views their charts. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-chart-view.h"
#include "rex-window.h"

struct _RexWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkSearchEntry       *search_entry;
  GtkListView          *region_list;
  GtkLabel             *region_count_label;
  GtkStack             *view_stack;
  GtkDropDown          *metric_dropdown;
  GtkAdjustment        *year_adjustment;
  RexChartView         *compare_chart;
  GtkButton            *cancel_button;

  RexDataset           *dataset;
  GtkFilterListModel   *region_filter_model;
  GtkStringFilter      *region_filter;
  GtkMultiSelection    *region_selection;
  GCancellable         *load_cancellable;
  char                 *error_message;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (RexWindow, rex_window, GTK_TYPE_APPLICATION_WINDOW)

static void
show_error (RexWindow  *self,
            const char *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static GStrv
selected_region_ids (RexWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->region_selection == NULL)
    return g_strv_builder_end (builder);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->region_selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (G_LIST_MODEL (self->region_selection), position);
      g_strv_builder_add (builder, rex_region_get_id (region));
    }
  return g_strv_builder_end (builder);
}

static void
update_compare_chart (RexWindow *self)
{
  g_autoptr(RexChartSpec) spec = NULL;
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) selection = NULL;
  RexMetric *metric;

  if (self->dataset == NULL || self->updating)
    return;
  metric = gtk_drop_down_get_selected_item (self->metric_dropdown);
  if (metric == NULL)
    {
      rex_chart_view_set_chart (self->compare_chart, NULL);
      return;
    }

  spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  spec->metric = g_strdup (rex_metric_get_id (metric));
  spec->year = (int) gtk_adjustment_get_value (self->year_adjustment);
  selection = selected_region_ids (self);
  rex_chart_spec_set_regions (spec, (const char * const *) selection);

  chart = rex_chart_new (self->dataset, spec, &error);
  if (chart == NULL)
    {
      show_error (self, error->message);
      return;
    }
  rex_chart_view_set_chart (self->compare_chart, chart);
}

/* Picks the first metric that provinces have values of, and its latest year. */
static void
choose_default_metric (RexWindow *self)
{
  GListModel *metrics = rex_dataset_get_metrics (self->dataset);
  g_autoptr(GPtrArray) provinces = rex_dataset_get_regions_of_kind (self->dataset,
                                                                    REX_REGION_KIND_PROVINCE);
  guint n = g_list_model_get_n_items (metrics);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);
      int first, last = 0;

      for (guint p = 0; p < provinces->len; p++)
        {
          RexSeries *series = rex_region_get_series (provinces->pdata[p], rex_metric_get_id (metric));
          int f, l;
          if (series && rex_series_get_year_range (series, &f, &l))
            last = MAX (last, l);
        }
      if (last > 0 || (i == n - 1 && rex_dataset_get_year_range (self->dataset,
                                                                 rex_metric_get_id (metric),
                                                                 &first, &last)))
        {
          gtk_drop_down_set_selected (self->metric_dropdown, i);
          gtk_adjustment_set_value (self->year_adjustment, last);
          return;
        }
    }
}

static void
update_region_count (RexWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->region_filter_model));
  guint total = self->dataset ? g_list_model_get_n_items (rex_dataset_get_regions (self->dataset)) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    /* Translators: count under the region list */
    text = g_strdup_printf (ngettext ("%u region", "%u regions", total), total);
  else
    /* Translators: count under the filtered region list: "5 of 70 regions" */
    text = g_strdup_printf (ngettext ("%u of %u region", "%u of %u regions", total), shown, total);
  gtk_label_set_text (self->region_count_label, text);
}

void
rex_window_set_dataset (RexWindow  *self,
                        RexDataset *dataset)
{
  g_autofree char *title = NULL;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (REX_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  self->updating = TRUE;
  gtk_filter_list_model_set_model (self->region_filter_model, rex_dataset_get_regions (dataset));
  gtk_drop_down_set_model (self->metric_dropdown, rex_dataset_get_metrics (dataset));
  choose_default_metric (self);
  self->updating = FALSE;

  /* Translators: window title: "Region Explorer — China regional development" */
  title = g_strdup_printf (_("Region Explorer — %s"), rex_dataset_get_display_title (dataset));
  gtk_window_set_title (GTK_WINDOW (self), title);
  update_region_count (self);
  update_compare_chart (self);
}

RexDataset *
rex_window_get_dataset (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return self->dataset;
}

static void
set_loading (RexWindow *self,
             gboolean   loading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RexWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_load_finish (result, &error);

  /* Only the latest load counts; an older one finishing late is dropped. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  if (dataset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  rex_window_set_dataset (self, dataset);
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
  set_loading (self, TRUE);
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

GtkWidget *
rex_window_get_chart_view (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->compare_chart);
}

/* --- template callbacks --- */

static void
on_search_changed (RexWindow *self)
{
  gtk_string_filter_set_search (self->region_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_region_count (self);
}

static void
on_region_activated (RexWindow *self,
                     guint      position)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->region_selection);

  if (gtk_selection_model_is_selected (model, position))
    gtk_selection_model_unselect_item (model, position);
  else
    gtk_selection_model_select_item (model, position, FALSE);
}

static void
on_controls_changed (RexWindow *self)
{
  update_compare_chart (self);
}

static void
on_view_changed (RexWindow *self)
{
}

static void
on_chart_item_activated (RexWindow  *self,
                         const char *region_id,
                         int         year)
{
  guint n;

  if (region_id == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->region_selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (G_LIST_MODEL (self->region_selection), i);
      if (g_strcmp0 (rex_region_get_id (region), region_id) == 0)
        {
          on_region_activated (self, i);
          break;
        }
    }
}

static void
on_selection_changed (RexWindow *self)
{
  update_compare_chart (self);
}

/* --- actions --- */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  RexWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        rex_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("JSON datasets"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  rex_window_set_dataset (self, dataset);
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

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_error (REX_WINDOW (widget), NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
on_drop (GtkDropTarget *target,
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
  rex_window_open_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
rex_window_dispose (GObject *object)
{
  RexWindow *self = REX_WINDOW (object);

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_WINDOW);
  g_clear_object (&self->region_selection);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (rex_window_parent_class)->dispose (object);
}

static void
rex_window_finalize (GObject *object)
{
  RexWindow *self = REX_WINDOW (object);

  g_free (self->error_message);
  G_OBJECT_CLASS (rex_window_parent_class)->finalize (object);
}

static void
rex_window_class_init (RexWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_window_dispose;
  object_class->finalize = rex_window_finalize;

  g_type_ensure (REX_TYPE_CHART_VIEW);
  g_type_ensure (REX_TYPE_METRIC);
  g_type_ensure (REX_TYPE_REGION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RexWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, region_list);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, region_count_label);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, year_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, compare_chart);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_region_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_controls_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_item_activated);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.dismiss-error", NULL);
}

static void
rex_window_init (RexWindow *self)
{
  GtkDropTarget *drop;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Search matches the name in the UI language. */
  expression = gtk_property_expression_new (REX_TYPE_REGION, NULL, "search-text");
  self->region_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->region_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->region_filter, TRUE);
  self->region_filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->region_filter));
  self->region_selection = gtk_multi_selection_new (G_LIST_MODEL (self->region_filter_model));
  g_signal_connect_swapped (self->region_selection, "selection-changed",
                            G_CALLBACK (on_selection_changed), self);
  gtk_list_view_set_model (self->region_list, GTK_SELECTION_MODEL (self->region_selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

RexWindow *
rex_window_new (GtkApplication *application)
{
  return g_object_new (REX_TYPE_WINDOW, "application", application, NULL);
}
