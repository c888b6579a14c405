/* rex-dataset-complete.c — what every dataset gets after its own contents
 * are read, whether from JSON, from a table or by merging: the built-in
 * knowledge of China's regions, and group values derived from members.
 *
 * Both only add what the data does not say. A region's own seat, tile,
 * parent or members are never replaced, and a published group value always
 * wins over a derived one; a value whose status is "derived" (written by a
 * save) is derived again, so that it follows its members.
 */
#include "config.h"

#include <math.h>

#include "rex-model-private.h"
#include "rex-region-registry.h"

gboolean
rex_dataset_add_source (RexDataset *self,
                        RexSource  *source)
{
  if (g_hash_table_contains (self->sources_by_id, source->id))
    return FALSE;
  g_list_store_append (self->sources, source);
  g_hash_table_insert (self->sources_by_id, source->id, source);
  g_ptr_array_add (self->source_index, source);
  return TRUE;
}

gboolean
rex_dataset_add_metric (RexDataset *self,
                        RexMetric  *metric)
{
  if (g_hash_table_contains (self->metrics_by_id, metric->id))
    return FALSE;
  g_list_store_append (self->metrics, metric);
  g_hash_table_insert (self->metrics_by_id, metric->id, metric);
  return TRUE;
}

gboolean
rex_dataset_add_region (RexDataset *self,
                        RexRegion  *region)
{
  if (g_hash_table_contains (self->regions_by_id, region->id))
    return FALSE;
  g_list_store_append (self->regions, region);
  g_hash_table_insert (self->regions_by_id, region->id, region);
  return TRUE;
}

void
rex_region_link_member (RexRegion *group,
                        RexRegion *member)
{
  if (group == member || g_ptr_array_find (group->members, member, NULL))
    return;
  g_ptr_array_add (group->members, g_object_ref (member));
  g_ptr_array_add (member->memberships, g_object_ref (group));
}

static RexRegion *
region_from_entry (const RexRegistryEntry *entry)
{
  RexRegion *region = rex_region_new ();

  region->id = g_strdup (entry->id);
  region->name = g_strdup (entry->name);
  region->name_zh = g_strdup (entry->name_zh);
  region->kind = entry->kind;
  region->tier = entry->tier;
  return region;
}

/* Nation → macro-region → province → prefecture → county is five levels;
 * walks up parent links stop well above that, so that a hostile chain of
 * a hundred thousand parents costs no more than a dataset of them. */
#define MAX_DEPTH 16

/* TRUE when @ancestor is @region or above it. */
static gboolean
is_ancestor (RexRegion *ancestor,
             RexRegion *region)
{
  for (guint depth = 0; region != NULL && depth < MAX_DEPTH; region = region->parent, depth++)
    if (region == ancestor)
      return TRUE;
  return FALSE;
}

static GPtrArray *
list_regions (RexDataset *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->regions));
  GPtrArray *regions = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (regions, g_list_model_get_item (G_LIST_MODEL (self->regions), i));
  return regions;
}

/* The groups a table's provinces belong to: the nation and macro-regions
 * go first in the list (where a dataset written by hand has them), the
 * strategy areas and clusters last. */
static void
add_groups (RexDataset *self,
            GPtrArray  *regions)
{
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  guint position = 0;

  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];

      if (region->kind == REX_REGION_KIND_PROVINCE && rex_region_registry_lookup_id (region->id) != NULL)
        g_hash_table_add (present, region->id);
    }
  if (g_hash_table_size (present) == 0)
    return;

  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *entry = rex_region_registry_get_entry (i);
      g_autoptr(RexRegion) region = NULL;
      gboolean wanted = FALSE;
      GHashTableIter iter;
      gpointer key;

      if (entry->kind == REX_REGION_KIND_PROVINCE
          || g_hash_table_contains (self->regions_by_id, entry->id))
        continue;

      g_hash_table_iter_init (&iter, present);
      while (!wanted && g_hash_table_iter_next (&iter, &key, NULL))
        wanted = rex_region_registry_is_member (entry->id, key);
      if (!wanted)
        continue;

      region = region_from_entry (entry);
      if (entry->kind == REX_REGION_KIND_NATION || entry->kind == REX_REGION_KIND_MACRO_REGION)
        g_list_store_insert (self->regions, position++, region);
      else
        g_list_store_append (self->regions, region);
      g_hash_table_insert (self->regions_by_id, region->id, region);
    }
}

