/* rex-dataset-loader.c — reads a dataset file, validates it against
 * docs/dataset-format.md and builds the RexDataset.
 *
 * Validation collects every problem it finds, each with the file, line,
 * column and JSON path of the offending node, so that one run of
 * `region-explorer --check` shows everything to fix. Objects are built while
 * validating; if anything was wrong, the half-built dataset is dropped and
 * the caller keeps whatever it had loaded before.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "rex-default-dataset-checksum.h"
#include "rex-json.h"
#include "rex-model-private.h"
#include "rex-table-import.h"

/* Beyond this, more messages help nobody: the file is badly broken. */
#define MAX_PROBLEMS 1000

#define N_YEARS (REX_YEAR_MAX - REX_YEAR_MIN + 1)

typedef struct
{
  RexDatasetProblem *problem;
  int                code;
  guint              seq;
} Report;

/* A dated member of a values.METRIC object: a number the parser kept in
 * its table, or the record of any other value. */
typedef struct
{
  int                  year;
  const RexJsonNumber *number;
  const RexJsonMember *value;
} YearValue;

#define NO_SOURCE_FORMAT N_("value has no source; give it a \"source\", or name one in " \
                            "the region's \"sources\" or in metric \"%s\"")
#define UNKNOWN_SOURCE_FORMAT N_("unknown source \"%s\"; it must be listed in \"sources\"")
#define UNKNOWN_QUALIFIER_FORMAT N_("unknown qualifier \"%s\"; expected \"about\", \"over\" or \"under\"")
#define UNKNOWN_STATUS_FORMAT N_("unknown status \"%s\"; expected \"final\", \"preliminary\", " \
                                 "\"estimate\" or \"derived\"")
#define BAD_DATE_FORMAT N_("\"%s\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")

typedef struct
{
  const char      *file;
  RexJsonDocument *doc;
  RexDataset      *dataset;
  GString         *path;
  GArray          *reports;         /* Report */
  guint            n_dropped;
  gboolean         fatal;           /* a limit or the schema: stop validating */
  guint64          n_values;

  GHashTable      *source_indices;  /* RexSource → GUINT_TO_POINTER (index + 1) */
  GHashTable      *region_nodes;    /* RexRegion → its JsonNode */
  GHashTable      *region_indices;  /* RexRegion → index in "regions" */
  guint            index;           /* of the element load_array() is at */
  GHashTable      *tiles;           /* "kind col row" → region id */
  GHashTable      *year_sets;       /* metric id → guint8[N_YEARS] */
  GArray          *scratch_years;   /* YearValue */
} Loader;

static void
report_clear (Report *report)
{
  g_clear_pointer (&report->problem, rex_dataset_problem_free);
}

static void G_GNUC_PRINTF (5, 0)
report_at_valist (Loader     *l,
                  int         line,
                  int         column,
                  int         code,
                  const char *format,
                  va_list     args)
{
  g_autofree char *message = NULL;
  Report report;

  /* The formats are marked by the report functions' names (po/meson.build). */
  message = g_strdup_vprintf (_(format), args);
  report.problem = rex_dataset_problem_new (l->file, line, column, l->path->str, message);
  report.code = code;
  report.seq = l->reports->len;
  g_array_append_val (l->reports, report);
}

/* TRUE, counting one more dropped, once MAX_PROBLEMS are kept: then there
 * is no position to look up. */
static gboolean
reports_full (Loader *l)
{
  if (l->reports->len < MAX_PROBLEMS)
    return FALSE;
  l->n_dropped++;
  return TRUE;
}

/* Reports a problem at a byte offset: for what the parser kept out of the
 * tree. */
static void G_GNUC_PRINTF (4, 0)
report_offset_valist (Loader     *l,
                      guint32     offset,
                      int         code,
                      const char *format,
                      va_list     args)
{
  int line, column;

  if (reports_full (l))
    return;
  rex_json_document_get_offset_position (l->doc, offset, &line, &column);
  report_at_valist (l, line, column, code, format, args);
}

static void G_GNUC_PRINTF (4, 5)
report_offset_code (Loader     *l,
                    guint32     offset,
                    int         code,
                    const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  report_offset_valist (l, offset, code, format, args);
  va_end (args);
}

/* Reports a problem at @node, or with @at_key at the member name of which
 * @node is the value, with the current path. */
static void G_GNUC_PRINTF (5, 0)
report_valist (Loader     *l,
               JsonNode   *node,
               gboolean    at_key,
               int         code,
               const char *format,
               va_list     args)
{
  int line = 0, column = 0;

  if (reports_full (l))
    return;
  if (node != NULL && at_key)
    rex_json_document_get_key_position (l->doc, node, &line, &column);
  else if (node != NULL)
    rex_json_document_get_position (l->doc, node, &line, &column);
  report_at_valist (l, line, column, code, format, args);
}

static void G_GNUC_PRINTF (5, 6)
report_node (Loader     *l,
             JsonNode   *node,
             gboolean    at_key,
             int         code,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  report_valist (l, node, at_key, code, format, args);
  va_end (args);
}

/* The usual cases, by the names po/meson.build marks for translation. */
#define report(l, node, ...) report_node (l, node, FALSE, REX_DATASET_ERROR_INVALID, __VA_ARGS__)
#define report_key(l, node, ...) report_node (l, node, TRUE, REX_DATASET_ERROR_INVALID, __VA_ARGS__)
#define report_code(l, node, code, ...) report_node (l, node, FALSE, code, __VA_ARGS__)
#define report_offset(l, offset, ...) \
  report_offset_code (l, offset, REX_DATASET_ERROR_INVALID, __VA_ARGS__)

/* Path building: push returns the length to restore with path_pop(). */

static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gsize
path_push_member (Loader     *l,
                  const char *name)
{
  gsize saved = l->path->len;

  if (is_identifier (name))
    {
      if (l->path->len > 0)
        g_string_append_c (l->path, '.');
      g_string_append (l->path, name);
    }
  else
    {
      g_string_append (l->path, "[\"");
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (l->path, '\\');
          g_string_append_c (l->path, *p);
        }
      g_string_append (l->path, "\"]");
    }

  return saved;
}

static gsize
path_push_index (Loader *l,
                 guint   index)
{
  gsize saved = l->path->len;

  g_string_append_printf (l->path, "[%u]", index);

  return saved;
}

static void
path_pop (Loader *l,
          gsize   saved)
{
  g_string_truncate (l->path, saved);
}

/* Reports a problem at member @name of object @node, with @name on the path. */
static void G_GNUC_PRINTF (4, 5)
report_in_member (Loader     *l,
                  JsonNode   *node,
                  const char *name,
                  const char *format,
                  ...)
{
  gsize saved = path_push_member (l, name);
  va_list args;

  va_start (args, format);
  report_valist (l, json_object_get_member (json_node_get_object (node), name), FALSE,
                 REX_DATASET_ERROR_INVALID, format, args);
  va_end (args);
  path_pop (l, saved);
}

static const char *
describe_type (RexJsonType type)
{
  switch (type)
    {
    case REX_JSON_OBJECT:
      return _("an object");
    case REX_JSON_ARRAY:
      return _("an array");
    case REX_JSON_NULL:
      return "null";
    case REX_JSON_STRING:
      return _("a string");
    case REX_JSON_BOOLEAN:
      return _("a boolean");
    case REX_JSON_NUMBER:
    default:
      return _("a number");
    }
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return describe_type (REX_JSON_OBJECT);
    case JSON_NODE_ARRAY:
      return describe_type (REX_JSON_ARRAY);
    case JSON_NODE_NULL:
      return describe_type (REX_JSON_NULL);
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return describe_type (REX_JSON_STRING);
        case G_TYPE_BOOLEAN:
          return describe_type (REX_JSON_BOOLEAN);
        default:
          return describe_type (REX_JSON_NUMBER);
        }
    }
}

static gboolean
node_is_string (JsonNode *node)
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
static void
check_members (Loader             *l,
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
        gsize saved = path_push_member (l, name);
        g_autofree char *expected = g_strjoinv (", ", (char **) allowed);

        report_key (l, json_object_get_member (object, name),
                    "unknown member \"%s\" (expected one of: %s; extensions "
                    "must start with \"x-\")", name, expected);
        path_pop (l, saved);
      }
    }
}

/* @node must be an object, with no members but @allowed (NULL: any);
 * reports and returns FALSE when it is not an object. */
static gboolean
expect_object (Loader             *l,
               JsonNode           *node,
               const char         *what,
               const char * const *allowed)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (l, node, "expected %s, got %s", _(what), describe_node (node));
      return FALSE;
    }
  if (allowed != NULL)
    check_members (l, node, allowed);

  return TRUE;
}

/* The member @name of object @node, reporting it when @required and absent. */
static JsonNode *
get_member (Loader     *l,
            JsonNode   *node,
            const char *name,
            gboolean    required)
{
  JsonNode *member = json_object_get_member (json_node_get_object (node), name);

  if (member == NULL && required)
    report (l, node, "missing required member \"%s\"", name);

  return member;
}

/* Checks the value @member of a member and stores it in @out, reporting
 * what is wrong with it; @limits are the check's own. */
typedef gboolean (*MemberCheck) (Loader        *l,
                                 JsonNode      *member,
                                 gconstpointer  limits,
                                 gpointer       out);

