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
 * A dataset is mostly numbers under regions[i].values.METRIC."YYYY". With
 * REX_JSON_PARSE_COMPACT_VALUES each METRIC object becomes a RexJsonSeries
 * record instead of a JsonNode and a JsonObject, and its numbers are written
 * into a per-year scratch array while it is read and copied into one
 * RexSeries when it closes: no allocation per value, and no position per
 * value either. A message about one of those values finds its place again
 * by scanning the object's text (rex_json_document_find_year()); positions
 * are byte offsets turned into lines and columns only when a message needs
 * them. A value written as an object ({ "value": …, "source": … }) is read
 * into a RexJsonValueObject record when it has the plain form, a guess the
 * parser takes back (and leaves to the tree) for anything else, so that
 * every message about it stays what the tree gave.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include "rex-json.h"
#include "rex-model-private.h"

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

  /* REX_JSON_PARSE_COMPACT_VALUES */
  const char *text;      /* the parsed data, not owned */
  gsize       length;
  guint32     bom;       /* bytes of byte order mark skipped at the start */
  GArray     *numbers;   /* RexJsonNumber, those not in a series */
  GArray     *objects;   /* RexJsonValueObject */
  GArray     *series;    /* RexJsonSeries */
  RexSeriesArena *arena; /* where their RexSeries are made */
  GHashTable *runs;      /* values JsonNode* → GUINT_TO_POINTER (1 + index into run_table) */
  GArray     *run_table; /* SeriesRun */
  GHashTable *names;     /* member names of values objects, interned (owned keys) */
  GArray     *line_starts; /* guint32 byte offsets, built on first use */
  guint32     cached_offset;  /* last offset resolved, to resume on the same line */
  guint32     cached_line;
  guint32     cached_column;
};

typedef struct
{
  JsonNode   *node;      /* NULL for a compact object */
  gboolean    is_object;
  JsonObject *object;    /* NULL for arrays, and compact objects without extra members */
  JsonArray  *array;
  GString    *key;       /* member name waiting for its value (objects) */
  guint32     key_line;
  guint32     key_column;
  const char *key_at;    /* where the member name starts */
  gboolean    key_is_year;
  const char *key_name;  /* key interned, in a values object */
  gboolean    values;    /* a regions[i].values object */
  guint       run_start; /* of its series, in doc->series */
  gboolean    compact;   /* a regions[i].values.METRIC object being compacted */
  guint       series_index;
  guint32     line;      /* where a compact object starts, for its extra members */
  guint32     column;
  int         year;      /* of the member name, when key_is_year */
  int         first_year;
  int         last_year;
  guint       n_years;   /* members in the scratch */
} Frame;

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

  RexJsonParseFlags flags;
  const char      *data;       /* start of the input, for offsets */
  /* Year keys of the compact object being read: those equal to
   * year_generation, which changes with every compact object. */
  guint32          year_seen[10000];
  guint32          year_generation;
  GHashTable      *values_names; /* interned names seen in the values object being read */
  /* The numbers of the compact object being read, by year - REX_YEAR_MIN;
   * NaN where there is none. */
  double           scratch[N_YEARS];
  guint32          scratch_key[N_YEARS];
  guint32          scratch_value[N_YEARS];

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
  if (doc->objects != NULL)
    {
      for (guint i = 0; i < doc->objects->len; i++)
        {
          RexJsonValueObject *object = &g_array_index (doc->objects, RexJsonValueObject, i);

          for (guint k = 0; k < REX_JSON_VALUE_N_STRINGS; k++)
            g_free (object->strings[k]);
        }
      g_array_unref (doc->objects);
    }
  if (doc->series != NULL)
    {
      for (guint i = 0; i < doc->series->len; i++)
        {
          RexJsonSeries *series = &g_array_index (doc->series, RexJsonSeries, i);

          g_clear_pointer (&series->series, rex_series_unref);
          g_clear_pointer (&series->extra, json_node_unref);
        }
      g_array_unref (doc->series);
    }
  g_clear_pointer (&doc->arena, rex_series_arena_free);
  g_clear_pointer (&doc->runs, g_hash_table_unref);
  g_clear_pointer (&doc->run_table, g_array_unref);
  g_clear_pointer (&doc->names, g_hash_table_unref);
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

