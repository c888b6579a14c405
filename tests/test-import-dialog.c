/* test-import-dialog.c — importing tables in the real window under Xvfb:
 * the Import dialog on a GB18030 export of the statistics database (text,
 * encoding, regions, problems, Import enabled only when nothing blocks),
 * Import and Add Data putting the values on screen unchanged, differing
 * values asked about, Save Dataset As reopening with the same values, the
 * Open, Add Data and Save Dataset As file choosers, and a dropped table
 * asking Open or Add. Fixtures are written by the tests.
 * Fails without a display (never skips). */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rex-chart-page.h"
#include "rex-window-private.h"
#include "ui-test-util.h"

/* In the layout of the statistics database's CSV export; one row names no
 * region (广束省, a slip for 广东省). */
static const char nbs_table[] =
  "数据库：分省年度数据\r\n"
  "指标：地区生产总值(亿元)\r\n"
  "时间：最近3年\r\n"
  "地区,2024年,2023年,2022年\r\n"
  "北京市,49843.1,43760.7,41610.9\r\n"
  "天津市,\"18,024.3\",16737.3,—\r\n"
  "河北省,47526.9,43944.1,42370.4\r\n"
  "广束省,141633.8,135673.2,129118.6\r\n"
  "注：测试用表。\r\n"
  "数据来源：国家统计局\r\n";

/* A long table: a metric the bundled data lacks, and a GDP figure for
 * Beijing that differs from the bundled one. */
static const char long_table[] =
  "region,year,metric,value,unit\n"
  "CN-BJ,2024,gdp,50000,100 million yuan\n"
  "CN-BJ,2024,test_index,1.5,points\n"
  "CN-TJ,2024,test_index,2.5,points\n"
  "广东,2024,test_index,3.25,points\n";

typedef struct
{
  char *dir;
} Fixture;

static Fixture fixture;

