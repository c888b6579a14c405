/* rex-export-private.h — what the export files share inside the render
 * layer. Not installed, not used outside src/render.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Appends @field (NULL: an empty cell) as an RFC 4180 CSV field: quoted
 * where it holds a comma, a quote or a line break, a text a spreadsheet
 * would run as a formula behind a single quote, a number with binary noise
 * written to 15 significant digits. */
void rex_export_csv_append_field (GString    *out,
                                  const char *field);

/* The eight bytes every PNG file starts with. */
extern const guint8 rex_export_png_signature[8];

/* @surface (ARGB32, premultiplied) as a PNG file, with or without its
 * alpha, the chart description @text in an iTXt chunk. */
GBytes *rex_export_png_encode (cairo_surface_t  *surface,
                               gboolean          alpha,
                               const char       *text,
                               gsize             text_length,
                               GError          **error);

G_END_DECLS
