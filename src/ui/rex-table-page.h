/* rex-table-page.h — the Table view: the data behind a chart in a sortable
 * GtkColumnView. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_TABLE_PAGE (rex_table_page_get_type ())
G_DECLARE_FINAL_TYPE (RexTablePage, rex_table_page, REX, TABLE_PAGE, GtkWidget)

/* Lists the data behind @chart (NULL clears the table). */
void        rex_table_page_set_chart   (RexTablePage *self,
                                        RexChart     *chart);
RexChart   *rex_table_page_get_chart   (RexTablePage *self);
/* Number of data rows shown. */
guint       rex_table_page_get_n_rows  (RexTablePage *self);
/* The column view (for tests). */
GtkColumnView *rex_table_page_get_column_view (RexTablePage *self);
/* The text of a cell in display order (after sorting); NULL when out of range. */
const char *rex_table_page_get_cell    (RexTablePage *self,
                                        guint         row,
                                        guint         column);
/* The cell as the view shows it: numbers with separators, codes in the
 * reader's language, "no data" for an empty number. */
char         *rex_table_page_get_cell_text (RexTablePage *self,
                                            guint         row,
                                            guint         column);
/* What Copy puts on the clipboard: the columns shown and the selected rows
 * (every row when none is selected), in the order shown, as tab-separated
 * lines under a header. */
char       *rex_table_page_dup_rows_text (RexTablePage *self);
/* The table as shown: the columns on screen and every row in the order
 * shown, the cells as the chart's table has them; NULL without a chart. */
RexChartTable *rex_table_page_dup_shown (RexTablePage *self);

G_END_DECLS
