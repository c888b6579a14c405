/* test-table-import.c — statistics tables into datasets: every shape, both
 * encodings, the statistics database's header and footer lines, every way
 * of naming a region, unknown regions, fractions, undated values, and
 * hostile tables that must end in a clear error, not a crash or a hang.
 * Fixtures are written here, by hand or generated. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "rex-model.h"

static RexTableImport *
import_bytes (const char                  *data,
              gsize                        length,
              const char                  *name,
              const RexTableImportOptions *options)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  RexTableImport *import = rex_table_import_new (bytes, name, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static RexTableImport *
import_text (const char                  *text,
             const char                  *name,
             const RexTableImportOptions *options)
{
  return import_bytes (text, strlen (text), name, options);
}

/* The import's error, for tables that must not load at all. */
static GError *
import_error (const char *data,
              gsize       length,
              const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  GError *error = NULL;
  RexTableImport *import = rex_table_import_new (bytes, name, NULL, NULL, &error);

  g_assert_null (import);
  g_assert_nonnull (error);
  return error;
}

static void
assert_no_errors (RexTableImport *import)
{
  GPtrArray *errors = rex_table_import_get_errors (import);

  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *text = rex_dataset_problem_to_string (errors->pdata[i]);

      g_printerr ("unexpected: %s\n", text);
    }
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (rex_table_import_get_dataset (import));
}

/* TRUE when some problem of @list reads exactly "NAME:LINE:COLUMN: MESSAGE…". */
static gboolean
has_problem (GPtrArray  *list,
             const char *prefix)
{
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *text = rex_dataset_problem_to_string (list->pdata[i]);

      if (g_str_has_prefix (text, prefix))
        return TRUE;
    }
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *text = rex_dataset_problem_to_string (list->pdata[i]);

      g_test_message ("not \"%s\": %s", prefix, text);
    }
  return FALSE;
}

static double
value_of (RexDataset *dataset,
          const char *region_id,
          const char *metric_id,
          int         year)
{
  RexRegion *region = rex_dataset_lookup_region (dataset, region_id);
  double value = NAN;

  g_assert_nonnull (region);
  if (!rex_region_get_value (region, metric_id, year, &value))
    return NAN;
  return value;
}

static const char nbs_export[] =
  "数据库：分省年度数据\r\n"
  "指标：地区生产总值(亿元)\r\n"
  "时间：最近3年\r\n"
  "地区,2024年,2023年,2022年\r\n"
  "北京市,\"49,843.1\",43760.7,41610.9\r\n"
  "天津市,18024.3,16737.3,—\r\n"
  "河北省,47526.9,43944.1,…\r\n"
  "\r\n"
  "注：2024年为初步核算数。\r\n"
  "数据来源：国家统计局\r\n";

static void
check_nbs_export (RexTableImport *import)
{
  RexDataset *dataset;
  RexMetric *gdp;
  RexSource *source;
  RexRegion *hebei;
  const RexPlace *seat;
  int col, row;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpint (rex_table_import_get_shape (import), ==, REX_TABLE_SHAPE_REGIONS_IN_ROWS);
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, "gdp");
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "亿元");
  g_assert_cmpstr (rex_table_import_get_publisher (import), ==, "国家统计局");
  g_assert_cmpint (rex_table_import_get_combine (import, 0), ==, REX_COMBINE_SUM);

  gdp = rex_dataset_lookup_metric (dataset, "gdp");
  g_assert_nonnull (gdp);
  g_assert_cmpstr (rex_metric_get_name_zh (gdp), ==, "地区生产总值");
  g_assert_cmpstr (rex_metric_get_unit (gdp), ==, "亿元");
  g_assert_cmpint (rex_metric_get_combine (gdp), ==, REX_COMBINE_SUM);

  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, 49843.1);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2022), ==, 41610.9);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "gdp", 2023), ==, 16737.3);
  g_assert_true (isnan (value_of (dataset, "CN-TJ", "gdp", 2022)));
  g_assert_true (isnan (value_of (dataset, "CN-HE", "gdp", 2022)));

  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-BJ"), "gdp", 2024);
  g_assert_nonnull (source);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "国家统计局");
  g_assert_cmpstr (rex_source_get_note (source), ==, "2024年为初步核算数。");
  g_assert_cmpuint (strlen (rex_dataset_get_checksum (dataset)), ==, 64);
  g_assert_nonnull (strstr (rex_source_get_title (source), "分省年度数据"));

  /* Geography and groups from the registry. */
  hebei = rex_dataset_lookup_region (dataset, "CN-HE");
  g_assert_cmpstr (rex_region_get_name_zh (hebei), ==, "河北");
  seat = rex_region_get_seat (hebei);
  g_assert_nonnull (seat);
  g_assert_cmpstr (seat->name, ==, "Shijiazhuang");
  g_assert_true (rex_region_get_tile (hebei, &col, &row));
  g_assert_cmpint (col, ==, 4);
  g_assert_cmpint (row, ==, 1);
  g_assert_nonnull (rex_region_get_parent (hebei));
  g_assert_cmpstr (rex_region_get_id (rex_region_get_parent (hebei)), ==, "east");
  g_assert_nonnull (rex_dataset_lookup_region (dataset, "jjj"));
  g_assert_true (rex_region_is_in (hebei, rex_dataset_lookup_region (dataset, "jjj")));

  /* Beijing, Tianjin and Hebei are all of Jing-Jin-Ji, not all of China or
   * the East: only the first is derived. */
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "jjj", "gdp", 2024), 49843.1 + 18024.3 + 47526.9, 1e-6);
  g_assert_true (isnan (value_of (dataset, "jjj", "gdp", 2022)));
  g_assert_true (isnan (value_of (dataset, "CN", "gdp", 2024)));
  g_assert_true (isnan (value_of (dataset, "east", "gdp", 2024)));
  {
    RexSeries *series = rex_region_get_series (rex_dataset_lookup_region (dataset, "jjj"), "gdp");

    g_assert_cmpint (rex_series_get_datum (series, 2024)->status, ==, REX_VALUE_STATUS_DERIVED);
    g_assert_cmpstr (rex_series_get_note (series, 2024), ==, "sum of 3 provinces");
  }
  /* A city cluster is made of cities: the provinces it lies in do not
   * add up to it. */
  g_assert_nonnull (rex_dataset_lookup_region (dataset, "cc-jjj"));
  g_assert_null (rex_region_get_series (rex_dataset_lookup_region (dataset, "cc-jjj"), "gdp"));
}

static void
test_nbs_export_utf8 (void)
{
  g_autoptr(RexTableImport) import = import_text (nbs_export, "gdp.csv", NULL);

  g_assert_cmpstr (rex_table_import_get_encoding (import), ==, "UTF-8");
  g_assert_true (rex_table_import_get_encoding_detected (import));
  check_nbs_export (import);

  /* What a preview shows: the decoded text, cut at a character, and cells. */
  {
    g_autofree char *head = rex_table_import_get_text (import, 10);
    g_autofree char *all = rex_table_import_get_text (import, G_MAXSIZE);
    g_autofree char *cell = rex_table_import_dup_cell (import, 4, 1);

    g_assert_cmpstr (head, ==, "数据库");
    g_assert_cmpstr (all, ==, nbs_export);
    g_assert_cmpuint (rex_table_import_get_n_rows (import), ==, 10);
    g_assert_cmpuint (rex_table_import_get_n_cells (import, 3), ==, 4);
    g_assert_cmpstr (cell, ==, "49,843.1");
    g_assert_null (rex_table_import_dup_cell (import, 4, 9));
    g_assert_cmpint (rex_table_import_get_row_line (import, 9), ==, 10);
    g_assert_cmpstr (rex_table_import_shape_to_string (rex_table_import_get_shape (import)), ==,
                     "regions-in-rows");
  }
}

static void
test_nbs_export_bom (void)
{
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", nbs_export, NULL);
  g_autoptr(RexTableImport) import = import_text (text, "gdp.csv", NULL);

  g_assert_cmpstr (rex_table_import_get_encoding (import), ==, "UTF-8");
  check_nbs_export (import);
}

static void
test_nbs_export_gb18030 (void)
{
  gsize length = 0;
  g_autofree char *gb = g_convert (nbs_export, -1, "GB18030", "UTF-8", NULL, &length, NULL);
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (gb);
  g_assert_false (g_utf8_validate (gb, length, NULL));
  import = import_bytes (gb, length, "gdp.csv", NULL);
  g_assert_cmpstr (rex_table_import_get_encoding (import), ==, "GB18030");
  g_assert_true (rex_table_import_get_encoding_detected (import));
  check_nbs_export (import);
  g_clear_object (&import);

  /* Given, not detected: GBK reads the same bytes. */
  options->encoding = g_strdup ("GBK");
  import = import_bytes (gb, length, "gdp.csv", options);
  g_assert_cmpstr (rex_table_import_get_encoding (import), ==, "GBK");
  g_assert_false (rex_table_import_get_encoding_detected (import));
  check_nbs_export (import);

  /* Told it is UTF-8, it is not: the place of the first bad byte. */
  g_free (options->encoding);
  options->encoding = g_strdup ("UTF-8");
  bytes = g_bytes_new (gb, length);
  g_assert_null (rex_table_import_new (bytes, "gdp.csv", options, NULL, &error));
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "gdp.csv:1:1: byte 0x"));
  g_clear_error (&error);

  /* A character GBK lacks takes four bytes ("©" is 81 30 84 38); after
   * it, one ASCII byte and a character whose second byte is below 0x80
   * ("東" is 96 7C). */
  {
    static const char text[] = "地区,2024\r\n北京,1\r\n数据来源：© 東方統計局\r\n";
    g_autofree char *four = g_convert (text, -1, "GB18030", "UTF-8", NULL, &length, NULL);

    g_clear_object (&import);
    g_assert_nonnull (strstr (four, "\x81\x30\x84\x38\x20\x96\x7C"));
    import = import_bytes (four, length, "gdp.csv", NULL);
    g_assert_cmpstr (rex_table_import_get_encoding (import), ==, "GB18030");
    assert_no_errors (import);
    g_assert_cmpstr (rex_table_import_get_publisher (import), ==, "© 東方統計局");
  }

  g_free (options->encoding);
  options->encoding = g_strdup ("NO-SUCH-ENCODING");
  g_assert_null (rex_table_import_new (bytes, "gdp.csv", options, NULL, &error));
  g_assert_nonnull (strstr (error->message, "unknown encoding"));
}

static void
test_years_in_rows_tsv (void)
{
  const char *text =
    "年份\t广东\tJiangsu\tCN-ZJ\t320000\n"
    "2024\t141633.8\t137008\t90131\t1\n"
    "2023-12\t135673.2\t128222.2\t82553\t2\n"
    "2022年\t129118.6\t122875.6\t77715\t\n";
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  RexDataset *dataset;

  options->metric.id = g_strdup ("gdp");
  options->metric.unit = g_strdup ("亿元");
  import = import_text (text, "provinces.tsv", options);
  g_assert_cmpint (rex_table_import_get_delimiter (import), ==, '\t');
  g_assert_cmpint (rex_table_import_get_shape (import), ==, REX_TABLE_SHAPE_YEARS_IN_ROWS);
  /* 320000 is Jiangsu again: a second value for the same year. */
  g_assert_true (has_problem (rex_table_import_get_errors (import),
                              "provinces.tsv:2:28: a second value of gdp for CN-JS in 2024"));
  g_clear_object (&import);

  text = "年份\t广东\tJiangsu\tCN-ZJ\n"
         "2024\t141633.8\t137008\t90131\n"
         "2023-12\t135673.2\t128222.2\t82553\n"
         "2022年\t129118.6\t122875.6\t77715\n";
  import = import_text (text, "provinces.tsv", options);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2023), ==, 135673.2);
  g_assert_cmpfloat (value_of (dataset, "CN-JS", "gdp", 2022), ==, 122875.6);
  g_assert_cmpfloat (value_of (dataset, "CN-ZJ", "gdp", 2024), ==, 90131);
  g_assert_cmpint (rex_metric_get_combine (rex_dataset_lookup_metric (dataset, "gdp")), ==, REX_COMBINE_SUM);
}

static void
test_long (void)
{
  const char *text =
    "region,year,metric,value,unit,source\n"
    "Guangdong,2024,GDP,\"141,633.8\",100 million yuan,NBS\n"
    "Guangdong,2023,GDP,135673.2,100 million yuan,NBS\n"
    "广东省,2024,Population,12780.0,\"10,000 persons\",Guangdong Statistics Bureau\n"
    "广东省,,Land area,17.97,\"10,000 km2\",NBS\n"
    "\"Inner Mongolia\",2024,GDP,26314.6,100 million yuan,NBS\n";
  g_autoptr(RexTableImport) import = import_text (text, "long.csv", NULL);
  RexDataset *dataset;
  RexRegion *gd;
  RexSeries *area;
  double value;

  assert_no_errors (import);
  g_assert_cmpint (rex_table_import_get_shape (import), ==, REX_TABLE_SHAPE_LONG);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 3);
  g_assert_nonnull (rex_dataset_lookup_metric (dataset, "gdp"));
  g_assert_nonnull (rex_dataset_lookup_metric (dataset, "population"));
  g_assert_nonnull (rex_dataset_lookup_metric (dataset, "land_area"));
  g_assert_cmpstr (rex_metric_get_unit (rex_dataset_lookup_metric (dataset, "population")), ==, "10,000 persons");
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
  g_assert_cmpfloat (value_of (dataset, "CN-NM", "gdp", 2024), ==, 26314.6);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "population", 2024), ==, 12780);

  /* Sources by publisher. */
  gd = rex_dataset_lookup_region (dataset, "CN-GD");
  g_assert_cmpstr (rex_source_get_publisher (rex_dataset_get_value_source (dataset, gd, "population", 2024)),
                   ==, "Guangdong Statistics Bureau");
  g_assert_cmpstr (rex_source_get_publisher (rex_dataset_get_value_source (dataset, gd, "gdp", 2023)), ==, "NBS");

  /* The undated value holds in every year. */
  area = rex_region_get_series (gd, "land_area");
  g_assert_nonnull (area);
  g_assert_nonnull (rex_series_get_undated (area));
  g_assert_false (rex_series_get_year_range (area, NULL, NULL));
  g_assert_true (rex_series_get_value (area, 1990, &value));
  g_assert_cmpfloat (value, ==, 17.97);
  g_assert_true (rex_series_get_value (area, 2024, &value));

  /* Amounts add up over a macro-region: yuan and persons are summed. */
  g_assert_cmpint (rex_metric_get_combine (rex_dataset_lookup_metric (dataset, "gdp")), ==, REX_COMBINE_SUM);
  g_assert_cmpint (rex_metric_get_combine (rex_dataset_lookup_metric (dataset, "population")), ==, REX_COMBINE_SUM);
}

/* Regions and years in rows, a metric in each column: the panel that OWID's
 * downloads (Entity,Code,Year,…), pandas (with its unnamed index column)
 * and the statistics database's own exports by year write. */
