/* test-dataset-save.c — group values derived from members (sum, weighted
 * mean, published values winning), undated values in JSON, saving a
 * dataset so that it reopens with identical values and sources, and merging
 * one dataset into another with its conflicts listed. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "rex-model.h"

static RexDataset *
load_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset = rex_dataset_new_from_bytes (bytes, "test.json", &problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static char *
load_error (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;

  g_assert_null (rex_dataset_new_from_bytes (bytes, "test.json", NULL, &error));
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static const char groups_json[] =
  "{ \"schema\": \"region-explorer/1\", \"title\": \"Groups\",\n"
  "  \"sources\": [ { \"id\": \"s\", \"publisher\": \"P\", \"title\": \"T\" },\n"
  "                 { \"id\": \"t\", \"publisher\": \"Q\", \"title\": \"U\" } ],\n"
  "  \"metrics\": [\n"
  "    { \"id\": \"population\", \"name\": \"Population\", \"unit\": \"10,000 persons\", \"source\": \"s\",\n"
  "      \"combine\": \"sum\" },\n"
  "    { \"id\": \"urbanization\", \"name\": \"Urbanization\", \"unit\": \"%\", \"source\": \"s\",\n"
  "      \"percent\": true, \"combine\": \"mean\", \"weight\": \"population\" },\n"
  "    { \"id\": \"score\", \"name\": \"Score\", \"unit\": \"points\", \"source\": \"s\", \"combine\": \"mean\" },\n"
  "    { \"id\": \"area\", \"name\": \"Area\", \"unit\": \"km2\", \"source\": \"s\", \"combine\": \"sum\" },\n"
  "    { \"id\": \"rank\", \"name\": \"Rank\", \"unit\": \"\", \"source\": \"s\" }\n"
  "  ],\n"
  "  \"regions\": [\n"
  "    { \"id\": \"g1\", \"name\": \"Group one\", \"kind\": \"macro-region\",\n"
  "      \"values\": { \"population\": { \"2023\": 1, \"2024\": { \"value\": 999, \"status\": \"derived\" } } } },\n"
  "    { \"id\": \"g2\", \"name\": \"Group two\", \"kind\": \"strategy-area\", \"members\": [ \"CN-JS\", \"CN-ZJ\" ],\n"
  "      \"values\": { \"population\": { \"2024\": 12345 } } },\n"
  "    { \"id\": \"CN-JS\", \"name\": \"Jiangsu\", \"kind\": \"province\", \"parent\": \"g1\",\n"
  "      \"values\": { \"population\": { \"2023\": 100, \"2024\": 100 },\n"
  "                  \"urbanization\": { \"2024\": 50 }, \"score\": { \"2024\": 1 },\n"
  "                  \"area\": { \"undated\": 10.5 }, \"rank\": { \"2024\": 1 } } },\n"
  "    { \"id\": \"CN-ZJ\", \"name\": \"Zhejiang\", \"kind\": \"province\", \"parent\": \"g1\",\n"
  "      \"values\": { \"population\": { \"2024\": { \"value\": 300, \"source\": \"t\", \"qualifier\": \"about\",\n"
  "                                              \"note\": \"rounded\" } },\n"
  "                  \"urbanization\": { \"2024\": 70 }, \"score\": { \"2024\": 4 },\n"
  "                  \"area\": { \"undated\": { \"value\": 1.5, \"source\": \"t\" } }, \"rank\": { \"2024\": 2 } } }\n"
  "  ]\n"
  "}\n";

static void
assert_derived (RexRegion  *region,
                const char *metric,
                int         year,
                double      expected,
                const char *note)
{
  RexSeries *series = rex_region_get_series (region, metric);
  const RexDatum *datum;

  g_assert_nonnull (series);
  datum = year != 0 ? rex_series_get_datum (series, year) : rex_series_get_undated (series);
  g_assert_nonnull (datum);
  g_assert_cmpfloat_with_epsilon (datum->value, expected, 1e-9);
  g_assert_cmpint (datum->status, ==, REX_VALUE_STATUS_DERIVED);
  g_assert_cmpstr (rex_series_get_note (series, year), ==, note);
}

static void
test_derive (void)
{
  g_autoptr(RexDataset) dataset = load_json (groups_json);
  RexRegion *g1 = rex_dataset_lookup_region (dataset, "g1");
  RexRegion *g2 = rex_dataset_lookup_region (dataset, "g2");
  RexSeries *series;
  double value;

  g_assert_cmpint (rex_metric_get_combine (rex_dataset_lookup_metric (dataset, "urbanization")), ==, REX_COMBINE_MEAN);
  g_assert_cmpstr (rex_metric_get_weight_id (rex_dataset_lookup_metric (dataset, "urbanization")), ==, "population");

  /* A file's "derived" value is derived again; a published one stays. */
  assert_derived (g1, "population", 2024, 400, "sum of 2 provinces");
  series = rex_region_get_series (g1, "population");
  g_assert_true (rex_series_get_value (series, 2023, &value));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_cmpint (rex_series_get_datum (series, 2023)->status, ==, REX_VALUE_STATUS_FINAL);

  assert_derived (g1, "urbanization", 2024, (50 * 100 + 70 * 300) / 400.0,
                  "mean of 2 provinces weighted by population");
  assert_derived (g1, "score", 2024, 2.5, "mean of 2 provinces");
  assert_derived (g1, "area", 0, 12, "sum of 2 provinces");
  g_assert_null (rex_region_get_series (g1, "rank"));

  /* A group with members; its published figure wins. */
  g_assert_true (rex_region_get_value (g2, "population", 2024, &value));
  g_assert_cmpfloat (value, ==, 12345);
  g_assert_cmpint (rex_series_get_datum (rex_region_get_series (g2, "population"), 2024)->status, ==,
                   REX_VALUE_STATUS_FINAL);
  assert_derived (g2, "urbanization", 2024, 65, "mean of 2 provinces weighted by population");

  /* No value where a member has none (Zhejiang in 2023). */
  g_assert_false (rex_region_get_value (g2, "population", 2023, NULL));
}

