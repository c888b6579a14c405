/* rex-chart.c — the chart object: prepares data through the kind's vtable,
 * lays out the frame (title, subtitle, legend, plot, source line) once per
 * size and style, draws, and answers hit tests.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "rex-chart-private.h"
#include "rex-value-format.h"

struct _RexChart
{
  GObject                  parent_instance;

  RexDataset              *dataset;
  RexChartSpec            *spec;
  const RexChartKindImpl  *impl;
  gpointer                 data;

  char                    *title;
  char                    *subtitle;
  char                    *empty_message;
  GPtrArray               *sources;        /* RexSource*, in order of first use */

  /* The colour key of colour-by, found once: the spec of a chart never
   * changes, and looking groups up per mark made colouring thousands of
   * regions quadratic. */
  GArray                  *color_key;      /* RexColorKeyEntry */
  GPtrArray               *key_groups;     /* RexRegion*: the group of each coloured entry */
  GPtrArray               *all_groups;     /* RexRegion*: every group of the colour-by kind */
  GHashTable              *color_index;    /* RexRegion* → key entry + 1 */

  /* How the data was prepared to write numbers: the style's number
   * format, which the kinds read through rex_chart_get_number_format(). */
  RexNumberFormat          number_format;

  /* The page drawn of a chart printed on pages (from 1); 0 for a picture. */
  guint                    page;

  /* Layout cache: valid while size and style are unchanged. */
  gboolean                 laid_out;
  RexChartStyle           *laid_style;
  RexChartFrame            frame;
  GArray                  *items;          /* RexChartItem */
  PangoLayout             *title_layout;
  PangoLayout             *subtitle_layout;
  PangoLayout             *footer_layout;
};

G_DEFINE_FINAL_TYPE (RexChart, rex_chart, G_TYPE_OBJECT)

G_DEFINE_QUARK (rex-chart-error-quark, rex_chart_error)

static void
rex_chart_finalize (GObject *object)
{
  RexChart *self = REX_CHART (object);

  if (self->data && self->impl->free_data)
    self->impl->free_data (self->data);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->spec, rex_chart_spec_free);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->empty_message);
  g_ptr_array_unref (self->sources);
  g_clear_pointer (&self->color_key, g_array_unref);
  g_clear_pointer (&self->key_groups, g_ptr_array_unref);
  g_clear_pointer (&self->all_groups, g_ptr_array_unref);
  g_clear_pointer (&self->color_index, g_hash_table_unref);
  g_clear_pointer (&self->laid_style, rex_chart_style_free);
  g_clear_object (&self->frame.pango);
  g_clear_pointer (&self->frame.fonts, g_array_unref);
  g_array_unref (self->items);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->footer_layout);

  G_OBJECT_CLASS (rex_chart_parent_class)->finalize (object);
}

/* The font options an image surface adds to whatever draws on it (cairo
 * rounds glyph positions there when it draws them; the metrics are the
 * same), asked once, when the first chart is made: each surface created
 * numbers those after it, which an SVG names its drawing by, so its name
 * does not depend on whether fonts were loaded before the chart
 * (rex_export_fonts_prepare()). */
static const cairo_font_options_t *
image_font_options (void)
{
  static cairo_font_options_t *options;

  if (g_once_init_enter (&options))
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_font_options_t *image_options = cairo_font_options_create ();

      cairo_surface_get_font_options (image, image_options);
      cairo_surface_destroy (image);
      g_once_init_leave (&options, image_options);
    }
  return options;
}

static void
rex_chart_class_init (RexChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rex_chart_finalize;
  image_font_options ();
}

static void
rex_chart_init (RexChart *self)
{
  self->sources = g_ptr_array_new ();
  self->items = g_array_new (FALSE, TRUE, sizeof (RexChartItem));
  self->color_index = g_hash_table_new (NULL, NULL);
}

const RexChartKindImpl *
rex_chart_lookup_impl (RexChartKind kind)
{
  static const RexChartKindImpl * const impls[] = {
    &rex_chart_bars_impl,
    &rex_chart_lines_impl,
    &rex_chart_shares_impl,
    &rex_chart_progress_impl,
    &rex_chart_table_impl,
    &rex_chart_bubbles_impl,
    &rex_chart_map_impl,
    &rex_chart_profile_impl,
  };

  for (guint i = 0; i < G_N_ELEMENTS (impls); i++)
    if (impls[i]->kind == kind)
      return impls[i];
  return NULL;
}

RexChart *
rex_chart_new (RexDataset          *dataset,
               const RexChartSpec  *spec,
               GError             **error)
{
  g_autoptr(RexChart) self = NULL;

  g_return_val_if_fail (REX_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (REX_TYPE_CHART, NULL);
  self->dataset = g_object_ref (dataset);
  self->spec = rex_chart_spec_copy (spec);
  self->impl = rex_chart_lookup_impl (spec->kind);
  if (self->impl == NULL)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   _("The chart kind “%s” is not available"),
                   rex_chart_kind_to_string (spec->kind));
      return NULL;
    }

  for (guint i = 0; spec->regions && spec->regions[i]; i++)
    if (rex_dataset_lookup_region (dataset, spec->regions[i]) == NULL)
      {
        g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_UNKNOWN_REGION,
                     _("Unknown region “%s”; “region-explorer --list-regions” lists the ids"),
                     spec->regions[i]);
        return NULL;
      }

  self->data = self->impl->prepare (self, error);
  if (self->data == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

RexChart *
rex_chart_copy (RexChart  *self,
                GError   **error)
{
  RexChart *copy;

  g_return_val_if_fail (REX_IS_CHART (self), NULL);

  copy = rex_chart_new (self->dataset, self->spec, error);
  if (copy == NULL)
    return NULL;
  rex_chart_set_number_format (copy, self->number_format);
  /* A table's rows as they were given (rex_chart_new_table_view()). */
  if (self->spec->kind == REX_CHART_KIND_TABLE && self->empty_message == NULL && copy->empty_message == NULL)
    rex_chart_table_kind_set_rows (copy->data, rex_chart_get_table (self));
  return copy;
}

RexDataset *
rex_chart_get_dataset (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), NULL);
  return self->dataset;
}

const RexChartSpec *
rex_chart_get_spec (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), NULL);
  return self->spec;
}

const char *
rex_chart_get_title (RexChart *self)
{
  return self->title ? self->title : "";
}

const char *
rex_chart_get_subtitle (RexChart *self)
{
  return self->subtitle ? self->subtitle : "";
}

RexNumberFormat
rex_chart_get_number_format (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), REX_NUMBER_FORMAT_AUTO);
  return self->number_format;
}

/* Kinds write numbers while preparing (value formats, labels): a style
 * with another number format prepares the data again. The dataset and spec
 * are those that prepared it once already, so this does not fail; if it
 * did, the chart keeps its data and the numbers as they were. */
static void
prepare_for_number_format (RexChart        *self,
                           RexNumberFormat  format)
{
  RexNumberFormat before = self->number_format;
  g_autoptr(GError) error = NULL;
  gpointer data;

  self->number_format = format;
  data = self->impl->prepare (self, &error);
  if (data == NULL)
    {
      g_warning ("Cannot prepare the chart again: %s", error->message);
      self->number_format = before;
      return;
    }
  /* The layout and its items point into the old data. */
  self->laid_out = FALSE;
  g_array_set_size (self->items, 0);
  if (self->data != NULL && self->impl->free_data != NULL)
    self->impl->free_data (self->data);
  self->data = data;
}

void
rex_chart_set_number_format (RexChart        *self,
                             RexNumberFormat  format)
{
  g_return_if_fail (REX_IS_CHART (self));
  if (format != self->number_format)
    prepare_for_number_format (self, format);
}

/* --- used by kinds while preparing --- */

void
rex_chart_set_titles (RexChart   *self,
                      const char *title,
                      const char *subtitle)
{
  g_free (self->title);
  g_free (self->subtitle);
  self->title = g_strdup (title);
  self->subtitle = NULL;
  if (subtitle != NULL)
    {
      GString *text = g_string_new (NULL);
      const char *part = subtitle;

      /* A metric without a unit (a table that gave none) leaves an empty
       * part between separators: " · 2022–2023", "Percent of the
       * regions' sum ·  · 2024". */
      while (part != NULL)
        {
          const char *next = strstr (part, " · ");
          gsize length = next != NULL ? (gsize) (next - part) : strlen (part);

          if (length > 0)
            {
              if (text->len > 0)
                g_string_append (text, " · ");
              g_string_append_len (text, part, length);
            }
          part = next != NULL ? next + strlen (" · ") : NULL;
        }
      self->subtitle = g_string_free (text, FALSE);
    }
}

