/* rex-import-dialog.c — the Import dialog: a statistics table read in a
 * worker thread and shown as the importer understood it (the decoded text,
 * encoding, layout, regions, metric, source and problems), with every choice
 * open to change. A change runs the import again with the new options; Import
 * is enabled only when the latest run has a dataset, so nothing that blocks
 * it can be imported by accident.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rex-a11y.h"
#include "rex-dialog-fit.h"
#include "rex-field-props.h"
#include "rex-focus-guard.h"
#include "rex-import-dialog.h"
#include "rex-widget-util.h"

/* Enough of the decoded text to see the header lines and the first rows. */
#define PREVIEW_BYTES (16 * 1024)
#define PREVIEW_LINES 60
/* Edits to the text fields are applied once typing pauses. */
#define EDIT_DELAY_MS 400

/* Items of the encoding drop-down after "Detected", as iconv names. */
static const char * const encodings[] = { "UTF-8", "GB18030", "GBK", "BIG5" };

/* Items of the combine drop-down after "Automatic". */
static const RexCombine combines[] = { REX_COMBINE_NONE, REX_COMBINE_SUM, REX_COMBINE_MEAN };

/* --- a row of the region list --- */

#define REX_TYPE_IMPORT_REGION_ITEM (rex_import_region_item_get_type ())
G_DECLARE_FINAL_TYPE (RexImportRegionItem, rex_import_region_item, REX, IMPORT_REGION_ITEM, GObject)

struct _RexImportRegionItem
{
  GObject   parent_instance;
  char     *label;
  char     *location;
  char     *status;
  gboolean  unknown;
  char    **suggestions;   /* "广东省 (CN-GD)", from the run where it was unknown */
};

G_DEFINE_FINAL_TYPE (RexImportRegionItem, rex_import_region_item, G_TYPE_OBJECT)

static void
rex_import_region_item_finalize (GObject *object)
{
  rex_field_props_clear (object);
  g_strfreev (REX_IMPORT_REGION_ITEM (object)->suggestions);
  G_OBJECT_CLASS (rex_import_region_item_parent_class)->finalize (object);
}

static void
rex_import_region_item_class_init (RexImportRegionItemClass *klass)
{
  const RexFieldProp props[] = {
    { "label", G_TYPE_STRING, G_STRUCT_OFFSET (RexImportRegionItem, label) },
    { "location", G_TYPE_STRING, G_STRUCT_OFFSET (RexImportRegionItem, location) },
    { "status", G_TYPE_STRING, G_STRUCT_OFFSET (RexImportRegionItem, status) },
    { "unknown", G_TYPE_BOOLEAN, G_STRUCT_OFFSET (RexImportRegionItem, unknown) },
  };

  G_OBJECT_CLASS (klass)->finalize = rex_import_region_item_finalize;
  rex_field_props_install (G_OBJECT_CLASS (klass), props, G_N_ELEMENTS (props));
}

static void
rex_import_region_item_init (RexImportRegionItem *self)
{
}

/* --- the dialog --- */

struct _RexImportDialog
{
  GtkWindow              parent_instance;

  /* template widgets */
  GtkButton             *import_button;
  GtkSpinner            *spinner;
  GtkLabel              *progress_label;
  GtkLabel              *status_label;
  GtkLabel              *encoding_title;
  GtkDropDown           *encoding_dropdown;
  GtkLabel              *encoding_label;
  GtkLabel              *sheet_title;
  GtkDropDown           *sheet_dropdown;
  GtkDropDown           *shape_dropdown;
  GtkLabel              *shape_label;
  GtkDropDown           *metric_dropdown;
  GtkEntry              *metric_id_entry;
  GtkEntry              *metric_name_entry;
  GtkEntry              *metric_name_zh_entry;
  GtkEntry              *unit_entry;
  GtkCheckButton        *percent_check;
  GtkCheckButton        *fractions_check;
  GtkDropDown           *combine_dropdown;
  GtkLabel              *combine_label;
  GtkEntry              *weight_entry;
  GtkEntry              *publisher_entry;
  GtkEntry              *title_entry;
  GtkLabel              *preview_label;
  GtkLabel              *regions_label;
  GtkListView           *regions_view;
  GtkBox                *match_box;
  GtkDropDown           *match_dropdown;
  GtkCheckButton        *skip_check;
  GtkLabel              *problems_label;

