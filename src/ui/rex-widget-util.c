/* rex-widget-util.c — small helpers the UI's own widgets share. */
#include "config.h"

#include "rex-widget-util.h"

void
rex_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
