/* rex-dialog-fit.c — a dialog or a profile opens no larger than the window
 * it belongs to.
 *
 * The Import and Export dialogs open wide enough for their preview beside
 * their options, and the profile tall enough for a dozen metrics; on an
 * 800×600 screen those sizes ran off it. Their content scrolls, so the
 * default size is only a wish: it is cut to the parent's size, which the
 * user chose for the screen they have.
 */
#include "config.h"

#include "rex-dialog-fit.h"

/* The parent's size: its surface's once it has been given one; before
 * that (a window presented a moment ago, as when the application opens a
 * table from the file manager, is still 1×1) the size it asked for, cut
 * to its screen's. FALSE when neither is known. */
static gboolean
parent_size (GtkWindow *parent,
             int       *width,
             int       *height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));

  if (surface != NULL && gtk_widget_get_mapped (GTK_WIDGET (parent))
      && gdk_surface_get_width (surface) > 1 && gdk_surface_get_height (surface) > 1)
    {
      *width = gdk_surface_get_width (surface);
      *height = gdk_surface_get_height (surface);
      return TRUE;
    }
  gtk_window_get_default_size (parent, width, height);
  if (*width <= 0 || *height <= 0)
    return FALSE;

  /* A size asked for is no larger than the screen will make it. */
  {
    GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (parent));
    g_autoptr(GdkMonitor) first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
    GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : first;
    GdkRectangle area;

    if (monitor != NULL)
      {
        gdk_monitor_get_geometry (monitor, &area);
        *width = MIN (*width, area.width);
        *height = MIN (*height, area.height);
      }
  }
  return TRUE;
}

void
rex_dialog_fit_parent (GtkWindow *dialog)
{
  GtkWindow *parent;
  int width, height, parent_width, parent_height;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  parent = gtk_window_get_transient_for (dialog);
  if (parent == NULL || !parent_size (parent, &parent_width, &parent_height))
    return;
  gtk_window_get_default_size (dialog, &width, &height);
  if (width > 0)
    width = MIN (width, parent_width);
  if (height > 0)
    height = MIN (height, parent_height);
  gtk_window_set_default_size (dialog, width, height);
}