  GFile                 *file;
  gboolean               adding;
  RexTableImportOptions *options;
  RexTableImport        *import;
  char                  *error_message;
  GCancellable          *cancellable;     /* of the import running, or NULL */
  RexTableProgress      *progress;        /* of the latest run */
  guint                  progress_source; /* shows the progress while a run lasts */
  guint                  edit_source;     /* pending re-import after an edit */
  gboolean               updating;        /* filling fields: not an edit */
  GListStore            *regions;         /* RexImportRegionItem */
  GtkSingleSelection    *region_selection;
  GHashTable            *suggestions;     /* label → GStrv, kept once a label was unknown */
};

G_DEFINE_FINAL_TYPE (RexImportDialog, rex_import_dialog, GTK_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_import (RexImportDialog *self);

static void
update_import_button (RexImportDialog *self)
{
  gboolean busy = rex_import_dialog_is_busy (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            !busy && self->import != NULL
                            && rex_table_import_get_dataset (self->import) != NULL);
  gtk_spinner_set_spinning (self->spinner, self->cancellable != NULL);
}

/* The region id at the end of a suggestion: "广东省 (CN-GD)" → "CN-GD". */
static char *
suggestion_id (const char *suggestion)
{
  const char *open = strrchr (suggestion, '(');
  size_t len;

  if (open == NULL || !g_str_has_suffix (suggestion, ")"))
    return g_strdup (suggestion);
  len = strlen (open + 1);
  return g_strndup (open + 1, len - 1);
}

static void
set_entry (RexImportDialog *self,
           GtkEntry        *entry,
           const char      *option,
           const char      *found)
{
  const char *text = option != NULL ? option : found;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static void
fill_preview (RexImportDialog *self)
{
  g_autofree char *text = rex_table_import_get_text (self->import, PREVIEW_BYTES);
  GString *shown = g_string_new (NULL);
  const char *p = text;
  guint lines = 0;

  /* Whole lines only, tabs shown as wide gaps, CR dropped. */
  while (p != NULL && *p != '\0' && lines < PREVIEW_LINES)
    {
      const char *end = strchr (p, '\n');
      size_t len = end ? (size_t) (end - p) : strlen (p);

      if (end == NULL && strlen (text) >= PREVIEW_BYTES - 4)
        break;
      if (len > 0 && p[len - 1] == '\r')
        len--;
      for (size_t i = 0; i < len; i++)
        g_string_append_c (shown, p[i] == '\t' ? ' ' : p[i]);
      g_string_append_c (shown, '\n');
      lines++;
      p = end ? end + 1 : NULL;
    }
  if (p != NULL && *p != '\0')
    /* Translators: end of the Import dialog's text preview */
    g_string_append (shown, _("…"));
  else if (shown->len > 0)
    g_string_truncate (shown, shown->len - 1);
  gtk_label_set_text (self->preview_label, shown->str);
  g_string_free (shown, TRUE);
}

static void
fill_regions (RexImportDialog *self)
{
  GPtrArray *regions = rex_table_import_get_regions (self->import);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint unknown = 0;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < regions->len; i++)
    {
      RexTableRegion *region = regions->pdata[i];
      RexImportRegionItem *item = g_object_new (REX_TYPE_IMPORT_REGION_ITEM, NULL);
      const char *chosen = self->options->region_map
                           ? g_hash_table_lookup (self->options->region_map, region->label) : NULL;

      item->label = g_strdup (region->label);
      if (rex_table_import_get_sheet (self->import) != NULL)
        /* Translators: where a region label is in an Excel sheet */
        item->location = g_strdup_printf (_("row %d"), region->line);
      else
        /* Translators: where a region label is in the table */
        item->location = g_strdup_printf (_("line %d"), region->line);
      if (region->region_id == NULL)
        {
          item->unknown = TRUE;
          unknown++;
          item->suggestions = g_strdupv (region->suggestions);
          g_hash_table_replace (self->suggestions, g_strdup (region->label), g_strdupv (region->suggestions));
          if (region->suggestions != NULL && region->suggestions[0] != NULL)
            {
              g_autofree char *list = g_strjoinv (_(", "), region->suggestions);
              /* Translators: a region the table names that is not known; "did you mean 广东省 (CN-GD)?" */
              item->status = g_strdup_printf (_("Unknown: did you mean %s?"), list);
            }
          else
            item->status = g_strdup (_("Unknown region"));
        }
      else
        {
          /* The table's dataset is not there while it has errors: the
           * registry names the provinces, the id names the rest. */
          const RexRegistryEntry *entry = rex_region_registry_lookup_id (region->region_id);
          const char *name = entry == NULL ? region->region_id
                             : rex_locale_prefers_chinese () && entry->name_zh ? entry->name_zh
                             : entry->name;

          item->suggestions = g_strdupv (g_hash_table_lookup (self->suggestions, region->label));
          if (chosen != NULL)
            /* Translators: a region label matched by the user: "→ Guangdong (CN-GD), chosen" */
            item->status = g_strdup_printf (_("→ %s (%s), chosen"), name, region->region_id);
          else
            /* Translators: a region label the importer recognised: "→ Guangdong (CN-GD)" */
            item->status = g_strdup_printf (_("→ %s (%s)"), name, region->region_id);
        }
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->regions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->regions)),
                       items->pdata, items->len);

  if (unknown > 0)
    /* Translators: heading of the Import dialog's region list */
    heading = g_strdup_printf (ngettext ("Regions: %u recognised, %u unknown",
                                         "Regions: %u recognised, %u unknown", unknown),
                               regions->len - unknown, unknown);
  else
    /* Translators: heading of the Import dialog's region list */
    heading = g_strdup_printf (ngettext ("Regions: %u recognised", "Regions: %u recognised", regions->len),
                               regions->len);
  gtk_label_set_text (self->regions_label, heading);

  /* Select the first unknown row, so its suggestions are one click away. */
  for (guint i = 0; i < regions->len; i++)
    {
      RexImportRegionItem *item = items->pdata[i];

      if (item->unknown)
        {
          gtk_single_selection_set_selected (self->region_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->region_selection, GTK_INVALID_LIST_POSITION);
}

/* A sheet's cell as Excel names it: row 6, column 3 is "C6". */
static char *
cell_reference (int row,
                int column)
{
  char letters[8];
  guint n = 0;

  for (; column > 0 && n < sizeof letters; column = (column - 1) / 26)
    letters[n++] = 'A' + (column - 1) % 26;
  {
    GString *out = g_string_new (NULL);

    while (n > 0)
      g_string_append_c (out, letters[--n]);
    g_string_append_printf (out, "%d", row);
    return g_string_free (out, FALSE);
  }
}

static void
fill_problems (RexImportDialog *self)
{
  GString *text = g_string_new (NULL);
  GPtrArray *lists[] = { rex_table_import_get_errors (self->import),
                         rex_table_import_get_warnings (self->import) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        RexDatasetProblem *problem = lists[l]->pdata[i];
        g_autofree char *line = NULL;

        if (problem->line > 0 && problem->column > 0 && rex_table_import_get_sheet (self->import) != NULL)
          {
            g_autofree char *cell = cell_reference (problem->line, problem->column);

            /* Translators: a problem in an Excel sheet: "Cell C6: unknown region …" */
            line = g_strdup_printf (_("Cell %s: %s"), cell, problem->message);
          }
        else if (problem->line > 0 && problem->column > 0)
          /* Translators: a problem of the table: "Line 4, column 1: unknown region …" */
          line = g_strdup_printf (_("Line %d, column %d: %s"), problem->line, problem->column, problem->message);
        else if (problem->line > 0)
          /* Translators: a problem of the table: "Line 4: …" */
          line = g_strdup_printf (_("Line %d: %s"), problem->line, problem->message);
        else
          line = g_strdup (problem->message);
        if (text->len > 0)
          g_string_append_c (text, '\n');
        if (l == 0)
          /* Translators: a problem that blocks the import: "Error: Line 4, column 1: …" */
          g_string_append_printf (text, _("Error: %s"), line);
        else
          /* Translators: a problem that does not block the import */
          g_string_append_printf (text, _("Warning: %s"), line);
      }
  if (text->len == 0)
    g_string_append (text, _("None"));
  gtk_label_set_text (self->problems_label, text->str);
  g_string_free (text, TRUE);
}

static void
fill_status (RexImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = NULL;
  GPtrArray *errors = self->import ? rex_table_import_get_errors (self->import) : NULL;

  if (self->cancellable != NULL)
    /* Translators: the Import dialog while it reads "gdp.csv" */
    text = g_strdup_printf (_("Reading “%s”…"), name);
  else if (self->import == NULL)
    text = g_strdup (self->error_message ? self->error_message : "");
  else if (rex_table_import_get_dataset (self->import) == NULL)
    /* Translators: the Import dialog when the table has errors */
    text = g_strdup_printf (ngettext ("“%s” has %u problem that blocks the import: see Problems.",
                                      "“%s” has %u problems that block the import: see Problems.",
                                      errors ? errors->len : 0),
                            name, errors ? errors->len : 0);
  else
    {
      RexDataset *dataset = rex_table_import_get_dataset (self->import);
      guint n_regions = rex_table_import_count_regions (self->import);
      guint n_metrics = g_list_model_get_n_items (rex_dataset_get_metrics (dataset));

      g_autofree char *regions = NULL;
      g_autofree char *metrics = NULL;

      /* Translators: part of "“gdp.csv”: 31 regions, 1 metric" */
      regions = g_strdup_printf (ngettext ("%u region", "%u regions", n_regions), n_regions);
      /* Translators: part of "“gdp.csv”: 31 regions, 1 metric" */
      metrics = g_strdup_printf (ngettext ("%u metric", "%u metrics", n_metrics), n_metrics);
      /* Translators: the Import dialog when the table can be imported: "“gdp.csv”: 31 regions, 1 metric" */
      text = g_strdup_printf (_("“%s”: %s, %s"), name, regions, metrics);
    }
  gtk_label_set_text (self->status_label, text);
}

/* The metric the fields show: the one chosen in the metric drop-down when
 * the table has several. */
static guint
shown_metric (RexImportDialog *self)
{
  guint n = self->import != NULL ? rex_table_import_get_n_metrics (self->import) : 0;
  guint selected = gtk_drop_down_get_selected (self->metric_dropdown);

  return n > 1 && selected < n ? selected : 0;
}

static const char *
shown_metric_label (RexImportDialog *self)
{
  if (self->import == NULL || rex_table_import_get_n_metrics (self->import) < 2)
    return NULL;
  return rex_table_import_get_metric_label (self->import, shown_metric (self));
}

/* What the user said of the shown metric (nothing yet: all unset). */
static const RexTableMetricOptions *
shown_metric_options (RexImportDialog *self)
{
  static const RexTableMetricOptions unset = { NULL, NULL, NULL, NULL, -1, -1, NULL };
  const char *label = shown_metric_label (self);
  const RexTableMetricOptions *o = NULL;

  if (label == NULL)
    return &self->options->metric;
  if (self->options->metrics != NULL)
    o = g_hash_table_lookup (self->options->metrics, label);
  return o != NULL ? o : &unset;
}

static RexTableMetricOptions *
edited_metric_options (RexImportDialog *self)
{
  return rex_table_import_options_get_metric (self->options, shown_metric_label (self));
}

/* Gives @dropdown the list @strings, unless it has it already; TRUE when
 * the list changed. */
static gboolean
set_dropdown_strings (GtkDropDown        *dropdown,
                      const char * const *strings)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n = g_strv_length ((char **) strings);
  gboolean same = model != NULL && g_list_model_get_n_items (model) == n;
  g_autoptr(GtkStringList) list = NULL;

  for (guint i = 0; i < n && same; i++)
    same = g_str_equal (strings[i], gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  if (same)
    return FALSE;
  list = gtk_string_list_new (strings);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  return TRUE;
}

/* The metric drop-down lists the table's metrics by the names the table
 * gives them, when it has several; the one shown stays shown. */
static void
fill_metric_dropdown (RexImportDialog *self)
{
  guint n = rex_table_import_get_n_metrics (self->import);
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->metric_dropdown);
  const char *shown = item != NULL ? gtk_string_object_get_string (item) : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *label = rex_table_import_get_metric_label (self->import, i);

      g_ptr_array_add (labels, g_strdup (label != NULL ? label : ""));
      if (g_strcmp0 (labels->pdata[i], shown) == 0)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->metric_dropdown), n > 1);
  if (set_dropdown_strings (self->metric_dropdown, (const char * const *) labels->pdata))
    gtk_drop_down_set_selected (self->metric_dropdown, selected);
}

