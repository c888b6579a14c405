/* rex-table-import-shapes.c — reading the table's shape into pending
 * series: regions in rows (wide), years in rows, long, and telling which
 * shape a table has. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

/* Series being read */

/* Keys are region << 32 | metric: g_int64_hash() folds them into a few
 * thousand neighbouring values, on which the table's probing crawls. */
guint
rex_table_import_pair_hash (gconstpointer key)
{
  return (guint) ((*(const guint64 *) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

static Pending *
get_pending (RexTableImport *self,
             GHashTable     *by_pair,
             guint           region,
             guint           metric,
             guint           row,
             guint           cell,
             guint           size_hint)
{
  guint64 key = ((guint64) region << 32) | metric;
  Pending *pending = g_hash_table_lookup (by_pair, &key);

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->key = key;
      pending->region = region;
      pending->metric = metric;
      pending->row = row;
      pending->cell = cell;
      pending->points = &pending->points_;
      pending->points->size = MAX (1, MIN (size_hint, 4096));
      pending->points->data = g_new (Point, pending->points->size);
      g_ptr_array_add (self->pending, pending);
      g_hash_table_insert (by_pair, &pending->key, pending);
    }
  return pending;
}

static void
add_point (RexTableImport *self,
           Pending        *pending,
           int             year,
           guint           source,
           guint           row,
           guint           cell)
{
  gsize length, n = 0;
  const char *s = rex_table_import_cell_data (self, row, cell, &length);
  const char *number = s;
  Point point = { 0, year, source, row, cell };
  char decimal_point[64];

  /* Where semicolons separate cells, a comma is the decimal sign and a
   * point groups thousands: "43.760,7" is 43760.7. */
  if (G_UNLIKELY (self->delimiter == ';') && length < sizeof decimal_point && memchr (s, ',', length) != NULL)
    {
      for (gsize i = 0; i < length; i++)
        if (s[i] != '.')
          decimal_point[n++] = s[i] == ',' ? '.' : s[i];
      number = decimal_point;
    }

  switch (rex_table_import_parse_number (number, number == s ? length : n, &point.value))
    {
    case NUMBER_MISSING:
      return;
    case NUMBER_BAD:
      rex_table_import_report_bad_number (self, row, cell, s, length);
      return;
    case NUMBER_MARKED:
      if (self->n_marked++ == 0)
        {
          self->first_marked_row = row;
          self->first_marked_cell = cell;
        }
      G_GNUC_FALLTHROUGH;
    case NUMBER_OK:
      if (G_UNLIKELY (pending->points->len == pending->points->size))
        {
          pending->points->size *= 2;
          pending->points->data = g_renew (Point, pending->points->data, pending->points->size);
        }
      pending->points->data[pending->points->len++] = point;
      return;
    }
}

static gboolean
check_year (RexTableImport *self,
            guint           row,
            guint           cell,
            int             year)
{
  if (year >= REX_YEAR_MIN && year <= REX_YEAR_MAX)
    return TRUE;
  cell_error (self, row, cell, _("year %d is outside the supported range %d–%d"),
              year, REX_YEAR_MIN, REX_YEAR_MAX);
  return FALSE;
}

/* Shapes */

/* Every thousand rows or so: the progress, and whether to stop. */
static gboolean
read_check_in (RexTableImport *self,
               guint           header,
               guint           row,
               guint           last)
{
  rex_table_import_report_progress (self, REX_TABLE_PROGRESS_ROWS, row - header, last - header - 1);
  return g_cancellable_is_cancelled (self->cancellable);
}

/* Regions in rows: what the header says of each column. */
typedef struct
{
  guint   header;
  guint   n_columns;
  GArray *years;           /* int per column: its year, 0 none, -1 a bad one */
  GArray *column_metric;   /* int per column, without years: its metric, -1 none */
  guint   first_value;     /* the first column of values */
  guint   n_years;
  int     region_col;
  int     code_col;        /* a code, or a second name (城市 after 省份) */
  int     metric_col;
  int     unit_col;
} WideHeader;

/* The columns whose header is a year; the first of them. */
static void
read_year_columns (RexTableImport *self,
                   WideHeader     *h)
{
  for (guint c = 0; c < h->n_columns; c++)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, h->header, c, &length);
      int year;

      if (!rex_table_import_parse_year (s, length, &year))
        {
          g_autofree char *quoted = NULL;

          if (!rex_table_import_is_part_of_year (s, length))
            continue;
          quoted = rex_table_import_quote (s, length);
          cell_error (self, h->header, c, _("column %s holds the figures of part of a year; the "
                                            "importer reads yearly figures, a column for each year "
                                            "(2024 or 2024年)"), quoted);
          year = -1;
        }
      else if (!check_year (self, h->header, c, year))
        year = -1;
      else
        {
          guint8 status = rex_table_import_year_status (s, length);

          if (self->column_status->len <= c)
            g_array_set_size (self->column_status, c + 1);
          g_array_index (self->column_status, guint8, c) = status;
        }
      g_array_index (h->years, int, c) = year;
      h->first_value = MIN (h->first_value, c);
      h->n_years++;
    }
}

