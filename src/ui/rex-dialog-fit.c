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

void
rex_dialog_fit_parent (GtkWindow *dialog)
{
  GtkWindow *parent;
  GdkSurface *surface;
  int width, height;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  parent = gtk_window_get_transient_for (dialog);
  if (parent == NULL || (surface = gtk_native_get_surface (GTK_NATIVE (parent))) == NULL)
    return;
  gtk_window_get_default_size (dialog, &width, &height);
  if (width > 0)
    width = MIN (width, gdk_surface_get_width (surface));
  if (height > 0)
    height = MIN (height, gdk_surface_get_height (surface));
  gtk_window_set_default_size (dialog, width, height);
}
