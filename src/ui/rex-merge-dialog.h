/* rex-merge-dialog.h — the question of adding data whose values differ
 * from the data on screen: which to keep. */
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

G_END_DECLS
