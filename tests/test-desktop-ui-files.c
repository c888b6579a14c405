/* test-desktop-ui-files.c — validates .ui files against the real types.
 *
 * gtk4-builder-tool validate cannot know our own classes (RexChartView…),
 * so it fails on any file that uses them. This program links the whole UI
 * and app layers with exported symbols, so GtkBuilder resolves "RexFoo"
 * through rex_foo_get_type() as it does in the app, and then:
 *  - a file with a <template> of a registered class is validated by
 *    building that class's template with the class's own scope (template
 *    children, callbacks), as the app does; the test first checks that the
 *    template compiled into the resource is the given file, so a stale or
 *    misnamed resource fails too;
 *  - a template of an unknown class gets a stand-in type derived from its
 *    parent (what gtk4-builder-tool does);
 *  - any other file is loaded into a GtkBuilder.
 * Any GtkBuilder error or warning fails the test (G_DEBUG=fatal-warnings).
 *
 * A built tree is also held to one layout rule: no wrapping label inside a
 * revealer that slides. A sliding revealer asks its child for its width at
 * its own height divided by how far it has opened, which near the ends of
 * the animation is millions of pixels; GTK 4.8's label multiplies that by
 * PANGO_SCALE without a check, overflows past 2^21 px, answers with its
 * one-line width, and its size cache then gives that answer for every
 * height down to one line. The next height-for-width request makes the
 * box layout report "minimum width for height of 1048576" and size the
 * label hundreds of pixels too tall (docs/reliability.md).
 *
 * The files are those the GResource XML lists, so a template added to the
 * resource is validated without being named anywhere else; a .ui file
 * beside the XML that the resource does not list fails too.
 *
 * Usage: test-desktop-ui-files RESOURCES.gresource.xml (prints TAP). */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

typedef struct
{
  char *class_name;
  char *parent_name;
} TemplateInfo;

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  TemplateInfo *info = user_data;

  if (g_str_equal (element_name, "template"))
    g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                 G_MARKUP_COLLECT_STRDUP, "class", &info->class_name,
                                 G_MARKUP_COLLECT_STRDUP | G_MARKUP_COLLECT_OPTIONAL,
                                 "parent", &info->parent_name,
                                 G_MARKUP_COLLECT_INVALID);
}

static gboolean
find_template (const char    *contents,
               gsize          length,
               TemplateInfo  *info,
               GError       **error)
{
  static const GMarkupParser parser = { .start_element = start_element };
  g_autoptr(GMarkupParseContext) context =
    g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, info, NULL);

  return g_markup_parse_context_parse (context, contents, length, error)
         && g_markup_parse_context_end_parse (context, error);
}

/* A list-item template gets its callbacks from a GtkBuilderCScope that the
 * code creating the factory fills in; this program cannot know them. The
 * lenient scope resolves what it can (exported functions) and stands in a
 * no-op for the rest, naming them in a TAP comment. */
#define LENIENT_TYPE_SCOPE (lenient_scope_get_type ())
G_DECLARE_FINAL_TYPE (LenientScope, lenient_scope, LENIENT, SCOPE, GtkBuilderCScope)

struct _LenientScope
{
  GtkBuilderCScope parent_instance;
};

static GtkBuilderScopeInterface *parent_scope_iface;

static void
lenient_noop (void)
{
}

static GClosure *
lenient_create_closure (GtkBuilderScope        *scope,
                        GtkBuilder             *builder,
                        const char             *function_name,
                        GtkBuilderClosureFlags  flags,
                        GObject                *object,
                        GError                **error)
{
  GError *local_error = NULL;
  GClosure *closure = parent_scope_iface->create_closure (scope, builder, function_name,
                                                          flags, object, &local_error);

  if (closure != NULL)
    return closure;
  if (!g_error_matches (local_error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_FUNCTION))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_print ("# callback %s comes from the factory's scope in C; not checked here\n", function_name);
  g_error_free (local_error);
  return g_cclosure_new (G_CALLBACK (lenient_noop), NULL, NULL);
}

