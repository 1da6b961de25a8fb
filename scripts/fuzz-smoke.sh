#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ (text, html, docx, pdf_items, zip) from a seed corpus
# made of the test fixtures: for SECONDS each (default 20: the CI smoke run), or for RUNS
# executions each when FUZZ_RUNS is set (the long local runs: FUZZ_RUNS=10000000).
#
#   bash scripts/fuzz-smoke.sh [SECONDS]          all targets
#   FUZZ_TARGETS="html zip" bash scripts/fuzz-smoke.sh 60
#
# Needs a nightly toolchain and cargo-fuzz. With FUZZ_INSTALL=1 (as CI runs it) it installs what
# is missing (rustup's minimal nightly, `cargo install cargo-fuzz --locked`); when one is missing
# and cannot be installed it says so and exits 0, so that the phase is skipped, not failed.
# Built without a sanitizer (-s none: the crate is safe Rust, and coverage alone finds panics
# and slow inputs twice as fast) but with debug assertions (overflow checks).
# A crash stops the run with exit 1; libFuzzer leaves the input in fuzz/artifacts/<target>/.
# Keep it as a regression: tests/fixtures/fuzz/<target>/<what-it-broke> (tests/fuzz.rs replays
# them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

SECONDS_EACH="${1:-20}"
TARGETS="${FUZZ_TARGETS:-text html docx pdf_items zip}"

# What the phase needs, installed when FUZZ_INSTALL=1 (CI sets it: a fresh machine has neither);
# a machine that cannot fetch them skips the phase and says why.
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  if ! { [ "${FUZZ_INSTALL:-0}" = 1 ] && rustup toolchain install nightly --profile minimal; }; then
    echo "fuzz: no nightly toolchain (rustup toolchain install nightly --profile minimal): skipped"
    exit 0
  fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  if ! { [ "${FUZZ_INSTALL:-0}" = 1 ] && cargo install cargo-fuzz --locked; }; then
    echo "fuzz: cargo-fuzz is not installed (cargo install cargo-fuzz --locked): skipped"
    exit 0
  fi
fi

# Seeds: the fixtures as the targets read them (fuzz/corpus is not tracked).
corpus() {
  local c=fuzz/corpus
  mkdir -p "$c"/{text,html,docx,pdf_items,zip}
  cp tests/fixtures/seeds/*.txt tests/fixtures/standard/*.txt "$c/text/" 2>/dev/null || true
  cp tests/fixtures/standard/*.html tests/fixtures/web/*.html "$c/html/" 2>/dev/null || true
  python3 - <<'PY'
import glob, io, os, re, zipfile
c = 'fuzz/corpus'
for path in glob.glob('tests/fixtures/standard/*.docx'):
    xml = zipfile.ZipFile(path).read('word/document.xml').decode('utf-8')
    body = re.search(r'<w:body>(.*)</w:body>', xml, re.S)
    name = os.path.basename(path)
    if body:
        # The docx target wraps its input in <w:body>: paragraphs and tables, a few at a time.
        parts = re.findall(r'<w:(?:p|tbl)\b.*?</w:(?:p|tbl)>', body.group(1), re.S)
        for k in range(0, len(parts), 8):
            open(f'{c}/docx/{name}.{k}.xml', 'w').write(''.join(parts[k:k + 8]))
for path in sorted(glob.glob('tests/fixtures/seeds/*.txt'))[:3]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.write(path, '报告/' + os.path.basename(path))
        z.writestr('__MACOSX/._x', b'junk')
    open(f'{c}/zip/{os.path.basename(path)}.zip', 'wb').write(buf.getvalue())
# pdf.js items, 8 bytes each (tests/fuzzing/mod.rs): a row of three cells on two pages.
rows = bytes()
for page in (1, 2):
    for y in range(4):
        for x, piece in ((10, 0), (100, 8), (200, 12)):
            rows += bytes([page, 0, x % 256, 0, (40 + 12 * y) % 256, 40, 40, piece * 4 + 1])
open(f'{c}/pdf_items/rows', 'wb').write(rows)
PY
}

# Short inputs keep the executions fast (each runs the whole analysis); long inputs are the
# business of the caps, tested on their own (tests/cli.rs, the unit tests of decode/).
max_len() {
  case "$1" in
    pdf_items) echo 4096 ;;
    docx | zip) echo 4096 ;;
    *) echo 2048 ;;
  esac
}

# The long runs leave out libFuzzer's comparison tracing: about twice the executions a second,
# once the corpus has grown past the magic values that tracing helps to find.
flags=(-s none -a)
[ -n "${FUZZ_RUNS:-}" ] && flags+=(--no-trace-compares)

corpus
echo "fuzz: building the targets (nightly, ${flags[*]})"
cargo +nightly fuzz build "${flags[@]}"
status=0
for t in $TARGETS; do
  limit=(-max_total_time="$SECONDS_EACH")
  [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
  echo "=== fuzz $t: ${FUZZ_RUNS:-$SECONDS_EACH s} ==="
  # -timeout: an input that takes longer is a finding (bounded work), as is one past 2 GB.
  set +e
  cargo +nightly fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" -- \
    "${limit[@]}" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"fuzz/$t.log" 2>&1
  rc=$?
  set -e
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|SUMMARY)|panicked|Done [0-9]+ runs' "fuzz/$t.log" || true
  if [ "$rc" -ne 0 ]; then
    echo "fuzz $t: FAILED (see fuzz/$t.log and fuzz/artifacts/$t/)"
    status=1
  fi
done
exit "$status"
