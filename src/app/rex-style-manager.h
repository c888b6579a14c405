/* rex-style-manager.h — light or dark: the user's preference, else the
 * system's colour scheme read from the settings portal, applied to GTK. */
#pragma once

#include <gtk/gtk.h>

#include "rex-app-enums.h"

G_BEGIN_DECLS

/* The "style" preference; nicks match the GSettings enum. */
typedef enum
{
  REX_STYLE_PREFERENCE_FOLLOW,
  REX_STYLE_PREFERENCE_LIGHT,
  REX_STYLE_PREFERENCE_DARK,
} RexStylePreference;

/* Values of org.freedesktop.appearance color-scheme. */
typedef enum /*< skip >*/
{
  REX_COLOR_SCHEME_NO_PREFERENCE = 0,
  REX_COLOR_SCHEME_PREFER_DARK = 1,
  REX_COLOR_SCHEME_PREFER_LIGHT = 2,
} RexColorScheme;

#define REX_TYPE_STYLE_MANAGER (rex_style_manager_get_type ())
G_DECLARE_FINAL_TYPE (RexStyleManager, rex_style_manager, REX, STYLE_MANAGER, GObject)

/* Whether the style is dark for @preference when the system reports
 * @color_scheme (any other value than 1 or 2 counts as no preference). */
gboolean            rex_style_resolve_dark                  (RexStylePreference preference,
                                                             guint32            color_scheme);

/* Applies a light or dark style to @settings (a GtkSettings): through
 * gtk-interface-color-scheme where GTK has it (4.20 and later), else
 * through gtk-application-prefer-dark-theme. */
void                rex_style_apply_dark                    (GObject         *settings,
                                                             gboolean         dark);

/* A manager that applies the style to @settings with rex_style_apply_dark(),
 * or only computes #RexStyleManager:dark when @settings is NULL. */
RexStyleManager    *rex_style_manager_new                   (GtkSettings     *settings);
RexStylePreference  rex_style_manager_get_preference        (RexStyleManager *self);
void                rex_style_manager_set_preference        (RexStyleManager *self,
                                                             RexStylePreference preference);
guint32             rex_style_manager_get_system_color_scheme (RexStyleManager *self);
/* What the portal reports; also how tests inject a value without D-Bus. */
void                rex_style_manager_set_system_color_scheme (RexStyleManager *self,
                                                             guint32          color_scheme);
gboolean            rex_style_manager_get_dark              (RexStyleManager *self);
/* Starts watching the settings portal on the session bus, asynchronously.
 * Without a bus or a portal the system scheme stays "no preference". */
void                rex_style_manager_watch_portal          (RexStyleManager *self);
/* TRUE while the portal connection or first read is in flight (for tests). */
gboolean            rex_style_manager_is_portal_pending     (RexStyleManager *self);

G_END_DECLS
