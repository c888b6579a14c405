/* rex-dataset-loader-private.h — what the dataset loader's files share:
 * the state of one load, the problems it collects and the functions one
 * file calls in another. Only these files include it.
 *
 * rex-dataset-loader.c          the entry points: bytes, files, the bundled
 *                               dataset, a load in a thread; the document's
 *                               top level and the order of its passes
 * rex-dataset-loader-read.c     reading a file: its type, the size limit,
 *                               the bounded read
 * rex-dataset-loader-report.c   problems: where they are (line, column, JSON
 *                               path), their order, handing them over
 * rex-dataset-loader-checks.c   typed getters and checks of members, places,
 *                               references to sources, regions and metrics
 * rex-dataset-loader-members.c  sources, metrics, regions and their links,
 *                               transport circles, headlines
 * rex-dataset-loader-values.c   a region's values of one metric: the series
 *                               and the values written as objects */
#pragma once

#include "rex-json.h"
#include "rex-model-private.h"

G_BEGIN_DECLS

#define N_YEARS (REX_YEAR_MAX - REX_YEAR_MIN + 1)

/* A problem found, with the error code it would set and the order in which
 * it was found (rex_loader_compare_reports() puts them in file order). */
typedef struct
{
  RexDatasetProblem *problem;
  int                code;
  guint              seq;
} Report;

/* A dated member of a values.METRIC object: a number the parser kept in
 * its table, or the record of any other value. */
typedef struct
{
  int                  year;
  const RexJsonNumber *number;
  const RexJsonMember *value;
} YearValue;

#define UNKNOWN_SOURCE_FORMAT N_("unknown source \"%s\"; it must be listed in \"sources\"")
#define UNKNOWN_METRIC_FORMAT N_("unknown metric \"%s\"; it must be listed in \"metrics\"")
#define BAD_DATE_FORMAT N_("\"%s\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")

/* One load: the document, the dataset it fills, the JSON path of the node
 * being read, the problems so far, and the look-ups the passes share. */
typedef struct
{
  const char      *file;
  RexJsonDocument *doc;
  RexDataset      *dataset;
  GString         *path;
  GArray          *reports;         /* Report */
  guint            n_dropped;
  gboolean         fatal;           /* a limit or the schema: stop validating */
  guint64          n_values;

  GHashTable      *source_indices;  /* RexSource → GUINT_TO_POINTER (index + 1) */
  GHashTable      *region_nodes;    /* RexRegion → its JsonNode */
  GHashTable      *region_indices;  /* RexRegion → index in "regions" */
  GHashTable      *tiles;           /* "kind col row" → region id */
  GHashTable      *year_sets;       /* metric id → guint8[N_YEARS] */
  GArray          *scratch_years;   /* YearValue */
} Loader;

/* The usual cases, by the names po/meson.build marks for translation. */
#define report(l, node, ...) \
  rex_loader_report_node (l, node, FALSE, REX_DATASET_ERROR_INVALID, __VA_ARGS__)
#define report_key(l, node, ...) \
  rex_loader_report_node (l, node, TRUE, REX_DATASET_ERROR_INVALID, __VA_ARGS__)
#define report_code(l, node, code, ...) rex_loader_report_node (l, node, FALSE, code, __VA_ARGS__)
#define report_offset(l, offset, ...) \
  report_offset_code (l, offset, REX_DATASET_ERROR_INVALID, __VA_ARGS__)

/* The functions po/meson.build marks for translation by name, called by
 * those names. */
#define report_offset_code(l, offset, code, ...) \
  rex_loader_report_offset_code (l, offset, code, __VA_ARGS__)
#define report_in_member(l, node, name, ...) \
  rex_loader_report_in_member (l, node, name, __VA_ARGS__)
#define expect_object(l, node, what, allowed) rex_loader_expect_object (l, node, what, allowed)

/* rex-dataset-loader-report.c */
void                rex_loader_report_clear (Report *report);
void                rex_loader_report_offset_valist (Loader     *l,
                                                     guint32     offset,
                                                     int         code,
                                                     const char *format,
                                                     va_list     args) G_GNUC_PRINTF (4, 0);
void                rex_loader_report_offset_code (Loader     *l,
                                                   guint32     offset,
                                                   int         code,
                                                   const char *format,
                                                   ...) G_GNUC_PRINTF (4, 5);
void                rex_loader_report_node (Loader     *l,
                                            JsonNode   *node,
                                            gboolean    at_key,
                                            int         code,
                                            const char *format,
                                            ...) G_GNUC_PRINTF (5, 6);
gsize               rex_loader_path_push_member (Loader     *l,
                                                 const char *name);
gsize               rex_loader_path_push_index (Loader *l,
                                                guint   index);
void                rex_loader_path_pop (Loader *l,
                                         gsize   saved);
void                rex_loader_report_in_member (Loader     *l,
                                                 JsonNode   *node,
                                                 const char *name,
                                                 const char *format,
                                                 ...) G_GNUC_PRINTF (4, 5);
const char         *rex_loader_describe_type (RexJsonType type);
const char         *rex_loader_describe_node (JsonNode *node);
int                 rex_loader_compare_reports (gconstpointer a,
                                                gconstpointer b);
