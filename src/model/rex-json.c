/* rex-json.c — a strict, iterative JSON parser that records positions.
 *
 * Why not JsonParser: it recurses once per nesting level (a file of a million
 * '[' overflows the stack), and it cannot say where a node was, which is
 * what makes a validation message actionable. This parser keeps an explicit
 * stack bounded by REX_DATASET_MAX_DEPTH, builds the same JsonNode tree, and
 * keeps a side table from node to line and column.
 *
 * The input is checked for UTF-8 (and NUL bytes) once, up front, with
 * g_utf8_validate_len(); after that the scanner only needs to count UTF-8
 * continuation bytes to turn byte offsets into character columns.
 *
 * A dataset is mostly numbers under regions[i].values.METRIC."YYYY". With a
 * RexJsonValuesSink (rex_json_parse_values()) each METRIC object becomes a
 * RexJsonSeries record instead of a JsonNode and a JsonObject: its numbers
 * named by years are written into a per-year scratch array while it is read
 * and handed to the sink when it closes (no allocation per value, and no
 * position per value either: a message about one of them finds its place
 * again by scanning the object's text, rex_json_document_find_year()), and
 * every other member becomes a RexJsonMember record with the offsets of its
 * name and value. Positions are byte offsets turned into lines and columns
 * only when a message needs them. The parser knows JSON and positions only:
 * what the values mean is the loader's to check.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include "rex-json.h"
#include "rex-model-types.h"

typedef struct
{
  guint32 line;
  guint32 column;
  guint32 key_line;      /* 0 when the node is not an object member */
  guint32 key_column;
} Position;

typedef struct
{
  guint start;           /* into series */
  guint count;
} SeriesRun;

#define N_YEARS (REX_YEAR_MAX - REX_YEAR_MIN + 1)

struct _RexJsonDocument
{
  JsonNode   *root;
  GHashTable *index;     /* JsonNode* → GUINT_TO_POINTER (1 + index into positions) */
  GArray     *positions; /* Position */

  /* With a RexJsonValuesSink */
  RexJsonValuesSink sink;
  const char *text;      /* the parsed data, not owned */
  gsize       length;
  guint32     bom;       /* bytes of byte order mark skipped at the start */
  GArray     *numbers;   /* RexJsonNumber, those the sink did not take */
  GArray     *values;    /* RexJsonMember, members of series */
  GArray     *members;   /* RexJsonMember, members of those members */
  GArray     *series;    /* RexJsonSeries */
  GStringChunk *strings; /* member names and string values of the records */
  GHashTable *runs;      /* values JsonNode* → GUINT_TO_POINTER (1 + index into run_table) */
  GArray     *run_table; /* SeriesRun */
  GArray     *line_starts; /* guint32 byte offsets, built on first use */
  guint32     cached_offset;  /* last offset resolved, to resume on the same line */
  guint32     cached_line;
  guint32     cached_column;
};

typedef enum
{
  FRAME_TREE,      /* a node attached to its parent */
  FRAME_VALUES,    /* regions[i].values: a tree object whose objects are series */
  FRAME_SERIES,    /* regions[i].values.METRIC: numbers by year and records */
  FRAME_RECORD,    /* an object member of a series: its members are records */
  FRAME_DETACHED,  /* an array or object in a series or record: checked, dropped */
} FrameKind;

typedef struct
{
  FrameKind   kind;
  JsonNode   *node;      /* NULL for series and records */
  gboolean    is_object;
  JsonObject *object;    /* tree objects only */
  JsonArray  *array;
  GString    *key;       /* member name waiting for its value (objects) */
  guint32     key_line;
  guint32     key_column;
  const char *key_at;    /* where the member name starts */
  gboolean    key_is_year;
  const char *key_name;  /* key interned, in a values object */
  guint       run_start; /* values: of its series, in doc->series */
  guint       index;     /* series: in doc->series; record: in doc->values */
  guint       records_start; /* series: its first in doc->values; record: in doc->members */
  int         year;      /* of the member name, when key_is_year */
  int         first_year;
  int         last_year;
  guint       n_years;   /* members in the scratch */
} Frame;

/* A number, string or literal just read; a string is in Parser.buf. */
typedef struct
{
  RexJsonType type;
  gboolean    integral;
  gint64      integer;   /* integral numbers */
  double      number;    /* numbers as a double; a boolean's truth */
} Scalar;

typedef struct
{
  const char      *file;
  const char      *p;
  const char      *end;
  const char      *line_start;
  gsize            line_cont;  /* UTF-8 continuation bytes seen since line_start */
  guint32          line;

  GString         *buf;        /* reused for every string and number */
  RexJsonDocument *doc;

  Frame            stack[REX_DATASET_MAX_DEPTH];
  guint            depth;
  guint            n_detached; /* detached frames open: their nodes get no position */

  gboolean         compact;    /* values objects become series */
  const char      *data;       /* start of the input, for offsets */
  /* Year keys of the series being read: those equal to year_generation,
   * which changes with every series. */
  guint32          year_seen[10000];
  guint32          year_generation;
  GHashTable      *values_names; /* interned names seen in the values object being read */
  /* The numbers of the series being read, by year - REX_YEAR_MIN; NaN
   * where there is none. */
  double           scratch[N_YEARS];
  guint32          scratch_key[N_YEARS];
  guint32          scratch_value[N_YEARS];

  char             described[16]; /* describe_char()'s answer */

  int              error_code;
  guint32          error_line;
  guint32          error_column;
  char            *error_message;
} Parser;

/* What the string scanner must stop at: '"', '\\' and control characters.
 * Continuation bytes only need counting. */
enum { PLAIN = 0, STOP = 1, CONT = 2 };
static guint8 char_class[256];

static void
init_char_class (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint c = 0; c < 0x20; c++)
        char_class[c] = STOP;
      char_class['"'] = STOP;
      char_class['\\'] = STOP;
      for (guint c = 0x80; c < 0xC0; c++)
        char_class[c] = CONT;
      g_once_init_leave (&initialized, 1);
    }
}

