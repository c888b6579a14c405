/* rex-window-regions.c — the window's region sidebar: the list of the
 * dataset's regions with their check boxes, the search, the kind and group
 * filters, and the count under the list.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-window-private.h"

/* Order of the kind filter's items in rex-window.ui. */
enum {
  KIND_FILTER_ALL,
  KIND_FILTER_PROVINCE,
  KIND_FILTER_MACRO_REGION,
  KIND_FILTER_CITY_CLUSTER,
  KIND_FILTER_STRATEGY_AREA,
  KIND_FILTER_OTHER,
};

/* Whether a region listed is not selected: Select All has something to add. */
static gboolean
any_shown_unselected (RexWindow *self)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RexRegionEntry) entry = g_list_model_get_item (shown, i);

      if (!rex_region_entry_get_selected (entry))
        return TRUE;
    }
  return FALSE;
}

/* Adds every region the list shows (as searched and filtered) to the
 * selection: all the provinces of a strategy area in one go. */
void
rex_window_select_shown (RexWindow *self)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);
  g_auto(GStrv) selected = rex_selection_get_ids (self->selection);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_strv_builder_addv (builder, (const char **) selected);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RexRegionEntry) entry = g_list_model_get_item (shown, i);

      if (!rex_region_entry_get_selected (entry))
        g_strv_builder_add (builder, rex_region_get_id (rex_region_entry_get_region (entry)));
    }
  ids = g_strv_builder_end (builder);
  rex_selection_set_ids (self->selection, (const char * const *) ids);
}

void
rex_window_update_region_count (RexWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint selected = rex_selection_get_size (self->selection);
  g_autofree char *regions = NULL;
  g_autofree char *text = NULL;

  if (shown == total)
    /* Translators: count under the region list */
    regions = g_strdup_printf (ngettext ("%u region", "%u regions", total), total);
  else
    /* Translators: count under the filtered region list: "5 of 70 regions" */
    regions = g_strdup_printf (ngettext ("%u of %u region", "%u of %u regions", total), shown, total);
  if (selected > 0)
    /* Translators: "62 regions, 3 selected" */
    text = g_strdup_printf (ngettext ("%s, %u selected", "%s, %u selected", selected), regions, selected);
  else
    text = g_steal_pointer (&regions);
  gtk_label_set_text (self->region_count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-selection", selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-shown", any_shown_unselected (self));
}

static gboolean
kind_filter_func (gpointer item,
                  gpointer user_data)
{
  RexWindow *self = user_data;
  RexRegion *region = rex_region_entry_get_region (item);
  RexRegionKind kind = rex_region_get_kind (region);
  guint group = gtk_drop_down_get_selected (self->group_dropdown);
  gboolean kind_ok;

  switch (gtk_drop_down_get_selected (self->kind_dropdown))
    {
    case KIND_FILTER_PROVINCE:
      kind_ok = kind == REX_REGION_KIND_PROVINCE;
      break;
    case KIND_FILTER_MACRO_REGION:
      kind_ok = kind == REX_REGION_KIND_MACRO_REGION;
      break;
    case KIND_FILTER_CITY_CLUSTER:
      kind_ok = kind == REX_REGION_KIND_CITY_CLUSTER;
      break;
    case KIND_FILTER_STRATEGY_AREA:
      kind_ok = kind == REX_REGION_KIND_STRATEGY_AREA;
      break;
    case KIND_FILTER_OTHER:
      kind_ok = kind != REX_REGION_KIND_PROVINCE && kind != REX_REGION_KIND_MACRO_REGION
             && kind != REX_REGION_KIND_CITY_CLUSTER && kind != REX_REGION_KIND_STRATEGY_AREA;
      break;
    case KIND_FILTER_ALL:
    default:
      kind_ok = TRUE;
      break;
    }
  if (!kind_ok)
    return FALSE;
  /* Item 0 of the group filter is "in any group". */
  if (group == 0 || group == GTK_INVALID_LIST_POSITION || self->groups == NULL
      || group - 1 >= self->groups->len)
    return TRUE;
  return region != self->groups->pdata[group - 1]
      && rex_region_is_in (region, self->groups->pdata[group - 1]);
}

static void
on_filter_changed (RexWindow *self)
{
  if (self->kind_filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->kind_filter), GTK_FILTER_CHANGE_DIFFERENT);
  rex_window_update_region_count (self);
}

