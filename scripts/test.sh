#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, golden, CLI, seed facts,
# schema, bad inputs, package, stats HTML); then a sanitizer pass: one clang build with
# ASan+UBSan where bdp_core also carries libFuzzer's coverage instrumentation, so the same
# objects serve the suite run again under the sanitizers (it replays fuzz/regressions) and
# a short fuzz smoke run of every target from the seed corpus (scripts/fuzz.sh --smoke).
#   BDP_SANITIZE=0        skips the sanitizer pass (and the smoke run)
#   BDP_FUZZ_SECONDS=N    seconds per fuzz target (default 20; 0 skips the smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${BDP_BUILD_DIR:-build}" --output-on-failure -j 2
if [ "${BDP_SANITIZE:-1}" = 1 ]; then
  fuzz_seconds=${BDP_FUZZ_SECONDS:-20}
  targets="bdp_tests bdp-ingest"
  [ "$fuzz_seconds" = 0 ] || targets+=" fuzz"
  # Build type None: only CXXFLAGS apply. -O1 compiles faster than -O2 and still runs the
  # suite quickly under ASan; line tables are enough for symbolised sanitizer reports.
  CC=clang-16 CXX=clang++-16 CXXFLAGS="-O1 -gline-tables-only" BDP_BUILD_DIR=build-asan \
    BDP_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=None -DBDP_SANITIZE=ON -DBDP_FUZZ=ON" \
    BDP_TARGETS="$targets" scripts/setup.sh
  # Package and HTML tests exercise install rules and Chromium, not our code; the bad-input
  # corpus (50 MB lines, a million lines) runs in the optimised build above.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j 2 -E "package|stats_html|bad_inputs"
  if [ "$fuzz_seconds" != 0 ]; then
    FUZZ_BUILD_DIR=build-asan FUZZ_NO_BUILD=1 scripts/fuzz.sh --smoke "$fuzz_seconds"
  fi
fi
