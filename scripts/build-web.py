#!/usr/bin/env python3
"""Builds the page's WebAssembly modules and its worker into www/pkg, from wasm-pack.toml.

For each module (the analyzer [build], the .docx/.zip reader [docx], the checks across reports
[batch], the Excel writer [xlsx]):
  1. `cargo build -p PACKAGE --lib --profile P --target wasm32-unknown-unknown` (P: the
     module's own `profile`, else [build]'s), with the floor's codegen flags ([floor]:
     `-C target-cpu=mvp -C target-feature=+…`); the .docx reader and the checks across reports
     are built in one cargo run, so that the library they both link is compiled once for them
     (their features unify: the batch module links the library with .docx reading, which it
     never calls and link-time optimisation leaves out; the Excel writer, which links no library
     but a zip writer, stays apart, else its zip features would reach the .docx reader);
  2. the target_features section dropped (what `wasm-opt --strip-target-features` does, without
     a pass of binaryen over the module): without it, wasm-bindgen emits no externref glue
     (reference types are past the floor);
  3. `wasm-bindgen --target web --out-dir D --out-name N`;
  4. `wasm-opt -Oz` with exactly the floor's features (npm's binaryen first, then the PATH).
Steps 2–4 of a module run while cargo builds the next ones (a fresh build is mostly cargo's,
and its last step, linking with link-time optimisation, keeps one core busy). Then the analysis
worker: www/js/worker.js and the four glue modules bundled by esbuild into one classic script,
www/pkg/worker.js (module workers are past the floor: Firefox 114).

Cargo's target directory is $CARGO_TARGET_DIR when set, else ./target. The wasm32 target and the
wasm-bindgen CLI are installed by scripts/setup.sh (`make setup-web`).
Usage: scripts/build-web.py
"""
import gzip
import os
from concurrent.futures import ThreadPoolExecutor
import subprocess
import sys

import webconf

ROOT = webconf.ROOT
WASM_TARGET = "wasm32-unknown-unknown"
# The modules the worker loads on first use (sections of wasm-pack.toml), by cargo run.
LAZY = (("docx", "batch"), ("xlsx",))


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


def cargo_build(conf, crates):
    """Step 1 for `crates` (dicts of package, crate-name, out-name and cargo features), in one
    cargo run: their features unify, so give it only crates that may share them."""
    build = conf["build"]
    cargo = ["cargo", "build", "--lib", "--profile", profile_of(conf, crates[0]),
             "--target", WASM_TARGET, "--target-dir", target_dir()]
    for crate in crates:
        cargo += ["-p", crate["package"]]
        if crate.get("default-features") is False:
            cargo.append("--no-default-features")
        if crate.get("features"):
            cargo += ["--features", ",".join(crate["features"])]
    # Only the floor's flags: a RUSTFLAGS of the caller would override them.
    env = {k: v for k, v in os.environ.items() if k not in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS")}
    env["CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS"] = webconf.rustflags(conf)
    run(cargo, env=env)


def profile_of(conf, crate):
    """The cargo profile `crate` is built with: its own, else [build]'s."""
    return crate.get("profile") or conf["build"].get("profile", "release")


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def strip_target_features(src, dst):
    """Step 2: `src` without its custom section "target_features", written to `dst`."""
    data = open(src, "rb").read()
    if data[:8] != b"\0asm\x01\0\0\0":
        sys.exit(f"{src}: not a WebAssembly module")
    open(dst, "wb").write(webconf.without_target_features(data))


def finish_module(conf, crate):
    """Steps 2–4 for one crate built by `cargo_build`."""
    build = conf["build"]
    profile = profile_of(conf, crate)
    wasm_opt = require("wasm-opt", "`npm ci` (npm's binaryen) or `apt-get install binaryen`")
    profile_dir = "debug" if profile == "dev" else profile
    module = os.path.join(target_dir(), WASM_TARGET, profile_dir, crate["crate-name"] + ".wasm")
    stripped = module[: -len(".wasm")] + ".floor.wasm"
    strip_target_features(module, stripped)

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
    runs = [[analyzer]] + [[conf[name] for name in run if name in conf] for run in LAZY]
    with ThreadPoolExecutor(max_workers=2) as pool:
        finishing = []
        for crates in filter(None, runs):
            cargo_build(conf, crates)
            finishing += [pool.submit(finish_module, conf, crate) for crate in crates]
        for f in finishing:
            f.result()
    bundle_worker(conf)


if __name__ == "__main__":
    main()
