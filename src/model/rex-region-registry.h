/* rex-region-registry.h — China's provincial-level divisions and the groups
 * they form, known by every name and code tables use, and the prefectures
 * and counties below them.
 *
 * Tables name a province "广东省", "广东", "Guangdong", "CN-GD" or
 * "440000"; the registry maps all of them to one entry that also knows the
 * province's geography (tile, seat) and the groups it belongs to, so that a
 * dataset which only names its regions can still be mapped and grouped.
 * Prefectures and counties are known by 6-digit code and by name
 * ("深圳市", "深圳", "广东省深圳市", "南京市鼓楼区"; data/regions/divisions.csv).
 */
#pragma once

#include "rex-model-types.h"

G_BEGIN_DECLS

typedef struct
{
  const char    *id;            /* "CN-GD", "east", "cc-prd", "CN" */
  RexRegionKind  kind;          /* nation, macro-region, province, city-cluster, strategy-area */
  const char    *code;          /* 6-digit division code ("440000"); NULL for groups */
  const char    *name;          /* "Guangdong" */
  const char    *name_zh;       /* "广东" */
  const char    *full_name_zh;  /* "广东省" */
  const char    *parent;        /* region id of the parent ("east", "CN"), or NULL */
  const char    *seat;          /* seat in English, or NULL */
  const char    *seat_zh;
  double         lon;
  double         lat;
  int            tile_col;      /* -1 when the entry has no tile */
  int            tile_row;
  guint          tier;          /* city clusters: 1–3 */
  const char    *members;       /* groups with explicit members: space-separated ids */
  const char    *aliases;       /* further names, '|'-separated */
} RexRegistryEntry;

/* What a label in a table names. */
typedef struct
{
  const RexRegistryEntry *entry;   /* the province or group; for a prefecture or
                                    * county code, its province */
  RexRegionKind           kind;    /* entry's kind, or prefecture / county */
  char                    code[7]; /* prefecture/county: the 6-digit code, else "" */
  const char             *rest;    /* prefecture/county: the name after the code in
                                    * the label (points into it; may be "") */
  const char             *division_name; /* prefecture/county of the list: its
                                          * name ("深圳市"); else NULL */
} RexRegistryMatch;

typedef enum
{
  REX_REGISTRY_UNKNOWN,
  REX_REGISTRY_FOUND,
  REX_REGISTRY_AMBIGUOUS,   /* several divisions bear the name */
} RexRegistryResult;

guint                   rex_region_registry_get_n_entries (void);
const RexRegistryEntry *rex_region_registry_get_entry     (guint        index);
/* By region id ("CN-GD", "east"); NULL when unknown. */
const RexRegistryEntry *rex_region_registry_lookup_id     (const char  *id);
/* By any name or code a table uses, ignoring case, spaces (also full-width)
 * and the suffixes 省, 市, 自治区, Province, Autonomous Region…; NULL when
 * unknown. */
const RexRegistryEntry *rex_region_registry_lookup        (const char  *name);
/* As lookup(), and also 6-digit prefecture and county codes ("440300",
 * "440300 深圳市"), which name a region below the province of their first
 * two digits. */
gboolean                rex_region_registry_match         (const char       *label,
                                                           RexRegistryMatch *match);
/* As match(), and also prefectures and counties by name, alone ("深圳市",
 * "深圳", "延边州") or after their province or prefecture ("广东省深圳市",
 * "江苏南京市鼓楼区"). @province (nullable) is the province the table places
 * the label in (another column, a header line): its divisions are looked
 * for first. A name several divisions bear, with nothing to tell them
 * apart, is AMBIGUOUS; *@candidates (when @candidates is not NULL) then
 * lists them as "江苏省南京市鼓楼区 (320106)"; free it with g_strfreev(). */
RexRegistryResult       rex_region_registry_match_in      (const char             *label,
                                                           const RexRegistryEntry *province,
                                                           RexRegistryMatch       *match,
                                                           char                 ***candidates);
/* The prefecture or county of a 6-digit code, its name, or NULL. */
const char             *rex_region_registry_division_name (const char  *code);
/* Up to @max names closest to @name (edit distance), best first, each as
 * "NAME (ID)"; an empty array when nothing is close. Free with g_strfreev(). */
char                  **rex_region_registry_suggest       (const char  *name,
                                                           guint        max);
/* TRUE when the provinces of the group @group_id make all of it, so that
 * their sum is its value: the nation, the macro-regions, and the strategy
 * areas of whole provinces (京津冀, 长三角, 长江经济带). A city cluster, the
 * Greater Bay Area and the Chengdu–Chongqing circle take in only some
 * cities of their provinces. */
gboolean                rex_region_registry_is_whole      (const char  *group_id);
/* TRUE when the province @province_id is a member of the group @group_id
 * (through parent links or explicit members). */
gboolean                rex_region_registry_is_member     (const char  *group_id,
                                                           const char  *province_id);
/* Footnote marks that tables put after a figure or a name ("49843.1①",
 * "北京市(a)"): whether @s is one, and where one at the end of @s starts
 * (@length when there is none). Names are matched without them. */
gboolean                rex_is_footnote_mark              (const char  *s,
                                                           gsize        length);
gsize                   rex_footnote_mark_start           (const char  *s,
                                                           gsize        length);

G_END_DECLS