static GFile *
write_fixture (const char *name,
               const char *text,
               const char *encoding)
{
  g_autofree char *path = g_build_filename (fixture.dir, name, NULL);
  g_autofree char *converted = NULL;
  gsize length = strlen (text);
  g_autoptr(GError) error = NULL;

  if (encoding != NULL)
    {
      converted = g_convert (text, -1, encoding, "UTF-8", NULL, &length, &error);
      g_assert_no_error (error);
      text = converted;
    }
  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* The NBS table without its unknown row. */
static char *
nbs_table_known (void)
{
  g_auto(GStrv) lines = g_strsplit (nbs_table, "\r\n", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (!g_str_has_prefix (lines[i], "广束省"))
      g_string_append_printf (text, "%s\r\n", lines[i]);
  return g_string_free (text, FALSE);
}

static gboolean
dialog_idle (gpointer dialog)
{
  return !rex_import_dialog_is_busy (dialog);
}

static gboolean
window_idle (gpointer window)
{
  return !rex_window_is_saving (window) && !rex_window_is_adding (window) && !rex_window_is_loading (window);
}

static gpointer
dialog_child (gpointer    dialog,
              const char *name)
{
  return ui_test_template_child (dialog, REX_TYPE_IMPORT_DIALOG, name);
}

/* As a press of @button does (its "activate" waits for an animation). */
static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
import_enabled (RexImportDialog *dialog)
{
  return gtk_widget_get_sensitive (dialog_child (dialog, "import_button"));
}

static const char *
label_text (gpointer dialog,
            const char *name)
{
  return gtk_label_get_text (dialog_child (dialog, name));
}

static void
select_item (GtkDropDown *dropdown,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("no item “%s” in the drop-down", text);
}

static double
value_of (RexDataset *dataset,
          const char *region_id,
          const char *metric_id,
          int         year)
{
  RexRegion *region = rex_dataset_lookup_region (dataset, region_id);
  RexSeries *series = region ? rex_region_get_series (region, metric_id) : NULL;
  double value = NAN;

  if (series == NULL || !rex_series_get_value (series, year, &value))
    return NAN;
  return value;
}

static void
test_gb18030_table (void)
{
  g_autoptr(GFile) file = write_fixture ("gdp.csv", nbs_table, "GB18030");
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  RexImportDialog *dialog;
  RexTableImport *import;
  GtkDropDown *match;
  gpointer weak;

  gtk_window_present (parent);
  dialog = rex_import_dialog_new (parent, file, FALSE);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_window_present (GTK_WINDOW (dialog));
  /* Reading runs in a worker thread: nothing to import yet. */
  g_assert_true (rex_import_dialog_is_busy (dialog));
  g_assert_false (import_enabled (dialog));
  ui_test_iterate_until (dialog_idle, dialog);

  import = rex_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_cmpstr (rex_table_import_get_encoding (import), ==, "GB18030");
  g_assert_cmpstr (label_text (dialog, "encoding_label"), ==, "Read as GB18030 (detected)");
  g_assert_cmpstr (label_text (dialog, "shape_label"), ==, "Read as regions in rows, years in columns");
  /* The decoded text, header lines and all. */
  g_assert_true (g_str_has_prefix (label_text (dialog, "preview_label"),
                                   "数据库：分省年度数据\n指标：地区生产总值(亿元)\n"));
  g_assert_nonnull (strstr (label_text (dialog, "preview_label"), "天津市,\"18,024.3\",16737.3,—\n"));
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "metric_id_entry")), ==, "gdp");
  /* The names the dataset will hold: the statistics database's metric
   * under its English name, and its Chinese one. */
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "metric_name_entry")), ==, "GDP");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "metric_name_zh_entry")), ==, "地区生产总值");
  /* The source's title from the 数据库 and 指标 lines. */
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "title_entry")), ==, "分省年度数据: 地区生产总值(亿元)");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "亿元");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "publisher_entry")), ==, "国家统计局");
  g_assert_cmpstr (label_text (dialog, "combine_label"), ==, "Groups of regions get the sum of their members");
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "weight_entry")));

  /* The unknown row is marked, with suggestions, and blocks the import. */
  g_assert_cmpstr (label_text (dialog, "regions_label"), ==, "Regions: 3 recognised, 1 unknown");
  g_assert_nonnull (strstr (label_text (dialog, "problems_label"), "Line 8, column 1: unknown region \"广束省\""));
  g_assert_false (import_enabled (dialog));
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (dialog_child (dialog, "regions_view")));
    g_autofree char *status = NULL;

    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
    g_object_get (gtk_single_selection_get_selected_item (selection), "status", &status, NULL);
    g_assert_true (g_str_has_prefix (status, "Unknown: did you mean 广东省 (CN-GD)"));
    g_clear_pointer (&status, g_free);
    /* Known rows name their region even while the table has errors. */
    {
      g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (selection), 0);

      g_object_get (first, "status", &status, NULL);
      g_assert_cmpstr (status, ==, "→ Beijing (CN-BJ)");
    }
  }
  match = dialog_child (dialog, "match_dropdown");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (match)));
  g_assert_cmpuint (gtk_drop_down_get_selected (match), ==, 0);

  /* Told it is UTF-8, which it is not: read again, nothing to import. */
  gtk_drop_down_set_selected (dialog_child (dialog, "encoding_dropdown"), 1);
  g_assert_true (rex_import_dialog_is_busy (dialog));
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_null (rex_import_dialog_get_import (dialog));
  g_assert_nonnull (strstr (label_text (dialog, "status_label"), "gdp.csv:1:1: byte 0x"));
  g_assert_false (import_enabled (dialog));

  /* GBK reads it: the same text, the encoding chosen. */
  gtk_drop_down_set_selected (dialog_child (dialog, "encoding_dropdown"), 3);
  ui_test_iterate_until (dialog_idle, dialog);
  import = rex_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_cmpstr (rex_import_dialog_get_options (dialog)->encoding, ==, "GBK");
  g_assert_cmpstr (label_text (dialog, "encoding_label"), ==, "Read as GBK (chosen)");
  g_assert_nonnull (strstr (label_text (dialog, "preview_label"), "北京市,49843.1"));

  /* Picking the suggestion maps the label and unblocks the import. */
  select_item (dialog_child (dialog, "match_dropdown"), "广东省 (CN-GD)");
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (g_hash_table_lookup (rex_import_dialog_get_options (dialog)->region_map, "广束省"), ==, "CN-GD");
  g_assert_cmpstr (label_text (dialog, "regions_label"), ==, "Regions: 4 recognised");
  g_assert_cmpstr (label_text (dialog, "problems_label"), ==, "None");
  g_assert_true (import_enabled (dialog));
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (rex_import_dialog_get_import (dialog)),
                               "CN-GD", "gdp", 2024), ==, 141633.8);

  /* Unmatched again, it blocks again; leaving its row out unblocks. */
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (dialog_child (dialog, "regions_view")));

    gtk_single_selection_set_selected (selection, 3);
    g_assert_cmpuint (gtk_drop_down_get_selected (match), >, 0);
    gtk_drop_down_set_selected (match, 0);
  }
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_false (import_enabled (dialog));
  gtk_check_button_set_active (dialog_child (dialog, "skip_check"), TRUE);
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_true (import_enabled (dialog));
  g_assert_true (g_str_has_prefix (label_text (dialog, "problems_label"), "Warning: Line 8, column 1: unknown region"));
  g_assert_null (rex_dataset_lookup_region (rex_table_import_get_dataset (rex_import_dialog_get_import (dialog)),
                                            "CN-GD"));

  /* Edits to the metric are applied once typing pauses. */
  gtk_editable_set_text (dialog_child (dialog, "metric_id_entry"), "gdp_table");
  g_assert_true (rex_import_dialog_is_busy (dialog));
  g_assert_false (import_enabled (dialog));
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (rex_table_import_get_metric_id (rex_import_dialog_get_import (dialog), 0), ==, "gdp_table");
  g_assert_true (import_enabled (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (weak);
  gtk_window_destroy (parent);
}

static void
test_fractions_offered (void)
{
  g_autoptr(GFile) file = write_fixture ("urban.csv",
                                         "指标：城镇化率(%)\n地区,2024年\n北京市,0.878\n天津市,0.858\n", NULL);
  RexImportDialog *dialog = rex_import_dialog_new (NULL, file, FALSE);
  GtkCheckButton *fractions = dialog_child (dialog, "fractions_check");

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_true (gtk_check_button_get_active (dialog_child (dialog, "percent_check")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fractions)));
  g_assert_false (gtk_check_button_get_active (fractions));
  gtk_check_button_set_active (fractions, TRUE);
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fractions)));
  g_assert_cmpfloat_with_epsilon (value_of (rex_table_import_get_dataset (rex_import_dialog_get_import (dialog)),
                                            "CN-BJ", rex_table_import_get_metric_id (rex_import_dialog_get_import (dialog), 0),
                                            2024), 87.8, 1e-9);

  /* A rate: not derived for groups unless asked; a mean is weighted by
   * the metric named. */
  g_assert_cmpstr (label_text (dialog, "combine_label"), ==, "Values of groups of regions are not derived");
  gtk_drop_down_set_selected (dialog_child (dialog, "combine_dropdown"), 3);
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpint (rex_table_import_get_combine (rex_import_dialog_get_import (dialog), 0), ==, REX_COMBINE_MEAN);
  g_assert_cmpstr (label_text (dialog, "combine_label"), ==, "Groups of regions get the mean of their members");
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "weight_entry")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* An Excel workbook: its sheets take the encoding's place, the first
 * holding a table chosen; another is read when chosen. */