void
rex_chart_append_subtitle_note (char       **subtitle,
                                const char  *format,
                                ...)
{
  va_list args;
  char *with_note;

  va_start (args, format);
  with_note = g_strdup_vprintf (format, args);
  va_end (args);
  g_free (*subtitle);
  *subtitle = with_note;
}

void
rex_chart_set_empty (RexChart   *self,
                     const char *message)
{
  g_free (self->empty_message);
  self->empty_message = g_strdup (message);
}

/* Below this, any chart may go without its labels. */
#define REX_CHART_MIN_HEIGHT_FLOOR 200

static void ensure_layout (RexChart            *self,
                           double               width,
                           double               height,
                           const RexChartStyle *style);

/* Whether @height leaves the plot what the kind needs for every label. */
static gboolean
labels_fit (RexChart            *self,
            double               width,
            double               height,
            const RexChartStyle *style)
{
  ensure_layout (self, width, height, style);
  return self->frame.h >= self->impl->min_plot_height (self, self->data, &self->frame);
}

RexChart *
rex_chart_new_table_view (RexChart       *chart,
                          RexChartTable  *rows,
                          GError        **error)
{
  g_autoptr(RexChartTable) owned = rows;
  g_autoptr(RexChartSpec) spec = NULL;
  RexChart *table;

  g_return_val_if_fail (REX_IS_CHART (chart), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  spec = rex_chart_spec_copy (chart->spec);
  spec->table_of = spec->kind;
  spec->kind = REX_CHART_KIND_TABLE;
  table = rex_chart_new (chart->dataset, spec, error);
  if (table == NULL)
    return NULL;
  rex_chart_set_number_format (table, chart->number_format);
  if (table->empty_message == NULL)
    rex_chart_table_kind_set_rows (table->data, g_steal_pointer (&owned));
  return table;
}

void
rex_chart_set_page (RexChart *self,
                    guint     page)
{
  g_return_if_fail (REX_IS_CHART (self));
  if (page != self->page)
    {
      self->page = page;
      self->laid_out = FALSE;
    }
}

guint
rex_chart_get_page (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), 0);
  return self->page;
}

guint
rex_chart_get_n_pages (RexChart            *self,
                       double               width,
                       double               height,
                       const RexChartStyle *style)
{
  g_return_val_if_fail (REX_IS_CHART (self), 1);
  g_return_val_if_fail (style != NULL, 1);

  if (self->impl->n_pages == NULL || self->empty_message != NULL)
    return 1;
  ensure_layout (self, width, height, style);
  return MAX (self->impl->n_pages (self, self->data), 1);
}

double
rex_chart_get_min_height (RexChart            *self,
                          double               width,
                          const RexChartStyle *style)
{
  gboolean was_laid_out;
  double last_width, last_height, lo = REX_CHART_MIN_HEIGHT_FLOOR, hi = 16384;
  RexChartStyle *last_style = NULL;

  g_return_val_if_fail (REX_IS_CHART (self), 0);
  g_return_val_if_fail (style != NULL, 0);

  if (self->impl->min_plot_height == NULL || self->empty_message != NULL || width < 1)
    return 0;
  was_laid_out = self->laid_out;
  last_width = self->frame.width;
  last_height = self->frame.height;
  if (was_laid_out)
    last_style = rex_chart_style_copy (self->laid_style);
  /* Text grows with the chart, so the height that fits is searched for:
   * the least one at which the labels fit, to a pixel. */
  if (labels_fit (self, width, lo, style))
    hi = lo;
  else if (!labels_fit (self, width, hi, style))
    lo = hi;
  while (hi - lo > 1)
    {
      double mid = floor ((lo + hi) / 2);

      if (labels_fit (self, width, mid, style))
        hi = mid;
      else
        lo = mid;
    }
  /* Hit tests and drawing go on with the layout they had. */
  if (was_laid_out)
    {
      ensure_layout (self, last_width, last_height, last_style);
      rex_chart_style_free (last_style);
    }
  return hi;
}

char *
rex_chart_format_item_value (RexChart           *self,
                             const RexChartItem *item)
{
  RexMetric *metric = item->metric_id ? rex_dataset_lookup_metric (self->dataset, item->metric_id) : NULL;
  const RexDatum *datum = NULL;

  if (metric == NULL)
    return rex_format_number (item->value, -1);
  if (item->region != NULL)
    datum = rex_chart_get_datum (item->region, item->metric_id, item->year);
  return rex_format_quantity (metric, item->value, datum ? datum->qualifier : REX_QUALIFIER_EXACT,
                              self->number_format);
}

char *
rex_chart_describe_item_change (RexChart           *self,
                                const RexChartItem *item)
{
  g_return_val_if_fail (REX_IS_CHART (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (self->impl->describe_change == NULL || self->data == NULL)
    return NULL;
  return self->impl->describe_change (self, self->data, item);
}

const char *
rex_chart_get_empty_message (RexChart *self)
{
  return self->empty_message;
}

guint
rex_chart_get_n_sources (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), 0);
  return self->sources->len;
}

RexSource *
rex_chart_get_source (RexChart *self,
                      guint     index)
{
  g_return_val_if_fail (REX_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return self->sources->pdata[index];
}

void
rex_chart_add_source (RexChart  *self,
                      RexSource *source)
{
  if (source != NULL && !g_ptr_array_find (self->sources, source, NULL))
    g_ptr_array_add (self->sources, source);
}

void
rex_chart_add_value_source (RexChart   *self,
                            RexRegion  *region,
                            const char *metric_id,
                            int         year)
{
  rex_chart_add_source (self, rex_dataset_get_value_source (self->dataset, region, metric_id, year));
}

RexMetric *
rex_chart_require_metric (RexChart    *self,
                          const char  *metric_id,
                          const char  *what,
                          GError     **error)
{
  RexMetric *metric;

  if (metric_id == NULL)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_UNKNOWN_METRIC,
                   _("This chart needs %s; “region-explorer --list-metrics” lists the ids"), what);
      return NULL;
    }
  metric = rex_dataset_lookup_metric (self->dataset, metric_id);
  if (metric == NULL)
    g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_UNKNOWN_METRIC,
                 _("Unknown metric “%s”; “region-explorer --list-metrics” lists the ids"),
                 metric_id);
  return metric;
}

gboolean
rex_chart_require_metrics (RexChart   *self,
                           GPtrArray  *metrics,
                           gboolean    unique,
                           GError    **error)
{
  g_auto(GStrv) ids = g_strsplit (self->spec->metric ? self->spec->metric : "", ",", -1);

  for (guint i = 0; ids[i]; i++)
    {
      RexMetric *metric;

      g_strstrip (ids[i]);
      if (*ids[i] == '\0')
        continue;
      metric = rex_chart_require_metric (self, ids[i], _("a metric (--metric)"), error);
      if (metric == NULL)
        return FALSE;
      if (!unique || !g_ptr_array_find (metrics, metric, NULL))
        g_ptr_array_add (metrics, metric);
    }
  return TRUE;
}

int
rex_chart_resolve_year (RexChart   *self,
                        const char *metric_id,
                        GPtrArray  *regions)
{
  int best = 0;

  if (self->spec->year != 0)
    return self->spec->year;
  for (guint i = 0; i < regions->len; i++)
    {
      RexSeries *series = rex_region_get_series (regions->pdata[i], metric_id);
      int first, last;

      if (series && rex_series_get_year_range (series, &first, &last))
        best = MAX (best, last);
    }
  return best;
}

GPtrArray *
rex_chart_get_spec_regions (RexChart *self)
{
  GPtrArray *kind_regions = rex_dataset_get_regions_of_kind (self->dataset, self->spec->region_kind);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < kind_regions->len; i++)
    g_ptr_array_add (out, kind_regions->pdata[i]);
  g_ptr_array_unref (kind_regions);
  return out;
}

typedef struct
{
  guint index;      /* in the dataset's order */
  guint n_shown;    /* regions of the chart in the group */
  gboolean selected;
} GroupRank;

