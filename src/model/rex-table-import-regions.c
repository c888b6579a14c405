/* rex-table-import-regions.c — region labels matched to the registry (or
 * to the regions the options map them to), each region kept once, the
 * labels that match none reported. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rex-table-import-private.h"

/* Regions */

static guint
add_region_info (RexTableImport *self,
                 RegionInfo     *info)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->region_by_id, info->id));

  if (index != 0)
    {
      rex_table_import_region_info_free (info);
      return index - 1;
    }
  g_ptr_array_add (self->region_infos, info);
  g_hash_table_insert (self->region_by_id, info->id, GUINT_TO_POINTER (self->region_infos->len));
  return self->region_infos->len - 1;
}

static guint
add_registry_region (RexTableImport         *self,
                     const RexRegistryEntry *entry)
{
  RegionInfo *info = g_new0 (RegionInfo, 1);

  info->id = g_strdup (entry->id);
  info->name = g_strdup (entry->name);
  info->name_zh = g_strdup (entry->name_zh);
  info->kind = entry->kind;
  return add_region_info (self, info);
}

/* The province @label names (not a division of it), or NULL. */
static const RexRegistryEntry *
label_province (const char *label)
{
  RexRegistryMatch match;

  if (rex_region_registry_match (label, &match) && match.code[0] == '\0'
      && match.kind == REX_REGION_KIND_PROVINCE)
    return match.entry;
  return NULL;
}

/* The province the table places its rows in: a header line "地区：广东省",
 * or a title naming one province ("广东省各市地区生产总值"). */
void
rex_table_import_find_context_province (RexTableImport *self)
{
  const RexRegistryEntry *found = NULL;

  if (self->header_region != NULL)
    {
      self->context_province = label_province (self->header_region);
      return;
    }
  if (self->title_line == NULL)
    return;
  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *entry = rex_region_registry_get_entry (i);

      if (entry->kind != REX_REGION_KIND_PROVINCE || strstr (self->title_line, entry->full_name_zh) == NULL)
        continue;
      if (found != NULL)
        return;   /* two provinces: no context */
      found = entry;
    }
  self->context_province = found;
}

/* What @label names, helped by @other (a code column, or a second name
 * column: 省份 and 城市) and the table's province. */
static RexRegistryResult
resolve_label (RexTableImport   *self,
               const char       *label,
               const char       *other,
               RexRegistryMatch *match,
               char           ***candidates)
{
  RexRegistryResult result;

  /* A code cannot be misread: it wins. */
  if (other != NULL && strlen (other) == 6 && g_ascii_isdigit (other[0])
      && rex_region_registry_match (other, match))
    return REX_REGISTRY_FOUND;

  /* A province in one column, a division of it in the other. */
  if (other != NULL)
    {
      const RexRegistryEntry *province = label_province (label);

      if (province != NULL
          && (result = rex_region_registry_match_in (other, province, match, candidates)) != REX_REGISTRY_UNKNOWN)
        return result;
      province = label_province (other);
      if (province != NULL
          && (result = rex_region_registry_match_in (label, province, match, candidates)) != REX_REGISTRY_UNKNOWN)
        return result;
    }

  result = rex_region_registry_match_in (label, self->context_province, match, candidates);
  if (result == REX_REGISTRY_UNKNOWN && other != NULL)
    result = rex_region_registry_match_in (other, self->context_province, match, candidates);
  return result;
}

/* The region of a registry match, its index in region_infos: the province
 * or group itself, or a prefecture or county under its province. */
static guint
add_matched_region (RexTableImport         *self,
                    const RexRegistryMatch *match,
                    const char             *label,
                    const char             *other)
{
  RegionInfo *info;
  const char *name;

  if (match->code[0] == '\0')
    return add_registry_region (self, match->entry);

  /* The list's name; else "440300 深圳市", or the code in one column and
   * the name in the other. */
  name = match->division_name != NULL ? match->division_name
         : *match->rest != '\0' ? match->rest
         : g_str_has_prefix (label, match->code) ? (other != NULL ? other : match->code)
         : label;
  add_registry_region (self, match->entry);
  info = g_new0 (RegionInfo, 1);
  info->id = g_strdup (match->code);
  info->name = g_strdup (name);
  if (rex_table_import_has_non_ascii (name))
    info->name_zh = g_strdup (name);
  info->kind = match->kind;
  info->parent_id = g_strdup (match->entry->id);
  return add_region_info (self, info);
}

/* The region the user chose for @label in the dialog: a registry id, a
 * division code, or an id of the user's own. */
static guint
add_mapped_region (RexTableImport *self,
                   const char     *label,
                   const char     *mapped)
{
  const RexRegistryEntry *entry = rex_region_registry_lookup_id (mapped);
  RexRegistryMatch match;
  RegionInfo *info;

  if (entry != NULL)
    return add_registry_region (self, entry);
  /* A prefecture or county the user chose among the places a name means. */
  if (rex_region_registry_match (mapped, &match) && match.code[0] != '\0')
    return add_matched_region (self, &match, label, NULL);
  info = g_new0 (RegionInfo, 1);
  info->id = g_strdup (mapped);
  info->name = g_strdup (label);
  info->kind = REX_REGION_KIND_PROVINCE;
  return add_region_info (self, info);
}

