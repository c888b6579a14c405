/* rex-chart-map.c — the map: a tile-grid choropleth of provinces (one equal
 * tile each, classed colours, hatched "no data"), or seats at their real
 * positions in an Albers conic projection, sized by the metric, with the
 * transport circles as rings around their hubs and city clusters as padded
 * hulls around their members.
 *
 * With a base year (spec->base_year) the tiles are coloured by the change
 * since then, as Compare's Change ranks it (rex-chart-change.c), on a
 * diverging scale split at zero: brown for a fall, teal for a rise. The
 * geographic map sizes seats by their figures and draws no change.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rex-chart-change.h"
#include "rex-chart-marks.h"
#include "rex-projection.h"

#define MAX_CLASSES 5
#define HULL_SEGMENTS 16

typedef struct
{
  RexRegion      *region;
  double          value;      /* as coloured: the figure, or its change; NaN: no data */
  double          figure;     /* the year's figure; NaN: none */
  double          base;       /* change: the base year's figure; NaN: none */
  int             cls;        /* class, -1 for no data */
  gboolean        selected;
  gboolean        marked;     /* estimated, derived or qualified: a hollow ring */
  int             col, row;   /* tile */
  const RexPlace *seat;
  char           *short_label;
  /* layout: tiles top-left and side; geo centre and radius */
  double          x, y, size;
} Cell;

typedef struct
{
  RexTransportCircle *circle;
  const RexPlace     *farthest;   /* NULL when the radius is published */
  double              radius_km;  /* published, or great-circle to the farthest */
  double              hx, hy, r;  /* layout */
} Ring;

typedef struct
{
  RexRegion *cluster;
  GArray    *places;     /* lon, lat pairs (double) */
  double     value;
  /* layout */
  double    *hull;       /* x, y pairs */
  guint      n_hull;
  int        color;
} Hull;

typedef struct
{
  PangoLayout *layout;
  RexRect      rect;
  RexColor     color;
  gboolean     halo;
  gboolean     leader;                  /* moved away from its seat */
  double       mark_x, mark_y, mark_r;  /* the seat, for the leader */
} MapLabel;

typedef struct
{
  RexMetric   *metric;
  int          year;
  RexChange    change;         /* tiles coloured by the change: base_year not 0 */
  char        *reference;      /* a change's reference: "China: +13.7 percentage points"; or NULL */
  RexMapMode   mode;
  GArray      *cells;          /* Cell: tiles in reading order; geo largest first */
  guint        n_values;
  guint        n_with_figure;  /* cells with a figure in the year shown */
  gboolean     has_selection;
  double       vmax;           /* the largest value of any year (seat sizes) */
  double       vmin;           /* the smallest of any year (continuous colours) */
  gboolean     continuous;
  double       breaks[MAX_CLASSES + 3];  /* a change's classes may add zero, and "0" */
  guint        n_falls;        /* change: the classes below zero, first */
  gboolean     zero_class;     /* change: class n_falls is "0", no change */
  RexValueFormat format;       /* of the tile values and the legend */
  gboolean     any_marked;     /* a hollow mark, and so its key */
  guint        n_classes;
  GArray      *rings;          /* Ring */
  GArray      *hulls;          /* Hull */
  char        *note;
  gboolean     any_farthest, any_published;
  gboolean     over_years;     /* classes and ramp from the values of more than one year */

  /* layout */
  double       col_x, col_w;
  RexProjection proj;
  double       r_max, r_min;
  GArray      *labels;         /* MapLabel */
  double       ref_values[3];
  double       ref_radii[3];
  guint        n_refs;
  guint        first_ring_item, first_hull_item;
} Map;

static void
clear_labels (Map *map)
{
  for (guint i = 0; i < map->labels->len; i++)
    g_object_unref (g_array_index (map->labels, MapLabel, i).layout);
  g_array_set_size (map->labels, 0);
}

static void
map_free (gpointer data)
{
  Map *map = data;

  for (guint i = 0; i < map->cells->len; i++)
    g_free (g_array_index (map->cells, Cell, i).short_label);
  for (guint i = 0; i < map->hulls->len; i++)
    {
      Hull *hull = &g_array_index (map->hulls, Hull, i);
      g_array_unref (hull->places);
      g_free (hull->hull);
    }
  clear_labels (map);
  g_array_unref (map->labels);
  g_array_unref (map->cells);
  g_array_unref (map->rings);
  g_array_unref (map->hulls);
  g_free (map->note);
  rex_change_clear (&map->change);
  g_free (map->reference);
  g_free (map);
}

/* A short tile label: the Chinese name under a Chinese UI, otherwise the
 * ISO 3166-2 subdivision code ("JS" for CN-JS), which is unique and as short
 * as a postal abbreviation; other ids fall back to the name's first letters. */
static char *
short_label (RexRegion *region)
{
  const char *id = rex_region_get_id (region);
  const char *dash = strrchr (id, '-');

  if (rex_locale_prefers_chinese () && rex_region_get_name_zh (region) != NULL)
    return g_strdup (rex_region_get_name_zh (region));
  if (dash != NULL && strlen (dash + 1) >= 1 && strlen (dash + 1) <= 3)
    return g_ascii_strup (dash + 1, -1);
  return g_utf8_substring (rex_region_get_name (region), 0,
                           MIN (4, g_utf8_strlen (rex_region_get_name (region), -1)));
}

/* Two significant digits: class limits people can read and remember. */
static double
round_2sig (double v)
{
  double p;

  if (v == 0 || !isfinite (v))
    return v;
  p = pow (10.0, floor (log10 (fabs (v))) - 1);
  return round (v / p) * p;
}

/* The changes of @series from the base year to each year after it that
 * no series break separates from it, appended to @values; widens
 * *@first_seen and *@last_seen to the years they are of. */
static void
append_changes (const Map *map,
                RexSeries *series,
                GArray    *values,
                int       *first_seen,
                int       *last_seen)
{
  int first, last;
  double base, figure;

  if (!rex_series_get_value (series, map->change.base_year, &base)
      || !rex_series_get_year_range (series, &first, &last))
    return;
  last = rex_change_last_year (&map->change, map->metric, last);
  for (int year = map->change.base_year + 1; year <= last; year++)
    {
      double change;

      if (!rex_series_get_value (series, year, &figure))
        continue;
      change = rex_change_of (&map->change, base, figure);
      if (!isfinite (change))
        continue;
      g_array_append_val (values, change);
      *first_seen = MIN (*first_seen, year);
      *last_seen = MAX (*last_seen, year);
    }
}

/* Every value of the metric, in any year, of the regions on the map (of a
 * change map, every change from the base year); sets map->vmin and
 * map->vmax to the smallest and largest, and map->over_years when they come
 * from more than one year. The classes, the colour ramp and the seats'
 * sizes are made from these, so that a colour or a size means the same
 * value in every year the map plays. */
static GArray *
values_over_years (Map *map)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *id = rex_metric_get_id (map->metric);
  int first_seen = G_MAXINT, last_seen = G_MININT;

  for (guint i = 0; i < map->cells->len; i++)
    {
      RexSeries *series = rex_region_get_series (g_array_index (map->cells, Cell, i).region, id);
      int first, last;

      if (series == NULL)
        continue;
      if (map->change.base_year != 0)
        {
          append_changes (map, series, values, &first_seen, &last_seen);
          continue;
        }
      rex_series_append_values (series, values);
      if (rex_series_get_year_range (series, &first, &last))
        {
          first_seen = MIN (first_seen, first);
          last_seen = MAX (last_seen, last);
        }
    }
  map->over_years = first_seen < last_seen;
  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);

      map->vmin = i == 0 ? v : MIN (map->vmin, v);
      map->vmax = i == 0 ? v : MAX (map->vmax, v);
    }
  return values;
}

/* Inserts @value as a class limit at @k, the classes after it moving up. */
static void
insert_break (Map    *map,
              guint   k,
              double  value)
{
  memmove (&map->breaks[k + 1], &map->breaks[k], (map->n_classes + 1 - k) * sizeof (double));
  map->breaks[k] = value;
  map->n_classes++;
}

/* A change map's classes never mix falls and rises: zero is a limit when
 * the changes have both, and map->n_falls counts the classes below it.
 * Where some change of @all is nothing at all, that is a class of its own,
 * "0", between the falls and the rises. */
static void
split_at_zero (Map    *map,
               GArray *all)
{
  gboolean any_zero = FALSE;
  guint k = 0;

  for (guint i = 0; i < all->len && !any_zero; i++)
    any_zero = g_array_index (all, double, i) == 0;
  while (k < map->n_classes && map->breaks[k] < 0)
    k++;
  /* breaks[k] is the first limit at or above zero. */
  if (map->vmin < 0 && map->vmax > 0 && map->breaks[k] > 0)
    insert_break (map, k, 0);
  if (any_zero)
    insert_break (map, k, 0);
  map->n_falls = 0;
  while (map->n_falls < map->n_classes && map->breaks[map->n_falls] < 0 && map->breaks[map->n_falls + 1] <= 0)
    map->n_falls++;
  map->zero_class = any_zero;
}

/* Quantile classes with rounded limits, of @all (every value of every year,
 * reordered here); each class holds values in (breaks[k], breaks[k + 1]],
 * the first also its lower limit. */
static void
compute_classes (Map    *map,
                 GArray *all)
{
  double *values = (double *) (gpointer) all->data;
  guint n = all->len, done = 0;

  map->n_classes = 0;
  if (n == 0 || map->n_values == 0)
    return;
  map->breaks[0] = map->vmin;
  for (guint k = 1; k < MAX_CLASSES && k < n; k++)
    {
      /* Each position lies after the one before: only the values after
       * that one are left to look through. */
      guint at = (k * n) / MAX_CLASSES;
      double b = round_2sig (rex_chart_select_nth (values + done, n - done, at - done));

      done = at;
      if (b > map->breaks[map->n_classes] && b < map->vmax)
        map->breaks[++map->n_classes] = b;
    }
  map->breaks[++map->n_classes] = map->vmax;
  if (map->breaks[map->n_classes] <= map->breaks[map->n_classes - 1] && map->n_classes > 1)
    map->n_classes--;
  if (map->change.base_year != 0)
    split_at_zero (map, all);

  for (guint i = 0; i < map->cells->len; i++)
    {
      Cell *cell = &g_array_index (map->cells, Cell, i);

      cell->cls = -1;
      if (isnan (cell->value))
        continue;
      cell->cls = map->n_classes - 1;
      for (guint k = 0; k < map->n_classes; k++)
        if (cell->value <= map->breaks[k + 1])
          {
            cell->cls = k;
            break;
          }
      /* No change at all is neither a fall nor a rise. */
      if (cell->value == 0 && map->zero_class)
        cell->cls = map->n_falls;
    }
}