/* Reads member @name of @node with @check, the name on the path while it
 * reports; FALSE when the member is absent (reported when @required). */
static gboolean
get_checked (Loader        *l,
             JsonNode      *node,
             const char    *name,
             gboolean       required,
             MemberCheck    check,
             gconstpointer  limits,
             gpointer       out)
{
  JsonNode *member = get_member (l, node, name, required);
  gboolean ok;
  gsize saved;

  if (member == NULL)
    return FALSE;

  saved = path_push_member (l, name);
  ok = check (l, member, limits, out);
  path_pop (l, saved);

  return ok;
}

static gboolean
check_string (Loader        *l,
              JsonNode      *member,
              gconstpointer  limits,
              gpointer       out)
{
  if (!node_is_string (member))
    {
      report (l, member, "expected a string, got %s", describe_node (member));
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
      report (l, member, "expected a number, got %s", describe_node (member));
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
      report (l, member, "expected an integer, got %s", describe_node (member));
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
      report (l, member, "expected a boolean, got %s", describe_node (member));
      return FALSE;
    }
  *(gboolean *) out = json_node_get_boolean (member);
  return TRUE;
}

static const char *
get_string (Loader     *l,
            JsonNode   *node,
            const char *name,
            gboolean    required)
{
  const char *value = NULL;

  get_checked (l, node, name, required, check_string, NULL, &value);
  return value;
}

static char *
dup_string (Loader     *l,
            JsonNode   *node,
            const char *name,
            gboolean    required)
{
  return g_strdup (get_string (l, node, name, required));
}

/* An id: a non-empty string. */
static const char *
get_id (Loader     *l,
        JsonNode   *node,
        const char *name)
{
  const char *id = get_string (l, node, name, TRUE);

  if (id != NULL && *id == '\0')
    {
      report_in_member (l, node, name, "must not be empty");
      return NULL;
    }

  return id;
}

/* The "id", "name" and "name_zh" members that regions, metrics and
 * circles begin with; returns the id (NULL when it is missing). */
static const char *
load_names (Loader     *l,
            JsonNode   *node,
            char      **id,
            char      **name,
            char      **name_zh)
{
  const char *found = get_id (l, node, "id");

  *id = g_strdup (found);
  *name = dup_string (l, node, "name", TRUE);
  *name_zh = dup_string (l, node, "name_zh", FALSE);
  return found;
}

static gboolean
get_number (Loader     *l,
            JsonNode   *node,
            const char *name,
            gboolean    required,
            double      min,
            double      max,
            double     *out)
{
  const double range[] = { min, max };

  return get_checked (l, node, name, required, check_number, range, out);
}

/* A number that must be > 0 and at most @max. */
static gboolean
get_positive_at_most (Loader     *l,
                      JsonNode   *node,
                      const char *name,
                      gboolean    required,
                      double      max,
                      double     *out)
{
  return get_checked (l, node, name, required, check_positive, &max, out);
}

static gboolean
get_integer (Loader     *l,
             JsonNode   *node,
             const char *name,
             gboolean    required,
             int         min,
             int         max,
             int        *out)
{
  const int range[] = { min, max };

  return get_checked (l, node, name, required, check_integer, range, out);
}

static gboolean
get_boolean (Loader     *l,
             JsonNode   *node,
             const char *name,
             gboolean   *out)
{
  return get_checked (l, node, name, FALSE, check_boolean, NULL, out);
}

/* The array member @name, or NULL (reported when it is not an array). */
static JsonArray *
get_array (Loader     *l,
           JsonNode   *node,
           const char *name,
           gboolean    required)
{
  JsonNode *member = get_member (l, node, name, required);

  if (member == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      gsize saved = path_push_member (l, name);

      report (l, member, "expected an array, got %s", describe_node (member));
      path_pop (l, saved);
      return NULL;
    }

  return json_node_get_array (member);
}

static gboolean
check_count (Loader     *l,
             JsonNode   *root,
             const char *name,
             JsonArray  *array,
             guint       limit)
{
  gsize saved;

  if (array == NULL || json_array_get_length (array) <= limit)
    return TRUE;

  saved = path_push_member (l, name);
  report_code (l, json_object_get_member (json_node_get_object (root), name),
               REX_DATASET_ERROR_TOO_LARGE,
               "%u entries; the limit is %u", json_array_get_length (array), limit);
  path_pop (l, saved);
  l->fatal = TRUE;

  return FALSE;
}

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static gboolean
is_valid_date (const char *date)
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

static void
check_date (Loader     *l,
            JsonNode   *node,
            const char *name)
{
  const char *date = get_string (l, node, name, FALSE);

  if (date != NULL && !is_valid_date (date))
    report_in_member (l, node, name, BAD_DATE_FORMAT, date);
}

/* Reference to a source by id (member @name of @node). */
static RexSource *
get_source_ref (Loader     *l,
                JsonNode   *node,
                const char *name,
                gboolean    required)
{
  const char *id = get_string (l, node, name, required);
  RexSource *source;

  if (id == NULL)
    return NULL;

  source = rex_dataset_lookup_source (l->dataset, id);
  if (source == NULL)
    report_in_member (l, node, name, UNKNOWN_SOURCE_FORMAT, id);

  return source;
}

static RexRegion *
node_get_region_ref (Loader   *l,
                     JsonNode *member)
{
  const char *id;
  RexRegion *region;

  if (!node_is_string (member))
    {
      report (l, member, "expected a region id (a string), got %s", describe_node (member));
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
  *(RexRegion **) out = node_get_region_ref (l, member);
  return *(RexRegion **) out != NULL;
}

static RexRegion *
get_region_ref (Loader     *l,
                JsonNode   *node,
                const char *name)
{
  RexRegion *region = NULL;

  get_checked (l, node, name, FALSE, check_region_ref, NULL, &region);
  return region;
}

static RexMetric *
get_metric_ref (Loader     *l,
                JsonNode   *node,
                const char *name)
{
  const char *id = get_string (l, node, name, TRUE);
  RexMetric *metric;

  if (id == NULL)
    return NULL;

  metric = rex_dataset_lookup_metric (l->dataset, id);
  if (metric == NULL)
    report_in_member (l, node, name, "unknown metric \"%s\"; it must be listed in \"metrics\"", id);

  return metric;
}

/* Place: { name, name_zh?, lon, lat } */
static gboolean
load_place (Loader   *l,
            JsonNode *node,
            RexPlace *place)
{
  static const char * const allowed[] = { "name", "name_zh", "lon", "lat", NULL };
  gboolean ok = TRUE;

  if (!expect_object (l, node, "a place (an object with name, lon and lat)", allowed))
    return FALSE;

  place->name = dup_string (l, node, "name", TRUE);
  place->name_zh = dup_string (l, node, "name_zh", FALSE);
  ok &= get_number (l, node, "lon", TRUE, -180, 180, &place->lon);
  ok &= get_number (l, node, "lat", TRUE, -90, 90, &place->lat);

  return ok && place->name != NULL;
}

/* Sources */

/* Adds @object, whose id is @key (owned by the object), to @store and
 * @by_id; a second object with the same id is reported at its "id" member
 * and left out. Nothing is added without an id (already reported). Returns
 * whether the object was added. */
static gboolean
add_unique (Loader     *l,
            JsonNode   *node,
            const char *what,
            const char *id,
            GListStore *store,
            GHashTable *by_id,
            gpointer    object,
            const char *key)
{
  if (id == NULL)
    return FALSE;

  if (g_hash_table_contains (by_id, id))
    {
      report_in_member (l, node, "id", "duplicate %s id \"%s\"; ids must be unique", _(what), id);
      return FALSE;
    }

  g_list_store_append (store, object);
  g_hash_table_insert (by_id, (gpointer) key, object);
  return TRUE;
}

static void
load_source (Loader   *l,
             JsonNode *node)
{
  static const char * const allowed[] = {
    "id", "publisher", "publisher_zh", "title", "title_zh", "date", "url", "via", "note", NULL
  };
  g_autoptr(RexSource) source = NULL;
  const char *id;

  if (!expect_object (l, node, "a source (an object)", allowed))
    return;

  source = rex_source_new ();
  id = get_id (l, node, "id");
  source->id = g_strdup (id);
  source->publisher = dup_string (l, node, "publisher", TRUE);
  source->title = dup_string (l, node, "title", TRUE);
  source->publisher_zh = dup_string (l, node, "publisher_zh", FALSE);
  source->title_zh = dup_string (l, node, "title_zh", FALSE);
  check_date (l, node, "date");
  source->date = dup_string (l, node, "date", FALSE);
  source->url = dup_string (l, node, "url", FALSE);
  source->via = dup_string (l, node, "via", FALSE);
  source->note = dup_string (l, node, "note", FALSE);

  if (!add_unique (l, node, "source", id, l->dataset->sources, l->dataset->sources_by_id,
                   source, source->id))
    return;
  g_ptr_array_add (l->dataset->source_index, source);
  g_hash_table_insert (l->source_indices, source,
                       GUINT_TO_POINTER (l->dataset->source_index->len));
}

/* Metrics */

static gboolean
is_valid_metric_id (const char *id)
{
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const RexSeriesNote *na = a, *nb = b;

  return (na->year > nb->year) - (na->year < nb->year);
}

static void
load_metric_notes (Loader    *l,
                   JsonNode  *node,
                   RexMetric *metric)
{
  static const char * const allowed[] = { "year", "kind", "text", "text_zh", NULL };
  JsonArray *notes = get_array (l, node, "notes", FALSE);
  gsize saved;

  if (notes == NULL)
    return;

  saved = path_push_member (l, "notes");
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonNode *note_node = json_array_get_element (notes, i);
      gsize saved_index = path_push_index (l, i);
      RexSeriesNote note = { 0 };
      const char *kind;
      int kind_value = 0;
      gboolean ok = TRUE;

      if (expect_object (l, note_node, "a series note (an object)", allowed))
        {
          ok &= get_integer (l, note_node, "year", TRUE, REX_YEAR_MIN, REX_YEAR_MAX, &note.year);
          kind = get_string (l, note_node, "kind", TRUE);
          if (kind == NULL)
            ok = FALSE;
          else if (!rex_enum_from_nick (REX_TYPE_NOTE_KIND, kind, &kind_value))
            {
              report_in_member (l, note_node, "kind",
                                "unknown note kind \"%s\"; expected \"break\", \"estimate\" or \"note\"",
                                kind);
              ok = FALSE;
            }
          note.kind = kind_value;
          note.text = dup_string (l, note_node, "text", TRUE);
          note.text_zh = dup_string (l, note_node, "text_zh", FALSE);
          if (ok && note.text != NULL)
            g_array_append_val (metric->notes, note);
          else
            rex_series_note_clear (&note);
        }
      path_pop (l, saved_index);
    }
  path_pop (l, saved);

  g_array_sort (metric->notes, compare_notes);
}