static void
test_long_metric_columns (void)
{
  static const struct
  {
    const char *text;
    const char *metric;
    const char *unit;
    guint       n_metrics;
  } tables[] = {
    { "Entity,Code,Year,GDP (100 million yuan)\n"
      "Beijing,CN-BJ,2023,43760.7\nBeijing,CN-BJ,2024,49843.1\n"
      "Guangdong,,2023,135673.2\nGuangdong,,2024,141633.8\n", "gdp", "100 million yuan", 1 },
    { "地区,年份,地区生产总值(亿元),年末常住人口(万人),城镇化率(%)\n"
      "北京市,2023,43760.7,2185.8,87.8\n北京市,2024,49843.1,2183.2,87.8\n"
      "广东省,2023,135673.2,12706,75.4\n广东省,2024,141633.8,12780,75.9\n", "gdp", "亿元", 3 },
    { ",province,year,gdp,population\n"
      "0,Beijing,2023,43760.7,2185.8\n1,Beijing,2024,49843.1,2183.2\n"
      "2,Guangdong,2023,135673.2,12706\n3,Guangdong,2024,141633.8,12780\n", "gdp", NULL, 2 },
    { "year,region,gdp,unit\n"
      "2023,Beijing,43760.7,亿元\n2024,Beijing,49843.1,亿元\n"
      "2023,Guangdong,135673.2,亿元\n2024,Guangdong,141633.8,亿元\n", "gdp", "亿元", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(RexTableImport) import = import_text (tables[i].text, "panel.csv", NULL);
      RexDataset *dataset;
      RexMetric *metric;

      g_test_message ("table %u", i);
      assert_no_errors (import);
      g_assert_cmpint (rex_table_import_get_shape (import), ==, REX_TABLE_SHAPE_LONG);
      g_assert_true (rex_table_import_get_metric_columns (import));
      g_assert_cmpuint (rex_table_import_get_n_metrics (import), ==, tables[i].n_metrics);
      g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, tables[i].metric);
      dataset = rex_table_import_get_dataset (import);
      metric = rex_dataset_lookup_metric (dataset, tables[i].metric);
      g_assert_nonnull (metric);
      g_assert_cmpstr (rex_metric_get_unit (metric), ==, tables[i].unit != NULL ? tables[i].unit : "");
      g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2023), ==, 43760.7);
      g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
      if (tables[i].n_metrics > 1)
        g_assert_cmpfloat (value_of (dataset, "CN-GD", "population", 2023), ==, 12706);
    }

  /* The metrics keep the order of their columns, and the last one here
   * is a share. */
  {
    g_autoptr(RexTableImport) import = import_text (tables[1].text, "panel.csv", NULL);
    RexMetric *urbanization;

    g_assert_cmpstr (rex_table_import_get_metric_id (import, 1), ==, "population");
    g_assert_cmpstr (rex_table_import_get_metric_id (import, 2), ==, "urbanization");
    urbanization = rex_dataset_lookup_metric (rex_table_import_get_dataset (import), "urbanization");
    g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-GD", "urbanization", 2024), ==, 75.9);
    g_assert_cmpstr (rex_metric_get_unit (urbanization), ==, "%");
  }

  /* Years in rows keep their shape: a year column first, regions as the
   * other headers. */
  {
    g_autoptr(RexTableImport) import = import_text ("年份,北京,广东\n2023,43760.7,135673.2\n2024,49843.1,141633.8\n",
                                                    "years.csv", NULL);

    assert_no_errors (import);
    g_assert_cmpint (rex_table_import_get_shape (import), ==, REX_TABLE_SHAPE_YEARS_IN_ROWS);
  }
}

/* What a table with a metric in each column cannot hold, and where it is
 * said. */
static void
test_long_metric_columns_errors (void)
{
  g_autoptr(RexTableImport) unit = import_text ("region,year,gdp,population,unit\nBeijing,2024,49843.1,2183.2,亿元\n",
                                                "units.csv", NULL);
  g_autoptr(RexTableImport) twice = import_text ("region,year,gdp\nBeijing,2024,49843.1\nBeijing,2024,49843\n",
                                                 "twice.csv", NULL);
  g_autoptr(RexTableImport) bad_year = import_text ("region,year,gdp\nBeijing,2024,49843.1\nBeijing,last,1\n",
                                                    "year.csv", NULL);
  g_autoptr(RexTableImport) bad_value = import_text ("region,year,gdp,population\nBeijing,2024,49843.1,lots\n",
                                                     "value.csv", NULL);

  g_assert_true (has_problem (rex_table_import_get_errors (unit),
                              "units.csv:1:28: a unit column gives the unit of a table's one metric"));
  g_assert_true (has_problem (rex_table_import_get_errors (twice), "twice.csv:3:14: a second value of gdp for CN-BJ in 2024 (the first is at 2:14)"));
  g_assert_true (has_problem (rex_table_import_get_errors (bad_year), "year.csv:3:9: expected a year"));

  /* A wide table's row naming a region again by another of its names: one
   * error for the row, not one per year; a single cell of another row is
   * its own. */
  {
    g_autoptr(RexTableImport) again = import_text ("地区,2020,2021,2022,2023\n北京,1,2,3,4\n天津,1,2,3,4\n"
                                                   "Beijing,4,5,6,7\n北京市,,,,9\n",
                                                   "again.csv", NULL);
    GPtrArray *errors = rex_table_import_get_errors (again);

    g_assert_cmpuint (errors->len, ==, 2);
    g_assert_true (has_problem (errors, "again.csv:4:9: a second value of again for CN-BJ in 2020 (the first is "
                                        "at 2:4), and 3 more values in this row: it names the region of line 2 again"));
    g_assert_true (has_problem (errors, "again.csv:5:8: a second value of again for CN-BJ in 2023 (the first is at 2:10)"));
  }
  g_assert_true (has_problem (rex_table_import_get_errors (bad_value), "value.csv:2:22: expected a number, got \"lots\""));
  g_assert_null (rex_table_import_get_dataset (bad_value));
}

/* A header of two rows: a metric over its years or a year over its
 * metrics, the names merged (standing over their first column only) or
 * written out, the region's header in either row. */
static void
test_two_header_rows (void)
{
  static const char * const tables[] = {
    "地区,地区生产总值(亿元),,年末常住人口(万人),\n"
    ",2023,2024,2023,2024\n"
    "北京,43760.7,49843.1,2186,2183\n广东,135673.2,141633.8,12706,12780\n",
    "地区,2023年,,2024年,\n"
    ",地区生产总值(亿元),年末常住人口(万人),地区生产总值(亿元),年末常住人口(万人)\n"
    "北京,43760.7,2186,49843.1,2183\n广东,135673.2,12706,141633.8,12780\n",
    ",2023年,,2024年,\n"
    "地区,地区生产总值(亿元),年末常住人口(万人),地区生产总值(亿元),年末常住人口(万人)\n"
    "北京,43760.7,2186,49843.1,2183\n广东,135673.2,12706,141633.8,12780\n",
    "数据来源：国家统计局\n"
    "Region,GDP (100 million yuan),GDP (100 million yuan),Population (10000 persons),Population (10000 persons)\n"
    ",2023,2024,2023,2024\n"
    "Beijing,43760.7,49843.1,2186,2183\nGuangdong,135673.2,141633.8,12706,12780\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(RexTableImport) import = import_text (tables[i], "two-rows.csv", NULL);
      RexDataset *dataset;

      g_test_message ("table %u", i);
      assert_no_errors (import);
      g_assert_cmpuint (rex_table_import_get_n_metrics (import), ==, 2);
      dataset = rex_table_import_get_dataset (import);
      g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2023), ==, 43760.7);
      g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
      g_assert_cmpfloat (value_of (dataset, "CN-GD", "population", 2023), ==, 12706);
      g_assert_cmpfloat (value_of (dataset, "CN-BJ", "population", 2024), ==, 2183);
    }

  /* A first row without its region is a row, not a second header. */
  {
    g_autoptr(RexTableImport) import = import_text ("地区,2023,2024\n,1.5,2\n北京,1,2\n", "no-region.csv", NULL);

    g_assert_true (has_problem (rex_table_import_get_errors (import), "no-region.csv:2:1: the row names no region"));
  }
}

/* Tables of countries: the World Bank's download (its "key","value" lines
 * above the header, a row per country and indicator, years across) and
 * OWID's (a panel of every country and of groups without a code). China,
 * Hong Kong and Macao are read; every other place is left out with one
 * warning, not an error each. */
static void
test_countries (void)
{
  static const char world_bank[] =
    "\xEF\xBB\xBF\"Data Source\",\"World Development Indicators\",\r\n"
    "\r\n"
    "\"Last Updated Date\",\"2025-07-01\",\r\n"
    "\r\n"
    "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2022\",\"2023\",\r\n"
    "\"Aruba\",\"ABW\",\"Urban population (% of total population)\",\"SP.URB.TOTL.IN.ZS\",\"44.0\",\"44.1\",\r\n"
    "\"China\",\"CHN\",\"Urban population (% of total population)\",\"SP.URB.TOTL.IN.ZS\",\"63.56\",\"64.6\",\r\n"
    "\"East Asia & Pacific\",\"EAS\",\"Urban population (% of total population)\",\"SP.URB.TOTL.IN.ZS\",\"62\",\"63\",\r\n"
    "\"Hong Kong SAR, China\",\"HKG\",\"Urban population (% of total population)\",\"SP.URB.TOTL.IN.ZS\",\"100\",\"100\",\r\n"
    "\"World\",\"WLD\",\"Urban population (% of total population)\",\"SP.URB.TOTL.IN.ZS\",\"57\",\"57.5\",\r\n";
  static const char owid[] =
    "Entity,Code,Year,Share of the population living in urban areas (%)\n"
    "Afghanistan,AFG,2022,26.6\n"
    "Africa,,2022,44.6\n"
    "China,CHN,2022,63.6\n"
    "Macao,MAC,2022,100\n"
    "World,OWID_WRL,2022,57\n";
  g_autoptr(RexTableImport) wb = import_text (world_bank, "API_SP.URB.TOTL.IN.ZS.csv", NULL);
  g_autoptr(RexTableImport) ow = import_text (owid, "urban.csv", NULL);
  RexDataset *dataset;
  RexMetric *metric;
  RexSource *source;

  assert_no_errors (wb);
  dataset = rex_table_import_get_dataset (wb);
  g_assert_cmpfloat (value_of (dataset, "CN", "urban_population", 2023), ==, 64.6);
  g_assert_cmpfloat (value_of (dataset, "CN-HK", "urban_population", 2022), ==, 100);
  g_assert_null (rex_dataset_lookup_region (dataset, "CN-BJ"));
  metric = rex_dataset_lookup_metric (dataset, "urban_population");
  g_assert_cmpstr (rex_metric_get_unit (metric), ==, "% of total population");
  g_assert_true (rex_metric_get_percent (metric));
  g_assert_cmpint (rex_metric_get_combine (metric), ==, REX_COMBINE_NONE);
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN"), "urban_population", 2023);
  g_assert_cmpstr (rex_source_get_title (source), ==, "World Development Indicators");
  g_assert_true (has_problem (rex_table_import_get_warnings (wb),
                              "API_SP.URB.TOTL.IN.ZS.csv:6:1: 3 places outside China, as \"Aruba\" here, were left out"));

  assert_no_errors (ow);
  g_assert_cmpint (rex_table_import_get_shape (ow), ==, REX_TABLE_SHAPE_LONG);
  dataset = rex_table_import_get_dataset (ow);
  g_assert_cmpfloat (value_of (dataset, "CN", "share_of_the_population_living_in_urban_areas", 2022), ==, 63.6);
  g_assert_cmpfloat (value_of (dataset, "CN-MO", "share_of_the_population_living_in_urban_areas", 2022), ==, 100);
  g_assert_true (has_problem (rex_table_import_get_warnings (ow),
                              "urban.csv:2:1: 3 places outside China, as \"Afghanistan\" here, were left out"));

  /* Without country codes, an unknown place is still an error; a table
   * of two columns keeps its header when a key of a header line heads it. */
  {
    g_autoptr(RexTableImport) unknown = import_text ("Entity,Year,Urban share (%)\nAfrica,2022,44.6\nChina,2022,63.6\n",
                                                     "no-codes.csv", NULL);
    g_autoptr(RexTableImport) two = import_text ("时间,北京\n2023,43760.7\n2024,49843.1\n", "two.csv", NULL);

    g_assert_true (has_problem (rex_table_import_get_errors (unknown), "no-codes.csv:2:1: unknown region \"Africa\""));
    assert_no_errors (two);
    g_assert_cmpfloat (value_of (rex_table_import_get_dataset (two), "CN-BJ", "two", 2024), ==, 49843.1);
  }
}

/* A long table without a source column, or with a blank source cell: the
 * values come from the import's own source, none named "". */
static void
test_long_without_source (void)
{
  const char *texts[] = {
    "region,year,metric,value\nGuangdong,2024,GDP,141633.8\nJiangsu,2024,GDP,137008\n",
    "region,year,metric,value,source\nGuangdong,2024,GDP,141633.8,\nJiangsu,2024,GDP,137008,\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(RexTableImport) import = import_text (texts[i], "long.csv", NULL);
      RexDataset *dataset;
      RexSource *source;

      assert_no_errors (import);
      dataset = rex_table_import_get_dataset (import);
      g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
      g_assert_cmpfloat (value_of (dataset, "CN-JS", "gdp", 2024), ==, 137008);
      g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_sources (dataset)), ==, 1);
      source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-GD"), "gdp", 2024);
      g_assert_nonnull (source);
      g_assert_cmpstr (rex_source_get_publisher (source), !=, "");
    }
}

/* With a unit column, a metric name's bracket that is not its unit is part
 * of the name; one that is the unit is taken off, as without the column. */
static void
test_long_bracket_in_name (void)
{
  g_autoptr(RexTableImport) import = import_text (
    "region,year,metric,value,unit\n"
    "Guangdong,2024,Counties with GDP above 90 billion yuan (reported separately),3,counties\n"
    "Guangdong,2024,Output (tonnes),5,tonnes\n",
    "long.csv", NULL);
  RexDataset *dataset;
  RexMetric *counties, *output;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  counties = rex_dataset_lookup_metric (dataset, "counties_with_gdp_above_90_billion_yuan_reported_separately");
  g_assert_nonnull (counties);
  g_assert_cmpstr (rex_metric_get_name (counties), ==, "Counties with GDP above 90 billion yuan (reported separately)");
  g_assert_cmpstr (rex_metric_get_unit (counties), ==, "counties");
  output = rex_dataset_lookup_metric (dataset, "output");
  g_assert_nonnull (output);
  g_assert_cmpstr (rex_metric_get_name (output), ==, "Output");
  g_assert_cmpstr (rex_metric_get_unit (output), ==, "tonnes");
}

