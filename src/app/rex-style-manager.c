/* rex-style-manager.c — light or dark style.
 *
 * GTK 4.8 does not read the desktop's colour scheme itself (libadwaita does,
 * and we do not use it), so the system preference is read here from the
 * settings portal — org.freedesktop.portal.Settings, namespace
 * org.freedesktop.appearance, key color-scheme — and followed live through
 * its SettingChanged signal. The portal is the one interface that works
 * both in a Flatpak sandbox and on the host. The user's choice in
 * Preferences (follow / light / dark) wins over the system. The result is
 * applied to GtkSettings (rex_style_apply_dark()); chart views follow the
 * theme's colours on css-changed. */
#include "config.h"

#include "rex-style-manager.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS_INTERFACE "org.freedesktop.portal.Settings"
#define APPEARANCE_NAMESPACE "org.freedesktop.appearance"
#define COLOR_SCHEME_KEY "color-scheme"

struct _RexStyleManager
{
  GObject parent_instance;

  GtkSettings *settings;          /* nullable */
  GDBusProxy *portal;
  GCancellable *cancellable;
  RexStylePreference preference;
  guint32 system_color_scheme;
  gboolean dark;
  gboolean portal_pending;
};

G_DEFINE_FINAL_TYPE (RexStyleManager, rex_style_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PREFERENCE,
  PROP_SYSTEM_COLOR_SCHEME,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
rex_style_resolve_dark (RexStylePreference preference,
                        guint32            color_scheme)
{
  switch (preference)
    {
    case REX_STYLE_PREFERENCE_LIGHT:
      return FALSE;
    case REX_STYLE_PREFERENCE_DARK:
      return TRUE;
    case REX_STYLE_PREFERENCE_FOLLOW:
    default:
      return color_scheme == REX_COLOR_SCHEME_PREFER_DARK;
    }
}

/* GtkInterfaceColorScheme's values (GTK 4.20), which the 4.8 headers do
 * not have. */
#define INTERFACE_COLOR_SCHEME_DARK 2
#define INTERFACE_COLOR_SCHEME_LIGHT 3

void
rex_style_apply_dark (GObject  *settings,
                      gboolean  dark)
{
  /* From GTK 4.20 the theme follows gtk-interface-color-scheme, which GTK
   * itself fills with the system's scheme, and gtk-application-prefer-dark-theme
   * only asks for dark: with the old setting alone, a user who chose Light
   * on a dark desktop would get a dark window. The property is looked up at
   * run time, so the build stays on the 4.8 API and a 4.8 library takes the
   * old path. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (settings), "gtk-interface-color-scheme") != NULL)
    {
      int wanted = dark ? INTERFACE_COLOR_SCHEME_DARK : INTERFACE_COLOR_SCHEME_LIGHT;
      int current = 0;

      g_object_get (settings, "gtk-interface-color-scheme", &current, NULL);
      if (current != wanted)
        g_object_set (settings, "gtk-interface-color-scheme", wanted, NULL);
    }
  else
    {
      gboolean current = FALSE;

      g_object_get (settings, "gtk-application-prefer-dark-theme", &current, NULL);
      if (current != dark)
        g_object_set (settings, "gtk-application-prefer-dark-theme", dark, NULL);
    }
}

static void
update_dark (RexStyleManager *self)
{
  gboolean dark = rex_style_resolve_dark (self->preference, self->system_color_scheme);

  /* Applied even when unchanged the first time, so the GtkSettings value
   * always reflects the manager and not a stale settings.ini. */
  if (self->settings != NULL)
    rex_style_apply_dark (G_OBJECT (self->settings), dark);
  if (dark == self->dark)
    return;
  self->dark = dark;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

/* The portal's Read wraps the value in one variant more than ReadOne does
 * (and old portals in two): take off every layer. */
static GVariant *
unwrap_variant (GVariant *value)
{
  g_autoptr(GVariant) current = g_variant_ref (value);

  while (g_variant_is_of_type (current, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (current);

      g_variant_unref (current);
      current = inner;
    }
  return g_steal_pointer (&current);
}

static void
apply_portal_value (RexStyleManager *self,
                    GVariant        *value)
{
  g_autoptr(GVariant) inner = unwrap_variant (value);

  if (g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    rex_style_manager_set_system_color_scheme (self, g_variant_get_uint32 (inner));
  else
    g_debug ("Settings portal: %s has type %s, expected u",
             COLOR_SCHEME_KEY, g_variant_get_type_string (inner));
}

static void
portal_signal_cb (GDBusProxy *proxy,
                  const char *sender_name,
                  const char *signal_name,
                  GVariant   *parameters,
                  gpointer    user_data)
{
  RexStyleManager *self = user_data;
  const char *namespace, *key;
  g_autoptr(GVariant) value = NULL;

  if (g_strcmp0 (signal_name, "SettingChanged") != 0
      || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE_NAMESPACE) && g_str_equal (key, COLOR_SCHEME_KEY))
    apply_portal_value (self, value);
}

static void
portal_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RexStyleManager) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &error);

  self->portal_pending = FALSE;
  if (reply == NULL)
    {
      /* No portal, or an old one without the appearance namespace: follow
       * "no preference", which is light. Not worth a warning. */
      g_debug ("Settings portal: cannot read the colour scheme: %s", error->message);
      return;
    }
  if (g_variant_is_of_type (reply, G_VARIANT_TYPE ("(v)")))
    {
      g_autoptr(GVariant) value = g_variant_get_child_value (reply, 0);
      apply_portal_value (self, value);
    }
}

