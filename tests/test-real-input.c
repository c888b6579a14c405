/* test-real-input.c — the real window driven by real input under Xvfb: key
 * presses, clicks and drags made by the X server's XTest extension, as a
 * keyboard and a mouse make them, go through GDK's X11 backend, GTK's event
 * controllers and shortcuts like a person's. Nothing is activated by name.
 * Results are checked against what the test knows: the views' titles, the
 * fixture's figures, the file written to disk and read back, the width
 * of the tooltips the pointer brings up.
 * Fails without an X display or without XTest (never skips). */
#define _GNU_SOURCE  /* F_SETLEASE */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "rex-application.h"
#include "rex-chart-item-menu.h"
#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-export-dialog.h"
#include "rex-table-page.h"
#include "rex-window.h"
#include "ui-test-util.h"

/* The connection the "keyboard" and "mouse" use: not GDK's own. */
static Display *xdpy;

/* --- waiting --- */

#define wait_for(cond, data) ui_test_iterate_until ((cond), (data))

/* Runs the main loop for @ms milliseconds: only to see that something does
 * NOT happen (playback stopped), never to wait for something to happen. */
static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* --- XTest input --- */

static void
x_sync (void)
{
  XSync (xdpy, False);
}

static KeyCode
keycode_for (KeySym keysym,
             gboolean *shifted)
{
  KeyCode code = XKeysymToKeycode (xdpy, keysym);

  g_assert_cmpuint (code, !=, 0);
  *shifted = XkbKeycodeToKeysym (xdpy, code, 0, 0) != keysym
          && XkbKeycodeToKeysym (xdpy, code, 0, 1) == keysym;
  return code;
}

static void
key_event (KeySym   keysym,
           gboolean press)
{
  gboolean shifted;

  XTestFakeKeyEvent (xdpy, keycode_for (keysym, &shifted), press, CurrentTime);
}

enum { CTRL = 1 << 0, SHIFT = 1 << 1, ALT = 1 << 2 };

/* One key stroke with modifiers held, as a person types it. */
static void
press (guint  mods,
       KeySym keysym)
{
  gboolean shifted;
  KeyCode code = keycode_for (keysym, &shifted);

  if (mods & CTRL)
    key_event (XK_Control_L, TRUE);
  if ((mods & SHIFT) || shifted)
    key_event (XK_Shift_L, TRUE);
  if (mods & ALT)
    key_event (XK_Alt_L, TRUE);
  XTestFakeKeyEvent (xdpy, code, True, CurrentTime);
  XTestFakeKeyEvent (xdpy, code, False, CurrentTime);
  if (mods & ALT)
    key_event (XK_Alt_L, FALSE);
  if ((mods & SHIFT) || shifted)
    key_event (XK_Shift_L, FALSE);
  if (mods & CTRL)
    key_event (XK_Control_L, FALSE);
  x_sync ();
}

static void
type_text (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      char name[2] = { *p, 0 };
      KeySym keysym = *p == '/' ? XK_slash : *p == '.' ? XK_period : *p == '-' ? XK_minus
                    : *p == '_' ? XK_underscore : *p == ' ' ? XK_space : XStringToKeysym (name);

      g_assert_cmpuint (keysym, !=, NoSymbol);
      press (0, keysym);
    }
}

/* Where a point of @widget is on the screen. */
static void
screen_point (GtkWidget *widget,
              double     x,
              double     y,
              int       *root_x,
              int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdpy, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdpy), (int) (point.x + sx), (int) (point.y + sy),
                         root_x, root_y, &child);
}

static void
pointer_to (int x,
            int y)
{
  XTestFakeMotionEvent (xdpy, -1, x, y, CurrentTime);
  x_sync ();
}

static void
button (gboolean down)
{
  XTestFakeButtonEvent (xdpy, 1, down, CurrentTime);
  x_sync ();
}

static gboolean
pointer_is_over (gpointer widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  double x, y;
  graphene_point_t point;

  gdk_surface_get_device_position (gtk_native_get_surface (native), gdk_seat_get_pointer (seat),
                                   &x, &y, NULL);
  if (!gtk_widget_compute_point (GTK_WIDGET (native), widget, &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;
  return gtk_widget_contains (widget, point.x, point.y);
}

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0
      && gtk_widget_get_height (widget) > 0;
}

/* A left click in the middle of @widget. */
static void
click (GtkWidget *widget)
{
  int x, y;

  wait_for (allocated, widget);
  screen_point (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, &x, &y);
  pointer_to (x, y);
  wait_for (pointer_is_over, widget);
  button (TRUE);
  button (FALSE);
}

/* --- the window --- */

static gpointer
page_child (gpointer    page,
            const char *name)
{
  return ui_test_template_child (page, REX_TYPE_CHART_PAGE, name);
}

static gboolean
unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static gboolean
chart_drawn (gpointer window)
{
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (window));

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && rex_chart_view_get_render_count (view) > 0;
}

/* Gives @window the keyboard focus as a window manager would, with the
 * pointer over it. */
static void
focus_window (GtkWindow *window)
{
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  int x, y;

  screen_point (GTK_WIDGET (window), 20, gtk_widget_get_height (GTK_WIDGET (window)) - 20, &x, &y);
  pointer_to (x, y);
  XRaiseWindow (xdpy, xid);
  XSetInputFocus (xdpy, xid, RevertToParent, CurrentTime);
  x_sync ();
  wait_for (is_active, window);
}

/* The shared window fixture, with the keyboard focus and the view drawn. */
static RexWindow *
new_window (const char *view)
{
  RexWindow *window = ui_test_new_window (view);

  focus_window (GTK_WINDOW (window));
  if (!g_str_equal (view, "overview") && !g_str_equal (view, "table"))
    wait_for (chart_drawn, window);
  return window;
}

static gboolean
toplevel_gone (gpointer data)
{
  return ui_test_find_toplevel ((GType) GPOINTER_TO_SIZE (data), NULL) == NULL;
}

/* A dialog the keys go to: shown and with the display's focus. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  return ui_test_wait_for_toplevel (type, TRUE);
}

static void
wait_for_toplevel_gone (GType type)
{
  wait_for (toplevel_gone, GSIZE_TO_POINTER (type));
}

/* --- Ctrl+1 … Ctrl+7 --- */

typedef struct
{
  RexWindow  *window;
  const char *title;
} ViewShown;

static gboolean
view_shown (gpointer data)
{
  ViewShown *v = data;
  GtkStack *stack = ui_test_window_child (v->window, "view_stack");
  GtkWidget *page = gtk_stack_get_visible_child (stack);

  return page != NULL && gtk_widget_get_mapped (page)
      && g_strcmp0 (gtk_stack_page_get_title (gtk_stack_get_page (stack, page)), v->title) == 0;
}

