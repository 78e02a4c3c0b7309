# Nines: `make serve` and `make test` set everything up on a fresh Debian machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
PORT ?= 8080

.PHONY: serve dev build check test test-native test-schema test-wasm test-e2e screenshot fuzz bench bench-charts bench-refresh bench-first-chart bench-memory bundle-log demo setup setup-build clean

## serve: build the release bundle and serve it at http://127.0.0.1:$(PORT)/
serve: build
	node scripts/serve.mjs --root dist --base / --port $(PORT) --host 127.0.0.1

## dev: rebuild and reload on every change (debug build) at http://127.0.0.1:8080/
dev: setup-build
	trunk serve

## build: the release bundle in dist/ (relative asset URLs, the JS glue minified, a strict Content-Security-Policy), with its size report
build: setup-build
	trunk build --release
	node scripts/minify-glue.mjs dist
	node scripts/csp.mjs dist
	bash scripts/size-report.sh dist

## check: formatting (rustfmt, and leptosfmt for view! macros), clippy with warnings denied on both feature sets (and the browser's target), the native tests
check:
	bash scripts/setup.sh --check-only
	cargo fmt --check
	leptosfmt --check --quiet src examples tests
	cargo clippy --quiet --no-default-features --all-targets -- -D warnings
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
	$(MAKE) --no-print-directory test-native

## test: every tier — check, the schema, in the browser (wasm-bindgen-test), end to end (Playwright), fuzz
test: setup check test-schema test-wasm build test-e2e fuzz

test-native:
	cargo test --no-default-features
	cargo test

# The JSON Schema against its examples, the demo and `nines convert` of every fixture.
test-schema:
	cargo build --quiet --no-default-features --bin nines
	node --test tests/schema/

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e:
	npx playwright test

## screenshot: refresh docs/screenshot.png, the README's picture, from the release build (its end-to-end test checks the pixels)
screenshot: setup build
	NINES_SCREENSHOT=$(CURDIR)/docs/screenshot.png npx playwright test tests/e2e/dashboard.spec.mjs --grep 'screenshot for the README'

## fuzz: every importer and the config reader on random inputs, NINES_FUZZ_SECONDS each (default 15); needs nightly Rust
fuzz:
	bash scripts/fuzz.sh

## bench: ingest (several runs) and analysis speed natively and in headless Chromium, the collector's history merge natively (median, min and quartiles), then bench-charts, bench-refresh (which builds dist/), the bundle's sizes, bench-first-chart and bench-memory; each rewrites its table in docs/performance.md
bench: setup
	node scripts/bench-ingest.mjs
	node scripts/bench-analysis.mjs
	$(MAKE) --no-print-directory bench-charts
	$(MAKE) --no-print-directory bench-refresh
	node scripts/bundle-report.mjs
	$(MAKE) --no-print-directory bench-first-chart
	$(MAKE) --no-print-directory bench-memory

# wasm-opt's parameters for the page's module, read from index.html, so a benchmark module is
# optimised as the shipped one is.
WASM_OPT_PARAMS = $(shell sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)

## bench-charts: chart drawing in headless Chromium beside uPlot (min, median and p25–p75 over 3 page loads); rewrites its table in docs/performance.md
bench-charts: setup
	cargo build --release --example bench_chart --target wasm32-unknown-unknown
	wasm-bindgen --target web --out-dir target/bench-chart/ \
		$(or $(CARGO_TARGET_DIR),target)/wasm32-unknown-unknown/release/examples/bench_chart.wasm
	test -n "$(WASM_OPT_PARAMS)"
	wasm-opt $(WASM_OPT_PARAMS) target/bench-chart/bench_chart_bg.wasm -o target/bench-chart/bench_chart_bg.wasm
	node scripts/bench-charts.mjs

## bundle-log: build, rewrite the bundle's sizes in docs/performance.md and append a row to its log: make bundle-log NOTE='what the build holds'
bundle-log: build
	node scripts/bundle-report.mjs --log "$$NOTE"

## bench-memory: the wasm memory and JS heap of the page holding 10 million samples of one series, beside the raw column (medians); rewrites its table in docs/performance.md
bench-memory: setup build
	node scripts/bench-memory.mjs

## bench-refresh: main-thread time of a live refresh against a first load in headless Chromium (medians); rewrites its table in docs/performance.md
bench-refresh: setup build
	node scripts/bench-refresh.mjs

## bench-first-chart: time to the first chart, Nines beside a bare fetch + JSON.parse + uPlot page on the same files (medians); rewrites its table in docs/performance.md
bench-first-chart: setup build
	node scripts/bench-first-chart.mjs

## demo: regenerate public/data/demo.json from examples/gen_demo
demo:
	cargo run --quiet --no-default-features --example gen_demo > public/data/demo.json

setup:
	bash scripts/setup.sh

setup-build:
	bash scripts/setup.sh --build-only

clean:
	cargo clean
	rm -rf dist test-results
