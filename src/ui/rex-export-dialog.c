/* rex-export-dialog.c — the Export dialog: format, size, scale, background
 * and style, a preview drawn by the same code that writes the file, a
 * portal-friendly file chooser, and the write in a worker thread that closing
 * the dialog cancels. Also the small helpers the window needs around exports.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rex-a11y.h"
#include "rex-export-dialog.h"
#include "rex-dialog-fit.h"
#include "rex-focus-guard.h"
#include "rex-png-provider.h"

/* The preview is drawn at the export's layout size but at most this many
 * pixels, so typing 16384 into the width does not allocate a gigabyte. */
#define PREVIEW_MAX_WIDTH 720.0
#define PREVIEW_MAX_HEIGHT 540.0
#define CSV_PREVIEW_LINES 40

/* --- settings --- */

G_DEFINE_BOXED_TYPE (RexExportSettings, rex_export_settings,
                     rex_export_settings_copy, rex_export_settings_free)

RexExportSettings *
rex_export_settings_new (void)
{
  RexExportSettings *self = g_new0 (RexExportSettings, 1);

  self->format = REX_EXPORT_FORMAT_PNG;
  self->width = 1200;
  self->height = 800;
  self->scale = 1;
  self->theme = REX_THEME_LIGHT;
  return self;
}

RexExportSettings *
rex_export_settings_copy (const RexExportSettings *self)
{
  RexExportSettings *copy = g_memdup2 (self, sizeof *self);

  copy->folder_uri = g_strdup (self->folder_uri);
  return copy;
}

void
rex_export_settings_free (RexExportSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->folder_uri);
  g_free (self);
}

gboolean
rex_export_settings_equal (const RexExportSettings *a,
                           const RexExportSettings *b)
{
  return a->format == b->format && a->width == b->width && a->height == b->height
      && a->scale == b->scale && !a->transparent == !b->transparent && a->theme == b->theme
      && g_strcmp0 (a->folder_uri, b->folder_uri) == 0;
}

GVariant *
rex_export_settings_to_variant (const RexExportSettings *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "format",
                         g_variant_new_string (rex_export_format_to_string (self->format)));
  g_variant_builder_add (&builder, "{sv}", "width", g_variant_new_int32 (self->width));
  g_variant_builder_add (&builder, "{sv}", "height", g_variant_new_int32 (self->height));
  g_variant_builder_add (&builder, "{sv}", "scale", g_variant_new_int32 (self->scale));
  g_variant_builder_add (&builder, "{sv}", "transparent", g_variant_new_boolean (self->transparent));
  g_variant_builder_add (&builder, "{sv}", "theme", g_variant_new_string (rex_theme_to_string (self->theme)));
  if (self->folder_uri != NULL)
    g_variant_builder_add (&builder, "{sv}", "folder", g_variant_new_string (self->folder_uri));
  return g_variant_builder_end (&builder);
}

RexExportSettings *
rex_export_settings_new_from_variant (GVariant *variant)
{
  RexExportSettings *self = rex_export_settings_new ();
  g_autoptr(GVariant) owned = variant ? g_variant_ref_sink (variant) : NULL;
  GVariantDict dict;
  const char *str;
  gboolean b;
  int i;

  if (owned == NULL || !g_variant_is_of_type (owned, G_VARIANT_TYPE_VARDICT))
    return self;
  g_variant_dict_init (&dict, owned);
  if (g_variant_dict_lookup (&dict, "format", "&s", &str))
    rex_export_format_from_string (str, &self->format);
  if (g_variant_dict_lookup (&dict, "width", "i", &i) && i >= 16 && i <= 16384)
    self->width = i;
  if (g_variant_dict_lookup (&dict, "height", "i", &i) && i >= 16 && i <= 16384)
    self->height = i;
  if (g_variant_dict_lookup (&dict, "scale", "i", &i) && i >= 1 && i <= 3)
    self->scale = i;
  if (g_variant_dict_lookup (&dict, "transparent", "b", &b))
    self->transparent = b;
  if (g_variant_dict_lookup (&dict, "theme", "&s", &str))
    rex_theme_from_string (str, &self->theme);
  if (g_variant_dict_lookup (&dict, "folder", "&s", &str) && *str)
    self->folder_uri = g_strdup (str);
  g_variant_dict_clear (&dict);
  return self;
}

