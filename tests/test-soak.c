/* test-soak.c — the real window driven through a long, seeded random run of
 * what a person does: switch views, pick metrics and years, select regions,
 * search, resize, trigger the window's actions, open good and bad files
 * (also while another is loading), export, and close a window in the middle
 * of a load. Criticals and warnings are fatal. At the end the window must
 * still draw a chart and the process must not have grown without bound.
 *
 * Views and actions are discovered at run time (the stack's pages, the
 * window class's installed actions), so views added later are soaked too.
 * REX_SOAK_SEED=N replays a run; REX_SOAK_STEPS sets its length (default 800
 * steps after the warm-up, about 25 s; the same steps on any machine);
 * REX_SOAK_ONLY=view,select,… limits it to some kinds of step, and
 * REX_SOAK_ACTIONS=win.play,… the actions it activates.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "heap-count.h"
#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-window.h"
#include "ui-test-util.h"

/* Actions that hand over to something outside the test (a file chooser, a
 * modal dialog, a launched application, a window of its own such as a
 * region's profile) are not soaked here, nor closing the window under soak
 * (closing one mid-load is a step of its own). */
static const char * const skipped_actions[] = {
  "win.open", "win.add-data", "win.save-as", "win.export-data", "win.export", "win.print", "win.open-exported",
  "win.show-exported", "win.show-profile", "win.show-focused-profile", "win.show-help-overlay",
  "window.close", NULL,
};

#define KiB ((gsize) 1024)
#define MiB (1024 * KiB)

typedef struct
{
  char               *name;
  const GVariantType *param;
} Action;

typedef struct
{
  GRand      *rand;
  RexWindow  *window;
  GtkStack   *stack;
  GPtrArray  *views;        /* char*, names of the stack's pages */
  GArray     *actions;      /* Action */
  GPtrArray  *good_files;   /* GFile */
  GPtrArray  *bad_files;    /* GFile */
  GFile      *big_file;     /* takes a while to load */
  char       *tmp_dir;
  GHashTable *live_datasets; /* RexDataset* seen in the window and not finalized */
  guint       n_datasets;
  guint       n_loads;
  guint       n_exports;
  guint       n_closed_while_loading;
} Soak;

static gboolean
chart_drawn (gpointer data)
{
  RexChart *chart = rex_window_get_current_chart (data);

  return chart != NULL && rex_chart_get_n_items (chart) > 0;
}

/* Resident set size in bytes, from /proc/self/statm: reported, not bounded. */
static gsize
rss_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 2);

  return g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE);
}

static void
discover (Soak *s)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (s->window);
  GListModel *pages = G_LIST_MODEL (gtk_stack_get_pages (s->stack));
  const char *name;
  const GVariantType *param;
  const char *property;
  GType owner;
  g_auto(GStrv) only_actions = NULL;

  if (g_getenv ("REX_SOAK_ACTIONS") != NULL)
    only_actions = g_strsplit (g_getenv ("REX_SOAK_ACTIONS"), ",", -1);

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      GtkStackPage *page = g_list_model_get_item (pages, i);

      if (gtk_stack_page_get_name (page) != NULL)
        g_ptr_array_add (s->views, g_strdup (gtk_stack_page_get_name (page)));
      g_object_unref (page);
    }
  g_object_unref (pages);

  /* GTK 4.8 writes every out argument: none may be NULL. */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &param, &property); i++)
    {
      Action action = { NULL, param };

      if (g_strv_contains (skipped_actions, name) ||
          (only_actions != NULL && !g_strv_contains ((const char * const *) only_actions, name)))
        continue;
      /* Only actions whose parameter the soak can make up. */
      if (param != NULL && !g_variant_type_equal (param, G_VARIANT_TYPE_STRING))
        continue;
      action.name = g_strdup (name);
      g_array_append_val (s->actions, action);
    }

  g_test_message ("soaking %u views and %u actions", s->views->len, s->actions->len);
  g_assert_cmpuint (s->views->len, >=, 2);
  g_assert_cmpuint (s->actions->len, >=, (only_actions != NULL ? 1u : 3u));
}

static RexChartPage *
visible_chart_page (Soak *s)
{
  GtkWidget *page = rex_window_get_page (s->window, rex_window_get_view (s->window));

  return page != NULL && REX_IS_CHART_PAGE (page) ? REX_CHART_PAGE (page) : NULL;
}