void                rex_loader_set_reports_error (GArray      *reports,
                                                  guint        n_dropped,
                                                  const char  *display_name,
                                                  GPtrArray  **problems,
                                                  GError     **error);

/* Reads @value (a member's or an element's) into @out, reporting what is
 * wrong with it; @data is the reader's own (limits, what it fills in).
 * Returns whether it read a value. */
typedef gboolean (*LoaderRead) (Loader        *l,
                                JsonNode      *value,
                                gconstpointer  data,
                                gpointer       out);

/* Reads element @index of an array, the path at the element. */
typedef void (*LoaderElement) (Loader   *l,
                               JsonNode *element,
                               guint     index,
                               gpointer  data);

/* rex-dataset-loader-checks.c */
gboolean            rex_loader_node_is_string (JsonNode *node);
void                rex_loader_check_members (Loader             *l,
                                              JsonNode           *node,
                                              const char * const *allowed);
gboolean            rex_loader_expect_object (Loader             *l,
                                              JsonNode           *node,
                                              const char         *what,
                                              const char * const *allowed);
gboolean            rex_loader_read_member (Loader        *l,
                                            JsonNode      *node,
                                            const char    *name,
                                            gboolean       required,
                                            LoaderRead     read,
                                            gconstpointer  data,
                                            gpointer       out);
void                rex_loader_foreach_element (Loader        *l,
                                                const char    *name,
                                                JsonArray     *array,
                                                LoaderElement  func,
                                                gpointer       data);
const char         *rex_loader_get_string (Loader     *l,
                                           JsonNode   *node,
                                           const char *name,
                                           gboolean    required);
char               *rex_loader_dup_string (Loader     *l,
                                           JsonNode   *node,
                                           const char *name,
                                           gboolean    required);
const char         *rex_loader_get_id (Loader     *l,
                                       JsonNode   *node,
                                       const char *name);
void                rex_loader_load_names (Loader     *l,
                                           JsonNode   *node,
                                           char      **id,
                                           char      **name,
                                           char      **name_zh);
gboolean            rex_loader_get_number (Loader     *l,
                                           JsonNode   *node,
                                           const char *name,
                                           gboolean    required,
                                           double      min,
                                           double      max,
                                           double     *out);
gboolean            rex_loader_get_positive_at_most (Loader     *l,
                                                     JsonNode   *node,
                                                     const char *name,
                                                     gboolean    required,
                                                     double      max,
                                                     double     *out);
gboolean            rex_loader_get_integer (Loader     *l,
                                            JsonNode   *node,
                                            const char *name,
                                            gboolean    required,
                                            int         min,
                                            int         max,
                                            int        *out);
gboolean            rex_loader_get_boolean (Loader     *l,
                                            JsonNode   *node,
                                            const char *name,
                                            gboolean   *out);
JsonArray          *rex_loader_get_array (Loader     *l,
                                          JsonNode   *node,
                                          const char *name,
                                          gboolean    required);
gboolean            rex_loader_check_count (Loader     *l,
                                            JsonNode   *root,
                                            const char *name,
                                            JsonArray  *array,
                                            guint       limit);
gboolean            rex_loader_is_valid_date (const char *date);
char               *rex_loader_dup_date (Loader     *l,
                                         JsonNode   *node,
                                         const char *name);
RexSource          *rex_loader_get_source_ref (Loader     *l,
                                               JsonNode   *node,
                                               const char *name,
                                               gboolean    required);
RexRegion          *rex_loader_node_get_region_ref (Loader   *l,
                                                    JsonNode *member);
RexRegion          *rex_loader_get_region_ref (Loader     *l,
                                               JsonNode   *node,
                                               const char *name,
                                               gboolean    required);
RexMetric          *rex_loader_get_metric_ref (Loader     *l,
                                               JsonNode   *node,
                                               const char *name);
gboolean            rex_loader_read_place (Loader        *l,
                                           JsonNode      *node,
                                           gconstpointer  data,
                                           gpointer       place);

/* rex-dataset-loader-members.c */
/* Each reads element @index of its array in the document (a LoaderElement). */
void                rex_loader_load_source (Loader   *l,
                                            JsonNode *node,
                                            guint     index,
                                            gpointer  data);
void                rex_loader_load_metric (Loader   *l,
                                            JsonNode *node,
                                            guint     index,
                                            gpointer  data);
void                rex_loader_check_metric_weight (Loader   *l,
                                                    JsonNode *node,
                                                    guint     index,
                                                    gpointer  data);
void                rex_loader_load_region (Loader   *l,
                                            JsonNode *node,
                                            guint     index,
                                            gpointer  data);
void                rex_loader_link_region (Loader   *l,
                                            JsonNode *node,
                                            guint     index,
                                            gpointer  data);
void                rex_loader_check_parent_cycles (Loader *l);
void                rex_loader_load_transport_circle (Loader   *l,
                                                      JsonNode *node,
                                                      guint     index,
                                                      gpointer  data);
/* @ids: the headline ids read so far */
void                rex_loader_load_headline (Loader   *l,
                                              JsonNode *node,
                                              guint     index,
                                              gpointer  ids);

/* rex-dataset-loader-values.c */
void                rex_loader_load_series (Loader        *l,
                                            RexRegion     *region,
                                            RexMetric     *metric,
                                            RexSource     *region_source,
                                            RexJsonSeries *rec);

G_END_DECLS