static void
test_view_shortcuts (void)
{
  /* The README's order of the views and their titles. */
  static const struct { KeySym key; const char *title; RexChartKind kind; } views[] = {
    { XK_2, "Compare", REX_CHART_KIND_BARS },
    { XK_3, "Trends", REX_CHART_KIND_LINES },
    { XK_4, "Relationships", REX_CHART_KIND_BUBBLES },
    { XK_5, "Map", REX_CHART_KIND_MAP },
    { XK_6, "Rural", REX_CHART_KIND_PROGRESS },
    { XK_7, "Table", REX_CHART_KIND_LAST },
    { XK_1, "Overview", REX_CHART_KIND_LAST },
    { XK_4, "Relationships", REX_CHART_KIND_BUBBLES },
  };
  RexWindow *window = new_window ("overview");

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      ViewShown v = { window, views[i].title };

      press (CTRL, views[i].key);
      wait_for (view_shown, &v);
      if (views[i].kind != REX_CHART_KIND_LAST)
        {
          wait_for (chart_drawn, window);
          g_assert_cmpint (rex_chart_get_spec (rex_window_get_current_chart (window))->kind, ==, views[i].kind);
        }
    }
  ui_test_destroy_window (window);
}

/* --- Ctrl+C in the Table view --- */

static void
on_clipboard_changed (GdkClipboard *clipboard,
                      gboolean     *changed)
{
  *changed = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/* With the focus in the table, a real Ctrl+C copies its rows as text, not
 * the chart as an image (the window's own Ctrl+C). */
static void
test_table_copy_keys (void)
{
  RexWindow *window = new_window ("compare");
  ViewShown v = { window, "Table" };
  RexTablePage *table = ui_test_window_child (window, "table_page");
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *text = NULL;
  gboolean changed = FALSE;
  gulong handler;

  press (CTRL, XK_7);
  wait_for (view_shown, &v);
  gtk_widget_grab_focus (GTK_WIDGET (rex_table_page_get_column_view (table)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (table)));
  handler = g_signal_connect (clipboard, "changed", G_CALLBACK (on_clipboard_changed), &changed);
  press (CTRL, XK_c);
  wait_for (flag_set, &changed);
  g_signal_handler_disconnect (clipboard, handler);
  g_assert_false (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE));
  text = ui_test_read_clipboard_text (clipboard);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Region\t"));
  g_assert_nonnull (strstr (text, "\nGuangdong\t"));
  ui_test_destroy_window (window);
}

/* --- Ctrl+E, Ctrl+Shift+E --- */

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
notice_shown (gpointer window)
{
  return gtk_revealer_get_child_revealed (ui_test_window_child (window, "notice_revealer"));
}

/* The width and height of a PNG file, from its header. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree guchar *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data + 1, 3, "PNG", 3);
  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
}

static RexExportMetadata *
read_back (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RexExportMetadata *metadata = rex_export_read_metadata (file, NULL, &error);

  g_assert_no_error (error);
  return metadata;
}

static void
test_export_and_export_again (void)
{
  RexWindow *window = new_window ("compare");
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  g_autofree char *dir = g_dir_make_tmp ("rex-real-input-XXXXXX", NULL);
  g_autofree char *first = g_build_filename (dir, "first.png", NULL);
  g_autofree char *again = NULL;
  g_autofree char *name = NULL;
  g_autoptr(RexExportMetadata) metadata = NULL;
  GtkWindow *dialog, *chooser;
  guint width, height;

  /* The file names below are typed: keep the folder's name to letters the
   * US keyboard of Xvfb has. */
  g_assert_nonnull (dir);
  g_assert_cmpint ((int) gtk_adjustment_get_value (year), ==, 2024);

  /* Ctrl+E opens the Export dialog for the chart on screen. */
  press (CTRL, XK_e);
  dialog = wait_for_toplevel (REX_TYPE_EXPORT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* Export asks where: the file chooser, where the name is typed. */
  click (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), REX_TYPE_EXPORT_DIALOG, "export_button")));
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  press (CTRL, XK_a);
  type_text (first);
  press (0, XK_Return);
  wait_for (file_exists, first);
  wait_for_toplevel_gone (REX_TYPE_EXPORT_DIALOG);
  (void) chooser;
  wait_for (notice_shown, window);
  g_assert_cmpstr (gtk_label_get_text (ui_test_window_child (window, "notice_label")), ==, "Exported “first.png”");

  /* Read back: the chart on screen at 2024, at the dialog's default size. */
  metadata = read_back (first);
  g_assert_cmpint (metadata->spec->kind, ==, REX_CHART_KIND_BARS);
  g_assert_cmpint (metadata->spec->year, ==, 2024);
  png_size (first, &width, &height);
  g_assert_cmpuint (width, ==, (guint) (metadata->width * metadata->scale));
  g_assert_cmpuint (height, ==, (guint) (metadata->height * metadata->scale));
  g_clear_pointer (&metadata, rex_export_metadata_free);

  /* Another year, then Ctrl+Shift+E: no dialog, a new file beside the first,
   * named after the chart, with the same settings and the year now shown. */
  focus_window (GTK_WINDOW (window));
  gtk_adjustment_set_value (year, 2015);
  name = g_strdup_printf ("%s.png", rex_chart_get_title (rex_window_get_current_chart (window)));
  again = g_build_filename (dir, name, NULL);
  g_assert_false (g_file_test (again, G_FILE_TEST_EXISTS));
  press (CTRL | SHIFT, XK_e);
  wait_for (file_exists, again);
  g_assert_null (ui_test_find_toplevel (REX_TYPE_EXPORT_DIALOG, NULL));
  metadata = read_back (again);
  g_assert_cmpint (metadata->spec->year, ==, 2015);
  {
    guint w2, h2;

    png_size (again, &w2, &h2);
    g_assert_cmpuint (w2, ==, width);
    g_assert_cmpuint (h2, ==, height);
  }
  /* The first file is left as it was. */
  g_clear_pointer (&metadata, rex_export_metadata_free);
  metadata = read_back (first);
  g_assert_cmpint (metadata->spec->year, ==, 2024);

  g_unlink (first);
  g_unlink (again);
  g_rmdir (dir);
  ui_test_destroy_window (window);
}

/* --- Ctrl+O --- */

