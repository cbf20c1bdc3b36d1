#!/bin/sh
# Trunk's post_build steps, in order (trunk 0.21 runs separate [[hooks]] of one stage at the
# same time, so steps that depend on each other must be chained here). Runs in the source
# dir with $TRUNK_STAGING_DIR, $TRUNK_PROFILE and $TRUNK_PUBLIC_URL set.
set -eu

# 1. geodata/ is copied into the build and fetched at run time, so data and code cache
#    separately. Only the data files go: not READMEs, generator scripts or their node_modules.
#    `*.points`, `*.lines` and `basemap/basemap.bin` are what the map's first frame is drawn
#    from (src/domain/geodata/points.rs, lines.rs, src/domain/basemap/packed.rs); the base
#    map's GeoJSON is their source, not fetched by the app.
(cd geodata && find . \( -name node_modules -prune \) -o \( -name '*.json' -o -name '*.geojson' -o -name '*.points' -o -name '*.lines' -o -name '*.bin' \) ! -name 'package*.json' ! -path './basemap/*.geojson' -print) |
  while read -r f; do
    mkdir -p "$TRUNK_STAGING_DIR/geodata/$(dirname "$f")"
    cp "geodata/$f" "$TRUNK_STAGING_DIR/geodata/$f"
  done

# 2. Code splitting (issue 2): split the linked wasm into the main module and the chunks that
#    load on demand (src/ui/lazy.rs), then bindgen and wasm-opt each.
bash .ci/split.sh

# 3. The stylesheet without comments and runs of blank space (.ci/css.mjs).
node .ci/css.mjs "$TRUNK_STAGING_DIR"

# 4. Last: boot script out of the HTML, the CSP meta, and the service worker over every file.
node .ci/pwa.mjs
