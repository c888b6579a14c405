/* test-chart-labels.c — the labels a chart draws, read off the chart as it
 * draws them (rex_chart_record_text()): every set of numbers (an axis, a
 * legend, the value labels) is written in one format — one abbreviation
 * step and one number of decimals — in the language's style (k, M in
 * English; 万, 亿 in Chinese); and the names placed beside bubbles and
 * seats cover no other mark, nor each other. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "rex-chart-private.h"

typedef struct
{
  char   *suffix;    /* "", "k", "万"…; "%" kept apart */
  int     decimals;
  double  x, y, right, cy;
  const char *text;
} Number;

static void
number_clear (gpointer data)
{
  g_free (((Number *) data)->suffix);
}

/* Draws @spec of @dataset and returns the boxes of its text; the circles
 * and leaders it drew are appended to @marks unless NULL. */
static GArray *
draw_and_record (Fixture            *f,
                 RexDataset         *dataset,
                 const RexChartSpec *spec,
                 int                 width,
                 int                 height,
                 GArray             *marks,
                 RexChart          **chart_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexChart) chart = rex_chart_new (dataset, spec, &error);
  GArray *boxes = g_array_new (FALSE, TRUE, sizeof (RexChartTextBox));
  cairo_t *cr;

  g_assert_no_error (error);
  g_array_set_clear_func (boxes, rex_chart_text_box_clear);
  g_clear_pointer (&f->surface, cairo_surface_destroy);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (f->surface);
  rex_chart_record_text (cr, boxes);
  if (marks != NULL)
    rex_chart_record_marks (cr, marks);
  rex_chart_draw (chart, cr, width, height, f->style);
  cairo_destroy (cr);
  if (chart_out != NULL)
    *chart_out = g_steal_pointer (&chart);
  return boxes;
}

/* Draws @spec of @dataset and returns the boxes of its text. */
static GArray *
draw_and_read (Fixture            *f,
               RexDataset         *dataset,
               const RexChartSpec *spec,
               int                 width,
               int                 height,
               RexChart          **chart_out)
{
  g_autoptr(RexChart) chart = NULL;
  GArray *boxes = draw_and_record (f, dataset, spec, width, height, NULL, &chart);

  g_assert_null (rex_chart_get_empty_message (chart));
  g_assert_cmpuint (boxes->len, >, 3);
  if (chart_out != NULL)
    *chart_out = g_steal_pointer (&chart);
  return boxes;
}

/* Parses one number as charts write it: "<0.01", "≈75", "1,234.5k",
 * "36.50%", "10.3万"; FALSE for anything else (names, years in text). */
static gboolean
parse_number (const char *text,
              Number     *number)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *fraction = NULL;

  if (regex == NULL)
    regex = g_regex_new ("^(?:<|>-|≈|>|−|-)?[0-9][0-9,]*(?:\\.([0-9]+))?(k|M|B|T|万|亿)?(%?)$", 0, 0, NULL);
  /* Powers of ten, a log axis's labels over many decades: a format of their own. */
  if (g_regex_match_simple ("^10(?:⁻)?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$", text, 0, 0))
    {
      number->decimals = 0;
      number->suffix = g_strdup ("10ⁿ");
      return TRUE;
    }
  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;
  fraction = g_match_info_fetch (match, 1);
  number->decimals = fraction ? (int) strlen (fraction) : 0;
  number->suffix = g_match_info_fetch (match, 2);
  if (number->suffix == NULL)
    number->suffix = g_strdup ("");
  return TRUE;
}

/* The numbers among the chart's labels: a label that is a number, or a
 * range of two ("10.3万–20.5万"). A lone "0" is left out: zero is written
 * "0" whatever the step. */
static GArray *
numbers_of (GArray *boxes)
{
  GArray *numbers = g_array_new (FALSE, TRUE, sizeof (Number));

  g_array_set_clear_func (numbers, number_clear);
  for (guint i = 0; i < boxes->len; i++)
    {
      const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);
      g_auto(GStrv) parts = g_regex_split_simple ("\\s*[–—]\\s*", box->text, 0, 0);
      guint n = g_strv_length (parts);
      Number tmp[2];
      gboolean all = n >= 1 && n <= 2;

      for (guint k = 0; k < n && all; k++)
        {
          all = parse_number (parts[k], &tmp[k]);
          if (!all)
            for (guint j = 0; j < k; j++)
              g_free (tmp[j].suffix);
        }
      if (!all)
        continue;
      for (guint k = 0; k < n; k++)
        {
          if (g_str_equal (parts[k], "0"))
            {
              g_free (tmp[k].suffix);
              continue;
            }
          tmp[k].x = box->x;
          tmp[k].right = box->x + box->width;
          tmp[k].cy = box->y + box->height / 2;
          tmp[k].text = box->text;
          g_array_append_val (numbers, tmp[k]);
        }
    }
  return numbers;
}

static void
assert_same_format (GPtrArray  *set,
                    const char *what)
{
  const Number *first;

  if (set->len < 2)
    return;
  first = set->pdata[0];
  for (guint i = 1; i < set->len; i++)
    {
      const Number *n = set->pdata[i];

      if (g_strcmp0 (n->suffix, first->suffix) != 0 || n->decimals != first->decimals)
        g_error ("%s: “%s” and “%s” are written in different formats", what, first->text, n->text);
    }
}

