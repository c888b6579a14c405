/* test-region-registry.c — China's provincial-level divisions by every name
 * and code tables use, their geography, and suggestions for unknown names. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rex-model.h"

static void
assert_names (const char *id,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const RexRegistryEntry *entry = rex_region_registry_lookup (names[i]);

      if (entry == NULL || !g_str_equal (entry->id, id))
        g_error ("\"%s\" should name %s, names %s", names[i], id, entry ? entry->id : "nothing");
    }
}

static void
test_names (void)
{
  assert_names ("CN-GD", (const char *[]) { "广东省", "广东", "Guangdong", "CN-GD", "cn-gd", "440000",
                                            "Guangdong Province", " 广东省 ", "广　东", "ＣＮ－ＧＤ",
                                            "CN-44", "GD", NULL });
  assert_names ("CN-NM", (const char *[]) { "内蒙古自治区", "内蒙古", "Inner Mongolia", "Nei Mongol",
                                            "Inner Mongolia Autonomous Region", "150000", NULL });
  assert_names ("CN-XJ", (const char *[]) { "新疆维吾尔自治区", "新疆", "Xinjiang",
                                            "Xinjiang Uygur Autonomous Region", NULL });
  assert_names ("CN-XZ", (const char *[]) { "西藏自治区", "西藏", "Tibet", "Xizang", NULL });
  assert_names ("CN-GX", (const char *[]) { "广西壮族自治区", "广西", "Guangxi Zhuang Autonomous Region", NULL });
  assert_names ("CN-SN", (const char *[]) { "陕西省", "Shaanxi", NULL });
  assert_names ("CN-SX", (const char *[]) { "山西省", "Shanxi", NULL });
  assert_names ("CN-HK", (const char *[]) { "香港特别行政区", "香港", "Hong Kong", "Hong Kong SAR", "810000", NULL });
  assert_names ("CN-MO", (const char *[]) { "澳门特别行政区", "澳门", "Macao", "Macau", NULL });
  assert_names ("CN-TW", (const char *[]) { "台湾省", "台湾", "Taiwan", NULL });
  assert_names ("CN-BJ", (const char *[]) { "北京市", "北　京", "Beijing", "110000", NULL });
  assert_names ("CN", (const char *[]) { "全国", "中国", "China", NULL });
  assert_names ("east", (const char *[]) { "东部地区", "东部", NULL });
  assert_names ("northeast", (const char *[]) { "东北地区", NULL });

  g_assert_null (rex_region_registry_lookup ("Atlantis"));
  g_assert_null (rex_region_registry_lookup (""));
  g_assert_null (rex_region_registry_lookup ("省"));
  g_assert_null (rex_region_registry_lookup ("\xff\xfe"));
}

static void
test_entries (void)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint provinces = 0, mainland = 0;

  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);

      g_assert_true (rex_region_registry_lookup_id (e->id) == e);
      if (e->kind != REX_REGION_KIND_PROVINCE)
        continue;
      provinces++;
      mainland += e->parent != NULL;
      g_assert_cmpuint (strlen (e->code), ==, 6);
      g_assert_true (g_hash_table_add (codes, (gpointer) e->code));
      g_assert_true (g_hash_table_add (tiles, g_strdup_printf ("%d %d", e->tile_col, e->tile_row)));
      g_assert_cmpint (e->tile_col, >=, 0);
      g_assert_nonnull (e->seat);
      g_assert_cmpfloat (e->lon, >, 70);
      g_assert_cmpfloat (e->lat, >, 15);
      g_assert_true (rex_region_registry_lookup (e->full_name_zh) == e);
      g_assert_true (rex_region_registry_lookup (e->name_zh) == e);
    }
  g_assert_cmpuint (provinces, ==, 34);
  g_assert_cmpuint (mainland, ==, 31);

  g_assert_true (rex_region_registry_is_member ("CN", "CN-GD"));
  g_assert_false (rex_region_registry_is_member ("CN", "CN-HK"));
  g_assert_true (rex_region_registry_is_member ("east", "CN-GD"));
  g_assert_false (rex_region_registry_is_member ("west", "CN-GD"));
  g_assert_true (rex_region_registry_is_member ("gba", "CN-MO"));

  /* Groups whose provinces make all of them, and those of some cities of
   * their provinces, whose values their provinces' sum would overstate. */
  g_assert_true (rex_region_registry_is_whole ("CN"));
  g_assert_true (rex_region_registry_is_whole ("northeast"));
  g_assert_true (rex_region_registry_is_whole ("jjj"));
  g_assert_true (rex_region_registry_is_whole ("yreb"));
  g_assert_false (rex_region_registry_is_whole ("gba"));
  g_assert_false (rex_region_registry_is_whole ("chengyu"));
  g_assert_false (rex_region_registry_is_whole ("cc-prd"));
  g_assert_false (rex_region_registry_is_whole ("cc-central-plains"));
  g_assert_false (rex_region_registry_is_whole ("CN-GD"));
  g_assert_true (rex_region_registry_is_member ("yrd", "CN-AH"));
}