gboolean
rex_json_document_get_position (RexJsonDocument *doc,
                                JsonNode        *node,
                                int             *line,
                                int             *column)
{
  const Position *pos;

  g_return_val_if_fail (doc != NULL, FALSE);

  pos = node != NULL ? lookup_position (doc, node) : NULL;
  if (pos == NULL)
    return FALSE;

  *line = pos->line;
  *column = pos->column;

  return TRUE;
}

gboolean
rex_json_document_get_key_position (RexJsonDocument *doc,
                                    JsonNode        *node,
                                    int             *line,
                                    int             *column)
{
  const Position *pos;

  g_return_val_if_fail (doc != NULL, FALSE);

  pos = node != NULL ? lookup_position (doc, node) : NULL;
  if (pos == NULL)
    return FALSE;

  if (pos->key_line > 0)
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

/* A readable name for the character at @at, for "unexpected …" messages. */
static char *
describe_char (const char *at,
               const char *end)
{
  guchar c;

  if (at >= end)
    return g_strdup (_("end of file"));

  c = (guchar) *at;
  if (c > 0x20 && c < 0x7F)
    return g_strdup_printf ("'%c'", c);
  if (c < 0x80)
    return g_strdup_printf ("U+%04X", c);

  return g_strdup_printf ("U+%04X", g_utf8_get_char (at));
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

/* Hands @node (consumed) to its parent, or makes it the root. */
static void
attach (Parser   *ps,
        JsonNode *node,
        guint32   line,
        guint32   column)
{
  record_position (ps, node, line, column);

  if (ps->depth == 0)
    {
      ps->doc->root = node;
    }
  else
    {
      Frame *frame = &ps->stack[ps->depth - 1];

      if (frame->is_object && frame->object == NULL)
        {
          /* The first member of a compact object that is not a plain
           * number: the rest of the kind go into an object of their own,
           * placed where the compact object is. */
          RexJsonSeries *series = &g_array_index (ps->doc->series, RexJsonSeries,
                                                  frame->series_index);
          const Frame *parent = &ps->stack[ps->depth - 2];
          Position pos = { frame->line, frame->column, parent->key_line, parent->key_column };

          series->extra = json_node_alloc ();
          json_node_take_object (json_node_init (series->extra, JSON_NODE_OBJECT),
                                 json_object_new ());
          g_array_append_val (ps->doc->positions, pos);
          g_hash_table_insert (ps->doc->index, series->extra,
                               GUINT_TO_POINTER (ps->doc->positions->len));
          frame->object = json_node_get_object (series->extra);
        }

      if (frame->is_object)
        json_object_set_member (frame->object, frame->key->str, node);
      else
        json_array_add_element (frame->array, node);
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
      guchar c;

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

      if (p >= end)
        return fail (ps, REX_DATASET_ERROR_SYNTAX, end,
                     "unexpected end of file inside the string that starts "
                     "at line %u, column %u", start_line, start_column);

      c = (guchar) *p;

      if (c == '"')
        {
          /* Escapes are appended unchecked: look once more at the end. */
          if (out->len > REX_DATASET_MAX_STRING)
            return fail_at (ps, REX_DATASET_ERROR_TOO_LARGE, start_line, start_column,
                            "string longer than the limit of %d bytes",
                            REX_DATASET_MAX_STRING);
          ps->p = p + 1;
          return TRUE;
        }

      if (c < 0x20)
        {
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

      /* A backslash escape. */
      if (p + 1 >= end)
        return fail (ps, REX_DATASET_ERROR_SYNTAX, end,
                     "unexpected end of file inside the string that starts "
                     "at line %u, column %u", start_line, start_column);

      switch (p[1])
        {
        case '"':  g_string_append_c (out, '"');  p += 2; break;
        case '\\': g_string_append_c (out, '\\'); p += 2; break;
        case '/':  g_string_append_c (out, '/');  p += 2; break;
        case 'b':  g_string_append_c (out, '\b'); p += 2; break;
        case 'f':  g_string_append_c (out, '\f'); p += 2; break;
        case 'n':  g_string_append_c (out, '\n'); p += 2; break;
        case 'r':  g_string_append_c (out, '\r'); p += 2; break;
        case 't':  g_string_append_c (out, '\t'); p += 2; break;
        case 'u':
          {
            gunichar unit, low;

            if (!parse_hex4 (p + 2, end, &unit))
              return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                           "invalid \\u escape; expected four hexadecimal digits");

            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                           "lone low surrogate \\u%04X; it must follow a high "
                           "surrogate (\\uD800–\\uDBFF)", unit);

            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                    !parse_hex4 (p + 8, end, &low) ||
                    low < 0xDC00 || low > 0xDFFF)
                  return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                               "lone high surrogate \\u%04X; it must be followed "
                               "by a low surrogate (\\uDC00–\\uDFFF)", unit);

                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
              }
            else if (unit == 0)
              {
                return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                             "\\u0000 (NUL) is not allowed in strings");
              }

            g_string_append_unichar (out, unit);
            p += 6;
          }
          break;
        default:
          {
            g_autofree char *what = describe_char (p + 1, end);

            return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                         "invalid escape: backslash followed by %s; valid escapes "
                         "are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                         what);
          }
        }
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

