#!/usr/bin/env bash
# Installs whatever redmap's build and tests need and is missing, from the package registries
# only (crates.io, npm, Debian). Everything already present is skipped, so a warm run takes
# a second. Usage: .ci/tools.sh build   (serve: wasm target, wasm-bindgen, trunk, wasm-split-cli,
#                                        wasm-opt)
#                  .ci/tools.sh test    (build + Chromium, chromedriver, CJK font, Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-test}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || cargo generate-lockfile
wbg=$(locked_wasm_bindgen)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  say "installing wasm-bindgen-cli $wbg (about 7 minutes on 2 cores)"
  # Not --locked: one of its locked dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$wbg"
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "0.21.14" ]; then
  say "installing trunk 0.21.14 (about 8 minutes on 2 cores)"
  # --locked is required: without it lightningcss/cssparser do not compile; 0.22 needs rustc 1.96.
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-split-cli: splits the linked wasm into the main module and the chunks loaded on demand
# (.ci/split.sh, a trunk post_build hook; src/ui/lazy.rs). The binary of the crate
# wasm_split_cli_support, the splitter cargo-leptos uses. About 5 minutes on 2 cores.
if ! cargo install --list | grep -q '^wasm_split_cli_support v0\.2\.4:'; then
  say "installing wasm-split-cli 0.2.4 (about 5 minutes on 2 cores)"
  cargo install wasm_split_cli_support --version 0.2.4 --locked --features build-binary
fi

# npm: wasm-opt (binaryen 132; Debian's binaryen 108 miscompiles), terser (the first view's JS,
# .ci/minify.mjs), Playwright, benchmark refs.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ "$what" = test ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  # dpkg, not fc-list: fc-list finds nothing in a bare environment (env -i) and would reinstall.
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || need+=(fonts-noto-cjk)
  command -v xmllint >/dev/null || need+=(libxml2-utils)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing Debian packages: ${need[*]}"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
say "ready: $(trunk --version), wasm-bindgen $wbg, wasm-split-cli 0.2.4, wasm-opt $(wasm-opt --version | awk '{print $3}')"