static void
test_codes_and_counties (void)
{
  const char *text =
    "代码,名称,2024年,2023年\n"
    "320581,常熟市,2800.5,2700.1\n"
    "440300,深圳市,36801.9,34606.4\n"
    "320000,江苏省,137008,128222.2\n";
  g_autoptr(RexTableImport) import = import_text (text, "counties.csv", NULL);
  RexDataset *dataset;
  RexRegion *changshu, *shenzhen;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  changshu = rex_dataset_lookup_region (dataset, "320581");
  shenzhen = rex_dataset_lookup_region (dataset, "440300");
  g_assert_nonnull (changshu);
  g_assert_nonnull (shenzhen);
  g_assert_cmpint (rex_region_get_kind (changshu), ==, REX_REGION_KIND_COUNTY);
  g_assert_cmpint (rex_region_get_kind (shenzhen), ==, REX_REGION_KIND_PREFECTURE);
  g_assert_cmpstr (rex_region_get_name_zh (changshu), ==, "常熟市");
  g_assert_cmpstr (rex_region_get_id (rex_region_get_parent (changshu)), ==, "CN-JS");
  g_assert_cmpstr (rex_region_get_id (rex_region_get_parent (shenzhen)), ==, "CN-GD");
  /* The province of Shenzhen is there, to hold it. */
  g_assert_nonnull (rex_dataset_lookup_region (dataset, "CN-GD"));
  g_assert_cmpfloat (value_of (dataset, "320581", "counties", 2024), ==, 2800.5);
  g_assert_cmpfloat (value_of (dataset, "CN-JS", "counties", 2023), ==, 128222.2);
}

/* Prefectures named by name: with their province in the cell, in another
 * column, or in a header line; a name two places bear needs its province. */
static void
test_prefecture_names (void)
{
  const char *in_cell =
    "地区,2024年\n"
    "广东省深圳市,36801.9\n"
    "江苏省苏州市,26727.4\n"
    "延边州,1000.5\n"
    "河南省济源市,800.25\n";
  const char *in_column =
    "省份,城市,2024年\n"
    "广东省,深圳市,36801.9\n"
    "广东省,全省,141633.8\n"
    "北京市,朝阳区,8000\n"
    "吉林省,朝阳区,500\n"
    "吉林省,吉林市,1700\n";
  const char *in_header =
    "地区：江苏省\n"
    "指标：地区生产总值(亿元)\n"
    "城市,2024年\n"
    "南京市,18500.8\n"
    "鼓楼区,2200\n";
  const char *ambiguous =
    "地区,2024年\n"
    "朝阳区,8000\n";
  g_autoptr(RexTableImport) cells = import_text (in_cell, "cities.csv", NULL);
  g_autoptr(RexTableImport) columns = import_text (in_column, "cities.csv", NULL);
  g_autoptr(RexTableImport) header = import_text (in_header, "jiangsu.csv", NULL);
  g_autoptr(RexTableImport) unclear = import_text (ambiguous, "districts.csv", NULL);
  RexDataset *dataset;
  RexRegion *shenzhen;

  assert_no_errors (cells);
  dataset = rex_table_import_get_dataset (cells);
  shenzhen = rex_dataset_lookup_region (dataset, "440300");
  g_assert_nonnull (shenzhen);
  g_assert_cmpint (rex_region_get_kind (shenzhen), ==, REX_REGION_KIND_PREFECTURE);
  g_assert_cmpstr (rex_region_get_name_zh (shenzhen), ==, "深圳市");
  g_assert_cmpstr (rex_region_get_id (rex_region_get_parent (shenzhen)), ==, "CN-GD");
  g_assert_cmpfloat (value_of (dataset, "440300", "cities", 2024), ==, 36801.9);
  g_assert_cmpfloat (value_of (dataset, "320500", "cities", 2024), ==, 26727.4);
  g_assert_cmpstr (rex_region_get_name_zh (rex_dataset_lookup_region (dataset, "222400")), ==, "延边朝鲜族自治州");
  g_assert_cmpint (rex_region_get_kind (rex_dataset_lookup_region (dataset, "419001")), ==, REX_REGION_KIND_COUNTY);
  g_assert_cmpfloat (value_of (dataset, "419001", "cities", 2024), ==, 800.25);

  /* 朝阳区 of Beijing and of Jilin's Changchun, told apart by the
   * province column; a row naming only the province is the province. */
  assert_no_errors (columns);
  dataset = rex_table_import_get_dataset (columns);
  g_assert_cmpfloat (value_of (dataset, "440300", "cities", 2024), ==, 36801.9);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "cities", 2024), ==, 141633.8);
  g_assert_cmpfloat (value_of (dataset, "110105", "cities", 2024), ==, 8000);
  g_assert_cmpfloat (value_of (dataset, "220104", "cities", 2024), ==, 500);
  g_assert_cmpfloat (value_of (dataset, "220200", "cities", 2024), ==, 1700);
  g_assert_cmpstr (rex_region_get_id (rex_region_get_parent (rex_dataset_lookup_region (dataset, "220104"))),
                   ==, "CN-JL");

  /* The header line's province: 鼓楼区 of Jiangsu is still two places. */
  dataset = rex_table_import_get_dataset (header);
  g_assert_null (dataset);
  g_assert_true (has_problem (rex_table_import_get_errors (header),
                              "jiangsu.csv:5:1: region \"鼓楼区\" is ambiguous: it names 江苏省南京市鼓楼区 (320106); "
                              "江苏省徐州市鼓楼区 (320302); give its province (and city)"));
  g_assert_cmpuint (rex_table_import_get_errors (header)->len, ==, 1);

  g_assert_null (rex_table_import_get_dataset (unclear));
  g_assert_true (has_problem (rex_table_import_get_errors (unclear),
                              "districts.csv:2:1: region \"朝阳区\" is ambiguous: it names 北京市朝阳区 (110105); "
                              "吉林省长春市朝阳区 (220104)"));
  /* The candidates are what the dialog offers. */
  {
    RexTableRegion *region = rex_table_import_get_regions (unclear)->pdata[0];

    g_assert_null (region->region_id);
    g_assert_cmpstr (region->suggestions[0], ==, "北京市朝阳区 (110105)");
  }
  /* Choosing one, as the dialog does, imports it as that district. */
  {
    g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
    g_autoptr(RexTableImport) chosen = NULL;
    RexRegion *district;

    rex_table_import_options_map_region (options, "朝阳区", "110105");
    chosen = import_text (ambiguous, "districts.csv", options);
    assert_no_errors (chosen);
    district = rex_dataset_lookup_region (rex_table_import_get_dataset (chosen), "110105");
    g_assert_cmpint (rex_region_get_kind (district), ==, REX_REGION_KIND_COUNTY);
    g_assert_cmpstr (rex_region_get_id (rex_region_get_parent (district)), ==, "CN-BJ");
    g_assert_cmpstr (rex_region_get_name_zh (district), ==, "朝阳区");
  }
}

static void
test_unknown_regions (void)
{
  const char *text =
    "地区,2024年\n"
    "广东省,1\n"
    "广冬省,2\n"
    "Atlantis,3\n";
  g_autoptr(RexTableImport) import = import_text (text, "typo.csv", NULL);
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  GPtrArray *regions;
  RexTableRegion *typo;

  g_assert_null (rex_table_import_get_dataset (import));
  g_assert_true (has_problem (rex_table_import_get_errors (import),
                              "typo.csv:3:1: unknown region \"广冬省\"; did you mean 广东省 (CN-GD)"));
  g_assert_true (has_problem (rex_table_import_get_errors (import),
                              "typo.csv:4:1: unknown region \"Atlantis\""));
  regions = rex_table_import_get_regions (import);
  g_assert_cmpuint (regions->len, ==, 3);
  g_assert_cmpstr (((RexTableRegion *) regions->pdata[0])->region_id, ==, "CN-GD");
  typo = regions->pdata[1];
  g_assert_null (typo->region_id);
  g_assert_cmpint (typo->line, ==, 3);
  g_assert_cmpint (typo->column, ==, 1);
  g_assert_cmpstr (typo->suggestions[0], ==, "广东省 (CN-GD)");
  g_clear_object (&import);

  /* Left out on request: still reported, as warnings. */
  options->skip_unknown = TRUE;
  import = import_text (text, "typo.csv", options);
  assert_no_errors (import);
  g_assert_true (has_problem (rex_table_import_get_warnings (import), "typo.csv:3:1: unknown region"));
  g_assert_null (rex_dataset_lookup_region (rex_table_import_get_dataset (import), "Atlantis"));
  g_clear_object (&import);

  /* Or mapped by the user, as a dialog does. */
  options->skip_unknown = FALSE;
  rex_table_import_options_map_region (options, "广冬省", "CN-GD");
  rex_table_import_options_map_region (options, "Atlantis", "atlantis");
  import = import_text (text, "typo.csv", options);
  g_assert_true (has_problem (rex_table_import_get_errors (import),
                              "typo.csv:3:5: a second value of typo for CN-GD in 2024"));
  g_clear_object (&import);
  rex_table_import_options_map_region (options, "广冬省", "CN-GX");
  import = import_text (text, "typo.csv", options);
  assert_no_errors (import);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-GX", "typo", 2024), ==, 2);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "atlantis", "typo", 2024), ==, 3);
}

static void
test_fractions (void)
{
  const char *text =
    "指标：城镇化率(%)\n"
    "地区,2024年,2023年\n"
    "上海,0.893,0.893\n"
    "北京,0.878,0.876\n";
  g_autoptr(RexTableImport) import = import_text (text, "urbanization.csv", NULL);
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  RexDataset *dataset;
  RexMetric *metric;

  assert_no_errors (import);
  g_assert_true (rex_table_import_get_percent (import, 0));
  g_assert_true (rex_table_import_get_looks_like_fractions (import));
  g_assert_cmpint (rex_table_import_get_combine (import, 0), ==, REX_COMBINE_NONE);
  g_assert_true (has_problem (rex_table_import_get_warnings (import),
                              "urbanization.csv: the values of urbanization, a percentage, all lie within 0–1"));
  /* Not scaled unless asked. */
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-SH", "urbanization", 2024), ==, 0.893);
  g_clear_object (&import);

  options->scale_fractions = TRUE;
  import = import_text (text, "urbanization.csv", options);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  metric = rex_dataset_lookup_metric (dataset, "urbanization");
  g_assert_true (rex_metric_get_percent (metric));
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "CN-SH", "urbanization", 2024), 89.3, 1e-9);
  g_assert_true (has_problem (rex_table_import_get_warnings (import), "urbanization.csv: the values of urbanization"));
  g_clear_object (&import);

  /* Percentages out of 100 (one below 1 among them) do not look like
   * fractions: no warning, nothing for the import dialog to offer. */
  import = import_text ("指标：城镇化率(%)\n地区,2024年,2023年\n上海,89.3,89.3\n北京,0.878,87.6\n",
                        "urbanization.csv", NULL);
  assert_no_errors (import);
  g_assert_false (rex_table_import_get_looks_like_fractions (import));
  g_assert_false (has_problem (rex_table_import_get_warnings (import), "urbanization.csv: the values of urbanization"));
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-SH", "urbanization", 2024), ==, 89.3);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-BJ", "urbanization", 2024), ==, 0.878);
}

static void
test_undated_columns (void)
{
  const char *text =
    "地区,土地面积(万平方公里),目标(%)\n"
    "新疆,166.49,75\n"
    "西藏,122.84,\n";
  g_autoptr(RexTableImport) import = import_text (text, "area.csv", NULL);
  RexDataset *dataset;
  RexMetric *area;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 2);
  area = g_list_model_get_item (rex_dataset_get_metrics (dataset), 0);
  g_assert_cmpstr (rex_metric_get_unit (area), ==, "万平方公里");
  g_assert_cmpfloat (value_of (dataset, "CN-XJ", rex_metric_get_id (area), 2010), ==, 166.49);
  g_assert_cmpfloat (value_of (dataset, "CN-XZ", rex_metric_get_id (area), 2030), ==, 122.84);
  g_object_unref (area);
}

/* A yearbook's notes on how final a year's figures are, and years in
 * full-width digits, leave the column a year: it was read as a second
 * name of the region and dropped without a word. The note is the
 * figures' status. */
static void
test_year_notes_and_full_width (void)
{
  const char *text =
    "指标：地区生产总值(亿元)\n"
    "地区,2024年(初步),2023年（初步核算）,２０２２年,2021 预计,2020年初步,2019 (revised),2018年\n"
    "北京市,7,6,5,4,3,2,1\n";
  g_autoptr(RexTableImport) import = import_text (text, "notes.csv", NULL);
  RexDataset *dataset;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  for (int year = 2018; year <= 2024; year++)
    g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", year), ==, year - 2017);
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "亿元");

  /* What the note says is the figures' status, which tooltips, tables
   * and the CSV show (estimates drawn hollow). */
  {
    RexSeries *series = rex_region_get_series (rex_dataset_lookup_region (dataset, "CN-BJ"), "gdp");
    static const struct { int year; RexValueStatus status; } statuses[] = {
      { 2024, REX_VALUE_STATUS_PRELIMINARY }, { 2023, REX_VALUE_STATUS_PRELIMINARY },
      { 2022, REX_VALUE_STATUS_FINAL }, { 2021, REX_VALUE_STATUS_ESTIMATE },
      { 2020, REX_VALUE_STATUS_PRELIMINARY }, { 2019, REX_VALUE_STATUS_FINAL }, { 2018, REX_VALUE_STATUS_FINAL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      g_assert_cmpint (rex_series_get_datum (series, statuses[i].year)->status, ==, statuses[i].status);
  }
}

/* Months, quarters and halves are not years: a clear error at the
 * header's cell, where they became metrics named 6月 or Q4 and their
 * figures a year's. */
static void
test_part_of_year_columns (void)
{
  static const char * const headers[] = {
    "2024年6月", "2024年06月份", "2024年1-6月", "2024年1—6月", "2024年第四季度", "2024年一季度",
    "2024Q4", "2024 Q1", "2024年上半年", "2024H2", "２０２４年６月", "2024年6月末", "2024-06", "2024.06",
    "2024/6", "2024M06", "2024-06-30", "2024-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *text = g_strdup_printf ("指标：地区生产总值(亿元)\n地区,%s\n北京市,1\n", headers[i]);
      g_autofree char *message = g_strdup_printf ("part.csv:2:4: column \"%s\" holds the figures of part "
                                                  "of a year", headers[i]);
      g_autoptr(RexTableImport) import = import_text (text, "part.csv", NULL);

      g_assert_true (has_problem (rex_table_import_get_errors (import), message));
      g_assert_null (rex_table_import_get_dataset (import));
    }
  /* A year and its end, or its statistics, are still years. */
  {
    g_autoptr(RexTableImport) import = import_text ("地区,2024年末,2023-12,2022年度,2021年1-12月,2020-12-31,"
                                                    "2019-01-01,2018/01/01\n"
                                                    "北京市,7,6,5,4,3,2,1\n", "end.csv", NULL);

    assert_no_errors (import);
    g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-BJ", "end", 2021), ==, 4);
    /* A year's first day names it, as annual series written as dates do. */
    g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-BJ", "end", 2018), ==, 1);
  }
  /* A title of half a year dates nothing: an error, not annual figures. */
  {
    g_autoptr(RexTableImport) import = import_text ("2024年上半年各地区地区生产总值\n单位：亿元\n"
                                                    "地区,地区生产总值\n北京市,1\n", "half.csv", NULL);

    g_assert_true (has_problem (rex_table_import_get_errors (import),
                                "half.csv: the title line gives the figures of part of a year"));
    g_assert_cmpuint (rex_table_import_get_errors (import)->len, ==, 1);
  }
}

/* A yearbook's cross-section gives its year in the title line only: its
 * figures are of that year (they were undated, and charted for any year),
 * and the import says so; a yearbook's own year (published the year
 * after) dates nothing. */
static void
test_title_year (void)
{
  const char *text =
    "2-15 各地区地区生产总值(2024年)\n"
    "单位：亿元\n"
    "地  区,地区生产总值,第一产业增加值\n"
    "北  京,49843.1,111.6\n"
    "天  津,18024.3,268.0\n";
  g_autoptr(RexTableImport) import = import_text (text, "yb.csv", NULL);
  g_autoptr(RexTableImport) yearbook = NULL;
  RexDataset *dataset;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, 49843.1);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "va_primary", 2024), ==, 268.0);
  g_assert_true (isnan (value_of (dataset, "CN-BJ", "gdp", 2019)));
  g_assert_true (has_problem (rex_table_import_get_warnings (import),
                              "yb.csv: the figures are taken to be of 2024, the year the title line gives"));

  /* In full-width digits too. */
  {
    g_autoptr(RexTableImport) wide = import_text ("各地区地区生产总值(２０２４年)\n地区,地区生产总值\n北京,1\n",
                                                  "wide.csv", NULL);

    assert_no_errors (wide);
    g_assert_cmpfloat (value_of (rex_table_import_get_dataset (wide), "CN-BJ", "gdp", 2024), ==, 1);
  }

  yearbook = import_text ("中国统计年鉴2025\n地区,土地面积(万平方公里)\n新疆,166.49\n", "area.csv", NULL);
  assert_no_errors (yearbook);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (yearbook), "CN-XJ",
                               rex_table_import_get_metric_id (yearbook, 0), 2019), ==, 166.49);
}

