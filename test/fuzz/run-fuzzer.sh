#!/usr/bin/env bash
# Runs the importer fuzzer for a bounded time on a copy of the seed corpus.
# Usage: run-fuzzer.sh FUZZER SOURCE_DIR WORK_DIR SECONDS
set -euo pipefail
fuzzer=$1 src=$2 work=$3 seconds=$4
corpus="$work/corpus"
rm -rf "$corpus" "$work/artifacts"
mkdir -p "$corpus" "$work/artifacts"
cp "$src"/seeds/*.xml "$corpus"/
# Every model XML of the project's own tests is a seed too.
cp "$src"/../Importer/*.xml "$corpus"/ 2>/dev/null || true
# -rss_limit_mb guards against allocations driven by the input;
# -timeout flags a hang on any single input.
"$fuzzer" "$corpus" -dict="$src/ir.dict" -max_total_time="$seconds" \
  -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" 2>&1 | tail -25