static void
lenient_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  parent_scope_iface = g_type_interface_peek_parent (iface);
  iface->create_closure = lenient_create_closure;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (LenientScope, lenient_scope, GTK_TYPE_BUILDER_CSCOPE,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE, lenient_scope_iface_init))

static void
lenient_scope_class_init (LenientScopeClass *klass)
{
}

static void
lenient_scope_init (LenientScope *self)
{
}

/* A stand-in subclass of @parent named @name, for templates whose class
 * this program does not contain. */
static void
fake_class_init (gpointer klass,
                 gpointer class_data)
{
  GBytes *bytes = class_data;

  gtk_widget_class_set_template (klass, bytes);
}

static void
fake_instance_init (GTypeInstance *instance,
                    gpointer       klass)
{
  gtk_widget_init_template (GTK_WIDGET (instance));
}

static GType
make_fake_type (const char *name,
                GType       parent,
                GBytes     *template)
{
  GTypeQuery query;
  GTypeInfo type_info = { 0 };

  g_type_query (parent, &query);
  type_info.class_size = query.class_size;
  type_info.class_init = fake_class_init;
  type_info.class_data = g_bytes_ref (template);
  type_info.instance_size = query.instance_size;
  type_info.instance_init = fake_instance_init;
  return g_type_register_static (parent, name, &type_info, 0);
}

static void
destroy_instance (GObject *object)
{
  if (GTK_IS_WINDOW (object))
    gtk_window_destroy (GTK_WINDOW (object));
  else
    g_object_unref (object);
}

/* Does the resource hold this file's template? Compares the files with all
 * whitespace between elements removed (the resource is xml-stripblanks'd). */
/* The revealer's transitions that scale the child's size as it opens. */
static gboolean
revealer_slides (GtkRevealer *revealer)
{
  switch (gtk_revealer_get_transition_type (revealer))
    {
    case GTK_REVEALER_TRANSITION_TYPE_NONE:
    case GTK_REVEALER_TRANSITION_TYPE_CROSSFADE:
      return FALSE;
    default:
      return TRUE;
    }
}

static gboolean
check_no_wrap_in_slide (const char  *path,
                        GtkWidget   *widget,
                        GtkRevealer *sliding,
                        GError     **error)
{
  if (GTK_IS_REVEALER (widget) && revealer_slides (GTK_REVEALER (widget)))
    sliding = GTK_REVEALER (widget);
  if (sliding != NULL && GTK_IS_LABEL (widget)
      && gtk_label_get_wrap (GTK_LABEL (widget))
      && gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE)
    {
      const char *revealer_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (sliding));
      const char *label_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

      g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_VALUE,
                   "%s: the wrapping label “%s” is inside the sliding revealer “%s”; "
                   "use a crossfade, or make the label one line",
                   path, label_id ? label_id : "(no id)",
                   revealer_id ? revealer_id : "(no id)");
      return FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!check_no_wrap_in_slide (path, child, sliding, error))
      return FALSE;
  return TRUE;
}

static char *
squeeze (const char *xml,
         gsize       length)
{
  g_autoptr(GRegex) between = g_regex_new (">\\s+<", 0, 0, NULL);
  g_autoptr(GRegex) comments = g_regex_new ("<!--.*?-->", G_REGEX_DOTALL, 0, NULL);
  g_autofree char *no_comments = g_regex_replace_literal (comments, xml, length, 0, "", 0, NULL);

  return g_strstrip (g_regex_replace_literal (between, no_comments, -1, 0, "><", 0, NULL));
}

