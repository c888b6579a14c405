/* rex-cfb.c — a stream of a Compound File Binary ([MS-CFB]).
 *
 * The file is a header and sectors of 512 or 4,096 bytes. The file
 * allocation table (FAT), itself in sectors the header and the DIFAT
 * sectors list, chains each stream's sectors; the directory, a chain of
 * its own, names the streams. A stream under the mini stream cutoff
 * (4,096 bytes) lives in 64-byte mini sectors inside the root entry's
 * stream, chained by the mini FAT.
 *
 * Every sector number is checked against the file and every chain is cut
 * off after as many steps as there are sectors, so that a cycle ends. A
 * stream is copied only after its chain has been found long enough for
 * its declared size. */
#include "config.h"

#include <string.h>

#include "rex-cfb.h"

#define HEADER_SIZE   512
#define ENDOFCHAIN    0xFFFFFFFEu
#define MAX_REGSECT   0xFFFFFFFAu
#define ENTRY_SIZE    128
#define HEADER_DIFAT  109

static const guchar signature[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

typedef struct
{
  const guchar *data;
  gsize         size;
  guint         shift;       /* a sector is 1 << shift bytes */
  guint32       n_sectors;   /* in the file, after the header's */
  guint32      *fat;
  guint32       n_fat;
  guchar       *directory;
  gsize         directory_size;
  gboolean      version4;
} Cfb;

static guint32
read_u32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
read_u16 (const guchar *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

gboolean
rex_cfb_is_cfb (const guchar *data,
                gsize         size)
{
  return size >= sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

/* Sector @n and how many of its bytes the file holds (a last sector may
 * be cut short); NULL past the end. */
static const guchar *
get_sector (const Cfb *c,
            guint32    n,
            gsize     *available)
{
  gsize offset;

  if (n >= c->n_sectors)
    return NULL;
  offset = ((gsize) n + 1) << c->shift;
  *available = MIN ((gsize) 1 << c->shift, c->size - offset);
  return c->data + offset;
}

/* The sectors of the chain from @start in @table (@n_table entries),
 * into @chain; FALSE when a link leaves the table or the chain is longer
 * than the table (a cycle). */
static gboolean
walk_chain (const guint32 *table,
            guint32        n_table,
            guint32        start,
            GArray        *chain)
{
  for (guint32 n = start; n != ENDOFCHAIN; n = table[n])
    {
      if (n > MAX_REGSECT || n >= n_table || chain->len >= n_table)
        return FALSE;
      g_array_append_val (chain, n);
    }
  return TRUE;
}

/* The first @length bytes of the sectors of @chain (regular ones, or with
 * @mini of 64 bytes in @mini_stream, @mini_size long); NULL when they
 * hold fewer. */
static guchar *
copy_chain (const Cfb    *c,
            const GArray *chain,
            gsize         length,
            const guchar *mini_stream,
            gsize         mini_size)
{
  gsize sector_size = mini_stream != NULL ? 64 : (gsize) 1 << c->shift;
  guchar *out;
  gsize copied = 0;

  if ((guint64) chain->len * sector_size < length)
    return NULL;
  out = g_malloc (MAX (length, 1));
  for (guint i = 0; i < chain->len && copied < length; i++)
    {
      guint32 n = g_array_index (chain, guint32, i);
      gsize available = 0;
      const guchar *p;

      if (mini_stream != NULL)
        {
          p = (gsize) n * 64 < mini_size ? mini_stream + (gsize) n * 64 : NULL;
          available = p != NULL ? MIN (64, mini_size - (gsize) n * 64) : 0;
        }
      else
        p = get_sector (c, n, &available);
      available = MIN (available, length - copied);
      if (p == NULL || (available < sector_size && copied + available < length))
        {
          g_free (out);
          return NULL;
        }
      memcpy (out + copied, p, available);
      copied += available;
    }
  if (copied < length)
    g_clear_pointer (&out, g_free);
  return out;
}

/* The header, the FAT and the directory. */
static RexCfbResult
open_cfb (Cfb          *c,
          const guchar *data,
          gsize         size)
{
  guint32 n_fat_sectors, difat_next, n_difat, per_sector;
  g_autoptr(GArray) fat_sectors = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));

  memset (c, 0, sizeof *c);
  c->data = data;
  c->size = size;
  if (size < HEADER_SIZE || !rex_cfb_is_cfb (data, size) || read_u16 (data + 0x1C) != 0xFFFE)
    return REX_CFB_NOT_CFB;
  c->shift = read_u16 (data + 0x1E);
  if ((c->shift != 9 && c->shift != 12) || read_u16 (data + 0x20) != 6)
    return REX_CFB_NOT_CFB;
  c->version4 = c->shift == 12;
  if (size <= ((gsize) 1 << c->shift))
    return REX_CFB_BROKEN;
  c->n_sectors = (guint32) MIN ((size - ((gsize) 1 << c->shift) + ((gsize) 1 << c->shift) - 1) >> c->shift,
                                (gsize) MAX_REGSECT);
  per_sector = ((guint32) 1 << c->shift) / 4;

  /* The FAT's sectors: 109 in the header, the rest in DIFAT sectors. */
  n_fat_sectors = read_u32 (data + 0x2C);
  if (n_fat_sectors > c->n_sectors)
    return REX_CFB_BROKEN;
  for (guint i = 0; i < HEADER_DIFAT && fat_sectors->len < n_fat_sectors; i++)
    {
      guint32 n = read_u32 (data + 0x4C + 4 * i);

      g_array_append_val (fat_sectors, n);
    }
  difat_next = read_u32 (data + 0x44);
  n_difat = 0;
  while (fat_sectors->len < n_fat_sectors)
    {
      gsize available = 0;
      const guchar *p = get_sector (c, difat_next, &available);

      if (p == NULL || available < ((gsize) 1 << c->shift) || ++n_difat > c->n_sectors)
        return REX_CFB_BROKEN;
      for (guint i = 0; i < per_sector - 1 && fat_sectors->len < n_fat_sectors; i++)
        {
          guint32 n = read_u32 (p + 4 * i);

          g_array_append_val (fat_sectors, n);
        }
      difat_next = read_u32 (p + 4 * (per_sector - 1));
    }

  c->n_fat = n_fat_sectors * per_sector;
  c->fat = g_new (guint32, MAX (c->n_fat, 1));
  for (guint i = 0; i < n_fat_sectors; i++)
    {
      gsize available = 0;
      const guchar *p = get_sector (c, g_array_index (fat_sectors, guint32, i), &available);

      if (p == NULL || available < ((gsize) 1 << c->shift))
        return REX_CFB_BROKEN;
      for (guint j = 0; j < per_sector; j++)
        c->fat[i * per_sector + j] = read_u32 (p + 4 * j);
    }
  c->n_fat = MIN (c->n_fat, c->n_sectors);

  /* The directory: its whole chain. */
  if (!walk_chain (c->fat, c->n_fat, read_u32 (data + 0x30), chain) || chain->len == 0)
    return REX_CFB_BROKEN;
  c->directory_size = (gsize) chain->len << c->shift;
  c->directory = copy_chain (c, chain, c->directory_size, NULL, 0);
  if (c->directory == NULL)
    {
      /* A last directory sector cut short: as much as the file holds. */
      gsize available = 0;

      get_sector (c, g_array_index (chain, guint32, chain->len - 1), &available);
      c->directory_size -= ((gsize) 1 << c->shift) - available;
      c->directory = copy_chain (c, chain, c->directory_size, NULL, 0);
    }
  return c->directory != NULL ? REX_CFB_OK : REX_CFB_BROKEN;
}

static void
close_cfb (Cfb *c)
{
  g_free (c->fat);
  g_free (c->directory);
}

/* The directory entry of the stream @name, or NULL. */
static const guchar *
find_entry (const Cfb  *c,
            const char *name)
{
  gsize n_chars = strlen (name);

  for (gsize offset = 0; offset + ENTRY_SIZE <= c->directory_size; offset += ENTRY_SIZE)
    {
      const guchar *entry = c->directory + offset;
      guint16 name_size = read_u16 (entry + 0x40);
      gboolean same = entry[0x42] == 2 && name_size == (n_chars + 1) * 2;

      for (gsize i = 0; same && i < n_chars; i++)
        same = read_u16 (entry + 2 * i) < 0x80
               && g_ascii_tolower ((char) read_u16 (entry + 2 * i)) == g_ascii_tolower (name[i]);
      if (same)
        return entry;
    }
  return NULL;
}

/* The size a directory entry gives its stream: 64 bits in version 4,
 * the low 32 in version 3 (whose high ones may hold anything). */
static guint64
entry_size (const Cfb    *c,
            const guchar *entry)
{
  guint64 size = read_u32 (entry + 0x78);

  if (c->version4)
    size |= (guint64) read_u32 (entry + 0x7C) << 32;
  return size;
}

gboolean
rex_cfb_has_stream (const guchar *data,
                    gsize         size,
                    const char   *name)
{
  Cfb c;
  gboolean found = open_cfb (&c, data, size) == REX_CFB_OK && find_entry (&c, name) != NULL;

  close_cfb (&c);
  return found;
}

/* A stream under the cutoff, from the mini stream. */
static RexCfbResult
read_mini (const Cfb  *c,
           guint32     start,
           gsize       length,
           guchar    **contents)
{
  const guchar *root = c->directory;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) mini_chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guchar *mini_stream = NULL;
  g_autofree guchar *mini_fat_bytes = NULL;
  g_autofree guint32 *mini_fat = NULL;
  guint64 mini_size;
  gsize mini_fat_size;

  if (c->directory_size < ENTRY_SIZE || root[0x42] != 5)
    return REX_CFB_BROKEN;
  mini_size = entry_size (c, root);
  if (mini_size > c->size
      || !walk_chain (c->fat, c->n_fat, read_u32 (root + 0x74), chain)
      || (mini_stream = copy_chain (c, chain, mini_size, NULL, 0)) == NULL)
    return REX_CFB_BROKEN;

  g_array_set_size (chain, 0);
  if (!walk_chain (c->fat, c->n_fat, read_u32 (c->data + 0x3C), chain))
    return REX_CFB_BROKEN;
  mini_fat_size = (gsize) chain->len << c->shift;
  if ((mini_fat_bytes = copy_chain (c, chain, mini_fat_size, NULL, 0)) == NULL)
    return REX_CFB_BROKEN;
  mini_fat = g_new (guint32, MAX (mini_fat_size / 4, 1));
  for (gsize i = 0; i < mini_fat_size / 4; i++)
    mini_fat[i] = read_u32 (mini_fat_bytes + 4 * i);

  if (!walk_chain (mini_fat, (guint32) MIN (mini_fat_size / 4, (mini_size + 63) / 64), start, mini_chain)
      || (*contents = copy_chain (c, mini_chain, length, mini_stream, mini_size)) == NULL)
    return REX_CFB_BROKEN;
  return REX_CFB_OK;
}

RexCfbResult
rex_cfb_read_stream (const guchar  *data,
                     gsize          size,
                     const char    *name,
                     gsize          max_size,
                     guchar       **contents,
                     gsize         *length)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guchar *entry;
  guint64 stream_size;
  RexCfbResult result;
  Cfb c;

  *contents = NULL;
  *length = 0;
  if ((result = open_cfb (&c, data, size)) != REX_CFB_OK)
    goto out;
  if ((entry = find_entry (&c, name)) == NULL)
    {
      result = REX_CFB_MISSING;
      goto out;
    }
  stream_size = entry_size (&c, entry);
  if (stream_size > max_size)
    {
      result = REX_CFB_TOO_LARGE;
      goto out;
    }
  if (stream_size < read_u32 (data + 0x38))
    result = read_mini (&c, read_u32 (entry + 0x74), stream_size, contents);
  else if (!walk_chain (c.fat, c.n_fat, read_u32 (entry + 0x74), chain)
           || (*contents = copy_chain (&c, chain, stream_size, NULL, 0)) == NULL)
    result = REX_CFB_BROKEN;
  if (result == REX_CFB_OK)
    *length = stream_size;

out:
  close_cfb (&c);
  return result;
}
