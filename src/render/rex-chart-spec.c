/* rex-chart-spec.c — chart specifications, their names and their JSON form. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart.h"
#include "rex-chart-spec.h"

G_DEFINE_BOXED_TYPE (RexChartSpec, rex_chart_spec, rex_chart_spec_copy, rex_chart_spec_free)

/* The names are the enums' nicks (rex-render-enums.c). */

REX_DEFINE_ENUM_NAMES (rex_chart_kind, RexChartKind, REX_TYPE_CHART_KIND)
REX_DEFINE_ENUM_NAMES (rex_color_by, RexColorBy, REX_TYPE_COLOR_BY)
REX_DEFINE_ENUM_NAMES (rex_map_mode, RexMapMode, REX_TYPE_MAP_MODE)
REX_DEFINE_ENUM_NAMES (rex_shares_mode, RexSharesMode, REX_TYPE_SHARES_MODE)

RexChartSpec *
rex_chart_spec_new (RexChartKind kind)
{
  RexChartSpec *self = g_new0 (RexChartSpec, 1);

  self->kind = kind;
  self->region_kind = REX_REGION_KIND_PROVINCE;
  self->table_of = REX_CHART_KIND_BARS;
  return self;
}

RexChartSpec *
rex_chart_spec_copy (const RexChartSpec *self)
{
  RexChartSpec *copy = g_memdup2 (self, sizeof *self);

  copy->metric = g_strdup (self->metric);
  copy->x_metric = g_strdup (self->x_metric);
  copy->y_metric = g_strdup (self->y_metric);
  copy->size_metric = g_strdup (self->size_metric);
  copy->regions = g_strdupv (self->regions);
  return copy;
}

void
rex_chart_spec_free (RexChartSpec *self)
{
  if (self == NULL)
    return;
  g_free (self->metric);
  g_free (self->x_metric);
  g_free (self->y_metric);
  g_free (self->size_metric);
  g_strfreev (self->regions);
  g_free (self);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
rex_chart_spec_equal (const RexChartSpec *a,
                      const RexChartSpec *b)
{
  return a->kind == b->kind
      && g_strcmp0 (a->metric, b->metric) == 0
      && g_strcmp0 (a->x_metric, b->x_metric) == 0
      && g_strcmp0 (a->y_metric, b->y_metric) == 0
      && g_strcmp0 (a->size_metric, b->size_metric) == 0
      && a->year == b->year
      && a->year_fraction == b->year_fraction
      && strv_equal0 (a->regions, b->regions)
      && a->region_kind == b->region_kind
      && a->hide_missing == b->hide_missing
      && a->top == b->top
      && a->base_year == b->base_year
      && a->from_year == b->from_year
      && a->to_year == b->to_year
      && a->relative == b->relative
      && a->log_x == b->log_x
      && a->log_y == b->log_y
      && a->trails == b->trails
      && a->fit == b->fit
      && a->both_years == b->both_years
      && a->split == b->split
      && a->color_by == b->color_by
      && a->map_mode == b->map_mode
      && a->continuous == b->continuous
      && a->shares_mode == b->shares_mode
      && a->table_of == b->table_of;
}

void
rex_chart_spec_set_regions (RexChartSpec       *self,
                            const char * const *ids)
{
  g_strfreev (self->regions);
  self->regions = (ids && ids[0]) ? g_strdupv ((char **) ids) : NULL;
}

gboolean
rex_chart_spec_has_region (const RexChartSpec *self,
                           const char         *id)
{
  return self->regions != NULL && g_strv_contains ((const char * const *) self->regions, id);
}

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

static gboolean
invalid_member (const char  *name,
                const char **member,
                GError     **error,
                const char  *message)
{
  if (member != NULL)
    *member = name;
  g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_year (int          year,
            const char  *name,
            const char **member,
            GError     **error)
{
  g_autofree char *message = NULL;

  if (year == 0 || (year >= REX_YEAR_MIN && year <= REX_YEAR_MAX))
    return TRUE;
  /* Translators: "1 is outside 1800–2200" */
  message = g_strdup_printf (_("%d is outside %d–%d"), year, REX_YEAR_MIN, REX_YEAR_MAX);
  return invalid_member (name, member, error, message);
}

static gboolean
check_id (const char  *id,
          const char  *name,
          const char **member,
          GError     **error)
{
  if (id == NULL || *id != '\0')
    return TRUE;
  return invalid_member (name, member, error, _("an id cannot be empty"));
}

gboolean
rex_chart_spec_validate (const RexChartSpec  *self,
                         const char         **member,
                         GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint) self->kind >= REX_CHART_KIND_LAST
      || (guint) self->table_of >= REX_CHART_KIND_LAST || self->table_of == REX_CHART_KIND_TABLE)
    return invalid_member ((guint) self->kind >= REX_CHART_KIND_LAST ? "kind" : "table_of", member, error,
                           _("unknown chart kind"));
  if ((guint) self->color_by >= REX_COLOR_BY_LAST)
    return invalid_member ("color_by", member, error, _("use none, macro-region or cluster"));
  if ((guint) self->map_mode >= REX_MAP_MODE_LAST)
    return invalid_member ("map_mode", member, error, _("use tiles or geo"));
  if ((guint) self->shares_mode >= REX_SHARES_MODE_LAST)
    return invalid_member ("shares_mode", member, error, _("use donut or stacked"));
  if (!check_year (self->year, "year", member, error)
      || !check_year (self->base_year, "base_year", member, error)
      || !check_year (self->from_year, "from_year", member, error)
      || !check_year (self->to_year, "to_year", member, error))
    return FALSE;
  if (self->from_year != 0 && self->to_year != 0 && self->from_year > self->to_year)
    return invalid_member ("to_year", member, error, _("the last year cannot come before the first"));
  if (self->top < -REX_CHART_TOP_MAX || self->top > REX_CHART_TOP_MAX)
    return invalid_member ("top", member, error, _("use a whole number of regions up to a million"));
  if (!(self->year_fraction >= 0 && self->year_fraction < 1))
    return invalid_member ("year_fraction", member, error,
                           _("use a number from 0 up to (not including) 1, e.g. 0.5"));
  if (!check_id (self->metric, "metric", member, error)
      || !check_id (self->x_metric, "x_metric", member, error)
      || !check_id (self->y_metric, "y_metric", member, error)
      || !check_id (self->size_metric, "size_metric", member, error))
    return FALSE;
  for (guint i = 0; self->regions != NULL && self->regions[i] != NULL; i++)
    if (!check_id (self->regions[i], "regions", member, error))
      return FALSE;
  return TRUE;
}

