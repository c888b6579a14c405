/* rex-dataset-save.c — writes a dataset as a region-explorer/1 document
 * and merges one dataset into another.
 *
 * A saved file reopens with the same values and the same source for each
 * of them: a series' most frequent source is written once (the metric's,
 * or the region's "sources"), every other value names its own. Numbers are
 * written in the fewest digits that read back as the same double.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-model-private.h"

/* Writing */

static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* An object being written: its members each on a line of their own after
 * @indent, or all on one line when @indent is NULL. */
typedef struct
{
  GString    *out;
  const char *indent;
  gboolean    first;
} ObjectWriter;

static void
object_open (ObjectWriter *w,
             GString      *out,
             const char   *indent)
{
  *w = (ObjectWriter) { out, indent, TRUE };
  g_string_append_c (out, '{');
}

/* The closing brace of a multi-line object stands two columns left of its
 * members. */
static void
object_close (ObjectWriter *w)
{
  if (w->indent == NULL)
    g_string_append (w->out, " }");
  else
    g_string_append_printf (w->out, "\n%.*s}", (int) strlen (w->indent) - 2, w->indent);
}

/* Starts member @name; what follows is its value. */
static void
member_key (ObjectWriter *w,
            const char   *name)
{
  if (w->indent == NULL)
    g_string_append (w->out, w->first ? " " : ", ");
  else
    g_string_append_printf (w->out, "%s\n%s", w->first ? "" : ",", w->indent);
  append_string (w->out, name);
  g_string_append (w->out, ": ");
  w->first = FALSE;
}

/* Nothing for a NULL @value. */
static void
member_string (ObjectWriter *w,
               const char   *name,
               const char   *value)
{
  if (value == NULL)
    return;
  member_key (w, name);
  append_string (w->out, value);
}

static void
member_number (ObjectWriter *w,
               const char   *name,
               double        value)
{
  member_key (w, name);
  rex_append_number (w->out, value);
}

/* "id", "name" and "name_zh": how regions, metrics and circles begin. */
static void
member_names (ObjectWriter *w,
              const char   *id,
              const char   *name,
              const char   *name_zh)
{
  member_string (w, "id", id);
  member_string (w, "name", name);
  member_string (w, "name_zh", name_zh);
}

/* A one-line array of @n strings: [ "a", "b" ]. */
static void
member_strings (ObjectWriter       *w,
                const char         *name,
                const char * const *strings,
                guint               n)
{
  member_key (w, name);
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_string_append (w->out, i > 0 ? ", " : " ");
      append_string (w->out, strings[i]);
    }
  g_string_append (w->out, " ]");
}

/* An array member whose elements stand on lines of their own: the element
 * @i follows array_element(). */
static void
array_element (ObjectWriter *w,
               guint         i)
{
  if (i == 0)
    g_string_append_c (w->out, '[');
  g_string_append_printf (w->out, "%s\n%s  ", i > 0 ? "," : "", w->indent);
}

static void
array_close (ObjectWriter *w,
             guint         n)
{
  if (n == 0)
    g_string_append (w->out, "[]");
  else
    g_string_append_printf (w->out, "\n%s]", w->indent);
}

static void
append_place (GString        *out,
              const RexPlace *place)
{
  ObjectWriter w;

  object_open (&w, out, NULL);
  member_string (&w, "name", place->name != NULL ? place->name : "");
  member_string (&w, "name_zh", place->name_zh);
  member_number (&w, "lon", place->lon);
  member_number (&w, "lat", place->lat);
  object_close (&w);
}

/* Member @name of a series: a plain number when the value has the series'
 * source and nothing else to say, else an object. */
static void
member_value (ObjectWriter   *series,
              const char     *name,
              RexDataset     *self,
              const RexDatum *datum,
              const char     *note,
              guint           default_source)
{
  RexSource *source;
  ObjectWriter w;

  member_key (series, name);
  if (datum->source == default_source && datum->qualifier == REX_QUALIFIER_EXACT
      && datum->status == REX_VALUE_STATUS_FINAL && note == NULL)
    {
      rex_append_number (series->out, datum->value);
      return;
    }

  object_open (&w, series->out, NULL);
  member_number (&w, "value", datum->value);
  source = rex_dataset_get_source_at (self, datum->source);
  if (datum->source != default_source && source != NULL)
    member_string (&w, "source", source->id);
  if (datum->qualifier != REX_QUALIFIER_EXACT)
    member_string (&w, "qualifier", rex_enum_to_nick (REX_TYPE_QUALIFIER, datum->qualifier));
  if (datum->status != REX_VALUE_STATUS_FINAL)
    member_string (&w, "status", rex_enum_to_nick (REX_TYPE_VALUE_STATUS, datum->status));
  member_string (&w, "note", note);
  object_close (&w);
}

