/* rex-table-import-private.h — what the table import's files share: the
 * instance struct and the records it reads into, and the functions one
 * file calls in another.
 *
 * rex-table-import.c          the object, options, progress, the steps in order, the API
 * rex-table-import-text.c     problems, decoding, splitting into cells, reading cells
 * rex-table-import-workbook.c an Excel workbook's sheet as the text of a table
 * rex-table-import-values.c   years, numbers, header and footer lines, units
 * rex-table-import-metrics.c  header cell roles, metric ids, names and options
 * rex-table-import-regions.c  region labels matched to the registry
 * rex-table-import-shapes.c   reading the wide, years-in-rows and long shapes
 * rex-table-import-build.c    the dataset built from what was read */
#pragma once

#include <string.h>

#include "rex-model-private.h"
#include "rex-region-registry.h"
#include "rex-table-import.h"
#include "rex-zip.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 offset;   /* in the text: where the cell starts (its quote, if quoted) */
  guint32 length;   /* of the content */
  guint32 content;  /* offset of the content: in the text, or with
                     * CELL_IN_ARENA in the unescaped arena */
} Cell;

#define CELL_IN_ARENA 0x80000000u

typedef struct
{
  guint   first;    /* index of its first cell */
  guint   n;
  guint32 offset;   /* in the text */
  int     line;
} Row;

/* A line starting with '#': a comment, read as a note, not as cells. */
typedef struct
{
  guint32 offset;   /* in the text: the comment's text, after the '#'s and spaces */
  guint32 length;
  int     line;
} Comment;

typedef enum
{
  ROLE_NONE,
  ROLE_REGION,
  ROLE_CODE,
  ROLE_YEAR,
  ROLE_METRIC,
  ROLE_VALUE,
  ROLE_UNIT,
  ROLE_SOURCE,
} Role;

typedef struct
{
  char          *id;
  char          *name;
  char          *name_zh;
  RexRegionKind  kind;
  char          *parent_id;
} RegionInfo;

typedef struct
{
  char       *label;      /* as the table names it (a long table's metric cell), or NULL */
  gsize       label_length;
  char       *id;
  char       *name;
  char       *name_zh;
  char       *unit;
  gboolean    percent;
  RexCombine  combine;
  char       *weight_id;
  guint       n_values;
  gboolean    all_fractions;
  gboolean    name_from_file;   /* the table names it nowhere */
  gboolean    percent_given;   /* the options say whether it is a percentage */
  gboolean    beyond_share;    /* a value outside 0–100: not a share of a whole */
  double      beyond_value;    /* the first such value, and its cell */
  guint       beyond_row;
  guint       beyond_cell;
} MetricInfo;

typedef struct
{
  double  value;
  int     year;     /* 0: undated */
  guint16 source;
  guint   row;
  guint   cell;
} Point;

/* A growing array of points: appending is the inner loop of reading a
 * table, so it is a store and a compare, not a call. */
typedef struct
{
  Point  *data;
  guint   len;
  guint   size;
} Points;

typedef struct
{
  guint64 key;      /* region << 32 | metric, the key of the table of pendings */
  guint   region;   /* index into regions */
  guint   metric;   /* index into metrics */
  guint   row;      /* where the series was named */
  guint   cell;
  Points  points_;
  Points *points;
} Pending;

struct _RexTableImport
{
  GObject        parent_instance;

  char          *display_name;
  char          *encoding;
  gboolean       encoding_detected;
  char         **sheet_names;    /* of a workbook: all its sheets; NULL for text */
  guint          sheet_number;   /* the sheet read, from 1 */
  char          *text;
  gsize          text_len;
  GString       *arena;
  GArray        *cells;          /* Cell */
  GArray        *rows;           /* Row */
  GArray        *comments;       /* Comment */
  guint          column_margin;  /* empty columns left of the table, dropped */
  char           delimiter;
  RexTableShape  shape;
  gboolean       metric_columns; /* a metric per column (wide or long) */
  GArray        *column_status;  /* guint8 RexValueStatus per column of a wide table's
                                  * years, from its header's note ("2024年(初步)") */

