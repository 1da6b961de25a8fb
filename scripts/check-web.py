#!/usr/bin/env python3
"""Checks the built page against its limits, printing what it measures; exits 1 past any:

  size    the size budget of wasm-pack.toml [budget] (gzipped, KB = 1000 bytes): the analyzer
          module, and the first load (index.html, CSS, check.js, app.js with its static
          imports, the worker, the analyzer module); the modules loaded on first use (pdf.js,
          the .docx reader, the checks across reports, the Excel writer) are listed, and must not
          be imported statically;
  floor   the browser floor of [floor]: every WebAssembly module in www/pkg and inlined in
          dist/nianbao.html validates with binaryen under exactly the floor's features, after
          its target-features section is stripped (else binaryen takes the features from it);
          and the JavaScript the floor's browsers run has no syntax past them (esbuild lowers
          nothing when asked to print it for them).

Usage: scripts/check-web.py [size] [floor]   (both by default; run after `make dist`)
"""
import base64
import gzip
import os
import re
import subprocess
import sys
import tempfile

import webconf

ROOT = webconf.ROOT
WWW = os.path.join(ROOT, "www")
DIST = os.path.join(ROOT, "dist", "nianbao.html")


def gz(data):
    return len(gzip.compress(data, 9))


def kb(n):
    return f"{n / 1000:7.1f} KB"


def static_imports(path, seen):
    """`path` and every module it imports statically (not `import(…)`), relative to www/."""
    if path in seen:
        return
    seen.append(path)
    text = open(os.path.join(WWW, path), encoding="utf8").read()
    for spec in re.findall(r"^\s*(?:import|export)\s[^'\"();]*?from\s*['\"]([^'\"]+)['\"]|^\s*import\s*['\"]([^'\"]+)['\"]", text, re.M):
        spec = spec[0] or spec[1]
        static_imports(os.path.normpath(os.path.join(os.path.dirname(path), spec)), seen)


def check_size(conf):
    budget = conf["budget"]
    first = ["index.html", "css/app.css", "js/check.js"]
    static_imports("js/app.js", first)
    first += ["pkg/worker.js", "pkg/nianbao_bg.wasm"]
    lazy = ["vendor/pdfjs/pdf.min.js", "vendor/pdfjs/pdf.worker.js", "vendor/pdfjs/pdf.legacy.js",
            "vendor/pdfjs/pdf.worker.legacy.js", "pkg/nianbao_docx_bg.wasm", "pkg/nianbao_batch_bg.wasm",
            "pkg/nianbao_xlsx_bg.wasm"]
    failed = []
    print("first load (gzipped):")
    total = 0
    for path in first:
        n = gz(open(os.path.join(WWW, path), "rb").read())
        total += n
        print(f"  {kb(n)}  {path}")
    analyzer = gz(open(os.path.join(WWW, "pkg/nianbao_bg.wasm"), "rb").read())
    print(f"  {kb(total)}  in all (budget {kb(budget['first-load-gz']).strip()})")
    print(f"analyzer module: {kb(analyzer).strip()} (budget {kb(budget['analyzer-gz']).strip()})")
    print("loaded on first use (gzipped):")
    for path in lazy:
        print(f"  {kb(gz(open(os.path.join(WWW, path), 'rb').read()))}  {path}")
        if path in first:
            failed.append(f"{path} is imported at first load")
    if analyzer > budget["analyzer-gz"]:
        failed.append(f"analyzer module {kb(analyzer).strip()} > {kb(budget['analyzer-gz']).strip()}")
    if total > budget["first-load-gz"]:
        failed.append(f"first load {kb(total).strip()} > {kb(budget['first-load-gz']).strip()}")
    return failed


def dist_modules():
    """The wasm modules inlined in dist/nianbao.html: {block id: bytes}."""
    html = open(DIST, encoding="utf8").read()
    out = {}
    for ident, body in re.findall(r'<script type="application/octet-stream" id="([^"]+)">([^<]*)</script>', html):
        data = base64.b64decode(body.strip()) if re.fullmatch(r"[A-Za-z0-9+/=\s]+", body) else b""
        if data[:4] == b"\0asm":
            out[ident] = data
    return out


def validate(name, data, tool, features, tmp):
    stripped = os.path.join(tmp, "stripped.wasm")
    with open(stripped, "wb") as f:
        f.write(webconf.without_target_features(data))
    res = subprocess.run([tool, *features, stripped, "-o", os.devnull], capture_output=True, text=True)
    ok = res.returncode == 0
    print(f"  {'ok    ' if ok else 'FAILED'}  {name}")
    if not ok:
        print("\n".join("          " + line for line in res.stderr.strip().splitlines()[:6]))
    return ok


# esbuild lowers optional chaining for Chromium < 91 because of a V8 bug in a corner case
# (`(a?.b)()` and the like); `a?.b` itself parses and runs from Chromium 80, Firefox 74 and
# Safari 13.1, so the page's sources may use it.
SUPPORTED = ["--supported:optional-chain=true"]


def syntax_past_floor(path, esbuild, targets):
    """True when esbuild, printing `path` for the floor's browsers, had to lower some syntax."""
    def printed(target):
        return subprocess.run([esbuild, path, "--charset=utf8", "--log-level=error", "--format=esm",
                               "--target=" + target, *SUPPORTED], capture_output=True, check=True).stdout
    return printed(targets) != printed("esnext")


def check_floor(conf):
    failed = []
    tool = webconf.tool("wasm-opt") or sys.exit("wasm-opt not found: `npm ci`")
    features = webconf.binaryen_features(conf)
    print("WebAssembly modules, validated with " + " ".join(features) + ":")
    modules = {os.path.join("www/pkg", n): open(os.path.join(WWW, "pkg", n), "rb").read()
               for n in sorted(os.listdir(os.path.join(WWW, "pkg"))) if n.endswith(".wasm")}
    if os.path.exists(DIST):
        modules.update({f"dist/nianbao.html#{k}": v for k, v in dist_modules().items()})
    else:
        failed.append("dist/nianbao.html is missing: run `make dist`")
    if len([m for m in modules if m.startswith("www/")]) < 4:
        failed.append("fewer than four modules in www/pkg: run `make web`")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in modules.items():
            if not validate(name, data, tool, features, tmp):
                failed.append(f"{name} needs WebAssembly features past the floor")

    esbuild = webconf.tool("esbuild") or sys.exit("esbuild not found: `npm ci`")
    targets = webconf.esbuild_targets(conf)
    scripts = [os.path.join("www/js", n) for n in sorted(os.listdir(os.path.join(WWW, "js"))) if n.endswith(".js")]
    scripts += ["www/pkg/worker.js", "www/vendor/pdfjs/pdf.legacy.js", "www/vendor/pdfjs/pdf.worker.legacy.js"]
    print(f"JavaScript, for {targets}:")
    for path in scripts:
        past = syntax_past_floor(os.path.join(ROOT, path), esbuild, targets)
        print(f"  {'FAILED' if past else 'ok    '}  {path}")
        if past:
            failed.append(f"{path} has syntax past the floor (esbuild --target={targets} lowers it)")
    return failed


def main():
    what = sys.argv[1:] or ["size", "floor"]
    conf = webconf.load()
    failed = []
    if "size" in what:
        failed += check_size(conf)
    if "floor" in what:
        failed += check_floor(conf)
    if failed:
        print("\ncheck-web: " + "\n           ".join(failed), file=sys.stderr)
        sys.exit(1)
    print("\ncheck-web: within the budget and the floor")


if __name__ == "__main__":
    main()
