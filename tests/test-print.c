/* test-print.c — printing a chart under Xvfb: the page the print operation
 * draws (written to PDF by GTK's own export of a print operation and read
 * back with pdfinfo, pdftotext and pdftoppm), the print dialog the window's
 * Print opens, a print through it to GTK's Print to File printer, and the
 * printer and paper offered again afterwards. Fails without a display. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "rex-chart-view.h"
#include "rex-print-operation.h"
#include "rex-table-page.h"
#include "rex-window-private.h"
#include "ui-test-util.h"

static gboolean
chart_drawn (gpointer data)
{
  RexChart *chart = rex_window_get_current_chart (data);

  return chart != NULL && rex_chart_get_n_items (chart) > 0;
}

static RexWindow *
new_window (const char *view)
{
  RexWindow *window = ui_test_new_window (view);

  ui_test_iterate_until (chart_drawn, window);
  return window;
}

/* What @argv prints; fails the test when it does not run or fails. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* @operation run as GTK exports a print operation: the pages it draws, to a
 * PDF file at @path, without a dialog. */
static void
print_to_pdf (RexPrintOperation *operation,
              const char        *path)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
}

/* A PDF's number of pages and the first page's size in points. */
static void
pdf_pages (const char *path,
           int        *n_pages,
           double     *width,
           double     *height)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "\nPages:");
  const char *size = strstr (info, "\nPage size:");

  g_assert_nonnull (pages);
  g_assert_nonnull (size);
  *n_pages = atoi (pages + strlen ("\nPages:"));
  g_assert_cmpint (sscanf (size + strlen ("\nPage size:"), " %lf x %lf", width, height), ==, 2);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return run (argv);
}

/* The first page drawn at 24 dots per inch; *dark_share the share of its
 * pixels darker than mid-grey. Returns the mean luminance, 0 to 1. */
static double
pdf_luminance (const char *path,
               double     *dark_share)
{
  g_autofree char *prefix = g_strconcat (path, "-page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "24", "-png", "-singlefile", path, prefix, NULL };
  g_autofree char *out = run (argv);
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  double sum = 0;
  guint dark = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (w * h, >, 0);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);
        double l = (0.2126 * ((pixel >> 16) & 0xff) + 0.7152 * ((pixel >> 8) & 0xff)
                    + 0.0722 * (pixel & 0xff)) / 255.0;

        sum += l;
        dark += l < 0.5;
      }
  cairo_surface_destroy (image);
  g_unlink (png);
  *dark_share = (double) dark / (w * h);
  return sum / (w * h);
}

/* The default paper in points, as GTK chooses it for the locale. */
static void
default_paper (double *width,
               double *height)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);

  *width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  *height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("rex-print-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* The ranking on one landscape page of the default paper, with its title,
 * its regions and its figures as the window writes them (full numbers, as
 * the preferences ask here, where the chart would shorten them); the chart
 * on screen is not the one printed (it keeps its size and items). */
static void
test_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  RexWindow *window;
  RexChart *chart;
  guint n_items;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexPrintOperation) operation = NULL;
  g_autofree char *path = temp_path ("ranking.pdf");
  g_autofree char *text = NULL;
  g_autofree char *job = NULL;
  RexChartItem first;
  int n_pages;
  double width, height, paper_width, paper_height;

  g_settings_set_string (settings, "number-format", "full");
  window = new_window ("compare");
  chart = rex_window_get_current_chart (window);
  n_items = rex_chart_get_n_items (chart);
  operation = rex_print_operation_new (chart, &error);
  g_assert_no_error (error);
  g_object_get (operation, "job-name", &job, NULL);
  g_assert_cmpstr (job, ==, rex_chart_get_title (chart));
  print_to_pdf (operation, path);

  pdf_pages (path, &n_pages, &width, &height);
  default_paper (&paper_width, &paper_height);
  g_assert_cmpint (n_pages, ==, 1);
  g_assert_cmpfloat_with_epsilon (width, MAX (paper_width, paper_height), 1.0);
  g_assert_cmpfloat_with_epsilon (height, MIN (paper_width, paper_height), 1.0);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, rex_chart_get_title (chart)));
  g_assert_true (rex_chart_get_item (chart, 0, &first));
  g_assert_nonnull (first.region);
  g_assert_nonnull (strstr (text, rex_region_get_display_name (first.region)));
  {
    g_autofree char *value = rex_chart_format_item_value (chart, &first);
    g_autofree char *number = g_strndup (value, strcspn (value, " "));

    /* "141,634" of "141,634 (100 million yuan)" */
    g_assert_nonnull (strstr (text, number));
  }
  g_assert_true (rex_window_get_current_chart (window) == chart);
  g_assert_cmpuint (rex_chart_get_n_items (chart), ==, n_items);
  remove_temp (path);
  /* It holds a copy of the chart, and with it the dataset. */
  g_clear_object (&operation);
  ui_test_destroy_window (window);
}

