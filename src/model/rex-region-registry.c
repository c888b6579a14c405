/* rex-region-registry.c — the 34 provincial-level divisions and the groups
 * of the bundled dataset, with every name tables use for them.
 *
 * Tile positions, seats and group memberships are those of the bundled
 * dataset (data/datasets/china-regional-development.json), which
 * test-region-registry checks; Hong Kong, Macao and Taiwan belong to no
 * macro-region.
 * Names are matched after folding (see normalize()), so the alias lists only
 * hold names that folding does not reach.
 */
#include "config.h"

#include <string.h>

#include "rex-divisions.h"
#include "rex-region-registry.h"

#define P REX_REGION_KIND_PROVINCE
#define CC REX_REGION_KIND_CITY_CLUSTER
#define SA REX_REGION_KIND_STRATEGY_AREA

static const RexRegistryEntry entries[] = {
  { "CN", REX_REGION_KIND_NATION, NULL, "China", "中国", "中华人民共和国", NULL, NULL, NULL, 0, 0, -1, -1, 0, NULL,
    "全国|全国合计|全国总计|总计|合计|National|Nationwide|Total|PRC|People's Republic of China|Mainland China|中国大陆|CHN" },
  { "east", REX_REGION_KIND_MACRO_REGION, NULL, "East", "东部地区", "东部地区", "CN", NULL, NULL, 0, 0, -1, -1, 0, NULL,
    "东部|Eastern|Eastern Region|East Region|Eastern China" },
  { "central", REX_REGION_KIND_MACRO_REGION, NULL, "Central", "中部地区", "中部地区", "CN", NULL, NULL, 0, 0, -1, -1, 0, NULL,
    "中部|Central Region|Central China" },
  { "west", REX_REGION_KIND_MACRO_REGION, NULL, "West", "西部地区", "西部地区", "CN", NULL, NULL, 0, 0, -1, -1, 0, NULL,
    "西部|Western|Western Region|West Region|Western China" },
  { "northeast", REX_REGION_KIND_MACRO_REGION, NULL, "Northeast", "东北地区", "东北地区", "CN", NULL, NULL, 0, 0, -1, -1, 0, NULL,
    "东北|Northeastern|Northeast Region|Northeastern Region|Northeast China" },

  { "CN-BJ", P, "110000", "Beijing", "北京", "北京市", "east", "Beijing", "北京", 116.40, 39.90, 4, 0, 0, NULL, "Peking" },
  { "CN-TJ", P, "120000", "Tianjin", "天津", "天津市", "east", "Tianjin", "天津", 117.20, 39.13, 5, 1, 0, NULL, "Tientsin" },
  { "CN-HE", P, "130000", "Hebei", "河北", "河北省", "east", "Shijiazhuang", "石家庄", 114.51, 38.04, 4, 1, 0, NULL, "冀" },
  { "CN-SX", P, "140000", "Shanxi", "山西", "山西省", "central", "Taiyuan", "太原", 112.55, 37.87, 3, 2, 0, NULL, "晋" },
  { "CN-NM", P, "150000", "Inner Mongolia", "内蒙古", "内蒙古自治区", "west", "Hohhot", "呼和浩特", 111.75, 40.84, 3, 1, 0, NULL,
    "Nei Mongol|Nei Menggu|Neimenggu|Nei Monggol|Inner Mongolia Autonomous Region|Nei Mongol Autonomous Region|内蒙" },
  { "CN-LN", P, "210000", "Liaoning", "辽宁", "辽宁省", "northeast", "Shenyang", "沈阳", 123.43, 41.80, 6, 1, 0, NULL, "辽" },
  { "CN-JL", P, "220000", "Jilin", "吉林", "吉林省", "northeast", "Changchun", "长春", 125.32, 43.82, 7, 1, 0, NULL, "Kirin" },
  { "CN-HL", P, "230000", "Heilongjiang", "黑龙江", "黑龙江省", "northeast", "Harbin", "哈尔滨", 126.53, 45.80, 7, 0, 0, NULL, "黑" },
  { "CN-SH", P, "310000", "Shanghai", "上海", "上海市", "east", "Shanghai", "上海", 121.47, 31.23, 5, 3, 0, NULL, "沪" },
  { "CN-JS", P, "320000", "Jiangsu", "江苏", "江苏省", "east", "Nanjing", "南京", 118.80, 32.06, 5, 2, 0, NULL, "Kiangsu" },
  { "CN-ZJ", P, "330000", "Zhejiang", "浙江", "浙江省", "east", "Hangzhou", "杭州", 120.16, 30.27, 4, 4, 0, NULL, "Chekiang" },
  { "CN-AH", P, "340000", "Anhui", "安徽", "安徽省", "central", "Hefei", "合肥", 117.23, 31.82, 4, 3, 0, NULL, "Anhwei" },
  { "CN-FJ", P, "350000", "Fujian", "福建", "福建省", "east", "Fuzhou", "福州", 119.30, 26.08, 3, 5, 0, NULL, "Fukien" },
  { "CN-JX", P, "360000", "Jiangxi", "江西", "江西省", "central", "Nanchang", "南昌", 115.86, 28.68, 3, 4, 0, NULL, "Kiangsi" },
  { "CN-SD", P, "370000", "Shandong", "山东", "山东省", "east", "Jinan", "济南", 117.12, 36.65, 4, 2, 0, NULL, "Shantung" },
  { "CN-HA", P, "410000", "Henan", "河南", "河南省", "central", "Zhengzhou", "郑州", 113.63, 34.75, 3, 3, 0, NULL, "Honan" },
  { "CN-HB", P, "420000", "Hubei", "湖北", "湖北省", "central", "Wuhan", "武汉", 114.31, 30.59, 2, 4, 0, NULL, "Hupeh" },
  { "CN-HN", P, "430000", "Hunan", "湖南", "湖南省", "central", "Changsha", "长沙", 112.94, 28.23, 2, 5, 0, NULL, "Hunan Province" },
  { "CN-GD", P, "440000", "Guangdong", "广东", "广东省", "east", "Guangzhou", "广州", 113.26, 23.13, 2, 6, 0, NULL, "Kwangtung|Canton" },
  { "CN-GX", P, "450000", "Guangxi", "广西", "广西壮族自治区", "west", "Nanning", "南宁", 108.37, 22.82, 1, 5, 0, NULL,
    "Guangxi Zhuang|Guangxi Zhuang Autonomous Region|Kwangsi|广西自治区" },
  { "CN-HI", P, "460000", "Hainan", "海南", "海南省", "east", "Haikou", "海口", 110.32, 20.04, 2, 7, 0, NULL, "琼" },
  { "CN-CQ", P, "500000", "Chongqing", "重庆", "重庆市", "west", "Chongqing", "重庆", 106.55, 29.56, 1, 3, 0, NULL, "Chungking" },
  { "CN-SC", P, "510000", "Sichuan", "四川", "四川省", "west", "Chengdu", "成都", 104.07, 30.57, 1, 2, 0, NULL, "Szechwan|Szechuan" },
  { "CN-GZ", P, "520000", "Guizhou", "贵州", "贵州省", "west", "Guiyang", "贵阳", 106.63, 26.65, 1, 4, 0, NULL, "Kweichow" },
  { "CN-YN", P, "530000", "Yunnan", "云南", "云南省", "west", "Kunming", "昆明", 102.83, 24.88, 0, 4, 0, NULL, "滇" },
  { "CN-XZ", P, "540000", "Tibet (Xizang)", "西藏", "西藏自治区", "west", "Lhasa", "拉萨", 91.13, 29.65, 0, 2, 0, NULL,
    "Tibet|Xizang|Tibet Autonomous Region|Xizang Autonomous Region" },
  { "CN-SN", P, "610000", "Shaanxi", "陕西", "陕西省", "west", "Xi'an", "西安", 108.94, 34.34, 2, 3, 0, NULL, "Shensi" },
  { "CN-GS", P, "620000", "Gansu", "甘肃", "甘肃省", "west", "Lanzhou", "兰州", 103.83, 36.06, 2, 1, 0, NULL, "Kansu" },
  { "CN-QH", P, "630000", "Qinghai", "青海", "青海省", "west", "Xining", "西宁", 101.78, 36.62, 1, 1, 0, NULL, "Tsinghai" },
  { "CN-NX", P, "640000", "Ningxia", "宁夏", "宁夏回族自治区", "west", "Yinchuan", "银川", 106.23, 38.49, 2, 2, 0, NULL,
    "Ningxia Hui|Ningxia Hui Autonomous Region|宁夏自治区" },
  { "CN-XJ", P, "650000", "Xinjiang", "新疆", "新疆维吾尔自治区", "west", "Ürümqi", "乌鲁木齐", 87.62, 43.83, 0, 1, 0, NULL,
    "Xinjiang Uygur|Xinjiang Uyghur|Xinjiang Uighur|Xinjiang Uygur Autonomous Region|Xinjiang Uyghur Autonomous Region|新疆自治区|Sinkiang" },
  { "CN-TW", P, "710000", "Taiwan", "台湾", "台湾省", NULL, "Taipei", "台北", 121.56, 25.04, 4, 5, 0, NULL,
    "臺灣|台灣|Taiwan Province|台湾地区|Taiwan, China|TWN" },
  { "CN-HK", P, "810000", "Hong Kong", "香港", "香港特别行政区", NULL, "Hong Kong", "香港", 114.17, 22.32, 3, 6, 0, NULL,
    "Hong Kong SAR|Hongkong|Xianggang|HKSAR|香港特區|中国香港|Hong Kong SAR, China|HKG" },
  { "CN-MO", P, "820000", "Macao", "澳门", "澳门特别行政区", NULL, "Macao", "澳门", 113.54, 22.19, 1, 6, 0, NULL,
    "Macau|Macao SAR|Macau SAR|Aomen|MSAR|澳門|中国澳门|Macao SAR, China|MAC" },

  { "jjj", SA, NULL, "Beijing-Tianjin-Hebei", "京津冀", "京津冀", "CN", NULL, NULL, 0, 0, -1, -1, 0, "CN-BJ CN-TJ CN-HE",
    "京津冀地区|Jing-Jin-Ji|Jingjinji" },
  { "yrd", SA, NULL, "Yangtze River Delta", "长三角", "长江三角洲", "CN", NULL, NULL, 0, 0, -1, -1, 0, "CN-SH CN-JS CN-ZJ CN-AH",
    "长三角地区|长江三角洲地区|YRD" },
  { "yreb", SA, NULL, "Yangtze River Economic Belt", "长江经济带", "长江经济带", "CN", NULL, NULL, 0, 0, -1, -1, 0,
    "CN-SH CN-JS CN-ZJ CN-AH CN-JX CN-HB CN-HN CN-CQ CN-SC CN-GZ CN-YN", NULL },
  { "gba", SA, NULL, "Guangdong-Hong Kong-Macao Greater Bay Area", "粤港澳大湾区", "粤港澳大湾区", "CN", NULL, NULL, 0, 0, -1, -1, 0,
    "CN-GD CN-HK CN-MO", "Greater Bay Area|大湾区|GBA" },
  { "chengyu", SA, NULL, "Chengdu-Chongqing Economic Circle", "成渝地区双城经济圈", "成渝地区双城经济圈", "CN", NULL, NULL, 0, 0, -1, -1, 0,
    "CN-CQ CN-SC", "成渝经济圈|Chengdu-Chongqing" },
  { "cc-jjj", CC, NULL, "Beijing-Tianjin-Hebei city cluster", "京津冀城市群", "京津冀城市群", "CN", NULL, NULL, 0, 0, -1, -1, 1, "CN-BJ CN-TJ CN-HE", NULL },
  { "cc-yrd", CC, NULL, "Yangtze River Delta city cluster", "长三角城市群", "长江三角洲城市群", "CN", NULL, NULL, 0, 0, -1, -1, 1, "CN-SH CN-JS CN-ZJ CN-AH", NULL },
  { "cc-prd", CC, NULL, "Pearl River Delta city cluster", "珠三角城市群", "珠江三角洲城市群", "CN", NULL, NULL, 0, 0, -1, -1, 1, "CN-GD", NULL },
  { "cc-chengyu", CC, NULL, "Chengdu-Chongqing city cluster", "成渝城市群", "成渝城市群", "CN", NULL, NULL, 0, 0, -1, -1, 1, "CN-CQ CN-SC", NULL },
  { "cc-middle-yangtze", CC, NULL, "Middle Yangtze River city cluster", "长江中游城市群", "长江中游城市群", "CN", NULL, NULL, 0, 0, -1, -1, 1, "CN-HB CN-HN CN-JX", NULL },
  { "cc-shandong", CC, NULL, "Shandong Peninsula city cluster", "山东半岛城市群", "山东半岛城市群", "CN", NULL, NULL, 0, 0, -1, -1, 2, "CN-SD", NULL },
  { "cc-west-strait", CC, NULL, "Guangdong-Fujian-Zhejiang coastal city cluster", "粤闽浙沿海城市群", "粤闽浙沿海城市群", "CN", NULL, NULL, 0, 0, -1, -1, 2, "CN-GD CN-FJ CN-ZJ",
    "海峡西岸城市群" },
  { "cc-central-plains", CC, NULL, "Central Plains city cluster", "中原城市群", "中原城市群", "CN", NULL, NULL, 0, 0, -1, -1, 2, "CN-HA CN-SX CN-SD CN-AH CN-HE", NULL },
  { "cc-guanzhong", CC, NULL, "Guanzhong Plain city cluster", "关中平原城市群", "关中平原城市群", "CN", NULL, NULL, 0, 0, -1, -1, 2, "CN-SN CN-SX CN-GS", NULL },
  { "cc-beibu-gulf", CC, NULL, "Beibu Gulf city cluster", "北部湾城市群", "北部湾城市群", "CN", NULL, NULL, 0, 0, -1, -1, 2, "CN-GX CN-GD CN-HI", NULL },
  { "cc-harbin-changchun", CC, NULL, "Harbin-Changchun city cluster", "哈长城市群", "哈长城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-HL CN-JL", NULL },
  { "cc-central-south-liaoning", CC, NULL, "Central-southern Liaoning city cluster", "辽中南城市群", "辽中南城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-LN", NULL },
  { "cc-central-shanxi", CC, NULL, "Central Shanxi city cluster", "山西中部城市群", "山西中部城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-SX", NULL },
  { "cc-central-guizhou", CC, NULL, "Central Guizhou city cluster", "黔中城市群", "黔中城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-GZ", NULL },
  { "cc-central-yunnan", CC, NULL, "Central Yunnan city cluster", "滇中城市群", "滇中城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-YN", NULL },
  { "cc-hbov", CC, NULL, "Hohhot-Baotou-Ordos-Yulin city cluster", "呼包鄂榆城市群", "呼包鄂榆城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-NM CN-SN", NULL },
  { "cc-lanzhou-xining", CC, NULL, "Lanzhou-Xining city cluster", "兰州—西宁城市群", "兰西城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-GS CN-QH", NULL },
  { "cc-ningxia-yellow-river", CC, NULL, "Ningxia city cluster along the Yellow River", "宁夏沿黄城市群", "宁夏沿黄城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-NX", NULL },
  { "cc-tianshan-north", CC, NULL, "Tianshan North Slope city cluster", "天山北坡城市群", "天山北坡城市群", "CN", NULL, NULL, 0, 0, -1, -1, 3, "CN-XJ", NULL },
};