static void
check_workbook_sheets (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RexImportDialog *dialog = rex_import_dialog_new (NULL, file, FALSE);
  GtkDropDown *sheets = dialog_child (dialog, "sheet_dropdown");

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sheets)));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "encoding_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (sheets)), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (sheets), ==, 1);
  g_assert_cmpstr (label_text (dialog, "encoding_label"), ==, "Read the sheet “GDP”, 2 of 4");
  g_assert_true (import_enabled (dialog));

  gtk_drop_down_set_selected (sheets, 2);
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_cmpstr (rex_table_import_get_sheet (rex_import_dialog_get_import (dialog)), ==, "人口");
  g_assert_cmpstr (label_text (dialog, "encoding_label"), ==, "Read the sheet “人口”, 3 of 4");
  g_assert_cmpuint (gtk_drop_down_get_selected (sheets), ==, 2);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (rex_import_dialog_get_import (dialog)), "CN-QH",
                               rex_table_import_get_metric_id (rex_import_dialog_get_import (dialog), 0), 2021), ==, 594);

  /* A problem's place in a sheet is its cell. */
  {
    g_autofree char *typo_path = g_test_build_filename (G_TEST_DIST, "data", "typo.xlsx", NULL);
    g_autoptr(GFile) typo = g_file_new_for_path (typo_path);
    RexImportDialog *other = rex_import_dialog_new (NULL, typo, FALSE);

    gtk_window_present (GTK_WINDOW (other));
    ui_test_iterate_until (dialog_idle, other);
    g_assert_true (g_str_has_prefix (label_text (other, "problems_label"),
                                     "Error: Cell C6: unknown region \"广冬省\"; did you mean 广东省 (CN-GD)"));
    gtk_window_destroy (GTK_WINDOW (other));
  }

  /* A sheet with no table: the problem is shown, Import is off. */
  gtk_drop_down_set_selected (sheets, 3);
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_false (import_enabled (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_workbook_sheets (void)
{
  check_workbook_sheets ("gdp-growth.xlsx");
}

/* The same workbook as Excel 97–2003 wrote it (.xls). */
static void
test_workbook_sheets_xls (void)
{
  check_workbook_sheets ("gdp-growth.xls");
}

/* A table of several metrics, its notes on '#' lines: the metric
 * drop-down lists them by the names the table gives them, and the fields
 * edit the one chosen, leaving the other as the table says. */
static void
test_several_metrics (void)
{
  g_autoptr(GFile) file = write_fixture ("gdp-growth.csv",
                                         "# GDP 2024 by province, real growth % where given.\n"
                                         "region,gdp_2024,growth_pct\n"
                                         "Beijing,49843.1,\n"
                                         "Guangdong,141633.81,3.5\n", NULL);
  RexImportDialog *dialog = rex_import_dialog_new (NULL, file, FALSE);
  GtkDropDown *metrics = dialog_child (dialog, "metric_dropdown");
  RexTableImport *import;
  RexDataset *dataset;

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (metrics)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (metrics)), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (metrics)), 0), ==, "gdp");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "metric_id_entry")), ==, "gdp");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "");
  g_assert_cmpstr (label_text (dialog, "shape_label"), ==, "Read as regions in rows, a metric in each column");

  /* The second metric's fields: in %, from its header, and a rate of
   * change, not a share of a whole. */
  gtk_drop_down_set_selected (metrics, 1);
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "metric_id_entry")), ==, "growth");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "%");
  g_assert_false (gtk_check_button_get_active (dialog_child (dialog, "percent_check")));

  /* The first metric's unit, typed with the first chosen again. */
  gtk_drop_down_set_selected (metrics, 0);
  gtk_editable_set_text (dialog_child (dialog, "unit_entry"), "亿元");
  ui_test_iterate_until (dialog_idle, dialog);
  import = rex_import_dialog_get_import (dialog);
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "亿元");
  g_assert_cmpstr (rex_table_import_get_unit (import, 1), ==, "%");
  g_assert_cmpuint (rex_table_import_get_warnings (import)->len, ==, 1);   /* no source line */
  g_assert_cmpuint (gtk_drop_down_get_selected (metrics), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "亿元");
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpstr (rex_metric_get_unit (rex_dataset_lookup_metric (dataset, "gdp")), ==, "亿元");
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.81);

  /* The other metric's fields still show what the table says of it. */
  gtk_drop_down_set_selected (metrics, 1);
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "%");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A panel as OWID writes it (Entity,Code,Year,…): read as regions and
 * years in rows with a metric in each column, the metrics offered by their
 * headers. */
static void
test_panel (void)
{
  g_autoptr(GFile) file = write_fixture ("panel.csv",
                                         "Entity,Code,Year,GDP (100 million yuan),Population (10000 persons)\n"
                                         "Beijing,CN-BJ,2023,43760.7,2185.8\n"
                                         "Beijing,CN-BJ,2024,49843.1,2183.2\n"
                                         "Guangdong,CN-GD,2024,141633.8,12780\n", NULL);
  RexImportDialog *dialog = rex_import_dialog_new (NULL, file, FALSE);
  GtkDropDown *metrics = dialog_child (dialog, "metric_dropdown");
  RexDataset *dataset;

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_iterate_until (dialog_idle, dialog);
  g_assert_true (import_enabled (dialog));
  g_assert_cmpstr (label_text (dialog, "shape_label"), ==, "Read as regions and years in rows, a metric in each column");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (metrics)), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "100 million yuan");
  gtk_drop_down_set_selected (metrics, 1);
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "metric_id_entry")), ==, "population");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "unit_entry")), ==, "10000 persons");
  dataset = rex_table_import_get_dataset (rex_import_dialog_get_import (dialog));
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2023), ==, 43760.7);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "population", 2024), ==, 12780);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
import_dialog_ready (gpointer window)
{
  RexImportDialog *dialog = rex_window_get_import_dialog (window);

  return dialog != NULL && !rex_import_dialog_is_busy (dialog);
}

