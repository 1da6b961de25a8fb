#!/usr/bin/env bash
# Builds the command line with profile-guided optimisation (`make cli`): an instrumented build
# analyses the repository's own test reports, and the final build is laid out by what it
# counted (which branches are taken, which calls are hot). Same output as `cargo build
# --release`, about a twentieth faster over many reports (README, Known limits); three
# minutes on two cores.
#
#   scripts/build-cli.sh          → $TARGET/pgo/release/nianbao
#
# The reports it learns from: tests/fixtures' legacy prose, standard tables (text, PDF, HTML)
# and the batch of one agency's years, not the five seeds, whose variants make the speed
# benchmark. Without llvm-profdata (rustup's llvm-tools component, added when missing), it
# builds without a profile and says so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${CARGO_TARGET_DIR:-target}"
out="$target/pgo"
profiles="$out/profiles"

profdata=""
if rustup component list --installed 2>/dev/null | grep -q '^llvm-tools' \
  || rustup component add llvm-tools >/dev/null 2>&1; then
  profdata="$(ls "$(rustc --print sysroot)"/lib/rustlib/*/bin/llvm-profdata 2>/dev/null | head -1 || true)"
fi
if [ -z "$profdata" ]; then
  echo "build-cli: llvm-profdata not found (rustup component add llvm-tools): built without a profile" >&2
  CARGO_TARGET_DIR="$out" cargo build --release --bin nianbao
  echo "$out/release/nianbao"
  exit 0
fi

rm -rf "$profiles"
mkdir -p "$profiles"
echo "build-cli: 1/3 instrumented build" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$PWD/$profiles" \
  CARGO_TARGET_DIR="$out/generate" cargo build --release --bin nianbao

echo "build-cli: 2/3 analysing the test reports" >&2
instrumented="$out/generate/release/nianbao"
fixtures=(tests/fixtures/legacy tests/fixtures/standard tests/fixtures/batch/reports tests/fixtures/web)
export LLVM_PROFILE_FILE="$PWD/$profiles/%p-%m.profraw"
# Files that fail on purpose (a scan, a damaged PDF) exit 1: what counts is that they ran.
"$instrumented" extract --json "${fixtures[@]}" >/dev/null 2>&1 || true
"$instrumented" extract --csv "${fixtures[@]}" >/dev/null 2>&1 || true
"$instrumented" compare --years tests/fixtures/batch/reports >/dev/null 2>&1 || true
unset LLVM_PROFILE_FILE
"$profdata" merge -o "$out/nianbao.profdata" "$profiles"

echo "build-cli: 3/3 optimised build" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$PWD/$out/nianbao.profdata" \
  CARGO_TARGET_DIR="$out" cargo build --release --bin nianbao
echo "$out/release/nianbao"
