/* rex-table-import-workbook.c — an Excel workbook (.xlsx) read as the
 * table its sheet shows.
 *
 * An .xlsx file is a ZIP archive of XML parts (ECMA-376, Office Open XML):
 * the workbook lists its sheets, each sheet holds its cells, and the text
 * of most cells is kept once in the shared strings. The sheet is turned
 * into the text of a CSV table, one line for each of the sheet's rows, so
 * that everything the importer reads in a CSV file it reads in a workbook
 * too, and a problem's line is the sheet's row. Cells are read as Excel
 * shows them: numbers to 15 significant digits, percentages as "85.5%",
 * dates as 2024-01-31, the cached result of a formula.
 *
 * The archive is read by rex-zip.c, which checks every offset and size
 * against the file, inflates each part into a buffer of its declared
 * size (bounded here) and checks its CRC-32. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"
#include "rex-zip.h"

/* Bounds on what a workbook may hold: its parts, inflated, and its shared
 * strings. */
#define MAX_PART_SIZE     REX_TABLE_MAX_FILE_SIZE
#define MAX_STRINGS       REX_TABLE_MAX_CELLS

gboolean
rex_table_import_is_workbook (const char *data,
                              gsize       size)
{
  return size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

/* The parts of the workbook */

void
rex_table_import_set_damaged (RexTableImport *self,
                              const char     *part,
                              const char     *what,
                              GError        **error)
{
  g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
               _("%s: the workbook is damaged (%s: %s); open it in a spreadsheet program and save it again"),
               self->display_name, part, what);
}

/* The part @name, NUL-terminated; NULL with *@error set when it is
 * damaged, or missing and not @optional (unset when missing and
 * @optional). */
char *
rex_table_import_read_part (RexTableImport *self,
                            const RexZip   *zip,
                            const char     *name,
                            gboolean        optional,
                            gsize          *length,
                            GError        **error)
{
  char *text = NULL;
  guint32 size = 0;

  switch (rex_zip_read (zip, name, MAX_PART_SIZE, &text, length, &size))
    {
    case REX_ZIP_OK:
      return text;
    case REX_ZIP_MISSING:
      if (!optional)
        rex_table_import_set_damaged (self, name, _("missing"), error);
      break;
    case REX_ZIP_ENCRYPTED:
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                   _("%s: the workbook is encrypted; save it without a password and import it again"),
                   self->display_name);
      break;
    case REX_ZIP_TOO_LARGE:
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: the workbook's part %s is %u MiB unpacked; the limit is %d MiB"),
                   self->display_name, name, size / (1024 * 1024), MAX_PART_SIZE / (1024 * 1024));
      break;
    case REX_ZIP_NO_MEMORY:
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: not enough memory to unpack the workbook's part %s"), self->display_name, name);
      break;
    case REX_ZIP_NO_HEADER:
      rex_table_import_set_damaged (self, name, _("no local header"), error);
      break;
    case REX_ZIP_TRUNCATED:
      rex_table_import_set_damaged (self, name, _("it runs past the end of the file"), error);
      break;
    case REX_ZIP_BROKEN:
      rex_table_import_set_damaged (self, name, _("its compressed data is broken"), error);
      break;
    case REX_ZIP_UNKNOWN_METHOD:
      rex_table_import_set_damaged (self, name, _("an unknown compression"), error);
      break;
    case REX_ZIP_BAD_CHECKSUM:
    default:
      rex_table_import_set_damaged (self, name, _("its checksum is wrong"), error);
      break;
    }
  return NULL;
}

/* XML parts */

/* The local name of an element or attribute: "x:row" → "row". */
const char *
rex_table_import_local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

const char *
rex_table_import_attribute (const char  *name,
                            const char **names,
                            const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (rex_table_import_local_name (names[i]), name))
      return values[i];
  return NULL;
}