/* A metric column's header that names a metric and year ("gdp_2024")
 * gives the values of that year; the same metric and year twice is an
 * error. */
static void
read_metric_column_year (RexTableImport *self,
                         WideHeader     *h,
                         guint           c,
                         int             year)
{
  int metric = g_array_index (h->column_metric, int, c);

  for (guint d = 1; d < c; d++)
    if (g_array_index (h->column_metric, int, d) == metric && g_array_index (h->years, int, d) == year)
      {
        MetricInfo *info = self->metrics->pdata[metric];

        if (year > 0)
          cell_error (self, h->header, c, _("the column gives %s for %d again"), info->name, year);
        else
          cell_error (self, h->header, c, _("the column gives %s again"), info->name);
        g_array_index (h->column_metric, int, c) = -1;
        return;
      }
  g_array_index (h->years, int, c) = year;
}

/* 地区,土地面积(万平方公里),… : with no year column, a metric per column,
 * undated or of the year its header gives (gdp_2023,gdp_2024). */
/* The year a title line gives its figures ("各地区地区生产总值(2024年)"),
 * or 0: none, two, or a yearbook's (中国统计年鉴2025 holds the figures of
 * 2024); -1 when the figures are of part of a year. */
static int
title_year (RexTableImport *self)
{
  g_autofree char *rest = NULL;
  g_autofree char *title = NULL;
  const char *month;
  int year;

  if (self->title_line == NULL)
    return 0;
  /* Full-width digits as ASCII ones: "(２０２４年)". */
  title = g_utf8_normalize (self->title_line, -1, G_NORMALIZE_NFKC);
  if (title == NULL || strstr (title, "年鉴") != NULL || g_strrstr (title, "earbook") != NULL
      || !rex_table_import_split_year (title, strlen (title), &year, &rest))
    return 0;
  /* Nor the figures of part of a year: "2024年上半年", "(2024年6月)",
   * "2024年1-6月", "第三季度". */
  if (strstr (title, "季度") != NULL || strstr (title, "半年") != NULL)
    return -1;
  for (month = strstr (title, "月"); month != NULL; month = strstr (month + 1, "月"))
    if (month > title && g_ascii_isdigit (month[-1]) && !strstr (title, "1-12月") && !strstr (title, "1—12月"))
      return -1;
  return year;
}

static void
read_metric_columns (RexTableImport *self,
                     WideHeader     *h)
{
  gboolean one_metric = h->n_columns == 2
                        && (self->options->metric.name != NULL || self->header_metric != NULL);
  int dated = title_year (self);
  gboolean dated_by_title = FALSE;

  if (dated < 0)
    rex_table_import_add_problem (self, TRUE, 0, 0, _("the title line gives the figures of part of a year "
                                                      "(a month, a quarter or a half); the importer reads "
                                                      "yearly figures"));

  h->first_value = 1;
  for (guint c = 1; c < h->n_columns; c++)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, h->header, c, &length);
      g_autofree char *name = NULL;
      int year = 0;

      if (length == 0)
        {
          g_array_index (h->column_metric, int, c) = -1;
          continue;
        }
      if (!rex_table_import_split_year (s, length, &year, &name))
        name = g_strndup (s, length);
      if (year == 0 && dated > 0)
        {
          year = dated;
          dated_by_title = TRUE;
        }
      g_array_index (h->column_metric, int, c) = one_metric ? (int) rex_table_import_get_metric (self, NULL, NULL)
                                                             : (int) rex_table_import_get_metric (self, name, NULL);
      read_metric_column_year (self, h, c, year);
    }
  if (dated_by_title)
    rex_table_import_add_problem (self, FALSE, 0, 0, _("the figures are taken to be of %d, the year "
                                                       "the title line gives"), dated);
}