static int
compare_group_rank (gconstpointer a,
                    gconstpointer b)
{
  const GroupRank *x = a, *y = b;

  if (x->selected != y->selected)
    return x->selected ? -1 : 1;
  if (x->n_shown != y->n_shown)
    return x->n_shown > y->n_shown ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
add_color_key_entry (RexChart   *self,
                     const char *label,
                     guint       palette)
{
  RexColorKeyEntry entry = { label, palette };

  g_array_append_val (self->color_key, entry);
}

/* The entries after the groups' own, in the palette's last two colours:
 * "Other …" for regions of groups left without a colour, and (@none) "Not
 * in a …" for regions in no group. */
static void
add_color_key_rest (RexChart *self,
                    gboolean  none)
{
  gboolean by_cluster = self->spec->color_by == REX_COLOR_BY_CLUSTER;
  const char *label;

  if (none)
    label = by_cluster
      /* Translators: legend entry for regions that belong to no city cluster */
      ? _("Not in a cluster")
      /* Translators: legend entry for regions that belong to no macro-region */
      : _("Not in a macro-region");
  else
    label = by_cluster
      /* Translators: legend entry for regions in clusters that have no colour of their own */
      ? _("Other clusters")
      /* Translators: legend entry for regions in macro-regions that have no colour of their own */
      : _("Other macro-regions");
  add_color_key_entry (self, label, none ? REX_PALETTE_SIZE - 1 : REX_PALETTE_SIZE - 2);
}

void
rex_chart_build_color_key (RexChart  *self,
                           GPtrArray *shown)
{
  g_autoptr(GArray) ranks = g_array_new (FALSE, TRUE, sizeof (GroupRank));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean any_other = FALSE, any_none = FALSE;
  guint n_colored;

  g_clear_pointer (&self->color_key, g_array_unref);
  g_clear_pointer (&self->key_groups, g_ptr_array_unref);
  g_clear_pointer (&self->all_groups, g_ptr_array_unref);
  g_hash_table_remove_all (self->color_index);
  self->color_key = g_array_new (FALSE, TRUE, sizeof (RexColorKeyEntry));
  self->key_groups = g_ptr_array_new ();

  switch (self->spec->color_by)
    {
    case REX_COLOR_BY_MACRO_REGION:
      self->all_groups = rex_dataset_get_regions_of_kind (self->dataset, REX_REGION_KIND_MACRO_REGION);
      break;
    case REX_COLOR_BY_CLUSTER:
      self->all_groups = rex_dataset_get_regions_of_kind (self->dataset, REX_REGION_KIND_CITY_CLUSTER);
      break;
    case REX_COLOR_BY_NONE:
    case REX_COLOR_BY_LAST:
    default:
      self->all_groups = g_ptr_array_new ();
      return;
    }

  /* Only groups with a region on the chart take a colour: those holding the
   * selection first, then the largest; the rest share "Other". */
  for (guint g = 0; g < self->all_groups->len; g++)
    {
      GroupRank rank = { g, 0, FALSE };

      for (guint i = 0; i < shown->len; i++)
        if (rex_region_is_in (shown->pdata[i], self->all_groups->pdata[g]))
          {
            rank.n_shown++;
            rank.selected |= rex_chart_spec_has_region (self->spec, rex_region_get_id (shown->pdata[i]));
          }
      if (rank.n_shown > 0)
        g_array_append_val (ranks, rank);
    }
  g_array_sort (ranks, compare_group_rank);
  /* The last palette entry is "in no group", the one before "Other". */
  n_colored = ranks->len <= REX_PALETTE_SIZE - 1 ? ranks->len : REX_PALETTE_SIZE - 2;
  for (guint i = 0; i < n_colored; i++)
    g_array_append_val (chosen, g_array_index (ranks, GroupRank, i).index);
  /* The legend keeps the dataset's order, not the ranking's. */
  g_array_sort (chosen, compare_uint);
  for (guint i = 0; i < chosen->len; i++)
    {
      RexRegion *group = self->all_groups->pdata[g_array_index (chosen, guint, i)];

      add_color_key_entry (self, rex_region_get_display_name (group), i);
      g_ptr_array_add (self->key_groups, group);
    }

  for (guint i = 0; i < shown->len; i++)
    {
      int entry = rex_chart_region_color_entry (self, shown->pdata[i]);

      if (entry == (int) chosen->len)
        any_other = TRUE;
      else if (entry == (int) chosen->len + 1)
        any_none = TRUE;
    }
  if (any_other)
    add_color_key_rest (self, FALSE);
  if (any_none)
    add_color_key_rest (self, TRUE);
  /* Entries looked up above were numbered before Other and none existed. */
  g_hash_table_remove_all (self->color_index);
}

static GArray *
ensure_color_key (RexChart *self)
{
  if (self->color_key == NULL)
    {
      g_autoptr(GPtrArray) shown = rex_chart_get_spec_regions (self);
      rex_chart_build_color_key (self, shown);
    }
  return self->color_key;
}

const RexColorKeyEntry *
rex_chart_get_color_key (RexChart *self,
                         guint    *n_entries)
{
  GArray *key = ensure_color_key (self);

  *n_entries = key->len;
  return (const RexColorKeyEntry *) (gpointer) key->data;
}

/* Before the key's Other and none entries exist, "Other" is the number of
 * coloured groups and "none" one more; both are fixed once built. */
int
rex_chart_region_color_entry (RexChart  *self,
                              RexRegion *region)
{
  gpointer found;
  int entry;

  if (self->spec->color_by == REX_COLOR_BY_NONE)
    return -1;
  ensure_color_key (self);
  if (g_hash_table_lookup_extended (self->color_index, region, NULL, &found))
    return GPOINTER_TO_INT (found) - 1;

  entry = -1;
  for (guint i = 0; i < self->key_groups->len && entry < 0; i++)
    if (rex_region_is_in (region, self->key_groups->pdata[i]))
      entry = (int) i;
  if (entry < 0)
    {
      gboolean in_any = FALSE;

      for (guint g = 0; g < self->all_groups->len && !in_any; g++)
        in_any = rex_region_is_in (region, self->all_groups->pdata[g]);
      entry = (int) self->key_groups->len + (in_any ? 0 : 1);
      /* Without regions in other groups the key has no "Other" entry. */
      if (!in_any && self->color_key->len > self->key_groups->len
          && g_array_index (self->color_key, RexColorKeyEntry,
                            self->key_groups->len).palette == REX_PALETTE_SIZE - 1)
        entry = (int) self->key_groups->len;
    }
  g_hash_table_insert (self->color_index, region, GINT_TO_POINTER (entry + 1));
  return entry;
}

int
rex_chart_group_color_entry (RexChart  *self,
                             RexRegion *group)
{
  if (self->spec->color_by == REX_COLOR_BY_NONE)
    return -1;
  ensure_color_key (self);
  for (guint i = 0; i < self->key_groups->len; i++)
    if (self->key_groups->pdata[i] == group)
      return (int) i;
  for (guint g = 0; g < self->all_groups->len; g++)
    if (self->all_groups->pdata[g] == group)
      return (int) self->key_groups->len;
  return -1;
}

RexColor
rex_chart_region_color (RexChart            *self,
                        RexRegion           *region,
                        const RexChartStyle *style)
{
  int entry;

  if (self->spec->color_by == REX_COLOR_BY_NONE)
    return style->accent;
  entry = rex_chart_region_color_entry (self, region);
  return rex_chart_color_key_color (self, entry, style);
}

RexColor
rex_chart_color_key_color (RexChart            *self,
                           int                  entry,
                           const RexChartStyle *style)
{
  GArray *key = ensure_color_key (self);

  if (entry < 0)
    return style->accent;
  if ((guint) entry < key->len)
    return style->palette[g_array_index (key, RexColorKeyEntry, entry).palette];
  /* A region the key was not built for: "Other" or "none". */
  return style->palette[(guint) entry == self->key_groups->len ? REX_PALETTE_SIZE - 2
                                                                : REX_PALETTE_SIZE - 1];
}

/* The 1-2-5 value at or below (@up: above) @v > 0. */
static double
nice_125 (double   v,
          gboolean up)
{
  static const double steps[] = { 1, 2, 5, 10 };
  double magnitude = pow (10.0, floor (log10 (v)));
  double r = v / magnitude;

  if (up)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (r <= steps[i] * (1 + 1e-9))
          return steps[i] * magnitude;
      return 10 * magnitude;
    }
  for (guint i = G_N_ELEMENTS (steps); i > 0; i--)
    if (r >= steps[i - 1] * (1 - 1e-9))
      return steps[i - 1] * magnitude;
  return magnitude;
}

