/* rex-table-import.c — reads CSV and TSV tables of statistics into a
 * dataset.
 *
 * The work is in four steps, each bounded so that a hostile file ends in a
 * message rather than a crash or a hang:
 *
 *   decode    UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 *             else GB18030 when they decode as that; the result says which.
 *   split     RFC 4180 cells (quotes, doubled quotes, line breaks in
 *             quotes, CRLF) as offsets into the decoded text, not strings.
 *   read      the statistics database's header and footer lines, the shape
 *             (regions in rows, years in rows, long), region labels through
 *             the registry, years and numbers.
 *   build     a RexDataset, completed like any other (registry, groups,
 *             derived values).
 *
 * Every row the import cannot place is reported with its line and column;
 * nothing is dropped silently.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-model-private.h"
#include "rex-region-registry.h"
#include "rex-table-import.h"

#define MAX_PROBLEMS 1000

#define N_YEARS (REX_YEAR_MAX - REX_YEAR_MIN + 1)

typedef struct
{
  guint32 offset;   /* in the text: where the cell starts (its quote, if quoted) */
  guint32 length;   /* of the content */
  guint32 content;  /* offset of the content: in the text, or with
                     * CELL_IN_ARENA in the unescaped arena */
} Cell;

#define CELL_IN_ARENA 0x80000000u

typedef struct
{
  guint   first;    /* index of its first cell */
  guint   n;
  guint32 offset;   /* in the text */
  int     line;
} Row;

typedef enum
{
  ROLE_NONE,
  ROLE_REGION,
  ROLE_CODE,
  ROLE_YEAR,
  ROLE_METRIC,
  ROLE_VALUE,
  ROLE_UNIT,
  ROLE_SOURCE,
} Role;

typedef struct
{
  char          *id;
  char          *name;
  char          *name_zh;
  RexRegionKind  kind;
  char          *parent_id;
} RegionInfo;

typedef struct
{
  char       *label;      /* as the table names it (a long table's metric cell), or NULL */
  gsize       label_length;
  char       *id;
  char       *name;
  char       *name_zh;
  char       *unit;
  gboolean    percent;
  RexCombine  combine;
  char       *weight_id;
  guint       n_values;
  gboolean    all_fractions;
} MetricInfo;

typedef struct
{
  double  value;
  int     year;     /* 0: undated */
  guint16 source;
  guint   row;
  guint   cell;
} Point;

/* A growing array of points: appending is the inner loop of reading a
 * table, so it is a store and a compare, not a call. */
typedef struct
{
  Point  *data;
  guint   len;
  guint   size;
} Points;

typedef struct
{
  guint64 key;      /* region << 32 | metric, the key of the table of pendings */
  guint   region;   /* index into regions */
  guint   metric;   /* index into metrics */
  guint   row;      /* where the series was named */
  guint   cell;
  Points  points_;
  Points *points;
} Pending;

struct _RexTableImport
{
  GObject        parent_instance;

  char          *display_name;
  char          *encoding;
  gboolean       encoding_detected;
  char          *text;
  gsize          text_len;
  GString       *arena;
  GArray        *cells;          /* Cell */
  GArray        *rows;           /* Row */
  char           delimiter;
  RexTableShape  shape;

  /* header and footer lines */
  char          *database;
  char          *header_metric;
  char          *header_unit;
  char          *publisher;
  GString       *note;
  char          *title_line;
  char          *header_region;  /* 地区：广东省 */
  const RexRegistryEntry *context_province;

  GPtrArray     *metrics;        /* MetricInfo */
  GPtrArray     *region_infos;   /* RegionInfo */
  GHashTable    *region_by_id;   /* id → index + 1 in region_infos */
  GHashTable    *label_cache;    /* label → index + 1 in region_infos, or 0 for unknown */
  GPtrArray     *pending;        /* Pending */
  GPtrArray     *source_names;   /* publishers of the long shape's source column */
  gboolean       looks_like_fractions;

  GPtrArray     *regions;        /* RexTableRegion */
  GPtrArray     *errors;
  GPtrArray     *warnings;
  guint          n_dropped;
  RexDataset    *dataset;

  const RexTableImportOptions *options;
  GCancellable  *cancellable;
  RexTableProgress *progress;
};

struct _RexTableProgress
{
  GMutex                mutex;
  RexTableProgressUnit  unit;
  guint64               done;
  guint64               total;
};

G_DEFINE_FINAL_TYPE (RexTableImport, rex_table_import, G_TYPE_OBJECT)

/* Progress */

RexTableProgress *
rex_table_progress_new (void)
{
  RexTableProgress *progress = g_atomic_rc_box_new0 (RexTableProgress);

  g_mutex_init (&progress->mutex);
  return progress;
}

RexTableProgress *
rex_table_progress_ref (RexTableProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);
  return g_atomic_rc_box_acquire (progress);
}

static void
progress_clear (RexTableProgress *progress)
{
  g_mutex_clear (&progress->mutex);
}

void
rex_table_progress_unref (RexTableProgress *progress)
{
  g_return_if_fail (progress != NULL);
  g_atomic_rc_box_release_full (progress, (GDestroyNotify) progress_clear);
}

void
rex_table_progress_get (RexTableProgress     *progress,
                        RexTableProgressUnit *unit,
                        guint64              *done,
                        guint64              *total)
{
  g_return_if_fail (progress != NULL);

  g_mutex_lock (&progress->mutex);
  if (unit != NULL)
    *unit = progress->unit;
  if (done != NULL)
    *done = progress->done;
  if (total != NULL)
    *total = progress->total;
  g_mutex_unlock (&progress->mutex);
}

/* Called every few thousand rows: cheap next to reading them. */
static void
report_progress (RexTableImport       *self,
                 RexTableProgressUnit  unit,
                 guint64               done,
                 guint64               total)
{
  if (self->progress == NULL)
    return;
  g_mutex_lock (&self->progress->mutex);
  self->progress->unit = unit;
  self->progress->done = done;
  self->progress->total = total;
  g_mutex_unlock (&self->progress->mutex);
}

/* Options */

RexTableImportOptions *
rex_table_import_options_new (void)
{
  RexTableImportOptions *options = g_new0 (RexTableImportOptions, 1);

  options->percent = -1;
  options->combine = -1;
  return options;
}

RexTableImportOptions *
rex_table_import_options_copy (const RexTableImportOptions *options)
{
  RexTableImportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->encoding = g_strdup (options->encoding);
  copy->metric_id = g_strdup (options->metric_id);
  copy->metric_name = g_strdup (options->metric_name);
  copy->metric_name_zh = g_strdup (options->metric_name_zh);
  copy->unit = g_strdup (options->unit);
  copy->weight_id = g_strdup (options->weight_id);
  copy->publisher = g_strdup (options->publisher);
  copy->source_title = g_strdup (options->source_title);
  copy->source_date = g_strdup (options->source_date);
  copy->source_url = g_strdup (options->source_url);
  copy->region_map = NULL;
  if (options->region_map != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, options->region_map);
      while (g_hash_table_iter_next (&iter, &key, &value))
        rex_table_import_options_map_region (copy, key, value);
    }
  return copy;
}

void
rex_table_import_options_free (RexTableImportOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->encoding);
  g_free (options->metric_id);
  g_free (options->metric_name);
  g_free (options->metric_name_zh);
  g_free (options->unit);
  g_free (options->weight_id);
  g_free (options->publisher);
  g_free (options->source_title);
  g_free (options->source_date);
  g_free (options->source_url);
  g_clear_pointer (&options->region_map, g_hash_table_unref);
  g_free (options);
}

void
rex_table_import_options_map_region (RexTableImportOptions *options,
                                     const char            *label,
                                     const char            *region_id)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (label != NULL && region_id != NULL);

  if (options->region_map == NULL)
    options->region_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (options->region_map, g_strdup (label), g_strdup (region_id));
}

/* Object */

static void
region_info_free (RegionInfo *info)
{
  g_free (info->id);
  g_free (info->name);
  g_free (info->name_zh);
  g_free (info->parent_id);
  g_free (info);
}

static void
metric_info_free (MetricInfo *info)
{
  g_free (info->label);
  g_free (info->id);
  g_free (info->name);
  g_free (info->name_zh);
  g_free (info->unit);
  g_free (info->weight_id);
  g_free (info);
}

static void
pending_free (Pending *pending)
{
  g_free (pending->points_.data);
  g_free (pending);
}

static void
table_region_free (RexTableRegion *region)
{
  g_free (region->label);
  g_free (region->region_id);
  g_strfreev (region->suggestions);
  g_free (region);
}

static void
rex_table_import_finalize (GObject *object)
{
  RexTableImport *self = (RexTableImport *) object;

  g_free (self->display_name);
  g_free (self->encoding);
  g_free (self->text);
  g_string_free (self->arena, TRUE);
  g_array_unref (self->cells);
  g_array_unref (self->rows);
  g_free (self->database);
  g_free (self->header_metric);
  g_free (self->header_unit);
  g_free (self->publisher);
  g_free (self->title_line);
  g_free (self->header_region);
  g_string_free (self->note, TRUE);
  g_ptr_array_unref (self->metrics);
  g_ptr_array_unref (self->region_infos);
  g_hash_table_unref (self->region_by_id);
  g_hash_table_unref (self->label_cache);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->source_names);
  g_ptr_array_unref (self->regions);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (rex_table_import_parent_class)->finalize (object);
}

static void
rex_table_import_class_init (RexTableImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rex_table_import_finalize;
}

static void
rex_table_import_init (RexTableImport *self)
{
  self->arena = g_string_new (NULL);
  self->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->note = g_string_new (NULL);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) metric_info_free);
  self->region_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) region_info_free);
  self->region_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->label_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->source_names = g_ptr_array_new_with_free_func (g_free);
  self->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) table_region_free);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);
}

/* Problems */

