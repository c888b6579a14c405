/* rex-split-view.h — a sidebar beside the content, or over it when narrow. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_SPLIT_VIEW (rex_split_view_get_type ())
G_DECLARE_FINAL_TYPE (RexSplitView, rex_split_view, REX, SPLIT_VIEW, GtkWidget)

GtkWidget *rex_split_view_get_sidebar       (RexSplitView *self);
void       rex_split_view_set_sidebar       (RexSplitView *self,
                                             GtkWidget    *sidebar);
GtkWidget *rex_split_view_get_content       (RexSplitView *self);
void       rex_split_view_set_content       (RexSplitView *self,
                                             GtkWidget    *content);
int        rex_split_view_get_sidebar_width (RexSplitView *self);
void       rex_split_view_set_sidebar_width (RexSplitView *self,
                                             int           width);
gboolean   rex_split_view_get_overlaid      (RexSplitView *self);

G_END_DECLS
