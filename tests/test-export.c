/* test-export.c — PNG, SVG, PDF and CSV exports read back and checked, the
 * embedded chart specification round-tripped, and failed writes (read-only
 * folder, full disk, cancellation) shown to leave existing files intact. */
#define _GNU_SOURCE  /* unshare, setresuid */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <locale.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "enum-test-util.h"
#include "rex-render.h"

typedef struct
{
  RexDataset    *dataset;
  RexChartStyle *style;
  RexChart      *chart;
  char          *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(GError) error = NULL;

  f->dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  f->style = rex_chart_style_new (REX_THEME_LIGHT);
  spec->metric = g_strdup ("score");
  spec->year = 2024;
  f->chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("rex-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  g_chmod (dir, 0700);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_assert_finalize_object (f->chart);
  rex_chart_style_free (f->style);
  g_assert_finalize_object (f->dataset);
}

static GFile *
export (Fixture         *f,
        const char      *name,
        RexExportFormat  format,
        double           width,
        double           height,
        double           scale)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  RexExportOptions options = { format, width, height, scale, f->style };
  g_autoptr(GError) error = NULL;

  g_assert_true (rex_export_to_file (f->chart, file, &options, NULL, &error));
  g_assert_no_error (error);
  return file;
}

static char *
load (GFile *file,
      gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, length, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Names in @dir, sorted, joined by spaces: proves no temporary file is left. */
/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + y * stride + x * 4);
}

static guint32
pack (const RexColor *c)
{
  return 0xff000000u | ((guint32) lround (c->r * 255) << 16)
         | ((guint32) lround (c->g * 255) << 8) | (guint32) lround (c->b * 255);
}

/* The chart drawn directly at @scale: what the PNG must contain. */
static cairo_surface_t *
render_direct (Fixture *f,
               double   width,
               double   height,
               double   scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * scale),
                                                         (int) ceil (height * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  rex_chart_draw (f->chart, cr, width, height, f->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_png_size_and_pixels (Fixture       *f,
                          gconstpointer  data)
{
  for (int scale = 1; scale <= 3; scale++)
    {
      g_autofree char *name = g_strdup_printf ("chart@%dx.png", scale);
      g_autoptr(GFile) file = export (f, name, REX_EXPORT_FORMAT_PNG, 600, 400, scale);
      g_autofree char *path = g_file_get_path (file);
      cairo_surface_t *png = cairo_image_surface_create_from_png (path);
      cairo_surface_t *direct;
      RexChartItem first, last;
      int w, h;

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      w = cairo_image_surface_get_width (png);
      h = cairo_image_surface_get_height (png);
      g_assert_cmpint (w, ==, 600 * scale);
      g_assert_cmpint (h, ==, 400 * scale);

      /* Background in the corners, opaque. */
      g_assert_cmphex (pixel_at (png, 1, 1), ==, pack (&f->style->background));
      g_assert_cmphex (pixel_at (png, w - 2, h - 2), ==, pack (&f->style->background));

      /* The first bar (highest value) is drawn in the accent colour left of
       * its anchor; the probe is read in the written file. */
      g_assert_true (rex_chart_get_item (f->chart, 0, &first));
      g_assert_true (rex_chart_get_item (f->chart, 2, &last));
      g_assert_cmphex (pixel_at (png, (int) (first.x * scale) - 6 * scale, (int) (first.y * scale)),
                       !=, pack (&f->style->background));

      /* And the whole image is exactly the renderer's output at that scale. */
      direct = render_direct (f, 600, 400, scale);
      for (int y = 0; y < h; y += 7)
        for (int x = 0; x < w; x += 5)
          g_assert_cmphex (pixel_at (png, x, y), ==, pixel_at (direct, x, y));
      cairo_surface_destroy (direct);
      cairo_surface_destroy (png);
    }
}

static void
test_png_transparent (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *png;
  RexChartItem first;

  f->style->transparent = TRUE;
  file = export (f, "clear.png", REX_EXPORT_FORMAT_PNG, 500, 300, 2);
  path = g_file_get_path (file);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_format (png), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmphex (pixel_at (png, 0, 0) >> 24, ==, 0);
  g_assert_cmphex (pixel_at (png, 999, 599) >> 24, ==, 0);
  g_assert_cmphex (pixel_at (png, 999, 0) >> 24, ==, 0);
  /* The bars themselves stay opaque. */
  g_assert_true (rex_chart_get_item (f->chart, 0, &first));
  g_assert_cmphex (pixel_at (png, (int) (first.x * 2) - 12, (int) (first.y * 2)) >> 24, ==, 0xff);
  cairo_surface_destroy (png);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} ByteReader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  ByteReader *r = closure;

  if (r->length - r->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The IDAT chunks' data: the zlib stream. */
static GByteArray *
png_image_data (GBytes *png)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);
  GByteArray *stream = g_byte_array_new ();

  for (gsize at = 8; at + 12 <= length;)
    {
      guint32 n = (guint32) data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3];

      if (memcmp (data + at + 4, "IDAT", 4) == 0)
        g_byte_array_append (stream, data + at + 8, n);
      at += 12 + n;
    }
  return stream;
}

/* Whether the stream holds an empty stored block on a byte boundary, as a
 * sync flush ends a band: 00 00 FF FF. */
static gboolean
has_sync_flush (GByteArray *stream)
{
  static const guint8 marker[] = { 0x00, 0x00, 0xff, 0xff };

  return memmem (stream->data, stream->len, marker, sizeof marker) != NULL;
}

/* The encoder writes the zlib header and Adler-32 around zlib's raw
 * deflate itself: images of flat runs, noise and translucent pixels, in
 * sizes that take one IDAT chunk or many (rows of 10 bytes to 36 KB), with
 * every row new or in bands of repeated rows (added to the Adler-32 without
 * being filtered again), decode (libpng checks every CRC, zlib the
 * Adler-32) to the pixels drawn, and to the same bytes each time. Images
 * of a million pixels and more are compressed in two bands (a sync flush
 * between them; the lower one's dictionary from one row to a hundred
 * above it, or part of one), the others in one. */