static void
test_import_into_window (void)
{
  g_autofree char *known = nbs_table_known ();
  g_autoptr(GFile) file = write_fixture ("gdp-known.csv", known, "GB18030");
  RexWindow *window = ui_test_new_window (NULL);
  RexDataset *bundled = rex_window_get_dataset (window);
  RexImportDialog *dialog;
  RexDataset *dataset;

  dialog = rex_window_import_table (window, file, FALSE);
  g_assert_false (rex_import_dialog_get_adding (dialog));
  ui_test_iterate_until (import_dialog_ready, window);
  g_assert_true (import_enabled (dialog));
  g_assert_true (rex_window_get_dataset (window) == bundled);
  /* Beside Cancel, the count of rows read. */
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "progress_label")));
  g_assert_cmpstr (label_text (dialog, "progress_label"), ==, "3 of 3 rows");
  click (dialog_child (dialog, "import_button"));
  g_assert_null (rex_window_get_import_dialog (window));

  /* The table replaced the data, values as they were written. */
  dataset = rex_window_get_dataset (window);
  g_assert_true (dataset != bundled);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 1);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, 49843.1);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2022), ==, 41610.9);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "gdp", 2024), ==, 18024.3);
  g_assert_true (isnan (value_of (dataset, "CN-TJ", "gdp", 2022)));
  g_assert_cmpfloat (value_of (dataset, "CN-HE", "gdp", 2023), ==, 43944.1);
  g_assert_cmpstr (rex_source_get_publisher (rex_dataset_get_value_source (dataset,
                     rex_dataset_lookup_region (dataset, "CN-HE"), "gdp", 2023)), ==, "国家统计局");
  g_assert_null (rex_window_get_error (window));
  ui_test_destroy_window (window);
}

static gboolean
dialog_gone (gpointer weak)
{
  return *(gpointer *) weak == NULL;
}

/* Cancel while the table is read: the dialog closes, the run stops, and
 * the window keeps the dataset it showed. */
static void
test_cancel_keeps_dataset (void)
{
  g_autoptr(GString) table = g_string_new ("代码,2024年,2023年\n");
  g_autoptr(GFile) file = NULL;
  RexWindow *window = ui_test_new_window (NULL);
  RexDataset *bundled = rex_window_get_dataset (window);
  RexImportDialog *dialog;
  gpointer weak;

  /* Enough rows that Cancel usually comes while they are read; the
   * outcome must be the same when it comes after. */
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (table, "%02u%04u,%u.5,%u\n", 11 + i % 50, i % 10000, i, i);
  file = write_fixture ("big.csv", table->str, NULL);

  dialog = rex_window_import_table (window, file, FALSE);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (rex_import_dialog_is_busy (dialog));
  /* What Cancel does (its action). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  ui_test_iterate_until (dialog_gone, &weak);

  g_assert_null (rex_window_get_import_dialog (window));
  g_assert_true (rex_window_get_dataset (window) == bundled);
  g_assert_false (rex_window_is_loading (window));
  g_assert_null (rex_window_get_error (window));
  ui_test_destroy_window (window);
}

static gboolean
metric_listed (GtkDropDown *dropdown,
               const char  *id)
{
  GListModel *metrics = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; metrics != NULL && i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);

      if (g_str_equal (rex_metric_get_id (metric), id))
        return TRUE;
    }
  return FALSE;
}

static gboolean
merge_asked (gpointer window)
{
  return rex_window_get_merge_dialog (window) != NULL;
}

static void
add_long_table (RexWindow *window,
                GFile     *file)
{
  RexImportDialog *dialog;

  rex_window_add_file (window, file);
  dialog = rex_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (rex_import_dialog_get_adding (dialog));
  g_assert_cmpstr (gtk_button_get_label (dialog_child (dialog, "import_button")), ==, "_Add");
  ui_test_iterate_until (import_dialog_ready, window);
  g_assert_true (import_enabled (dialog));
  click (dialog_child (dialog, "import_button"));
  ui_test_iterate_until (merge_asked, window);
}

/* The text of row @i of the merge question (valid while it is open). */
static const char *
conflict_text (RexMergeDialog *merge,
               guint           i)
{
  g_autoptr(GObject) item = g_list_model_get_item (rex_merge_dialog_get_conflicts (merge), i);
  g_autofree char *text = NULL;

  g_assert_nonnull (item);
  g_object_get (item, "text", &text, NULL);
  return g_intern_string (text);
}

static void
test_add_data (void)
{
  g_autoptr(GFile) file = write_fixture ("more.csv", long_table, NULL);
  RexWindow *window = ui_test_new_window (NULL);
  g_autoptr(RexDataset) bundled = g_object_ref (rex_window_get_dataset (window));
  double bundled_gdp = value_of (bundled, "CN-BJ", "gdp", 2024);
  GtkDropDown *metric = ui_test_template_child (rex_window_get_page (window, "compare"),
                                                       REX_TYPE_CHART_PAGE, "metric_dropdown");
  GtkDropDown *x_metric = ui_test_template_child (rex_window_get_page (window, "relationships"),
                                                         REX_TYPE_CHART_PAGE, "x_dropdown");
  RexMergeDialog *merge;
  RexDataset *dataset;

  g_assert_false (isnan (bundled_gdp));
  g_assert_cmpfloat (bundled_gdp, !=, 50000);
  g_assert_false (metric_listed (metric, "test_index"));

  /* Beijing's GDP differs: asked, with the difference listed. */
  add_long_table (window, file);
  merge = rex_window_get_merge_dialog (window);
  g_assert_true (rex_window_get_dataset (window) == bundled);
  g_assert_cmpuint (g_list_model_get_n_items (rex_merge_dialog_get_conflicts (merge)), ==, 1);
  {
    /* The bundled figure as the dataset has it, written as the dialog writes numbers. */
    g_autofree char *expected = g_strdup_printf ("Beijing, GDP, 2024: %.15g on screen, 50000 added", bundled_gdp);

    g_assert_cmpstr (conflict_text (merge, 0), ==, expected);
  }

  /* Keep the values on screen: the new metric comes in, GDP stays. */
  click (ui_test_template_child (GTK_WIDGET (merge), REX_TYPE_MERGE_DIALOG, "keep_button"));
  g_assert_null (rex_window_get_merge_dialog (window));
  dataset = rex_window_get_dataset (window);
  g_assert_true (dataset != bundled);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, bundled_gdp);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "test_index", 2024), ==, 3.25);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "population", 2024), ==,
                     value_of (bundled, "CN-TJ", "population", 2024));
  g_assert_true (metric_listed (metric, "test_index"));
  g_assert_true (metric_listed (x_metric, "test_index"));

  /* Added again, the new value is taken. */
  add_long_table (window, file);
  click (ui_test_template_child (GTK_WIDGET (rex_window_get_merge_dialog (window)), REX_TYPE_MERGE_DIALOG, "take_button"));
  g_assert_cmpfloat (value_of (rex_window_get_dataset (window), "CN-BJ", "gdp", 2024), ==, 50000);

  /* Cancelled, nothing changes. */
  dataset = rex_window_get_dataset (window);
  {
    g_autoptr(GFile) other = write_fixture ("other.csv",
                                            "region,year,metric,value,unit\nCN-BJ,2024,gdp,1,100 million yuan\n",
                                            NULL);
    add_long_table (window, other);
    gtk_window_close (GTK_WINDOW (rex_window_get_merge_dialog (window)));
    g_assert_null (rex_window_get_merge_dialog (window));
    g_assert_true (rex_window_get_dataset (window) == dataset);
  }
  ui_test_destroy_window (window);
}

