/* rex-json.h — the model layer's JSON parser.
 *
 * json-glib builds the tree, but its parser recurses without a bound and
 * does not say where a node came from. This one is iterative with a fixed
 * depth limit, strict about RFC 8259, and remembers the line and column of
 * every node so that validation can point at the offending place.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rex-dataset-problem.h"

G_BEGIN_DECLS

typedef struct _RexJsonDocument RexJsonDocument;

/* What the objects at regions[i].values.METRIC become instead of tree
 * nodes. A dataset holds millions of numbers and about a hundred thousand
 * such objects; a JsonNode, a JsonObject, a hash table entry and a position
 * record each cost far more than the number. So their members named by four
 * ASCII digits whose value is a number are gathered by year, and when the
 * object closes make() turns them into whatever the caller keeps (the
 * loader: a RexSeries), one call per object; every other member becomes a
 * RexJsonMember record. */
typedef struct
{
  /* The numbers of years @first_year..@last_year, NaN where a year has
   * none; @name is the member name (metric id). The result is freed with
   * free_func() with the document. */
  gpointer       (*make)      (const char   *name,
                               int           first_year,
                               int           last_year,
                               const double *values,
                               gpointer      user_data);
  GDestroyNotify   free_func;
  gpointer         user_data;
} RexJsonValuesSink;

/* A number member kept out of make(): its series is too sparse to be
 * stored densely. Offsets are in bytes from the start of the parsed data;
 * rex_json_document_get_offset_position() turns them into a line and
 * column. */
typedef struct
{
  double  value;
  guint32 key_offset;    /* the '"' opening the member name */
  guint32 value_offset;
} RexJsonNumber;

typedef enum
{
  REX_JSON_NUMBER,
  REX_JSON_STRING,
  REX_JSON_BOOLEAN,
  REX_JSON_NULL,
  REX_JSON_OBJECT,
  REX_JSON_ARRAY,
} RexJsonType;

typedef struct _RexJsonMember RexJsonMember;

/* A member of a values.METRIC object other than a number named by a year
 * in range, or a member of such a member's object: the value written as an
 * object ({ "value": …, "source": … }), "undated", and whatever else a
 * file holds there, for the loader to check. The contents of arrays and of
 * objects deeper than that are checked for syntax and dropped: only their
 * type is kept. */
struct _RexJsonMember
{
  const char          *name;         /* owned by the document */
  guint32              key_offset;   /* the '"' opening the member name */
  guint32              offset;       /* the value's first character */
  RexJsonType          type;
  double               number;       /* REX_JSON_NUMBER; a boolean's truth */
  const char          *string;       /* REX_JSON_STRING, owned by the document */
  const RexJsonMember *members;      /* a REX_JSON_OBJECT's members, in file order */
  guint                n_members;    /* (only for the values.METRIC object's own members) */
  guint                members_start; /* private */
};

/* One regions[i].values.METRIC object, kept out of the tree. */
typedef struct
{
  const char          *name;         /* the member name (metric id), owned by the document */
  guint32              key_offset;   /* the '"' opening the member name */
  guint32              offset;       /* the '{' opening the object */
  gpointer             series;       /* what make() made of the numbers named by years
                                      * in range, or NULL; the loader may modify it */
  const RexJsonNumber *numbers;      /* such numbers make() did not take, in file order */
  guint                n_numbers;
  const RexJsonMember *values;       /* the other members, in file order */
  guint                n_values;
  guint                numbers_start; /* private */
  guint                values_start;  /* private */
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
/* As rex_json_parse(), with the objects at regions[i].values.METRIC kept
 * out of the tree and handed to @sink (see RexJsonValuesSink); with a NULL
 * @sink, the same as rex_json_parse(). The document
 * refers to @data, which must outlive it. Data over 4 GiB is refused
 * (REX_DATASET_ERROR_TOO_LARGE): the records hold 32-bit offsets. */
RexJsonDocument *rex_json_parse_values            (const char              *data,
                                                   gsize                    length,
                                                   const char              *display_name,
                                                   const RexJsonValuesSink *sink,
                                                   RexDatasetProblem      **problem,
                                                   GError                 **error);
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
/* Year of a number kept out of make(): its name is four ASCII digits. */
int              rex_json_document_get_number_year (RexJsonDocument     *doc,
                                                    const RexJsonNumber *number);
/* Finds the member named by @year in the object of @series by scanning its
 * text again, and sets the offsets of its name and value. The numbers given
 * to make() have no record of their place: only a message needs it, and it
 * costs less to look again than to keep one for each. FALSE when there is
 * no such member. */
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
