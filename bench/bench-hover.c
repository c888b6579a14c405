/* bench-hover.c — what the chart widget costs per frame when only the hover
 * or keyboard focus moves, against a full redraw of the chart.
 *
 *   bench-hover [--runs N] [--width W] [--height H] FILE.json   (needs a display)
 *
 * A RexChartView showing the default bar chart of FILE in a W×H window
 * (default 1920×1080). Timed is the widget's snapshot — building the render
 * nodes GTK then draws — with:
 *
 *   hover   rex_chart_view_set_focus_index() to another item: the cached
 *           chart texture is re-appended and only the marker is drawn;
 *   full    the chart replaced by an equal one: the chart is drawn again.
 *
 * and, with the keyboard focus in the chart (its items exposed to screen
 * readers as proxy widgets, see rex-chart-view.c), the main-thread time of
 * a keyboard step to the next item (focus moved to the item's proxy, the
 * widget allocated and snapshot), of a jump to a random item (the window
 * of proxies slides and is named again), and of a chart replaced (proxies
 * named for the new chart, chart drawn).
 *
 * The widget's render count must not move while hovering and must move on
 * every full redraw; the program fails otherwise, so a regression that
 * silently redraws the chart on hover cannot pass as fast.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "bench-common.h"
#include "rex-chart-view.h"

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static double
time_snapshot (GtkWidget *view)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  double start = bench_now_ms (), elapsed;

  GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  elapsed = bench_now_ms () - start;
  g_clear_pointer (&node, gsk_render_node_unref);
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = NULL;
  g_autoptr(RexChart) chart_a = NULL;
  g_autoptr(RexChart) chart_b = NULL;
  g_autoptr(GArray) hover = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) step = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) jump = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) replaced = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;
  GtkWidget *window, *view;
  BenchArgs args = { .runs = 30, .width = 1920, .height = 1080 };
  int runs, width, height;
  guint n_items, renders;

  if (!bench_parse_args (argc, argv, FALSE, &args))
    return 2;
  runs = MAX (args.runs, 2);
  width = MAX (args.width, 100);
  height = MAX (args.height, 100);

  gtk_init ();

  file = g_file_new_for_commandline_arg (args.path);
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  spec->metric = g_strdup (rex_dataset_lookup_metric (dataset, "gdp") ? "gdp" : "population");
  chart_a = rex_chart_new (dataset, spec, &error);
  chart_b = chart_a != NULL ? rex_chart_new (dataset, spec, &error) : NULL;
  if (chart_b == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  view = rex_chart_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  rex_chart_view_set_chart (REX_CHART_VIEW (view), chart_a);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_grab_focus (view);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  n_items = rex_chart_get_n_items (chart_a);
  if (n_items < 2)
    {
      fprintf (stderr, "the chart has fewer than two items to move between\n");
      return 1;
    }

  /* Warm up: the first snapshot after showing may still draw the chart. */
  time_snapshot (view);
  renders = rex_chart_view_get_render_count (REX_CHART_VIEW (view));
  for (int i = 0; i < runs; i++)
    {
      double elapsed;

      rex_chart_view_set_focus_index (REX_CHART_VIEW (view), (int) ((i * 7919u) % n_items));
      elapsed = time_snapshot (view);
      g_array_append_val (hover, elapsed);
    }
  if (rex_chart_view_get_render_count (REX_CHART_VIEW (view)) != renders)
    {
      fprintf (stderr, "moving the focus redrew the chart\n");
      return 1;
    }

  for (int i = 0; i < runs; i++)
    {
      double elapsed;

      rex_chart_view_set_chart (REX_CHART_VIEW (view), i % 2 ? chart_a : chart_b);
      elapsed = time_snapshot (view);
      g_array_append_val (full, elapsed);
    }
  if (rex_chart_view_get_render_count (REX_CHART_VIEW (view)) != renders + (guint) runs)
    {
      fprintf (stderr, "a replaced chart was not redrawn\n");
      return 1;
    }

  /* The keyboard focus in the chart: the proxies exist from here on. */
  {
    GtkAllocation alloc = { 0, 0, gtk_widget_get_width (view), gtk_widget_get_height (view) };

    gtk_widget_grab_focus (view);
    rex_chart_view_set_focus_index (REX_CHART_VIEW (view), 0);
    for (guint what = 0; what < 3; what++)
      for (int i = 0; i < runs; i++)
        {
          double start = bench_now_ms ();
          double elapsed;

          if (what == 0)
            rex_chart_view_set_focus_index (REX_CHART_VIEW (view), (i + 1) % (int) n_items);
          else if (what == 1)
            rex_chart_view_set_focus_index (REX_CHART_VIEW (view), (int) ((i * 7919u + 13) % n_items));
          else
            rex_chart_view_set_chart (REX_CHART_VIEW (view), i % 2 ? chart_a : chart_b);
          gtk_widget_size_allocate (view, &alloc, -1);
          elapsed = bench_now_ms () - start + time_snapshot (view);
          g_array_append_val (what == 0 ? step : what == 1 ? jump : replaced, elapsed);
        }
    if (!REX_IS_CHART_VIEW (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), REX_TYPE_CHART_VIEW))
        || gtk_root_get_focus (GTK_ROOT (window)) == view)
      {
        fprintf (stderr, "the focus is not on an item of the chart\n");
        return 1;
      }
  }

  extra = g_strdup_printf ("items=%u width=%d height=%d has_focus=%d", n_items,
                           gtk_widget_get_width (view), gtk_widget_get_height (view),
                           gtk_widget_has_focus (view));
  bench_report ("hover-snapshot", hover, extra);
  bench_report ("full-snapshot", full, extra);
  bench_report ("a11y-step", step, extra);
  bench_report ("a11y-jump", jump, extra);
  bench_report ("a11y-replaced", replaced, extra);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
