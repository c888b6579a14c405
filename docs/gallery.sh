#!/usr/bin/env bash
# gallery.sh — renders every chart kind the command line exports to PNG, in
# the light and dark styles at 1200×800, plus a 2400×1600 print size, so the
# charts can be looked over side by side: each kind from the bundled dataset,
# and from the tables in docs/gallery/ shaped like the ones users import
# (gaps, long names, a 0, values from thousandths to billions). See
# docs/gallery.md.
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
tables=$(cd "$(dirname "$0")/gallery" && pwd)

# name and options, one chart per line
charts=(
  "bars|--chart=bars --metric=gdp"
  "bars-by-macro-region|--chart=bars --metric=population --color-by=macro-region --regions=CN-JS,CN-SC"
  "bars-by-cluster|--chart=bars --metric=gdp --color-by=cluster"
  "bars-reference|--chart=bars --metric=urbanization --color-by=macro-region"
  "bars-change|--chart=bars --metric=urbanization --base-year=2015 --color-by=macro-region"
  "bars-change-both-years|--chart=bars --metric=urbanization --base-year=2015 --both-years --color-by=macro-region"
  "bars-change-relative|--chart=bars --metric=population --base-year=2015 --relative --color-by=macro-region"
  "bars-top|--chart=bars --metric=gdp_per_capita --top=10 --color-by=macro-region"
  "bars-macro-regions|--chart=bars --metric=urbanization --region-kind=macro-region --color-by=macro-region"
  "lines|--chart=lines"
  "lines-relative|--chart=lines --metric=gdp --regions=central,west --relative"
  "lines-split|--chart=lines --metric=urbanization --regions=CN-GD,CN-JS,CN-SC,CN-GZ,CN-HL,CN-XZ,CN-BJ --split"
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
  "bubbles-fit|--chart=bubbles --x-metric=urbanization --y-metric=income_all --color-by=macro-region --fit"
  "bubbles-trails|--chart=bubbles --x-metric=urbanization --y-metric=income_all --color-by=macro-region --regions=CN-GD,CN-GZ,CN-HL --trails"
  "map-tiles|--chart=map"
  "map-tiles-2010|--chart=map --year=2010"
  "map-change|--chart=map --metric=population --base-year=2010"
  "map-geo|--chart=map --map=geo"
  "map-geo-by-cluster|--chart=map --map=geo --metric=gdp --color-by=cluster"
  "progress|--chart=progress"
  "progress-regions|--chart=progress --regions=CN,CN-GD"
  "table|--chart=table"
  "table-of-progress|--chart=table --table-of=progress"
)

# name, table in docs/gallery/ and options, one chart per line
table_charts=(
  "gdp-bars|province-gdp.csv|--chart=bars --metric=gdp"
  "gdp-bars-by-cluster|province-gdp.csv|--chart=bars --metric=gdp --color-by=cluster --year=2024"
  "gdp-lines|province-gdp.csv|--chart=lines --metric=gdp --regions=CN-GD,CN-XJ,CN-LN,CN-XZ,CN-QH"
  "gdp-lines-relative|province-gdp.csv|--chart=lines --metric=gdp --regions=CN-GD,CN-XZ,CN-QH --relative"
  "gdp-lines-log|province-gdp.csv|--chart=lines --metric=gdp --regions=CN-GD,CN-XZ,CN-QH --log-y"
  "gdp-shares|province-gdp.csv|--chart=shares --metric=gdp --year=2023"
  "gdp-map-tiles|province-gdp.csv|--chart=map --metric=gdp --year=2024"
  "gdp-map-geo|province-gdp.csv|--chart=map --map=geo --metric=gdp --year=2024"
  "gdp-table|province-gdp.csv|--chart=table --table-of=bars --metric=gdp --year=2024"
  "synthetic-bars|synthetic-extremes.csv|--chart=bars --metric=synthetic_output --year=2024"
  "synthetic-lines|synthetic-extremes.csv|--chart=lines --metric=synthetic_output --regions=CN-GX,CN-XJ,CN-XZ,CN-QH --log-y"
  "synthetic-composition|synthetic-extremes.csv|--chart=shares --shares=composition --metric=synthetic_part_a,synthetic_part_b,synthetic_part_c"
  "synthetic-bubbles|synthetic-extremes.csv|--chart=bubbles --x-metric=synthetic_output --y-metric=synthetic_part_c --size-metric=synthetic_part_b --log-x --year=2024"
  "synthetic-map-tiles|synthetic-extremes.csv|--chart=map --metric=synthetic_output --year=2024"
  "synthetic-map-geo|synthetic-extremes.csv|--chart=map --map=geo --metric=synthetic_output --year=2024"
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

for entry in "${table_charts[@]}"; do
  name=${entry%%|*}
  rest=${entry#*|}
  table=$tables/${rest%%|*}
  read -r -a options <<< "${rest#*|}"
  for theme in light dark; do
    render "$name-$theme.png" "${options[@]}" --theme="$theme" --width=1200 --height=800 "$table"
  done
  render "$name-2400.png" "${options[@]}" --width=2400 --height=1600 "$table"
done
exit $failed
