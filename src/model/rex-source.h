/* rex-source.h — a cited publication: every figure in a dataset points at one. */
#pragma once

#include "rex-model-types.h"

G_BEGIN_DECLS

#define REX_TYPE_SOURCE (rex_source_get_type ())
G_DECLARE_FINAL_TYPE (RexSource, rex_source, REX, SOURCE, GObject)

const char *rex_source_get_id        (RexSource *self);
const char *rex_source_get_publisher (RexSource *self);
const char *rex_source_get_title     (RexSource *self);
const char *rex_source_get_publisher_zh (RexSource *self);  /* nullable */
const char *rex_source_get_title_zh     (RexSource *self);  /* nullable */
/* The Chinese publisher and title under a Chinese UI when the source has them. */
const char *rex_source_get_display_publisher (RexSource *self);
const char *rex_source_get_display_title     (RexSource *self);
const char *rex_source_get_date      (RexSource *self);  /* nullable */
const char *rex_source_get_url       (RexSource *self);  /* nullable */
const char *rex_source_get_via       (RexSource *self);  /* nullable */
const char *rex_source_get_note      (RexSource *self);  /* nullable */
/* "Publisher, Title, Date" — one line for credits and chart footers, in
 * Chinese ("出版者，标题，日期") when the display fields are the Chinese ones. */
char       *rex_source_format_citation (RexSource *self);

G_END_DECLS
