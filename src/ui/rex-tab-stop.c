/* rex-tab-stop.c — makes what it holds a single Tab stop.
 *
 * GTK 4.8's list view takes Tab to each of its rows in turn: with seventy
 * regions in the sidebar, the chart was over a hundred Tab stops away.
 * Held in a RexTabStop, the list is entered by Tab at the row last
 * focused and left by the next Tab; the arrow keys move inside it.
 */
#include "config.h"

#include "rex-tab-stop.h"
#include "rex-widget-util.h"

struct _RexTabStop
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RexTabStop, rex_tab_stop, GTK_TYPE_WIDGET)

static gboolean
rex_tab_stop_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL)
    return FALSE;
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
      && gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return gtk_widget_child_focus (child, direction);
}

static void
rex_tab_stop_dispose (GObject *object)
{
  rex_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (rex_tab_stop_parent_class)->dispose (object);
}

static void
rex_tab_stop_class_init (RexTabStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_tab_stop_dispose;
  widget_class->focus = rex_tab_stop_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rex_tab_stop_init (RexTabStop *self)
{
}
