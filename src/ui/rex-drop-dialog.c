/* rex-drop-dialog.c — the question asked when a table is dropped on the
 * window: open it instead of the data on screen, or add it to them.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-drop-dialog.h"
#include "rex-focus-guard.h"

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
  rex_focus_guard_attach (GTK_WINDOW (self));
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
