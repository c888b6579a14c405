/* rex-application.h — the GtkApplication: actions, accelerators, windows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_APPLICATION (rex_application_get_type ())
G_DECLARE_FINAL_TYPE (RexApplication, rex_application, REX, APPLICATION, GtkApplication)

RexApplication *rex_application_new (void);

G_END_DECLS
