/* rex-model-types.c — region kinds and the UI-language helpers of the model.
 *
 * The schema names of region kinds live here, in one table, so the loader,
 * the labels and the command line agree on them.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rex-model-types.h"

static const char * const kind_names[REX_REGION_KIND_LAST] = {
  [REX_REGION_KIND_NATION]        = "nation",
  [REX_REGION_KIND_MACRO_REGION]  = "macro-region",
  [REX_REGION_KIND_PROVINCE]      = "province",
  [REX_REGION_KIND_CITY_CLUSTER]  = "city-cluster",
  [REX_REGION_KIND_STRATEGY_AREA] = "strategy-area",
  [REX_REGION_KIND_METRO_AREA]    = "metro-area",
  [REX_REGION_KIND_PREFECTURE]    = "prefecture",
  [REX_REGION_KIND_COUNTY]        = "county",
  [REX_REGION_KIND_CITY]          = "city",
};

GType
rex_region_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { REX_REGION_KIND_NATION, "REX_REGION_KIND_NATION", "nation" },
        { REX_REGION_KIND_MACRO_REGION, "REX_REGION_KIND_MACRO_REGION", "macro-region" },
        { REX_REGION_KIND_PROVINCE, "REX_REGION_KIND_PROVINCE", "province" },
        { REX_REGION_KIND_CITY_CLUSTER, "REX_REGION_KIND_CITY_CLUSTER", "city-cluster" },
        { REX_REGION_KIND_STRATEGY_AREA, "REX_REGION_KIND_STRATEGY_AREA", "strategy-area" },
        { REX_REGION_KIND_METRO_AREA, "REX_REGION_KIND_METRO_AREA", "metro-area" },
        { REX_REGION_KIND_PREFECTURE, "REX_REGION_KIND_PREFECTURE", "prefecture" },
        { REX_REGION_KIND_COUNTY, "REX_REGION_KIND_COUNTY", "county" },
        { REX_REGION_KIND_CITY, "REX_REGION_KIND_CITY", "city" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("RexRegionKind"),
                                         values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

const char *
rex_region_kind_to_string (RexRegionKind kind)
{
  g_return_val_if_fail (kind < REX_REGION_KIND_LAST, NULL);

  return kind_names[kind];
}

gboolean
rex_region_kind_from_string (const char    *str,
                             RexRegionKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (strcmp (str, kind_names[i]) == 0)
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

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

static const char * const combine_names[] = { "none", "sum", "mean" };

const char *
rex_combine_to_string (RexCombine combine)
{
  g_return_val_if_fail (combine <= REX_COMBINE_MEAN, NULL);

  return combine_names[combine];
}

gboolean
rex_combine_from_string (const char *str,
                         RexCombine *combine)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (combine_names); i++)
    {
      if (g_str_equal (str, combine_names[i]))
        {
          *combine = i;
          return TRUE;
        }
    }

  return FALSE;
}
