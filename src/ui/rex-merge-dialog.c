/* rex-merge-dialog.c — the questions of adding data to the dataset on
 * screen: which of two differing values to keep, and (for a dropped table)
 * whether to open it or add it. Both are templates with two answers.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-merge-dialog.h"

/* Conflicts listed one a line; the rest are counted. */
#define MAX_LISTED 200

struct _RexMergeDialog
{
  GtkWindow  parent_instance;
  GtkLabel  *message_label;
  GtkLabel  *conflicts_label;
};

G_DEFINE_FINAL_TYPE (RexMergeDialog, rex_merge_dialog, GTK_TYPE_WINDOW)

static guint merge_chosen_signal;

void
rex_merge_dialog_choose (RexMergeDialog *self,
                         RexMergePolicy  policy)
{
  g_return_if_fail (REX_IS_MERGE_DIALOG (self));

  g_object_ref (self);
  g_signal_emit (self, merge_chosen_signal, 0, (int) policy);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
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
rex_merge_dialog_class_init (RexMergeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * RexMergeDialog::chosen:
   * @policy: the RexMergePolicy chosen
   */
  merge_chosen_signal = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RexMergeDialog, conflicts_label);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_merge_dialog_init (RexMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RexMergeDialog *
rex_merge_dialog_new (GtkWindow  *parent,
                      RexDataset *base,
                      const char *addition_name,
                      GPtrArray  *conflicts)
{
  RexMergeDialog *self;
  g_autofree char *message = NULL;
  GString *list = g_string_new (NULL);

  g_return_val_if_fail (conflicts != NULL, NULL);

  self = g_object_new (REX_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  /* Translators: the merge question: "12 values of “gdp.csv” differ from the data on screen." */
  message = g_strdup_printf (ngettext ("%u value of “%s” differs from the data on screen. Which should be kept?",
                                       "%u values of “%s” differ from the data on screen. Which should be kept?",
                                       conflicts->len),
                             conflicts->len, addition_name);
  gtk_label_set_text (self->message_label, message);
  for (guint i = 0; i < conflicts->len && i < MAX_LISTED; i++)
    {
      const RexMergeConflict *conflict = conflicts->pdata[i];
      RexRegion *region = base ? rex_dataset_lookup_region (base, conflict->region_id) : NULL;
      RexMetric *metric = base ? rex_dataset_lookup_metric (base, conflict->metric_id) : NULL;
      g_autofree char *year = NULL;
      g_autofree char *here = g_strdup_printf ("%.15g", conflict->base_value);
      g_autofree char *added = g_strdup_printf ("%.15g", conflict->new_value);

      if (conflict->year != 0)
        year = g_strdup_printf ("%d", conflict->year);
      else
        /* Translators: the year of a value that has none (land area, a target) */
        year = g_strdup (_("undated"));
      if (list->len > 0)
        g_string_append_c (list, '\n');
      /* Translators: a value that differs: "Beijing, GDP, 2024: 49843.1 on screen, 50000 added" */
      g_string_append_printf (list, _("%s, %s, %s: %s on screen, %s added"),
                              region ? rex_region_get_display_name (region) : conflict->region_id,
                              metric ? rex_metric_get_display_name (metric) : conflict->metric_id,
                              year, here, added);
    }
  if (conflicts->len > MAX_LISTED)
    {
      g_string_append_c (list, '\n');
      /* Translators: after the first 200 conflicts listed */
      g_string_append_printf (list, ngettext ("and %u more", "and %u more", conflicts->len - MAX_LISTED),
                              conflicts->len - MAX_LISTED);
    }
  gtk_label_set_text (self->conflicts_label, list->str);
  g_string_free (list, TRUE);
  return self;
}

/* --- a dropped table: open or add? --- */

struct _RexDropDialog
{
  GtkWindow  parent_instance;
  GtkLabel  *message_label;
  GtkButton *open_button;
  GtkButton *add_button;
  GFile     *file;
};

G_DEFINE_FINAL_TYPE (RexDropDialog, rex_drop_dialog, GTK_TYPE_WINDOW)

static guint drop_chosen_signal;

void
rex_drop_dialog_choose (RexDropDialog *self,
                        gboolean       add)
{
  g_return_if_fail (REX_IS_DROP_DIALOG (self));

  g_object_ref (self);
  g_signal_emit (self, drop_chosen_signal, 0, add);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
open_clicked_cb (RexDropDialog *self)
{
  rex_drop_dialog_choose (self, FALSE);
}

static void
add_clicked_cb (RexDropDialog *self)
{
  rex_drop_dialog_choose (self, TRUE);
}

static void
rex_drop_dialog_dispose (GObject *object)
{
  RexDropDialog *self = REX_DROP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_DROP_DIALOG);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (rex_drop_dialog_parent_class)->dispose (object);
}

static void
rex_drop_dialog_class_init (RexDropDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rex_drop_dialog_dispose;
  /**
   * RexDropDialog::chosen:
   * @add: TRUE to add the table, FALSE to open it instead of the data on screen
   */
  drop_chosen_signal = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-drop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RexDropDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RexDropDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, RexDropDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_drop_dialog_init (RexDropDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RexDropDialog *
rex_drop_dialog_new (GtkWindow *parent,
                     GFile     *file)
{
  RexDropDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (REX_TYPE_DROP_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  name = g_file_get_basename (file);
  /* Translators: asked when a table is dropped on the window */
  message = g_strdup_printf (_("Open “%s” instead of the data on screen, or add it to them?"), name);
  gtk_label_set_text (self->message_label, message);
  return self;
}

GFile *
rex_drop_dialog_get_file (RexDropDialog *self)
{
  g_return_val_if_fail (REX_IS_DROP_DIALOG (self), NULL);
  return self->file;
}
