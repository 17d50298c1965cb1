#!/usr/bin/env bash
# Installs the Debian packages bdp-ingest needs, when missing (idempotent, quiet when all is
# there), then configures and builds into build/ (override with BDP_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config libcli11-dev libre2-dev libicu-dev nlohmann-json3-dev
          libfmt-dev doctest-dev libhunspell-dev hunspell-pl libphonenumber-dev libssl-dev
          libsimdjson-dev libjemalloc-dev
          python3 python3-jsonschema dpkg-dev man-db
          chromium fonts-dejavu-core ripgrep time
          clang-16 libclang-rt-16-dev llvm-16)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

build=${BDP_BUILD_DIR:-build}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release ${BDP_CMAKE_ARGS:-} >&2
fi
cmake --build "$build" -j "$(nproc)" ${BDP_TARGETS:+--target $BDP_TARGETS} >&2
