/* rex-chart-page.c — a view: controls for one chart kind and its chart.
 *
 * The page turns its controls and the shared selection into a RexChartSpec,
 * makes the chart, and hands it to its RexChartView. Clicking a data item
 * toggles the region in the shared selection; clicking a transport hub
 * shows that circle's cities and figures in a panel over the chart.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rex-a11y.h"
#include "rex-chart-page.h"
#include "rex-chart-sources.h"
#include "rex-chart-view.h"
#include "rex-search-anywhere.h"

#define PLAY_INTERVAL_MS 60
#define PLAY_STEP        0.1

struct _RexChartPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *box;
  GtkWidget      *toolbar;
  GtkWidget      *chart_box;
  GtkDropDown    *chart_dropdown;
  GtkWidget      *parts_box;
  GtkMenuButton  *parts_button;
  GtkLabel       *parts_summary;
  GtkListView    *parts_list;
  GtkWidget      *metric_box;
  GtkDropDown    *metric_dropdown;
  GtkWidget      *x_box;
  GtkDropDown    *x_dropdown;
  GtkWidget      *y_box;
  GtkDropDown    *y_dropdown;
  GtkWidget      *size_box;
  GtkDropDown    *size_dropdown;
  GtkWidget      *year_box;
  GtkAdjustment  *year_adjustment;
  GtkCheckButton *change_check;
  GtkWidget      *since_box;
  GtkLabel       *since_label;
  GtkAdjustment  *since_adjustment;
  GtkWidget      *year_scale;
  GtkWidget      *color_box;
  GtkDropDown    *color_dropdown;
  GtkWidget      *kind_box;
  GtkDropDown    *kind_dropdown;
  GtkWidget      *show_box;
  GtkDropDown    *show_dropdown;
  GtkWidget      *map_box;
  GtkDropDown    *map_dropdown;
  GtkCheckButton *relative_check;
  GtkCheckButton *both_years_check;
  GtkWidget      *base_box;
  GtkDropDown    *base_dropdown;
  GtkWidget      *years_box;
  GtkDropDown    *from_dropdown;
  GtkDropDown    *to_dropdown;
  GtkCheckButton *hide_missing_check;
  GtkCheckButton *continuous_check;
  GtkCheckButton *log_x_check;
  GtkCheckButton *log_y_check;
  GtkCheckButton *trails_check;
  GtkCheckButton *fit_check;
  GtkCheckButton *split_check;
  GtkWidget      *settings_button; /* the menu of the checks above */
  GtkWidget      *buttons_box;    /* it and the sources button */
  RexChartView   *chart_view;
  GtkRevealer    *info_revealer;
  GtkToggleButton *sources_button; /* active while the panel shows the sources */
  GtkLabel       *info_title;
  GtkLabel       *info_body;
  GtkWidget      *play_box;
  GtkButton      *play_button;

  RexChartKind    kind;
  RexDataset     *dataset;
  RexSelection   *selection;
  gulong          selection_handler;
  gboolean        updating;      /* controls being set from code */
  gboolean        chart_stale;   /* controls changed while the page was hidden */
  guint           play_source;
  GtkMultiSelection *parts;      /* the metrics offered as parts; the chosen ones selected */
  GArray         *tops;          /* int: the spec's top of each entry of Show */
  RexRegionKind   kinds[REX_REGION_KIND_LAST]; /* the kinds Regions offers, in its order */
  guint           n_kinds;
  int             data_first;    /* the years the year control offers when no change */
  int             data_last;     /* is shown; 0: none yet */
  int             years_first;   /* the year drop-downs' first year; 0: none */
  int             years_last;
  double          year_fraction; /* animation between years */
};

G_DEFINE_FINAL_TYPE (RexChartPage, rex_chart_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

enum {
  SPEC_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Compare's choice of chart, in the order of its drop-down. */
enum {
  COMPARE_RANKING,
  COMPARE_COMPOSITION,
  COMPARE_CHANGE,
};

/* Parts that add up to a whole, offered for a composition when the dataset
 * has every one of their metrics. */
static const struct
{
  const char *name;
  const char *metrics;
} composition_presets[] = {
  /* Translators: the parts of a composition chart: GDP by industry */
  { N_("Value added by industry"), "va_primary,va_secondary,va_tertiary" },
  /* Translators: the parts of a composition chart: population by residence */
  { N_("Urban and rural population"), "urban_population,rural_population" },
};

/* The years in which some region has a value of every metric of @parts
 * ("a,b,c"); FALSE when there is none. */
static gboolean
parts_years (RexDataset *dataset,
             const char *parts,
             int        *first,
             int        *last)
{
  g_auto(GStrv) ids = g_strsplit (parts, ",", -1);
  GListModel *regions = rex_dataset_get_regions (dataset);

  /* One metric: the dataset keeps its years. (Asking every region year by
   * year cost Compare's page 80 ms at 3,000 regions.) */
  if (ids[0] != NULL && ids[1] == NULL)
    return rex_dataset_get_year_range (dataset, ids[0], first, last);
  *first = G_MAXINT;
  *last = G_MININT;
  for (guint r = 0; r < g_list_model_get_n_items (regions); r++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, r);
      RexSeries *series = rex_region_get_series (region, ids[0]);
      int f, l;

      if (series == NULL || !rex_series_get_year_range (series, &f, &l))
        continue;
      for (int year = f; year <= l; year++)
        {
          gboolean all = TRUE;

          for (guint k = 0; ids[k] && all; k++)
            all = rex_region_get_value (region, ids[k], year, NULL);
          if (all)
            {
              *first = MIN (*first, year);
              *last = MAX (*last, year);
            }
        }
    }
  return *first <= *last;
}

#define MAX_PARTS 8

static void on_parts_changed (RexChartPage *self);
static void rex_part_row_toggled (GtkCheckButton *check,
                                  GtkListItem    *item);

/* Whether the page shows Compare's composition instead of its ranking. */
static gboolean
shows_composition (RexChartPage *self)
{
  return self->kind == REX_CHART_KIND_BARS && self->parts != NULL
         && g_list_model_get_n_items (G_LIST_MODEL (self->parts)) >= 2
         && gtk_drop_down_get_selected (self->chart_dropdown) == COMPARE_COMPOSITION;
}

/* Whether the page shows a change since a year: Compare's ranking of it,
 * or the map's tile grid coloured by it. */
static gboolean
shows_change (RexChartPage *self)
{
  if (self->kind == REX_CHART_KIND_MAP)
    return gtk_check_button_get_active (self->change_check)
           && gtk_drop_down_get_selected (self->map_dropdown) == REX_MAP_MODE_TILES;
  return self->kind == REX_CHART_KIND_BARS
         && gtk_drop_down_get_selected (self->chart_dropdown) == COMPARE_CHANGE;
}

/* The chosen parts, "a,b,c" in the dataset's order; NULL when none is. */
static char *
selected_parts (RexChartPage *self)
{
  g_autoptr(GString) ids = NULL;
  guint n = self->parts ? g_list_model_get_n_items (G_LIST_MODEL (self->parts)) : 0;

  for (guint i = 0; i < n; i++)
    if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->parts), i))
      {
        g_autoptr(RexMetric) metric = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

        if (ids == NULL)
          ids = g_string_new (NULL);
        else
          g_string_append_c (ids, ',');
        g_string_append (ids, rex_metric_get_id (metric));
      }
  return ids ? g_string_free (g_steal_pointer (&ids), FALSE) : NULL;
}