/* The columns before the first value say what a row is. */
static void
read_label_columns (RexTableImport *self,
                    WideHeader     *h)
{
  h->region_col = h->code_col = h->metric_col = h->unit_col = -1;
  for (guint c = 0; c < h->first_value; c++)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, h->header, c, &length);
      Role role = rex_table_import_header_role (s, length);

      if (role == ROLE_CODE && h->code_col < 0)
        h->code_col = c;
      else if (role == ROLE_METRIC && h->metric_col < 0)
        h->metric_col = c;
      else if (role == ROLE_UNIT && h->unit_col < 0)
        h->unit_col = c;
      else if (role != ROLE_CODE && role != ROLE_METRIC && role != ROLE_UNIT)
        {
          if (h->region_col < 0)
            h->region_col = c;
          else if (h->code_col < 0)
            h->code_col = c;
        }
    }
  if (h->region_col < 0)
    h->region_col = h->code_col >= 0 ? h->code_col : 0;
  if (h->code_col == h->region_col)
    h->code_col = -1;
}

/* Columns after the first year that are not years, and years twice. */
static void
check_year_columns (RexTableImport *self,
                    WideHeader     *h)
{
  for (guint c = h->first_value; c < h->n_columns && h->n_years > 0; c++)
    {
      int year = g_array_index (h->years, int, c);

      if (year == 0 && !rex_table_import_cell_is_empty (self, h->header, c))
        {
          gsize length;
          const char *s = rex_table_import_cell_data (self, h->header, c, &length);
          g_autofree char *quoted = rex_table_import_quote (s, length);

          cell_error (self, h->header, c, _("column %s is not a year; write 2024, 2024年 or 2024-12"), quoted);
        }
      for (guint d = h->first_value; d < c && year > 0; d++)
        if (g_array_index (h->years, int, d) == year)
          {
            cell_error (self, h->header, c, _("year %d is a column twice"), year);
            g_array_index (h->years, int, c) = -1;
            break;
          }
    }
}

static void
read_wide_header (RexTableImport *self,
                  guint           header,
                  WideHeader     *h)
{
  h->header = header;
  h->n_columns = g_array_index (self->rows, Row, header).n;
  h->years = g_array_new (FALSE, TRUE, sizeof (int));
  h->column_metric = g_array_new (FALSE, TRUE, sizeof (int));
  g_array_set_size (h->years, h->n_columns);
  g_array_set_size (h->column_metric, h->n_columns);
  h->first_value = h->n_columns;
  h->n_years = 0;

  read_year_columns (self, h);
  self->metric_columns = h->n_years == 0;
  if (self->metric_columns)
    read_metric_columns (self, h);
  read_label_columns (self, h);
  check_year_columns (self, h);
}

/* The labels that name a row's region: its region cell, and its code
 * cell (or second name) in @other, NULL when empty; the code alone when
 * the region cell is empty. FALSE when the row names no region (reported). */
static gboolean
read_region_labels (RexTableImport  *self,
                    guint            r,
                    int              region_col,
                    int              code_col,
                    char           **label,
                    char           **other)
{
  *label = rex_table_import_cell_dup (self, r, region_col);
  *other = code_col >= 0 ? rex_table_import_cell_dup (self, r, code_col) : NULL;
  if (*other != NULL && **other == '\0')
    g_clear_pointer (other, g_free);
  if (**label == '\0' && *other != NULL)
    {
      g_free (*label);
      *label = g_steal_pointer (other);
    }
  if (**label != '\0')
    return TRUE;
  cell_error (self, r, region_col, _("the row names no region"));
  g_clear_pointer (label, g_free);
  return FALSE;
}

/* The header's cells up to its last that is not empty. */
static guint
header_width (RexTableImport   *self,
              const WideHeader *h)
{
  guint width = h->n_columns;

  while (width > 0 && rex_table_import_cell_is_empty (self, h->header, width - 1))
    width--;
  return width;
}

/* The region a row names, or -1 (reported, or an empty row). */
static int
read_row_region (RexTableImport   *self,
                 const WideHeader *h,
                 guint             r)
{
  const Row *row = &g_array_index (self->rows, Row, r);
  g_autofree char *label = NULL;
  g_autofree char *other = NULL;

  if (rex_table_import_row_n_filled (self, r, NULL) == 0
      || !read_region_labels (self, r, h->region_col, h->code_col, &label, &other))
    return -1;
  if (rex_table_import_row_is_wider (self, r, h->n_columns))
    cell_error (self, r, h->n_columns, _("the row has %u cells, the header %u; "
                "the values cannot be matched to years"), row->n, h->n_columns);
  else if (row->n < header_width (self, h))
    /* A file cut short ends in such a row ("天津市,180" for 18024.3). */
    cell_warning (self, r, row->n > 0 ? row->n - 1 : 0,
                  _("the row has %u cells, the header %u; the cells it lacks are read as no data"),
                  row->n, header_width (self, h));

  return rex_table_import_match_region (self, r, h->region_col, label, other);
}