gboolean
rex_table_import_parse_part (RexTableImport      *self,
                             const char          *part,
                             const char          *text,
                             gsize                length,
                             const GMarkupParser *parser,
                             gpointer             data,
                             GError             **error)
{
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (parser, 0, data, NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_markup_parse_context_parse (context, text, length, &local_error)
      && g_markup_parse_context_end_parse (context, &local_error))
    return TRUE;
  if (local_error->domain == REX_DATASET_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    rex_table_import_set_damaged (self, part, local_error->message, error);
  return FALSE;
}

/* The workbook part: its sheets in order (name, relationship id), and
 * whether its dates count from 1904. */
typedef struct
{
  GPtrArray *names;
  GPtrArray *ids;
  gboolean   date1904;
} Workbook;

static void
workbook_start (GMarkupParseContext *context,
                const char          *element,
                const char         **names,
                const char         **values,
                gpointer             data,
                GError             **error)
{
  Workbook *w = data;
  const char *name = rex_table_import_local_name (element);

  if (g_str_equal (name, "sheet"))
    {
      const char *sheet = rex_table_import_attribute ("name", names, values);
      const char *id = rex_table_import_attribute ("id", names, values);

      if (sheet != NULL && id != NULL)
        {
          g_ptr_array_add (w->names, g_strdup (sheet));
          g_ptr_array_add (w->ids, g_strdup (id));
        }
    }
  else if (g_str_equal (name, "workbookPr"))
    {
      const char *date1904 = rex_table_import_attribute ("date1904", names, values);

      w->date1904 = date1904 != NULL && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
    }
}

/* The relationships part: the target of one id. */
typedef struct
{
  const char *id;
  char       *target;
} Relation;

static void
relation_start (GMarkupParseContext *context,
                const char          *element,
                const char         **names,
                const char         **values,
                gpointer             data,
                GError             **error)
{
  Relation *r = data;
  const char *id = rex_table_import_attribute ("Id", names, values);
  const char *target = rex_table_import_attribute ("Target", names, values);

  if (g_str_equal (rex_table_import_local_name (element), "Relationship") && g_strcmp0 (id, r->id) == 0 && target != NULL
      && r->target == NULL)
    r->target = g_strdup (target);
}

/* The shared strings: the text of each <si>, its runs joined, its
 * phonetic guide (<rPh>) left out. */
typedef struct
{
  GPtrArray *strings;
  GString   *text;
  gboolean   in_text;
  guint      phonetic;
} Strings;

static void
strings_start (GMarkupParseContext *context,
               const char          *element,
               const char         **names,
               const char         **values,
               gpointer             data,
               GError             **error)
{
  Strings *s = data;
  const char *name = rex_table_import_local_name (element);

  if (g_str_equal (name, "si"))
    g_string_truncate (s->text, 0);
  else if (g_str_equal (name, "rPh"))
    s->phonetic++;
  else if (g_str_equal (name, "t"))
    s->in_text = s->phonetic == 0;
}

static void
strings_end (GMarkupParseContext *context,
             const char          *element,
             gpointer             data,
             GError             **error)
{
  Strings *s = data;
  const char *name = rex_table_import_local_name (element);

  if (g_str_equal (name, "t"))
    s->in_text = FALSE;
  else if (g_str_equal (name, "rPh") && s->phonetic > 0)
    s->phonetic--;
  else if (g_str_equal (name, "si"))
    {
      if (s->strings->len >= MAX_STRINGS)
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                     _("more than %d shared strings in the workbook; that is the limit"), MAX_STRINGS);
      else
        g_ptr_array_add (s->strings, g_strndup (s->text->str, s->text->len));
    }
}

static void
collect_text (GMarkupParseContext *context,
              const char          *text,
              gsize                length,
              gpointer             data,
              GError             **error)
{
  Strings *s = data;

  if (s->in_text)
    g_string_append_len (s->text, text, length);
}

/* The styles: for each cell style (cellXfs), whether its number format
 * shows a percentage or a date. */
typedef struct
{
  GHashTable *custom;      /* numFmtId → Format, of <numFmts> */
  GArray     *cell_formats; /* Format per cellXfs index */
  gboolean    in_cell_xfs;
} Styles;

/* What a format code shows: "0.0%" a percentage, "yyyy-mm-dd" a date.
 * Quoted text, escaped characters and [colour] sections do not count. */
Format
rex_table_import_format_of_code (const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        bracket = TRUE;
      else if (*p == ']')
        bracket = FALSE;
      else if (bracket)
        continue;
      else if (*p == '%')
        return FORMAT_PERCENT;
      else if (strchr ("yYdD", *p) != NULL || ((*p == 'm' || *p == 'M') && strchr (code, '0') == NULL))
        return FORMAT_DATE;
    }
  return FORMAT_NUMBER;
}