/* The sets of a chart's numbers: those on one line (an axis under the plot,
 * a row of tiles), those in one column (an axis beside the plot, a legend),
 * three or more each; the rest (value labels) one set. Each set in one
 * format, in the language's style. Returns the number of numbers. */
static guint
assert_label_sets (GArray     *boxes,
                   gboolean    chinese,
                   const char *what)
{
  g_autoptr(GArray) numbers = numbers_of (boxes);
  g_autofree gboolean *grouped = g_new0 (gboolean, numbers->len + 1);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  for (guint i = 0; i < numbers->len; i++)
    {
      const Number *n = &g_array_index (numbers, Number, i);

      if (chinese)
        g_assert_true (strpbrk (n->suffix, "kMBT") == NULL);
      else
        g_assert_true (strstr (n->suffix, "万") == NULL && strstr (n->suffix, "亿") == NULL);
    }
  for (guint axis = 0; axis < 3; axis++)
    for (guint i = 0; i < numbers->len; i++)
      {
        const Number *a = &g_array_index (numbers, Number, i);
        g_autoptr(GPtrArray) set = g_ptr_array_new ();

        if (grouped[i])
          continue;
        for (guint j = 0; j < numbers->len; j++)
          {
            const Number *b = &g_array_index (numbers, Number, j);
            gboolean aligned = axis == 0 ? fabs (a->cy - b->cy) < 1.0
                             : axis == 1 ? fabs (a->right - b->right) < 1.0 : fabs (a->x - b->x) < 1.0;

            if (!grouped[j] && aligned)
              g_ptr_array_add (set, (gpointer) b);
          }
        if (set->len < 3)
          continue;
        assert_same_format (set, what);
        for (guint j = 0; j < set->len; j++)
          grouped[((Number *) set->pdata[j]) - (Number *) (gpointer) numbers->data] = TRUE;
      }
  for (guint i = 0; i < numbers->len; i++)
    if (!grouped[i])
      g_ptr_array_add (rest, &g_array_index (numbers, Number, i));
  assert_same_format (rest, what);
  return numbers->len;
}

static RexChartSpec *
spec_of (RexChartKind kind,
         const char  *metric)
{
  RexChartSpec *spec = rex_chart_spec_new (kind);

  spec->metric = g_strdup (metric);
  return spec;
}

/* Every kind of chart, from the bundled data, in English and Chinese. */
static void
test_one_format_per_set (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) rex_chart_spec_free);
  RexChartSpec *spec;

  g_assert_no_error (error);
  /* Bars: value labels and the axis; a rate with its national line. */
  g_ptr_array_add (specs, spec_of (REX_CHART_KIND_BARS, "gdp"));
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_BARS, "population"));
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", "CN-GD", NULL });
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_BARS, "urbanization"));
  spec->color_by = REX_COLOR_BY_MACRO_REGION;
  /* Lines: the nation beside provinces, absolute and log. */
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_LINES, "gdp"));
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-XZ", "CN-QH", NULL });
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_LINES, "population"));
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN", "CN-XZ", NULL });
  spec->log_y = TRUE;
  /* Bubbles: two axes and the size legend, linear and log. */
  for (guint log = 0; log < 2; log++)
    {
      g_ptr_array_add (specs, spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES));
      spec->x_metric = g_strdup ("gdp_per_capita");
      spec->y_metric = g_strdup ("gdp");
      spec->size_metric = g_strdup ("population");
      spec->log_x = spec->log_y = log;
    }
  /* Map: tiles' values and the classes, a continuous ramp, the seats. */
  g_ptr_array_add (specs, spec_of (REX_CHART_KIND_MAP, "gdp"));
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_MAP, "population"));
  spec->continuous = TRUE;
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_MAP, "gdp_per_capita"));
  spec->map_mode = REX_MAP_MODE_GEO;
  /* Shares: percentages of a total and a composition. */
  g_ptr_array_add (specs, spec_of (REX_CHART_KIND_SHARES, "gdp"));
  g_ptr_array_add (specs, spec = spec_of (REX_CHART_KIND_SHARES, "va_primary,va_secondary,va_tertiary"));
  spec->shares_mode = REX_SHARES_MODE_COMPOSITION;

  for (guint chinese = 0; chinese < 2; chinese++)
    {
      g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
      for (guint i = 0; i < specs->len; i++)
        {
          const RexChartSpec *s = specs->pdata[i];
          g_autoptr(GArray) boxes = draw_and_read (f, bundled, s, 1200, 800, NULL);
          g_autofree char *what = g_strdup_printf ("%s of %s (%s)", rex_chart_kind_to_string (s->kind),
                                                  s->metric ? s->metric : s->y_metric,
                                                  chinese ? "Chinese" : "English");

          /* Each chart has numbers to compare: an axis, a legend or labels. */
          g_assert_cmpuint (assert_label_sets (boxes, chinese, what), >=, 3);
        }
    }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* The checker itself: a set in two formats fails, in a child process. */