#undef P
#undef CC
#undef SA

/* Suffixes dropped from the end of a folded name, longest first; one of
 * them at most, so that "Hubei Province" and "湖北省" both fold to the
 * short name, and a name is never eaten whole. */
static const char * const suffixes[] = {
  "specialadministrativeregion", "autonomousregion", "municipality", "province",
  "zizhiqu", "sheng", "sar", "shi",
  "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "地区", "省", "市",
};

/* TRUE when @s (@length bytes) is a footnote mark as yearbooks put after
 * a figure: *, **, †, ‡, §, ①–⑳, superscript digits, or one or two
 * letters or digits in brackets ("(p)", "[1]", "（1）"). */
gboolean
rex_is_footnote_mark (const char *s,
                      gsize       length)
{
  static const char * const marks[] = { "*", "**", "†", "‡", "§", "¹", "²", "³", NULL };
  gunichar c;

  for (guint i = 0; marks[i] != NULL; i++)
    if (strlen (marks[i]) == length && memcmp (s, marks[i], length) == 0)
      return TRUE;
  c = g_utf8_get_char_validated (s, length);
  if ((gsize) g_utf8_skip[*(const guchar *) s] == length
      && ((c >= 0x2460 && c <= 0x2473) || (c >= 0x2070 && c <= 0x2079)))
    return TRUE;
  if (length >= 3 && length <= 4 && ((s[0] == '(' && s[length - 1] == ')') || (s[0] == '[' && s[length - 1] == ']')))
    return g_ascii_isalnum (s[1]) && (length == 3 || g_ascii_isalnum (s[2]));
  if (length >= 7 && length <= 8 && memcmp (s, "（", 3) == 0 && memcmp (s + length - 3, "）", 3) == 0)
    return g_ascii_isalnum (s[3]) && (length == 7 || g_ascii_isalnum (s[4]));
  return FALSE;
}