static void
test_combine_errors (void)
{
  static const struct { const char *metric; const char *message; } cases[] = {
    { "\"combine\": \"avg\"", "test.json:3:81: metrics[0].combine: unknown combine rule \"avg\"; expected \"sum\", \"mean\" or \"none\"" },
    { "\"combine\": \"sum\", \"weight\": \"x\"", "test.json:3:98: metrics[0].weight: \"weight\" only goes with \"combine\": \"mean\"" },
    { "\"combine\": \"mean\", \"weight\": \"x\"", "test.json:3:99: metrics[0].weight: unknown metric \"x\"; it must be listed in \"metrics\"" },
    { "\"combine\": \"mean\", \"weight\": \"m\"", "test.json:3:99: metrics[0].weight: a metric cannot weight its own mean" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{ \"schema\": \"region-explorer/1\", \"title\": \"x\",\n"
        "  \"sources\": [ { \"id\": \"s\", \"publisher\": \"P\", \"title\": \"T\" } ],\n"
        "  \"metrics\": [ { \"id\": \"m\", \"name\": \"M\", \"unit\": \"u\", \"source\": \"s\", %s } ],\n"
        "  \"regions\": [] }\n", cases[i].metric);
      g_autofree char *message = load_error (json);

      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

/* Every region, metric, value, source and note of @a is in @b, and back. */
static void
assert_same_data (RexDataset *a,
                  RexDataset *b)
{
  GListModel *regions = rex_dataset_get_regions (a);
  GListModel *metrics = rex_dataset_get_metrics (a);
  guint n_values = 0;

  g_assert_cmpuint (g_list_model_get_n_items (regions), ==,
                    g_list_model_get_n_items (rex_dataset_get_regions (b)));
  g_assert_cmpuint (g_list_model_get_n_items (metrics), ==,
                    g_list_model_get_n_items (rex_dataset_get_metrics (b)));
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_sources (a)), ==,
                    g_list_model_get_n_items (rex_dataset_get_sources (b)));
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_transport_circles (a)), ==,
                    g_list_model_get_n_items (rex_dataset_get_transport_circles (b)));
  g_assert_cmpuint (rex_dataset_get_headlines (a)->len, ==, rex_dataset_get_headlines (b)->len);
  g_assert_cmpstr (rex_dataset_get_description_zh (a), ==, rex_dataset_get_description_zh (b));

  /* Every field of every source, in both languages. */
  for (guint i = 0; i < g_list_model_get_n_items (rex_dataset_get_sources (a)); i++)
    {
      g_autoptr(RexSource) sa = g_list_model_get_item (rex_dataset_get_sources (a), i);
      RexSource *sb = rex_dataset_lookup_source (b, rex_source_get_id (sa));

      g_assert_nonnull (sb);
      g_assert_cmpstr (rex_source_get_publisher (sa), ==, rex_source_get_publisher (sb));
      g_assert_cmpstr (rex_source_get_publisher_zh (sa), ==, rex_source_get_publisher_zh (sb));
      g_assert_cmpstr (rex_source_get_title (sa), ==, rex_source_get_title (sb));
      g_assert_cmpstr (rex_source_get_title_zh (sa), ==, rex_source_get_title_zh (sb));
      g_assert_cmpstr (rex_source_get_date (sa), ==, rex_source_get_date (sb));
      g_assert_cmpstr (rex_source_get_url (sa), ==, rex_source_get_url (sb));
      g_assert_cmpstr (rex_source_get_via (sa), ==, rex_source_get_via (sb));
      g_assert_cmpstr (rex_source_get_note (sa), ==, rex_source_get_note (sb));
    }

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(RexRegion) ra = g_list_model_get_item (regions, i);
      RexRegion *rb = rex_dataset_lookup_region (b, rex_region_get_id (ra));

      g_assert_nonnull (rb);
      g_assert_cmpint (rex_region_get_kind (ra), ==, rex_region_get_kind (rb));
      g_assert_cmpstr (rex_region_get_name_zh (ra), ==, rex_region_get_name_zh (rb));
      g_assert_cmpuint (rex_region_get_members (ra)->len, ==, rex_region_get_members (rb)->len);
      g_assert_true ((rex_region_get_parent (ra) == NULL) == (rex_region_get_parent (rb) == NULL));

      for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
        {
          g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, m);
          const char *id = rex_metric_get_id (metric);
          RexSeries *sa = rex_region_get_series (ra, id);
          RexSeries *sb = rex_region_get_series (rb, id);
          int first, last;

          g_assert_true ((sa == NULL) == (sb == NULL));
          if (sa == NULL)
            continue;
          g_assert_cmpuint (rex_series_get_n_values (sa), ==, rex_series_get_n_values (sb));
          g_assert_true ((rex_series_get_undated (sa) == NULL) == (rex_series_get_undated (sb) == NULL));
          if (rex_series_get_undated (sa) != NULL)
            g_assert_cmpfloat (rex_series_get_undated (sa)->value, ==, rex_series_get_undated (sb)->value);
          if (!rex_series_get_year_range (sa, &first, &last))
            continue;
          for (int year = first; year <= last; year++)
            {
              const RexDatum *da = rex_series_get_datum (sa, year);
              const RexDatum *db = rex_series_get_datum (sb, year);

              g_assert_true ((da == NULL) == (db == NULL));
              if (da == NULL)
                continue;
              n_values++;
              g_assert_cmpfloat (da->value, ==, db->value);
              g_assert_cmpint (da->qualifier, ==, db->qualifier);
              g_assert_cmpint (da->status, ==, db->status);
              g_assert_cmpstr (rex_source_get_id (rex_dataset_get_source_at (a, da->source)), ==,
                               rex_source_get_id (rex_dataset_get_source_at (b, db->source)));
              g_assert_cmpstr (rex_series_get_note (sa, year), ==, rex_series_get_note (sb, year));
            }
        }
    }
  g_assert_cmpuint (n_values, >, 0);
}

