#!/usr/bin/env bash
# Fuzzing (issue 8): builds the libFuzzer targets (clang, ASan+UBSan) and runs each for a
# fixed time on one core each, one after the other (FUZZ_PARALLEL=N: N at a time).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]          default 60 s each, all targets
#   scripts/fuzz.sh --smoke [SECONDS] [TARGET...]  CI: fresh corpus from samples/ and
#                                                  fuzz/regressions/<target>/, default 30 s
#   scripts/fuzz.sh --regress [TARGET...]          only replay fuzz/regressions/<target>/*
#
# Environment: FUZZ_BUILD_DIR (default build-fuzz; scripts/test.sh passes build-asan, where
# the suite and the targets share one instrumented bdp_core), FUZZ_JOBS (make -j, default 1),
# FUZZ_MAX_LEN (default 16384), FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds per input,
# default 10), FUZZ_NO_BUILD=1 (run the targets as built), FUZZ_KEEP_GOING=1 (libFuzzer
# -fork=1 -ignore_crashes=1: record a finding and carry on, to look past a known one; still
# one core), FUZZ_PARALLEL (targets run side by side, default 1; the CI smoke run uses 2).
# Long runs grow corpora in fuzz/corpus/<target> (gitignored), seeded from samples/; a smoke
# run starts from the seeds each time (in the build dir) so CI is repeatable. Findings land in
# the artifact dir and are copied to fuzz/regressions-pending/<target>/ (not replayed); once
# the cause is fixed, move them to fuzz/regressions/<target>/ (replayed by the unit suite).
# Exit status: 0 nothing found, 1 a finding, 2 build failure.
# No -e: a failing target is recorded and the next one still runs; the exit status says so.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
all_targets=(fuzz_source fuzz_metryka fuzz_quantities fuzz_pipeline fuzz_jsonl)
mode=long
secs=60
case "${1:-}" in
  --regress) mode=regress; shift ;;
  --smoke) mode=smoke; secs=30; shift ;;
esac
if [ $mode != regress ] && [[ "${1:-}" =~ ^[0-9]+$ ]]; then secs=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

build=${FUZZ_BUILD_DIR:-build-fuzz}
[[ "$build" = /* ]] || build="$root/$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang-16 CXX=clang++-16 cmake -S "$root" -B "$build" -DBDP_FUZZ=ON -DBDP_TESTS=OFF \
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

# run_target TARGET: one target's run (or replay); prints its table row, returns 1 on a finding.
run_target() {
  local t=$1 rc=0
  local bin="$build/fuzz/$t"
  local reg pending corpus art log stamp status crashes execs persec last cov ft ncorp f files keep
  reg="$root/fuzz/regressions/$t"
  pending="$root/fuzz/regressions-pending/$t"
  if [ $mode = regress ]; then
    files=("$reg"/*)
    if [ -e "${files[0]}" ]; then
      if "$bin" -runs=1 "${files[@]}" >"$build/$t.regress.log" 2>&1; then
        echo "| $t (regressions) | - | ${#files[@]} | - | - | - | - | 0 |"
      else
        echo "| $t (regressions) | - | ${#files[@]} | - | - | - | - | FAIL, see $build/$t.regress.log |"
        rc=1
      fi
    fi
    return $rc
  fi
  if [ $mode = smoke ]; then
    corpus="$build/fuzz-smoke/$t"
    art="$build/fuzz-smoke/$t-artifacts"
    rm -rf "$corpus" "$art"
    seed_corpus "$t" "$corpus"
    # Past findings replay through the target's own invariants, not only the pipeline's.
    [ -d "$reg" ] && cp "$reg"/* "$corpus"/
    log="$build/$t.smoke.log"
  else
    corpus="$root/fuzz/corpus/$t"
    art="$root/fuzz/artifacts/$t"
    [ -d "$corpus" ] || seed_corpus "$t" "$corpus"
    log="$build/$t.log"
  fi
  mkdir -p "$art"
  # Findings of earlier runs stay in $art; only files newer than this stamp count as this run's.
  stamp="$build/$t.start"
  touch "$stamp"
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
    [ -f "$f" ] && [ "$f" -nt "$stamp" ] || continue
    mkdir -p "$pending"
    cp -n "$f" "$pending/"
    echo "fuzz.sh: $t finding kept in fuzz/regressions-pending/$t/${f##*/}" >&2
    crashes=$((crashes + 1))
  done
  if [ $status != 0 ] || [ $crashes != 0 ]; then
    rc=1
    # CI shows only the console: the start of the report (what and where; a deep stack would
    # push it out of a plain tail) and the end (SUMMARY, the input's path).
    if [ $mode = smoke ]; then
      first=$(grep -n -m1 -E '==[0-9]+==ERROR|invariant failed|runtime error|ALARM|out-of-memory|deadly signal' "$log" | cut -d: -f1)
      [ -n "$first" ] && sed -n "${first},$((first + 40))p" "$log" >&2
      echo "[…]" >&2
      tail -n 15 "$log" >&2
    fi
  fi
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -n 1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  persec=$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$log" | awk '{print $2}' | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  ncorp=$(sed -n 's/.*corp: \([0-9][0-9/a-zA-Z]*\).*/\1/p' <<<"$last")
  [ -n "$persec" ] || persec=$(sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p' <<<"$last")
  echo "| $t | $secs | ${execs:-?} | ${persec:-?} | ${cov:-?} | ${ft:-?} | ${ncorp:-?} | $crashes$([ $status = 0 ] || echo " (exit $status, $log)") |"
  return $rc
}

rc=0
printf '| target | seconds | executions | exec/s | cov | ft | corpus | findings |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
parallel=${FUZZ_PARALLEL:-1}
if [ "$parallel" -le 1 ]; then
  for t in "${targets[@]}"; do run_target "$t" || rc=1; done
else
  # FUZZ_PARALLEL targets side by side (one core each); rows and reports printed in target
  # order once a batch is done, so two reports never interleave.
  for ((i = 0; i < ${#targets[@]}; i += parallel)); do
    batch=("${targets[@]:i:parallel}")
    pids=()
    for t in "${batch[@]}"; do
      run_target "$t" >"$build/$t.row" 2>"$build/$t.row.err" &
      pids+=($!)
    done
    for j in "${!batch[@]}"; do
      wait "${pids[$j]}" || rc=1
      cat "$build/${batch[$j]}.row"
      cat "$build/${batch[$j]}.row.err" >&2
    done
  done
fi
exit $rc