static void
test_codes (void)
{
  RexRegistryMatch match;

  g_assert_true (rex_region_registry_match ("440300", &match));
  g_assert_cmpstr (match.entry->id, ==, "CN-GD");
  g_assert_cmpint (match.kind, ==, REX_REGION_KIND_PREFECTURE);
  g_assert_cmpstr (match.code, ==, "440300");

  g_assert_true (rex_region_registry_match ("440305 南山区", &match));
  g_assert_cmpint (match.kind, ==, REX_REGION_KIND_COUNTY);
  g_assert_cmpstr (match.rest, ==, "南山区");

  g_assert_true (rex_region_registry_match ("320000", &match));
  g_assert_cmpstr (match.entry->id, ==, "CN-JS");
  g_assert_cmpint (match.kind, ==, REX_REGION_KIND_PROVINCE);
  g_assert_cmpstr (match.code, ==, "");

  /* No province 99, and seven digits are not a code. */
  g_assert_false (rex_region_registry_match ("990100", &match));
  g_assert_false (rex_region_registry_match ("4403001", &match));
  g_assert_false (rex_region_registry_match ("44030", &match));
}

/* @label names the division @code, in the province @province (nullable). */
static void
assert_division (const char *label,
                 const char *province,
                 const char *code,
                 const char *name)
{
  RexRegistryMatch match;
  g_auto(GStrv) candidates = NULL;
  const RexRegistryEntry *context = province != NULL ? rex_region_registry_lookup_id (province) : NULL;
  RexRegistryResult result = rex_region_registry_match_in (label, context, &match, &candidates);

  if (result != REX_REGISTRY_FOUND || !g_str_equal (match.code, code))
    g_error ("\"%s\" (in %s) should name %s, gives result %d, code \"%s\"", label,
             province ? province : "no province", code, result, match.code);
  g_assert_cmpstr (match.division_name, ==, name);
  g_assert_null (candidates);
  g_assert_cmpint (match.kind, ==, code[4] == '0' && code[5] == '0' ? REX_REGION_KIND_PREFECTURE
                                                                   : REX_REGION_KIND_COUNTY);
}

