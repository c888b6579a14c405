/* rex-chart-table.c — the data behind another chart, drawn as a table.
 *
 * The chart named by spec->table_of is built with the same spec and its
 * RexChartTable (the CSV export's rows) is laid out as a clean table image:
 * a header with units, zebra rows, numbers right-aligned with thousands
 * separators, "no data" cells muted, and a count of the rows that do not fit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rex-chart-private.h"

typedef struct
{
  gboolean numeric;   /* every non-empty cell is a number */
  gboolean year;      /* integers shown without separators */
  int      decimals;
  double   width;     /* layout */
  double   x;
  double   least;     /* the width below which a number or a word of the header is cut */
} TableColumn;

/* A header wraps to at most this many lines in a narrow column. */
#define HEADER_LINES 3

typedef struct
{
  RexChartTable *table;
  GArray        *columns;    /* TableColumn */
  char          *source_line;

  /* layout */
  double         row_h, header_h, top;
  guint          first;      /* the first row drawn: 0 but on a later page */
  guint          n_shown;    /* rows drawn */
  guint          n_pages;    /* how many pages hold every row, printed */
} Table;

static void
table_free (gpointer data)
{
  Table *table = data;

  rex_chart_table_free (table->table);
  g_array_unref (table->columns);
  g_free (table->source_line);
  g_free (table);
}

static const char *
cell_at (const Table *table,
         guint        row,
         guint        column)
{
  GPtrArray *cells = table->table->rows->pdata[row];

  return column < cells->len ? cells->pdata[column] : "";
}

/* Which columns hold numbers, years, and how many decimals they show. */
static void
analyse_columns (Table *table)
{
  g_array_set_size (table->columns, 0);
  for (guint c = 0; c < table->table->columns->len; c++)
    {
      TableColumn column = { rex_chart_table_column_is_numeric (table->table, c), TRUE, 0, 0, 0 };
      const char *name = table->table->columns->pdata[c];
      g_autofree char *folded = g_utf8_casefold (name, -1);
      g_autofree char *year_word = g_utf8_casefold (_("Year"), -1);

      for (guint r = 0; r < table->table->rows->len && column.numeric; r++)
        {
          const char *cell = cell_at (table, r, c);
          const char *dot;
          double v;

          if (!rex_chart_table_parse_number (cell, &v))
            continue;
          column.year &= v == floor (v) && v >= REX_YEAR_MIN && v <= REX_YEAR_MAX;
          dot = strchr (cell, '.');
          if (dot != NULL && strpbrk (cell, "eE") == NULL)
            column.decimals = MAX (column.decimals, (int) strlen (dot + 1));
        }
      /* Only a column titled as a year prints 2024 rather than 2,024. */
      column.year &= column.numeric && strstr (folded, year_word) != NULL;
      /* Raw values keep full precision for CSV; people read at most two decimals. */
      column.decimals = MIN (column.decimals, 2);
      g_array_append_val (table->columns, column);
    }
}

static gpointer
table_prepare (RexChart  *chart,
               GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  g_autoptr(RexChartSpec) inner_spec = NULL;
  g_autoptr(RexChart) inner = NULL;
  g_autofree char *title = NULL;
  Table *table;

  if (spec->table_of == REX_CHART_KIND_TABLE)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("A table lists the data of another chart kind; choose one with --table-of"));
      return NULL;
    }
  inner_spec = rex_chart_spec_copy (spec);
  inner_spec->kind = spec->table_of;
  inner = rex_chart_new (rex_chart_get_dataset (chart), inner_spec, error);
  if (inner == NULL)
    return NULL;

  table = g_new0 (Table, 1);
  table->table = rex_chart_get_table (inner);
  table->columns = g_array_new (FALSE, TRUE, sizeof (TableColumn));
  table->source_line = g_strdup (table->table->source_line);

  analyse_columns (table);

  /* Translators: title of the table view of a chart: "Data: GDP" */
  title = g_strdup_printf (_("Data: %s"), rex_chart_get_title (inner));
  rex_chart_set_titles (chart, title, rex_chart_get_subtitle (inner));
  if (rex_chart_get_empty_message (inner) != NULL)
    rex_chart_set_empty (chart, rex_chart_get_empty_message (inner));
  else if (table->table->rows->len == 0 || table->table->columns->len == 0)
    rex_chart_set_empty (chart, _("This chart has no data to list."));
  return table;
}

static char *
format_cell (const Table       *table,
             const TableColumn *column,
             const char        *cell)
{
  double v;

  /* An empty number is missing data; an empty text cell is just empty. */
  if (*cell == '\0')
    return g_strdup (column->numeric ? _("no data") : "");
  if (!column->numeric || !rex_chart_table_parse_number (cell, &v))
    return g_strdup (cell);
  if (column->year)
    return g_strdup_printf ("%.0f", v);
  /* Never "0.00" for 0.004: "<0.01". */
  return rex_format_figure (v, column->decimals);
}

