#!/usr/bin/env bash
# Prints the gzip size of what the first view downloads (wasm + js + css; data excluded),
# against the 250 KB budget.
set -euo pipefail
cd "$(dirname "$0")/../dist"
total=0
for f in *.wasm *.js *.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); total=$((total + gz))
  printf '  %-40s %8d B raw %8d B gzip\n' "$f" "$raw" "$gz"
done
printf '  first view (wasm + js + css): %d KB gzip (budget 250 KB)\n' $((total / 1024))
