/* ui-test-util.c — the main loop, template children and the window fixture
 * shared by the UI tests (see ui-test-util.h). */
#include "config.h"

#include "ui-test-util.h"
#include "rex-overview-page.h"

void
ui_test_iterate (guint n)
{
  for (guint i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

void
ui_test_iterate_until (gboolean (*done) (gpointer),
                       gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Polled, not waited for: a condition met in another thread wakes no
   * main loop. */
  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
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