static GFile *
pick_file (Soak      *s,
           GPtrArray *files)
{
  return g_ptr_array_index (files, g_rand_int_range (s->rand, 0, files->len));
}

static void
step_view (Soak    *s,
           GString *log)
{
  const char *name = g_ptr_array_index (s->views, g_rand_int_range (s->rand, 0, s->views->len));

  g_string_append_printf (log, "view %s", name);
  /* Half through the action, as Ctrl+N does, half by the stack switcher. */
  if (g_rand_boolean (s->rand))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s->window), "win.view", "s", name));
  else
    gtk_stack_set_visible_child_name (s->stack, name);
}

static void
step_metric (Soak    *s,
             GString *log)
{
  RexChartPage *page = visible_chart_page (s);
  GtkDropDown *dropdown;
  guint n, i;

  if (page == NULL)
    return;
  dropdown = (GtkDropDown *) gtk_widget_get_template_child (GTK_WIDGET (page), REX_TYPE_CHART_PAGE,
                                                           "metric_dropdown");
  /* Only the metric choice a person can reach: kinds without one hide it. */
  if (dropdown == NULL || !gtk_widget_is_visible (GTK_WIDGET (dropdown))
      || !gtk_widget_get_sensitive (GTK_WIDGET (dropdown)) || gtk_drop_down_get_model (dropdown) == NULL)
    return;
  n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
  if (n == 0)
    return;
  i = g_rand_int_range (s->rand, 0, n);
  g_string_append_printf (log, "metric %u/%u", i, n);
  gtk_drop_down_set_selected (dropdown, i);
}

static void
step_year (Soak    *s,
           GString *log)
{
  RexChartPage *page = visible_chart_page (s);
  GtkAdjustment *year;
  double lower, upper, value;

  if (page == NULL)
    return;
  year = (GtkAdjustment *) gtk_widget_get_template_child (GTK_WIDGET (page), REX_TYPE_CHART_PAGE,
                                                         "year_adjustment");
  if (year == NULL)
    return;
  lower = gtk_adjustment_get_lower (year);
  upper = gtk_adjustment_get_upper (year);
  /* Now and then a year outside the range: the adjustment must clamp it. */
  value = g_rand_int_range (s->rand, (int) lower - 3, (int) upper + 4);
  g_string_append_printf (log, "year %.0f", value);
  gtk_adjustment_set_value (year, value);
}

static void
step_select (Soak    *s,
             GString *log)
{
  GtkListView *list = ui_test_window_child (s->window, "region_list");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  guint n = g_list_model_get_n_items (model);
  guint i;

  if (n == 0)
    return;
  i = g_rand_int_range (s->rand, 0, n);
  g_string_append_printf (log, "select %u/%u", i, n);
  g_signal_emit_by_name (list, "activate", i);
}

