/* test-window.c — the real main window under Xvfb, driven as a person would:
 * views, metrics, years, selection, search, play, good and bad files.
 * Fails without a display (never skips). */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rex-chart-page.h"
#include "rex-chart-view.h"
#include "rex-export-dialog.h"
#include "rex-headline-card.h"
#include "rex-import-dialog.h"
#include "rex-overview-page.h"
#include "rex-region-profile.h"
#include "rex-split-view.h"
#include "rex-squeezer.h"
#include "rex-table-page.h"
#include "rex-widget-util.h"
#include "rex-window.h"
#include "ui-test-util.h"

/* The current chart has been drawn (laid out) at least once. */
static gboolean
chart_drawn (gpointer data)
{
  RexChart *chart = rex_chart_view_get_chart (REX_CHART_VIEW (rex_window_get_chart_view (data)));

  return chart != NULL && rex_chart_get_n_items (chart) > 0;
}

static guint
count_visible_regions (RexWindow *window)
{
  GtkSelectionModel *model = gtk_list_view_get_model (ui_test_window_child (window, "region_list"));

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static gpointer
page_child (gpointer    page,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), REX_TYPE_CHART_PAGE, name);
}

static RexChart *
current_chart (RexWindow *window)
{
  return rex_chart_view_get_chart (REX_CHART_VIEW (rex_window_get_chart_view (window)));
}

static RexWindow *
new_window (void)
{
  RexWindow *window = ui_test_new_window ("compare");

  ui_test_iterate_until (chart_drawn, window);
  return window;
}

/* A window that keeps the view saved in the settings, as on start-up. */
static RexWindow *
new_window_keeping_view (void)
{
  RexWindow *window = ui_test_new_window (NULL);

  ui_test_iterate (50);
  return window;
}

/* Closes @window as its user would and opens the next run's window, which
 * comes back to the view saved; returns it, with its page of @view in
 * *@page. */
static RexWindow *
next_run (RexWindow     *window,
          const char    *view,
          RexChartPage **page)
{
  RexWindow *again;

  gtk_window_close (GTK_WINDOW (window));
  ui_test_iterate (20);
  again = new_window_keeping_view ();
  *page = REX_CHART_PAGE (rex_window_get_page (again, view));
  return again;
}

static void
test_opens_with_bundled_data (void)
{
  RexWindow *window = new_window ();
  RexChart *chart = current_chart (window);

  g_assert_cmpuint (count_visible_regions (window), >=, 31);
  g_assert_nonnull (chart);
  g_assert_cmpuint (rex_chart_get_n_items (chart), >=, 31);
  g_assert_null (rex_window_get_error (window));
  ui_test_destroy_window (window);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_every_view (void)
{
  RexWindow *window = new_window ();
  const char *views[] = { "overview", "compare", "trends", "relationships", "map", "rural", "table" };
  /* A menu's radio item for Map: win.view's state is the view shown. */
  GtkWidget *map_item = gtk_check_button_new ();
  guint n_notified = 0, n_changes = 0;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (map_item), "win.view");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (map_item), "s", "map");
  gtk_widget_set_visible (map_item, FALSE);
  gtk_widget_set_parent (map_item, GTK_WIDGET (window));
  g_signal_connect_swapped (window, "notify::view", G_CALLBACK (count_notify), &n_notified);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *view = NULL;

      n_changes += !g_str_equal (rex_window_get_view (window), views[i]);
      /* Ctrl+1…7 run win.view; activate it as the shortcut does. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i]));
      ui_test_iterate (50);
      g_assert_cmpstr (rex_window_get_view (window), ==, views[i]);
      g_object_get (window, "view", &view, NULL);
      g_assert_cmpstr (view, ==, views[i]);
      g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (map_item)), ==,
                       g_str_equal (views[i], "map"));
    }
  g_assert_cmpuint (n_notified, ==, n_changes);
  g_assert_cmpuint (n_changes, >=, G_N_ELEMENTS (views) - 1);
  g_assert_false (rex_window_set_view (window, "nonsense"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "nonsense"));
  g_assert_cmpstr (rex_window_get_view (window), ==, "table");
  g_signal_handlers_disconnect_by_data (window, &n_notified);
  gtk_widget_unparent (map_item);
  g_assert_cmpuint (rex_overview_page_get_n_cards (ui_test_window_child (window, "overview_page")), >=, 5);
  ui_test_destroy_window (window);
}

/* Chooses the metric @id in @page's metric drop-down. */
static void
select_metric_id (RexChartPage *page,
                  const char   *id)
{
  GtkDropDown *dropdown = page_child (page, "metric_dropdown");
  GListModel *metrics = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) m = g_list_model_get_item (metrics, i);

      if (g_str_equal (rex_metric_get_id (m), id))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("no metric %s in the drop-down", id);
}

static void
test_metric_and_year (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  RexChartItem item;

  select_metric_id (page, "population");
  g_assert_cmpstr (rex_chart_get_spec (current_chart (window))->metric, ==, "population");
  gtk_adjustment_set_value (year, 2021);
  g_assert_cmpint (rex_chart_get_spec (current_chart (window))->year, ==, 2021);

  /* Guangdong tops population in 2021: 12,684 (10,000 persons). */
  ui_test_iterate_until (chart_drawn, window);
  g_assert_true (rex_chart_get_item (current_chart (window), 0, &item));
  g_assert_cmpstr (rex_region_get_id (item.region), ==, "CN-GD");
  g_assert_cmpfloat (item.value, ==, 12684);
  ui_test_destroy_window (window);
}

static void
test_selection_shared (void)
{
  RexWindow *window = new_window ();
  RexSelection *selection = rex_window_get_selection (window);
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  GListModel *list = G_LIST_MODEL (gtk_list_view_get_model (ui_test_window_child (window, "region_list")));
  RexChartItem item;
  guint renders;

  /* From the sidebar: a row's check box (as Enter or Space on it) selects it. */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RexRegionEntry) entry = g_list_model_get_item (list, i);
      if (g_str_equal (rex_region_get_id (rex_region_entry_get_region (entry)), "CN-SC"))
        {
          rex_region_entry_set_selected (entry, TRUE);
          g_assert_true (rex_region_entry_get_selected (entry));
        }
    }
  g_assert_true (rex_selection_contains (selection, "CN-SC"));
  g_assert_true (rex_chart_spec_has_region (rex_chart_get_spec (current_chart (window)), "CN-SC"));

  /* The other views see it too. */
  rex_window_set_view (window, "trends");
  ui_test_iterate (30);
  g_assert_true (rex_chart_spec_has_region (rex_chart_get_spec (current_chart (window)), "CN-SC"));

  /* From the chart: keyboard to the first bar and Enter selects it. */
  rex_window_set_view (window, "compare");
  ui_test_iterate_until (chart_drawn, window);
  view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  renders = rex_chart_view_get_render_count (view);
  rex_chart_view_set_focus_index (view, 0);
  g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (view), 0, &item));
  g_signal_emit_by_name (view, "item-activated", 0u);
  g_assert_true (rex_selection_contains (selection, rex_region_get_id (item.region)));
  g_assert_cmpuint (rex_selection_get_size (selection), ==, 2);
  g_assert_cmpuint (rex_chart_view_get_render_count (view), ==, renders);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-selection", NULL));
  g_assert_cmpuint (rex_selection_get_size (selection), ==, 0);
  ui_test_destroy_window (window);
}

static void
test_search_and_filters (void)
{
  RexWindow *window = new_window ();
  GtkWidget *entry = ui_test_window_child (window, "search_entry");
  guint all = count_visible_regions (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), "江苏");
  /* search-changed is delayed; emit it now rather than wait. */
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (count_visible_regions (window), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (count_visible_regions (window), ==, all);

  /* Provinces only: the 31 of the mainland, Hong Kong, Macao and Taiwan. */
  gtk_drop_down_set_selected (ui_test_window_child (window, "kind_dropdown"), 1);
  g_assert_cmpuint (count_visible_regions (window), ==, 34);
  /* Provinces in the Yangtze River Delta strategy area: Shanghai, Jiangsu, Zhejiang, Anhui. */
  {
    GtkDropDown *groups = ui_test_window_child (window, "group_dropdown");
    GListModel *names = gtk_drop_down_get_model (groups);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Yangtze River Delta")
          && !strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "cluster"))
        {
          gtk_drop_down_set_selected (groups, i);
          found = TRUE;
          break;
        }
    g_assert_true (found);
  }
  g_assert_cmpuint (count_visible_regions (window), ==, 4);

  /* Select All adds the four to the selection, and has nothing more to
   * add until one is taken out. */
  {
    RexSelection *selection = rex_window_get_selection (window);
    const char *guangdong[] = { "CN-GD", NULL };
    /* The button beside the count, as a person finds it. */
    GtkWidget *button = gtk_widget_get_next_sibling (ui_test_window_child (window, "region_count_label"));

    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.select-shown");

    rex_selection_set_ids (selection, guangdong);
    g_assert_true (gtk_widget_is_sensitive (button));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-shown", NULL));
    g_assert_cmpuint (rex_selection_get_size (selection), ==, 5);
    g_assert_true (rex_selection_contains (selection, "CN-GD"));
    g_assert_true (rex_selection_contains (selection, "CN-SH"));
    g_assert_true (rex_selection_contains (selection, "CN-AH"));
    g_assert_false (gtk_widget_is_sensitive (button));
    rex_selection_toggle (selection, "CN-JS");
    g_assert_true (gtk_widget_is_sensitive (button));
    rex_selection_set_ids (selection, NULL);
  }
  ui_test_destroy_window (window);
}

static int play_start;

static gboolean
not_playing (gpointer page)
{
  return !rex_chart_page_is_playing (page);
}

static gboolean
year_advanced (gpointer data)
{
  RexChartPage *page = data;
  RexChart *chart = rex_chart_page_get_chart (page);

  return chart != NULL && rex_chart_get_spec (chart)->year > play_start;
}

/* Plays @page's years from its first, until the year shown has moved on. */
static void
play_from_first_year (RexWindow    *window,
                      RexChartPage *page)
{
  GtkAdjustment *year = page_child (page, "year_adjustment");

  play_start = (int) gtk_adjustment_get_lower (year);
  g_assert_cmpint (play_start, <, (int) gtk_adjustment_get_upper (year));
  gtk_adjustment_set_value (year, play_start);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_true (rex_chart_page_is_playing (page));
  ui_test_iterate_until (year_advanced, page);
}