/* The statistics database's other names of the bundled metrics give the
 * bundled ids, so that a table merges into the bundled data instead of
 * beside it. */
static void
test_known_metric_names (void)
{
  static const struct { const char *name; const char *id; } names[] = {
    { "生产总值", "gdp" }, { "第一产业增加值", "va_primary" }, { "第二产业增加值", "va_secondary" },
    { "第三产业增加值", "va_tertiary" }, { "乡村人口", "rural_population" },
    { "年末城镇人口", "urban_population" }, { "户籍人口城镇化率", "hukou_urbanization" },
    { "全体居民人均可支配收入", "income_all" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("指标：%s\n地区,2024年\n北京市,1\n", names[i].name);
      g_autoptr(RexTableImport) import = import_text (text, "named.csv", NULL);

      assert_no_errors (import);
      g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, names[i].id);
    }
}

/* Three provinces of 1e308 add up to more than a double holds: their
 * group gets no figure, where it got "inf", which the saved dataset then
 * held and no command could read again. */
static void
test_derived_beyond_double (void)
{
  const char *text =
    "指标：X(亿元)\n"
    "地区,2024年\n"
    "北京市,1e308\n"
    "天津市,1e308\n"
    "河北省,1e308\n";
  g_autoptr(RexTableImport) import = import_text (text, "huge.csv", NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(RexDataset) again = NULL;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-HE", "x", 2024), ==, 1e308);
  g_assert_true (isnan (value_of (dataset, "jjj", "x", 2024)));
  saved = rex_dataset_save_to_bytes (dataset);
  g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "inf"));
  again = rex_dataset_new_from_bytes (saved, "huge.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (value_of (again, "CN-BJ", "x", 2024), ==, 1e308);
}

/* Smaller faults of real tables: a file cut short (a row with fewer cells
 * than the header, warned about at its last cell), an unclosed quote
 * (at the quote's own column, counted from 1), a World Bank table's
 * "Data Source" line (its source, without a warning that it names none),
 * yearbooks' "其中：" before a part and the short name 内蒙. */
static void
test_cut_short_and_other_faults (void)
{
  g_autoptr(RexTableImport) cut = import_text ("地区,2024年,2023年\n北京市,49843.1,43760.7\n天津市,180",
                                               "cut.csv", NULL);
  g_autoptr(RexTableImport) quote = import_text ("地区,2024年\n北京市,\"1\n天津市,2\n", "quote.csv", NULL);
  g_autoptr(RexTableImport) wdi = import_text ("\"Data Source\",\"World Development Indicators\",\n\n"
                                               "\"Country Name\",\"Country Code\",\"2023\"\n"
                                               "\"China\",\"CHN\",\"12.6\"\n", "wdi.csv", NULL);
  g_autoptr(RexTableImport) parts = import_text ("地区,2024年\n其中：长江经济带,1\n内蒙,2\n", "parts.csv", NULL);
  RexSource *source;

  assert_no_errors (cut);
  g_assert_true (has_problem (rex_table_import_get_warnings (cut),
                              "cut.csv:3:5: the row has 2 cells, the header 3; the cells it lacks are read as no data"));
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (cut), "CN-TJ", "cut", 2024), ==, 180);

  g_assert_true (has_problem (rex_table_import_get_errors (quote),
                              "quote.csv:2:5: a quoted cell starting here is never closed"));

  assert_no_errors (wdi);
  g_assert_false (has_problem (rex_table_import_get_warnings (wdi), "wdi.csv: the table does not say"));
  source = rex_dataset_lookup_source (rex_table_import_get_dataset (wdi), "table-wdi");
  g_assert_nonnull (source);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "World Development Indicators");

  assert_no_errors (parts);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (parts), "yreb", "parts", 2024), ==, 1);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (parts), "CN-NM", "parts", 2024), ==, 2);
}

/* A table that gives no unit but writes every value with a per cent sign
 * (a workbook's percentage format: 0.878 shown as 87.8%) is in %, and not
 * warned about as giving none; one value without the sign leaves it
 * unitless. */
static void
test_unit_from_percent_signs (void)
{
  g_autoptr(RexTableImport) signed_ = import_text ("指标：城镇化率\n地区,2024年\n北京市,87.8%\n上海市,89.3％\n",
                                                   "urban.csv", NULL);
  g_autoptr(RexTableImport) mixed = import_text ("指标：城镇化率\n地区,2024年\n北京市,87.8%\n上海市,89.3\n",
                                                 "mixed.csv", NULL);

  assert_no_errors (signed_);
  g_assert_cmpstr (rex_table_import_get_unit (signed_, 0), ==, "%");
  g_assert_false (has_problem (rex_table_import_get_warnings (signed_), "urban.csv: the table does not give the unit"));
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (signed_), "CN-SH", "urbanization", 2024), ==, 89.3);

  assert_no_errors (mixed);
  g_assert_null (rex_table_import_get_unit (mixed, 0));
  g_assert_true (has_problem (rex_table_import_get_warnings (mixed), "mixed.csv: the table does not give the unit"));
}

static void
test_quotes_and_numbers (void)
{
  const char *text =
    "\"地区\",\"2024\"\r\n"
    "\"北京\r\n市\",1\r\n"
    "\"天津\",\"1,234,567.5\"\r\n"
    "上海,-1.5e3\r\n"
    "重庆,85%\r\n"
    "四川,\"=cmd|' /C calc'!A0\"\r\n"
    "贵州,1,23\r\n"
    "云南,abc\r\n"
    "西藏,0x10\r\n";
  g_autoptr(RexTableImport) import = import_text (text, "q.csv", NULL);
  GPtrArray *errors = rex_table_import_get_errors (import);

  /* A line break inside quotes moves the lines below; "北京\r\n市" is
   * Beijing still (spaces and breaks in names are ignored). */
  g_assert_false (has_problem (errors, "q.csv:2:1:"));
  g_assert_true (has_problem (errors, "q.csv:7:4: expected a number, got \"=cmd|' /C calc'!A0\", which looks "
                                       "like a spreadsheet formula"));
  g_assert_true (has_problem (errors, "q.csv:8:6: the row has 3 cells, the header 2"));
  g_assert_true (has_problem (errors, "q.csv:9:4: expected a number, got \"abc\""));
  g_assert_true (has_problem (errors, "q.csv:10:4: expected a number, got \"0x10\""));
  g_assert_cmpuint (errors->len, ==, 4);
  g_assert_cmpstr (((RexTableRegion *) rex_table_import_get_regions (import)->pdata[0])->region_id, ==, "CN-BJ");
  g_clear_object (&import);

  text = "地区,2024\n天津,\"1,234,567.5\"\n上海,-1.5e3\n重庆,85%\n四川,\"a \"\"quoted\"\" note\"\n";
  import = import_text (text, "q.csv", NULL);
  g_assert_true (has_problem (rex_table_import_get_errors (import),
                              "q.csv:5:4: expected a number, got \"a \"quoted\" note\""));
  g_clear_object (&import);

  /* A cell after a name broken over two lines is on the second. */
  text = "地区,2024\n\"北京\n市\",abc\n";
  import = import_text (text, "q.csv", NULL);
  g_assert_true (has_problem (rex_table_import_get_errors (import), "q.csv:3:4: expected a number, got \"abc\""));
  g_clear_object (&import);

  /* Thousands separators in a long number too (yuan in the hundred billions). */
  text = "地区,2024\n天津,\"1,234,567.5\"\n上海,-1.5e3\n重庆,85%\n北京,\"123,456,789,012.25\"\n";
  import = import_text (text, "q.csv", NULL);
  assert_no_errors (import);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-TJ", "q", 2024), ==, 1234567.5);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-BJ", "q", 2024), ==, 123456789012.25);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-SH", "q", 2024), ==, -1500);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-CQ", "q", 2024), ==, 85);
}

static void
test_metric_from_options_and_name (void)
{
  const char *text = "地区,2024\n广东,1\n";
  g_autoptr(RexTableImport) import = import_text (text, "Rural Roads (km).csv", NULL);
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  RexMetric *metric;

  assert_no_errors (import);
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, "rural_roads_km");
  g_clear_object (&import);

  /* A table that names no metric, given a bundled metric's id: the metric
   * takes that metric's names, not the file's. */
  {
    g_autoptr(RexTableImportOptions) by_id = rex_table_import_options_new ();

    by_id->metric.id = g_strdup ("gdp");
    import = import_text (text, "yrows.csv", by_id);
    assert_no_errors (import);
    metric = rex_dataset_lookup_metric (rex_table_import_get_dataset (import), "gdp");
    g_assert_cmpstr (rex_metric_get_name (metric), ==, "GDP");
    g_assert_cmpstr (rex_metric_get_name_zh (metric), ==, "地区生产总值");
    g_clear_object (&import);
  }

  options->metric.id = g_strdup ("roads");
  options->metric.name = g_strdup ("农村公路");
  options->metric.unit = g_strdup ("公里");
  options->metric.percent = 0;
  options->publisher = g_strdup ("Ministry of Transport");
  import = import_text (text, "x.csv", options);
  assert_no_errors (import);
  metric = rex_dataset_lookup_metric (rex_table_import_get_dataset (import), "roads");
  g_assert_nonnull (metric);
  g_assert_cmpstr (rex_metric_get_name_zh (metric), ==, "农村公路");
  g_assert_cmpstr (rex_metric_get_unit (metric), ==, "公里");
  g_assert_cmpint (rex_metric_get_combine (metric), ==, REX_COMBINE_SUM);
  g_assert_cmpstr (rex_table_import_get_publisher (import), ==, NULL);
  g_assert_cmpuint (rex_table_import_get_warnings (import)->len, ==, 0);
  g_clear_object (&import);

  /* Said to be percentages, the same kilometres are never summed. */
  options->metric.percent = 1;
  import = import_text (text, "x.csv", options);
  assert_no_errors (import);
  metric = rex_dataset_lookup_metric (rex_table_import_get_dataset (import), "roads");
  g_assert_cmpint (rex_metric_get_combine (metric), ==, REX_COMBINE_NONE);
  g_clear_object (&import);
  options->metric.percent = 0;

  /* A weight the table lacks: said, and left out of a save, which must load. */
  options->metric.combine = REX_COMBINE_MEAN;
  options->metric.weight_id = g_strdup ("population");
  import = import_text (text, "x.csv", options);
  assert_no_errors (import);
  g_assert_true (has_problem (rex_table_import_get_warnings (import),
                              "x.csv: roads is a mean weighted by population, which the table does not hold"));
  {
    g_autoptr(GBytes) saved = rex_dataset_save_to_bytes (rex_table_import_get_dataset (import));
    g_autoptr(GError) error = NULL;
    g_autoptr(RexDataset) reopened = rex_dataset_new_from_bytes (saved, "x.json", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rex_metric_get_combine (rex_dataset_lookup_metric (reopened, "roads")), ==, REX_COMBINE_NONE);
  }
}

/* Every province, the national figure given or not. */
static char *
all_provinces_table (gboolean with_nation)
{
  GString *text = g_string_new ("指标：地区生产总值(亿元)\n地区,2024年,2023年\n");
  double total = 0;

  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);

      if (e->kind != REX_REGION_KIND_PROVINCE || e->parent == NULL)
        continue;
      g_string_append_printf (text, "%s,%u,%u\n", e->full_name_zh, 1000 + i, 900 + i);
      total += 1000 + i;
    }
  if (with_nation)
    g_string_append (text, "全国,123456,\n");
  return g_string_free (text, FALSE);
}