static void
load_metric_target (Loader    *l,
                    JsonNode  *node,
                    RexMetric *metric)
{
  static const char * const allowed[] = { "value", "year", "source", "text", NULL };
  JsonNode *target = get_member (l, node, "target", FALSE);
  RexSource *source;
  gboolean ok = TRUE;
  gsize saved;

  if (target == NULL)
    return;

  saved = path_push_member (l, "target");
  if (expect_object (l, target, "a target (an object with value, year and source)", allowed))
    {
      /* A percentage's target is a percentage too. */
      ok &= get_number (l, target, "value", TRUE, metric->percent ? 0 : -G_MAXDOUBLE,
                        metric->percent ? 100 : G_MAXDOUBLE, &metric->target_value);
      ok &= get_integer (l, target, "year", TRUE, REX_YEAR_MIN, REX_YEAR_MAX, &metric->target_year);
      source = get_source_ref (l, target, "source", TRUE);
      metric->target_source_id = g_strdup (source != NULL ? source->id : NULL);
      metric->target_text = dup_string (l, target, "text", FALSE);
      metric->has_target = ok && source != NULL;
    }
  path_pop (l, saved);
}

static void
load_metric (Loader   *l,
             JsonNode *node)
{
  static const char * const allowed[] = {
    "id", "name", "name_zh", "unit", "unit_zh", "description", "source",
    "higher_is_better", "decimals", "percent", "target", "notes", "combine", "weight", NULL
  };
  g_autoptr(RexMetric) metric = NULL;
  RexSource *source;
  const char *id;
  const char *combine;
  gboolean flag;

  if (!expect_object (l, node, "a metric (an object)", allowed))
    return;

  metric = rex_metric_new ();
  id = load_names (l, node, &metric->id, &metric->name, &metric->name_zh);
  if (id != NULL && !is_valid_metric_id (id))
    report_in_member (l, node, "id", "metric id \"%s\" may only contain a-z, 0-9, '_' and '-'", id);
  metric->unit = dup_string (l, node, "unit", TRUE);
  metric->unit_zh = dup_string (l, node, "unit_zh", FALSE);
  metric->description = dup_string (l, node, "description", FALSE);
  source = get_source_ref (l, node, "source", FALSE);
  metric->source_id = g_strdup (source != NULL ? source->id : NULL);
  if (get_boolean (l, node, "higher_is_better", &flag))
    metric->higher_is_better = flag;
  if (get_boolean (l, node, "percent", &flag))
    metric->percent = flag;
  get_integer (l, node, "decimals", FALSE, 0, 6, &metric->decimals);
  load_metric_target (l, node, metric);
  load_metric_notes (l, node, metric);

  combine = get_string (l, node, "combine", FALSE);
  if (combine != NULL && !rex_combine_from_string (combine, &metric->combine))
    report_in_member (l, node, "combine",
                      "unknown combine rule \"%s\"; expected \"sum\", \"mean\" or \"none\"", combine);
  /* Checked against the metrics once all are read (check_metric_weight()). */
  metric->weight_id = dup_string (l, node, "weight", FALSE);

  add_unique (l, node, "metric", id, l->dataset->metrics, l->dataset->metrics_by_id,
              metric, metric->id);
}

/* Metrics, second pass: "weight" names another metric, of a mean. */
static void
check_metric_weight (Loader   *l,
                     JsonNode *node)
{
  JsonNode *id_node;
  RexMetric *metric;
  JsonNode *weight;
  gsize saved;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  id_node = json_object_get_member (json_node_get_object (node), "id");
  metric = id_node != NULL && node_is_string (id_node)
           ? rex_dataset_lookup_metric (l->dataset, json_node_get_string (id_node)) : NULL;
  if (metric == NULL || metric->weight_id == NULL)
    return;

  weight = json_object_get_member (json_node_get_object (node), "weight");
  saved = path_push_member (l, "weight");
  if (metric->combine != REX_COMBINE_MEAN)
    report (l, weight, "\"weight\" only goes with \"combine\": \"mean\"");
  else if (g_str_equal (metric->weight_id, metric->id))
    report (l, weight, "a metric cannot weight its own mean");
  else if (rex_dataset_lookup_metric (l->dataset, metric->weight_id) == NULL)
    report (l, weight, "unknown metric \"%s\"; it must be listed in \"metrics\"",
            metric->weight_id);
  path_pop (l, saved);
}

/* A region's place in the tile grid, unique among regions of its @kind. */
static void
load_region_tile (Loader     *l,
                  JsonNode   *member,
                  RexRegion  *region,
                  const char *kind)
{
  static const char * const tile_allowed[] = { "col", "row", NULL };
  g_autofree char *key = NULL;
  const char *other;
  gboolean ok = TRUE;

  if (!expect_object (l, member, "a tile (an object with col and row)", tile_allowed))
    return;

  ok &= get_integer (l, member, "col", TRUE, 0, 63, &region->tile_col);
  ok &= get_integer (l, member, "row", TRUE, 0, 63, &region->tile_row);
  region->has_tile = ok;
  if (!ok || kind == NULL)
    return;

  key = g_strdup_printf ("%s %d %d", kind, region->tile_col, region->tile_row);
  other = g_hash_table_lookup (l->tiles, key);
  if (other != NULL)
    report (l, member,
            "tile (col %d, row %d) is already used by %s \"%s\"; "
            "tiles must be unique per kind",
            region->tile_col, region->tile_row, kind, other);
  else if (region->id != NULL)
    g_hash_table_insert (l->tiles, g_steal_pointer (&key), g_strdup (region->id));
}

/* Regions, first pass: everything that does not refer to other regions, so
 * that references may point forward in the file. */

static void
load_region (Loader   *l,
             JsonNode *node)
{
  static const char * const allowed[] = {
    "id", "name", "name_zh", "kind", "parent", "members", "cities", "tier",
    "seat", "tile", "values", "sources", "source", NULL
  };
  g_autoptr(RexRegion) region = NULL;
  const char *id;
  const char *kind;
  JsonNode *member;
  JsonArray *cities;
  RexSource *source;
  int tier;

  if (!expect_object (l, node, "a region (an object)", allowed))
    return;

  region = rex_region_new ();
  id = load_names (l, node, &region->id, &region->name, &region->name_zh);

  kind = get_string (l, node, "kind", TRUE);
  if (kind != NULL && !rex_region_kind_from_string (kind, &region->kind))
    {
      gsize saved = path_push_member (l, "kind");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) kinds = NULL;
      g_autofree char *expected = NULL;

      for (guint k = 0; k < REX_REGION_KIND_LAST; k++)
        g_strv_builder_add (builder, rex_region_kind_to_string (k));
      kinds = g_strv_builder_end (builder);
      expected = g_strjoinv (", ", kinds);
      report (l, get_member (l, node, "kind", TRUE),
              "unknown region kind \"%s\"; expected one of: %s", kind, expected);
      path_pop (l, saved);
    }

  cities = get_array (l, node, "cities", FALSE);
  if (cities != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      gsize saved = path_push_member (l, "cities");

      for (guint i = 0; i < json_array_get_length (cities); i++)
        {
          JsonNode *city = json_array_get_element (cities, i);

          if (node_is_string (city))
            g_strv_builder_add (builder, json_node_get_string (city));
          else
            {
              gsize saved_index = path_push_index (l, i);

              report (l, city, "expected a string, got %s", describe_node (city));
              path_pop (l, saved_index);
            }
        }
      region->cities = g_strv_builder_end (builder);
      path_pop (l, saved);
    }

  if (get_integer (l, node, "tier", FALSE, 1, 3, &tier))
    region->tier = tier;

  member = get_member (l, node, "seat", FALSE);
  if (member != NULL)
    {
      gsize saved = path_push_member (l, "seat");

      region->seat = g_new0 (RexPlace, 1);
      load_place (l, member, region->seat);
      path_pop (l, saved);
    }

  member = get_member (l, node, "tile", FALSE);
  if (member != NULL)
    {
      gsize saved = path_push_member (l, "tile");

      load_region_tile (l, member, region, kind);
      path_pop (l, saved);
    }

  source = get_source_ref (l, node, "source", FALSE);
  region->source_id = g_strdup (source != NULL ? source->id : NULL);

  if (!add_unique (l, node, "region", id, l->dataset->regions, l->dataset->regions_by_id,
                   region, region->id))
    return;
  g_hash_table_insert (l->region_nodes, region, node);
  g_hash_table_insert (l->region_indices, region, GUINT_TO_POINTER (l->index));
}

