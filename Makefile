# The README's two commands: `make serve` and `make test`. Both install what is missing
# (.ci/tools.sh) and skip what is already there.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: serve test build bench synth tools lint

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

lint:
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
