/* test-chart-view.c — the chart widget: drawing once per change, hover and
 * focus drawn on top, keyboard navigation, clicks and tooltips, under Xvfb. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rex-chart-item-menu.h"
#include "rex-chart-item-proxy.h"
#include "rex-chart-sources.h"
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

/* The chart on screen is drawn over the window: what it fills with the
 * background (hollow marks, halos) is the window's colour, and its grid
 * stands off that colour. GTK 4.8's dark window is #353535, the very grey
 * of the exported dark chart's grid, which left no grid on screen. */
static void
assert_style_on_window (RexChartView *view)
{
  const RexChartStyle *style = rex_chart_view_get_style (view);
  GdkRGBA window;
  RexColor bg;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (view)),
                                                 "theme_bg_color", &window));
G_GNUC_END_IGNORE_DEPRECATIONS
  bg = (RexColor) { window.red, window.green, window.blue, 1.0 };
  g_assert_cmpfloat (fabs (style->background.r - bg.r) + fabs (style->background.g - bg.g)
                     + fabs (style->background.b - bg.b), <, 0.01);
  g_assert_cmpfloat (fabs (rex_color_luminance (&style->grid) - rex_color_luminance (&bg)), >, 0.025);
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
  assert_style_on_window (f->view);
  renders = rex_chart_view_get_render_count (f->view);

  /* Switching the theme switches the chart's style and redraws it once. */
  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  iterate (60);
  g_assert_cmpint (rex_chart_view_get_style (f->view)->theme, ==, REX_THEME_DARK);
  assert_style_on_window (f->view);
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

/* A dataset of @n provinces with a "score", for a bar chart taller than
 * any screen. */
static RexDataset *
tall_dataset (guint n)
{
  GString *json = g_string_new ("{ \"schema\": \"region-explorer/1\", \"title\": \"Tall\","
                                " \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"T\","
                                " \"date\": \"2024\" } ],"
                                " \"metrics\": [ { \"id\": \"score\", \"name\": \"Score\", \"unit\": \"points\","
                                " \"source\": \"t\" } ], \"regions\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{ \"id\": \"R%u\", \"name\": \"Region %u\", \"kind\": \"province\","
                            " \"values\": { \"score\": { \"2024\": %u } } }",
                            i > 0 ? ", " : "", i, i, 1 + (i * 7919) % n);
  g_string_append (json, "] }");
  bytes = g_string_free_to_bytes (json);
  dataset = rex_dataset_new_from_bytes (bytes, "tall.json", NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* The rows @top to @bottom of @view, as the renderer paints them, are those
 * of the whole chart drawn at once. */
static void
assert_rows_drawn (RexChartView *view,
                   int           top,
                   int           bottom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = g_malloc ((gsize) width * 4 * (bottom - top));
  const guchar *reference;
  int stride, differing = 0;
  cairo_t *cr = cairo_create (whole);

  rex_chart_draw (rex_chart_view_get_chart (view), cr, width, height, rex_chart_view_get_style (view));
  cairo_destroy (cr);
  cairo_surface_flush (whole);
  reference = cairo_image_surface_get_data (whole);
  stride = cairo_image_surface_get_stride (whole);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  shown = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, top, width, bottom - top));
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (shown, pixels, (gsize) width * 4);
  for (int y = 0; y < bottom - top; y++)
    for (int x = 0; x < width * 4; x++)
      if (ABS (pixels[(gsize) y * width * 4 + x] - reference[(gsize) (top + y) * stride + x]) > 2)
        differing++;
  g_test_message ("rows %d–%d of %d: %d bytes differ", top, bottom, height, differing);
  g_assert_cmpint (differing, ==, 0);
  cairo_surface_destroy (whole);
}

static gboolean
drawn_since (RexChartView *view,
             guint         renders)
{
  for (guint i = 0; i < 500 && rex_chart_view_get_render_count (view) == renders; i++)
    iterate (1);
  iterate (5);
  return rex_chart_view_get_render_count (view) > renders;
}