static void
step_search (Soak    *s,
             GString *log)
{
  static const char * const texts[] = {
    "", "", "江", "Jiang", "an", "CN-", "cluster", "群", "zz-nothing", "e", "(", "\\", "%s",
  };
  const char *text = texts[g_rand_int_range (s->rand, 0, G_N_ELEMENTS (texts))];
  GtkWidget *entry = ui_test_window_child (s->window, "search_entry");

  g_string_append_printf (log, "search \"%s\"", text);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
step_resize (Soak    *s,
             GString *log)
{
  int width = g_rand_int_range (s->rand, 360, 1900);
  int height = g_rand_int_range (s->rand, 300, 1100);

  g_string_append_printf (log, "resize %d×%d", width, height);
  gtk_window_set_default_size (GTK_WINDOW (s->window), width, height);
}

static void
step_action (Soak    *s,
             GString *log)
{
  const Action *action = &g_array_index (s->actions, Action,
                                         g_rand_int_range (s->rand, 0, s->actions->len));

  g_string_append_printf (log, "action %s", action->name);
  if (action->param == NULL)
    gtk_widget_activate_action (GTK_WIDGET (s->window), action->name, NULL);
  else
    {
      /* String parameters: a real view name, or one that does not exist. */
      const char *arg = g_rand_int_range (s->rand, 0, 5) == 0
        ? "no-such-view"
        : (const char *) g_ptr_array_index (s->views, g_rand_int_range (s->rand, 0, s->views->len));

      g_string_append_printf (log, " \"%s\"", arg);
      gtk_widget_activate_action (GTK_WIDGET (s->window), action->name, "s", arg);
    }
}

static void
step_open (Soak    *s,
           GString *log)
{
  int what = g_rand_int_range (s->rand, 0, 6);
  GFile *file;
  g_autofree char *name = NULL;

  file = what < 2 ? pick_file (s, s->good_files)
       : what < 4 ? pick_file (s, s->bad_files)
       : s->big_file;
  name = g_file_get_basename (file);
  g_string_append_printf (log, "open %s", name);
  rex_window_open_file (s->window, file);
  s->n_loads++;

  switch (g_rand_int_range (s->rand, 0, 4))
    {
    case 0:
      /* Another file while the first is loading: the last one wins. */
      {
        GFile *second = g_rand_boolean (s->rand) ? pick_file (s, s->good_files)
                                                 : pick_file (s, s->bad_files);
        g_autofree char *second_name = g_file_get_basename (second);

        g_string_append_printf (log, ", then %s at once", second_name);
        rex_window_open_file (s->window, second);
        s->n_loads++;
      }
      break;
    case 1:
      g_string_append (log, ", cancelled");
      gtk_widget_activate_action (GTK_WIDGET (s->window), "win.cancel-load", NULL);
      break;
    default:
      break;
    }
}

static void
step_export (Soak    *s,
             GString *log)
{
  RexChart *chart = rex_window_get_current_chart (s->window);
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 640, 400, 1, style };
  g_autofree char *path = g_build_filename (s->tmp_dir, "soak.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (chart == NULL)
    return;
  g_string_append (log, "export png");
  g_assert_true (rex_export_to_file (chart, file, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (contents, "\x89PNG\r\n\x1a\n", 8), ==, 0);
  s->n_exports++;
}

/* A second window closed while its load is in progress: the load's end must
 * not touch the dead window, and the window must be freed. */
static void
step_close_while_loading (Soak    *s,
                          GString *log)
{
  RexWindow *other = rex_window_new (NULL);
  gpointer weak = other;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_string_append (log, "close a window while it loads");
  g_object_add_weak_pointer (G_OBJECT (other), &weak);
  gtk_window_present (GTK_WINDOW (other));
  rex_window_open_file (other, g_rand_boolean (s->rand) ? s->big_file : pick_file (s, s->good_files));
  g_assert_true (rex_window_is_loading (other));
  ui_test_iterate (g_rand_int_range (s->rand, 0, 3));
  gtk_window_destroy (GTK_WINDOW (other));
  while (weak != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  s->n_closed_while_loading++;
}

static void
dataset_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  g_hash_table_remove (data, where_the_object_was);
}

/* Remembers every dataset the window showed, until it is finalized: a view
 * that keeps an old dataset alive shows up as more than one live dataset. */
static void
track_dataset (Soak *s)
{
  RexDataset *dataset = rex_window_get_dataset (s->window);

  if (dataset == NULL || g_hash_table_contains (s->live_datasets, dataset))
    return;
  g_hash_table_add (s->live_datasets, dataset);
  g_object_weak_ref (G_OBJECT (dataset), dataset_finalized, s->live_datasets);
  s->n_datasets++;
}

static void
untrack_datasets (Soak *s)
{
  GHashTableIter iter;
  gpointer dataset;

  g_hash_table_iter_init (&iter, s->live_datasets);
  while (g_hash_table_iter_next (&iter, &dataset, NULL))
    g_object_weak_unref (dataset, dataset_finalized, s->live_datasets);
  g_hash_table_remove_all (s->live_datasets);
}

typedef void (*StepFunc) (Soak *s, GString *log);

static struct { const char *name; StepFunc func; guint weight; } steps[] = {
  { "view", step_view, 12 },
  { "metric", step_metric, 12 },
  { "year", step_year, 10 },
  { "select", step_select, 12 },
  { "search", step_search, 8 },
  { "resize", step_resize, 6 },
  { "action", step_action, 12 },
  { "open", step_open, 6 },
  { "export", step_export, 3 },
  { "close-while-loading", step_close_while_loading, 1 },
};

/* REX_SOAK_ONLY=view,select soaks only those steps (to find which one a
 * failure or memory growth comes from). */
static void
filter_steps (void)
{
  const char *only = g_getenv ("REX_SOAK_ONLY");
  g_auto(GStrv) names = NULL;

  if (only == NULL || *only == '\0')
    return;
  names = g_strsplit (only, ",", -1);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!g_strv_contains ((const char * const *) names, steps[i].name))
      steps[i].weight = 0;
}

static void
run_step (Soak    *s,
          GString *log)
{
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    total += steps[i].weight;
  g_assert_cmpuint (total, >, 0);
  pick = g_rand_int_range (s->rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (pick < steps[i].weight)
        {
          steps[i].func (s, log);
          return;
        }
      pick -= steps[i].weight;
    }
}

/* Whatever the soak left selected, a metric and year with data. */
static void
select_population_2021 (RexChartPage *page)
{
  GtkDropDown *dropdown = (GtkDropDown *) gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                         REX_TYPE_CHART_PAGE,
                                                                         "metric_dropdown");
  GtkAdjustment *year = (GtkAdjustment *) gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                         REX_TYPE_CHART_PAGE,
                                                                         "year_adjustment");
  GListModel *metrics = gtk_drop_down_get_model (dropdown);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (metrics) && !found; i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);

      if (g_str_equal (rex_metric_get_id (metric), "population"))
        {
          gtk_drop_down_set_selected (dropdown, i);
          found = TRUE;
        }
    }
  g_assert_true (found);
  gtk_adjustment_set_value (year, 2021);
}