/* A portrait page: the chart is laid out for it, taller than wide. */
static void
test_portrait (void)
{
  RexWindow *window = new_window ("trends");
  RexChart *chart = rex_window_get_current_chart (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexPrintOperation) operation = rex_print_operation_new (chart, &error);
  g_autoptr(GtkPageSetup) portrait = gtk_page_setup_new ();
  g_autofree char *path = temp_path ("trends.pdf");
  g_autofree char *text = NULL;
  int n_pages;
  double width, height;

  g_assert_no_error (error);
  gtk_page_setup_set_orientation (portrait, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), portrait);
  print_to_pdf (operation, path);
  pdf_pages (path, &n_pages, &width, &height);
  g_assert_cmpint (n_pages, ==, 1);
  g_assert_cmpfloat (height, >, width);
  g_assert_cmpint (gtk_page_setup_get_orientation (rex_print_operation_get_page_setup (operation)), ==,
                   GTK_PAGE_ORIENTATION_PORTRAIT);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, rex_chart_get_title (chart)));
  remove_temp (path);
  /* It holds a copy of the chart, and with it the dataset. */
  g_clear_object (&operation);
  ui_test_destroy_window (window);
}

/* Paper is white: a window in the dark theme prints its chart light (the
 * same chart exported dark is mostly dark). */
static void
test_light_on_dark (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  RexWindow *window;
  RexChart *chart;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexPrintOperation) operation = NULL;
  g_autoptr(RexChartStyle) dark = rex_chart_style_new (REX_THEME_DARK);
  RexExportOptions options = { REX_EXPORT_FORMAT_PDF, 800, 560, 1, dark };
  g_autofree char *path = temp_path ("map.pdf");
  g_autofree char *dark_path = temp_path ("map-dark.pdf");
  g_autoptr(GFile) dark_file = g_file_new_for_path (dark_path);
  double dark_share, luminance;

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  window = new_window ("map");
  chart = rex_window_get_current_chart (window);
  g_assert_cmpint (rex_chart_view_get_style (REX_CHART_VIEW (rex_window_get_chart_view (window)))->theme, ==,
                   REX_THEME_DARK);
  operation = rex_print_operation_new (chart, &error);
  g_assert_no_error (error);
  print_to_pdf (operation, path);
  luminance = pdf_luminance (path, &dark_share);
  g_assert_cmpfloat (luminance, >, 0.75);
  /* Not a blank page: the tiles and text. */
  g_assert_cmpfloat (dark_share, >, 0.005);

  g_assert_true (rex_export_to_file (chart, dark_file, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (pdf_luminance (dark_path, &dark_share), <, 0.4);

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  remove_temp (path);
  remove_temp (dark_path);
  g_clear_object (&operation);
  ui_test_destroy_window (window);
}

static gboolean
menu_has_print (RexWindow *window)
{
  GMenuModel *menu = ui_test_window_child (window, "primary_menu");

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action)
              && g_strcmp0 (action, "win.print") == 0
              && g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
            return g_strcmp0 (label, "Pr_int…") == 0;
        }
    }
  return FALSE;
}

