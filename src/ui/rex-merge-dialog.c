/* rex-merge-dialog.c — the question of adding data to the dataset on
 * screen when values differ: which of two differing values to keep, each
 * value a row with a check box, or all at once.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-focus-guard.h"
#include "rex-merge-dialog.h"
#include "rex-value-format.h"

/* --- a row: one differing value and the user's choice --- */

#define REX_TYPE_MERGE_CONFLICT_ITEM (rex_merge_conflict_item_get_type ())
G_DECLARE_FINAL_TYPE (RexMergeConflictItem, rex_merge_conflict_item, REX, MERGE_CONFLICT_ITEM, GObject)

struct _RexMergeConflictItem
{
  GObject           parent_instance;
  RexMergeConflict *conflict;   /* in the dialog's array */
  GPtrArray        *conflicts;  /* a reference, keeping conflict alive */
  char             *text;
};

enum { ITEM_PROP_0, ITEM_PROP_TEXT, ITEM_PROP_TAKE_NEW, N_ITEM_PROPS };
static GParamSpec *item_props[N_ITEM_PROPS];

G_DEFINE_FINAL_TYPE (RexMergeConflictItem, rex_merge_conflict_item, G_TYPE_OBJECT)

static void
rex_merge_conflict_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RexMergeConflictItem *self = REX_MERGE_CONFLICT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case ITEM_PROP_TAKE_NEW:
      g_value_set_boolean (value, self->conflict->take_new);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_merge_conflict_item_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RexMergeConflictItem *self = REX_MERGE_CONFLICT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_TAKE_NEW:
      if (!self->conflict->take_new != !g_value_get_boolean (value))
        {
          self->conflict->take_new = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_merge_conflict_item_finalize (GObject *object)
{
  RexMergeConflictItem *self = REX_MERGE_CONFLICT_ITEM (object);

  g_ptr_array_unref (self->conflicts);
  g_free (self->text);
  G_OBJECT_CLASS (rex_merge_conflict_item_parent_class)->finalize (object);
}

static void
rex_merge_conflict_item_class_init (RexMergeConflictItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rex_merge_conflict_item_get_property;
  object_class->set_property = rex_merge_conflict_item_set_property;
  object_class->finalize = rex_merge_conflict_item_finalize;
  item_props[ITEM_PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_TAKE_NEW] = g_param_spec_boolean ("take-new", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_props);
}

static void
rex_merge_conflict_item_init (RexMergeConflictItem *self)
{
}

/* Called from the row template when its check box is toggled. */
static void
rex_merge_conflict_row_toggled (GtkCheckButton *check,
                                GtkListItem    *list_item)
{
  RexMergeConflictItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_object_set (item, "take-new", gtk_check_button_get_active (check), NULL);
}

/* --- the dialog --- */

struct _RexMergeDialog
{
  GtkWindow    parent_instance;
  GtkLabel    *message_label;
  GtkListView *conflicts_view;
  GtkButton   *keep_button;
  GtkButton   *take_button;
  GtkButton   *apply_button;
  GListStore  *items;       /* RexMergeConflictItem */
  GPtrArray   *conflicts;   /* RexMergeConflict, their take_new the choices */
};

G_DEFINE_FINAL_TYPE (RexMergeDialog, rex_merge_dialog, GTK_TYPE_WINDOW)

static guint merge_chosen_signal;

static void
finish (RexMergeDialog *self)
{
  g_object_ref (self);
  g_signal_emit (self, merge_chosen_signal, 0, self->conflicts);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
set_all (RexMergeDialog *self,
         gboolean        take_new)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      g_object_set (item, "take-new", take_new, NULL);
    }
}

void
rex_merge_dialog_choose (RexMergeDialog *self,
                         RexMergePolicy  policy)
{
  g_return_if_fail (REX_IS_MERGE_DIALOG (self));

  set_all (self, policy == REX_MERGE_TAKE_NEW);
  finish (self);
}

void
rex_merge_dialog_apply (RexMergeDialog *self)
{
  g_return_if_fail (REX_IS_MERGE_DIALOG (self));
  finish (self);
}