static void
report_unmatched (RexTableImport *self,
                  RexTableRegion *region,
                  gboolean        ambiguous,
                  char          **candidates)
{
  g_autofree char *quoted = rex_table_import_quote (region->label, strlen (region->label));
  g_autofree char *hint = NULL;
  g_autofree char *message = NULL;

  if (ambiguous)
    {
      /* Translators: separator between the places a name may mean */
      g_autofree char *list = g_strjoinv (_("; "), candidates);

      message = g_strdup_printf (_("region %s is ambiguous: it names %s; give its province "
                                   "(and city), as in \"江苏省南京市鼓楼区\", or its 6-digit code"),
                                 quoted, list);
    }
  else if (region->suggestions[0] != NULL)
    {
      /* Translators: separator between region names in a list */
      g_autofree char *list = g_strjoinv (_(", "), region->suggestions);

      message = g_strdup_printf (_("unknown region %s; did you mean %s?"), quoted, list);
    }
  else
    message = g_strdup_printf (_("unknown region %s; name a province, municipality, autonomous "
                                 "region or SAR, a prefecture or county with its province, "
                                 "or give a 6-digit division code"), quoted);

  if (self->options->skip_unknown)
    rex_table_import_add_problem (self, FALSE, region->line, region->column, _("%s; its row is left out"), message);
  else
    rex_table_import_add_problem (self, TRUE, region->line, region->column, "%s", message);
}

/* An ISO 3166-1 alpha-3 code of a country other than China (CHN, and
 * HKG, MAC, TWN), or an aggregate as OWID ("OWID_WRL") and the World Bank
 * ("WLD", "EAS") code them. */
static gboolean
is_foreign_code (const char *code)
{
  static const char * const chinese[] = { "CHN", "HKG", "MAC", "TWN" };

  if (code == NULL)
    return FALSE;
  if (g_str_has_prefix (code, "OWID_"))
    return TRUE;
  if (strlen (code) != 3 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]) || !g_ascii_isupper (code[2]))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (chinese); i++)
    if (g_str_equal (code, chinese[i]))
      return FALSE;
  return TRUE;
}

/* A table of countries (OWID's and the World Bank's downloads) has
 * country codes in its code column: its rows of other countries, and of
 * groups without a code (OWID's "Asia"), are left out, not errors. */
void
rex_table_import_find_country_codes (RexTableImport *self,
                                     guint           header,
                                     guint           last,
                                     int             code_col)
{
  for (guint r = header + 1; r < last && code_col >= 0 && !self->country_codes; r++)
    {
      g_autofree char *code = rex_table_import_cell_dup (self, r, code_col);

      self->country_codes = is_foreign_code (code);
    }
}

/* Counts a place outside China, left out, and keeps where the first was. */
static void
add_outside (RexTableImport *self,
             guint           row,
             guint           cell)
{
  if (self->n_outside++ == 0)
    {
      self->first_outside_row = row;
      self->first_outside_cell = cell;
    }
}

/* The region @label names, its index in region_infos, or -1 (reported). */
int
rex_table_import_match_region (RexTableImport *self,
                               guint           row,
                               guint           cell,
                               const char     *label,
                               const char     *other_label)
{
  g_autofree char *key = g_strconcat (label, "\x1F", other_label != NULL ? other_label : "", NULL);
  g_auto(GStrv) candidates = NULL;
  gpointer cached;
  RexTableRegion *region;
  RexRegistryMatch match;
  RexRegistryResult result = REX_REGISTRY_UNKNOWN;
  const char *mapped = NULL;
  int index = -1;

  if (g_hash_table_lookup_extended (self->label_cache, key, NULL, &cached))
    return GPOINTER_TO_INT (cached) - 1;
  if (is_foreign_code (other_label)
      || (self->country_codes && (other_label == NULL || *other_label == '\0')
          && !rex_region_registry_match (label, &match)))
    {
      add_outside (self, row, cell);
      g_hash_table_insert (self->label_cache, g_steal_pointer (&key), GINT_TO_POINTER (0));
      return -1;
    }

  region = g_new0 (RexTableRegion, 1);
  region->label = g_strdup (label);
  rex_table_import_cell_position (self, row, cell, &region->line, &region->column);

  if (self->options->region_map != NULL)
    mapped = g_hash_table_lookup (self->options->region_map, label);
  if (mapped != NULL)
    index = add_mapped_region (self, label, mapped);
  else if ((result = resolve_label (self, label, other_label, &match, &candidates)) == REX_REGISTRY_FOUND)
    index = add_matched_region (self, &match, label, other_label);

  if (index >= 0)
    {
      RegionInfo *info = self->region_infos->pdata[index];

      region->region_id = g_strdup (info->id);
      region->kind = info->kind;
      region->suggestions = g_new0 (char *, 1);
    }
  else
    {
      region->suggestions = result == REX_REGISTRY_AMBIGUOUS ? g_strdupv (candidates)
                                                             : rex_region_registry_suggest (label, 3);
      report_unmatched (self, region, result == REX_REGISTRY_AMBIGUOUS, candidates);
    }

  g_ptr_array_add (self->regions, region);
  g_hash_table_insert (self->label_cache, g_steal_pointer (&key), GINT_TO_POINTER (index + 1));
  return index;
}
