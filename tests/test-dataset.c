/* test-dataset.c — loading and validating datasets: the documented example,
 * look-ups and series, every kind of malformed file, files that must be
 * refused before reading, asynchronous loading and freeing. */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "enum-test-util.h"
#include "rex-model.h"

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

static RexDataset *
load_data_file (const char *name)
{
  g_autoptr(GFile) file = data_file (name);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset;

  dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 0);

  return dataset;
}

static void
test_example (void)
{
  g_autoptr(RexDataset) dataset = load_data_file ("example.json");
  RexRegion *js, *zj, *east, *cn;
  RexMetric *population;
  RexSource *source;
  RexSeries *series;
  const RexDatum *datum;
  const RexPlace *seat;
  double value;
  int first, last, col, row;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) provinces = NULL;

  g_assert_cmpstr (rex_dataset_get_title (dataset), ==, "Two provinces");
  g_assert_null (rex_dataset_get_title_zh (dataset));
  g_assert_cmpstr (rex_dataset_get_file_name (dataset), ==, "example.json");
  g_assert_cmpuint (strlen (rex_dataset_get_checksum (dataset)), ==, 64);

  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_sources (dataset)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_regions (dataset)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_transport_circles (dataset)), ==, 0);
  g_assert_true (g_list_model_get_item_type (rex_dataset_get_regions (dataset)) == REX_TYPE_REGION);

  source = rex_dataset_lookup_source (dataset, "nbs-e0103");
  g_assert_nonnull (source);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "National Bureau of Statistics");
  g_assert_cmpstr (rex_source_get_date (source), ==, "2025");
  g_assert_null (rex_source_get_url (source));
  {
    g_autofree char *citation = rex_source_format_citation (source);

    g_assert_cmpstr (citation, ==, "National Bureau of Statistics, Year-end resident "
                     "population by province (E0103), 2025");
  }

  population = rex_dataset_lookup_metric (dataset, "population");
  g_assert_nonnull (population);
  g_assert_cmpstr (rex_metric_get_name_zh (population), ==, "常住人口");
  g_assert_cmpstr (rex_metric_get_unit (population), ==, "10,000 persons");
  g_assert_cmpstr (rex_metric_get_source_id (population), ==, "nbs-e0103");
  g_assert_true (rex_metric_get_higher_is_better (population));
  g_assert_false (rex_metric_get_percent (population));
  g_assert_cmpint (rex_metric_get_decimals (population), ==, -1);
  g_assert_false (rex_metric_get_target (population, NULL, NULL, NULL));
  g_assert_cmpuint (rex_metric_get_notes (population)->len, ==, 0);

  cn = rex_dataset_lookup_region (dataset, "CN");
  east = rex_dataset_lookup_region (dataset, "east");
  js = rex_dataset_lookup_region (dataset, "CN-JS");
  zj = rex_dataset_lookup_region (dataset, "CN-ZJ");
  g_assert_nonnull (cn);
  g_assert_null (rex_dataset_lookup_region (dataset, "CN-SH"));
  g_assert_cmpint (rex_region_get_kind (js), ==, REX_REGION_KIND_PROVINCE);
  g_assert_cmpstr (rex_region_get_name (js), ==, "Jiangsu");
  g_assert_cmpstr (rex_region_get_name_zh (js), ==, "江苏");
  g_assert_true (rex_region_get_parent (js) == east);
  g_assert_true (rex_region_get_parent (east) == cn);
  g_assert_null (rex_region_get_parent (cn));
  g_assert_true (rex_region_is_in (js, cn));
  g_assert_true (rex_region_is_in (js, js));
  g_assert_false (rex_region_is_in (cn, js));
  g_assert_false (rex_region_is_in (js, zj));

  seat = rex_region_get_seat (js);
  g_assert_nonnull (seat);
  g_assert_cmpstr (seat->name, ==, "Nanjing");
  g_assert_cmpfloat_with_epsilon (seat->lon, 118.80, 1e-9);
  g_assert_cmpfloat_with_epsilon (seat->lat, 32.06, 1e-9);
  g_assert_null (rex_region_get_seat (cn));
  g_assert_true (rex_region_get_tile (zj, &col, &row));
  g_assert_cmpint (col, ==, 8);
  g_assert_cmpint (row, ==, 5);
  g_assert_false (rex_region_get_tile (cn, NULL, NULL));

  g_assert_true (rex_region_get_value (js, "population", 2023, &value));
  g_assert_cmpfloat (value, ==, 8526);
  g_assert_true (rex_region_get_value (zj, "population", 2024, &value));
  g_assert_cmpfloat (value, ==, 6670);
  g_assert_false (rex_region_get_value (zj, "population", 2022, NULL));
  g_assert_false (rex_region_get_value (cn, "population", 2023, NULL));
  g_assert_null (rex_region_get_series (cn, "population"));

  series = rex_region_get_series (zj, "population");
  g_assert_cmpstr (rex_series_get_metric_id (series), ==, "population");
  g_assert_cmpuint (rex_series_get_n_values (series), ==, 2);
  datum = rex_series_get_datum (series, 2024);
  g_assert_cmpint (datum->status, ==, REX_VALUE_STATUS_FINAL);
  g_assert_cmpint (datum->qualifier, ==, REX_QUALIFIER_EXACT);
  g_assert_true (rex_dataset_get_source_at (dataset, datum->source) == source);
  g_assert_true (rex_dataset_get_value_source (dataset, zj, "population", 2023) == source);
  g_assert_null (rex_dataset_get_value_source (dataset, zj, "population", 2000));

  g_assert_true (rex_dataset_get_year_range (dataset, "population", &first, &last));
  g_assert_cmpint (first, ==, 2023);
  g_assert_cmpint (last, ==, 2024);
  g_assert_false (rex_dataset_get_year_range (dataset, "gdp", NULL, NULL));
  years = rex_dataset_get_years (dataset, "population");
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2023);

  provinces = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_PROVINCE);
  g_assert_cmpuint (provinces->len, ==, 2);
  g_assert_true (g_ptr_array_index (provinces, 0) == js);
  g_assert_true (g_ptr_array_index (provinces, 1) == zj);
  g_assert_cmpuint (rex_dataset_get_headlines (dataset)->len, ==, 0);

  /* Nothing above kept a reference: a leak fails here. */
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* Everything the example does not show: memberships, gaps, per-value and
 * per-region sources, notes, targets, circles and headlines. */