void
rex_json_document_free (RexJsonDocument *doc)
{
  if (doc == NULL)
    return;

  g_clear_pointer (&doc->root, json_node_unref);
  g_clear_pointer (&doc->index, g_hash_table_unref);
  g_clear_pointer (&doc->positions, g_array_unref);
  g_clear_pointer (&doc->numbers, g_array_unref);
  g_clear_pointer (&doc->values, g_array_unref);
  g_clear_pointer (&doc->members, g_array_unref);
  if (doc->series != NULL)
    {
      for (guint i = 0; i < doc->series->len; i++)
        {
          RexJsonSeries *series = &g_array_index (doc->series, RexJsonSeries, i);

          if (series->series != NULL)
            doc->sink.free_func (series->series);
        }
      g_array_unref (doc->series);
    }
  g_clear_pointer (&doc->strings, g_string_chunk_free);
  g_clear_pointer (&doc->runs, g_hash_table_unref);
  g_clear_pointer (&doc->run_table, g_array_unref);
  g_clear_pointer (&doc->line_starts, g_array_unref);
  g_free (doc);
}

JsonNode *
rex_json_document_get_root (RexJsonDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return doc->root;
}

static const Position *
lookup_position (RexJsonDocument *doc,
                 JsonNode        *node)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (doc->index, node));

  if (index == 0)
    return NULL;

  return &g_array_index (doc->positions, Position, index - 1);
}

/* Where @node starts, or with @key where the member name of which it is the
 * value starts (where it has one). */
static gboolean
get_position (RexJsonDocument *doc,
              JsonNode        *node,
              gboolean         key,
              int             *line,
              int             *column)
{
  const Position *pos;

  g_return_val_if_fail (doc != NULL, FALSE);

  pos = node != NULL ? lookup_position (doc, node) : NULL;
  if (pos == NULL)
    return FALSE;

  if (key && pos->key_line > 0)
    {
      *line = pos->key_line;
      *column = pos->key_column;
    }
  else
    {
      *line = pos->line;
      *column = pos->column;
    }

  return TRUE;
}

gboolean
rex_json_document_get_position (RexJsonDocument *doc,
                                JsonNode        *node,
                                int             *line,
                                int             *column)
{
  return get_position (doc, node, FALSE, line, column);
}

gboolean
rex_json_document_get_key_position (RexJsonDocument *doc,
                                    JsonNode        *node,
                                    int             *line,
                                    int             *column)
{
  return get_position (doc, node, TRUE, line, column);
}

RexJsonSeries *
rex_json_document_get_series (RexJsonDocument *doc,
                              JsonNode        *node,
                              guint           *n_series)
{
  const SeriesRun *run;
  guint index;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (n_series != NULL, NULL);

  *n_series = 0;
  if (doc->runs == NULL || node == NULL)
    return NULL;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (doc->runs, node));
  if (index == 0)
    return NULL;

  run = &g_array_index (doc->run_table, SeriesRun, index - 1);
  *n_series = run->count;

  return &g_array_index (doc->series, RexJsonSeries, run->start);
}

/* Past the string whose opening '"' is at @p (already validated). */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end && *p != '"'; p++)
    if (*p == '\\')
      p++;

  return MIN (p + 1, end);
}

static const char *
skip_blank (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;

  return p;
}

gboolean
rex_json_document_find_year (RexJsonDocument     *doc,
                             const RexJsonSeries *series,
                             int                  year,
                             guint32             *key_offset,
                             guint32             *value_offset)
{
  const char *end, *p;
  char name[8];

  g_return_val_if_fail (doc != NULL && doc->text != NULL, FALSE);
  g_return_val_if_fail (series != NULL, FALSE);

  /* The object parsed without error, so the scan can be simple. Year
   * members kept out of the tree have plain four-digit names. */
  g_snprintf (name, sizeof name, "\"%04d\"", year);
  end = doc->text + doc->length;
  p = doc->text + series->offset + 1;

  for (;;)
    {
      const char *key;
      guint depth = 0;

      p = skip_blank (p, end);
      if (p >= end || *p != '"')
        return FALSE;
      key = p;
      p = skip_string (p, end);
      p = skip_blank (p, end);
      if (p >= end || *p != ':')
        return FALSE;
      p = skip_blank (p + 1, end);

      if (p - key >= 6 && memcmp (key, name, 6) == 0)
        {
          *key_offset = (guint32) (key - doc->text);
          *value_offset = (guint32) (p - doc->text);
          return TRUE;
        }

      /* Skip the value. */
      for (; p < end; p++)
        {
          if (*p == '"')
            {
              p = skip_string (p, end) - 1;
            }
          else if (*p == '{' || *p == '[')
            {
              depth++;
            }
          else if (*p == '}' || *p == ']')
            {
              if (depth == 0)
                return FALSE;
              depth--;
            }
          else if (*p == ',' && depth == 0)
            {
              break;
            }
        }

      if (p >= end)
        return FALSE;
      p++;
    }
}

