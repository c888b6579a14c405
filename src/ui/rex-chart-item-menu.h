/* rex-chart-item-menu.h — the context menu of a chart's data items:
 * Show Profile, Select or Deselect the region, Copy Value. */
#pragma once

#include "rex-chart-view.h"

G_BEGIN_DECLS

typedef struct _RexChartItemMenu RexChartItemMenu;

/* Adds the "item" actions to @view and a menu parented to it; free in the
 * view's dispose, which unparents the menu. */
RexChartItemMenu *rex_chart_item_menu_new   (RexChartView     *view);
void              rex_chart_item_menu_free  (RexChartItemMenu *self);
/* Opens the menu for item @index, pointing at (@x, @y) in the view. */
void              rex_chart_item_menu_popup (RexChartItemMenu *self,
                                             guint             index,
                                             double            x,
                                             double            y);
/* The menu, for tests: a GtkPopoverMenu. */
GtkWidget        *rex_chart_item_menu_get_popover (RexChartItemMenu *self);

G_END_DECLS
