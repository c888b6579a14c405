/* test-window-items.c — what a person does with one region from a chart:
 * the item's context menu (right-click, Menu key), its profile, and the
 * profile exported as PNG and PDF, read back. Fails without a display. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-export-dialog.h"
#include "rex-region-profile.h"
#include "rex-window.h"
#include "ui-test-util.h"

static gboolean
chart_drawn (gpointer data)
{
  RexChart *chart = rex_chart_view_get_chart (REX_CHART_VIEW (rex_window_get_chart_view (data)));

  return chart != NULL && rex_chart_get_n_items (chart) > 0;
}

static GtkWidget *
item_popover (GtkWidget *view)
{
  for (GtkWidget *c = gtk_widget_get_first_child (view); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER_MENU (c))
      return c;
  g_assert_not_reached ();
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* The labels of the menu's items a person sees, with their shortcuts, in
 * order, joined by "|". */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    {
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

static char *
menu_labels (GtkWidget *popover)
{
  GString *out = g_string_new (NULL);

  collect_labels (popover, out);
  return g_string_free (out, FALSE);
}

static const char *wanted_labels;

/* The menu is up and shows the items wanted, each laid out. */
static gboolean
menu_shows (gpointer popover)
{
  g_autofree char *labels = menu_labels (popover);

  return gtk_widget_get_mapped (popover) && g_str_equal (labels, wanted_labels);
}

/* Right-click at (x, y) of the chart view: the secondary-button gesture. */
static void
right_click (GtkWidget *view,
             double     x,
             double     y)
{
  GListModel *controllers = gtk_widget_observe_controllers (view);
  gboolean clicked = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !clicked; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        {
          g_signal_emit_by_name (controller, "pressed", 1, x, y);
          clicked = TRUE;
        }
    }
  g_object_unref (controllers);
  g_assert_true (clicked);
}

static RexRegionProfile *
open_profile (void)
{
  for (GList *l = gtk_window_list_toplevels (), *list = l; l; l = l->next)
    if (REX_IS_REGION_PROFILE (l->data) && gtk_widget_get_visible (l->data))
      {
        RexRegionProfile *profile = l->data;
        g_list_free (list);
        return profile;
      }
  return NULL;
}

static void
test_item_menu (void)
{
  RexWindow *window = ui_test_new_window ("compare");
  GtkWidget *view, *popover;
  RexChartItem item;
  g_autofree char *copied = NULL;
  RexSelection *selection = rex_window_get_selection (window);

  ui_test_iterate_until (chart_drawn, window);
  view = rex_window_get_chart_view (window);
  popover = item_popover (view);
  g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (REX_CHART_VIEW (view)), 3, &item));
  g_assert_nonnull (item.region);
  g_assert_false (rex_selection_contains (selection, rex_region_get_id (item.region)));

  /* A right-click on the bar: its menu, the item focused. */
  right_click (view, item.x + 2, item.y);
  g_assert_cmpint (rex_chart_view_get_focus_index (REX_CHART_VIEW (view)), ==, 3);
  wanted_labels = "Show Profile|Alt+Return|Select|Return|Copy Value";
  ui_test_iterate_until (menu_shows, popover);

  /* Select: the region joins the selection and the menu offers Deselect. */
  g_assert_true (gtk_widget_activate_action (popover, "item.select", NULL));
  g_assert_true (rex_selection_contains (selection, rex_region_get_id (item.region)));
  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_test_iterate_until (is_unmapped, popover);
  ui_test_iterate_until (chart_drawn, window);
  g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (REX_CHART_VIEW (view)), 3, &item));

  /* The Menu key (and Shift+F10) on the focused item. */
  gtk_widget_grab_focus (view);
  rex_chart_view_set_focus_index (REX_CHART_VIEW (view), 3);
  g_assert_true (gtk_widget_activate_action (view, "item.popup", NULL));
  wanted_labels = "Show Profile|Alt+Return|Deselect|Return|Copy Value";
  ui_test_iterate_until (menu_shows, popover);

  /* Copy Value: the value as the tooltip writes it. */
  g_assert_true (gtk_widget_activate_action (popover, "item.copy-value", NULL));
  copied = ui_test_read_clipboard_text (gtk_widget_get_clipboard (view));
  g_assert_nonnull (copied);
  g_assert_true (g_str_has_suffix (copied, " (100 million yuan)"));
  g_assert_cmpuint (strspn (copied, "0123456789,."), ==, strlen (copied) - strlen (" (100 million yuan)"));

  /* Show Profile: the region's profile. */
  g_assert_true (gtk_widget_activate_action (popover, "item.show-profile", NULL));
  g_assert_nonnull (open_profile ());
  g_assert_true (rex_region_profile_get_region (open_profile ()) == item.region);

  /* Deselect. */
  g_assert_true (gtk_widget_activate_action (popover, "item.deselect", NULL));
  g_assert_false (rex_selection_contains (selection, rex_region_get_id (item.region)));
  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_test_destroy_window (window);
}

