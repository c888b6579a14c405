/* rex-search-anywhere.h — a drop-down's search that finds words anywhere
 * in a name ("GDP" finds "Share of national GDP"), not only at its start. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the drop-down's whole life, whatever model it is given later. */
void rex_drop_down_search_anywhere (GtkDropDown *drop_down);

G_END_DECLS