/* Scans the number under ps->p. Integers that fit 64 bits come back in @i
 * with *@integral set; everything else in @d. */
static gboolean
parse_number_value (Parser   *ps,
                    gboolean *integral_out,
                    gint64   *i,
                    double   *d)
{
  const char *start = ps->p;
  const char *p = start;
  const char *end = ps->end;
  gboolean integral = TRUE;
  gboolean negative = FALSE;
  gboolean exponent = FALSE;
  guint64 mantissa = 0;
  guint n_digits = 0, n_fraction = 0;
  double value;

  if (*p == '-')
    {
      negative = TRUE;
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
      while (is_digit (p, end))
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          n_digits++;
          p++;
        }
    }

  if (p < end && *p == '.')
    {
      p++;
      integral = FALSE;
      if (!is_digit (p, end))
        return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                     "expected a digit after the decimal point");
      while (is_digit (p, end))
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          n_digits++;
          n_fraction++;
          p++;
        }
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      integral = FALSE;
      exponent = TRUE;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!is_digit (p, end))
        return fail (ps, REX_DATASET_ERROR_SYNTAX, p,
                     "expected a digit in the exponent");
      while (is_digit (p, end))
        p++;
    }

  /* Fast paths for what datasets hold: short integers and decimals. The
   * digit count also bounds the mantissa, so it cannot have overflowed. */
  if (exponent)
    ; /* rare in datasets: strtod below */
  else if (integral && n_digits <= 18)
    {
      *integral_out = TRUE;
      *i = negative ? -(gint64) mantissa : (gint64) mantissa;
      ps->p = p;
      return TRUE;
    }
  else if (!integral && n_digits <= 15 && n_fraction < G_N_ELEMENTS (exact_powers_of_ten))
    {
      value = (double) mantissa / exact_powers_of_ten[n_fraction];
      *integral_out = FALSE;
      *d = negative ? -value : value;
      ps->p = p;
      return TRUE;
    }

  /* The input is not NUL-terminated: convert from a terminated copy. */
  g_string_truncate (ps->buf, 0);
  g_string_append_len (ps->buf, start, p - start);

  if (integral)
    {
      errno = 0;
      *i = g_ascii_strtoll (ps->buf->str, NULL, 10);
      if (errno == 0)
        {
          *integral_out = TRUE;
          ps->p = p;
          return TRUE;
        }
      /* Beyond 64 bits: keep it as a double, like JavaScript would. */
    }

  errno = 0;
  value = g_ascii_strtod (ps->buf->str, NULL);
  if (!isfinite (value))
    {
      g_autofree char *text = excerpt (start, p - start);

      return fail (ps, REX_DATASET_ERROR_SYNTAX, start,
                   "number %s is out of range; numbers must be finite doubles",
                   text);
    }

  *integral_out = FALSE;
  *d = value;
  ps->p = p;

  return TRUE;
}

