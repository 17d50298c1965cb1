#!/usr/bin/env bash
# Fuzzing (issue 8): builds the libFuzzer targets in build-fuzz (clang, ASan+UBSan) and runs
# each for a fixed time on one core, one after the other.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   default 60 s each, all targets
#   scripts/fuzz.sh --regress [TARGET...]   only replay fuzz/regressions/<target>/* (CI)
#
# Environment: FUZZ_JOBS (make -j, default 1), FUZZ_MAX_LEN (default 16384),
# FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds per input, default 10),
# FUZZ_NO_BUILD=1 (run the targets as built), FUZZ_KEEP_GOING=1 (libFuzzer -fork=1 -ignore_crashes=1: record a crash and carry on, to
# look past a known finding; still one core).
# Corpora grow in fuzz/corpus/<target> (gitignored), seeded from samples/. Crashing inputs
# land in fuzz/artifacts/<target>/ and are copied to fuzz/regressions/<target>/ to be
# committed. Exit status: 0 nothing found, 1 a target crashed, 2 build failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
all_targets=(fuzz_source fuzz_metryka fuzz_quantities fuzz_pipeline fuzz_jsonl)
regress=0
secs=60
if [ "${1:-}" = "--regress" ]; then regress=1; shift; fi
if [ $regress = 0 ] && [[ "${1:-}" =~ ^[0-9]+$ ]]; then secs=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

build="$root/build-fuzz"
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DBDP_FUZZ=ON -DBDP_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
fi
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  make -C "$build" -j"${FUZZ_JOBS:-1}" "${targets[@]}" >/dev/null || exit 2
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seed_corpus() {  # seed_corpus TARGET DIR
  local t=$1 dir=$2
  mkdir -p "$dir"
  if [ "$t" = fuzz_jsonl ]; then
    # Two small snapshots separated by the target's "\n\x01\n" marker, and some odd lines.
    printf '%s\n' '{"schema_version":1,"id":"bdp-a-1","title":"A","metryka":{"population":5,"websites":["http://a.pl","http://b.pl"]},"quantities":[{"kind":"count","value":3,"unit":"osoba","surface":"3 osoby","line":4}]}' \
      '{"schema_version":1,"id":"bdp-b-2","title":"B","text":"ala ma kota\n\nkot ma ale"}' >"$dir/seed-1"
    printf '\n\001\n' >>"$dir/seed-1"
    printf '%s\n' '{"schema_version":1,"id":"bdp-a-1","title":"A2","metryka":{"population":6,"websites":["http://b.pl"]},"quantities":[]}' \
      '{"schema_version":1,"id":"bdp-c-3","programme":{"goals":[{"id":"1","text":"x"}]}}' >>"$dir/seed-1"
    printf '%s\n' '{"id":"x"}' '{"id":"x","a":[1,2,{"b":null}]}' 'not json' '' '[1]' '{"id":5}' >"$dir/seed-2"
    for f in "$root"/samples/*.expected.json; do
      [ -f "$f" ] && python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False))' "$f" >>"$dir/seed-3"
    done
  else
    cp "$root"/samples/*.txt "$dir"/
  fi
}

rc=0
printf '| target | seconds | executions | exec/s | cov | ft | corpus | crashes |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
for t in "${targets[@]}"; do
  bin="$build/fuzz/$t"
  reg="$root/fuzz/regressions/$t"
  if [ $regress = 1 ]; then
    files=("$reg"/*)
    if [ -e "${files[0]}" ]; then
      if "$bin" -runs=1 "${files[@]}" >"$build/$t.regress.log" 2>&1; then
        echo "| $t (regressions) | - | ${#files[@]} | - | - | - | - | 0 |"
      else
        echo "| $t (regressions) | - | ${#files[@]} | - | - | - | - | FAIL, see $build/$t.regress.log |"
        rc=1
      fi
    fi
    continue
  fi
  corpus="$root/fuzz/corpus/$t"
  art="$root/fuzz/artifacts/$t"
  [ -d "$corpus" ] || seed_corpus "$t" "$corpus"
  mkdir -p "$art"
  log="$build/$t.log"
  # One core per run on a shared machine: no -jobs, at most -fork=1.
  keep=()
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  "$bin" "$corpus" "${keep[@]}" -max_total_time="$secs" -max_len="${FUZZ_MAX_LEN:-16384}" \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -timeout="${FUZZ_TIMEOUT:-10}" \
    -artifact_prefix="$art/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  crashes=0
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && status=0  # findings are counted below
  for f in "$art"/crash-* "$art"/timeout-* "$art"/oom-* "$art"/leak-* "$art"/slow-unit-*; do
    [ -f "$f" ] || continue
    mkdir -p "$reg"
    cp -n "$f" "$reg/"
    crashes=$((crashes + 1))
  done
  [ $status = 0 ] && [ $crashes = 0 ] || rc=1
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -n 1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  persec=$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$log" | awk '{print $2}' | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  ncorp=$(sed -n 's/.*corp: \([0-9][0-9/a-zA-Z]*\).*/\1/p' <<<"$last")
  [ -n "$persec" ] || persec=$(sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p' <<<"$last")
  echo "| $t | $secs | ${execs:-?} | ${persec:-?} | ${cov:-?} | ${ft:-?} | ${ncorp:-?} | $crashes$([ $status = 0 ] || echo " (exit $status, $log)") |"
done
exit $rc