/* A workbook's sheets in place of the encoding; the one read chosen. */
static void
fill_sheet_dropdown (RexImportDialog *self)
{
  const char * const *names = rex_table_import_get_sheet_names (self->import);
  gboolean workbook = names != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->encoding_title), !workbook);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_dropdown), !workbook);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_title), workbook);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_dropdown), workbook);
  if (!workbook)
    return;
  set_dropdown_strings (self->sheet_dropdown, names);
  gtk_drop_down_set_selected (self->sheet_dropdown, rex_table_import_get_sheet_number (self->import) - 1);
}

static void
fill_fields (RexImportDialog *self)
{
  RexTableImport *import = self->import;
  const RexTableImportOptions *o = self->options;
  const RexTableMetricOptions *mo;
  RexTableShape shape;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  guint m;

  self->updating = TRUE;
  fill_metric_dropdown (self);
  m = shown_metric (self);
  mo = shown_metric_options (self);

  fill_sheet_dropdown (self);
  if (rex_table_import_get_sheet (import) != NULL)
    /* Translators: under the sheet drop-down of an Excel workbook: "Read the sheet “GDP”, 2 of 3" */
    text = g_strdup_printf (_("Read the sheet “%s”, %u of %u"), rex_table_import_get_sheet (import),
                            rex_table_import_get_sheet_number (import), rex_table_import_get_n_sheets (import));
  else
    /* Translators: under the encoding drop-down: "Read as GB18030 (detected)" */
    text = g_strdup_printf (rex_table_import_get_encoding_detected (import) ? _("Read as %s (detected)")
                            /* Translators: under the encoding drop-down: "Read as GBK (chosen)" */
                            : _("Read as %s (chosen)"),
                            rex_table_import_get_encoding (import));
  gtk_label_set_text (self->encoding_label, text);
  g_clear_pointer (&text, g_free);

  shape = rex_table_import_get_shape (import);
  /* Translators: under the layout drop-down */
  text = g_strdup_printf (_("Read as %s"),
                          shape == REX_TABLE_SHAPE_REGIONS_IN_ROWS && rex_table_import_get_metric_columns (import)
                          ? _("regions in rows, a metric in each column")
                          : shape == REX_TABLE_SHAPE_REGIONS_IN_ROWS ? _("regions in rows, years in columns")
                          : shape == REX_TABLE_SHAPE_YEARS_IN_ROWS ? _("years in rows, regions in columns")
                          : rex_table_import_get_metric_columns (import)
                          ? _("regions and years in rows, a metric in each column")
                          : _("one value per row (long)"));
  gtk_label_set_text (self->shape_label, text);

  set_entry (self, self->metric_id_entry, mo->id, rex_table_import_get_metric_id (import, m));
  set_entry (self, self->metric_name_entry, mo->name, rex_table_import_get_metric_name (import, m));
  set_entry (self, self->metric_name_zh_entry, mo->name_zh, rex_table_import_get_metric_name_zh (import, m));
  set_entry (self, self->unit_entry, mo->unit, rex_table_import_get_unit (import, m));
  set_entry (self, self->weight_entry, mo->weight_id, NULL);
  set_entry (self, self->publisher_entry, o->publisher, rex_table_import_get_publisher (import));
  title = rex_table_import_dup_title (import);
  set_entry (self, self->title_entry, o->source_title, title);
  gtk_check_button_set_active (self->percent_check, rex_table_import_get_percent (import, m));
  /* The offer is there while it applies, or while it is taken. */
  gtk_widget_set_visible (GTK_WIDGET (self->fractions_check),
                          o->scale_fractions || rex_table_import_get_looks_like_fractions (import));
  gtk_check_button_set_active (self->fractions_check, o->scale_fractions);
  if (mo->combine < 0)
    gtk_drop_down_set_selected (self->combine_dropdown, 0);
  for (guint i = 0; i < G_N_ELEMENTS (combines); i++)
    if (mo->combine == (int) combines[i])
      gtk_drop_down_set_selected (self->combine_dropdown, i + 1);
  switch (rex_table_import_get_combine (import, m))
    {
    case REX_COMBINE_SUM:
      /* Translators: under the group values drop-down */
      gtk_label_set_text (self->combine_label, _("Groups of regions get the sum of their members"));
      break;
    case REX_COMBINE_MEAN:
      /* Translators: under the group values drop-down */
      gtk_label_set_text (self->combine_label, _("Groups of regions get the mean of their members"));
      break;
    case REX_COMBINE_NONE:
    default:
      /* Translators: under the group values drop-down */
      gtk_label_set_text (self->combine_label, _("Values of groups of regions are not derived"));
      break;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->weight_entry),
                            rex_table_import_get_combine (import, m) == REX_COMBINE_MEAN);
  self->updating = FALSE;
}

