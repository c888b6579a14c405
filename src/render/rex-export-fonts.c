/* rex-export-fonts.c — the fonts of an export, loaded on a thread of its own
 * while the command line reads the dataset.
 *
 * Drawing the default bar chart asks Pango for five sizes of text. Each is a
 * fontconfig substitution, a match and a sort (Pango 1.50 starts two threads
 * for them and waits for the match), a font loaded and measured (its metrics
 * lay out a sample text in yet another fontset), and all of it twice: the
 * chart measures its text with its own font options, and drawing merges in
 * the target surface's, which makes other fonts. That was two thirds of the
 * drawing. The dataset does not touch Pango, so the fonts the chart
 * measures with can be loaded beside it into the font map the chart will
 * draw with, whose caches then hold them.
 *
 * What is loaded here only fills caches: a size guessed wrong costs this
 * thread some time and changes nothing drawn. The sizes are the chart's
 * own: the body size from the style and the export's size
 * (rex_chart_body_size()), times each scale of RexChartTextRole, the sizes
 * the frame and most kinds set their text in. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "rex-chart-private.h"
#include "rex-export.h"

struct _RexExportFonts
{
  GThread              *thread;
  PangoFontMap         *font_map;     /* the calling thread's default */
  double                width, height;
  RexChartStyle        *style;        /* a copy of the export's */
};

/* Lays out digits and letters (and Chinese where that is the language) at
 * every size of RexChartTextRole. */
static void
load_sizes (RexExportFonts *self,
            PangoContext   *context,
            double          em)
{
  const char *sample = pango_language_matches (pango_context_get_language (context), "zh")
                       ? "0123456789 Ag 中国" : "0123456789 Ag";

  for (guint role = 0; role < REX_CHART_N_TEXT_ROLES; role++)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      PangoFontDescription *desc;
      PangoRectangle logical;
      PangoWeight weight;
      double scale;

      rex_chart_text_role_font (role, &scale, &weight);
      desc = rex_chart_font (self->style, em, scale, weight);
      pango_layout_set_font_description (layout, desc);
      pango_layout_set_text (layout, sample, -1);
      pango_layout_get_extents (layout, NULL, &logical);
      pango_font_description_free (desc);
    }
}

/* Only the fonts the chart measures its text with (its own options): those
 * drawn with the target's options merged in, which PNG exports load again,
 * would make this thread longer than the dataset's on the bundled data
 * (fontconfig's start-up, which this thread waits for, and both sets are
 * 30 + 38 million instructions against 58 on the main thread), so that the
 * main thread would wait for it, and add 3 % to the instructions of the
 * whole export. Measured with callgrind, every thread: 294 million
 * instructions in all before and after, the main thread's 258 → 234. */
static gpointer
load_fonts (gpointer data)
{
  RexExportFonts *self = data;
  PangoContext *context = rex_chart_measuring_context (self->font_map);

  load_sizes (self, context, rex_chart_body_size (self->style, self->width, self->height));
  g_object_unref (context);
  return NULL;
}

/* Fontconfig's start is most of what the font thread waits for; begun
 * before the options are parsed, it runs beside them (1–1.5 ms of the
 * benchmark's 1920×1080 export, docs/benchmarks.md). The font map made here is
 * the one rex_export_fonts_prepare() finds. */
void
rex_export_fonts_begin (void)
{
  pango_cairo_font_map_get_default ();
}

RexExportFonts *
rex_export_fonts_prepare (const RexExportOptions *options)
{
  RexExportFonts *self;

  g_return_val_if_fail (options != NULL && options->style != NULL, NULL);

  if (options->format == REX_EXPORT_FORMAT_CSV)
    return NULL;
  self = g_new0 (RexExportFonts, 1);
  /* Made here: Pango's default font map is per thread, and this one starts
   * reading fontconfig's configuration on a thread of its own. */
  self->font_map = g_object_ref (pango_cairo_font_map_get_default ());
  self->width = options->width;
  self->height = options->height;
  self->style = rex_chart_style_copy (options->style);
  self->thread = g_thread_new ("rex-export-fonts", load_fonts, self);
  return self;
}

void
rex_export_fonts_wait (RexExportFonts *self)
{
  if (self == NULL)
    return;
  g_thread_join (self->thread);
  g_object_unref (self->font_map);
  rex_chart_style_free (self->style);
  g_free (self);
}
