/* rex-chart-style.c — light and dark chart styles and the palettes. */
#include "config.h"

#include <math.h>

#include "rex-chart-style.h"
#include "rex-model-types.h"

G_DEFINE_BOXED_TYPE (RexChartStyle, rex_chart_style, rex_chart_style_copy, rex_chart_style_free)

static RexColor
rgb (guint32 hex)
{
  return (RexColor) { ((hex >> 16) & 0xff) / 255.0,
                      ((hex >> 8) & 0xff) / 255.0,
                      (hex & 0xff) / 255.0,
                      1.0 };
}

/* Okabe–Ito, the categorical palette that stays distinct under the common
 * colour-vision deficiencies; dark variants are lifted for contrast on a
 * dark background. */
static const guint32 palette_light[REX_PALETTE_SIZE] = {
  0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00, 0xf0e442, 0x7f7f7f,
};
static const guint32 palette_dark[REX_PALETTE_SIZE] = {
  0x4ea8e6, 0xf2b441, 0x2fc79b, 0xe39bc4, 0x8fd0f5, 0xf07d3a, 0xf5ec7a, 0xb0b0b0,
};

RexChartStyle *
rex_chart_style_new (RexTheme theme)
{
  RexChartStyle *self = g_new0 (RexChartStyle, 1);
  gboolean dark = theme == REX_THEME_DARK;

  self->theme = theme;
  self->font_family = g_strdup ("Cantarell, Noto Sans, DejaVu Sans, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif");
  self->font_size = 13.0;

  /* GNOME's light and dark window colours (libadwaita), so charts sit in the
   * app without a seam. */
  self->background = dark ? rgb (0x1e1e1e) : rgb (0xffffff);
  self->foreground = dark ? rgb (0xffffff) : rgb (0x1e1e1e);
  self->muted      = dark ? rgb (0xa8a8a8) : rgb (0x5e5c64);
  self->grid       = dark ? rgb (0x353535) : rgb (0xe6e6e6);
  self->axis       = dark ? rgb (0x6f6f6f) : rgb (0x9a9996);
  self->accent     = dark ? rgb (0x4ea8e6) : rgb (0x1c71d8);
  self->highlight  = dark ? rgb (0xf2b441) : rgb (0xc64600);
  self->hover      = dark ? rgb (0xffffff) : rgb (0x000000);
  self->no_data    = dark ? rgb (0x585858) : rgb (0xdeddda);
  self->reference  = dark ? rgb (0xe0e0e0) : rgb (0x3d3846);

  for (guint i = 0; i < REX_PALETTE_SIZE; i++)
    self->palette[i] = rgb (dark ? palette_dark[i] : palette_light[i]);

  return self;
}

RexChartStyle *
rex_chart_style_copy (const RexChartStyle *self)
{
  RexChartStyle *copy = g_memdup2 (self, sizeof *self);

  copy->font_family = g_strdup (self->font_family);
  return copy;
}

void
rex_chart_style_free (RexChartStyle *self)
{
  if (self == NULL)
    return;
  g_free (self->font_family);
  g_free (self);
}

REX_DEFINE_ENUM_NAMES (rex_theme, RexTheme, REX_TYPE_THEME)
REX_DEFINE_ENUM_NAMES (rex_number_format, RexNumberFormat, REX_TYPE_NUMBER_FORMAT)

/* The colour at @t (0..1) along @n stops, interpolated in sRGB. */
static RexColor
along_stops (const guint32 *stops,
             guint          n,
             double         t)
{
  double pos = t * (n - 1);
  guint i = MIN ((guint) pos, n - 2);
  RexColor a = rgb (stops[i]), b = rgb (stops[i + 1]);

  return rex_color_mix (&a, &b, pos - i);
}

/* Viridis sampled at nine stops; interpolating between them in sRGB keeps the
 * ramp close to perceptually even while staying readable for colour-blind
 * viewers and in greyscale print. */
static const guint32 viridis[] = {
  0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaadc32, 0xfde725,
};

RexColor
rex_chart_style_sequential (const RexChartStyle *self,
                            double               t)
{
  if (!isfinite (t))
    return self->no_data;
  return along_stops (viridis, G_N_ELEMENTS (viridis), CLAMP (t, 0.0, 1.0));
}

/* ColorBrewer's BrBG at eleven stops, from brown (-1: the largest fall)
 * through a pale grey (0: no change) to teal (1: the largest rise): safe for
 * colour-blind viewers. */
static const guint32 brown_teal[] = {
  0x543005, 0x8c510a, 0xbf812d, 0xdfc27d, 0xf6e8c3, 0xf5f5f5, 0xc7eae5, 0x80cdc1, 0x35978f, 0x01665e, 0x003c30,
};

RexColor
rex_chart_style_diverging (const RexChartStyle *self,
                           double               t)
{
  if (!isfinite (t))
    return self->no_data;
  return along_stops (brown_teal, G_N_ELEMENTS (brown_teal), (CLAMP (t, -1.0, 1.0) + 1.0) / 2.0);
}

static double
linearize (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
rex_color_luminance (const RexColor *color)
{
  return 0.2126 * linearize (color->r)
       + 0.7152 * linearize (color->g)
       + 0.0722 * linearize (color->b);
}

RexColor
rex_color_mix (const RexColor *a,
               const RexColor *b,
               double          t)
{
  return (RexColor) { a->r + (b->r - a->r) * t,
                      a->g + (b->g - a->g) * t,
                      a->b + (b->b - a->b) * t,
                      a->a + (b->a - a->a) * t };
}
