/* rex-window.c — the main window.
 *
 * It owns the dataset on screen and the selection, and hands both to the
 * views. Datasets load in a worker thread; a failed load shows the loader's
 * message in a banner and keeps the previous dataset, so nothing is lost.
 *
 * The chart views' pages are made when a view is first shown (or asked for:
 * an opened chart, Play, the chart view): most sessions use a few views, and
 * building and filling all five at start-up was a sixth of the time to the
 * first frame. A new page gets the dataset, the selection and its saved state.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rex-a11y.h"
#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-export-dialog.h"
#include "rex-overview-page.h"
#include "rex-region-profile.h"
#include "rex-selection.h"
#include "rex-split-view.h"
#include "rex-squeezer.h"
#include "rex-tab-stop.h"
#include "rex-table-page.h"
#include "rex-window-private.h"

/* The chart views. */
enum {
  COMPARE,
  TRENDS,
  RELATIONSHIPS,
  MAP,
  RURAL,
  N_CHART_VIEWS
};

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
  GtkDropDown          *view_dropdown;
  RexSplitView         *split_view;
  RexOverviewPage      *overview_page;
  GtkBox               *chart_slots[N_CHART_VIEWS];
  RexTablePage         *table_page;

  RexChartPage         *chart_pages[N_CHART_VIEWS];  /* in their slots; NULL until needed */

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
  RexExportSettings    *last_export;     /* what "Export Again" reuses */
  RexExportDialog      *export_dialog;   /* the open Export dialog (weak), or NULL */
  RexRegionProfile     *profile;         /* the open region profile (weak), or NULL */
  GCancellable         *export_cancellable;
  GSettings            *settings;
  GFile                *loading_file;    /* the file of the load in progress */
  gboolean              restoring;       /* applying saved state: do not save it back */
  gboolean              syncing_view;    /* the view drop-down being set from the stack */
};

G_DEFINE_FINAL_TYPE (RexWindow, rex_window, GTK_TYPE_APPLICATION_WINDOW)

static void save_selection        (RexWindow *self);
static void update_table          (RexWindow *self);
static void update_export_actions (RexWindow *self);
static void on_page_spec_changed  (RexWindow    *self,
                                   RexChartPage *page);

static const char * const view_names[] = {
  "overview", "compare", "trends", "relationships", "map", "rural", "table",
};

/* The chart views, in the order of chart_slots and chart_pages. */
static const struct
{
  const char   *view;
  const char   *slot;
  RexChartKind  kind;
} chart_views[N_CHART_VIEWS] = {
  [COMPARE] = { "compare", "compare_slot", REX_CHART_KIND_BARS },
  [TRENDS] = { "trends", "trends_slot", REX_CHART_KIND_LINES },
  [RELATIONSHIPS] = { "relationships", "relationships_slot", REX_CHART_KIND_BUBBLES },
  [MAP] = { "map", "map_slot", REX_CHART_KIND_MAP },
  [RURAL] = { "rural", "rural_slot", REX_CHART_KIND_PROGRESS },
};

