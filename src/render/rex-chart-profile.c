/* rex-chart-profile.c — a region's profile as a chart, so that it exports
 * like one (PNG, SVG, PDF, CSV, from the window and the command line).
 *
 * The spec names the region (its one entry of regions). The title is the
 * region's name, the subtitle its other name, kind and groups; below, one
 * cell per metric the region has a value of, in columns as the width allows:
 * the metric's name, the latest value with its unit, the year, status and
 * rank, and a sparkline of the series. The sources go in the footer, as in
 * every chart; the facts are those of the profile window
 * (rex-region-facts.h).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-chart-private.h"
#include "rex-region-facts.h"

/* Cell size in ems: wide enough for "141,489 (100 million yuan)". */
#define CELL_MIN_WIDTH 20.0
#define CELL_HEIGHT 4.2
#define SPARK_WIDTH 5.0

typedef struct
{
  RexRegion *region;
  GArray    *facts;      /* RexRegionFact */

  /* layout */
  guint      n_columns, n_rows;   /* of the cells shown */
  guint      first;               /* the first fact shown: 0 but on a later page */
  guint      n_shown;
  guint      n_pages;             /* how many pages hold every fact, printed */
  double     cell_w, cell_h;
} Profile;

static void
profile_free (gpointer data)
{
  Profile *profile = data;

  g_array_unref (profile->facts);
  g_free (profile);
}

