#!/usr/bin/env bash
# Builds incrementally what the app needs: the native server and tools in
# build/native, the WebAssembly app in build/wasm, and the deployable web
# folder in build/web. Assumes scripts/setup.sh has run.
#
# --tests (what ./test runs) builds, instead of build/native, the native
# unit tests and the server in build/native-asan: a clang Debug build
# (asserts on) under AddressSanitizer and UBSan, so the browser tests run
# the server under the sanitizers too; and adds the WebAssembly unit tests.
# The code is compiled once, there; a Release build of the tests (`ninja -C
# build/native pathway_tests`) and the benchmarks (scripts/bench.sh) are
# built on request.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs Debian's node modules (acorn)
jobs=$(nproc)

# ninja without its progress lines; fails when ninja fails (pipefail), even
# when grep has nothing left to print.
quiet_ninja() {
  ninja -C "$1" -j "$jobs" "${@:2}" | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }
}

if [ "${1:-}" != "--tests" ]; then
  [ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  quiet_ninja build/native pathway-server pathway-demo
fi

[ -f build/wasm/build.ninja ] || emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
wasm_targets=(web)
# The persistence tests also drive the block store's own page (bench/wasm).
[ "${1:-}" = "--tests" ] && wasm_targets+=(pathway_tests_wasm pathway_persist_bench)
quiet_ninja build/wasm "${wasm_targets[@]}"

if [ "${1:-}" = "--tests" ]; then
  # clang with line tables only (-g1): sanitizer reports keep file:line,
  # and the build takes about half of GCC's with full debug information.
  [ -f build/native-asan/build.ninja ] ||
    CC=clang-14 CXX=clang++-14 cmake -S . -B build/native-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_C_FLAGS_DEBUG=-g1 -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DPATHWAY_SANITIZE=ON >/dev/null
  quiet_ninja build/native-asan pathway_tests pathway-server
  echo "build: ready (build/native-asan, build/wasm, build/web)"
else
  echo "build: ready (build/native, build/wasm, build/web)"
fi
