/* rex-table-import-text.c — the table as text: problems with their line
 * and column, decoding (UTF-8, GB18030), splitting into RFC 4180 cells,
 * and reading cells back trimmed. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-cfb.h"
#include "rex-table-import-private.h"

#define MAX_PROBLEMS 1000

/* Problems */

void G_GNUC_PRINTF (5, 6)
rex_table_import_add_problem (RexTableImport *self,
                              gboolean        is_error,
                              int             line,
                              int             column,
                              const char     *format,
                              ...)
{
  GPtrArray *list = is_error ? self->errors : self->warnings;
  g_autofree char *message = NULL;
  va_list args;

  if (self->errors->len + self->warnings->len >= MAX_PROBLEMS)
    {
      self->n_dropped++;
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (list, rex_dataset_problem_new (self->display_name, line, column, "", message));
}

/* Line and column (1-based, columns in characters) of a text offset, from
 * the start of the row it lies in. */
static void
position_of (RexTableImport *self,
             guint           row_index,
             guint32         offset,
             int            *line,
             int            *column)
{
  const Row *row = &g_array_index (self->rows, Row, row_index);
  const char *p = self->text + row->offset;
  const char *end = self->text + offset;
  const char *line_start = p;

  *line = row->line;
  for (; p < end; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (int) g_utf8_strlen (line_start, end - line_start) + 1;
}

void
rex_table_import_cell_position (RexTableImport *self,
                                guint           row,
                                guint           cell,
                                int            *line,
                                int            *column)
{
  const Row *r = &g_array_index (self->rows, Row, row);

  /* In a workbook, a row of the sheet is a line and a column a column. */
  if (self->sheet_names != NULL)
    {
      *line = r->line;
      *column = self->column_margin + cell + 1;
    }
  else if (cell < r->n)
    position_of (self, row, g_array_index (self->cells, Cell, r->first + cell).offset, line, column);
  else
    {
      *line = r->line;
      *column = 1;
    }
}

/* Line and column of a byte offset into undecoded data (for encoding
 * errors): characters counted as UTF-8 lead bytes. */
static void
raw_position (const char *data,
              gsize       offset,
              int        *line,
              int        *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        (*column)++;
    }
}

/* Decoding */

static gboolean
is_utf8_name (const char *name)
{
  return g_ascii_strcasecmp (name, "UTF-8") == 0 || g_ascii_strcasecmp (name, "UTF8") == 0;
}

static gboolean
set_decode_error (RexTableImport *self,
                  const char     *data,
                  gsize           offset,
                  const char     *what,
                  GError        **error)
{
  int line, column;

  raw_position (data, offset, &line, &column);
  g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
               "%s:%d:%d: %s", self->display_name, line, column, what);
  return FALSE;
}

static gboolean
is_gb_name (const char *name)
{
  return g_ascii_strcasecmp (name, "GB18030") == 0 || g_ascii_strcasecmp (name, "GBK") == 0
         || g_ascii_strcasecmp (name, "GB2312") == 0 || g_ascii_strcasecmp (name, "CP936") == 0;
}

/* GB18030 (and its subsets GBK, GB2312) to UTF-8. ASCII bytes are copied;
 * only the runs of multi-byte sequences go through iconv, which is what
 * makes a table of numbers quick to decode. A sequence starts with a byte
 * of 0x81–0xFE; its second byte is 0x30–0x39 in a four-byte one, else any
 * (even ASCII) in a two-byte one. Returns NULL and the offset of the first
 * invalid sequence, or sets *@no_conversion when iconv lacks @from. */