/* The metric of a row: its metric column, else the table's; -1 when the
 * row names none (reported). */
static int
read_row_metric (RexTableImport   *self,
                 const WideHeader *h,
                 guint             r)
{
  g_autofree char *unit = NULL;
  g_autofree char *metric_name = NULL;

  if (h->metric_col >= 0)
    {
      gsize name_length;
      const char *name_data = rex_table_import_cell_data (self, r, h->metric_col, &name_length);

      for (guint m = 0; m < self->metrics->len && h->unit_col < 0; m++)
        {
          MetricInfo *info = self->metrics->pdata[m];

          if (info->label != NULL && info->label_length == name_length
              && memcmp (info->label, name_data, name_length) == 0)
            return m;
        }
      metric_name = rex_table_import_cell_dup (self, r, h->metric_col);
      if (*metric_name == '\0')
        {
          cell_error (self, r, h->metric_col, _("the row names no metric"));
          return -1;
        }
    }
  else if (h->n_years == 0)
    return 0;   /* a metric per column */

  unit = h->unit_col >= 0 ? rex_table_import_cell_dup (self, r, h->unit_col) : NULL;
  return rex_table_import_get_metric (self, metric_name, unit);
}

static void
read_row_values (RexTableImport   *self,
                 const WideHeader *h,
                 guint             r,
                 int               region,
                 guint             metric,
                 GHashTable       *by_pair)
{
  const Row *row = &g_array_index (self->rows, Row, r);
  Pending *pending;

  if (h->n_years == 0)
    {
      for (guint c = h->first_value; c < h->n_columns && c < row->n; c++)
        {
          int column = g_array_index (h->column_metric, int, c);

          if (column >= 0)
            add_point (self, get_pending (self, by_pair, region, column, r, h->region_col, 1),
                       g_array_index (h->years, int, c), 0, r, c);
        }
      return;
    }

  /* One series per row: its years are the columns. */
  pending = get_pending (self, by_pair, region, metric, r, h->region_col, h->n_years);
  for (guint c = h->first_value; c < h->n_columns && c < row->n; c++)
    {
      int year = g_array_index (h->years, int, c);

      if (year > 0)
        add_point (self, pending, year, 0, r, c);
    }
}

/* A region's rows follow each other (one per metric): the same labels as
 * the row before name the same region, without looking them up again. */
static gboolean
same_labels (RexTableImport   *self,
             const WideHeader *h,
             guint             r)
{
  gsize length, prev_length, other_length = 0, prev_other_length = 0;
  const char *label, *prev, *other = NULL, *prev_other = NULL;

  if (r == 0 || g_array_index (self->rows, Row, r).n > h->n_columns)
    return FALSE;
  label = rex_table_import_cell_data (self, r, h->region_col, &length);
  prev = rex_table_import_cell_data (self, r - 1, h->region_col, &prev_length);
  if (h->code_col >= 0)
    {
      other = rex_table_import_cell_data (self, r, h->code_col, &other_length);
      prev_other = rex_table_import_cell_data (self, r - 1, h->code_col, &prev_other_length);
    }
  return length > 0 && length == prev_length && other_length == prev_other_length
         && memcmp (label, prev, length) == 0
         && (other_length == 0 || memcmp (other, prev_other, other_length) == 0);
}

/* Regions in rows: label columns, then years (or, with no year at all,
 * one metric per column, undated). */
void
rex_table_import_read_regions_in_rows (RexTableImport *self,
                                       guint           header,
                                       guint           last,
                                       GHashTable     *by_pair)
{
  WideHeader h;
  int region = -1;

  read_wide_header (self, header, &h);
  rex_table_import_find_country_codes (self, header, last, h.code_col);

  for (guint r = header + 1; r < last; r++)
    {
      int metric;

      if (r % 1024 == 0 && read_check_in (self, header, r, last))
        break;
      if (!(region >= 0 && r > header + 1 && same_labels (self, &h, r)))
        region = read_row_region (self, &h, r);
      if (region < 0)
        continue;
      metric = read_row_metric (self, &h, r);
      if (metric >= 0)
        read_row_values (self, &h, r, region, metric, by_pair);
    }

  g_array_unref (h.years);
  g_array_unref (h.column_metric);
}