/* What the number format @id shows: a built-in one by its id, else the
 * workbook's own, in @custom (id → Format). */
Format
rex_table_import_format_of_id (GHashTable *custom,
                               guint       id)
{
  gpointer format;

  if (id == 9 || id == 10)
    return FORMAT_PERCENT;
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return FORMAT_DATE;
  if (g_hash_table_lookup_extended (custom, GUINT_TO_POINTER (id), NULL, &format))
    return GPOINTER_TO_INT (format);
  return FORMAT_NUMBER;
}

static void
styles_start (GMarkupParseContext *context,
              const char          *element,
              const char         **names,
              const char         **values,
              gpointer             data,
              GError             **error)
{
  Styles *s = data;
  const char *name = rex_table_import_local_name (element);
  const char *id = rex_table_import_attribute ("numFmtId", names, values);

  if (g_str_equal (name, "numFmt") && id != NULL)
    {
      const char *code = rex_table_import_attribute ("formatCode", names, values);

      g_hash_table_insert (s->custom, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                           GINT_TO_POINTER (code != NULL ? rex_table_import_format_of_code (code) : FORMAT_NUMBER));
    }
  else if (g_str_equal (name, "cellXfs"))
    s->in_cell_xfs = TRUE;
  else if (g_str_equal (name, "xf") && s->in_cell_xfs && s->cell_formats->len < 65536)
    {
      Format format = id != NULL ? rex_table_import_format_of_id (s->custom, (guint) g_ascii_strtoull (id, NULL, 10)) : FORMAT_NUMBER;

      g_array_append_val (s->cell_formats, format);
    }
}

static void
styles_end (GMarkupParseContext *context,
            const char          *element,
            gpointer             data,
            GError             **error)
{
  Styles *s = data;

  if (g_str_equal (rex_table_import_local_name (element), "cellXfs"))
    s->in_cell_xfs = FALSE;
}

/* The sheet, written out as CSV text: row r of the sheet on line r. */
typedef struct
{
  RexTableImport *self;
  GPtrArray      *strings;
  GArray         *cell_formats;
  gboolean        date1904;
  GString        *out;
  guint           row;         /* the row being read, 1-based; 0 before the first */
  guint           lines;       /* line breaks written: the text is on line lines + 1 */
  guint           column;      /* the column of the last cell written, 1-based; 0 none */
  guint           cell_column; /* of the cell being read */
  char            type[16];    /* its t attribute */
  guint           style;       /* its s attribute */
  GString        *value;       /* its <v> or inline text */
  gboolean        in_value;
} Sheet;

/* "B3" → column 2; 0 when @reference does not start with letters. */
static guint
column_of (const char *reference)
{
  guint column = 0;

  for (const char *p = reference; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > REX_TABLE_MAX_COLUMNS + 1)
        return REX_TABLE_MAX_COLUMNS + 1;
    }
  return column;
}

static void
sheet_start (GMarkupParseContext *context,
             const char          *element,
             const char         **names,
             const char         **values,
             gpointer             data,
             GError             **error)
{
  Sheet *s = data;
  const char *name = rex_table_import_local_name (element);

  if (g_str_equal (name, "row"))
    {
      const char *r = rex_table_import_attribute ("r", names, values);
      guint64 row = r != NULL ? g_ascii_strtoull (r, NULL, 10) : s->row + 1;

      if (row <= s->row)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, _("row %s is out of order"), r);
      else if (row > REX_TABLE_MAX_ROWS)
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                     _("%s:%u: more than %d rows; that is the limit"),
                     s->self->display_name, (guint) MIN (row, G_MAXUINT), REX_TABLE_MAX_ROWS);
      else
        {
          /* Row r of the sheet on line r of the text. */
          for (; s->lines + 1 < row; s->lines++)
            g_string_append_c (s->out, '\n');
          s->row = row;
          s->column = 0;
        }
    }
  else if (g_str_equal (name, "c"))
    {
      const char *r = rex_table_import_attribute ("r", names, values);
      const char *t = rex_table_import_attribute ("t", names, values);
      const char *style = rex_table_import_attribute ("s", names, values);

      s->cell_column = r != NULL ? column_of (r) : s->column + 1;
      if (s->row == 0 || s->cell_column <= s->column)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     _("cell %s is out of order"), r != NULL ? r : "");
      else if (s->cell_column > REX_TABLE_MAX_COLUMNS)
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                     _("%s:%u: more than %d columns; that is the limit"),
                     s->self->display_name, s->row, REX_TABLE_MAX_COLUMNS);
      g_strlcpy (s->type, t != NULL ? t : "n", sizeof s->type);
      s->style = style != NULL ? (guint) MIN (g_ascii_strtoull (style, NULL, 10), G_MAXUINT) : 0;
      g_string_truncate (s->value, 0);
    }
  else if (g_str_equal (name, "v") || (g_str_equal (name, "t") && g_str_equal (s->type, "inlineStr")))
    s->in_value = TRUE;
}