void
rex_export_settings_to_options (const RexExportSettings *self,
                                RexChartStyle           *style,
                                RexExportOptions        *options)
{
  style->transparent = self->transparent;
  options->format = self->format;
  options->width = self->width;
  options->height = self->height;
  options->scale = self->format == REX_EXPORT_FORMAT_PNG ? self->scale : 1;
  options->style = style;
}

char *
rex_export_settings_suggest_name (const RexExportSettings *self,
                                  RexChart                *chart)
{
  const char *title = chart ? rex_chart_get_title (chart) : NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *trimmed = NULL;

  /* Characters that Windows, macOS or FAT file systems refuse, so a chart
   * saved to a USB stick keeps its name. */
  for (const char *p = title ? title : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  trimmed = g_utf8_substring (name->str, 0, MIN (g_utf8_strlen (name->str, -1), 100));
  g_strstrip (trimmed);
  while (trimmed[0] == '.')
    memmove (trimmed, trimmed + 1, strlen (trimmed));
  if (*trimmed == '\0')
    {
      g_free (trimmed);
      /* Translators: file name of an exported chart without a title */
      trimmed = g_strdup (_("chart"));
    }
  return g_strdup_printf ("%s.%s", trimmed, rex_export_format_to_string (self->format));
}

GFile *
rex_export_settings_suggest_file (const RexExportSettings *settings,
                                  RexChart                *chart)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  const char *ext;
  GFile *file;

  g_return_val_if_fail (settings != NULL, NULL);

  if (settings->folder_uri == NULL)
    return NULL;
  folder = g_file_new_for_uri (settings->folder_uri);
  name = rex_export_settings_suggest_name (settings, chart);
  file = g_file_get_child (folder, name);
  ext = strrchr (name, '.');
  for (guint n = 2; g_file_query_exists (file, NULL) && n < 10000; n++)
    {
      g_autofree char *stem = g_strndup (name, ext - name);
      g_autofree char *numbered = g_strdup_printf ("%s (%u)%s", stem, n, ext);

      g_object_unref (file);
      file = g_file_get_child (folder, numbered);
    }
  return file;
}

/* --- writing in a worker thread --- */