static void
show_import (RexImportDialog *self)
{
  if (self->import != NULL)
    {
      fill_fields (self);
      fill_preview (self);
      fill_regions (self);
      fill_problems (self);
    }
  else
    {
      gtk_label_set_text (self->preview_label, "");
      gtk_label_set_text (self->problems_label, self->error_message ? self->error_message : "");
      g_list_store_remove_all (self->regions);
      gtk_label_set_text (self->regions_label, _("Regions"));
    }
  fill_status (self);
  update_import_button (self);
}

/* "1,024 of 58,000 rows" beside Cancel: how far the run has got, and once
 * it is done, how many rows it read. */
static void
show_progress (RexImportDialog *self)
{
  RexTableProgressUnit unit;
  guint64 done, total;
  g_autofree char *text = NULL;

  rex_table_progress_get (self->progress, &unit, &done, &total);
  if (total == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
      return;
    }
  if (unit == REX_TABLE_PROGRESS_ROWS)
    {
      g_autofree char *done_rows = g_strdup_printf ("%" G_GUINT64_FORMAT, done);
      g_autofree char *total_rows = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

      /* Translators: how much of a table the import has read, "1024 of 58000 rows" */
      text = g_strdup_printf (ngettext ("%s of %s row", "%s of %s rows", (gulong) MIN (total, G_MAXULONG)),
                              done_rows, total_rows);
    }
  else
    {
      g_autofree char *done_size = g_format_size (done);
      g_autofree char *total_size = g_format_size (total);

      /* Translators: how much of a table file the import has read, "1.2 MB of 30.5 MB" */
      text = g_strdup_printf (_("%s of %s"), done_size, total_size);
    }
  gtk_label_set_text (self->progress_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), TRUE);
}

