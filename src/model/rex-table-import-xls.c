/* rex-table-import-xls.c — an Excel 97–2003 workbook (.xls) read as the
 * table its sheet shows, as rex-table-import-workbook.c reads an .xlsx.
 *
 * An .xls file is a compound file (rex-cfb.c) whose "Workbook" stream is a
 * sequence of BIFF8 records ([MS-XLS]): the workbook's globals (its
 * sheets, number formats, cell formats and the shared strings, which
 * CONTINUE records may carry on), then each sheet's cells. The sheet is
 * turned into the text of a CSV table, row r of the sheet on line r, with
 * the cells as Excel shows them: numbers to 15 significant digits,
 * percentages as "85.5%", dates as 2024-01-31, the cached result of a
 * formula. The statistics bureau's yearbook tables and its database's
 * Excel downloads come as .xls.
 *
 * Every record's length is checked against the stream, every string
 * against its record and the records that continue it, every shared
 * string's index against the table of them. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rex-cfb.h"
#include "rex-table-import-private.h"

#define STREAM          "Workbook"
#define MAX_STREAM_SIZE REX_TABLE_MAX_FILE_SIZE
#define MAX_TEXT_SIZE   REX_TABLE_MAX_FILE_SIZE

enum
{
  RECORD_FORMULA  = 0x0006,
  RECORD_EOF      = 0x000A,
  RECORD_DATEMODE = 0x0022,
  RECORD_FILEPASS = 0x002F,
  RECORD_CONTINUE = 0x003C,
  RECORD_SHEET    = 0x0085,
  RECORD_MULRK    = 0x00BD,
  RECORD_XF       = 0x00E0,
  RECORD_SST      = 0x00FC,
  RECORD_LABELSST = 0x00FD,
  RECORD_NUMBER   = 0x0203,
  RECORD_LABEL    = 0x0204,
  RECORD_BOOLERR  = 0x0205,
  RECORD_STRING   = 0x0207,
  RECORD_RK       = 0x027E,
  RECORD_FORMAT   = 0x041E,
  RECORD_BOF      = 0x0809,
};

static guint16
read_u16 (const guchar *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static guint32
read_u32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static double
read_double (const guchar *p)
{
  guint64 bits = (guint64) read_u32 (p) | (guint64) read_u32 (p + 4) << 32;
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* An RK number: a 30-bit integer or the high 30 bits of a double, perhaps
 * divided by 100. */
static double
read_rk (const guchar *p)
{
  guint32 rk = read_u32 (p);
  double value;

  if (rk & 2)
    value = (double) ((gint32) rk >> 2);
  else
    {
      guint64 bits = (guint64) (rk & 0xFFFFFFFCu) << 32;

      memcpy (&value, &bits, sizeof value);
    }
  return rk & 1 ? value / 100 : value;
}

/* Records */

typedef struct
{
  const guchar *data;
  gsize         size;
  gsize         next;     /* where the next record starts */
  guint16       type;
  const guchar *body;
  guint16       length;
} Records;

/* The next record; FALSE at the end of the stream, or with @truncated
 * set when a record runs past it. */
static gboolean
next_record (Records  *r,
             gboolean *truncated)
{
  guint16 length;

  *truncated = FALSE;
  if (r->next + 4 > r->size)
    return FALSE;
  length = read_u16 (r->data + r->next + 2);
  if (r->next + 4 + length > r->size)
    {
      *truncated = TRUE;
      return FALSE;
    }
  r->type = read_u16 (r->data + r->next);
  r->body = r->data + r->next + 4;
  r->length = length;
  r->next += 4 + length;
  return TRUE;
}

/* Strings: read across the record that starts them and the CONTINUE
 * records after it, where each run of characters carried on starts with
 * its own flags byte (one byte or two per character). */
typedef struct
{
  Records  *records;
  const guchar *p;
  const guchar *end;
} Cursor;

static gboolean
cursor_continue (Cursor *c)
{
  gboolean truncated;
  gsize next = c->records->next;

  if (!next_record (c->records, &truncated) || c->records->type != RECORD_CONTINUE)
    {
      c->records->next = next;
      return FALSE;
    }
  c->p = c->records->body;
  c->end = c->p + c->records->length;
  return TRUE;
}