/* The source most of the series' values cite. */
static guint
series_default_source (RexSeries *series)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0, best_count = 0;
  int first, last;
  const RexDatum *undated = rex_series_get_undated (series);

  if (rex_series_get_year_range (series, &first, &last))
    for (int year = first; year <= last; year++)
      {
        const RexDatum *datum = rex_series_get_datum (series, year);
        guint count;

        if (datum == NULL || datum == undated)
          continue;
        count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (datum->source + 1))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (datum->source + 1), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best = datum->source;
            best_count = count;
          }
      }
  if (best_count == 0 && undated != NULL)
    best = undated->source;
  return best;
}

/* Member @name: the values of @series by year, { "2020": 1.5, "2021": 1.7 }. */
static void
member_series (ObjectWriter *values,
               const char   *name,
               RexDataset   *self,
               RexSeries    *series,
               guint         default_source)
{
  const RexDatum *undated = rex_series_get_undated (series);
  ObjectWriter w;
  int lo, hi;

  member_key (values, name);
  object_open (&w, values->out, NULL);
  if (rex_series_get_year_range (series, &lo, &hi))
    for (int year = lo; year <= hi; year++)
      {
        const RexDatum *datum = rex_series_get_datum (series, year);
        char key[8];

        if (datum == NULL || datum == undated)
          continue;
        g_snprintf (key, sizeof key, "%04d", year);
        member_value (&w, key, self, datum, rex_series_get_note (series, year), default_source);
      }
  if (undated != NULL)
    member_value (&w, "undated", self, undated, rex_series_get_note (series, 0), default_source);
  object_close (&w);
}

/* An object member whose @members were written apart (by an ObjectWriter
 * one level deeper); nothing when there are none. */
static void
member_members (ObjectWriter *w,
                const char   *name,
                GString      *members)
{
  if (members->len == 0)
    return;
  member_key (w, name);
  g_string_append_printf (w->out, "{%s\n%s}", members->str, w->indent);
}

/* The region's "sources" (the source of each series whose most cited
 * source is not its metric's) and "values". */
static void
append_region_series (ObjectWriter *w,
                      RexDataset   *self,
                      RexRegion    *region)
{
  guint n_metrics = g_list_model_get_n_items (G_LIST_MODEL (self->metrics));
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  ObjectWriter sources_w = { sources, "        ", TRUE };
  ObjectWriter values_w = { values, "        ", TRUE };

  /* In the order of the metrics, so that saving twice gives the same file. */
  for (guint m = 0; m < n_metrics; m++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (G_LIST_MODEL (self->metrics), m);
      RexSeries *series = g_hash_table_lookup (region->series, metric->id);
      RexSource *metric_source, *source;
      guint default_source;

      if (series == NULL)
        continue;

      default_source = series_default_source (series);
      source = rex_dataset_get_source_at (self, default_source);
      metric_source = metric->source_id != NULL ? rex_dataset_lookup_source (self, metric->source_id) : NULL;
      if (source != NULL && source != metric_source)
        member_string (&sources_w, metric->id, source->id);

      member_series (&values_w, metric->id, self, series, default_source);
    }

  member_members (w, "sources", sources);
  member_members (w, "values", values);
}

static void
append_region (ObjectWriter *w,
               RexDataset   *self,
               gpointer      item)
{
  RexRegion *region = item;

  member_names (w, region->id, region->name, region->name_zh);
  member_string (w, "kind", rex_region_kind_to_string (region->kind));
  if (region->parent != NULL)
    member_string (w, "parent", region->parent->id);
  if (region->members->len > 0)
    {
      g_autofree const char **ids = g_new (const char *, region->members->len);

      for (guint i = 0; i < region->members->len; i++)
        ids[i] = ((RexRegion *) region->members->pdata[i])->id;
      member_strings (w, "members", ids, region->members->len);
    }
  if (region->cities != NULL)
    member_strings (w, "cities", (const char * const *) region->cities, g_strv_length (region->cities));
  if (region->tier > 0)
    member_number (w, "tier", region->tier);
  if (region->seat != NULL)
    {
      member_key (w, "seat");
      append_place (w->out, region->seat);
    }
  if (region->has_tile)
    {
      member_key (w, "tile");
      g_string_append_printf (w->out, "{ \"col\": %d, \"row\": %d }", region->tile_col, region->tile_row);
    }
  member_string (w, "source", region->source_id);
  append_region_series (w, self, region);
}

static void
append_metric_target (ObjectWriter *w,
                      RexMetric    *metric)
{
  ObjectWriter target;

  member_key (w, "target");
  object_open (&target, w->out, NULL);
  member_number (&target, "value", metric->target_value);
  member_number (&target, "year", metric->target_year);
  member_string (&target, "source", metric->target_source_id != NULL ? metric->target_source_id : "");
  member_string (&target, "text", metric->target_text);
  object_close (&target);
}

