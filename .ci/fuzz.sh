#!/usr/bin/env bash
# `make fuzz`: runs each cargo-fuzz target (tests/fuzz/, libFuzzer, nightly) for a number of
# executions, after installing what is missing (the nightly toolchain, cargo-fuzz). Not part
# of `make test`: the committed corpora are replayed on stable by tests/fuzz_corpus.rs.
#   FUZZ_RUNS=1000000 (per target)  FUZZ_TARGETS="geojson csv ..."  FUZZ_KEEP=1 (merge new
#   inputs into tests/fuzz/corpus/, minimised to an edge-coverage cover set)
# New inputs go to target/fuzz/work/<target>/; a crash is saved to tests/fuzz/artifacts/<target>/
# (commit it once fixed: the replay test keeps it fixed). One line of stats per target is
# appended to target/fuzz/runs.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
runs=${FUZZ_RUNS:-1000000}
targets=${FUZZ_TARGETS:-"geojson dataset csv gpx kml permalink trip"}
fuzz=(cargo +nightly fuzz)
# No sanitizer by default: redmap forbids `unsafe`, and ASan halves the speed on 2 cores
# (FUZZ_SANITIZER=address to use it). Debug assertions (overflow checks) stay on.
dirs=(--fuzz-dir tests/fuzz --target-dir target/fuzz -s "${FUZZ_SANITIZER:-none}")

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }
rustup toolchain list | grep -q '^nightly' || { say "installing the nightly toolchain"; rustup toolchain install nightly --profile minimal; }
command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install cargo-fuzz --locked; }

mkdir -p target/fuzz
for t in $targets; do
  max_len=4096
  work=target/fuzz/work/$t
  mkdir -p "$work" "tests/fuzz/artifacts/$t"
  say "$t: $runs runs"
  log=target/fuzz/$t.log
  start=$(date +%s)
  "${fuzz[@]}" run "${dirs[@]}" "$t" "$work" "tests/fuzz/corpus/$t" -- \
    -runs="$runs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    2>&1 | tee "$log" | grep -E '^(#[0-9]+ *(INITED|DONE)|Done|==[0-9]+==|SUMMARY|stat::number_of_executed_units)' || true
  rc=${PIPESTATUS[0]}
  secs=$(( $(date +%s) - start ))
  execs=$(awk '/stat::number_of_executed_units/{print $NF}' "$log")
  printf '%s\t%s\texecs=%s\tsecs=%s\texec/s=%s\tcorpus(work)=%s\tsaved crash files=%s\trc=%s\n' \
    "$(date -u +%FT%TZ)" "$t" "${execs:-?}" "$secs" "$(( ${execs:-0} / (secs > 0 ? secs : 1) ))" \
    "$(ls "$work" | wc -l)" "$(ls "tests/fuzz/artifacts/$t" | wc -l)" "$rc" | tee -a target/fuzz/runs.txt
  if [ "${FUZZ_KEEP:-0}" = 1 ]; then
    # An edge-coverage cover set of the old corpus and the new inputs (hundreds of files,
    # not thousands as a plain `cargo fuzz cmin` keeps); named regression inputs stay.
    merged=target/fuzz/merged/$t
    rm -rf "$merged"; mkdir -p "$merged"
    "${fuzz[@]}" run "${dirs[@]}" "$t" "$merged" "tests/fuzz/corpus/$t" "$work" -- \
      -set_cover_merge=1 -use_counters=0 -max_len="$max_len" -artifact_prefix=target/fuzz/merged/ >/dev/null 2>&1
    cp tests/fuzz/corpus/"$t"/*-* "$merged"/ 2>/dev/null || true
    rm -rf "tests/fuzz/corpus/$t" && mv "$merged" "tests/fuzz/corpus/$t"
    say "$t: corpus minimised to $(ls "tests/fuzz/corpus/$t" | wc -l) files"
  fi
  [ "$rc" = 0 ] || { say "$t: crash or failure, see $log"; exit 1; }
done
