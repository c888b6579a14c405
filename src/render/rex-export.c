/* rex-export.c — PNG, SVG, PDF and CSV through one renderer, written through
 * a temporary file renamed into place so a failure never damages an existing
 * file; the chart specification travels inside the images (docs/export.md).
 */
/* memmem() */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <zlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "rex-export.h"
#include "rex-export-private.h"
#include "rex-json.h"

#define MAX_PIXELS (16384.0 * 16384.0)
/* Page sizes above this are refused by PDF viewers (Acrobat's limit). */
#define MAX_PDF_POINTS 14400.0
#define WRITE_CHUNK (1024 * 1024)
/* How far into an SVG we look for the metadata, and how much of a PDF's tail. */
#define MAX_SVG_SCAN (64 * 1024 * 1024)
#define PDF_TAIL (4 * 1024 * 1024)

#define SVG_METADATA_NS "urn:io.github.regionexplorer:chart:1"
#define SVG_METADATA_ELEMENT "rex:chart"

G_DEFINE_QUARK (rex-export-error-quark, rex_export_error)

gboolean
rex_export_format_from_filename (const char      *filename,
                                 RexExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (filename, -1);

  for (guint i = 0; i < REX_EXPORT_FORMAT_LAST; i++)
    {
      g_autofree char *ext = g_strconcat (".", rex_export_format_to_string (i), NULL);

      if (g_str_has_suffix (lower, ext))
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

REX_DEFINE_ENUM_NAMES (rex_export_format, RexExportFormat, REX_TYPE_EXPORT_FORMAT)

const char *
rex_export_format_get_mime_type (RexExportFormat format)
{
  static const char * const types[] = { "image/png", "image/svg+xml", "application/pdf", "text/csv" };

  g_return_val_if_fail (format < REX_EXPORT_FORMAT_LAST, NULL);
  return types[format];
}

/* --- rendering --- */

static gboolean
check_size (const RexExportOptions  *options,
            GError                 **error)
{
  double scale = options->format == REX_EXPORT_FORMAT_PNG && options->scale > 0 ? options->scale : 1.0;
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
  if (options->format == REX_EXPORT_FORMAT_PDF
      && (options->width > MAX_PDF_POINTS || options->height > MAX_PDF_POINTS))
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                   _("Cannot export a PDF page of %g × %g points: at most %g points a side"),
                   options->width, options->height, MAX_PDF_POINTS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *what,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  /* Translators: the first %s is a file format (PNG, SVG, PDF) */
  g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
               _("Cannot write the %s: %s"), what, cairo_status_to_string (status));
  return FALSE;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

#ifdef MADV_HUGEPAGE
typedef struct
{
  void  *base;
  gsize  size;
} Mapping;

static void
mapping_free (gpointer data)
{
  Mapping *m = data;

  munmap (m->base, m->size);
  g_free (m);
}

/* The pixels of a large image in a mapping of their own, in 2 MiB pages
 * where the system gives them on request (transparent huge pages in
 * "madvise" mode, Debian's default): a 1920×1080 image is 8 MB, which
 * the kernel otherwise zeroes and maps in some 2,000 page faults of 4 KiB.
 * NULL where the image is small or the mapping fails. */
static cairo_surface_t *
huge_page_surface_new (int width,
                       int height)
{
  static const cairo_user_data_key_t key;
  const gsize huge = 2 << 20;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize bytes = stride > 0 ? (gsize) stride * height : 0;
  cairo_surface_t *surface;
  Mapping *m;
  guint8 *data;

  if (bytes < huge)
    return NULL;
  m = g_new (Mapping, 1);
  m->size = bytes + 2 * huge;
  m->base = mmap (NULL, m->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m->base == MAP_FAILED)
    {
      g_free (m);
      return NULL;
    }
  data = (guint8 *) (((guintptr) m->base + huge - 1) & ~(guintptr) (huge - 1));
  madvise (data, (bytes + huge - 1) & ~(huge - 1), MADV_HUGEPAGE);
  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, width, height, stride);
  if (cairo_surface_set_user_data (surface, &key, m, mapping_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      mapping_free (m);
      return NULL;
    }
  return surface;
}
#endif

/* A cleared ARGB32 image of @width × @height pixels. */
static cairo_surface_t *
image_surface_new (int width,
                   int height)
{
  cairo_surface_t *surface = NULL;

#ifdef MADV_HUGEPAGE
  surface = huge_page_surface_new (width, height);
#endif
  return surface != NULL ? surface : cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

static void
draw_chart (RexChart               *chart,
            cairo_surface_t        *surface,
            double                  scale,
            const RexExportOptions *options)
{
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  rex_chart_draw (chart, cr, options->width, options->height, options->style);
  cairo_destroy (cr);
}

/* The metadata every image carries: compact JSON, documented in docs/export.md. */
static char *
build_metadata (RexChart               *chart,
                const RexExportOptions *options,
                gsize                  *length)
{
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, REX_EXPORT_METADATA_FORMAT);
  json_builder_set_member_name (builder, "app_version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);

  json_builder_set_member_name (builder, "dataset");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, rex_dataset_get_title (dataset));
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, rex_dataset_get_checksum (dataset));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "spec");
  json_builder_add_value (builder, rex_chart_spec_to_json (rex_chart_get_spec (chart)));

  json_builder_set_member_name (builder, "style");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "theme");
  json_builder_add_string_value (builder, rex_theme_to_string (options->style->theme));
  json_builder_set_member_name (builder, "transparent");
  json_builder_add_boolean_value (builder, options->style->transparent);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "size");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_double_value (builder, options->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_double_value (builder, options->height);
  json_builder_set_member_name (builder, "scale");
  json_builder_add_double_value (builder, options->format == REX_EXPORT_FORMAT_PNG && options->scale > 0
                                          ? options->scale : 1.0);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

GBytes *
rex_export_png_bytes (RexChart               *chart,
                      const RexExportOptions *options,
                      GError                **error)
{
  RexExportOptions png_options = *options;

  png_options.format = REX_EXPORT_FORMAT_PNG;
  return rex_export_to_bytes (chart, &png_options, NULL, error);
}

cairo_surface_t *
rex_export_draw_image (RexChart                *chart,
                       const RexExportOptions  *options,
                       GError                 **error)
{
  double scale = options->scale > 0 ? options->scale : 1.0;
  int w = (int) ceil (options->width * scale);
  int h = (int) ceil (options->height * scale);
  cairo_surface_t *surface;

  g_return_val_if_fail (REX_IS_CHART (chart), NULL);
  g_return_val_if_fail (options != NULL && options->style != NULL, NULL);

  if (!check_size (options, error))
    return NULL;
  surface = image_surface_new (w, h);
  if (!check_surface (surface, "PNG", error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  draw_chart (chart, surface, scale, options);
  cairo_surface_flush (surface);
  return surface;
}

char *
rex_export_describe (RexChart               *chart,
                     const RexExportOptions *options,
                     gsize                  *length)
{
  return build_metadata (chart, options, length);
}

GBytes *
rex_export_encode_png (cairo_surface_t  *image,
                       gboolean          transparent,
                       const char       *description,
                       gsize             length,
                       GError          **error)
{
  return rex_export_png_encode (image, transparent, description, length, error);
}

static GBytes *
export_png (RexChart               *chart,
            const RexExportOptions *options,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autofree char *metadata = NULL;
  cairo_surface_t *surface;
  GBytes *png;
  gsize length;

  surface = rex_export_draw_image (chart, options, error);
  if (surface == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  metadata = build_metadata (chart, options, &length);
  png = rex_export_png_encode (surface, options->style->transparent, metadata, length, error);
  cairo_surface_destroy (surface);
  return png;
}

/* --- SVG --- */

/* XML text content needs only &, < and > escaped; leaving quotes alone keeps
 * the JSON readable in the file. */
static char *
escape_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      default: g_string_append_c (out, *p); break;
      }
  return g_string_free (out, FALSE);
}

/* Cairo writes no <title> or <metadata>; both go right after the <svg> start
 * tag, where viewers and our reader look first. Cairo's start tag holds no
 * '>' inside attribute values, so the first '>' after "<svg" ends it. */
static GBytes *
svg_insert_metadata (GByteArray  *svg,
                     const char  *title,
                     const char  *metadata,
                     GError     **error)
{
  const char *text = (const char *) svg->data;
  const char *start = g_strstr_len (text, svg->len, "<svg");
  const char *end = start ? memchr (start, '>', svg->len - (start - text)) : NULL;
  g_autofree char *title_escaped = escape_text (title);
  g_autofree char *metadata_escaped = escape_text (metadata);
  g_autoptr(GString) out = NULL;

  if (end == NULL)
    {
      g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                           _("Cannot add the chart description to the SVG image: unexpected encoder output"));
      return NULL;
    }
  end++;
  out = g_string_sized_new (svg->len + strlen (metadata_escaped) + 256);
  g_string_append_len (out, text, end - text);
  g_string_append_printf (out, "\n<title>%s</title>\n<metadata><" SVG_METADATA_ELEMENT
                          " xmlns:rex=\"" SVG_METADATA_NS "\">%s</" SVG_METADATA_ELEMENT "></metadata>",
                          title_escaped, metadata_escaped);
  g_string_append_len (out, end, svg->len - (end - text));
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
export_svg (RexChart               *chart,
            const RexExportOptions *options,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *metadata = NULL;
  cairo_surface_t *surface;
  gboolean ok;

  surface = cairo_svg_surface_create_for_stream (append_to_byte_array, buffer,
                                                 options->width, options->height);
  /* Pixels, so a 1200 × 800 export opens at 1200 × 800 in browsers and editors. */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  draw_chart (chart, surface, 1.0, options);
  cairo_surface_finish (surface);
  ok = check_surface (surface, "SVG", error);
  cairo_surface_destroy (surface);
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  metadata = build_metadata (chart, options, NULL);
  return svg_insert_metadata (buffer, rex_chart_get_title (chart), metadata, error);
}

/* --- PDF --- */

static GBytes *
export_pdf (RexChart               *chart,
            const RexExportOptions *options,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *metadata = NULL;
  g_autofree char *creator = g_strdup_printf ("Region Explorer %s", PACKAGE_VERSION);
  cairo_surface_t *surface;
  gboolean ok;

  /* One chart unit is one point: the page is width × height points. */
  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, buffer,
                                                 options->width, options->height);
  metadata = build_metadata (chart, options, NULL);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, rex_chart_get_title (chart));
  if (rex_chart_get_subtitle (chart) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, rex_chart_get_subtitle (chart));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  /* cairo 1.16 has no custom document-info keys (1.18 does), so the spec
   * goes into Keywords; docs/export.md says so. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, metadata);
  draw_chart (chart, surface, 1.0, options);
  cairo_surface_finish (surface);
  ok = check_surface (surface, "PDF", error);
  cairo_surface_destroy (surface);
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* --- CSV --- */

/* Some tables format doubles with 17 significant digits, which shows binary
 * noise ("98565.800000000003" for 98565.8). Every figure in a dataset has at
 * most 15 significant digits, so such cells are rewritten with %.15g; cells
 * with 15 digits or fewer are the chart's deliberate formatting and are kept. */
static gboolean
csv_format_number (const char *field,
                   char       *buf,
                   gsize       size)
{
  char *end = NULL;
  guint digits = 0;
  gboolean leading = TRUE;
  double v;

  if (*field == '\0' || g_ascii_isspace (*field))
    return FALSE;
  v = g_ascii_strtod (field, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  for (const char *p = field; *p && *p != 'e' && *p != 'E'; p++)
    if (g_ascii_isdigit (*p))
      {
        leading = leading && *p == '0';
        digits += !leading;
      }
  if (digits <= 15)
    return FALSE;
  g_ascii_formatd (buf, size, "%.15g", v);
  return TRUE;
}

/* Whether @field is a whole finite number as written ("-5.4", "1e300"). */
static gboolean
csv_is_number (const char *field)
{
  char *end = NULL;
  double v;

  if (*field == '\0' || g_ascii_isspace (*field))
    return FALSE;
  v = g_ascii_strtod (field, &end);
  return end != NULL && *end == '\0' && isfinite (v);
}

/* CSV injection: spreadsheets run a cell that begins with = + - @ (or a
 * tab or CR before one) as a formula, "=HYPERLINK(…)" or "+cmd|…". Such
 * text cells go behind a single quote, which spreadsheets show as text
 * (OWASP's advice); numbers such as "-5.4" are left as they are. */
static gboolean
csv_is_formula (const char *field)
{
  return strchr ("=+-@\t\r", *field) != NULL && *field != '\0' && !csv_is_number (field);
}

char *
rex_export_spreadsheet_cell (const char *field)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (field != NULL, NULL);

  if (csv_format_number (field, number, sizeof number))
    return g_strdup (number);
  if (csv_is_formula (field))
    return g_strconcat ("'", field, NULL);
  return g_strdup (field);
}

void
rex_export_csv_append_field (GString    *out,
                             const char *field)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean formula;

  if (field == NULL)
    return;
  if (csv_format_number (field, number, sizeof number))
    {
      g_string_append (out, number);
      return;
    }
  formula = csv_is_formula (field);
  if (!formula && strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The publisher list of the table's "Source: …" line, without the prefix. */
static const char *
strip_source_prefix (const char *line)
{
  /* Translators: must match the "Source: %s" line under a chart */
  g_autofree char *prefix = g_strdup_printf (_("Source: %s"), "");

  if (line != NULL && *prefix && g_str_has_prefix (line, prefix))
    return line + strlen (prefix);
  return line;
}

GBytes *
rex_export_csv_bytes (RexChart  *chart,
                      GError   **error)
{
  g_autoptr(RexChartTable) table = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *source;

  g_return_val_if_fail (REX_IS_CHART (chart), NULL);

  table = rex_chart_get_table (chart);
  if (table->columns->len == 0)
    {
      g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                           _("This chart has no data table to write as CSV"));
      return NULL;
    }
  source = strip_source_prefix (table->source_line);

  /* No byte-order mark: RFC 4180 and most tools (Python, R, pandas, awk)
   * treat it as part of the first header; docs/export.md explains how to
   * open the file as UTF-8 in a spreadsheet. */
  for (guint i = 0; i < table->columns->len; i++)
    {
      rex_export_csv_append_field (out, table->columns->pdata[i]);
      g_string_append_c (out, ',');
    }
  /* Translators: CSV column naming where each row's figure comes from */
  rex_export_csv_append_field (out, _("Source"));
  g_string_append (out, "\r\n");

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];

      for (guint i = 0; i < table->columns->len; i++)
        {
          if (i < cells->len)
            rex_export_csv_append_field (out, cells->pdata[i]);
          g_string_append_c (out, ',');
        }
      rex_export_csv_append_field (out, source);
      g_string_append (out, "\r\n");
    }

  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
                           _("The chart's data table is not valid UTF-8"));
      return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* --- all formats --- */

