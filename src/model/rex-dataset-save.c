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

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

/* Starts member @name of an object, on a line of its own after @indent;
 * *@first says whether a comma must end the member before it. */
static void
member_key (GString    *out,
            const char *indent,
            const char *name,
            gboolean   *first)
{
  g_string_append_printf (out, "%s\n%s\"%s\": ", *first ? "" : ",", indent, name);
  *first = FALSE;
}

/* Nothing for a NULL @value. */
static void
member_string (GString    *out,
               const char *indent,
               const char *name,
               const char *value,
               gboolean   *first)
{
  if (value == NULL)
    return;
  member_key (out, indent, name, first);
  append_string (out, value);
}

static void
member_number (GString    *out,
               const char *indent,
               const char *name,
               double      value,
               gboolean   *first)
{
  member_key (out, indent, name, first);
  append_number (out, value);
}

static void
member_raw (GString    *out,
            const char *indent,
            const char *name,
            const char *raw,
            gboolean   *first)
{
  member_key (out, indent, name, first);
  g_string_append (out, raw);
}

/* "id", "name" and "name_zh": how regions, metrics and circles begin. */
static void
member_names (GString    *out,
              const char *indent,
              const char *id,
              const char *name,
              const char *name_zh,
              gboolean   *first)
{
  member_string (out, indent, "id", id, first);
  member_string (out, indent, "name", name, first);
  member_string (out, indent, "name_zh", name_zh, first);
}

/* A one-line array of @n strings: [ "a", "b" ]. */
static void
member_strings (GString            *out,
                const char         *indent,
                const char         *name,
                const char * const *strings,
                guint               n,
                gboolean           *first)
{
  member_key (out, indent, name, first);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, i > 0 ? ", " : " ");
      append_string (out, strings[i]);
    }
  g_string_append (out, " ]");
}

static void
append_place (GString        *out,
              const RexPlace *place)
{
  g_string_append (out, "{ \"name\": ");
  append_string (out, place->name != NULL ? place->name : "");
  if (place->name_zh != NULL)
    {
      g_string_append (out, ", \"name_zh\": ");
      append_string (out, place->name_zh);
    }
  g_string_append (out, ", \"lon\": ");
  append_number (out, place->lon);
  g_string_append (out, ", \"lat\": ");
  append_number (out, place->lat);
  g_string_append (out, " }");
}


/* One value: a plain number when it has the series' source and nothing
 * else to say, else an object. */
static void
append_value (GString        *out,
              RexDataset     *self,
              const RexDatum *datum,
              const char     *note,
              guint           default_source)
{
  RexSource *source;

  if (datum->source == default_source && datum->qualifier == REX_QUALIFIER_EXACT
      && datum->status == REX_VALUE_STATUS_FINAL && note == NULL)
    {
      append_number (out, datum->value);
      return;
    }

  g_string_append (out, "{ \"value\": ");
  append_number (out, datum->value);
  source = rex_dataset_get_source_at (self, datum->source);
  if (datum->source != default_source && source != NULL)
    {
      g_string_append (out, ", \"source\": ");
      append_string (out, source->id);
    }
  if (datum->qualifier != REX_QUALIFIER_EXACT)
    g_string_append_printf (out, ", \"qualifier\": \"%s\"",
                            rex_enum_to_nick (REX_TYPE_QUALIFIER, datum->qualifier));
  if (datum->status != REX_VALUE_STATUS_FINAL)
    g_string_append_printf (out, ", \"status\": \"%s\"",
                            rex_enum_to_nick (REX_TYPE_VALUE_STATUS, datum->status));
  if (note != NULL)
    {
      g_string_append (out, ", \"note\": ");
      append_string (out, note);
    }
  g_string_append (out, " }");
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

static void
append_region (GString    *out,
               RexDataset *self,
               gpointer    item)
{
  RexRegion *region = item;
  const char *indent = "      ";
  gboolean first = TRUE;
  guint n_metrics = g_list_model_get_n_items (G_LIST_MODEL (self->metrics));
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);

  g_string_append (out, "    {");
  member_names (out, indent, region->id, region->name, region->name_zh, &first);
  member_string (out, indent, "kind", rex_region_kind_to_string (region->kind), &first);
  if (region->parent != NULL)
    member_string (out, indent, "parent", region->parent->id, &first);
  if (region->members->len > 0)
    {
      g_autofree const char **ids = g_new (const char *, region->members->len);

      for (guint i = 0; i < region->members->len; i++)
        ids[i] = ((RexRegion *) region->members->pdata[i])->id;
      member_strings (out, indent, "members", ids, region->members->len, &first);
    }
  if (region->cities != NULL)
    member_strings (out, indent, "cities", (const char * const *) region->cities,
                    g_strv_length (region->cities), &first);
  if (region->tier > 0)
    member_number (out, indent, "tier", region->tier, &first);
  if (region->seat != NULL)
    {
      member_key (out, indent, "seat", &first);
      append_place (out, region->seat);
    }
  if (region->has_tile)
    {
      g_autofree char *tile = g_strdup_printf ("{ \"col\": %d, \"row\": %d }",
                                               region->tile_col, region->tile_row);

      member_raw (out, indent, "tile", tile, &first);
    }
  member_string (out, indent, "source", region->source_id, &first);

  /* In the order of the metrics, so that saving twice gives the same file. */
  for (guint m = 0; m < n_metrics; m++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (G_LIST_MODEL (self->metrics), m);
      RexSeries *series = g_hash_table_lookup (region->series, metric->id);
      RexSource *metric_source;
      const RexDatum *undated;
      guint default_source;
      gboolean first_year = TRUE;
      int lo, hi;

      if (series == NULL)
        continue;

      default_source = series_default_source (series);
      metric_source = metric->source_id != NULL ? rex_dataset_lookup_source (self, metric->source_id) : NULL;
      if (metric_source == NULL || rex_dataset_get_source_at (self, default_source) != metric_source)
        {
          RexSource *source = rex_dataset_get_source_at (self, default_source);

          if (source != NULL)
            {
              g_string_append_printf (sources, "%s\n        ", sources->len > 0 ? "," : "");
              append_string (sources, metric->id);
              g_string_append (sources, ": ");
              append_string (sources, source->id);
            }
        }

      g_string_append_printf (values, "%s\n        ", values->len > 0 ? "," : "");
      append_string (values, metric->id);
      g_string_append (values, ": {");
      undated = rex_series_get_undated (series);
      if (rex_series_get_year_range (series, &lo, &hi))
        for (int year = lo; year <= hi; year++)
          {
            const RexDatum *datum = rex_series_get_datum (series, year);

            if (datum == NULL || datum == undated)
              continue;
            g_string_append_printf (values, "%s\"%04d\": ", first_year ? " " : ", ", year);
            append_value (values, self, datum, rex_series_get_note (series, year), default_source);
            first_year = FALSE;
          }
      if (undated != NULL)
        {
          g_string_append_printf (values, "%s\"undated\": ", first_year ? " " : ", ");
          append_value (values, self, undated, rex_series_get_note (series, 0), default_source);
        }
      g_string_append (values, " }");
    }

  if (sources->len > 0)
    {
      g_string_append_printf (out, ",\n%s\"sources\": {%s\n%s}", indent, sources->str, indent);
    }
  if (values->len > 0)
    {
      g_string_append_printf (out, ",\n%s\"values\": {%s\n%s}", indent, values->str, indent);
    }
  g_string_append (out, "\n    }");
}