/* @n raw bytes into @out (or skipped when @out is NULL). */
static gboolean
cursor_bytes (Cursor *c,
              gsize   n,
              guchar *out)
{
  while (n > 0)
    {
      gsize here;

      if (c->p == c->end && !cursor_continue (c))
        return FALSE;
      here = MIN (n, (gsize) (c->end - c->p));
      if (out != NULL)
        {
          memcpy (out, c->p, here);
          out += here;
        }
      c->p += here;
      n -= here;
    }
  return TRUE;
}

/* @n_chars characters, one byte each (Latin-1) or two (UTF-16) as @flags
 * says, appended to @out as UTF-8; an unpaired surrogate becomes U+FFFD. */
static gboolean
cursor_chars (Cursor  *c,
              guint    n_chars,
              guchar   flags,
              GString *out)
{
  gunichar2 high = 0;

  for (guint i = 0; i < n_chars; i++)
    {
      gunichar2 unit;

      if (c->p == c->end)
        {
          if (!cursor_continue (c) || !cursor_bytes (c, 1, &flags))
            return FALSE;
        }
      if (flags & 1)
        {
          guchar bytes[2];

          if (!cursor_bytes (c, 2, bytes))
            return FALSE;
          unit = read_u16 (bytes);
        }
      else
        unit = *c->p++;

      if (high != 0 && unit >= 0xDC00 && unit <= 0xDFFF)
        {
          g_string_append_unichar (out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
          high = 0;
          continue;
        }
      if (high != 0)
        g_string_append_unichar (out, 0xFFFD);
      high = 0;
      if (unit >= 0xD800 && unit <= 0xDBFF)
        high = unit;
      else
        g_string_append_unichar (out, unit >= 0xDC00 && unit <= 0xDFFF ? 0xFFFD : unit);
    }
  if (high != 0)
    g_string_append_unichar (out, 0xFFFD);
  return TRUE;
}

/* A string as cells and formats hold it: its length in @length_size
 * bytes (1 or 2), flags, perhaps rich-text runs and phonetic data after
 * the characters (skipped). */
static char *
cursor_string (Cursor *c,
               guint   length_size)
{
  guchar head[3] = { 0 };
  guchar extra[4];
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_chars;
  guint32 runs = 0, phonetic = 0;
  guchar flags;

  if (!cursor_bytes (c, length_size + 1, head))
    return NULL;
  n_chars = length_size == 2 ? read_u16 (head) : head[0];
  flags = head[length_size];
  if ((flags & 8) && cursor_bytes (c, 2, extra))
    runs = read_u16 (extra);
  if ((flags & 4) && cursor_bytes (c, 4, extra))
    phonetic = read_u32 (extra);
  if (!cursor_chars (c, n_chars, flags, text)
      || !cursor_bytes (c, (gsize) runs * 4, NULL) || !cursor_bytes (c, phonetic, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The string at @offset of the current record (no CONTINUE). */
static char *
record_string (Records *r,
               gsize    offset,
               guint    length_size)
{
  Records alone = { r->body, r->length, r->length, 0, NULL, 0 };
  Cursor c = { &alone, r->body + MIN (offset, r->length), r->body + r->length };

  return cursor_string (&c, length_size);
}

/* The workbook's globals */

typedef struct
{
  GPtrArray  *names;        /* the worksheets' names */
  GArray     *offsets;      /* guint32: where each one's records start */
  GPtrArray  *strings;      /* the shared strings */
  GHashTable *custom;       /* number format id → Format */
  GArray     *xf_ids;       /* guint16: the number format of each cell format */
  GArray     *xf_formats;   /* Format: of each cell format */
  gboolean    date1904;
} Globals;

static void
damaged (RexTableImport *self,
         const char     *what,
         GError        **error)
{
  rex_table_import_set_damaged (self, STREAM, what, error);
}

/* The shared strings: the SST record's count, then the strings. */
static gboolean
read_strings (RexTableImport *self,
              Records        *r,
              Globals        *g,
              GError        **error)
{
  Cursor c = { r, r->body + MIN (8, r->length), r->body + r->length };
  guint32 n;

  if (r->length < 8)
    {
      damaged (self, _("a table of strings too short"), error);
      return FALSE;
    }
  n = read_u32 (r->body + 4);
  if (n > REX_TABLE_MAX_CELLS)
    {
      damaged (self, _("more strings than a sheet can hold"), error);
      return FALSE;
    }
  for (guint32 i = 0; i < n; i++)
    {
      char *text = cursor_string (&c, 2);

      if (text == NULL)
        {
          damaged (self, _("a string runs past its records"), error);
          return FALSE;
        }
      g_ptr_array_add (g->strings, text);
    }
  return TRUE;
}

static gboolean
read_globals (RexTableImport *self,
              Records        *r,
              Globals        *g,
              GError        **error)
{
  gboolean truncated;

  if (!next_record (r, &truncated) || r->type != RECORD_BOF || r->length < 4)
    {
      damaged (self, _("it does not start as a workbook"), error);
      return FALSE;
    }
  if (read_u16 (r->body) != 0x0600)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                   _("%s: a workbook of Excel 5.0/95 or older, which cannot be read; save it as an Excel "
                     "workbook (.xlsx) or as CSV, and import that"), self->display_name);
      return FALSE;
    }

  while (next_record (r, &truncated) && r->type != RECORD_EOF)
    {
      switch (r->type)
        {
        case RECORD_FILEPASS:
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                       _("%s: the workbook is encrypted; save it without a password and import it again"),
                       self->display_name);
          return FALSE;
        case RECORD_DATEMODE:
          g->date1904 = r->length >= 2 && read_u16 (r->body) == 1;
          break;
        case RECORD_FORMAT:
          if (r->length >= 2)
            {
              g_autofree char *code = record_string (r, 2, 2);

              g_hash_table_insert (g->custom, GUINT_TO_POINTER (read_u16 (r->body)),
                                   GINT_TO_POINTER (code != NULL ? rex_table_import_format_of_code (code)
                                                                 : FORMAT_NUMBER));
            }
          break;
        case RECORD_XF:
          if (r->length >= 4 && g->xf_ids->len < 65536)
            {
              guint16 id = read_u16 (r->body + 2);

              g_array_append_val (g->xf_ids, id);
            }
          break;
        case RECORD_SHEET:
          /* Worksheets only: not charts or macro sheets. */
          if (r->length >= 8 && r->body[5] == 0)
            {
              char *name = record_string (r, 6, 1);
              guint32 offset = read_u32 (r->body);

              if (name == NULL)
                {
                  damaged (self, _("a sheet's name runs past its record"), error);
                  return FALSE;
                }
              g_ptr_array_add (g->names, name);
              g_array_append_val (g->offsets, offset);
            }
          break;
        case RECORD_SST:
          if (!read_strings (self, r, g, error))
            return FALSE;
          break;
        default:
          break;
        }
    }
  if (truncated)
    {
      damaged (self, _("a record runs past the end"), error);
      return FALSE;
    }

  for (guint i = 0; i < g->xf_ids->len; i++)
    {
      Format format = rex_table_import_format_of_id (g->custom, g_array_index (g->xf_ids, guint16, i));

      g_array_append_val (g->xf_formats, format);
    }
  return TRUE;
}

/* A sheet's cells */

/* A cell's text is a shared string's, or one kept in the sheet's list
 * of texts: a string used in many cells is not copied for each. */
typedef struct
{
  guint32     row;
  guint16     column;
  const char *text;
} XlsCell;

/* By row, then column: one key of both. */
static gint
compare_cells (gconstpointer a,
               gconstpointer b)
{
  guint64 x = (guint64) ((const XlsCell *) a)->row << 16 | ((const XlsCell *) a)->column;
  guint64 y = (guint64) ((const XlsCell *) b)->row << 16 | ((const XlsCell *) b)->column;

  return (x > y) - (x < y);
}

/* @text (taken), kept in @texts. */
static const char *
keep (GPtrArray *texts,
      char      *text)
{
  if (text != NULL)
    g_ptr_array_add (texts, text);
  return text;
}

static char *
number_cell (const Globals *g,
             guint16        xf,
             double         number)
{
  Format format = xf < g->xf_formats->len ? g_array_index (g->xf_formats, Format, xf) : FORMAT_NUMBER;

  return rex_table_import_number_text (number, format, g->date1904);
}

/* What an error value shows, as Excel writes it. */
static const char *
error_text (guchar code)
{
  switch (code)
    {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    default:   return "#N/A";
    }
}

/* A formula's cached result: a number, TRUE or FALSE, an error, an
 * empty string, or a string in the STRING record after it (NULL here,
 * *@string_follows set). */
static char *
formula_cell (const Globals *g,
              const guchar  *body,
              gboolean      *string_follows)
{
  const guchar *result = body + 6;

  *string_follows = FALSE;
  if (result[6] != 0xFF || result[7] != 0xFF)
    return number_cell (g, read_u16 (body + 4), read_double (result));
  switch (result[0])
    {
    case 0:
      *string_follows = TRUE;
      return NULL;
    case 1:
      return g_strdup (result[2] ? "TRUE" : "FALSE");
    case 2:
      return g_strdup (error_text (result[2]));
    default:
      return g_strdup ("");
    }
}

/* The cells of the sheet whose records start at @offset, into @cells,
 * their texts kept in @texts or shared. */
static gboolean
read_cells (RexTableImport *self,
            const Globals  *g,
            Records        *r,
            guint32         offset,
            GArray         *cells,
            GPtrArray      *texts,
            GError        **error)
{
  gboolean truncated, string_follows = FALSE;
  XlsCell pending = { 0 };

  r->next = offset;
  if (!next_record (r, &truncated) || r->type != RECORD_BOF || r->length < 4 || read_u16 (r->body + 2) != 0x0010)
    {
      damaged (self, _("a sheet does not start where the workbook says"), error);
      return FALSE;
    }

  while (next_record (r, &truncated) && r->type != RECORD_EOF)
    {
      XlsCell cell = { r->length >= 4 ? read_u16 (r->body) : 0, r->length >= 4 ? read_u16 (r->body + 2) : 0, NULL };
      guint16 xf = r->length >= 6 ? read_u16 (r->body + 4) : 0;

      switch (r->type)
        {
        case RECORD_LABELSST:
          if (r->length >= 10)
            {
              guint32 index = read_u32 (r->body + 6);

              if (index >= g->strings->len)
                {
                  damaged (self, _("a cell names a shared string that is not there"), error);
                  return FALSE;
                }
              cell.text = g->strings->pdata[index];
            }
          break;
        case RECORD_NUMBER:
          if (r->length >= 14)
            cell.text = keep (texts, number_cell (g, xf, read_double (r->body + 6)));
          break;
        case RECORD_RK:
          if (r->length >= 10)
            cell.text = keep (texts, number_cell (g, xf, read_rk (r->body + 6)));
          break;
        case RECORD_MULRK:
          /* Row, first column, (format, RK) for each, last column. */
          for (guint i = 0; r->length >= 6 && i < (guint) (r->length - 6) / 6; i++)
            {
              XlsCell each = { cell.row, cell.column + i,
                               keep (texts, number_cell (g, read_u16 (r->body + 4 + 6 * i),
                                                         read_rk (r->body + 6 + 6 * i))) };

              g_array_append_val (cells, each);
            }
          break;
        case RECORD_LABEL:
          if (r->length >= 9 && (cell.text = keep (texts, record_string (r, 6, 2))) == NULL)
            {
              damaged (self, _("a cell's text runs past its record"), error);
              return FALSE;
            }
          break;
        case RECORD_BOOLERR:
          if (r->length >= 8)
            cell.text = r->body[7] ? error_text (r->body[6]) : r->body[6] ? "TRUE" : "FALSE";
          break;
        case RECORD_FORMULA:
          if (r->length >= 20)
            {
              cell.text = keep (texts, formula_cell (g, r->body, &string_follows));
              pending = cell;
            }
          break;
        case RECORD_STRING:
          if (string_follows && (pending.text = keep (texts, record_string (r, 0, 2))) != NULL)
            g_array_append_val (cells, pending);
          string_follows = FALSE;
          break;
        default:
          break;
        }
      if (cell.text != NULL)
        g_array_append_val (cells, cell);
      if (cells->len > REX_TABLE_MAX_CELLS)
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                       _("%s: the sheet has more than %d cells; that is the limit"),
                       self->display_name, REX_TABLE_MAX_CELLS);
          return FALSE;
        }
    }
  if (truncated)
    {
      damaged (self, _("a record runs past the end"), error);
      return FALSE;
    }
  return TRUE;
}