/* Where a footnote mark at the end of @s starts (after the spaces before
 * it: "北京市 ①"), or @length when there is none; never 0: a mark marks
 * something. The longest mark wins: "**", not its last "*". */
gsize
rex_footnote_mark_start (const char *s,
                         gsize       length)
{
  for (gsize back = MIN (8, length - (length > 0)); back >= 1; back--)
    {
      gsize start = length - back;

      if ((((guchar) s[start]) & 0xC0) == 0x80 || !rex_is_footnote_mark (s + start, back))
        continue;
      while (start > 1 && s[start - 1] == ' ')
        start--;
      return start;
    }
  return length;
}

/* Lower case, compatibility forms (full-width letters and digits, the
 * ideographic space), no accents, only letters and digits kept, a footnote mark at the end
 * dropped ("北京市①", "Beijing (a)"). */
static GString *
fold (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, rex_footnote_mark_start (name, strlen (name)),
                                                  G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  if (decomposed == NULL)
    return out;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        continue;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return out;
}

/* Folded, "of which" dropped from the front (yearbooks indent a part
 * under its whole as "其中：长江经济带"), then one suffix dropped. */
static char *
normalize (const char *name)
{
  GString *out = fold (name);

  if (out->len > strlen ("其中") && g_str_has_prefix (out->str, "其中"))
    g_string_erase (out, 0, strlen ("其中"));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize len = strlen (suffixes[i]);

      if (out->len > len && g_str_has_suffix (out->str, suffixes[i]))
        {
          g_string_truncate (out, out->len - len);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  GHashTable *by_name;   /* folded name → entry */
  GHashTable *by_id;     /* id → entry */
  GPtrArray  *keys;      /* folded names, for suggestions */
  GPtrArray  *key_entries;
} Index;

static void
index_add (Index                  *index,
           const char             *name,
           const RexRegistryEntry *entry)
{
  char *key;

  if (name == NULL || *name == '\0')
    return;
  key = normalize (name);
  if (*key == '\0' || g_hash_table_contains (index->by_name, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (index->by_name, key, (gpointer) entry);
  g_ptr_array_add (index->keys, key);
  g_ptr_array_add (index->key_entries, (gpointer) entry);
}

/* Every name of @e, folded. */
static void
index_add_entry (Index                  *index,
                 const RexRegistryEntry *e)
{
  g_hash_table_insert (index->by_id, (gpointer) e->id, (gpointer) e);
  index_add (index, e->id, e);
  index_add (index, e->code, e);
  index_add (index, e->name, e);
  index_add (index, e->name_zh, e);
  index_add (index, e->full_name_zh, e);
  if (e->kind == REX_REGION_KIND_PROVINCE)
    {
      char old_code[8];

      /* The two letters alone, and ISO 3166-2:CN before 2017 ("CN-44"). */
      index_add (index, e->id + 3, e);
      g_snprintf (old_code, sizeof old_code, "CN-%.2s", e->code);
      index_add (index, old_code, e);
    }
  if (e->aliases != NULL)
    {
      g_auto(GStrv) aliases = g_strsplit (e->aliases, "|", -1);

      for (guint j = 0; aliases[j] != NULL; j++)
        index_add (index, aliases[j], e);
    }
}

/* Built on first use, kept for the life of the program. */
static Index *
get_index (void)
{
  static Index *index;

  if (g_once_init_enter (&index))
    {
      Index *made = g_new0 (Index, 1);

      made->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      made->by_id = g_hash_table_new (g_str_hash, g_str_equal);
      made->keys = g_ptr_array_new ();
      made->key_entries = g_ptr_array_new ();
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        index_add_entry (made, &entries[i]);
      g_once_init_leave (&index, made);
    }

  return index;
}

guint
rex_region_registry_get_n_entries (void)
{
  return G_N_ELEMENTS (entries);
}

const RexRegistryEntry *
rex_region_registry_get_entry (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (entries), NULL);

  return &entries[index];
}

const RexRegistryEntry *
rex_region_registry_lookup_id (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (get_index ()->by_id, id);
}

const RexRegistryEntry *
rex_region_registry_lookup (const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    return NULL;
  key = normalize (name);

  return g_hash_table_lookup (get_index ()->by_name, key);
}

/* Prefectures and counties */

typedef struct
{
  GHashTable *by_full;     /* folded name → GArray of indices into rex_divisions */
  GHashTable *by_short;    /* folded short name → GArray of indices */
  GHashTable *by_code;     /* code → index + 1 */
  GPtrArray  *prefixes;    /* folded names of prefectures, for "南京市鼓楼区" */
  GArray     *prefix_of;   /* index of the prefecture of each prefix */
  GPtrArray  *provinces;   /* folded Chinese names of provinces, for "广东省深圳市" */
  GPtrArray  *province_of; /* RexRegistryEntry of each */
} DivisionIndex;

static void
division_index_add (GHashTable *table,
                    const char *name,
                    guint       index)
{
  GString *key = fold (name);
  GArray *list;

  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return;
    }
  list = g_hash_table_lookup (table, key->str);
  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, g_strdup (key->str), list);
    }
  g_array_append_val (list, index);
  g_string_free (key, TRUE);
}