static void G_GNUC_PRINTF (5, 6)
add_problem (RexTableImport *self,
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

static void
cell_position (RexTableImport *self,
               guint           row,
               guint           cell,
               int            *line,
               int            *column)
{
  const Row *r = &g_array_index (self->rows, Row, row);

  if (cell < r->n)
    position_of (self, row, g_array_index (self->cells, Cell, r->first + cell).offset, line, column);
  else
    {
      *line = r->line;
      *column = 1;
    }
}

#define cell_error(self, row, cell, ...) \
  G_STMT_START { int l_, c_; cell_position (self, row, cell, &l_, &c_); \
                 add_problem (self, TRUE, l_, c_, __VA_ARGS__); } G_STMT_END
#define cell_warning(self, row, cell, ...) \
  G_STMT_START { int l_, c_; cell_position (self, row, cell, &l_, &c_); \
                 add_problem (self, FALSE, l_, c_, __VA_ARGS__); } G_STMT_END

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

static char
guess_delimiter (const char *text,
                 gsize       len,
                 const char *name)
{
  guint commas = 0, tabs = 0;

  if (name != NULL && g_str_has_suffix (name, ".tsv"))
    return '\t';
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
  gboolean escaped = FALSE;
  gsize arena_start = self->arena->len;

  for (;;)
    {
      const char *q = memchr (p, '"', end - p);

      if (q == NULL)
        {
          add_problem (self, TRUE, *line, 0,
                       _("a quoted cell starting on this line is never closed: a '\"' is missing"));
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
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      (*line)++;
      *pp = p;
      return TRUE;
    }
}

static gboolean
split (RexTableImport *self,
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

      if (self->rows->len % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
            return FALSE;
          report_progress (self, REX_TABLE_PROGRESS_BYTES, p - text, self->text_len);
        }
      if (!split_row (self, &p, &row, &n_cells, &line, stop, error))
        return FALSE;

      g_array_append_val (self->rows, row);
      if (self->rows->len > REX_TABLE_MAX_ROWS)
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                       _("%s:%d: more than %d rows; that is the limit"),
                       self->display_name, row.line, REX_TABLE_MAX_ROWS);
          return FALSE;
        }
    }

  g_array_set_size (self->cells, n_cells);
  return TRUE;
}

/* Cells */

static inline const char *
cell_data (RexTableImport *self,
           guint           row,
           guint           index,
           gsize          *length)
{
  const Row *r = &g_array_index (self->rows, Row, row);
  const Cell *cell;
  const char *data;

  if (index >= r->n)
    {
      *length = 0;
      return "";
    }
  cell = &g_array_index (self->cells, Cell, r->first + index);
  data = cell->content & CELL_IN_ARENA ? self->arena->str + (cell->content & ~CELL_IN_ARENA)
                                       : self->text + cell->content;
  *length = cell->length;

  /* Trim spaces: ASCII, no-break (U+00A0) and ideographic (U+3000). Most
   * cells have none: one look at each end. */
  if (*length == 0 || (!g_ascii_isspace (data[0]) && (guchar) data[0] != 0xC2 && (guchar) data[0] != 0xE3
                       && !g_ascii_isspace (data[*length - 1]) && (guchar) data[*length - 1] != 0xA0
                       && (guchar) data[*length - 1] != 0x80))
    return data;
  for (;;)
    {
      if (*length > 0 && g_ascii_isspace (data[0]))
        data++, (*length)--;
      else if (*length >= 2 && memcmp (data, "\xC2\xA0", 2) == 0)
        data += 2, *length -= 2;
      else if (*length >= 3 && memcmp (data, "\xE3\x80\x80", 3) == 0)
        data += 3, *length -= 3;
      else
        break;
    }
  for (;;)
    {
      if (*length > 0 && g_ascii_isspace (data[*length - 1]))
        (*length)--;
      else if (*length >= 2 && memcmp (data + *length - 2, "\xC2\xA0", 2) == 0)
        *length -= 2;
      else if (*length >= 3 && memcmp (data + *length - 3, "\xE3\x80\x80", 3) == 0)
        *length -= 3;
      else
        break;
    }
  return data;
}

static char *
cell_dup (RexTableImport *self,
          guint           row,
          guint           index)
{
  gsize length;
  const char *data = cell_data (self, row, index, &length);

  return g_strndup (data, length);
}

static gboolean
cell_is_empty (RexTableImport *self,
               guint           row,
               guint           index)
{
  gsize length;

  cell_data (self, row, index, &length);
  return length == 0;
}

static guint
row_n_filled (RexTableImport *self,
              guint           row,
              guint          *last)
{
  const Row *r = &g_array_index (self->rows, Row, row);
  guint n = 0;

  for (guint i = 0; i < r->n; i++)
    if (!cell_is_empty (self, row, i))
      {
        n++;
        if (last != NULL)
          *last = i;
      }
  return n;
}

/* TRUE when @row has values beyond the header's @n_columns (empty cells
 * there, a trailing delimiter, do not count). */
static gboolean
row_is_wider (RexTableImport *self,
              guint           row,
              guint           n_columns)
{
  guint last_filled = 0;

  if (g_array_index (self->rows, Row, row).n <= n_columns)
    return FALSE;
  row_n_filled (self, row, &last_filled);
  return last_filled >= n_columns;
}

