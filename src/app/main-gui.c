/* main-gui.c — entry point of region-explorer-gui, the window program that
 * region-explorer starts for anything but a headless command: locale and
 * translations, then the application. */
#include "config.h"

#include "rex-application.h"
#include "rex-cli.h"

/* REX_BENCH_EXIT_AFTER_FIRST_FRAME=1: print the time of the first painted
 * frame and quit, for the start-up benchmark (bench/run-benchmarks.py). */
static void
bench_on_after_paint (GdkFrameClock *clock,
                      GApplication  *app)
{
  g_print ("FIRST_FRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, bench_on_after_paint, app);
  g_application_quit (app);
}

static void
bench_on_window_realize (GtkWidget    *window,
                         GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_on_after_paint), app);
}

static void
bench_on_window_added (GtkApplication *app,
                       GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (bench_on_window_realize), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RexApplication) app = NULL;

  rex_cli_init_process ();
  app = rex_application_new ();
  if (g_strcmp0 (g_getenv ("REX_BENCH_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (bench_on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