typedef struct
{
  RexChart         *chart;   /* a private copy: drawing lays out, which must not race the view */
  GFile            *file;
  RexChartStyle    *style;
  RexExportOptions  options;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->chart);
  g_clear_object (&job->file);
  g_clear_pointer (&job->style, rex_chart_style_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (rex_export_to_file (job->chart, job->file, &job->options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rex_export_chart_async (RexChart                *chart,
                        GFile                   *file,
                        const RexExportSettings *settings,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ExportJob *job;

  g_return_if_fail (REX_IS_CHART (chart));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (settings != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rex_export_chart_async);
  g_task_set_name (task, "rex-export");
  job = g_new0 (ExportJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  job->chart = rex_chart_copy (chart, &error);
  if (job->chart == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->file = g_object_ref (file);
  job->style = rex_chart_style_new (settings->theme);
  /* Numbers as the chart on screen writes them. */
  job->style->number_format = rex_chart_get_number_format (chart);
  rex_export_settings_to_options (settings, job->style, &job->options);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rex_export_chart_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- clipboard, open, show in folder --- */

/* The pixels of @image as a texture, sharing them (for the clipboard and
 * the preview): cairo's ARGB32 is GDK_MEMORY_DEFAULT. */
static GdkTexture *
texture_for_image (cairo_surface_t *image)
{
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  g_autoptr(GBytes) pixels = NULL;

  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (image), (gsize) stride * height,
                                       (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (image));
  return gdk_memory_texture_new (cairo_image_surface_get_width (image), height, GDK_MEMORY_DEFAULT,
                                 pixels, stride);
}

gboolean
rex_export_copy_to_clipboard (GtkWidget            *widget,
                              RexChart             *chart,
                              const RexChartStyle  *style,
                              int                   width,
                              int                   height,
                              GError              **error)
{
  g_autoptr(RexChart) copy = NULL;
  g_autoptr(RexChartStyle) style_copy = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  cairo_surface_t *image;
  GdkContentProvider *providers[2];
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, width, height, 1, NULL };

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (REX_IS_CHART (chart), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  copy = rex_chart_copy (chart, error);
  if (copy == NULL)
    return FALSE;
  style_copy = rex_chart_style_copy (style);
  options.style = style_copy;
  /* Sharp on HiDPI screens and when pasted into documents. */
  options.scale = CLAMP (gtk_widget_get_scale_factor (widget), 1, 3);
  image = rex_export_draw_image (copy, &options, error);
  if (image == NULL)
    return FALSE;
  /* The drawn pixels as they are, and the PNG file (with the chart's
   * description) only when a program asks for image/png: the PNG provider
   * comes first in the union, so it serves that type, not GDK's encoder. */
  texture = texture_for_image (image);
  providers[0] = rex_png_provider_new (copy, image, &options);
  providers[1] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
  cairo_surface_destroy (image);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  return gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

void
rex_export_open_file (GtkWindow *parent,
                      GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

/* Where no file manager answers on the bus (or the sandbox does not let
 * us talk to it): the folder opened instead, through the portal when
 * sandboxed. */
static void
open_folder_of (GtkWindow *parent,
                GFile     *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);

  if (folder != NULL)
    rex_export_open_file (parent, folder);
}

typedef struct
{
  GtkWindow *parent;
  GFile     *file;
} ShowItems;

static void
show_items_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ShowItems *data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_debug ("ShowItems failed (%s); opening the folder", error->message);
      open_folder_of (data->parent, data->file);
    }
  g_clear_object (&data->parent);
  g_object_unref (data->file);
  g_free (data);
}

void
rex_export_show_in_folder (GtkWindow *parent,
                           GFile     *file)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };
  ShowItems *data;

  if (bus == NULL)
    {
      open_folder_of (parent, file);
      return;
    }
  data = g_new0 (ShowItems, 1);
  data->parent = parent ? g_object_ref (parent) : NULL;
  data->file = g_object_ref (file);
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, show_items_done, data);
}

/* --- the dialog --- */

struct _RexExportDialog
{
  GtkWindow          parent_instance;

  RexChart          *chart;       /* the dialog's own copy, drawn by the preview */
  RexExportSettings *settings;
  GCancellable      *cancellable; /* of the write in progress */
  GFile             *pending_file; /* what it writes */
  GdkTexture        *preview;
  GtkFileChooserNative *chooser;
  gboolean           updating;    /* set while the controls are filled in */

  GtkDropDown       *format_dropdown;
  GtkDropDown       *size_dropdown;
  GtkSpinButton     *width_spin;
  GtkSpinButton     *height_spin;
  GtkLabel          *width_unit;
  GtkLabel          *height_unit;
  GtkDropDown       *scale_dropdown;
  GtkDropDown       *theme_dropdown;
  GtkCheckButton    *transparent_check;
  GtkLabel          *summary_label;
  GtkLabel          *error_label;
  GtkStack          *preview_stack;
  GtkPicture        *preview_picture;
  GtkLabel          *csv_preview;
  GtkButton         *export_button;
  GtkSpinner        *spinner;
};

G_DEFINE_FINAL_TYPE (RexExportDialog, rex_export_dialog, GTK_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct { int width, height; } size_presets[] = {
  { 1200, 800 },
  { 1920, 1080 },
  { 842, 595 },   /* A4 landscape: 297 × 210 mm in points */
};
#define SIZE_CUSTOM G_N_ELEMENTS (size_presets)

static void
show_error (RexExportDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_summary (RexExportDialog *self)
{
  const RexExportSettings *s = self->settings;
  g_autofree char *text = NULL;

  switch (s->format)
    {
    case REX_EXPORT_FORMAT_PNG:
      /* Translators: e.g. "Image of 2400 × 1600 pixels" */
      text = g_strdup_printf (_("Image of %d × %d pixels"), s->width * s->scale, s->height * s->scale);
      break;
    case REX_EXPORT_FORMAT_SVG:
      text = g_strdup_printf (_("Scalable drawing, %d × %d pixels at 100 %%"), s->width, s->height);
      break;
    case REX_EXPORT_FORMAT_PDF:
      /* Translators: e.g. "One page of 842 × 595 points (297 × 210 mm)" */
      text = g_strdup_printf (_("One page of %d × %d points (%.0f × %.0f mm)"), s->width, s->height,
                              s->width * 25.4 / 72.0, s->height * 25.4 / 72.0);
      break;
    case REX_EXPORT_FORMAT_CSV:
    case REX_EXPORT_FORMAT_LAST:
    default:
      text = g_strdup (_("The data behind the chart: comma-separated, UTF-8, units in the column titles"));
      break;
    }
  gtk_label_set_text (self->summary_label, text);
}

static void
update_preview (RexExportDialog *self)
{
  const RexExportSettings *s = self->settings;
  g_autoptr(RexChartStyle) style = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double density;
  int w, h;

  g_clear_object (&self->preview);
  if (self->chart == NULL)
    return;

  if (s->format == REX_EXPORT_FORMAT_CSV)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) csv = rex_export_csv_bytes (self->chart, &error);
      g_autoptr(GString) text = g_string_new (NULL);
      const char *p, *end;
      guint lines = 0;

      if (csv == NULL)
        g_string_assign (text, error->message);
      else
        {
          p = g_bytes_get_data (csv, NULL);
          end = p + g_bytes_get_size (csv);
          for (; p < end && lines < CSV_PREVIEW_LINES; p++)
            {
              if (*p == '\r')
                continue;
              g_string_append_c (text, *p);
              if (*p == '\n')
                lines++;
            }
          if (p < end)
            g_string_append (text, "…");
        }
      gtk_label_set_text (self->csv_preview, text->str);
      gtk_picture_set_paintable (self->preview_picture, NULL);
      gtk_stack_set_visible_child_name (self->preview_stack, "text");
      return;
    }

  /* Laid out at the export size, rasterized at a lower density when large:
   * the same layout, text wrapping and proportions as the file. */
  density = MIN (1.0, MIN (PREVIEW_MAX_WIDTH / s->width, PREVIEW_MAX_HEIGHT / s->height));
  w = MAX (1, (int) ceil (s->width * density));
  h = MAX (1, (int) ceil (s->height * density));
  style = rex_chart_style_new (s->theme);
  style->transparent = s->transparent;
  style->number_format = rex_chart_get_number_format (self->chart);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, density, density);
  rex_chart_draw (self->chart, cr, s->width, s->height, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  self->preview = texture_for_image (surface);
  cairo_surface_destroy (surface);

  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (self->preview));
  gtk_stack_set_visible_child_name (self->preview_stack, "image");
}

static void
update_sensitivity (RexExportDialog *self)
{
  const RexExportSettings *s = self->settings;
  gboolean image = s->format != REX_EXPORT_FORMAT_CSV;
  /* Translators: short unit after the width/height fields */
  const char *unit = s->format == REX_EXPORT_FORMAT_PDF ? _("pt") : _("px");

  gtk_widget_set_sensitive (GTK_WIDGET (self->size_dropdown), image);
  gtk_widget_set_sensitive (GTK_WIDGET (self->width_spin), image);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height_spin), image);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_dropdown), s->format == REX_EXPORT_FORMAT_PNG);
  gtk_widget_set_sensitive (GTK_WIDGET (self->theme_dropdown), image);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transparent_check), image);
  gtk_label_set_text (self->width_unit, unit);
  gtk_label_set_text (self->height_unit, unit);
}