/* Names the chosen parts on the button: a preset's name, or the metrics'. */
static void
update_parts_summary (RexChartPage *self)
{
  g_autofree char *ids = selected_parts (self);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = self->parts ? g_list_model_get_n_items (G_LIST_MODEL (self->parts)) : 0;

  for (guint i = 0; ids != NULL && i < G_N_ELEMENTS (composition_presets); i++)
    if (g_str_equal (ids, composition_presets[i].metrics))
      {
        gtk_label_set_text (self->parts_summary, _(composition_presets[i].name));
        return;
      }
  for (guint i = 0; i < n; i++)
    if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->parts), i))
      {
        g_autoptr(RexMetric) metric = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

        if (names->len > 0)
          /* Translators: between the names of a composition's parts */
          g_string_append (names, _(", "));
        g_string_append (names, rex_metric_get_display_name (metric));
      }
  /* Translators: the composition parts button when no part is chosen */
  gtk_label_set_text (self->parts_summary, names->len > 0 ? names->str : _("None"));
}

/* Chooses the metrics of @metrics ("a,b,c") that are offered, and only
 * them; FALSE when fewer than two of them are. */
static gboolean
select_parts (RexChartPage *self,
              const char   *metrics)
{
  g_auto(GStrv) ids = metrics ? g_strsplit (metrics, ",", -1) : NULL;
  guint n = self->parts ? g_list_model_get_n_items (G_LIST_MODEL (self->parts)) : 0;
  g_autoptr(GtkBitset) chosen = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) all = gtk_bitset_new_range (0, n);

  for (guint i = 0; ids != NULL && i < n; i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

      if (g_strv_contains ((const char * const *) ids, rex_metric_get_id (metric))
          && gtk_bitset_get_size (chosen) < MAX_PARTS)
        gtk_bitset_add (chosen, i);
    }
  if (gtk_bitset_get_size (chosen) < 2)
    return FALSE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->parts), chosen, all);
  return TRUE;
}

/* Offers as parts every metric that some region has values of and that
 * adds up (or is a percentage: of a whole the parts share), keeping the
 * chosen parts the new dataset has too; else the first preset it has. */
static void
update_parts (RexChartPage *self)
{
  g_autofree char *chosen = selected_parts (self);
  GListModel *metrics = rex_dataset_get_metrics (self->dataset);
  g_autoptr(GListStore) offered = g_list_store_new (REX_TYPE_METRIC);
  guint n = 0;

  for (guint i = 0; self->kind == REX_CHART_KIND_BARS && i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);
      int first, last;

      if ((rex_metric_adds_up (metric) || rex_metric_get_percent (metric))
          && parts_years (self->dataset, rex_metric_get_id (metric), &first, &last))
        g_list_store_append (offered, metric);
    }
  if (self->parts == NULL)
    {
      self->parts = gtk_multi_selection_new (NULL);
      g_signal_connect_swapped (self->parts, "selection-changed", G_CALLBACK (on_parts_changed), self);
      gtk_list_view_set_model (self->parts_list, GTK_SELECTION_MODEL (self->parts));
    }
  gtk_multi_selection_set_model (self->parts, G_LIST_MODEL (offered));
  n = g_list_model_get_n_items (G_LIST_MODEL (offered));
  if (!select_parts (self, chosen))
    for (guint i = 0; i < G_N_ELEMENTS (composition_presets); i++)
      {
        int first, last;

        if (parts_years (self->dataset, composition_presets[i].metrics, &first, &last)
            && select_parts (self, composition_presets[i].metrics))
          break;
      }
  update_parts_summary (self);
  /* Without two parts to offer, Compare has no composition. */
  if (n < 2 && gtk_drop_down_get_selected (self->chart_dropdown) == COMPARE_COMPOSITION)
    gtk_drop_down_set_selected (self->chart_dropdown, COMPARE_RANKING);
}

static const char *
selected_metric_id (GtkDropDown *dropdown)
{
  RexMetric *metric = gtk_drop_down_get_selected_item (dropdown);

  return metric ? rex_metric_get_id (metric) : NULL;
}

/* Whether Relative change is ticked and applies: a metric in per cent
 * changes in percentage points (rex_metric_changes_in_points()). */
static gboolean
relative_allowed (RexChartPage *self)
{
  RexMetric *metric = gtk_drop_down_get_selected_item (self->metric_dropdown);

  return metric == NULL || !rex_metric_changes_in_points (metric);
}

static gboolean
relative_chosen (RexChartPage *self)
{
  return gtk_check_button_get_active (self->relative_check) && relative_allowed (self);
}

/* The base year means something only for a relative change. */
static void
update_base_box (RexChartPage *self)
{
  gtk_widget_set_sensitive (self->base_box, relative_chosen (self));
}

static gboolean
select_metric (GtkDropDown *dropdown,
               RexDataset  *dataset,
               const char  *metric_id)
{
  GListModel *metrics = rex_dataset_get_metrics (dataset);

  /* A drop-down this kind of chart does not show has no model. */
  if (gtk_drop_down_get_model (dropdown) == NULL)
    return FALSE;
  for (guint i = 0; metric_id && i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);
      if (g_strcmp0 (rex_metric_get_id (metric), metric_id) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* A metric that provinces (or, failing that, any region) have values of. */
static const char *
fallback_metric (RexDataset *dataset)
{
  g_autoptr(GPtrArray) provinces = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_PROVINCE);
  GListModel *metrics = rex_dataset_get_metrics (dataset);
  guint n = g_list_model_get_n_items (metrics);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, i);
      for (guint p = 0; p < provinces->len; p++)
        if (rex_region_get_series (provinces->pdata[p], rex_metric_get_id (metric)) != NULL)
          return rex_metric_get_id (metric);
    }
  if (n > 0)
    {
      g_autoptr(RexMetric) metric = g_list_model_get_item (metrics, 0);
      return rex_metric_get_id (metric);
    }
  return NULL;
}

static void
choose_metric (GtkDropDown *dropdown,
               RexDataset  *dataset,
               const char  *preferred)
{
  if (!select_metric (dropdown, dataset, preferred))
    select_metric (dropdown, dataset, fallback_metric (dataset));
}

/* The kind of region chosen under Regions (Compare and Relationships);
 * provinces elsewhere, and when none is offered. */
static RexRegionKind
selected_kind (RexChartPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->kind != REX_CHART_KIND_BARS && self->kind != REX_CHART_KIND_BUBBLES)
    return REX_REGION_KIND_PROVINCE;
  return selected < self->n_kinds ? self->kinds[selected] : REX_REGION_KIND_PROVINCE;
}

