/* rex-png-provider.h — a clipboard content provider offering a drawn chart
 * as image/png, encoded only when a program asks for it.
 */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_PNG_PROVIDER (rex_png_provider_get_type ())
G_DECLARE_FINAL_TYPE (RexPngProvider, rex_png_provider, REX, PNG_PROVIDER, GdkContentProvider)

/* @image is @chart drawn by rex_export_draw_image() with @options; the
 * provider keeps a reference to the image and the chart's description, not
 * the chart. */
GdkContentProvider *rex_png_provider_new (RexChart               *chart,
                                          cairo_surface_t        *image,
                                          const RexExportOptions *options);

G_END_DECLS