static void
test_open_shortcut (void)
{
  RexWindow *window = new_window ("compare");
  GtkWindow *chooser;

  press (CTRL, XK_o);
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Open Dataset");
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (window));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  /* Escape closes it and nothing is loaded. */
  press (0, XK_Escape);
  wait_for_toplevel_gone (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_false (rex_window_is_loading (window));
  ui_test_destroy_window (window);
}

/* --- Ctrl+F --- */

static gboolean
search_focused (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, ui_test_window_child (window, "search_entry"));
}

typedef struct
{
  RexWindow *window;
  guint      count;
} ListCount;

static gboolean
list_has_count (gpointer data)
{
  ListCount *c = data;
  GtkSelectionModel *model = gtk_list_view_get_model (ui_test_window_child (c->window, "region_list"));

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == c->count;
}

static void
test_search_shortcut (void)
{
  RexWindow *window = new_window ("compare");
  GtkWidget *chart = rex_window_get_chart_view (window);
  GListModel *regions = rex_dataset_get_regions (rex_window_get_dataset (window));
  ListCount expected = { window, 0 };

  /* The regions whose English name has "jiang", counted here. */
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);
      g_autofree char *lower = g_ascii_strdown (rex_region_get_name (region), -1);

      expected.count += strstr (lower, "jiang") != NULL;
    }
  /* Jiangsu, Zhejiang, Jiangxi, Heilongjiang, Xinjiang at least. */
  g_assert_cmpuint (expected.count, >=, 5);

  /* From the chart, with the sidebar hidden. */
  gtk_toggle_button_set_active (ui_test_window_child (window, "sidebar_button"), FALSE);
  gtk_widget_grab_focus (chart);
  g_assert_false (search_focused (window));
  press (CTRL, XK_f);
  wait_for (search_focused, window);
  g_assert_true (gtk_widget_get_mapped (ui_test_window_child (window, "search_entry")));
  type_text ("jiang");
  wait_for (list_has_count, &expected);
  ui_test_destroy_window (window);
}

/* --- Tab --- */

/* Runs the main loop until nothing is pending. */
static void
run_pending (void)
{
  /* Bounded: an animation would keep something pending forever. */
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* What a key set off (a spin button's value committed as it loses the
 * focus, a chart made again, the toolbar laid out anew) is over, and a
 * frame has been laid out and painted since: a person's pace. */
static void
settle (GtkWidget *window)
{
  run_pending ();
  ui_test_wait_painted (window);
  run_pending ();
}

/* The id of @widget or of its nearest ancestor that has one, for the log. */
static const char *
named_ancestor (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

      /* Not the ids GTK's own templates give their parts. */
      if (id != NULL && id[0] != '_' && strcmp (id, "button") != 0)
        return id;
    }
  return "?";
}

/* For wait_for(): the focus, shown (its window active), is on another
 * widget than @from. */
typedef struct
{
  GtkRoot   *root;
  GtkWidget *from;
} FocusMoved;

static gboolean
focus_moved (gpointer data)
{
  FocusMoved *m = data;
  GtkWidget *focus = gtk_root_get_focus (m->root);

  return focus != NULL && focus != m->from && gtk_widget_has_focus (focus);
}

/* Tab from the search entry reaches the chart in a few steps, each stop
 * once and on something a person sees: the region list is one stop, the
 * toolbar's cells none.
 *
 * Real Tab keys, into a window that holds the display's keyboard focus, in
 * this test that has the display to itself. A window another test shows
 * on the same display takes the focus, and GTK 4.8, as a window stops
 * being the active one, forgets the path of its focus (a focus-out
 * crossing clears every container's focus child up to the window); a Tab
 * made in code (gtk_widget_child_focus()) on the inactive window then
 * starts again from its first control, the search entry. A person's Tab
 * reaches only the active window, whose path GTK makes again as it
 * becomes active. */