static void
append_metric_notes (ObjectWriter *w,
                     GArray       *notes)
{
  member_key (w, "notes");
  for (guint i = 0; i < notes->len; i++)
    {
      const RexSeriesNote *note = &g_array_index (notes, RexSeriesNote, i);
      ObjectWriter note_w;

      array_element (w, i);
      object_open (&note_w, w->out, NULL);
      member_number (&note_w, "year", note->year);
      member_string (&note_w, "kind", rex_enum_to_nick (REX_TYPE_NOTE_KIND, note->kind));
      member_string (&note_w, "text", note->text);
      member_string (&note_w, "text_zh", note->text_zh);
      object_close (&note_w);
    }
  array_close (w, notes->len);
}

static void
append_metric (ObjectWriter *w,
               RexDataset   *self,
               gpointer      item)
{
  RexMetric *metric = item;

  member_names (w, metric->id, metric->name, metric->name_zh);
  member_string (w, "unit", metric->unit != NULL ? metric->unit : "");
  member_string (w, "unit_zh", metric->unit_zh);
  member_string (w, "description", metric->description);
  member_string (w, "source", metric->source_id);
  if (!metric->higher_is_better)
    {
      member_key (w, "higher_is_better");
      g_string_append (w->out, "false");
    }
  if (metric->decimals >= 0)
    member_number (w, "decimals", metric->decimals);
  if (metric->percent)
    {
      member_key (w, "percent");
      g_string_append (w->out, "true");
    }
  /* A mean weighted by a metric this dataset lacks (an imported table
   * meant to be merged with one that has it) cannot be written: the file
   * would not load. */
  if (metric->combine != REX_COMBINE_NONE
      && (metric->weight_id == NULL || rex_dataset_lookup_metric (self, metric->weight_id) != NULL))
    {
      member_string (w, "combine", rex_combine_to_string (metric->combine));
      member_string (w, "weight", metric->weight_id);
    }
  if (metric->has_target)
    append_metric_target (w, metric);
  if (metric->notes->len > 0)
    append_metric_notes (w, metric->notes);
}

static void
append_source (ObjectWriter *w,
               RexDataset   *self,
               gpointer      item)
{
  RexSource *source = item;

  member_string (w, "id", source->id);
  member_string (w, "publisher", source->publisher != NULL ? source->publisher : "");
  member_string (w, "publisher_zh", source->publisher_zh);
  member_string (w, "title", source->title != NULL ? source->title : "");
  member_string (w, "title_zh", source->title_zh);
  member_string (w, "date", source->date);
  member_string (w, "url", source->url);
  member_string (w, "via", source->via);
  member_string (w, "note", source->note);
}

static void
append_circle (ObjectWriter *w,
               RexDataset   *self,
               gpointer      item)
{
  RexTransportCircle *circle = item;

  member_names (w, circle->id, circle->name, circle->name_zh);
  member_key (w, "hub");
  append_place (w->out, &circle->hub);
  if (circle->hub_region != NULL)
    member_string (w, "hub_region", circle->hub_region->id);
  member_number (w, "hours", circle->hours);
  member_string (w, "mode", circle->mode != NULL ? circle->mode : "");
  if (circle->members->len > 0)
    {
      member_key (w, "members");
      for (guint i = 0; i < circle->members->len; i++)
        {
          array_element (w, i);
          append_place (w->out, &g_array_index (circle->members, RexPlace, i));
        }
      array_close (w, circle->members->len);
    }
  if (!isnan (circle->radius_km))
    member_number (w, "radius_km", circle->radius_km);
  if (circle->cluster != NULL)
    member_string (w, "cluster", circle->cluster->id);
  member_string (w, "source", circle->source_id);
  member_string (w, "note", circle->note);
}

typedef void (*AppendFunc) (ObjectWriter *w,
                            RexDataset   *self,
                            gpointer      item);

/* Member @name of the document: an array of the objects in @model, each
 * written by @append. */
static void
append_list (ObjectWriter *w,
             RexDataset   *self,
             const char   *name,
             GListModel   *model,
             AppendFunc    append)
{
  guint n = g_list_model_get_n_items (model);

  member_key (w, name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      ObjectWriter item_w;

      array_element (w, i);
      object_open (&item_w, w->out, "      ");
      append (&item_w, self, item);
      object_close (&item_w);
    }
  array_close (w, n);
}

static void
append_headlines (ObjectWriter *w,
                  RexDataset   *self)
{
  member_key (w, "headlines");
  for (guint i = 0; i < self->headlines->len; i++)
    {
      const RexHeadline *h = &g_array_index (self->headlines, RexHeadline, i);
      ObjectWriter headline;

      array_element (w, i);
      object_open (&headline, w->out, NULL);
      member_string (&headline, "id", h->id);
      member_string (&headline, "label", h->label);
      member_string (&headline, "label_zh", h->label_zh);
      member_string (&headline, "region", h->region_id);
      member_string (&headline, "metric", h->metric_id);
      member_number (&headline, "year", h->year);
      object_close (&headline);
    }
  array_close (w, self->headlines->len);
}

