/* rex-chart-view.h — a widget showing a RexChart: draws it through the render
 * layer, caches the drawing, and adds hover, tooltips, selection by click and
 * keyboard navigation between data items. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_CHART_VIEW (rex_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RexChartView, rex_chart_view, REX, CHART_VIEW, GtkWidget)

GtkWidget *rex_chart_view_new           (void);
/* The chart shown, or NULL. */
RexChart  *rex_chart_view_get_chart     (RexChartView *self);
void       rex_chart_view_set_chart     (RexChartView *self,
                                         RexChart     *chart);
/* The style the chart is drawn with (follows the widget's light/dark theme). */
const RexChartStyle *rex_chart_view_get_style (RexChartView *self);
/* How the chart writes numbers (the style's number format; AUTO at first). */
void       rex_chart_view_set_number_format (RexChartView    *self,
                                             RexNumberFormat  format);
/* Keyboard focus / hover item index, -1 when none. */
int        rex_chart_view_get_focus_index (RexChartView *self);
void       rex_chart_view_set_focus_index (RexChartView *self,
                                           int           index);
/* How many times the chart itself (not the hover) was rendered; for tests
 * and benchmarks that check hovering does not redraw the chart. */
guint      rex_chart_view_get_render_count (RexChartView *self);

G_END_DECLS