static gboolean
validate_file (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  TemplateInfo info = { NULL, NULL };
  gboolean ok = FALSE;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (!find_template (contents, length, &info, error))
    goto out;

  if (info.class_name == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      GSList *objects;

      ok = gtk_builder_add_from_string (builder, contents, length, error);
      objects = ok ? gtk_builder_get_objects (builder) : NULL;
      for (GSList *l = objects; l != NULL; l = l->next)
        if (ok && GTK_IS_WIDGET (l->data) && gtk_widget_get_parent (l->data) == NULL)
          ok = check_no_wrap_in_slide (path, l->data, NULL, error);
      for (GSList *l = objects; l != NULL; l = l->next)
        if (GTK_IS_WINDOW (l->data))
          gtk_window_destroy (l->data);
      g_slist_free (objects);
    }
  else
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      GType type = gtk_builder_get_type_from_name (builder, info.class_name);
      GType parent = info.parent_name ? gtk_builder_get_type_from_name (builder, info.parent_name)
                                      : G_TYPE_INVALID;
      GObject *instance;

      if (info.parent_name == NULL && g_str_equal (info.class_name, "GtkListItem"))
        {
          /* A GtkBuilderListItemFactory template: built onto a list item
           * as the factory does for each row. */
          g_autoptr(GObject) item = g_object_new (GTK_TYPE_LIST_ITEM, NULL);
          g_autoptr(GtkBuilderScope) scope = g_object_new (LENIENT_TYPE_SCOPE, NULL);

          gtk_builder_set_scope (builder, scope);
          gtk_builder_set_current_object (builder, item);
          ok = gtk_builder_extend_with_template (builder, item, GTK_TYPE_LIST_ITEM,
                                                 contents, length, error);
          goto out;
        }
      if (parent == G_TYPE_INVALID || !g_type_is_a (parent, GTK_TYPE_WIDGET))
        {
          g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_VALUE,
                       "%s: template parent “%s” is not a known widget class",
                       path, info.parent_name ? info.parent_name : "(none)");
          goto out;
        }
      if (type != G_TYPE_INVALID)
        {
          g_autofree char *resource_path = NULL;
          g_autoptr(GBytes) resource = NULL;
          g_autofree char *want = NULL, *have = NULL;
          const char *name = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;

          if (!g_type_is_a (type, parent))
            {
              g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_VALUE,
                           "%s: %s is not a %s", path, info.class_name, info.parent_name);
              goto out;
            }
          resource_path = g_strconcat (RESOURCE_PREFIX "/", name, NULL);
          resource = g_resources_lookup_data (resource_path, 0, error);
          if (resource == NULL)
            goto out;
          want = squeeze (contents, length);
          have = squeeze (g_bytes_get_data (resource, NULL), g_bytes_get_size (resource));
          if (g_strcmp0 (want, have) != 0)
            {
              g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_VALUE,
                           "%s differs from the template compiled into %s: rebuild, "
                           "or check ui/rex-ui.gresource.xml", path, resource_path);
              goto out;
            }
        }
      else
        {
          g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
          type = make_fake_type (info.class_name, parent, bytes);
        }
      /* Building the instance runs gtk_widget_init_template: errors in the
       * template are criticals, fatal here. */
      instance = g_object_new (type, NULL);
      if (g_type_is_a (type, G_TYPE_INITIALLY_UNOWNED))
        g_object_ref_sink (instance);
      ok = check_no_wrap_in_slide (path, GTK_WIDGET (instance), NULL, error);
      destroy_instance (instance);
    }

out:
  g_free (info.class_name);
  g_free (info.parent_name);
  return ok;
}

typedef struct
{
  gboolean   in_file;
  GString   *text;
  GPtrArray *ui_files;  /* paths relative to the XML's folder */
} ResourceList;

static void
resource_start_element (GMarkupParseContext  *context,
                        const char           *element_name,
                        const char          **attribute_names,
                        const char          **attribute_values,
                        gpointer              user_data,
                        GError              **error)
{
  ResourceList *list = user_data;

  list->in_file = g_str_equal (element_name, "file");
  g_string_truncate (list->text, 0);
}

