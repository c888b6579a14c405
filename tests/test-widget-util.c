/* test-widget-util.c — the helpers the UI's own widgets share
 * (rex-widget-util.c), in the widgets that use them: a chart item proxy and
 * the squeezer let go of every child when disposed. */
#include "config.h"

#include "rex-chart-item-proxy.h"
#include "rex-squeezer.h"
#include "rex-widget-util.h"

/* @n children of @parent, each with a reference of the caller's. */
static GPtrArray *
add_children (GtkWidget *parent,
              guint      n)
{
  GPtrArray *children = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = rex_chart_item_proxy_new (GTK_ACCESSIBLE_ROLE_LIST_ITEM);

      g_ptr_array_add (children, g_object_ref_sink (child));
      if (REX_IS_SQUEEZER (parent))
        rex_squeezer_add (REX_SQUEEZER (parent), child);
      else
        gtk_widget_set_parent (child, parent);
    }
  return children;
}

/* Each child is left without a parent and with the caller's reference
 * only. */
static void
assert_released (GPtrArray *children)
{
  for (guint i = 0; i < children->len; i++)
    {
      g_assert_null (gtk_widget_get_parent (children->pdata[i]));
      g_assert_finalize_object (children->pdata[i]);
    }
  g_ptr_array_unref (children);
}

static void
test_unparent_children (void)
{
  GtkWidget *list = g_object_ref_sink (rex_chart_item_proxy_new (GTK_ACCESSIBLE_ROLE_LIST));
  GPtrArray *children = add_children (list, 3);

  g_assert_true (gtk_widget_get_first_child (list) == children->pdata[0]);
  rex_widget_unparent_children (list);
  g_assert_null (gtk_widget_get_first_child (list));
  assert_released (children);
  /* None left: nothing to do. */
  rex_widget_unparent_children (list);
  g_assert_finalize_object (list);
}

static void
test_dispose_releases_children (void)
{
  GtkWidget *list = g_object_ref_sink (rex_chart_item_proxy_new (GTK_ACCESSIBLE_ROLE_LIST));
  GtkWidget *squeezer = g_object_ref_sink (rex_squeezer_new ());
  GPtrArray *items = add_children (list, 4);
  GPtrArray *choices = add_children (squeezer, 2);

  g_assert_finalize_object (list);
  assert_released (items);
  g_assert_finalize_object (squeezer);
  assert_released (choices);
}

/* A proxy asks for no room of its own: its parent places it over its item. */
static void
test_proxy_size (void)
{
  GtkWidget *list = g_object_ref_sink (rex_chart_item_proxy_new (GTK_ACCESSIBLE_ROLE_LIST));
  GPtrArray *items = add_children (list, 2);
  int min = -1, nat = -1;

  for (int o = GTK_ORIENTATION_HORIZONTAL; o <= GTK_ORIENTATION_VERTICAL; o++)
    {
      gtk_widget_measure (list, o, -1, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, ==, 0);
      g_assert_cmpint (nat, ==, 0);
      gtk_widget_measure (items->pdata[0], o, 100, &min, &nat, NULL, NULL);
      g_assert_cmpint (min, ==, 0);
      g_assert_cmpint (nat, ==, 0);
    }
  g_assert_finalize_object (list);
  assert_released (items);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widget-util/unparent-children", test_unparent_children);
  g_test_add_func ("/widget-util/dispose", test_dispose_releases_children);
  g_test_add_func ("/widget-util/proxy-size", test_proxy_size);
  return g_test_run ();
}