static void
refresh (RexExportDialog *self)
{
  update_sensitivity (self);
  update_summary (self);
  update_preview (self);
  show_error (self, NULL);
}

static guint
find_size_preset (int width,
                  int height)
{
  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    if (size_presets[i].width == width && size_presets[i].height == height)
      return i;
  return SIZE_CUSTOM;
}

static void
sync_widgets (RexExportDialog *self)
{
  const RexExportSettings *s = self->settings;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->format_dropdown, s->format);
  gtk_spin_button_set_value (self->width_spin, s->width);
  gtk_spin_button_set_value (self->height_spin, s->height);
  gtk_drop_down_set_selected (self->size_dropdown, find_size_preset (s->width, s->height));
  gtk_drop_down_set_selected (self->scale_dropdown, s->scale - 1);
  gtk_drop_down_set_selected (self->theme_dropdown, s->theme == REX_THEME_DARK ? 1 : 0);
  gtk_check_button_set_active (self->transparent_check, s->transparent);
  self->updating = FALSE;
  refresh (self);
}

static void
settings_changed_cb (RexExportDialog *self)
{
  RexExportSettings *s = self->settings;
  guint format = gtk_drop_down_get_selected (self->format_dropdown);

  if (self->updating)
    return;
  if (format < REX_EXPORT_FORMAT_LAST)
    s->format = format;
  s->scale = CLAMP ((int) gtk_drop_down_get_selected (self->scale_dropdown) + 1, 1, 3);
  s->theme = gtk_drop_down_get_selected (self->theme_dropdown) == 1 ? REX_THEME_DARK : REX_THEME_LIGHT;
  s->transparent = gtk_check_button_get_active (self->transparent_check);
  refresh (self);
}

