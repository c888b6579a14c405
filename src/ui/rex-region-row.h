/* rex-region-row.h — a row of the region list, holding its region. */
#pragma once

#include <gtk/gtk.h>

#include "rex-region.h"

G_BEGIN_DECLS

#define REX_TYPE_REGION_ROW (rex_region_row_get_type ())
G_DECLARE_FINAL_TYPE (RexRegionRow, rex_region_row, REX, REGION_ROW, GtkBox)

RexRegion *rex_region_row_get_region   (RexRegionRow *self);
RexRegion *rex_region_row_find_region  (GtkWidget    *widget,
                                        GtkWidget    *list);

G_END_DECLS
