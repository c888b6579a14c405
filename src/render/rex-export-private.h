/* rex-export-private.h — what the export files share inside the render
 * layer. Not installed, not used outside src/render.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @field (NULL: an empty cell) as an RFC 4180 CSV field: quoted
 * where it holds a comma, a quote or a line break, a text a spreadsheet
 * would run as a formula behind a single quote, a number with binary noise
 * written to 15 significant digits. */
void rex_export_csv_append_field (GString    *out,
                                  const char *field);

G_END_DECLS
