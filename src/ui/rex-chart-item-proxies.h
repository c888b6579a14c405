/* rex-chart-item-proxies.h — the proxies of a chart's data items for screen
 * readers: a list of the chart kind's role, child of the chart's widget,
 * holding one RexChartItemProxy for each item of a window of at most 64
 * around the focused one, so that a chart of 3,000 regions costs no more
 * than one of 64.
 *
 * The legend's entries, when the chart has a legend, are a list of their
 * own before the items.
 *
 * The owner lays its chart out before calling these; they read the items of
 * the chart's last layout.
 */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

typedef struct _RexChartItemProxies RexChartItemProxies;

RexChartItemProxies *rex_chart_item_proxies_new      (GtkWidget           *owner);
/* Drops the proxies and frees @self. */
void                 rex_chart_item_proxies_free     (RexChartItemProxies *self);
/* TRUE while the list is made (from the first sync until a drop). */
gboolean             rex_chart_item_proxies_is_shown (RexChartItemProxies *self);
/* Makes the proxies stand for the window of @chart's items around
 * @focus_index (< 0: none), with their roles, names and places; drops
 * them when the chart has no item. */
void                 rex_chart_item_proxies_sync     (RexChartItemProxies *self,
                                                      RexChart            *chart,
                                                      int                  focus_index);
/* The legend's entries (NULL or empty: no legend list). */
void                 rex_chart_item_proxies_set_legend (RexChartItemProxies *self,
                                                        const char * const  *entries);
/* Unparents the list and every item proxy (not the legend). */
void                 rex_chart_item_proxies_drop     (RexChartItemProxies *self);
/* Whether item @index has a proxy in the current window. */
gboolean             rex_chart_item_proxies_covers   (RexChartItemProxies *self,
                                                      int                  index);
/* Gives the keyboard focus to item @index's proxy; FALSE when it has none. */
gboolean             rex_chart_item_proxies_focus    (RexChartItemProxies *self,
                                                      int                  index);
/* Places the proxies over their items in a new layout of @chart and
 * allocates the lists over the owner's @width × @height. FALSE when the
 * number of items changed, so that the window must be synced again (not
 * during an allocation). */
gboolean             rex_chart_item_proxies_allocate (RexChartItemProxies *self,
                                                      RexChart            *chart,
                                                      int                  width,
                                                      int                  height);

G_END_DECLS