static void
test_tab_to_chart (void)
{
  RexWindow *window = new_window ("compare");
  GtkWidget *chart = rex_window_get_chart_view (window);
  g_autoptr(GHashTable) stops = g_hash_table_new (NULL, NULL);
  GtkWidget *focus;

  /* Which controls a toolbar shows depends on the width: count at the
   * window's own size, laid out at it (the next frame places every child). */
  wait_for (ui_test_at_default_size, window);
  ui_test_wait_painted (GTK_WIDGET (window));
  g_assert_true (ui_test_at_default_size (window));
  g_test_message ("Window %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)));
  gtk_widget_grab_focus (ui_test_window_child (window, "search_entry"));
  settle (GTK_WIDGET (window));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_hash_table_add (stops, focus);
  /* The chart or, where it has items, its focused item's proxy. */
  while (focus != chart && !gtk_widget_is_ancestor (focus, chart))
    {
      FocusMoved move = { GTK_ROOT (window), focus };
      graphene_rect_t bounds;

      g_assert_true (gtk_window_is_active (GTK_WINDOW (window)));
      press (0, XK_Tab);
      wait_for (focus_moved, &move);
      settle (GTK_WIDGET (window));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      g_test_message ("Tab %u: %s “%s” in %s", g_hash_table_size (stops), G_OBJECT_TYPE_NAME (focus),
                      gtk_widget_get_tooltip_text (focus) != NULL ? gtk_widget_get_tooltip_text (focus) : "",
                      named_ancestor (focus));
      g_assert_true (gtk_widget_get_mapped (focus));
      g_assert_true (gtk_widget_compute_bounds (focus, GTK_WIDGET (window), &bounds));
      g_assert_cmpfloat (bounds.size.width, >, 0);
      g_assert_cmpfloat (bounds.size.height, >, 0);
      /* Never back to a stop already passed (the search entry included):
       * the way does not go round. */
      g_assert_false (g_hash_table_contains (stops, focus));
      g_hash_table_add (stops, focus);
      /* The sidebar's few stops and Compare's toolbar (chart, metric,
       * year, regions, show, colour, hide, sources) and timeline: a list
       * whose every row were a stop would add dozens. */
      g_assert_cmpuint (g_hash_table_size (stops), <=, 16);
    }
  ui_test_destroy_window (window);
}

/* --- Ctrl+Space in Relationships and Compare --- */

static GtkWidget *find_descendant (GtkWidget  *widget,
                                   GType       type,
                                   const char *label);
static void       show_view       (RexWindow  *window,
                                   KeySym      key,
                                   const char *title);

typedef struct
{
  RexChartPage *page;
  int           from;
} Playing;

static int
shown_year (RexChartPage *page)
{
  return rex_chart_get_spec (rex_chart_page_get_chart (page))->year;
}

static gboolean
year_advanced (gpointer data)
{
  Playing *p = data;

  return rex_chart_page_is_playing (p->page) && shown_year (p->page) > p->from;
}

static gboolean
not_playing (gpointer page)
{
  return !rex_chart_page_is_playing (page);
}

/* Ctrl+Space with the focus on @focus: the years of @view play; Ctrl+Space
 * again: they stop, and stay. */
static void
play_and_pause_from (RexWindow  *window,
                     const char *view,
                     GtkWidget  *focus)
{
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, view));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  Playing playing = { page, 0 };
  GtkWidget *focused;
  int stopped_at;

  gtk_adjustment_set_value (year, gtk_adjustment_get_lower (year));
  playing.from = shown_year (page);
  g_assert_cmpint (playing.from, ==, (int) gtk_adjustment_get_lower (year));
  gtk_widget_grab_focus (focus);
  focused = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focused == focus || gtk_widget_is_ancestor (focused, focus));

  press (CTRL, XK_space);
  wait_for (year_advanced, &playing);
  press (CTRL, XK_space);
  wait_for (not_playing, page);
  stopped_at = shown_year (page);
  g_assert_cmpint (stopped_at, >, playing.from);
  /* Stopped: no further year in a few ticks' time (a tick is 60 ms, a year
   * ten ticks). */
  iterate_for (1500);
  g_assert_false (rex_chart_page_is_playing (page));
  g_assert_cmpint (shown_year (page), ==, stopped_at);
  g_assert_cmpint ((int) gtk_adjustment_get_value (year), ==, stopped_at);
  /* The key did not act on the focused control. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focused);
}

static GtkWidget *
first_row (RexWindow *window)
{
  GtkWidget *list = ui_test_window_child (window, "region_list");

  for (GtkWidget *w = gtk_widget_get_first_child (list); w; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_get_focusable (w) && gtk_widget_get_mapped (w))
      return w;
  g_assert_not_reached ();
}

static void
test_play_from_anywhere (void)
{
  RexWindow *window = new_window ("relationships");
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "relationships"));
  RexSelection *selection = rex_window_get_selection (window);

  /* The sidebar: a row of the region list (which selects rows with Space)
   * and the search entry (where Space is a character). */
  play_and_pause_from (window, "relationships", first_row (window));
  g_assert_cmpuint (rex_selection_get_size (selection), ==, 0);
  play_and_pause_from (window, "relationships", ui_test_window_child (window, "search_entry"));
  g_assert_cmpstr (gtk_editable_get_text (ui_test_window_child (window, "search_entry")), ==, "");
  /* The year slider under the chart, and the chart. */
  play_and_pause_from (window, "relationships", page_child (page, "year_scale"));
  play_and_pause_from (window, "relationships", page_child (page, "chart_view"));
  g_assert_cmpuint (rex_selection_get_size (selection), ==, 0);

  /* Compare, from its year field (where Space would be typed): the field
   * follows the years played and holds a year, no space. */
  show_view (window, XK_2, "Compare");
  page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  {
    GtkSpinButton *spin = GTK_SPIN_BUTTON (find_descendant (page_child (page, "year_box"), GTK_TYPE_SPIN_BUTTON, NULL));
    g_autofree char *expected = NULL;

    play_and_pause_from (window, "compare", GTK_WIDGET (spin));
    expected = g_strdup_printf ("%d", shown_year (page));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, expected);
  }
  ui_test_destroy_window (window);
}

/* --- arrows and Enter on a chart --- */

static gboolean
focus_index_is (RexChartView *view,
                int           index)
{
  return rex_chart_view_get_focus_index (view) == index;
}

static gboolean
focus_at_1 (gpointer view)
{
  return focus_index_is (view, 1);
}

static gboolean
focus_at_2 (gpointer view)
{
  return focus_index_is (view, 2);
}

typedef struct
{
  RexSelection *selection;
  const char   *id;
  gboolean      selected;
} Selected;

static gboolean
selection_is (gpointer data)
{
  Selected *s = data;

  return rex_selection_contains (s->selection, s->id) == s->selected
      && rex_selection_get_size (s->selection) == (s->selected ? 1u : 0u);
}

typedef struct
{
  RexChartView *view;
  const char   *id;
} RegionFocused;

/* The chart on screen is of 2015 and its focused item is @id's. */
static gboolean
region_focused (gpointer data)
{
  RegionFocused *r = data;
  RexChart *chart = rex_chart_view_get_chart (r->view);
  RexChartItem item;

  return chart != NULL && rex_chart_get_spec (chart)->year == 2015
      && rex_chart_get_item (chart, rex_chart_view_get_focus_index (r->view), &item)
      && item.region != NULL && g_strcmp0 (rex_region_get_id (item.region), r->id) == 0;
}

/* The keyboard focus is on @widget or inside it (a chart's item). */
static gboolean
focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* --- the Settings menu --- */

static gboolean
fit_checked (gpointer page)
{
  g_autoptr(RexChartSpec) spec = rex_chart_page_dup_spec (page);

  return spec->fit;
}

static gboolean
fit_unchecked (gpointer page)
{
  return !fit_checked (page);
}

static gboolean
focus_on_settings (gpointer page)
{
  return focus_within (ui_test_template_child (page, REX_TYPE_CHART_PAGE, "settings_button"));
}

/* The menu of how the chart is drawn by the keyboard alone: Alt+N opens
 * it, Alt+F ticks Fit line in it, Escape closes it with the focus back on
 * its button, and the window's shortcuts work again (GTK 4.8 left the
 * focus in the closed menu, where Ctrl+5 did nothing). */
static void
test_settings_menu_keys (void)
{
  RexWindow *window = new_window ("relationships");
  GtkWidget *page = rex_window_get_page (window, "relationships");
  GtkMenuButton *button = ui_test_template_child (page, REX_TYPE_CHART_PAGE, "settings_button");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  ViewShown map = { window, "Map" };

  g_assert_false (fit_checked (page));
  press (ALT, XK_n);
  wait_for (allocated, popover);
  press (ALT, XK_f);
  wait_for (fit_checked, page);
  press (0, XK_Escape);
  wait_for (unmapped, popover);
  wait_for (focus_on_settings, page);
  press (CTRL, XK_5);
  wait_for (view_shown, &map);

  /* Back, and the same with the pointer: open, untick, close by the button. */
  press (CTRL, XK_4);
  map.title = "Relationships";
  wait_for (view_shown, &map);
  click (GTK_WIDGET (button));
  wait_for (allocated, popover);
  click (ui_test_template_child (page, REX_TYPE_CHART_PAGE, "fit_check"));
  wait_for (fit_unchecked, page);
  click (GTK_WIDGET (button));
  wait_for (unmapped, popover);
  map.title = "Map";
  press (CTRL, XK_5);
  wait_for (view_shown, &map);
  ui_test_destroy_window (window);
}