/* A string for messages: at most 40 characters of @s. */
static char *
quote (const char *s,
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

/* Years and numbers */

/* "2024", "2024年", "2024年末", "2024-12", "2024-12-31", "2024/12", "2024.0". */
static gboolean
parse_year (const char *s,
            gsize       length,
            int        *year)
{
  static const char * const tails[] = { "", "年", "年末", "年底", "年度", "年份", ".0", NULL };
  const char *tail = s + 4;
  gsize tail_length;

  if (length < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  tail_length = length - 4;

  if (tail_length >= 3 && (tail[0] == '-' || tail[0] == '/' || tail[0] == '.')
      && g_ascii_isdigit (tail[1]) && g_ascii_isdigit (tail[2]))
    {
      int month = (tail[1] - '0') * 10 + (tail[2] - '0');

      if (month < 1 || month > 12 || (tail[0] == '.' && tail_length == 3 && month == 0))
        return FALSE;
      tail += 3;
      tail_length -= 3;
      if (tail_length == 3 && tail[0] == tail[-3] && g_ascii_isdigit (tail[1]) && g_ascii_isdigit (tail[2]))
        tail_length = 0;
      else if (tail_length != 0)
        return FALSE;
    }
  else
    {
      gboolean ok = FALSE;

      for (guint i = 0; tails[i] != NULL && !ok; i++)
        ok = strlen (tails[i]) == tail_length && memcmp (tail, tails[i], tail_length) == 0;
      if (!ok)
        return FALSE;
    }

  *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  return TRUE;
}

typedef enum
{
  NUMBER_OK,
  NUMBER_MISSING,
  NUMBER_BAD,
} NumberResult;

static gboolean
is_missing_marker (const char *s,
                   gsize       length)
{
  static const char * const markers[] = {
    "-", "--", "—", "——", "–", "…", "……", "...", "..", ".", "NA", "N/A", "n/a", "na",
    "null", "NULL", "None", "无", "x", "X", "*", NULL
  };

  /* Most cells are numbers: no marker starts with a digit or is long. */
  if (length > 6 || g_ascii_isdigit (s[0]))
    return FALSE;
  for (guint i = 0; markers[i] != NULL; i++)
    if (strlen (markers[i]) == length && memcmp (s, markers[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* "-123.45", "12,345.6" with at most 15 digits: the integer of its digits
 * and a power of ten are both exact doubles, so one division rounds
 * correctly (what strtod() gives, in a fraction of its time). Thousands
 * separators must group by three. FALSE for anything else, which
 * parse_number() reads the slow way. */
static gboolean
fast_decimal (const char *s,
              gsize       n,
              double     *value)
{
  static const double powers[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15 };
  const char *end = s + n;
  gboolean negative = FALSE, grouped = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0, group = 0;

  if (s < end && (*s == '-' || *s == '+'))
    negative = *s++ == '-';
  for (; s < end; s++)
    {
      guint d = (guchar) *s - '0';

      if (d < 10)
        {
          mantissa = mantissa * 10 + d;
          digits++;
          group++;
        }
      else if (*s == ',' && group >= 1 && group <= 3 && (!grouped || group == 3))
        {
          grouped = TRUE;
          group = 0;
        }
      else
        break;
    }
  if (digits == 0 || (grouped && group != 3))
    return FALSE;
  if (s < end && *s == '.')
    {
      for (s++; s < end; s++)
        {
          guint d = (guchar) *s - '0';

          if (d >= 10)
            return FALSE;
          mantissa = mantissa * 10 + d;
          digits++;
          decimals++;
        }
    }
  if (s != end || digits > 15)
    return FALSE;
  *value = (double) mantissa / powers[decimals];
  if (negative)
    *value = -*value;
  return TRUE;
}

static NumberResult
parse_number (const char *s,
              gsize       length,
              double     *value)
{
  char buffer[64];
  gsize n = 0;
  gsize digits_before_point = 0;
  gboolean seen_point = FALSE, seen_exponent = FALSE, grouped = FALSE;
  guint since_comma = 0;
  char *end;

  /* Plain decimals first: nearly every cell of a table. */
  if (length > 0 && length < 18 && fast_decimal (s, length, value))
    return NUMBER_OK;
  if (length == 0 || is_missing_marker (s, length))
    return NUMBER_MISSING;

  /* A trailing per cent sign is dropped: the unit says what the values are. */
  if (length > 1 && s[length - 1] == '%')
    length--;
  if (length >= sizeof buffer)
    return NUMBER_BAD;

  for (gsize i = 0; i < length; i++)
    {
      char c = s[i];

      if (g_ascii_isdigit (c))
        {
          if (!seen_point && !seen_exponent)
            digits_before_point++;
          since_comma++;
          buffer[n++] = c;
        }
      else if (c == ',' && !seen_point && !seen_exponent)
        {
          /* Thousands separators: groups of three digits. */
          if (digits_before_point == 0 || (grouped && since_comma != 3) || (!grouped && since_comma > 3))
            return NUMBER_BAD;
          grouped = TRUE;
          since_comma = 0;
        }
      else if (c == '.' && !seen_point && !seen_exponent)
        {
          if (grouped && since_comma != 3)
            return NUMBER_BAD;
          seen_point = TRUE;
          buffer[n++] = c;
        }
      else if ((c == 'e' || c == 'E') && !seen_exponent && i > 0)
        {
          seen_exponent = TRUE;
          buffer[n++] = c;
        }
      else if ((c == '-' || c == '+') && (i == 0 || s[i - 1] == 'e' || s[i - 1] == 'E'))
        buffer[n++] = c;
      else
        return NUMBER_BAD;
    }
  if (grouped && !seen_point && since_comma != 3)
    return NUMBER_BAD;
  buffer[n] = '\0';

  if (!seen_exponent && fast_decimal (buffer, n, value))
    return NUMBER_OK;

  *value = g_ascii_strtod (buffer, &end);
  if (end == buffer || *end != '\0' || !isfinite (*value))
    return NUMBER_BAD;
  return NUMBER_OK;
}

static void
report_bad_number (RexTableImport *self,
                   guint           row,
                   guint           cell,
                   const char     *s,
                   gsize           length)
{
  g_autofree char *quoted = quote (s, length);

  if (length > 0 && strchr ("=+-@", s[0]) != NULL)
    cell_error (self, row, cell,
                _("expected a number, got %s, which looks like a spreadsheet formula; "
                "formulas are not evaluated: save the table with their values"), quoted);
  else
    cell_error (self, row, cell, _("expected a number, got %s"), quoted);
}

/* Header and footer lines */

static const struct
{
  const char *key;
  int         what;   /* 0 database, 1 metric, 2 time, 3 unit, 4 note, 5 publisher, 6 region */
} meta_keys[] = {
  { "数据库", 0 }, { "Database", 0 },
  { "指标", 1 }, { "Indicator", 1 }, { "Metric", 1 },
  { "时间", 2 }, { "Time", 2 }, { "Period", 2 },
  { "单位", 3 }, { "Unit", 3 },
  { "注", 4 }, { "备注", 4 }, { "说明", 4 }, { "Note", 4 }, { "Notes", 4 },
  { "数据来源", 5 }, { "资料来源", 5 }, { "来源", 5 }, { "Source", 5 },
  { "地区", 6 }, { "Region", 6 },
};

/* "指标：地区生产总值(亿元)" → what, and the value after the colon. */
static gboolean
parse_meta (const char  *s,
            gsize        length,
            int         *what,
            char       **value)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      gsize key_length = strlen (meta_keys[i].key);
      const char *rest = s + key_length;
      gsize rest_length;

      if (length < key_length || g_ascii_strncasecmp (s, meta_keys[i].key, key_length) != 0)
        continue;
      rest_length = length - key_length;
      if (rest_length >= 3 && memcmp (rest, "：", 3) == 0)
        rest += 3, rest_length -= 3;
      else if (rest_length >= 1 && rest[0] == ':')
        rest += 1, rest_length -= 1;
      else
        continue;

      while (rest_length > 0 && g_ascii_isspace (*rest))
        rest++, rest_length--;
      *what = meta_keys[i].what;
      *value = g_strndup (rest, rest_length);
      return TRUE;
    }
  return FALSE;
}

/* "地区生产总值(亿元)" → "地区生产总值" and "亿元". */
static void
split_unit (const char  *text,
            char       **name,
            char       **unit)
{
  const char *open = NULL;
  gsize length = strlen (text);
  gsize close_length = 0;

  if (length >= 1 && text[length - 1] == ')')
    close_length = 1;
  else if (length >= 3 && memcmp (text + length - 3, "）", 3) == 0)
    close_length = 3;

  if (close_length > 0)
    {
      const char *a = g_strrstr (text, "(");
      const char *b = g_strrstr (text, "（");

      open = a != NULL && (b == NULL || a > b) ? a : b;
    }

  if (open == NULL || open == text)
    {
      *name = g_strstrip (g_strdup (text));
      *unit = NULL;
      return;
    }

  *name = g_strstrip (g_strndup (text, open - text));
  open += *open == '(' ? 1 : 3;
  *unit = g_strstrip (g_strndup (open, text + length - close_length - open));
  if (**unit == '\0')
    g_clear_pointer (unit, g_free);
}

/* Reads the header and footer lines; returns the first and last rows of the
 * table between them (last exclusive). */
static void
read_meta (RexTableImport *self,
           guint          *first,
           guint          *last)
{
  guint n_rows = self->rows->len;
  guint top = 0, bottom = n_rows;

  for (; top < n_rows; top++)
    {
      guint last_filled = 0;
      guint filled = row_n_filled (self, top, &last_filled);
      g_autofree char *value = NULL;
      gsize length;
      const char *s;
      int what;

      if (filled == 0)
        continue;
      if (filled > 1 || last_filled != 0)
        break;
      s = cell_data (self, top, 0, &length);
      if (parse_meta (s, length, &what, &value))
        {
          switch (what)
            {
            case 0:
              g_free (self->database);
              self->database = g_steal_pointer (&value);
              break;
            case 1:
              g_free (self->header_metric);
              self->header_metric = g_steal_pointer (&value);
              break;
            case 3:
              g_free (self->header_unit);
              self->header_unit = g_steal_pointer (&value);
              break;
            case 4:
              if (self->note->len > 0)
                g_string_append (self->note, " ");
              g_string_append (self->note, value);
              break;
            case 5:
              g_free (self->publisher);
              self->publisher = g_steal_pointer (&value);
              break;
            case 6:
              g_free (self->header_region);
              self->header_region = g_steal_pointer (&value);
              break;
            default:
              break;
            }
          continue;
        }
      /* A title line: "2024年各地区生产总值". */
      if (self->title_line == NULL)
        self->title_line = g_strndup (s, length);
    }

  while (bottom > top)
    {
      guint last_filled = 0;
      guint filled = row_n_filled (self, bottom - 1, &last_filled);
      g_autofree char *value = NULL;
      gsize length;
      const char *s;
      int what;

      if (filled == 0)
        {
          bottom--;
          continue;
        }
      if (filled > 1 || last_filled != 0)
        break;
      s = cell_data (self, bottom - 1, 0, &length);
      if (!parse_meta (s, length, &what, &value) || (what != 4 && what != 5))
        break;
      if (what == 5)
        {
          g_free (self->publisher);
          self->publisher = g_steal_pointer (&value);
        }
      else
        {
          if (self->note->len > 0)
            g_string_prepend (self->note, " ");
          g_string_prepend (self->note, value);
        }
      bottom--;
    }

  *first = top;
  *last = bottom;
}

/* Column roles */

static Role
header_role (const char *s,
             gsize       length)
{
  static const struct { const char *name; Role role; } names[] = {
    { "地区", ROLE_REGION }, { "地区名称", ROLE_REGION }, { "省份", ROLE_REGION },
    { "省", ROLE_REGION }, { "省区市", ROLE_REGION }, { "省市", ROLE_REGION }, { "区域", ROLE_REGION },
    { "名称", ROLE_REGION }, { "region", ROLE_REGION }, { "province", ROLE_REGION },
    { "area", ROLE_REGION }, { "name", ROLE_REGION }, { "region_id", ROLE_REGION },
    { "region id", ROLE_REGION }, { "城市", ROLE_REGION }, { "县", ROLE_REGION }, { "county", ROLE_REGION },
    { "city", ROLE_REGION },
    { "代码", ROLE_CODE }, { "区划代码", ROLE_CODE }, { "行政区划代码", ROLE_CODE }, { "code", ROLE_CODE },
    { "年份", ROLE_YEAR }, { "年", ROLE_YEAR }, { "时间", ROLE_YEAR }, { "year", ROLE_YEAR },
    { "date", ROLE_YEAR }, { "period", ROLE_YEAR },
    { "指标", ROLE_METRIC }, { "指标名称", ROLE_METRIC }, { "metric", ROLE_METRIC },
    { "indicator", ROLE_METRIC }, { "variable", ROLE_METRIC }, { "metric_id", ROLE_METRIC },
    { "数值", ROLE_VALUE }, { "值", ROLE_VALUE }, { "数据", ROLE_VALUE }, { "value", ROLE_VALUE },
    { "单位", ROLE_UNIT }, { "unit", ROLE_UNIT },
    { "来源", ROLE_SOURCE }, { "数据来源", ROLE_SOURCE }, { "source", ROLE_SOURCE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i].name) == length && g_ascii_strncasecmp (s, names[i].name, length) == 0)
      return names[i].role;
  return ROLE_NONE;
}

/* Metric ids */

/* Metric names of the statistics database and the ids of the bundled
 * dataset's metrics, so that a table merges into it. */
static const struct
{
  const char *name;
  const char *id;
  const char *english;
} known_metrics[] = {
  { "地区生产总值", "gdp", "GDP" },
  { "国内生产总值", "gdp", "GDP" },
  { "年末常住人口", "population", "Population" },
  { "常住人口", "population", "Population" },
  { "人均地区生产总值", "gdp_per_capita", "GDP per capita" },
  { "城镇人口", "urban_population", "Urban population" },
  { "城镇化率", "urbanization", "Urbanization rate" },
  { "常住人口城镇化率", "urbanization", "Urbanization rate" },
  { "居民人均可支配收入", "income_all", "Per-capita disposable income" },
  { "城镇居民人均可支配收入", "urban_income", "Urban per-capita disposable income" },
  { "农村居民人均可支配收入", "rural_income", "Rural per-capita disposable income" },
  { "粮食产量", "grain_output", "Grain output" },
  { "粮食总产量", "grain_output", "Grain output" },
};

/* [a-z0-9_-]+ from @name, or NULL when it has no such characters. */
static char *
sanitize_id (const char *name)
{
  GString *id = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) && !((guchar) *p & 0x80))
        g_string_append_c (id, c);
      else if ((c == '-' || c == '_') && id->len > 0)
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '_' && id->str[id->len - 1] != '-')
        g_string_append_c (id, '_');
    }
  while (id->len > 0 && (id->str[id->len - 1] == '_' || id->str[id->len - 1] == '-'))
    g_string_truncate (id, id->len - 1);
  if (id->len > 64)
    g_string_truncate (id, 64);
  if (id->len == 0)
    {
      g_string_free (id, TRUE);
      return NULL;
    }
  return g_string_free (id, FALSE);
}

