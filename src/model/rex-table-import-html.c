/* rex-table-import-html.c — a table saved as a web page.
 *
 * Many sites' "Excel" downloads, and Excel's own "Web Page" files, are an
 * HTML <table> under an .xls name. Its rows and cells (<tr>, <td>, <th>)
 * are turned into the text of a CSV table, one line a row, so that the
 * importer reads it as any other table: a cell spanning columns or rows
 * stands in the first of them, the others empty, as merged cells in a
 * workbook. Tags inside a cell are dropped, line breaks read as spaces,
 * character references decoded. The first table with a row of two cells
 * or more is read.
 *
 * An Excel 2003 XML spreadsheet (SpreadsheetML, also saved as .xls) has
 * the same shape in other words: <Table>, <Row>, <Cell> with
 * ss:MergeAcross and ss:MergeDown for spans and ss:Index for the cells and
 * rows it leaves out; its dates ("2024-12-31T00:00:00.000") read as the
 * date. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

#define MAX_SPAN 1000

typedef struct
{
  GString   *out;      /* the CSV text */
  GPtrArray *row;      /* the texts of the row being read */
  GString   *cell;     /* the text of the cell being read, or NULL */
  GArray    *covered;  /* guint per column: rows a cell above still spans */
  guint      colspan;
  guint      rowspan;
  gboolean   date;     /* the cell holds a SpreadsheetML DateTime */
  int        depth;    /* of nested tables */
  guint      lines;    /* written to out */
} Html;

/* TRUE when the decoded text is a web page holding a table. */
gboolean
rex_table_import_is_html (const char *text,
                          gsize       length)
{
  gsize head = MIN (length, 64 * 1024);
  const char *p = text;

  while (p < text + head && g_ascii_isspace (*p))
    p++;
  if (p == text + head || *p != '<')
    return FALSE;
  for (const char *q = p; q + 6 <= text + head; q++)
    if (*q == '<' && g_ascii_strncasecmp (q, "<table", 6) == 0)
      return TRUE;
  return FALSE;
}

/* The number the attribute @name of the tag @tag (@length bytes) gives,
 * from 0 to @max; @fallback without one. */
static guint
number_attribute (const char *tag,
                  gsize       length,
                  const char *name,
                  guint       max,
                  guint       fallback)
{
  gsize n = strlen (name);

  for (gsize i = 0; i + n < length; i++)
    if (g_ascii_strncasecmp (tag + i, name, n) == 0 && (i == 0 || !g_ascii_isalnum (tag[i - 1]))
        && !g_ascii_isalnum (tag[i + n]))
      {
        const char *p = tag + i + n;
        guint64 value = 0;

        while (p < tag + length && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
          p++;
        if (p == tag + length || !g_ascii_isdigit (*p))
          return fallback;
        while (p < tag + length && g_ascii_isdigit (*p) && value <= max)
          value = value * 10 + (*p++ - '0');
        return value <= max ? (guint) value : fallback;
      }
  return fallback;
}

/* A character reference at @p ("&amp;", "&#20013;", "&#x4E2D;"),
 * appended to @out; returns where it ends, or @p when it is none. */
static const char *
append_reference (GString    *out,
                  const char *p,
                  const char *end)
{
  static const struct { const char *name; gunichar c; } names[] = {
    { "&nbsp;", ' ' }, { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
    { "&quot;", '"' }, { "&apos;", '\'' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((gsize) (end - p) >= strlen (names[i].name) && strncmp (p, names[i].name, strlen (names[i].name)) == 0)
      {
        g_string_append_unichar (out, names[i].c);
        return p + strlen (names[i].name);
      }
  if (end - p >= 4 && p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *q = p + (hex ? 3 : 2);
      guint64 c = 0;

      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)) && c <= 0x10FFFF)
        c = c * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q++) : g_ascii_digit_value (*q++));
      if (q < end && *q == ';' && q > p + (hex ? 3 : 2) && g_unichar_validate ((gunichar) c) && c != 0)
        {
          g_string_append_unichar (out, (gunichar) c);
          return q + 1;
        }
    }
  return p;
}

/* Columns that a cell of a row above still spans: empty here. */
static void
skip_covered (Html *h)
{
  while (h->row->len < h->covered->len && g_array_index (h->covered, guint, h->row->len) > 0)
    {
      g_array_index (h->covered, guint, h->row->len)--;
      g_ptr_array_add (h->row, g_strdup (""));
    }
}

static void
end_cell (Html *h)
{
  guint first;

  if (h->cell == NULL)
    return;
  skip_covered (h);
  first = h->row->len;
  /* "2024-12-31T00:00:00.000": the date. */
  if (h->date && h->cell->len > 10 && h->cell->str[10] == 'T')
    g_string_truncate (h->cell, 10);
  g_ptr_array_add (h->row, g_strstrip (g_string_free (g_steal_pointer (&h->cell), FALSE)));
  for (guint i = 1; i < h->colspan && h->row->len <= REX_TABLE_MAX_COLUMNS; i++)
    g_ptr_array_add (h->row, g_strdup (""));
  if (h->covered->len < h->row->len)
    g_array_set_size (h->covered, h->row->len);
  for (guint c = first; c < h->row->len; c++)
    g_array_index (h->covered, guint, c) = h->rowspan - 1;
}

/* The row read, as a line of CSV. */
static void
end_row (Html *h)
{
  end_cell (h);
  if (h->row->len == 0)
    return;
  skip_covered (h);
  for (guint c = 0; c < h->row->len; c++)
    {
      if (c > 0)
        g_string_append_c (h->out, ',');
      rex_table_import_append_cell (h->out, h->row->pdata[c]);
    }
  g_string_append_c (h->out, '\n');
  h->lines++;
  g_ptr_array_set_size (h->row, 0);
}

