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
 *
 * A chart taller than its scrolled window by far (the bars of 3,000 regions
 * are 33,000 pixels tall) is drawn a band at a time: what the scroller
 * shows and a screenful either side. Drawing the whole of it made an image
 * of 200 MB at every selection, and took a third of a second; scrolling out
 * of the band draws the next one.
 *
 * For screen readers, the items the arrow keys move through are exposed as
 * RexChartItemProxy widgets in a list of the chart kind's role, made when
 * the keyboard focus comes into the chart and only for a window of items
 * around the focused one, so a chart of 3,000 regions costs no more than
 * one of 64. The focused item's proxy holds the keyboard focus, which is
 * what a screen reader follows. The legend, when the chart has one, is a
 * list of its entries before the items.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-item-proxies.h"
#include "rex-chart-item-menu.h"
#include "rex-chart-view.h"

struct _RexChartView
{
  GtkWidget      parent_instance;

  RexChart      *chart;
  RexChartStyle *style;
  RexNumberFormat number_format; /* carried into the style */
  GskRenderNode *chart_node;     /* cached drawing of the chart */
  int            node_width;
  int            node_height;
  int            node_scale;
  int            node_top;       /* the rows of the chart drawn in it */
  int            node_bottom;
  GtkAdjustment *scroll;         /* the scrolled window's, while mapped in one */
  int            hover_index;    /* -1: none */
  int            focus_index;    /* -1: none */
  guint          render_count;

