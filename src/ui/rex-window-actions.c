/* rex-window-actions.c — the region profile window, the error and notice
 * banners, and the window's actions that are neither loading nor export:
 * dismissing the banners, search, the selection, Play, moving between panes
 * (F6) and opening profiles.
 */
#include "config.h"

#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-region-profile.h"
#include "rex-region-row.h"
#include "rex-split-view.h"
#include "rex-window-private.h"

/* --- region profiles --- */

/* A profile's Chart button: the metric over the years in Trends, with the
 * region among those selected. */
static void
on_profile_chart_metric (RexRegionProfile *profile,
                         const char       *metric_id,
                         RexWindow        *self)
{
  RexRegion *region = rex_region_profile_get_region (profile);
  RexChartPage *page = rex_window_ensure_page (self, TRENDS);
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

/* A profile's Export button: the profile as a chart, in the Export dialog. */
/* The profile as a chart, with the numbers as the profile writes them;
 * NULL when it has no region or the chart cannot be made (said in the
 * banner). */
static RexChart *
profile_chart (RexWindow        *self,
               RexRegionProfile *profile)
{
  RexRegion *region = rex_region_profile_get_region (profile);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROFILE);
  const char *ids[] = { region ? rex_region_get_id (region) : NULL, NULL };
  RexChart *chart;
  g_autoptr(GError) error = NULL;

  if (region == NULL || self->dataset == NULL)
    return NULL;
  rex_chart_spec_set_regions (spec, ids);
  chart = rex_chart_new (self->dataset, spec, &error);
  if (chart == NULL)
    {
      rex_window_show_error (self, error->message);
      return NULL;
    }
  rex_chart_set_number_format (chart, rex_window_get_number_format (self));
  return chart;
}

static void
on_profile_export (RexRegionProfile *profile,
                   RexWindow        *self)
{
  g_autoptr(RexChart) chart = profile_chart (self, profile);

  if (chart != NULL)
    rex_window_export_chart (self, chart, GTK_WINDOW (profile));
}

static void
on_profile_print (RexRegionProfile *profile,
                  RexWindow        *self)
{
  g_autoptr(RexChart) chart = profile_chart (self, profile);

  if (chart != NULL)
    rex_window_print_chart (self, chart, GTK_WINDOW (profile));
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
      g_signal_connect_object (self->profile, "export", G_CALLBACK (on_profile_export), self, 0);
      g_signal_connect_object (self->profile, "print", G_CALLBACK (on_profile_print), self, 0);
    }
  rex_region_profile_set_number_format (self->profile, rex_window_get_number_format (self));
  rex_region_profile_set_region (self->profile, region);
  gtk_window_present (GTK_WINDOW (self->profile));
  return GTK_WIDGET (self->profile);
}

void
rex_window_close_profile (RexWindow *self)
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
    return rex_region_row_find_region (focus, GTK_WIDGET (self->region_list));
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

/* --- the banners --- */

/* @message: NULL to dismiss the error banner */
void
rex_window_show_error (RexWindow  *self,
                       const char *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  /* A dismissed message stays in the label while the banner fades away:
   * emptied, the label would shrink the banner mid-fade. */
  if (message != NULL)
    {
      gtk_label_set_text (self->banner_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), TRUE);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* Once faded away, the banner leaves no gap: a crossfading revealer would
 * keep its child's height. */
static void
banner_revealed_cb (RexWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->banner_revealer)
      && !gtk_revealer_get_child_revealed (self->banner_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), FALSE);
}

void
rex_window_show_file_notice (RexWindow  *self,
                             const char *message,
                             GFile      *file)
{
  g_set_object (&self->exported_file, file);
  gtk_label_set_text (self->notice_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-exported", file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-exported", file != NULL);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

void
rex_window_show_notice (RexWindow  *self,
                        const char *message)
{
  rex_window_show_file_notice (self, message, NULL);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rex_window_show_error (REX_WINDOW (widget), NULL);
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (REX_WINDOW (widget)->notice_revealer, FALSE);
}

/* --- actions --- */

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
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  rex_selection_set_ids (REX_WINDOW (widget)->selection, NULL);
}

static void
select_shown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  rex_window_select_shown (REX_WINDOW (widget));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* The view shown: the action is enabled only where it can play. */
  RexChartPage *page = REX_WINDOW (widget)->current_page;

  if (page == NULL || !rex_chart_page_can_play (page))
    return;

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
  int view = rex_window_chart_view_of (self, page);
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

/* The shortcuts window is built when first asked for. GtkApplication would
 * build it for every new window from <resource-base-path>/gtk/help-overlay.ui,
 * a tenth of a window's own start-up, to show it rarely if ever. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RexWindow *self = REX_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/rex-shortcuts-window.ui");

      self->shortcuts = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      /* Closed, it is kept for the next time, as GTK's own is. */
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
    }
  gtk_window_present (self->shortcuts);
}

void
rex_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "win.select-shown", NULL, select_shown_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.focus-next-pane", NULL, focus_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-profile", "s", show_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-focused-profile", NULL, show_focused_profile_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-pane", NULL, focus_pane_action);
  gtk_widget_class_bind_template_callback (widget_class, banner_revealed_cb);
}
