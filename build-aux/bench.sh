#!/bin/sh
# bench.sh — builds Region Explorer for release, generates the synthetic
# datasets (outside the tree) and runs every benchmark, writing the result
# tables into docs/benchmarks.md. See docs/benchmarks.md.
#
#   build-aux/bench.sh [--runs N] [--only import|export]
#
# BUILD (default /tmp/_build-bench) and DATA (default /tmp/rex-bench) may be
# set in the environment. Needs python3, Xvfb (xvfb-run) and gnuplot-nox for
# the reference figures.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-/tmp/_build-bench}
DATA=${DATA:-/tmp/rex-bench}

if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" "$SRC" --buildtype=release -Dbenchmarks=true
fi
meson configure "$BUILD" -Dbenchmarks=true >/dev/null
ninja -C "$BUILD"

# The 30,000-region file (150 MB) only for a full run.
case " $* " in
  *" --only "*) scales="31 300 3000" ;;
  *) scales="31 300 3000 30000" ;;
esac
for n in $scales; do
  [ -f "$DATA/regions-$n.json" ] || python3 "$SRC/bench/gen-dataset.py" --regions "$n" --out "$DATA"
done
[ -f "$DATA/counties-2900.csv" ] || python3 "$SRC/bench/gen-table.py" --out "$DATA"

exec xvfb-run -a -s "-screen 0 1920x1080x24" \
  python3 "$SRC/bench/run-benchmarks.py" --build "$BUILD" --data "$DATA" "$@"