static void
test_division_names (void)
{
  RexRegistryMatch match;

  /* Alone, by full and short name. */
  assert_division ("深圳市", NULL, "440300", "深圳市");
  assert_division ("深圳", NULL, "440300", "深圳市");
  assert_division ("延边朝鲜族自治州", NULL, "222400", "延边朝鲜族自治州");
  assert_division ("延边州", NULL, "222400", "延边朝鲜族自治州");
  assert_division ("阿里地区", NULL, "542500", "阿里地区");
  assert_division ("锡林郭勒盟", NULL, "152500", "锡林郭勒盟");
  assert_division ("昆山市", NULL, "320583", "昆山市");
  /* After the province, in any of its names, and spaced. */
  assert_division ("广东省深圳市", NULL, "440300", "深圳市");
  assert_division ("广东深圳", NULL, "440300", "深圳市");
  assert_division ("广东省 深圳市", NULL, "440300", "深圳市");
  assert_division ("内蒙古自治区呼和浩特市", NULL, "150100", "呼和浩特市");
  assert_division ("河南省济源市", NULL, "419001", "济源市");
  assert_division ("江苏省南京市鼓楼区", NULL, "320106", "鼓楼区");
  assert_division ("南京市鼓楼区", NULL, "320106", "鼓楼区");
  /* A province given by the table. */
  assert_division ("深圳市", "CN-GD", "440300", "深圳市");
  assert_division ("朝阳区", "CN-BJ", "110105", "朝阳区");
  /* 吉林市 is the prefecture, 吉林 and 吉林省 the province; 海南州 the
   * prefecture, 海南 the province. */
  assert_division ("吉林市", NULL, "220200", "吉林市");
  assert_division ("吉林省吉林市", NULL, "220200", "吉林市");
  g_assert_true (rex_region_registry_match ("吉林", &match));
  g_assert_cmpstr (match.entry->id, ==, "CN-JL");
  g_assert_cmpint (match.kind, ==, REX_REGION_KIND_PROVINCE);
  g_assert_true (rex_region_registry_match ("海南", &match));
  g_assert_cmpint (match.kind, ==, REX_REGION_KIND_PROVINCE);
  assert_division ("海南州", NULL, "632500", "海南藏族自治州");
  /* A code alone gets the division's name; the province is its entry. */
  g_assert_true (rex_region_registry_match ("440300", &match));
  g_assert_cmpstr (match.division_name, ==, "深圳市");
  g_assert_cmpstr (match.entry->id, ==, "CN-GD");
  g_assert_cmpstr (rex_region_registry_division_name ("419001"), ==, "济源市");
  g_assert_null (rex_region_registry_division_name ("440000"));
  g_assert_null (rex_region_registry_division_name ("449999"));
  /* Not a division: a misspelling, a division of another province. */
  g_assert_false (rex_region_registry_match ("深训市", &match));
  g_assert_cmpint (rex_region_registry_match_in ("广东省南京市", NULL, &match, NULL), ==, REX_REGISTRY_UNKNOWN);
}

/* A dataset that gives its provinces no seat and no tile gets them from
 * the registry, the first region listed as much as the others: Guangzhou
 * (113.26° E, 23.13° N) for Guangdong, Chengdu for Sichuan. */
static void
test_completes_every_region (void)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"Bare\","
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],"
    " \"metrics\": [{\"id\": \"gdp\", \"name\": \"GDP\", \"unit\": \"yuan\", \"source\": \"t\"}],"
    " \"regions\": [{\"id\": \"CN-GD\", \"name\": \"Guangdong\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"gdp\": {\"2024\": 2}}},"
    "  {\"id\": \"CN-SC\", \"name\": \"Sichuan\", \"kind\": \"province\", \"parent\": \"CN\","
    "   \"values\": {\"gdp\": {\"2024\": 1}}},"
    "  {\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"}]}";
  static const struct { const char *id, *seat; double lon, lat; } want[] = {
    { "CN-GD", "Guangzhou", 113.26, 23.13 },
    { "CN-SC", "Chengdu", 104.07, 30.57 },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_bytes (bytes, "bare.json", NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      RexRegion *region = rex_dataset_lookup_region (dataset, want[i].id);
      const RexPlace *seat = rex_region_get_seat (region);
      int col, row;

      g_assert_nonnull (seat);
      g_assert_cmpstr (seat->name, ==, want[i].seat);
      g_assert_cmpfloat_with_epsilon (seat->lon, want[i].lon, 1e-9);
      g_assert_cmpfloat_with_epsilon (seat->lat, want[i].lat, 1e-9);
      g_assert_true (rex_region_get_tile (region, &col, &row));
    }
}

static void
test_division_ambiguous (void)
{
  RexRegistryMatch match;
  g_auto(GStrv) candidates = NULL;
  g_auto(GStrv) in_province = NULL;

  /* 朝阳区: in Beijing and in Changchun. */
  g_assert_cmpint (rex_region_registry_match_in ("朝阳区", NULL, &match, &candidates), ==, REX_REGISTRY_AMBIGUOUS);
  g_assert_false (rex_region_registry_match ("朝阳区", &match));
  g_assert_cmpuint (g_strv_length (candidates), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) candidates, "北京市朝阳区 (110105)"));
  g_assert_true (g_strv_contains ((const char * const *) candidates, "吉林省长春市朝阳区 (220104)"));
  /* 鼓楼区 twice in Jiangsu: the province is not enough, the city is. */
  g_assert_cmpint (rex_region_registry_match_in ("鼓楼区", rex_region_registry_lookup_id ("CN-JS"), &match,
                                                 &in_province), ==, REX_REGISTRY_AMBIGUOUS);
  g_assert_true (g_strv_contains ((const char * const *) in_province, "江苏省徐州市鼓楼区 (320302)"));
  g_assert_cmpint (rex_region_registry_match_in ("江苏省鼓楼区", NULL, &match, NULL), ==, REX_REGISTRY_AMBIGUOUS);
  assert_division ("徐州市鼓楼区", "CN-JS", "320302", "鼓楼区");
  assert_division ("鼓楼区", "CN-HA", "410204", "鼓楼区");
  /* 长安区 in Shijiazhuang and in Xi'an: the city's full name tells them
   * apart (130102, the first prefecture of the code table, 130100). */
  assert_division ("石家庄市长安区", "CN-HE", "130102", "长安区");
  assert_division ("西安市长安区", "CN-SN", "610116", "长安区");
}

