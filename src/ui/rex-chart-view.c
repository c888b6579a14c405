/* rex-chart-view.c — the chart widget.
 *
 * The chart is drawn once per change of chart, size, scale or style into a
 * texture that is kept and re-appended on every snapshot; the hover and focus
 * marker is a separate, small node on top, so moving the pointer does not
 * lay out or draw the chart again.
 *
 * The chart is drawn into an image surface here rather than recorded in a
 * cairo node: the renderer would rasterise the recording into pixels anyway,
 * and drawing into an image lets the render layer write marks straight into
 * the pixels (thousands of bubbles; see rex-disc.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-view.h"

struct _RexChartView
{
  GtkWidget      parent_instance;

  RexChart      *chart;
  RexChartStyle *style;
  GskRenderNode *chart_node;     /* cached drawing of the chart */
  int            node_width;
  int            node_height;
  int            node_scale;
  int            hover_index;    /* -1: none */
  int            focus_index;    /* -1: none */
  /* The focused item of the chart replaced, found again in the new one
   * once it is laid out: its region's id (or its label), metric and year. */
  char          *refocus_name;
  char          *refocus_metric;
  int            refocus_year;
  guint          render_count;
};

G_DEFINE_FINAL_TYPE (RexChartView, rex_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
invalidate_chart (RexChartView *self)
{
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible_description (RexChartView *self)
{
  g_autofree char *description = NULL;

  if (self->chart != NULL)
    description = rex_chart_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->chart ? rex_chart_get_title (self->chart) : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("No chart"),
                                  -1);
}

/* The chart follows the widget's theme: dark when the text colour is light. */
static void
update_style (RexChartView *self)
{
  GdkRGBA fg;
  RexTheme theme;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  theme = (0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue) > 0.5 ? REX_THEME_DARK
                                                                        : REX_THEME_LIGHT;
  if (self->style != NULL && self->style->theme == theme)
    return;
  g_clear_pointer (&self->style, rex_chart_style_free);
  self->style = rex_chart_style_new (theme);
  /* The window's own background shows through, so the chart has no seam. */
  self->style->transparent = TRUE;
  invalidate_chart (self);
}

static void
rex_chart_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rex_chart_view_parent_class)->css_changed (widget, change);
  update_style (REX_CHART_VIEW (widget));
}

/* The chart at width × height, in pixels of the scale factor. */
static GskRenderNode *
draw_chart (RexChartView *self,
            int           width,
            int           height,
            int           scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      /* Too large for an image: let the renderer rasterise a recording. */
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      cairo_surface_destroy (surface);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      rex_chart_draw (self->chart, cr, width, height, self->style);
      cairo_destroy (cr);
      return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  rex_chart_draw (self->chart, cr, width, height, self->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: premultiplied, native-endian. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height * scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  return gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* What names an item across charts of the same data. */
static const char *
item_name (const RexChartItem *item)
{
  return item->region != NULL ? rex_region_get_id (item->region) : item->label;
}

static void
forget_refocus (RexChartView *self)
{
  g_clear_pointer (&self->refocus_name, g_free);
  g_clear_pointer (&self->refocus_metric, g_free);
}

/* The chart is made anew when the selection changes (Enter on an item
 * toggles it) or the year moves on: the focus stays on the same item (the
 * same region's item of that year, when a chart has one per year), which the
 * new chart has once it is laid out. */
static void
refocus (RexChartView *self)
{
  guint n = rex_chart_get_n_items (self->chart);
  RexChartItem item;

  if (self->refocus_name == NULL)
    return;
  for (guint i = 0; i < n; i++)
    if (rex_chart_get_item (self->chart, i, &item)
        && g_strcmp0 (item_name (&item), self->refocus_name) == 0
        && g_strcmp0 (item.metric_id, self->refocus_metric) == 0
        && (self->focus_index < 0 || item.year == self->refocus_year))
      {
        self->focus_index = (int) i;
        if (item.year == self->refocus_year)
          break;
      }
  forget_refocus (self);
}

/* Draws the chart at the widget's size unless that drawing is at hand: it
 * lays the chart out, which gives it its items. Called before a frame and
 * before a key or a click acts on the items, which may come first when the
 * chart was just made anew. FALSE when there is nothing to draw. */
static gboolean
ensure_drawn (RexChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  if (self->chart == NULL || width <= 0 || height <= 0)
    return FALSE;
  if (self->style == NULL)
    update_style (self);

  if (self->chart_node == NULL || self->node_width != width || self->node_height != height
      || self->node_scale != scale)
    {
      g_clear_pointer (&self->chart_node, gsk_render_node_unref);
      self->chart_node = draw_chart (self, width, height, scale);
      self->node_width = width;
      self->node_height = height;
      self->node_scale = scale;
      self->render_count++;
      refocus (self);
    }
  return TRUE;
}

static void
rex_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RexChartView *self = REX_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  RexChartItem item;
  int marked;

  if (!ensure_drawn (self))
    return;
  if (self->chart_node != NULL)
    gtk_snapshot_append_node (snapshot, self->chart_node);

  marked = self->hover_index >= 0 ? self->hover_index
         : gtk_widget_has_focus (widget) ? self->focus_index : -1;
  if (marked >= 0 && rex_chart_get_item (self->chart, marked, &item))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      rex_chart_draw_hover (self->chart, cr, &item, self->style);
      cairo_destroy (cr);
    }
}

