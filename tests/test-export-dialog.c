/* test-export-dialog.c — the Export dialog under Xvfb: built from its
 * template, its preview follows the settings, it writes exactly what the
 * preview shows, closing it cancels the write; the settings' GVariant form,
 * file names and the clipboard copy. Fails without a display. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rex-export-dialog.h"
#include "ui-test-util.h"

typedef struct
{
  RexDataset *dataset;
  RexChart   *chart;
  GtkWindow  *parent;
  char       *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(GError) error = NULL;

  ui_test_reset_settings ();
  f->dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  spec->metric = g_strdup ("score");
  spec->year = 2024;
  f->chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_no_error (error);
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  f->dir = g_dir_make_tmp ("rex-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  gtk_window_destroy (f->parent);
  g_clear_object (&f->chart);
  g_clear_object (&f->dataset);
}

static gpointer
child (RexExportDialog *dialog,
       const char      *name)
{
  return ui_test_template_child (dialog, REX_TYPE_EXPORT_DIALOG, name);
}

/* The texture's pixels in cairo's ARGB32 layout. */
static guint8 *
download (GdkTexture *texture,
          gsize      *stride)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guint8 *pixels;

  *stride = (gsize) w * 4;
  pixels = g_malloc (*stride * h);
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  gsize stride;
  g_autofree guint8 *pixels = download (texture, &stride);

  return *(guint32 *) (pixels + y * stride + x * 4);
}

static void
test_builds_from_template (Fixture       *f,
                           gconstpointer  data)
{
  RexExportDialog *dialog = rex_export_dialog_new (f->parent, f->chart, NULL);
  const RexExportSettings *s = rex_export_dialog_get_settings (dialog);
  GdkTexture *preview;

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->parent);
  g_assert_cmpint (s->format, ==, REX_EXPORT_FORMAT_PNG);
  g_assert_cmpint (s->width, ==, 1200);
  g_assert_cmpint (s->height, ==, 800);
  g_assert_cmpuint (gtk_drop_down_get_selected (child (dialog, "size_dropdown")), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "width_unit")), ==, "px");
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "summary_label")), ==, "Image of 1200 × 800 pixels");

  /* 1200 × 800 laid out, drawn at 0.6 to fit the preview. */
  preview = rex_export_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpint (gdk_texture_get_width (preview), ==, 720);
  g_assert_cmpint (gdk_texture_get_height (preview), ==, 480);
  g_assert_true (gtk_picture_get_paintable (child (dialog, "preview_picture")) == GDK_PAINTABLE (preview));

  gtk_window_present (GTK_WINDOW (dialog));
  g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_preview_follows_settings (Fixture       *f,
                               gconstpointer  data)
{
  RexExportDialog *dialog = rex_export_dialog_new (f->parent, f->chart, NULL);
  const RexExportSettings *s = rex_export_dialog_get_settings (dialog);
  g_autoptr(RexChartStyle) dark = rex_chart_style_new (REX_THEME_DARK);
  g_autoptr(RexChartStyle) light = rex_chart_style_new (REX_THEME_LIGHT);
  GdkTexture *preview;
  guint32 bg;

  /* A preset. */
  gtk_drop_down_set_selected (child (dialog, "size_dropdown"), 1);
  g_assert_cmpint (s->width, ==, 1920);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (dialog, "width_spin")), ==, 1920);
  preview = rex_export_dialog_get_preview (dialog);
  g_assert_cmpint (gdk_texture_get_width (preview), ==, 720);
  g_assert_cmpint (gdk_texture_get_height (preview), ==, 405);

  /* A4 landscape in a PDF is in points. */
  gtk_drop_down_set_selected (child (dialog, "format_dropdown"), REX_EXPORT_FORMAT_PDF);
  gtk_drop_down_set_selected (child (dialog, "size_dropdown"), 2);
  g_assert_cmpint (s->width, ==, 842);
  g_assert_cmpint (s->height, ==, 595);
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "width_unit")), ==, "pt");
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "scale_dropdown")));

  /* A custom size switches the preset to Custom and is drawn 1:1. */
  gtk_drop_down_set_selected (child (dialog, "format_dropdown"), REX_EXPORT_FORMAT_PNG);
  gtk_spin_button_set_value (child (dialog, "width_spin"), 400);
  gtk_spin_button_set_value (child (dialog, "height_spin"), 300);
  g_assert_cmpuint (gtk_drop_down_get_selected (child (dialog, "size_dropdown")), ==, 3);
  preview = rex_export_dialog_get_preview (dialog);
  g_assert_cmpint (gdk_texture_get_width (preview), ==, 400);
  g_assert_cmpint (gdk_texture_get_height (preview), ==, 300);
  bg = 0xff000000u | ((guint32) lround (light->background.r * 255) << 16)
       | ((guint32) lround (light->background.g * 255) << 8) | (guint32) lround (light->background.b * 255);
  g_assert_cmphex (texture_pixel (preview, 2, 2), ==, bg);

  /* Dark style. */
  gtk_drop_down_set_selected (child (dialog, "theme_dropdown"), 1);
  g_assert_cmpint (s->theme, ==, REX_THEME_DARK);
  bg = 0xff000000u | ((guint32) lround (dark->background.r * 255) << 16)
       | ((guint32) lround (dark->background.g * 255) << 8) | (guint32) lround (dark->background.b * 255);
  g_assert_cmphex (texture_pixel (rex_export_dialog_get_preview (dialog), 2, 2), ==, bg);

  /* Transparent background. */
  gtk_check_button_set_active (child (dialog, "transparent_check"), TRUE);
  g_assert_true (s->transparent);
  g_assert_cmphex (texture_pixel (rex_export_dialog_get_preview (dialog), 2, 2) >> 24, ==, 0);

  /* Scale shows in the summary, not in the layout. */
  gtk_drop_down_set_selected (child (dialog, "scale_dropdown"), 2);
  g_assert_cmpint (s->scale, ==, 3);
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "summary_label")), ==, "Image of 1200 × 900 pixels");

  /* CSV: the data as text, no image. */
  gtk_drop_down_set_selected (child (dialog, "format_dropdown"), REX_EXPORT_FORMAT_CSV);
  g_assert_null (rex_export_dialog_get_preview (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (dialog, "preview_stack")), ==, "text");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (child (dialog, "csv_preview")),
                                   "Region id,Region,Year,Score (points),Status,Source\n"));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "width_spin")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  GFile             *file;
  RexExportSettings *settings;
  gboolean           destroyed;
} Exported;

