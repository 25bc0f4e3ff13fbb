#!/usr/bin/env bash
# Prints every benchmark figure: native (core, store, demo data) and in the
# browser (first load, cold start, idle frames, durable saves). Each figure is
# shown next to a baseline measured in the same run. Assumes a build.
set -euo pipefail
cd "$(dirname "$0")/.."
ninja -C build/native pathway_bench >/dev/null
build/native/bench/pathway_bench "$@"
for script in bench/browser_*.mjs; do
  [ -f "$script" ] && node "$script"
done