static gboolean
has_non_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s & 0x80)
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char         *s,
              const char * const *words)
{
  g_autofree char *lower = g_utf8_strdown (s, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Sum for amounts (money, people, tonnes, area), nothing for rates and
 * per-head figures, where a sum means nothing. */
static RexCombine
guess_combine (const char *name,
               const char *unit,
               gboolean    percent)
{
  static const char * const per[] = {
    "人均", "率", "比重", "占比", "比例", "指数", "增长", "增速", "平均", "密度", "单产", "每",
    "per ", "per-", "rate", "ratio", "share", "index", "growth", "average", "density", "yield", NULL
  };
  static const char * const amounts[] = {
    "亿元", "万元", "万人", "人", "吨", "公顷", "公里", "千米", "个", "家", "辆", "户", "千瓦", "平方",
    "yuan", "persons", "people", "tonnes", "tons", " t", "hectares", "km", NULL
  };

  if (percent || (name != NULL && contains_any (name, per)) || unit == NULL || *unit == '\0'
      || strchr (unit, '/') != NULL)
    return REX_COMBINE_NONE;
  if (contains_any (unit, amounts) || g_str_equal (unit, "元"))
    return REX_COMBINE_SUM;
  return REX_COMBINE_NONE;
}

static gboolean
unit_is_percent (const char *unit)
{
  return unit != NULL && (g_str_equal (unit, "%") || g_str_equal (unit, "％")
                          || g_str_equal (unit, "percent") || g_str_equal (unit, "百分比"));
}

static gboolean
metric_id_taken (RexTableImport *self,
                 const char     *id)
{
  for (guint i = 0; i < self->metrics->len; i++)
    if (g_str_equal (((MetricInfo *) self->metrics->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

/* What the options say of a table's one metric wins over what the table
 * says. */
static void
apply_metric_options (RexTableImport *self)
{
  const RexTableImportOptions *o = self->options;
  MetricInfo *info;
  gboolean unit_given = FALSE;

  if (self->metrics->len != 1)
    {
      if (self->metrics->len > 1 && (o->metric_id != NULL || o->metric_name != NULL || o->unit != NULL))
        add_problem (self, FALSE, 0, 0, _("the table has %u metrics; the metric id, name and unit "
                     "given apply to a table of one metric and were not used"), self->metrics->len);
      return;
    }
  info = self->metrics->pdata[0];

  if (o->metric_id != NULL)
    {
      g_free (info->id);
      info->id = g_strdup (o->metric_id);
    }
  if (o->metric_name != NULL)
    {
      g_free (info->name);
      info->name = g_strdup (o->metric_name);
      if (has_non_ascii (o->metric_name) && o->metric_name_zh == NULL)
        {
          g_free (info->name_zh);
          info->name_zh = g_strdup (o->metric_name);
        }
    }
  if (o->metric_name_zh != NULL)
    {
      g_free (info->name_zh);
      info->name_zh = g_strdup (o->metric_name_zh);
    }
  if (o->unit != NULL)
    {
      g_free (info->unit);
      info->unit = g_strdup (o->unit);
      unit_given = TRUE;
    }
  info->percent = o->percent >= 0 ? o->percent : unit_is_percent (info->unit);
  if (o->combine >= 0)
    info->combine = (RexCombine) o->combine;
  else if (unit_given || o->percent >= 0 || o->metric_name != NULL)
    info->combine = guess_combine (info->name_zh != NULL ? info->name_zh : info->name,
                                   info->unit, info->percent);
  g_free (info->weight_id);
  info->weight_id = g_strdup (o->weight_id);
}

/* The metric named @name (a long table's metric cell, or NULL for the one
 * metric of a wide table); its index in self->metrics. */
static guint
get_metric (RexTableImport *self,
            const char     *name,
            const char     *unit)
{
  const RexTableImportOptions *o = self->options;
  g_autofree char *base_name = NULL;
  g_autofree char *header_unit = NULL;
  g_autofree char *id = NULL;
  MetricInfo *info;
  gboolean single = name == NULL;

  g_assert (o != NULL);

  for (guint i = 0; i < self->metrics->len; i++)
    {
      MetricInfo *m = self->metrics->pdata[i];

      if (single || g_strcmp0 (m->label, name) == 0)
        return i;
    }

  if (name == NULL)
    name = o->metric_name != NULL ? o->metric_name
         : self->header_metric != NULL ? self->header_metric
         : self->title_line;
  if (name != NULL)
    split_unit (name, &base_name, &header_unit);
  else
    {
      g_autofree char *base = g_path_get_basename (self->display_name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      base_name = g_strdup (base);
    }

  info = g_new0 (MetricInfo, 1);
  info->label = single ? NULL : g_strdup (name);
  info->label_length = info->label != NULL ? strlen (info->label) : 0;
  if (has_non_ascii (base_name))
    {
      info->name_zh = g_strdup (base_name);
      info->name = g_strdup (base_name);
    }
  else
    info->name = g_strdup (base_name);

  for (guint i = 0; i < G_N_ELEMENTS (known_metrics); i++)
    if (g_str_equal (base_name, known_metrics[i].name))
      {
        id = g_strdup (known_metrics[i].id);
        g_free (info->name);
        info->name = g_strdup (known_metrics[i].english);
      }

  if (id == NULL)
    id = sanitize_id (base_name);
  if (id == NULL)
    {
      /* A Chinese name: the file's name, then a number. */
      g_autofree char *base = g_path_get_basename (self->display_name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      id = self->metrics->len == 0 ? sanitize_id (base) : NULL;
      if (id == NULL)
        id = g_strdup_printf ("metric-%u", self->metrics->len + 1);
    }
  /* Unique among the table's metrics. */
  for (guint n = 2; metric_id_taken (self, id); n++)
    {
      g_autofree char *base = g_steal_pointer (&id);
      char *dash = strrchr (base, '-');

      if (n > 2 && dash != NULL)
        *dash = '\0';
      id = g_strdup_printf ("%s-%u", base, n);
    }
  info->id = g_steal_pointer (&id);

  info->unit = g_strdup (unit != NULL && *unit != '\0' ? unit
                         : header_unit != NULL ? header_unit
                         : self->header_unit);
  info->percent = unit_is_percent (info->unit);
  info->combine = guess_combine (info->name_zh != NULL ? info->name_zh : info->name,
                                 info->unit, info->percent);
  info->all_fractions = TRUE;

  g_ptr_array_add (self->metrics, info);
  return self->metrics->len - 1;
}

/* Regions */

static guint
add_region_info (RexTableImport *self,
                 RegionInfo     *info)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->region_by_id, info->id));

  if (index != 0)
    {
      region_info_free (info);
      return index - 1;
    }
  g_ptr_array_add (self->region_infos, info);
  g_hash_table_insert (self->region_by_id, info->id, GUINT_TO_POINTER (self->region_infos->len));
  return self->region_infos->len - 1;
}

static guint
add_registry_region (RexTableImport         *self,
                     const RexRegistryEntry *entry)
{
  RegionInfo *info = g_new0 (RegionInfo, 1);

  info->id = g_strdup (entry->id);
  info->name = g_strdup (entry->name);
  info->name_zh = g_strdup (entry->name_zh);
  info->kind = entry->kind;
  return add_region_info (self, info);
}

/* The province @label names (not a division of it), or NULL. */
static const RexRegistryEntry *
label_province (const char *label)
{
  RexRegistryMatch match;

  if (rex_region_registry_match (label, &match) && match.code[0] == '\0'
      && match.kind == REX_REGION_KIND_PROVINCE)
    return match.entry;
  return NULL;
}

/* The province the table places its rows in: a header line "地区：广东省",
 * or a title naming one province ("广东省各市地区生产总值"). */
static void
find_context_province (RexTableImport *self)
{
  const RexRegistryEntry *found = NULL;

  if (self->header_region != NULL)
    {
      self->context_province = label_province (self->header_region);
      return;
    }
  if (self->title_line == NULL)
    return;
  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *entry = rex_region_registry_get_entry (i);

      if (entry->kind != REX_REGION_KIND_PROVINCE || strstr (self->title_line, entry->full_name_zh) == NULL)
        continue;
      if (found != NULL)
        return;   /* two provinces: no context */
      found = entry;
    }
  self->context_province = found;
}

/* What @label names, helped by @other (a code column, or a second name
 * column: 省份 and 城市) and the table's province. */
static RexRegistryResult
resolve_label (RexTableImport   *self,
               const char       *label,
               const char       *other,
               RexRegistryMatch *match,
               char           ***candidates)
{
  RexRegistryResult result;

  /* A code cannot be misread: it wins. */
  if (other != NULL && strlen (other) == 6 && g_ascii_isdigit (other[0])
      && rex_region_registry_match (other, match))
    return REX_REGISTRY_FOUND;

  /* A province in one column, a division of it in the other. */
  if (other != NULL)
    {
      const RexRegistryEntry *province = label_province (label);

      if (province != NULL
          && (result = rex_region_registry_match_in (other, province, match, candidates)) != REX_REGISTRY_UNKNOWN)
        return result;
      province = label_province (other);
      if (province != NULL
          && (result = rex_region_registry_match_in (label, province, match, candidates)) != REX_REGISTRY_UNKNOWN)
        return result;
    }

  result = rex_region_registry_match_in (label, self->context_province, match, candidates);
  if (result == REX_REGISTRY_UNKNOWN && other != NULL)
    result = rex_region_registry_match_in (other, self->context_province, match, candidates);
  return result;
}

/* The region of a registry match, its index in region_infos: the province
 * or group itself, or a prefecture or county under its province. */
static guint
add_matched_region (RexTableImport         *self,
                    const RexRegistryMatch *match,
                    const char             *label,
                    const char             *other)
{
  RegionInfo *info;
  const char *name;

  if (match->code[0] == '\0')
    return add_registry_region (self, match->entry);

  /* The list's name; else "440300 深圳市", or the code in one column and
   * the name in the other. */
  name = match->division_name != NULL ? match->division_name
         : *match->rest != '\0' ? match->rest
         : g_str_has_prefix (label, match->code) ? (other != NULL ? other : match->code)
         : label;
  add_registry_region (self, match->entry);
  info = g_new0 (RegionInfo, 1);
  info->id = g_strdup (match->code);
  info->name = g_strdup (name);
  if (has_non_ascii (name))
    info->name_zh = g_strdup (name);
  info->kind = match->kind;
  info->parent_id = g_strdup (match->entry->id);
  return add_region_info (self, info);
}

/* The region the user chose for @label in the dialog: a registry id, a
 * division code, or an id of the user's own. */
static guint
add_mapped_region (RexTableImport *self,
                   const char     *label,
                   const char     *mapped)
{
  const RexRegistryEntry *entry = rex_region_registry_lookup_id (mapped);
  RexRegistryMatch match;
  RegionInfo *info;

  if (entry != NULL)
    return add_registry_region (self, entry);
  /* A prefecture or county the user chose among the places a name means. */
  if (rex_region_registry_match (mapped, &match) && match.code[0] != '\0')
    return add_matched_region (self, &match, label, NULL);
  info = g_new0 (RegionInfo, 1);
  info->id = g_strdup (mapped);
  info->name = g_strdup (label);
  info->kind = REX_REGION_KIND_PROVINCE;
  return add_region_info (self, info);
}

static void
report_unmatched (RexTableImport *self,
                  RexTableRegion *region,
                  gboolean        ambiguous,
                  char          **candidates)
{
  g_autofree char *quoted = quote (region->label, strlen (region->label));
  g_autofree char *hint = NULL;
  g_autofree char *message = NULL;

  if (ambiguous)
    {
      /* Translators: separator between the places a name may mean */
      g_autofree char *list = g_strjoinv (_("; "), candidates);

      message = g_strdup_printf (_("region %s is ambiguous: it names %s; give its province "
                                   "(and city), as in \"江苏省南京市鼓楼区\", or its 6-digit code"),
                                 quoted, list);
    }
  else if (region->suggestions[0] != NULL)
    {
      /* Translators: separator between region names in a list */
      g_autofree char *list = g_strjoinv (_(", "), region->suggestions);

      message = g_strdup_printf (_("unknown region %s; did you mean %s?"), quoted, list);
    }
  else
    message = g_strdup_printf (_("unknown region %s; name a province, municipality, autonomous "
                                 "region or SAR, a prefecture or county with its province, "
                                 "or give a 6-digit division code"), quoted);

  if (self->options->skip_unknown)
    add_problem (self, FALSE, region->line, region->column, _("%s; its row is left out"), message);
  else
    add_problem (self, TRUE, region->line, region->column, "%s", message);
}

/* The region @label names, its index in region_infos, or -1 (reported). */
static int
match_region (RexTableImport *self,
              guint           row,
              guint           cell,
              const char     *label,
              const char     *other_label)
{
  g_autofree char *key = g_strconcat (label, "\x1F", other_label != NULL ? other_label : "", NULL);
  g_auto(GStrv) candidates = NULL;
  gpointer cached;
  RexTableRegion *region;
  RexRegistryMatch match;
  RexRegistryResult result = REX_REGISTRY_UNKNOWN;
  const char *mapped = NULL;
  int index = -1;

  if (g_hash_table_lookup_extended (self->label_cache, key, NULL, &cached))
    return GPOINTER_TO_INT (cached) - 1;

  region = g_new0 (RexTableRegion, 1);
  region->label = g_strdup (label);
  cell_position (self, row, cell, &region->line, &region->column);

  if (self->options->region_map != NULL)
    mapped = g_hash_table_lookup (self->options->region_map, label);
  if (mapped != NULL)
    index = add_mapped_region (self, label, mapped);
  else if ((result = resolve_label (self, label, other_label, &match, &candidates)) == REX_REGISTRY_FOUND)
    index = add_matched_region (self, &match, label, other_label);

  if (index >= 0)
    {
      RegionInfo *info = self->region_infos->pdata[index];

      region->region_id = g_strdup (info->id);
      region->kind = info->kind;
      region->suggestions = g_new0 (char *, 1);
    }
  else
    {
      region->suggestions = result == REX_REGISTRY_AMBIGUOUS ? g_strdupv (candidates)
                                                             : rex_region_registry_suggest (label, 3);
      report_unmatched (self, region, result == REX_REGISTRY_AMBIGUOUS, candidates);
    }

  g_ptr_array_add (self->regions, region);
  g_hash_table_insert (self->label_cache, g_steal_pointer (&key), GINT_TO_POINTER (index + 1));
  return index;
}

/* Series being read */

/* Keys are region << 32 | metric: g_int64_hash() folds them into a few
 * thousand neighbouring values, on which the table's probing crawls. */
static guint
pair_hash (gconstpointer key)
{
  return (guint) ((*(const guint64 *) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

static Pending *
get_pending (RexTableImport *self,
             GHashTable     *by_pair,
             guint           region,
             guint           metric,
             guint           row,
             guint           cell,
             guint           size_hint)
{
  guint64 key = ((guint64) region << 32) | metric;
  Pending *pending = g_hash_table_lookup (by_pair, &key);

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->key = key;
      pending->region = region;
      pending->metric = metric;
      pending->row = row;
      pending->cell = cell;
      pending->points = &pending->points_;
      pending->points->size = MAX (1, MIN (size_hint, 4096));
      pending->points->data = g_new (Point, pending->points->size);
      g_ptr_array_add (self->pending, pending);
      g_hash_table_insert (by_pair, &pending->key, pending);
    }
  return pending;
}

static void
add_point (RexTableImport *self,
           Pending        *pending,
           int             year,
           guint           source,
           guint           row,
           guint           cell)
{
  gsize length;
  const char *s = cell_data (self, row, cell, &length);
  Point point = { 0, year, source, row, cell };

  switch (parse_number (s, length, &point.value))
    {
    case NUMBER_MISSING:
      return;
    case NUMBER_BAD:
      report_bad_number (self, row, cell, s, length);
      return;
    case NUMBER_OK:
      if (G_UNLIKELY (pending->points->len == pending->points->size))
        {
          pending->points->size *= 2;
          pending->points->data = g_renew (Point, pending->points->data, pending->points->size);
        }
      pending->points->data[pending->points->len++] = point;
      return;
    }
}

static gboolean
check_year (RexTableImport *self,
            guint           row,
            guint           cell,
            int             year)
{
  if (year >= REX_YEAR_MIN && year <= REX_YEAR_MAX)
    return TRUE;
  cell_error (self, row, cell, _("year %d is outside the supported range %d–%d"),
              year, REX_YEAR_MIN, REX_YEAR_MAX);
  return FALSE;
}

/* Shapes */

/* Every thousand rows or so: the progress, and whether to stop. */
static gboolean
read_check_in (RexTableImport *self,
               guint           header,
               guint           row,
               guint           last)
{
  report_progress (self, REX_TABLE_PROGRESS_ROWS, row - header, last - header - 1);
  return g_cancellable_is_cancelled (self->cancellable);
}

/* Regions in rows: what the header says of each column. */
typedef struct
{
  guint   header;
  guint   n_columns;
  GArray *years;           /* int per column: its year, 0 none, -1 a bad one */
  GArray *column_metric;   /* int per column, without years: its metric, -1 none */
  guint   first_value;     /* the first column of values */
  guint   n_years;
  int     region_col;
  int     code_col;        /* a code, or a second name (城市 after 省份) */
  int     metric_col;
  int     unit_col;
} WideHeader;

/* The columns whose header is a year; the first of them. */
static void
read_year_columns (RexTableImport *self,
                   WideHeader     *h)
{
  for (guint c = 0; c < h->n_columns; c++)
    {
      gsize length;
      const char *s = cell_data (self, h->header, c, &length);
      int year;

      if (!parse_year (s, length, &year))
        continue;
      g_array_index (h->years, int, c) = check_year (self, h->header, c, year) ? year : -1;
      h->first_value = MIN (h->first_value, c);
      h->n_years++;
    }
}

/* 地区,土地面积(万平方公里),… : with no year, a metric per column. */
static void
read_metric_columns (RexTableImport *self,
                     WideHeader     *h)
{
  gboolean one_metric = h->n_columns == 2
                        && (self->options->metric_name != NULL || self->header_metric != NULL);

  h->first_value = 1;
  for (guint c = 1; c < h->n_columns; c++)
    {
      g_autofree char *name = cell_dup (self, h->header, c);

      if (*name == '\0')
        g_array_index (h->column_metric, int, c) = -1;
      else
        g_array_index (h->column_metric, int, c) = one_metric ? (int) get_metric (self, NULL, NULL)
                                                               : (int) get_metric (self, name, NULL);
    }
}

/* The columns before the first value say what a row is. */
static void
read_label_columns (RexTableImport *self,
                    WideHeader     *h)
{
  h->region_col = h->code_col = h->metric_col = h->unit_col = -1;
  for (guint c = 0; c < h->first_value; c++)
    {
      gsize length;
      const char *s = cell_data (self, h->header, c, &length);
      Role role = header_role (s, length);

      if (role == ROLE_CODE && h->code_col < 0)
        h->code_col = c;
      else if (role == ROLE_METRIC && h->metric_col < 0)
        h->metric_col = c;
      else if (role == ROLE_UNIT && h->unit_col < 0)
        h->unit_col = c;
      else if (role != ROLE_CODE && role != ROLE_METRIC && role != ROLE_UNIT)
        {
          if (h->region_col < 0)
            h->region_col = c;
          else if (h->code_col < 0)
            h->code_col = c;
        }
    }
  if (h->region_col < 0)
    h->region_col = h->code_col >= 0 ? h->code_col : 0;
  if (h->code_col == h->region_col)
    h->code_col = -1;
}

/* Columns after the first year that are not years, and years twice. */
static void
check_year_columns (RexTableImport *self,
                    WideHeader     *h)
{
  for (guint c = h->first_value; c < h->n_columns && h->n_years > 0; c++)
    {
      int year = g_array_index (h->years, int, c);

      if (year == 0 && !cell_is_empty (self, h->header, c))
        {
          gsize length;
          const char *s = cell_data (self, h->header, c, &length);
          g_autofree char *quoted = quote (s, length);

          cell_error (self, h->header, c, _("column %s is not a year; write 2024, 2024年 or 2024-12"), quoted);
        }
      for (guint d = h->first_value; d < c && year > 0; d++)
        if (g_array_index (h->years, int, d) == year)
          {
            cell_error (self, h->header, c, _("year %d is a column twice"), year);
            g_array_index (h->years, int, c) = -1;
            break;
          }
    }
}

static void
read_wide_header (RexTableImport *self,
                  guint           header,
                  WideHeader     *h)
{
  h->header = header;
  h->n_columns = g_array_index (self->rows, Row, header).n;
  h->years = g_array_new (FALSE, TRUE, sizeof (int));
  h->column_metric = g_array_new (FALSE, TRUE, sizeof (int));
  g_array_set_size (h->years, h->n_columns);
  g_array_set_size (h->column_metric, h->n_columns);
  h->first_value = h->n_columns;
  h->n_years = 0;

  read_year_columns (self, h);
  if (h->n_years == 0)
    read_metric_columns (self, h);
  read_label_columns (self, h);
  check_year_columns (self, h);
}

/* The region a row names, or -1 (reported, or an empty row). */
static int
read_row_region (RexTableImport   *self,
                 const WideHeader *h,
                 guint             r)
{
  const Row *row = &g_array_index (self->rows, Row, r);
  g_autofree char *label = NULL;
  g_autofree char *other = NULL;

  if (row_n_filled (self, r, NULL) == 0)
    return -1;

  label = cell_dup (self, r, h->region_col);
  other = h->code_col >= 0 ? cell_dup (self, r, h->code_col) : NULL;
  if (*label == '\0' && other != NULL && *other != '\0')
    {
      g_free (label);
      label = g_steal_pointer (&other);
    }
  if (*label == '\0')
    {
      cell_error (self, r, h->region_col, _("the row names no region"));
      return -1;
    }
  if (row_is_wider (self, r, h->n_columns))
    cell_error (self, r, h->n_columns, _("the row has %u cells, the header %u; "
                "the values cannot be matched to years"), row->n, h->n_columns);

  return match_region (self, r, h->region_col, label, other != NULL && *other != '\0' ? other : NULL);
}

/* The metric of a row: its metric column, else the table's; -1 when the
 * row names none (reported). */
static int
read_row_metric (RexTableImport   *self,
                 const WideHeader *h,
                 guint             r)
{
  g_autofree char *unit = NULL;
  g_autofree char *metric_name = NULL;

  if (h->metric_col >= 0)
    {
      gsize name_length;
      const char *name_data = cell_data (self, r, h->metric_col, &name_length);

      for (guint m = 0; m < self->metrics->len && h->unit_col < 0; m++)
        {
          MetricInfo *info = self->metrics->pdata[m];

          if (info->label != NULL && info->label_length == name_length
              && memcmp (info->label, name_data, name_length) == 0)
            return m;
        }
      metric_name = cell_dup (self, r, h->metric_col);
      if (*metric_name == '\0')
        {
          cell_error (self, r, h->metric_col, _("the row names no metric"));
          return -1;
        }
    }
  else if (h->n_years == 0)
    return 0;   /* a metric per column */

  unit = h->unit_col >= 0 ? cell_dup (self, r, h->unit_col) : NULL;
  return get_metric (self, metric_name, unit);
}

static void
read_row_values (RexTableImport   *self,
                 const WideHeader *h,
                 guint             r,
                 int               region,
                 guint             metric,
                 GHashTable       *by_pair)
{
  const Row *row = &g_array_index (self->rows, Row, r);
  Pending *pending;

  if (h->n_years == 0)
    {
      for (guint c = h->first_value; c < h->n_columns && c < row->n; c++)
        {
          int column = g_array_index (h->column_metric, int, c);

          if (column >= 0)
            add_point (self, get_pending (self, by_pair, region, column, r, h->region_col, 1), 0, 0, r, c);
        }
      return;
    }

  /* One series per row: its years are the columns. */
  pending = get_pending (self, by_pair, region, metric, r, h->region_col, h->n_years);
  for (guint c = h->first_value; c < h->n_columns && c < row->n; c++)
    {
      int year = g_array_index (h->years, int, c);

      if (year > 0)
        add_point (self, pending, year, 0, r, c);
    }
}

/* A region's rows follow each other (one per metric): the same labels as
 * the row before name the same region, without looking them up again. */
static gboolean
same_labels (RexTableImport   *self,
             const WideHeader *h,
             guint             r)
{
  gsize length, prev_length, other_length = 0, prev_other_length = 0;
  const char *label, *prev, *other = NULL, *prev_other = NULL;

  if (r == 0 || g_array_index (self->rows, Row, r).n > h->n_columns)
    return FALSE;
  label = cell_data (self, r, h->region_col, &length);
  prev = cell_data (self, r - 1, h->region_col, &prev_length);
  if (h->code_col >= 0)
    {
      other = cell_data (self, r, h->code_col, &other_length);
      prev_other = cell_data (self, r - 1, h->code_col, &prev_other_length);
    }
  return length > 0 && length == prev_length && other_length == prev_other_length
         && memcmp (label, prev, length) == 0
         && (other_length == 0 || memcmp (other, prev_other, other_length) == 0);
}

/* Regions in rows: label columns, then years (or, with no year at all,
 * one metric per column, undated). */
static void
read_regions_in_rows (RexTableImport *self,
                      guint           header,
                      guint           last,
                      GHashTable     *by_pair)
{
  WideHeader h;
  int region = -1;

  read_wide_header (self, header, &h);

  for (guint r = header + 1; r < last; r++)
    {
      int metric;

      if (r % 1024 == 0 && read_check_in (self, header, r, last))
        break;
      if (!(region >= 0 && r > header + 1 && same_labels (self, &h, r)))
        region = read_row_region (self, &h, r);
      if (region < 0)
        continue;
      metric = read_row_metric (self, &h, r);
      if (metric >= 0)
        read_row_values (self, &h, r, region, metric, by_pair);
    }

  g_array_unref (h.years);
  g_array_unref (h.column_metric);
}

/* Years in rows: the header names regions, the first column years. */
static void
read_years_in_rows (RexTableImport *self,
                    guint           header,
                    guint           last,
                    GHashTable     *by_pair)
{
  const Row *head = &g_array_index (self->rows, Row, header);
  g_autoptr(GArray) column_region = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GHashTable) seen_years = g_hash_table_new (NULL, NULL);
  guint metric = get_metric (self, NULL, NULL);

  g_array_set_size (column_region, head->n);
  for (guint c = 1; c < head->n; c++)
    {
      g_autofree char *label = cell_dup (self, header, c);

      g_array_index (column_region, int, c) = *label != '\0' ? match_region (self, header, c, label, NULL) : -1;
    }

  for (guint r = header + 1; r < last; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);
      gsize length;
      const char *s;
      int year;

      if (r % 1024 == 0 && read_check_in (self, header, r, last))
        return;
      if (row_n_filled (self, r, NULL) == 0)
        continue;
      s = cell_data (self, r, 0, &length);
      if (length == 0)
        year = 0;   /* undated: a row without a year */
      else if (!parse_year (s, length, &year))
        {
          g_autofree char *quoted = quote (s, length);

          cell_error (self, r, 0, _("expected a year (2024, 2024年 or 2024-12), got %s"), quoted);
          continue;
        }
      else if (!check_year (self, r, 0, year))
        continue;
      if (g_hash_table_contains (seen_years, GINT_TO_POINTER (year + 1)))
        {
          cell_error (self, r, 0, _("year %d is a row twice"), year);
          continue;
        }
      g_hash_table_add (seen_years, GINT_TO_POINTER (year + 1));
      if (row_is_wider (self, r, head->n))
        cell_error (self, r, head->n, _("the row has %u cells, the header %u; "
                    "the values cannot be matched to regions"), row->n, head->n);

      for (guint c = 1; c < head->n && c < row->n; c++)
        {
          int region = g_array_index (column_region, int, c);

          if (region < 0)
            continue;
          add_point (self, get_pending (self, by_pair, region, metric, header, c, last - header), year, 0, r, c);
        }
    }
}

static guint
get_source_name (RexTableImport *self,
                 const char     *name)
{
  for (guint i = 0; i < self->source_names->len; i++)
    if (g_str_equal (self->source_names->pdata[i], name))
      return i + 1;
  g_ptr_array_add (self->source_names, g_strdup (name));
  return self->source_names->len;
}

/* Long: region, year, metric, value, unit, source in any order. */
static void
read_long (RexTableImport *self,
           guint           header,
           guint           last,
           GHashTable     *by_pair)
{
  const Row *head = &g_array_index (self->rows, Row, header);
  int cols[ROLE_SOURCE + 1];

  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    cols[i] = -1;
  for (guint c = 0; c < head->n; c++)
    {
      gsize length;
      const char *s = cell_data (self, header, c, &length);
      Role role = header_role (s, length);

      /* A second name column (省份, 城市) helps the first, as a code does. */
      if (role == ROLE_REGION && cols[ROLE_REGION] >= 0 && cols[ROLE_CODE] < 0)
        role = ROLE_CODE;
      if (role != ROLE_NONE && cols[role] < 0)
        cols[role] = c;
    }
  if (cols[ROLE_REGION] < 0 && cols[ROLE_CODE] >= 0)
    cols[ROLE_REGION] = cols[ROLE_CODE], cols[ROLE_CODE] = -1;
  if (cols[ROLE_REGION] < 0 || cols[ROLE_VALUE] < 0)
    {
      cell_error (self, header, 0, _("a long table needs a region column (地区, region) and a value "
                  "column (数值, value)"));
      return;
    }

  for (guint r = header + 1; r < last; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);
      g_autofree char *label = NULL;
      g_autofree char *code = NULL;
      g_autofree char *metric_name = NULL;
      g_autofree char *unit = NULL;
      g_autofree char *source = NULL;
      guint source_index = 0;
      int region, year = 0;
      guint metric;

      if (r % 1024 == 0 && read_check_in (self, header, r, last))
        return;
      if (row_n_filled (self, r, NULL) == 0)
        continue;
      if (row->n != head->n)
        {
          guint last_filled = 0;

          row_n_filled (self, r, &last_filled);
          if (last_filled >= head->n)
            {
              cell_error (self, r, head->n, _("the row has %u cells, the header %u"), row->n, head->n);
              continue;
            }
        }

      label = cell_dup (self, r, cols[ROLE_REGION]);
      code = cols[ROLE_CODE] >= 0 ? cell_dup (self, r, cols[ROLE_CODE]) : NULL;
      if (*label == '\0')
        {
          cell_error (self, r, cols[ROLE_REGION], _("the row names no region"));
          continue;
        }
      region = match_region (self, r, cols[ROLE_REGION], label, code != NULL && *code != '\0' ? code : NULL);
      if (region < 0)
        continue;

      if (cols[ROLE_YEAR] >= 0)
        {
          gsize length;
          const char *s = cell_data (self, r, cols[ROLE_YEAR], &length);

          if (length > 0 && !parse_year (s, length, &year))
            {
              g_autofree char *quoted = quote (s, length);

              cell_error (self, r, cols[ROLE_YEAR], _("expected a year (2024, 2024年 or 2024-12) "
                          "or nothing (an undated value), got %s"), quoted);
              continue;
            }
          if (length > 0 && !check_year (self, r, cols[ROLE_YEAR], year))
            continue;
        }

      metric_name = cols[ROLE_METRIC] >= 0 ? cell_dup (self, r, cols[ROLE_METRIC]) : NULL;
      unit = cols[ROLE_UNIT] >= 0 ? cell_dup (self, r, cols[ROLE_UNIT]) : NULL;
      metric = metric_name != NULL && *metric_name != '\0'
               ? get_metric (self, metric_name, unit) : get_metric (self, NULL, unit);

      source = cols[ROLE_SOURCE] >= 0 ? cell_dup (self, r, cols[ROLE_SOURCE]) : NULL;
      if (source != NULL && *source != '\0')
        source_index = get_source_name (self, source);
      if (source_index > G_MAXUINT16 - 1 || self->source_names->len > REX_DATASET_MAX_SOURCES)
        {
          cell_error (self, r, cols[ROLE_SOURCE], _("more than %d sources; that is the limit"),
                      REX_DATASET_MAX_SOURCES);
          return;
        }

      add_point (self, get_pending (self, by_pair, region, metric, r, cols[ROLE_REGION], 8),
                 year, source_index, r, cols[ROLE_VALUE]);
    }
}

static RexTableShape
detect_shape (RexTableImport *self,
              guint           header,
              guint           last)
{
  const Row *head = &g_array_index (self->rows, Row, header);
  gboolean has_region = FALSE, has_value = FALSE, has_year_or_metric = FALSE;
  guint year_columns = 0, year_rows = 0, rows = 0;

  for (guint c = 0; c < head->n; c++)
    {
      gsize length;
      const char *s = cell_data (self, header, c, &length);
      int year;

      switch (header_role (s, length))
        {
        case ROLE_REGION:
        case ROLE_CODE:
          has_region = TRUE;
          break;
        case ROLE_VALUE:
          has_value = TRUE;
          break;
        case ROLE_YEAR:
        case ROLE_METRIC:
          has_year_or_metric = TRUE;
          break;
        default:
          break;
        }
      if (c > 0 && parse_year (s, length, &year))
        year_columns++;
    }

  if (has_region && has_value && has_year_or_metric && year_columns == 0)
    return REX_TABLE_SHAPE_LONG;
  if (year_columns > 0)
    return REX_TABLE_SHAPE_REGIONS_IN_ROWS;

  for (guint r = header + 1; r < last && rows < 50; r++)
    {
      gsize length;
      const char *s = cell_data (self, r, 0, &length);
      int year;

      if (row_n_filled (self, r, NULL) == 0)
        continue;
      rows++;
      year_rows += parse_year (s, length, &year);
    }
  if (year_rows > 0 && year_rows * 2 >= rows)
    return REX_TABLE_SHAPE_YEARS_IN_ROWS;

  return REX_TABLE_SHAPE_REGIONS_IN_ROWS;
}

/* Building the dataset */

static RexSeries *
build_series (RexTableImport *self,
              Pending        *pending,
              MetricInfo     *metric,
              guint16         table_source,
              GPtrArray      *source_map,
              RexSeriesArena *arena,
              guint8         *year_set)
{
  Points *points = pending->points;
  int first = G_MAXINT, last = G_MININT;
  gboolean plain = TRUE;
  RexSeries *series;

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &points->data[i];

      plain &= p->source == 0 && p->year != 0;
      if (p->year == 0)
        continue;
      first = MIN (first, p->year);
      last = MAX (last, p->year);
      year_set[p->year - REX_YEAR_MIN] = 1;
    }

  /* The common case, a row of a wide table: every value dated and from the
   * table's source. One array, one series in the arena. */
  if (plain && first <= last)
    {
      double values[REX_YEAR_MAX - REX_YEAR_MIN + 1];
      guint n = last - first + 1;
      gboolean duplicate = FALSE;

      for (guint i = 0; i < n; i++)
        values[i] = NAN;
      for (guint i = 0; i < points->len; i++)
        {
          const Point *p = &points->data[i];
          double *slot = &values[p->year - first];

          duplicate |= !isnan (*slot);
          *slot = metric->percent && self->options->scale_fractions ? p->value * 100 : p->value;
        }
      if (!duplicate)
        {
          series = rex_series_arena_new_from_values (arena, metric->id, first, last, values);
          rex_series_set_source (series, table_source);
          return series;
        }
    }

  series = first <= last ? rex_series_new (metric->id, first, last) : rex_series_new_undated (metric->id);

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &points->data[i];
      RexDatum datum = { .value = p->value };
      const RexDatum *existing;

      datum.source = p->source == 0 ? table_source
                     : GPOINTER_TO_UINT (g_ptr_array_index (source_map, p->source - 1));
      if (metric->percent && self->options->scale_fractions)
        datum.value *= 100;

      existing = p->year == 0 ? rex_series_get_undated (series) : rex_series_get_datum (series, p->year);
      if (existing != NULL && (p->year == 0 || existing != rex_series_get_undated (series)))
        {
          RegionInfo *region = self->region_infos->pdata[pending->region];

          if (p->year == 0)
            cell_error (self, p->row, p->cell, _("a second undated value of %s for %s"),
                        metric->id, region->id);
          else
            cell_error (self, p->row, p->cell, _("a second value of %s for %s in %d"),
                        metric->id, region->id, p->year);
          continue;
        }
      if (p->year == 0)
        rex_series_set_undated (series, &datum);
      else
        rex_series_set_datum (series, p->year, &datum);
    }

  return series;
}

static void
check_values (RexTableImport *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = self->pending->pdata[i];
      MetricInfo *metric = self->metrics->pdata[pending->metric];

      for (guint j = 0; j < pending->points->len; j++)
        {
          double v = pending->points->data[j].value;

          metric->n_values++;
          if (!(v >= 0 && v <= 1))
            metric->all_fractions = FALSE;
        }
    }

  for (guint m = 0; m < self->metrics->len; m++)
    {
      MetricInfo *metric = self->metrics->pdata[m];

      if (metric->n_values == 0)
        {
          add_problem (self, TRUE, 0, 0, _("metric %s has no values; is the table empty, "
                       "or are all its cells missing?"), metric->id);
          continue;
        }
      if (metric->percent && metric->all_fractions)
        {
          self->looks_like_fractions = TRUE;
          if (self->options->scale_fractions)
            add_problem (self, FALSE, 0, 0, _("the values of %s, a percentage, all lay within 0–1; "
                         "they were multiplied by 100"), metric->id);
          else
            add_problem (self, FALSE, 0, 0, _("the values of %s, a percentage, all lie within 0–1: "
                         "they look like fractions (0.85 for 85 %%); import them scaled by 100 "
                         "(--scale-fractions), or give another unit"), metric->id);
        }
      if (metric->weight_id != NULL && !metric_id_taken (self, metric->weight_id))
        add_problem (self, FALSE, 0, 0, _("%s is a mean weighted by %s, which the table does not "
                     "hold; its group values are derived once it is merged with a dataset that does"),
                     metric->id, metric->weight_id);
      if (metric->unit == NULL || *metric->unit == '\0')
        add_problem (self, FALSE, 0, 0, _("the table does not give the unit of %s; give it "
                     "(e.g. 亿元, %%) so that charts can label their axes"), metric->id);
    }
}

