#!/usr/bin/env bash
# Fuzzes the sync protocol's parsers (tests/fuzz) with libFuzzer under ASan
# and UBSan, for SECONDS (default 600): ./test runs it for a short bounded
# time on every run; run it alone for longer. The corpus grows in
# build/fuzz/corpus (kept between runs, seeded from tests/fuzz/corpus); a
# finding stops the run with a report and leaves its input in build/fuzz.
# Assumes scripts/setup.sh has run (clang and its libFuzzer runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ -f build/fuzz/build.ninja ] ||
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPATHWAY_FUZZ=ON >/dev/null
ninja -C build/fuzz fuzz_sync_messages | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }
mkdir -p build/fuzz/corpus
# -max_len: the parsers refuse beyond 8 MiB before reading; 64 KiB keeps the
# search on what is inside a message. Findings go to build/fuzz/crash-*.
log=build/fuzz/last-run.log
status=0
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build/fuzz/tests/fuzz/fuzz_sync_messages \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix=build/fuzz/ build/fuzz/corpus tests/fuzz/corpus >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  tail -n 60 "$log"
  echo "fuzz: a finding (exit $status); the input is in build/fuzz/ (crash-*, leak-*, timeout-*)"
  exit "$status"
fi
runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
echo "fuzz: sync messages, ${seconds} s, ${runs:-0} inputs, no finding"
