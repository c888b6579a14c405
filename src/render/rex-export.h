/* rex-export.h — writing a chart to a file, atomically.
 *
 * Files are written to a temporary file in the target folder and renamed into
 * place, so a failed export leaves no partial file and an existing file intact.
 */
#pragma once

#include <gio/gio.h>

#include "rex-chart.h"

G_BEGIN_DECLS

typedef enum
{
  REX_EXPORT_FORMAT_PNG,
  REX_EXPORT_FORMAT_SVG,
  REX_EXPORT_FORMAT_PDF,
  REX_EXPORT_FORMAT_CSV,
  REX_EXPORT_FORMAT_LAST
} RexExportFormat;

typedef struct
{
  RexExportFormat  format;
  double           width;    /* chart units */
  double           height;
  double           scale;    /* PNG pixel density: 1, 2, 3 */
  RexChartStyle   *style;    /* not owned */
} RexExportOptions;

/* The format for a file name's extension; FALSE if it has none we write. */
gboolean     rex_export_format_from_filename (const char       *filename,
                                              RexExportFormat  *format);
const char  *rex_export_format_to_string     (RexExportFormat   format);

/* Renders @chart to an in-memory PNG (for the clipboard and tests). */
GBytes      *rex_export_png_bytes            (RexChart               *chart,
                                              const RexExportOptions *options,
                                              GError                **error);
/* Writes @chart to @file in @options->format. */
gboolean     rex_export_to_file              (RexChart               *chart,
                                              GFile                  *file,
                                              const RexExportOptions *options,
                                              GCancellable           *cancellable,
                                              GError                **error);

G_END_DECLS