void
rex_chart_fit_log_scale (RexScale *scale,
                         double    lo,
                         double    hi)
{
  double min, max;
  int d0, d1;
  guint n_subs;

  if (!scale->log || !(lo > 0) || !(hi >= lo) || !isfinite (lo) || !isfinite (hi))
    return;
  min = nice_125 (lo, FALSE);
  max = nice_125 (hi, TRUE);
  if (!(max > min))
    max = nice_125 (min * 1.5, TRUE);
  if (!isfinite (max) || !(max > min) || min < scale->min || max > scale->max)
    return;
  scale->min = min;
  scale->max = max;
  g_array_set_size (scale->ticks, 0);
  d0 = (int) floor (log10 (min) + 1e-9);
  d1 = (int) ceil (log10 (max) - 1e-9);
  /* With few decades the 2 and 5 marks keep the axis readable. */
  n_subs = d1 - d0 <= 3 ? 3 : 1;
  for (int d = d0; d <= d1; d++)
    for (guint s = 0; s < n_subs; s++)
      {
        double v = (double[]) { 1, 2, 5 }[s] * pow (10.0, d);

        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9))
          {
            RexTick tick = { v, g_strdup ("") };
            g_array_append_val (scale->ticks, tick);
          }
      }
  /* Less than a decade with no decade inside: the ends carry the labels. */
  if (scale->ticks->len < 2)
    {
      RexTick a = { min, g_strdup ("") }, b = { max, g_strdup ("") };

      g_array_set_size (scale->ticks, 0);
      g_array_append_val (scale->ticks, a);
      g_array_append_val (scale->ticks, b);
    }
}

void
rex_chart_set_no_data (RexChart  *self,
                       RexMetric *metric,
                       int        year)
{
  RexDataset *dataset = rex_chart_get_dataset (self);
  const char *id = rex_metric_get_id (metric), *name = rex_metric_get_display_name (metric);
  g_autofree char *message = NULL;
  RexRegionKind shown = self->spec->region_kind, other = REX_REGION_KIND_LAST;
  gboolean shown_has = rex_dataset_kind_has_metric (dataset, shown, id);

  /* Another kind of region than the one charted that has the metric. */
  for (RexRegionKind kind = REX_REGION_KIND_MACRO_REGION;
       !shown_has && kind < REX_REGION_KIND_LAST && other == REX_REGION_KIND_LAST; kind++)
    if (kind != shown && rex_dataset_kind_has_metric (dataset, kind, id))
      other = kind;

  if (other != REX_REGION_KIND_LAST && self->spec->kind == REX_CHART_KIND_MAP)
    /* Translators: empty map of a metric that another kind of region than
     * provinces has: metric, that kind: "GDP has values only for regions of
     * kind “County”, which the map does not draw. …" */
    message = g_strdup_printf (_("%s has values only for regions of kind “%s”, which the map does not draw. "
                                 "Rank them in Compare, or choose another metric."),
                               name, rex_region_kind_get_label (other));
  else if (other != REX_REGION_KIND_LAST)
    /* Translators: empty chart of a metric that another kind of region has:
     * metric, kind charted, kind with values, its name on the command line:
     * "GDP has no values for regions of kind “Province”, but for those of
     * kind “County”. …" */
    message = g_strdup_printf (_("%s has no values for regions of kind “%s”, but for those of kind “%s”. "
                                 "Choose that kind under Regions (on the command line --region-kind=%s), "
                                 "or another metric."),
                               name, rex_region_kind_get_label (shown), rex_region_kind_get_label (other),
                               rex_region_kind_to_string (other));
  else if (!shown_has && rex_dataset_kind_has_metric (dataset, REX_REGION_KIND_NATION, id))
    /* Translators: empty ranking or map of a metric that only the nation has */
    message = g_strdup_printf (_("%s is given for the nation only, not for provinces. "
                                 "See it in Trends, or choose another metric."), name);
  else if (year != 0)
    {
      g_autofree char *year_text = rex_format_year (year);

      /* Translators: empty chart: "No data for GDP in 2019. Choose another year or metric." */
      message = g_strdup_printf (_("No data for %s in %s. Choose another year or metric."), name, year_text);
    }
  else
    message = g_strdup_printf (_("No data for %s. Choose another metric."), name);
  rex_chart_set_empty (self, message);
}

const RexDatum *
rex_chart_get_datum (RexRegion  *region,
                     const char *metric_id,
                     int         year)
{
  RexSeries *series = rex_region_get_series (region, metric_id);

  return series != NULL ? rex_series_get_datum (series, year) : NULL;
}

gboolean
rex_chart_datum_is_marked (const RexDatum *datum)
{
  return datum != NULL && !isnan (datum->value)
         && (datum->qualifier != REX_QUALIFIER_EXACT
             || datum->status == REX_VALUE_STATUS_ESTIMATE
             || datum->status == REX_VALUE_STATUS_DERIVED);
}

char *
rex_chart_datum_status (const RexDatum *datum)
{
  /* The word of each status and qualifier; none for a final, exact value. */
  static const char *const status_words[] = {
    /* Translators: status of a value in a data table or CSV */
    [REX_VALUE_STATUS_PRELIMINARY] = N_("preliminary"),
    /* Translators: status of a value in a data table or CSV */
    [REX_VALUE_STATUS_ESTIMATE] = N_("estimate"),
    /* Translators: status of a value summed from its members, in a data table or CSV */
    [REX_VALUE_STATUS_DERIVED] = N_("derived"),
  };
  static const char *const qualifier_words[] = {
    /* Translators: a value published as "about N", in a data table or CSV */
    [REX_QUALIFIER_ABOUT] = N_("about"),
    /* Translators: a value published as "more than N", in a data table or CSV */
    [REX_QUALIFIER_OVER] = N_("over"),
    /* Translators: a value published as "less than N", in a data table or CSV */
    [REX_QUALIFIER_UNDER] = N_("below"),
  };
  const char *words[3] = { NULL };
  guint n = 0;

  if (datum != NULL && !isnan (datum->value))
    {
      if (datum->status < G_N_ELEMENTS (status_words) && status_words[datum->status] != NULL)
        words[n++] = _(status_words[datum->status]);
      if (datum->qualifier < G_N_ELEMENTS (qualifier_words) && qualifier_words[datum->qualifier] != NULL)
        words[n++] = _(qualifier_words[datum->qualifier]);
    }
  /* Translators: separator between the words of a value's status, "estimate; about" */
  return g_strjoinv (_("; "), (char **) words);
}

char *
rex_chart_format_value (RexMetric       *metric,
                        double           value,
                        gboolean         short_form,
                        RexNumberFormat  format)
{
  int decimals = metric ? rex_metric_get_decimals (metric) : -1;

  if (short_form || format == REX_NUMBER_FORMAT_SHORT)
    return rex_format_number_short (value, -1, format);
  return rex_format_number (value, decimals);
}

void
rex_chart_append_region_name (GString   *names,
                              RexRegion *region)
{
  if (names->len > 0)
    /* Translators: separator between region names in a list */
    g_string_append (names, _(", "));
  g_string_append (names, rex_region_get_display_name (region));
}

void
rex_chart_append_names (GString    *note,
                        const char *lead,
                        GPtrArray  *regions)
{
  const guint max_names = 8;

  if (regions->len == 0)
    return;
  if (note->len > 0)
    g_string_append_c (note, '\n');
  g_string_append (note, lead);
  g_string_append_c (note, ' ');
  for (guint i = 0; i < regions->len && i < max_names; i++)
    {
      if (i > 0)
        /* Translators: separator between region names in a list */
        g_string_append (note, _(", "));
      g_string_append (note, rex_region_get_display_name (regions->pdata[i]));
    }
  if (regions->len > max_names)
    /* Translators: end of a shortened list of names: " and 12 more" */
    g_string_append_printf (note, _(" and %u more"), regions->len - max_names);
}

/* --- text and drawing helpers --- */

typedef struct
{
  double                scale;
  PangoWeight           weight;
  PangoFontDescription *desc;
} FontEntry;

