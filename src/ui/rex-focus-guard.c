/* rex-focus-guard.c — keeps the widget that last had a window's keyboard
 * focus alive until the main loop is next idle.
 *
 * GTK 4.8's GtkLabel, taking the focus, remembers the widget that had it,
 * moves the focus, then asks whether that widget was inside the label (to
 * decide whether to select the label's text). A row of a list view that is
 * kept only because it has the focus is destroyed as the focus leaves it, so
 * a selectable label taking the focus from such a row (F6 or Tab from the
 * region list to the Table view's source line) read a freed widget. Holding a
 * reference on the focus widget, and letting go of the previous one only
 * once the move is over, keeps that widget valid for as long as GTK reads it.
 *
 * The same GTK reads a selectable label after it is gone in one more way:
 * a label whose text is selected (as a label taking the focus selects it)
 * is the primary selection's owner, and X11 asks that owner, or tells it
 * it lost the selection, after the label is freed when its window was
 * closed. A window going away (unmapped) first clears the selection of
 * every label in it, which gives the primary selection up.
 */
#include "config.h"

#include "rex-focus-guard.h"

typedef struct
{
  GtkWidget *held;   /* the focus widget, one reference */
} FocusGuard;

static void
focus_guard_free (gpointer data)
{
  FocusGuard *guard = data;

  g_clear_object (&guard->held);
  g_free (guard);
}

static gboolean
release_widget (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
on_focus_widget (GtkWindow  *window,
                 GParamSpec *pspec,
                 FocusGuard *guard)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == guard->held)
    return;
  if (guard->held != NULL)
    g_idle_add (release_widget, g_steal_pointer (&guard->held));
  guard->held = focus != NULL ? g_object_ref (focus) : NULL;
}

static void
release_selections (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_selectable (GTK_LABEL (widget)))
    gtk_label_select_region (GTK_LABEL (widget), 0, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    release_selections (child);
}

void
rex_focus_guard_attach (GtkWindow *window)
{
  FocusGuard *guard;

  g_return_if_fail (GTK_IS_WINDOW (window));

  guard = g_new0 (FocusGuard, 1);
  g_object_set_data_full (G_OBJECT (window), "rex-focus-guard", guard, focus_guard_free);
  g_signal_connect (window, "notify::focus-widget", G_CALLBACK (on_focus_widget), guard);
  /* Unmapped as it is hidden or destroyed, its children still in place. */
  g_signal_connect (window, "unmap", G_CALLBACK (release_selections), NULL);
}