/* The chart view as a render node, or NULL while it waits for its size (a
 * resize takes a round trip to the display server before the view is laid
 * out again, and a view waiting for its allocation draws nothing). */
static GskRenderNode *
snapshot_view (GtkWidget *view)
{
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;

  if (width <= 100 || height <= 100)
    return NULL;
  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static gboolean
view_drawable (gpointer view)
{
  g_autoptr(GskRenderNode) node = snapshot_view (view);

  return node != NULL;
}

/* The chart view's pixels: a drawn chart has many colours, a blank or
 * broken one a single colour. */
static guint
count_colours (GtkWidget *view)
{
  int width, height;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer;
  gsize stride;

  ui_test_iterate_until (view_drawable, view);
  node = snapshot_view (view);
  g_assert_nonnull (node);
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (view));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < gdk_texture_get_height (texture); y += 2)
    for (int x = 0; x < gdk_texture_get_width (texture); x += 2)
      g_hash_table_add (colours, GUINT_TO_POINTER (*(guint32 *) (pixels + y * stride + x * 4)));

  return g_hash_table_size (colours);
}

static void
make_files (Soak *s)
{
  static const char * const good[] = { "bars.json", "full.json", "example.json" };
  static const char * const bad[] = {
    "ui-bad-value.json", "bad-syntax.json", "bad-cycle.json", "hostile-nan.json",
    "hostile-truncated.json", "hostile-missing-ids.json", "hostile-nul.json",
  };
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *big_path = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", good[i], NULL);
      g_ptr_array_add (s->good_files, g_file_new_for_path (path));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", bad[i], NULL);
      g_ptr_array_add (s->bad_files, g_file_new_for_path (path));
    }
  g_ptr_array_add (s->bad_files, g_file_new_for_path ("/dev/zero"));
  g_ptr_array_add (s->bad_files, g_file_new_for_path (s->tmp_dir));
  {
    g_autofree char *missing = g_build_filename (s->tmp_dir, "missing.json", NULL);
    g_ptr_array_add (s->bad_files, g_file_new_for_path (missing));
  }

  /* About 4 MB: long enough to load that a step can land in the middle. */
  g_string_append (big, "{\"schema\": \"region-explorer/1\", \"title\": \"Soak\",\n"
                        " \"sources\": [{\"id\": \"s\", \"publisher\": \"p\", \"title\": \"t\"}],\n"
                        " \"metrics\": [{\"id\": \"m\", \"name\": \"M\", \"unit\": \"u\", \"source\": \"s\"}],\n"
                        " \"regions\": [\n");
  for (guint i = 0; i < 8000; i++)
    {
      g_string_append_printf (big, "%s{\"id\": \"r%u\", \"name\": \"Region %u\", \"kind\": \"county\", "
                                   "\"values\": {\"m\": {", i ? "," : "", i, i);
      for (guint y = 1990; y < 2020; y++)
        g_string_append_printf (big, "%s\"%u\": %u.%u", y > 1990 ? ", " : "", y, (i * 37 + y) % 1000, y % 10);
      g_string_append (big, "}}}\n");
    }
  g_string_append (big, "]}\n");
  big_path = g_build_filename (s->tmp_dir, "big.json", NULL);
  g_file_set_contents (big_path, big->str, big->len, &error);
  g_assert_no_error (error);
  s->big_file = g_file_new_for_path (big_path);
}

