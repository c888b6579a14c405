/* rex-chart-item-menu.c — the context menu of a chart's data items.
 *
 * The menu (ui/rex-chart-item-menu.ui) acts on one item, the one it was
 * opened for: its actions live in an "item" action group on the chart view
 * and are enabled for what the item has (a region, a value), so a hub's
 * dot offers no profile and a "no data" bar nothing to copy. Show Profile
 * goes through the window's win.show-profile, as Alt+Return does;
 * Select and Deselect through the view's item-activated, as Enter does.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-item-menu.h"

struct _RexChartItemMenu
{
  RexChartView       *view;     /* not a reference: the view owns the menu */
  GtkWidget          *popover;
  GSimpleActionGroup *actions;
  guint               index;    /* the item the menu was opened for */
};

static gboolean
current_item (RexChartItemMenu *self,
              RexChartItem     *item)
{
  RexChart *chart = rex_chart_view_get_chart (self->view);

  return chart != NULL && rex_chart_get_item (chart, self->index, item);
}

static void
show_profile (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RexChartItemMenu *self = user_data;
  RexChartItem item;

  if (current_item (self, &item) && item.region != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->view), "win.show-profile", "s",
                                rex_region_get_id (item.region));
}

static void
toggle_selection (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  RexChartItemMenu *self = user_data;
  RexChartItem item;

  if (current_item (self, &item) && item.region != NULL)
    g_signal_emit_by_name (self->view, "item-activated", self->index);
}

static void
copy_value (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  RexChartItemMenu *self = user_data;
  g_autofree char *text = NULL;
  RexChartItem item;
  RexMetric *metric;
  RexSeries *series;
  const RexDatum *datum = NULL;

  if (!current_item (self, &item) || isnan (item.value) || item.metric_id == NULL)
    return;
  metric = rex_dataset_lookup_metric (rex_chart_get_dataset (rex_chart_view_get_chart (self->view)),
                                      item.metric_id);
  if (metric == NULL)
    return;
  series = item.region ? rex_region_get_series (item.region, item.metric_id) : NULL;
  if (series != NULL)
    datum = rex_series_get_datum (series, item.year);
  text = rex_format_quantity (metric, item.value, datum ? datum->qualifier : REX_QUALIFIER_EXACT);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->view)), text);
}

static void
enable (RexChartItemMenu *self,
        const char       *name,
        gboolean          enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

RexChartItemMenu *
rex_chart_item_menu_new (RexChartView *view)
{
  static const GActionEntry entries[] = {
    { "show-profile", show_profile },
    { "select", toggle_selection },
    { "deselect", toggle_selection },
    { "copy-value", copy_value },
  };
  RexChartItemMenu *self = g_new0 (RexChartItemMenu, 1);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/rex-chart-item-menu.ui");

  self->view = view;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "item", G_ACTION_GROUP (self->actions));
  self->popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (gtk_builder_get_object (builder, "item_menu")));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (view));
  return self;
}

void
rex_chart_item_menu_free (RexChartItemMenu *self)
{
  if (self == NULL)
    return;
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "item", NULL);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->actions);
  g_free (self);
}

void
rex_chart_item_menu_popup (RexChartItemMenu *self,
                           guint             index,
                           double            x,
                           double            y)
{
  RexChart *chart = rex_chart_view_get_chart (self->view);
  RexChartItem item;
  gboolean selected;

  g_return_if_fail (self != NULL);

  self->index = index;
  if (!current_item (self, &item))
    return;
  selected = item.region != NULL
             && rex_chart_spec_has_region (rex_chart_get_spec (chart), rex_region_get_id (item.region));
  enable (self, "show-profile", item.region != NULL);
  enable (self, "select", item.region != NULL && !selected);
  enable (self, "deselect", item.region != NULL && selected);
  enable (self, "copy-value", item.metric_id != NULL && !isnan (item.value));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

GtkWidget *
rex_chart_item_menu_get_popover (RexChartItemMenu *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->popover;
}
