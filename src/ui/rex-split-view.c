/* rex-split-view.c — a sidebar beside the content, or over it when narrow.
 *
 * The sidebar keeps one width whatever it holds (long names ellipsize
 * inside it). When the window is wide enough for the sidebar and the
 * content's minimum width, they sit side by side; when it is not, the
 * content takes the whole width and the sidebar, if shown, lies over its
 * start edge with a shadow. The minimum width is therefore the content's
 * (or the sidebar's), never their sum, and a window can be made as narrow
 * with the sidebar shown as without it. A hidden sidebar takes no room.
 */
#include "config.h"

#include "rex-split-view.h"

struct _RexSplitView
{
  GtkWidget  parent_instance;

  GtkWidget *sidebar;
  GtkWidget *content;
  int        sidebar_width;
  gboolean   overlaid;
};

enum {
  PROP_0,
  PROP_SIDEBAR,
  PROP_CONTENT,
  PROP_SIDEBAR_WIDTH,
  PROP_OVERLAID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RexSplitView, rex_split_view, GTK_TYPE_WIDGET)

static gboolean
sidebar_shown (RexSplitView *self)
{
  return self->sidebar != NULL && gtk_widget_get_visible (self->sidebar);
}

static void
rex_split_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  RexSplitView *self = REX_SPLIT_VIEW (widget);
  int content_min = 0, content_nat = 0, sidebar_min = 0, sidebar_nat = 0;

  int content_for_size = -1;

  /* Heights are for the width the content gets at @for_size: toolbars
   * that wrap are lower in a wider window. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 && self->content != NULL)
    {
      content_for_size = for_size;
      if (sidebar_shown (self))
        {
          int min_width;

          gtk_widget_measure (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
          if (for_size - self->sidebar_width >= min_width)
            content_for_size = for_size - self->sidebar_width;
        }
    }
  if (self->content != NULL)
    gtk_widget_measure (self->content, orientation, content_for_size, &content_min, &content_nat, NULL, NULL);
  if (sidebar_shown (self))
    gtk_widget_measure (self->sidebar, orientation,
                        orientation == GTK_ORIENTATION_VERTICAL ? self->sidebar_width : -1,
                        &sidebar_min, &sidebar_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int width = sidebar_shown (self) ? MAX (sidebar_min, self->sidebar_width) : 0;

      *minimum = MAX (content_min, width);
      *natural = width + content_nat;
    }
  else
    {
      *minimum = MAX (content_min, sidebar_min);
      *natural = MAX (content_nat, sidebar_nat);
    }
}

static void
rex_split_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RexSplitView *self = REX_SPLIT_VIEW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int sidebar_width = 0, content_min = 0, content_x, content_width;
  gboolean overlaid = FALSE;

  if (sidebar_shown (self))
    {
      int sidebar_min;

      gtk_widget_measure (self->sidebar, GTK_ORIENTATION_HORIZONTAL, -1, &sidebar_min, NULL, NULL, NULL);
      sidebar_width = MIN (MAX (self->sidebar_width, sidebar_min), width);
    }
  if (self->content != NULL)
    gtk_widget_measure (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, NULL, NULL, NULL);

  overlaid = sidebar_width > 0 && width - sidebar_width < content_min;
  content_width = (sidebar_width > 0 && !overlaid) ? width - sidebar_width : width;
  content_x = (rtl || overlaid) ? 0 : width - content_width;
  if (self->content != NULL)
    gtk_widget_allocate (self->content, content_width, height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (content_x, 0)));
  if (sidebar_width > 0)
    gtk_widget_allocate (self->sidebar, sidebar_width, height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? width - sidebar_width : 0, 0)));
  if (overlaid != self->overlaid)
    {
      self->overlaid = overlaid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAID]);
    }
}

static void
rex_split_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RexSplitView *self = REX_SPLIT_VIEW (widget);

  if (self->content != NULL)
    gtk_widget_snapshot_child (widget, self->content, snapshot);
  if (sidebar_shown (self))
    {
      if (self->overlaid)
        {
          graphene_rect_t bounds;
          GskRoundedRect outline;

          /* Lifted over the content it covers. */
          if (gtk_widget_compute_bounds (self->sidebar, widget, &bounds))
            {
              gsk_rounded_rect_init_from_rect (&outline, &bounds, 0);
              gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.3 },
                                                 0, 0, 0, 10);
            }
        }
      gtk_widget_snapshot_child (widget, self->sidebar, snapshot);
    }
}

