/* rex-zip.h — the members of a ZIP archive held in memory (PKWARE's
 * APPNOTE.TXT): stored or deflated, checked against their CRC-32, no
 * larger than the reader allows. Enough for the parts of an Excel
 * workbook; no ZIP64, no encryption, no multi-disk archives. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const guchar *data;
  gsize         size;
  const guchar *directory;       /* the central directory, within data */
  gsize         directory_size;
  guint         n_entries;
} RexZip;

typedef enum
{
  REX_ZIP_OK,
  REX_ZIP_MISSING,               /* the archive has no such member */
  REX_ZIP_ENCRYPTED,
  REX_ZIP_TOO_LARGE,             /* larger, unpacked, than allowed */
  REX_ZIP_NO_MEMORY,
  REX_ZIP_NO_HEADER,             /* its local header is not where the directory says */
  REX_ZIP_TRUNCATED,             /* its data runs past the end of the archive */
  REX_ZIP_BROKEN,                /* its deflated data does not inflate to its size */
  REX_ZIP_UNKNOWN_METHOD,        /* neither stored nor deflated */
  REX_ZIP_BAD_CHECKSUM,
} RexZipResult;

/* FALSE when @data holds no end of central directory, or it points
 * outside @data. @zip borrows @data. */
gboolean      rex_zip_open (RexZip       *zip,
                            const guchar *data,
                            gsize         size);
/* The member @name, NUL-terminated in *@contents (free it) and *@length
 * long. *@size is its declared unpacked size, also when it is too large. */
/* TRUE when the archive has a member @name. */
gboolean      rex_zip_has  (const RexZip *zip,
                            const char   *name);
RexZipResult  rex_zip_read (const RexZip *zip,
                            const char   *name,
                            gsize         max_size,
                            char        **contents,
                            gsize        *length,
                            guint32      *size);

G_END_DECLS