/* The set of years in which @metric_id has a value, indexed from REX_YEAR_MIN. */
static guint8 *
get_year_set (Loader     *l,
              const char *metric_id)
{
  guint8 *set = g_hash_table_lookup (l->year_sets, metric_id);

  if (set == NULL)
    {
      set = g_new0 (guint8, N_YEARS);
      g_hash_table_insert (l->year_sets, g_strdup (metric_id), set);
    }

  return set;
}

/* Four ASCII digits: "2023". */
static gboolean
parse_year_key (const char *key,
                int        *year)
{
  if (strlen (key) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (key[i]))
      return FALSE;

  *year = atoi (key);

  return TRUE;
}

/* A value of a RexQualifier or RexValueStatus field, by its nick. */
static gboolean
parse_enum (GType       enum_type,
            const char *str,
            guint8     *out)
{
  int value;

  if (!rex_enum_from_nick (enum_type, str, &value))
    return FALSE;
  *out = value;

  return TRUE;
}


/* The members of a value written as an object (docs/dataset-format.md),
 * by index in ValueMembers. */
static const char * const value_members[] = {
  "value", "source", "qualifier", "status", "date", "note", NULL
};

enum
{
  MEMBER_VALUE,
  MEMBER_SOURCE,
  MEMBER_QUALIFIER,
  MEMBER_STATUS,
  MEMBER_DATE,
  MEMBER_NOTE,
  N_VALUE_MEMBERS
};

/* The members of a value written as an object, by name; NULL when absent. */
typedef const RexJsonMember *ValueMembers[N_VALUE_MEMBERS];

/* Finds the members of @object, and reports at their names those that a
 * value does not have; "x-" members are extensions and ignored. */
static void
find_value_members (Loader              *l,
                    const RexJsonMember *object,
                    ValueMembers         members)
{
  memset (members, 0, sizeof (ValueMembers));

  for (guint i = 0; i < object->n_members; i++)
    {
      const RexJsonMember *member = &object->members[i];
      g_autofree char *expected = NULL;
      gsize saved;
      guint k;

      for (k = 0; k < N_VALUE_MEMBERS && strcmp (member->name, value_members[k]) != 0; k++)
        ;
      if (k < N_VALUE_MEMBERS)
        {
          members[k] = member;
          continue;
        }
      if (g_str_has_prefix (member->name, "x-"))
        continue;

      saved = path_push_member (l, member->name);
      expected = g_strjoinv (", ", (char **) value_members);
      report_offset (l, member->key_offset,
                     "unknown member \"%s\" (expected one of: %s; extensions "
                     "must start with \"x-\")", member->name, expected);
      path_pop (l, saved);
    }
}

/* Reports @format at member @k of a value written as an object. */
static void G_GNUC_PRINTF (4, 5)
report_member (Loader       *l,
               ValueMembers  members,
               guint         k,
               const char   *format,
               ...)
{
  gsize saved = path_push_member (l, value_members[k]);
  va_list args;

  va_start (args, format);
  report_offset_valist (l, members[k]->offset, REX_DATASET_ERROR_INVALID, format, args);
  va_end (args);
  path_pop (l, saved);
}

/* Member @k when it is a string; NULL when absent, or reported when of
 * another type. */
static const char *
member_string (Loader       *l,
               ValueMembers  members,
               guint         k)
{
  if (members[k] == NULL || members[k]->type == REX_JSON_STRING)
    return members[k] != NULL ? members[k]->string : NULL;

  report_member (l, members, k, "expected a string, got %s", describe_type (members[k]->type));

  return NULL;
}

/* One value: a number, or a value written as an object, { value, source?,
 * qualifier?, status?, date?, note? }. Fills @datum (but for its source
 * when the value names none) and @note. Problems with the date or the note
 * are reported but do not drop the value. */
static gboolean
load_value (Loader               *l,
            const RexJsonMember  *value,
            RexDatum             *datum,
            RexSource           **source,
            const char          **note)
{
  ValueMembers members;
  const char *str;
  gboolean ok = TRUE;

  *datum = (RexDatum) { .value = NAN };
  *source = NULL;
  *note = NULL;

  if (value->type == REX_JSON_NUMBER)
    {
      datum->value = value->number;
      return isfinite (datum->value);
    }

  if (value->type != REX_JSON_OBJECT)
    {
      report_offset (l, value->offset, "expected a number, got %s", describe_type (value->type));
      return FALSE;
    }

  find_value_members (l, value, members);
  if (members[MEMBER_VALUE] != NULL && members[MEMBER_VALUE]->type == REX_JSON_NUMBER)
    {
      datum->value = members[MEMBER_VALUE]->number;
    }
  else
    {
      if (members[MEMBER_VALUE] == NULL)
        report_offset (l, value->offset, "missing required member \"value\"");
      else
        report_member (l, members, MEMBER_VALUE, "expected a number, got %s",
                       describe_type (members[MEMBER_VALUE]->type));
      ok = FALSE;
    }

  if (members[MEMBER_SOURCE] != NULL)
    {
      str = member_string (l, members, MEMBER_SOURCE);
      if (str != NULL && (*source = rex_dataset_lookup_source (l->dataset, str)) == NULL)
        report_member (l, members, MEMBER_SOURCE, UNKNOWN_SOURCE_FORMAT, str);
      ok &= *source != NULL;
    }

  str = member_string (l, members, MEMBER_QUALIFIER);
  /* "exact" is the default and not written in files. */
  if (str != NULL && (g_str_equal (str, "exact") || !parse_enum (REX_TYPE_QUALIFIER, str, &datum->qualifier)))
    {
      report_member (l, members, MEMBER_QUALIFIER, UNKNOWN_QUALIFIER_FORMAT, str);
      ok = FALSE;
    }

  str = member_string (l, members, MEMBER_STATUS);
  if (str != NULL && !parse_enum (REX_TYPE_VALUE_STATUS, str, &datum->status))
    {
      report_member (l, members, MEMBER_STATUS, UNKNOWN_STATUS_FORMAT, str);
      ok = FALSE;
    }

  str = member_string (l, members, MEMBER_DATE);
  if (str != NULL && !is_valid_date (str))
    report_member (l, members, MEMBER_DATE, BAD_DATE_FORMAT, str);

  *note = member_string (l, members, MEMBER_NOTE);

  return ok;
}

/* Values of a percentage metric lie in 0–100, as the format promises and
 * as charts draw them ("Rest of China" is 100 minus the value). Each value
 * outside is reported where it is written. */
static void
check_percent_range (Loader        *l,
                     RexMetric     *metric,
                     RexJsonSeries *rec,
                     RexSeries     *series)
{
  int first, last;

  if (!rex_metric_get_percent (metric) || !rex_series_get_year_range (series, &first, &last))
    return;
  for (int year = first; year <= last; year++)
    {
      const RexDatum *datum = rex_series_get_datum (series, year);
      guint32 key_offset, value_offset;
      char key[8];
      gsize saved;

      if (datum == NULL || (datum->value >= 0 && datum->value <= 100))
        continue;
      if (!rex_json_document_find_year (l->doc, rec, year, &key_offset, &value_offset))
        value_offset = rec->offset;
      g_snprintf (key, sizeof key, "%04d", year);
      saved = path_push_member (l, key);
      report_offset (l, value_offset, "%g is out of range (0 to 100): metric \"%s\" is a percentage",
                     datum->value, rex_metric_get_id (metric));
      path_pop (l, saved);
    }
}

/* What load_series() knows of the values.METRIC object it is at. */
typedef struct
{
  RexJsonSeries *rec;
  RexMetric     *metric;
  RexSeries     *parsed;        /* the parser's series, or NULL */
  int            parsed_first;
  int            parsed_last;
  guint          n_parsed;
  int            first;         /* of every dated value */
  int            last;
  const RexJsonMember *undated;
  RexSource     *region_source;
  RexSource     *default_source; /* the region's, else the metric's */
  guint          default_index;
  guint8        *year_set;
} SeriesLoad;

/* Reports @format at @offset with the year's member pushed on the path. */
static void G_GNUC_PRINTF (4, 5)
report_year (Loader     *l,
             int         year,
             guint32     offset,
             const char *format,
             ...)
{
  char key[8];
  gsize saved;
  va_list args;

  /* Year keys were checked to be four digits: this is the key as written. */
  g_snprintf (key, sizeof key, "%04d", year);
  saved = path_push_member (l, key);
  va_start (args, format);
  report_offset_valist (l, offset, REX_DATASET_ERROR_INVALID, format, args);
  va_end (args);
  path_pop (l, saved);
}