static char *
decode_gb (const char *data,
           gsize       size,
           const char *from,
           gsize      *length,
           gsize      *bad_offset,
           gboolean   *no_conversion)
{
  GIConv cd = g_iconv_open ("UTF-8", from);
  g_autofree guint32 *pairs = NULL;
  g_autofree char *out = NULL;
  gsize capacity = size + size / 2 + 16;
  gsize used = 0;
  gsize i = 0;

  *no_conversion = cd == (GIConv) -1;
  if (*no_conversion)
    return NULL;
  pairs = g_new0 (guint32, 126 * 191);

  /* One byte becomes at most one and a half in UTF-8 (two become three,
   * four become four), so the buffer is never outgrown. */
  out = g_malloc (capacity);
  while (i < size)
    {
      gsize start = i;

      /* ASCII, eight bytes at a time. */
      while (i + 8 <= size)
        {
          guint64 word;

          memcpy (&word, data + i, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          i += 8;
        }
      while (i < size && (guchar) data[i] < 0x80)
        i++;
      memcpy (out + used, data + start, i - start);
      used += i - start;

      start = i;
      while (i < size && (guchar) data[i] >= 0x80)
        {
          if (i + 1 < size && (guchar) data[i + 1] >= 0x30 && (guchar) data[i + 1] <= 0x39)
            i += 4;
          else
            i += 2;
        }
      i = MIN (i, size);

      /* Two-byte sequences (every Chinese character of GBK) are converted
       * once each and remembered: a table repeats a few hundred of them. */
      while (start + 2 <= i && ((guchar) data[start + 1] < 0x30 || (guchar) data[start + 1] > 0x39))
        {
          guint lead = (guchar) data[start], trail = (guchar) data[start + 1];
          guint32 *slot;

          if (lead < 0x81 || lead > 0xFE || trail < 0x40 || trail > 0xFE || trail == 0x7F)
            break;
          slot = &pairs[(lead - 0x81) * 191 + (trail - 0x40)];
          if (*slot == 0)
            {
              gchar *in = (gchar *) data + start, *dest;
              gsize in_left = 2, dest_left = 3;
              char utf8[3] = { 0, 0, 0 };

              dest = utf8;
              if (g_iconv (cd, &in, &in_left, &dest, &dest_left) == (gsize) -1 || in_left != 0)
                break;
              /* Length in the top byte, then up to three bytes. */
              *slot = ((guint32) (3 - dest_left) << 24) | ((guint32) (guchar) utf8[0] << 16)
                      | ((guint32) (guchar) utf8[1] << 8) | (guint32) (guchar) utf8[2];
            }
          out[used] = (char) (*slot >> 16);
          out[used + 1] = (char) (*slot >> 8);
          out[used + 2] = (char) *slot;
          used += *slot >> 24;
          start += 2;
        }

      /* The rest (four-byte sequences, or bytes iconv will refuse). */
      if (i > start)
        {
          gchar *in = (gchar *) data + start;
          gsize in_left = i - start;
          gchar *dest = out + used;
          gsize dest_left = capacity - used - 1;

          if (g_iconv (cd, &in, &in_left, &dest, &dest_left) == (gsize) -1)
            {
              *bad_offset = in - data;
              g_iconv_close (cd);
              return NULL;
            }
          used = dest - out;
        }
    }
  g_iconv_close (cd);
  out[used] = '\0';
  *length = used;
  return g_steal_pointer (&out);
}

static gboolean
decode (RexTableImport *self,
                         const char     *data,
                         gsize           size,
                         const char     *encoding,
                         GError        **error)
{
  const char *nul;
  const char *invalid = NULL;

  if (size >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                    || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                   _("%s: the file is UTF-16; save it as UTF-8 (or GB18030) and import it again"),
                   self->display_name);
      return FALSE;
    }

  nul = memchr (data, '\0', size);
  if (nul != NULL)
    return set_decode_error (self, data, nul - data,
                             _("a NUL byte: this is not a text table (save it as CSV in UTF-8 or GB18030)"),
                             error);

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 && (encoding == NULL || is_utf8_name (encoding)))
    {
      data += 3;
      size -= 3;
    }

  if (encoding == NULL || is_utf8_name (encoding))
    {
      if (g_utf8_validate_len (data, size, &invalid))
        {
          self->text = g_malloc (size + 1);
          memcpy (self->text, data, size);
          self->text[size] = '\0';
          self->text_len = size;
          self->encoding = g_strdup ("UTF-8");
          self->encoding_detected = encoding == NULL;
          return TRUE;
        }
      if (encoding != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("byte 0x%02X is not valid UTF-8; is the file in "
                                                   "another encoding (GB18030)?"), (guchar) *invalid);

          return set_decode_error (self, data, invalid - data, what, error);
        }
    }

  {
    const char *from = encoding != NULL ? encoding : "GB18030";
    g_autoptr(GError) local_error = NULL;
    gsize bytes_read = 0, bytes_written = 0;
    char *text;

    if (is_gb_name (from))
      {
        gboolean no_conversion = FALSE;

        text = decode_gb (data, size, from, &bytes_written, &bytes_read, &no_conversion);
        if (text == NULL)
          g_set_error_literal (&local_error, G_CONVERT_ERROR,
                               no_conversion ? G_CONVERT_ERROR_NO_CONVERSION
                                             : G_CONVERT_ERROR_ILLEGAL_SEQUENCE, "");
      }
    else
      text = g_convert (data, size, "UTF-8", from, &bytes_read, &bytes_written, &local_error);
    if (text == NULL)
      {
        g_autofree char *what = NULL;

        if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
          {
            g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_IO,
                         _("%s: unknown encoding \"%s\"; use e.g. UTF-8, GB18030, GBK or BIG5"),
                         self->display_name, from);
            return FALSE;
          }
        if (encoding == NULL)
          what = g_strdup_printf (_("byte 0x%02X is valid neither in UTF-8 nor in GB18030; "
                                  "give the file's encoding"),
                                  (guchar) data[MIN ((gsize) (invalid - data), size - 1)]);
        else
          what = g_strdup_printf (_("bytes that are not valid %s"), from);
        return set_decode_error (self, data,
                                 encoding == NULL ? (gsize) (invalid - data) : MIN (bytes_read, size),
                                 what, error);
      }
    if (memchr (text, '\0', bytes_written) != NULL)
      {
        g_free (text);
        g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX,
                     _("%s: decoding as %s gives NUL characters; give the file's encoding"),
                     self->display_name, from);
        return FALSE;
      }
    self->text = text;
    self->text_len = bytes_written;
    self->encoding = g_ascii_strup (from, -1);
    self->encoding_detected = encoding == NULL;
    if (bytes_written >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
      {
        memmove (text, text + 3, bytes_written - 3 + 1);
        self->text_len -= 3;
      }
  }

  return TRUE;
}

