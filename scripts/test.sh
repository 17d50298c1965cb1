#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, golden, CLI, seed facts,
# schema). With BDP_SANITIZE=1 it also builds and runs the whole suite under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${BDP_BUILD_DIR:-build}" --output-on-failure -j 2
if [ "${BDP_SANITIZE:-0}" = 1 ]; then
  BDP_BUILD_DIR=build-asan BDP_CMAKE_ARGS="-DBDP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug" scripts/setup.sh
  ctest --test-dir build-asan --output-on-failure -j 2
fi
