/* rex-model-private.h — what only the model layer sees: the instance structs
 * the loader fills in, and the constructors it uses.
 *
 * The objects are immutable to everyone else, so instead of a setter per
 * field the loader writes the structs directly while it validates.
 */
#pragma once

#include "rex-dataset.h"

G_BEGIN_DECLS

struct _RexSource
{
  GObject  parent_instance;

  char    *id;
  char    *publisher;
  char    *publisher_zh;
  char    *title;
  char    *title_zh;
  char    *date;
  char    *url;
  char    *via;
  char    *note;
};

struct _RexMetric
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *name_zh;
  char     *unit;
  char     *unit_zh;
  char     *description;
  char     *source_id;
  int       decimals;
  guint     higher_is_better : 1;
  guint     percent : 1;
  guint     has_target : 1;
  double    target_value;
  int       target_year;
  char     *target_source_id;
  char     *target_text;
  GArray   *notes;              /* RexSeriesNote */
  RexCombine combine;
  char     *weight_id;          /* mean weighted by this metric; nullable */
};

struct _RexRegion
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *name_zh;
  RexRegionKind   kind;
  RexRegion      *parent;       /* owned; links are broken by the dataset's dispose */
  GPtrArray      *members;      /* RexRegion, owned */
  GPtrArray      *memberships;  /* RexRegion, owned */
  char          **cities;
  guint           tier;
  RexPlace       *seat;
  gboolean        has_tile;
  int             tile_col;
  int             tile_row;
  char           *source_id;
  GHashTable     *series;       /* metric id (borrowed from the series) → RexSeries */
};

struct _RexTransportCircle
{
  GObject      parent_instance;

  char        *id;
  char        *name;
  char        *name_zh;
  RexPlace     hub;
  RexRegion   *hub_region;      /* owned */
  double       hours;
  char        *mode;
  GArray      *members;         /* RexPlace */
  double       radius_km;
  RexRegion   *cluster;         /* owned */
  char        *source_id;
  char        *note;
};

struct _RexDataset
{
  GObject      parent_instance;

  char        *title;
  char        *title_zh;
  char        *description;
  char        *description_zh;
  char        *file_name;
  char        *checksum;

  GListStore  *sources;
  GListStore  *metrics;
  GListStore  *regions;
  GListStore  *circles;

  GPtrArray   *source_index;    /* RexSource by RexDatum.source index, borrowed */
  GHashTable  *sources_by_id;   /* borrowed keys and values; the stores own them */
  GHashTable  *metrics_by_id;
  GHashTable  *regions_by_id;
  GHashTable  *circles_by_id;

  GHashTable  *years_by_metric; /* metric id → GArray of int, ascending */
  GBytes      *checksum_source; /* the bytes to hash when the checksum is first asked for */
  GMutex       checksum_lock;
  GArray      *headlines;       /* RexHeadline */
};

RexSource          *rex_source_new            (void);
RexMetric          *rex_metric_new            (void);
RexRegion          *rex_region_new            (void);
RexTransportCircle *rex_transport_circle_new  (void);
RexDataset         *rex_dataset_new           (void);

void                rex_place_clear           (RexPlace   *place);
void                rex_series_note_clear     (RexSeriesNote *note);
void                rex_headline_clear        (RexHeadline *headline);

/* Drops the references regions hold to each other (parent, members,
 * memberships), which form cycles the dataset breaks when it goes away. */
void                rex_region_clear_links    (RexRegion  *self);
void                rex_region_add_series     (RexRegion  *self,
                                               RexSeries  *series);

/* A series covering @first_year..@last_year, every year missing. */
RexSeries          *rex_series_new            (const char *metric_id,
                                               int         first_year,
                                               int         last_year);
/* A series covering @first_year..@last_year whose values are
 * @values[0..last_year - first_year] (NaN where a year has none), all with
 * source index 0, qualifier and status unset. */
RexSeries          *rex_series_new_from_values (const char   *metric_id,
                                                int           first_year,
                                                int           last_year,
                                                const double *values);
/* Where a loader makes its series: large blocks shared by many series, each
 * freed when the arena and its last series are gone. Used by one thread;
 * the series may then go anywhere. */
typedef struct _RexSeriesArena RexSeriesArena;