static void
test_full (void)
{
  g_autoptr(RexDataset) dataset = load_data_file ("full.json");
  RexRegion *js, *zj, *yrd, *cn, *suzhou;
  RexMetric *toilets, *gdp;
  RexSeries *series;
  RexTransportCircle *circle;
  const RexDatum *datum;
  GPtrArray *memberships;
  GArray *notes;
  GArray *headlines;
  const RexSeriesNote *note;
  double value, target;
  int year, target_year;
  const char *target_source;
  g_autoptr(GArray) years = NULL;

  g_assert_cmpstr (rex_dataset_get_title_zh (dataset), ==, "测试地区");
  js = rex_dataset_lookup_region (dataset, "CN-JS");
  zj = rex_dataset_lookup_region (dataset, "CN-ZJ");
  yrd = rex_dataset_lookup_region (dataset, "yrd");
  cn = rex_dataset_lookup_region (dataset, "CN");
  suzhou = rex_dataset_lookup_region (dataset, "suzhou");

  /* Memberships are the inverse of members. */
  g_assert_cmpuint (rex_region_get_members (yrd)->len, ==, 2);
  g_assert_true (g_ptr_array_index (rex_region_get_members (yrd), 0) == js);
  memberships = rex_region_get_memberships (js);
  g_assert_cmpuint (memberships->len, ==, 1);
  g_assert_true (g_ptr_array_index (memberships, 0) == yrd);
  g_assert_cmpuint (rex_region_get_memberships (cn)->len, ==, 0);
  g_assert_true (rex_region_is_in (js, yrd));
  g_assert_true (rex_region_is_in (suzhou, yrd));
  g_assert_false (rex_region_is_in (cn, yrd));
  g_assert_cmpuint (rex_region_get_tier (yrd), ==, 1);
  g_assert_cmpuint (rex_region_get_tier (js), ==, 0);
  g_assert_cmpstr (rex_region_get_cities (yrd)[1], ==, "Nanjing");
  g_assert_null (rex_region_get_cities (yrd)[2]);
  g_assert_null (rex_region_get_cities (js));
  g_assert_cmpstr (rex_region_get_source_id (yrd), ==, "ndrc");
  g_assert_cmpstr (rex_region_kind_get_label (rex_region_get_kind (yrd)), ==, "City cluster");

  /* A series with a gap: 2019, 2021, 2022 — 2020 is missing, not interpolated. */
  series = rex_region_get_series (js, "gdp");
  g_assert_cmpuint (rex_series_get_n_values (series), ==, 3);
  g_assert_true (rex_series_get_year_range (series, &year, NULL));
  g_assert_cmpint (year, ==, 2019);
  g_assert_false (rex_series_get_value (series, 2020, &value));
  g_assert_null (rex_series_get_datum (series, 2020));
  g_assert_null (rex_series_get_datum (series, 1900));
  g_assert_null (rex_series_get_datum (series, 2100));
  g_assert_true (rex_series_get_latest (series, 2020, &year, &value));
  g_assert_cmpint (year, ==, 2019);
  g_assert_cmpfloat (value, ==, 99632);
  g_assert_true (rex_series_get_latest (series, 2100, &year, &value));
  g_assert_cmpint (year, ==, 2022);
  g_assert_false (rex_series_get_latest (series, 2018, NULL, NULL));
  g_assert_cmpstr (rex_series_get_note (series, 2022), ==, "rounded");
  g_assert_null (rex_series_get_note (series, 2021));
  g_assert_true (rex_series_get_extent (series, TRUE, &value, NULL));
  g_assert_cmpfloat (value, ==, 99632);

  /* Extents agree with every year's value, over gaps; for log axes only
   * values above zero count. */
  {
    GListModel *regions = rex_dataset_get_regions (dataset);
    GListModel *metrics = rex_dataset_get_metrics (dataset);
    guint checked = 0;

    for (guint r = 0; r < g_list_model_get_n_items (regions); r++)
      for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
        for (int positive = 0; positive < 2; positive++)
          {
            g_autoptr(RexRegion) region = g_list_model_get_item (regions, r);
            g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, m);
            RexSeries *s = rex_region_get_series (region, rex_metric_get_id (metric));
            double lo = INFINITY, hi = -INFINITY, got_lo, got_hi;
            int first, last;

            if (s == NULL || !rex_series_get_year_range (s, &first, &last))
              continue;
            for (int y = first; y <= last; y++)
              if (rex_series_get_value (s, y, &value) && (!positive || value > 0))
                {
                  lo = MIN (lo, value);
                  hi = MAX (hi, value);
                }
            g_assert_cmpint (rex_series_get_extent (s, positive, &got_lo, &got_hi), ==, lo <= hi);
            if (lo <= hi)
              {
                g_assert_cmpfloat (got_lo, ==, lo);
                g_assert_cmpfloat (got_hi, ==, hi);
              }
            checked++;
          }
    g_assert_cmpuint (checked, >, 4);
  }

  /* Source resolution: the value's own, the region's, the metric's. */
  datum = rex_series_get_datum (series, 2022);
  g_assert_cmpint (datum->qualifier, ==, REX_QUALIFIER_ABOUT);
  g_assert_cmpstr (rex_source_get_id (rex_dataset_get_value_source (dataset, js, "gdp", 2022)), ==, "ndrc");
  g_assert_cmpstr (rex_source_get_id (rex_dataset_get_value_source (dataset, js, "gdp", 2021)), ==, "nbs");
  g_assert_cmpstr (rex_source_get_id (rex_dataset_get_value_source (dataset, js, "toilets", 2018)), ==, "moa");
  datum = rex_series_get_datum (rex_region_get_series (js, "toilets"), 2020);
  g_assert_cmpint (datum->qualifier, ==, REX_QUALIFIER_OVER);
  g_assert_cmpint (datum->status, ==, REX_VALUE_STATUS_ESTIMATE);
  datum = rex_series_get_datum (rex_region_get_series (cn, "gdp"), 2023);
  g_assert_cmpint (datum->status, ==, REX_VALUE_STATUS_PRELIMINARY);

  /* Years across regions: CN 2020, 2023; JS 2019, 2021, 2022; ZJ 2023. */
  years = rex_dataset_get_years (dataset, "gdp");
  g_assert_cmpuint (years->len, ==, 5);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2019);
  g_assert_cmpint (g_array_index (years, int, 4), ==, 2023);
  g_assert_false (rex_dataset_get_year_range (dataset, "unused", NULL, NULL));

  gdp = rex_dataset_lookup_metric (dataset, "gdp");
  g_assert_cmpint (rex_metric_get_decimals (gdp), ==, 1);
  toilets = rex_dataset_lookup_metric (dataset, "toilets");
  g_assert_true (rex_metric_get_percent (toilets));
  g_assert_true (rex_metric_get_target (toilets, &target, &target_year, &target_source));
  g_assert_cmpfloat (target, ==, 90);
  g_assert_cmpint (target_year, ==, 2025);
  g_assert_cmpstr (target_source, ==, "moa");
  g_assert_cmpstr (rex_metric_get_target_text (toilets), ==, "over 90 %");
  g_assert_false (rex_metric_get_higher_is_better (rex_dataset_lookup_metric (dataset, "unused")));
  notes = rex_metric_get_notes (toilets);
  g_assert_cmpuint (notes->len, ==, 2);
  note = &g_array_index (notes, RexSeriesNote, 0);
  g_assert_cmpint (note->year, ==, 2018);
  g_assert_cmpint (note->kind, ==, REX_NOTE_KIND_BREAK);
  g_assert_cmpstr (note->text_zh, ==, "新调查");

  circle = rex_dataset_lookup_transport_circle (dataset, "nj-1h");
  g_assert_nonnull (circle);
  g_assert_cmpstr (rex_transport_circle_get_hub (circle)->name, ==, "Nanjing");
  g_assert_true (rex_transport_circle_get_hub_region (circle) == js);
  g_assert_true (rex_transport_circle_get_cluster (circle) == yrd);
  g_assert_cmpfloat (rex_transport_circle_get_hours (circle), ==, 1);
  g_assert_cmpstr (rex_transport_circle_get_mode (circle), ==, "commute");
  g_assert_cmpuint (rex_transport_circle_get_members (circle)->len, ==, 2);
  g_assert_true (isnan (rex_transport_circle_get_radius_km (circle)));
  g_assert_cmpstr (rex_transport_circle_get_source_id (circle), ==, "ndrc");
  /* Nanjing–Zhenjiang is about 63 km. */
  value = rex_place_distance_km (rex_transport_circle_get_hub (circle),
                                 &g_array_index (rex_transport_circle_get_members (circle), RexPlace, 0));
  g_assert_cmpfloat (value, >, 55);
  g_assert_cmpfloat (value, <, 70);
  circle = rex_dataset_lookup_transport_circle (dataset, "sh-2h");
  g_assert_cmpfloat (rex_transport_circle_get_radius_km (circle), ==, 300);
  g_assert_null (rex_transport_circle_get_hub_region (circle));
  g_assert_cmpstr (rex_transport_circle_get_note (circle), ==, "planned");

  headlines = rex_dataset_get_headlines (dataset);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_array_index (headlines, RexHeadline, 0).region_id, ==, "CN");
  g_assert_cmpint (g_array_index (headlines, RexHeadline, 0).year, ==, 2023);
  (void) zj;

  g_assert_finalize_object (g_steal_pointer (&dataset));
}