static void
test_add_data_choice_per_value (void)
{
  g_autoptr(GFile) file = write_fixture ("two.csv",
                                         "region,year,metric,value,unit\n"
                                         "CN-BJ,2024,gdp,50000,100 million yuan\n"
                                         "CN-TJ,2024,gdp,18000,100 million yuan\n", NULL);
  RexWindow *window = ui_test_new_window (NULL);
  g_autoptr(RexDataset) bundled = g_object_ref (rex_window_get_dataset (window));
  RexMergeDialog *merge;
  GListModel *rows;
  RexDataset *dataset;

  add_long_table (window, file);
  merge = rex_window_get_merge_dialog (window);
  rows = rex_merge_dialog_get_conflicts (merge);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_true (g_str_has_prefix (conflict_text (merge, 1), "Tianjin, GDP, 2024: "));
  /* Only Tianjin's value is replaced. */
  {
    g_autoptr(GObject) tianjin = g_list_model_get_item (rows, 1);
    gboolean take_new = TRUE;

    g_object_get (tianjin, "take-new", &take_new, NULL);
    g_assert_false (take_new);
    g_object_set (tianjin, "take-new", TRUE, NULL);
  }
  click (ui_test_template_child (GTK_WIDGET (merge), REX_TYPE_MERGE_DIALOG, "apply_button"));
  g_assert_null (rex_window_get_merge_dialog (window));
  dataset = rex_window_get_dataset (window);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, value_of (bundled, "CN-BJ", "gdp", 2024));
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "gdp", 2024), ==, 18000);
  ui_test_destroy_window (window);
}

static void
test_add_json (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "addition.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) table = write_fixture ("addition.csv", long_table, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexTableImport) import = rex_table_import_new_from_file (table, NULL, NULL, &error);
  RexWindow *window = ui_test_new_window (NULL);

  g_assert_no_error (error);
  g_assert_true (rex_dataset_save_to_file (rex_table_import_get_dataset (import), file, NULL, &error));
  g_assert_no_error (error);
  rex_window_add_file (window, file);
  g_assert_null (rex_window_get_import_dialog (window));
  ui_test_iterate_until (merge_asked, window);
  rex_merge_dialog_choose (rex_window_get_merge_dialog (window), REX_MERGE_TAKE_NEW);
  g_assert_cmpfloat (value_of (rex_window_get_dataset (window), "CN-TJ", "test_index", 2024), ==, 2.5);
  g_assert_cmpfloat (value_of (rex_window_get_dataset (window), "CN-BJ", "gdp", 2024), ==, 50000);
  ui_test_destroy_window (window);
}

