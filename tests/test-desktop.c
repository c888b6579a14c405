/* test-desktop.c — desktop integration of the app layer: the light/dark
 * style (preference and portal values), the settings schema, the
 * Preferences dialog bindings, the About dialog's data credits, the
 * shortcuts window, and a table named on the command line opening the
 * Import dialog. Runs under Xvfb with GSETTINGS_BACKEND=memory and no
 * session bus (DBUS_SESSION_BUS_ADDRESS=disabled:). */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>

#include <glib/gstdio.h>

#include "rex-application.h"
#include "rex-import-dialog.h"
#include "rex-window.h"
#include "rex-preferences-dialog.h"
#include "rex-render.h"
#include "rex-style-manager.h"
#include "ui-test-util.h"

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (SETTINGS_SCHEMA_ID);

  /* The memory backend is shared by the whole process: start clean. */
  g_settings_reset (settings, "style");
  g_settings_reset (settings, "number-format");
  g_settings_reset (settings, "export-width");
  g_settings_reset (settings, "export-height");
  g_settings_reset (settings, "export-scale");
  return settings;
}

static gboolean
get_prefer_dark (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  gboolean dark = FALSE;

  /* GTK 4.20 and later: the manager sets the colour scheme instead. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (settings), "gtk-interface-color-scheme") != NULL)
    {
      int scheme = 0;

      g_object_get (settings, "gtk-interface-color-scheme", &scheme, NULL);
      return scheme == 2;
    }
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

/* Stands in for the GtkSettings of GTK 4.20 and later, which have both
 * properties, so that path runs on the GTK 4.8 this is built with. */
typedef struct
{
  GObject parent_instance;
  gboolean prefer_dark;
  int color_scheme;
} FakeSettings;

typedef struct
{
  GObjectClass parent_class;
} FakeSettingsClass;

static GType fake_settings_get_type (void);
G_DEFINE_TYPE (FakeSettings, fake_settings, G_TYPE_OBJECT)

static void
fake_settings_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FakeSettings *self = (FakeSettings *) object;

  if (prop_id == 1)
    g_value_set_boolean (value, self->prefer_dark);
  else
    g_value_set_int (value, self->color_scheme);
}

static void
fake_settings_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FakeSettings *self = (FakeSettings *) object;

  if (prop_id == 1)
    self->prefer_dark = g_value_get_boolean (value);
  else
    self->color_scheme = g_value_get_int (value);
}