/* What the tag @tag (@length bytes, without its brackets) does. Returns
 * TRUE when the first table with a table in it has ended. */
static gboolean
read_tag (Html       *h,
          const char *tag,
          gsize       length)
{
  gboolean closing = length > 0 && tag[0] == '/';
  const char *name = tag + closing;
  gsize n = 0;

  while (n < length - closing && g_ascii_isalnum (name[n]))
    n++;
#define IS(word) (n == strlen (word) && g_ascii_strncasecmp (name, word, n) == 0)
  if (IS ("table"))
    {
      h->depth += closing ? -1 : 1;
      if (closing && h->depth == 0)
        {
          end_row (h);
          if (rex_table_import_holds_table (h->out->str))
            return TRUE;
          g_string_truncate (h->out, 0);
          g_array_set_size (h->covered, 0);
          h->lines = 0;
        }
    }
  else if (h->depth != 1)
    ;   /* outside the table, or in a table inside one of its cells */
  else if (IS ("tr") || IS ("row"))
    {
      /* SpreadsheetML's ss:Index: the rows it leaves out are empty. */
      guint index = closing ? 0 : number_attribute (tag, length, "ss:Index", REX_TABLE_MAX_ROWS, 0);

      end_row (h);
      for (; index > 0 && h->lines + 1 < index; h->lines++)
        g_string_append_c (h->out, '\n');
    }
  else if ((IS ("td") || IS ("th") || IS ("cell")) && !closing)
    {
      guint index = number_attribute (tag, length, "ss:Index", REX_TABLE_MAX_COLUMNS, 0);

      end_cell (h);
      while (index > 0 && h->row->len + 1 < index)
        g_ptr_array_add (h->row, g_strdup (""));
      h->cell = g_string_new (NULL);
      h->colspan = number_attribute (tag, length, "colspan", MAX_SPAN, 1);
      h->rowspan = number_attribute (tag, length, "rowspan", MAX_SPAN, 1);
      h->colspan = MAX (h->colspan, 1 + number_attribute (tag, length, "ss:MergeAcross", MAX_SPAN - 1, 0));
      h->rowspan = MAX (h->rowspan, 1 + number_attribute (tag, length, "ss:MergeDown", MAX_SPAN - 1, 0));
      h->date = FALSE;
    }
  else if (IS ("td") || IS ("th") || IS ("cell"))
    end_cell (h);
  else if (IS ("data") && !closing && h->cell != NULL)
    h->date = g_strstr_len (tag, length, "DateTime") != NULL;
  else if (h->cell != NULL && (IS ("br") || IS ("p") || IS ("div")))
    g_string_append_c (h->cell, ' ');
#undef IS
  return FALSE;
}

/* Where the tag at @p ends (its '>'), quotes in it passed over; NULL
 * when it does not. */
static const char *
tag_end (const char *p,
         const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0 && *p == quote)
        quote = 0;
      else if (quote == 0 && (*p == '"' || *p == '\''))
        quote = *p;
      else if (quote == 0 && *p == '>')
        return p;
    }
  return NULL;
}

gboolean
rex_table_import_read_html (RexTableImport *self,
                            GError        **error)
{
  const char *p = self->text, *end = self->text + self->text_len;
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) covered = g_array_new (FALSE, TRUE, sizeof (guint));
  Html h = { g_string_new (NULL), row, NULL, covered, 1, 1, FALSE, 0, 0 };

  while (p < end)
    {
      if (*p == '<' && end - p >= 4 && strncmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          p = close != NULL ? close + 3 : end;
        }
      else if (*p == '<')
        {
          const char *close = tag_end (p + 1, end);
          const char *skip_to = NULL;

          if (close == NULL)
            break;
          if (g_ascii_strncasecmp (p + 1, "script", 6) == 0)
            skip_to = "</script";
          else if (g_ascii_strncasecmp (p + 1, "style", 5) == 0)
            skip_to = "</style";
          if (read_tag (&h, p + 1, close - p - 1))
            break;
          p = close + 1;
          if (skip_to != NULL)
            {
              const char *q = p;

              while (q < end && g_ascii_strncasecmp (q, skip_to, strlen (skip_to)) != 0)
                q++;
              p = q;
            }
        }
      else if (*p == '&' && h.cell != NULL)
        {
          const char *after = append_reference (h.cell, p, end);

          if (after == p)
            g_string_append_c (h.cell, *p++);
          else
            p = after;
        }
      else
        {
          if (h.cell != NULL)
            {
              /* Runs of white space, line breaks too, read as one space. */
              if (!g_ascii_isspace (*p))
                g_string_append_c (h.cell, *p);
              else if (h.cell->len > 0 && h.cell->str[h.cell->len - 1] != ' ')
                g_string_append_c (h.cell, ' ');
            }
          p++;
        }
      if (h.out->len > REX_TABLE_MAX_FILE_SIZE)
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                       _("%s: the table's text is over %d MiB; that is the limit"),
                       self->display_name, REX_TABLE_MAX_FILE_SIZE / (1024 * 1024));
          g_string_free (h.out, TRUE);
          if (h.cell != NULL)
            g_string_free (h.cell, TRUE);
          return FALSE;
        }
    }
  end_row (&h);

  g_free (self->text);
  self->text_len = h.out->len;
  self->text = g_string_free (h.out, FALSE);
  self->delimiter = ',';
  return TRUE;
}
