/* rex-export.h — writing a chart to PNG, SVG, PDF or CSV, atomically, and
 * reading back the chart specification embedded in the images.
 *
 * Files are written to a temporary file in the target folder and renamed into
 * place, so a failed or cancelled export leaves no partial file and an
 * existing file intact. The format of the embedded metadata is documented in
 * docs/export.md.
 */
#pragma once

#include <gio/gio.h>

#include "rex-chart.h"

G_BEGIN_DECLS

#define REX_EXPORT_ERROR (rex_export_error_quark ())

/* Errors of rex_export_read_metadata(); writing reports REX_CHART_ERROR_EXPORT
 * (or G_IO_ERROR_CANCELLED when cancelled). */
typedef enum /*< skip >*/
{
  REX_EXPORT_ERROR_NOT_SUPPORTED,  /* not a PNG, SVG or PDF file */
  REX_EXPORT_ERROR_NO_SPEC,        /* a valid file without a chart specification */
  REX_EXPORT_ERROR_INVALID,        /* a damaged file or malformed metadata */
  REX_EXPORT_ERROR_TOO_LARGE,      /* metadata over the documented limit */
} RexExportError;

typedef enum
{
  REX_EXPORT_FORMAT_PNG,
  REX_EXPORT_FORMAT_SVG,
  REX_EXPORT_FORMAT_PDF,
  REX_EXPORT_FORMAT_CSV,
  REX_EXPORT_FORMAT_LAST /*< skip >*/
} RexExportFormat;

typedef struct
{
  RexExportFormat  format;
  double           width;    /* chart units: PNG/SVG pixels, PDF points */
  double           height;
  double           scale;    /* PNG pixel density: 1, 2 or 3 (ignored by the others) */
  RexChartStyle   *style;    /* not owned; style->transparent leaves the background unpainted */
} RexExportOptions;

/* The largest metadata payload written or accepted (bytes of JSON). */
#define REX_EXPORT_MAX_METADATA (1024 * 1024)
/* The PNG keyword / SVG element carrying the metadata. */
#define REX_EXPORT_PNG_KEYWORD "region-explorer:chart"
#define REX_EXPORT_METADATA_FORMAT "region-explorer/chart-1"

/* What an exported image says about itself (see docs/export.md). */
typedef struct
{
  RexChartSpec *spec;
  char         *dataset_title;     /* nullable */
  char         *dataset_checksum;  /* nullable */
  char         *app_version;       /* nullable */
  char         *json;              /* the embedded JSON text as found in the file */
  RexTheme      theme;
  gboolean      transparent;
  double        width;             /* 0 when absent */
  double        height;
  double        scale;             /* 1 when absent */
} RexExportMetadata;

/* Width and height of an export, in chart units. */
#define REX_EXPORT_MIN_SIZE 16
#define REX_EXPORT_MAX_SIZE 16384

GQuark       rex_export_error_quark          (void);

/* The size every export takes, from the command line or from an image's
 * description: width and height from REX_EXPORT_MIN_SIZE to
 * REX_EXPORT_MAX_SIZE, scale 1, 2 or 3. On failure *member (when not NULL)
 * is "width", "height" or "scale" and @error says what is wrong with it,
 * without naming it. */
gboolean     rex_export_validate_size        (double            width,
                                              double            height,
                                              double            scale,
                                              const char      **member,
                                              GError          **error);

/* The format for a file name's extension; FALSE if it has none we write. */
gboolean     rex_export_format_from_filename (const char       *filename,
                                              RexExportFormat  *format);
/* "png", "svg", "pdf", "csv": also the file name extension. */
REX_DECLARE_ENUM_NAMES (rex_export_format, RexExportFormat);
const char  *rex_export_format_get_mime_type (RexExportFormat   format);

/* Renders @chart to an in-memory PNG with the metadata chunk (for the
 * clipboard and tests). */
GBytes      *rex_export_png_bytes            (RexChart               *chart,
                                              const RexExportOptions *options,
                                              GError                **error);
/* @chart drawn as a PNG export draws it: an ARGB32 image surface (cairo's
 * premultiplied, native-endian pixels) of width × height × scale pixels.
 * For the clipboard, which takes the pixels themselves. */
cairo_surface_t *rex_export_draw_image       (RexChart               *chart,
                                              const RexExportOptions *options,
                                              GError                **error);
/* The description (JSON) an export of @chart with @options embeds, and its
 * length in *@length. */
char        *rex_export_describe             (RexChart               *chart,
                                              const RexExportOptions *options,
                                              gsize                  *length);
/* The PNG file of @image, drawn by rex_export_draw_image(), with
 * @description embedded: exactly the bytes rex_export_png_bytes() gives for
 * the same chart and options, without drawing again or needing the chart. */
