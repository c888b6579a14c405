/* rex-window.c — the main window.
 *
 * It owns the dataset on screen and the selection, and hands both to the
 * views. Datasets load in a worker thread; a failed load shows the loader's
 * message in a banner and keeps the previous dataset, so nothing is lost.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-overview-page.h"
#include "rex-selection.h"
#include "rex-table-page.h"
#include "rex-window.h"

/* Order of the kind filter's items in rex-window.ui. */
enum {
  KIND_FILTER_ALL,
  KIND_FILTER_PROVINCE,
  KIND_FILTER_MACRO_REGION,
  KIND_FILTER_CITY_CLUSTER,
  KIND_FILTER_STRATEGY_AREA,
  KIND_FILTER_OTHER,
};

struct _RexWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *group_dropdown;
  GtkListView          *region_list;
  GtkLabel             *region_count_label;
  GtkStack             *view_stack;
  GtkButton            *cancel_button;
  GtkToggleButton      *sidebar_button;
  RexOverviewPage      *overview_page;
  RexChartPage         *compare_page;
  RexChartPage         *trends_page;
  RexChartPage         *relationships_page;
  RexChartPage         *map_page;
  RexChartPage         *rural_page;
  RexTablePage         *table_page;

  RexDataset           *dataset;
  RexSelection         *selection;
  GListStore           *entries;         /* RexRegionEntry */
  GHashTable           *entry_by_id;     /* id → RexRegionEntry (borrowed) */
  GPtrArray            *groups;          /* RexRegion*, the group filter's items after "any" */
  GtkFilterListModel   *filter_model;
  GtkStringFilter      *search_filter;
  GtkCustomFilter      *kind_filter;
  RexChartPage         *current_page;    /* last chart page shown */
  GCancellable         *load_cancellable;
  char                 *error_message;
  GFile                *exported_file;   /* for the notice's Open / Show in Folder */
};

G_DEFINE_FINAL_TYPE (RexWindow, rex_window, GTK_TYPE_APPLICATION_WINDOW)

static const char * const view_names[] = {
  "overview", "compare", "trends", "relationships", "map", "rural", "table",
};

