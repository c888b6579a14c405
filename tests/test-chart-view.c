/* test-chart-view.c — the chart widget: drawing once per change, hover and
 * focus drawn on top, keyboard navigation, clicks and tooltips, under Xvfb. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rex-chart-view.h"

typedef struct
{
  RexDataset   *dataset;
  GtkWindow    *window;
  RexChartView *view;
  int           activated;
} Fixture;

static void
iterate (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
on_item_activated (RexChartView *view,
                   guint         index,
                   Fixture      *f)
{
  f->activated = index;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  f->dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  spec->metric = g_strdup ("score");
  chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 640, 480);
  f->view = REX_CHART_VIEW (rex_chart_view_new ());
  rex_chart_view_set_chart (f->view, chart);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  f->activated = -1;
  g_signal_connect (f->view, "item-activated", G_CALLBACK (on_item_activated), f);
  gtk_window_present (f->window);
  while (rex_chart_view_get_render_count (f->view) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate (1);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  iterate (10);
  g_assert_finalize_object (f->dataset);
}

static gboolean
send_key (RexChartView *view,
          guint         keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
click_at (RexChartView *view,
          double        x,
          double        y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "pressed", 1, x, y);
    }
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  RexChart *chart = rex_chart_view_get_chart (f->view);
  guint renders = rex_chart_view_get_render_count (f->view);

  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, -1);
  g_assert_true (send_key (f->view, GDK_KEY_Down));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, 0);
  g_assert_true (send_key (f->view, GDK_KEY_Down));
  g_assert_true (send_key (f->view, GDK_KEY_Right));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, 2);
  g_assert_true (send_key (f->view, GDK_KEY_Up));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, 1);
  g_assert_true (send_key (f->view, GDK_KEY_End));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, (int) rex_chart_get_n_items (chart) - 1);
  g_assert_true (send_key (f->view, GDK_KEY_Down));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, (int) rex_chart_get_n_items (chart) - 1);
  g_assert_true (send_key (f->view, GDK_KEY_Home));
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, 0);
  g_assert_false (send_key (f->view, GDK_KEY_a));

  /* Enter selects the focused item. */
  g_assert_true (send_key (f->view, GDK_KEY_Return));
  g_assert_cmpint (f->activated, ==, 0);

  /* Moving the focus redraws only the marker, not the chart. */
  iterate (20);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), ==, renders);
}

static void
test_click_and_tooltip (Fixture       *f,
                        gconstpointer  data)
{
  RexChart *chart = rex_chart_view_get_chart (f->view);
  RexChartItem second;
  g_autoptr(GtkTooltip) tooltip = NULL;
  gboolean shown = FALSE;

  g_assert_true (rex_chart_get_item (chart, 1, &second));
  click_at (f->view, second.x - 5, second.y);
  g_assert_cmpint (f->activated, ==, 1);

  /* Clicking outside every item activates nothing. */
  f->activated = -1;
  click_at (f->view, 2, 2);
  g_assert_cmpint (f->activated, ==, -1);

  /* The tooltip names the region, metric, year, value and unit. */
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (f->view, "query-tooltip", (int) second.x - 5, (int) second.y, FALSE, tooltip, &shown);
  g_assert_true (shown);
}

static void
test_style_follows_theme (Fixture       *f,
                          gconstpointer  data)
{
  GtkSettings *settings = gtk_settings_get_default ();
  guint renders;

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  iterate (30);
  g_assert_cmpint (rex_chart_view_get_style (f->view)->theme, ==, REX_THEME_LIGHT);
  renders = rex_chart_view_get_render_count (f->view);

  /* Switching the theme switches the chart's style and redraws it once. */
  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  iterate (60);
  g_assert_cmpint (rex_chart_view_get_style (f->view)->theme, ==, REX_THEME_DARK);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), >, renders);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  iterate (30);
}

/* The view draws its chart once and keeps the pixels while shown; hidden,
 * it lets them go, and draws the chart once more when shown again. */
static void
test_hidden_drops_pixels (Fixture       *f,
                          gconstpointer  data)
{
  guint renders;

  iterate (30);
  renders = rex_chart_view_get_render_count (f->view);
  gtk_widget_queue_draw (GTK_WIDGET (f->view));
  iterate (30);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), ==, renders);

  gtk_widget_set_visible (GTK_WIDGET (f->view), FALSE);
  iterate (30);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), ==, renders);

  gtk_widget_set_visible (GTK_WIDGET (f->view), TRUE);
  for (guint i = 0; i < 200 && rex_chart_view_get_render_count (f->view) == renders; i++)
    iterate (1);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), ==, renders + 1);
  iterate (30);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), ==, renders + 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/chart-view/keyboard", test_keyboard);
  ADD ("/chart-view/click-and-tooltip", test_click_and_tooltip);
  ADD ("/chart-view/style-follows-theme", test_style_follows_theme);
  ADD ("/chart-view/hidden-drops-pixels", test_hidden_drops_pixels);
#undef ADD
  return g_test_run ();
}
