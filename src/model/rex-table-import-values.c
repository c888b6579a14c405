/* rex-table-import-values.c — what single cells and lines say: years,
 * numbers (and the markers of a missing value), the statistics
 * database's header and footer lines, units. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

/* Years and numbers */

/* Whether @s holds full-width forms (U+FF00–U+FF5F: "２０２４年",
 * "（初步）") or the ideographic space, which NFKC turns into ASCII. */
static gboolean
has_full_width (const char *s,
                gsize       length)
{
  for (gsize i = 0; i + 2 < length; i++)
    if (((guchar) s[i] == 0xEF && ((guchar) s[i + 1] == 0xBC || (guchar) s[i + 1] == 0xBD))
        || ((guchar) s[i] == 0xE3 && (guchar) s[i + 1] == 0x80 && (guchar) s[i + 2] == 0x80))
      return TRUE;
  return FALSE;
}

/* @s in narrow forms: its NFKC form when it holds full-width ones, kept
 * in *@copy for the caller to free, with its length in *@length; else @s.
 * NULL when @s is not valid UTF-8. */
static const char *
narrow_forms (const char *s,
              gsize      *length,
              char      **copy)
{
  *copy = NULL;
  if (!has_full_width (s, *length))
    return s;
  *copy = g_utf8_normalize (s, *length, G_NORMALIZE_NFKC);
  if (*copy != NULL)
    *length = strlen (*copy);
  return *copy;
}

/* Whether @tail, after a year's four digits, is "-01-01" (or with '/' or
 * '.'): the first day of the year. */
static gboolean
is_first_of_year (const char *tail,
                  gsize       length)
{
  return length == 6 && (tail[0] == '-' || tail[0] == '/' || tail[0] == '.') && tail[3] == tail[0]
         && memcmp (tail + 1, "01", 2) == 0 && memcmp (tail + 4, "01", 2) == 0;
}

/* The length of @s without a note that a yearbook puts after a year to say
 * how final its figures are: "2024年(初步)", "2024年（初步核算）",
 * "2024 预计", "2024 (revised)"; what the note says in *@status. */
static gsize
without_year_note (const char     *s,
                   gsize           length,
                   RexValueStatus *status)
{
  static const struct { const char *note; RexValueStatus status; } notes[] = {
    { "初步", REX_VALUE_STATUS_PRELIMINARY }, { "初步数", REX_VALUE_STATUS_PRELIMINARY },
    { "初步核算", REX_VALUE_STATUS_PRELIMINARY }, { "初步核算数", REX_VALUE_STATUS_PRELIMINARY },
    { "初步核实", REX_VALUE_STATUS_PRELIMINARY }, { "快报", REX_VALUE_STATUS_PRELIMINARY },
    { "快报数", REX_VALUE_STATUS_PRELIMINARY }, { "prelim", REX_VALUE_STATUS_PRELIMINARY },
    { "prelim.", REX_VALUE_STATUS_PRELIMINARY }, { "preliminary", REX_VALUE_STATUS_PRELIMINARY },
    { "provisional", REX_VALUE_STATUS_PRELIMINARY },
    { "预计", REX_VALUE_STATUS_ESTIMATE }, { "预计数", REX_VALUE_STATUS_ESTIMATE },
    { "预估", REX_VALUE_STATUS_ESTIMATE }, { "估计", REX_VALUE_STATUS_ESTIMATE },
    { "估计数", REX_VALUE_STATUS_ESTIMATE }, { "est", REX_VALUE_STATUS_ESTIMATE },
    { "est.", REX_VALUE_STATUS_ESTIMATE }, { "estimate", REX_VALUE_STATUS_ESTIMATE },
    { "estimated", REX_VALUE_STATUS_ESTIMATE },
    { "修订", REX_VALUE_STATUS_FINAL }, { "修订数", REX_VALUE_STATUS_FINAL }, { "核实", REX_VALUE_STATUS_FINAL },
    { "核实数", REX_VALUE_STATUS_FINAL }, { "最终核实", REX_VALUE_STATUS_FINAL },
    { "最终核实数", REX_VALUE_STATUS_FINAL }, { "revised", REX_VALUE_STATUS_FINAL },
  };

  *status = REX_VALUE_STATUS_FINAL;
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      const char *note = notes[i].note;
      gsize n = strlen (note);
      gsize end = length;

      /* In brackets, after a space, or right after 年. */
      if (end > n + 2 && s[end - 1] == ')' && s[end - n - 2] == '('
          && g_ascii_strncasecmp (s + end - n - 1, note, n) == 0)
        end -= n + 2;
      else if (end > n + 1 && s[end - n - 1] == ' ' && g_ascii_strncasecmp (s + end - n, note, n) == 0)
        end -= n + 1;
      else if (end >= n + 4 + strlen ("年") && memcmp (s + end - n - strlen ("年"), "年", strlen ("年")) == 0
               && memcmp (s + end - n, note, n) == 0)
        end -= n;
      else
        continue;
      while (end > 0 && s[end - 1] == ' ')
        end--;
      *status = notes[i].status;
      return end;
    }
  return length;
}