static void
size_changed_cb (RexExportDialog *self)
{
  if (self->updating)
    return;
  self->settings->width = gtk_spin_button_get_value_as_int (self->width_spin);
  self->settings->height = gtk_spin_button_get_value_as_int (self->height_spin);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->size_dropdown,
                              find_size_preset (self->settings->width, self->settings->height));
  self->updating = FALSE;
  refresh (self);
}

static void
size_preset_changed_cb (RexExportDialog *self)
{
  guint preset = gtk_drop_down_get_selected (self->size_dropdown);

  if (self->updating || preset >= G_N_ELEMENTS (size_presets))
    return;
  self->settings->width = size_presets[preset].width;
  self->settings->height = size_presets[preset].height;
  self->updating = TRUE;
  gtk_spin_button_set_value (self->width_spin, self->settings->width);
  gtk_spin_button_set_value (self->height_spin, self->settings->height);
  self->updating = FALSE;
  refresh (self);
}

static void
set_busy (RexExportDialog *self,
          gboolean         busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RexExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (!rex_export_chart_finish (result, &error))
    {
      /* Cancelled means the dialog was closed: nothing to say. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);

    g_free (self->settings->folder_uri);
    self->settings->folder_uri = folder ? g_file_get_uri (folder) : NULL;
  }
  g_signal_emit (self, signals[EXPORTED], 0, file, self->settings);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
rex_export_dialog_export_to (RexExportDialog *self,
                             GFile           *file)
{
  g_return_if_fail (REX_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL || self->chart == NULL)
    return;
  show_error (self, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->pending_file, file);
  rex_export_chart_async (self->chart, file, self->settings, self->cancellable,
                          export_done, g_object_ref (self));
}

static GFile *
with_extension (GFile           *file,
                RexExportFormat  format)
{
  g_autofree char *basename = g_file_get_basename (file);
  RexExportFormat named;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  if (basename != NULL && rex_export_format_from_filename (basename, &named) && named == format)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  name = g_strdup_printf ("%s.%s", basename ? basename : "chart", rex_export_format_to_string (format));
  return parent ? g_file_get_child (parent, name) : g_object_ref (file);
}

static void
chooser_response_cb (RexExportDialog      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) file = chosen ? with_extension (chosen, self->settings->format) : NULL;

      if (file != NULL)
        rex_export_dialog_export_to (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_clicked_cb (RexExportDialog *self)
{
  g_autofree char *name = rex_export_settings_suggest_name (self->settings, self->chart);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", rex_export_format_to_string (self->settings->format));

  if (self->chooser != NULL || self->cancellable != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (self->settings->folder_uri != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (self->settings->folder_uri);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  gtk_file_filter_set_name (filter, gtk_string_object_get_string (
                              GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (self->format_dropdown))));
  gtk_file_filter_add_mime_type (filter, rex_export_format_get_mime_type (self->settings->format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
rex_export_dialog_close_request (GtkWindow *window)
{
  RexExportDialog *self = REX_EXPORT_DIALOG (window);

  /* The worker removes its temporary file when it sees the cancellation. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_hide (GTK_NATIVE_DIALOG (self->chooser));
  return GTK_WINDOW_CLASS (rex_export_dialog_parent_class)->close_request (window);
}

static void
rex_export_dialog_dispose (GObject *object)
{
  RexExportDialog *self = REX_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->chooser);
  g_clear_object (&self->chart);
  g_clear_object (&self->preview);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (rex_export_dialog_parent_class)->dispose (object);
}

static void
rex_export_dialog_finalize (GObject *object)
{
  RexExportDialog *self = REX_EXPORT_DIALOG (object);

  rex_export_settings_free (self->settings);
  G_OBJECT_CLASS (rex_export_dialog_parent_class)->finalize (object);
}

static void
rex_export_dialog_class_init (RexExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rex_export_dialog_dispose;
  object_class->finalize = rex_export_dialog_finalize;
  window_class->close_request = rex_export_dialog_close_request;

  /**
   * RexExportDialog::exported:
   * @file: the file written
   * @settings: (type RexExportSettings): the settings used, with the folder
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_FILE, REX_TYPE_EXPORT_SETTINGS | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/regionexplorer/RegionExplorer/rex-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, width_unit);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, height_unit);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, scale_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, transparent_check);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, csv_preview);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, RexExportDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_preset_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_export_dialog_init (RexExportDialog *self)
{
  self->settings = rex_export_settings_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  rex_focus_guard_attach (GTK_WINDOW (self));
  rex_a11y_name_drop_downs (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
}

RexExportDialog *
rex_export_dialog_new (GtkWindow               *parent,
                       RexChart                *chart,
                       const RexExportSettings *settings)
{
  RexExportDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REX_IS_CHART (chart), NULL);

  self = g_object_new (REX_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  rex_dialog_fit_parent (GTK_WINDOW (self));
  self->chart = rex_chart_copy (chart, &error);
  if (self->chart == NULL)
    {
      /* The window's chart was valid a moment ago; say why if it is not. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
      show_error (self, error->message);
    }
  if (settings != NULL)
    {
      rex_export_settings_free (self->settings);
      self->settings = rex_export_settings_copy (settings);
    }
  sync_widgets (self);
  if (self->chart == NULL)
    show_error (self, error->message);
  return self;
}

const RexExportSettings *
rex_export_dialog_get_settings (RexExportDialog *self)
{
  g_return_val_if_fail (REX_IS_EXPORT_DIALOG (self), NULL);
  return self->settings;
}

void
rex_export_dialog_set_settings (RexExportDialog         *self,
                                const RexExportSettings *settings)
{
  g_return_if_fail (REX_IS_EXPORT_DIALOG (self));
  g_return_if_fail (settings != NULL);

  rex_export_settings_free (self->settings);
  self->settings = rex_export_settings_copy (settings);
  sync_widgets (self);
}

GdkTexture *
rex_export_dialog_get_preview (RexExportDialog *self)
{
  g_return_val_if_fail (REX_IS_EXPORT_DIALOG (self), NULL);
  return self->preview;
}

gboolean
rex_export_dialog_is_busy (RexExportDialog *self)
{
  g_return_val_if_fail (REX_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}
