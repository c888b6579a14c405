/* bench-bare-window.c — the reference for start-up time: a GtkApplication
 * with one window holding a label, nothing else. Prints
 *
 *   FIRST_FRAME <g_get_monotonic_time() in µs>
 *
 * after its first frame is painted and quits, exactly as region-explorer
 * does with REX_BENCH_EXIT_AFTER_FIRST_FRAME=1, so the driver can time both
 * from process start to first frame the same way.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  printf ("FIRST_FRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  app = gtk_application_new ("io.github.regionexplorer.BareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