static gboolean
is_prefecture_code (const char *code)
{
  return code[4] == '0' && code[5] == '0';
}

static void
division_index_add_province_names (DivisionIndex *made)
{
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const RexRegistryEntry *e = &entries[i];
      const char *names[] = { e->full_name_zh, e->name_zh };

      if (e->kind != REX_REGION_KIND_PROVINCE)
        continue;
      /* The full name first: "广东省深圳市" is cut after 广东省, not 广东. */
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_ptr_array_add (made->provinces, g_string_free (fold (names[j]), FALSE));
          g_ptr_array_add (made->province_of, (gpointer) e);
        }
    }
}

/* The names and the code of division @i; a prefecture's names also as
 * prefixes. */
static void
division_index_add_division (DivisionIndex *index,
                             guint          i)
{
  const RexDivision *d = &rex_divisions[i];
  g_auto(GStrv) shorts = g_strsplit (d->short_names, "|", -1);

  g_hash_table_insert (index->by_code, (gpointer) d->code, GUINT_TO_POINTER (i + 1));
  division_index_add (index->by_full, d->name, i);
  for (guint j = 0; shorts[j] != NULL; j++)
    division_index_add (index->by_short, shorts[j], i);
  if (!is_prefecture_code (d->code))
    return;
  g_ptr_array_add (index->prefixes, g_string_free (fold (d->name), FALSE));
  g_array_append_val (index->prefix_of, i);
  for (guint j = 0; shorts[j] != NULL; j++)
    {
      g_ptr_array_add (index->prefixes, g_string_free (fold (shorts[j]), FALSE));
      g_array_append_val (index->prefix_of, i);
    }
}