static void
test_properties (void)
{
  g_autoptr(RexDataset) dataset = load_data_file ("full.json");
  RexRegion *yrd = rex_dataset_lookup_region (dataset, "yrd");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  RexRegionKind kind;
  RexRegion *parent = NULL;
  RexRegionKind parsed;

  g_object_get (yrd, "id", &id, "kind", &kind, NULL);
  g_assert_cmpstr (id, ==, "yrd");
  g_assert_cmpint (kind, ==, REX_REGION_KIND_CITY_CLUSTER);
  g_object_get (rex_dataset_lookup_region (dataset, "CN-JS"), "parent", &parent, NULL);
  g_assert_true (parent == rex_dataset_lookup_region (dataset, "east"));
  g_clear_object (&parent);
  g_object_get (dataset, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Test regions");

  g_assert_true (rex_region_kind_from_string ("strategy-area", &parsed));
  g_assert_cmpint (parsed, ==, REX_REGION_KIND_STRATEGY_AREA);
  g_assert_false (rex_region_kind_from_string ("state", &parsed));
  for (guint k = 0; k < REX_REGION_KIND_LAST; k++)
    {
      g_assert_true (rex_region_kind_from_string (rex_region_kind_to_string (k), &parsed));
      g_assert_cmpint (parsed, ==, k);
      g_assert_nonnull (rex_region_kind_get_label (k));
    }

  /* g_object_get() of "parent" returned a reference, dropped above. */
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* The names files use are the documented ones (docs/dataset-format.md),
 * and the values that only count the others have none. */
static void
test_enum_names (void)
{
  assert_enum_names (REX_TYPE_REGION_KIND, "nation macro-region province city-cluster "
                                           "strategy-area metro-area prefecture county city");
  assert_enum_names (REX_TYPE_QUALIFIER, "exact about over under");
  assert_enum_names (REX_TYPE_VALUE_STATUS, "final preliminary estimate derived");
  assert_enum_names (REX_TYPE_NOTE_KIND, "break estimate note");
  assert_enum_names (REX_TYPE_COMBINE, "none sum mean");
}

static void
test_localized (void)
{
  g_autoptr(RexDataset) dataset = load_data_file ("full.json");
  RexRegion *js = rex_dataset_lookup_region (dataset, "CN-JS");
  RexRegion *zj = rex_dataset_lookup_region (dataset, "CN-ZJ");
  RexSource *nbs = rex_dataset_lookup_source (dataset, "nbs");
  RexSource *moa = rex_dataset_lookup_source (dataset, "moa");
  g_autofree char *citation_en = NULL;
  g_autofree char *citation_zh = NULL;
  g_autofree char *citation_moa = NULL;

  /* The test environment sets LANGUAGE=en. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_false (rex_locale_prefers_chinese ());
  g_assert_cmpstr (rex_region_get_display_name (js), ==, "Jiangsu");
  g_assert_cmpstr (rex_source_get_publisher_zh (nbs), ==, "国家统计局");
  g_assert_cmpstr (rex_source_get_title_zh (nbs), ==, "中国统计年鉴");
  g_assert_null (rex_source_get_publisher_zh (moa));
  g_assert_cmpstr (rex_source_get_display_publisher (nbs), ==, "National Bureau of Statistics");
  citation_en = rex_source_format_citation (nbs);
  g_assert_cmpstr (citation_en, ==, "National Bureau of Statistics, Statistical Yearbook, 2024-09");
  g_assert_cmpstr (rex_dataset_get_description_zh (dataset), ==, "覆盖格式各部分的小数据集。");
  g_assert_cmpstr (rex_dataset_get_display_description (dataset), ==,
                   "Small dataset exercising every part of the format.");

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_true (rex_locale_prefers_chinese ());
  g_assert_cmpstr (rex_region_get_display_name (js), ==, "江苏");
  /* No Chinese name: fall back to English. */
  g_assert_cmpstr (rex_region_get_display_name (zj), ==, "Zhejiang");
  g_assert_cmpstr (rex_dataset_get_display_title (dataset), ==, "测试地区");
  g_assert_cmpstr (rex_pick_localized ("a", ""), ==, "a");
  g_assert_cmpstr (rex_source_get_display_publisher (nbs), ==, "国家统计局");
  g_assert_cmpstr (rex_source_get_display_title (nbs), ==, "中国统计年鉴");
  citation_zh = rex_source_format_citation (nbs);
  g_assert_cmpstr (citation_zh, ==, "国家统计局，中国统计年鉴，2024-09");
  /* A source without Chinese fields keeps its English citation. */
  citation_moa = rex_source_format_citation (moa);
  g_assert_cmpstr (citation_moa, ==, "Ministry of Agriculture, Rural report");
  g_assert_cmpstr (rex_dataset_get_display_description (dataset), ==, "覆盖格式各部分的小数据集。");

  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_false (rex_locale_prefers_chinese ());
}

typedef struct
{
  const char *file;
  int         code;
  const char *message;
  guint       n_problems;
} BadCase;

static const BadCase bad_cases[] = {
  { "bad-type.json", REX_DATASET_ERROR_INVALID,
    "bad-type.json:18:43: regions[2].values.population[\"2023\"]: expected a number, got a string", 1 },
  { "bad-schema-version.json", REX_DATASET_ERROR_SCHEMA,
    "bad-schema-version.json:2:13: schema: unknown schema version \"region-explorer/9\"; "
    "this version of Region Explorer reads \"region-explorer/1\"", 1 },
  { "bad-schema-missing.json", REX_DATASET_ERROR_SCHEMA,
    "bad-schema-missing.json:1:1: missing \"schema\"; this version of Region Explorer "
    "reads \"region-explorer/1\"", 1 },
  { "bad-unknown-member.json", REX_DATASET_ERROR_INVALID,
    "bad-unknown-member.json:14:94: regions[1].colour: unknown member \"colour\" (expected "
    "one of: id, name, name_zh, kind, parent, members, cities, tier, seat, tile, values, "
    "sources, source; extensions must start with \"x-\")", 1 },
  { "bad-duplicate-id.json", REX_DATASET_ERROR_INVALID,
    "bad-duplicate-id.json:19:13: regions[3].id: duplicate region id \"CN-JS\"; ids must be unique", 1 },
  { "bad-unknown-parent.json", REX_DATASET_ERROR_INVALID,
    "bad-unknown-parent.json:15:88: regions[2].parent: unknown region \"west\"; it must be "
    "listed in \"regions\"", 1 },
  { "bad-cycle.json", REX_DATASET_ERROR_INVALID,
    "bad-cycle.json:13:81: regions[0].parent: parent links form a cycle: CN → CN-ZJ → east → CN", 1 },
  { "bad-year.json", REX_DATASET_ERROR_INVALID,
    "bad-year.json:18:35: regions[2].values.population[\"23\"]: expected a year with four "
    "digits (e.g. \"2023\"), got \"23\"", 1 },
  { "bad-year-range.json", REX_DATASET_ERROR_INVALID,
    "bad-year-range.json:22:35: regions[3].values.population[\"1700\"]: year 1700 is outside "
    "the supported range 1800–2200", 1 },
  { "bad-lonlat.json", REX_DATASET_ERROR_INVALID,
    "bad-lonlat.json:20:76: regions[3].seat.lat: 130.27 is out of range (-90 to 90)", 1 },
  { "bad-tile.json", REX_DATASET_ERROR_INVALID,
    "bad-tile.json:21:15: regions[3].tile: tile (col 8, row 4) is already used by province "
    "\"CN-JS\"; tiles must be unique per kind", 1 },
  { "bad-no-source.json", REX_DATASET_ERROR_INVALID,
    "bad-no-source.json:18:43: regions[2].values.population[\"2023\"]: value has no source; "
    "give it a \"source\", or name one in the region's \"sources\" or in metric \"population\"", 4 },
  { "bad-unknown-metric.json", REX_DATASET_ERROR_INVALID,
    "bad-unknown-metric.json:18:19: regions[2].values.gdp: unknown metric \"gdp\"; it must "
    "be listed in \"metrics\"", 1 },
  { "bad-syntax.json", REX_DATASET_ERROR_SYNTAX,
    "bad-syntax.json:17:37: expected a member name, found '}' (trailing commas are not allowed)", 1 },
  { "bad-kind.json", REX_DATASET_ERROR_INVALID,
    "bad-kind.json:14:62: regions[1].kind: unknown region kind \"state\"; expected one of: "
    "nation, macro-region, province, city-cluster, strategy-area, metro-area, prefecture, "
    "county, city", 1 },
  { "bad-missing-name.json", REX_DATASET_ERROR_INVALID,
    "bad-missing-name.json:14:5: regions[1]: missing required member \"name\"", 1 },
  { "bad-headline.json", REX_DATASET_ERROR_INVALID,
    "bad-headline.json:25:94: headlines[0].year: region \"CN-JS\" has no value of "
    "\"population\" in 2022", 1 },
  { "bad-members.json", REX_DATASET_ERROR_INVALID,
    "bad-members.json:14:115: regions[1].members[1]: unknown region \"CN-SH\"; it must be "
    "listed in \"regions\"", 1 },
  { "bad-value-source.json", REX_DATASET_ERROR_INVALID,
    "bad-value-source.json:22:103: regions[3].values.population[\"2024\"].source: unknown "
    "source \"nbs-e0104\"; it must be listed in \"sources\"", 1 },
  { "bad-many.json", REX_DATASET_ERROR_INVALID,
    "bad-many.json:3:12: title: expected a string, got a number", 4 },
};

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GFile) file = data_file (c->file);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RexDataset) dataset = NULL;
      g_autofree char *first = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_test_message ("%s", c->file);
      dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
      g_assert_null (dataset);
      g_assert_error (error, REX_DATASET_ERROR, c->code);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_cmpuint (problems->len, ==, c->n_problems);
      first = rex_dataset_problem_to_string (g_ptr_array_index (problems, 0));
      g_assert_cmpstr (first, ==, c->message);

      /* The same from bytes, without a problems array. */
      g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
      {
        g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
        g_autoptr(GError) bytes_error = NULL;
        g_autoptr(RexDataset) again = rex_dataset_new_from_bytes (bytes, c->file, NULL, &bytes_error);

        g_assert_null (again);
        g_assert_cmpstr (bytes_error->message, ==, c->message);
      }
    }
}

