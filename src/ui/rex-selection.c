/* rex-selection.c — selected regions as an ordered set with a change signal. */
#include "config.h"

#include "rex-selection.h"

struct _RexSelection
{
  GObject     parent_instance;
  GPtrArray  *ids;     /* char*, in selection order */
};

G_DEFINE_FINAL_TYPE (RexSelection, rex_selection, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rex_selection_finalize (GObject *object)
{
  g_ptr_array_unref (REX_SELECTION (object)->ids);
  G_OBJECT_CLASS (rex_selection_parent_class)->finalize (object);
}

static void
rex_selection_class_init (RexSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rex_selection_finalize;

  /**
   * RexSelection::changed:
   * @region_id: (nullable): the region that changed, or NULL when many did
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rex_selection_init (RexSelection *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
}

RexSelection *
rex_selection_new (void)
{
  return g_object_new (REX_TYPE_SELECTION, NULL);
}

static gboolean
find_id (RexSelection *self,
         const char   *region_id,
         guint        *index)
{
  return g_ptr_array_find_with_equal_func (self->ids, region_id, g_str_equal, index);
}

gboolean
rex_selection_contains (RexSelection *self,
                        const char   *region_id)
{
  g_return_val_if_fail (REX_IS_SELECTION (self), FALSE);
  return region_id != NULL && find_id (self, region_id, NULL);
}

void
rex_selection_set (RexSelection *self,
                   const char   *region_id,
                   gboolean      selected)
{
  guint index;
  gboolean present;

  g_return_if_fail (REX_IS_SELECTION (self));
  g_return_if_fail (region_id != NULL);

  present = find_id (self, region_id, &index);
  if (present == !!selected)
    return;
  if (selected)
    g_ptr_array_add (self->ids, g_strdup (region_id));
  else
    g_ptr_array_remove_index (self->ids, index);
  g_signal_emit (self, signals[CHANGED], 0, region_id);
}

void
rex_selection_toggle (RexSelection *self,
                      const char   *region_id)
{
  rex_selection_set (self, region_id, !rex_selection_contains (self, region_id));
}

void
rex_selection_set_ids (RexSelection       *self,
                       const char * const *ids)
{
  g_return_if_fail (REX_IS_SELECTION (self));

  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (!find_id (self, ids[i], NULL))
      g_ptr_array_add (self->ids, g_strdup (ids[i]));
  g_signal_emit (self, signals[CHANGED], 0, NULL);
}

GStrv
rex_selection_get_ids (RexSelection *self)
{
  GStrv out;

  g_return_val_if_fail (REX_IS_SELECTION (self), NULL);

  out = g_new0 (char *, self->ids->len + 1);
  for (guint i = 0; i < self->ids->len; i++)
    out[i] = g_strdup (self->ids->pdata[i]);
  return out;
}

guint
rex_selection_get_size (RexSelection *self)
{
  g_return_val_if_fail (REX_IS_SELECTION (self), 0);
  return self->ids->len;
}

/* --- RexRegionEntry --- */

struct _RexRegionEntry
{
  GObject       parent_instance;
  RexRegion    *region;
  RexSelection *selection;
};

G_DEFINE_FINAL_TYPE (RexRegionEntry, rex_region_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGION,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *entry_properties[N_PROPS];

static void
rex_region_entry_dispose (GObject *object)
{
  RexRegionEntry *self = REX_REGION_ENTRY (object);

  g_clear_object (&self->region);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (rex_region_entry_parent_class)->dispose (object);
}

static void
rex_region_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RexRegionEntry *self = REX_REGION_ENTRY (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_object (value, self->region);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, rex_region_entry_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_region_entry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RexRegionEntry *self = REX_REGION_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      rex_region_entry_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rex_region_entry_class_init (RexRegionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rex_region_entry_dispose;
  object_class->get_property = rex_region_entry_get_property;
  object_class->set_property = rex_region_entry_set_property;

  entry_properties[PROP_REGION] =
    g_param_spec_object ("region", NULL, NULL, REX_TYPE_REGION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, entry_properties);
}

static void
rex_region_entry_init (RexRegionEntry *self)
{
}

RexRegionEntry *
rex_region_entry_new (RexRegion    *region,
                      RexSelection *selection)
{
  RexRegionEntry *self = g_object_new (REX_TYPE_REGION_ENTRY, NULL);

  self->region = g_object_ref (region);
  self->selection = g_object_ref (selection);
  return self;
}

RexRegion *
rex_region_entry_get_region (RexRegionEntry *self)
{
  g_return_val_if_fail (REX_IS_REGION_ENTRY (self), NULL);
  return self->region;
}

gboolean
rex_region_entry_get_selected (RexRegionEntry *self)
{
  g_return_val_if_fail (REX_IS_REGION_ENTRY (self), FALSE);
  return rex_selection_contains (self->selection, rex_region_get_id (self->region));
}

void
rex_region_entry_set_selected (RexRegionEntry *self,
                               gboolean        selected)
{
  g_return_if_fail (REX_IS_REGION_ENTRY (self));
  /* The selection's ::changed handler notifies the entry. */
  rex_selection_set (self->selection, rex_region_get_id (self->region), selected);
}

void
rex_region_entry_notify_selected (RexRegionEntry *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), entry_properties[PROP_SELECTED]);
}
