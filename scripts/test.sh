#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, golden, CLI, seed facts,
# schema, bad inputs, package, stats HTML), then builds the suite again with ASan+UBSan and
# runs it there too (the unit suite replays the fuzzers' regression inputs). BDP_SANITIZE=0
# skips the sanitizer pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${BDP_BUILD_DIR:-build}" --output-on-failure -j 2
if [ "${BDP_SANITIZE:-1}" = 1 ]; then
  BDP_BUILD_DIR=build-asan BDP_CMAKE_ARGS="-DBDP_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo" \
    BDP_TARGETS="bdp_tests bdp-ingest" scripts/setup.sh
  # Package and HTML tests exercise install rules and Chromium, not our code; the bad-input
  # corpus (50 MB lines, a million lines) runs in the optimised build above.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j 2 -E "package|stats_html|bad_inputs"
fi
