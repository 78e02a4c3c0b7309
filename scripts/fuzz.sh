#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: `parse` (any format, auto-detected), one target per
# importer (the importer on its own, and what it reads through the worker handoff and the native
# round trip), and `config` (the dashboard config reader). Each is seeded with the fixtures of its
# format and runs NINES_FUZZ_SECONDS (default 15) seconds; NINES_FUZZ_TARGETS picks some
# (space-separated names). Needs a nightly toolchain (cargo-fuzz uses sanitizers); without one it
# says so and skips.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${NINES_FUZZ_SECONDS:-15}"
targets="${NINES_FUZZ_TARGETS:-parse native statuspage prometheus upptime msgraph o365_legacy gcp gatus uptime_kuma config}"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: skipped — no nightly toolchain (rustup toolchain install nightly to run it)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi

# The seed files of a target.
seeds() {
  case "$1" in
    parse) find tests/fixtures public/data public/schema -type f ! -name '*.md' -size -1000k ;;
    native) find public/data -name '*.json' ;;
    o365_legacy) find tests/fixtures/msgraph -name 'o365-legacy_*' ;;
    msgraph) find tests/fixtures/msgraph -name '*.json' ! -name 'o365-legacy_*' ;;
    uptime_kuma) find tests/fixtures/uptimekuma -type f ! -name '*.md' ;;
    config) find public -name 'config.json' -o -path '*/config-examples/*.json' ;;
    *) find "tests/fixtures/$1" -type f ! -name '*.md' ;;
  esac
}

echo "fuzz: building the targets"
cargo +nightly fuzz build >fuzz/last-build.log 2>&1 || { tail -40 fuzz/last-build.log; exit 1; }
for target in $targets; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  seeds "$target" | while read -r file; do cp "$file" "$corpus/"; done
  if [ "$target" = native ]; then
    # Every fixture as `nines convert` writes it: small native files of every shape.
    cargo build --quiet --no-default-features --bin nines
    find tests/fixtures -name '*.json' | while read -r file; do
      out="$corpus/converted-$(basename "$file")"
      "${CARGO_TARGET_DIR:-target}/debug/nines" convert "$file" --to nines >"$out" 2>/dev/null || rm -f "$out"
    done
  fi
  log="fuzz/last-run-$target.log"
  status=0
  cargo +nightly fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=1048576 \
    >"$log" 2>&1 || status=$?
  runs=$(grep -Eo '^#[0-9]+[[:space:]]+DONE' "$log" | grep -Eo '[0-9]+' || echo "?")
  if [ "$status" -ne 0 ]; then
    grep -E 'panicked|ERROR|SUMMARY' "$log" || true
    tail -40 "$log"
    echo "fuzz: $target crashed; the input is in fuzz/artifacts/$target/ (full log: $log)"
    exit "$status"
  fi
  echo "fuzz: $target — no crash in ${seconds} s (${runs} runs, corpus of $(ls "$corpus" | wc -l) files)"
done
