/* rex-region-profile.c — a region's profile: names, groups and every metric.
 *
 * Opened from the sidebar (double-click, or Enter on a row) or from a
 * chart's item, it shows the region's names in both languages, its kind,
 * the groups it belongs to (each opens its own profile) and, for every
 * metric the region has figures of, the latest value with its year and
 * status, its rank among the regions of its kind in that year, a sparkline
 * of the series and its source, with a button that charts it in Trends.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rex-dialog-fit.h"
#include "rex-field-props.h"
#include "rex-focus-guard.h"
#include "rex-region-profile.h"
#include "rex-render.h"

/* --- one metric of the profile --- */

struct _RexProfileMetric
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *value;
  char      *detail;
  char      *source;
  RexSeries *series;
};

G_DEFINE_FINAL_TYPE (RexProfileMetric, rex_profile_metric, G_TYPE_OBJECT)

static void
rex_profile_metric_finalize (GObject *object)
{
  g_free (REX_PROFILE_METRIC (object)->id);
  rex_field_props_clear (object);
  G_OBJECT_CLASS (rex_profile_metric_parent_class)->finalize (object);
}

static void
rex_profile_metric_class_init (RexProfileMetricClass *klass)
{
  const RexFieldProp props[] = {
    { "name", G_TYPE_STRING, G_STRUCT_OFFSET (RexProfileMetric, name) },
    { "value", G_TYPE_STRING, G_STRUCT_OFFSET (RexProfileMetric, value) },
    { "detail", G_TYPE_STRING, G_STRUCT_OFFSET (RexProfileMetric, detail) },
    { "source", G_TYPE_STRING, G_STRUCT_OFFSET (RexProfileMetric, source) },
    { "series", REX_TYPE_SERIES, G_STRUCT_OFFSET (RexProfileMetric, series) },
  };

  G_OBJECT_CLASS (klass)->finalize = rex_profile_metric_finalize;
  rex_field_props_install (G_OBJECT_CLASS (klass), props, G_N_ELEMENTS (props));
}

static void
rex_profile_metric_init (RexProfileMetric *self)
{
}

const char *
rex_profile_metric_get_id (RexProfileMetric *self)
{
  g_return_val_if_fail (REX_IS_PROFILE_METRIC (self), NULL);
  return self->id;
}

const char *
rex_profile_metric_get_value (RexProfileMetric *self)
{
  g_return_val_if_fail (REX_IS_PROFILE_METRIC (self), NULL);
  return self->value;
}

const char *
rex_profile_metric_get_detail (RexProfileMetric *self)
{
  g_return_val_if_fail (REX_IS_PROFILE_METRIC (self), NULL);
  return self->detail;
}

/* --- a series drawn small --- */

#define REX_TYPE_SPARKLINE (rex_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (RexSparkline, rex_sparkline, REX, SPARKLINE, GtkWidget)

struct _RexSparkline
{
  GtkWidget  parent_instance;
  RexSeries *series;
};

G_DEFINE_FINAL_TYPE (RexSparkline, rex_sparkline, GTK_TYPE_WIDGET)

static void
rex_sparkline_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RexSparkline *self = REX_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  cairo_t *cr;

  if (self->series == NULL)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &color);
  rex_draw_sparkline (cr, self->series, 0, 0, width, height);
  cairo_destroy (cr);
}

/* Read as what it shows: the first and the latest value, with years. */
static void
update_sparkline_name (RexSparkline *self)
{
  g_autofree char *name = NULL;
  int first, last;

  if (self->series != NULL && rex_series_get_year_range (self->series, &first, &last))
    {
      double a = NAN, b = NAN;

      while (first < last && !rex_series_get_value (self->series, first, &a))
        first++;
      while (last > first && !rex_series_get_value (self->series, last, &b))
        last--;
      rex_series_get_value (self->series, first, &a);
      rex_series_get_value (self->series, last, &b);
      if (first < last)
        {
          g_autofree char *from = rex_format_number (a, -1);
          g_autofree char *to = rex_format_number (b, -1);
          g_autofree char *since = rex_format_year (first);
          g_autofree char *until = rex_format_year (last);

          /* Translators: screen reader name of a profile's small line chart:
           * "Trend: 26,403 in 2006 to 141,489 in 2024" */
          name = g_strdup_printf (_("Trend: %s in %s to %s in %s"), from, since, to, until);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: screen reader name of a profile's small line chart without a trend */
                                  name != NULL ? name : _("Trend: one value only"), -1);
}

static void
rex_sparkline_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RexSparkline *self = REX_SPARKLINE (object);

  if (prop_id != 1)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_clear_pointer (&self->series, rex_series_unref);
  self->series = g_value_dup_boxed (value);
  update_sparkline_name (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rex_sparkline_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id != 1)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_boxed (value, REX_SPARKLINE (object)->series);
}