static void
test_png_encoder_round_trip (void)
{
  static const int sizes[][2] = { { 1, 1 }, { 17, 3 }, { 300, 200 }, { 640, 480 }, { 1021, 77 },
                                  { 64, 255 }, { 64, 256 }, { 3, 5001 }, { 9000, 300 },
                                  { 1024, 1023 }, { 2048, 512 }, { 1200, 900 }, { 101, 10400 } };
  GRand *rand = g_rand_new_with_seed (18);

  for (guint i = 0; i < G_N_ELEMENTS (sizes) * 2; i++)
    for (int transparent = 0; transparent < 2; transparent++)
      {
        gboolean banded = i >= G_N_ELEMENTS (sizes);
        int w = sizes[i % G_N_ELEMENTS (sizes)][0], h = sizes[i % G_N_ELEMENTS (sizes)][1];
        cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        guint32 *pixels = (guint32 *) cairo_image_surface_get_data (image);
        int stride = cairo_image_surface_get_stride (image) / 4;
        g_autoptr(GBytes) png = NULL;
        g_autoptr(GBytes) again = NULL;
        g_autoptr(GError) error = NULL;
        ByteReader reader = { NULL, 0, 0 };
        cairo_surface_t *decoded;

        /* Left half noise, right half runs of one colour; translucent
         * pixels only where the image keeps its alpha. */
        for (int y = 0; y < h; y++)
          for (int x = 0; x < w; x++)
            {
              guint32 a = transparent && g_rand_boolean (rand) ? 0 : 0xff;
              guint32 rgb = x < w / 2 ? g_rand_int (rand) & 0xffffff : (guint32) (y / 7) * 0x010203;

              if (banded && y % 3 != 0)
                pixels[y * stride + x] = pixels[(y - 1) * stride + x];
              else
                pixels[y * stride + x] = a == 0 ? 0 : a << 24 | rgb;
            }
        cairo_surface_mark_dirty (image);
        png = rex_export_encode_png (image, transparent, "{}", 2, &error);
        g_assert_no_error (error);
        again = rex_export_encode_png (image, transparent, "{}", 2, &error);
        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (png, again));
        if (!banded && transparent == 0)
          {
            g_autoptr(GByteArray) stream = png_image_data (png);

            g_assert_cmpint (has_sync_flush (stream), ==, (guint64) w * h >= 1u << 20);
          }
        reader.data = g_bytes_get_data (png, &reader.length);
        decoded = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
        g_assert_cmpint (cairo_surface_status (decoded), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (decoded), ==, w);
        g_assert_cmpint (cairo_image_surface_get_height (decoded), ==, h);
        for (int y = 0; y < h; y++)
          for (int x = 0; x < w; x++)
            g_assert_cmphex (pixel_at (decoded, x, y) | (transparent ? 0 : 0xff000000u), ==,
                             pixels[y * stride + x]);
        cairo_surface_destroy (decoded);
        cairo_surface_destroy (image);
      }
  g_rand_free (rand);
}

typedef struct
{
  GString  *title;
  GString  *metadata;
  char     *element;
  char     *width;
  char     *height;
  gboolean  in_title;
  gboolean  in_metadata;
  guint     n_elements;
} SvgInfo;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              data,
           GError              **error)
{
  SvgInfo *info = data;

  info->n_elements++;
  if (g_str_equal (element, "svg"))
    for (guint i = 0; names[i]; i++)
      {
        if (g_str_equal (names[i], "width"))
          info->width = g_strdup (values[i]);
        else if (g_str_equal (names[i], "height"))
          info->height = g_strdup (values[i]);
      }
  info->in_title = g_str_equal (element, "title");
  info->in_metadata = g_str_equal (element, "rex:chart");
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              data,
         GError              **error)
{
  SvgInfo *info = data;

  info->in_title = info->in_metadata = FALSE;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              data,
          GError              **error)
{
  SvgInfo *info = data;

  if (info->in_title)
    g_string_append_len (info->title, text, length);
  if (info->in_metadata)
    g_string_append_len (info->metadata, text, length);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr(GFile) file = export (f, "chart.svg", REX_EXPORT_FORMAT_SVG, 640, 480, 1);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexExportMetadata) metadata = NULL;
  SvgInfo info = { g_string_new (NULL), g_string_new (NULL) };
  gsize length;
  g_autofree char *svg = load (file, &length);

  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (info.width, ==, "640px");
  g_assert_cmpstr (info.height, ==, "480px");
  g_assert_cmpstr (info.title->str, ==, rex_chart_get_title (f->chart));
  g_assert_nonnull (strstr (info.metadata->str, "\"kind\":\"bars\""));
  g_assert_nonnull (strstr (info.metadata->str, "\"metric\":\"score\""));
  g_assert_cmpuint (info.n_elements, >, 20);  /* the drawing itself, not only the header */

  metadata = rex_export_read_metadata (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rex_chart_spec_equal (metadata->spec, rex_chart_get_spec (f->chart)));
  g_assert_cmpfloat (metadata->width, ==, 640);

  g_string_free (info.title, TRUE);
  g_string_free (info.metadata, TRUE);
  g_free (info.width);
  g_free (info.height);
}

/* Like memmem(): a PDF holds binary streams with NUL bytes. */
static const char *
find_bytes (const char *haystack,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

static void
assert_media_box (const char *pdf,
                  gsize       length,
                  double      width,
                  double      height)
{
  const char *box = find_bytes (pdf, length, "/MediaBox");
  double v[4];
  char *end;

  g_assert_nonnull (box);
  box = strchr (box, '[');
  g_assert_nonnull (box);
  box++;
  for (int i = 0; i < 4; i++)
    {
      v[i] = g_ascii_strtod (box, &end);
      g_assert_true (end != box);
      box = end;
    }
  g_assert_cmpfloat (v[0], ==, 0);
  g_assert_cmpfloat (v[1], ==, 0);
  g_assert_cmpfloat_with_epsilon (v[2], width, 0.01);
  g_assert_cmpfloat_with_epsilon (v[3], height, 0.01);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) file = export (f, "chart.pdf", REX_EXPORT_FORMAT_PDF, 720, 360, 1);
  g_autoptr(GFile) a4 = export (f, "a4.pdf", REX_EXPORT_FORMAT_PDF, 841.89, 595.28, 1);
  g_autoptr(RexExportMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *pdf = load (file, &length);
  g_autofree char *pdf_a4 = NULL;

  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  assert_media_box (pdf, length, 720, 360);
  g_assert_nonnull (find_bytes (pdf, length, "/Creator (Region Explorer " PACKAGE_VERSION ")"));

  pdf_a4 = load (a4, &length);
  g_assert_true (g_str_has_prefix (pdf_a4, "%PDF-"));
  assert_media_box (pdf_a4, length, 841.89, 595.28);

  metadata = rex_export_read_metadata (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rex_chart_spec_equal (metadata->spec, rex_chart_get_spec (f->chart)));
  g_assert_cmpstr (metadata->dataset_title, ==, "Export fixture");
}

/* A PDF of a dataset with a Chinese title (a PDF string in UTF-16) reads
 * back with that title. */
static void
test_pdf_chinese_title (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "clusters.json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "chinese.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexExportMetadata) metadata = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) parts = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PDF, 720, 360, 1, f->style };

  g_assert_true (g_file_get_contents (source, &json, NULL, &error));
  g_assert_no_error (error);
  parts = g_strsplit (json, "\"City clusters test\"", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (json);
  json = g_strjoinv ("\"城市群测试\"", parts);
  bytes = g_bytes_new (json, strlen (json));
  dataset = rex_dataset_new_from_bytes (bytes, "clusters.json", NULL, &error);
  g_assert_no_error (error);
  spec->metric = g_strdup ("population");
  spec->year = 2024;
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);
  g_assert_true (rex_export_to_file (chart, file, &options, NULL, &error));
  g_assert_no_error (error);

  metadata = rex_export_read_metadata (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (metadata->dataset_title, ==, "城市群测试");
  g_assert_true (rex_chart_spec_equal (metadata->spec, spec));
}

