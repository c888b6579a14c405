/* rex-export-png.c — the PNG encoder of exports and of Copy Chart.
 *
 * Written here rather than by cairo_surface_write_to_png_stream(): cairo
 * always compresses at zlib's default level and always writes an alpha
 * channel; charts are large flat areas, which a fast level with the Sub
 * filter compresses about as well in a fraction of the time, and an opaque
 * chart needs no alpha. Colours are un-premultiplied exactly as cairo does.
 *
 * A large image is compressed in two bands at once, as pigz does: the upper
 * band ends with a sync flush (a byte boundary, not the stream's end), the
 * lower one starts from the last 32 KiB of the rows above as its dictionary,
 * so it finds the same matches across the boundary, and the Adler-32s of
 * the two are combined. Each band's bytes depend only on its rows: the file
 * is the same whether the second band ran beside the first or after it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "rex-export.h"
#include "rex-export-private.h"

static void
append_be32 (GByteArray *array,
             guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (array, b, 4);
}

const guint8 rex_export_png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static void
png_append_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         length)
{
  guint32 crc = crc32 (0, (const Bytef *) type, 4);

  append_be32 (png, length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    {
      g_byte_array_append (png, data, length);
      crc = crc32 (crc, data, length);
    }
  append_be32 (png, crc);
}

/* Each byte of @a minus the same byte of @b, modulo 256: the PNG Sub
 * filter on a whole pixel at once (Hacker's Delight, 2-18). */
static inline guint32
bytes_sub (guint32 a,
           guint32 b)
{
  return ((a | 0x80808080u) - (b & 0x7f7f7f7fu)) ^ ((a ^ ~b) & 0x80808080u);
}

/* @p (premultiplied ARGB) with its colour divided by its alpha, rounded
 * as cairo does. */
static inline guint32
unpremultiply (guint32 p)
{
  guint a = p >> 24;
  guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  if (a == 0xff)
    return p;
  if (a == 0)
    return 0;
  r = (r * 255 + a / 2) / a;
  g = (g * 255 + a / 2) / a;
  b = (b * 255 + a / 2) / a;
  return (guint32) a << 24 | r << 16 | g << 8 | b;
}

/* How many pixels from @x on repeat the one before @x. Most of a chart is
 * such runs: they are compared four pixels at a time. */
static int
repeat_length (const guint32 *src,
               int            x,
               int            width)
{
  guint64 pair;
  int end = x;

  if (x == 0)
    return 0;
  pair = (guint64) src[x - 1] << 32 | src[x - 1];
  while (end + 4 <= width)
    {
      guint64 v[2];

      memcpy (v, src + end, sizeof v);
      if (((v[0] ^ pair) | (v[1] ^ pair)) != 0)
        break;
      end += 4;
    }
  while (end < width && src[end] == src[x - 1])
    end++;
  return end - x;
}

/* One band of the image's rows as a raw deflate stream in IDAT chunks: a
 * chunk for what each call to deflate() gives, at most 64 KiB. The zlib
 * header and Adler-32 around the stream are written here, the sum kept by
 * the row filter, which knows where the long runs of zeros are and adds
 * each run in one step instead of zlib reading it byte by byte. */
typedef struct
{
  z_stream      z;
  GByteArray   *png;
  const guint8 *pixels;
  int           width, stride;
  int           first_row, end_row;
  gboolean      alpha;
  gboolean      last;      /* the stream's last band: ends it */
  gboolean      ok;
  guint8        out[65536];
  gsize         placed;    /* bytes in out before the next call's output */
  guint64       a, b;      /* the band's Adler-32 sums, reduced once a row */
  guint64       row_a;     /* the sums of the last filtered row alone */
  guint64       row_b;
} IdatWriter;

#define ADLER_BASE 65521
#define WINDOW (1u << MAX_WBITS)

/* Bands of at least this many pixels each, else one: a second compressor
 * and its thread cost about a millisecond. */
#define BAND_MIN_PIXELS (1u << 19)

static inline void
adler_add (IdatWriter *w,
           guint8      v)
{
  w->a += v;
  w->b += w->a;
}

/* Appends to the Adler-32 a row of @length bytes whose own sums, taken
 * from zero, are row_a and row_b: the sum of a concatenation is that of
 * its parts combined (zlib's adler32_combine()), so a row that repeats the
 * one above is added without reading it. */
static void
adler_append_row (IdatWriter *w,
                  gsize       length)
{
  w->b = (w->b + (length % ADLER_BASE) * w->a + w->row_b) % ADLER_BASE;
  w->a = (w->a + w->row_a) % ADLER_BASE;
}

static guint32
adler_value (const IdatWriter *w)
{
  return (guint32) (w->b << 16 | w->a);
}

static gsize
row_bytes (const IdatWriter *w)
{
  return 1 + (gsize) w->width * (w->alpha ? 4 : 3);
}