static void
add_year_value (Loader     *l,
                SeriesLoad *sl,
                YearValue  *yv)
{
  sl->first = MIN (sl->first, yv->year);
  sl->last = MAX (sl->last, yv->year);
  g_array_append_val (l->scratch_years, *yv);
}

/* Numbers the parser could not put in the series: years out of range, or a
 * series too sparse for it. */
static void
collect_numbers (Loader     *l,
                 SeriesLoad *sl)
{
  for (guint i = 0; i < sl->rec->n_numbers; i++)
    {
      YearValue yv = { rex_json_document_get_number_year (l->doc, &sl->rec->numbers[i]),
                       &sl->rec->numbers[i], NULL };

      if (yv.year < REX_YEAR_MIN || yv.year > REX_YEAR_MAX)
        report_year (l, yv.year, yv.number->key_offset,
                     "year %d is outside the supported range %d–%d",
                     yv.year, REX_YEAR_MIN, REX_YEAR_MAX);
      else
        add_year_value (l, sl, &yv);
    }
}

/* The other members: values by year, and the one that holds in every year
 * (land area, a target), "undated". */
static void
collect_values (Loader     *l,
                SeriesLoad *sl)
{
  for (guint i = 0; i < sl->rec->n_values; i++)
    {
      const RexJsonMember *value = &sl->rec->values[i];
      YearValue yv = { 0, NULL, value };
      gsize saved;

      if (g_str_equal (value->name, "undated"))
        {
          sl->undated = value;
          continue;
        }

      if (parse_year_key (value->name, &yv.year) &&
          yv.year >= REX_YEAR_MIN && yv.year <= REX_YEAR_MAX)
        {
          add_year_value (l, sl, &yv);
          continue;
        }

      saved = path_push_member (l, value->name);
      if (!parse_year_key (value->name, &yv.year))
        report_offset (l, value->key_offset, "expected a year with four digits (e.g. \"2023\"), "
                       "got \"%s\"", value->name);
      else
        report_offset (l, value->key_offset, "year %d is outside the supported range %d–%d",
                       yv.year, REX_YEAR_MIN, REX_YEAR_MAX);
      path_pop (l, saved);
    }
}

/* Marks the years of @series in the metric's year set. */
static void
mark_years (SeriesLoad *sl,
            RexSeries  *series)
{
  for (int year = sl->parsed_first; year <= sl->parsed_last; year++)
    if (rex_series_get_datum (series, year) != NULL)
      sl->year_set[year - REX_YEAR_MIN] = 1;
}

/* The series the values go into: the parser's when they fall inside it and
 * have a default source, else a new one with the parser's values copied. */
static RexSeries *
new_series (Loader     *l,
            SeriesLoad *sl)
{
  RexSeries *series;

  if (sl->default_source != NULL && sl->n_parsed > 0 &&
      sl->first >= sl->parsed_first && sl->last <= sl->parsed_last)
    {
      rex_series_set_source (sl->parsed, sl->default_index);
      mark_years (sl, sl->parsed);
      return rex_series_ref (sl->parsed);
    }

  if (sl->n_parsed == 0 && l->scratch_years->len == 0)
    return rex_series_new_undated (rex_metric_get_id (sl->metric));

  series = rex_series_new (rex_metric_get_id (sl->metric), sl->first, sl->last);
  for (int year = sl->parsed_first; year <= sl->parsed_last; year++)
    {
      const RexDatum *value = rex_series_get_datum (sl->parsed, year);
      guint32 key_offset, value_offset;
      RexDatum datum;

      if (value == NULL)
        continue;

      if (sl->default_source == NULL)
        {
          /* The number's place is found again in the text. */
          if (!rex_json_document_find_year (l->doc, sl->rec, year, &key_offset, &value_offset))
            value_offset = sl->rec->offset;
          report_year (l, year, value_offset, NO_SOURCE_FORMAT, rex_metric_get_id (sl->metric));
          continue;
        }

      datum = (RexDatum) { .value = value->value, .source = sl->default_index };
      rex_series_set_datum (series, year, &datum);
      sl->year_set[year - REX_YEAR_MIN] = 1;
    }

  return series;
}

static guint
source_index (Loader    *l,
              RexSource *source)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (l->source_indices, source)) - 1;
}

/* A value record into @series at @year (0: the undated value). */
static void
store_value (Loader              *l,
             SeriesLoad          *sl,
             RexSeries           *series,
             int                  year,
             const RexJsonMember *value)
{
  RexDatum datum;
  RexSource *source;
  const char *note;

  if (!load_value (l, value, &datum, &source, &note))
    return;

  if (source == NULL)
    source = sl->default_source;
  if (source == NULL)
    {
      report_offset (l, value->offset, NO_SOURCE_FORMAT, rex_metric_get_id (sl->metric));
      return;
    }

  datum.source = source_index (l, source);
  if (year == 0)
    rex_series_set_undated (series, &datum);
  else
    rex_series_set_datum (series, year, &datum);
  if (note != NULL)
    rex_series_set_note (series, year, note);
  if (year != 0)
    sl->year_set[year - REX_YEAR_MIN] = 1;
}

/* The values collected beside the parser's series. */
static void
store_values (Loader     *l,
              SeriesLoad *sl,
              RexSeries  *series)
{
  char key[8];
  gsize saved;

  for (guint i = 0; i < l->scratch_years->len; i++)
    {
      const YearValue *yv = &g_array_index (l->scratch_years, YearValue, i);

      if (yv->number != NULL && sl->default_source == NULL)
        {
          report_year (l, yv->year, yv->number->value_offset, NO_SOURCE_FORMAT,
                       rex_metric_get_id (sl->metric));
        }
      else if (yv->number != NULL)
        {
          RexDatum datum = { .value = yv->number->value, .source = sl->default_index };

          rex_series_set_datum (series, yv->year, &datum);
          sl->year_set[yv->year - REX_YEAR_MIN] = 1;
        }
      else
        {
          g_snprintf (key, sizeof key, "%04d", yv->year);
          saved = path_push_member (l, key);
          store_value (l, sl, series, yv->year, yv->value);
          path_pop (l, saved);
        }
    }

  if (sl->undated != NULL)
    {
      saved = path_push_member (l, "undated");
      store_value (l, sl, series, 0, sl->undated);
      path_pop (l, saved);
    }
}

/* Counts the object's values against the limit; FALSE (and the load
 * stops) past it. */
static gboolean
count_values (Loader     *l,
              SeriesLoad *sl)
{
  l->n_values += sl->n_parsed + l->scratch_years->len + (sl->undated != NULL);
  if (l->n_values <= REX_DATASET_MAX_VALUES)
    return TRUE;

  report_offset_code (l, sl->rec->offset, REX_DATASET_ERROR_TOO_LARGE,
                      "more than %d values in the file; that is the limit",
                      REX_DATASET_MAX_VALUES);
  l->fatal = TRUE;

  return FALSE;
}

/* One values.METRIC object: the series the parser made of its numbers
 * named by years, the numbers it could not put there and the records of
 * its other members. */
static void
load_series (Loader        *l,
             RexRegion     *region,
             RexMetric     *metric,
             RexSource     *region_source,
             RexJsonSeries *rec)
{
  SeriesLoad sl = {
    .rec = rec, .metric = metric, .parsed = rec->series,
    .parsed_first = 0, .parsed_last = -1, .first = G_MAXINT, .last = G_MININT,
  };
  g_autoptr(RexSeries) series = NULL;
  RexSource *metric_source = NULL;

  g_array_set_size (l->scratch_years, 0);
  if (sl.parsed != NULL && rex_series_get_year_range (sl.parsed, &sl.parsed_first, &sl.parsed_last))
    {
      sl.n_parsed = rex_series_get_n_values (sl.parsed);
      sl.first = sl.parsed_first;
      sl.last = sl.parsed_last;
    }

  collect_numbers (l, &sl);
  collect_values (l, &sl);
  if (sl.n_parsed + l->scratch_years->len == 0 && sl.undated == NULL)
    return;
  if (!count_values (l, &sl))
    return;

  if (metric != NULL && metric->source_id != NULL)
    metric_source = rex_dataset_lookup_source (l->dataset, metric->source_id);
  sl.region_source = region_source;
  sl.default_source = region_source != NULL ? region_source : metric_source;
  if (sl.default_source != NULL)
    sl.default_index = source_index (l, sl.default_source);
  sl.year_set = get_year_set (l, rex_metric_get_id (metric));

  /* The common case: only numbers, whose source is the region's or the
   * metric's. The parser's series is the region's. */
  if (l->scratch_years->len == 0 && sl.default_source != NULL && sl.undated == NULL)
    {
      rex_series_set_source (sl.parsed, sl.default_index);
      mark_years (&sl, sl.parsed);
      check_percent_range (l, metric, rec, sl.parsed);
      rex_region_add_series (region, sl.parsed);
      return;
    }

  series = new_series (l, &sl);
  store_values (l, &sl, series);
  if (rex_series_get_n_values (series) > 0 || rex_series_get_undated (series) != NULL)
    {
      check_percent_range (l, metric, rec, series);
      rex_region_add_series (region, series);
    }
}