static void
sheet_text (GMarkupParseContext *context,
            const char          *text,
            gsize                length,
            gpointer             data,
            GError             **error)
{
  Sheet *s = data;

  if (s->in_value)
    g_string_append_len (s->value, text, length);
}

/* A serial date as Excel shows it: 2024-01-31. */
static char *
date_text (double serial,
           gboolean date1904)
{
  g_autoptr(GDateTime) base = date1904 ? g_date_time_new_utc (1904, 1, 1, 0, 0, 0)
                                       : g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
  g_autoptr(GDateTime) date = NULL;

  if (!(serial >= 0 && serial < 2958466))   /* up to 9999-12-31 */
    return NULL;
  date = g_date_time_add_days (base, (int) floor (serial));
  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : NULL;
}

/* The text Excel shows for @number in @format: 15 significant digits,
 * "85.5%", "2024-01-31". */
char *
rex_table_import_number_text (double   number,
                              Format   format,
                              gboolean date1904)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (format == FORMAT_DATE)
    {
      char *date = date_text (number, date1904);

      if (date != NULL)
        return date;
    }
  if (format == FORMAT_PERCENT)
    return g_strconcat (g_ascii_formatd (buffer, sizeof buffer, "%.15g", number * 100), "%", NULL);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", number));
}

/* The text Excel shows for the cell just read. */
static char *
cell_text (Sheet *s)
{
  const char *v = s->value->str;
  Format format = s->style < s->cell_formats->len ? g_array_index (s->cell_formats, Format, s->style)
                                                 : FORMAT_NUMBER;
  char *end;
  double number;

  if (*v == '\0')
    return g_strdup ("");   /* a cell with a style and no value */
  if (g_str_equal (s->type, "s"))
    {
      guint64 index = g_ascii_strtoull (v, &end, 10);

      return *end == '\0' && index < s->strings->len ? g_strdup (s->strings->pdata[index]) : NULL;
    }
  if (g_str_equal (s->type, "b"))
    return g_strdup (g_str_equal (v, "1") ? "TRUE" : "FALSE");
  if (!g_str_equal (s->type, "n"))
    return g_strdup (v);   /* str, inlineStr, e (#N/A) */

  number = g_ascii_strtod (v, &end);
  if (*end != '\0' || !isfinite (number))
    return g_strdup (v);
  return rex_table_import_number_text (number, format, s->date1904);
}

/* Appends @text as one CSV cell: quoted when it must be, line breaks in
 * it made spaces so that each row of the sheet stays one line. */
void
rex_table_import_append_cell (GString    *out,
                              const char *text)
{
  gboolean quote = text[0] == '#' || text[0] == ' ' || strpbrk (text, ",\"\n\r") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else if (*p == '"')
        g_string_append (out, "\"\"");
      else
        g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
sheet_end (GMarkupParseContext *context,
           const char          *element,
           gpointer             data,
           GError             **error)
{
  Sheet *s = data;
  const char *name = rex_table_import_local_name (element);

  if (g_str_equal (name, "v") || g_str_equal (name, "t"))
    s->in_value = FALSE;
  else if (g_str_equal (name, "c"))
    {
      g_autofree char *text = cell_text (s);

      if (text == NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       _("row %u: a cell names a shared string that is not there"), s->row);
          return;
        }
      if (*text == '\0')
        return;
      /* Column k starts after k - 1 commas on its line. */
      for (guint c = MAX (s->column, 1); c < s->cell_column; c++)
        g_string_append_c (s->out, ',');
      rex_table_import_append_cell (s->out, text);
      s->column = s->cell_column;
      if (s->out->len > MAX_PART_SIZE)
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                     _("%s: the sheet's text is over %d MiB; that is the limit"),
                     s->self->display_name, MAX_PART_SIZE / (1024 * 1024));
    }
}

