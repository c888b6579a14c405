/* rex-dialog-fit.h — a dialog opens no larger than its parent window. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rex_dialog_fit_parent (GtkWindow *dialog);

G_END_DECLS