static char *
file_stem (const char *display_name)
{
  g_autofree char *base = g_path_get_basename (display_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* The table's own source: the publisher its 数据来源 line names, its
 * database and metric as the title, its notes. */
static RexSource *
make_table_source (RexTableImport *self)
{
  const RexTableImportOptions *o = self->options;
  g_autofree char *stem = file_stem (self->display_name);
  g_autofree char *stem_id = sanitize_id (stem);
  RexSource *source = rex_source_new ();

  source->id = g_strdup_printf ("table-%s", stem_id != NULL ? stem_id : "import");
  source->publisher = g_strdup (o->publisher != NULL ? o->publisher
                                : self->publisher != NULL ? self->publisher : self->display_name);
  if (o->publisher == NULL && self->publisher == NULL)
    add_problem (self, FALSE, 0, 0, _("the table does not say where its figures come from "
                 "(no 数据来源 line); its values cite the file itself"));
  if (o->source_title != NULL)
    source->title = g_strdup (o->source_title);
  else if (self->database != NULL && self->header_metric != NULL)
    source->title = g_strdup_printf ("%s: %s", self->database, self->header_metric);
  else
    source->title = g_strdup (self->header_metric != NULL ? self->header_metric
                              : self->title_line != NULL ? self->title_line : self->display_name);
  source->date = g_strdup (o->source_date);
  source->url = g_strdup (o->source_url);
  source->note = self->note->len > 0 ? g_strdup (self->note->str) : NULL;
  return source;
}

/* The publishers of a long table's source column; returns the index in
 * the dataset's sources of each. */
static GPtrArray *
add_named_sources (RexTableImport *self,
                   RexDataset     *dataset,
                   RexSource      *table_source)
{
  GPtrArray *source_map = g_ptr_array_new ();

  for (guint i = 0; i < self->source_names->len; i++)
    {
      g_autoptr(RexSource) named = rex_source_new ();
      g_autofree char *id = sanitize_id (self->source_names->pdata[i]);

      named->id = g_strdup_printf ("table-source-%u%s%s", i + 1, id != NULL ? "-" : "", id != NULL ? id : "");
      named->publisher = g_strdup (self->source_names->pdata[i]);
      named->title = g_strdup (table_source->title);
      rex_dataset_add_source (dataset, named);
      g_ptr_array_add (source_map, GUINT_TO_POINTER (dataset->source_index->len - 1));
    }
  return source_map;
}

static void
add_metrics (RexTableImport *self,
             RexDataset     *dataset,
             const char     *source_id)
{
  for (guint m = 0; m < self->metrics->len; m++)
    {
      MetricInfo *info = self->metrics->pdata[m];
      g_autoptr(RexMetric) metric = rex_metric_new ();

      metric->id = g_strdup (info->id);
      metric->name = g_strdup (info->name);
      metric->name_zh = g_strdup (info->name_zh);
      metric->unit = g_strdup (info->unit != NULL ? info->unit : "");
      if (info->unit != NULL && has_non_ascii (info->unit))
        metric->unit_zh = g_strdup (info->unit);
      metric->source_id = g_strdup (source_id);
      metric->percent = info->percent;
      metric->combine = info->combine;
      metric->weight_id = g_strdup (info->weight_id);
      rex_dataset_add_metric (dataset, metric);
    }
}

/* The regions, in region_infos order, each under its parent. */
static GPtrArray *
add_regions (RexTableImport *self,
             RexDataset     *dataset)
{
  GPtrArray *regions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < self->region_infos->len; r++)
    {
      RegionInfo *info = self->region_infos->pdata[r];
      RexRegion *region = rex_region_new ();

      region->id = g_strdup (info->id);
      region->name = g_strdup (info->name);
      region->name_zh = g_strdup (info->name_zh);
      region->kind = info->kind;
      rex_dataset_add_region (dataset, region);
      g_ptr_array_add (regions, region);
    }
  for (guint r = 0; r < self->region_infos->len; r++)
    {
      RegionInfo *info = self->region_infos->pdata[r];
      RexRegion *region = regions->pdata[r];
      RexRegion *parent;

      if (info->parent_id == NULL)
        continue;
      parent = g_hash_table_lookup (dataset->regions_by_id, info->parent_id);
      if (parent != NULL && parent != region)
        region->parent = g_object_ref (parent);
    }
  return regions;
}

/* The series read, onto their regions; marks the years of each metric in
 * @year_sets (N_YEARS bytes a metric). */
static void
add_series (RexTableImport *self,
            GPtrArray      *regions,
            GPtrArray      *source_map,
            guint8         *year_sets)
{
  RexSeriesArena *arena = rex_series_arena_new ();

  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = self->pending->pdata[i];
      g_autoptr(RexSeries) series = NULL;

      if (pending->points->len == 0)
        continue;
      series = build_series (self, pending, self->metrics->pdata[pending->metric], 0, source_map,
                             arena, year_sets + (gsize) pending->metric * N_YEARS);
      if (rex_series_get_n_values (series) > 0 || rex_series_get_undated (series) != NULL)
        rex_region_add_series (regions->pdata[pending->region], series);
    }
  rex_series_arena_free (arena);
}

