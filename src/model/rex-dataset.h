/* rex-dataset.h — a loaded, validated dataset and its look-ups.
 *
 * A RexDataset is immutable once loaded: the loader builds it, and every other
 * layer only reads it, so it can be handed from a loading thread to the UI.
 */
#pragma once

#include <gio/gio.h>

#include "rex-dataset-problem.h"
#include "rex-metric.h"
#include "rex-region.h"
#include "rex-series.h"
#include "rex-source.h"
#include "rex-transport-circle.h"

G_BEGIN_DECLS

#define REX_DATASET_SCHEMA "region-explorer/1"

#define REX_TYPE_DATASET (rex_dataset_get_type ())
G_DECLARE_FINAL_TYPE (RexDataset, rex_dataset, REX, DATASET, GObject)

/* Parses and validates @bytes. On failure @error holds the first problem in the
 * "FILE:LINE:COLUMN: PATH: message" form; @problems (optional) receives all of
 * them (GPtrArray of RexDatasetProblem, owned by the caller). */
RexDataset  *rex_dataset_new_from_bytes    (GBytes        *bytes,
                                            const char    *display_name,
                                            GPtrArray    **problems,
                                            GError       **error);
/* Reads @file (refusing directories, FIFOs, devices and files over the size
 * limit before reading them) and parses it. Blocking: call from a thread. */
RexDataset  *rex_dataset_new_from_file     (GFile         *file,
                                            GCancellable  *cancellable,
                                            GPtrArray    **problems,
                                            GError       **error);