static void
fake_settings_class_init (FakeSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_settings_get_property;
  object_class->set_property = fake_settings_set_property;
  g_object_class_install_property (object_class, 1,
    g_param_spec_boolean ("gtk-application-prefer-dark-theme", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, 2,
    g_param_spec_int ("gtk-interface-color-scheme", NULL, NULL, 0, 3, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
fake_settings_init (FakeSettings *self)
{
}

/* Where GTK has gtk-interface-color-scheme, light and dark are set there
 * (GTK's LIGHT is 3, DARK 2), and the old setting is left alone: it would
 * not make a dark desktop's window light. */
static void
test_apply_newer_gtk (void)
{
  g_autoptr(GObject) settings = g_object_new (fake_settings_get_type (), NULL);
  FakeSettings *fake = (FakeSettings *) settings;

  rex_style_apply_dark (settings, FALSE);
  g_assert_cmpint (fake->color_scheme, ==, 3);
  rex_style_apply_dark (settings, TRUE);
  g_assert_cmpint (fake->color_scheme, ==, 2);
  rex_style_apply_dark (settings, FALSE);
  g_assert_cmpint (fake->color_scheme, ==, 3);
  g_assert_false (fake->prefer_dark);
}

/* GTK 4.8's GtkSettings: the old setting. */
static void
test_apply_gtk_4_8 (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  gboolean dark = FALSE;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (settings), "gtk-interface-color-scheme") != NULL)
    {
      g_test_skip ("this GTK has gtk-interface-color-scheme");
      return;
    }
  rex_style_apply_dark (G_OBJECT (settings), TRUE);
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  rex_style_apply_dark (G_OBJECT (settings), FALSE);
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
}

/* Portal value × preference, the whole table. */
static void
test_resolve (void)
{
  /* follow: 0 no preference → light, 1 prefer dark → dark, 2 prefer light. */
  g_assert_false (rex_style_resolve_dark (REX_STYLE_PREFERENCE_FOLLOW, 0));
  g_assert_true (rex_style_resolve_dark (REX_STYLE_PREFERENCE_FOLLOW, 1));
  g_assert_false (rex_style_resolve_dark (REX_STYLE_PREFERENCE_FOLLOW, 2));
  g_assert_false (rex_style_resolve_dark (REX_STYLE_PREFERENCE_FOLLOW, 7));
  for (guint32 scheme = 0; scheme <= 2; scheme++)
    {
      g_assert_false (rex_style_resolve_dark (REX_STYLE_PREFERENCE_LIGHT, scheme));
      g_assert_true (rex_style_resolve_dark (REX_STYLE_PREFERENCE_DARK, scheme));
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Injected system values and preferences reach GtkSettings. */
static void
test_manager_applies (void)
{
  g_autoptr(RexStyleManager) manager = rex_style_manager_new (gtk_settings_get_default ());
  guint dark_notifications = 0;

  g_signal_connect (manager, "notify::dark", G_CALLBACK (count_notify), &dark_notifications);
  g_assert_cmpint (rex_style_manager_get_preference (manager), ==, REX_STYLE_PREFERENCE_FOLLOW);
  g_assert_false (rex_style_manager_get_dark (manager));
  g_assert_false (get_prefer_dark ());

  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_PREFER_DARK);
  g_assert_true (rex_style_manager_get_dark (manager));
  g_assert_true (get_prefer_dark ());
  g_assert_cmpuint (dark_notifications, ==, 1);

  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_false (get_prefer_dark ());
  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_PREFER_DARK);
  g_assert_true (get_prefer_dark ());

  /* The user's choice wins over the system. */
  rex_style_manager_set_preference (manager, REX_STYLE_PREFERENCE_LIGHT);
  g_assert_false (get_prefer_dark ());
  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_NO_PREFERENCE);
  rex_style_manager_set_preference (manager, REX_STYLE_PREFERENCE_DARK);
  g_assert_true (get_prefer_dark ());
  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_true (get_prefer_dark ());

  /* Back to following: the system says light. */
  rex_style_manager_set_preference (manager, REX_STYLE_PREFERENCE_FOLLOW);
  g_assert_false (get_prefer_dark ());

  /* An unknown future value counts as no preference. */
  rex_style_manager_set_system_color_scheme (manager, 42);
  g_assert_cmpuint (rex_style_manager_get_system_color_scheme (manager), ==, 0);
}

/* The "style" key drives the manager through g_settings_bind, as in the app. */
static void
test_manager_follows_settings (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(RexStyleManager) manager = rex_style_manager_new (gtk_settings_get_default ());

  g_settings_bind (settings, "style", manager, "preference", G_SETTINGS_BIND_GET);
  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_PREFER_DARK);
  g_assert_true (get_prefer_dark ());

  g_settings_set_string (settings, "style", "light");
  g_assert_cmpint (rex_style_manager_get_preference (manager), ==, REX_STYLE_PREFERENCE_LIGHT);
  g_assert_false (get_prefer_dark ());
  g_settings_set_string (settings, "style", "follow");
  g_assert_true (get_prefer_dark ());
  g_settings_set_enum (settings, "style", REX_STYLE_PREFERENCE_DARK);
  g_assert_cmpint (rex_style_manager_get_preference (manager), ==, REX_STYLE_PREFERENCE_DARK);

  g_settings_unbind (manager, "preference");
  rex_style_manager_set_system_color_scheme (manager, REX_COLOR_SCHEME_NO_PREFERENCE);
  rex_style_manager_set_preference (manager, REX_STYLE_PREFERENCE_FOLLOW);
}

/* With no session bus the portal watch ends quietly (fatal-warnings is on)
 * and the system scheme stays "no preference". */
static void
test_portal_without_bus (void)
{
  g_autoptr(RexStyleManager) manager = rex_style_manager_new (gtk_settings_get_default ());
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_cmpstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), ==, "disabled:");
  rex_style_manager_watch_portal (manager);
  g_assert_true (rex_style_manager_is_portal_pending (manager));
  while (rex_style_manager_is_portal_pending (manager) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rex_style_manager_is_portal_pending (manager));
  g_assert_cmpuint (rex_style_manager_get_system_color_scheme (manager), ==, 0);
  g_assert_false (rex_style_manager_get_dark (manager));
}