static void
show_error (RexWindow  *self,
            const char *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static RexChartPage *
chart_pages (RexWindow *self,
             guint      i)
{
  RexChartPage *pages[] = {
    self->compare_page, self->trends_page, self->relationships_page,
    self->map_page, self->rural_page,
  };
  return i < G_N_ELEMENTS (pages) ? pages[i] : NULL;
}

/* --- region list --- */

static void
update_region_count (RexWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint selected = rex_selection_get_size (self->selection);
  g_autofree char *regions = NULL;
  g_autofree char *text = NULL;

  if (shown == total)
    /* Translators: count under the region list */
    regions = g_strdup_printf (ngettext ("%u region", "%u regions", total), total);
  else
    /* Translators: count under the filtered region list: "5 of 70 regions" */
    regions = g_strdup_printf (ngettext ("%u of %u region", "%u of %u regions", total), shown, total);
  if (selected > 0)
    /* Translators: "62 regions, 3 selected" */
    text = g_strdup_printf (ngettext ("%s, %u selected", "%s, %u selected", selected), regions, selected);
  else
    text = g_steal_pointer (&regions);
  gtk_label_set_text (self->region_count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", selected > 0);
}

static gboolean
kind_filter_func (gpointer item,
                  gpointer user_data)
{
  RexWindow *self = user_data;
  RexRegion *region = rex_region_entry_get_region (item);
  RexRegionKind kind = rex_region_get_kind (region);
  guint group = gtk_drop_down_get_selected (self->group_dropdown);
  gboolean kind_ok;

  switch (gtk_drop_down_get_selected (self->kind_dropdown))
    {
    case KIND_FILTER_PROVINCE:
      kind_ok = kind == REX_REGION_KIND_PROVINCE;
      break;
    case KIND_FILTER_MACRO_REGION:
      kind_ok = kind == REX_REGION_KIND_MACRO_REGION;
      break;
    case KIND_FILTER_CITY_CLUSTER:
      kind_ok = kind == REX_REGION_KIND_CITY_CLUSTER;
      break;
    case KIND_FILTER_STRATEGY_AREA:
      kind_ok = kind == REX_REGION_KIND_STRATEGY_AREA;
      break;
    case KIND_FILTER_OTHER:
      kind_ok = kind != REX_REGION_KIND_PROVINCE && kind != REX_REGION_KIND_MACRO_REGION
             && kind != REX_REGION_KIND_CITY_CLUSTER && kind != REX_REGION_KIND_STRATEGY_AREA;
      break;
    case KIND_FILTER_ALL:
    default:
      kind_ok = TRUE;
      break;
    }
  if (!kind_ok)
    return FALSE;
  /* Item 0 of the group filter is "in any group". */
  if (group == 0 || group == GTK_INVALID_LIST_POSITION || self->groups == NULL
      || group - 1 >= self->groups->len)
    return TRUE;
  return region != self->groups->pdata[group - 1]
      && rex_region_is_in (region, self->groups->pdata[group - 1]);
}

static void
on_filter_changed (RexWindow *self)
{
  if (self->kind_filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->kind_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_region_count (self);
}

static void
on_search_changed (RexWindow *self)
{
  gtk_string_filter_set_search (self->search_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_region_count (self);
}

static void
on_region_activated (RexWindow *self,
                     guint      position)
{
  g_autoptr(RexRegionEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (entry != NULL)
    rex_selection_toggle (self->selection, rex_region_get_id (rex_region_entry_get_region (entry)));
}

/* Called from the row template when its check box is toggled. */
static void
rex_region_row_toggled (GtkCheckButton *check,
                        GtkListItem    *item)
{
  RexRegionEntry *entry = gtk_list_item_get_item (item);

  if (entry != NULL && gtk_check_button_get_active (check) != rex_region_entry_get_selected (entry))
    rex_region_entry_set_selected (entry, gtk_check_button_get_active (check));
}

static void
notify_entry (gpointer key,
              gpointer value,
              gpointer user_data)
{
  rex_region_entry_notify_selected (value);
}

static void
on_selection_changed (RexWindow  *self,
                      const char *region_id)
{
  RexRegionEntry *entry = region_id ? g_hash_table_lookup (self->entry_by_id, region_id) : NULL;

  if (entry != NULL)
    rex_region_entry_notify_selected (entry);
  else
    g_hash_table_foreach (self->entry_by_id, notify_entry, NULL);
  update_region_count (self);
}

static void
fill_group_filter (RexWindow *self)
{
  static const RexRegionKind group_kinds[] = {
    REX_REGION_KIND_MACRO_REGION, REX_REGION_KIND_STRATEGY_AREA,
    REX_REGION_KIND_CITY_CLUSTER, REX_REGION_KIND_METRO_AREA,
  };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = g_ptr_array_new ();
  /* Translators: the group filter's first item: no group filter */
  gtk_string_list_append (names, _("In any group"));
  for (guint k = 0; k < G_N_ELEMENTS (group_kinds); k++)
    {
      g_autoptr(GPtrArray) regions = rex_dataset_get_regions_of_kind (self->dataset, group_kinds[k]);
      for (guint i = 0; i < regions->len; i++)
        {
          RexRegion *group = regions->pdata[i];
          g_autofree char *label = NULL;

          /* Translators: group filter item: "In Yangtze River Delta" */
          label = g_strdup_printf (_("In %s"), rex_region_get_display_name (group));
          gtk_string_list_append (names, label);
          g_ptr_array_add (self->groups, group);
        }
    }
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->group_dropdown, 0);
}

/* --- views --- */

static void
update_table (RexWindow *self)
{
  if (gtk_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->table_page))
    rex_table_page_set_chart (self->table_page,
                              self->current_page ? rex_chart_page_get_chart (self->current_page) : NULL);
}

static void
on_view_changed (RexWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->view_stack);

  if (REX_IS_CHART_PAGE (child))
    self->current_page = REX_CHART_PAGE (child);
  else if (child != GTK_WIDGET (self->table_page))
    self->current_page = NULL;
  update_table (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play",
                                 child == GTK_WIDGET (self->relationships_page));
}

static void
on_page_spec_changed (RexWindow    *self,
                      RexChartPage *page)
{
  if (page == self->current_page)
    update_table (self);
}

gboolean
rex_window_set_view (RexWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), FALSE);

  if (name == NULL || gtk_stack_get_child_by_name (self->view_stack, name) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->view_stack, name);
  return TRUE;
}

const char *
rex_window_get_view (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
rex_window_get_chart_view (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return rex_chart_page_get_chart_view (self->current_page ? self->current_page : self->compare_page);
}

RexChart *
rex_window_get_current_chart (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return self->current_page ? rex_chart_page_get_chart (self->current_page) : NULL;
}

RexSelection *
rex_window_get_selection (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return self->selection;
}

void
rex_window_show_spec (RexWindow          *self,
                      const RexChartSpec *spec)
{
  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (spec != NULL);

  for (guint i = 0; chart_pages (self, i); i++)
    {
      RexChartPage *page = chart_pages (self, i);
      if (rex_chart_page_get_kind (page) == spec->kind)
        {
          rex_selection_set_ids (self->selection, (const char * const *) spec->regions);
          rex_chart_page_apply_spec (page, spec);
          gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (page));
          return;
        }
    }
  if (spec->kind == REX_CHART_KIND_TABLE)
    rex_window_set_view (self, "table");
}