static gboolean
info_shown (gpointer page)
{
  return gtk_revealer_get_reveal_child (ui_test_template_child (page, REX_TYPE_CHART_PAGE, "info_revealer"));
}

static gboolean
info_hidden (gpointer page)
{
  return !info_shown (page);
}

/* Alt+U opens the Sources panel and Escape closes it, the button raised
 * again; Escape with the panel closed does nothing to the page. */
static void
test_sources_escape (void)
{
  RexWindow *window = new_window ("compare");
  GtkWidget *page = rex_window_get_page (window, "compare");
  GtkToggleButton *button = ui_test_template_child (page, REX_TYPE_CHART_PAGE, "sources_button");

  press (ALT, XK_u);
  wait_for (info_shown, page);
  g_assert_true (gtk_toggle_button_get_active (button));
  press (0, XK_Escape);
  wait_for (info_hidden, page);
  g_assert_false (gtk_toggle_button_get_active (button));
  press (0, XK_Escape);
  iterate_for (100);
  g_assert_false (info_shown (page));
  ui_test_destroy_window (window);
}

/* --- tooltips --- */

/* The tooltip GTK shows over @window: a child of the window, mapped. */
static GtkWidget *
find_tooltip (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkTooltipWindow") && gtk_widget_get_mapped (c)
                         ? c : find_tooltip (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tooltip_shown (gpointer window)
{
  return find_tooltip (window) != NULL && gtk_widget_get_width (find_tooltip (window)) > 0;
}

static gboolean
tooltip_hidden (gpointer window)
{
  return find_tooltip (window) == NULL;
}

/* The view switch's cross-fade is over: the pointer meets the new view. */
static gboolean
views_settled (gpointer window)
{
  return !gtk_stack_get_transition_running (ui_test_window_child (window, "view_stack"));
}

/* The font size of @widget in pixels: one em. */
static double
em_of (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

  if (pango_font_description_get_size_is_absolute (font))
    return size;
  return size * pango_cairo_context_get_resolution (context) / 72.0;
}

/* Moves the pointer onto a corner of @window's chart, where no item is
 * and so no tooltip comes, and waits until none is shown. */
static void
pointer_to_rest (RexWindow *window)
{
  int rx, ry;

  screen_point (rex_window_get_chart_view (window), 2, 2, &rx, &ry);
  pointer_to (rx, ry);
  wait_for (tooltip_hidden, window);
}

typedef struct
{
  RexWindow *window;
  GtkWidget *widget;
  double     x, y;
  gint64     moved;     /* when the pointer was last moved */
  guint      nudges;
} Hover;

/* For wait_for(): the tooltip has come. Until then the pointer is kept on
 * (@x, @y) of the widget where it is laid out now (a toolbar may still move
 * it after a new label), and nudged by a pixel every 2 s: each motion
 * (re)starts GTK's tooltip delay, which a motion lost to a relayout would
 * otherwise never start. */
static gboolean
tooltip_comes (gpointer data)
{
  Hover *hover = data;
  int rx, ry;

  if (tooltip_shown (hover->window))
    return TRUE;
  if (hover->moved == 0 || !pointer_is_over (hover->widget)
      || g_get_monotonic_time () - hover->moved > 2 * G_USEC_PER_SEC)
    {
      screen_point (hover->widget, hover->x, hover->y + hover->nudges++ % 2, &rx, &ry);
      pointer_to (rx, ry);
      hover->moved = g_get_monotonic_time ();
    }
  return FALSE;
}

/* Hovers (@x, @y) of @widget and checks the tooltip that comes: at most
 * 32 em wide, however long its text. */
static void
check_tooltip_at (RexWindow  *window,
                  GtkWidget  *widget,
                  double      x,
                  double      y,
                  const char *what)
{
  GtkWidget *tooltip;
  double em = em_of (widget);
  Hover hover = { window, widget, x, y, 0, 0 };

  pointer_to_rest (window);
  wait_for (tooltip_comes, &hover);
  tooltip = find_tooltip (GTK_WIDGET (window));
  g_test_message ("the tooltip of %s is %d px (%.1f em) wide", what, gtk_widget_get_width (tooltip),
                  gtk_widget_get_width (tooltip) / em);
  g_assert_cmpfloat (gtk_widget_get_width (tooltip), <=, 32 * em);
  pointer_to_rest (window);
}

/* Tooltips wrap: the longest tooltip of the Rural view's items (a long
 * metric name and unit) and a long name on the metric drop-down's button
 * stay within 32 em, where GTK 4.8 lets a tooltip of several lines run as
 * wide as its longest line. */
static void
test_tooltips_wrap (void)
{
  RexWindow *window = new_window ("rural");
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  RexChart *chart = rex_chart_view_get_chart (view);
  GtkWidget *page = rex_window_get_page (window, "rural");
  GtkWidget *metric_button;
  RexChartItem item, longest = { 0 };
  gsize longest_len = 0;

  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      text = rex_chart_item_format_tooltip (chart, &item);
      if (strlen (text) > longest_len)
        {
          longest = item;
          longest_len = strlen (text);
        }
    }
  /* Long enough that its longest line, unwrapped, is wider than 32 em. */
  {
    g_autofree char *text = rex_chart_item_format_tooltip (chart, &longest);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), text);
    int width;

    pango_layout_get_pixel_size (layout, &width, NULL);
    g_test_message ("“%s” is %.1f em wide unwrapped", text, width / em_of (GTK_WIDGET (view)));
    g_assert_cmpfloat (width, >, 32 * em_of (GTK_WIDGET (view)));
  }
  check_tooltip_at (window, GTK_WIDGET (view), longest.x, longest.y, "a chart item");

  /* The Compare view's metric button, on the longest metric name. */
  rex_window_set_view (window, "compare");
  wait_for (chart_drawn, window);
  wait_for (views_settled, window);
  page = rex_window_get_page (window, "compare");
  metric_button = page_child (page, "metric_dropdown");
  {
    GListModel *metrics = gtk_drop_down_get_model (GTK_DROP_DOWN (metric_button));
    guint longest_metric = 0;
    gsize length = 0;

    for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
      {
        g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);

        if (strlen (rex_metric_get_display_name (metric)) > length)
          {
            length = strlen (rex_metric_get_display_name (metric));
            longest_metric = i;
          }
      }
    g_assert_cmpuint (length, >, 60);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (metric_button), longest_metric);
  }
  wait_for (allocated, metric_button);
  check_tooltip_at (window, metric_button, gtk_widget_get_width (metric_button) / 2.0,
                    gtk_widget_get_height (metric_button) / 2.0, "the metric button");
  ui_test_destroy_window (window);
}