static void
resource_text (GMarkupParseContext  *context,
               const char           *text,
               gsize                 length,
               gpointer              user_data,
               GError              **error)
{
  ResourceList *list = user_data;

  if (list->in_file)
    g_string_append_len (list->text, text, length);
}

static void
resource_end_element (GMarkupParseContext  *context,
                      const char           *element_name,
                      gpointer              user_data,
                      GError              **error)
{
  ResourceList *list = user_data;

  if (list->in_file && g_str_has_suffix (g_strstrip (list->text->str), ".ui"))
    g_ptr_array_add (list->ui_files, g_strdup (list->text->str));
  list->in_file = FALSE;
}

/* The .ui files @xml_path lists, relative to its folder. */
static GPtrArray *
read_resource_list (const char  *xml_path,
                    GError     **error)
{
  static const GMarkupParser parser = {
    .start_element = resource_start_element,
    .end_element = resource_end_element,
    .text = resource_text,
  };
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) ui_files = g_ptr_array_new_with_free_func (g_free);
  ResourceList list = { FALSE, text, ui_files };
  g_autoptr(GMarkupParseContext) context = NULL;

  if (!g_file_get_contents (xml_path, &contents, &length, error))
    return NULL;
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &list, NULL);
  if (!g_markup_parse_context_parse (context, contents, length, error)
      || !g_markup_parse_context_end_parse (context, error))
    return NULL;
  if (ui_files->len == 0)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "%s lists no .ui file: is it the UI resource?", xml_path);
      return NULL;
    }
  return g_steal_pointer (&ui_files);
}

/* Adds to @found the .ui files under @dir (relative to @base). */
static void
find_ui_files (const char *base,
               const char *dir,
               GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (base, dir, NULL);
  g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *relative = *dir ? g_build_filename (dir, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (base, relative, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        find_ui_files (base, relative, found);
      else if (g_str_has_suffix (name, ".ui"))
        g_ptr_array_add (found, g_steal_pointer (&relative));
    }
}

static gboolean
str_in (GPtrArray  *array,
        const char *str)
{
  return g_ptr_array_find_with_equal_func (array, str, g_str_equal, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ui_files = NULL;
  g_autoptr(GPtrArray) on_disc = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = NULL;
  guint unlisted = 0;
  guint n = 0;
  int failures = 0;

  setlocale (LC_ALL, "");
  gtk_init ();

  if (argc != 2)
    {
      g_printerr ("Usage: %s RESOURCES.gresource.xml\n", argv[0]);
      return 2;
    }
  ui_files = read_resource_list (argv[1], &error);
  if (ui_files == NULL)
    {
      g_print ("1..1\nnot ok 1 - %s\n# %s\n", argv[1], error->message);
      return 1;
    }
  base = g_path_get_dirname (argv[1]);
  find_ui_files (base, "", on_disc);
  g_ptr_array_sort (on_disc, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < on_disc->len; i++)
    if (!str_in (ui_files, on_disc->pdata[i]))
      unlisted++;

  g_print ("1..%u\n", ui_files->len + unlisted);
  for (guint i = 0; i < ui_files->len; i++)
    {
      g_autofree char *path = g_build_filename (base, ui_files->pdata[i], NULL);

      g_clear_error (&error);
      if (validate_file (path, &error))
        g_print ("ok %u - %s\n", ++n, path);
      else
        {
          g_print ("not ok %u - %s\n# %s\n", ++n, path, error->message);
          failures++;
        }
    }
  for (guint i = 0; i < on_disc->len; i++)
    if (!str_in (ui_files, on_disc->pdata[i]))
      {
        g_print ("not ok %u - %s/%s\n# not in %s: add it there, or remove the file\n",
                 ++n, base, (char *) on_disc->pdata[i], argv[1]);
        failures++;
      }
  return failures > 0 ? 1 : 0;
}