static gboolean
parse_number (Parser    *ps,
              JsonNode **node)
{
  gboolean integral;
  gint64 i = 0;
  double d = 0;

  if (!parse_number_value (ps, &integral, &i, &d))
    return FALSE;

  if (integral)
    *node = json_node_init_int (json_node_alloc (), i);
  else
    *node = json_node_init_double (json_node_alloc (), d);

  return TRUE;
}

/* A number member of a compact object: into the scratch array, or, for a
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

/* The string members of a plain value object, by RexJsonValueString. */
static const char * const value_string_names[REX_JSON_VALUE_N_STRINGS] = {
  "source", "qualifier", "status", "date", "note",
};

static void
value_object_clear (RexJsonValueObject *object)
{
  for (guint k = 0; k < REX_JSON_VALUE_N_STRINGS; k++)
    g_clear_pointer (&object->strings[k], g_free);
}

/* The value of a year member of a compact object is an object: read it
 * without a tree when it has the plain form (see RexJsonValueObject). Only
 * a guess, taken back for any other form: then *@done is FALSE and the
 * parser is where it was, for the tree to take the object and the loader
 * to say what is wrong with it. A number or string that cannot be read is
 * the syntax error the tree would meet at the same place: FALSE. */
static gboolean
parse_compact_object (Parser   *ps,
                      gboolean *done)
{
  const Frame *frame = &ps->stack[ps->depth - 1];
  const char *start = ps->p, *line_start = ps->line_start;
  guint32 line = ps->line;
  gsize line_cont = ps->line_cont;
  RexJsonValueObject object = { 0 };
  gboolean has_value = FALSE;
  guint seen = 0;

  *done = FALSE;
  if (frame->year < REX_YEAR_MIN || frame->year > REX_YEAR_MAX)
    return TRUE;

  object.year = frame->year;
  object.offset = (guint32) (start - ps->data);
  ps->p++;

  for (;;)
    {
      int member = -2;   /* -1: "value"; else a RexJsonValueString */
      gsize len = 0;

      skip_whitespace (ps);
      if (ps->p >= ps->end || *ps->p != '"')
        goto other_form;
      for (int k = -1; k < REX_JSON_VALUE_N_STRINGS; k++)
        {
          const char *name = k < 0 ? "value" : value_string_names[k];
          gsize n = strlen (name);

          if ((gsize) (ps->end - ps->p) > n + 1 && memcmp (ps->p + 1, name, n) == 0
              && ps->p[n + 1] == '"')
            {
              member = k;
              len = n;
              break;
            }
        }
      /* Other names, and a name twice, are for the tree to report. */
      if (member == -2 || (seen & (1u << (member + 1))) != 0)
        goto other_form;
      seen |= 1u << (member + 1);
      ps->p += len + 2;

      skip_whitespace (ps);
      if (ps->p >= ps->end || *ps->p != ':')
        goto other_form;
      ps->p++;
      skip_whitespace (ps);
      if (ps->p >= ps->end)
        goto other_form;

      if (member < 0)
        {
          gboolean integral;
          gint64 i = 0;
          double d = 0;

          if (*ps->p != '-' && !g_ascii_isdigit (*ps->p))
            goto other_form;
          if (!parse_number_value (ps, &integral, &i, &d))
            {
              value_object_clear (&object);
              return FALSE;
            }
          object.value = integral ? (double) i : d;
          if (!isfinite (object.value))
            goto other_form;
          has_value = TRUE;
        }
      else
        {
          if (*ps->p != '"')
            goto other_form;
          object.string_offsets[member] = (guint32) (ps->p - ps->data);
          if (!parse_string (ps, ps->buf))
            {
              value_object_clear (&object);
              return FALSE;
            }
          object.strings[member] = g_strdup (ps->buf->str);
        }

      skip_whitespace (ps);
      if (ps->p < ps->end && *ps->p == ',')
        {
          ps->p++;
          continue;
        }
      if (ps->p < ps->end && *ps->p == '}' && has_value)
        {
          ps->p++;
          break;
        }
      goto other_form;
    }

  g_array_append_val (ps->doc->objects, object);
  *done = TRUE;
  return TRUE;

other_form:
  value_object_clear (&object);
  ps->p = start;
  ps->line = line;
  ps->line_start = line_start;
  ps->line_cont = line_cont;
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
parse_literal (Parser    *ps,
               JsonNode **node)
{
  const char *start = ps->p;

  if (match_literal (ps, "true"))
    *node = json_node_init_boolean (json_node_alloc (), TRUE);
  else if (match_literal (ps, "false"))
    *node = json_node_init_boolean (json_node_alloc (), FALSE);
  else if (match_literal (ps, "null"))
    *node = json_node_init_null (json_node_alloc ());
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

/* Whether the object about to open is regions[i].values. */
static gboolean
is_values_object (Parser *ps)
{
  return ps->depth == 3
      && ps->stack[0].is_object && strcmp (ps->stack[0].key->str, "regions") == 0
      && !ps->stack[1].is_object
      && ps->stack[2].is_object && strcmp (ps->stack[2].key->str, "values") == 0;
}

/* The one copy of a member name of a values object (metric ids repeat in
 * every region). */
static const char *
intern_name (Parser     *ps,
             const char *name)
{
  char *interned = g_hash_table_lookup (ps->doc->names, name);

  if (interned == NULL)
    {
      interned = g_strdup (name);
      g_hash_table_add (ps->doc->names, interned);
    }

  return interned;
}

/* A compact object is complete: its numbers become a RexSeries, sized to
 * the years present. A series much sparser than its year range would cost
 * far more as a dense array than its text did, so those numbers go into
 * the table instead, for the loader to take like any other. */
static void
finish_compact (Parser *ps,
                Frame  *frame)
{
  RexJsonSeries *series = &g_array_index (ps->doc->series, RexJsonSeries, frame->series_index);
  double *values;
  guint span;

  if (frame->n_years == 0)
    return;

  values = &ps->scratch[frame->first_year - REX_YEAR_MIN];
  span = (guint) (frame->last_year - frame->first_year + 1);

  if (span <= 2 * frame->n_years + 8)
    {
      series->series = rex_series_arena_new_from_values (ps->doc->arena, series->name, frame->first_year,
                                                         frame->last_year, values);
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

  if (frame->compact)
    {
      finish_compact (ps, frame);
      frame->compact = FALSE;
    }
  else if (frame->values)
    {
      guint count = ps->doc->series->len - frame->run_start;

      if (count > 0)
        {
          SeriesRun run = { frame->run_start, count };

          g_array_append_val (ps->doc->run_table, run);
          g_hash_table_insert (ps->doc->runs, frame->node,
                               GUINT_TO_POINTER (ps->doc->run_table->len));
        }
      frame->values = FALSE;
    }

  ps->p++;
  ps->depth--;
}

static gboolean
open_container (Parser  *ps,
                gboolean is_object)
{
  const guint32 line = ps->line;
  const guint32 column = column_at (ps, ps->p);
  JsonNode *node = NULL;
  Frame *frame;
  gboolean compact, values;

  if (ps->depth >= REX_DATASET_MAX_DEPTH)
    return fail_at (ps, REX_DATASET_ERROR_TOO_LARGE, line, column,
                    "nesting deeper than the limit of %d levels",
                    REX_DATASET_MAX_DEPTH);

  compact = is_object && ps->depth > 0 && ps->stack[ps->depth - 1].values;
  values = is_object && !compact && (ps->flags & REX_JSON_PARSE_COMPACT_VALUES) &&
           is_values_object (ps);

  if (compact)
    {
      const Frame *parent = &ps->stack[ps->depth - 1];
      RexJsonSeries series = { 0 };

      series.name = parent->key_name;
      series.key_offset = (guint32) (parent->key_at - ps->data);
      series.offset = (guint32) (ps->p - ps->data);
      series.numbers_start = ps->doc->numbers->len;
      series.objects_start = ps->doc->objects->len;
      g_array_append_val (ps->doc->series, series);
    }
  else
    {
      node = json_node_alloc ();
      if (is_object)
        json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), json_object_new ());
      else
        json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());

      attach (ps, node, line, column);
    }

  frame = &ps->stack[ps->depth];
  frame->compact = compact;
  frame->values = values;
  if (compact)
    {
      frame->series_index = ps->doc->series->len - 1;
      frame->line = line;
      frame->column = column;
      frame->first_year = G_MAXINT;
      frame->last_year = G_MININT;
      frame->n_years = 0;
      ps->year_generation++;
    }
  if (values)
    {
      frame->run_start = ps->doc->series->len;
      g_hash_table_remove_all (ps->values_names);
    }
  ps->depth++;
  frame->node = node;
  frame->is_object = is_object;
  frame->object = is_object && !compact ? json_node_get_object (node) : NULL;
  frame->array = is_object ? NULL : json_node_get_array (node);
  frame->key_is_year = FALSE;
  if (is_object && frame->key == NULL)
    frame->key = g_string_sized_new (32);
  ps->p++;

  return TRUE;
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

  if (*ps->p != '"')
    {
      g_autofree char *what = describe_char (ps->p, ps->end);

      if (*ps->p == '}')
        return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                     "expected a member name, found '}' (trailing commas are not allowed)");

      return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                   "expected a member name in double quotes, found %s", what);
    }

  frame->key_line = ps->line;
  frame->key_column = column_at (ps, ps->p);
  frame->key_at = ps->p;

  /* In a compact object, year members may live outside the tree, so
   * duplicates among them are found by year instead. The common "YYYY" is
   * taken without the string scanner: it holds neither escapes nor
   * anything that would move the column count. */
  frame->key_is_year = frame->compact && ps->end - ps->p >= 6 &&
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
  else if (frame->values)
    {
      /* Its object members are not in the tree: names are checked here. */
      frame->key_name = intern_name (ps, frame->key->str);
      if (!g_hash_table_add (ps->values_names, (gpointer) frame->key_name))
        return fail_at (ps, REX_DATASET_ERROR_SYNTAX, frame->key_line, frame->key_column,
                        "duplicate member \"%s\" in an object", frame->key->str);
    }
  else if (frame->object != NULL && json_object_has_member (frame->object, frame->key->str))
    return fail_at (ps, REX_DATASET_ERROR_SYNTAX, frame->key_line, frame->key_column,
                    "duplicate member \"%s\" in an object", frame->key->str);

  skip_whitespace (ps);

  if (ps->p >= ps->end)
    return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->end,
                 "unexpected end of file; expected ':' after the member name");

  if (*ps->p != ':')
    {
      g_autofree char *what = describe_char (ps->p, ps->end);

      return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                   "expected ':' after the member name, found %s", what);
    }

  ps->p++;

  return TRUE;
}

