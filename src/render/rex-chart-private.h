/* rex-chart-private.h — what chart kinds share inside the render layer:
 * the per-kind vtable, the frame (title, footer, plot area), text and axis
 * helpers. Not installed, not used outside src/render.
 */
#pragma once

#include <pango/pangocairo.h>

#include "rex-chart.h"
#include "rex-rect.h"
#include "rex-scale.h"
#include "rex-value-format.h"

G_BEGIN_DECLS

/* The laid-out frame of a chart: sizes in chart units. */
typedef struct
{
  double               width, height;   /* the whole chart */
  double               x, y, w, h;      /* plot area inside title, legend and footer */
  double               em;              /* body font size */
  PangoContext        *pango;           /* for measuring and drawing text */
  const RexChartStyle *style;
  GArray              *fonts;           /* font descriptions by scale and weight (rex-chart.c) */
} RexChartFrame;

typedef struct
{
  RexChartKind kind;
  /* Gathers the data to draw, sets title/subtitle and the sources used.
   * Returns the kind's private data; NULL with @error on an invalid spec. */
  gpointer (*prepare)    (RexChart            *chart,
                          GError             **error);
  void     (*free_data)  (gpointer             data);
  /* Space the kind needs above the plot (legend rows), given the frame. */
  double   (*legend_height) (RexChart          *chart,
                             gpointer           data,
                             const RexChartFrame *frame);
  /* Computes positions for @frame and appends RexChartItem to @items. */
  void     (*layout)     (RexChart            *chart,
                          gpointer             data,
                          const RexChartFrame *frame,
                          GArray              *items);
  void     (*draw)       (RexChart            *chart,
                          gpointer             data,
                          cairo_t             *cr,
                          const RexChartFrame *frame);
  /* Optional: the default marks the item's anchor with a ring. */
  void     (*draw_hover) (RexChart            *chart,
                          gpointer             data,
                          cairo_t             *cr,
                          const RexChartFrame *frame,
                          const RexChartItem  *item);
  /* Returns the index of the item at (x, y) or -1. */
  int      (*hit_test)   (RexChart            *chart,
                          gpointer             data,
                          const RexChartFrame *frame,
                          double               x,
                          double               y);
  void     (*fill_table) (RexChart            *chart,
                          gpointer             data,
                          RexChartTable       *table);
  /* Optional: the least plot height (frame->h, with any axis under the
   * plot) at which every label is drawn; a row per region needs a line of
   * text each. */
  double   (*min_plot_height) (RexChart        *chart,
                               gpointer         data,
                               const RexChartFrame *frame);
  /* Optional, for kinds whose rows may not all fit: after layout, how
   * many pages of the laid-out size hold every row when the chart is
   * drawn page by page (rex_chart_get_page() from 1). */
  guint    (*n_pages)    (RexChart            *chart,
                          gpointer             data);
  /* Optional: a sentence for screen readers. */
  char    *(*describe)   (RexChart            *chart,
                          gpointer             data);
  /* Optional: a sentence for screen readers about one item of the layout;
   * the default names the item, its metric, year and value. */
  char    *(*describe_item) (RexChart           *chart,
                             gpointer            data,
                             const RexChartItem *item);
  /* Optional: what the chart plots of an item when that is not the item's
   * figure but its change since a base year, as a phrase ("+9.2 % since
   * 2015"); NULL for an item without one. */
  char    *(*describe_change) (RexChart           *chart,
                               gpointer            data,
                               const RexChartItem *item);
  /* Optional: appends the legend's entries as drawn to @entries (char*);
   * the default lists the colour key of colour-by. */
  void     (*legend)     (RexChart            *chart,
                          gpointer             data,
                          GPtrArray           *entries);
} RexChartKindImpl;

