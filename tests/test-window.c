/* test-window.c — the real main window under Xvfb: list, chart, loading
 * good and bad files. Fails without a display (never skips). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rex-chart-view.h"
#include "rex-window.h"

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
chart_drawn (gpointer data)
{
  return rex_chart_view_get_render_count (REX_CHART_VIEW (rex_window_get_chart_view (data))) > 0;
}

static gboolean
not_loading (gpointer data)
{
  return !rex_window_is_loading (data);
}

static guint
count_visible_regions (RexWindow *window)
{
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), REX_TYPE_WINDOW, "region_list");
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list));

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static RexWindow *
new_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);
  RexWindow *window;

  g_assert_no_error (error);
  window = rex_window_new (NULL);
  rex_window_set_dataset (window, dataset);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (chart_drawn, window);
  return window;
}

static void
test_opens_with_bundled_data (void)
{
  RexWindow *window = new_window ();
  RexChart *chart = rex_chart_view_get_chart (REX_CHART_VIEW (rex_window_get_chart_view (window)));

  g_assert_cmpuint (count_visible_regions (window), >=, 31);
  g_assert_nonnull (chart);
  g_assert_cmpuint (rex_chart_get_n_items (chart), >=, 31);
  g_assert_null (rex_window_get_error (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search_filters_list (void)
{
  RexWindow *window = new_window ();
  GtkWidget *entry = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), REX_TYPE_WINDOW, "search_entry");
  guint all = count_visible_regions (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Jiangsu");
  /* search-changed is delayed; emit it now rather than wait. */
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (count_visible_regions (window), <, all);
  g_assert_cmpuint (count_visible_regions (window), >=, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_file_keeps_dataset (void)
{
  RexWindow *window = new_window ();
  RexDataset *before = rex_window_get_dataset (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui-bad-value.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *message;

  rex_window_open_file (window, file);
  g_assert_true (rex_window_is_loading (window));
  iterate_until (not_loading, window);

  message = rex_window_get_error (window);
  g_assert_nonnull (message);
  g_assert_true (strstr (message, "ui-bad-value.json:6:") != NULL);
  g_assert_true (rex_window_get_dataset (window) == before);
  g_assert_cmpuint (count_visible_regions (window), >=, 31);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_good_file_replaces_dataset (void)
{
  RexWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rex_window_open_file (window, file);
  iterate_until (not_loading, window);
  g_assert_null (rex_window_get_error (window));
  g_assert_cmpuint (count_visible_regions (window), ==, 7);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_hover_does_not_redraw_chart (void)
{
  RexWindow *window = new_window ();
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  guint renders = rex_chart_view_get_render_count (view);

  for (int i = 0; i < 5; i++)
    {
      rex_chart_view_set_focus_index (view, i);
      gtk_widget_grab_focus (GTK_WIDGET (view));
      for (int j = 0; j < 20; j++)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (rex_chart_view_get_render_count (view), ==, renders);
  g_assert_cmpint (rex_chart_view_get_focus_index (view), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/opens-with-bundled-data", test_opens_with_bundled_data);
  g_test_add_func ("/window/search-filters-list", test_search_filters_list);
  g_test_add_func ("/window/bad-file-keeps-dataset", test_bad_file_keeps_dataset);
  g_test_add_func ("/window/good-file-replaces-dataset", test_good_file_replaces_dataset);
  g_test_add_func ("/window/hover-does-not-redraw-chart", test_hover_does_not_redraw_chart);
  return g_test_run ();
}
