#!/usr/bin/env bash
# Refreshes data/screenshots/ (used by the AppStream metainfo) from the real
# window, every view in the light and dark styles.
# Usage: build-aux/update-screenshots.sh [BUILDDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${1:-_build}
meson compile -C "$builddir" screenshot-views
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data" GTK_A11Y=none \
       LANGUAGE=en GSK_RENDERER=cairo
xvfb-run -a -s "-screen 0 1600x1000x24" "$builddir/tests/screenshot-views" data/screenshots 1400 900
