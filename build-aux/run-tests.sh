#!/usr/bin/env bash
# Installs what is missing, builds Region Explorer and runs the whole test
# suite (under Xvfb when there is no display), then the same suite again in an
# AddressSanitizer/UndefinedBehaviorSanitizer build (skip it with
# REX_SANITIZE=0), then, when REX_FUZZ_SECONDS is set and not 0, the dataset
# fuzzer, the image description fuzzer and the table importer's fuzzer for that
# many seconds each (CI sets 60). docs/reliability.md has details.
# Usage: build-aux/run-tests.sh [meson test options]
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-deps

builddir=${REX_BUILDDIR:-_build}
if [[ ! -f $builddir/build.ninja ]]; then
  meson setup "$builddir" --prefix=/usr
fi
meson compile -C "$builddir"

headless() {
  if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
    xvfb-run -a -s "-screen 0 1920x1080x24" "$@"
  else
    "$@"
  fi
}

headless meson test -C "$builddir" --print-errorlogs "$@"

if [[ ${REX_SANITIZE:-1} != 0 ]]; then
  asandir=${REX_ASAN_BUILDDIR:-_build-asan}
  if [[ ! -f $asandir/build.ninja ]]; then
    meson setup "$asandir" -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false
  fi
  meson compile -C "$asandir"
  headless meson test -C "$asandir" --setup=asan --print-errorlogs "$@"
fi

if [[ ${REX_FUZZ_SECONDS:-0} != 0 ]]; then
  build-aux/fuzz.sh "$REX_FUZZ_SECONDS" dataset
  build-aux/fuzz.sh "$REX_FUZZ_SECONDS" spec
  build-aux/fuzz.sh "$REX_FUZZ_SECONDS" table
fi
