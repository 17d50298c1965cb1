#!/usr/bin/env bash
# End-to-end tests of the binary: inputs (files, dirs, stdin, --files-from), exit codes,
# atomic -o, broken pipes, schema, golden records against the schema, grammar overrides.
set -uo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }

samples=(samples/*.txt)
n=${#samples[@]}

# The main job: one record per sample, in input order.
"$bin" "${samples[@]}" > "$tmp/all.jsonl"; rc=$?
check "ingest exit 0" test $rc -eq 0
check "one record per sample" test "$(wc -l < "$tmp/all.jsonl")" -eq "$n"
check "records in input order" test "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["source"]["path"] for l in open(sys.argv[1])))' "$tmp/all.jsonl")" = "${samples[*]}"
check "explicit ingest == default" cmp -s "$tmp/all.jsonl" <("$bin" ingest "${samples[@]}")
check "--jobs 1 byte-identical to --jobs 2" cmp -s <("$bin" -j 1 "${samples[@]}") <("$bin" -j 2 "${samples[@]}")

# stdin, "-" and --files-from (newline and NUL separated).
check "stdin without args" test "$("$bin" < "${samples[0]}" | wc -l)" -eq 1
check "stdin as -" test "$(python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["source"]["path"])' < <("$bin" - < "${samples[0]}"))" = "-"
printf '%s\n' "${samples[@]}" > "$tmp/list"
check "--files-from FILE" test "$("$bin" --files-from "$tmp/list" | wc -l)" -eq "$n"
check "--files-from - (NUL)" test "$(printf '%s\0' "${samples[@]}" | "$bin" --files-from - | wc -l)" -eq "$n"

# Directories are walked for *.txt.
mkdir -p "$tmp/tree/a/b"; cp "${samples[0]}" "$tmp/tree/a/b/x.txt"; cp "${samples[1]}" "$tmp/tree/y.txt"; echo skip > "$tmp/tree/notes.md"
check "directory walk" test "$("$bin" "$tmp/tree" | wc -l)" -eq 2

# A missing file: diagnostic on stderr, exit 1, the others still written.
"$bin" "${samples[0]}" "$tmp/missing.txt" "${samples[1]}" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "missing file exit 1" test $rc -eq 1
check "others still written" test "$(wc -l < "$tmp/out")" -eq 2
check "missing file diagnostic" grep -q "missing.txt: error\[input.missing\]" "$tmp/err"
"$bin" --stats "${samples[0]}" "$tmp/missing.txt" > /dev/null 2> "$tmp/err"
check "accounting: records + failed = inputs" grep -q "inputs: 2, records: 1, failed: 1" "$tmp/err"

# Usage errors exit 2.
"$bin" --no-such-flag "${samples[0]}" > /dev/null 2>&1; rc=$?
check "bad flag exit 2" test $rc -eq 2
"$bin" --jobs abc "${samples[0]}" > /dev/null 2>&1; rc=$?
check "bad value exit 2" test $rc -eq 2
check "--version" bash -c "'$bin' --version | grep -q '^bdp-ingest [0-9]'"
check "--help shows examples" bash -c "'$bin' --help | grep -q 'Examples:'"

# -o is atomic: written whole on success; an interrupted run leaves no file, no temp file.
"$bin" -o "$tmp/o.jsonl" "${samples[@]}"
check "-o writes all" test "$(wc -l < "$tmp/o.jsonl")" -eq "$n"
mkfifo "$tmp/fifo"
# Job control on: a background job of a script ignores SIGINT otherwise (and so does the tool,
# as a program should when its SIGINT was ignored: `nohup`, `cmd &`).
set -m
"$bin" -o "$tmp/partial.jsonl" "${samples[0]}" "$tmp/fifo" & pid=$!
exec 3> "$tmp/fifo"   # hold the FIFO open: the run blocks on it
sleep 0.5; kill -INT $pid; wait $pid 2>/dev/null; rc=$?; exec 3>&-
set +m
check "interrupted -o leaves no file" test ! -e "$tmp/partial.jsonl"
check "interrupted: exit 130" test $rc -eq 130

# An interrupted run to standard output ends with a whole record: the signal comes while the
# writer is blocked in the middle of a chunk (its reader stopped reading), and the chunk goes
# out whole before the run ends.
pages=(); for _ in $(seq 40); do pages+=("${samples[@]}"); done
mkfifo "$tmp/outfifo"
set -m
"$bin" -j 1 "${pages[@]}" > "$tmp/outfifo" 2> /dev/null & pid=$!
exec 4< "$tmp/outfifo"
dd bs=1000 count=1 iflag=fullblock status=none <&4 > "$tmp/cut.jsonl"
sleep 0.3; kill -INT $pid
cat <&4 >> "$tmp/cut.jsonl"; wait $pid 2>/dev/null; rc=$?; exec 4<&-
set +m
check "interrupted to stdout: exit 130" test $rc -eq 130
check "interrupted to stdout: fewer records than pages" test "$(wc -l < "$tmp/cut.jsonl")" -lt ${#pages[@]}
check "interrupted to stdout: ends with a whole record" python3 -c '
import json, sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "no newline at the end"
for line in data.splitlines(): json.loads(line)' "$tmp/cut.jsonl"
check "interrupted -o leaves no temp" test -z "$(ls -A "$tmp" | grep '\.tmp\.' || true)"
"$bin" -o "$tmp/nodir/x.jsonl" "${samples[0]}" 2> /dev/null; rc=$?
check "unwritable -o exit 2" test $rc -eq 2
# -o to what is not a regular file writes through it, never replaces it; a regular file keeps
# its mode, a symlink stays a link; a new file gets the umask's mode, not mkstemp's 0600.
mkfifo "$tmp/out.fifo"
cat "$tmp/out.fifo" > "$tmp/fifo.got" & reader=$!
"$bin" -o "$tmp/out.fifo" "${samples[0]}"; rc=$?
wait $reader
check "-o FIFO exit 0" test $rc -eq 0
check "-o FIFO stays a FIFO" test -p "$tmp/out.fifo"
check "-o FIFO record arrives" test "$(wc -l < "$tmp/fifo.got")" -eq 1
(umask 022 && "$bin" -o "$tmp/mode.jsonl" "${samples[0]}")
check "-o new file mode from the umask" test "$(stat -c %a "$tmp/mode.jsonl")" = 644
chmod 640 "$tmp/mode.jsonl"
ln -s mode.jsonl "$tmp/link.jsonl"
"$bin" -o "$tmp/link.jsonl" "${samples[1]}"
check "-o symlink stays a link" test -L "$tmp/link.jsonl"
check "-o through a symlink writes its target" test "$(wc -l < "$tmp/mode.jsonl")" -eq 1
check "-o keeps an existing file's mode" test "$(stat -c %a "$tmp/mode.jsonl")" = 640
"$bin" -o "$tmp" "${samples[0]}" 2> /dev/null; rc=$?
check "-o directory exit 2" test $rc -eq 2
# page text with terminal escapes is printed escaped by explain and diff's text report
printf 'Tytuł \033[31mczerwony\033]0;pwned\007 koniec\n\nTreść strony o programie pomocy dla rodzin w gminie.\n' > "$tmp/esc.txt"
check "explain escapes control characters" bash -c "! '$bin' explain '$tmp/esc.txt' | grep -q \$'\\033'"
check "explain shows them as \\x1b" bash -c "'$bin' explain '$tmp/esc.txt' | grep -qF '\\x1b[31m'"
# a page read but not usable (binary) is a record, and said on stderr too (exit 0)
head -c 2000 /bin/ls > "$tmp/binary.txt"
"$bin" "$tmp/binary.txt" > "$tmp/bin.jsonl" 2> "$tmp/bin.err"; rc=$?
check "binary page exit 0" test $rc -eq 0
check "binary page is a record" test "$(wc -l < "$tmp/bin.jsonl")" -eq 1
check "binary page said on stderr" grep -q "binary.txt: warning\[source.binary\]" "$tmp/bin.err"
check "-q keeps it quiet" test -z "$("$bin" -q "$tmp/binary.txt" 2>&1 >/dev/null)"
# a directory without pages is reported, not passed over in silence
mkdir -p "$tmp/nopages/sub" && touch "$tmp/nopages/a.pdf"
"$bin" "$tmp/nopages" "${samples[0]}" > "$tmp/np.jsonl" 2> "$tmp/np.err"; rc=$?
check "directory without pages exit 1" test $rc -eq 1
check "directory without pages said" grep -q "error\[input.no_pages\]" "$tmp/np.err"
check "the other input still written" test "$(wc -l < "$tmp/np.jsonl")" -eq 1
# a saved HTML page in a directory is a page: its markup is made text
mkdir -p "$tmp/htmlpages" && printf '<!DOCTYPE html><html><body><h1>Klub Seniora w Łańcucie</h1><p>W 2019 r. z zajęć skorzystało <b>245 osób</b>.</p></body></html>\n' > "$tmp/htmlpages/klub.html"
"$bin" "$tmp/htmlpages" > "$tmp/html.jsonl" 2> /dev/null; rc=$?
check "directory of .html pages exit 0" test $rc -eq 0
check "an .html page is read as text" grep -q '"text":"W 2019 r. z zajęć skorzystało 245 osób."' "$tmp/html.jsonl"
check "and its markup said" grep -q '"code":"source.html"' "$tmp/html.jsonl"
"$bin" validate "$tmp/nopages" > /dev/null 2>&1; rc=$?
check "validate of a directory without pages fails" test $rc -eq 1

# A page a dumper wrapped at 60 columns: the stages read it joined, the record keeps the file's
# lines, and explain marks the quantity on the joined line that holds it.
cat > "$tmp/wrapped.txt" <<'PAGE'
Gminny Program Wspierania Rodziny na lata 2024-2026 w Gminie
Lubicz

Gminny Ośrodek Pomocy Społecznej w Lubiczu realizuje program
wsparcia rodzin przeżywających trudności opiekuńczo-
wychowawcze. Program obejmuje pracę socjalną, asystenturę
rodzinną i poradnictwo specjalistyczne dla rodzin z dziećmi.

W 2023 roku asystenci rodziny pracowali łącznie z
czterdziestoma rodzinami, a pracownicy socjalni
przeprowadzili w ciągu całego roku 312 wywiadów
środowiskowych w domach rodzin objętych wsparciem.
PAGE
"$bin" "$tmp/wrapped.txt" > "$tmp/wrapped.jsonl"
check "wrapped page: the title joined" grep -q '"title":"Gminny Program Wspierania Rodziny na lata 2024-2026 w Gminie Lubicz"' "$tmp/wrapped.jsonl"
check "wrapped page: quantities keep the file's lines" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
got = {(q["value"], q["line"]) for q in r["quantities"]}
assert (312, 11) in got and r["source"]["line_count"] == 12, (got, r["source"]["line_count"])' "$tmp/wrapped.jsonl"
check "wrapped page: explain marks the joined line" bash -c "'$bin' explain '$tmp/wrapped.txt' | grep -E '^ +5 text .*quantity:count' -q"

# A broken pipe ends quietly.
err=$( { "$bin" "${samples[@]}" "${samples[@]}" "${samples[@]}" | head -c 10 > /dev/null; } 2>&1 )
check "broken pipe is quiet" test -z "$err"

# Schema: valid JSON Schema; every golden record and every fresh record (samples, eval and
# unknown pages) validates.
"$bin" schema > "$tmp/schema.json"
check "schema is the repo file" cmp -s "$tmp/schema.json" docs/record.schema.json
# (with a page whose odd bytes make diagnostics: a UTF-8 page with a stray windows-1250 byte)
{ head -c 400 samples/003_a330b8b9da82a7d9.txt; printf 'Pomoc dla \xb9 rodzin.\n'; } > "$tmp/mixed.txt"
"$bin" -q tests/data/eval tests/data/unknown "$tmp/mixed.txt" > "$tmp/eval.jsonl"
check "a stray windows-1250 byte makes a diagnostic" grep -q '"source.invalid_utf8"' "$tmp/eval.jsonl"
python3 - "$tmp/schema.json" "$tmp/all.jsonl" "$tmp/eval.jsonl" samples/*.expected.json <<'PY' || bad "records validate against the schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
records = [json.loads(l) for f in sys.argv[2:4] for l in open(f)] + [json.load(open(p)) for p in sys.argv[4:]]
assert len(records) >= 10, len(records)
errors = [f"{r['source']['path']}: {e.json_path}: {e.message}" for r in records for e in v.iter_errors(r)]
print("\n".join(errors[:20]), file=sys.stderr)
sys.exit(1 if errors else 0)
PY
[ $? -eq 0 ] && ok

# Grammar overrides: a broken grammar is an error naming file and line; exit 2.
mkdir -p "$tmp/g"; printf '[broken\n' > "$tmp/g/boilerplate.grammar"
"$bin" --grammars "$tmp/g" "${samples[0]}" > /dev/null 2> "$tmp/err"; rc=$?
check "bad grammar exit 2" test $rc -eq 2
check "bad grammar names file:line" grep -q "$tmp/g/boilerplate.grammar:1:" "$tmp/err"
# validate reports grammar errors the same way.
"$bin" --grammars "$tmp/g" validate "${samples[0]}" > /dev/null 2> "$tmp/err"; rc=$?
check "validate: bad grammar exit 2" test $rc -eq 2
check "validate: bad grammar tagged error[grammar]" grep -q "$tmp/g/boilerplate.grammar:1: error\[grammar\]" "$tmp/err"
# A copy of the shipped grammars overrides the embedded ones without a change.
"$bin" --grammars "$root/grammars" "${samples[@]}" > "$tmp/gcopy.jsonl" 2> "$tmp/err"; rc=$?
"$bin" "${samples[@]}" > "$tmp/gemb.jsonl" 2> /dev/null
check "grammars/ as an override: exit 0, no error" bash -c "test $rc -eq 0 && ! test -s '$tmp/err'"
check "grammars/ as an override: same records" cmp -s "$tmp/gcopy.jsonl" "$tmp/gemb.jsonl"
# … and so are a misspelt file name, a section no stage reads, and a bare line where a
# pattern is needed (it would strip every line); all reported in one run.
mkdir -p "$tmp/g2"
cp "$root/grammars/boilerplate.grammar" "$tmp/g2/boilerplate.grammar"
printf '[strip]\nfooter line\n[nosuchsection]\nx = y\n' >> "$tmp/g2/boilerplate.grammar"
printf '[strip]\n' > "$tmp/g2/boilerplat.grammar"
"$bin" --grammars "$tmp/g2" "${samples[0]}" > /dev/null 2> "$tmp/err"; rc=$?
check "unknown grammar parts exit 2" test $rc -eq 2
check "misspelt grammar file named" grep -q "boilerplat.grammar: error\[grammar\]: no grammar of this name" "$tmp/err"
check "unknown section named" grep -q "unknown section \[nosuchsection\]" "$tmp/err"
check "bare strip line named" grep -q "needs 'name = regex'" "$tmp/err"

# Privacy: --redact drops contact names, phones and e-mails; --redact=hash is stable per salt.
"$bin" --redact=drop "${samples[@]}" > "$tmp/red.jsonl"
# a bare --redact before a path means drop and leaves the path an input
"$bin" -q --redact "${samples[0]}" > "$tmp/red1.jsonl"; rc=$?
check "bare --redact before a path: exit 0" test $rc -eq 0
check "bare --redact before a path: dropped" bash -c "! grep -q 'Mikołajewska' '$tmp/red1.jsonl'"
check "redact: no contact name" bash -c "! grep -q 'Mikołajewska\|Niemasz\|Cieślik' '$tmp/red.jsonl'"
check "redact: no personal e-mail" bash -c "! grep -q 'k.mikolajewska@\|dzieciakiustka@' '$tmp/red.jsonl'"
check "redact: role kept" grep -q "Dyrektor Wydziału Polityki Społecznej" "$tmp/red.jsonl"
check "redact: institutional e-mail kept" grep -q "starostwo@powiat.slupsk.pl" "$tmp/red.jsonl"
"$bin" --redact=hash --salt s1 "${samples[0]}" > "$tmp/h1"; "$bin" --redact=hash --salt s1 "${samples[0]}" > "$tmp/h2"
BDP_SALT=s2 "$bin" --redact=hash "${samples[0]}" > "$tmp/h3"
check "redact hash: no name" bash -c "! grep -q 'Mikołajewska' '$tmp/h1'"
check "redact hash: stable for one salt" cmp -s "$tmp/h1" "$tmp/h2"
check "redact hash: differs across salts" bash -c "! cmp -s '$tmp/h1' '$tmp/h3'"
"$bin" --redact=hash "${samples[0]}" > /dev/null 2>&1; rc=$?
check "redact hash without salt exit 2" test $rc -eq 2

# Completions come from the command definitions.
check "bash completion lists validate" bash -c "'$bin' completions bash | grep -q validate"
check "bash completion completes val<TAB>" bash -c "source <('$bin' completions bash); COMP_WORDS=(bdp-ingest val); COMP_CWORD=1; _bdp_ingest; [[ \" \${COMPREPLY[*]} \" == *' validate '* ]]"

# The man page documents every long option of every subcommand (it cannot drift silently).
for cmd in "" ingest explain validate diff stats schema completions; do
  for opt in $("$bin" $cmd --help | grep -oE '(^|[ ,])--[a-z][a-z-]+' | sed 's/^[ ,]*//' | sort -u); do
    [ "$opt" = --help ] && continue
    grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" docs/bdp-ingest.1 || bad "man page lacks $cmd $opt"
  done
done
ok
command -v man > /dev/null && { man -l docs/bdp-ingest.1 > /dev/null 2>&1 && ok || bad "man -l renders the page"; }

# --cross-page: lines repeated on the pages of one site (directory) leave `text`; nothing
# else in the records changes; stdin cannot be read twice (exit 2).
mkdir -p "$tmp/site"
for i in 1 2 3; do
  { printf 'Gminny Portal Mieszkańca\n\n'; sed "s/193 rodzin/19$i rodzin/" samples/003_a330b8b9da82a7d9.txt
    printf '\nObsługa serwisu: Dział Informatyki\n'; } > "$tmp/site/p$i.txt"
done
"$bin" "$tmp/site" > "$tmp/cp1.jsonl"; "$bin" --cross-page "$tmp/site" > "$tmp/cp2.jsonl"; rc=$?
check "cross-page exit 0" test $rc -eq 0
check "cross-page: footer line in text without it" grep -q "Obsługa serwisu" "$tmp/cp1.jsonl"
check "cross-page: footer line gone with it" bash -c "! grep -q 'Obsługa serwisu' '$tmp/cp2.jsonl'"
python3 - "$tmp/cp1.jsonl" "$tmp/cp2.jsonl" <<'PY' || bad "cross-page changes only text and quantities"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == len(b) == 3
for x, y in zip(a, b):
    for k in set(x) | set(y):
        if k not in ("text", "quantities"): assert x.get(k) == y.get(k), k
PY
[ $? -eq 0 ] && ok
check "cross-page: -j1 == -j2" cmp -s <("$bin" -j 1 --cross-page "$tmp/site") <("$bin" -j 2 --cross-page "$tmp/site")
check "explain --cross-page names the rule and the pages" bash -c "'$bin' explain --cross-page '$tmp/site'/*.txt | grep -q 'cross_page_repeat 3/3 .*Obsługa serwisu'"
"$bin" --cross-page "$tmp/site/p1.txt" > "$tmp/cp3.jsonl"
check "cross-page: one page of a site changes nothing" cmp -s "$tmp/cp3.jsonl" <("$bin" "$tmp/site/p1.txt")
"$bin" --cross-page < "${samples[0]}" > /dev/null 2> "$tmp/err"; rc=$?
check "cross-page with stdin exit 2" test $rc -eq 2
check "cross-page with stdin says why" grep -q "cannot read stdin" "$tmp/err"
"$bin" --cross-page - < "${samples[0]}" > /dev/null 2>&1; rc=$?
check "cross-page with - exit 2" test $rc -eq 2
"$bin" --cross-page samples/*.txt > "$tmp/cps.jsonl"
check "cross-page over the samples keeps every seed fact" python3 tests/check_samples.py "$tmp/cps.jsonl"

# Output that cannot be written (a full disk) is an error, said on stderr; a reader that went
# away (| head) is not.
"$bin" -q "${samples[@]}" > /dev/full 2> "$tmp/err"; rc=$?
check "full disk: exit 2" test $rc -eq 2
check "full disk: said why" grep -q "No space left" "$tmp/err"
"$bin" -q -o /dev/full "${samples[@]}" 2> /dev/null; rc=$?
check "full disk with -o: exit 2" test $rc -eq 2
"$bin" validate "${samples[@]}" > /dev/full 2> /dev/null; rc=$?
check "validate to a full disk: exit 2" test $rc -eq 2
check "schema | head: exit 0" bash -c "'$bin' schema | head -c 1 > /dev/null; test \${PIPESTATUS[0]} -eq 0"
check "explain | head: exit 0" bash -c "'$bin' explain samples/*.txt | head -1 > /dev/null; test \${PIPESTATUS[0]} -eq 0"

# Inputs as Windows and PowerShell leave them: a UTF-16 --files-from list, upper-case names.
printf '%s\n' "${samples[@]:0:2}" | iconv -f UTF-8 -t UTF-16 > "$tmp/list16"
check "--files-from UTF-16 list" test "$("$bin" -q --files-from "$tmp/list16" | wc -l)" -eq 2
: | "$bin" -q --files-from - > /dev/null 2> "$tmp/err"; rc=$?
check "empty --files-from list: exit 1" test $rc -eq 1
check "empty --files-from list: said" grep -q "input.no_pages" "$tmp/err"
mkdir -p "$tmp/upper"; cp "${samples[0]}" "$tmp/upper/A.TXT"; cp "${samples[1]}" "$tmp/upper/B.Htm"
check "directory walk: .TXT and .Htm" test "$("$bin" -q "$tmp/upper" | wc -l)" -eq 2
check "--max-bytes with a unit" test "$("$bin" -q --max-bytes 1M "${samples[0]}" | wc -l)" -eq 1
"$bin" -q --max-bytes 0 "${samples[0]}" > /dev/null 2> "$tmp/err"; rc=$?
check "--max-bytes 0: exit 2, a short message" bash -c "test $rc -eq 2 && test \$(wc -c < '$tmp/err') -lt 200"

# A compressed file saved as .txt: a record with source.binary, and said on stderr.
head -c 3000 /dev/urandom | gzip -c > "$tmp/page.txt"
"$bin" "$tmp/page.txt" > "$tmp/bin.jsonl" 2> "$tmp/err"
check "binary page: said on stderr" grep -q "source.binary" "$tmp/err"
check "binary page: in the record" grep -q "source.binary" "$tmp/bin.jsonl"

# Linked with jemalloc (the default where libjemalloc-dev is installed): its tuning for this
# program is in effect (src/cli/allocator.cpp).
if ldd "$bin" 2>/dev/null | grep -q libjemalloc; then
  MALLOC_CONF=stats_print:true "$bin" -q "${samples[0]}" 2> "$tmp/je.txt" > /dev/null
  check "jemalloc: two arenas" grep -q "opt.narenas: 2" "$tmp/je.txt"
  check "jemalloc: pages handed back after 1 s" grep -q "opt.dirty_decay_ms: 1000" "$tmp/je.txt"
fi

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
