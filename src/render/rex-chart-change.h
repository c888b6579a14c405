/* rex-chart-change.h — the change of a metric since a base year, as the
 * ranking (Compare's Change) and the tile map draw it: the difference of
 * two published figures in the metric's unit (percentage points for a
 * rate), or as a percentage of the first; never across a series break.
 * Private to the render layer.
 */
#pragma once

#include "rex-chart-private.h"
#include "rex-value-format.h"

G_BEGIN_DECLS

typedef struct
{
  int       base_year;    /* the year changes are measured from; 0: no change */
  gboolean  relative;     /* as a percentage of the base year's figure */
  char     *unit;         /* of the change: "%", "percentage points" or the metric's */
  guint     n_zero_base;  /* relative: regions whose base figure is not above zero */
  guint     n_too_large;  /* changes beyond a double, left out */
} RexChange;

/* From the spec's base_year and relative; a base year of 0 is no change,
 * and its unit the metric's. */
void     rex_change_init          (RexChange          *self,
                                   RexMetric          *metric,
                                   const RexChartSpec *spec);
void     rex_change_clear         (RexChange          *self);
/* FALSE with the reason when @spec asks for a relative change of a metric
 * whose change is in percentage points (rex_metric_changes_in_points()). */
gboolean rex_change_check_relative (const RexChartSpec  *spec,
                                    RexMetric           *metric,
                                    GError             **error);

/* The change from @base to @figure, NaN where there is none (a relative
 * change from zero or less has no meaning) and infinite where it is
 * beyond a double. */
double   rex_change_of            (const RexChange    *self,
                                   double              base,
                                   double              figure);
/* The change of @region from the base year to @year, counted in
 * n_zero_base or n_too_large when it cannot be drawn; NaN when there is
 * none. @figure and @base receive the two figures (NaN when missing). */
double   rex_change_of_region     (RexChange          *self,
                                   RexRegion          *region,
                                   const char         *metric_id,
                                   int                 year,
                                   double             *figure,
                                   double             *base);
/* The change of the dataset's nation (in *@nation, NULL when it has none)
 * from the base year to @year; NaN where it has no figure of either year
 * or the change is beyond a double. */
double   rex_change_of_nation     (const RexChange    *self,
                                   RexDataset         *dataset,
                                   const char         *metric_id,
                                   int                 year,
                                   RexRegion         **nation);
/* Whether the nation's change is the reference a region's is read
 * against: for a metric in per cent (a share or a rate), or any change as
 * a percentage; a total's national change is the sum of the regions'. */
gboolean rex_change_has_reference (const RexChange    *self,
                                   RexMetric          *metric);
/* A change is measured from a year before @year (0: no year with data,
 * always accepted), and not across a series break of @metric. */
gboolean rex_change_check_years   (const RexChange    *self,
                                   RexMetric          *metric,
                                   int                 year,
                                   GError            **error);
/* The last year after the base year that no series break of @metric
 * separates from it, up to @last. */
int      rex_change_last_year     (const RexChange    *self,
                                   RexMetric          *metric,
                                   int                 last);

/* @value as @format writes it, a rise with its sign: "+12.3". */
char    *rex_change_print         (const RexValueFormat *format,
                                   double                value);
/* @value in a sentence: without a base year a figure with its metric's
 * unit ("12,780 10,000 persons"), else a change with its sign and unit
 * ("+12.3 percentage points"), written in @format. */
char    *rex_change_describe      (const RexChange      *self,
                                   RexMetric            *metric,
                                   const RexValueFormat *format,
                                   RexNumberFormat       number_format,
                                   double                value);
/* "+12.3 percentage points since 2015", "+45.2 % since 2015". */
char    *rex_change_since         (const RexChange    *self,
                                   const char         *value);
/* The table's and CSV's column of the changes: "Change (percentage
 * points)", "% change". */
char    *rex_change_column        (const RexChange    *self);
/* Appends to @subtitle the counts of changes left out. */
void     rex_change_append_notes  (const RexChange    *self,
                                   char              **subtitle);
/* The message of a chart where no region has both figures. */
char    *rex_change_no_values     (const RexChange    *self,
                                   RexMetric          *metric,
                                   int                 year);
/* A data table's columns of a change: base year, base value, change. */
void     rex_change_add_columns   (const RexChange    *self,
                                   RexChartTable      *table);
/* A row's cells under those columns; *@status (the year's status, or
 * @status NULL: none kept) takes the base year's when it has none of its own. */
void     rex_change_add_cells     (const RexChange    *self,
                                   GPtrArray          *cells,
                                   RexRegion          *region,
                                   const char         *metric_id,
                                   double              base,
                                   double              change,
                                   char              **status);

G_END_DECLS