/* Every value of every region, metric and year, with its source. */
static void
assert_same_values (RexDataset *a,
                    RexDataset *b)
{
  GListModel *regions = rex_dataset_get_regions (a);
  GListModel *metrics = rex_dataset_get_metrics (a);
  guint compared = 0;

  g_assert_cmpuint (g_list_model_get_n_items (regions), ==, g_list_model_get_n_items (rex_dataset_get_regions (b)));
  g_assert_cmpuint (g_list_model_get_n_items (metrics), ==, g_list_model_get_n_items (rex_dataset_get_metrics (b)));
  for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, m);
      const char *id = rex_metric_get_id (metric);
      g_autoptr(GArray) years = rex_dataset_get_years (a, id);

      for (guint r = 0; r < g_list_model_get_n_items (regions); r++)
        {
          g_autoptr(RexRegion) region = g_list_model_get_item (regions, r);
          RexRegion *other = rex_dataset_lookup_region (b, rex_region_get_id (region));

          g_assert_nonnull (other);
          for (guint y = 0; y < years->len; y++)
            {
              int year = g_array_index (years, int, y);
              double va = value_of (a, rex_region_get_id (region), id, year);
              double vb = value_of (b, rex_region_get_id (region), id, year);
              RexSource *sa, *sb;

              if (isnan (va))
                {
                  g_assert_true (isnan (vb));
                  continue;
                }
              g_assert_cmpfloat (va, ==, vb);
              sa = rex_dataset_get_value_source (a, region, id, year);
              sb = rex_dataset_get_value_source (b, other, id, year);
              g_assert_cmpstr (sa ? rex_source_get_id (sa) : NULL, ==, sb ? rex_source_get_id (sb) : NULL);
              compared++;
            }
        }
    }
  g_assert_cmpuint (compared, >, 100);
}

/* A window on the bundled data with the long table added, its values
 * taken where the two differ. */
static RexWindow *
new_window_with_table (const char *name)
{
  g_autoptr(GFile) table = write_fixture (name, long_table, NULL);
  RexWindow *window = ui_test_new_window (NULL);

  add_long_table (window, table);
  rex_merge_dialog_choose (rex_window_get_merge_dialog (window), REX_MERGE_TAKE_NEW);
  ui_test_iterate_until (window_idle, window);
  return window;
}

/* Writing with @save into a folder that does not exist fails, says why
 * naming the file, and leaves the file written before at @path as it was. */
static void
assert_failed_save_keeps (RexWindow         *window,
                          RexWindowFileFunc  save,
                          const char        *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *missing = g_build_filename (fixture.dir, "no-such-folder", name, NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autofree char *prefix = g_strdup_printf ("Could not save “%s”: ", name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_file_get_contents (path, &before, NULL, NULL);
  save (window, bad);
  ui_test_iterate_until (window_idle, window);
  g_assert_nonnull (rex_window_get_error (window));
  g_assert_true (g_str_has_prefix (rex_window_get_error (window), prefix));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_save_as (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexDataset) reopened = NULL;
  g_autoptr(GError) error = NULL;
  RexWindow *window = new_window_with_table ("save.csv");

  rex_window_save_dataset (window, file);
  g_assert_true (rex_window_is_saving (window));
  ui_test_iterate_until (window_idle, window);
  g_assert_null (rex_window_get_error (window));
  reopened = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_values (rex_window_get_dataset (window), reopened);
  g_assert_cmpfloat (value_of (reopened, "CN-BJ", "gdp", 2024), ==, 50000);

  /* A save that fails says why and leaves the saved file as it was. */
  assert_failed_save_keeps (window, rex_window_save_dataset, path);
  ui_test_destroy_window (window);
}

static void choose_file (RexWindow  *window,
                         const char *action,
                         const char *title,
                         const char *filters,
                         const char *suggested,
                         GFile      *file);

/* Export Data as CSV through its file chooser: every value of the data on
 * screen, a table added to it included, a line each under the header; the
 * notice offers Open and Show in Folder for it; an export that fails says
 * why and leaves the file written before as it was. */
static void
test_export_data (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "data.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *suggested = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  RexWindow *window = new_window_with_table ("export-data.csv");

  suggested = g_strdup_printf ("%s.csv", rex_dataset_get_display_title (rex_window_get_dataset (window)));
  choose_file (window, "win.export-data", "Export Data as CSV", "|CSV tables|", suggested, file);
  ui_test_iterate_until (window_idle, window);
  g_assert_null (rex_window_get_error (window));
  /* Its notice offers to open it, in a spreadsheet. */
  g_assert_cmpstr (gtk_label_get_text (ui_test_window_child (window, "notice_label")), ==, "Exported “data.csv”");
  g_assert_true (gtk_revealer_get_reveal_child (ui_test_window_child (window, "notice_revealer")));
  g_assert_true (g_file_equal (window->exported_file, file));

  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  lines = g_strsplit (written, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "region,region_zh,region_id,region_kind,metric,metric_zh,metric_id,unit,unit_zh,"
                                 "year,value,qualifier,status,note,source,source_url");
  /* The header, a line a value, and the empty string after the last. */
  g_assert_cmpuint (g_strv_length (lines), ==, rex_dataset_count_values (rex_window_get_dataset (window)) + 2);
  /* The added table's value, citing the table. */
  {
    gboolean found = FALSE;

    for (guint i = 1; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "Beijing,北京,CN-BJ,province,GDP,生产总值,gdp,100 million yuan,亿元,2024,50000,,final,,"))
        {
          g_assert_nonnull (strstr (lines[i], "export-data.csv"));
          found = TRUE;
        }
    g_assert_true (found);
  }

  assert_failed_save_keeps (window, rex_window_export_data, path);
  ui_test_destroy_window (window);
}

/* The names of @chooser's filters, each between "|". */
static char *
filter_names (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
  GString *names = g_string_new ("|");

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      g_string_append_printf (names, "%s|", gtk_file_filter_get_name (filter));
    }
  return g_string_free (names, FALSE);
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} Chosen;

