#!/usr/bin/env bash
# Builds a libFuzzer target with clang and runs it.
# Usage: build-aux/fuzz.sh [SECONDS] [dataset|spec|table] [extra libFuzzer options…]
#   SECONDS   how long to fuzz (default 600); the run stops by itself.
#   dataset   the dataset loader (default): tests/fuzz/fuzz-dataset.c
#   spec      the reader of the chart description in exported images:
#             tests/fuzz/fuzz-export-spec.c
#   table     the table importer (CSV, TSV): tests/fuzz/fuzz-table.c
#             (REX_FUZZ_TARGET=dataset|spec|table says the same)
# New interesting inputs go to $REX_FUZZ_CORPUS (default _build-fuzz/corpus,
# corpus-spec or corpus-table, seeded from tests/fuzz/corpus, corpus-spec or
# table-corpus, which are left untouched); crashes are written as
# crash-*/leak-*/timeout-* into $REX_FUZZ_ARTIFACTS (default
# _build-fuzz/artifacts, artifacts-spec or artifacts-table). Turn each into a
# fixture in tests/data/ with a test (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
target=${REX_FUZZ_TARGET:-dataset}
if [[ ${1:-} == dataset || ${1:-} == spec || ${1:-} == table ]]; then
  target=$1
  shift
fi
case $target in
  dataset) program=fuzz-dataset; seeds=tests/fuzz/corpus; dict=tests/fuzz/json.dict; suffix= ;;
  spec) program=fuzz-export-spec; seeds=tests/fuzz/corpus-spec; dict=tests/fuzz/json.dict; suffix=-spec ;;
  table) program=fuzz-table; seeds=tests/fuzz/table-corpus; dict=tests/fuzz/table.dict; suffix=-table ;;
  *) echo "fuzz.sh: the target is dataset, spec or table, not '$target'" >&2; exit 2 ;;
esac

builddir=${REX_FUZZ_BUILDDIR:-_build-fuzz}
if [[ ! -f $builddir/build.ninja ]]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dbenchmarks=false
fi
ninja -C "$builddir" "tests/fuzz/$program"

corpus=${REX_FUZZ_CORPUS:-$builddir/corpus$suffix}
artifacts=${REX_FUZZ_ARTIFACTS:-$builddir/artifacts$suffix}
mkdir -p "$corpus" "$artifacts"

# -max_len bounds mutated inputs (large enough for the bundled dataset, which
# seeds the corpus whole); -timeout flags any input that takes over 10 s as a
# hang; -rss_limit_mb turns runaway memory use into a finding, not an OOM kill.
exec "$builddir/tests/fuzz/$program" \
  -max_total_time="$seconds" \
  -max_len=131072 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -dict="$dict" \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 \
  "$@" \
  "$corpus" "$seeds"