GBytes *
rex_dataset_save_to_bytes (RexDataset *self)
{
  GString *out;
  ObjectWriter w;

  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  out = g_string_sized_new (64 * 1024);
  object_open (&w, out, "  ");
  member_string (&w, "schema", REX_DATASET_SCHEMA);
  member_string (&w, "title", self->title != NULL ? self->title : "");
  member_string (&w, "title_zh", self->title_zh);
  member_string (&w, "description", self->description);
  member_string (&w, "description_zh", self->description_zh);
  append_list (&w, self, "sources", G_LIST_MODEL (self->sources), append_source);
  append_list (&w, self, "metrics", G_LIST_MODEL (self->metrics), append_metric);
  append_list (&w, self, "regions", G_LIST_MODEL (self->regions), append_region);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->circles)) > 0)
    append_list (&w, self, "transport_circles", G_LIST_MODEL (self->circles), append_circle);
  if (self->headlines->len > 0)
    append_headlines (&w, self);
  object_close (&w);
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

gboolean
rex_dataset_save_to_file (RexDataset    *self,
                          GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (REX_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = rex_dataset_save_to_bytes (self);
  /* Written to a temporary file and renamed over the old one: a failed
   * save never leaves half a file. */
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}

/* Merging */

void
rex_merge_conflict_free (RexMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->region_id);
  g_free (conflict->metric_id);
  g_free (conflict->base_source);
  g_free (conflict->new_source);
  g_free (conflict);
}

char *
rex_merge_conflict_to_string (const RexMergeConflict *conflict)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (conflict != NULL, NULL);

  g_string_append_printf (out, "%s %s ", conflict->region_id, conflict->metric_id);
  if (conflict->year > 0)
    g_string_append_printf (out, "%d", conflict->year);
  else
    g_string_append (out, "(undated)");
  g_string_append (out, ": ");
  rex_append_number (out, conflict->base_value);
  g_string_append_printf (out, " (%s) in the base, ", conflict->base_source);
  rex_append_number (out, conflict->new_value);
  g_string_append_printf (out, " (%s) in the addition", conflict->new_source);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static RexSource *
copy_source (RexSource  *source,
             const char *id)
{
  RexSource *copy = rex_source_new ();

  copy->id = g_strdup (id);
  copy->publisher = g_strdup (source->publisher);
  copy->publisher_zh = g_strdup (source->publisher_zh);
  copy->title = g_strdup (source->title);
  copy->title_zh = g_strdup (source->title_zh);
  copy->date = g_strdup (source->date);
  copy->url = g_strdup (source->url);
  copy->via = g_strdup (source->via);
  copy->note = g_strdup (source->note);
  return copy;
}

static void
copy_place (RexPlace       *to,
            const RexPlace *from)
{
  to->name = g_strdup (from->name);
  to->name_zh = g_strdup (from->name_zh);
  to->lon = from->lon;
  to->lat = from->lat;
}

/* @id, or what @source_ids renames it to (NULL: nothing is renamed). */
static const char *
renamed_source (GHashTable *source_ids,
                const char *id)
{
  const char *renamed = id != NULL && source_ids != NULL ? g_hash_table_lookup (source_ids, id) : NULL;

  return renamed != NULL ? renamed : id;
}

static RexMetric *
copy_metric (RexMetric  *metric,
             GHashTable *source_ids)
{
  RexMetric *copy = rex_metric_new ();

  copy->id = g_strdup (metric->id);
  copy->name = g_strdup (metric->name);
  copy->name_zh = g_strdup (metric->name_zh);
  copy->unit = g_strdup (metric->unit);
  copy->unit_zh = g_strdup (metric->unit_zh);
  copy->description = g_strdup (metric->description);
  copy->source_id = g_strdup (renamed_source (source_ids, metric->source_id));
  copy->decimals = metric->decimals;
  copy->higher_is_better = metric->higher_is_better;
  copy->percent = metric->percent;
  copy->has_target = metric->has_target;
  copy->target_value = metric->target_value;
  copy->target_year = metric->target_year;
  copy->target_source_id = g_strdup (renamed_source (source_ids, metric->target_source_id));
  copy->target_text = g_strdup (metric->target_text);
  copy->combine = metric->combine;
  copy->weight_id = g_strdup (metric->weight_id);
  for (guint i = 0; i < metric->notes->len; i++)
    {
      const RexSeriesNote *note = &g_array_index (metric->notes, RexSeriesNote, i);
      RexSeriesNote copy_note = { note->year, note->kind, g_strdup (note->text), g_strdup (note->text_zh) };

      g_array_append_val (copy->notes, copy_note);
    }
  return copy;
}