/* A small RFC 4180 reader: records of fields, CRLF line ends, quoted fields
 * with doubled quotes. Fails the test on anything else. */
static GPtrArray *
parse_csv (const char *text,
           gsize       length)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gsize i = 0;

  while (i < length)
    {
      if (text[i] == '"')
        {
          g_assert_cmpuint (field->len, ==, 0);
          for (i++;; i++)
            {
              g_assert_cmpuint (i, <, length);
              if (text[i] == '"')
                {
                  if (i + 1 < length && text[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i++;
                    }
                  else
                    break;
                }
              else
                g_string_append_c (field, text[i]);
            }
          i++;
          g_assert_true (i == length || text[i] == ',' || text[i] == '\r');
          continue;
        }
      if (text[i] == ',')
        {
          g_ptr_array_add (record, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          i++;
        }
      else if (text[i] == '\r')
        {
          g_assert_cmpint (text[i + 1], ==, '\n');
          g_ptr_array_add (record, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
          i += 2;
        }
      else
        {
          g_assert_cmpint (text[i], !=, '\n');  /* bare LF is not a record end */
          g_string_append_c (field, text[i++]);
        }
    }
  g_assert_cmpuint (record->len, ==, 0);  /* the last record ends with CRLF */
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (record);
  g_string_free (field, TRUE);
  return records;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) file = export (f, "data.csv", REX_EXPORT_FORMAT_CSV, 600, 400, 1);
  g_autoptr(RexChartTable) table = rex_chart_get_table (f->chart);
  g_autoptr(GPtrArray) records = NULL;
  gsize length;
  g_autofree char *csv = load (file, &length);
  GPtrArray *header;
  gboolean quoted_name = FALSE;

  g_assert_true (g_utf8_validate_len (csv, length, NULL));
  g_assert_false (g_str_has_prefix (csv, "\xef\xbb\xbf"));   /* no BOM, as documented */
  g_assert_nonnull (strstr (csv, "\"Sichuan, \"\"Tianfu\"\"\""));

  records = parse_csv (csv, length);
  g_assert_cmpuint (records->len, ==, table->rows->len + 1);
  header = records->pdata[0];
  g_assert_cmpuint (header->len, ==, table->columns->len + 1);
  for (guint i = 0; i < table->columns->len; i++)
    g_assert_cmpstr (header->pdata[i], ==, table->columns->pdata[i]);
  g_assert_cmpstr (header->pdata[table->columns->len], ==, "Source");
  g_assert_nonnull (strstr (header->pdata[3], "(points)"));   /* the unit in the header cell */

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];
      GPtrArray *record = records->pdata[r + 1];

      g_assert_cmpuint (record->len, ==, table->columns->len + 1);
      for (guint i = 0; i < cells->len; i++)
        {
          char *end;
          double v = g_ascii_strtod (cells->pdata[i], &end);

          /* Numbers may be written shorter, but must read back the same. */
          if (*(char *) cells->pdata[i] != '\0' && *end == '\0')
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (record->pdata[i], NULL), v, fabs (v) * 1e-14);
          else
            g_assert_cmpstr (record->pdata[i], ==, cells->pdata[i]);
        }
      g_assert_cmpstr (record->pdata[table->columns->len], ==, "Test Bureau (2024)");
      if (g_str_equal (record->pdata[1], "Sichuan, \"Tianfu\""))
        {
          quoted_name = TRUE;
          g_assert_cmpfloat (g_ascii_strtod (record->pdata[3], NULL), ==, 50);
        }
    }
  g_assert_true (quoted_name);
  /* The values of the dataset, as raw numbers with '.' decimals. */
  g_assert_cmpstr (((GPtrArray *) records->pdata[1])->pdata[0], ==, "CN-JS");
  g_assert_cmpstr (((GPtrArray *) records->pdata[1])->pdata[3], ==, "100");
}