static void
test_mixed_formats_fail (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GArray) boxes = g_array_new (FALSE, TRUE, sizeof (RexChartTextBox));
      const char *labels[] = { "73,129", "102.7k", "38,680.6" };

      g_array_set_clear_func (boxes, rex_chart_text_box_clear);
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          RexChartTextBox box = { g_strdup (labels[i]), 10 + i * 37.0, 20 + i * 23.0, 30, 12 };
          g_array_append_val (boxes, box);
        }
      assert_label_sets (boxes, FALSE, "tiles");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*different formats*");
}

static gboolean
boxes_overlap (const RexChartTextBox *a,
               const RexChartTextBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
box_contains (const RexChartTextBox *box,
              double                 x,
              double                 y)
{
  return x > box->x && x < box->x + box->width && y > box->y && y < box->y + box->height;
}

/* Distance from a point to a box (0 inside). */
static double
box_distance (const RexChartTextBox *box,
              double                 x,
              double                 y)
{
  double dx = MAX (MAX (box->x - x, 0), x - box->x - box->width);
  double dy = MAX (MAX (box->y - y, 0), y - box->y - box->height);

  return sqrt (dx * dx + dy * dy);
}

/* The name labels of @chart's region items: each covers no other item's
 * anchor, overlaps no other label, and lies within the chart; with
 * @nearest, one beside its mark is nearer its own anchor than any other
 * (seats: marks of one size). Returns the number of names checked. */
static guint
assert_names_clear (RexChart *chart,
                    GArray   *boxes,
                    int       width,
                    int       height,
                    gboolean  nearest)
{
  guint n_items = rex_chart_get_n_items (chart), n_names = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);
      RexChartItem own;
      gboolean found = FALSE;

      for (guint k = 0; k < n_items && !found; k++)
        found = rex_chart_get_item (chart, k, &own) && own.region != NULL
                && g_str_equal (box->text, rex_region_get_display_name (own.region));
      if (!found)
        continue;
      n_names++;
      g_assert_cmpfloat (box->x, >=, 0);
      g_assert_cmpfloat (box->y, >=, 0);
      g_assert_cmpfloat (box->x + box->width, <=, width);
      g_assert_cmpfloat (box->y + box->height, <=, height);
      for (guint k = 0; k < n_items; k++)
        {
          RexChartItem other;

          g_assert_true (rex_chart_get_item (chart, k, &other));
          if (other.region == own.region || isnan (other.value))
            continue;
          if (box_contains (box, other.x, other.y))
            g_error ("the label “%s” covers %s", box->text, rex_region_get_id (other.region));
          /* A label beside its mark (within a line of it; one farther away
           * has a leader line) is nearer it than any other. */
          if (nearest && box_distance (box, own.x, own.y) < box->height
              && box_distance (box, other.x, other.y) < box_distance (box, own.x, own.y))
            g_error ("the label “%s” is nearer %s than its own mark", box->text, rex_region_get_id (other.region));
        }
      for (guint j = 0; j < boxes->len; j++)
        if (j != i && boxes_overlap (box, &g_array_index (boxes, RexChartTextBox, j)))
          g_error ("the label “%s” overlaps “%s”", box->text, g_array_index (boxes, RexChartTextBox, j).text);
    }
  return n_names;
}

/* Bubbles and the seats of the geographic map, crowded (all provinces),
 * at two sizes, in English and Chinese. */
static void
test_names_clear_of_marks (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  const int sizes[][2] = { { 800, 600 }, { 1920, 1080 } };

  g_assert_no_error (error);
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint kind = 0; kind < 2; kind++)
        {
          g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kind == 0 ? REX_CHART_KIND_BUBBLES
                                                                        : REX_CHART_KIND_MAP);
          g_autoptr(RexChart) chart = NULL;
          g_autoptr(GArray) boxes = NULL;

          g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
          if (kind == 0)
            {
              spec->x_metric = g_strdup ("population");
              spec->y_metric = g_strdup ("gdp");
              spec->size_metric = g_strdup ("population");
              spec->color_by = REX_COLOR_BY_MACRO_REGION;
              rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", "CN-GS", "CN-JS", "CN-AH", NULL });
            }
          else
            {
              spec->metric = g_strdup ("gdp");
              spec->map_mode = REX_MAP_MODE_GEO;
              rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", "CN-GS", "CN-JS", "CN-AH", NULL });
            }
          boxes = draw_and_read (f, bundled, spec, sizes[s][0], sizes[s][1], &chart);
          /* Some names are placed (the selection's at least). */
          g_assert_cmpuint (assert_names_clear (chart, boxes, sizes[s][0], sizes[s][1], kind == 1), >=, 4);
        }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* The distance from (@x, @y) to the segment @ends (x0, y0, x1, y1). */
static double
segment_point_distance (const double *ends,
                        double        x,
                        double        y)
{
  double dx = ends[2] - ends[0], dy = ends[3] - ends[1];
  double t = ((x - ends[0]) * dx + (y - ends[1]) * dy) / MAX (dx * dx + dy * dy, 1e-12);

  t = CLAMP (t, 0, 1);
  return hypot (ends[0] + t * dx - x, ends[1] + t * dy - y);
}

/* Draws @spec of @dataset at @width × @height and checks every leader line
 * it drew: it starts on the edge of its own mark and crosses no other
 * (a line through a small bubble reads as that bubble's). Returns the
 * number of leaders. */