static void
exported_cb (RexExportDialog         *dialog,
             GFile                   *file,
             const RexExportSettings *settings,
             Exported                *out)
{
  out->file = g_object_ref (file);
  out->settings = rex_export_settings_copy (settings);
}

static void
destroyed_cb (GtkWidget *widget,
              Exported  *out)
{
  out->destroyed = TRUE;
}

static gboolean
is_destroyed (gpointer data)
{
  return ((Exported *) data)->destroyed;
}

static void
test_writes_what_preview_shows (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RexExportSettings) settings = rex_export_settings_new ();
  g_autofree char *path = g_build_filename (f->dir, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) preview = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree char *folder_uri = NULL;
  Exported out = { NULL };
  RexExportDialog *dialog;
  cairo_surface_t *png;
  gsize stride;
  int differing = 0;

  settings->width = 640;
  settings->height = 480;
  settings->theme = REX_THEME_DARK;
  dialog = rex_export_dialog_new (f->parent, f->chart, settings);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &out);
  g_signal_connect (dialog, "destroy", G_CALLBACK (destroyed_cb), &out);
  gtk_window_present (GTK_WINDOW (dialog));
  preview = g_object_ref (rex_export_dialog_get_preview (dialog));
  g_assert_cmpint (gdk_texture_get_width (preview), ==, 640);

  rex_export_dialog_export_to (dialog, file);
  g_assert_true (rex_export_dialog_is_busy (dialog));
  ui_test_iterate_until (is_destroyed, &out);

  g_assert_true (g_file_equal (out.file, file));
  folder_uri = g_filename_to_uri (f->dir, NULL, NULL);
  g_assert_cmpstr (out.settings->folder_uri, ==, folder_uri);
  g_assert_cmpint (out.settings->theme, ==, REX_THEME_DARK);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 480);
  pixels = download (preview, &stride);
  for (int y = 0; y < 480; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (png)
                                            + y * cairo_image_surface_get_stride (png));
      const guint32 *b = (const guint32 *) (pixels + y * stride);

      for (int x = 0; x < 640; x++)
        differing += a[x] != b[x];
    }
  g_assert_cmpint (differing, ==, 0);
  cairo_surface_destroy (png);

  g_object_unref (out.file);
  rex_export_settings_free (out.settings);
}

