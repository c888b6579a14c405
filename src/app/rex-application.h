/* rex-application.h — the GtkApplication: actions, accelerators, windows. */
#pragma once

#include <gtk/gtk.h>

#include "rex-style-manager.h"

G_BEGIN_DECLS

#define REX_TYPE_APPLICATION (rex_application_get_type ())
G_DECLARE_FINAL_TYPE (RexApplication, rex_application, REX, APPLICATION, GtkApplication)

RexApplication  *rex_application_new               (void);
/* The settings (schema SETTINGS_SCHEMA_ID); NULL before startup. */
GSettings       *rex_application_get_settings      (RexApplication *self);
/* Light/dark: the "style" preference and the system's colour scheme. */
RexStyleManager *rex_application_get_style_manager (RexApplication *self);

G_END_DECLS