static gboolean
select_kind (RexChartPage  *self,
             RexRegionKind  kind)
{
  for (guint i = 0; i < self->n_kinds; i++)
    if (self->kinds[i] == kind)
      {
        gtk_drop_down_set_selected (self->kind_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

/* Regions offers the kinds of region the dataset has, but the nation. */
static void
offer_kinds (RexChartPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->n_kinds = 0;
  for (RexRegionKind kind = REX_REGION_KIND_MACRO_REGION; kind < REX_REGION_KIND_LAST; kind++)
    {
      g_autoptr(GPtrArray) regions = rex_dataset_get_regions_of_kind (self->dataset, kind);

      if (regions->len == 0)
        continue;
      self->kinds[self->n_kinds++] = kind;
      gtk_string_list_append (labels, rex_region_kind_get_label (kind));
    }
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (labels));
}

/* Show: all of a ranking, its first or its last regions. */
static const int show_tops[] = { 0, 10, 20, 50, -10, -20 };

static void
add_show_entry (RexChartPage  *self,
                GtkStringList *labels,
                int            top)
{
  g_autofree char *label = NULL;

  if (top == 0)
    /* Translators: Compare's Show: every region of the ranking */
    label = g_strdup (_("All"));
  else if (top > 0)
    /* Translators: Compare's Show: the first regions of the ranking, "Top 10" */
    label = g_strdup_printf (_("Top %d"), top);
  else
    /* Translators: Compare's Show: the last regions of the ranking, "Bottom 10" */
    label = g_strdup_printf (_("Bottom %d"), -top);
  gtk_string_list_append (labels, label);
  g_array_append_val (self->tops, top);
}

/* Selects @top in Show, adding an entry for a top the list lacks (a chart
 * exported with --top=7 opens as it was made). */
static void
select_top (RexChartPage *self,
            int           top)
{
  GtkStringList *labels = GTK_STRING_LIST (gtk_drop_down_get_model (self->show_dropdown));

  for (guint i = 0; i < self->tops->len; i++)
    if (g_array_index (self->tops, int, i) == top)
      {
        gtk_drop_down_set_selected (self->show_dropdown, i);
        return;
      }
  add_show_entry (self, labels, top);
  gtk_drop_down_set_selected (self->show_dropdown, self->tops->len - 1);
}

static int
selected_top (RexChartPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->show_dropdown);

  return selected < self->tops->len ? g_array_index (self->tops, int, selected) : 0;
}

/* Offers the years from @first to @last, and in Compare's change the base
 * years from @first to the year before @last, the year shown after the
 * base year. Each keeps its year when it can. */
static void
set_year_range (RexChartPage *self,
                int           first,
                int           last)
{
  double value = gtk_adjustment_get_value (self->year_adjustment);
  double since = gtk_adjustment_get_value (self->since_adjustment);
  int lowest = first;

  self->data_first = first;
  self->data_last = last;
  if (shows_change (self) && first < last)
    {
      since = since >= first && since < last ? since : first;
      gtk_adjustment_configure (self->since_adjustment, since, first, last - 1, 1, 5, 0);
      lowest = (int) since + 1;
    }
  /* A year the data has but before the base year moves to the first after
   * it; one the data lacks, to the latest. */
  if (value >= first && value < lowest)
    value = lowest;
  else if (value < first || value > last)
    value = last;
  gtk_adjustment_configure (self->year_adjustment, value, lowest, last, 1, 5, 0);
  /* One year has nothing to play through (a table of one year imported). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), lowest < last);
  if (lowest >= last)
    rex_chart_page_stop (self);
}

/* Keeps the year control within the years the metrics have values in. */
static void
update_year_range (RexChartPage *self)
{
  const char *ids[3] = { NULL, NULL, NULL };
  g_autoptr(GPtrArray) charted = rex_dataset_get_regions_of_kind (self->dataset, selected_kind (self));
  int first = G_MAXINT, last = G_MININT;

  if (self->kind == REX_CHART_KIND_BUBBLES)
    {
      const char *x = selected_metric_id (self->x_dropdown);
      const char *y = selected_metric_id (self->y_dropdown);

      /* A bubble needs both values: the years where some region has both. */
      for (guint r = 0; x && y && r < charted->len; r++)
        {
          RexSeries *xs = rex_region_get_series (charted->pdata[r], x);
          RexSeries *ys = rex_region_get_series (charted->pdata[r], y);
          int xf, xl, yf, yl;

          if (xs == NULL || ys == NULL || !rex_series_get_year_range (xs, &xf, &xl)
              || !rex_series_get_year_range (ys, &yf, &yl))
            continue;
          for (int year = MAX (xf, yf); year <= MIN (xl, yl); year++)
            if (rex_series_get_value (xs, year, NULL) && rex_series_get_value (ys, year, NULL))
              {
                first = MIN (first, year);
                last = MAX (last, year);
              }
        }
      if (first <= last)
        {
          set_year_range (self, first, last);
          return;
        }
      ids[0] = x;
      ids[1] = y;
    }
  else if (shows_composition (self))
    {
      /* A composition's years: those in which some region has every part. */
      g_autofree char *parts = selected_parts (self);

      if (parts != NULL && parts_years (self->dataset, parts, &first, &last))
        set_year_range (self, first, last);
      return;
    }
  else
    ids[0] = selected_metric_id (self->metric_dropdown);

  /* The years the charted regions (provinces, or the kind chosen) have
   * values in: the nation's newer figures must not make the default year
   * one with no province data. */
  for (guint i = 0; ids[i]; i++)
    for (guint r = 0; r < charted->len; r++)
      {
        RexSeries *series = rex_region_get_series (charted->pdata[r], ids[i]);
        int f, l;

        if (series && rex_series_get_year_range (series, &f, &l))
          {
            first = MIN (first, f);
            last = MAX (last, l);
          }
      }
  if (first > last)
    for (guint i = 0; ids[i]; i++)
      {
        int f, l;
        if (rex_dataset_get_year_range (self->dataset, ids[i], &f, &l))
          {
            first = MIN (first, f);
            last = MAX (last, l);
          }
      }
  if (first > last)
    return;

  set_year_range (self, first, last);
}

/* The year chosen in one of the trends' year drop-downs (the base year, the
 * first and the last year drawn); 0 for its first entry (Automatic,
 * Earliest, Latest). */
static int
selected_year_of (RexChartPage *self,
                  GtkDropDown  *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->years_first == 0 || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return 0;
  return self->years_first + (int) selected - 1;
}

static void
select_year_of (RexChartPage *self,
                GtkDropDown  *dropdown,
                int           year)
{
  guint position = 0;

  if (self->years_first != 0 && year >= self->years_first && year <= self->years_last)
    position = (guint) (year - self->years_first) + 1;
  gtk_drop_down_set_selected (dropdown, position);
}

/* Sets @dropdown's entries to @automatic and the years from @first to
 * @last (none when @first is 0), keeping the year chosen if it is one. */
static void
offer_years (RexChartPage *self,
             GtkDropDown  *dropdown,
             const char   *automatic,
             int           first,
             int           last)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  int year = selected_year_of (self, dropdown);

  gtk_string_list_append (years, automatic);
  for (int y = first; first != 0 && y <= last; y++)
    {
      g_autofree char *text = rex_format_year (y);

      gtk_string_list_append (years, text);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (years));
  if (year != 0 && year >= first && year <= last)
    gtk_drop_down_set_selected (dropdown, (guint) (year - first) + 1);
  else
    gtk_drop_down_set_selected (dropdown, 0);
}

/* Offers the years of the trends' metric as the base year and as the first
 * and last year drawn, keeping the years chosen where the new metric has
 * them. */
static void
update_trend_years (RexChartPage *self)
{
  const char *metric_id = selected_metric_id (self->metric_dropdown);
  int first = 0, last = 0;

  if (self->kind != REX_CHART_KIND_LINES)
    return;
  if (metric_id == NULL || !rex_dataset_get_year_range (self->dataset, metric_id, &first, &last))
    first = last = 0;
  if (first == self->years_first && last == self->years_last
      && gtk_drop_down_get_model (self->base_dropdown) != NULL)
    return;

  /* Translators: base year of relative change: each series' first year
   * shared by the regions, or its own first year */
  offer_years (self, self->base_dropdown, _("Automatic"), first, last);
  /* Translators: the first year a line chart draws: the first with data */
  offer_years (self, self->from_dropdown, _("Earliest"), first, last);
  /* Translators: the last year a line chart draws: the last with data */
  offer_years (self, self->to_dropdown, _("Latest"), first, last);
  self->years_first = first;
  self->years_last = last;
}

RexChartSpec *
rex_chart_page_dup_spec (RexChartPage *self)
{
  RexChartSpec *spec;
  g_auto(GStrv) selection = NULL;

  g_return_val_if_fail (REX_IS_CHART_PAGE (self), NULL);

  if (self->dataset == NULL)
    return NULL;

  spec = rex_chart_spec_new (self->kind);
  switch (self->kind)
    {
    case REX_CHART_KIND_BUBBLES:
      spec->x_metric = g_strdup (selected_metric_id (self->x_dropdown));
      spec->y_metric = g_strdup (selected_metric_id (self->y_dropdown));
      spec->size_metric = g_strdup (selected_metric_id (self->size_dropdown));
      spec->year = (int) gtk_adjustment_get_value (self->year_adjustment);
      spec->year_fraction = self->year_fraction;
      spec->log_x = gtk_check_button_get_active (self->log_x_check);
      spec->log_y = gtk_check_button_get_active (self->log_y_check);
      spec->trails = gtk_check_button_get_active (self->trails_check);
      spec->fit = gtk_check_button_get_active (self->fit_check);
      spec->color_by = gtk_drop_down_get_selected (self->color_dropdown);
      spec->region_kind = selected_kind (self);
      break;
    case REX_CHART_KIND_LINES:
      spec->metric = g_strdup (selected_metric_id (self->metric_dropdown));
      spec->relative = relative_chosen (self);
      spec->base_year = selected_year_of (self, self->base_dropdown);
      spec->from_year = selected_year_of (self, self->from_dropdown);
      spec->to_year = selected_year_of (self, self->to_dropdown);
      spec->log_y = gtk_check_button_get_active (self->log_y_check);
      spec->split = gtk_check_button_get_active (self->split_check);
      break;
    case REX_CHART_KIND_MAP:
      spec->metric = g_strdup (selected_metric_id (self->metric_dropdown));
      spec->year = (int) gtk_adjustment_get_value (self->year_adjustment);
      spec->map_mode = gtk_drop_down_get_selected (self->map_dropdown);
      spec->continuous = gtk_check_button_get_active (self->continuous_check);
      if (shows_change (self))
        {
          spec->base_year = (int) gtk_adjustment_get_value (self->since_adjustment);
          spec->relative = relative_chosen (self);
        }
      break;
    case REX_CHART_KIND_BARS:
      spec->year = (int) gtk_adjustment_get_value (self->year_adjustment);
      spec->region_kind = selected_kind (self);
      if (shows_composition (self))
        {
          /* Compare's composition: a 100 % bar per region of the parts. */
          spec->kind = REX_CHART_KIND_SHARES;
          spec->shares_mode = REX_SHARES_MODE_COMPOSITION;
          spec->metric = selected_parts (self);
          break;
        }
      spec->metric = g_strdup (selected_metric_id (self->metric_dropdown));
      spec->color_by = gtk_drop_down_get_selected (self->color_dropdown);
      spec->hide_missing = gtk_check_button_get_active (self->hide_missing_check);
      spec->top = selected_top (self);
      if (shows_change (self))
        {
          spec->base_year = (int) gtk_adjustment_get_value (self->since_adjustment);
          spec->relative = relative_chosen (self);
          spec->both_years = gtk_check_button_get_active (self->both_years_check);
        }
      break;
    default:  /* the other kinds read no controls of their own */
      break;
    }
  if (spec->color_by >= REX_COLOR_BY_LAST)
    spec->color_by = REX_COLOR_BY_NONE;
  if (spec->map_mode >= REX_MAP_MODE_LAST)
    spec->map_mode = REX_MAP_MODE_TILES;

  /* Every kind follows the selection; progress draws a group of rows per
   * selected region, and the nation's when nothing is selected. */
  selection = rex_selection_get_ids (self->selection);
  rex_chart_spec_set_regions (spec, (const char * const *) selection);
  return spec;
}

static void
show_info (RexChartPage *self,
           const char   *title,
           const char   *body)
{
  gtk_toggle_button_set_active (self->sources_button, FALSE);
  gtk_label_set_text (self->info_title, title);
  gtk_label_set_text (self->info_body, body);
  gtk_revealer_set_reveal_child (self->info_revealer, TRUE);
}

/* The panel lists the sources of the chart shown, and follows it. */
static void
show_sources (RexChartPage *self)
{
  RexChart *chart = rex_chart_view_get_chart (self->chart_view);
  g_autofree char *markup = chart != NULL ? rex_chart_format_sources_markup (chart) : NULL;

  gtk_label_set_text (self->info_title, _("Sources"));
  if (markup != NULL)
    gtk_label_set_markup (self->info_body, markup);
  else
    gtk_label_set_text (self->info_body, _("This chart cannot be drawn"));
  gtk_revealer_set_reveal_child (self->info_revealer, TRUE);
}

static void
on_sources_toggled (RexChartPage *self)
{
  if (gtk_toggle_button_get_active (self->sources_button))
    show_sources (self);
  else
    gtk_revealer_set_reveal_child (self->info_revealer, FALSE);
}

static void
build_chart (RexChartPage *self)
{
  g_autoptr(RexChartSpec) spec = NULL;
  g_autoptr(RexChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  self->chart_stale = FALSE;
  spec = rex_chart_page_dup_spec (self);
  chart = rex_chart_new (self->dataset, spec, &error);
  if (chart == NULL)
    show_info (self, _("This chart cannot be drawn"), error->message);
  rex_chart_view_set_chart (self->chart_view, chart);
  if (gtk_toggle_button_get_active (self->sources_button))
    show_sources (self);
}

/* The window holds a page per view and gives each the dataset and every
 * change of the shared selection; only the page on screen needs its chart.
 * A hidden page only notes that its chart is out of date and builds it when
 * it is mapped, or when someone asks for the chart. */
static void
update_chart (RexChartPage *self)
{
  if (self->updating || self->dataset == NULL)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_chart (self);
  else
    {
      /* The out-of-date chart goes now: it may hold a dataset the window
       * has replaced, which must not stay in memory behind a hidden page. */
      self->chart_stale = TRUE;
      rex_chart_view_set_chart (self->chart_view, NULL);
    }
  g_signal_emit (self, signals[SPEC_CHANGED], 0);
}

static void
rex_chart_page_map (GtkWidget *widget)
{
  RexChartPage *self = REX_CHART_PAGE (widget);

  GTK_WIDGET_CLASS (rex_chart_page_parent_class)->map (widget);
  if (self->chart_stale && self->dataset != NULL)
    build_chart (self);
}

/* A view left while it plays stops where it is, rather than play on unseen. */
static void
rex_chart_page_unmap (GtkWidget *widget)
{
  RexChartPage *self = REX_CHART_PAGE (widget);

  if (self->play_source != 0)
    rex_chart_page_stop (self);
  GTK_WIDGET_CLASS (rex_chart_page_parent_class)->unmap (widget);
}

/* Kinds with a choice of one metric. */
static gboolean
uses_metric (RexChartKind kind)
{
  return kind == REX_CHART_KIND_BARS || kind == REX_CHART_KIND_LINES || kind == REX_CHART_KIND_MAP;
}

/* Shows or hides a toolbar control with its cell in the wrapping toolbar:
 * an empty cell would still take a place in the line. The checks of how
 * the chart is drawn are in the Settings menu, which has no cell. */
static void
set_tool_visible (GtkWidget *tool,
                  gboolean   visible)
{
  GtkWidget *cell = gtk_widget_get_parent (tool);

  gtk_widget_set_visible (tool, visible);
  if (GTK_IS_FLOW_BOX_CHILD (cell))
    {
      gtk_widget_set_visible (cell, visible);
      /* The cell is no control: Tab goes straight to the one inside. */
      gtk_widget_set_focusable (cell, FALSE);
    }
}

/* GTK 4.8 leaves the window's focus on the check last clicked in the
 * closed menu, where keys reach no shortcut (Ctrl+5 did not change the
 * view): it goes back to the menu's button, as a dropdown's does. */
static void
on_settings_closed (RexChartPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->settings_button));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (popover)))
    gtk_widget_grab_focus (self->settings_button);
}

