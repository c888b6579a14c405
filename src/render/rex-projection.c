/* rex-projection.c — Albers equal-area conic projection and fitting
 * (Snyder, Map Projections: A Working Manual, 1987, p. 100, spherical form).
 */
#include "config.h"

#include <math.h>

#include "rex-projection.h"

#define DEG (G_PI / 180.0)

void
rex_projection_init_albers (RexProjection *self,
                            double         lat1,
                            double         lat2,
                            double         lon0,
                            double         lat0)
{
  double s1 = sin (lat1 * DEG), s2 = sin (lat2 * DEG), c1 = cos (lat1 * DEG);

  self->n = (s1 + s2) / 2;
  self->c = c1 * c1 + 2 * self->n * s1;
  self->rho0 = sqrt (self->c - 2 * self->n * sin (lat0 * DEG)) / self->n;
  self->lon0 = lon0;
  self->scale = 1;
  self->x_off = 0;
  self->y_off = 0;
}

void
rex_projection_init_china (RexProjection *self)
{
  rex_projection_init_albers (self, 25, 47, 105, 0);
}

void
rex_projection_project (const RexProjection *self,
                        double               lon,
                        double               lat,
                        double              *x,
                        double              *y)
{
  double rho = sqrt (self->c - 2 * self->n * sin (lat * DEG)) / self->n;
  double theta = self->n * (lon - self->lon0) * DEG;

  *x = rho * sin (theta);
  *y = self->rho0 - rho * cos (theta);
}

void
rex_projection_fit (RexProjection *self,
                    const RexBox  *bounds,
                    const RexRect *target)
{
  double w = MAX (bounds->x1 - bounds->x0, 1e-9), h = MAX (bounds->y1 - bounds->y0, 1e-9);

  self->scale = MIN (target->w / w, target->h / h);
  /* Centre the box; y grows downward on the chart, so its north edge is
   * the top. */
  self->x_off = target->x + (target->w - w * self->scale) / 2 - bounds->x0 * self->scale;
  self->y_off = target->y + (target->h - h * self->scale) / 2 + bounds->y1 * self->scale;
}

void
rex_projection_to_chart (const RexProjection *self,
                         double               lon,
                         double               lat,
                         double              *x,
                         double              *y)
{
  double px, py;

  rex_projection_project (self, lon, lat, &px, &py);
  *x = self->x_off + px * self->scale;
  *y = self->y_off - py * self->scale;
}

double
rex_projection_units_per_km (const RexProjection *self)
{
  return self->scale / REX_EARTH_RADIUS_KM;
}