static void
test_derived_and_published (void)
{
  g_autofree char *text = all_provinces_table (FALSE);
  g_autofree char *with_nation = all_provinces_table (TRUE);
  g_autoptr(RexTableImport) import = import_text (text, "gdp.csv", NULL);
  RexDataset *dataset;
  RexSeries *series;
  double sum = 0, east = 0;
  guint tiers = 0;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);

      if (e->kind != REX_REGION_KIND_PROVINCE || e->parent == NULL)
        continue;
      sum += 1000 + i;
      if (g_str_equal (e->parent, "east"))
        east += 1000 + i;
    }
  g_assert_cmpfloat (value_of (dataset, "CN", "gdp", 2024), ==, sum);
  g_assert_cmpfloat (value_of (dataset, "east", "gdp", 2024), ==, east);
  series = rex_region_get_series (rex_dataset_lookup_region (dataset, "CN"), "gdp");
  g_assert_cmpint (rex_series_get_datum (series, 2024)->status, ==, REX_VALUE_STATUS_DERIVED);
  g_assert_cmpstr (rex_series_get_note (series, 2024), ==, "sum of 31 provinces");
  series = rex_region_get_series (rex_dataset_lookup_region (dataset, "east"), "gdp");
  g_assert_cmpstr (rex_series_get_note (series, 2023), ==, "sum of 10 provinces");
  /* Not all of the Greater Bay Area is in the table: Hong Kong, Macao. */
  g_assert_true (isnan (value_of (dataset, "gba", "gdp", 2024)));
  /* The groups added from the registry are as it describes them, a city
   * cluster's tier included (a saved dataset writes it). */
  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);
      RexRegion *group = rex_dataset_lookup_region (dataset, e->id);

      if (e->kind == REX_REGION_KIND_PROVINCE)
        continue;
      g_assert_nonnull (group);
      g_assert_cmpstr (rex_region_get_name_zh (group), ==, e->name_zh);
      g_assert_cmpint (rex_region_get_kind (group), ==, e->kind);
      g_assert_cmpuint (rex_region_get_tier (group), ==, e->tier);
      tiers += e->tier > 0;
    }
  g_assert_cmpuint (tiers, >, 0);
  g_clear_object (&import);

  /* A published national figure wins; 2023 has none, so it is derived. */
  import = import_text (with_nation, "gdp.csv", NULL);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  series = rex_region_get_series (rex_dataset_lookup_region (dataset, "CN"), "gdp");
  g_assert_cmpfloat (value_of (dataset, "CN", "gdp", 2024), ==, 123456);
  g_assert_cmpint (rex_series_get_datum (series, 2024)->status, ==, REX_VALUE_STATUS_FINAL);
  g_assert_null (rex_series_get_note (series, 2024));
  g_assert_cmpint (rex_series_get_datum (series, 2023)->status, ==, REX_VALUE_STATUS_DERIVED);
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (nbs_export, strlen (nbs_export));
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (rex_table_import_new (bytes, "gdp.csv", NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RexTableImport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rex_table_import_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_file_and_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rex-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gdp.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexTableProgress) progress = rex_table_progress_new ();
  RexTableImport *import = NULL;
  RexTableProgressUnit unit;
  guint64 done = 1, total = 1;

  g_assert_true (g_file_set_contents (path, nbs_export, -1, NULL));

  /* Opening a table as a dataset imports it with the defaults. */
  dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_nonnull (rex_dataset_lookup_metric (dataset, "gdp"));

  /* Nothing read before the run; every row of the table after it. */
  rex_table_progress_get (progress, &unit, &done, &total);
  g_assert_cmpuint (done, ==, 0);
  g_assert_cmpuint (total, ==, 0);
  rex_table_import_file_async (file, NULL, progress, NULL, on_imported, &import);
  while (import == NULL)
    g_main_context_iteration (NULL, TRUE);
  check_nbs_export (import);
  rex_table_progress_get (progress, &unit, &done, &total);
  g_assert_cmpint (unit, ==, REX_TABLE_PROGRESS_ROWS);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (done, ==, total);
  g_assert_finalize_object (import);

  /* A table that does not import fails to open, with every problem. */
  g_clear_object (&dataset);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (g_file_set_contents (path, "地区,2024\n广冬,1\n", -1, NULL));
  dataset = rex_dataset_new_from_file (file, NULL, &problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "gdp.csv:2:1: unknown region \"广冬\""));
  g_assert_cmpuint (problems->len, >=, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* Hostile tables */

static void
test_hostile_bytes (void)
{
  g_autoptr(GError) nul = import_error ("地区,2024\n北京,1\0,2\n", sizeof "地区,2024\n北京,1\0,2\n" - 1, "nul.csv");
  g_autoptr(GError) invalid = import_error ("地区,2024\n北京,\x80\xff\n", strlen ("地区,2024\n北京,\x80\xff\n"), "bad.csv");
  g_autoptr(GError) utf16 = import_error ("\xff\xfe" "a\0", 4, "u16.csv");

  g_assert_error (nul, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX);
  g_assert_cmpstr (nul->message, ==, "nul.csv:2:5: a NUL byte: this is not a text table "
                                     "(save it as CSV in UTF-8 or GB18030)");
  g_assert_error (invalid, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (invalid->message, "bad.csv:2:4: byte 0x80 is valid neither in UTF-8 nor in GB18030"));
  g_assert_nonnull (strstr (utf16->message, "UTF-16"));
}

static void
test_hostile_sizes (void)
{
  gsize n;
  g_autofree char *wide = NULL;
  g_autofree char *cell = NULL;
  g_autoptr(GError) error = NULL;

  /* A million columns. */
  n = 1000000;
  wide = g_malloc (n + 16);
  memset (wide, ',', n);
  memcpy (wide + n, "\n", 2);
  error = import_error (wide, n + 1, "wide.csv");
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "wide.csv:1: more than 10000 columns; that is the limit");
  g_clear_error (&error);

  /* A cell of 10 MB, quoted or not. */
  n = 10 * 1024 * 1024;
  cell = g_malloc (n + 32);
  memcpy (cell, "地区,2024\n北京,\"", strlen ("地区,2024\n北京,\""));
  memset (cell + strlen ("地区,2024\n北京,\""), '9', n);
  error = import_error (cell, strlen ("地区,2024\n北京,\"") + n, "cell.csv");
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "cell.csv:2: a cell of "));
  g_assert_nonnull (strstr (error->message, "the limit is 65536 bytes"));
  g_clear_error (&error);

  /* Rows of 2000 cells: the cell limit comes before the row limit. */
  {
    GString *rows = g_string_new (NULL);

    for (guint r = 0; r < 5001; r++)
      {
        for (guint c = 0; c < 1999; c++)
          g_string_append (rows, "1,");
        g_string_append (rows, "1\n");
      }
    error = import_error (rows->str, rows->len, "cells.csv");
    g_string_free (rows, TRUE);
  }
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "cells.csv:5001: more than 10000000 cells in the table; that is the limit");
}

static void
test_hostile_large_file (void)
{
  /* 200 MB of two-cell rows: stops at the row limit, long before the end,
   * in bounded memory. */
  gsize n = 200 * 1000 * 1000;
  g_autofree char *data = g_malloc (n);
  static const char row[] = "北京,1\n";
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i + sizeof row - 1 <= n; i += sizeof row - 1)
    memcpy (data + i, row, sizeof row - 1);
  memset (data + n - (n % (sizeof row - 1)), '\n', n % (sizeof row - 1));
  error = import_error (data, n, "big.csv");
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 1000000 rows; that is the limit"));
}

static void
test_hostile_over_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rex-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FILE *f = g_fopen (path, "w");

  /* A sparse file over the limit is refused before it is read. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 300 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('\n', f);
  fclose (f);
  g_assert_null (rex_table_import_new_from_file (file, NULL, NULL, &error));
  g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "the limit is 256 MiB"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_hostile_ragged_and_empty (void)
{
  static const char * const tables[] = {
    "", "\n\n\n", ",,,\n,,,\n", "\"", "\"\"\"", "地区", "地区,2024年\n", "a\rb\rc",
    "地区,2024,2024\n北京,1,2\n", "地区,2024\n北京\n天津,1,2,3,4,5\n", "年份,北京\n2024,1\n2024,2\n",
    "region,year,value\nBeijing,9999,1\n", "地区,1799年\n北京,1\n", "数据来源：\n注：\n",
    "地区,2024\n北京,1e999\n", "地区,2024\n北京,NaN\n", "地区,2024\n北京,inf\n",
    "\xEF\xBB\xBF", "\xEF\xBB\xBF地区,2024\r\n北京,1\r", NULL
  };

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (tables[i], strlen (tables[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(RexTableImport) import = rex_table_import_new (bytes, "t.csv", NULL, NULL, &error);

      /* Either a result, or an error; a result with no dataset says why. */
      g_assert_true ((import != NULL) != (error != NULL));
      if (import != NULL && rex_table_import_get_dataset (import) == NULL)
        g_assert_cmpuint (rex_table_import_get_errors (import)->len, >, 0);
    }
}

static void
test_hostile_random (void)
{
  GRand *rand = g_rand_new_with_seed (14);
  static const char alphabet[] = ",\t\n\r\"2024年北京天津—…%=.-e ";

  /* Deterministic noise made of the characters that matter. */
  for (guint round = 0; round < 300; round++)
    {
      guint length = g_rand_int_range (rand, 0, 400);
      g_autofree char *data = g_malloc (length + 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RexTableImport) import = NULL;

      for (guint i = 0; i < length; i++)
        data[i] = round % 3 == 0 ? (char) g_rand_int_range (rand, 1, 256)
                                 : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      bytes = g_bytes_new (data, length);
      import = rex_table_import_new (bytes, "noise.csv", NULL, NULL, &error);
      g_assert_true ((import != NULL) != (error != NULL));
    }
  g_rand_free (rand);
}

/* Every "no data" marker docs/importing.md lists is no value and no error,
 * and an English meta line read after a bare ASCII colon keeps its first
 * letter ("Unit:yuan"). */
static void
test_missing_markers_and_meta (void)
{
  static const char * const markers[] = { "—", "–", "-", "…", "...", "NA", "N/A", "null", "无", "x", "*" };
  g_autoptr(GString) text = g_string_new ("Unit:yuan\nRegion,2023,2024\n");
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(RexMetric) metric = NULL;
  RexDataset *dataset;
  guint row = 0;

  for (guint i = 0; i < rex_region_registry_get_n_entries () && row < G_N_ELEMENTS (markers); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);

      if (e->kind == REX_REGION_KIND_PROVINCE)
        g_string_append_printf (text, "%s,%s,%u\n", e->id, markers[row], row + 1), row++;
    }
  import = import_text (text->str, "output.csv", NULL);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  metric = g_list_model_get_item (rex_dataset_get_metrics (dataset), 0);
  g_assert_cmpstr (rex_metric_get_unit (metric), ==, "yuan");
  row = 0;
  for (guint i = 0; i < rex_region_registry_get_n_entries () && row < G_N_ELEMENTS (markers); i++)
    {
      const RexRegistryEntry *e = rex_region_registry_get_entry (i);

      if (e->kind != REX_REGION_KIND_PROVINCE)
        continue;
      if (!isnan (value_of (dataset, e->id, rex_metric_get_id (metric), 2023)))
        g_error ("\"%s\" was read as a value", markers[row]);
      g_assert_cmpfloat (value_of (dataset, e->id, rex_metric_get_id (metric), 2024), ==, row + 1);
      row++;
    }
}

/* An export in English: "Indicator:" names the metric, "Time:" is only
 * the period shown and names nothing. Without a "Database:" line the
 * source's title is the metric line alone. */
static void
test_english_meta_lines (void)
{
  const char *text =
    "Indicator: Gross Regional Product(100 million yuan)\n"
    "Time: Last 3 years\n"
    "Region,2024,2023\n"
    "Beijing,49843.1,43760.7\n"
    "Source: National Bureau of Statistics\n";
  g_autoptr(RexTableImport) import = import_text (text, "grp.csv", NULL);
  RexDataset *dataset = NULL;
  RexMetric *metric;
  RexSource *source;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 1);
  metric = rex_dataset_lookup_metric (dataset, rex_table_import_get_metric_id (import, 0));
  g_assert_nonnull (metric);
  g_assert_cmpstr (rex_metric_get_name (metric), ==, "Gross Regional Product");
  g_assert_cmpstr (rex_metric_get_unit (metric), ==, "100 million yuan");
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", rex_metric_get_id (metric), 2023), ==, 43760.7);
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-BJ"),
                                         rex_metric_get_id (metric), 2024);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "National Bureau of Statistics");
  g_assert_cmpstr (rex_source_get_title (source), ==, "Gross Regional Product(100 million yuan)");
}

/* Notes as '#' lines above the header, the way R and pandas read them
 * (comment = "#"): the shape of the bundled facts' GDP table. A source
 * line that breaks off mid-sentence goes on in the next comment. */
static void
test_comment_lines (void)
{
  const char *text =
    "# GDP 2024 by province, unit 100 million yuan (亿元), real growth % where given.\n"
    "# Source: a compilation citing the provincial\n"
    "# statistics bureaus' 2024 releases; Guangdong 141633.81 is confirmed by People's Daily\n"
    "# (2025-02-10). Liaoning: no source found (left empty).\n"
    "region,gdp_2024,growth_pct\n"
    "Beijing,49843.1,\n"
    "# a note between rows, with \"an unclosed quote\n"
    "Guangdong,141633.81,3.5\n"
    "Liaoning,,\n"
    "InnerMongolia,2,abc\n";
  g_autoptr(RexTableImport) import = import_text (text, "gdp.csv", NULL);
  GPtrArray *errors = rex_table_import_get_errors (import);
  RexDataset *dataset;
  RexMetric *growth;
  RexSource *source;

  /* Line numbers count the comments: the bad cell is on line 10. */
  g_assert_true (has_problem (errors, "gdp.csv:10:17: expected a number, got \"abc\""));
  g_assert_cmpuint (errors->len, ==, 1);
  g_clear_object (&import);

  import = import_text ("# Year-end resident population by province, unit 10,000 persons (万人). Source: \"NBS\"\n"
                        "region,2024,2023\n"
                        "Beijing,2183,2186\n", "population.csv", NULL);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 1);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", rex_table_import_get_metric_id (import, 0), 2023), ==, 2186);
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-BJ"),
                                         rex_table_import_get_metric_id (import, 0), 2024);
  g_assert_cmpstr (rex_source_get_note (source), ==, "Year-end resident population by province, unit 10,000 "
                                                     "persons (万人). Source: \"NBS\"");
  g_clear_object (&import);

  /* Without the bad cell: gdp_2024 is GDP in 2024, growth_pct a percentage. */
  {
    g_autofree char *fixed = g_strndup (text, strstr (text, "InnerMongolia") - text);

    import = import_text (fixed, "gdp.csv", NULL);
  }
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.81);
  g_assert_true (isnan (value_of (dataset, "CN-GD", "gdp", 2023)));
  growth = rex_dataset_lookup_metric (dataset, "growth");
  g_assert_nonnull (growth);
  g_assert_cmpstr (rex_metric_get_unit (growth), ==, "%");
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "growth", 2030), ==, 3.5);
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-GD"), "gdp", 2024);
  g_assert_cmpstr (rex_source_get_publisher (source), ==,
                   "a compilation citing the provincial statistics bureaus' 2024 releases; Guangdong "
                   "141633.81 is confirmed by People's Daily (2025-02-10). Liaoning: no source found (left empty).");
  g_assert_cmpstr (rex_source_get_note (source), ==,
                   "GDP 2024 by province, unit 100 million yuan (亿元), real growth % where given. "
                   "a note between rows, with \"an unclosed quote");
}

