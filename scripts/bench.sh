#!/usr/bin/env bash
# Prints every benchmark figure: the domain benchmarks (core, store, demo
# data) natively and then the same sources compiled to WebAssembly, run by
# Node; then the browser ones (first load, cold start, idle frames, durable
# saves). Each figure is shown next to a baseline measured in the same run.
# An argument runs only the domain benchmarks whose name contains it.
# Assumes a build (scripts/build.sh); each build folder is brought up to date
# for its benchmark first.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs Debian's node modules (acorn)

echo "== native"
ninja -C build/native pathway_bench >/dev/null
# The account store's figures on PostgreSQL too, in a throwaway cluster with fsync on.
eval "$(scripts/test-postgres.sh start --durable)"
trap 'scripts/test-postgres.sh stop "$PATHWAY_TEST_POSTGRES_DIR"' EXIT
export PATHWAY_BENCH_POSTGRES=$PATHWAY_TEST_POSTGRES
build/native/bench/pathway_bench "$@"

echo "== wasm (node)"
ninja -C build/wasm pathway_bench_wasm >/dev/null
# Emscripten 3.1.6 under Node 20 would try to fetch the .wasm without the flag.
node --no-experimental-fetch build/wasm/bench/pathway_bench_wasm.js "$@"

echo "== browser"
for script in bench/browser_*.mjs; do
  if [ -f "$script" ]; then node "$script"; fi
done