/* The years of each metric, from the values just read: derived values
 * only come in years all members have. */
static void
set_metric_years (RexTableImport *self,
                  RexDataset     *dataset,
                  const guint8   *year_sets)
{
  for (guint m = 0; m < self->metrics->len; m++)
    {
      GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

      for (int year = REX_YEAR_MIN; year <= REX_YEAR_MAX; year++)
        if (year_sets[(gsize) m * N_YEARS + year - REX_YEAR_MIN])
          g_array_append_val (years, year);
      g_hash_table_insert (dataset->years_by_metric,
                           g_strdup (((MetricInfo *) self->metrics->pdata[m])->id), years);
    }
}

static void
build_dataset (RexTableImport *self,
               GBytes         *bytes)
{
  g_autoptr(RexDataset) dataset = rex_dataset_new ();
  g_autoptr(RexSource) source = make_table_source (self);
  g_autoptr(GPtrArray) source_map = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  g_autofree guint8 *year_sets = g_new0 (guint8, (gsize) self->metrics->len * N_YEARS);
  MetricInfo *first = self->metrics->pdata[0];

  rex_dataset_add_source (dataset, source);
  source_map = add_named_sources (self, dataset, source);
  add_metrics (self, dataset, source->id);
  regions = add_regions (self, dataset);
  add_series (self, regions, source_map, year_sets);
  if (self->errors->len > 0)
    return;

  set_metric_years (self, dataset, year_sets);
  rex_dataset_apply_registry (dataset, TRUE);
  rex_dataset_derive (dataset);

  dataset->title = self->metrics->len == 1 ? g_strdup (first->name) : file_stem (self->display_name);
  if (self->metrics->len == 1 && first->name_zh != NULL)
    dataset->title_zh = g_strdup (first->name_zh);
  dataset->file_name = g_strdup (self->display_name);
  /* SHA-256 costs as much as the rest of the import: it is computed when
   * first asked for (an export's metadata), from the table's bytes. */
  dataset->checksum_source = g_bytes_ref (bytes);
  self->dataset = g_steal_pointer (&dataset);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const RexDatasetProblem *pa = *(RexDatasetProblem **) a;
  const RexDatasetProblem *pb = *(RexDatasetProblem **) b;
  guint64 ka = pa->line > 0 ? ((guint64) pa->line << 32) | (guint) pa->column : G_MAXUINT64;
  guint64 kb = pb->line > 0 ? ((guint64) pb->line << 32) | (guint) pb->column : G_MAXUINT64;

  return (ka > kb) - (ka < kb);
}