/* Splitting into cells */

/* A table whose cells a semicolon separates, as spreadsheets write CSV
 * where the comma is the decimal sign ("Beijing;43760,7"): among the
 * first lines that hold either sign, each has as many semicolons (outside
 * quotes), one or more, and the commas are not as even. */
static gboolean
is_semicolon_separated (const char *text,
                        gsize       len)
{
  const char *p = text, *end = text + MIN (len, 64 * 1024);
  int semicolons = -1, commas = -1;
  gboolean even_commas = TRUE;
  guint lines = 0;

  while (p < end && lines < 20)
    {
      guint line_semicolons = 0, line_commas = 0;
      gboolean quoted = FALSE;

      for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
        {
          quoted ^= *p == '"';
          line_semicolons += !quoted && *p == ';';
          line_commas += !quoted && *p == ',';
        }
      while (p < end && (*p == '\n' || *p == '\r'))
        p++;
      if (line_semicolons + line_commas == 0)
        continue;
      if (semicolons >= 0 && (int) line_semicolons != semicolons)
        return FALSE;
      even_commas = even_commas && (commas < 0 || (int) line_commas == commas);
      semicolons = line_semicolons;
      commas = line_commas;
      lines++;
    }
  return semicolons > 0 && !(even_commas && commas > 0);
}

