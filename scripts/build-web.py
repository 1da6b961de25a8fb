#!/usr/bin/env python3
"""Builds the page's WebAssembly modules and its worker into www/pkg, from wasm-pack.toml.

For each module (the analyzer [build], the .docx/.zip reader [docx], the checks across reports
[batch], the Excel writer [xlsx]):
  1. `cargo build -p PACKAGE --lib --profile P --target wasm32-unknown-unknown`, with the
     floor's codegen flags ([floor]: `-C target-cpu=mvp -C target-feature=+…`);
  2. `wasm-opt --strip-target-features`: without the section, wasm-bindgen emits no externref
     glue (reference types are past the floor);
  3. `wasm-bindgen --target web --out-dir D --out-name N`;
  4. `wasm-opt -Oz` with exactly the floor's features (npm's binaryen first, then the PATH).
Then the analysis worker: www/js/worker.js and the four glue modules bundled by esbuild into
one classic script, www/pkg/worker.js (module workers are past the floor: Firefox 114).

Cargo's target directory is $CARGO_TARGET_DIR when set, else ./target. The wasm32 target and the
wasm-bindgen CLI are installed by scripts/setup.sh (`make setup-web`).
Usage: scripts/build-web.py
"""
import gzip
import os
import subprocess
import sys

import webconf

ROOT = webconf.ROOT
WASM_TARGET = "wasm32-unknown-unknown"
# The modules the worker loads on first use (sections of wasm-pack.toml).
LAZY = ("docx", "batch", "xlsx")


def run(cmd, **kw):
    print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def require(name, hint):
    path = webconf.tool(name)
    if path is None:
        sys.exit(f"{name} not found: {hint}")
    return path


def kb(path):
    data = open(path, "rb").read()
    return f"{len(data) / 1000:.0f} KB, gzipped {len(gzip.compress(data, 9)) / 1000:.0f} KB"


def check_wasm_bindgen(version):
    try:
        have = subprocess.run(["wasm-bindgen", "--version"], capture_output=True, text=True).stdout.split()
    except FileNotFoundError:
        have = []
    if have[-1:] != [version]:
        sys.exit(f"wasm-bindgen {version} is needed (found: {' '.join(have) or 'none'}): run `bash scripts/setup.sh web`")


def build_module(conf, crate):
    """Steps 1–4 for one crate: `crate` holds package, crate-name, out-name and cargo features."""
    build = conf["build"]
    profile = build.get("profile", "release")
    target_dir = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    cargo = ["cargo", "build", "-p", crate["package"], "--lib", "--profile", profile,
             "--target", WASM_TARGET, "--target-dir", target_dir]
    if crate.get("default-features") is False:
        cargo.append("--no-default-features")
    if crate.get("features"):
        cargo += ["--features", ",".join(crate["features"])]
    # Only the floor's flags: a RUSTFLAGS of the caller would override them.
    env = {k: v for k, v in os.environ.items() if k not in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS")}
    env["CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS"] = webconf.rustflags(conf)
    run(cargo, env=env)

    wasm_opt = require("wasm-opt", "`npm ci` (npm's binaryen) or `apt-get install binaryen`")
    profile_dir = "debug" if profile == "dev" else profile
    module = os.path.join(target_dir, WASM_TARGET, profile_dir, crate["crate-name"] + ".wasm")
    stripped = module[: -len(".wasm")] + ".floor.wasm"
    run([wasm_opt, "--strip-target-features", module, "-o", stripped])

    out_dir = os.path.join(ROOT, build.get("out-dir", "www/pkg"))
    out_name = crate["out-name"]
    cmd = ["wasm-bindgen", "--target", build.get("target", "web"), "--out-dir", out_dir, "--out-name", out_name]
    if not build.get("typescript", False):
        cmd.append("--no-typescript")
    run(cmd + [stripped])

    out_wasm = os.path.join(out_dir, out_name + "_bg.wasm")
    opt = conf["wasm-opt"]
    if opt.get("enabled", True):
        run([wasm_opt, *opt.get("args", ["-Oz"]), *webconf.binaryen_features(conf), "-o", out_wasm, out_wasm])
    print(f"{out_name}_bg.wasm: {kb(out_wasm)}", file=sys.stderr)


def bundle_worker(conf):
    """www/js/worker.js + the glue modules → one classic script, www/pkg/worker.js."""
    esbuild = require("esbuild", "`npm ci`")
    out = os.path.join(ROOT, conf["build"].get("out-dir", "www/pkg"), "worker.js")
    # The glue's default module URL uses import.meta, which a classic script lacks: the worker
    # always passes the module's bytes instead, so esbuild's warning about it is silenced.
    run([esbuild, "www/js/worker.js", "--bundle", "--format=iife", "--minify", "--charset=utf8",
         "--legal-comments=none", "--log-level=warning", "--log-override:empty-import-meta=silent",
         "--target=" + webconf.esbuild_targets(conf), "--outfile=" + out])
    print(f"worker.js: {kb(out)}", file=sys.stderr)


def main():
    conf = webconf.load()
    check_wasm_bindgen(conf["wasm-bindgen"]["version"])
    build = conf["build"]
    analyzer = {"package": "nianbao", "crate-name": "nianbao", "out-name": build.get("out-name", "nianbao"),
                "default-features": build.get("default-features", True), "features": build.get("features", [])}
    build_module(conf, analyzer)
    for name in LAZY:
        if name in conf:
            build_module(conf, conf[name])
    bundle_worker(conf)


if __name__ == "__main__":
    main()
