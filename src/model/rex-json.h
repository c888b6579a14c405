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

G_BEGIN_DECLS

typedef struct _RexJsonDocument RexJsonDocument;

typedef enum
{
  REX_JSON_PARSE_DEFAULT = 0,
  /* Members of the objects at regions[i].values.METRIC whose name is four
   * ASCII digits and whose value is a number are not put in the tree but in
   * a compact table (see rex_json_document_get_numbers()): a dataset holds
   * millions of them, and a JsonNode, a hash table entry and a position
   * record each cost far more than the number. Everything else, including
   * values written as objects, stays in the tree. */
  REX_JSON_PARSE_COMPACT_VALUES = 1 << 0,
} RexJsonParseFlags;

/* A number member kept out of the tree. Offsets are in bytes from the start
 * of the parsed data; rex_json_document_get_offset_position() turns them into
 * a line and column. */
typedef struct
{
  double  value;
  guint32 key_offset;    /* the '"' opening the member name */
  guint32 value_offset;
} RexJsonNumber;

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

/* The number members of object @node kept out of the tree, in file order;
 * NULL with *@n_numbers = 0 when there are none. */
const RexJsonNumber *rex_json_document_get_numbers (RexJsonDocument  *doc,
                                                    JsonNode         *node,
                                                    guint            *n_numbers);
/* Year of a compact member: its name is four ASCII digits. */
int              rex_json_document_get_number_year (RexJsonDocument     *doc,
                                                    const RexJsonNumber *number);
/* Line and column (1-based, columns in characters) of a byte offset. */
void             rex_json_document_get_offset_position (RexJsonDocument *doc,
                                                        guint32          offset,
                                                        int             *line,
                                                        int             *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexJsonDocument, rex_json_document_free)

G_END_DECLS