/* --- datasets --- */

void
rex_window_set_dataset (RexWindow  *self,
                        RexDataset *dataset)
{
  GListModel *regions;
  g_autofree char *title = NULL;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (REX_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  /* Ids of another dataset mean nothing here. */
  rex_selection_set_ids (self->selection, NULL);

  g_hash_table_remove_all (self->entry_by_id);
  g_list_store_remove_all (self->entries);
  regions = rex_dataset_get_regions (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);
      g_autoptr(RexRegionEntry) entry = rex_region_entry_new (region, self->selection);

      g_hash_table_insert (self->entry_by_id, (gpointer) rex_region_get_id (region), entry);
      g_list_store_append (self->entries, entry);
    }
  fill_group_filter (self);

  rex_overview_page_set_dataset (self->overview_page, dataset);
  for (guint i = 0; chart_pages (self, i); i++)
    rex_chart_page_set_dataset (chart_pages (self, i), dataset, self->selection);

  /* Translators: window title: "Region Explorer — China regional development" */
  title = g_strdup_printf (_("Region Explorer — %s"), rex_dataset_get_display_title (dataset));
  gtk_window_set_title (GTK_WINDOW (self), title);
  update_region_count (self);
  update_table (self);
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

  /* Only the latest load counts; one replaced or cancelled is dropped. */
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
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (REX_WINDOW (widget)->notice_revealer, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rex_window_set_view (REX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  rex_selection_set_ids (REX_WINDOW (widget)->selection, NULL);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  if (rex_chart_page_is_playing (self->relationships_page))
    rex_chart_page_stop (self->relationships_page);
  else
    rex_chart_page_play (self->relationships_page);
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

/* --- GObject --- */

static void
rex_window_dispose (GObject *object)
{
  RexWindow *self = REX_WINDOW (object);

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_WINDOW);
  g_clear_pointer (&self->entry_by_id, g_hash_table_unref);
  g_clear_object (&self->entries);
  g_clear_object (&self->filter_model);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->dataset);
  g_clear_object (&self->exported_file);

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

  g_type_ensure (REX_TYPE_CHART_PAGE);
  g_type_ensure (REX_TYPE_OVERVIEW_PAGE);
  g_type_ensure (REX_TYPE_TABLE_PAGE);
  g_type_ensure (REX_TYPE_REGION_ENTRY);
  g_type_ensure (REX_TYPE_REGION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RexWindow, name)
  BIND (banner_revealer);
  BIND (banner_label);
  BIND (notice_revealer);
  BIND (notice_label);
  BIND (search_entry);
  BIND (kind_dropdown);
  BIND (group_dropdown);
  BIND (region_list);
  BIND (region_count_label);
  BIND (view_stack);
  BIND (cancel_button);
  BIND (sidebar_button);
  BIND (overview_page);
  BIND (compare_page);
  BIND (trends_page);
  BIND (relationships_page);
  BIND (map_page);
  BIND (rural_page);
  BIND (table_page);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_region_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_page_spec_changed);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.dismiss-error", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.view", "s", view_names[i]);
}

static void
rex_window_init (RexWindow *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkEveryFilter) filter = gtk_every_filter_new ();
  g_autoptr(GtkNoSelection) no_selection = NULL;
  GtkExpression *expression;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = rex_selection_new ();
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (on_selection_changed), self);
  self->entries = g_list_store_new (REX_TYPE_REGION_ENTRY);
  self->entry_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  /* Search matches either name or the id, whatever the UI language. */
  expression = gtk_property_expression_new (REX_TYPE_REGION,
                                            gtk_property_expression_new (REX_TYPE_REGION_ENTRY, NULL, "region"),
                                            "search-text");
  self->search_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  self->kind_filter = gtk_custom_filter_new (kind_filter_func, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->search_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->kind_filter));
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)),
                                                  GTK_FILTER (g_object_ref (filter)));
  no_selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_list_view_set_model (self->region_list, GTK_SELECTION_MODEL (no_selection));

  /* Rows are a template; the check box calls back into this file. */
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "rex_region_row_toggled",
                                          G_CALLBACK (rex_region_row_toggled));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/rex-region-row.ui");
  gtk_list_view_set_factory (self->region_list, factory);

  self->current_page = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", FALSE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

RexWindow *
rex_window_new (GtkApplication *application)
{
  return g_object_new (REX_TYPE_WINDOW, "application", application, NULL);
}