static guint
assert_leaders_clear (Fixture            *f,
                      RexDataset         *dataset,
                      const RexChartSpec *spec,
                      int                 width,
                      int                 height)
{
  gboolean selection = spec->regions != NULL && spec->regions[0] != NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (RexChartMarkRecord));
  g_autoptr(GArray) boxes = draw_and_record (f, dataset, spec, width, height, records, NULL);
  guint n_leaders = 0, n_marks = 0;

  for (guint i = 0; i < records->len; i++)
    n_marks += !g_array_index (records, RexChartMarkRecord, i).leader;
  g_assert_cmpuint (n_marks, >=, 10);
  for (guint i = 0; i < records->len; i++)
    {
      const RexChartMarkRecord *leader = &g_array_index (records, RexChartMarkRecord, i);
      double ends[4] = { leader->x0, leader->y0, leader->x1, leader->y1 };
      int own = -1;

      if (!leader->leader)
        continue;
      n_leaders++;
      for (guint j = 0; j < records->len && own < 0; j++)
        {
          const RexChartMarkRecord *mark = &g_array_index (records, RexChartMarkRecord, j);

          if (!mark->leader && fabs (hypot (ends[0] - mark->x0, ends[1] - mark->y0) - mark->r) < 0.01)
            own = (int) j;
        }
      if (own < 0)
        g_error ("a leader from (%.1f, %.1f) starts on no mark's edge", ends[0], ends[1]);
      /* Nor through any text but the label it ends on (the selection's
       * labels, placed whatever it takes, may have to). */
      for (guint j = 0; j < boxes->len && !selection; j++)
        {
          const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, j);
          gboolean hit = FALSE, at_end;

          at_end = ends[2] >= box->x - 0.5 && ends[2] <= box->x + box->width + 0.5
                   && ends[3] >= box->y - 0.5 && ends[3] <= box->y + box->height + 0.5;
          for (int k = 1; k < 64 && !hit && !at_end; k++)
            {
              double x = ends[0] + (ends[2] - ends[0]) * k / 64.0, y = ends[1] + (ends[3] - ends[1]) * k / 64.0;

              hit = x > box->x && x < box->x + box->width && y > box->y && y < box->y + box->height;
            }
          if (hit)
            g_error ("%d×%d: the leader from (%.1f, %.1f) to (%.1f, %.1f) crosses “%s”",
                     width, height, ends[0], ends[1], ends[2], ends[3], box->text);
        }
      for (guint j = 0; j < records->len; j++)
        {
          const RexChartMarkRecord *mark = &g_array_index (records, RexChartMarkRecord, j);

          /* A selected mark's label may have had to start its leader
           * where a neighbour overlaps its mark: that neighbour aside. */
          if (!mark->leader && (int) j != own
              && !(selection && hypot (ends[0] - mark->x0, ends[1] - mark->y0) < mark->r)
              && segment_point_distance (ends, mark->x0, mark->y0) - mark->r < 0.5)
            g_error ("%d×%d: the leader from (%.1f, %.1f) to (%.1f, %.1f) crosses the mark at (%.1f, %.1f), r %.1f",
                     width, height, ends[0], ends[1], ends[2], ends[3], mark->x0, mark->y0, mark->r);
        }
    }
  return n_leaders;
}

/* Bubbles and the seats of the geographic map, crowded (every province),
 * at three sizes, in English and Chinese, with no selection and with four
 * regions selected (whose names are placed whatever it takes): leaders
 * cross no other mark; and some leaders are drawn, or there would be
 * nothing to check. */
static void
test_leaders_cross_no_mark (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  const int sizes[][2] = { { 640, 480 }, { 800, 600 }, { 1920, 1080 } };
  guint n_leaders = 0;

  g_assert_no_error (error);
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint kind = 0; kind < 6; kind++)
        {
          g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kind % 3 < 2 ? REX_CHART_KIND_BUBBLES
                                                                           : REX_CHART_KIND_MAP);

          g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
          if (kind % 3 < 2)
            {
              spec->x_metric = g_strdup ("population");
              spec->y_metric = g_strdup ("gdp");
              spec->size_metric = g_strdup ("population");
              spec->log_x = spec->log_y = kind % 3 == 1;
            }
          else
            {
              spec->metric = g_strdup ("gdp");
              spec->map_mode = REX_MAP_MODE_GEO;
            }
          if (kind >= 3)
            rex_chart_spec_set_regions (spec, (const char *[]) { "CN-XZ", "CN-NX", "CN-TJ", "CN-AH", NULL });
          n_leaders += assert_leaders_clear (f, bundled, spec, sizes[s][0], sizes[s][1]);
        }
  g_assert_cmpuint (n_leaders, >, 0);
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* The labels under a bar chart's axis stand evenly apart: where not every
 * tick has room, every second or third has a label, from the first (never
 * "0, 500,000,000, 1,500,000,000"). */
