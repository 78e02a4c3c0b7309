#!/usr/bin/env node
// Analysis speed (natively and in headless Chromium) and the collector's history merge (natively):
// runs the three benchmarks once each — every one times 11 runs of each case in one process and
// prints its median, min and quartiles — and rewrites the analysis and history tables of
// docs/performance.md (--no-docs: print only).
//
//   node scripts/bench-analysis.mjs [--no-docs]
//
// Environment: CHROMEDRIVER (default /usr/bin/chromedriver), CHROMIUM (default /usr/bin/chromium).

import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { benchLines, measuredOn, parseArgs, ROOT, writeDocsSection } from './bench-common.mjs';
import { CHROMIUM_PATH } from './chromium.mjs';

function run(command, args, env = {}) {
  const output = execFileSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = benchLines(output);
  if (lines.length === 0) throw new Error(`no bench lines from ${command} ${args.join(' ')}:\n${output}`);
  return lines;
}

/** `median (min, p25–p75) ms` of a line's `{name}_ms` fields. */
function spread(line, name) {
  if (!line || typeof line[`${name}_ms`] !== 'number') return '–';
  return `${line[`${name}_ms`].toFixed(1)} ms (${line[`${name}_min_ms`].toFixed(1)}, ${line[`${name}_iqr_ms`].replace('-', '–')})`;
}

function target(line, name) {
  if (!line || typeof line.target_ms !== 'number') return '—';
  return `≤ ${line.target_ms} ms — ${line[`${name}_ms`] <= line.target_ms ? 'met' : 'missed'}`;
}

const NATIVE = ['cargo', ['run', '--quiet', '--release', '--no-default-features', '--example', 'bench_analysis']];
const WASM = ['cargo', ['test', '--release', '--target', 'wasm32-unknown-unknown', '--test', 'bench_analysis', '--', '--nocapture']];
const HISTORY = ['cargo', ['run', '--quiet', '--release', '--no-default-features', '--example', 'bench_history']];

const opts = parseArgs('bench-analysis', process.argv.slice(2), { runs: 1, minRuns: 1 });
const started = new Date();
const native = run(...NATIVE);
const wasm = run(...WASM, { CHROMEDRIVER: process.env.CHROMEDRIVER || '/usr/bin/chromedriver' });
const history = run(...HISTORY);
for (const line of [...native, ...wasm, ...history]) {
  console.log(`bench ${Object.entries(line).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
if (opts.docs) {
  const version = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).match(/\d+(\.\d+)+/)?.[0] ?? 'unknown';
  const where = measuredOn(version, started);
  const cases = [...new Set([...native, ...wasm].map((l) => l.case))];
  const analysis = cases.map((name) => {
    const [w, n] = [wasm.find((l) => l.case === name), native.find((l) => l.case === name)];
    return `| ${name} | ${spread(w, 'nines')} | ${spread(n, 'native')} | ${target(w, 'nines')} |`;
  });
  writeDocsSection(
    'analysis-bench',
    'Analysis',
    [
      '<!-- analysis-bench:start -->',
      `Measured by \`make bench\` (\`node scripts/bench-analysis.mjs\`) on ${where} headless; release builds (\`${NATIVE[0]} ${NATIVE[1].join(' ')}\` and \`${WASM[0]} ${WASM[1].join(' ')}\`). Each case runs 11 times in one process: median (min, p25–p75).`,
      '',
      '| case | Nines (WASM, Chromium) | native | target (WASM) |',
      '| --- | ---: | ---: | ---: |',
      ...analysis,
      '<!-- analysis-bench:end -->',
    ].join('\n'),
  );
  const rows = history.map((l) => `| ${l.case} | ${spread(l, 'native')} | ${target(l, 'native')} |`);
  writeDocsSection(
    'history-bench',
    'Collected history',
    [
      '<!-- history-bench:start -->',
      `Measured by \`make bench\` (\`node scripts/bench-analysis.mjs\`) on ${where.replace(/, Chromium .*/, '')}; \`${HISTORY[0]} ${HISTORY[1].join(' ')}\`. Each case runs 11 times in one process: median (min, p25–p75).`,
      '',
      '| case | native | target |',
      '| --- | ---: | ---: |',
      ...rows,
      '<!-- history-bench:end -->',
    ].join('\n'),
  );
  console.error('bench-analysis: wrote the analysis and history sections of docs/performance.md');
}
