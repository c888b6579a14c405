/* rex-dataset-loader-values.c — a region's values of one metric: the series
 * the parser made of plain numbers by year, the years it could not place,
 * values written as objects (source, qualifier, status, date, note), the
 * undated value, the source each value falls back to, and the limits on
 * years, percentages and the number of values.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "rex-dataset-loader-private.h"

#define NO_SOURCE_FORMAT N_("value has no source; give it a \"source\", or name one in " \
                            "the region's \"sources\" or in metric \"%s\"")
#define UNKNOWN_QUALIFIER_FORMAT N_("unknown qualifier \"%s\"; expected \"about\", \"over\" or \"under\"")
#define UNKNOWN_STATUS_FORMAT N_("unknown status \"%s\"; expected \"final\", \"preliminary\", " \
                                 "\"estimate\" or \"derived\"")

/* The set of years in which @metric_id has a value, indexed from REX_YEAR_MIN. */
static guint8 *
get_year_set (Loader     *l,
              const char *metric_id)
{
  guint8 *set = g_hash_table_lookup (l->year_sets, metric_id);

  if (set == NULL)
    {
      set = g_new0 (guint8, N_YEARS);
      g_hash_table_insert (l->year_sets, g_strdup (metric_id), set);
    }

  return set;
}

/* Four ASCII digits: "2023". */
static gboolean
parse_year_key (const char *key,
                int        *year)
{
  if (strlen (key) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (key[i]))
      return FALSE;

  *year = atoi (key);

  return TRUE;
}

/* A value of a RexQualifier or RexValueStatus field, by its nick. */
static gboolean
parse_enum (GType       enum_type,
            const char *str,
            guint8     *out)
{
  int value;

  if (!rex_enum_from_nick (enum_type, str, &value))
    return FALSE;
  *out = value;

  return TRUE;
}


/* The members of a value written as an object (docs/dataset-format.md),
 * by index in ValueMembers. */
static const char * const value_members[] = {
  "value", "source", "qualifier", "status", "date", "note", NULL
};

enum
{
  MEMBER_VALUE,
  MEMBER_SOURCE,
  MEMBER_QUALIFIER,
  MEMBER_STATUS,
  MEMBER_DATE,
  MEMBER_NOTE,
  N_VALUE_MEMBERS
};

/* The members of a value written as an object, by name; NULL when absent. */
typedef const RexJsonMember *ValueMembers[N_VALUE_MEMBERS];

/* Finds the members of @object, and reports at their names those that a
 * value does not have; "x-" members are extensions and ignored. */
static void
find_value_members (Loader              *l,
                    const RexJsonMember *object,
                    ValueMembers         members)
{
  memset (members, 0, sizeof (ValueMembers));

  for (guint i = 0; i < object->n_members; i++)
    {
      const RexJsonMember *member = &object->members[i];
      g_autofree char *expected = NULL;
      gsize saved;
      guint k;

      for (k = 0; k < N_VALUE_MEMBERS && strcmp (member->name, value_members[k]) != 0; k++)
        ;
      if (k < N_VALUE_MEMBERS)
        {
          members[k] = member;
          continue;
        }
      if (g_str_has_prefix (member->name, "x-"))
        continue;

      saved = rex_loader_path_push_member (l, member->name);
      expected = g_strjoinv (", ", (char **) value_members);
      report_offset (l, member->key_offset,
                     "unknown member \"%s\" (expected one of: %s; extensions "
                     "must start with \"x-\")", member->name, expected);
      rex_loader_path_pop (l, saved);
    }
}

/* Reports @format at member @k of a value written as an object. */
static void G_GNUC_PRINTF (4, 5)
report_member (Loader       *l,
               ValueMembers  members,
               guint         k,
               const char   *format,
               ...)
{
  gsize saved = rex_loader_path_push_member (l, value_members[k]);
  va_list args;

  va_start (args, format);
  rex_loader_report_offset_valist (l, members[k]->offset, REX_DATASET_ERROR_INVALID, format, args);
  va_end (args);
  rex_loader_path_pop (l, saved);
}

/* Member @k when it is a string; NULL when absent, or reported when of
 * another type. */
static const char *
member_string (Loader       *l,
               ValueMembers  members,
               guint         k)
{
  if (members[k] == NULL || members[k]->type == REX_JSON_STRING)
    return members[k] != NULL ? members[k]->string : NULL;

  report_member (l, members, k, "expected a string, got %s",
                 rex_loader_describe_type (members[k]->type));

  return NULL;
}

/* One value: a number, or a value written as an object, { value, source?,
 * qualifier?, status?, date?, note? }. Fills @datum (but for its source
 * when the value names none) and @note. Problems with the date or the note
 * are reported but do not drop the value. */
