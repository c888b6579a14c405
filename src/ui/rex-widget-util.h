/* rex-widget-util.h — small helpers the UI's own widgets share. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Unparents every child of @widget (for the dispose of a widget whose
 * children are its own to drop). */
void rex_widget_unparent_children (GtkWidget *widget);

G_END_DECLS