static const char *extremes_json =
    "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
    "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":[{\"id\":\"m\",\"name\":\"M\",\"unit\":\"yuan\","
    "\"source\":\"s\"}],\"regions\":["
    "{\"id\":\"CN-QH\",\"name\":\"Qinghai\",\"kind\":\"province\",\"values\":{\"m\":{\"2024\":4.2e9}}},"
    "{\"id\":\"CN-XJ\",\"name\":\"Xinjiang\",\"kind\":\"province\",\"values\":{\"m\":{\"2024\":0.004}}},"
    "{\"id\":\"CN-HL\",\"name\":\"Heilongjiang\",\"kind\":\"province\",\"values\":{\"m\":{\"2024\":27}}},"
    "{\"id\":\"CN-HI\",\"name\":\"Hainan\",\"kind\":\"province\",\"values\":{\"m\":{\"2024\":212000}}},"
    "{\"id\":\"CN-BJ\",\"name\":\"Beijing\",\"kind\":\"province\",\"values\":{\"m\":{\"2024\":3.6e6}}}]}";

/* Provinces from 0.004 to 4.2 billion (made up), two of them neighbours,
 * spread over the tile grid. */
static RexDataset *
load_extremes (void)
{
  return dataset_from_json (extremes_json, "extremes.json");
}

static void
test_axis_labels_even (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = load_extremes ();
  g_autoptr(RexChartSpec) spec = spec_of (REX_CHART_KIND_BARS, "m");

  for (int width = 500; width <= 1300; width += 200)
    {
      g_autoptr(GArray) boxes = draw_and_read (f, dataset, spec, width, 400, NULL);
      g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (double));
      double axis_y = -1;

      /* The axis: the lowest row of numbers, "0" at its start. */
      for (guint i = 0; i < boxes->len; i++)
        {
          const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);

          if (g_str_equal (box->text, "0"))
            axis_y = box->y;
        }
      g_assert_cmpfloat (axis_y, >, 0);
      for (guint i = 0; i < boxes->len; i++)
        {
          const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);
          Number n;

          if (fabs (box->y - axis_y) < 0.5 && parse_number (box->text, &n))
            {
              double cx = box->x + box->width / 2;

              g_array_append_val (ticks, cx);
              g_free (n.suffix);
            }
        }
      g_assert_cmpuint (ticks->len, >=, 3);
      for (guint i = 2; i < ticks->len; i++)
        g_assert_cmpfloat_with_epsilon (g_array_index (ticks, double, i) - g_array_index (ticks, double, i - 1),
                                        g_array_index (ticks, double, 1) - g_array_index (ticks, double, 0), 1.5);
    }
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* A line chart's value axis: its labels stand clear of the first year's
 * points, which sit on the axis (Shandong's 2006 point covered "20k"), and
 * the top label clear of the unit above the axis ("160k" touched "100
 * million yuan"): at least a third of a line between them, at three sizes,
 * in English and Chinese. */
static void
test_value_axis_clear (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
  const int sizes[][2] = { { 640, 480 }, { 1200, 800 }, { 1920, 1080 } };

  g_assert_no_error (error);
  spec->metric = g_strdup ("gdp");
  rex_chart_spec_set_regions (spec, (const char *[]) { "CN-GD", "CN-JS", "CN-SD", "CN-ZJ", NULL });
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(RexChart) chart = NULL;
        g_autoptr(GArray) boxes = NULL;
        const RexChartTextBox *unit = NULL, *top = NULL;
        double first_x = G_MAXDOUBLE, axis_right = -1;
        guint n_ticks = 0;

        g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
        boxes = draw_and_read (f, bundled, spec, sizes[s][0], sizes[s][1], &chart);
        for (guint i = 0; i < rex_chart_get_n_items (chart); i++)
          {
            RexChartItem item;

            g_assert_true (rex_chart_get_item (chart, i, &item));
            first_x = MIN (first_x, item.x);
          }
        /* The value axis's labels: numbers whose right edges line up left
         * of the first year; the unit: the text just above the top one. */
        for (guint i = 0; i < boxes->len; i++)
          {
            const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);
            Number n;

            if (box->x + box->width < first_x && parse_number (box->text, &n))
              {
                g_free (n.suffix);
                n_ticks++;
                axis_right = MAX (axis_right, box->x + box->width);
                if (top == NULL || box->y < top->y)
                  top = box;
                for (guint j = 0; j < rex_chart_get_n_items (chart); j++)
                  {
                    RexChartItem item;

                    g_assert_true (rex_chart_get_item (chart, j, &item));
                    if (box_distance (box, item.x, item.y) < box->height * 0.45)
                      g_error ("the axis label “%s” is %.1f px from a point (%d×%d)", box->text,
                               box_distance (box, item.x, item.y), sizes[s][0], sizes[s][1]);
                  }
              }
          }
        g_assert_cmpuint (n_ticks, >=, 3);
        for (guint i = 0; i < boxes->len; i++)
          {
            const RexChartTextBox *box = &g_array_index (boxes, RexChartTextBox, i);

            if (box->x <= axis_right && box->y + box->height <= top->y + 0.5
                && (unit == NULL || box->y > unit->y))
              unit = box;
          }
        g_assert_nonnull (unit);
        if (top->y - (unit->y + unit->height) < top->height / 3)
          g_error ("“%s” is %.1f px under “%s” (%d×%d)", top->text, top->y - (unit->y + unit->height),
                   unit->text, sizes[s][0], sizes[s][1]);
      }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* Log axes over twelve decades (0.004 to 4.2 billion): every axis is
 * labelled in one format (powers of ten), with three labels or more, and no
 * two labels overlap, from a large chart to a small one, in English and
 * Chinese; bubbles (both axes) and lines. */
static void
test_log_axes_many_decades (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RexDataset) dataset = load_extremes ();
  const int sizes[][2] = { { 1200, 800 }, { 700, 450 }, { 480, 320 } };

  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint kind = 0; kind < 2; kind++)
        {
          g_autoptr(RexChartSpec) spec = rex_chart_spec_new (kind == 0 ? REX_CHART_KIND_BUBBLES
                                                                        : REX_CHART_KIND_LINES);
          g_autoptr(GArray) boxes = NULL;
          g_autoptr(GArray) numbers = NULL;
          guint n_powers = 0;

          g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
          spec->log_y = TRUE;
          if (kind == 0)
            {
              spec->x_metric = g_strdup ("m");
              spec->y_metric = g_strdup ("m");
              spec->log_x = TRUE;
            }
          else
            {
              spec->metric = g_strdup ("m");
              rex_chart_spec_set_regions (spec, (const char *[]) { "CN-QH", "CN-XJ", "CN-HL", NULL });
            }
          boxes = draw_and_read (f, dataset, spec, sizes[s][0], sizes[s][1], NULL);
          assert_label_sets (boxes, chinese, kind == 0 ? "log bubbles" : "log lines");
          numbers = numbers_of (boxes);
          for (guint i = 0; i < numbers->len; i++)
            n_powers += g_str_equal (g_array_index (numbers, Number, i).suffix, "10ⁿ");
          /* Three or more labels on each axis: bubbles two, lines one. */
          g_assert_cmpuint (n_powers, >=, kind == 0 ? 6 : 3);
          for (guint i = 0; i < boxes->len; i++)
            for (guint j = i + 1; j < boxes->len; j++)
              if (boxes_overlap (&g_array_index (boxes, RexChartTextBox, i),
                                 &g_array_index (boxes, RexChartTextBox, j)))
                g_error ("%d×%d: “%s” overlaps “%s”", sizes[s][0], sizes[s][1],
                         g_array_index (boxes, RexChartTextBox, i).text,
                         g_array_index (boxes, RexChartTextBox, j).text);
        }
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* No text of a tile map overlaps another, nor leaves the chart: a value
 * too long for its tile is not drawn over the neighbours (the bundled data
 * and two values nine digits apart, at two sizes, in English and
 * Chinese). */