/* The cells as CSV text: row r (from 0) on line r + 1, column c after c
 * commas. */
static gboolean
write_cells (RexTableImport *self,
             GArray         *cells,
             GString        *out,
             GError        **error)
{
  guint32 line = 0;
  int column = -1;

  g_string_truncate (out, 0);
  g_array_sort (cells, compare_cells);
  for (guint i = 0; i < cells->len; i++)
    {
      const XlsCell *cell = &g_array_index (cells, XlsCell, i);

      if (*cell->text == '\0' || (i > 0 && compare_cells (cell, cell - 1) == 0))
        continue;
      for (; line < cell->row; line++, column = -1)
        g_string_append_c (out, '\n');
      for (int c = MAX (column, 0); c < cell->column; c++)
        g_string_append_c (out, ',');
      rex_table_import_append_cell (out, cell->text);
      column = cell->column;
      if (out->len > MAX_TEXT_SIZE)
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                       _("%s: the sheet's text is over %d MiB; that is the limit"),
                       self->display_name, MAX_TEXT_SIZE / (1024 * 1024));
          return FALSE;
        }
    }
  g_string_append_c (out, '\n');
  return TRUE;
}

/* What a sheet is read from: the globals and the stream's records. */
typedef struct
{
  const Globals *globals;
  Records       *records;
} SheetSource;