static void
show_error (RexWindow  *self,
            const char *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  /* A dismissed message stays in the label while the banner slides away:
   * emptied, the label would change the banner's height mid-slide. */
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static void
show_notice (RexWindow  *self,
             const char *message,
             GFile      *file)
{
  g_set_object (&self->exported_file, file);
  gtk_label_set_text (self->notice_label, message);
  /* The notice is one line (ellipsized); the whole of it in the tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_label), message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-exported", file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-exported", file != NULL);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

void
rex_window_show_error (RexWindow  *self,
                       const char *message)
{
  show_error (self, message);
}

void
rex_window_show_notice (RexWindow  *self,
                        const char *message)
{
  show_notice (self, message, NULL);
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

/* A double-click on a region opens its profile (Alt+Return does from the
 * keyboard); its check box, or Enter or Space on it, selects it. */
static void
on_region_activated (RexWindow *self,
                     guint      position)
{
  g_autoptr(RexRegionEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (entry != NULL)
    rex_window_show_profile (self, rex_region_get_id (rex_region_entry_get_region (entry)));
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
  save_selection (self);
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

/* --- state kept across runs --- */

static void
save_page_state (RexWindow    *self,
                 RexChartPage *page)
{
  g_autoptr(RexChartSpec) spec = NULL;

  if (self->settings == NULL || self->restoring || self->dataset == NULL)
    return;
  spec = rex_chart_page_dup_spec (page);
  if (spec == NULL)
    return;
  switch (rex_chart_page_get_kind (page))
    {
    case REX_CHART_KIND_BARS:
      g_settings_set_string (self->settings, "metric", spec->metric ? spec->metric : "");
      g_settings_set_int (self->settings, "year", spec->year);
      g_settings_set_string (self->settings, "color-by", rex_color_by_to_string (spec->color_by));
      g_settings_set_boolean (self->settings, "hide-missing", spec->hide_missing);
      break;
    case REX_CHART_KIND_LINES:
      g_settings_set_boolean (self->settings, "relative", spec->relative);
      g_settings_set_int (self->settings, "base-year", spec->base_year);
      break;
    case REX_CHART_KIND_BUBBLES:
      g_settings_set_string (self->settings, "x-metric", spec->x_metric ? spec->x_metric : "");
      g_settings_set_string (self->settings, "y-metric", spec->y_metric ? spec->y_metric : "");
      g_settings_set_string (self->settings, "size-metric", spec->size_metric ? spec->size_metric : "");
      g_settings_set_boolean (self->settings, "log-x", spec->log_x);
      g_settings_set_boolean (self->settings, "log-y", spec->log_y);
      break;
    case REX_CHART_KIND_MAP:
      g_settings_set_string (self->settings, "map-mode", spec->map_mode == REX_MAP_MODE_GEO ? "geo" : "tiles");
      break;
    case REX_CHART_KIND_SHARES:
    case REX_CHART_KIND_PROGRESS:
    case REX_CHART_KIND_TABLE:
    case REX_CHART_KIND_LAST:
    default:
      break;
    }
}

static void
save_selection (RexWindow *self)
{
  g_auto(GStrv) ids = NULL;

  if (self->settings == NULL || self->restoring)
    return;
  ids = rex_selection_get_ids (self->selection);
  g_settings_set_strv (self->settings, "selection", (const char * const *) ids);
}

/* Applies the saved metrics, year and options to a chart page; ids the
 * dataset does not have are ignored by the page. */
static void
restore_page_state (RexWindow    *self,
                    RexChartPage *page)
{
  g_autoptr(RexChartSpec) spec = NULL;
  g_autofree char *text = NULL;
  gboolean restoring = self->restoring;

  if (self->settings == NULL || self->dataset == NULL)
    return;
  self->restoring = TRUE;
  spec = rex_chart_page_dup_spec (page);
  switch (rex_chart_page_get_kind (page))
    {
    case REX_CHART_KIND_BARS:
      g_free (spec->metric);
      spec->metric = g_settings_get_string (self->settings, "metric");
      spec->year = g_settings_get_int (self->settings, "year");
      text = g_settings_get_string (self->settings, "color-by");
      rex_color_by_from_string (text, &spec->color_by);
      spec->hide_missing = g_settings_get_boolean (self->settings, "hide-missing");
      if (spec->metric[0] != '\0' && rex_dataset_lookup_metric (self->dataset, spec->metric))
        rex_chart_page_apply_spec (page, spec);
      break;
    case REX_CHART_KIND_LINES:
      spec->relative = g_settings_get_boolean (self->settings, "relative");
      spec->base_year = g_settings_get_int (self->settings, "base-year");
      rex_chart_page_apply_spec (page, spec);
      break;
    case REX_CHART_KIND_BUBBLES:
      g_free (spec->x_metric);
      g_free (spec->y_metric);
      g_free (spec->size_metric);
      spec->x_metric = g_settings_get_string (self->settings, "x-metric");
      spec->y_metric = g_settings_get_string (self->settings, "y-metric");
      spec->size_metric = g_settings_get_string (self->settings, "size-metric");
      spec->log_x = g_settings_get_boolean (self->settings, "log-x");
      spec->log_y = g_settings_get_boolean (self->settings, "log-y");
      rex_chart_page_apply_spec (page, spec);
      break;
    case REX_CHART_KIND_MAP:
      text = g_settings_get_string (self->settings, "map-mode");
      spec->map_mode = g_str_equal (text, "geo") ? REX_MAP_MODE_GEO : REX_MAP_MODE_TILES;
      rex_chart_page_apply_spec (page, spec);
      break;
    case REX_CHART_KIND_SHARES:
    case REX_CHART_KIND_PROGRESS:
    case REX_CHART_KIND_TABLE:
    case REX_CHART_KIND_LAST:
    default:
      break;
    }
  self->restoring = restoring;
}

/* Applies the saved selection and the pages' saved state; ids the dataset
 * does not have are ignored. */
static void
restore_state (RexWindow *self)
{
  g_auto(GStrv) selection = NULL;
  g_autoptr(GStrvBuilder) known = g_strv_builder_new ();
  g_auto(GStrv) known_ids = NULL;

  if (self->settings == NULL || self->dataset == NULL)
    return;
  self->restoring = TRUE;
  selection = g_settings_get_strv (self->settings, "selection");
  for (guint i = 0; selection[i]; i++)
    if (rex_dataset_lookup_region (self->dataset, selection[i]) != NULL)
      g_strv_builder_add (known, selection[i]);
  known_ids = g_strv_builder_end (known);
  rex_selection_set_ids (self->selection, (const char * const *) known_ids);
  self->restoring = FALSE;

  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (self->chart_pages[i] != NULL)
      restore_page_state (self, self->chart_pages[i]);
}

/* The page of chart view i, made and filled if it is not yet. */
static RexChartPage *
ensure_page (RexWindow *self,
             guint      i)
{
  RexChartPage *page;

  g_return_val_if_fail (i < N_CHART_VIEWS, NULL);
  if (self->chart_pages[i] != NULL)
    return self->chart_pages[i];

  page = g_object_new (REX_TYPE_CHART_PAGE, "kind", rex_chart_kind_to_string (chart_views[i].kind),
                       "hexpand", TRUE, "vexpand", TRUE, NULL);
  self->chart_pages[i] = page;
  gtk_box_append (self->chart_slots[i], GTK_WIDGET (page));
  if (self->dataset != NULL)
    {
      gboolean restoring = self->restoring;

      self->restoring = TRUE;
      rex_chart_page_set_dataset (page, self->dataset, self->selection);
      restore_page_state (self, page);
      self->restoring = restoring;
    }
  g_signal_connect_swapped (page, "spec-changed", G_CALLBACK (on_page_spec_changed), self);
  return page;
}

/* Which chart view's slot @child is, or -1. */
static int
chart_view_of (RexWindow *self,
               GtkWidget *child)
{
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (child == GTK_WIDGET (self->chart_slots[i]))
      return (int) i;
  return -1;
}

static void
on_number_format_changed (RexWindow *self)
{
  rex_number_format_set (g_settings_get_enum (self->settings, "number-format"));
  /* Charts cache their layout: make them anew with the new labels. */
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (self->chart_pages[i] != NULL)
      rex_chart_page_refresh (self->chart_pages[i]);
  if (self->dataset != NULL)
    rex_overview_page_set_dataset (self->overview_page, self->dataset);
  update_table (self);
}

/* --- views --- */

static void
update_table (RexWindow *self)
{
  /* Hidden, the table lets go of its chart (and the dataset behind it); it
   * is filled again when shown. */
  if (gtk_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->table_page))
    rex_table_page_set_chart (self->table_page,
                              self->current_page ? rex_chart_page_get_chart (self->current_page) : NULL);
  else if (rex_table_page_get_chart (self->table_page) != NULL)
    rex_table_page_set_chart (self->table_page, NULL);
}

/* The narrow window's view drop-down shows the view on screen. */
static void
sync_view_dropdown (RexWindow *self)
{
  const char *name;

  if (self->view_dropdown == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  name = gtk_stack_get_visible_child_name (self->view_stack);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (view_names); i++)
    if (g_str_equal (name, view_names[i]) && gtk_drop_down_get_selected (self->view_dropdown) != i)
      {
        self->syncing_view = TRUE;
        gtk_drop_down_set_selected (self->view_dropdown, i);
        self->syncing_view = FALSE;
      }
}

static void
on_view_chosen (RexWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->view_dropdown);

  if (!self->syncing_view && i < G_N_ELEMENTS (view_names))
    rex_window_set_view (self, view_names[i]);
}

static void
on_view_changed (RexWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->view_stack);
  int view = chart_view_of (self, child);

  if (view >= 0)
    self->current_page = ensure_page (self, view);
  else if (child != GTK_WIDGET (self->table_page))
    self->current_page = NULL;
  update_table (self);
  update_export_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", view == RELATIONSHIPS);
  sync_view_dropdown (self);
  if (self->settings != NULL && !self->restoring)
    g_settings_set_string (self->settings, "view", gtk_stack_get_visible_child_name (self->view_stack));
}

static void
update_export_actions (RexWindow *self)
{
  gboolean can_export = rex_window_get_current_chart (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-again", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", can_export);
}

static void
on_page_spec_changed (RexWindow    *self,
                      RexChartPage *page)
{
  if (page == self->current_page)
    {
      update_table (self);
      update_export_actions (self);
    }
  save_page_state (self, page);
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
  return rex_chart_page_get_chart_view (self->current_page ? self->current_page : ensure_page (self, COMPARE));
}

/**
 * rex_window_get_page:
 * @self: a window
 * @view: a view name, as rex_window_set_view() takes
 *
 * Returns: (transfer none) (nullable): the page of @view (a #RexChartPage for
 *   the chart views, made now if it was not yet), or %NULL for an unknown view
 */
GtkWidget *
rex_window_get_page (RexWindow  *self,
                     const char *view)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);

  if (g_strcmp0 (view, "overview") == 0)
    return GTK_WIDGET (self->overview_page);
  if (g_strcmp0 (view, "table") == 0)
    return GTK_WIDGET (self->table_page);
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (g_strcmp0 (view, chart_views[i].view) == 0)
      return GTK_WIDGET (ensure_page (self, i));
  return NULL;
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

  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (chart_views[i].kind == spec->kind)
      {
        RexChartPage *page = ensure_page (self, i);

        rex_selection_set_ids (self->selection, (const char * const *) spec->regions);
        rex_chart_page_apply_spec (page, spec);
        gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->chart_slots[i]));
        return;
      }
  if (spec->kind == REX_CHART_KIND_TABLE)
    rex_window_set_view (self, "table");
}