static void
test_chart_keys (void)
{
  RexWindow *window = new_window ("compare");
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  RexChart *chart = rex_chart_view_get_chart (view);
  RexSelection *selection = rex_window_get_selection (window);
  RexChartItem first, second;
  Selected s = { selection, NULL, TRUE };

  /* One bar a region: the second bar's region is the one Enter selects
   * after Down, Right, Up. */
  g_assert_true (rex_chart_get_item (chart, 1, &second));
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_nonnull (first.region);
  g_assert_nonnull (second.region);
  g_assert_true (first.region != second.region);

  gtk_widget_grab_focus (GTK_WIDGET (view));
  rex_chart_view_set_focus_index (view, 0);
  press (0, XK_Down);
  wait_for (focus_at_1, view);
  press (0, XK_Right);
  wait_for (focus_at_2, view);
  press (0, XK_Up);
  wait_for (focus_at_1, view);

  /* Enter selects the focused bar's region; the focus stays on it. */
  s.id = rex_region_get_id (second.region);
  press (0, XK_Return);
  wait_for (selection_is, &s);
  g_assert_true (focus_within (GTK_WIDGET (view)));
  wait_for (focus_at_1, view);
  /* Enter again toggles it off: the focus was on it still. */
  s.selected = FALSE;
  press (0, XK_Return);
  wait_for (selection_is, &s);
  g_assert_true (focus_within (GTK_WIDGET (view)));
  wait_for (focus_at_1, view);
  /* And the arrows go on from there. */
  press (0, XK_Down);
  wait_for (focus_at_2, view);

  /* Another year: the bars are ranked anew, the focus stays on the region. */
  {
    RexChartItem focused, now;
    RegionFocused r = { view, NULL };

    g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (view), 2, &focused));
    r.id = rex_region_get_id (focused.region);
    gtk_adjustment_set_value (page_child (rex_window_get_page (window, "compare"), "year_adjustment"), 2015);
    wait_for (region_focused, &r);
    g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (view),
                                       rex_chart_view_get_focus_index (view), &now));
    g_assert_cmpint (now.year, ==, 2015);
  }
  ui_test_destroy_window (window);
}

/* --- cancelling a load --- */

static volatile sig_atomic_t lease_broken;

static void
on_lease_break (int signum)
{
  lease_broken = 1;
}

static gboolean
load_blocked (gpointer data)
{
  return lease_broken != 0;
}

static gboolean
not_loading (gpointer window)
{
  return !rex_window_is_loading (window);
}

static gboolean
cancel_shown (gpointer window)
{
  return rex_window_is_loading (window) && gtk_widget_get_mapped (ui_test_window_child (window, "cancel_button"));
}

typedef struct
{
  GObject *object;
  guint    refs;
} Refs;

static gboolean
refs_back (gpointer data)
{
  Refs *r = data;

  return g_atomic_int_get ((int *) &r->object->ref_count) == (int) r->refs;
}

static void
test_cancel_load (void)
{
  RexWindow *window = new_window ("compare");
  RexDataset *before = rex_window_get_dataset (window);
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_autofree char *count = g_strdup (gtk_label_get_text (ui_test_window_child (window, "region_count_label")));
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rex-real-input-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slow.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  struct sigaction action = { 0 }, saved;
  Refs refs = { G_OBJECT (window), 0 };
  int fd;

  /* A file whose opening waits: a write lease makes any other open() of it
   * block until the lease is let go (or 45 s pass), and tells its holder
   * with a signal. A valid dataset, so a load that was not cancelled
   * would show it. */
  g_assert_true (g_file_get_contents (fixture, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  action.sa_handler = on_lease_break;
  g_assert_cmpint (sigaction (SIGIO, &action, &saved), ==, 0);
  lease_broken = 0;
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fcntl (fd, F_SETLEASE, F_WRLCK), ==, 0);

  refs.refs = G_OBJECT (window)->ref_count;
  rex_window_open_file (window, file);
  wait_for (cancel_shown, window);
  wait_for (load_blocked, NULL);

  /* The Cancel button, clicked. */
  click (ui_test_window_child (window, "cancel_button"));
  wait_for (not_loading, window);
  g_assert_false (gtk_widget_get_visible (ui_test_window_child (window, "cancel_button")));

  /* The load, let go of, ends; what it read is dropped. */
  g_assert_cmpint (fcntl (fd, F_SETLEASE, F_UNLCK), ==, 0);
  close (fd);
  wait_for (refs_back, &refs);
  g_assert_cmpint (sigaction (SIGIO, &saved, NULL), ==, 0);

  /* On screen: the dataset from before, no error. */
  g_assert_true (rex_window_get_dataset (window) == before);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  g_assert_cmpstr (gtk_label_get_text (ui_test_window_child (window, "region_count_label")), ==, count);
  g_assert_false (gtk_revealer_get_reveal_child (ui_test_window_child (window, "banner_revealer")));
  g_assert_null (rex_window_get_error (window));
  g_assert_cmpstr (rex_dataset_get_title (rex_chart_get_dataset (rex_window_get_current_chart (window))), !=,
                   "Bar chart fixture");

  g_unlink (path);
  g_rmdir (dir);
  ui_test_destroy_window (window);
}


/* --- a file dropped on the window --- */

static gboolean
fixture_shown (gpointer window)
{
  RexDataset *dataset = rex_window_get_dataset (window);

  return !rex_window_is_loading (window) && dataset != NULL
      && g_strcmp0 (rex_dataset_get_title (dataset), "Bar chart fixture") == 0;
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Another window offers a file to drag, as a file manager does; the pointer
 * presses on it, moves to the main window in steps as a hand does, and lets
 * go. GTK's X11 backend speaks XDND between the two windows. */
static void
test_drop_file (void)
{
  RexWindow *window = new_window ("compare");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *source_window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("bars.json");
  GtkDragSource *drag = gtk_drag_source_new ();
  g_autoptr(GdkContentProvider) content = gdk_content_provider_new_typed (G_TYPE_FILE, file);
  GtkWidget *chart = rex_window_get_chart_view (window);
  int from_x, from_y, to_x, to_y;
  const int steps = 30;

  gtk_drag_source_set_content (drag, content);
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_size_request (label, 200, 120);
  gtk_window_set_child (GTK_WINDOW (source_window), label);
  gtk_window_set_default_size (GTK_WINDOW (source_window), 220, 140);
  gtk_window_present (GTK_WINDOW (source_window));
  wait_for (mapped, label);
  /* Beside the main window, not over it. */
  XMoveWindow (xdpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (source_window))),
               DisplayWidth (xdpy, DefaultScreen (xdpy)) - 260, 40);
  x_sync ();
  wait_for (allocated, label);
  g_assert_cmpstr (rex_dataset_get_title (rex_window_get_dataset (window)), !=, "Bar chart fixture");

  screen_point (label, gtk_widget_get_width (label) / 2.0, gtk_widget_get_height (label) / 2.0, &from_x, &from_y);
  screen_point (chart, gtk_widget_get_width (chart) / 2.0, gtk_widget_get_height (chart) / 2.0, &to_x, &to_y);
  g_assert_cmpint (from_x, >, to_x);
  pointer_to (from_x, from_y);
  wait_for (pointer_is_over, label);
  button (TRUE);
  for (int i = 1; i <= steps; i++)
    {
      pointer_to (from_x + (to_x - from_x) * i / steps, from_y + (to_y - from_y) * i / steps);
      /* A hand's pace: the drag starts, and the windows talk XDND. */
      iterate_for (15);
    }
  iterate_for (100);
  button (FALSE);

  /* The file is loaded, as if opened. */
  wait_for (fixture_shown, window);
  g_assert_null (rex_window_get_error (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      ui_test_window_child (window, "region_list")))), ==, 7);

  gtk_window_destroy (GTK_WINDOW (source_window));
  ui_test_destroy_window (window);
}