int
rex_json_document_get_number_year (RexJsonDocument     *doc,
                                   const RexJsonNumber *number)
{
  const char *key;

  g_return_val_if_fail (doc != NULL && doc->text != NULL, 0);

  /* The parser only compacts members named by exactly four digits. */
  key = doc->text + number->key_offset + 1;

  return (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 + (key[3] - '0');
}

void
rex_json_document_get_offset_position (RexJsonDocument *doc,
                                       guint32          offset,
                                       int             *line,
                                       int             *column)
{
  const guint32 *starts;
  guint lo, hi, from, col;

  g_return_if_fail (doc != NULL && doc->text != NULL);
  g_return_if_fail (offset <= doc->length);

  /* Only needed for messages, so the line table is built on the first one. */
  if (doc->line_starts == NULL)
    {
      const char *p = doc->text + doc->bom;
      const char *end = doc->text + doc->length;
      guint32 first = doc->bom;

      doc->line_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (doc->line_starts, first);
      while ((p = memchr (p, '\n', end - p)) != NULL)
        {
          guint32 start = (guint32) (++p - doc->text);

          g_array_append_val (doc->line_starts, start);
        }
      doc->cached_line = 0;
    }

  starts = (const guint32 *) doc->line_starts->data;
  lo = 0;
  hi = doc->line_starts->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }

  /* Messages come mostly in file order: on a long line (a minified file is
   * one line) counting resumes from the previous offset. */
  if (doc->cached_line == lo + 1 && doc->cached_offset <= offset)
    {
      from = doc->cached_offset;
      col = doc->cached_column;
    }
  else
    {
      from = MAX (starts[lo], doc->bom);
      col = 1;
    }

  for (const char *p = doc->text + from; p < doc->text + offset; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      col++;

  doc->cached_offset = offset;
  doc->cached_line = lo + 1;
  doc->cached_column = col;

  *line = (int) lo + 1;
  *column = (int) col;
}

/* Only valid for @at on the current line, at or after the last counted
 * continuation byte: everything the scanner reports is. */
static inline guint32
column_at (Parser     *ps,
           const char *at)
{
  return (guint32) ((gsize) (at - ps->line_start) - ps->line_cont + 1);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (Parser     *ps,
         int         code,
         guint32     line,
         guint32     column,
         const char *format,
         ...)
{
  va_list args;

  /* Only the first error counts; later calls come from unwinding. */
  if (ps->error_message != NULL)
    return FALSE;

  va_start (args, format);
  /* The formats are marked by the names fail and fail_at (po/meson.build). */
  ps->error_message = g_strdup_vprintf (_(format), args);
  va_end (args);
  ps->error_code = code;
  ps->error_line = line;
  ps->error_column = column;

  return FALSE;
}

#define fail(ps, code, at, ...) \
  fail_at ((ps), (code), (ps)->line, column_at ((ps), (at)), __VA_ARGS__)
/* fail(), for the functions that return where they stopped. */
#define fail_null(ps, code, at, ...) \
  (fail ((ps), (code), (at), __VA_ARGS__), (const char *) NULL)

/* A readable name for the character at @at, for "unexpected …" messages;
 * it lasts until the next call. */
static const char *
describe_char (Parser     *ps,
               const char *at)
{
  guchar c;

  if (at >= ps->end)
    return _("end of file");

  c = (guchar) *at;
  if (c > 0x20 && c < 0x7F)
    g_snprintf (ps->described, sizeof ps->described, "'%c'", c);
  else if (c < 0x80)
    g_snprintf (ps->described, sizeof ps->described, "U+%04X", c);
  else
    g_snprintf (ps->described, sizeof ps->described, "U+%04X", g_utf8_get_char (at));
  return ps->described;
}

static inline void
skip_whitespace (Parser *ps)
{
  const char *p = ps->p;

  while (p < ps->end)
    {
      char c = *p;

      if (c == '\n')
        {
          ps->line++;
          ps->line_start = p + 1;
          ps->line_cont = 0;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      p++;
    }

  ps->p = p;
}

static gboolean
record_position (Parser   *ps,
                 JsonNode *node,
                 guint32   line,
                 guint32   column)
{
  Position pos = { line, column, 0, 0 };

  if (ps->depth > 0 && ps->stack[ps->depth - 1].is_object)
    {
      pos.key_line = ps->stack[ps->depth - 1].key_line;
      pos.key_column = ps->stack[ps->depth - 1].key_column;
    }

  g_array_append_val (ps->doc->positions, pos);
  g_hash_table_insert (ps->doc->index, node,
                       GUINT_TO_POINTER (ps->doc->positions->len));

  return TRUE;
}

/* Hands @node (consumed) to its parent, a tree container, or makes it the
 * root. */
static void
attach (Parser   *ps,
        JsonNode *node,
        guint32   line,
        guint32   column)
{
  if (ps->n_detached == 0)
    record_position (ps, node, line, column);

  if (ps->depth == 0)
    {
      ps->doc->root = node;
    }
  else
    {
      Frame *frame = &ps->stack[ps->depth - 1];

      if (frame->is_object)
        json_object_set_member (frame->object, frame->key->str, node);
      else
        json_array_add_element (frame->array, node);
    }
}

/* Whether the value about to be read is a member of a series or of a
 * record, and so becomes a record itself. */
static inline gboolean
in_records (Parser *ps)
{
  FrameKind kind = ps->depth > 0 ? ps->stack[ps->depth - 1].kind : FRAME_TREE;

  return kind == FRAME_SERIES || kind == FRAME_RECORD;
}

/* Appends the record of the value at @at, a member of the series or record
 * on top of the stack. */
static RexJsonMember *
add_record (Parser      *ps,
            RexJsonType  type,
            const char  *at)
{
  const Frame *frame = &ps->stack[ps->depth - 1];
  GArray *records = frame->kind == FRAME_SERIES ? ps->doc->values : ps->doc->members;
  RexJsonMember record = { 0 };

  record.name = g_string_chunk_insert (ps->doc->strings, frame->key->str);
  record.key_offset = (guint32) (frame->key_at - ps->data);
  record.offset = (guint32) (at - ps->data);
  record.type = type;
  g_array_append_val (records, record);

  return &g_array_index (records, RexJsonMember, records->len - 1);
}

static void
add_scalar_record (Parser       *ps,
                   const Scalar *scalar,
                   const char   *at)
{
  RexJsonMember *record = add_record (ps, scalar->type, at);

  record->number = scalar->number;
  if (scalar->type == REX_JSON_STRING)
    record->string = g_string_chunk_insert (ps->doc->strings, ps->buf->str);
}

static JsonNode *
scalar_to_node (Parser       *ps,
                const Scalar *scalar)
{
  JsonNode *node = json_node_alloc ();

  switch (scalar->type)
    {
    case REX_JSON_STRING:
      return json_node_init_string (node, ps->buf->str);
    case REX_JSON_NUMBER:
      return scalar->integral ? json_node_init_int (node, scalar->integer)
                              : json_node_init_double (node, scalar->number);
    case REX_JSON_BOOLEAN:
      return json_node_init_boolean (node, scalar->number != 0);
    case REX_JSON_NULL:
    case REX_JSON_OBJECT:
    case REX_JSON_ARRAY:
    default:
      return json_node_init_null (node);
    }
}

static gboolean
parse_hex4 (const char *p,
            const char *end,
            gunichar   *out)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (gunichar) digit;
    }

  *out = value;

  return TRUE;
}

/* Refuses the control character at @p, which must be escaped. */
static gboolean
fail_control_char (Parser     *ps,
                   const char *p)
{
  guchar c = (guchar) *p;
  const char *escape = NULL;

  switch (c)
    {
    case '\n': escape = "\\n"; break;
    case '\t': escape = "\\t"; break;
    case '\r': escape = "\\r"; break;
    default: break;
    }

  if (escape != NULL)
    return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                 "control character U+%04X in a string; write it as %s",
                 c, escape);

  return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
               "control character U+%04X in a string; write it as \\u%04X",
               c, c);
}