RexSeriesArena     *rex_series_arena_new      (void);
void                rex_series_arena_free     (RexSeriesArena *arena);
/* rex_series_new_from_values(), in @arena. */
RexSeries          *rex_series_arena_new_from_values (RexSeriesArena *arena,
                                                      const char     *metric_id,
                                                      int             first_year,
                                                      int             last_year,
                                                      const double   *values);
/* Asks the kernel to back @size bytes at @data with 2 MiB pages where it
 * can, for buffers filled once right after they are made. */
void                rex_advise_huge_pages     (gpointer        data,
                                               gsize           size);

/* A copy of @self over @first_year..@last_year (values outside dropped),
 * with its undated value and notes. */
RexSeries          *rex_series_copy_range     (const RexSeries *self,
                                               int              first_year,
                                               int              last_year);
/* Replaces each value's source index i by @map[i]. */
void                rex_series_remap_sources  (RexSeries     *self,
                                               const guint16 *map,
                                               guint          n_map);
/* Drops the note of @year (0: the undated value's). */
void                rex_series_remove_note    (RexSeries     *self,
                                               int            year);
/* A series with no years, only room for an undated value. */
RexSeries          *rex_series_new_undated    (const char *metric_id);
/* Sets (or, with NULL, clears) the value that has no year. */
void                rex_series_set_undated    (RexSeries      *self,
                                               const RexDatum *datum);
/* Sets the source index of every value. */
void                rex_series_set_source     (RexSeries  *self,
                                               guint16     source);
/* Stores @datum as the value of @year, which must lie in the series' range. */
void                rex_series_set_datum      (RexSeries      *self,
                                               int             year,
                                               const RexDatum *datum);
void                rex_series_set_note       (RexSeries  *self,
                                               int         year,
                                               const char *note);

/* rex-dataset-complete.c: what every dataset gets once its own contents
 * are in (docs/dataset-format.md, "Built-in regions" and "Group values"). */

/* Appends to the dataset's lists and look-ups; FALSE (nothing added) when
 * the id is taken. The dataset takes a reference. */
gboolean            rex_dataset_add_source    (RexDataset *self,
                                               RexSource  *source);
gboolean            rex_dataset_add_metric    (RexDataset *self,
                                               RexMetric  *metric);
gboolean            rex_dataset_add_region    (RexDataset *self,
                                               RexRegion  *region);
/* Fills in what the registry knows of regions named by its ids and the
 * dataset does not say: seat, tile, parent, members. With
 * @add_groups, also adds the nation, macro-regions, strategy areas and city
 * clusters any of whose provinces are present. */
void                rex_dataset_apply_registry (RexDataset *self,
                                                gboolean    add_groups);
/* Derives group values from members' for metrics that combine. */
void                rex_dataset_derive        (RexDataset *self);
/* Rebuilds the years of every metric from the regions' series. */
void                rex_dataset_collect_years (RexDataset *self);
void                rex_region_link_member    (RexRegion  *group,
                                               RexRegion  *member);

/* Reads a dataset or (@table) a table file: regular files within the size
 * limit only, and never past it. Adds a problem to *@problems (when not
 * NULL) on failure. */
GBytes             *rex_read_data_file        (GFile         *file,
                                               gboolean       table,
                                               GCancellable  *cancellable,
                                               GPtrArray    **problems,
                                               GError       **error);

/* Metrics, regions and transport circles begin their read-only properties
 * alike: "id", "name", "name-zh" and "display-name" (the name in the UI's
 * language). These are their numbers; a class's own follow from
 * REX_NAMED_N_PROPS. */
enum
{
  REX_NAMED_PROP_ID = 1,
  REX_NAMED_PROP_NAME,
  REX_NAMED_PROP_NAME_ZH,
  REX_NAMED_PROP_DISPLAY_NAME,
  REX_NAMED_N_PROPS
};

/* Fills properties[REX_NAMED_PROP_ID .. REX_NAMED_PROP_DISPLAY_NAME]. */
void     rex_named_install_properties (GParamSpec **properties,
                                       GParamFlags  flags);
/* Sets @value for one of those properties; FALSE for any other @prop_id. */
gboolean rex_named_get_property       (guint        prop_id,
                                       GValue      *value,
                                       const char  *id,
                                       const char  *name,
                                       const char  *name_zh);

G_END_DECLS
