#!/usr/bin/env bash
# Every test layer of redmap, in order, then one closing line "N passed, N failed".
#   1. cargo fmt --check; cargo clippy -D warnings (native and wasm32 targets)
#   2. native cargo test: the domain, every file in geodata/, the CLI, fixtures
#   3. browser component tests: wasm-bindgen-test in headless Chromium
#   4. end to end: Playwright (playwright-core) + Debian Chromium on the release build
# A failing layer does not stop the others: the summary counts every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120

passed=0 failed=0 broken=()
log=$(mktemp -d)
layer() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Adds up "test result: ok. N passed; M failed" lines of cargo test and wasm-bindgen-test.
count_cargo() {
  local p f
  p=$(grep -Eo '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}
check() { # name, command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); broken+=("$name"); fi
}

layer "1. format and lints"
check "cargo fmt" cargo fmt --all --check
check "clippy (native)" cargo clippy --all-targets --quiet -- -D warnings
check "clippy (wasm32)" cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
check "clippy (wasm32, split build)" cargo clippy --quiet --target wasm32-unknown-unknown --features split -- -D warnings

layer "2. native tests: domain, geodata, CLI"
cargo test --quiet 2>&1 | tee "$log/native.txt"
[ "${PIPESTATUS[0]}" = 0 ] || broken+=("native tests")
count_cargo "$log/native.txt"

layer "3. browser component tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --test 'browser_*' 2>&1 | tee "$log/browser.txt"
[ "${PIPESTATUS[0]}" = 0 ] || broken+=("browser tests")
count_cargo "$log/browser.txt"

layer "4. end to end (release build, Playwright + Chromium)"
if trunk build --release 2>&1 | tail -n 3; then
  .ci/size.sh
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$log/e2e.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || broken+=("e2e")
  p=$(awk '/^# pass /{print $3}' "$log/e2e.txt"); f=$(awk '/^# fail /{print $3}' "$log/e2e.txt")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ -n "$p" ] || { failed=$((failed + 1)); broken+=("e2e did not run"); }
else
  failed=$((failed + 1)); broken+=("trunk build --release")
fi

echo
[ ${#broken[@]} -eq 0 ] || echo "failing: ${broken[*]}"
echo "$passed passed, $failed failed"
[ ${#broken[@]} -eq 0 ] && [ "$failed" = 0 ]
