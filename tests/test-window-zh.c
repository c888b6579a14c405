/* test-window-zh.c — under LANG=zh_CN.UTF-8 nothing a person sees is in
 * English: every view's widgets (labels, buttons, tooltips, drop-down
 * entries, placeholders), the menus, the profile, the Export and
 * Preferences dialogs, the keyboard shortcuts, and the text every chart
 * draws (read back from its PDF with pdftotext); and no two labels of a
 * view share a mnemonic. Names the dataset itself
 * gives in Latin letters ("GDP", "5G") are allowed, and only those.
 *
 * Run with LANG and LC_ALL set to zh_CN.UTF-8 (tests/meson.build): the
 * locale must be installed (.ci/install-deps generates it); without it the
 * test fails rather than passing in English. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rex-application.h"
#include "rex-chart-item-menu.h"
#include "rex-chart-view.h"
#include "rex-preferences-dialog.h"
#include "rex-export-dialog.h"
#include "rex-headline-card.h"
#include "rex-overview-page.h"
#include "rex-window.h"
#include "ui-test-util.h"

static GHashTable *allowed;   /* words the dataset gives in Latin letters */
static GString *found;        /* "word (where)" lines */
static gboolean in_table;     /* checking the cells of a GtkColumnView */
static gboolean in_citations; /* checking a list of sources */

static void
allow_words_of (const char *text)
{
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z][A-Za-z0-9]*", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL)
    return;
  for (g_regex_match (word, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    g_hash_table_add (allowed, g_match_info_fetch (match, 0));
}

/* The dataset's own names, units and sources, as the program shows them
 * in Chinese: whatever Latin they hold is the data's, not ours. */
static void
allow_dataset_words (RexDataset *dataset)
{
  GListModel *lists[] = { rex_dataset_get_metrics (dataset), rex_dataset_get_regions (dataset),
                          rex_dataset_get_transport_circles (dataset) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);

        if (REX_IS_METRIC (item))
          {
            allow_words_of (rex_metric_get_display_name (REX_METRIC (item)));
            allow_words_of (rex_metric_get_display_unit (REX_METRIC (item)));
          }
        else if (REX_IS_REGION (item))
          {
            /* A profile gives the other language's name too. */
            allow_words_of (rex_region_get_display_name (REX_REGION (item)));
            allow_words_of (rex_region_get_name (REX_REGION (item)));
          }
        else
          allow_words_of (rex_transport_circle_get_display_name (REX_TRANSPORT_CIRCLE (item)));
      }
  /* File formats, keys and a paper size. */
  for (const char * const *w = (const char *[]) { "PNG", "SVG", "PDF", "CSV", "JSON", "Ctrl", "Alt", "Shift",
                                                  "F1", "F6", "F10", "Esc", "A4",
                                                  /* The licence's name, in GTK's own words. */
                                                  "GNU", NULL }; *w; w++)
    g_hash_table_add (allowed, g_strdup (*w));
}

/* A year shown in Chinese reads "2024年" (or "2015—2024年"), never a bare
 * "2024": anything from 1900 to 2099 standing alone, not part of a longer
 * number, a date ("2024-09"), a span, a size ("1920 × 1080") or a
 * quantity ("2034万"). Source lines are citations, whose years are plain
 * numbers as in any bibliography ("国家统计局（2025）"); they are left out,
 * line by line. */
static void
check_years (const char *text,
             const char *where)
{
  g_autoptr(GRegex) year = g_regex_new ("^(?!.*资料来源).*?\\K(?<![0-9.,:/×-])(19|20)[0-9]{2}"
                                        "(?![0-9.,:/%年—–万亿-]| ×)",
                                        G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL || in_citations)
    return;
  for (g_regex_match (year, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *w = g_match_info_fetch (match, 0);

      g_string_append_printf (found, "year “%s” without 年 in %s: %s\n", w, where, text);
    }
}

static void
check_text (const char *text,
            const char *where)
{
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z][A-Za-z0-9]*", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL)
    return;
  for (g_regex_match (word, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *w = g_match_info_fetch (match, 0);

      /* One letter is a variable's name or a unit ("x", "km" is two). */
      if (strlen (w) < 2 || g_hash_table_contains (allowed, w))
        continue;
      g_string_append_printf (found, "“%s” in %s: %s\n", w, where, text);
    }
  check_years (text, where);
}

static void
check_menu (GMenuModel *menu,
            const char *where)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (label, where);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          check_menu (link, where);
          g_object_unref (link);
        }
    }
}

