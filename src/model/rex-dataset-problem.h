/* rex-dataset-problem.h — what can go wrong reading a dataset: the error
 * domain, a problem and where it is, and the limits of the format.
 *
 * A header of its own so that the JSON parser, the loader and the table
 * import can share them without the parser knowing anything of datasets.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits enforced by the loader (docs/dataset-format.md). */
#define REX_DATASET_MAX_FILE_SIZE   (256 * 1024 * 1024)
#define REX_DATASET_MAX_DEPTH       64
#define REX_DATASET_MAX_STRING      (1024 * 1024)
#define REX_DATASET_MAX_REGIONS     100000
#define REX_DATASET_MAX_METRICS     1000
#define REX_DATASET_MAX_SOURCES     10000
#define REX_DATASET_MAX_CIRCLES     10000
#define REX_DATASET_MAX_VALUES      50000000
/* Transport circles: the longest travel time and the widest reach radius a
 * circle may state. 3,000 km is more than high-speed rail covers in the
 * longest circle published; a larger radius would shrink the map of China
 * to a dot around it. */
#define REX_DATASET_MAX_HOURS       24
#define REX_DATASET_MAX_RADIUS_KM   3000

#define REX_DATASET_ERROR (rex_dataset_error_quark ())

typedef enum
{
  REX_DATASET_ERROR_IO,            /* cannot read: missing, directory, FIFO, permission */
  REX_DATASET_ERROR_TOO_LARGE,     /* a limit was exceeded (size, depth, counts) */
  REX_DATASET_ERROR_SYNTAX,        /* not JSON: syntax, UTF-8, NUL, trailing data */
  REX_DATASET_ERROR_SCHEMA,        /* missing or unknown "schema" */
  REX_DATASET_ERROR_INVALID,       /* valid JSON that breaks the format's rules */
} RexDatasetError;

typedef struct
{
  char *file;      /* display name of the file */
  int   line;      /* 1-based; 0 when unknown */
  int   column;    /* 1-based; 0 when unknown */
  char *path;      /* JSON path, e.g. regions[4].values.gdp["2023"]; may be "" */
  char *message;
} RexDatasetProblem;

GQuark             rex_dataset_error_quark       (void);

RexDatasetProblem *rex_dataset_problem_new       (const char              *file,
                                                  int                      line,
                                                  int                      column,
                                                  const char              *path,
                                                  const char              *message);
void               rex_dataset_problem_free      (RexDatasetProblem       *problem);
/* "FILE:LINE:COLUMN: PATH: message" */
char              *rex_dataset_problem_to_string (const RexDatasetProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexDatasetProblem, rex_dataset_problem_free)

G_END_DECLS