static RexTableImport *
import_new (GBytes                      *bytes,
            const char                  *display_name,
            const RexTableImportOptions *options,
            RexTableProgress            *progress,
            GCancellable                *cancellable,
            GError                     **error)
{
  g_autoptr(RexTableImport) self = NULL;
  g_autoptr(RexTableImportOptions) defaults = NULL;
  g_autoptr(GHashTable) by_pair = NULL;
  const char *data;
  gsize size;
  guint first, last;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = defaults = rex_table_import_options_new ();

  self = g_object_new (REX_TYPE_TABLE_IMPORT, NULL);
  self->display_name = g_strdup (display_name);
  self->options = options;
  self->cancellable = cancellable;
  self->progress = progress;

  data = g_bytes_get_data (bytes, &size);
  if (size > REX_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: the file is %.1f MiB; the limit is %d MiB"), display_name,
                   size / (1024.0 * 1024.0), REX_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (size == 0 || data == NULL)
    data = "";

  if (!decode (self, data, size, options->encoding, error))
    return NULL;

  {
    g_autofree char *lower = g_ascii_strdown (display_name, -1);

    self->delimiter = options->delimiter != 0 ? options->delimiter
                      : guess_delimiter (self->text, self->text_len, lower);
  }
  if (!split (self, error))
    return NULL;

  read_meta (self, &first, &last);
  find_context_province (self);
  if (first >= last)
    {
      add_problem (self, TRUE, 0, 0, _("the file holds no table: no row with a region and values"));
      self->shape = options->shape;
      goto done;
    }

  self->shape = options->shape != REX_TABLE_SHAPE_AUTO ? options->shape
                                                       : detect_shape (self, first, last);
  by_pair = g_hash_table_new (pair_hash, g_int64_equal);
  switch (self->shape)
    {
    case REX_TABLE_SHAPE_YEARS_IN_ROWS:
      read_years_in_rows (self, first, last, by_pair);
      break;
    case REX_TABLE_SHAPE_LONG:
      read_long (self, first, last, by_pair);
      break;
    case REX_TABLE_SHAPE_AUTO:
    case REX_TABLE_SHAPE_REGIONS_IN_ROWS:
    default:
      self->shape = REX_TABLE_SHAPE_REGIONS_IN_ROWS;
      read_regions_in_rows (self, first, last, by_pair);
      break;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  report_progress (self, REX_TABLE_PROGRESS_ROWS, last - first - 1, last - first - 1);

  if (self->metrics->len > REX_DATASET_MAX_METRICS || self->region_infos->len > REX_DATASET_MAX_REGIONS)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("%s: %u metrics and %u regions; the limits are %d and %d"), display_name,
                   self->metrics->len, self->region_infos->len,
                   REX_DATASET_MAX_METRICS, REX_DATASET_MAX_REGIONS);
      return NULL;
    }

  if (self->metrics->len == 0 && self->errors->len == 0)
    add_problem (self, TRUE, 0, 0, _("the table has no values"));
  apply_metric_options (self);
  check_values (self);
  if (self->metrics->len > 0)
    build_dataset (self, bytes);

done:
  if (self->n_dropped > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more problem", "… and %u more problems",
                                                         self->n_dropped), self->n_dropped);

      g_ptr_array_add (self->errors->len > 0 ? self->errors : self->warnings,
                       rex_dataset_problem_new (display_name, 0, 0, "", more));
    }
  g_ptr_array_sort (self->errors, compare_problems);
  g_ptr_array_sort (self->warnings, compare_problems);
  if (self->errors->len > 0)
    g_clear_object (&self->dataset);

  self->options = NULL;
  self->cancellable = NULL;
  self->progress = NULL;
  return g_steal_pointer (&self);
}

