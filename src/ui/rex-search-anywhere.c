/* rex-search-anywhere.c — see rex-search-anywhere.h.
 *
 * GTK 4.12 has a property for it (search-match-mode). GTK 4.8's drop-down
 * always filters its popup by prefix with a GtkStringFilter it makes anew
 * whenever its model or expression changes, and it offers no way to ask for
 * another mode: on 4.8 the filter of the popup's list is found and set to
 * match substrings after each change. Should a GTK release build its popup
 * otherwise, nothing is found and the search stays as GTK made it.
 */
#include "config.h"

#include "rex-search-anywhere.h"

#if !GTK_CHECK_VERSION (4, 12, 0)
static GtkListView *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return GTK_LIST_VIEW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkListView *found = find_list_view (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
match_substrings (GtkDropDown *drop_down)
{
  GtkListView *list = find_list_view (GTK_WIDGET (drop_down));
  GtkSelectionModel *selection = list ? gtk_list_view_get_model (list) : NULL;
  GListModel *model = GTK_IS_SINGLE_SELECTION (selection)
                      ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)) : NULL;
  GtkFilter *filter = GTK_IS_FILTER_LIST_MODEL (model)
                      ? gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (model)) : NULL;

  if (GTK_IS_STRING_FILTER (filter))
    gtk_string_filter_set_match_mode (GTK_STRING_FILTER (filter), GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
}
#endif

void
rex_drop_down_search_anywhere (GtkDropDown *drop_down)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_drop_down_set_search_match_mode (drop_down, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
#else
  match_substrings (drop_down);
  g_signal_connect (drop_down, "notify::model", G_CALLBACK (match_substrings), NULL);
  g_signal_connect (drop_down, "notify::expression", G_CALLBACK (match_substrings), NULL);
  g_signal_connect (drop_down, "notify::enable-search", G_CALLBACK (match_substrings), NULL);
#endif
}
