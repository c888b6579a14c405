/* rex-dataset-loader-checks.c — reading the members of an object by type:
 * strings, ids, numbers in a range, integers, booleans, arrays, dates,
 * places, and references to sources, regions and metrics by id. Each
 * getter reports what is wrong at the member and returns whether it read
 * a value.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "rex-dataset-loader-private.h"

gboolean
rex_loader_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Reports members of @node that @allowed does not list; "x-" members are
 * extensions and ignored. */
void
rex_loader_check_members (Loader             *l,
                          JsonNode           *node,
                          const char * const *allowed)
{
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *iter = names; iter != NULL; iter = iter->next)
    {
      const char *name = iter->data;

      if (g_str_has_prefix (name, "x-") || g_strv_contains (allowed, name))
        continue;

      {
        gsize saved = rex_loader_path_push_member (l, name);
        g_autofree char *expected = g_strjoinv (", ", (char **) allowed);

        report_key (l, json_object_get_member (object, name),
                    "unknown member \"%s\" (expected one of: %s; extensions "
                    "must start with \"x-\")", name, expected);
        rex_loader_path_pop (l, saved);
      }
    }
}

/* @node must be an object, with no members but @allowed (NULL: any);
 * reports and returns FALSE when it is not an object. */
gboolean
rex_loader_expect_object (Loader             *l,
                          JsonNode           *node,
                          const char         *what,
                          const char * const *allowed)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (l, node, "expected %s, got %s", _(what), rex_loader_describe_node (node));
      return FALSE;
    }
  if (allowed != NULL)
    rex_loader_check_members (l, node, allowed);

  return TRUE;
}

/* Reads member @name of @node with @read, the name on the path while it
 * reports; FALSE when the member is absent (reported when @required). */
gboolean
rex_loader_read_member (Loader        *l,
                        JsonNode      *node,
                        const char    *name,
                        gboolean       required,
                        LoaderRead     read,
                        gconstpointer  data,
                        gpointer       out)
{
  JsonNode *member = json_object_get_member (json_node_get_object (node), name);
  gboolean ok;
  gsize saved;

  if (member == NULL)
    {
      if (required)
        report (l, node, "missing required member \"%s\"", name);
      return FALSE;
    }

  saved = rex_loader_path_push_member (l, name);
  ok = read (l, member, data, out);
  rex_loader_path_pop (l, saved);

  return ok;
}

/* Calls @func on each element of @array (the array member @name; nothing
 * when NULL), the element on the path; stops once a limit is reached. */
void
rex_loader_foreach_element (Loader        *l,
                            const char    *name,
                            JsonArray     *array,
                            LoaderElement  func,
                            gpointer       data)
{
  gsize saved;

  if (array == NULL)
    return;

  saved = rex_loader_path_push_member (l, name);
  for (guint i = 0; i < json_array_get_length (array) && !l->fatal; i++)
    {
      gsize saved_index = rex_loader_path_push_index (l, i);

      func (l, json_array_get_element (array, i), i, data);
      rex_loader_path_pop (l, saved_index);
    }
  rex_loader_path_pop (l, saved);
}

static gboolean
check_string (Loader        *l,
              JsonNode      *member,
              gconstpointer  limits,
              gpointer       out)
{
  if (!rex_loader_node_is_string (member))
    {
      report (l, member, "expected a string, got %s", rex_loader_describe_node (member));
      return FALSE;
    }
  *(const char **) out = json_node_get_string (member);
  return TRUE;
}

/* The number @member holds; FALSE (reported) when it holds something else. */
static gboolean
node_get_number (Loader   *l,
                 JsonNode *member,
                 double   *value)
{
  if (!node_is_number (member))
    {
      report (l, member, "expected a number, got %s", rex_loader_describe_node (member));
      return FALSE;
    }
  *value = json_node_get_double (member);
  return TRUE;
}

/* A finite number within limits[0]..limits[1]. */
static gboolean
check_number (Loader        *l,
              JsonNode      *member,
              gconstpointer  limits,
              gpointer       out)
{
  const double *range = limits;
  double value;

  if (!node_get_number (l, member, &value))
    return FALSE;
  if (!isfinite (value))
    {
      report (l, member, "expected a finite number");
      return FALSE;
    }
  if (value < range[0] || value > range[1])
    {
      report (l, member, "%g is out of range (%g to %g)", value, range[0], range[1]);
      return FALSE;
    }
  *(double *) out = value;
  return TRUE;
}

/* A number that must be > 0 and at most *limits. */
static gboolean
check_positive (Loader        *l,
                JsonNode      *member,
                gconstpointer  limits,
                gpointer       out)
{
  const double *max = limits;
  double value;

  if (!node_get_number (l, member, &value))
    return FALSE;
  if (!(value > 0) || !isfinite (value))
    {
      report (l, member, "must be a number greater than 0, got %g", value);
      return FALSE;
    }
  if (value > *max)
    {
      report (l, member, "%g is out of range (greater than 0, at most %g)", value, *max);
      return FALSE;
    }
  *(double *) out = value;
  return TRUE;
}