static void
test_play (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "relationships"));
  GtkAdjustment *year = page_child (page, "year_adjustment");

  rex_window_set_view (window, "relationships");
  ui_test_iterate (30);
  /* Population against GDP: the years where provinces have both, 2006–2024
   * (GDP of the revised database starts in 2006). */
  g_assert_cmpint ((int) gtk_adjustment_get_lower (year), ==, 2006);
  g_assert_cmpint ((int) gtk_adjustment_get_upper (year), ==, 2024);
  play_from_first_year (window, page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_false (rex_chart_page_is_playing (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A dataset of one year (a yearbook table imported) has nothing to play:
 * Play is dimmed and its shortcut starts nothing. */
static void
test_play_one_year (void)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"One year\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"100 million yuan\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN-BJ\", \"name\": \"Beijing\", \"kind\": \"province\","
    "   \"values\": {\"gdp\": {\"2024\": 49843.1}}},"
    "  {\"id\": \"CN-TJ\", \"name\": \"Tianjin\", \"kind\": \"province\","
    "   \"values\": {\"gdp\": {\"2024\": 18024.3}}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_bytes (bytes, "one-year.json", NULL, &error);
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));

  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "play_button")));
  rex_window_set_dataset (window, dataset);
  ui_test_iterate (20);
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "play_button")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_false (rex_chart_page_is_playing (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The map plays too, a whole year at a time, and stops when its view is
 * left. */
static void
test_play_map (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "map"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  g_autoptr(RexChartSpec) spec = NULL;

  rex_window_set_view (window, "map");
  ui_test_iterate (30);
  g_assert_true (gtk_widget_get_visible (page_child (page, "play_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "year_box")));
  play_from_first_year (window, page);
  spec = rex_chart_page_dup_spec (page);
  g_assert_cmpfloat (spec->year_fraction, ==, 0);
  g_assert_cmpint (spec->year, ==, (int) gtk_adjustment_get_value (year));

  /* Another view: the map stops where it was (once the crossfade to the
   * other view has ended and the map is no longer drawn). */
  rex_window_set_view (window, "compare");
  ui_test_iterate_until (not_playing, page);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpint ((int) gtk_adjustment_get_value (year), <, (int) gtk_adjustment_get_upper (year));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Compare plays its bars through the years, a whole year at a time, each
 * year's bars ranked by that year's values; the year field follows. Trends
 * has no timeline: the action is off there. */
static void
test_play_compare (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  RexChart *chart;
  double previous = INFINITY;
  int shown;

  g_assert_true (gtk_widget_get_visible (page_child (page, "play_box")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "year_box")));
  play_from_first_year (window, page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_false (rex_chart_page_is_playing (page));

  /* The bars are the year's values, ranked. */
  chart = rex_chart_page_get_chart (page);
  shown = rex_chart_get_spec (chart)->year;
  g_assert_cmpint (shown, ==, (int) gtk_adjustment_get_value (year));
  g_assert_cmpint (rex_chart_get_spec (chart)->year_fraction, ==, 0);
  g_assert_cmpuint (rex_chart_get_n_items (chart), >, 1);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;
      double value;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (isnan (item.value))
        continue;
      g_assert_cmpint (item.year, ==, shown);
      g_assert_true (rex_region_get_value (item.region, item.metric_id, shown, &value));
      g_assert_cmpfloat (item.value, ==, value);
      g_assert_cmpfloat (item.value, <=, previous);
      previous = item.value;
    }

  /* From the year before the last, play ends on the last and stops. */
  gtk_adjustment_set_value (year, gtk_adjustment_get_upper (year) - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  ui_test_iterate_until (not_playing, page);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->year, ==,
                   (int) gtk_adjustment_get_upper (year));

  /* Trends: nothing plays. */
  rex_window_set_view (window, "trends");
  ui_test_iterate (10);
  gtk_adjustment_set_value (year, play_start);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_false (rex_chart_page_is_playing (page));
  g_assert_false (rex_chart_page_is_playing (REX_CHART_PAGE (rex_window_get_page (window, "trends"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_table_follows_chart (void)
{
  RexWindow *window = new_window ();
  RexTablePage *table = ui_test_window_child (window, "table_page");

  rex_window_set_view (window, "compare");
  ui_test_iterate (20);
  rex_window_set_view (window, "table");
  ui_test_iterate (20);
  g_assert_true (rex_table_page_get_chart (table) == current_chart (window));
  /* One row per province: 31 with figures, and Hong Kong, Macao and Taiwan
   * without. */
  g_assert_cmpuint (rex_table_page_get_n_rows (table), ==, 34);
  ui_test_destroy_window (window);
}

/* The column of @table named @name. */
static guint
column_named (RexChartTable *table,
              const char    *name)
{
  for (guint c = 0; c < table->columns->len; c++)
    if (g_str_equal (table->columns->pdata[c], name))
      return c;
  g_error ("no column %s", name);
}

/* An empty cell reads "no data" in a column of numbers (a target not set)
 * and stays blank in a column of words (the qualifier of an exact value);
 * a qualifier reads in the reader's words. The Rural view's rows for the
 * nation have all three. */
static void
test_table_empty_cells (void)
{
  RexWindow *window = new_window ();
  RexTablePage *page = ui_test_window_child (window, "table_page");
  g_autoptr(RexChartTable) table = NULL;
  guint qualifier, target, value;
  gboolean exact = FALSE, no_target = FALSE, about = FALSE;

  rex_window_set_view (window, "rural");
  ui_test_iterate (20);
  rex_window_set_view (window, "table");
  ui_test_iterate (20);
  table = rex_chart_get_table (rex_table_page_get_chart (page));
  qualifier = column_named (table, "Qualifier");
  target = column_named (table, "Target");
  value = column_named (table, "Value");
  for (guint r = 0; r < rex_table_page_get_n_rows (page); r++)
    {
      g_autofree char *shown_qualifier = rex_table_page_get_cell_text (page, r, qualifier);
      g_autofree char *shown_target = rex_table_page_get_cell_text (page, r, target);

      if (*rex_table_page_get_cell (page, r, value) == '\0')
        continue;
      if (*rex_table_page_get_cell (page, r, qualifier) == '\0')
        {
          g_assert_cmpstr (shown_qualifier, ==, "");
          exact = TRUE;
        }
      if (g_str_equal (rex_table_page_get_cell (page, r, qualifier), "about"))
        about = g_str_equal (shown_qualifier, "about");
      if (*rex_table_page_get_cell (page, r, target) == '\0')
        {
          g_assert_cmpstr (shown_target, ==, "no data");
          no_target = TRUE;
        }
    }
  g_assert_true (exact && no_target && about);
  rex_window_set_view (window, "compare");
  ui_test_destroy_window (window);
}

/* What the clipboard holds as text, once @action on @widget has put it there. */
static char *
copied_text (GtkWidget  *widget,
             const char *action)
{
  char *text;

  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  text = ui_test_read_clipboard_text (gtk_widget_get_clipboard (widget));
  g_assert_nonnull (text);
  return text;
}

/* The Table view's Copy: the rows selected (or every row) as tab-separated
 * lines under the columns' names, numbers as written, to paste into a
 * spreadsheet; Ctrl+C in the table does it rather than copy the chart. */
static void
test_table_copy (void)
{
  RexWindow *window = new_window ();
  RexTablePage *table = ui_test_window_child (window, "table_page");
  GtkSelectionModel *selection;
  g_autofree char *all = NULL;
  g_autofree char *two = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;

  rex_window_set_view (window, "compare");
  ui_test_iterate (20);
  rex_window_set_view (window, "table");
  ui_test_iterate (20);

  all = copied_text (GTK_WIDGET (table), "table.copy");
  lines = g_strsplit (all, "\n", -1);
  /* The header, one line per province, and the empty string after the last break. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 34 + 1);
  header = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpstr (header[0], ==, "Region");
  g_assert_cmpuint (g_strv_length (header), ==,
                    g_list_model_get_n_items (gtk_column_view_get_columns (rex_table_page_get_column_view (table))));
  /* Guangdong's GDP first, as the CSV writes it: no thousands separators,
   * no binary noise. */
  first = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpstr (first[0], ==, "Guangdong");
  g_assert_null (strchr (lines[1], ','));
  g_assert_nonnull (strstr (lines[1], "\t141488.9\t"));

  selection = GTK_SELECTION_MODEL (gtk_column_view_get_model (rex_table_page_get_column_view (table)));
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  two = copied_text (GTK_WIDGET (table), "table.copy");
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (two, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "Guangdong\t"));
  g_assert_cmpstr (rex_table_page_get_cell (table, 2, 1), !=, NULL);
  g_assert_true (g_str_has_prefix (lines[2], rex_table_page_get_cell (table, 2, 1)));
  ui_test_destroy_window (window);
}

static gboolean
banner_shown (gpointer banner)
{
  return gtk_revealer_get_child_revealed (banner) && gtk_widget_get_height (banner) > 0;
}

static gboolean
banner_gone (gpointer banner)
{
  return gtk_widget_get_height (banner) == 0;
}

static void
test_bad_file_keeps_dataset (void)
{
  RexWindow *window = new_window ();
  RexDataset *before = rex_window_get_dataset (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui-bad-value.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *banner = ui_test_window_child (window, "banner_revealer");
  const char *message;

  /* With no error, the banner takes no room above the views. */
  g_assert_cmpint (gtk_widget_get_height (banner), ==, 0);

  rex_window_open_file (window, file);
  g_assert_true (rex_window_is_loading (window));
  ui_test_iterate_until (ui_test_not_loading, window);

  message = rex_window_get_error (window);
  g_assert_nonnull (message);
  g_assert_true (strstr (message, "ui-bad-value.json:6:") != NULL);
  g_assert_true (strstr (message, "regions[0].values.m[\"2020\"]") != NULL);
  g_assert_true (gtk_revealer_get_reveal_child (ui_test_window_child (window, "banner_revealer")));
  g_assert_true (rex_window_get_dataset (window) == before);
  g_assert_cmpuint (count_visible_regions (window), >=, 31);
  g_assert_nonnull (current_chart (window));

  ui_test_iterate_until (banner_shown, banner);
  g_assert_cmpint (gtk_widget_get_height (banner), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-error", NULL));
  g_assert_null (rex_window_get_error (window));
  /* Faded away, it gives its room back. */
  ui_test_iterate_until (banner_gone, banner);
  ui_test_destroy_window (window);
}

static void
test_good_file_replaces_dataset (void)
{
  RexWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rex_window_open_file (window, file);
  ui_test_iterate_until (ui_test_not_loading, window);
  g_assert_null (rex_window_get_error (window));
  g_assert_cmpuint (count_visible_regions (window), ==, 7);
  g_assert_cmpstr (rex_dataset_get_title (rex_window_get_dataset (window)), ==, "Bar chart fixture");
  ui_test_destroy_window (window);
}

static void
test_hover_does_not_redraw_chart (void)
{
  RexWindow *window = new_window ();
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  guint renders = rex_chart_view_get_render_count (view);

  gtk_widget_grab_focus (GTK_WIDGET (view));
  for (int i = 0; i < 5; i++)
    {
      rex_chart_view_set_focus_index (view, i);
      ui_test_iterate (20);
    }
  g_assert_cmpuint (rex_chart_view_get_render_count (view), ==, renders);
  g_assert_cmpint (rex_chart_view_get_focus_index (view), ==, 4);
  ui_test_destroy_window (window);
}

static void resize_window (RexWindow *window,
                           int        width,
                           int        height);

static void
test_state_restored (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  const char *ids[] = { "CN-JS", "CN-ZJ", NULL };
  RexWindow *again;

  rex_selection_set_ids (rex_window_get_selection (window), ids);
  gtk_adjustment_set_value (year, 2022);
  rex_window_set_view (window, "map");
  resize_window (window, 1010, 707);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_iterate (20);

  /* A new window (as on the next run) comes back as it was left. */
  again = new_window_keeping_view ();
  g_assert_cmpstr (rex_window_get_view (again), ==, "map");
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (again), &width, &height);
    g_assert_cmpint (width, ==, 1010);
    g_assert_cmpint (height, ==, 707);
  }
  g_assert_true (rex_selection_contains (rex_window_get_selection (again), "CN-JS"));
  g_assert_true (rex_selection_contains (rex_window_get_selection (again), "CN-ZJ"));
  /* Only the view on screen has its page; another one is made when asked
   * for, and gets the saved state then. */
  g_assert_nonnull (gtk_widget_get_first_child (ui_test_window_child (again, "map_slot")));
  g_assert_null (gtk_widget_get_first_child (ui_test_window_child (again, "compare_slot")));
  page = REX_CHART_PAGE (rex_window_get_page (again, "compare"));
  g_assert_true (gtk_widget_get_first_child (ui_test_window_child (again, "compare_slot")) == GTK_WIDGET (page));
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->year, ==, 2022);

  /* The next test starts from clean settings (ui_test_add). */
  gtk_window_destroy (GTK_WINDOW (again));
}

static void
test_reopen_exported_png (void)
{
  RexWindow *window = new_window ();
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rex-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 600, 400, 1, style };
  const RexChartSpec *shown;

  spec->metric = g_strdup ("population");
  spec->year = 2021;
  spec->map_mode = REX_MAP_MODE_GEO;
  chart = rex_chart_new (rex_window_get_dataset (window), spec, &error);
  g_assert_no_error (error);
  g_assert_true (rex_export_to_file (chart, file, &options, NULL, &error));
  g_assert_no_error (error);

  rex_window_open_file (window, file);
  ui_test_iterate_until (ui_test_not_loading, window);
  g_assert_null (rex_window_get_error (window));
  g_assert_cmpstr (rex_window_get_view (window), ==, "map");
  ui_test_iterate_until (chart_drawn, window);
  shown = rex_chart_get_spec (current_chart (window));
  g_assert_cmpint (shown->kind, ==, REX_CHART_KIND_MAP);
  g_assert_cmpstr (shown->metric, ==, "population");
  g_assert_cmpint (shown->year, ==, 2021);
  g_assert_cmpint (shown->map_mode, ==, REX_MAP_MODE_GEO);

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_hub_shows_circle (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "map"));
  RexChart *chart;
  GtkWidget *revealer = page_child (page, "info_revealer");
  GtkLabel *body = page_child (page, "info_body");
  gboolean found = FALSE;
  int hub = -1;

  rex_window_set_view (window, "map");
  gtk_drop_down_set_selected (page_child (page, "map_dropdown"), REX_MAP_MODE_GEO);
  ui_test_iterate_until (chart_drawn, window);
  chart = current_chart (window);
  for (guint i = 0; i < rex_chart_get_n_items (chart) && !found; i++)
    {
      RexChartItem item;
      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (item.circle != NULL && rex_transport_circle_get_members (item.circle)->len > 0)
        {
          /* Clicking a hub (or Enter on it) opens the circle's panel. */
          g_signal_emit_by_name (rex_window_get_chart_view (window), "item-activated", i);
          found = TRUE;
          hub = (int) i;
        }
    }
  g_assert_true (found);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (strstr (gtk_label_get_text (body), "Member cities:") != NULL);
  g_assert_true (strstr (gtk_label_get_text (body), " km)") != NULL);

  /* From the keyboard, the panel takes the focus for a screen reader to
   * read it, and Close gives it back to the hub's item on the chart. */
  {
    GtkWidget *view = rex_window_get_chart_view (window);
    GtkWidget *close = gtk_widget_get_next_sibling (page_child (page, "info_title"));
    GtkWidget *focus;

    gtk_widget_grab_focus (view);
    rex_chart_view_set_focus_index (REX_CHART_VIEW (view), hub);
    g_signal_emit_by_name (view, "item-activated", hub);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (body));
    g_assert_true (GTK_IS_BUTTON (close));
    g_signal_emit_by_name (close, "clicked");
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (gtk_widget_is_ancestor (focus, view));
    g_assert_cmpint (rex_chart_view_get_focus_index (REX_CHART_VIEW (view)), ==, hub);
  }
  gtk_drop_down_set_selected (page_child (page, "map_dropdown"), REX_MAP_MODE_TILES);
  rex_window_set_view (window, "compare");
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint previous_renders;

static gboolean
chart_replaced (gpointer data)
{
  RexChartView *view = REX_CHART_VIEW (rex_window_get_chart_view (data));

  return rex_chart_view_get_render_count (view) > previous_renders && chart_drawn (data);
}

/* Waits until the settings change reached the window and its chart was
 * drawn again. */
static void
wait_for_new_chart (RexWindow *window)
{
  previous_renders = rex_chart_view_get_render_count (REX_CHART_VIEW (rex_window_get_chart_view (window)));
  ui_test_iterate_until (chart_replaced, window);
}

/* The chart of Guangdong's population in 2024 is shown and laid out. */
static gboolean
population_2024_drawn (gpointer data)
{
  RexChart *chart = current_chart (data);
  const RexChartSpec *spec = chart != NULL ? rex_chart_get_spec (chart) : NULL;

  return spec != NULL && g_strcmp0 (spec->metric, "population") == 0 && spec->year == 2024
         && chart_drawn (data);
}

static void
test_number_format_preference (void)
{
  RexWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autofree char *full = NULL;
  g_autofree char *shortened = NULL;
  g_autoptr(RexChart) chart = NULL;
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkDropDown *metric = page_child (page, "metric_dropdown");
  GListModel *metrics = gtk_drop_down_get_model (metric);

  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) m = g_list_model_get_item (metrics, i);
      if (g_str_equal (rex_metric_get_id (m), "population"))
        gtk_drop_down_set_selected (metric, i);
    }
  gtk_adjustment_set_value (page_child (page, "year_adjustment"), 2024);
  ui_test_iterate_until (population_2024_drawn, window);
  chart = g_object_ref (current_chart (window));
  g_settings_set_enum (settings, "number-format", REX_NUMBER_FORMAT_FULL);
  wait_for_new_chart (window);
  full = rex_chart_describe (current_chart (window));
  g_settings_set_enum (settings, "number-format", REX_NUMBER_FORMAT_SHORT);
  wait_for_new_chart (window);
  shortened = rex_chart_describe (current_chart (window));
  g_settings_set_enum (settings, "number-format", REX_NUMBER_FORMAT_AUTO);
  wait_for_new_chart (window);
  /* The style carries the format: the same chart is drawn again. */
  g_assert_true (current_chart (window) == chart);

  /* Guangdong's population in 2024, 12,780 (10,000 persons), as the preference says. */
  g_assert_true (strstr (full, "Guangdong at 12,780") != NULL);
  g_assert_true (strstr (shortened, "Guangdong at 12.8k") != NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_last_dataset_remembered (void)
{
  RexWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *remembered = NULL;
  g_autofree char *cleared = NULL;

  rex_window_open_file (window, file);
  ui_test_iterate_until (ui_test_not_loading, window);
  remembered = g_settings_get_string (settings, "last-dataset");
  g_assert_cmpstr (remembered, ==, uri);

  /* Going back to the bundled data forgets the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-bundled", NULL));
  cleared = g_settings_get_string (settings, "last-dataset");
  g_assert_cmpstr (cleared, ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Replacing the dataset lets the old one go: no view, hidden or shown,
 * keeps it alive behind a chart. */
static void
test_old_dataset_freed (void)
{
  RexWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  RexDataset *replacement = rex_dataset_new_default (&error);
  gpointer old = rex_window_get_dataset (window);
  const char *views[] = { "overview", "compare", "trends", "relationships", "map", "rural", "table" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      rex_window_set_view (window, views[i]);
      ui_test_iterate (20);
    }
  g_object_add_weak_pointer (G_OBJECT (old), &old);
  rex_window_set_dataset (window, replacement);
  g_object_unref (replacement);
  ui_test_iterate (30);
  g_assert_null (old);
  rex_window_set_view (window, "compare");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A group filter set when the dataset is replaced must not reach the old
 * dataset's regions (run under ASan in CI). */
static void
test_group_filter_across_datasets (void)
{
  RexWindow *window = new_window ();
  GtkDropDown *groups = ui_test_window_child (window, "group_dropdown");
  g_autoptr(GError) error = NULL;
  RexDataset *replacement;
  guint all = count_visible_regions (window);

  gtk_drop_down_set_selected (groups, 3);
  g_assert_cmpuint (count_visible_regions (window), <, all);

  /* The window holds the only reference to the old dataset. */
  replacement = rex_dataset_new_default (&error);
  g_assert_no_error (error);
  rex_window_set_dataset (window, replacement);
  g_object_unref (replacement);
  ui_test_iterate (20);
  g_assert_cmpuint (gtk_drop_down_get_selected (groups), ==, 0);
  g_assert_cmpuint (count_visible_regions (window), ==, all);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* --- the window at any size --- */

typedef struct
{
  int width;
  int height;
} Size;

static Size wanted_size;

/* The window's surface has the size asked for and its contents are laid
 * out at it. */
static gboolean
window_has_size (gpointer data)
{
  GtkWidget *window = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return surface != NULL && gtk_widget_get_mapped (window)
         && gdk_surface_get_width (surface) == wanted_size.width
         && gdk_surface_get_height (surface) == wanted_size.height
         && gtk_widget_get_width (window) > 0
         && gtk_widget_get_width (window) <= wanted_size.width
         && gtk_widget_get_height (window) <= wanted_size.height
         && gtk_widget_get_width (window) >= wanted_size.width - 40;
}

static void
resize_window (RexWindow *window,
               int        width,
               int        height)
{
  wanted_size.width = width;
  wanted_size.height = height;
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  ui_test_iterate_until (window_has_size, window);
}

/* Widgets a person reads or works: they must not be covered by another
 * one nor cut off. Their insides (a drop-down's button, a spin button's
 * text) are theirs and not looked at. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget)
         || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SCALE (widget)
         || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_LABEL (widget) || GTK_IS_IMAGE (widget)
         || REX_IS_CHART_VIEW (widget) || GTK_IS_SPINNER (widget);
}

typedef struct
{
  GtkWidget       *widget;
  graphene_rect_t  bounds;
  gboolean         scrolled;   /* inside a scrolled window: bounds are the part it shows */
} Placed;

/* @clip: what a scrolled window around @widget shows of it, or NULL. */
static void
collect_controls (GtkWidget             *widget,
                  GtkWidget             *window,
                  const graphene_rect_t *clip,
                  GArray                *placed)
{
  graphene_rect_t scrolled_clip;

  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != window))
    return;
  if (is_control (widget))
    {
      Placed p = { widget, GRAPHENE_RECT_INIT (0, 0, 0, 0), clip != NULL };

      g_assert_true (gtk_widget_compute_bounds (widget, window, &p.bounds));
      /* Only the part a scrolled window shows can cover anything. */
      if (clip != NULL && !graphene_rect_intersection (&p.bounds, clip, &p.bounds))
        return;
      /* An empty label takes no room, and has nothing to cover. */
      if (p.bounds.size.width > 0.5 && p.bounds.size.height > 0.5
          && !(GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] == '\0'))
        g_array_append_val (placed, p);
      return;
    }
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      g_assert_true (gtk_widget_compute_bounds (widget, window, &scrolled_clip));
      if (clip != NULL)
        graphene_rect_intersection (&scrolled_clip, clip, &scrolled_clip);
      clip = &scrolled_clip;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_controls (c, window, clip, placed);
}

static char *
describe_widget (GtkWidget *widget)
{
  const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                   : GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget))
                     ? gtk_button_get_label (GTK_BUTTON (widget))
                   : gtk_widget_get_tooltip_text (widget);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  return g_strdup_printf ("%s%s%s “%s”", G_OBJECT_TYPE_NAME (widget), id ? " #" : "", id ? id : "",
                          text ? text : "");
}

/* Every control shown lies inside the window, and no two overlap. */
static void
assert_laid_out (RexWindow  *window,
                 const char *where)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  graphene_rect_t frame;

  /* The window's own bounds take in the frame around its contents: the
   * header bar lies on it. */
  g_assert_true (gtk_widget_compute_bounds (widget, widget, &frame));

  collect_controls (widget, widget, NULL, placed);
  g_assert_cmpuint (placed->len, >=, 6);
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *a = &g_array_index (placed, Placed, i);

      if (!a->scrolled && !graphene_rect_contains_rect (&frame, &a->bounds))
        {
          g_autofree char *name = describe_widget (a->widget);
          g_error ("%s: %s at %g,%g %g×%g is not inside the window (%g,%g %g×%g)", where, name,
                   a->bounds.origin.x, a->bounds.origin.y, a->bounds.size.width, a->bounds.size.height,
                   frame.origin.x, frame.origin.y, frame.size.width, frame.size.height);
        }
      for (guint j = i + 1; j < placed->len; j++)
        {
          Placed *b = &g_array_index (placed, Placed, j);
          graphene_rect_t overlap;

          if (graphene_rect_intersection (&a->bounds, &b->bounds, &overlap)
              && overlap.size.width > 0.5 && overlap.size.height > 0.5)
            {
              g_autofree char *name_a = describe_widget (a->widget);
              g_autofree char *name_b = describe_widget (b->widget);
              g_error ("%s: %s (%g,%g %g×%g) and %s (%g,%g %g×%g) overlap", where,
                       name_a, a->bounds.origin.x, a->bounds.origin.y, a->bounds.size.width, a->bounds.size.height,
                       name_b, b->bounds.origin.x, b->bounds.origin.y, b->bounds.size.width, b->bounds.size.height);
            }
        }
    }
}

static const char *every_view[] = { "overview", "compare", "trends", "relationships", "map", "rural", "table" };

static gboolean
view_laid_out (gpointer data)
{
  RexWindow *window = data;
  GtkWidget *page = gtk_stack_get_visible_child (ui_test_window_child (window, "view_stack"));

  /* The cross-fade between views over, the page allocated, and a chart
   * view's chart made. */
  return window_has_size (window) && gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0
         && !gtk_stack_get_transition_running (ui_test_window_child (window, "view_stack"))
         && (rex_window_get_current_chart (window) != NULL || g_str_equal (rex_window_get_view (window), "overview")
             || g_str_equal (rex_window_get_view (window), "table"));
}

static void
check_every_view (RexWindow *window,
                  int        width,
                  int        height)
{
  resize_window (window, width, height);
  for (guint v = 0; v < G_N_ELEMENTS (every_view); v++)
    {
      g_autofree char *where = g_strdup_printf ("%s at %d×%d%s", every_view[v], width, height,
                                                gtk_widget_get_visible (ui_test_window_child (window, "sidebar"))
                                                ? "" : " without the sidebar");

      rex_window_set_view (window, every_view[v]);
      ui_test_iterate_until (view_laid_out, window);
      ui_test_iterate (20);
      g_assert_true (window_has_size (window));
      assert_laid_out (window, where);
    }
}

static void
test_any_size (void)
{
  RexWindow *window = new_window ();
  RexSqueezer *squeezer = ui_test_window_child (window, "view_squeezer");
  RexSplitView *split = ui_test_window_child (window, "split_view");
  const char *selection[] = { "CN-GD", "CN-JS", "CN-SC", NULL };

  rex_selection_set_ids (rex_window_get_selection (window), selection);

  /* The sidebar beside the views down to 800×600. */
  check_every_view (window, 800, 600);
  g_assert_false (rex_split_view_get_overlaid (split));
  g_assert_true (rex_squeezer_get_visible_child (squeezer) == ui_test_window_child (window, "view_dropdown"));
  check_every_view (window, 1024, 768);
  g_assert_false (rex_split_view_get_overlaid (split));
  check_every_view (window, 1920, 1080);
  g_assert_true (rex_squeezer_get_visible_child (squeezer) == ui_test_window_child (window, "view_switcher"));

  /* Without the sidebar, down to 640×480. */
  gtk_toggle_button_set_active (ui_test_window_child (window, "sidebar_button"), FALSE);
  check_every_view (window, 640, 480);
  gtk_toggle_button_set_active (ui_test_window_child (window, "sidebar_button"), TRUE);

  /* The sidebar shown in a window too narrow for it and the view (the
   * Overview's two columns of charts): over the view. */
  rex_window_set_view (window, "overview");
  resize_window (window, 640, 480);
  ui_test_iterate_until (view_laid_out, window);
  ui_test_iterate (20);
  g_assert_true (rex_split_view_get_overlaid (split));
  g_assert_true (window_has_size (window));
  rex_window_set_view (window, "compare");

  rex_selection_set_ids (rex_window_get_selection (window), NULL);
  ui_test_destroy_window (window);
}

/* A long group name ellipsizes in its drop-down: the sidebar keeps its
 * width and the window its size. */
static void
test_sidebar_keeps_width (void)
{
  RexWindow *window = new_window ();
  GtkDropDown *groups = ui_test_window_child (window, "group_dropdown");
  GListModel *names = gtk_drop_down_get_model (groups);
  GtkWidget *sidebar = ui_test_window_child (window, "sidebar");
  guint longest = 0;
  gsize longest_length = 0;
  int width;

  resize_window (window, 800, 600);
  ui_test_iterate (20);
  width = gtk_widget_get_width (sidebar);
  g_assert_cmpint (width, ==, rex_split_view_get_sidebar_width (ui_test_window_child (window, "split_view")));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);
      if (strlen (name) > longest_length)
        {
          longest = i;
          longest_length = strlen (name);
        }
    }
  g_assert_cmpuint (longest_length, >, 40);
  gtk_drop_down_set_selected (groups, longest);
  ui_test_iterate (30);
  g_assert_true (window_has_size (window));
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);
  assert_laid_out (window, "a long group chosen");
  gtk_drop_down_set_selected (groups, 0);
  ui_test_destroy_window (window);
}

