/* rex-fit.c — ordinary least squares over points as an axis draws them: on
 * a log axis the line is fitted to the logarithms, so that it is straight
 * where it is drawn (a power law on two log axes, an exponential on a log
 * vertical axis).
 *
 * The values are scaled by their largest magnitude before the sums, and the
 * line kept so, so figures near the limits of a double (a hostile dataset's
 * 1e308, or 1e-310) give a line or REX_FIT_OVERFLOW, never an infinite or
 * NaN one.
 */
#include "config.h"

#include <math.h>

#include "rex-fit.h"

static double
fitted (double   value,
        gboolean log)
{
  return log ? log10 (value) : value;
}

/* The mean of @n fitted values, @scale times smaller, without a sum that
 * could overflow. */
static double
scaled_mean (const double *values,
             guint         n,
             gboolean      log,
             double        scale)
{
  double mean = 0;

  for (guint i = 0; i < n; i++)
    mean += (fitted (values[i], log) / scale - mean) / (i + 1);
  return mean;
}

static double
largest_magnitude (const double *values,
                   guint         n,
                   gboolean      log)
{
  double largest = 0;

  for (guint i = 0; i < n; i++)
    largest = MAX (largest, fabs (fitted (values[i], log)));
  return largest;
}

RexFitStatus
rex_fit_compute (const double *x,
                 const double *y,
                 guint         n,
                 gboolean      log_x,
                 gboolean      log_y,
                 RexFit       *fit)
{
  double scale_x, scale_y, mx, my, sxx = 0, syy = 0, sxy = 0, x_lo = INFINITY, x_hi = -INFINITY;

  if (n < 3)
    return REX_FIT_TOO_FEW;
  scale_x = largest_magnitude (x, n, log_x);
  scale_y = largest_magnitude (y, n, log_y);
  if (!isfinite (scale_x) || !isfinite (scale_y))
    return REX_FIT_OVERFLOW;
  if (scale_x == 0)
    return REX_FIT_SAME_X;
  if (scale_y == 0)
    return REX_FIT_SAME_Y;
  mx = scaled_mean (x, n, log_x, scale_x);
  my = scaled_mean (y, n, log_y, scale_y);
  for (guint i = 0; i < n; i++)
    {
      double dx = fitted (x[i], log_x) / scale_x - mx;
      double dy = fitted (y[i], log_y) / scale_y - my;

      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
      x_lo = MIN (x_lo, x[i]);
      x_hi = MAX (x_hi, x[i]);
    }
  if (sxx == 0)
    return REX_FIT_SAME_X;
  if (syy == 0)
    return REX_FIT_SAME_Y;
  *fit = (RexFit) {
    .log_x = log_x, .log_y = log_y, .n = n,
    .scale_x = scale_x, .scale_y = scale_y,
    .mean_x = mx, .mean_y = my,
    .slope = sxy / sxx,
    .r = CLAMP (sxy / sqrt (sxx) / sqrt (syy), -1.0, 1.0),
    .x_lo = x_lo, .x_hi = x_hi,
  };
  /* The line's values at the ends can still be beyond a double (y near
   * ±1.7e308 and a line that runs on past the largest). */
  if (!isfinite (fit->slope) || !isfinite (rex_fit_at (fit, x_lo)) || !isfinite (rex_fit_at (fit, x_hi)))
    return REX_FIT_OVERFLOW;
  return REX_FIT_OK;
}

double
rex_fit_at (const RexFit *fit,
            double        x)
{
  double y = (fit->mean_y + fit->slope * (fitted (x, fit->log_x) / fit->scale_x - fit->mean_x)) * fit->scale_y;

  return fit->log_y ? pow (10, y) : y;
}