/* The Settings menu is shown where it holds a check (not in the Rural
 * view), and its label counts the checks ticked in this view, which the
 * closed menu would otherwise hide: "Settings (2)". */
static void
update_settings_button (RexChartPage *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->settings_button));
  g_autofree char *label = NULL;
  guint shown = 0, ticked = 0;

  for (GtkWidget *check = gtk_widget_get_first_child (gtk_popover_get_child (popover));
       check != NULL; check = gtk_widget_get_next_sibling (check))
    if (gtk_widget_get_visible (check))
      {
        shown++;
        ticked += gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
      }
  gtk_widget_set_visible (self->settings_button, shown > 0);
  /* Translators: the Settings menu's label with the number of its checks ticked; the
   * mnemonic as in "Setti_ngs" */
  label = ticked > 0 ? g_strdup_printf (_("Setti_ngs (%u)"), ticked) : g_strdup (_("Setti_ngs"));
  if (g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (self->settings_button)), label) != 0)
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->settings_button), label);
}

static void
update_controls (RexChartPage *self)
{
  RexChartKind kind = self->kind;
  gboolean bubbles = kind == REX_CHART_KIND_BUBBLES;
  gboolean composition = shows_composition (self);
  gboolean ranking = kind == REX_CHART_KIND_BARS && !composition;
  gboolean map = kind == REX_CHART_KIND_MAP;
  const char *tooltip, *since;

  set_tool_visible (self->chart_box, kind == REX_CHART_KIND_BARS);
  set_tool_visible (self->parts_box, composition);
  set_tool_visible (self->metric_box, uses_metric (kind) && !composition);
  set_tool_visible (self->x_box, bubbles);
  set_tool_visible (self->y_box, bubbles);
  set_tool_visible (self->size_box, bubbles);
  /* Compare, Relationships and the map have a timeline to play; Compare
   * keeps the year field beside its other choices, to type a year into. */
  set_tool_visible (self->year_box, kind == REX_CHART_KIND_BARS);
  gtk_widget_set_visible (self->play_box, rex_chart_page_can_play (self));
  set_tool_visible (self->color_box, ranking || bubbles);
  set_tool_visible (self->map_box, kind == REX_CHART_KIND_MAP);
  /* The map offers its change with the year and the percentage beside it,
   * dimmed until it is chosen: the toolbar does not reflow as it is. */
  set_tool_visible (GTK_WIDGET (self->change_check), map);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_check),
                            gtk_drop_down_get_selected (self->map_dropdown) == REX_MAP_MODE_TILES);
  set_tool_visible (self->since_box, shows_change (self) || map);
  gtk_widget_set_sensitive (self->since_box, shows_change (self) || !map);
  /* "_Show" is the map's kind of map. */
  since = map ? _("S_ince") : _("_Since");
  if (g_strcmp0 (gtk_label_get_label (self->since_label), since) != 0)
    gtk_label_set_text_with_mnemonic (self->since_label, since);
  set_tool_visible (self->show_box, ranking);
  set_tool_visible (self->kind_box, (kind == REX_CHART_KIND_BARS || bubbles) && self->n_kinds >= 2);
  set_tool_visible (GTK_WIDGET (self->relative_check), kind == REX_CHART_KIND_LINES || shows_change (self) || map);
  set_tool_visible (GTK_WIDGET (self->both_years_check), kind == REX_CHART_KIND_BARS && shows_change (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->relative_check), (shows_change (self) || !map) && relative_allowed (self));
  /* Set only when it differs: GTK 4.8 asks the display where the pointer
   * is whenever a tooltip is set. */
  if (!relative_allowed (self))
    tooltip = _("A figure in per cent changes in percentage points: its change as a percentage of itself "
                "would be a per cent of a per cent");
  else
    tooltip = kind == REX_CHART_KIND_LINES ? _("Show the change since the first year, in percent")
                                           : _("Show the change as a percentage of the figure of the year it is measured from");
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->relative_check)), tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->relative_check), tooltip);
  set_tool_visible (self->base_box, kind == REX_CHART_KIND_LINES);
  update_base_box (self);
  set_tool_visible (self->years_box, kind == REX_CHART_KIND_LINES);
  set_tool_visible (GTK_WIDGET (self->hide_missing_check), ranking);
  set_tool_visible (GTK_WIDGET (self->continuous_check), kind == REX_CHART_KIND_MAP);
  set_tool_visible (GTK_WIDGET (self->log_x_check), bubbles);
  set_tool_visible (GTK_WIDGET (self->log_y_check), bubbles || kind == REX_CHART_KIND_LINES);
  gtk_check_button_set_label (self->log_y_check, bubbles ? _("Lo_g Y") : _("Log _scale"));
  set_tool_visible (GTK_WIDGET (self->trails_check), bubbles);
  set_tool_visible (GTK_WIDGET (self->fit_check), bubbles);
  set_tool_visible (GTK_WIDGET (self->split_check), kind == REX_CHART_KIND_LINES);
  update_settings_button (self);
  /* Every kind cites its sources: the Rural view's toolbar holds only this. */
  set_tool_visible (self->buttons_box, TRUE);
}