/* Built on first use, kept for the life of the program. */
static DivisionIndex *
get_division_index (void)
{
  static DivisionIndex *index;

  if (g_once_init_enter (&index))
    {
      DivisionIndex *made = g_new0 (DivisionIndex, 1);

      made->by_full = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      made->by_short = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      made->by_code = g_hash_table_new (g_str_hash, g_str_equal);
      made->prefixes = g_ptr_array_new_with_free_func (g_free);
      made->prefix_of = g_array_new (FALSE, FALSE, sizeof (guint));
      made->provinces = g_ptr_array_new_with_free_func (g_free);
      made->province_of = g_ptr_array_new ();
      for (guint i = 0; i < rex_n_divisions; i++)
        division_index_add_division (made, i);
      division_index_add_province_names (made);
      g_once_init_leave (&index, made);
    }

  return index;
}

const char *
rex_region_registry_division_name (const char *code)
{
  guint index;

  g_return_val_if_fail (code != NULL, NULL);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (get_division_index ()->by_code, code));
  return index > 0 ? rex_divisions[index - 1].name : NULL;
}

/* Fills @match for the division of @code: its province, level and name. */
static gboolean
match_code (const char       *code,
            const char       *rest,
            RexRegistryMatch *match)
{
  char province_code[7];
  const RexRegistryEntry *entry;

  g_snprintf (province_code, sizeof province_code, "%.2s0000", code);
  entry = rex_region_registry_lookup (province_code);
  if (entry == NULL || entry->kind != REX_REGION_KIND_PROVINCE || strncmp (code, province_code, 6) == 0)
    return FALSE;

  match->entry = entry;
  match->kind = is_prefecture_code (code) ? REX_REGION_KIND_PREFECTURE : REX_REGION_KIND_COUNTY;
  memcpy (match->code, code, 6);
  match->code[6] = '\0';
  match->rest = rest;
  match->division_name = rex_region_registry_division_name (match->code);
  return TRUE;
}