/* Loading @json as @name fails with exactly the problems @expected, in
 * that order. */
static void
assert_problems (const char         *json,
                 const char         *name,
                 const char * const *expected,
                 guint               n_expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_bytes (bytes, name, &problems, &error);

  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = rex_dataset_problem_to_string (problems->pdata[i]);

      g_test_message ("%s", text);
      g_assert_cmpuint (i, <, n_expected);
      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (problems->len, ==, n_expected);
}

/* A metric whose id is a number or missing is reported as such, and
 * nothing else: the check of metrics' weights, which looks each metric up
 * by its id, passes over it. */
static void
test_bad_metric_ids (void)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"t\",\n"
    " \"sources\": [{\"id\": \"t\", \"publisher\": \"Test Bureau\", \"title\": \"T\", \"date\": \"2024\"}],\n"
    " \"metrics\": [{\"id\": 5, \"name\": \"Five\", \"unit\": \"u\", \"source\": \"t\"},\n"
    "  {\"name\": \"None\", \"unit\": \"u\", \"source\": \"t\"}],\n"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"}]}\n";
  static const char * const expected[] = {
    "ids.json:3:21: metrics[0].id: expected a string, got a number",
    "ids.json:4:3: metrics[1]: missing required member \"id\"",
  };

  assert_problems (json, "ids.json", expected, G_N_ELEMENTS (expected));
}