static char
guess_delimiter (const char *text,
                 gsize       len,
                 const char *name)
{
  guint commas = 0, tabs = 0;

  if (name != NULL && g_str_has_suffix (name, ".tsv"))
    return '\t';
  if (is_semicolon_separated (text, len))
    return ';';
  if (name != NULL && g_str_has_suffix (name, ".csv"))
    return ',';

  for (gsize i = 0; i < len && i < 64 * 1024; i++)
    {
      commas += text[i] == ',';
      tabs += text[i] == '\t';
    }
  /* A tie goes to tabs: commas inside cells are common (thousands
   * separators, lists of names), tabs inside comma-separated cells are not. */
  return tabs >= commas ? '\t' : ',';
}

/* The text of the table: a workbook's sheet, or the file decoded, and
 * the delimiter between its cells. */
gboolean
rex_table_import_read_text (RexTableImport *self,
                            const char     *data,
                            gsize           size,
                            GError        **error)
{
  const RexTableImportOptions *options = self->options;
  g_autofree char *lower = NULL;

  if (rex_cfb_is_cfb ((const guchar *) data, size))
    return rex_table_import_read_xls (self, data, size, options->sheet, error);
  if (rex_table_import_is_workbook (data, size))
    return rex_table_import_read_workbook (self, data, size, options->sheet, error);

  if (!decode (self, data, size, options->encoding, error))
    return FALSE;
  if (rex_table_import_is_html (self->text, self->text_len))
    return rex_table_import_read_html (self, error);
  lower = g_ascii_strdown (self->display_name, -1);
  self->delimiter = options->delimiter != 0 ? options->delimiter
                    : guess_delimiter (self->text, self->text_len, lower);
  return TRUE;
}

/* A quoted cell from @p (its opening quote): RFC 4180, doubled quotes,
 * line breaks inside. Unescaped content goes to the arena only when the
 * cell has a doubled quote. Returns where the cell ends; counts the lines
 * it spans into *@line. */
static const char *
split_quoted_cell (RexTableImport *self,
                   const char     *p,
                   Cell           *cell,
                   int            *line)
{
  const char *text = self->text;
  const char *end = text + self->text_len;
  const char *start = ++p;
  int quote_line = *line;
  gboolean escaped = FALSE;
  gsize arena_start = self->arena->len;

  for (;;)
    {
      const char *q = memchr (p, '"', end - p);

      if (q == NULL)
        {
          /* At the opening quote, counted in characters from 1. */
          const char *line_start = start - 1;

          while (line_start > text && line_start[-1] != '\n')
            line_start--;
          rex_table_import_add_problem (self, TRUE, quote_line,
                                        (int) g_utf8_strlen (line_start, start - 1 - line_start) + 1,
                                        _("a quoted cell starting here is never closed: a '\"' is missing"));
          q = end;
        }
      for (const char *r = p; r < q; r++)
        *line += *r == '\n';
      if (escaped)
        g_string_append_len (self->arena, p, q - p);
      if (q + 1 < end && q[1] == '"')
        {
          /* A doubled quote: the content goes to the arena. */
          if (!escaped)
            {
              escaped = TRUE;
              g_string_append_len (self->arena, start, q - start);
            }
          g_string_append_c (self->arena, '"');
          p = q + 2;
          continue;
        }
      cell->length = escaped ? self->arena->len - arena_start : (gsize) (q - start);
      cell->content = escaped ? (guint32) arena_start | CELL_IN_ARENA : (guint32) (start - text);
      p = q < end ? q + 1 : end;
      break;
    }
  if (escaped)
    g_string_append_c (self->arena, '\0');

  /* Text after the closing quote ("a"b) is kept out: skip to the end of
   * the cell. */
  while (p < end && *p != self->delimiter && *p != '\n' && *p != '\r')
    p++;
  return p;
}

/* The limits on one cell, a row and the table, checked as each cell is
 * added. */
