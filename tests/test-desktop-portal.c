/* test-desktop-portal.c — the style manager against a settings portal.
 *
 * Run inside `dbus-run-session`: the test itself plays the portal
 * (org.freedesktop.portal.Desktop, interface org.freedesktop.portal.Settings)
 * on that private session bus, answering Read with the colour scheme wrapped
 * the way xdg-desktop-portal does, and emitting SettingChanged, so the D-Bus
 * path of RexStyleManager is exercised end to end: the asynchronous proxy,
 * the initial read, live updates, and the user's preference on top. */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "rex-style-manager.h"

#define PORTAL_XML \
  "<node>" \
  "  <interface name='org.freedesktop.portal.Settings'>" \
  "    <method name='Read'>" \
  "      <arg type='s' name='namespace' direction='in'/>" \
  "      <arg type='s' name='key' direction='in'/>" \
  "      <arg type='v' name='value' direction='out'/>" \
  "    </method>" \
  "    <signal name='SettingChanged'>" \
  "      <arg type='s' name='namespace'/>" \
  "      <arg type='s' name='key'/>" \
  "      <arg type='v' name='value'/>" \
  "    </signal>" \
  "    <property name='version' type='u' access='read'/>" \
  "  </interface>" \
  "</node>"

typedef struct
{
  GDBusConnection *bus;
  guint registration;
  guint owner;
  gboolean name_acquired;
  guint32 color_scheme;
  guint reads;
} Portal;

static void
portal_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Portal *portal = user_data;
  const char *namespace, *key;

  g_assert_cmpstr (method_name, ==, "Read");
  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  portal->reads++;
  if (g_strcmp0 (namespace, "org.freedesktop.appearance") != 0 || g_strcmp0 (key, "color-scheme") != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                  "Requested setting not found");
      return;
    }
  /* Read returns v holding v holding u: one layer more than ReadOne. */
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(v)", g_variant_new_variant (
                                                          g_variant_new_uint32 (portal->color_scheme))));
}

static GVariant *
portal_get_property (GDBusConnection  *connection,
                     const char       *sender,
                     const char       *object_path,
                     const char       *interface_name,
                     const char       *property_name,
                     GError          **error,
                     gpointer          user_data)
{
  return g_variant_new_uint32 (1);
}

static const GDBusInterfaceVTable portal_vtable = {
  .method_call = portal_method_call,
  .get_property = portal_get_property,
};

static void
name_acquired (GDBusConnection *connection,
               const char      *name,
               gpointer         user_data)
{
  ((Portal *) user_data)->name_acquired = TRUE;
}

static void
portal_start (Portal  *portal,
              guint32  color_scheme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (PORTAL_XML, &error);

  g_assert_no_error (error);
  portal->color_scheme = color_scheme;
  portal->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  portal->registration = g_dbus_connection_register_object (portal->bus, "/org/freedesktop/portal/desktop",
                                                            info->interfaces[0], &portal_vtable,
                                                            portal, NULL, &error);
  g_assert_no_error (error);
  portal->owner = g_bus_own_name_on_connection (portal->bus, "org.freedesktop.portal.Desktop",
                                                G_BUS_NAME_OWNER_FLAGS_NONE,
                                                name_acquired, NULL, portal, NULL);
  while (!portal->name_acquired)
    g_main_context_iteration (NULL, TRUE);
}

static void
portal_stop (Portal *portal)
{
  g_bus_unown_name (portal->owner);
  g_dbus_connection_unregister_object (portal->bus, portal->registration);
  g_clear_object (&portal->bus);
}

static void
portal_change (Portal     *portal,
               const char *namespace,
               const char *key,
               GVariant   *value)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (portal->bus, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", namespace, key, value), &error);
  g_assert_no_error (error);
}

static void
notified (GObject    *object,
          GParamSpec *pspec,
          gboolean   *flag)
{
  *flag = TRUE;
}

/* Iterates until @flag is set, failing after ten seconds. */
static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (*flag);
}

static void
wait_for_portal (RexStyleManager *manager)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rex_style_manager_is_portal_pending (manager) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (rex_style_manager_is_portal_pending (manager));
}

static void
test_reads_and_follows (void)
{
  Portal portal = { 0 };
  g_autoptr(RexStyleManager) manager = rex_style_manager_new (NULL);
  gboolean changed = FALSE;

  portal_start (&portal, REX_COLOR_SCHEME_PREFER_DARK);
  g_signal_connect (manager, "notify::system-color-scheme", G_CALLBACK (notified), &changed);

  rex_style_manager_watch_portal (manager);
  wait_for_portal (manager);
  g_assert_cmpuint (portal.reads, ==, 1);
  g_assert_cmpuint (rex_style_manager_get_system_color_scheme (manager), ==, 1);
  g_assert_true (rex_style_manager_get_dark (manager));

  /* The desktop switches to light: followed live. */
  changed = FALSE;
  portal_change (&portal, "org.freedesktop.appearance", "color-scheme", g_variant_new_uint32 (2));
  wait_for (&changed);
  g_assert_cmpuint (rex_style_manager_get_system_color_scheme (manager), ==, 2);
  g_assert_false (rex_style_manager_get_dark (manager));

  /* Other settings are not colour schemes. */
  portal_change (&portal, "org.gnome.desktop.interface", "color-scheme", g_variant_new_string ("prefer-dark"));
  portal_change (&portal, "org.freedesktop.appearance", "accent-color",
                 g_variant_new ("(ddd)", 0.2, 0.4, 0.8));
  /* A marker change after them: once it arrives, the others were handled. */
  changed = FALSE;
  portal_change (&portal, "org.freedesktop.appearance", "color-scheme", g_variant_new_uint32 (0));
  wait_for (&changed);
  g_assert_cmpuint (rex_style_manager_get_system_color_scheme (manager), ==, 0);
  g_assert_false (rex_style_manager_get_dark (manager));

  /* Dark again from the system, but the user chose light. */
  rex_style_manager_set_preference (manager, REX_STYLE_PREFERENCE_LIGHT);
  changed = FALSE;
  portal_change (&portal, "org.freedesktop.appearance", "color-scheme", g_variant_new_uint32 (1));
  wait_for (&changed);
  g_assert_false (rex_style_manager_get_dark (manager));
  rex_style_manager_set_preference (manager, REX_STYLE_PREFERENCE_FOLLOW);
  g_assert_true (rex_style_manager_get_dark (manager));

  portal_stop (&portal);
}

/* A bus without a portal: the read fails quietly (fatal-warnings is on). */
static void
test_no_portal_on_bus (void)
{
  g_autoptr(RexStyleManager) manager = rex_style_manager_new (NULL);

  rex_style_manager_watch_portal (manager);
  wait_for_portal (manager);
  g_assert_cmpuint (rex_style_manager_get_system_color_scheme (manager), ==, 0);
  g_assert_false (rex_style_manager_get_dark (manager));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), "disabled:") == 0
      || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("run this test inside dbus-run-session");

  g_test_add_func ("/desktop/portal/no-portal-on-bus", test_no_portal_on_bus);
  g_test_add_func ("/desktop/portal/reads-and-follows", test_reads_and_follows);
  return g_test_run ();
}
