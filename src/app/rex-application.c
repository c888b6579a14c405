/* rex-application.c — the application: headless commands before GTK starts,
 * then windows, app actions and accelerators. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-application.h"
#include "rex-cli.h"
#include "rex-window.h"

struct _RexApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RexApplication, rex_application, GTK_TYPE_APPLICATION)

static RexWindow *
get_or_create_window (RexApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);

      window = GTK_WINDOW (rex_window_new (GTK_APPLICATION (self)));
      if (dataset != NULL)
        rex_window_set_dataset (REX_WINDOW (window), dataset);
      else
        g_critical ("The bundled dataset does not load: %s", error->message);
    }
  return REX_WINDOW (window);
}

static int
rex_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  /* Headless commands run here, before registration and before GTK is
   * initialised, so they need no display. */
  return rex_cli_handle_options (options);
}

static void
rex_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (REX_APPLICATION (application))));
}

static int
rex_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  RexApplication *self = REX_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **files = NULL;
  RexWindow *window = get_or_create_window (self);

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files) && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, files[0]);
      rex_window_open_file (window, file);
    }
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Region Explorer developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (application),
                         "program-name", _("Region Explorer"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Explore charts of China’s coordinated regional development"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/regionexplorer/RegionExplorer",
                         "authors", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
rex_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", "F1", NULL };

  G_APPLICATION_CLASS (rex_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         help_accels);
}

static void
rex_application_class_init (RexApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = rex_application_handle_local_options;
  app_class->activate = rex_application_activate;
  app_class->command_line = rex_application_command_line;
  app_class->startup = rex_application_startup;
}

static void
rex_application_init (RexApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), rex_cli_get_option_entries ());
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.json]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Explore charts of China’s coordinated regional development."));
}

RexApplication *
rex_application_new (void)
{
  return g_object_new (REX_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