/* A chart far taller than its scrolled window (600 bars) is drawn a band
 * at a time around the rows in sight: each band is the whole chart's
 * pixels there; scrolling within the band draws nothing, scrolling out of
 * it draws the next. */
static void
test_tall_chart_band (void)
{
  g_autoptr(RexDataset) dataset = tall_dataset (600);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scroller = gtk_scrolled_window_new ();
  RexChartView *view = REX_CHART_VIEW (rex_chart_view_new ());
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double page;
  guint renders;

  spec->metric = g_strdup ("score");
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (window, 640, 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_window_set_child (window, scroller);
  rex_chart_view_set_chart (view, chart);
  gtk_window_present (window);
  g_assert_true (drawn_since (view, 0));
  for (guint i = 0; i < 200 && gtk_widget_get_height (GTK_WIDGET (view)) < 4 * 480; i++)
    iterate (1);
  iterate (20);
  page = gtk_adjustment_get_page_size (scroll);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 4 * page);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)) * gtk_widget_get_scale_factor (GTK_WIDGET (view)), >, 4096);
  assert_rows_drawn (view, 0, (int) page);

  /* Within the band: nothing drawn anew. */
  renders = rex_chart_view_get_render_count (view);
  gtk_adjustment_set_value (scroll, page / 2);
  g_assert_false (drawn_since (view, renders));
  assert_rows_drawn (view, (int) (page / 2), (int) (page * 1.5));

  /* The middle and the end: each a band of its own. */
  gtk_adjustment_set_value (scroll, (gtk_adjustment_get_upper (scroll) - page) / 2);
  g_assert_true (drawn_since (view, renders));
  assert_rows_drawn (view, (int) gtk_adjustment_get_value (scroll), (int) (gtk_adjustment_get_value (scroll) + page));
  renders = rex_chart_view_get_render_count (view);
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll) - page);
  g_assert_true (drawn_since (view, renders));
  assert_rows_drawn (view, (int) gtk_adjustment_get_value (scroll), (int) gtk_adjustment_get_upper (scroll));

  gtk_window_destroy (window);
  iterate (10);
}

/* The Sources panel's markup with text a dataset may hold: ampersands,
 * angle brackets and quotes in names, notes and addresses come out as
 * written, and the address is a link a label accepts. */
static void
test_sources_markup (void)
{
  static const char json[] =
    "{ \"schema\": \"region-explorer/1\", \"title\": \"Hostile\","
    " \"sources\": [ { \"id\": \"s\", \"publisher\": \"R&D <Office>\", \"title\": \"\\\"Tables\\\" & <notes>\","
    " \"date\": \"2024\", \"url\": \"https://example.org/q?a=1&b=\\\"2\\\"\", \"via\": \"<reprint> & co\","
    " \"note\": \"a < b & c > d\" } ],"
    " \"metrics\": [ { \"id\": \"m\", \"name\": \"Share <R&D>\", \"unit\": \"% & more\", \"source\": \"s\","
    " \"description\": \"Spending on R&D / GDP <in %>\" } ],"
    " \"regions\": [ { \"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\","
    " \"values\": { \"m\": { \"2024\": 2.5 } } } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_bytes (bytes, "hostile.json", NULL, &error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autofree char *markup = NULL;
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  const char *text;
  const char *expected[] = {
    "Share <R&D>, % & more", "Spending on R&D / GDP <in %>", "R&D <Office>", "\"Tables\" & <notes>",
    "https://example.org/q?a=1&b=\"2\"", "<reprint> & co", "a < b & c > d",
  };

  g_assert_no_error (error);
  spec->metric = g_strdup ("m");
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);
  markup = rex_chart_format_sources_markup (chart);
  /* A label refuses markup that does not parse, with a warning (fatal here). */
  gtk_label_set_markup (GTK_LABEL (label), markup);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("the Sources panel lacks “%s”: %s", expected[i], text);
  g_assert_nonnull (strstr (markup, "<a href=\"https://example.org/q?a=1&amp;b=&quot;2&quot;\">"));
  g_object_unref (label);
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
/* The view's first child that is not its item menu (a popover). */
static GtkWidget *
first_item_child (RexChartView *view)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));

  while (child != NULL && GTK_IS_POPOVER (child))
    child = gtk_widget_get_next_sibling (child);
  return child;
}

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

  g_assert_null (first_item_child (f->view));
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  iterate (5);
  list = first_item_child (f->view);
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
    g_assert_null (first_item_child (f->view));
    rex_chart_view_set_chart (f->view, again);
  }

  /* The proxies draw nothing: moving between them redraws no chart. */
  iterate (20);
  g_assert_cmpuint (rex_chart_view_get_render_count (f->view), <=, renders + 1);
}

