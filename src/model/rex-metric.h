/* rex-metric.h — an indicator: name, unit, source, target and series notes. */
#pragma once

#include "rex-model-types.h"

G_BEGIN_DECLS

#define REX_TYPE_METRIC (rex_metric_get_type ())
G_DECLARE_FINAL_TYPE (RexMetric, rex_metric, REX, METRIC, GObject)

typedef struct
{
  int          year;
  RexNoteKind  kind;
  char        *text;
  char        *text_zh;   /* nullable */
} RexSeriesNote;

const char   *rex_metric_get_id               (RexMetric *self);
const char   *rex_metric_get_name             (RexMetric *self);
const char   *rex_metric_get_name_zh          (RexMetric *self);  /* nullable */
/* Name in the UI language. */
const char   *rex_metric_get_display_name     (RexMetric *self);
const char   *rex_metric_get_unit             (RexMetric *self);
const char   *rex_metric_get_unit_zh          (RexMetric *self);  /* nullable */
const char   *rex_metric_get_display_unit     (RexMetric *self);
const char   *rex_metric_get_description      (RexMetric *self);  /* nullable */
/* Default source id of the metric's values; nullable. */
const char   *rex_metric_get_source_id        (RexMetric *self);
gboolean      rex_metric_get_higher_is_better (RexMetric *self);
gboolean      rex_metric_get_percent          (RexMetric *self);
gboolean      rex_metric_is_in_percent        (RexMetric *self);
/* Whether a change of the metric is a difference in percentage points: a
 * metric in per cent (a share, a rate of growth) or a gap in points. Its
 * change as a percentage of itself (7 % to 8 %: "+14 %") would mislead. */
gboolean      rex_metric_changes_in_points    (RexMetric *self);
/* -1 when the dataset does not say. */
int           rex_metric_get_decimals         (RexMetric *self);

/* How group values are derived from members' (docs/dataset-format.md). */
RexCombine    rex_metric_get_combine          (RexMetric *self);
/* Whether the regions' figures add up to a whole, so that each is a share
 * of their sum: a "sum" metric, or one without a rule that is neither a
 * percentage nor named or measured as a rate, a ratio or a figure per head
 * (rex_metric_text_says_rate()). A chart of shares needs it. */
gboolean      rex_metric_adds_up              (RexMetric *self);
/* Whether a metric's name or unit @text says it is a rate, a ratio, a
 * share or a figure per head, whose figures for regions do not add up:
 * "人均生产总值", "GDP growth", "kg per hectare", "%", "元/人"; English
 * words at the start of a word ("integrated" is no rate). */
gboolean      rex_metric_text_says_rate       (const char *text);
/* The metric weighting a mean, or NULL (an unweighted mean, or not a mean). */
const char   *rex_metric_get_weight_id        (RexMetric *self);

gboolean      rex_metric_get_target           (RexMetric   *self,
                                               double      *value,
                                               int         *year,
                                               const char **source_id);
/* Wording of the target as published ("over 90 % by 2025"), or NULL. */
const char   *rex_metric_get_target_text      (RexMetric   *self);
/* Array of RexSeriesNote, sorted by year; never NULL. */
GArray       *rex_metric_get_notes            (RexMetric *self);

G_END_DECLS
