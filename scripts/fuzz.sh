#!/usr/bin/env bash
# Runs the parse fuzz target for a bounded time (default 60 s), seeded with every test fixture.
# Needs a nightly toolchain (cargo-fuzz uses sanitizers); without one it says so and skips.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${NINES_FUZZ_SECONDS:-60}"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: skipped — no nightly toolchain (rustup toolchain install nightly to run it)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi
corpus=fuzz/corpus/parse
mkdir -p "$corpus"
find tests/fixtures public/data public/schema -type f ! -name '*.md' -size -1000k -exec cp {} "$corpus"/ \;
echo "fuzz: parse for ${seconds} s, seeded with $(ls "$corpus" | wc -l) files"
log=fuzz/last-run.log
status=0
cargo +nightly fuzz run parse "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=1048576 \
  >"$log" 2>&1 || status=$?
grep -E '^(Done|#[0-9]+ +DONE)|panicked|ERROR|SUMMARY' "$log" || true
if [ "$status" -ne 0 ]; then
  tail -40 "$log"
  echo "fuzz: the parser crashed; the input is in fuzz/artifacts/parse/ (full log: $log)"
  exit "$status"
fi
echo "fuzz: no crash in ${seconds} s"