/* Brings the window to the same state whatever the soak did: no load in
 * flight, no error, search cleared, the bundled data in every view, and
 * Compare drawing population in 2021. Memory is compared between two such
 * states. */
static void
settle (Soak *s)
{
  ui_test_iterate_until (ui_test_not_loading, s->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s->window), "win.open-bundled", NULL));
  ui_test_iterate_until (ui_test_not_loading, s->window);
  gtk_widget_activate_action (GTK_WIDGET (s->window), "win.dismiss-error", NULL);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_window_child (s->window, "search_entry")), "");
  g_signal_emit_by_name (ui_test_window_child (s->window, "search_entry"), "search-changed");
  gtk_window_set_default_size (GTK_WINDOW (s->window), 1200, 800);
  /* Every view shows the bundled data once (a hidden view may update late). */
  for (guint i = 0; i < s->views->len; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s->window), "win.view", "s",
                                                 g_ptr_array_index (s->views, i)));
      ui_test_iterate (30);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (s->window), "win.view", "s", "compare"));
  select_population_2021 (REX_CHART_PAGE (rex_window_get_page (s->window, "compare")));
  ui_test_iterate_until (chart_drawn, s->window);
  ui_test_iterate (100);
}

static void
action_clear (gpointer data)
{
  g_free (((Action *) data)->name);
}

static void
soak_step (Soak    *s,
           GString *log,
           guint   *n_steps)
{
  g_string_truncate (log, 0);
  run_step (s, log);
  if (log->len > 0)
    g_test_message ("%u: %s", *n_steps, log->str);
  ui_test_iterate (g_rand_int_range (s->rand, 1, 12));
  track_dataset (s);
  (*n_steps)++;
}