static void
font_entry_clear (gpointer data)
{
  FontEntry *entry = data;

  pango_font_description_free (entry->desc);
}

PangoFontDescription *
rex_chart_font (const RexChartStyle *style,
                double               em,
                double               scale,
                PangoWeight          weight)
{
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family);
  double size = em * scale;

  /* A size derived from the geometry (the bubbles' year watermark) is
   * negative or NaN on a 16-unit export with no room for a plot: text is
   * then drawn at one unit rather than handed to Pango as a negative size. */
  if (!(size >= 1.0))
    size = 1.0;
  pango_font_description_set_absolute_size (desc, MIN (size, 100000.0) * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  return desc;
}

/* Fonts are looked up per text, thousands of times a frame: parse the family
 * list once per (scale, weight) and size. The cache lives with the layout
 * and is dropped when the size or the style changes. Sizes computed from the
 * geometry (a watermark fitted to the plot) are rare; the cache stays small. */
static const PangoFontDescription *
frame_font (const RexChartFrame *frame,
            double               scale,
            PangoWeight          weight)
{
  FontEntry entry;

  for (guint i = 0; i < frame->fonts->len; i++)
    {
      const FontEntry *e = &g_array_index (frame->fonts, FontEntry, i);

      if (e->scale == scale && e->weight == weight)
        return e->desc;
    }
  /* Bounded: a kind deriving scales from data must not grow it forever. */
  if (frame->fonts->len >= 64)
    g_array_set_size (frame->fonts, 0);
  entry.scale = scale;
  entry.weight = weight;
  entry.desc = rex_chart_font (frame->style, frame->em, scale, weight);
  g_array_append_val (frame->fonts, entry);
  return entry.desc;
}

