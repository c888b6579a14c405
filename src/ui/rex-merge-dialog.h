/* rex-merge-dialog.h — the two small questions of adding data: what to do
 * with values that differ (RexMergeDialog), and whether a table dropped on
 * the window replaces the data or is added to it (RexDropDialog). */
#pragma once

#include <gtk/gtk.h>

#include "rex-model.h"

G_BEGIN_DECLS

#define REX_TYPE_MERGE_DIALOG (rex_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RexMergeDialog, rex_merge_dialog, REX, MERGE_DIALOG, GtkWindow)

/* Lists @conflicts (RexMergeConflict) between the data on screen, @base,
 * and @addition_name, each with a check box setting its take_new; emits
 * "chosen" with @conflicts so set, then closes. Closing it otherwise adds
 * nothing. */
RexMergeDialog *rex_merge_dialog_new          (GtkWindow      *parent,
                                               RexDataset     *base,
                                               const char     *addition_name,
                                               GPtrArray      *conflicts);
/* The rows: objects with a "text" and a writable "take-new" property. */
GListModel     *rex_merge_dialog_get_conflicts (RexMergeDialog *self);
/* As the buttons: every value kept or replaced, or as ticked. */
void            rex_merge_dialog_choose       (RexMergeDialog *self,
                                               RexMergePolicy  policy);
void            rex_merge_dialog_apply        (RexMergeDialog *self);

#define REX_TYPE_DROP_DIALOG (rex_drop_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RexDropDialog, rex_drop_dialog, REX, DROP_DIALOG, GtkWindow)

/* Asks whether @file replaces the data on screen or is added to it; emits
 * "chosen" with TRUE for Add, FALSE for Open, then closes. */
RexDropDialog  *rex_drop_dialog_new           (GtkWindow      *parent,
                                               GFile          *file);
GFile          *rex_drop_dialog_get_file      (RexDropDialog  *self);
void            rex_drop_dialog_choose        (RexDropDialog  *self,
                                               gboolean        add);

G_END_DECLS
