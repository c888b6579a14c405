/* rex-source.c — a cited publication.
 *
 * Every figure in a dataset resolves to one of these, so charts can print
 * where a number comes from.
 */
#include "config.h"

#include "rex-model-private.h"

G_DEFINE_FINAL_TYPE (RexSource, rex_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PUBLISHER,
  PROP_TITLE,
  PROP_PUBLISHER_ZH,
  PROP_TITLE_ZH,
  PROP_DATE,
  PROP_URL,
  PROP_VIA,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rex_source_finalize (GObject *object)
{
  RexSource *self = (RexSource *) object;

  g_free (self->id);
  g_free (self->publisher);
  g_free (self->title);
  g_free (self->publisher_zh);
  g_free (self->title_zh);
  g_free (self->date);
  g_free (self->url);
  g_free (self->via);
  g_free (self->note);

  G_OBJECT_CLASS (rex_source_parent_class)->finalize (object);
}

static void
rex_source_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RexSource *self = REX_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PUBLISHER_ZH:
      g_value_set_string (value, self->publisher_zh);
      break;
    case PROP_TITLE_ZH:
      g_value_set_string (value, self->title_zh);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_VIA:
      g_value_set_string (value, self->via);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_source_class_init (RexSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rex_source_finalize;
  object_class->get_property = rex_source_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHER_ZH] = g_param_spec_string ("publisher-zh", NULL, NULL, NULL, flags);
  properties[PROP_TITLE_ZH] = g_param_spec_string ("title-zh", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_VIA] = g_param_spec_string ("via", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rex_source_init (RexSource *self)
{
}

RexSource *
rex_source_new (void)
{
  return g_object_new (REX_TYPE_SOURCE, NULL);
}

const char *
rex_source_get_id (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->id;
}

const char *
rex_source_get_publisher (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->publisher;
}

const char *
rex_source_get_title (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->title;
}

const char *
rex_source_get_publisher_zh (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->publisher_zh;
}

const char *
rex_source_get_title_zh (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->title_zh;
}

const char *
rex_source_get_display_publisher (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return rex_pick_localized (self->publisher, self->publisher_zh);
}

const char *
rex_source_get_display_title (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return rex_pick_localized (self->title, self->title_zh);
}

const char *
rex_source_get_date (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->date;
}

const char *
rex_source_get_url (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->url;
}

const char *
rex_source_get_via (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->via;
}

const char *
rex_source_get_note (RexSource *self)
{
  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  return self->note;
}

char *
rex_source_format_citation (RexSource *self)
{
  const char *publisher, *title, *separator;
  GString *str;

  g_return_val_if_fail (REX_IS_SOURCE (self), NULL);

  publisher = rex_source_get_display_publisher (self);
  title = rex_source_get_display_title (self);
  /* Chinese text takes the full-width comma. */
  separator = publisher != self->publisher || title != self->title ? "，" : ", ";

  str = g_string_new (publisher);
  if (title != NULL && *title != '\0')
    {
      if (str->len > 0)
        g_string_append (str, separator);
      g_string_append (str, title);
    }
  if (self->date != NULL && *self->date != '\0')
    {
      if (str->len > 0)
        g_string_append (str, separator);
      g_string_append (str, self->date);
    }

  return g_string_free (str, FALSE);
}
