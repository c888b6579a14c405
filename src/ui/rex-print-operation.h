/* rex-print-operation.h — a chart printed: on one page, or a table or a
 * profile on as many as its rows take.
 */
#pragma once

#include <gtk/gtk.h>

#include "rex-render.h"

G_BEGIN_DECLS

#define REX_TYPE_PRINT_OPERATION (rex_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (RexPrintOperation, rex_print_operation, REX, PRINT_OPERATION, GtkPrintOperation)

/* Prints a copy of @chart filling the page's printable area, in the light
 * theme whatever the window's, numbers written as @chart writes them: on
 * one page, or a table's rows or a profile's metrics on as many pages as
 * hold them all, numbered. The page is landscape unless a default page
 * setup is set; the print dialog offers the paper and orientation. The
 * job is named after the chart's title. */
RexPrintOperation *rex_print_operation_new            (RexChart           *chart,
                                                       GError            **error);
/* The page setup the page was printed with (paper, orientation, margins),
 * to offer again next time; NULL before the page is drawn. */
GtkPageSetup      *rex_print_operation_get_page_setup (RexPrintOperation  *self);

G_END_DECLS