/* A change's class on the diverging scale: the falls in browns and the
 * rises in teals, darker class by class away from zero, the n-th class
 * either side of zero as dark as the other side's n-th; the palest still
 * clear of the background; "0" pale grey. */
static RexColor
change_class_color (const Map           *map,
                    int                  cls,
                    const RexChartStyle *style)
{
  guint first_rise = map->n_falls + (map->zero_class ? 1 : 0);
  guint n_side = MAX (map->n_falls, map->n_classes - first_rise);

  if (map->breaks[cls] == 0 && map->breaks[cls + 1] == 0)
    {
      /* A shade darker than the scale's middle, to stand off a white page. */
      RexColor pale = rex_chart_style_diverging (style, 0);

      return rex_color_mix (&pale, &style->muted, 0.15);
    }
  if ((guint) cls < map->n_falls)
    return rex_chart_style_diverging (style, -(0.3 + 0.7 * (map->n_falls - cls) / n_side));
  return rex_chart_style_diverging (style, 0.3 + 0.7 * (cls - first_rise + 1) / n_side);
}

static RexColor
class_color (const Map           *map,
             int                  cls,
             const RexChartStyle *style)
{
  if (cls < 0)
    return style->no_data;
  if (map->change.base_year != 0)
    return change_class_color (map, cls, style);
  if (map->n_classes <= 1)
    return rex_chart_style_sequential (style, 0.5);
  return rex_chart_style_sequential (style, (double) cls / (map->n_classes - 1));
}

/* The largest change either way: the ends of a change map's ramp. */
static double
largest_change (const Map *map)
{
  return MAX (fabs (map->vmin), fabs (map->vmax));
}

/* The continuous colour of @value: its place between the smallest and the
 * largest value, or for a change its size against the largest change. */
static RexColor
ramp_color (const Map           *map,
            double               value,
            const RexChartStyle *style)
{
  if (map->change.base_year != 0)
    return rex_chart_style_diverging (style, largest_change (map) > 0 ? value / largest_change (map) : 0);
  if (!(map->vmax > map->vmin))
    return rex_chart_style_sequential (style, 0.5);
  return rex_chart_style_sequential (style, (value - map->vmin) / (map->vmax - map->vmin));
}

/* A tile's fill: its class's colour, or with continuous colours its place
 * on the ramp. */
static RexColor
cell_color (const Map           *map,
            const Cell          *cell,
            const RexChartStyle *style)
{
  if (!map->continuous || isnan (cell->value))
    return class_color (map, cell->cls, style);
  return ramp_color (map, cell->value, style);
}

/* One format for the values on the tiles and the ranges of the legend:
 * tiles are small, so numbers shorten from ten thousand up. */
static void
init_format (Map             *map,
             RexNumberFormat  number_format)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < map->cells->len; i++)
    g_array_append_val (values, g_array_index (map->cells, Cell, i).value);
  for (guint k = 0; k <= map->n_classes && map->n_values > 0; k++)
    g_array_append_val (values, map->breaks[k]);
  rex_value_format_init (&map->format, (const double *) (gpointer) values->data, values->len,
                         map->change.relative ? 1 : rex_metric_get_decimals (map->metric), TRUE, number_format);
}

/* A value as the tiles and the legend write it: a change has its sign. */
static char *
print_value (const Map *map,
             double     value)
{
  if (map->change.base_year != 0)
    return rex_change_print (&map->format, value);
  return rex_value_format_print (&map->format, value);
}

static char *
class_label (const Map *map,
             guint      k)
{
  g_autofree char *lo = print_value (map, map->breaks[k]);
  g_autofree char *hi = print_value (map, map->breaks[k + 1]);

  if (map->breaks[k] == map->breaks[k + 1])
    return g_steal_pointer (&lo);
  /* Translators: a class of values on a map legend: "1,200 – 4,500" */
  return g_strdup_printf (_("%s – %s"), lo, hi);
}

static int
compare_tiles (gconstpointer a,
               gconstpointer b)
{
  const Cell *ca = a, *cb = b;

  if (ca->row != cb->row)
    return ca->row - cb->row;
  return ca->col - cb->col;
}

static int
compare_seats (gconstpointer a,
               gconstpointer b)
{
  const Cell *ca = a, *cb = b;
  gboolean na = isnan (ca->value), nb = isnan (cb->value);

  if (na || nb)
    return na - nb;
  if (ca->value != cb->value)
    return ca->value < cb->value ? 1 : -1;
  return g_strcmp0 (rex_region_get_id (ca->region), rex_region_get_id (cb->region));
}

static gboolean
place_in_list (const RexPlace     *place,
               const char * const *names)
{
  for (guint i = 0; names && names[i]; i++)
    if (g_strcmp0 (names[i], place->name) == 0
        || (place->name_zh && g_strcmp0 (names[i], place->name_zh) == 0))
      return TRUE;
  return FALSE;
}

static void
add_place (GArray *places,
           double  lon,
           double  lat)
{
  g_array_append_val (places, lon);
  g_array_append_val (places, lat);
}

/* The places a cluster's outline goes around: its member regions' seats, and
 * the cities of its transport circles that the cluster lists by name. */
static void
gather_hulls (RexChart *chart,
              Map      *map)
{
  RexDataset *dataset = rex_chart_get_dataset (chart);
  g_autoptr(GPtrArray) clusters = rex_dataset_get_regions_of_kind (dataset, REX_REGION_KIND_CITY_CLUSTER);
  GListModel *circles = rex_dataset_get_transport_circles (dataset);

  for (guint i = 0; i < clusters->len; i++)
    {
      RexRegion *cluster = clusters->pdata[i];
      GPtrArray *members = rex_region_get_members (cluster);
      const char * const *cities = rex_region_get_cities (cluster);
      Hull hull = { cluster, g_array_new (FALSE, FALSE, sizeof (double)), NAN, NULL, 0, 0 };

      for (guint m = 0; m < members->len; m++)
        {
          const RexPlace *seat = rex_region_get_seat (members->pdata[m]);
          if (seat != NULL)
            add_place (hull.places, seat->lon, seat->lat);
        }
      for (guint c = 0; c < g_list_model_get_n_items (circles); c++)
        {
          g_autoptr(RexTransportCircle) circle = g_list_model_get_item (circles, c);
          GArray *places = rex_transport_circle_get_members (circle);

          if (rex_transport_circle_get_cluster (circle) != cluster)
            continue;
          if (place_in_list (rex_transport_circle_get_hub (circle), cities))
            add_place (hull.places, rex_transport_circle_get_hub (circle)->lon,
                       rex_transport_circle_get_hub (circle)->lat);
          for (guint p = 0; p < places->len; p++)
            {
              const RexPlace *place = &g_array_index (places, RexPlace, p);
              if (place_in_list (place, cities))
                add_place (hull.places, place->lon, place->lat);
            }
        }
      if (hull.places->len == 0)
        {
          g_array_unref (hull.places);
          continue;
        }
      if (!rex_region_get_value (cluster, rex_metric_get_id (map->metric), map->year, &hull.value))
        hull.value = NAN;
      hull.color = map->hulls->len;
      g_array_append_val (map->hulls, hull);
    }
}

static void
gather_rings (RexChart *chart,
              Map      *map,
              GString  *note)
{
  guint n_too_wide = 0;

  GListModel *circles = rex_dataset_get_transport_circles (rex_chart_get_dataset (chart));

  for (guint c = 0; c < g_list_model_get_n_items (circles); c++)
    {
      g_autoptr(RexTransportCircle) circle = g_list_model_get_item (circles, c);
      GArray *members = rex_transport_circle_get_members (circle);
      const RexPlace *hub = rex_transport_circle_get_hub (circle);
      Ring ring = { circle, NULL, rex_transport_circle_get_radius_km (circle), 0, 0, 0 };

      if (isnan (ring.radius_km))
        {
          /* No published radius: the ring goes through the farthest member. */
          for (guint p = 0; p < members->len; p++)
            {
              const RexPlace *place = &g_array_index (members, RexPlace, p);
              double d = rex_place_distance_km (hub, place);

              if (ring.farthest == NULL || d > ring.radius_km)
                {
                  ring.farthest = place;
                  ring.radius_km = d;
                }
            }
          if (ring.farthest == NULL)
            continue;   /* neither a radius nor members: nothing honest to draw */
          /* A member city on another continent would make the ring wider
           * than any a dataset may publish and shrink China to a dot. */
          if (ring.radius_km > REX_DATASET_MAX_RADIUS_KM)
            {
              n_too_wide++;
              continue;
            }
          map->any_farthest = TRUE;
        }
      else
        map->any_published = TRUE;
      rex_chart_add_source (chart, rex_dataset_lookup_source (rex_chart_get_dataset (chart),
                                                              rex_transport_circle_get_source_id (circle)));
      g_array_append_val (map->rings, ring);
    }
  if (n_too_wide > 0)
    {
      if (note->len > 0)
        g_string_append_c (note, '\n');
      /* Translators: map note on transport circles whose farthest member is too far away */
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u ring not drawn: its farthest member is more than %d km from the hub",
                                                 "%u rings not drawn: their farthest members are more than %d km from the hub",
                                                 n_too_wide),
                              n_too_wide, REX_DATASET_MAX_RADIUS_KM);
    }
}

/* A cell for each of @regions with a tile (or a seat), with its value in
 * the year drawn; the others listed in @unplaced, those without a value in
 * @no_data. */