/* "江苏省南京市鼓楼区 (320106)": the name after its province and
 * prefecture, then the code, as suggestions give a name and an id. */
static char *
describe_division (const RexDivision *d)
{
  char province_code[7], prefecture_code[7];
  const RexRegistryEntry *province;
  const char *prefecture = NULL;

  g_snprintf (province_code, sizeof province_code, "%.2s0000", d->code);
  g_snprintf (prefecture_code, sizeof prefecture_code, "%.4s00", d->code);
  province = rex_region_registry_lookup (province_code);
  if (!is_prefecture_code (d->code))
    prefecture = rex_region_registry_division_name (prefecture_code);

  return g_strdup_printf ("%s%s%s (%s)", province != NULL ? province->full_name_zh : "",
                          prefecture != NULL ? prefecture : "", d->name, d->code);
}

/* The divisions in @list whose code starts with @prefix (may be ""): one,
 * none or several. */
static RexRegistryResult
pick_division (GArray           *list,
               const char       *prefix,
               RexRegistryMatch *match,
               char           ***candidates)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize prefix_length = strlen (prefix);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      guint index = g_array_index (list, guint, i);

      if (strncmp (rex_divisions[index].code, prefix, prefix_length) == 0)
        g_array_append_val (found, index);
    }

  if (found->len == 1)
    return match_code (rex_divisions[g_array_index (found, guint, 0)].code, "", match)
           ? REX_REGISTRY_FOUND : REX_REGISTRY_UNKNOWN;
  if (found->len == 0)
    return REX_REGISTRY_UNKNOWN;

  if (candidates != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < found->len; i++)
        {
          g_autofree char *text = describe_division (&rex_divisions[g_array_index (found, guint, i)]);

          g_strv_builder_add (builder, text);
        }
      g_strfreev (*candidates);
      *candidates = g_strv_builder_end (builder);
    }
  return REX_REGISTRY_AMBIGUOUS;
}

static RexRegistryResult
match_division (const char       *folded,
                const char       *prefix,
                RexRegistryMatch *match,
                char           ***candidates);

/* "南京市鼓楼区", "深圳南山区": a prefecture's name, then a division in it. */
static RexRegistryResult
match_after_prefecture (const char       *folded,
                        const char       *prefix,
                        RexRegistryMatch *match,
                        char           ***candidates)
{
  DivisionIndex *index = get_division_index ();
  RexRegistryResult result = REX_REGISTRY_UNKNOWN;
  gsize prefix_length = strlen (prefix);

  for (guint i = 0; i < index->prefixes->len && result != REX_REGISTRY_FOUND; i++)
    {
      const char *name = index->prefixes->pdata[i];
      const RexDivision *prefecture = &rex_divisions[g_array_index (index->prefix_of, guint, i)];
      gsize length = strlen (name);
      char within[5];
      RexRegistryResult r;

      if (strncmp (prefecture->code, prefix, prefix_length) != 0
          || strncmp (folded, name, length) != 0 || folded[length] == '\0')
        continue;
      g_snprintf (within, sizeof within, "%.4s", prefecture->code);
      r = pick_division (g_hash_table_lookup (index->by_full, folded + length), within, match, candidates);
      if (r != REX_REGISTRY_UNKNOWN)
        result = r;
    }
  return result;
}

/* A division named @folded whose code starts with @prefix: by its name,
 * then by a short name, then as a division of a prefecture named first. */
static RexRegistryResult
match_division (const char       *folded,
                const char       *prefix,
                RexRegistryMatch *match,
                char           ***candidates)
{
  DivisionIndex *index = get_division_index ();
  RexRegistryResult result;

  result = pick_division (g_hash_table_lookup (index->by_full, folded), prefix, match, candidates);
  if (result == REX_REGISTRY_UNKNOWN)
    result = pick_division (g_hash_table_lookup (index->by_short, folded), prefix, match, candidates);
  if (result == REX_REGISTRY_UNKNOWN)
    result = match_after_prefecture (folded, prefix, match, candidates);
  return result;
}

