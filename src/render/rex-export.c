/* rex-export.c — PNG (and further formats) through one renderer, written
 * with g_file_replace so a failure never damages an existing file. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-export.h"

#define MAX_PIXELS (16384.0 * 16384.0)

gboolean
rex_export_format_from_filename (const char      *filename,
                                 RexExportFormat *format)
{
  static const struct { const char *ext; RexExportFormat format; } map[] = {
    { ".png", REX_EXPORT_FORMAT_PNG },
    { ".svg", REX_EXPORT_FORMAT_SVG },
    { ".pdf", REX_EXPORT_FORMAT_PDF },
    { ".csv", REX_EXPORT_FORMAT_CSV },
  };
  g_autofree char *lower = g_ascii_strdown (filename, -1);

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_has_suffix (lower, map[i].ext))
      {
        *format = map[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
rex_export_format_to_string (RexExportFormat format)
{
  static const char * const names[] = { "png", "svg", "pdf", "csv" };

  g_return_val_if_fail (format < REX_EXPORT_FORMAT_LAST, NULL);
  return names[format];
}

static gboolean
check_size (const RexExportOptions  *options,
            GError                 **error)
{
  double scale = options->scale > 0 ? options->scale : 1.0;
  double pixels = options->width * scale * options->height * scale;

  if (!(options->width >= 16 && options->height >= 16) || !isfinite (pixels)
      || pixels > MAX_PIXELS || options->width * scale > 32767 || options->height * scale > 32767)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                   _("Cannot export at %g × %g (scale %g): width and height must be at least 16 "
                     "and the image at most 16384 × 16384 pixels"),
                   options->width, options->height, scale);
      return FALSE;
    }
  return TRUE;
}

static cairo_surface_t *
render_image (RexChart               *chart,
              const RexExportOptions *options,
              GError                **error)
{
  double scale = options->scale > 0 ? options->scale : 1.0;
  int w = (int) ceil (options->width * scale);
  int h = (int) ceil (options->height * scale);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!check_size (options, error))
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                   _("Cannot create a %d × %d image: %s"), w, h,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  rex_chart_draw (chart, cr, options->width, options->height, options->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
rex_export_png_bytes (RexChart               *chart,
                      const RexExportOptions *options,
                      GError                **error)
{
  cairo_surface_t *surface = render_image (chart, options, error);
  GByteArray *buffer;
  cairo_status_t status;

  if (surface == NULL)
    return NULL;
  buffer = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, buffer);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (buffer);
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                   _("Cannot encode the PNG image: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (buffer);
}

/* Writes @bytes to @file through a temporary file renamed into place. */
static gboolean
write_atomically (GFile         *file,
                  GBytes        *bytes,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                   _("Cannot write “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
rex_export_to_file (RexChart               *chart,
                    GFile                  *file,
                    const RexExportOptions *options,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (REX_IS_CHART (chart), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (options != NULL && options->style != NULL, FALSE);

  switch (options->format)
    {
    case REX_EXPORT_FORMAT_PNG:
      bytes = rex_export_png_bytes (chart, options, error);
      break;
    case REX_EXPORT_FORMAT_SVG:
    case REX_EXPORT_FORMAT_PDF:
    case REX_EXPORT_FORMAT_CSV:
    case REX_EXPORT_FORMAT_LAST:
    default:
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                   _("Export to %s is not available yet; use a .png file name"),
                   rex_export_format_to_string (options->format));
      return FALSE;
    }
  if (bytes == NULL)
    return FALSE;
  return write_atomically (file, bytes, cancellable, error);
}
