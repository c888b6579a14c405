/* rex-selection.h — the set of selected regions, shared by the sidebar and
 * every view, and the list entries that show it with a check box. */
#pragma once

#include <gtk/gtk.h>

#include "rex-model.h"

G_BEGIN_DECLS

#define REX_TYPE_SELECTION (rex_selection_get_type ())
G_DECLARE_FINAL_TYPE (RexSelection, rex_selection, REX, SELECTION, GObject)

RexSelection *rex_selection_new        (void);
gboolean      rex_selection_contains   (RexSelection       *self,
                                        const char         *region_id);
/* Adds or removes one region; emits ::changed when that changes anything. */
void          rex_selection_set        (RexSelection       *self,
                                        const char         *region_id,
                                        gboolean            selected);
void          rex_selection_toggle     (RexSelection       *self,
                                        const char         *region_id);
/* Replaces the whole selection (NULL or empty clears it). */
void          rex_selection_set_ids    (RexSelection       *self,
                                        const char * const *ids);
/* Selected ids in the order they were selected; NULL-terminated, owned by the caller. */
GStrv         rex_selection_get_ids    (RexSelection       *self);
guint         rex_selection_get_size   (RexSelection       *self);

#define REX_TYPE_REGION_ENTRY (rex_region_entry_get_type ())
G_DECLARE_FINAL_TYPE (RexRegionEntry, rex_region_entry, REX, REGION_ENTRY, GObject)

/* A row of the region list: a region and whether it is selected, as a
 * read-write property the row's check box can follow and set. */
RexRegionEntry *rex_region_entry_new        (RexRegion      *region,
                                             RexSelection   *selection);
RexRegion      *rex_region_entry_get_region (RexRegionEntry *self);
gboolean        rex_region_entry_get_selected (RexRegionEntry *self);
void            rex_region_entry_set_selected (RexRegionEntry *self,
                                               gboolean        selected);
/* Tells the entry the selection changed, so bound widgets update. */
void            rex_region_entry_notify_selected (RexRegionEntry *self);

G_END_DECLS
