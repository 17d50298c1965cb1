#!/usr/bin/env bash
# Benchmark (issue 7): throughput, CPU and peak memory of ingest, validate and diff on
# synthetic corpora made by bench/gen_corpus.py, against `rg -o '[0-9]+'` as a floor.
#
#   scripts/bench.sh [N...]          default: 1000 10000 100000
#
# Environment:
#   BENCH_SIZES="1000 10000"  sizes when no N is given
#   BENCH_BIN=path            use this bdp-ingest instead of building build-bench (Release)
#   BENCH_SEED=1              corpus seed
#   BENCH_MUTATE=0.05         share of pages changed in the second snapshot (half as many
#                             removed and added) for the diff run
#   BENCH_SKIP="rg validate"  steps to leave out (ingest1 ingest2 validate diff rg)
#
# Corpora are cached in bench/corpus-N and bench/corpus-N-b (gitignored); JSONL outputs go to
# a temp dir. Prints one Markdown table per run on stdout.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then read -r -a sizes <<<"${BENCH_SIZES:-1000 10000 100000}"; fi
seed=${BENCH_SEED:-1}
mutate=${BENCH_MUTATE:-0.05}
skip=" ${BENCH_SKIP:-} "
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

bin=${BENCH_BIN:-}
if [ -z "$bin" ]; then
  build="$root/build-bench"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBDP_TESTS=OFF >/dev/null
  make -C "$build" -j"${BENCH_BUILD_JOBS:-1}" bdp-ingest >/dev/null
  bin="$build/bdp-ingest"
fi
have_rg=1
command -v rg >/dev/null || { have_rg=0; echo "bench: rg not found, floor skipped" >&2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

corpus() {  # corpus N DIR [--mutate P]
  local n=$1 dir=$2
  shift 2
  local stamp="$dir/.complete"
  local want="seed=$seed n=$n $*"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  rm -rf "$dir"
  python3 "$root/bench/gen_corpus.py" "$n" "$dir" --seed "$seed" "$@"
  echo "$want" >"$stamp"
}

# measure LABEL PAGES BYTES CMD... — runs CMD under GNU time and prints a table row.
# Exit codes 0 and 1 are results (1 = findings/differences); anything else is flagged.
measure() {
  local label=$1 pages=$2 bytes=$3
  shift 3
  local tf="$work/time" rc=0
  "$TIME" -f '%e %U %S %M' -o "$tf" "$@" >/dev/null 2>"$work/stderr" || rc=$?
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$tf")
  local note=""
  if [ "$rc" -gt 1 ]; then note=" (exit $rc: $(head -c 200 "$work/stderr" | tr '\n' ' '))"; fi
  awk -v l="$label" -v p="$pages" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" \
      -v r="$rss" -v note="$note" 'BEGIN {
        if (w <= 0) w = 0.005;
        printf "| %s%s | %d | %.0f | %.1f | %.2f | %.2f | %.0f |\n",
               l, note, p, p / w, b / w / 1e6, w, u + s, r / 1024 }'
}

for n in "${sizes[@]}"; do
  a="$root/bench/corpus-$n"
  b="$root/bench/corpus-$n-b"
  corpus "$n" "$a"
  pages=$(find "$a" -name '*.txt' | wc -l)
  bytes=$(find "$a" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  echo
  echo "### N = $n ($pages pages, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB)"
  echo
  echo "| step | pages | pages/s | MB/s | wall s | CPU s (user+sys) | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  [[ $skip == *" ingest1 "* ]] ||
    measure "ingest --jobs 1" "$pages" "$bytes" "$bin" ingest -q -j 1 -o "$work/a.jsonl" "$a"
  [[ $skip == *" ingest2 "* ]] ||
    measure "ingest --jobs 2" "$pages" "$bytes" "$bin" ingest -q -j 2 -o "$work/a.jsonl" "$a"
  [[ $skip == *" validate "* ]] ||
    measure "validate --jobs 1" "$pages" "$bytes" "$bin" validate -j 1 "$a"
  if [[ $skip != *" diff "* ]]; then
    corpus "$n" "$b" --mutate "$mutate"
    [ -s "$work/a.jsonl" ] || "$bin" ingest -q -j 2 -o "$work/a.jsonl" "$a" 2>/dev/null || true
    "$bin" ingest -q -j 2 -o "$work/b.jsonl" "$b" 2>/dev/null || true
    jbytes=$(( $(stat -c %s "$work/a.jsonl") + $(stat -c %s "$work/b.jsonl") ))
    recs=$(( $(wc -l <"$work/a.jsonl") + $(wc -l <"$work/b.jsonl") ))
    measure "diff A.jsonl B.jsonl (records of both)" "$recs" "$jbytes" \
      "$bin" diff "$work/a.jsonl" "$work/b.jsonl"
  fi
  if [[ $skip != *" rg "* ]] && [ "$have_rg" = 1 ]; then
    measure "floor: rg -o '[0-9]+'" "$pages" "$bytes" rg -o '[0-9]+' "$a"
  fi
done
