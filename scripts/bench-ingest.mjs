// Ingest speed, natively and in headless Chromium, run several times in one go so that the
// figures hold on a shared, noisy machine: each run of the browser benchmark
// (tests/bench_ingest.rs) takes medians of 11 interleaved timings of Nines and of the baselines on
// the same bytes; this script runs it --runs times (default 5) and reports, per case, the median
// ratio with its range over the runs. The native benchmark (examples/bench_ingest.rs) runs as
// often. Prints `bench …` lines and rewrites the ingest section of docs/performance.md
// (--no-docs: print only).
//
//   node scripts/bench-ingest.mjs [--runs N] [--no-docs]
//
// Environment: CHROMEDRIVER (default /usr/bin/chromedriver), CHROMIUM (default /usr/bin/chromium).

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import process from 'node:process';
import { benchLines, machine, median, parseArgs, ROOT, writeDocsSection } from './bench-common.mjs';
import { CHROMIUM_PATH } from './chromium.mjs';

/**
 * The product's targets for Nines's time over decode + `JSON.parse`, for the bytes hand-over (the
 * dashboard's): the native format at most half, the formats people publish at most equal.
 */
const TARGET = { 'native-1M-samples': 0.5, 'prometheus-1M-points': 1.0, 'statuspage-1000-incidents': 1.0 };

