/* rex-chart-item-proxy.c — an invisible, focusable stand-in for a chart's
 * data item in the accessibility tree.
 *
 * GTK 4.8 has no way to give a widget accessible children of its own making
 * (GtkAccessible can be implemented by applications only from 4.10), so the
 * chart view exposes the items a user moves through as these small widgets:
 * each has the role of its kind of item, a sentence for a name and the
 * keyboard focus while its item is the focused one, so a screen reader hears
 * a focus event and reads the item. They draw nothing (the chart draws its
 * own focus mark) and the pointer passes through them to the chart.
 *
 * A proxy with a list role holds the item proxies and places each over the
 * area of its item.
 */
#include "config.h"

#include <math.h>

#include "rex-chart-item-proxy.h"
#include "rex-widget-util.h"

struct _RexChartItemProxy
{
  GtkWidget        parent_instance;

  int              index;
  char            *name;
  graphene_rect_t  area;
};

G_DEFINE_FINAL_TYPE (RexChartItemProxy, rex_chart_item_proxy, GTK_TYPE_WIDGET)

static void
rex_chart_item_proxy_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RexChartItemProxy *item = REX_CHART_ITEM_PROXY (child);
      const graphene_rect_t *area = &item->area;
      int w = MIN ((int) ceil (area->size.width), width);
      int h = MIN ((int) ceil (area->size.height), height);
      int x = CLAMP ((int) floor (area->origin.x), 0, MAX (width - w, 0));
      int y = CLAMP ((int) floor (area->origin.y), 0, MAX (height - h, 0));

      gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, MAX (w, 1), MAX (h, 1) }, -1);
    }
}

/* Items are reached with the arrow keys, through the chart: Tab leaves the
 * chart rather than visiting each of them. */
static gboolean
rex_chart_item_proxy_focus (GtkWidget        *widget,
                            GtkDirectionType  direction)
{
  if (REX_CHART_ITEM_PROXY (widget)->index < 0)
    return FALSE;
  if (gtk_widget_has_focus (widget))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

static void
rex_chart_item_proxy_dispose (GObject *object)
{
  rex_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (rex_chart_item_proxy_parent_class)->dispose (object);
}

static void
rex_chart_item_proxy_finalize (GObject *object)
{
  g_free (REX_CHART_ITEM_PROXY (object)->name);
  G_OBJECT_CLASS (rex_chart_item_proxy_parent_class)->finalize (object);
}

static void
rex_chart_item_proxy_class_init (RexChartItemProxyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_chart_item_proxy_dispose;
  object_class->finalize = rex_chart_item_proxy_finalize;
  /* GtkWidget's own measure asks for no room: the parent places a proxy
   * over its item, whatever size that is. */
  widget_class->size_allocate = rex_chart_item_proxy_size_allocate;
  widget_class->focus = rex_chart_item_proxy_focus;
  gtk_widget_class_set_css_name (widget_class, "rexchartitem");
}

static void
rex_chart_item_proxy_init (RexChartItemProxy *self)
{
  self->index = -1;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
rex_chart_item_proxy_new (GtkAccessibleRole role)
{
  return g_object_new (REX_TYPE_CHART_ITEM_PROXY, "accessible-role", role, NULL);
}

GtkAccessibleRole
rex_chart_item_proxy_get_role (RexChartItemProxy *self)
{
  g_return_val_if_fail (REX_IS_CHART_ITEM_PROXY (self), GTK_ACCESSIBLE_ROLE_NONE);
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (self));
}

int
rex_chart_item_proxy_get_index (RexChartItemProxy *self)
{
  g_return_val_if_fail (REX_IS_CHART_ITEM_PROXY (self), -1);
  return self->index;
}

void
rex_chart_item_proxy_set_item (RexChartItemProxy     *self,
                               int                    index,
                               const char            *name,
                               const graphene_rect_t *area)
{
  g_return_if_fail (REX_IS_CHART_ITEM_PROXY (self));

  self->index = index;
  gtk_widget_set_focusable (GTK_WIDGET (self), index >= 0);
  if (name != NULL && g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  if (area != NULL && !graphene_rect_equal (&self->area, area))
    {
      self->area = *area;
      if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
        gtk_widget_queue_allocate (gtk_widget_get_parent (GTK_WIDGET (self)));
    }
}