static gboolean
chooser_has_file (gpointer data)
{
  Chosen *chosen = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chosen->chooser);

  return file != NULL && g_file_equal (file, chosen->file);
}

static gboolean
no_chooser (gpointer data)
{
  return ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) == NULL;
}

/* Runs @action of @window, waits for its file chooser, checks its title,
 * filters and the name a save chooser suggests, picks @file in it and
 * accepts, as a person would; waits until the chooser is gone. */
static void
choose_file (RexWindow  *window,
             const char *action,
             const char *title,
             const char *filters,
             const char *suggested,
             GFile      *file)
{
  GtkWindow *dialog;
  GtkFileChooser *chooser;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  Chosen chosen;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, FALSE);
  chooser = GTK_FILE_CHOOSER (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, title);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  names = filter_names (chooser);
  g_assert_cmpstr (names, ==, filters);
  if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *current = gtk_file_chooser_get_current_name (chooser);

      g_assert_cmpstr (current, ==, suggested);
      g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
      gtk_file_chooser_set_current_name (chooser, name);
    }
  else
    g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
  g_assert_no_error (error);
  chosen = (Chosen) { chooser, file };
  ui_test_iterate_until (chooser_has_file, &chosen);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  ui_test_iterate_until (no_chooser, NULL);
}

/* Save Dataset As, Open and Add Data through their file choosers. */
static void
test_file_choosers (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "chosen.json", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (path);
  g_autoptr(GFile) table = write_fixture ("chosen.csv", long_table, NULL);
  g_autoptr(RexDataset) reopened = NULL;
  g_autoptr(GError) error = NULL;
  RexWindow *window = ui_test_new_window (NULL);
  RexDataset *bundled = rex_window_get_dataset (window);
  g_autofree char *suggested = g_strdup_printf ("%s.json", rex_dataset_get_display_title (bundled));

  choose_file (window, "win.save-as", "Save Dataset", "|JSON datasets|", suggested, saved);
  ui_test_iterate_until (window_idle, window);
  g_assert_null (rex_window_get_error (window));
  reopened = rex_dataset_new_from_file (saved, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_values (bundled, reopened);

  choose_file (window, "win.open", "Open Dataset",
               "|JSON datasets|Statistics tables (CSV, TSV, Excel, OpenDocument)|Charts exported by Region Explorer|All files|", NULL, saved);
  ui_test_iterate_until (window_idle, window);
  g_assert_null (rex_window_get_error (window));
  g_assert_cmpstr (rex_dataset_get_file_name (rex_window_get_dataset (window)), ==, "chosen.json");
  assert_same_values (reopened, rex_window_get_dataset (window));

  choose_file (window, "win.add-data", "Add Data",
               "|Datasets and tables|JSON datasets|Statistics tables (CSV, TSV, Excel, OpenDocument)|All files|", NULL, table);
  g_assert_nonnull (rex_window_get_import_dialog (window));
  g_assert_true (rex_import_dialog_get_adding (rex_window_get_import_dialog (window)));
  gtk_window_close (GTK_WINDOW (rex_window_get_import_dialog (window)));
  g_assert_null (rex_window_get_import_dialog (window));
  ui_test_destroy_window (window);
}

static gboolean
drop_asked (gpointer window)
{
  return rex_window_get_drop_dialog (window) != NULL;
}

static void
test_drop_asks (void)
{
  g_autoptr(GFile) table = write_fixture ("dropped.csv", "年份,北京,天津\n2024,1,2\n", NULL);
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "example.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  RexWindow *window = ui_test_new_window (NULL);
  RexDropDialog *drop;
  const char *message;

  /* A table: Open or Add? */
  rex_window_drop_file (window, table);
  g_assert_true (drop_asked (window));
  drop = rex_window_get_drop_dialog (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (drop)) == GTK_WINDOW (window));
  message = gtk_label_get_text (ui_test_template_child (GTK_WIDGET (drop), REX_TYPE_DROP_DIALOG,
                                                               "message_label"));
  g_assert_nonnull (strstr (message, "“dropped.csv”"));
  click (ui_test_template_child (GTK_WIDGET (drop), REX_TYPE_DROP_DIALOG, "add_button"));
  g_assert_null (rex_window_get_drop_dialog (window));
  g_assert_nonnull (rex_window_get_import_dialog (window));
  g_assert_true (rex_import_dialog_get_adding (rex_window_get_import_dialog (window)));
  gtk_window_close (GTK_WINDOW (rex_window_get_import_dialog (window)));
  g_assert_null (rex_window_get_import_dialog (window));

  rex_window_drop_file (window, table);
  rex_drop_dialog_choose (rex_window_get_drop_dialog (window), FALSE);
  g_assert_false (rex_import_dialog_get_adding (rex_window_get_import_dialog (window)));
  ui_test_iterate_until (import_dialog_ready, window);
  click (dialog_child (rex_window_get_import_dialog (window), "import_button"));
  {
    g_autoptr(RexMetric) metric = g_list_model_get_item (rex_dataset_get_metrics (rex_window_get_dataset (window)), 0);

    g_assert_cmpfloat (value_of (rex_window_get_dataset (window), "CN-TJ", rex_metric_get_id (metric), 2024), ==, 2);
  }

  /* A dataset opens as before, without asking. */
  rex_window_drop_file (window, json_file);
  g_assert_false (drop_asked (window));
  g_assert_true (rex_window_is_loading (window));
  ui_test_iterate_until (window_idle, window);
  g_assert_cmpstr (rex_dataset_get_file_name (rex_window_get_dataset (window)), ==, "example.json");
  ui_test_destroy_window (window);
}

