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
 *
 * This file holds the class, its construction and disposal, the views and
 * the dataset on screen; the rest is in the files named in
 * rex-window-private.h, around the struct they share.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rex-a11y.h"
#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-export-dialog.h"
#include "rex-focus-guard.h"
#include "rex-overview-page.h"
#include "rex-region-profile.h"
#include "rex-region-row.h"
#include "rex-search-anywhere.h"
#include "rex-squeezer.h"
#include "rex-tab-stop.h"
#include "rex-table-page.h"
#include "rex-widget-util.h"
#include "rex-window-private.h"

G_DEFINE_FINAL_TYPE (RexWindow, rex_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

RexNumberFormat
rex_window_get_number_format (RexWindow *self)
{
  return g_settings_get_enum (self->settings, "number-format");
}

static void
set_page_number_format (RexWindow    *self,
                        RexChartPage *page)
{
  rex_chart_view_set_number_format (REX_CHART_VIEW (rex_chart_page_get_chart_view (page)),
                                    rex_window_get_number_format (self));
}

/* The page of chart view i, made and filled if it is not yet. */
RexChartPage *
rex_window_ensure_page (RexWindow *self,
                        guint      i)
{
  RexChartPage *page;

  g_return_val_if_fail (i < N_CHART_VIEWS, NULL);
  if (self->chart_pages[i] != NULL)
    return self->chart_pages[i];

  page = g_object_new (REX_TYPE_CHART_PAGE, "kind", rex_chart_kind_to_string (chart_views[i].kind),
                       "hexpand", TRUE, "vexpand", TRUE, NULL);
  self->chart_pages[i] = page;
  set_page_number_format (self, page);
  gtk_box_append (self->chart_slots[i], GTK_WIDGET (page));
  if (self->dataset != NULL)
    {
      gboolean restoring = self->restoring;

      self->restoring = TRUE;
      rex_chart_page_set_dataset (page, self->dataset, self->selection);
      rex_window_restore_page_state (self, page);
      self->restoring = restoring;
    }
  g_signal_connect_swapped (page, "spec-changed", G_CALLBACK (on_page_spec_changed), self);
  return page;
}

/* Which chart view's slot @child is, or -1. */
int
rex_window_chart_view_of (RexWindow *self,
                          GtkWidget *child)
{
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (child == GTK_WIDGET (self->chart_slots[i]))
      return (int) i;
  return -1;
}

/* Every view writes numbers in the preferred format: the styles of the
 * charts carry it, and each view draws its chart again. */
static void
on_number_format_changed (RexWindow *self)
{
  RexNumberFormat format = rex_window_get_number_format (self);

  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (self->chart_pages[i] != NULL)
      set_page_number_format (self, self->chart_pages[i]);
  rex_overview_page_set_number_format (self->overview_page, format);
  if (self->profile != NULL)
    rex_region_profile_set_number_format (self->profile, format);
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

/* The narrow window's view drop-down lists the stack's pages, in the order
 * of view_names; it is bound to the "view" property both ways. */
static gboolean
view_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *name = g_value_get_string (from);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (view_names); i++)
    if (g_str_equal (name, view_names[i]))
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

/* Nothing while the drop-down has no page chosen (or no pages). */
static gboolean
position_to_view (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  guint i = g_value_get_uint (from);

  if (i >= G_N_ELEMENTS (view_names))
    return FALSE;
  g_value_set_static_string (to, view_names[i]);
  return TRUE;
}

static void
on_view_changed (RexWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->view_stack);
  int view = rex_window_chart_view_of (self, child);

  if (view >= 0)
    self->current_page = rex_window_ensure_page (self, view);
  else if (child != GTK_WIDGET (self->table_page))
    self->current_page = NULL;
  update_table (self);
  update_export_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play",
                                 view >= 0 && rex_chart_page_can_play (self->current_page));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
update_export_actions (RexWindow *self)
{
  gboolean can_export = rex_window_get_current_chart (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-again", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", can_export);
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
  rex_window_save_page_state (self, page);
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
  const char *name;

  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  name = self->view_stack != NULL ? gtk_stack_get_visible_child_name (self->view_stack) : NULL;
  return name != NULL ? name : "";
}

GtkWidget *
rex_window_get_chart_view (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return rex_chart_page_get_chart_view (self->current_page ? self->current_page : rex_window_ensure_page (self, COMPARE));
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
      return GTK_WIDGET (rex_window_ensure_page (self, i));
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
    if (chart_views[i].kind == spec->kind
        /* A composition is one of Compare's charts. */
        || (chart_views[i].kind == REX_CHART_KIND_BARS && spec->kind == REX_CHART_KIND_SHARES
            && spec->shares_mode == REX_SHARES_MODE_COMPOSITION))
      {
        RexChartPage *page = rex_window_ensure_page (self, i);

        rex_selection_set_ids (self->selection, (const char * const *) spec->regions);
        rex_chart_page_apply_spec (page, spec);
        gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->chart_slots[i]));
        return;
      }
  if (spec->kind == REX_CHART_KIND_TABLE)
    rex_window_set_view (self, "table");
}