static void
append_metric (GString    *out,
               RexDataset *self,
               gpointer    item)
{
  RexMetric *metric = item;
  const char *indent = "      ";
  gboolean first = TRUE;

  g_string_append (out, "    {");
  member_names (out, indent, metric->id, metric->name, metric->name_zh, &first);
  member_string (out, indent, "unit", metric->unit != NULL ? metric->unit : "", &first);
  member_string (out, indent, "unit_zh", metric->unit_zh, &first);
  member_string (out, indent, "description", metric->description, &first);
  member_string (out, indent, "source", metric->source_id, &first);
  if (!metric->higher_is_better)
    member_raw (out, indent, "higher_is_better", "false", &first);
  if (metric->decimals >= 0)
    member_number (out, indent, "decimals", metric->decimals, &first);
  if (metric->percent)
    member_raw (out, indent, "percent", "true", &first);
  /* A mean weighted by a metric this dataset lacks (an imported table
   * meant to be merged with one that has it) cannot be written: the file
   * would not load. */
  if (metric->combine != REX_COMBINE_NONE
      && (metric->weight_id == NULL || rex_dataset_lookup_metric (self, metric->weight_id) != NULL))
    {
      member_string (out, indent, "combine", rex_combine_to_string (metric->combine), &first);
      member_string (out, indent, "weight", metric->weight_id, &first);
    }
  if (metric->has_target)
    {
      g_string_append_printf (out, ",\n%s\"target\": { \"value\": ", indent);
      append_number (out, metric->target_value);
      g_string_append_printf (out, ", \"year\": %d, \"source\": ", metric->target_year);
      append_string (out, metric->target_source_id != NULL ? metric->target_source_id : "");
      if (metric->target_text != NULL)
        {
          g_string_append (out, ", \"text\": ");
          append_string (out, metric->target_text);
        }
      g_string_append (out, " }");
    }
  if (metric->notes->len > 0)
    {
      g_string_append_printf (out, ",\n%s\"notes\": [", indent);
      for (guint i = 0; i < metric->notes->len; i++)
        {
          const RexSeriesNote *note = &g_array_index (metric->notes, RexSeriesNote, i);

          g_string_append_printf (out, "%s\n%s  { \"year\": %d, \"kind\": \"%s\", \"text\": ",
                                  i > 0 ? "," : "", indent, note->year, rex_enum_to_nick (REX_TYPE_NOTE_KIND, note->kind));
          append_string (out, note->text);
          if (note->text_zh != NULL)
            {
              g_string_append (out, ", \"text_zh\": ");
              append_string (out, note->text_zh);
            }
          g_string_append (out, " }");
        }
      g_string_append_printf (out, "\n%s]", indent);
    }
  g_string_append (out, "\n    }");
}

