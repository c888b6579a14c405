/* rex-chart-sources.c — what a chart's figures are and where they come
 * from: the markup of the chart page's Sources panel. The chart's footer
 * names each publisher and year; the panel gives the whole citation, the
 * address to find it again and the dataset's notes, as a reader citing the
 * chart needs them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-chart-sources.h"
#include "rex-value-format.h"

/* The ids of the metrics @spec draws, each once, in the order of the
 * controls (a composition's parts are in one comma-separated member). */
static GPtrArray *
spec_metric_ids (const RexChartSpec *spec)
{
  const char *members[] = { spec->metric, spec->x_metric, spec->y_metric, spec->size_metric };
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      g_auto(GStrv) parts = members[m] != NULL ? g_strsplit (members[m], ",", -1) : NULL;

      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        if (*parts[i] != '\0' && !g_ptr_array_find_with_equal_func (ids, parts[i], g_str_equal, NULL))
          g_ptr_array_add (ids, g_strdup (parts[i]));
    }
  return ids;
}

/* A blank line before every block but the first. */
static void
begin_block (GString *markup)
{
  if (markup->len > 0)
    g_string_append (markup, "\n\n");
}

/* Appends @text, escaped. */
static void
append_text (GString    *markup,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (markup, escaped);
}

/* Appends @text, escaped, on a line of its own after the block's first. */
static void
append_line (GString    *markup,
             const char *text)
{
  g_string_append_c (markup, '\n');
  append_text (markup, text);
}

static void
append_metric (GString   *markup,
               RexMetric *metric)
{
  g_autofree char *name = g_markup_escape_text (rex_metric_get_display_name (metric), -1);
  g_autofree char *unit = g_markup_escape_text (rex_metric_get_display_unit (metric), -1);
  const char *description = rex_metric_get_description (metric);
  GArray *notes = rex_metric_get_notes (metric);

  begin_block (markup);
  /* Translators: a metric in the Sources panel: its name and unit, "GDP, 100 million yuan" */
  g_string_append_printf (markup, _("<b>%s</b>, %s"), name, unit);
  if (description != NULL && *description != '\0')
    append_line (markup, description);
  for (guint i = 0; i < notes->len; i++)
    {
      const RexSeriesNote *note = &g_array_index (notes, RexSeriesNote, i);
      g_autofree char *year = rex_format_year (note->year);
      /* Translators: a metric's note in the Sources panel: the year it applies from, then the note */
      g_autofree char *line = g_strdup_printf (_("%s: %s"), year, rex_pick_localized (note->text, note->text_zh));

      append_line (markup, line);
    }
}

static void
append_source (GString   *markup,
               RexSource *source)
{
  g_autofree char *citation = rex_source_format_citation (source);
  const char *url = rex_source_get_url (source);
  const char *via = rex_source_get_via (source);
  const char *note = rex_source_get_note (source);

  begin_block (markup);
  append_text (markup, citation);
  if (url != NULL && *url != '\0')
    {
      g_autofree char *href = g_markup_escape_text (url, -1);

      g_string_append_printf (markup, "\n<a href=\"%s\">%s</a>", href, href);
    }
  if (via != NULL && *via != '\0')
    {
      /* Translators: in the Sources panel, the page a source's figures were read on */
      g_autofree char *line = g_strdup_printf (_("Read on: %s"), via);

      append_line (markup, line);
    }
  if (note != NULL && *note != '\0')
    append_line (markup, note);
}

char *
rex_chart_format_sources_markup (RexChart *chart)
{
  GString *markup = g_string_new (NULL);
  RexDataset *dataset;
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (REX_IS_CHART (chart), NULL);

  dataset = rex_chart_get_dataset (chart);
  ids = spec_metric_ids (rex_chart_get_spec (chart));
  for (guint i = 0; i < ids->len; i++)
    {
      RexMetric *metric = rex_dataset_lookup_metric (dataset, ids->pdata[i]);

      if (metric != NULL)
        append_metric (markup, metric);
    }
  for (guint i = 0; i < rex_chart_get_n_sources (chart); i++)
    append_source (markup, rex_chart_get_source (chart, i));
  if (rex_chart_get_n_sources (chart) == 0)
    {
      begin_block (markup);
      /* Translators: the Sources panel of a chart that draws no figure */
      append_text (markup, _("This chart draws no figures, so it cites no source."));
    }
  return g_string_free (markup, FALSE);
}
