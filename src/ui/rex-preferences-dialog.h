/* rex-preferences-dialog.h — the Preferences window: style, number format
 * and the default export size, each bound to the application's GSettings. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_PREFERENCES_DIALOG (rex_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RexPreferencesDialog, rex_preferences_dialog, REX, PREFERENCES_DIALOG, GtkWindow)

/* A dialog bound to @settings (schema io.github.regionexplorer.RegionExplorer),
 * transient for @parent when not NULL. */
GtkWidget *rex_preferences_dialog_new          (GtkWindow *parent,
                                                GSettings *settings);
GSettings *rex_preferences_dialog_get_settings (RexPreferencesDialog *self);

G_END_DECLS
