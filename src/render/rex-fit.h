/* rex-fit.h — the least-squares line through points, on linear or log
 * scales, with the correlation: a bubble chart's fit line.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  REX_FIT_OK,
  REX_FIT_TOO_FEW,      /* fewer than three points */
  REX_FIT_SAME_X,       /* every point has the same x: no slope */
  REX_FIT_SAME_Y,       /* every point has the same y: no correlation */
  REX_FIT_OVERFLOW,     /* the values, or the line at their ends, beyond a double */
} RexFitStatus;

/* The line is kept on the fitted values divided by their largest
 * magnitude (@scale_x, @scale_y): a slope in the values' own units can be
 * beyond a double (x from 1e-310, y in the millions) where the line's
 * values are not. */
typedef struct
{
  gboolean log_x, log_y;   /* fitted to log10 of x, of y */
  guint    n;
  double   scale_x, scale_y;
  double   mean_x, mean_y; /* of the scaled fitted values */
  double   slope;          /* scaled fitted y per scaled fitted x */
  double   r;              /* Pearson's correlation of the fitted values */
  double   x_lo, x_hi;     /* the points' extent, in the values' own units */
} RexFit;

/* Fits y = a + b·x to the @n points (@x[i], @y[i]), each counted once, in
 * log10 of x where @log_x and of y where @log_y (the values must then be
 * positive). @fit holds the line only when REX_FIT_OK is returned. */
RexFitStatus rex_fit_compute (const double *x,
                              const double *y,
                              guint         n,
                              gboolean      log_x,
                              gboolean      log_y,
                              RexFit       *fit);

/* The line's y at @x, in the values' own units. */
double       rex_fit_at      (const RexFit *fit,
                              double        x);

G_END_DECLS
