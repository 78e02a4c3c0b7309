#!/usr/bin/env node
// Chart drawing speed: Nines (WASM) beside uPlot in one headless Chromium (`make bench-charts`).
//
//   node scripts/bench-charts.mjs [--runs N] [--no-docs]
//
// Needs target/bench-chart/bench_chart.js and bench_chart_bg.wasm (wasm-bindgen's output for
// examples/bench_chart.rs; the Makefile builds them) and node_modules/uplot (npm ci). Copies the
// page (bench/charts.html, bench/charts.mjs) and uPlot next to them, serves that directory with
// scripts/serve.mjs, and runs the cases in the system Chromium. Prints one line per case,
//
//   bench case=<name> points=<n> nines_ms=<median> uplot_ms=<median> ratio=<nines/uplot>
//
// (timelines: Nines only, `points` = intervals), then rewrites the chart-bench section of
// docs/performance.md with the table, the machine and the targets.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { machine, parseArgs, ROOT, serve, writeDocsSection } from './bench-common.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const OUT = path.join(ROOT, 'target', 'bench-chart');
const DOCS = path.join(ROOT, 'docs', 'performance.md');
const START = '<!-- chart-bench:start -->';
const END = '<!-- chart-bench:end -->';

const SIZES = [1e4, 1e5, 1e6, 1e7];
const VIEW_SIZES = new Set([1e6, 1e7]);
const INTERVALS = [1e3, 1e4, 1e5];

/** Puts the page and uPlot beside the wasm-bindgen output. */
function assemble() {
  for (const file of ['bench_chart.js', 'bench_chart_bg.wasm']) {
    if (!existsSync(path.join(OUT, file))) {
      console.error(`bench-charts: ${path.relative(ROOT, OUT)}/${file} is missing; run make bench-charts`);
      process.exit(1);
    }
  }
  const uplot = path.join(ROOT, 'node_modules', 'uplot', 'dist');
  const copies = [
    [path.join(ROOT, 'bench', 'charts.html'), 'index.html'],
    [path.join(ROOT, 'bench', 'charts.mjs'), 'charts.mjs'],
    [path.join(uplot, 'uPlot.esm.js'), 'uPlot.esm.js'],
    [path.join(uplot, 'uPlot.min.css'), 'uPlot.min.css'],
  ];
  for (const [from, to] of copies) copyFileSync(from, path.join(OUT, to));
}

const ms = (value) => value.toFixed(3);

function line(r) {
  const head = `bench case=${r.case} points=${r.points} nines_ms=${ms(r.nines_ms)}`;
  if (r.uplot_ms == null) return head;
  return `${head} uplot_ms=${ms(r.uplot_ms)} ratio=${(r.nines_ms / r.uplot_ms).toFixed(3)}`;
}

/** The target a case is held to, and whether it is met; null when it has none. */
function target(r) {
  const ratio = r.uplot_ms ? r.nines_ms / r.uplot_ms : null;
  if (r.case === 'redraw') {
    const limit = { 1e5: 0.7, 1e6: 0.5, 1e7: 0.25 }[r.points];
    if (limit) return { text: `ratio ≤ ${limit}`, met: ratio <= limit };
  }
  if ((r.case === 'zoom' || r.case === 'pan') && r.points === 1e7) {
    return { text: 'every frame ≤ 16 ms', met: r.nines_max_ms <= 16 };
  }
  if (r.case === 'timeline' && r.points === 1e5) {
    return { text: '≤ 2 ms', met: r.nines_ms <= 2 };
  }
  return null;
}

function table(results, info, runs) {
  const count = (n) => n.toLocaleString('en-US');
  const rows = results.map((r) => {
    const t = target(r);
    const frames = r.case === 'zoom' || r.case === 'pan';
    const nines = frames ? `${ms(r.nines_ms)} (max ${ms(r.nines_max_ms)})` : ms(r.nines_ms);
    const uplot = r.uplot_ms == null ? '—' : frames ? `${ms(r.uplot_ms)} (max ${ms(r.uplot_max_ms)})` : ms(r.uplot_ms);
    const ratio = r.uplot_ms == null ? '—' : (r.nines_ms / r.uplot_ms).toFixed(3);
    const met = t ? `${t.text} — **${t.met ? 'met' : 'missed'}**` : '—';
    const what = r.case === 'timeline' ? `${count(r.points)} intervals` : count(r.points);
    return `| ${r.case} | ${what} | ${nines} | ${uplot} | ${ratio} | ${met} |`;
  });
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    START,
    `Measured ${date} (UTC) by \`make bench-charts\` on ${info.arch}, ${info.model}, ${info.cores} cores,`,
    `Chromium ${info.chromium} headless (\`--disable-gpu\`); 1920×600 CSS px at devicePixelRatio 1; uPlot 1.6.32.`,
    `Times in ms: medians of ${runs} runs (zoom and pan: the median frame of two passes over 20 frames, and the`,
    'slowest frame), each draw followed by a 1×1 `getImageData` on its canvas.',
    '',
    '| case | points | Nines (WASM) | uPlot | ratio | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    END,
  ].join('\n');
}

const opts = parseArgs('bench-charts', process.argv.slice(2), { runs: 11, minRuns: 10 });
assemble();
const server = await serve(OUT, '/');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 2000, height: 1400 }, deviceScaleFactor: 1 });
  page.on('console', (message) => console.error(`page: ${message.text()}`));
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  for (const points of SIZES) {
    const cases = await page.evaluate(
      ([n, runs, views]) => window.benchSeries(n, runs, views),
      [points, opts.runs, VIEW_SIZES.has(points)],
    );
    for (const r of cases) {
      results.push(r);
      console.log(line(r));
    }
  }
  for (const intervals of INTERVALS) {
    const r = await page.evaluate(([n, runs]) => window.benchTimeline(n, runs), [intervals, opts.runs]);
    results.push(r);
    console.log(line(r));
  }
  if (opts.docs) {
    writeDocsSection('chart-bench', 'Charts', table(results, machine(browser.version()), opts.runs));
    console.error(`bench-charts: wrote the chart-bench section of ${path.relative(ROOT, DOCS)}`);
  }
} finally {
  await browser.close();
  server.stop();
}