function run(command, args, env = {}) {
  return execFileSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const range = (s, digits) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;

function main() {
  const opts = parseArgs('bench-ingest', process.argv.slice(2), { runs: 5, minRuns: 3 });
  const chromedriver = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
  const loadBefore = os.loadavg()[0];
  const started = new Date();
  const wasm = [];
  const native = [];
  for (let i = 0; i < opts.runs; i++) {
    native.push(...benchLines(run('cargo', ['run', '--quiet', '--release', '--no-default-features', '--example', 'bench_ingest'])));
    const output = run(
      'cargo',
      ['test', '--release', '--target', 'wasm32-unknown-unknown', '--test', 'bench_ingest', '--', '--nocapture'],
      { CHROMEDRIVER: chromedriver },
    );
    const lines = benchLines(output);
    if (lines.length === 0) throw new Error(`no bench lines in the browser run:\n${output}`);
    wasm.push(...lines);
    console.error(`bench-ingest: run ${i + 1} of ${opts.runs} done`);
  }
  const loadAfter = os.loadavg()[0];

  // Per case and way in, over the runs.
  const keys = [...new Set(wasm.map((l) => `${l.case} ${l.from}`))];
  const rows = keys.map((key) => {
    const lines = wasm.filter((l) => `${l.case} ${l.from}` === key);
    const first = lines[0];
    const columns = lines.every((l) => typeof l.decode_parse_columns_ms === 'number');
    return {
      case: first.case,
      from: first.from,
      bytes: first.bytes,
      nines_ms: spread(lines.map((l) => l.nines_ms)),
      decode_parse_ms: spread(lines.map((l) => l.decode_parse_ms)),
      ratio: spread(lines.map((l) => l.nines_ms / l.decode_parse_ms)),
      ratio_columns: columns ? spread(lines.map((l) => l.nines_ms / l.decode_parse_columns_ms)) : null,
    };
  });
  for (const r of rows) {
    const columns = r.ratio_columns ? ` ratio_columns=${fixed(r.ratio_columns.median, 2)}` : '';
    console.log(
      `bench case=${r.case} target=wasm from=${r.from} runs=${opts.runs} nines_ms=${fixed(r.nines_ms.median, 2)} decode_parse_ms=${fixed(r.decode_parse_ms.median, 2)} ratio=${fixed(r.ratio.median, 2)} ratio_min=${fixed(r.ratio.min, 2)} ratio_max=${fixed(r.ratio.max, 2)}${columns}`,
    );
  }
  const nativeCases = [...new Set(native.filter((l) => typeof l.median_ms === 'number').map((l) => l.case))].map((name) => {
    const lines = native.filter((l) => l.case === name && typeof l.median_ms === 'number');
    return { case: name, bytes: lines[0].bytes, ms: spread(lines.map((l) => l.median_ms)), mb_per_s: spread(lines.map((l) => l.mb_per_s)) };
  });
  for (const n of nativeCases) {
    console.log(`bench case=${n.case} target=native runs=${opts.runs} median_ms=${fixed(n.ms.median, 1)} min_ms=${fixed(n.ms.min, 1)} max_ms=${fixed(n.ms.max, 1)}`);
  }
  const memory = native.find((l) => typeof l.peak_heap_bytes === 'number');
  const shares = native.find((l) => typeof l.up === 'number');

  if (opts.docs) {
    const chromium = run(CHROMIUM_PATH, ['--version']).trim();
    const m = machine(chromium);
    writeDocsSection('ingest-bench', 'Ingest', section({ rows, nativeCases, memory, shares, m, started, loadBefore, loadAfter, runs: opts.runs }));
  }
}

function section({ rows, nativeCases, memory, shares, m, started, loadBefore, loadAfter, runs }) {
  const pct = (share) => `${(share * 100).toFixed(1)} %`;
  const wasmRows = rows.map((r) => {
    const columns = r.ratio_columns ? range(r.ratio_columns, 2) : '–';
    const target = TARGET[r.case];
    const met =
      r.from !== 'bytes' || target === undefined
        ? ''
        : `≤ ${target.toFixed(1)}: ${r.ratio.median <= target ? 'met' : `missed (${(r.ratio.median / target).toFixed(2)}× the target)`}`;
    return `| ${r.case} | ${r.from} | ${(r.bytes / 1e6).toFixed(1)} MB | ${fixed(r.nines_ms.median, 1)} ms | ${fixed(r.decode_parse_ms.median, 1)} ms | **${range(r.ratio, 2)}** | ${columns} | ${met} |`;
  });
  const nativeRows = nativeCases.map((n) => `| ${n.case} | ${(n.bytes / 1e6).toFixed(1)} MB | ${range(n.ms, 1)} ms | ${fixed(n.mb_per_s.median, 0)} MB/s |`);
  return [
    '<!-- ingest-bench:start -->',
    `Measured by \`make bench\` (\`node scripts/bench-ingest.mjs\`) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${m.cores} cores (${m.model}, ${m.arch}), load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after, ${m.chromium} headless; the release build as shipped. ${runs} runs of each benchmark; each browser run takes the median of 11 interleaved timings, and the order of the timed readers moves on by one at every timing.`,
    '',
    'Inputs, generated deterministically by `tests/support/bench_data.rs`:',
    '',
    `- **native-1M-samples**: a Nines-format file with 10 one-minute series, 1,000,000 samples in all, shaped like real probes${shares ? ` (${pct(shares.up)} up, ${pct(shares.down)} down, ${pct(shares.partial)} partly up, ${pct(shares.no_data)} without data, in episodes of 1 to 60 minutes; a response time for ${pct(shares.with_latency)} of them)` : ''}.`,
    '- **prometheus-1M-points**: a Prometheus `query_range` answer of `probe_success` for 10 instances, one point a minute, 1,000,000 minutes in all, about 2 % of them `0` in episodes of 1 to 60 minutes and 1 % missing.',
    '- **statuspage-1000-incidents**: a Statuspage `incidents.json` with 1,000 incidents, each with three updates naming two components.',
    '',
    'In Chromium, Nines\'s time includes copying the fetched body into Rust, in the two ways the dashboard can hand it over: `bytes` is `response.arrayBuffer()` copied into a `Vec<u8>` and read by `ingest::parse_bytes`; `js-string` is `response.text()` copied into a `String` (UTF-16 to UTF-8) and read by `ingest::parse`. The baseline is what a page without Nines does with the same bytes: `TextDecoder.decode` + `JSON.parse`; the second baseline also builds a `Float32Array` for every sample column (`up` and `latency_ms`), as Nines hands them to the charts. Ratios are Nines\'s time over the baseline\'s, median (range) over the runs:',
    '',
    '| case | hand-over | bytes | Nines | decode + `JSON.parse` | ratio | ratio to decode + parse + `Float32Array` columns | target (bytes) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...wasmRows,
    '',
    'Natively (`cargo run --release --no-default-features --example bench_ingest`), the median time of 11 parses, median (range) over the runs:',
    '',
    '| case | bytes | time | throughput |',
    '| --- | ---: | ---: | ---: |',
    ...nativeRows,
    ...(memory
      ? [
          '',
          `Peak heap while reading native-1M-samples, counted exactly by a counting global allocator in the native benchmark: **${memory.peak_heap_bytes.toLocaleString('en-US')} bytes** beyond the input text, ${memory.ratio_to_input.toFixed(3)}× its ${memory.input_bytes.toLocaleString('en-US')} bytes.`,
        ]
      : []),
    '<!-- ingest-bench:end -->',
  ].join('\n');
}

main();
