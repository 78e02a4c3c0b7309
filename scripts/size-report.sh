#!/usr/bin/env bash
# Size report for the release bundle: raw, gzip -9 and brotli -q 11 bytes of
# every .wasm, .js and .css file, then the totals checked against a budget.
#
#   scripts/size-report.sh [DIR]        # DIR defaults to dist
#
# Output, one line per file (sorted by path) and a total:
#   size file=<name> raw=<bytes> gzip=<bytes> brotli=<bytes>
#   size total raw=<bytes> gzip=<bytes> brotli=<bytes> budget_brotli=<bytes>
#
# Exits 1 if the total brotli size exceeds the budget, which is
# NINES_BROTLI_BUDGET_BYTES (default 430000), or if `brotli` is missing
# (Debian/Ubuntu: apt-get install brotli); 2 on bad usage.
set -euo pipefail

dir="${1:-dist}"
budget="${NINES_BROTLI_BUDGET_BYTES:-430000}"

if [[ $# -gt 1 ]]; then
  echo "usage: $0 [DIR]" >&2
  exit 2
fi
if ! [[ "$budget" =~ ^[0-9]+$ ]]; then
  echo "size-report: NINES_BROTLI_BUDGET_BYTES must be a whole number of bytes, got '$budget'" >&2
  exit 2
fi
[[ "$dir" != "/" ]] && dir="${dir%/}"
if [[ ! -d "$dir" ]]; then
  echo "size-report: no such directory: $dir (run 'make build' first?)" >&2
  exit 2
fi
if ! command -v brotli >/dev/null 2>&1; then
  echo "size-report: the 'brotli' command is missing; install it (Debian/Ubuntu: apt-get install brotli)" >&2
  exit 1
fi
if ! command -v gzip >/dev/null 2>&1; then
  echo "size-report: the 'gzip' command is missing" >&2
  exit 1
fi

total_raw=0
total_gz=0
total_br=0
count=0

while IFS= read -r -d '' file; do
  name="${file#"$dir"/}"
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c -- "$file" | wc -c)
  br=$(brotli -c -q 11 -- "$file" | wc -c)
  # wc pads with spaces on some systems; arithmetic strips them.
  raw=$((raw)); gz=$((gz)); br=$((br))
  echo "size file=$name raw=$raw gzip=$gz brotli=$br"
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  total_br=$((total_br + br))
  count=$((count + 1))
done < <(find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0 | LC_ALL=C sort -z)

echo "size total raw=$total_raw gzip=$total_gz brotli=$total_br budget_brotli=$budget"

if [[ $count -eq 0 ]]; then
  echo "size-report: warning: no .wasm, .js or .css files under $dir" >&2
fi
if (( total_br > budget )); then
  echo "size-report: FAIL: total brotli size $total_br bytes exceeds the budget of $budget bytes by $((total_br - budget)) bytes (set NINES_BROTLI_BUDGET_BYTES to change the budget)" >&2
  exit 1
fi
