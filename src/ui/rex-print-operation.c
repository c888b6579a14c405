/* rex-print-operation.c — a chart printed.
 *
 * A page is drawn as an export of the same chart at the size of the page's
 * printable area in points: the layout adapts to the paper and the
 * orientation as it does to an export's size, text keeps its size in
 * points, and the light theme suits paper. A table or a profile whose rows
 * do not fit on one page goes on over as many as hold them all, each with
 * the title and the sources, numbered at the foot.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-print-operation.h"

struct _RexPrintOperation
{
  GtkPrintOperation  parent_instance;

  RexChart          *chart;       /* a copy of the chart shown */
  RexChartStyle     *style;
  GtkPageSetup      *page_setup;  /* as printed */
  double             chart_height; /* the page's less its number's line */
  guint              n_pages;
};

G_DEFINE_FINAL_TYPE (RexPrintOperation, rex_print_operation, GTK_TYPE_PRINT_OPERATION)

/* The font of the page numbers, in points. */
#define PAGE_NUMBER_FONT "Sans 8"

static PangoLayout *
page_number_layout (GtkPrintContext *context,
                    int              page_nr,
                    int              n_pages)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (PAGE_NUMBER_FONT);
  /* Translators: at the foot of a printed page: "Page 2 of 3" */
  g_autofree char *text = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* How many pages the chart takes at the context's size; a chart that
 * needs more than one leaves a line at the foot of each for its number. */
static void
rex_print_operation_begin_print (GtkPrintOperation *operation,
                                 GtkPrintContext   *context)
{
  RexPrintOperation *self = REX_PRINT_OPERATION (operation);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  /* Rows are drawn from the first page on, none counted as left out. */
  rex_chart_set_page (self->chart, 1);
  self->chart_height = height;
  self->n_pages = rex_chart_get_n_pages (self->chart, width, height, self->style);
  if (self->n_pages > 1)
    {
      g_autoptr(PangoLayout) number = page_number_layout (context, 0, (int) self->n_pages);
      int line;

      pango_layout_get_pixel_size (number, NULL, &line);
      self->chart_height = MAX (height - 2 * line, 1);
      self->n_pages = rex_chart_get_n_pages (self->chart, width, self->chart_height, self->style);
    }
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
}

static void
rex_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page_nr)
{
  RexPrintOperation *self = REX_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);

  g_set_object (&self->page_setup, gtk_print_context_get_page_setup (context));
  rex_chart_set_page (self->chart, (guint) page_nr + 1);
  /* The context's origin is the printable area's corner and its unit the
   * operation's (points). */
  rex_chart_draw (self->chart, cr, width, self->chart_height, self->style);
  if (self->n_pages > 1)
    {
      g_autoptr(PangoLayout) number = page_number_layout (context, page_nr, (int) self->n_pages);
      int w, h;

      pango_layout_get_pixel_size (number, &w, &h);
      cairo_set_source_rgb (cr, self->style->muted.r, self->style->muted.g, self->style->muted.b);
      cairo_move_to (cr, width - w, gtk_print_context_get_height (context) - h);
      pango_cairo_show_layout (cr, number);
    }
}

static void
rex_print_operation_finalize (GObject *object)
{
  RexPrintOperation *self = REX_PRINT_OPERATION (object);

  g_clear_object (&self->chart);
  g_clear_pointer (&self->style, rex_chart_style_free);
  g_clear_object (&self->page_setup);
  G_OBJECT_CLASS (rex_print_operation_parent_class)->finalize (object);
}

static void
rex_print_operation_class_init (RexPrintOperationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rex_print_operation_finalize;
  GTK_PRINT_OPERATION_CLASS (klass)->begin_print = rex_print_operation_begin_print;
  GTK_PRINT_OPERATION_CLASS (klass)->draw_page = rex_print_operation_draw_page;
}

static void
rex_print_operation_init (RexPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) landscape = gtk_page_setup_new ();

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* A chart is wider than tall, as the window shows it. */
  gtk_page_setup_set_orientation (landscape, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, landscape);
}

RexPrintOperation *
rex_print_operation_new (RexChart  *chart,
                         GError   **error)
{
  g_autoptr(RexPrintOperation) self = NULL;
  const char *title;

  g_return_val_if_fail (REX_IS_CHART (chart), NULL);

  self = g_object_new (REX_TYPE_PRINT_OPERATION, NULL);
  self->chart = rex_chart_copy (chart, error);
  if (self->chart == NULL)
    return NULL;
  self->style = rex_chart_style_new (REX_THEME_LIGHT);
  self->style->number_format = rex_chart_get_number_format (chart);
  title = rex_chart_get_title (chart);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self),
                                    /* Translators: a print job's name when the chart has no title */
                                    title != NULL && *title != '\0' ? title : _("Chart"));
  return g_steal_pointer (&self);
}

GtkPageSetup *
rex_print_operation_get_page_setup (RexPrintOperation *self)
{
  g_return_val_if_fail (REX_IS_PRINT_OPERATION (self), NULL);
  return self->page_setup;
}
