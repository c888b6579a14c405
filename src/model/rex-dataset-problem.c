/* rex-dataset-problem.c — the dataset error domain and problems. */
#include "config.h"

#include "rex-dataset-problem.h"

G_DEFINE_QUARK (rex-dataset-error-quark, rex_dataset_error)

RexDatasetProblem *
rex_dataset_problem_new (const char *file,
                         int         line,
                         int         column,
                         const char *path,
                         const char *message)
{
  RexDatasetProblem *problem = g_new0 (RexDatasetProblem, 1);

  problem->file = g_strdup (file);
  problem->line = line;
  problem->column = column;
  problem->path = g_strdup (path != NULL ? path : "");
  problem->message = g_strdup (message);

  return problem;
}

void
rex_dataset_problem_free (RexDatasetProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

char *
rex_dataset_problem_to_string (const RexDatasetProblem *problem)
{
  GString *str;

  g_return_val_if_fail (problem != NULL, NULL);

  str = g_string_new (problem->file);
  if (problem->line > 0)
    g_string_append_printf (str, ":%d:%d", problem->line, problem->column);
  if (str->len > 0)
    g_string_append (str, ": ");
  if (problem->path != NULL && *problem->path != '\0')
    g_string_append_printf (str, "%s: ", problem->path);
  g_string_append (str, problem->message);

  return g_string_free (str, FALSE);
}