  /* header and footer lines */
  char          *database;
  char          *header_metric;
  char          *header_unit;
  char          *publisher;
  GString       *note;
  char          *title_line;
  char          *header_region;  /* 地区：广东省 */
  const RexRegistryEntry *context_province;

  GPtrArray     *metrics;        /* MetricInfo */
  GPtrArray     *region_infos;   /* RegionInfo */
  GHashTable    *region_by_id;   /* id → index + 1 in region_infos */
  GHashTable    *label_cache;    /* label → index + 1 in region_infos, or 0 for unknown */
  GPtrArray     *pending;        /* Pending */
  GPtrArray     *source_names;   /* publishers of the long shape's source column */
  gboolean       looks_like_fractions;
  guint          n_marked;       /* values with a footnote mark */
  guint          first_marked_row;
  guint          first_marked_cell;
  gboolean       country_codes;  /* a table of countries: others than China are left out */
  guint          n_outside;      /* places outside China, left out */
  guint          first_outside_row;
  guint          first_outside_cell;

  GPtrArray     *regions;        /* RexTableRegion */
  GPtrArray     *errors;
  GPtrArray     *warnings;
  guint          n_dropped;
  RexDataset    *dataset;

  const RexTableImportOptions *options;
  GCancellable  *cancellable;
  RexTableProgress *progress;
};

/* What a number cell holds. */
typedef enum
{
  NUMBER_OK,
  NUMBER_MARKED,    /* a number with a footnote mark after it, dropped */
  NUMBER_MISSING,
  NUMBER_BAD,
} NumberResult;

/* Where a cell's problem is: its line and column. */
#define cell_error(self, row, cell, ...) \
  G_STMT_START { int l_, c_; rex_table_import_cell_position (self, row, cell, &l_, &c_); \
                 rex_table_import_add_problem (self, TRUE, l_, c_, __VA_ARGS__); } G_STMT_END
#define cell_warning(self, row, cell, ...) \
  G_STMT_START { int l_, c_; rex_table_import_cell_position (self, row, cell, &l_, &c_); \
                 rex_table_import_add_problem (self, FALSE, l_, c_, __VA_ARGS__); } G_STMT_END

/* A cell's text, trimmed, and its length; inline, since it is the inner
 * loop of reading a table. */
static inline const char *
rex_table_import_cell_data (RexTableImport *self,
                            guint           row,
                            guint           index,
                            gsize          *length)
{
  const Row *r = &g_array_index (self->rows, Row, row);
  const Cell *cell;
  const char *data;

  if (index >= r->n)
    {
      *length = 0;
      return "";
    }
  cell = &g_array_index (self->cells, Cell, r->first + index);
  data = cell->content & CELL_IN_ARENA ? self->arena->str + (cell->content & ~CELL_IN_ARENA)
                                       : self->text + cell->content;
  *length = cell->length;

  /* Trim spaces: ASCII, no-break (U+00A0) and ideographic (U+3000). Most
   * cells have none: one look at each end. */
  if (*length == 0 || (!g_ascii_isspace (data[0]) && (guchar) data[0] != 0xC2 && (guchar) data[0] != 0xE3
                       && !g_ascii_isspace (data[*length - 1]) && (guchar) data[*length - 1] != 0xA0
                       && (guchar) data[*length - 1] != 0x80))
    return data;
  for (;;)
    {
      if (*length > 0 && g_ascii_isspace (data[0]))
        data++, (*length)--;
      else if (*length >= 2 && memcmp (data, "\xC2\xA0", 2) == 0)
        data += 2, *length -= 2;
      else if (*length >= 3 && memcmp (data, "\xE3\x80\x80", 3) == 0)
        data += 3, *length -= 3;
      else
        break;
    }
  for (;;)
    {
      if (*length > 0 && g_ascii_isspace (data[*length - 1]))
        (*length)--;
      else if (*length >= 2 && memcmp (data + *length - 2, "\xC2\xA0", 2) == 0)
        *length -= 2;
      else if (*length >= 3 && memcmp (data + *length - 3, "\xE3\x80\x80", 3) == 0)
        *length -= 3;
      else
        break;
    }
  return data;
}

