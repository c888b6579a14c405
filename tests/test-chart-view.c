/* test-chart-view.c — the chart widget: drawing once per change, hover and
 * focus drawn on top, keyboard navigation, clicks and tooltips, under Xvfb. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rex-chart-item-proxy.h"
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

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The focused item's proxy holds the keyboard focus, named with the item's
 * sentence; the proxies are a list of the chart's items, made when the
 * focus comes in. */
static void
test_item_proxies (Fixture       *f,
                   gconstpointer  data)
{
  RexChart *chart = rex_chart_view_get_chart (f->view);
  g_autoptr(RexChart) again = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *list, *first;
  RexChartItem item;
  g_autofree char *name = NULL;
  guint renders = rex_chart_view_get_render_count (f->view);

  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (f->view)));
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  iterate (5);
  list = gtk_widget_get_first_child (GTK_WIDGET (f->view));
  g_assert_true (REX_IS_CHART_ITEM_PROXY (list));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_ROLE_LIST);
  g_assert_cmpuint (n_children (list), ==, rex_chart_get_n_items (chart));
  g_assert_true (focus_of (f) == GTK_WIDGET (f->view));

  g_assert_true (send_key (f->view, GDK_KEY_Down));
  first = focus_of (f);
  g_assert_true (REX_IS_CHART_ITEM_PROXY (first));
  g_assert_true (gtk_widget_get_parent (first) == list);
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (first)), ==, 0);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (first), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  g_assert_true (rex_chart_get_item (chart, 0, &item));
  name = rex_chart_describe_item (chart, &item);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (first), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  g_assert_true (send_key (f->view, GDK_KEY_Down));
  g_assert_true (REX_IS_CHART_ITEM_PROXY (focus_of (f)));
  g_assert_true (focus_of (f) != first);
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, 1);

  /* Tab leaves the chart from an item; coming back, it lands on that item. */
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (f->view), GTK_DIR_TAB_FORWARD));
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->view), GTK_DIR_TAB_FORWARD));
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, 1);

  /* A chart made again keeps the focus on the same datum. */
  again = rex_chart_new (f->dataset, rex_chart_get_spec (chart), &error);
  g_assert_no_error (error);
  rex_chart_view_set_chart (f->view, again);
  g_assert_cmpint (rex_chart_view_get_focus_index (f->view), ==, 1);
  g_assert_true (REX_IS_CHART_ITEM_PROXY (focus_of (f)));
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, 1);

  /* A chart without items takes the focus back to the chart itself. */
  {
    g_autoptr(RexChartSpec) spec = rex_chart_spec_copy (rex_chart_get_spec (again));
    g_autoptr(RexChart) empty = NULL;

    spec->year = 1800;
    empty = rex_chart_new (f->dataset, spec, &error);
    g_assert_no_error (error);
    g_assert_nonnull (rex_chart_get_empty_message (empty));
    rex_chart_view_set_chart (f->view, empty);
    g_assert_true (focus_of (f) == GTK_WIDGET (f->view));
    g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (f->view)));
    rex_chart_view_set_chart (f->view, again);
  }

  /* The proxies draw nothing: moving between them redraws no chart. */
  iterate (20);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), <=, renders + 1);
}

/* Beyond 64 items, the proxies are a window around the focused item. */
static void
test_proxy_window (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "china-regional-development.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  GtkWidget *list;
  guint n;

  g_assert_no_error (error);
  spec->metric = g_strdup ("gdp");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-JS", "CN-SD", "CN-ZJ", NULL });
  chart = rex_chart_new (bundled, spec, &error);
  g_assert_no_error (error);
  rex_chart_view_set_chart (f->view, chart);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  iterate (5);
  n = rex_chart_get_n_items (chart);
  g_assert_cmpuint (n, >, 64);
  list = gtk_widget_get_first_child (GTK_WIDGET (f->view));
  g_assert_cmpuint (n_children (list), ==, 64);

  g_assert_true (send_key (f->view, GDK_KEY_End));
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, (int) n - 1);
  g_assert_cmpuint (n_children (list), ==, 64);
  g_assert_true (send_key (f->view, GDK_KEY_Home));
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, 0);

  rex_chart_view_set_chart (f->view, NULL);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (f->view)));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* GTK's test accessibility backend: the proxies' roles and names are read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/chart-view/keyboard", test_keyboard);
  ADD ("/chart-view/click-and-tooltip", test_click_and_tooltip);
  ADD ("/chart-view/style-follows-theme", test_style_follows_theme);
  ADD ("/chart-view/hidden-drops-pixels", test_hidden_drops_pixels);
  ADD ("/chart-view/item-proxies", test_item_proxies);
  ADD ("/chart-view/proxy-window", test_proxy_window);
#undef ADD
  return g_test_run ();
}