/* A source's date that is not a string, or not a date, is one problem
 * each: the date is read once. */
static void
test_bad_source_dates (void)
{
  static const char json[] =
    "{\"schema\": \"region-explorer/1\", \"title\": \"t\",\n"
    " \"sources\": [{\"id\": \"a\", \"publisher\": \"P\", \"title\": \"T\", \"date\": 2024},\n"
    "  {\"id\": \"b\", \"publisher\": \"P\", \"title\": \"T\", \"date\": \"2024-13\"}],\n"
    " \"metrics\": [],\n"
    " \"regions\": [{\"id\": \"CN\", \"name\": \"China\", \"kind\": \"nation\"}]}\n";
  static const char * const expected[] = {
    "dates.json:2:66: sources[0].date: expected a string, got a number",
    "dates.json:3:55: sources[1].date: \"2024-13\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
  };

  assert_problems (json, "dates.json", expected, G_N_ELEMENTS (expected));
}

static void
test_many_problems (void)
{
  g_autoptr(GFile) file = data_file ("bad-many.json");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  static const char * const expected[] = {
    "bad-many.json:3:12: title: expected a string, got a number",
    "bad-many.json:13:79: regions[0].tier: expected an integer, got a string",
    "bad-many.json:16:60: regions[2].seat.lon: 218.8 is out of range (-180 to 180)",
    "bad-many.json:18:57: regions[2].values.population[\"2024\"]: expected a number, got null",
  };

  dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
  g_assert_null (dataset);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < problems->len; i++)
    {
      RexDatasetProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = rex_dataset_problem_to_string (problem);

      g_assert_cmpstr (problem->file, ==, "bad-many.json");
      g_assert_cmpstr (text, ==, expected[i]);
    }
}

