/* rex-drop-dialog.h — whether a table dropped on the window replaces the
 * data on screen or is added to it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_DROP_DIALOG (rex_drop_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RexDropDialog, rex_drop_dialog, REX, DROP_DIALOG, GtkWindow)

/* Asks whether @file replaces the data on screen or is added to it; emits
 * "chosen" with TRUE for Add, FALSE for Open, then closes. */
RexDropDialog *rex_drop_dialog_new      (GtkWindow     *parent,
                                         GFile         *file);
GFile         *rex_drop_dialog_get_file (RexDropDialog *self);
void           rex_drop_dialog_choose   (RexDropDialog *self,
                                         gboolean       add);

G_END_DECLS
