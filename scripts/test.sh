#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, golden, CLI, seed facts,
# schema, bad inputs, package, stats HTML); then a sanitizer pass: one clang build with
# ASan+UBSan where bdp_core also carries libFuzzer's coverage instrumentation, so the same
# objects serve the suite run again under the sanitizers (it replays fuzz/regressions) and
# a short fuzz smoke run of every target from the seed corpus (scripts/fuzz.sh --smoke).
#   BDP_SANITIZE=0        skips the sanitizer pass (and the smoke run)
#   BDP_FUZZ_SECONDS=N    seconds per fuzz target (default 30; 0 skips the smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${BDP_BUILD_DIR:-build}" --output-on-failure -j 2
if [ "${BDP_SANITIZE:-1}" = 1 ]; then
  fuzz_seconds=${BDP_FUZZ_SECONDS:-30}
  targets="bdp_tests bdp-ingest"
  [ "$fuzz_seconds" = 0 ] || targets+=" fuzz"
  # Build type None: only CXXFLAGS apply. -O0 halves the compile time of -O1 (the larger
  # part of this pass) and costs less at run time than it saves (docs/fuzzing.md has the
  # figures); line tables are enough for symbolised sanitizer reports.
  cxx=clang++-16 cxxflags="-O0 -gline-tables-only"
  cmake_args="-DCMAKE_BUILD_TYPE=None -DBDP_SANITIZE=ON -DBDP_FUZZ=ON"
  # setup.sh configures only a new build dir; one left by an earlier configuration (the gcc
  # pass, other flags) is started afresh rather than half-reused.
  config="$cxx $cxxflags $cmake_args"
  if [ "$(cat build-asan/bdp-config 2>/dev/null)" != "$config" ]; then
    rm -rf build-asan
    mkdir build-asan
    echo "$config" >build-asan/bdp-config
  fi
  CC=clang-16 CXX=$cxx CXXFLAGS=$cxxflags BDP_BUILD_DIR=build-asan BDP_CMAKE_ARGS=$cmake_args \
    BDP_TARGETS="$targets" scripts/setup.sh
  # Package and HTML tests exercise install rules and Chromium, not our code; the bad-input
  # corpus (50 MB lines, a million lines) runs in the optimised build above.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j 2 -E "package|stats_html|bad_inputs"
  if [ "$fuzz_seconds" != 0 ]; then
    FUZZ_BUILD_DIR=build-asan FUZZ_NO_BUILD=1 FUZZ_PARALLEL=2 scripts/fuzz.sh --smoke "$fuzz_seconds"
  fi
fi