/* Doubles carry binary noise in 17 digits; the CSV has the dataset's decimals. */
static void
test_csv_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) records = NULL;

  dataset = rex_dataset_new_default (&error);
  g_assert_no_error (error);
  spec->metric = g_strdup ("gdp");
  spec->year = 2024;
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);
  bytes = rex_export_csv_bytes (chart, &error);
  g_assert_no_error (error);
  records = parse_csv (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (records->len, >, 30);
  for (guint r = 1; r < records->len; r++)
    {
      const char *value = ((GPtrArray *) records->pdata[r])->pdata[3];
      const char *dot = strchr (value, '.');

      /* GDP in 100 million yuan has at most two decimals in the dataset. */
      g_assert_true (dot == NULL || strlen (dot + 1) <= 2);
    }

  /* A cell as the CSV writes it, without the quoting (what the Table view
   * copies for a spreadsheet). */
  {
    static const struct { const char *field, *cell; } cells[] = {
      { "98565.800000000003", "98565.8" }, { "-5.4", "-5.4" }, { "1e300", "1e300" },
      { "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")" }, { "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0" },
      { "@SUM(A1)", "'@SUM(A1)" }, { "-", "'-" }, { "Guangdong", "Guangdong" }, { "", "" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
      {
        g_autofree char *cell = rex_export_spreadsheet_cell (cells[i].field);
        g_assert_cmpstr (cell, ==, cells[i].cell);
      }
  }
}

static void
test_spec_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const regions[] = { "CN-JS", "CN-XZ", NULL };
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartSpec) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *path = g_build_filename (f->dir, "spec.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexExportMetadata) metadata = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 400, 300, 2, f->style };
  cairo_surface_t *png;

  spec->metric = g_strdup ("score");
  spec->year = 2023;
  spec->color_by = REX_COLOR_BY_MACRO_REGION;
  rex_chart_spec_set_regions (spec, regions);
  chart = rex_chart_new (f->dataset, spec, &error);
  g_assert_no_error (error);
  f->style->theme = REX_THEME_DARK;
  g_assert_true (rex_export_to_file (chart, file, &options, NULL, &error));
  g_assert_no_error (error);

  /* Still a valid PNG for a plain decoder after the chunk was inserted. */
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  cairo_surface_destroy (png);

  read = rex_export_read_spec (file, &title, &checksum, &error);
  g_assert_no_error (error);
  g_assert_true (rex_chart_spec_equal (read, spec));
  g_assert_cmpstr (title, ==, "Export fixture");
  g_assert_cmpstr (checksum, ==, rex_dataset_get_checksum (f->dataset));

  metadata = rex_export_read_metadata (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (metadata->theme, ==, REX_THEME_DARK);
  g_assert_cmpfloat (metadata->width, ==, 400);
  g_assert_cmpfloat (metadata->height, ==, 300);
  g_assert_cmpfloat (metadata->scale, ==, 2);
  g_assert_cmpstr (metadata->app_version, ==, PACKAGE_VERSION);

  /* A vector image records no pixel density, whatever the options held. */
  {
    g_autofree char *svg_path = g_build_filename (f->dir, "spec.svg", NULL);
    g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
    g_autoptr(RexExportMetadata) svg_metadata = NULL;

    options.format = REX_EXPORT_FORMAT_SVG;
    g_assert_true (rex_export_to_file (chart, svg, &options, NULL, &error));
    g_assert_no_error (error);
    svg_metadata = rex_export_read_metadata (svg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (svg_metadata->width, ==, 400);
    g_assert_cmpfloat (svg_metadata->scale, ==, 1);
  }

  /* The restored spec draws the same chart. */
  g_clear_object (&chart);
  chart = rex_chart_new (f->dataset, read, &error);
  g_assert_no_error (error);
}

static guint32
crc32_png (const guint8 *data,
           gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc & 1) ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }
  return crc ^ 0xffffffffu;
}

/* A PNG made of cairo's output with one extra chunk after IHDR. */
static GFile *
png_with_chunk (Fixture      *f,
                const char   *name,
                const char   *type,
                const guint8 *body,
                gsize         length,
                gboolean      good_crc)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 20, 20);
  g_autofree char *plain = g_build_filename (f->dir, "plain.png", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  guint8 be[4];
  guint32 crc;
  gsize size;

  cairo_surface_write_to_png (surface, plain);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (plain, &contents, &size, NULL));
  g_unlink (plain);

  g_byte_array_append (chunk, (const guint8 *) type, 4);
  g_byte_array_append (chunk, body, length);
  crc = crc32_png (chunk->data, chunk->len) ^ (good_crc ? 0 : 1);

  g_byte_array_append (out, (const guint8 *) contents, 33);
  be[0] = length >> 24; be[1] = length >> 16; be[2] = length >> 8; be[3] = length;
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, chunk->data, chunk->len);
  be[0] = crc >> 24; be[1] = crc >> 16; be[2] = crc >> 8; be[3] = crc;
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, (const guint8 *) contents + 33, size - 33);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
  return g_file_new_for_path (path);
}

static GByteArray *
itxt_body (const char *keyword,
           const char *text,
           gsize       length)
{
  GByteArray *body = g_byte_array_new ();
  static const guint8 zeros[5] = { 0 };

  g_byte_array_append (body, (const guint8 *) keyword, strlen (keyword));
  g_byte_array_append (body, zeros, 5);
  g_byte_array_append (body, (const guint8 *) text, length);
  return body;
}

static void
assert_read_fails (GFile *file,
                   int    code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexChartSpec) spec = rex_export_read_spec (file, NULL, NULL, &error);

  g_assert_null (spec);
  g_assert_error (error, REX_EXPORT_ERROR, code);
  if (fragment)
    g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_read_malformed (Fixture       *f,
                     gconstpointer  data)
{
  static const char good[] = "{\"format\":\"region-explorer/chart-1\",\"spec\":{\"kind\":\"bars\",\"metric\":\"score\"}}";
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.png", NULL);
  g_autoptr(GFile) truncated_file = g_file_new_for_path (truncated);
  g_autoptr(GFile) csv = g_file_new_for_path ("/tmp/x.csv");
  g_autofree char *contents = NULL;
  gsize size;

  /* A hand-made chunk in the documented format is read. */
  body = itxt_body (REX_EXPORT_PNG_KEYWORD, good, strlen (good));
  file = png_with_chunk (f, "good.png", "iTXt", body->data, body->len, TRUE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RexChartSpec) spec = rex_export_read_spec (file, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (spec->metric, ==, "score");
  }
  g_clear_object (&file);

  /* A damaged checksum. */
  file = png_with_chunk (f, "crc.png", "iTXt", body->data, body->len, FALSE);
  assert_read_fails (file, REX_EXPORT_ERROR_INVALID, "checksum");
  g_clear_object (&file);
  g_clear_pointer (&body, g_byte_array_unref);

  /* Not JSON; JSON of another format; a bad spec; compressed text. */
  body = itxt_body (REX_EXPORT_PNG_KEYWORD, "{not json", 9);
  file = png_with_chunk (f, "json.png", "iTXt", body->data, body->len, TRUE);
  assert_read_fails (file, REX_EXPORT_ERROR_INVALID, "damaged");
  g_clear_object (&file);
  g_clear_pointer (&body, g_byte_array_unref);

  body = itxt_body (REX_EXPORT_PNG_KEYWORD, "{\"format\":\"other\"}", 18);
  file = png_with_chunk (f, "other.png", "iTXt", body->data, body->len, TRUE);
  assert_read_fails (file, REX_EXPORT_ERROR_INVALID, "region-explorer/chart-1");
  g_clear_object (&file);
  g_clear_pointer (&body, g_byte_array_unref);

  {
    static const char bad_spec[] = "{\"format\":\"region-explorer/chart-1\",\"spec\":{\"kind\":\"pie\"}}";
    body = itxt_body (REX_EXPORT_PNG_KEYWORD, bad_spec, strlen (bad_spec));
    file = png_with_chunk (f, "spec.png", "iTXt", body->data, body->len, TRUE);
    assert_read_fails (file, REX_EXPORT_ERROR_INVALID, "kind");
    g_clear_object (&file);
    g_clear_pointer (&body, g_byte_array_unref);
  }

  body = itxt_body (REX_EXPORT_PNG_KEYWORD, good, strlen (good));
  body->data[strlen (REX_EXPORT_PNG_KEYWORD) + 1] = 1;   /* compression flag */
  file = png_with_chunk (f, "zip.png", "iTXt", body->data, body->len, TRUE);
  assert_read_fails (file, REX_EXPORT_ERROR_INVALID, "compressed");
  g_clear_object (&file);
  g_clear_pointer (&body, g_byte_array_unref);

  /* A chunk over the limit is refused by size, not read. */
  huge = g_malloc0 (REX_EXPORT_MAX_METADATA + 1024);
  memset (huge, ' ', REX_EXPORT_MAX_METADATA + 1024);
  body = itxt_body (REX_EXPORT_PNG_KEYWORD, huge, REX_EXPORT_MAX_METADATA + 1024);
  file = png_with_chunk (f, "huge.png", "iTXt", body->data, body->len, TRUE);
  assert_read_fails (file, REX_EXPORT_ERROR_TOO_LARGE, NULL);
  g_clear_object (&file);
  g_clear_pointer (&body, g_byte_array_unref);

  /* Someone else's text chunk only: no spec. */
  body = itxt_body ("Comment", "hello", 5);
  file = png_with_chunk (f, "comment.png", "iTXt", body->data, body->len, TRUE);
  assert_read_fails (file, REX_EXPORT_ERROR_NO_SPEC, NULL);
  g_clear_object (&file);
  g_clear_pointer (&body, g_byte_array_unref);

  /* A file cut in the middle. */
  g_clear_object (&file);
  file = export (f, "full.png", REX_EXPORT_FORMAT_PNG, 100, 100, 1);
  contents = load (file, &size);
  g_assert_true (g_file_set_contents (truncated, contents, 40, NULL));
  assert_read_fails (truncated_file, REX_EXPORT_ERROR_INVALID, "ends early");

  assert_read_fails (csv, REX_EXPORT_ERROR_NOT_SUPPORTED, NULL);
}

