#!/usr/bin/env bash
# Builds everything incrementally: native (server, tests, tools, benchmarks)
# in build/native, the WebAssembly app in build/wasm, and the deployable web
# folder in build/web. Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs Debian's node modules (acorn)
jobs=$(nproc)

[ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build/native -j "$jobs" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
[ "${PIPESTATUS[0]}" = 0 ] || exit 1

[ -f build/wasm/build.ninja ] || emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build/wasm -j "$jobs" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
[ "${PIPESTATUS[0]}" = 0 ] || exit 1
echo "build: ready (build/native, build/wasm, build/web)"
