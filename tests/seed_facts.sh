#!/usr/bin/env bash
# Runs the binary over samples/ and checks every fact record.md lists for them
# (tests/check_samples.py is a copy of shared/tools/check_samples.py).
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" samples/*.txt > "$out"
python3 tests/check_samples.py "$out"