/* Each pixel's bytes minus those of the pixel to its left, or zeros for
 * a pixel that repeats it; the row's sums go to row_a and row_b. */
static void
png_filter_row (IdatWriter    *w,
                const guint32 *src,
                guint8        *row)
{
  gsize channels = w->alpha ? 4 : 3;
  int width = w->width;
  guint32 left = 0;
  guint8 *dst = row + 1;
  guint64 a = w->a, b = w->b;

  w->a = w->b = 0;
  row[0] = 1;                  /* the Sub filter */
  adler_add (w, 1);
  for (int x = 0; x < width; x++)
    {
      int run = repeat_length (src, x, width);
      guint32 p, d;

      if (run > 0)
        {
          memset (dst, 0, run * channels);
          dst += run * channels;
          w->b += w->a * run * channels;
          x += run - 1;
          continue;
        }
      p = w->alpha ? unpremultiply (src[x]) : src[x];
      d = bytes_sub (p, left);
      dst[0] = d >> 16;
      dst[1] = d >> 8;
      dst[2] = d;
      if (w->alpha)
        dst[3] = d >> 24;
      for (gsize c = 0; c < channels; c++)
        adler_add (w, dst[c]);
      dst += channels;
      left = p;
    }
  /* A row of 49,152 pixels of 4 bytes keeps b under 2⁴⁴. */
  w->row_a = w->a % ADLER_BASE;
  w->row_b = w->b % ADLER_BASE;
  w->a = a;
  w->b = b;
}

static const guint32 *
pixel_row (const IdatWriter *w,
           int               y)
{
  return (const guint32 *) (w->pixels + (gsize) y * w->stride);
}

/* One call to deflate(), its output (after what is already placed) an
 * IDAT chunk; at the stream's end the output stays in out, placed, for
 * idat_finish() to add the Adler-32 to. */
static int
idat_deflate (IdatWriter *w,
              int         flush)
{
  int status;
  gsize n;

  w->z.next_out = w->out + w->placed;
  w->z.avail_out = sizeof w->out - w->placed;
  status = deflate (&w->z, flush);
  n = sizeof w->out - w->z.avail_out;
  w->placed = 0;
  if (status == Z_STREAM_END)
    w->placed = n;
  else if (n > 0)
    png_append_chunk (w->png, "IDAT", w->out, n);
  return status;
}

/* The Adler-32 @sum, big-endian, after the last band's output, as far as
 * it fits in its chunk; the rest in a chunk of its own, as zlib would. */
static void
idat_finish (IdatWriter *w,
             guint32     sum)
{
  guint8 trailer[4] = { sum >> 24, sum >> 16, sum >> 8, sum };
  gsize n = w->placed;
  gsize fits = MIN (sizeof trailer, sizeof w->out - n);

  memcpy (w->out + n, trailer, fits);
  n += fits;
  if (fits < sizeof trailer)
    {
      png_append_chunk (w->png, "IDAT", w->out, n);
      n = sizeof trailer - fits;
      memcpy (w->out, trailer + fits, n);
    }
  png_append_chunk (w->png, "IDAT", w->out, n);
}

/* The rows of @surface from @first_row to @end_row as a band written to
 * @png: the first after the zlib header of level 3 (78 5E). */