static void
collect_cells (RexChart  *chart,
               Map       *map,
               GPtrArray *regions,
               GPtrArray *unplaced,
               GPtrArray *no_data)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  const char *metric_id = rex_metric_get_id (map->metric);

  for (guint i = 0; i < regions->len; i++)
    {
      Cell cell = { regions->pdata[i], NAN, NAN, NAN, -1, FALSE, FALSE, 0, 0, NULL, NULL, 0, 0, 0 };

      cell.seat = rex_region_get_seat (cell.region);
      if (map->mode == REX_MAP_MODE_TILES ? !rex_region_get_tile (cell.region, &cell.col, &cell.row)
                                          : cell.seat == NULL)
        {
          g_ptr_array_add (unplaced, cell.region);
          continue;
        }
      if (map->change.base_year != 0)
        cell.value = rex_change_of_region (&map->change, cell.region, metric_id, map->year,
                                           &cell.figure, &cell.base);
      else if (rex_region_get_value (cell.region, metric_id, map->year, &cell.figure))
        cell.value = cell.figure;
      if (!isnan (cell.figure))
        map->n_with_figure++;
      if (!isnan (cell.value))
        {
          map->n_values++;
          rex_chart_add_value_source (chart, cell.region, metric_id, map->year);
          if (map->change.base_year != 0)
            rex_chart_add_value_source (chart, cell.region, metric_id, map->change.base_year);
        }
      else
        g_ptr_array_add (no_data, cell.region);
      cell.selected = rex_chart_spec_has_region (spec, rex_region_get_id (cell.region));
      cell.marked = rex_chart_datum_is_marked (rex_chart_get_datum (cell.region, metric_id, map->year));
      if (map->change.base_year != 0)
        cell.marked |= rex_chart_datum_is_marked (rex_chart_get_datum (cell.region, metric_id,
                                                                       map->change.base_year));
      map->any_marked |= cell.marked;
      map->has_selection |= cell.selected;
      cell.short_label = short_label (cell.region);
      g_array_append_val (map->cells, cell);
    }
}

/* A tile's value in a sentence: "12,780 10,000 persons"; a change,
 * "+12.3 percentage points". */
static char *
describe_value (RexChart  *chart,
                const Map *map,
                double     value)
{
  return rex_change_describe (&map->change, map->metric, &map->format, rex_chart_get_number_format (chart), value);
}

/* The nation's change, which a region's change of a rate (or as a
 * percentage) is read against, under the key. */
static void
find_reference (RexChart *chart,
                Map      *map)
{
  const char *metric_id = rex_metric_get_id (map->metric);
  g_autofree char *value = NULL;
  RexRegion *nation;
  double change;

  if (!rex_change_has_reference (&map->change, map->metric))
    return;
  change = rex_change_of_nation (&map->change, rex_chart_get_dataset (chart), metric_id, map->year, &nation);
  if (isnan (change))
    return;
  value = describe_value (chart, map, change);
  /* Translators: the nation's change under a change map's key: "China: +13.7 percentage points" */
  map->reference = g_strdup_printf (_("%s: %s"), rex_region_get_display_name (nation), value);
  rex_chart_add_value_source (chart, nation, metric_id, map->change.base_year);
  rex_chart_add_value_source (chart, nation, metric_id, map->year);
}

/* The title, the subtitle and the message of a map with nothing to draw. */
static void
set_titles (RexChart           *chart,
            Map                *map,
            const RexChartSpec *spec)
{
  g_autofree char *year = rex_format_year (map->year);
  g_autofree char *base = rex_format_year (map->change.base_year);
  const char *unit = rex_metric_get_display_unit (map->metric);
  const char *kind = rex_region_kind_get_label (spec->region_kind);
  g_autofree char *subtitle = NULL;

  if (map->mode != REX_MAP_MODE_TILES)
    subtitle = g_strdup_printf (_("%s · %s · %s · seats at their positions, circle area by value"),
                                unit, kind, year);
  else if (map->change.relative)
    /* Translators: subtitle of a tile map of the change of a metric as a
     * percentage: years, region kind: "% change 2015–2024 · Province · tile grid, one tile per region" */
    subtitle = g_strdup_printf (_("%% change %s–%s · %s · tile grid, one tile per region"), base, year, kind);
  else if (map->change.base_year != 0)
    /* Translators: subtitle of a tile map of the change of a metric: years, the unit
     * of the change, region kind: "Change 2015–2024 · percentage points · Province · tile grid, one tile per region" */
    subtitle = g_strdup_printf (_("Change %s–%s · %s · %s · tile grid, one tile per region"),
                                base, year, map->change.unit, kind);
  else
    /* Translators: map subtitle: unit · region kind · year · kind of map */
    subtitle = g_strdup_printf (_("%s · %s · %s · tile grid, one tile per region"), unit, kind, year);
  rex_change_append_notes (&map->change, &subtitle);
  rex_chart_set_titles (chart, rex_metric_get_display_name (map->metric), subtitle);

  if (map->cells->len == 0)
    rex_chart_set_empty (chart, map->mode == REX_MAP_MODE_TILES
                         ? _("None of these regions has a tile position. Choose another kind of region.")
                         : _("None of these regions has a seat position. Choose another kind of region."));
  else if (map->n_values == 0 && map->change.base_year != 0 && map->n_with_figure > 0)
    {
      g_autofree char *message = rex_change_no_values (&map->change, map->metric, map->year);

      rex_chart_set_empty (chart, message);
    }
  else if (map->n_values == 0)
    rex_chart_set_no_data (chart, map->metric, map->year);
}

static gpointer
map_prepare (RexChart  *chart,
             GError   **error)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new ();
  g_autoptr(GPtrArray) no_data = g_ptr_array_new ();
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GArray) over_years = NULL;
  RexMetric *metric;
  const char *metric_id;
  Map *map;

  metric = rex_chart_require_metric (chart, spec->metric, _("a metric (--metric)"), error);
  if (metric == NULL || (spec->base_year != 0 && !rex_change_check_relative (spec, metric, error)))
    return NULL;
  metric_id = rex_metric_get_id (metric);
  if (spec->base_year != 0 && spec->map_mode != REX_MAP_MODE_TILES)
    {
      g_set_error (error, REX_CHART_ERROR, REX_CHART_ERROR_INVALID,
                   /* Translators: a change asked of the map of seats */
                   _("The geographic map sizes seats by their figures and draws no change: "
                     "the change since a year is drawn on the tile grid (--map=tiles)"));
      return NULL;
    }

  map = g_new0 (Map, 1);
  map->metric = metric;
  map->mode = spec->map_mode;
  rex_change_init (&map->change, metric, spec);
  map->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  map->rings = g_array_new (FALSE, TRUE, sizeof (Ring));
  map->hulls = g_array_new (FALSE, TRUE, sizeof (Hull));
  map->labels = g_array_new (FALSE, TRUE, sizeof (MapLabel));
  regions = rex_chart_get_spec_regions (chart);
  map->year = rex_chart_resolve_year (chart, metric_id, regions);
  if (map->change.base_year != 0 && !rex_change_check_years (&map->change, metric, map->year, error))
    {
      map_free (map);
      return NULL;
    }

  collect_cells (chart, map, regions, unplaced, no_data);
  over_years = values_over_years (map);
  if (map->mode == REX_MAP_MODE_GEO && spec->color_by != REX_COLOR_BY_NONE)
    {
      /* The key covers the seats filled with their group's colour. */
      g_autoptr(GPtrArray) drawn = g_ptr_array_new ();

      for (guint i = 0; i < map->cells->len; i++)
        if (!isnan (g_array_index (map->cells, Cell, i).value))
          g_ptr_array_add (drawn, g_array_index (map->cells, Cell, i).region);
      rex_chart_build_color_key (chart, drawn);
    }

  if (map->mode == REX_MAP_MODE_TILES)
    {
      map->continuous = spec->continuous;
      g_array_sort (map->cells, compare_tiles);
      compute_classes (map, over_years);
      /* Translators: lead of the list of regions that have no tile position */
      rex_chart_append_names (note, _("Not on the tile grid:"), unplaced);
    }
  else
    {
      g_array_sort (map->cells, compare_seats);
      gather_rings (chart, map, note);
      gather_hulls (chart, map);
      /* Translators: lead of the list of map regions drawn as hollow seats */
      rex_chart_append_names (note, _("No data (hollow):"), no_data);
      /* Translators: lead of the list of regions without seat coordinates */
      rex_chart_append_names (note, _("No position:"), unplaced);
    }
  map->note = note->len ? g_strdup (note->str) : NULL;
  init_format (map, rex_chart_get_number_format (chart));
  find_reference (chart, map);
  set_titles (chart, map, spec);
  return map;
}

static double
seat_radius (const Map *map,
             double     value)
{
  if (isnan (value) || !(value > 0) || !(map->vmax > 0))
    return map->r_min * 1.6;
  return MAX (map->r_min, map->r_max * sqrt (value / map->vmax));
}

static void
box_add (RexBox *box,
         double  x,
         double  y)
{
  box->x0 = MIN (box->x0, x);
  box->y0 = MIN (box->y0, y);
  box->x1 = MAX (box->x1, x);
  box->y1 = MAX (box->y1, y);
}

/* Grows @box to take in each ring's square around its hub. */
static void
ring_bounds (const Map *map,
             RexBox    *box)
{
  for (guint i = 0; i < map->rings->len; i++)
    {
      const Ring *ring = &g_array_index (map->rings, Ring, i);
      const RexPlace *hub = rex_transport_circle_get_hub (ring->circle);
      double x, y, r = ring->radius_km / REX_EARTH_RADIUS_KM;

      rex_projection_project (&map->proj, hub->lon, hub->lat, &x, &y);
      box_add (box, x - r, y - r);
      box_add (box, x + r, y + r);
    }
}

/* Fits the projection to the seats, the rings and the clusters' places,
 * with room for the largest seat and a hull's padding at the edges. */
static void
fit_projection (Map                 *map,
                const RexChartFrame *frame,
                double               area_x,
                double               area_w)
{
  RexBox box = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  double pad;

  rex_projection_init_china (&map->proj);
  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      double x, y;

      rex_projection_project (&map->proj, cell->seat->lon, cell->seat->lat, &x, &y);
      box_add (&box, x, y);
    }
  ring_bounds (map, &box);
  for (guint i = 0; i < map->hulls->len; i++)
    {
      const Hull *hull = &g_array_index (map->hulls, Hull, i);
      for (guint p = 0; p + 1 < hull->places->len; p += 2)
        {
          double x, y;
          rex_projection_project (&map->proj, g_array_index (hull->places, double, p),
                                  g_array_index (hull->places, double, p + 1), &x, &y);
          box_add (&box, x, y);
        }
    }
  pad = map->r_max + frame->em * 1.2;
  rex_projection_fit (&map->proj, &box,
                      &(RexRect) { area_x + pad, frame->y + pad, area_w - 2 * pad, frame->h - 2 * pad });
}

