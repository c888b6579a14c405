/* rex-chart-page.h — one view of the window: the controls a chart kind
 * needs (metrics, year, scales, colour) above a RexChartView. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"
#include "rex-selection.h"

G_BEGIN_DECLS

#define REX_TYPE_CHART_PAGE (rex_chart_page_get_type ())
G_DECLARE_FINAL_TYPE (RexChartPage, rex_chart_page, REX, CHART_PAGE, GtkWidget)

RexChartKind        rex_chart_page_get_kind      (RexChartPage *self);
void                rex_chart_page_set_kind      (RexChartPage *self,
                                                  RexChartKind  kind);
void                rex_chart_page_set_dataset   (RexChartPage *self,
                                                  RexDataset   *dataset,
                                                  RexSelection *selection);
/* The chart shown (NULL while there is no dataset). */
RexChart           *rex_chart_page_get_chart     (RexChartPage *self);
/* The spec the controls describe; NULL without a dataset. */
RexChartSpec       *rex_chart_page_dup_spec      (RexChartPage *self);
/* Sets the controls from @spec (metrics, year, options); the selection is the
 * window's and is set there. */
void                rex_chart_page_apply_spec    (RexChartPage       *self,
                                                  const RexChartSpec *spec);
GtkWidget          *rex_chart_page_get_chart_view (RexChartPage *self);
GtkWidget          *rex_chart_page_get_toolbar    (RexChartPage *self);
/* Draws the chart again from the same controls (e.g. after the number
 * format preference changed). */
void                rex_chart_page_refresh       (RexChartPage *self);
/* Year animation: play from the current year to the last, bubbles through
 * the states between two years, Compare's bars and the map a whole year at
 * a time. */
gboolean            rex_chart_page_can_play      (RexChartPage *self);
void                rex_chart_page_play          (RexChartPage *self);
void                rex_chart_page_stop          (RexChartPage *self);
gboolean            rex_chart_page_is_playing    (RexChartPage *self);

G_END_DECLS
