/* rex-preferences-dialog.c — the Preferences window.
 *
 * Every control is bound to a GSettings key with g_settings_bind, so a change
 * applies at once (GNOME preferences have no Apply button) and other parts
 * of the app follow through their own bindings to the same keys. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-a11y.h"
#include "rex-focus-guard.h"
#include "rex-preferences-dialog.h"

struct _RexPreferencesDialog
{
  GtkWindow parent_instance;

  GSettings *settings;

  GtkDropDown *style_dropdown;
  GtkDropDown *number_format_dropdown;
  GtkSpinButton *export_width_spin;
  GtkSpinButton *export_height_spin;
  GtkDropDown *export_scale_dropdown;
};

G_DEFINE_FINAL_TYPE (RexPreferencesDialog, rex_preferences_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The nicks of the enum keys, in the order of the drop-down items. */
static const char * const style_nicks[] = { "follow", "light", "dark", NULL };
static const char * const number_format_nicks[] = { "auto", "full", "short", NULL };

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

/* export-scale is 1–3; the drop-down's items are 0–2. */
static gboolean
scale_to_selected (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  int scale = g_variant_get_int32 (variant);

  if (scale < 1 || scale > 3)
    return FALSE;
  g_value_set_uint (value, scale - 1);
  return TRUE;
}

static GVariant *
selected_to_scale (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > 2)
    return NULL;
  return g_variant_new_int32 ((gint32) selected + 1);
}

static void
bind_settings (RexPreferencesDialog *self)
{
  g_settings_bind_with_mapping (self->settings, "style",
                                self->style_dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick,
                                (gpointer) style_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "number-format",
                                self->number_format_dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick,
                                (gpointer) number_format_nicks, NULL);
  g_settings_bind (self->settings, "export-width",
                   self->export_width_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-height",
                   self->export_height_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "export-scale",
                                self->export_scale_dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                scale_to_selected, selected_to_scale, NULL, NULL);
}

static void
rex_preferences_dialog_constructed (GObject *object)
{
  RexPreferencesDialog *self = REX_PREFERENCES_DIALOG (object);

  G_OBJECT_CLASS (rex_preferences_dialog_parent_class)->constructed (object);

  /* Without settings (a bare g_object_new, as UI validators do) the
   * controls show their defaults. */
  if (self->settings != NULL)
    bind_settings (self);
}

static void
rex_preferences_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RexPreferencesDialog *self = REX_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_preferences_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RexPreferencesDialog *self = REX_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_preferences_dialog_dispose (GObject *object)
{
  RexPreferencesDialog *self = REX_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rex_preferences_dialog_parent_class)->dispose (object);
}

static void
rex_preferences_dialog_class_init (RexPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rex_preferences_dialog_constructed;
  object_class->get_property = rex_preferences_dialog_get_property;
  object_class->set_property = rex_preferences_dialog_set_property;
  object_class->dispose = rex_preferences_dialog_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/rex-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RexPreferencesDialog, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexPreferencesDialog, number_format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RexPreferencesDialog, export_width_spin);
  gtk_widget_class_bind_template_child (widget_class, RexPreferencesDialog, export_height_spin);
  gtk_widget_class_bind_template_child (widget_class, RexPreferencesDialog, export_scale_dropdown);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_preferences_dialog_init (RexPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rex_focus_guard_attach (GTK_WINDOW (self));
  rex_a11y_name_drop_downs (GTK_WIDGET (self));
}

GtkWidget *
rex_preferences_dialog_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (REX_TYPE_PREFERENCES_DIALOG,
                       "settings", settings,
                       "transient-for", parent,
                       NULL);
}

GSettings *
rex_preferences_dialog_get_settings (RexPreferencesDialog *self)
{
  g_return_val_if_fail (REX_IS_PREFERENCES_DIALOG (self), NULL);

  return self->settings;
}