/* What a year header's note says of its figures: preliminary
 * ("2024年(初步)"), an estimate ("2024 预计"), or final (no note, or
 * "修订"). */
RexValueStatus
rex_table_import_year_status (const char *s,
                              gsize       length)
{
  g_autofree char *ascii = NULL;
  RexValueStatus status;

  s = narrow_forms (s, &length, &ascii);
  if (s == NULL)
    return REX_VALUE_STATUS_FINAL;
  without_year_note (s, rex_footnote_mark_start (s, length), &status);
  return status;
}

/* "2024", "2024年", "2024年末", "2024-12", "2024-12-31", "2024/12", "2024.0",
 * with or without a footnote mark ("2024年①", "2024*") or a note on how
 * final the figures are ("2024年(初步)"), in full-width digits too
 * ("２０２４年"). */
gboolean
rex_table_import_parse_year (const char *s,
                             gsize       length,
                             int        *year)
{
  static const char * const tails[] = { "", "年", "年末", "年底", "年度", "年份", ".0",
                                        "年1-12月", "年1—12月", "年1至12月", NULL };
  g_autofree char *ascii = NULL;
  const char *tail;
  gsize tail_length;

  s = narrow_forms (s, &length, &ascii);
  if (s == NULL)
    return FALSE;
  tail = s + 4;
  length = without_year_note (s, rex_footnote_mark_start (s, length), &(RexValueStatus) { 0 });
  if (length < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  tail_length = length - 4;

  if (tail_length >= 3 && (tail[0] == '-' || tail[0] == '/' || tail[0] == '.')
      && g_ascii_isdigit (tail[1]) && g_ascii_isdigit (tail[2]))
    {
      int month = (tail[1] - '0') * 10 + (tail[2] - '0');

      /* The year's end ("2024-12", "2024-12-31"): a stock at the end of
       * the year is the year's; June's is not (rex_table_import_is_part_of_year()).
       * Nor is January's, but the first day of the year names the year
       * as annual series written as dates do ("2024-01-01", pandas'
       * year-start stamps). */
      if (month != 12 && !is_first_of_year (tail, tail_length))
        return FALSE;
      tail += 3;
      tail_length -= 3;
      if (tail_length == 3 && tail[0] == tail[-3] && g_ascii_isdigit (tail[1]) && g_ascii_isdigit (tail[2]))
        tail_length = 0;
      else if (tail_length != 0)
        return FALSE;
    }
  else
    {
      gboolean ok = FALSE;

      for (guint i = 0; tails[i] != NULL && !ok; i++)
        ok = strlen (tails[i]) == tail_length && memcmp (tail, tails[i], tail_length) == 0;
      if (!ok)
        return FALSE;
    }

  *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  return TRUE;
}

/* Whether @s names part of a year: a month or months ("2024年6月",
 * "2024年1-6月"), a quarter ("2024年第四季度", "2024Q4") or a half
 * ("2024年上半年", "2024H1"), which a table of years must not take for
 * the year. */
gboolean
rex_table_import_is_part_of_year (const char *s,
                                  gsize       length)
{
  static const char * const parts[] = {
    "第一季度", "第二季度", "第三季度", "第四季度", "一季度", "二季度", "三季度", "四季度",
    "第1季度", "第2季度", "第3季度", "第4季度", "1季度", "2季度", "3季度", "4季度",
    "上半年", "下半年", "前三季度", "Q1", "Q2", "Q3", "Q4", "H1", "H2", NULL
  };
  g_autofree char *ascii = NULL;
  const char *p, *end;

  s = narrow_forms (s, &length, &ascii);
  if (s == NULL)
    return FALSE;
  length = rex_footnote_mark_start (s, length);
  end = s + length;
  if (length < 5)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  p = s + 4;
  /* A month other than the year's last: "2024-06", "2024/6", "2024.06",
   * "2024-06-30", "2024M06". */
  if (end - p >= 2 && (*p == '-' || *p == '/' || *p == '.' || *p == 'M' || *p == 'm')
      && g_ascii_isdigit (p[1]))
    {
      const char *digits = p + 1;
      int month = 0;

      while (digits < end && g_ascii_isdigit (*digits) && month < 100)
        month = month * 10 + (*digits++ - '0');
      if (digits - p - 1 <= 2 && month >= 1 && month <= 11
          && (digits == end || ((*digits == '-' || *digits == '/' || *digits == '.') && digits + 3 == end
                                && g_ascii_isdigit (digits[1]) && g_ascii_isdigit (digits[2])))
          && !is_first_of_year (p, end - p))
        return TRUE;
    }
  if (end - p >= 3 && memcmp (p, "年", 3) == 0)
    p += 3;
  else if (*p == '-' || *p == '/' || *p == ' ')
    p++;
  for (guint i = 0; parts[i] != NULL; i++)
    if ((gsize) (end - p) == strlen (parts[i]) && g_ascii_strncasecmp (p, parts[i], end - p) == 0)
      return TRUE;
  /* Months: "6月", "06月份", "6月末", "1-6月", "1—6月", "1至6月". */
  for (int n = 0; n < 2; n++)
    {
      const char *digits = p;

      while (p < end && g_ascii_isdigit (*p))
        p++;
      if (p == digits || p - digits > 2)
        return FALSE;
      if (end - p >= 3 && memcmp (p, "月", 3) == 0)
        return end - p == 3 || (end - p == 6 && (memcmp (p + 3, "份", 3) == 0 || memcmp (p + 3, "末", 3) == 0
                                                 || memcmp (p + 3, "底", 3) == 0));
      if (n == 0 && p < end && *p == '-')
        p++;
      else if (n == 0 && end - p >= 3 && (memcmp (p, "—", 3) == 0 || memcmp (p, "至", 3) == 0))
        p += 3;
      else
        return FALSE;
    }
  return FALSE;
}

/* TRUE for the characters that join a year to a metric's name. */
static gboolean
is_year_joint (char c)
{
  return c == '_' || c == '-' || c == ' ' || c == '/';
}

/* A metric's header that carries its year: "gdp_2024", "GDP 2024",
 * "2024年地区生产总值(亿元)", "人口(2024)" → 2024, and the header without
 * it: "gdp", "GDP", "地区生产总值(亿元)", "人口". FALSE when the header holds
 * no year, two (a range: "2020-2024 growth"), or a year alone. */
gboolean
rex_table_import_split_year (const char *s,
                             gsize       length,
                             int        *year,
                             char      **rest)
{
  static const char * const tails[] = { "年末", "年底", "年度", "年", NULL };
  gsize start = 0, end = 0, head, tail;
  gboolean found = FALSE;
  int found_year = 0;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (gsize i = 0; i < length;)
    {
      gsize j = i;

      if (!g_ascii_isdigit (s[i]))
        {
          i++;
          continue;
        }
      while (j < length && g_ascii_isdigit (s[j]))
        j++;
      /* Four digits, not part of a decimal number ("1.2024", "2024.5"). */
      if (j - i == 4 && !(i > 0 && s[i - 1] == '.')
          && !(j + 1 < length && s[j] == '.' && g_ascii_isdigit (s[j + 1])))
        {
          int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');

          if (y >= REX_YEAR_MIN && y <= REX_YEAR_MAX)
            {
              if (found)
                return FALSE;
              found = TRUE;
              found_year = y;
              start = i;
              end = j;
            }
        }
      i = j;
    }
  if (!found)
    return FALSE;

  for (guint t = 0; tails[t] != NULL; t++)
    if (length - end >= strlen (tails[t]) && memcmp (s + end, tails[t], strlen (tails[t])) == 0)
      {
        end += strlen (tails[t]);
        break;
      }

  /* "人口(2024)": the brackets go with the year. */
  head = start;
  tail = end;
  if (head >= 1 && tail < length && s[head - 1] == '(' && s[tail] == ')')
    head--, tail++;
  else if (head >= 3 && length - tail >= 3 && memcmp (s + head - 3, "（", 3) == 0 && memcmp (s + tail, "）", 3) == 0)
    head -= 3, tail += 3;
  while (head > 0 && is_year_joint (s[head - 1]))
    head--;
  while (tail < length && is_year_joint (s[tail]))
    tail++;

  before = g_strndup (s, head);
  after = g_strndup (s + tail, length - tail);
  if (*before == '\0' && *after == '\0')
    return FALSE;
  *year = found_year;
  /* "gdp real", "GDP (亿元)", but "地区生产总值(亿元)" as Chinese writes it. */
  *rest = *before != '\0' && *after != '\0' && !g_str_has_prefix (after, "（")
          && (*after != '(' || g_ascii_isalnum (before[strlen (before) - 1]))
          ? g_strconcat (before, " ", after, NULL)
          : g_strconcat (before, after, NULL);
  return TRUE;
}

static gboolean
is_missing_marker (const char *s,
                   gsize       length)
{
  static const char * const markers[] = {
    "-", "--", "—", "——", "–", "…", "……", "...", "..", ".", "NA", "N/A", "n/a", "na",
    "null", "NULL", "None", "无", "x", "X", "*", "#N/A", NULL
  };

  /* Most cells are numbers: no marker starts with a digit or is long. */
  if (length > 6 || g_ascii_isdigit (s[0]))
    return FALSE;
  for (guint i = 0; markers[i] != NULL; i++)
    if (strlen (markers[i]) == length && memcmp (s, markers[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* "-123.45", "12,345.6" with at most 15 digits: the integer of its digits
 * and a power of ten are both exact doubles, so one division rounds
 * correctly (what strtod() gives, in a fraction of its time). Thousands
 * separators must group by three. FALSE for anything else, which
 * parse_number() reads the slow way. */
static gboolean
fast_decimal (const char *s,
              gsize       n,
              double     *value)
{
  static const double powers[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15 };
  const char *end = s + n;
  gboolean negative = FALSE, grouped = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0, group = 0;

  if (s < end && (*s == '-' || *s == '+'))
    negative = *s++ == '-';
  for (; s < end; s++)
    {
      guint d = (guchar) *s - '0';

      if (d < 10)
        {
          mantissa = mantissa * 10 + d;
          digits++;
          group++;
        }
      else if (*s == ',' && group >= 1 && group <= 3 && (!grouped || group == 3))
        {
          grouped = TRUE;
          group = 0;
        }
      else
        break;
    }
  if (digits == 0 || (grouped && group != 3))
    return FALSE;
  if (s < end && *s == '.')
    {
      for (s++; s < end; s++)
        {
          guint d = (guchar) *s - '0';

          if (d >= 10)
            return FALSE;
          mantissa = mantissa * 10 + d;
          digits++;
          decimals++;
        }
    }
  if (s != end || digits > 15)
    return FALSE;
  *value = (double) mantissa / powers[decimals];
  if (negative)
    *value = -*value;
  return TRUE;
}

/* The ASCII of a full-width digit or sign ("４９８４３．１", "８５％"),
 * and the minus sign U+2212; 0 for any other character. */
static char
ascii_of_wide (gunichar c)
{
  if (c >= 0xFF10 && c <= 0xFF19)
    return '0' + (c - 0xFF10);
  switch (c)
    {
    case 0xFF0E: return '.';
    case 0xFF0C: return ',';
    case 0xFF05: return '%';
    case 0xFF0B: return '+';
    case 0xFF0D: case 0x2212: case 0xFE63: return '-';
    case 0xFF45: return 'e';
    case 0xFF25: return 'E';
    default: return 0;
    }
}

/* @s as ASCII in @buffer: full-width forms made narrow, a footnote mark
 * at the end cut off (*@marked). FALSE when a character has no ASCII form
 * or it does not fit. */
static gboolean
narrow_number (const char *s,
               gsize       length,
               char       *buffer,
               gsize       size,
               gsize      *n,
               gboolean   *marked)
{
  const char *end = s + rex_footnote_mark_start (s, length);

  *n = 0;
  *marked = end < s + length;
  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      char ascii = c < 0x80 ? (char) c : ascii_of_wide (c);

      if (ascii == 0 || *n + 1 >= size)
        return FALSE;
      buffer[(*n)++] = ascii;
    }
  return TRUE;
}

NumberResult
rex_table_import_parse_number (const char *s,
                               gsize       length,
                               double     *value)
{
  char narrow[64];
  char buffer[64];
  gsize n = 0;
  gsize digits_before_point = 0;
  gboolean seen_point = FALSE, seen_exponent = FALSE, grouped = FALSE, marked;
  guint since_comma = 0;
  char *end;

  /* Plain decimals first: nearly every cell of a table. */
  if (length > 0 && length < 18 && fast_decimal (s, length, value))
    return NUMBER_OK;
  if (length == 0 || is_missing_marker (s, length))
    return NUMBER_MISSING;

  if (!narrow_number (s, length, narrow, sizeof narrow, &length, &marked))
    return NUMBER_BAD;
  s = narrow;
  /* A trailing per cent sign is dropped: the unit says what the values are. */
  if (length > 1 && s[length - 1] == '%')
    length--;
  if (length >= sizeof buffer)
    return NUMBER_BAD;

  for (gsize i = 0; i < length; i++)
    {
      char c = s[i];

      if (g_ascii_isdigit (c))
        {
          if (!seen_point && !seen_exponent)
            digits_before_point++;
          since_comma++;
          buffer[n++] = c;
        }
      else if (c == ',' && !seen_point && !seen_exponent)
        {
          /* Thousands separators: groups of three digits. */
          if (digits_before_point == 0 || (grouped && since_comma != 3) || (!grouped && since_comma > 3))
            return NUMBER_BAD;
          grouped = TRUE;
          since_comma = 0;
        }
      else if (c == '.' && !seen_point && !seen_exponent)
        {
          if (grouped && since_comma != 3)
            return NUMBER_BAD;
          seen_point = TRUE;
          buffer[n++] = c;
        }
      else if ((c == 'e' || c == 'E') && !seen_exponent && i > 0)
        {
          seen_exponent = TRUE;
          buffer[n++] = c;
        }
      else if ((c == '-' || c == '+') && (i == 0 || s[i - 1] == 'e' || s[i - 1] == 'E'))
        buffer[n++] = c;
      else
        return NUMBER_BAD;
    }
  if (grouped && !seen_point && since_comma != 3)
    return NUMBER_BAD;
  buffer[n] = '\0';

  if (!seen_exponent && fast_decimal (buffer, n, value))
    return marked ? NUMBER_MARKED : NUMBER_OK;

  *value = g_ascii_strtod (buffer, &end);
  if (end == buffer || *end != '\0' || !isfinite (*value))
    return NUMBER_BAD;
  return marked ? NUMBER_MARKED : NUMBER_OK;
}

void
rex_table_import_report_bad_number (RexTableImport *self,
                                    guint           row,
                                    guint           cell,
                                    const char     *s,
                                    gsize           length)
{
  g_autofree char *quoted = rex_table_import_quote (s, length);

  if (length > 0 && strchr ("=+-@", s[0]) != NULL)
    cell_error (self, row, cell,
                _("expected a number, got %s, which looks like a spreadsheet formula; "
                "formulas are not evaluated: save the table with their values"), quoted);
  else
    cell_error (self, row, cell, _("expected a number, got %s"), quoted);
}

/* Header and footer lines */

static const struct
{
  const char *key;
  int         what;   /* 0 database, 1 metric, 2 time, 3 unit, 4 note, 5 publisher, 6 region */
} meta_keys[] = {
  { "数据库", 0 }, { "Database", 0 }, { "Data Source", 0 },
  { "指标", 1 }, { "Indicator", 1 }, { "Metric", 1 },
  { "时间", 2 }, { "Time", 2 }, { "Period", 2 }, { "Last Updated Date", 2 },
  { "单位", 3 }, { "Unit", 3 },
  { "注", 4 }, { "备注", 4 }, { "说明", 4 }, { "Note", 4 }, { "Notes", 4 },
  { "数据来源", 5 }, { "资料来源", 5 }, { "来源", 5 }, { "Source", 5 },
  { "地区", 6 }, { "Region", 6 },
};

/* "指标：地区生产总值(亿元)" → what, and the value after the colon. */
static gboolean
parse_meta (const char  *s,
            gsize        length,
            int         *what,
            char       **value)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      gsize key_length = strlen (meta_keys[i].key);
      const char *rest = s + key_length;
      gsize rest_length;

      if (length < key_length || g_ascii_strncasecmp (s, meta_keys[i].key, key_length) != 0)
        continue;
      rest_length = length - key_length;
      if (rest_length >= 3 && memcmp (rest, "：", 3) == 0)
        rest += 3, rest_length -= 3;
      else if (rest_length >= 1 && rest[0] == ':')
        rest += 1, rest_length -= 1;
      else
        continue;

      while (rest_length > 0 && g_ascii_isspace (*rest))
        rest++, rest_length--;
      *what = meta_keys[i].what;
      *value = g_strndup (rest, rest_length);
      return TRUE;
    }
  return FALSE;
}

/* "地区生产总值(亿元)" → "地区生产总值" and "亿元". */
void
rex_table_import_split_unit (const char  *text,
                             char       **name,
                             char       **unit)
{
  const char *open = NULL;
  gsize length = strlen (text);
  gsize close_length = 0;

  if (length >= 1 && text[length - 1] == ')')
    close_length = 1;
  else if (length >= 3 && memcmp (text + length - 3, "）", 3) == 0)
    close_length = 3;

  if (close_length > 0)
    {
      const char *a = g_strrstr (text, "(");
      const char *b = g_strrstr (text, "（");

      open = a != NULL && (b == NULL || a > b) ? a : b;
    }

  if (open == NULL || open == text)
    {
      /* "growth_pct", "增速%": a percentage named by its suffix. */
      static const char * const percent_tails[] = { "%", "％", "_pct", " pct", "_percent", " percent" };

      for (guint i = 0; i < G_N_ELEMENTS (percent_tails); i++)
        {
          gsize tail_length = strlen (percent_tails[i]);

          if (length > tail_length
              && g_ascii_strcasecmp (text + length - tail_length, percent_tails[i]) == 0)
            {
              *name = g_strstrip (g_strndup (text, length - tail_length));
              *unit = g_strdup ("%");
              return;
            }
        }
      *name = g_strstrip (g_strdup (text));
      *unit = NULL;
      return;
    }

  *name = g_strstrip (g_strndup (text, open - text));
  open += *open == '(' ? 1 : 3;
  *unit = g_strstrip (g_strndup (open, text + length - close_length - open));
  if (**unit == '\0')
    g_clear_pointer (unit, g_free);
}

/* Keeps what a header line says (@what from parse_meta(), @value taken). */
static void
set_meta (RexTableImport *self,
          int             what,
          char           *value)
{
  char **field = NULL;

  switch (what)
    {
    case 0:
      field = &self->database;
      break;
    case 1:
      field = &self->header_metric;
      break;
    case 3:
      field = &self->header_unit;
      break;
    case 4:
      if (self->note->len > 0)
        g_string_append (self->note, " ");
      g_string_append (self->note, value);
      break;
    case 5:
      field = &self->publisher;
      break;
    case 6:
      field = &self->header_region;
      break;
    default:
      break;
    }
  if (field != NULL)
    {
      g_free (*field);
      *field = value;
    }
  else
    g_free (value);
}

/* TRUE when @s ends a sentence: a comment after it starts a new one. */
static gboolean
ends_sentence (const char *s)
{
  static const char *const marks[] = { ".", "!", "?", ";", "。", "！", "？", "；" };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_has_suffix (s, marks[i]))
      return TRUE;
  return FALSE;
}

/* The '#' lines: "# Source: …", "# 单位：亿元" as the header lines are read;
 * any other comment goes to the note. A source line that breaks off
 * mid-sentence goes on in the next comment, unless that one starts a
 * sentence of its own (a capital letter) or a key of its own. */
static void
read_comments (RexTableImport *self)
{
  gboolean source_open = FALSE;

  for (guint i = 0; i < self->comments->len; i++)
    {
      const Comment *c = &g_array_index (self->comments, Comment, i);
      const char *s = self->text + c->offset;
      g_autofree char *value = NULL;
      int what;

      if (c->length == 0)
        {
          source_open = FALSE;
          continue;
        }
      if (parse_meta (s, c->length, &what, &value))
        {
          source_open = what == 5 && !ends_sentence (value);
          set_meta (self, what, g_steal_pointer (&value));
          continue;
        }
      value = g_strndup (s, c->length);
      if (source_open && !g_ascii_isupper (*s))
        {
          char *joined = *self->publisher != '\0' ? g_strconcat (self->publisher, " ", value, NULL)
                                                   : g_strdup (value);

          source_open = !ends_sentence (joined);
          g_free (self->publisher);
          self->publisher = joined;
          continue;
        }
      source_open = FALSE;
      set_meta (self, 4, g_steal_pointer (&value));
    }
}

/* A header line of two cells, key and value, as the World Bank writes
 * them ("Data Source","World Development Indicators"): kept when a wider
 * row follows, so that a table of two columns (地区,2024年; 时间,北京) keeps
 * its header. */
static gboolean
read_meta_pair (RexTableImport *self,
                guint           row,
                guint           last)
{
  g_autofree char *key = rex_table_import_cell_dup (self, row, 0);
  g_autofree char *cell = rex_table_import_cell_dup (self, row, 1);
  g_autofree char *line = NULL;
  g_autofree char *value = NULL;
  int what;

  /* The key is the whole first cell: "Source" + ":" + the second. */
  if (strchr (key, ':') != NULL || strstr (key, "：") != NULL)
    return FALSE;
  line = g_strconcat (key, ":", cell, NULL);
  if (!parse_meta (line, strlen (line), &what, &value) || what == 1 || what == 6)
    return FALSE;
  for (guint r = row + 1, seen = 0; r < last && seen < 5; r++)
    {
      guint filled = rex_table_import_row_n_filled (self, r, NULL);

      if (filled > 2)
        {
          set_meta (self, what, g_steal_pointer (&value));
          return TRUE;
        }
      seen += filled > 0;
    }
  return FALSE;
}

/* Reads the header and footer lines; returns the first and last rows of the
 * table between them (last exclusive). */
void
rex_table_import_read_meta (RexTableImport *self,
                            guint          *first,
                            guint          *last)
{
  guint n_rows = self->rows->len;
  guint top = 0, bottom = n_rows;

  read_comments (self);
  for (; top < n_rows; top++)
    {
      guint last_filled = 0;
      guint filled = rex_table_import_row_n_filled (self, top, &last_filled);
      g_autofree char *value = NULL;
      gsize length;
      const char *s;
      int what;

      if (filled == 0 || (filled == 2 && last_filled == 1 && read_meta_pair (self, top, n_rows)))
        continue;
      if (filled > 1 || last_filled != 0)
        break;
      s = rex_table_import_cell_data (self, top, 0, &length);
      if (parse_meta (s, length, &what, &value))
        {
          set_meta (self, what, g_steal_pointer (&value));
          continue;
        }
      /* A title line: "2024年各地区生产总值". */
      if (self->title_line == NULL)
        self->title_line = g_strndup (s, length);
    }

  while (bottom > top)
    {
      guint last_filled = 0;
      guint filled = rex_table_import_row_n_filled (self, bottom - 1, &last_filled);
      g_autofree char *value = NULL;
      gsize length;
      const char *s;
      int what;

      if (filled == 0)
        {
          bottom--;
          continue;
        }
      if (filled > 1 || last_filled != 0)
        break;
      s = rex_table_import_cell_data (self, bottom - 1, 0, &length);
      if (!parse_meta (s, length, &what, &value) || (what != 4 && what != 5))
        break;
      if (what == 5)
        {
          g_free (self->publisher);
          self->publisher = g_steal_pointer (&value);
        }
      else
        {
          if (self->note->len > 0)
            g_string_prepend (self->note, " ");
          g_string_prepend (self->note, value);
        }
      bottom--;
    }

  *first = top;
  *last = bottom;
}