static void
write_precious (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "precious", -1, &error);
  g_assert_no_error (error);
}

static void
assert_precious (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
}

/* Root writes into read-only folders: as root, the test runs in a child
 * process that becomes the unprivileged user "nobody" first. */
#define NOBODY 65534

static void
become_nobody (const char *dir)
{
  g_assert_cmpint (chown (dir, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setresgid (NOBODY, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (setresuid (NOBODY, NOBODY, NOBODY), ==, 0);
  /* Changing users made the process undumpable, and LeakSanitizer reads
   * its threads through ptrace at exit. */
  g_assert_cmpint (prctl (PR_SET_DUMPABLE, 1, 0, 0, 0), ==, 0);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 300, 200, 1, f->style };

  if (geteuid () == 0)
    {
      if (!g_test_subprocess ())
        {
          g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
          g_test_trap_assert_passed ();
          return;
        }
      become_nobody (f->dir);
    }
  g_assert_cmpuint (geteuid (), !=, 0);
  write_precious (path);
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  g_assert_false (rex_export_to_file (f->chart, file, &options, NULL, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  assert_precious (path);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "chart.png");
}

/* A full disk without privileges: the file-size limit makes write() fail
 * part-way with EFBIG, on the real file system, as ENOSPC would. SIGXFSZ
 * is ignored as both programs ignore it (rex_cli_init_process(); test-cli
 * runs the real program under the limit). */
static void
test_write_fails_part_way (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 1200, 800, 2, f->style };
  struct rlimit saved, limited;
  void (*saved_handler) (int);
  gboolean ok;

  write_precious (path);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 16 * 1024;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  ok = rex_export_to_file (f->chart, file, &options, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
  assert_precious (path);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "chart.png");
}

/* Written in place: the files of /proc cannot be replaced. */
static void
write_proc (const char *path,
            const char *contents)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, contents, strlen (contents)), ==, (ssize_t) strlen (contents));
  g_assert_cmpint (close (fd), ==, 0);
}

/* A user namespace of the process's own, where it is root and may mount a
 * file system of its own: how a user without privileges gets a small
 * tmpfs. The process must have one thread. */
static void
enter_user_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();
  g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) uid);
  g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) gid);

  if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
    g_error ("Neither root nor allowed user namespaces (unshare: %s): a small tmpfs cannot be mounted",
             g_strerror (errno));
  write_proc ("/proc/self/setgroups", "deny");
  write_proc ("/proc/self/uid_map", uid_map);
  write_proc ("/proc/self/gid_map", gid_map);
}

/* A real full disk: a 64 KiB tmpfs, mounted by root, or, for a user, in a
 * user namespace of a child process. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "small", NULL);
  g_autofree char *path = g_build_filename (mnt, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 1600, 1000, 2, f->style };

  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  if (mount ("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0)
    {
      if (!g_test_subprocess ())
        {
          g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
          g_test_trap_assert_passed ();
          g_rmdir (mnt);
          return;
        }
      enter_user_namespace ();
      g_assert_cmpint (mount ("tmpfs", mnt, "tmpfs", 0, "size=64k"), ==, 0);
    }
  write_precious (path);
  g_assert_false (rex_export_to_file (f->chart, file, &options, NULL, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  assert_precious (path);
  listing = list_dir (mnt);
  g_assert_cmpstr (listing, ==, "chart.png");
  g_assert_cmpint (umount (mnt), ==, 0);
  g_rmdir (mnt);
}

static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PDF, 300, 200, 1, f->style };

  write_precious (path);
  g_cancellable_cancel (cancellable);
  g_assert_false (rex_export_to_file (f->chart, file, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_precious (path);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "chart.pdf");
}

/* The slow writer: this program's write() is the C library's, except that
 * once armed, the first write into the export's temporary file cancels the
 * export as it returns, so the cancellation lands mid-file every time, however
 * fast the disk and however busy the machine. */
static GCancellable *cancel_on_write;
static const char *cancel_on_write_prefix;
static gboolean cancelled_mid_write;

