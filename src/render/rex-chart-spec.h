/* rex-chart-spec.h — what to draw: the kind of chart, its metrics, year and
 * selection. Plain data, serializable to JSON so an exported image can carry
 * the spec that made it and be re-opened as the same view.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rex-model.h"

G_BEGIN_DECLS

typedef enum
{
  REX_CHART_KIND_BARS,
  REX_CHART_KIND_LINES,
  REX_CHART_KIND_SHARES,
  REX_CHART_KIND_BUBBLES,
  REX_CHART_KIND_MAP,
  REX_CHART_KIND_PROGRESS,
  REX_CHART_KIND_TABLE,
  REX_CHART_KIND_PROFILE,    /* one region's facts: regions names it */
  REX_CHART_KIND_LAST /*< skip >*/
} RexChartKind;

typedef enum
{
  REX_COLOR_BY_NONE,
  REX_COLOR_BY_MACRO_REGION,
  REX_COLOR_BY_CLUSTER,
  REX_COLOR_BY_LAST /*< skip >*/
} RexColorBy;

typedef enum
{
  REX_MAP_MODE_TILES,
  REX_MAP_MODE_GEO,
  REX_MAP_MODE_LAST /*< skip >*/
} RexMapMode;

typedef enum
{
  REX_SHARES_MODE_DONUT,
  REX_SHARES_MODE_STACKED,
  REX_SHARES_MODE_COMPOSITION,  /* one 100 % bar per region of parts (metrics) that make a whole */
  REX_SHARES_MODE_LAST /*< skip >*/
} RexSharesMode;

/* The most regions a ranking's top (or bottom) may ask for. */
#define REX_CHART_TOP_MAX 1000000

#define REX_TYPE_CHART_SPEC (rex_chart_spec_get_type ())

typedef struct
{
  RexChartKind   kind;
  char          *metric;        /* main metric (bars, lines, map, shares) */
  char          *x_metric;      /* bubbles */
  char          *y_metric;      /* bubbles */
  char          *size_metric;   /* bubbles; nullable */
  int            year;          /* 0: the latest year with data */
  double         year_fraction; /* 0..1 toward year + 1 (bubbles animation) */
  char         **regions;       /* selection / regions to show; nullable */
  RexRegionKind  region_kind;   /* which regions a ranking shows */
  gboolean       hide_missing;  /* bars: leave out regions without a value */
  int            top;           /* bars: the first @top of the ranking only, or with a
                                 * negative value the last; 0: every region */
  int            base_year;     /* lines, relative mode; 0: first year */
  int            from_year;     /* lines: the first year drawn; 0: the first with data */
  int            to_year;       /* lines: the last year drawn; 0: the last with data */
  gboolean       relative;
  gboolean       log_x;
  gboolean       log_y;
  gboolean       trails;        /* bubbles: each selected region's path through the years */
  gboolean       fit;           /* bubbles: the least-squares line through the bubbles */
  gboolean       both_years;    /* bars with base_year: the figures of both years as dots, ranked by the change */
  gboolean       split;         /* lines: a small chart per region, on one scale */
  RexColorBy     color_by;
  RexMapMode     map_mode;
  gboolean       continuous;    /* map: continuous colour scale, not classes */
  RexSharesMode  shares_mode;
  RexChartKind   table_of;      /* table: the chart whose data it lists */
} RexChartSpec;

GType          rex_chart_spec_get_type        (void) G_GNUC_CONST;
RexChartSpec  *rex_chart_spec_new             (RexChartKind        kind);
RexChartSpec  *rex_chart_spec_copy            (const RexChartSpec *self);
void           rex_chart_spec_free            (RexChartSpec       *self);
gboolean       rex_chart_spec_equal           (const RexChartSpec *a,
                                               const RexChartSpec *b);
void           rex_chart_spec_set_regions     (RexChartSpec       *self,
                                               const char * const *ids);
gboolean       rex_chart_spec_has_region      (const RexChartSpec *self,
                                               const char         *id);

REX_DECLARE_ENUM_NAMES (rex_chart_kind, RexChartKind);
REX_DECLARE_ENUM_NAMES (rex_color_by, RexColorBy);
REX_DECLARE_ENUM_NAMES (rex_map_mode, RexMapMode);
REX_DECLARE_ENUM_NAMES (rex_shares_mode, RexSharesMode);

/* JSON form used in exported files' metadata. */
/* What any spec must satisfy, wherever it came from (an image's
 * description, the command line, the window): years 0 or within
 * REX_YEAR_MIN..REX_YEAR_MAX, a year fraction in [0, 1), known enum values,
 * ids that are not empty. On failure *member (when not NULL) names the spec
 * member at fault ("year", "base_year", "year_fraction", …) and @error says
 * what is wrong with it, without naming it. */
gboolean       rex_chart_spec_validate        (const RexChartSpec *self,
                                               const char        **member,
                                               GError            **error);

JsonNode      *rex_chart_spec_to_json         (const RexChartSpec *self);
RexChartSpec  *rex_chart_spec_new_from_json   (JsonNode           *node,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexChartSpec, rex_chart_spec_free)

G_END_DECLS

#include "rex-render-enums.h"
