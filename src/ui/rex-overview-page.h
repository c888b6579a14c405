/* rex-overview-page.h — the Overview: the dataset's headline figures as cards
 * and small charts of urbanization, cluster shares and rural metrics. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_OVERVIEW_PAGE (rex_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RexOverviewPage, rex_overview_page, REX, OVERVIEW_PAGE, GtkWidget)

void   rex_overview_page_set_dataset  (RexOverviewPage *self,
                                       RexDataset      *dataset);
/* How the cards and charts write numbers (AUTO at first). */
void   rex_overview_page_set_number_format (RexOverviewPage *self,
                                            RexNumberFormat  format);
/* Number of headline cards shown. */
guint  rex_overview_page_get_n_cards  (RexOverviewPage *self);

G_END_DECLS