/* Years in rows: the header names regions, the first column years. */
void
rex_table_import_read_years_in_rows (RexTableImport *self,
                                     guint           header,
                                     guint           last,
                                     GHashTable     *by_pair)
{
  const Row *head = &g_array_index (self->rows, Row, header);
  g_autoptr(GArray) column_region = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GHashTable) seen_years = g_hash_table_new (NULL, NULL);
  guint metric = rex_table_import_get_metric (self, NULL, NULL);

  g_array_set_size (column_region, head->n);
  for (guint c = 1; c < head->n; c++)
    {
      g_autofree char *label = rex_table_import_cell_dup (self, header, c);

      g_array_index (column_region, int, c) = *label != '\0' ? rex_table_import_match_region (self, header, c, label, NULL) : -1;
    }

  for (guint r = header + 1; r < last; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);
      gsize length;
      const char *s;
      int year;

      if (r % 1024 == 0 && read_check_in (self, header, r, last))
        return;
      if (rex_table_import_row_n_filled (self, r, NULL) == 0)
        continue;
      s = rex_table_import_cell_data (self, r, 0, &length);
      if (length == 0)
        year = 0;   /* undated: a row without a year */
      else if (!rex_table_import_parse_year (s, length, &year))
        {
          g_autofree char *quoted = rex_table_import_quote (s, length);

          cell_error (self, r, 0, _("expected a year (2024, 2024年 or 2024-12), got %s"), quoted);
          continue;
        }
      else if (!check_year (self, r, 0, year))
        continue;
      if (g_hash_table_contains (seen_years, GINT_TO_POINTER (year + 1)))
        {
          cell_error (self, r, 0, _("year %d is a row twice"), year);
          continue;
        }
      g_hash_table_add (seen_years, GINT_TO_POINTER (year + 1));
      if (rex_table_import_row_is_wider (self, r, head->n))
        cell_error (self, r, head->n, _("the row has %u cells, the header %u; "
                    "the values cannot be matched to regions"), row->n, head->n);

      for (guint c = 1; c < head->n && c < row->n; c++)
        {
          int region = g_array_index (column_region, int, c);

          if (region < 0)
            continue;
          add_point (self, get_pending (self, by_pair, region, metric, header, c, last - header), year, 0, r, c);
        }
    }
}

static guint
get_source_name (RexTableImport *self,
                 const char     *name)
{
  for (guint i = 0; i < self->source_names->len; i++)
    if (g_str_equal (self->source_names->pdata[i], name))
      return i + 1;
  g_ptr_array_add (self->source_names, g_strdup (name));
  return self->source_names->len;
}

/* Long: what each column holds, by its header. */
typedef struct
{
  guint   header;
  guint   n_columns;
  int     cols[ROLE_SOURCE + 1];
  GArray    *metric_cols;  /* guint: with no value column, a column per metric */
  GPtrArray *metric_names; /* the label of each, or NULL for the table's one */
} LongHeader;

/* With no value and no metric column, the columns a long table's header
 * leaves unnamed are its metrics (region,year,gdp,population: "tidy" in
 * the strict sense, as OWID and pandas write a panel); the first unnamed
 * one before the year is the region when no column says so (OWID's
 * Entity). */
static gboolean
read_long_metric_columns (RexTableImport *self,
                          LongHeader     *h)
{
  gboolean one_metric;

  if (h->cols[ROLE_VALUE] >= 0 || h->cols[ROLE_METRIC] >= 0 || h->cols[ROLE_YEAR] < 0)
    return TRUE;
  for (guint c = 0; c < h->n_columns; c++)
    {
      gboolean named = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (h->cols); i++)
        named = named || h->cols[i] == (int) c;
      if (named || rex_table_import_cell_is_empty (self, h->header, c))
        continue;
      if (h->cols[ROLE_REGION] < 0 && (int) c < h->cols[ROLE_YEAR])
        h->cols[ROLE_REGION] = c;
      else
        g_array_append_val (h->metric_cols, c);
    }
  if (h->metric_cols->len > 1 && h->cols[ROLE_UNIT] >= 0)
    {
      cell_error (self, h->header, h->cols[ROLE_UNIT], _("a unit column gives the unit of a table's one metric; "
                  "with a metric in each column, give each its unit in its header, as in GDP (亿元)"));
      return FALSE;
    }

  /* A table of one metric named by the options or a 指标： line takes
   * that name; the metrics are made in the order of their columns (with a
   * unit column, at the first row, which gives the unit). */
  one_metric = h->metric_cols->len == 1
               && (self->options->metric.name != NULL || self->header_metric != NULL);
  for (guint i = 0; i < h->metric_cols->len; i++)
    {
      char *name = one_metric ? NULL : rex_table_import_cell_dup (self, h->header, g_array_index (h->metric_cols, guint, i));

      g_ptr_array_add (h->metric_names, name);
      if (h->cols[ROLE_UNIT] < 0)
        rex_table_import_get_metric (self, name, NULL);
    }
  self->metric_columns = h->metric_cols->len > 0;
  return TRUE;
}