/* Appends the character of the \uXXXX escape at @p (and of the low
 * surrogate after it) to @out; past it, or NULL on an error. */
static const char *
parse_unicode_escape (Parser     *ps,
                      const char *p,
                      GString    *out)
{
  const char *end = ps->end;
  gunichar unit, low;

  if (!parse_hex4 (p + 2, end, &unit))
    return fail_null (ps, REX_DATASET_ERROR_SYNTAX, p,
                      "invalid \\u escape; expected four hexadecimal digits");

  if (unit >= 0xDC00 && unit <= 0xDFFF)
    return fail_null (ps, REX_DATASET_ERROR_SYNTAX, p,
                      "lone low surrogate \\u%04X; it must follow a high "
                      "surrogate (\\uD800–\\uDBFF)", unit);

  if (unit >= 0xD800 && unit <= 0xDBFF)
    {
      if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
          !parse_hex4 (p + 8, end, &low) ||
          low < 0xDC00 || low > 0xDFFF)
        return fail_null (ps, REX_DATASET_ERROR_SYNTAX, p,
                          "lone high surrogate \\u%04X; it must be followed "
                          "by a low surrogate (\\uDC00–\\uDFFF)", unit);

      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      p += 6;
    }
  else if (unit == 0)
    {
      return fail_null (ps, REX_DATASET_ERROR_SYNTAX, p,
                        "\\u0000 (NUL) is not allowed in strings");
    }

  g_string_append_unichar (out, unit);

  return p + 6;
}

/* Appends the character of the backslash escape at @p (followed by at
 * least one byte) to @out; past it, or NULL on an error. */
static const char *
parse_escape (Parser     *ps,
              const char *p,
              GString    *out)
{
  static const char simple[][2] = {
    { '"', '"' }, { '\\', '\\' }, { '/', '/' }, { 'b', '\b' },
    { 'f', '\f' }, { 'n', '\n' }, { 'r', '\r' }, { 't', '\t' },
  };

  if (p[1] == 'u')
    return parse_unicode_escape (ps, p, out);

  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    if (p[1] == simple[i][0])
      {
        g_string_append_c (out, simple[i][1]);
        return p + 2;
      }

  return fail_null (ps, REX_DATASET_ERROR_SYNTAX, p,
                    "invalid escape: backslash followed by %s; valid escapes "
                    "are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                    describe_char (ps, p + 1));
}

/* Parses the string starting at the '"' under ps->p into @out. */
static gboolean
parse_string (Parser  *ps,
              GString *out)
{
  const guint32 start_line = ps->line;
  const guint32 start_column = column_at (ps, ps->p);
  const char *p = ps->p + 1;
  const char *end = ps->end;

  g_string_truncate (out, 0);

  for (;;)
    {
      const char *run = p;

      /* The hot loop: copy plain characters in one go. */
      while (p < end)
        {
          guint8 klass = char_class[(guchar) *p];

          if (klass == STOP)
            break;
          ps->line_cont += klass >> 1;
          p++;
        }

      /* Checked before copying, so a huge string is never duplicated. */
      if (out->len + (gsize) (p - run) > REX_DATASET_MAX_STRING)
        return fail_at (ps, REX_DATASET_ERROR_TOO_LARGE, start_line, start_column,
                        "string longer than the limit of %d bytes",
                        REX_DATASET_MAX_STRING);

      if (p > run)
        g_string_append_len (out, run, p - run);

      /* A backslash needs one more byte. */
      if (p >= end || (*p == '\\' && p + 1 >= end))
        return fail (ps, REX_DATASET_ERROR_SYNTAX, end,
                     "unexpected end of file inside the string that starts "
                     "at line %u, column %u", start_line, start_column);

      if (*p == '"')
        {
          /* Escapes are appended unchecked: look once more at the end. */
          if (out->len > REX_DATASET_MAX_STRING)
            return fail_at (ps, REX_DATASET_ERROR_TOO_LARGE, start_line, start_column,
                            "string longer than the limit of %d bytes",
                            REX_DATASET_MAX_STRING);
          ps->p = p + 1;
          return TRUE;
        }

      if ((guchar) *p < 0x20)
        return fail_control_char (ps, p);

      p = parse_escape (ps, p, out);
      if (p == NULL)
        return FALSE;
    }
}

static inline gboolean
is_digit (const char *p,
          const char *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

/* Shortens a long token for a message. */
static char *
excerpt (const char *start,
         gsize       len)
{
  if (len > 40)
    return g_strdup_printf ("%.*s…", 40, start);

  return g_strndup (start, len);
}

/* Exact powers of ten as doubles: a decimal of at most 15 significant
 * digits divided by one of these is correctly rounded (both operands are
 * exact), which is what strtod would return. */
static const double exact_powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* What scan_number() found of a number's text. */
typedef struct
{
  const char *end;        /* past the number */
  gboolean    negative;
  gboolean    integral;   /* no fraction, no exponent */
  gboolean    exponent;
  guint64     mantissa;   /* the digits, when at most 18 of them */
  guint       n_digits;
  guint       n_fraction;
} NumberText;

/* Checks the syntax of the number under ps->p (RFC 8259) and gathers its
 * digits. */
static gboolean
scan_number (Parser     *ps,
             NumberText *text)
{
  const char *start = ps->p;
  const char *p = start;
  const char *end = ps->end;

  *text = (NumberText) { .integral = TRUE };

  if (*p == '-')
    {
      text->negative = TRUE;
      p++;
    }

  if (p < end && *p == 'I')
    return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                 "-Infinity is not valid JSON; numbers must be finite");

  if (!is_digit (p, end))
    return fail (ps, REX_DATASET_ERROR_SYNTAX, p < end ? p : end,
                 "expected a digit after '-'");

  if (*p == '0')
    {
      p++;
      if (is_digit (p, end))
        return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                     "leading zeros are not allowed in numbers");
    }
  else
    {
      for (; is_digit (p, end); p++, text->n_digits++)
        text->mantissa = text->mantissa * 10 + (guint64) (*p - '0');
    }

  if (p < end && *p == '.')
    {
      p++;
      text->integral = FALSE;
      if (!is_digit (p, end))
        return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                     "expected a digit after the decimal point");
      for (; is_digit (p, end); p++, text->n_digits++, text->n_fraction++)
        text->mantissa = text->mantissa * 10 + (guint64) (*p - '0');
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      text->integral = FALSE;
      text->exponent = TRUE;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!is_digit (p, end))
        return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                     "expected a digit in the exponent");
      while (is_digit (p, end))
        p++;
    }

  text->end = p;

  return TRUE;
}

