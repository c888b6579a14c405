/* rex-chart.h — a chart: a dataset and a spec, laid out for a size and drawn
 * with Cairo. The same object draws the widget, every export and the tests.
 *
 *   chart = rex_chart_new (dataset, spec, &error);   // checks the spec
 *   rex_chart_draw (chart, cr, width, height, style); // lays out if needed
 *   rex_chart_hit_test (chart, x, y, &hit);           // for tooltips
 *
 * Layout is cached per size and style and recomputed only when they change.
 */
#pragma once

#include <cairo.h>

#include "rex-chart-spec.h"
#include "rex-chart-style.h"

G_BEGIN_DECLS

#define REX_CHART_ERROR (rex_chart_error_quark ())

typedef enum
{
  REX_CHART_ERROR_UNKNOWN_METRIC,
  REX_CHART_ERROR_UNKNOWN_REGION,
  REX_CHART_ERROR_NO_DATA,        /* e.g. a year in which the metric has no value */
  REX_CHART_ERROR_INVALID,        /* a spec that cannot be drawn */
  REX_CHART_ERROR_EXPORT,         /* writing a file failed */
} RexChartError;

/* One data item on a chart: what tooltips, selection and the table speak of. */
typedef struct
{
  RexRegion  *region;     /* not a reference; NULL for items that are not regions */
  RexTransportCircle *circle; /* not a reference; set for transport-circle items */
  const char *metric_id;
  const char *label;      /* display label when region is NULL */
  int         year;
  double      value;      /* NaN when the item is a "no data" item */
  double      x, y;       /* anchor in chart units, for keyboard focus and tooltips */
  guint       index;      /* position among the chart's items */
} RexChartItem;

#define REX_TYPE_CHART (rex_chart_get_type ())
G_DECLARE_FINAL_TYPE (RexChart, rex_chart, REX, CHART, GObject)

GQuark              rex_chart_error_quark (void);

/* Checks @spec against @dataset (metrics, regions, year) and prepares the data. */
RexChart           *rex_chart_new         (RexDataset          *dataset,
                                           const RexChartSpec  *spec,
                                           GError             **error);
/* A chart of the same dataset and spec (and a table's rows), writing
 * numbers as @self does, that only the caller uses: drawn at another size,
 * or in another thread. */
RexChart           *rex_chart_copy        (RexChart            *self,
                                           GError             **error);
RexDataset         *rex_chart_get_dataset (RexChart            *self);
const RexChartSpec *rex_chart_get_spec    (RexChart            *self);
/* The sources of the figures drawn, in the order the chart's footer names
 * them (not references). */
guint               rex_chart_get_n_sources (RexChart          *self);
RexSource          *rex_chart_get_source    (RexChart          *self,
                                             guint              index);

/* Draws the whole chart into @cr over (0, 0, width, height). */
void                rex_chart_draw        (RexChart            *self,
                                           cairo_t             *cr,
                                           double               width,
                                           double               height,
                                           const RexChartStyle *style);
/* Lays the chart out for a size and style without drawing it, so that its
 * items are known before the first frame (rex_chart_draw() then reuses the
 * layout). */
void                rex_chart_layout      (RexChart            *self,
                                           double               width,
                                           double               height,
                                           const RexChartStyle *style);
/* Draws only the hover/focus marker of @item over an already drawn chart. */
void                rex_chart_draw_hover  (RexChart            *self,
                                           cairo_t             *cr,
                                           const RexChartItem  *item,
                                           const RexChartStyle *style);
/* The item under (x, y) of the last layout; FALSE when none. */
gboolean            rex_chart_hit_test    (RexChart            *self,
                                           double               x,
                                           double               y,
                                           RexChartItem        *item);
/* Items of the last layout in reading order (keyboard navigation). */
guint               rex_chart_get_n_items (RexChart            *self);
gboolean            rex_chart_get_item    (RexChart            *self,
                                           guint                index,
                                           RexChartItem        *item);

/* A chart printed on pages: from 1, the page rex_chart_draw() draws, which
 * holds the rows (a table's, a profile's metrics) after those of the pages
 * before it; 0, the default, draws one picture, as an export does: the
 * rows that fit and a line saying how many more there are. */