static gboolean
file_printer_chosen (gpointer data)
{
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (data);

  return printer != NULL && gtk_printer_is_virtual (printer);
}

/* A whole PDF file at @data (the file printer writes it after the print
 * operation is done). */
static gboolean
pdf_written (gpointer data)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (data, &contents, &length, NULL) || length < 16 || !g_str_has_prefix (contents, "%PDF-"))
    return FALSE;
  for (gsize i = length - 16; i + 5 <= length; i++)
    if (memcmp (contents + i, "%%EOF", 5) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
settings_kept (gpointer data)
{
  return REX_WINDOW (data)->print_settings != NULL;
}

/* Activates @action on @widget, waits for the print dialog over @parent,
 * chooses GTK's Print to File printer writing PDF to @path, prints, and
 * waits for the file. */
static void
print_through_dialog (GtkWidget  *widget,
                      const char *action,
                      GtkWindow  *parent,
                      RexWindow  *window,
                      const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GtkPrintSettings) chosen = gtk_print_settings_new ();
  GtkPrintUnixDialog *dialog;

  g_clear_object (&window->print_settings);
  g_unlink (path);
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  dialog = GTK_PRINT_UNIX_DIALOG (ui_test_wait_for_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG, FALSE));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);
  g_assert_cmpint (gtk_page_setup_get_orientation (gtk_print_unix_dialog_get_page_setup (dialog)), ==,
                   GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_settings_set_printer (chosen, "Print to File");
  gtk_print_settings_set (chosen, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (chosen, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_unix_dialog_set_settings (dialog, chosen);
  ui_test_iterate_until (file_printer_chosen, dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  ui_test_iterate_until (settings_kept, window);
  ui_test_iterate_until (pdf_written, (gpointer) path);
}

/* The text of page @page (from 1) of a PDF. */
static char *
pdf_page_text (const char *path,
               int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", number, "-l", number, path, "-", NULL };

  return run (argv);
}

/* Print in the main menu opens the print dialog over the window; printing
 * through it to GTK's Print to File printer writes the chart's page; the
 * next Print offers that printer, file and paper again; a dialog cancelled
 * prints nothing and says nothing. Only GTK's file printer is looked for
 * (no print server here). */
static void
test_dialog (void)
{
  RexWindow *window = new_window ("compare");
  RexChart *chart = rex_window_get_current_chart (window);
  g_autofree char *path = temp_path ("printed.pdf");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkPrintUnixDialog *dialog;
  GtkPrintSettings *offered;
  g_autofree char *text = NULL;
  int n_pages;
  double width, height;

  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);
  g_assert_true (menu_has_print (window));
  print_through_dialog (GTK_WIDGET (window), "win.print", GTK_WINDOW (window), window, path);

  pdf_pages (path, &n_pages, &width, &height);
  g_assert_cmpint (n_pages, ==, 1);
  g_assert_cmpfloat (width, >, height);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, rex_chart_get_title (chart)));
  g_assert_null (strstr (text, "Page 1 of"));
  g_assert_false (gtk_revealer_get_reveal_child (ui_test_window_child (window, "banner_revealer")));

  /* Offered again, and cancelled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  dialog = GTK_PRINT_UNIX_DIALOG (ui_test_wait_for_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG, FALSE));
  offered = gtk_print_unix_dialog_get_settings (dialog);
  g_assert_cmpstr (gtk_print_settings_get (offered, GTK_PRINT_SETTINGS_OUTPUT_URI), ==, uri);
  g_assert_cmpstr (gtk_print_settings_get_printer (offered), ==, "Print to File");
  g_object_unref (offered);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  ui_test_iterate (20);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpuint (length, ==, 0);
  }
  g_assert_false (gtk_revealer_get_reveal_child (ui_test_window_child (window, "banner_revealer")));

  remove_temp (path);
  ui_test_destroy_window (window);
}

/* In the Table view, Print prints the table as shown (its columns, its
 * order), over as many pages as its rows take: each page with the title,
 * numbered "Page k of n", every province once; a region's profile prints from its own window (its Print
 * button's action), the dialog over the profile. */
static void
test_table_and_profile (void)
{
  RexWindow *window = new_window ("compare");
  RexChart *chart = rex_window_get_current_chart (window);
  g_autofree char *path = temp_path ("table.pdf");
  g_autoptr(RexChartTable) table = rex_chart_get_table (chart);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *first_shown = NULL;
  g_autofree char *second_shown = NULL;
  GtkWidget *profile;
  int n_pages;
  double width, height;

  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);
  g_assert_true (rex_window_set_view (window, "table"));
  /* Sorted by GDP, smallest first: printed in that order, with the columns
   * on screen (no region ids). */
  {
    RexTablePage *page = ui_test_window_child (window, "table_page");
    GtkColumnView *view = rex_table_page_get_column_view (page);
    GListModel *columns = gtk_column_view_get_columns (view);

    for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

        if (g_str_has_prefix (gtk_column_view_column_get_title (column), "GDP"))
          gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
      }
    first_shown = g_strdup (rex_table_page_get_cell (page, 0, 1));
    second_shown = g_strdup (rex_table_page_get_cell (page, 1, 1));
    g_assert_cmpstr (first_shown, ==, "Tibet (Xizang)");
  }
  print_through_dialog (GTK_WIDGET (window), "win.print", GTK_WINDOW (window), window, path);
  pdf_pages (path, &n_pages, &width, &height);
  g_assert_cmpint (n_pages, >, 1);
  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_page_text (path, page);
      g_autofree char *number = g_strdup_printf ("Page %d of %d", page, n_pages);

      g_assert_nonnull (strstr (text, "Data: GDP"));
      g_assert_nonnull (strstr (text, number));
      g_assert_null (strstr (text, "more row"));
      g_assert_null (strstr (text, "Region id"));
      g_assert_null (strstr (text, "CN-"));
      g_string_append (all, text);
    }
  g_assert_true (strstr (all->str, first_shown) < strstr (all->str, second_shown));
  /* Each row's region (the second column) once: no name is part of another's here. */
  for (guint r = 0; r < table->rows->len; r++)
    {
      const char *name = ((GPtrArray *) table->rows->pdata[r])->pdata[1];
      const char *at = strstr (all->str, name);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + strlen (name), name));
    }

  profile = rex_window_show_profile (window, "CN-GD");
  ui_test_wait_painted (profile);
  print_through_dialog (profile, "profile.print", GTK_WINDOW (profile), window, path);
  pdf_pages (path, &n_pages, &width, &height);
  /* Guangdong's thirteen figures take one page (the pages of a longer
   * profile: test-chart-oracles /oracles/profile/pages). */
  g_assert_cmpint (n_pages, ==, 1);
  {
    g_autofree char *text = pdf_text (path);

    g_assert_nonnull (strstr (text, "Guangdong"));
    g_assert_nonnull (strstr (text, "Population"));
    g_assert_nonnull (strstr (text, "Urban per-capita disposable income"));
    g_assert_null (strstr (text, "more metric"));
    g_assert_null (strstr (text, "Page 1 of"));
  }

  remove_temp (path);
  ui_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

  ui_test_add ("/print/page", test_page);
  ui_test_add ("/print/portrait", test_portrait);
  ui_test_add ("/print/light-on-dark", test_light_on_dark);
  ui_test_add ("/print/dialog", test_dialog);
  ui_test_add ("/print/table-and-profile", test_table_and_profile);
  return g_test_run ();
}