static gboolean
parse_document (Parser *ps)
{
  for (;;)
    {
      JsonNode *node = NULL;
      guint32 line, column;

      /* A value is expected. */
      skip_whitespace (ps);

      if (ps->p >= ps->end)
        return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->end,
                     "unexpected end of file; expected a value");

      line = ps->line;
      column = column_at (ps, ps->p);

      switch (*ps->p)
        {
        case '{':
          if (ps->depth > 0 && ps->stack[ps->depth - 1].key_is_year)
            {
              gboolean done;

              if (!parse_compact_object (ps, &done))
                return FALSE;
              if (done)
                break;
            }
          if (!open_container (ps, TRUE))
            return FALSE;
          skip_whitespace (ps);
          if (ps->p < ps->end && *ps->p == '}')
            {
              close_container (ps);
              break;
            }
          if (!parse_member_name (ps))
            return FALSE;
          continue;

        case '[':
          if (!open_container (ps, FALSE))
            return FALSE;
          skip_whitespace (ps);
          if (ps->p < ps->end && *ps->p == ']')
            {
              ps->p++;
              ps->depth--;
              break;
            }
          continue;

        case '"':
          if (!parse_string (ps, ps->buf))
            return FALSE;
          node = json_node_alloc ();
          json_node_init_string (node, ps->buf->str);
          attach (ps, node, line, column);
          break;

        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (ps->depth > 0 && ps->stack[ps->depth - 1].key_is_year)
            {
              if (!parse_compact_number (ps))
                return FALSE;
              break;
            }
          if (!parse_number (ps, &node))
            return FALSE;
          attach (ps, node, line, column);
          break;

        default:
          if (g_ascii_isalpha (*ps->p))
            {
              if (!parse_literal (ps, &node))
                return FALSE;
              attach (ps, node, line, column);
              break;
            }
          else
            {
              g_autofree char *what = describe_char (ps->p, ps->end);

              return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                           "expected a value, found %s%s", what,
                           *ps->p == ']' ? " (trailing commas are not allowed)" : "");
            }
        }

      /* A value is complete: close containers until one continues. */
      for (;;)
        {
          Frame *frame;
          char closing;

          if (ps->depth == 0)
            return TRUE;

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
              if (frame->is_object && !parse_member_name (ps))
                return FALSE;
              break;
            }

          {
            g_autofree char *what = describe_char (ps->p, ps->end);

            return fail (ps, REX_DATASET_ERROR_SYNTAX, ps->p,
                         "expected ',' or '%c', found %s", closing, what);
          }
        }
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

