/* rex-import-dialog.h — the dialog that imports a statistics table. */
#pragma once

#include <gtk/gtk.h>

#include "rex-model.h"

G_BEGIN_DECLS

#define REX_TYPE_IMPORT_DIALOG (rex_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RexImportDialog, rex_import_dialog, REX, IMPORT_DIALOG, GtkWindow)

/* A dialog reading @file at once (in a worker thread). @adding says the
 * result is added to the dataset on screen rather than replacing it: only
 * the wording of the Import button differs. It emits "imported" with the
 * dataset when the user presses Import, then closes. */
RexImportDialog *rex_import_dialog_new          (GtkWindow       *parent,
                                                 GFile           *file,
                                                 gboolean         adding);
GFile           *rex_import_dialog_get_file     (RexImportDialog *self);
gboolean         rex_import_dialog_get_adding   (RexImportDialog *self);
/* The latest import, or NULL while the first one runs or when the table
 * could not be read at all (rex_import_dialog_get_error() says why). */
RexTableImport  *rex_import_dialog_get_import   (RexImportDialog *self);
const char      *rex_import_dialog_get_error    (RexImportDialog *self);
/* TRUE while an import runs or one is about to (after an edit). */
gboolean         rex_import_dialog_is_busy      (RexImportDialog *self);
/* The options the next import uses (what the user changed). */
const RexTableImportOptions *rex_import_dialog_get_options (RexImportDialog *self);

G_END_DECLS
