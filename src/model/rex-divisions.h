/* rex-divisions.h — the prefecture- and county-level divisions of China,
 * compiled from data/regions/divisions.csv (see that file for the source).
 * Only the region registry reads them.
 */
#pragma once

#include <glib.h>

typedef struct
{
  char        code[7];       /* "440300"; xxyy00 is a prefecture */
  const char *name;          /* "深圳市" */
  const char *short_names;   /* "深圳", '|'-separated; "" when none */
} RexDivision;

/* Sorted by code. */
extern const RexDivision rex_divisions[];
extern const guint       rex_n_divisions;
