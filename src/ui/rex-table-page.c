/* rex-table-page.c — the Table view.
 *
 * Columns depend on the chart, so they are made here at run time; each cell
 * is a label bound to its row. Sorting compares numbers as numbers, text
 * with the locale's collation, and keeps empty cells last. An empty cell
 * of a column of numbers reads "no data"; one of a column of words (a
 * value's qualifier, where empty means the value is exact) stays blank, as
 * the chart's table image has them.
 * Rows can be selected, and Copy (Ctrl+C) puts the selected rows, or every
 * row, on the clipboard as tab-separated text, which spreadsheets paste
 * into cells.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "rex-export.h"
#include "rex-table-page.h"

/* One row of the table: its cells as text. */
#define REX_TYPE_TABLE_ROW (rex_table_row_get_type ())
G_DECLARE_FINAL_TYPE (RexTableRow, rex_table_row, REX, TABLE_ROW, GObject)

struct _RexTableRow
{
  GObject    parent_instance;
  GPtrArray *cells;   /* char* */
};

G_DEFINE_FINAL_TYPE (RexTableRow, rex_table_row, G_TYPE_OBJECT)

static void
rex_table_row_finalize (GObject *object)
{
  g_ptr_array_unref (REX_TABLE_ROW (object)->cells);
  G_OBJECT_CLASS (rex_table_row_parent_class)->finalize (object);
}

static void
rex_table_row_class_init (RexTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rex_table_row_finalize;
}

static void
rex_table_row_init (RexTableRow *self)
{
}

static const char *
row_cell (RexTableRow *row,
          guint        column)
{
  const char *cell = column < row->cells->len ? row->cells->pdata[column] : NULL;

  return cell != NULL ? cell : "";
}

struct _RexTablePage
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkLabel          *title_label;
  GtkLabel          *count_label;
  GtkStack          *stack;
  GtkColumnView     *column_view;
  GtkLabel          *source_label;

  RexChart          *chart;
  GListStore        *rows;
  GtkSortListModel  *sorted;
  GtkMultiSelection *selection;
  GArray            *shown;   /* guint: the table's columns on screen, in order */
  GArray            *numeric; /* gboolean, per column of the table: its cells are numbers */
};

G_DEFINE_FINAL_TYPE (RexTablePage, rex_table_page, GTK_TYPE_WIDGET)

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  const char *ta = row_cell ((RexTableRow *) a, column);
  const char *tb = row_cell ((RexTableRow *) b, column);
  double va = 0, vb = 0;
  gboolean na = rex_chart_table_parse_number (ta, &va), nb = rex_chart_table_parse_number (tb, &vb);

  /* Empty cells ("no data") sort after every value. */
  if (*ta == '\0' || *tb == '\0')
    return (*ta == '\0') - (*tb == '\0');
  if (na && nb)
    return (va > vb) - (va < vb);
  return g_utf8_collate (ta, tb);
}

/* Long numbers get thousands separators; four-digit whole numbers (years
 * among them) stay as written, as statistical tables print them. The row
 * keeps the raw text for sorting and CSV. */
static const struct
{
  const char *code;
  const char *text;
} cell_codes[] = {
  /* Translators: a value's qualifier in the table: the value is approximate */
  { "about", NC_("table cell", "about") },
  /* Translators: a value's qualifier in the table: the true value is higher */
  { "over", NC_("table cell", "over") },
  /* Translators: a value's qualifier in the table: the true value is lower */
  { "under", NC_("table cell", "under") },
  { "no target", NC_("table cell", "no target") },
  /* Translators: progress toward a target: the target is reached */
  { "reached", NC_("table cell", "reached") },
  /* Translators: progress toward a target: the trend reaches it in time */
  { "on trend", NC_("table cell", "on trend") },
  { "not on current trend", NC_("table cell", "not on current trend") },
  { "needs two data points", NC_("table cell", "needs two data points") },
  { "no data", NC_("table cell", "no data") },
};