/* Sources: the panel names each metric the chart draws and cites each of
 * the chart's sources whole, with its address as a link; it follows the
 * chart, and closes with the button. The Rural view has it too. */
static void
test_chart_sources (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkToggleButton *button = page_child (page, "sources_button");
  GtkRevealer *revealer = page_child (page, "info_revealer");
  GtkLabel *body = page_child (page, "info_body");
  RexChart *chart = rex_chart_page_get_chart (page);
  RexDataset *dataset = rex_window_get_dataset (window);
  GtkDropDown *metrics = page_child (page, "metric_dropdown");
  guint other = G_MAXUINT;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_toggle_button_get_active (button));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "info_title")), ==, "Sources");
  g_assert_cmpuint (rex_chart_get_n_sources (chart), >, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (body),
                            rex_metric_get_display_name (rex_dataset_lookup_metric (dataset, rex_chart_get_spec (chart)->metric))));
  for (guint i = 0; i < rex_chart_get_n_sources (chart); i++)
    {
      RexSource *source = rex_chart_get_source (chart, i);
      g_autofree char *citation = rex_source_format_citation (source);
      const char *url = rex_source_get_url (source);

      g_assert_nonnull (strstr (gtk_label_get_text (body), citation));
      if (url != NULL)
        {
          g_autofree char *href = g_markup_escape_text (url, -1);
          g_autofree char *link = g_strdup_printf ("<a href=\"%s\">", href);

          g_assert_nonnull (strstr (gtk_label_get_label (body), link));
        }
    }

  /* Another metric: the panel follows. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (metrics)) && other == G_MAXUINT; i++)
    if (i != gtk_drop_down_get_selected (metrics))
      other = i;
  gtk_drop_down_set_selected (metrics, other);
  ui_test_iterate (10);
  chart = rex_chart_page_get_chart (page);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (body),
                            rex_metric_get_display_name (rex_dataset_lookup_metric (dataset, rex_chart_get_spec (chart)->metric))));

  /* The button again closes it. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Rural: its toolbar holds the button. */
  rex_window_set_view (window, "rural");
  ui_test_iterate (30);
  page = REX_CHART_PAGE (rex_window_get_page (window, "rural"));
  g_assert_true (gtk_widget_get_visible (page_child (page, "toolbar")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "sources_button")));
  g_signal_emit_by_name (page_child (page, "sources_button"), "clicked");
  g_assert_true (gtk_revealer_get_reveal_child (page_child (page, "info_revealer")));
  g_assert_cmpuint (rex_chart_get_n_sources (rex_chart_page_get_chart (page)), >, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (page_child (page, "info_body")),
                            rex_source_get_display_publisher (rex_chart_get_source (rex_chart_page_get_chart (page), 0))));
  ui_test_destroy_window (window);
}

