#!/usr/bin/env bash
# Prints the gzip size of the files the start page may download (the main wasm, every script,
# the stylesheet; data excluded), then the first view as MEASURED in Chromium (what is fetched
# before `redmap:first-frame` on the start URL at 1280x800 and 390x844, tests/e2e/first_view.mjs)
# against the 250 KB budget, then what each on-demand part downloads when first used (its
# split_<name> wasm and the shared chunk_<n> pieces it needs, as listed in the loader module
# written by .ci/split.sh). `side_panel` is fetched right after the first frame.
set -euo pipefail
cd "$(dirname "$0")/../dist"
gz() { gzip -9 -c "$1" | wc -c; }
line() { printf '  %-44s %8d B raw %8d B gzip\n' "$1" "$(stat -c %s "$1")" "$(gz "$1")"; }

echo "start files (main wasm, scripts, stylesheet; sw.js is the service worker's):"
total=0
for f in *_bg.wasm *.js *.css; do
  [ -f "$f" ] || continue
  line "$f"
  total=$((total + $(gz "$f")))
done
verdict="within"
[ "$total" -le $((250 * 1024)) ] || verdict="OVER"
printf '  all of them (wasm + js + css): %d KB gzip (budget 250 KB: %s)\n' $((total / 1024)) "$verdict"

# The first view as the browser fetches it (needs node, playwright-core and Chromium).
if command -v node >/dev/null && [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  (cd .. && node tests/e2e/first_view.mjs) || echo "first view: not measured (the browser run failed)"
else
  echo "first view: not measured (no node or Chromium)"
fi

loader=$(ls redmap-split-*.js 2>/dev/null | head -n 1)
[ -n "$loader" ] || { echo "no split loader: everything is in the first view"; exit 0; }
echo "on demand (fetched when first used; a shared chunk is counted with each part using it):"
# In the loader, each shared chunk is preceded by a comment naming the parts that need it:
#   /* dashboard, trip */
#   const __chunk_6 = makeLoad(() => { const src = fetch(new URL("./chunk_6-<hash>.wasm", ...
awk '
  /^\/\* .* \*\/$/ { gsub(/^\/\* | \*\/$/, ""); users = $0; next }
  /"\.\/chunk_[^"]*\.wasm"/ { match($0, /chunk_[^"]*\.wasm/); print users "\t" substr($0, RSTART, RLENGTH) }
' "$loader" > /tmp/redmap-size-chunks.$$
trap 'rm -f /tmp/redmap-size-chunks.$$' EXIT
for f in split_*.wasm; do
  [ -f "$f" ] || continue
  part=${f#split_}; part=${part%-*}
  sum=$(gz "$f"); files="$f"
  while IFS=$'\t' read -r users chunk; do
    case ", $users," in *", $part,"*) sum=$((sum + $(gz "$chunk"))); files="$files + $chunk" ;; esac
  done < /tmp/redmap-size-chunks.$$
  printf '  %-12s %4d KB gzip  (%s)\n' "$part" $((sum / 1024)) "$files"
done
