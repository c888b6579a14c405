/* rex-table-import-metrics.c — the role of a header cell, and the
 * metrics a table names: their ids, names, units, how they combine, and
 * the options that override them. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

/* Column roles */

Role
rex_table_import_header_role (const char *s,
                              gsize       length)
{
  static const struct { const char *name; Role role; } names[] = {
    { "地区", ROLE_REGION }, { "地区名称", ROLE_REGION }, { "省份", ROLE_REGION },
    { "省", ROLE_REGION }, { "省区市", ROLE_REGION }, { "省市", ROLE_REGION }, { "区域", ROLE_REGION },
    { "名称", ROLE_REGION }, { "region", ROLE_REGION }, { "province", ROLE_REGION },
    { "area", ROLE_REGION }, { "name", ROLE_REGION }, { "region_id", ROLE_REGION },
    { "region id", ROLE_REGION }, { "城市", ROLE_REGION }, { "县", ROLE_REGION }, { "county", ROLE_REGION },
    { "city", ROLE_REGION }, { "entity", ROLE_REGION }, { "location", ROLE_REGION },
    { "country", ROLE_REGION }, { "country name", ROLE_REGION }, { "country code", ROLE_CODE },
    { "代码", ROLE_CODE }, { "区划代码", ROLE_CODE }, { "行政区划代码", ROLE_CODE }, { "code", ROLE_CODE },
    { "年份", ROLE_YEAR }, { "年", ROLE_YEAR }, { "时间", ROLE_YEAR }, { "year", ROLE_YEAR },
    { "date", ROLE_YEAR }, { "period", ROLE_YEAR },
    { "指标", ROLE_METRIC }, { "指标名称", ROLE_METRIC }, { "metric", ROLE_METRIC },
    { "indicator", ROLE_METRIC }, { "variable", ROLE_METRIC }, { "metric_id", ROLE_METRIC },
    { "indicator name", ROLE_METRIC }, { "series name", ROLE_METRIC },
    { "数值", ROLE_VALUE }, { "值", ROLE_VALUE }, { "数据", ROLE_VALUE }, { "value", ROLE_VALUE },
    { "单位", ROLE_UNIT }, { "unit", ROLE_UNIT },
    { "来源", ROLE_SOURCE }, { "数据来源", ROLE_SOURCE }, { "source", ROLE_SOURCE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i].name) == length && g_ascii_strncasecmp (s, names[i].name, length) == 0)
      return names[i].role;
  return ROLE_NONE;
}

/* Metric ids */

/* Metric names of the statistics database and the ids of the bundled
 * dataset's metrics, so that a table merges into it. */
static const struct
{
  const char *name;
  const char *id;
  const char *english;
} known_metrics[] = {
  { "地区生产总值", "gdp", "GDP" },
  { "国内生产总值", "gdp", "GDP" },
  { "生产总值", "gdp", "GDP" },
  { "第一产业增加值", "va_primary", "Primary industry value added" },
  { "第二产业增加值", "va_secondary", "Secondary industry value added" },
  { "第三产业增加值", "va_tertiary", "Tertiary industry value added" },
  { "人均生产总值", "gdp_per_capita", "GDP per capita" },
  { "年末常住人口", "population", "Population" },
  { "常住人口", "population", "Population" },
  { "人均地区生产总值", "gdp_per_capita", "GDP per capita" },
  { "城镇人口", "urban_population", "Urban population" },
  { "年末城镇人口", "urban_population", "Urban population" },
  { "乡村人口", "rural_population", "Rural population" },
  { "年末乡村人口", "rural_population", "Rural population" },
  { "户籍人口城镇化率", "hukou_urbanization", "Urbanization rate of registered (hukou) population" },
  { "城镇化率", "urbanization", "Urbanization rate" },
  { "常住人口城镇化率", "urbanization", "Urbanization rate" },
  { "居民人均可支配收入", "income_all", "Per-capita disposable income" },
  { "全体居民人均可支配收入", "income_all", "Per-capita disposable income" },
  { "城镇居民人均可支配收入", "urban_income", "Urban per-capita disposable income" },
  { "农村居民人均可支配收入", "rural_income", "Rural per-capita disposable income" },
  { "粮食产量", "grain_output", "Grain output" },
  { "粮食总产量", "grain_output", "Grain output" },
};