static gboolean
check_split_limits (RexTableImport *self,
                    const Cell     *cell,
                    const Row      *row,
                    guint           n_cells,
                    int             line,
                    GError        **error)
{
  if (self->arena->len >= CELL_IN_ARENA)
    g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                 _("%s:%d: too many quoted cells"), self->display_name, line);
  else if (cell->length > REX_TABLE_MAX_CELL)
    g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                 _("%s:%d: a cell of %u bytes; the limit is %d bytes (is this a table?)"),
                 self->display_name, line, cell->length, REX_TABLE_MAX_CELL);
  else if (row->n > REX_TABLE_MAX_COLUMNS)
    g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                 _("%s:%d: more than %d columns; that is the limit"),
                 self->display_name, row->line, REX_TABLE_MAX_COLUMNS);
  else if (n_cells > REX_TABLE_MAX_CELLS)
    g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                 _("%s:%d: more than %d cells in the table; that is the limit"),
                 self->display_name, line, REX_TABLE_MAX_CELLS);
  else
    return TRUE;
  return FALSE;
}

/* Past the line end (CRLF or LF) at @p, counted in *@line. */
static const char *
past_line_end (const char *p,
               const char *end,
               int        *line)
{
  if (p < end && *p == '\r')
    p++;
  if (p < end && *p == '\n')
    p++;
  (*line)++;
  return p;
}

/* The cells of the row starting at *@pp; moves *@pp past its line end. */
static gboolean
split_row (RexTableImport *self,
           const char    **pp,
           Row            *row,
           guint          *n_cells,
           int            *line,
           const guint8   *stop,
           GError        **error)
{
  const char *text = self->text;
  const char *end = text + self->text_len;
  const char *p = *pp;

  for (;;)
    {
      Cell cell = { p - text, 0, p - text };

      if (p < end && *p == '"')
        p = split_quoted_cell (self, p, &cell, line);
      else
        {
          const char *start = p;

          /* A NUL inside the text cannot be: decode() refused those. */
          while (!stop[(guchar) *p])
            p++;
          cell.length = p - start;
        }

      if (G_UNLIKELY (*n_cells == self->cells->len))
        g_array_set_size (self->cells, self->cells->len * 2);
      g_array_index (self->cells, Cell, (*n_cells)++) = cell;
      row->n++;
      if (!check_split_limits (self, &cell, row, *n_cells, *line, error))
        return FALSE;

      if (p < end && *p == self->delimiter)
        {
          p++;
          continue;
        }
      *pp = past_line_end (p, end, line);
      return TRUE;
    }
}

/* A line starting with '#' is a comment, as R and pandas read tables with
 * comment = "#": its text is kept whole, not split into cells (a note may
 * hold commas and quotes). A first cell that is '#' alone (the header of a
 * column of row numbers: "#,地区,2024") does not start a comment. */
static gboolean
is_comment_line (RexTableImport *self,
                 const char     *p,
                 const char     *end)
{
  if (*p != '#')
    return FALSE;
  while (p < end && *p == '#')
    p++;
  return p == end || *p != self->delimiter;
}

/* Keeps the comment starting at *@pp; moves *@pp past its line end. */
static gboolean
split_comment (RexTableImport *self,
               const char    **pp,
               int            *line,
               GError        **error)
{
  const char *end = self->text + self->text_len;
  const char *p = *pp;
  const char *start;
  Comment comment;

  while (p < end && (*p == '#' || *p == ' ' || *p == '\t'))
    p++;
  start = p;
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  comment.offset = start - self->text;
  comment.length = p - start;
  comment.line = *line;
  if (comment.length > REX_TABLE_MAX_CELL)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s:%d: a comment of %u bytes; the limit is %d bytes (is this a table?)"),
                   self->display_name, *line, comment.length, REX_TABLE_MAX_CELL);
      return FALSE;
    }
  while (comment.length > 0 && g_ascii_isspace (start[comment.length - 1]))
    comment.length--;
  g_array_append_val (self->comments, comment);
  *pp = past_line_end (p, end, line);
  return TRUE;
}

/* Columns empty in every row, left of the table (a sheet laid out with a
 * margin: the table starts at C3), are dropped: the first filled column
 * is column 0 for reading. Positions still name the file's columns. */