PangoLayout *
rex_chart_text (const RexChartFrame *frame,
                const char          *text,
                double               scale,
                PangoWeight          weight)
{
  PangoLayout *layout = pango_layout_new (frame->pango);

  pango_layout_set_font_description (layout, frame_font (frame, scale, weight));
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static const struct
{
  double      scale;
  PangoWeight weight;
} text_roles[REX_CHART_N_TEXT_ROLES] = {
  [REX_CHART_TEXT_TITLE] = { 1.5, PANGO_WEIGHT_BOLD },
  [REX_CHART_TEXT_SUBTITLE] = { 1.0, PANGO_WEIGHT_NORMAL },
  [REX_CHART_TEXT_SMALL] = { 0.8, PANGO_WEIGHT_NORMAL },
  [REX_CHART_TEXT_LABEL] = { 0.85, PANGO_WEIGHT_NORMAL },
  [REX_CHART_TEXT_NAME] = { 0.9, PANGO_WEIGHT_NORMAL },
  [REX_CHART_TEXT_NAME_BOLD] = { 0.9, PANGO_WEIGHT_BOLD },
};

PangoLayout *
rex_chart_role_text (const RexChartFrame *frame,
                     const char          *text,
                     RexChartTextRole     role)
{
  g_return_val_if_fail (role < REX_CHART_N_TEXT_ROLES, NULL);

  return rex_chart_text (frame, text, text_roles[role].scale, text_roles[role].weight);
}

void
rex_chart_text_role_font (RexChartTextRole  role,
                          double           *scale,
                          PangoWeight      *weight)
{
  g_return_if_fail (role < REX_CHART_N_TEXT_ROLES);

  *scale = text_roles[role].scale;
  *weight = text_roles[role].weight;
}

void
rex_chart_text_size (PangoLayout *layout,
                     double      *width,
                     double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

gboolean
rex_chart_fit_note (PangoLayout *layout,
                    double       room)
{
  double h, line_h;

  rex_chart_text_size (layout, NULL, &h);
  if (h <= room)
    return TRUE;
  line_h = h / MAX (1, pango_layout_get_line_count (layout));
  if (room < line_h * 3)
    return FALSE;
  pango_layout_set_height (layout, (int) (room * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return TRUE;
}

void
rex_chart_set_color (cairo_t        *cr,
                     const RexColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

/* The array of RexChartTextBox a test attached to a cairo_t. */
static const cairo_user_data_key_t text_record_key;

void
rex_chart_draw_text (cairo_t        *cr,
                     PangoLayout    *layout,
                     double          x,
                     double          y,
                     double          xalign,
                     double          yalign,
                     const RexColor *color)
{
  double w, h;

  GArray *boxes = cairo_get_user_data (cr, &text_record_key);

  rex_chart_text_size (layout, &w, &h);
  cairo_save (cr);
  rex_chart_set_color (cr, color);
  cairo_move_to (cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  if (boxes != NULL)
    {
      RexChartTextBox box = { g_strdup (pango_layout_get_text (layout)), x - w * xalign, y - h * yalign, w, h };
      double x1 = box.x + w, y1 = box.y + h;

      cairo_user_to_device (cr, &box.x, &box.y);
      cairo_user_to_device (cr, &x1, &y1);
      box.width = x1 - box.x;
      box.height = y1 - box.y;
      g_array_append_val (boxes, box);
    }
}

void
rex_chart_text_box_clear (gpointer data)
{
  RexChartTextBox *box = data;

  g_clear_pointer (&box->text, g_free);
}

void
rex_chart_record_text (cairo_t *cr,
                       GArray  *boxes)
{
  cairo_set_user_data (cr, &text_record_key, g_array_ref (boxes), (cairo_destroy_func_t) g_array_unref);
}

/* The array of RexChartMarkRecord a test attached to a cairo_t. */
static const cairo_user_data_key_t mark_record_key;

void
rex_chart_record_marks (cairo_t *cr,
                        GArray  *records)
{
  cairo_set_user_data (cr, &mark_record_key, g_array_ref (records), (cairo_destroy_func_t) g_array_unref);
}

void
rex_chart_note_mark (cairo_t *cr,
                     double   cx,
                     double   cy,
                     double   r)
{
  GArray *records = cairo_get_user_data (cr, &mark_record_key);
  RexChartMarkRecord record = { FALSE, cx, cy, 0, 0, r };
  double ry = 0;

  if (records == NULL)
    return;
  cairo_user_to_device (cr, &record.x0, &record.y0);
  cairo_user_to_device_distance (cr, &record.r, &ry);
  g_array_append_val (records, record);
}

void
rex_chart_note_leader (cairo_t      *cr,
                       const double *ends)
{
  GArray *records = cairo_get_user_data (cr, &mark_record_key);
  RexChartMarkRecord record = { TRUE, ends[0], ends[1], ends[2], ends[3], 0 };

  if (records == NULL)
    return;
  cairo_user_to_device (cr, &record.x0, &record.y0);
  cairo_user_to_device (cr, &record.x1, &record.y1);
  g_array_append_val (records, record);
}

double
rex_chart_snap (cairo_t  *cr,
                double    v,
                gboolean  horizontal)
{
  double x = horizontal ? 0 : v, y = horizontal ? v : 0;

  cairo_user_to_device (cr, &x, &y);
  if (horizontal)
    y = floor (y) + 0.5;
  else
    x = floor (x) + 0.5;
  cairo_device_to_user (cr, &x, &y);
  return horizontal ? y : x;
}

double
rex_chart_status_key (cairo_t             *cr,
                      const RexChartFrame *frame,
                      double               x,
                      double               y,
                      double               width,
                      gboolean             bar)
{
  /* Translators: legend key of hollow marks, in every kind of chart */
  g_autoptr(PangoLayout) label = rex_chart_role_text (frame, _("Hollow: estimate, derived or qualified value"),
                                                      REX_CHART_TEXT_LABEL);
  double em = frame->em, h, sample = bar ? em * 1.4 : em * 0.8;

  pango_layout_set_width (label, (int) (MAX (width - sample - em * 0.4, em) * PANGO_SCALE));
  pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
  rex_chart_text_size (label, NULL, &h);
  if (cr != NULL)
    {
      RexColor pale = rex_color_mix (&frame->style->muted, &frame->style->background, 0.7);

      cairo_save (cr);
      cairo_new_path (cr);
      cairo_set_line_width (cr, 1.5);
      if (bar)
        cairo_rectangle (cr, x + 0.75, y + em * 0.2, sample - 1.5, em * 0.7);
      else
        cairo_arc (cr, x + sample / 2, y + em * 0.55, em * 0.3, 0, 2 * G_PI);
      rex_chart_set_color (cr, &pale);
      cairo_fill_preserve (cr);
      rex_chart_set_color (cr, &frame->style->muted);
      cairo_stroke (cr);
      cairo_restore (cr);
      rex_chart_draw_text (cr, label, x + sample + em * 0.4, y + em * 0.55 - MIN (h, em * 1.1) / 2, 0, 0,
                           &frame->style->foreground);
    }
  return MAX (h, em * 1.1);
}

void
rex_chart_draw_message (cairo_t             *cr,
                        const RexChartFrame *frame,
                        const char          *message)
{
  g_autoptr(PangoLayout) layout = rex_chart_text (frame, message, 1.15, PANGO_WEIGHT_NORMAL);

  pango_layout_set_width (layout, (int) (frame->w * 0.8 * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Width-constrained layouts align within their width, so anchor at the box. */
  rex_chart_draw_text (cr, layout, frame->x + frame->w * 0.1, frame->y + frame->h / 2,
                       0.0, 0.5, &frame->style->muted);
}

char *
rex_chart_raw_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return isnan (value) ? g_strdup ("") : g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

int
rex_chart_compare_doubles (gconstpointer a,
                           gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
swap_doubles (double *values,
              guint   i,
              guint   j)
{
  double t = values[i];

  values[i] = values[j];
  values[j] = t;
}

static double
median_of_three (double a,
                 double b,
                 double c)
{
  return MAX (MIN (a, b), MIN (MAX (a, b), c));
}

/* Quickselect: three-way partitions about a median of three. A range that
 * does not shrink fast, as an order made against the pivot rule would have
 * it, is sorted instead. */
double
rex_chart_select_nth (double *values,
                      guint   n,
                      guint   k)
{
  guint lo = 0, hi = n, rounds = 0;

  while (hi - lo > 16 && rounds++ < 64)
    {
      double pivot = median_of_three (values[lo], values[lo + (hi - lo) / 2], values[hi - 1]);
      guint lt = lo, i = lo, gt = hi;

      /* < pivot in [lo, lt), = pivot in [lt, gt), > pivot in [gt, hi). */
      while (i < gt)
        {
          if (values[i] < pivot)
            swap_doubles (values, lt++, i++);
          else if (values[i] > pivot)
            swap_doubles (values, i, --gt);
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return pivot;
    }
  qsort (values + lo, hi - lo, sizeof (double), rex_chart_compare_doubles);
  return values[k];
}

const char *
rex_chart_qualifier_name (RexQualifier qualifier)
{
  return qualifier == REX_QUALIFIER_EXACT ? "" : rex_enum_to_nick (REX_TYPE_QUALIFIER, qualifier);
}

void
rex_chart_draw_row_hover (cairo_t             *cr,
                          const RexChartFrame *frame,
                          double               top,
                          double               height,
                          double               pad)
{
  rex_chart_set_color (cr, &frame->style->hover);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, frame->x - frame->em * pad, top, frame->w + frame->em * pad * 2, height);
  cairo_stroke (cr);
}

guint
rex_chart_label_stride (const double *positions,
                        const double *sizes,
                        guint         n,
                        double        gap)
{
  guint stride = 1;

  for (; stride < n; stride++)
    {
      gboolean clear = TRUE;

      for (guint i = stride; i < n && clear; i += stride)
        clear = fabs (positions[i] - positions[i - stride]) > (sizes[i] + sizes[i - stride]) / 2 + gap;
      if (clear)
        break;
    }
  return stride;
}

/* Grid lines at @scale's ticks across @plot and their labels, thinned as
 * rex_chart_label_stride() says. @horizontal: ticks along the x axis, from
 * the left edge (the scale's minimum) to the right, labels under the
 * bottom edge; else ticks along the y axis, from the bottom edge (the
 * minimum) up to the top, labels @gap left of the left edge. */
static void
draw_ticks (cairo_t             *cr,
            const RexChartFrame *frame,
            const RexScale      *scale,
            gboolean             horizontal,
            const RexBox        *plot,
            double               gap)
{
  const RexChartStyle *style = frame->style;
  /* The edges along the axis (a) and across it (c). */
  double a0 = horizontal ? plot->x0 : plot->y0, a1 = horizontal ? plot->x1 : plot->y1;
  double c0 = horizontal ? plot->y0 : plot->x0, c1 = horizontal ? plot->y1 : plot->x1;
  guint n = scale->ticks->len, stride;
  g_autofree double *at = g_new (double, MAX (n, 1));
  g_autofree double *sizes = g_new (double, MAX (n, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  double lo = MIN (a0, a1) - 0.5, hi = MAX (a0, a1) + 0.5;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < n; i++)
    {
      const RexTick *tick = &g_array_index (scale->ticks, RexTick, i);
      double t = rex_scale_normalize (scale, tick->value);
      PangoLayout *label = rex_chart_role_text (frame, tick->label, REX_CHART_TEXT_LABEL);

      at[i] = rex_chart_snap (cr, horizontal ? a0 + t * (a1 - a0) : a1 - t * (a1 - a0), !horizontal);
      rex_chart_text_size (label, horizontal ? &sizes[i] : NULL, horizontal ? NULL : &sizes[i]);
      g_ptr_array_add (labels, label);
      if (at[i] < lo || at[i] > hi)
        continue;
      rex_chart_set_color (cr, tick->value == 0 && !scale->log ? &style->axis : &style->grid);
      cairo_move_to (cr, horizontal ? at[i] : c0, horizontal ? c0 : at[i]);
      cairo_line_to (cr, horizontal ? at[i] : c1, horizontal ? c1 : at[i]);
      cairo_stroke (cr);
    }
  stride = rex_chart_label_stride (at, sizes, n, frame->em * (horizontal ? 0.4 : 0.2));
  for (guint i = 0; i < n; i += stride)
    if (at[i] >= lo && at[i] <= hi)
      {
        if (horizontal)
          rex_chart_draw_text (cr, labels->pdata[i], at[i], c1 + frame->em * 0.3, 0.5, 0.0, &style->muted);
        else
          /* Level with its line, but never down into the labels of a
           * horizontal axis under the plot: the lowest may rise a little. */
          rex_chart_draw_text (cr, labels->pdata[i], c0 - gap, MIN (at[i], a1 + frame->em * 0.3 - sizes[i] / 2),
                               1.0, 0.5, &style->muted);
      }
  cairo_restore (cr);
}

void
rex_chart_draw_x_axis (cairo_t             *cr,
                       const RexChartFrame *frame,
                       const RexScale      *scale,
                       const RexBox        *plot,
                       const char          *title)
{
  draw_ticks (cr, frame, scale, TRUE, plot, 0);
  if (title != NULL)
    {
      g_autoptr(PangoLayout) layout = rex_chart_role_text (frame, title, REX_CHART_TEXT_LABEL);
      rex_chart_draw_text (cr, layout, plot->x1, plot->y1 + frame->em * 1.7, 1.0, 0.0, &frame->style->muted);
    }
}

void
rex_chart_draw_y_ticks (cairo_t             *cr,
                        const RexChartFrame *frame,
                        const RexScale      *scale,
                        const RexBox        *plot,
                        double               label_gap)
{
  draw_ticks (cr, frame, scale, FALSE, plot, label_gap);
}

/* --- layout and drawing of the frame --- */

static gboolean
style_equal (const RexChartStyle *a,
             const RexChartStyle *b)
{
  return a != NULL && b != NULL
      && a->theme == b->theme
      && a->font_size == b->font_size
      && g_strcmp0 (a->font_family, b->font_family) == 0
      && memcmp (&a->background, &b->background,
                 offsetof (RexChartStyle, transparent) - offsetof (RexChartStyle, background)) == 0
      && a->transparent == b->transparent
      && a->number_format == b->number_format;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The line under a chart: each publisher once, in the order first cited,
 * with the years of its releases ("National Bureau of Statistics (2019,
 * 2023, 2025); Xinhua News Agency (2022)"), where a publisher was named
 * again for each year. */
static char *
format_source_line (RexChart *self)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) publishers = g_ptr_array_new ();
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->sources->len; i++)
    {
      RexSource *source = self->sources->pdata[i];
      const char *date = rex_source_get_date (source);
      const char *publisher = rex_source_get_display_publisher (source);
      GPtrArray *of_publisher;
      guint k;

      if (!g_ptr_array_find_with_equal_func (publishers, publisher, g_str_equal, &k))
        {
          k = publishers->len;
          g_ptr_array_add (publishers, (gpointer) publisher);
          g_ptr_array_add (years, g_ptr_array_new_with_free_func (g_free));
        }
      of_publisher = years->pdata[k];
      if (date != NULL && strlen (date) >= 4)
        {
          char *year = g_strndup (date, 4);

          if (g_ptr_array_find_with_equal_func (of_publisher, year, g_str_equal, NULL))
            g_free (year);
          else
            g_ptr_array_add (of_publisher, year);
        }
    }
  for (guint k = 0; k < publishers->len; k++)
    {
      GPtrArray *of_publisher = years->pdata[k];

      if (k > 0)
        /* Translators: between two sources under a chart */
        g_string_append (line, _("; "));
      g_string_append (line, publishers->pdata[k]);
      if (of_publisher->len == 0)
        continue;
      g_ptr_array_sort (of_publisher, (GCompareFunc) compare_strings);
      /* Translators: before the years of a publisher's releases under a chart:
         "National Bureau of Statistics (2019, 2025)" */
      g_string_append (line, _(" ("));
      for (guint y = 0; y < of_publisher->len; y++)
        {
          if (y > 0)
            /* Translators: between the years of one publisher's releases under a chart */
            g_string_append (line, _(", "));
          g_string_append (line, of_publisher->pdata[y]);
        }
      /* Translators: after the years of a publisher's releases under a chart */
      g_string_append (line, _(")"));
    }
  if (line->len == 0)
    return NULL;
  /* Translators: the line under a chart naming where its figures come from */
  return g_strdup_printf (_("Source: %s"), line->str);
}

PangoContext *
rex_chart_measuring_context (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_copy (image_font_options ());

  /* Unhinted metrics: text measures the same on screen, in PNG, SVG and
   * PDF, so every output of a spec and size has the same layout. The
   * image surface's options are merged in as drawing a PNG merges them:
   * the layouts measured here then stay valid when drawn there, instead
   * of being shaped again with fonts loaded again. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

double
rex_chart_body_size (const RexChartStyle *style,
                     double               width,
                     double               height)
{
  /* Text grows gently with the chart so large exports stay in proportion,
   * in steps of a quarter pixel: every size of text stays in Pango's, cairo's
   * and fontconfig's caches, and a window resized through a thousand sizes
   * would otherwise leave a thousand sizes of every font there. */
  return round (style->font_size * CLAMP (MIN (width / 900.0, height / 600.0), 0.8, 2.5) * 4) / 4;
}

static void
ensure_layout (RexChart            *self,
               double               width,
               double               height,
               const RexChartStyle *style)
{
  RexChartFrame *frame = &self->frame;
  g_autofree char *source_line = NULL;
  double margin, top, bottom, tw, th;

  if (self->laid_out && frame->width == width && frame->height == height
      && style_equal (self->laid_style, style))
    return;
  if (style->number_format != self->number_format)
    prepare_for_number_format (self, style->number_format);

  g_clear_pointer (&self->laid_style, rex_chart_style_free);
  self->laid_style = rex_chart_style_copy (style);
  g_array_set_size (self->items, 0);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->footer_layout);
  if (frame->fonts == NULL)
    {
      frame->fonts = g_array_new (FALSE, FALSE, sizeof (FontEntry));
      g_array_set_clear_func (frame->fonts, font_entry_clear);
    }
  /* Sizes depend on em and the family on the style: measure afresh. */
  g_array_set_size (frame->fonts, 0);

  if (frame->pango == NULL)
    frame->pango = rex_chart_measuring_context (pango_cairo_font_map_get_default ());

  frame->width = width;
  frame->height = height;
  frame->style = self->laid_style;
  frame->em = rex_chart_body_size (style, width, height);
  margin = frame->em * 1.4;

  self->title_layout = rex_chart_role_text (frame, rex_chart_get_title (self), REX_CHART_TEXT_TITLE);
  pango_layout_set_width (self->title_layout, (int) ((width - 2 * margin) * PANGO_SCALE));
  pango_layout_set_ellipsize (self->title_layout, PANGO_ELLIPSIZE_END);
  rex_chart_text_size (self->title_layout, &tw, &th);
  top = margin + th;

  if (self->subtitle && *self->subtitle)
    {
      self->subtitle_layout = rex_chart_role_text (frame, self->subtitle, REX_CHART_TEXT_SUBTITLE);
      pango_layout_set_width (self->subtitle_layout, (int) ((width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_ellipsize (self->subtitle_layout, PANGO_ELLIPSIZE_END);
      rex_chart_text_size (self->subtitle_layout, NULL, &th);
      top += frame->em * 0.2 + th;
    }
  top += frame->em * 1.0;

  bottom = height - margin;
  source_line = format_source_line (self);
  if (source_line != NULL)
    {
      self->footer_layout = rex_chart_role_text (frame, source_line, REX_CHART_TEXT_SMALL);
      pango_layout_set_width (self->footer_layout, (int) ((width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_wrap (self->footer_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (self->footer_layout, -2);  /* at most two lines */
      pango_layout_set_ellipsize (self->footer_layout, PANGO_ELLIPSIZE_END);
      rex_chart_text_size (self->footer_layout, NULL, &th);
      bottom -= th + frame->em * 0.8;
    }

  frame->x = margin;
  frame->y = top;
  frame->w = MAX (width - 2 * margin, 1.0);
  frame->h = MAX (bottom - top, 1.0);

  if (self->empty_message == NULL && self->impl->legend_height != NULL)
    {
      double legend = self->impl->legend_height (self, self->data, frame);
      frame->y += legend;
      frame->h = MAX (frame->h - legend, 1.0);
    }

  if (self->empty_message == NULL)
    self->impl->layout (self, self->data, frame, self->items);
  for (guint i = 0; i < self->items->len; i++)
    g_array_index (self->items, RexChartItem, i).index = i;
  self->laid_out = TRUE;
}

void
rex_chart_draw (RexChart            *self,
                cairo_t             *cr,
                double               width,
                double               height,
                const RexChartStyle *style)
{
  RexChartFrame *frame;
  double margin;

  g_return_if_fail (REX_IS_CHART (self));
  g_return_if_fail (cr != NULL && style != NULL);

  if (width < 1 || height < 1)
    return;
  ensure_layout (self, width, height, style);
  frame = &self->frame;
  margin = frame->em * 1.4;

  cairo_save (cr);
  if (!style->transparent)
    {
      rex_chart_set_color (cr, &style->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  pango_cairo_update_context (cr, frame->pango);

  rex_chart_draw_text (cr, self->title_layout, margin, margin, 0, 0, &style->foreground);
  if (self->subtitle_layout)
    {
      double th;
      rex_chart_text_size (self->title_layout, NULL, &th);
      rex_chart_draw_text (cr, self->subtitle_layout, margin, margin + th + frame->em * 0.2,
                           0, 0, &style->muted);
    }
  if (self->footer_layout)
    rex_chart_draw_text (cr, self->footer_layout, margin, height - margin, 0, 1.0, &style->muted);

  if (self->empty_message != NULL)
    rex_chart_draw_message (cr, frame, self->empty_message);
  else
    self->impl->draw (self, self->data, cr, frame);
  cairo_restore (cr);
}

void
rex_chart_layout (RexChart            *self,
                  double               width,
                  double               height,
                  const RexChartStyle *style)
{
  g_return_if_fail (REX_IS_CHART (self));
  g_return_if_fail (style != NULL);

  if (width >= 1 && height >= 1)
    ensure_layout (self, width, height, style);
}

void
rex_chart_draw_hover (RexChart            *self,
                      cairo_t             *cr,
                      const RexChartItem  *item,
                      const RexChartStyle *style)
{
  g_return_if_fail (REX_IS_CHART (self));

  if (!self->laid_out || item == NULL || item->index >= self->items->len)
    return;
  cairo_save (cr);
  if (self->impl->draw_hover)
    self->impl->draw_hover (self, self->data, cr, &self->frame, item);
  else
    {
      rex_chart_set_color (cr, &style->hover);
      cairo_set_line_width (cr, 2.0);
      cairo_arc (cr, item->x, item->y, self->frame.em * 0.6, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

gboolean
rex_chart_hit_test (RexChart     *self,
                    double        x,
                    double        y,
                    RexChartItem *item)
{
  int index;

  g_return_val_if_fail (REX_IS_CHART (self), FALSE);

  if (!self->laid_out || self->empty_message != NULL || self->impl->hit_test == NULL)
    return FALSE;
  index = self->impl->hit_test (self, self->data, &self->frame, x, y);
  if (index < 0 || (guint) index >= self->items->len)
    return FALSE;
  if (item)
    *item = g_array_index (self->items, RexChartItem, index);
  return TRUE;
}

guint
rex_chart_get_n_items (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), 0);
  return self->laid_out ? self->items->len : 0;
}

gboolean
rex_chart_get_item (RexChart     *self,
                    guint         index,
                    RexChartItem *item)
{
  g_return_val_if_fail (REX_IS_CHART (self), FALSE);

  if (!self->laid_out || index >= self->items->len)
    return FALSE;
  *item = g_array_index (self->items, RexChartItem, index);
  return TRUE;
}

char *
rex_chart_describe (RexChart *self)
{
  g_return_val_if_fail (REX_IS_CHART (self), NULL);

  if (self->empty_message != NULL)
    return g_strdup_printf ("%s. %s", rex_chart_get_title (self), self->empty_message);
  if (self->impl->describe)
    return self->impl->describe (self, self->data);
  return g_strdup_printf ("%s. %s", rex_chart_get_title (self), rex_chart_get_subtitle (self));
}

char *
rex_chart_metric_label (RexMetric *metric)
{
  const char *unit = rex_metric_get_display_unit (metric);

  /* A table that gave no unit: the name alone, not "huge ()". */
  if (unit == NULL || *unit == '\0')
    return g_strdup (rex_metric_get_display_name (metric));
  /* Translators: a metric and its unit, as an axis title or a table column:
     "GDP (100 million yuan)"; Chinese takes full-width brackets */
  return g_strdup_printf (_("%s (%s)"), rex_metric_get_display_name (metric), unit);
}

GString *
rex_chart_item_sentence (const char *name,
                         RexMetric  *metric,
                         int         year,
                         double      value)
{
  GString *text = g_string_new (NULL);
  g_autofree char *number = NULL;

  if (metric == NULL)
    {
      number = rex_format_figure (value, -1);
      g_string_append_printf (text, "%s: %s", name, isnan (value) ? _("no data") : number);
      return text;
    }
  number = rex_format_figure (value, rex_metric_get_decimals (metric));
  if (isnan (value) && year != 0)
    {
      g_autofree char *when = rex_format_year (year);

      /* Translators: screen reader name of a chart item without a value: "Tibet, GDP 2024: no data" */
      g_string_append_printf (text, _("%s, %s %s: no data"), name, rex_metric_get_display_name (metric), when);
    }
  else if (isnan (value))
    /* Translators: screen reader name of a chart item without a value: "Tibet, GDP: no data" */
    g_string_append_printf (text, _("%s, %s: no data"), name, rex_metric_get_display_name (metric));
  else if (year != 0)
    {
      g_autofree char *when = rex_format_year (year);

      /* Translators: screen reader name of a chart item: region, metric, year, value and unit:
       * "Guangdong, GDP 2024: 141,634 100 million yuan" */
      g_string_append_printf (text, _("%s, %s %s: %s %s"), name, rex_metric_get_display_name (metric), when,
                              number, rex_metric_get_display_unit (metric));
    }
  else
    /* Translators: screen reader name of a chart item: region, metric, value and unit */
    g_string_append_printf (text, _("%s, %s: %s %s"), name, rex_metric_get_display_name (metric),
                            number, rex_metric_get_display_unit (metric));
  return text;
}

void
rex_chart_append_item_notes (RexChart   *self,
                             GString    *sentence,
                             RexRegion  *region,
                             const char *metric_id,
                             int         year,
                             gboolean    highlights)
{
  g_autofree char *status = NULL;
  int entry;

  if (region == NULL)
    return;
  entry = rex_chart_region_color_entry (self, region);
  if (entry >= 0 && (guint) entry < self->color_key->len)
    /* Translators: separator before a further fact in a chart item's screen reader name */
    g_string_append_printf (sentence, "%s%s", C_("item name", ", "),
                            g_array_index (self->color_key, RexColorKeyEntry, entry).label);
  if (metric_id != NULL)
    status = rex_chart_datum_status (rex_chart_get_datum (region, metric_id, year));
  if (status != NULL && *status)
    g_string_append_printf (sentence, "%s%s", C_("item name", ", "), status);
  if (highlights && rex_chart_spec_has_region (self->spec, rex_region_get_id (region)))
    {
      /* Translators: in a chart item's screen reader name: the region is one of those selected */
      const char *selected = C_("chart item", "selected");

      g_string_append_printf (sentence, "%s%s", C_("item name", ", "), selected);
    }
}

char *
rex_chart_describe_item (RexChart           *self,
                         const RexChartItem *item)
{
  RexMetric *metric;
  GString *text;

  g_return_val_if_fail (REX_IS_CHART (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (self->impl->describe_item != NULL)
    return self->impl->describe_item (self, self->data, item);
  metric = item->metric_id ? rex_dataset_lookup_metric (self->dataset, item->metric_id) : NULL;
  text = rex_chart_item_sentence (item->region ? rex_region_get_display_name (item->region)
                                               : item->label ? item->label : "",
                                  metric, item->year, item->value);
  rex_chart_append_item_notes (self, text, item->region, item->metric_id, item->year, TRUE);
  return g_string_free (text, FALSE);
}

char **
rex_chart_dup_legend (RexChart *self)
{
  GPtrArray *entries;

  g_return_val_if_fail (REX_IS_CHART (self), NULL);

  entries = g_ptr_array_new ();
  if (self->empty_message != NULL)
    ;
  else if (self->impl->legend != NULL)
    self->impl->legend (self, self->data, entries);
  else if (self->spec->color_by != REX_COLOR_BY_NONE)
    {
      GArray *key = ensure_color_key (self);

      for (guint i = 0; i < key->len; i++)
        g_ptr_array_add (entries, g_strdup (g_array_index (key, RexColorKeyEntry, i).label));
    }
  g_ptr_array_add (entries, NULL);
  return (char **) g_ptr_array_free (entries, FALSE);
}

RexChartTable *
rex_chart_get_table (RexChart *self)
{
  RexChartTable *table;

  g_return_val_if_fail (REX_IS_CHART (self), NULL);

  table = rex_chart_table_new ();
  table->source_line = format_source_line (self);
  if (self->impl->fill_table)
    self->impl->fill_table (self, self->data, table);
  return table;
}

void
rex_chart_table_add_columns (RexChartTable *table,
                             const char    *first,
                             ...)
{
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (table->columns, g_strdup (name));
  va_end (args);
}

void
rex_chart_table_add_region_columns (RexChartTable *table,
                                    RexMetric     *metric)
{
  rex_chart_table_add_columns (table, _("Region id"), _("Region"), _("Year"), NULL);
  g_ptr_array_add (table->columns, rex_chart_metric_label (metric));
}

void
rex_chart_table_add_metric_cells (GPtrArray *cells,
                                  RexMetric *metric)
{
  g_ptr_array_add (cells, g_strdup (rex_metric_get_id (metric)));
  g_ptr_array_add (cells, g_strdup (rex_metric_get_display_name (metric)));
  g_ptr_array_add (cells, g_strdup (rex_metric_get_display_unit (metric)));
}

RexChartTable *
rex_chart_table_new (void)
{
  RexChartTable *table = g_new0 (RexChartTable, 1);

  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return table;
}

void
rex_chart_table_free (RexChartTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table->source_line);
  g_free (table);
}

gboolean
rex_chart_table_parse_number (const char *cell,
                              double     *value)
{
  char *end = NULL;

  if (cell == NULL || *cell == '\0')
    return FALSE;
  *value = g_ascii_strtod (cell, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

gboolean
rex_chart_table_column_is_numeric (const RexChartTable *table,
                                   guint                column)
{
  guint n_numbers = 0;

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *cells = table->rows->pdata[r];
      const char *cell = column < cells->len ? cells->pdata[column] : NULL;
      double v;

      if (cell == NULL || *cell == '\0')
        continue;
      if (!rex_chart_table_parse_number (cell, &v))
        return FALSE;
      n_numbers++;
    }
  return n_numbers > 0;
}