static gboolean
fd_has_prefix (int         fd,
               const char *prefix)
{
  char link[64], target[4096];
  ssize_t n;
  const char *base;

  g_snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, target, sizeof target - 1);
  if (n <= 0)
    return FALSE;
  target[n] = '\0';
  base = strrchr (target, '/');
  return base != NULL && g_str_has_prefix (base + 1, prefix);
}

ssize_t write (int fd, const void *buf, size_t count);

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  ssize_t n = syscall (SYS_write, fd, buf, count);
  int saved_errno = errno;

  if (cancel_on_write != NULL && n > 0 && fd_has_prefix (fd, cancel_on_write_prefix))
    {
      GCancellable *cancellable = g_steal_pointer (&cancel_on_write);

      cancelled_mid_write = (size_t) n < 8 * 1024 * 1024;
      g_cancellable_cancel (cancellable);
    }
  errno = saved_errno;
  return n;
}

/* Arms the slow writer: the first write into a temporary file named
 * @temporary_prefix… cancels @cancellable. */
static void
cancel_on_first_write (const char   *temporary_prefix,
                       GCancellable *cancellable)
{
  cancelled_mid_write = FALSE;
  cancel_on_write_prefix = temporary_prefix;
  cancel_on_write = cancellable;
}

/* A write that the slow writer cancelled (@ok, @error) after part of the
 * file was written: the file at @path is as it was, the folder holds
 * nothing else (@name alone). */
static void
assert_cancelled_mid_write (Fixture      *f,
                            gboolean      ok,
                            const GError *error,
                            const char   *path,
                            const char   *name)
{
  g_autofree char *listing = NULL;

  cancel_on_write = NULL;
  g_assert_true (cancelled_mid_write);
  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_precious (path);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, name);
}

static void
test_cancelled_while_writing (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  /* Eight of the writer's 1 MiB chunks. */
  const gsize size = 8 * 1024 * 1024;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  write_precious (path);
  cancel_on_first_write (".big.bin.", cancellable);
  ok = rex_export_write_atomically (file, bytes, cancellable, &error);
  assert_cancelled_mid_write (f, ok, error, path, "big.bin");
}

/* The data CSV of the bundled dataset (1.7 MB: more than one of the
 * pieces it is written in) over an existing file: every value a line under
 * the header, and the file keeps its permissions. Cancelled after its first
 * piece is written, the existing file stays as it was and no temporary file
 * is left. */
static void
test_data_csv_pieces (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "data.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;
  struct stat st;
  gboolean ok;

  dataset = rex_dataset_new_default (&error);
  g_assert_no_error (error);
  write_precious (path);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (rex_export_dataset_csv (dataset, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1024 * 1024);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "region,region_zh,region_id,"));
  /* The header, a line a value, and the empty string after the last. */
  g_assert_cmpuint (g_strv_length (lines), ==, rex_dataset_count_values (dataset) + 2);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  write_precious (path);
  cancel_on_first_write (".data.csv.", cancellable);
  ok = rex_export_dataset_csv (dataset, file, cancellable, &error);
  assert_cancelled_mid_write (f, ok, error, path, "data.csv");
}

/* One export, as the command line makes it, in a fresh process (a child of
 * test_fonts_prepared()): the fonts loaded beforehand on their own thread
 * while the dataset loads, or not; the bytes go to the file the parent
 * names in REX_TEST_FONTS_OUT. */