static void
keep_clicked_cb (RexMergeDialog *self)
{
  rex_merge_dialog_choose (self, REX_MERGE_KEEP_BASE);
}

static void
take_clicked_cb (RexMergeDialog *self)
{
  rex_merge_dialog_choose (self, REX_MERGE_TAKE_NEW);
}

static void
apply_clicked_cb (RexMergeDialog *self)
{
  rex_merge_dialog_apply (self);
}

static void
rex_merge_dialog_dispose (GObject *object)
{
  RexMergeDialog *self = REX_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_MERGE_DIALOG);
  g_clear_object (&self->items);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  G_OBJECT_CLASS (rex_merge_dialog_parent_class)->dispose (object);
}

static void
rex_merge_dialog_class_init (RexMergeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rex_merge_dialog_dispose;
  /**
   * RexMergeDialog::chosen:
   * @conflicts: the conflicts (RexMergeConflict), each take_new as chosen
   */
  merge_chosen_signal = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  g_type_ensure (REX_TYPE_MERGE_CONFLICT_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, conflicts_view);
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, keep_button);
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, take_button);
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_merge_dialog_init (RexMergeDialog *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  rex_focus_guard_attach (GTK_WINDOW (self));
  self->items = g_list_store_new (REX_TYPE_MERGE_CONFLICT_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  gtk_list_view_set_model (self->conflicts_view, GTK_SELECTION_MODEL (selection));
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "rex_merge_conflict_row_toggled",
                                          G_CALLBACK (rex_merge_conflict_row_toggled));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/rex-merge-conflict-row.ui");
  gtk_list_view_set_factory (self->conflicts_view, factory);
}

/* "Beijing, GDP, 2024: 49843.1 on screen, 50000 added" */
static char *
describe (RexDataset             *base,
          const RexMergeConflict *conflict)
{
  RexRegion *region = base ? rex_dataset_lookup_region (base, conflict->region_id) : NULL;
  RexMetric *metric = base ? rex_dataset_lookup_metric (base, conflict->metric_id) : NULL;
  g_autofree char *year = NULL;
  g_autofree char *here = g_strdup_printf ("%.15g", conflict->base_value);
  g_autofree char *added = g_strdup_printf ("%.15g", conflict->new_value);

  if (conflict->year != 0)
    year = rex_format_year (conflict->year);
  else
    /* Translators: the year of a value that has none (land area, a target) */
    year = g_strdup (_("undated"));
  /* Translators: a value that differs: "Beijing, GDP, 2024: 49843.1 on screen, 50000 added" */
  return g_strdup_printf (_("%s, %s, %s: %s on screen, %s added"),
                          region ? rex_region_get_display_name (region) : conflict->region_id,
                          metric ? rex_metric_get_display_name (metric) : conflict->metric_id,
                          year, here, added);
}

RexMergeDialog *
rex_merge_dialog_new (GtkWindow  *parent,
                      RexDataset *base,
                      const char *addition_name,
                      GPtrArray  *conflicts)
{
  RexMergeDialog *self;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (conflicts != NULL, NULL);

  self = g_object_new (REX_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->conflicts = g_ptr_array_ref (conflicts);
  /* Translators: the merge question: "12 values of “gdp.csv” differ from the data on screen." */
  message = g_strdup_printf (ngettext ("%u value of “%s” differs from the data on screen. Tick the ones to replace.",
                                       "%u values of “%s” differ from the data on screen. Tick the ones to replace.",
                                       conflicts->len),
                             conflicts->len, addition_name);
  gtk_label_set_text (self->message_label, message);
  items = g_ptr_array_new_full (conflicts->len, g_object_unref);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RexMergeConflictItem *item = g_object_new (REX_TYPE_MERGE_CONFLICT_ITEM, NULL);

      item->conflict = conflicts->pdata[i];
      item->conflicts = g_ptr_array_ref (conflicts);
      item->text = describe (base, item->conflict);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
  return self;
}

GListModel *
rex_merge_dialog_get_conflicts (RexMergeDialog *self)
{
  g_return_val_if_fail (REX_IS_MERGE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->items);
}
