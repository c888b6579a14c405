/* rex-chart-item-proxies.c — the window of item proxies a chart widget shows
 * screen readers; see rex-chart-item-proxies.h. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rex-chart-item-proxies.h"
#include "rex-chart-item-proxy.h"

/* Item proxies at most: the window of items around the focused one. */
#define MAX_PROXIES 64
/* Side of a proxy's area around its item's anchor, in pixels. */
#define PROXY_SIZE 16

struct _RexChartItemProxies
{
  GtkWidget *owner;
  GtkWidget *legend;     /* RexChartItemProxy: the legend's entries; NULL without one */
  GtkWidget *list;       /* RexChartItemProxy; NULL until the first sync */
  GPtrArray *proxies;    /* RexChartItemProxy*, children of list */
  guint      first;      /* index of the item the first proxy stands for */
};

RexChartItemProxies *
rex_chart_item_proxies_new (GtkWidget *owner)
{
  RexChartItemProxies *self = g_new0 (RexChartItemProxies, 1);

  self->owner = owner;
  self->proxies = g_ptr_array_new ();
  return self;
}

void
rex_chart_item_proxies_free (RexChartItemProxies *self)
{
  if (self == NULL)
    return;
  rex_chart_item_proxies_drop (self);
  rex_chart_item_proxies_set_legend (self, NULL);
  g_ptr_array_unref (self->proxies);
  g_free (self);
}

gboolean
rex_chart_item_proxies_is_shown (RexChartItemProxies *self)
{
  return self->list != NULL;
}

void
rex_chart_item_proxies_drop (RexChartItemProxies *self)
{
  if (self->list != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->list));
  g_ptr_array_set_size (self->proxies, 0);
  self->first = 0;
}

void
rex_chart_item_proxies_set_legend (RexChartItemProxies *self,
                                   const char * const  *entries)
{
  guint n = entries != NULL ? g_strv_length ((char **) entries) : 0;
  GtkWidget *child;

  if (n == 0)
    {
      if (self->legend != NULL)
        gtk_widget_unparent (g_steal_pointer (&self->legend));
      return;
    }
  if (self->legend == NULL)
    {
      self->legend = rex_chart_item_proxy_new (GTK_ACCESSIBLE_ROLE_LIST);
      /* Translators: screen reader name of the list of a chart's legend entries */
      rex_chart_item_proxy_set_item (REX_CHART_ITEM_PROXY (self->legend), -1, _("Legend"), NULL);
      gtk_widget_insert_after (self->legend, self->owner, NULL);
    }
  /* Named in place: a chart made again with the same legend (a new year
   * while playing) changes nothing. */
  child = gtk_widget_get_first_child (self->legend);
  for (guint i = 0; i < n; i++)
    {
      if (child == NULL)
        {
          child = rex_chart_item_proxy_new (GTK_ACCESSIBLE_ROLE_LIST_ITEM);
          gtk_widget_insert_before (child, self->legend, NULL);
        }
      rex_chart_item_proxy_set_item (REX_CHART_ITEM_PROXY (child), -1, entries[i], NULL);
      child = gtk_widget_get_next_sibling (child);
    }
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_widget_unparent (child);
      child = next;
    }
}

static GtkAccessibleRole
list_role (RexChart *chart)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);

  if (spec->kind == REX_CHART_KIND_MAP)
    return spec->map_mode == REX_MAP_MODE_TILES ? GTK_ACCESSIBLE_ROLE_GRID : GTK_ACCESSIBLE_ROLE_GROUP;
  if (spec->kind == REX_CHART_KIND_BUBBLES)
    return GTK_ACCESSIBLE_ROLE_GROUP;
  return GTK_ACCESSIBLE_ROLE_LIST;
}

/* Ranked bars, shares, progress rows, points along a line and table rows
 * are items of a list; map tiles are cells of a grid; bubbles and seats are
 * marks in a picture; a transport circle opens its panel, like a button. */
static GtkAccessibleRole
item_role (RexChart           *chart,
           const RexChartItem *item)
{
  const RexChartSpec *spec = rex_chart_get_spec (chart);

  if (item->circle != NULL)
    return GTK_ACCESSIBLE_ROLE_BUTTON;
  if (spec->kind == REX_CHART_KIND_MAP)
    return spec->map_mode == REX_MAP_MODE_TILES ? GTK_ACCESSIBLE_ROLE_GRID_CELL : GTK_ACCESSIBLE_ROLE_IMG;
  if (spec->kind == REX_CHART_KIND_BUBBLES)
    return GTK_ACCESSIBLE_ROLE_IMG;
  return GTK_ACCESSIBLE_ROLE_LIST_ITEM;
}

static void
item_area (const RexChartItem *item,
           graphene_rect_t    *area)
{
  graphene_rect_init (area, item->x - PROXY_SIZE / 2.0, item->y - PROXY_SIZE / 2.0, PROXY_SIZE, PROXY_SIZE);
}

