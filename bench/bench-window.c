/* bench-window.c — how long the main window keeps the user waiting with a
 * large dataset: putting it on screen, showing each view for the first time
 * and again, and following a change of the selection.
 *
 *   bench-window [--runs N] [--width W] [--height H] FILE.json   (needs a display)
 *
 * A RexWindow of W×H (default 1920×1080) that has painted its first frame
 * with the bundled dataset gets FILE (loaded beforehand, as the window's
 * worker thread would). Timed on the main thread, each until the next frame
 * is painted (so each includes up to one frame interval of waiting):
 *
 *   apply           rex_window_set_dataset(): the region list, the overview
 *                   and the view on screen;
 *   first-VIEW      showing VIEW for the first time: its page is made and
 *                   filled, its chart prepared, laid out and drawn;
 *   again-VIEW      showing VIEW again (its chart is kept);
 *   select          selecting a region on the Compare view: every page that
 *                   exists notes it, the one on screen redraws.
 *
 * Each run is a new window. The settings are in memory (GSETTINGS_BACKEND).
 */
#include "config.h"

#include <gtk/gtk.h>

#include "bench-common.h"
#include "rex-selection.h"
#include "rex-window.h"

static const char * const views[] = {
  "compare", "trends", "relationships", "map", "rural", "table", "overview",
};

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

/* Runs the main loop until the window has painted a frame after now. */
static void
wait_for_frame (GtkWidget *window)
{
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) select = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *extra = NULL;
  BenchArgs args = { .runs = 3, .width = 1920, .height = 1080 };
  int runs, width, height;
  const char *path;
  const char *region_id;

  if (!bench_parse_args (argc, argv, FALSE, &args))
    return 2;
  runs = MAX (args.runs, 1);
  width = MAX (args.width, 360);
  height = MAX (args.height, 360);
  path = args.path;

  gtk_init ();

  file = g_file_new_for_commandline_arg (path);
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  {
    g_autoptr(GPtrArray) provinces = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_PROVINCE);

    if (provinces->len == 0)
      {
        fprintf (stderr, "%s has no provinces to select\n", path);
        return 1;
      }
    region_id = rex_region_get_id (provinces->pdata[provinces->len / 2]);
  }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_ptr_array_add (first, g_array_new (FALSE, FALSE, sizeof (double)));
      g_ptr_array_add (again, g_array_new (FALSE, FALSE, sizeof (double)));
    }

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
      RexWindow *window;
      double start, elapsed;
      const char *one[] = { region_id, NULL };

      if (bundled == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      window = rex_window_new (NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      rex_window_set_view (window, "overview");
      rex_window_set_dataset (window, bundled);
      gtk_window_present (GTK_WINDOW (window));
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                        G_CALLBACK (on_after_paint), NULL);
      wait_for_frame (GTK_WIDGET (window));

      start = bench_now_ms ();
      rex_window_set_dataset (window, dataset);
      wait_for_frame (GTK_WIDGET (window));
      elapsed = bench_now_ms () - start;
      g_array_append_val (apply, elapsed);

      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          start = bench_now_ms ();
          rex_window_set_view (window, views[v]);
          wait_for_frame (GTK_WIDGET (window));
          elapsed = bench_now_ms () - start;
          g_array_append_val (first->pdata[v], elapsed);
        }
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          start = bench_now_ms ();
          rex_window_set_view (window, views[v]);
          wait_for_frame (GTK_WIDGET (window));
          elapsed = bench_now_ms () - start;
          g_array_append_val (again->pdata[v], elapsed);
        }

      rex_window_set_view (window, "compare");
      wait_for_frame (GTK_WIDGET (window));
      start = bench_now_ms ();
      rex_selection_set_ids (rex_window_get_selection (window), one);
      wait_for_frame (GTK_WIDGET (window));
      elapsed = bench_now_ms () - start;
      g_array_append_val (select, elapsed);

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }

  extra = g_strdup_printf ("regions=%u width=%d height=%d",
                           g_list_model_get_n_items (rex_dataset_get_regions (dataset)), width, height);
  bench_report ("window-apply", apply, extra);
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *name = g_strdup_printf ("window-first-%s", views[v]);
      g_autofree char *name_again = g_strdup_printf ("window-again-%s", views[v]);

      bench_report (name, first->pdata[v], extra);
      bench_report (name_again, again->pdata[v], extra);
    }
  bench_report ("window-select", select, extra);
  return 0;
}
