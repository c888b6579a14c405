/* rex-dataset-loader-read.c — reads a dataset or table file into memory:
 * regular files only (a FIFO would block, /dev/zero never ends), within the
 * size limit, and never past it even when the file grows while it is read.
 * Each refusal is one problem a person can act on.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-model-private.h"

static void
set_file_error (GFile      *file,
                GPtrArray **problems,
                GError    **error,
                int         code,
                const char *message)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(RexDatasetProblem) problem = rex_dataset_problem_new (name, 0, 0, "", message);
  g_autofree char *text = rex_dataset_problem_to_string (problem);

  g_set_error_literal (error, REX_DATASET_ERROR, code, text);
  if (problems != NULL)
    g_ptr_array_add (*problems, g_steal_pointer (&problem));
}

static void
set_io_error (GFile      *file,
              GPtrArray **problems,
              GError    **error,
              GError     *io_error)
{
  g_autofree char *message = NULL;

  /* Cancellation is not a problem of the file: pass it on as is. */
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (io_error));
      return;
    }

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = g_strdup (_("no such file"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    message = g_strdup (_("permission denied; choose a file you can read"));
  else
    message = g_strdup_printf (_("cannot read the file: %s"), io_error->message);

  set_file_error (file, problems, error, REX_DATASET_ERROR_IO, message);
}

/* Reads at most the size limit, so that a file growing while it is read (or
 * lying about its size) is still bounded. */
static GBytes *
read_bounded (GFile         *file,
              goffset        expected_size,
              GCancellable  *cancellable,
              GPtrArray    **problems,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  const gsize chunk_size = 256 * 1024;
  /* The file as it was queried, and the byte that tells it grew. */
  const gsize initial_size = MIN ((gsize) expected_size + 1, (gsize) REX_DATASET_MAX_FILE_SIZE + 1);
  gsize length = 0;
  gssize n;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (file, problems, error, local_error);
      return NULL;
    }

  /* Read straight into one buffer sized for the file as it was queried (one
   * copy of a file that may be hundreds of megabytes, and no reallocation);
   * it still grows if the file does, up to the limit. */
  buffer = g_byte_array_sized_new (initial_size);
  /* Written once, page by page: on Linux each first touch of a 4 KiB page is
   * a fault into the kernel, a tenth of the time to load a large file. */
  rex_advise_huge_pages (buffer->data, initial_size);

  /* One byte more than the limit is read, to notice a file that passed it. */
  do
    {
      if (length == buffer->len)
        g_byte_array_set_size (buffer, MIN (MAX (length + chunk_size, initial_size),
                                            (gsize) REX_DATASET_MAX_FILE_SIZE + 1));
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + length,
                               buffer->len - length, cancellable, &local_error);
      if (n < 0)
        {
          set_io_error (file, problems, error, local_error);
          return NULL;
        }
      length += (gsize) n;
    }
  while (n > 0 && length <= REX_DATASET_MAX_FILE_SIZE);

  if (length > REX_DATASET_MAX_FILE_SIZE)
    {
      g_autofree char *message =
        g_strdup_printf (_("the file grew beyond the limit of %d MiB while it was being read"),
                         REX_DATASET_MAX_FILE_SIZE / (1024 * 1024));

      set_file_error (file, problems, error, REX_DATASET_ERROR_TOO_LARGE, message);
      return NULL;
    }

  g_byte_array_set_size (buffer, length);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
rex_read_data_file (GFile         *file,
                    gboolean       table,
                    GCancellable  *cancellable,
                    GPtrArray    **problems,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  goffset size;

  /* Look before reading: opening a FIFO blocks, and /dev/zero never ends. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_io_error (file, problems, error, local_error);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      set_file_error (file, problems, error, REX_DATASET_ERROR_IO,
                      table ? _("this is a directory; choose a table (.csv, .tsv, .xlsx, .xls or .ods)")
                            : _("this is a directory; choose a .json file"));
      return NULL;
    case G_FILE_TYPE_SPECIAL:
      set_file_error (file, problems, error, REX_DATASET_ERROR_IO,
                      table ? _("this is not a regular file (a device, pipe or socket); "
                                "choose a table (.csv, .tsv, .xlsx, .xls or .ods)")
                            : _("this is not a regular file (a device, pipe or socket); "
                                "choose a .json file"));
      return NULL;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      set_file_error (file, problems, error, REX_DATASET_ERROR_IO,
                      table ? _("this is not a regular file; choose a table (.csv, .tsv, .xlsx, .xls or .ods)")
                            : _("this is not a regular file; choose a .json file"));
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size > REX_DATASET_MAX_FILE_SIZE)
    {
      /* Plain ASCII units: g_format_size() uses a no-break space, which
       * terminals and logs mangle. */
      g_autofree char *message =
        g_strdup_printf (_("the file is %.1f MiB; the limit is %d MiB"),
                         size / (1024.0 * 1024.0),
                         REX_DATASET_MAX_FILE_SIZE / (1024 * 1024));

      set_file_error (file, problems, error, REX_DATASET_ERROR_TOO_LARGE, message);
      return NULL;
    }

  bytes = read_bounded (file, size, cancellable, problems, error);
  if (bytes == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&bytes);
}
