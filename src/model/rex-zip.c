/* rex-zip.c — the members of a ZIP archive held in memory.
 *
 * The central directory at the end of the archive lists the members; each
 * member's local header, before its data, is found through it. Every
 * offset and size read from the archive is checked against the archive's
 * bounds before it is used, a member is inflated into a buffer of its
 * declared size (which the caller bounds) and must fill it exactly, and
 * its CRC-32 must match. */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "rex-zip.h"

static guint
get16 (const guchar *p)
{
  return p[0] | p[1] << 8;
}

static guint32
get32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

gboolean
rex_zip_open (RexZip       *zip,
              const guchar *data,
              gsize         size)
{
  gsize lowest;

  memset (zip, 0, sizeof *zip);
  zip->data = data;
  zip->size = size;
  if (size < 22)
    return FALSE;

  /* The end of central directory record; a comment of up to 64 KiB may
   * follow it. */
  lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
  for (gsize i = size - 22 + 1; i-- > lowest;)
    if (get32 (data + i) == 0x06054b50)
      {
        guint32 directory_size = get32 (data + i + 12);
        guint32 directory_offset = get32 (data + i + 16);

        if (directory_offset > i || directory_size > i - directory_offset)
          return FALSE;
        zip->directory = data + directory_offset;
        zip->directory_size = directory_size;
        zip->n_entries = get16 (data + i + 10);
        return TRUE;
      }
  return FALSE;
}

/* The central directory entry of @name, or NULL. */
static const guchar *
find_entry (const RexZip *zip,
            const char   *name)
{
  const guchar *p = zip->directory;
  const guchar *end = zip->directory + zip->directory_size;
  gsize name_length = strlen (name);

  for (guint i = 0; i < zip->n_entries; i++)
    {
      gsize entry_length;

      if (end - p < 46 || get32 (p) != 0x02014b50)
        return NULL;
      entry_length = 46 + (gsize) get16 (p + 28) + get16 (p + 30) + get16 (p + 32);
      if ((gsize) (end - p) < entry_length)
        return NULL;
      if (get16 (p + 28) == name_length && memcmp (p + 46, name, name_length) == 0)
        return p;
      p += entry_length;
    }
  return NULL;
}

static gboolean
inflate_into (const guchar *in,
              guint32       in_length,
              char         *out,
              guint32       out_length)
{
  z_stream z = { 0 };
  int status;

  if (inflateInit2 (&z, -MAX_WBITS) != Z_OK)
    return FALSE;
  z.next_in = (Bytef *) in;
  z.avail_in = in_length;
  z.next_out = (Bytef *) out;
  z.avail_out = out_length;
  status = inflate (&z, Z_FINISH);
  inflateEnd (&z);
  return status == Z_STREAM_END && z.total_out == out_length;
}

gboolean
rex_zip_has (const RexZip *zip,
             const char   *name)
{
  return find_entry (zip, name) != NULL;
}

RexZipResult
rex_zip_read (const RexZip *zip,
              const char   *name,
              gsize         max_size,
              char        **contents,
              gsize        *length,
              guint32      *size)
{
  const guchar *entry = find_entry (zip, name);
  const guchar *local, *start;
  g_autofree char *out = NULL;
  guint32 compressed, offset;
  guint method;

  *contents = NULL;
  *length = 0;
  *size = 0;
  if (entry == NULL)
    return REX_ZIP_MISSING;
  if (get16 (entry + 8) & 1)
    return REX_ZIP_ENCRYPTED;
  method = get16 (entry + 10);
  compressed = get32 (entry + 20);
  *size = get32 (entry + 24);
  offset = get32 (entry + 42);
  if (*size > max_size)
    return REX_ZIP_TOO_LARGE;
  if (offset > zip->size || zip->size - offset < 30 || get32 (zip->data + offset) != 0x04034b50)
    return REX_ZIP_NO_HEADER;
  local = zip->data + offset;
  start = local + 30 + get16 (local + 26) + get16 (local + 28);
  if (start > zip->data + zip->size || (gsize) (zip->data + zip->size - start) < compressed)
    return REX_ZIP_TRUNCATED;
  /* Deflate packs at most 1032 bytes into one: a larger size is a lie,
   * found before a buffer of that size is taken. */
  if (method == 8 && *size / 1032 > (guint64) compressed + 1)
    return REX_ZIP_BROKEN;

  out = g_try_malloc ((gsize) *size + 1);
  if (out == NULL)
    return REX_ZIP_NO_MEMORY;
  if (method == 0)
    {
      if (compressed != *size)
        return REX_ZIP_BROKEN;
      memcpy (out, start, *size);
    }
  else if (method == 8)
    {
      if (!inflate_into (start, compressed, out, *size))
        return REX_ZIP_BROKEN;
    }
  else
    return REX_ZIP_UNKNOWN_METHOD;
  if (crc32 (0, (const Bytef *) out, *size) != get32 (entry + 16))
    return REX_ZIP_BAD_CHECKSUM;

  out[*size] = '\0';
  *length = *size;
  *contents = g_steal_pointer (&out);
  return REX_ZIP_OK;
}