/* --- settings kept across a restart --- */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) && gtk_widget_get_mapped (c)
          && (label == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), label) == 0))
        return c;
      found = find_descendant (c, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_gone (gpointer dropdown)
{
  return find_descendant (dropdown, GTK_TYPE_POPOVER, NULL) == NULL;
}

/* The drop-down's list is open, with the keyboard in it (typing goes to
 * its search entry). */
static gboolean
list_focused_in (gpointer dropdown)
{
  GtkWidget *popover = find_descendant (dropdown, GTK_TYPE_POPOVER, NULL);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (dropdown));

  return popover != NULL && focus != NULL && gtk_widget_is_ancestor (focus, popover)
      && gtk_widget_has_focus (focus);
}

/* Opens @dropdown with a click and walks its list with the arrow keys to
 * the item that reads @item, chosen with Enter. */
static void
choose_by_keys (GtkDropDown *dropdown,
                const char  *item)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (dropdown));
  FocusMoved moved = { root, NULL };

  click (GTK_WIDGET (dropdown));
  wait_for (list_focused_in, dropdown);
  for (guint i = 0;; i++)
    {
      g_assert_cmpuint (i, <, g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)));
      moved.from = gtk_root_get_focus (root);
      if (find_descendant (moved.from, GTK_TYPE_LABEL, item) != NULL)
        break;
      press (0, XK_Down);
      wait_for (focus_moved, &moved);
    }
  press (0, XK_Return);
  wait_for (popover_gone, dropdown);
}

static void
type_into_spin (GtkSpinButton *spin,
                const char    *text)
{
  click (GTK_WIDGET (spin));
  press (CTRL, XK_a);
  type_text (text);
  press (0, XK_Return);
}

static RexChartSpec *
page_spec (RexWindow  *window,
           const char *view)
{
  return rex_chart_page_dup_spec (REX_CHART_PAGE (rex_window_get_page (window, view)));
}

static void
show_view (RexWindow  *window,
           KeySym      key,
           const char *title)
{
  ViewShown v = { window, title };

  press (CTRL, key);
  wait_for (view_shown, &v);
  wait_for (chart_drawn, window);
}

typedef struct
{
  RexChartPage *page;
  gboolean (*check) (const RexChartSpec *spec);
} PageCheck;

static gboolean
page_check (gpointer data)
{
  PageCheck *c = data;
  g_autoptr(RexChartSpec) spec = rex_chart_page_dup_spec (c->page);

  return c->check (spec);
}

#define RESTART_WIDTH  1040
#define RESTART_HEIGHT 700

static gboolean compare_changed (const RexChartSpec *spec)
{
  return g_strcmp0 (spec->metric, "gdp_per_capita") == 0 && spec->year == 2020
      && spec->color_by == REX_COLOR_BY_CLUSTER;
}

static gboolean relationships_changed (const RexChartSpec *spec)
{
  return g_strcmp0 (spec->x_metric, "urbanization") == 0 && spec->log_x && spec->log_y && spec->trails;
}

static gboolean map_changed (const RexChartSpec *spec)
{
  return spec->map_mode == REX_MAP_MODE_GEO;
}

/* The size of @window's X window, as the window manager and the user see
 * it (the widget is smaller by its border). */
static void
x_window_size (GtkWindow *window,
               guint     *width,
               guint     *height)
{
  Window root;
  int x, y;
  guint border, depth;

  XGetGeometry (xdpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                &root, &x, &y, width, height, &border, &depth);
}

static gboolean
window_resized (gpointer window)
{
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  return width == RESTART_WIDTH && height == RESTART_HEIGHT
      && gtk_widget_get_width (window) < RESTART_WIDTH && gtk_widget_get_width (window) > RESTART_WIDTH - 100;
}

static char *restart_selected;


/* The first run: the settings are changed by hand, and the app quit with
 * Ctrl+Q. */