static void
portal_proxy_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RexStyleManager) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusProxy *proxy = g_dbus_proxy_new_for_bus_finish (result, &error);

  if (proxy == NULL)
    {
      /* No session bus (tests run with DBUS_SESSION_BUS_ADDRESS=disabled:),
       * or it went away: stay with the preference alone. */
      g_debug ("Settings portal: no connection: %s", error->message);
      self->portal_pending = FALSE;
      return;
    }
  self->portal = proxy;
  g_signal_connect_object (proxy, "g-signal", G_CALLBACK (portal_signal_cb), self, 0);
  g_dbus_proxy_call (proxy, "Read",
                     g_variant_new ("(ss)", APPEARANCE_NAMESPACE, COLOR_SCHEME_KEY),
                     G_DBUS_CALL_FLAGS_NONE, 5000, self->cancellable,
                     portal_read_cb, g_object_ref (self));
}

void
rex_style_manager_watch_portal (RexStyleManager *self)
{
  g_return_if_fail (REX_IS_STYLE_MANAGER (self));

  if (self->portal != NULL || self->portal_pending)
    return;
  self->portal_pending = TRUE;
  g_dbus_proxy_new_for_bus (G_BUS_TYPE_SESSION,
                            G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES,
                            NULL,
                            PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_SETTINGS_INTERFACE,
                            self->cancellable, portal_proxy_cb, g_object_ref (self));
}

gboolean
rex_style_manager_is_portal_pending (RexStyleManager *self)
{
  g_return_val_if_fail (REX_IS_STYLE_MANAGER (self), FALSE);

  return self->portal_pending;
}

RexStylePreference
rex_style_manager_get_preference (RexStyleManager *self)
{
  g_return_val_if_fail (REX_IS_STYLE_MANAGER (self), REX_STYLE_PREFERENCE_FOLLOW);

  return self->preference;
}

void
rex_style_manager_set_preference (RexStyleManager    *self,
                                  RexStylePreference  preference)
{
  g_return_if_fail (REX_IS_STYLE_MANAGER (self));
  g_return_if_fail (preference <= REX_STYLE_PREFERENCE_DARK);

  if (self->preference == preference)
    return;
  self->preference = preference;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFERENCE]);
  update_dark (self);
}

guint32
rex_style_manager_get_system_color_scheme (RexStyleManager *self)
{
  g_return_val_if_fail (REX_IS_STYLE_MANAGER (self), REX_COLOR_SCHEME_NO_PREFERENCE);

  return self->system_color_scheme;
}

void
rex_style_manager_set_system_color_scheme (RexStyleManager *self,
                                           guint32          color_scheme)
{
  g_return_if_fail (REX_IS_STYLE_MANAGER (self));

  /* The portal documents 0–2; anything newer is treated as no preference. */
  if (color_scheme > REX_COLOR_SCHEME_PREFER_LIGHT)
    color_scheme = REX_COLOR_SCHEME_NO_PREFERENCE;
  if (self->system_color_scheme == color_scheme)
    return;
  self->system_color_scheme = color_scheme;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_COLOR_SCHEME]);
  update_dark (self);
}

gboolean
rex_style_manager_get_dark (RexStyleManager *self)
{
  g_return_val_if_fail (REX_IS_STYLE_MANAGER (self), FALSE);

  return self->dark;
}

static void
rex_style_manager_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RexStyleManager *self = REX_STYLE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_PREFERENCE:
      g_value_set_enum (value, self->preference);
      break;
    case PROP_SYSTEM_COLOR_SCHEME:
      g_value_set_uint (value, self->system_color_scheme);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_style_manager_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RexStyleManager *self = REX_STYLE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_PREFERENCE:
      rex_style_manager_set_preference (self, g_value_get_enum (value));
      break;
    case PROP_SYSTEM_COLOR_SCHEME:
      rex_style_manager_set_system_color_scheme (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_style_manager_dispose (GObject *object)
{
  RexStyleManager *self = REX_STYLE_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->portal != NULL)
    g_signal_handlers_disconnect_by_data (self->portal, self);
  g_clear_object (&self->portal);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rex_style_manager_parent_class)->dispose (object);
}

static void
rex_style_manager_class_init (RexStyleManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rex_style_manager_get_property;
  object_class->set_property = rex_style_manager_set_property;
  object_class->dispose = rex_style_manager_dispose;

  properties[PROP_PREFERENCE] =
    g_param_spec_enum ("preference", NULL, NULL,
                       REX_TYPE_STYLE_PREFERENCE, REX_STYLE_PREFERENCE_FOLLOW,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYSTEM_COLOR_SCHEME] =
    g_param_spec_uint ("system-color-scheme", NULL, NULL,
                       0, G_MAXUINT32, REX_COLOR_SCHEME_NO_PREFERENCE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_style_manager_init (RexStyleManager *self)
{
  self->cancellable = g_cancellable_new ();
}

RexStyleManager *
rex_style_manager_new (GtkSettings *settings)
{
  RexStyleManager *self;

  g_return_val_if_fail (settings == NULL || GTK_IS_SETTINGS (settings), NULL);

  self = g_object_new (REX_TYPE_STYLE_MANAGER, NULL);
  g_set_object (&self->settings, settings);
  self->dark = rex_style_resolve_dark (self->preference, self->system_color_scheme);
  update_dark (self);
  return self;
}