/* The shortcuts windows that exist, shown or not. */
static guint
count_shortcuts_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      n += GTK_IS_SHORTCUTS_WINDOW (toplevel);
    }
  return n;
}

/* The shortcuts window is built when first asked for (not with every new
 * window), over the window; closed, the same one comes back; it goes with
 * the window. */
static void
test_shortcuts_window (void)
{
  RexWindow *window = new_window ();
  GtkWindow *shortcuts;
  GLogLevelFlags fatal;

  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  /* GTK 4.8's shortcuts window, shown, measures one of its labels at a
   * negative width and warns (as it did when GTK built it itself): not
   * fatal here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  ui_test_iterate (10);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    shortcuts = NULL;
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && shortcuts == NULL; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
          shortcuts = GTK_WINDOW (toplevel);
      }
  }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &shortcuts);

  gtk_window_close (shortcuts);
  ui_test_iterate (10);
  g_assert_nonnull (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  ui_test_iterate (10);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  ui_test_iterate (10);
  g_log_set_always_fatal (fatal);

  ui_test_destroy_window (window);
  ui_test_iterate (10);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  g_assert_null (shortcuts);
}

/* The first label inside @widget whose text is @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the window's tooltip handler shows a tooltip at the middle of
 * @label; @text gets what it would show. */
static gboolean
tooltip_over (RexWindow   *window,
              GtkLabel    *label,
              const char **text)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  graphene_rect_t bounds;
  GdkRectangle area = { 0 };
  double x, y;
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (window), &bounds));
  x = bounds.origin.x + bounds.size.width / 2;
  y = bounds.origin.y + bounds.size.height / 2;
  *text = rex_widget_ellipsized_text_at (GTK_WIDGET (window), x, y, &area);
  if (*text != NULL)
    {
      /* The tip area is the label's, so that the next label asks anew. */
      g_assert_cmpint (area.x, <=, (int) x);
      g_assert_cmpint (area.x + area.width, >=, (int) x);
      g_assert_cmpint (area.y, <=, (int) y);
      g_assert_cmpint (area.y + area.height, >=, (int) y);
    }
  g_signal_emit_by_name (window, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
  g_assert_true (shown == (*text != NULL));
  return shown;
}

/* A label cut short shows its whole text in a tooltip, from one handler on
 * the window (rex_widget_show_ellipsized_text()): the group drop-down's
 * longest name in a narrow window; a region's name shown whole has none. */
static void
test_ellipsized_tooltips (void)
{
  RexWindow *window = new_window ();
  GtkDropDown *groups = ui_test_window_child (window, "group_dropdown");
  GListModel *names = gtk_drop_down_get_model (groups);
  const char *longest = NULL;
  const char *text = NULL;
  GtkLabel *label;

  resize_window (window, 800, 600);
  ui_test_iterate (20);
  /* Beijing's row: its name whole, no tooltip. */
  label = find_label (ui_test_window_child (window, "region_list"), "Beijing");
  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  g_assert_false (tooltip_over (window, label, &text));

  /* The longest group's name on the drop-down's button: cut short. */
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      if (longest == NULL || strlen (name) > strlen (longest))
        {
          longest = name;
          gtk_drop_down_set_selected (groups, i);
        }
    }
  ui_test_iterate (30);
  label = find_label (GTK_WIDGET (groups), longest);
  g_assert_nonnull (label);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  g_assert_true (tooltip_over (window, label, &text));
  g_assert_cmpstr (text, ==, longest);

  /* Keyboard mode (no pointer): nothing to point at. */
  {
    g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean shown = TRUE;

    g_signal_emit_by_name (window, "query-tooltip", 0, 0, TRUE, tooltip, &shown);
    g_assert_false (shown);
  }
  gtk_drop_down_set_selected (groups, 0);
  ui_test_destroy_window (window);
}

/* In a narrow window the views are a drop-down, which follows the view on
 * screen and changes it. */
