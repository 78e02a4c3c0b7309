#!/usr/bin/env node
// Chart drawing speed: Nines (WASM) beside uPlot in one headless Chromium (`make bench-charts`).
//
//   node scripts/bench-charts.mjs [--runs N] [--no-docs]
//
// Needs target/bench-chart/bench_chart.js and bench_chart_bg.wasm (wasm-bindgen's output for
// examples/bench_chart.rs; the Makefile builds them) and node_modules/uplot (npm ci). Copies the
// page (bench/charts.html, bench/charts.mjs) and uPlot next to them, serves that directory with
// `scripts/serve.mjs --isolate` (the page refuses to time without cross-origin isolation), and
// runs every case in each of LOADS page loads (a new page each; every size warmed up untimed
// first; N timed runs of each case per load) in the system Chromium. First it checks, once per
// timeline size, that the timeline draws hatching and titles. Prints one line per case, over all
// runs of all loads,
//
//   bench case=<name> points=<n> nines_ms=<median> nines_min_ms=<min> nines_iqr_ms=<p25>-<p75>
//     uplot_ms=<median> ratio=<nines/uplot medians>
//
// (on one line; timelines: Nines only, `points` = intervals), then rewrites the chart-bench
// section of docs/performance.md with the table, the machine and the targets.
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

const SIZES = [1e3, 1e4, 1e5, 1e6, 1e7];
/** Sizes also run in a page at devicePixelRatio 2. */
const DPR2_SIZES = [1e6];
const VIEW_SIZES = new Set([1e6, 1e7]);
const INTERVALS = [1e3, 1e4, 1e5];
/** Page loads, each running every case. */
const LOADS = 3;

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

/** The `q` quantile of `values` (0 ≤ q ≤ 1), interpolated linearly between closest ranks. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** One case's samples from every load summed up: min, p25, median, p75 and max (ms). */
function summary(first, samples) {
  const spread = (values) =>
    values && {
      min: Math.min(...values),
      p25: quantile(values, 0.25),
      median: quantile(values, 0.5),
      p75: quantile(values, 0.75),
      max: Math.max(...values),
    };
  const nines = spread(samples.flatMap((s) => s.nines));
  const uplot = first.uplot ? spread(samples.flatMap((s) => s.uplot)) : null;
  return {
    case: first.case,
    points: first.points,
    samples: samples.reduce((sum, s) => sum + s.nines.length, 0),
    nines_ms: nines.median,
    nines_min_ms: nines.min,
    nines_p25_ms: nines.p25,
    nines_p75_ms: nines.p75,
    nines_max_ms: nines.max,
    uplot_ms: uplot ? uplot.median : null,
    uplot_max_ms: uplot ? uplot.max : null,
  };
}

function line(r) {
  const head =
    `bench case=${r.case} points=${r.points} nines_ms=${ms(r.nines_ms)} nines_min_ms=${ms(r.nines_min_ms)}` +
    ` nines_iqr_ms=${ms(r.nines_p25_ms)}-${ms(r.nines_p75_ms)}`;
  const max = r.case.startsWith('zoom') || r.case.startsWith('pan') ? ` nines_max_ms=${ms(r.nines_max_ms)}` : '';
  if (r.uplot_ms == null) return head + max;
  return `${head}${max} uplot_ms=${ms(r.uplot_ms)} ratio=${(r.nines_ms / r.uplot_ms).toFixed(3)}`;
}

/** The target a case is held to, and whether it is met; null when it has none. */
function target(r) {
  const ratio = r.uplot_ms ? r.nines_ms / r.uplot_ms : null;
  if (r.case === 'redraw') {
    const limit = { 1e5: 0.7, 1e6: 0.5, 1e7: 0.25 }[r.points];
    if (limit) return { text: `ratio ≤ ${limit}`, met: ratio <= limit };
  }
  if (r.case === 'cold' && (r.points === 1e6 || r.points === 1e7)) {
    return { text: 'ratio ≤ 0.5', met: ratio <= 0.5 };
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
    const frames = r.case.startsWith('zoom') || r.case.startsWith('pan');
    const nines = frames ? `${ms(r.nines_ms)} (max ${ms(r.nines_max_ms)})` : ms(r.nines_ms);
    const iqr = `${ms(r.nines_p25_ms)}–${ms(r.nines_p75_ms)}`;
    const uplot = r.uplot_ms == null ? '—' : frames ? `${ms(r.uplot_ms)} (max ${ms(r.uplot_max_ms)})` : ms(r.uplot_ms);
    const ratio = r.uplot_ms == null ? '—' : (r.nines_ms / r.uplot_ms).toFixed(3);
    const met = t ? `${t.text} — **${t.met ? 'met' : 'missed'}**` : '—';
    const what = r.case === 'timeline' ? `${count(r.points)} intervals` : count(r.points);
    return `| ${r.case} | ${what} | ${ms(r.nines_min_ms)} | ${nines} | ${iqr} | ${uplot} | ${ratio} | ${met} |`;
  });
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    START,
    `Measured ${date} (UTC) by \`make bench-charts\` on ${info.arch}, ${info.model}, ${info.cores} cores,`,
    `Chromium ${info.chromium} headless (\`--disable-gpu\`); 1920×600 CSS px at devicePixelRatio 1 (cases marked`,
    `DPR 2: 2, in a page load of their own after the others); uPlot 1.6.32. Both sides draw the same up-ratios`,
    '(0, 0.75 and 1, about 0.1 % missing) with y fixed at [0, 1]; unmarked cases fill dense columns on both',
    'sides (uPlot through the band `paths` builder in `bench/charts.mjs`), *stroked* ones stroke on both.',
    `Times in ms over ${LOADS} page loads, each running every case after untimed warm-up draws of its size:`,
    `${runs} runs a load (zoom and pan: two passes over 20 frames a load, every frame a sample), each draw`,
    'followed by a 1×1 `getImageData` on its canvas, timed with `performance.now()` in a cross-origin',
    'isolated page. Nines: the min, the median (zoom and pan: with the slowest frame) and the',
    'interquartile range p25–p75 of all samples; uPlot: the median; ratio: of the medians.',
    '',
    '| case | points | Nines min | Nines median | Nines p25–p75 | uPlot median | ratio | target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    END,
  ].join('\n');
}