static PangoLayout *
source_layout (const Table         *table,
               const RexChartFrame *frame)
{
  PangoLayout *layout = rex_chart_role_text (frame, table->source_line, REX_CHART_TEXT_SMALL);

  pango_layout_set_width (layout, (int) (frame->w * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* The rows drawn when @fit rows fit: the first that fit, and with @page
 * (from 1) those of that page. Returns how many rows the columns are
 * measured over: every row on pages, so that columns are as wide on each. */
static guint
choose_rows (Table *table,
             guint  fit,
             guint  page)
{
  guint n_rows = table->table->rows->len, per_page = MAX (fit, 1);

  table->n_pages = MAX ((n_rows + per_page - 1) / per_page, 1);
  if (page == 0)
    {
      /* When rows are left out, the last line says how many. */
      table->first = 0;
      table->n_shown = n_rows <= fit ? n_rows : (fit > 0 ? fit - 1 : 0);
      return table->n_shown;
    }
  table->first = (guint) MIN ((guint64) (page - 1) * per_page, n_rows);
  table->n_shown = MIN (per_page, n_rows - table->first);
  return n_rows;
}

/* Column @c's header, wrapped within @width (its text's width; 0: on one
 * line). */
static PangoLayout *
header_layout (const Table         *table,
               const RexChartFrame *frame,
               guint                c,
               double               width)
{
  PangoLayout *layout = rex_chart_text (frame, table->table->columns->pdata[c], 0.85, PANGO_WEIGHT_BOLD);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -HEADER_LINES);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

/* Each column's width, as wide as its header on one line and its widest
 * cell among the first @n_measured rows; a table too wide for @frame first
 * wraps its headers, each column giving up its share of the excess down to
 * its longest word or value. Returns the table's width. */
static double
measure_columns (Table               *table,
                 const RexChartFrame *frame,
                 guint                n_measured,
                 double               pad)
{
  guint n_cols = table->columns->len;
  double total = 0, spare = 0;

  for (guint c = 0; c < n_cols; c++)
    {
      TableColumn *column = &g_array_index (table->columns, TableColumn, c);
      g_autoptr(PangoLayout) header = header_layout (table, frame, c, 0);
      g_autoptr(PangoLayout) narrowest = header_layout (table, frame, c, 1);
      double w, values = 0;

      rex_chart_text_size (header, &w, NULL);
      for (guint r = 0; r < n_measured; r++)
        {
          g_autofree char *text = format_cell (table, column, cell_at (table, r, c));
          g_autoptr(PangoLayout) cell = rex_chart_role_text (frame, text, REX_CHART_TEXT_LABEL);
          double cw;

          rex_chart_text_size (cell, &cw, NULL);
          values = MAX (values, cw);
        }
      column->width = MAX (w, values) + pad;
      /* The header may wrap down to its longest word. */
      rex_chart_text_size (narrowest, &w, NULL);
      column->least = MAX (w, values) + pad;
      total += column->width;
      spare += column->width - column->least;
    }
  if (total <= frame->w || spare <= 0)
    return total;
  for (guint c = 0; c < n_cols; c++)
    {
      TableColumn *column = &g_array_index (table->columns, TableColumn, c);

      column->width -= (column->width - column->least) * MIN (1.0, (total - frame->w) / spare);
    }
  total = 0;
  for (guint c = 0; c < n_cols; c++)
    total += g_array_index (table->columns, TableColumn, c).width;
  return total;
}

static void
table_layout (RexChart            *chart,
              gpointer             data,
              const RexChartFrame *frame,
              GArray              *items)
{
  Table *table = data;
  guint n_cols = table->columns->len, n_measured;
  double total, pad = frame->em * 0.9, footer = 0, x;

  /* The inner chart's sources are ours: the footer is drawn by this kind. */
  if (table->source_line != NULL)
    {
      g_autoptr(PangoLayout) layout = source_layout (table, frame);
      rex_chart_text_size (layout, NULL, &footer);
      footer += frame->em * 0.6;
    }
  table->row_h = frame->em * 1.75;
  table->header_h = frame->em * 2.2;
  table->top = frame->y;

  n_measured = choose_rows (table, (guint) MAX (0.0, floor ((frame->h - footer - table->header_h) / table->row_h)),
                            rex_chart_get_page (chart));

  total = measure_columns (table, frame, n_measured, pad);
  /* Too wide: the widest text columns give up width down to a common cap,
   * and their text ellipsizes. Numbers are never cut. */
  if (total > frame->w && n_cols > 0)
    {
      double cap = frame->w / n_cols, fixed = 0;
      guint n_wide = n_cols;

      for (gboolean changed = TRUE; changed && n_wide > 0;)
        {
          changed = FALSE;
          fixed = 0;
          n_wide = 0;
          for (guint c = 0; c < n_cols; c++)
            {
              const TableColumn *column = &g_array_index (table->columns, TableColumn, c);
              double w = column->width;
              if (column->numeric || w <= cap)
                fixed += w;
              else
                n_wide++;
            }
          if (n_wide > 0 && (frame->w - fixed) / n_wide > cap + 0.01)
            {
              cap = (frame->w - fixed) / n_wide;
              changed = TRUE;
            }
        }
      for (guint c = 0; c < n_cols; c++)
        {
          TableColumn *column = &g_array_index (table->columns, TableColumn, c);
          if (!column->numeric)
            column->width = MIN (column->width, cap);
        }
    }
  x = frame->x;
  for (guint c = 0; c < n_cols; c++)
    {
      TableColumn *column = &g_array_index (table->columns, TableColumn, c);

      column->x = x;
      x += column->width;
    }
  /* Wrapped headers take the lines they need; then fewer rows fit. */
  for (guint c = 0; c < n_cols; c++)
    {
      const TableColumn *column = &g_array_index (table->columns, TableColumn, c);
      g_autoptr(PangoLayout) header = header_layout (table, frame, c, MAX (column->width - pad + 1, 1.0));
      double h;

      rex_chart_text_size (header, NULL, &h);
      table->header_h = MAX (table->header_h, h + frame->em * 0.9);
    }
  if (table->header_h > frame->em * 2.2)
    choose_rows (table, (guint) MAX (0.0, floor ((frame->h - footer - table->header_h) / table->row_h)),
                 rex_chart_get_page (chart));

  for (guint r = 0; r < table->n_shown; r++)
    {
      guint row = table->first + r;
      RexChartItem *item;
      double v = NAN;

      /* The last numeric column is the value the row is about. */
      for (guint c = n_cols; c > 0; c--)
        if (g_array_index (table->columns, TableColumn, c - 1).numeric
            && !g_array_index (table->columns, TableColumn, c - 1).year
            && rex_chart_table_parse_number (cell_at (table, row, c - 1), &v))
          break;
      item = rex_chart_append_item (items, NULL, NULL, 0, v, frame->x + frame->em * 0.5,
                                    table->top + table->header_h + table->row_h * (r + 0.5));
      item->label = cell_at (table, row, 0);
    }
}

static void
draw_cell (cairo_t             *cr,
           const RexChartFrame *frame,
           const TableColumn   *column,
           const char          *text,
           double               mid,
           PangoWeight          weight,
           const RexColor      *color)
{
  g_autoptr(PangoLayout) layout = rex_chart_text (frame, text, 0.85, weight);
  /* A pixel of slack: the column was measured with the same text. */
  double pad = frame->em * 0.45, w = MAX (column->width - 2 * pad + 1, 1.0);

  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, column->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  rex_chart_draw_text (cr, layout, column->x + pad, mid, 0.0, 0.5, color);
}

static void
table_draw (RexChart            *chart,
            gpointer             data,
            cairo_t             *cr,
            const RexChartFrame *frame)
{
  Table *table = data;
  const RexChartStyle *style = frame->style;
  guint n_rows = table->table->rows->len;
  double right = frame->x, y;
  RexColor zebra = rex_color_mix (&style->background, &style->foreground, 0.05);

  if (table->columns->len > 0)
    {
      const TableColumn *last = &g_array_index (table->columns, TableColumn, table->columns->len - 1);
      right = last->x + last->width;
    }

  for (guint c = 0; c < table->columns->len; c++)
    {
      const TableColumn *column = &g_array_index (table->columns, TableColumn, c);
      double pad = frame->em * 0.45;
      g_autoptr(PangoLayout) header = header_layout (table, frame, c, MAX (column->width - 2 * pad + 1, 1.0));

      pango_layout_set_alignment (header, column->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      rex_chart_draw_text (cr, header, column->x + pad, table->top + table->header_h / 2, 0.0, 0.5,
                           &style->foreground);
    }
  y = table->top + table->header_h;
  rex_chart_set_color (cr, &style->axis);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, frame->x, rex_chart_snap (cr, y, TRUE));
  cairo_line_to (cr, right, rex_chart_snap (cr, y, TRUE));
  cairo_stroke (cr);

  for (guint r = 0; r < table->n_shown; r++)
    {
      double top = y + table->row_h * r;

      /* Stripes by the row's place in the whole table, across pages. */
      if ((table->first + r) % 2 == 1)
        {
          rex_chart_set_color (cr, &zebra);
          cairo_rectangle (cr, frame->x, top, right - frame->x, table->row_h);
          cairo_fill (cr);
        }
      for (guint c = 0; c < table->columns->len; c++)
        {
          const TableColumn *column = &g_array_index (table->columns, TableColumn, c);
          const char *cell = cell_at (table, table->first + r, c);
          g_autofree char *text = format_cell (table, column, cell);

          draw_cell (cr, frame, column, text, top + table->row_h / 2, PANGO_WEIGHT_NORMAL,
                     *cell ? &style->foreground : &style->muted);
        }
    }
  if (rex_chart_get_page (chart) == 0 && table->n_shown < n_rows)
    {
      guint more = n_rows - table->n_shown;
      /* Translators: under a table cut short by the image size */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more row",
                                                            "… and %u more rows", more), more);
      g_autoptr(PangoLayout) layout = rex_chart_role_text (frame, text, REX_CHART_TEXT_LABEL);

      rex_chart_draw_text (cr, layout, frame->x + frame->em * 0.45, y + table->row_h * (table->n_shown + 0.5),
                           0.0, 0.5, &style->muted);
    }
  if (table->source_line != NULL)
    {
      g_autoptr(PangoLayout) layout = source_layout (table, frame);
      rex_chart_draw_text (cr, layout, frame->x, frame->y + frame->h, 0.0, 1.0, &style->muted);
    }
}

static int
table_hit_test (RexChart            *chart,
                gpointer             data,
                const RexChartFrame *frame,
                double               x,
                double               y)
{
  Table *table = data;
  double row = (y - table->top - table->header_h) / table->row_h;

  if (x < frame->x || x > frame->x + frame->w || row < 0 || row >= table->n_shown)
    return -1;
  return (int) row;
}

static void
table_draw_hover (RexChart            *chart,
                  gpointer             data,
                  cairo_t             *cr,
                  const RexChartFrame *frame,
                  const RexChartItem  *item)
{
  Table *table = data;

  rex_chart_draw_row_hover (cr, frame, table->top + table->header_h + table->row_h * item->index,
                            table->row_h, 0);
}

static void
table_fill_table (RexChart      *chart,
                  gpointer       data,
                  RexChartTable *out)
{
  Table *table = data;

  for (guint c = 0; c < table->table->columns->len; c++)
    g_ptr_array_add (out->columns, g_strdup (table->table->columns->pdata[c]));
  for (guint r = 0; r < table->table->rows->len; r++)
    {
      GPtrArray *cells = table->table->rows->pdata[r];
      GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < cells->len; c++)
        g_ptr_array_add (copy, g_strdup (cells->pdata[c]));
      g_ptr_array_add (out->rows, copy);
    }
  /* The outer chart adds no sources of its own: carry the inner line over. */
  if (out->source_line == NULL)
    out->source_line = g_strdup (table->source_line);
}

