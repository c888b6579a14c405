/* rex-dataset.c — a loaded dataset: the lists the views bind to and the
 * look-ups by id the charts use. Loading and validation live in
 * rex-dataset-loader.c, which builds datasets with what is here and is not
 * called from here; once built, a dataset is never modified.
 */
#include "config.h"

#include "rex-model-private.h"

G_DEFINE_FINAL_TYPE (RexDataset, rex_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_TITLE_ZH,
  PROP_DISPLAY_TITLE,
  PROP_DESCRIPTION,
  PROP_FILE_NAME,
  PROP_CHECKSUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
rex_headline_clear (RexHeadline *headline)
{
  g_clear_pointer (&headline->id, g_free);
  g_clear_pointer (&headline->label, g_free);
  g_clear_pointer (&headline->label_zh, g_free);
  g_clear_pointer (&headline->region_id, g_free);
  g_clear_pointer (&headline->metric_id, g_free);
}

static void
rex_dataset_dispose (GObject *object)
{
  RexDataset *self = (RexDataset *) object;

  /* Regions reference each other; break those cycles so that they are
   * freed with the store that owns them. */
  if (self->regions != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->regions));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RexRegion) region = g_list_model_get_item (G_LIST_MODEL (self->regions), i);

          rex_region_clear_links (region);
        }
    }

  g_clear_pointer (&self->sources_by_id, g_hash_table_unref);
  g_clear_pointer (&self->metrics_by_id, g_hash_table_unref);
  g_clear_pointer (&self->regions_by_id, g_hash_table_unref);
  g_clear_pointer (&self->circles_by_id, g_hash_table_unref);
  g_clear_pointer (&self->source_index, g_ptr_array_unref);
  g_clear_object (&self->sources);
  g_clear_object (&self->metrics);
  g_clear_object (&self->regions);
  g_clear_object (&self->circles);

  G_OBJECT_CLASS (rex_dataset_parent_class)->dispose (object);
}

static void
rex_dataset_finalize (GObject *object)
{
  RexDataset *self = (RexDataset *) object;

  g_free (self->title);
  g_free (self->title_zh);
  g_free (self->description);
  g_free (self->description_zh);
  g_free (self->file_name);
  g_free (self->checksum);
  g_clear_pointer (&self->checksum_source, g_bytes_unref);
  g_mutex_clear (&self->checksum_lock);
  g_clear_pointer (&self->years_by_metric, g_hash_table_unref);
  g_clear_pointer (&self->headlines, g_array_unref);

  G_OBJECT_CLASS (rex_dataset_parent_class)->finalize (object);
}

static void
rex_dataset_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RexDataset *self = REX_DATASET (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TITLE_ZH:
      g_value_set_string (value, self->title_zh);
      break;
    case PROP_DISPLAY_TITLE:
      g_value_set_string (value, rex_dataset_get_display_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_CHECKSUM:
      g_value_set_string (value, rex_dataset_get_checksum (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_dataset_class_init (RexDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rex_dataset_dispose;
  object_class->finalize = rex_dataset_finalize;
  object_class->get_property = rex_dataset_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_TITLE_ZH] = g_param_spec_string ("title-zh", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_TITLE] = g_param_spec_string ("display-title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, flags);
  properties[PROP_CHECKSUM] = g_param_spec_string ("checksum", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_dataset_init (RexDataset *self)
{
  self->sources = g_list_store_new (REX_TYPE_SOURCE);
  self->metrics = g_list_store_new (REX_TYPE_METRIC);
  self->regions = g_list_store_new (REX_TYPE_REGION);
  self->circles = g_list_store_new (REX_TYPE_TRANSPORT_CIRCLE);
  self->source_index = g_ptr_array_new ();
  self->sources_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->metrics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->regions_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->circles_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->years_by_metric = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 g_free, (GDestroyNotify) g_array_unref);
  g_mutex_init (&self->checksum_lock);
  self->headlines = g_array_new (FALSE, TRUE, sizeof (RexHeadline));
  g_array_set_clear_func (self->headlines, (GDestroyNotify) rex_headline_clear);
}

RexDataset *
rex_dataset_new (void)
{
  return g_object_new (REX_TYPE_DATASET, NULL);
}

const char *
rex_dataset_get_title (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return self->title;
}

const char *
rex_dataset_get_title_zh (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return self->title_zh;
}

const char *
rex_dataset_get_display_title (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return rex_pick_localized (self->title, self->title_zh);
}

const char *
rex_dataset_get_description (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return self->description;
}

const char *
rex_dataset_get_description_zh (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return self->description_zh;
}

const char *
rex_dataset_get_display_description (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return rex_pick_localized (self->description, self->description_zh);
}

const char *
rex_dataset_get_file_name (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return self->file_name;
}

const char *
rex_dataset_get_checksum (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  /* Datasets are shared between threads: the first to ask computes it. */
  g_mutex_lock (&self->checksum_lock);
  if (self->checksum == NULL && self->checksum_source != NULL)
    self->checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->checksum_source);
  g_mutex_unlock (&self->checksum_lock);

  return self->checksum;
}

GListModel *
rex_dataset_get_sources (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->sources);
}

GListModel *
rex_dataset_get_metrics (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->metrics);
}

GListModel *
rex_dataset_get_regions (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->regions);
}

GListModel *
rex_dataset_get_transport_circles (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->circles);
}

RexSource *
rex_dataset_lookup_source (RexDataset *self,
                           const char *id)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->sources_by_id, id);
}