  RexChartItemProxies *proxies; /* shown once the focus comes in */
  guint          proxy_idle;
  RexChartItemMenu *item_menu;
  int            min_height;     /* the chart's least height at the view's width */
  guint          resize_idle;
  GtkWidget     *tooltip_label;  /* an item's tooltip; NULL until the first one */
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

/* A new chart may need another height (more or fewer bars); one that needs
 * none (most, and every frame of the animation) relays out nothing. */
static void
update_min_height (RexChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = 0;

  if (self->chart != NULL && self->style != NULL && width > 0)
    height = (int) ceil (rex_chart_get_min_height (self->chart, width, self->style));
  if (height != self->min_height)
    {
      self->min_height = height;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

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
    {
      g_autofree char *summary = rex_chart_describe (self->chart);

      /* Translators: read after a chart's summary by screen readers */
      description = g_strdup_printf (_("%s Arrow keys move through its data items; Control+7 shows its data as a table."),
                                     summary);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->chart ? rex_chart_get_title (self->chart) : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("No chart"),
                                  -1);
}

/* --- item proxies for screen readers --- */

static gboolean
contains_focus (RexChartView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

static void
drop_proxies (RexChartView *self)
{
  g_clear_handle_id (&self->proxy_idle, g_source_remove);
  rex_chart_item_proxies_drop (self->proxies);
}

/* Lays the chart out for the widget's size (what the next frame would do
 * anyway) and returns its number of items. */
static guint
layout_chart (RexChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->chart == NULL || width <= 0 || height <= 0)
    return 0;
  rex_chart_layout (self->chart, width, height, rex_chart_view_get_style (self));
  return rex_chart_get_n_items (self->chart);
}

/* Makes the proxies stand for the window of items around the focused one. */
static void
sync_proxies (RexChartView *self)
{
  g_clear_handle_id (&self->proxy_idle, g_source_remove);
  /* No item to stand for: the focus goes back to the chart itself rather
   * than nowhere. */
  if (layout_chart (self) == 0 && rex_chart_item_proxies_is_shown (self->proxies)
      && contains_focus (self) && self->chart != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  rex_chart_item_proxies_sync (self->proxies, self->chart, self->focus_index);
}

/* Puts the keyboard focus on the focused item's proxy, or on the chart
 * itself when no item is focused. Only while the focus is in the chart. */
static void
focus_proxy (RexChartView *self)
{
  if (contains_focus (self) && !rex_chart_item_proxies_focus (self->proxies, self->focus_index))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
resync_proxies (gpointer data)
{
  RexChartView *self = data;

  self->proxy_idle = 0;
  if (rex_chart_item_proxies_is_shown (self->proxies))
    {
      sync_proxies (self);
      focus_proxy (self);
    }
  return G_SOURCE_REMOVE;
}

/* The legend's entries as a list before the items. */
static void
update_legend (RexChartView *self)
{
  g_auto(GStrv) entries = NULL;

  if (self->chart != NULL)
    {
      layout_chart (self);
      entries = rex_chart_dup_legend (self->chart);
    }
  rex_chart_item_proxies_set_legend (self->proxies, (const char * const *) entries);
}

static gboolean resize_idle (gpointer data);

/* The item menu is a popover, the legend and the item proxies are
 * children: all are placed when the view is. */
static void
rex_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RexChartView *self = REX_CHART_VIEW (widget);

  gtk_popover_present (GTK_POPOVER (rex_chart_item_menu_get_popover (self->item_menu)));
  /* A new width may need another height: measured again after this
   * allocation, not during it. */
  if (self->resize_idle == 0)
    self->resize_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, resize_idle, g_object_ref (self), g_object_unref);
  /* A new size moves the items: the proxies follow. When the number of
   * items changed with it, they are made again after this allocation. */
  if (rex_chart_item_proxies_is_shown (self->proxies))
    layout_chart (self);
  if (!rex_chart_item_proxies_allocate (self->proxies, self->chart, width, height) && self->proxy_idle == 0)
    self->proxy_idle = g_idle_add (resync_proxies, self);
}

/* Tab comes into the chart at its focused item and leaves it from there;
 * the arrow keys move between items. */
static gboolean
rex_chart_view_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  RexChartView *self = REX_CHART_VIEW (widget);

  if (contains_focus (self))
    return FALSE;
  gtk_widget_grab_focus (widget);
  focus_proxy (self);
  return TRUE;
}

/* The proxies are made when the chart takes the focus. */
static gboolean
rex_chart_view_grab_focus (GtkWidget *widget)
{
  RexChartView *self = REX_CHART_VIEW (widget);

  if (!GTK_WIDGET_CLASS (rex_chart_view_parent_class)->grab_focus (widget))
    return FALSE;
  if (!rex_chart_item_proxies_is_shown (self->proxies))
    sync_proxies (self);
  return TRUE;
}

/* Whether @a and @b are the same datum: the focus stays on it when the
 * chart is made again (a selection, a new year while playing). */
static gboolean
same_item (const RexChartItem *a,
           const RexChartItem *b,
           gboolean            any_year)
{
  return a->region == b->region && a->circle == b->circle && (any_year || a->year == b->year)
         && g_strcmp0 (a->metric_id, b->metric_id) == 0
         && (a->region != NULL || a->circle != NULL || g_strcmp0 (a->label, b->label) == 0);
}

/* The item of @chart that is @wanted's datum, or else the same region's
 * item in another year (a bar chart of the next year), or -1. */
static int
find_item (RexChart           *chart,
           const RexChartItem *wanted)
{
  guint n = rex_chart_get_n_items (chart);
  RexChartItem item;

  for (int any_year = 0; any_year <= 1; any_year++)
    for (guint i = 0; i < n; i++)
      if (rex_chart_get_item (chart, i, &item) && same_item (&item, wanted, any_year))
        return (int) i;
  return -1;
}

/* The chart follows the widget's theme: dark when the text colour is light. */
static void
update_style (RexChartView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA fg, bg = { 0, 0, 0, 0 };
  RexTheme theme;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  gtk_style_context_lookup_color (context, "theme_bg_color", &bg);
G_GNUC_END_IGNORE_DEPRECATIONS
  theme = (0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue) > 0.5 ? REX_THEME_DARK
                                                                        : REX_THEME_LIGHT;
  if (self->style != NULL && self->style->theme == theme
      && (bg.alpha == 0 || (self->style->background.r == bg.red && self->style->background.g == bg.green
                            && self->style->background.b == bg.blue)))
    return;
  g_clear_pointer (&self->style, rex_chart_style_free);
  self->style = rex_chart_style_new (theme);
  /* The window's own background shows through, so the chart has no seam. */
  self->style->transparent = TRUE;
  if (bg.alpha > 0)
    {
      /* What the chart fills with the background (hollow marks, halos, the
       * hover label's box) is the window's; and its grid stands off that,
       * not off the exported chart's own background (the dark theme's grid
       * was the very colour of GTK's dark window). */
      RexColor grid_ink = self->style->foreground;

      self->style->background = (RexColor) { bg.red, bg.green, bg.blue, 1.0 };
      self->style->grid = rex_color_mix (&self->style->background, &grid_ink, theme == REX_THEME_DARK ? 0.12 : 0.09);
    }
  self->style->number_format = self->number_format;
  invalidate_chart (self);
  update_min_height (self);
}

static void
rex_chart_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rex_chart_view_parent_class)->css_changed (widget, change);
  update_style (REX_CHART_VIEW (widget));
}

