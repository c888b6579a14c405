/* rex-dataset-loader-members.c — the dataset's members, kind by kind:
 * sources (and the uniqueness of ids), metrics with their targets, notes
 * and combine rules; regions in two passes, first what each says of itself
 * (kind, cities, seat, tile) so that references may point forward in the
 * file, then parents, members, the sources of their values and the values
 * (rex-dataset-loader-values.c), and last the check that parent links form
 * no cycle; transport circles; headlines.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-dataset-loader-private.h"

/* Sources */

/* Adds @object, whose id is @id (owned by the object: @by_id borrows it),
 * to @store and @by_id; a second object with the same id is reported at
 * its "id" member and left out. Nothing is added without an id (already
 * reported). Returns whether the object was added. */
static gboolean
add_unique (Loader     *l,
            JsonNode   *node,
            const char *what,
            GListStore *store,
            GHashTable *by_id,
            gpointer    object,
            const char *id)
{
  if (id == NULL)
    return FALSE;

  if (g_hash_table_contains (by_id, id))
    {
      report_in_member (l, node, "id", "duplicate %s id \"%s\"; ids must be unique", _(what), id);
      return FALSE;
    }

  g_list_store_append (store, object);
  g_hash_table_insert (by_id, (gpointer) id, object);
  return TRUE;
}