static void
rex_sparkline_finalize (GObject *object)
{
  g_clear_pointer (&REX_SPARKLINE (object)->series, rex_series_unref);
  G_OBJECT_CLASS (rex_sparkline_parent_class)->finalize (object);
}

static void
rex_sparkline_class_init (RexSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rex_sparkline_finalize;
  object_class->set_property = rex_sparkline_set_property;
  object_class->get_property = rex_sparkline_get_property;
  widget_class->snapshot = rex_sparkline_snapshot;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_boxed ("series", NULL, NULL, REX_TYPE_SERIES,
                                                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  gtk_widget_class_set_css_name (widget_class, "rexsparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rex_sparkline_init (RexSparkline *self)
{
  /* Always this size, whatever the series. */
  gtk_widget_set_size_request (GTK_WIDGET (self), 96, 32);
  update_sparkline_name (self);
}

/* --- the profile --- */

struct _RexRegionProfile
{
  GtkWindow    parent_instance;

  GtkLabel    *name_label;
  GtkLabel    *other_name_label;
  GtkLabel    *kind_label;
  GtkWidget   *groups_heading;
  GtkLabel    *groups_label;
  GtkListView *metric_list;
  GtkLabel    *empty_label;

  RexDataset  *dataset;
  RexRegion   *region;
  GListStore  *metrics;     /* RexProfileMetric */
  RexNumberFormat number_format;
};

enum {
  CHART_METRIC,
  EXPORT,
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RexRegionProfile, rex_region_profile, GTK_TYPE_WINDOW)

static RexProfileMetric *
profile_metric_new (const RexRegionFact *fact,
                    RexNumberFormat      format)
{
  RexProfileMetric *item = g_object_new (REX_TYPE_PROFILE_METRIC, NULL);

  item->id = g_strdup (rex_metric_get_id (fact->metric));
  item->name = g_strdup (rex_metric_get_display_name (fact->metric));
  item->series = rex_series_ref (fact->series);
  item->value = rex_region_fact_format_value (fact, format);
  item->detail = rex_region_fact_format_detail (fact);
  item->source = rex_region_fact_format_source (fact);
  return item;
}

/* A group's link: its profile, in this window. */
static gboolean
on_group_link (RexRegionProfile *self,
               const char       *uri)
{
  RexRegion *group;

  if (!g_str_has_prefix (uri, "region:"))
    return FALSE;
  group = rex_dataset_lookup_region (self->dataset, uri + strlen ("region:"));
  if (group != NULL)
    rex_region_profile_set_region (self, group);
  return TRUE;
}

static void
append_group_link (GString   *markup,
                   RexRegion *group)
{
  g_autofree char *link = NULL;

  if (markup->len > 0)
    /* Translators: between the groups a region belongs to */
    g_string_append (markup, _(", "));
  link = g_markup_printf_escaped ("<a href=\"region:%s\">%s</a>", rex_region_get_id (group),
                                  rex_region_get_display_name (group));
  g_string_append (markup, link);
}

/* Called from the metric row template's Chart button. */
static void
rex_profile_chart_clicked (GtkButton   *button,
                           GtkListItem *list_item)
{
  RexProfileMetric *item = gtk_list_item_get_item (list_item);
  GtkWidget *profile = gtk_widget_get_ancestor (GTK_WIDGET (button), REX_TYPE_REGION_PROFILE);

  if (item != NULL && profile != NULL)
    g_signal_emit (profile, signals[CHART_METRIC], 0, item->id);
}

void
rex_region_profile_set_region (RexRegionProfile *self,
                               RexRegion        *region)
{
  g_autoptr(GArray) facts = NULL;
  g_autoptr(GPtrArray) group_list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) groups = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *other;

  g_return_if_fail (REX_IS_REGION_PROFILE (self));
  g_return_if_fail (REX_IS_REGION (region));

  g_set_object (&self->region, region);
  gtk_label_set_text (self->name_label, rex_region_get_display_name (region));
  /* The other language's name. */
  other = g_strcmp0 (rex_region_get_display_name (region), rex_region_get_name (region)) == 0
          ? rex_region_get_name_zh (region) : rex_region_get_name (region);
  gtk_label_set_text (self->other_name_label, other ? other : "");
  gtk_widget_set_visible (GTK_WIDGET (self->other_name_label), other != NULL && *other != '\0');
  gtk_label_set_text (self->kind_label, rex_region_kind_get_label (rex_region_get_kind (region)));
  /* Translators: title of a region's profile window: "Guangdong — Profile" */
  title = g_strdup_printf (_("%s — Profile"), rex_region_get_display_name (region));
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Groups: the parent chain, then the groups that list it. */
  group_list = rex_region_facts_groups (region);
  for (guint i = 0; i < group_list->len; i++)
    append_group_link (groups, group_list->pdata[i]);
  gtk_label_set_markup (self->groups_label, groups->str);
  gtk_widget_set_visible (self->groups_heading, groups->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_label), groups->len > 0);

  facts = rex_region_facts_collect (self->dataset, region);
  for (guint i = 0; i < facts->len; i++)
    g_ptr_array_add (items, profile_metric_new (&g_array_index (facts, RexRegionFact, i),
                                                self->number_format));
  g_list_store_splice (self->metrics, 0, g_list_model_get_n_items (G_LIST_MODEL (self->metrics)),
                       items->pdata, items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), items->len == 0);
}