const opts = parseArgs('bench-charts', process.argv.slice(2), { runs: 11, minRuns: 10 });
assemble();
const server = await serve(OUT, '/', { isolate: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  /** A new page with the benchmark loaded, cross-origin isolated. */
  const openPage = async (deviceScaleFactor = 1) => {
    const page = await browser.newPage({ viewport: { width: 2000, height: 1400 }, deviceScaleFactor });
    page.on('console', (message) => console.error(`page: ${message.text()}`));
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(server.url);
    if ((await page.evaluate(() => window.crossOriginIsolated)) !== true) {
      throw new Error('bench-charts: the page is not cross-origin isolated; performance.now() would be coarsened');
    }
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    return page;
  };

  const check = await openPage();
  for (const intervals of INTERVALS) {
    const drawn = await check.evaluate((n) => window.checkTimeline(n), intervals);
    console.error(
      `bench-charts: timeline of ${intervals} intervals draws hatching (${drawn.hatch_px} px) and titles (${drawn.title_px} px)`,
    );
  }
  // Both sides must draw the same line: within 25 % in pixels of the line's colour (the plots differ a
  // little in size, and Nines's frame covers part of a line at 1).
  for (const points of [1e5, 1e6]) {
    const drawn = await check.evaluate((n) => window.checkSeries(n), points);
    for (const [how, [ninesPx, uplotPx]] of Object.entries(drawn)) {
      console.error(`bench-charts: ${points} points ${how}: Nines ${ninesPx} px, uPlot ${uplotPx} px of the line's colour`);
      if (Math.abs(ninesPx - uplotPx) > 0.25 * Math.max(ninesPx, uplotPx)) {
        throw new Error(`bench-charts: ${how}, the two sides draw different lines (${ninesPx} px against ${uplotPx} px)`);
      }
    }
  }
  await check.close();

  // Every case's samples, one entry per load, in the order the cases ran.
  const samples = new Map();
  const keep = (r) => {
    const key = `${r.case} ${r.points}`;
    if (!samples.has(key)) samples.set(key, []);
    samples.get(key).push(r);
  };
  for (let load = 0; load < LOADS; load++) {
    const page = await openPage();
    for (const points of SIZES) {
      const cases = await page.evaluate(
        ([n, runs, views]) => window.benchSeries(n, runs, views),
        [points, opts.runs, VIEW_SIZES.has(points)],
      );
      cases.forEach(keep);
    }
    for (const intervals of INTERVALS) {
      keep(await page.evaluate(([n, runs]) => window.benchTimeline(n, runs), [intervals, opts.runs]));
    }
    await page.close();
    console.error(`bench-charts: page load ${load + 1} of ${LOADS} done`);
  }
  for (let load = 0; load < LOADS; load++) {
    const page = await openPage(2);
    for (const points of DPR2_SIZES) {
      const cases = await page.evaluate(
        ([n, runs]) => window.benchSeries(n, runs, false, ' (DPR 2)'),
        [points, opts.runs],
      );
      cases.forEach(keep);
    }
    await page.close();
    console.error(`bench-charts: DPR 2 page load ${load + 1} of ${LOADS} done`);
  }
  const results = [...samples.values()].map((loads) => summary(loads[0], loads));
  for (const r of results) console.log(line(r));
  if (opts.docs) {
    writeDocsSection('chart-bench', 'Charts', table(results, machine(browser.version()), opts.runs));
    console.error(`bench-charts: wrote the chart-bench section of ${path.relative(ROOT, DOCS)}`);
  }
} finally {
  await browser.close();
  server.stop();
}