static char *
describe_region (RexRegion *region)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) groups = rex_region_facts_groups (region);
  const char *name = rex_region_get_display_name (region);
  const char *other = g_strcmp0 (name, rex_region_get_name (region)) == 0
                      ? rex_region_get_name_zh (region) : rex_region_get_name (region);

  if (other != NULL && *other != '\0' && g_strcmp0 (other, name) != 0)
    g_string_append (text, other);
  if (text->len > 0)
    /* Translators: between the parts of a profile's subtitle: "广东 · Province · East" */
    g_string_append (text, _(" · "));
  g_string_append (text, rex_region_kind_get_label (rex_region_get_kind (region)));
  for (guint i = 0; i < groups->len; i++)
    {
      /* Translators: between the parts of a profile's subtitle, and between its groups */
      g_string_append (text, i == 0 ? _(" · ") : _(", "));
      g_string_append (text, rex_region_get_display_name (groups->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gpointer
profile_prepare (RexChart  *chart,
                 GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  RexDataset *dataset = rex_chart_get_dataset (chart);
  Profile *profile;
  g_autofree char *subtitle = NULL;

  if (spec->regions == NULL || spec->regions[0] == NULL || spec->regions[1] != NULL)
    {
      g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                           _("A profile is of one region: name exactly one (--regions ID)"));
      return NULL;
    }
  profile = g_new0 (Profile, 1);
  profile->region = rex_dataset_lookup_region (dataset, spec->regions[0]);
  profile->facts = rex_region_facts_collect (dataset, profile->region);
  subtitle = describe_region (profile->region);
  rex_chart_set_titles (chart, rex_region_get_display_name (profile->region), subtitle);
  if (profile->facts->len == 0)
    rex_chart_set_empty (chart, _("This dataset has no figures of this region."));
  for (guint i = 0; i < profile->facts->len; i++)
    {
      const RexRegionFact *fact = &g_array_index (profile->facts, RexRegionFact, i);

      if (fact->source != NULL)
        rex_chart_add_source (chart, fact->source);
    }
  return profile;
}

/* Cell @i, within half an em of margin left and right: column by column,
 * as a person reads a page of them. */
static RexRect
cell_rect (const Profile       *profile,
           const RexChartFrame *frame,
           guint                i)
{
  return (RexRect) { frame->x + (i / profile->n_rows) * profile->cell_w + frame->em * 0.5,
                     frame->y + (i % profile->n_rows) * profile->cell_h,
                     profile->cell_w - frame->em, profile->cell_h };
}

static void
profile_layout (RexChart            *chart,
                gpointer             data,
                const RexChartFrame *frame,
                GArray              *items)
{
  Profile *profile = data;
  guint n = profile->facts->len, page = rex_chart_get_page (chart);
  guint rows, per_page;

  guint max_columns = (guint) CLAMP (floor (frame->w / (CELL_MIN_WIDTH * frame->em)), 1, 4);

  profile->cell_h = CELL_HEIGHT * frame->em;
  rows = (guint) MAX (floor (frame->h / profile->cell_h), 1);
  /* As few columns as hold every metric, so that each cell is as wide as
   * the page allows. */
  profile->n_columns = CLAMP ((n + rows - 1) / rows, 1, max_columns);
  profile->cell_w = frame->w / profile->n_columns;
  per_page = rows * profile->n_columns;
  profile->n_pages = MAX ((n + per_page - 1) / per_page, 1);
  if (page == 0)
    {
      /* Whatever does not fit is left to the data (CSV, Table) and counted
       * in the last cell. */
      profile->first = 0;
      profile->n_shown = MIN (n, per_page);
      if (profile->n_shown < n && profile->n_shown > 0)
        profile->n_shown--;
    }
  else
    {
      profile->first = (guint) MIN ((guint64) (page - 1) * per_page, n);
      profile->n_shown = MIN (per_page, n - profile->first);
    }
  profile->n_rows = MAX ((profile->n_shown + profile->n_columns - 1) / profile->n_columns, 1);
  /* A full page's rows on every page but the last, so that columns read
   * down the same rows. */
  if (page > 0 && profile->n_pages > 1)
    profile->n_rows = rows;

  for (guint i = 0; i < profile->n_shown; i++)
    {
      const RexRegionFact *fact = &g_array_index (profile->facts, RexRegionFact, profile->first + i);
      RexRect cell = cell_rect (profile, frame, i);

      rex_chart_append_item (items, profile->region, fact->metric, fact->year, fact->value,
                             cell.x, cell.y + profile->cell_h / 2);
    }
}

/* @fact in @cell (inside the cell's margins): its texts from the top
 * left, its sparkline at the right. */
static void
draw_cell (cairo_t             *cr,
           const RexChartFrame *frame,
           const RexRegionFact *fact,
           const RexRect       *cell)
{
  const RexChartStyle *style = frame->style;
  double text_w = cell->w - (SPARK_WIDTH + 1.5) * frame->em;
  g_autofree char *value = rex_region_fact_format_value (fact, style->number_format);
  g_autofree char *detail = rex_region_fact_format_detail (fact);
  const char *texts[] = { rex_metric_get_display_name (fact->metric), value, detail };
  const double scales[] = { 0.9, 1.25, 0.8 };
  const PangoWeight weights[] = { PANGO_WEIGHT_BOLD, PANGO_WEIGHT_BOLD, PANGO_WEIGHT_NORMAL };
  const RexColor *colors[] = { &style->muted, &style->foreground, &style->muted };
  double ty = cell->y;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) layout = rex_chart_text (frame, texts[i], scales[i], weights[i]);
      double th;

      pango_layout_set_width (layout, (int) (MAX (text_w, frame->em) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      rex_chart_draw_text (cr, layout, cell->x, ty, 0, 0, colors[i]);
      rex_chart_text_size (layout, NULL, &th);
      ty += th;
    }
  rex_chart_set_color (cr, &style->accent);
  rex_draw_sparkline (cr, fact->series, cell->x + cell->w - (SPARK_WIDTH + 1.0) * frame->em,
                      cell->y + frame->em * 0.8, SPARK_WIDTH * frame->em, frame->em * 2.2);
}

static void
profile_draw (RexChart            *chart,
              gpointer             data,
              cairo_t             *cr,
              const RexChartFrame *frame)
{
  Profile *profile = data;

  for (guint i = 0; i < profile->n_shown; i++)
    {
      RexRect cell = cell_rect (profile, frame, i);

      draw_cell (cr, frame, &g_array_index (profile->facts, RexRegionFact, profile->first + i), &cell);
      if (i % profile->n_rows != 0)
        {
          rex_chart_set_color (cr, &frame->style->grid);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, cell.x, rex_chart_snap (cr, cell.y - frame->em * 0.3, TRUE));
          cairo_rel_line_to (cr, cell.w, 0);
          cairo_stroke (cr);
        }
    }
  if (rex_chart_get_page (chart) == 0 && profile->n_shown < profile->facts->len)
    {
      guint more = profile->facts->len - profile->n_shown;
      /* Translators: the last cell of a profile too small for all its metrics */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more metric in the data",
                                                            "%u more metrics in the data", more), more);
      g_autoptr(PangoLayout) layout = rex_chart_role_text (frame, text, REX_CHART_TEXT_NAME);
      RexRect cell = cell_rect (profile, frame, profile->n_shown);

      rex_chart_draw_text (cr, layout, cell.x, cell.y + frame->em * 0.3, 0, 0, &frame->style->muted);
    }
}