JsonNode *
rex_chart_spec_to_json (const RexChartSpec *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (object, "kind", rex_chart_kind_to_string (self->kind));
  set_string (object, "metric", self->metric);
  set_string (object, "x_metric", self->x_metric);
  set_string (object, "y_metric", self->y_metric);
  set_string (object, "size_metric", self->size_metric);
  if (self->year != 0)
    json_object_set_int_member (object, "year", self->year);
  if (self->year_fraction != 0)
    json_object_set_double_member (object, "year_fraction", self->year_fraction);
  if (self->regions != NULL)
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; self->regions[i]; i++)
        json_array_add_string_element (array, self->regions[i]);
      json_object_set_array_member (object, "regions", array);
    }
  json_object_set_string_member (object, "region_kind", rex_region_kind_to_string (self->region_kind));
  if (self->hide_missing)
    json_object_set_boolean_member (object, "hide_missing", TRUE);
  if (self->top != 0)
    json_object_set_int_member (object, "top", self->top);
  if (self->base_year != 0)
    json_object_set_int_member (object, "base_year", self->base_year);
  if (self->from_year != 0)
    json_object_set_int_member (object, "from_year", self->from_year);
  if (self->to_year != 0)
    json_object_set_int_member (object, "to_year", self->to_year);
  json_object_set_boolean_member (object, "relative", self->relative);
  json_object_set_boolean_member (object, "log_x", self->log_x);
  json_object_set_boolean_member (object, "log_y", self->log_y);
  if (self->trails)
    json_object_set_boolean_member (object, "trails", TRUE);
  if (self->fit)
    json_object_set_boolean_member (object, "fit", TRUE);
  if (self->both_years)
    json_object_set_boolean_member (object, "both_years", TRUE);
  if (self->split)
    json_object_set_boolean_member (object, "split", TRUE);
  json_object_set_string_member (object, "color_by", rex_color_by_to_string (self->color_by));
  json_object_set_string_member (object, "map_mode", rex_map_mode_to_string (self->map_mode));
  json_object_set_boolean_member (object, "continuous", self->continuous);
  json_object_set_string_member (object, "shares_mode", rex_shares_mode_to_string (self->shares_mode));
  json_object_set_string_member (object, "table_of", rex_chart_kind_to_string (self->table_of));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static gboolean
read_enum (JsonObject  *object,
           const char  *member,
           GType        enum_type,
           int         *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !rex_enum_from_nick (enum_type, json_node_get_string (node), out))
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("Chart specification: “%s” has an unknown value"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("Chart specification: “%s” must be a string"), member);
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *member,
             double       lo,
             double       hi,
             gboolean     integral,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double v;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    goto fail;
  v = json_node_get_double (node);
  if (!(v >= lo && v <= hi) || (integral && v != floor (v)))
    goto fail;
  *out = v;
  return TRUE;

