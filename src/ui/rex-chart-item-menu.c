/* rex-chart-item-menu.c — the context menu of a chart's data items.
 *
 * The menu (ui/rex-chart-item-menu.ui) acts on one item, the one it was
 * opened for: its actions live in an "item" action group on the chart view
 * and are enabled for what the item has (a region, a value), so a hub's
 * dot offers no profile and a "no data" bar nothing to copy. Show Profile
 * goes through the window's win.show-profile, as Alt+Return does;
 * Select and Deselect through the view's item-activated, as Enter does.
 * The menu opens on a right-click on an item, and with Menu or Shift+F10
 * (item.popup) for the focused one.
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

/* Show Profile, Select and Deselect: each acts on the region of the item
 * the menu was opened for, and does nothing for an item that is no region
 * (a hub's dot) or when the chart has changed since. */
static void
region_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  RexChartItemMenu *self = user_data;
  RexChartItem item;

  if (!current_item (self, &item) || item.region == NULL)
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "show-profile"))
    gtk_widget_activate_action (GTK_WIDGET (self->view), "win.show-profile", "s", rex_region_get_id (item.region));
  else
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

  if (!current_item (self, &item) || isnan (item.value))
    return;
  text = rex_chart_format_item_value (rex_chart_view_get_chart (self->view), &item);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->view)), text);
}

/* Menu and Shift+F10: the focused item's menu, at the item (the first
 * item's when none has the focus yet). */
static void
popup_for_focus (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RexChartItemMenu *self = user_data;
  RexChart *chart = rex_chart_view_get_chart (self->view);
  RexChartItem item;

  if (chart == NULL || rex_chart_get_n_items (chart) == 0)
    return;
  if (rex_chart_view_get_focus_index (self->view) < 0)
    rex_chart_view_set_focus_index (self->view, 0);
  if (rex_chart_get_item (chart, rex_chart_view_get_focus_index (self->view), &item))
    rex_chart_item_menu_popup (self, item.index, item.x, item.y);
}

/* A right-click on an item focuses it and opens its menu there. */
static void
on_secondary_pressed (GtkGestureClick  *gesture,
                      int               n_press,
                      double            x,
                      double            y,
                      RexChartItemMenu *self)
{
  RexChart *chart = rex_chart_view_get_chart (self->view);
  RexChartItem item;

  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  if (chart == NULL || !rex_chart_hit_test (chart, x, y, &item))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  rex_chart_view_set_focus_index (self->view, item.index);
  rex_chart_item_menu_popup (self, item.index, x, y);
}

char *
rex_chart_item_format_tooltip (RexChart           *chart,
                               const RexChartItem *item)
{
  RexMetric *metric = item->metric_id ? rex_dataset_lookup_metric (rex_chart_get_dataset (chart), item->metric_id)
                                      : NULL;
  const char *name = item->region ? rex_region_get_display_name (item->region) : item->label;
  g_autofree char *value = rex_chart_format_item_value (chart, item);
  g_autofree char *year = rex_format_year (item->year);
  g_autofree char *change = NULL;

  if (metric == NULL)
    return g_strdup_printf ("%s\n%s", name ? name : "", value);
  if (isnan (item->value))
    /* Translators: tooltip: region name, metric, year, "no data" */
    return g_strdup_printf (_("%s\n%s, %s: no data"), name, rex_metric_get_display_name (metric), year);
  /* What the chart plots of the figure, when not the figure itself. */
  change = rex_chart_describe_item_change (chart, item);
  if (change != NULL)
    /* Translators: tooltip of a point plotting a change: region name,
       "metric, year: value", then the change:
       "Guangdong\nGDP, 2020: 113,709 (100 million yuan)\n+142.9 % since 2010" */
    return g_strdup_printf (_("%s\n%s, %s: %s\n%s"), name, rex_metric_get_display_name (metric), year, value,
                            change);
  /* Translators: tooltip: region name, then "metric, year: value", the
     value with its unit: "Guangdong\nGDP, 2024: 141,489 (100 million yuan)" */
  return g_strdup_printf (_("%s\n%s, %s: %s"), name, rex_metric_get_display_name (metric), year, value);
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
    { "show-profile", region_action },
    { "select", region_action },
    { "deselect", region_action },
    { "copy-value", copy_value },
    { "popup", popup_for_focus },
  };
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
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

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          gtk_named_action_new ("item.popup")));
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
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