/* Every key the app and the window remember, with its type and default. */
static void
test_schema_keys (void)
{
  static const struct { const char *key; const char *type; } keys[] = {
    { "window-width", "i" }, { "window-height", "i" }, { "window-maximized", "b" },
    { "view", "s" }, { "metric", "s" }, { "x-metric", "s" }, { "y-metric", "s" },
    { "size-metric", "s" }, { "year", "i" }, { "selection", "as" }, { "color-by", "s" },
    { "log-x", "b" }, { "log-y", "b" }, { "trails", "b" }, { "fit-line", "b" }, { "compare-both-years", "b" }, { "relative", "b" }, { "base-year", "i" },
    { "from-year", "i" }, { "to-year", "i" }, { "trends-split", "b" },
    { "hide-missing", "b" }, { "map-mode", "s" }, { "map-change", "b" }, { "map-since", "i" },
    { "map-relative", "b" }, { "compare-chart", "s" }, { "composition-parts", "s" },
    { "compare-since", "i" }, { "compare-relative", "b" },
    { "compare-region-kind", "s" }, { "relationships-region-kind", "s" }, { "compare-top", "i" },
    { "style", "s" }, { "number-format", "s" }, { "export-width", "i" },
    { "export-height", "i" }, { "export-scale", "i" }, { "export-format", "s" },
    { "last-dataset", "s" },
  };
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SETTINGS_SCHEMA_ID, TRUE);
  g_autoptr(GSettings) settings = new_settings ();
  g_auto(GStrv) names = NULL;

  g_assert_nonnull (schema);
  names = g_settings_schema_list_keys (schema);
  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i].key);

      g_assert_cmpstr ((const char *) g_settings_schema_key_get_value_type (key), ==, keys[i].type);
    }
  /* Enum keys reject what is not in the enum. */
  g_assert_false (g_settings_schema_key_range_check (g_settings_schema_get_key (schema, "style"),
                                                     g_variant_new_string ("purple")));
  {
    g_autofree char *value = g_settings_get_string (settings, "style");

    g_assert_cmpstr (value, ==, "follow");
  }
  g_assert_cmpint (g_settings_get_int (settings, "export-width"), ==, 1200);
  g_assert_cmpint (g_settings_get_int (settings, "export-height"), ==, 800);
}