fail:
  if (integral)
    g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                 _("Chart specification: “%s” must be a whole number between %g and %g"),
                 member, lo, hi);
  else
    g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                 _("Chart specification: “%s” must be a number between %g and %g"),
                 member, lo, hi);
  return FALSE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("Chart specification: “%s” must be true or false"), member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

RexChartSpec *
rex_chart_spec_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(RexChartSpec) self = NULL;
  JsonObject *object;
  JsonNode *regions;
  int kind = 0, v;
  double year = 0, base_year = 0, from_year = 0, to_year = 0, fraction = 0, top = 0;
  g_autofree char *region_kind = NULL;
  const char *member = NULL;
  g_autoptr(GError) invalid = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                           _("Chart specification: expected a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "kind")
      || !read_enum (object, "kind", REX_TYPE_CHART_KIND, &kind, error))
    {
      if (error && *error == NULL)
        g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                             _("Chart specification: “kind” is missing"));
      return NULL;
    }
  self = rex_chart_spec_new (kind);

  if (!read_string (object, "metric", &self->metric, error)
      || !read_string (object, "x_metric", &self->x_metric, error)
      || !read_string (object, "y_metric", &self->y_metric, error)
      || !read_string (object, "size_metric", &self->size_metric, error)
      || !read_number (object, "year", 0, REX_YEAR_MAX, TRUE, &year, error)
      || !read_number (object, "year_fraction", 0, 1, FALSE, &fraction, error)
      || !read_number (object, "base_year", 0, REX_YEAR_MAX, TRUE, &base_year, error)
      || !read_number (object, "from_year", 0, REX_YEAR_MAX, TRUE, &from_year, error)
      || !read_number (object, "to_year", 0, REX_YEAR_MAX, TRUE, &to_year, error)
      || !read_number (object, "top", -REX_CHART_TOP_MAX, REX_CHART_TOP_MAX, TRUE, &top, error)
      || !read_bool (object, "relative", &self->relative, error)
      || !read_bool (object, "log_x", &self->log_x, error)
      || !read_bool (object, "log_y", &self->log_y, error)
      || !read_bool (object, "trails", &self->trails, error)
      || !read_bool (object, "fit", &self->fit, error)
      || !read_bool (object, "both_years", &self->both_years, error)
      || !read_bool (object, "split", &self->split, error)
      || !read_bool (object, "continuous", &self->continuous, error)
      || !read_bool (object, "hide_missing", &self->hide_missing, error))
    return NULL;
  self->year = (int) year;
  self->base_year = (int) base_year;
  self->from_year = (int) from_year;
  self->to_year = (int) to_year;
  self->top = (int) top;
  self->year_fraction = fraction;

  v = self->color_by;
  if (!read_enum (object, "color_by", REX_TYPE_COLOR_BY, &v, error))
    return NULL;
  self->color_by = v;
  v = self->map_mode;
  if (!read_enum (object, "map_mode", REX_TYPE_MAP_MODE, &v, error))
    return NULL;
  self->map_mode = v;
  v = self->shares_mode;
  if (!read_enum (object, "shares_mode", REX_TYPE_SHARES_MODE, &v, error))
    return NULL;
  self->shares_mode = v;
  v = self->table_of;
  if (!read_enum (object, "table_of", REX_TYPE_CHART_KIND, &v, error))
    return NULL;
  self->table_of = v;

  if (!read_string (object, "region_kind", &region_kind, error))
    return NULL;
  if (region_kind != NULL && !rex_region_kind_from_string (region_kind, &self->region_kind))
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("Chart specification: unknown region kind “%s”"), region_kind);
      return NULL;
    }

  regions = json_object_get_member (object, "regions");
  if (regions != NULL && !JSON_NODE_HOLDS_NULL (regions))
    {
      JsonArray *array;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (!JSON_NODE_HOLDS_ARRAY (regions))
        {
          g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                               _("Chart specification: “regions” must be a list of region ids"));
          return NULL;
        }
      array = json_node_get_array (regions);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                                   _("Chart specification: “regions” must be a list of region ids"));
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
      self->regions = g_strv_builder_end (builder);
      if (self->regions[0] == NULL)
        g_clear_pointer (&self->regions, g_strfreev);
    }

  /* The checks the command line makes too: year 1 or a fraction of 1 are
   * refused here as they are there. */
  if (!rex_chart_spec_validate (self, &member, &invalid))
    {
      /* Translators: "Chart specification: “year”: 1 is outside 1800–2200" */
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("Chart specification: “%s”: %s"), member, invalid->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}
