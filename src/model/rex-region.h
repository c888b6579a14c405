/* rex-region.h — a region: nation, macro-region, province, cluster, county… */
#pragma once

#include "rex-model-types.h"

G_BEGIN_DECLS

#define REX_TYPE_REGION (rex_region_get_type ())
G_DECLARE_FINAL_TYPE (RexRegion, rex_region, REX, REGION, GObject)

typedef struct
{
  char   *name;
  char   *name_zh;   /* nullable */
  double  lon;
  double  lat;
} RexPlace;

const char     *rex_region_get_id           (RexRegion *self);
const char     *rex_region_get_name         (RexRegion *self);
const char     *rex_region_get_name_zh      (RexRegion *self);  /* nullable */
/* Name in the UI language. */
const char     *rex_region_get_display_name (RexRegion *self);
RexRegionKind   rex_region_get_kind         (RexRegion *self);
/* The region this one lies in, or NULL. Not a reference. */
RexRegion      *rex_region_get_parent       (RexRegion *self);
/* Regions a group spans (GPtrArray of RexRegion*, never NULL). */
GPtrArray      *rex_region_get_members      (RexRegion *self);
/* Groups that list this region among their members (never NULL). */
GPtrArray      *rex_region_get_memberships  (RexRegion *self);
/* TRUE if @self is @group, lies in it (parent chain) or is one of its members. */
gboolean        rex_region_is_in            (RexRegion *self,
                                             RexRegion *group);
/* Member cities by name (NULL-terminated), nullable. */
const char * const *rex_region_get_cities   (RexRegion *self);
/* 1–3 for city clusters, 0 otherwise. */
guint           rex_region_get_tier         (RexRegion *self);
/* The seat, or NULL. */
const RexPlace *rex_region_get_seat         (RexRegion *self);
gboolean        rex_region_get_tile         (RexRegion *self,
                                             int       *col,
                                             int       *row);
/* Source id of the region's definition (membership, tier), or NULL. */
const char     *rex_region_get_source_id    (RexRegion *self);
/* The series of @metric_id, or NULL when the region has no values of it. */
RexSeries      *rex_region_get_series       (RexRegion  *self,
                                             const char *metric_id);
/* Shorthand: TRUE and the value when the region has one for @year. */
gboolean        rex_region_get_value        (RexRegion  *self,
                                             const char *metric_id,
                                             int         year,
                                             double     *value);

G_END_DECLS
