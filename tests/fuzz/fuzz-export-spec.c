/* fuzz-export-spec.c — libFuzzer target for the reader of the chart
 * description embedded in exported images.
 *
 * The first byte picks how the rest reaches rex_export_read_metadata_from_bytes(),
 * the function behind --export=OUT IMAGE, --print-spec and opening an image in
 * the window:
 *   0  the rest is the description's text, put in a well-formed PNG (a valid
 *      IHDR, our iTXt chunk with correct CRCs, IEND), so every input reaches
 *      the JSON reader and the spec validation;
 *   1  the rest is a whole PNG file;
 *   2  the rest is the text of <rex:chart> in an SVG document;
 *   3  the rest is a whole PDF file.
 * Whatever it reads must be refused with a REX_EXPORT_ERROR and a UTF-8
 * message, or be a description the command line would accept: a spec
 * that rex_chart_spec_validate() passes and that survives a round trip
 * through JSON, and a size that rex_export_validate_size() passes. Criticals
 * and warnings abort, as crashes do.
 *
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true; run:
 * build-aux/fuzz.sh [SECONDS] spec (docs/reliability.md).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "rex-render.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *body,
              gsize         length)
{
  guint8 word[4];
  guint32 crc;

  word[0] = length >> 24, word[1] = length >> 16, word[2] = length >> 8, word[3] = length;
  g_byte_array_append (png, word, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, body, length);
  crc = crc32 (0, (const Bytef *) type, 4);
  if (length > 0)
    crc = crc32 (crc, body, length);
  word[0] = crc >> 24, word[1] = crc >> 16, word[2] = crc >> 8, word[3] = crc;
  g_byte_array_append (png, word, 4);
}

static GBytes *
png_with_description (const guint8 *text,
                      gsize         length)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* 1 × 1, 8-bit RGBA */
  static const guint8 ihdr[] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };
  GByteArray *png = g_byte_array_new ();
  g_autoptr(GByteArray) itxt = g_byte_array_new ();
  static const guint8 zeros[5] = { 0 };

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  /* keyword, NUL, compression flag 0, method 0, empty language, NUL, empty
   * translated keyword, NUL, then the text */
  g_byte_array_append (itxt, (const guint8 *) REX_EXPORT_PNG_KEYWORD, strlen (REX_EXPORT_PNG_KEYWORD));
  g_byte_array_append (itxt, zeros, 5);
  g_byte_array_append (itxt, text, length);
  append_chunk (png, "iTXt", itxt->data, itxt->len);
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

static GBytes *
svg_with_description (const guint8 *text,
                      gsize         length)
{
  GString *svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16px\" height=\"16px\">"
                               "<title>t</title><metadata>"
                               "<rex:chart xmlns:rex=\"urn:io.github.regionexplorer:chart:1\">");

  g_string_append_len (svg, (const char *) text, length);
  g_string_append (svg, "</rex:chart></metadata></svg>\n");
  return g_string_free_to_bytes (svg);
}

static void
check_accepted (const RexExportMetadata *metadata)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(RexChartSpec) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (rex_chart_spec_validate (metadata->spec, NULL, NULL));
  g_assert (metadata->width == 0 || (metadata->width >= REX_EXPORT_MIN_SIZE
                                     && metadata->width <= REX_EXPORT_MAX_SIZE));
  g_assert (metadata->height == 0 || (metadata->height >= REX_EXPORT_MIN_SIZE
                                      && metadata->height <= REX_EXPORT_MAX_SIZE));
  g_assert (metadata->scale == 1 || metadata->scale == 2 || metadata->scale == 3);
  g_assert (metadata->json != NULL && g_utf8_validate (metadata->json, -1, NULL));

  node = rex_chart_spec_to_json (metadata->spec);
  again = rex_chart_spec_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert (rex_chart_spec_equal (metadata->spec, again));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RexExportMetadata) metadata = NULL;
  RexExportFormat format;

  if (size < 1)
    return 0;
  switch (data[0] % 4)
    {
    case 0:
      bytes = png_with_description (data + 1, size - 1);
      format = REX_EXPORT_FORMAT_PNG;
      break;
    case 1:
      bytes = g_bytes_new (data + 1, size - 1);
      format = REX_EXPORT_FORMAT_PNG;
      break;
    case 2:
      bytes = svg_with_description (data + 1, size - 1);
      format = REX_EXPORT_FORMAT_SVG;
      break;
    default:
      bytes = g_bytes_new (data + 1, size - 1);
      format = REX_EXPORT_FORMAT_PDF;
      break;
    }

  metadata = rex_export_read_metadata_from_bytes (bytes, format, "fuzz", &error);
  if (metadata == NULL)
    {
      g_assert (error != NULL && error->domain == REX_EXPORT_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_assert (error == NULL);
      check_accepted (metadata);
    }
  return 0;
}