static gboolean
idat_init (IdatWriter      *w,
           GByteArray      *png,
           cairo_surface_t *surface,
           gboolean         alpha,
           int              first_row,
           int              end_row)
{
  memset (&w->z, 0, sizeof w->z);
  w->png = png;
  w->pixels = cairo_image_surface_get_data (surface);
  w->width = cairo_image_surface_get_width (surface);
  w->stride = cairo_image_surface_get_stride (surface);
  w->first_row = first_row;
  w->end_row = end_row;
  w->alpha = alpha;
  w->last = end_row == cairo_image_surface_get_height (surface);
  w->ok = FALSE;
  w->a = 1;
  w->b = 0;
  w->placed = 0;
  if (first_row == 0)
    {
      w->out[0] = 0x78;
      w->out[1] = 0x5e;
      w->placed = 2;
    }
  return deflateInit2 (&w->z, 3, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

/* A band after the first starts from the last 32 KiB of the rows above,
 * filtered again here, as the window a single stream would have. */
static gboolean
idat_set_dictionary (IdatWriter *w)
{
  gsize length = row_bytes (w);
  int above = MIN (w->first_row, (int) ((WINDOW + length - 1) / length));
  g_autofree guint8 *rows = g_malloc (above * length);
  guint64 a = w->a, b = w->b;
  gsize size = above * length;
  gsize used = MIN (size, WINDOW);

  for (int i = 0; i < above; i++)
    png_filter_row (w, pixel_row (w, w->first_row - above + i), rows + i * length);
  w->a = a;
  w->b = b;
  return deflateSetDictionary (&w->z, rows + size - used, used) == Z_OK;
}

/* Writes the band's rows: w->ok is FALSE when the compressor failed. */
static gpointer
idat_write (gpointer data)
{
  IdatWriter *w = data;
  gsize length = row_bytes (w);
  g_autofree guint8 *row = g_malloc (length);
  int status = Z_OK;
  int flush = w->last ? Z_FINISH : Z_SYNC_FLUSH;

  if (w->first_row > 0 && !idat_set_dictionary (w))
    status = Z_STREAM_ERROR;
  for (int y = w->first_row; y < w->end_row && status == Z_OK; y++)
    {
      const guint32 *src = pixel_row (w, y);

      /* Charts repeat rows (a bar, the space between two): the filtered
       * row still in @row is then this one too. */
      if (y == w->first_row || memcmp (src, pixel_row (w, y - 1), (gsize) w->width * 4) != 0)
        png_filter_row (w, src, row);
      adler_append_row (w, length);
      w->z.next_in = row;
      w->z.avail_in = length;
      while (w->z.avail_in > 0 && status == Z_OK)
        status = idat_deflate (w, Z_NO_FLUSH);
    }
  /* Until the stream ends, or the band's output is all out at a byte
   * boundary. */
  while (status == Z_OK)
    {
      status = idat_deflate (w, flush);
      if (!w->last && status == Z_OK && w->z.avail_out > 0)
        break;
    }
  deflateEnd (&w->z);
  w->ok = w->last ? status == Z_STREAM_END : status == Z_OK;
  return NULL;
}

static gboolean
set_encode_error (GError     **error,
                  const char  *message)
{
  g_set_error_literal (error, REX_CHART_ERROR, REX_CHART_ERROR_EXPORT, message);
  return FALSE;
}

/* The image data in one band or two, the lower one on a thread of its own
 * (or after the upper one where no thread can start). */
static gboolean
idat_write_image (GByteArray       *png,
                  cairo_surface_t  *surface,
                  gboolean          alpha,
                  GError          **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int split = (guint64) width * height >= 2 * BAND_MIN_PIXELS ? height / 2 : height;
  g_autofree IdatWriter *upper = g_new (IdatWriter, 1);
  g_autofree IdatWriter *lower = NULL;
  g_autoptr(GByteArray) lower_png = NULL;
  GThread *thread = NULL;
  gboolean ok;

  if (!idat_init (upper, png, surface, alpha, 0, split))
    return set_encode_error (error, _("Cannot encode the PNG image: the compressor did not start"));
  if (split < height)
    {
      lower = g_new (IdatWriter, 1);
      lower_png = g_byte_array_sized_new ((gsize) width * (height - split) / 4);
      if (!idat_init (lower, lower_png, surface, alpha, split, height))
        {
          deflateEnd (&upper->z);
          return set_encode_error (error, _("Cannot encode the PNG image: the compressor did not start"));
        }
      thread = g_thread_try_new ("rex-png-band", idat_write, lower, NULL);
    }
  idat_write (upper);
  if (thread != NULL)
    g_thread_join (thread);
  else if (lower != NULL)
    idat_write (lower);
  ok = upper->ok && (lower == NULL || lower->ok);
  if (!ok)
    return set_encode_error (error, _("Cannot encode the PNG image: the compressor failed"));
  if (lower == NULL)
    {
      idat_finish (upper, adler_value (upper));
      return TRUE;
    }
  idat_finish (lower, adler32_combine (adler_value (upper), adler_value (lower),
                                       (z_off_t) (height - split) * row_bytes (lower)));
  g_byte_array_append (png, lower_png->data, lower_png->len);
  return TRUE;
}

/* Encodes @surface (ARGB32, premultiplied) as PNG with the chart
 * description in an iTXt chunk right after IHDR (readers that stop at the
 * first IDAT still see it). */
GBytes *
rex_export_png_encode (cairo_surface_t  *surface,
                       gboolean          alpha,
                       const char       *text,
                       gsize             text_length,
                       GError          **error)
{
  static const guint8 itxt_tail[] = { 0, 0, 0, 0, 0 };  /* NUL, no compression, method 0, "" lang, "" translated */
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(GByteArray) png = g_byte_array_sized_new ((gsize) width * height / 4 + 1024);
  g_autoptr(GByteArray) itxt = g_byte_array_new ();
  guint8 ihdr[13];

  g_byte_array_append (png, rex_export_png_signature, sizeof rex_export_png_signature);
  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8;                 /* bit depth */
  ihdr[9] = alpha ? 6 : 2;     /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  png_append_chunk (png, "IHDR", ihdr, sizeof ihdr);

  g_byte_array_append (itxt, (const guint8 *) REX_EXPORT_PNG_KEYWORD, strlen (REX_EXPORT_PNG_KEYWORD));
  g_byte_array_append (itxt, itxt_tail, sizeof itxt_tail);
  g_byte_array_append (itxt, (const guint8 *) text, text_length);
  png_append_chunk (png, "iTXt", itxt->data, itxt->len);

  if (!idat_write_image (png, surface, alpha, error))
    return NULL;
  png_append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
