#!/usr/bin/env bash
# Refreshes data/screenshots/ (used by the AppStream metainfo) from the real
# window: every view in the light and dark styles is taken, and the pictures
# the metainfo names are copied into the tree.
#
# The window is asked for 1000×700, the largest size Flathub's quality
# guidelines accept, with GNOME's default title-bar buttons (close only).
# A window whose minimum size is larger comes out larger: the script says so.
# Usage: build-aux/update-screenshots.sh [BUILDDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${1:-_build}
width=1000
height=700
meson compile -C "$builddir" screenshot-views

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# GTK reads the title-bar layout from settings.ini when no GNOME settings
# daemon runs; this is the layout GNOME ships (org.gnome.desktop.wm.preferences).
mkdir -p "$tmp/config/gtk-4.0"
printf '[Settings]\ngtk-decoration-layout=appmenu:close\n' >"$tmp/config/gtk-4.0/settings.ini"

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data" GTK_A11Y=none \
       LANGUAGE=en GSK_RENDERER=cairo XDG_CONFIG_HOME="$tmp/config"
xvfb-run -a -s "-screen 0 1600x1000x24" "$builddir/tests/screenshot-views" "$tmp/shots" "$width" "$height"

metainfo=data/io.github.regionexplorer.RegionExplorer.metainfo.xml.in
status=0
for name in $(grep -o 'data/screenshots/[a-z-]*\.png' "$metainfo"); do
  cp "$tmp/shots/$(basename "$name")" "$name"
  read -r w h < <(od -An -tu4 --endian=big -j16 -N8 "$name")
  echo "$name: ${w}×${h}"
  if ((w > width || h > height)); then
    echo "  larger than ${width}×${height}: the window's minimum size does not fit" >&2
    status=1
  fi
done
echo "Now set each <image>'s width and height in $metainfo to the sizes above."
exit $status