static gboolean
read_long_header (RexTableImport *self,
                  guint           header,
                  LongHeader     *h)
{
  h->header = header;
  h->n_columns = g_array_index (self->rows, Row, header).n;
  for (guint i = 0; i < G_N_ELEMENTS (h->cols); i++)
    h->cols[i] = -1;
  for (guint c = 0; c < h->n_columns; c++)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, header, c, &length);
      Role role = rex_table_import_header_role (s, length);

      /* A second name column (省份, 城市) helps the first, as a code does. */
      if (role == ROLE_REGION && h->cols[ROLE_REGION] >= 0 && h->cols[ROLE_CODE] < 0)
        role = ROLE_CODE;
      if (role != ROLE_NONE && h->cols[role] < 0)
        h->cols[role] = c;
    }
  if (!read_long_metric_columns (self, h))
    return FALSE;
  if (h->cols[ROLE_REGION] < 0 && h->cols[ROLE_CODE] >= 0)
    h->cols[ROLE_REGION] = h->cols[ROLE_CODE], h->cols[ROLE_CODE] = -1;
  if (h->cols[ROLE_REGION] < 0 || (h->cols[ROLE_VALUE] < 0 && h->metric_cols->len == 0))
    {
      cell_error (self, header, 0, _("a long table needs a region column (地区, region) and a value "
                  "column (数值, value), or a year column (年份, year) and a column for each metric"));
      return FALSE;
    }
  return TRUE;
}

/* The row's year in @year: 0 without a year column or in an empty cell
 * (an undated value). FALSE when the cell is not a year (reported). */
static gboolean
read_long_year (RexTableImport   *self,
                const LongHeader *h,
                guint             r,
                int              *year)
{
  int col = h->cols[ROLE_YEAR];
  gsize length;
  const char *s;

  *year = 0;
  if (col < 0)
    return TRUE;
  s = rex_table_import_cell_data (self, r, col, &length);
  if (length > 0 && !rex_table_import_parse_year (s, length, year))
    {
      g_autofree char *quoted = rex_table_import_quote (s, length);

      cell_error (self, r, col, _("expected a year (2024, 2024年 or 2024-12) "
                  "or nothing (an undated value), got %s"), quoted);
      return FALSE;
    }
  return length == 0 || check_year (self, r, col, *year);
}

/* The index of the row's source (0: the table's own), or -1 past the
 * limit (reported). */
static int
read_long_source (RexTableImport   *self,
                  const LongHeader *h,
                  guint             r)
{
  g_autofree char *source = NULL;
  guint index = 0;

  if (h->cols[ROLE_SOURCE] < 0)
    return 0;
  source = rex_table_import_cell_dup (self, r, h->cols[ROLE_SOURCE]);
  if (*source != '\0')
    index = get_source_name (self, source);
  if (index > G_MAXUINT16 - 1 || self->source_names->len > REX_DATASET_MAX_SOURCES)
    {
      cell_error (self, r, h->cols[ROLE_SOURCE], _("more than %d sources; that is the limit"),
                  REX_DATASET_MAX_SOURCES);
      return -1;
    }
  return index;
}