static gboolean
progress_tick (gpointer data)
{
  RexImportDialog *self = data;

  show_progress (self);
  return G_SOURCE_CONTINUE;
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(RexImportDialog) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexTableImport) import = rex_table_import_file_finish (result, &error);

  g_weak_ref_clear (weak);
  g_free (weak);
  /* Only the latest run counts; one replaced or cancelled is dropped, and
   * so is any run of a dialog already closed. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  show_progress (self);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_object (&self->import);
  if (import == NULL)
    self->error_message = g_strdup (error->message);
  else
    self->import = g_steal_pointer (&import);
  show_import (self);
}

static void
start_import (RexImportDialog *self)
{
  /* The run does not keep the dialog: closed, it is finalized at once and
   * its dispose cancels the run. */
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  g_clear_handle_id (&self->edit_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_clear_pointer (&self->progress, rex_table_progress_unref);
  self->progress = rex_table_progress_new ();
  rex_table_import_file_async (self->file, self->options, self->progress, self->cancellable,
                               on_import_done, weak);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, progress_tick, self);
  show_progress (self);
  fill_status (self);
  update_import_button (self);
}

static gboolean
edit_timeout_cb (gpointer data)
{
  RexImportDialog *self = data;

  self->edit_source = 0;
  start_import (self);
  return G_SOURCE_REMOVE;
}

