/* rex-transport-circle.h — a 1/2/3-hour travel circle around a hub city. */
#pragma once

#include "rex-region.h"

G_BEGIN_DECLS

#define REX_TYPE_TRANSPORT_CIRCLE (rex_transport_circle_get_type ())
G_DECLARE_FINAL_TYPE (RexTransportCircle, rex_transport_circle, REX, TRANSPORT_CIRCLE, GObject)

const char     *rex_transport_circle_get_id           (RexTransportCircle *self);
const char     *rex_transport_circle_get_name         (RexTransportCircle *self);
const char     *rex_transport_circle_get_name_zh      (RexTransportCircle *self);
const char     *rex_transport_circle_get_display_name (RexTransportCircle *self);
const RexPlace *rex_transport_circle_get_hub          (RexTransportCircle *self);
/* Region the hub lies in, or NULL. Not a reference. */
RexRegion      *rex_transport_circle_get_hub_region   (RexTransportCircle *self);
double          rex_transport_circle_get_hours        (RexTransportCircle *self);
const char     *rex_transport_circle_get_mode         (RexTransportCircle *self);
/* Array of RexPlace; never NULL. */
GArray         *rex_transport_circle_get_members      (RexTransportCircle *self);
/* Published reach radius in km, or NaN when unknown. */
double          rex_transport_circle_get_radius_km    (RexTransportCircle *self);
/* The city cluster served, or NULL. Not a reference. */
RexRegion      *rex_transport_circle_get_cluster      (RexTransportCircle *self);
const char     *rex_transport_circle_get_source_id    (RexTransportCircle *self);
const char     *rex_transport_circle_get_note         (RexTransportCircle *self);

/* Great-circle distance in km between two points. */
double          rex_place_distance_km                 (const RexPlace *a,
                                                       const RexPlace *b);

G_END_DECLS
