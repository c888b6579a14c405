/* rex-widget-util.h — small helpers the UI's own widgets share. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Unparents every child of @widget (for the dispose of a widget whose
 * children are its own to drop). */
void        rex_widget_unparent_children    (GtkWidget    *widget);

/* Gives every label inside @widget whose text is cut short (ellipsized)
 * its whole text as a tooltip, while the pointer is over it. One handler on
 * @widget does it for all of them, rows of lists included: a tooltip set on
 * each label would ask the display where the pointer is at every setting,
 * a round trip to the X server for each row built or rebound. */
void        rex_widget_show_ellipsized_text (GtkWidget    *widget);
/* The whole text of the ellipsized label at (@x, @y) of @widget (in its
 * coordinates), or NULL where no label or a label shown whole is; @area,
 * when not NULL, gets the label's bounds in @widget. */
const char *rex_widget_ellipsized_text_at   (GtkWidget    *widget,
                                             double        x,
                                             double        y,
                                             GdkRectangle *area);

/* Adds Region Explorer's style sheet (style.css of the resources) to
 * @display, once: GtkApplication, unlike libadwaita's, loads none by
 * itself. */
void        rex_style_sheet_load            (GdkDisplay   *display);

G_END_DECLS