static char *
display_text (const char *raw,
              gboolean    numeric)
{
  double value;

  if (raw == NULL || *raw == '\0')
    return g_strdup (numeric ? _("no data") : "");
  if (rex_chart_table_parse_number (raw, &value) && (fabs (value) >= 10000 || value != floor (value)))
    return rex_format_number (value, -1);
  /* The data behind a chart keeps its codes (the CSV export writes them);
   * on screen they read in the interface's language. */
  for (guint i = 0; i < G_N_ELEMENTS (cell_codes); i++)
    if (g_str_equal (raw, cell_codes[i].code))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "table cell", cell_codes[i].text));
  return g_strdup (raw);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* The name column: room for a name before it ellipsizes. */
  if (GPOINTER_TO_UINT (user_data))
    gtk_label_set_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  RexTablePage *self = user_data;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  RexTableRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *raw;
  g_autofree char *text = NULL;
  double value;
  gboolean numeric;

  if (row == NULL)
    return;
  raw = row_cell (row, column);
  text = display_text (raw, g_array_index (self->numeric, gboolean, column));
  numeric = rex_chart_table_parse_number (raw, &value);

  gtk_label_set_text (label, text);
  gtk_label_set_xalign (label, numeric ? 1.0 : 0.0);
  if (*raw == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
clear_columns (RexTablePage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

/* The source line is selectable, and so a Tab stop: hidden when there is
 * none, so that no Tab lands on nothing. */
static void
show_source_line (RexTablePage *self,
                  const char   *line)
{
  gtk_label_set_text (self->source_label, line != NULL ? line : "");
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), line != NULL && *line != '\0');
}

/* The text a cell of the sorted rows shows, or NULL. */
char *
rex_table_page_get_cell_text (RexTablePage *self,
                              guint         row,
                              guint         column)
{
  const char *raw;

  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), NULL);

  raw = rex_table_page_get_cell (self, row, column);
  if (raw == NULL)
    return NULL;
  return display_text (raw, g_array_index (self->numeric, gboolean, column));
}

void
rex_table_page_set_chart (RexTablePage *self,
                          RexChart     *chart)
{
  g_autoptr(RexChartTable) table = NULL;
  g_autofree char *count = NULL;

  g_return_if_fail (REX_IS_TABLE_PAGE (self));
  g_return_if_fail (chart == NULL || REX_IS_CHART (chart));

  g_set_object (&self->chart, chart);
  g_list_store_remove_all (self->rows);
  clear_columns (self);
  g_array_set_size (self->shown, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.copy", FALSE);

  if (chart != NULL)
    table = rex_chart_get_table (chart);
  if (table == NULL || table->columns->len == 0 || table->rows->len == 0)
    {
      gtk_label_set_text (self->title_label, chart ? rex_chart_get_title (chart) : "");
      gtk_label_set_text (self->count_label, "");
      show_source_line (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_array_set_size (self->numeric, table->columns->len);
  for (guint c = 0; c < table->columns->len; c++)
    g_array_index (self->numeric, gboolean, c) = rex_chart_table_column_is_numeric (table, c);
  for (guint c = 0; c < table->columns->len; c++)
    {
      g_autoptr(GtkListItemFactory) factory = NULL;
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      /* Ids are for scripts (the CSV export keeps them); on screen the
       * names beside them say the same in the reader's language. */
      if (g_str_equal (table->columns->pdata[c], _("Region id"))
          || g_str_equal (table->columns->pdata[c], _("Metric id")))
        continue;
      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (c == 1));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      column = gtk_column_view_column_new (table->columns->pdata[c], g_object_ref (factory));
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells, GUINT_TO_POINTER (c), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == 1);
      gtk_column_view_append_column (self->column_view, column);
      g_array_append_val (self->shown, c);
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      g_autoptr(RexTableRow) row = g_object_new (REX_TYPE_TABLE_ROW, NULL);
      row->cells = g_ptr_array_ref (table->rows->pdata[r]);
      g_list_store_append (self->rows, row);
    }

  gtk_label_set_text (self->title_label, rex_chart_get_title (chart));
  /* Translators: the number of rows in the Table view */
  count = g_strdup_printf (ngettext ("%u row", "%u rows", table->rows->len), table->rows->len);
  gtk_label_set_text (self->count_label, count);
  show_source_line (self, table->source_line);
  gtk_stack_set_visible_child_name (self->stack, "table");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.copy", TRUE);
}

RexChart *
rex_table_page_get_chart (RexTablePage *self)
{
  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), NULL);
  return self->chart;
}

guint
rex_table_page_get_n_rows (RexTablePage *self)
{
  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

GtkColumnView *
rex_table_page_get_column_view (RexTablePage *self)
{
  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), NULL);
  return self->column_view;
}