static GtkSizeRequestMode
rex_split_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rex_split_view_dispose (GObject *object)
{
  RexSplitView *self = REX_SPLIT_VIEW (object);

  g_clear_pointer (&self->sidebar, gtk_widget_unparent);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  G_OBJECT_CLASS (rex_split_view_parent_class)->dispose (object);
}

static void
rex_split_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RexSplitView *self = REX_SPLIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR:
      g_value_set_object (value, self->sidebar);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_SIDEBAR_WIDTH:
      g_value_set_int (value, self->sidebar_width);
      break;
    case PROP_OVERLAID:
      g_value_set_boolean (value, self->overlaid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_split_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RexSplitView *self = REX_SPLIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR:
      rex_split_view_set_sidebar (self, g_value_get_object (value));
      break;
    case PROP_CONTENT:
      rex_split_view_set_content (self, g_value_get_object (value));
      break;
    case PROP_SIDEBAR_WIDTH:
      rex_split_view_set_sidebar_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_split_view_class_init (RexSplitViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_split_view_dispose;
  object_class->get_property = rex_split_view_get_property;
  object_class->set_property = rex_split_view_set_property;
  widget_class->measure = rex_split_view_measure;
  widget_class->size_allocate = rex_split_view_size_allocate;
  widget_class->snapshot = rex_split_view_snapshot;
  widget_class->get_request_mode = rex_split_view_get_request_mode;

  properties[PROP_SIDEBAR] =
    g_param_spec_object ("sidebar", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_WIDTH] =
    g_param_spec_int ("sidebar-width", NULL, NULL, 0, G_MAXINT, 260,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERLAID] =
    g_param_spec_boolean ("overlaid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "rexsplitview");
}

static void
rex_split_view_init (RexSplitView *self)
{
  self->sidebar_width = 260;
}

GtkWidget *
rex_split_view_get_sidebar (RexSplitView *self)
{
  g_return_val_if_fail (REX_IS_SPLIT_VIEW (self), NULL);
  return self->sidebar;
}

void
rex_split_view_set_sidebar (RexSplitView *self,
                            GtkWidget    *sidebar)
{
  g_return_if_fail (REX_IS_SPLIT_VIEW (self));
  g_return_if_fail (sidebar == NULL || GTK_IS_WIDGET (sidebar));

  if (self->sidebar == sidebar)
    return;
  g_clear_pointer (&self->sidebar, gtk_widget_unparent);
  self->sidebar = sidebar;
  /* Last child: drawn over the content and picked first. */
  if (sidebar != NULL)
    gtk_widget_insert_before (sidebar, GTK_WIDGET (self), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR]);
}

GtkWidget *
rex_split_view_get_content (RexSplitView *self)
{
  g_return_val_if_fail (REX_IS_SPLIT_VIEW (self), NULL);
  return self->content;
}

void
rex_split_view_set_content (RexSplitView *self,
                            GtkWidget    *content)
{
  g_return_if_fail (REX_IS_SPLIT_VIEW (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (self->content == content)
    return;
  g_clear_pointer (&self->content, gtk_widget_unparent);
  self->content = content;
  if (content != NULL)
    gtk_widget_insert_after (content, GTK_WIDGET (self), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

int
rex_split_view_get_sidebar_width (RexSplitView *self)
{
  g_return_val_if_fail (REX_IS_SPLIT_VIEW (self), 0);
  return self->sidebar_width;
}

void
rex_split_view_set_sidebar_width (RexSplitView *self,
                                  int           width)
{
  g_return_if_fail (REX_IS_SPLIT_VIEW (self));

  if (self->sidebar_width == width)
    return;
  self->sidebar_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_WIDTH]);
}

/**
 * rex_split_view_get_overlaid:
 *
 * Returns: whether the sidebar lay over the content at the last allocation
 */
gboolean
rex_split_view_get_overlaid (RexSplitView *self)
{
  g_return_val_if_fail (REX_IS_SPLIT_VIEW (self), FALSE);
  return self->overlaid;
}