void
rex_dataset_apply_registry (RexDataset *self,
                            gboolean    add_group_regions)
{
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GHashTable) tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) has_children = g_hash_table_new (NULL, NULL);

  if (add_group_regions)
    {
      g_autoptr(GPtrArray) before = list_regions (self);

      add_groups (self, before);
    }

  regions = list_regions (self);
  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];

      if (region->has_tile)
        g_hash_table_add (tiles, g_strdup_printf ("%d %d %d", region->kind,
                                                  region->tile_col, region->tile_row));
      if (region->parent != NULL)
        g_hash_table_add (has_children, region->parent);
    }

  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];
      const RexRegistryEntry *entry = rex_region_registry_lookup_id (region->id);

      if (entry == NULL || entry->kind != region->kind)
        continue;

      if (region->seat == NULL && entry->seat != NULL)
        {
          region->seat = g_new0 (RexPlace, 1);
          region->seat->name = g_strdup (entry->seat);
          region->seat->name_zh = g_strdup (entry->seat_zh);
          region->seat->lon = entry->lon;
          region->seat->lat = entry->lat;
        }

      if (!region->has_tile && entry->tile_col >= 0)
        {
          char *key = g_strdup_printf ("%d %d %d", region->kind, entry->tile_col, entry->tile_row);

          /* Tiles are unique per kind: a place the data gave another
           * region stays that region's. */
          if (g_hash_table_add (tiles, key))
            {
              region->has_tile = TRUE;
              region->tile_col = entry->tile_col;
              region->tile_row = entry->tile_row;
            }
        }

      if (region->parent == NULL && entry->parent != NULL)
        {
          RexRegion *parent = g_hash_table_lookup (self->regions_by_id, entry->parent);

          if (parent != NULL && !is_ancestor (region, parent))
            {
              region->parent = g_object_ref (parent);
              g_hash_table_add (has_children, parent);
            }
        }
    }

  /* Groups the data names without saying what they span. */
  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *group = regions->pdata[i];
      const RexRegistryEntry *entry = rex_region_registry_lookup_id (group->id);
      g_auto(GStrv) members = NULL;

      if (entry == NULL || entry->kind != group->kind || entry->members == NULL
          || group->members->len > 0 || g_hash_table_contains (has_children, group))
        continue;

      members = g_strsplit (entry->members, " ", -1);
      for (guint j = 0; members[j] != NULL; j++)
        {
          RexRegion *member = g_hash_table_lookup (self->regions_by_id, members[j]);

          if (member != NULL)
            rex_region_link_member (group, member);
        }
    }
}

/* Derivation */

static gboolean
is_group_kind (RexRegionKind kind)
{
  return kind == REX_REGION_KIND_NATION || kind == REX_REGION_KIND_MACRO_REGION
         || kind == REX_REGION_KIND_CITY_CLUSTER || kind == REX_REGION_KIND_STRATEGY_AREA
         || kind == REX_REGION_KIND_METRO_AREA;
}

/* What a group's value is made of: its members when it lists them, else
 * the provinces below it (never the clusters that also name it as parent,
 * which would count provinces twice). */
static GPtrArray *
group_members (RexDataset *self,
               RexRegion  *group,
               GHashTable *provinces_below)
{
  GPtrArray *members = g_ptr_array_new ();
  const RexRegistryEntry *entry = rex_region_registry_lookup_id (group->id);
  GPtrArray *below;

  /* A group the registry knows is the sum of all its provinces or of
   * nothing: two provinces of a table are not China, and Guangdong is not
   * the Pearl River Delta's nine cities. */
  if (entry != NULL && entry->kind == group->kind)
    {
      if (!rex_region_registry_is_whole (group->id))
        return members;
      for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
        {
          const RexRegistryEntry *e = rex_region_registry_get_entry (i);
          RexRegion *member;

          if (e->kind != REX_REGION_KIND_PROVINCE || !rex_region_registry_is_member (group->id, e->id))
            continue;
          member = g_hash_table_lookup (self->regions_by_id, e->id);
          if (member == NULL)
            {
              g_ptr_array_set_size (members, 0);
              return members;
            }
          g_ptr_array_add (members, member);
        }
      return members;
    }

  if (group->members->len > 0)
    {
      g_ptr_array_extend (members, group->members, NULL, NULL);
      return members;
    }

  below = g_hash_table_lookup (provinces_below, group);
  if (below != NULL)
    g_ptr_array_extend (members, below, NULL, NULL);
  return members;
}

