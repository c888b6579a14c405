/* rex-table-import-ods.c — an OpenDocument spreadsheet (.ods), as
 * LibreOffice Calc saves by default, read as the table its sheet shows.
 *
 * An .ods file is a ZIP archive (rex-zip.c) whose content.xml holds every
 * sheet (<table:table>) as rows and cells. Each sheet becomes the text of
 * a CSV table, row r on line r, as the .xlsx reader makes it: a number to
 * 15 significant digits, a percentage as "5.4%", a date as 2024-12-31, a
 * string as shown. A cell or row repeated (number-columns-repeated,
 * number-rows-repeated; LibreOffice writes a sheet's empty tail as one
 * cell repeated thousands of times) is written out only where it holds
 * something. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

#define CONTENT  "content.xml"
#define MAX_REPEAT 1000

typedef struct
{
  RexTableImport *self;
  GPtrArray      *names;       /* of the sheets */
  GPtrArray      *texts;       /* GString: the CSV text of each sheet */
  GString        *out;         /* of the sheet being read, or NULL */
  GString        *line;        /* the row being read */
  guint           lines;       /* rows written to out */
  guint           blank_rows;  /* empty rows not written yet */
  guint           column;      /* the next cell's column, from 0 */
  guint           commas;      /* written to line */
  guint           row_repeat;
  guint           cell_repeat;
  GString        *cell;        /* the shown text of the cell being read */
  char           *value;       /* its typed value, as the sheet holds it */
  gboolean        in_text;
} Ods;

static guint
repeat_attribute (const char  *name,
                  const char **names,
                  const char **values)
{
  const char *value = rex_table_import_attribute (name, names, values);
  guint64 n = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, G_MAXUINT);
}

/* The text of a cell as Excel would show it, from its typed value: a
 * date, or a number; NULL when its shown text is what counts (a string,
 * or a value that does not read). */
static char *
typed_text (const char *type,
            const char *value,
            const char *date)
{
  double number;
  char *end;

  if (date != NULL && g_str_equal (type, "date"))
    return g_strndup (date, MIN (strlen (date), 10));
  if (value == NULL || (!g_str_equal (type, "float") && !g_str_equal (type, "percentage")
                        && !g_str_equal (type, "currency")))
    return NULL;
  number = g_ascii_strtod (value, &end);
  if (*end != '\0')
    return NULL;
  return rex_table_import_number_text (number, g_str_equal (type, "percentage") ? FORMAT_PERCENT : FORMAT_NUMBER,
                                       FALSE);
}

static void
ods_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             data,
           GError             **error)
{
  Ods *o = data;
  const char *name = rex_table_import_local_name (element);

  if (g_str_equal (name, "table") && o->out == NULL)
    {
      const char *sheet = rex_table_import_attribute ("name", names, values);

      g_ptr_array_add (o->names, g_strdup (sheet != NULL ? sheet : ""));
      o->out = g_string_new (NULL);
      o->lines = o->blank_rows = 0;
    }
  else if (o->out == NULL)
    return;
  else if (g_str_equal (name, "table-row"))
    {
      o->row_repeat = repeat_attribute ("number-rows-repeated", names, values);
      g_string_truncate (o->line, 0);
      o->column = o->commas = 0;
    }
  else if (g_str_equal (name, "table-cell") || g_str_equal (name, "covered-table-cell"))
    {
      const char *type = rex_table_import_attribute ("value-type", names, values);

      o->cell_repeat = repeat_attribute ("number-columns-repeated", names, values);
      o->cell = g_string_new (NULL);
      g_free (o->value);
      o->value = type != NULL ? typed_text (type, rex_table_import_attribute ("value", names, values),
                                            rex_table_import_attribute ("date-value", names, values))
                              : NULL;
    }
  else if (o->cell != NULL && g_str_equal (name, "p"))
    {
      if (o->cell->len > 0)
        g_string_append_c (o->cell, ' ');
      o->in_text = TRUE;
    }
  else if (o->cell != NULL && o->in_text && (g_str_equal (name, "s") || g_str_equal (name, "line-break")
                                             || g_str_equal (name, "tab")))
    g_string_append_c (o->cell, ' ');
}

static void
ods_text (GMarkupParseContext *context,
          const char          *text,
          gsize                length,
          gpointer             data,
          GError             **error)
{
  Ods *o = data;

  if (o->cell != NULL && o->in_text)
    g_string_append_len (o->cell, text, length);
}

/* The cell just read, written as many times as it is repeated when it
 * holds something. */
