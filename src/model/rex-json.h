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

/* Parses @length bytes at @data. On failure returns NULL, sets @error
 * (REX_DATASET_ERROR_SYNTAX, or _TOO_LARGE for a limit) to
 * "DISPLAY_NAME:LINE:COLUMN: message" and, if @problem is not NULL, stores
 * the same problem there. */
RexJsonDocument *rex_json_parse                   (const char         *data,
                                                   gsize               length,
                                                   const char         *display_name,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexJsonDocument, rex_json_document_free)

G_END_DECLS
