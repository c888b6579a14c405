/* rex-chart-item-menu.h — what a chart's data item offers a person: its
 * context menu (Show Profile, Select or Deselect the region, Copy Value)
 * and its tooltip's text. */
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
/* An item's tooltip: its name, then "metric, year: value" with the
 * value's unit ("Guangdong\nGDP, 2024: 141,489 (100 million yuan)"). */
char             *rex_chart_item_format_tooltip (RexChart           *chart,
                                                 const RexChartItem *item);
/* The menu, for tests: a GtkPopoverMenu. */
GtkWidget        *rex_chart_item_menu_get_popover (RexChartItemMenu *self);

G_END_DECLS
