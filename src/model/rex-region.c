/* rex-region.c — a region (nation, macro-region, province, cluster, county…)
 * with its place in the hierarchy and its series of values.
 *
 * Regions point at each other (parent, members, and the inverse of members,
 * memberships). Those references form cycles, so the dataset that owns the
 * regions breaks them in its dispose; a region kept alive past its dataset
 * simply has no links left, never dangling ones.
 */
#include "config.h"

#include "rex-model-private.h"

G_DEFINE_FINAL_TYPE (RexRegion, rex_region, G_TYPE_OBJECT)

enum {
  PROP_KIND = REX_NAMED_N_PROPS,
  PROP_PARENT,
  PROP_TIER,
  PROP_KIND_LABEL,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
rex_place_clear (RexPlace *place)
{
  g_clear_pointer (&place->name, g_free);
  g_clear_pointer (&place->name_zh, g_free);
}

static void
rex_place_free (RexPlace *place)
{
  rex_place_clear (place);
  g_free (place);
}

void
rex_region_clear_links (RexRegion *self)
{
  g_return_if_fail (REX_IS_REGION (self));

  g_clear_object (&self->parent);
  if (self->members->len > 0)
    g_ptr_array_set_size (self->members, 0);
  if (self->memberships->len > 0)
    g_ptr_array_set_size (self->memberships, 0);
}

static void
rex_region_dispose (GObject *object)
{
  RexRegion *self = (RexRegion *) object;

  rex_region_clear_links (self);
  g_clear_pointer (&self->series, g_hash_table_unref);

  G_OBJECT_CLASS (rex_region_parent_class)->dispose (object);
}

static void
rex_region_finalize (GObject *object)
{
  RexRegion *self = (RexRegion *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_zh);
  g_free (self->source_id);
  g_strfreev (self->cities);
  g_clear_pointer (&self->seat, rex_place_free);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->memberships, g_ptr_array_unref);

  G_OBJECT_CLASS (rex_region_parent_class)->finalize (object);
}

static void
rex_region_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RexRegion *self = REX_REGION (object);

  if (rex_named_get_property (prop_id, value, self->id, self->name, self->name_zh))
    return;
  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PARENT:
      g_value_set_object (value, self->parent);
      break;
    case PROP_TIER:
      g_value_set_uint (value, self->tier);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, rex_region_kind_get_label (self->kind));
      break;
    case PROP_SEARCH_TEXT:
      /* Both names and the id, so "江苏", "Jiangsu" and "CN-JS" all match
       * whatever the UI language. */
      g_value_take_string (value, g_strjoin (" ", self->name, self->name_zh ? self->name_zh : "",
                                             self->id, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_region_class_init (RexRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rex_region_dispose;
  object_class->finalize = rex_region_finalize;
  object_class->get_property = rex_region_get_property;

  rex_named_install_properties (properties, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL,
                                             REX_TYPE_REGION_KIND,
                                             REX_REGION_KIND_NATION, flags);
  properties[PROP_PARENT] = g_param_spec_object ("parent", NULL, NULL,
                                                 REX_TYPE_REGION, flags);
  properties[PROP_TIER] = g_param_spec_uint ("tier", NULL, NULL, 0, 3, 0, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_region_init (RexRegion *self)
{
  self->members = g_ptr_array_new_with_free_func (g_object_unref);
  self->memberships = g_ptr_array_new_with_free_func (g_object_unref);
  self->series = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) rex_series_unref);
}

RexRegion *
rex_region_new (void)
{
  return g_object_new (REX_TYPE_REGION, NULL);
}

void
rex_region_add_series (RexRegion *self,
                       RexSeries *series)
{
  g_return_if_fail (REX_IS_REGION (self));
  g_return_if_fail (series != NULL);

  /* The key is the series' own interned metric id, valid as long as the
   * series is in the table. */
  g_hash_table_replace (self->series,
                        (gpointer) rex_series_get_metric_id (series),
                        rex_series_ref (series));
}

const char *
rex_region_get_id (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->id;
}

const char *
rex_region_get_name (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->name;
}

const char *
rex_region_get_name_zh (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->name_zh;
}

const char *
rex_region_get_display_name (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return rex_pick_localized (self->name, self->name_zh);
}

RexRegionKind
rex_region_get_kind (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), REX_REGION_KIND_NATION);

  return self->kind;
}

RexRegion *
rex_region_get_parent (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->parent;
}

GPtrArray *
rex_region_get_members (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->members;
}

GPtrArray *
rex_region_get_memberships (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->memberships;
}

/* The loader refuses parent cycles, so walking up always ends. A region is
 * "in" a group also when one of its ancestors is a member (a province lies
 * in a cluster that spans it, and so does a county of that province). */
gboolean
rex_region_is_in (RexRegion *self,
                  RexRegion *group)
{
  g_return_val_if_fail (REX_IS_REGION (self), FALSE);
  g_return_val_if_fail (REX_IS_REGION (group), FALSE);

  for (RexRegion *r = self; r != NULL; r = r->parent)
    {
      if (r == group)
        return TRUE;
      for (guint i = 0; i < group->members->len; i++)
        if (g_ptr_array_index (group->members, i) == r)
          return TRUE;
    }

  return FALSE;
}

const char * const *
rex_region_get_cities (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return (const char * const *) self->cities;
}

guint
rex_region_get_tier (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), 0);

  return self->tier;
}

const RexPlace *
rex_region_get_seat (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->seat;
}

gboolean
rex_region_get_tile (RexRegion *self,
                     int       *col,
                     int       *row)
{
  g_return_val_if_fail (REX_IS_REGION (self), FALSE);

  if (!self->has_tile)
    return FALSE;

  if (col != NULL)
    *col = self->tile_col;
  if (row != NULL)
    *row = self->tile_row;

  return TRUE;
}

const char *
rex_region_get_source_id (RexRegion *self)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);

  return self->source_id;
}

RexSeries *
rex_region_get_series (RexRegion  *self,
                       const char *metric_id)
{
  g_return_val_if_fail (REX_IS_REGION (self), NULL);
  g_return_val_if_fail (metric_id != NULL, NULL);

  if (self->series == NULL)
    return NULL;

  return g_hash_table_lookup (self->series, metric_id);
}

gboolean
rex_region_get_value (RexRegion  *self,
                      const char *metric_id,
                      int         year,
                      double     *value)
{
  RexSeries *series = rex_region_get_series (self, metric_id);

  if (series == NULL)
    return FALSE;

  return rex_series_get_value (series, year, value);
}
