/* rex-png-provider.c — image/png of a drawn chart for the clipboard, encoded
 * on demand: Copy Chart hands the pixels over as a texture at once, and
 * the PNG file (with the chart's embedded description, as an export has it)
 * costs nothing until a program pastes it.
 */
#include "config.h"

#include "rex-png-provider.h"

#define PNG_MIME_TYPE "image/png"

struct _RexPngProvider
{
  GdkContentProvider parent_instance;

  /* No chart: the clipboard may hold this long after the chart and its
   * dataset are gone. */
  cairo_surface_t  *image;
  gboolean          transparent;
  char             *description;
  gsize             description_length;
  GBytes           *png;       /* encoded when first asked for */
};

G_DEFINE_FINAL_TYPE (RexPngProvider, rex_png_provider, GDK_TYPE_CONTENT_PROVIDER)

static GdkContentFormats *
rex_png_provider_ref_formats (GdkContentProvider *provider)
{
  return gdk_content_formats_new ((const char *[]) { PNG_MIME_TYPE }, 1);
}

static void
write_done (GObject      *stream,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
rex_png_provider_write_mime_type_async (GdkContentProvider  *provider,
                                        const char          *mime_type,
                                        GOutputStream       *stream,
                                        int                  io_priority,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             data)
{
  RexPngProvider *self = REX_PNG_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, data);
  GError *error = NULL;

  g_task_set_source_tag (task, rex_png_provider_write_mime_type_async);
  g_task_set_priority (task, io_priority);
  if (!g_str_equal (mime_type, PNG_MIME_TYPE))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Cannot provide contents as “%s”", mime_type);
      return;
    }
  if (self->png == NULL)
    self->png = rex_export_encode_png (self->image, self->transparent, self->description,
                                       self->description_length, &error);
  if (self->png == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_output_stream_write_all_async (stream, g_bytes_get_data (self->png, NULL), g_bytes_get_size (self->png),
                                   io_priority, cancellable, write_done, g_steal_pointer (&task));
}

static gboolean
rex_png_provider_write_mime_type_finish (GdkContentProvider  *provider,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rex_png_provider_finalize (GObject *object)
{
  RexPngProvider *self = REX_PNG_PROVIDER (object);

  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_free (self->description);
  g_clear_pointer (&self->png, g_bytes_unref);
  G_OBJECT_CLASS (rex_png_provider_parent_class)->finalize (object);
}

static void
rex_png_provider_class_init (RexPngProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GdkContentProviderClass *provider_class = GDK_CONTENT_PROVIDER_CLASS (klass);

  object_class->finalize = rex_png_provider_finalize;
  provider_class->ref_formats = rex_png_provider_ref_formats;
  provider_class->write_mime_type_async = rex_png_provider_write_mime_type_async;
  provider_class->write_mime_type_finish = rex_png_provider_write_mime_type_finish;
}

static void
rex_png_provider_init (RexPngProvider *self)
{
}

GdkContentProvider *
rex_png_provider_new (RexChart               *chart,
                      cairo_surface_t        *image,
                      const RexExportOptions *options)
{
  RexPngProvider *self;

  g_return_val_if_fail (REX_IS_CHART (chart), NULL);
  g_return_val_if_fail (image != NULL && options != NULL && options->style != NULL, NULL);

  self = g_object_new (REX_TYPE_PNG_PROVIDER, NULL);
  self->image = cairo_surface_reference (image);
  self->transparent = options->style->transparent;
  self->description = rex_export_describe (chart, options, &self->description_length);
  return GDK_CONTENT_PROVIDER (self);
}