/* Each ring around its hub: through the farthest member's drawn position,
 * or at the published radius. */
static void
place_rings (Map    *map,
             GArray *items)
{
  map->first_ring_item = items->len;
  for (guint i = 0; i < map->rings->len; i++)
    {
      Ring *ring = &g_array_index (map->rings, Ring, i);
      const RexPlace *hub = rex_transport_circle_get_hub (ring->circle);
      RexChartItem *item;

      rex_projection_to_chart (&map->proj, hub->lon, hub->lat, &ring->hx, &ring->hy);
      if (ring->farthest != NULL)
        {
          double fx, fy;
          rex_projection_to_chart (&map->proj, ring->farthest->lon, ring->farthest->lat, &fx, &fy);
          ring->r = hypot (fx - ring->hx, fy - ring->hy);
        }
      else
        ring->r = ring->radius_km * rex_projection_units_per_km (&map->proj);
      item = rex_chart_append_item (items, NULL, NULL, 0, ring->radius_km, ring->hx, ring->hy);
      item->circle = ring->circle;
      item->label = rex_transport_circle_get_display_name (ring->circle);
    }
}

/* Each cluster's hull around its places, padded and rounded: the convex
 * hull of a ring of points around each place. */
static void
place_hulls (Map                 *map,
             const RexChartFrame *frame,
             GArray              *items)
{
  map->first_hull_item = items->len;
  for (guint i = 0; i < map->hulls->len; i++)
    {
      Hull *hull = &g_array_index (map->hulls, Hull, i);
      guint n_places = hull->places->len / 2, n = 0;
      double hpad = frame->em * 0.9, cx = 0, cy = 0;

      g_free (hull->hull);
      hull->hull = g_new (double, 2 * n_places * HULL_SEGMENTS);
      for (guint p = 0; p < n_places; p++)
        {
          double x, y;

          rex_projection_to_chart (&map->proj, g_array_index (hull->places, double, 2 * p),
                                   g_array_index (hull->places, double, 2 * p + 1), &x, &y);
          for (guint s = 0; s < HULL_SEGMENTS; s++)
            {
              double a = 2 * G_PI * s / HULL_SEGMENTS;
              hull->hull[2 * n] = x + hpad * cos (a);
              hull->hull[2 * n + 1] = y + hpad * sin (a);
              n++;
            }
        }
      hull->n_hull = rex_convex_hull (hull->hull, n);
      for (guint p = 0; p < hull->n_hull; p++)
        {
          cx += hull->hull[2 * p] / hull->n_hull;
          cy += hull->hull[2 * p + 1] / hull->n_hull;
        }
      rex_chart_append_item (items, hull->cluster, map->metric, map->year, hull->value, cx, cy);
    }
}

static void
layout_geo (Map                 *map,
            const RexChartFrame *frame,
            double               area_x,
            double               area_w,
            GArray              *items)
{
  map->r_max = MIN (area_w, frame->h) * 0.042;
  map->r_min = MAX (2.0, frame->em * 0.18);
  fit_projection (map, frame, area_x, area_w);

  for (guint i = 0; i < map->cells->len; i++)
    {
      Cell *cell = &g_array_index (map->cells, Cell, i);

      rex_projection_to_chart (&map->proj, cell->seat->lon, cell->seat->lat, &cell->x, &cell->y);
      cell->size = seat_radius (map, cell->value);
      rex_chart_append_item (items, cell->region, map->metric, map->year, cell->value, cell->x, cell->y);
    }
  place_rings (map, items);
  place_hulls (map, frame, items);
}

static void
add_label (Map            *map,
           PangoLayout    *layout,
           const RexRect  *rect,
           const RexColor *color,
           gboolean        halo)
{
  MapLabel label = { layout, *rect, *color, halo, FALSE, 0, 0, 0 };

  g_array_append_val (map->labels, label);
}

/* A cluster's outline has its colour-by colour when the seats are coloured
 * by cluster, else the one colour of the legend's outline key. */
static RexColor
hull_color (RexChart            *chart,
            const RexChartStyle *style,
            const Hull          *hull)
{
  int entry = rex_chart_group_color_entry (chart, hull->cluster);

  if (entry >= 0)
    return rex_chart_color_key_color (chart, entry, style);
  return style->palette[0];
}

static gboolean
covers_seat (const Map *map,
             double     cx,
             double     cy,
             double     w,
             double     h)
{
  RexRect rect = { cx - w / 2, cy - h / 2, w, h };

  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      RexRect box = { cell->x - cell->size, cell->y - cell->size, 2 * cell->size, 2 * cell->size };
      if (rex_rect_intersects (&rect, &box))
        return TRUE;
    }
  return FALSE;
}

/* Labels in order of importance: ring labels, the selection, the largest
 * seats, the other seats, then cluster names; whatever cannot be placed
 * without touching another label or a seat's centre is left out. */
static void
place_geo_labels (RexChart            *chart,
                  Map                 *map,
                  const RexChartFrame *frame,
                  double               area_x,
                  double               area_w)
{
  const RexChartStyle *style = frame->style;
  RexRect bounds = { area_x, frame->y, area_w, frame->h };
  RexLabelPlacer placer;

  rex_label_placer_init (&placer, &bounds);
  /* Seat centres stay visible: no label may cover one. Seats are marks
   * too, so a region's name is never nearer another seat than its own. */
  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      RexRect dot = { cell->x - map->r_min, cell->y - map->r_min, 2 * map->r_min, 2 * map->r_min };
      rex_label_placer_block (&placer, &dot);
      rex_label_placer_add_mark (&placer, cell->x, cell->y, cell->size);
    }
  for (guint i = 0; i < map->rings->len; i++)
    {
      const Ring *ring = &g_array_index (map->rings, Ring, i);
      double hours = rex_transport_circle_get_hours (ring->circle);
      /* Translators: travel time on a transport ring, "1 h" */
      g_autofree char *text = g_strdup_printf (_("%g h"), hours);
      PangoLayout *layout = rex_chart_text (frame, text, 0.75, PANGO_WEIGHT_BOLD);
      double w, h;
      RexRect rect;

      rex_chart_text_size (layout, &w, &h);
      /* On the ring: top, bottom, then left and right. */
      if (rex_label_placer_place_at (&placer, ring->hx, ring->hy - ring->r, w, h, &rect)
          || rex_label_placer_place_at (&placer, ring->hx, ring->hy + ring->r, w, h, &rect)
          || rex_label_placer_place_at (&placer, ring->hx - ring->r, ring->hy, w, h, &rect)
          || rex_label_placer_place_at (&placer, ring->hx + ring->r, ring->hy, w, h, &rect))
        add_label (map, layout, &rect, &style->reference, TRUE);
      else
        g_object_unref (layout);
    }

  for (int pass = 0; pass < 4; pass++)
    {
      if (pass == 3)
        {
          for (guint i = 0; i < map->hulls->len; i++)
            {
              const Hull *hull = &g_array_index (map->hulls, Hull, i);
              PangoLayout *layout = rex_chart_text (frame, rex_region_get_display_name (hull->cluster),
                                                    0.72, PANGO_WEIGHT_NORMAL);
              RexColor base = hull_color (chart, style, hull);
              RexColor color = rex_color_mix (&base, &style->foreground, 0.35);
              double w, h, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE, tx = 0, bx = 0;
              RexRect rect;

              for (guint p = 0; p < hull->n_hull; p++)
                {
                  if (hull->hull[2 * p + 1] < top)
                    {
                      top = hull->hull[2 * p + 1];
                      tx = hull->hull[2 * p];
                    }
                  if (hull->hull[2 * p + 1] > bottom)
                    {
                      bottom = hull->hull[2 * p + 1];
                      bx = hull->hull[2 * p];
                    }
                }
              rex_chart_text_size (layout, &w, &h);
              /* Just outside the outline, above it or below it, never over a seat. */
              if ((!covers_seat (map, tx, top - h / 2 - 1, w, h)
                   && rex_label_placer_place_at (&placer, tx, top - h / 2 - 1, w, h, &rect))
                  || (!covers_seat (map, bx, bottom + h / 2 + 1, w, h)
                      && rex_label_placer_place_at (&placer, bx, bottom + h / 2 + 1, w, h, &rect)))
                add_label (map, layout, &rect, &color, TRUE);
              else
                g_object_unref (layout);
            }
          continue;
        }
      for (guint i = 0; i < map->cells->len; i++)
        {
          const Cell *cell = &g_array_index (map->cells, Cell, i);
          gboolean wanted;
          PangoLayout *layout;
          double w, h;
          RexRect rect;
          gboolean moved;

          switch (pass)
            {
            case 0: wanted = cell->selected; break;
            case 1: wanted = !cell->selected && i < 10; break;
            default: wanted = !cell->selected && i >= 10; break;
            }
          if (!wanted)
            continue;
          layout = rex_chart_text (frame, rex_region_get_display_name (cell->region), 0.8,
                                   cell->selected ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          rex_chart_text_size (layout, &w, &h);
          if (rex_label_placer_place_for_mark (&placer, i, w, h, cell->selected, &rect, &moved))
            {
              MapLabel *label;

              add_label (map, layout, &rect,
                         map->has_selection && !cell->selected ? &style->muted : &style->foreground, TRUE);
              label = &g_array_index (map->labels, MapLabel, map->labels->len - 1);
              label->leader = moved;
              label->mark_x = cell->x;
              label->mark_y = cell->y;
              label->mark_r = cell->size;
            }
          else
            g_object_unref (layout);
        }
    }
  rex_label_placer_clear (&placer);
}