/* Charts up to this many device pixels tall are drawn whole. */
#define BAND_MIN_PIXELS 4096

/* The rows of the view, top and bottom, its scrolled window shows (all of
 * them outside one). Read from the scroller's adjustment, which is ahead
 * of the view's allocation while scrolling: where the view lies in the
 * scrolled contents does not change as they scroll. */
static void
visible_rows (RexChartView *self,
              int           height,
              int          *top,
              int          *bottom)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *contents = scroller != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)) : NULL;
  GtkAdjustment *scroll;
  graphene_point_t origin;
  double value;

  *top = 0;
  *bottom = height;
  if (GTK_IS_VIEWPORT (contents))
    contents = gtk_viewport_get_child (GTK_VIEWPORT (contents));
  if (contents == NULL
      || !gtk_widget_compute_point (GTK_WIDGET (self), contents, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (scroll) - origin.y;
  *top = CLAMP ((int) floor (value), 0, height);
  *bottom = CLAMP ((int) ceil (value + gtk_adjustment_get_page_size (scroll)), *top, height);
}

/* The rows to draw for a view of @height showing @top to @bottom: all of
 * them, or for a tall chart a band of a screenful either side. */
static void
band_rows (int  height,
           int  scale,
           int  top,
           int  bottom,
           int *band_top,
           int *band_bottom)
{
  int page = MAX (bottom - top, 1);

  if ((gint64) height * scale <= BAND_MIN_PIXELS)
    {
      *band_top = 0;
      *band_bottom = height;
      return;
    }
  *band_top = MAX (top - page, 0);
  *band_bottom = MIN (bottom + page, height);
}

/* The chart drawn is still good for rows @top to @bottom shown. */
static gboolean
node_covers (RexChartView *self,
             int           width,
             int           height,
             int           scale,
             int           top,
             int           bottom)
{
  return self->chart_node != NULL && self->node_width == width && self->node_height == height
         && self->node_scale == scale && self->node_top <= top && bottom <= self->node_bottom;
}

/* Scrolling out of the band drawn draws the next one. */
static void
on_scrolled (RexChartView *self)
{
  int top, bottom;

  if (self->chart_node == NULL)
    return;
  visible_rows (self, self->node_height, &top, &bottom);
  if (!node_covers (self, self->node_width, self->node_height, self->node_scale, top, bottom))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Rows @top to @bottom of the chart at width × height, in pixels of the
 * scale factor. */
static GskRenderNode *
draw_chart (RexChartView *self,
            int           width,
            int           height,
            int           scale,
            int           top,
            int           bottom)
{
  int rows = MAX (bottom - top, 1);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, rows * scale);
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
  cairo_translate (cr, 0, -top);
  rex_chart_draw (self->chart, cr, width, height, self->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: premultiplied, native-endian. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * rows * scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width * scale, rows * scale, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  return gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, top, width, rows));
}

static void
rex_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RexChartView *self = REX_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  RexChartItem item;
  int marked, top, bottom;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  if (self->style == NULL)
    update_style (self);

  visible_rows (self, height, &top, &bottom);
  if (!node_covers (self, width, height, scale, top, bottom))
    {
      g_clear_pointer (&self->chart_node, gsk_render_node_unref);
      band_rows (height, scale, top, bottom, &self->node_top, &self->node_bottom);
      self->chart_node = draw_chart (self, width, height, scale, self->node_top, self->node_bottom);
      self->node_width = width;
      self->node_height = height;
      self->node_scale = scale;
      self->render_count++;
    }
  if (self->chart_node != NULL)
    gtk_snapshot_append_node (snapshot, self->chart_node);

  marked = self->hover_index >= 0 ? self->hover_index
         : contains_focus (self) ? self->focus_index : -1;
  if (marked >= 0 && rex_chart_get_item (self->chart, marked, &item))
    {
      /* Over the rows drawn only: a cairo node as tall as the chart would
       * be as costly to render as the chart. */
      graphene_rect_t rows = GRAPHENE_RECT_INIT (0, self->node_top, width,
                                                 MAX (self->node_bottom - self->node_top, 1));
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &rows);
      rex_chart_draw_hover (self->chart, cr, &item, self->style);
      cairo_destroy (cr);
    }
}

