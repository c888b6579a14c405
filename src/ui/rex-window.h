/* rex-window.h — the main window: header bar, region sidebar, chart views. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"
#include "rex-selection.h"

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
/* Opens @file as a user who named it means: a table (.csv, .tsv) in the
 * Import dialog, to check how it is read; a dataset or an exported chart
 * straight away. */
void        rex_window_open_user_file (RexWindow     *self,
                                       GFile          *file);
const char *rex_window_get_error     (RexWindow      *self);
gboolean    rex_window_is_loading    (RexWindow      *self);
/* The chart view of the visible view, or of the last chart view visited
 * when the Overview or Table is shown (for tests and export). */
GtkWidget  *rex_window_get_chart_view (RexWindow     *self);
/* The chart the Export dialog and Table show: the current chart view's. */
RexChart   *rex_window_get_current_chart (RexWindow  *self);
/* Switches to a view by name: overview, compare, trends, relationships,
 * map, rural, table. FALSE when there is no such view. */
gboolean    rex_window_set_view      (RexWindow      *self,
                                      const char     *name);
/* The view shown ("" while there is none); also the "view" property. */
const char *rex_window_get_view      (RexWindow      *self);
GtkWidget  *rex_window_get_page      (RexWindow      *self,
                                      const char     *view);
/* The selection shared by the sidebar and every view. */
RexSelection *rex_window_get_selection (RexWindow    *self);
/* Shows @spec in the view that draws its kind (restoring a saved chart). */
void        rex_window_show_spec     (RexWindow          *self,
                                      const RexChartSpec *spec);
/* Opens the profile of a region of the dataset on screen. */
GtkWidget  *rex_window_show_profile  (RexWindow          *self,
                                      const char         *region_id);

G_END_DECLS
