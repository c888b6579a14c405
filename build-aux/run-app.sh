#!/usr/bin/env bash
# Installs what is missing, builds Region Explorer and runs it on the bundled
# dataset (or on the files given). Usage: build-aux/run-app.sh [FILE.json]
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-deps

builddir=${REX_BUILDDIR:-_build}
if [[ ! -f $builddir/build.ninja ]]; then
  meson setup "$builddir" --prefix=/usr
fi
meson compile -C "$builddir"

# Run from the build tree: settings schema from the build directory.
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
exec "$builddir/src/app/region-explorer" "$@"