/* More problems than are worth reporting: capped, with a count of the rest. */
static void
test_problem_cap (void)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\": \"region-explorer/1\", \"title\": \"t\",\n"
                                          " \"sources\": [], \"metrics\": [], \"regions\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  RexDatasetProblem *last;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (json, "%s{\"id\": \"r%u\", \"name\": 1, \"kind\": \"county\"}\n",
                            i ? "," : "", i);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);

  dataset = rex_dataset_new_from_bytes (bytes, "cap.json", &problems, &error);
  g_assert_null (dataset);
  g_assert_cmpstr (error->message, ==, "cap.json:3:22: regions[0].name: expected a string, got a number");
  g_assert_cmpuint (problems->len, ==, 1001);
  last = g_ptr_array_index (problems, 1000);
  g_assert_cmpstr (last->message, ==, "… and 500 more problems");
  g_assert_cmpint (last->line, ==, 0);
}

static void
test_limits (void)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\": \"region-explorer/1\", \"title\": \"t\",\n"
                                          " \"sources\": [], \"regions\": [], \"metrics\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;

  for (guint i = 0; i <= REX_DATASET_MAX_METRICS; i++)
    g_string_append_printf (json, "%s{\"id\": \"m%u\", \"name\": \"M\", \"unit\": \"x\"}",
                            i ? "," : "", i);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);

  dataset = rex_dataset_new_from_bytes (bytes, "limits.json", NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "limits.json:2:43: metrics: 1001 entries; the limit is 1000");
}