static void
test_suggest (void)
{
  g_auto(GStrv) typo = rex_region_registry_suggest ("广冬省", 3);
  g_auto(GStrv) latin = rex_region_registry_suggest ("Guangdongg", 3);
  g_auto(GStrv) far = rex_region_registry_suggest ("Atlantis", 3);
  g_auto(GStrv) empty = rex_region_registry_suggest ("", 3);
  g_auto(GStrv) bad = rex_region_registry_suggest ("\xff", 3);
  g_auto(GStrv) city = rex_region_registry_suggest ("深训市", 3);

  g_assert_nonnull (typo[0]);
  g_assert_true (g_strv_contains ((const char * const *) typo, "广东省 (CN-GD)"));
  g_assert_cmpstr (latin[0], ==, "Guangdong (CN-GD)");
  g_assert_null (far[0]);
  g_assert_null (empty[0]);
  g_assert_null (bad[0]);
  /* A misspelt city: the city, with its province and code. */
  g_assert_cmpstr (city[0], ==, "广东省深圳市 (440300)");
}

/* The registry and the bundled dataset are two hands writing the same
 * facts: every province's and city cluster's names, parent, tile, seat and
 * tier agree, and no province has a tier. */
static void
test_agrees_with_bundled_data (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "china-regional-development.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *regions;
  guint compared = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  regions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "regions");
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *r = json_array_get_object_element (regions, i);
      const char *id = json_object_get_string_member (r, "id");
      const char *kind = json_object_get_string_member (r, "kind");
      const RexRegistryEntry *e;

      if (!g_str_equal (kind, "province") && !g_str_equal (kind, "city-cluster"))
        continue;
      e = rex_region_registry_lookup_id (id);
      g_assert_nonnull (e);
      g_assert_cmpstr (e->name, ==, json_object_get_string_member (r, "name"));
      g_assert_cmpstr (e->name_zh, ==, json_object_get_string_member (r, "name_zh"));
      g_assert_cmpuint (e->tier, ==, json_object_get_int_member_with_default (r, "tier", 0));
      if (g_str_equal (kind, "province"))
        {
          JsonObject *tile = json_object_get_object_member (r, "tile");
          JsonObject *seat = json_object_get_object_member (r, "seat");

          /* Outside the macro-regions, the dataset's parent is the nation. */
          g_assert_cmpstr (e->parent ? e->parent : "CN", ==, json_object_get_string_member (r, "parent"));
          g_assert_cmpint (e->tile_col, ==, json_object_get_int_member (tile, "col"));
          g_assert_cmpint (e->tile_row, ==, json_object_get_int_member (tile, "row"));
          g_assert_cmpfloat (fabs (e->lon - json_object_get_double_member (seat, "lon")), <, 0.1);
          g_assert_cmpfloat (fabs (e->lat - json_object_get_double_member (seat, "lat")), <, 0.1);
        }
      compared++;
    }
  g_assert_cmpuint (compared, ==, 34 + 19);
  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);

      if (e->kind == REX_REGION_KIND_PROVINCE)
        g_assert_cmpuint (e->tier, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry/names", test_names);
  g_test_add_func ("/registry/entries", test_entries);
  g_test_add_func ("/registry/codes", test_codes);
  g_test_add_func ("/registry/suggest", test_suggest);
  g_test_add_func ("/registry/agrees-with-bundled-data", test_agrees_with_bundled_data);
  g_test_add_func ("/registry/division-names", test_division_names);
  g_test_add_func ("/registry/division-ambiguous", test_division_ambiguous);
  g_test_add_func ("/registry/completes-every-region", test_completes_every_region);

  return g_test_run ();
}
