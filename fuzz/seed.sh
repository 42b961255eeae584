#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: the pages of docs-input/ and, where
# present, ../shared/corpus (pages and CSDL documents). Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$root/../shared/corpus"
mkdir -p "$here/corpus/page" "$here/corpus/pipeline" "$here/corpus/csdl"
for f in "$root"/docs-input/*.md "$root"/docs-input/*.txt; do
  [ -f "$f" ] || continue
  cp "$f" "$here/corpus/page/"
  cp "$f" "$here/corpus/pipeline/"
done
if [ -d "$corpus" ]; then
  # Page seeds: a sample of each folder keeps libFuzzer's start-up short.
  find "$corpus" -name '*.md' -size -64k | sort | awk 'NR % 10 == 0' | while read -r f; do
    name="$(echo "$f" | tr '/' '_')"
    cp "$f" "$here/corpus/page/$name"
    cp "$f" "$here/corpus/pipeline/$name"
  done
  find "$corpus" -name '*.xml' | while read -r f; do cp "$f" "$here/corpus/csdl/"; done
fi
# A small CSDL seed always.
cp "$here/seeds/small.xml" "$here/corpus/csdl/"