/* The target of Open Recent's item @i in @window's main menu, or NULL when
 * the menu has no Open Recent or it has fewer items. */
static char *
recent_uri (RexWindow *window,
            int        i)
{
  GMenuModel *menu = ui_test_window_child (window, "primary_menu");
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

  for (int k = 0; k < g_menu_model_get_n_items (section); k++)
    {
      g_autoptr(GMenuModel) recent = g_menu_model_get_item_link (section, k, G_MENU_LINK_SUBMENU);
      g_autoptr(GVariant) target = NULL;

      if (recent == NULL || i >= g_menu_model_get_n_items (recent))
        continue;
      target = g_menu_model_get_item_attribute_value (recent, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
      return target != NULL ? g_variant_dup_string (target, NULL) : NULL;
    }
  return NULL;
}

typedef struct
{
  RexWindow  *window;
  const char *first;
  const char *second;   /* NULL: any */
} RecentWanted;

static gboolean
recent_is (gpointer data)
{
  RecentWanted *want = data;
  g_autofree char *first = recent_uri (want->window, 0);
  g_autofree char *second = recent_uri (want->window, 1);

  return g_strcmp0 (first, want->first) == 0 && (want->second == NULL || g_strcmp0 (second, want->second) == 0);
}

/* Open Recent: a dataset that loaded and a table imported come first in
 * the main menu's Open Recent, newest first; choosing one opens it again
 * (a table through the Import dialog); a file since deleted is not
 * offered. */
static void
test_open_recent (void)
{
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data", "bars.json", NULL);
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "fuzz", "table-corpus", "nbs-export.csv", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *json_uri = g_file_get_uri (json);
  g_autofree char *csv_uri = g_file_get_uri (csv);
  g_autofree char *dir = g_dir_make_tmp ("rex-recent-XXXXXX", NULL);
  g_autofree char *gone_path = g_build_filename (dir, "gone.json", NULL);
  g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
  g_autofree char *gone_uri = g_file_get_uri (gone);
  RexWindow *window = ui_test_new_window (NULL);
  RecentWanted want = { window, json_uri, NULL };

  rex_window_open_file (window, json);
  ui_test_iterate_until (window_idle, window);
  g_assert_cmpstr (rex_dataset_get_title (rex_window_get_dataset (window)), ==, "Bar chart fixture");
  ui_test_iterate_until (recent_is, &want);

  rex_window_open_user_file (window, csv);
  ui_test_iterate_until (import_dialog_ready, window);
  click (dialog_child (rex_window_get_import_dialog (window), "import_button"));
  want = (RecentWanted) { window, csv_uri, json_uri };
  ui_test_iterate_until (recent_is, &want);

  /* The dataset again, from the menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", json_uri));
  g_assert_true (rex_window_is_loading (window));
  ui_test_iterate_until (window_idle, window);
  g_assert_cmpstr (rex_dataset_get_title (rex_window_get_dataset (window)), ==, "Bar chart fixture");
  want = (RecentWanted) { window, json_uri, csv_uri };
  ui_test_iterate_until (recent_is, &want);

  /* The table again: through the Import dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", csv_uri));
  ui_test_iterate_until (import_dialog_ready, window);
  gtk_window_close (GTK_WINDOW (rex_window_get_import_dialog (window)));

  /* A file deleted since is left out. */
  g_assert_true (g_file_copy (json, gone, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  rex_window_open_file (window, gone);
  ui_test_iterate_until (window_idle, window);
  want = (RecentWanted) { window, gone_uri, json_uri };
  ui_test_iterate_until (recent_is, &want);
  g_assert_true (g_file_delete (gone, NULL, NULL));
  rex_window_open_file (window, json);
  ui_test_iterate_until (window_idle, window);
  want = (RecentWanted) { window, json_uri, csv_uri };
  ui_test_iterate_until (recent_is, &want);

  g_rmdir (dir);
  ui_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  fixture.dir = g_dir_make_tmp ("rex-import-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  /* The file choosers note what they open in recently-used.xbel: here,
   * not in the home folder of whoever runs the tests. */
  g_setenv ("XDG_DATA_HOME", fixture.dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  ui_test_add ("/import-dialog/gb18030-table", test_gb18030_table);
  ui_test_add ("/import-dialog/fractions-offered", test_fractions_offered);
  ui_test_add ("/import-dialog/several-metrics", test_several_metrics);
  ui_test_add ("/import-dialog/panel", test_panel);
  ui_test_add ("/import-dialog/workbook-sheets", test_workbook_sheets);
  ui_test_add ("/import-dialog/workbook-sheets-xls", test_workbook_sheets_xls);
  ui_test_add ("/import-dialog/import-into-window", test_import_into_window);
  ui_test_add ("/import-dialog/cancel-keeps-dataset", test_cancel_keeps_dataset);
  ui_test_add ("/import-dialog/add-data", test_add_data);
  ui_test_add ("/import-dialog/add-data-choice-per-value", test_add_data_choice_per_value);
  ui_test_add ("/import-dialog/add-json", test_add_json);
  ui_test_add ("/import-dialog/save-as", test_save_as);
  ui_test_add ("/import-dialog/export-data", test_export_data);
  ui_test_add ("/import-dialog/file-choosers", test_file_choosers);
  ui_test_add ("/import-dialog/drop-asks", test_drop_asks);
  ui_test_add ("/import-dialog/open-recent", test_open_recent);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (fixture.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fixture.dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (fixture.dir);
    g_free (fixture.dir);
  }
  return status;
}
