/* rex-table-import.h — statistics tables (CSV, TSV) read into a dataset.
 *
 * One call reads a table and returns everything an import dialog shows and
 * the command line prints: the encoding it was read in (and whether that
 * was detected), the shape, each region label with the region it names or
 * suggestions, every problem with its line and column, and — when nothing
 * blocks it — the dataset. Changing an option and importing again is how a
 * dialog lets the user override a choice.
 */
#pragma once

#include <gio/gio.h>

#include "rex-dataset.h"

G_BEGIN_DECLS

/* Limits on tables (docs/importing.md), checked while reading, so a hostile
 * file stops with a message instead of filling memory. */
#define REX_TABLE_MAX_FILE_SIZE  REX_DATASET_MAX_FILE_SIZE
#define REX_TABLE_MAX_COLUMNS    10000
#define REX_TABLE_MAX_ROWS       1000000
#define REX_TABLE_MAX_CELLS      10000000
#define REX_TABLE_MAX_CELL       (64 * 1024)

typedef enum
{
  REX_TABLE_SHAPE_AUTO,
  REX_TABLE_SHAPE_REGIONS_IN_ROWS,   /* 地区,2024年,2023年… (columns that are not years:
                                      * one metric each, undated) */
  REX_TABLE_SHAPE_YEARS_IN_ROWS,     /* 年份,北京,天津… */
  REX_TABLE_SHAPE_LONG,              /* region,year,metric,value[,unit][,source], or region,year,METRIC… */
} RexTableShape;

/* What the user says of a metric of the table; NULL (and -1) leave it to
 * the table. */
typedef struct
{
  char *id;         /* NULL: from the header, else the file name */
  char *name;
  char *name_zh;
  char *unit;
  int   percent;    /* -1: from the unit; 0 or 1 */
  int   combine;    /* -1: from the name and unit; else a RexCombine */
  char *weight_id;  /* the metric weighting a mean */
} RexTableMetricOptions;

typedef struct
{
  char          *encoding;         /* iconv name ("GB18030", "UTF-8"); NULL detects */
  char          *sheet;            /* of an Excel workbook: a sheet's name or number
                                    * from 1; NULL the first */
  char           delimiter;        /* ',' or '\t'; 0 from the file name, else the content */
  RexTableShape  shape;
  RexTableMetricOptions metric;    /* the table's metric, when it has one */
  GHashTable    *metrics;          /* in a table of several metrics, the label of
                                    * one (rex_table_import_get_metric_label())
                                    * → RexTableMetricOptions; nullable */
  gboolean       scale_fractions;  /* percent values given as fractions: × 100 */
  char          *publisher;        /* NULL: the table's 数据来源 line */
  char          *source_title;
  char          *source_date;
  char          *source_url;
  gboolean       skip_unknown;     /* leave out rows of unknown regions (still reported) */
  GHashTable    *region_map;       /* label → region id the user chose; nullable */
} RexTableImportOptions;

RexTableImportOptions *rex_table_import_options_new     (void);
RexTableImportOptions *rex_table_import_options_copy    (const RexTableImportOptions *options);
void                   rex_table_import_options_free    (RexTableImportOptions *options);
/* The options of the metric the table labels @label, made on first use;
 * with @label NULL, options->metric (for a table of one metric). */
RexTableMetricOptions *rex_table_import_options_get_metric (RexTableImportOptions *options,
                                                            const char            *label);
/* Imports @label as region @region_id (a registry id, or any id). */
void                   rex_table_import_options_map_region (RexTableImportOptions *options,
                                                            const char            *label,
                                                            const char            *region_id);

/* A region label of the table and what it was matched to. */
typedef struct
{
  char          *label;
  int            line;
  int            column;
  char          *region_id;    /* NULL when unknown */
  RexRegionKind  kind;
  char         **suggestions;  /* "广东省 (CN-GD)", best first; empty when known */
} RexTableRegion;

/* How far an import running in another thread has got, read by the
 * thread that shows it: bytes of the file while it is split into cells,
 * then rows while they are read. Reference-counted, thread-safe. */
typedef struct _RexTableProgress RexTableProgress;

typedef enum
{
  REX_TABLE_PROGRESS_BYTES,
  REX_TABLE_PROGRESS_ROWS,
} RexTableProgressUnit;

RexTableProgress *rex_table_progress_new   (void);
RexTableProgress *rex_table_progress_ref   (RexTableProgress *progress);
void              rex_table_progress_unref (RexTableProgress *progress);
/* @total is 0 before the import has started. */
void              rex_table_progress_get   (RexTableProgress     *progress,
                                            RexTableProgressUnit *unit,
                                            guint64              *done,
                                            guint64              *total);

#define REX_TYPE_TABLE_IMPORT (rex_table_import_get_type ())
G_DECLARE_FINAL_TYPE (RexTableImport, rex_table_import, REX, TABLE_IMPORT, GObject)

/* Reads @bytes as a table. Returns NULL with @error only when the bytes
 * cannot be read as a table at all (over a limit, binary, an encoding that
 * does not decode them, cancelled); otherwise a result, whose dataset is
 * NULL when it has errors. @options may be NULL (the defaults). */
RexTableImport *rex_table_import_new            (GBytes                      *bytes,
                                                 const char                  *display_name,
                                                 const RexTableImportOptions *options,
                                                 GCancellable                *cancellable,
                                                 GError                     **error);