GBytes *
rex_export_to_bytes (RexChart               *chart,
                     const RexExportOptions *options,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_return_val_if_fail (REX_IS_CHART (chart), NULL);
  g_return_val_if_fail (options != NULL && options->style != NULL, NULL);
  g_return_val_if_fail (options->format < REX_EXPORT_FORMAT_LAST, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* The description in the file writes numbers as the image does. */
  rex_chart_set_number_format (chart, options->style->number_format);
  if (options->format == REX_EXPORT_FORMAT_CSV)
    return rex_export_csv_bytes (chart, error);
  if (!check_size (options, error))
    return NULL;

  switch (options->format)
    {
    case REX_EXPORT_FORMAT_PNG:
      return export_png (chart, options, cancellable, error);
    case REX_EXPORT_FORMAT_SVG:
      return export_svg (chart, options, cancellable, error);
    case REX_EXPORT_FORMAT_PDF:
      return export_pdf (chart, options, cancellable, error);
    case REX_EXPORT_FORMAT_CSV:
    case REX_EXPORT_FORMAT_LAST:
    default:
      g_assert_not_reached ();
    }
}

/* --- atomic writes --- */

static gboolean
set_write_error (GError     **error,
                 GFile       *file,
                 int          saved_errno,
                 const char  *what)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* Translators: "Cannot write “/path/chart.png”: No space left on device" */
  g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT,
               _("Cannot write “%s”: %s"), name, what ? what : g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all_fd (int            fd,
              const guint8  *data,
              gsize          length,
              GCancellable  *cancellable,
              GError       **error,
              int           *saved_errno)
{
  while (length > 0)
    {
      gssize n;

      /* Checked per chunk, so cancelling a large export stops it promptly. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n = write (fd, data, MIN (length, WRITE_CHUNK));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Symbolic links are followed, as the shell's "> file" follows them: a
 * link "latest.png → charts/2024.png" keeps pointing at the file it names,
 * which is the file replaced. Renaming over the link itself would turn it
 * into a plain file and leave its target out of date. The chain is followed
 * to its end, which may not exist yet (the file is then created there), at
 * most 40 links deep as the kernel allows. */
#define MAX_LINKS 40

static char *
resolve_links (GFile       *file,
               const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i <= MAX_LINKS; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *target = NULL;
      struct stat st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      if (i == MAX_LINKS)
        break;
      target = g_file_read_link (current, &local_error);
      if (target == NULL)
        {
          set_write_error (error, file, 0, local_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *joined = g_build_filename (dir, target, NULL);

          g_free (target);
          target = g_steal_pointer (&joined);
        }
      g_free (current);
      current = g_steal_pointer (&target);
    }
  set_write_error (error, file, ELOOP, NULL);
  return NULL;
}

/* Local files: a temporary file beside the target, fsync, rename. Unlike
 * g_file_replace(), which writes a new file in place and falls back to
 * truncating the original when it cannot create a temporary file, this never
 * exposes a partial file under the target's name.
 *
 * g_file_set_contents_full() does the same and is used where it serves: a
 * new file that cannot be cancelled (the command line). This writer is kept
 * for what GLib's does not do: checking @cancellable between chunks, so that
 * cancelling a large export stops it promptly (test-export's
 * cancelled-while-writing), and keeping the permissions of a file it
 * replaces, which the mode GLib takes cannot do past the umask. Symbolic
 * links are resolved before either runs (resolve_links()), as GLib's would
 * replace the link itself. */
typedef struct
{
  int           fd;
  GCancellable *cancellable;
  int           saved_errno;
} FdSink;

static gboolean
write_to_fd (const void  *data,
             gsize        length,
             gpointer     user_data,
             GError     **error)
{
  FdSink *sink = user_data;

  return write_all_fd (sink->fd, data, length, sink->cancellable, error, &sink->saved_errno);
}

/* The producer of a file held whole in memory: its bytes at once. */
static gboolean
produce_bytes (RexExportSink   sink,
               gpointer        sink_data,
               gpointer        user_data,
               GError        **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (user_data, &length);

  return sink (data, length, sink_data, error);
}

static gboolean
write_own (GFile              *file,
           const char         *path,
           const struct stat  *existing,
           RexExportProducer   produce,
           gpointer            produce_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = strlen (base) < 200 ? g_strdup_printf (".%s.XXXXXX", base)
                                                  : g_strdup (".rex-export.XXXXXX");
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  GError *local_error = NULL;
  FdSink sink = { -1, cancellable, 0 };
  int saved_errno = 0;
  int fd, dir_fd;

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_write_error (error, file, errno, NULL);

  /* Keep the permissions of a file we replace; a new file gets 0666 & ~umask. */
  if (existing != NULL)
    (void) fchmod (fd, existing->st_mode & 07777);

  sink.fd = fd;
  if (!produce (write_to_fd, &sink, produce_data, &local_error)
      || (fsync (fd) != 0 && (sink.saved_errno = errno) != 0))
    {
      saved_errno = sink.saved_errno;
      close (fd);
      g_unlink (tmp_path);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return set_write_error (error, file, saved_errno, NULL);
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_write_error (error, file, saved_errno, NULL);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_write_error (error, file, saved_errno, NULL);
    }
  /* Make the rename itself durable; failure here loses nothing already written. */
  dir_fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      (void) fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/* What a file is written with: @bytes, or with @bytes NULL what @produce
 * gives. */
typedef struct
{
  GBytes            *bytes;
  RexExportProducer  produce;
  gpointer           produce_data;
} Content;

static gboolean
write_resolved (GFile          *file,
                const char     *path,
                const Content  *content,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean exists;
  struct stat st;
  gsize length;
  const char *data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  exists = g_stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    return set_write_error (error, file, EISDIR, _("It is a folder"));

  if (content->bytes == NULL)
    return write_own (file, path, exists && S_ISREG (st.st_mode) ? &st : NULL,
                      content->produce, content->produce_data, cancellable, error);
  if (cancellable != NULL || (exists && S_ISREG (st.st_mode)))
    return write_own (file, path, exists && S_ISREG (st.st_mode) ? &st : NULL,
                      produce_bytes, content->bytes, cancellable, error);

  data = g_bytes_get_data (content->bytes, &length);
  if (g_file_set_contents_full (path, data, length,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0666, &local_error))
    return TRUE;
  return set_write_error (error, file, 0, local_error->message);
}

static gboolean
write_local (GFile          *file,
             const char     *path,
             const Content  *content,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autofree char *resolved = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  resolved = resolve_links (file, path, error);
  if (resolved == NULL)
    return FALSE;
  return write_resolved (file, resolved, content, cancellable, error);
}

/* Other GIO backends: their replace() writes a temporary file and renames it
 * on close; closing with a cancelled cancellable abandons it. */
typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
} StreamSink;

static gboolean
write_to_stream (const void  *data,
                 gsize        length,
                 gpointer     user_data,
                 GError     **error)
{
  StreamSink *sink = user_data;

  return g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable, error);
}

static gboolean
write_gio (GFile              *file,
           RexExportProducer   produce,
           gpointer            produce_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  StreamSink sink = { NULL, cancellable };

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  sink.stream = G_OUTPUT_STREAM (stream);
  if (stream != NULL
      && produce (write_to_stream, &sink, produce_data, &local_error)
      && g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    return TRUE;

  if (stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return set_write_error (error, file, 0, local_error->message);
}

static gboolean
write_atomically (GFile          *file,
                  const Content  *content,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return write_local (file, path, content, cancellable, error);
  if (content->bytes != NULL)
    return write_gio (file, produce_bytes, content->bytes, cancellable, error);
  return write_gio (file, content->produce, content->produce_data, cancellable, error);
}

gboolean
rex_export_write_atomically (GFile         *file,
                             GBytes        *bytes,
                             GCancellable  *cancellable,
                             GError       **error)
{
  Content content = { bytes, NULL, NULL };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  return write_atomically (file, &content, cancellable, error);
}

gboolean
rex_export_write_atomically_from (GFile              *file,
                                  RexExportProducer   produce,
                                  gpointer            produce_data,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  Content content = { NULL, produce, produce_data };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (produce != NULL, FALSE);

  return write_atomically (file, &content, cancellable, error);
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

  bytes = rex_export_to_bytes (chart, options, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  return rex_export_write_atomically (file, bytes, cancellable, error);
}

/* --- reading the metadata back --- */

void
rex_export_metadata_free (RexExportMetadata *metadata)
{
  if (metadata == NULL)
    return;
  rex_chart_spec_free (metadata->spec);
  g_free (metadata->dataset_title);
  g_free (metadata->dataset_checksum);
  g_free (metadata->app_version);
  g_free (metadata->json);
  g_free (metadata);
}

static gboolean
invalid (GError     **error,
         const char  *name,
         const char  *reason)
{
  /* GMarkup quotes the bytes it could not read, which need not be UTF-8:
   * the message is shown and printed, so it is made valid. */
  g_autofree char *valid = g_utf8_make_valid (reason, -1);

  /* Translators: "chart.png: the chart description is damaged: <reason>" */
  g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_INVALID,
               _("%s: the chart description is damaged: %s"), name, valid);
  return FALSE;
}

gboolean
rex_export_validate_size (double       width,
                          double       height,
                          double       scale,
                          const char **member,
                          GError     **error)
{
  const char *name = NULL;
  g_autofree char *message = NULL;

  if (!(width >= REX_EXPORT_MIN_SIZE && width <= REX_EXPORT_MAX_SIZE))
    name = "width";
  else if (!(height >= REX_EXPORT_MIN_SIZE && height <= REX_EXPORT_MAX_SIZE))
    name = "height";
  else if (!(scale == 1 || scale == 2 || scale == 3))
    name = "scale";
  else
    return TRUE;

  if (member != NULL)
    *member = name;
  if (g_str_equal (name, "scale"))
    message = g_strdup (_("use 1, 2 or 3"));
  else
    /* Translators: "0 is outside 16–16384" (a width or height) */
    message = g_strdup_printf (_("%g is outside %d–%d"), g_str_equal (name, "width") ? width : height,
                               REX_EXPORT_MIN_SIZE, REX_EXPORT_MAX_SIZE);
  g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID, message);
  return FALSE;
}

/* Each member of the description is looked at only after its type is
 * checked: json-glib's typed getters raise criticals on a wrong type. A
 * member that is absent leaves *out alone; one of the wrong type is an error
 * naming it. */
static gboolean
wrong_type (GError     **error,
            const char  *name,
            const char  *path,
            const char  *expected)
{
  g_autofree char *reason = NULL;

  /* Translators: "“size.width” must be a number" */
  reason = g_strdup_printf (_("“%s” must be %s"), path, expected);
  return invalid (error, name, reason);
}

static gboolean
member_number (JsonObject  *object,
               const char  *member,
               const char  *path,
               double      *out,
               const char  *name,
               GError     **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    /* Translators: completes "“size.width” must be …" */
    return wrong_type (error, name, path, _("a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
member_string (JsonObject   *object,
               const char   *member,
               const char   *path,
               const char  **out,
               const char   *name,
               GError      **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    /* Translators: completes "“format” must be …" */
    return wrong_type (error, name, path, _("a string"));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
member_boolean (JsonObject  *object,
                const char  *member,
                const char  *path,
                gboolean    *out,
                const char  *name,
                GError     **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    /* Translators: completes "“style.transparent” must be …" */
    return wrong_type (error, name, path, _("true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
member_object (JsonObject   *object,
               const char   *member,
               JsonObject  **out,
               const char   *name,
               GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: completes "“style” must be …" */
    return wrong_type (error, name, member, _("an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

static RexExportMetadata *
parse_metadata (const char  *name,
                const char  *text,
                gsize        length,
                GError     **error)
{
  g_autoptr(RexJsonDocument) doc = NULL;
  g_autoptr(RexDatasetProblem) problem = NULL;
  g_autoptr(RexExportMetadata) metadata = g_new0 (RexExportMetadata, 1);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root, *dataset, *style, *size;
  JsonNode *root_node;
  const char *format = NULL, *theme = NULL, *title = NULL, *checksum = NULL, *version = NULL;
  const char *member = NULL;
  double width = 0, height = 0, scale = 1;

  if (length > REX_EXPORT_MAX_METADATA)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_TOO_LARGE,
                   _("%s: the chart description is larger than %d bytes"), name, REX_EXPORT_MAX_METADATA);
      return NULL;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      invalid (error, name, _("it is not UTF-8 text"));
      return NULL;
    }
  /* The datasets' parser, not json-glib's: it is iterative and refuses
   * nesting deeper than REX_DATASET_MAX_DEPTH before building anything, so
   * 100,000 levels of brackets cannot exhaust the stack. */
  doc = rex_json_parse (text, length, name, &problem, &local_error);
  if (doc == NULL)
    {
      g_autofree char *reason = NULL;

      if (problem != NULL && problem->line > 0)
        /* Translators: where the JSON text of a chart description is wrong:
         * "line 1, column 65: nesting deeper than the limit of 64 levels" */
        reason = g_strdup_printf (_("line %d, column %d: %s"), problem->line, problem->column, problem->message);
      else
        reason = g_strdup (problem != NULL ? problem->message : local_error->message);
      invalid (error, name, reason);
      return NULL;
    }
  root_node = rex_json_document_get_root (doc);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      invalid (error, name, _("expected a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);
  if (!member_string (root, "format", "format", &format, name, error))
    return NULL;
  if (g_strcmp0 (format, REX_EXPORT_METADATA_FORMAT) != 0)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_INVALID,
                   _("%s: the chart description is not in the format “%s” (written by a newer version?)"),
                   name, REX_EXPORT_METADATA_FORMAT);
      return NULL;
    }
  metadata->spec = rex_chart_spec_new_from_json (json_object_get_member (root, "spec"), &local_error);
  if (metadata->spec == NULL)
    {
      invalid (error, name, local_error->message);
      return NULL;
    }
  if (!member_object (root, "dataset", &dataset, name, error)
      || !member_string (dataset, "title", "dataset.title", &title, name, error)
      || !member_string (dataset, "checksum", "dataset.checksum", &checksum, name, error)
      || !member_string (root, "app_version", "app_version", &version, name, error)
      || !member_object (root, "style", &style, name, error)
      || !member_string (style, "theme", "style.theme", &theme, name, error)
      || !member_boolean (style, "transparent", "style.transparent", &metadata->transparent, name, error)
      || !member_object (root, "size", &size, name, error)
      || !member_number (size, "width", "size.width", &width, name, error)
      || !member_number (size, "height", "size.height", &height, name, error)
      || !member_number (size, "scale", "size.scale", &scale, name, error))
    return NULL;
  metadata->dataset_title = g_strdup (title);
  metadata->dataset_checksum = g_strdup (checksum);
  metadata->app_version = g_strdup (version);

  metadata->theme = REX_THEME_LIGHT;
  if (theme != NULL && !rex_theme_from_string (theme, &metadata->theme))
    {
      invalid (error, name, _("unknown theme"));
      return NULL;
    }

  /* The size is checked as the command line checks --width, --height and
   * --scale; an absent width or height takes the command line's default. */
  if (!rex_export_validate_size (size && json_object_has_member (size, "width") ? width : REX_EXPORT_MIN_SIZE,
                                 size && json_object_has_member (size, "height") ? height : REX_EXPORT_MIN_SIZE,
                                 scale, &member, &local_error))
    {
      /* Translators: "“size.width”: 0 is outside 16–16384" */
      g_autofree char *reason = g_strdup_printf (_("“size.%s”: %s"), member, local_error->message);
      invalid (error, name, reason);
      return NULL;
    }
  metadata->width = width;
  metadata->height = height;
  metadata->scale = scale;
  metadata->json = g_strndup (text, length);
  return g_steal_pointer (&metadata);
}

static gboolean
read_exactly (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  gsize n = 0;
  g_autoptr(GError) local_error = NULL;

  if (!g_input_stream_read_all (stream, buffer, count, &n, cancellable, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return FALSE;
    }
  if (n != count)
    return invalid (error, name, _("the file ends early"));
  return TRUE;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static RexExportMetadata *
read_png (GInputStream  *stream,
          const char    *name,
          GCancellable  *cancellable,
          GError       **error)
{
  const gsize keyword_length = strlen (REX_EXPORT_PNG_KEYWORD);
  guint8 header[8];

  if (!read_exactly (stream, header, 8, name, cancellable, error))
    return NULL;
  if (memcmp (header, rex_export_png_signature, 8) != 0)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_INVALID, _("%s: not a PNG image"), name);
      return NULL;
    }

  for (;;)
    {
      guint32 length;
      guint8 type[4];

      if (!read_exactly (stream, header, 8, name, cancellable, error))
        return NULL;
      length = be32 (header);
      memcpy (type, header + 4, 4);
      if (length > 0x7fffffffu)
        {
          invalid (error, name, _("a PNG chunk has an impossible length"));
          return NULL;
        }
      if (memcmp (type, "IEND", 4) == 0)
        break;

      if (memcmp (type, "iTXt", 4) == 0 && length > keyword_length
          && length <= REX_EXPORT_MAX_METADATA + 512)
        {
          g_autofree guint8 *body = g_malloc (length + 4);
          const guint8 *p, *end, *lang, *translated;

          if (!read_exactly (stream, body, length + 4, name, cancellable, error))
            return NULL;
          if (memcmp (body, REX_EXPORT_PNG_KEYWORD, keyword_length + 1) != 0)
            continue;
          if (crc32 (crc32 (0, type, 4), body, length) != be32 (body + length))
            {
              invalid (error, name, _("the PNG chunk’s checksum does not match"));
              return NULL;
            }
          p = body + keyword_length + 1;
          end = body + length;
          if (end - p < 2 || p[0] != 0)
            {
              invalid (error, name, _("compressed descriptions are not supported"));
              return NULL;
            }
          lang = p + 2;
          p = memchr (lang, 0, end - lang);
          translated = p ? p + 1 : NULL;
          p = translated ? memchr (translated, 0, end - translated) : NULL;
          if (p == NULL)
            {
              invalid (error, name, _("the PNG text chunk is malformed"));
              return NULL;
            }
          p++;
          return parse_metadata (name, (const char *) p, end - p, error);
        }
      if (memcmp (type, "iTXt", 4) == 0 && length > REX_EXPORT_MAX_METADATA + 512)
        {
          char keyword[80] = { 0 };

          /* Peek at the keyword to refuse a huge chunk of ours by name. */
          if (!read_exactly (stream, keyword, MIN (length, sizeof keyword - 1), name, cancellable, error))
            return NULL;
          if (strcmp (keyword, REX_EXPORT_PNG_KEYWORD) == 0)
            {
              g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_TOO_LARGE,
                           _("%s: the chart description is larger than %d bytes"),
                           name, REX_EXPORT_MAX_METADATA);
              return NULL;
            }
          length -= MIN (length, sizeof keyword - 1);
        }
      if (g_input_stream_skip (stream, (gsize) length + 4, cancellable, error) != (gssize) length + 4)
        {
          if (error && *error == NULL)
            invalid (error, name, _("the file ends early"));
          return NULL;
        }
    }
  g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_NO_SPEC,
               _("%s: the image holds no chart description (was it written by Region Explorer?)"), name);
  return NULL;
}

typedef struct
{
  GString  *text;
  gboolean  inside;
  gboolean  done;
} SvgScan;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              data,
           GError              **error)
{
  SvgScan *scan = data;

  if (!scan->done && g_strcmp0 (element, SVG_METADATA_ELEMENT) == 0)
    scan->inside = TRUE;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              data,
         GError              **error)
{
  SvgScan *scan = data;

  if (scan->inside && g_strcmp0 (element, SVG_METADATA_ELEMENT) == 0)
    {
      scan->inside = FALSE;
      scan->done = TRUE;
    }
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              data,
          GError              **error)
{
  SvgScan *scan = data;

  if (!scan->inside)
    return;
  if (scan->text->len + length > REX_EXPORT_MAX_METADATA)
    g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_TOO_LARGE,
                 _("the chart description is larger than %d bytes"), REX_EXPORT_MAX_METADATA);
  else
    g_string_append_len (scan->text, text, length);
}

static RexExportMetadata *
read_svg (GInputStream  *stream,
          const char    *name,
          GCancellable  *cancellable,
          GError       **error)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  SvgScan scan = { text, FALSE, FALSE };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *buffer = g_malloc (64 * 1024);
  g_autoptr(GError) local_error = NULL;
  gsize total = 0;

  context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  while (!scan.done)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, &local_error);

      if (n < 0)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
      if (total > MAX_SVG_SCAN)
        break;
      if (!g_markup_parse_context_parse (context, buffer, n, &local_error))
        {
          if (g_error_matches (local_error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_TOO_LARGE))
            g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_TOO_LARGE, "%s: %s", name, local_error->message);
          else
            invalid (error, name, local_error->message);
          return NULL;
        }
    }
  if (!scan.done)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_NO_SPEC,
                   _("%s: the image holds no chart description (was it written by Region Explorer?)"), name);
      return NULL;
    }
  return parse_metadata (name, text->str, text->len, error);
}

/* A PDF string object: (literal with escapes) or <hex>; UTF-16BE with a BOM
 * or PDFDocEncoding, which for our ASCII JSON is ASCII. */
static char *
pdf_parse_string (const char *p,
                  const char *end)
{
  g_autoptr(GByteArray) raw = g_byte_array_new ();

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p < end && *p == '(')
    {
      int depth = 1;

      for (p++; p < end; p++)
        {
          guint8 c = *p;

          if (c == '\\' && p + 1 < end)
            {
              c = *++p;
              switch (c)
                {
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case '\r':
                  if (p + 1 < end && p[1] == '\n')
                    p++;
                  continue;
                case '\n':
                  continue;
                default:
                  if (c >= '0' && c <= '7')
                    {
                      int v = c - '0';
                      for (int k = 0; k < 2 && p + 1 < end && p[1] >= '0' && p[1] <= '7'; k++)
                        v = v * 8 + (*++p - '0');
                      c = v & 0xff;
                    }
                  break;
                }
            }
          else if (c == '(')
            depth++;
          else if (c == ')' && --depth == 0)
            break;
          g_byte_array_append (raw, &c, 1);
        }
      if (depth != 0)
        return NULL;
    }
  else if (p < end && *p == '<')
    {
      int high = -1;

      for (p++; p < end && *p != '>'; p++)
        {
          int v = g_ascii_xdigit_value (*p);

          if (v < 0)
            {
              if (g_ascii_isspace (*p))
                continue;
              return NULL;
            }
          if (high < 0)
            high = v;
          else
            {
              guint8 c = high * 16 + v;
              g_byte_array_append (raw, &c, 1);
              high = -1;
            }
        }
      if (p >= end)
        return NULL;
    }
  else
    return NULL;

  if (raw->len >= 2 && raw->data[0] == 0xfe && raw->data[1] == 0xff)
    {
      gsize n = (raw->len - 2) / 2;
      g_autofree gunichar2 *utf16 = g_new (gunichar2, n + 1);

      for (gsize i = 0; i < n; i++)
        utf16[i] = (raw->data[2 + 2 * i] << 8) | raw->data[3 + 2 * i];
      return g_utf16_to_utf8 (utf16, n, NULL, NULL, NULL);
    }
  for (guint i = 0; i < raw->len; i++)
    if (raw->data[i] >= 0x80)
      return NULL;
  g_byte_array_append (raw, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&raw), FALSE);
}