static void
on_search_changed (RexWindow *self)
{
  gtk_string_filter_set_search (self->search_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  rex_window_update_region_count (self);
}

/* A double-click on a region opens its profile (Alt+Return does from the
 * keyboard); its check box, or Enter or Space on it, selects it. */
static void
on_region_activated (RexWindow *self,
                     guint      position)
{
  g_autoptr(RexRegionEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (entry != NULL)
    rex_window_show_profile (self, rex_region_get_id (rex_region_entry_get_region (entry)));
}

/* Called from the row template when its check box is toggled. */
static void
rex_region_row_toggled (GtkCheckButton *check,
                        GtkListItem    *item)
{
  RexRegionEntry *entry = gtk_list_item_get_item (item);

  if (entry != NULL && gtk_check_button_get_active (check) != rex_region_entry_get_selected (entry))
    rex_region_entry_set_selected (entry, gtk_check_button_get_active (check));
}

static void
notify_entry (gpointer key,
              gpointer value,
              gpointer user_data)
{
  rex_region_entry_notify_selected (value);
}

static void
on_selection_changed (RexWindow  *self,
                      const char *region_id)
{
  RexRegionEntry *entry = region_id ? g_hash_table_lookup (self->entry_by_id, region_id) : NULL;

  if (entry != NULL)
    rex_region_entry_notify_selected (entry);
  else
    g_hash_table_foreach (self->entry_by_id, notify_entry, NULL);
  rex_window_update_region_count (self);
  rex_window_save_selection (self);
}

/* The list holds one entry for each of @dataset's regions, in its order. */
void
rex_window_fill_region_list (RexWindow  *self,
                             RexDataset *dataset)
{
  GListModel *regions = rex_dataset_get_regions (dataset);
  guint n = g_list_model_get_n_items (regions);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (n, g_object_unref);

  g_hash_table_remove_all (self->entry_by_id);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RexRegion) region = g_list_model_get_item (regions, i);
      RexRegionEntry *entry = rex_region_entry_new (region, self->selection);

      g_hash_table_insert (self->entry_by_id, (gpointer) rex_region_get_id (region), entry);
      g_ptr_array_add (entries, entry);
    }
  /* One change for the whole list: appending one by one would have the
   * filter and the list view react to each of thousands of regions. */
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
}

void
rex_window_fill_group_filter (RexWindow *self)
{
  static const RexRegionKind group_kinds[] = {
    REX_REGION_KIND_MACRO_REGION, REX_REGION_KIND_STRATEGY_AREA,
    REX_REGION_KIND_CITY_CLUSTER, REX_REGION_KIND_METRO_AREA,
  };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = g_ptr_array_new ();
  /* Translators: the group filter's first item: no group filter */
  gtk_string_list_append (names, _("In any group"));
  for (guint k = 0; k < G_N_ELEMENTS (group_kinds); k++)
    {
      g_autoptr(GPtrArray) regions = rex_dataset_get_regions_of_kind (self->dataset, group_kinds[k]);
      for (guint i = 0; i < regions->len; i++)
        {
          RexRegion *group = regions->pdata[i];
          g_autofree char *label = NULL;

          /* Translators: group filter item: "In Yangtze River Delta" */
          label = g_strdup_printf (_("In %s"), rex_region_get_display_name (group));
          gtk_string_list_append (names, label);
          g_ptr_array_add (self->groups, group);
        }
    }
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->group_dropdown, 0);
}

void
rex_window_regions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_region_activated);
}

/* Makes the region list's model, filters and row factory. */
void
rex_window_regions_init (RexWindow *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkEveryFilter) filter = gtk_every_filter_new ();
  g_autoptr(GtkNoSelection) no_selection = NULL;
  GtkExpression *expression;

  self->selection = rex_selection_new ();
  g_signal_connect_swapped (self->selection, "changed", G_CALLBACK (on_selection_changed), self);
  self->entries = g_list_store_new (REX_TYPE_REGION_ENTRY);
  self->entry_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  /* Search matches either name or the id, whatever the UI language. */
  expression = gtk_property_expression_new (REX_TYPE_REGION,
                                            gtk_property_expression_new (REX_TYPE_REGION_ENTRY, NULL, "region"),
                                            "search-text");
  self->search_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  self->kind_filter = gtk_custom_filter_new (kind_filter_func, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->search_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->kind_filter));
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)),
                                                  GTK_FILTER (g_object_ref (filter)));
  no_selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_list_view_set_model (self->region_list, GTK_SELECTION_MODEL (no_selection));

  /* Rows are a template; the check box calls back into this file. */
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "rex_region_row_toggled",
                                          G_CALLBACK (rex_region_row_toggled));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/rex-region-row.ui");
  gtk_list_view_set_factory (self->region_list, factory);
}