static void
layout_tiles (Map                 *map,
              const RexChartFrame *frame,
              double               area_x,
              double               area_w,
              GArray              *items)
{
  int c0 = G_MAXINT, c1 = G_MININT, r0 = G_MAXINT, r1 = G_MININT;
  double side, ox, oy;

  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      c0 = MIN (c0, cell->col);
      c1 = MAX (c1, cell->col);
      r0 = MIN (r0, cell->row);
      r1 = MAX (r1, cell->row);
    }
  side = MIN (area_w / (c1 - c0 + 1), frame->h / (r1 - r0 + 1));
  ox = area_x + (area_w - side * (c1 - c0 + 1)) / 2;
  oy = frame->y + (frame->h - side * (r1 - r0 + 1)) / 2;

  for (guint i = 0; i < map->cells->len; i++)
    {
      Cell *cell = &g_array_index (map->cells, Cell, i);

      cell->size = side;
      cell->x = ox + (cell->col - c0) * side;
      cell->y = oy + (cell->row - r0) * side;
      rex_chart_append_item (items, cell->region, map->metric, map->year, cell->figure,
                             cell->x + side / 2, cell->y + side / 2);
    }
}

static void
map_layout (RexChart            *chart,
            gpointer             data,
            const RexChartFrame *frame,
            GArray              *items)
{
  Map *map = data;
  double area_w;

  map->col_w = CLAMP (frame->em * 13, frame->w * 0.18, frame->w * 0.3);
  map->col_x = frame->x + frame->w - map->col_w;
  area_w = frame->w - map->col_w - frame->em * 1.5;
  clear_labels (map);
  if (map->mode == REX_MAP_MODE_TILES)
    layout_tiles (map, frame, frame->x, area_w, items);
  else
    {
      layout_geo (map, frame, frame->x, area_w, items);
      place_geo_labels (chart, map, frame, frame->x, area_w);
      map->n_refs = rex_size_legend_values (map->vmax, map->vmax * 0.01, map->ref_values);
      for (guint i = 0; i < map->n_refs; i++)
        map->ref_radii[i] = seat_radius (map, map->ref_values[i]);
    }
}

static void
hatch (cairo_t             *cr,
       const RexChartFrame *frame,
       double               x,
       double               y,
       double               w,
       double               h)
{
  double step = MAX (4.0, MIN (w, h) / 7);
  RexColor line = rex_color_mix (&frame->style->no_data, &frame->style->muted, 0.45);

  cairo_save (cr);
  rex_chart_set_color (cr, &frame->style->no_data);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  rex_chart_set_color (cr, &line);
  cairo_set_line_width (cr, MAX (1.0, step * 0.18));
  for (double d = -h; d < w; d += step)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static const RexColor *
text_on (const RexColor      *fill,
         const RexChartStyle *style)
{
  static const RexColor dark = { 0.118, 0.118, 0.118, 1 };
  static const RexColor light = { 1, 1, 1, 1 };

  /* The threshold where black and white text have equal contrast. */
  (void) style;
  return rex_color_luminance (fill) > 0.18 ? &dark : &light;
}

/* A paragraph of the legend column at @y; returns where the next starts
 * (@y when there is no room left for it above the plot's foot: a small
 * export's notes end in an ellipsis or are left out, rather than run over
 * the source line and off the picture). */
static double
draw_column_text (cairo_t             *cr,
                  const RexChartFrame *frame,
                  Map                 *map,
                  const char          *text,
                  double               size,
                  PangoWeight          weight,
                  const RexColor      *color,
                  double               y)
{
  g_autoptr(PangoLayout) layout = rex_chart_text (frame, text, size, weight);
  double h;

  pango_layout_set_width (layout, (int) (map->col_w * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (!rex_chart_fit_note (layout, frame->y + frame->h - y))
    return y;
  rex_chart_draw_text (cr, layout, map->col_x, y, 0, 0, color);
  rex_chart_text_size (layout, NULL, &h);
  return y + h + frame->em * 0.6;
}

/* "Population (10,000 persons)"; of a change, "Change since 2015
 * (percentage points)" or "% change since 2015". */
static char *
legend_title (const Map *map)
{
  g_autofree char *base = NULL;

  if (map->change.base_year == 0)
    return rex_chart_metric_label (map->metric);
  base = rex_format_year (map->change.base_year);
  if (map->change.relative)
    /* Translators: the title of a change map's legend: "% change since 2015" */
    return g_strdup_printf (_("%% change since %s"), base);
  /* Translators: the title of a change map's legend: base year, unit:
   * "Change since 2015 (percentage points)" */
  return g_strdup_printf (_("Change since %s (%s)"), base, map->change.unit);
}

static double
draw_legend_title (cairo_t             *cr,
                   const RexChartFrame *frame,
                   Map                 *map,
                   double               y)
{
  g_autofree char *text = legend_title (map);

  return draw_column_text (cr, frame, map, text, 0.8, PANGO_WEIGHT_BOLD, &frame->style->foreground, y);
}

static double
draw_note (cairo_t             *cr,
           const RexChartFrame *frame,
           Map                 *map,
           const char          *text,
           double               y)
{
  return draw_column_text (cr, frame, map, text, 0.76, PANGO_WEIGHT_NORMAL, &frame->style->muted, y);
}

static const char *
change_scale_note (const Map *map)
{
  if (map->continuous && map->over_years)
    /* Translators: how a change map's colours were chosen, from the changes to every year */
    return _("Colours run evenly from no change (pale) to the largest fall or rise of all years.");
  if (map->continuous)
    /* Translators: how a change map's colours were chosen */
    return _("Colours run evenly from no change (pale) to the largest fall or rise.");
  if (map->over_years)
    /* Translators: how a change map's classes were made, from the changes to every year */
    return _("Classes hold about equal numbers of the changes from the base year to each later year "
             "(quantiles), limits rounded, falls apart from rises: a colour means the same change in every year.");
  /* Translators: how a change map's classes were made */
  return _("Classes hold about equal numbers of regions (quantiles), limits rounded, falls apart from rises.");
}

/* The key of hatched tiles: a change needs the figures of both years (and
 * as a percentage, a base above zero; the subtitle counts those). */
static const char *
no_data_label (const Map *map)
{
  if (map->change.base_year != 0)
    /* Translators: the key of the hatched tiles of a change map */
    return _("no change to draw");
  return _("no data");
}

/* How the tiles' colours were made, said under their key. */
static const char *
scale_note (const Map *map)
{
  if (map->change.base_year != 0)
    return change_scale_note (map);
  if (map->continuous && map->over_years)
    /* Translators: how a map's colours were chosen, from the values of every year */
    return _("Colours run evenly from the smallest to the largest value of all years.");
  if (map->continuous)
    /* Translators: how a map's colours were chosen */
    return _("Colours run evenly from the smallest to the largest value.");
  if (map->over_years)
    /* Translators: how a map's classes were made, from the values of every year */
    return _("Classes hold about equal numbers of values of all years (quantiles), limits rounded: "
             "a colour means the same in every year.");
  /* Translators: how a map's classes were made */
  return _("Classes hold about equal numbers of regions (quantiles), limits rounded.");
}

/* Every tile has the same size. When it is below what the smallest label
 * scale can name (thousands of regions), names would only overprint the
 * neighbours: the tiles are then drawn without text. */
static gboolean
tiles_are_dense (const Map           *map,
                 const RexChartFrame *frame)
{
  const Cell *first;
  double s;

  if (map->cells->len == 0)
    return FALSE;
  first = &g_array_index (map->cells, Cell, 0);
  s = first->size - MAX (1.0, first->size * 0.05);
  return s * 0.3 / frame->em < 0.55;
}

static void
outline_selected_tile (cairo_t             *cr,
                       const RexChartStyle *style,
                       double               x,
                       double               y,
                       double               s)
{
  double lw = MAX (2.0, s * 0.07);

  rex_chart_set_color (cr, &style->highlight);
  cairo_set_line_width (cr, lw);
  cairo_rectangle (cr, x + lw / 2, y + lw / 2, s - lw, s - lw);
  cairo_stroke (cr);
}

/* Tiles without text; with classes, the tiles of each class are filled as
 * one path (tiles never overlap, so the order does not matter). Returns
 * whether a tile has no data. */
static gboolean
draw_dense_tiles (Map                 *map,
                  cairo_t             *cr,
                  const RexChartFrame *frame)
{
  const RexChartStyle *style = frame->style;
  gboolean any_missing = FALSE;

  for (guint i = 0; map->continuous && i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      double gap = MAX (1.0, cell->size * 0.05);
      RexColor fill = cell_color (map, cell, style);

      if (cell->cls < 0)
        continue;
      rex_chart_set_color (cr, &fill);
      cairo_rectangle (cr, cell->x + gap / 2, cell->y + gap / 2, cell->size - gap, cell->size - gap);
      cairo_fill (cr);
    }
  for (guint k = 0; k < map->n_classes && !map->continuous; k++)
    {
      RexColor fill = class_color (map, k, style);

      cairo_new_path (cr);
      for (guint i = 0; i < map->cells->len; i++)
        {
          const Cell *cell = &g_array_index (map->cells, Cell, i);
          double gap = MAX (1.0, cell->size * 0.05);

          if (cell->cls == (int) k)
            cairo_rectangle (cr, cell->x + gap / 2, cell->y + gap / 2, cell->size - gap, cell->size - gap);
        }
      rex_chart_set_color (cr, &fill);
      cairo_fill (cr);
    }
  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      double gap = MAX (1.0, cell->size * 0.05);
      double x = cell->x + gap / 2, ty = cell->y + gap / 2, s = cell->size - gap;

      if (cell->cls < 0)
        {
          any_missing = TRUE;
          hatch (cr, frame, x, ty, s, s);
        }
      if (cell->selected)
        outline_selected_tile (cr, style, x, ty, s);
    }
  return any_missing;
}

/* The size of the values under the tiles' names, as a share of the
 * names' size: the largest up to 0.72 at which every tile with a value has
 * room for it, smaller down to 0.6 for wider numbers ("+65,668"). 0 when
 * one has no room even then: no tile then shows its value (the legend's
 * classes say it), rather than some tiles with and some without, or
 * numbers spilling over the neighbours. */
static double
tile_value_size (const Map           *map,
                 const RexChartFrame *frame)
{
  double size = 0.72;

  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      double s = cell->size - MAX (1.0, cell->size * 0.05);
      double scale = CLAMP (s * 0.3 / frame->em, 0.55, 1.4);
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) value = NULL;
      double w;

      if (cell->cls < 0)
        continue;
      if (!(s > frame->em * 3.2))
        return 0;
      text = print_value (map, cell->value);
      value = rex_chart_text (frame, text, scale * 0.72, PANGO_WEIGHT_NORMAL);
      rex_chart_text_size (value, &w, NULL);
      /* Text narrows with its size; a little more for hinting. */
      if (w > s * 0.94)
        size = MIN (size, 0.72 * s * 0.94 / w * 0.97);
    }
  return size >= 0.6 ? size : 0;
}