static RexRegion *
copy_region (RexRegion *region)
{
  RexRegion *copy = rex_region_new ();

  copy->id = g_strdup (region->id);
  copy->name = g_strdup (region->name);
  copy->name_zh = g_strdup (region->name_zh);
  copy->kind = region->kind;
  copy->cities = g_strdupv (region->cities);
  copy->tier = region->tier;
  if (region->seat != NULL)
    {
      copy->seat = g_new0 (RexPlace, 1);
      copy_place (copy->seat, region->seat);
    }
  copy->has_tile = region->has_tile;
  copy->tile_col = region->tile_col;
  copy->tile_row = region->tile_row;
  copy->source_id = g_strdup (region->source_id);
  return copy;
}

static RexTransportCircle *
copy_circle (RexTransportCircle *circle,
             RexDataset         *into,
             GHashTable         *source_ids)
{
  RexTransportCircle *copy = rex_transport_circle_new ();

  copy->id = g_strdup (circle->id);
  copy->name = g_strdup (circle->name);
  copy->name_zh = g_strdup (circle->name_zh);
  copy_place (&copy->hub, &circle->hub);
  if (circle->hub_region != NULL)
    copy->hub_region = g_object_ref (rex_dataset_lookup_region (into, circle->hub_region->id));
  copy->hours = circle->hours;
  copy->mode = g_strdup (circle->mode);
  for (guint i = 0; i < circle->members->len; i++)
    {
      RexPlace place;

      copy_place (&place, &g_array_index (circle->members, RexPlace, i));
      g_array_append_val (copy->members, place);
    }
  copy->radius_km = circle->radius_km;
  if (circle->cluster != NULL)
    copy->cluster = g_object_ref (rex_dataset_lookup_region (into, circle->cluster->id));
  copy->source_id = g_strdup (renamed_source (source_ids, circle->source_id));
  copy->note = g_strdup (circle->note);
  return copy;
}

static gboolean
same_unit (RexMetric *a,
           RexMetric *b)
{
  return g_strcmp0 (a->unit, b->unit) == 0
         || (a->unit_zh != NULL && g_strcmp0 (a->unit_zh, b->unit) == 0)
         || (b->unit_zh != NULL && g_strcmp0 (a->unit, b->unit_zh) == 0)
         || (a->unit_zh != NULL && g_strcmp0 (a->unit_zh, b->unit_zh) == 0);
}

static const char *
source_id_at (RexDataset *dataset,
              guint       index)
{
  RexSource *source = rex_dataset_get_source_at (dataset, index);

  return source != NULL ? source->id : "?";
}

/* @series (of the base, in the merged dataset's source indices) with what
 * @added (remapped) adds. */
static RexSeries *
merge_series (RexDataset     *merged,
              RexRegion      *region,
              RexSeries      *series,
              RexSeries      *added,
              RexMergePolicy  policy,
              GHashTable     *choices,
              GPtrArray      *conflicts)
{
  int lo = G_MAXINT, hi = G_MININT, a_lo, a_hi;
  RexSeries *result;
  const RexDatum *added_undated = rex_series_get_undated (added);

  if (rex_series_get_year_range (series, &a_lo, &a_hi))
    lo = a_lo, hi = a_hi;
  if (rex_series_get_year_range (added, &a_lo, &a_hi))
    lo = MIN (lo, a_lo), hi = MAX (hi, a_hi);
  result = lo <= hi ? rex_series_copy_range (series, lo, hi)
                    : rex_series_copy_range (series, REX_YEAR_MIN, REX_YEAR_MIN - 1);

  for (guint k = 0, n = lo <= hi ? (guint) (hi - lo + 1) : 0; k <= n; k++)
    {
      /* The last round is the undated value's. */
      gboolean is_undated = k == n;
      int year = is_undated ? 0 : lo + (int) k;
      const RexDatum *d = is_undated ? added_undated : rex_series_get_datum (added, year);
      const RexDatum *b;
      int key = is_undated ? 0 : year;

      if (d == NULL || (!is_undated && d == added_undated))
        continue;
      b = is_undated ? rex_series_get_undated (result) : rex_series_get_datum (result, year);
      if (!is_undated && b == rex_series_get_undated (result))
        b = NULL;

      if (b != NULL)
        {
          gboolean take;

          if (b->value == d->value)
            continue;
          if (b->status == REX_VALUE_STATUS_DERIVED && d->status != REX_VALUE_STATUS_DERIVED)
            take = TRUE;
          else if (d->status == REX_VALUE_STATUS_DERIVED)
            take = FALSE;
          else
            {
              RexMergeConflict *conflict = g_new0 (RexMergeConflict, 1);

              conflict->region_id = g_strdup (region->id);
              conflict->metric_id = g_strdup (rex_series_get_metric_id (series));
              conflict->year = key;
              conflict->base_value = b->value;
              conflict->new_value = d->value;
              conflict->base_source = g_strdup (source_id_at (merged, b->source));
              conflict->new_source = g_strdup (source_id_at (merged, d->source));
              g_autofree char *choice_key = g_strdup_printf ("%s\x1f%s\x1f%d", conflict->region_id,
                                                             conflict->metric_id, key);
              gpointer choice;

              if (choices != NULL && g_hash_table_lookup_extended (choices, choice_key, NULL, &choice))
                take = GPOINTER_TO_INT (choice);
              else
                take = policy == REX_MERGE_TAKE_NEW;
              conflict->take_new = take;
              g_ptr_array_add (conflicts, conflict);
            }
          if (!take)
            continue;
        }

      if (is_undated)
        rex_series_set_undated (result, d);
      else
        rex_series_set_datum (result, year, d);
      if (rex_series_get_note (added, key) != NULL && (is_undated || rex_series_get_datum (added, year) != added_undated))
        rex_series_set_note (result, key, rex_series_get_note (added, key));
      else
        rex_series_remove_note (result, key);
    }

  return result;
}

