#!/usr/bin/env bash
# Builds a libFuzzer target with clang and runs it: the dataset loader's, or
# with REX_FUZZ_TARGET=table the table importer's.
# Usage: [REX_FUZZ_TARGET=dataset|table] build-aux/fuzz.sh [SECONDS] [extra libFuzzer options…]
#   SECONDS   how long to fuzz (default 600); the run stops by itself.
# New interesting inputs go to $REX_FUZZ_CORPUS (default _build-fuzz/corpus,
# seeded from tests/fuzz/corpus, which is left untouched); crashes are written
# as crash-*/leak-*/timeout-* into $REX_FUZZ_ARTIFACTS (default
# _build-fuzz/artifacts). Turn each into a fixture in tests/data/ with a test
# (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true

builddir=${REX_FUZZ_BUILDDIR:-_build-fuzz}
if [[ ! -f $builddir/build.ninja ]]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dbenchmarks=false
fi
target=${REX_FUZZ_TARGET:-dataset}
case $target in
  dataset) seeds=tests/fuzz/corpus; dict=tests/fuzz/json.dict; suffix= ;;
  table) seeds=tests/fuzz/table-corpus; dict=tests/fuzz/table.dict; suffix=-table ;;
  *) echo "REX_FUZZ_TARGET: use dataset or table" >&2; exit 2 ;;
esac
ninja -C "$builddir" "tests/fuzz/fuzz-$target"

corpus=${REX_FUZZ_CORPUS:-$builddir/corpus$suffix}
artifacts=${REX_FUZZ_ARTIFACTS:-$builddir/artifacts$suffix}
mkdir -p "$corpus" "$artifacts"

# -max_len bounds mutated inputs (large enough for the bundled dataset, which
# seeds the corpus whole); -timeout flags any input that takes over 10 s as a
# hang; -rss_limit_mb turns runaway memory use into a finding, not an OOM kill.
exec "$builddir/tests/fuzz/fuzz-$target" \
  -max_total_time="$seconds" \
  -max_len=131072 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -dict="$dict" \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 \
  "$@" \
  "$corpus" "$seeds"