static void
check_widget (GtkWidget  *widget,
              const char *where)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);
  g_autofree char *here = g_strdup_printf ("%s (%s)", where, type);

  if (!gtk_widget_get_visible (widget))
    return;
  check_text (gtk_widget_get_tooltip_text (widget), here);
  if (GTK_IS_LABEL (widget) && in_table && g_regex_match_simple ("^[0-9]{4}$", gtk_label_get_text (GTK_LABEL (widget)), 0, 0))
    ; /* A cell of the data's Year column (年份), a number as tables print it. */
  else if (GTK_IS_LABEL (widget))
    check_text (gtk_label_get_text (GTK_LABEL (widget)), here);
  else if (GTK_IS_BUTTON (widget))
    check_text (gtk_button_get_label (GTK_BUTTON (widget)), here);
  else if (GTK_IS_CHECK_BUTTON (widget))
    check_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), here);
  else if (GTK_IS_WINDOW (widget))
    check_text (gtk_window_get_title (GTK_WINDOW (widget)), here);
  if (GTK_IS_SPIN_BUTTON (widget))
    check_text (gtk_editable_get_text (GTK_EDITABLE (widget)), here);
  if (GTK_IS_ENTRY (widget))
    check_text (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), here);
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      check_text (placeholder, here);
    }
  if (GTK_IS_MENU_BUTTON (widget))
    check_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), here);
  if (GTK_IS_DROP_DOWN (widget) && gtk_drop_down_get_model (GTK_DROP_DOWN (widget)) != NULL)
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      for (guint i = 0; GTK_IS_STRING_LIST (model) && i < g_list_model_get_n_items (model); i++)
        check_text (gtk_string_list_get_string (GTK_STRING_LIST (model), i), here);
    }
  if (GTK_IS_COLUMN_VIEW (widget))
    in_table = TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    check_widget (c, where);
  if (GTK_IS_COLUMN_VIEW (widget))
    in_table = FALSE;
}

/* Mnemonics of the labels shown (Alt+key): each key once on a screen. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *keys,
                   const char *where)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget))
      && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *other = g_hash_table_lookup (keys, GUINT_TO_POINTER (key));

      if (other != NULL)
        g_string_append_printf (found, "Alt+%s twice in %s: “%s” and “%s”\n", gdk_keyval_name (key), where,
                                other, gtk_label_get_label (GTK_LABEL (widget)));
      else
        g_hash_table_insert (keys, GUINT_TO_POINTER (key), (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_mnemonics (c, keys, where);
}

/* Chinese only, and each access key once, in @widget as shown. */
static void
check_screen (GtkWidget  *widget,
              const char *where)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

  check_widget (widget, where);
  collect_mnemonics (widget, keys, where);
}

/* The text @chart draws, from its PDF. */
static void
check_chart (RexChart   *chart,
             const char *where)
{
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  RexExportOptions options = { REX_EXPORT_FORMAT_PDF, 1200, 800, 1, style };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = rex_export_to_bytes (chart, &options, NULL, &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *here = g_strdup_printf ("the chart of %s", where);
  const char *argv[] = { "pdftotext", "-layout", NULL, "-", NULL };
  int fd, status;

  g_assert_no_error (error);
  fd = g_file_open_tmp ("rex-zh-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  close (fd);
  argv[2] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  check_text (text, here);
  /* Every item's tooltip, as hovering shows it. */
  for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
    {
      RexChartItem item;
      g_autofree char *tooltip = NULL;

      g_assert_true (rex_chart_get_item (chart, i, &item));
      tooltip = rex_chart_item_format_tooltip (chart, &item);
      check_text (tooltip, here);
    }
  check_text (rex_chart_get_title (chart), here);
  check_text (rex_chart_get_subtitle (chart), here);
  {
    g_autofree char *description = rex_chart_describe (chart);
    check_text (description, here);
  }
}

static const char *views[] = { "overview", "compare", "trends", "relationships", "map", "rural", "table" };

static gboolean
view_ready (gpointer data)
{
  RexWindow *window = data;

  /* The cross-fade over: only the view's own widgets are mapped. */
  return !gtk_stack_get_transition_running (ui_test_window_child (window, "view_stack"))
         && (rex_window_get_current_chart (window) != NULL || g_str_equal (rex_window_get_view (window), "overview"));
}

/* The headline cards write large figures by one rule, with three
 * significant digits, and a unit in 万 takes the next step up instead of a
 * 万 on the figure: "14.0" over 亿人, not "14.0万" over 万人 (14.0万万人). */
static void
check_headlines (RexWindow *window)
{
  g_autofree char *values = ui_test_headline_values (window);
  GtkWidget *page = ui_test_window_child (window, "overview_page");
  GtkWidget *cards = ui_test_template_child (page, REX_TYPE_OVERVIEW_PAGE, "cards");
  guint n_people = 0;

  g_assert_nonnull (strstr (values, "|14.0|"));
  g_assert_nonnull (strstr (values, "|9.54|"));
  /* A unit without a step of its own keeps the 万: 2.31万 over 元. */
  g_assert_nonnull (strstr (values, "|2.31万|"));
  for (GtkWidget *cell = gtk_widget_get_first_child (cards); cell; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));
      const char *detail = gtk_label_get_text (ui_test_template_child (card, REX_TYPE_HEADLINE_CARD, "detail_label"));

      g_assert_false (g_str_has_prefix (detail, "万人"));
      n_people += g_str_has_prefix (detail, "亿人");
    }
  g_assert_cmpuint (n_people, >=, 2);
}

