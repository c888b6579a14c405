/* rex-projection.h — map projections for the map chart: Albers equal-area
 * conic (the usual projection for maps of China) and a fit of projected
 * points into a rectangle.
 */
#pragma once

#include <glib.h>

#include "rex-rect.h"

G_BEGIN_DECLS

typedef struct
{
  /* Albers constants (unit sphere). */
  double n, c, rho0, lon0;
  /* Fit: chart = offset + scale * projected, with y flipped. */
  double scale, x_off, y_off;
} RexProjection;

#define REX_EARTH_RADIUS_KM 6371.0

/* Albers equal-area conic with standard parallels @lat1, @lat2, central
 * meridian @lon0 and latitude of origin @lat0 (degrees). */
void     rex_projection_init_albers (RexProjection *self,
                                     double         lat1,
                                     double         lat2,
                                     double         lon0,
                                     double         lat0);
/* The China setting: 25°N and 47°N, 105°E. */
void     rex_projection_init_china  (RexProjection *self);
/* Projected coordinates on the unit sphere (x east, y north). */
void     rex_projection_project     (const RexProjection *self,
                                     double               lon,
                                     double               lat,
                                     double              *x,
                                     double              *y);
/* Sets the fit so that @bounds, a box of projected coordinates (y0 south,
 * y1 north), fills @target on the chart, centred, keeping the aspect
 * ratio. */
void     rex_projection_fit         (RexProjection *self,
                                     const RexBox  *bounds,
                                     const RexRect *target);
/* Longitude/latitude to chart units (after a fit). */
void     rex_projection_to_chart    (const RexProjection *self,
                                     double               lon,
                                     double               lat,
                                     double              *x,
                                     double              *y);
/* Chart units per kilometre on the ground (the nominal scale; Albers keeps
 * the local scale within about 2 % of it between the standard parallels). */
double   rex_projection_units_per_km (const RexProjection *self);

G_END_DECLS