/* Region "sources": { metric id: source id }. */
static GHashTable *
load_region_sources (Loader   *l,
                     JsonNode *node)
{
  JsonNode *member = get_member (l, node, "sources", FALSE);
  GHashTable *table;
  g_autoptr(GList) names = NULL;
  gsize saved;

  if (member == NULL)
    return NULL;

  saved = path_push_member (l, "sources");
  if (!expect_object (l, member, "an object of { metric id: source id }", NULL))
    {
      path_pop (l, saved);
      return NULL;
    }

  table = g_hash_table_new (g_str_hash, g_str_equal);
  names = json_object_get_members (json_node_get_object (member));
  for (GList *iter = names; iter != NULL; iter = iter->next)
    {
      const char *metric_id = iter->data;
      JsonNode *value = json_object_get_member (json_node_get_object (member), metric_id);
      gsize saved_key = path_push_member (l, metric_id);

      if (rex_dataset_lookup_metric (l->dataset, metric_id) == NULL)
        report_key (l, value, "unknown metric \"%s\"; it must be listed in \"metrics\"",
                    metric_id);

      if (!node_is_string (value))
        report (l, value, "expected a source id (a string), got %s", describe_node (value));
      else
        {
          RexSource *source = rex_dataset_lookup_source (l->dataset,
                                                         json_node_get_string (value));

          if (source == NULL)
            report (l, value, UNKNOWN_SOURCE_FORMAT,
                    json_node_get_string (value));
          else
            g_hash_table_insert (table, (gpointer) metric_id, source);
        }
      path_pop (l, saved_key);
    }
  path_pop (l, saved);

  return table;
}

/* Regions, second pass: links to other regions and the values. */
static void
link_region (Loader   *l,
             JsonNode *node)
{
  RexRegion *region;
  RexRegion *parent;
  JsonArray *members;
  JsonNode *values;
  g_autoptr(GHashTable) region_sources = NULL;
  JsonNode *id_node;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  id_node = json_object_get_member (json_node_get_object (node), "id");
  id = id_node != NULL && node_is_string (id_node) ? json_node_get_string (id_node) : NULL;
  region = id != NULL ? rex_dataset_lookup_region (l->dataset, id) : NULL;
  /* Duplicates and regions without a valid id were reported already. */
  if (region == NULL || g_hash_table_lookup (l->region_nodes, region) != node)
    return;

  parent = get_region_ref (l, node, "parent");
  if (parent == region)
    report_in_member (l, node, "parent", "a region cannot be its own parent");
  else if (parent != NULL)
    {
      region->parent = g_object_ref (parent);
    }

  members = get_array (l, node, "members", FALSE);
  if (members != NULL)
    {
      gsize saved = path_push_member (l, "members");

      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          JsonNode *element = json_array_get_element (members, i);
          gsize saved_index = path_push_index (l, i);
          RexRegion *member = node_get_region_ref (l, element);

          if (member == region)
            report (l, element, "a region cannot be a member of itself");
          else if (member != NULL && g_ptr_array_find (region->members, member, NULL))
            report (l, element, "region \"%s\" is listed twice", member->id);
          else if (member != NULL)
            {
              g_ptr_array_add (region->members, g_object_ref (member));
              g_ptr_array_add (member->memberships, g_object_ref (region));
            }
          path_pop (l, saved_index);
        }
      path_pop (l, saved);
    }

  region_sources = load_region_sources (l, node);

  values = get_member (l, node, "values", FALSE);
  if (values != NULL)
    {
      gsize saved = path_push_member (l, "values");

      if (expect_object (l, values, "an object of { metric id: { year: value } }", NULL))
        {
          JsonObject *object = json_node_get_object (values);
          g_autoptr(GList) names = json_object_get_members (object);
          RexJsonSeries *records;
          guint n_records;

          /* The { year: value } objects, which the parser kept out of the
           * tree. */
          records = rex_json_document_get_series (l->doc, values, &n_records);
          for (guint i = 0; i < n_records && !l->fatal; i++)
            {
              const char *metric_id = records[i].name;
              RexMetric *metric = rex_dataset_lookup_metric (l->dataset, metric_id);
              gsize saved_key = path_push_member (l, metric_id);

              if (metric == NULL)
                report_offset (l, records[i].key_offset,
                               "unknown metric \"%s\"; it must be listed in \"metrics\"",
                               metric_id);
              else
                load_series (l, region, metric,
                             region_sources != NULL ? g_hash_table_lookup (region_sources, metric_id) : NULL,
                             &records[i]);
              path_pop (l, saved_key);
            }

          /* What is left in the tree is not an object. */
          for (GList *iter = names; iter != NULL && !l->fatal; iter = iter->next)
            {
              const char *metric_id = iter->data;
              JsonNode *years = json_object_get_member (object, metric_id);
              RexMetric *metric = rex_dataset_lookup_metric (l->dataset, metric_id);
              gsize saved_key = path_push_member (l, metric_id);

              if (metric == NULL)
                report_key (l, years, "unknown metric \"%s\"; it must be listed in \"metrics\"",
                            metric_id);
              else
                expect_object (l, years, "an object of { year: value }", NULL);
              path_pop (l, saved_key);
            }
        }
      path_pop (l, saved);
    }
}

/* Parent links must form a forest: walk up from every region, marking the
 * regions of this walk, and stop at one marked by an earlier walk. */
static void
check_parent_cycles (Loader *l)
{
  GListModel *regions = G_LIST_MODEL (l->dataset->regions);
  g_autoptr(GHashTable) walk_of = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (regions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexRegion) start = g_list_model_get_item (regions, i);
      guint walk = i + 1;
      RexRegion *r = start;

      while (r != NULL)
        {
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (walk_of, r));

          if (seen != 0 && seen != walk)
            break;

          if (seen == walk)
            {
              g_autoptr(GString) cycle = g_string_new (r->id);
              JsonNode *node = g_hash_table_lookup (l->region_nodes, r);
              gsize saved;

              for (RexRegion *c = r->parent; c != r; c = c->parent)
                g_string_append_printf (cycle, " → %s", c->id);
              g_string_append_printf (cycle, " → %s", r->id);

              saved = path_push_member (l, "regions");
              path_push_index (l, GPOINTER_TO_UINT (g_hash_table_lookup (l->region_indices, r)));
              path_push_member (l, "parent");
              report (l, json_object_get_member (json_node_get_object (node), "parent"),
                      "parent links form a cycle: %s", cycle->str);
              path_pop (l, saved);

              /* Break it, so nothing loops over it before the dataset goes. */
              g_clear_object (&r->parent);
              break;
            }

          g_hash_table_insert (walk_of, r, GUINT_TO_POINTER (walk));
          r = r->parent;
        }
    }
}

/* Transport circles */

static void
load_transport_circle (Loader   *l,
                       JsonNode *node)
{
  static const char * const allowed[] = {
    "id", "name", "name_zh", "hub", "hub_region", "hours", "mode", "members",
    "radius_km", "cluster", "source", "note", NULL
  };
  g_autoptr(RexTransportCircle) circle = NULL;
  JsonNode *hub;
  JsonArray *members;
  RexRegion *region;
  RexSource *source;
  const char *id;

  if (!expect_object (l, node, "a transport circle (an object)", allowed))
    return;

  circle = rex_transport_circle_new ();
  id = load_names (l, node, &circle->id, &circle->name, &circle->name_zh);

  hub = get_member (l, node, "hub", TRUE);
  if (hub != NULL)
    {
      gsize saved = path_push_member (l, "hub");

      load_place (l, hub, &circle->hub);
      path_pop (l, saved);
    }

  region = get_region_ref (l, node, "hub_region");
  circle->hub_region = region != NULL ? g_object_ref (region) : NULL;
  get_positive_at_most (l, node, "hours", TRUE, REX_DATASET_MAX_HOURS, &circle->hours);
  circle->mode = dup_string (l, node, "mode", TRUE);

  members = get_array (l, node, "members", FALSE);
  if (members != NULL)
    {
      gsize saved = path_push_member (l, "members");

      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          gsize saved_index = path_push_index (l, i);
          RexPlace place = { 0 };

          if (load_place (l, json_array_get_element (members, i), &place))
            g_array_append_val (circle->members, place);
          else
            rex_place_clear (&place);
          path_pop (l, saved_index);
        }
      path_pop (l, saved);
    }

  get_positive_at_most (l, node, "radius_km", FALSE, REX_DATASET_MAX_RADIUS_KM, &circle->radius_km);
  region = get_region_ref (l, node, "cluster");
  circle->cluster = region != NULL ? g_object_ref (region) : NULL;
  source = get_source_ref (l, node, "source", TRUE);
  circle->source_id = g_strdup (source != NULL ? source->id : NULL);
  circle->note = dup_string (l, node, "note", FALSE);

  add_unique (l, node, "transport circle", id, l->dataset->circles, l->dataset->circles_by_id,
              circle, circle->id);
}

/* Headlines */