RexTableImport *
rex_table_import_new (GBytes                      *bytes,
                      const char                  *display_name,
                      const RexTableImportOptions *options,
                      GCancellable                *cancellable,
                      GError                     **error)
{
  return import_new (bytes, display_name, options, NULL, cancellable, error);
}

static RexTableImport *
import_file (GFile                       *file,
             const RexTableImportOptions *options,
             RexTableProgress            *progress,
             GCancellable                *cancellable,
             GError                     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = rex_read_data_file (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_basename (file);
  return import_new (bytes, name != NULL ? name : "table", options, progress, cancellable, error);
}

RexTableImport *
rex_table_import_new_from_file (GFile                       *file,
                                const RexTableImportOptions *options,
                                GCancellable                *cancellable,
                                GError                     **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return import_file (file, options, NULL, cancellable, error);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "rex-file");
  RexTableProgress *progress = g_object_get_data (G_OBJECT (task), "rex-progress");
  GError *error = NULL;
  RexTableImport *result = import_file (file, task_data, progress, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
rex_table_import_file_async (GFile                       *file,
                             const RexTableImportOptions *options,
                             RexTableProgress            *progress,
                             GCancellable                *cancellable,
                             GAsyncReadyCallback          callback,
                             gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rex_table_import_file_async);
  g_task_set_name (task, "[rex] import table");
  g_task_set_task_data (task, options != NULL ? rex_table_import_options_copy (options)
                                              : rex_table_import_options_new (),
                        (GDestroyNotify) rex_table_import_options_free);
  g_object_set_data_full (G_OBJECT (task), "rex-file", g_object_ref (file), g_object_unref);
  if (progress != NULL)
    g_object_set_data_full (G_OBJECT (task), "rex-progress", rex_table_progress_ref (progress),
                            (GDestroyNotify) rex_table_progress_unref);
  g_task_run_in_thread (task, import_in_thread);
}

RexTableImport *
rex_table_import_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rex_table_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

RexDataset *
rex_dataset_new_from_table (GBytes                      *bytes,
                            const char                  *display_name,
                            const RexTableImportOptions *options,
                            GCancellable                *cancellable,
                            GPtrArray                  **problems,
                            GError                     **error)
{
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(GError) local_error = NULL;

  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);

  import = rex_table_import_new (bytes, display_name, options, cancellable, &local_error);
  if (import == NULL)
    {
      if (problems != NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_ptr_array_add (*problems, rex_dataset_problem_new ("", 0, 0, "", local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (import->dataset != NULL)
    return g_object_ref (import->dataset);

  {
    g_autofree char *first = rex_dataset_problem_to_string (import->errors->pdata[0]);

    g_set_error_literal (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID, first);
  }
  if (problems != NULL)
    {
      for (guint i = 0; i < import->errors->len; i++)
        {
          RexDatasetProblem *p = import->errors->pdata[i];

          g_ptr_array_add (*problems, rex_dataset_problem_new (p->file, p->line, p->column, p->path, p->message));
        }
      for (guint i = 0; i < import->warnings->len; i++)
        {
          RexDatasetProblem *p = import->warnings->pdata[i];
          g_autofree char *message = g_strdup_printf (_("warning: %s"), p->message);

          g_ptr_array_add (*problems, rex_dataset_problem_new (p->file, p->line, p->column, p->path, message));
        }
    }
  return NULL;
}

gboolean
rex_table_import_is_table_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv");
}

/* Getters */

const char *
rex_table_import_get_display_name (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->display_name;
}

const char *
rex_table_import_get_encoding (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->encoding;
}

gboolean
rex_table_import_get_encoding_detected (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return self->encoding_detected;
}

char
rex_table_import_get_delimiter (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), ',');
  return self->delimiter;
}

RexTableShape
rex_table_import_get_shape (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), REX_TABLE_SHAPE_AUTO);
  return self->shape;
}

const char *
rex_table_import_shape_to_string (RexTableShape shape)
{
  switch (shape)
    {
    case REX_TABLE_SHAPE_REGIONS_IN_ROWS:
      return "regions-in-rows";
    case REX_TABLE_SHAPE_YEARS_IN_ROWS:
      return "years-in-rows";
    case REX_TABLE_SHAPE_LONG:
      return "long";
    case REX_TABLE_SHAPE_AUTO:
    default:
      return "auto";
    }
}

char *
rex_table_import_get_text (RexTableImport *self,
                           gsize           max_bytes)
{
  const char *end;

  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);

  if (max_bytes >= self->text_len)
    return g_strndup (self->text, self->text_len);
  end = g_utf8_find_prev_char (self->text, self->text + max_bytes + 1);
  if (end == NULL)
    end = self->text;
  return g_strndup (self->text, end - self->text);
}

guint
rex_table_import_get_n_rows (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  return self->rows->len;
}

guint
rex_table_import_get_n_cells (RexTableImport *self,
                              guint           row)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  if (row >= self->rows->len)
    return 0;
  return g_array_index (self->rows, Row, row).n;
}

char *
rex_table_import_dup_cell (RexTableImport *self,
                           guint           row,
                           guint           column)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  if (row >= self->rows->len || column >= g_array_index (self->rows, Row, row).n)
    return NULL;
  return cell_dup (self, row, column);
}

int
rex_table_import_get_row_line (RexTableImport *self,
                               guint           row)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), 0);
  if (row >= self->rows->len)
    return 0;
  return g_array_index (self->rows, Row, row).line;
}

static MetricInfo *
first_metric (RexTableImport *self)
{
  return self->metrics->len > 0 ? self->metrics->pdata[0] : NULL;
}

const char *
rex_table_import_get_metric_id (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return first_metric (self) != NULL ? first_metric (self)->id : NULL;
}

const char *
rex_table_import_get_metric_name (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  if (first_metric (self) == NULL)
    return NULL;
  return first_metric (self)->name_zh != NULL ? first_metric (self)->name_zh : first_metric (self)->name;
}

const char *
rex_table_import_get_unit (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return first_metric (self) != NULL ? first_metric (self)->unit : NULL;
}

gboolean
rex_table_import_get_percent (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return first_metric (self) != NULL && first_metric (self)->percent;
}

RexCombine
rex_table_import_get_combine (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), REX_COMBINE_NONE);
  return first_metric (self) != NULL ? first_metric (self)->combine : REX_COMBINE_NONE;
}

const char *
rex_table_import_get_publisher (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->publisher;
}

gboolean
rex_table_import_get_looks_like_fractions (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), FALSE);
  return self->looks_like_fractions;
}

GPtrArray *
rex_table_import_get_regions (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->regions;
}

GPtrArray *
rex_table_import_get_errors (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->errors;
}

GPtrArray *
rex_table_import_get_warnings (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->warnings;
}

RexDataset *
rex_table_import_get_dataset (RexTableImport *self)
{
  g_return_val_if_fail (REX_IS_TABLE_IMPORT (self), NULL);
  return self->dataset;
}