static void
change_everything (RexWindow *window)
{
  RexChartPage *page;
  PageCheck check;
  Selected s = { rex_window_get_selection (window), NULL, TRUE };
  RexChartView *view;
  RexChartItem item;

  /* Compare: GDP per capita in 2020, coloured by city cluster, and the
   * third bar's region selected with the keyboard. */
  show_view (window, XK_2, "Compare");
  page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  choose_by_keys (page_child (page, "metric_dropdown"), "GDP per capita");
  type_into_spin (GTK_SPIN_BUTTON (find_descendant (page_child (page, "year_box"), GTK_TYPE_SPIN_BUTTON, NULL)),
                  "2020");
  choose_by_keys (page_child (page, "color_dropdown"), "City cluster");
  check = (PageCheck) { page, compare_changed };
  wait_for (page_check, &check);
  view = page_child (page, "chart_view");
  wait_for (chart_drawn, window);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press (0, XK_Home);
  press (0, XK_Down);
  press (0, XK_Down);
  wait_for (focus_at_2, view);
  g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (view), 2, &item));
  restart_selected = g_strdup (rex_region_get_id (item.region));
  s.id = restart_selected;
  press (0, XK_Return);
  wait_for (selection_is, &s);

  /* Relationships: urbanization across, both axes logarithmic, trails,
   * ticked in the Settings menu. */
  show_view (window, XK_4, "Relationships");
  page = REX_CHART_PAGE (rex_window_get_page (window, "relationships"));
  choose_by_keys (page_child (page, "x_dropdown"), "Urbanization rate");
  click (page_child (page, "settings_button"));
  wait_for (allocated, gtk_menu_button_get_popover (page_child (page, "settings_button")));
  click (page_child (page, "log_x_check"));
  click (page_child (page, "log_y_check"));
  click (page_child (page, "trails_check"));
  click (page_child (page, "settings_button"));
  wait_for (unmapped, gtk_menu_button_get_popover (page_child (page, "settings_button")));
  check = (PageCheck) { page, relationships_changed };
  wait_for (page_check, &check);

  /* Map: geography. */
  show_view (window, XK_5, "Map");
  page = REX_CHART_PAGE (rex_window_get_page (window, "map"));
  choose_by_keys (page_child (page, "map_dropdown"), "Geography and transport circles");
  check = (PageCheck) { page, map_changed };
  wait_for (page_check, &check);

  /* The window made smaller, as by a window manager. */
  XResizeWindow (xdpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                 RESTART_WIDTH, RESTART_HEIGHT);
  x_sync ();
  wait_for (window_resized, window);
}

/* The second run: everything as it was left. */
static void
check_everything (RexWindow *window)
{
  g_autoptr(RexChartSpec) compare = NULL;
  g_autoptr(RexChartSpec) relationships = NULL;
  g_autoptr(RexChartSpec) map = NULL;
  RexSelection *selection = rex_window_get_selection (window);
  ViewShown v = { window, "Map" };

  wait_for (view_shown, &v);
  g_assert_cmpstr (rex_window_get_view (window), ==, "map");
  {
    guint width, height;

    x_window_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpuint (width, ==, RESTART_WIDTH);
    g_assert_cmpuint (height, ==, RESTART_HEIGHT);
  }
  g_assert_cmpuint (rex_selection_get_size (selection), ==, 1);
  g_assert_true (rex_selection_contains (selection, g_getenv ("REX_TEST_SELECTED")));

  map = page_spec (window, "map");
  g_assert_true (map_changed (map));
  compare = page_spec (window, "compare");
  g_assert_true (compare_changed (compare));
  relationships = page_spec (window, "relationships");
  g_assert_true (relationships_changed (relationships));
  /* What the views show, not only what they hold. */
  show_view (window, XK_2, "Compare");
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (
                     page_child (rex_window_get_page (window, "compare"), "color_dropdown"))), ==, "City cluster");
  g_assert_cmpint ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (find_descendant (
                     page_child (rex_window_get_page (window, "compare"), "year_box"), GTK_TYPE_SPIN_BUTTON, NULL))),
                   ==, 2020);
  show_view (window, XK_4, "Relationships");
  g_assert_true (gtk_check_button_get_active (page_child (rex_window_get_page (window, "relationships"), "log_x_check")));
  g_assert_true (gtk_check_button_get_active (page_child (rex_window_get_page (window, "relationships"), "log_y_check")));
  g_assert_true (gtk_check_button_get_active (page_child (rex_window_get_page (window, "relationships"), "trails_check")));
}

static gboolean
app_window_ready (gpointer app)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
drive_app (gpointer app)
{
  RexWindow *window;

  wait_for (app_window_ready, app);
  window = REX_WINDOW (gtk_application_get_active_window (app));
  focus_window (GTK_WINDOW (window));
  if (g_strcmp0 (g_getenv ("REX_TEST_RUN"), "first") == 0)
    change_everything (window);
  else
    check_everything (window);
  /* Quit as a person does. */
  focus_window (GTK_WINDOW (window));
  press (CTRL, XK_q);
  return G_SOURCE_REMOVE;
}

static void
run_app (void)
{
  g_autoptr(RexApplication) app = rex_application_new ();

  g_idle_add (drive_app, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

static void
run_twice (const char *config)
{
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *note = g_build_filename (config, "selected", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *selected = NULL;

  g_setenv ("REX_TEST_RUN", "first", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* The first run wrote the settings in the folder given. */
  g_assert_true (g_file_get_contents (keyfile, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "gdp_per_capita"));
  g_assert_true (g_file_get_contents (note, &selected, NULL, NULL));
  g_setenv ("REX_TEST_SELECTED", selected, TRUE);
  g_unlink (note);

  g_setenv ("REX_TEST_RUN", "second", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_restart (void)
{
  g_autofree char *config = NULL;

  if (g_test_subprocess ())
    {
      run_app ();
      if (restart_selected != NULL)
        {
          /* Told to the second run through the keyfile's folder. */
          g_autofree char *note = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "selected", NULL);
          g_assert_true (g_file_set_contents (note, restart_selected, -1, NULL));
        }
      return;
    }

  /* Both runs use one clean folder of settings, written to disk. */
  config = g_dir_make_tmp ("rex-real-input-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  run_twice (config);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("These tests drive the window through X11's XTest: run them under Xvfb");
  xdpy = XOpenDisplay (NULL);
  if (xdpy == NULL)
    g_error ("Cannot open the X display");
  {
    int event, error, major, minor;

    if (!XTestQueryExtension (xdpy, &event, &error, &major, &minor))
      g_error ("The X server has no XTest extension");
  }

  ui_test_add ("/real-input/view-shortcuts", test_view_shortcuts);
  ui_test_add ("/real-input/table-copy-keys", test_table_copy_keys);
  ui_test_add ("/real-input/export-and-export-again", test_export_and_export_again);
  ui_test_add ("/real-input/open-shortcut", test_open_shortcut);
  ui_test_add ("/real-input/search-shortcut", test_search_shortcut);
  ui_test_add ("/real-input/tab-to-chart", test_tab_to_chart);
  ui_test_add ("/real-input/play-from-anywhere", test_play_from_anywhere);
  ui_test_add ("/real-input/chart-keys", test_chart_keys);
  ui_test_add ("/real-input/settings-menu-keys", test_settings_menu_keys);
  ui_test_add ("/real-input/sources-escape", test_sources_escape);
  ui_test_add ("/real-input/tooltips-wrap", test_tooltips_wrap);
  ui_test_add ("/real-input/cancel-load", test_cancel_load);
  ui_test_add ("/real-input/drop-file", test_drop_file);
  /* Its own clean settings: a new folder on disk, kept between its two runs. */
  g_test_add_func ("/real-input/settings-after-restart", test_restart);
  return g_test_run ();
}
