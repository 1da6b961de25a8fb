#!/usr/bin/env bash
# Installs what the build and the tests need and a fresh machine may lack; quick when all is there.
#   scripts/setup.sh web    the wasm32 target, the wasm-bindgen CLI pinned to Cargo.lock, npm packages
#   scripts/setup.sh test   the same, and Debian's chromium for the browser tests
# Called by `make serve`, `make test` and `.ci/run`, so the README's two commands work on a new machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-web}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must equal the wasm-bindgen crate of Cargo.lock exactly (a mismatch is a hard error).
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ -n "$want" ] && [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found: ${have:-none}; takes ~4 min)"
  # Not --locked: the registry here lacks one version the CLI's own lock file pins.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$what" = "test" ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian chromium for the browser tests"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver fonts-wqy-microhei
fi