/* Runs the import again once the user pauses. */
static void
schedule_import (RexImportDialog *self)
{
  g_clear_handle_id (&self->edit_source, g_source_remove);
  self->edit_source = g_timeout_add (EDIT_DELAY_MS, edit_timeout_cb, self);
  update_import_button (self);
}

static void
set_option (char       **option,
            const char  *text)
{
  g_free (*option);
  *option = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
field_changed_cb (RexImportDialog *self,
                  GtkEditable     *editable)
{
  const char *text = gtk_editable_get_text (editable);
  GtkEntry *entry = GTK_ENTRY (editable);

  if (self->updating)
    return;
  if (entry == self->metric_id_entry)
    set_option (&edited_metric_options (self)->id, text);
  else if (entry == self->metric_name_entry)
    set_option (&edited_metric_options (self)->name, text);
  else if (entry == self->metric_name_zh_entry)
    set_option (&edited_metric_options (self)->name_zh, text);
  else if (entry == self->unit_entry)
    set_option (&edited_metric_options (self)->unit, text);
  else if (entry == self->weight_entry)
    set_option (&edited_metric_options (self)->weight_id, text);
  else if (entry == self->publisher_entry)
    set_option (&self->options->publisher, text);
  else if (entry == self->title_entry)
    set_option (&self->options->source_title, text);
  schedule_import (self);
}

static void
encoding_changed_cb (RexImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->encoding_dropdown);

  if (self->updating)
    return;
  set_option (&self->options->encoding,
              selected >= 1 && selected <= G_N_ELEMENTS (encodings) ? encodings[selected - 1] : NULL);
  start_import (self);
}

static void
sheet_changed_cb (RexImportDialog *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->sheet_dropdown);

  if (self->updating || item == NULL)
    return;
  set_option (&self->options->sheet, gtk_string_object_get_string (item));
  start_import (self);
}