static gboolean
not_busy (gpointer data)
{
  return !rex_export_dialog_is_busy (data);
}

static void
test_close_cancels (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RexExportSettings) settings = rex_export_settings_new ();
  g_autofree char *path = g_build_filename (f->dir, "big.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Exported out = { NULL };
  RexExportDialog *dialog;
  g_autoptr(GDir) dir = NULL;

  settings->width = 3000;
  settings->height = 2000;
  settings->scale = 2;
  dialog = rex_export_dialog_new (f->parent, f->chart, settings);
  g_object_ref (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &out);
  gtk_window_present (GTK_WINDOW (dialog));
  rex_export_dialog_export_to (dialog, file);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_iterate_until (not_busy, dialog);

  g_assert_null (out.file);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));   /* no temporary file either */
  g_object_unref (dialog);
}

static void
test_settings_variant (void)
{
  g_autoptr(RexExportSettings) s = rex_export_settings_new ();
  g_autoptr(RexExportSettings) back = NULL;
  g_autoptr(RexExportSettings) junk = NULL;
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder builder;

  s->format = REX_EXPORT_FORMAT_SVG;
  s->width = 1920;
  s->height = 1080;
  s->scale = 3;
  s->transparent = TRUE;
  s->theme = REX_THEME_DARK;
  s->folder_uri = g_strdup ("file:///tmp/charts");
  variant = g_variant_ref_sink (rex_export_settings_to_variant (s));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE ("a{sv}")));
  back = rex_export_settings_new_from_variant (g_variant_ref (variant));
  g_assert_true (rex_export_settings_equal (s, back));

  /* Damaged values fall back to the defaults, one by one. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "format", g_variant_new_string ("gif"));
  g_variant_builder_add (&builder, "{sv}", "width", g_variant_new_int32 (0));
  g_variant_builder_add (&builder, "{sv}", "height", g_variant_new_string ("800"));
  g_variant_builder_add (&builder, "{sv}", "scale", g_variant_new_int32 (2));
  junk = rex_export_settings_new_from_variant (g_variant_builder_end (&builder));
  g_assert_cmpint (junk->format, ==, REX_EXPORT_FORMAT_PNG);
  g_assert_cmpint (junk->width, ==, 1200);
  g_assert_cmpint (junk->height, ==, 800);
  g_assert_cmpint (junk->scale, ==, 2);
  g_assert_null (junk->folder_uri);

  rex_export_settings_free (rex_export_settings_new_from_variant (NULL));
  rex_export_settings_free (rex_export_settings_new_from_variant (g_variant_new_int32 (3)));
}

static void
test_suggested_names (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RexExportSettings) s = rex_export_settings_new ();
  g_autofree char *name = NULL;
  g_autofree char *taken = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;

  g_assert_null (rex_export_settings_suggest_file (s, f->chart));
  name = rex_export_settings_suggest_name (s, f->chart);
  g_assert_cmpstr (name, ==, "Score.png");

  s->format = REX_EXPORT_FORMAT_PDF;
  s->folder_uri = g_filename_to_uri (f->dir, NULL, NULL);
  taken = g_build_filename (f->dir, "Score.pdf", NULL);
  g_assert_true (g_file_set_contents (taken, "x", 1, NULL));
  file = rex_export_settings_suggest_file (s, f->chart);
  basename = g_file_get_basename (file);
  g_assert_cmpstr (basename, ==, "Score (2).pdf");

  /* A Chinese title keeps its characters: 值 is U+503C, whose low byte is
   * '<', and was taken for one ("生产总-.png"); the ASCII ones that file
   * systems refuse become '-'. */
  {
    static const char json[] =
      "{\"schema\": \"region-explorer/1\", \"title\": \"T\","
      " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
      " \"metrics\": [{\"id\": \"gdp\", \"name\": \"地区生产总值 a/b:c\", \"unit\": \"亿元\", \"source\": \"t\"}],"
      " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"},"
      "  {\"id\": \"CN-BJ\", \"name\": \"Beijing\", \"kind\": \"province\", \"parent\": \"CN\","
      "   \"values\": {\"gdp\": {\"2024\": 49843.1}}}]}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
    g_autoptr(RexDataset) dataset = rex_dataset_new_from_bytes (bytes, "zh.json", NULL, NULL);
    g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
    g_autoptr(RexChart) chart = NULL;
    g_autofree char *zh = NULL;

    g_assert_nonnull (dataset);
    spec->metric = g_strdup ("gdp");
    chart = rex_chart_new (dataset, spec, NULL);
    g_assert_nonnull (chart);
    s->format = REX_EXPORT_FORMAT_PNG;
    zh = rex_export_settings_suggest_name (s, chart);
    g_assert_cmpstr (zh, ==, "地区生产总值 a-b-c.png");
  }
}