static gboolean
load_value (Loader               *l,
            const RexJsonMember  *value,
            RexDatum             *datum,
            RexSource           **source,
            const char          **note)
{
  ValueMembers members;
  const char *str;
  gboolean ok = TRUE;

  *datum = (RexDatum) { .value = NAN };
  *source = NULL;
  *note = NULL;

  if (value->type == REX_JSON_NUMBER)
    {
      datum->value = value->number;
      return isfinite (datum->value);
    }

  if (value->type != REX_JSON_OBJECT)
    {
      report_offset (l, value->offset, "expected a number, got %s",
                     rex_loader_describe_type (value->type));
      return FALSE;
    }

  find_value_members (l, value, members);
  if (members[MEMBER_VALUE] != NULL && members[MEMBER_VALUE]->type == REX_JSON_NUMBER)
    {
      datum->value = members[MEMBER_VALUE]->number;
    }
  else
    {
      if (members[MEMBER_VALUE] == NULL)
        report_offset (l, value->offset, "missing required member \"value\"");
      else
        report_member (l, members, MEMBER_VALUE, "expected a number, got %s",
                       rex_loader_describe_type (members[MEMBER_VALUE]->type));
      ok = FALSE;
    }

  if (members[MEMBER_SOURCE] != NULL)
    {
      str = member_string (l, members, MEMBER_SOURCE);
      if (str != NULL && (*source = rex_dataset_lookup_source (l->dataset, str)) == NULL)
        report_member (l, members, MEMBER_SOURCE, UNKNOWN_SOURCE_FORMAT, str);
      ok &= *source != NULL;
    }

  str = member_string (l, members, MEMBER_QUALIFIER);
  /* "exact" is the default and not written in files. */
  if (str != NULL && (g_str_equal (str, "exact") || !parse_enum (REX_TYPE_QUALIFIER, str, &datum->qualifier)))
    {
      report_member (l, members, MEMBER_QUALIFIER, UNKNOWN_QUALIFIER_FORMAT, str);
      ok = FALSE;
    }

  str = member_string (l, members, MEMBER_STATUS);
  if (str != NULL && !parse_enum (REX_TYPE_VALUE_STATUS, str, &datum->status))
    {
      report_member (l, members, MEMBER_STATUS, UNKNOWN_STATUS_FORMAT, str);
      ok = FALSE;
    }

  str = member_string (l, members, MEMBER_DATE);
  if (str != NULL && !rex_loader_is_valid_date (str))
    report_member (l, members, MEMBER_DATE, BAD_DATE_FORMAT, str);

  *note = member_string (l, members, MEMBER_NOTE);

  return ok;
}

/* Reports @format at @offset with the year's member pushed on the path. */
static void G_GNUC_PRINTF (4, 5)
report_year (Loader     *l,
             int         year,
             guint32     offset,
             const char *format,
             ...)
{
  char key[8];
  gsize saved;
  va_list args;

  /* Year keys were checked to be four digits: this is the key as written. */
  g_snprintf (key, sizeof key, "%04d", year);
  saved = rex_loader_path_push_member (l, key);
  va_start (args, format);
  rex_loader_report_offset_valist (l, offset, REX_DATASET_ERROR_INVALID, format, args);
  va_end (args);
  rex_loader_path_pop (l, saved);
}

/* Values of a percentage metric lie in 0–100, as the format promises and
 * as charts draw them ("Rest of China" is 100 minus the value). Each value
 * outside is reported where it is written. */
static void
check_percent_range (Loader        *l,
                     RexMetric     *metric,
                     RexJsonSeries *rec,
                     RexSeries     *series)
{
  int first, last;

  if (!rex_metric_get_percent (metric) || !rex_series_get_year_range (series, &first, &last))
    return;
  for (int year = first; year <= last; year++)
    {
      const RexDatum *datum = rex_series_get_datum (series, year);
      guint32 key_offset, value_offset;

      if (datum == NULL || (datum->value >= 0 && datum->value <= 100))
        continue;
      if (!rex_json_document_find_year (l->doc, rec, year, &key_offset, &value_offset))
        value_offset = rec->offset;
      report_year (l, year, value_offset,
                   "%g is out of range (0 to 100): metric \"%s\" is a percentage",
                   datum->value, rex_metric_get_id (metric));
    }
}

/* What rex_loader_load_series() knows of the values.METRIC object it is at. */
typedef struct
{
  RexJsonSeries *rec;
  RexMetric     *metric;
  RexSeries     *parsed;        /* the parser's series, or NULL */
  int            parsed_first;
  int            parsed_last;
  guint          n_parsed;
  int            first;         /* of every dated value */
  int            last;
  const RexJsonMember *undated;
  RexSource     *region_source;
  RexSource     *default_source; /* the region's, else the metric's */
  guint          default_index;
  guint8        *year_set;
} SeriesLoad;