static void
test_tile_labels_apart (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  g_autoptr(RexDataset) extremes = load_extremes ();

  g_assert_no_error (error);
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint d = 0; d < 2; d++)
      for (int width = 800; width <= 1600; width += 800)
        {
          g_autoptr(RexChartSpec) spec = spec_of (REX_CHART_KIND_MAP, d == 0 ? "gdp" : "m");
          g_autoptr(GArray) boxes = NULL;

          g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
          boxes = draw_and_read (f, d == 0 ? bundled : extremes, spec, width, width * 2 / 3, NULL);
          for (guint i = 0; i < boxes->len; i++)
            {
              const RexChartTextBox *a = &g_array_index (boxes, RexChartTextBox, i);

              g_assert_cmpfloat (a->x + a->width, <=, width + 0.5);
              for (guint j = i + 1; j < boxes->len; j++)
                if (boxes_overlap (a, &g_array_index (boxes, RexChartTextBox, j)))
                  g_error ("“%s” overlaps “%s”", a->text, g_array_index (boxes, RexChartTextBox, j).text);
            }
        }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* The Rural chart: no text over another nor off the picture, from a
 * thumbnail to a large export, for the nation, for provinces without its
 * figures (their line above the nation's rows) and for many of them (the
 * line wrapped), in English and Chinese; where the rows have room, a
 * metric's long name takes two lines rather than an ellipsis. */
static void
test_progress_texts_apart (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const selections[] = {
    NULL, "CN-GD,CN-JS,CN-SC",
    "CN-GD,CN-JS,CN-ZJ,CN-SD,CN-HA,CN-HB,CN-HN,CN-SC,CN-FJ,CN-SH,CN-BJ,CN-TJ,CN-HE,CN-SX",
  };
  const int sizes[][2] = { { 320, 240 }, { 640, 420 }, { 1200, 800 }, { 2400, 1600 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  gboolean two_lines = FALSE;

  g_assert_no_error (error);
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint r = 0; r < G_N_ELEMENTS (selections); r++)
        {
          g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_PROGRESS);
          g_auto(GStrv) ids = selections[r] != NULL ? g_strsplit (selections[r], ",", -1) : NULL;
          g_autoptr(GArray) boxes = NULL;
          int width = sizes[s][0], height = sizes[s][1];
          double one_line = 0, long_name = 0;

          g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
          rex_chart_spec_set_regions (spec, (const char * const *) ids);
          boxes = draw_and_read (f, bundled, spec, width, height, NULL);
          for (guint i = 0; i < boxes->len; i++)
            {
              const RexChartTextBox *a = &g_array_index (boxes, RexChartTextBox, i);

              g_assert_cmpfloat (a->x, >=, -0.5);
              g_assert_cmpfloat (a->x + a->width, <=, width + 0.5);
              g_assert_cmpfloat (a->y + a->height, <=, height + 0.5);
              if (g_str_equal (a->text, "Rural sanitary toilets"))
                one_line = a->height;
              if (g_str_has_prefix (a->text, "Natural villages with household"))
                long_name = a->height;
              for (guint j = i + 1; j < boxes->len; j++)
                if (boxes_overlap (a, &g_array_index (boxes, RexChartTextBox, j)))
                  g_error ("%d×%d: “%s” overlaps “%s”", width, height, a->text,
                           g_array_index (boxes, RexChartTextBox, j).text);
            }
          if (!chinese && r == 0 && width >= 1200)
            two_lines |= one_line > 0 && long_name > one_line * 1.5;
        }
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_true (two_lines);
}