/* Scans the number under ps->p. Integers that fit 64 bits come back in @i
 * with *@integral set; everything else in @d. */
static gboolean
parse_number_value (Parser   *ps,
                    gboolean *integral_out,
                    gint64   *i,
                    double   *d)
{
  const char *start = ps->p;
  NumberText text;
  double value;

  if (!scan_number (ps, &text))
    return FALSE;

  /* Fast paths for what datasets hold: short integers and decimals. The
   * digit count also bounds the mantissa, so it cannot have overflowed. */
  if (text.exponent)
    ; /* rare in datasets: strtod below */
  else if (text.integral && text.n_digits <= 18)
    {
      *integral_out = TRUE;
      *i = text.negative ? -(gint64) text.mantissa : (gint64) text.mantissa;
      ps->p = text.end;
      return TRUE;
    }
  else if (!text.integral && text.n_digits <= 15 &&
           text.n_fraction < G_N_ELEMENTS (exact_powers_of_ten))
    {
      value = (double) text.mantissa / exact_powers_of_ten[text.n_fraction];
      *integral_out = FALSE;
      *d = text.negative ? -value : value;
      ps->p = text.end;
      return TRUE;
    }

  /* The input is not NUL-terminated: convert from a terminated copy. */
  g_string_truncate (ps->buf, 0);
  g_string_append_len (ps->buf, start, text.end - start);

  if (text.integral)
    {
      errno = 0;
      *i = g_ascii_strtoll (ps->buf->str, NULL, 10);
      if (errno == 0)
        {
          *integral_out = TRUE;
          ps->p = text.end;
          return TRUE;
        }
      /* Beyond 64 bits: keep it as a double, like JavaScript would. */
    }

  errno = 0;
  value = g_ascii_strtod (ps->buf->str, NULL);
  if (!isfinite (value))
    {
      g_autofree char *shown = excerpt (start, text.end - start);

      return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                   "number %s is out of range; numbers must be finite doubles",
                   shown);
    }

  *integral_out = FALSE;
  *d = value;
  ps->p = text.end;

  return TRUE;
}

/* A number named by a year in a series: into the scratch array, or, for a
 * year out of range, into the table of numbers. */
static gboolean
parse_compact_number (Parser *ps)
{
  Frame *frame = &ps->stack[ps->depth - 1];
  guint32 key_offset = (guint32) (frame->key_at - ps->data);
  guint32 value_offset = (guint32) (ps->p - ps->data);
  gboolean integral;
  gint64 i = 0;
  double d = 0, value;
  int year;

  if (!parse_number_value (ps, &integral, &i, &d))
    return FALSE;

  /* What json_node_get_double() would give for the tree's node. */
  value = integral ? (double) i : d;
  year = frame->year;

  if (year >= REX_YEAR_MIN && year <= REX_YEAR_MAX)
    {
      /* Duplicates were refused with the member name. */
      ps->scratch[year - REX_YEAR_MIN] = value;
      ps->scratch_key[year - REX_YEAR_MIN] = key_offset;
      ps->scratch_value[year - REX_YEAR_MIN] = value_offset;
      frame->first_year = MIN (frame->first_year, year);
      frame->last_year = MAX (frame->last_year, year);
      frame->n_years++;
    }
  else
    {
      RexJsonNumber number = { value, key_offset, value_offset };

      g_array_append_val (ps->doc->numbers, number);
    }

  return TRUE;
}

static gboolean
match_literal (Parser     *ps,
               const char *literal)
{
  gsize len = strlen (literal);

  if ((gsize) (ps->end - ps->p) < len || memcmp (ps->p, literal, len) != 0)
    return FALSE;

  /* "nullx" is not null followed by garbage but one bad word. */
  if (ps->p + len < ps->end && g_ascii_isalnum (ps->p[len]))
    return FALSE;

  ps->p += len;

  return TRUE;
}

static gboolean
parse_literal (Parser *ps,
               Scalar *scalar)
{
  const char *start = ps->p;

  if (match_literal (ps, "true") || match_literal (ps, "false"))
    {
      scalar->type = REX_JSON_BOOLEAN;
      scalar->number = *start == 't';
    }
  else if (match_literal (ps, "null"))
    scalar->type = REX_JSON_NULL;
  else if (match_literal (ps, "NaN"))
    return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                 "NaN is not valid JSON; numbers must be finite");
  else if (match_literal (ps, "Infinity"))
    return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                 "Infinity is not valid JSON; numbers must be finite");
  else
    {
      const char *p = start;

      while (p < ps->end && p - start < 40 && g_ascii_isalnum (*p))
        p++;

      return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                   "invalid literal '%.*s'; expected a value (string, number, "
                   "object, array, true, false or null)",
                   (int) MAX (1, p - start), start);
    }

  return TRUE;
}

/* A string, number or literal, whichever starts at ps->p. */
static gboolean
parse_scalar (Parser *ps,
              Scalar *scalar)
{
  switch (*ps->p)
    {
    case '"':
      scalar->type = REX_JSON_STRING;
      return parse_string (ps, ps->buf);

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      scalar->type = REX_JSON_NUMBER;
      if (!parse_number_value (ps, &scalar->integral, &scalar->integer, &scalar->number))
        return FALSE;
      if (scalar->integral)
        scalar->number = (double) scalar->integer;  /* what json_node_get_double() gives */
      return TRUE;

    default:
      if (g_ascii_isalpha (*ps->p))
        return parse_literal (ps, scalar);
      else
        return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                     "expected a value, found %s%s", describe_char (ps, ps->p),
                     *ps->p == ']' ? " (trailing commas are not allowed)" : "");
    }
}

/* Whether the object about to open is regions[i].values. */
static gboolean
is_values_object (Parser *ps)
{
  return ps->depth == 3
      && ps->stack[0].is_object && strcmp (ps->stack[0].key->str, "regions") == 0
      && !ps->stack[1].is_object
      && ps->stack[2].is_object && strcmp (ps->stack[2].key->str, "values") == 0;
}