void
rex_region_profile_set_number_format (RexRegionProfile *self,
                                      RexNumberFormat   format)
{
  g_return_if_fail (REX_IS_REGION_PROFILE (self));
  if (self->number_format == format)
    return;
  self->number_format = format;
  if (self->region != NULL)
    {
      g_autoptr(RexRegion) region = g_object_ref (self->region);

      rex_region_profile_set_region (self, region);
    }
}

RexRegion *
rex_region_profile_get_region (RexRegionProfile *self)
{
  g_return_val_if_fail (REX_IS_REGION_PROFILE (self), NULL);
  return self->region;
}

/**
 * rex_region_profile_get_metrics:
 *
 * Returns: (transfer none): the metrics shown, #RexProfileMetric items
 */
GListModel *
rex_region_profile_get_metrics (RexRegionProfile *self)
{
  g_return_val_if_fail (REX_IS_REGION_PROFILE (self), NULL);
  return G_LIST_MODEL (self->metrics);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[EXPORT], 0);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[PRINT], 0);
}

static void
rex_region_profile_dispose (GObject *object)
{
  RexRegionProfile *self = REX_REGION_PROFILE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_REGION_PROFILE);
  g_clear_object (&self->metrics);
  g_clear_object (&self->region);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (rex_region_profile_parent_class)->dispose (object);
}

static void
rex_region_profile_class_init (RexRegionProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_region_profile_dispose;

  /**
   * RexRegionProfile::chart-metric:
   * @metric_id: the metric whose Chart button was pressed
   */
  signals[CHART_METRIC] = g_signal_new ("chart-metric", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RexRegionProfile::export:
   *
   * The Export button was pressed (the profile.export action).
   */
  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "profile.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "profile.export", NULL);

  /**
   * RexRegionProfile::print:
   *
   * The Print button was pressed (the profile.print action).
   */
  signals[PRINT] = g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "profile.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "profile.print", NULL);

  g_type_ensure (REX_TYPE_SPARKLINE);
  g_type_ensure (REX_TYPE_PROFILE_METRIC);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-region-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, name_label);
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, other_name_label);
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, kind_label);
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, groups_heading);
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, groups_label);
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, metric_list);
  gtk_widget_class_bind_template_child (widget_class, RexRegionProfile, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_group_link);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_region_profile_init (RexRegionProfile *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  rex_focus_guard_attach (GTK_WINDOW (self));
  self->metrics = g_list_store_new (REX_TYPE_PROFILE_METRIC);
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "rex_profile_chart_clicked",
                                          G_CALLBACK (rex_profile_chart_clicked));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/rex-profile-metric.ui");
  gtk_list_view_set_factory (self->metric_list, factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->metrics)));
  gtk_list_view_set_model (self->metric_list, GTK_SELECTION_MODEL (selection));
}

RexRegionProfile *
rex_region_profile_new (GtkWindow  *parent,
                        RexDataset *dataset)
{
  RexRegionProfile *self;

  g_return_val_if_fail (REX_IS_DATASET (dataset), NULL);

  self = g_object_new (REX_TYPE_REGION_PROFILE, "transient-for", parent, NULL);
  rex_dialog_fit_parent (GTK_WINDOW (self));
  self->dataset = g_object_ref (dataset);
  return self;
}