/* rex-table-import.c */
void          rex_table_import_report_progress       (RexTableImport       *self,
                                                      RexTableProgressUnit  unit,
                                                      guint64               done,
                                                      guint64               total);
void          rex_table_import_region_info_free      (RegionInfo *info);

/* rex-table-import-text.c */
void          rex_table_import_add_problem           (RexTableImport *self,
                                                      gboolean        is_error,
                                                      int             line,
                                                      int             column,
                                                      const char     *format,
                                                      ...) G_GNUC_PRINTF (5, 6);
void          rex_table_import_cell_position         (RexTableImport *self,
                                                      guint           row,
                                                      guint           cell,
                                                      int            *line,
                                                      int            *column);
gboolean      rex_table_import_read_text             (RexTableImport *self,
                                                      const char     *data,
                                                      gsize           size,
                                                      GError        **error);
gboolean      rex_table_import_split                 (RexTableImport *self,
                                                      GError        **error);
char         *rex_table_import_cell_dup              (RexTableImport *self,
                                                      guint           row,
                                                      guint           index);
gboolean      rex_table_import_cell_is_empty         (RexTableImport *self,
                                                      guint           row,
                                                      guint           index);
guint         rex_table_import_row_n_filled          (RexTableImport *self,
                                                      guint           row,
                                                      guint          *last);
gboolean      rex_table_import_row_is_wider          (RexTableImport *self,
                                                      guint           row,
                                                      guint           n_columns);
char         *rex_table_import_quote                 (const char *s,
                                                      gsize       length);

/* rex-table-import-workbook.c: .xlsx, and what an .xls shares with it */
typedef enum
{
  FORMAT_NUMBER,
  FORMAT_PERCENT,
  FORMAT_DATE,
} Format;

gboolean      rex_table_import_is_workbook           (const char     *data,
                                                      gsize           size);
gboolean      rex_table_import_read_workbook         (RexTableImport *self,
                                                      const char     *data,
                                                      gsize           size,
                                                      const char     *sheet,
                                                      GError        **error);
char         *rex_table_import_read_part             (RexTableImport *self,
                                                      const RexZip   *zip,
                                                      const char     *name,
                                                      gboolean        optional,
                                                      gsize          *length,
                                                      GError        **error);
gboolean      rex_table_import_parse_part            (RexTableImport      *self,
                                                      const char          *part,
                                                      const char          *text,
                                                      gsize                length,
                                                      const GMarkupParser *parser,
                                                      gpointer             data,
                                                      GError             **error);
const char   *rex_table_import_local_name            (const char     *name);
const char   *rex_table_import_attribute             (const char     *name,
                                                      const char    **names,
                                                      const char    **values);
void          rex_table_import_set_damaged           (RexTableImport *self,
                                                      const char     *part,
                                                      const char     *what,
                                                      GError        **error);
Format        rex_table_import_format_of_code        (const char     *code);
Format        rex_table_import_format_of_id          (GHashTable     *custom,
                                                      guint           id);
char         *rex_table_import_number_text           (double          number,
                                                      Format          format,
                                                      gboolean        date1904);
void          rex_table_import_append_cell           (GString        *out,
                                                      const char     *text);
gboolean      rex_table_import_holds_table           (const char     *text);
/* Reads the sheet @index of a workbook into @out, as CSV text. */
typedef gboolean (*RexSheetReader) (RexTableImport *self,
                                    guint           index,
                                    GString        *out,
                                    gpointer        data,
                                    GError        **error);
