/* rex-field-props.c — read-only properties that show fields of a list item.
 *
 * The rows of the Import dialog's region list and of a region's profile
 * are small records: made once, then only read by a row template that looks
 * their fields up by property name. Such a class describes its properties
 * as a table of fields; one get_property reads them and one clear frees
 * them, instead of a switch over the properties and a finalize per class.
 */
#include "config.h"

#include "rex-field-props.h"

/* The class's fields, a GArray of RexFieldProp indexed by property id - 1,
 * kept on the type that installed them. */
static GQuark
fields_quark (void)
{
  return g_quark_from_static_string ("rex-field-props");
}

static GArray *
fields_of (GType type)
{
  return g_type_get_qdata (type, fields_quark ());
}

static gpointer
field_address (GObject            *object,
               const RexFieldProp *prop)
{
  return G_STRUCT_MEMBER_P (object, prop->offset);
}

static void
rex_field_props_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GArray *fields = fields_of (pspec->owner_type);
  const RexFieldProp *prop;

  if (fields == NULL || prop_id == 0 || prop_id > fields->len)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  prop = &g_array_index (fields, RexFieldProp, prop_id - 1);
  if (prop->type == G_TYPE_STRING)
    g_value_set_string (value, *(char **) field_address (object, prop));
  else if (prop->type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, *(gboolean *) field_address (object, prop));
  else
    g_value_set_boxed (value, *(gpointer *) field_address (object, prop));
}

static GParamSpec *
field_pspec (const RexFieldProp *prop)
{
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  if (prop->type == G_TYPE_STRING)
    return g_param_spec_string (prop->name, NULL, NULL, NULL, flags);
  if (prop->type == G_TYPE_BOOLEAN)
    return g_param_spec_boolean (prop->name, NULL, NULL, FALSE, flags);
  g_return_val_if_fail (G_TYPE_IS_BOXED (prop->type), NULL);
  return g_param_spec_boxed (prop->name, NULL, NULL, prop->type, flags);
}

void
rex_field_props_install (GObjectClass       *object_class,
                         const RexFieldProp *props,
                         guint               n_props)
{
  GType type = G_OBJECT_CLASS_TYPE (object_class);
  GArray *fields;

  g_return_if_fail (fields_of (type) == NULL);

  /* Kept for the life of the type, like the class and its properties. */
  fields = g_array_sized_new (FALSE, FALSE, sizeof (RexFieldProp), n_props);
  g_array_append_vals (fields, props, n_props);
  g_type_set_qdata (type, fields_quark (), fields);
  object_class->get_property = rex_field_props_get_property;
  for (guint i = 0; i < n_props; i++)
    g_object_class_install_property (object_class, i + 1, field_pspec (&props[i]));
}

void
rex_field_props_clear (GObject *object)
{
  GArray *fields = fields_of (G_OBJECT_TYPE (object));

  g_return_if_fail (fields != NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const RexFieldProp *prop = &g_array_index (fields, RexFieldProp, i);
      gpointer address = field_address (object, prop);

      if (prop->type == G_TYPE_STRING)
        g_clear_pointer ((char **) address, g_free);
      else if (prop->type != G_TYPE_BOOLEAN && *(gpointer *) address != NULL)
        g_boxed_free (prop->type, g_steal_pointer ((gpointer *) address));
    }
}
