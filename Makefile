# The README's two commands: `make serve` and `make test`. Both install what is missing
# (.ci/tools.sh) and skip what is already there.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: serve test build bench bench-import synth tools lint fuzz

serve: ## build (release) and serve the app on the bundled dataset at http://127.0.0.1:8080/
	.ci/tools.sh build
	@echo "redmap: building, then serving at http://127.0.0.1:8080/"
	trunk serve --release

test: ## every test layer; ends with "N passed, N failed"
	.ci/tools.sh test
	.ci/test.sh

build:
	.ci/tools.sh build
	trunk build --release
	.ci/size.sh

# `make bench`: the release build in headless Chromium on the SYNTHETIC 1k/10k/100k data, with
# Leaflet+markercluster and supercluster as references; prints a table, writes
# target/bench/results.json (tests/bench/bench.mjs). A few minutes; BENCH_ARGS="--sizes 1k,10k"
# or "--profile" (CPU profile of the 100k load into target/bench/).
BENCH_SOURCES := $(shell find src assets -type f) index.html Cargo.toml Cargo.lock Trunk.toml

bench:
	.ci/tools.sh build
	@# A dev build (or any other build) in dist/ is replaced by the release build first.
	@cmp -s dist/index.html target/bench/release-index.html 2>/dev/null || rm -f target/bench/release-index.html
	$(MAKE) --no-print-directory target/bench/release-index.html target/synthetic/100k/dataset.json
	node tests/bench/bench.mjs $(BENCH_ARGS)

# `make bench-import`: a 49 MB CSV (~270k rows, SYNTHETIC) and ~48 MB GeoJSON, GPX and KML files
# (made from the synthetic 100k sites, tests/bench/import_files.mjs) imported into the release
# build in headless Chromium, one fresh page each; prints the long tasks during each import
# (count, longest, total, and which step each was in), the longest frame gap, progress updates,
# times and memory, then one summary line per format (tests/bench/import.mjs). Asserts nothing.
# BENCH_ARGS="--phone --screenshots --formats geojson,gpx".
bench-import:
	.ci/tools.sh build
	@cmp -s dist/index.html target/bench/release-index.html 2>/dev/null || rm -f target/bench/release-index.html
	$(MAKE) --no-print-directory target/bench/release-index.html target/synthetic/100k/dataset.json
	node tests/bench/import.mjs $(BENCH_ARGS)

target/bench/release-index.html: $(BENCH_SOURCES)
	trunk build --release
	mkdir -p target/bench && cp dist/index.html $@

target/synthetic/100k/dataset.json: src/bin/redmap-synth.rs
	cargo run --release --bin redmap-synth

lint:
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

# `make fuzz`: every cargo-fuzz target (tests/fuzz/) for FUZZ_RUNS executions each (default
# 1,000,000), installing nightly and cargo-fuzz if missing. Not part of `make test`.
fuzz:
	.ci/fuzz.sh