/* A map's legend column, and a bubble chart's with its fit line, at a
 * thumbnail's size: what has no room above the source line ends in an
 * ellipsis or is left out, no text runs over another nor off the picture
 * (the tiles, their change and the seats of the bundled data, and income
 * against GDP per capita on log axes, in English and Chinese). */
static void
test_map_legend_small (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) bundled = rex_dataset_new_default (&error);
  const int sizes[][2] = { { 320, 240 }, { 480, 320 } };

  g_assert_no_error (error);
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint mode = 0; mode < 4; mode++)
        {
          g_autoptr(RexChartSpec) spec = spec_of (mode == 3 ? REX_CHART_KIND_BUBBLES : REX_CHART_KIND_MAP,
                                                  "population");
          g_autoptr(GArray) boxes = NULL;
          int width = sizes[s][0], height = sizes[s][1];

          g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
          spec->base_year = mode == 1 ? 2010 : 0;
          spec->map_mode = mode == 2 ? REX_MAP_MODE_GEO : REX_MAP_MODE_TILES;
          if (mode == 3)
            {
              spec->x_metric = g_strdup ("gdp_per_capita");
              spec->y_metric = g_strdup ("income_all");
              spec->size_metric = g_strdup ("population");
              spec->log_x = spec->log_y = spec->fit = TRUE;
            }
          boxes = draw_and_read (f, bundled, spec, width, height, NULL);
          for (guint i = 0; i < boxes->len; i++)
            {
              const RexChartTextBox *a = &g_array_index (boxes, RexChartTextBox, i);

              if (a->x + a->width > width + 0.5 || a->y + a->height > height + 0.5)
                g_error ("%d×%d: “%s” runs off the picture", width, height, a->text);
              for (guint j = i + 1; j < boxes->len; j++)
                if (boxes_overlap (a, &g_array_index (boxes, RexChartTextBox, j)))
                  g_error ("%d×%d: “%s” overlaps “%s”", width, height, a->text,
                           g_array_index (boxes, RexChartTextBox, j).text);
            }
        }
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* A bubble whose size is 0 is not "size unknown": the note says which
 * regions have a size of 0 and which have none. */
static void
test_zero_size_is_known (Fixture       *f,
                         gconstpointer  data)
{
  static const char *json =
    "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
    "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":["
    "{\"id\":\"x\",\"name\":\"X\",\"unit\":\"t\",\"source\":\"s\"},"
    "{\"id\":\"z\",\"name\":\"Z\",\"unit\":\"t\",\"source\":\"s\"}],\"regions\":["
    "{\"id\":\"CN-JS\",\"name\":\"Jiangsu\",\"kind\":\"province\",\"values\":{\"x\":{\"2024\":3},\"z\":{\"2024\":5}}},"
    "{\"id\":\"CN-XZ\",\"name\":\"Tibet\",\"kind\":\"province\",\"values\":{\"x\":{\"2024\":1},\"z\":{\"2024\":0}}},"
    "{\"id\":\"CN-QH\",\"name\":\"Qinghai\",\"kind\":\"province\",\"values\":{\"x\":{\"2024\":2}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "sizes.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  spec->x_metric = g_strdup ("x");
  spec->y_metric = g_strdup ("x");
  spec->size_metric = g_strdup ("z");
  boxes = draw_and_read (f, dataset, spec, 900, 600, NULL);
  for (guint i = 0; i < boxes->len; i++)
    g_string_append_printf (all, "%s\n", g_array_index (boxes, RexChartTextBox, i).text);
  g_assert_nonnull (strstr (all->str, "Size unknown (dashed outline): Qinghai"));
  g_assert_nonnull (strstr (all->str, "Size 0 or less (dashed outline): Tibet"));
  g_clear_pointer (&boxes, g_array_unref);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* A bubble chart's note names at most eight regions it cannot place, then
 * counts the rest: ten provinces without a y value read "No data: " and
 * the first eight names, "and 2 more". */
static void
test_note_names_eight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new (
    "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
    "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":["
    "{\"id\":\"x\",\"name\":\"X\",\"unit\":\"t\",\"source\":\"s\"},"
    "{\"id\":\"y\",\"name\":\"Y\",\"unit\":\"t\",\"source\":\"s\"}],\"regions\":["
    "{\"id\":\"CN-JS\",\"name\":\"Jiangsu\",\"kind\":\"province\",\"values\":{\"x\":{\"2024\":3},\"y\":{\"2024\":5}}}");
  g_autoptr(GString) want = g_string_new ("No data: ");
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < 10; i++)
    {
      g_string_append_printf (json, ",{\"id\":\"r%u\",\"name\":\"Region %c\",\"kind\":\"province\","
                              "\"values\":{\"x\":{\"2024\":%u}}}", i, 'A' + i, i + 1);
      if (i < 8)
        g_string_append_printf (want, "%sRegion %c", i > 0 ? ", " : "", 'A' + i);
    }
  g_string_append (json, "]}");
  g_string_append (want, " and 2 more");
  dataset = dataset_from_json (json->str, "ten.json");
  spec->x_metric = g_strdup ("x");
  spec->y_metric = g_strdup ("y");
  boxes = draw_and_read (f, dataset, spec, 1200, 800, NULL);
  for (guint i = 0; i < boxes->len; i++)
    g_string_append_printf (all, "%s\n", g_array_index (boxes, RexChartTextBox, i).text);
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, want->str));
  g_clear_pointer (&boxes, g_array_unref);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

