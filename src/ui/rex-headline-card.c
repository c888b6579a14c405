/* rex-headline-card.c — one of the Overview's headline figures: the value
 * as the dataset records it ("≈" for "about", "&gt;" for "more than"), what
 * it measures, its unit, region and year, and its source. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-headline-card.h"

struct _RexHeadlineCard
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *value_label;
  GtkLabel  *label_label;
  GtkLabel  *detail_label;
  GtkLabel  *source_label;
};

G_DEFINE_FINAL_TYPE (RexHeadlineCard, rex_headline_card, GTK_TYPE_WIDGET)

static void
rex_headline_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REX_TYPE_HEADLINE_CARD);
  G_OBJECT_CLASS (rex_headline_card_parent_class)->dispose (object);
}

static void
rex_headline_card_class_init (RexHeadlineCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rex_headline_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-headline-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RexHeadlineCard, box);
  gtk_widget_class_bind_template_child (widget_class, RexHeadlineCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, RexHeadlineCard, label_label);
  gtk_widget_class_bind_template_child (widget_class, RexHeadlineCard, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RexHeadlineCard, source_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rex_headline_card_init (RexHeadlineCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rex_headline_card_new (RexDataset        *dataset,
                       const RexHeadline *headline,
                       RexNumberFormat    format)
{
  RexRegion *region = rex_dataset_lookup_region (dataset, headline->region_id);
  RexMetric *metric = rex_dataset_lookup_metric (dataset, headline->metric_id);
  RexSeries *series = region ? rex_region_get_series (region, headline->metric_id) : NULL;
  const RexDatum *datum = series ? rex_series_get_datum (series, headline->year) : NULL;
  RexSource *source;
  RexHeadlineCard *self;
  g_autofree char *number = NULL;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *year = NULL;
  g_autofree char *citation = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *unit = NULL;

  if (metric == NULL || datum == NULL || isnan (datum->value))
    return NULL;

  self = g_object_new (REX_TYPE_HEADLINE_CARD, NULL);
  /* One rule for every card: never "140k" beside "95,380". */
  number = rex_format_headline_in_unit (datum->value, rex_metric_get_decimals (metric),
                                        rex_metric_get_display_unit (metric), format, &unit);
  if (rex_metric_get_percent (metric) || g_strcmp0 (unit, "%") == 0)
    value = g_strdup_printf ("%s%s%%", rex_format_qualifier_prefix (datum->qualifier), number);
  else
    value = g_strdup_printf ("%s%s", rex_format_qualifier_prefix (datum->qualifier), number);
  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->label_label, rex_pick_localized (headline->label, headline->label_zh));

  year = rex_format_year (headline->year);
  /* Translators: under a headline figure: "unit · region · year" */
  detail = g_strdup_printf (_("%s · %s · %s"), unit, rex_region_get_display_name (region), year);
  gtk_label_set_text (self->detail_label, detail);

  source = rex_dataset_get_value_source (dataset, region, headline->metric_id, headline->year);
  if (source != NULL)
    {
      citation = rex_source_format_citation (source);
      gtk_label_set_text (self->source_label, citation);
    }
  accessible = g_strdup_printf ("%s: %s, %s", gtk_label_get_text (self->label_label), value, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return GTK_WIDGET (self);
}
