/* rex-focus-guard.h — keeps a window's previous focus widget alive until idle. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rex_focus_guard_attach (GtkWindow *window);

G_END_DECLS
