/* rex-json.h — the model layer's JSON parser.
 *
 * json-glib builds the tree, but its parser recurses without a bound and
 * does not say where a node came from. This one is iterative with a fixed
 * depth limit, strict about RFC 8259, and remembers the line and column of
 * every node so that validation can point at the offending place.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rex-dataset.h"
#include "rex-series.h"

G_BEGIN_DECLS

typedef struct _RexJsonDocument RexJsonDocument;

typedef enum
{
  REX_JSON_PARSE_DEFAULT = 0,
  /* The objects at regions[i].values.METRIC are not put in the tree: their
   * members named by four ASCII digits whose value is a number go straight
   * into a RexSeries (one allocation per series, none per value), and a
   * RexJsonSeries record stands for the object (see
   * rex_json_document_get_series()). A dataset holds millions of such
   * numbers and about a hundred thousand such objects; a JsonNode, a
   * JsonObject, a hash table entry and a position record each cost far
   * more than the number. Values written as objects in their plain form
   * become RexJsonValueObject records; members of any other form (names
   * that are not years, objects with other members or types) stay
   * JsonNodes, in an object of their own. */
  REX_JSON_PARSE_COMPACT_VALUES = 1 << 0,
} RexJsonParseFlags;

/* A number member kept out of the tree and out of the series: its year is
 * outside REX_YEAR_MIN..REX_YEAR_MAX, or its series is too sparse to be
 * stored densely at parse time. Offsets are in bytes from the start of the
 * parsed data; rex_json_document_get_offset_position() turns them into a
 * line and column. */
typedef struct
{
  double  value;
  guint32 key_offset;    /* the '"' opening the member name */
  guint32 value_offset;
} RexJsonNumber;

/* The string members a value written as an object may have. */
typedef enum
{
  REX_JSON_VALUE_SOURCE,
  REX_JSON_VALUE_QUALIFIER,
  REX_JSON_VALUE_STATUS,
  REX_JSON_VALUE_DATE,
  REX_JSON_VALUE_NOTE,
  REX_JSON_VALUE_N_STRINGS
} RexJsonValueString;

/* A value written as an object with a year in range, kept out of the tree
 * when it has the plain form: a finite number "value" and, at most once
 * each, the string members above, and nothing else. Any other object stays
 * in the tree (in the series' extra object), where the loader reports what
 * is wrong with it. */
typedef struct
{
  double   value;
  int      year;
  guint32  offset;                              /* the '{' opening the object */
  char    *strings[REX_JSON_VALUE_N_STRINGS];   /* NULL when absent */
  guint32  string_offsets[REX_JSON_VALUE_N_STRINGS];
} RexJsonValueObject;

/* One regions[i].values.METRIC object, kept out of the tree. */
typedef struct
{
  const char          *name;         /* the member name (metric id), owned by the document */
  guint32              key_offset;   /* the '"' opening the member name */
  guint32              offset;       /* the '{' opening the object */
  RexSeries           *series;       /* the plain numbers with years in range (source
                                      * 0, qualifier and status unset), or NULL; owned by
                                      * the document, which the loader may modify */
  const RexJsonNumber *numbers;      /* the other plain numbers, in file order */
  guint                n_numbers;
  const RexJsonValueObject *objects; /* the values written as plain objects, in file order */
  guint                n_objects;
  JsonNode            *extra;        /* an object of the other members, or NULL; its
                                      * position is the object's */
  guint                numbers_start; /* private */
  guint                objects_start; /* private */
} RexJsonSeries;

/* Parses @length bytes at @data. On failure returns NULL, sets @error
 * (REX_DATASET_ERROR_SYNTAX, or _TOO_LARGE for a limit) to
 * "DISPLAY_NAME:LINE:COLUMN: message" and, if @problem is not NULL, stores
 * the same problem there. */
RexJsonDocument *rex_json_parse                   (const char         *data,
                                                   gsize               length,
                                                   const char         *display_name,
                                                   RexDatasetProblem **problem,
                                                   GError            **error);
/* As rex_json_parse(), with @flags. With REX_JSON_PARSE_COMPACT_VALUES the
 * document refers to @data, which must outlive it. */
RexJsonDocument *rex_json_parse_full              (const char         *data,
                                                   gsize               length,
                                                   const char         *display_name,
                                                   RexJsonParseFlags   flags,
                                                   RexDatasetProblem **problem,
                                                   GError            **error);
void             rex_json_document_free           (RexJsonDocument    *doc);
JsonNode        *rex_json_document_get_root       (RexJsonDocument    *doc);
/* Where @node begins (1-based line and column, in characters). FALSE when
 * @node is not from @doc. */
gboolean         rex_json_document_get_position   (RexJsonDocument    *doc,
                                                   JsonNode           *node,
                                                   int                *line,
                                                   int                *column);
/* Where the member name of which @node is the value begins; falls back to
 * the node's own position for array elements and the root. */
gboolean         rex_json_document_get_key_position (RexJsonDocument  *doc,
                                                     JsonNode         *node,
                                                     int              *line,
                                                     int              *column);

/* The values.METRIC objects of object @node (a regions[i].values object)
 * kept out of the tree, in file order; NULL with *@n_series = 0 when there
 * are none. */
RexJsonSeries   *rex_json_document_get_series     (RexJsonDocument    *doc,
                                                   JsonNode           *node,
                                                   guint              *n_series);
/* Year of a compact member: its name is four ASCII digits. */
int              rex_json_document_get_number_year (RexJsonDocument     *doc,
                                                    const RexJsonNumber *number);
/* Finds the member named by @year in the object of @series by scanning its
 * text again (only needed for messages), and sets the offsets of its name
 * and value. FALSE when there is no such member. */
gboolean         rex_json_document_find_year      (RexJsonDocument     *doc,
                                                   const RexJsonSeries *series,
                                                   int                  year,
                                                   guint32             *key_offset,
                                                   guint32             *value_offset);
/* Line and column (1-based, columns in characters) of a byte offset. */
void             rex_json_document_get_offset_position (RexJsonDocument *doc,
                                                        guint32          offset,
                                                        int             *line,
                                                        int             *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexJsonDocument, rex_json_document_free)

G_END_DECLS
