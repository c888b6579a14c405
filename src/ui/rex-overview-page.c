/* rex-overview-page.c — the Overview: headline cards and small charts.
 *
 * Cards (RexHeadlineCard) come from the dataset's "headlines". The small
 * charts are ordinary charts of the render layer. */
#include "config.h"

#include "rex-chart-view.h"
#include "rex-headline-card.h"
#include "rex-overview-page.h"

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