/* Integral values written as 4.0 or 4e0 are accepted: they are integers in
 * JSON's number model even if not in its grammar. */
static gboolean
node_get_integer (Loader   *l,
                  JsonNode *member,
                  int       min,
                  int       max,
                  int      *out)
{
  double value;

  if (!node_is_number (member))
    {
      report (l, member, "expected an integer, got %s", rex_loader_describe_node (member));
      return FALSE;
    }

  value = json_node_get_double (member);
  if (value != floor (value))
    {
      report (l, member, "expected an integer, got %g", value);
      return FALSE;
    }

  if (value < min || value > max)
    {
      report (l, member, "%.0f is out of range (%d to %d)", value, min, max);
      return FALSE;
    }

  *out = (int) value;

  return TRUE;
}

/* An integer within limits[0]..limits[1]. */
static gboolean
check_integer (Loader        *l,
               JsonNode      *member,
               gconstpointer  limits,
               gpointer       out)
{
  const int *range = limits;

  return node_get_integer (l, member, range[0], range[1], out);
}

static gboolean
check_boolean (Loader        *l,
               JsonNode      *member,
               gconstpointer  limits,
               gpointer       out)
{
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
    {
      report (l, member, "expected a boolean, got %s", rex_loader_describe_node (member));
      return FALSE;
    }
  *(gboolean *) out = json_node_get_boolean (member);
  return TRUE;
}

const char *
rex_loader_get_string (Loader     *l,
                       JsonNode   *node,
                       const char *name,
                       gboolean    required)
{
  const char *value = NULL;

  rex_loader_read_member (l, node, name, required, check_string, NULL, &value);
  return value;
}

char *
rex_loader_dup_string (Loader     *l,
                       JsonNode   *node,
                       const char *name,
                       gboolean    required)
{
  return g_strdup (rex_loader_get_string (l, node, name, required));
}

/* An id: a non-empty string. */
const char *
rex_loader_get_id (Loader     *l,
                   JsonNode   *node,
                   const char *name)
{
  const char *id = rex_loader_get_string (l, node, name, TRUE);

  if (id != NULL && *id == '\0')
    {
      report_in_member (l, node, name, "must not be empty");
      return NULL;
    }

  return id;
}

/* The "id", "name" and "name_zh" members that regions, metrics and
 * circles begin with (@id NULL when it is missing or not an id). */
void
rex_loader_load_names (Loader     *l,
                       JsonNode   *node,
                       char      **id,
                       char      **name,
                       char      **name_zh)
{
  *id = g_strdup (rex_loader_get_id (l, node, "id"));
  *name = rex_loader_dup_string (l, node, "name", TRUE);
  *name_zh = rex_loader_dup_string (l, node, "name_zh", FALSE);
}

gboolean
rex_loader_get_number (Loader     *l,
                       JsonNode   *node,
                       const char *name,
                       gboolean    required,
                       double      min,
                       double      max,
                       double     *out)
{
  const double range[] = { min, max };

  return rex_loader_read_member (l, node, name, required, check_number, range, out);
}

/* A number that must be > 0 and at most @max. */
gboolean
rex_loader_get_positive_at_most (Loader     *l,
                                 JsonNode   *node,
                                 const char *name,
                                 gboolean    required,
                                 double      max,
                                 double     *out)
{
  return rex_loader_read_member (l, node, name, required, check_positive, &max, out);
}

gboolean
rex_loader_get_integer (Loader     *l,
                        JsonNode   *node,
                        const char *name,
                        gboolean    required,
                        int         min,
                        int         max,
                        int        *out)
{
  const int range[] = { min, max };

  return rex_loader_read_member (l, node, name, required, check_integer, range, out);
}

gboolean
rex_loader_get_boolean (Loader     *l,
                        JsonNode   *node,
                        const char *name,
                        gboolean   *out)
{
  return rex_loader_read_member (l, node, name, FALSE, check_boolean, NULL, out);
}

static gboolean
check_array (Loader        *l,
             JsonNode      *member,
             gconstpointer  limits,
             gpointer       out)
{
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      report (l, member, "expected an array, got %s", rex_loader_describe_node (member));
      return FALSE;
    }
  *(JsonArray **) out = json_node_get_array (member);
  return TRUE;
}

/* The array member @name, or NULL (reported when it is not an array). */
JsonArray *
rex_loader_get_array (Loader     *l,
                      JsonNode   *node,
                      const char *name,
                      gboolean    required)
{
  JsonArray *array = NULL;

  rex_loader_read_member (l, node, name, required, check_array, NULL, &array);
  return array;
}