void                rex_chart_set_page    (RexChart            *self,
                                           guint                page);
/* How many pages, each @width × @height with the title and footer, hold
 * every row of the chart; 1 for kinds that draw everything at any size. */
guint               rex_chart_get_n_pages (RexChart            *self,
                                           double               width,
                                           double               height,
                                           const RexChartStyle *style);

/* The least height at which the chart, @width wide, draws every label
 * (a ranking's region names), 200 at least; 0 for kinds that draw every
 * label at any height. The chart keeps the layout it had. */
double              rex_chart_get_min_height (RexChart            *self,
                                              double               width,
                                              const RexChartStyle *style);

/* @item's value as tooltips and Copy Value write it: with its qualifier
 * and unit ("≈141,489 (100 million yuan)"), or as a plain number when the
 * item has no metric. */
char               *rex_chart_format_item_value (RexChart           *self,
                                                 const RexChartItem *item);

/* What the chart plots of @item when that is not its figure (which
 * rex_chart_format_item_value() writes) but the change since a base year:
 * "+9.2 % since 2015"; NULL when it plots the figure itself. */
char               *rex_chart_describe_item_change (RexChart           *self,
                                                    const RexChartItem *item);

/* Non-NULL when the chart has nothing to draw (e.g. no value in that year):
 * the message the chart shows instead. */
const char         *rex_chart_get_empty_message (RexChart *self);

/* Title and subtitle as drawn, and a sentence describing the chart for screen
 * readers ("Ranked bars of GDP in 2024: Guangdong highest at …"). */
/* The number format of the style the chart was last laid out with (AUTO
 * before that): what its descriptions, legend and Copy Value write, and
 * what an export of the chart as seen should be drawn with. */
RexNumberFormat     rex_chart_get_number_format (RexChart *self);
/* Prepares the chart's numbers for @format now, rather than at its next
 * layout with a style of that format (for a description or an export of a
 * chart not drawn yet). */
void                rex_chart_set_number_format (RexChart        *self,
                                                 RexNumberFormat  format);
const char         *rex_chart_get_title       (RexChart *self);
const char         *rex_chart_get_subtitle    (RexChart *self);
char               *rex_chart_describe        (RexChart *self);
/* A sentence for screen readers saying everything the chart shows of one
 * item: "Guangdong, GDP 2024: 141,634 100 million yuan, rank 1 of 31, East". */
char               *rex_chart_describe_item   (RexChart           *self,
                                               const RexChartItem *item);

/* The entries of the chart's legend as drawn ("East", "1,200 – 4,500",
 * "no data"…), for screen readers: a new NULL-terminated array, empty
 * when the chart has no legend. */
char              **rex_chart_dup_legend      (RexChart *self);

/* The data behind the chart, as a table. */
typedef struct
{
  GPtrArray *columns;     /* char*: column titles (with units) */
  GPtrArray *rows;        /* GPtrArray of char* cells, already formatted for CSV (raw numbers) */
  char      *source_line; /* "Source: …" */
} RexChartTable;

RexChartTable      *rex_chart_get_table       (RexChart      *self);
/* An empty table: no columns, no rows, no source line. */
RexChartTable      *rex_chart_table_new       (void);
void                rex_chart_table_free      (RexChartTable *table);
/* Whether @cell is a finite number written as the table writes them (the
 * whole cell, in the C locale), stored in *@value. */
gboolean            rex_chart_table_parse_number (const char *cell,
                                                  double     *value);
/* Whether @column of @table holds numbers: one at least, and every cell
 * that is not empty one. */
gboolean            rex_chart_table_column_is_numeric (const RexChartTable *table,
                                                       guint                column);
/* A chart of kind table listing the data of @chart as @rows has it: the
 * rows of rex_chart_get_table (@chart) in another order, or with columns
 * left out, as the Table view shows them. Takes @rows. */
RexChart           *rex_chart_new_table_view  (RexChart       *chart,
                                               RexChartTable  *rows,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexChartTable, rex_chart_table_free)

G_END_DECLS