static void
test_view_dropdown (void)
{
  RexWindow *window = new_window ();
  GtkDropDown *views = ui_test_window_child (window, "view_dropdown");

  resize_window (window, 800, 600);
  rex_window_set_view (window, "map");
  g_assert_cmpuint (gtk_drop_down_get_selected (views), ==, 4);
  gtk_drop_down_set_selected (views, 2);
  g_assert_cmpstr (rex_window_get_view (window), ==, "trends");
  rex_window_set_view (window, "compare");
  ui_test_destroy_window (window);
}

/* The dialog of @type is open, and no larger than the 800×600 window. */
static void
assert_fits (GType       type,
             const char *what)
{
  GtkWindow *dialog = ui_test_wait_for_toplevel (type, FALSE);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (dialog));

  g_test_message ("%s: %d×%d", what, gdk_surface_get_width (surface), gdk_surface_get_height (surface));
  g_assert_cmpint (gdk_surface_get_width (surface), <=, 800);
  g_assert_cmpint (gdk_surface_get_height (surface), <=, 600);
  gtk_window_destroy (dialog);
  ui_test_iterate (5);
}

/* On an 800×600 screen the dialogs and the profile open within the window:
 * their wishes (1040×680 for Import, 960 wide for Export, 680 tall for the
 * profile) are cut to it. */
static void
test_dialogs_fit_small_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fuzz", "table-corpus", "nbs-export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  RexWindow *window;

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  window = new_window ();
  ui_test_iterate_until (ui_test_at_default_size, window);

  rex_window_show_profile (window, "CN-GD");
  assert_fits (REX_TYPE_REGION_PROFILE, "profile");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  assert_fits (REX_TYPE_EXPORT_DIALOG, "export");
  rex_window_open_user_file (window, file);
  assert_fits (REX_TYPE_IMPORT_DIALOG, "import");

  ui_test_destroy_window (window);
}

/* Opened from the file manager, a table's Import dialog comes up over a
 * window presented a moment before, whose surface is still 1×1: it gets
 * its wish cut to the size the window asked for, not its smallest size. */
static void
test_import_dialog_over_new_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fuzz", "table-corpus", "nbs-export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  RexWindow *window;
  GtkWindow *dialog;
  GdkSurface *surface;

  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  window = ui_test_new_window (NULL);
  rex_window_open_user_file (window, file);
  dialog = ui_test_wait_for_toplevel (REX_TYPE_IMPORT_DIALOG, FALSE);
  surface = gtk_native_get_surface (GTK_NATIVE (dialog));
  g_test_message ("import: %d×%d", gdk_surface_get_width (surface), gdk_surface_get_height (surface));
  g_assert_cmpint (gdk_surface_get_width (surface), >=, 1000);
  g_assert_cmpint (gdk_surface_get_height (surface), >=, 650);
  gtk_window_destroy (dialog);
  ui_test_destroy_window (window);
}

/* --- keyboard --- */

static GtkWidget *
focus_of (RexWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* F6 goes from the sidebar to the view's controls, to the chart and back
 * to the sidebar; Shift+F6 the other way. */
static void
test_f6_between_panes (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkWidget *sidebar = ui_test_window_child (window, "sidebar");
  GtkWidget *toolbar = rex_chart_page_get_toolbar (page);
  GtkWidget *chart = rex_chart_page_get_chart_view (page);

  gtk_widget_grab_focus (ui_test_window_child (window, "search_entry"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-pane", NULL));
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), toolbar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-pane", NULL));
  g_assert_true (focus_of (window) == chart);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-pane", NULL));
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), sidebar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-previous-pane", NULL));
  g_assert_true (focus_of (window) == chart);

  /* Without the sidebar, F6 goes between the other two. */
  gtk_toggle_button_set_active (ui_test_window_child (window, "sidebar_button"), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-next-pane", NULL));
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), toolbar));
  gtk_toggle_button_set_active (ui_test_window_child (window, "sidebar_button"), TRUE);
  ui_test_destroy_window (window);
}

/* --- region profiles --- */

static RexProfileMetric *
profile_metric (RexRegionProfile *profile,
                const char       *id)
{
  GListModel *metrics = rex_region_profile_get_metrics (profile);

  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexProfileMetric) item = g_list_model_get_item (metrics, i);
      if (g_str_equal (rex_profile_metric_get_id (item), id))
        return item;
    }
  return NULL;
}

/* A mapped sparkline of the profile's metric list, or NULL. */
static GtkWidget *
mapped_sparkline (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = g_str_equal (G_OBJECT_TYPE_NAME (child), "RexSparkline")
                         ? child : mapped_sparkline (child);

      if (found != NULL && gtk_widget_get_mapped (found))
        return found;
    }
  return NULL;
}

/* Mapped and laid out. */
static gboolean
sparkline_shown (gpointer data)
{
  GtkWidget *sparkline = mapped_sparkline (data);

  return sparkline != NULL && gtk_widget_get_width (sparkline) > 0;
}

/* What the metric row template reads: read-only properties that show the
 * item's fields, and a sparkline of 96 × 32 pixels whatever its series. */
static void
check_profile_rows (RexRegionProfile *profile,
                    RexProfileMetric *gdp)
{
  g_autofree char *name = NULL, *value = NULL, *detail = NULL, *source = NULL;
  g_autoptr(RexSeries) series = NULL;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (gdp), "series");
  GtkWidget *sparkline;
  int min, nat;

  g_object_get (gdp, "name", &name, "value", &value, "detail", &detail, "source", &source,
                "series", &series, NULL);
  g_assert_cmpstr (name, ==, "GDP");
  g_assert_cmpstr (value, ==, rex_profile_metric_get_value (gdp));
  g_assert_cmpstr (detail, ==, rex_profile_metric_get_detail (gdp));
  g_assert_nonnull (strstr (source, "National Bureau of Statistics"));
  g_assert_nonnull (series);
  g_assert_true (rex_series_get_value (series, 2024, NULL));
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == REX_TYPE_SERIES);
  g_assert_cmpint (pspec->flags & G_PARAM_READWRITE, ==, G_PARAM_READABLE);

  ui_test_iterate_until (sparkline_shown, profile);
  sparkline = mapped_sparkline (GTK_WIDGET (profile));
  gtk_widget_measure (sparkline, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 96);
  g_assert_cmpint (nat, ==, 96);
  gtk_widget_measure (sparkline, GTK_ORIENTATION_VERTICAL, 300, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 32);
  g_assert_cmpint (nat, ==, 32);
  g_assert_cmpint (gtk_widget_get_width (sparkline), ==, 96);
  g_assert_cmpint (gtk_widget_get_height (sparkline), ==, 32);
}

static gboolean
focus_in_region_list (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, ui_test_window_child (data, "region_list"));
}

static void
test_region_profile (void)
{
  RexWindow *window = new_window ();
  GListModel *list = G_LIST_MODEL (gtk_list_view_get_model (ui_test_window_child (window, "region_list")));
  RexRegionProfile *profile = NULL;
  RexProfileMetric *gdp;
  RexChartView *view;
  RexChartItem item;

  /* Activating a row of the sidebar (double-click, Enter on the row) opens its profile. */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RexRegionEntry) entry = g_list_model_get_item (list, i);
      if (g_str_equal (rex_region_get_id (rex_region_entry_get_region (entry)), "CN-GD"))
        g_signal_emit_by_name (ui_test_window_child (window, "region_list"), "activate", i);
    }
  g_assert_cmpuint (rex_selection_get_size (rex_window_get_selection (window)), ==, 0);
  profile = REX_REGION_PROFILE (rex_window_show_profile (window, "CN-GD"));
  g_assert_nonnull (profile);
  g_assert_cmpstr (rex_region_get_id (rex_region_profile_get_region (profile)), ==, "CN-GD");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (profile)));

  /* Every metric it has, with the latest value, its unit, year, status and rank. */
  g_assert_cmpuint (g_list_model_get_n_items (rex_region_profile_get_metrics (profile)), >=, 4);
  gdp = profile_metric (profile, "gdp");
  g_assert_nonnull (gdp);
  g_assert_cmpstr (rex_profile_metric_get_value (gdp), ==, "141,489 (100 million yuan)");
  g_assert_true (g_str_has_prefix (rex_profile_metric_get_detail (gdp), "2024 · "));
  g_assert_nonnull (strstr (rex_profile_metric_get_detail (gdp), "rank 1 of 31"));
  check_profile_rows (profile, gdp);

  /* Its Chart button: the metric in Trends, the region selected. */
  g_signal_emit_by_name (profile, "chart-metric", "gdp");
  g_assert_cmpstr (rex_window_get_view (window), ==, "trends");
  g_assert_cmpstr (rex_chart_get_spec (current_chart (window))->metric, ==, "gdp");
  g_assert_true (rex_selection_contains (rex_window_get_selection (window), "CN-GD"));

  /* Alt+Return on a chart's focused item opens that region's profile. */
  rex_window_set_view (window, "compare");
  ui_test_iterate_until (chart_drawn, window);
  view = REX_CHART_VIEW (rex_window_get_chart_view (window));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  rex_chart_view_set_focus_index (view, 2);
  g_assert_true (rex_chart_get_item (rex_chart_view_get_chart (view), 2, &item));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-focused-profile", NULL));
  g_assert_true (rex_region_profile_get_region (profile) == item.region);

  /* And on a row of the region list: the row itself has the focus, as the
   * arrow keys leave it (a row holds its region, rex-region-row.c). */
  {
    GtkWidget *region_list = ui_test_window_child (window, "region_list");
    g_autoptr(RexRegionEntry) first = g_list_model_get_item (list, 0);

    g_assert_true (gtk_widget_child_focus (region_list, GTK_DIR_TAB_FORWARD));
    ui_test_iterate_until (focus_in_region_list, window);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-focused-profile", NULL));
    g_assert_true (rex_region_profile_get_region (profile) == rex_region_entry_get_region (first));
    g_assert_false (rex_region_profile_get_region (profile) == item.region);
  }

  rex_selection_set_ids (rex_window_get_selection (window), NULL);
  ui_test_destroy_window (window);
}

static gboolean
page_chart_drawn (gpointer data)
{
  RexChart *chart = rex_chart_page_get_chart (data);

  return chart != NULL && rex_chart_get_n_items (chart) > 0;
}

/* Compare's change: the ranking of the change since a year chosen in the
 * toolbar, the year shown always after it, as a percentage on request,
 * played through the years and kept across runs. */
