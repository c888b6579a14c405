/* rex-widget-util.c — small helpers the UI's own widgets share. */
#include "config.h"

#include <math.h>

#include "rex-widget-util.h"

void
rex_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* The label at (@x, @y) of @widget, or one of its ancestors below @widget. */
static GtkLabel *
label_at (GtkWidget *widget,
          double     x,
          double     y)
{
  for (GtkWidget *w = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT); w != NULL && w != widget;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_LABEL (w))
      return GTK_LABEL (w);
  return NULL;
}

const char *
rex_widget_ellipsized_text_at (GtkWidget    *widget,
                               double        x,
                               double        y,
                               GdkRectangle *area)
{
  GtkLabel *label;
  graphene_rect_t bounds;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  label = label_at (widget, x, y);
  if (label == NULL || !pango_layout_is_ellipsized (gtk_label_get_layout (label))
      || !gtk_widget_compute_bounds (GTK_WIDGET (label), widget, &bounds))
    return NULL;
  if (area != NULL)
    {
      area->x = (int) floorf (bounds.origin.x);
      area->y = (int) floorf (bounds.origin.y);
      area->width = (int) ceilf (bounds.origin.x + bounds.size.width) - area->x;
      area->height = (int) ceilf (bounds.origin.y + bounds.size.height) - area->y;
    }
  return gtk_label_get_text (label);
}

static gboolean
on_query_ellipsized_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip,
                             gpointer    user_data)
{
  GdkRectangle area;
  const char *text = keyboard_mode ? NULL : rex_widget_ellipsized_text_at (widget, x, y, &area);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* The tooltip is the label's: the next label under the pointer asks anew. */
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

void
rex_widget_show_ellipsized_text (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_ellipsized_tooltip), NULL);
}

void
rex_style_sheet_load (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "rex-style-sheet") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "rex-style-sheet", g_steal_pointer (&provider), g_object_unref);
}