/* --- region profiles --- */

/* A profile's Chart button: the metric over the years in Trends, with the
 * region among those selected. */
static void
on_profile_chart_metric (RexRegionProfile *profile,
                         const char       *metric_id,
                         RexWindow        *self)
{
  RexRegion *region = rex_region_profile_get_region (profile);
  RexChartPage *page = ensure_page (self, TRENDS);
  g_autoptr(RexChartSpec) spec = rex_chart_page_dup_spec (page);

  if (spec == NULL || region == NULL)
    return;
  rex_selection_set (self->selection, rex_region_get_id (region), TRUE);
  g_free (spec->metric);
  spec->metric = g_strdup (metric_id);
  rex_chart_page_apply_spec (page, spec);
  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->chart_slots[TRENDS]));
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * rex_window_show_profile:
 * @region_id: a region of the dataset on screen
 *
 * Opens the profile of @region_id, in the profile window already open if
 * there is one.
 *
 * Returns: (transfer none) (nullable): the profile window, or %NULL when
 *   the dataset has no such region
 */
GtkWidget *
rex_window_show_profile (RexWindow  *self,
                         const char *region_id)
{
  RexRegion *region;

  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);

  region = self->dataset && region_id ? rex_dataset_lookup_region (self->dataset, region_id) : NULL;
  if (region == NULL)
    return NULL;
  if (self->profile == NULL)
    {
      self->profile = rex_region_profile_new (GTK_WINDOW (self), self->dataset);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->profile), TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->profile), (gpointer *) &self->profile);
      g_signal_connect_object (self->profile, "chart-metric", G_CALLBACK (on_profile_chart_metric), self, 0);
    }
  rex_region_profile_set_region (self->profile, region);
  gtk_window_present (GTK_WINDOW (self->profile));
  return GTK_WIDGET (self->profile);
}