/* A series is complete: its numbers go to the sink, sized to the years
 * present. A series much sparser than its year range would cost far more
 * as a dense array than its text did, so those numbers go into the table
 * instead, for the loader to take like any other. */
static void
finish_compact (Parser *ps,
                Frame  *frame)
{
  RexJsonSeries *series = &g_array_index (ps->doc->series, RexJsonSeries, frame->index);
  double *values;
  guint span;

  if (frame->n_years == 0)
    return;

  values = &ps->scratch[frame->first_year - REX_YEAR_MIN];
  span = (guint) (frame->last_year - frame->first_year + 1);

  if (span <= 2 * frame->n_years + 8)
    {
      series->series = ps->doc->sink.make (series->name, frame->first_year, frame->last_year,
                                           values, ps->doc->sink.user_data);
    }
  else
    {
      for (guint k = 0; k < span; k++)
        {
          guint index = frame->first_year - REX_YEAR_MIN + k;
          RexJsonNumber number = { values[k], ps->scratch_key[index], ps->scratch_value[index] };

          if (!isnan (values[k]))
            g_array_append_val (ps->doc->numbers, number);
        }
    }

  for (guint k = 0; k < span; k++)
    values[k] = NAN;
}

static void
close_container (Parser *ps)
{
  Frame *frame = &ps->stack[ps->depth - 1];

  switch (frame->kind)
    {
    case FRAME_SERIES:
      finish_compact (ps, frame);
      break;

    case FRAME_RECORD:
      g_array_index (ps->doc->values, RexJsonMember, frame->index).n_members =
        ps->doc->members->len - frame->records_start;
      break;

    case FRAME_VALUES:
      if (ps->doc->series->len > frame->run_start)
        {
          SeriesRun run = { frame->run_start, ps->doc->series->len - frame->run_start };

          g_array_append_val (ps->doc->run_table, run);
          g_hash_table_insert (ps->doc->runs, frame->node,
                               GUINT_TO_POINTER (ps->doc->run_table->len));
        }
      break;

    case FRAME_DETACHED:
      json_node_unref (frame->node);
      ps->n_detached--;
      break;

    case FRAME_TREE:
    default:
      break;
    }

  ps->p++;
  ps->depth--;
}

/* What the container about to open becomes, by where it is. */
static FrameKind
frame_kind_for (Parser   *ps,
                gboolean  is_object)
{
  FrameKind parent = ps->depth > 0 ? ps->stack[ps->depth - 1].kind : FRAME_TREE;

  if (parent == FRAME_VALUES && is_object)
    return FRAME_SERIES;
  if (parent == FRAME_SERIES && is_object)
    return FRAME_RECORD;
  if (parent == FRAME_SERIES || parent == FRAME_RECORD)
    return FRAME_DETACHED;
  if (is_object && ps->compact && is_values_object (ps))
    return FRAME_VALUES;
  return FRAME_TREE;
}

static JsonNode *
new_container_node (gboolean is_object)
{
  JsonNode *node = json_node_alloc ();

  if (is_object)
    json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), json_object_new ());
  else
    json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());

  return node;
}

/* Starts @frame as a series: its record, and an empty scratch. */
static void
open_series (Parser *ps,
             Frame  *frame)
{
  const Frame *parent = &ps->stack[ps->depth - 1];
  RexJsonSeries series = { 0 };

  series.name = parent->key_name;
  series.key_offset = (guint32) (parent->key_at - ps->data);
  series.offset = (guint32) (ps->p - ps->data);
  series.numbers_start = ps->doc->numbers->len;
  series.values_start = ps->doc->values->len;
  g_array_append_val (ps->doc->series, series);

  frame->index = ps->doc->series->len - 1;
  frame->records_start = ps->doc->values->len;
  frame->first_year = G_MAXINT;
  frame->last_year = G_MININT;
  frame->n_years = 0;
  ps->year_generation++;
}

static gboolean
open_container (Parser  *ps,
                gboolean is_object)
{
  const guint32 line = ps->line;
  const guint32 column = column_at (ps, ps->p);
  FrameKind kind;
  Frame *frame;

  if (ps->depth >= REX_DATASET_MAX_DEPTH)
    return fail_at (ps, REX_DATASET_ERROR_TOO_LARGE, line, column,
                    "nesting deeper than the limit of %d levels",
                    REX_DATASET_MAX_DEPTH);

  kind = frame_kind_for (ps, is_object);
  frame = &ps->stack[ps->depth];
  frame->kind = kind;
  frame->node = NULL;

  switch (kind)
    {
    case FRAME_SERIES:
      open_series (ps, frame);
      break;

    case FRAME_RECORD:
      add_record (ps, REX_JSON_OBJECT, ps->p)->members_start = ps->doc->members->len;
      frame->index = ps->doc->values->len - 1;
      frame->records_start = ps->doc->members->len;
      break;

    case FRAME_DETACHED:
      add_record (ps, is_object ? REX_JSON_OBJECT : REX_JSON_ARRAY, ps->p);
      frame->node = new_container_node (is_object);
      ps->n_detached++;
      break;

    case FRAME_VALUES:
      frame->run_start = ps->doc->series->len;
      g_hash_table_remove_all (ps->values_names);
      G_GNUC_FALLTHROUGH;
    case FRAME_TREE:
    default:
      frame->node = new_container_node (is_object);
      attach (ps, frame->node, line, column);
      break;
    }

  ps->depth++;
  frame->is_object = is_object;
  frame->object = is_object && frame->node != NULL ? json_node_get_object (frame->node) : NULL;
  frame->array = is_object ? NULL : json_node_get_array (frame->node);
  frame->key_is_year = FALSE;
  if (is_object && frame->key == NULL)
    frame->key = g_string_sized_new (32);
  ps->p++;

  return TRUE;
}

/* Whether @name was a member of the records from @start of @records. */
static gboolean
has_record (GArray     *records,
            guint       start,
            const char *name)
{
  for (guint i = start; i < records->len; i++)
    if (strcmp (g_array_index (records, RexJsonMember, i).name, name) == 0)
      return TRUE;

  return FALSE;
}