/* "广东省深圳市", "江苏南京市鼓楼区": a province's name, then a division in it. */
static RexRegistryResult
match_after_province (const char       *folded,
                      RexRegistryMatch *match,
                      char           ***candidates)
{
  DivisionIndex *index = get_division_index ();

  for (guint i = 0; i < index->provinces->len; i++)
    {
      const char *name = index->provinces->pdata[i];
      const RexRegistryEntry *province = index->province_of->pdata[i];
      gsize length = strlen (name);
      char prefix[3];

      if (strncmp (folded, name, length) != 0 || folded[length] == '\0')
        continue;
      g_snprintf (prefix, sizeof prefix, "%.2s", province->code);
      return match_division (folded + length, prefix, match, candidates);
    }
  return REX_REGISTRY_UNKNOWN;
}

/* "440300", "440300 深圳市": a division code below a province. */
static gboolean
match_code_label (const char       *label,
                  RexRegistryMatch *match)
{
  const char *p = label;

  while (*p == ' ')
    p++;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  if (g_ascii_isdigit (p[6]))
    return FALSE;
  if (!match_code (p, p + 6, match))
    return FALSE;
  p += 6;
  while (*p != '\0' && (g_ascii_isspace (*p) || *p == '-' || *p == ':' || *p == '_'))
    p++;
  match->rest = p;
  return TRUE;
}

RexRegistryResult
rex_region_registry_match_in (const char             *label,
                              const RexRegistryEntry *province,
                              RexRegistryMatch       *match,
                              char                 ***candidates)
{
  g_autoptr(GString) folded = NULL;
  const RexRegistryEntry *entry;
  RexRegistryResult result;

  g_return_val_if_fail (label != NULL, REX_REGISTRY_UNKNOWN);
  g_return_val_if_fail (match != NULL, REX_REGISTRY_UNKNOWN);

  memset (match, 0, sizeof *match);
  if (candidates != NULL)
    *candidates = NULL;
  if (!g_utf8_validate (label, -1, NULL) || strlen (label) > 256)
    return REX_REGISTRY_UNKNOWN;
  folded = fold (label);

  /* In the province the table gives first. */
  if (province != NULL && province->kind == REX_REGION_KIND_PROVINCE && province->code != NULL)
    {
      char prefix[3];

      g_snprintf (prefix, sizeof prefix, "%.2s", province->code);
      result = match_division (folded->str, prefix, match, candidates);
      if (result != REX_REGISTRY_UNKNOWN)
        return result;
    }

  /* A division's full name before the provinces' names, which drop a
   * suffix: "吉林市" is the prefecture, not 吉林省. */
  result = pick_division (g_hash_table_lookup (get_division_index ()->by_full, folded->str), "",
                          match, candidates);
  if (result != REX_REGISTRY_UNKNOWN)
    return result;

  entry = rex_region_registry_lookup (label);
  if (entry != NULL)
    {
      match->entry = entry;
      match->kind = entry->kind;
      match->rest = "";
      return REX_REGISTRY_FOUND;
    }

  if (match_code_label (label, match))
    return REX_REGISTRY_FOUND;

  result = match_after_province (folded->str, match, candidates);
  if (result == REX_REGISTRY_UNKNOWN)
    result = match_division (folded->str, "", match, candidates);
  return result;
}

gboolean
rex_region_registry_match (const char       *label,
                           RexRegistryMatch *match)
{
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  return rex_region_registry_match_in (label, NULL, match, NULL) == REX_REGISTRY_FOUND;
}

/* Edit distance over characters, with a cap: distances above @cap are
 * reported as @cap + 1. */
static guint
edit_distance (const gunichar *a,
               glong           na,
               const gunichar *b,
               glong           nb,
               guint           cap)
{
  g_autofree guint *row = NULL;
  guint result;

  if ((guint) ABS (na - nb) > cap)
    return cap + 1;

  row = g_new (guint, nb + 1);
  for (glong j = 0; j <= nb; j++)
    row[j] = j;

  for (glong i = 1; i <= na; i++)
    {
      guint diagonal = row[0];
      guint best = row[0] = i;

      for (glong j = 1; j <= nb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (above + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
          best = MIN (best, row[j]);
        }
      if (best > cap)
        return cap + 1;
    }

  result = row[nb];
  return MIN (result, cap + 1);
}

typedef struct
{
  const RexRegistryEntry *entry;
  guint                   distance;
  guint                   order;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return (ca->order > cb->order) - (ca->order < cb->order);
}

typedef struct
{
  guint index;      /* into rex_divisions */
  guint distance;
} DivisionCandidate;

static int
compare_division_candidates (gconstpointer a,
                             gconstpointer b)
{
  const DivisionCandidate *ca = a, *cb = b;
  gboolean pa = is_prefecture_code (rex_divisions[ca->index].code);
  gboolean pb = is_prefecture_code (rex_divisions[cb->index].code);

  /* The closest first; at the same distance, cities before counties. */
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  if (pa != pb)
    return pa ? -1 : 1;
  return (ca->index > cb->index) - (ca->index < cb->index);
}

/* Up to @max divisions whose full names lie within a character in three
 * of @name (its suffix kept: 市 tells a city from its province), as
 * "广东省深圳市 (440300)": a misspelt city gets the city. */
static void
suggest_divisions (GStrvBuilder *builder,
                   const char   *name,
                   guint         max)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (DivisionCandidate));
  g_autoptr(GString) folded = fold (name);
  glong n_chars = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (folded->str, -1, &n_chars);
  guint cap = MAX (1, (guint) n_chars / 3);
  GHashTableIter iter;
  gpointer key, value;

  if (n_chars < 2)
    return;

  g_hash_table_iter_init (&iter, get_division_index ()->by_full);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *list = value;
      glong n_other = 0;
      g_autofree gunichar *other = g_utf8_to_ucs4_fast (key, -1, &n_other);
      guint distance = edit_distance (chars, n_chars, other, n_other, cap);

      if (distance > cap || distance >= (guint) MAX (n_other, 1))
        continue;
      for (guint i = 0; i < list->len; i++)
        g_array_append_val (found, ((DivisionCandidate) { g_array_index (list, guint, i), distance }));
    }

  g_array_sort (found, compare_division_candidates);
  for (guint i = 0; i < found->len && i < max; i++)
    {
      g_autofree char *text = describe_division (&rex_divisions[g_array_index (found, DivisionCandidate, i).index]);

      g_strv_builder_add (builder, text);
    }
}