/* The list, of the role of @chart's kind, named after the chart. */
static void
ensure_list (RexChartItemProxies *self,
             RexChart            *chart,
             guint                n)
{
  g_autofree char *name = NULL;

  if (self->list != NULL
      && rex_chart_item_proxy_get_role (REX_CHART_ITEM_PROXY (self->list)) != list_role (chart))
    rex_chart_item_proxies_drop (self);
  if (self->list == NULL)
    {
      self->list = rex_chart_item_proxy_new (list_role (chart));
      gtk_widget_set_parent (self->list, self->owner);
    }
  /* Translators: screen reader name of the list of a chart's data items: "GDP: 31 items" */
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item", "%s: %u items", n),
                          rex_chart_get_title (chart), n);
  rex_chart_item_proxy_set_item (REX_CHART_ITEM_PROXY (self->list), -1, name, NULL);
}

/* The @k-th proxy of the window, of @role: the role of an accessible is
 * fixed when it is made, so one of another role is replaced. */
static RexChartItemProxy *
proxy_with_role (RexChartItemProxies *self,
                 guint                k,
                 GtkAccessibleRole    role)
{
  RexChartItemProxy *proxy = k < self->proxies->len ? self->proxies->pdata[k] : NULL;
  GtkWidget *made;

  if (proxy != NULL && rex_chart_item_proxy_get_role (proxy) == role)
    return proxy;
  made = rex_chart_item_proxy_new (role);
  if (proxy != NULL)
    {
      gtk_widget_insert_after (made, self->list, GTK_WIDGET (proxy));
      gtk_widget_unparent (GTK_WIDGET (proxy));
      self->proxies->pdata[k] = made;
    }
  else
    {
      gtk_widget_insert_before (made, self->list, NULL);
      g_ptr_array_add (self->proxies, made);
    }
  return REX_CHART_ITEM_PROXY (made);
}

void
rex_chart_item_proxies_sync (RexChartItemProxies *self,
                             RexChart            *chart,
                             int                  focus_index)
{
  guint n = chart != NULL ? rex_chart_get_n_items (chart) : 0;
  guint window = MIN (n, MAX_PROXIES);

  if (n == 0)
    {
      rex_chart_item_proxies_drop (self);
      return;
    }
  ensure_list (self, chart, n);
  if (focus_index >= 0 && ((guint) focus_index < self->first || (guint) focus_index >= self->first + window))
    self->first = (guint) MAX (focus_index - (int) window / 2, 0);
  self->first = MIN (self->first, n - window);

  for (guint k = 0; k < window; k++)
    {
      g_autofree char *name = NULL;
      graphene_rect_t area;
      RexChartItem item;
      RexChartItemProxy *proxy;

      if (!rex_chart_get_item (chart, self->first + k, &item))
        break;
      proxy = proxy_with_role (self, k, item_role (chart, &item));
      name = rex_chart_describe_item (chart, &item);
      item_area (&item, &area);
      rex_chart_item_proxy_set_item (proxy, (int) item.index, name, &area);
    }
  while (self->proxies->len > window)
    {
      gtk_widget_unparent (self->proxies->pdata[self->proxies->len - 1]);
      g_ptr_array_set_size (self->proxies, self->proxies->len - 1);
    }
}

gboolean
rex_chart_item_proxies_covers (RexChartItemProxies *self,
                               int                  index)
{
  return index >= 0 && (guint) index >= self->first && (guint) index < self->first + self->proxies->len;
}

gboolean
rex_chart_item_proxies_focus (RexChartItemProxies *self,
                              int                  index)
{
  if (self->list == NULL || !rex_chart_item_proxies_covers (self, index))
    return FALSE;
  gtk_widget_grab_focus (self->proxies->pdata[(guint) index - self->first]);
  return TRUE;
}

gboolean
rex_chart_item_proxies_allocate (RexChartItemProxies *self,
                                 RexChart            *chart,
                                 int                  width,
                                 int                  height)
{
  guint n = chart != NULL ? rex_chart_get_n_items (chart) : 0;
  gboolean placed = self->proxies->len == MIN (n, MAX_PROXIES) && self->first + self->proxies->len <= n;

  if (self->legend != NULL)
    gtk_widget_size_allocate (self->legend, &(GtkAllocation) { 0, 0, width, height }, -1);
  if (self->list == NULL)
    return TRUE;
  for (guint k = 0; placed && k < self->proxies->len; k++)
    {
      RexChartItemProxy *proxy = self->proxies->pdata[k];
      graphene_rect_t area;
      RexChartItem item;

      if (rex_chart_get_item (chart, rex_chart_item_proxy_get_index (proxy), &item))
        {
          item_area (&item, &area);
          rex_chart_item_proxy_set_item (proxy, (int) item.index, NULL, &area);
        }
    }
  gtk_widget_size_allocate (self->list, &(GtkAllocation) { 0, 0, width, height }, -1);
  return placed;
}