gboolean      rex_table_import_take_first_table      (RexTableImport  *self,
                                                      GPtrArray       *names,
                                                      const char      *part,
                                                      const char      *wanted,
                                                      RexSheetReader   reader,
                                                      gpointer         data,
                                                      GError         **error);

/* rex-table-import-ods.c */
gboolean      rex_table_import_read_ods              (RexTableImport *self,
                                                      const RexZip   *zip,
                                                      const char     *sheet,
                                                      GError        **error);

/* rex-table-import-html.c */
gboolean      rex_table_import_is_html               (const char     *text,
                                                      gsize           length);
gboolean      rex_table_import_read_html             (RexTableImport *self,
                                                      GError        **error);

/* rex-table-import-xls.c */
gboolean      rex_table_import_read_xls              (RexTableImport *self,
                                                      const char     *data,
                                                      gsize           size,
                                                      const char     *sheet,
                                                      GError        **error);

/* rex-table-import-values.c */
gboolean      rex_table_import_parse_year            (const char *s,
                                                      gsize       length,
                                                      int        *year);
RexValueStatus rex_table_import_year_status           (const char *s,
                                                      gsize       length);
gboolean      rex_table_import_is_part_of_year       (const char *s,
                                                      gsize       length);
gboolean      rex_table_import_split_year            (const char *s,
                                                      gsize       length,
                                                      int        *year,
                                                      char      **rest);
NumberResult  rex_table_import_parse_number          (const char *s,
                                                      gsize       length,
                                                      double     *value);
void          rex_table_import_report_bad_number     (RexTableImport *self,
                                                      guint           row,
                                                      guint           cell,
                                                      const char     *s,
                                                      gsize           length);
void          rex_table_import_split_unit            (const char  *text,
                                                      char       **name,
                                                      char       **unit);
void          rex_table_import_read_meta             (RexTableImport *self,
                                                      guint          *first,
                                                      guint          *last);

/* rex-table-import-metrics.c */
Role          rex_table_import_header_role           (const char *s,
                                                      gsize       length);
char         *rex_table_import_sanitize_id           (const char *name);
gboolean      rex_table_import_has_non_ascii         (const char *s);
gboolean      rex_table_import_metric_id_taken       (RexTableImport *self,
                                                      const char     *id);
void          rex_table_import_unit_from_cells       (RexTableImport *self);
void          rex_table_import_apply_metric_options  (RexTableImport *self);
guint         rex_table_import_get_metric            (RexTableImport *self,
                                                      const char     *name,
                                                      const char     *unit);

/* rex-table-import-regions.c */
void          rex_table_import_find_context_province (RexTableImport *self);
int           rex_table_import_match_region          (RexTableImport *self,
                                                      guint           row,
                                                      guint           cell,
                                                      const char     *label,
                                                      const char     *other_label);

/* rex-table-import-shapes.c */
guint         rex_table_import_pair_hash             (gconstpointer key);
void          rex_table_import_read_regions_in_rows  (RexTableImport *self,
                                                      guint           header,
                                                      guint           last,
                                                      GHashTable     *by_pair);
void          rex_table_import_read_years_in_rows    (RexTableImport *self,
                                                      guint           header,
                                                      guint           last,
                                                      GHashTable     *by_pair);
void          rex_table_import_find_country_codes    (RexTableImport *self,
                                                      guint           header,
                                                      guint           last,
                                                      int             code_col);
void          rex_table_import_join_header_rows      (RexTableImport *self,
                                                      guint          *first,
                                                      guint           last);
void          rex_table_import_read_long             (RexTableImport *self,
                                                      guint           header,
                                                      guint           last,
                                                      GHashTable     *by_pair);
RexTableShape rex_table_import_detect_shape          (RexTableImport *self,
                                                      guint           header,
                                                      guint           last);

/* rex-table-import-build.c */
void          rex_table_import_check_values          (RexTableImport *self);
void          rex_table_import_build_dataset         (RexTableImport *self,
                                                      GBytes         *bytes);

G_END_DECLS