static RexDataset *
load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "china-regional-development.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RexDataset *bundled = rex_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bundled;
}

/* Beyond 64 items, the proxies are a window around the focused item. */
static void
test_proxy_window (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RexDataset) bundled = load_bundled ();
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *list;
  guint n;

  spec->metric = g_strdup ("gdp");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-JS", "CN-SD", "CN-ZJ", NULL });
  chart = rex_chart_new (bundled, spec, &error);
  g_assert_no_error (error);
  rex_chart_view_set_chart (f->view, chart);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  iterate (5);
  n = rex_chart_get_n_items (chart);
  g_assert_cmpuint (n, >, 64);
  list = first_item_child (f->view);
  g_assert_cmpuint (n_children (list), ==, 64);

  g_assert_true (send_key (f->view, GDK_KEY_End));
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, (int) n - 1);
  g_assert_cmpuint (n_children (list), ==, 64);
  g_assert_true (send_key (f->view, GDK_KEY_Home));
  g_assert_cmpint (rex_chart_item_proxy_get_index (REX_CHART_ITEM_PROXY (focus_of (f))), ==, 0);

  rex_chart_view_set_chart (f->view, NULL);
  g_assert_null (first_item_child (f->view));
}

/* A point of a relative line chart: its tooltip gives the figure with its
 * unit, as Copy Value copies it, and then the change the chart plots. */
static void
test_relative_tooltip (void)
{
  g_autoptr(RexDataset) bundled = load_bundled ();
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  RexChartItem item;
  guint i;

  spec->metric = g_strdup ("gdp");
  spec->relative = TRUE;
  spec->base_year = 2010;
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", NULL });
  chart = rex_chart_new (bundled, spec, &error);
  g_assert_no_error (error);
  rex_chart_layout (chart, 800, 600, style);
  for (i = 0; rex_chart_get_item (chart, i, &item) && item.year != 2020; i++)
    ;
  g_assert_cmpint (item.year, ==, 2020);
  {
    g_autofree char *tooltip = rex_chart_item_format_tooltip (chart, &item);

    g_assert_cmpstr (tooltip, ==, "Guangdong\nGDP, 2020: 113,709 (100 million yuan)\n+142.9 % since 2010");
  }

  /* Plotting the figures, the tooltip says no more than the figure. */
  spec->relative = FALSE;
  g_clear_object (&chart);
  chart = rex_chart_new (bundled, spec, &error);
  g_assert_no_error (error);
  rex_chart_layout (chart, 800, 600, style);
  g_assert_true (rex_chart_get_item (chart, i, &item));
  {
    g_autofree char *tooltip = rex_chart_item_format_tooltip (chart, &item);

    g_assert_cmpstr (tooltip, ==, "Guangdong\nGDP, 2020: 113,709 (100 million yuan)");
  }
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
  g_test_add_func ("/chart-view/tall-chart-band", test_tall_chart_band);
  g_test_add_func ("/chart-view/sources-markup", test_sources_markup);
  g_test_add_func ("/chart-view/relative-tooltip", test_relative_tooltip);
  return g_test_run ();
}