char **
rex_region_registry_suggest (const char *name,
                             guint       max)
{
  Index *index = get_index ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) best = g_hash_table_new (NULL, NULL);
  g_autofree char *key = NULL;
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;
  guint cap;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL) || strlen (name) > 256)
    return g_strv_builder_end (builder);

  key = normalize (name);
  chars = g_utf8_to_ucs4_fast (key, -1, &n_chars);
  if (n_chars == 0)
    return g_strv_builder_end (builder);

  /* One wrong character in a two-character Chinese name, a third of a
   * longer Latin one. */
  cap = MAX (1, (guint) n_chars / 3);

  for (guint i = 0; i < index->keys->len; i++)
    {
      const RexRegistryEntry *entry = index->key_entries->pdata[i];
      g_autofree gunichar *other = NULL;
      glong n_other = 0;
      guint distance;
      gpointer seen;

      other = g_utf8_to_ucs4_fast (index->keys->pdata[i], -1, &n_other);
      distance = edit_distance (chars, n_chars, other, n_other, cap);
      if (distance > cap || distance >= (guint) MAX (n_other, 1))
        continue;

      seen = g_hash_table_lookup (best, entry);
      if (seen != NULL)
        {
          Candidate *c = &g_array_index (candidates, Candidate, GPOINTER_TO_UINT (seen) - 1);

          c->distance = MIN (c->distance, distance);
          continue;
        }
      g_array_append_val (candidates, ((Candidate) { entry, distance, candidates->len }));
      g_hash_table_insert (best, (gpointer) entry, GUINT_TO_POINTER (candidates->len));
    }

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && i < max; i++)
    {
      const RexRegistryEntry *entry = g_array_index (candidates, Candidate, i).entry;
      gboolean chinese = g_utf8_get_char (name) >= 0x2E80;

      g_autofree char *text = g_strdup_printf ("%s (%s)",
                                               chinese ? entry->full_name_zh : entry->name,
                                               entry->id);

      g_strv_builder_add (builder, text);
    }
  if (candidates->len < max && g_utf8_get_char (name) >= 0x2E80)
    suggest_divisions (builder, name, max - candidates->len);

  return g_strv_builder_end (builder);
}

/* Strategy areas that take in only some cities of a province: 粤港澳大湾区
 * has nine of Guangdong's, 成渝地区双城经济圈 parts of Sichuan and
 * Chongqing. */
static const char * const partial_areas[] = { "gba", "chengyu" };

gboolean
rex_region_registry_is_whole (const char *group_id)
{
  const RexRegistryEntry *group = rex_region_registry_lookup_id (group_id);

  if (group == NULL || (group->kind != REX_REGION_KIND_NATION && group->kind != REX_REGION_KIND_MACRO_REGION
                        && group->kind != REX_REGION_KIND_STRATEGY_AREA))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (partial_areas); i++)
    if (g_str_equal (group_id, partial_areas[i]))
      return FALSE;
  return TRUE;
}

gboolean
rex_region_registry_is_member (const char *group_id,
                               const char *province_id)
{
  const RexRegistryEntry *group = rex_region_registry_lookup_id (group_id);
  const RexRegistryEntry *province = rex_region_registry_lookup_id (province_id);

  if (group == NULL || province == NULL || province->kind != REX_REGION_KIND_PROVINCE)
    return FALSE;

  if (group->kind == REX_REGION_KIND_NATION)
    return province->parent != NULL;
  if (group->kind == REX_REGION_KIND_MACRO_REGION)
    return g_strcmp0 (province->parent, group->id) == 0;
  if (group->members != NULL)
    {
      gsize length = strlen (province_id);

      /* A space-separated list of ids. */
      for (const char *p = strstr (group->members, province_id); p != NULL; p = strstr (p + 1, province_id))
        if ((p == group->members || p[-1] == ' ') && (p[length] == ' ' || p[length] == '\0'))
          return TRUE;
    }

  return FALSE;
}