RexSource *
rex_dataset_get_source_at (RexDataset *self,
                           guint       index)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  if (index >= self->source_index->len)
    return NULL;

  return g_ptr_array_index (self->source_index, index);
}

RexMetric *
rex_dataset_lookup_metric (RexDataset *self,
                           const char *id)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->metrics_by_id, id);
}

RexRegion *
rex_dataset_lookup_region (RexDataset *self,
                           const char *id)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->regions_by_id, id);
}

RexTransportCircle *
rex_dataset_lookup_transport_circle (RexDataset *self,
                                     const char *id)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->circles_by_id, id);
}

GPtrArray *
rex_dataset_get_regions_of_kind (RexDataset    *self,
                                 RexRegionKind  kind)
{
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  result = g_ptr_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->regions));
  for (guint i = 0; i < n; i++)
    {
      /* The store holds a reference for as long as the dataset lives, so
       * the borrowed pointer in the result stays valid. */
      RexRegion *region = g_list_model_get_item (G_LIST_MODEL (self->regions), i);

      if (region->kind == kind)
        g_ptr_array_add (result, region);
      g_object_unref (region);
    }

  return result;
}

gboolean
rex_dataset_kind_has_metric (RexDataset    *self,
                             RexRegionKind  kind,
                             const char    *metric_id)
{
  g_autoptr(GPtrArray) regions = NULL;

  g_return_val_if_fail (REX_IS_DATASET (self), FALSE);
  g_return_val_if_fail (metric_id != NULL, FALSE);

  regions = rex_dataset_get_regions_of_kind (self, kind);
  for (guint i = 0; i < regions->len; i++)
    if (rex_region_get_series (regions->pdata[i], metric_id) != NULL)
      return TRUE;
  return FALSE;
}

RexRegionKind
rex_dataset_choose_kind (RexDataset *self,
                         const char *metric_id)
{
  g_return_val_if_fail (REX_IS_DATASET (self), REX_REGION_KIND_PROVINCE);

  if (metric_id == NULL || rex_dataset_kind_has_metric (self, REX_REGION_KIND_PROVINCE, metric_id))
    return REX_REGION_KIND_PROVINCE;
  for (RexRegionKind kind = REX_REGION_KIND_MACRO_REGION; kind < REX_REGION_KIND_LAST; kind++)
    if (rex_dataset_kind_has_metric (self, kind, metric_id))
      return kind;
  return REX_REGION_KIND_PROVINCE;
}

gboolean
rex_dataset_get_year_range (RexDataset *self,
                            const char *metric_id,
                            int        *first,
                            int        *last)
{
  GArray *years;

  g_return_val_if_fail (REX_IS_DATASET (self), FALSE);
  g_return_val_if_fail (metric_id != NULL, FALSE);

  years = g_hash_table_lookup (self->years_by_metric, metric_id);
  if (years == NULL || years->len == 0)
    return FALSE;

  if (first != NULL)
    *first = g_array_index (years, int, 0);
  if (last != NULL)
    *last = g_array_index (years, int, years->len - 1);

  return TRUE;
}

GArray *
rex_dataset_get_years (RexDataset *self,
                       const char *metric_id)
{
  GArray *years;
  GArray *copy;

  g_return_val_if_fail (REX_IS_DATASET (self), NULL);
  g_return_val_if_fail (metric_id != NULL, NULL);

  copy = g_array_new (FALSE, FALSE, sizeof (int));
  years = g_hash_table_lookup (self->years_by_metric, metric_id);
  if (years != NULL)
    g_array_append_vals (copy, years->data, years->len);

  return copy;
}

RexSource *
rex_dataset_get_value_source (RexDataset *self,
                              RexRegion  *region,
                              const char *metric_id,
                              int         year)
{
  RexSeries *series;
  const RexDatum *datum;

  g_return_val_if_fail (REX_IS_DATASET (self), NULL);
  g_return_val_if_fail (REX_IS_REGION (region), NULL);
  g_return_val_if_fail (metric_id != NULL, NULL);

  series = rex_region_get_series (region, metric_id);
  if (series == NULL)
    return NULL;

  datum = rex_series_get_datum (series, year);
  if (datum == NULL)
    return NULL;

  return rex_dataset_get_source_at (self, datum->source);
}

GArray *
rex_dataset_get_headlines (RexDataset *self)
{
  g_return_val_if_fail (REX_IS_DATASET (self), NULL);

  return self->headlines;
}

void
rex_dataset_foreach_series (RexDataset    *self,
                            RexSeriesFunc  func,
                            gpointer       user_data)
{
  GListModel *regions, *metrics;

  g_return_if_fail (REX_IS_DATASET (self));
  g_return_if_fail (func != NULL);

  regions = rex_dataset_get_regions (self);
  metrics = rex_dataset_get_metrics (self);
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);

      for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
        {
          g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, m);
          RexSeries *series = rex_region_get_series (region, rex_metric_get_id (metric));

          if (series != NULL)
            func (region, metric, series, user_data);
        }
    }
}

static void
count_series_values (RexRegion *region,
                     RexMetric *metric,
                     RexSeries *series,
                     gpointer   user_data)
{
  *(guint *) user_data += rex_series_get_n_values (series) + (rex_series_get_undated (series) != NULL);
}

guint
rex_dataset_count_values (RexDataset *self)
{
  guint n = 0;

  g_return_val_if_fail (REX_IS_DATASET (self), 0);

  rex_dataset_foreach_series (self, count_series_values, &n);
  return n;
}
