/* rex-export-dialog.h — the Export dialog, the settings it remembers, and the
 * helpers the window uses around exports (export with the last settings,
 * copy to the clipboard, open / show in folder).
 *
 * Typical use in the window:
 *
 *   dialog = rex_export_dialog_new (GTK_WINDOW (win), chart, win->last_export);
 *   g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), win);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *
 *   static void
 *   on_exported (RexExportDialog *dialog, GFile *file,
 *                const RexExportSettings *settings, RexWindow *win)
 *   {
 *     // remember: g_settings_set_value (s, "export-settings",
 *     //                                  rex_export_settings_to_variant (settings));
 *     // notify, with buttons calling rex_export_open_file() and
 *     // rex_export_show_in_folder()
 *   }
 */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

/* --- settings --- */

#define REX_TYPE_EXPORT_SETTINGS (rex_export_settings_get_type ())

typedef struct
{
  RexExportFormat  format;
  int              width;        /* chart units: pixels (PNG/SVG) or points (PDF), 16..16384 */
  int              height;
  int              scale;        /* PNG pixel density, 1..3 */
  gboolean         transparent;  /* leave the background unpainted (PNG, SVG, PDF) */
  RexTheme         theme;
  char            *folder_uri;   /* where the last export went; nullable */
} RexExportSettings;

GType              rex_export_settings_get_type         (void) G_GNUC_CONST;
/* PNG, 1200 × 800, 1×, opaque, light, no folder. */
RexExportSettings *rex_export_settings_new              (void);
RexExportSettings *rex_export_settings_copy             (const RexExportSettings *self);
void               rex_export_settings_free             (RexExportSettings       *self);
gboolean           rex_export_settings_equal            (const RexExportSettings *a,
                                                         const RexExportSettings *b);
/* An a{sv} dictionary for a GSettings key of type "a{sv}": keys "format"
 * (s: png/svg/pdf/csv), "width", "height", "scale" (i), "transparent" (b),
 * "theme" (s: light/dark) and "folder" (s, URI; absent when unset). */
GVariant          *rex_export_settings_to_variant       (const RexExportSettings *self);
/* The reverse; missing, mistyped or out-of-range entries keep the defaults,
 * so a damaged or older setting never prevents exporting. @variant may be
 * NULL or floating. */
RexExportSettings *rex_export_settings_new_from_variant (GVariant                *variant);
/* The RexExportOptions for these settings; @style is not owned and must live
 * as long as the options are used. */
void               rex_export_settings_to_options       (const RexExportSettings *self,
                                                         RexChartStyle           *style,
                                                         RexExportOptions        *options);
/* A file name for @chart in these settings' format: the chart title made safe
 * for file systems, plus the extension ("GDP.png"). */
char              *rex_export_settings_suggest_name     (const RexExportSettings *self,
                                                         RexChart                *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexExportSettings, rex_export_settings_free)

/* --- the dialog --- */

#define REX_TYPE_EXPORT_DIALOG (rex_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RexExportDialog, rex_export_dialog, REX, EXPORT_DIALOG, GtkWindow)

/* A modal dialog, transient for @parent, exporting @chart (its dataset and
 * spec; the dialog draws its own copy, so @chart and the window's view are
 * never touched from another thread). @settings (nullable) presets the
 * controls, e.g. the last settings from GSettings.
 *
 * Signals:
 *   "exported" (RexExportDialog *, GFile *file, RexExportSettings *settings):
 *      a file was written; the dialog then closes itself. @settings includes
 *      the folder and is what "Save with last settings" should reuse.
 * Closing the dialog cancels a write in progress: no file is left behind. */
RexExportDialog         *rex_export_dialog_new           (GtkWindow               *parent,
                                                          RexChart                *chart,
                                                          const RexExportSettings *settings);
const RexExportSettings *rex_export_dialog_get_settings  (RexExportDialog         *self);
void                     rex_export_dialog_set_settings  (RexExportDialog         *self,
                                                          const RexExportSettings *settings);
/* The preview as shown: for PNG/SVG/PDF an image of the chart at the export
 * size, drawn at the preview's pixel density (1 when the export is at most
 * 720 units wide and 540 high); NULL for CSV. For tests and thumbnails. */
GdkTexture              *rex_export_dialog_get_preview   (RexExportDialog         *self);
/* Writes to @file with the current settings, as the Export button does after
 * the file chooser (which tests cannot drive). Emits "exported" on success. */
void                     rex_export_dialog_export_to     (RexExportDialog         *self,
                                                          GFile                   *file);
/* TRUE while a write is in progress. */
gboolean                 rex_export_dialog_is_busy       (RexExportDialog         *self);

/* --- without the dialog --- */

/* Writes @chart to @file with @settings in a worker thread, atomically.
 * Implements "Save with last settings": call with
 * rex_export_settings_suggest_file(). @chart is only read for its dataset
 * and spec. */
void      rex_export_chart_async         (RexChart                *chart,
                                          GFile                   *file,
                                          const RexExportSettings *settings,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
gboolean  rex_export_chart_finish        (GAsyncResult            *result,
                                          GError                 **error);
/* A file in @settings->folder_uri named by rex_export_settings_suggest_name()
 * that does not exist yet ("GDP.png", then "GDP (2).png", …); NULL when the
 * settings have no folder (then open the dialog instead). */
GFile    *rex_export_settings_suggest_file (const RexExportSettings *settings,
                                            RexChart                *chart);

/* Puts @chart, drawn at @width × @height in @style, on @widget's clipboard as
 * an image (PNG, at the widget's scale factor). FALSE with @error when the
 * chart cannot be drawn at that size. */
gboolean  rex_export_copy_to_clipboard   (GtkWidget               *widget,
                                          RexChart                *chart,
                                          const RexChartStyle     *style,
                                          int                      width,
                                          int                      height,
                                          GError                 **error);

/* Opens @file in the default application (portal-friendly). */
void      rex_export_open_file           (GtkWindow               *parent,
                                          GFile                   *file);
/* Shows @file selected in the file manager (org.freedesktop.FileManager1
 * ShowItems over D-Bus), or opens its folder when no file manager answers. */
void      rex_export_show_in_folder      (GtkWindow               *parent,
                                          GFile                   *file);

G_END_DECLS