/* The path in the archive of a relationship's target, relative to xl/. */
static char *
part_path (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

/* Which sheet: the one the options name (by name, or by number from 1),
 * else the first. */
static int
choose_sheet (RexTableImport *self,
              GPtrArray      *names,
              const char     *part,
              const char     *wanted,
              GError        **error)
{
  if (names->len == 0)
    {
      rex_table_import_set_damaged (self, part, _("it lists no sheet"), error);
      return -1;
    }
  if (wanted == NULL)
    return 0;
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], wanted))
      return i;
  {
    char *end;
    guint64 number = g_ascii_strtoull (wanted, &end, 10);
    g_autoptr(GString) list = g_string_new (NULL);

    if (*wanted != '\0' && *end == '\0' && number >= 1 && number <= names->len)
      return number - 1;
    for (guint i = 0; i < names->len; i++)
      g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", (const char *) names->pdata[i]);
    g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID,
                 _("%s: the workbook has no sheet “%s”; its sheets are %s"), self->display_name, wanted, list->str);
    return -1;
  }
}

/* TRUE when @text has a line of two filled cells or more: a table's
 * header, not only a title or notes. (Line breaks in cells were made
 * spaces: a line is a row.) */
gboolean
rex_table_import_holds_table (const char *text)
{
  guint filled = 0;
  gboolean quoted = FALSE, empty = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      if (!quoted && (*p == ',' || *p == '\n'))
        {
          filled += !empty;
          if (filled >= 2)
            return TRUE;
          if (*p == '\n')
            filled = 0;
          empty = TRUE;
        }
      else
        empty = FALSE;
    }
  return FALSE;
}

/* The sheet @wanted of @names (by name, or by number from 1), or else the
 * first that holds a table (a first sheet of notes is passed over), read
 * by @reader and taken as the table's text, as CSV. */
gboolean
rex_table_import_take_first_table (RexTableImport  *self,
                                   GPtrArray       *names,
                                   const char      *part,
                                   const char      *wanted,
                                   RexSheetReader   reader,
                                   gpointer         data,
                                   GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  int chosen = choose_sheet (self, names, part, wanted, error);

  if (chosen < 0 || !reader (self, chosen, out, data, error))
    return FALSE;
  for (guint i = chosen + 1; wanted == NULL && !rex_table_import_holds_table (out->str) && i < names->len; i++)
    {
      g_autoptr(GString) other = g_string_new (NULL);

      if (!reader (self, i, other, data, error))
        return FALSE;
      if (rex_table_import_holds_table (other->str))
        {
          chosen = i;
          g_string_assign (out, other->str);
        }
    }

  self->text_len = out->len;
  self->text = g_string_free (g_steal_pointer (&out), FALSE);
  self->encoding = g_strdup ("UTF-8");
  self->encoding_detected = TRUE;
  self->sheet_number = chosen + 1;
  g_ptr_array_add (names, NULL);
  self->sheet_names = (char **) g_ptr_array_steal (names, NULL);
  self->delimiter = ',';
  return TRUE;
}

/* The sheet @index as CSV text in @out; @error is not NULL. */
static gboolean
read_sheet (RexTableImport *self,
            const RexZip   *zip,
            const Workbook *workbook,
            guint           index,
            Sheet          *sheet,
            GError        **error)
{
  static const GMarkupParser relation_parser = { relation_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };
  Relation relation = { workbook->ids->pdata[index], NULL };
  g_autofree char *part = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;

  part = rex_table_import_read_part (self, zip, "xl/_rels/workbook.xml.rels", FALSE, &length, error);
  if (part == NULL
      || !rex_table_import_parse_part (self, "xl/_rels/workbook.xml.rels", part, length, &relation_parser, &relation, error))
    return FALSE;
  g_clear_pointer (&part, g_free);
  if (relation.target == NULL)
    {
      rex_table_import_set_damaged (self, "xl/_rels/workbook.xml.rels", _("a sheet's part is not named"), error);
      return FALSE;
    }
  path = part_path (relation.target);
  g_free (relation.target);

  g_string_truncate (sheet->out, 0);
  sheet->row = sheet->lines = sheet->column = 0;
  part = rex_table_import_read_part (self, zip, path, FALSE, &length, error);
  if (part == NULL || !rex_table_import_parse_part (self, path, part, length, &sheet_parser, sheet, error))
    return FALSE;
  g_string_append_c (sheet->out, '\n');
  return TRUE;
}

