#!/usr/bin/env bash
# Builds the dataset loader's libFuzzer target with clang and runs it.
# Usage: build-aux/fuzz.sh [SECONDS] [extra libFuzzer options…]
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
ninja -C "$builddir" tests/fuzz/fuzz-dataset

corpus=${REX_FUZZ_CORPUS:-$builddir/corpus}
artifacts=${REX_FUZZ_ARTIFACTS:-$builddir/artifacts}
mkdir -p "$corpus" "$artifacts"

# -max_len bounds mutated inputs (large enough for the bundled dataset, which
# seeds the corpus whole); -timeout flags any input that takes over 10 s as a
# hang; -rss_limit_mb turns runaway memory use into a finding, not an OOM kill.
exec "$builddir/tests/fuzz/fuzz-dataset" \
  -max_total_time="$seconds" \
  -max_len=131072 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -dict=tests/fuzz/json.dict \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 \
  "$@" \
  "$corpus" tests/fuzz/corpus
