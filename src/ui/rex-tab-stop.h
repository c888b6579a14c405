/* rex-tab-stop.h — makes what it holds a single Tab stop. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_TAB_STOP (rex_tab_stop_get_type ())
G_DECLARE_FINAL_TYPE (RexTabStop, rex_tab_stop, REX, TAB_STOP, GtkWidget)

G_END_DECLS
