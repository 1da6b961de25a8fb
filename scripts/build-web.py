#!/usr/bin/env python3
"""Builds the web module into www/pkg from the settings in wasm-pack.toml.

The steps wasm-pack would take, with nothing downloaded but crates:
  1. `rustup target add wasm32-unknown-unknown` when the target is missing;
  2. `cargo install wasm-bindgen-cli --version V` when `wasm-bindgen --version` is not V;
  3. `cargo build --lib --profile P --target wasm32-unknown-unknown [--features …]`;
  4. `wasm-bindgen --target T [--no-typescript] --out-dir D --out-name N <module>`;
  5. `wasm-opt ARGS` on D/N_bg.wasm (npm's binaryen in node_modules first, then the PATH);
  then steps 3–5 again for the Excel writer ([xlsx]: its own crate, its own module).

Cargo's target directory is $CARGO_TARGET_DIR when set, else ./target.
Usage: scripts/build-web.py [--check]   (--check: only step 3, for `make test`)
"""
import gzip
import os
import shutil
import subprocess
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WASM_TARGET = "wasm32-unknown-unknown"


def run(cmd, **kw):
    print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def output(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout
    except FileNotFoundError:
        return ""


def ensure_target():
    if WASM_TARGET not in output(["rustup", "target", "list", "--installed"]).split():
        run(["rustup", "target", "add", WASM_TARGET])


def ensure_wasm_bindgen(version):
    have = output(["wasm-bindgen", "--version"]).split()
    if have[-1:] != [version]:
        # Not --locked: the CLI's lock file pins a crate version the registry here lacks.
        run(["cargo", "install", "wasm-bindgen-cli", "--version", version])


def wasm_opt():
    local = os.path.join(ROOT, "node_modules", ".bin", "wasm-opt")
    return local if os.path.exists(local) else shutil.which("wasm-opt")


def size(path):
    data = open(path, "rb").read()
    return len(data), len(gzip.compress(data, 9))


def build_module(conf, crate, manifest=None):
    """Steps 3–5 for one crate: `crate` holds profile, out-name (and manifest, crate-name)."""
    build, opt = conf["build"], conf["wasm-opt"]
    profile = crate.get("profile", "release")
    target_dir = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    cargo = ["cargo", "build", "--lib", "--profile", profile, "--target", WASM_TARGET, "--target-dir", target_dir]
    if manifest:
        cargo += ["--manifest-path", os.path.join(ROOT, manifest)]
    if crate.get("features"):
        cargo += ["--features", ",".join(crate["features"])]
    run(cargo)

    profile_dir = "debug" if profile == "dev" else profile
    module = os.path.join(target_dir, WASM_TARGET, profile_dir, crate.get("crate-name", "nianbao") + ".wasm")
    out_dir = os.path.join(ROOT, build.get("out-dir", "www/pkg"))
    out_name = crate["out-name"]
    cmd = ["wasm-bindgen", "--target", build.get("target", "web"), "--out-dir", out_dir, "--out-name", out_name]
    if not build.get("typescript", False):
        cmd.append("--no-typescript")
    run(cmd + [module])

    out_wasm = os.path.join(out_dir, out_name + "_bg.wasm")
    if opt.get("enabled", True):
        tool = wasm_opt()
        if tool is None:
            sys.exit("wasm-opt not found: `npm ci` (npm's binaryen) or `apt-get install binaryen`")
        run([tool, *opt.get("args", ["-Oz"]), "-o", out_wasm, out_wasm])

    for name in (out_name + "_bg.wasm", out_name + ".js"):
        raw, gz = size(os.path.join(out_dir, name))
        print(f"{name}: {raw / 1024:.0f} KB, gzipped {gz / 1024:.0f} KB", file=sys.stderr)


def main():
    check_only = "--check" in sys.argv[1:]
    with open(os.path.join(ROOT, "wasm-pack.toml"), "rb") as f:
        conf = tomllib.load(f)
    ensure_target()
    if check_only:
        build = conf["build"]
        cargo = ["cargo", "build", "--lib", "--profile", build.get("profile", "release"), "--target", WASM_TARGET]
        run(cargo)
        return
    ensure_wasm_bindgen(conf["wasm-bindgen"]["version"])
    build_module(conf, {**conf["build"], "out-name": conf["build"].get("out-name", "nianbao")})
    if "xlsx" in conf:
        build_module(conf, conf["xlsx"], manifest=conf["xlsx"]["manifest"])


if __name__ == "__main__":
    main()