static void
profile_draw_hover (RexChart            *chart,
                    gpointer             data,
                    cairo_t             *cr,
                    const RexChartFrame *frame,
                    const RexChartItem  *item)
{
  Profile *profile = data;

  rex_chart_set_color (cr, &frame->style->hover);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, item->x - frame->em * 0.4, item->y - profile->cell_h / 2 - frame->em * 0.2,
                   profile->cell_w - frame->em * 0.2, profile->cell_h);
  cairo_stroke (cr);
}

static int
profile_hit_test (RexChart            *chart,
                  gpointer             data,
                  const RexChartFrame *frame,
                  double               x,
                  double               y)
{
  Profile *profile = data;
  int column, row;
  guint index;

  if (x < frame->x || y < frame->y || profile->n_shown == 0)
    return -1;
  column = (int) ((x - frame->x) / profile->cell_w);
  row = (int) ((y - frame->y) / profile->cell_h);
  if (column >= (int) profile->n_columns || row >= (int) profile->n_rows)
    return -1;
  index = column * profile->n_rows + row;
  return index < profile->n_shown ? (int) index : -1;
}

static void
profile_fill_table (RexChart      *chart,
                    gpointer       data,
                    RexChartTable *table)
{
  Profile *profile = data;

  rex_chart_table_add_columns (table, _("Metric id"), _("Metric"), _("Unit"), _("Region id"), _("Year"),
                               _("Value"), _("Rank"), _("Regions ranked"), NULL);
  for (guint i = 0; i < profile->facts->len; i++)
    {
      const RexRegionFact *fact = &g_array_index (profile->facts, RexRegionFact, i);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      rex_chart_table_add_metric_cells (cells, fact->metric);
      g_ptr_array_add (cells, g_strdup (rex_region_get_id (profile->region)));
      g_ptr_array_add (cells, g_strdup_printf ("%d", fact->year));
      g_ptr_array_add (cells, rex_chart_raw_number (fact->value));
      g_ptr_array_add (cells, fact->count > 1 ? g_strdup_printf ("%u", fact->rank) : g_strdup (""));
      g_ptr_array_add (cells, fact->count > 1 ? g_strdup_printf ("%u", fact->count) : g_strdup (""));
      g_ptr_array_add (table->rows, cells);
    }
}

static guint
profile_n_pages (RexChart *chart,
                 gpointer  data)
{
  return ((Profile *) data)->n_pages;
}

static char *
profile_describe (RexChart *chart,
                  gpointer  data)
{
  Profile *profile = data;
  guint n = profile->facts->len;

  /* Translators: a screen reader's sentence for a region's profile */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Profile of %s: %u metric", "Profile of %s: %u metrics", n),
                          rex_region_get_display_name (profile->region), n);
}

const RexChartKindImpl rex_chart_profile_impl = {
  .kind = REX_CHART_KIND_PROFILE,
  .prepare = profile_prepare,
  .free_data = profile_free,
  .layout = profile_layout,
  .draw = profile_draw,
  .draw_hover = profile_draw_hover,
  .hit_test = profile_hit_test,
  .fill_table = profile_fill_table,
  .n_pages = profile_n_pages,
  .describe = profile_describe,
};
