/* screenshot-views.c — renders every view of the real window to PNG, in the
 * light and dark styles, so a person can look at all of them at once.
 *
 *   screenshot-views OUTPUT-FOLDER [WIDTH HEIGHT]
 *
 * Run under a display (xvfb-run). build-aux/update-screenshots.sh uses it
 * for data/screenshots/; the test suite runs it into the build folder at
 * 800×600, 1024×768 and 1920×1080 (VIEW[-dark]-WIDTHxHEIGHT.png) and checks
 * that each picture shows a real, non-blank view at the size asked for.
 *
 * At the first size it also pictures the dialogs (export-dialog,
 * preferences, about, about-credits) and the Settings menu of
 * Relationships, open (settings-menu). REX_SCREENSHOT_NO_SIDEBAR=1 takes
 * every view with the sidebar hidden, as at 640×480.
 *
 * With REX_SCREENSHOT_TABLE=TABLE.csv the table is first added to the
 * bundled data through the Import dialog (pictured as import-dialog.png,
 * Add pressed, differing values taken from the table), and the views show
 * the result: a way to look at an imported table as a user would.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rex-application.h"
#include "rex-chart-page.h"
#include "rex-export-dialog.h"
#include "rex-preferences-dialog.h"
#include "rex-chart-view.h"
#include "rex-import-dialog.h"
#include "rex-merge-dialog.h"
#include "rex-widget-util.h"
#include "rex-window-private.h"
#include "ui-test-util.h"

static const char * const views[] = {
  "overview", "compare", "trends", "relationships", "map", "rural", "table",
  "composition",  /* Compare's other charts */
  "change",
  "change-both",  /* the change with both years' figures */
  "map-change",   /* the map's tiles coloured by a change */
  "trends-split", /* a small chart per region */
  "relationships-fit", /* the least-squares line through the bubbles */
};

/* Shows @view: a view's name, "composition", Compare's composition of
 * the industries' value added for the selection, "change", Compare's
 * ranking of the change of urbanization since 2015 ("change-both" with
 * both years' figures), "map-change", the
 * map of the change of population since 2010, "trends-split", Trends'
 * small chart per selected region, or "relationships-fit", income against
 * urbanization with the least-squares line. */
static void
show_view (RexWindow  *window,
           const char *view)
{
  g_autoptr(RexChartSpec) spec = NULL;
  g_auto(GStrv) selection = NULL;

  if (g_str_equal (view, "composition"))
    {
      spec = rex_chart_spec_new (REX_CHART_KIND_SHARES);
      spec->shares_mode = REX_SHARES_MODE_COMPOSITION;
      spec->metric = g_strdup ("va_primary,va_secondary,va_tertiary");
    }
  else if (g_str_has_prefix (view, "change"))
    {
      spec = rex_chart_spec_new (REX_CHART_KIND_BARS);
      spec->metric = g_strdup ("urbanization");
      spec->base_year = 2015;
      spec->both_years = g_str_equal (view, "change-both");
      spec->color_by = REX_COLOR_BY_MACRO_REGION;
    }
  else if (g_str_has_prefix (view, "trends"))
    {
      /* The plain view too: the split of the pass before stays otherwise. */
      spec = rex_chart_spec_new (REX_CHART_KIND_LINES);
      spec->metric = g_strdup ("urbanization");
      spec->split = g_str_equal (view, "trends-split");
    }
  else if (g_str_equal (view, "relationships-fit"))
    {
      spec = rex_chart_spec_new (REX_CHART_KIND_BUBBLES);
      spec->x_metric = g_strdup ("urbanization");
      spec->y_metric = g_strdup ("income_all");
      spec->size_metric = g_strdup ("population");
      spec->color_by = REX_COLOR_BY_MACRO_REGION;
      spec->fit = TRUE;
    }
  else if (g_str_has_prefix (view, "map"))
    {
      spec = rex_chart_spec_new (REX_CHART_KIND_MAP);
      spec->metric = g_strdup ("population");
      spec->base_year = g_str_equal (view, "map-change") ? 2010 : 0;
    }
  else
    {
      rex_window_set_view (window, view);
      return;
    }
  selection = rex_selection_get_ids (rex_window_get_selection (window));
  rex_chart_spec_set_regions (spec, (const char * const *) selection);
  rex_window_show_spec (window, spec);
}