static void
test_no_english (void)
{
  RexWindow *window;
  GtkWidget *dialog;
  g_autoptr(GtkBuilder) builder = NULL;

  /* The catalogue is in use: a string every run shows. */
  g_assert_cmpstr (_("Compare"), !=, "Compare");
  /* One way of writing a year, alone and as a span. */
  {
    g_autofree char *year = rex_format_year (2024);
    g_autofree char *span = rex_format_year_range (2015, 2024);

    g_assert_cmpstr (year, ==, "2024年");
    g_assert_cmpstr (span, ==, "2015—2024年");
  }

  window = ui_test_new_window ("compare");
  allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  found = g_string_new (NULL);
  allow_dataset_words (rex_window_get_dataset (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      rex_window_set_view (window, views[v]);
      ui_test_iterate_until (view_ready, window);
      ui_test_iterate (30);
      check_screen (GTK_WIDGET (window), views[v]);
      if (rex_window_get_current_chart (window) != NULL)
        check_chart (rex_window_get_current_chart (window), views[v]);
    }

  check_headlines (window);

  /* A chart item's menu and a region's profile, with its chart. */
  rex_window_set_view (window, "compare");
  ui_test_iterate_until (view_ready, window);
  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/rex-chart-item-menu.ui");
  check_menu (G_MENU_MODEL (gtk_builder_get_object (builder, "item_menu")), "the item menu");
  dialog = rex_window_show_profile (window, "CN-GD");
  ui_test_iterate (30);
  check_screen (dialog, "the profile");
  {
    g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROFILE);
    const char *ids[] = { "CN-GD", NULL };
    g_autoptr(RexChart) chart = NULL;

    rex_chart_spec_set_regions (spec, ids);
    chart = rex_chart_new (rex_window_get_dataset (window), spec, NULL);
    g_assert_nonnull (chart);
    check_chart (chart, "the profile");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The Export dialog, the keyboard shortcuts, the Preferences. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = GTK_WIDGET (ui_test_wait_for_toplevel (REX_TYPE_EXPORT_DIALOG, FALSE));
  ui_test_iterate (30);
  check_screen (dialog, "the Export dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));

  builder = (g_object_unref (builder), gtk_builder_new_from_resource (RESOURCE_PREFIX "/rex-shortcuts-window.ui"));
  dialog = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (dialog);
  /* Read, not shown: GTK 4.8's shortcuts window measures a Chinese title
   * at a negative width and warns. */
  check_widget (dialog, "the keyboard shortcuts");
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    dialog = rex_preferences_dialog_new (GTK_WINDOW (window), settings);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_iterate (30);
  check_screen (dialog, "the Preferences");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* About, on its Credits page: every source listed, in Chinese. */
  {
    g_autoptr(RexApplication) app = rex_application_new ();

    g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
    g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
    dialog = GTK_WIDGET (ui_test_open_about_credits (GTK_APPLICATION (app)));
    /* Its credits are citations, whose years are plain numbers. */
    in_citations = TRUE;
    check_widget (dialog, "About");
    in_citations = FALSE;
    gtk_window_destroy (GTK_WINDOW (dialog));
    ui_test_iterate (20);
  }

  if (found->len > 0)
    g_error ("English, or a mnemonic twice, on a Chinese screen:\n%s", found->str);
  g_string_free (found, TRUE);
  g_hash_table_unref (allowed);
  ui_test_destroy_window (window);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("REX_LOCALEDIR");

  /* The locale the environment names, which must exist. */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_assert_true (g_str_has_prefix (setlocale (LC_ALL, NULL), "zh_CN"));
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-zh/no-english", test_no_english);
  return g_test_run ();
}