RexJsonDocument *
rex_json_parse (const char         *data,
                gsize               length,
                const char         *display_name,
                RexDatasetProblem **problem,
                GError            **error)
{
  return rex_json_parse_full (data, length, display_name, REX_JSON_PARSE_DEFAULT,
                              problem, error);
}

RexJsonDocument *
rex_json_parse_full (const char         *data,
                     gsize               length,
                     const char         *display_name,
                     RexJsonParseFlags   flags,
                     RexDatasetProblem **problem,
                     GError            **error)
{
  g_autoptr(RexJsonDocument) doc = NULL;
  Parser ps = { 0 };
  const char *invalid = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  init_char_class ();

  ps.file = display_name;
  ps.p = data != NULL ? data : "";
  ps.end = ps.p + length;
  ps.line_start = ps.p;
  ps.line = 1;
  ps.flags = flags;
  ps.data = ps.p;

  if (length > G_MAXUINT32 && (flags & REX_JSON_PARSE_COMPACT_VALUES))
    flags = ps.flags = REX_JSON_PARSE_DEFAULT;  /* offsets are 32-bit */

  if (!g_utf8_validate_len (ps.p, length, &invalid))
    {
      guint32 line, column;

      locate (ps.p, invalid, &line, &column);
      if (*invalid == '\0')
        fail_at (&ps, REX_DATASET_ERROR_SYNTAX, line, column,
                 "NUL byte in the file; a JSON text cannot contain one");
      else
        fail_at (&ps, REX_DATASET_ERROR_SYNTAX, line, column,
                 "invalid UTF-8 (byte 0x%02X); the file must be UTF-8 encoded",
                 (guchar) *invalid);
      ok = FALSE;
    }
  else
    {
      /* Tolerated, as RFC 8259 allows: editors on some systems add it. */
      if (length >= 3 && memcmp (ps.p, "\xEF\xBB\xBF", 3) == 0)
        {
          ps.p += 3;
          ps.line_start = ps.p;
        }

      doc = g_new0 (RexJsonDocument, 1);
      doc->index = g_hash_table_new (NULL, NULL);
      doc->positions = g_array_new (FALSE, FALSE, sizeof (Position));
      ps.doc = doc;
      ps.buf = g_string_sized_new (256);
      if (flags & REX_JSON_PARSE_COMPACT_VALUES)
        {
          doc->text = ps.data;
          doc->length = length;
          doc->bom = (guint32) (ps.p - ps.data);
          doc->numbers = g_array_new (FALSE, FALSE, sizeof (RexJsonNumber));
          doc->objects = g_array_new (FALSE, FALSE, sizeof (RexJsonValueObject));
          doc->series = g_array_new (FALSE, FALSE, sizeof (RexJsonSeries));
          doc->arena = rex_series_arena_new ();
          doc->runs = g_hash_table_new (NULL, NULL);
          doc->run_table = g_array_new (FALSE, FALSE, sizeof (SeriesRun));
          doc->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          ps.values_names = g_hash_table_new (NULL, NULL);
          for (guint k = 0; k < N_YEARS; k++)
            ps.scratch[k] = NAN;
        }

      ok = parse_document (&ps);
      if (ok)
        {
          skip_whitespace (&ps);
          if (ps.p < ps.end)
            {
              g_autofree char *what = describe_char (ps.p, ps.end);

              ok = fail (&ps, REX_DATASET_ERROR_SYNTAX, ps.p,
                         "unexpected %s after the end of the JSON document", what);
            }
        }

      g_string_free (ps.buf, TRUE);
      g_clear_pointer (&ps.values_names, g_hash_table_unref);
      /* The table is complete: point the series at their numbers. */
      if (ok && doc->series != NULL)
        for (guint i = 0; i < doc->series->len; i++)
          {
            RexJsonSeries *series = &g_array_index (doc->series, RexJsonSeries, i);
            guint next = i + 1 < doc->series->len
                         ? g_array_index (doc->series, RexJsonSeries, i + 1).numbers_start
                         : doc->numbers->len;

            series->n_numbers = next - series->numbers_start;
            series->numbers = series->n_numbers > 0
                              ? &g_array_index (doc->numbers, RexJsonNumber, series->numbers_start)
                              : NULL;
            next = i + 1 < doc->series->len
                   ? g_array_index (doc->series, RexJsonSeries, i + 1).objects_start
                   : doc->objects->len;
            series->n_objects = next - series->objects_start;
            series->objects = series->n_objects > 0
                              ? &g_array_index (doc->objects, RexJsonValueObject, series->objects_start)
                              : NULL;
          }
      for (guint i = 0; i < G_N_ELEMENTS (ps.stack); i++)
        if (ps.stack[i].key != NULL)
          g_string_free (ps.stack[i].key, TRUE);
    }

  if (!ok)
    {
      g_autoptr(RexDatasetProblem) p = NULL;
      g_autofree char *message = NULL;

      p = rex_dataset_problem_new (display_name, ps.error_line, ps.error_column,
                                   "", ps.error_message);
      message = rex_dataset_problem_to_string (p);
      g_set_error_literal (error, REX_DATASET_ERROR, ps.error_code, message);
      if (problem != NULL)
        *problem = g_steal_pointer (&p);
      g_free (ps.error_message);

      return NULL;
    }

  return g_steal_pointer (&doc);
}
