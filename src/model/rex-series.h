/* rex-series.h — one region's values of one metric, indexed by year.
 *
 * Values are stored in one compact array from the first to the last year with
 * a value, so a look-up by year is an index, not a search. Years without a
 * value hold NaN and are reported as missing, never interpolated.
 */
#pragma once

#include "rex-model-types.h"

G_BEGIN_DECLS

#define REX_TYPE_SERIES (rex_series_get_type ())

typedef struct
{
  double         value;      /* NaN when the year has no value */
  guint16        source;     /* index into the dataset's sources */
  guint8         qualifier;  /* RexQualifier */
  guint8         status;     /* RexValueStatus */
} RexDatum;

GType           rex_series_get_type       (void) G_GNUC_CONST;
RexSeries      *rex_series_ref            (RexSeries *self);
void            rex_series_unref          (RexSeries *self);

const char     *rex_series_get_metric_id  (const RexSeries *self);
/* First and last year holding a value; FALSE when the series has none
 * (it may still have an undated value). */
gboolean        rex_series_get_year_range (const RexSeries *self,
                                           int             *first,
                                           int             *last);
/* Number of years with a value (the undated value is not counted). */
guint           rex_series_get_n_values   (const RexSeries *self);
/* TRUE and the value when @year has one. */
gboolean        rex_series_get_value      (const RexSeries *self,
                                           int              year,
                                           double          *value);
/* The full datum for @year, or NULL. */
const RexDatum *rex_series_get_datum      (const RexSeries *self,
                                           int              year);
/* The value that has no year (land area, a target), or NULL. Every year
 * without a value of its own uses it: get_value() and get_datum() return
 * it for such years. */
const RexDatum *rex_series_get_undated    (const RexSeries *self);
/* Per-datum note (e.g. how a derived figure was computed), or NULL. */
const char     *rex_series_get_note       (const RexSeries *self,
                                           int              year);
/* Most recent year with a value, at or before @year; FALSE if none. */
gboolean        rex_series_get_latest     (const RexSeries *self,
                                           int              at_or_before,
                                           int             *year,
                                           double          *value);

/* Smallest and largest value over all years (only values above 0 when
 * @positive); FALSE when there is none. */
gboolean        rex_series_get_extent     (const RexSeries *self,
                                           gboolean         positive,
                                           double          *lo,
                                           double          *hi);

/* Appends every value of the series to @values (double): each year's
 * that has one, then the undated value. Returns how many of them are
 * dated. */
guint           rex_series_append_values  (const RexSeries *self,
                                           GArray          *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexSeries, rex_series_unref)

G_END_DECLS