gboolean
rex_loader_check_count (Loader     *l,
                        JsonNode   *root,
                        const char *name,
                        JsonArray  *array,
                        guint       limit)
{
  gsize saved;

  if (array == NULL || json_array_get_length (array) <= limit)
    return TRUE;

  saved = rex_loader_path_push_member (l, name);
  report_code (l, json_object_get_member (json_node_get_object (root), name),
               REX_DATASET_ERROR_TOO_LARGE,
               "%u entries; the limit is %u", json_array_get_length (array), limit);
  rex_loader_path_pop (l, saved);
  l->fatal = TRUE;

  return FALSE;
}

/* YYYY, YYYY-MM or YYYY-MM-DD. */
gboolean
rex_loader_is_valid_date (const char *date)
{
  gsize len = strlen (date);
  int year, month = 1, day = 1;

  if (len != 4 && len != 7 && len != 10)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = (i == 4 || i == 7);

      if (dash ? date[i] != '-' : !g_ascii_isdigit (date[i]))
        return FALSE;
    }

  year = atoi (date);
  if (len >= 7)
    month = atoi (date + 5);
  if (len == 10)
    day = atoi (date + 8);

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* The date member @name of @node, or NULL when it is absent or not a date
 * (reported). */
char *
rex_loader_dup_date (Loader     *l,
                     JsonNode   *node,
                     const char *name)
{
  const char *date = rex_loader_get_string (l, node, name, FALSE);

  if (date != NULL && !rex_loader_is_valid_date (date))
    {
      report_in_member (l, node, name, BAD_DATE_FORMAT, date);
      return NULL;
    }

  return g_strdup (date);
}

/* The source, or the metric when @metric, that the string member @name of
 * @node names by its id; an id that is not there is reported. */
static gpointer
get_ref (Loader     *l,
         JsonNode   *node,
         const char *name,
         gboolean    required,
         gboolean    metric)
{
  const char *id = rex_loader_get_string (l, node, name, required);
  gpointer found;

  if (id == NULL)
    return NULL;

  found = g_hash_table_lookup (metric ? l->dataset->metrics_by_id : l->dataset->sources_by_id, id);
  if (found == NULL)
    report_in_member (l, node, name, metric ? UNKNOWN_METRIC_FORMAT : UNKNOWN_SOURCE_FORMAT, id);

  return found;
}

/* Reference to a source by id (member @name of @node). */
RexSource *
rex_loader_get_source_ref (Loader     *l,
                           JsonNode   *node,
                           const char *name,
                           gboolean    required)
{
  return get_ref (l, node, name, required, FALSE);
}

RexRegion *
rex_loader_node_get_region_ref (Loader   *l,
                                JsonNode *member)
{
  const char *id;
  RexRegion *region;

  if (!rex_loader_node_is_string (member))
    {
      report (l, member, "expected a region id (a string), got %s",
              rex_loader_describe_node (member));
      return NULL;
    }

  id = json_node_get_string (member);
  region = rex_dataset_lookup_region (l->dataset, id);
  if (region == NULL)
    report (l, member, "unknown region \"%s\"; it must be listed in \"regions\"", id);

  return region;
}

static gboolean
check_region_ref (Loader        *l,
                  JsonNode      *member,
                  gconstpointer  limits,
                  gpointer       out)
{
  *(RexRegion **) out = rex_loader_node_get_region_ref (l, member);
  return *(RexRegion **) out != NULL;
}

RexRegion *
rex_loader_get_region_ref (Loader     *l,
                           JsonNode   *node,
                           const char *name,
                           gboolean    required)
{
  RexRegion *region = NULL;

  rex_loader_read_member (l, node, name, required, check_region_ref, NULL, &region);
  return region;
}

/* Reference to a metric by id; always required. */
RexMetric *
rex_loader_get_metric_ref (Loader     *l,
                           JsonNode   *node,
                           const char *name)
{
  return get_ref (l, node, name, TRUE, TRUE);
}

/* Place: { name, name_zh?, lon, lat }, into the RexPlace @out. */
gboolean
rex_loader_read_place (Loader        *l,
                       JsonNode      *node,
                       gconstpointer  data,
                       gpointer       out)
{
  RexPlace *place = out;
  static const char * const allowed[] = { "name", "name_zh", "lon", "lat", NULL };
  gboolean ok = TRUE;

  if (!expect_object (l, node, "a place (an object with name, lon and lat)", allowed))
    return FALSE;

  place->name = rex_loader_dup_string (l, node, "name", TRUE);
  place->name_zh = rex_loader_dup_string (l, node, "name_zh", FALSE);
  ok &= rex_loader_get_number (l, node, "lon", TRUE, -180, 180, &place->lon);
  ok &= rex_loader_get_number (l, node, "lat", TRUE, -90, 90, &place->lat);

  return ok && place->name != NULL;
}