static RexExportMetadata *
read_pdf (GInputStream  *stream,
          const char    *name,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *tail = NULL;
  g_autofree char *keywords = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *found = NULL, *p;
  goffset size;
  gsize n = 0;
  char head[5];

  if (!read_exactly (stream, head, 5, name, cancellable, error))
    return NULL;
  if (memcmp (head, "%PDF-", 5) != 0)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_INVALID, _("%s: not a PDF document"), name);
      return NULL;
    }
  /* Cairo writes the document information dictionary at the end, after the
   * pages and fonts: its tail is enough. */
  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_END, cancellable, &local_error))
    goto io_error;
  size = g_seekable_tell (G_SEEKABLE (stream));
  if (!g_seekable_seek (G_SEEKABLE (stream), MAX (0, size - PDF_TAIL), G_SEEK_SET, cancellable, &local_error))
    goto io_error;
  tail = g_malloc (PDF_TAIL + 1);
  if (!g_input_stream_read_all (stream, tail, PDF_TAIL, &n, cancellable, &local_error))
    goto io_error;
  tail[n] = '\0';

  /* memmem(), not strstr(): PDF files hold binary streams with NUL bytes. */
  for (p = tail; (p = memmem (p, n - (p - tail), "/Keywords", strlen ("/Keywords"))) != NULL; p++)
    found = p;
  if (found != NULL)
    keywords = pdf_parse_string (found + strlen ("/Keywords"), tail + n);
  if (keywords == NULL || strstr (keywords, REX_EXPORT_METADATA_FORMAT) == NULL)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_NO_SPEC,
                   _("%s: the document holds no chart description (was it written by Region Explorer?)"), name);
      return NULL;
    }
  return parse_metadata (name, keywords, strlen (keywords), error);