static void
test_soak (void)
{
  const char *seed_env = g_getenv ("REX_SOAK_SEED");
  const char *steps_env = g_getenv ("REX_SOAK_STEPS");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20261129;
  guint soak_steps = steps_env ? (guint) g_ascii_strtoull (steps_env, NULL, 10) : 800;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  Soak s = { 0 };
  gpointer weak_window;
  gint64 start;
  gsize rss_warm = 0, rss_end, held_warm = 0, held_end;
  guint n_steps = 0, warm_up = 150;

  g_test_message ("seed %u (REX_SOAK_SEED=%u replays this run), %u steps after warm-up",
                  seed, seed, soak_steps);
  filter_steps ();
  s.rand = g_rand_new_with_seed (seed);
  s.views = g_ptr_array_new_with_free_func (g_free);
  s.actions = g_array_new (FALSE, FALSE, sizeof (Action));
  g_array_set_clear_func (s.actions, action_clear);
  s.good_files = g_ptr_array_new_with_free_func (g_object_unref);
  s.bad_files = g_ptr_array_new_with_free_func (g_object_unref);
  s.live_datasets = g_hash_table_new (NULL, NULL);
  s.tmp_dir = g_dir_make_tmp ("rex-soak-XXXXXX", &error);
  g_assert_no_error (error);
  make_files (&s);

  dataset = rex_dataset_new_default (&error);
  g_assert_no_error (error);
  s.window = rex_window_new (NULL);
  weak_window = s.window;
  g_object_add_weak_pointer (G_OBJECT (s.window), &weak_window);
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1200, 800);
  rex_window_set_dataset (s.window, dataset);
  gtk_window_present (GTK_WINDOW (s.window));
  s.stack = ui_test_window_child (s.window, "view_stack");
  g_assert_true (GTK_IS_STACK (s.stack));
  discover (&s);

  /* Warm-up: the first steps fill what is made once (views, fonts, the
   * loader's threads); then the window settles and memory is measured. */
  while (n_steps < warm_up)
    soak_step (&s, log, &n_steps);
  settle (&s);
  held_warm = heap_count_in_use ();
  rss_warm = rss_bytes ();

  start = g_get_monotonic_time ();
  while (n_steps < warm_up + soak_steps)
    soak_step (&s, log, &n_steps);
  g_assert_cmpuint (n_steps, >, warm_up);

  settle (&s);
  held_end = heap_count_in_use ();
  rss_end = rss_bytes ();
  track_dataset (&s);

  g_test_message ("%u steps in %.1f s: %u loads, %u exports, %u windows closed while loading; "
                  "heap in use %.1f MB after warm-up, %.1f MB at the end (RSS %.1f MB, %.1f MB); "
                  "%u datasets shown, %u alive",
                  n_steps, (g_get_monotonic_time () - start) / 1e6, s.n_loads, s.n_exports,
                  s.n_closed_while_loading, held_warm / 1e6, held_end / 1e6, rss_warm / 1e6, rss_end / 1e6,
                  s.n_datasets, g_hash_table_size (s.live_datasets));

  /* Replaced datasets are freed: alive are only the one on screen, the
   * first one (which the test holds) and at most one held by an Export
   * dialog left open (one dialog at a time; it keeps the chart it was
   * opened with). */
  g_assert_cmpuint (g_hash_table_size (s.live_datasets), <=, 3);

  /* Still responding: the bundled dataset is shown, its chart laid out and
   * drawn with real content. */
  g_assert_null (rex_window_get_error (s.window));
  g_assert_cmpstr (rex_dataset_get_file_name (rex_window_get_dataset (s.window)), ==,
                   "china-regional-development.json");
  g_assert_cmpuint (rex_chart_get_n_items (rex_window_get_current_chart (s.window)), >=, 31);
  {
    RexChartItem top;

    /* The bundled figure: Guangdong tops population in 2021, 12,684 (10,000 persons). */
    g_assert_true (rex_chart_get_item (rex_window_get_current_chart (s.window), 0, &top));
    g_assert_cmpstr (rex_region_get_id (top.region), ==, "CN-GD");
    g_assert_cmpfloat (top.value, ==, 12684);
  }
  g_assert_cmpuint (count_colours (rex_window_get_chart_view (s.window)), >=, 8);

  /* Memory, between two settled states: what the program holds may grow by
   * caches that fill once and stay within their own limits (cairo's and
   * fontconfig's for each text size the resizes reached, textures on the
   * clipboard until the display server lets them go: 6–27 MB over
   * 300–1,200 steps when measured), never by a share of every step.
   * A dataset kept per load (1–5 MB each, a hundred loads) or a texture
   * kept per draw (4 MB) is far beyond this; the resident size, which
   * says what the allocator keeps rather than what is held, is only
   * reported. */
  {
    GHashTableIter iter;
    gpointer alive;

    g_hash_table_iter_init (&iter, s.live_datasets);
    while (g_hash_table_iter_next (&iter, &alive, NULL))
      g_test_message ("alive: %s, %u regions%s", rex_dataset_get_file_name (alive),
                      g_list_model_get_n_items (rex_dataset_get_regions (alive)),
                      alive == (gpointer) rex_window_get_dataset (s.window) ? " (shown)" :
                      alive == (gpointer) dataset ? " (held by the test)" : "");
  }
  {
    gsize growth = held_end > held_warm ? held_end - held_warm : 0;
    guint soaked = n_steps - warm_up;

    g_test_message ("heap growth %.1f KB per step after warm-up", growth / 1e3 / soaked);
    /* Under AddressSanitizer the slice allocator's slabs count as held
     * (tests/meson.build); its leak check at exit stands in for the bound. */
#if !defined(__SANITIZE_ADDRESS__)
    g_assert_true (heap_count_is_exact ());
    g_assert_cmpuint (growth, <, 48 * MiB + soaked * 16 * KiB);
#endif
  }

  gtk_window_destroy (GTK_WINDOW (s.window));
  {
    gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (weak_window != NULL && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_null (weak_window);
  g_test_message ("%u datasets alive after the window was destroyed",
                  g_hash_table_size (s.live_datasets));

  untrack_datasets (&s);
  g_hash_table_unref (s.live_datasets);
  g_clear_object (&s.big_file);
  g_ptr_array_unref (s.good_files);
  g_ptr_array_unref (s.bad_files);
  g_ptr_array_unref (s.views);
  g_array_unref (s.actions);
  g_rand_free (s.rand);
  {
    g_autofree char *png = g_build_filename (s.tmp_dir, "soak.png", NULL);
    g_autofree char *big = g_build_filename (s.tmp_dir, "big.json", NULL);

    g_unlink (png);
    g_unlink (big);
    g_rmdir (s.tmp_dir);
  }
  g_free (s.tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  /* G_DEBUG=fatal-criticals, whatever the environment says. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  ui_test_add ("/soak/window", test_soak);

  return g_test_run ();
}