/* The region a long table's row names, or -1 (reported, or an empty row). */
static int
read_long_region (RexTableImport   *self,
                  const LongHeader *h,
                  guint             r)
{
  const Row *row = &g_array_index (self->rows, Row, r);
  g_autofree char *label = NULL;
  g_autofree char *code = NULL;

  if (rex_table_import_row_n_filled (self, r, NULL) == 0)
    return -1;
  if (row->n != h->n_columns)
    {
      guint last_filled = 0;

      rex_table_import_row_n_filled (self, r, &last_filled);
      if (last_filled >= h->n_columns)
        {
          cell_error (self, r, h->n_columns, _("the row has %u cells, the header %u"), row->n, h->n_columns);
          return -1;
        }
    }

  if (!read_region_labels (self, r, h->cols[ROLE_REGION], h->cols[ROLE_CODE], &label, &code))
    return -1;
  return rex_table_import_match_region (self, r, h->cols[ROLE_REGION], label, code);
}

/* The metric of a row with a value column: its metric cell, else the
 * table's one metric. */
static guint
read_long_metric (RexTableImport   *self,
                  const LongHeader *h,
                  guint             r)
{
  g_autofree char *name = h->cols[ROLE_METRIC] >= 0 ? rex_table_import_cell_dup (self, r, h->cols[ROLE_METRIC]) : NULL;
  g_autofree char *unit = h->cols[ROLE_UNIT] >= 0 ? rex_table_import_cell_dup (self, r, h->cols[ROLE_UNIT]) : NULL;

  return rex_table_import_get_metric (self, name != NULL && *name != '\0' ? name : NULL, unit);
}

/* Long: region, year, metric, value, unit, source in any order; or
 * region, year and a column for each metric. */
void
rex_table_import_read_long (RexTableImport *self,
                            guint           header,
                            guint           last,
                            GHashTable     *by_pair)
{
  LongHeader h;

  h.metric_cols = g_array_new (FALSE, FALSE, sizeof (guint));
  h.metric_names = g_ptr_array_new_with_free_func (g_free);
  if (!read_long_header (self, header, &h))
    goto out;
  rex_table_import_find_country_codes (self, header, last, h.cols[ROLE_CODE]);

  for (guint r = header + 1; r < last; r++)
    {
      int region, year, source;

      if (r % 1024 == 0 && read_check_in (self, header, r, last))
        break;
      if ((region = read_long_region (self, &h, r)) < 0 || !read_long_year (self, &h, r, &year))
        continue;
      if ((source = read_long_source (self, &h, r)) < 0)
        break;

      if (h.metric_cols->len == 0)
        add_point (self, get_pending (self, by_pair, region, read_long_metric (self, &h, r), r, h.cols[ROLE_REGION], 8),
                   year, source, r, h.cols[ROLE_VALUE]);
      for (guint i = 0; i < h.metric_cols->len; i++)
        {
          g_autofree char *unit = h.cols[ROLE_UNIT] >= 0 ? rex_table_import_cell_dup (self, r, h.cols[ROLE_UNIT]) : NULL;
          guint metric = rex_table_import_get_metric (self, h.metric_names->pdata[i], unit);

          add_point (self, get_pending (self, by_pair, region, metric, r, h.cols[ROLE_REGION], 8),
                     year, source, r, g_array_index (h.metric_cols, guint, i));
        }
    }

out:
  g_array_unref (h.metric_cols);
  g_ptr_array_unref (h.metric_names);
}

/* Two header rows */

/* What a header cell of two rows holds: nothing, a year, or a name. */
static int
header_part (RexTableImport *self,
             guint           row,
             guint           c)
{
  gsize length;
  const char *s = rex_table_import_cell_data (self, row, c, &length);
  double number;
  int year;

  if (length == 0)
    return 0;
  if (rex_table_import_parse_year (s, length, &year))
    return 1;
  return rex_table_import_parse_number (s, length, &number) == NUMBER_BAD ? 2 : -1;
}

/* A yearbook's header of two rows, a metric over its years (merged cells,
 * so the name stands over the first year only) or a year over its metrics:
 *
 *   地区,地区生产总值(亿元),,年末常住人口(万人),
 *   ,2023,2024,2023,2024
 *
 * The region's header may stand in either row, the other cell empty.
 * The rows are joined into one, "地区生产总值(亿元) 2023", whose headers
 * carry their years (rex_table_import_split_year()), and the other row is
 * emptied. The header's row is then the longer of the two, in *@first. */
