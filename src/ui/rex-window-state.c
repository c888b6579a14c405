/* rex-window-state.c — what the window keeps across runs in GSettings:
 * its size, the view, the selection and each chart view's metrics, year
 * and options, saved as they change (the size as the window closes) and
 * applied again to a dataset that has those ids.
 */
#include "config.h"

#include "rex-chart-page.h"
#include "rex-window-private.h"

void
rex_window_save_page_state (RexWindow    *self,
                            RexChartPage *page)
{
  g_autoptr(RexChartSpec) spec = NULL;

  if (self->settings == NULL || self->restoring || self->dataset == NULL)
    return;
  spec = rex_chart_page_dup_spec (page);
  if (spec == NULL)
    return;
  switch (rex_chart_page_get_kind (page))
    {
    case REX_CHART_KIND_BARS:
      g_settings_set_int (self->settings, "year", spec->year);
      g_settings_set_string (self->settings, "compare-region-kind", rex_region_kind_to_string (spec->region_kind));
      /* Compare shows a ranking or a composition; each keeps its metrics. */
      g_settings_set_string (self->settings, "compare-chart",
                             spec->kind == REX_CHART_KIND_SHARES ? "composition"
                             : spec->base_year != 0 ? "change" : "ranking");
      if (spec->kind == REX_CHART_KIND_SHARES)
        {
          g_settings_set_string (self->settings, "composition-parts", spec->metric ? spec->metric : "");
          break;
        }
      g_settings_set_string (self->settings, "metric", spec->metric ? spec->metric : "");
      g_settings_set_string (self->settings, "color-by", rex_color_by_to_string (spec->color_by));
      g_settings_set_boolean (self->settings, "hide-missing", spec->hide_missing);
      g_settings_set_int (self->settings, "compare-top", spec->top);
      if (spec->base_year != 0)
        {
          g_settings_set_int (self->settings, "compare-since", spec->base_year);
          g_settings_set_boolean (self->settings, "compare-relative", spec->relative);
          g_settings_set_boolean (self->settings, "compare-both-years", spec->both_years);
        }
      break;
    case REX_CHART_KIND_LINES:
      g_settings_set_boolean (self->settings, "relative", spec->relative);
      g_settings_set_int (self->settings, "base-year", spec->base_year);
      g_settings_set_int (self->settings, "from-year", spec->from_year);
      g_settings_set_int (self->settings, "to-year", spec->to_year);
      g_settings_set_boolean (self->settings, "trends-split", spec->split);
      break;
    case REX_CHART_KIND_BUBBLES:
      g_settings_set_string (self->settings, "x-metric", spec->x_metric ? spec->x_metric : "");
      g_settings_set_string (self->settings, "y-metric", spec->y_metric ? spec->y_metric : "");
      g_settings_set_string (self->settings, "size-metric", spec->size_metric ? spec->size_metric : "");
      g_settings_set_boolean (self->settings, "log-x", spec->log_x);
      g_settings_set_boolean (self->settings, "log-y", spec->log_y);
      g_settings_set_boolean (self->settings, "trails", spec->trails);
      g_settings_set_boolean (self->settings, "fit-line", spec->fit);
      g_settings_set_string (self->settings, "relationships-region-kind",
                             rex_region_kind_to_string (spec->region_kind));
      break;
    case REX_CHART_KIND_MAP:
      g_settings_set_string (self->settings, "map-mode", rex_map_mode_to_string (spec->map_mode));
      g_settings_set_boolean (self->settings, "map-change", spec->base_year != 0);
      if (spec->base_year != 0)
        {
          g_settings_set_int (self->settings, "map-since", spec->base_year);
          g_settings_set_boolean (self->settings, "map-relative", spec->relative);
        }
      break;
    default:  /* the other pages keep no settings of their own */
      break;
    }
}

void
rex_window_save_selection (RexWindow *self)
{
  g_auto(GStrv) ids = NULL;

  if (self->settings == NULL || self->restoring)
    return;
  ids = rex_selection_get_ids (self->selection);
  g_settings_set_strv (self->settings, "selection", (const char * const *) ids);
}

/* The kind of region saved under @key, when regions of that kind have
 * values of @metric_id: a table of counties opened after provinces were
 * charted stays on its counties. */
static void
restore_region_kind (RexWindow    *self,
                     RexChartSpec *spec,
                     const char   *key,
                     const char   *metric_id)
{
  g_autofree char *text = g_settings_get_string (self->settings, key);
  RexRegionKind kind;

  if (rex_region_kind_from_string (text, &kind) && metric_id != NULL
      && rex_dataset_kind_has_metric (self->dataset, kind, metric_id))
    spec->region_kind = kind;
}

/* Applies the saved metrics, year and options to a chart page; ids the
 * dataset does not have are ignored by the page. */