/* --- datasets --- */

void
rex_window_set_dataset (RexWindow  *self,
                        RexDataset *dataset)
{
  g_autofree char *title = NULL;

  g_return_if_fail (REX_IS_WINDOW (self));
  g_return_if_fail (REX_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;
  /* A profile shows the old dataset's region: it goes with it. */
  rex_window_close_profile (self);

  /* Ids of another dataset mean nothing here; the saved selection comes
   * back in restore_state() where this dataset has those ids. */
  self->restoring = TRUE;
  rex_selection_set_ids (self->selection, NULL);
  self->restoring = FALSE;

  /* The group filter first: it points at the old dataset's regions, which
   * may be gone once the list below is replaced and filtered again. */
  rex_window_fill_group_filter (self);

  rex_window_fill_region_list (self, dataset);
  rex_overview_page_set_dataset (self->overview_page, dataset);
  self->restoring = TRUE;
  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (self->chart_pages[i] != NULL)
      rex_chart_page_set_dataset (self->chart_pages[i], dataset, self->selection);
  self->restoring = FALSE;
  rex_window_restore_state (self);

  /* Translators: window title: "Region Explorer — China regional development" */
  title = g_strdup_printf (_("Region Explorer — %s"), rex_dataset_get_display_title (dataset));
  gtk_window_set_title (GTK_WINDOW (self), title);
  rex_window_update_region_count (self);
  update_table (self);
}

RexDataset *
rex_window_get_dataset (RexWindow *self)
{
  g_return_val_if_fail (REX_IS_WINDOW (self), NULL);
  return self->dataset;
}

/* --- GObject --- */

static void
rex_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, rex_window_get_view (REX_WINDOW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      /* A name of no view (an old setting, say) leaves the view as it is. */
      rex_window_set_view (REX_WINDOW (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_window_dispose (GObject *object)
{
  RexWindow *self = REX_WINDOW (object);

  /* Taking the views down changes the visible one: not a choice to save. */
  g_settings_unbind (self, "view");
  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  /* The drop-down lets go of the stack's pages before the stack goes. */
  if (self->view_dropdown != NULL)
    gtk_drop_down_set_model (self->view_dropdown, NULL);
  rex_window_import_dispose (self);
  rex_window_recent_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_WINDOW);
  memset (self->chart_pages, 0, sizeof self->chart_pages);
  g_clear_pointer (&self->entry_by_id, g_hash_table_unref);
  g_clear_object (&self->entries);
  g_clear_object (&self->filter_model);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->dataset);
  rex_window_close_profile (self);
  if (self->shortcuts != NULL)
    gtk_window_destroy (self->shortcuts);
  g_clear_object (&self->shortcuts);
  rex_window_export_dispose (self);
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

  object_class->get_property = rex_window_get_property;
  object_class->set_property = rex_window_set_property;
  object_class->dispose = rex_window_dispose;
  object_class->finalize = rex_window_finalize;

  /**
   * RexWindow:view:
   *
   * The name of the view shown, as rex_window_set_view() takes it; the
   * "win.view" action sets it and has it as its state.
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "overview",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REX_TYPE_CHART_PAGE);
  g_type_ensure (REX_TYPE_OVERVIEW_PAGE);
  g_type_ensure (REX_TYPE_TABLE_PAGE);
  g_type_ensure (REX_TYPE_REGION_ENTRY);
  g_type_ensure (REX_TYPE_REGION);
  g_type_ensure (REX_TYPE_REGION_ROW);
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
  rex_window_regions_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  rex_window_load_class_init (widget_class);
  rex_window_actions_class_init (widget_class);
  rex_window_export_class_init (widget_class);

  rex_window_import_class_init (widget_class);
  rex_window_recent_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.dismiss-error", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
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
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  rex_focus_guard_attach (GTK_WINDOW (self));
  rex_a11y_name_drop_downs (GTK_WIDGET (self));
  rex_widget_show_ellipsized_text (GTK_WIDGET (self));
  rex_drop_down_search_anywhere (self->group_dropdown);
  {
    g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->view_stack);

    gtk_drop_down_set_model (self->view_dropdown, G_LIST_MODEL (pages));
    g_object_bind_property_full (self, "view", self->view_dropdown, "selected",
                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                 view_to_position, position_to_view, NULL, NULL);
  }
  rex_window_import_init (self);
  rex_window_recent_init (self);

  rex_window_regions_init (self);

  self->current_page = NULL;
  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  rex_overview_page_set_number_format (self->overview_page, rex_window_get_number_format (self));
  g_signal_connect_object (self->settings, "changed::number-format",
                           G_CALLBACK (on_number_format_changed), self, G_CONNECT_SWAPPED);
  rex_window_state_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-exported", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-exported", FALSE);
  update_export_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-shown", FALSE);

  /* Ctrl+Space plays from anywhere in Relationships and the map: caught before the
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
  g_signal_connect (drop, "drop", G_CALLBACK (rex_window_on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

RexWindow *
rex_window_new (GtkApplication *application)
{
  return g_object_new (REX_TYPE_WINDOW, "application", application, NULL);
}
