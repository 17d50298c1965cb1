#!/usr/bin/env bash
# Renders `bdp-ingest stats --format html` of the samples in headless Chromium: the DOM must
# hold the charts (one bar per row, with their labels and counts), a hostile title must stay
# text, and the screenshot must show the bars (pixels of the bar colours are counted). Skips
# (exit 0) only when Chromium is not installed. Usage: stats_html_test.sh BINARY [PNG_OUT]
set -uo pipefail
bin=$(realpath "$1")
png_out=${2:-}
cd "$(dirname "$0")/.."

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "stats-html: skipped (no chromium)"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
count() { grep -o -- "$1" "$2" | wc -l; }

title='BDP samples <script>document.title="pwned"</script> & co'
"$bin" stats --format html --title "$title" -o "$tmp/stats.html" samples; rc=$?
check "stats --format html exit 0" test $rc -eq 0
check "no URL, script or link in the page" \
  bash -c '! grep -Eiq "http|<script|<link|src=|href=|url\(" "$1"' _ "$tmp/stats.html"

chrome() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$tmp")" "$@" "file://$tmp/stats.html" 2>> "$tmp/chrome.err"
}

chrome --dump-dom > "$tmp/dom.html"; rc=$?
check "chromium --dump-dom exit 0" test $rc -eq 0
# Samples: page types 3, voivodeships 2 + none, unit types 2 + none, years 3 + none, 10
# units; no diagnostics (a "No data." note instead of a chart).
check "five charts" test "$(count '<svg class="chart"' "$tmp/dom.html")" -eq 5
check "23 bars" test "$(count '<rect class="bar' "$tmp/dom.html")" -eq 23
check "3 grey (none) bars" test "$(count '<rect class="bar missing"' "$tmp/dom.html")" -eq 3
for want in 'data-label="bdp_practice" data-count="3"' 'data-label="mazowieckie" data-count="2"' \
            'data-label="gmina miejska" data-count="2"' 'data-label="2010" data-count="1"' \
            'data-label="osoba" data-count="6"' '>pomorskie</text>' '<td>13532</td>'; do
  check "DOM has $want" grep -qF -- "$want" "$tmp/dom.html"
done
check "title escaped, not run" grep -qF '<title>BDP samples &lt;script&gt;document.title="pwned"&lt;/script&gt; &amp; co</title>' "$tmp/dom.html"
check "no script element in the DOM" bash -c '! grep -qi "<script" "$1"' _ "$tmp/dom.html"

chrome --screenshot="$tmp/stats.png" --window-size=1000,1400 > /dev/null; rc=$?
check "chromium --screenshot exit 0" test $rc -eq 0
check "screenshot written" test -s "$tmp/stats.png"
# Counts the pixels of the bar colour (#3b6ea5) and the grey of (none) bars (#b8b8b8).
pixels=$(python3 - "$tmp/stats.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw, stride = zlib.decompress(idat), w * bpp
prev, blue, grey, i = bytearray(stride), 0, 0, 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x:x + 3]
        if abs(r - 0x3b) < 8 and abs(g - 0x6e) < 8 and abs(bl - 0xa5) < 8: blue += 1
        elif abs(r - 0xb8) < 8 and abs(g - 0xb8) < 8 and abs(bl - 0xb8) < 8: grey += 1
    prev = line
print(blue, grey)
EOF
)
read -r blue grey <<< "${pixels:-0 0}"
# 19 blue bars at least 1 px wide and 15 px high; the longest are 210 px.
check "screenshot shows the blue bars ($blue px)" test "${blue:-0}" -gt 10000
check "screenshot shows the grey bars ($grey px)" test "${grey:-0}" -gt 3000
if [ -n "$png_out" ]; then cp "$tmp/stats.png" "$png_out"; fi

if ((fail)); then
  echo "stats-html: chromium stderr:" >&2
  tail -5 "$tmp/chrome.err" >&2
fi
echo "stats-html: $pass passed, $fail failed (bar pixels: $blue blue, $grey grey)"
((fail == 0))
