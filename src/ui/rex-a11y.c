/* rex-a11y.c — accessibility fixes that templates cannot express on GTK 4.8.
 *
 * A GtkDropDown takes focus on a toggle button it builds inside itself, and
 * GTK 4.8 gives that button no name, so a screen reader announces
 * "GtkToggleButton" instead of the name the template gave the drop-down.
 * Here the button is labelled like its drop-down. */
#include "config.h"

#include "rex-a11y.h"

static void
label_drop_down_button (GtkWidget *drop_down,
                        GtkWidget *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                        -1);
    }
}

/* GTK 4.8 does not follow a chain of labelled-by relations: a button
 * labelled by a drop-down that is itself labelled by a GtkLabel is named
 * "GtkDropDown". So the button is labelled by the drop-down's mnemonic
 * label where it has one (second pass), else by the drop-down and its
 * accessible label (first pass). */
static void
walk (GtkWidget *widget,
      gboolean   labels)
{
  if (!labels && GTK_IS_DROP_DOWN (widget))
    {
      label_drop_down_button (widget, widget);
      return;
    }
  if (labels && GTK_IS_LABEL (widget))
    {
      GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));

      if (target != NULL && GTK_IS_DROP_DOWN (target))
        label_drop_down_button (target, widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, labels);
}

/**
 * rex_a11y_name_drop_downs:
 * @root: a widget
 *
 * Names the inner button of every #GtkDropDown in @root's tree after the
 * drop-down's label. Call it once the template is built.
 */
void
rex_a11y_name_drop_downs (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  walk (root, FALSE);
  walk (root, TRUE);
}
