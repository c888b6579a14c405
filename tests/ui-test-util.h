/* ui-test-util.h — what the UI tests share: running the main loop until a
 * condition holds, template children that must exist, and the window
 * fixture (a window on the bundled data, destroyed with a leak check). */
#pragma once

#include <gtk/gtk.h>

#include "rex-window.h"

G_BEGIN_DECLS

/* Runs @n iterations of the main loop, not waiting for events. */
void       ui_test_iterate        (guint       n);
/* Runs the main loop until @done (@data) holds, failing the test after
 * 30 seconds with the condition's name and the caller's line; polled, so
 * that a condition met in another thread is seen. */
#define ui_test_iterate_until(done, data) \
  ui_test_iterate_until_at ((done), (data), #done, __FILE__, __LINE__)
void       ui_test_iterate_until_at (gboolean  (*done) (gpointer),
                                     gpointer    data,
                                     const char *name,
                                     const char *file,
                                     int         line);
/* Waits until @widget's window has laid out and painted a frame begun
 * after this call: sizes and shown children are those of that frame. */
void       ui_test_wait_painted   (GtkWidget  *widget);
/* The same, giving up at @deadline (monotonic time): FALSE when no frame
 * was painted by then, or @widget is not in a window yet. */
gboolean   ui_test_paint_by       (GtkWidget  *widget,
                                   gint64      deadline);

/* The template child @name of @widget's @type template; fails when there
 * is none. */
gpointer   ui_test_template_child (gpointer    widget,
                                   GType       type,
                                   const char *name);
gpointer   ui_test_window_child   (RexWindow  *window,
                                   const char *name);
/* For ui_test_iterate_until(): @window has no load in progress. */
gboolean   ui_test_not_loading    (gpointer    window);
/* For ui_test_iterate_until(): @window's surface has its default size (the
 * size a user's window opens at), the chart is drawn at it with its items,
 * and the switch to the view is over (during the cross-fade the view left
 * behind still takes Tab stops). */
gboolean   ui_test_at_default_size (gpointer   window);
/* A presented window showing the bundled dataset, on @view, or on the view
 * saved in the settings when @view is NULL. */
RexWindow *ui_test_new_window     (const char *view);
/* Destroys @window and checks that it, and the dataset it showed, are
 * finalized: a reference leaked by any view or dialog (a signal handler, a
 * pending idle, a binding) fails the test here. */
void       ui_test_destroy_window (RexWindow  *window);

/* The value labels of the Overview's headline cards, each between "|"
 * ("|140k|95.4k|…|"). */
char      *ui_test_headline_values (RexWindow *window);

/* Opens @app's About dialog on its Credits page and checks that page:
 * every source of the bundled dataset is listed, in a scrolled list at
 * least 300 pixels high, and the dialog stays a dialog (narrower than 900
 * pixels). Returns the dialog, for the caller to look at and destroy. */
GtkWindow *ui_test_open_about_credits (GtkApplication *app);

/* The mapped toplevel window of @type other than @except (may be NULL), or
 * NULL: a dialog or the profile a test made the window open. */
GtkWindow *ui_test_find_toplevel  (GType       type,
                                   GtkWindow  *except);

/* Waits until a toplevel of @type is mapped and laid out at the size its
 * surface was given (not the 1×1 of a new one) and, with @active, has the
 * keyboard focus of the display; returns it. */
GtkWindow *ui_test_wait_for_toplevel (GType     type,
                                      gboolean  active);

/* The text @clipboard holds (read as another program would), or NULL when
 * it holds none. */
char      *ui_test_read_clipboard_text (GdkClipboard *clipboard);

/* Every key of the app's settings back to its default. */
void       ui_test_reset_settings (void);
/* g_test_add_func() for a UI test: it starts from clean settings (every
 * key at its default), whatever ran before it in the same process. */
void       ui_test_add            (const char *path,
                                   void      (*test) (void));

G_END_DECLS