static void
test_compare_change (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  GtkAdjustment *since = page_child (page, "since_adjustment");
  const RexChartSpec *spec;
  RexWindow *again;

  g_assert_false (gtk_widget_get_visible (page_child (page, "since_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "relative_check")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "both_years_check")));
  gtk_drop_down_set_selected (page_child (page, "chart_dropdown"), 2);
  g_assert_true (gtk_widget_get_visible (page_child (page, "since_box")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "relative_check")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "both_years_check")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "color_box")));

  /* GDP of the provinces, 2006–2024: from 2015 by default. */
  g_assert_cmpint ((int) gtk_adjustment_get_lower (since), ==, 2006);
  g_assert_cmpint ((int) gtk_adjustment_get_upper (since), ==, 2023);
  g_assert_cmpint ((int) gtk_adjustment_get_value (since), ==, 2015);
  g_assert_cmpint ((int) gtk_adjustment_get_lower (year), ==, 2016);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->kind, ==, REX_CHART_KIND_BARS);
  g_assert_cmpint (spec->base_year, ==, 2015);
  g_assert_cmpint (spec->year, ==, 2024);
  g_assert_false (spec->relative);
  g_assert_cmpstr (rex_chart_get_subtitle (rex_chart_page_get_chart (page)), ==,
                   "Change 2015–2024 · 100 million yuan · Province");

  /* A later base year takes the year shown along. */
  gtk_adjustment_set_value (year, 2019);
  gtk_adjustment_set_value (since, 2020);
  g_assert_cmpint ((int) gtk_adjustment_get_lower (year), ==, 2021);
  g_assert_cmpint ((int) gtk_adjustment_get_value (year), ==, 2021);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->base_year, ==, 2020);
  g_assert_cmpint (spec->year, ==, 2021);
  g_assert_null (rex_chart_get_empty_message (rex_chart_page_get_chart (page)));

  /* As a percentage. */
  gtk_check_button_set_active (page_child (page, "relative_check"), TRUE);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->relative);
  g_assert_true (g_str_has_prefix (rex_chart_get_subtitle (rex_chart_page_get_chart (page)),
                                   "% change 2020–2021"));
  /* Both years' figures as dots. */
  gtk_check_button_set_active (page_child (page, "both_years_check"), TRUE);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->both_years);

  /* Play starts after the base year. */
  gtk_adjustment_set_value (since, 2015);
  play_from_first_year (window, page);
  g_assert_cmpint (play_start, ==, 2016);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_false (rex_chart_page_is_playing (page));

  /* The next run comes back with the change, its base year and its
   * percentage. */
  again = next_run (window, "compare", &page);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->base_year, ==, 2015);
  g_assert_true (spec->relative);
  g_assert_true (spec->both_years);
  g_assert_true (gtk_check_button_get_active (page_child (page, "both_years_check")));
  g_assert_cmpuint (gtk_drop_down_get_selected (page_child (page, "chart_dropdown")), ==, 2);

  /* The ranking again, and clean state for the other tests. */
  gtk_drop_down_set_selected (page_child (page, "chart_dropdown"), 0);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->base_year, ==, 0);
  g_assert_false (spec->both_years);
  g_assert_false (gtk_widget_get_visible (page_child (page, "since_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "both_years_check")));
  g_assert_cmpint ((int) gtk_adjustment_get_lower (page_child (page, "year_adjustment")), ==, 2006);
  gtk_check_button_set_active (page_child (page, "relative_check"), FALSE);
  gtk_check_button_set_active (page_child (page, "both_years_check"), FALSE);
  gtk_window_destroy (GTK_WINDOW (again));
}

/* The map's Change: the tile grid coloured by the change since a year
 * chosen beside it, the year shown after it, as a percentage on request,
 * not offered on the geographic map, played after the base year and kept
 * across runs. */
static void
test_map_change (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "map"));
  GtkAdjustment *year = page_child (page, "year_adjustment");
  GtkAdjustment *since = page_child (page, "since_adjustment");
  GtkWidget *change = page_child (page, "change_check");
  const RexChartSpec *spec;
  RexWindow *again;
  int first_year;

  rex_window_set_view (window, "map");
  ui_test_iterate_until (page_chart_drawn, page);
  first_year = (int) gtk_adjustment_get_lower (year);
  /* Offered, with its year and percentage dimmed until chosen. */
  g_assert_true (gtk_widget_get_visible (change));
  g_assert_true (gtk_widget_get_visible (page_child (page, "since_box")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "since_box")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "relative_check")));
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->base_year, ==, 0);
  /* Its year's mnemonic is not Show's. */
  g_assert_cmpstr (gtk_label_get_label (page_child (page, "since_label")), ==, "S_ince");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (change), TRUE);
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "since_box")));
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "relative_check")));
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->kind, ==, REX_CHART_KIND_MAP);
  g_assert_cmpint (spec->base_year, ==, 2015);
  g_assert_cmpint (spec->year, ==, 2024);
  g_assert_cmpint ((int) gtk_adjustment_get_lower (year), ==, 2016);
  g_assert_cmpstr (rex_chart_get_subtitle (rex_chart_page_get_chart (page)), ==,
                   "Change 2015–2024 · 10,000 persons · Province · tile grid, one tile per region");

  gtk_adjustment_set_value (since, 2010);
  gtk_check_button_set_active (page_child (page, "relative_check"), TRUE);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->base_year, ==, 2010);
  g_assert_true (spec->relative);
  g_assert_true (g_str_has_prefix (rex_chart_get_subtitle (rex_chart_page_get_chart (page)),
                                   "% change 2010–2024"));

  /* Play starts after the base year. */
  play_from_first_year (window, page);
  g_assert_cmpint (play_start, ==, 2011);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_false (rex_chart_page_is_playing (page));

  /* The geographic map sizes seats by their figures: no change there, and
   * every year again; back on the tiles, the change as it was. */
  gtk_drop_down_set_selected (page_child (page, "map_dropdown"), REX_MAP_MODE_GEO);
  g_assert_false (gtk_widget_get_sensitive (change));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "since_box")));
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->map_mode, ==, REX_MAP_MODE_GEO);
  g_assert_cmpint (spec->base_year, ==, 0);
  g_assert_cmpint ((int) gtk_adjustment_get_lower (year), ==, first_year);
  gtk_drop_down_set_selected (page_child (page, "map_dropdown"), REX_MAP_MODE_TILES);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->base_year, ==, 2010);

  /* The next run comes back with the change, its base year and its
   * percentage. */
  again = next_run (window, "map", &page);
  ui_test_iterate_until (page_chart_drawn, page);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->base_year, ==, 2010);
  g_assert_true (spec->relative);
  g_assert_true (gtk_check_button_get_active (page_child (page, "change_check")));

  /* The figures again, and clean state for the other tests. */
  gtk_check_button_set_active (page_child (page, "change_check"), FALSE);
  gtk_check_button_set_active (page_child (page, "relative_check"), FALSE);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->base_year, ==, 0);
  g_assert_cmpint ((int) gtk_adjustment_get_lower (page_child (page, "year_adjustment")), ==, first_year);
  rex_window_set_view (again, "compare");
  gtk_window_destroy (GTK_WINDOW (again));
}

/* Regions: Compare and Relationships chart the kind of region chosen, of
 * those the data has; a dataset of counties opens on its counties; the
 * choice is kept across runs. */
static void
test_region_kind (void)
{
  static const char counties[] =
    "{ \"schema\": \"region-explorer/1\", \"title\": \"Counties\","
    "  \"sources\": [ { \"id\": \"t\", \"publisher\": \"Test\", \"title\": \"A table of counties\" } ],"
    "  \"metrics\": [ { \"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"100 million yuan\", \"source\": \"t\" } ],"
    "  \"regions\": ["
    "    { \"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\" },"
    "    { \"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"CN\" },"
    "    { \"id\": \"320583\", \"name\": \"Kunshan\", \"kind\": \"county\", \"parent\": \"CN-JS\","
    "      \"values\": { \"gdp\": { \"2023\": 50, \"2024\": 52 } } },"
    "    { \"id\": \"320281\", \"name\": \"Jiangyin\", \"kind\": \"county\", \"parent\": \"CN-JS\","
    "      \"values\": { \"gdp\": { \"2023\": 48, \"2024\": 51 } } } ] }";
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkDropDown *kinds = page_child (page, "kind_dropdown");
  g_autoptr(GBytes) bytes = g_bytes_new_static (counties, sizeof counties - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  GListModel *labels;
  RexChart *chart;
  RexWindow *again;
  guint macro = GTK_INVALID_LIST_POSITION;

  /* The bundled data: provinces first, the macro-regions among the others. */
  g_assert_true (gtk_widget_get_visible (page_child (page, "kind_box")));
  labels = gtk_drop_down_get_model (kinds);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), gtk_drop_down_get_selected (kinds)), ==,
                   "Province");
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), "Macro-region"))
      macro = i;
  g_assert_cmpuint (macro, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (kinds, macro);
  chart = rex_chart_page_get_chart (page);
  g_assert_cmpint (rex_chart_get_spec (chart)->region_kind, ==, REX_REGION_KIND_MACRO_REGION);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 4);
  g_assert_nonnull (strstr (rex_chart_get_subtitle (chart), "Macro-region"));

  /* The next run comes back to the macro-regions. */
  again = next_run (window, "compare", &page);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->region_kind, ==,
                   REX_REGION_KIND_MACRO_REGION);

  /* A table of counties opens on them. */
  dataset = rex_dataset_new_from_bytes (bytes, "counties.json", NULL, &error);
  g_assert_no_error (error);
  rex_window_set_dataset (again, dataset);
  ui_test_iterate (20);
  page = REX_CHART_PAGE (rex_window_get_page (again, "compare"));
  chart = rex_chart_page_get_chart (page);
  g_assert_cmpint (rex_chart_get_spec (chart)->region_kind, ==, REX_REGION_KIND_COUNTY);
  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 2);
  g_assert_cmpint (rex_chart_get_spec (chart)->year, ==, 2024);

  /* Provinces, which have no values, say where the values are. */
  kinds = page_child (page, "kind_dropdown");
  labels = gtk_drop_down_get_model (kinds);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "Province");
  gtk_drop_down_set_selected (kinds, 0);
  chart = rex_chart_page_get_chart (page);
  g_assert_nonnull (rex_chart_get_empty_message (chart));
  g_assert_nonnull (strstr (rex_chart_get_empty_message (chart), "“County”"));

  gtk_window_destroy (GTK_WINDOW (again));
}

/* Show: the ranking's first or last regions, kept across runs; a chart
 * made with another number opens with an entry of its own. */
static void
test_compare_top (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkDropDown *show = page_child (page, "show_dropdown");
  GListModel *labels = gtk_drop_down_get_model (show);
  g_autoptr(RexChartSpec) spec = NULL;
  RexWindow *again;

  g_assert_true (gtk_widget_get_visible (page_child (page, "show_box")));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "All");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 1), ==, "Top 10");
  gtk_drop_down_set_selected (show, 1);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->top, ==, 10);
  g_assert_cmpuint (rex_chart_get_n_items (rex_chart_page_get_chart (page)), ==, 10);

  again = next_run (window, "compare", &page);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->top, ==, 10);

  /* The bottom 7, as an exported chart would ask. */
  spec = rex_chart_page_dup_spec (page);
  spec->top = -7;
  rex_chart_page_apply_spec (page, spec);
  show = page_child (page, "show_dropdown");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (show)),
                                               gtk_drop_down_get_selected (show)), ==, "Bottom 7");
  g_assert_cmpuint (rex_chart_get_n_items (rex_chart_page_get_chart (page)), ==, 7);

  /* The composition has no Show. */
  gtk_drop_down_set_selected (page_child (page, "chart_dropdown"), 1);
  g_assert_false (gtk_widget_get_visible (page_child (page, "show_box")));
  gtk_window_destroy (GTK_WINDOW (again));
}

/* Trends: relative change from a base year chosen in the toolbar, kept
 * across runs; "Automatic" gives the chart no base year. */