static void
end_cell (Ods *o)
{
  g_autofree char *text = o->value != NULL ? g_steal_pointer (&o->value)
                                           : g_strdup (g_strstrip (o->cell->str));
  guint repeat = MIN (o->cell_repeat, REX_TABLE_MAX_COLUMNS + 1);
  guint copies = *text != '\0' ? MIN (repeat, MAX_REPEAT) : 0;

  g_string_free (g_steal_pointer (&o->cell), TRUE);
  for (guint i = 0; i < copies && o->column + i <= REX_TABLE_MAX_COLUMNS; i++)
    {
      /* Column c starts after c commas on its line. */
      for (; o->commas < o->column + i; o->commas++)
        g_string_append_c (o->line, ',');
      rex_table_import_append_cell (o->line, text);
    }
  /* Past the last column the table may have, the column stays there: a
   * row of countless repeated cells neither wraps round nor grows. */
  o->column = MIN (o->column + repeat, REX_TABLE_MAX_COLUMNS + 1);
}

/* The row just read: its line, as many times as it is repeated, after the
 * empty rows above it; an empty row only counted. */
static gboolean
end_row (Ods     *o,
         GError **error)
{
  guint repeat = o->row_repeat;

  /* Empty rows are counted, no further than past the last row a table
   * may have: a sheet of countless ones neither wraps the count round nor
   * grows. */
  if (o->line->len == 0)
    {
      o->blank_rows = MIN ((guint64) o->blank_rows + repeat, REX_TABLE_MAX_ROWS + 1);
      return TRUE;
    }
  repeat = MIN (repeat, MAX_REPEAT);
  if ((guint64) o->lines + o->blank_rows + repeat > REX_TABLE_MAX_ROWS)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s:%u: more than %d rows; that is the limit"),
                   o->self->display_name, o->lines + o->blank_rows + 1, REX_TABLE_MAX_ROWS);
      return FALSE;
    }
  if (o->out->len > REX_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: the sheet's text is over %d MiB; that is the limit"),
                   o->self->display_name, REX_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  for (; o->blank_rows > 0; o->blank_rows--, o->lines++)
    g_string_append_c (o->out, '\n');
  for (guint i = 0; i < repeat; i++, o->lines++)
    {
      g_string_append_len (o->out, o->line->str, o->line->len);
      g_string_append_c (o->out, '\n');
    }
  return TRUE;
}

static void
ods_end (GMarkupParseContext *context,
         const char          *element,
         gpointer             data,
         GError             **error)
{
  Ods *o = data;
  const char *name = rex_table_import_local_name (element);

  if (o->out == NULL)
    return;
  if (g_str_equal (name, "p"))
    o->in_text = FALSE;
  else if ((g_str_equal (name, "table-cell") || g_str_equal (name, "covered-table-cell")) && o->cell != NULL)
    end_cell (o);
  else if (g_str_equal (name, "table-row"))
    end_row (o, error);
  else if (g_str_equal (name, "table"))
    {
      g_ptr_array_add (o->texts, g_steal_pointer (&o->out));
    }
}

static void
free_text (gpointer text)
{
  g_string_free (text, TRUE);
}

/* The sheet @index, already read. */
static gboolean
copy_sheet (RexTableImport *self,
            guint           index,
            GString        *out,
            gpointer        data,
            GError        **error)
{
  GPtrArray *texts = data;

  g_string_assign (out, ((GString *) texts->pdata[index])->str);
  return TRUE;
}

/* The sheet named, or else the first that holds a table, of the .ods in
 * @zip, as CSV text. */
gboolean
rex_table_import_read_ods (RexTableImport *self,
                           const RexZip   *zip,
                           const char     *wanted_sheet,
                           GError        **error)
{
  static const GMarkupParser parser = { ods_start, ods_end, ods_text, NULL, NULL };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (free_text);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *part = NULL;
  Ods o = { self, names, texts, NULL, line, 0, 0, 0, 0, 1, 1, NULL, NULL, FALSE };
  gsize length = 0;
  gboolean parsed;

  part = rex_table_import_read_part (self, zip, CONTENT, FALSE, &length, error);
  if (part == NULL)
    return FALSE;
  parsed = rex_table_import_parse_part (self, CONTENT, part, length, &parser, &o, error);
  if (o.out != NULL)
    g_string_free (o.out, TRUE);
  if (o.cell != NULL)
    g_string_free (o.cell, TRUE);
  g_free (o.value);
  if (!parsed)
    return FALSE;
  if (texts->len < names->len)
    {
      rex_table_import_set_damaged (self, CONTENT, _("a sheet does not end"), error);
      return FALSE;
    }
  return rex_table_import_take_first_table (self, names, CONTENT, wanted_sheet, copy_sheet, texts, error);
}