/* The Preferences controls show the settings and write them back. */
static void
test_preferences_dialog (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  GtkWidget *dialog;
  GtkDropDown *style, *numbers, *scale;
  GtkSpinButton *width, *height;

  g_settings_set_string (settings, "style", "dark");
  g_settings_set_string (settings, "number-format", "short");
  g_settings_set_int (settings, "export-width", 1600);
  g_settings_set_int (settings, "export-scale", 2);

  dialog = rex_preferences_dialog_new (NULL, settings);
  style = GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, REX_TYPE_PREFERENCES_DIALOG, "style_dropdown"));
  numbers = GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, REX_TYPE_PREFERENCES_DIALOG,
                                                          "number_format_dropdown"));
  scale = GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, REX_TYPE_PREFERENCES_DIALOG,
                                                        "export_scale_dropdown"));
  width = GTK_SPIN_BUTTON (gtk_widget_get_template_child (dialog, REX_TYPE_PREFERENCES_DIALOG,
                                                          "export_width_spin"));
  height = GTK_SPIN_BUTTON (gtk_widget_get_template_child (dialog, REX_TYPE_PREFERENCES_DIALOG,
                                                           "export_height_spin"));
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_iterate (20);

  g_assert_cmpuint (gtk_drop_down_get_selected (style), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (numbers), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (scale), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (width), ==, 1600);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (height), ==, 800);

  gtk_drop_down_set_selected (style, 1);
  {
    g_autofree char *value = g_settings_get_string (settings, "style");

    g_assert_cmpstr (value, ==, "light");
  }
  gtk_drop_down_set_selected (style, 0);
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, REX_STYLE_PREFERENCE_FOLLOW);
  gtk_drop_down_set_selected (numbers, 1);
  {
    g_autofree char *value = g_settings_get_string (settings, "number-format");

    g_assert_cmpstr (value, ==, "full");
  }
  gtk_drop_down_set_selected (scale, 2);
  g_assert_cmpint (g_settings_get_int (settings, "export-scale"), ==, 3);
  gtk_spin_button_set_value (width, 2400);
  gtk_spin_button_set_value (height, 1600);
  g_assert_cmpint (g_settings_get_int (settings, "export-width"), ==, 2400);
  g_assert_cmpint (g_settings_get_int (settings, "export-height"), ==, 1600);

  /* And the other way: a change elsewhere shows in the open dialog. */
  g_settings_set_string (settings, "style", "dark");
  g_assert_cmpuint (gtk_drop_down_get_selected (style), ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* app.about credits every source of the bundled dataset; app.preferences
 * opens one Preferences window; the accelerators are registered. */
static void
test_application (void)
{
  g_autoptr(RexApplication) app = rex_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  GtkWindow *about, *preferences;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rex_application_get_settings (app));
  g_assert_nonnull (rex_application_get_style_manager (app));

  /* The application's style sheet applies: an icon of the error banner is
   * in the error colour (GtkApplication loads no style.css by itself, and
   * the Sources panel, the cards and the banner had none of their look). */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
    GtkWidget *plain = gtk_image_new_from_icon_name ("dialog-error-symbolic");
    GdkRGBA in_banner, outside;

    gtk_widget_add_css_class (banner, "rex-banner");
    gtk_box_append (GTK_BOX (banner), icon);
    gtk_box_append (GTK_BOX (box), banner);
    gtk_box_append (GTK_BOX (box), plain);
    gtk_window_set_child (GTK_WINDOW (window), box);
    gtk_style_context_get_color (gtk_widget_get_style_context (icon), &in_banner);
    gtk_style_context_get_color (gtk_widget_get_style_context (plain), &outside);
    g_assert_false (gdk_rgba_equal (&in_banner, &outside));
    g_assert_cmpfloat (in_banner.red, >, in_banner.green + 0.2);
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* A new window: no shortcuts window is built for it until asked for
   * (GtkApplication would build one from <resource-base-path>/gtk/help-overlay.ui). */
  {
    RexWindow *window = rex_window_new (GTK_APPLICATION (app));

    ui_test_iterate (10);
    g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
    g_assert_null (find_window (GTK_TYPE_SHORTCUTS_WINDOW));
    gtk_window_destroy (GTK_WINDOW (window));
    ui_test_iterate (10);
  }

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>comma", NULL }));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));

  /* The "style" key reaches GTK through the application's binding. */
  g_settings_set_string (rex_application_get_settings (app), "style", "dark");
  g_assert_true (get_prefer_dark ());
  g_settings_set_string (rex_application_get_settings (app), "style", "light");
  g_assert_false (get_prefer_dark ());
  g_settings_reset (rex_application_get_settings (app), "style");

  about = ui_test_open_about_credits (GTK_APPLICATION (app));
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (gtk_about_dialog_get_license_type (GTK_ABOUT_DIALOG (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (gtk_about_dialog_get_website (GTK_ABOUT_DIALOG (about)), ==,
                   "https://github.com/regionexplorer/RegionExplorer");
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ui_test_iterate (20);
  preferences = find_window (REX_TYPE_PREFERENCES_DIALOG);
  g_assert_nonnull (preferences);
  g_assert_true (rex_preferences_dialog_get_settings (REX_PREFERENCES_DIALOG (preferences))
                 == rex_application_get_settings (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ui_test_iterate (20);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  gtk_window_destroy (preferences);
  ui_test_iterate (20);
}

typedef struct
{
  GApplication *app;
  gint64        deadline;
  GFile        *dialog_file;
  gboolean      loading;
  char         *dataset_title;
} OpenCheck;

/* Waits (up to the deadline) for the Import dialog to have read its
 * table, notes what the window shows, and quits. */
static gboolean
check_opened_table (gpointer data)
{
  OpenCheck *check = data;
  GtkWindow *dialog = find_window (REX_TYPE_IMPORT_DIALOG);
  GtkWindow *window = find_window (REX_TYPE_WINDOW);

  if ((dialog == NULL || rex_import_dialog_is_busy (REX_IMPORT_DIALOG (dialog)) || window == NULL
       || rex_window_is_loading (REX_WINDOW (window)))
      && g_get_monotonic_time () < check->deadline)
    return G_SOURCE_CONTINUE;

  if (dialog != NULL)
    check->dialog_file = g_object_ref (rex_import_dialog_get_file (REX_IMPORT_DIALOG (dialog)));
  if (window != NULL)
    {
      check->loading = rex_window_is_loading (REX_WINDOW (window));
      check->dataset_title = g_strdup (rex_dataset_get_title (rex_window_get_dataset (REX_WINDOW (window))));
    }
  if (dialog != NULL)
    gtk_window_destroy (dialog);
  if (window != NULL)
    gtk_window_destroy (window);
  g_application_quit (check->app);
  return G_SOURCE_REMOVE;
}

/* `region-explorer TABLE.csv` (the command line, the desktop file, a file
 * manager) opens the Import dialog on the table; the window keeps the
 * dataset it had until the user imports. */
static void
test_open_table_from_command_line (void)
{
  g_autoptr(RexApplication) app = rex_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autofree char *dir = g_dir_make_tmp ("rex-desktop-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) table = NULL;
  OpenCheck check = { G_APPLICATION (app), g_get_monotonic_time () + 60 * G_USEC_PER_SEC };
  char *argv[3] = { (char *) "region-explorer", NULL, NULL };

  g_assert_no_error (error);
  path = g_build_filename (dir, "gdp.csv", NULL);
  g_file_set_contents (path, "地区,2024年\n北京市,49843.1\n天津市,18024.3\n", -1, &error);
  g_assert_no_error (error);
  table = g_file_new_for_path (path);
  argv[1] = path;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (50, check_opened_table, &check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, argv), ==, 0);

  g_assert_nonnull (check.dialog_file);
  g_assert_true (g_file_equal (check.dialog_file, table));
  g_assert_false (check.loading);
  g_assert_cmpstr (check.dataset_title, ==, rex_dataset_get_title (bundled));

  g_clear_object (&check.dialog_file);
  g_free (check.dataset_title);
  g_unlink (path);
  g_rmdir (dir);
}

/* The shortcuts window documents every accelerator of the brief. */
static void
test_shortcuts_window (void)
{
  static const char * const expected[] = {
    "<Control>o", "<Control>e", "<Control><Shift>e", "<Control>c", "<Control>f",
    "<Control>1", "<Control>2", "<Control>3", "<Control>4", "<Control>5", "<Control>6",
    "<Control>7", "F1 <Control>question", "<Control>comma", "<Control>q",
  };
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  GSList *objects;

  gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/rex-shortcuts-window.ui", &error);
  g_assert_no_error (error);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  /* Titled as the menu item that opens it, not GTK's "Shortcuts". */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"))), ==,
                   "Keyboard Shortcuts");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *accelerator = NULL, *title = NULL;

        g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
        g_assert_nonnull (title);
        g_assert_cmpstr (title, !=, "");
        g_free (title);
        if (accelerator != NULL)
          g_ptr_array_add (found, accelerator);
      }
  g_slist_free (objects);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_ptr_array_find_with_equal_func (found, expected[i], g_str_equal, NULL))
      g_error ("the shortcuts window lacks %s", expected[i]);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

  ui_test_add ("/desktop/style/resolve", test_resolve);
  ui_test_add ("/desktop/style/apply-gtk-4-8", test_apply_gtk_4_8);
  ui_test_add ("/desktop/style/apply-newer-gtk", test_apply_newer_gtk);
  ui_test_add ("/desktop/style/manager-applies", test_manager_applies);
  ui_test_add ("/desktop/style/manager-follows-settings", test_manager_follows_settings);
  ui_test_add ("/desktop/style/portal-without-bus", test_portal_without_bus);
  ui_test_add ("/desktop/schema/keys", test_schema_keys);
  ui_test_add ("/desktop/preferences", test_preferences_dialog);
  ui_test_add ("/desktop/shortcuts-window", test_shortcuts_window);
  ui_test_add ("/desktop/application", test_application);
  ui_test_add ("/desktop/open-table-from-command-line", test_open_table_from_command_line);
  return g_test_run ();
}