/* One tile with its name, and its value when the tile has room for it. */
static void
draw_tile (Map                 *map,
           cairo_t             *cr,
           const RexChartFrame *frame,
           const Cell          *cell,
           double               value_size)
{
  const RexChartStyle *style = frame->style;
  double gap = MAX (1.0, cell->size * 0.05);
  double x = cell->x + gap / 2, ty = cell->y + gap / 2, s = cell->size - gap;
  RexColor fill = cell_color (map, cell, style);
  const RexColor *ink = cell->cls < 0 ? &style->foreground : text_on (&fill, style);
  double scale = CLAMP (s * 0.3 / frame->em, 0.55, 1.4);
  g_autoptr(PangoLayout) name = rex_chart_text (frame, cell->short_label, scale,
                                                cell->selected ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  double nh;

  if (cell->cls < 0)
    hatch (cr, frame, x, ty, s, s);
  else
    {
      rex_chart_set_color (cr, &fill);
      cairo_rectangle (cr, x, ty, s, s);
      cairo_fill (cr);
    }
  if (cell->selected)
    outline_selected_tile (cr, style, x, ty, s);
  if (cell->marked)
    {
      /* The hollow mark of estimated, derived or qualified values, in
       * the tile's corner: the fill keeps its class colour. */
      double r = CLAMP (s * 0.07, 2.5, frame->em * 0.35);
      RexColor pale = rex_color_mix (&fill, &style->background, 0.7);

      cairo_new_path (cr);
      cairo_arc (cr, x + s - r * 2, ty + r * 2, r, 0, 2 * G_PI);
      rex_chart_set_color (cr, &pale);
      cairo_fill_preserve (cr);
      rex_chart_set_color (cr, ink);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  rex_chart_text_size (name, NULL, &nh);
  if (value_size > 0 && cell->cls >= 0)
    {
      g_autofree char *text = print_value (map, cell->value);
      g_autoptr(PangoLayout) value = rex_chart_text (frame, text, scale * value_size, PANGO_WEIGHT_NORMAL);
      double vh;

      rex_chart_text_size (value, NULL, &vh);
      rex_chart_draw_text (cr, name, x + s / 2, ty + s / 2 - (nh + vh) / 2, 0.5, 0, ink);
      rex_chart_draw_text (cr, value, x + s / 2, ty + s / 2 - (nh + vh) / 2 + nh, 0.5, 0, ink);
    }
  else
    rex_chart_draw_text (cr, name, x + s / 2, ty + s / 2, 0.5, 0.5, ink);
}

/* The continuous colours' key: a ramp from the smallest value (at the
 * foot) to the largest, with zero marked on a change's. Returns the y
 * under it. */
static double
draw_ramp_legend (Map                 *map,
                  cairo_t             *cr,
                  const RexChartFrame *frame,
                  double               y)
{
  const RexChartStyle *style = frame->style;
  double ramp_h = frame->em * 8, sw = frame->em * 1.1, text_x = map->col_x + sw + frame->em * 0.5;
  g_autofree char *hi = print_value (map, map->vmax);
  g_autofree char *lo = print_value (map, map->vmin);
  g_autoptr(PangoLayout) hi_label = rex_chart_role_text (frame, hi, REX_CHART_TEXT_SMALL);
  g_autoptr(PangoLayout) lo_label = rex_chart_role_text (frame, lo, REX_CHART_TEXT_SMALL);
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, y + ramp_h, 0, y);
  double lh;

  for (int i = 0; i <= 8; i++)
    {
      RexColor c = ramp_color (map, map->vmin + (map->vmax - map->vmin) * i / 8.0, style);
      cairo_pattern_add_color_stop_rgb (ramp, i / 8.0, c.r, c.g, c.b);
    }
  cairo_set_source (cr, ramp);
  cairo_rectangle (cr, map->col_x, y, sw, ramp_h);
  cairo_fill (cr);
  cairo_pattern_destroy (ramp);
  rex_chart_draw_text (cr, hi_label, text_x, y, 0, 0, &style->foreground);
  rex_chart_draw_text (cr, lo_label, text_x, y + ramp_h, 0, 1.0, &style->foreground);
  rex_chart_text_size (hi_label, NULL, &lh);
  if (map->change.base_year != 0 && map->vmin < 0 && map->vmax > 0)
    {
      /* Zero, where it leaves room for the ends' labels. */
      double zero_y = y + ramp_h * map->vmax / (map->vmax - map->vmin);
      g_autoptr(PangoLayout) zero = rex_chart_role_text (frame, "0", REX_CHART_TEXT_SMALL);

      rex_chart_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, map->col_x, zero_y);
      cairo_line_to (cr, map->col_x + sw, zero_y);
      cairo_stroke (cr);
      if (zero_y - y > lh * 1.5 && y + ramp_h - zero_y > lh * 1.5)
        rex_chart_draw_text (cr, zero, text_x, zero_y, 0, 0.5, &style->foreground);
    }
  return y + ramp_h + frame->em * 0.5;
}

/* The legend of the tiles: one row per class with its range (or a ramp
 * from the smallest to the largest value), then "no data", the key of
 * hollow marks and the notes. */
static void
draw_tiles_legend (Map                 *map,
                   cairo_t             *cr,
                   const RexChartFrame *frame,
                   gboolean             any_missing)
{
  const RexChartStyle *style = frame->style;
  double y, sw = frame->em * 1.1;

  y = draw_legend_title (cr, frame, map, frame->y);
  if (map->continuous && map->n_values > 0)
    y = draw_ramp_legend (map, cr, frame, y);
  for (guint k = 0; k < map->n_classes && !map->continuous; k++)
    {
      RexColor fill = class_color (map, k, style);
      g_autofree char *text = class_label (map, k);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, text, REX_CHART_TEXT_SMALL);

      double lh;

      rex_chart_set_color (cr, &fill);
      cairo_rectangle (cr, map->col_x, y, sw, sw);
      cairo_fill (cr);
      /* A long range wraps within the legend's column, never past the
       * chart's edge. */
      pango_layout_set_width (label, (int) ((map->col_w - sw - frame->em * 0.5) * PANGO_SCALE));
      pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
      rex_chart_text_size (label, NULL, &lh);
      rex_chart_draw_text (cr, label, map->col_x + sw + frame->em * 0.5, y + sw / 2, 0, MIN (0.5, sw / 2 / lh),
                           &style->foreground);
      y += MAX (sw, lh) + frame->em * 0.35;
    }
  if (any_missing)
    {
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, no_data_label (map), REX_CHART_TEXT_SMALL);
      double lh;

      /* Within the legend's column, as the classes' ranges. */
      pango_layout_set_width (label, (int) ((map->col_w - sw - frame->em * 0.5) * PANGO_SCALE));
      pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
      rex_chart_text_size (label, NULL, &lh);
      hatch (cr, frame, map->col_x, y, sw, sw);
      rex_chart_draw_text (cr, label, map->col_x + sw + frame->em * 0.5, y + sw / 2, 0, MIN (0.5, sw / 2 / lh),
                           &style->foreground);
      y += MAX (sw, lh) + frame->em * 0.35;
    }
  if (map->reference != NULL)
    y = draw_column_text (cr, frame, map, map->reference, 0.76, PANGO_WEIGHT_NORMAL, &style->foreground, y);
  if (map->any_marked)
    y += rex_chart_status_key (cr, frame, map->col_x, y, map->col_w, FALSE) + frame->em * 0.35;
  y += frame->em * 0.5;
  y = draw_note (cr, frame, map, scale_note (map), y);
  if (map->note)
    draw_note (cr, frame, map, map->note, y);
}

static void
draw_tiles (Map                 *map,
            cairo_t             *cr,
            const RexChartFrame *frame)
{
  gboolean any_missing = FALSE;

  if (tiles_are_dense (map, frame))
    any_missing = draw_dense_tiles (map, cr, frame);
  else
    {
      double value_size = tile_value_size (map, frame);

      for (guint i = 0; i < map->cells->len; i++)
        {
          const Cell *cell = &g_array_index (map->cells, Cell, i);

          any_missing |= cell->cls < 0;
          draw_tile (map, cr, frame, cell, value_size);
        }
    }
  draw_tiles_legend (map, cr, frame, any_missing);
}

static void
ring_dash (cairo_t *cr,
           double   hours,
           double   unit)
{
  double dash[4];

  /* Distinct patterns per travel time: dashes for 1 h, dots for 2 h,
   * dash-dot beyond. */
  if (hours <= 1)
    {
      dash[0] = 6 * unit;
      dash[1] = 3 * unit;
      cairo_set_dash (cr, dash, 2, 0);
    }
  else if (hours <= 2)
    {
      dash[0] = 1.5 * unit;
      dash[1] = 2.5 * unit;
      cairo_set_dash (cr, dash, 2, 0);
    }
  else
    {
      dash[0] = 8 * unit;
      dash[1] = 3 * unit;
      dash[2] = 1.5 * unit;
      dash[3] = 3 * unit;
      cairo_set_dash (cr, dash, 4, 0);
    }
}