static GPtrArray *
items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));
  return array;
}

RexDataset *
rex_dataset_merge (RexDataset     *base,
                   RexDataset     *addition,
                   RexMergePolicy  policy,
                   GPtrArray     **conflicts,
                   GError        **error)
{
  return rex_dataset_merge_with_choices (base, addition, policy, NULL, conflicts, error);
}

/* The user's choices as "region\x1fmetric\x1fyear" → 1 (take the new
 * value) or 0. */
static GHashTable *
index_choices (GPtrArray *choices)
{
  GHashTable *chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < choices->len; i++)
    {
      const RexMergeConflict *c = choices->pdata[i];

      g_hash_table_insert (chosen, g_strdup_printf ("%s\x1f%s\x1f%d", c->region_id, c->metric_id, c->year),
                           GINT_TO_POINTER (c->take_new ? 1 : 0));
    }
  return chosen;
}

static const char *
name_or (RexDataset *dataset,
         const char *fallback)
{
  return dataset->file_name != NULL ? dataset->file_name : fallback;
}

/* Metrics and regions must mean the same in both, and the sources fit. */
static gboolean
check_mergeable (RexDataset  *base,
                 RexDataset  *addition,
                 GError     **error)
{
  g_autoptr(GPtrArray) added_metrics = items (G_LIST_MODEL (addition->metrics));
  g_autoptr(GPtrArray) added_regions = items (G_LIST_MODEL (addition->regions));
  guint n_sources = g_list_model_get_n_items (G_LIST_MODEL (base->sources))
                    + g_list_model_get_n_items (G_LIST_MODEL (addition->sources));

  for (guint i = 0; i < added_metrics->len; i++)
    {
      RexMetric *metric = added_metrics->pdata[i];
      RexMetric *other = rex_dataset_lookup_metric (base, metric->id);

      if (other != NULL && !same_unit (metric, other) && (metric->unit == NULL || *metric->unit == '\0'))
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID,
                       _("metric \"%s\" is in %s in %s, but %s gives no unit; give its unit "
                         "(%s, if its values are in it), or import it under another metric id"),
                       metric->id, other->unit, name_or (base, _("the base")),
                       name_or (addition, _("the addition")), other->unit);
          return FALSE;
        }
      if (other != NULL && !same_unit (metric, other))
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID,
                       _("metric \"%s\" is in %s in %s but in %s in %s; import it under another "
                         "metric id, or convert its values"), metric->id,
                       other->unit, name_or (base, _("the base")),
                       metric->unit, name_or (addition, _("the addition")));
          return FALSE;
        }
    }
  for (guint i = 0; i < added_regions->len; i++)
    {
      RexRegion *region = added_regions->pdata[i];
      RexRegion *other = rex_dataset_lookup_region (base, region->id);

      if (other != NULL && other->kind != region->kind)
        {
          g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID,
                       _("region \"%s\" is a %s in %s but a %s in %s"), region->id,
                       rex_region_kind_to_string (other->kind), name_or (base, _("the base")),
                       rex_region_kind_to_string (region->kind), name_or (addition, _("the addition")));
          return FALSE;
        }
    }
  if (n_sources > REX_DATASET_MAX_SOURCES)
    {
      g_set_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE,
                   _("the merged dataset would cite %u sources; the limit is %d"),
                   n_sources, REX_DATASET_MAX_SOURCES);
      return FALSE;
    }
  return TRUE;
}

static RexDataset *
new_merged (RexDataset *base,
            RexDataset *addition)
{
  RexDataset *merged = rex_dataset_new ();
  g_autofree char *checksums = NULL;

  merged->title = g_strdup (base->title);
  merged->title_zh = g_strdup (base->title_zh);
  merged->description = g_strdup (base->description);
  merged->description_zh = g_strdup (base->description_zh);
  merged->file_name = g_strdup (base->file_name);
  checksums = g_strconcat (rex_dataset_get_checksum (base) != NULL ? rex_dataset_get_checksum (base) : "", "+",
                           rex_dataset_get_checksum (addition) != NULL ? rex_dataset_get_checksum (addition) : "",
                           NULL);
  merged->checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, checksums, -1);
  return merged;
}