static void
shape_changed_cb (RexImportDialog *self)
{
  static const RexTableShape shapes[] = {
    REX_TABLE_SHAPE_AUTO, REX_TABLE_SHAPE_REGIONS_IN_ROWS,
    REX_TABLE_SHAPE_YEARS_IN_ROWS, REX_TABLE_SHAPE_LONG,
  };
  guint selected = gtk_drop_down_get_selected (self->shape_dropdown);

  if (self->updating)
    return;
  self->options->shape = selected < G_N_ELEMENTS (shapes) ? shapes[selected] : REX_TABLE_SHAPE_AUTO;
  start_import (self);
}

static void
percent_toggled_cb (RexImportDialog *self)
{
  if (self->updating)
    return;
  edited_metric_options (self)->percent = gtk_check_button_get_active (self->percent_check) ? 1 : 0;
  start_import (self);
}

static void
fractions_toggled_cb (RexImportDialog *self)
{
  if (self->updating)
    return;
  self->options->scale_fractions = gtk_check_button_get_active (self->fractions_check);
  start_import (self);
}

static void
combine_changed_cb (RexImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->combine_dropdown);

  if (self->updating)
    return;
  edited_metric_options (self)->combine = selected >= 1 && selected <= G_N_ELEMENTS (combines)
                                          ? (int) combines[selected - 1] : -1;
  start_import (self);
}

/* Another of the table's metrics: the fields show it. */
static void
metric_changed_cb (RexImportDialog *self)
{
  if (self->updating || self->import == NULL)
    return;
  fill_fields (self);
}

static void
skip_toggled_cb (RexImportDialog *self)
{
  if (self->updating)
    return;
  self->options->skip_unknown = gtk_check_button_get_active (self->skip_check);
  start_import (self);
}

/* The selected row's choices: "Not matched", its suggestions, then every
 * region the registry knows, for when no suggestion is right. */
static void
on_region_selected (RexImportDialog *self)
{
  RexImportRegionItem *item = gtk_single_selection_get_selected_item (self->region_selection);
  g_autoptr(GtkStringList) choices = NULL;
  const char *chosen;
  guint selected = 0;

  if (item == NULL || (!item->unknown && item->suggestions == NULL))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->match_box), FALSE);
      return;
    }
  chosen = self->options->region_map ? g_hash_table_lookup (self->options->region_map, item->label) : NULL;
  choices = gtk_string_list_new (NULL);
  /* Translators: the first choice for an unknown region: leave it as it is */
  gtk_string_list_append (choices, _("Not matched"));
  for (guint i = 0; item->suggestions != NULL && item->suggestions[i] != NULL; i++)
    {
      g_autofree char *id = suggestion_id (item->suggestions[i]);

      gtk_string_list_append (choices, item->suggestions[i]);
      if (chosen != NULL && g_str_equal (id, chosen))
        selected = i + 1;
    }
  for (guint i = 0; i < rex_region_registry_get_n_entries (); i++)
    {
      const RexRegistryEntry *entry = rex_region_registry_get_entry (i);
      g_autofree char *text = NULL;

      if (entry->kind != REX_REGION_KIND_PROVINCE)
        continue;
      text = g_strdup_printf ("%s (%s)", entry->full_name_zh ? entry->full_name_zh : entry->name, entry->id);
      gtk_string_list_append (choices, text);
      if (selected == 0 && chosen != NULL && g_str_equal (entry->id, chosen))
        selected = g_list_model_get_n_items (G_LIST_MODEL (choices)) - 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->match_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->match_dropdown, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->match_box), TRUE);
}

static void
match_changed_cb (RexImportDialog *self)
{
  RexImportRegionItem *item = gtk_single_selection_get_selected_item (self->region_selection);
  GtkStringObject *choice = gtk_drop_down_get_selected_item (self->match_dropdown);

  if (self->updating || item == NULL || choice == NULL)
    return;
  if (gtk_drop_down_get_selected (self->match_dropdown) == 0)
    {
      if (self->options->region_map == NULL
          || !g_hash_table_remove (self->options->region_map, item->label))
        return;
    }
  else
    {
      g_autofree char *id = suggestion_id (gtk_string_object_get_string (choice));

      rex_table_import_options_map_region (self->options, item->label, id);
    }
  start_import (self);
}

static void
import_clicked_cb (RexImportDialog *self)
{
  RexDataset *dataset = self->import ? rex_table_import_get_dataset (self->import) : NULL;

  if (dataset == NULL || rex_import_dialog_is_busy (self))
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, dataset);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* --- GObject --- */

static void
rex_import_dialog_dispose (GObject *object)
{
  RexImportDialog *self = REX_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->edit_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, rex_table_progress_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), REX_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->region_selection);
  g_clear_object (&self->regions);
  g_clear_object (&self->import);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (rex_import_dialog_parent_class)->dispose (object);
}

