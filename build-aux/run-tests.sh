#!/usr/bin/env bash
# Installs what is missing, builds Region Explorer and runs the whole test
# suite (under Xvfb when there is no display). Usage: build-aux/run-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-deps

builddir=${REX_BUILDDIR:-_build}
if [[ ! -f $builddir/build.ninja ]]; then
  meson setup "$builddir" --prefix=/usr
fi
meson compile -C "$builddir"

run=(meson test -C "$builddir" --print-errorlogs "$@")
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" "${run[@]}"
else
  "${run[@]}"
fi
