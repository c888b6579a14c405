/* rex-cli.h — the headless command line: --export, --check, --list-*.
 *
 * Runs before GTK is initialised and needs no display: only the model and
 * render layers are used.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The option entries the application registers. */
const GOptionEntry *rex_cli_get_option_entries (void);

/* Handles the headless commands in @options. Returns an exit status, or -1
 * when the options ask for the window (no headless command given). */
int                 rex_cli_handle_options     (GVariantDict *options);

G_END_DECLS