static void
iterate (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* The window's view that shows picture @view: "compare" for "change". */
static const char *
page_of (const char *view)
{
  static const char * const pages[][2] = {
    { "composition", "compare" }, { "change", "compare" }, { "change-both", "compare" }, { "map-change", "map" },
    { "trends-split", "trends" }, { "relationships-fit", "relationships" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (view, pages[i][0]))
      return pages[i][1];
  return view;
}

/* The part of the window that shows @view's content: the chart of a chart
 * view, the page of the Overview and the Table. */
static GtkWidget *
view_area (RexWindow  *window,
           const char *view)
{
  GtkWidget *page = rex_window_get_page (window, view);

  return REX_IS_CHART_PAGE (page) ? rex_chart_page_get_chart_view (REX_CHART_PAGE (page)) : page;
}

/* The view's own "drawn" state: the chart view has a chart and has drawn it
 * (laid out, with its items); other pages are mapped and allocated. */
static gboolean
view_drawn (GtkWidget *area)
{
  if (!gtk_widget_get_mapped (area) || gtk_widget_get_width (area) <= 0)
    return FALSE;
  if (REX_IS_CHART_VIEW (area))
    return rex_chart_view_get_chart (REX_CHART_VIEW (area)) != NULL
        && rex_chart_view_get_render_count (REX_CHART_VIEW (area)) > 0;
  return TRUE;
}

/* Distinct colours in a coarse sample of the picture: a blank or half-drawn
 * view has a handful, a chart with text has hundreds. */
static guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        guint32 p = *(guint32 *) (pixels + ((gsize) y * width + x) * 4);
        g_hash_table_add (seen, GUINT_TO_POINTER (p & 0xf0f0f0f0));
      }
  return g_hash_table_size (seen);
}