void
rex_table_import_join_header_rows (RexTableImport *self,
                                   guint          *first,
                                   guint           last)
{
  guint top = *first, bottom = top + 1, into, n;
  int year_row = 0;
  guint joined = 0, above = 0;
  gsize length = 0;
  g_autoptr(GPtrArray) texts = NULL;

  if (bottom >= last || rex_table_import_row_n_filled (self, bottom, NULL) < 2
      || (!rex_table_import_cell_is_empty (self, bottom, 0) && !rex_table_import_cell_is_empty (self, top, 0)))
    return;
  n = MAX (g_array_index (self->rows, Row, top).n, g_array_index (self->rows, Row, bottom).n);

  /* Every column under a name (its own or one to its left) pairs a year
   * with a name, the years all in one row. */
  texts = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < n; c++)
    {
      int t = header_part (self, top, c), b = header_part (self, bottom, c);
      g_autofree char *top_text = NULL;
      g_autofree char *bottom_text = NULL;

      if (t < 0 || b < 0)
        return;
      if (t != 0)
        above = c;
      else if (b != 0 && above > 0)
        t = header_part (self, top, above);
      if (t != 0 && b != 0)
        {
          if (t == b || (year_row != 0 && year_row != (t == 1 ? 1 : 2)))
            return;
          year_row = t == 1 ? 1 : 2;
          joined++;
        }
      top_text = rex_table_import_cell_dup (self, top, t != 0 && rex_table_import_cell_is_empty (self, top, c) ? above : c);
      bottom_text = rex_table_import_cell_dup (self, bottom, c);
      g_ptr_array_add (texts, t == 0 || b == 0 ? g_strconcat (top_text, bottom_text, NULL)
                              : year_row == 1 ? g_strconcat (bottom_text, " ", top_text, NULL)
                              : g_strconcat (top_text, " ", bottom_text, NULL));
    }
  if (joined == 0)
    return;
  for (guint c = 0; c < n; c++)
    length += strlen (texts->pdata[c]) + 1;
  if (self->arena->len + length >= CELL_IN_ARENA)
    return;

  /* The joined texts go to the arena, in the longer row's cells. */
  into = g_array_index (self->rows, Row, bottom).n > g_array_index (self->rows, Row, top).n ? bottom : top;
  for (guint c = 0; c < n; c++)
    {
      Cell *cell = &g_array_index (self->cells, Cell, g_array_index (self->rows, Row, into).first + c);
      const char *text = texts->pdata[c];

      cell->content = (guint32) self->arena->len | CELL_IN_ARENA;
      cell->length = strlen (text);
      g_string_append_len (self->arena, text, cell->length + 1);
    }
  g_array_index (self->rows, Row, into == top ? bottom : top).n = 0;
  *first = into;
}

RexTableShape
rex_table_import_detect_shape (RexTableImport *self,
                               guint           header,
                               guint           last)
{
  const Row *head = &g_array_index (self->rows, Row, header);
  gboolean has_region = FALSE, has_value = FALSE, has_metric = FALSE;
  int year_col = -1;
  guint year_columns = 0, year_rows = 0, rows = 0;

  for (guint c = 0; c < head->n; c++)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, header, c, &length);
      int year;

      switch (rex_table_import_header_role (s, length))
        {
        case ROLE_REGION:
        case ROLE_CODE:
          has_region = TRUE;
          break;
        case ROLE_VALUE:
          has_value = TRUE;
          break;
        case ROLE_YEAR:
          year_col = year_col < 0 ? (int) c : year_col;
          break;
        case ROLE_METRIC:
          has_metric = TRUE;
          break;
        default:
          break;
        }
      if (c > 0 && rex_table_import_parse_year (s, length, &year))
        year_columns++;
    }

  if (year_columns == 0 && has_region && has_value && (year_col >= 0 || has_metric))
    return REX_TABLE_SHAPE_LONG;
  /* region,year,gdp,population: a metric in each column. A year column
   * first with no region column is the header of years in rows. */
  if (year_columns == 0 && !has_value && !has_metric && year_col >= 0 && (has_region || year_col > 0)
      && head->n > 2)
    return REX_TABLE_SHAPE_LONG;
  if (year_columns > 0)
    return REX_TABLE_SHAPE_REGIONS_IN_ROWS;

  for (guint r = header + 1; r < last && rows < 50; r++)
    {
      gsize length;
      const char *s = rex_table_import_cell_data (self, r, 0, &length);
      int year;

      if (rex_table_import_row_n_filled (self, r, NULL) == 0)
        continue;
      rows++;
      year_rows += rex_table_import_parse_year (s, length, &year);
    }
  if (year_rows > 0 && year_rows * 2 >= rows)
    return REX_TABLE_SHAPE_YEARS_IN_ROWS;

  return REX_TABLE_SHAPE_REGIONS_IN_ROWS;
}
