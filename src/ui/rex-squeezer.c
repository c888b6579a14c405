/* rex-squeezer.c — shows the first of its children that fits its width.
 *
 * The header bar's view switcher needs this: a row of seven buttons is the
 * best choice in a wide window and cannot fit in a narrow one, where a
 * drop-down takes its place. Its minimum width is that of its narrowest
 * child, so it never makes the window wider; its natural width is the
 * widest child's, so it gets the room for the buttons when there is room.
 * Children are tried in the order they were added (<child> in a template).
 */
#include "config.h"

#include "rex-squeezer.h"
#include "rex-widget-util.h"

struct _RexSqueezer
{
  GtkWidget  parent_instance;

  GtkWidget *visible_child;
};

static void rex_squeezer_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RexSqueezer, rex_squeezer, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, rex_squeezer_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static void
rex_squeezer_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gboolean first = TRUE;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *minimum = first ? child_min : MIN (*minimum, child_min);
      else
        *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
      first = FALSE;
    }
}

static void
rex_squeezer_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  RexSqueezer *self = REX_SQUEEZER (widget);
  GtkWidget *chosen = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
      chosen = child;
      if (child_min <= width)
        break;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_child_visible (child, child == chosen);
  self->visible_child = chosen;
  /* The child's own alignment places it in the rest. */
  if (chosen != NULL)
    gtk_widget_allocate (chosen, width, height, baseline, NULL);
}

static GtkSizeRequestMode
rex_squeezer_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
rex_squeezer_dispose (GObject *object)
{
  rex_widget_unparent_children (GTK_WIDGET (object));
  REX_SQUEEZER (object)->visible_child = NULL;
  G_OBJECT_CLASS (rex_squeezer_parent_class)->dispose (object);
}

static void
rex_squeezer_buildable_add_child (GtkBuildable *buildable,
                                  GtkBuilder   *builder,
                                  GObject      *child,
                                  const char   *type)
{
  if (GTK_IS_WIDGET (child) && type == NULL)
    rex_squeezer_add (REX_SQUEEZER (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
rex_squeezer_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = rex_squeezer_buildable_add_child;
}

static void
rex_squeezer_class_init (RexSqueezerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_squeezer_dispose;
  widget_class->measure = rex_squeezer_measure;
  widget_class->size_allocate = rex_squeezer_size_allocate;
  widget_class->get_request_mode = rex_squeezer_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "rexsqueezer");
}

static void
rex_squeezer_init (RexSqueezer *self)
{
}

GtkWidget *
rex_squeezer_new (void)
{
  return g_object_new (REX_TYPE_SQUEEZER, NULL);
}

void
rex_squeezer_add (RexSqueezer *self,
                  GtkWidget   *child)
{
  g_return_if_fail (REX_IS_SQUEEZER (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

/**
 * rex_squeezer_get_visible_child:
 *
 * Returns: (transfer none) (nullable): the child shown at the last allocation
 */
GtkWidget *
rex_squeezer_get_visible_child (RexSqueezer *self)
{
  g_return_val_if_fail (REX_IS_SQUEEZER (self), NULL);
  return self->visible_child;
}
