#!/usr/bin/env bash
# Installs what the build and the tests need and a fresh machine may lack; quick when all is there.
#   scripts/setup.sh web    the wasm32 target, the wasm-bindgen CLI pinned to Cargo.lock, npm packages
#   scripts/setup.sh test   the same, plus Debian's chromium and the CJK font for the browser tests
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

# The command line's allocator (mimalloc) is C, built by the machine's C compiler.
if ! command -v cc >/dev/null 2>&1; then
  echo "setup: installing gcc (apt) for mimalloc, the command line's allocator"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y gcc libc6-dev
fi

# CI's style phase needs rustfmt and clippy, which rustup's minimal profile leaves out.
if [ "$what" = "test" ]; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      echo "setup: adding the $component component"
      rustup component add "$component"
    fi
  done
fi

# The CLI must equal the wasm-bindgen crate of Cargo.lock exactly (a mismatch is a hard error).
# A debug build of the CLI: about 1 minute instead of 7 for a release build, and it writes
# byte-identical glue and modules (it runs 0.2 s slower per module). Debug info is left out
# (faster to build and link). Not --locked: the registry here lacks one version the CLI's own
# lock file pins; its wasm-bindgen crates are pinned exactly (`=`) by the CLI itself.
# WASM_BINDGEN_ROOT installs it elsewhere than ~/.cargo (it must then be on the PATH).
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ -n "$want" ] && [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found: ${have:-none}; about 1 minute)"
  CARGO_PROFILE_DEV_DEBUG=false cargo install wasm-bindgen-cli --version "$want" --debug \
    ${WASM_BINDGEN_ROOT:+--root "$WASM_BINDGEN_ROOT"}
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# The browser tests need chromium, and a CJK font: without one, the screenshots show the
# Chinese text as empty boxes (the DOM text the tests assert on is right either way).
if [ "$what" = "test" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-wqy-microhei)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]} (apt) for the browser tests"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
  fi
fi
