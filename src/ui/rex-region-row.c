/* rex-region-row.c — the box of a region list row (rex-region-row.ui),
 * which knows the region it shows, so that a shortcut on the focused row
 * (Alt+Return: the profile) finds it.
 *
 * The region is a property rather than the widget's name: a widget name is
 * made a GQuark, kept for the life of the process, and each dataset's region
 * ids would have added their own (GLib drops its first block of quarks, 16
 * KB, when the two thousandth is made).
 */
#include "config.h"

#include "rex-region-row.h"

struct _RexRegionRow
{
  GtkBox     parent_instance;
  RexRegion *region;
};

G_DEFINE_FINAL_TYPE (RexRegionRow, rex_region_row, GTK_TYPE_BOX)

enum { PROP_0, PROP_REGION, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
rex_region_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RexRegionRow *self = REX_REGION_ROW (object);

  switch (prop_id)
    {
    case PROP_REGION:
      if (g_set_object (&self->region, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_region_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_object (value, REX_REGION_ROW (object)->region);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_region_row_dispose (GObject *object)
{
  g_clear_object (&REX_REGION_ROW (object)->region);
  G_OBJECT_CLASS (rex_region_row_parent_class)->dispose (object);
}

static void
rex_region_row_class_init (RexRegionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = rex_region_row_set_property;
  object_class->get_property = rex_region_row_get_property;
  object_class->dispose = rex_region_row_dispose;
  properties[PROP_REGION] = g_param_spec_object ("region", NULL, NULL, REX_TYPE_REGION,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_region_row_init (RexRegionRow *self)
{
}

RexRegion *
rex_region_row_get_region (RexRegionRow *self)
{
  g_return_val_if_fail (REX_IS_REGION_ROW (self), NULL);

  return self->region;
}

/* The region of the row @widget is in (or is the list item of), looking no
 * higher than @list; NULL when it is in no row. */
RexRegion *
rex_region_row_find_region (GtkWidget *widget,
                            GtkWidget *list)
{
  for (GtkWidget *w = widget; w != NULL && w != list; w = gtk_widget_get_parent (w))
    {
      /* A focused row is the list item, the parent of the row's box. */
      GtkWidget *row = REX_IS_REGION_ROW (w) ? w : gtk_widget_get_first_child (w);

      if (row != NULL && REX_IS_REGION_ROW (row))
        return REX_REGION_ROW (row)->region;
    }
  return NULL;
}
