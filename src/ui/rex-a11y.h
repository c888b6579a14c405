/* rex-a11y.h — accessibility fixes that templates cannot express on GTK 4.8. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rex_a11y_name_drop_downs (GtkWidget *root);

G_END_DECLS