static void
assert_file_refused (GFile      *file,
                     int         code,
                     const char *message_end)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *expected = g_strdup_printf ("%s: %s", name, message_end);
  gint64 start = g_get_monotonic_time ();

  dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (problems->len, ==, 1);
  /* Refused by looking, not by reading. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_not_regular_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rex-test-XXXXXX", &error);
  g_autofree char *fifo = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_no_error (error);

  file = g_file_new_for_path (dir);
  assert_file_refused (file, REX_DATASET_ERROR_IO, "this is a directory; choose a .json file");
  g_clear_object (&file);

  fifo = g_build_filename (dir, "pipe.json", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  file = g_file_new_for_path (fifo);
  assert_file_refused (file, REX_DATASET_ERROR_IO,
                       "this is not a regular file (a device, pipe or socket); choose a .json file");
  g_clear_object (&file);
  g_assert_cmpint (g_unlink (fifo), ==, 0);

  file = g_file_new_for_path ("/dev/zero");
  assert_file_refused (file, REX_DATASET_ERROR_IO,
                       "this is not a regular file (a device, pipe or socket); choose a .json file");
  g_clear_object (&file);

  missing = g_build_filename (dir, "missing.json", NULL);
  file = g_file_new_for_path (missing);
  assert_file_refused (file, REX_DATASET_ERROR_IO, "no such file");
  g_clear_object (&file);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file longer than the size it states (the files of /proc state 0) is
 * read to its end: the parser sees its first word. */
static void
test_longer_than_stated (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/status");
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "status:1:1: invalid literal 'Name'; expected a value (string, number, "
                   "object, array, true, false or null)");
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rex-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  int fd;

  g_assert_no_error (error);
  path = g_build_filename (dir, "big.json", NULL);

  /* Sparse: 300 MiB of size, no blocks written. */
  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 300 * 1024 * 1024), ==, 0);
  g_assert_true (g_close (fd, NULL));

  file = g_file_new_for_path (path);
  assert_file_refused (file, REX_DATASET_ERROR_TOO_LARGE,
                       "the file is 300.0 MiB; the limit is 256 MiB");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static void
