/* rex-region-facts.c — a region's facts, metric by metric; see the header. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-region-facts.h"
#include "rex-value-format.h"

static const char *
status_label (RexValueStatus status)
{
  switch (status)
    {
    case REX_VALUE_STATUS_PRELIMINARY:
      return C_("value status", "preliminary");
    case REX_VALUE_STATUS_ESTIMATE:
      return C_("value status", "estimate");
    case REX_VALUE_STATUS_DERIVED:
      return C_("value status", "derived");
    case REX_VALUE_STATUS_FINAL:
    default:
      return C_("value status", "final");
    }
}

static void
rank_in_kind (RexDataset    *dataset,
              RexRegion     *region,
              RexRegionFact *fact)
{
  g_autoptr(GPtrArray) peers = rex_dataset_get_regions_of_kind (dataset, rex_region_get_kind (region));
  const char *id = rex_metric_get_id (fact->metric);

  fact->rank = 1;
  fact->count = 0;
  for (guint i = 0; i < peers->len; i++)
    {
      double other;

      if (!rex_region_get_value (peers->pdata[i], id, fact->year, &other))
        continue;
      fact->count++;
      if (other > fact->value)
        fact->rank++;
    }
}

GArray *
rex_region_facts_collect (RexDataset *dataset,
                          RexRegion  *region)
{
  GArray *facts = g_array_new (FALSE, TRUE, sizeof (RexRegionFact));
  GListModel *metrics;

  g_return_val_if_fail (REX_IS_DATASET (dataset), facts);
  g_return_val_if_fail (REX_IS_REGION (region), facts);

  metrics = rex_dataset_get_metrics (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);
      RexRegionFact fact = { metric, rex_region_get_series (region, rex_metric_get_id (metric)) };

      if (fact.series == NULL || !rex_series_get_latest (fact.series, G_MAXINT, &fact.year, &fact.value))
        continue;
      fact.datum = rex_series_get_datum (fact.series, fact.year);
      rank_in_kind (dataset, region, &fact);
      if (fact.datum != NULL)
        fact.source = rex_dataset_get_source_at (dataset, fact.datum->source);
      if (fact.source == NULL)
        fact.source = rex_dataset_lookup_source (dataset, rex_metric_get_source_id (metric));
      g_array_append_val (facts, fact);
    }
  return facts;
}

char *
rex_region_fact_format_value (const RexRegionFact *fact,
                              RexNumberFormat      format)
{
  return rex_format_quantity (fact->metric, fact->value,
                              fact->datum ? fact->datum->qualifier : REX_QUALIFIER_EXACT, format);
}

char *
rex_region_fact_format_detail (const RexRegionFact *fact)
{
  const char *status = status_label (fact->datum ? fact->datum->status : REX_VALUE_STATUS_FINAL);
  g_autofree char *year = rex_format_year (fact->year);

  if (fact->count > 1)
    /* Translators: a profile metric's year, status and rank among the regions of its kind: "2024 · final · rank 3 of 31" */
    return g_strdup_printf (_("%s · %s · rank %u of %u"), year, status, fact->rank, fact->count);
  /* Translators: a profile's metric: year and status, "2024 · final" */
  return g_strdup_printf (_("%s · %s"), year, status);
}

char *
rex_region_fact_format_source (const RexRegionFact *fact)
{
  g_autofree char *citation = NULL;

  if (fact->source == NULL)
    return NULL;
  citation = rex_source_format_citation (fact->source);
  /* Translators: the source line of a profile's metric */
  return g_strdup_printf (_("Source: %s"), citation);
}

GPtrArray *
rex_region_facts_groups (RexRegion *region)
{
  GPtrArray *groups = g_ptr_array_new ();
  GPtrArray *memberships = rex_region_get_memberships (region);

  for (RexRegion *parent = rex_region_get_parent (region); parent; parent = rex_region_get_parent (parent))
    g_ptr_array_add (groups, parent);
  for (guint i = 0; i < memberships->len; i++)
    g_ptr_array_add (groups, memberships->pdata[i]);
  return groups;
}

void
rex_draw_sparkline (cairo_t   *cr,
                    RexSeries *series,
                    double     x,
                    double     y,
                    double     width,
                    double     height)
{
  int first, last;
  double lo, hi;
  gboolean pen_down = FALSE;

  if (series == NULL || !rex_series_get_year_range (series, &first, &last)
      || !rex_series_get_extent (series, FALSE, &lo, &hi) || width < 8 || height < 8)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);
  for (int year = first; year <= last; year++)
    {
      double value, px, py;

      /* A year without a value is a gap, as in the charts. */
      if (!rex_series_get_value (series, year, &value))
        {
          pen_down = FALSE;
          continue;
        }
      px = x + 2 + (last > first ? (double) (year - first) / (last - first) : 0.5) * (width - 4);
      py = y + height - 2 - (hi > lo ? (value - lo) / (hi - lo) : 0.5) * (height - 4);
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
      if (year == last)
        {
          cairo_stroke (cr);
          cairo_arc (cr, px, py, 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}