/* Group → the provinces below it (GPtrArray), in one walk up from each
 * province. */
static GHashTable *
map_provinces_below (GPtrArray *regions)
{
  GHashTable *map = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *province = regions->pdata[i];
      RexRegion *up = province->parent;

      if (province->kind != REX_REGION_KIND_PROVINCE)
        continue;
      for (guint depth = 0; up != NULL && up != province && depth < MAX_DEPTH; up = up->parent, depth++)
        {
          GPtrArray *below = g_hash_table_lookup (map, up);

          if (below == NULL)
            {
              below = g_ptr_array_new ();
              g_hash_table_insert (map, up, below);
            }
          g_ptr_array_add (below, province);
        }
    }
  return map;
}

static const char *
members_noun (GPtrArray *members)
{
  for (guint i = 0; i < members->len; i++)
    if (((RexRegion *) members->pdata[i])->kind != REX_REGION_KIND_PROVINCE)
      return "regions";
  return members->len == 1 ? "province" : "provinces";
}

/* The value of a group at @year from @members, or NaN when a member (or
 * its weight) has none: a sum of some members is not the group's; NaN too
 * when the sum is beyond the largest double (three provinces of 1e308),
 * which no dataset file could hold. */
static double
combine_at (RexMetric *metric,
            GPtrArray *members,
            int        year,
            gboolean   undated,
            guint16   *source)
{
  double total = 0, weights = 0;

  for (guint i = 0; i < members->len; i++)
    {
      RexRegion *member = members->pdata[i];
      RexSeries *series = g_hash_table_lookup (member->series, metric->id);
      const RexDatum *datum;
      double w = 1;

      if (series == NULL)
        return NAN;
      datum = undated ? rex_series_get_undated (series) : rex_series_get_datum (series, year);
      if (datum == NULL)
        return NAN;
      if (i == 0)
        *source = datum->source;

      if (metric->combine == REX_COMBINE_MEAN && metric->weight_id != NULL)
        {
          RexSeries *weight = g_hash_table_lookup (member->series, metric->weight_id);
          const RexDatum *wd;

          if (weight == NULL)
            return NAN;
          wd = undated ? rex_series_get_undated (weight) : rex_series_get_datum (weight, year);
          if (wd == NULL || !(wd->value >= 0))
            return NAN;
          w = wd->value;
        }
      total += datum->value * w;
      weights += w;
    }

  if (!isfinite (total) || !isfinite (weights))
    return NAN;
  if (metric->combine == REX_COMBINE_SUM)
    return total;
  return weights > 0 ? total / weights : NAN;
}