/* Whether the member name just read in the top frame was there before. */
static gboolean
is_duplicate_name (Parser *ps,
                   Frame  *frame)
{
  switch (frame->kind)
    {
    case FRAME_VALUES:
      /* Its object members are not in the tree: names are checked here. */
      frame->key_name = g_string_chunk_insert_const (ps->doc->strings, frame->key->str);
      return !g_hash_table_add (ps->values_names, (gpointer) frame->key_name);
    case FRAME_SERIES:
      return has_record (ps->doc->values, frame->records_start, frame->key->str);
    case FRAME_RECORD:
      return has_record (ps->doc->members, frame->records_start, frame->key->str);
    case FRAME_TREE:
    case FRAME_DETACHED:
    default:
      return json_object_has_member (frame->object, frame->key->str);
    }
}

/* Reads `"name" :` into the top frame's key. */
static gboolean
parse_member_name (Parser *ps)
{
  Frame *frame = &ps->stack[ps->depth - 1];

  skip_whitespace (ps);

  if (ps->p >= ps->end)
    return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->end,
                 "unexpected end of file; expected a member name");

  if (*ps->p == '}')
    return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                 "expected a member name, found '}' (trailing commas are not allowed)");
  if (*ps->p != '"')
    return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                 "expected a member name in double quotes, found %s", describe_char (ps, ps->p));

  frame->key_line = ps->line;
  frame->key_column = column_at (ps, ps->p);
  frame->key_at = ps->p;

  /* In a series, duplicates among year members are found by year. The
   * common "YYYY" is taken without the string scanner: it holds neither
   * escapes nor anything that would move the column count. */
  frame->key_is_year = frame->kind == FRAME_SERIES && ps->end - ps->p >= 6 &&
                       g_ascii_isdigit (ps->p[1]) && g_ascii_isdigit (ps->p[2]) &&
                       g_ascii_isdigit (ps->p[3]) && g_ascii_isdigit (ps->p[4]) &&
                       ps->p[5] == '"';
  if (frame->key_is_year)
    {
      const char *digits = ps->p + 1;

      frame->year = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 +
                    (digits[2] - '0') * 10 + (digits[3] - '0');
      /* Written in place: the key holds at least 32 bytes (see
       * open_container()), and this is the hottest line of the parse. */
      memcpy (frame->key->str, digits, 4);
      frame->key->str[4] = '\0';
      frame->key->len = 4;
      ps->p += 6;

      if (ps->year_seen[frame->year] == ps->year_generation)
        return fail_at (ps, REX_DATASET_ERROR_SYNTAX, frame->key_line, frame->key_column,
                        "duplicate member \"%s\" in an object", frame->key->str);
      ps->year_seen[frame->year] = ps->year_generation;
    }
  else if (!parse_string (ps, frame->key))
    {
      return FALSE;
    }
  else if (is_duplicate_name (ps, frame))
    return fail_at (ps, REX_DATASET_ERROR_SYNTAX, frame->key_line, frame->key_column,
                    "duplicate member \"%s\" in an object", frame->key->str);

  skip_whitespace (ps);

  if (ps->p >= ps->end)
    return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->end,
                 "unexpected end of file; expected ':' after the member name");

  if (*ps->p != ':')
    return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                 "expected ':' after the member name, found %s", describe_char (ps, ps->p));

  ps->p++;

  return TRUE;
}

/* Reads the string, number or literal at ps->p into a record or a node. */
static gboolean
parse_scalar_value (Parser *ps)
{
  const char *at = ps->p;
  guint32 line = ps->line;
  guint32 column = column_at (ps, at);
  Scalar scalar = { 0 };

  if (!parse_scalar (ps, &scalar))
    return FALSE;
  if (in_records (ps))
    add_scalar_record (ps, &scalar, at);
  else
    attach (ps, scalar_to_node (ps, &scalar), line, column);

  return TRUE;
}

/* Reads the value at ps->p, or opens the container it starts; FALSE on an
 * error. */
static gboolean
parse_value (Parser *ps)
{
  const char *at = ps->p;

  switch (*at)
    {
    case '{':
    case '[':
      if (!open_container (ps, *at == '{'))
        return FALSE;
      skip_whitespace (ps);
      if (ps->p < ps->end && *ps->p == (*at == '{' ? '}' : ']'))
        {
          close_container (ps);
          return TRUE;
        }
      return *at == '[' || parse_member_name (ps);

    default:
      /* The hot path: a number named by a year in a series. */
      if (ps->depth > 0 && ps->stack[ps->depth - 1].key_is_year &&
          (*at == '-' || g_ascii_isdigit (*at)))
        return parse_compact_number (ps);
      return parse_scalar_value (ps);
    }
}

/* After a value: closes containers until one continues with ','. FALSE on
 * an error; *@done when the document's value is complete. */
static gboolean
continue_container (Parser   *ps,
                    gboolean *done)
{
  for (;;)
    {
      Frame *frame;
      char closing;

      if (ps->depth == 0)
        {
          *done = TRUE;
          return TRUE;
        }

      frame = &ps->stack[ps->depth - 1];
      closing = frame->is_object ? '}' : ']';

      skip_whitespace (ps);

      if (ps->p >= ps->end)
        return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->end,
                     "unexpected end of file; expected ',' or '%c'", closing);

      if (*ps->p == closing)
        {
          close_container (ps);
          continue;
        }

      if (*ps->p == ',')
        {
          ps->p++;
          return !frame->is_object || parse_member_name (ps);
        }

      return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                   "expected ',' or '%c', found %s", closing, describe_char (ps, ps->p));
    }
}

static gboolean
parse_document (Parser *ps)
{
  for (;;)
    {
      guint depth;
      gboolean done = FALSE;

      /* A value is expected. */
      skip_whitespace (ps);

      if (ps->p >= ps->end)
        return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->end,
                     "unexpected end of file; expected a value");

      /* A container that opened and is not empty expects a value next. */
      depth = ps->depth;
      if (!parse_value (ps))
        return FALSE;
      if (ps->depth > depth)
        continue;

      if (!continue_container (ps, &done))
        return FALSE;
      if (done)
        return TRUE;
    }
}

/* Line and column of @at, counted from the start (only used for errors). */
static void
locate (const char *start,
        const char *at,
        guint32    *line,
        guint32    *column)
{
  *line = 1;
  *column = 1;

  for (const char *p = start; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *p & 0xC0) != 0x80)
        {
          (*column)++;
        }
    }
}

