#!/usr/bin/env bash
# Builds a libFuzzer target with clang and runs it.
# Usage: build-aux/fuzz.sh [SECONDS] [dataset|spec] [extra libFuzzer options…]
#   SECONDS   how long to fuzz (default 600); the run stops by itself.
#   dataset   the dataset loader (default): tests/fuzz/fuzz-dataset.c
#   spec      the reader of the chart description in exported images:
#             tests/fuzz/fuzz-export-spec.c
# New interesting inputs go to $REX_FUZZ_CORPUS (default _build-fuzz/corpus,
# or _build-fuzz/corpus-spec, seeded from tests/fuzz/corpus or
# tests/fuzz/corpus-spec, which are left untouched); crashes are written
# as crash-*/leak-*/timeout-* into $REX_FUZZ_ARTIFACTS (default
# _build-fuzz/artifacts). Turn each into a fixture in tests/data/ with a test
# (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
target=dataset
if [[ ${1:-} == dataset || ${1:-} == spec ]]; then
  target=$1
  shift
fi
if [[ $target == spec ]]; then
  program=fuzz-export-spec
  seeds=tests/fuzz/corpus-spec
  default_corpus=corpus-spec
else
  program=fuzz-dataset
  seeds=tests/fuzz/corpus
  default_corpus=corpus
fi

builddir=${REX_FUZZ_BUILDDIR:-_build-fuzz}
if [[ ! -f $builddir/build.ninja ]]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dbenchmarks=false
fi
ninja -C "$builddir" "tests/fuzz/$program"

corpus=${REX_FUZZ_CORPUS:-$builddir/$default_corpus}
artifacts=${REX_FUZZ_ARTIFACTS:-$builddir/artifacts}
mkdir -p "$corpus" "$artifacts"

# -max_len bounds mutated inputs (large enough for the bundled dataset, which
# seeds the corpus whole); -timeout flags any input that takes over 10 s as a
# hang; -rss_limit_mb turns runaway memory use into a finding, not an OOM kill.
exec "$builddir/tests/fuzz/$program" \
  -max_total_time="$seconds" \
  -max_len=131072 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -dict=tests/fuzz/json.dict \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 \
  "$@" \
  "$corpus" "$seeds"
