/* rex-dataset-loader-report.c — the problems a load finds: each reported
 * at its line and column with the JSON path the loader is at, the path
 * itself, the words for what a node holds ("an object", "a string"),
 * and, once the load is over, the problems in file order handed to the
 * caller.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-dataset-loader-private.h"

/* Beyond this, more messages help nobody: the file is badly broken. */
#define MAX_PROBLEMS 1000

void
rex_loader_report_clear (Report *report)
{
  g_clear_pointer (&report->problem, rex_dataset_problem_free);
}

static void G_GNUC_PRINTF (5, 0)
report_at_valist (Loader     *l,
                  int         line,
                  int         column,
                  int         code,
                  const char *format,
                  va_list     args)
{
  g_autofree char *message = NULL;
  Report report;

  /* The formats are marked by the report functions' names (po/meson.build). */
  message = g_strdup_vprintf (_(format), args);
  report.problem = rex_dataset_problem_new (l->file, line, column, l->path->str, message);
  report.code = code;
  report.seq = l->reports->len;
  g_array_append_val (l->reports, report);
}

/* TRUE, counting one more dropped, once MAX_PROBLEMS are kept: then there
 * is no position to look up. */
static gboolean
reports_full (Loader *l)
{
  if (l->reports->len < MAX_PROBLEMS)
    return FALSE;
  l->n_dropped++;
  return TRUE;
}

/* Reports a problem at a byte offset: for what the parser kept out of the
 * tree. */
void G_GNUC_PRINTF (4, 0)
rex_loader_report_offset_valist (Loader     *l,
                                 guint32     offset,
                                 int         code,
                                 const char *format,
                                 va_list     args)
{
  int line, column;

  if (reports_full (l))
    return;
  rex_json_document_get_offset_position (l->doc, offset, &line, &column);
  report_at_valist (l, line, column, code, format, args);
}

void G_GNUC_PRINTF (4, 5)
rex_loader_report_offset_code (Loader     *l,
                               guint32     offset,
                               int         code,
                               const char *format,
                               ...)
{
  va_list args;

  va_start (args, format);
  rex_loader_report_offset_valist (l, offset, code, format, args);
  va_end (args);
}

/* Reports a problem at @node, or with @at_key at the member name of which
 * @node is the value, with the current path. */
static void G_GNUC_PRINTF (5, 0)
report_valist (Loader     *l,
               JsonNode   *node,
               gboolean    at_key,
               int         code,
               const char *format,
               va_list     args)
{
  int line = 0, column = 0;

  if (reports_full (l))
    return;
  if (node != NULL && at_key)
    rex_json_document_get_key_position (l->doc, node, &line, &column);
  else if (node != NULL)
    rex_json_document_get_position (l->doc, node, &line, &column);
  report_at_valist (l, line, column, code, format, args);
}

void G_GNUC_PRINTF (5, 6)
rex_loader_report_node (Loader     *l,
                        JsonNode   *node,
                        gboolean    at_key,
                        int         code,
                        const char *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  report_valist (l, node, at_key, code, format, args);
  va_end (args);
}


/* Path building: push returns the length to restore with rex_loader_path_pop(). */

static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

gsize
rex_loader_path_push_member (Loader     *l,
                             const char *name)
{
  gsize saved = l->path->len;

  if (is_identifier (name))
    {
      if (l->path->len > 0)
        g_string_append_c (l->path, '.');
      g_string_append (l->path, name);
    }
  else
    {
      g_string_append (l->path, "[\"");
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (l->path, '\\');
          g_string_append_c (l->path, *p);
        }
      g_string_append (l->path, "\"]");
    }

  return saved;
}

gsize
rex_loader_path_push_index (Loader *l,
                            guint   index)
{
  gsize saved = l->path->len;

  g_string_append_printf (l->path, "[%u]", index);

  return saved;
}

void
rex_loader_path_pop (Loader *l,
                     gsize   saved)
{
  g_string_truncate (l->path, saved);
}

/* Reports a problem at member @name of object @node, with @name on the path. */
void G_GNUC_PRINTF (4, 5)
rex_loader_report_in_member (Loader     *l,
                             JsonNode   *node,
                             const char *name,
                             const char *format,
                             ...)
{
  gsize saved = rex_loader_path_push_member (l, name);
  va_list args;

  va_start (args, format);
  report_valist (l, json_object_get_member (json_node_get_object (node), name), FALSE,
                 REX_DATASET_ERROR_INVALID, format, args);
  va_end (args);
  rex_loader_path_pop (l, saved);
}

const char *
rex_loader_describe_type (RexJsonType type)
{
  switch (type)
    {
    case REX_JSON_OBJECT:
      return _("an object");
    case REX_JSON_ARRAY:
      return _("an array");
    case REX_JSON_NULL:
      return "null";
    case REX_JSON_STRING:
      return _("a string");
    case REX_JSON_BOOLEAN:
      return _("a boolean");
    case REX_JSON_NUMBER:
    default:
      return _("a number");
    }
}

const char *
rex_loader_describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return rex_loader_describe_type (REX_JSON_OBJECT);
    case JSON_NODE_ARRAY:
      return rex_loader_describe_type (REX_JSON_ARRAY);
    case JSON_NODE_NULL:
      return rex_loader_describe_type (REX_JSON_NULL);
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return rex_loader_describe_type (REX_JSON_STRING);
        case G_TYPE_BOOLEAN:
          return rex_loader_describe_type (REX_JSON_BOOLEAN);
        default:
          return rex_loader_describe_type (REX_JSON_NUMBER);
        }
    }
}

/* File order, so that the first error is the first one in the file; those
 * without a position (limits) come last. */
int
rex_loader_compare_reports (gconstpointer a,
                            gconstpointer b)
{
  const Report *ra = a, *rb = b;
  guint64 ka, kb;

  ka = ra->problem->line > 0 ? ((guint64) ra->problem->line << 32) | (guint) ra->problem->column
                             : G_MAXUINT64;
  kb = rb->problem->line > 0 ? ((guint64) rb->problem->line << 32) | (guint) rb->problem->column
                             : G_MAXUINT64;
  if (ka != kb)
    return ka < kb ? -1 : 1;

  return (ra->seq > rb->seq) - (ra->seq < rb->seq);
}

/* Sets @error to the first of @reports and hands them all to @problems. */
void
rex_loader_set_reports_error (GArray      *reports,
                              guint        n_dropped,
                              const char  *display_name,
                              GPtrArray  **problems,
                              GError     **error)
{
  const Report *first = &g_array_index (reports, Report, 0);
  g_autofree char *message = rex_dataset_problem_to_string (first->problem);

  g_set_error_literal (error, REX_DATASET_ERROR, first->code, message);
  if (problems == NULL)
    return;

  for (guint i = 0; i < reports->len; i++)
    g_ptr_array_add (*problems, g_steal_pointer (&g_array_index (reports, Report, i).problem));

  if (n_dropped > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more problem", "… and %u more problems",
                                                         n_dropped), n_dropped);

      g_ptr_array_add (*problems, rex_dataset_problem_new (display_name, 0, 0, "", more));
    }
}
