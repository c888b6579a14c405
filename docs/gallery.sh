#!/usr/bin/env bash
# gallery.sh — renders every chart kind the command line exports to PNG, in
# the light and dark styles at 1200×800, plus a 2400×1600 print size, so the
# charts can be looked over side by side. See docs/gallery.md.
#
#   docs/gallery.sh [OUTPUT-FOLDER]        (default /tmp/rex-gallery)
#
# The program is $REGION_EXPLORER, else region-explorer on the PATH.
set -euo pipefail

out=${1:-/tmp/rex-gallery}
bin=${REGION_EXPLORER:-$(command -v region-explorer || true)}
if [[ -z "$bin" || ! -x "$bin" ]]; then
  echo "gallery.sh: set REGION_EXPLORER to the region-explorer program (e.g. _build/src/app/region-explorer)" >&2
  exit 2
fi
mkdir -p "$out"

# name and options, one chart per line
charts=(
  "bars|--chart=bars --metric=gdp"
  "bars-by-macro-region|--chart=bars --metric=population --color-by=macro-region --regions=CN-JS,CN-SC"
  "bars-by-cluster|--chart=bars --metric=gdp --color-by=cluster"
  "bars-reference|--chart=bars --metric=urbanization --color-by=macro-region"
  "lines|--chart=lines"
  "lines-relative|--chart=lines --metric=gdp --regions=central,west --relative"
  "lines-ending-early|--chart=lines --metric=urban_income --regions=CN-GD,CN-JS,CN-SC"
  "lines-qualified|--chart=lines --metric=sanitary_toilets"
  "shares-clusters|--chart=shares"
  "shares-macro-regions|--chart=shares --metric=gdp --regions=east,central,west,northeast --year=2023"
  "shares-stacked|--chart=shares --shares=stacked"
  "shares-composition|--chart=shares --shares=composition --metric=va_primary,va_secondary,va_tertiary"
  "bubbles|--chart=bubbles"
  "bubbles-log|--chart=bubbles --log-x --log-y --regions=CN-GD,CN-SC"
  "bubbles-by-cluster|--chart=bubbles --color-by=cluster"
  "bubbles-interpolated|--chart=bubbles --year=2023 --year-fraction=0.5"
  "map-tiles|--chart=map"
  "map-geo|--chart=map --map=geo"
  "map-geo-by-cluster|--chart=map --map=geo --metric=gdp --color-by=cluster"
  "progress|--chart=progress"
  "table|--chart=table"
  "table-of-progress|--chart=table --table-of=progress"
)

failed=0
render () {
  local file=$1; shift
  if "$bin" --export="$out/$file" "$@"; then
    echo "$out/$file"
  else
    echo "gallery.sh: failed: $file" >&2
    failed=1
  fi
}

for entry in "${charts[@]}"; do
  name=${entry%%|*}
  read -r -a options <<< "${entry#*|}"
  for theme in light dark; do
    render "$name-$theme.png" "${options[@]}" --theme="$theme" --width=1200 --height=800
  done
  render "$name-2400.png" "${options[@]}" --width=2400 --height=1600
done
exit $failed
