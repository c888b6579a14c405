/* rex-window.h — the main window: header bar, region sidebar, chart views. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_WINDOW (rex_window_get_type ())
G_DECLARE_FINAL_TYPE (RexWindow, rex_window, REX, WINDOW, GtkApplicationWindow)

RexWindow  *rex_window_new           (GtkApplication *application);
RexDataset *rex_window_get_dataset   (RexWindow      *self);
/* Shows @dataset (replacing the current one). */
void        rex_window_set_dataset   (RexWindow      *self,
                                      RexDataset     *dataset);
/* Loads @file in a worker thread; on failure the banner shows the loader's
 * message and the current dataset stays. */
void        rex_window_open_file     (RexWindow      *self,
                                      GFile          *file);
/* Message of the error banner, or NULL when it is hidden. */
const char *rex_window_get_error     (RexWindow      *self);
gboolean    rex_window_is_loading    (RexWindow      *self);
/* The chart view of the visible view (for tests and export). */
GtkWidget  *rex_window_get_chart_view (RexWindow     *self);

G_END_DECLS
