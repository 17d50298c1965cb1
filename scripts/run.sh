#!/usr/bin/env bash
# Installs what is missing, builds, and runs bdp-ingest with the given arguments:
#   scripts/run.sh samples/*.txt > practices.jsonl
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
BDP_TARGETS=bdp-ingest "$here/scripts/setup.sh"
exec "$here/${BDP_BUILD_DIR:-build}/bdp-ingest" "$@"