/* The window has the size asked for and the view on screen is laid out. */
static gboolean
settled (RexWindow *window,
         int        width,
         int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GtkWidget *stack = gtk_widget_get_parent (rex_window_get_page (window, rex_window_get_view (window)));

  while (stack != NULL && !GTK_IS_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  return surface != NULL && gdk_surface_get_width (surface) == width
         && gdk_surface_get_height (surface) == height
         && (stack == NULL || !gtk_stack_get_transition_running (GTK_STACK (stack)));
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
}

/* Saves @widget's window to @path and checks that @area (part of it) is not
 * blank, with at least @min_colours: a blank chart beside a busy sidebar
 * would pass a whole-window check. */
static gboolean
save_view (GtkWidget  *widget,
           GtkWidget  *area,
           guint       min_colours,
           const char *path)
{
  g_autoptr(GdkTexture) texture = render (widget);
  g_autoptr(GdkTexture) area_texture = NULL;
  guint colours;

  if (texture == NULL)
    return FALSE;
  area_texture = area == widget ? g_object_ref (texture) : render (area);
  if (area_texture == NULL)
    return FALSE;
  colours = count_colours (area_texture);
  if (!gdk_texture_save_to_png (texture, path))
    return FALSE;
  g_print ("%s (%d×%d, %u colours in %s)\n", path, gdk_texture_get_width (texture),
           gdk_texture_get_height (texture), colours, G_OBJECT_TYPE_NAME (area));
  return colours >= min_colours;
}

/* @table added to @dataset as a user does it in the window: Add Data, the
 * Import dialog (saved as import-dialog.png in @folder), Add, and the new
 * values where they differ. NULL when the table does not import. */
static RexDataset *
add_table (RexDataset *dataset,
           const char *table,
           const char *folder)
{
  RexWindow *window = rex_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (table);
  g_autofree char *path = g_build_filename (folder, "import-dialog.png", NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  RexImportDialog *dialog;
  RexMergeDialog *merge;
  RexDataset *result = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  rex_window_set_dataset (window, dataset);
  gtk_window_present (GTK_WINDOW (window));
  dialog = rex_window_import_table (window, file, TRUE);
  while (rex_import_dialog_is_busy (dialog) && g_get_monotonic_time () < deadline)
    iterate (1);
  /* The picture is for people to look at: taken once a frame is painted. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)) && g_get_monotonic_time () < deadline)
    iterate (1);
  if (ui_test_paint_by (GTK_WIDGET (dialog), deadline))
    save_view (GTK_WIDGET (dialog), GTK_WIDGET (dialog), 0, path);
  if (rex_table_import_get_dataset (rex_import_dialog_get_import (dialog)) != NULL)
    {
      g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), REX_TYPE_IMPORT_DIALOG,
                                                            "import_button"), "clicked");
      while (rex_window_is_adding (window) && g_get_monotonic_time () < deadline)
        iterate (1);
      merge = rex_window_get_merge_dialog (window);
      if (merge != NULL)
        {
          rex_merge_dialog_choose (merge, REX_MERGE_TAKE_NEW);
        }
      iterate (20);
      result = g_object_ref (rex_window_get_dataset (window));
    }
  else
    g_printerr ("%s does not import: see %s\n", table, path);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (20);
  return result;
}

/* Saves the toplevel @dialog, once it is on screen, as @name in @folder;
 * destroys it. */
static gboolean
save_dialog (GtkWidget  *dialog,
             const char *folder,
             const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gboolean saved;

  gtk_window_present (GTK_WINDOW (dialog));
  while (!(gtk_widget_get_mapped (dialog) && gtk_widget_get_width (dialog) > 0)
         && g_get_monotonic_time () < deadline)
    iterate (1);
  saved = ui_test_paint_by (dialog, deadline) && save_view (dialog, dialog, 8, path);
  if (!saved)
    g_printerr ("%s: the dialog looks blank\n", path);
  return saved;
}

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c : find_child (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The newest toplevel of @type, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* The Settings menu of Relationships, open, as NAME. */
static gboolean
save_settings_menu (RexWindow  *window,
                    const char *folder,
                    const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GtkWidget *page = rex_window_get_page (window, "relationships");
  GtkMenuButton *button = ui_test_template_child (page, REX_TYPE_CHART_PAGE, "settings_button");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gboolean saved;

  rex_window_set_view (window, "relationships");
  gtk_menu_button_popup (button);
  while (!(gtk_widget_get_mapped (popover) && gtk_widget_get_width (popover) > 0)
         && g_get_monotonic_time () < deadline)
    iterate (1);
  saved = ui_test_paint_by (popover, deadline) && save_view (popover, popover, 4, path);
  gtk_menu_button_popdown (button);
  iterate (5);
  return saved;
}

/* The dialogs a person meets, over @window: Export, Preferences, and
 * About with its credits page, as NAME[-dark].png. (Not the keyboard
 * shortcuts: GTK 4.8 warns while measuring its own shortcuts window.) */
static gboolean
save_dialogs (RexWindow  *window,
              const char *folder,
              gboolean    dark)
{
  static RexApplication *app;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *suffix = dark ? "-dark.png" : ".png";
  g_autofree char *export_name = g_strconcat ("export-dialog", suffix, NULL);
  g_autofree char *preferences_name = g_strconcat ("preferences", suffix, NULL);
  g_autofree char *about_name = g_strconcat ("about", suffix, NULL);
  g_autofree char *credits_name = g_strconcat ("about-credits", suffix, NULL);
  g_autofree char *settings_name = g_strconcat ("settings-menu", suffix, NULL);
  gboolean ok = TRUE;
  GtkWidget *dialog = NULL;
  GtkWidget *stack;

  ok &= save_settings_menu (window, folder, settings_name);
  rex_window_set_view (window, "compare");
  if (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL)
      && (dialog = find_toplevel (REX_TYPE_EXPORT_DIALOG)) != NULL)
    ok &= save_dialog (dialog, folder, export_name);
  else
    ok = FALSE;
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = rex_preferences_dialog_new (GTK_WINDOW (window), settings);
  ok &= save_dialog (dialog, folder, preferences_name);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* About is the application's: one, registered beside the window. */
  if (app == NULL)
    {
      app = rex_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, NULL);
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  dialog = find_toplevel (GTK_TYPE_ABOUT_DIALOG);
  if (dialog == NULL)
    return FALSE;
  ok &= save_dialog (dialog, folder, about_name);
  /* Credits, as its button shows it. */
  stack = find_child (dialog, GTK_TYPE_STACK);
  if (stack != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      gtk_stack_set_visible_child_name (GTK_STACK (stack), "credits");
      while (gtk_stack_get_transition_running (GTK_STACK (stack)) && g_get_monotonic_time () < deadline)
        iterate (1);
    }
  ok &= save_dialog (dialog, folder, credits_name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate (20);
  return ok;
}

/* The file of a picture: FOLDER/WHAT[-dark][-WIDTHxHEIGHT].png, the size
 * named when several sizes are taken. */
static char *
picture_path (const char *folder,
              const char *what,
              gboolean    dark,
              gboolean    size_in_name,
              int         width,
              int         height)
{
  g_autofree char *name = NULL;

  if (size_in_name)
    name = g_strdup_printf ("%s%s-%dx%d.png", what, dark ? "-dark" : "", width, height);
  else
    name = g_strdup_printf ("%s%s.png", what, dark ? "-dark" : "");
  return g_build_filename (folder, name, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexDataset) dataset = NULL;
  const char *folder;
  struct { int width, height; } sizes[] = { { 800, 600 }, { 1024, 768 }, { 1920, 1080 } };
  guint n_sizes = G_N_ELEMENTS (sizes);
  gboolean size_in_name = TRUE;
  int status = 0;

  setlocale (LC_ALL, "");
  /* As main.c: REX_LOCALEDIR finds an uninstalled build's catalogues, so
   * LANGUAGE=zh_CN pictures show the translated interface. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("REX_LOCALEDIR") ? g_getenv ("REX_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc < 2)
    {
      g_printerr ("usage: %s OUTPUT-FOLDER [WIDTH HEIGHT]\n", argv[0]);
      return 2;
    }
  folder = argv[1];
  if (argc >= 4)
    {
      sizes[0].width = CLAMP (atoi (argv[2]), 640, 4000);
      sizes[0].height = CLAMP (atoi (argv[3]), 480, 4000);
      n_sizes = 1;
      size_in_name = FALSE;
    }
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      g_printerr ("Cannot create %s\n", folder);
      return 1;
    }

  gtk_init ();
  /* As the application does at its start-up. */
  rex_style_sheet_load (gdk_display_get_default ());
  dataset = rex_dataset_new_default (&error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_getenv ("REX_SCREENSHOT_TABLE") != NULL)
    {
      RexDataset *added = add_table (dataset, g_getenv ("REX_SCREENSHOT_TABLE"), folder);

      if (added == NULL)
        return 1;
      g_set_object (&dataset, added);
      g_object_unref (added);
    }

  for (guint size = 0; size < n_sizes; size++)
    for (guint dark = 0; dark < 2; dark++)
      {
        RexWindow *window;
        const char *selection[] = { "CN-GD", "CN-JS", "CN-SC", NULL };
        int width = sizes[size].width, height = sizes[size].height;

        g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", (gboolean) dark, NULL);
        /* Compare as a new window opens it, on its ranking: the last pass
         * left it on the composition. */
        {
          g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
          g_settings_reset (settings, "compare-chart");
          /* Relationships with the selection's trails, as Play shows them. */
          g_settings_set_boolean (settings, "trails", TRUE);
        }
        window = rex_window_new (NULL);
        gtk_window_set_default_size (GTK_WINDOW (window), width, height);
        rex_window_set_dataset (window, dataset);
        /* A few regions selected, as a person exploring would have. */
        rex_selection_set_ids (rex_window_get_selection (window), selection);
        /* REX_SCREENSHOT_NO_SIDEBAR: the window as its sidebar button hides it. */
        if (g_getenv ("REX_SCREENSHOT_NO_SIDEBAR") != NULL)
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), REX_TYPE_WINDOW, "sidebar_button")), FALSE);
        gtk_window_present (GTK_WINDOW (window));

        for (guint i = 0; i < G_N_ELEMENTS (views); i++)
          {
            g_autofree char *path = NULL;
            gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
            GtkWidget *area;

            path = picture_path (folder, views[i], dark, size_in_name, width, height);
            show_view (window, views[i]);
            area = view_area (window, page_of (views[i]));
            /* Waited for: the size, the view's own drawn state and a frame
             * painted with it, however long a loaded machine takes. */
            while (!(settled (window, width, height) && view_drawn (area))
                   && g_get_monotonic_time () < deadline)
              iterate (1);
            if (!settled (window, width, height))
              {
                g_printerr ("%s: the window is not %d×%d\n", path, width, height);
                status = 1;
              }
            if (!view_drawn (area) || !ui_test_paint_by (GTK_WIDGET (window), deadline))
              {
                g_printerr ("%s: the view was not drawn\n", path);
                status = 1;
              }
            else if (!save_view (GTK_WIDGET (window), area, 24, path))
              {
                g_printerr ("%s: the view looks blank\n", path);
                status = 1;
              }
          }
        /* The error banner over a view, as a file that does not load leaves it. */
        {
          g_autofree char *path = NULL;
          g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/regions.json");
          gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

          path = picture_path (folder, "error", dark, size_in_name, width, height);
          rex_window_set_view (window, "compare");
          rex_window_open_file (window, missing);
          GtkWidget *banner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), REX_TYPE_WINDOW,
                                                                         "banner_revealer"));

          /* The banner fades in: waited for until it is all there. */
          while ((rex_window_is_loading (window) || !settled (window, width, height)
                  || !gtk_revealer_get_child_revealed (GTK_REVEALER (banner)))
                 && g_get_monotonic_time () < deadline)
            iterate (1);
          if (rex_window_get_error (window) == NULL || !ui_test_paint_by (GTK_WIDGET (window), deadline)
              /* A line of text with its icon and button on the banner's colour. */
              || !save_view (GTK_WIDGET (window), banner, 8, path))
            {
              g_printerr ("%s: no error banner\n", path);
              status = 1;
            }
        }
        /* Compare's Sources panel, open over its chart. */
        {
          g_autofree char *path = NULL;
          gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
          GtkWidget *page = rex_window_get_page (window, "compare");
          GtkWidget *sources = GTK_WIDGET (gtk_widget_get_template_child (page, REX_TYPE_CHART_PAGE, "sources_button"));
          GtkRevealer *panel = GTK_REVEALER (gtk_widget_get_template_child (page, REX_TYPE_CHART_PAGE, "info_revealer"));

          path = picture_path (folder, "sources", dark, size_in_name, width, height);
          rex_window_set_view (window, "compare");
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sources), TRUE);
          while (!(settled (window, width, height) && gtk_revealer_get_child_revealed (panel))
                 && g_get_monotonic_time () < deadline)
            iterate (1);
          if (!gtk_revealer_get_child_revealed (panel) || !ui_test_paint_by (GTK_WIDGET (window), deadline)
              || !save_view (GTK_WIDGET (window), GTK_WIDGET (panel), 8, path))
            {
              g_printerr ("%s: no Sources panel\n", path);
              status = 1;
            }
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sources), FALSE);
        }
        /* A region's profile, in its own window. */
        {
          g_autofree char *path = NULL;
          GtkWidget *profile = rex_window_show_profile (window, "CN-GD");

          path = picture_path (folder, "profile", dark, size_in_name, width, height);
          gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

          while (profile != NULL && !(gtk_widget_get_mapped (profile) && gtk_widget_get_width (profile) > 0)
                 && g_get_monotonic_time () < deadline)
            iterate (1);
          if (profile == NULL || !ui_test_paint_by (profile, deadline) || !save_view (profile, profile, 24, path))
            {
              g_printerr ("%s: the profile looks blank\n", path);
              status = 1;
            }
          if (profile != NULL)
            gtk_window_destroy (GTK_WINDOW (profile));
        }
        /* The dialogs, at the first size only: their size is their own. */
        if (size == 0 && !save_dialogs (window, folder, dark))
          status = 1;
        /* Leave the saved state as it was found. */
        rex_selection_set_ids (rex_window_get_selection (window), NULL);
        rex_window_set_view (window, "overview");
        gtk_window_destroy (GTK_WINDOW (window));
        iterate (20);
      }
  return status;
}
