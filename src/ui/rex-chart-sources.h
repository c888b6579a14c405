/* rex-chart-sources.h — what a chart's figures are and where they come
 * from, for the chart page's Sources panel. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

/* Pango markup: each metric the chart draws (name, unit, description),
 * then each source it cites (the citation, its address as a link, how it
 * was obtained, its note), in the order the chart's footer names them. */
char *rex_chart_format_sources_markup (RexChart *chart);

G_END_DECLS
