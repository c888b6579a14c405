/* rex-cfb.h — a stream of a Compound File Binary held in memory
 * ([MS-CFB], the container of Excel 97–2003 workbooks): found by name,
 * read through its chain of sectors, every sector number and size checked
 * against the file. Reading only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  REX_CFB_OK,
  REX_CFB_NOT_CFB,      /* no compound file signature or header */
  REX_CFB_MISSING,      /* the file has no such stream */
  REX_CFB_TOO_LARGE,    /* the stream is larger than allowed */
  REX_CFB_BROKEN,       /* a sector chain or size that does not fit the file */
} RexCfbResult;

/* TRUE when @data starts with the compound file signature. */
gboolean      rex_cfb_is_cfb      (const guchar  *data,
                                   gsize          size);
/* TRUE when the compound file in @data has a stream named @name (ASCII,
 * matched ignoring case). */
gboolean      rex_cfb_has_stream  (const guchar  *data,
                                   gsize          size,
                                   const char    *name);
/* The stream @name (ASCII, matched ignoring case) of the compound file in
 * @data, copied into *@contents (free it with g_free()), *@length bytes
 * long; no larger than @max_size. */
RexCfbResult  rex_cfb_read_stream (const guchar  *data,
                                   gsize          size,
                                   const char    *name,
                                   gsize          max_size,
                                   guchar       **contents,
                                   gsize         *length);

G_END_DECLS
