/* ui-test-util.c — the main loop, template children and the window fixture
 * shared by the UI tests (see ui-test-util.h). */
#include "config.h"

#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ui-test-util.h"
#include "rex-chart-view.h"
#include "rex-headline-card.h"
#include "rex-overview-page.h"

/* A UI test that stops on a warning or critical (made fatal: SIGTRAP)
 * prints where, so that a failure seen once on a busy machine can be read
 * from its log. Crashes are left to the sanitizer build's own reports. */
static void
print_backtrace (int signum)
{
  void *frames[64];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  static const char header[] = "\nBacktrace:\n";

  (void) !write (STDERR_FILENO, header, sizeof header - 1);
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* GTK's layout checks name a widget by its address alone ("GtkLabel 0x…
 * reports a minimum width of …"). The widget is alive while it is being
 * measured, so the log adds which one it is: its text, and the template
 * ids of it and its ancestors. */
static void
print_measured_widget (const char *message)
{
  const char *at = strstr (message, " 0x");
  g_autoptr(GString) path = g_string_new (NULL);
  gpointer pointer = NULL;

  if (at == NULL || strstr (message, " reports a minimum ") == NULL
      || sscanf (at + 1, "%p", &pointer) != 1 || !GTK_IS_WIDGET (pointer))
    return;
  for (GtkWidget *widget = pointer; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

      g_string_append_printf (path, "%s%s%s%s", path->len > 0 ? " < " : "", G_OBJECT_TYPE_NAME (widget),
                              id != NULL ? " #" : "", id != NULL ? id : "");
      if (GTK_IS_LABEL (widget))
        g_string_append_printf (path, " \"%s\"", gtk_label_get_text (GTK_LABEL (widget)));
    }
  g_printerr ("The widget measured: %s\n", path->str);
}

static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  if (log_level & G_LOG_LEVEL_CRITICAL)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        print_measured_widget (fields[i].value);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

__attribute__((constructor)) static void
install_backtrace (void)
{
  void *frame;

  /* backtrace() loads its unwinder on first use: not in a signal handler. */
  backtrace (&frame, 1);
  signal (SIGTRAP, print_backtrace);
  g_log_set_writer_func (write_log, NULL, NULL);
}

void
ui_test_iterate (guint n)
{
  for (guint i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @done (@data) holds or @deadline (monotonic
 * time) passes; returns whether it holds. Polled, not waited for: a
 * condition met in another thread wakes no main loop. */
static gboolean
poll_until (gboolean (*done) (gpointer),
            gpointer   data,
            gint64     deadline)
{
  while (!done (data))
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return TRUE;
}

void
ui_test_iterate_until_at (gboolean  (*done) (gpointer),
                          gpointer    data,
                          const char *name,
                          const char *file,
                          int         line)
{
  if (!poll_until (done, data, g_get_monotonic_time () + 30 * G_USEC_PER_SEC))
    g_error ("%s:%d: %s still false after 30 s", file, line, name);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

gboolean
ui_test_paint_by (GtkWidget *widget,
                  gint64     deadline)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return FALSE;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  poll_until (is_set, &painted, deadline);
  g_signal_handler_disconnect (clock, id);
  return painted;
}

void
ui_test_wait_painted (GtkWidget *widget)
{
  g_assert_nonnull (gtk_widget_get_frame_clock (widget));
  g_assert_true (ui_test_paint_by (widget, g_get_monotonic_time () + 30 * G_USEC_PER_SEC));
}

gpointer
ui_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  gpointer child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

gpointer
ui_test_window_child (RexWindow  *window,
                      const char *name)
{
  return ui_test_template_child (window, REX_TYPE_WINDOW, name);
}

gboolean
ui_test_not_loading (gpointer window)
{
  return !rex_window_is_loading (window);
}

gboolean
ui_test_at_default_size (gpointer window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  RexChart *chart = rex_chart_view_get_chart (REX_CHART_VIEW (rex_window_get_chart_view (window)));
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  return surface != NULL && gdk_surface_get_width (surface) == width
         && gdk_surface_get_height (surface) == height
         && chart != NULL && rex_chart_get_n_items (chart) > 0
         && !gtk_stack_get_transition_running (ui_test_window_child (window, "view_stack"));
}

RexWindow *
ui_test_new_window (const char *view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);
  RexWindow *window;

  g_assert_no_error (error);
  window = rex_window_new (NULL);
  rex_window_set_dataset (window, dataset);
  if (view != NULL)
    rex_window_set_view (window, view);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
finalized (gpointer data)
{
  gpointer *weak = data;

  return weak[0] == NULL && weak[1] == NULL;
}

void
ui_test_destroy_window (RexWindow *window)
{
  gpointer weak[2] = { window, rex_window_get_dataset (window) };

  g_object_add_weak_pointer (G_OBJECT (window), &weak[0]);
  if (weak[1] != NULL)
    g_object_add_weak_pointer (G_OBJECT (weak[1]), &weak[1]);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Idles and a finishing load may hold a reference for a moment. */
  ui_test_iterate_until (finalized, weak);
}

void
ui_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

typedef void (*UiTestFunc) (void);

static void
run_clean (gconstpointer data)
{
  /* The test function itself is the data: nothing to free, even in a
   * child process that exits from inside the test (g_test_trap_subprocess). */
  UiTestFunc test = (UiTestFunc) data;

  ui_test_reset_settings ();
  test ();
}

void
ui_test_add (const char *path,
             void      (*test) (void))
{
  g_test_add_data_func (path, (gconstpointer) test, run_clean);
}

char *
ui_test_headline_values (RexWindow *window)
{
  GtkWidget *page = ui_test_window_child (window, "overview_page");
  GtkWidget *cards = ui_test_template_child (page, REX_TYPE_OVERVIEW_PAGE, "cards");
  GString *values = g_string_new ("|");

  for (GtkWidget *cell = gtk_widget_get_first_child (cards); cell; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));
      GtkLabel *label = ui_test_template_child (card, REX_TYPE_HEADLINE_CARD, "value_label");

      g_string_append_printf (values, "%s|", gtk_label_get_text (label));
    }
  return g_string_free (values, FALSE);
}

static void
collect_label_text (GtkWidget *widget,
                    GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_text (child, text);
}

/* @text without its white space: credits are wrapped, at spaces in English
 * and between any two characters in Chinese. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL && gtk_widget_get_mapped (found))
        return found;
    }
  return NULL;
}

static GtkWindow *
find_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
about_mapped (gpointer data)
{
  return find_about () != NULL;
}

static gboolean
stack_settled (gpointer stack)
{
  return gtk_stack_get_transition_running (stack) == FALSE
         && gtk_widget_get_mapped (gtk_stack_get_visible_child (stack));
}

GtkWindow *
ui_test_open_about_credits (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *flat = NULL;
  GListModel *sources;
  GtkWindow *about;
  GtkStack *stack;
  GtkWidget *scrolled;

  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ui_test_iterate_until (about_mapped, NULL);
  about = find_about ();
  /* The credits page is filled when it is first shown. */
  stack = GTK_STACK (find_descendant (GTK_WIDGET (about), GTK_TYPE_STACK));
  g_assert_nonnull (stack);
  gtk_stack_set_visible_child_name (stack, "credits");
  ui_test_iterate_until (stack_settled, stack);

  collect_label_text (gtk_stack_get_visible_child (stack), text);
  flat = squeeze (text->str);
  sources = rex_dataset_get_sources (dataset);
  g_assert_cmpuint (g_list_model_get_n_items (sources), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(RexSource) source = g_list_model_get_item (sources, i);
      g_autofree char *citation = rex_source_format_citation (source);
      g_autofree char *squeezed = squeeze (citation);

      if (strstr (flat, squeezed) == NULL)
        g_error ("the About dialog does not credit “%s”", citation);
    }

  /* A list to read, not a slit: a screenful of sources at once. */
  scrolled = find_descendant (gtk_stack_get_visible_child (stack), GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL && GTK_IS_SCROLLED_WINDOW (gtk_stack_get_visible_child (stack)))
    scrolled = gtk_stack_get_visible_child (stack);
  g_assert_nonnull (scrolled);
  g_test_message ("the credits list is %d pixels high", gtk_widget_get_height (scrolled));
  g_assert_cmpint (gtk_widget_get_height (scrolled), >=, 300);
  /* Wrapped credits keep the dialog a dialog, not a screen-wide strip. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (about)), <, 900);
  return about;
}

typedef struct
{
  gboolean  done;
  char     *text;
} ClipboardText;

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardText *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer read)
{
  return ((ClipboardText *) read)->done;
}

char *
ui_test_read_clipboard_text (GdkClipboard *clipboard)
{
  ClipboardText read = { FALSE, NULL };

  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, &read);
  ui_test_iterate_until (clipboard_read, &read);
  return read.text;
}

GtkWindow *
ui_test_find_toplevel (GType      type,
                       GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef struct
{
  GType      type;
  gboolean   active;
  GtkWindow *found;
} Toplevel;

static gboolean
toplevel_shown (gpointer data)
{
  Toplevel *t = data;

  t->found = ui_test_find_toplevel (t->type, NULL);
  return t->found != NULL && gtk_widget_get_width (GTK_WIDGET (t->found)) > 1
         && (!t->active || gtk_window_is_active (t->found));
}

GtkWindow *
ui_test_wait_for_toplevel (GType    type,
                           gboolean active)
{
  Toplevel t = { type, active, NULL };

  ui_test_iterate_until (toplevel_shown, &t);
  return t.found;
}