static void
test_fonts_prepared_child (void)
{
  const char *out = g_getenv ("REX_TEST_FONTS_OUT");
  const char *which = g_getenv ("REX_TEST_FONTS_CASE");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(RexExportFonts) fonts = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 1920, 1080, 1, style };

  if (!g_test_subprocess () || out == NULL || which == NULL)
    return;
  if (g_str_has_prefix (which, "svg"))
    options.format = REX_EXPORT_FORMAT_SVG;
  if (g_str_has_prefix (which, "png2"))
    options.scale = 2;
  if (g_str_has_suffix (which, "-begun"))
    rex_export_fonts_begin ();
  if (g_str_has_suffix (which, "-prepared") || g_str_has_suffix (which, "-begun"))
    fonts = rex_export_fonts_prepare (&options);
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&fonts, rex_export_fonts_wait);
  spec->metric = g_strdup ("score");
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);
  bytes = rex_export_to_bytes (chart, &options, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Fonts loaded on another thread before the chart exists change nothing
 * drawn, nor does the font map made before anything else
 * (rex_export_fonts_begin()): PNG at scales 1 and 2 and SVG are the same
 * bytes with and without them, each made in a fresh process so that no
 * font is loaded before. */
static void
test_fonts_prepared (void)
{
  static const char * const cases[] = { "png1", "png2", "svg" };
  static const char * const ways[] = { "", "-prepared", "-begun" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rex-export-fonts-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *contents[G_N_ELEMENTS (ways)] = { NULL, };
      gsize lengths[G_N_ELEMENTS (ways)] = { 0, };

      for (guint prepared = 0; prepared < G_N_ELEMENTS (ways); prepared++)
        {
          g_autofree char *which = g_strdup_printf ("%s%s", cases[i], ways[prepared]);
          g_autofree char *out = g_build_filename (dir, which, NULL);

          g_setenv ("REX_TEST_FONTS_OUT", out, TRUE);
          g_setenv ("REX_TEST_FONTS_CASE", which, TRUE);
          g_test_trap_subprocess ("/export/fonts/prepared/child", 120 * G_USEC_PER_SEC,
                                  G_TEST_SUBPROCESS_INHERIT_STDERR);
          g_test_trap_assert_passed ();
          g_assert_true (g_file_get_contents (out, &contents[prepared], &lengths[prepared], &error));
          g_assert_no_error (error);
          g_unlink (out);
        }
      g_assert_cmpuint (lengths[0], >, 1000);
      for (guint way = 1; way < G_N_ELEMENTS (ways); way++)
        g_assert_cmpmem (contents[0], lengths[0], contents[way], lengths[way]);
      for (guint way = 0; way < G_N_ELEMENTS (ways); way++)
        g_free (contents[way]);
    }
  g_unsetenv ("REX_TEST_FONTS_OUT");
  g_unsetenv ("REX_TEST_FONTS_CASE");
  g_rmdir (dir);
}

static void
test_size_limits (void)
{
  /* Images below 16 units a side are refused with a message, not drawn. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_file (file, NULL, NULL, NULL);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_PNG, 8, 8, 1, style };

  spec->metric = g_strdup ("score");
  chart = rex_chart_new (dataset, spec, &error);
  g_assert_no_error (error);
  bytes = rex_export_to_bytes (chart, &options, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
  g_clear_error (&error);

  /* A side may be as long as Cairo draws, 32767 units, and no longer. */
  options.format = REX_EXPORT_FORMAT_SVG;
  options.width = 16;
  options.height = 32767;
  g_bytes_unref (rex_export_to_bytes (chart, &options, NULL, &error));
  g_assert_no_error (error);
  options.height = 32768;
  g_assert_null (rex_export_to_bytes (chart, &options, NULL, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
}

static void
test_format_names (void)
{
  RexExportFormat format;

  g_assert_true (rex_export_format_from_filename ("A.SVG", &format));
  g_assert_cmpint (format, ==, REX_EXPORT_FORMAT_SVG);
  g_assert_false (rex_export_format_from_filename ("a.gif", &format));
  g_assert_true (rex_export_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, REX_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (rex_export_format_get_mime_type (REX_EXPORT_FORMAT_PDF), ==, "application/pdf");
  g_assert_false (rex_export_format_from_string ("last", &format));
  g_assert_false (rex_export_format_from_filename ("a.last", &format));
}

/* The names chart descriptions and the command line use (docs/export.md,
 * --help); the values that only count the others have none. */
static void
test_enum_names (void)
{
  RexChartKind kind;
  RexMapMode map_mode;
  RexSharesMode shares_mode;
  RexTheme theme;

  assert_enum_names (REX_TYPE_CHART_KIND, "bars lines shares bubbles map progress table");
  assert_enum_names (REX_TYPE_COLOR_BY, "none macro-region cluster");
  assert_enum_names (REX_TYPE_MAP_MODE, "tiles geo");
  assert_enum_names (REX_TYPE_SHARES_MODE, "donut stacked composition");
  assert_enum_names (REX_TYPE_THEME, "light dark");
  assert_enum_names (REX_TYPE_EXPORT_FORMAT, "png svg pdf csv");
  g_assert_true (rex_chart_kind_from_string ("progress", &kind));
  g_assert_cmpint (kind, ==, REX_CHART_KIND_PROGRESS);
  g_assert_cmpstr (rex_chart_kind_to_string (REX_CHART_KIND_TABLE), ==, "table");
  g_assert_true (rex_map_mode_from_string ("geo", &map_mode));
  g_assert_cmpint (map_mode, ==, REX_MAP_MODE_GEO);
  g_assert_false (rex_map_mode_from_string ("Geo", &map_mode));
  g_assert_true (rex_shares_mode_from_string ("composition", &shares_mode));
  g_assert_cmpint (shares_mode, ==, REX_SHARES_MODE_COMPOSITION);
  g_assert_true (rex_theme_from_string ("dark", &theme));
  g_assert_cmpint (theme, ==, REX_THEME_DARK);
  g_assert_cmpstr (rex_theme_to_string (REX_THEME_LIGHT), ==, "light");
  g_assert_false (rex_theme_from_string (NULL, &theme));
}

/* Exporting over a symbolic link writes the file it points to and keeps the
 * link; a dangling link's file is created; a loop of links is refused and
 * destroys nothing. */
static void
test_symbolic_links (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *real = g_build_filename (f->dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.csv", NULL);
  g_autofree char *chain = g_build_filename (f->dir, "chain.csv", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "dangling.csv", NULL);
  g_autofree char *created = g_build_filename (f->dir, "created.csv", NULL);
  g_autofree char *loop_a = g_build_filename (f->dir, "loop-a.csv", NULL);
  g_autofree char *loop_b = g_build_filename (f->dir, "loop-b.csv", NULL);
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GFile) chain_file = g_file_new_for_path (chain);
  g_autoptr(GFile) dangling_file = g_file_new_for_path (dangling);
  g_autoptr(GFile) loop_file = g_file_new_for_path (loop_a);
  g_autoptr(GError) error = NULL;
  RexExportOptions options = { REX_EXPORT_FORMAT_CSV, 600, 400, 1, f->style };
  struct stat st;

  write_precious (real);
  g_assert_cmpint (symlink ("real.csv", link), ==, 0);
  g_assert_cmpint (symlink (link, chain), ==, 0);
  g_assert_cmpint (symlink ("created.csv", dangling), ==, 0);
  g_assert_cmpint (symlink ("loop-b.csv", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a.csv", loop_b), ==, 0);

  /* Through one link and through a chain of two, relative and absolute. */
  g_assert_true (rex_export_to_file (f->chart, link_file, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.csv");
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "Region id,"));
  g_clear_pointer (&contents, g_free);

  write_precious (real);
  g_assert_true (rex_export_to_file (f->chart, chain_file, &options, NULL, &error));
  g_assert_cmpint (g_lstat (chain, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "Region id,"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (rex_export_to_file (f->chart, dangling_file, &options, NULL, &error));
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (created, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "Region id,"));

  g_assert_false (rex_export_to_file (f->chart, loop_file, &options, NULL, &error));
  g_assert_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT);
  g_assert_cmpint (g_lstat (loop_a, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* No temporary file left behind by any of them. */
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "chain.csv created.csv dangling.csv link.csv loop-a.csv loop-b.csv real.csv");
}

/* A byte that is not UTF-8 inside an SVG's description: GMarkup quotes it
 * in its message, which must still be valid UTF-8 when shown (found by
 * fuzz-export-spec). */
static void
test_svg_invalid_utf8 (void)
{
  static const char svg[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
    "<metadata><rex:chart xmlns:rex=\"urn:io.github.regionexplorer:chart:1\">{\"format\":\"\xb3\"}"
    "</rex:chart></metadata></svg>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg, sizeof svg - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexExportMetadata) metadata = rex_export_read_metadata_from_bytes (bytes, REX_EXPORT_FORMAT_SVG,
                                                                               "chart.svg", &error);

  g_assert_null (metadata);
  g_assert_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, "chart.svg: the chart description is damaged: "));
}

/* An image's embedded description gives back every member of the spec that
 * made it, each set away from its default, compared member by member (not
 * with the code's own equality). */
/* A spec of an unknown kind is refused and the member named, whatever its
 * table_of says; so is a table of an unknown kind, or a table of a table. */
static void
test_spec_validate_kinds (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
  const char *member = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rex_chart_spec_validate (spec, &member, NULL));
  spec->kind = REX_CHART_KIND_LAST;
  g_assert_false (rex_chart_spec_validate (spec, &member, &error));
  g_assert_cmpstr (member, ==, "kind");
  g_assert_nonnull (error);
  g_clear_error (&error);
  spec->kind = REX_CHART_KIND_TABLE;
  spec->table_of = REX_CHART_KIND_LAST;
  g_assert_false (rex_chart_spec_validate (spec, &member, NULL));
  g_assert_cmpstr (member, ==, "table_of");
  spec->table_of = REX_CHART_KIND_TABLE;
  g_assert_false (rex_chart_spec_validate (spec, &member, NULL));
  g_assert_cmpstr (member, ==, "table_of");
  spec->table_of = REX_CHART_KIND_BARS;
  g_assert_true (rex_chart_spec_validate (spec, &member, NULL));
}

static void
test_spec_every_member (void)
{
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(RexChartSpec) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  spec->metric = g_strdup ("m");
  spec->x_metric = g_strdup ("x");
  spec->y_metric = g_strdup ("y");
  spec->size_metric = g_strdup ("s");
  spec->year = 2020;
  spec->year_fraction = 0.25;
  rex_chart_spec_set_regions (spec, (const char * const []) { "a", "b", NULL });
  spec->region_kind = REX_REGION_KIND_CITY_CLUSTER;
  spec->hide_missing = TRUE;
  spec->base_year = 2010;
  spec->from_year = 2012;
  spec->to_year = 2018;
  spec->relative = TRUE;
  spec->log_x = TRUE;
  spec->log_y = TRUE;
  spec->trails = TRUE;
  spec->fit = TRUE;
  spec->both_years = TRUE;
  spec->color_by = REX_COLOR_BY_CLUSTER;
  spec->map_mode = REX_MAP_MODE_GEO;
  spec->continuous = TRUE;
  spec->shares_mode = REX_SHARES_MODE_COMPOSITION;
  spec->table_of = REX_CHART_KIND_PROGRESS;

  node = rex_chart_spec_to_json (spec);
  back = rex_chart_spec_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->kind, ==, REX_CHART_KIND_BUBBLES);
  g_assert_cmpstr (back->metric, ==, "m");
  g_assert_cmpstr (back->x_metric, ==, "x");
  g_assert_cmpstr (back->y_metric, ==, "y");
  g_assert_cmpstr (back->size_metric, ==, "s");
  g_assert_cmpint (back->year, ==, 2020);
  g_assert_cmpfloat (back->year_fraction, ==, 0.25);
  g_assert_nonnull (back->regions);
  g_assert_cmpstr (back->regions[0], ==, "a");
  g_assert_cmpstr (back->regions[1], ==, "b");
  g_assert_null (back->regions[2]);
  g_assert_cmpint (back->region_kind, ==, REX_REGION_KIND_CITY_CLUSTER);
  g_assert_true (back->hide_missing);
  g_assert_cmpint (back->base_year, ==, 2010);
  g_assert_cmpint (back->from_year, ==, 2012);
  g_assert_cmpint (back->to_year, ==, 2018);
  g_assert_true (back->relative);
  g_assert_true (back->log_x);
  g_assert_true (back->log_y);
  g_assert_true (back->trails);
  g_assert_true (back->fit);
  g_assert_true (back->both_years);
  g_assert_cmpint (back->color_by, ==, REX_COLOR_BY_CLUSTER);
  g_assert_cmpint (back->map_mode, ==, REX_MAP_MODE_GEO);
  g_assert_true (back->continuous);
  g_assert_cmpint (back->shares_mode, ==, REX_SHARES_MODE_COMPOSITION);
  g_assert_cmpint (back->table_of, ==, REX_CHART_KIND_PROGRESS);

  /* Specs that differ in their kind or one metric are not equal: "Export
   * Again" and the restored view tell such charts apart. */
  g_assert_true (rex_chart_spec_equal (spec, back));
  for (guint member = 0; member < 4; member++)
    {
      g_autoptr(RexChartSpec) other = rex_chart_spec_copy (spec);
      char **field[] = { &other->metric, &other->x_metric, &other->y_metric };

      if (member == 3)
        other->kind = REX_CHART_KIND_LINES;
      else
        {
          g_free (*field[member]);
          *field[member] = g_strdup ("other");
        }
      g_assert_false (rex_chart_spec_equal (spec, other));
    }
  /* Trails are written only when on, so charts without them describe
   * themselves as they did before trails existed. */
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "trails"));
  spec->trails = FALSE;
  g_assert_false (rex_chart_spec_equal (spec, back));
  g_clear_pointer (&node, json_node_unref);
  node = rex_chart_spec_to_json (spec);
  g_assert_false (json_object_has_member (json_node_get_object (node), "trails"));
  /* Likewise the fit line. */
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "fit"));
  spec->fit = FALSE;
  g_clear_pointer (&node, json_node_unref);
  node = rex_chart_spec_to_json (spec);
  g_assert_false (json_object_has_member (json_node_get_object (node), "fit"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/export/png/size-and-pixels", test_png_size_and_pixels);
  ADD ("/export/png/transparent", test_png_transparent);
  g_test_add_func ("/export/png/encoder-round-trip", test_png_encoder_round_trip);
  ADD ("/export/svg", test_svg);
  ADD ("/export/pdf", test_pdf);
  ADD ("/export/pdf/chinese-title", test_pdf_chinese_title);
  ADD ("/export/csv", test_csv);
  ADD ("/export/spec/round-trip", test_spec_round_trip);
  ADD ("/export/spec/malformed", test_read_malformed);
  ADD ("/export/safe/read-only-folder", test_read_only_folder);
  ADD ("/export/safe/write-fails-part-way", test_write_fails_part_way);
  ADD ("/export/safe/full-disk", test_full_disk);
  ADD ("/export/safe/cancelled-before", test_cancelled_before);
  ADD ("/export/safe/cancelled-while-writing", test_cancelled_while_writing);
  ADD ("/export/safe/data-csv-pieces", test_data_csv_pieces);
  ADD ("/export/safe/symbolic-links", test_symbolic_links);
#undef ADD
  g_test_add_func ("/export/size-limits", test_size_limits);
  g_test_add_func ("/export/fonts/prepared", test_fonts_prepared);
  g_test_add_func ("/export/fonts/prepared/child", test_fonts_prepared_child);
  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/enum-names", test_enum_names);
  g_test_add_func ("/export/csv-numbers", test_csv_numbers);
  g_test_add_func ("/export/spec/svg-invalid-utf8", test_svg_invalid_utf8);
  g_test_add_func ("/export/spec/every-member", test_spec_every_member);
  g_test_add_func ("/export/spec/validate-kinds", test_spec_validate_kinds);
  return g_test_run ();
}
