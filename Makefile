# nianbao: the web build, the single-file page, the browser tests and benchmark.
# `make serve` is the main command: build the wasm module and serve www/ on http://127.0.0.1:8080.
# Cargo's target directory is $CARGO_TARGET_DIR when set, else ./target (scripts/build-web.py).

PORT ?= 8080
PYTHON ?= python3
.PHONY: all setup-web setup-test web vendor serve dist test e2e bench-web check-wasm clean-web

all: web

# What a fresh machine lacks (wasm32 target, pinned wasm-bindgen CLI, npm packages; for tests
# also Debian's chromium): quick when everything is there.
setup-web:
	bash scripts/setup.sh web

setup-test:
	bash scripts/setup.sh test

# pdf.js (lazy-loaded for PDFs), its CMaps and licence, copied from the pinned npm package.
vendor: setup-web
	$(PYTHON) scripts/vendor-pdfjs.py

# The wasm modules (analyzer, Excel writer) into www/pkg, with the settings of wasm-pack.toml.
web: vendor
	$(PYTHON) scripts/build-web.py

serve: web
	@echo "年报分析: http://127.0.0.1:$(PORT)/  (Ctrl-C 停止)"
	@( sleep 1; $(PYTHON) -m webbrowser -t "http://127.0.0.1:$(PORT)/" >/dev/null 2>&1 || true ) &
	cd www && $(PYTHON) -m http.server $(PORT) --bind 127.0.0.1

# One self-contained file that works opened from disk: dist/nianbao.html.
dist: web
	node scripts/build-dist.mjs

# The library builds for wasm32 (no JsValue in native tests, so this is the wasm layer's check).
check-wasm:
	cargo build --lib --target wasm32-unknown-unknown

e2e: setup-test dist
	node --test --test-concurrency=1 tests/e2e/

bench-web: setup-test web
	node tests/e2e/bench.mjs

test: setup-test
	cargo test --no-fail-fast
	cargo test --manifest-path wasm/xlsx/Cargo.toml
	$(MAKE) check-wasm
	$(MAKE) e2e

clean-web:
	rm -rf www/pkg www/vendor/pdfjs dist
