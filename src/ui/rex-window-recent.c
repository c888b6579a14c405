/* rex-window-recent.c — the main menu's Open Recent: the datasets that
 * loaded and the tables that were imported, most recent first.
 *
 * They are kept in the desktop's list of recently used files (GTK's
 * GtkRecentManager), in a group of the application's own, so that the file
 * manager lists them too and every window shows the same list. A file that
 * is gone is not offered; a table opens through the Import dialog again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rex-window-private.h"

#define RECENT_GROUP "region-explorer"
#define MAX_RECENT   10

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified (*(GtkRecentInfo * const *) a);
  GDateTime *mb = gtk_recent_info_get_modified (*(GtkRecentInfo * const *) b);

  /* Newest first. */
  return g_date_time_compare (mb, ma);
}

/* The items of the application's group whose file is still there, newest
 * first, at most MAX_RECENT. */
static GPtrArray *
recent_items (GtkRecentManager *manager)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *all = gtk_recent_manager_get_items (manager);

  for (GList *l = all; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_group (info, RECENT_GROUP) && gtk_recent_info_exists (info))
        g_ptr_array_add (items, gtk_recent_info_ref (info));
    }
  g_list_free_full (all, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (items, compare_recent);
  if (items->len > MAX_RECENT)
    g_ptr_array_set_size (items, MAX_RECENT);
  return items;
}

/* Fills the Open Recent menu, and shows it in the main menu's first section,
 * after Open Dataset, only when it has an item. */
static void
update_recent_menu (RexWindow *self)
{
  g_autoptr(GPtrArray) items = NULL;
  GMenu *section;

  /* Taken down: the list may change until the window is finalized. */
  if (self->recent_menu == NULL || self->primary_menu == NULL)
    return;
  items = recent_items (gtk_recent_manager_get_default ());
  section = G_MENU (g_menu_model_get_item_link (self->primary_menu, 0, G_MENU_LINK_SECTION));
  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < items->len; i++)
    {
      GtkRecentInfo *info = items->pdata[i];
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }
  if (self->recent_shown && items->len == 0)
    g_menu_remove (section, 1);
  else if (!self->recent_shown && items->len > 0)
    g_menu_insert_submenu (section, 1, _("Open _Recent"), G_MENU_MODEL (self->recent_menu));
  self->recent_shown = items->len > 0;
  g_object_unref (section);
}

void
rex_window_add_recent (RexWindow *self,
                       GFile     *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  static char *groups[] = { (char *) RECENT_GROUP, NULL };
  GtkRecentData data = { 0 };

  g_return_if_fail (REX_IS_WINDOW (self));

  /* The bundled dataset is no file of the person's. */
  if (file == NULL || !g_file_is_native (file))
    return;
  uri = g_file_get_uri (file);
  name = g_file_get_basename (file);
  content_type = g_content_type_guess (name, NULL, 0, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  /* GTK warns, rather than make it, when the folder of the list is missing
   * (a fresh account). */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  data.mime_type = mime_type != NULL ? mime_type : (char *) "application/octet-stream";
  data.app_name = (char *) "Region Explorer";
  data.app_exec = (char *) "region-explorer %u";
  data.groups = groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  rex_window_open_user_file (REX_WINDOW (widget), file);
}

void
rex_window_recent_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_bind_template_child (widget_class, RexWindow, primary_menu);
}

void
rex_window_recent_init (RexWindow *self)
{
  self->recent_menu = g_menu_new ();
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

void
rex_window_recent_dispose (RexWindow *self)
{
  g_clear_object (&self->recent_menu);
}