static void
rex_import_dialog_finalize (GObject *object)
{
  RexImportDialog *self = REX_IMPORT_DIALOG (object);

  g_clear_pointer (&self->options, rex_table_import_options_free);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  g_free (self->error_message);
  G_OBJECT_CLASS (rex_import_dialog_parent_class)->finalize (object);
}

static void
rex_import_dialog_class_init (RexImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rex_import_dialog_dispose;
  object_class->finalize = rex_import_dialog_finalize;

  /**
   * RexImportDialog::imported:
   * @dataset: the imported dataset
   *
   * Emitted when the user presses Import, before the dialog closes.
   */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, REX_TYPE_DATASET);

  g_type_ensure (REX_TYPE_IMPORT_REGION_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rex-import-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RexImportDialog, name)
  BIND (import_button);
  BIND (spinner);
  BIND (progress_label);
  BIND (status_label);
  BIND (encoding_title);
  BIND (encoding_dropdown);
  BIND (sheet_title);
  BIND (sheet_dropdown);
  BIND (encoding_label);
  BIND (shape_dropdown);
  BIND (shape_label);
  BIND (metric_dropdown);
  BIND (metric_id_entry);
  BIND (metric_name_entry);
  BIND (metric_name_zh_entry);
  BIND (unit_entry);
  BIND (percent_check);
  BIND (fractions_check);
  BIND (combine_dropdown);
  BIND (combine_label);
  BIND (weight_entry);
  BIND (publisher_entry);
  BIND (title_entry);
  BIND (preview_label);
  BIND (regions_label);
  BIND (regions_view);
  BIND (match_box);
  BIND (match_dropdown);
  BIND (skip_check);
  BIND (problems_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, encoding_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, shape_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, percent_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, fractions_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, combine_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, match_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rex_import_dialog_init (RexImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rex_focus_guard_attach (GTK_WINDOW (self));
  rex_a11y_name_drop_downs (GTK_WIDGET (self));
  rex_widget_show_ellipsized_text (GTK_WIDGET (self));
  self->updating = FALSE;
  self->options = rex_table_import_options_new ();
  self->suggestions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->regions = g_list_store_new (REX_TYPE_IMPORT_REGION_ITEM);
  self->region_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->regions)));
  gtk_single_selection_set_autoselect (self->region_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->region_selection, TRUE);
  g_signal_connect_swapped (self->region_selection, "notify::selected",
                            G_CALLBACK (on_region_selected), self);
  gtk_list_view_set_model (self->regions_view, GTK_SELECTION_MODEL (self->region_selection));
  factory = gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_PREFIX "/rex-import-region-row.ui");
  gtk_list_view_set_factory (self->regions_view, factory);
  gtk_widget_set_sensitive (GTK_WIDGET (self->match_box), FALSE);
}

RexImportDialog *
rex_import_dialog_new (GtkWindow *parent,
                       GFile     *file,
                       gboolean   adding)
{
  RexImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (REX_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  rex_dialog_fit_parent (GTK_WINDOW (self));
  self->file = g_object_ref (file);
  self->adding = adding;
  if (adding)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Table"));
      gtk_button_set_label (self->import_button, _("_Add"));
    }
  start_import (self);
  return self;
}

GFile *
rex_import_dialog_get_file (RexImportDialog *self)
{
  g_return_val_if_fail (REX_IS_IMPORT_DIALOG (self), NULL);
  return self->file;
}

gboolean
rex_import_dialog_get_adding (RexImportDialog *self)
{
  g_return_val_if_fail (REX_IS_IMPORT_DIALOG (self), FALSE);
  return self->adding;
}

RexTableImport *
rex_import_dialog_get_import (RexImportDialog *self)
{
  g_return_val_if_fail (REX_IS_IMPORT_DIALOG (self), NULL);
  return self->import;
}

const char *
rex_import_dialog_get_error (RexImportDialog *self)
{
  g_return_val_if_fail (REX_IS_IMPORT_DIALOG (self), NULL);
  return self->error_message;
}

gboolean
rex_import_dialog_is_busy (RexImportDialog *self)
{
  g_return_val_if_fail (REX_IS_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL || self->edit_source != 0;
}

const RexTableImportOptions *
rex_import_dialog_get_options (RexImportDialog *self)
{
  g_return_val_if_fail (REX_IS_IMPORT_DIALOG (self), NULL);
  return self->options;
}