static void
derive_group (RexMetric *metric,
              RexRegion *group,
              GPtrArray *members,
              const char *note)
{
  RexSeries *old = g_hash_table_lookup (group->series, metric->id);
  int first = G_MAXINT, last = G_MININT;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (RexDatum));
  g_autoptr(RexSeries) series = NULL;
  RexDatum undated = { .value = NAN };
  guint16 source = 0;
  int lo = G_MAXINT, hi = G_MININT;

  /* Years in which the first member has a value bound those of the group. */
  {
    RexSeries *s = g_hash_table_lookup (((RexRegion *) members->pdata[0])->series, metric->id);

    if (s == NULL)
      return;
    rex_series_get_year_range (s, &lo, &hi);
    if (rex_series_get_undated (s) != NULL)
      {
        double v = combine_at (metric, members, 0, TRUE, &source);

        if (!isnan (v))
          undated = (RexDatum) { .value = v, .source = source, .status = REX_VALUE_STATUS_DERIVED };
      }
  }

  for (int year = lo; year <= hi; year++)
    {
      const RexDatum *published = old != NULL ? rex_series_get_datum (old, year) : NULL;
      double v;

      /* Published figures win, an undated one too. */
      if (published != NULL && published->status != REX_VALUE_STATUS_DERIVED)
        continue;
      v = combine_at (metric, members, year, FALSE, &source);
      if (isnan (v))
        continue;
      g_array_append_val (years, year);
      g_array_append_val (values, ((RexDatum) { .value = v, .source = source,
                                                .status = REX_VALUE_STATUS_DERIVED }));
      first = MIN (first, year);
      last = MAX (last, year);
    }

  if (old != NULL && rex_series_get_undated (old) != NULL
      && rex_series_get_undated (old)->status != REX_VALUE_STATUS_DERIVED)
    undated.value = NAN;

  if (years->len == 0 && isnan (undated.value))
    return;

  if (old != NULL)
    {
      int old_first, old_last;

      if (rex_series_get_year_range (old, &old_first, &old_last))
        {
          first = MIN (first, old_first);
          last = MAX (last, old_last);
        }
      series = first <= last ? rex_series_copy_range (old, first, last)
                             : rex_series_copy_range (old, REX_YEAR_MIN, REX_YEAR_MIN - 1);
    }
  else
    series = first <= last ? rex_series_new (metric->id, first, last)
                           : rex_series_new_undated (metric->id);

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      rex_series_set_datum (series, year, &g_array_index (values, RexDatum, i));
      rex_series_set_note (series, year, note);
    }
  if (!isnan (undated.value))
    {
      rex_series_set_undated (series, &undated);
      rex_series_set_note (series, 0, note);
    }

  rex_region_add_series (group, series);
}

void
rex_dataset_derive (RexDataset *self)
{
  g_autoptr(GPtrArray) regions = list_regions (self);
  g_autoptr(GHashTable) provinces_below = NULL;
  guint n_metrics = g_list_model_get_n_items (G_LIST_MODEL (self->metrics));

  for (guint m = 0; m < n_metrics; m++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (G_LIST_MODEL (self->metrics), m);

      if (metric->combine == REX_COMBINE_NONE)
        continue;
      if (provinces_below == NULL)
        provinces_below = map_provinces_below (regions);

      for (guint i = 0; i < regions->len; i++)
        {
          RexRegion *group = regions->pdata[i];
          g_autoptr(GPtrArray) members = NULL;
          g_autofree char *note = NULL;

          if (!is_group_kind (group->kind))
            continue;
          members = group_members (self, group, provinces_below);
          if (members->len == 0)
            continue;

          if (metric->combine == REX_COMBINE_SUM)
            note = g_strdup_printf ("sum of %u %s", members->len, members_noun (members));
          else if (metric->weight_id != NULL)
            note = g_strdup_printf ("mean of %u %s weighted by %s", members->len,
                                    members_noun (members), metric->weight_id);
          else
            note = g_strdup_printf ("mean of %u %s", members->len, members_noun (members));

          derive_group (metric, group, members, note);
        }
    }
}

void
rex_dataset_collect_years (RexDataset *self)
{
  g_autoptr(GPtrArray) regions = list_regions (self);
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < regions->len; i++)
    {
      RexRegion *region = regions->pdata[i];

      g_hash_table_iter_init (&iter, region->series);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          RexSeries *series = value;
          guint8 *set = g_hash_table_lookup (sets, key);
          int first, last;

          if (!rex_series_get_year_range (series, &first, &last))
            continue;
          if (set == NULL)
            {
              set = g_new0 (guint8, REX_YEAR_MAX - REX_YEAR_MIN + 1);
              g_hash_table_insert (sets, key, set);
            }
          for (int year = first; year <= last; year++)
            {
              const RexDatum *datum = rex_series_get_datum (series, year);

              if (datum != NULL && datum != rex_series_get_undated (series))
                set[year - REX_YEAR_MIN] = 1;
            }
        }
    }

  g_hash_table_remove_all (self->years_by_metric);
  g_hash_table_iter_init (&iter, sets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const guint8 *set = value;
      GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

      for (int year = REX_YEAR_MIN; year <= REX_YEAR_MAX; year++)
        if (set[year - REX_YEAR_MIN])
          g_array_append_val (years, year);
      g_hash_table_insert (self->years_by_metric, g_strdup (key), years);
    }
}