static void
test_base_year (void)
{
  RexWindow *window = new_window ();
  const char *ids[] = { "CN-JS", "CN-ZJ", NULL };
  RexChartPage *page;
  GtkDropDown *base;
  GListModel *years;
  RexChart *chart;
  RexWindow *again;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_at_base = 0;

  rex_selection_set_ids (rex_window_get_selection (window), ids);
  rex_window_set_view (window, "trends");
  page = REX_CHART_PAGE (rex_window_get_page (window, "trends"));
  base = page_child (page, "base_dropdown");
  g_assert_true (gtk_widget_get_visible (page_child (page, "base_box")));
  /* Without relative change a base year means nothing. */
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "base_box")));

  /* The urbanization rate changes in points: no relative change of it,
   * ticked or not. */
  g_assert_cmpstr (rex_chart_get_spec (rex_chart_page_get_chart (page))->metric, ==, "urbanization");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "relative_check")));
  gtk_check_button_set_active (page_child (page, "relative_check"), TRUE);
  g_assert_false (rex_chart_get_spec (rex_chart_page_get_chart (page))->relative);
  g_assert_null (rex_chart_get_empty_message (rex_chart_page_get_chart (page)));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "base_box")));

  /* GDP does, and the ticked check applies. */
  select_metric_id (page, "gdp");
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "relative_check")));
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "base_box")));
  g_assert_cmpuint (gtk_drop_down_get_selected (base), ==, 0);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->base_year, ==, 0);

  years = gtk_drop_down_get_model (base);
  for (guint i = 1; i < g_list_model_get_n_items (years); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (years), i), "2020"))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (base, position);

  /* Every line is indexed to 2020: 0 % change there. */
  chart = rex_chart_page_get_chart (page);
  g_assert_true (rex_chart_get_spec (chart)->relative);
  g_assert_cmpint (rex_chart_get_spec (chart)->base_year, ==, 2020);
  g_assert_null (rex_chart_get_empty_message (chart));
  ui_test_iterate_until (page_chart_drawn, page);
  chart = rex_chart_page_get_chart (page);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      if (item.year == 2020)
        {
          g_autofree char *change = rex_chart_describe_item_change (chart, &item);

          g_assert_cmpstr (change, ==, "+0.0 % since 2020");
          n_at_base++;
        }
    }
  g_assert_cmpuint (n_at_base, ==, 2);

  /* The next run comes back with the same base year. */
  again = next_run (window, "trends", &page);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->base_year, ==, 2020);

  /* Automatic again, and clean state for the other tests. */
  gtk_drop_down_set_selected (page_child (page, "base_dropdown"), 0);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->base_year, ==, 0);
  gtk_check_button_set_active (page_child (page, "relative_check"), FALSE);
  select_metric_id (page, "urbanization");
  rex_selection_set_ids (rex_window_get_selection (again), NULL);
  rex_window_set_view (again, "compare");
  gtk_window_destroy (GTK_WINDOW (again));
}

/* The position of @year in a trends year drop-down. */
static guint
year_position (GtkDropDown *dropdown,
               const char  *year)
{
  GListModel *years = gtk_drop_down_get_model (dropdown);

  for (guint i = 1; i < g_list_model_get_n_items (years); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (years), i), year))
      return i;
  g_assert_not_reached ();
}

/* Trends: the years drawn, chosen in the toolbar; a first year after the
 * last takes the last along (and the other way round); kept across runs. */
static void
test_year_range (void)
{
  RexWindow *window = new_window ();
  const char *ids[] = { "CN-JS", NULL };
  RexChartPage *page;
  GtkDropDown *from, *to;
  RexChart *chart;
  RexWindow *again;

  rex_selection_set_ids (rex_window_get_selection (window), ids);
  rex_window_set_view (window, "trends");
  page = REX_CHART_PAGE (rex_window_get_page (window, "trends"));
  from = page_child (page, "from_dropdown");
  to = page_child (page, "to_dropdown");
  g_assert_true (gtk_widget_get_visible (page_child (page, "years_box")));
  g_assert_cmpuint (gtk_drop_down_get_selected (from), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (to), ==, 0);

  gtk_drop_down_set_selected (from, year_position (from, "2015"));
  gtk_drop_down_set_selected (to, year_position (to, "2020"));
  ui_test_iterate_until (page_chart_drawn, page);
  chart = rex_chart_page_get_chart (page);
  g_assert_cmpint (rex_chart_get_spec (chart)->from_year, ==, 2015);
  g_assert_cmpint (rex_chart_get_spec (chart)->to_year, ==, 2020);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 6);
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      g_assert_cmpint (item.year, >=, 2015);
      g_assert_cmpint (item.year, <=, 2020);
    }

  /* The last year before the first: the first follows it. */
  gtk_drop_down_set_selected (to, year_position (to, "2012"));
  g_assert_cmpuint (gtk_drop_down_get_selected (from), ==, year_position (from, "2012"));
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->from_year, ==, 2012);
  /* The first after the last: the last follows it. */
  gtk_drop_down_set_selected (from, year_position (from, "2016"));
  g_assert_cmpuint (gtk_drop_down_get_selected (to), ==, year_position (to, "2016"));
  g_assert_null (rex_chart_get_empty_message (rex_chart_page_get_chart (page)));

  /* The next run draws the same years. */
  again = next_run (window, "trends", &page);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->from_year, ==, 2016);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->to_year, ==, 2016);

  /* Every year again, and clean state for the other tests. */
  gtk_drop_down_set_selected (page_child (page, "from_dropdown"), 0);
  gtk_drop_down_set_selected (page_child (page, "to_dropdown"), 0);
  g_assert_cmpint (rex_chart_get_spec (rex_chart_page_get_chart (page))->from_year, ==, 0);
  rex_selection_set_ids (rex_window_get_selection (again), NULL);
  rex_window_set_view (again, "compare");
  gtk_window_destroy (GTK_WINDOW (again));
}

/* Trends: Split by region draws a small chart for each selected region
 * on one scale; offered in Trends only; kept across runs. */
static void
test_trends_split (void)
{
  RexWindow *window = new_window ();
  const char *ids[] = { "CN-JS", "CN-GD", "CN-SC", NULL };
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "trends"));
  RexChartPage *compare = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  RexWindow *again;

  g_assert_false (gtk_widget_get_visible (page_child (compare, "split_check")));
  rex_selection_set_ids (rex_window_get_selection (window), ids);
  rex_window_set_view (window, "trends");
  ui_test_iterate_until (page_chart_drawn, page);
  g_assert_true (gtk_widget_get_visible (page_child (page, "split_check")));
  g_assert_false (rex_chart_get_spec (rex_chart_page_get_chart (page))->split);
  gtk_check_button_set_active (page_child (page, "split_check"), TRUE);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->split);
  g_assert_true (g_str_has_suffix (rex_chart_get_subtitle (rex_chart_page_get_chart (page)),
                                   " · a chart per region, on one scale"));

  again = next_run (window, "trends", &page);
  ui_test_iterate_until (page_chart_drawn, page);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->split);
  g_assert_true (gtk_check_button_get_active (page_child (page, "split_check")));

  /* One chart again, and clean state for the other tests. */
  gtk_check_button_set_active (page_child (page, "split_check"), FALSE);
  g_assert_false (rex_chart_get_spec (rex_chart_page_get_chart (page))->split);
  rex_selection_set_ids (rex_window_get_selection (again), NULL);
  rex_window_set_view (again, "compare");
  gtk_window_destroy (GTK_WINDOW (again));
}

/* Relationships: Fit line draws the least-squares line, which the chart's
 * summary gives with its correlation; offered in Relationships only, in
 * the Settings menu, whose label counts the checks ticked (and the Rural
 * view, which has none, shows no menu); kept across runs. */
static void
test_relationships_fit (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "relationships"));
  RexChartPage *compare = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  g_autofree char *summary = NULL;
  RexWindow *again;

  g_assert_false (gtk_widget_get_visible (page_child (compare, "fit_check")));
  rex_window_set_view (window, "relationships");
  ui_test_iterate_until (page_chart_drawn, page);
  g_assert_true (gtk_widget_get_visible (page_child (page, "fit_check")));
  g_assert_false (rex_chart_get_spec (rex_chart_page_get_chart (page))->fit);
  g_assert_cmpstr (gtk_menu_button_get_label (page_child (page, "settings_button")), ==, "Setti_ngs");
  gtk_check_button_set_active (page_child (page, "fit_check"), TRUE);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->fit);
  g_assert_cmpstr (gtk_menu_button_get_label (page_child (page, "settings_button")), ==, "Setti_ngs (1)");
  gtk_check_button_set_active (page_child (page, "trails_check"), TRUE);
  g_assert_cmpstr (gtk_menu_button_get_label (page_child (page, "settings_button")), ==, "Setti_ngs (2)");
  gtk_check_button_set_active (page_child (page, "trails_check"), FALSE);
  g_assert_false (gtk_widget_get_visible (page_child (REX_CHART_PAGE (rex_window_get_page (window, "rural")),
                                                      "settings_button")));
  summary = rex_chart_describe (rex_chart_page_get_chart (page));
  g_assert_nonnull (strstr (summary, " Least-squares line: r = "));

  again = next_run (window, "relationships", &page);
  ui_test_iterate_until (page_chart_drawn, page);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->fit);
  g_assert_true (gtk_check_button_get_active (page_child (page, "fit_check")));
  g_assert_cmpstr (gtk_menu_button_get_label (page_child (page, "settings_button")), ==, "Setti_ngs (1)");

  /* No line again, and clean state for the other tests. */
  gtk_check_button_set_active (page_child (page, "fit_check"), FALSE);
  g_assert_false (rex_chart_get_spec (rex_chart_page_get_chart (page))->fit);
  rex_window_set_view (again, "compare");
  gtk_window_destroy (GTK_WINDOW (again));
}

static guint
count_items_without_value (RexChart *chart)
{
  guint n = 0;

  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      n += isnan (item.value);
    }
  return n;
}

/* Compare: "Hide regions without data" leaves out the rows without a value
 * (three provinces of the bundled data have none) and the subtitle counts
 * them. */
static void
test_hide_missing (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkCheckButton *hide = page_child (page, "hide_missing_check");
  g_autofree char *subtitle = NULL;
  RexChart *chart = rex_chart_page_get_chart (page);
  guint n_items = rex_chart_get_n_items (chart);
  guint n_missing = count_items_without_value (chart);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hide)));
  g_assert_false (gtk_check_button_get_active (hide));
  g_assert_cmpuint (n_missing, >, 0);
  subtitle = g_strdup (rex_chart_get_subtitle (chart));

  gtk_check_button_set_active (hide, TRUE);
  g_assert_true (rex_chart_get_spec (rex_chart_page_get_chart (page))->hide_missing);
  ui_test_iterate_until (page_chart_drawn, page);
  chart = rex_chart_page_get_chart (page);
  g_assert_cmpuint (count_items_without_value (chart), ==, 0);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n_items - n_missing);
  g_assert_cmpstr (rex_chart_get_subtitle (chart), !=, subtitle);

  /* Only Compare has the check button. */
  rex_window_set_view (window, "trends");
  g_assert_false (gtk_widget_get_visible (page_child (rex_window_get_page (window, "trends"),
                                                      "hide_missing_check")));

  gtk_check_button_set_active (hide, FALSE);
  g_assert_false (rex_chart_get_spec (rex_chart_page_get_chart (page))->hide_missing);
  rex_window_set_view (window, "compare");
  ui_test_destroy_window (window);
}

/* The headline cards follow one rule: figures of ten thousand or more in
 * steps with three significant digits ("140k" beside "95.4k", never beside
 * "95,380"), smaller ones in full with their metric's decimals. */
static void
test_headline_formats (void)
{
  RexWindow *window = ui_test_new_window ("overview");
  g_autofree char *values = ui_test_headline_values (window);
  g_autoptr(GRegex) full = g_regex_new ("\\|[^|0-9]*[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?%?\\|", 0, 0, NULL);

  g_assert_nonnull (strstr (values, "|140k|"));
  g_assert_nonnull (strstr (values, "|95.4k|"));
  g_assert_nonnull (strstr (values, "|45.1k|"));
  g_assert_nonnull (strstr (values, "|23.1k|"));
  g_assert_nonnull (strstr (values, "|67.00%|"));
  if (g_regex_match (full, values, 0, NULL))
    g_error ("a headline figure of ten thousand or more is written in full: %s", values);
  ui_test_destroy_window (window);
}