test_load_async (void)
{
  g_autoptr(GFile) file = data_file ("full.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;

  rex_dataset_load_async (file, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  dataset = rex_dataset_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rex_dataset_lookup_region (dataset, "yrd"));

  /* The task's result was the only other owner. */
  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

static void
test_load_async_error (void)
{
  g_autoptr(GFile) file = data_file ("bad-type.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;

  rex_dataset_load_async (file, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  dataset = rex_dataset_load_finish (result, &error);
  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID);
}

static void
test_load_async_cancelled (void)
{
  g_autoptr(GFile) file = data_file ("full.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;

  rex_dataset_load_async (file, cancellable, on_loaded, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  dataset = rex_dataset_load_finish (result, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Cancelled before it starts: the synchronous path says the same. */
  g_clear_error (&error);
  dataset = rex_dataset_new_from_file (file, cancellable, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Dropping the dataset frees every object in it, even though regions refer
 * to each other (parent, members, memberships). */
static void
test_freed (void)
{
  RexDataset *dataset = load_data_file ("full.json");
  RexRegion *js = rex_dataset_lookup_region (dataset, "CN-JS");
  RexRegion *yrd = rex_dataset_lookup_region (dataset, "yrd");
  RexMetric *gdp = rex_dataset_lookup_metric (dataset, "gdp");
  RexSource *nbs = rex_dataset_lookup_source (dataset, "nbs");
  RexTransportCircle *circle = rex_dataset_lookup_transport_circle (dataset, "nj-1h");
  RexSeries *series = rex_series_ref (rex_region_get_series (js, "gdp"));
  RexRegion *kept = g_object_ref (rex_dataset_lookup_region (dataset, "CN-ZJ"));

  g_object_add_weak_pointer (G_OBJECT (js), (gpointer *) &js);
  g_object_add_weak_pointer (G_OBJECT (yrd), (gpointer *) &yrd);
  g_object_add_weak_pointer (G_OBJECT (gdp), (gpointer *) &gdp);
  g_object_add_weak_pointer (G_OBJECT (nbs), (gpointer *) &nbs);
  g_object_add_weak_pointer (G_OBJECT (circle), (gpointer *) &circle);

  g_assert_finalize_object (dataset);
  g_assert_null (js);
  g_assert_null (yrd);
  g_assert_null (gdp);
  g_assert_null (nbs);
  g_assert_null (circle);

  /* What outlives the dataset stays usable, without links. */
  g_assert_cmpstr (rex_series_get_metric_id (series), ==, "gdp");
  g_assert_true (rex_series_get_value (series, 2019, NULL));
  rex_series_unref (series);
  g_assert_null (rex_region_get_parent (kept));
  g_assert_cmpuint (rex_region_get_memberships (kept)->len, ==, 0);
  g_assert_cmpstr (rex_region_get_name (kept), ==, "Zhejiang");
  g_assert_finalize_object (kept);
}

/* The dataset bundled with the program. */
static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GPtrArray) provinces = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  dataset = rex_dataset_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpstr (rex_dataset_get_file_name (dataset), ==, "china-regional-development.json");

  provinces = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_PROVINCE);
  g_assert_cmpuint (provinces->len, >=, 31);

  g_clear_object (&dataset);
  bytes = g_resources_lookup_data ("/io/github/regionexplorer/RegionExplorer/datasets/"
                                   "china-regional-development.json", 0, &error);
  g_assert_no_error (error);
  dataset = rex_dataset_new_from_bytes (bytes, "china-regional-development.json",
                                        &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* The bundled dataset's checksum is computed when the program is built: it
 * must be the SHA-256 of the bytes the program carries, as for any file. */
static void
test_default_checksum (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = rex_dataset_new_default (&error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  bytes = g_resources_lookup_data ("/io/github/regionexplorer/RegionExplorer/datasets/"
                                   "china-regional-development.json", 0, &error);
  g_assert_no_error (error);
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (rex_dataset_get_checksum (dataset), ==, expected);
}

static gpointer
checksum_in_thread (gpointer data)
{
  return g_strdup (rex_dataset_get_checksum (data));
}

/* A file over 1 MiB has its checksum computed on a second thread while it
 * is parsed: it must still be the SHA-256 of the file's bytes, whichever
 * thread asks for it. */
static void
test_large_file_checksum (void)
{
  g_autoptr(GFile) file = data_file ("full.json");
  g_autofree char *contents = NULL;
  gsize length;
  GString *padded;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  g_autofree char *from_thread = NULL;
  g_autofree char *from_property = NULL;
  GThread *thread;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  /* Whitespace after the document is still the same document. */
  padded = g_string_new_len (contents, length);
  while (padded->len < 3 * 1024 * 1024)
    g_string_append (padded, "\n                                                               ");
  bytes = g_string_free_to_bytes (padded);
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  dataset = rex_dataset_new_from_bytes (bytes, "padded.json", NULL, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("asker", checksum_in_thread, dataset);
  g_assert_cmpstr (rex_dataset_get_checksum (dataset), ==, expected);
  from_thread = g_thread_join (thread);
  g_assert_cmpstr (from_thread, ==, expected);
  g_object_get (dataset, "checksum", &from_property, NULL);
  g_assert_cmpstr (from_property, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/example", test_example);
  g_test_add_func ("/dataset/full", test_full);
  g_test_add_func ("/dataset/properties", test_properties);
  g_test_add_func ("/dataset/enum-names", test_enum_names);
  g_test_add_func ("/dataset/localized", test_localized);
  g_test_add_func ("/dataset/bad-files", test_bad_files);
  g_test_add_func ("/dataset/many-problems", test_many_problems);
  g_test_add_func ("/dataset/bad-metric-ids", test_bad_metric_ids);
  g_test_add_func ("/dataset/bad-source-dates", test_bad_source_dates);
  g_test_add_func ("/dataset/problem-cap", test_problem_cap);
  g_test_add_func ("/dataset/limits", test_limits);
  g_test_add_func ("/dataset/not-regular-files", test_not_regular_files);
  g_test_add_func ("/dataset/too-large", test_too_large);
  g_test_add_func ("/dataset/longer-than-stated", test_longer_than_stated);
  g_test_add_func ("/dataset/large-file-checksum", test_large_file_checksum);
  g_test_add_func ("/dataset/load-async", test_load_async);
  g_test_add_func ("/dataset/load-async-error", test_load_async_error);
  g_test_add_func ("/dataset/load-async-cancelled", test_load_async_cancelled);
  g_test_add_func ("/dataset/freed", test_freed);
  g_test_add_func ("/dataset/default", test_default);
  g_test_add_func ("/dataset/default-checksum", test_default_checksum);

  return g_test_run ();
}