static void
append_source (GString    *out,
               RexDataset *self,
               gpointer    item)
{
  RexSource *source = item;
  const char *indent = "      ";
  gboolean first = TRUE;

  g_string_append (out, "    {");
  member_string (out, indent, "id", source->id, &first);
  member_string (out, indent, "publisher", source->publisher != NULL ? source->publisher : "", &first);
  member_string (out, indent, "publisher_zh", source->publisher_zh, &first);
  member_string (out, indent, "title", source->title != NULL ? source->title : "", &first);
  member_string (out, indent, "title_zh", source->title_zh, &first);
  member_string (out, indent, "date", source->date, &first);
  member_string (out, indent, "url", source->url, &first);
  member_string (out, indent, "via", source->via, &first);
  member_string (out, indent, "note", source->note, &first);
  g_string_append (out, "\n    }");
}

static void
append_circle (GString    *out,
               RexDataset *self,
               gpointer    item)
{
  RexTransportCircle *circle = item;
  const char *indent = "      ";
  gboolean first = TRUE;

  g_string_append (out, "    {");
  member_names (out, indent, circle->id, circle->name, circle->name_zh, &first);
  member_key (out, indent, "hub", &first);
  append_place (out, &circle->hub);
  if (circle->hub_region != NULL)
    member_string (out, indent, "hub_region", circle->hub_region->id, &first);
  member_number (out, indent, "hours", circle->hours, &first);
  member_string (out, indent, "mode", circle->mode != NULL ? circle->mode : "", &first);
  if (circle->members->len > 0)
    {
      g_string_append_printf (out, ",\n%s\"members\": [", indent);
      for (guint i = 0; i < circle->members->len; i++)
        {
          g_string_append_printf (out, "%s\n%s  ", i > 0 ? "," : "", indent);
          append_place (out, &g_array_index (circle->members, RexPlace, i));
        }
      g_string_append_printf (out, "\n%s]", indent);
    }
  if (!isnan (circle->radius_km))
    member_number (out, indent, "radius_km", circle->radius_km, &first);
  if (circle->cluster != NULL)
    member_string (out, indent, "cluster", circle->cluster->id, &first);
  member_string (out, indent, "source", circle->source_id, &first);
  member_string (out, indent, "note", circle->note, &first);
  g_string_append (out, "\n    }");
}

typedef void (*AppendFunc) (GString    *out,
                            RexDataset *self,
                            gpointer    item);

static void
append_list (GString    *out,
             RexDataset *self,
             const char *name,
             GListModel *model,
             AppendFunc  append)
{
  guint n = g_list_model_get_n_items (model);

  g_string_append_printf (out, ",\n  \"%s\": [", name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_string_append (out, i > 0 ? ",\n" : "\n");
      append (out, self, item);
    }
  g_string_append (out, n > 0 ? "\n  ]" : "]");
}


GBytes *
rex_dataset_save_to_bytes (RexDataset *self)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  out = g_string_sized_new (64 * 1024);
  g_string_append (out, "{");
  member_string (out, "  ", "schema", REX_DATASET_SCHEMA, &first);
  member_string (out, "  ", "title", self->title != NULL ? self->title : "", &first);
  member_string (out, "  ", "title_zh", self->title_zh, &first);
  member_string (out, "  ", "description", self->description, &first);
  member_string (out, "  ", "description_zh", self->description_zh, &first);
  append_list (out, self, "sources", G_LIST_MODEL (self->sources), append_source);
  append_list (out, self, "metrics", G_LIST_MODEL (self->metrics), append_metric);
  append_list (out, self, "regions", G_LIST_MODEL (self->regions), append_region);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->circles)) > 0)
    append_list (out, self, "transport_circles", G_LIST_MODEL (self->circles), append_circle);
  if (self->headlines->len > 0)
    {
      g_string_append (out, ",\n  \"headlines\": [");
      for (guint i = 0; i < self->headlines->len; i++)
        {
          const RexHeadline *h = &g_array_index (self->headlines, RexHeadline, i);

          g_string_append (out, i > 0 ? ",\n    { \"id\": " : "\n    { \"id\": ");
          append_string (out, h->id);
          g_string_append (out, ", \"label\": ");
          append_string (out, h->label);
          if (h->label_zh != NULL)
            {
              g_string_append (out, ", \"label_zh\": ");
              append_string (out, h->label_zh);
            }
          g_string_append (out, ", \"region\": ");
          append_string (out, h->region_id);
          g_string_append (out, ", \"metric\": ");
          append_string (out, h->metric_id);
          g_string_append_printf (out, ", \"year\": %d }", h->year);
        }
      g_string_append (out, "\n  ]");
    }
  g_string_append (out, "\n}\n");

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
  append_number (out, conflict->base_value);
  g_string_append_printf (out, " (%s) in the base, ", conflict->base_source);
  append_number (out, conflict->new_value);
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
