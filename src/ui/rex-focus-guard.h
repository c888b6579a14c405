/* rex-focus-guard.h — keeps a window's previous focus widget alive until idle,
 * and gives up the primary selection of its labels when it goes. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rex_focus_guard_attach (GtkWindow *window);

G_END_DECLS
