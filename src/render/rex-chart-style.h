/* rex-chart-style.h — colours, fonts and sizes a chart is drawn with.
 *
 * Plain data: the widget fills one from the GTK theme, the command line from
 * --theme. Sizes are in chart units (1 unit = 1 px at scale 1).
 */
#pragma once

#include <glib-object.h>

#include "rex-model-types.h"

G_BEGIN_DECLS

typedef enum
{
  REX_THEME_LIGHT,
  REX_THEME_DARK
} RexTheme;

/* How numbers are written: AUTO shortens only long numbers on axes
 * ("150k", "16万"), FULL never shortens, SHORT also shortens value labels
 * and from ten thousand up. */
typedef enum
{
  REX_NUMBER_FORMAT_AUTO,
  REX_NUMBER_FORMAT_FULL,
  REX_NUMBER_FORMAT_SHORT
} RexNumberFormat;

typedef struct
{
  double r, g, b, a;
} RexColor;

#define REX_PALETTE_SIZE 8

#define REX_TYPE_CHART_STYLE (rex_chart_style_get_type ())

typedef struct
{
  RexTheme  theme;
  char     *font_family;
  double    font_size;      /* body text, in chart units */
  RexColor  background;
  RexColor  foreground;
  RexColor  muted;          /* secondary text, axis labels */
  RexColor  grid;
  RexColor  axis;
  RexColor  accent;         /* default series/bar colour */
  RexColor  highlight;      /* selected items */
  RexColor  hover;          /* hover outline */
  RexColor  no_data;        /* tiles/areas without a value */
  RexColor  reference;      /* average/target lines */
  RexColor  palette[REX_PALETTE_SIZE];  /* categorical, colour-blind safe */
  gboolean  transparent;    /* leave the background unpainted */
  RexNumberFormat number_format;  /* how axes, labels and values write numbers */
} RexChartStyle;

GType          rex_chart_style_get_type (void) G_GNUC_CONST;
RexChartStyle *rex_chart_style_new      (RexTheme             theme);
RexChartStyle *rex_chart_style_copy     (const RexChartStyle *self);
void           rex_chart_style_free     (RexChartStyle       *self);
REX_DECLARE_ENUM_NAMES (rex_theme, RexTheme);
/* "auto", "full" or "short", as the command line and the settings name them. */
REX_DECLARE_ENUM_NAMES (rex_number_format, RexNumberFormat);

/* A perceptually even sequential palette (viridis-like), t in 0..1. */
RexColor       rex_chart_style_sequential (const RexChartStyle *self,
                                           double               t);
/* A diverging palette for changes: t in -1..1, brown for a fall, teal for
 * a rise, pale at 0. */
RexColor       rex_chart_style_diverging  (const RexChartStyle *self,
                                           double               t);
/* Relative luminance, to choose readable text on a coloured fill. */
double         rex_color_luminance      (const RexColor      *color);
RexColor       rex_color_mix            (const RexColor      *a,
                                         const RexColor      *b,
                                         double               t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RexChartStyle, rex_chart_style_free)

G_END_DECLS

#include "rex-render-enums.h"
