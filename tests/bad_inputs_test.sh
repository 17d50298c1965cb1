#!/usr/bin/env bash
# Bad inputs (issue 8): bdp-ingest must survive whatever a scraper leaves on disk.
#
#   tests/bad_inputs_test.sh path/to/bdp-ingest
#
# Builds a corpus of hostile inputs in a temp dir (empty, whitespace, binary, broken and
# UTF-16 encodings, a lying BOM, a 50 MB line, a million lines, repeated blocks, a vanished
# file, a symlink loop, FIFOs) and runs `ingest --stats` (and `validate`) on each. Every case
# must: exit 0 or 1 (never a signal or a timeout), finish within BAD_INPUTS_TIMEOUT seconds
# (default 60), stay under BAD_INPUTS_RSS_MB of peak RSS (default 2048), account for every
# input (records + failed = inputs, one JSON line per record, a diagnostic per failure) and
# exit 1 exactly when an input failed.
#
# FIFOs: an explicitly named FIFO is read like stdin (the user asked for it); a FIFO met
# while walking a directory is not a `*.txt` page to read and must not block the run.
set -uo pipefail

bin=${1:?usage: bad_inputs_test.sh BIN}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
limit_s=${BAD_INPUTS_TIMEOUT:-60}
limit_mb=${BAD_INPUTS_RSS_MB:-2048}
tmp=$(mktemp -d)
bg_pids=()
cleanup() {
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
sample="$root/samples/000_42b64f40e6b1f379.txt"
[ -f "$sample" ] || { echo "bad-inputs: $sample missing" >&2; exit 2; }
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""

passed=0
failed=0
fail() {
  echo "FAIL $1: $2" >&2
  failed=$((failed + 1))
}

# Inputs, generated deterministically.
in="$tmp/in"
mkdir -p "$in"
python3 - "$in" "$sample" <<'EOF'
import random, sys
out, sample = sys.argv[1], sys.argv[2]
text = open(sample, encoding="utf-8").read()
rng = random.Random(8)
def w(name, data):
    with open(f"{out}/{name}", "wb") as f:
        f.write(data)
w("empty.txt", b"")
w("whitespace.txt", b"  \n\t\n \r\n\xc2\xa0\n   ")
w("one-byte.txt", b"x")
w("one-high-byte.txt", b"\xff")
w("random.txt", bytes(rng.getrandbits(8) for _ in range(16384)))
w("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(4096)))
w("nuls.txt", text.encode().replace(b" ", b" \x00", 200))
bad = [b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\x80", b"\xbf\xbf", b"\xf5\x80\x80\x80",
       b"\xf4\x90\x80\x80", b"\xe2\x82", b"\xff\xfe", b"\xc3"]
chunks = text.encode().split(b"\n")
w("invalid-utf8.txt", b"\n".join(c + bad[i % len(bad)] for i, c in enumerate(chunks)))
w("utf16le-bom.txt", b"\xff\xfe" + text.encode("utf-16-le"))
w("utf16be-bom.txt", b"\xfe\xff" + text.encode("utf-16-be"))
w("utf16le-nobom.txt", text.encode("utf-16-le"))
w("utf16be-nobom.txt", text.encode("utf-16-be"))
w("cp1250-lying-bom.txt", b"\xef\xbb\xbf" + text.encode("cp1250", errors="replace"))
w("utf16-odd-length.txt", b"\xff\xfe" + text.encode("utf-16-le") + b"\x41")
unit = "Liczba osób wzrosła ze 187 w 2005 roku do 426 w 2009 roku, koszt 1 500 000 zł; ".encode()
w("line-50mb.txt", unit * (50_000_000 // len(unit)))
w("million-lines.txt", b"".join(b"%d osob\n" % (i % 1000) for i in range(1_000_000)))
start = text.index("Metryka praktyki")
end = text.index(".:", start)
w("metryka-x10000.txt", (text[:start] + text[start:end] * 10000 + text[end:]).encode())
nav = "\n".join(text.split("\n")[:22]) + "\n"
w("boilerplate-x20000.txt", (nav * 20000 + text).encode())
w("crlf-cr-mixed.txt", text.replace("\n", "\r", 50).replace("\n", "\r\n", 50).encode())
EOF

# run_case NAME EXPECT_INPUTS EXPECT_RECORDS EXPECT_FAILED [--stdin FILE] -- ARGS...
# EXPECT_* may be "-" (any). ARGS go to `bdp-ingest ingest --stats`.
run_case() {
  local name=$1 want_in=$2 want_rec=$3 want_fail=$4
  shift 4
  local stdin=/dev/null
  if [ "$1" = "--stdin" ]; then stdin=$2; shift 2; fi
  [ "$1" = "--" ] && shift
  local out="$tmp/out.jsonl" err="$tmp/err" rss="$tmp/rss" rc=0 start end
  : >"$rss"
  start=$(date +%s.%N)
  if [ -n "$TIME" ]; then
    timeout -k 5 "$limit_s" "$TIME" -f '%M' -o "$rss" "$bin" ingest --stats -j 2 "$@" \
      <"$stdin" >"$out" 2>"$err" || rc=$?
  else
    timeout -k 5 "$limit_s" "$bin" ingest --stats -j 2 "$@" <"$stdin" >"$out" 2>"$err" || rc=$?
  fi
  end=$(date +%s.%N)
  local secs
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then fail "$name" "timed out after ${limit_s}s"; return; fi
  if [ "$rc" -ge 128 ]; then fail "$name" "killed by signal $((rc - 128)): $(tail -n 5 "$err")"; return; fi
  if [ "$rc" -gt 1 ]; then fail "$name" "exit $rc: $(tail -n 5 "$err")"; return; fi
  local kb
  kb=$(grep -E '^[0-9]+$' "$rss" | tail -n 1)
  if [ -n "$kb" ] && [ "$kb" -gt $((limit_mb * 1024)) ]; then
    fail "$name" "peak RSS $((kb / 1024)) MB > $limit_mb MB"
    return
  fi
  local stats n_in n_rec n_fail
  stats=$(grep -E '^inputs: [0-9]+, records: [0-9]+, failed: [0-9]+$' "$err" | tail -n 1)
  if [ -z "$stats" ]; then fail "$name" "no --stats line on stderr: $(tail -n 3 "$err")"; return; fi
  read -r n_in n_rec n_fail < <(sed -E 's/[^0-9]+/ /g' <<<"$stats")
  local lines diags
  lines=$(wc -l <"$out")
  diags=$(grep -c 'error\[' "$err")
  local problems=""
  [ "$want_in" = - ] || [ "$n_in" = "$want_in" ] || problems+=" inputs=$n_in (want $want_in);"
  [ "$want_rec" = - ] || [ "$n_rec" = "$want_rec" ] || problems+=" records=$n_rec (want $want_rec);"
  [ "$want_fail" = - ] || [ "$n_fail" = "$want_fail" ] || problems+=" failed=$n_fail (want $want_fail);"
  [ $((n_rec + n_fail)) = "$n_in" ] || problems+=" records+failed=$((n_rec + n_fail)) != inputs=$n_in;"
  [ "$lines" = "$n_rec" ] || problems+=" $lines output lines for $n_rec records;"
  [ "$diags" -ge "$n_fail" ] || problems+=" $diags diagnostics for $n_fail failures;"
  if [ "$n_fail" -gt 0 ]; then
    [ "$rc" = 1 ] || problems+=" exit $rc with failures;"
  else
    [ "$rc" = 0 ] || problems+=" exit $rc without failures;"
  fi
  if [ "$lines" -gt 0 ] && ! python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    r = json.loads(line)
    assert isinstance(r, dict) and isinstance(r.get("id"), str) and r["id"], f"line {n}: no id"
' "$out" 2>"$tmp/jsonerr"; then
    problems+=" output is not JSON Lines with ids: $(tail -n 1 "$tmp/jsonerr");"
  fi
  if [ -n "$problems" ]; then fail "$name" "${problems% ;}"; return; fi
  passed=$((passed + 1))
  printf 'ok   %-26s %5ss %6s MB  %s\n' "$name" "$secs" "$(( ${kb:-0} / 1024 ))" "$stats"
}

# validate_case NAME FILE: `validate` must not crash or hang either (exit 0 or 1).
validate_case() {
  local name=$1 rc=0
  shift
  timeout -k 5 "$limit_s" "$bin" validate -j 2 "$@" >/dev/null 2>"$tmp/verr" || rc=$?
  if [ "$rc" -gt 1 ]; then fail "validate $name" "exit $rc: $(tail -n 3 "$tmp/verr")"; return; fi
  passed=$((passed + 1))
}

for f in "$in"/*.txt; do
  n=$(basename "$f" .txt)
  run_case "$n" 1 - - -- "$f"
  validate_case "$n" "$f"
done

# Everything at once through a directory walk: one record or diagnostic per file.
count=$(find "$in" -name '*.txt' | wc -l)
run_case "all-in-one-walk" "$count" - - -- "$in"

# Stdin.
run_case "stdin" 1 1 0 --stdin "$sample" -- -

# Too large for --max-bytes: a diagnostic, exit 1.
run_case "over-max-bytes" 1 0 1 -- --max-bytes 1000 "$sample"

# A missing path and a file that vanished between listing and reading (--files-from).
run_case "missing-path" 1 0 1 -- "$tmp/does-not-exist.txt"
cp "$sample" "$tmp/vanishing.txt"
printf '%s\n%s\n' "$sample" "$tmp/vanishing.txt" >"$tmp/list"
rm "$tmp/vanishing.txt"
run_case "vanished-files-from" 2 1 1 -- --files-from "$tmp/list"

# A directory symlink loop: the real page once, the loop reported or skipped, no hang.
mkdir -p "$tmp/loop/sub"
cp "$sample" "$tmp/loop/sub/page.txt"
ln -s .. "$tmp/loop/sub/up"
ln -s "$tmp/loop" "$tmp/loop/sub/again"
run_case "symlink-loop" - 1 - -- "$tmp/loop"

# A FIFO inside a walked directory must not block: skipped or reported, the page still read.
mkdir -p "$tmp/fifodir"
cp "$sample" "$tmp/fifodir/page.txt"
mkfifo "$tmp/fifodir/pipe.txt"
run_case "fifo-in-walk" - 1 - -- "$tmp/fifodir"

# A FIFO named explicitly is read (a writer is attached in the background).
mkfifo "$tmp/explicit.fifo"
(cat "$sample" >"$tmp/explicit.fifo") &
bg_pids+=($!)
run_case "fifo-explicit" 1 1 0 -- "$tmp/explicit.fifo"

# A directory named in --files-from, and a path list with blank and CRLF lines.
printf '%s\r\n\r\n%s\n' "$sample" "$tmp/fifodir" >"$tmp/list2"
rm -f "$tmp/fifodir/pipe.txt"
run_case "files-from-crlf" 2 2 0 -- --files-from "$tmp/list2"

echo "bad-inputs: $passed passed, $failed failed"
[ "$failed" = 0 ]