/* A tile's label in English: the code after an id's last dash ("JS" for
 * CN-JS), else the name's first four letters, an id that ends in a dash
 * included. */
static void
test_tile_short_labels (Fixture       *f,
                        gconstpointer  data)
{
  static const char *json =
    "{\"schema\":\"region-explorer/1\",\"title\":\"T\",\"sources\":[{\"id\":\"s\",\"publisher\":\"P\","
    "\"title\":\"T\",\"date\":\"2025\"}],\"metrics\":[{\"id\":\"x\",\"name\":\"X\",\"unit\":\"t\",\"source\":\"s\"}],"
    "\"regions\":["
    "{\"id\":\"CN-JS\",\"name\":\"Jiangsu\",\"kind\":\"province\",\"tile\":{\"col\":0,\"row\":0},"
    "\"values\":{\"x\":{\"2024\":3}}},"
    "{\"id\":\"zone-\",\"name\":\"Border zone\",\"kind\":\"province\",\"tile\":{\"col\":1,\"row\":0},"
    "\"values\":{\"x\":{\"2024\":1}}},"
    "{\"id\":\"river\",\"name\":\"Yangtze\",\"kind\":\"province\",\"tile\":{\"col\":2,\"row\":0},"
    "\"values\":{\"x\":{\"2024\":2}}}]}";
  g_autoptr(RexDataset) dataset = dataset_from_json (json, "labels.json");
  g_autoptr(RexChartSpec) spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GString) all = g_string_new ("\n");

  spec->metric = g_strdup ("x");
  spec->map_mode = REX_MAP_MODE_TILES;
  boxes = draw_and_read (f, dataset, spec, 900, 600, NULL);
  for (guint i = 0; i < boxes->len; i++)
    g_string_append_printf (all, "%s\n", g_array_index (boxes, RexChartTextBox, i).text);
  g_assert_nonnull (strstr (all->str, "\nJS\n"));
  g_assert_nonnull (strstr (all->str, "\nBord\n"));
  g_assert_nonnull (strstr (all->str, "\nYang\n"));
  g_clear_pointer (&boxes, g_array_unref);
  g_assert_finalize_object (g_steal_pointer (&dataset));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/labels/one-format-per-set", Fixture, "charts.json", fixture_setup, test_one_format_per_set,
              fixture_teardown);
  g_test_add_func ("/labels/mixed-formats-fail", test_mixed_formats_fail);
  g_test_add ("/labels/tile-labels-apart", Fixture, "charts.json", fixture_setup, test_tile_labels_apart,
              fixture_teardown);
  g_test_add ("/labels/progress-texts-apart", Fixture, "charts.json", fixture_setup, test_progress_texts_apart,
              fixture_teardown);
  g_test_add ("/labels/map-legend-small", Fixture, "charts.json", fixture_setup, test_map_legend_small,
              fixture_teardown);
  g_test_add ("/labels/note-names-eight", Fixture, "charts.json", fixture_setup, test_note_names_eight,
              fixture_teardown);
  g_test_add ("/labels/tile-short-labels", Fixture, "charts.json", fixture_setup, test_tile_short_labels,
              fixture_teardown);
  g_test_add ("/labels/zero-size-is-known", Fixture, "charts.json", fixture_setup, test_zero_size_is_known,
              fixture_teardown);
  g_test_add ("/labels/axis-labels-even", Fixture, "charts.json", fixture_setup, test_axis_labels_even,
              fixture_teardown);
  g_test_add ("/labels/value-axis-clear", Fixture, "charts.json", fixture_setup, test_value_axis_clear,
              fixture_teardown);
  g_test_add ("/labels/log-axes-many-decades", Fixture, "charts.json", fixture_setup, test_log_axes_many_decades,
              fixture_teardown);
  g_test_add ("/labels/leaders-cross-no-mark", Fixture, "charts.json", fixture_setup, test_leaders_cross_no_mark,
              fixture_teardown);
  g_test_add ("/labels/names-clear-of-marks", Fixture, "charts.json", fixture_setup, test_names_clear_of_marks,
              fixture_teardown);
  return g_test_run ();
}
