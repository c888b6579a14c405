/* rex-model-types.c — enum names, region kind labels and the UI-language
 * helpers of the model.
 *
 * The schema names of every enum are the nicks glib-mkenums generates
 * (rex-model-enums.c from rex-model-types.h, rex-render-enums.c from the
 * render headers), so the loader, the saver, the charts' JSON form and the
 * command line agree on them.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rex-model-private.h"

static GEnumClass *
get_enum_class (GType enum_type)
{
  GEnumClass *klass = g_type_class_peek (enum_type);

  /* Static types: the reference is never dropped, as their classes stay. */
  return klass != NULL ? klass : g_type_class_ref (enum_type);
}

const char *
rex_enum_to_nick (GType enum_type,
                  int   value)
{
  GEnumValue *enum_value = g_enum_get_value (get_enum_class (enum_type), value);

  g_return_val_if_fail (enum_value != NULL, NULL);

  return enum_value->value_nick;
}

gboolean
rex_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  GEnumValue *enum_value;

  g_return_val_if_fail (nick != NULL, FALSE);

  enum_value = g_enum_get_value_by_nick (get_enum_class (enum_type), nick);
  if (enum_value == NULL)
    return FALSE;
  if (value != NULL)
    *value = enum_value->value;

  return TRUE;
}

REX_DEFINE_ENUM_NAMES (rex_region_kind, RexRegionKind, REX_TYPE_REGION_KIND)

const char *
rex_region_kind_get_label (RexRegionKind kind)
{
  switch (kind)
    {
    case REX_REGION_KIND_NATION:
      return _("Nation");
    case REX_REGION_KIND_MACRO_REGION:
      /* Translators: one of China's four economic regions (east, central, west, north-east) */
      return _("Macro-region");
    case REX_REGION_KIND_PROVINCE:
      return _("Province");
    case REX_REGION_KIND_CITY_CLUSTER:
      return _("City cluster");
    case REX_REGION_KIND_STRATEGY_AREA:
      /* Translators: an area covered by a national regional strategy */
      return _("Strategy area");
    case REX_REGION_KIND_METRO_AREA:
      return _("Metropolitan area");
    case REX_REGION_KIND_PREFECTURE:
      return _("Prefecture");
    case REX_REGION_KIND_COUNTY:
      return _("County");
    case REX_REGION_KIND_CITY:
      return _("City");
    case REX_REGION_KIND_LAST:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Computed on every call rather than cached: it is cheap, and tests (and a
 * language switch in the environment) must see the current value. */
gboolean
rex_locale_prefers_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages != NULL && languages[0] != NULL &&
         g_str_has_prefix (languages[0], "zh");
}

const char *
rex_pick_localized (const char *en,
                    const char *zh)
{
  if (zh != NULL && *zh != '\0' && rex_locale_prefers_chinese ())
    return zh;

  return en;
}

REX_DEFINE_ENUM_NAMES (rex_combine, RexCombine, REX_TYPE_COMBINE)

void
rex_named_install_properties (GParamSpec  **properties,
                              GParamFlags   flags)
{
  properties[REX_NAMED_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[REX_NAMED_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[REX_NAMED_PROP_NAME_ZH] = g_param_spec_string ("name-zh", NULL, NULL, NULL, flags);
  properties[REX_NAMED_PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
}

gboolean
rex_named_get_property (guint       prop_id,
                        GValue     *value,
                        const char *id,
                        const char *name,
                        const char *name_zh)
{
  switch (prop_id)
    {
    case REX_NAMED_PROP_ID:
      g_value_set_string (value, id);
      return TRUE;
    case REX_NAMED_PROP_NAME:
      g_value_set_string (value, name);
      return TRUE;
    case REX_NAMED_PROP_NAME_ZH:
      g_value_set_string (value, name_zh);
      return TRUE;
    case REX_NAMED_PROP_DISPLAY_NAME:
      g_value_set_string (value, rex_pick_localized (name, name_zh));
      return TRUE;
    default:
      return FALSE;
    }
}

void
rex_append_number (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}