static void
on_selection_changed (RexChartPage *self,
                      const char   *region_id)
{
  update_chart (self);
}

void
rex_chart_page_set_dataset (RexChartPage *self,
                            RexDataset   *dataset,
                            RexSelection *selection)
{
  GListModel *metrics;

  g_return_if_fail (REX_IS_CHART_PAGE (self));
  g_return_if_fail (REX_IS_DATASET (dataset));
  g_return_if_fail (REX_IS_SELECTION (selection));

  rex_chart_page_stop (self);
  if (self->selection != selection)
    {
      g_clear_signal_handler (&self->selection_handler, self->selection);
      g_set_object (&self->selection, selection);
      self->selection_handler = g_signal_connect_swapped (selection, "changed",
                                                          G_CALLBACK (on_selection_changed), self);
    }
  g_set_object (&self->dataset, dataset);
  gtk_toggle_button_set_active (self->sources_button, FALSE);
  gtk_revealer_set_reveal_child (self->info_revealer, FALSE);

  self->updating = TRUE;
  /* Only the drop-downs this kind shows get the metrics: a model makes a
   * drop-down build its list and button, which for every page and metric
   * control was most of the time a new dataset took to reach the window. */
  metrics = rex_dataset_get_metrics (dataset);
  gtk_drop_down_set_model (self->metric_dropdown, uses_metric (self->kind) ? metrics : NULL);
  gtk_drop_down_set_model (self->x_dropdown, self->kind == REX_CHART_KIND_BUBBLES ? metrics : NULL);
  gtk_drop_down_set_model (self->y_dropdown, self->kind == REX_CHART_KIND_BUBBLES ? metrics : NULL);
  gtk_drop_down_set_model (self->size_dropdown, self->kind == REX_CHART_KIND_BUBBLES ? metrics : NULL);
  switch (self->kind)
    {
    case REX_CHART_KIND_LINES:
      choose_metric (self->metric_dropdown, dataset, "urbanization");
      break;
    case REX_CHART_KIND_MAP:
      choose_metric (self->metric_dropdown, dataset, "population");
      break;
    case REX_CHART_KIND_BUBBLES:
      choose_metric (self->x_dropdown, dataset, "population");
      choose_metric (self->y_dropdown, dataset, "gdp");
      choose_metric (self->size_dropdown, dataset, "population");
      gtk_drop_down_set_selected (self->color_dropdown, REX_COLOR_BY_MACRO_REGION);
      break;
    case REX_CHART_KIND_BARS:
    default:  /* bars and the other kinds start on GDP */
      choose_metric (self->metric_dropdown, dataset, "gdp");
      break;
    }
  /* Only Compare and Relationships offer Regions; a table of counties
   * opens on its counties. */
  if (self->kind == REX_CHART_KIND_BARS || self->kind == REX_CHART_KIND_BUBBLES)
    {
      offer_kinds (self);
      select_kind (self, rex_dataset_choose_kind (dataset, selected_metric_id (self->kind == REX_CHART_KIND_BUBBLES
                                                                              ? self->y_dropdown
                                                                              : self->metric_dropdown)));
    }
  update_parts (self);
  update_controls (self);
  gtk_adjustment_set_value (self->year_adjustment, gtk_adjustment_get_upper (self->year_adjustment));
  update_year_range (self);
  gtk_adjustment_set_value (self->year_adjustment, gtk_adjustment_get_upper (self->year_adjustment));
  update_trend_years (self);
  self->updating = FALSE;
  update_chart (self);
}