static void
assert_round_trip (RexDataset *dataset)
{
  g_autoptr(GBytes) saved = rex_dataset_save_to_bytes (dataset);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(RexDataset) reopened = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  reopened = rex_dataset_new_from_bytes (saved, "saved.json", &problems, &error);
  g_assert_no_error (error);
  assert_same_data (dataset, reopened);
  assert_same_data (reopened, dataset);

  /* Saving what was saved gives the same bytes. */
  again = rex_dataset_save_to_bytes (reopened);
  g_assert_true (g_bytes_equal (saved, again));
}

static void
test_save_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);

  g_assert_no_error (error);
  assert_round_trip (dataset);
}

static void
test_save_groups (void)
{
  g_autoptr(RexDataset) dataset = load_json (groups_json);

  assert_round_trip (dataset);
}

/* A file in the saved layout (every kind of member, nested objects on one
 * line, escapes) saves back to the same bytes. */
static void
test_save_layout (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "saved-layout.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  expected = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  saved = rex_dataset_save_to_bytes (dataset);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_save_imported_file (void)
{
  const char *text = "指标：地区生产总值(亿元)\n地区,2024年,2023年\n北京,1.1,0.1\n天津,2.25,\n河北,3,3\n数据来源：国家统计局\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RexTableImport) import = rex_table_import_new (bytes, "gdp.csv", NULL, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("rex-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexDataset) reopened = NULL;
  RexDataset *dataset;

  g_assert_no_error (error);
  dataset = rex_table_import_get_dataset (import);
  g_assert_nonnull (dataset);
  assert_round_trip (dataset);

  g_assert_true (rex_dataset_save_to_file (dataset, file, NULL, &error));
  g_assert_no_error (error);
  reopened = rex_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_data (dataset, reopened);
  g_assert_cmpstr (rex_source_get_publisher (rex_dataset_lookup_source (reopened, "table-gdp")), ==, "国家统计局");

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_rmdir (dir);
}

