/* rex-window-private.h — what the window's files share: the instance
 * struct and the functions one file calls in another; and what the UI
 * tests drive where a person would use a file chooser or drag a file.
 *
 * rex-window.c          the class, construction, disposal, views, dataset
 * rex-window-regions.c  the region sidebar: list, search, filters, count
 * rex-window-state.c    the size, view, selection and chart options kept across runs
 * rex-window-actions.c  region profiles, the banners and the window's other actions
 * rex-window-load.c     opening datasets and exported charts, drops, file choosers
 * rex-window-export.c   Export, Export Again, Copy Chart, Print, the exported file
 * rex-window-import.c   Add Data, Save Dataset As, tables opened and dropped */
#pragma once

#include "rex-chart-page.h"
#include "rex-drop-dialog.h"
#include "rex-export-dialog.h"
#include "rex-import-dialog.h"
#include "rex-merge-dialog.h"
#include "rex-overview-page.h"
#include "rex-region-profile.h"
#include "rex-split-view.h"
#include "rex-table-page.h"
#include "rex-window.h"

G_BEGIN_DECLS

/* The chart views. */
enum {
  COMPARE,
  TRENDS,
  RELATIONSHIPS,
  MAP,
  RURAL,
  N_CHART_VIEWS
};

struct _RexWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *group_dropdown;
  GtkListView          *region_list;
  GtkLabel             *region_count_label;
  GtkStack             *view_stack;
  GtkButton            *cancel_button;
  GtkToggleButton      *sidebar_button;
  GtkDropDown          *view_dropdown;
  RexSplitView         *split_view;
  RexOverviewPage      *overview_page;
  GtkBox               *chart_slots[N_CHART_VIEWS];
  RexTablePage         *table_page;

  RexChartPage         *chart_pages[N_CHART_VIEWS];  /* in their slots; NULL until needed */

  RexDataset           *dataset;
  RexSelection         *selection;
  GListStore           *entries;         /* RexRegionEntry */
  GHashTable           *entry_by_id;     /* id → RexRegionEntry (borrowed) */
  GPtrArray            *groups;          /* RexRegion*, the group filter's items after "any" */
  GtkFilterListModel   *filter_model;
  GtkStringFilter      *search_filter;
  GtkCustomFilter      *kind_filter;
  RexChartPage         *current_page;    /* last chart page shown */
  GCancellable         *load_cancellable;
  char                 *error_message;
  GFile                *exported_file;   /* for the notice's Open / Show in Folder */
  RexExportSettings    *last_export;     /* what "Export Again" reuses */
  RexExportDialog      *export_dialog;   /* the open Export dialog (weak), or NULL */
  RexRegionProfile     *profile;         /* the open region profile (weak), or NULL */
  GtkWindow            *shortcuts;       /* the shortcuts window, once asked for */
  GCancellable         *export_cancellable;
  GtkPrintSettings     *print_settings;  /* the last print's, offered again */
  GtkPageSetup         *page_setup;      /* the last print's paper and orientation */
  GSettings            *settings;
  GFile                *loading_file;    /* the file of the load in progress */
  gboolean              restoring;       /* applying saved state: do not save it back */
  GMenuModel           *primary_menu;    /* the main menu (template) */
  GMenu                *recent_menu;     /* Open Recent's items */
  gboolean              recent_shown;    /* Open Recent is in the main menu */
};

/* rex-window.c */
/* The page of chart view @i, made and filled if it is not yet. */
RexChartPage    *rex_window_ensure_page         (RexWindow  *self,
                                                 guint       i);
/* Which chart view's slot @child is, or -1. */
int              rex_window_chart_view_of       (RexWindow  *self,
                                                 GtkWidget  *child);
/* The number format the preferences ask for. */
RexNumberFormat  rex_window_get_number_format   (RexWindow  *self);
/* Shows @dataset made in the window (imported, merged): a load in progress
 * is cancelled, the error banner hidden, and the next start opens the
 * bundled data, since the dataset is no file's. */
void             rex_window_show_made_dataset   (RexWindow  *self,
                                                 RexDataset *dataset);

/* rex-window-regions.c */
void             rex_window_regions_class_init  (GtkWidgetClass *widget_class);
void             rex_window_regions_init        (RexWindow  *self);
void             rex_window_update_region_count (RexWindow  *self);
void             rex_window_select_shown        (RexWindow  *self);
void             rex_window_fill_group_filter   (RexWindow  *self);
void             rex_window_fill_region_list    (RexWindow  *self,
                                                 RexDataset *dataset);

/* rex-window-state.c */
void             rex_window_state_init          (RexWindow    *self);
void             rex_window_save_page_state     (RexWindow    *self,
                                                 RexChartPage *page);