/* Sources: the base's in its order (so its series keep their indices),
 * then the addition's, the same source once, another under a new id
 * (recorded in @source_ids). Returns the merged index of each of the
 * addition's sources. */
static guint16 *
merge_sources (RexDataset *merged,
               GPtrArray  *base_sources,
               GPtrArray  *added_sources,
               GHashTable *source_ids)
{
  guint16 *source_map = g_new0 (guint16, MAX (added_sources->len, 1));

  for (guint i = 0; i < base_sources->len; i++)
    {
      g_autoptr(RexSource) copy = copy_source (base_sources->pdata[i], ((RexSource *) base_sources->pdata[i])->id);

      rex_dataset_add_source (merged, copy);
    }
  for (guint i = 0; i < added_sources->len; i++)
    {
      RexSource *source = added_sources->pdata[i];
      RexSource *same = rex_dataset_lookup_source (merged, source->id);
      g_autofree char *id = g_strdup (source->id);
      g_autoptr(RexSource) copy = NULL;

      if (same != NULL && g_strcmp0 (same->publisher, source->publisher) == 0
          && g_strcmp0 (same->title, source->title) == 0 && g_strcmp0 (same->date, source->date) == 0)
        {
          guint index = 0;

          g_ptr_array_find (merged->source_index, same, &index);
          source_map[i] = index;
          continue;
        }
      for (guint n = 2; rex_dataset_lookup_source (merged, id) != NULL; n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", source->id, n);
        }
      if (!g_str_equal (id, source->id))
        g_hash_table_insert (source_ids, source->id, g_strdup (id));
      copy = copy_source (source, id);
      rex_dataset_add_source (merged, copy);
      source_map[i] = merged->source_index->len - 1;
    }
  return source_map;
}

static void
merge_metrics (RexDataset *merged,
               RexDataset *base,
               RexDataset *addition,
               GHashTable *source_ids)
{
  g_autoptr(GPtrArray) base_metrics = items (G_LIST_MODEL (base->metrics));
  g_autoptr(GPtrArray) added_metrics = items (G_LIST_MODEL (addition->metrics));

  for (guint i = 0; i < base_metrics->len; i++)
    {
      g_autoptr(RexMetric) copy = copy_metric (base_metrics->pdata[i], NULL);

      rex_dataset_add_metric (merged, copy);
    }
  for (guint i = 0; i < added_metrics->len; i++)
    {
      g_autoptr(RexMetric) copy = copy_metric (added_metrics->pdata[i], source_ids);

      rex_dataset_add_metric (merged, copy);
    }
}

/* A region's parent and members, by id, in the merged dataset. */
static void
link_region (RexDataset *merged,
             RexRegion  *region)
{
  RexRegion *copy = rex_dataset_lookup_region (merged, region->id);

  if (copy->parent == NULL && region->parent != NULL)
    {
      RexRegion *parent = rex_dataset_lookup_region (merged, region->parent->id);
      RexRegion *up = parent;
      guint depth = 0;

      /* Never a cycle: the parent must not lie below the region. */
      while (up != NULL && up != copy && depth++ < 64)
        up = up->parent;
      if (up == NULL)
        copy->parent = g_object_ref (parent);
    }
  for (guint j = 0; j < region->members->len; j++)
    rex_region_link_member (copy, rex_dataset_lookup_region (merged, ((RexRegion *) region->members->pdata[j])->id));
}

/* Regions: copies (the base's first), then their links by id. */
static void
merge_regions (RexDataset *merged,
               GPtrArray  *base_regions,
               GPtrArray  *added_regions)
{
  GPtrArray *both[] = { base_regions, added_regions };

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < both[pass]->len; i++)
      {
        g_autoptr(RexRegion) copy = NULL;

        if (rex_dataset_lookup_region (merged, ((RexRegion *) both[pass]->pdata[i])->id) != NULL)
          continue;
        copy = copy_region (both[pass]->pdata[i]);
        rex_dataset_add_region (merged, copy);
      }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < both[pass]->len; i++)
      link_region (merged, both[pass]->pdata[i]);
}

/* The addition's series of @region, onto its copy: new ones as they are,
 * others merged with the base's, value by value. */