typedef struct
{
  GdkTexture *texture;
  GBytes     *png;
  gboolean    done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  ClipboardRead *read = data;

  read->texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static void
png_spliced_cb (GObject      *memory,
                GAsyncResult *result,
                gpointer      data)
{
  ClipboardRead *read = data;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (memory), result, NULL) >= 0)
    read->png = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_object_unref (memory);
  read->done = TRUE;
}

static void
png_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ClipboardRead *read = data;
  g_autoptr(GInputStream) stream = NULL;
  const char *mime_type = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime_type, NULL);
  if (stream == NULL || g_strcmp0 (mime_type, "image/png") != 0)
    {
      read->done = TRUE;
      return;
    }
  g_output_stream_splice_async (g_memory_output_stream_new_resizable (), stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, png_spliced_cb, read);
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

/* Copy Chart offers the drawn pixels as a texture and the PNG file an
 * export writes as image/png: both the same as drawing and exporting the
 * chart here. */
static void
test_clipboard (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  GtkWidget *widget = GTK_WIDGET (f->parent);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 500, 300, scale, style };
  ClipboardRead read = { NULL, NULL, FALSE };
  GdkContentFormats *formats;
  cairo_surface_t *expected;
  g_autoptr(GBytes) expected_png = NULL;
  g_autofree guchar *pixels = NULL;
  int stride;

  g_assert_true (rex_export_copy_to_clipboard (widget, f->chart, style, 500, 300, &error));
  g_assert_no_error (error);
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/png"));
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));

  gdk_clipboard_read_texture_async (clipboard, NULL, clipboard_read_cb, &read);
  ui_test_iterate_until (read_done, &read);
  g_assert_nonnull (read.texture);
  g_assert_cmpint (gdk_texture_get_width (read.texture), ==, 500 * scale);
  g_assert_cmpint (gdk_texture_get_height (read.texture), ==, 300 * scale);
  expected = rex_export_draw_image (f->chart, &options, &error);
  g_assert_no_error (error);
  stride = cairo_image_surface_get_stride (expected);
  pixels = g_malloc ((gsize) stride * 300 * scale);
  gdk_texture_download (read.texture, pixels, stride);
  g_assert_cmpmem (pixels, (gsize) stride * 300 * scale, cairo_image_surface_get_data (expected),
                   (gsize) stride * 300 * scale);
  cairo_surface_destroy (expected);
  g_object_unref (read.texture);

  read.done = FALSE;
  gdk_clipboard_read_async (clipboard, (const char *[]) { "image/png", NULL }, G_PRIORITY_DEFAULT, NULL,
                            png_read_cb, &read);
  ui_test_iterate_until (read_done, &read);
  g_assert_nonnull (read.png);
  expected_png = rex_export_png_bytes (f->chart, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read.png, expected_png));
  g_bytes_unref (read.png);

  /* Too small to draw: an error, and the clipboard is left alone. */
  g_assert_false (rex_export_copy_to_clipboard (widget, f->chart, style, 4, 4, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/export-dialog/builds-from-template", test_builds_from_template);
  ADD ("/export-dialog/preview-follows-settings", test_preview_follows_settings);
  ADD ("/export-dialog/writes-what-preview-shows", test_writes_what_preview_shows);
  ADD ("/export-dialog/close-cancels", test_close_cancels);
  ADD ("/export-dialog/suggested-names", test_suggested_names);
  ADD ("/export-dialog/clipboard", test_clipboard);
#undef ADD
  ui_test_add ("/export-dialog/settings-variant", test_settings_variant);
  return g_test_run ();
}