/* What is not a comment, and where a source line stops. */
static void
test_comment_edges (void)
{
  g_autoptr(RexTableImport) import = NULL;
  RexDataset *dataset;
  RexSource *source;

  /* "#" alone heads a column of row numbers. */
  import = import_text ("#,地区,2024\n1,北京,49843.1\n2,天津,18024.3\n", "numbered.csv", NULL);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", rex_table_import_get_metric_id (import, 0), 2024), ==, 18024.3);
  g_clear_object (&import);

  /* A sentence that starts with a capital is a note of its own; keys in
   * comments are read as in header lines. */
  import = import_text ("# Source: National Bureau of Statistics\n"
                        "# Data for 2024 are preliminary.\n"
                        "#\n"
                        "## 单位：亿元\n"
                        "地区,2024\n北京,49843.1\n", "nbs.csv", NULL);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "亿元");
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-BJ"),
                                         rex_table_import_get_metric_id (import, 0), 2024);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "National Bureau of Statistics");
  g_assert_cmpstr (rex_source_get_note (source), ==, "Data for 2024 are preliminary.");

  /* Comment lines count towards the limit on rows. */
  {
    gsize n = (REX_TABLE_MAX_ROWS + 1) * 2;
    g_autofree char *data = g_malloc (n);
    g_autoptr(GError) error = NULL;

    for (gsize i = 0; i < n; i += 2)
      memcpy (data + i, "#\n", 2);
    error = import_error (data, n, "notes.csv");
    g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, "notes.csv:1000001: more than 1000000 rows; that is the limit");
  }
}

/* A metric per column whose header carries its year. */
static void
test_metric_year_columns (void)
{
  static const struct
  {
    const char *header;
    const char *id;
    int         year;   /* 0: no year in the header, an undated value */
  } headers[] = {
    { "gdp_2024", "gdp", 2024 },
    { "GDP 2024", "gdp", 2024 },
    { "常住人口(2024)", "population", 2024 },
    { "Population（2024年末）", "population", 2024 },
    { "2024年地区生产总值(亿元)", "gdp", 2024 },
    { "gdp2024_real", "gdp_real", 2024 },
    { "income_2023 (yuan)", "income", 2023 },
    { "2020-2024 growth", "2020-2024_growth", 0 },
    { "PM2.5", "pm2_5", 0 },
    { "pop_1.2024", "pop_1_2024", 0 },
    { "area (10000 km2)", "area", 0 },
    { "code_1799", "code_1799", 0 },
  };
  g_autoptr(RexTableImport) import = NULL;
  GPtrArray *errors;
  RexDataset *dataset;
  RexMetric *gdp;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *text = g_strdup_printf ("region,%s\nBeijing,7\n", headers[i].header);
      g_autoptr(RexTableImport) one = import_text (text, "one.csv", NULL);

      g_test_message ("%s", headers[i].header);
      assert_no_errors (one);
      dataset = rex_table_import_get_dataset (one);
      g_assert_cmpstr (rex_table_import_get_metric_id (one, 0), ==, headers[i].id);
      if (headers[i].year > 0)
        {
          g_assert_cmpfloat (value_of (dataset, "CN-BJ", headers[i].id, headers[i].year), ==, 7);
          g_assert_true (isnan (value_of (dataset, "CN-BJ", headers[i].id, headers[i].year - 1)));
        }
      else
        {
          g_assert_cmpfloat (value_of (dataset, "CN-BJ", headers[i].id, 2000), ==, 7);
          g_assert_cmpfloat (value_of (dataset, "CN-BJ", headers[i].id, 2030), ==, 7);
        }
    }

  /* Two years of one metric, beside an undated one; the statistics
   * database's name gives the bundled data's id. */
  import = import_text ("地区,2023年地区生产总值(亿元),2024年地区生产总值(亿元),土地面积(万平方公里)\n"
                        "广东,135673.2,141633.8,17.97\n", "gd.csv", NULL);
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpuint (g_list_model_get_n_items (rex_dataset_get_metrics (dataset)), ==, 2);
  gdp = rex_dataset_lookup_metric (dataset, "gdp");
  g_assert_nonnull (gdp);
  g_assert_cmpstr (rex_metric_get_unit (gdp), ==, "亿元");
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2023), ==, 135673.2);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
  g_clear_object (&import);

  /* The same metric and year twice. */
  import = import_text ("region,gdp_2024,gdp 2024,gdp (2024)\nBeijing,1,2,3\n", "twice.csv", NULL);
  errors = rex_table_import_get_errors (import);
  g_assert_true (has_problem (errors, "twice.csv:1:17: the column gives gdp for 2024 again"));
  g_assert_true (has_problem (errors, "twice.csv:1:26: the column gives gdp for 2024 again"));
  g_assert_cmpuint (errors->len, ==, 2);
}

/* What is said of each metric of a table of several, by the name the
 * table gives it; what is said of "the" metric applies to none of them. */
static void
test_options_per_metric (void)
{
  const char *text = "地区,土地面积(万平方公里),2024年常住人口,目标\n新疆,166.49,2623,75\n";
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  g_autoptr(RexTableImportOptions) copy = NULL;
  g_autoptr(RexTableImport) import = NULL;
  RexTableMetricOptions *target;
  GPtrArray *warnings;
  RexDataset *dataset;

  import = import_text (text, "xj.csv", options);
  assert_no_errors (import);
  g_assert_cmpuint (rex_table_import_get_n_metrics (import), ==, 3);
  g_assert_cmpstr (rex_table_import_get_metric_label (import, 0), ==, "土地面积(万平方公里)");
  g_assert_cmpstr (rex_table_import_get_metric_label (import, 1), ==, "常住人口");
  g_assert_cmpstr (rex_table_import_get_metric_label (import, 2), ==, "目标");
  g_assert_null (rex_table_import_get_metric_label (import, 3));
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 1), ==, "population");
  g_assert_null (rex_table_import_get_unit (import, 2));
  g_clear_object (&import);

  rex_table_import_options_get_metric (options, "常住人口")->unit = g_strdup ("万人");
  target = rex_table_import_options_get_metric (options, "目标");
  target->id = g_strdup ("target_2035");
  target->unit = g_strdup ("%");
  rex_table_import_options_get_metric (options, "人口")->unit = g_strdup ("人");
  /* A metric named by the id the table gives it, as --list-metrics shows. */
  rex_table_import_options_get_metric (options, "xj")->name = g_strdup ("Land area");
  options->metric.unit = g_strdup ("亿元");
  g_assert_true (rex_table_import_options_get_metric (options, NULL) == &options->metric);
  copy = rex_table_import_options_copy (options);
  rex_table_import_options_free (g_steal_pointer (&options));

  import = import_text (text, "xj.csv", copy);
  assert_no_errors (import);
  warnings = rex_table_import_get_warnings (import);
  g_assert_true (has_problem (warnings, "xj.csv: the table has 3 metrics; the metric id, name and unit given apply "
                                        "to a table of one metric and were not used"));
  g_assert_true (has_problem (warnings, "xj.csv: the table has no metric named “人口”"));
  g_assert_false (has_problem (warnings, "xj.csv: the table has no metric named “常住人口”"));
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpstr (rex_metric_get_unit (rex_dataset_lookup_metric (dataset, "population")), ==, "万人");
  g_assert_cmpfloat (value_of (dataset, "CN-XJ", "population", 2024), ==, 2623);
  g_assert_true (rex_metric_get_percent (rex_dataset_lookup_metric (dataset, "target_2035")));
  g_assert_cmpstr (rex_metric_get_unit (rex_dataset_lookup_metric (dataset, "xj")), ==, "万平方公里");
  g_assert_cmpstr (rex_metric_get_name (rex_dataset_lookup_metric (dataset, "xj")), ==, "Land area");
}

/* Yearbook tables: footnote marks after figures, names and years, and
 * figures in full-width forms, as Chinese input methods type them. */
static void
test_footnote_marks_and_wide_forms (void)
{
  const char *text =
    "地区,2024年①,2023年\n"
    "北京市①,49843.1*,４３７６０．７\n"
    "天津市(a),\"18,024.3†\",−３.１\n"
    "河北[1],47526.9 ②,85.5％\n"
    "广东省¹,141633.8(p),12e3[3]\n";
  g_autoptr(RexTableImport) import = import_text (text, "yearbook.csv", NULL);
  GPtrArray *warnings;
  RexDataset *dataset;
  const char *id;

  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  id = rex_table_import_get_metric_id (import, 0);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", id, 2024), ==, 49843.1);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", id, 2023), ==, 43760.7);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", id, 2024), ==, 18024.3);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", id, 2023), ==, -3.1);
  g_assert_cmpfloat (value_of (dataset, "CN-HE", id, 2024), ==, 47526.9);
  g_assert_cmpfloat (value_of (dataset, "CN-HE", id, 2023), ==, 85.5);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", id, 2024), ==, 141633.8);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", id, 2023), ==, 12000);
  warnings = rex_table_import_get_warnings (import);
  g_assert_true (has_problem (warnings, "yearbook.csv:2:6: 5 values have a footnote mark after them, "
                                        "as \"49843.1*\" here; the values are kept without the marks"));
  g_clear_object (&import);

  /* The longest mark goes: "**", not only its last "*". */
  import = import_text ("地区,2024年**\n北京**,1**\n", "stars.csv", NULL);
  assert_no_errors (import);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-BJ",
                               rex_table_import_get_metric_id (import, 0), 2024), ==, 1);
  g_clear_object (&import);

  /* Not marks: a unit, brackets around the whole figure, a mark between
   * digits, a mark alone. */
  import = import_text ("地区,2024\n北京,49843.1亿元\n天津,(1.5)\n河北,1*2\n山西,①\n内蒙古,1\n", "bad.csv", NULL);
  g_assert_cmpuint (rex_table_import_get_errors (import)->len, ==, 4);
  g_assert_true (has_problem (rex_table_import_get_errors (import), "bad.csv:2:4: expected a number, got \"49843.1亿元\""));
  g_assert_true (has_problem (rex_table_import_get_errors (import), "bad.csv:5:4: expected a number, got \"①\""));
}

/* A rate of change in % is not a share of a whole: it is not marked a
 * percentage (which must lie in 0–100), so the dataset saved from it
 * loads again; marked one by the options, it is an error at its cell. */
static void
test_rates_are_not_shares (void)
{
  const char *text = "指标：地区生产总值增速(%)\n地区,2024,2023\n北京,-2.5,5.2\n天津,150,4.3\n";
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  g_autoptr(RexTableImport) import = import_text (text, "growth.csv", NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(RexDataset) reopened = NULL;
  g_autoptr(GError) error = NULL;
  RexMetric *metric;

  assert_no_errors (import);
  g_assert_false (rex_table_import_get_percent (import, 0));
  metric = rex_dataset_lookup_metric (rex_table_import_get_dataset (import), rex_table_import_get_metric_id (import, 0));
  g_assert_cmpstr (rex_metric_get_unit (metric), ==, "%");
  g_assert_false (rex_metric_get_percent (metric));
  saved = rex_dataset_save_to_bytes (rex_table_import_get_dataset (import));
  reopened = rex_dataset_new_from_bytes (saved, "saved.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  g_clear_object (&import);

  /* Shares stay percentages. */
  import = import_text ("指标：城镇化率(%)\n地区,2024\n北京,87.8\n天津,85.8\n", "urban.csv", NULL);
  g_assert_true (rex_table_import_get_percent (import, 0));
  g_clear_object (&import);

  options->metric.percent = 1;
  import = import_text (text, "growth.csv", options);
  g_assert_true (has_problem (rex_table_import_get_errors (import),
                              "growth.csv:3:4: -2.5 is outside 0–100, but growth is marked as a percentage"));
  g_assert_null (rex_table_import_get_dataset (import));
}

/* The bytes of a workbook in tests/data (made by make-workbooks.sh). */
static GBytes *
read_workbook (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static RexTableImport *
import_workbook (const char                  *name,
                 const RexTableImportOptions *options)
{
  g_autoptr(GBytes) bytes = read_workbook (name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return import_bytes (data, length, name, options);
}

/* A workbook LibreOffice Calc saved, in the statistics database's layout. */
static void
test_workbook_libreoffice (void)
{
  g_autoptr(RexTableImport) import = import_workbook ("nbs-population.xlsx", NULL);
  RexDataset *dataset;
  RexSource *source;

  assert_no_errors (import);
  g_assert_cmpstr (rex_table_import_get_sheet (import), ==, "nbs-population");
  g_assert_cmpuint (rex_table_import_get_n_sheets (import), ==, 1);
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, "population");
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "万人");
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-XJ", "population", 2024), ==, 2623);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "population", 2020), ==, 12624);
  g_assert_cmpfloat (value_of (dataset, "CN-NM", "population", 2022), ==, 2401);
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-BJ"), "population", 2024);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "国家统计局");
  g_assert_cmpstr (rex_source_get_note (source), ==, "31个省份合计，不含现役军人。");
}

/* A workbook openpyxl wrote: the first sheet holding a table is read
 * (not the notes before it), cells as Excel shows them; another sheet by
 * name or number; a sheet it lacks names those it has. */
static void
test_workbook_sheets (void)
{
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  g_autoptr(RexTableImport) import = import_workbook ("gdp-growth.xlsx", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RexDataset *dataset;

  assert_no_errors (import);
  g_assert_cmpstr (rex_table_import_get_sheet (import), ==, "GDP");
  g_assert_cmpuint (rex_table_import_get_sheet_number (import), ==, 2);
  g_assert_cmpuint (rex_table_import_get_n_sheets (import), ==, 4);
  g_assert_cmpstr (rex_table_import_get_sheet_names (import)[2], ==, "人口");
  dataset = rex_table_import_get_dataset (import);
  /* "Beijing①": the mark is not part of the name. */
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, 49843.1);
  /* 5.1% held as 0.051 in a percent format: read as shown. */
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "real_growth", 2024), ==, 5.1);
  g_assert_cmpstr (rex_table_import_get_unit (import, 1), ==, "%");
  g_assert_false (rex_table_import_get_percent (import, 1));
  g_clear_object (&import);

  /* Years typed as dates shown as "yyyy". */
  options->sheet = g_strdup ("人口");
  import = import_workbook ("gdp-growth.xlsx", options);
  assert_no_errors (import);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-QH",
                               rex_table_import_get_metric_id (import, 0), 2021), ==, 594);
  g_clear_object (&import);

  g_free (options->sheet);
  options->sheet = g_strdup ("4");
  import = import_workbook ("gdp-growth.xlsx", options);
  g_assert_cmpstr (rex_table_import_get_sheet (import), ==, "Empty");
  g_assert_true (has_problem (rex_table_import_get_errors (import), "gdp-growth.xlsx: the file holds no table"));
  g_clear_object (&import);

  g_free (options->sheet);
  options->sheet = g_strdup ("GPD");
  bytes = read_workbook ("gdp-growth.xlsx");
  g_assert_null (rex_table_import_new (bytes, "gdp-growth.xlsx", options, NULL, &error));
  g_assert_cmpstr (error->message, ==, "gdp-growth.xlsx: the workbook has no sheet “GPD”; "
                                       "its sheets are “说明”, “GDP”, “人口”, “Empty”");
}