void             rex_window_save_selection      (RexWindow  *self);
/* Applies the saved metrics, year and options to a chart page. */
void             rex_window_restore_page_state  (RexWindow    *self,
                                                 RexChartPage *page);
/* Applies the saved selection and the pages' saved state. */
void             rex_window_restore_state       (RexWindow  *self);

/* rex-window-actions.c */
void             rex_window_actions_class_init  (GtkWidgetClass *widget_class);
void             rex_window_close_profile       (RexWindow  *self);
/* Shows @message in the notice; with @file, its Open and Show in Folder
 * act on that file. */
void             rex_window_show_file_notice    (RexWindow  *self,
                                                 const char *message,
                                                 GFile      *file);
void             rex_window_show_error          (RexWindow  *self,
                                                 const char *message);
void             rex_window_show_notice         (RexWindow  *self,
                                                 const char *message);

/* rex-window-load.c */
void             rex_window_load_class_init     (GtkWidgetClass *widget_class);
/* What is done with a file the person chose. */
typedef void   (*RexWindowFileFunc)             (RexWindow  *self,
                                                 GFile      *file);
/* The kinds of file the window's choosers offer, each a filter. */
typedef enum
{
  REX_FILE_FILTER_DATASETS_AND_TABLES = 1 << 0,
  REX_FILE_FILTER_JSON                = 1 << 1,
  REX_FILE_FILTER_TABLES              = 1 << 2,
  REX_FILE_FILTER_CHARTS              = 1 << 3,
  REX_FILE_FILTER_ALL                 = 1 << 4,
  REX_FILE_FILTER_CSV                 = 1 << 5,
} RexFileFilters;
void             rex_window_choose_file         (RexWindow            *self,
                                                 const char           *title,
                                                 GtkFileChooserAction  action,
                                                 const char           *accept_label,
                                                 RexFileFilters        filters,
                                                 const char           *name,
                                                 RexWindowFileFunc     func);
gboolean         rex_window_on_drop             (GtkDropTarget *target,
                                                 const GValue  *value,
                                                 double         x,
                                                 double         y,
                                                 RexWindow     *self);

/* rex-window-recent.c: the main menu's Open Recent */
void             rex_window_recent_class_init   (GtkWidgetClass *widget_class);
void             rex_window_recent_init         (RexWindow  *self);
void             rex_window_recent_dispose      (RexWindow  *self);
/* Puts @file, a dataset that loaded or a table imported, first in Open Recent. */
void             rex_window_add_recent          (RexWindow  *self,
                                                 GFile      *file);

/* rex-window-export.c */
void             rex_window_export_class_init   (GtkWidgetClass *widget_class);
void             rex_window_export_dispose      (RexWindow  *self);
void             rex_window_export_chart        (RexWindow  *self,
                                                 RexChart   *chart,
                                                 GtkWindow  *parent);
void             rex_window_print_chart         (RexWindow  *self,
                                                 RexChart   *chart,
                                                 GtkWindow  *parent);

/* rex-window-import.c: Add Data, Save Dataset As, tables opened and dropped */
void             rex_window_import_class_init   (GtkWidgetClass *widget_class);
void             rex_window_import_init         (RexWindow  *self);
void             rex_window_import_dispose      (RexWindow  *self);
gboolean         rex_window_file_is_table       (GFile      *file);
/* Opens the Import dialog for @file; its result replaces the dataset on
 * screen, or with @add is merged into it. */
RexImportDialog *rex_window_import_table        (RexWindow  *self,
                                                 GFile      *file,
                                                 gboolean    add);
/* Adds a table (through the Import dialog) or a JSON dataset to the data
 * on screen; differing values are asked about. */
void             rex_window_add_file            (RexWindow  *self,
                                                 GFile      *file);
/* Merges @addition into the data on screen, asking about differing values. */
void             rex_window_add_dataset         (RexWindow  *self,
                                                 RexDataset *addition,
                                                 const char *name);
/* Writes the dataset on screen to @file in a worker thread. */
void             rex_window_save_dataset        (RexWindow  *self,
                                                 GFile      *file);
/* Writes every value of the dataset on screen to @file as one long CSV
 * table, in a worker thread. */
void             rex_window_export_data         (RexWindow  *self,
                                                 GFile      *file);
gboolean         rex_window_is_saving           (RexWindow  *self);
gboolean         rex_window_is_adding           (RexWindow  *self);
/* A file dropped on the window: a table asks Open or Add, others open. */
void             rex_window_drop_file           (RexWindow  *self,
                                                 GFile      *file);
/* The open Import, merge or drop question, or NULL. */
RexImportDialog *rex_window_get_import_dialog   (RexWindow  *self);
RexMergeDialog  *rex_window_get_merge_dialog    (RexWindow  *self);
RexDropDialog   *rex_window_get_drop_dialog     (RexWindow  *self);

G_END_DECLS
