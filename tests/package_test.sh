#!/usr/bin/env bash
# Installs into a temp prefix (man page, completions), builds the .deb with CPack, unpacks it
# with dpkg -x and runs the installed binary on the samples.
set -euo pipefail
build=$(realpath "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
test -x "$tmp/prefix/bin/bdp-ingest"
man -l "$tmp/prefix/share/man/man1/bdp-ingest.1" > /dev/null 2>&1 || groff -man -Tutf8 "$tmp/prefix/share/man/man1/bdp-ingest.1" > /dev/null 2>&1 || test -s "$tmp/prefix/share/man/man1/bdp-ingest.1"
bash -c "source '$tmp/prefix/share/bash-completion/completions/bdp-ingest'; COMP_WORDS=(bdp-ingest val); COMP_CWORD=1; _bdp_ingest; [[ \" \${COMPREPLY[*]} \" == *' validate '* ]]"
(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" > /dev/null)
deb=$(ls "$tmp"/pkg/*.deb)
dpkg-deb -f "$deb" Depends | grep -q hunspell-pl
dpkg -x "$deb" "$tmp/root"
n=$("$tmp/root/usr/bin/bdp-ingest" samples/*.txt | wc -l)
test "$n" -eq "$(ls samples/*.txt | wc -l)"
echo "package: 1 passed, 0 failed"