static void
load_headline (Loader     *l,
               JsonNode   *node,
               GHashTable *ids)
{
  static const char * const allowed[] = {
    "id", "label", "label_zh", "region", "metric", "year", NULL
  };
  RexHeadline headline = { 0 };
  RexRegion *region;
  RexMetric *metric;
  const char *id;
  gboolean ok = TRUE;

  if (!expect_object (l, node, "a headline (an object)", allowed))
    return;

  id = get_id (l, node, "id");
  if (id != NULL && !g_hash_table_add (ids, (gpointer) id))
    {
      report_in_member (l, node, "id", "duplicate headline id \"%s\"; ids must be unique", id);
      ok = FALSE;
    }

  headline.id = g_strdup (id);
  headline.label = dup_string (l, node, "label", TRUE);
  headline.label_zh = dup_string (l, node, "label_zh", FALSE);

  {
    JsonNode *member = get_member (l, node, "region", TRUE);
    gsize saved;

    region = NULL;
    if (member != NULL)
      {
        saved = path_push_member (l, "region");
        region = node_get_region_ref (l, member);
        path_pop (l, saved);
      }
  }
  metric = get_metric_ref (l, node, "metric");
  ok &= get_integer (l, node, "year", TRUE, REX_YEAR_MIN, REX_YEAR_MAX, &headline.year);

  if (ok && region != NULL && metric != NULL &&
      !rex_region_get_value (region, metric->id, headline.year, NULL))
    {
      report_in_member (l, node, "year",
                        "region \"%s\" has no value of \"%s\" in %d",
                        region->id, metric->id, headline.year);
      ok = FALSE;
    }

  if (ok && id != NULL && headline.label != NULL && region != NULL && metric != NULL)
    {
      headline.region_id = g_strdup (region->id);
      headline.metric_id = g_strdup (metric->id);
      g_array_append_val (l->dataset->headlines, headline);
    }
  else
    {
      rex_headline_clear (&headline);
    }
}

/* Runs @func on every element of the array member @name. */
static void
load_array (Loader     *l,
            JsonNode   *root,
            const char *name,
            JsonArray  *array,
            void      (*func) (Loader *, JsonNode *))
{
  gsize saved;

  if (array == NULL)
    return;

  saved = path_push_member (l, name);
  for (guint i = 0; i < json_array_get_length (array) && !l->fatal; i++)
    {
      gsize saved_index = path_push_index (l, i);

      l->index = i;
      func (l, json_array_get_element (array, i));
      path_pop (l, saved_index);
    }
  path_pop (l, saved);
}

static void
collect_years (Loader *l)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, l->year_sets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const guint8 *set = value;
      GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

      for (int i = 0; i < N_YEARS; i++)
        {
          if (set[i])
            {
              int year = REX_YEAR_MIN + i;

              g_array_append_val (years, year);
            }
        }

      g_hash_table_insert (l->dataset->years_by_metric, g_strdup (key), years);
    }
}

static void
validate (Loader *l)
{
  static const char * const allowed[] = {
    "schema", "title", "title_zh", "description", "description_zh", "sources", "metrics",
    "regions", "transport_circles", "headlines", NULL
  };
  JsonNode *root = rex_json_document_get_root (l->doc);
  JsonNode *schema;
  JsonArray *sources, *metrics, *regions, *circles, *headlines;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report_code (l, root, REX_DATASET_ERROR_SCHEMA,
                   "expected an object with \"schema\": \"%s\", got %s",
                   REX_DATASET_SCHEMA, describe_node (root));
      return;
    }

  /* Without the right schema, nothing else can be checked meaningfully. */
  schema = json_object_get_member (json_node_get_object (root), "schema");
  if (schema == NULL)
    {
      report_code (l, root, REX_DATASET_ERROR_SCHEMA,
                   "missing \"schema\"; this version of Region Explorer reads \"%s\"",
                   REX_DATASET_SCHEMA);
      return;
    }

  if (!node_is_string (schema) || !g_str_equal (json_node_get_string (schema), REX_DATASET_SCHEMA))
    {
      gsize saved = path_push_member (l, "schema");

      if (node_is_string (schema))
        report_code (l, schema, REX_DATASET_ERROR_SCHEMA,
                     "unknown schema version \"%s\"; this version of Region Explorer "
                     "reads \"%s\"", json_node_get_string (schema), REX_DATASET_SCHEMA);
      else
        report_code (l, schema, REX_DATASET_ERROR_SCHEMA,
                     "expected a string, got %s; this version of Region Explorer "
                     "reads \"%s\"", describe_node (schema), REX_DATASET_SCHEMA);
      path_pop (l, saved);
      return;
    }

  check_members (l, root, allowed);
  l->dataset->title = dup_string (l, root, "title", TRUE);
  l->dataset->title_zh = dup_string (l, root, "title_zh", FALSE);
  l->dataset->description = dup_string (l, root, "description", FALSE);
  l->dataset->description_zh = dup_string (l, root, "description_zh", FALSE);

  sources = get_array (l, root, "sources", TRUE);
  metrics = get_array (l, root, "metrics", TRUE);
  regions = get_array (l, root, "regions", TRUE);
  circles = get_array (l, root, "transport_circles", FALSE);
  headlines = get_array (l, root, "headlines", FALSE);

  if (!check_count (l, root, "sources", sources, REX_DATASET_MAX_SOURCES) ||
      !check_count (l, root, "metrics", metrics, REX_DATASET_MAX_METRICS) ||
      !check_count (l, root, "regions", regions, REX_DATASET_MAX_REGIONS) ||
      !check_count (l, root, "transport_circles", circles, REX_DATASET_MAX_CIRCLES))
    return;

  load_array (l, root, "sources", sources, load_source);
  load_array (l, root, "metrics", metrics, load_metric);
  load_array (l, root, "metrics", metrics, check_metric_weight);
  load_array (l, root, "regions", regions, load_region);
  load_array (l, root, "regions", regions, link_region);
  if (l->fatal)
    return;

  check_parent_cycles (l);
  load_array (l, root, "transport_circles", circles, load_transport_circle);

  if (headlines != NULL)
    {
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      gsize saved = path_push_member (l, "headlines");

      for (guint i = 0; i < json_array_get_length (headlines); i++)
        {
          gsize saved_index = path_push_index (l, i);

          load_headline (l, json_array_get_element (headlines, i), ids);
          path_pop (l, saved_index);
        }
      path_pop (l, saved);
    }

  collect_years (l);
}

/* File order, so that the first error is the first one in the file; those
 * without a position (limits) come last. */
static int
compare_reports (gconstpointer a,
                 gconstpointer b)
{
  const Report *ra = a, *rb = b;
  guint64 ka, kb;

  ka = ra->problem->line > 0 ? ((guint64) ra->problem->line << 32) | (guint) ra->problem->column
                             : G_MAXUINT64;
  kb = rb->problem->line > 0 ? ((guint64) rb->problem->line << 32) | (guint) rb->problem->column
                             : G_MAXUINT64;
  if (ka != kb)
    return ka < kb ? -1 : 1;

  return (ra->seq > rb->seq) - (ra->seq < rb->seq);
}

static gpointer
compute_checksum (gpointer data)
{
  GBytes *bytes = data;
  char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  g_bytes_unref (bytes);

  return checksum;
}

/* Files above this size have their checksum computed on a second thread
 * while they are parsed: SHA-256 costs about a third of loading. */
#define CHECKSUM_THREAD_MIN_SIZE (1024 * 1024)

static GPtrArray *
new_problem_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rex_dataset_problem_free);
}

/* The file is larger than the format allows: refused before parsing. */
static void
set_too_large_error (const char  *display_name,
                     gsize        size,
                     GPtrArray  **problems,
                     GError     **error)
{
  g_autoptr(RexDatasetProblem) problem = NULL;
  g_autofree char *message = NULL;

  problem = rex_dataset_problem_new (display_name, 0, 0, "", NULL);
  problem->message = g_strdup_printf (_("the file is %.1f MiB; the limit is %d MiB"),
                                      size / (1024.0 * 1024.0),
                                      REX_DATASET_MAX_FILE_SIZE / (1024 * 1024));
  message = rex_dataset_problem_to_string (problem);
  g_set_error_literal (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE, message);
  if (problems != NULL)
    g_ptr_array_add (*problems, g_steal_pointer (&problem));
}

/* What the parser makes of the numbers of a values.METRIC object: a series
 * in the loader's arena (rex-json.h, RexJsonValuesSink). */
static gpointer
make_series (const char   *name,
             int           first_year,
             int           last_year,
             const double *values,
             gpointer      user_data)
{
  return rex_series_arena_new_from_values (user_data, name, first_year, last_year, values);
}

/* Validates @doc into @dataset; the problems found, in file order, in a new
 * array of Report. */
static GArray *
load_document (RexJsonDocument *doc,
               RexDataset      *dataset,
               const char      *display_name,
               guint           *n_dropped)
{
  GArray *reports = g_array_new (FALSE, FALSE, sizeof (Report));
  g_autoptr(GString) path = g_string_new (NULL);
  Loader l = { 0 };

  g_array_set_clear_func (reports, (GDestroyNotify) report_clear);
  l.file = display_name;
  l.doc = doc;
  l.dataset = dataset;
  l.path = path;
  l.reports = reports;
  l.source_indices = g_hash_table_new (NULL, NULL);
  l.region_nodes = g_hash_table_new (NULL, NULL);
  l.region_indices = g_hash_table_new (NULL, NULL);
  l.tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.year_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.scratch_years = g_array_new (FALSE, FALSE, sizeof (YearValue));

  validate (&l);

  g_hash_table_unref (l.source_indices);
  g_hash_table_unref (l.region_nodes);
  g_hash_table_unref (l.region_indices);
  g_hash_table_unref (l.tiles);
  g_hash_table_unref (l.year_sets);
  g_array_unref (l.scratch_years);

  g_array_sort (reports, compare_reports);
  *n_dropped = l.n_dropped;

  return reports;
}

