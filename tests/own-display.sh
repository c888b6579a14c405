#!/bin/sh
# own-display.sh PROGRAM [ARGUMENT…] — runs a UI test on an X display of its
# own, a private Xvfb that ends with it, and a data folder of its own.
#
# Tests that run side by side on one display take the keyboard focus from one
# another: each window presented takes it. GTK then treats the others as
# inactive windows, closes their popovers and clears their focus path, and a
# test that opened a menu or moved the focus failed by chance
# (docs/reliability.md). Xvfb picks a free display number itself
# (-displayfd), so tests started at the same moment never race for one.
set -u

dir=$(mktemp -d "${TMPDIR:-/tmp}/rex-display.XXXXXX") || exit 99
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The number is written, with a newline, once the server takes connections.
tries=0
until grep -q '^[0-9][0-9]*$' "$dir/display" 2>/dev/null; do
  if ! kill -0 "$xvfb" 2>/dev/null || [ "$tries" -ge 600 ]; then
    echo "own-display.sh: Xvfb did not start:" >&2
    cat "$dir/xvfb.log" >&2
    exit 99
  fi
  tries=$((tries + 1))
  sleep 0.05
done

# The recently used files (Open Recent) in a folder of the test's own, not
# the account's, and not shared with the tests running beside it.
mkdir -p "$dir/data"
DISPLAY=":$(cat "$dir/display")" GDK_BACKEND=x11 WAYLAND_DISPLAY='' XDG_DATA_HOME="$dir/data" "$@"
