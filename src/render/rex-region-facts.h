/* rex-region-facts.h — what a region's profile says of each metric: the
 * latest value with its year, status, rank among the regions of its kind and
 * source. The profile window and the profile chart (REX_CHART_KIND_PROFILE,
 * which exports it) read the same facts. */
#pragma once

#include <cairo.h>

#include "rex-chart-style.h"
#include "rex-model.h"

G_BEGIN_DECLS

typedef struct
{
  RexMetric      *metric;   /* borrowed from the dataset */
  RexSeries      *series;   /* borrowed from the region */
  int             year;     /* of the latest value */
  double          value;
  const RexDatum *datum;    /* nullable */
  guint           rank;     /* 1 = largest among the regions of the kind with a value that year */
  guint           count;    /* how many have one; a rank is shown only when more than one */
  RexSource      *source;   /* the value's source, else the metric's; nullable */
} RexRegionFact;

/* One fact per metric of @dataset that @region has a value of, in the
 * dataset's order of metrics. */
GArray *rex_region_facts_collect         (RexDataset          *dataset,
                                          RexRegion           *region);
/* "141,489 (100 million yuan)", with the value's qualifier. */
char   *rex_region_fact_format_value     (const RexRegionFact *fact,
                                          RexNumberFormat      format);
/* "2024 · final · rank 1 of 31", or "2024 · final" without a rank. */
char   *rex_region_fact_format_detail    (const RexRegionFact *fact);
/* "Source: …", or NULL. */
char   *rex_region_fact_format_source    (const RexRegionFact *fact);
/* The groups @region belongs to, its parents first, as borrowed pointers. */
GPtrArray *rex_region_facts_groups       (RexRegion           *region);

/* Draws @series small over (x, y, width, height) in @cr's current source:
 * a line with gaps where a year has no value, and a dot on the last value. */
void    rex_draw_sparkline               (cairo_t             *cr,
                                          RexSeries           *series,
                                          double               x,
                                          double               y,
                                          double               width,
                                          double               height);

G_END_DECLS
