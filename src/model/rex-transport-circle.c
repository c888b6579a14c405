/* rex-transport-circle.c — a 1/2/3-hour travel circle around a hub city,
 * with the cities inside it and, where published, its reach radius.
 */
#include "config.h"

#include <math.h>

#include "rex-model-private.h"

G_DEFINE_FINAL_TYPE (RexTransportCircle, rex_transport_circle, G_TYPE_OBJECT)

enum {
  PROP_HOURS = REX_NAMED_N_PROPS,
  PROP_MODE,
  PROP_RADIUS_KM,
  PROP_HUB_REGION,
  PROP_CLUSTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rex_transport_circle_dispose (GObject *object)
{
  RexTransportCircle *self = (RexTransportCircle *) object;

  g_clear_object (&self->hub_region);
  g_clear_object (&self->cluster);

  G_OBJECT_CLASS (rex_transport_circle_parent_class)->dispose (object);
}

static void
rex_transport_circle_finalize (GObject *object)
{
  RexTransportCircle *self = (RexTransportCircle *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_zh);
  g_free (self->mode);
  g_free (self->source_id);
  g_free (self->note);
  rex_place_clear (&self->hub);
  g_clear_pointer (&self->members, g_array_unref);

  G_OBJECT_CLASS (rex_transport_circle_parent_class)->finalize (object);
}

static void
rex_transport_circle_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RexTransportCircle *self = REX_TRANSPORT_CIRCLE (object);

  if (rex_named_get_property (prop_id, value, self->id, self->name, self->name_zh))
    return;
  switch (prop_id)
    {
    case PROP_HOURS:
      g_value_set_double (value, self->hours);
      break;
    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;
    case PROP_RADIUS_KM:
      g_value_set_double (value, self->radius_km);
      break;
    case PROP_HUB_REGION:
      g_value_set_object (value, self->hub_region);
      break;
    case PROP_CLUSTER:
      g_value_set_object (value, self->cluster);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_transport_circle_class_init (RexTransportCircleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rex_transport_circle_dispose;
  object_class->finalize = rex_transport_circle_finalize;
  object_class->get_property = rex_transport_circle_get_property;

  rex_named_install_properties (properties, flags);
  properties[PROP_HOURS] = g_param_spec_double ("hours", NULL, NULL,
                                                0, G_MAXDOUBLE, 1, flags);
  properties[PROP_MODE] = g_param_spec_string ("mode", NULL, NULL, NULL, flags);
  /* NaN when unknown, which a GParamSpecDouble range cannot exclude. */
  properties[PROP_RADIUS_KM] = g_param_spec_double ("radius-km", NULL, NULL,
                                                    -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_HUB_REGION] = g_param_spec_object ("hub-region", NULL, NULL,
                                                     REX_TYPE_REGION, flags);
  properties[PROP_CLUSTER] = g_param_spec_object ("cluster", NULL, NULL,
                                                  REX_TYPE_REGION, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_transport_circle_init (RexTransportCircle *self)
{
  self->hours = 1;
  self->radius_km = NAN;
  self->members = g_array_new (FALSE, TRUE, sizeof (RexPlace));
  g_array_set_clear_func (self->members, (GDestroyNotify) rex_place_clear);
}

RexTransportCircle *
rex_transport_circle_new (void)
{
  return g_object_new (REX_TYPE_TRANSPORT_CIRCLE, NULL);
}

const char *
rex_transport_circle_get_id (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->id;
}

const char *
rex_transport_circle_get_name (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->name;
}

const char *
rex_transport_circle_get_name_zh (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->name_zh;
}

const char *
rex_transport_circle_get_display_name (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return rex_pick_localized (self->name, self->name_zh);
}

const RexPlace *
rex_transport_circle_get_hub (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return &self->hub;
}

RexRegion *
rex_transport_circle_get_hub_region (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->hub_region;
}

double
rex_transport_circle_get_hours (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), 0);

  return self->hours;
}

const char *
rex_transport_circle_get_mode (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->mode;
}

GArray *
rex_transport_circle_get_members (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->members;
}

double
rex_transport_circle_get_radius_km (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NAN);

  return self->radius_km;
}

RexRegion *
rex_transport_circle_get_cluster (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->cluster;
}

const char *
rex_transport_circle_get_source_id (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->source_id;
}

const char *
rex_transport_circle_get_note (RexTransportCircle *self)
{
  g_return_val_if_fail (REX_IS_TRANSPORT_CIRCLE (self), NULL);

  return self->note;
}

/* Haversine on a sphere of the Earth's mean radius: within 0.5 % of the
 * ellipsoid, far below what a ring on a map can show. */
double
rex_place_distance_km (const RexPlace *a,
                       const RexPlace *b)
{
  const double earth_radius_km = 6371.0088;
  double lat1, lat2, dlat, dlon, h;

  g_return_val_if_fail (a != NULL && b != NULL, NAN);

  lat1 = a->lat * G_PI / 180.0;
  lat2 = b->lat * G_PI / 180.0;
  dlat = lat2 - lat1;
  dlon = (b->lon - a->lon) * G_PI / 180.0;
  h = sin (dlat / 2) * sin (dlat / 2) +
      cos (lat1) * cos (lat2) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * earth_radius_km * asin (sqrt (MIN (1.0, h)));
}
