/* rex-chart-item-proxy.h — an invisible, focusable stand-in for a chart's
 * data item (or for the list of them) in the accessibility tree. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_CHART_ITEM_PROXY (rex_chart_item_proxy_get_type ())
G_DECLARE_FINAL_TYPE (RexChartItemProxy, rex_chart_item_proxy, REX, CHART_ITEM_PROXY, GtkWidget)

/* A list (GTK_ACCESSIBLE_ROLE_LIST, _GRID, _GROUP) or an item of one. */
GtkWidget         *rex_chart_item_proxy_new        (GtkAccessibleRole  role);
GtkAccessibleRole  rex_chart_item_proxy_get_role   (RexChartItemProxy *self);
/* Which of the chart's items the proxy stands for; -1 for a list. */
int                rex_chart_item_proxy_get_index  (RexChartItemProxy *self);
/* Names the proxy and places it over @area of its parent; a NULL @name or
 * @area leaves it as it is. The name is only sent on to assistive
 * technologies when it changed. */
void               rex_chart_item_proxy_set_item   (RexChartItemProxy     *self,
                                                    int                    index,
                                                    const char            *name,
                                                    const graphene_rect_t *area);

G_END_DECLS