static void
set_hover (RexChartView *self,
           int           index)
{
  if (self->hover_index == index)
    return;
  self->hover_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RexChartView             *self)
{
  RexChartItem item;

  if (self->chart != NULL && rex_chart_hit_test (self->chart, x, y, &item))
    set_hover (self, item.index);
  else
    set_hover (self, -1);
}

static void
on_leave (GtkEventControllerMotion *motion,
          RexChartView             *self)
{
  set_hover (self, -1);
}

static void
activate_item (RexChartView *self,
               guint         index)
{
  RexChartItem item;

  if (self->chart == NULL || !rex_chart_get_item (self->chart, index, &item))
    return;
  self->focus_index = index;
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RexChartView    *self)
{
  RexChartItem item;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (ensure_drawn (self) && rex_chart_hit_test (self->chart, x, y, &item))
    activate_item (self, item.index);
}

static char *
format_item (RexChartView       *self,
             const RexChartItem *item)
{
  RexDataset *dataset = rex_chart_get_dataset (self->chart);
  RexMetric *metric = item->metric_id ? rex_dataset_lookup_metric (dataset, item->metric_id) : NULL;
  const char *name = item->region ? rex_region_get_display_name (item->region) : item->label;
  g_autofree char *value = rex_format_number (item->value, metric ? rex_metric_get_decimals (metric) : -1);

  if (metric == NULL)
    return g_strdup_printf ("%s\n%s", name ? name : "", value);
  if (isnan (item->value))
    /* Translators: tooltip: region name, metric, year, "no data" */
    return g_strdup_printf (_("%s\n%s, %d: no data"), name, rex_metric_get_display_name (metric),
                            item->year);
  /* Translators: tooltip: region name, then "metric, year: value unit" */
  return g_strdup_printf (_("%s\n%s, %d: %s %s"), name, rex_metric_get_display_name (metric),
                          item->year, value, rex_metric_get_display_unit (metric));
}