/* A problem's place in a sheet is its row and column: C6 is 6:3, in a
 * table that starts at C3. */
static void
test_workbook_positions (void)
{
  g_autoptr(RexTableImport) import = import_workbook ("typo.xlsx", NULL);
  GPtrArray *errors = rex_table_import_get_errors (import);

  g_assert_true (has_problem (errors, "typo.xlsx:6:3: unknown region \"广冬省\"; did you mean 广东省 (CN-GD)"));
  g_assert_cmpuint (errors->len, ==, 1);
}

/* A yearbook sheet as openpyxl writes it: the title, a header of two rows
 * with each metric's name in cells merged over its years, the source
 * below. */
static void
test_workbook_two_header_rows (void)
{
  g_autoptr(RexTableImport) import = import_workbook ("yearbook-two-rows.xlsx", NULL);
  RexDataset *dataset;

  assert_no_errors (import);
  g_assert_cmpuint (rex_table_import_get_n_metrics (import), ==, 2);
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, "population");
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "万人");
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 1), ==, "gdp");
  g_assert_cmpstr (rex_table_import_get_unit (import, 1), ==, "亿元");
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "population", 2023), ==, 2186);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "population", 2024), ==, 2183);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.81);
  g_assert_true (isnan (value_of (dataset, "CN-GD", "gdp", 2023)));
}

/* @data cut every 37 bytes, and with one to four bytes changed 300 times:
 * each an error or a table, never a crash or a hang. */
static void
assert_cut_and_changed (const guchar *data,
                        gsize         length,
                        const char   *name,
                        GRand        *rand)
{
  g_autofree guchar *copy = g_memdup2 (data, length);

  for (gsize cut = 0; cut < length; cut += 37)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(RexTableImport) import = rex_table_import_new (part, name, NULL, NULL, &error);

      g_assert_true ((import != NULL) != (error != NULL));
    }
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RexTableImport) import = NULL;

      memcpy (copy, data, length);
      for (guint k = 0; k < 1 + round % 4; k++)
        copy[g_rand_int_range (rand, 0, length)] = g_rand_int_range (rand, 0, 256);
      changed = g_bytes_new (copy, length);
      import = rex_table_import_new (changed, name, NULL, NULL, &error);
      g_assert_true ((import != NULL) != (error != NULL));
    }
}

/* Damaged, encrypted, oversized and foreign files end in an error that
 * says what to do; every cut and many changed bytes end in an error or a
 * table, never a crash or a hang. */
static void
test_workbook_hostile (void)
{
  g_autoptr(GBytes) bytes = read_workbook ("nbs-population.xlsx");
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);
  g_autofree guchar *copy = g_memdup2 (data, length);
  const guchar *directory = NULL;
  GRand *rand = g_rand_new_with_seed (20261207);
  static const struct
  {
    guint       offset;   /* in the central directory entry of xl/workbook.xml */
    guchar      byte;
    const char *message;
  } changes[] = {
    { 8, 0x01, "book.xlsx: the workbook is encrypted; save it without a password" },
    { 27, 0x7F, "book.xlsx: the workbook's part xl/workbook.xml is 2032 MiB unpacked; the limit is 256 MiB" },
    { 10, 0x09, "book.xlsx: the workbook is damaged (xl/workbook.xml: an unknown compression)" },
    { 16, 0x00, "book.xlsx: the workbook is damaged (xl/workbook.xml: its checksum is wrong)" },
    { 42, 0xFF, "book.xlsx: the workbook is damaged (xl/workbook.xml: no local header)" },
  };

  /* The entry of xl/workbook.xml in the central directory. */
  for (gsize i = 0; i + 46 + 15 < length && directory == NULL; i++)
    if (memcmp (data + i, "PK\x01\x02", 4) == 0 && memcmp (data + i + 46, "xl/workbook.xml", 15) == 0)
      directory = data + i;
  g_assert_nonnull (directory);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      gsize at = directory - data + changes[i].offset;
      g_autoptr(GError) error = NULL;

      memcpy (copy, data, length);
      copy[at] = changes[i].byte;
      if (changes[i].offset == 16)
        copy[at + 1] ^= 0x55;
      error = import_error ((const char *) copy, length, "book.xlsx");
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, changes[i].message));
    }

  /* Not a workbook: a ZIP archive of something else, and the old binary format. */
  {
    static const char old_xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    g_autoptr(GError) zip_error = NULL;
    g_autoptr(GError) xls_error = NULL;
    g_autofree guchar *renamed = g_memdup2 (data, length);

    /* Every "xl/workbook.xml" renamed "xl/workbook.xmx". */
    for (gsize i = 0; i + 15 < length; i++)
      if (memcmp (renamed + i, "xl/workbook.xml", 15) == 0)
        renamed[i + 14] = 'x';
    zip_error = import_error ((const char *) renamed, length, "book.xlsx");
    g_assert_true (g_str_has_prefix (zip_error->message, "book.xlsx: a ZIP archive, but not an Excel workbook"));
    xls_error = import_error (old_xls, sizeof old_xls - 1, "book.xls");
    g_assert_cmpstr (xls_error->message, ==, "book.xls: the workbook is damaged (the compound file: its header "
                                             "is cut short or unknown); open it in a spreadsheet program and save "
                                             "it again");
  }

  assert_cut_and_changed (data, length, "book.xlsx", rand);
  g_rand_free (rand);
}

/* Excel 97–2003 workbooks (.xls) as LibreOffice writes them read as the
 * same tables as the .xlsx made from the same data. */
static void
test_xls (void)
{
  g_autoptr(RexTableImport) nbs = import_workbook ("nbs-population.xls", NULL);
  g_autoptr(RexTableImport) nbs_xlsx = import_workbook ("nbs-population.xlsx", NULL);
  g_autoptr(RexTableImport) yearbook = import_workbook ("yearbook-two-rows.xls", NULL);
  g_autoptr(RexTableImport) tiny = import_workbook ("tiny.xls", NULL);
  RexDataset *dataset;
  RexSource *source;

  assert_no_errors (nbs);
  g_assert_cmpstr (rex_table_import_get_sheet (nbs), ==, "nbs-population");
  g_assert_cmpstr (rex_table_import_get_metric_id (nbs, 0), ==, "population");
  g_assert_cmpstr (rex_table_import_get_unit (nbs, 0), ==, "万人");
  dataset = rex_table_import_get_dataset (nbs);
  g_assert_cmpfloat (value_of (dataset, "CN-XJ", "population", 2024), ==, 2623);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "population", 2020), ==, 12624);
  source = rex_dataset_get_value_source (dataset, rex_dataset_lookup_region (dataset, "CN-BJ"), "population", 2024);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "国家统计局");
  g_assert_cmpstr (rex_source_get_note (source), ==, "31个省份合计，不含现役军人。");
  /* The same text as the .xlsx of the same table, line for line. */
  {
    g_autofree char *xls_text = rex_table_import_get_text (nbs, G_MAXSIZE);
    g_autofree char *xlsx_text = rex_table_import_get_text (nbs_xlsx, G_MAXSIZE);

    g_assert_cmpstr (xls_text, ==, xlsx_text);
  }

  /* Merged cells over a header of two rows. */
  assert_no_errors (yearbook);
  dataset = rex_table_import_get_dataset (yearbook);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "population", 2023), ==, 2186);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.81);

  /* A stream under 4,096 bytes, in the compound file's mini stream. */
  assert_no_errors (tiny);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (tiny), "CN-BJ", "tiny", 2024), ==, 49843.1);
}

/* OpenDocument spreadsheets (.ods), LibreOffice's own format: the sheets
 * of the workbook, percentages and dates as Excel shows them, the sheet
 * with merged cells over two header rows, as the .xlsx of the same data;
 * every cut and many changed bytes an error or a table. */
static void
test_ods (void)
{
  g_autoptr(RexTableImport) book = import_workbook ("gdp-growth.ods", NULL);
  g_autoptr(RexTableImport) book_xlsx = import_workbook ("gdp-growth.xlsx", NULL);
  g_autoptr(RexTableImport) yearbook = import_workbook ("yearbook-two-rows.ods", NULL);
  g_autoptr(RexTableImport) yearbook_xlsx = import_workbook ("yearbook-two-rows.xlsx", NULL);
  g_autoptr(GBytes) bytes = read_workbook ("gdp-growth.ods");
  RexTableImportOptions *options = rex_table_import_options_new ();
  GRand *rand = g_rand_new_with_seed (20261207);
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  assert_no_errors (book);
  g_assert_cmpstr (rex_table_import_get_sheet (book), ==, "GDP");
  g_assert_cmpuint (rex_table_import_get_n_sheets (book), ==, 4);
  g_assert_cmpstr (rex_table_import_get_unit (book, 1), ==, "%");
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (book), "CN-GD", "gdp", 2024), ==, 141633.81);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (book), "CN-GD", rex_table_import_get_metric_id (book, 1), 2024),
                     ==, value_of (rex_table_import_get_dataset (book_xlsx), "CN-GD",
                                   rex_table_import_get_metric_id (book_xlsx, 1), 2024));

  assert_no_errors (yearbook);
  {
    g_autofree char *text = rex_table_import_get_text (yearbook, G_MAXSIZE);
    g_autofree char *xlsx_text = rex_table_import_get_text (yearbook_xlsx, G_MAXSIZE);

    g_assert_cmpstr (text, ==, xlsx_text);
  }

  /* Another sheet by name: years typed as dates shown as "yyyy". */
  g_free (options->sheet);
  options->sheet = g_strdup ("人口");
  {
    g_autoptr(RexTableImport) population = import_workbook ("gdp-growth.ods", options);

    assert_no_errors (population);
    g_assert_cmpfloat (value_of (rex_table_import_get_dataset (population), "CN-QH",
                                 rex_table_import_get_metric_id (population, 0), 2021), ==, 594);
  }
  rex_table_import_options_free (options);

  assert_cut_and_changed (data, length, "book.ods", rand);
  g_rand_free (rand);
}

/* 1,200 division names: shared strings that CONTINUE records carry on,
 * read as the list they were made from. */
static void
test_xls_continued_strings (void)
{
  g_autoptr(RexTableImport) import = import_workbook ("divisions-list.xls", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "regions", "divisions.csv", NULL);
  g_autofree char *divisions = NULL;
  g_autofree char *text = rex_table_import_get_text (import, G_MAXSIZE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) rows = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &divisions, NULL, NULL));
  rows = g_strsplit (divisions, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "区划代码,名称");
  for (guint i = 0; rows[i] != NULL && n < 1200; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_autofree char *expected = NULL;

      if (rows[i][0] == '#' || g_str_has_prefix (rows[i], "code,") || rows[i][0] == '\0')
        continue;
      cells = g_strsplit (rows[i], ",", 3);
      expected = g_strconcat (cells[0], ",", cells[1], NULL);
      g_assert_nonnull (lines[n + 1]);
      g_assert_cmpstr (lines[n + 1], ==, expected);
      n++;
    }
  g_assert_cmpuint (n, ==, 1200);
}

/* A table saved as a web page under an .xls name, as many sites' "Excel"
 * downloads are: cells spanning rows and columns, a header of two rows,
 * tags and character references in cells, comments, a script, a table of
 * layout before the data; GB18030 as well as UTF-8. */
static void
test_html_table (void)
{
  static const char page[] =
    "<html><head><meta charset=\"gb2312\"><title>导出</title>\n"
    "<script>var t = \"<table><tr><td>x</td><td>y</td></tr></table>\";</script></head><body>\n"
    "<table><tr><td>导出自：统计数据平台</td></tr></table>\n"
    "<!-- <table><tr><td>old</td><td>1</td></tr></table> -->\n"
    "<TABLE border=1>\n"
    "<tr><td colspan=\"4\">2024年各地区生产总值</td></tr>\n"
    "<tr><th rowspan=\"2\">地区</th><th colspan=\"2\">地区生产总值(亿元)</th><th>年末常住人口(万人)</th></tr>\n"
    "<tr><th>2023年</th><th>2024年</th><th>2024年</th></tr>\n"
    "<tr><td>北京&nbsp;</td><td>43,760.7</td><td>49,843.1</td><td>2183</td></tr>\n"
    "<tr><td><span>广东</span><br>省</td><td>135673.2</td><td>141633.8</td><td>12780</td></tr>\n"
    "<tr><td>&#22825;&#x6D25;</td><td>16737.3</td><td>18024.3</td><td>1363</td></tr>\n"
    "</TABLE></body></html>\n";
  g_autofree char *gbk = g_convert (page, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  const char *texts[] = { page, gbk };

  g_assert_nonnull (gbk);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(RexTableImport) import = import_text (texts[i], "export.xls", NULL);
      g_autofree char *text = rex_table_import_get_text (import, G_MAXSIZE);
      RexDataset *dataset;

      assert_no_errors (import);
      g_assert_cmpstr (rex_table_import_get_encoding (import), ==, i == 0 ? "UTF-8" : "GB18030");
      g_assert_true (g_str_has_prefix (text, "2024年各地区生产总值,,,\n地区,地区生产总值(亿元),,年末常住人口(万人)\n"
                                             ",2023年,2024年,2024年\n"));
      g_assert_cmpuint (rex_table_import_get_n_metrics (import), ==, 2);
      dataset = rex_table_import_get_dataset (import);
      g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2023), ==, 43760.7);
      g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
      g_assert_cmpfloat (value_of (dataset, "CN-TJ", "population", 2024), ==, 1363);
    }

  /* A page without a table of two cells a row is not a table. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("<html><body><table><tr><td>1</td></tr></table><p>a, b</p></body></html>", 71);
    g_autoptr(GError) error = NULL;
    g_autoptr(RexTableImport) import = rex_table_import_new (bytes, "page.xls", NULL, NULL, &error);

    g_assert_true (import == NULL || has_problem (rex_table_import_get_errors (import), "page.xls: the file holds no table"));
  }
}

/* An Excel 2003 XML spreadsheet (SpreadsheetML, also saved as .xls):
 * rows and cells left out by ss:Index, a title merged across, years typed
 * as dates. */
