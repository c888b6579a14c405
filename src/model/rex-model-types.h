/* rex-model-types.h — forward declarations and enums shared by the model layer.
 *
 * The model is plain data: GLib/GIO and json-glib only, no drawing, no GTK.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _RexDataset          RexDataset;
typedef struct _RexMetric           RexMetric;
typedef struct _RexRegion           RexRegion;
typedef struct _RexSource           RexSource;
typedef struct _RexTransportCircle  RexTransportCircle;
typedef struct _RexSeries           RexSeries;

/* The first and last years a dataset may hold (see docs/dataset-format.md). */
#define REX_YEAR_MIN 1800
#define REX_YEAR_MAX 2200

typedef enum
{
  REX_REGION_KIND_NATION,
  REX_REGION_KIND_MACRO_REGION,
  REX_REGION_KIND_PROVINCE,
  REX_REGION_KIND_CITY_CLUSTER,
  REX_REGION_KIND_STRATEGY_AREA,
  REX_REGION_KIND_METRO_AREA,
  REX_REGION_KIND_PREFECTURE,
  REX_REGION_KIND_COUNTY,
  REX_REGION_KIND_CITY,
  REX_REGION_KIND_LAST
} RexRegionKind;

/* How a published figure was worded: "about 75 %", "more than 90 %". */
typedef enum
{
  REX_QUALIFIER_EXACT,
  REX_QUALIFIER_ABOUT,
  REX_QUALIFIER_OVER,
  REX_QUALIFIER_UNDER
} RexQualifier;

typedef enum
{
  REX_VALUE_STATUS_FINAL,
  REX_VALUE_STATUS_PRELIMINARY,
  REX_VALUE_STATUS_ESTIMATE,
  REX_VALUE_STATUS_DERIVED
} RexValueStatus;

typedef enum
{
  REX_NOTE_KIND_BREAK,
  REX_NOTE_KIND_ESTIMATE,
  REX_NOTE_KIND_NOTE
} RexNoteKind;

/* How the values of a metric's members make a group's value. */
typedef enum
{
  REX_COMBINE_NONE,   /* not derived: shares, rates, ratios without weights */
  REX_COMBINE_SUM,    /* totals: GDP, population, output */
  REX_COMBINE_MEAN    /* a mean, weighted by another metric when it names one */
} RexCombine;

/* Schema names of combine rules ("none", "sum", "mean"). */
const char    *rex_combine_to_string       (RexCombine     combine);
gboolean       rex_combine_from_string     (const char    *str,
                                            RexCombine    *combine);

#define REX_TYPE_REGION_KIND (rex_region_kind_get_type ())
GType          rex_region_kind_get_type    (void) G_GNUC_CONST;

/* Schema names of region kinds ("province", "city-cluster", …). */
const char    *rex_region_kind_to_string   (RexRegionKind  kind);
gboolean       rex_region_kind_from_string (const char    *str,
                                            RexRegionKind *kind);
/* Translated, human-readable name ("Province", "City cluster"). */
const char    *rex_region_kind_get_label   (RexRegionKind  kind);

/* TRUE when the user interface language is Chinese, so names_zh are shown. */
gboolean       rex_locale_prefers_chinese  (void);
/* Picks @zh when the UI speaks Chinese and @zh is set, else @en. */
const char    *rex_pick_localized          (const char    *en,
                                            const char    *zh);

G_END_DECLS
