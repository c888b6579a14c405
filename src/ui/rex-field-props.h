/* rex-field-props.h — read-only properties that show fields of a list item. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A read-only property named @name that shows the field at @offset of the
 * instance: a char * for G_TYPE_STRING, a gboolean for G_TYPE_BOOLEAN, a
 * pointer to the boxed value for a boxed type. @name must be a static string. */
typedef struct
{
  const char *name;
  GType       type;
  gsize       offset;
} RexFieldProp;

/* Installs one property per entry of @props (property ids 1 to @n_props)
 * and the class's get_property, which reads the fields. */
void rex_field_props_install (GObjectClass       *object_class,
                              const RexFieldProp *props,
                              guint               n_props);
/* Frees the strings and boxed values behind @object's properties and sets
 * those fields to NULL: for the class's finalize. */
void rex_field_props_clear   (GObject            *object);

G_END_DECLS