typedef struct
{
  GFile    *file;
  gboolean  destroyed;
} Exported;

static void
on_exported (RexExportDialog         *dialog,
             GFile                   *file,
             const RexExportSettings *settings,
             Exported                *out)
{
  g_set_object (&out->file, file);
}

static void
on_destroyed (GtkWidget *widget,
              Exported  *out)
{
  out->destroyed = TRUE;
}

static gboolean
is_destroyed (gpointer data)
{
  return ((Exported *) data)->destroyed;
}

static RexExportDialog *
find_export_dialog (void)
{
  RexExportDialog *dialog = NULL;
  GList *list = gtk_window_list_toplevels ();

  for (GList *l = list; l; l = l->next)
    if (REX_IS_EXPORT_DIALOG (l->data))
      dialog = l->data;
  g_list_free (list);
  return dialog;
}

/* The profile's Export button, the dialog set to @format at 800×600, and
 * the file written to @path. */
static void
export_profile (RexRegionProfile *profile,
                RexExportFormat   format,
                const char       *path)
{
  g_autoptr(RexExportSettings) settings = rex_export_settings_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Exported out = { NULL };
  RexExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (profile), "profile.export", NULL));
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (profile));
  settings->format = format;
  settings->width = 800;
  settings->height = 600;
  rex_export_dialog_set_settings (dialog, settings);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &out);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroyed), &out);
  rex_export_dialog_export_to (dialog, file);
  ui_test_iterate_until (is_destroyed, &out);
  g_assert_nonnull (out.file);
  g_assert_true (g_file_equal (out.file, file));
  g_object_unref (out.file);
}

static void
test_profile_export (void)
{
  RexWindow *window = ui_test_new_window ("compare");
  g_autofree char *dir = g_dir_make_tmp ("rex-profile-XXXXXX", NULL);
  g_autofree char *png_path = g_build_filename (dir, "profile.png", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "profile.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  RexRegionProfile *profile;
  cairo_surface_t *png;
  const guint8 *pixels;
  int stride, status, dark = 0, sparkline = 0;

  ui_test_iterate_until (chart_drawn, window);
  profile = REX_REGION_PROFILE (rex_window_show_profile (window, "CN-GD"));

  /* PNG: the size asked for, a light page with the title's dark text at
   * the top left and the sparklines' accent colour in the cells. */
  export_profile (profile, REX_EXPORT_FORMAT_PNG, png_path);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
  pixels = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  g_assert_cmphex (((const guint32 *) pixels)[0] & 0xffffff, >, 0xf00000);
  for (int y = 10; y < 60; y++)
    for (int x = 10; x < 200; x++)
      {
        guint32 p = *(const guint32 *) (pixels + y * stride + x * 4);
        if (((p >> 16) & 0xff) < 80 && ((p >> 8) & 0xff) < 80 && (p & 0xff) < 80)
          dark++;
      }
  for (int y = 100; y < 600; y++)
    for (int x = 0; x < 800; x++)
      {
        guint32 p = *(const guint32 *) (pixels + y * stride + x * 4);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        /* Saturated pixels: the accent colour of the sparklines, not text. */
        if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 80)
          sparkline++;
      }
  cairo_surface_destroy (png);
  g_assert_cmpint (dark, >, 100);
  g_assert_cmpint (sparkline, >, 200);

  /* PDF: the region's name, a metric and its value as text. */
  export_profile (profile, REX_EXPORT_FORMAT_PDF, pdf_path);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf_path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (text, "Guangdong"));
  g_assert_nonnull (strstr (text, "141,489 (100 million yuan)"));
  g_assert_nonnull (strstr (text, "rank 1 of 31"));

  g_unlink (png_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
  ui_test_destroy_window (window);
}

