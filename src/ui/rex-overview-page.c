/* rex-overview-page.c — the Overview: headline cards and small charts.
 *
 * Cards come from the dataset's "headlines"; each shows the value as the
 * dataset records it ("≈" for "about", "&gt;" for "more than"), its year and
 * its source. The small charts are ordinary charts of the render layer. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-view.h"
#include "rex-overview-page.h"

/* --- RexHeadlineCard --- */

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

static const char *
qualifier_prefix (RexQualifier qualifier)
{
  switch (qualifier)
    {
    case REX_QUALIFIER_ABOUT:
      return "≈";
    case REX_QUALIFIER_OVER:
      return ">";
    case REX_QUALIFIER_UNDER:
      return "<";
    case REX_QUALIFIER_EXACT:
    default:
      return "";
    }
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
  const char *unit;

  if (metric == NULL || datum == NULL || isnan (datum->value))
    return NULL;

  self = g_object_new (REX_TYPE_HEADLINE_CARD, NULL);
  /* One rule for every card: never "140k" beside "95,380". */
  number = rex_format_headline (datum->value, rex_metric_get_decimals (metric), format);
  unit = rex_metric_get_display_unit (metric);
  if (rex_metric_get_percent (metric) || g_strcmp0 (unit, "%") == 0)
    value = g_strdup_printf ("%s%s%%", qualifier_prefix (datum->qualifier), number);
  else
    value = g_strdup_printf ("%s%s", qualifier_prefix (datum->qualifier), number);
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

/* --- RexOverviewPage --- */

struct _RexOverviewPage
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkLabel     *title_label;
  GtkLabel     *description_label;
  GtkFlowBox   *cards;
  GtkWidget    *no_headlines_label;
  RexChartView *trend_chart;
  RexChartView *shares_chart;
  RexChartView *rural_chart;

  RexDataset   *dataset;
  RexNumberFormat number_format;
  guint         n_cards;
};

G_DEFINE_FINAL_TYPE (RexOverviewPage, rex_overview_page, GTK_TYPE_WIDGET)

/* A small chart from @spec, or none when the dataset cannot draw it (e.g. a
 * user's dataset without these metrics): the card then stays hidden. */
static void
set_small_chart (RexOverviewPage *self,
                 RexChartView    *view,
                 RexDataset      *dataset,
                 RexChartSpec    *spec)
{
  g_autoptr(RexChart) chart = rex_chart_new (dataset, spec, NULL);

  if (chart != NULL && rex_chart_get_empty_message (chart) != NULL)
    g_clear_object (&chart);
  rex_chart_view_set_chart (view, chart);
  gtk_widget_set_visible (GTK_WIDGET (view), chart != NULL);
}

static gboolean
has_metric (RexDataset *dataset,
            const char *id)
{
  return rex_dataset_lookup_metric (dataset, id) != NULL;
}

static void
fill_cards (RexOverviewPage *self)
{
  GArray *headlines = rex_dataset_get_headlines (self->dataset);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_flow_box_remove (self->cards, child);
  self->n_cards = 0;
  for (guint i = 0; i < headlines->len; i++)
    {
      GtkWidget *card = rex_headline_card_new (self->dataset, &g_array_index (headlines, RexHeadline, i),
                                               self->number_format);
      if (card != NULL)
        {
          gtk_flow_box_append (self->cards, card);
          /* The focusable cell around the card is what a screen reader
           * lands on: it reads the card's own sentence, not "GtkFlowBoxChild". */
          gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (card)),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY, card, NULL,
                                          -1);
          self->n_cards++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cards), self->n_cards > 0);
  gtk_widget_set_visible (self->no_headlines_label, self->n_cards == 0);
}

void
rex_overview_page_set_number_format (RexOverviewPage *self,
                                     RexNumberFormat  format)
{
  g_return_if_fail (REX_IS_OVERVIEW_PAGE (self));
  if (self->number_format == format)
    return;
  self->number_format = format;
  rex_chart_view_set_number_format (self->trend_chart, format);
  rex_chart_view_set_number_format (self->shares_chart, format);
  rex_chart_view_set_number_format (self->rural_chart, format);
  if (self->dataset != NULL)
    fill_cards (self);
}

void
rex_overview_page_set_dataset (RexOverviewPage *self,
                               RexDataset      *dataset)
{
  g_autoptr(RexChartSpec) trend = rex_chart_spec_new (REX_CHART_KIND_LINES);
  g_autoptr(RexChartSpec) shares = rex_chart_spec_new (REX_CHART_KIND_SHARES);
  g_autoptr(RexChartSpec) rural = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);

  g_return_if_fail (REX_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (REX_IS_DATASET (dataset));

  g_set_object (&self->dataset, dataset);
  gtk_label_set_text (self->title_label, rex_dataset_get_display_title (dataset));
  gtk_label_set_text (self->description_label,
                      rex_dataset_get_display_description (dataset) ? rex_dataset_get_display_description (dataset) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), rex_dataset_get_display_description (dataset) != NULL);

  fill_cards (self);

  trend->metric = g_strdup (has_metric (dataset, "urbanization") ? "urbanization" : NULL);
  if (trend->metric != NULL)
    set_small_chart (self, self->trend_chart, dataset, trend);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->trend_chart), FALSE);

  if (has_metric (dataset, "cluster_population_share") && has_metric (dataset, "cluster_gdp_share"))
    {
      shares->metric = g_strdup ("cluster_population_share,cluster_gdp_share");
      set_small_chart (self, self->shares_chart, dataset, shares);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->shares_chart), FALSE);

  set_small_chart (self, self->rural_chart, dataset, rural);
}

guint
rex_overview_page_get_n_cards (RexOverviewPage *self)
{
  g_return_val_if_fail (REX_IS_OVERVIEW_PAGE (self), 0);
  return self->n_cards;
}

static void
rex_overview_page_dispose (GObject *object)
{
  g_clear_object (&REX_OVERVIEW_PAGE (object)->dataset);
  gtk_widget_dispose_template (GTK_WIDGET (object), REX_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (rex_overview_page_parent_class)->dispose (object);
}

static void
rex_overview_page_class_init (RexOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rex_overview_page_dispose;
  g_type_ensure (REX_TYPE_CHART_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, cards);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, no_headlines_label);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, shares_chart);
  gtk_widget_class_bind_template_child (widget_class, RexOverviewPage, rural_chart);
}

static void
rex_overview_page_init (RexOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