static void
close_profile (RexWindow *self)
{
  if (self->profile != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->profile), (gpointer *) &self->profile);
      gtk_window_destroy (GTK_WINDOW (self->profile));
      self->profile = NULL;
    }
}

/* The region of what has the focus: a row of the region list, or a
 * chart's focused item. */
static RexRegion *
focused_region (RexWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || self->dataset == NULL)
    return NULL;
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->region_list)))
    {
      for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->region_list); w = gtk_widget_get_parent (w))
        {
          RexRegion *region = rex_dataset_lookup_region (self->dataset, gtk_widget_get_name (w));
          if (region != NULL)
            return region;
        }
      return NULL;
    }
  /* The focus is on the chart, or on the proxy of its focused item. */
  focus = gtk_widget_get_ancestor (focus, REX_TYPE_CHART_VIEW);
  if (focus != NULL)
    {
      RexChart *chart = rex_chart_view_get_chart (REX_CHART_VIEW (focus));
      int index = rex_chart_view_get_focus_index (REX_CHART_VIEW (focus));
      RexChartItem item;

      if (chart != NULL && index >= 0 && rex_chart_get_item (chart, index, &item))
        return item.region;
    }
  return NULL;
}

static void
show_focused_profile_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  RexRegion *region = focused_region (self);

  if (region != NULL)
    rex_window_show_profile (self, rex_region_get_id (region));
}