static void
add_year_value (Loader     *l,
                SeriesLoad *sl,
                YearValue  *yv)
{
  sl->first = MIN (sl->first, yv->year);
  sl->last = MAX (sl->last, yv->year);
  g_array_append_val (l->scratch_years, *yv);
}

/* Numbers the parser could not put in the series: years out of range, or a
 * series too sparse for it. */
static void
collect_numbers (Loader     *l,
                 SeriesLoad *sl)
{
  for (guint i = 0; i < sl->rec->n_numbers; i++)
    {
      YearValue yv = { rex_json_document_get_number_year (l->doc, &sl->rec->numbers[i]),
                       &sl->rec->numbers[i], NULL };

      if (yv.year < REX_YEAR_MIN || yv.year > REX_YEAR_MAX)
        report_year (l, yv.year, yv.number->key_offset,
                     "year %d is outside the supported range %d–%d",
                     yv.year, REX_YEAR_MIN, REX_YEAR_MAX);
      else
        add_year_value (l, sl, &yv);
    }
}

/* The other members: values by year, and the one that holds in every year
 * (land area, a target), "undated". */
static void
collect_values (Loader     *l,
                SeriesLoad *sl)
{
  for (guint i = 0; i < sl->rec->n_values; i++)
    {
      const RexJsonMember *value = &sl->rec->values[i];
      YearValue yv = { 0, NULL, value };
      gsize saved;

      if (g_str_equal (value->name, "undated"))
        {
          sl->undated = value;
          continue;
        }

      if (parse_year_key (value->name, &yv.year) &&
          yv.year >= REX_YEAR_MIN && yv.year <= REX_YEAR_MAX)
        {
          add_year_value (l, sl, &yv);
          continue;
        }

      saved = rex_loader_path_push_member (l, value->name);
      if (!parse_year_key (value->name, &yv.year))
        report_offset (l, value->key_offset, "expected a year with four digits (e.g. \"2023\"), "
                       "got \"%s\"", value->name);
      else
        report_offset (l, value->key_offset, "year %d is outside the supported range %d–%d",
                       yv.year, REX_YEAR_MIN, REX_YEAR_MAX);
      rex_loader_path_pop (l, saved);
    }
}

/* Marks the years of @series in the metric's year set. */
static void
mark_years (SeriesLoad *sl,
            RexSeries  *series)
{
  for (int year = sl->parsed_first; year <= sl->parsed_last; year++)
    if (rex_series_get_datum (series, year) != NULL)
      sl->year_set[year - REX_YEAR_MIN] = 1;
}

/* The series the values go into: the parser's when they fall inside it and
 * have a default source, else a new one with the parser's values copied. */
static RexSeries *
new_series (Loader     *l,
            SeriesLoad *sl)
{
  RexSeries *series;

  if (sl->default_source != NULL && sl->n_parsed > 0 &&
      sl->first >= sl->parsed_first && sl->last <= sl->parsed_last)
    {
      rex_series_set_source (sl->parsed, sl->default_index);
      mark_years (sl, sl->parsed);
      return rex_series_ref (sl->parsed);
    }

  if (sl->n_parsed == 0 && l->scratch_years->len == 0)
    return rex_series_new_undated (rex_metric_get_id (sl->metric));

  series = rex_series_new (rex_metric_get_id (sl->metric), sl->first, sl->last);
  for (int year = sl->parsed_first; year <= sl->parsed_last; year++)
    {
      const RexDatum *value = rex_series_get_datum (sl->parsed, year);
      guint32 key_offset, value_offset;
      RexDatum datum;

      if (value == NULL)
        continue;

      if (sl->default_source == NULL)
        {
          /* The number's place is found again in the text. */
          if (!rex_json_document_find_year (l->doc, sl->rec, year, &key_offset, &value_offset))
            value_offset = sl->rec->offset;
          report_year (l, year, value_offset, NO_SOURCE_FORMAT, rex_metric_get_id (sl->metric));
          continue;
        }

      datum = (RexDatum) { .value = value->value, .source = sl->default_index };
      rex_series_set_datum (series, year, &datum);
      sl->year_set[year - REX_YEAR_MIN] = 1;
    }

  return series;
}

static guint
source_index (Loader    *l,
              RexSource *source)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (l->source_indices, source)) - 1;
}

