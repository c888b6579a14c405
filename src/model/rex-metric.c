/* rex-metric.c — an indicator: its name, unit, default source, policy target
 * and the notes (breaks, estimates) that qualify its series.
 */
#include "config.h"

#include <math.h>

#include "rex-model-private.h"

G_DEFINE_FINAL_TYPE (RexMetric, rex_metric, G_TYPE_OBJECT)

enum {
  PROP_UNIT = REX_NAMED_N_PROPS,
  PROP_UNIT_ZH,
  PROP_DISPLAY_UNIT,
  PROP_DESCRIPTION,
  PROP_SOURCE_ID,
  PROP_HIGHER_IS_BETTER,
  PROP_PERCENT,
  PROP_DECIMALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
rex_series_note_clear (RexSeriesNote *note)
{
  g_clear_pointer (&note->text, g_free);
  g_clear_pointer (&note->text_zh, g_free);
}

static void
rex_metric_finalize (GObject *object)
{
  RexMetric *self = (RexMetric *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_zh);
  g_free (self->unit);
  g_free (self->unit_zh);
  g_free (self->description);
  g_free (self->source_id);
  g_free (self->target_source_id);
  g_free (self->target_text);
  g_free (self->weight_id);
  g_clear_pointer (&self->notes, g_array_unref);

  G_OBJECT_CLASS (rex_metric_parent_class)->finalize (object);
}

static void
rex_metric_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RexMetric *self = REX_METRIC (object);

  if (rex_named_get_property (prop_id, value, self->id, self->name, self->name_zh))
    return;
  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_UNIT_ZH:
      g_value_set_string (value, self->unit_zh);
      break;
    case PROP_DISPLAY_UNIT:
      g_value_set_string (value, rex_metric_get_display_unit (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;
    case PROP_HIGHER_IS_BETTER:
      g_value_set_boolean (value, self->higher_is_better);
      break;
    case PROP_PERCENT:
      g_value_set_boolean (value, self->percent);
      break;
    case PROP_DECIMALS:
      g_value_set_int (value, self->decimals);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_metric_class_init (RexMetricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rex_metric_finalize;
  object_class->get_property = rex_metric_get_property;

  rex_named_install_properties (properties, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_UNIT_ZH] = g_param_spec_string ("unit-zh", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_UNIT] = g_param_spec_string ("display-unit", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_ID] = g_param_spec_string ("source-id", NULL, NULL, NULL, flags);
  properties[PROP_HIGHER_IS_BETTER] =
    g_param_spec_boolean ("higher-is-better", NULL, NULL, TRUE, flags);
  properties[PROP_PERCENT] = g_param_spec_boolean ("percent", NULL, NULL, FALSE, flags);
  properties[PROP_DECIMALS] = g_param_spec_int ("decimals", NULL, NULL, -1, 6, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_metric_init (RexMetric *self)
{
  self->decimals = -1;
  self->higher_is_better = TRUE;
  self->target_value = NAN;
  self->notes = g_array_new (FALSE, TRUE, sizeof (RexSeriesNote));
  g_array_set_clear_func (self->notes, (GDestroyNotify) rex_series_note_clear);
}

RexMetric *
rex_metric_new (void)
{
  return g_object_new (REX_TYPE_METRIC, NULL);
}

const char *
rex_metric_get_id (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->id;
}

const char *
rex_metric_get_name (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->name;
}

const char *
rex_metric_get_name_zh (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->name_zh;
}

const char *
rex_metric_get_display_name (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return rex_pick_localized (self->name, self->name_zh);
}

const char *
rex_metric_get_unit (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->unit;
}

const char *
rex_metric_get_unit_zh (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->unit_zh;
}

const char *
rex_metric_get_display_unit (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return rex_pick_localized (self->unit, self->unit_zh);
}

const char *
rex_metric_get_description (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->description;
}

const char *
rex_metric_get_source_id (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->source_id;
}

gboolean
rex_metric_get_higher_is_better (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), TRUE);

  return self->higher_is_better;
}

gboolean
rex_metric_get_percent (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), FALSE);

  return self->percent;
}

/* A figure in per cent: a 0–100 share (the dataset's "percent") or any
 * metric whose unit starts with "%" (a growth rate, which can be negative
 * and so is no share). Such figures change in percentage points, and the
 * nation's figure is the reference to read a region's against. */
gboolean
rex_metric_is_in_percent (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), FALSE);

  return self->percent || (self->unit != NULL && self->unit[0] == '%');
}

gboolean
rex_metric_changes_in_points (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), FALSE);

  return rex_metric_is_in_percent (self)
         || (self->unit != NULL && (strstr (self->unit, "percentage point") != NULL
                                    || strstr (self->unit, "百分点") != NULL))
         || (self->unit_zh != NULL && strstr (self->unit_zh, "百分点") != NULL);
}

int
rex_metric_get_decimals (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), -1);

  return self->decimals;
}

gboolean
rex_metric_get_target (RexMetric   *self,
                       double      *value,
                       int         *year,
                       const char **source_id)
{
  g_return_val_if_fail (REX_IS_METRIC (self), FALSE);

  if (!self->has_target)
    return FALSE;

  if (value != NULL)
    *value = self->target_value;
  if (year != NULL)
    *year = self->target_year;
  if (source_id != NULL)
    *source_id = self->target_source_id;

  return TRUE;
}

GArray *
rex_metric_get_notes (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->notes;
}

const char *
rex_metric_get_target_text (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->has_target ? self->target_text : NULL;
}

RexCombine
rex_metric_get_combine (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), REX_COMBINE_NONE);

  return self->combine;
}

/* Whether @word stands in @text (lower case) at the start of a word. */
static gboolean
has_word (const char *text,
          const char *word)
{
  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    if (p == text || !g_ascii_isalpha (p[-1]))
      return TRUE;
  return FALSE;
}

gboolean
rex_metric_text_says_rate (const char *text)
{
  static const char * const marks[] = {
    "人均", "率", "比重", "占比", "比例", "指数", "增长", "增速", "增幅", "平均", "密度", "单产", "每",
    "百分", "%", "％", "‰", "/", NULL
  };
  static const char * const words[] = {
    "per ", "per-", "rate", "ratio", "share", "index", "growth", "average", "density", "yield",
    "percent", NULL
  };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  for (guint i = 0; marks[i] != NULL; i++)
    if (strstr (text, marks[i]) != NULL)
      return TRUE;
  lower = g_utf8_strdown (text, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (has_word (lower, words[i]))
      return TRUE;
  return FALSE;
}

gboolean
rex_metric_adds_up (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), FALSE);

  if (self->combine != REX_COMBINE_NONE)
    return self->combine == REX_COMBINE_SUM;
  return !self->percent
         && !rex_metric_text_says_rate (self->name)
         && !rex_metric_text_says_rate (self->name_zh)
         && !rex_metric_text_says_rate (self->unit)
         && !rex_metric_text_says_rate (self->unit_zh);
}

const char *
rex_metric_get_weight_id (RexMetric *self)
{
  g_return_val_if_fail (REX_IS_METRIC (self), NULL);

  return self->weight_id;
}