static void
merge_added_series (RexDataset     *merged,
                    RexRegion      *region,
                    const guint16  *source_map,
                    guint           n_sources,
                    RexMergePolicy  policy,
                    GHashTable     *chosen,
                    GPtrArray      *conflicts)
{
  RexRegion *copy = rex_dataset_lookup_region (merged, region->id);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, region->series);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RexSeries *series = value;
      RexSeries *existing = g_hash_table_lookup (copy->series, rex_series_get_metric_id (series));
      int lo, hi;
      g_autoptr(RexSeries) remapped = NULL;
      g_autoptr(RexSeries) result = NULL;

      remapped = rex_series_get_year_range (series, &lo, &hi)
                 ? rex_series_copy_range (series, lo, hi)
                 : rex_series_copy_range (series, REX_YEAR_MIN, REX_YEAR_MIN - 1);
      rex_series_remap_sources (remapped, source_map, n_sources);

      if (existing == NULL)
        rex_region_add_series (copy, remapped);
      else
        {
          result = merge_series (merged, copy, existing, remapped, policy, chosen, conflicts);
          rex_region_add_series (copy, result);
        }
    }
}

static void
merge_series_of_regions (RexDataset     *merged,
                         GPtrArray      *base_regions,
                         GPtrArray      *added_regions,
                         const guint16  *source_map,
                         guint           n_sources,
                         RexMergePolicy  policy,
                         GHashTable     *chosen,
                         GPtrArray      *conflicts)
{
  for (guint i = 0; i < base_regions->len; i++)
    {
      RexRegion *region = base_regions->pdata[i];
      RexRegion *copy = rex_dataset_lookup_region (merged, region->id);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, region->series);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        rex_region_add_series (copy, value);
    }
  for (guint i = 0; i < added_regions->len; i++)
    merge_added_series (merged, added_regions->pdata[i], source_map, n_sources, policy, chosen, conflicts);
}

/* Transport circles and headlines: the base's, then the addition's whose
 * ids are new. */
static void
merge_circles_and_headlines (RexDataset *merged,
                             RexDataset *base,
                             RexDataset *addition,
                             GHashTable *source_ids)
{
  RexDataset *both[] = { base, addition };

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) circles = items (G_LIST_MODEL (both[pass]->circles));

      for (guint i = 0; i < circles->len; i++)
        {
          RexTransportCircle *circle = circles->pdata[i];
          g_autoptr(RexTransportCircle) copy = NULL;

          if (rex_dataset_lookup_transport_circle (merged, circle->id) != NULL)
            continue;
          copy = copy_circle (circle, merged, pass == 0 ? NULL : source_ids);
          g_list_store_append (merged->circles, copy);
          g_hash_table_insert (merged->circles_by_id, copy->id, copy);
        }
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *headlines = both[pass]->headlines;

      for (guint i = 0; i < headlines->len; i++)
        {
          const RexHeadline *h = &g_array_index (headlines, RexHeadline, i);
          RexHeadline copy = { g_strdup (h->id), g_strdup (h->label), g_strdup (h->label_zh),
                               g_strdup (h->region_id), g_strdup (h->metric_id), h->year };
          gboolean taken = FALSE;

          for (guint j = 0; j < merged->headlines->len && !taken; j++)
            taken = g_str_equal (g_array_index (merged->headlines, RexHeadline, j).id, h->id);
          if (taken)
            rex_headline_clear (&copy);
          else
            g_array_append_val (merged->headlines, copy);
        }
    }
}

RexDataset *
rex_dataset_merge_with_choices (RexDataset     *base,
                                RexDataset     *addition,
                                RexMergePolicy  policy,
                                GPtrArray      *choices,
                                GPtrArray     **conflicts_out,
                                GError        **error)
{
  g_autoptr(GHashTable) chosen = NULL;
  g_autoptr(RexDataset) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) base_sources = NULL, added_sources = NULL;
  g_autoptr(GPtrArray) base_regions = NULL, added_regions = NULL;
  g_autoptr(GHashTable) source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree guint16 *source_map = NULL;

  g_return_val_if_fail (REX_IS_DATASET (base), NULL);
  g_return_val_if_fail (REX_IS_DATASET (addition), NULL);

  if (!check_mergeable (base, addition, error))
    return NULL;

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_merge_conflict_free);
  if (choices != NULL)
    chosen = index_choices (choices);
  base_sources = items (G_LIST_MODEL (base->sources));
  added_sources = items (G_LIST_MODEL (addition->sources));
  base_regions = items (G_LIST_MODEL (base->regions));
  added_regions = items (G_LIST_MODEL (addition->regions));

  merged = new_merged (base, addition);
  source_map = merge_sources (merged, base_sources, added_sources, source_ids);
  merge_metrics (merged, base, addition, source_ids);
  merge_regions (merged, base_regions, added_regions);
  merge_series_of_regions (merged, base_regions, added_regions, source_map, added_sources->len,
                           policy, chosen, conflicts);
  merge_circles_and_headlines (merged, base, addition, source_ids);

  rex_dataset_apply_registry (merged, FALSE);
  rex_dataset_derive (merged);
  rex_dataset_collect_years (merged);

  if (conflicts_out != NULL)
    *conflicts_out = g_steal_pointer (&conflicts);
  return g_steal_pointer (&merged);
}