static void
show_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  rex_window_show_profile (REX_WINDOW (widget), g_variant_get_string (parameter, NULL));
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
  /* A profile shows the old dataset's region: it goes with it. */
  close_profile (self);

  /* Ids of another dataset mean nothing here; the saved selection comes
   * back in restore_state() where this dataset has those ids. */
  self->restoring = TRUE;
  rex_selection_set_ids (self->selection, NULL);
  self->restoring = FALSE;

  /* The group filter first: it points at the old dataset's regions, which
   * may be gone once the list below is replaced and filtered again. */
  fill_group_filter (self);

  g_hash_table_remove_all (self->entry_by_id);
  regions = rex_dataset_get_regions (dataset);
  {
    guint n = g_list_model_get_n_items (regions);
    g_autoptr(GPtrArray) entries = g_ptr_array_new_full (n, g_object_unref);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);
        RexRegionEntry *entry = rex_region_entry_new (region, self->selection);

        g_hash_table_insert (self->entry_by_id, (gpointer) rex_region_get_id (region), entry);
        g_ptr_array_add (entries, entry);
      }
    /* One change for the whole list: appending one by one would have the
     * filter and the list view react to each of thousands of regions. */
    g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                         entries->pdata, entries->len);
  }
  rex_overview_page_set_dataset (self->overview_page, dataset);
  self->restoring = TRUE;
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (self->chart_pages[i] != NULL)
      rex_chart_page_set_dataset (self->chart_pages[i], dataset, self->selection);
  self->restoring = FALSE;
  restore_state (self);

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

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RexWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_load_finish (result, &error);

  queue_release_free_memory ();
  /* Only the latest load counts; one replaced or cancelled is dropped. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  if (dataset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *uri = self->loading_file ? g_file_get_uri (self->loading_file) : NULL;
          g_autofree char *last = self->settings ? g_settings_get_string (self->settings, "last-dataset") : NULL;

          show_error (self, error->message);
          /* A remembered file that no longer loads is not tried again. */
          if (uri != NULL && g_strcmp0 (uri, last) == 0)
            g_settings_set_string (self->settings, "last-dataset", "");
        }
      return;
    }
  show_error (self, NULL);
  rex_window_set_dataset (self, dataset);
  if (self->settings != NULL)
    {
      g_autofree char *uri = self->loading_file ? g_file_get_uri (self->loading_file) : NULL;
      g_settings_set_string (self->settings, "last-dataset", uri ? uri : "");
    }
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
  show_error (self, NULL);
  rex_window_set_dataset (self, dataset);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-dataset", "");
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

  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  if (metadata == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  rex_window_show_spec (self, metadata->spec);
  if (metadata->dataset_checksum != NULL && self->dataset != NULL
      && g_strcmp0 (metadata->dataset_checksum, rex_dataset_get_checksum (self->dataset)) != 0)
    {
      g_autofree char *message = NULL;
      /* Translators: the re-opened chart was made from other data */
      message = g_strdup_printf (_("This chart was made from “%s”; it is shown with the data open now, “%s”."),
                                 metadata->dataset_title ? metadata->dataset_title : _("another dataset"),
                                 rex_dataset_get_display_title (self->dataset));
      show_notice (self, message, NULL);
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

/* --- actions --- */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  RexWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL && rex_window_file_is_table (file))
        rex_window_import_table (self, file, FALSE);
      else if (file != NULL)
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
  {
    /* Read through the Import dialog. */
    g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();

    gtk_file_filter_set_name (tables, _("Statistics tables (CSV, TSV)"));
    gtk_file_filter_add_mime_type (tables, "text/csv");
    gtk_file_filter_add_mime_type (tables, "text/tab-separated-values");
    gtk_file_filter_add_suffix (tables, "csv");
    gtk_file_filter_add_suffix (tables, "tsv");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), tables);
  }
  {
    g_autoptr(GtkFileFilter) charts = gtk_file_filter_new ();

    gtk_file_filter_set_name (charts, _("Charts exported by Region Explorer"));
    gtk_file_filter_add_mime_type (charts, "image/png");
    gtk_file_filter_add_mime_type (charts, "image/svg+xml");
    gtk_file_filter_add_suffix (charts, "png");
    gtk_file_filter_add_suffix (charts, "svg");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), charts);
  }
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
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-dataset", "");
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
  RexChartPage *page = ensure_page (REX_WINDOW (widget), RELATIONSHIPS);

  if (rex_chart_page_is_playing (page))
    rex_chart_page_stop (page);
  else
    rex_chart_page_play (page);
}