/* What an .xlsx's sheet is read from. */
typedef struct
{
  const RexZip   *zip;
  const Workbook *workbook;
  Sheet          *sheet;
} SheetSource;

static gboolean
read_sheet_into (RexTableImport *self,
                 guint           index,
                 GString        *out,
                 gpointer        data,
                 GError        **error)
{
  SheetSource *source = data;

  source->sheet->out = out;
  return read_sheet (self, source->zip, source->workbook, index, source->sheet, error);
}

/* The sheet named, or else the first that holds a table (a first sheet
 * of notes is passed over), as CSV text; @error is not NULL. */
static gboolean
read_workbook (RexTableImport *self,
               const char     *data,
               gsize           size,
               const char     *wanted_sheet,
               GError        **error)
{
  static const GMarkupParser workbook_parser = { workbook_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser strings_parser = { strings_start, strings_end, collect_text, NULL, NULL };
  static const GMarkupParser styles_parser = { styles_start, styles_end, NULL, NULL, NULL };
  g_autoptr(GPtrArray) sheet_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sheet_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) custom_formats = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) cell_formats = g_array_new (FALSE, FALSE, sizeof (Format));
  g_autoptr(GString) string_text = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *part = NULL;
  Workbook workbook = { sheet_names, sheet_ids, FALSE };
  Strings shared = { strings, string_text, FALSE, 0 };
  Styles styles = { custom_formats, cell_formats, FALSE };
  Sheet sheet = { self, strings, cell_formats, FALSE, NULL, 0, 0, 0, 0, "n", 0, value, FALSE };
  gsize length = 0;
  RexZip zip;

  if (!rex_zip_open (&zip, (const guchar *) data, size))
    {
      rex_table_import_set_damaged (self, "ZIP", _("no central directory"), error);
      return FALSE;
    }

  part = rex_table_import_read_part (self, &zip, "xl/workbook.xml", TRUE, &length, error);
  if (part == NULL && *error == NULL && rex_zip_has (&zip, "content.xml"))
    return rex_table_import_read_ods (self, &zip, wanted_sheet, error);
  if (part == NULL)
    {
      if (*error == NULL)
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                     _("%s: a ZIP archive, but not an Excel workbook (no xl/workbook.xml in it); "
                       "save the table as .xlsx or CSV"), self->display_name);
      return FALSE;
    }
  if (!rex_table_import_parse_part (self, "xl/workbook.xml", part, length, &workbook_parser, &workbook, error))
    return FALSE;
  g_clear_pointer (&part, g_free);
  sheet.date1904 = workbook.date1904;

  /* Shared strings and styles: parts a workbook may do without. */
  part = rex_table_import_read_part (self, &zip, "xl/sharedStrings.xml", TRUE, &length, error);
  if (*error != NULL
      || (part != NULL && !rex_table_import_parse_part (self, "xl/sharedStrings.xml", part, length, &strings_parser, &shared, error)))
    return FALSE;
  g_clear_pointer (&part, g_free);
  part = rex_table_import_read_part (self, &zip, "xl/styles.xml", TRUE, &length, error);
  if (*error != NULL
      || (part != NULL && !rex_table_import_parse_part (self, "xl/styles.xml", part, length, &styles_parser, &styles, error)))
    return FALSE;
  g_clear_pointer (&part, g_free);

  {
    SheetSource source = { &zip, &workbook, &sheet };

    return rex_table_import_take_first_table (self, sheet_names, "xl/workbook.xml", wanted_sheet,
                                              read_sheet_into, &source, error);
  }
}

gboolean
rex_table_import_read_workbook (RexTableImport *self,
                                const char     *data,
                                gsize           size,
                                const char     *wanted_sheet,
                                GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (read_workbook (self, data, size, wanted_sheet, &local_error))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