void
rex_loader_load_source (Loader   *l,
                        JsonNode *node,
                        guint     index,
                        gpointer  data)
{
  static const char * const allowed[] = {
    "id", "publisher", "publisher_zh", "title", "title_zh", "date", "url", "via", "note", NULL
  };
  g_autoptr(RexSource) source = NULL;

  if (!expect_object (l, node, "a source (an object)", allowed))
    return;

  source = rex_source_new ();
  source->id = g_strdup (rex_loader_get_id (l, node, "id"));
  source->publisher = rex_loader_dup_string (l, node, "publisher", TRUE);
  source->title = rex_loader_dup_string (l, node, "title", TRUE);
  source->publisher_zh = rex_loader_dup_string (l, node, "publisher_zh", FALSE);
  source->title_zh = rex_loader_dup_string (l, node, "title_zh", FALSE);
  source->date = rex_loader_dup_date (l, node, "date");
  source->url = rex_loader_dup_string (l, node, "url", FALSE);
  source->via = rex_loader_dup_string (l, node, "via", FALSE);
  source->note = rex_loader_dup_string (l, node, "note", FALSE);

  if (!add_unique (l, node, "source", l->dataset->sources, l->dataset->sources_by_id,
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
load_metric_note (Loader   *l,
                  JsonNode *node,
                  guint     index,
                  gpointer  data)
{
  static const char * const allowed[] = { "year", "kind", "text", "text_zh", NULL };
  RexMetric *metric = data;
  RexSeriesNote note = { 0 };
  const char *kind;
  int kind_value = 0;
  gboolean ok = TRUE;

  if (!expect_object (l, node, "a series note (an object)", allowed))
    return;

  ok &= rex_loader_get_integer (l, node, "year", TRUE, REX_YEAR_MIN, REX_YEAR_MAX, &note.year);
  kind = rex_loader_get_string (l, node, "kind", TRUE);
  if (kind == NULL)
    ok = FALSE;
  else if (!rex_enum_from_nick (REX_TYPE_NOTE_KIND, kind, &kind_value))
    {
      report_in_member (l, node, "kind",
                        "unknown note kind \"%s\"; expected \"break\", \"estimate\" or \"note\"",
                        kind);
      ok = FALSE;
    }
  note.kind = kind_value;
  note.text = rex_loader_dup_string (l, node, "text", TRUE);
  note.text_zh = rex_loader_dup_string (l, node, "text_zh", FALSE);
  if (ok && note.text != NULL)
    g_array_append_val (metric->notes, note);
  else
    rex_series_note_clear (&note);
}

/* "target": { value, year, source, text? } of the RexMetric @out. */
static gboolean
read_metric_target (Loader        *l,
                    JsonNode      *target,
                    gconstpointer  data,
                    gpointer       out)
{
  static const char * const allowed[] = { "value", "year", "source", "text", NULL };
  RexMetric *metric = out;
  RexSource *source;
  gboolean ok = TRUE;

  if (!expect_object (l, target, "a target (an object with value, year and source)", allowed))
    return FALSE;

  /* A percentage's target is a percentage too. */
  ok &= rex_loader_get_number (l, target, "value", TRUE, metric->percent ? 0 : -G_MAXDOUBLE,
                               metric->percent ? 100 : G_MAXDOUBLE, &metric->target_value);
  ok &= rex_loader_get_integer (l, target, "year", TRUE, REX_YEAR_MIN, REX_YEAR_MAX,
                                &metric->target_year);
  source = rex_loader_get_source_ref (l, target, "source", TRUE);
  metric->target_source_id = g_strdup (source != NULL ? source->id : NULL);
  metric->target_text = rex_loader_dup_string (l, target, "text", FALSE);
  metric->has_target = ok && source != NULL;
  return metric->has_target;
}

void
rex_loader_load_metric (Loader   *l,
                        JsonNode *node,
                        guint     index,
                        gpointer  data)
{
  static const char * const allowed[] = {
    "id", "name", "name_zh", "unit", "unit_zh", "description", "source",
    "higher_is_better", "decimals", "percent", "target", "notes", "combine", "weight", NULL
  };
  g_autoptr(RexMetric) metric = NULL;
  RexSource *source;
  const char *combine;
  gboolean flag;

  if (!expect_object (l, node, "a metric (an object)", allowed))
    return;

  metric = rex_metric_new ();
  rex_loader_load_names (l, node, &metric->id, &metric->name, &metric->name_zh);
  if (metric->id != NULL && !is_valid_metric_id (metric->id))
    report_in_member (l, node, "id", "metric id \"%s\" may only contain a-z, 0-9, '_' and '-'",
                      metric->id);
  metric->unit = rex_loader_dup_string (l, node, "unit", TRUE);
  metric->unit_zh = rex_loader_dup_string (l, node, "unit_zh", FALSE);
  metric->description = rex_loader_dup_string (l, node, "description", FALSE);
  source = rex_loader_get_source_ref (l, node, "source", FALSE);
  metric->source_id = g_strdup (source != NULL ? source->id : NULL);
  if (rex_loader_get_boolean (l, node, "higher_is_better", &flag))
    metric->higher_is_better = flag;
  if (rex_loader_get_boolean (l, node, "percent", &flag))
    metric->percent = flag;
  rex_loader_get_integer (l, node, "decimals", FALSE, 0, 6, &metric->decimals);
  rex_loader_read_member (l, node, "target", FALSE, read_metric_target, NULL, metric);
  rex_loader_foreach_element (l, "notes", rex_loader_get_array (l, node, "notes", FALSE),
                              load_metric_note, metric);
  g_array_sort (metric->notes, compare_notes);

  combine = rex_loader_get_string (l, node, "combine", FALSE);
  if (combine != NULL && !rex_combine_from_string (combine, &metric->combine))
    report_in_member (l, node, "combine",
                      "unknown combine rule \"%s\"; expected \"sum\", \"mean\" or \"none\"", combine);
  /* Checked against the metrics once all are read (rex_loader_check_metric_weight()). */
  metric->weight_id = rex_loader_dup_string (l, node, "weight", FALSE);

  add_unique (l, node, "metric", l->dataset->metrics, l->dataset->metrics_by_id,
              metric, metric->id);
}

/* Metrics, second pass: "weight" names another metric, of a mean. */
void
rex_loader_check_metric_weight (Loader   *l,
                                JsonNode *node,
                                guint     index,
                                gpointer  data)
{
  JsonNode *id_node;
  RexMetric *metric;
  JsonNode *weight;
  gsize saved;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  id_node = json_object_get_member (json_node_get_object (node), "id");
  metric = id_node != NULL && rex_loader_node_is_string (id_node)
           ? rex_dataset_lookup_metric (l->dataset, json_node_get_string (id_node)) : NULL;
  if (metric == NULL || metric->weight_id == NULL)
    return;

  weight = json_object_get_member (json_node_get_object (node), "weight");
  saved = rex_loader_path_push_member (l, "weight");
  if (metric->combine != REX_COMBINE_MEAN)
    report (l, weight, "\"weight\" only goes with \"combine\": \"mean\"");
  else if (g_str_equal (metric->weight_id, metric->id))
    report (l, weight, "a metric cannot weight its own mean");
  else if (rex_dataset_lookup_metric (l->dataset, metric->weight_id) == NULL)
    report (l, weight, UNKNOWN_METRIC_FORMAT,
            metric->weight_id);
  rex_loader_path_pop (l, saved);
}

/* The RexRegion @out's place in the tile grid, unique among regions of
 * its kind (the string @data; NULL when it has none). */
static gboolean
read_region_tile (Loader        *l,
                  JsonNode      *member,
                  gconstpointer  data,
                  gpointer       out)
{
  static const char * const tile_allowed[] = { "col", "row", NULL };
  RexRegion *region = out;
  const char *kind = data;
  g_autofree char *key = NULL;
  const char *other;
  gboolean ok = TRUE;

  if (!expect_object (l, member, "a tile (an object with col and row)", tile_allowed))
    return FALSE;

  ok &= rex_loader_get_integer (l, member, "col", TRUE, 0, 63, &region->tile_col);
  ok &= rex_loader_get_integer (l, member, "row", TRUE, 0, 63, &region->tile_row);
  region->has_tile = ok;
  if (!ok || kind == NULL)
    return ok;

  key = g_strdup_printf ("%s %d %d", kind, region->tile_col, region->tile_row);
  other = g_hash_table_lookup (l->tiles, key);
  if (other != NULL)
    report (l, member,
            "tile (col %d, row %d) is already used by %s \"%s\"; "
            "tiles must be unique per kind",
            region->tile_col, region->tile_row, kind, other);
  else if (region->id != NULL)
    g_hash_table_insert (l->tiles, g_steal_pointer (&key), g_strdup (region->id));
  return other == NULL;
}

/* The seat of the RexRegion @out. */
static gboolean
read_region_seat (Loader        *l,
                  JsonNode      *member,
                  gconstpointer  data,
                  gpointer       out)
{
  RexRegion *region = out;

  region->seat = g_new0 (RexPlace, 1);
  return rex_loader_read_place (l, member, NULL, region->seat);
}

static void
add_city (Loader   *l,
          JsonNode *city,
          guint     index,
          gpointer  builder)
{
  if (rex_loader_node_is_string (city))
    g_strv_builder_add (builder, json_node_get_string (city));
  else
    report (l, city, "expected a string, got %s", rex_loader_describe_node (city));
}

/* Regions, first pass: everything that does not refer to other regions, so
 * that references may point forward in the file. */

void
rex_loader_load_region (Loader   *l,
                        JsonNode *node,
                        guint     index,
                        gpointer  data)
{
  static const char * const allowed[] = {
    "id", "name", "name_zh", "kind", "parent", "members", "cities", "tier",
    "seat", "tile", "values", "sources", "source", NULL
  };
  g_autoptr(RexRegion) region = NULL;
  const char *kind;
  JsonArray *cities;
  RexSource *source;
  int tier;

  if (!expect_object (l, node, "a region (an object)", allowed))
    return;

  region = rex_region_new ();
  rex_loader_load_names (l, node, &region->id, &region->name, &region->name_zh);

  kind = rex_loader_get_string (l, node, "kind", TRUE);
  if (kind != NULL && !rex_region_kind_from_string (kind, &region->kind))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) kinds = NULL;
      g_autofree char *expected = NULL;

      for (guint k = 0; k < REX_REGION_KIND_LAST; k++)
        g_strv_builder_add (builder, rex_region_kind_to_string (k));
      kinds = g_strv_builder_end (builder);
      expected = g_strjoinv (", ", kinds);
      report_in_member (l, node, "kind", "unknown region kind \"%s\"; expected one of: %s",
                        kind, expected);
    }

  cities = rex_loader_get_array (l, node, "cities", FALSE);
  if (cities != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      rex_loader_foreach_element (l, "cities", cities, add_city, builder);
      region->cities = g_strv_builder_end (builder);
    }

  if (rex_loader_get_integer (l, node, "tier", FALSE, 1, 3, &tier))
    region->tier = tier;

  rex_loader_read_member (l, node, "seat", FALSE, read_region_seat, NULL, region);
  rex_loader_read_member (l, node, "tile", FALSE, read_region_tile, kind, region);

  source = rex_loader_get_source_ref (l, node, "source", FALSE);
  region->source_id = g_strdup (source != NULL ? source->id : NULL);

  if (!add_unique (l, node, "region", l->dataset->regions, l->dataset->regions_by_id,
                   region, region->id))
    return;
  g_hash_table_insert (l->region_nodes, region, node);
  g_hash_table_insert (l->region_indices, region, GUINT_TO_POINTER (index));
}

/* Region "sources": { metric id: source id }, into the GHashTable @out. */
static gboolean
read_region_sources (Loader        *l,
                     JsonNode      *member,
                     gconstpointer  data,
                     gpointer       out)
{
  GHashTable *table;
  g_autoptr(GList) names = NULL;

  if (!expect_object (l, member, "an object of { metric id: source id }", NULL))
    return FALSE;

  table = g_hash_table_new (g_str_hash, g_str_equal);
  names = json_object_get_members (json_node_get_object (member));
  for (GList *iter = names; iter != NULL; iter = iter->next)
    {
      const char *metric_id = iter->data;
      JsonNode *value = json_object_get_member (json_node_get_object (member), metric_id);
      gsize saved_key = rex_loader_path_push_member (l, metric_id);

      if (rex_dataset_lookup_metric (l->dataset, metric_id) == NULL)
        report_key (l, value, UNKNOWN_METRIC_FORMAT,
                    metric_id);

      if (!rex_loader_node_is_string (value))
        report (l, value, "expected a source id (a string), got %s",
                rex_loader_describe_node (value));
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
      rex_loader_path_pop (l, saved_key);
    }
  *(GHashTable **) out = table;

  return TRUE;
}

/* An element of a region's "members" (the RexRegion @data). */
static void
link_member (Loader   *l,
             JsonNode *element,
             guint     index,
             gpointer  data)
{
  RexRegion *region = data;
  RexRegion *member = rex_loader_node_get_region_ref (l, element);

  if (member == region)
    report (l, element, "a region cannot be a member of itself");
  else if (member != NULL && g_ptr_array_find (region->members, member, NULL))
    report (l, element, "region \"%s\" is listed twice", member->id);
  else if (member != NULL)
    {
      g_ptr_array_add (region->members, g_object_ref (member));
      g_ptr_array_add (member->memberships, g_object_ref (region));
    }
}

/* Region "values": { metric id: { year: value } } of the RexRegion @out;
 * @data: the region's "sources" table, or NULL. */
static gboolean
read_region_values (Loader        *l,
                    JsonNode      *values,
                    gconstpointer  data,
                    gpointer       out)
{
  GHashTable *region_sources = (GHashTable *) data;
  RexRegion *region = out;
  JsonObject *object;
  g_autoptr(GList) names = NULL;
  RexJsonSeries *records;
  guint n_records;

  if (!expect_object (l, values, "an object of { metric id: { year: value } }", NULL))
    return FALSE;

  object = json_node_get_object (values);
  names = json_object_get_members (object);
  /* The { year: value } objects, which the parser kept out of the tree. */
  records = rex_json_document_get_series (l->doc, values, &n_records);
  for (guint i = 0; i < n_records && !l->fatal; i++)
    {
      const char *metric_id = records[i].name;
      RexMetric *metric = rex_dataset_lookup_metric (l->dataset, metric_id);
      gsize saved_key = rex_loader_path_push_member (l, metric_id);

      if (metric == NULL)
        report_offset (l, records[i].key_offset, UNKNOWN_METRIC_FORMAT, metric_id);
      else
        rex_loader_load_series (l, region, metric,
                                region_sources != NULL
                                ? g_hash_table_lookup (region_sources, metric_id) : NULL,
                                &records[i]);
      rex_loader_path_pop (l, saved_key);
    }

  /* What is left in the tree is not an object. */
  for (GList *iter = names; iter != NULL && !l->fatal; iter = iter->next)
    {
      const char *metric_id = iter->data;
      JsonNode *years = json_object_get_member (object, metric_id);
      RexMetric *metric = rex_dataset_lookup_metric (l->dataset, metric_id);
      gsize saved_key = rex_loader_path_push_member (l, metric_id);

      if (metric == NULL)
        report_key (l, years, UNKNOWN_METRIC_FORMAT, metric_id);
      else
        expect_object (l, years, "an object of { year: value }", NULL);
      rex_loader_path_pop (l, saved_key);
    }

  return TRUE;
}

/* Regions, second pass: links to other regions and the values. */
void
rex_loader_link_region (Loader   *l,
                        JsonNode *node,
                        guint     index,
                        gpointer  data)
{
  RexRegion *region;
  RexRegion *parent;
  g_autoptr(GHashTable) region_sources = NULL;
  JsonNode *id_node;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  id_node = json_object_get_member (json_node_get_object (node), "id");
  id = id_node != NULL && rex_loader_node_is_string (id_node)
       ? json_node_get_string (id_node) : NULL;
  region = id != NULL ? rex_dataset_lookup_region (l->dataset, id) : NULL;
  /* Duplicates and regions without a valid id were reported already. */
  if (region == NULL || g_hash_table_lookup (l->region_nodes, region) != node)
    return;

  parent = rex_loader_get_region_ref (l, node, "parent", FALSE);
  if (parent == region)
    report_in_member (l, node, "parent", "a region cannot be its own parent");
  else if (parent != NULL)
    region->parent = g_object_ref (parent);

  rex_loader_foreach_element (l, "members", rex_loader_get_array (l, node, "members", FALSE),
                              link_member, region);
  rex_loader_read_member (l, node, "sources", FALSE, read_region_sources, NULL, &region_sources);
  rex_loader_read_member (l, node, "values", FALSE, read_region_values, region_sources, region);
}

/* Parent links must form a forest: walk up from every region, marking the
 * regions of this walk, and stop at one marked by an earlier walk. */
void
rex_loader_check_parent_cycles (Loader *l)
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

              saved = rex_loader_path_push_member (l, "regions");
              rex_loader_path_push_index (l, GPOINTER_TO_UINT (g_hash_table_lookup (l->region_indices, r)));
              rex_loader_path_push_member (l, "parent");
              report (l, json_object_get_member (json_node_get_object (node), "parent"),
                      "parent links form a cycle: %s", cycle->str);
              rex_loader_path_pop (l, saved);

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

/* A place of the circle (the RexTransportCircle @data). */
static void
add_circle_member (Loader   *l,
                   JsonNode *element,
                   guint     index,
                   gpointer  data)
{
  RexTransportCircle *circle = data;
  RexPlace place = { 0 };

  if (rex_loader_read_place (l, element, NULL, &place))
    g_array_append_val (circle->members, place);
  else
    rex_place_clear (&place);
}

void
rex_loader_load_transport_circle (Loader   *l,
                                  JsonNode *node,
                                  guint     index,
                                  gpointer  data)
{
  static const char * const allowed[] = {
    "id", "name", "name_zh", "hub", "hub_region", "hours", "mode", "members",
    "radius_km", "cluster", "source", "note", NULL
  };
  g_autoptr(RexTransportCircle) circle = NULL;
  RexRegion *region;
  RexSource *source;

  if (!expect_object (l, node, "a transport circle (an object)", allowed))
    return;

  circle = rex_transport_circle_new ();
  rex_loader_load_names (l, node, &circle->id, &circle->name, &circle->name_zh);

  rex_loader_read_member (l, node, "hub", TRUE, rex_loader_read_place, NULL, &circle->hub);
  region = rex_loader_get_region_ref (l, node, "hub_region", FALSE);
  circle->hub_region = region != NULL ? g_object_ref (region) : NULL;
  rex_loader_get_positive_at_most (l, node, "hours", TRUE, REX_DATASET_MAX_HOURS, &circle->hours);
  circle->mode = rex_loader_dup_string (l, node, "mode", TRUE);

  rex_loader_foreach_element (l, "members", rex_loader_get_array (l, node, "members", FALSE),
                              add_circle_member, circle);

  rex_loader_get_positive_at_most (l, node, "radius_km", FALSE, REX_DATASET_MAX_RADIUS_KM,
                                   &circle->radius_km);
  region = rex_loader_get_region_ref (l, node, "cluster", FALSE);
  circle->cluster = region != NULL ? g_object_ref (region) : NULL;
  source = rex_loader_get_source_ref (l, node, "source", TRUE);
  circle->source_id = g_strdup (source != NULL ? source->id : NULL);
  circle->note = rex_loader_dup_string (l, node, "note", FALSE);

  add_unique (l, node, "transport circle", l->dataset->circles, l->dataset->circles_by_id,
              circle, circle->id);
}

/* Headlines */

void
rex_loader_load_headline (Loader   *l,
                          JsonNode *node,
                          guint     index,
                          gpointer  ids)
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

  id = rex_loader_get_id (l, node, "id");
  if (id != NULL && !g_hash_table_add (ids, (gpointer) id))
    {
      report_in_member (l, node, "id", "duplicate headline id \"%s\"; ids must be unique", id);
      ok = FALSE;
    }

  headline.id = g_strdup (id);
  headline.label = rex_loader_dup_string (l, node, "label", TRUE);
  headline.label_zh = rex_loader_dup_string (l, node, "label_zh", FALSE);

  region = rex_loader_get_region_ref (l, node, "region", TRUE);
  metric = rex_loader_get_metric_ref (l, node, "metric");
  ok &= rex_loader_get_integer (l, node, "year", TRUE, REX_YEAR_MIN, REX_YEAR_MAX, &headline.year);

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