static gboolean
on_query_tooltip (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  RexChartView *self)
{
  RexChartItem item;
  g_autofree char *text = NULL;

  if (self->chart == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      if (self->focus_index < 0 || !rex_chart_get_item (self->chart, self->focus_index, &item))
        return FALSE;
    }
  else if (!rex_chart_hit_test (self->chart, x, y, &item))
    return FALSE;

  text = format_item (self, &item);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) item.x - 4, (int) item.y - 4, 8, 8 });
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RexChartView          *self)
{
  guint n = ensure_drawn (self) ? rex_chart_get_n_items (self->chart) : 0;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Down:
    case GDK_KEY_KP_Right:
      rex_chart_view_set_focus_index (self, self->focus_index < 0 ? 0 : MIN (self->focus_index + 1, (int) n - 1));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Up:
    case GDK_KEY_KP_Left:
      rex_chart_view_set_focus_index (self, self->focus_index <= 0 ? 0 : self->focus_index - 1);
      return TRUE;
    case GDK_KEY_Home:
      rex_chart_view_set_focus_index (self, 0);
      return TRUE;
    case GDK_KEY_End:
      rex_chart_view_set_focus_index (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->focus_index >= 0)
        activate_item (self, self->focus_index);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_changed (RexChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rex_chart_view_dispose (GObject *object)
{
  RexChartView *self = REX_CHART_VIEW (object);

  g_clear_object (&self->chart);
  forget_refocus (self);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_pointer (&self->style, rex_chart_style_free);
  G_OBJECT_CLASS (rex_chart_view_parent_class)->dispose (object);
}

static void
rex_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RexChartView *self = REX_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RexChartView *self = REX_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      rex_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 520;
}

/* A hidden view lets go of its pixels (a chart at 1920×1080 and scale 2 is
 * 33 MB); drawing it again when shown takes milliseconds. */
static void
rex_chart_view_unmap (GtkWidget *widget)
{
  RexChartView *self = REX_CHART_VIEW (widget);

  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  GTK_WIDGET_CLASS (rex_chart_view_parent_class)->unmap (widget);
}

static void
rex_chart_view_class_init (RexChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_chart_view_dispose;
  object_class->get_property = rex_chart_view_get_property;
  object_class->set_property = rex_chart_view_set_property;
  widget_class->snapshot = rex_chart_view_snapshot;
  widget_class->unmap = rex_chart_view_unmap;
  widget_class->measure = rex_chart_view_measure;
  widget_class->css_changed = rex_chart_view_css_changed;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, REX_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RexChartView::item-activated:
   * @index: the item's index in the chart (rex_chart_get_item())
   *
   * A data item was clicked or chosen with Enter.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "rexchartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rex_chart_view_init (RexChartView *self)
{
  GtkEventController *motion, *key;
  GtkGesture *click;

  self->hover_index = -1;
  self->focus_index = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect_swapped (self, "notify::has-focus", G_CALLBACK (on_focus_changed), self);
  update_accessible_description (self);
}

GtkWidget *
rex_chart_view_new (void)
{
  return g_object_new (REX_TYPE_CHART_VIEW, NULL);
}

RexChart *
rex_chart_view_get_chart (RexChartView *self)
{
  g_return_val_if_fail (REX_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
rex_chart_view_set_chart (RexChartView *self,
                          RexChart     *chart)
{
  RexChartItem item;

  g_return_if_fail (REX_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || REX_IS_CHART (chart));

  if (self->chart == chart)
    return;
  forget_refocus (self);
  if (chart != NULL && self->chart != NULL && self->focus_index >= 0
      && rex_chart_get_item (self->chart, self->focus_index, &item) && item_name (&item) != NULL)
    {
      self->refocus_name = g_strdup (item_name (&item));
      self->refocus_metric = g_strdup (item.metric_id);
      self->refocus_year = item.year;
    }
  g_set_object (&self->chart, chart);
  self->hover_index = -1;
  self->focus_index = -1;
  invalidate_chart (self);
  update_accessible_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

const RexChartStyle *
rex_chart_view_get_style (RexChartView *self)
{
  g_return_val_if_fail (REX_IS_CHART_VIEW (self), NULL);
  if (self->style == NULL)
    update_style (self);
  return self->style;
}

int
rex_chart_view_get_focus_index (RexChartView *self)
{
  g_return_val_if_fail (REX_IS_CHART_VIEW (self), -1);
  return self->focus_index;
}

void
rex_chart_view_set_focus_index (RexChartView *self,
                                int           index)
{
  g_return_if_fail (REX_IS_CHART_VIEW (self));

  forget_refocus (self);
  if (self->focus_index == index)
    return;
  self->focus_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

guint
rex_chart_view_get_render_count (RexChartView *self)
{
  g_return_val_if_fail (REX_IS_CHART_VIEW (self), 0);
  return self->render_count;
}