static void
draw_label_halo (cairo_t             *cr,
                 const RexChartFrame *frame,
                 const MapLabel      *label)
{
  if (label->leader)
    rex_chart_draw_leader (cr, frame, label->mark_x, label->mark_y, label->mark_r, &label->rect);
  if (label->halo)
    {
      cairo_save (cr);
      cairo_move_to (cr, label->rect.x, label->rect.y);
      pango_cairo_layout_path (cr, label->layout);
      rex_chart_set_color (cr, &frame->style->background);
      cairo_set_line_width (cr, MAX (2.0, frame->em * 0.25));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  rex_chart_draw_text (cr, label->layout, label->rect.x, label->rect.y, 0, 0, &label->color);
}

/* Clusters underneath, lightly filled. */
static void
draw_hulls (RexChart            *chart,
            Map                 *map,
            cairo_t             *cr,
            const RexChartFrame *frame,
            double               unit)
{
  for (guint i = 0; i < map->hulls->len; i++)
    {
      const Hull *hull = &g_array_index (map->hulls, Hull, i);
      RexColor color = hull_color (chart, frame->style, hull);

      cairo_new_path (cr);
      for (guint p = 0; p < hull->n_hull; p++)
        cairo_line_to (cr, hull->hull[2 * p], hull->hull[2 * p + 1]);
      cairo_close_path (cr);
      color.a = 0.10;
      rex_chart_set_color (cr, &color);
      cairo_fill_preserve (cr);
      color.a = 0.75;
      rex_chart_set_color (cr, &color);
      cairo_set_line_width (cr, 1.2 * unit);
      cairo_stroke (cr);
    }
}

/* Seats, largest first so small ones stay visible. */
static void
draw_seats (RexChart            *chart,
            Map                 *map,
            cairo_t             *cr,
            const RexChartFrame *frame,
            double               unit)
{
  const RexChartStyle *style = frame->style;

  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      RexColor color = rex_chart_region_color (chart, cell->region, style);

      if (map->has_selection && !cell->selected)
        color = rex_color_mix (&color, &style->background, 0.6);
      rex_chart_note_mark (cr, cell->x, cell->y, cell->size);
      cairo_new_path (cr);
      cairo_arc (cr, cell->x, cell->y, cell->size, 0, 2 * G_PI);
      if (isnan (cell->value))
        {
          rex_chart_set_color (cr, &style->muted);
          cairo_set_line_width (cr, 1.2 * unit);
          cairo_stroke (cr);
          continue;
        }
      if (cell->marked)
        {
          /* Hollow, as in every kind: a pale inside in an outline of the colour. */
          RexColor pale = rex_color_mix (&color, &style->background, 0.7);

          rex_chart_set_color (cr, &pale);
          cairo_fill_preserve (cr);
          rex_chart_set_color (cr, &color);
          cairo_set_line_width (cr, 1.5 * unit);
          cairo_stroke_preserve (cr);
          cairo_new_path (cr);
          continue;
        }
      color.a = 0.82;
      rex_chart_set_color (cr, &color);
      cairo_fill_preserve (cr);
      if (cell->selected)
        {
          rex_chart_set_color (cr, &style->foreground);
          cairo_set_line_width (cr, 2.0 * unit);
        }
      else
        {
          rex_chart_set_color (cr, &style->background);
          cairo_set_line_width (cr, 0.8 * unit);
        }
      cairo_stroke (cr);
    }
}

/* Rings and hubs on top; the travel times drawn, once each, in
 * @hours_seen (at most @max), for the legend. Returns their number. */
static guint
draw_rings (Map                 *map,
            cairo_t             *cr,
            const RexChartFrame *frame,
            double               unit,
            double              *hours_seen,
            guint                max)
{
  const RexChartStyle *style = frame->style;
  guint n_hours = 0;

  for (guint i = 0; i < map->rings->len; i++)
    {
      const Ring *ring = &g_array_index (map->rings, Ring, i);
      double hours = rex_transport_circle_get_hours (ring->circle);
      gboolean seen = FALSE;

      cairo_save (cr);
      rex_chart_set_color (cr, &style->reference);
      cairo_set_line_width (cr, 1.6 * unit);
      ring_dash (cr, hours, unit);
      cairo_new_path (cr);
      cairo_arc (cr, ring->hx, ring->hy, ring->r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_restore (cr);
      rex_chart_set_color (cr, &style->reference);
      cairo_arc (cr, ring->hx, ring->hy, MAX (2.0, frame->em * 0.2), 0, 2 * G_PI);
      cairo_fill (cr);
      for (guint h = 0; h < n_hours; h++)
        seen |= hours_seen[h] == hours;
      if (!seen && n_hours < max)
        hours_seen[n_hours++] = hours;
    }
  return n_hours;
}

/* The legend's rows of the rings' travel times and their note. */
static double
draw_rings_legend (Map                 *map,
                   cairo_t             *cr,
                   const RexChartFrame *frame,
                   double               unit,
                   const double        *hours_seen,
                   guint                n_hours,
                   double               y)
{
  const RexChartStyle *style = frame->style;

  for (guint h = 0; h < n_hours; h++)
    {
      /* Translators: legend entry of a transport ring: "1 h travel circle" */
      g_autofree char *text = g_strdup_printf (_("%g h travel circle"), hours_seen[h]);
      g_autoptr(PangoLayout) label = rex_chart_role_text (frame, text, REX_CHART_TEXT_SMALL);
      double sw = frame->em * 2.2;

      cairo_save (cr);
      rex_chart_set_color (cr, &style->reference);
      cairo_set_line_width (cr, 1.6 * unit);
      ring_dash (cr, hours_seen[h], unit);
      cairo_move_to (cr, map->col_x, y + frame->em * 0.55);
      cairo_line_to (cr, map->col_x + sw, y + frame->em * 0.55);
      cairo_stroke (cr);
      cairo_restore (cr);
      rex_chart_draw_text (cr, label, map->col_x + sw + frame->em * 0.5, y + frame->em * 0.55, 0, 0.5,
                           &style->foreground);
      y += frame->em * 1.4;
    }
  if (map->rings->len > 0)
    {
      y += frame->em * 0.3;
      if (map->any_farthest)
        y = draw_note (cr, frame, map, map->any_published
                       ? _("Rings without a published radius pass through the farthest member city.")
                       : _("No radius is published: each ring passes through the farthest member city."), y);
      else
        y = draw_note (cr, frame, map, _("Ring radius as published."), y);
    }
  return y;
}

/* The legend's row of the clusters' outline. */
static double
draw_hulls_legend (RexChart            *chart,
                   Map                 *map,
                   cairo_t             *cr,
                   const RexChartFrame *frame,
                   double               unit,
                   double               y)
{
  const RexChartStyle *style = frame->style;
  g_autoptr(PangoLayout) label = rex_chart_role_text (frame, _("City cluster: outline around its members"),
                                                      REX_CHART_TEXT_SMALL);
  RexColor color = rex_chart_get_spec (chart)->color_by == REX_COLOR_BY_CLUSTER
                   ? style->muted : style->palette[0];
  double sw = frame->em * 1.1, lh;

  pango_layout_set_width (label, (int) ((map->col_w - sw - frame->em * 0.5) * PANGO_SCALE));
  pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
  if (y + sw > frame->y + frame->h || !rex_chart_fit_note (label, frame->y + frame->h - y))
    return y;
  color.a = 0.12;
  rex_chart_set_color (cr, &color);
  cairo_rectangle (cr, map->col_x, y, sw, sw);
  cairo_fill_preserve (cr);
  color.a = 0.75;
  rex_chart_set_color (cr, &color);
  cairo_set_line_width (cr, 1.2 * unit);
  cairo_stroke (cr);
  rex_chart_draw_text (cr, label, map->col_x + sw + frame->em * 0.5, y, 0, 0, &style->foreground);
  rex_chart_text_size (label, NULL, &lh);
  return y + MAX (lh, sw) + frame->em * 0.8;
}

static void
draw_geo (RexChart            *chart,
          Map                 *map,
          cairo_t             *cr,
          const RexChartFrame *frame)
{
  double unit = MAX (1.0, frame->em / 13.0), y;
  double hours_seen[8];
  guint n_hours;

  draw_hulls (chart, map, cr, frame, unit);
  draw_seats (chart, map, cr, frame, unit);
  n_hours = draw_rings (map, cr, frame, unit, hours_seen, G_N_ELEMENTS (hours_seen));
  for (guint i = 0; i < map->labels->len; i++)
    draw_label_halo (cr, frame, &g_array_index (map->labels, MapLabel, i));

  /* Legend column. */
  y = draw_legend_title (cr, frame, map, frame->y);
  if (map->n_refs > 0)
    {
      y += rex_chart_size_legend (cr, frame, map->col_x, y, map->ref_values,
                                  map->ref_radii, map->n_refs);
      y += frame->em * 1.0;
    }
  if (rex_chart_get_spec (chart)->color_by != REX_COLOR_BY_NONE)
    y += rex_chart_color_legend (chart, cr, frame, map->col_x, y, map->col_w) + frame->em * 0.6;
  if (map->any_marked)
    y += rex_chart_status_key (cr, frame, map->col_x, y, map->col_w, FALSE) + frame->em * 0.6;
  y = draw_rings_legend (map, cr, frame, unit, hours_seen, n_hours, y);
  if (map->hulls->len > 0)
    y = draw_hulls_legend (chart, map, cr, frame, unit, y);
  if (map->note)
    draw_note (cr, frame, map, map->note, y);
}

static void
map_draw (RexChart            *chart,
          gpointer             data,
          cairo_t             *cr,
          const RexChartFrame *frame)
{
  Map *map = data;

  if (map->mode == REX_MAP_MODE_TILES)
    draw_tiles (map, cr, frame);
  else
    draw_geo (chart, map, cr, frame);
}

static void
map_draw_hover (RexChart            *chart,
                gpointer             data,
                cairo_t             *cr,
                const RexChartFrame *frame,
                const RexChartItem  *item)
{
  Map *map = data;

  rex_chart_set_color (cr, &frame->style->hover);
  cairo_set_line_width (cr, 2.0);
  if (map->mode == REX_MAP_MODE_TILES)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, item->index);
      cairo_rectangle (cr, cell->x, cell->y, cell->size, cell->size);
    }
  else if (item->index < map->first_ring_item)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, item->index);
      cairo_arc (cr, cell->x, cell->y, cell->size + 3, 0, 2 * G_PI);
    }
  else if (item->index < map->first_hull_item)
    {
      const Ring *ring = &g_array_index (map->rings, Ring, item->index - map->first_ring_item);
      cairo_arc (cr, ring->hx, ring->hy, ring->r, 0, 2 * G_PI);
    }
  else
    {
      const Hull *hull = &g_array_index (map->hulls, Hull, item->index - map->first_hull_item);
      for (guint p = 0; p < hull->n_hull; p++)
        cairo_line_to (cr, hull->hull[2 * p], hull->hull[2 * p + 1]);
      cairo_close_path (cr);
    }
  cairo_stroke (cr);
}