const char *
rex_table_page_get_cell (RexTablePage *self,
                         guint         row,
                         guint         column)
{
  g_autoptr(RexTableRow) item = NULL;

  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  if (item == NULL || column >= item->cells->len)
    return NULL;
  /* The row lives in the store as long as the table shows it. */
  return row_cell (item, column);
}

/* @shown as a spreadsheet takes it: numbers as the CSV export writes them,
 * a text that a spreadsheet would run as a formula behind a single quote,
 * as in the CSV. Tabs and line breaks would start another cell or row:
 * they become spaces. */
static void
append_spreadsheet_cell (GString    *text,
                         const char *shown)
{
  g_autofree char *flat = g_strdelimit (g_strdup (shown), "\t\r\n", ' ');
  g_autofree char *cell = rex_export_spreadsheet_cell (flat);

  g_string_append (text, cell);
}

/* A table cell as it is pasted: numbers without separators, so that a
 * spreadsheet reads them as numbers; codes in the reader's language; an
 * empty cell empty. */
static void
append_pasted_cell (GString    *text,
                    const char *raw)
{
  g_autofree char *shown = NULL;
  double value;

  if (*raw == '\0')
    return;
  shown = rex_chart_table_parse_number (raw, &value) ? g_strdup (raw) : display_text (raw, FALSE);
  append_spreadsheet_cell (text, shown);
}

/* The columns on screen and the selected rows (every row when none is
 * selected), in the order shown, as tab-separated lines under a header. */
char *
rex_table_page_dup_rows_text (RexTablePage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GListModel *columns;
  GString *text;
  guint n;

  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), NULL);

  text = g_string_new (NULL);
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      if (c > 0)
        g_string_append_c (text, '\t');
      append_spreadsheet_cell (text, gtk_column_view_column_get_title (column));
    }
  g_string_append_c (text, '\n');

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(RexTableRow) row = NULL;

      if (!gtk_bitset_is_empty (selected) && !gtk_bitset_contains (selected, r))
        continue;
      row = g_list_model_get_item (G_LIST_MODEL (self->sorted), r);
      for (guint c = 0; c < self->shown->len; c++)
        {
          if (c > 0)
            g_string_append_c (text, '\t');
          append_pasted_cell (text, row_cell (row, g_array_index (self->shown, guint, c)));
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

RexChartTable *
rex_table_page_dup_shown (RexTablePage *self)
{
  g_autoptr(RexChartTable) data = NULL;
  RexChartTable *shown;
  guint n;

  g_return_val_if_fail (REX_IS_TABLE_PAGE (self), NULL);

  if (self->chart == NULL)
    return NULL;
  data = rex_chart_get_table (self->chart);
  shown = rex_chart_table_new ();
  shown->source_line = g_strdup (data->source_line);
  for (guint c = 0; c < self->shown->len; c++)
    g_ptr_array_add (shown->columns, g_strdup (data->columns->pdata[g_array_index (self->shown, guint, c)]));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(RexTableRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), r);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < self->shown->len; c++)
        g_ptr_array_add (cells, g_strdup (row_cell (row, g_array_index (self->shown, guint, c))));
      g_ptr_array_add (shown->rows, cells);
    }
  return shown;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autofree char *text = rex_table_page_dup_rows_text (REX_TABLE_PAGE (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
rex_table_page_dispose (GObject *object)
{
  RexTablePage *self = REX_TABLE_PAGE (object);

  g_clear_object (&self->chart);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_TABLE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->numeric, g_array_unref);
  G_OBJECT_CLASS (rex_table_page_parent_class)->dispose (object);
}

static void
rex_table_page_class_init (RexTablePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_table_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-table-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RexTablePage, box);
  gtk_widget_class_bind_template_child (widget_class, RexTablePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RexTablePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RexTablePage, stack);
  gtk_widget_class_bind_template_child (widget_class, RexTablePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RexTablePage, source_label);

  gtk_widget_class_install_action (widget_class, "table.copy", NULL, copy_action);
  /* Before the window's Ctrl+C (Copy Chart) while the focus is in the table. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "table.copy", NULL);
}

static void
rex_table_page_init (RexTablePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (REX_TYPE_TABLE_ROW);
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->numeric = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.copy", FALSE);
}