/* Sets up @ps and its document to parse @data. */
static void
parser_init (Parser                  *ps,
             const char              *data,
             gsize                    length,
             const char              *display_name,
             const RexJsonValuesSink *sink)
{
  RexJsonDocument *doc;

  ps->file = display_name;
  ps->data = data != NULL ? data : "";
  ps->p = ps->data;
  ps->end = ps->p + length;
  ps->line_start = ps->p;
  ps->line = 1;
  ps->compact = sink != NULL;

  /* Tolerated, as RFC 8259 allows: editors on some systems add it. */
  if (length >= 3 && memcmp (ps->p, "\xEF\xBB\xBF", 3) == 0)
    {
      ps->p += 3;
      ps->line_start = ps->p;
    }

  doc = ps->doc = g_new0 (RexJsonDocument, 1);
  doc->index = g_hash_table_new (NULL, NULL);
  doc->positions = g_array_new (FALSE, FALSE, sizeof (Position));
  ps->buf = g_string_sized_new (256);
  if (!ps->compact)
    return;

  doc->sink = *sink;
  doc->text = ps->data;
  doc->length = length;
  doc->bom = (guint32) (ps->p - ps->data);
  doc->numbers = g_array_new (FALSE, FALSE, sizeof (RexJsonNumber));
  doc->values = g_array_new (FALSE, FALSE, sizeof (RexJsonMember));
  doc->members = g_array_new (FALSE, FALSE, sizeof (RexJsonMember));
  doc->series = g_array_new (FALSE, FALSE, sizeof (RexJsonSeries));
  doc->strings = g_string_chunk_new (4096);
  doc->runs = g_hash_table_new (NULL, NULL);
  doc->run_table = g_array_new (FALSE, FALSE, sizeof (SeriesRun));
  ps->values_names = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < N_YEARS; k++)
    ps->scratch[k] = NAN;
}

static void
parser_clear (Parser *ps)
{
  g_string_free (ps->buf, TRUE);
  g_clear_pointer (&ps->values_names, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (ps->stack); i++)
    if (ps->stack[i].key != NULL)
      g_string_free (ps->stack[i].key, TRUE);
  /* Detached nodes left open by an error. */
  for (guint i = 0; i < ps->depth; i++)
    if (ps->stack[i].kind == FRAME_DETACHED)
      json_node_unref (ps->stack[i].node);
  g_free (ps->error_message);
}

/* The record tables are complete: point the series at their numbers and
 * members, and the object members at theirs. */
static void
link_records (RexJsonDocument *doc)
{
  for (guint i = 0; i < doc->series->len; i++)
    {
      RexJsonSeries *series = &g_array_index (doc->series, RexJsonSeries, i);
      const RexJsonSeries *next = i + 1 < doc->series->len ? series + 1 : NULL;

      series->n_numbers = (next ? next->numbers_start : doc->numbers->len) - series->numbers_start;
      if (series->n_numbers > 0)
        series->numbers = &g_array_index (doc->numbers, RexJsonNumber, series->numbers_start);
      series->n_values = (next ? next->values_start : doc->values->len) - series->values_start;
      if (series->n_values > 0)
        series->values = &g_array_index (doc->values, RexJsonMember, series->values_start);
    }

  for (guint i = 0; i < doc->values->len; i++)
    {
      RexJsonMember *value = &g_array_index (doc->values, RexJsonMember, i);

      if (value->n_members > 0)
        value->members = &g_array_index (doc->members, RexJsonMember, value->members_start);
    }
}

/* Reports the first problem found: in @error, and in *@problem when asked. */
static void
set_parse_error (Parser             *ps,
                 RexDatasetProblem **problem,
                 GError            **error)
{
  g_autoptr(RexDatasetProblem) p = NULL;
  g_autofree char *message = NULL;

  p = rex_dataset_problem_new (ps->file, ps->error_line, ps->error_column,
                               "", ps->error_message);
  message = rex_dataset_problem_to_string (p);
  g_set_error_literal (error, REX_DATASET_ERROR, ps->error_code, message);
  if (problem != NULL)
    *problem = g_steal_pointer (&p);
}

/* FALSE, with the error set, when @data is not UTF-8 or holds a NUL byte. */
static gboolean
check_encoding (Parser *ps,
                gsize   length)
{
  const char *invalid = NULL;
  guint32 line, column;

  if (g_utf8_validate_len (ps->data, length, &invalid))
    return TRUE;

  locate (ps->data, invalid, &line, &column);
  if (*invalid == '\0')
    return fail_at (ps, REX_DATASET_ERROR_SYNTAX, line, column,
                    "NUL byte in the file; a JSON text cannot contain one");

  return fail_at (ps, REX_DATASET_ERROR_SYNTAX, line, column,
                  "invalid UTF-8 (byte 0x%02X); the file must be UTF-8 encoded",
                  (guchar) *invalid);
}

RexJsonDocument *
rex_json_parse (const char         *data,
                gsize               length,
                const char         *display_name,
                RexDatasetProblem **problem,
                GError            **error)
{
  return rex_json_parse_values (data, length, display_name, NULL, problem, error);
}

RexJsonDocument *
rex_json_parse_values (const char               *data,
                       gsize                     length,
                       const char               *display_name,
                       const RexJsonValuesSink  *sink,
                       RexDatasetProblem       **problem,
                       GError                  **error)
{
  g_autoptr(RexJsonDocument) doc = NULL;
  Parser ps = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (sink == NULL || (sink->make != NULL && sink->free_func != NULL), NULL);

  init_char_class ();
  parser_init (&ps, data, length, display_name, sink);
  doc = ps.doc;

  /* Records hold 32-bit offsets: far beyond REX_DATASET_MAX_FILE_SIZE. */
  if (sink != NULL && length > G_MAXUINT32)
    ok = fail_at (&ps, REX_DATASET_ERROR_TOO_LARGE, 0, 0, "larger than 4 GiB");
  else
    ok = check_encoding (&ps, length) && parse_document (&ps);
  if (ok)
    {
      skip_whitespace (&ps);
      if (ps.p < ps.end)
        ok = fail (&ps, REX_DATASET_ERROR_SYNTAX, ps.p,
                   "unexpected %s after the end of the JSON document", describe_char (&ps, ps.p));
    }

  if (ok && doc->series != NULL)
    link_records (doc);
  else if (!ok)
    set_parse_error (&ps, problem, error);
  parser_clear (&ps);

  return ok ? g_steal_pointer (&doc) : NULL;
}