void
rex_chart_page_apply_spec (RexChartPage       *self,
                           const RexChartSpec *spec)
{
  g_return_if_fail (REX_IS_CHART_PAGE (self));
  g_return_if_fail (spec != NULL);

  if (self->dataset == NULL)
    return;
  self->updating = TRUE;
  if (self->kind == REX_CHART_KIND_BARS)
    {
      gboolean composition = spec->kind == REX_CHART_KIND_SHARES
                             && spec->shares_mode == REX_SHARES_MODE_COMPOSITION
                             && select_parts (self, spec->metric);

      gtk_drop_down_set_selected (self->chart_dropdown,
                                  composition ? COMPARE_COMPOSITION
                                  : spec->base_year != 0 ? COMPARE_CHANGE : COMPARE_RANKING);
      update_controls (self);
    }
  if (self->kind == REX_CHART_KIND_BARS || self->kind == REX_CHART_KIND_BUBBLES)
    select_kind (self, spec->region_kind);
  select_metric (self->metric_dropdown, self->dataset, spec->metric);
  select_metric (self->x_dropdown, self->dataset, spec->x_metric);
  select_metric (self->y_dropdown, self->dataset, spec->y_metric);
  select_metric (self->size_dropdown, self->dataset, spec->size_metric);
  if (self->kind == REX_CHART_KIND_MAP)
    {
      gtk_drop_down_set_selected (self->map_dropdown, spec->map_mode);
      gtk_check_button_set_active (self->change_check, spec->base_year != 0);
      update_controls (self);
    }
  update_year_range (self);
  if (shows_change (self) && spec->base_year >= self->data_first && spec->base_year < self->data_last)
    {
      gtk_adjustment_set_value (self->since_adjustment, spec->base_year);
      set_year_range (self, self->data_first, self->data_last);
    }
  if (spec->year != 0)
    gtk_adjustment_set_value (self->year_adjustment, spec->year);
  gtk_drop_down_set_selected (self->color_dropdown, spec->color_by);
  gtk_drop_down_set_selected (self->map_dropdown, spec->map_mode);
  gtk_check_button_set_active (self->relative_check, spec->relative);
  if (self->kind == REX_CHART_KIND_BARS && spec->base_year != 0)
    gtk_check_button_set_active (self->both_years_check, spec->both_years);
  update_trend_years (self);
  select_year_of (self, self->base_dropdown, spec->base_year);
  select_year_of (self, self->from_dropdown, spec->from_year);
  select_year_of (self, self->to_dropdown, spec->to_year);
  gtk_check_button_set_active (self->continuous_check, spec->continuous);
  gtk_check_button_set_active (self->hide_missing_check, spec->hide_missing);
  if (self->kind == REX_CHART_KIND_BARS)
    select_top (self, spec->top);
  gtk_check_button_set_active (self->log_x_check, spec->log_x);
  gtk_check_button_set_active (self->log_y_check, spec->log_y);
  gtk_check_button_set_active (self->trails_check, spec->trails);
  gtk_check_button_set_active (self->fit_check, spec->fit);
  gtk_check_button_set_active (self->split_check, spec->split);
  self->updating = FALSE;
  update_chart (self);
}

/* --- template callbacks --- */

static void
on_metric_changed (RexChartPage *self)
{
  if (self->updating)
    return;
  self->updating = TRUE;
  update_year_range (self);
  update_trend_years (self);
  self->updating = FALSE;
  update_controls (self);
  update_chart (self);
}

/* A screen reader announces the slider by its name before its value; the
 * name carries the year so that "Year, 2024" is read as the slider moves. */
static void
update_year_name (RexChartPage *self)
{
  g_autofree char *year = rex_format_year ((int) gtk_adjustment_get_value (self->year_adjustment));
  /* Translators: the accessible name of the year slider, read as it moves */
  g_autofree char *name = g_strdup_printf (_("Year, %s"), year);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* The year spin button and slider write their year as every other label
 * does ("2024年" in Chinese), and the spin button reads back what is typed
 * into it with or without the suffix. */
static gboolean
on_year_spin_output (GtkSpinButton *spin)
{
  g_autofree char *text = rex_format_year ((int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_year_spin_input (GtkSpinButton *spin,
                    double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 year;

  while (g_ascii_isspace (*text))
    text++;
  year = g_ascii_strtoll (text, &end, 10);
  if (end == text)
    return GTK_INPUT_ERROR;
  *value = (double) year;
  return TRUE;
}

static char *
format_year_scale_value (GtkScale *scale,
                         double    value,
                         gpointer  user_data)
{
  return rex_format_year ((int) round (value));
}

static void
on_year_changed (RexChartPage *self)
{
  if (self->play_source == 0)
    self->year_fraction = 0;
  update_year_name (self);
  update_chart (self);
}

static void
on_option_changed (RexChartPage *self)
{
  update_settings_button (self);
  update_base_box (self);
  update_chart (self);
}

/* A first year after the last (or a last before the first) takes the
 * other along: the range never runs backwards. */
static void
on_years_changed (RexChartPage *self,
                  GParamSpec   *pspec,
                  GtkDropDown  *changed)
{
  int from = selected_year_of (self, self->from_dropdown);
  int to = selected_year_of (self, self->to_dropdown);

  if (self->updating)
    return;
  if (from != 0 && to != 0 && from > to)
    {
      self->updating = TRUE;
      if (changed == self->from_dropdown)
        select_year_of (self, self->to_dropdown, from);
      else
        select_year_of (self, self->from_dropdown, to);
      self->updating = FALSE;
    }
  update_chart (self);
}

/* Ranking or composition: other controls, other years. */
static void
on_chart_changed (RexChartPage *self)
{
  /* A composition needs two parts to offer. */
  if (gtk_drop_down_get_selected (self->chart_dropdown) == COMPARE_COMPOSITION
      && (self->parts == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->parts)) < 2))
    {
      gtk_drop_down_set_selected (self->chart_dropdown, COMPARE_RANKING);
      return;
    }
  update_controls (self);
  on_metric_changed (self);
}

/* The year shown stays after the base year. */
static void
on_since_changed (RexChartPage *self)
{
  if (self->data_first == 0 || self->updating)
    return;
  self->updating = TRUE;
  set_year_range (self, self->data_first, self->data_last);
  self->updating = FALSE;
  update_chart (self);
}

static void
on_parts_changed (RexChartPage *self)
{
  update_parts_summary (self);
  on_metric_changed (self);
}

/* Toggles the part at @position, refusing a ninth and leaving at least two:
 * a composition of one part is no composition. */
static void
toggle_part (GtkWidget         *widget,
             GtkSelectionModel *parts,
             guint              position,
             gboolean           active)
{
  g_autoptr(GtkBitset) chosen = gtk_selection_model_get_selection (parts);
  guint64 n = gtk_bitset_get_size (chosen);

  if (active == gtk_selection_model_is_selected (parts, position))
    return;
  if (!active && n > 2)
    gtk_selection_model_unselect_item (parts, position);
  else if (active && n < MAX_PARTS)
    gtk_selection_model_select_item (parts, position, FALSE);
  else
    gtk_widget_error_bell (widget);
}

/* Enter on a row of the parts list toggles its part. */
static void
on_part_activated (RexChartPage *self,
                   guint         position)
{
  toggle_part (GTK_WIDGET (self->parts_list), GTK_SELECTION_MODEL (self->parts), position,
               !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->parts), position));
}