/* The dataset bundled in the program's resources. */
RexDataset  *rex_dataset_new_default       (GError       **error);
/* Loads @file in a worker thread (GTask). */
void         rex_dataset_load_async        (GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
RexDataset  *rex_dataset_load_finish       (GAsyncResult  *result,
                                            GError       **error);

const char  *rex_dataset_get_title         (RexDataset *self);
const char  *rex_dataset_get_title_zh      (RexDataset *self);  /* nullable */
const char  *rex_dataset_get_display_title (RexDataset *self);
const char  *rex_dataset_get_description   (RexDataset *self);  /* nullable */
const char  *rex_dataset_get_description_zh (RexDataset *self);  /* nullable */
/* The Chinese description under a Chinese UI when there is one. */
const char  *rex_dataset_get_display_description (RexDataset *self);  /* nullable */
/* Where it was loaded from ("china-regional-development.json"). */
const char  *rex_dataset_get_file_name     (RexDataset *self);
/* SHA-256 of the file's bytes, hex. */
const char  *rex_dataset_get_checksum      (RexDataset *self);

/* GListModel of RexSource / RexMetric / RexRegion / RexTransportCircle, in file order. */
GListModel  *rex_dataset_get_sources       (RexDataset *self);
GListModel  *rex_dataset_get_metrics       (RexDataset *self);
GListModel  *rex_dataset_get_regions       (RexDataset *self);
GListModel  *rex_dataset_get_transport_circles (RexDataset *self);

/* Look-ups by id (hash tables); NULL when absent. Not references. */
RexSource   *rex_dataset_lookup_source     (RexDataset *self,
                                            const char *id);
/* Source by index as stored in RexDatum.source. */
RexSource   *rex_dataset_get_source_at     (RexDataset *self,
                                            guint       index);
RexMetric   *rex_dataset_lookup_metric     (RexDataset *self,
                                            const char *id);
RexRegion   *rex_dataset_lookup_region     (RexDataset *self,
                                            const char *id);
RexTransportCircle *rex_dataset_lookup_transport_circle (RexDataset *self,
                                                         const char *id);

/* Regions of @kind, in file order (GPtrArray of RexRegion*, not references).
 * The array is new: free it with g_ptr_array_unref(). */
GPtrArray   *rex_dataset_get_regions_of_kind (RexDataset    *self,
                                              RexRegionKind  kind);
/* Whether some region of @kind has values of @metric_id. */
gboolean     rex_dataset_kind_has_metric   (RexDataset    *self,
                                            RexRegionKind  kind,
                                            const char    *metric_id);
/* The kind of region to chart @metric_id for: provinces when they have
 * values of it, else the first kind (in the enum's order, the nation last)
 * that has; provinces when none has. */
RexRegionKind rex_dataset_choose_kind      (RexDataset    *self,
                                            const char    *metric_id);
/* First and last year any region has a value of @metric_id; FALSE if none. */
gboolean     rex_dataset_get_year_range    (RexDataset *self,
                                            const char *metric_id,
                                            int        *first,
                                            int        *last);
/* Years (ascending) in which at least one region has a value of @metric_id.
 * A new GArray of int (empty when none): free it with g_array_unref(). */
GArray      *rex_dataset_get_years         (RexDataset *self,
                                            const char *metric_id);
/* The source of a value: the datum's own, resolved through the dataset. */
RexSource   *rex_dataset_get_value_source  (RexDataset *self,
                                            RexRegion  *region,
                                            const char *metric_id,
                                            int         year);

/* Writes the dataset in the documented JSON form (docs/dataset-format.md):
 * every value with its source, so that it reopens with the same values. */
GBytes      *rex_dataset_save_to_bytes     (RexDataset    *self);
/* The same, to @file, replaced atomically. */
gboolean     rex_dataset_save_to_file      (RexDataset    *self,
                                            GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* What to do when both datasets of a merge have a value for the same
 * region, metric and year, and the values differ. */
typedef enum
{
  REX_MERGE_KEEP_BASE,
  REX_MERGE_TAKE_NEW,
} RexMergePolicy;

typedef struct
{
  char   *region_id;
  char   *metric_id;
  int     year;          /* 0: the undated value */
  double  base_value;
  double  new_value;
  char   *base_source;   /* source ids */
  char   *new_source;
  gboolean take_new;     /* what the merge did; a dialog sets it and merges again */
} RexMergeConflict;

void         rex_merge_conflict_free       (RexMergeConflict *conflict);
/* "CN-GD gdp 2023: 135673.2 (nbs) here, 135674 (table-gdp) in the addition" */
char        *rex_merge_conflict_to_string  (const RexMergeConflict *conflict);

/* A new dataset: @base with what @addition adds (metrics, years, regions,
 * sources, circles, headlines). Published values win over derived ones;
 * other differing values are conflicts, resolved by @policy and listed in
 * *@conflicts (GPtrArray of RexMergeConflict, optional). Fails when a
 * metric or region means something else in each (another unit, kind). */
RexDataset  *rex_dataset_merge             (RexDataset     *base,
                                            RexDataset     *addition,
                                            RexMergePolicy  policy,
                                            GPtrArray     **conflicts,
                                            GError        **error);

/* As rex_dataset_merge(), with the conflicts of an earlier merge of the same
 * datasets (@choices, GPtrArray of RexMergeConflict, nullable) deciding
 * theirs by their take_new; the others follow @policy. */
RexDataset  *rex_dataset_merge_with_choices (RexDataset     *base,
                                             RexDataset     *addition,
                                             RexMergePolicy  policy,
                                             GPtrArray      *choices,
                                             GPtrArray     **conflicts,
                                             GError        **error);

/* Headlines, in file order. */
typedef struct
{
  char *id;
  char *label;
  char *label_zh;   /* nullable */
  char *region_id;
  char *metric_id;
  int   year;
} RexHeadline;

/* Array of RexHeadline; never NULL. */
GArray      *rex_dataset_get_headlines     (RexDataset *self);
/* How many values the dataset holds: every dated value of every series,
 * and each undated one. */
guint        rex_dataset_count_values      (RexDataset *self);
/* Calls @func with each series of the dataset: region by region, in the
 * dataset's order, and within a region metric by metric. */
typedef void (*RexSeriesFunc)                 (RexRegion     *region,
                                               RexMetric     *metric,
                                               RexSeries     *series,
                                               gpointer       user_data);
void         rex_dataset_foreach_series    (RexDataset    *self,
                                            RexSeriesFunc  func,
                                            gpointer       user_data);

G_END_DECLS