io_error:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
  return NULL;
}

static RexExportMetadata *
read_stream (GInputStream     *stream,
             RexExportFormat   format,
             const char       *name,
             GCancellable     *cancellable,
             GError          **error)
{
  switch (format)
    {
    case REX_EXPORT_FORMAT_PNG:
      return read_png (stream, name, cancellable, error);
    case REX_EXPORT_FORMAT_SVG:
      return read_svg (stream, name, cancellable, error);
    case REX_EXPORT_FORMAT_PDF:
      return read_pdf (stream, name, cancellable, error);
    case REX_EXPORT_FORMAT_CSV:
    case REX_EXPORT_FORMAT_LAST:
    default:
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_NOT_SUPPORTED,
                   _("%s: only PNG, SVG and PDF files carry a chart description"), name);
      return NULL;
    }
}

RexExportMetadata *
rex_export_read_metadata_from_bytes (GBytes           *bytes,
                                     RexExportFormat   format,
                                     const char       *name,
                                     GError          **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return read_stream (stream, format, name, NULL, error);
}

RexExportMetadata *
rex_export_read_metadata (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  RexExportFormat format;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  if (basename == NULL || !rex_export_format_from_filename (basename, &format)
      || format == REX_EXPORT_FORMAT_CSV)
    {
      g_set_error (error, REX_EXPORT_ERROR, REX_EXPORT_ERROR_NOT_SUPPORTED,
                   _("%s: only PNG, SVG and PDF files carry a chart description"), name);
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  return read_stream (G_INPUT_STREAM (stream), format, name, cancellable, error);
}

RexChartSpec *
rex_export_read_spec (GFile   *file,
                      char   **dataset_title,
                      char   **dataset_checksum,
                      GError **error)
{
  g_autoptr(RexExportMetadata) metadata = rex_export_read_metadata (file, NULL, error);

  if (metadata == NULL)
    return NULL;
  if (dataset_title)
    *dataset_title = g_steal_pointer (&metadata->dataset_title);
  if (dataset_checksum)
    *dataset_checksum = g_steal_pointer (&metadata->dataset_checksum);
  return g_steal_pointer (&metadata->spec);
}