static void
test_spreadsheetml (void)
{
  static const char book[] =
    "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
    "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "
    "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n"
    " <Worksheet ss:Name=\"GDP\"><Table>\n"
    "  <Row><Cell ss:MergeAcross=\"2\"><Data ss:Type=\"String\">2024年各地区生产总值(亿元)</Data></Cell></Row>\n"
    "  <Row ss:Index=\"3\"><Cell><Data ss:Type=\"String\">地区</Data></Cell>"
    "<Cell><Data ss:Type=\"DateTime\">2023-12-31T00:00:00.000</Data></Cell>"
    "<Cell><Data ss:Type=\"DateTime\">2024-12-31T00:00:00.000</Data></Cell></Row>\n"
    "  <Row><Cell><Data ss:Type=\"String\">北京</Data></Cell><Cell><Data ss:Type=\"Number\">43760.7</Data></Cell>"
    "<Cell><Data ss:Type=\"Number\">49843.1</Data></Cell></Row>\n"
    "  <Row><Cell><Data ss:Type=\"String\">天津</Data></Cell>"
    "<Cell ss:Index=\"3\"><Data ss:Type=\"Number\">18024.3</Data></Cell></Row>\n"
    " </Table></Worksheet>\n</Workbook>\n";
  g_autoptr(RexTableImport) import = import_text (book, "gdp.xls", NULL);
  g_autofree char *text = rex_table_import_get_text (import, G_MAXSIZE);
  RexDataset *dataset;

  assert_no_errors (import);
  g_assert_cmpstr (text, ==, "2024年各地区生产总值(亿元),,\n\n地区,2023-12-31,2024-12-31\n"
                             "北京,43760.7,49843.1\n天津,,18024.3\n");
  /* The metric of the title line, without its year and "各地区". */
  g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, "gdp");
  g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, "亿元");
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2023), ==, 43760.7);
  g_assert_true (isnan (value_of (dataset, "CN-TJ", "gdp", 2023)));
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "gdp", 2024), ==, 18024.3);
}

/* A title line names the metric as the statistics database would:
 * without its year and the words that say it is given by region. */
static void
test_title_line_metric (void)
{
  static const struct { const char *title; const char *id; const char *unit; } titles[] = {
    { "2024年各地区城镇居民人均可支配收入(元)", "urban_income", "元" },
    { "分省年末常住人口", "population", NULL },
    { "各省份粮食播种面积", "titles", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\n地区,2024年\n北京,1\n", titles[i].title);
      g_autoptr(RexTableImport) import = import_text (text, "titles.csv", NULL);

      g_assert_cmpstr (rex_table_import_get_metric_id (import, 0), ==, titles[i].id);
      g_assert_cmpstr (rex_table_import_get_unit (import, 0), ==, titles[i].unit);
    }
}

/* A byte offset of @needle in @data, which must hold it. */
static gsize
find_bytes (const guchar *data,
            gsize         length,
            const void   *needle,
            gsize         needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return i;
  g_assert_not_reached ();
}

/* Damaged, encrypted, older and foreign .xls files end in an error that
 * says what to do; every cut and many changed bytes end in an error or a
 * table, never a crash or a hang. */
static void
test_xls_hostile (void)
{
  static const guchar bof[] = { 0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00 };
  static const guchar stream_name[] = { 'W', 0, 'o', 0, 'r', 0, 'k', 0, 'b', 0, 'o', 0, 'o', 0, 'k', 0 };
  static const guchar sheet_record[] = { 0x85, 0x00 };
  const char *files[] = { "nbs-population.xls", "tiny.xls" };
  GRand *rand = g_rand_new_with_seed (20261207);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GBytes) bytes = read_workbook (files[f]);
      gsize length;
      const guchar *data = g_bytes_get_data (bytes, &length);
      g_autofree guchar *copy = g_memdup2 (data, length);
      gsize at_bof = find_bytes (data, length, bof, sizeof bof);
      gsize at_sheet = at_bof + find_bytes (data + at_bof, length - at_bof, sheet_record, sizeof sheet_record);
      const struct
      {
        gsize       at;
        guchar      byte;
        const char *message;
      } changes[] = {
        { at_bof + 5, 0x05, "book.xls: a workbook of Excel 5.0/95 or older, which cannot be read; save it as an Excel "
                            "workbook (.xlsx) or as CSV, and import that" },
        { at_bof + 20, 0x2F, "book.xls: the workbook is encrypted; save it without a password" },
        { find_bytes (data, length, stream_name, sizeof stream_name), 'X',
          "book.xls: an Office file, but not an Excel workbook (no Workbook stream in it)" },
        { 0x30, 0xF0, "book.xls: the workbook is damaged (the compound file: a chain of sectors does not fit the file)" },
        { at_sheet + 7, 0x7F, "book.xls: the workbook is damaged (Workbook: a sheet does not start where the "
                              "workbook says)" },
      };

      g_test_message ("%s", files[f]);
      for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
        {
          g_autoptr(GError) error = NULL;

          memcpy (copy, data, length);
          copy[changes[i].at] = changes[i].byte;
          if (changes[i].at == at_bof + 20)
            copy[changes[i].at + 1] = 0;
          if (changes[i].at == 0x30)
            copy[0x31] = copy[0x32] = copy[0x33] = 0xFF;
          error = import_error ((const char *) copy, length, "book.xls");
          g_test_message ("%s", error->message);
          g_assert_true (g_str_has_prefix (error->message, changes[i].message));
        }

      assert_cut_and_changed (data, length, "book.xls", rand);
    }
  g_rand_free (rand);
}

/* A region's rows follow each other, one per metric; a row wider than the
 * header is reported even when it names the same region as the row above. */
static void
test_ragged_repeated_region (void)
{
  const char *text =
    "地区,指标,2024\n"
    "北京,地区生产总值,49843.1\n"
    "北京,常住人口,2183,7\n";
  g_autoptr(RexTableImport) import = import_text (text, "two.csv", NULL);
  GPtrArray *errors = rex_table_import_get_errors (import);

  g_assert_true (has_problem (errors, "two.csv:3:14: the row has 4 cells, the header 3"));
  g_assert_cmpuint (errors->len, ==, 1);
}

/* A metric without a single value is an error of the whole table: the
 * message names the file, with no line or column to send one to. */
static void
test_metric_without_values (void)
{
  g_autoptr(RexTableImport) import = import_text ("地区,2024\n北京,—\n上海,…\n", "empty.csv", NULL);
  GPtrArray *errors = rex_table_import_get_errors (import);

  g_assert_true (has_problem (errors, "empty.csv: metric empty has no values; is the table empty, "
                                      "or are all its cells missing?"));
}

/* The source a caller names in the options is the one the values cite,
 * every part of it. */
static void
test_source_from_options (void)
{
  g_autoptr(RexTableImportOptions) options = rex_table_import_options_new ();
  g_autoptr(RexTableImport) import = NULL;
  g_autoptr(RexSource) source = NULL;

  options->publisher = g_strdup ("Oracle Bureau");
  options->source_title = g_strdup ("Hand-written figures");
  options->source_date = g_strdup ("2024-05-01");
  options->source_url = g_strdup ("https://example.org/figures");
  import = import_text ("地区,2024年\n广东省,1\n", "figures.csv", options);
  assert_no_errors (import);
  source = g_list_model_get_item (rex_dataset_get_sources (rex_table_import_get_dataset (import)), 0);
  g_assert_cmpstr (rex_source_get_publisher (source), ==, "Oracle Bureau");
  g_assert_cmpstr (rex_source_get_title (source), ==, "Hand-written figures");
  g_assert_cmpstr (rex_source_get_date (source), ==, "2024-05-01");
  g_assert_cmpstr (rex_source_get_url (source), ==, "https://example.org/figures");
}

/* A table named neither .csv nor .tsv (pasted from a spreadsheet into a
 * .txt) is read with the delimiter it holds more of. When it holds as many
 * tabs as commas, it is read as tab-separated: a comma inside a cell is
 * common (thousands separators, "Beijing, Tianjin"), a tab inside a
 * comma-separated cell is not. Here one tab separates each row's two
 * cells, and the figures carry three commas between them. */
static void
test_delimiter_tie (void)
{
  const char *text =
    "地区\t2024\n"
    "天津\t1,234,567.5\n"
    "上海\t2,000\n";
  g_autoptr(RexTableImport) import = import_text (text, "pasted.txt", NULL);
  RexDataset *dataset;

  g_assert_cmpint (rex_table_import_get_delimiter (import), ==, '\t');
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-TJ", "pasted", 2024), ==, 1234567.5);
  g_assert_cmpfloat (value_of (dataset, "CN-SH", "pasted", 2024), ==, 2000);
  g_clear_object (&import);

  /* More commas than tabs: comma-separated, a tab inside a quoted cell. */
  text = "地区,2024\n\"天津\t\",1\n上海,2\n";
  import = import_text (text, "pasted.txt", NULL);
  g_assert_cmpint (rex_table_import_get_delimiter (import), ==, ',');
  assert_no_errors (import);
  g_assert_cmpfloat (value_of (rex_table_import_get_dataset (import), "CN-SH", "pasted", 2024), ==, 2);
}

/* A CSV as spreadsheets write it where the comma is the decimal sign:
 * semicolons between cells, "43.760,7" for 43760.7; a point alone is a
 * decimal point. Semicolons inside a comma-separated table's cells leave
 * it comma-separated. */
static void
test_semicolons (void)
{
  const char *text =
    "Region;Year;GDP (100 million yuan);Urbanization (%)\r\n"
    "Beijing;2023;43.760,7;87,8\r\n"
    "Beijing;2024;49843,1;87.8\r\n"
    "\"Guangdong; Province\";2024;141633,8;75,9\r\n";
  g_autoptr(RexTableImport) import = import_text (text, "gdp.csv", NULL);
  g_autoptr(RexTableImport) commas = import_text ("地区,备注,2024\n北京,\"a;b\",1.5\n上海,c,2\n", "notes.csv", NULL);
  g_autoptr(RexTableImport) bad = import_text ("Region;2024\nBeijing;49843,1\nTianjin;1,2,3\n", "bad.csv", NULL);
  RexDataset *dataset;

  g_assert_cmpint (rex_table_import_get_delimiter (import), ==, ';');
  assert_no_errors (import);
  dataset = rex_table_import_get_dataset (import);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2023), ==, 43760.7);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "gdp", 2024), ==, 49843.1);
  g_assert_cmpfloat (value_of (dataset, "CN-GD", "gdp", 2024), ==, 141633.8);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "urbanization", 2023), ==, 87.8);
  g_assert_cmpfloat (value_of (dataset, "CN-BJ", "urbanization", 2024), ==, 87.8);

  g_assert_cmpint (rex_table_import_get_delimiter (commas), ==, ',');
  assert_no_errors (commas);

  /* Two decimal commas are no number, at its cell. */
  g_assert_cmpint (rex_table_import_get_delimiter (bad), ==, ';');
  g_assert_true (has_problem (rex_table_import_get_errors (bad), "bad.csv:3:9: expected a number, got \"1,2,3\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/table-import/nbs-export/utf8", test_nbs_export_utf8);
  g_test_add_func ("/table-import/nbs-export/bom", test_nbs_export_bom);
  g_test_add_func ("/table-import/nbs-export/gb18030", test_nbs_export_gb18030);
  g_test_add_func ("/table-import/years-in-rows", test_years_in_rows_tsv);
  g_test_add_func ("/table-import/delimiter-tie", test_delimiter_tie);
  g_test_add_func ("/table-import/semicolons", test_semicolons);
  g_test_add_func ("/table-import/long", test_long);
  g_test_add_func ("/table-import/long-without-source", test_long_without_source);
  g_test_add_func ("/table-import/long-bracket-in-name", test_long_bracket_in_name);
  g_test_add_func ("/table-import/long-metric-columns", test_long_metric_columns);
  g_test_add_func ("/table-import/two-header-rows", test_two_header_rows);
  g_test_add_func ("/table-import/countries", test_countries);
  g_test_add_func ("/table-import/long-metric-columns-errors", test_long_metric_columns_errors);
  g_test_add_func ("/table-import/codes-and-counties", test_codes_and_counties);
  g_test_add_func ("/table-import/prefecture-names", test_prefecture_names);
  g_test_add_func ("/table-import/unknown-regions", test_unknown_regions);
  g_test_add_func ("/table-import/fractions", test_fractions);
  g_test_add_func ("/table-import/undated-columns", test_undated_columns);
  g_test_add_func ("/table-import/year-notes-and-full-width", test_year_notes_and_full_width);
  g_test_add_func ("/table-import/part-of-year-columns", test_part_of_year_columns);
  g_test_add_func ("/table-import/title-year", test_title_year);
  g_test_add_func ("/table-import/known-metric-names", test_known_metric_names);
  g_test_add_func ("/table-import/derived-beyond-double", test_derived_beyond_double);
  g_test_add_func ("/table-import/cut-short-and-other-faults", test_cut_short_and_other_faults);
  g_test_add_func ("/table-import/unit-from-percent-signs", test_unit_from_percent_signs);
  g_test_add_func ("/table-import/quotes-and-numbers", test_quotes_and_numbers);
  g_test_add_func ("/table-import/metric-from-options-and-name", test_metric_from_options_and_name);
  g_test_add_func ("/table-import/derived-and-published", test_derived_and_published);
  g_test_add_func ("/table-import/cancel", test_cancel);
  g_test_add_func ("/table-import/file-and-async", test_file_and_async);
  g_test_add_func ("/table-import/hostile/bytes", test_hostile_bytes);
  g_test_add_func ("/table-import/hostile/sizes", test_hostile_sizes);
  g_test_add_func ("/table-import/hostile/large-file", test_hostile_large_file);
  g_test_add_func ("/table-import/hostile/over-limit", test_hostile_over_limit);
  g_test_add_func ("/table-import/hostile/ragged-and-empty", test_hostile_ragged_and_empty);
  g_test_add_func ("/table-import/hostile/random", test_hostile_random);
  g_test_add_func ("/table-import/missing-markers-and-meta", test_missing_markers_and_meta);
  g_test_add_func ("/table-import/source-from-options", test_source_from_options);
  g_test_add_func ("/table-import/english-meta-lines", test_english_meta_lines);
  g_test_add_func ("/table-import/ragged-repeated-region", test_ragged_repeated_region);
  g_test_add_func ("/table-import/metric-without-values", test_metric_without_values);
  g_test_add_func ("/table-import/comment-lines", test_comment_lines);
  g_test_add_func ("/table-import/comment-edges", test_comment_edges);
  g_test_add_func ("/table-import/metric-year-columns", test_metric_year_columns);
  g_test_add_func ("/table-import/options-per-metric", test_options_per_metric);
  g_test_add_func ("/table-import/footnote-marks-and-wide-forms", test_footnote_marks_and_wide_forms);
  g_test_add_func ("/table-import/rates-are-not-shares", test_rates_are_not_shares);
  g_test_add_func ("/table-import/workbook/libreoffice", test_workbook_libreoffice);
  g_test_add_func ("/table-import/workbook/sheets", test_workbook_sheets);
  g_test_add_func ("/table-import/workbook/positions", test_workbook_positions);
  g_test_add_func ("/table-import/workbook/two-header-rows", test_workbook_two_header_rows);
  g_test_add_func ("/table-import/xls/read", test_xls);
  g_test_add_func ("/table-import/ods", test_ods);
  g_test_add_func ("/table-import/xls/continued-strings", test_xls_continued_strings);
  g_test_add_func ("/table-import/xls/hostile", test_xls_hostile);
  g_test_add_func ("/table-import/html-table", test_html_table);
  g_test_add_func ("/table-import/spreadsheetml", test_spreadsheetml);
  g_test_add_func ("/table-import/title-line-metric", test_title_line_metric);
  g_test_add_func ("/table-import/workbook/hostile", test_workbook_hostile);

  return g_test_run ();
}
