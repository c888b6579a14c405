/* bench-render.c — render time of every chart kind on an image surface.
 *
 *   bench-render [--runs N] [--width W] [--height H] [--kind KIND] FILE.json
 *
 * For every kind rex_chart_lookup_impl() knows (so kinds added later are
 * measured without touching this file; --kind picks one, for profiling),
 * three numbers at W×H (default 1920×1080):
 *
 *   cold    rex_chart_new() + the first rex_chart_draw(): prepare, layout
 *           and draw, what a change of spec costs;
 *   draw    rex_chart_draw() of a chart already laid out for that size:
 *           what a repaint costs (the widget caches even that);
 *   resize  rex_chart_draw() alternating between two sizes: layout + draw.
 *
 * The spec is the default one of the command line (--export) with the
 * metrics bubbles and progress need, over the dataset's provinces.
 */
#include "config.h"

#include <string.h>

#include "bench-common.h"
#include "rex-chart-private.h"

static RexChartSpec *
spec_for_kind (RexDataset   *dataset,
               RexChartKind  kind)
{
  RexChartSpec *spec = rex_chart_spec_new (kind);
  const char *metric = rex_dataset_lookup_metric (dataset, "gdp") ? "gdp" : NULL;

  if (metric == NULL)
    {
      g_autoptr(RexMetric) first = g_list_model_get_item (rex_dataset_get_metrics (dataset), 0);
      metric = rex_metric_get_id (first);
    }
  /* Progress is about targets: the first metric that has one. */
  if (kind == REX_CHART_KIND_PROGRESS)
    {
      GListModel *metrics = rex_dataset_get_metrics (dataset);

      for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
        {
          g_autoptr(RexMetric) m = g_list_model_get_item (metrics, i);

          if (rex_metric_get_target (m, NULL, NULL, NULL))
            {
              metric = rex_metric_get_id (m);
              break;
            }
        }
    }
  spec->metric = g_strdup (metric);
  spec->x_metric = g_strdup (rex_dataset_lookup_metric (dataset, "urbanization") ? "urbanization" : metric);
  spec->y_metric = g_strdup (metric);
  if (rex_dataset_lookup_metric (dataset, "population"))
    spec->size_metric = g_strdup ("population");
  spec->table_of = REX_CHART_KIND_BARS;
  return spec;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RexDataset) dataset = NULL;
  g_autoptr(RexChartStyle) style = rex_chart_style_new (REX_THEME_LIGHT);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  BenchArgs args = { .runs = 7, .width = 1920, .height = 1080 };
  int runs, width, height;
  const char *only;
  guint n_regions;

  if (!bench_parse_args (argc, argv, TRUE, &args))
    return 2;
  runs = MAX (args.runs, 1);
  width = MAX (args.width, 1);
  height = MAX (args.height, 1);
  only = args.kind;

  file = g_file_new_for_commandline_arg (args.path);
  dataset = rex_dataset_new_from_file (file, NULL, NULL, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  {
    g_autoptr(GPtrArray) provinces = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_PROVINCE);
    n_regions = provinces->len;
  }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  for (int k = 0; k < REX_CHART_KIND_LAST; k++)
    {
      g_autoptr(RexChartSpec) spec = NULL;
      g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) resize = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *name = NULL;
      g_autofree char *extra = NULL;
      g_autoptr(RexChart) chart = NULL;
      guint n_items = 0;

      if (rex_chart_lookup_impl (k) == NULL
          || (only != NULL && !g_str_equal (only, rex_chart_kind_to_string (k))))
        continue;
      spec = spec_for_kind (dataset, k);

      for (int i = 0; i < runs; i++)
        {
          cairo_t *cr = cairo_create (surface);
          double start = bench_now_ms (), elapsed;

          g_clear_object (&chart);
          chart = rex_chart_new (dataset, spec, &error);
          if (chart == NULL)
            {
              cairo_destroy (cr);
              break;
            }
          rex_chart_draw (chart, cr, width, height, style);
          cairo_surface_flush (surface);
          elapsed = bench_now_ms () - start;
          g_array_append_val (cold, elapsed);
          cairo_destroy (cr);
        }
      if (chart == NULL)
        {
          printf ("SKIP render-%s: %s\n", rex_chart_kind_to_string (k), error->message);
          g_clear_error (&error);
          continue;
        }
      n_items = rex_chart_get_n_items (chart);

      for (int i = 0; i < runs; i++)
        {
          cairo_t *cr = cairo_create (surface);
          double start = bench_now_ms (), elapsed;

          rex_chart_draw (chart, cr, width, height, style);
          cairo_surface_flush (surface);
          elapsed = bench_now_ms () - start;
          g_array_append_val (warm, elapsed);
          cairo_destroy (cr);
        }

      for (int i = 0; i < runs; i++)
        {
          cairo_t *cr = cairo_create (surface);
          /* A size change (one pixel narrower every other run) forces layout. */
          double w = width - (i % 2 ? 0 : 1);
          double start = bench_now_ms (), elapsed;

          rex_chart_draw (chart, cr, w, height, style);
          cairo_surface_flush (surface);
          elapsed = bench_now_ms () - start;
          g_array_append_val (resize, elapsed);
          cairo_destroy (cr);
        }

      extra = g_strdup_printf ("kind=%s regions=%u items=%u width=%d height=%d",
                               rex_chart_kind_to_string (k), n_regions, n_items, width, height);
      name = g_strdup_printf ("render-cold-%s", rex_chart_kind_to_string (k));
      bench_report (name, cold, extra);
      g_free (name);
      name = g_strdup_printf ("render-draw-%s", rex_chart_kind_to_string (k));
      bench_report (name, warm, extra);
      g_free (name);
      name = g_strdup_printf ("render-resize-%s", rex_chart_kind_to_string (k));
      bench_report (name, resize, extra);
    }

  cairo_surface_destroy (surface);
  return 0;
}
