/* rex-cli.h — the headless command line: --export, --check, --list-*.
 *
 * Runs before GTK is initialised and needs no display: only the model and
 * render layers are used.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What each program of the application sets first: the locale and the
 * translations (from $REX_LOCALEDIR when set, for an uninstalled build),
 * and SIGXFSZ ignored, so that a file-size limit fails a write with EFBIG,
 * which the export reports and cleans up after, instead of ending the
 * process with its temporary file left behind. */
void                rex_cli_init_process       (void);
/* Registers the options, the usage line and the summary on @app: the same
 * for the command line and the window program. */
void                rex_cli_add_options        (GApplication *app);

/* Whether @argv asks for an image export (--export=FILE or --export FILE,
 * FILE a PNG, SVG or PDF), read before the options are parsed: only to
 * start loading fonts early, so a wrong guess costs time, not a result. */
gboolean            rex_cli_exports_image      (int           argc,
                                                char        **argv);

/* Handles the headless commands in @options. Returns an exit status, or -1
 * when the options ask for the window (no headless command given). */
int                 rex_cli_handle_options     (GVariantDict *options);

G_END_DECLS