extern const RexChartKindImpl rex_chart_bars_impl;
extern const RexChartKindImpl rex_chart_lines_impl;
extern const RexChartKindImpl rex_chart_shares_impl;
extern const RexChartKindImpl rex_chart_progress_impl;
extern const RexChartKindImpl rex_chart_table_impl;
extern const RexChartKindImpl rex_chart_bubbles_impl;
extern const RexChartKindImpl rex_chart_map_impl;
extern const RexChartKindImpl rex_chart_profile_impl;

/* A table kind's data (@data) lists @rows from now on, which it takes. */
void rex_chart_table_kind_set_rows (gpointer       data,
                                    RexChartTable *rows);

/* The page of a chart printed on pages, from 1; 0 for a picture. */
guint rex_chart_get_page (RexChart *self);

/* Registers further kinds (called by rex-chart.c for the built-in ones). */
const RexChartKindImpl *rex_chart_lookup_impl (RexChartKind kind);

/* Used by kinds while laying out: appends to @items the item of @region
 * (NULL for one that is not a region) with @metric's (NULL: none) @value in
 * @year, anchored at (@x, @y). Returns it, valid until the next append, for
 * the fields that only some items have (label, circle). rex-chart.c numbers
 * the items once the layout is done. */
static inline RexChartItem *
rex_chart_append_item (GArray    *items,
                       RexRegion *region,
                       RexMetric *metric,
                       int        year,
                       double     value,
                       double     x,
                       double     y)
{
  RexChartItem item = {
    .region = region,
    .metric_id = metric != NULL ? rex_metric_get_id (metric) : NULL,
    .year = year,
    .value = value,
    .x = x,
    .y = y,
  };

  g_array_append_val (items, item);
  return &g_array_index (items, RexChartItem, items->len - 1);
}

/* Used by kinds while preparing. */
void         rex_chart_set_titles       (RexChart    *self,
                                         const char  *title,
                                         const char  *subtitle);
/* Replaces *@subtitle by @format filled in, a translated "%s · note" whose
 * first conversion takes the subtitle so far: "… · 3 regions without data
 * hidden". */