static int wanted_width, wanted_height;

static gboolean
compare_at_size (gpointer data)
{
  RexWindow *window = data;
  GtkWidget *view = rex_window_get_chart_view (window);
  RexChart *chart = rex_chart_view_get_chart (REX_CHART_VIEW (view));

  return gtk_widget_get_width (GTK_WIDGET (window)) <= wanted_width
         && gtk_widget_get_width (GTK_WIDGET (window)) > wanted_width - 40
         && gtk_widget_get_height (GTK_WIDGET (window)) <= wanted_height && chart != NULL
         && rex_chart_get_n_items (chart) > 30 && gtk_widget_get_width (view) > 0
         /* Laid out at the view's size, its height settled. */
         && gtk_widget_get_height (view) >= rex_chart_get_min_height (chart, gtk_widget_get_width (view),
                                                                      rex_chart_view_get_style (REX_CHART_VIEW (view)));
}

/* Compare at 800×600 ranks every province: each bar's row has its name,
 * dark grey text left of the bars, and the chart scrolls instead of
 * dropping them; at 1920×1080 it fits the window. */
static void
test_compare_names_at_800x600 (void)
{
  RexWindow *window = ui_test_new_window ("compare");
  GtkWidget *view;
  RexChart *chart;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height, stride;
  const guint8 *pixels;
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);

  wanted_width = 800;
  wanted_height = 600;
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  ui_test_iterate_until (compare_at_size, window);
  ui_test_iterate (20);
  view = rex_window_get_chart_view (window);
  chart = rex_chart_view_get_chart (REX_CHART_VIEW (view));
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  g_assert_true (gtk_widget_get_height (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW)) < height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  rex_chart_draw (chart, cr, width, height, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;
      int text = 0;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      for (int y = (int) item.y - 2; y <= (int) item.y + 2; y++)
        for (int x = 0; x < width / 3; x++)
          {
            guint32 p = *(const guint32 *) (pixels + y * stride + x * 4);
            int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

            if (MAX (MAX (r, g), b) < 120 && MAX (MAX (r, g), b) - MIN (MIN (r, g), b) < 40)
              text++;
          }
      if (text < 3)
        g_error ("the bar of %s has no name beside it", rex_region_get_name (item.region));
    }
  cairo_surface_destroy (surface);

  /* Where the window has room, the chart fits it: no scrolling. */
  wanted_width = 1920;
  wanted_height = 1080;
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  ui_test_iterate_until (compare_at_size, window);
  ui_test_iterate (20);
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW)), ==,
                   gtk_widget_get_height (view));
  ui_test_destroy_window (window);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The popup's list shows names that contain "GDP" somewhere, the search
 * having run. */
static gboolean
gdp_found_anywhere (gpointer data)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (data));
  guint n = g_list_model_get_n_items (shown);
  gboolean share = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (shown, i);
      const char *name = rex_metric_get_display_name (metric);

      if (strstr (name, "GDP") == NULL)
        return FALSE;
      share |= g_str_equal (name, "Share of national GDP");
    }
  return share;
}

/* Typing in a metric drop-down's search finds a word anywhere in a name. */
static void
test_metric_search_anywhere (void)
{
  RexWindow *window = ui_test_new_window ("compare");
  GtkWidget *page, *dropdown, *entry, *list;

  ui_test_iterate_until (chart_drawn, window);
  page = rex_window_get_page (window, "compare");
  dropdown = ui_test_template_child (page, REX_TYPE_CHART_PAGE, "metric_dropdown");
  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  gtk_widget_activate_action (dropdown, "menu.popup", NULL);
  entry = find_descendant (dropdown, GTK_TYPE_SEARCH_ENTRY);
  list = find_descendant (dropdown, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (entry);
  g_assert_nonnull (list);
  gtk_editable_set_text (GTK_EDITABLE (entry), "GDP");
  ui_test_iterate_until (gdp_found_anywhere, list);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ui_test_destroy_window (window);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-items/menu", test_item_menu);
  g_test_add_func ("/window-items/profile-export", test_profile_export);
  g_test_add_func ("/window-items/compare-names-at-800x600", test_compare_names_at_800x600);
  g_test_add_func ("/window-items/metric-search-anywhere", test_metric_search_anywhere);
  return g_test_run ();
}
