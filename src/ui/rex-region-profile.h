/* rex-region-profile.h — a region's profile: names, groups and every metric. */
#pragma once

#include <gtk/gtk.h>

#include "rex-chart-style.h"
#include "rex-model.h"

G_BEGIN_DECLS

#define REX_TYPE_REGION_PROFILE (rex_region_profile_get_type ())
G_DECLARE_FINAL_TYPE (RexRegionProfile, rex_region_profile, REX, REGION_PROFILE, GtkWindow)

#define REX_TYPE_PROFILE_METRIC (rex_profile_metric_get_type ())
G_DECLARE_FINAL_TYPE (RexProfileMetric, rex_profile_metric, REX, PROFILE_METRIC, GObject)

RexRegionProfile *rex_region_profile_new         (GtkWindow        *parent,
                                                  RexDataset       *dataset);
void              rex_region_profile_set_region  (RexRegionProfile *self,
                                                  RexRegion        *region);
/* How the values are written (AUTO at first). */
void              rex_region_profile_set_number_format (RexRegionProfile *self,
                                                        RexNumberFormat   format);
RexRegion        *rex_region_profile_get_region  (RexRegionProfile *self);
GListModel       *rex_region_profile_get_metrics (RexRegionProfile *self);

const char       *rex_profile_metric_get_id      (RexProfileMetric *self);
const char       *rex_profile_metric_get_value   (RexProfileMetric *self);
const char       *rex_profile_metric_get_detail  (RexProfileMetric *self);

G_END_DECLS
