# nianbao: the web build, the single-file page, the browser tests and benchmark.
# `make serve` is the main command: build the wasm modules and serve www/ on http://127.0.0.1:8080.
# Cargo's target directory is $CARGO_TARGET_DIR when set, else ./target (scripts/build-web.py).

PORT ?= 8080
PYTHON ?= python3
.PHONY: all setup-web setup-test web vendor serve dist test e2e check-web screenshots bench-web profile-web clean-web cli

all: web

# What a fresh machine lacks (wasm32 target, pinned wasm-bindgen CLI, npm packages; for tests
# also Debian's chromium and a CJK font): quick when everything is there.
setup-web:
	bash scripts/setup.sh web

setup-test:
	bash scripts/setup.sh test

# pdf.js (lazy-loaded for PDFs, in a modern and a legacy build), its CMaps and licence, from the
# pinned npm package.
vendor: setup-web
	$(PYTHON) scripts/vendor-pdfjs.py

# The wasm modules (analyzer, .docx reader, Excel writer) and the worker into www/pkg, with the
# settings of wasm-pack.toml.
web: vendor
	$(PYTHON) scripts/build-web.py

serve: web
	@echo "年报分析: http://127.0.0.1:$(PORT)/  (Ctrl-C 停止)"
	@( sleep 1; $(PYTHON) -m webbrowser -t "http://127.0.0.1:$(PORT)/" >/dev/null 2>&1 || true ) &
	cd www && $(PYTHON) -m http.server $(PORT) --bind 127.0.0.1

# One self-contained file that works opened from disk: dist/nianbao.html.
dist: web
	node scripts/build-dist.mjs

# The size budget and the browser floor (wasm-pack.toml [budget], [floor]), on the built page.
check-web: dist
	$(PYTHON) scripts/check-web.py

# The browser tests, served and from file://. Their screenshots go to target/e2e-shots.
e2e: setup-test dist
	node --test --test-concurrency=1 tests/e2e/

# Refreshes docs/screenshots from the browser tests' screenshots, on purpose.
screenshots: e2e
	cp target/e2e-shots/*.png docs/screenshots/

# The command line built with profile-guided optimisation: target/pgo/release/nianbao (same
# output as `cargo build --release`, faster; scripts/build-cli.sh says how).
cli:
	bash scripts/build-cli.sh

bench-web: setup-test web
	node tests/e2e/bench.mjs

# Where the CPU goes while the page analyses 1,000 reports (N=…): threads and trace events.
profile-web: setup-test web
	node tests/e2e/profile-batch.mjs

test: setup-test
	cargo test --no-fail-fast
	cargo test -p nianbao-xlsx -p nianbao-docx -p nianbao-batch
	$(MAKE) e2e
	$(PYTHON) scripts/check-web.py

clean-web:
	rm -rf www/pkg www/vendor/pdfjs/*.js dist
