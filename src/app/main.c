/* main.c — entry point of region-explorer. The headless commands (export,
 * check, list, print the description of an image, import a table) run here,
 * with the model and render layers only; anything else starts the window
 * program, region-explorer-gui, in this process with the same arguments.
 *
 * The split is for speed: this program does not link GTK, and loading GTK
 * and the seventy libraries it brings cost a headless export about a fifth
 * of its time. Both programs parse the same options (rex_cli_add_options()),
 * so --help and every error read the same wherever they come from.
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "rex-cli.h"
#include "rex-export.h"

#define GUI_PROGRAM "region-explorer-gui"

/* The window program: beside this one in a build tree, else where it is
 * installed. */
static char *
find_gui_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      char *beside = g_build_filename (dir, GUI_PROGRAM, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return beside;
      g_free (beside);
    }
  return g_build_filename (LIBEXECDIR, GUI_PROGRAM, NULL);
}

static int
on_handle_local_options (GApplication *app,
                         GVariantDict *options,
                         char        **argv)
{
  g_autofree char *gui = NULL;
  int status = rex_cli_handle_options (options);

  if (status >= 0)
    return status;
  /* argv[0] stays as it was: the program name GTK gives the window. */
  gui = find_gui_program ();
  execv (gui, argv);
  g_printerr ("region-explorer: %s: %s\n", gui, g_strerror (errno));
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  rex_cli_init_process ();
  /* After the locale, which Pango takes its language from. */
  if (rex_cli_exports_image (argc, argv))
    rex_export_fonts_begin ();
  /* Never registered: the window program does that. */
  app = g_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_COMMAND_LINE);
  rex_cli_add_options (app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options), argv);
  return g_application_run (app, argc, argv);
}