void
rex_window_restore_page_state (RexWindow    *self,
                               RexChartPage *page)
{
  g_autoptr(RexChartSpec) spec = NULL;
  g_autofree char *text = NULL;
  gboolean restoring = self->restoring;

  if (self->settings == NULL || self->dataset == NULL)
    return;
  self->restoring = TRUE;
  spec = rex_chart_page_dup_spec (page);
  switch (rex_chart_page_get_kind (page))
    {
    case REX_CHART_KIND_BARS:
      g_free (spec->metric);
      spec->metric = g_settings_get_string (self->settings, "metric");
      spec->year = g_settings_get_int (self->settings, "year");
      text = g_settings_get_string (self->settings, "color-by");
      rex_color_by_from_string (text, &spec->color_by);
      spec->hide_missing = g_settings_get_boolean (self->settings, "hide-missing");
      spec->top = g_settings_get_int (self->settings, "compare-top");
      restore_region_kind (self, spec, "compare-region-kind", spec->metric);
      g_free (text);
      text = g_settings_get_string (self->settings, "compare-chart");
      if (g_str_equal (text, "change"))
        {
          spec->base_year = g_settings_get_int (self->settings, "compare-since");
          spec->relative = g_settings_get_boolean (self->settings, "compare-relative");
          spec->both_years = g_settings_get_boolean (self->settings, "compare-both-years");
        }
      if (spec->metric[0] != '\0' && rex_dataset_lookup_metric (self->dataset, spec->metric))
        rex_chart_page_apply_spec (page, spec);
      if (g_str_equal (text, "composition"))
        {
          /* Parts the dataset does not offer leave the ranking on screen. */
          g_autoptr(RexChartSpec) composition = rex_chart_page_dup_spec (page);

          composition->kind = REX_CHART_KIND_SHARES;
          composition->shares_mode = REX_SHARES_MODE_COMPOSITION;
          g_free (composition->metric);
          composition->metric = g_settings_get_string (self->settings, "composition-parts");
          rex_chart_page_apply_spec (page, composition);
        }
      break;
    case REX_CHART_KIND_LINES:
      spec->relative = g_settings_get_boolean (self->settings, "relative");
      spec->base_year = g_settings_get_int (self->settings, "base-year");
      spec->from_year = g_settings_get_int (self->settings, "from-year");
      spec->to_year = g_settings_get_int (self->settings, "to-year");
      spec->split = g_settings_get_boolean (self->settings, "trends-split");
      rex_chart_page_apply_spec (page, spec);
      break;
    case REX_CHART_KIND_BUBBLES:
      g_free (spec->x_metric);
      g_free (spec->y_metric);
      g_free (spec->size_metric);
      spec->x_metric = g_settings_get_string (self->settings, "x-metric");
      spec->y_metric = g_settings_get_string (self->settings, "y-metric");
      spec->size_metric = g_settings_get_string (self->settings, "size-metric");
      spec->log_x = g_settings_get_boolean (self->settings, "log-x");
      spec->log_y = g_settings_get_boolean (self->settings, "log-y");
      spec->trails = g_settings_get_boolean (self->settings, "trails");
      spec->fit = g_settings_get_boolean (self->settings, "fit-line");
      restore_region_kind (self, spec, "relationships-region-kind", spec->y_metric);
      rex_chart_page_apply_spec (page, spec);
      break;
    case REX_CHART_KIND_MAP:
      text = g_settings_get_string (self->settings, "map-mode");
      if (!rex_map_mode_from_string (text, &spec->map_mode))
        spec->map_mode = REX_MAP_MODE_TILES;
      if (spec->map_mode == REX_MAP_MODE_TILES && g_settings_get_boolean (self->settings, "map-change"))
        {
          spec->base_year = g_settings_get_int (self->settings, "map-since");
          spec->relative = g_settings_get_boolean (self->settings, "map-relative");
        }
      rex_chart_page_apply_spec (page, spec);
      break;
    default:  /* the other pages keep no settings of their own */
      break;
    }
  self->restoring = restoring;
}

/* Applies the saved selection and the pages' saved state; ids the dataset
 * does not have are ignored. */
void
rex_window_restore_state (RexWindow *self)
{
  g_auto(GStrv) selection = NULL;
  g_autoptr(GStrvBuilder) known = g_strv_builder_new ();
  g_auto(GStrv) known_ids = NULL;

  if (self->settings == NULL || self->dataset == NULL)
    return;
  self->restoring = TRUE;
  selection = g_settings_get_strv (self->settings, "selection");
  for (guint i = 0; selection[i]; i++)
    if (rex_dataset_lookup_region (self->dataset, selection[i]) != NULL)
      g_strv_builder_add (known, selection[i]);
  known_ids = g_strv_builder_end (known);
  rex_selection_set_ids (self->selection, (const char * const *) known_ids);
  self->restoring = FALSE;

  for (guint i = 0; i < N_CHART_VIEWS; i++)
    if (self->chart_pages[i] != NULL)
      rex_window_restore_page_state (self, self->chart_pages[i]);
}

static gboolean
on_close_request (GtkWindow *window,
                  gpointer   user_data)
{
  RexWindow *self = REX_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return FALSE;
}

/* The size and the view a new window opens with; the size is saved as the
 * window closes, the view as it changes. */
void
rex_window_state_init (RexWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (self->settings, "window-width"), 360),
                               MAX (g_settings_get_int (self->settings, "window-height"), 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  /* Read once: each window keeps its own view, the last one changed is
   * the one the next window opens with. */
  g_settings_bind (self->settings, "view", self, "view",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
}
