#!/usr/bin/env bash
# test-install.sh — `meson install` gives a working app.
#
# Configures a fresh build of the source tree with the options of the
# Flatpak manifest's module (so the install tested here is the one Flatpak
# makes, apart from the prefix), builds only what is installed, and installs
# it into a temporary prefix — a real install, not a DESTDIR one, so that
# gnome.post_install compiles the schemas and updates the icon cache as it
# does for users (meson skips those steps under DESTDIR, leaving them to
# packagers). Then checks every file a desktop needs and runs the installed
# binary: an export with the installed schemas, and one under
# LANGUAGE=zh_CN with the installed catalogue.
#
# Usage: test-install.sh SOURCE-DIR. Prints TAP.
set -uo pipefail

src=$1
manifest=$src/flatpak/io.github.regionexplorer.RegionExplorer.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

echo "1..8"

# The options and application ID the Flatpak module builds with.
mapfile -t opts < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
(mod,) = [x for x in m["modules"] if isinstance(x, dict) and x.get("name") == "region-explorer"]
print(m["id"])
print("\n".join(mod.get("config-opts", [])))' "$manifest")
app_id=${opts[0]}
opts=("${opts[@]:1}")

build=$tmp/build
prefix=$tmp/prefix
if ! log=$(meson setup "$build" "$src" --prefix="$prefix" --buildtype=release "${opts[@]}" 2>&1); then
  not_ok "meson install into a fresh prefix" "meson setup ${opts[*]} failed:" "$(tail -n 20 <<<"$log")"
  exit 1
fi
# Only the installed targets: the tests and benchmarks are not needed.
mapfile -t outputs < <(meson introspect --targets "$build" | python3 -c '
import json, os, sys
build = sys.argv[1]
for t in json.load(sys.stdin):
    if t.get("installed"):
        for f in t["filename"]:
            print(os.path.relpath(f, build))' "$build")
if ! log=$(ninja -C "$build" "${outputs[@]}" 2>&1); then
  not_ok "meson install into a fresh prefix" "build failed:" "$(tail -n 30 <<<"$log")"
  exit 1
fi
if log=$(meson install -C "$build" --no-rebuild 2>&1); then
  ok "meson install into a fresh prefix (${opts[*]})"
else
  not_ok "meson install into a fresh prefix" "$(tail -n 20 <<<"$log")"
  exit 1
fi

binary=$prefix/bin/region-explorer
share=$prefix/share

# gschemas.compiled and icon-theme.cache come from gnome.post_install.
missing=()
for f in \
  "../bin/region-explorer" \
  "applications/$app_id.desktop" \
  "metainfo/$app_id.metainfo.xml" \
  "icons/hicolor/scalable/apps/$app_id.svg" \
  "icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "glib-2.0/schemas/io.github.regionexplorer.RegionExplorer.gschema.xml" \
  "glib-2.0/schemas/gschemas.compiled" \
  "locale/zh_CN/LC_MESSAGES/region-explorer.mo" \
  "icons/hicolor/icon-theme.cache" \
  "licenses/$app_id/COPYING"; do
  [[ -s $share/$f ]] || missing+=("$f")
done
if ((${#missing[@]} == 0)); then
  ok "installed files: binary, desktop file, metainfo, icons, schema, translations, licence"
else
  not_ok "installed files" "missing under $share: ${missing[*]}"
fi

# The installed desktop file and metainfo are valid and translated.
problems=()
if command -v desktop-file-validate >/dev/null; then
  out=$(desktop-file-validate "$share/applications/$app_id.desktop" 2>&1) || problems+=("$out")
fi
grep -q "^Icon=$app_id$" "$share/applications/$app_id.desktop" || problems+=("Icon= is not $app_id")
grep -q '^Name\[zh_CN\]=' "$share/applications/$app_id.desktop" || problems+=("no Name[zh_CN] in the desktop file")
grep -q 'xml:lang="zh_CN"' "$share/metainfo/$app_id.metainfo.xml" || problems+=("metainfo is not translated")
if command -v appstreamcli >/dev/null; then
  out=$(appstreamcli validate --no-net "$share/metainfo/$app_id.metainfo.xml" 2>&1) || problems+=("$out")
fi
if ((${#problems[@]} == 0)); then ok "installed desktop file and metainfo"; else not_ok "installed desktop file and metainfo" "${problems[@]}"; fi

# The schema was compiled on install (gnome.post_install) and holds the keys.
schemas=$share/glib-2.0/schemas
if keys=$(GSETTINGS_SCHEMA_DIR=$schemas gsettings list-keys io.github.regionexplorer.RegionExplorer 2>&1) \
   && grep -qx 'window-width' <<<"$keys" && grep -qx 'style' <<<"$keys" && grep -qx 'last-dataset' <<<"$keys"; then
  ok "compiled schema in the install"
else
  not_ok "compiled schema in the install" "$keys"
fi

# The installed binary exports without a display, with the installed schemas.
run_installed () {
  env -u DISPLAY -u WAYLAND_DISPLAY -u XAUTHORITY DBUS_SESSION_BUS_ADDRESS=disabled: \
    GSETTINGS_SCHEMA_DIR="$schemas" REX_LOCALEDIR="$share/locale" "$@"
}
png=$tmp/chart.png
if out=$(run_installed LANGUAGE=en "$binary" --export="$png" --width=900 --height=600 2>&1) \
   && [[ $(head -c 8 "$png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] \
   && [[ $(od -An -tu1 -j16 -N8 "$png" | tr -s ' ') == " 0 0 3 132 0 0 2 88" ]]; then
  ok "installed binary exports a 900×600 PNG"
else
  not_ok "installed binary exports a 900×600 PNG" "$out" "$(od -An -tu1 -j16 -N8 "$png" 2>&1)"
fi

# In Chinese, with the installed catalogue: a title that is a UI string.
svg=$tmp/progress.svg
if out=$(run_installed LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$binary" --export="$svg" --chart=progress 2>&1) \
   && grep -q '<title>目标进度</title>' "$svg"; then
  ok "installed binary speaks Chinese under LANGUAGE=zh_CN"
else
  not_ok "installed binary speaks Chinese under LANGUAGE=zh_CN" "$out" "$(grep -o '<title>[^<]*</title>' "$svg" 2>&1)"
fi

# The icon renders at the sizes a desktop uses (gdk-pixbuf's SVG loader;
# gdk-pixbuf-thumbnailer is in .ci/install-deps, and missing it fails).
if gdk-pixbuf-thumbnailer -s 48 "$share/icons/hicolor/scalable/apps/$app_id.svg" "$tmp/icon.png" 2>&1 \
   && [[ -s $tmp/icon.png ]]; then
  ok "application icon renders"
else
  not_ok "application icon renders"
fi

# The installed app opens its window with the installed schemas (it aborts
# at start-up when its schema is missing) and paints a first frame.
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  not_ok "installed app opens a window" "no display: run the suite under xvfb-run"
elif out=$(GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory GTK_A11Y=none DBUS_SESSION_BUS_ADDRESS=disabled: \
             REX_BENCH_EXIT_AFTER_FIRST_FRAME=1 timeout 60 "$binary" 2>&1) && grep -q '^FIRST_FRAME ' <<<"$out"; then
  ok "installed app opens a window"
else
  not_ok "installed app opens a window" "$out"
fi

exit $failed