static guint
table_n_pages (RexChart *chart,
               gpointer  data)
{
  return ((Table *) data)->n_pages;
}

static char *
table_describe (RexChart *chart,
                gpointer  data)
{
  Table *table = data;

  /* Translators: screen reader summary of a table: "Data: GDP. 31 rows, 4 columns." */
  return g_strdup_printf (_("%s. %u rows, %u columns."), rex_chart_get_title (chart),
                          table->table->rows->len, table->table->columns->len);
}

/* A row as its cells are drawn, "Region: Guangdong, GDP (100 million yuan):
 * 141,489", empty cells left out. */
static char *
table_describe_item (RexChart           *chart,
                     gpointer            data,
                     const RexChartItem *item)
{
  Table *table = data;
  GString *text = g_string_new (NULL);
  guint row = table->first + item->index;

  for (guint c = 0; row < table->table->rows->len && c < table->table->columns->len; c++)
    {
      g_autofree char *cell = format_cell (table, &g_array_index (table->columns, TableColumn, c),
                                           cell_at (table, row, c));

      if (*cell == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, C_("item name", ", "));
      /* Translators: a cell in a table row's screen reader name: "GDP (100 million yuan): 141,489" */
      g_string_append_printf (text, _("%s: %s"), (const char *) table->table->columns->pdata[c], cell);
    }
  return g_string_free (text, FALSE);
}

void
rex_chart_table_kind_set_rows (gpointer       data,
                               RexChartTable *rows)
{
  Table *table = data;

  rex_chart_table_free (table->table);
  table->table = rows;
  analyse_columns (table);
}

const RexChartKindImpl rex_chart_table_impl = {
  .kind = REX_CHART_KIND_TABLE,
  .prepare = table_prepare,
  .free_data = table_free,
  .layout = table_layout,
  .draw = table_draw,
  .draw_hover = table_draw_hover,
  .hit_test = table_hit_test,
  .fill_table = table_fill_table,
  .n_pages = table_n_pages,
  .describe = table_describe,
  .describe_item = table_describe_item,
};
