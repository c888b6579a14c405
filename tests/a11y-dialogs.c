/* a11y-dialogs.c — opens one of the window's dialogs over the bundled data
 * and keeps it open, for test-a11y.py to read through AT-SPI.
 *
 *   a11y-dialogs export|preferences|import|merge|profile
 *
 * The import and merge dialogs are given a small table (written to a
 * temporary folder) whose Beijing GDP differs from the bundled figure, as a
 * person would open or add it; the program runs until it is terminated. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rex-import-dialog.h"
#include "rex-preferences-dialog.h"
#include "rex-window-private.h"

static const char table[] =
  "region,year,metric,value,unit\n"
  "CN-BJ,2024,gdp,50000,100 million yuan\n"
  "CN-TJ,2024,test_index,2.5,points\n";

static GFile *
write_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rex-a11y-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "gdp.csv", NULL);
  g_file_set_contents (path, table, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *which = argc > 1 ? argv[1] : "";
  RexWindow *window;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("REX_LOCALEDIR") ? g_getenv ("REX_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();

  dataset = rex_dataset_new_default (&error);
  g_assert_no_error (error);
  window = rex_window_new (NULL);
  rex_window_set_dataset (window, dataset);
  rex_window_set_view (window, "compare");
  gtk_window_present (GTK_WINDOW (window));

  if (g_str_equal (which, "export"))
    {
      /* The Export dialog exports the chart on screen: wait for it. */
      while (rex_window_get_current_chart (window) == NULL)
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
    }
  else if (g_str_equal (which, "preferences"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

      gtk_window_present (GTK_WINDOW (rex_preferences_dialog_new (GTK_WINDOW (window), settings)));
    }
  else if (g_str_equal (which, "import"))
    {
      g_autoptr(GFile) file = write_table ();

      rex_window_import_table (window, file, FALSE);
    }
  else if (g_str_equal (which, "merge"))
    {
      g_autoptr(GFile) file = write_table ();
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
      g_autoptr(RexDataset) addition = NULL;

      g_assert_no_error (error);
      addition = rex_dataset_new_from_table (bytes, "gdp.csv", NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      rex_window_add_dataset (window, addition, "gdp.csv");
      g_assert_nonnull (rex_window_get_merge_dialog (window));
    }
  else if (g_str_equal (which, "profile"))
    g_assert_nonnull (rex_window_show_profile (window, "CN-GD"));
  else
    {
      g_printerr ("usage: a11y-dialogs export|preferences|import|merge|profile\n");
      return 2;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}
