/* rex-window-private.h — what the window's files share, and what the UI
 * tests drive where a person would use a file chooser or drag a file. */
#pragma once

#include "rex-import-dialog.h"
#include "rex-merge-dialog.h"
#include "rex-window.h"

G_BEGIN_DECLS

/* rex-window.c */
void             rex_window_show_error          (RexWindow  *self,
                                                 const char *message);
void             rex_window_show_notice         (RexWindow  *self,
                                                 const char *message);
/* Shows @dataset made in the window (imported, merged): a load in progress
 * is cancelled, the error banner hidden, and the next start opens the
 * bundled data, since the dataset is no file's. */
void             rex_window_show_made_dataset   (RexWindow  *self,
                                                 RexDataset *dataset);

/* rex-window-import.c: Add Data, Save Dataset As, tables opened and dropped */
void             rex_window_import_class_init   (GtkWidgetClass *widget_class);
void             rex_window_import_init         (RexWindow  *self);
void             rex_window_import_dispose      (RexWindow  *self);
gboolean         rex_window_file_is_table       (GFile      *file);
/* Opens the Import dialog for @file; its result replaces the dataset on
 * screen, or with @add is merged into it. */
RexImportDialog *rex_window_import_table        (RexWindow  *self,
                                                 GFile      *file,
                                                 gboolean    add);
/* Adds a table (through the Import dialog) or a JSON dataset to the data
 * on screen; differing values are asked about. */
void             rex_window_add_file            (RexWindow  *self,
                                                 GFile      *file);
/* Merges @addition into the data on screen, asking about differing values. */
void             rex_window_add_dataset         (RexWindow  *self,
                                                 RexDataset *addition,
                                                 const char *name);
/* Writes the dataset on screen to @file in a worker thread. */
void             rex_window_save_dataset        (RexWindow  *self,
                                                 GFile      *file);
gboolean         rex_window_is_saving           (RexWindow  *self);
gboolean         rex_window_is_adding           (RexWindow  *self);
/* A file dropped on the window: a table asks Open or Add, others open. */
void             rex_window_drop_file           (RexWindow  *self,
                                                 GFile      *file);
/* The open Import, merge or drop question, or NULL. */
RexImportDialog *rex_window_get_import_dialog   (RexWindow  *self);
RexMergeDialog  *rex_window_get_merge_dialog    (RexWindow  *self);
RexDropDialog   *rex_window_get_drop_dialog     (RexWindow  *self);

G_END_DECLS