void         rex_chart_append_subtitle_note (char       **subtitle,
                                             const char  *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void         rex_chart_set_empty        (RexChart    *self,
                                         const char  *message);
/* Empties a chart of one metric's values across regions (a ranking, a map)
 * with a message saying why: the metric is the nation's only, or has no
 * value in @year (0: in any year). */
void         rex_chart_set_no_data      (RexChart    *self,
                                         RexMetric   *metric,
                                         int          year);
void         rex_chart_add_source       (RexChart    *self,
                                         RexSource   *source);
/* Adds the source of a region's value (datum source). */
void         rex_chart_add_value_source (RexChart    *self,
                                         RexRegion   *region,
                                         const char  *metric_id,
                                         int          year);
/* Looks up a metric named by the spec, with an actionable error. */
RexMetric   *rex_chart_require_metric   (RexChart    *self,
                                         const char  *metric_id,
                                         const char  *what,
                                         GError     **error);
/* Appends the (translated) column names, up to a NULL, to @table. */
void         rex_chart_table_add_columns (RexChartTable *table,
                                          const char    *first,
                                          ...) G_GNUC_NULL_TERMINATED;
/* The columns a table of regions starts with: id, name, year, @metric. */
void         rex_chart_table_add_region_columns (RexChartTable *table,
                                                 RexMetric     *metric);
/* A metric's id, name and unit: the cells a row of metrics starts with. */
void         rex_chart_table_add_metric_cells (GPtrArray *cells,
                                               RexMetric *metric);
/* Appends the metrics of the spec's comma-separated list to @metrics, in
 * its order (each once when @unique); FALSE with an actionable error at the
 * first the dataset does not have. */
gboolean     rex_chart_require_metrics  (RexChart    *self,
                                         GPtrArray   *metrics,
                                         gboolean     unique,
                                         GError     **error);
/* The year to draw: the spec's, else the latest year any of @regions has a value. */
int          rex_chart_resolve_year     (RexChart    *self,
                                         const char  *metric_id,
                                         GPtrArray   *regions);
/* The regions the spec shows (region_kind), as a new array of borrowed pointers. */
GPtrArray   *rex_chart_get_spec_regions (RexChart    *self);
/* Colour-by: the key of the chart's colours, one meaning per colour. Each
 * group with regions on the chart has a colour while the palette lasts
 * (groups holding the selection first, then the largest); regions of the
 * other groups share "Other", and regions in no group have an entry of their
 * own. Every entry's colour is used by at least one region shown. */
typedef struct
{
  const char *label;     /* borrowed: the group's name or a translated "Other …" */
  guint       palette;   /* index into RexChartStyle.palette */
} RexColorKeyEntry;

/* Builds the key for the regions a kind draws; without it the key covers
 * the spec's regions. Call while preparing, before any colour is asked for. */
void         rex_chart_build_color_key  (RexChart    *self,
                                         GPtrArray   *shown);
const RexColorKeyEntry *
             rex_chart_get_color_key    (RexChart    *self,
                                         guint       *n_entries);
/* Index of a region's entry in the key, -1 when the spec does not colour
 * by group. Cached per chart. */
int          rex_chart_region_color_entry (RexChart  *self,
                                         RexRegion   *region);
/* Entry of a group of the colour-by kind itself (its own or "Other"), -1
 * when the spec does not colour by that kind of group. */
int          rex_chart_group_color_entry (RexChart  *self,
                                         RexRegion   *group);
RexColor     rex_chart_color_key_color  (RexChart            *self,
                                         int                  entry,
                                         const RexChartStyle *style);
/* Colour of a region by the spec's colour-by (accent when none). */
RexColor     rex_chart_region_color     (RexChart            *self,
                                         RexRegion           *region,
                                         const RexChartStyle *style);
/* Appends @region's name to the list @names, after the separator of the
 * language (", ", in Chinese "、") when the list is not empty. */
void         rex_chart_append_region_name (GString   *names,
                                           RexRegion *region);
/* Appends "LEAD name, name … and N more" (eight names at most) on a line
 * of its own to @note; nothing when @regions is empty. */
void         rex_chart_append_names     (GString     *note,
                                         const char  *lead,
                                         GPtrArray   *regions);
/* The status of values, one visual language in every kind: a value that is
 * an estimate, derived from members, or published with a qualifier
 * ("about", "over", "below") is "marked" and drawn hollow, with a key. */
const RexDatum *rex_chart_get_datum     (RexRegion   *region,
                                         const char  *metric_id,
                                         int          year);
gboolean     rex_chart_datum_is_marked  (const RexDatum *datum);
/* The status column of tables and CSV: "estimate", "derived; about"…,
 * "" for a plain final value or none. */
char        *rex_chart_datum_status     (const RexDatum *datum);
/* Draws (when @cr is not NULL) the key of marked values at (@x, @y): a
 * hollow sample of the kind's mark, a circle or (@bar) a bar, and its text
 * wrapped within @width. Returns the height used. */
double       rex_chart_status_key       (cairo_t             *cr,
                                         const RexChartFrame *frame,
                                         double               x,
                                         double               y,
                                         double               width,
                                         gboolean             bar);

/* A metric's name and unit, as an axis title or a table column names it:
 * "GDP (100 million yuan)", "生产总值（亿元）". */
char        *rex_chart_metric_label     (RexMetric   *metric);
/* The start of an item's sentence for screen readers: "Guangdong, GDP
 * 2024: 141,634 100 million yuan" ("…: no data" for NaN). @year 0 leaves
 * the year out. */
GString     *rex_chart_item_sentence    (const char  *name,
                                         RexMetric   *metric,
                                         int          year,
                                         double       value);
/* Appends ", LABEL" of the group whose colour @region has on the chart,
 * the status of its value ("estimate", "about"…) when there is one and,
 * for kinds that highlight the selection (@highlights), "selected". */
void         rex_chart_append_item_notes (RexChart   *self,
                                          GString    *sentence,
                                          RexRegion  *region,
                                          const char *metric_id,
                                          int         year,
                                          gboolean    highlights);

/* Number with the metric's decimals and unit-aware precision. */
char        *rex_chart_format_value     (RexMetric       *metric,
                                         double           value,
                                         gboolean         short_form,
                                         RexNumberFormat  format);

/* Narrows a log scale made by rex_scale_new_log() from whole decades to
 * the 1-2-5 values around [@lo, @hi], with a tick at each 1-2-5 value inside
 * (decades only beyond three decades). Labels are left empty for a
 * RexValueFormat to write. */
void         rex_chart_fit_log_scale    (RexScale    *scale,
                                         double       lo,
                                         double       hi);

/* What the bubble chart and the map drew as circles and leader lines, in
 * device units: tests check that no leader crosses another mark. */
typedef struct
{
  gboolean leader;     /* a leader from (x0, y0) to (x1, y1); else a mark */
  double   x0, y0, x1, y1;
  double   r;          /* a mark: centre (x0, y0) and radius */
} RexChartMarkRecord;

/* From now on the circles and leaders drawn on @cr are appended to
 * @records (of RexChartMarkRecord). */
void         rex_chart_record_marks     (cairo_t      *cr,
                                         GArray       *records);
/* For the drawing code: note a mark or a leader (@ends: x0, y0, x1, y1) if
 * a test records them. */
void         rex_chart_note_mark        (cairo_t      *cr,
                                         double        cx,
                                         double        cy,
                                         double        r);
void         rex_chart_note_leader      (cairo_t      *cr,
                                         const double *ends);

/* Labels that would touch their neighbours on an axis are thinned to every
 * second, third… tick from the first, so that those shown stay evenly spaced
 * (never "0, 500M, 1.5B" from dropping only the ones that collide): the
 * smallest stride at which labels centred at @positions, @sizes long along
 * the axis, leave @gap between neighbours. */
guint        rex_chart_label_stride     (const double *positions,
                                         const double *sizes,
                                         guint         n,
                                         double        gap);

/* The grid lines of @scale across @plot and their labels @label_gap left
 * of it, from its bottom edge (the scale's minimum) up to its top, thinned
 * as rex_chart_label_stride() says. */
void         rex_chart_draw_y_ticks     (cairo_t             *cr,
                                         const RexChartFrame *frame,
                                         const RexScale      *scale,
                                         const RexBox        *plot,
                                         double               label_gap);

/* The body size of the text of a chart drawn at @width × @height. */
double       rex_chart_body_size        (const RexChartStyle *style,
                                         double               width,
                                         double               height);
/* A new context of @font_map that measures text as charts do (unhinted). */
PangoContext *rex_chart_measuring_context (PangoFontMap      *font_map);

/* The sizes most of a chart's text is set in, each a scale of the body
 * size and a weight. The export loads their fonts ahead, while the dataset
 * loads (rex-export-fonts.c). */
typedef enum
{
  REX_CHART_TEXT_TITLE,      /* 1.5, bold: the chart's title */
  REX_CHART_TEXT_SUBTITLE,   /* 1 */
  REX_CHART_TEXT_SMALL,      /* 0.8: the source line, legends, notes */
  REX_CHART_TEXT_LABEL,      /* 0.85: tick labels, axis titles, values */
  REX_CHART_TEXT_NAME,       /* 0.9: names of regions and parts */
  REX_CHART_TEXT_NAME_BOLD,  /* 0.9, bold: names at the ends of lines */
} RexChartTextRole;

#define REX_CHART_N_TEXT_ROLES (REX_CHART_TEXT_NAME_BOLD + 1)

/* Text. @scale multiplies the body size; @weight is a PangoWeight. */
PangoLayout *rex_chart_text             (const RexChartFrame *frame,
                                         const char          *text,
                                         double               scale,
                                         PangoWeight          weight);
/* The font of text at @scale times the body size @em, in @style's family. */
PangoFontDescription *rex_chart_font    (const RexChartStyle *style,
                                         double               em,
                                         double               scale,
                                         PangoWeight          weight);
/* Text in one of the sizes of RexChartTextRole. */
PangoLayout *rex_chart_role_text        (const RexChartFrame *frame,
                                         const char          *text,
                                         RexChartTextRole     role);
void         rex_chart_text_role_font   (RexChartTextRole     role,
                                         double              *scale,
                                         PangoWeight         *weight);
void         rex_chart_text_size        (PangoLayout         *layout,
                                         double              *width,
                                         double              *height);
/* Whether wrapped @layout, a note, can be shown in @room of height: whole,
 * or ended in an ellipsis where three lines or more fit (the layout is
 * then cut to @room). FALSE where it cannot: a note cut to a line or two
 * is a fragment that says nothing, and is left out instead. */
gboolean     rex_chart_fit_note         (PangoLayout         *layout,
                                         double               room);
/* Draws @layout with its box aligned at (x, y): @xalign/@yalign in 0..1. */
void         rex_chart_draw_text        (cairo_t             *cr,
                                         PangoLayout         *layout,
                                         double               x,
                                         double               y,
                                         double               xalign,
                                         double               yalign,
                                         const RexColor      *color);
/* What rex_chart_draw_text() drew: its text and its box in device units.
 * Tests read every label of a chart this way, to check the labels' number
 * formats and where they landed without parsing an image or a PDF. */
typedef struct
{
  char   *text;
  double  x, y, width, height;
} RexChartTextBox;

/* From now on every text drawn on @cr by the chart code is appended to
 * @boxes (of RexChartTextBox, which the caller frees with
 * rex_chart_text_box_clear as the array's clear function). */
void         rex_chart_record_text      (cairo_t             *cr,
                                         GArray              *boxes);
void         rex_chart_text_box_clear   (gpointer             box);
void         rex_chart_set_color        (cairo_t             *cr,
                                         const RexColor      *color);
/* Snaps a coordinate to the centre of a device pixel for crisp 1-unit lines. */
double       rex_chart_snap             (cairo_t             *cr,
                                         double               v,
                                         gboolean             horizontal);
/* Centered message in the plot area (empty states). */
void         rex_chart_draw_message     (cairo_t             *cr,
                                         const RexChartFrame *frame,
                                         const char          *message);
/* Hover/focus outline of the row from @top, @height high, across the plot
 * and @pad em beyond its left and right edges (row kinds: bars, progress,
 * table). */
void         rex_chart_draw_row_hover   (cairo_t             *cr,
                                         const RexChartFrame *frame,
                                         double               top,
                                         double               height,
                                         double               pad);
/* A number for a data table cell: shortest round-trip form, locale
 * independent; "" for NaN (no value). */
char        *rex_chart_raw_number       (double               value);
/* Orders two doubles (not NaN), for qsort() and g_array_sort(). */
int          rex_chart_compare_doubles  (gconstpointer        a,
                                         gconstpointer        b);
/* The value that stands at @k (< @n) in @values sorted, found without
 * sorting them all (a map of thousands of regions over decades holds
 * hundreds of thousands); @values is reordered so that every value before
 * @k is no larger and every value after it no smaller. */
double       rex_chart_select_nth       (double              *values,
                                         guint                n,
                                         guint                k);
/* A qualifier for a data table cell: its name in files, "" for exact. */
const char  *rex_chart_qualifier_name   (RexQualifier         qualifier);
/* A horizontal (value) axis along the bottom edge of @plot: grid lines
 * across @plot, tick labels under it and @title (or none) at its right. */
void         rex_chart_draw_x_axis      (cairo_t             *cr,
                                         const RexChartFrame *frame,
                                         const RexScale      *scale,
                                         const RexBox        *plot,
                                         const char          *title);

G_END_DECLS