/* [a-z0-9_-]+ from @name, or NULL when it has no such characters. */
char *
rex_table_import_sanitize_id (const char *name)
{
  GString *id = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) && !((guchar) *p & 0x80))
        g_string_append_c (id, c);
      else if ((c == '-' || c == '_') && id->len > 0)
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '_' && id->str[id->len - 1] != '-')
        g_string_append_c (id, '_');
    }
  while (id->len > 0 && (id->str[id->len - 1] == '_' || id->str[id->len - 1] == '-'))
    g_string_truncate (id, id->len - 1);
  if (id->len > 64)
    g_string_truncate (id, 64);
  if (id->len == 0)
    {
      g_string_free (id, TRUE);
      return NULL;
    }
  return g_string_free (id, FALSE);
}

gboolean
rex_table_import_has_non_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s & 0x80)
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char         *s,
              const char * const *words)
{
  g_autofree char *lower = g_utf8_strdown (s, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "%", "percent", and a share of something: "% of total population",
 * "% of GDP" (as the World Bank writes units). */
static gboolean
is_percent_unit (const char *unit)
{
  return g_str_equal (unit, "%") || g_str_equal (unit, "％") || g_str_equal (unit, "percent")
         || g_str_equal (unit, "百分比") || g_str_has_prefix (unit, "% of ") || g_str_has_prefix (unit, "percent of ");
}

/* Sum for amounts (money, people, tonnes, area), nothing for rates and
 * per-head figures, where a sum means nothing. */
static RexCombine
guess_combine (const char *name,
               const char *unit,
               gboolean    percent)
{
  static const char * const amounts[] = {
    "亿元", "万元", "万人", "人", "吨", "公顷", "公里", "千米", "个", "家", "辆", "户", "千瓦", "平方",
    "yuan", "persons", "people", "tonnes", "tons", "hectares", "km", NULL
  };

  if (percent || unit == NULL || *unit == '\0' || rex_metric_text_says_rate (name)
      || rex_metric_text_says_rate (unit))
    return REX_COMBINE_NONE;
  if (contains_any (unit, amounts) || g_str_equal (unit, "元") || g_str_equal (unit, "t")
      || g_str_has_suffix (unit, " t"))
    return REX_COMBINE_SUM;
  return REX_COMBINE_NONE;
}

/* A percentage in the datasets' sense: a share of a whole (城镇化率(%)),
 * not a rate of change in % (增速(%), growth (%)); values outside 0–100
 * tell the rest (rex_table_import_check_values()). */
static gboolean
is_share (const char *name,
          const char *unit)
{
  static const char * const changes[] = {
    "增速", "增长", "增幅", "涨幅", "变化", "growth", "change", "increase", "inflation", NULL
  };

  return unit != NULL && is_percent_unit (unit) && (name == NULL || !contains_any (name, changes));
}

gboolean
rex_table_import_metric_id_taken (RexTableImport *self,
                                  const char     *id)
{
  for (guint i = 0; i < self->metrics->len; i++)
    if (g_str_equal (((MetricInfo *) self->metrics->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

/* TRUE when @o says anything of the metric. */
static gboolean
metric_options_given (const RexTableMetricOptions *o)
{
  return o->id != NULL || o->name != NULL || o->name_zh != NULL || o->unit != NULL
         || o->percent >= 0 || o->combine >= 0 || o->weight_id != NULL;
}

/* What @o says of the metric @info wins over what the table says. */
static void
apply_to_metric (MetricInfo                  *info,
                 const RexTableMetricOptions *o)
{
  if (o->id != NULL)
    {
      g_free (info->id);
      info->id = g_strdup (o->id);
      /* Named by its id alone, a bundled metric takes its names, not the
       * file's: --metric-id=gdp on yrows.csv is GDP, not "yrows". */
      for (guint i = 0; o->name == NULL && info->name_from_file && i < G_N_ELEMENTS (known_metrics); i++)
        if (g_str_equal (o->id, known_metrics[i].id))
          {
            g_free (info->name);
            g_free (info->name_zh);
            info->name = g_strdup (known_metrics[i].english);
            info->name_zh = g_strdup (known_metrics[i].name);
            break;
          }
    }
  if (o->name != NULL)
    {
      g_free (info->name);
      info->name = g_strdup (o->name);
      if (rex_table_import_has_non_ascii (o->name) && o->name_zh == NULL)
        {
          g_free (info->name_zh);
          info->name_zh = g_strdup (o->name);
        }
    }
  if (o->name_zh != NULL)
    {
      g_free (info->name_zh);
      info->name_zh = g_strdup (o->name_zh);
    }
  if (o->unit != NULL)
    {
      g_free (info->unit);
      info->unit = g_strdup (o->unit);
    }
  info->percent = o->percent >= 0 ? o->percent
                  : is_share (info->name_zh != NULL ? info->name_zh : info->name, info->unit);
  info->percent_given = o->percent >= 0;
  if (o->combine >= 0)
    info->combine = (RexCombine) o->combine;
  else if (o->unit != NULL || o->percent >= 0 || o->name != NULL)
    info->combine = guess_combine (info->name_zh != NULL ? info->name_zh : info->name,
                                   info->unit, info->percent);
  g_free (info->weight_id);
  info->weight_id = g_strdup (o->weight_id);
}

/* What the options say of the table's metrics: the options' own metric for
 * a table of one, each labelled metric's for a table of several. */
void
rex_table_import_apply_metric_options (RexTableImport *self)
{
  const RexTableImportOptions *o = self->options;
  g_autoptr(GPtrArray) targets = NULL;
  GHashTableIter iter;
  gpointer label, metric_options;

  if (self->metrics->len == 1)
    apply_to_metric (self->metrics->pdata[0], &o->metric);
  else if (self->metrics->len > 1 && metric_options_given (&o->metric))
    rex_table_import_add_problem (self, FALSE, 0, 0, _("the table has %u metrics; the metric id, name and unit "
                                  "given apply to a table of one metric and were not used; give them "
                                  "for each metric by its name in the table"), self->metrics->len);
  if (o->metrics == NULL)
    return;

  /* Each metric the options name, by its label or else by the id the
   * table gives it (as --list-metrics shows), found before any is
   * renamed. */
  targets = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, o->metrics);
  while (g_hash_table_iter_next (&iter, &label, &metric_options))
    {
      MetricInfo *target = NULL;

      for (guint i = 0; i < self->metrics->len && target == NULL; i++)
        if (g_strcmp0 (((MetricInfo *) self->metrics->pdata[i])->label, label) == 0)
          target = self->metrics->pdata[i];
      for (guint i = 0; i < self->metrics->len && target == NULL; i++)
        if (g_strcmp0 (((MetricInfo *) self->metrics->pdata[i])->id, label) == 0)
          target = self->metrics->pdata[i];
      if (target == NULL)
        rex_table_import_add_problem (self, FALSE, 0, 0, _("the table has no metric named “%s”; "
                                      "what was given for it was not used"), (const char *) label);
      else
        {
          g_ptr_array_add (targets, target);
          g_ptr_array_add (targets, metric_options);
        }
    }
  for (guint i = 0; i < targets->len; i += 2)
    apply_to_metric (targets->pdata[i], targets->pdata[i + 1]);
}

/* Whether the cell at @row, @cell ends in a per cent sign ("87.8%", as a
 * workbook writes a cell in a percentage format). */
static gboolean
cell_has_percent_sign (RexTableImport *self,
                       guint           row,
                       guint           cell)
{
  gsize length;
  const char *s = rex_table_import_cell_data (self, row, cell, &length);

  while (length > 0 && s[length - 1] == ' ')
    length--;
  return (length >= 1 && s[length - 1] == '%')
         || (length >= strlen ("％") && memcmp (s + length - strlen ("％"), "％", strlen ("％")) == 0);
}

/* A metric the table gives no unit for, whose every value carries a per
 * cent sign, is in %: its figures say so where its header does not. */
void
rex_table_import_unit_from_cells (RexTableImport *self)
{
  g_autofree guint8 *signed_ = g_new0 (guint8, self->metrics->len);  /* 0 none yet, 1 all signed, 2 not */

  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = self->pending->pdata[i];
      MetricInfo *info = self->metrics->pdata[pending->metric];

      if (info->unit != NULL && *info->unit != '\0')
        continue;
      for (guint j = 0; j < pending->points->len && signed_[pending->metric] != 2; j++)
        signed_[pending->metric] = cell_has_percent_sign (self, pending->points->data[j].row,
                                                          pending->points->data[j].cell) ? 1 : 2;
    }
  for (guint m = 0; m < self->metrics->len; m++)
    {
      MetricInfo *info = self->metrics->pdata[m];

      if (signed_[m] != 1)
        continue;
      g_free (info->unit);
      info->unit = g_strdup ("%");
      info->percent = is_share (info->name_zh != NULL ? info->name_zh : info->name, info->unit);
      info->combine = guess_combine (info->name_zh != NULL ? info->name_zh : info->name, info->unit, info->percent);
    }
}

/* The metric a title line names: "2024年各地区生产总值(亿元)" is
 * 地区生产总值(亿元), without its year and the words that say it is given
 * by region: the longest name of the statistics database's that ends it,
 * else what follows 各地区, 分省… */
static char *
metric_of_title (const char *title)
{
  static const char * const by_region[] = { "各省份", "分省份", "各地区", "分地区", "各省", "分省", NULL };
  g_autofree char *rest = NULL;
  g_autofree char *base = NULL;
  g_autofree char *unit = NULL;
  const char *name = NULL;
  int year;

  rex_table_import_split_unit (rex_table_import_split_year (title, strlen (title), &year, &rest) ? rest : title,
                               &base, &unit);
  for (guint i = 0; i < G_N_ELEMENTS (known_metrics); i++)
    if (g_str_has_suffix (base, known_metrics[i].name) && (name == NULL || strlen (known_metrics[i].name) > strlen (name)))
      name = known_metrics[i].name;
  for (guint i = 0; name == NULL && by_region[i] != NULL; i++)
    if (g_str_has_prefix (base, by_region[i]) && strlen (base) > strlen (by_region[i]))
      name = base + strlen (by_region[i]);
  if (name == NULL)
    name = base;
  return unit != NULL && *unit != '\0' ? g_strdup_printf ("%s(%s)", name, unit) : g_strdup (name);
}

/* The metric named @name (a long table's metric cell, or NULL for the one
 * metric of a wide table); its index in self->metrics. */
guint
rex_table_import_get_metric (RexTableImport *self,
                             const char     *name,
                             const char     *unit)
{
  const RexTableImportOptions *o = self->options;
  g_autofree char *base_name = NULL;
  g_autofree char *header_unit = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title_name = NULL;
  MetricInfo *info;
  gboolean single = name == NULL;

  g_assert (o != NULL);

  for (guint i = 0; i < self->metrics->len; i++)
    {
      MetricInfo *m = self->metrics->pdata[i];

      if (single || g_strcmp0 (m->label, name) == 0)
        return i;
    }

  if (name == NULL && o->metric.name == NULL && self->header_metric == NULL && self->title_line != NULL)
    name = title_name = metric_of_title (self->title_line);
  else if (name == NULL)
    name = o->metric.name != NULL ? o->metric.name : self->header_metric;
  if (name != NULL)
    {
      rex_table_import_split_unit (name, &base_name, &header_unit);
      /* With a unit column, a bracket that is not that unit is part of the
       * name: "Counties with GDP above 90 billion yuan (reported
       * separately)", in counties. */
      if (unit != NULL && *unit != '\0' && header_unit != NULL && g_strcmp0 (header_unit, unit) != 0)
        {
          g_clear_pointer (&header_unit, g_free);
          g_free (base_name);
          base_name = g_strdup (name);
        }
    }
  else
    {
      g_autofree char *base = g_path_get_basename (self->display_name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      base_name = g_strdup (base);
    }

  info = g_new0 (MetricInfo, 1);
  info->name_from_file = name == NULL;
  info->label = single ? NULL : g_strdup (name);
  info->label_length = info->label != NULL ? strlen (info->label) : 0;
  if (rex_table_import_has_non_ascii (base_name))
    {
      info->name_zh = g_strdup (base_name);
      info->name = g_strdup (base_name);
    }
  else
    info->name = g_strdup (base_name);

  for (guint i = 0; i < G_N_ELEMENTS (known_metrics); i++)
    if (g_str_equal (base_name, known_metrics[i].name))
      {
        id = g_strdup (known_metrics[i].id);
        g_free (info->name);
        info->name = g_strdup (known_metrics[i].english);
      }

  if (id == NULL)
    id = rex_table_import_sanitize_id (base_name);
  if (id == NULL)
    {
      /* A Chinese name: the file's name, then a number. */
      g_autofree char *base = g_path_get_basename (self->display_name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      id = self->metrics->len == 0 ? rex_table_import_sanitize_id (base) : NULL;
      if (id == NULL)
        id = g_strdup_printf ("metric-%u", self->metrics->len + 1);
    }
  /* Unique among the table's metrics. */
  for (guint n = 2; rex_table_import_metric_id_taken (self, id); n++)
    {
      g_autofree char *base = g_steal_pointer (&id);
      char *dash = strrchr (base, '-');

      if (n > 2 && dash != NULL)
        *dash = '\0';
      id = g_strdup_printf ("%s-%u", base, n);
    }
  info->id = g_steal_pointer (&id);

  info->unit = g_strdup (unit != NULL && *unit != '\0' ? unit
                         : header_unit != NULL ? header_unit
                         : self->header_unit);
  info->percent = is_share (info->name_zh != NULL ? info->name_zh : info->name, info->unit);
  info->combine = guess_combine (info->name_zh != NULL ? info->name_zh : info->name,
                                 info->unit, info->percent);
  info->all_fractions = TRUE;

  g_ptr_array_add (self->metrics, info);
  return self->metrics->len - 1;
}
