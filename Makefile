# nianbao: the web build, the single-file page, the browser tests and benchmark.
# `make serve` is the main command: build the wasm module and serve www/ on http://127.0.0.1:8080.
# Cargo's target directory is $CARGO_TARGET_DIR when set, else ./target (scripts/build-web.py).

PORT ?= 8080
PYTHON ?= python3
NPM_DEPS := node_modules/.package-lock.json

.PHONY: all web vendor serve dist test e2e bench-web check-wasm clean-web

all: web

$(NPM_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund

# pdf.js (lazy-loaded for PDFs), its CMaps and licence, copied from the pinned npm package.
vendor: $(NPM_DEPS)
	$(PYTHON) scripts/vendor-pdfjs.py

# The wasm module into www/pkg, with the settings of wasm-pack.toml.
web: $(NPM_DEPS) vendor
	$(PYTHON) scripts/build-web.py

serve: web
	@echo "年报分析: http://127.0.0.1:$(PORT)/  (Ctrl-C 停止)"
	cd www && $(PYTHON) -m http.server $(PORT) --bind 127.0.0.1

# One self-contained file that works opened from disk: dist/nianbao.html.
dist: web
	node scripts/build-dist.mjs

# The library builds for wasm32 (no JsValue in native tests, so this is the wasm layer's check).
check-wasm:
	cargo build --lib --target wasm32-unknown-unknown

e2e: dist
	node --test --test-concurrency=1 tests/e2e/

bench-web: dist
	node tests/e2e/bench.mjs

test:
	cargo test
	$(MAKE) check-wasm
	$(MAKE) e2e

clean-web:
	rm -rf www/pkg www/vendor/pdfjs dist
