#!/usr/bin/env bash
# Prints the gzip size of the files the start page may download (the main wasm, every script,
# the stylesheet; data excluded), then the first view as MEASURED in Chromium (what is fetched
# before `redmap:first-frame` on the start URL at 1280x800 and 390x844, tests/e2e/first_view.mjs)
# against the 250 KB budget, then what each on-demand part downloads when first used (its
# split_<name> wasm and the files of shared chunks it needs, chunks_<part>.wasm, as listed in
# the loader module written by .ci/split.sh and .ci/bundle-chunks.mjs). `side_panel` is
# fetched right after the first frame; a chunks_<part> file is counted with every part that
# needs one of its chunks (it is fetched once, by the first of them).
set -euo pipefail
cd "$(dirname "$0")/../dist"
gz() { gzip -9 -c "$1" | wc -c; }
line() { printf '  %-44s %8d B raw %8d B gzip\n' "$1" "$(stat -c %s "$1")" "$(gz "$1")"; }

echo "start files (main wasm, scripts, stylesheet; not sw.js, the service worker's):"
total=0
for f in *_bg.wasm *.js *.css; do
  [ -f "$f" ] || continue
  [ "$f" != sw.js ] || continue  # the service worker: registered after the side panel
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
echo "on demand (fetched when first used; a file of shared chunks is counted with each part needing it):"
# In the loader, each shared chunk is preceded by a comment naming the parts that need it,
# and says which file it is in:
#   const __bundle_side_panel = bundle("./chunks_side_panel-<hash>.wasm");
#   /* dashboard, trip */
#   const __chunk_6 = makeLoad(fromBundle(__bundle_side_panel, 1234, 567), []);
awk '
  match($0, /^const __bundle_[a-z_]+ = bundle\("\.\/[^"]+"\)/) {
    split($0, a, "\""); v = $2; file[v] = substr(a[2], 3); next
  }
  /^\/\* .* \*\/$/ { gsub(/^\/\* | \*\/$/, ""); users = $0; next }
  /fromBundle\(__bundle_/ { match($0, /__bundle_[a-z_]+/); print users "\t" file[substr($0, RSTART, RLENGTH)] }
' "$loader" | sort -u > /tmp/redmap-size-chunks.$$
trap 'rm -f /tmp/redmap-size-chunks.$$' EXIT
printf '  %d files of shared chunks (%s)\n' "$(ls chunks_*.wasm 2>/dev/null | wc -l)" "$(ls chunks_*.wasm 2>/dev/null | sed 's/-[0-9a-f]*\.wasm$//' | tr '\n' ' ' | sed 's/ $//')"
# What each part needs, then its size, and what it adds to the side panel's files (which
# every visit but an embedded map's fetches right after the first frame).
declare -A need
for f in split_*.wasm; do
  [ -f "$f" ] || continue
  part=${f#split_}; part=${part%-*}
  need[$part]="$f $(awk -F'\t' -v p="$part" '{ n = split($1, u, ", "); for (i = 1; i <= n; i++) if (u[i] == p) print $2 }' /tmp/redmap-size-chunks.$$ | sort -u | tr '\n' ' ')"
done
for part in $(printf '%s\n' "${!need[@]}" | sort); do
  sum=0; n=0; extra=0; m=0
  for f in ${need[$part]}; do
    sum=$((sum + $(gz "$f"))); n=$((n + 1))
    case " ${need[side_panel]:-} " in *" $f "*) ;; *) extra=$((extra + $(gz "$f"))); m=$((m + 1)) ;; esac
  done
  printf '  %-14s %4d KB gzip in %2d files; after the side panel: %4d KB in %d files (%s)\n' \
    "$part" $((sum / 1024)) "$n" $((extra / 1024)) "$m" "$(echo ${need[$part]} | sed -E 's/-[0-9a-f]{16}\.wasm//g; s/ / + /g')"
done