/* In a scrolled page, the focused item stays in sight. */
static void
scroll_to_item (RexChartView *self,
                int           index)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  RexChartItem item;
  graphene_point_t point;
  double value, page, margin = 24;

  if (scrolled == NULL || self->chart == NULL || !rex_chart_get_item (self->chart, index, &item)
      || !gtk_widget_compute_point (GTK_WIDGET (self), scrolled, &GRAPHENE_POINT_INIT (0, item.y), &point))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (point.y < margin)
    gtk_adjustment_set_value (adjustment, value + point.y - margin);
  else if (point.y > page - margin)
    gtk_adjustment_set_value (adjustment, value + point.y - page + margin);
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
  rex_chart_view_set_focus_index (self, index);
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

  if (!contains_focus (self))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->chart != NULL && rex_chart_hit_test (self->chart, x, y, &item))
    activate_item (self, item.index);
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

  text = rex_chart_item_format_tooltip (self->chart, &item);
  /* GTK 4.8 sizes a tooltip of several lines by its longest line, so that
   * "Guangdong\nShare of tertiary industry value added in…" runs across
   * half the screen: the label wraps at 50 characters (25 Chinese ones),
   * between words or, in a long name without spaces, inside one. */
  if (self->tooltip_label == NULL)
    {
      self->tooltip_label = g_object_ref_sink (gtk_label_new (NULL));
      gtk_label_set_wrap (GTK_LABEL (self->tooltip_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (self->tooltip_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (self->tooltip_label), 50);
      gtk_label_set_xalign (GTK_LABEL (self->tooltip_label), 0);
    }
  gtk_label_set_text (GTK_LABEL (self->tooltip_label), text);
  gtk_tooltip_set_custom (tooltip, self->tooltip_label);
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
  guint n = self->chart ? rex_chart_get_n_items (self->chart) : 0;

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

  drop_proxies (self);
  rex_chart_item_proxies_set_legend (self->proxies, NULL);
  g_clear_handle_id (&self->resize_idle, g_source_remove);
  g_clear_pointer (&self->item_menu, rex_chart_item_menu_free);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_pointer (&self->style, rex_chart_style_free);
  g_clear_object (&self->tooltip_label);
  G_OBJECT_CLASS (rex_chart_view_parent_class)->dispose (object);
}

static void
rex_chart_view_finalize (GObject *object)
{
  rex_chart_item_proxies_free (REX_CHART_VIEW (object)->proxies);
  G_OBJECT_CLASS (rex_chart_view_parent_class)->finalize (object);
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
  RexChartView *self = REX_CHART_VIEW (widget);
  int width = for_size > 0 ? for_size : gtk_widget_get_width (widget);

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 520;
  /* As tall as every label needs (a ranking of 31 provinces at 800×600):
   * the page scrolls rather than the chart dropping names. */
  if (orientation == GTK_ORIENTATION_VERTICAL && self->chart != NULL && self->style != NULL && width > 0)
    {
      *minimum = MAX (*minimum, (int) ceil (rex_chart_get_min_height (self->chart, width, self->style)));
      *natural = MAX (*natural, *minimum);
    }
}

static gboolean
resize_idle (gpointer data)
{
  RexChartView *self = data;

  self->resize_idle = 0;
  update_min_height (self);
  return G_SOURCE_REMOVE;
}

/* A hidden view lets go of its pixels (a chart at 1920×1080 and scale 2 is
 * 33 MB); drawing it again when shown takes milliseconds. */
static void
rex_chart_view_unmap (GtkWidget *widget)
{
  RexChartView *self = REX_CHART_VIEW (widget);

  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  if (self->scroll != NULL)
    g_signal_handlers_disconnect_by_func (self->scroll, on_scrolled, self);
  g_clear_object (&self->scroll);
  GTK_WIDGET_CLASS (rex_chart_view_parent_class)->unmap (widget);
}

/* A view in a scrolled window follows its scrolling, to draw the band of a
 * tall chart that comes into sight. */
static void
rex_chart_view_map (GtkWidget *widget)
{
  RexChartView *self = REX_CHART_VIEW (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  GTK_WIDGET_CLASS (rex_chart_view_parent_class)->map (widget);
  if (scroller != NULL)
    {
      self->scroll = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
      g_signal_connect_swapped (self->scroll, "value-changed", G_CALLBACK (on_scrolled), self);
    }
}

static void
rex_chart_view_class_init (RexChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_chart_view_dispose;
  object_class->finalize = rex_chart_view_finalize;
  object_class->get_property = rex_chart_view_get_property;
  object_class->set_property = rex_chart_view_set_property;
  widget_class->snapshot = rex_chart_view_snapshot;
  widget_class->map = rex_chart_view_map;
  widget_class->unmap = rex_chart_view_unmap;
  widget_class->measure = rex_chart_view_measure;
  widget_class->size_allocate = rex_chart_view_size_allocate;
  widget_class->focus = rex_chart_view_focus;
  widget_class->grab_focus = rex_chart_view_grab_focus;
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
  GtkEventController *motion, *key, *focus;
  GtkGesture *click;

  self->hover_index = -1;
  self->focus_index = -1;
  self->proxies = rex_chart_item_proxies_new (GTK_WIDGET (self));

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

  self->item_menu = rex_chart_item_menu_new (self);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
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
  g_return_if_fail (REX_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || REX_IS_CHART (chart));

  RexChartItem focused;
  gboolean had_focused, focus_in;

  if (self->chart == chart)
    return;
  had_focused = self->chart != NULL && self->focus_index >= 0
                && rex_chart_get_item (self->chart, self->focus_index, &focused);
  focus_in = contains_focus (self);
  g_set_object (&self->chart, chart);
  /* Described and drawn with the numbers as the view writes them. */
  if (chart != NULL)
    rex_chart_set_number_format (chart, self->number_format);
  self->hover_index = -1;
  self->focus_index = -1;
  invalidate_chart (self);
  update_accessible_description (self);
  update_legend (self);
  /* With the focus in the chart, its proxies are made for the new chart
   * at once, keeping the focus on the same datum where it still is. */
  if (focus_in && layout_chart (self) > 0)
    {
      if (had_focused)
        self->focus_index = find_item (self->chart, &focused);
      sync_proxies (self);
      focus_proxy (self);
    }
  else
    {
      if (focus_in && self->chart != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self));
      drop_proxies (self);
    }
  update_min_height (self);
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

void
rex_chart_view_set_number_format (RexChartView    *self,
                                  RexNumberFormat  format)
{
  g_return_if_fail (REX_IS_CHART_VIEW (self));
  if (self->number_format == format)
    return;
  self->number_format = format;
  if (self->style != NULL)
    self->style->number_format = format;
  if (self->chart == NULL)
    return;
  /* Labels, descriptions and the legend are written anew: the chart
   * prepares its numbers for the format. */
  rex_chart_set_number_format (self->chart, format);
  invalidate_chart (self);
  update_accessible_description (self);
  update_legend (self);
  if (rex_chart_item_proxies_is_shown (self->proxies))
    sync_proxies (self);
  update_min_height (self);
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

  if (self->focus_index == index)
    return;
  self->focus_index = index;
  if (rex_chart_item_proxies_is_shown (self->proxies))
    {
      if (index >= 0 && !rex_chart_item_proxies_covers (self->proxies, index))
        sync_proxies (self);
      focus_proxy (self);
    }
  if (index >= 0)
    scroll_to_item (self, index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

guint
rex_chart_view_get_render_count (RexChartView *self)
{
  g_return_val_if_fail (REX_IS_CHART_VIEW (self), 0);
  return self->render_count;
}