/* F6 and Shift+F6 move between the window's parts, as in other GNOME
 * applications: the sidebar, the view's controls and the chart. */
static guint
collect_panes (RexWindow *self,
               GtkWidget *panes[3])
{
  GtkWidget *page = gtk_stack_get_visible_child (self->view_stack);
  int view = chart_view_of (self, page);
  guint n = 0;

  if (gtk_widget_get_visible (rex_split_view_get_sidebar (self->split_view)))
    panes[n++] = rex_split_view_get_sidebar (self->split_view);
  if (view >= 0 && self->chart_pages[view] != NULL)
    {
      GtkWidget *toolbar = rex_chart_page_get_toolbar (self->chart_pages[view]);

      if (gtk_widget_get_visible (toolbar))
        panes[n++] = toolbar;
      panes[n++] = rex_chart_page_get_chart_view (self->chart_pages[view]);
    }
  else
    panes[n++] = page;
  return n;
}

static void
focus_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  GtkWidget *panes[3];
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint n = collect_panes (self, panes);
  gboolean back = g_str_equal (action_name, "win.focus-previous-pane");
  guint current = back ? 0 : n - 1;

  for (guint i = 0; focus != NULL && i < n; i++)
    if (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i]))
      current = i;
  for (guint step = 1; step <= n; step++)
    {
      GtkWidget *pane = panes[(current + (back ? n - step : step)) % n];

      if (gtk_widget_get_focusable (pane) ? gtk_widget_grab_focus (pane)
                                          : gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD))
        return;
    }
}

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
  show_notice (self, message, file);
}

