#!/usr/bin/env bash
# Trunk post_build hook: code splitting (issue 2, src/ui/lazy.rs).
#
# Trunk builds `redmap` with `--features split` (index.html), which links it with
# `--emit-relocs` (build.rs), runs wasm-bindgen on it and stages the result (wasm-opt is off
# for it in index.html: its output is replaced here). This script does what cargo-leptos
# does for `--split`, on cargo's wasm:
#   1. wasm-split-cli: the main module + one wasm per split point (`split_<name>.wasm`) +
#      shared pieces (`chunk_<n>.wasm`) + the loader module `__wasm_split.js`;
#   2. wasm-bindgen on the main module, keeping the linker's exports (table, stack pointer)
#      that the chunks import;
#   3. wasm-opt -Oz on every module (release only);
#   4. the shared chunks packed into one file per part (.ci/bundle-chunks.mjs: the side panel
#      needs 3 files instead of ~80), and content hashes in the chunk and loader file names
#      (so caches never mix builds);
#   5. the staged glue and main wasm replaced by these, and their SRI hashes in index.html
#      updated.
# Every file is a plain file in dist/, fetched from the same origin (CSP 'self'); the loader
# module is imported by the glue, the chunks are fetched by the loader when first needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '[split] %s\n' "$*"; }

stage=${TRUNK_STAGING_DIR:?run this as a trunk post_build hook}
profile=${TRUNK_PROFILE:-release}
input="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/redmap.wasm"
command -v wasm-split-cli >/dev/null || {
  echo "[split] wasm-split-cli is missing: run .ci/tools.sh build" >&2
  exit 1
}

glue=$(find "$stage" -maxdepth 1 -name 'redmap-*.js' ! -name '*_bg.js')
[ "$(printf '%s\n' "$glue" | grep -c .)" = 1 ] || {
  echo "[split] expected one redmap-*.js in $stage, found: $glue" >&2
  exit 1
}
name=$(basename "$glue" .js)
[ -f "$stage/${name}_bg.wasm" ] || { echo "[split] no $stage/${name}_bg.wasm" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. split. The loader imports `initSync` from "./$name.js", the glue's staged name.
wasm-split-cli --target web --out-name "$name" "$input" "$work/split"
# 2. bindgen the main module, as trunk does, plus --keep-lld-exports.
wasm-bindgen --target=web --no-typescript --keep-lld-exports \
  --out-dir="$work/bg" --out-name="$name" "$work/split/$name.wasm"
mv "$work/bg/${name}_bg.wasm" "$work/main.wasm"

# 3. optimise each module on its own.
modules=("$work/main.wasm")
for f in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
  [ -f "$f" ] && modules+=("$f")
done
if [ "$profile" = release ]; then
  for f in "${modules[@]}"; do
    # (wasm-split writes a name subsection binaryen 132 does not know; it warns, harmlessly.)
    wasm-opt -Oz --output="$f.opt" "$f" 2> >(grep -v 'unknown name subsection' >&2)
    mv "$f.opt" "$f"
  done
fi

# 4. the shared chunks packed per part (written to the stage with hashed names, the loader
#    rewritten to take them from there), then hashed names for the parts and the loader.
loader="$work/split/__wasm_split.js"
node .ci/bundle-chunks.mjs "$work/split" "$stage"
for f in "$work"/split/split_*.wasm; do
  [ -f "$f" ] || continue
  base=$(basename "$f" .wasm)
  hash=$(sha256sum "$f" | cut -c1-16)
  cp "$f" "$stage/$base-$hash.wasm"
  sed -i "s#\"\\./$base\\.wasm\"#\"./$base-$hash.wasm\"#" "$loader"
  grep -q "\"./$base-$hash.wasm\"" "$loader" || { echo "[split] $base not in the loader" >&2; exit 1; }
done
node .ci/minify.mjs "$loader"
loader_hash=$(sha256sum "$loader" | cut -c1-16)
loader_name="redmap-split-$loader_hash.js"
cp "$loader" "$stage/$loader_name"
# The glue imports the loader module by the path wasm-split put in the main wasm's import.
grep -Eq "from [\"']\./__wasm_split\.js[\"']" "$work/bg/$name.js" || {
  echo "[split] the glue does not import ./__wasm_split.js" >&2
  exit 1
}
sed -i -E "s#from [\"']\./__wasm_split\.js[\"']#from \"./$loader_name\"#g" "$work/bg/$name.js"

# 5. replace trunk's (unsplit) glue and wasm; fix their integrity hashes in index.html.
node .ci/minify.mjs "$work/bg/$name.js"
cp "$work/bg/$name.js" "$stage/$name.js"
cp "$work/main.wasm" "$stage/${name}_bg.wasm"
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | openssl base64 -A)"; }
html="$stage/index.html"
for f in "$name.js" "${name}_bg.wasm"; do
  sed -i -E "s#(href=\"[^\"]*/$f\"[^>]*integrity=\")sha384-[^\"]*#\\1$(sri "$stage/$f")#" "$html"
done
say "$name: main $(stat -c %s "$stage/${name}_bg.wasm") B, $(ls "$work"/split/split_*.wasm 2>/dev/null | wc -l) parts, $(ls "$stage"/chunks_*.wasm 2>/dev/null | wc -l) files of shared chunks, loader $loader_name"