/* A value record into @series at @year (0: the undated value). */
static void
store_value (Loader              *l,
             SeriesLoad          *sl,
             RexSeries           *series,
             int                  year,
             const RexJsonMember *value)
{
  RexDatum datum;
  RexSource *source;
  const char *note;

  if (!load_value (l, value, &datum, &source, &note))
    return;

  if (source == NULL)
    source = sl->default_source;
  if (source == NULL)
    {
      report_offset (l, value->offset, NO_SOURCE_FORMAT, rex_metric_get_id (sl->metric));
      return;
    }

  datum.source = source_index (l, source);
  if (year == 0)
    rex_series_set_undated (series, &datum);
  else
    rex_series_set_datum (series, year, &datum);
  if (note != NULL)
    rex_series_set_note (series, year, note);
  if (year != 0)
    sl->year_set[year - REX_YEAR_MIN] = 1;
}

/* The values collected beside the parser's series. */
static void
store_values (Loader     *l,
              SeriesLoad *sl,
              RexSeries  *series)
{
  char key[8];
  gsize saved;

  for (guint i = 0; i < l->scratch_years->len; i++)
    {
      const YearValue *yv = &g_array_index (l->scratch_years, YearValue, i);

      if (yv->number != NULL && sl->default_source == NULL)
        {
          report_year (l, yv->year, yv->number->value_offset, NO_SOURCE_FORMAT,
                       rex_metric_get_id (sl->metric));
        }
      else if (yv->number != NULL)
        {
          RexDatum datum = { .value = yv->number->value, .source = sl->default_index };

          rex_series_set_datum (series, yv->year, &datum);
          sl->year_set[yv->year - REX_YEAR_MIN] = 1;
        }
      else
        {
          g_snprintf (key, sizeof key, "%04d", yv->year);
          saved = rex_loader_path_push_member (l, key);
          store_value (l, sl, series, yv->year, yv->value);
          rex_loader_path_pop (l, saved);
        }
    }

  if (sl->undated != NULL)
    {
      saved = rex_loader_path_push_member (l, "undated");
      store_value (l, sl, series, 0, sl->undated);
      rex_loader_path_pop (l, saved);
    }
}

/* Counts the object's values against the limit; FALSE (and the load
 * stops) past it. */
static gboolean
count_values (Loader     *l,
              SeriesLoad *sl)
{
  l->n_values += sl->n_parsed + l->scratch_years->len + (sl->undated != NULL);
  if (l->n_values <= REX_DATASET_MAX_VALUES)
    return TRUE;

  report_offset_code (l, sl->rec->offset, REX_DATASET_ERROR_TOO_LARGE,
                      "more than %d values in the file; that is the limit",
                      REX_DATASET_MAX_VALUES);
  l->fatal = TRUE;

  return FALSE;
}

/* One values.METRIC object: the series the parser made of its numbers
 * named by years, the numbers it could not put there and the records of
 * its other members. */
void
rex_loader_load_series (Loader        *l,
                        RexRegion     *region,
                        RexMetric     *metric,
                        RexSource     *region_source,
                        RexJsonSeries *rec)
{
  SeriesLoad sl = {
    .rec = rec, .metric = metric, .parsed = rec->series,
    .parsed_first = 0, .parsed_last = -1, .first = G_MAXINT, .last = G_MININT,
  };
  g_autoptr(RexSeries) series = NULL;
  RexSource *metric_source = NULL;

  g_array_set_size (l->scratch_years, 0);
  if (sl.parsed != NULL && rex_series_get_year_range (sl.parsed, &sl.parsed_first, &sl.parsed_last))
    {
      sl.n_parsed = rex_series_get_n_values (sl.parsed);
      sl.first = sl.parsed_first;
      sl.last = sl.parsed_last;
    }

  collect_numbers (l, &sl);
  collect_values (l, &sl);
  if (sl.n_parsed + l->scratch_years->len == 0 && sl.undated == NULL)
    return;
  if (!count_values (l, &sl))
    return;

  if (metric != NULL && metric->source_id != NULL)
    metric_source = rex_dataset_lookup_source (l->dataset, metric->source_id);
  sl.region_source = region_source;
  sl.default_source = region_source != NULL ? region_source : metric_source;
  if (sl.default_source != NULL)
    sl.default_index = source_index (l, sl.default_source);
  sl.year_set = get_year_set (l, rex_metric_get_id (metric));

  /* The common case: only numbers, whose source is the region's or the
   * metric's. The parser's series is the region's. */
  if (l->scratch_years->len == 0 && sl.default_source != NULL && sl.undated == NULL)
    {
      rex_series_set_source (sl.parsed, sl.default_index);
      mark_years (&sl, sl.parsed);
      check_percent_range (l, metric, rec, sl.parsed);
      rex_region_add_series (region, sl.parsed);
      return;
    }

  series = new_series (l, &sl);
  store_values (l, &sl, series);
  if (rex_series_get_n_values (series) > 0 || rex_series_get_undated (series) != NULL)
    {
      check_percent_range (l, metric, rec, series);
      rex_region_add_series (region, series);
    }
}