static RexDataset *
import (const char *text,
        const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RexTableImport) result = rex_table_import_new (bytes, name, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rex_table_import_get_dataset (result));
  return g_object_ref (rex_table_import_get_dataset (result));
}

static void
test_merge (void)
{
  g_autofree char *base_path = g_test_build_filename (G_TEST_DIST, "data", "example.json", NULL);
  g_autoptr(GFile) base_file = g_file_new_for_path (base_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) base = rex_dataset_new_from_file (base_file, NULL, NULL, &error);
  g_autoptr(RexDataset) table = import ("指标：常住人口(万人)\n地区,2024年,2022年\n江苏,8600,8515\n安徽,6123,6127\n"
                                        "数据来源：Provincial yearbooks\n", "pop.csv");
  g_autoptr(RexDataset) gdp = import ("指标：地区生产总值(亿元)\n地区,2024年\n江苏,137008\n数据来源：国家统计局\n", "gdp.csv");
  g_autoptr(RexDataset) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  RexMergeConflict *conflict;
  RexRegion *js;
  double value;

  g_assert_no_error (error);

  /* New years, a new region, one conflict: the base's value is kept. */
  merged = rex_dataset_merge (base, table, REX_MERGE_KEEP_BASE, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->region_id, ==, "CN-JS");
  g_assert_cmpstr (conflict->metric_id, ==, "population");
  g_assert_cmpint (conflict->year, ==, 2024);
  g_assert_cmpfloat (conflict->base_value, ==, 8526);
  g_assert_cmpfloat (conflict->new_value, ==, 8600);
  g_assert_cmpstr (conflict->base_source, ==, "nbs-e0103");
  g_assert_cmpstr (conflict->new_source, ==, "table-pop");
  {
    g_autofree char *text = rex_merge_conflict_to_string (conflict);

    g_assert_cmpstr (text, ==, "CN-JS population 2024: 8526 (nbs-e0103) in the base, "
                               "8600 (table-pop) in the addition");
  }
  js = rex_dataset_lookup_region (merged, "CN-JS");
  g_assert_true (rex_region_get_value (js, "population", 2024, &value));
  g_assert_cmpfloat (value, ==, 8526);
  g_assert_true (rex_region_get_value (js, "population", 2022, &value));
  g_assert_cmpfloat (value, ==, 8515);
  g_assert_cmpstr (rex_source_get_id (rex_dataset_get_value_source (merged, js, "population", 2022)), ==, "table-pop");
  g_assert_cmpstr (rex_source_get_id (rex_dataset_get_value_source (merged, js, "population", 2023)), ==, "nbs-e0103");
  g_assert_nonnull (rex_dataset_lookup_region (merged, "CN-AH"));
  /* The base's own positions stay. */
  {
    int col, row;

    g_assert_true (rex_region_get_tile (js, &col, &row));
    g_assert_cmpint (col, ==, 8);
    g_assert_cmpint (row, ==, 4);
  }
  assert_round_trip (merged);
  g_clear_object (&merged);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* The addition's value, when asked. */
  merged = rex_dataset_merge (base, table, REX_MERGE_TAKE_NEW, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (rex_region_get_value (rex_dataset_lookup_region (merged, "CN-JS"), "population", 2024, &value));
  g_assert_cmpfloat (value, ==, 8600);
  g_clear_object (&merged);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* A choice per conflict, as a dialog makes them. */
  merged = rex_dataset_merge (base, table, REX_MERGE_KEEP_BASE, &conflicts, &error);
  g_assert_false (((RexMergeConflict *) conflicts->pdata[0])->take_new);
  ((RexMergeConflict *) conflicts->pdata[0])->take_new = TRUE;
  g_clear_object (&merged);
  {
    g_autoptr(GPtrArray) again = NULL;

    merged = rex_dataset_merge_with_choices (base, table, REX_MERGE_KEEP_BASE, conflicts, &again, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, 1);
    g_assert_true (((RexMergeConflict *) again->pdata[0])->take_new);
  }
  g_assert_true (rex_region_get_value (rex_dataset_lookup_region (merged, "CN-JS"), "population", 2024, &value));
  g_assert_cmpfloat (value, ==, 8600);
  g_clear_object (&merged);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* A new metric. */
  merged = rex_dataset_merge (base, gdp, REX_MERGE_KEEP_BASE, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_nonnull (rex_dataset_lookup_metric (merged, "gdp"));
  g_assert_nonnull (rex_dataset_lookup_metric (merged, "population"));
  g_assert_true (rex_region_get_value (rex_dataset_lookup_region (merged, "CN-JS"), "gdp", 2024, &value));
  g_assert_cmpfloat (value, ==, 137008);
  g_clear_object (&merged);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
}

static void
test_merge_unit_mismatch (void)
{
  g_autoptr(RexDataset) a = import ("指标：常住人口(万人)\n地区,2024\n江苏,1\n", "a.csv");
  g_autoptr(RexDataset) b = import ("指标：常住人口(人)\n地区,2024\n江苏,10000\n", "b.csv");
  g_autoptr(GError) error = NULL;

  g_assert_null (rex_dataset_merge (a, b, REX_MERGE_KEEP_BASE, NULL, &error));
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "metric \"population\" is in 万人 in a.csv but in 人 in b.csv; "
                                       "import it under another metric id, or convert its values");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset-save/derive", test_derive);
  g_test_add_func ("/dataset-save/combine-errors", test_combine_errors);
  g_test_add_func ("/dataset-save/save-bundled", test_save_bundled);
  g_test_add_func ("/dataset-save/save-groups", test_save_groups);
  g_test_add_func ("/dataset-save/save-layout", test_save_layout);
  g_test_add_func ("/dataset-save/save-imported-file", test_save_imported_file);
  g_test_add_func ("/dataset-save/merge", test_merge);
  g_test_add_func ("/dataset-save/merge-unit-mismatch", test_merge_unit_mismatch);

  return g_test_run ();
}