static int
map_hit_test (RexChart            *chart,
              gpointer             data,
              const RexChartFrame *frame,
              double               x,
              double               y)
{
  Map *map = data;
  double tolerance = MAX (4.0, frame->em * 0.35);

  if (map->mode == REX_MAP_MODE_TILES)
    {
      for (guint i = 0; i < map->cells->len; i++)
        {
          const Cell *cell = &g_array_index (map->cells, Cell, i);
          if (x >= cell->x && x < cell->x + cell->size && y >= cell->y && y < cell->y + cell->size)
            return (int) i;
        }
      return -1;
    }

  /* Seats first (the last drawn is on top), then hubs and rings, then clusters. */
  for (guint i = map->cells->len; i-- > 0;)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      double r = MAX (cell->size, 4.0);
      if (hypot (x - cell->x, y - cell->y) <= r)
        return (int) i;
    }
  for (guint i = 0; i < map->rings->len; i++)
    {
      const Ring *ring = &g_array_index (map->rings, Ring, i);
      double d = hypot (x - ring->hx, y - ring->hy);
      if (d <= tolerance * 1.5 || fabs (d - ring->r) <= tolerance)
        return (int) (map->first_ring_item + i);
    }
  for (guint i = 0; i < map->hulls->len; i++)
    {
      const Hull *hull = &g_array_index (map->hulls, Hull, i);
      if (hull->n_hull >= 3 && rex_point_in_polygon (hull->hull, hull->n_hull, x, y))
        return (int) (map->first_hull_item + i);
    }
  return -1;
}

static void
map_fill_table (RexChart      *chart,
                gpointer       data,
                RexChartTable *table)
{
  Map *map = data;
  gboolean tiles = map->mode == REX_MAP_MODE_TILES;
  /* Continuous colours have no classes to list. */
  gboolean classes = tiles && !map->continuous;

  rex_chart_table_add_region_columns (table, map->metric);
  if (map->change.base_year != 0)
    rex_change_add_columns (&map->change, table);
  if (classes)
    rex_chart_table_add_columns (table, _("Class from"), _("Class to"), NULL);
  else if (!tiles)
    rex_chart_table_add_columns (table, _("Longitude"), _("Latitude"), _("Ring radius (km)"), NULL);

  for (guint i = 0; i < map->cells->len; i++)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, i);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (rex_region_get_id (cell->region)));
      g_ptr_array_add (cells, g_strdup (rex_region_get_display_name (cell->region)));
      g_ptr_array_add (cells, g_strdup_printf ("%d", map->year));
      g_ptr_array_add (cells, rex_chart_raw_number (cell->figure));
      if (map->change.base_year != 0)
        rex_change_add_cells (&map->change, cells, cell->region, rex_metric_get_id (map->metric),
                              cell->base, cell->value, NULL);
      if (classes)
        {
          g_ptr_array_add (cells, rex_chart_raw_number (cell->cls >= 0 ? map->breaks[cell->cls] : NAN));
          g_ptr_array_add (cells, rex_chart_raw_number (cell->cls >= 0 ? map->breaks[cell->cls + 1] : NAN));
        }
      else if (!tiles)
        {
          g_ptr_array_add (cells, rex_chart_raw_number (cell->seat->lon));
          g_ptr_array_add (cells, rex_chart_raw_number (cell->seat->lat));
          g_ptr_array_add (cells, g_strdup (""));
        }
      g_ptr_array_add (table->rows, cells);
    }
  /* The rings: hub position and the radius drawn. */
  for (guint i = 0; !tiles && i < map->rings->len; i++)
    {
      const Ring *ring = &g_array_index (map->rings, Ring, i);
      const RexPlace *hub = rex_transport_circle_get_hub (ring->circle);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (rex_transport_circle_get_id (ring->circle)));
      g_ptr_array_add (cells, g_strdup (rex_transport_circle_get_display_name (ring->circle)));
      g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, rex_chart_raw_number (hub->lon));
      g_ptr_array_add (cells, rex_chart_raw_number (hub->lat));
      g_ptr_array_add (cells, rex_chart_raw_number (ring->radius_km));
      g_ptr_array_add (table->rows, cells);
    }
}

static char *
map_describe (RexChart *chart,
              gpointer  data)
{
  Map *map = data;

  if (map->mode == REX_MAP_MODE_TILES)
    {
      const Cell *hi = NULL, *lo = NULL;
      g_autofree char *summary = NULL;

      /* Translators: screen reader summary of a tile map */
      summary = g_strdup_printf (_("%s, %s. %u regions as tiles in %u classes; %u without data."),
                                 rex_chart_get_title (chart), rex_chart_get_subtitle (chart),
                                 map->cells->len, map->n_classes, map->cells->len - map->n_values);
      for (guint i = 0; i < map->cells->len; i++)
        {
          const Cell *cell = &g_array_index (map->cells, Cell, i);

          if (isnan (cell->value))
            continue;
          if (hi == NULL || cell->value > hi->value)
            hi = cell;
          if (lo == NULL || cell->value < lo->value)
            lo = cell;
        }
      if (hi != NULL)
        {
          g_autofree char *hv = describe_value (chart, map, hi->value);
          g_autofree char *lv = describe_value (chart, map, lo->value);

          /* Translators: appended to a map's screen reader summary */
          return g_strdup_printf (_("%s Highest %s at %s, lowest %s at %s."), summary,
                                  rex_region_get_display_name (hi->region), hv,
                                  rex_region_get_display_name (lo->region), lv);
        }
      return g_steal_pointer (&summary);
    }
  /* Translators: screen reader summary of the geographic map */
  return g_strdup_printf (_("%s, %s. %u seats, %u transport circles, %u city clusters."),
                          rex_chart_get_title (chart), rex_chart_get_subtitle (chart),
                          map->cells->len, map->rings->len, map->hulls->len);
}

/* A tile of a change map: "+12.3 percentage points since 2015". */
static char *
map_describe_change (RexChart           *chart,
                     gpointer            data,
                     const RexChartItem *item)
{
  Map *map = data;
  const Cell *cell;
  g_autofree char *value = NULL;

  if (map->change.base_year == 0 || item->region == NULL || item->index >= map->cells->len)
    return NULL;
  cell = &g_array_index (map->cells, Cell, item->index);
  if (isnan (cell->value))
    return NULL;
  value = print_value (map, cell->value);
  return rex_change_since (&map->change, value);
}

/* A tile or seat: "Guangdong, Population 2024: 12,780 10,000 persons, class
 * 9,000 – 13,000"; a transport circle: its hub, time, reach and member count
 * (Enter opens the full panel); a city cluster: its name and value. */
static char *
map_describe_item (RexChart           *chart,
                   gpointer            data,
                   const RexChartItem *item)
{
  Map *map = data;
  GString *text;

  if (item->circle != NULL)
    {
      RexTransportCircle *circle = item->circle;
      const RexPlace *hub = rex_transport_circle_get_hub (circle);
      guint n_members = rex_transport_circle_get_members (circle)->len;
      double radius = rex_transport_circle_get_radius_km (circle);

      text = g_string_new (NULL);
      /* Translators: screen reader name of a transport circle on the map:
       * "Beijing 1-hour commuting circle: hub Beijing, 1 h by commuter rail" */
      g_string_append_printf (text, _("%s: hub %s, %g h by %s"), rex_transport_circle_get_display_name (circle),
                              rex_pick_localized (hub->name, hub->name_zh),
                              rex_transport_circle_get_hours (circle), rex_transport_circle_get_mode (circle));
      if (!isnan (radius))
        /* Translators: in a transport circle's screen reader name */
        g_string_append_printf (text, _(", reach %g km"), radius);
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: in a transport circle's screen reader name */
                                                 ", %u member city", ", %u member cities", n_members),
                              n_members);
      return g_string_free (text, FALSE);
    }
  if (item->region == NULL)
    return g_strdup (item->label ? item->label : "");
  text = rex_chart_item_sentence (rex_region_get_display_name (item->region), map->metric, map->year,
                                  item->value);
  if (item->index < map->cells->len)
    {
      const Cell *cell = &g_array_index (map->cells, Cell, item->index);
      g_autofree char *change = map_describe_change (chart, data, item);

      if (change != NULL)
        g_string_append_printf (text, "%s%s", C_("item name", ", "), change);

      if (cell->cls >= 0 && !map->continuous)
        {
          g_autofree char *range = class_label (map, cell->cls);
          /* Translators: in a map tile's screen reader name: the legend's class of its colour */
          g_string_append_printf (text, _(", class %s"), range);
        }
      rex_chart_append_item_notes (chart, text, item->region, rex_metric_get_id (map->metric), map->year, TRUE);
    }
  return g_string_free (text, FALSE);
}

/* The tile map's legend: its classes (or the ends of its ramp), then "no
 * data". The geographic map's seats are sized, not coloured, by value: its
 * legend is the colour key of the seats' groups, then the clusters' outline. */
static void
map_legend (RexChart  *chart,
            gpointer   data,
            GPtrArray *entries)
{
  Map *map = data;

  if (map->mode != REX_MAP_MODE_TILES)
    {
      guint n = 0;
      const RexColorKeyEntry *key = rex_chart_get_spec (chart)->color_by != REX_COLOR_BY_NONE
                                    ? rex_chart_get_color_key (chart, &n) : NULL;

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (entries, g_strdup (key[i].label));
      if (map->hulls->len > 0)
        g_ptr_array_add (entries, g_strdup (_("City cluster: outline around its members")));
      return;
    }
  if (map->continuous && map->n_values > 0)
    {
      g_autofree char *lo = print_value (map, map->vmin);
      g_autofree char *hi = print_value (map, map->vmax);

      g_ptr_array_add (entries, g_strdup_printf (_("%s – %s"), lo, hi));
    }
  for (guint k = 0; k < map->n_classes && !map->continuous; k++)
    g_ptr_array_add (entries, class_label (map, k));
  if (map->n_values < map->cells->len)
    g_ptr_array_add (entries, g_strdup (no_data_label (map)));
  if (map->reference != NULL)
    g_ptr_array_add (entries, g_strdup (map->reference));
}

const RexChartKindImpl rex_chart_map_impl = {
  .kind = REX_CHART_KIND_MAP,
  .prepare = map_prepare,
  .free_data = map_free,
  .layout = map_layout,
  .draw = map_draw,
  .draw_hover = map_draw_hover,
  .hit_test = map_hit_test,
  .fill_table = map_fill_table,
  .describe = map_describe,
  .describe_item = map_describe_item,
  .describe_change = map_describe_change,
  .legend = map_legend,
};
