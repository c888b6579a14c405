/* test-focus-guard.c — a window's previous focus widget stays valid while
 * the focus moves (rex-focus-guard.c).
 *
 * A list view keeps the row that has the focus even when its item has left
 * the list, and destroys it as the focus leaves. GTK 4.8's
 * selectable GtkLabel, taking the focus, reads the widget that had it after
 * the move: a critical from gtk_widget_is_ancestor() on a freed widget
 * (fatal here), or worse. The soak test met it going from the region list
 * to the Table view's source line with F6. Without rex_focus_guard_attach()
 * this test fails with that critical.
 */
#include "config.h"

#include "rex-focus-guard.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow   *window;
  GtkListView *list;
  GtkWidget   *label;
  GtkWidget   *row;      /* the focused row, watched */
} Fixture;

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static gboolean
row_is_mapped (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && gtk_widget_get_mapped (focus);
}

static gboolean
row_is_gone (gpointer data)
{
  return ((Fixture *) data)->row == NULL;
}

static void
make_window (Fixture *f)
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("Region %u", i);
      gtk_string_list_append (strings, name);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  f->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings))), factory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->list));
  gtk_widget_set_size_request (scrolled, 200, 150);
  f->label = gtk_label_new ("Source: National Bureau of Statistics");
  gtk_label_set_selectable (GTK_LABEL (f->label), TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), f->label);

  f->window = GTK_WINDOW (gtk_window_new ());
  rex_focus_guard_attach (f->window);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);
}

/* The first row takes the focus, then its region leaves the list (a filter
 * or a new dataset): the row is now kept only because it has the focus,
 * until the list's next layout. */
static void
focus_row_then_remove_it (Fixture *f)
{
  GtkSelectionModel *model = gtk_list_view_get_model (f->list);
  GtkStringList *strings = GTK_STRING_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)));

  /* Grabbed, not moved to with Tab: GTK may have put the window's first
   * focus on that row already, and Tab from there leaves the list. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->list)));
  ui_test_iterate_until (row_is_mapped, f);
  f->row = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (gtk_widget_is_ancestor (f->row, GTK_WIDGET (f->list)));
  g_object_add_weak_pointer (G_OBJECT (f->row), (gpointer *) &f->row);

  gtk_string_list_splice (strings, 0, 10, NULL);
  g_assert_nonnull (f->row);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == f->row);
}

static void
test_label_takes_focus_from_dying_row (void)
{
  Fixture f = { 0 };

  make_window (&f);
  /* The list makes its rows as it is laid out: a painted frame has them. */
  ui_test_wait_painted (GTK_WIDGET (f.list));
  focus_row_then_remove_it (&f);

  /* The move the soak made: the selectable label takes the focus. */
  g_assert_true (gtk_widget_grab_focus (f.label));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f.window)) == f.label);
  /* The row goes once the move is over. */
  ui_test_iterate_until (row_is_gone, &f);

  gtk_window_destroy (f.window);
  ui_test_iterate (10);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_add ("/focus-guard/label-takes-focus-from-dying-row", test_label_takes_focus_from_dying_row);
  return g_test_run ();
}
