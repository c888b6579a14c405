/* rex-print-operation.c — a chart printed on one page.
 *
 * The page is drawn as an export of the same chart at the size of the
 * page's printable area in points: the layout adapts to the paper and the
 * orientation as it does to an export's size, text keeps its size in
 * points, and the light theme suits paper.
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
};

G_DEFINE_FINAL_TYPE (RexPrintOperation, rex_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
rex_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page_nr)
{
  RexPrintOperation *self = REX_PRINT_OPERATION (operation);

  g_set_object (&self->page_setup, gtk_print_context_get_page_setup (context));
  /* The context's origin is the printable area's corner and its unit the
   * operation's (points). */
  rex_chart_draw (self->chart, gtk_print_context_get_cairo_context (context),
                  gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                  self->style);
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
  GTK_PRINT_OPERATION_CLASS (klass)->draw_page = rex_print_operation_draw_page;
}

static void
rex_print_operation_init (RexPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) landscape = gtk_page_setup_new ();

  gtk_print_operation_set_n_pages (operation, 1);
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
  /* Translators: the name of a print job when the chart has no title */
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self),
                                    title != NULL && *title != '\0' ? title : _("Chart"));
  return g_steal_pointer (&self);
}

GtkPageSetup *
rex_print_operation_get_page_setup (RexPrintOperation *self)
{
  g_return_val_if_fail (REX_IS_PRINT_OPERATION (self), NULL);
  return self->page_setup;
}