static void
drop_empty_columns (RexTableImport *self)
{
  guint margin = G_MAXUINT;

  for (guint r = 0; r < self->rows->len && margin > 0; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);

      for (guint c = 0; c < row->n && c < margin; c++)
        if (!rex_table_import_cell_is_empty (self, r, c))
          {
            margin = c;
            break;
          }
    }
  if (margin == 0 || margin == G_MAXUINT)
    return;
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);
      guint dropped = MIN (margin, row->n);

      row->first += dropped;
      row->n -= dropped;
    }
  self->column_margin = margin;
}

gboolean
rex_table_import_split (RexTableImport *self,
                        GError        **error)
{
  const char *text = self->text;
  const char *p = text;
  const char *end = text + self->text_len;
  guint8 stop[256] = { 0 };
  guint n_cells = 0;
  int line = 1;

  /* What ends an unquoted cell; the text ends in a NUL, which stops too. */
  stop[(guchar) self->delimiter] = stop['\n'] = stop['\r'] = stop[0] = 1;
  g_array_set_size (self->cells, MAX (1024, self->text_len / 8));

  if (self->text_len >= CELL_IN_ARENA)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: the decoded table is over 2 GiB"), self->display_name);
      return FALSE;
    }

  while (p < end)
    {
      Row row = { n_cells, 0, p - text, line };
      guint n_lines = self->rows->len + self->comments->len;

      if (n_lines % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
            return FALSE;
          rex_table_import_report_progress (self, REX_TABLE_PROGRESS_BYTES, p - text, self->text_len);
        }
      if (n_lines >= REX_TABLE_MAX_ROWS)
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                       _("%s:%d: more than %d rows; that is the limit"),
                       self->display_name, line, REX_TABLE_MAX_ROWS);
          return FALSE;
        }
      if (is_comment_line (self, p, end))
        {
          if (!split_comment (self, &p, &line, error))
            return FALSE;
          continue;
        }
      if (!split_row (self, &p, &row, &n_cells, &line, stop, error))
        return FALSE;

      g_array_append_val (self->rows, row);
    }

  g_array_set_size (self->cells, n_cells);
  drop_empty_columns (self);
  return TRUE;
}

/* Cells */

char *
rex_table_import_cell_dup (RexTableImport *self,
                           guint           row,
                           guint           index)
{
  gsize length;
  const char *data = rex_table_import_cell_data (self, row, index, &length);

  return g_strndup (data, length);
}

gboolean
rex_table_import_cell_is_empty (RexTableImport *self,
                                guint           row,
                                guint           index)
{
  gsize length;

  rex_table_import_cell_data (self, row, index, &length);
  return length == 0;
}

guint
rex_table_import_row_n_filled (RexTableImport *self,
                               guint           row,
                               guint          *last)
{
  const Row *r = &g_array_index (self->rows, Row, row);
  guint n = 0;

  for (guint i = 0; i < r->n; i++)
    if (!rex_table_import_cell_is_empty (self, row, i))
      {
        n++;
        if (last != NULL)
          *last = i;
      }
  return n;
}

/* TRUE when @row has values beyond the header's @n_columns (empty cells
 * there, a trailing delimiter, do not count). */
gboolean
rex_table_import_row_is_wider (RexTableImport *self,
                               guint           row,
                               guint           n_columns)
{
  guint last_filled = 0;

  if (g_array_index (self->rows, Row, row).n <= n_columns)
    return FALSE;
  rex_table_import_row_n_filled (self, row, &last_filled);
  return last_filled >= n_columns;
}

/* A string for messages: at most 40 characters of @s. */
char *
rex_table_import_quote (const char *s,
                        gsize       length)
{
  const char *end = s;
  guint n = 0;

  while (end < s + length && n < 40)
    {
      end = g_utf8_next_char (end);
      n++;
    }
  if (end > s + length)
    end = s + length;
  return g_strdup_printf ("\"%.*s%s\"", (int) (end - s), s, end < s + length ? "…" : "");
}