static gboolean
read_sheet (RexTableImport *self,
            guint           index,
            GString        *out,
            gpointer        data,
            GError        **error)
{
  SheetSource *source = data;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (XlsCell));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  return read_cells (self, source->globals, source->records,
                     g_array_index (source->globals->offsets, guint32, index), cells, texts, error)
         && write_cells (self, cells, out, error);
}

/* The Workbook stream, or NULL with *@error set. */
static guchar *
read_stream (RexTableImport *self,
             const char     *data,
             gsize           size,
             gsize          *length,
             GError        **error)
{
  guchar *stream = NULL;

  switch (rex_cfb_read_stream ((const guchar *) data, size, STREAM, MAX_STREAM_SIZE, &stream, length))
    {
    case REX_CFB_OK:
      return stream;
    case REX_CFB_MISSING:
      if (rex_cfb_has_stream ((const guchar *) data, size, "Book"))
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                     _("%s: a workbook of Excel 5.0/95 or older, which cannot be read; save it as an Excel "
                       "workbook (.xlsx) or as CSV, and import that"), self->display_name);
      else if (rex_cfb_has_stream ((const guchar *) data, size, "EncryptionInfo"))
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                     _("%s: the workbook is encrypted; save it without a password and import it again"),
                     self->display_name);
      else
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                     _("%s: an Office file, but not an Excel workbook (no Workbook stream in it); "
                       "save the table as .xlsx or CSV"), self->display_name);
      return NULL;
    case REX_CFB_TOO_LARGE:
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: the workbook is over %d MiB; that is the limit"),
                   self->display_name, MAX_STREAM_SIZE / (1024 * 1024));
      return NULL;
    case REX_CFB_NOT_CFB:
      rex_table_import_set_damaged (self, _("the compound file"), _("its header is cut short or unknown"), error);
      return NULL;
    case REX_CFB_BROKEN:
    default:
      rex_table_import_set_damaged (self, _("the compound file"), _("a chain of sectors does not fit the file"), error);
      return NULL;
    }
}

gboolean
rex_table_import_read_xls (RexTableImport *self,
                           const char     *data,
                           gsize           size,
                           const char     *wanted_sheet,
                           GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) xf_ids = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GArray) xf_formats = g_array_new (FALSE, FALSE, sizeof (Format));
  g_autofree guchar *stream = NULL;
  Globals g = { names, offsets, strings, custom, xf_ids, xf_formats, FALSE };
  Records records = { NULL, 0, 0, 0, NULL, 0 };
  SheetSource source = { &g, &records };
  gsize length = 0;

  if ((stream = read_stream (self, data, size, &length, error)) == NULL)
    return FALSE;
  records.data = stream;
  records.size = length;
  return read_globals (self, &records, &g, error)
         && rex_table_import_take_first_table (self, names, STREAM, wanted_sheet, read_sheet, &source, error);
}
