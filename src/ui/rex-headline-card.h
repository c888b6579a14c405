/* rex-headline-card.h — a card showing one of a dataset's headline
 * figures, with its unit, region, year and source. */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_HEADLINE_CARD (rex_headline_card_get_type ())
G_DECLARE_FINAL_TYPE (RexHeadlineCard, rex_headline_card, REX, HEADLINE_CARD, GtkWidget)

/* A card for one headline; NULL when its value is missing. */
GtkWidget *rex_headline_card_new (RexDataset        *dataset,
                                  const RexHeadline *headline,
                                  RexNumberFormat    format);

G_END_DECLS