static void
on_exported (RexExportDialog         *dialog,
             GFile                   *file,
             const RexExportSettings *settings,
             RexWindow               *self)
{
  remember_export (self, settings, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);
  RexChart *chart = rex_window_get_current_chart (self);
  g_autoptr(RexExportSettings) settings = NULL;
  RexExportDialog *dialog;

  if (chart == NULL)
    return;
  /* One Export dialog at a time: each holds its chart, and with it the
   * dataset it was made from. */
  if (self->export_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->export_dialog));
      return;
    }
  settings = saved_export_settings (self);
  dialog = rex_export_dialog_new (GTK_WINDOW (self), chart, settings);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  self->export_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->export_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
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
        show_error (data->window, error->message);
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
    show_error (self, error->message);
  else
    show_notice (self, _("Chart copied to the clipboard"), NULL);
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

static gboolean
rex_window_close_request (GtkWindow *window)
{
  RexWindow *self = REX_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (rex_window_parent_class)->close_request (window);
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
  rex_window_drop_file (self, files->data);
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
  /* The drop-down lets go of the stack's pages before the stack goes. */
  if (self->view_dropdown != NULL)
    {
      self->syncing_view = TRUE;
      gtk_drop_down_set_model (self->view_dropdown, NULL);
    }
  rex_window_import_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_WINDOW);
  memset (self->chart_pages, 0, sizeof self->chart_pages);
  g_clear_pointer (&self->entry_by_id, g_hash_table_unref);
  g_clear_object (&self->entries);
  g_clear_object (&self->filter_model);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->dataset);
  g_clear_object (&self->exported_file);
  close_profile (self);
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
  g_clear_object (&self->settings);
  g_clear_object (&self->loading_file);

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
  GTK_WINDOW_CLASS (klass)->close_request = rex_window_close_request;

  g_type_ensure (REX_TYPE_CHART_PAGE);
  g_type_ensure (REX_TYPE_OVERVIEW_PAGE);
  g_type_ensure (REX_TYPE_TABLE_PAGE);
  g_type_ensure (REX_TYPE_REGION_ENTRY);
  g_type_ensure (REX_TYPE_REGION);
  g_type_ensure (REX_TYPE_SQUEEZER);
  g_type_ensure (REX_TYPE_SPLIT_VIEW);
  g_type_ensure (REX_TYPE_TAB_STOP);

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
  BIND (view_dropdown);
  BIND (split_view);
  BIND (overview_page);
  BIND (table_page);
#undef BIND
  /* Not kept by the window, but named for the tests of its layout. */
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "view_squeezer", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "view_switcher", FALSE, 0);
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, chart_views[i].slot, FALSE,
                                               G_STRUCT_OFFSET (RexWindow, chart_slots) + i * sizeof (GtkBox *));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_region_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_chosen);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.focus-next-pane", NULL, focus_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-profile", "s", show_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-focused-profile", NULL, show_focused_profile_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-pane", NULL, focus_pane_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-again", NULL, export_again_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", NULL, open_exported_action);
  gtk_widget_class_install_action (widget_class, "win.show-exported", NULL, show_exported_action);

  rex_window_import_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.dismiss-error", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.show-focused-profile", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.focus-previous-pane", NULL);
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
  rex_a11y_name_drop_downs (GTK_WIDGET (self));
  {
    g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->view_stack);

    self->syncing_view = TRUE;
    gtk_drop_down_set_model (self->view_dropdown, G_LIST_MODEL (pages));
    self->syncing_view = FALSE;
  }
  rex_window_import_init (self);

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
  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  rex_number_format_set (g_settings_get_enum (self->settings, "number-format"));
  g_signal_connect_object (self->settings, "changed::number-format",
                           G_CALLBACK (on_number_format_changed), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (self->settings, "window-width"), 360),
                               MAX (g_settings_get_int (self->settings, "window-height"), 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  {
    g_autofree char *view = g_settings_get_string (self->settings, "view");
    self->restoring = TRUE;
    rex_window_set_view (self, view);
    self->restoring = FALSE;
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-exported", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-exported", FALSE);
  update_export_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", FALSE);

  /* Ctrl+Space plays from anywhere in Relationships: caught before the
   * focused widget (the region list or a check box would take it). */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("win.play")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

RexWindow *
rex_window_new (GtkApplication *application)
{
  return g_object_new (REX_TYPE_WINDOW, "application", application, NULL);
}