GBytes      *rex_export_encode_png           (cairo_surface_t        *image,
                                              gboolean                transparent,
                                              const char             *description,
                                              gsize                   length,
                                              GError                **error);
/* Renders @chart in @options->format to memory: exactly the bytes that
 * rex_export_to_file() writes. Checks @cancellable between the steps. */
GBytes      *rex_export_to_bytes             (RexChart               *chart,
                                              const RexExportOptions *options,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* Writes @chart to @file in @options->format, atomically. Thread-safe as long
 * as no other thread uses @chart at the same time. */
gboolean     rex_export_to_file              (RexChart               *chart,
                                              GFile                  *file,
                                              const RexExportOptions *options,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* Writes @bytes to @file through a temporary file in the same folder that is
 * renamed into place; on failure or cancellation the temporary file is removed
 * and an existing @file is left as it was. */
gboolean     rex_export_write_atomically     (GFile                  *file,
                                              GBytes                 *bytes,
                                              GCancellable           *cancellable,
                                              GError                **error);

/* Takes the next piece of a file being written; FALSE with @error when it
 * cannot (the write failed or was cancelled). */
typedef gboolean (*RexExportSink)     (const void     *data,
                                       gsize           length,
                                       gpointer        sink_data,
                                       GError        **error);
/* Hands a file to @sink piece by piece; FALSE with @error (when @sink gave
 * none, the file's write error is reported) to give up. */
typedef gboolean (*RexExportProducer) (RexExportSink   sink,
                                       gpointer        sink_data,
                                       gpointer        user_data,
                                       GError        **error);
/* Writes what @produce hands its sink to @file, as
 * rex_export_write_atomically() writes bytes: for a file too large to hold
 * whole in memory. */
gboolean     rex_export_write_atomically_from (GFile              *file,
                                               RexExportProducer   produce,
                                               gpointer            produce_data,
                                               GCancellable       *cancellable,
                                               GError            **error);

/* The data behind @chart as RFC 4180 CSV (see docs/export.md). */
GBytes      *rex_export_csv_bytes            (RexChart               *chart,
                                              GError                **error);
/* Writes every value of @dataset to @file as one long RFC 4180 CSV table,
 * a row per value: region (names, id, kind), metric (names, id, units),
 * year (empty for an undated value), value, qualifier, status, note and
 * source (citation, address); see docs/export.md. The rows go to the file
 * a megabyte at a time, atomically, as rex_export_write_atomically_from()
 * writes. */
gboolean     rex_export_dataset_csv          (RexDataset             *dataset,
                                              GFile                  *file,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* A cell of a chart's table as the CSV writes it for a spreadsheet, without
 * the CSV quoting: a number with binary noise to 15 significant digits, a
 * text a spreadsheet would run as a formula behind a single quote. */
char        *rex_export_spreadsheet_cell     (const char             *field);

/* Reads the metadata embedded in a PNG, SVG or PDF written by
 * rex_export_to_file(). */
RexExportMetadata *rex_export_read_metadata  (GFile                  *file,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* The same, from the bytes of a file of @format (PNG, SVG or PDF) named
 * @name in messages: for readers that have no file, and for fuzzing. */
RexExportMetadata *rex_export_read_metadata_from_bytes (GBytes          *bytes,
                                                        RexExportFormat  format,
                                                        const char      *name,
                                                        GError         **error);
void         rex_export_metadata_free        (RexExportMetadata      *metadata);
/* Shorthand for rex_export_read_metadata(): the spec, and optionally the
 * dataset's title and checksum (each nullable, free with g_free()). */
RexChartSpec *rex_export_read_spec           (GFile                  *file,
                                              char                  **dataset_title,
                                              char                  **dataset_checksum,
                                              GError                **error);

/* The fonts an export with @options will measure its text with, loaded on
 * a thread of their own into the calling thread's default Pango font map
 * (see rex-export-fonts.c), for a program
 * that has other work meanwhile (the command line reads its dataset).
 * Nothing may use Pango until rex_export_fonts_wait() has returned; it
 * changes nothing drawn, only how soon. NULL (nothing to wait for) for CSV. */
typedef struct _RexExportFonts RexExportFonts;

/* Creates the calling thread's Pango font map, which starts reading
 * fontconfig's configuration on a thread of Pango's own: called first
 * thing by a program that is about to draw an export. */
void         rex_export_fonts_begin          (void);
RexExportFonts *rex_export_fonts_prepare     (const RexExportOptions *options);
void         rex_export_fonts_wait           (RexExportFonts         *fonts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexExportMetadata, rex_export_metadata_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexExportFonts, rex_export_fonts_wait)

G_END_DECLS