/* Sets @error to the first of @reports and hands them all to @problems. */
static void
set_reports_error (GArray      *reports,
                   guint        n_dropped,
                   const char  *display_name,
                   GPtrArray  **problems,
                   GError     **error)
{
  const Report *first = &g_array_index (reports, Report, 0);
  g_autofree char *message = rex_dataset_problem_to_string (first->problem);

  g_set_error_literal (error, REX_DATASET_ERROR, first->code, message);
  if (problems == NULL)
    return;

  for (guint i = 0; i < reports->len; i++)
    g_ptr_array_add (*problems, g_steal_pointer (&g_array_index (reports, Report, i).problem));

  if (n_dropped > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more problem", "… and %u more problems",
                                                         n_dropped), n_dropped);

      g_ptr_array_add (*problems, rex_dataset_problem_new (display_name, 0, 0, "", more));
    }
}

RexDataset *
rex_dataset_new_from_bytes (GBytes     *bytes,
                            const char *display_name,
                            GPtrArray **problems,
                            GError    **error)
{
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GArray) reports = NULL;
  RexSeriesArena *arena = NULL;
  RexJsonValuesSink sink = { make_series, (GDestroyNotify) rex_series_unref, NULL };
  RexJsonDocument *doc;
  RexDatasetProblem *syntax_problem = NULL;
  GThread *checksum_thread = NULL;
  char *checksum = NULL;
  guint n_dropped = 0;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = new_problem_array ();

  data = g_bytes_get_data (bytes, &size);
  if (size > REX_DATASET_MAX_FILE_SIZE)
    {
      set_too_large_error (display_name, size, problems, error);
      return NULL;
    }

  if (size >= CHECKSUM_THREAD_MIN_SIZE)
    checksum_thread = g_thread_try_new ("rex-checksum", compute_checksum,
                                        g_bytes_ref (bytes), NULL);

  /* The document refers to @bytes' data, which outlives it here; its
   * series live in @arena, which outlives it too. */
  sink.user_data = arena = rex_series_arena_new ();
  doc = rex_json_parse_values (data, size, display_name, &sink, &syntax_problem, error);
  if (doc != NULL)
    {
      dataset = rex_dataset_new ();
      reports = load_document (doc, dataset, display_name, &n_dropped);
      rex_json_document_free (doc);
    }
  rex_series_arena_free (arena);

  checksum = checksum_thread != NULL ? g_thread_join (checksum_thread) : NULL;

  if (doc == NULL || reports->len > 0)
    {
      g_free (checksum);
      if (doc != NULL)
        set_reports_error (reports, n_dropped, display_name, problems, error);
      else if (problems != NULL)
        g_ptr_array_add (*problems, syntax_problem);
      else
        rex_dataset_problem_free (syntax_problem);
      return NULL;
    }

  /* Only added to: nothing here can make a valid dataset invalid. */
  rex_dataset_apply_registry (dataset, FALSE);
  rex_dataset_derive (dataset);

  dataset->file_name = g_strdup (display_name);
  /* A small file is hashed when its checksum is first asked for (an
   * export's description), not while loading. */
  if (checksum != NULL)
    dataset->checksum = checksum;
  else
    dataset->checksum_source = g_bytes_ref (bytes);

  return g_steal_pointer (&dataset);
}

/* Reading files */

static void
set_file_error (GFile      *file,
                GPtrArray **problems,
                GError    **error,
                int         code,
                const char *message)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(RexDatasetProblem) problem = rex_dataset_problem_new (name, 0, 0, "", message);
  g_autofree char *text = rex_dataset_problem_to_string (problem);

  g_set_error_literal (error, REX_DATASET_ERROR, code, text);
  if (problems != NULL)
    g_ptr_array_add (*problems, g_steal_pointer (&problem));
}

static void
set_io_error (GFile      *file,
              GPtrArray **problems,
              GError    **error,
              GError     *io_error)
{
  g_autofree char *message = NULL;

  /* Cancellation is not a problem of the file: pass it on as is. */
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (io_error));
      return;
    }

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = g_strdup (_("no such file"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    message = g_strdup (_("permission denied; choose a file you can read"));
  else
    message = g_strdup_printf (_("cannot read the file: %s"), io_error->message);

  set_file_error (file, problems, error, REX_DATASET_ERROR_IO, message);
}

/* Reads at most the size limit, so that a file growing while it is read (or
 * lying about its size) is still bounded. */
static GBytes *
read_bounded (GFile         *file,
              goffset        expected_size,
              GCancellable  *cancellable,
              GPtrArray    **problems,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  const gsize chunk_size = 256 * 1024;
  gsize length = 0;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (file, problems, error, local_error);
      return NULL;
    }

  /* Read straight into one buffer sized for the file as it was queried (one
   * copy of a file that may be hundreds of megabytes, and no reallocation);
   * it still grows if the file does, up to the limit. */
  buffer = g_byte_array_sized_new (MIN ((gsize) expected_size + 1,
                                        (gsize) REX_DATASET_MAX_FILE_SIZE + 1));
  /* Written once, page by page: on Linux each first touch of a 4 KiB page is
   * a fault into the kernel, a tenth of the time to load a large file. */
  rex_advise_huge_pages (buffer->data, MIN ((gsize) expected_size + 1, (gsize) REX_DATASET_MAX_FILE_SIZE + 1));

  for (;;)
    {
      gsize room;
      gssize n;

      /* One byte more than the limit, to notice a file that passed it. */
      if (buffer->len - length == 0)
        {
          if (length > REX_DATASET_MAX_FILE_SIZE)
            {
              set_file_error (file, problems, error, REX_DATASET_ERROR_TOO_LARGE,
                              _("the file grew beyond the limit of 256 MiB while it was being read"));
              return NULL;
            }
          g_byte_array_set_size (buffer, MIN (MAX (length + chunk_size,
                                                   (gsize) expected_size + 1),
                                              (gsize) REX_DATASET_MAX_FILE_SIZE + 1));
        }
      room = buffer->len - length;

      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + length, room,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_io_error (file, problems, error, local_error);
          return NULL;
        }

      if (n == 0)
        break;

      length += (gsize) n;
    }

  if (length > REX_DATASET_MAX_FILE_SIZE)
    {
      set_file_error (file, problems, error, REX_DATASET_ERROR_TOO_LARGE,
                      _("the file grew beyond the limit of 256 MiB while it was being read"));
      return NULL;
    }

  g_byte_array_set_size (buffer, length);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
rex_read_data_file (GFile         *file,
                    GCancellable  *cancellable,
                    GPtrArray    **problems,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  goffset size;

  /* Look before reading: opening a FIFO blocks, and /dev/zero never ends. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_io_error (file, problems, error, local_error);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      set_file_error (file, problems, error, REX_DATASET_ERROR_IO,
                      _("this is a directory; choose a .json file"));
      return NULL;
    case G_FILE_TYPE_SPECIAL:
      set_file_error (file, problems, error, REX_DATASET_ERROR_IO,
                      _("this is not a regular file (a device, pipe or socket); "
                      "choose a .json file"));
      return NULL;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      set_file_error (file, problems, error, REX_DATASET_ERROR_IO,
                      _("this is not a regular file; choose a .json file"));
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size > REX_DATASET_MAX_FILE_SIZE)
    {
      /* Plain ASCII units: g_format_size() uses a no-break space, which
       * terminals and logs mangle. */
      g_autofree char *message =
        g_strdup_printf (_("the file is %.1f MiB; the limit is %d MiB"),
                         size / (1024.0 * 1024.0),
                         REX_DATASET_MAX_FILE_SIZE / (1024 * 1024));

      set_file_error (file, problems, error, REX_DATASET_ERROR_TOO_LARGE, message);
      return NULL;
    }

  bytes = read_bounded (file, size, cancellable, problems, error);
  if (bytes == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&bytes);
}

RexDataset *
rex_dataset_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GPtrArray    **problems,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = new_problem_array ();

  bytes = rex_read_data_file (file, cancellable, problems, error);
  if (bytes == NULL)
    return NULL;

  display_name = g_file_get_basename (file);
  if (display_name == NULL)
    display_name = g_file_get_parse_name (file);

  /* new_from_bytes sets its own array. */
  if (problems != NULL)
    g_clear_pointer (problems, g_ptr_array_unref);

  /* A table is imported with the defaults an import dialog starts from. */
  if (rex_table_import_is_table_name (display_name))
    return rex_dataset_new_from_table (bytes, display_name, NULL, cancellable, problems, error);

  return rex_dataset_new_from_bytes (bytes, display_name, problems, error);
}

RexDataset *
rex_dataset_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  RexDataset *dataset;

  bytes = g_resources_lookup_data ("/io/github/regionexplorer/RegionExplorer/datasets/"
                                   "china-regional-development.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  dataset = rex_dataset_new_from_bytes (bytes, "china-regional-development.json", NULL, error);
  /* Hashed when the program was built. */
  if (dataset != NULL)
    {
      g_clear_pointer (&dataset->checksum_source, g_bytes_unref);
      g_free (dataset->checksum);
      dataset->checksum = g_strdup (REX_DEFAULT_DATASET_SHA256);
    }
  return dataset;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset;

  dataset = rex_dataset_new_from_file (file, cancellable, NULL, &error);
  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

void
rex_dataset_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rex_dataset_load_async);
  g_task_set_name (task, "[rex] load dataset");
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

RexDataset *
rex_dataset_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rex_dataset_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
