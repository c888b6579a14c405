/* rex-squeezer.h — shows the first of its children that fits its width. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REX_TYPE_SQUEEZER (rex_squeezer_get_type ())
G_DECLARE_FINAL_TYPE (RexSqueezer, rex_squeezer, REX, SQUEEZER, GtkWidget)

GtkWidget *rex_squeezer_new               (void);
void       rex_squeezer_add               (RexSqueezer *self,
                                           GtkWidget   *child);
GtkWidget *rex_squeezer_get_visible_child (RexSqueezer *self);

G_END_DECLS