/* The value label of a headline card for @region_id's @metric_id in @year. */
static char *
headline_card_value (RexDataset *dataset,
                     const char *region_id,
                     const char *metric_id,
                     int         year)
{
  RexHeadline headline = { "test", "Test", NULL, (char *) region_id, (char *) metric_id, year };
  GtkWidget *card = rex_headline_card_new (dataset, &headline, REX_NUMBER_FORMAT_FULL);
  char *value;

  g_assert_nonnull (card);
  g_object_ref_sink (card);
  value = g_strdup (gtk_label_get_text (ui_test_template_child (card, REX_TYPE_HEADLINE_CARD, "value_label")));
  g_assert_finalize_object (card);
  return value;
}

/* A headline card writes a figure as the dataset records it: "about" as
 * "≈", "more than" as ">", an exact one with no mark. */
static void
test_headline_qualifiers (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_autofree char *about = NULL;
  g_autofree char *over = NULL;
  g_autofree char *exact = NULL;

  g_assert_no_error (error);
  about = headline_card_value (dataset, "CN-JS", "gdp", 2022);
  over = headline_card_value (dataset, "CN-JS", "toilets", 2020);
  exact = headline_card_value (dataset, "CN", "gdp", 2023);
  g_assert_cmpstr (about, ==, "≈122,876.0");
  g_assert_cmpstr (over, ==, ">90%");
  g_assert_true (g_ascii_isdigit (exact[0]));
}

/* The check box of the parts popover's row named @name; NULL while the
 * list has not made that row. */
static GtkCheckButton *
find_part_check (GtkWidget  *widget,
                 const char *name)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), name) == 0)
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_part_check (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *list;
  const char *name;
} PartRow;

static gboolean
part_row_made (gpointer data)
{
  PartRow *row = data;

  return find_part_check (row->list, row->name) != NULL;
}

/* Waits for the row of metric @id in the open parts popover and returns its
 * check box. */
static GtkCheckButton *
part_check (RexWindow  *window,
            gpointer    page,
            const char *id)
{
  RexMetric *metric = rex_dataset_lookup_metric (rex_window_get_dataset (window), id);
  PartRow row = { page_child (page, "parts_list"), rex_metric_get_display_name (metric) };

  ui_test_iterate_until (part_row_made, &row);
  return find_part_check (row.list, row.name);
}

/* The position of metric @id in the parts list. */
static guint
part_position (gpointer    page,
               const char *id)
{
  GListModel *parts = G_LIST_MODEL (gtk_list_view_get_model (page_child (page, "parts_list")));

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (parts, i);

      if (g_str_equal (rex_metric_get_id (metric), id))
        return i;
    }
  g_error ("%s is not offered as a part", id);
}

/* Compare's composition: a 100 % bar per selected region of the parts
 * chosen freely with check boxes in a popover (a click, or Enter on a row),
 * two at least, the dataset's preset first; with the year control and not the ranking's;
 * kept across runs, exported as it is shown, and an exported composition
 * opens again in Compare. */
static void
test_composition (void)
{
  RexWindow *window = new_window ();
  RexChartPage *page = REX_CHART_PAGE (rex_window_get_page (window, "compare"));
  GtkDropDown *chart_dropdown = page_child (page, "chart_dropdown");
  GtkMenuButton *parts_button = page_child (page, "parts_button");
  GtkWidget *parts_list = page_child (page, "parts_list");
  const char *ids[] = { "CN-GD", "CN-SC", NULL };
  g_autoptr(RexChartSpec) exported = NULL;
  const RexChartSpec *spec;
  RexChart *chart;
  RexWindow *again;

  rex_selection_set_ids (rex_window_get_selection (window), ids);
  g_assert_true (gtk_widget_get_visible (page_child (page, "chart_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "parts_box")));
  /* Any metric with values is offered, not only the presets' five. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (parts_list)))),
                    >, 5);

  gtk_drop_down_set_selected (chart_dropdown, 1);
  g_assert_true (gtk_widget_get_visible (page_child (page, "parts_box")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "year_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "metric_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "color_box")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "hide_missing_check")));
  ui_test_iterate_until (page_chart_drawn, page);
  chart = rex_chart_page_get_chart (page);
  spec = rex_chart_get_spec (chart);
  g_assert_cmpint (spec->kind, ==, REX_CHART_KIND_SHARES);
  g_assert_cmpint (spec->shares_mode, ==, REX_SHARES_MODE_COMPOSITION);
  g_assert_cmpstr (spec->metric, ==, "va_primary,va_secondary,va_tertiary");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "parts_summary")), ==, "Value added by industry");
  g_assert_true (rex_chart_spec_has_region (spec, "CN-GD"));
  /* Three parts of two regions. */
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, 6);

  /* The button is named for a screen reader by its label; its popover lists
   * the parts as check boxes named after the metrics. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (parts_button))
                 || gtk_widget_get_focusable (gtk_widget_get_first_child (GTK_WIDGET (parts_button))));
  gtk_menu_button_popup (parts_button);
  g_assert_true (gtk_check_button_get_active (part_check (window, page, "va_primary")));
  /* A click leaves the primary industry out. */
  gtk_widget_activate (GTK_WIDGET (part_check (window, page, "va_primary")));
  ui_test_iterate_until (page_chart_drawn, page);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpstr (spec->metric, ==, "va_secondary,va_tertiary");
  g_assert_cmpuint (rex_chart_get_n_items (rex_chart_page_get_chart (page)), ==, 4);
  g_assert_false (gtk_check_button_get_active (part_check (window, page, "va_primary")));
  g_assert_nonnull (strstr (gtk_label_get_text (page_child (page, "parts_summary")),
                            "Secondary industry value added"));

  /* From the keyboard (Enter on a row): the urban and rural population in
   * place of the industries. The bundled data splits the population for
   * the nation only. */
  rex_selection_set_ids (rex_window_get_selection (window), (const char *[]) { "CN", NULL });
  gtk_widget_activate_action (parts_list, "list.activate-item", "u", part_position (page, "urban_population"));
  gtk_widget_activate_action (parts_list, "list.activate-item", "u", part_position (page, "rural_population"));
  gtk_widget_activate_action (parts_list, "list.activate-item", "u", part_position (page, "va_secondary"));
  gtk_widget_activate_action (parts_list, "list.activate-item", "u", part_position (page, "va_tertiary"));
  ui_test_iterate_until (page_chart_drawn, page);
  g_assert_true (gtk_check_button_get_active (part_check (window, page, "urban_population")));
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpstr (spec->metric, ==, "urban_population,rural_population");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "parts_summary")), ==, "Urban and rural population");
  g_assert_cmpuint (rex_chart_get_n_items (rex_chart_page_get_chart (page)), ==, 2);
  /* Two parts stay: leaving out one of them is refused, its box stays checked. */
  gtk_widget_activate (GTK_WIDGET (part_check (window, page, "rural_population")));
  gtk_widget_activate_action (parts_list, "list.activate-item", "u", part_position (page, "urban_population"));
  ui_test_iterate (10);
  g_assert_true (gtk_check_button_get_active (part_check (window, page, "rural_population")));
  g_assert_cmpstr (rex_chart_get_spec (rex_chart_page_get_chart (page))->metric, ==,
                   "urban_population,rural_population");
  gtk_menu_button_popdown (parts_button);
  exported = rex_chart_spec_copy (spec);
  g_assert_cmpstr (rex_chart_get_spec (current_chart (window))->metric, ==, "urban_population,rural_population");

  /* The next run shows the same composition. */
  again = next_run (window, "compare", &page);
  ui_test_iterate_until (page_chart_drawn, page);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->kind, ==, REX_CHART_KIND_SHARES);
  g_assert_cmpstr (spec->metric, ==, "urban_population,rural_population");

  /* Back to the ranking, its metric as it was; then the composition again
   * from an exported image's description. */
  gtk_drop_down_set_selected (page_child (page, "chart_dropdown"), 0);
  ui_test_iterate_until (page_chart_drawn, page);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->kind, ==, REX_CHART_KIND_BARS);
  g_assert_true (gtk_widget_get_visible (page_child (page, "metric_box")));
  rex_window_set_view (again, "trends");
  rex_window_show_spec (again, exported);
  g_assert_cmpstr (rex_window_get_view (again), ==, "compare");
  ui_test_iterate_until (page_chart_drawn, page);
  spec = rex_chart_get_spec (rex_chart_page_get_chart (page));
  g_assert_cmpint (spec->kind, ==, REX_CHART_KIND_SHARES);
  g_assert_cmpstr (spec->metric, ==, "urban_population,rural_population");

  /* Leave clean state for the other tests. */
  gtk_drop_down_set_selected (page_child (page, "chart_dropdown"), 0);
  rex_selection_set_ids (rex_window_get_selection (again), NULL);
  ui_test_iterate (20);
  ui_test_destroy_window (again);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

  ui_test_add ("/window/opens-with-bundled-data", test_opens_with_bundled_data);
  ui_test_add ("/window/every-view", test_every_view);
  ui_test_add ("/window/metric-and-year", test_metric_and_year);
  ui_test_add ("/window/selection-shared", test_selection_shared);
  ui_test_add ("/window/search-and-filters", test_search_and_filters);
  ui_test_add ("/window/play", test_play);
  ui_test_add ("/window/play-one-year", test_play_one_year);
  ui_test_add ("/window/play-map", test_play_map);
  ui_test_add ("/window/play-compare", test_play_compare);
  ui_test_add ("/window/table-follows-chart", test_table_follows_chart);
  ui_test_add ("/window/table-empty-cells", test_table_empty_cells);
  ui_test_add ("/window/table-copy", test_table_copy);
  ui_test_add ("/window/bad-file-keeps-dataset", test_bad_file_keeps_dataset);
  ui_test_add ("/window/good-file-replaces-dataset", test_good_file_replaces_dataset);
  ui_test_add ("/window/hover-does-not-redraw-chart", test_hover_does_not_redraw_chart);
  ui_test_add ("/window/state-restored", test_state_restored);
  ui_test_add ("/window/reopen-exported-png", test_reopen_exported_png);
  ui_test_add ("/window/hub-shows-circle", test_hub_shows_circle);
  ui_test_add ("/window/number-format-preference", test_number_format_preference);
  ui_test_add ("/window/last-dataset-remembered", test_last_dataset_remembered);
  ui_test_add ("/window/old-dataset-freed", test_old_dataset_freed);
  ui_test_add ("/window/group-filter-across-datasets", test_group_filter_across_datasets);
  ui_test_add ("/window/any-size", test_any_size);
  ui_test_add ("/window/sidebar-keeps-width", test_sidebar_keeps_width);
  ui_test_add ("/window/ellipsized-tooltips", test_ellipsized_tooltips);
  ui_test_add ("/window/chart-sources", test_chart_sources);
  ui_test_add ("/window/shortcuts-window", test_shortcuts_window);
  ui_test_add ("/window/view-dropdown", test_view_dropdown);
  ui_test_add ("/window/dialogs-fit-small-window", test_dialogs_fit_small_window);
  ui_test_add ("/window/import-dialog-over-new-window", test_import_dialog_over_new_window);
  ui_test_add ("/window/f6-between-panes", test_f6_between_panes);
  ui_test_add ("/window/region-profile", test_region_profile);
  ui_test_add ("/window/base-year", test_base_year);
  ui_test_add ("/window/compare-change", test_compare_change);
  ui_test_add ("/window/map-change", test_map_change);
  ui_test_add ("/window/region-kind", test_region_kind);
  ui_test_add ("/window/compare-top", test_compare_top);
  ui_test_add ("/window/year-range", test_year_range);
  ui_test_add ("/window/trends-split", test_trends_split);
  ui_test_add ("/window/relationships-fit", test_relationships_fit);
  ui_test_add ("/window/hide-missing", test_hide_missing);
  ui_test_add ("/window/composition", test_composition);
  ui_test_add ("/window/headline-formats", test_headline_formats);
  ui_test_add ("/window/headline-qualifiers", test_headline_qualifiers);
  return g_test_run ();
}
