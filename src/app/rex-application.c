/* rex-application.c — the application: headless commands before GTK starts,
 * then windows, app actions and accelerators, settings, the light/dark
 * style, Preferences and About. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-application.h"
#include "rex-cli.h"
#include "rex-preferences-dialog.h"
#include "rex-style-manager.h"
#include "rex-widget-util.h"
#include "rex-window.h"

struct _RexApplication
{
  GtkApplication parent_instance;

  /* Created in startup: the headless commands run before it and need
   * neither a display nor an installed schema. */
  GSettings *settings;
  RexStyleManager *style_manager;
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

/* With no file named, a new window shows the dataset used last time
 * (loaded in the background; the bundled data stays if it fails). */
static void
reopen_last_dataset (RexApplication *self,
                     RexWindow      *window)
{
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->settings == NULL)
    return;
  uri = g_settings_get_string (self->settings, "last-dataset");
  if (uri[0] == '\0')
    return;
  file = g_file_new_for_uri (uri);
  rex_window_open_file (window, file);
}

static int
rex_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  RexApplication *self = REX_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **files = NULL;
  gboolean is_new = gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL;
  RexWindow *window = get_or_create_window (self);

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files) && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, files[0]);

      /* The window first: a table's Import dialog opens over it. */
      gtk_window_present (GTK_WINDOW (window));
      rex_window_open_user_file (window, file);
      return 0;
    }
  if (is_new)
    reopen_last_dataset (self, window);
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

/* Breaks @text into lines of at most @width columns at spaces: the About
 * dialog's credit labels do not wrap, and one long citation would otherwise
 * make the dialog as wide as the screen. Chinese, written without spaces,
 * breaks between its characters, each two columns wide. */
static char *
wrap_text (const char *text,
           guint       width)
{
  GString *out = g_string_new (NULL);
  glong line = 0;
  gboolean space = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      glong w = 0;

      if (*p == ' ')
        {
          space = line > 0;
          p++;
          continue;
        }
      if (g_unichar_iswide (g_utf8_get_char (p)))
        {
          end = g_utf8_next_char (p);
          w = 2;
        }
      else
        for (; *end != '\0' && *end != ' ' && !g_unichar_iswide (g_utf8_get_char (end)); end = g_utf8_next_char (end))
          w++;
      if (line > 0 && line + (space ? 1 : 0) + w > (glong) width)
        {
          g_string_append_c (out, '\n');
          line = 0;
          space = FALSE;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          line++;
          space = FALSE;
        }
      g_string_append_len (out, p, end - p);
      line += w;
      p = end;
    }
  return g_string_free (out, FALSE);
}

/* Adds one credit section listing every source @dataset cites, each linked
 * to its address when it has one. */
static void
add_data_credits (GtkAboutDialog *dialog,
                  const char     *section_name,
                  RexDataset     *dataset)
{
  GListModel *sources = rex_dataset_get_sources (dataset);
  guint n = g_list_model_get_n_items (sources);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_full (n + 1, g_free);

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexSource) source = g_list_model_get_item (sources, i);
      g_autofree char *citation = rex_source_format_citation (source);
      g_autofree char *wrapped = wrap_text (citation, 64);
      const char *url = rex_source_get_url (source);

      /* GtkAboutDialog turns "Text <address>" into a link on Text. */
      if (url != NULL && *url != '\0')
        g_ptr_array_add (lines, g_strdup_printf ("%s <%s>", wrapped, url));
      else
        g_ptr_array_add (lines, g_steal_pointer (&wrapped));
    }
  g_ptr_array_add (lines, NULL);
  gtk_about_dialog_add_credit_section (dialog, section_name, (const char **) lines->pdata);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (application);
  const char *developers[] = { _("The Region Explorer developers"), NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  GtkAboutDialog *dialog;

  dialog = g_object_new (GTK_TYPE_ABOUT_DIALOG,
                         "transient-for", parent,
                         "modal", TRUE,
                         "destroy-with-parent", TRUE,
                         "program-name", _("Region Explorer"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Explore charts of China’s coordinated regional development"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/regionexplorer/RegionExplorer",
                         "website-label", _("Website"),
                         "authors", developers,
                         /* Translators: your names and e-mail addresses, one per line */
                         "translator-credits", _("translator-credits"),
                         /* Tall enough that Credits lists a screenful of sources. */
                         "default-height", 600,
                         NULL);
  if (bundled != NULL)
    add_data_credits (dialog, _("Data sources"), bundled);
  else
    g_critical ("The bundled dataset does not load: %s", error->message);

  /* A dataset the user opened has its own sources: credit them too. */
  if (parent != NULL && REX_IS_WINDOW (parent))
    {
      RexDataset *current = rex_window_get_dataset (REX_WINDOW (parent));

      if (current != NULL && bundled != NULL
          && g_strcmp0 (rex_dataset_get_file_name (current), rex_dataset_get_file_name (bundled)) != 0)
        {
          /* Translators: a credits section; %s is a file name */
          g_autofree char *section = g_strdup_printf (_("Sources of %s"),
                                                      rex_dataset_get_file_name (current));
          add_data_credits (dialog, section, current);
        }
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RexApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  /* One Preferences window at a time: raise the open one. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REX_IS_PREFERENCES_DIALOG (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  dialog = rex_preferences_dialog_new (parent, self->settings);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closed, not only destroyed: a main window keeps its size for the next
   * run when it is closed, as with its close button. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (REX_IS_WINDOW (l->data))
      gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
};

static void
rex_application_startup (GApplication *application)
{
  RexApplication *self = REX_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", "F1", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rex_application_parent_class)->startup (application);

  rex_style_sheet_load (gdk_display_get_default ());

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  self->style_manager = rex_style_manager_new (gtk_settings_get_default ());
  g_settings_bind (self->settings, "style", self->style_manager, "preference", G_SETTINGS_BIND_GET);
  rex_style_manager_watch_portal (self->style_manager);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         help_accels);
}

static void
rex_application_shutdown (GApplication *application)
{
  RexApplication *self = REX_APPLICATION (application);

  /* Pending writes reach dconf before the process exits. */
  if (self->settings != NULL)
    g_settings_sync ();
  G_APPLICATION_CLASS (rex_application_parent_class)->shutdown (application);
}

static void
rex_application_dispose (GObject *object)
{
  RexApplication *self = REX_APPLICATION (object);

  g_clear_object (&self->style_manager);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rex_application_parent_class)->dispose (object);
}

static void
rex_application_class_init (RexApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rex_application_dispose;

  app_class->shutdown = rex_application_shutdown;
  app_class->handle_local_options = rex_application_handle_local_options;
  app_class->activate = rex_application_activate;
  app_class->command_line = rex_application_command_line;
  app_class->startup = rex_application_startup;
}

static void
rex_application_init (RexApplication *self)
{
  rex_cli_add_options (G_APPLICATION (self));
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

GSettings *
rex_application_get_settings (RexApplication *self)
{
  g_return_val_if_fail (REX_IS_APPLICATION (self), NULL);

  return self->settings;
}

RexStyleManager *
rex_application_get_style_manager (RexApplication *self)
{
  g_return_val_if_fail (REX_IS_APPLICATION (self), NULL);

  return self->style_manager;
}