/* Called from the part row template when its check box is toggled. */
static void
rex_part_row_toggled (GtkCheckButton *check,
                      GtkListItem    *item)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_VIEW);
  guint position = gtk_list_item_get_position (item);

  if (list == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  toggle_part (list, gtk_list_view_get_model (GTK_LIST_VIEW (list)), position, gtk_check_button_get_active (check));
  /* A refused change leaves the check box as it was. */
  gtk_check_button_set_active (check, gtk_list_item_get_selected (item));
}

static char *
describe_circle (RexChartPage       *self,
                 RexTransportCircle *circle)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const RexPlace *hub = rex_transport_circle_get_hub (circle);
  GArray *members = rex_transport_circle_get_members (circle);
  RexRegion *cluster = rex_transport_circle_get_cluster (circle);
  RexSource *source = rex_dataset_lookup_source (self->dataset,
                                                 rex_transport_circle_get_source_id (circle));
  double radius = rex_transport_circle_get_radius_km (circle);
  const char *note = rex_transport_circle_get_note (circle);

  /* Translators: "Hub: Beijing · 1 h · commute" */
  g_string_append_printf (text, _("Hub: %s · %g h · %s"),
                          rex_pick_localized (hub->name, hub->name_zh),
                          rex_transport_circle_get_hours (circle),
                          rex_transport_circle_get_mode (circle));
  if (cluster != NULL)
    g_string_append_printf (text, "\n%s %s", _("Serves:"), rex_region_get_display_name (cluster));
  if (!isnan (radius))
    g_string_append_printf (text, "\n%s %g km", _("Reach radius:"), radius);
  else
    g_string_append_printf (text, "\n%s", _("Reach radius: not published"));
  if (members->len > 0)
    {
      g_string_append_printf (text, "\n\n%s ", _("Member cities:"));
      for (guint i = 0; i < members->len; i++)
        {
          const RexPlace *place = &g_array_index (members, RexPlace, i);
          g_autofree char *distance = NULL;

          distance = g_strdup_printf ("%.0f", rex_place_distance_km (hub, place));
          g_string_append_printf (text, "%s%s (%s km)", i ? ", " : "",
                                  rex_pick_localized (place->name, place->name_zh), distance);
        }
    }
  if (note != NULL)
    g_string_append_printf (text, "\n\n%s", note);
  if (source != NULL)
    {
      g_autofree char *citation = rex_source_format_citation (source);
      g_string_append_printf (text, "\n\n%s %s", _("Source:"), citation);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What has the keyboard focus in the page's window, if anything. */
static GtkWidget *
page_focus (RexChartPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

static void
on_item_activated (RexChartPage *self,
                   guint         index)
{
  RexChart *chart = rex_chart_view_get_chart (self->chart_view);
  RexChartItem item;

  if (chart == NULL || !rex_chart_get_item (chart, index, &item))
    return;
  if (item.circle != NULL)
    {
      g_autofree char *body = describe_circle (self, item.circle);
      GtkWidget *focus = page_focus (self);

      show_info (self, rex_transport_circle_get_display_name (item.circle), body);
      /* From the keyboard, the focus goes to what opened: a screen reader
       * reads the circle's figures, and Close brings it back. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->chart_view)))
        gtk_widget_grab_focus (GTK_WIDGET (self->info_body));
    }
  else if (item.region != NULL)
    rex_selection_toggle (self->selection, rex_region_get_id (item.region));
}

static void
on_info_close (RexChartPage *self)
{
  GtkWidget *focus = page_focus (self);

  gtk_toggle_button_set_active (self->sources_button, FALSE);
  gtk_revealer_set_reveal_child (self->info_revealer, FALSE);
  /* The focus does not stay on a panel going out of sight: it goes back
   * to the chart's focused item. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->info_revealer)))
    gtk_widget_child_focus (GTK_WIDGET (self->chart_view), GTK_DIR_TAB_FORWARD);
}

static gboolean
play_tick (gpointer data)
{
  RexChartPage *self = data;
  int year = (int) gtk_adjustment_get_value (self->year_adjustment);
  int last = (int) gtk_adjustment_get_upper (self->year_adjustment);

  self->year_fraction += PLAY_STEP;
  if (self->year_fraction >= 1.0 - 1e-9)
    {
      self->year_fraction = 0;
      year++;
      /* Setting the adjustment redraws through on_year_changed. */
      gtk_adjustment_set_value (self->year_adjustment, year);
    }
  else if (self->kind == REX_CHART_KIND_BUBBLES)
    update_chart (self);   /* the states between two years; bars and maps show whole years */

  if (year >= last)
    {
      self->play_source = 0;
      rex_chart_page_stop (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
rex_chart_page_can_play (RexChartPage *self)
{
  g_return_val_if_fail (REX_IS_CHART_PAGE (self), FALSE);
  return self->kind == REX_CHART_KIND_BARS || self->kind == REX_CHART_KIND_BUBBLES
         || self->kind == REX_CHART_KIND_MAP;
}

void
rex_chart_page_play (RexChartPage *self)
{
  g_return_if_fail (REX_IS_CHART_PAGE (self));

  if (self->play_source != 0 || self->dataset == NULL || !rex_chart_page_can_play (self)
      || gtk_adjustment_get_lower (self->year_adjustment) >= gtk_adjustment_get_upper (self->year_adjustment))
    return;
  /* From the end, play starts over from the first year. */
  if (gtk_adjustment_get_value (self->year_adjustment) >= gtk_adjustment_get_upper (self->year_adjustment))
    gtk_adjustment_set_value (self->year_adjustment, gtk_adjustment_get_lower (self->year_adjustment));
  self->year_fraction = 0;
  self->play_source = g_timeout_add (PLAY_INTERVAL_MS, play_tick, self);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Pause"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pause"),
                                  -1);
}

void
rex_chart_page_stop (RexChartPage *self)
{
  g_return_if_fail (REX_IS_CHART_PAGE (self));

  g_clear_handle_id (&self->play_source, g_source_remove);
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Play through the years"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Play"),
                                  -1);
  if (self->year_fraction != 0)
    {
      self->year_fraction = 0;
      update_chart (self);
    }
}

gboolean
rex_chart_page_is_playing (RexChartPage *self)
{
  g_return_val_if_fail (REX_IS_CHART_PAGE (self), FALSE);
  return self->play_source != 0;
}

static void
on_play_clicked (RexChartPage *self)
{
  if (self->play_source != 0)
    rex_chart_page_stop (self);
  else
    rex_chart_page_play (self);
}

/* --- GObject --- */

static void
rex_chart_page_dispose (GObject *object)
{
  RexChartPage *self = REX_CHART_PAGE (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  if (self->selection)
    g_clear_signal_handler (&self->selection_handler, self->selection);
  g_clear_object (&self->selection);
  g_clear_object (&self->dataset);
  if (self->parts != NULL)
    g_signal_handlers_disconnect_by_data (self->parts, self);
  g_clear_object (&self->parts);
  g_clear_pointer (&self->tops, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_CHART_PAGE);
  G_OBJECT_CLASS (rex_chart_page_parent_class)->dispose (object);
}

static void
rex_chart_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RexChartPage *self = REX_CHART_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, rex_chart_kind_to_string (self->kind));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_chart_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RexChartPage *self = REX_CHART_PAGE (object);
  RexChartKind kind;

  switch (prop_id)
    {
    case PROP_KIND:
      if (rex_chart_kind_from_string (g_value_get_string (value), &kind))
        rex_chart_page_set_kind (self, kind);
      else
        g_critical ("Unknown chart kind “%s”", g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Escape closes the Sources panel (or another in its place) when it is
 * open, and goes on to the window's own use otherwise. */
static gboolean
close_info_binding (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  RexChartPage *self = REX_CHART_PAGE (widget);

  if (!gtk_revealer_get_reveal_child (self->info_revealer))
    return FALSE;
  on_info_close (self);
  return TRUE;
}

static void
rex_chart_page_class_init (RexChartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_chart_page_dispose;
  widget_class->map = rex_chart_page_map;
  widget_class->unmap = rex_chart_page_unmap;
  object_class->get_property = rex_chart_page_get_property;
  object_class->set_property = rex_chart_page_set_property;

  /* The kind by name ("bars", "lines"…), so templates can set it. */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "bars",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RexChartPage::spec-changed:
   *
   * The chart was redrawn from new controls, selection or data.
   */
  signals[SPEC_CHANGED] = g_signal_new ("spec-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (REX_TYPE_CHART_VIEW);
  g_type_ensure (REX_TYPE_METRIC);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-chart-page.ui");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_info_binding, NULL);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RexChartPage, name)
  BIND (box);
  BIND (toolbar);
  BIND (chart_box);
  BIND (chart_dropdown);
  BIND (parts_box);
  BIND (parts_button);
  BIND (parts_summary);
  BIND (parts_list);
  BIND (metric_box);
  BIND (metric_dropdown);
  BIND (x_box);
  BIND (x_dropdown);
  BIND (y_box);
  BIND (y_dropdown);
  BIND (size_box);
  BIND (size_dropdown);
  BIND (year_box);
  BIND (year_adjustment);
  BIND (change_check);
  BIND (since_box);
  BIND (since_label);
  BIND (kind_box);
  BIND (show_box);
  BIND (show_dropdown);
  BIND (kind_dropdown);
  BIND (since_adjustment);
  BIND (year_scale);
  BIND (color_box);
  BIND (color_dropdown);
  BIND (map_box);
  BIND (map_dropdown);
  BIND (relative_check);
  BIND (both_years_check);
  BIND (base_box);
  BIND (base_dropdown);
  BIND (years_box);
  BIND (from_dropdown);
  BIND (to_dropdown);
  BIND (hide_missing_check);
  BIND (continuous_check);
  BIND (log_x_check);
  BIND (log_y_check);
  BIND (trails_check);
  BIND (fit_check);
  BIND (split_check);
  BIND (settings_button);
  BIND (buttons_box);
  BIND (chart_view);
  BIND (info_revealer);
  BIND (sources_button);
  BIND (info_title);
  BIND (info_body);
  BIND (play_box);
  BIND (play_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_metric_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_year_spin_output);
  gtk_widget_class_bind_template_callback (widget_class, on_year_spin_input);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_since_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_info_close);
  gtk_widget_class_bind_template_callback (widget_class, on_sources_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_play_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_years_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_part_activated);
}

static void
rex_chart_page_init (RexChartPage *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

    self->tops = g_array_new (FALSE, FALSE, sizeof (int));
    for (guint i = 0; i < G_N_ELEMENTS (show_tops); i++)
      add_show_entry (self, labels, show_tops[i]);
    gtk_drop_down_set_model (self->show_dropdown, G_LIST_MODEL (labels));
  }
  /* The part rows are a template; their check boxes call back into this file. */
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "rex_part_row_toggled",
                                          G_CALLBACK (rex_part_row_toggled));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/rex-part-row.ui");
  gtk_list_view_set_factory (self->parts_list, factory);
  rex_a11y_name_drop_downs (GTK_WIDGET (self));
  rex_drop_down_search_anywhere (self->metric_dropdown);
  rex_drop_down_search_anywhere (self->x_dropdown);
  rex_drop_down_search_anywhere (self->y_dropdown);
  rex_drop_down_search_anywhere (self->size_dropdown);
  gtk_scale_set_format_value_func (GTK_SCALE (self->year_scale), format_year_scale_value, NULL, NULL);
  update_year_name (self);
  update_controls (self);
}

RexChartKind
rex_chart_page_get_kind (RexChartPage *self)
{
  g_return_val_if_fail (REX_IS_CHART_PAGE (self), REX_CHART_KIND_BARS);
  return self->kind;
}

void
rex_chart_page_set_kind (RexChartPage *self,
                         RexChartKind  kind)
{
  g_return_if_fail (REX_IS_CHART_PAGE (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  update_controls (self);
  if (self->dataset != NULL && self->selection != NULL)
    rex_chart_page_set_dataset (self, self->dataset, self->selection);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

RexChart *
rex_chart_page_get_chart (RexChartPage *self)
{
  g_return_val_if_fail (REX_IS_CHART_PAGE (self), NULL);
  if (self->chart_stale && self->dataset != NULL)
    build_chart (self);
  return rex_chart_view_get_chart (self->chart_view);
}

void
rex_chart_page_refresh (RexChartPage *self)
{
  g_return_if_fail (REX_IS_CHART_PAGE (self));
  update_chart (self);
}

GtkWidget *
rex_chart_page_get_chart_view (RexChartPage *self)
{
  g_return_val_if_fail (REX_IS_CHART_PAGE (self), NULL);
  return GTK_WIDGET (self->chart_view);
}

/**
 * rex_chart_page_get_toolbar:
 *
 * Returns: (transfer none): the page's controls above the chart (hidden for
 *   kinds without any)
 */
GtkWidget *
rex_chart_page_get_toolbar (RexChartPage *self)
{
  g_return_val_if_fail (REX_IS_CHART_PAGE (self), NULL);
  return self->toolbar;
}