/* Reads @file (regular files within the size limit only) and imports it. */
RexTableImport *rex_table_import_new_from_file  (GFile                       *file,
                                                 const RexTableImportOptions *options,
                                                 GCancellable                *cancellable,
                                                 GError                     **error);
/* rex_table_import_new_from_file() in a worker thread (GTask), which
 * counts what it has read in @progress (nullable). */
void            rex_table_import_file_async     (GFile                       *file,
                                                 const RexTableImportOptions *options,
                                                 RexTableProgress            *progress,
                                                 GCancellable                *cancellable,
                                                 GAsyncReadyCallback          callback,
                                                 gpointer                     user_data);
RexTableImport *rex_table_import_file_finish    (GAsyncResult                *result,
                                                 GError                     **error);

/* TRUE for names ending in .csv or .tsv (any case). */
gboolean        rex_table_import_is_table_name  (const char *name);

/* The dataset of a table, as rex_dataset_new_from_bytes() gives that of a
 * JSON file: NULL with @error (the first error) and *@problems (every error,
 * then the warnings, each message starting "warning: ", translated) when it
 * has errors. */
RexDataset     *rex_dataset_new_from_table      (GBytes                      *bytes,
                                                 const char                  *display_name,
                                                 const RexTableImportOptions *options,
                                                 GCancellable                *cancellable,
                                                 GPtrArray                  **problems,
                                                 GError                     **error);

const char     *rex_table_import_get_display_name (RexTableImport *self);
/* "UTF-8" or "GB18030" (or the name given in the options). */
const char     *rex_table_import_get_encoding     (RexTableImport *self);
/* TRUE when the encoding was detected rather than given. */
gboolean        rex_table_import_get_encoding_detected (RexTableImport *self);
/* Of an Excel workbook (.xlsx): the sheet read, and how many it has; NULL
 * and 0 for a text table. */
const char     *rex_table_import_get_sheet        (RexTableImport *self);
guint           rex_table_import_get_sheet_number (RexTableImport *self);
guint           rex_table_import_get_n_sheets     (RexTableImport *self);
/* The names of a workbook's sheets, in order; NULL for a text table. */
const char * const *rex_table_import_get_sheet_names (RexTableImport *self);
char            rex_table_import_get_delimiter    (RexTableImport *self);
RexTableShape   rex_table_import_get_shape        (RexTableImport *self);
/* TRUE when the table has a metric in each column: of regions in rows,
 * with no year columns (地区,土地面积,gdp_2024), or long, with no value
 * column (region,year,gdp,population). */
gboolean        rex_table_import_get_metric_columns (RexTableImport *self);
const char     *rex_table_import_shape_to_string  (RexTableShape   shape);
/* The decoded text (the first @max_bytes at most, cut at a character). */
char           *rex_table_import_get_text         (RexTableImport *self,
                                                   gsize           max_bytes);
/* The parsed cells, for a preview: rows include header and footer lines. */
guint           rex_table_import_get_n_rows       (RexTableImport *self);
guint           rex_table_import_get_n_cells      (RexTableImport *self,
                                                   guint           row);
/* A new string; NULL when out of range. */
char           *rex_table_import_dup_cell         (RexTableImport *self,
                                                   guint           row,
                                                   guint           column);
/* Line of the file where @row starts (1-based). */
int             rex_table_import_get_row_line     (RexTableImport *self,
                                                   guint           row);
/* The table's metrics: how many, and for each the name the table gives
 * it (its column header without the year, or its metric cell; NULL for
 * the one metric of a table of years), and its id, name, Chinese name
 * (NULL when none) and unit as they will be imported. */
guint           rex_table_import_get_n_metrics    (RexTableImport *self);
const char     *rex_table_import_get_metric_label (RexTableImport *self,
                                                   guint           metric);
const char     *rex_table_import_get_metric_id    (RexTableImport *self,
                                                   guint           metric);
const char     *rex_table_import_get_metric_name  (RexTableImport *self,
                                                   guint           metric);
const char     *rex_table_import_get_metric_name_zh (RexTableImport *self,
                                                     guint           metric);
const char     *rex_table_import_get_unit         (RexTableImport *self,
                                                   guint           metric);
gboolean        rex_table_import_get_percent      (RexTableImport *self,
                                                   guint           metric);
RexCombine      rex_table_import_get_combine      (RexTableImport *self,
                                                   guint           metric);
/* The publisher named by the table (数据来源), or NULL. */
const char     *rex_table_import_get_publisher    (RexTableImport *self);
/* The title the table gives its source: its database and metric lines,
 * its title line, else the file's name. */
char           *rex_table_import_dup_title        (RexTableImport *self);
/* TRUE when the values of a percent metric all lie within 0–1. */
gboolean        rex_table_import_get_looks_like_fractions (RexTableImport *self);
/* RexTableRegion of every region label, in table order. */
GPtrArray      *rex_table_import_get_regions      (RexTableImport *self);
/* How many regions the table gives figures of, each counted once: the
 * groups its dataset adds (the nation, the macro-regions…) are not. */
guint           rex_table_import_count_regions    (RexTableImport *self);
/* RexDatasetProblem: errors block the import, warnings do not. */
GPtrArray      *rex_table_import_get_errors       (RexTableImport *self);
GPtrArray      *rex_table_import_get_warnings     (RexTableImport *self);
/* The imported dataset (not a reference), or NULL when there are errors. */
RexDataset     *rex_table_import_get_dataset      (RexTableImport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexTableImportOptions, rex_table_import_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexTableProgress, rex_table_progress_unref)

G_END_DECLS
